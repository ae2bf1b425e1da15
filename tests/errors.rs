//! SPEC §8a: every bad input gets a located, compiler-style message and exit status 1,
//! several problems in one run, never a panic; a failed build leaves the output as it was.
mod common;
use common::*;

/// The first line of each diagnostic in stderr (`path:line:col: error: message`).
fn headlines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

fn assert_error(stderr: &str, expected: &str) {
    assert!(
        headlines(stderr).iter().any(|l| l == expected),
        "expected the line\n  {expected}\nin stderr:\n{stderr}"
    );
}

#[test]
fn unknown_front_matter_key_is_named_with_line_and_column() {
    let site = TestSite::new().doc("notices/a.md", "titel: 工会\ndate: 2023-01-01", "x");
    let err = site.build_err();
    assert_error(
        &err,
        "content/notices/a.md:2:1: error: unknown front matter key `titel`",
    );
    assert!(err.contains("help: did you mean `title`?"), "{err}");
    assert!(
        err.contains("2 | titel: 工会"),
        "the source line is shown: {err}"
    );
}

#[test]
fn impossible_date_points_at_the_value() {
    let site = TestSite::new().doc("notices/a.md", "title: 工会\ndate: 2023-02-30", "x");
    assert_error(
        &site.build_err(),
        "content/notices/a.md:3:7: error: `date`: `2023-02-30` is not a real date (month 2 has no day 30)",
    );
}

#[test]
fn bad_utf8_is_located() {
    let site = TestSite::new().bytes(
        "content/notices/a.md",
        b"---\ntitle: \xb9\xa4\xbb\xe1\ndate: 2023-01-01\n---\n",
    );
    assert_error(&site.build_err(), "content/notices/a.md:2:8: error: the file is not valid UTF-8 text: save it as UTF-8 (not GBK)");
}

#[test]
fn empty_file_is_an_error() {
    let site = TestSite::new().file("content/notices/a.md", "");
    assert_error(
        &site.build_err(),
        "content/notices/a.md:1:1: error: the file is empty: a document starts with front matter (`---`, `title:`, `date:`, `---`)",
    );
}

#[test]
fn missing_closing_fence_is_an_error() {
    let site = TestSite::new().file(
        "content/notices/a.md",
        "---\ntitle: 工会\ndate: 2023-01-01\n\n正文\n",
    );
    assert_error(
        &site.build_err(),
        "content/notices/a.md:1:1: error: the front matter opened here is never closed: add a line `---` after its last key",
    );
}

#[test]
fn missing_opening_fence_is_an_error() {
    let site = TestSite::new().file("content/notices/a.md", "title: 工会\n");
    assert_error(&site.build_err(), "content/notices/a.md:1:1: error: a document must begin with a line `---` that opens its front matter");
}

#[test]
fn tab_indentation_is_located() {
    let site = TestSite::new().file(
        "content/notices/a.md",
        "---\ntitle: 工会\n\tdate: 2023-01-01\n---\n",
    );
    let err = site.build_err();
    let lines = headlines(&err);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/notices/a.md:3:1: error: ") && l.contains("tabs")),
        "{err}"
    );
}

#[test]
fn wrong_types_are_located_at_the_inner_value() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 工会\ndate: 2023-01-01\ndisclosure: {start: 2023-01-01, days: 五}\ndraft: 也许",
        "x",
    );
    let err = site.build_err();
    assert_error(&err, "content/notices/a.md:4:39: error: `disclosure.days`: string \"五\", expected a whole number");
    assert_error(
        &err,
        "content/notices/a.md:5:8: error: `draft`: string \"也许\", expected true or false",
    );
}

#[test]
fn missing_title_and_date_are_errors() {
    let site = TestSite::new().doc("notices/a.md", "doc_no: 1号", "x");
    let err = site.build_err();
    assert_error(
        &err,
        "content/notices/a.md:1:1: error: missing `title`: every document needs a title",
    );
    assert_error(&err, "content/notices/a.md:1:1: error: missing `date`: every document needs its publication date (YYYY-MM-DD)");
}

