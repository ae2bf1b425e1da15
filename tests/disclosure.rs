//! Disclosure (SPEC §5, §7, §8): periods and live status, withdrawals and corrections,
//! the tamper-evident record and `verify`, the privacy and leftover checks.

mod common;
use common::*;

use std::path::Path;

const SITE: &str =
    "title: 测试工会\nbase_url: https://example.org/\ncontact: 工会办公室 0571-8888 6000\n";

/// A site whose notices have a default objections contact.
fn site() -> TestSite {
    TestSite::new().file("site.yaml", SITE)
}

fn notice(title: &str, date: &str) -> String {
    format!("title: {title}\ndate: {date}")
}

fn lock(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("disclosure.lock")).expect("disclosure.lock")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn index_no(b: &Built, path: &str) -> String {
    b.page(path).text(".index-no")
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let p = site.root().join("content").join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{from} not in {text}");
    std::fs::write(&p, text.replace(from, to)).expect("write");
}

// ---- periods and status ----

/// A notice of five working days from Friday 2023-04-28, across the May Day holidays
/// (05-01 to 05-03 off, Saturday 05-06 a make-up working day).
fn may_day_notice(body: &str) -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            &format!("{SITE}holidays:\n  off: [2023-05-01, 2023-05-02, 2023-05-03]\n  work: [2023-05-06]\n"),
        )
        .doc(
            "notices/list.md",
            "title: 先进个人名单公示\ndate: 2023-04-28\ndisclosure: {start: 2023-04-28, working_days: 5}",
            body,
        )
}

#[test]
fn working_days_skip_weekends_and_holidays_and_count_make_up_days() {
    let site = may_day_notice("名单如下。").today("2023-05-04");
    let b = site.build();
    let p = b.page("/notices/list/");
    assert!(
        p.text("dl.meta").contains("2023年4月28日 – 2023年5月8日"),
        "{}",
        p.text("dl.meta")
    );
    assert_eq!(p.attrs("[data-period]", "data-end"), vec!["2023-05-08"]);
    // Five working days, counted down in working days: Thu 05-04, Fri 05-05, the
    // make-up Saturday 05-06 and Mon 05-08 are left.
    assert_eq!(p.text("dl.meta [data-period]"), "公示中（剩余 4 个工作日）");
    assert_eq!(
        p.attrs("[data-period]", "data-off"),
        vec!["2023-05-01,2023-05-02,2023-05-03"]
    );
    assert_eq!(p.attrs("[data-period]", "data-work"), vec!["2023-05-06"]);
}

#[test]
fn a_period_without_an_objections_contact_is_an_error_at_the_disclosure_key() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 名单公示\ndate: 2023-06-01\ndisclosure: {start: 2023-06-01, days: 5}",
        "正文",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/a.md:4:1: error: a disclosure period needs a contact"),
        "{err}"
    );
    // Its own contact, or a top-level one, is enough.
    let site = site.doc(
        "notices/a.md",
        "title: 名单公示\ndate: 2023-06-01\ndisclosure: {start: 2023-06-01, days: 5, contact: 电话 0571-1234 5678}",
        "正文",
    );
    site.build();
    let site = site.doc(
        "notices/b.md",
        "title: 另一名单公示\ndate: 2023-06-01\ncontact: 工会办公室\ndisclosure: {start: 2023-06-01, days: 5}",
        "正文",
    );
    let b = site.build();
    assert!(b
        .page("/notices/b/")
        .text(".contact")
        .contains("工会办公室"));
}

#[test]
fn status_is_said_in_words_before_during_and_after_the_period() {
    let site = site()
        .doc("notices/before.md", "title: 拟公示的名单\ndate: 2023-06-10\ndisclosure: {start: 2023-06-20, days: 5}", "甲")
        .doc("notices/during.md", "title: 公示中的名单\ndate: 2023-06-10\ndisclosure: {start: 2023-06-12, end: 2023-06-18}", "乙")
        .doc("notices/after.md", "title: 已结束的名单\ndate: 2023-06-01\ndisclosure: {start: 2023-06-01, days: 5}", "丙");
    let b = site.build();
    assert_eq!(
        b.page("/notices/before/").text("dl.meta [data-period]"),
        "拟公示"
    );
    assert_eq!(
        b.page("/notices/during/").text("dl.meta [data-period]"),
        "公示中（剩余 4 天）"
    );
    assert_eq!(
        b.page("/notices/after/").text("dl.meta [data-period]"),
        "公示结束"
    );
    // Home: the open one first with its days left, then the one about to start; not the closed one.
    let home = b.page("/");
    assert_eq!(
        home.texts("[data-disclosure-list] .doc-title"),
        vec!["公示中的名单", "拟公示的名单"]
    );
    assert_eq!(
        home.texts("[data-disclosure-list] [data-period]"),
        vec!["公示中（剩余 4 天）", "拟公示"]
    );
    // The browser refreshes from these.
    assert_eq!(
        home.attrs("[data-disclosure-list] [data-period]", "data-start"),
        vec!["2023-06-12", "2023-06-20"]
    );
    assert_eq!(home.attrs("[data-period]", "data-tz")[0], "Asia/Shanghai");
}

