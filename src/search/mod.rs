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
//! - `search/d/<id>.json`: one document's searchable text and what a result shows, so a
//!   query downloads only its candidates' text.
//!
//! Document ids are positions in `site.docs`: newest first, so "newer first" is "lower
//! id first" and each year is one range of ids.

pub mod format;

use std::io;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Document, Status};
use crate::render::words;
use crate::site::Site;

/// The layout version written in `meta.json`; `search.js` refuses another.
pub const VERSION: u32 = 1;

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

/// Collapses each run of white space (and control characters) into one space and trims
/// the ends: the text a result shows, and the text searched. Grams never span white
/// space, so a query (whose terms are split at white space) matches within a run of
/// non-space characters only.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

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
/// result shows. Serialized as `search/d/<id>.json`.
#[derive(Debug, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<String>,
    /// Document number, department, categories and plan schedule items, space-separated.
    pub m: String,
    /// Body text.
    pub b: String,
}

impl Fragment {
    /// The fields searched, in order: title, metadata, body.
    pub fn fields(&self) -> [&str; 3] {
        [&self.t, &self.m, &self.b]
    }
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
                .map(|s| (s.name.clone(), words::section_title(&s.name, lang)))
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
    Fragment {
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
        b: clean(&d.plain),
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

/// Bits of a packed posting that hold its value; the gram is above them.
const VALUE_BITS: u32 = 22;

/// A fast hasher for gram integers, for counting one document's grams.
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

/// Scratch space for counting one document's grams, reused from document to document:
/// characters of the Basic Multilingual Plane counted in an array (most grams are
/// single characters or pairs of them, and a single character needs no hashing), pairs
/// and other characters in a hash map.
struct GramCounts {
    /// Value (occurrences × 2 | in title) of each BMP character; zero when unseen.
    bmp: Vec<u32>,
    /// The BMP characters seen, to read and reset `bmp`.
    seen: Vec<u16>,
    other: std::collections::HashMap<u64, u64, std::hash::BuildHasherDefault<GramHasher>>,
}

impl Default for GramCounts {
    fn default() -> Self {
        GramCounts {
            bmp: vec![0; 1 << 16],
            seen: Vec::new(),
            other: Default::default(),
        }
    }
}

/// The packed posting of a gram with its value (a count so large it would overflow the
/// value bits is capped, keeping the title bit).
fn pack(g: u64, v: u64) -> u64 {
    g << VALUE_BITS | (v.min((1 << VALUE_BITS) - 2) & !1) | (v & 1)
}

/// A document's grams, each packed as `gram << 22 | value`, where value is occurrences
/// × 2, plus 1 when the gram is in the title.
fn count_grams(f: &Fragment, counts: &mut GramCounts) -> Vec<u64> {
    let GramCounts { bmp, seen, other } = counts;
    other.clear();
    for (i, field) in f.fields().iter().enumerate() {
        let title = u64::from(i == 0);
        let mut prev: Option<char> = None;
        for c in field.chars().map(fold) {
            if c == ' ' {
                prev = None;
                continue;
            }
            match bmp.get_mut(c as usize) {
                Some(v) => {
                    if *v == 0 {
                        seen.push(c as u16);
                    }
                    *v = (*v + 2) | title as u32;
                }
                None => {
                    let v = other.entry(gram(c, None)).or_insert(0);
                    *v = (*v + 2) | title;
                }
            }
            if let Some(p) = prev {
                let v = other.entry(gram(p, Some(c))).or_insert(0);
                *v = (*v + 2) | title;
            }
            prev = Some(c);
        }
    }
    let mut out: Vec<u64> = Vec::with_capacity(seen.len() + other.len());
    for c in seen.drain(..) {
        let v = std::mem::take(&mut bmp[c as usize]);
        out.push(pack(u64::from(c) << 21, u64::from(v)));
    }
    out.extend(other.iter().map(|(&g, &v)| pack(g, v)));
    out
}

#[derive(Serialize)]
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

/// Postings of one bucket from one run of documents: packed gram and value (two
/// halves) and the document id, 12 bytes a posting.
type Bucket = Vec<[u32; 3]>;

/// The gram of a bucket entry (its packed posting in two halves).
fn gram_of(hi: u32, lo: u32) -> u64 {
    (u64::from(hi) << 32 | u64::from(lo)) >> VALUE_BITS
}

/// The value of a bucket entry.
fn value_of(hi: u32, lo: u32) -> u32 {
    ((u64::from(hi) << 32 | u64::from(lo)) & ((1 << VALUE_BITS) - 1)) as u32
}

/// A gram with its own file: the gram, the file's bytes, how many documents hold it.
type Heavy = (String, Vec<u8>, usize);

/// Adds a filter's list (`\x01…` key) to its shard.
fn put_filter(shards: &mut [Vec<u8>], key: &str, mut ids: Vec<(u32, u32)>) {
    ids.sort_unstable();
    let n = shards.len();
    format::put_list(
        &mut shards[key_hash(key) as usize % n],
        key.as_bytes(),
        &ids,
    );
}

/// Writes every search file with `sink(path relative to the output folder, bytes)`, as
/// soon as it is made (the index is never all in memory). Returns how many were written.
pub fn write<F>(site: &Site, sink: F) -> io::Result<usize>
where
    F: Fn(&str, &[u8]) -> io::Result<()> + Sync,
{
    let labels = Labels::new(site);
    // Postings go into buckets by gram hash, run of documents by run of documents, so
    // that each bucket is in id order. There are more buckets than there will be shards
    // (both powers of two: a shard is the union of the buckets congruent to it); at most
    // two grams a character, about two bytes a posting, gives the bucket count.
    let text_bytes: usize = site
        .docs
        .iter()
        .map(|d| d.plain.len() + d.fm.title.len() + 64)
        .sum();
    let buckets_n = (text_bytes / 3 * 4)
        .div_ceil(SHARD_TARGET_BYTES)
        .next_power_of_two();
    let run = site
        .docs
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    let bucket_of = |p: u64| {
        let g = p >> VALUE_BITS;
        gram_hash((g >> 21) as u32, (g & 0x1F_FFFF) as u32) as usize % buckets_n
    };
    // Each run of documents leaves one segment a bucket: its grams' lists, encoded
    // (a couple of bytes a posting), so the postings are never all in memory raw.
    let segments: Vec<Vec<Vec<u8>>> = site
        .docs
        .par_chunks(run)
        .enumerate()
        .map(|(r, docs)| {
            let mut counts = GramCounts::default();
            let mut grams: Vec<Vec<u64>> = Vec::with_capacity(docs.len());
            for (j, d) in docs.iter().enumerate() {
                let f = fragment(site, d, &labels);
                let json = serde_json::to_vec(&f).map_err(io::Error::other)?;
                sink(&format!("search/d/{}.json", r * run + j), &json)?;
                grams.push(count_grams(&f, &mut counts));
            }
            // Buckets made to measure: no growing, no slack.
            let mut sizes = vec![0usize; buckets_n];
            for &p in grams.iter().flatten() {
                sizes[bucket_of(p)] += 1;
            }
            let mut b: Vec<Bucket> = sizes.into_iter().map(Vec::with_capacity).collect();
            for (j, gs) in grams.into_iter().enumerate() {
                let id = (r * run + j) as u32;
                for p in gs {
                    b[bucket_of(p)].push([(p >> 32) as u32, p as u32, id]);
                }
            }
            let mut list: Vec<(u32, u32)> = Vec::new();
            let segments = b
                .into_iter()
                .map(|mut bucket| {
                    bucket.sort_unstable_by_key(|e| (gram_of(e[0], e[1]), e[2]));
                    let mut seg = Vec::new();
                    for run in bucket.chunk_by(|a, b| gram_of(a[0], a[1]) == gram_of(b[0], b[1])) {
                        list.clear();
                        list.extend(run.iter().map(|&[hi, lo, id]| (id, value_of(hi, lo))));
                        format::put_varint(&mut seg, gram_of(run[0][0], run[0][1]));
                        format::put_postings(&mut seg, &list);
                    }
                    seg
                })
                .collect();
            Ok(segments)
        })
        .collect::<io::Result<_>>()?;

    // Each bucket's lists, the runs' segments joined; a gram in many documents gets a
    // file of its own, so that a query for a rare gram never downloads a common one.
    let heavy_min = (site.docs.len() / 8).max(HEAVY_MIN_DOCS);
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
            // (gram, run, where its postings start): sorted, the runs in order keep each
            // list in id order. Nothing is decoded until written.
            let mut lists: Vec<(u64, u32, u32)> = Vec::new();
            for (r, seg) in segs.iter().enumerate() {
                let mut pos = 0;
                while pos < seg.len() {
                    let g = format::get_varint(seg, &mut pos).unwrap_or_default();
                    lists.push((g, r as u32, pos as u32));
                    format::skip_postings(seg, &mut pos);
                }
            }
            lists.sort_unstable();
            let mut light = Vec::new();
            let mut heavy = Vec::new();
            let mut list: Vec<(u32, u32)> = Vec::new();
            let mut key = String::new();
            for same in lists.chunk_by(|a, b| a.0 == b.0) {
                list.clear();
                for &(_, r, at) in same {
                    format::read_postings(&segs[r as usize], &mut (at as usize), &mut list);
                }
                key.clear();
                push_gram(&mut key, same[0].0);
                if list.len() >= heavy_min {
                    let mut out = Vec::new();
                    format::put_list(&mut out, key.as_bytes(), &list);
                    heavy.push((key.clone(), out, list.len()));
                } else {
                    format::put_list(&mut light, key.as_bytes(), &list);
                }
            }
            (light, heavy)
        })
        .collect();

