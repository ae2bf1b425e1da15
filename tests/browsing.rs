//! Browsing (SPEC §4): categories, year and month indexes with plan schedules, the home
//! page, previous/next, pagination and sub-path links, on small fixture sites.
mod common;
use common::*;

/// A plan with a schedule (month → items) in the front matter.
fn plan(title: &str, date: &str, year: Option<i32>, schedule: &[(u32, &[&str])]) -> String {
    let mut fm = format!("title: {title}\ndate: {date}\n");
    if let Some(y) = year {
        fm.push_str(&format!("year: {y}\n"));
    }
    fm.push_str("schedule:\n");
    for (m, items) in schedule {
        fm.push_str(&format!("  {m}:\n"));
        for it in *items {
            fm.push_str(&format!("    - {it}\n"));
        }
    }
    fm
}

fn site_with_paginate(n: usize) -> TestSite {
    TestSite::bare().file(
        "site.yaml",
        &format!("title: 测试工会\nbase_url: https://example.org/\npaginate: {n}\n"),
    )
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn month_page_lists_exactly_the_documents_published_that_month() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 五月公示甲\ndate: 2023-05-02",
            "甲。",
        )
        .doc(
            "notices/b.md",
            "title: 五月公示乙\ndate: 2023-05-31",
            "乙。",
        )
        .doc(
            "summaries/c.md",
            "title: 五月总结\ndate: 2023-05-15",
            "丙。",
        )
        .doc("notices/d.md", "title: 四月公示\ndate: 2023-04-30", "丁。")
        .doc("notices/e.md", "title: 六月公示\ndate: 2023-06-01", "戊。")
        .doc("notices/f.md", "title: 去年五月\ndate: 2022-05-10", "己。");
    let b = site.build();
    let p = b.page("/archive/2023/05/");
    assert_eq!(
        sorted(p.texts(".doc-list .doc-title")),
        sorted(vec![
            "五月公示甲".into(),
            "五月公示乙".into(),
            "五月总结".into()
        ])
    );
    // Newest first.
    assert_eq!(p.texts(".doc-list .doc-title")[0], "五月公示乙");
    assert_eq!(
        b.page("/archive/2023/04/").texts(".doc-list .doc-title"),
        vec!["四月公示"]
    );
    assert_eq!(
        b.page("/archive/2022/05/").texts(".doc-list .doc-title"),
        vec!["去年五月"]
    );
    // A month with nothing published or scheduled has no page.
    assert!(!b.exists("/archive/2023/03/index.html"));
}

#[test]
fn month_page_lists_every_plans_scheduled_items_for_that_month_of_its_year() {
    let site = TestSite::new()
        // Written in December 2022 for the year 2023: its May items belong to May 2023.
        .doc(
            "plans/next-year.md",
            &plan(
                "工会2023年工作计划",
                "2022-12-20",
                Some(2023),
                &[(5, &["春季健步走", "教代会提案督办"]), (9, &["教师节慰问"])],
            ),
            "正文。",
        )
        .doc(
            "plans/culture.md",
            &plan(
                "文体委员会2023年计划",
                "2023-02-01",
                None,
                &[(5, &["羽毛球赛"]), (6, &["气排球赛"])],
            ),
            "正文。",
        )
        .doc(
            "plans/old.md",
            &plan(
                "工会2022年工作计划",
                "2022-01-05",
                None,
                &[(5, &["去年的五月安排"])],
            ),
            "正文。",
        )
        .doc(
            "notices/n.md",
            "title: 五月的公示\ndate: 2023-05-10",
            "正文。",
        );
    let b = site.build();
    let p = b.page("/archive/2023/05/");
    assert_eq!(
        sorted(p.texts(".schedule-list .sched-title")),
        sorted(vec![
            "工会2023年工作计划".into(),
            "文体委员会2023年计划".into()
        ])
    );
    assert_eq!(
        sorted(p.texts(".schedule-list .sched-items li")),
        sorted(vec![
            "春季健步走".into(),
            "教代会提案督办".into(),
            "羽毛球赛".into()
        ])
    );
    // Each plan links back to its own page.
    let hrefs = p.attrs(".schedule-list .sched-title", "href");
    assert!(
        hrefs.contains(&"/plans/next-year/".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"/plans/culture/".to_string()), "{hrefs:?}");
    // The schedule is not a list of documents published that month.
    assert_eq!(p.texts(".doc-list .doc-title"), vec!["五月的公示"]);
    // The 2022 plan's May is May 2022, and the 2023 plan is not there.
    let old = b.page("/archive/2022/05/");
    assert_eq!(
        old.texts(".schedule-list .sched-title"),
        vec!["工会2022年工作计划"]
    );
    assert_eq!(
        old.texts(".schedule-list .sched-items li"),
        vec!["去年的五月安排"]
    );
    // A month with only scheduled items still gets its page.
    assert_eq!(
        b.page("/archive/2023/09/")
            .texts(".schedule-list .sched-items li"),
        vec!["教师节慰问"]
    );
    // The plan written in 2022 is itself listed under December 2022.
    assert_eq!(
        b.page("/archive/2022/12/").texts(".doc-list .doc-title"),
        vec!["工会2023年工作计划"]
    );
}

