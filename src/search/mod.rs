//! Full-text search for Chinese (and mixed) text: a character n-gram index written at
//! build time as static files under `/search/`, queried in the browser by `search.js`.
//!
//! Why n-grams: a word segmenter at index time and another at query time disagree, and
//! then a phrase that crosses a word boundary (`会经费` in `工会经费`) is never found.
//! Every single character and every pair of neighbouring characters is indexed instead,
//! so the posting lists give every document that can hold a query, and checking the
//! stored text of those candidates gives exactly the documents that do.
//!
//! The files (see [`format`] for the byte layout):
//!
//! - `search/meta.json`: format version, shard count, document count, and the filters
//!   (years as ranges of document ids, sections, categories);
//! - `search/g/<k>.bin`: the posting lists of every gram (and filter key) whose hash
//!   ([`key_hash`]) modulo the shard count is `k`, so a query downloads only its grams'
//!   shards;
//! - `search/h/<i>.bin`: the list of one gram found in many documents (`，`, `工会`), named
//!   in meta.json with its document count: a query uses such a gram only when it must;
//! - `search/d/<id / 256>/<id>.json`: one document's searchable text and what a result
//!   shows, so a query downloads only its candidates' text (256 a folder: writing and
//!   removing ten thousand files in one folder makes threads wait for each other);
//! - `search/a/<id / 256>/<id>.json`: the text of the document's readable attachments,
//!   `[[file name, text], …]`, only for a document that has any (`"x"` in its fragment
//!   says how many): a long name list is downloaded only when a query term is not in
//!   the document's own text or the result's excerpt must come from it.
//!
//! Document ids are positions in `site.docs`: newest first, so "newer first" is "lower
//! id first" and each year is one range of ids.

pub mod format;

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Datelike;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::content::{Document, Status};
use crate::render::words;
use crate::site::Site;

/// The layout version written in `meta.json`; `search.js` refuses another.
pub const VERSION: u32 = 3;

/// The file of a document's fragment, relative to the output folder (search.js makes
/// the same path).
pub fn doc_file(id: usize) -> String {
    format!("search/d/{}/{id}.json", id >> 8)
}

/// The file of a document's attachment texts, relative to the output folder (search.js
/// makes the same path).
pub fn attachments_file(id: usize) -> String {
    format!("search/a/{}/{id}.json", id >> 8)
}

/// About this many bytes of posting lists go into one shard file (between half and all
/// of it: the shard count is a power of two).
pub const SHARD_TARGET_BYTES: usize = 16 * 1024;

/// A gram in at least this many documents (and an eighth of them) gets its own file.
pub const HEAVY_MIN_DOCS: usize = 256;

/// Folds a character for matching: ASCII letters to lower case, full-width ASCII forms
/// (`Ａ`, `１`, `％`) to their half-width forms, the ideographic space to a space. One
/// character always maps to one character in the same UTF-16 length, so positions in
/// folded text are positions in the original (the browser highlights with them).
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

pub use crate::text::clean;

/// FNV-1a, 32 bits, the hash of a filter key's UTF-8 bytes (the same in search.js).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The key of a filter's posting list: documents in a section.
pub fn section_key(name: &str) -> String {
    format!("\u{1}s{name}")
}

/// The key of a filter's posting list: documents in a category.
pub fn category_key(name: &str) -> String {
    format!("\u{1}c{name}")
}

/// What the index stores of one document: the fields a query may match, and what a
/// result shows. Serialized as [`doc_file`], but for the attachments' texts, which go
/// to [`attachments_file`] (and read back from both by [`update`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct Fragment {
    /// Title.
    pub t: String,
    /// Link, with base_url's path.
    pub u: String,
    /// Date as the site writes it.
    pub d: String,
    /// Section title.
    pub s: String,
    /// Withdrawn: the word for it (已撤销), else absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<String>,
    /// Document number, department, categories and plan schedule items, space-separated.
    pub m: String,
    /// Body text.
    pub b: String,
    /// The text of each attachment that could be read, as (file name, text): each cell,
    /// paragraph or page a run of its own (grams never join two cells). Written to
    /// [`attachments_file`].
    #[serde(skip)]
    pub a: Vec<(String, String)>,
    /// How many attachments have text (`a`'s length), absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub x: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Fragment {
    /// The fields searched, in order: title, metadata, body, then each attachment's
    /// text.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        [self.t.as_str(), &self.m, &self.b]
            .into_iter()
            .chain(self.a.iter().map(|(_, text)| text.as_str()))
    }
}

