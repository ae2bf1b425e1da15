//! Front matter typed with a Chinese input method: a full-width colon after a key
//! (`title：…`), a full-width space in the indentation, a quotation opened with `"` and
//! closed with `”`, list brackets `［ ］`. YAML reports each of them somewhere else, in
//! its own words (`mapping values are not allowed in this context` on the next line);
//! here each is found before YAML reads the text and reported at its own line and
//! column, saying what to type instead.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// One kind of slip, in the current language.
fn message(slip: Slip) -> String {
    match slip {
        Slip::Colon(key) => crate::t!("slip-colon", key = key),
        Slip::Indent => crate::t!("slip-indent"),
        Slip::Quote(close) => crate::t!("slip-quote", close = close),
        Slip::Bracket => crate::t!("slip-bracket"),
    }
}

enum Slip {
    Colon(String),
    Indent,
    Quote(char),
    Bracket,
}

/// The slips in a front matter's YAML text; `first_line` is the file line of its first
/// line. Each is an error at its place in `file_text`.
pub fn check(path: &Path, file_text: &str, yaml: &str, first_line: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Most front matter has none of these characters: one pass over the bytes says so.
    if !yaml.contains(['：', '\u{3000}', '”', '’', '［']) {
        return out;
    }
    for (i, line) in yaml.lines().enumerate() {
        let line_no = first_line + i;
        let at = |col: usize, slip: Slip| {
            Diagnostic::error(path, line_no, col, message(slip)).with_source(file_text)
        };
        // Indentation: spaces, tabs and full-width spaces before the first other char.
        let indent: Vec<(usize, char)> = line
            .chars()
            .enumerate()
            .take_while(|(_, c)| matches!(c, ' ' | '\t' | '\u{3000}'))
            .collect();
        if let Some((col, _)) = indent.iter().find(|(_, c)| *c == '\u{3000}') {
            out.push(at(col + 1, Slip::Indent));
        }
        let rest: String = line.chars().skip(indent.len()).collect();
        if rest.starts_with('#') {
            continue;
        }
        let (lead, rest) = match rest.strip_prefix("- ") {
            Some(r) => (indent.len() + 2, r.to_string()),
            None => (indent.len(), rest),
        };
        // `key：` — a key of letters, digits and `_`, then a full-width colon.
        let key_len = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .count();
        let after_key: String = rest.chars().skip(key_len).collect();
        let (value_col, value) = if key_len > 0 && after_key.starts_with('：') {
            let key: String = rest.chars().take(key_len).collect();
            out.push(at(lead + key_len + 1, Slip::Colon(key)));
            (
                lead + key_len + 1,
                after_key.chars().skip(1).collect::<String>(),
            )
        } else if key_len > 0 && after_key.starts_with(':') {
            (
                lead + key_len + 1,
                after_key.chars().skip(1).collect::<String>(),
            )
        } else {
            continue;
        };
        let spaces = value.chars().take_while(|c| *c == ' ').count();
        let value_col = value_col + spaces + 1;
        let value: String = value.chars().skip(spaces).collect();
        if value.starts_with('［') {
            out.push(at(value_col, Slip::Bracket));
        }
        // `"…”`: opened with an ASCII quote that never closes, closed with a curly one.
        for (open, curly) in [('"', ['”', '“']), ('\'', ['’', '‘'])] {
            if value.starts_with(open) && !value[open.len_utf8()..].contains(open) {
                let found = value
                    .chars()
                    .enumerate()
                    .skip(1)
                    .filter(|(_, c)| curly.contains(c))
                    .last();
                if let Some((k, c)) = found {
                    out.push(at(value_col + k, Slip::Quote(c)));
                }
            }
        }
    }
    out
}

/// Category names as a Chinese input method types a list: `福利慰问，疗休养` and
/// `福利慰问、疗休养` are two names (a category name never holds those marks).
pub fn split_names(names: Vec<String>) -> Vec<String> {
    names
        .into_iter()
        .flat_map(|n| {
            n.split(['，', '、'])
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    fn slips(yaml: &str) -> Vec<String> {
        let text = format!("---\n{yaml}---\n");
        crate::i18n::with(Language::ZhCn, || {
            check(Path::new("a.md"), &text, yaml, 2)
                .into_iter()
                .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
                .collect()
        })
    }

    #[test]
    fn each_slip_at_its_own_place() {
        assert_eq!(
            slips("title：\"关于经费的公示\"\ndate: 2023-06-01\n"),
            vec!["2:6: 字段 `title` 后面用了中文冒号“：”：请改成英文冒号“:”，冒号后面加一个空格"]
        );
        assert_eq!(
            slips("title: 甲\ndoc_no：校工〔2023〕1号\n"),
            vec!["3:7: 字段 `doc_no` 后面用了中文冒号“：”：请改成英文冒号“:”，冒号后面加一个空格"]
        );
        assert_eq!(
            slips("title: \"关于经费的公示”\n"),
            vec!["2:16: 引号没有配对：用英文引号 \" 开头，却用中文引号“””结尾：请把结尾也改成英文引号 \"，或者两个引号都去掉"]
        );
        assert_eq!(
            slips("disclosure:\n\u{3000}\u{3000}start: 2023-06-01\n"),
            vec!["3:1: 缩进里有全角空格“　”：请改成英文空格（半角空格）"]
        );
        assert_eq!(
            slips("categories: ［福利慰问］\n"),
            vec!["2:13: 列表用了中文方括号“［ ］”：请改成英文方括号“[ ]”"]
        );
    }

    #[test]
    fn what_is_right_passes() {
        assert!(slips("title: “关于”经费的公示\ndate: 2023-06-01\n# 注释：冒号\ncategories: [甲，乙]\nsummary: \"他说“好”\"\n").is_empty());
        assert!(slips("schedule:\n  1: [召开会议：部署工作]\n").is_empty());
    }

    #[test]
    fn names_split_on_chinese_list_marks() {
        assert_eq!(
            split_names(vec![
                "福利慰问，疗休养".into(),
                "评优、表彰".into(),
                "经费".into()
            ]),
            vec!["福利慰问", "疗休养", "评优", "表彰", "经费"]
        );
    }
}
