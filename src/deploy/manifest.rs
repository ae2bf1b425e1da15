//! What a target holds, as the last finished deploy left it: the SHA-256 and size of
//! every file, kept on the target itself and written last, so that a deploy that was
//! stopped part way leaves the old manifest and is simply run again. Comparing it with
//! the output folder says what to send and what to delete.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's name on the target, beside the site's files.
pub const MANIFEST: &str = ".gongkai-manifest.json";

/// Every file of a site, by path relative to its root (`notices/a/index.html`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub files: BTreeMap<String, FileEntry>,
}

/// One file's hash and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub sha256: String,
    pub size: u64,
}

impl Manifest {
    /// Hashes every file of an output folder (the manifest's own name excepted).
    pub fn of_folder(out: &Path) -> Result<Manifest, String> {
        use rayon::prelude::*;
        let mut rels = Vec::new();
        for e in ignore::WalkBuilder::new(out)
            .standard_filters(false)
            .build()
        {
            let e = e.map_err(|e| e.to_string())?;
            if !e.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            if let Ok(rel) = e.path().strip_prefix(out) {
                let rel = crate::text::rel_string(rel);
                if rel != MANIFEST {
                    rels.push(rel);
                }
            }
        }
        let files = rels
            .into_par_iter()
            .map(|rel| {
                let bytes = std::fs::read(out.join(&rel))
                    .map_err(|e| format!("{}: {e}", out.join(&rel).display()))?;
                let entry = FileEntry {
                    sha256: crate::content::hex(&Sha256::digest(&bytes)),
                    size: bytes.len() as u64,
                };
                Ok((rel, entry))
            })
            .collect::<Result<BTreeMap<_, _>, String>>()?;
        Ok(Manifest { files })
    }

    /// Reads a manifest's text.
    pub fn parse(text: &[u8]) -> Result<Manifest, String> {
        serde_json::from_slice(text).map_err(|e| e.to_string())
    }

    /// The manifest's text.
    pub fn to_text(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// What a deploy does.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to send, in order: the files pages use first, then the pages, then
    /// `disclosure.json`, so that a reader never meets a page whose files are not there.
    pub send: Vec<String>,
    /// Bytes to send.
    pub bytes: u64,
    /// Files the target has already, unchanged.
    pub unchanged: usize,
    /// Files the build no longer makes, to delete (`--delete`).
    pub delete: Vec<String>,
    /// Files the build no longer makes, kept because `--delete` was not given.
    pub stale: Vec<String>,
    /// Files the build no longer makes, kept because they are a page (or its source
    /// or attachment) of a document the record lists.
    pub recorded: Vec<String>,
    /// The manifest the target has once the deploy is done.
    pub next: Manifest,
}

/// Compares the output with the target's manifest. `recorded` holds the folders of
/// the documents the record lists (`notices/a/`).
pub fn plan(
    local: &Manifest,
    remote: &Manifest,
    recorded: &BTreeSet<String>,
    delete: bool,
) -> Plan {
    let mut p = Plan {
        next: local.clone(),
        ..Plan::default()
    };
    for (rel, entry) in &local.files {
        if remote.files.get(rel) == Some(entry) {
            p.unchanged += 1;
        } else {
            p.send.push(rel.clone());
            p.bytes += entry.size;
        }
    }
    p.send.sort_by_key(|r| (rank(r), r.clone()));
    for (rel, entry) in &remote.files {
        if local.files.contains_key(rel) {
            continue;
        }
        let folder = rel.rsplit_once('/').map(|(f, _)| format!("{f}/"));
        if folder.is_some_and(|f| recorded.contains(&f)) {
            p.recorded.push(rel.clone());
        } else if delete {
            p.delete.push(rel.clone());
            continue;
        } else {
            p.stale.push(rel.clone());
        }
        // Still on the target: still in its manifest.
        p.next.files.insert(rel.clone(), entry.clone());
    }
    p
}

/// When a file is sent: 0 the files pages use, 1 pages and other files that list
/// documents, 2 the record.
pub fn rank(rel: &str) -> u8 {
    if rel == crate::disclosure::lock::PUBLISHED_FILE {
        2
    } else if super::headers::cache_control(rel) == super::headers::SHORT {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(files: &[(&str, &str)]) -> Manifest {
        Manifest {
            files: files
                .iter()
                .map(|(r, s)| {
                    (
                        r.to_string(),
                        FileEntry {
                            sha256: s.to_string(),
                            size: 1,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn sends_only_what_changed_and_keeps_recorded_pages() {
        let local = m(&[
            ("disclosure.json", "2"),
            ("a/index.html", "1"),
            ("style.css", "9"),
        ]);
        let remote = m(&[
            ("disclosure.json", "1"),
            ("a/index.html", "1"),
            ("style.css", "8"),
            ("old/index.html", "1"),
            ("notices/w/index.html", "1"),
        ]);
        let recorded: BTreeSet<String> = ["notices/w/".to_string()].into();
        let p = plan(&local, &remote, &recorded, true);
        assert_eq!(p.send, ["style.css", "disclosure.json"]);
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.delete, ["old/index.html"]);
        assert_eq!(p.recorded, ["notices/w/index.html"]);
        assert!(p.next.files.contains_key("notices/w/index.html"));
        assert!(!p.next.files.contains_key("old/index.html"));
        let p = plan(&local, &remote, &recorded, false);
        assert_eq!(p.stale, ["old/index.html"]);
        assert!(p.next.files.contains_key("old/index.html"));
    }
}