/// The searchable text of an attachment, by [`crate::attach::extract`] (cached by the
/// file's SHA-256, so a file the privacy check read in this build is not read again):
/// each piece cleaned, pieces joined by a space. None when nothing could be read.
pub fn attachment_text(root: &std::path::Path, a: &crate::content::Attachment) -> Option<String> {
    use crate::attach::Extracted;
    let text = match &*crate::attach::extract(root, &a.src, a.size) {
        Extracted::Text(text) => clean(text),
        Extracted::Pieces { pieces, .. } => {
            let mut out = String::new();
            for p in pieces {
                let t = clean(&p.text);
                if !t.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(&t);
                }
            }
            out
        }
        Extracted::Unreadable(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// The words a result shows, looked up once for all documents.
pub struct Labels {
    /// The site's word for a withdrawn document.
    pub withdrawn: String,
    /// Section folder → title.
    pub sections: std::collections::HashMap<String, String>,
}

impl Labels {
    /// The labels in the site's language.
    pub fn new(site: &Site) -> Labels {
        let lang = site.config.language;
        Labels {
            withdrawn: words::words(lang)
                .get("withdrawn")
                .copied()
                .unwrap_or_default()
                .to_string(),
            sections: site
                .sections
                .iter()
                .map(|s| (s.name.clone(), words::section_title(&site.config, &s.name)))
                .collect(),
        }
    }
}

/// The fragment of a document.
pub fn fragment(site: &Site, d: &Document, labels: &Labels) -> Fragment {
    let c = &site.config;
    let mut meta: Vec<&str> = Vec::new();
    if let Some(n) = &d.fm.doc_no {
        meta.push(n);
    }
    meta.push(d.fm.department.as_deref().unwrap_or(&c.organization));
    meta.extend(d.fm.categories.iter().map(String::as_str));
    for items in d.fm.schedule.values() {
        meta.extend(items.iter().map(String::as_str));
    }
    // The attachments' titles and file names: a member looks for `先进个人名单` as the
    // list is called, whether or not its text could be read.
    for a in &d.attachments {
        meta.push(&a.title);
        if a.name != a.title {
            meta.push(&a.name);
        }
    }
    let a: Vec<(String, String)> = d
        .attachments
        .iter()
        .filter_map(|a| Some((a.name.clone(), attachment_text(&c.root, a)?)))
        .collect();
    Fragment {
        x: a.len(),
        a,
        t: clean(&d.fm.title),
        u: c.link(&d.path),
        d: words::date_display(d.fm.date.day, c.language),
        s: labels.sections.get(&d.section).cloned().unwrap_or_default(),
        w: (d.fm.status == Status::Withdrawn).then(|| labels.withdrawn.clone()),
        m: meta
            .iter()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        b: crate::text::plain_of_html(&d.html),
    }
}

/// A gram as an integer: two code points (21 bits each), the second 0 for one character.
fn gram(a: char, b: Option<char>) -> u64 {
    (u64::from(a as u32) << 21) | b.map_or(0, |b| u64::from(b as u32))
}

#[cfg(test)]
fn gram_string(g: u64) -> String {
    let mut s = String::new();
    push_gram(&mut s, g);
    s
}

/// Appends a gram's characters to a string.
fn push_gram(s: &mut String, g: u64) {
    for cp in [(g >> 21) as u32, (g & 0x1F_FFFF) as u32] {
        if let Some(c) = char::from_u32(cp).filter(|_| cp != 0) {
            s.push(c);
        }
    }
}

/// The shard hash of a gram, from its code points (the second 0 for one character):
/// cheap enough to compute for every posting. search.js computes the same.
pub fn gram_hash(a: u32, b: u32) -> u32 {
    let mut h = a.wrapping_mul(0x9E37_79B1) ^ b;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The shard hash of a key: [`gram_hash`] for a gram of one or two characters,
/// [`fnv1a`] of the UTF-8 bytes for a filter key (`\x01…`).
pub fn key_hash(key: &str) -> u32 {
    let mut cs = key.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), b, None) if a != '\u{1}' => gram_hash(a as u32, b.map_or(0, |b| b as u32)),
        _ => fnv1a(key.as_bytes()),
    }
}

/// A fast hasher for gram integers.
#[derive(Default)]
struct GramHasher(u64);

impl std::hash::Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

/// One gram's postings in a run, encoded as they are added.
#[derive(Default)]
struct RunList {
    /// How many postings.
    count: u32,
    /// The last posting's document id (0 before the first).
    last: u32,
    /// The postings as [`format::put_postings`] writes them, without the count: the
    /// first one's id delta is from 0.
    bytes: Vec<u8>,
}

/// The index of runs of neighbouring documents, made by one thread, one run at a time
/// (its memory reused from run to run). Every gram of a run gets a number the first
/// time it is seen, so that counting a document's grams takes array lookups (a
/// character of the Basic Multilingual Plane is numbered without hashing, a pair by
/// one hash), and each gram's list is encoded as each document is added, in document
/// order: nothing is sorted but the run's distinct grams.
struct RunIndex {
    /// Id of the next document.
    next: u32,
    /// BMP character → its gram number, `u32::MAX` when not seen in the run.
    chars: Vec<u32>,
    /// Pairs and characters outside the BMP → gram number.
    others: std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<GramHasher>>,
    /// Gram number → gram.
    grams: Vec<u64>,
    /// Gram number → value in the document being added (occurrences × 2, plus 1 when
    /// in the title); zero when not in it.
    value: Vec<u32>,
    /// Gram numbers found in the document being added.
    seen: Vec<u32>,
    /// Gram number → its list (as many as ever used: their buffers are reused).
    lists: Vec<RunList>,
}

impl RunIndex {
    fn new() -> RunIndex {
        RunIndex {
            next: 0,
            chars: vec![u32::MAX; 1 << 16],
            others: Default::default(),
            grams: Vec::new(),
            value: Vec::new(),
            seen: Vec::new(),
            lists: Vec::new(),
        }
    }

    /// A new gram's number.
    fn push(&mut self, g: u64) -> u32 {
        let n = self.grams.len();
        self.grams.push(g);
        self.value.push(0);
        if self.lists.len() == n {
            self.lists.push(RunList::default());
        }
        n as u32
    }