    let light_bytes: usize = encoded.iter().map(|e| e.0.len()).sum();
    let shards = light_bytes
        .div_ceil(SHARD_TARGET_BYTES)
        .next_power_of_two()
        .min(buckets_n);
    let mut shard_bytes: Vec<Vec<u8>> = vec![Vec::new(); shards];
    let mut heavy: Vec<Heavy> = Vec::new();
    for (k, (light, h)) in encoded.into_iter().enumerate() {
        shard_bytes[k % shards].extend_from_slice(&light);
        heavy.extend(h);
    }
    for s in &site.sections {
        let ids: Vec<(u32, u32)> = s.docs.iter().map(|&i| (i as u32, 0)).collect();
        put_filter(&mut shard_bytes, &section_key(&s.name), ids);
    }
    for c in &site.categories {
        let ids: Vec<(u32, u32)> = c.docs.iter().map(|&i| (i as u32, 0)).collect();
        put_filter(&mut shard_bytes, &category_key(&c.name), ids);
    }
    heavy.sort_by(|a, b| a.0.cmp(&b.0));
    shard_bytes
        .par_iter()
        .enumerate()
        .try_for_each(|(k, b)| sink(&format!("search/g/{k}.bin"), b))?;
    heavy
        .par_iter()
        .enumerate()
        .try_for_each(|(i, h)| sink(&format!("search/h/{i}.bin"), &h.1))?;
    let files = site.docs.len() + shards + heavy.len() + 1;
    let heavy: Vec<(String, usize)> = heavy
        .into_iter()
        .map(|(key, _, docs)| (key, docs))
        .collect();

    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (i, d) in site.docs.iter().enumerate() {
        let y = d.fm.date.day.year();
        match years.last_mut() {
            Some(last) if last.0 == y => last.2 = i,
            _ => years.push((y, i, i)),
        }
    }
    let meta = Meta {
        version: VERSION,
        shards,
        docs: site.docs.len(),
        years,
        sections: site
            .sections
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    words::section_title(&s.name, site.config.language),
                )
            })
            .collect(),
        categories: site
            .categories
            .iter()
            .filter(|c| !c.docs.is_empty())
            .map(|c| c.name.clone())
            .collect(),
        heavy,
    };
    sink(
        "search/meta.json",
        &serde_json::to_vec(&meta).map_err(io::Error::other)?,
    )?;
    Ok(files)
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
        };
        let g: std::collections::HashMap<u64, u64> = count_grams(&f, &mut GramCounts::default())
            .into_iter()
            .map(|p| (p >> VALUE_BITS, p & ((1 << VALUE_BITS) - 1)))
            .collect();
        assert_eq!(g[&gram('工', Some('会'))], 3 * 2 + 1);
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
    fn fnv1a_is_the_reference_function() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }
}
