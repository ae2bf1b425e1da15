//! The one Markdown writer of `gongkai import`: paragraphs with bold and italic,
//! headings, ordered and bulleted lists (nested), tables, pictures, links and
//! footnotes, escaped so that the text reads back exactly as it was typed, and
//! formatted as a person would write it (a blank line between blocks, none between
//! the items of one list).

use super::word::{Inline, Table};

/// Escapes text so that CommonMark reads it back as text: inline markup characters
/// anywhere, block markers at the start of a line.
pub fn escape(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let p = prev.replace(c);
        match c {
            // `第__个` stays as typed (so the leftovers check still sees a blank to fill
            // in): an underscore between letters cannot open or close emphasis.
            '_' if p.is_some_and(char::is_alphanumeric)
                && chars
                    .peek()
                    .is_some_and(|n| n.is_alphanumeric() || *n == '_') =>
            {
                out.push('_')
            }
            '_' if p == Some('_') && out.ends_with('_') && !out.ends_with("\\_") => out.push('_'),
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '|' if in_table => out.push_str("\\|"),
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&")
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the beginning of a paragraph's line: `#`, `-`,
/// `+`, `=`, `1.`, `1)`.
pub fn escape_line_start(line: &str) -> String {
    let t = line;
    if let Some(rest) = t.strip_prefix('#') {
        return format!("\\#{rest}");
    }
    for m in ['-', '+', '='] {
        if let Some(rest) = t.strip_prefix(m) {
            if rest.is_empty() || rest.starts_with(' ') || rest.chars().all(|c| c == m) {
                return format!("\\{m}{rest}");
            }
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &t[digits..];
        for m in ['.', ')'] {
            if let Some(after) = rest.strip_prefix(m) {
                if after.is_empty() || after.starts_with(' ') {
                    return format!("{}\\{m}{after}", &t[..digits]);
                }
            }
        }
    }
    t.to_string()
}

fn is_edge(c: char) -> bool {
    c.is_whitespace() || (!c.is_alphanumeric() && c != '\\')
}

/// Wraps a run's text in `**`/`*`, with its edge spaces and punctuation outside the
/// markers, so that CommonMark's flanking rules see them (`**“五必访”**制度` would not
/// be bold; `“**五必访**”制度` is).
fn emphasise(text: &str, bold: bool, italic: bool) -> String {
    let marker = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => return text.to_string(),
    };
    let lead: String = text.chars().take_while(|c| is_edge(*c)).collect();
    let rest = &text[lead.len()..];
    let trail_len: usize = rest
        .chars()
        .rev()
        .take_while(|c| is_edge(*c))
        .map(char::len_utf8)
        .sum();
    let core = &rest[..rest.len() - trail_len];
    if core.is_empty() {
        return text.to_string();
    }
    // An escaped character's backslash belongs to the core.
    format!(
        "{lead}{marker}{core}{marker}{}",
        &rest[rest.len() - trail_len..]
    )
}

/// How a picture and a footnote reference are written inline.
pub struct InlineNames<'a> {
    pub pictures: &'a [String],
}

/// A paragraph's inlines as Markdown. `plain` drops bold (for headings, where the
/// whole line is bold anyway); line breaks become `break_with`.
pub fn inlines(items: &[Inline], names: &InlineNames, plain: bool, break_with: &str) -> String {
    // Runs of one formatting joined first: Word splits text into runs at random.
    let mut merged: Vec<Inline> = Vec::new();
    for i in items {
        if let (
            Some(Inline::Text {
                text, bold, italic, ..
            }),
            Inline::Text {
                text: t,
                bold: b,
                italic: it,
                ..
            },
        ) = (merged.last_mut(), i)
        {
            if *bold == *b && *italic == *it {
                text.push_str(t);
                continue;
            }
        }
        merged.push(i.clone());
    }
    let mut out = String::new();
    let mut link: Option<(String, usize)> = None;
    for i in &merged {
        match i {
            Inline::Text {
                text, bold, italic, ..
            } => {
                let t = escape(text, false);
                out.push_str(&emphasise(&t, *bold && !plain, *italic && !plain));
            }
            Inline::Break => out.push_str(break_with),
            Inline::Footnote(n) => out.push_str(&format!("[^{n}]")),
            Inline::Picture(n) => {
                if let Some(name) = names.pictures.get(*n) {
                    let alt = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                    out.push_str(&format!("![{}](<{}>)", escape(alt, false), name));
                }
            }
            Inline::LinkStart(url) => link = Some((url.clone(), out.len())),
            Inline::LinkEnd => {
                if let Some((url, at)) = link.take() {
                    let text = out.split_off(at);
                    if text.trim().is_empty() {
                        out.push_str(&text);
                    } else {
                        out.push_str(&format!("[{text}](<{url}>)"));
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

/// A table's caption row: one cell across the whole table (`2023年暑期疗休养名单`),
/// which reads better as a line above the table than as its header.
pub fn caption(t: &Table) -> Option<String> {
    let first = t.rows.first()?;
    let width = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).sum::<usize>())
        .max()?;
    let filled: Vec<&str> = first
        .iter()
        .map(|c| c.text.trim())
        .filter(|s| !s.is_empty())
        .collect();
    (t.rows.len() > 2
        && width > 1
        && filled.len() == 1
        && (first.len() == 1 || first[0].span == width))
        .then(|| filled[0].replace('\n', " "))
}

/// A table as a Markdown table: the first row is the header; a cell spanning columns
/// keeps its text in its first column, a cell continuing a vertical merge is empty;
/// line breaks inside a cell become `<br>`.
pub fn table(t: &Table) -> String {
    let width = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.span).sum::<usize>())
        .max()
        .unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &t.rows {
        let mut row = Vec::with_capacity(width);
        for c in r {
            let text = if c.merged_above {
                String::new()
            } else {
                c.text
                    .lines()
                    .map(|l| escape(l.trim(), true))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            row.push(text);
            for _ in 1..c.span {
                row.push(String::new());
            }
        }
        row.resize(width, String::new());
        rows.push(row);
    }
    let mut out = String::new();
    for (i, r) in rows.iter().enumerate() {
        out.push_str("| ");
        out.push_str(&r.join(" | "));
        out.push_str(" |\n");
        if i == 0 {
            out.push('|');
            for _ in 0..width {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::word::Cell;
    use super::*;

    #[test]
    fn text_reads_back_as_typed() {
        assert_eq!(
            escape("a*b_c [x] <y> \\ 1&amp; | ~", false),
            "a\\*b_c \\[x\\] \\<y\\> \\\\ 1\\&amp; | \\~"
        );
        assert_eq!(escape("第__个教师节", false), "第__个教师节");
        assert_eq!(escape("_开头 和 结尾_", false), "\\_开头 和 结尾\\_");
        assert_eq!(escape("__x", false), "\\_\\_x");
        assert_eq!(escape_line_start("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape_line_start("2023. 年"), "2023\\. 年");
        assert_eq!(escape_line_start("- 不是列表"), "\\- 不是列表");
        assert_eq!(escape_line_start("---"), "\\---");
        assert_eq!(escape_line_start("1.5倍"), "1.5倍");
    }

    #[test]
    fn emphasis_keeps_punctuation_outside() {
        assert_eq!(emphasise("“五必访”", true, false), "“**五必访**”");
        assert_eq!(emphasise(" 重点 ", true, false), " **重点** ");
        assert_eq!(emphasise("。", true, false), "。");
        assert_eq!(emphasise("注意", false, true), "*注意*");
    }

    #[test]
    fn merged_cells() {
        let c = |t: &str, span: usize, above: bool| Cell {
            text: t.into(),
            span,
            merged_above: above,
        };
        let t = Table {
            rows: vec![
                vec![
                    c("姓名", 1, false),
                    c("部门", 1, false),
                    c("备注", 1, false),
                ],
                vec![c("张三", 1, false), c("教务处", 2, false)],
                vec![
                    c("李四|王五", 1, false),
                    c("", 1, true),
                    c("第一行\n第二行", 1, false),
                ],
            ],
        };
        assert_eq!(
            table(&t),
            "| 姓名 | 部门 | 备注 |\n| --- | --- | --- |\n| 张三 | 教务处 |  |\n| 李四\\|王五 |  | 第一行<br>第二行 |"
        );
    }
}
