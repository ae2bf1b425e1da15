//! SPEC §4 `/search/`: full-text search that finds every published document holding
//! the query, built from static files. The expected results are computed here from the
//! fixture's own sources, never from the index.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::path::Path;

use gongkai::search::{fold, format::decode_shard, key_hash};

/// One fixture document, kept as data so the test can compute by itself what it holds.
struct Doc {
    rel: &'static str,
    url: &'static str,
    title: &'static str,
    date: &'static str,
    doc_no: Option<&'static str>,
    department: Option<&'static str>,
    categories: &'static [&'static str],
    schedule: &'static [(u32, &'static str)],
    extra: &'static str,
    body: &'static str,
    published: bool,
}

const DOCS: &[Doc] = &[
    Doc {
        rel: "notices/budget.md",
        url: "/gk/notices/budget/",
        title: "关于2023年工会经费预算的公示",
        date: "2023-06-01",
        doc_no: Some("校工〔2023〕12号"),
        department: Some("校工会财务委员会"),
        categories: &["经费公开"],
        schedule: &[],
        extra: "",
        body: "现将工会经费预算公示如下。送温暖活动经费 3 万元，慰问困难教职工。",
        published: true,
    },
    Doc {
        rel: "notices/care.md",
        url: "/gk/notices/care/",
        title: "春节送温暖慰问名单公示",
        date: "2023-02-01",
        doc_no: Some("校工〔2023〕3号"),
        department: None,
        categories: &["福利慰问"],
        schedule: &[],
        extra: "",
        body: "慰问困难教职工 12 人，资助集体活动。名单见 Word 文档，参与率 95%。",
        published: true,
    },
    Doc {
        rel: "plans/2023-plan.md",
        url: "/gk/plans/2023-plan/",
        title: "2023年工会工作计划",
        date: "2023-01-05",
        doc_no: None,
        department: None,
        categories: &["工作计划"],
        schedule: &[(3, "三八妇女节女职工健身活动"), (9, "教师节慰问退休教职工")],
        extra: "",
        body: "全年工作安排如下：加强工会组织建设，做好经费管理。",
        published: true,
    },
    Doc {
        rel: "summaries/half.md",
        url: "/gk/summaries/half/",
        title: "上半年工作总结",
        date: "2022-07-10",
        doc_no: None,
        department: Some("教育学院分工会"),
        categories: &[],
        schedule: &[],
        extra: "",
        body: "完成ＡＢＣ全员培训２０２３期。第一段说到工会\n\n经费在第二段。",
        published: true,
    },
    Doc {
        rel: "notices/withdrawn.md",
        url: "/gk/notices/withdrawn/",
        title: "已撤销的经费通知",
        date: "2023-03-01",
        doc_no: None,
        department: None,
        categories: &["经费公开"],
        schedule: &[],
        extra: "status: withdrawn\nwithdrawn: {date: 2023-03-05, reason: 数据有误}",
        body: "经费调整说明。",
        published: true,
    },
    Doc {
        rel: "notices/draft.md",
        url: "/gk/notices/draft/",
        title: "草稿犇猋骉通知",
        date: "2023-05-01",
        doc_no: None,
        department: None,
        categories: &["经费公开"],
        schedule: &[],
        extra: "draft: true",
        body: "草稿正文麤鱻工会经费。",
        published: false,
    },
    Doc {
        rel: "notices/future.md",
        url: "/gk/notices/future/",
        title: "未来公告龘靐",
        date: "2023-07-01",
        doc_no: None,
        department: None,
        categories: &["福利慰问"],
        schedule: &[],
        extra: "",
        body: "未来正文齉爩慰问。",
        published: false,
    },
];

const ORG: &str = "测试工会";

fn fixture(docs: &[Doc]) -> TestSite {
    let mut site = TestSite::bare().file(
        "site.yaml",
        &format!("title: {ORG}\nbase_url: https://example.org/gk/\n"),
    );
    for d in docs {
        let mut fm = format!("title: {}\ndate: {}\n", d.title, d.date);
        if let Some(n) = d.doc_no {
            fm.push_str(&format!("doc_no: {n}\n"));
        }
        if let Some(n) = d.department {
            fm.push_str(&format!("department: {n}\n"));
        }
        if !d.categories.is_empty() {
            fm.push_str(&format!("categories: [{}]\n", d.categories.join(", ")));
        }
        if !d.schedule.is_empty() {
            fm.push_str("schedule:\n");
            for (m, item) in d.schedule {
                fm.push_str(&format!("  {m}: [{item}]\n"));
            }
        }
        fm.push_str(d.extra);
        site = site.doc(d.rel, &fm, d.body);
    }
    site
}

