//! The core generator as SPEC §1–§4, §6, §9 promise it, on fixture sites.
mod common;
use common::*;

#[test]
fn a_document_gets_its_page_with_title_and_metadata() {
    let site = TestSite::new().doc(
        "notices/budget.md",
        "title: 关于工会经费预算的公示\ndate: 2023-06-01\ndoc_no: 校工〔2023〕12号\ncategories: [经费公开]",
        "现将预算公示如下。",
    );
    let b = site.build();
    let p = b.page("/notices/budget/");
    assert_eq!(p.text("h1"), "关于工会经费预算的公示");
    assert!(p.text("dl.meta").contains("校工〔2023〕12号"));
    assert!(p.text(".body").contains("现将预算公示如下。"));
    assert_eq!(
        b.file("/notices/budget/index.md"),
        std::fs::read_to_string(site.root().join("content/notices/budget.md")).unwrap()
    );
    assert!(b.stdout.starts_with("built "), "{}", b.stdout);
    assert!(b.stdout.contains("from 1 document in"), "{}", b.stdout);
}

#[test]
fn section_lists_are_newest_first_and_paginated() {
    let mut site = TestSite::new().file(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\npaginate: 2\n",
    );
    for (i, d) in ["2023-01-05", "2023-03-01", "2023-02-10"]
        .iter()
        .enumerate()
    {
        site = site.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 公告{i}\ndate: {d}"),
            "x",
        );
    }
    let b = site.build();
    let p1 = b.page("/notices/");
    assert_eq!(p1.texts(".doc-list .doc-title"), vec!["公告1", "公告2"]);
    let p2 = b.page("/notices/page/2/");
    assert_eq!(p2.texts(".doc-list .doc-title"), vec!["公告0"]);
    assert_eq!(p1.attrs("a[rel=next]", "href"), vec!["/notices/page/2/"]);
    assert!(!b.exists("/notices/page/3/index.html"));
}

#[test]
fn drafts_and_future_documents_appear_in_no_output_file() {
    let site = TestSite::new()
        .doc(
            "notices/ok.md",
            "title: 正常公告\ndate: 2023-06-01\ncategories: [经费公开]",
            "正文",
        )
        .doc(
            "notices/draft.md",
            "title: 草稿甲乙丙\ndate: 2023-06-01\ndraft: true\ncategories: [秘密分类丁]",
            "草稿正文戊己庚",
        )
        .doc(
            "plans/future.md",
            "title: 未来计划辛壬癸\ndate: 2023-07-01\nschedule: {6: [未来安排子丑]}",
            "未来正文寅卯",
        )
        .file(
            "content/notices/bundle/index.md",
            "---\ntitle: 未来附件包\ndate: 2030-01-01\n---\n正文\n",
        )
        .file("content/notices/bundle/secret-list.csv", "机密附件内容\n");
    let b = site.build();
    for (path, bytes) in b.all_files() {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            "草稿甲乙丙",
            "戊己庚",
            "秘密分类丁",
            "辛壬癸",
            "寅卯",
            "未来安排子丑",
            "未来附件包",
            "机密附件内容",
            "/notices/draft/",
            "/plans/future/",
        ] {
            assert!(
                !text.contains(secret),
                "{secret} leaked into {}",
                path.display()
            );
        }
        let p = path.to_string_lossy();
        assert!(
            !p.contains("secret-list")
                && !p.contains("draft")
                && !p.contains("future")
                && !p.contains("bundle"),
            "unpublished file written: {p}"
        );
    }
    // The summary names what its date holds back (drafts are held on purpose).
    assert!(
        b.stdout.contains("2 documents are dated after today, not published until their day:\n  content/notices/bundle/index.md (2030-01-01) 未来附件包\n  content/plans/future.md (2023-07-01) 未来计划辛壬癸\n"),
        "{}",
        b.stdout
    );
    assert!(!b.stdout.contains("草稿甲乙丙"), "{}", b.stdout);
    // --drafts includes them, with a banner.
    let out = site.root().join("preview");
    let b = site.build_with(&["--drafts", "--output", out.to_str().unwrap()]);
    assert!(b.page("/notices/draft/").html.contains("草稿甲乙丙"));
    assert_eq!(b.page("/notices/draft/").count(".banner-draft"), 1);
}

