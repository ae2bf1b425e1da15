//! What a body says without meaning to: nothing at all (an empty page published), a
//! 落款 typed at its end (printed twice, as the theme prints its own from `department`
//! and `date`), and a link whose file name has a space (`[表](推荐表 空白.docx)`), which
//! Markdown leaves as text, so the reader sees brackets and no link.

use crate::content::Document;
use crate::diagnostics::Diagnostic;

/// The body's problems: an error for a link Markdown cannot read, warnings for the rest.
pub fn check_document(d: &Document) -> Vec<Diagnostic> {
    let text = &d.text;
    let body = d.body();
    let first_line = text[..d.body_offset].matches('\n').count() + 1;
    let mut out = Vec::new();
    if body.trim().is_empty() {
        out.push(
            Diagnostic::warning(
                &d.source,
                first_line.saturating_sub(1).max(1),
                1,
                crate::t!("body-empty"),
            )
            .with_source(text)
            .with_note(crate::i18n::help(crate::t!("body-empty-help"))),
        );
        return out;
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut in_fence = false;
    // The page's title is the h1: a body heading may go one level deeper at a time.
    let mut level = 1;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || line.starts_with("    ") || line.starts_with('\t') {
            continue;
        }
        let hashes = line.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
            if hashes > level + 1 {
                out.push(
                    Diagnostic::warning(
                        &d.source,
                        first_line + i,
                        1,
                        crate::t!("body-heading-jump", from = level, to = hashes),
                    )
                    .with_source(text)
                    .with_note(crate::i18n::help(crate::t!(
                        "body-heading-jump-help",
                        level = level + 1
                    ))),
                );
            }
            level = hashes;
        }
        if let Some((col, dest)) = spaced_link(line) {
            out.push(
                Diagnostic::error(
                    &d.source,
                    first_line + i,
                    col,
                    crate::t!("body-spaced-link", dest = &dest),
                )
                .with_source(text)
                .with_note(crate::i18n::help(crate::t!(
                    "body-spaced-link-help",
                    dest = &dest
                ))),
            );
        }
    }
    // The last lines: an organisation and a date, as a Word file's 落款 ends.
    let tail: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    if let [.., (oi, org), (di, date)] = tail.as_slice() {
        if is_date_line(date) && is_organisation_line(org) {
            out.push(
                Diagnostic::warning(&d.source, first_line + oi, 1, crate::t!("body-signature"))
                    .with_source(text)
                    .with_note(crate::i18n::help(crate::t!(
                        "body-signature-help",
                        first = first_line + oi,
                        second = first_line + di
                    ))),
            );
        }
    }
    out
}

/// A link destination with a space that Markdown will not read: `](a b.docx)`, not
/// `](<a b.docx>)` nor `](a.docx "title")`. Returns its column (in characters) and text.
fn spaced_link(line: &str) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(i) = line[from..].find("](") {
        let start = from + i + 2;
        from = start;
        // Inside `code`: an odd number of backticks before it.
        if line[..start].matches('`').count() % 2 == 1 {
            continue;
        }
        let rest = &line[start..];
        if rest.starts_with('<') {
            continue;
        }
        let Some(end) = rest.find(')') else {
            continue;
        };
        let dest = &rest[..end];
        let Some(sp) = dest.find([' ', '\u{3000}']) else {
            continue;
        };
        let after = dest[sp..].trim_start();
        // `(url "title")`: a title after the space is allowed.
        if after.starts_with(['"', '\'', '(']) || dest[..sp].is_empty() {
            continue;
        }
        let col = line[..start].chars().count() + 1;
        return Some((col, dest.to_string()));
    }
    None
}

/// `2023年6月1日`, `2023.6.1`, `2023-06-01`, `二〇二三年十二月二十日`.
fn is_date_line(s: &str) -> bool {
    let s = s.trim();
    let cn = |c: char| "〇零一二三四五六七八九十".contains(c);
    let digits_or_cn = |part: &str| {
        !part.is_empty() && (part.chars().all(|c| c.is_ascii_digit()) || part.chars().all(cn))
    };
    if let Some(rest) = s.strip_suffix('日') {
        let parts: Vec<&str> = rest.split(['年', '月']).collect();
        return parts.len() == 3 && parts.iter().all(|p| digits_or_cn(p.trim()));
    }
    for sep in ['.', '-', '/'] {
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            return true;
        }
    }
    false
}

/// A short line naming an organisation: it ends as union and school bodies are named.
fn is_organisation_line(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() <= 30
        && !s.ends_with(['。', '：', ':', '；', '，'])
        && [
            "工会",
            "委员会",
            "办公室",
            "学院",
            "学校",
            "公司",
            "中心",
            "处",
            "部",
            "小组",
            "分会",
        ]
        .iter()
        .any(|end| s.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_spaces() {
        assert_eq!(
            spaced_link("见[推荐表](推荐表 空白.docx)。"),
            Some((8, "推荐表 空白.docx".to_string()))
        );
        assert_eq!(spaced_link("见[推荐表](<推荐表 空白.docx>)。"), None);
        assert_eq!(spaced_link("见[网站](https://a.cn \"标题\")。"), None);
        assert_eq!(spaced_link("`[a](b c)` is code"), None);
        assert_eq!(spaced_link("[a](b.md) and [c](d.md)"), None);
    }

    #[test]
    fn signature_lines() {
        for d in [
            "2023年6月1日",
            "2023.6.1",
            "2023-06-01",
            "二〇二三年十二月二十日",
            "2023 年 6 月 1 日",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in ["6月1日", "2023年6月", "会议于2023年6月1日召开。"] {
            assert!(!is_date_line(d), "{d}");
        }
        assert!(is_organisation_line("青岚师范学院工会"));
        assert!(is_organisation_line("校工会办公室"));
        assert!(!is_organisation_line("请各分工会于月底前报送名单。"));
    }
}