/// Folding written independently of the library's: full-width forms by table, then
/// ASCII lower case.
fn fold_ref(s: &str) -> String {
    const FULL: &str = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％";
    const HALF: &str = "0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz%";
    s.chars()
        .map(|c| match FULL.chars().position(|f| f == c) {
            Some(i) => HALF.chars().nth(i).unwrap_or(c),
            None => c.to_ascii_lowercase(),
        })
        .collect()
}

/// What the sources say: the published documents in which every term of the query
/// occurs in the title, body, document number, department, a category or a schedule item.
fn expected(docs: &[Doc], query: &str, filter: impl Fn(&Doc) -> bool) -> BTreeSet<String> {
    let terms: Vec<String> = fold_ref(query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    docs.iter()
        .filter(|d| d.published && filter(d))
        .filter(|d| {
            let mut fields: Vec<&str> = vec![d.title, d.body, d.department.unwrap_or(ORG)];
            fields.extend(d.doc_no);
            fields.extend(d.categories.iter().copied());
            fields.extend(d.schedule.iter().map(|(_, s)| *s));
            let fields: Vec<String> = fields.iter().map(|f| fold_ref(f)).collect();
            terms
                .iter()
                .all(|t| fields.iter().any(|f| f.contains(t.as_str())))
        })
        .map(|d| d.url.to_string())
        .collect()
}

/// The query algorithm of search.js, in Rust, over the index files: posting lists of
/// every gram of every term intersected, then each candidate checked against its text.
/// Returns (url, title hits, hit count, id) ranked.
fn query(
    search_dir: &Path,
    q: &str,
    section: Option<&str>,
    category: Option<&str>,
    year: Option<i32>,
) -> Vec<(String, usize, usize, u32)> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(search_dir.join("meta.json")).unwrap())
            .unwrap();
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let terms: Vec<String> = q
        .chars()
        .map(fold)
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for t in &terms {
        let cs: Vec<char> = t.chars().collect();
        if cs.len() == 1 {
            keys.push(t.clone());
        }
        keys.extend(cs.windows(2).map(|w| w.iter().collect::<String>()));
    }
    keys.extend(section.map(gongkai::search::section_key));
    keys.extend(category.map(gongkai::search::category_key));
    let mut cands: Option<BTreeSet<u32>> = None;
    let heavy: Vec<String> = meta["heavy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h[0].as_str().unwrap().to_string())
        .collect();
    for k in &keys {
        let file = match heavy.iter().position(|h| h == k) {
            Some(i) => format!("h/{i}.bin"),
            None => format!("g/{}.bin", key_hash(k) % shards),
        };
        let shard = std::fs::read(search_dir.join(file)).unwrap();
        let entries = decode_shard(&shard).expect("a shard");
        let ids: BTreeSet<u32> = entries
            .iter()
            .find(|(key, _)| key == k.as_bytes())
            .map(|(_, l)| l.iter().map(|p| p.0).collect())
            .unwrap_or_default();
        cands = Some(match cands {
            None => ids,
            Some(c) => c.intersection(&ids).copied().collect(),
        });
    }
    let range = year.and_then(|y| {
        meta["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[0] == y)
            .map(|r| (r[1].as_u64().unwrap() as u32, r[2].as_u64().unwrap() as u32))
    });
    let mut out = Vec::new();
    for id in cands.unwrap_or_default() {
        if year.is_some() && !range.is_some_and(|(lo, hi)| (lo..=hi).contains(&id)) {
            continue;
        }
        let d: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(search_dir.join(format!("d/{}/{id}.json", id >> 8))).unwrap(),
        )
        .unwrap();
        let field = |k: &str| d[k].as_str().unwrap().chars().map(fold).collect::<String>();
        let (t, m, b) = (field("t"), field("m"), field("b"));
        // Attachments: [[name, text], …] in a file of their own, when "x" says so.
        let attached: Vec<String> = match d["x"].as_u64() {
            Some(_) => attachments(search_dir, id)
                .iter()
                .map(|p| p.1.chars().map(fold).collect())
                .collect(),
            None => Vec::new(),
        };
        let count = |text: &str, term: &str| {
            (0..text.len())
                .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(term))
                .count()
        };
        let mut title_hits = 0;
        let mut hits = 0;
        let mut all = true;
        for term in &terms {
            let n = count(&t, term)
                + count(&m, term)
                + count(&b, term)
                + attached.iter().map(|a| count(a, term)).sum::<usize>();
            all &= n > 0;
            hits += n;
            title_hits += usize::from(t.contains(term.as_str()));
        }
        if all {
            out.push((d["u"].as_str().unwrap().to_string(), title_hits, hits, id));
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
    out
}

/// A document's attachments file: (name, text) of each.
fn attachments(search_dir: &Path, id: u32) -> Vec<(String, String)> {
    let path = search_dir.join(format!("a/{}/{id}.json", id >> 8));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The recall test's queries: cross-word substrings, single characters, two-character
/// words, mixed ASCII and digits in both widths, several terms, text found only in a
/// document number, department, category or schedule, and drafts' and future text.
const QUERIES: &[&str] = &[
    "会经费",
    "经",
    "工会",
    "慰问",
    "工会经费",
    "送温暖",
    "资集体",
    "word",
    "ＷＯＲＤ",
    "2023",
    "２０２３",
    "abc",
    "95%",
    "12 人",
    "校工〔2023〕12号",
    "〔2023〕",
    "财务委员会",
    "教育学院分工会",
    "经费公开",
    "福利",
    "女职工健身",
    "退休",
    "工会 经费",
    "送温暖 慰问 困难",
    "撤销",
    "测试工会",
    "草稿",
    "犇猋",
    "龘",
    "齉爩",
    "不存在的词语",
    "会 会",
];

fn urls(v: &[(String, usize, usize, u32)]) -> BTreeSet<String> {
    v.iter().map(|r| r.0.clone()).collect()
}

#[test]
fn search_finds_exactly_the_documents_whose_text_contains_the_query() {
    let site = fixture(DOCS);
    let b = site.build();
    let dir = b.out.join("search");
    for q in QUERIES {
        let want = expected(DOCS, q, |_| true);
        assert_eq!(urls(&query(&dir, q, None, None, None)), want, "query {q:?}");
    }
    // The cross-word and paragraph cases the test relies on really are there.
    assert_eq!(expected(DOCS, "会经费", |_| true).len(), 1);
    assert!(!expected(DOCS, "工会经费", |_| true).contains("/gk/summaries/half/"));
    assert_eq!(
        expected(DOCS, "２０２３", |_| true),
        expected(DOCS, "2023", |_| true)
    );
}

#[test]
fn search_filters_by_section_category_and_year() {
    let site = fixture(DOCS);
    let b = site.build();
    let dir = b.out.join("search");
    for q in ["经费", "工会", "慰问"] {
        let notices = expected(DOCS, q, |d| d.rel.starts_with("notices/"));
        assert_eq!(
            urls(&query(&dir, q, Some("notices"), None, None)),
            notices,
            "{q} in notices"
        );
        let cat = expected(DOCS, q, |d| d.categories.contains(&"经费公开"));
        assert_eq!(
            urls(&query(&dir, q, None, Some("经费公开"), None)),
            cat,
            "{q} in 经费公开"
        );
        let y2022 = expected(DOCS, q, |d| d.date.starts_with("2022"));
        assert_eq!(
            urls(&query(&dir, q, None, None, Some(2022))),
            y2022,
            "{q} in 2022"
        );
    }
}

#[test]
fn search_ranks_title_hits_first_then_hit_count_then_newer() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 工会经费公示\ndate: 2023-01-01",
            "正文。",
        )
        .doc(
            "notices/b.md",
            "title: 通知乙\ndate: 2023-02-01",
            "工会经费，工会经费，工会经费。",
        )
        .doc(
            "notices/c.md",
            "title: 通知丙\ndate: 2023-03-01",
            "工会经费。",
        )
        .doc(
            "notices/d.md",
            "title: 通知丁\ndate: 2023-04-01",
            "工会经费。",
        );
    let b = site.build();
    let ranked: Vec<String> = query(&b.out.join("search"), "工会经费", None, None, None)
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(
        ranked,
        ["/notices/a/", "/notices/b/", "/notices/d/", "/notices/c/"]
    );
}