#[test]
fn markup_in_titles_and_categories_is_escaped_everywhere() {
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let site = TestSite::new().doc(
        "notices/x.md",
        &format!("title: \"{evil}\"\ndate: 2023-06-01\ncategories: [\"{evil}\"]\ndepartment: \"{evil}\"\ndoc_no: \"{evil}\""),
        "正文",
    );
    let b = site.build();
    let mut checked = 0;
    for (path, bytes) in b.all_files() {
        let name = path.to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert"),
            "unescaped script in {name}"
        );
        assert!(!text.contains("<img src=x"), "unescaped img in {name}");
        checked += 1;
    }
    assert!(checked > 8);
    // The title is shown as text.
    assert_eq!(b.page("/notices/x/").text("h1"), evil);
    assert!(b.file("/feed.xml").contains("&lt;script&gt;"));
}

#[test]
fn a_site_under_a_sub_path_links_correctly() {
    let site = TestSite::bare()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://example.org/sub/\n",
        )
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01\ncategories: [经费公开]",
            "见[乙](../plans/b.md)",
        )
        .doc(
            "plans/b.md",
            "title: 乙\ndate: 2023-05-01\nschedule: {6: [活动]}",
            "x",
        );
    let b = site.build();
    for (path, bytes) in b.all_files() {
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".html") {
            continue;
        }
        let page = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for sel in ["a[href]", "link[href]", "script[src]"] {
            let s = Selector::parse(sel).unwrap();
            for e in page.select(&s) {
                let url = e.value().attr("href").or(e.value().attr("src")).unwrap();
                if url.starts_with('#') || url.starts_with("https://example.org/sub/") {
                    continue;
                }
                assert!(
                    url.starts_with("/sub/"),
                    "{name}: link {url} ignores the sub-path"
                );
            }
        }
    }
    assert_eq!(
        b.page("/notices/a/").attrs(".body a", "href"),
        vec!["/sub/plans/b/"]
    );
    let feed = b.file("/feed.xml");
    assert!(
        feed.contains("<link href=\"https://example.org/sub/notices/a/\""),
        "{feed}"
    );
    assert!(b
        .file("/sitemap.xml")
        .contains("<loc>https://example.org/sub/plans/b/</loc>"));
    assert!(b
        .file("/robots.txt")
        .contains("Sitemap: https://example.org/sub/sitemap.xml"));
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "x");
    let b = site.build_with(&["--base-url", "http://127.0.0.1:8080/gk"]);
    assert_eq!(
        b.page("/notices/").attrs(".doc-title", "href"),
        vec!["/gk/notices/a/"]
    );
}

#[test]
fn bundles_publish_their_attachments_with_sizes() {
    let site = TestSite::new()
        .file(
            "content/notices/budget/index.md",
            "---\ntitle: 预算\ndate: 2023-06-01\nattachments:\n  - {file: budget.csv, title: 预算明细表}\n---\n下载[明细](budget.csv)。\n",
        )
        .file("content/notices/budget/budget.csv", "项目,金额\n活动,1000\n")
        .file("content/notices/budget/photo.txt", "说明\n");
    let b = site.build();
    assert_eq!(
        b.file("/notices/budget/budget.csv"),
        "项目,金额\n活动,1000\n"
    );
    assert!(b.exists("/notices/budget/photo.txt"));
    let p = b.page("/notices/budget/");
    assert_eq!(p.texts(".attachments a"), vec!["预算明细表", "photo.txt"]);
    assert!(p.text(".attachments").contains("26 B"));
    assert_eq!(p.attrs(".body a", "href"), vec!["budget.csv"]);
}

