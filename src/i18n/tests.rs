//! The catalogue's own checks: both languages parse, hold the same messages with the
//! same arguments, every message the code asks for exists, none is left unused, and
//! the Chinese messages use no English words a secretary would not know.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// Each message id with the variables its value and variants refer to.
fn messages(sources: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (i, src) in sources.iter().enumerate() {
        let res = match fluent_syntax::parser::parse(*src) {
            Ok(r) => r,
            Err((_, errs)) => panic!("catalogue file {i} does not parse: {errs:?}"),
        };
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    pattern_vars(v, &mut vars);
                }
                let id = m.id.name.to_string();
                assert!(out.insert(id.clone(), vars).is_none(), "{id} twice");
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_arguments() {
    let zh = messages(&ZH_CN);
    let en = messages(&EN);
    let zh_ids: BTreeSet<_> = zh.keys().collect();
    let en_ids: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        zh_ids.symmetric_difference(&en_ids).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "ids in one catalogue only"
    );
    for (id, vars) in &zh {
        // A language may leave out an argument it needs no word for (a plural), but
        // never ask for one the other does not get.
        let other = &en[id];
        for v in vars {
            assert!(
                other.contains(v) || id.starts_with("x-"),
                "{id}: ${v} only in zh-CN"
            );
        }
    }
}

/// The text without its comment lines.
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// All the code's text, comments left out.
fn all_code() -> String {
    let mut out = String::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push_str(&code_only(&std::fs::read_to_string(&p).expect("read")));
            }
        }
    }
    out
}

/// The ids the code asks for through `t!("id"` and `tr("id"`.
fn ids_asked_for(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for marker in ["t!(\"", "t!(\n"] {
        for piece in code.split(marker).skip(1) {
            let piece = piece.trim_start().trim_start_matches('"');
            if let Some(id) = piece.split('"').next() {
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                {
                    out.insert(id.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists_and_none_is_unused() {
    let zh = messages(&ZH_CN);
    let code = all_code();
    for id in ids_asked_for(&code) {
        assert!(zh.contains_key(&id), "t!(\"{id}\") is not in the catalogue");
    }
    let unused: Vec<_> = zh
        .keys()
        // `cli-…` messages are found by the names of commands and options.
        .filter(|id| !id.starts_with("cli-") && !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

/// Words a Chinese message may contain: names of programs, files and formats a
/// secretary sees on their own screen.
const ALLOWED_LATIN: &[&str] = &[
    "gongkai",
    "site",
    "yaml",
    "md",
    "docx",
    "xlsx",
    "xls",
    "ods",
    "pdf",
    "csv",
    "txt",
    "doc",
    "wps",
    "json",
    "lock",
    "html",
    "URL",
    "SHA",
    "Word",
    "Excel",
    "PDF",
    "WPS",
    "Markdown",
    "ID",
    "QR",
    "SSE",
    "RSS",
    "Atom",
    "UTF",
    "GB",
    "GBK",
    "zh",
    "CN",
    "en",
    "http",
    "https",
    "localhost",
    "Ctrl",
    "F5",
];

#[test]
fn chinese_messages_use_no_programmer_english() {
    for src in ZH_CN {
        let res = fluent_syntax::parser::parse(src).expect("parses");
        for entry in res.body {
            let ast::Entry::Message(m) = entry else {
                continue;
            };
            // A template for clap holds its placeholders' names.
            if m.id.name.ends_with("-template") {
                continue;
            }
            let Some(v) = &m.value else { continue };
            let mut text = String::new();
            for el in &v.elements {
                if let ast::PatternElement::TextElement { value } = el {
                    text.push_str(value);
                }
            }
            // What is quoted in backticks is what the secretary types: it may be English.
            let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            // File names (`disclosure.json`, `content/`) are what the secretary sees.
            let tokens = prose.split(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '_' | '-'))
            });
            let prose: Vec<&str> = tokens.filter(|t| !t.contains(['.', '/'])).collect();
            for word in prose
                .iter()
                .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
            {
                if word.len() >= 2 {
                    assert!(
                        ALLOWED_LATIN.contains(&word),
                        "{}: English word `{word}` in: {text}",
                        m.id.name
                    );
                }
            }
        }
    }
}

#[test]
fn messages_format_with_their_arguments() {
    assert_eq!(tr_in(Language::En, "severity-error", Vec::new()), "error");
    assert_eq!(tr_in(Language::ZhCn, "severity-error", Vec::new()), "错误");
    let args = || {
        vec![
            ("documents", Arg::from(1usize)),
            ("pages", Arg::from(3usize)),
            ("ms", Arg::from(12u64)),
            ("warnings", Arg::from(0usize)),
        ]
    };
    assert_eq!(
        tr_in(Language::En, "checked", args()),
        "checked 1 document and 3 pages in 12 ms: no errors"
    );
    assert_eq!(
        tr_in(Language::ZhCn, "checked", args()),
        "已检查：1 篇文件，3 个页面，用时 12 毫秒，没有错误"
    );
}

#[test]
fn the_language_is_read_from_site_yaml_without_parsing_it() {
    assert_eq!(
        site_language("title: x\nlanguage: en\n"),
        Some(Language::En)
    );
    assert_eq!(
        site_language("language： \"zh-CN\" # 中文\n"),
        Some(Language::ZhCn)
    );
    assert_eq!(site_language("title: x\n"), None);
    assert_eq!(parse_language("zh_CN.UTF-8"), Some(Language::ZhCn));
    assert_eq!(parse_language("C.UTF-8"), None);
}