#[test]
fn no_draft_or_future_text_is_in_any_search_file() {
    let site = fixture(DOCS);
    let b = site.build();
    let secret: Vec<char> = "犇猋骉麤鱻龘靐齉爩".chars().collect();
    let files: Vec<_> = b
        .all_files()
        .into_iter()
        .filter(|(p, _)| p.starts_with(b.out.join("search")))
        .collect();
    assert!(files.len() > 3);
    for (path, bytes) in &files {
        for c in &secret {
            let mut buf = [0u8; 4];
            let needle = c.encode_utf8(&mut buf).as_bytes();
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{c} (unpublished) found in {}",
                path.display()
            );
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("draft") && !text.contains("future"),
            "{}",
            path.display()
        );
    }
    let docs = files
        .iter()
        .filter(|(p, _)| {
            p.parent()
                .and_then(|d| d.parent())
                .is_some_and(|d| d.ends_with("search/d"))
        })
        .count();
    assert_eq!(docs, DOCS.iter().filter(|d| d.published).count());
    // With --drafts they are there: the check above can see them.
    let out = tempfile::tempdir().unwrap();
    let drafts_site = fixture(DOCS);
    let with = drafts_site.build_with(&["--drafts", "--output", out.path().to_str().unwrap()]);
    assert_eq!(
        urls(&query(&with.out.join("search"), "犇猋", None, None, None)).len(),
        1
    );
}