#[test]
fn attachments_of_plain_documents_are_copied_beside_the_page() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01\nattachments: [files/名单.csv]",
            "见[名单](files/名单.csv)",
        )
        .file("content/notices/files/名单.csv", "姓名\n张三\n");
    let b = site.build();
    assert!(b.exists("/notices/a/名单.csv"));
    assert_eq!(
        b.page("/notices/a/").attrs(".body a", "href"),
        vec!["%E5%90%8D%E5%8D%95.csv"]
    );
}

#[test]
fn links_between_documents_become_urls() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01",
            "[预算](budget/index.md#二) [计划](../plans/p.md) [外部](https://example.com/x.md)",
        )
        .file(
            "content/notices/budget/index.md",
            "---\ntitle: 预算\ndate: 2023-06-01\n---\n",
        )
        .doc("plans/p.md", "title: 计划\ndate: 2023-01-01", "x");
    let b = site.build();
    assert_eq!(
        b.page("/notices/a/").attrs(".body a", "href"),
        vec![
            "/notices/budget/#%E4%BA%8C",
            "/plans/p/",
            "https://example.com/x.md"
        ]
    );
}

/// A link to another document's attachment (or to one's own by another path) goes to
/// where the attachment is published; a link to a file in content/ that no document
/// publishes is a broken link, located.
#[test]
fn links_to_attachments_go_where_they_are_published() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01\nattachments: [files/plan.pdf]",
            "[名单](award/list.csv) [表格](./award/list.csv#x) [计划](files/plan.pdf) [站内](../plans/)",
        )
        .file("content/notices/files/plan.pdf", "%PDF")
        .file(
            "content/notices/award/index.md",
            "---\ntitle: 表彰\ndate: 2023-06-01\n---\n\n见[名单](list.csv)。\n",
        )
        .file("content/notices/award/list.csv", "姓名\n");
    let b = site.build();
    assert_eq!(
        b.page("/notices/a/").attrs(".body a", "href"),
        vec![
            "/notices/award/list.csv",
            "/notices/award/list.csv#x",
            "plan.pdf",
            "../plans/"
        ]
    );
    assert_eq!(
        b.page("/notices/award/").attrs(".body a", "href"),
        vec!["/notices/award/list.csv"]
    );
    assert!(b.exists("/notices/award/list.csv"));
    // Images too: a picture attached to the document, by the path written.
    let site = site
        .doc(
            "notices/p.md",
            "title: 合影\ndate: 2023-06-01\nattachments: [img/photo.png]",
            "![合影](img/photo.png) ![名单](award/list.csv)",
        )
        .file("content/notices/img/photo.png", "PNG");
    let b = site.build();
    assert_eq!(
        b.page("/notices/p/").attrs(".body img", "src"),
        vec!["photo.png", "/notices/award/list.csv"]
    );
    // A file nothing publishes.
    let site = site.file("content/notices/files/other.pdf", "%PDF").doc(
        "notices/c.md",
        "title: 丙\ndate: 2023-06-01",
        "[其他](files/other.pdf)",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/c.md:6:1: error: broken link: `files/other.pdf` points to content/notices/files/other.pdf, which is not published"),
        "{err}"
    );
}

