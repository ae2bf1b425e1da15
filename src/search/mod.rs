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
//! - `search/g/<k>.bin`: the posting lists of every gram (and filter key) whose FNV-1a
//!   hash modulo the shard count is `k`, so a query downloads only its grams' shards;
//! - `search/d/<id>.json`: one document's searchable text and what a result shows, so a
//!   query downloads only its candidates' text.
//!
//! Document ids are positions in `site.docs`: newest first, so "newer first" is "lower
//! id first" and each year is one range of ids.

pub mod format;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Document, Status};
use crate::render::words;
use crate::site::Site;

/// The layout version written in `meta.json`; `search.js` refuses another.
pub const VERSION: u32 = 1;

/// About this many bytes of posting lists go into one shard file.
pub const SHARD_TARGET_BYTES: usize = 16 * 1024;

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

/// Collapses each run of white space into one space and trims the ends: the text a
/// result shows, and the text searched. Grams never span white space, so a query (whose
/// terms are split at white space) matches within a run of non-space characters only.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
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

/// FNV-1a, 32 bits: the shard of a gram is `fnv1a(utf8) % shards` (the same in search.js).
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

/// The fragment of a document.
pub fn fragment(site: &Site, d: &Document) -> Fragment {
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
    let w = words::words(c.language);
    Fragment {
        t: clean(&d.fm.title),
        u: c.link(&d.path),
        d: words::date_display(d.fm.date.day, c.language),
        s: words::section_title(&d.section, c.language),
        w: (d.fm.status == Status::Withdrawn)
            .then(|| w.get("withdrawn").copied().unwrap_or_default().to_string()),
        m: meta
            .iter()
            .map(|s| clean(s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        b: clean(&d.plain),
    }
}

/// A fast hasher for gram keys (already well-mixed integers).
#[derive(Default)]
struct GramHasher(u64);

impl Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7cc1_b727_220a_95);
    }
}

type GramMap<V> = HashMap<u64, V, BuildHasherDefault<GramHasher>>;

/// A gram as an integer: two code points (21 bits each), the second 0 for one character.
fn gram(a: char, b: Option<char>) -> u64 {
    (u64::from(a as u32) << 21) | b.map_or(0, |b| u64::from(b as u32))
}

fn gram_string(g: u64) -> String {
    let mut s = String::new();
    for cp in [(g >> 21) as u32, (g & 0x1F_FFFF) as u32] {
        if let Some(c) = char::from_u32(cp).filter(|_| cp != 0) {
            s.push(c);
        }
    }
    s
}

/// Counts a document's grams: gram → occurrences × 2, plus 1 when it is in the title.
fn count_grams(f: &Fragment) -> GramMap<u32> {
    let mut counts: GramMap<u32> = GramMap::default();
    let mut chars: Vec<char> = Vec::new();
    for (i, field) in f.fields().iter().enumerate() {
        chars.clear();
        chars.extend(field.chars().map(fold));
        let title = u32::from(i == 0);
        for (j, &a) in chars.iter().enumerate() {
            if a.is_whitespace() {
                continue;
            }
            let v = counts.entry(gram(a, None)).or_insert(0);
            *v = (*v + 2) | title;
            if let Some(&b) = chars.get(j + 1).filter(|b| !b.is_whitespace()) {
                let v = counts.entry(gram(a, Some(b))).or_insert(0);
                *v = (*v + 2) | title;
            }
        }
    }
    counts
}

/// Posting lists: gram → (document id, value) pairs, by id.
type Postings = GramMap<Vec<(u32, u32)>>;

fn merge(mut a: Postings, b: Postings) -> Postings {
    for (k, mut v) in b {
        a.entry(k).or_default().append(&mut v);
    }
    a
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
}

/// Every search file: output path (relative to the output folder) → bytes.
pub fn build(site: &Site) -> Vec<(String, Vec<u8>)> {
    let fragments: Vec<Fragment> = site.docs.par_iter().map(|d| fragment(site, d)).collect();

    // Posting lists, built in parallel over runs of documents and appended in id order.
    let postings: Postings = fragments
        .par_iter()
        .enumerate()
        .fold(Postings::default, |mut acc, (id, f)| {
            for (g, v) in count_grams(f) {
                acc.entry(g).or_default().push((id as u32, v));
            }
            acc
        })
        .reduce(Postings::default, merge);

    let mut lists: Vec<(Vec<u8>, Vec<(u32, u32)>)> = postings
        .into_iter()
        .map(|(g, list)| (gram_string(g).into_bytes(), list))
        .collect();
    for s in &site.sections {
        lists.push((
            section_key(&s.name).into_bytes(),
            s.docs.iter().map(|&i| (i as u32, 0)).collect(),
        ));
    }
    for c in &site.categories {
        let mut ids: Vec<u32> = c.docs.iter().map(|&i| i as u32).collect();
        ids.sort_unstable();
        lists.push((
            category_key(&c.name).into_bytes(),
            ids.into_iter().map(|i| (i, 0)).collect(),
        ));
    }
    for (_, l) in &mut lists {
        l.sort_unstable_by_key(|p| p.0);
    }

    // About two bytes a posting: choose the shard count from that, then fill the shards.
    let estimate: usize = lists.iter().map(|(k, l)| k.len() + 4 + 2 * l.len()).sum();
    let shards = estimate.div_ceil(SHARD_TARGET_BYTES).max(1);
    let mut by_shard: Vec<Vec<(Vec<u8>, Vec<(u32, u32)>)>> =
        (0..shards).map(|_| Vec::new()).collect();
    for (k, l) in lists {
        by_shard[fnv1a(&k) as usize % shards].push((k, l));
    }
    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(i, mut entries)| {
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            (format!("search/g/{i}.bin"), format::encode_shard(&entries))
        })
        .collect();

    files.par_extend(fragments.par_iter().enumerate().map(|(id, f)| {
        (
            format!("search/d/{id}.json"),
            serde_json::to_vec(f).unwrap_or_default(),
        )
    }));

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
    };
    files.push((
        "search/meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
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
        let g = count_grams(&f);
        assert_eq!(g[&gram('工', Some('会'))], 3 * 2 + 1);
        assert_eq!(g[&gram('经', Some('费'))], 2);
        assert_eq!(g[&gram('经', None)], 2);
        assert!(
            !g.contains_key(&gram('费', Some('工'))),
            "grams never span white space"
        );
        assert_eq!(gram_string(gram('工', Some('会'))), "工会");
        assert_eq!(gram_string(gram('工', None)), "工");
    }

    #[test]
    fn fnv1a_is_the_reference_function() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }
}