/// A spreadsheet of names (sheet 名单: 姓名, 部门), generated here.
fn names_xlsx(names: &[&str]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "部门").unwrap();
    for (i, n) in names.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *n).unwrap();
        ws.write_string(i as u32 + 1, 1, "数学系").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A name that stands only in the award notice's attached spreadsheet.
const ATTACHED_NAME: &str = "司马懿琨";
/// A name that stands only in a draft's attached spreadsheet.
const DRAFT_NAME: &str = "诸葛琰玥";
const AWARD_URL: &str = "/gk/notices/award/";

/// The fixture with a published notice whose name list is an attached .xlsx, and a
/// draft with one of its own.
fn fixture_with_attachments() -> TestSite {
    fixture(DOCS)
        .bytes(
            "content/notices/award/先进个人名单.xlsx",
            &names_xlsx(&["王芳", ATTACHED_NAME, "刘洋"]),
        )
        .doc(
            "notices/award/index.md",
            "title: 先进个人表彰公示\ndate: 2023-04-01",
            "现将先进个人名单公示如下，名单见附件。",
        )
        .bytes(
            "content/notices/draft-award/草稿名单.xlsx",
            &names_xlsx(&[DRAFT_NAME]),
        )
        .doc(
            "notices/draft-award/index.md",
            "title: 表彰草稿\ndate: 2023-04-02\ndraft: true",
            "草稿。",
        )
}

#[test]
fn search_finds_a_name_that_stands_only_in_an_attached_spreadsheet() {
    let site = fixture_with_attachments();
    let b = site.build();
    let dir = b.out.join("search");
    // The whole name, a piece of it crossing no cell, and one character.
    for q in [ATTACHED_NAME, "马懿琨", "懿琨", "琨"] {
        let hits = query(&dir, q, None, None, None);
        assert_eq!(urls(&hits), BTreeSet::from([AWARD_URL.to_string()]), "{q}");
        let id = hits[0].3;
        let d: serde_json::Value =
            serde_json::from_str(&b.file(&format!("/search/d/{}/{id}.json", id >> 8))).unwrap();
        assert_eq!(d["x"], 1, "{d}");
        assert!(!d.to_string().contains(ATTACHED_NAME), "{d}");
        // The result names the attachment, and its text is there to cut the excerpt from.
        let a = attachments(&dir, id);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, "先进个人名单.xlsx");
        assert!(
            a[0].1.contains(ATTACHED_NAME) && a[0].1.contains("王芳"),
            "{a:?}"
        );
    }
    // Cells are separate runs: two neighbouring cells do not make a phrase.
    assert!(query(&dir, "王芳数学系", None, None, None).is_empty());
    // Documents without attachments have no attachments file.
    let hits = query(&dir, "送温暖活动", None, None, None);
    let id = hits[0].3;
    assert!(!b
        .file(&format!("/search/d/{}/{id}.json", id >> 8))
        .contains("\"x\":"));
    assert!(!b.exists(&format!("/search/a/{}/{id}.json", id >> 8)));
    if node_available() {
        let js = run_js(&b.out, &[ATTACHED_NAME, "马懿琨", "琨"]);
        for got in js {
            assert_eq!(got, [AWARD_URL], "search.js");
        }
    }
}