#[test]
fn markdown_extensions_and_heading_anchors() {
    let body = "## 一、指导思想\n\n| 项目 | 金额 |\n|---|---|\n| 活动 | 100 |\n\n~~删除~~ 脚注[^1]\n\n- [x] 已完成\n\n[^1]: 注释内容\n\n## 一、指导思想\n\n```rust\nfn main() {}\n```\n";
    let site = TestSite::new().doc("summaries/a.md", "title: 甲\ndate: 2023-06-01", body);
    let b = site.build();
    let p = b.page("/summaries/a/");
    assert_eq!(
        p.attrs(".body h2", "id"),
        vec!["一指导思想", "一指导思想-1"]
    );
    assert_eq!(p.count(".body table td"), 2);
    assert_eq!(p.count(".body del"), 1);
    assert_eq!(p.count(".body input[type=checkbox]"), 1);
    assert!(p.count(".body .footnote-definition") == 1);
    assert!(p.count(".body pre.code span[class^=hl-]") > 0, "{}", p.html);
    assert!(b.file("/syntax.css").contains(".hl-"));
    assert_eq!(p.attrs("link[href$='syntax.css']", "href").len(), 1);
    // Only the pages with code ask for it: not the home page, the lists, the others.
    for other in ["/", "/summaries/", "/archive/"] {
        assert_eq!(
            b.page(other).count("link[href$='syntax.css']"),
            0,
            "{other}"
        );
    }
}

#[test]
fn summary_defaults_to_the_first_paragraph_cut_on_a_character() {
    let long = "工会".repeat(100);
    let site = TestSite::new().doc(
        "summaries/a.md",
        "title: 甲\ndate: 2023-06-01",
        &format!("## 标题\n\n{long}\n\n第二段"),
    );
    let b = site.build();
    let s = b.page("/summaries/").text(".doc-summary");
    assert_eq!(s.chars().count(), 121);
    assert!(s.ends_with('…'));
}

#[test]
fn builds_are_reproducible() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-01\ncategories: [甲类, 乙类]",
            "x",
        )
        .doc(
            "notices/b.md",
            "title: 乙\ndate: 2023-06-01\ncategories: [乙类]",
            "y",
        )
        .doc(
            "plans/c.md",
            "title: 丙\ndate: 2023-01-01\nschedule: {6: [活动], 7: [会议]}",
            "z",
        );
    let a = site
        .build_with(&["--output", site.root().join("out1").to_str().unwrap()])
        .all_files();
    let b = site
        .build_with(&["--output", site.root().join("out2").to_str().unwrap()])
        .all_files();
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (_, bb)) in a.iter().zip(&b) {
        assert!(ba == bb, "{} differs between two builds", pa.display());
    }
}

#[test]
fn ignored_and_hidden_files_are_skipped() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "x")
        .file("content/.gitignore", "scratch/\n")
        .doc("notices/.hidden.md", "bad front matter", "x")
        .doc("scratch/b.md", "bad", "x")
        .file("content/notices/.ignore", "wip.md\n")
        .doc("notices/wip.md", "titel: bad", "x");
    let b = site.build();
    assert!(b.exists("/notices/a/index.html"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang_or_crash() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "x");
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/notices/loop"),
    )
    .unwrap();
    let out = site.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn feed_and_sitemap_list_published_documents() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "x")
        .doc("summaries/b.md", "title: 乙\ndate: 2023-05-01", "y");
    let b = site.build();
    let feed = b.file("/feed.xml");
    assert!(feed.starts_with("<?xml"));
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(
        feed.contains("<updated>2023-06-01T00:00:00+08:00</updated>"),
        "{feed}"
    );
    let sm = b.file("/sitemap.xml");
    assert!(
        sm.contains("<loc>https://example.org/notices/a/</loc><lastmod>2023-06-01</lastmod>"),
        "{sm}"
    );
    assert!(b.exists("/404.html"));
    assert!(b.file("/robots.txt").contains("Sitemap:"));
}

/// Every `<loc>` of a sitemap file.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(l, _)| l.to_string()))
        .collect()
}

