//! The disclosure record (SPEC §7): `disclosure.lock` in the site folder, published as
//! `/disclosure.json`.
//!
//! # Format
//!
//! A JSON array with one entry per line, appended to and never rewritten, so that a
//! diff of the file shows exactly what was published or changed:
//!
//! ```text
//! [
//! {"no":"2023-00001","url":"/notices/a/","title":"…","date":"2023-06-01","status":"published","sha256":"…","updated":null,"corrections":0,"first_published":"2023-06-15","last_changed":"2023-06-15","prev":"000…0","hash":"…"},
//! {"no":"2023-00001","url":"/notices/a/",…,"status":"withdrawn",…,"last_changed":"2023-06-20","prev":"<hash of the line above>","hash":"…"}
//! ]
//! ```
//!
//! An entry is written when a document is first published, and again whenever its
//! recorded state changes (an edit, a withdrawal, a removal accepted with
//! `--accept-changes`); a document's current state is its last entry. `no` is the
//! permanent index number (索引号) `<year of the document's date>-<5-digit sequence>`,
//! given once and never reused. `status` is `published`, `withdrawn` or `removed`.
//! `sha256` is the SHA-256 of the document's source as published in `<url>index.md`.
//! `updated` and `corrections` (the count of 更正记录 entries) are recorded so that the
//! next build can tell a recorded change from a silent one. Dates are the build's
//! "today" (no times), so a build is reproducible.
//!
//! `hash` is the SHA-256 (lowercase hex) of the UTF-8 text made of
//! `gongkai-disclosure/1` and the fields `no, url, title, date, status, sha256,
//! updated (empty when null), corrections, first_published, last_changed, prev`, each
//! followed by a line feed. `prev` is the previous entry's `hash`, or 64 zeros for the
//! first entry: the entries form a hash chain, and a copy of an older record is a
//! prefix of the newer one.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::content::{Document, Status};
use crate::diagnostics::Diagnostic;

/// The file name in the site folder.
pub const LOCK_FILE: &str = "disclosure.lock";
/// The file name in the output folder.
pub const PUBLISHED_FILE: &str = "disclosure.json";
/// `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 索引号, `<year>-<5-digit sequence>`.
    pub no: String,
    /// The document's site path (`/notices/a/`), independent of base_url.
    pub url: String,
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// `published`, `withdrawn` or `removed`.
    pub status: String,
    /// SHA-256 of the source, lowercase hex.
    pub sha256: String,
    /// The document's `updated` date when recorded.
    pub updated: Option<String>,
    /// How many 更正记录 entries the document had when recorded.
    pub corrections: usize,
    pub first_published: String,
    pub last_changed: String,
    /// Each published attachment's name and SHA-256, as published beside the page.
    /// `None` in entries written before attachments were recorded (they are read as
    /// they are, and their attachments are recorded with the document's next change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentEntry>>,
    /// The previous entry's hash.
    pub prev: String,
    /// This entry's hash (see the module documentation).
    pub hash: String,
}

/// A published attachment in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentEntry {
    pub name: String,
    pub sha256: String,
}

/// The attachments of a document as the record keeps them: name and SHA-256 of each
/// file as it is published (a file that cannot be read is recorded with an empty hash,
/// which no file has).
pub fn attachment_entries(d: &Document) -> Vec<AttachmentEntry> {
    d.attachments
        .iter()
        .map(|a| AttachmentEntry {
            name: a.name.clone(),
            sha256: std::fs::read(&a.src)
                .map(|b| crate::content::hex(&Sha256::digest(&b)))
                .unwrap_or_default(),
        })
        .collect()
}