/// An attachment's text is downloaded only when a query needs it: not for a term in
/// the document's title and body, but for a name that stands only in the list.
#[test]
fn search_js_fetches_attachment_text_only_when_a_query_needs_it() {
    if !node_available() {
        return;
    }
    let site = fixture_with_attachments();
    let b = site.build();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let qfile = b.out.join("../queries-paths.json");
    let queries = serde_json::json!([{ "q": "先进个人" }, { "q": ATTACHED_NAME }]);
    std::fs::write(&qfile, queries.to_string()).unwrap();
    let out = std::process::Command::new("node")
        .arg(root.join("tests/browser/search-node.mjs"))
        .arg(root.join("themes/default/static/search.js"))
        .arg(format!("{}/search/", b.out.display()))
        .arg(&qfile)
        .arg("page")
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let fetched_attachments = |v: &serde_json::Value| {
        v["paths"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p.as_str().unwrap().starts_with("a/"))
            .count()
    };
    assert_eq!(
        lines[0]["urls"],
        serde_json::json!([AWARD_URL]),
        "{}",
        lines[0]
    );
    assert_eq!(fetched_attachments(&lines[0]), 0, "{}", lines[0]);
    assert_eq!(
        lines[1]["urls"],
        serde_json::json!([AWARD_URL]),
        "{}",
        lines[1]
    );
    assert_eq!(fetched_attachments(&lines[1]), 1, "{}", lines[1]);
}

/// Search reads an attachment through the attach module's cache (by SHA-256), as the
/// privacy check does: an unchanged file is not parsed again. Shown by a cache entry
/// edited by hand, whose text the next build indexes.
#[test]
fn search_takes_attachment_text_from_the_extraction_cache() {
    let site = TestSite::bare()
        .file(
            "site.yaml",
            &format!("title: {ORG}\nbase_url: https://example.org/gk/\n"),
        )
        .bytes(
            "content/notices/award/先进个人名单.xlsx",
            &names_xlsx(&[ATTACHED_NAME]),
        )
        .doc(
            "notices/award/index.md",
            "title: 先进个人表彰公示\ndate: 2023-04-01",
            "名单见附件。",
        );
    let b = site.build();
    assert_eq!(
        query(&b.out.join("search"), ATTACHED_NAME, None, None, None).len(),
        1
    );
    let dir = site.root().join(".gongkai-cache/attachments");
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1);
    std::fs::write(
        entries[0].path(),
        r#"{"Pieces":{"pieces":[{"place":"名单!A2","text":"东方缓存"}],"unread":null}}"#,
    )
    .unwrap();
    let b = site.build();
    let dir = b.out.join("search");
    assert_eq!(query(&dir, "东方缓存", None, None, None).len(), 1);
    assert!(query(&dir, ATTACHED_NAME, None, None, None).is_empty());
}