#[test]
fn plan_page_shows_its_schedule_as_a_month_by_month_table() {
    let site = TestSite::new().doc(
        "plans/p.md",
        &plan(
            "工会2023年工作计划",
            "2022-12-20",
            Some(2023),
            &[(3, &["三月甲"]), (5, &["五月甲", "五月乙"])],
        ),
        "正文。",
    );
    let b = site.build();
    let p = b.page("/plans/p/");
    assert_eq!(p.texts(".schedule-table tbody th"), vec!["3月", "5月"]);
    assert_eq!(
        p.texts(".schedule-table tbody tr:nth-child(2) td li"),
        vec!["五月甲", "五月乙"]
    );
    assert_eq!(
        p.attrs(".schedule-table tbody th a", "href"),
        vec!["/archive/2023/03/", "/archive/2023/05/"]
    );
    assert!(p.text(".schedule h2").contains("2023"));
}

#[test]
fn schedule_row_of_the_current_month_is_marked_in_words() {
    let site = TestSite::new().doc(
        "plans/p.md",
        &plan(
            "工会2023年工作计划",
            "2023-01-05",
            None,
            &[(5, &["五月"]), (6, &["六月"])],
        ),
        "正文。",
    );
    let b = site.build();
    let p = b.page("/plans/p/");
    assert_eq!(p.count(".schedule-table tr.is-current"), 1);
    assert!(p.text(".schedule-table tr.is-current").contains("本月"));
    assert!(p.text(".schedule-table tr.is-current").contains("六月"));
}

#[test]
fn section_pagination_with_exactly_paginate_items_has_one_page() {
    let mut s = site_with_paginate(3);
    for i in 1..=3 {
        s = s.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 公示{i}\ndate: 2023-05-0{i}"),
            "正文。",
        );
    }
    let b = s.build();
    let p = b.page("/notices/");
    assert_eq!(p.count(".doc-list .doc-item"), 3);
    assert_eq!(p.count("nav.pager"), 0);
    assert!(!b.exists("/notices/page/2/index.html"));
    assert!(!b.exists("/notices/page/1/index.html"));
}

#[test]
fn section_pagination_with_paginate_plus_one_items_has_two_pages() {
    let mut s = site_with_paginate(3);
    for i in 1..=4 {
        s = s.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 公示{i}\ndate: 2023-05-0{i}"),
            "正文。",
        );
    }
    let b = s.build();
    let first = b.page("/notices/");
    assert_eq!(
        first.texts(".doc-list .doc-title"),
        vec!["公示4", "公示3", "公示2"]
    );
    assert_eq!(
        first.attrs("nav.pager a[rel=next]", "href"),
        vec!["/notices/page/2/"]
    );
    assert_eq!(first.count("nav.pager a[rel=prev]"), 0);
    assert_eq!(
        first.attrs("nav.pager a[aria-current=page]", "href"),
        vec!["/notices/"]
    );
    let second = b.page("/notices/page/2/");
    assert_eq!(second.texts(".doc-list .doc-title"), vec!["公示1"]);
    assert_eq!(
        second.attrs("nav.pager a[rel=prev]", "href"),
        vec!["/notices/"]
    );
    assert_eq!(second.count("nav.pager a[rel=next]"), 0);
    assert!(!b.exists("/notices/page/3/index.html"));
}