impl Entry {
    /// The hash this entry should have.
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        for field in [
            "gongkai-disclosure/1",
            &self.no,
            &self.url,
            &self.title,
            &self.date,
            &self.status,
            &self.sha256,
            self.updated.as_deref().unwrap_or(""),
            &self.corrections.to_string(),
            &self.first_published,
            &self.last_changed,
            &self.prev,
        ] {
            h.update(field.as_bytes());
            h.update(b"\n");
        }
        // Entries that record attachments hash them too, after the fields above, so the
        // hashes of entries written before stay as they were.
        if let Some(list) = &self.attachments {
            h.update(b"attachments\n");
            for a in list {
                for field in [&a.name, &a.sha256] {
                    h.update(field.as_bytes());
                    h.update(b"\n");
                }
            }
        }
        crate::content::hex(&h.finalize())
    }
}

/// The whole record, entries in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub entries: Vec<Entry>,
    /// 1-based line of each entry in the file it was read from.
    pub lines: Vec<usize>,
}

impl Record {
    /// Reads a record's text. `shown` is the path used in messages. Entries must be
    /// well formed; the chain is checked by [`Record::chain_problems`].
    pub fn parse(shown: &Path, text: &str) -> Result<Record, Vec<Diagnostic>> {
        // The file as `build` writes it, an entry a line, is read a line at a time in
        // parallel; anything else (or anything wrong) by the whole-text reader, which
        // says where the problem is.
        let by_lines = || -> Option<Vec<Entry>> {
            use rayon::prelude::*;
            let body = text.strip_prefix("[\n")?.strip_suffix("]\n")?;
            let lines: Vec<&str> = body.split_terminator('\n').collect();
            let last = lines.len().saturating_sub(1);
            lines
                .par_iter()
                .enumerate()
                .map(|(i, l)| {
                    let l = if i < last { l.strip_suffix(',')? } else { l };
                    serde_json::from_str(l).ok()
                })
                .collect()
        };
        if let Some(entries) = by_lines() {
            let lines = (0..entries.len()).map(|i| i + 2).collect();
            return Ok(Record { entries, lines });
        }
        let entries: Vec<Entry> = serde_json::from_str(text).map_err(|e| {
            vec![Diagnostic::error(
                shown,
                e.line(),
                e.column(),
                crate::t!("record-unreadable", reason = e.to_string()),
            )
            .with_source(text)
            .with_note(crate::i18n::help(crate::t!("record-restore-help")))]
        })?;
        let mut lines: Vec<usize> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with('{'))
            .map(|(i, _)| i + 1)
            .collect();
        if lines.len() != entries.len() {
            lines = vec![0; entries.len()];
        }
        Ok(Record { entries, lines })
    }

    /// The text written to disclosure.lock and disclosure.json.
    pub fn to_text(&self) -> String {
        use rayon::prelude::*;
        // Serializing plain strings and numbers cannot fail.
        let lines: Vec<String> = self
            .entries
            .par_iter()
            .map(|e| serde_json::to_string(e).unwrap_or_default())
            .collect();
        let mut s = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum::<usize>() + 4);
        s.push_str("[\n");
        for (i, l) in lines.iter().enumerate() {
            s.push_str(l);
            if i + 1 < lines.len() {
                s.push(',');
            }
            s.push('\n');
        }
        s.push_str("]\n");
        s
    }

    /// Every break in the hash chain: (entry index, what is wrong).
    pub fn chain_problems(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let hashes: Vec<String> = {
            use rayon::prelude::*;
            self.entries.par_iter().map(Entry::compute_hash).collect()
        };
        let mut prev = GENESIS.to_string();
        for ((i, e), h) in self.entries.iter().enumerate().zip(hashes) {
            if e.prev != prev {
                out.push((
                    i,
                    crate::t!(
                        "record-chain-broken",
                        no = &e.no,
                        url = &e.url,
                        title = &e.title
                    ),
                ));
            }
            if e.hash != h {
                out.push((
                    i,
                    crate::t!(
                        "record-entry-changed",
                        no = &e.no,
                        url = &e.url,
                        title = &e.title
                    ),
                ));
            }
            prev = e.hash.clone();
        }
        out
    }

    /// The last entry of each URL: url → entry index.
    pub fn latest(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            m.insert(e.url.as_str(), i);
        }
        m
    }

    /// Index numbers of the documents standing (not removed): url → 索引号.
    pub fn numbers(&self) -> super::Numbers {
        let docs = self
            .latest()
            .into_iter()
            .filter(|(_, i)| self.entries[*i].status != "removed")
            .map(|(u, i)| {
                let e = &self.entries[i];
                (
                    u.to_string(),
                    super::Recorded {
                        no: e.no.clone(),
                        hash: e.hash.chars().take(12).collect(),
                    },
                )
            })
            .collect();
        let head = (!self.entries.is_empty()).then(|| self.head().chars().take(12).collect());
        super::Numbers { docs, head }
    }

    /// The hash of the last entry (the record's head).
    pub fn head(&self) -> &str {
        self.entries.last().map_or(GENESIS, |e| e.hash.as_str())
    }

    /// Appends an entry, linking and hashing it.
    fn push(&mut self, mut e: Entry) {
        e.prev = self.head().to_string();
        e.hash = e.compute_hash();
        self.entries.push(e);
        self.lines.push(0);
    }
}