#[test]
fn a_withdrawn_notice_keeps_its_page_and_list_entry_with_the_mark() {
    let site = site().doc(
        "notices/w.md",
        "title: 撤销的公示\ndate: 2023-06-01\nstatus: withdrawn\nwithdrawn: {date: 2023-06-05, reason: 名单有误，重新公示}\ndisclosure: {start: 2023-06-01, days: 30}",
        "正文",
    );
    let b = site.build();
    let p = b.page("/notices/w/");
    let banner = p.text(".banner-withdrawn");
    assert!(
        banner.contains("已撤销")
            && banner.contains("2023年6月5日")
            && banner.contains("名单有误，重新公示"),
        "{banner}"
    );
    assert!(p.text("dl.meta").contains("已撤销"));
    assert_eq!(p.count("dl.meta [data-period]"), 0);
    let list = b.page("/notices/");
    assert_eq!(
        list.texts(".doc-item.is-withdrawn .doc-title"),
        vec!["撤销的公示"]
    );
    assert!(list.text(".doc-item .badge-withdrawn").contains("已撤销"));
    // Not "now in disclosure".
    assert_eq!(b.page("/").count("[data-disclosure-list]"), 0);
    // A withdrawal without a reason is an error.
    let site = site.doc(
        "notices/w.md",
        "title: 撤销的公示\ndate: 2023-06-01\nstatus: withdrawn\nwithdrawn: {date: 2023-06-05}",
        "正文",
    );
    assert!(site.build_err().contains("needs a `reason`"));
}

#[test]
fn corrections_are_shown_as_a_correction_record() {
    let site = site().doc(
        "notices/c.md",
        "title: 更正过的公示\ndate: 2023-06-01\nupdated: 2023-06-03\ncorrections:\n  - {date: 2023-06-03, note: 第3名姓名更正为王芳}",
        "正文",
    );
    let p = site.build().page("/notices/c/");
    assert_eq!(p.text(".corrections h2"), "更正记录");
    assert_eq!(
        p.text(".corrections li"),
        "2023年6月3日：第3名姓名更正为王芳"
    );
}

// ---- the record ----

#[test]
fn the_record_lists_each_published_document_with_a_chain() {
    let site = site()
        .doc("notices/a.md", &notice("甲通知", "2023-06-01"), "甲")
        .doc("plans/p.md", &notice("乙计划", "2022-12-01"), "乙");
    let b = site.build();
    let text = lock(&site);
    assert_eq!(
        text,
        b.file("disclosure.json"),
        "the record is published as /disclosure.json"
    );
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        text.lines().count(),
        entries.len() + 2,
        "one entry a line:\n{text}"
    );
    assert_eq!(entries.len(), 2);
    let a = entries.iter().find(|e| e["url"] == "/notices/a/").unwrap();
    assert_eq!(a["no"], "2023-00001");
    assert_eq!(a["title"], "甲通知");
    assert_eq!(a["date"], "2023-06-01");
    assert_eq!(a["first_published"], TODAY);
    assert_eq!(a["last_changed"], TODAY);
    let src = b.file("/notices/a/index.md");
    use sha2::Digest;
    assert_eq!(
        a["sha256"],
        gongkai::content::hex(&sha2::Sha256::digest(src.as_bytes()))
    );
    assert_eq!(entries[0]["prev"], "0".repeat(64));
    assert_eq!(entries[1]["prev"], entries[0]["hash"]);
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    assert_eq!(index_no(&b, "/plans/p/"), "2022-00001");
}

#[test]
fn the_lock_refuses_a_silent_change() {
    let site = site().doc(
        "notices/a.md",
        &notice("名单公示", "2023-06-01"),
        "张三、李四",
    );
    site.build();
    let before = lock(&site);
    edit(&site, "notices/a.md", "李四", "王五");
    let err = site.build_err();
    assert!(
        err.contains("content/notices/a.md:2:1: error: this published document 「名单公示」 (索引号 2023-00001, first published 2023-06-15) has changed"),
        "{err}"
    );
    assert!(
        err.contains("without a new `updated` date or a new `corrections` entry"),
        "{err}"
    );
    assert!(err.contains("--accept-changes"), "{err}");
    assert_eq!(
        lock(&site),
        before,
        "a failed build leaves the record as it was"
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("has changed since it was recorded"));
}

#[test]
fn the_lock_refuses_a_deletion() {
    let site = site()
        .doc("notices/a.md", &notice("名单公示", "2023-06-01"), "甲")
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    std::fs::remove_file(site.root().join("content/notices/a.md")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("disclosure.lock:2:1: error: the published document /notices/a/ 「名单公示」 (索引号 2023-00001, first published 2023-06-15) has disappeared"),
        "{err}"
    );
    assert!(err.contains("status: withdrawn"), "{err}");
    // Made a draft is the same as gone.
    let site = site.doc(
        "notices/a.md",
        &format!("{}\ndraft: true", notice("名单公示", "2023-06-01")),
        "甲",
    );
    assert!(site.build_err().contains("has disappeared"));
}