#[test]
fn two_documents_with_one_url() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "x")
        .doc("notices/b.md", "title: 乙\ndate: 2023-01-02\nslug: a", "y");
    assert_error(
        &site.build_err(),
        "content/notices/b.md:4:7: error: two documents have the URL /notices/a/: this one and content/notices/a.md",
    );
}

#[test]
fn slug_with_slash_or_dots_is_refused() {
    for (slug, col) in [("../evil", 7), ("a/b", 7), (".hidden", 7)] {
        let site = TestSite::new().doc(
            "notices/a.md",
            &format!("title: 甲\ndate: 2023-01-01\nslug: {slug}"),
            "x",
        );
        assert_error(
            &site.build_err(),
            &format!("content/notices/a.md:4:{col}: error: slug `{slug}` may hold only letters, digits, `-`, `_` and CJK characters (no `/`, `..` or leading `.`)"),
        );
    }
}

#[test]
fn missing_attachment_is_located_at_its_entry() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-01-01\nattachments:\n  - file: 名单.csv\n    title: 名单",
        "x",
    );
    assert_error(
        &site.build_err(),
        "content/notices/a.md:5:11: error: attachment `名单.csv` not found (looked for content/notices/名单.csv)",
    );
}

#[test]
fn broken_internal_link_is_located() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-01-01",
        "第一段。\n\n详见[预算](../plans/budget.md)。",
    );
    assert_error(
        &site.build_err(),
        "content/notices/a.md:8:3: error: broken link: `../plans/budget.md` points to content/plans/budget.md, which does not exist",
    );
}

#[test]
fn link_to_a_draft_is_an_error() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-01-01",
            "见[草稿](b.md)",
        )
        .doc(
            "notices/b.md",
            "title: 乙\ndate: 2023-01-01\ndraft: true",
            "y",
        );
    let err = site.build_err();
    assert!(headlines(&err).iter().any(|l| l.starts_with("content/notices/a.md:6:2: error: link `b.md` points to content/notices/b.md, which is a draft")), "{err}");
}

#[test]
fn unknown_site_yaml_key_names_the_valid_keys() {
    let site = TestSite::bare().file(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\npaginat: 10\n",
    );
    let err = site.build_err();
    assert_error(
        &err,
        "site.yaml:3:1: error: unknown site.yaml key `paginat`",
    );
    assert!(err.contains("did you mean `paginate`?"), "{err}");
    assert!(err.contains("valid keys are title, base_url"), "{err}");
}

#[test]
fn missing_site_yaml_says_what_to_do() {
    let site = TestSite::bare();
    let err = site.build_err();
    assert!(
        err.contains("site.yaml: error: cannot read site.yaml"),
        "{err}"
    );
    assert!(err.contains("gongkai init"), "{err}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "x")
        .file(
            "templates/document.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{{ doc.title }\n{% endblock %}\n",
        );
    let err = site.build_err();
    assert!(
        headlines(&err)
            .iter()
            .any(|l| l.starts_with("templates/document.html:3:") && l.contains("template error")),
        "{err}"
    );
}

#[test]
fn template_render_error_names_template_and_line() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "x")
        .file("templates/document.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ doc.no_such_field }}\n{% endblock %}\n");
    let err = site.build_err();
    assert!(
        headlines(&err)
            .iter()
            .any(|l| l.starts_with("templates/document.html:3:4: error: template error")),
        "{err}"
    );
}

#[test]
fn several_problems_in_several_files_are_all_reported() {
    let site = TestSite::new()
        .doc("notices/a.md", "titel: 甲\ndate: 2023-01-01", "x")
        .doc("plans/b.md", "title: 乙\ndate: 2023-13-01", "y")
        .doc(
            "summaries/c.md",
            "title: 丙\ndate: 2023-01-01",
            "[x](nope.md)",
        )
        .file("templates/section.html", "{{ nope }");
    let err = site.build_err();
    let lines = headlines(&err);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/notices/a.md:2:1:")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/plans/b.md:3:7:")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/summaries/c.md:6:1:")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("templates/section.html:1:")),
        "{err}"
    );
    assert!(err.trim_end().ends_with("errors"), "{err}");
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "第一版")
        .doc("notices/b.md", "title: 乙\ndate: 2023-01-02", "乙");
    let built = site.build();
    let before = built.all_files();
    assert!(before.len() > 10);
    // Break one file and change another: nothing of the new build may land.
    let site = site
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "第二版")
        .doc("notices/b.md", "title: 乙\ndate: 2023-02-30", "乙");
    site.build_err();
    assert_eq!(built.all_files(), before);
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn failed_render_leaves_previous_output_too() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-01-01\ncategories: [经费公开]",
        "x",
    );
    let built = site.build();
    let before = built.all_files();
    let site = site.file("templates/category.html", "{{ undefined_thing.x }}");
    site.build_err();
    assert_eq!(built.all_files(), before);
}