#[test]
fn category_pages_are_paginated_newest_first() {
    let mut s = site_with_paginate(2);
    for i in 1..=5 {
        s = s.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 慰问{i}\ndate: 2023-05-0{i}\ncategories: [福利慰问]"),
            "正文。",
        );
    }
    let site = s.doc(
        "notices/other.md",
        "title: 别的\ndate: 2023-05-09\ncategories: [经费公开]",
        "正文。",
    );
    let b = site.build();
    assert_eq!(
        b.page("/categories/福利慰问/")
            .texts(".doc-list .doc-title"),
        vec!["慰问5", "慰问4"]
    );
    assert_eq!(
        b.page("/categories/福利慰问/page/2/")
            .texts(".doc-list .doc-title"),
        vec!["慰问3", "慰问2"]
    );
    assert_eq!(
        b.page("/categories/福利慰问/page/3/")
            .texts(".doc-list .doc-title"),
        vec!["慰问1"]
    );
    assert!(!b.exists("/categories/福利慰问/page/4/index.html"));
    assert_eq!(
        b.page("/categories/经费公开/")
            .texts(".doc-list .doc-title"),
        vec!["别的"]
    );
    assert!(!b.exists("/categories/经费公开/page/2/index.html"));
}

#[test]
fn category_slug_comes_from_site_yaml_or_else_the_name() {
    let site = TestSite::bare()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\ncategories:\n  - {name: 经费公开, slug: funds, description: 工会经费的预算和决算。}\n  - {name: 空分类, slug: empty}\n",
        )
        .doc("notices/a.md", "title: 预算公示\ndate: 2023-05-01\ncategories: [经费公开, 福利慰问]", "正文。")
        .doc("notices/b.md", "title: 慰问公示\ndate: 2023-05-02\ncategory: 福利慰问", "正文。")
        ;
    let b = site.build();
    assert_eq!(
        b.page("/categories/funds/").texts(".doc-list .doc-title"),
        vec!["预算公示"]
    );
    assert_eq!(
        b.page("/categories/福利慰问/")
            .texts(".doc-list .doc-title"),
        vec!["慰问公示", "预算公示"]
    );
    assert!(!b.exists("/categories/经费公开/index.html"));
    // The document links to both.
    let doc = b.page("/notices/a/");
    assert_eq!(
        doc.attrs("dl.meta a[href^='/categories/']", "href"),
        vec!["/categories/funds/", "/categories/福利慰问/"]
    );
    // The index lists every category with its count and description, declared ones first.
    let idx = b.page("/categories/");
    assert_eq!(
        idx.texts(".cat-list h2 a"),
        vec!["经费公开", "空分类", "福利慰问"]
    );
    assert_eq!(
        idx.texts(".cat-list h2 .count"),
        vec!["1 篇", "0 篇", "2 篇"]
    );
    assert!(idx.text(".cat-list li").contains("工会经费的预算和决算。"));
    assert_eq!(
        idx.attrs(".cat-list h2 a", "href"),
        vec![
            "/categories/funds/",
            "/categories/empty/",
            "/categories/福利慰问/"
        ]
    );
    // A declared category without documents still has its (empty) page.
    assert!(b.page("/categories/empty/").html.contains("暂无内容"));
}

#[test]
fn year_page_counts_documents_and_scheduled_items_per_month() {
    let site = TestSite::new()
        .doc("notices/a.md", "title: 甲\ndate: 2023-03-01", "正文。")
        .doc("notices/b.md", "title: 乙\ndate: 2023-03-20", "正文。")
        .doc("summaries/c.md", "title: 丙\ndate: 2023-05-20", "正文。")
        .doc(
            "plans/p.md",
            &plan(
                "计划",
                "2023-01-05",
                None,
                &[(3, &["x", "y"]), (11, &["z"])],
            ),
            "正文。",
        );
    let b = site.build();
    let p = b.page("/archive/2023/");
    let months = p.texts(".month-grid > li");
    assert_eq!(months.len(), 12);
    assert!(months[0].contains("发布 1 篇"), "{}", months[0]);
    assert!(
        months[2].contains("发布 2 篇") && months[2].contains("计划安排 2 项"),
        "{}",
        months[2]
    );
    assert!(months[3].contains("发布 0 篇"), "{}", months[3]);
    assert!(months[4].contains("发布 1 篇"), "{}", months[4]);
    assert!(
        months[10].contains("发布 0 篇") && months[10].contains("计划安排 1 项"),
        "{}",
        months[10]
    );
    // Months with a page link to it; empty months do not.
    assert_eq!(
        p.attrs(".month-grid a", "href"),
        vec![
            "/archive/2023/01/",
            "/archive/2023/03/",
            "/archive/2023/05/",
            "/archive/2023/11/"
        ]
    );
    // The bar chart is inline SVG with its numbers as text, readable without JavaScript.
    assert_eq!(p.count("figure.chart-box svg.chart rect"), 12);
    assert_eq!(
        p.texts("svg.chart text.n"),
        vec!["1", "0", "2", "0", "1", "0", "0", "0", "0", "0", "0", "0"]
    );
    assert!(p.text("svg.chart title").contains("2023"));
}