#[test]
fn a_drafts_attachment_text_never_reaches_the_index() {
    let site = fixture_with_attachments();
    let b = site.build();
    let needle = DRAFT_NAME.as_bytes();
    let files: Vec<_> = b
        .all_files()
        .into_iter()
        .filter(|(p, _)| p.starts_with(b.out.join("search")))
        .collect();
    assert!(files.len() > 3);
    for (path, bytes) in &files {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "a draft's attachment text is in {}",
            path.display()
        );
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("草稿名单"), "{}", path.display());
    }
    assert!(query(&b.out.join("search"), DRAFT_NAME, None, None, None).is_empty());
    // With --drafts it is there: the check above can see it.
    let out = tempfile::tempdir().unwrap();
    let with = fixture_with_attachments().build_with(&[
        "--drafts",
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(
        query(&with.out.join("search"), DRAFT_NAME, None, None, None).len(),
        1
    );
}

#[test]
fn withdrawn_documents_are_found_and_marked() {
    let site = fixture(DOCS);
    let b = site.build();
    let hits = query(&b.out.join("search"), "经费调整", None, None, None);
    assert_eq!(hits.len(), 1);
    let d = b.file(&format!("/search/d/{}/{}.json", hits[0].3 >> 8, hits[0].3));
    assert!(d.contains("\"w\":\"已撤销\""), "{d}");
}

#[test]
fn search_page_has_a_labelled_box_live_status_and_a_noscript_message() {
    let site = fixture(DOCS);
    let b = site.build();
    let p = b.page("/search/");
    assert_eq!(p.attrs("label[for=q]", "for").len(), 1);
    assert_eq!(p.attrs("#search-status", "aria-live"), ["polite"]);
    assert!(p.html.contains("<noscript>") && p.html.contains("JavaScript"));
    assert_eq!(p.attrs("#search", "data-index"), ["/gk/search/"]);
    assert_eq!(p.attrs("#search", "data-l-attachment"), ["附件：{n}"]);
    assert_eq!(
        p.attrs("script[src$='search.js']", "src"),
        ["/gk/search.js"]
    );
    assert!(b.exists("/search.js") && b.exists("/search/meta.json"));
}

#[test]
fn search_off_writes_no_index() {
    let site = TestSite::bare()
        .file(
            "site.yaml",
            "title: 测试\nbase_url: https://example.org/\nsearch: false\n",
        )
        .doc("notices/a.md", "title: 甲\ndate: 2023-01-01", "正文");
    let b = site.build();
    assert!(!b.exists("/search/meta.json"));
}

/// A gram in many documents (here in all 300) is kept in its own file; queries that
/// need it, or avoid it, still find exactly the documents holding them.
#[test]
fn search_finds_everything_when_common_grams_have_their_own_files() {
    let mut site = TestSite::new();
    let subjects = ["校工会", "女工委员会", "文体委员会", "经审委员会"];
    let objects = [
        "送温暖活动",
        "困难教职工帮扶",
        "合唱比赛",
        "工会经费预决算",
        "疗休养",
    ];
    let mut bodies = Vec::new();
    for i in 0..300usize {
        let body = format!(
            "{}组织开展{}，参与教职工{}人次。{}",
            subjects[i % 4],
            objects[i % 5],
            i * 7 % 97,
            if i % 11 == 0 {
                "特别说明：资集体活动。"
            } else {
                ""
            }
        );
        site = site.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 通知{i}\ndate: 2023-01-{:02}", i % 28 + 1),
            &body,
        );
        bodies.push((format!("/notices/n{i}/"), format!("通知{i}"), body));
    }
    let b = site.build();
    let dir = b.out.join("search");
    let meta: serde_json::Value = serde_json::from_str(&b.file("/search/meta.json")).unwrap();
    assert!(
        meta["heavy"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "工会"),
        "工会 is in every document"
    );
    for q in [
        "工会",
        "会",
        "委员会组织",
        "资集体",
        "送温暖 委员会",
        "参与教职工1人次",
        "通知1",
        "测试工会",
    ] {
        let terms: Vec<&str> = q.split(' ').collect();
        let want: BTreeSet<String> = bodies
            .iter()
            .filter(|(_, t, body)| {
                terms
                    .iter()
                    .all(|x| t.contains(x) || body.contains(x) || "测试工会".contains(x))
            })
            .map(|(u, _, _)| u.clone())
            .collect();
        assert!(!want.is_empty());
        assert_eq!(urls(&query(&dir, q, None, None, None)), want, "query {q:?}");
        if node_available() {
            let js: BTreeSet<String> = run_js(&b.out, &[q]).remove(0).into_iter().collect();
            assert_eq!(js, want, "query {q:?} in search.js");
        }
    }
}

/// Runs the JS engine in node over the same queries: its results must be the same sets.
#[test]
fn search_js_finds_the_same_documents_as_the_sources_say() {
    if !node_available() {
        return;
    }
    let site = fixture(DOCS);
    let b = site.build();
    let lines = run_js(&b.out, QUERIES);
    for (q, js) in QUERIES.iter().zip(&lines) {
        let got: BTreeSet<String> = js.iter().cloned().collect();
        assert_eq!(got, expected(DOCS, q, |_| true), "query {q:?} in search.js");
        let ranked: Vec<String> = query(&b.out.join("search"), q, None, None, None)
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(js, &ranked, "ranking of {q:?} in search.js");
    }
    // Filters: section, category, year.
    type Filter = fn(&Doc) -> bool;
    let cases: [(serde_json::Value, Filter); 3] = [
        (serde_json::json!({ "section": "notices" }), |d| {
            d.rel.starts_with("notices/")
        }),
        (serde_json::json!({ "category": "经费公开" }), |d| {
            d.categories.contains(&"经费公开")
        }),
        (serde_json::json!({ "year": "2022" }), |d| {
            d.date.starts_with("2022")
        }),
    ];
    for q in ["经费", "工会", "慰问", "工会经费"] {
        let list = cases
            .iter()
            .map(|(f, _)| {
                let mut v = f.clone();
                v["q"] = q.into();
                v
            })
            .collect();
        for ((f, keep), js) in cases.iter().zip(run_js_with(&b.out, list)) {
            let got: BTreeSet<String> = js.into_iter().collect();
            assert_eq!(got, expected(DOCS, q, keep), "{q:?} with {f} in search.js");
        }
    }
}