/// Whether the site is live: it has a disclosure record, made by `gongkai golive` (or by
/// the builds of a version before trial builds). Until then every build is a trial
/// that records nothing.
pub fn is_live(root: &Path) -> bool {
    std::fs::symlink_metadata(root.join(LOCK_FILE)).is_ok()
}

/// The text of a record with no entries: what `golive` writes.
pub const EMPTY: &str = "[\n]\n";

/// Reads `disclosure.lock` of a site; an empty record when there is none yet.
pub fn read(root: &Path) -> Result<Record, Vec<Diagnostic>> {
    let path = root.join(LOCK_FILE);
    let shown = Path::new(LOCK_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Record::default()),
        Err(e) => {
            return Err(vec![Diagnostic::error(
                shown,
                0,
                0,
                crate::t!("record-read-failed", reason = crate::i18n::io_reason(&e)),
            )])
        }
    };
    let record = Record::parse(shown, &text)?;
    let problems = record.chain_problems();
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|(i, msg)| {
                Diagnostic::error(shown, record.lines[i], 1, msg)
                    .with_note(crate::i18n::help(crate::t!("record-build-only-help")))
            })
            .collect());
    }
    Ok(record)
}

/// The record anchored outside itself: the lock must still hold, unchanged and in
/// order, every entry of the record last published (`out`/disclosure.json, the output
/// a build is about to replace). A lock deleted, restored from an old copy, or edited
/// by hand is refused naming the entries it lost or changed, so a 索引号 is never given
/// twice and a published entry never quietly vanishes. `lock` is None for a site with
/// no disclosure.lock (which a build would take for a trial).
pub fn anchored(root: &Path, out: &Path, lock: Option<&Record>) -> Vec<Diagnostic> {
    let file = out.join(PUBLISHED_FILE);
    // A planted link is not the record (and is never read through).
    if !std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Vec::new();
    };
    let shown = crate::text::rel_to(root, &file);
    // A published file that does not read is not an anchor: verify reports it.
    let Ok(published) = Record::parse(&shown, &text) else {
        return Vec::new();
    };
    if published.entries.is_empty() {
        return Vec::new();
    }
    let restore = crate::i18n::help(crate::t!("record-anchor-help", published = &shown));
    let Some(lock) = lock else {
        return vec![Diagnostic::error(
            LOCK_FILE,
            0,
            0,
            crate::t!(
                "record-lock-missing",
                published = &shown,
                n = published.entries.len()
            ),
        )
        .with_note(restore)];
    };
    let mut out_diags = Vec::new();
    for (i, p) in published.entries.iter().enumerate() {
        let what = match lock.entries.get(i) {
            Some(e) if e.hash == p.hash => continue,
            Some(_) => "record-entry-different",
            None => "record-entry-lost",
        };
        let args = vec![
            ("no", crate::i18n::Arg::from(&p.no)),
            ("url", crate::i18n::Arg::from(&p.url)),
            ("title", crate::i18n::Arg::from(&p.title)),
        ];
        out_diags.push(
            Diagnostic::error(
                &shown,
                published.lines.get(i).copied().unwrap_or(0),
                1,
                crate::i18n::tr(what, args),
            )
            .with_note(restore.clone()),
        );
    }
    out_diags
}