#[test]
fn archive_lists_years_with_counts_per_section_and_category() {
    let site = TestSite::new()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-03-01\ncategories: [经费公开]",
            "正文。",
        )
        .doc(
            "notices/b.md",
            "title: 乙\ndate: 2022-03-20\ncategories: [经费公开]",
            "正文。",
        )
        .doc(
            "summaries/c.md",
            "title: 丙\ndate: 2023-05-20\ncategories: [福利慰问]",
            "正文。",
        );
    let b = site.build();
    let p = b.page("/archive/");
    assert_eq!(p.texts(".year-list h2 a"), vec!["2023年", "2022年"]);
    assert_eq!(p.texts(".year-list h2 .count"), vec!["2 篇", "1 篇"]);
    let y2023 = p.text(".year-list > li");
    assert!(
        y2023.contains("公示公告 1") && y2023.contains("工作总结 1"),
        "{y2023}"
    );
    assert!(
        y2023.contains("经费公开 1") && y2023.contains("福利慰问 1"),
        "{y2023}"
    );
}

#[test]
fn document_links_to_previous_and_next_in_its_section_its_categories_and_its_month() {
    let site = TestSite::new()
        .doc(
            "notices/old.md",
            "title: 旧公示\ndate: 2023-04-01",
            "正文。",
        )
        .doc(
            "notices/mid.md",
            "title: 中公示\ndate: 2023-05-01\ncategories: [经费公开]",
            "正文。",
        )
        .doc(
            "notices/new.md",
            "title: 新公示\ndate: 2023-06-01",
            "正文。",
        )
        .doc(
            "plans/other.md",
            "title: 别的栏目\ndate: 2023-05-02",
            "正文。",
        );
    let b = site.build();
    let mid = b.page("/notices/mid/");
    assert_eq!(
        mid.attrs(".prev-next a[rel=prev]", "href"),
        vec!["/notices/old/"]
    );
    assert_eq!(
        mid.attrs(".prev-next a[rel=next]", "href"),
        vec!["/notices/new/"]
    );
    assert!(mid.text(".prev-next a[rel=prev]").contains("旧公示"));
    assert_eq!(
        mid.attrs("dl.meta a[href^='/categories/']", "href"),
        vec!["/categories/经费公开/"]
    );
    assert_eq!(
        mid.attrs("dl.meta a[href^='/archive/']", "href"),
        vec!["/archive/2023/05/"]
    );
    // The ends of the section have one neighbour; other sections are not neighbours.
    let old = b.page("/notices/old/");
    assert_eq!(old.count(".prev-next a[rel=prev]"), 0);
    assert_eq!(
        old.attrs(".prev-next a[rel=next]", "href"),
        vec!["/notices/mid/"]
    );
    let new = b.page("/notices/new/");
    assert_eq!(new.count(".prev-next a[rel=next]"), 0);
    assert_eq!(b.page("/plans/other/").count(".prev-next a"), 0);
}

