//! The oracle of serve's incremental rebuilds: after each change, the served files
//! equal those of a full build of the same files.

use super::*;
use crate::serve::store::Entry;
use std::sync::Arc;

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// The site.yaml both oracles build with: a sub-path, two documents a list page.
fn write_site_yaml(root: &Path) {
    write(
        root,
        "site.yaml",
        "title: 测试工会\nbase_url: https://example.org/gk/\npaginate: 2\n",
    );
}

fn doc(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{body}\n")
}

fn opts() -> Options {
    Options {
        drafts: true,
        base_url: Some("http://127.0.0.1:1111/".into()),
        ..Options::default()
    }
}

/// The served files of a full build of the site at `root`, its search files included,
/// or its problems.
fn full_build(root: &Path) -> Result<Vec<(String, Entry)>, Vec<Diagnostic>> {
    let fresh = Arc::new(Store::default());
    let mut ws = Workspace::new(root, opts(), fresh.clone());
    let o = ws.rebuild(Changes {
        config: true,
        ..Changes::default()
    });
    if !o.errors.is_empty() {
        return Err(o.errors);
    }
    ws.refresh_search();
    Ok(fresh.snapshot())
}

/// Whether two stores hold the same files with the same bytes; else the first
/// difference.
fn same_files(got: &[(String, Entry)], want: &[(String, Entry)]) -> Result<(), String> {
    let keys_a: Vec<&String> = got.iter().map(|(k, _)| k).collect();
    let keys_b: Vec<&String> = want.iter().map(|(k, _)| k).collect();
    if keys_a != keys_b {
        return Err(format!("other files: {keys_a:?} against {keys_b:?}"));
    }
    match got.iter().zip(want).find(|((_, x), (_, y))| x != y) {
        Some(((k, _), _)) => Err(format!("{k} differs from a full build")),
        None => Ok(()),
    }
}

/// After each change, the incrementally updated store equals a fresh full build.
#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_site_yaml(root);
    let mut paths = Vec::new();
    for (i, (sec, date, cat)) in [
        ("notices", "2023-06-01", "经费公开"),
        ("notices", "2023-05-01", "评优"),
        ("notices", "2023-04-01", "经费公开"),
        ("plans", "2023-01-05", "计划"),
        ("summaries", "2022-12-20", "评优"),
    ]
    .iter()
    .enumerate()
    {
        paths.push(write(
            root,
            &format!("content/{sec}/d{i}.md"),
            &doc(
                &format!("文件{i}"),
                date,
                &format!("categories: [{cat}]\n"),
                "正文。",
            ),
        ));
    }
    let store = Arc::new(Store::default());
    let mut ws = Workspace::new(root, opts(), store.clone());
    assert!(ws
        .rebuild(Changes {
            config: true,
            ..Changes::default()
        })
        .errors
        .is_empty());

    let check = |ws: &mut Workspace, changed: Vec<PathBuf>, step: &str| {
        let o = ws.rebuild(Changes {
            content: changed.into_iter().collect(),
            ..Changes::default()
        });
        assert!(o.errors.is_empty(), "{step}: {:?}", o.errors);
        assert!(!o.full, "{step}");
        ws.refresh_search();
        let want = full_build(root).expect("a full build");
        if let Err(e) = same_files(&store.snapshot(), &want) {
            panic!("{step}: {e}");
        }
    };
    write(
        root,
        "content/notices/d1.md",
        &doc(
            "文件1（改）",
            "2023-05-01",
            "categories: [评优]\n",
            "改过的正文。",
        ),
    );
    check(&mut ws, vec![paths[1].clone()], "edit the body and title");
    write(
        root,
        "content/notices/d1.md",
        &doc(
            "文件1",
            "2022-03-01",
            "categories: [经费公开]\n",
            "换了月份和分类。",
        ),
    );
    check(&mut ws, vec![paths[1].clone()], "move month and category");
    let new = write(
        root,
        "content/notices/new.md",
        &doc(
            "新文件",
            "2023-06-10",
            "categories: [新分类]\n",
            "见[文件2](d2.md)。",
        ),
    );
    check(
        &mut ws,
        vec![new.clone()],
        "add a document in a new category",
    );
    let other = write(
        root,
        "content/reports/r.md",
        &doc("报告", "2023-02-02", "kind: summary\n", "新栏目。"),
    );
    check(
        &mut ws,
        vec![other.clone()],
        "add a document in a new section",
    );
    write(
        root,
        "content/plans/d3.md",
        &doc(
            "文件3",
            "2023-01-05",
            "categories: [计划]\nschedule:\n  7: [暑期疗休养]\n",
            "计划。",
        ),
    );
    check(&mut ws, vec![paths[3].clone()], "change a plan's schedule");
    std::fs::remove_file(&paths[0]).unwrap();
    check(&mut ws, vec![paths[0].clone()], "delete a document");
    std::fs::remove_file(&other).unwrap();
    check(
        &mut ws,
        vec![other],
        "delete the only document of a section",
    );
    write(
        root,
        "content/notices/d2.md",
        &doc(
            "文件2",
            "2023-04-01",
            "categories: [经费公开]\nslug: renamed\n",
            "改了网址。",
        ),
    );
    check(
        &mut ws,
        vec![paths[2].clone()],
        "change a slug that another document links to",
    );
    write(
        root,
        "content/notices/d2.md",
        &doc(
            "文件2",
            "2023-04-01",
            "categories: [经费公开]\n",
            "```rust\nfn main() {}\n```\n",
        ),
    );
    check(&mut ws, vec![paths[2].clone()], "add highlighted code");
}