/// Holds the site folder for one build at a time (an exclusive `flock` on the folder
/// itself, so a read-only site can be locked too): a second build waits, saying so,
/// and never interleaves its record with the first one's. Released when dropped.
pub fn exclusive(root: &Path) -> Result<Option<std::fs::File>, Diagnostic> {
    let Ok(dir) = std::fs::File::open(root) else {
        // A folder that cannot be opened as a file (not Unix): no lock, as before.
        return Ok(None);
    };
    match dir.try_lock() {
        Ok(()) => Ok(Some(dir)),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("{}", crate::t!("record-waiting", dir = root.display()));
            dir.lock().map_err(|e| {
                Diagnostic::error(
                    ".",
                    0,
                    0,
                    crate::t!("record-wait-failed", reason = crate::i18n::io_reason(&e)),
                )
            })?;
            Ok(Some(dir))
        }
        // A file system without locks: build as before.
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Writes `disclosure.lock` when its text differs from what is on disk: to a temporary
/// file, flushed to the disk, renamed over the lock, and the folder flushed, so that
/// after a crash or a kill at any instant the lock is the old one or the new one,
/// whole. Temporary files of builds that were killed are removed first.
pub fn write(root: &Path, text: &str) -> Result<(), Diagnostic> {
    use std::io::Write as _;
    let path = root.join(LOCK_FILE);
    for orphan in crate::paths::orphans(root, &format!(".{LOCK_FILE}.tmp-")) {
        let _ = std::fs::remove_file(orphan);
    }
    if std::fs::read_to_string(&path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    let tmp = root.join(format!(".{LOCK_FILE}.tmp-{}", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &path)?;
        // The rename itself is durable once the folder is flushed (Unix; elsewhere a
        // folder cannot be opened and the rename is left to the file system).
        if let Ok(dir) = std::fs::File::open(root) {
            let _ = dir.sync_all();
        }
        Ok::<_, std::io::Error>(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Diagnostic::error(
            LOCK_FILE,
            0,
            0,
            crate::t!("record-write-failed", reason = crate::i18n::io_reason(&e)),
        )
        .with_note(crate::i18n::help(crate::t!("record-write-help")))
    })
}

fn status_word(d: &Document) -> &'static str {
    match d.fm.status {
        Status::Published => "published",
        Status::Withdrawn => "withdrawn",
    }
}

fn entry_for(d: &Document, no: String, first: String, today: &str) -> Entry {
    Entry {
        no,
        url: d.path.clone(),
        title: d.fm.title.clone(),
        date: d.fm.date.ymd(),
        status: status_word(d).into(),
        sha256: d.sha256.clone(),
        updated: d.fm.updated.map(|u| u.ymd()),
        corrections: d.fm.corrections.len(),
        first_published: first,
        last_changed: today.to_string(),
        attachments: Some(attachment_entries(d)),
        prev: String::new(),
        hash: String::new(),
    }
}

/// How the published documents stand against the record.
struct Compared<'a> {
    /// Recorded documents changed with a reason (or accepted), by their latest entry.
    changed: Vec<(usize, &'a Document)>,
    /// Documents the record does not have standing.
    fresh: Vec<&'a Document>,
    /// Recorded documents changed without a reason.
    silent: Vec<Diagnostic>,
}

fn compare<'a>(
    old: &Record,
    latest: &BTreeMap<&str, usize>,
    published: &[&'a Document],
    accept_changes: bool,
    today_s: &str,
) -> Compared<'a> {
    let mut out = Compared {
        changed: Vec::new(),
        fresh: Vec::new(),
        silent: Vec::new(),
    };
    for d in published {
        match latest.get(d.path.as_str()) {
            Some(&i) if old.entries[i].status != "removed" => {
                let e = &old.entries[i];
                // Attachments count when the entry recorded them: a replaced list is
                // a change to the document like a change to its text.
                let same_files = match &e.attachments {
                    Some(list) => *list == attachment_entries(d),
                    None => true,
                };
                if e.sha256 == d.sha256 && same_files {
                    continue;
                }
                let updated = d.fm.updated.map(|u| u.ymd());
                let new_updated = updated.is_some() && updated > e.updated;
                let new_correction = d.fm.corrections.len() > e.corrections;
                let new_withdrawal = d.fm.status == Status::Withdrawn && e.status != "withdrawn";
                if accept_changes || new_updated || new_correction || new_withdrawal {
                    out.changed.push((i, d));
                } else {
                    out.silent.push(silent_change(d, e, today_s));
                }
            }
            // A removed document restored as it was keeps its number.
            Some(&i) if old.entries[i].sha256 == d.sha256 => out.changed.push((i, d)),
            _ => out.fresh.push(d),
        }
    }
    out
}