#[test]
fn home_shows_open_notices_first_with_days_left_then_latest_then_this_month() {
    let site = TestSite::bare()
        .file("site.yaml", "title: 测试工会\nbase_url: https://example.org/\ncontact: 工会办公室\ncategories:\n  - {name: 经费公开, slug: funds}\n")
        .doc("notices/open.md", "title: 正在公示的预算\ndate: 2023-06-10\ncategories: [经费公开]\ndisclosure: {start: 2023-06-10, end: 2023-06-19}", "正文。")
        .doc("notices/soon.md", "title: 尚未开始的公示\ndate: 2023-06-14\ndisclosure: {start: 2023-06-20, days: 5}", "正文。")
        .doc("notices/done.md", "title: 已结束的公示\ndate: 2023-05-01\ndisclosure: {start: 2023-05-01, days: 5}", "正文。")
        .doc("plans/p.md", &plan("工会2023年工作计划", "2023-01-05", None, &[(6, &["六月的安排"]), (7, &["七月的安排"])]), "正文。")
        .doc("summaries/s.md", "title: 上半年总结\ndate: 2023-06-01", "正文。")
        ;
    let b = site.build();
    let p = b.page("/");
    // Only notices inside their period, with the days left in words.
    assert_eq!(
        p.texts(".panel-open li:not([hidden]) .doc-title"),
        vec!["正在公示的预算"]
    );
    // The one not yet open is there but hidden, for gongkai.js to show when its day comes.
    assert_eq!(
        p.texts(".panel-open li[hidden] .doc-title"),
        vec!["尚未开始的公示"]
    );
    assert_eq!(p.count(".panel-open [data-disclosure-empty][hidden]"), 1);
    assert!(
        p.text(".panel-open li").contains("公示中（剩余 5 天）"),
        "{}",
        p.text(".panel-open")
    );
    // The open notices come before everything else in main.
    let headings = p.texts("main h2");
    assert_eq!(headings[0], "正在公示");
    let pos = |h: &str| {
        headings
            .iter()
            .position(|x| x.starts_with(h))
            .unwrap_or_else(|| panic!("no {h} in {headings:?}"))
    };
    assert!(pos("最新工作计划") < pos("最新公示公告") && pos("最新公示公告") < pos("最新工作总结"));
    assert!(pos("最新工作总结") < pos("本月工作安排"));
    assert_eq!(
        p.texts("#h-notices ~ .doc-list .doc-title"),
        vec!["尚未开始的公示", "正在公示的预算", "已结束的公示"]
    );
    // This month's scheduled items, linking to the plan and to the month page.
    let month = p.text("section[aria-labelledby=h-month]");
    assert!(
        month.contains("六月的安排") && !month.contains("七月的安排"),
        "{month}"
    );
    assert!(p
        .attrs("section[aria-labelledby=h-month] a", "href")
        .contains(&"/archive/2023/06/".to_string()));
    // Links to the archive and the categories.
    let hrefs = p.attrs("main a", "href");
    for h in [
        "/archive/",
        "/categories/",
        "/categories/funds/",
        "/archive/2023/",
    ] {
        assert!(hrefs.contains(&h.to_string()), "no link to {h}");
    }
}

#[test]
fn home_says_so_when_nothing_is_open_for_objections() {
    let site = TestSite::new().doc("summaries/s.md", "title: 总结\ndate: 2023-06-01", "正文。");
    let b = site.build();
    let p = b.page("/");
    assert!(p.text(".panel-open").contains("目前没有处于公示期的事项"));
    // No link to a month page that does not exist.
    assert!(!p
        .attrs("a", "href")
        .contains(&"/archive/2023/07/".to_string()));
}

#[test]
fn withdrawn_documents_stay_listed_with_their_mark() {
    let site = TestSite::new()
        .doc("notices/w.md", "title: 撤销的公示\ndate: 2023-05-01\nstatus: withdrawn\nwithdrawn: {date: 2023-05-03, reason: 名单有误}", "正文。")
        ;
    let b = site.build();
    for path in ["/notices/", "/archive/2023/05/"] {
        let p = b.page(path);
        assert_eq!(p.count(".doc-item.is-withdrawn"), 1, "{path}");
        assert!(
            p.text(".doc-item.is-withdrawn").contains("已撤销"),
            "{path}"
        );
    }
    let doc = b.page("/notices/w/");
    assert!(doc.text(".banner-withdrawn").contains("名单有误"));
    assert!(doc.text("dl.meta").contains("已撤销"));
}

