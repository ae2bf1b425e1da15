//! A Word document's blocks made into a gongkai document, as a Chinese office document
//! is laid out (GB/T 9704 公文格式): the masthead (`××工会文件`) and the 文号 line above
//! the title; the title (Word's Title or a heading style, else the first centred bold
//! or largest paragraph); the body with outline numbering (`一、` `（一）` `1.` `（1）`);
//! the 落款 at the end (issuer, then date, right-aligned), which the theme prints
//! itself and so leaves the body.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::markdown::{self, InlineNames};
use super::word::{Align, Block, Doc, Para};
use crate::kind::Kind;
use crate::recognise::{self, Outline, Period};

/// What was recognised in one Word document.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// None when no title was found (the file's name is used).
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub date: Option<NaiveDate>,
    pub doc_no: Option<String>,
    pub department: Option<String>,
    pub period: Option<Period>,
    pub contact: Option<String>,
    pub year: Option<i32>,
    pub schedule: BTreeMap<u32, Vec<String>>,
    /// The Markdown body.
    pub body: String,
    pub tables: usize,
    /// The pictures, as (file name beside the document, bytes).
    pub pictures: Vec<(String, Vec<u8>)>,
    pub footnotes: usize,
}

/// A paragraph's text with spaces (full-width ones too) taken out, for matching.
fn squeezed(p: &Para) -> String {
    p.text().chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_empty(b: &Block) -> bool {
    match b {
        Block::Para(p) => {
            squeezed(p).is_empty()
                && !p
                    .inlines
                    .iter()
                    .any(|i| matches!(i, super::word::Inline::Picture(_)))
        }
        Block::Table(t) => t.rows.is_empty(),
    }
}

/// Whether a paragraph's text reads as a heading: one short line, at most a closing
/// `。` or `：`.
fn heading_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['。', '：', ':']);
    !t.is_empty() && t.chars().count() <= 40 && !t.contains(['。', '；', '！', '？', '\n'])
}