/// Random sequences of edits, applied through serve's incremental path, each
/// compared with a full build of the same files: the oracle above, driven by
/// proptest. A step whose files a full build refuses must be refused too, and the
/// next good step must catch up.
mod random_edits {
    use super::*;
    use proptest::prelude::*;

    /// The documents a case may write: (path under content/, its folder there).
    const SLOTS: &[&str] = &[
        "notices/a.md",
        "notices/预算.md",
        "notices/b/index.md",
        "plans/p.md",
        "summaries/s.md",
        "reports/r.md",
    ];
    const ATTACHMENT: &str = "notices/b/list.csv";
    /// The last date is in the future: such a document is held back from the site.
    const DATES: &[&str] = &[
        "2023-01-05",
        "2023-03-01",
        "2023-06-01",
        "2022-12-20",
        "2099-01-01",
    ];
    /// A `kind:` a document may name; `None` leaves it to the folder.
    const KINDS: &[Option<&str>] = &[None, Some("notice"), Some("plan"), Some("summary")];
    const CATEGORIES: &[&str] = &["经费公开", "评优", "计划"];

    #[derive(Debug, Clone)]
    enum Link {
        /// To another slot's document (percent-encoded when `encoded`).
        Doc { slot: usize, encoded: bool },
        /// To the bundle's attachment.
        Attachment,
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Write {
            slot: usize,
            title: u8,
            date: usize,
            category: usize,
            slug: Option<u8>,
            kind: usize,
            code: bool,
            links: Vec<Link>,
        },
        Delete(usize),
        /// A document moved to another slot's path (replacing what was there).
        Rename {
            from: usize,
            to: usize,
        },
        /// Front matter a build refuses.
        Break(usize),
        Attachment(bool),
        /// The site's own `templates/404.html`: written (the last variant broken) or
        /// deleted.
        Template(Option<u8>),
        /// A file of the site's own `static/`: written or deleted.
        Static(Option<u8>),
    }