/// Every page kind of a site under a sub-path: every link, stylesheet and script stays
/// under the base path and points at a file that was written.
#[test]
fn sub_path_base_url_links_work_on_every_page_kind() {
    let site = TestSite::bare()
        .file("site.yaml", "title: 测试工会\nbase_url: https://union.example.edu.cn/gk/\npaginate: 1\ncategories:\n  - {name: 经费公开, slug: funds}\n")
        .doc("notices/a.md", "title: 甲\ndate: 2023-05-01\ncategories: [经费公开, 福利慰问]\ndisclosure: {start: 2023-06-10, days: 10}\ncontact: 工会办公室", "见[计划](../plans/p.md)。")
        .doc("notices/b.md", "title: 乙\ndate: 2023-05-03\ncategories: [经费公开]", "正文。")
        .doc("plans/p.md", &plan("计划", "2022-12-05", Some(2023), &[(5, &["五月"]), (6, &["六月"])]), "正文。")
        .doc("summaries/s.md", "title: 总结\ndate: 2023-06-01", "正文。")
        ;
    let b = site.build();
    let pages = [
        "/",
        "/notices/",
        "/notices/page/2/",
        "/notices/a/",
        "/plans/p/",
        "/categories/",
        "/categories/funds/",
        "/categories/funds/page/2/",
        "/categories/福利慰问/",
        "/archive/",
        "/archive/2023/",
        "/archive/2023/05/",
        "/archive/2022/12/",
        "/search/",
        "/404.html",
    ];
    for path in pages {
        let p = b.page(path);
        let mut targets = p.attrs("a[href]", "href");
        targets.extend(p.attrs("link[href]", "href"));
        targets.extend(p.attrs("script[src]", "src"));
        assert!(targets.len() > 5, "{path}: too few links");
        for t in targets {
            if t.starts_with("https://")
                || t.starts_with("http://")
                || t.starts_with('#')
                || t.starts_with("mailto:")
            {
                continue;
            }
            assert!(t.starts_with("/gk/"), "{path}: link {t} is not under /gk/");
            let rel = percent_decode(
                t.trim_start_matches("/gk")
                    .split('#')
                    .next()
                    .unwrap_or_default(),
            );
            let file = if rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.clone()
            };
            assert!(
                b.exists(&file),
                "{path}: link {t} points at nothing ({file})"
            );
        }
    }
}

#[test]
fn english_site_renders_every_page_kind_in_english() {
    let site = TestSite::bare()
        .file("site.yaml", "title: Test Union\nbase_url: https://example.org/\nlanguage: en\ncontact: Union office\n")
        .doc("notices/a.md", "title: Budget notice\ndate: 2023-06-10\ncategories: [Funds]\ndisclosure: {start: 2023-06-10, days: 10}", "Text.")
        .doc("plans/p.md", &plan("Work plan 2023", "2023-01-05", None, &[(6, &["June item"])]), "Text.")
        ;
    let b = site.build();
    for path in [
        "/",
        "/notices/",
        "/notices/a/",
        "/plans/p/",
        "/categories/",
        "/categories/Funds/",
        "/archive/",
        "/archive/2023/",
        "/archive/2023/06/",
        "/404.html",
    ] {
        let p = b.page(path);
        assert_eq!(p.attrs("html", "lang"), vec!["en"], "{path}");
        assert!(
            !p.text("main")
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{path}: Chinese words in an English site: {}",
            p.text("main")
        );
    }
    assert!(b
        .page("/")
        .text(".panel-open")
        .contains("Open (days left: 5)"));
    assert!(b
        .page("/archive/2023/")
        .text(".month-grid")
        .contains("Published 1 document"));
}

#[test]
fn document_page_is_ready_for_the_bulletin_board() {
    let src = "---\ntitle: 预算公示\ndate: 2023-06-10\ndepartment: 校工会经审委员会\ndisclosure: {start: 2023-06-10, days: 5, contact: 经审委员会 电话 1234}\n---\n\n正文。\n";
    let site = TestSite::new().file("content/notices/budget.md", src);
    let site = site;
    let b = site.build();
    let p = b.page("/notices/budget/");
    use sha2::Digest;
    let hash = format!("{:x}", sha2::Sha256::digest(src.as_bytes()));
    assert_eq!(p.text(".hash code"), hash[..12]);
    assert_eq!(p.count(".qr-box img.qr"), 1);
    // The code itself is a file beside the page, fetched only for printing.
    assert_eq!(
        p.attrs(".qr-box img.qr", "src"),
        vec!["/notices/budget/index.qr.svg".to_string()]
    );
    assert_eq!(
        p.attrs(".qr-box img.qr", "loading"),
        vec!["lazy".to_string()]
    );
    let svg =
        std::fs::read_to_string(b.out.join("notices/budget/index.qr.svg")).expect("the QR file");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(p
        .text(".print-only.url")
        .contains("https://example.org/notices/budget/"));
    assert!(p.text(".contact").contains("经审委员会 电话 1234"));
    let foot = p.text(".signature");
    assert!(
        foot.starts_with("校工会经审委员会") && foot.ends_with("2023年6月10日"),
        "{foot}"
    );
    // The navigation is marked for the print stylesheet to hide.
    assert!(b.file("/style.css").contains("@media print"));
    assert!(p.count(".prev-next.no-print") <= 1);
}