/// Runs search.js's engine in node over a built site: each query's result URLs, ranked.
fn run_js(out_dir: &Path, queries: &[&str]) -> Vec<Vec<String>> {
    run_js_with(
        out_dir,
        queries
            .iter()
            .map(|q| serde_json::json!({ "q": q }))
            .collect(),
    )
}

/// The same with filters: each query `{q, section, category, year}`.
fn run_js_with(out_dir: &Path, list: Vec<serde_json::Value>) -> Vec<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = list.len();
    let qfile = out_dir.join("../queries.json");
    std::fs::write(&qfile, serde_json::to_string(&list).unwrap()).unwrap();
    let out = std::process::Command::new("node")
        .arg(root.join("tests/browser/search-node.mjs"))
        .arg(root.join("themes/default/static/search.js"))
        .arg(format!("{}/search/", out_dir.display()))
        .arg(&qfile)
        .arg("all")
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Vec<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["urls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(lines.len(), n);
    lines
}

/// node is needed for the JS tests; under CI they must run.
fn node_available() -> bool {
    let ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but node is not installed"
        );
        eprintln!("skipped: node is not installed");
    }
    ok
}

/// The page in headless Chromium: type a query, read the results, share a ?q= link,
/// keyboard only, 390 px wide.
#[test]
fn search_page_works_in_a_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser = root.join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !node_available() {
        return;
    }
    if !browser.join("node_modules/playwright-core").exists() || !Path::new(&chromium).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but tests/browser/node_modules or {chromium} is missing"
        );
        eprintln!("skipped: run `npm install` in tests/browser and install chromium");
        return;
    }
    let site = fixture_with_attachments();
    let b = site.build();
    let cases = serde_json::json!({
        "base": "/gk/",
        "queries": [
            { "q": "会经费", "urls": expected(DOCS, "会经费", |_| true) },
            {
                "q": ATTACHED_NAME,
                "urls": [AWARD_URL],
                "attachment": "附件：先进个人名单.xlsx",
            },
            { "q": "慰问", "urls": expected(DOCS, "慰问", |_| true) },
            { "q": "工会 经费", "urls": expected(DOCS, "工会 经费", |_| true) },
            { "q": "经费调整", "urls": expected(DOCS, "经费调整", |_| true), "withdrawn": true },
        ],
        "shared": { "q": "送温暖", "urls": expected(DOCS, "送温暖", |_| true) },
        "none": "不存在的词语",
    });
    let cfile = b.out.join("../cases.json");
    std::fs::write(&cfile, cases.to_string()).unwrap();
    let out = std::process::Command::new("node")
        .current_dir(&browser)
        .arg("search.mjs")
        .arg(&b.out)
        .arg(&cfile)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("search.mjs: ok"), "{stdout}");
}