    fn link() -> impl Strategy<Value = Link> {
        prop_oneof![
            4 => (0..SLOTS.len(), any::<bool>())
                .prop_map(|(slot, encoded)| Link::Doc { slot, encoded }),
            1 => Just(Link::Attachment),
        ]
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            6 => (
                0..SLOTS.len(),
                0u8..3,
                0..DATES.len(),
                0..CATEGORIES.len(),
                proptest::option::of(0u8..2),
                prop_oneof![3 => Just(0usize), 1 => 1..KINDS.len()],
                proptest::bool::weighted(0.15),
                proptest::collection::vec(link(), 0..3),
            )
                .prop_map(|(slot, title, date, category, slug, kind, code, links)| {
                    Edit::Write { slot, title, date, category, slug, kind, code, links }
                }),
            2 => (0..SLOTS.len()).prop_map(Edit::Delete),
            1 => (0..SLOTS.len(), 0..SLOTS.len())
                .prop_filter("a move to another path", |(a, b)| a != b)
                .prop_map(|(from, to)| Edit::Rename { from, to }),
            1 => (0..SLOTS.len()).prop_map(Edit::Break),
            1 => any::<bool>().prop_map(Edit::Attachment),
            1 => proptest::option::of(0u8..3).prop_map(Edit::Template),
            1 => proptest::option::of(0u8..2).prop_map(Edit::Static),
        ]
    }

    /// The relative path from one content file's folder to another content file.
    fn relative(from: &str, to: &str) -> String {
        let from_dir: Vec<&str> = from.split('/').collect();
        let from_dir = &from_dir[..from_dir.len() - 1];
        let to: Vec<&str> = to.split('/').collect();
        let common = from_dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let mut parts: Vec<String> = vec!["..".into(); from_dir.len() - common];
        parts.extend(to[common..].iter().map(|s| s.to_string()));
        parts.join("/")
    }

    fn text(slot: usize, e: &Edit) -> String {
        let Edit::Write {
            title,
            date,
            category,
            slug,
            kind,
            code,
            links,
            ..
        } = e
        else {
            return String::new();
        };
        let me = SLOTS[slot];
        let mut fm = format!(
            "title: 文件{slot}-{title}\ndate: {}\ncategories: [{}]\n",
            DATES[*date], CATEGORIES[*category]
        );
        if let Some(s) = slug {
            fm.push_str(&format!("slug: s{s}\n"));
        }
        match (KINDS[*kind], me.starts_with("reports/")) {
            (Some(k), _) => fm.push_str(&format!("kind: {k}\n")),
            (None, true) => fm.push_str("kind: summary\n"),
            (None, false) => {}
        }
        if me.starts_with("plans/") && *title == 1 {
            fm.push_str("schedule:\n  7: [暑期疗休养]\n");
        }
        let mut body = String::from("正文。\n\n");
        for l in links {
            let dest = match l {
                Link::Doc { slot: j, encoded } => {
                    let r = relative(me, SLOTS[*j]);
                    if *encoded {
                        percent_encoding::utf8_percent_encode(
                            &r,
                            percent_encoding::NON_ALPHANUMERIC,
                        )
                        .to_string()
                        .replace("%2F", "/")
                        .replace("%2E", ".")
                    } else {
                        r
                    }
                }
                Link::Attachment => relative(me, ATTACHMENT),
            };
            body.push_str(&format!("见[链接]({dest})。\n\n"));
        }
        if *code {
            body.push_str("```rust\nfn main() {}\n```\n");
        }
        format!("---\n{fm}---\n\n{body}")
    }

    fn run(edits: Vec<Edit>) -> Result<(), TestCaseError> {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_site_yaml(root);
        for (i, _) in SLOTS.iter().enumerate() {
            let e = Edit::Write {
                slot: i,
                title: 0,
                date: i % DATES.len(),
                category: i % CATEGORIES.len(),
                slug: None,
                kind: 0,
                code: false,
                links: Vec::new(),
            };
            write(root, &format!("content/{}", SLOTS[i]), &text(i, &e));
        }
        write(root, &format!("content/{ATTACHMENT}"), "姓名\n张三\n");
        let store = Arc::new(Store::default());
        let mut ws = Workspace::new(root, opts(), store.clone());
        let first = ws.rebuild(Changes {
            config: true,
            ..Changes::default()
        });
        prop_assert!(first.errors.is_empty(), "{:?}", first.errors);
        ws.refresh_search();
        for (step, e) in edits.iter().enumerate() {
            let mut also = None;
            let mut kinds = Changes::default();
            let changed = match e {
                Edit::Template(t) => {
                    kinds.templates = true;
                    let p = root.join("templates/404.html");
                    match t {
                        None => {
                            let _ = std::fs::remove_file(&p);
                        }
                        Some(2) => {
                            write(root, "templates/404.html", "{% block main %}没有闭合");
                        }
                        Some(n) => {
                            write(
                                root,
                                "templates/404.html",
                                &format!(
                                    "{{% extends \"base.html\" %}}\n\
                                     {{% block main %}}<h1>找不到{n}</h1>{{% endblock %}}\n"
                                ),
                            );
                        }
                    }
                    p
                }
                Edit::Static(f) => {
                    kinds.statics = true;
                    let p = root.join("static/extra.css");
                    match f {
                        None => {
                            let _ = std::fs::remove_file(&p);
                        }
                        Some(n) => {
                            write(
                                root,
                                "static/extra.css",
                                &format!("p {{ margin: {n}em }}\n"),
                            );
                        }
                    }
                    p
                }
                Edit::Write { slot, .. } => {
                    write(root, &format!("content/{}", SLOTS[*slot]), &text(*slot, e))
                }
                Edit::Rename { from, to } => {
                    let from = root.join("content").join(SLOTS[*from]);
                    let to = root.join("content").join(SLOTS[*to]);
                    if let Some(dir) = to.parent() {
                        std::fs::create_dir_all(dir).unwrap();
                    }
                    let _ = std::fs::rename(&from, &to);
                    also = Some(to);
                    from
                }
                Edit::Delete(slot) => {
                    let p = root.join("content").join(SLOTS[*slot]);
                    let _ = std::fs::remove_file(&p);
                    p
                }
                Edit::Break(slot) => write(
                    root,
                    &format!("content/{}", SLOTS[*slot]),
                    "---\ntitle: [没有闭合\ndate: 2023-01-05\n---\n\n正文。\n",
                ),
                Edit::Attachment(true) => write(
                    root,
                    &format!("content/{ATTACHMENT}"),
                    &format!("姓名\n{step}\n"),
                ),
                Edit::Attachment(false) => {
                    let p = root.join("content").join(ATTACHMENT);
                    let _ = std::fs::remove_file(&p);
                    p
                }
            };
            if !kinds.templates && !kinds.statics {
                kinds.content = [changed].into_iter().chain(also).collect();
            }
            let o = ws.rebuild(kinds);
            ws.refresh_search();
            let want = full_build(root);
            match want {
                Err(full_errors) => prop_assert!(
                    !o.errors.is_empty(),
                    "step {step} {e:?}: a full build refuses the files ({full_errors:?}), serve took them"
                ),
                Ok(want) => {
                    prop_assert!(
                        o.errors.is_empty(),
                        "step {step} {e:?}: a full build takes the files, serve refused: {:?}",
                        o.errors
                    );
                    prop_assert!(!o.full, "step {step}: not incremental");
                    if let Err(d) = same_files(&store.snapshot(), &want) {
                        return Err(TestCaseError::fail(format!("step {step} {e:?}: {d}")));
                    }
                }
            }
        }
        Ok(())
    }

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(40)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]
        #[test]
        fn random_edits_through_serve_equal_full_builds(
            edits in proptest::collection::vec(edit(), 1..8)
        ) {
            run(edits)?;
        }
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("notices/a.md", "notices/预算.md"), "预算.md");
        assert_eq!(relative("notices/b/index.md", "notices/a.md"), "../a.md");
        assert_eq!(
            relative("plans/p.md", "notices/b/index.md"),
            "../notices/b/index.md"
        );
        assert_eq!(relative("notices/b/index.md", ATTACHMENT), "list.csv");
    }

    /// The case issue #10 found by hand: a percent-encoded link to a document whose
    /// slug then changes.
    #[test]
    fn a_percent_encoded_link_follows_a_new_slug() {
        run(vec![
            Edit::Write {
                slot: 0,
                title: 0,
                date: 0,
                category: 0,
                slug: None,
                kind: 0,
                code: false,
                links: vec![Link::Doc {
                    slot: 1,
                    encoded: true,
                }],
            },
            Edit::Write {
                slot: 1,
                title: 0,
                date: 1,
                category: 0,
                slug: Some(1),
                kind: 0,
                code: false,
                links: Vec::new(),
            },
        ])
        .unwrap();
    }
}

