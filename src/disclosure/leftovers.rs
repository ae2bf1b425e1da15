//! Template leftovers (SPEC §8): placeholders a secretary forgot to fill in, reported
//! as warnings with their place in a published document's title or body.
//!
//! What counts: `20xx` (any case), `xx年`/`xx月`/`xx日` (also `××`), `某某`, and a run of
//! two or more underscores standing as a blank (`第__个`, `姓名：____`). The body is
//! read as Markdown, and only its text is searched: `__bold__` is emphasis, not a
//! blank, and code (`__init__`) is left alone.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::content::Document;
use crate::diagnostics::{Admit, Diagnostic, LineIndex, PerKind};

/// A leftover: its byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leftover {
    pub start: usize,
    pub end: usize,
}

/// Every leftover in plain text, in order, not overlapping.
pub fn scan(text: &str) -> Vec<Leftover> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Only these bytes can begin a leftover (`2`, `x`, `X`, `×`, `某`, `_`); none of
        // them is ever inside a character, so the text between is skipped byte-wise.
        match b[i..]
            .iter()
            .position(|c| matches!(c, b'2' | b'x' | b'X' | b'_' | 0xC3 | 0xE6))
        {
            Some(k) => i += k,
            None => break,
        }
        let rest = &text[i..];
        let len = if rest.starts_with("20")
            && b.len() >= i + 4
            && b[i + 2..i + 4].iter().all(|c| *c == b'x' || *c == b'X')
        {
            // Not part of a longer number or word (`120xx`, `20xxl`).
            let before_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let after_ok = !b.get(i + 4).is_some_and(u8::is_ascii_alphanumeric);
            if before_ok && after_ok {
                4
            } else {
                0
            }
        } else if let Some(n) = placeholder_date(rest) {
            let before_ok = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            if before_ok {
                n
            } else {
                0
            }
        } else if rest.starts_with("某某") {
            "某某".len()
        } else if rest.starts_with("__") {
            rest.bytes().take_while(|c| *c == b'_').count()
        } else {
            0
        };
        if len > 0 {
            out.push(Leftover {
                start: i,
                end: i + len,
            });
            i += len;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// `xx年`, `XX月`, `××日`: the length in bytes, when `s` starts with one.
fn placeholder_date(s: &str) -> Option<usize> {
    for x in ["xx", "XX", "××"] {
        if let Some(rest) = s.strip_prefix(x) {
            if rest.starts_with(['年', '月', '日']) {
                return Some(x.len() + '年'.len_utf8());
            }
        }
    }
    None
}

/// The byte ranges of a Markdown body's text (not code, not HTML), adjacent pieces
/// joined so that a blank split by the parser is seen whole.
fn text_ranges(body: &str) -> Vec<std::ops::Range<usize>> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut in_code = 0usize;
    for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => match ranges.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => ranges.push(range),
            },
            _ => {}
        }
    }
    ranges
}

/// Warnings for the leftovers in a document's title and body.
pub fn check_document(d: &Document) -> Vec<Diagnostic> {
    let text = &d.text;
    let mut found: Vec<(usize, usize)> = Vec::new();
    // The title, where it stands in the front matter.
    if let Some(value) =
        d.fm.title_bytes
            .clone()
            .filter(|r| text.get(r.clone()).is_some())
    {
        let start = value.start;
        found.extend(
            scan(&text[value])
                .into_iter()
                .map(|l| (start + l.start, start + l.end)),
        );
    }
    let body = d.body();
    // Most bodies have nothing like a leftover: only those that do are parsed.
    let ranges = if scan(body).is_empty() {
        Vec::new()
    } else {
        text_ranges(body)
    };
    for r in ranges {
        let base = d.body_offset + r.start;
        found.extend(
            scan(&body[r])
                .into_iter()
                .map(|l| (base + l.start, base + l.end)),
        );
    }
    if found.is_empty() {
        return Vec::new();
    }
    // A document of thousands of blanks shows the first few and a count of the rest.
    let index = LineIndex::new(text);
    let mut limit = PerKind::new();
    let mut diags = Vec::new();
    for (s, e) in found {
        let admit = limit.admit(());
        if admit == Admit::Hidden {
            continue;
        }
        let (line, col) = index.line_col(s);
        let d = Diagnostic::warning(
            &d.source,
            line,
            col,
            crate::t!("leftover-found", text = &text[s..e]),
        )
        .with_source_from(&index);
        match admit {
            Admit::Show => diags.push(d),
            _ => limit.first_hidden((), d),
        }
    }
    diags.extend(limit.summaries(|_| crate::t!("leftover-plural")));
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        scan(s).into_iter().map(|l| &s[l.start..l.end]).collect()
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(found("20xx年工作计划"), vec!["20xx"]);
        assert_eq!(found("20XX年"), vec!["20XX"]);
        assert_eq!(found("2023年xx月xx日"), vec!["xx月", "xx日"]);
        assert_eq!(found("第__个工作日"), vec!["__"]);
        assert_eq!(found("姓名：______"), vec!["______"]);
        assert_eq!(found("某某同志"), vec!["某某"]);
    }

    #[test]
    fn real_text_is_not_a_leftover() {
        assert!(found("2023年5月1日").is_empty());
        assert!(found("snake_case 与 a_b").is_empty());
        assert!(found("0x20xxff").is_empty());
        assert!(found("某位同志").is_empty());
    }

    #[test]
    fn markdown_emphasis_and_code_are_not_blanks() {
        let body = "这是 __重点__ 内容。\n\n`__init__` 与\n\n```\n__x__ 20xx\n```\n\n第__个\n";
        let hits: Vec<&str> = text_ranges(body)
            .into_iter()
            .flat_map(|r| {
                scan(&body[r.clone()])
                    .into_iter()
                    .map(move |l| (r.start + l.start, r.start + l.end))
            })
            .map(|(s, e)| &body[s..e])
            .collect();
        assert_eq!(hits, vec!["__"]);
    }
}