#[test]
fn pages_have_landmarks_a_skip_link_and_a_labelled_navigation() {
    let site = TestSite::new().doc("notices/a.md", "title: 甲\ndate: 2023-05-01", "正文。");
    let b = site.build();
    for path in [
        "/",
        "/notices/",
        "/notices/a/",
        "/categories/",
        "/archive/",
        "/archive/2023/",
        "/archive/2023/05/",
    ] {
        let p = b.page(path);
        assert_eq!(p.attrs("html", "lang"), vec!["zh-CN"], "{path}");
        assert_eq!(p.count("header"), 1, "{path}");
        assert_eq!(p.count("main#main"), 1, "{path}");
        assert_eq!(p.count("footer.site-footer"), 1, "{path}");
        assert_eq!(p.attrs("a.skip-link", "href"), vec!["#main"], "{path}");
        assert_eq!(
            p.attrs("nav.site-nav", "aria-label"),
            vec!["主导航"],
            "{path}"
        );
        assert_eq!(p.count("h1"), 1, "{path}");
    }
}

#[test]
fn pager_of_a_long_list_shows_the_ends_and_the_pages_near_the_current_one() {
    let mut s = site_with_paginate(1);
    for i in 1..=9 {
        s = s.doc(
            &format!("notices/n{i}.md"),
            &format!("title: 公示{i}\ndate: 2023-05-0{i}"),
            "正文。",
        );
    }
    let b = s.build();
    let p = b.page("/notices/page/5/");
    assert_eq!(
        p.texts("nav.pager ol a"),
        vec!["1", "3", "4", "5", "6", "7", "9"]
    );
    assert_eq!(p.count("nav.pager .gap"), 2);
    assert_eq!(
        p.attrs("nav.pager a[rel=prev]", "href"),
        vec!["/notices/page/4/"]
    );
    assert_eq!(
        p.attrs("nav.pager a[rel=next]", "href"),
        vec!["/notices/page/6/"]
    );
    let first = b.page("/notices/");
    assert_eq!(first.texts("nav.pager ol a"), vec!["1", "2", "3", "9"]);
    assert!(b.exists("/notices/page/9/index.html"));
}

/// A site names its own sections in site.yaml: 财务公开 for content/finance/, and its
/// own word for notices; the title shows in the menu, the list, the document's crumb and
/// the search index, the description on the list's first page; its documents are of
/// the kind declared.
#[test]
fn sections_declared_in_site_yaml_are_shown_by_their_titles() {
    let site = TestSite::bare()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\npaginate: 1\nsections:\n  - {name: finance, title: 财务公开, description: 工会经费的收支情况。, kind: summary}\n  - {name: notices, title: 校务公开}\n",
        )
        .doc("finance/budget.md", "title: 2023年经费预算\ndate: 2023-03-01", "预算。")
        .doc("finance/report.md", "title: 2022年经费决算\ndate: 2023-02-01", "决算。")
        .doc("notices/a.md", "title: 通知\ndate: 2023-03-02", "通知。");
    let b = site.build();
    let home = b.page("/");
    let nav = home.texts("nav.site-nav a");
    assert!(nav.contains(&"财务公开".to_string()), "{nav:?}");
    assert!(nav.contains(&"校务公开".to_string()), "{nav:?}");
    assert!(
        !nav.iter().any(|t| t == "finance" || t == "公示公告"),
        "{nav:?}"
    );
    let list = b.page("/finance/");
    assert!(
        list.text("h1").starts_with("财务公开"),
        "{}",
        list.text("h1")
    );
    assert_eq!(list.text("p.lead"), "工会经费的收支情况。");
    assert_eq!(b.page("/finance/page/2/").count("p.lead"), 0);
    let doc = b.page("/finance/budget/");
    assert_eq!(doc.text(".crumbs"), "财务公开");
    assert_eq!(
        doc.attrs("article.document", "class"),
        vec!["document kind-summary"]
    );
    let meta: serde_json::Value = serde_json::from_str(&b.file("/search/meta.json")).unwrap();
    assert!(
        meta["sections"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["finance", "财务公开"])),
        "{}",
        meta["sections"]
    );
}