/// The search files of a store, inflated, by path.
fn search_files(files: &[(String, Entry)]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter(|(k, _)| k.starts_with("search/") && k != "search/index.html")
        .map(|(k, e)| match e {
            Entry::Bytes(p) => (k.clone(), p.bytes().to_vec()),
            Entry::File(f) => (k.clone(), std::fs::read(f).unwrap()),
        })
        .collect()
}

/// Serve's search index, updated in place after each edit that moves no document,
/// holds exactly the files a full write of the same site makes, on a site large
/// enough for common grams to have files of their own; an edit of one document
/// indexes that document again, and only it.
#[test]
fn search_updated_in_place_equals_a_full_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_site_yaml(root);
    const N: usize = 270;
    let words = [
        "送温暖",
        "困难帮扶",
        "合唱比赛",
        "经费预算",
        "疗休养",
        "先进个人",
        "女工委员会",
    ];
    // Rare characters, so that the light lists fill several shards.
    let rare = |i: usize, v: usize| -> String {
        (0..40)
            .filter_map(|k| char::from_u32(0x4E00 + ((i * 37 + v * 11 + k * 101) % 3000) as u32))
            .collect()
    };
    let body = |i: usize, v: usize| {
        format!(
            "校工会组织开展{}活动，参与教职工{}人次。{}\n\n第{v}稿。{}",
            words[(i + v) % words.len()],
            (i * 7 + v) % 97,
            if (i + v).is_multiple_of(5) {
                "特别说明：资集体活动。"
            } else {
                ""
            },
            rare(i, v)
        )
    };
    let cats = ["经费公开", "评优", "计划"];
    let page = |i: usize, v: usize, cat: usize, withdrawn: bool| {
        let extra = format!(
            "categories: [{}]\n{}",
            cats[cat % cats.len()],
            if withdrawn {
                "status: withdrawn\nwithdrawn: {date: 2023-12-01, reason: 撤回}\n"
            } else {
                ""
            }
        );
        doc(
            &format!("通知{i}第{}版", v % 3),
            &format!("2023-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            &extra,
            &body(i, v),
        )
    };
    let path = |i: usize| format!("content/notices/n{i:03}.md");
    for i in 0..N {
        write(root, &path(i), &page(i, 0, i, false));
    }
    write(root, "content/notices/b/index.md", &page(N, 0, 0, false));
    write(root, "content/notices/b/list.csv", "姓名\n张三\n");

    let store = Arc::new(Store::default());
    let mut ws = Workspace::new(root, opts(), store.clone());
    let first = ws.rebuild(Changes {
        config: true,
        ..Changes::default()
    });
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert_eq!(
        ws.refresh_search(),
        Some(N + 1),
        "the first index is written whole"
    );
    assert!(
        store.contains("search/h/0.bin"),
        "the fixture has grams with files of their own"
    );

    // A small random walk of edits (xorshift, fixed seed): bodies, titles,
    // categories, withdrawal, the attachment changed then removed; the last one adds
    // a document (ids move: the index is written anew).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..13 {
        let (changed, in_place) = match step {
            10 => (
                write(root, "content/notices/b/list.csv", "姓名\n李四\n王五\n"),
                true,
            ),
            11 => {
                let p = root.join("content/notices/b/list.csv");
                std::fs::remove_file(&p).unwrap();
                (p, true)
            }
            12 => (
                write(root, "content/notices/zz.md", &page(7, 3, 1, false)),
                false,
            ),
            _ => {
                let i = next(N);
                let p = page(i, 1 + next(5), next(3), next(4) == 0);
                (write(root, &path(i), &p), true)
            }
        };
        let o = ws.rebuild(Changes {
            content: [changed].into_iter().collect(),
            ..Changes::default()
        });
        assert!(o.errors.is_empty(), "step {step}: {:?}", o.errors);
        let indexed = ws.refresh_search();
        if in_place {
            assert!(
                indexed.is_some_and(|n| n <= 1),
                "step {step}: {indexed:?} documents indexed again"
            );
        }
        let want = search_files(&full_build(root).expect("a full build"));
        let got = search_files(&store.snapshot());
        let keys = |v: &[(String, Vec<u8>)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&got), keys(&want), "step {step}");
        for ((k, a), (_, b)) in got.iter().zip(&want) {
            assert!(a == b, "step {step}: {k} differs from a full write");
        }
    }
}