#[test]
fn withdrawn_without_reason_is_an_error() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-01-01\nstatus: withdrawn\nwithdrawn: {date: 2023-01-05}",
        "x",
    );
    assert_error(
        &site.build_err(),
        "content/notices/a.md:5:1: error: `withdrawn` needs a `reason`: members must be told why a document was withdrawn",
    );
}

#[test]
fn unknown_kind_folder_needs_kind() {
    let site = TestSite::new().doc("news/a.md", "title: 甲\ndate: 2023-01-01", "x");
    assert_error(
        &site.build_err(),
        "content/news/a.md:1:1: error: cannot tell the kind of a document in folder `news`",
    );
    let ok = TestSite::new().doc(
        "news/a.md",
        "title: 甲\ndate: 2023-01-01\nkind: notice",
        "x",
    );
    ok.build().page("/news/a/");
}

#[test]
fn output_inside_the_site_sources_is_refused() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "x");
    let content = site.root().join("content");
    let out = site.run(&["build", "--output", content.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the site's content/ folder"));
    assert!(content.join("notices/a.md").exists());
}

#[test]
fn a_section_entry_with_an_unknown_field_is_located() {
    let site = TestSite::bare().file(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nsections:\n  - name: finance\n    titel: 财务公开\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:5:5: error: `sections[0]`: unknown field `titel`"),
        "{err}"
    );
    let site = TestSite::bare().file(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nsections:\n  - {name: finance, title: 财务}\n  - {name: finance, title: 财务公开}\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:5:12: error: section `finance` is declared twice"),
        "{err}"
    );
    let site = TestSite::bare().file(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nsections:\n  - {name: finance, title: 财务, kind: report}\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:4:12: error: unknown kind `report`: use plan, notice or summary"),
        "{err}"
    );
    // A document in a folder of unknown kind is told how to declare it.
    let site = TestSite::new().doc("finance/a.md", "title: 甲\ndate: 2023-01-01", "甲");
    let err = site.build_err();
    assert!(
        err.contains("content/finance/a.md:1:1: error: cannot tell the kind"),
        "{err}"
    );
    assert!(
        err.contains("sections: [{name: finance, title: ..., kind: notice}]"),
        "{err}"
    );
}

// Issue 14: a file with thousands of problems reports the first few of each kind, then
// one line for the rest, and a long line is shown only around the column.

#[test]
fn thousands_of_mobile_numbers_on_one_line_are_summed_up_in_one_line() {
    let line: String = (0..2000).map(|i| format!("1380013{:04}，", i)).collect();
    let site = TestSite::new().doc("notices/a.md", "title: 名单\ndate: 2023-01-01", &line);
    let err = site.build_err();
    let heads = headlines(&err);
    let mobiles = heads
        .iter()
        .filter(|l| l.contains("mobile phone number"))
        .count();
    assert_eq!(mobiles, 20, "{err}");
    let summary: Vec<_> = heads.iter().filter(|l| l.contains(" more ")).collect();
    assert_eq!(summary.len(), 1, "{err}");
    assert!(
        summary[0].contains("error: and 1,980 more mobile numbers in this file"),
        "{err}"
    );
    // 2,000 numbers on a 24 KB line: the source lines shown are windows, not the line.
    let longest = err.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(
        longest < 200,
        "a source line of {longest} characters was printed"
    );
    assert!(err.len() < 20_000, "{} bytes of messages", err.len());
    assert!(err.contains('…'), "a cut line is marked: {err}");
}

#[test]
fn the_summary_limit_can_be_changed_or_lifted() {
    let body: String = (0..30).map(|i| format!("第__个 {i}\n\n")).collect();
    let site = TestSite::new()
        .doc("notices/a.md", "title: 名单\ndate: 2023-01-01", &body)
        .doc("notices/b.md", "title: 名单\ndate: 2023-01-01\nx: 1", "");
    let count = |args: &[&str]| {
        let out = site.run(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let heads = headlines(&err);
        let blanks = heads
            .iter()
            .filter(|l| l.contains("template leftover `"))
            .count();
        let more = heads
            .iter()
            .filter(|l| l.contains("more template leftovers"))
            .count();
        (blanks, more)
    };
    assert_eq!(count(&["check"]), (20, 1));
    assert_eq!(count(&["check", "--max-per-kind", "5"]), (5, 1));
    assert_eq!(count(&["check", "--max-per-kind", "0"]), (30, 0));
}

#[test]
fn thousands_of_unknown_keys_and_broken_links_are_summed_up() {
    let fm: String = (0..500).map(|i| format!("k{i}: 1\n")).collect();
    let body: String = (0..500)
        .map(|i| format!("[见](missing{i}.md)\n\n"))
        .collect();
    let site = TestSite::new().doc(
        "notices/a.md",
        &format!("title: t\ndate: 2023-01-01\n{fm}"),
        &body,
    );
    let err = site.build_err();
    let heads = headlines(&err);
    assert_eq!(
        heads
            .iter()
            .filter(|l| l.contains("unknown front matter key `"))
            .count(),
        20,
        "{err}"
    );
    assert_error(
        &err,
        "content/notices/a.md:24:1: error: and 480 more unknown front matter keys in this file (the first of them here); fix those above and run again to see the rest",
    );
}

#[test]
fn a_deeply_nested_site_yaml_is_refused_at_once_and_located() {
    let deep = format!(
        "holidays: {{off: {}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let site = TestSite::new().file(
        "site.yaml",
        &format!("title: t\nbase_url: https://example.org/\n{deep}"),
    );
    let err = site.build_err();
    assert_error(
        &err,
        "site.yaml:3:80: error: lists or maps nested more than 64 deep: write them flatter",
    );
}

// Issue 14: `check` refuses what `build` could not write.

#[test]
fn check_refuses_a_slug_too_long_for_a_folder_name() {
    let slug = "a".repeat(300);
    let site = TestSite::new().doc(
        "notices/a.md",
        &format!("title: t\ndate: 2023-01-01\nslug: {slug}"),
        "x",
    );
    let out = site.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_error(&err, "content/notices/a.md:4:7: error: this slug is 300 bytes long, and a file or folder name may be at most 255 bytes (a Chinese character takes 3): shorten it to about 85 Chinese characters or 255 letters");
}

#[test]
fn check_refuses_a_plan_year_out_of_range() {
    for y in ["-1", "0", "2147483647", "1899", "2201"] {
        let site = TestSite::new().doc(
            "plans/a.md",
            &format!("title: t\ndate: 2023-01-01\nyear: {y}"),
            "x",
        );
        let out = site.run(&["check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_error(&err, &format!("content/plans/a.md:4:7: error: `year: {y}` is not a plan's year: write the year the plan is for, between 1900 and 2200"));
    }
    let ok = TestSite::new().doc("plans/a.md", "title: t\ndate: 2023-01-01\nyear: 2200", "x");
    assert_eq!(ok.run(&["check"]).status.code(), Some(0));
}

#[test]
fn check_refuses_categories_that_share_a_url() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: t\ndate: 2023-01-01\ncategories: [\".\"]",
            "x",
        )
        .doc(
            "notices/b.md",
            "title: t\ndate: 2023-01-01\ncategories: [\"..\"]",
            "x",
        );
    let out = site.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let heads = headlines(&err);
    let clash: Vec<_> = heads
        .iter()
        .filter(|l| l.contains("/categories/document/"))
        .collect();
    assert_eq!(clash.len(), 1, "{err}");
    assert!(clash[0].starts_with("content/notices/"), "{err}");
    assert!(clash[0].contains(":4:1: error: the categories "), "{err}");
}

#[test]
fn a_mistyped_base_url_argument_is_a_usage_error() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "甲");
    let out = site.run(&["build", "--base-url", "example.org/gk"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: `example.org/gk` is not a value for `--base-url <URL>`: base_url `example.org/gk` must start with https:// or http://\n"),
        "{err}"
    );
    assert!(!site.root().join("public").exists(), "nothing was built");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "甲");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["check", "--site"])
        .arg(site.root())
        .env("GONGKAI_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // `gongkai check | head -0`: the reader is gone before anything is printed.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn chinese_input_method_punctuation_is_reported_where_it_was_typed() {
    let site = TestSite::new()
        .in_site_language()
        .file(
            "content/notices/a.md",
            "---\ntitle：\"关于工会经费预算的公示\"\ndate: 2023-06-01\n---\n\n正文。\n",
        )
        .file(
            "content/notices/b.md",
            "---\ntitle: \"关于评优的公示”\ndate: 2023-06-01\n---\n\n正文。\n",
        )
        .file(
            "content/notices/c.md",
            "---\ntitle: 丙\ndate: 2023-06-01\ndisclosure:\n\u{3000}\u{3000}start: 2023-06-01\n---\n\n正文。\n",
        );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/a.md:2:6: 错误: 字段 `title` 后面用了中文冒号“：”：请改成英文冒号“:”，冒号后面加一个空格\n"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/b.md:2:16: 错误: 引号没有配对：用英文引号 \" 开头，却用中文引号“””结尾"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/notices/c.md:5:1: 错误: 缩进里有全角空格“　”：请改成英文空格（半角空格）"
        ),
        "{err}"
    );
    // Not YAML's own words for the same slips.
    assert!(!err.contains("mapping values"), "{err}");
    assert!(!err.contains("end of stream"), "{err}");
}