#[test]
fn a_sitemap_past_the_limit_becomes_an_index_of_sitemaps_listing_each_page_once() {
    // The protocol's limit is 50,000 URLs; the test sets 4 to split a small site.
    let mut site = TestSite::new().env("GONGKAI_SITEMAP_MAX", "4");
    for i in 0..7 {
        site = site.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 通知{i}\ndate: 2023-06-0{}", i + 1),
            "正文。",
        );
    }
    let mut one = TestSite::new();
    for i in 0..7 {
        one = one.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 通知{i}\ndate: 2023-06-0{}", i + 1),
            "正文。",
        );
    }
    let whole = one.build();
    let unsplit = locs(&whole.file("/sitemap.xml"));
    assert!(unsplit.len() > 8, "{unsplit:?}");
    let b = site.build();
    let index = b.file("/sitemap.xml");
    assert!(index.contains("<sitemapindex "), "{index}");
    let parts = locs(&index);
    assert_eq!(parts.len(), unsplit.len().div_ceil(4), "{index}");
    let mut listed = Vec::new();
    for (n, url) in parts.iter().enumerate() {
        assert_eq!(url, &format!("https://example.org/sitemap-{}.xml", n + 1));
        let part = b.file(&format!("/sitemap-{}.xml", n + 1));
        assert!(part.contains("<urlset "), "{part}");
        let urls = locs(&part);
        assert!(!urls.is_empty() && urls.len() <= 4, "{part}");
        listed.extend(urls);
    }
    assert_eq!(listed, unsplit, "every page once, in the unsplit order");
    assert!(!b.exists(&format!("/sitemap-{}.xml", parts.len() + 1)));
    assert!(b
        .file("/robots.txt")
        .contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn init_makes_a_site_that_builds_and_new_adds_documents() {
    let site = TestSite::bare();
    let out = site.run(&["init"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site
        .root()
        .join("themes/default/templates/base.html")
        .exists());
    // Neither the output nor the previous one kept beside it goes into git.
    let ignore = std::fs::read_to_string(site.root().join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/public"), "{ignore}");
    assert!(ignore.lines().any(|l| l == "/.public.*"), "{ignore}");
    for kind in ["plan", "notice", "summary"] {
        let out = site.run(&["new", kind, "关于开展教职工运动会的通知"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let path = site
        .root()
        .join("content/notices/关于开展教职工运动会的通知.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("date: {TODAY}")), "{text}");
    let b = site.build();
    assert_eq!(
        b.page("/notices/关于开展教职工运动会的通知/").text("h1"),
        "关于开展教职工运动会的通知"
    );
    // Twice is refused rather than overwriting.
    assert_eq!(
        site.run(&["new", "notice", "关于开展教职工运动会的通知"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(site.run(&["init"]).status.code(), Some(1));
}

#[test]
fn check_reports_like_build_and_writes_nothing() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "x");
    let out = site.run(&["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no errors"));
    assert!(!site.root().join("public").exists());
    let site = site.doc("notices/b.md", "title: 乙\ndate: 2023-02-29", "x");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/notices/b.md:3:7: error:"));
}

#[test]
fn the_example_site_builds() {
    // A copy: the build keeps a disclosure.lock in the site folder.
    let example = example_site_copy();
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--site"])
        .arg(example.path())
        .arg("--output")
        .arg(out.path().join("public"))
        .env("GONGKAI_TODAY", "2026-11-24")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = std::fs::read_dir(out.path().join("public/notices"))
        .unwrap()
        .count();
    assert!(docs >= 15);
}

#[test]
fn an_index_md_in_a_section_folder_does_not_swallow_the_section() {
    let site = TestSite::new()
        .doc(
            "notices/index.md",
            "title: 公告说明\ndate: 2023-06-01",
            "说明",
        )
        .doc("notices/a.md", "title: 甲\ndate: 2023-06-02", "x");
    let b = site.build();
    assert_eq!(b.page("/notices/a/").text("h1"), "甲");
    assert_eq!(b.page("/notices/index/").text("h1"), "公告说明");
    assert!(!b.exists("/notices/index/a.md"));
}

/// Files under a folder, relative, with their bytes; a symbolic link is listed as such.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let t = e.file_type().unwrap();
            if t.is_symlink() {
                out.push((rel, b"<symlink>".to_vec()));
            } else if t.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// The output a build replaces is kept beside it and written over by the next build:
/// what that build leaves must be exactly what a build into an empty folder makes, with
/// nothing of the old site left, whatever was in the way.
#[test]
fn a_build_over_the_previous_output_equals_a_build_from_scratch() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-01-01\ncategories: [经费公开]",
            "甲",
        )
        .doc(
            "notices/b/index.md",
            "title: 乙\ndate: 2023-02-01\nattachments: [名单.csv]",
            "乙",
        )
        .file("content/notices/b/名单.csv", "姓名\n张三\n")
        .doc("plans/p.md", "title: 计划\ndate: 2023-03-01", "丙");
    site.build();
    site.build();
    let prev = site.root().join(".public.prev");
    assert!(
        prev.join("notices/a/index.html").is_file(),
        "the previous output is kept"
    );
    // Change the site: one document gone, one new, a category renamed.
    std::fs::remove_dir_all(site.root().join("content/notices/b")).unwrap();
    let site = site
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-01-01\ncategories: [福利慰问]",
            "甲改",
        )
        .doc("summaries/s.md", "title: 总结\ndate: 2023-04-01", "丁");
    // And put things in the way in the folder the build will write over: a folder where
    // a page goes, a file where a folder goes, a link to outside where a folder goes.
    std::fs::remove_file(prev.join("notices/a/index.html")).unwrap();
    std::fs::create_dir_all(prev.join("notices/a/index.html/x")).unwrap();
    std::fs::remove_dir_all(prev.join("plans")).unwrap();
    std::fs::write(prev.join("plans"), "not a folder").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(prev.join("categories")).unwrap();
    std::os::unix::fs::symlink(outside.path(), prev.join("categories")).unwrap();
    // A file changed in place, its size kept, is written again; a file already holding
    // what the build makes is left as it was (read, not written).
    let css = prev.join("style.css");
    let mut bytes = std::fs::read(&css).unwrap();
    bytes[0] ^= 0x20;
    std::fs::write(&css, &bytes).unwrap();
    let robots = std::fs::read_to_string(prev.join("robots.txt")).unwrap();
    let robots_changed = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(prev.join("robots.txt"))
        .unwrap()
        .set_modified(robots_changed)
        .unwrap();
    let b = site.build_with(&["--accept-changes"]);
    assert_eq!(
        std::fs::metadata(b.out.join("robots.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        robots_changed,
        "an unchanged file is not written again"
    );
    assert_eq!(
        std::fs::read_to_string(b.out.join("robots.txt")).unwrap(),
        robots
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = fresh_dir.path().join("out");
    site.build_with(&["--output", fresh.to_str().unwrap()]);
    let over = tree(&b.out);
    assert!(!over.is_empty());
    assert_eq!(
        over.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        tree(&fresh)
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
    );
    assert!(over == tree(&fresh), "same files, same bytes");
    assert!(
        !b.exists("/notices/b/"),
        "a removed document's folder is gone"
    );
    assert!(b.exists("/summaries/s/index.html"));
    assert!(
        std::fs::read_dir(outside.path()).unwrap().next().is_none(),
        "nothing written through a link"
    );
    // A failed build still leaves the output as it was.
    let before = tree(&b.out);
    let site = site.doc("plans/p.md", "title: 计划\ndate: 2023-02-30", "丙");
    site.build_err();
    assert!(tree(&b.out) == before);
    site.doc("plans/p.md", "title: 计划\ndate: 2023-03-01", "丙")
        .build();
}

#[test]
fn verify_without_a_folder_checks_the_sites_public_folder() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "甲");
    site.build();
    let out = site.run(&["verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("verified 1 document against"));
}

#[test]
fn urls_are_written_plainly_and_markup_in_titles_stays_escaped() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: \"<script>alert('x')</script> & \\\"引号\\\" a/b\"\ndate: 2023-06-01\ncategories: [经费公开]",
        "正文。",
    );
    let b = site.build();
    let html = b.file("/notices/a/index.html");
    assert!(!html.contains("&#x2f;"), "a `/` needs no escaping");
    assert!(html.contains("href=\"/notices/\""), "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot; a/b"),
        "{html}"
    );
}

#[test]
fn every_page_names_an_icon_that_is_published_and_documents_a_share_preview() {
    let site = TestSite::new().doc(
        "notices/a.md",
        "title: 关于评优的公示\ndate: 2023-06-01\nsummary: 评优结果公示七天。",
        "正文。",
    );
    let b = site.build();
    for p in ["/", "/notices/", "/notices/a/", "/archive/"] {
        assert_eq!(
            b.page(p).attrs("link[rel=icon]", "href"),
            vec!["/favicon.svg"],
            "{p}"
        );
    }
    assert!(b.file("/favicon.svg").starts_with("<svg"));
    let d = b.page("/notices/a/");
    assert_eq!(
        d.attrs("meta[property='og:title']", "content"),
        vec!["关于评优的公示"]
    );
    assert_eq!(
        d.attrs("meta[property='og:description']", "content"),
        vec!["评优结果公示七天。"]
    );
    assert_eq!(
        d.attrs("meta[property='og:url']", "content"),
        vec!["https://example.org/notices/a/"]
    );
}

#[test]
fn feed_entries_of_one_day_have_distinct_updated_times() {
    let site = TestSite::new()
        .doc(
            "notices/甲.md",
            "title: 甲\ndate: 2023-06-01",
            "## 一、总则\n\n正文。",
        )
        .doc("notices/乙.md", "title: 乙\ndate: 2023-06-01", "正文。")
        .doc("notices/丙.md", "title: 丙\ndate: 2023-06-01", "正文。");
    let b = site.build();
    let feed = b.file("/feed.xml");
    let updated: Vec<&str> = feed
        .split("<updated>")
        .skip(2)
        .filter_map(|s| s.split("</updated>").next())
        .collect();
    assert_eq!(
        updated,
        vec![
            "2023-06-01T00:00:00+08:00",
            "2023-05-31T23:59:59+08:00",
            "2023-05-31T23:59:58+08:00"
        ],
        "{feed}"
    );
    assert!(!feed.contains("class=&quot;anchor&quot;"), "{feed}");
    assert!(
        feed.contains("<id>https://example.org/notices/%E4%B8%99/</id>"),
        "{feed}"
    );
}

// Issue 14: what killed or failed builds leave is cleaned up, never published.

#[test]
fn orphans_of_killed_builds_are_cleaned_and_a_failed_build_is_not_kept() {
    let site = TestSite::new().doc("notices/a.md", "title: 一\ndate: 2023-01-01", "正文");
    let built = site.build();
    let root = site.root().to_path_buf();
    // A pid above Linux's largest is never a running process.
    let dead = "4000000000";
    let staging = root.join(format!(".public.staging-{dead}"));
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("planted.html"), "old").unwrap();
    let tmp = root.join(format!(".disclosure.lock.tmp-{dead}"));
    std::fs::write(&tmp, "half a lock").unwrap();
    // A document changed so that the lock is written again.
    let site = site.doc("notices/b.md", "title: 二\ndate: 2023-01-02", "正文");
    site.build();
    assert!(!staging.exists(), "the orphan staging folder is gone");
    assert!(!tmp.exists(), "the orphan lock temp file is gone");
    assert!(!built.out.join("planted.html").exists());
    assert!(
        !root.join(".public.prev/planted.html").exists(),
        "the orphan became the kept output and was written over"
    );
    // A failed build leaves no staging folder, and none as the kept previous output.
    let site = site.doc("notices/c.md", "titel: 三\ndate: 2023-01-03", "正文");
    site.build_err();
    let names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".public.staging-")),
        "{names:?}"
    );
    assert!(built.out.join("notices/b/index.html").exists());
}

/// A second build of the same site waits for the first, saying so, and then does its
/// work: the two never interleave their records. The first build is played by this
/// test holding the site's lock, released once the waiting line is printed.
#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    use std::io::{BufRead, BufReader};
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "正文。");
    let held = std::fs::File::open(site.root()).unwrap();
    held.lock().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--site"])
        .arg(site.root())
        .env("GONGKAI_TODAY", common::TODAY)
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the waiting line");
    assert_eq!(
        line,
        format!(
            "another `gongkai build` is running on {}: waiting for it to finish",
            site.root().display()
        )
    );
    assert!(!site.root().join("public").exists(), "it waited");
    held.unlock().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(site.root().join("public/notices/a/index.html").exists());
}