/// `check` after an edit that broke another file still says which published document
/// was changed silently: the secretary sees every problem in one run.
#[test]
fn a_silent_change_is_reported_beside_other_errors() {
    let site = site()
        .doc(
            "notices/a.md",
            &notice("名单公示", "2023-06-01"),
            "张三、李四",
        )
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    edit(&site, "notices/a.md", "李四", "王五");
    // b no longer loads: it is not taken for a disappearance.
    std::fs::write(
        site.root().join("content/notices/b.md"),
        "---\ntitle: 另一公示\ndate: 2023-13-02\n---\n\n乙\n",
    )
    .unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/notices/b.md:3:7: error"), "{err}");
    assert!(
        err.contains("content/notices/a.md:2:1: error: this published document 「名单公示」 (索引号 2023-00001, first published 2023-06-15) has changed"),
        "{err}"
    );
    assert!(!err.contains("disappeared"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

/// A deletion the record refuses and a template that fails are reported in one run, by
/// `check` and by `build` alike.
#[test]
fn a_record_problem_and_a_template_problem_come_in_one_run() {
    let site = site()
        .doc("notices/a.md", &notice("名单公示", "2023-06-01"), "甲")
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    std::fs::remove_file(site.root().join("content/notices/a.md")).unwrap();
    let site = site.file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nothing | no_such_filter }}{% endblock %}",
    );
    for cmd in ["check", "build"] {
        let out = site.run(&[cmd]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = stderr(&out);
        assert!(err.contains("has disappeared"), "{cmd}: {err}");
        assert!(err.contains("templates/404.html"), "{cmd}: {err}");
    }
}

/// A document removed with --accept-changes and later put back as it was keeps its
/// index number; another document at its URL gets a new one.
#[test]
fn a_removed_document_restored_as_it_was_keeps_its_number() {
    let site = site()
        .doc("notices/a.md", &notice("名单公示", "2023-06-01"), "甲")
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    let a = std::fs::read_to_string(site.root().join("content/notices/a.md")).unwrap();
    std::fs::remove_file(site.root().join("content/notices/a.md")).unwrap();
    site.build_with(&["--accept-changes"]);
    std::fs::write(site.root().join("content/notices/a.md"), &a).unwrap();
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&lock(&site)).unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last["no"], "2023-00001");
    assert_eq!(last["status"], "published");
    assert_eq!(last["first_published"], "2023-06-15");
    // Removed again, and something else put at its URL: a new number.
    std::fs::remove_file(site.root().join("content/notices/a.md")).unwrap();
    site.build_with(&["--accept-changes"]);
    let site = site.doc("notices/a.md", &notice("新的公示", "2023-06-03"), "丙");
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00003");
}

#[test]
fn accept_changes_records_a_deliberate_change_and_removal() {
    let site = site()
        .doc("notices/a.md", &notice("名单公示", "2023-06-01"), "张三")
        .doc("notices/b.md", &notice("另一公示", "2023-06-02"), "乙");
    site.build();
    edit(&site, "notices/a.md", "张三", "张三丰");
    std::fs::remove_file(site.root().join("content/notices/b.md")).unwrap();
    let site = site.today("2023-06-20");
    let b = site.build_with(&["--accept-changes"]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&lock(&site)).unwrap();
    assert_eq!(entries.len(), 4, "two entries appended, none rewritten");
    assert_eq!(entries[2]["no"], "2023-00001");
    assert_eq!(entries[2]["first_published"], "2023-06-15");
    assert_eq!(entries[2]["last_changed"], "2023-06-20");
    assert_eq!(entries[3]["no"], "2023-00002");
    assert_eq!(entries[3]["status"], "removed");
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    // And the next plain build passes.
    site.build();
}

#[test]
fn a_change_with_a_new_updated_date_or_correction_passes() {
    let site = site().doc("notices/a.md", &notice("名单公示", "2023-06-01"), "张三");
    site.build();
    let site = site
        .doc(
            "notices/a.md",
            &format!("{}\nupdated: 2023-06-15", notice("名单公示", "2023-06-01")),
            "张三丰",
        )
        .today("2023-06-16");
    site.build();
    // The same `updated` again does not cover a second change.
    edit(&site, "notices/a.md", "张三丰", "张三");
    assert!(site
        .build_err()
        .contains("has changed since it was recorded on 2023-06-16"));
    // A new correction entry does.
    edit(
        &site,
        "notices/a.md",
        "updated: 2023-06-15",
        "updated: 2023-06-15\ncorrections:\n  - {date: 2023-06-16, note: 姓名更正}",
    );
    site.build();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&lock(&site)).unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[2]["corrections"], 1);
    assert_eq!(entries[1]["updated"], "2023-06-15");
}

#[test]
fn a_withdrawal_is_recorded_and_keeps_the_index_number() {
    let site = site().doc("notices/a.md", &notice("名单公示", "2023-06-01"), "甲");
    site.build();
    let site = site.doc(
        "notices/a.md",
        &format!(
            "{}\nstatus: withdrawn\nwithdrawn: {{date: 2023-06-15, reason: 重新公示}}",
            notice("名单公示", "2023-06-01")
        ),
        "甲",
    );
    let b = site.build();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&lock(&site)).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["status"], "withdrawn");
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    assert!(b.page("/notices/").text(".doc-item").contains("已撤销"));
}