#[test]
fn categories_typed_with_chinese_list_marks_are_several() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-06-01\ncategories: [福利慰问，疗休养、评优]",
        "正文。",
    );
    let b = site.build();
    for slug in ["福利慰问", "疗休养", "评优"] {
        assert!(
            b.exists(&format!("/categories/{slug}/index.html")),
            "{slug}"
        );
    }
    assert!(!b.exists("/categories/福利慰问-疗休养-评优/index.html"));
}

#[test]
fn nothing_silent_in_a_body() {
    let site = TestSite::new()
        .file(
            "content/notices/empty.md",
            "---\ntitle: 空白\ndate: 2023-06-01\n---\n",
        )
        .file(
            "content/notices/signed.md",
            "---\ntitle: 甲\ndate: 2023-06-01\n---\n\n正文。\n\n青岚师范学院工会\n2023年6月1日\n",
        )
        .file(
            "content/notices/link.md",
            "---\ntitle: 乙\ndate: 2023-06-01\n---\n\n请下载[推荐表](推荐表 空白.docx)。\n",
        );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/link.md:6:10: error: the link `(推荐表 空白.docx)` has a space in it, so Markdown shows it as text, not as a link"),
        "{err}"
    );
    assert!(
        err.contains("help: put the address in angle brackets, `(<推荐表 空白.docx>)`"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/empty.md:4:1: warning: the document has no text after its front matter"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/signed.md:8:1: warning: the text ends with a 落款 (organisation and date)"),
        "{err}"
    );
    assert!(
        err.contains("help: delete lines 8 and 9 of the file"),
        "{err}"
    );
}

