//! `gongkai verify DIR`: checks a published folder against its `disclosure.json` —
//! every entry's hash, the chain, each standing document's `index.md` against the
//! SHA-256 recorded for it, and that no document's source is there without an entry.
//! Needs no site folder and no network.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::lock::{Record, PUBLISHED_FILE};
use crate::diagnostics::Diagnostic;

/// What a verification found.
#[derive(Debug)]
pub struct Verified {
    /// Entries in the record.
    pub entries: usize,
    /// Documents whose source was checked.
    pub documents: usize,
    /// The record's head hash.
    pub head: String,
    /// Each mismatch.
    pub problems: Vec<Diagnostic>,
}

/// Verifies a published folder.
pub fn verify(dir: &Path) -> Result<Verified, Vec<Diagnostic>> {
    let json = dir.join(PUBLISHED_FILE);
    let text = std::fs::read_to_string(&json).map_err(|e| {
        vec![Diagnostic::error(
            &json,
            0,
            0,
            crate::t!("verify-unreadable", reason = crate::i18n::io_reason(&e)),
        )
        .with_note(crate::i18n::help(crate::t!("verify-unreadable-help")))]
    })?;
    let record = Record::parse(&json, &text)?;
    let mut problems: Vec<Diagnostic> = record
        .chain_problems()
        .into_iter()
        .map(|(i, msg)| Diagnostic::error(&json, record.lines[i], 1, msg))
        .collect();
    let mut documents = 0;
    let latest = record.latest();
    // Every document's source is published as `<its folder>/index.md`: one that the
    // record does not have (or has as removed) was published around it.
    for rel in sources(dir) {
        let url = format!("/{}", rel.trim_end_matches("index.md"));
        let standing = latest
            .get(url.as_str())
            .is_some_and(|&i| record.entries[i].status != "removed");
        if !standing {
            problems.push(
                Diagnostic::error(
                    dir.join(&rel),
                    0,
                    0,
                    crate::t!("verify-not-recorded", url = &url),
                )
                .with_note(crate::t!("verify-not-recorded-note")),
            );
        }
    }
    for (url, i) in latest {
        let e = &record.entries[i];
        if e.status == "removed" {
            continue;
        }
        documents += 1;
        let rel = format!("{}index.md", url.trim_start_matches('/'));
        if url.split('/').any(|c| c == ".." || c == ".") || url.contains('\\') {
            problems.push(Diagnostic::error(
                &json,
                record.lines[i],
                1,
                crate::t!("verify-outside", no = &e.no, url = url),
            ));
            continue;
        }
        let file: PathBuf = dir.join(&rel);
        match std::fs::read(&file) {
            Ok(bytes) => {
                let sha = crate::content::hex(&Sha256::digest(&bytes));
                if sha != e.sha256 {
                    problems.push(Diagnostic::error(
                        &file,
                        0,
                        0,
                        crate::t!(
                            "verify-source-mismatch",
                            url = url,
                            no = &e.no,
                            sha = &sha,
                            recorded = &e.sha256,
                            day = &e.last_changed
                        ),
                    ));
                }
            }
            Err(err) => problems.push(Diagnostic::error(
                &file,
                0,
                0,
                crate::t!(
                    "verify-source-missing",
                    url = url,
                    no = &e.no,
                    reason = crate::i18n::io_reason(&err)
                ),
            )),
        }
        // The attachments the entry recorded, each against its SHA-256.
        for a in e.attachments.iter().flatten() {
            let dir_rel = url.trim_start_matches('/');
            if a.name.contains(['/', '\\']) || a.name == ".." || a.name.is_empty() {
                continue;
            }
            let file = dir.join(format!("{dir_rel}{}", a.name));
            match std::fs::read(&file) {
                Ok(bytes) => {
                    let sha = crate::content::hex(&Sha256::digest(&bytes));
                    if sha != a.sha256 {
                        problems.push(Diagnostic::error(
                            &file,
                            0,
                            0,
                            crate::t!(
                                "verify-attachment-mismatch",
                                name = &a.name,
                                url = url,
                                no = &e.no,
                                sha = &sha,
                                recorded = &a.sha256,
                                day = &e.last_changed
                            ),
                        ));
                    }
                }
                Err(err) => problems.push(Diagnostic::error(
                    &file,
                    0,
                    0,
                    crate::t!(
                        "verify-attachment-missing",
                        name = &a.name,
                        url = url,
                        no = &e.no,
                        reason = crate::i18n::io_reason(&err)
                    ),
                )),
            }
        }
    }
    Ok(Verified {
        entries: record.entries.len(),
        documents,
        head: record.head().to_string(),
        problems,
    })
}

/// The `index.md` files under a folder, relative, with `/` between folders, sorted.
fn sources(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && e.file_name() == "index.md")
        .filter_map(|e| Some(crate::text::rel_string(e.path().strip_prefix(dir).ok()?)))
        .collect();
    out.sort();
    out
}