/// A build lets each document's source text go once it is recorded and publishes
/// `index.md` from the file again: a file saved again meanwhile is refused at its path,
/// never published with other bytes than the hash the page and the record show.
#[test]
fn a_source_saved_again_during_the_build_is_not_published() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "甲");
    let config = gongkai::config::Config::load(site.root()).unwrap();
    let mut docs = gongkai::content::load(&config).docs;
    let d = &mut docs[0];
    let text = d.text.clone();
    d.release_text();
    assert!(d.text.is_empty());
    assert_eq!(*d.published_text().unwrap(), *text.as_bytes());
    let files = |d: &gongkai::content::Document| {
        gongkai::emit::document_files(d, &config, &gongkai::emit::Discard)
    };
    assert!(files(d).is_ok());
    std::fs::write(
        site.root().join("content/notices/a.md"),
        text.replace('甲', "乙"),
    )
    .unwrap();
    assert!(d.published_text().is_none());
    let e = files(d).unwrap_err();
    assert!(e.to_string().contains("changed while"), "{e}");
    // The message is said at the document's path.
    let loaded = gongkai::content::load(&config);
    let (mut s, _) = gongkai::site::Site::new(
        config.clone(),
        loaded.docs,
        &[],
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        false,
        false,
    );
    s.docs[0].release_text();
    std::fs::write(
        site.root().join("content/notices/a.md"),
        "---\ntitle: 丙\ndate: 2023-01-01\n---\n丙\n",
    )
    .unwrap();
    let errs = gongkai::emit::all_document_files(
        &s,
        &gongkai::emit::Discard,
        std::path::Path::new("public"),
    )
    .unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, std::path::Path::new("content/notices/a.md"));
    assert!(
        errs[0].message.contains("changed while"),
        "{}",
        errs[0].message
    );
}