#[test]
fn did_you_mean_for_nested_keys_and_missing_attachments() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://example.org/\ncontact: 工会办公室\n",
        )
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01\ndisclosure: {start: 2023-06-01, workingdays: 5}",
            "正文。",
        )
        .doc(
            "notices/b.md",
            "title: 乙\ndate: 2023-06-01\nattachments: [名单.xlxs]",
            "正文。",
        )
        .file("content/notices/名单.xlsx", "x");
    let err = site.build_err();
    assert!(
        err.contains("content/notices/a.md:4:33: error: `disclosure`: unknown field `workingdays`"),
        "{err}"
    );
    assert!(
        err.contains("= help: did you mean `working_days`?"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/b.md:4:15: error: attachment `名单.xlxs` not found"),
        "{err}"
    );
    assert!(err.contains("= help: did you mean `名单.xlsx`?"), "{err}");
}

#[test]
fn a_heading_that_skips_a_level_is_a_warning() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-06-01",
        "### 一、总则\n\n正文。\n\n## 二、安排\n\n### （一）时间\n",
    );
    let b = site.build();
    assert!(
        b.stderr.contains(
            "content/notices/a.md:6:1: warning: this heading jumps from level 1 to level 3"
        ),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr.contains("help: write it with 2 `#`"),
        "{}",
        b.stderr
    );
    assert_eq!(
        b.stderr.matches("jumps from level").count(),
        1,
        "{}",
        b.stderr
    );
}