/// The most common font size of the body's text (half-points).
fn body_size(doc: &Doc) -> Option<u32> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for b in &doc.blocks {
        if let Block::Para(p) = b {
            for i in &p.inlines {
                if let super::word::Inline::Text {
                    text,
                    size: Some(s),
                    ..
                } = i
                {
                    *counts.entry(*s).or_default() += text.chars().count();
                }
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(s, _)| s)
}

pub fn convert(doc: &Doc) -> Imported {
    let mut imp = Imported::default();
    let blocks = &doc.blocks;
    let mut removed = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        removed[i] = is_empty(b);
    }
    let paras: Vec<(usize, &Para)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Para(p) if !removed[i] => Some((i, p)),
            _ => None,
        })
        .collect();
    let first_table = blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
        .unwrap_or(blocks.len());
    let head: Vec<(usize, &Para)> = paras
        .iter()
        .copied()
        .filter(|(i, _)| *i < first_table)
        .take(12)
        .collect();

    // The masthead: `××工会文件`, centred, among the first lines.
    let mut masthead: Option<String> = None;
    for (i, p) in head.iter().take(3) {
        let t = squeezed(p);
        if t.ends_with("文件") && t.chars().count() <= 30 && p.align == Align::Center {
            masthead = Some(t.trim_end_matches("文件").to_string());
            removed[*i] = true;
            break;
        }
    }
    // The 文号 line.
    for (i, p) in head.iter().take(8) {
        let t = p.text();
        if t.chars().count() > 80 {
            continue;
        }
        if let Some((no, start, end)) = recognise::find_doc_no(&t) {
            imp.doc_no = Some(no);
            let rest = format!("{}{}", &t[..start], &t[end..]);
            let rest = rest.trim();
            if rest.is_empty() || rest.starts_with("签发人") {
                removed[*i] = true;
            }
            break;
        }
    }

    // The title.
    let size = body_size(doc);
    let candidates: Vec<(usize, &Para)> =
        head.iter().copied().filter(|(i, _)| !removed[*i]).collect();
    let titled = |p: &Para| matches!(p.style.as_deref(), Some("title" | "标题" | "subject"));
    let title_at = candidates.iter().position(|(_, p)| titled(p)).or_else(|| {
        let first_heading = candidates
            .iter()
            .position(|(_, p)| p.outline.is_some())
            .unwrap_or(candidates.len());
        candidates[..first_heading]
            .iter()
            .position(|(_, p)| {
                p.align == Align::Center
                    && (p.all_bold() || p.max_size() > size)
                    && heading_like(&p.text())
            })
            .or_else(|| {
                // The first paragraph in a heading style, or in a larger size.
                candidates.first().and_then(|(_, p)| {
                    (heading_like(&p.text())
                        && (p.outline.is_some()
                            || (p.max_size() > size && size.is_some())
                            || p.align == Align::Center))
                        .then_some(0)
                })
            })
    });
    if let Some(k) = title_at {
        let (i, first) = candidates[k];
        let mut title = squeezed_title(first);
        removed[i] = true;
        // A title of two lines: the next paragraph in the same place and form.
        for (j, p) in candidates.iter().skip(k + 1).take(2) {
            let same = (titled(first) && titled(p))
                || (p.align == first.align
                    && p.align == Align::Center
                    && p.all_bold() == first.all_bold()
                    && p.max_size() == first.max_size()
                    && p.outline == first.outline);
            if same && heading_like(&p.text()) && !p.text().trim_end().ends_with(['：', ':']) {
                title.push_str(&squeezed_title(p));
                removed[*j] = true;
            } else {
                break;
            }
        }
        imp.title = Some(title);
        // Lines above the title that were not recognised go into the body after it.
    }

    // The 落款: from the end, a date line, and the issuer's line(s) above it.
    let tail: Vec<(usize, &Para)> = paras
        .iter()
        .rev()
        .copied()
        .filter(|(i, _)| !removed[*i])
        .take(6)
        .collect();
    for (n, (i, p)) in tail.iter().enumerate() {
        let t = p.text();
        let t = t.trim();
        let (date, issuer_inline) = match recognise::parse_date(t) {
            Some(d) => (Some(d), None),
            None => match recognise::find_date(t) {
                // `校工会  2023年6月1日` on one line.
                Some(f) if f.end == t.len() && recognise::is_issuer(&t[..f.start]) => {
                    (Some(f.date), Some(t[..f.start].trim().to_string()))
                }
                _ => (None, None),
            },
        };
        let Some(date) = date else { continue };
        imp.date = Some(date);
        removed[*i] = true;
        if let Some(who) = issuer_inline {
            imp.department = Some(who);
        } else {
            // Issuer lines just above: right-aligned (or centred) ones, or one short line.
            let mut names = Vec::new();
            for (j, q) in tail.iter().skip(n + 1).take(3) {
                let qt = q.text();
                let qt = qt.trim();
                let placed = matches!(q.align, Align::Right | Align::Center);
                if recognise::is_issuer(qt)
                    && (placed || (names.is_empty() && qt.chars().count() <= 20))
                {
                    names.push((*j, qt.to_string()));
                    if !placed {
                        break;
                    }
                } else {
                    break;
                }
            }
            for (j, _) in &names {
                removed[*j] = true;
            }
            if !names.is_empty() {
                names.reverse();
                imp.department = Some(
                    names
                        .into_iter()
                        .map(|(_, n)| n)
                        .collect::<Vec<_>>()
                        .join("　"),
                );
            }
        }
        break;
    }
    if imp.department.is_none() {
        imp.department = masthead;
    }
    // No 落款 date: a date line under the title (`（2023年6月1日）`).
    if imp.date.is_none() {
        for (i, p) in paras.iter().filter(|(i, _)| !removed[*i]).take(3) {
            if let Some(d) = recognise::parse_date(&p.text()) {
                imp.date = Some(d);
                removed[*i] = true;
                break;
            }
        }
    }

    imp.kind = imp.title.as_deref().and_then(recognise::kind_of_title);

    // The body.
    let pictures: Vec<String> = doc
        .media
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let ext = m
                .name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_lowercase())
                .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
                .unwrap_or_else(|| "png".into());
            format!("图{}.{ext}", n + 1)
        })
        .collect();
    imp.pictures = pictures
        .iter()
        .cloned()
        .zip(doc.media.iter().map(|m| m.bytes.clone()))
        .collect();
    let names = InlineNames {
        pictures: &pictures,
    };
    let mut w = Writer::default();
    for (i, b) in blocks.iter().enumerate() {
        if removed[i] {
            continue;
        }
        match b {
            Block::Table(t) => {
                let mut t = t.clone();
                if let Some(c) = markdown::caption(&t) {
                    t.rows.remove(0);
                    w.block(format!("**{}**", markdown::escape(&c, false)));
                }
                let md = markdown::table(&t);
                if !md.is_empty() {
                    imp.tables += 1;
                    w.block(md);
                }
            }
            Block::Para(p) => w.para(p, &names),
        }
    }
    if !doc.footnotes.is_empty() {
        imp.footnotes = doc.footnotes.len();
        let notes: Vec<String> = doc
            .footnotes
            .iter()
            .enumerate()
            .map(|(n, t)| format!("[^{}]: {}", n + 1, markdown::escape(t, false)))
            .collect();
        w.block(notes.join("\n"));
    }
    imp.body = w.finish();

    // What the body says of itself.
    for line in imp.body.lines().filter(|l| !l.starts_with('|')) {
        if imp.period.is_none() {
            imp.period = recognise::find_period(line);
        }
        if imp.contact.is_none() {
            imp.contact = recognise::find_contact(line);
        }
    }
    imp.schedule = crate::content::schedule::from_markdown(&imp.body);
    imp
}

