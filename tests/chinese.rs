//! The messages a secretary reads, in Chinese: a zh-CN site run without `--lang` or
//! `GONGKAI_LANG` speaks Chinese (`.in_site_language()`). Each test asserts the whole
//! line, its location included.

mod common;
use common::*;

const SITE: &str =
    "title: 测试工会\nbase_url: https://example.org/\ncontact: 工会办公室 0571-8888 6000\n";

fn site() -> TestSite {
    TestSite::new().file("site.yaml", SITE).in_site_language()
}

fn notice(title: &str, date: &str) -> String {
    format!("title: {title}\ndate: {date}")
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let p = site.root().join("content").join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, text.replace(from, to)).expect("write");
}

#[test]
fn an_id_number_in_the_body_is_named_in_chinese() {
    let site = site().doc(
        "notices/a.md",
        &notice("名单公示", "2023-06-01"),
        "张三，身份证号 110101199003071233。",
    );
    let err = site.build_err();
    assert!(
        err.contains(
            "content/notices/a.md:6:9: 错误: 这里有身份证号，会被公开出去：1101**********1233\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("  = 提示：请把它遮掉一部分（例如写成 `1101**********1233`）或者删掉；如果这篇文件确实必须公开它，请在文件开头的信息里加上 `privacy_allow: [id_card]`\n"),
        "{err}"
    );
}

#[test]
fn an_id_number_in_a_csv_attachment_is_named_in_chinese() {
    let site = site()
        .doc(
            "notices/award/index.md",
            &notice("名单公示", "2023-06-01"),
            "名单见附件。",
        )
        .file(
            "content/notices/award/名单.csv",
            "姓名,身份证号\n张三,110101199003071233\n",
        );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/award/名单.csv:2:4: 错误: 这里有身份证号，会被公开出去：1101**********1233\n"),
        "{err}"
    );
}

#[test]
fn an_unreadable_attachment_is_a_warning_in_chinese() {
    let site = site()
        .doc(
            "notices/files/index.md",
            &notice("附件", "2023-06-01"),
            "见附件。",
        )
        .bytes(
            "content/notices/files/old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        );
    let b = site.build();
    assert!(
        b.stderr.contains("content/notices/files/old.doc: 警告: 这个附件没能检查是否含有个人信息（这是旧版 Word 文件（.doc）：请另存为 .docx，就能检查了）；请自己打开看一遍\n"),
        "{}",
        b.stderr
    );
}

#[test]
fn record_problems_name_the_title_path_and_index_number_in_chinese() {
    let site = site()
        .doc(
            "notices/a.md",
            &notice("名单公示", "2023-06-01"),
            "张三、李四",
        )
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    edit(&site, "notices/a.md", "李四", "王五");
    std::fs::remove_file(site.root().join("content/notices/b.md")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("content/notices/a.md:2:1: 错误: 这篇已发布的文件「名单公示」（索引号 2023-00001，2023-06-15 首次发布）在 2023-06-15 记录以后被改过，但没有写新的 `updated` 日期，也没有新的 `corrections` 更正记录\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "  = 提示：改了什么要告诉读者：请在文件开头的信息里加上 `updated: 2023-06-15`"
        ),
        "{err}"
    );
    // The lock's line is not shown: the message names the document.
    assert!(
        err.contains("disclosure.lock:3:1: 错误: 已发布的文件「另一公示」（/notices/b/，索引号 2023-00002，2023-06-15 首次发布）不见了：它被删除、改了名、改成了草稿，或者日期改到了以后\n  = 提示：发布过的文件不能悄悄消失"),
        "{err}"
    );
    assert!(!err.contains("{\"no\""), "{err}");
}

#[test]
fn verify_names_a_mismatch_in_chinese() {
    let site = site().doc("notices/a.md", &notice("甲", "2023-06-01"), "甲");
    let b = site.build();
    let src = b.out.join("notices/a/index.md");
    std::fs::write(&src, "改过了").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["verify", "--lang", "zh-CN"])
        .arg(&b.out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let want = format!(
        "{}: 错误: /notices/a/（索引号 2023-00001）的原文和公开记录不符：校验码（SHA-256）是 420c9e4a66b6e97a1fac869ca7557d04410db6a04e9b021fa9dec1f8b876ccfc，而 2023-06-15 记录的是 ",
        src.display()
    );
    assert!(err.contains(&want), "{err}");
}