    /// The number of a pair, or of a character outside the BMP.
    #[inline]
    fn number(&mut self, g: u64) -> u32 {
        if let Some(&n) = self.others.get(&g) {
            return n;
        }
        let n = self.push(g);
        self.others.insert(g, n);
        n
    }

    /// The number of a single character.
    #[inline]
    fn char_number(&mut self, c: char) -> u32 {
        match self.chars.get(c as usize) {
            Some(&n) if n != u32::MAX => n,
            Some(_) => {
                let n = self.push(gram(c, None));
                self.chars[c as usize] = n;
                n
            }
            None => self.number(gram(c, None)),
        }
    }

    /// Counts one occurrence of a gram in the document.
    #[inline]
    fn bump(&mut self, n: u32, title: u32) {
        let v = &mut self.value[n as usize];
        if *v == 0 {
            self.seen.push(n);
        }
        *v = v.saturating_add(2) | title;
    }

    /// Counts a document's grams: every character and every pair of neighbouring
    /// characters of its fields, folded, never across white space (into `value`, the
    /// numbers found in `seen`).
    fn count(&mut self, f: &Fragment) {
        for (i, field) in f.fields().enumerate() {
            let title = u32::from(i == 0);
            let mut prev: Option<char> = None;
            for c in field.chars().map(fold) {
                if c == ' ' {
                    prev = None;
                    continue;
                }
                let n = self.char_number(c);
                self.bump(n, title);
                if let Some(p) = prev {
                    let n = self.number(gram(p, Some(c)));
                    self.bump(n, title);
                }
                prev = Some(c);
            }
        }
    }

    /// Adds the next document.
    fn add(&mut self, f: &Fragment) {
        self.count(f);
        let id = self.next;
        self.next += 1;
        let RunIndex {
            value, seen, lists, ..
        } = self;
        for n in seen.drain(..) {
            let v = std::mem::take(&mut value[n as usize]);
            let l = &mut lists[n as usize];
            format::put_varint(&mut l.bytes, u64::from(id - l.last));
            format::put_varint(&mut l.bytes, u64::from(v));
            l.last = id;
            l.count += 1;
        }
    }

    /// A document's grams with their values (see [`RunIndex::bump`]), by gram; the
    /// run's lists are left as they were.
    fn grams_of(&mut self, f: &Fragment) -> Vec<(u64, u32)> {
        self.count(f);
        let RunIndex {
            value, seen, grams, ..
        } = self;
        let mut out: Vec<(u64, u32)> = seen
            .drain(..)
            .map(|n| (grams[n as usize], std::mem::take(&mut value[n as usize])))
            .collect();
        out.sort_unstable();
        out
    }

    /// Ends the run: its lists, one segment a bucket (by [`gram_hash`]), each holding
    /// its grams in order as [`put_segment_list`] writes them. The next run starts at
    /// document `next`.
    fn finish(&mut self, buckets_n: usize, next: usize) -> Vec<Vec<u8>> {
        let mut order: Vec<(u32, u64, u32)> = self
            .grams
            .iter()
            .enumerate()
            .map(|(n, &g)| {
                let b = gram_hash((g >> 21) as u32, (g & 0x1F_FFFF) as u32) as usize % buckets_n;
                (b as u32, g, n as u32)
            })
            .collect();
        order.sort_unstable();
        let mut segments = vec![Vec::new(); buckets_n];
        for (b, g, n) in order {
            let l = &mut self.lists[n as usize];
            put_segment_list(&mut segments[b as usize], g, l);
            l.count = 0;
            l.last = 0;
            l.bytes.clear();
        }
        for &g in &self.grams {
            if let Some(c) = self.chars.get_mut((g >> 21) as usize) {
                if g & 0x1F_FFFF == 0 {
                    *c = u32::MAX;
                }
            }
        }
        self.others.clear();
        self.grams.clear();
        self.value.clear();
        self.next = next as u32;
        segments
    }
}

/// Appends a run's list of a gram to a segment: gram, count, last id, length of the
/// postings' bytes, the bytes.
fn put_segment_list(seg: &mut Vec<u8>, g: u64, l: &RunList) {
    format::put_varint(seg, g);
    format::put_varint(seg, u64::from(l.count));
    format::put_varint(seg, u64::from(l.last));
    format::put_varint(seg, l.bytes.len() as u64);
    seg.extend_from_slice(&l.bytes);
}

/// A run's list in a segment, as [`put_segment_list`] wrote it.
#[derive(Clone, Copy)]
struct SegmentList<'a> {
    gram: u64,
    count: u32,
    last: u32,
    bytes: &'a [u8],
}

/// Reads the list at `*pos` of a segment, advancing past it.
fn get_segment_list<'a>(seg: &'a [u8], pos: &mut usize) -> Option<SegmentList<'a>> {
    let gram = format::get_varint(seg, pos)?;
    let count = u32::try_from(format::get_varint(seg, pos)?).ok()?;
    let last = u32::try_from(format::get_varint(seg, pos)?).ok()?;
    let len = format::get_varint(seg, pos)? as usize;
    let bytes = seg.get(*pos..*pos + len)?;
    *pos += len;
    Some(SegmentList {
        gram,
        count,
        last,
        bytes,
    })
}