/// Phrases a member might copy out of a page: every run of text between white space in
/// the page's title and body, and every 2- to 5-character piece of it.
fn phrases(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for text in [page.text("h1"), page.text(".body")] {
        for run in text.split_whitespace() {
            let cs: Vec<char> = run.chars().collect();
            out.push(run.to_string());
            for len in 2..=5.min(cs.len()) {
                for start in (0..=cs.len() - len).step_by(3) {
                    out.push(cs[start..start + len].iter().collect());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn any_phrase_copied_out_of_a_published_page_finds_that_page() {
    let site = fixture(DOCS);
    let b = site.build();
    for d in DOCS.iter().filter(|d| d.published) {
        let page = b.page(d.url.trim_start_matches("/gk"));
        for q in phrases(&page) {
            let found = urls(&query(&b.out.join("search"), &q, None, None, None));
            assert!(
                found.contains(d.url),
                "{q:?} copied from {} does not find it",
                d.url
            );
        }
    }
}

/// The same with the real-world sample plans in ../shared/samples/ (or $GONGKAI_SAMPLES),
/// through search.js too.
#[test]
fn any_phrase_copied_out_of_a_sample_plan_finds_that_plan() {
    let dir = std::env::var("GONGKAI_SAMPLES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples"));
    let Ok(text) = std::fs::read_to_string(dir.join("union-work-plans-2023.txt")) else {
        assert!(
            std::env::var("CI").is_err(),
            "CI must have ../shared/samples/"
        );
        eprintln!("skipped: {} is not here", dir.display());
        return;
    };
    let mut site = TestSite::new().today("2023-12-31");
    let mut n = 0;
    for part in text
        .split('\n')
        .collect::<Vec<_>>()
        .split(|l| l.contains("计划篇"))
        .skip(1)
    {
        n += 1;
        let body = part.join("\n").replace("20xx", "2023").replace("xx", "某");
        site = site.doc(
            &format!("plans/p{n}.md"),
            &format!("title: 工会工作计划篇{n}\ndate: 2023-0{}-01", n % 9 + 1),
            &body,
        );
    }
    assert_eq!(n, 10);
    let b = site.build();
    let mut queries: Vec<(String, String)> = Vec::new();
    for i in 1..=n {
        let url = format!("/plans/p{i}/");
        for q in phrases(&b.page(&url)) {
            queries.push((q, url.clone()));
        }
    }
    for (q, url) in queries.iter().step_by(9) {
        assert!(
            urls(&query(&b.out.join("search"), q, None, None, None)).contains(url),
            "{q:?} does not find {url}"
        );
    }
    if node_available() {
        let sample: Vec<&(String, String)> = queries.iter().skip(4).step_by(9).collect();
        let qs: Vec<&str> = sample.iter().map(|(q, _)| q.as_str()).collect();
        for ((q, url), found) in sample.iter().zip(run_js(&b.out, &qs)) {
            assert!(
                found.contains(url),
                "{q:?} does not find {url} in search.js"
            );
        }
    }
}

/// A secretary who wraps long Chinese lines in the source: the line break between two
/// Chinese characters is no space, on the page or in the index, so the phrase across it
/// is found whole; between English words it stays a space.
#[test]
fn a_line_break_inside_a_chinese_sentence_does_not_split_it() {
    let site = TestSite::new()
        .doc(
            "notices/wrap.md",
            "title: 关于换届选举的通知\ndate: 2023-03-01",
            "经校工会委员会研究，决定召开第五届会员\n代表大会，选举产生新一届**工会\n委员会**。\n\nPlease read the\nattached rules.\n",
        )
        .doc(
            "notices/other.md",
            "title: 其他通知\ndate: 2023-03-02",
            "会员活动安排。\n",
        );
    let b = site.build();
    let page = b.page("/notices/wrap/");
    let body = page.text(".body");
    assert!(body.contains("会员代表大会"), "{body}");
    assert!(body.contains("工会委员会"), "{body}");
    assert!(body.contains("Please read the attached rules."), "{body}");
    let search = b.out.join("search");
    // (`the attached`: two terms, one each side of the English line break.)
    for q in [
        "会员代表",
        "第五届会员代表大会",
        "工会委员会。",
        "the attached",
    ] {
        assert_eq!(
            urls(&query(&search, q, None, None, None)),
            BTreeSet::from(["/notices/wrap/".to_string()]),
            "{q}"
        );
    }
}

/// An attachment is found by its title and file name too, even one whose text cannot
/// be read (a photo, a scan): a member looks for a list by what it is called.
#[test]
fn attachments_are_found_by_their_titles_and_file_names() {
    let site = fixture(DOCS)
        .bytes("content/notices/visit/春节走访照片.png", b"\x89PNG not really")
        .doc(
            "notices/visit/index.md",
            "title: 走访公示\ndate: 2023-04-03\nprivacy_allow: []\nattachments: [{file: 春节走访照片.png, title: 走访记录}]",
            "见附件。",
        );
    let b = site.build();
    let dir = b.out.join("search");
    for q in ["春节走访照片", "走访记录"] {
        let hits = query(&dir, q, None, None, None);
        assert_eq!(
            urls(&hits),
            BTreeSet::from(["/gk/notices/visit/".to_string()]),
            "{q}"
        );
    }
}