#[test]
fn index_numbers_are_stable_and_never_reused() {
    let site = site()
        .doc("notices/a.md", &notice("甲", "2023-06-01"), "甲")
        .doc("notices/b.md", &notice("乙", "2023-06-02"), "乙");
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    assert_eq!(index_no(&b, "/notices/b/"), "2023-00002");
    // A later document dated earlier takes the next number, not another's.
    let site = site.doc("notices/c.md", &notice("丙", "2023-05-01"), "丙");
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/a/"), "2023-00001");
    assert_eq!(index_no(&b, "/notices/b/"), "2023-00002");
    assert_eq!(index_no(&b, "/notices/c/"), "2023-00003");
    // A withdrawn one keeps its number; a removed one's number is never given again.
    let site = site.doc(
        "notices/b.md",
        &format!(
            "{}\nstatus: withdrawn\nwithdrawn: {{date: 2023-06-15, reason: 有误}}",
            notice("乙", "2023-06-02")
        ),
        "乙",
    );
    std::fs::remove_file(site.root().join("content/notices/c.md")).unwrap();
    site.build_with(&["--accept-changes"]);
    let site = site.doc("notices/d.md", &notice("丁", "2023-06-03"), "丁");
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/b/"), "2023-00002");
    assert_eq!(index_no(&b, "/notices/d/"), "2023-00004");
    // Again, the same day: byte-identical record.
    let before = lock(&site);
    site.build();
    assert_eq!(lock(&site), before);
}

#[test]
fn drafts_and_future_documents_never_enter_the_record() {
    let site = site()
        .doc("notices/a.md", &notice("已发布", "2023-06-01"), "甲")
        .doc(
            "notices/draft.md",
            &format!("{}\ndraft: true", notice("草稿", "2023-06-01")),
            "乙",
        )
        .doc("notices/future.md", &notice("未来", "2023-07-01"), "丙");
    let b = site.build();
    let text = lock(&site);
    assert!(
        text.contains("/notices/a/") && !text.contains("draft") && !text.contains("future"),
        "{text}"
    );
    assert!(!b.file("disclosure.json").contains("future"));
    // `build --drafts` shows them but never writes the record, and neither does `check`.
    let b = site.build_with(&["--drafts"]);
    assert!(b.exists("/notices/future/index.html"));
    assert!(!b.file("disclosure.json").contains("future"));
    assert_eq!(lock(&site), text);
    assert!(site.run(&["check"]).status.success());
    assert_eq!(lock(&site), text);
    // The day it is due, it enters with the next number.
    let site = site.today("2023-07-01");
    let b = site.build();
    assert_eq!(index_no(&b, "/notices/future/"), "2023-00002");
}

#[test]
fn a_hand_edited_record_is_refused() {
    let site = site().doc("notices/a.md", &notice("名单公示", "2023-06-01"), "甲");
    site.build();
    let p = site.root().join("disclosure.lock");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("名单公示", "别的标题")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains(
            "disclosure.lock:2:1: error: entry 2023-00001 (/notices/a/, 别的标题): its `hash` does not match"
        ),
        "{err}"
    );
}

// ---- verify ----

fn verify(dir: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("verify")
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn verified_site() -> (TestSite, Built) {
    let site = site()
        .doc("notices/a.md", &notice("甲", "2023-06-01"), "甲")
        .doc("notices/b.md", &notice("乙", "2023-06-02"), "乙")
        .doc("summaries/s.md", &notice("总结", "2023-06-03"), "丙");
    let b = site.build();
    (site, b)
}

#[test]
fn verify_passes_on_a_fresh_build() {
    let (_site, b) = verified_site();
    let (code, out, err) = verify(&b.out);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("verified 3 documents against 3 record entries"),
        "{out}"
    );
}

#[test]
fn verify_names_a_tampered_source() {
    let (_site, b) = verified_site();
    let p = b.out.join("notices/b/index.md");
    std::fs::write(&p, "---\ntitle: 乙\ndate: 2023-06-02\n---\n\n改过了\n").unwrap();
    let (code, _, err) = verify(&b.out);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "{}: error: the source of /notices/b/ (索引号 2023-00002) does not match the record",
            p.display()
        )),
        "{err}"
    );
    assert!(!err.contains("/notices/a/"), "{err}");
    std::fs::remove_file(b.out.join("notices/a/index.md")).unwrap();
    let (_, _, err) = verify(&b.out);
    assert!(
        err.contains("the source of /notices/a/ (索引号 2023-00001) is missing"),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn verify_names_a_document_published_without_an_entry() {
    let (site, b) = verified_site();
    // A page slipped into the published folder by hand.
    let dir = b.out.join("notices/extra");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.md"),
        "---\ntitle: 补充\ndate: 2023-06-04\n---\n\n补充\n",
    )
    .unwrap();
    std::fs::write(dir.join("index.html"), "<h1>补充</h1>").unwrap();
    let (code, _, err) = verify(&b.out);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: /notices/extra/ is published here but is not in the record",
            dir.join("index.md").display()
        )),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");
    // A --drafts preview is no publication: its drafts are not in the record.
    let preview = site.doc(
        "notices/draft.md",
        "title: 草稿\ndate: 2023-06-05\ndraft: true",
        "草稿",
    );
    let p = preview.build_with(&["--drafts"]);
    let (code, _, err) = verify(&p.out);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("/notices/draft/ is published here but is not in the record"),
        "{err}"
    );
    assert!(err.contains("--drafts"), "{err}");
}

#[test]
fn verify_names_a_broken_chain() {
    let (_site, b) = verified_site();
    let p = b.out.join("disclosure.json");
    let text = std::fs::read_to_string(&p).unwrap();
    let mut entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    // Drop the middle entry: the third no longer links to the first.
    entries.remove(1);
    let lines: Vec<String> = entries
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect();
    std::fs::write(&p, format!("[\n{}\n]\n", lines.join(",\n"))).unwrap();
    let (code, _, err) = verify(&b.out);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "disclosure.json:3:1: error: entry 2023-00003 (/summaries/s/, 总结): `prev` does not match"
        ),
        "{err}"
    );
}