/// Appends a gram's whole list (as [`format::put_list`] would) from its runs' lists,
/// in run order: each run's bytes are copied as they are but for its first id, whose
/// delta becomes one from the previous run's last id.
fn put_joined_list(out: &mut Vec<u8>, key: &[u8], runs: &[SegmentList]) {
    format::put_varint(out, key.len() as u64);
    out.extend_from_slice(key);
    let count: u64 = runs.iter().map(|l| u64::from(l.count)).sum();
    format::put_varint(out, count);
    let mut prev = 0u32;
    for l in runs {
        let mut pos = 0;
        let first = format::get_varint(l.bytes, &mut pos).unwrap_or_default() as u32;
        format::put_varint(out, u64::from(first - prev));
        out.extend_from_slice(&l.bytes[pos..]);
        prev = l.last;
    }
}

/// `search/meta.json`, as written; read back by [`update`].
#[derive(Serialize, Deserialize)]
struct Meta {
    version: u32,
    shards: usize,
    docs: usize,
    /// (year, first id, last id), newest year first.
    years: Vec<(i32, usize, usize)>,
    /// (folder name, title).
    sections: Vec<(String, String)>,
    categories: Vec<String>,
    /// Grams in many documents, each in its own file `search/h/<position>.bin`, with
    /// the number of documents holding it (a query prefers rarer grams).
    heavy: Vec<(String, usize)>,
}

impl Meta {
    /// The meta file of a site's index with `shards` shards and these heavy grams
    /// (sorted by gram, with their document counts).
    fn of(site: &Site, shards: usize, heavy: Vec<(String, usize)>) -> Meta {
        let mut years: Vec<(i32, usize, usize)> = Vec::new();
        for (i, d) in site.docs.iter().enumerate() {
            let y = d.fm.date.day.year();
            match years.last_mut() {
                Some(last) if last.0 == y => last.2 = i,
                _ => years.push((y, i, i)),
            }
        }
        Meta {
            version: VERSION,
            shards,
            docs: site.docs.len(),
            years,
            sections: site
                .sections
                .iter()
                .map(|s| (s.name.clone(), words::section_title(&site.config, &s.name)))
                .collect(),
            categories: site
                .categories
                .iter()
                .filter(|c| !c.docs.is_empty())
                .map(|c| c.name.clone())
                .collect(),
            heavy,
        }
    }

    fn to_vec(&self) -> io::Result<Vec<u8>> {
        serde_json::to_vec(self).map_err(io::Error::other)
    }
}

/// A gram with its own file: the gram, the file's bytes, how many documents hold it.
type Heavy = (String, Vec<u8>, usize);

/// The filters' lists (`\x01…` keys: sections, then categories, in the site's order),
/// each added to the end of its shard.
fn filters(site: &Site) -> Vec<(String, Vec<(u32, u32)>)> {
    let ids = |docs: &[usize]| {
        let mut ids: Vec<(u32, u32)> = docs.iter().map(|&i| (i as u32, 0)).collect();
        ids.sort_unstable();
        ids
    };
    let sections = site
        .sections
        .iter()
        .map(|s| (section_key(&s.name), ids(&s.docs)));
    let categories = (site.categories.iter()).map(|c| (category_key(&c.name), ids(&c.docs)));
    sections.chain(categories).collect()
}

/// Adds the filters' lists of shard `k` of `n` to its bytes.
fn put_filters(shard: &mut Vec<u8>, k: usize, n: usize, filters: &[(String, Vec<(u32, u32)>)]) {
    for (key, ids) in filters {
        if key_hash(key) as usize % n == k {
            format::put_list(shard, key.as_bytes(), ids);
        }
    }
}

/// About how many bytes of text an attachment gives, from its size, erring high (too
/// many buckets cost a few bytes each, too few make shards too big): a text file its
/// size, a spreadsheet or Word file (packed XML) three times its size (a generated
/// list of 2,000 names gave 2.1 times), a PDF (mostly fonts and images) a quarter, a
/// file whose text is never read nothing.
fn attachment_estimate(a: &crate::content::Attachment) -> u64 {
    use crate::attach::{format_of, Format, MAX_FILE};
    let size = a.size.min(MAX_FILE);
    match format_of(&a.src) {
        Format::Text => size,
        Format::Sheet | Format::Docx => size.saturating_mul(3),
        Format::Pdf => size / 4,
        Format::Other => 0,
    }
}

/// How many buckets the postings go into while the index is made. There are more
/// buckets than there will be shards (both powers of two: a shard is the union of
/// the buckets congruent to it); at most two grams a character, about two bytes a
/// posting, gives the count. An attachment counts by its file's size (see
/// [`attachment_estimate`]): its text is not read yet.
fn bucket_count(site: &Site) -> usize {
    let text_bytes: usize = site
        .docs
        .iter()
        .map(|d| {
            let attached: u64 = d.attachments.iter().map(attachment_estimate).sum();
            d.html.len() + d.fm.title.len() + 64 + attached as usize
        })
        .sum();
    (text_bytes / 3 * 4)
        .div_ceil(SHARD_TARGET_BYTES)
        .next_power_of_two()
}

/// How many shards hold `light_bytes` of posting lists.
fn shard_count(light_bytes: usize, buckets_n: usize) -> usize {
    light_bytes
        .div_ceil(SHARD_TARGET_BYTES)
        .next_power_of_two()
        .min(buckets_n)
}

