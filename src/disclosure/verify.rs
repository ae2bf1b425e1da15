//! `gongkai verify DIR|URL`: checks a published site against its `disclosure.json` —
//! every entry's hash, the chain, each standing document's `index.md` against the
//! SHA-256 recorded for it, each recorded attachment against its own, and (where the
//! place can be listed: a folder) that no document's source is there without an entry.
//! The check reads the site through [`Published`], so a folder and a web address share
//! it; it needs no site folder.

use std::path::{Path, PathBuf};

use crate::i18n::Arg;
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

/// A published site to read files from: a folder, or a web address.
pub trait Published {
    /// Reads the files at these paths relative to the site's root
    /// (`notices/x/index.md`), each its bytes or why it could not be read.
    fn read_many(&self, rels: &[String]) -> Vec<Result<Vec<u8>, String>>;
    /// Where a file is, for messages: its path or its URL.
    fn place(&self, rel: &str) -> PathBuf;
    /// Every `index.md` published (relative, sorted), where the place can be listed;
    /// `None` where it cannot (a web address).
    fn sources(&self) -> Option<Vec<String>>;
    /// The id of the help shown when the record itself cannot be read.
    fn record_help(&self) -> &'static str;
}

/// A published folder.
pub struct Folder<'a>(pub &'a Path);

impl Published for Folder<'_> {
    fn read_many(&self, rels: &[String]) -> Vec<Result<Vec<u8>, String>> {
        use rayon::prelude::*;
        rels.par_iter()
            .map(|r| std::fs::read(self.0.join(r)).map_err(|e| crate::i18n::io_reason(&e)))
            .collect()
    }
    fn place(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
    fn sources(&self) -> Option<Vec<String>> {
        Some(sources(self.0))
    }
    fn record_help(&self) -> &'static str {
        "verify-unreadable-help"
    }
}

/// Verifies a published folder.
pub fn verify(dir: &Path) -> Result<Verified, Vec<Diagnostic>> {
    verify_published(&Folder(dir))
}

/// One file to check against the SHA-256 the record gives it.
struct Expected {
    rel: String,
    sha256: String,
    /// The document's site path, and the attachment's name for an attachment.
    url: String,
    name: Option<String>,
    no: String,
    last_changed: String,
}

/// Verifies a published site, wherever it is read from.
pub fn verify_published(site: &dyn Published) -> Result<Verified, Vec<Diagnostic>> {
    let json = site.place(PUBLISHED_FILE);
    let bytes = site
        .read_many(&[PUBLISHED_FILE.to_string()])
        .pop()
        .unwrap_or_else(|| Err(crate::t!("verify-nothing-read")));
    let text = bytes
        .and_then(|b| String::from_utf8(b).map_err(|_| crate::t!("verify-not-utf8")))
        .map_err(|e| {
            vec![
                Diagnostic::error(&json, 0, 0, crate::t!("verify-unreadable", reason = e))
                    .with_note(crate::i18n::help(crate::i18n::tr(
                        site.record_help(),
                        Vec::new(),
                    ))),
            ]
        })?;
    let record = Record::parse(&json, &text)?;
    let mut problems: Vec<Diagnostic> = record
        .chain_problems()
        .into_iter()
        .map(|(i, msg)| Diagnostic::error(&json, record.lines[i], 1, msg).with_source(&text))
        .collect();
    let mut documents = 0;
    let latest = record.latest();
    // Every document's source is published as `<its folder>/index.md`: one that the
    // record does not have (or has as removed) was published around it.
    for rel in site.sources().unwrap_or_default() {
        let url = format!("/{}", rel.trim_end_matches("index.md"));
        let standing = latest
            .get(url.as_str())
            .is_some_and(|&i| record.entries[i].status != "removed");
        if !standing {
            problems.push(
                Diagnostic::error(
                    site.place(&rel),
                    0,
                    0,
                    crate::t!("verify-not-recorded", url = &url),
                )
                .with_note(crate::t!("verify-not-recorded-note")),
            );
        }
    }
    let mut expected = Vec::new();
    for (url, i) in latest {
        let e = &record.entries[i];
        if e.status == "removed" {
            continue;
        }
        documents += 1;
        if url.split('/').any(|c| c == ".." || c == ".") || url.contains('\\') {
            problems.push(Diagnostic::error(
                &json,
                record.lines[i],
                1,
                crate::t!("verify-outside", no = &e.no, url = url),
            ));
            continue;
        }
        let dir_rel = url.trim_start_matches('/');
        expected.push(Expected {
            rel: format!("{dir_rel}index.md"),
            sha256: e.sha256.clone(),
            url: url.to_string(),
            name: None,
            no: e.no.clone(),
            last_changed: e.last_changed.clone(),
        });
        // The attachments the entry recorded, each against its SHA-256.
        for a in e.attachments.iter().flatten() {
            if a.name.contains(['/', '\\']) || a.name == ".." || a.name.is_empty() {
                continue;
            }
            expected.push(Expected {
                rel: format!("{dir_rel}{}", a.name),
                sha256: a.sha256.clone(),
                url: url.to_string(),
                name: Some(a.name.clone()),
                no: e.no.clone(),
                last_changed: e.last_changed.clone(),
            });
        }
    }
    let rels: Vec<String> = expected.iter().map(|x| x.rel.clone()).collect();
    for (x, got) in expected.iter().zip(site.read_many(&rels)) {
        let file = site.place(&x.rel);
        match got {
            Ok(bytes) => {
                let sha = crate::content::hex(&Sha256::digest(&bytes));
                if sha != x.sha256 {
                    problems.push(Diagnostic::error(
                        &file,
                        0,
                        0,
                        crate::i18n::tr(
                            if x.name.is_some() {
                                "verify-attachment-mismatch"
                            } else {
                                "verify-source-mismatch"
                            },
                            vec![
                                ("name", Arg::from(x.name.as_deref().unwrap_or(""))),
                                ("url", Arg::from(&x.url)),
                                ("no", Arg::from(&x.no)),
                                ("sha", Arg::from(&sha)),
                                ("recorded", Arg::from(&x.sha256)),
                                ("day", Arg::from(&x.last_changed)),
                            ],
                        ),
                    ));
                }
            }
            Err(err) => problems.push(Diagnostic::error(
                &file,
                0,
                0,
                crate::i18n::tr(
                    if x.name.is_some() {
                        "verify-attachment-missing"
                    } else {
                        "verify-source-missing"
                    },
                    vec![
                        ("name", Arg::from(x.name.as_deref().unwrap_or(""))),
                        ("url", Arg::from(&x.url)),
                        ("no", Arg::from(&x.no)),
                        ("reason", Arg::from(err)),
                    ],
                ),
            )),
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