/// A title's text: lines joined, spaces between CJK characters dropped (`工 作 总 结`
/// is spaced out in Word to fill the line), other spaces kept once.
fn squeezed_title(p: &Para) -> String {
    let t = p.text().replace(['\n', '\u{3000}'], " ");
    let chars: Vec<char> = t.trim().chars().collect();
    let mut out = String::new();
    for (k, c) in chars.iter().enumerate() {
        if *c == ' ' {
            let prev = out.chars().last();
            let next = chars[k + 1..].iter().find(|c| **c != ' ');
            let ascii = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii(prev.as_ref()) && ascii(next) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(*c);
    }
    out
}

/// Where the writer is: in a list (with its items' content indents) or not.
#[derive(Default)]
struct Writer {
    out: String,
    /// Content indents of the open list levels, outermost first, with whether the
    /// level is bulleted and its next number.
    list: Vec<(usize, bool, u32)>,
    /// The outline numbering's list of `1.` items (level 0) is open.
    outline_list: bool,
}

impl Writer {
    fn sep(&mut self, in_list: bool) {
        if self.out.is_empty() {
            return;
        }
        if in_list {
            self.out.push('\n');
        } else {
            self.out.push_str("\n\n");
        }
    }

    fn block(&mut self, text: String) {
        self.list.clear();
        self.outline_list = false;
        self.sep(false);
        self.out.push_str(&text);
    }

    fn item(&mut self, level: usize, bullet: bool, number: Option<u32>, text: &str) {
        let continuing = !self.list.is_empty();
        self.list.truncate(level + 1);
        while self.list.len() < level + 1 {
            let indent = self.list.last().map_or(0, |l| l.0);
            self.list.push((indent, bullet, 1));
        }
        let parent_indent = if level == 0 {
            0
        } else {
            self.list[level - 1].0
        };
        let entry = &mut self.list[level];
        if entry.1 != bullet {
            *entry = (parent_indent, bullet, 1);
        }
        let n = number.unwrap_or(entry.2);
        entry.2 = n + 1;
        let marker = if bullet {
            "- ".to_string()
        } else {
            format!("{n}. ")
        };
        entry.0 = parent_indent + marker.chars().count();
        let pad = " ".repeat(parent_indent);
        let cont = " ".repeat(entry.0);
        self.sep(continuing);
        self.out.push_str(&pad);
        self.out.push_str(&marker);
        self.out.push_str(&text.replace('\n', &format!("\n{cont}")));
    }

    fn para(&mut self, p: &Para, names: &InlineNames) {
        let raw = p.text();
        let text = raw.trim();
        // Word's heading styles.
        if let Some(level) = p.outline.filter(|_| p.list.is_none() || heading_like(text)) {
            let hashes = "#".repeat((level as usize + 1).min(6));
            let md = markdown::inlines(&p.inlines, names, true, " ");
            return self.block(format!("{hashes} {md}"));
        }
        // Word's own list numbering.
        if let Some((bullet, level)) = p.list {
            let md = markdown::inlines(&p.inlines, names, false, "\\\n");
            self.outline_list = false;
            return self.item(level as usize, bullet, None, &md);
        }
        let md = markdown::inlines(&p.inlines, names, false, "\\\n");
        match recognise::outline(text) {
            Some((Outline::Chinese, _)) if heading_like(text) => {
                let md = markdown::inlines(&p.inlines, names, true, " ");
                self.block(format!("## {md}"))
            }
            Some((Outline::ParenChinese, _)) if heading_like(text) => {
                let md = markdown::inlines(&p.inlines, names, true, " ");
                self.block(format!("### {md}"))
            }
            Some((Outline::Arabic(n), _)) => {
                let md = strip_number(&md);
                self.item(0, false, Some(n), &md);
                self.outline_list = true;
            }
            Some((Outline::ParenArabic(n), _)) => {
                let md = strip_number(&md);
                let level = usize::from(self.outline_list);
                self.item(level, false, Some(n), &md);
            }
            _ => {
                if md.is_empty() {
                    return;
                }
                let lines: Vec<String> = md.lines().map(markdown::escape_line_start).collect();
                self.block(lines.join("\n"));
            }
        }
    }

    fn finish(self) -> String {
        let mut out = self.out;
        out.push('\n');
        out
    }
}

/// The Markdown of an item without its typed number (`1、`, `（2）`, `①`), which the
/// list marker now gives.
fn strip_number(md: &str) -> String {
    // Emphasis may open before the number: `**1、重点**`.
    let (lead, rest) = match md.strip_prefix("**") {
        Some(r) => ("**", r),
        None => ("", md),
    };
    match recognise::outline(rest) {
        Some((Outline::Arabic(_) | Outline::ParenArabic(_), after)) => format!("{lead}{after}"),
        _ => md.to_string(),
    }
}