/// How many documents a gram must be in to get a file of its own.
fn heavy_min(docs: usize) -> usize {
    (docs / 8).max(HEAVY_MIN_DOCS)
}

/// A fingerprint of which document has which id (their site paths in order): an
/// index can be updated in place only while it is the same.
fn id_fingerprint(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in &site.docs {
        d.path.hash(&mut h);
    }
    h.finish()
}

/// A document's files: its fragment ([`doc_file`]) and, when it has attachment text,
/// that text ([`attachments_file`]).
fn fragment_files(f: &Fragment) -> io::Result<(Vec<u8>, Option<Vec<u8>>)> {
    let json = serde_json::to_vec(f).map_err(io::Error::other)?;
    let attached = if f.a.is_empty() {
        None
    } else {
        Some(serde_json::to_vec(&f.a).map_err(io::Error::other)?)
    };
    Ok((json, attached))
}

/// What an index was laid out by; [`update`] changes an index in place only while
/// its site would still be laid out the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Buckets while indexing ([`bucket_count`]): the order of lists in a shard.
    buckets: usize,
    shards: usize,
    docs: usize,
    /// [`id_fingerprint`].
    ids: u64,
}

/// What [`write_index`] did: how many files it wrote, and the index's layout.
pub struct Written {
    pub files: usize,
    pub layout: Layout,
}

/// Writes every search file with `sink(path relative to the output folder, bytes)`, as
/// soon as it is made (the index is never all in memory). Returns how many were written.
pub fn write<F>(site: &Site, sink: F) -> io::Result<usize>
where
    F: Fn(&str, &[u8]) -> io::Result<()> + Sync,
{
    write_index(site, sink).map(|w| w.files)
}

/// [`write`], saying also how the index is laid out (for [`update`]).
pub fn write_index<F>(site: &Site, sink: F) -> io::Result<Written>
where
    F: Fn(&str, &[u8]) -> io::Result<()> + Sync,
{
    let labels = Labels::new(site);
    // Postings go into buckets by gram hash, run of documents by run of documents, so
    // that each bucket is in id order.
    let buckets_n = bucket_count(site);
    // Documents with an attachments file.
    let attached = AtomicUsize::new(0);
    let run = site
        .docs
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    // Each run of documents leaves one segment a bucket: its grams' lists, encoded
    // (a couple of bytes a posting), so the postings are never all in memory raw.
    let segments: Vec<Vec<Vec<u8>>> = site
        .docs
        .par_chunks(run)
        .enumerate()
        .map_init(RunIndex::new, |index, (r, docs)| {
            index.next = (r * run) as u32;
            for (j, d) in docs.iter().enumerate() {
                let f = fragment(site, d, &labels);
                let (json, a) = fragment_files(&f)?;
                sink(&doc_file(r * run + j), &json)?;
                if let Some(a) = a {
                    sink(&attachments_file(r * run + j), &a)?;
                    attached.fetch_add(1, Ordering::Relaxed);
                }
                index.add(&f);
            }
            Ok(index.finish(buckets_n, (r + 1) * run))
        })
        .collect::<io::Result<_>>()?;

    // Each bucket's lists, the runs' segments joined; a gram in many documents gets a
    // file of its own, so that a query for a rare gram never downloads a common one.
    let heavy_min = heavy_min(site.docs.len());
    // By bucket, each run's segment in run order; consumed bucket by bucket.
    let mut by_bucket: Vec<Vec<Vec<u8>>> = (0..buckets_n)
        .map(|_| Vec::with_capacity(segments.len()))
        .collect();
    for segs in segments {
        for (k, seg) in segs.into_iter().enumerate() {
            by_bucket[k].push(seg);
        }
    }
    let encoded: Vec<(Vec<u8>, Vec<Heavy>)> = by_bucket
        .into_par_iter()
        .map(|segs| {
            // Every run's lists, sorted by gram, the runs in order (a gram's runs are
            // joined in id order).
            let mut lists: Vec<(u64, u32, SegmentList)> = Vec::new();
            for (r, seg) in segs.iter().enumerate() {
                let mut pos = 0;
                while let Some(l) = get_segment_list(seg, &mut pos) {
                    lists.push((l.gram, r as u32, l));
                }
            }
            lists.sort_unstable_by_key(|e| (e.0, e.1));
            let mut light = Vec::new();
            let mut heavy = Vec::new();
            let mut runs: Vec<SegmentList> = Vec::new();
            let mut key = String::new();
            for same in lists.chunk_by(|a, b| a.0 == b.0) {
                runs.clear();
                runs.extend(same.iter().map(|e| e.2));
                key.clear();
                push_gram(&mut key, same[0].0);
                let docs: usize = runs.iter().map(|l| l.count as usize).sum();
                if docs >= heavy_min {
                    let mut out = Vec::new();
                    put_joined_list(&mut out, key.as_bytes(), &runs);
                    heavy.push((key.clone(), out, docs));
                } else {
                    put_joined_list(&mut light, key.as_bytes(), &runs);
                }
            }
            (light, heavy)
        })
        .collect();

    let light_bytes: usize = encoded.iter().map(|e| e.0.len()).sum();
    let shards = shard_count(light_bytes, buckets_n);
    let mut shard_bytes: Vec<Vec<u8>> = vec![Vec::new(); shards];
    let mut heavy: Vec<Heavy> = Vec::new();
    for (k, (light, h)) in encoded.into_iter().enumerate() {
        shard_bytes[k % shards].extend_from_slice(&light);
        heavy.extend(h);
    }
    let filters = filters(site);
    for (k, shard) in shard_bytes.iter_mut().enumerate() {
        put_filters(shard, k, shards, &filters);
    }
    heavy.sort_by(|a, b| a.0.cmp(&b.0));
    shard_bytes
        .par_iter()
        .enumerate()
        .try_for_each(|(k, b)| sink(&shard_file(k), b))?;
    heavy
        .par_iter()
        .enumerate()
        .try_for_each(|(i, h)| sink(&heavy_file(i), &h.1))?;
    let files = site.docs.len() + attached.into_inner() + shards + heavy.len() + 1;
    let heavy: Vec<(String, usize)> = heavy
        .into_iter()
        .map(|(key, _, docs)| (key, docs))
        .collect();
    sink(META_FILE, &Meta::of(site, shards, heavy).to_vec()?)?;
    Ok(Written {
        files,
        layout: Layout {
            buckets: buckets_n,
            shards,
            docs: site.docs.len(),
            ids: id_fingerprint(site),
        },
    })
}