// Issue 10: positions come from the YAML parse itself, so they are exact in every style:
// flow mappings over several lines, quoted keys, flow lists of entries, the same file name
// twice, and a key named in a comment above it.
#[test]
fn positions_are_exact_in_every_yaml_style() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 甲\n# date: 写在这里\n\"date\": 2023-01-01\ndisclosure: {\n  start: 2023-02-30,\n  days: 5 }\ncontact: 工会 88001234",
        "x",
    );
    assert_error(
        &site.build_err(),
        "content/notices/a.md:6:10: error: `disclosure.start`: `2023-02-30` is not a real date (month 2 has no day 30)",
    );
    // Two entries naming the same file: the second, missing under another title, is
    // pointed at where it stands, not at the first mention.
    let site = TestSite::new()
        .doc(
            "notices/b/index.md",
            "title: 乙\ndate: 2023-01-01\nattachments: [{file: 名单.csv, title: 名单}, {title: 附表, file: 附表.csv}]",
            "x",
        )
        .file("content/notices/b/名单.csv", "a,b\n");
    assert_error(
        &site.build_err(),
        "content/notices/b/index.md:4:60: error: attachment `附表.csv` not found (looked for content/notices/b/附表.csv)",
    );
    // The corrections list: each date at its own entry.
    let site = TestSite::new().doc(
        "notices/c.md",
        "title: 丙\ndate: 2023-01-01\nupdated: 2023-03-01\ncorrections:\n  - {date: 2023-02-01, note: 改正错字}\n  - date: 2023-02-31\n    note: 改正日期",
        "x",
    );
    assert_error(
        &site.build_err(),
        "content/notices/c.md:7:11: error: `corrections.date`: `2023-02-31` is not a real date (month 2 has no day 31)",
    );
}

#[test]
fn personal_data_in_a_document_whose_front_matter_has_a_slip_is_told_in_the_same_run() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: A\ndate: 2023-06-01\nbogus: 1",
            "Call 13812345678.",
        )
        // Allowed by its own privacy_allow, though the front matter does not load.
        .doc(
            "notices/b.md",
            "title: B\ndate: 2023-06-01\nbogus: 1\nprivacy_allow:\n  - mobile",
            "Call 13812345678.",
        )
        // A draft is not published: its numbers are its own business until it is.
        .doc(
            "notices/c.md",
            "title: C\ndate: 2023-06-01\nbogus: 1\ndraft: true",
            "Call 13812345678.",
        );
    let err = site.build_err();
    assert_eq!(
        headlines(&err),
        [
            "content/notices/a.md:4:1: error: unknown front matter key `bogus`",
            "content/notices/a.md:7:6: error: a mobile phone number (手机号) would be published: 138****5678",
            "content/notices/b.md:4:1: error: unknown front matter key `bogus`",
            "content/notices/c.md:4:1: error: unknown front matter key `bogus`",
        ],
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_document_linked_from_outside_the_site_is_never_read_for_the_privacy_check() {
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: x\n---\n\nCANARY 13812345678\n").expect("write");
    let site = TestSite::new().doc("notices/a.md", "title: A\ndate: 2023-06-01", "Body.");
    std::os::unix::fs::symlink(&secret, site.root().join("content/notices/link.md"))
        .expect("symlink");
    let err = site.build_err();
    assert!(!err.contains("CANARY"), "{err}");
    assert!(!err.contains("mobile"), "{err}");
}
