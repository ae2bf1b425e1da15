//! `gongkai verify DIR`: checks a published folder against its `disclosure.json` —
//! every entry's hash, the chain, and each standing document's `index.md` against the
//! SHA-256 recorded for it. Needs no site folder and no network.

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
            format!("cannot read the published record: {e}"),
        )
        .with_note(
            "help: give the folder a build was published to (the one holding disclosure.json)",
        )]
    })?;
    let record = Record::parse(&json, &text)?;
    let mut problems: Vec<Diagnostic> = record
        .chain_problems()
        .into_iter()
        .map(|(i, msg)| Diagnostic::error(&json, record.lines[i], 1, msg).with_source(&text))
        .collect();
    let mut documents = 0;
    for (url, i) in record.latest() {
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
                format!("entry {}: URL {url} is not a path inside the folder", e.no),
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
                        format!(
                            "the source of {url} (索引号 {}) does not match the record: SHA-256 {} instead of {} recorded on {}",
                            e.no, sha, e.sha256, e.last_changed
                        ),
                    ));
                }
            }
            Err(err) => problems.push(Diagnostic::error(
                &file,
                0,
                0,
                format!("the source of {url} (索引号 {}) is missing: {err}", e.no),
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