#[test]
fn english_words_are_spaced_and_a_schedule_only_year_shows_no_count() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: Staff Union\nbase_url: https://example.org/\nlanguage: en\n",
        )
        .doc(
            "plans/p.md",
            "title: Plan 2024\ndate: 2023-06-01\nyear: 2024\ncategories: [Welfare, Sports]\nschedule:\n  3: [Spring outing]",
            "Body.",
        );
    let b = site.build();
    let home = b.page("/");
    assert!(
        home.texts("h2").iter().any(|h| h == "Latest Plans"),
        "{:?}",
        home.texts("h2")
    );
    let chips = home.texts(".browse .chips a");
    // 2024 has only the plan's schedule: no "0" after it.
    assert_eq!(
        chips,
        vec![
            "Sports 1 document",
            "Welfare 1 document",
            "2024",
            "2023 1 document"
        ]
    );
    let p = b.page("/plans/p/");
    assert!(
        p.text("dl.meta").contains("Welfare, Sports"),
        "{}",
        p.text("dl.meta")
    );
}

#[test]
fn every_list_page_has_a_description() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\ncategories:\n  - {name: 经费公开, description: 工会经费的预算与决算}\n",
        )
        .doc("notices/a.md", "title: 甲\ndate: 2023-06-01\ncategories: [经费公开]", "正文。");
    let b = site.build();
    let desc = |p: &str| b.page(p).attrs("meta[name=description]", "content");
    assert_eq!(
        desc("/"),
        vec!["测试工会：工作计划、公示公告与工作总结的公开发布"]
    );
    assert_eq!(desc("/notices/"), vec!["测试工会：公示公告"]);
    assert_eq!(desc("/categories/经费公开/"), vec!["工会经费的预算与决算"]);
    assert_eq!(desc("/archive/2023/06/"), vec!["测试工会：2023年6月"]);
    for p in ["/archive/", "/categories/", "/search/", "/404.html"] {
        assert_eq!(desc(p).len(), 1, "{p}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]
    /// Every document appears exactly once across its section's and each category's
    /// pages, newest first, following the `next` links from the first page, whatever
    /// the number of documents, their dates and the page size.
    #[test]
    fn every_document_is_listed_exactly_once_across_the_pages(
        days in proptest::collection::vec(1u32..29, 0..40),
        cats in proptest::collection::vec(0usize..3, 40),
        per in 1usize..8,
    ) {
        let mut s = TestSite::new().file(
            "site.yaml",
            &format!("title: 测试工会\nbase_url: https://example.org/\ncontact: 工会办公室\npaginate: {per}\n"),
        );
        let names = ["经费公开", "福利慰问", "评优评先"];
        for (i, d) in days.iter().enumerate() {
            s = s.doc(
                &format!("notices/n{i}.md"),
                &format!("title: 公示{i:02}\ndate: 2023-05-{d:02}\ncategories: [{}]", names[cats[i]]),
                "正文。",
            );
        }
        let b = s.build();
        let walk = |first: &str| {
            let mut seen: Vec<String> = Vec::new();
            let mut next = Some(first.to_string());
            while let Some(url) = next {
                let p = b.page(&url);
                let titles = p.texts(".doc-list .doc-title");
                assert!(titles.len() <= per, "{url}: {titles:?}");
                seen.extend(titles);
                next = p.attrs("nav.pager a[rel=next]", "href").into_iter().next();
            }
            seen
        };
        // Newest first; a day shared by several: the order the site gives, once each.
        let order = |which: &dyn Fn(usize) -> bool| {
            let mut v: Vec<(u32, String)> = days
                .iter()
                .enumerate()
                .filter(|(i, _)| which(*i))
                .map(|(i, d)| (*d, format!("公示{i:02}")))
                .collect();
            v.sort_by_key(|x| std::cmp::Reverse(x.0));
            v
        };
        if !days.is_empty() {
            let listed = walk("/notices/");
            let want = order(&|_| true);
            let mut sorted = listed.clone();
            sorted.sort();
            let mut all: Vec<String> = want.iter().map(|w| w.1.clone()).collect();
            all.sort();
            proptest::prop_assert_eq!(sorted, all);
            let listed_days: Vec<u32> = listed
                .iter()
                .map(|t| days[t["公示".len()..].parse::<usize>().unwrap()])
                .collect();
            proptest::prop_assert!(listed_days.windows(2).all(|w| w[0] >= w[1]), "{:?}", listed_days);
        }
        for (c, name) in names.iter().enumerate() {
            let want = order(&|i| cats[i] == c);
            if want.is_empty() {
                continue;
            }
            let mut listed = walk(&format!("/categories/{name}/"));
            listed.sort();
            let mut all: Vec<String> = want.into_iter().map(|w| w.1).collect();
            all.sort();
            proptest::prop_assert_eq!(listed, all);
        }
    }
}