/// The documents changed without a new `updated` date, correction or withdrawal, among
/// those given: for a build whose other documents failed to load, where a document
/// missing cannot be told from one that did not load.
pub fn silent_changes(old: &Record, published: &[&Document], today: NaiveDate) -> Vec<Diagnostic> {
    let today_s = today.format("%Y-%m-%d").to_string();
    compare(old, &old.latest(), published, false, &today_s).silent
}

/// Compares the published documents with the record and returns the new record:
/// entries for new documents (with new index numbers), recorded changes and, with
/// `accept_changes`, deliberate ones. Errors name each document changed without a new
/// `updated` date or correction, and each recorded document that has disappeared
/// (located in disclosure.lock; the messages name the document's title, path and
/// 索引号 rather than quote a line of the record).
pub fn reconcile(
    old: Record,
    published: &[&Document],
    today: NaiveDate,
    accept_changes: bool,
) -> Result<Record, Vec<Diagnostic>> {
    let today_s = today.format("%Y-%m-%d").to_string();
    // The entries to append, made while the old record is read (never copied whole).
    let mut added: Vec<Entry> = Vec::new();
    {
        let latest = old.latest();
        let by_url: std::collections::HashSet<&str> =
            published.iter().map(|d| d.path.as_str()).collect();

        // Documents already recorded, in record order.
        let Compared {
            mut changed,
            mut fresh,
            silent: mut errors,
        } = compare(&old, &latest, published, accept_changes, &today_s);
        changed.sort_by_key(|(i, _)| old.entries[*i].no.clone());
        for (i, d) in changed {
            let e = &old.entries[i];
            added.push(entry_for(
                d,
                e.no.clone(),
                e.first_published.clone(),
                &today_s,
            ));
        }

        // Recorded documents that are gone.
        for (url, &i) in &latest {
            let e = &old.entries[i];
            if e.status == "removed" || by_url.contains(url) {
                continue;
            }
            if accept_changes {
                let mut gone = e.clone();
                gone.status = "removed".into();
                gone.last_changed = today_s.clone();
                added.push(gone);
            } else {
                let line = old.lines.get(i).copied().unwrap_or(0);
                errors.push(
                    Diagnostic::error(
                        LOCK_FILE,
                        line,
                        if line > 0 { 1 } else { 0 },
                        crate::t!(
                            "record-disappeared",
                            url = &e.url,
                            title = &e.title,
                            no = &e.no,
                            first = &e.first_published
                        ),
                    )
                    .with_note(crate::i18n::help(crate::t!("record-disappeared-help"))),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        // New documents: numbers by year, in date then URL order, after the highest given.
        fresh.sort_by(|a, b| {
            a.fm.date
                .day
                .cmp(&b.fm.date.day)
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut next: HashMap<i32, u32> = HashMap::new();
        for e in old.entries.iter().chain(&added) {
            if let Some((y, n)) = e.no.split_once('-') {
                if let (Ok(y), Ok(n)) = (y.parse::<i32>(), n.parse::<u32>()) {
                    let slot = next.entry(y).or_insert(1);
                    *slot = (*slot).max(n + 1);
                }
            }
        }
        for d in fresh {
            let y = d.fm.date.day.year();
            let slot = next.entry(y).or_insert(1);
            let no = format!("{y}-{:05}", *slot);
            *slot += 1;
            added.push(entry_for(d, no, today_s.clone(), &today_s));
        }
    }
    let mut new = old;
    for e in added {
        new.push(e);
    }
    Ok(new)
}

fn silent_change(d: &Document, e: &Entry, today: &str) -> Diagnostic {
    let (line, col) = d.fm.updated_pos.unwrap_or((1, 1));
    Diagnostic::error(
        &d.source,
        line,
        col,
        crate::t!(
            "record-silent-change",
            title = &e.title,
            no = &e.no,
            first = &e.first_published,
            recorded = &e.last_changed
        ),
    )
    .with_source(&d.text_for_message())
    .with_notes(changed_attachments(d, e))
    .with_note(crate::i18n::help(crate::t!(
        "record-silent-change-help",
        today = today
    )))
}

/// Which attachments differ from those an entry recorded, in words.
fn changed_attachments(d: &Document, e: &Entry) -> Vec<String> {
    let Some(was) = &e.attachments else {
        return Vec::new();
    };
    let now = attachment_entries(d);
    let mut notes = Vec::new();
    for a in &now {
        match was.iter().find(|w| w.name == a.name) {
            Some(w) if w.sha256 != a.sha256 => {
                notes.push(crate::t!("record-attachment-replaced", name = &a.name))
            }
            None => notes.push(crate::t!("record-attachment-added", name = &a.name)),
            _ => {}
        }
    }
    for w in was {
        if !now.iter().any(|a| a.name == w.name) {
            notes.push(crate::t!("record-attachment-removed", name = &w.name));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(no: &str, url: &str) -> Entry {
        Entry {
            no: no.into(),
            url: url.into(),
            title: "标题".into(),
            date: "2023-06-01".into(),
            status: "published".into(),
            sha256: "ab".repeat(32),
            updated: None,
            corrections: 0,
            first_published: "2023-06-15".into(),
            last_changed: "2023-06-15".into(),
            attachments: None,
            prev: String::new(),
            hash: String::new(),
        }
    }

    /// A record written before attachments were recorded reads as it is: its entries
    /// have no `attachments`, and their hashes stay valid.
    #[test]
    fn a_record_from_before_attachments_were_recorded_still_verifies() {
        let old = r#"{"no":"2015-00001","url":"/notices/doc-000610/","title":"2015年经审委员会关于合唱比赛的公示","date":"2015-01-01","status":"published","sha256":"cd51c6c04bfe530c2b4b88236a584eec85d9020145427070c3f5bb6c0952f4bd","updated":null,"corrections":0,"first_published":"2026-12-02","last_changed":"2026-12-02","prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"1f6c9682e28646ec25eca3143d0c6e4751e742c2e95e430afdec4d2a4c84d885"}"#;
        let text = format!("[\n{old}\n]\n");
        let r = Record::parse(Path::new("disclosure.lock"), &text).unwrap();
        assert_eq!(r.entries[0].attachments, None);
        assert!(r.chain_problems().is_empty(), "{:?}", r.chain_problems());
        // Written back, it is the same line.
        assert_eq!(r.to_text(), text);
    }

    #[test]
    fn the_record_round_trips_with_one_entry_a_line() {
        let mut r = Record::default();
        r.push(entry("2023-00001", "/notices/a/"));
        r.push(entry("2023-00002", "/notices/b/"));
        let text = r.to_text();
        assert_eq!(text.lines().count(), 4);
        let back = Record::parse(Path::new("x"), &text).unwrap();
        assert_eq!(back.entries, r.entries);
        assert_eq!(back.lines, vec![2, 3]);
        assert!(back.chain_problems().is_empty());
        assert_eq!(back.entries[1].prev, back.entries[0].hash);
        assert_eq!(back.entries[0].prev, GENESIS);
    }

    /// Read a line at a time or as a whole, the same record; and what the line reader
    /// cannot take is located by the whole-text reader.
    #[test]
    fn other_layouts_and_mistakes_are_read_by_the_whole_text_reader() {
        let mut r = Record::default();
        r.push(entry("2023-00001", "/notices/a/"));
        r.push(entry("2023-00002", "/notices/b/"));
        let pretty = serde_json::to_string_pretty(&r.entries).unwrap();
        assert_eq!(
            Record::parse(Path::new("x"), &pretty).unwrap().entries,
            r.entries
        );
        assert!(Record::parse(Path::new("x"), "[\n]\n")
            .unwrap()
            .entries
            .is_empty());
        let text = r.to_text();
        // A trailing comma after the last entry is no JSON, whichever reader sees it.
        let bad = text.replacen("}\n]", "},\n]", 1);
        let err = Record::parse(Path::new("x"), &bad).unwrap_err();
        assert_eq!((err[0].line, err[0].col), (4, 1), "{}", err[0].message);
        // An unknown field on line 3.
        let at = text.rfind("\"hash\"").unwrap();
        let bad = format!("{}\"hsah\"{}", &text[..at], &text[at + 6..]);
        let err = Record::parse(Path::new("x"), &bad).unwrap_err();
        assert_eq!(err[0].line, 3, "{}", err[0].message);
        assert!(err[0].message.contains("hsah"), "{}", err[0].message);
    }

    #[test]
    fn a_changed_entry_breaks_the_chain() {
        let mut r = Record::default();
        r.push(entry("2023-00001", "/notices/a/"));
        r.push(entry("2023-00002", "/notices/b/"));
        r.entries[0].title = "改过的标题".into();
        let p = r.chain_problems();
        assert_eq!(p.len(), 1);
        assert!(p[0].1.contains("2023-00001"));
        r.entries[0].hash = r.entries[0].compute_hash();
        let p = r.chain_problems();
        assert_eq!(p.len(), 1);
        assert!(p[0].1.contains("2023-00002") && p[0].1.contains("chain is broken"));
    }

    proptest::proptest! {
        /// Any record written entry by entry is an intact chain that reads back as it
        /// was written; changing any field of any one entry is caught at that entry.
        #[test]
        fn the_chain_catches_any_change_to_any_entry(
            titles in proptest::collection::vec("[\\PC]{0,12}", 1..12),
            which in 0usize..12,
            field in 0usize..6,
            with_attachments in proptest::bool::ANY,
        ) {
            let mut r = Record::default();
            for (i, t) in titles.iter().enumerate() {
                let mut e = entry(&format!("2023-{:05}", i + 1), &format!("/notices/d{i}/"));
                e.title = t.clone();
                if with_attachments && i % 2 == 0 {
                    e.attachments = Some(vec![AttachmentEntry { name: format!("名单{i}.xlsx"), sha256: "cd".repeat(32) }]);
                }
                r.push(e);
            }
            proptest::prop_assert!(r.chain_problems().is_empty());
            let back = Record::parse(Path::new("x"), &r.to_text()).unwrap();
            proptest::prop_assert_eq!(&back.entries, &r.entries);

            let k = which % r.entries.len();
            let e = &mut r.entries[k];
            match field {
                0 => e.title.push('改'),
                1 => e.sha256 = "ef".repeat(32),
                2 => e.status = "withdrawn".into(),
                3 => e.corrections += 1,
                4 => e.date = "2023-06-02".into(),
                _ => e.attachments = Some(vec![AttachmentEntry { name: "新.docx".into(), sha256: "01".repeat(32) }]),
            }
            let problems = r.chain_problems();
            proptest::prop_assert!(problems.iter().any(|(i, _)| *i == k), "{:?}", problems);
        }
    }
}