/// A theme's document template sees `doc` as one object: the card's fields, the page's
/// own and `content` (the body as HTML, not escaped again), and can list its keys.
#[test]
fn a_document_template_sees_every_field_of_doc_and_can_list_them() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲通知\ndate: 2023-01-01\ncategories: [经费公开]",
            "正文**加粗**",
        )
        .file(
            "templates/document.html",
            "<p id=\"t\">{{ doc.title }}|{{ doc.sha12 }}|{{ doc.categories[0].name }}|{{ doc.source_url }}</p>\n<div id=\"c\">{{ doc.content }}</div>\n<p id=\"k\">{% for k in doc %}{{ k }},{% endfor %}</p>\n<p id=\"u\">{{ doc.nothing is undefined }}</p>\n",
        );
    let b = site.build();
    let page = b.page("/notices/a/");
    let t = page.text("#t");
    assert!(t.starts_with("甲通知|"), "{t}");
    assert!(t.contains("|经费公开|"), "{t}");
    assert!(t.ends_with("/notices/a/index.md"), "{t}");
    assert_eq!(page.text("#c strong"), "加粗");
    let keys = page.text("#k");
    for k in [
        "content,",
        "title,",
        "sha12,",
        "categories,",
        "source_url,",
        "summary,",
    ] {
        assert!(keys.contains(k), "{k} missing from {keys}");
    }
    assert_eq!(page.text("#u"), "True");
}