/// The index's meta file, relative to the output folder.
const META_FILE: &str = "search/meta.json";

/// Shard `k`'s file, relative to the output folder.
fn shard_file(k: usize) -> String {
    format!("search/g/{k}.bin")
}

/// The file of the heavy gram at `i` in meta.json's list, relative to the output
/// folder.
fn heavy_file(i: usize) -> String {
    format!("search/h/{i}.bin")
}

/// The search files an [`update`] changes: those whose bytes differ from the served
/// ones, and those no longer written.
#[derive(Debug, Default)]
pub struct Patch {
    pub put: Vec<(String, Vec<u8>)>,
    pub remove: Vec<String>,
    /// Documents whose grams were counted again (their fragment changed).
    pub reindexed: usize,
    /// The layout, the same as before.
    pub layout: Layout,
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            buckets: 1,
            shards: 1,
            docs: 0,
            ids: 0,
        }
    }
}

/// A gram from a light key's bytes (one or two characters), None for a filter key.
fn key_gram(key: &[u8]) -> Option<u64> {
    let key = std::str::from_utf8(key).ok()?;
    let mut cs = key.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), b, None) if a != '\u{1}' => Some(gram(a, b)),
        _ => None,
    }
}

/// The changes to the lists of some grams: gram → `(id, old value, new value)`.
type Edits<'a> = std::collections::HashMap<u64, &'a [(u32, u32, u32)]>;

/// Applies changes to a gram's list (by id): `(id, old value, new
/// value)`, 0 for none.
fn patch_list(list: &mut Vec<(u32, u32)>, edits: &[(u32, u32, u32)]) {
    for &(id, _, new) in edits {
        match (list.binary_search_by_key(&id, |p| p.0), new) {
            (Ok(at), 0) => {
                list.remove(at);
            }
            (Ok(at), v) => list[at].1 = v,
            (Err(_), 0) => {}
            (Err(at), v) => list.insert(at, (id, v)),
        }
    }
}