// ---- privacy ----

#[test]
fn personal_data_is_an_error_located_exactly() {
    let site = site()
        .doc(
            "notices/list/index.md",
            "title: 困难帮扶名单\ndate: 2023-06-01\nextra: {phone: \"13912345678\"}\nattachments: [list.csv]",
            "| 姓名 | 身份证号 |\n|---|---|\n| 张三 | 11010519491231002X |\n\n卡号 6222 0212 3456 7890 128。",
        )
        .file("content/notices/list/list.csv", "姓名,手机\n李四,13800138000\n王五,138****5678\n");
    let err = site.build_err();
    assert!(err.contains("content/notices/list/index.md:4:17: error: a mobile phone number (手机号) would be published: 139****5678"), "{err}");
    assert!(err.contains("content/notices/list/index.md:10:8: error: a resident ID number (身份证号) would be published: 1101**********002X"), "{err}");
    assert!(
        err.contains("content/notices/list/index.md:12:4: error: a bank card number (银行卡号)"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/list/list.csv:2:4: error: a mobile phone number"),
        "{err}"
    );
    assert!(err.contains("privacy_allow: [id_card]"), "{err}");
    assert!(err.contains("4 errors"), "{err}");
    assert!(
        !site.root().join("public").exists(),
        "nothing was published"
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("4 errors"));
}

/// Typed in full-width mode, as a Chinese input method does: found all the same, at
/// the column where it starts (a column counts characters).
#[test]
fn full_width_personal_data_is_found_too() {
    let site = site().doc(
        "notices/contact.md",
        "title: 联系方式\ndate: 2023-06-01",
        "请联系张老师，电话：１３８００１３８０００。\n\n身份证号１１０１０５１９４９１２３１００２Ｘ。\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/contact.md:6:11: error: a mobile phone number (手机号) would be published: 138****8000"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/contact.md:8:5: error: a resident ID number (身份证号) would be published: 1101**********002X"),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn privacy_allow_lets_a_document_show_a_kind_on_purpose() {
    let site = site().doc(
        "notices/contact.md",
        "title: 联系人\ndate: 2023-06-01\nprivacy_allow: [mobile]",
        "联系人手机 13800138000；身份证 11010519491231002X",
    );
    let err = site.build_err();
    assert!(
        err.contains("resident ID number") && !err.contains("mobile phone number"),
        "{err}"
    );
    let site = site.doc(
        "notices/contact.md",
        "title: 联系人\ndate: 2023-06-01\nprivacy_allow: [mobile, id_card]",
        "联系人手机 13800138000；身份证 11010519491231002X",
    );
    site.build();
}

#[test]
fn masked_numbers_dates_and_document_numbers_pass() {
    let site = site().doc(
        "notices/ok.md",
        "title: 名单公示\ndate: 2023-06-01\ndoc_no: 校工〔2023〕12号",
        "张三 3201**********1234 138****5678，金额 1,380,013.80 元，2023-05-01 至 2023-05-08；\
         错误校验位 110105194912310021；订单 202306011234567890123。",
    );
    site.build();
}

#[test]
fn drafts_are_not_checked_unless_built_with_drafts() {
    let site = site().doc(
        "notices/d.md",
        "title: 草稿\ndate: 2023-06-01\ndraft: true",
        "13800138000",
    );
    site.build();
    assert_eq!(site.run(&["build", "--drafts"]).status.code(), Some(1));
}

// ---- leftovers ----

#[test]
fn template_leftovers_warn_with_their_place_and_do_not_fail() {
    let site = site().doc(
        "notices/t.md",
        "title: 关于20xx年先进个人的公示\ndate: 2023-06-01",
        "第__个工作日内由某某负责。这是 __重点__，`__init__` 不算。",
    );
    let b = site.build();
    assert!(
        b.stderr
            .contains("content/notices/t.md:2:10: warning: template leftover `20xx`"),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr
            .contains("content/notices/t.md:6:2: warning: template leftover `__`"),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr
            .contains("content/notices/t.md:6:10: warning: template leftover `某某`"),
        "{}",
        b.stderr
    );
    assert_eq!(b.stderr.matches("warning:").count(), 3, "{}", b.stderr);
    let out = site.run(&["check"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("template leftover `20xx`"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 warnings"));
}

// ---- the example site ----

#[test]
fn the_example_site_builds_without_personal_data_or_leftovers_and_verifies() {
    let example = example_site_copy();
    let live = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["golive", "--site"])
        .arg(example.path())
        .output()
        .unwrap();
    assert!(live.status.success(), "{}", stderr(&live));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--site"])
        .arg(example.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let (code, _, err) = verify(&example.path().join("public"));
    assert_eq!(code, 0, "{err}");
    // The same day again: the record is kept as it was.
    let before = std::fs::read(example.path().join("disclosure.lock")).unwrap();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--site"])
        .arg(example.path())
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(example.path().join("disclosure.lock")).unwrap(),
        before
    );
}

// ---- in the browser ----

/// Whether the browser test can run here; under CI=true it must.
fn browser_ready(dir: &Path) -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let chromium =
        Path::new(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
            .exists();
    let modules = dir.join("node_modules/playwright-core").exists();
    let ready = node && chromium && modules;
    if !ready {
        assert!(!ci, "CI=true but the browser test cannot run: node {node}, chromium {chromium}, tests/browser/node_modules {modules} (run `npm ci` in tests/browser)");
        eprintln!(
            "skipped: the browser test needs node, /usr/bin/chromium and `npm ci` in tests/browser"
        );
    }
    ready
}

#[test]
fn the_browser_shows_todays_status_on_a_page_built_before() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !browser_ready(&browser_dir) {
        return;
    }
    // Built on 2023-06-01: the first notice is still to come, the second is open.
    let site = site()
        .doc("notices/soon.md", "title: 即将公示的名单\ndate: 2023-06-01\ndisclosure: {start: 2023-06-10, end: 2023-06-20}", "甲")
        .doc("notices/short.md", "title: 五天公示\ndate: 2023-06-01\ndisclosure: {start: 2023-06-01, days: 5}", "乙")
        .today("2023-06-01");
    let b = site.build();
    assert_eq!(
        b.page("/notices/soon/").text("dl.meta [data-period]"),
        "拟公示"
    );
    assert_eq!(
        b.page("/").texts("[data-disclosure-list] [data-period]"),
        vec!["公示中（剩余 5 天）", "拟公示"]
    );
    // Read on 2023-06-15 at 02:00 in Shanghai (still the 14th in Los Angeles, where
    // the browser is).
    let out = std::process::Command::new("node")
        .arg(browser_dir.join("disclosure.mjs"))
        .arg(&b.out)
        .arg("2023-06-15T02:00:00+08:00")
        .args(["/notices/soon/", "/notices/short/", "/"])
        .current_dir(&browser_dir)
        .output()
        .expect("run node");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let r: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert_eq!(
        r["/notices/soon/"]["periods"][0]["text"], "公示中（剩余 6 天）",
        "{r}"
    );
    assert_eq!(r["/notices/soon/"]["periods"][0]["status"], "open");
    assert_eq!(
        r["/notices/short/"]["periods"][0]["text"], "公示结束",
        "{r}"
    );
    // Home: the ended one leaves the "now in disclosure" list; the other is open.
    let home = &r["/"];
    assert_eq!(home["panelHidden"], false, "{r}");
    let visible: Vec<&str> = home["periods"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["visible"] == true)
        .filter_map(|p| p["text"].as_str())
        .collect();
    assert!(
        visible.contains(&"公示中（剩余 6 天）") && !visible.contains(&"公示中（剩余 5 天）"),
        "{r}"
    );
}

#[test]
fn the_browser_counts_working_days_down_with_the_sites_holidays() {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !browser_ready(&browser_dir) {
        return;
    }
    let site = may_day_notice("名单如下，公示期为5个工作日。").today("2023-04-28");
    let b = site.build();
    assert_eq!(
        b.page("/notices/list/").text("dl.meta [data-period]"),
        "公示中（剩余 5 个工作日）"
    );
    // Read on Friday 2023-05-05: Fri, the make-up Saturday and Monday are left; on the
    // holiday 05-02, the same four as on Thursday.
    for (when, want) in [
        ("2023-05-05T10:00:00+08:00", "公示中（剩余 3 个工作日）"),
        ("2023-05-02T10:00:00+08:00", "公示中（剩余 4 个工作日）"),
        ("2023-05-09T10:00:00+08:00", "公示结束"),
    ] {
        let out = std::process::Command::new("node")
            .arg(browser_dir.join("disclosure.mjs"))
            .arg(&b.out)
            .arg(when)
            .arg("/notices/list/")
            .current_dir(&browser_dir)
            .output()
            .expect("run node");
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        let r: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
        assert_eq!(
            r["/notices/list/"]["periods"][0]["text"], want,
            "{when}: {r}"
        );
    }
}

// ---- trial, then live ----

/// A site as `gongkai init` makes it, in a temporary folder.
fn init_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("run `gongkai serve`"),
        "init points to serve first: {said}"
    );
    dir
}

fn gongkai(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(args)
        .arg("--site")
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn builds_before_golive_are_trials_that_record_nothing() {
    let dir = init_site();
    for _ in 0..2 {
        let out = gongkai(dir.path(), &["build"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            said.contains("trial build: the site is not live yet, so nothing is recorded"),
            "{said}"
        );
        assert!(said.contains("run `gongkai golive`"), "{said}");
    }
    assert!(!dir.path().join("disclosure.lock").exists());
    assert!(!dir.path().join("public/disclosure.json").exists());
    // No page shows an index number that a later live build would not keep.
    let y = chrono::Datelike::year(&gongkai::dates::today(chrono_tz::Asia::Shanghai));
    let page = std::fs::read_to_string(
        dir.path()
            .join(format!("public/notices/{y}-sample-notice/index.html")),
    )
    .unwrap();
    assert!(!page.contains("index-no"), "{page}");
    // The samples can be deleted without a trace: nothing was recorded.
    for sec in ["plans", "notices", "summaries"] {
        std::fs::remove_dir_all(dir.path().join("content").join(sec)).unwrap();
    }
    let out = gongkai(dir.path(), &["check"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(said.contains("trial build"), "{said}");
}

#[test]
fn golive_refuses_while_the_samples_are_there_then_starts_the_record() {
    let dir = init_site();
    let out = gongkai(dir.path(), &["golive"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let y = chrono::Datelike::year(&gongkai::dates::today(chrono_tz::Asia::Shanghai));
    assert!(
        err.contains(&format!("content/notices/{y}-sample-notice.md: error: this is one of the sample documents `gongkai init` made")),
        "{err}"
    );
    assert!(
        err.contains("error: not live yet: 3 sample documents still in the site"),
        "{err}"
    );
    assert!(!dir.path().join("disclosure.lock").exists());
    // The secretary rewrites one, deletes the others, and goes live.
    let notice = dir
        .path()
        .join(format!("content/notices/{y}-sample-notice.md"));
    let text = std::fs::read_to_string(&notice).unwrap();
    let first_line_end = text.find('\n').unwrap() + 1;
    let mark_end = text[first_line_end..].find('\n').unwrap() + first_line_end + 1;
    std::fs::write(
        &notice,
        format!("{}{}", &text[..first_line_end], &text[mark_end..]),
    )
    .unwrap();
    std::fs::remove_dir_all(dir.path().join("content/plans")).unwrap();
    std::fs::remove_dir_all(dir.path().join("content/summaries")).unwrap();
    let out = gongkai(dir.path(), &["golive"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the site is live"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("disclosure.lock")).unwrap(),
        "[\n]\n"
    );
    let out = gongkai(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("trial"));
    let lock = std::fs::read_to_string(dir.path().join("disclosure.lock")).unwrap();
    assert!(
        lock.contains(&format!("/notices/{y}-sample-notice/")),
        "{lock}"
    );
    assert!(dir.path().join("public/disclosure.json").exists());
    let again = gongkai(dir.path(), &["golive"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("the site is live already"));
}

#[test]
fn golive_with_samples_goes_live_and_a_broken_site_never_does() {
    let dir = init_site();
    let out = gongkai(dir.path(), &["golive", "--with-samples"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("disclosure.lock").exists());

    let broken = init_site();
    std::fs::write(
        broken.path().join("content/notices/bad.md"),
        "---\ntitle: 坏\ndate: 2023-13-01\n---\n\n正文\n",
    )
    .unwrap();
    let out = gongkai(broken.path(), &["golive", "--with-samples"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/notices/bad.md:3:"), "{err}");
    assert!(err.contains("fix them before going live"), "{err}");
    assert!(!broken.path().join("disclosure.lock").exists());
}

// ---- the record covers attachments ----

fn award_site() -> TestSite {
    site()
        .doc(
            "notices/award/index.md",
            &notice("表彰名单公示", "2023-06-01"),
            "名单见附件。",
        )
        .file("content/notices/award/list.csv", "姓名,部门\n张三,教务处\n")
}

#[test]
fn a_replaced_attachment_is_a_change_the_record_refuses_without_a_reason() {
    let site = award_site();
    site.build();
    let text = lock(&site);
    assert!(
        text.contains("\"attachments\":[{\"name\":\"list.csv\",\"sha256\":\""),
        "{text}"
    );
    // The list is replaced, the notice's text is not.
    std::fs::write(
        site.root().join("content/notices/award/list.csv"),
        "姓名,部门\n李四,教务处\n",
    )
    .unwrap();
    let err = site.build_err();
    assert!(
        err.contains(
            "content/notices/award/index.md:2:1: error: this published document 「表彰名单公示」 (索引号 2023-00001"
        ),
        "{err}"
    );
    assert!(
        err.contains("= note: the attachment `list.csv` was replaced"),
        "{err}"
    );
    assert_eq!(lock(&site), text, "the record is as it was");
    // Told, the record takes the new list.
    site.build_with(&["--accept-changes"]);
    assert_eq!(lock(&site).matches("\"no\":\"2023-00001\"").count(), 2);
}

#[test]
fn verify_recomputes_each_attachment() {
    let site = award_site();
    let b = site.build();
    let (code, _, err) = verify(&b.out);
    assert_eq!(code, 0, "{err}");
    std::fs::write(
        b.out.join("notices/award/list.csv"),
        "姓名,部门\n王五,教务处\n",
    )
    .unwrap();
    let (code, _, err) = verify(&b.out);
    assert_eq!(code, 1);
    assert!(
        err.contains("error: the attachment `list.csv` of /notices/award/ (索引号 2023-00001) does not match the record"),
        "{err}"
    );
    std::fs::remove_file(b.out.join("notices/award/list.csv")).unwrap();
    let (_, _, err) = verify(&b.out);
    assert!(
        err.contains("the attachment `list.csv` of /notices/award/ (索引号 2023-00001) is missing"),
        "{err}"
    );
}

// ---- the record anchored outside itself ----

/// A deleted disclosure.lock does not turn a live site back into a trial: the record
/// last published (public/disclosure.json) says it was live, and the build refuses,
/// leaving the published site and its record as they were.
#[test]
fn a_deleted_lock_is_refused_by_the_published_record() {
    let site = site()
        .doc("notices/a.md", &notice("甲通知", "2023-06-01"), "正文。")
        .doc("notices/b.md", &notice("乙通知", "2023-06-02"), "正文。");
    site.build();
    let published = std::fs::read(site.root().join("public/disclosure.json")).unwrap();
    std::fs::remove_file(site.root().join("disclosure.lock")).unwrap();
    let err = site.build_err();
    assert!(
        err.contains("disclosure.lock: error: disclosure.lock is missing, but the site was live: public/disclosure.json lists 2 published entries; a build without the record would take them down\n"),
        "{err}"
    );
    assert!(
        err.contains("copy public/disclosure.json to disclosure.lock"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(site.root().join("public/disclosure.json")).unwrap(),
        published
    );
    // check says the same; and the published record restores the lock.
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(site.root().join("disclosure.lock"), &published).unwrap();
    site.build();
}

/// A lock restored from an old copy (or started again with golive) has lost entries
/// that were published: each is named at its line in the published record, so no
/// 索引号 is ever given twice.
#[test]
fn a_lock_that_lost_published_entries_is_refused_naming_them() {
    let site = site().doc("notices/a.md", &notice("甲通知", "2023-06-01"), "正文。");
    site.build();
    let old_lock = lock(&site);
    std::fs::write(
        site.root().join("content/notices/b.md"),
        "---\ntitle: 乙通知\ndate: 2023-06-02\n---\n\n正文。\n",
    )
    .unwrap();
    let b = site.build();
    let no_b = index_no(&b, "/notices/b/");
    std::fs::write(site.root().join("disclosure.lock"), &old_lock).unwrap();
    let err = site.build_err();
    assert!(
        err.contains(&format!("public/disclosure.json:3:1: error: entry {no_b} (/notices/b/, 乙通知) was published, but is missing from disclosure.lock: the record may only grow\n")),
        "{err}"
    );
    assert!(!err.contains("甲通知"), "{err}");
    // Going live again with an empty record is no way round it.
    std::fs::write(site.root().join("disclosure.lock"), "[\n]\n").unwrap();
    let err = site.build_err();
    assert!(
        err.contains("(/notices/a/, 甲通知) was published, but is missing"),
        "{err}"
    );
    assert!(
        err.contains("(/notices/b/, 乙通知) was published, but is missing"),
        "{err}"
    );
}

/// Each document's page, on screen and on paper, carries its record entry's hash: it
/// covers every entry before it, so a printed notice anchors the chain; and it stays
/// as it was when later documents are published.
#[test]
fn a_document_page_carries_its_record_entry_hash() {
    let site = site().doc("notices/a.md", &notice("甲通知", "2023-06-01"), "正文。");
    let b = site.build();
    let entry: serde_json::Value =
        serde_json::from_str(lock(&site).lines().nth(1).unwrap()).unwrap();
    let hash = entry["hash"].as_str().unwrap();
    assert_eq!(b.page("/notices/a/").text(".record-hash code"), &hash[..12]);
    std::fs::write(
        site.root().join("content/notices/b.md"),
        "---\ntitle: 乙通知\ndate: 2023-06-02\n---\n\n正文。\n",
    )
    .unwrap();
    let b = site.build();
    assert_eq!(b.page("/notices/a/").text(".record-hash code"), &hash[..12]);
    let head: serde_json::Value =
        serde_json::from_str(lock(&site).lines().nth(2).unwrap()).unwrap();
    assert_eq!(
        b.page("/notices/b/").text(".record-hash code"),
        &head["hash"].as_str().unwrap()[..12]
    );
    // A trial build has no record, and says no hash.
    let trial = TestSite::bare().file("site.yaml", SITE).doc(
        "notices/a.md",
        &notice("甲通知", "2023-06-01"),
        "正文。",
    );
    assert_eq!(trial.build().page("/notices/a/").count(".record-hash"), 0);
}

/// Issue 14: the head of the chain stands in every page's footer and on every printed
/// notice, so that any saved or printed copy anchors the record as it stood; it moves
/// on with each publication, and `verify` reports the head it checked.
#[test]
fn every_page_shows_the_chain_head_and_verify_reports_it() {
    let site = site()
        .doc("notices/a.md", &notice("甲通知", "2023-06-01"), "正文。")
        .doc("notices/b.md", &notice("乙通知", "2023-06-02"), "正文。");
    let b = site.build();
    let last: serde_json::Value =
        serde_json::from_str(lock(&site).lines().rfind(|l| l.starts_with('{')).unwrap()).unwrap();
    let head = &last["hash"].as_str().unwrap()[..12];
    for page in ["/", "/notices/", "/notices/a/", "/archive/", "/categories/"] {
        let p = b.page(page);
        assert_eq!(p.text(".site-footer .footer-record code"), head, "{page}");
        assert_eq!(
            p.attrs(".site-footer .footer-record a", "href"),
            vec!["/disclosure.json".to_string()],
            "{page}"
        );
    }
    // On paper: the notice prints the head (the footer is not printed).
    assert_eq!(
        b.page("/notices/a/").text(".record-head.print-only code"),
        head
    );
    let out = site.run(&["verify"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("(head {head}")), "{said}");
    // A later publication moves the head on, on every page.
    std::fs::write(
        site.root().join("content/notices/c.md"),
        "---\ntitle: 丙通知\ndate: 2023-06-03\n---\n\n正文。\n",
    )
    .unwrap();
    let b = site.build();
    let last: serde_json::Value =
        serde_json::from_str(lock(&site).lines().rfind(|l| l.starts_with('{')).unwrap()).unwrap();
    let moved = &last["hash"].as_str().unwrap()[..12];
    assert_ne!(moved, head);
    assert_eq!(b.page("/notices/a/").text(".footer-record code"), moved);
    // A trial build has no record and shows no head.
    let trial = TestSite::bare().file("site.yaml", SITE).doc(
        "notices/a.md",
        &notice("甲通知", "2023-06-01"),
        "正文。",
    );
    assert_eq!(trial.build().page("/").count(".footer-record"), 0);
}