/// Updates in place the index [`write_index`] wrote of an earlier version of `site`
/// (laid out as `layout`, its files read with `get`), after the documents at
/// `changed` (ids) may have changed, no document having moved: only those documents'
/// fragments are made again, only the grams whose postings changed are re-encoded,
/// and only the files whose bytes change are returned, exactly as a full write of
/// `site` would make them. None when the change moves ids or the layout (a document
/// added, removed or reordered, the shard count, a gram getting or losing a file of its
/// own) or a file is not as written: then the index must be written anew.
pub fn update(
    site: &Site,
    layout: &Layout,
    changed: &[usize],
    get: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> io::Result<Option<Patch>> {
    if site.docs.len() != layout.docs
        || id_fingerprint(site) != layout.ids
        || bucket_count(site) != layout.buckets
    {
        return Ok(None);
    }
    let Some(old_meta) = get(META_FILE) else {
        return Ok(None);
    };
    let Ok(meta) = serde_json::from_slice::<Meta>(&old_meta) else {
        return Ok(None);
    };
    if meta.version != VERSION || meta.shards != layout.shards {
        return Ok(None);
    }
    let (buckets_n, shards) = (layout.buckets, layout.shards);
    let heavy_min = heavy_min(site.docs.len());
    let labels = Labels::new(site);
    let mut patch = Patch {
        layout: layout.clone(),
        ..Patch::default()
    };

    // Each changed document's fragment against the served one; the grams whose value
    // changed, with (id, old value, new value).
    let mut ids: Vec<usize> = changed
        .iter()
        .copied()
        .filter(|&i| i < site.docs.len())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut index = RunIndex::new();
    let mut edits: std::collections::HashMap<u64, Vec<(u32, u32, u32)>> = Default::default();
    for i in ids {
        let f = fragment(site, &site.docs[i], &labels);
        let (json, attached) = fragment_files(&f)?;
        let (d_file, a_file) = (doc_file(i), attachments_file(i));
        let Some(old_json) = get(&d_file) else {
            return Ok(None);
        };
        let old_attached = get(&a_file);
        if old_json == json && old_attached == attached {
            continue;
        }
        let Ok(mut old) = serde_json::from_slice::<Fragment>(&old_json) else {
            return Ok(None);
        };
        if let Some(a) = &old_attached {
            let Ok(a) = serde_json::from_slice(a) else {
                return Ok(None);
            };
            old.a = a;
        }
        patch.reindexed += 1;
        let (before, after) = (index.grams_of(&old), index.grams_of(&f));
        let id = i as u32;
        let (mut b, mut a) = (before.iter().peekable(), after.iter().peekable());
        loop {
            let (g, old_v, new_v) = match (b.peek(), a.peek()) {
                (Some(&&(gb, vb)), Some(&&(ga, va))) if gb == ga => {
                    b.next();
                    a.next();
                    (gb, vb, va)
                }
                (Some(&&(gb, vb)), Some(&&(ga, _))) if gb < ga => {
                    b.next();
                    (gb, vb, 0)
                }
                (Some(&&(gb, vb)), None) => {
                    b.next();
                    (gb, vb, 0)
                }
                (_, Some(&&(ga, va))) => {
                    a.next();
                    (ga, 0, va)
                }
                (None, None) => break,
            };
            if old_v != new_v {
                edits.entry(g).or_default().push((id, old_v, new_v));
            }
        }
        if old_json != json {
            patch.put.push((d_file, json));
        }
        match attached {
            Some(a) if old_attached.as_ref() != Some(&a) => patch.put.push((a_file, a)),
            None if old_attached.is_some() => patch.remove.push(a_file),
            _ => {}
        }
    }

    // The heavy grams' files, and the edits of the others by shard.
    let heavy_at: std::collections::HashMap<&str, usize> = (meta.heavy.iter().enumerate())
        .map(|(i, (key, _))| (key.as_str(), i))
        .collect();
    let mut heavy = meta.heavy.clone();
    let mut by_shard: Vec<Edits> = vec![Default::default(); shards];
    let mut key = String::new();
    for (g, e) in &edits {
        key.clear();
        push_gram(&mut key, *g);
        match heavy_at.get(key.as_str()) {
            Some(&i) => {
                let file = heavy_file(i);
                let Some(old) = get(&file) else {
                    return Ok(None);
                };
                let Some(mut entries) = format::decode_shard(&old) else {
                    return Ok(None);
                };
                let [(k, list)] = &mut entries[..] else {
                    return Ok(None);
                };
                patch_list(list, e);
                if list.len() < heavy_min {
                    return Ok(None);
                }
                heavy[i].1 = list.len();
                let mut out = Vec::new();
                format::put_list(&mut out, k, list);
                if out != old {
                    patch.put.push((file, out));
                }
            }
            None => {
                by_shard[key_hash(&key) as usize % shards].insert(*g, e);
            }
        }
    }

    // Every shard: its light lists (patched where edited) and its filters anew.
    let filters = filters(site);
    let mut light_bytes = 0;
    let mut shard_out = Vec::with_capacity(shards);
    for (k, edits) in by_shard.iter().enumerate() {
        let file = shard_file(k);
        let Some(old) = get(&file) else {
            return Ok(None);
        };
        let Some(entries) = format::decode_shard(&old) else {
            return Ok(None);
        };
        // The light lists (the filters are made anew), in the order write puts them:
        // by bucket, then by gram. Re-encoding a list gives back its bytes.
        let mut lists: Vec<(u64, Vec<(u32, u32)>)> = entries
            .into_iter()
            .filter_map(|(key, list)| Some((key_gram(&key)?, list)))
            .collect();
        if !edits.is_empty() {
            let at: std::collections::HashMap<u64, usize> = (lists.iter().enumerate())
                .map(|(i, (g, _))| (*g, i))
                .collect();
            for (g, e) in edits {
                match at.get(g) {
                    Some(&i) => patch_list(&mut lists[i].1, e),
                    None => {
                        let mut list = Vec::new();
                        patch_list(&mut list, e);
                        lists.push((*g, list));
                    }
                }
            }
            lists.retain(|(_, l)| !l.is_empty());
            if lists.iter().any(|(_, l)| l.len() >= heavy_min) {
                return Ok(None);
            }
            let bucket =
                |g: u64| gram_hash((g >> 21) as u32, (g & 0x1F_FFFF) as u32) as usize % buckets_n;
            lists.sort_unstable_by_key(|(g, _)| (bucket(*g), *g));
        }
        let mut out = Vec::with_capacity(old.len());
        for (g, list) in &lists {
            key.clear();
            push_gram(&mut key, *g);
            format::put_list(&mut out, key.as_bytes(), list);
        }
        light_bytes += out.len();
        put_filters(&mut out, k, shards, &filters);
        shard_out.push((file, old, out));
    }
    if shard_count(light_bytes, buckets_n) != shards {
        return Ok(None);
    }
    for (file, old, out) in shard_out {
        if out != old {
            patch.put.push((file, out));
        }
    }
    let meta_bytes = Meta::of(site, shards, heavy).to_vec()?;
    if meta_bytes != old_meta {
        patch.put.push((META_FILE.to_string(), meta_bytes));
    }
    Ok(Some(patch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_full_and_half_width_and_case() {
        let f = |s: &str| s.chars().map(fold).collect::<String>();
        assert_eq!(f("ＡＢｃ１２３"), "abc123");
        assert_eq!(f("Word 2026"), "word 2026");
        assert_eq!(f("工会〔２０２３〕"), "工会〔2023〕");
    }

    #[test]
    fn clean_collapses_white_space() {
        assert_eq!(clean("  工会\n\n经费  a\tb "), "工会 经费 a b");
        assert_eq!(
            clean("\u{3000}工会\u{3000}\u{a0}经费。\u{2029}、\u{85}"),
            "工会 经费。 、"
        );
        assert_eq!(clean("é\u{1680}ü\u{1}x"), "é ü x");
        assert_eq!(clean(""), "");
        assert_eq!(clean(" \n "), "");
    }

    #[test]
    fn clean_agrees_with_the_definition_on_every_space_and_control() {
        // The definition, character by character.
        let slow = |s: &str| {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if c.is_whitespace() || c.is_control() {
                    space = !out.is_empty();
                } else {
                    if space {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
            out
        };
        let odd: Vec<char> = (0..0x3100u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || c.is_control())
            .collect();
        for &c in &odd {
            for text in [
                format!("{c}工{c}{c}会a{c}"),
                format!("x{c}"),
                format!("{c}é"),
            ] {
                assert_eq!(clean(&text), slow(&text), "U+{:04X}", c as u32);
            }
        }
        // Characters led by the same bytes as a space, which are not spaces.
        let mixed = "\u{a9}\u{1681}\u{2010}\u{3001}\u{3000}\u{3002}\u{2000}\u{1f600}工";
        assert_eq!(clean(mixed), slow(mixed));
    }

    #[test]
    fn grams_count_occurrences_and_mark_the_title() {
        let f = Fragment {
            t: "工会".into(),
            u: String::new(),
            d: String::new(),
            s: String::new(),
            w: None,
            m: String::new(),
            b: "工会经费 工会".into(),
            a: vec![("名单.xlsx".into(), "工会 张三".into())],
            x: 1,
        };
        let mut index = RunIndex::new();
        index.next = 7;
        index.add(&f);
        let g: std::collections::HashMap<u64, u32> = index
            .grams
            .iter()
            .zip(&index.lists)
            .map(|(&g, l)| {
                let list = format::get_postings(&[&[1][..], &l.bytes].concat(), &mut 0).unwrap();
                assert_eq!(list[0].0, 7);
                (g, list[0].1)
            })
            .collect();
        assert_eq!(g[&gram('工', Some('会'))], 4 * 2 + 1);
        assert_eq!(g[&gram('张', Some('三'))], 2, "attachment text is indexed");
        assert_eq!(g[&gram('经', Some('费'))], 2);
        assert_eq!(g[&gram('经', None)], 2);
        assert!(
            !g.contains_key(&gram('费', Some('工'))),
            "grams never span white space"
        );
        assert_eq!(gram_string(gram('工', Some('会'))), "工会");
        assert_eq!(gram_string(gram('工', None)), "工");
        assert_eq!(key_hash("工会"), gram_hash('工' as u32, '会' as u32));
        assert_eq!(key_hash("工"), gram_hash('工' as u32, 0));
        assert_eq!(key_hash("\u{1}snotices"), fnv1a("\u{1}snotices".as_bytes()));
    }

    #[test]
    fn a_run_lists_each_gram_in_document_order() {
        let doc = |t: &str, b: &str| Fragment {
            t: t.into(),
            u: String::new(),
            d: String::new(),
            s: String::new(),
            w: None,
            m: String::new(),
            b: b.into(),
            a: Vec::new(),
            x: 0,
        };
        // Two runs: ids 10 to 11, then 12; each run's segments are joined as
        // `write` joins them.
        let mut index = RunIndex::new();
        index.next = 10;
        index.add(&doc("经费", "工会"));
        index.add(&doc("", "会员"));
        let first = index.finish(4, 12);
        index.add(&doc("工会", "会会"));
        let second = index.finish(4, 13);
        assert_eq!(index.next, 13);
        let mut lists = std::collections::BTreeMap::new();
        for (a, b) in first.iter().zip(&second) {
            let mut runs: std::collections::BTreeMap<u64, Vec<SegmentList>> = Default::default();
            for seg in [a, b] {
                let mut pos = 0;
                while let Some(l) = get_segment_list(seg, &mut pos) {
                    runs.entry(l.gram).or_default().push(l);
                }
                assert_eq!(pos, seg.len());
            }
            for (g, runs) in runs {
                let mut out = Vec::new();
                put_joined_list(&mut out, gram_string(g).as_bytes(), &runs);
                for (key, list) in format::decode_shard(&out).unwrap() {
                    assert!(lists
                        .insert(String::from_utf8(key).unwrap(), list)
                        .is_none());
                }
            }
        }
        assert_eq!(lists["会"], vec![(10, 2), (11, 2), (12, 7)]);
        assert_eq!(lists["工会"], vec![(10, 2), (12, 3)]);
        assert_eq!(lists["会会"], vec![(12, 2)]);
        assert_eq!(lists["经"], vec![(10, 3)]);
        assert_eq!(lists.len(), 9, "{:?}", lists.keys().collect::<Vec<_>>());
    }

    #[test]
    fn fnv1a_is_the_reference_function() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }
}
