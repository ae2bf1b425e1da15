//! Planning: which pages a site has, where each is written, and which pages list a
//! given document (so that an edit re-renders only those).

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::Datelike;

use crate::site::Site;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    /// A section list page, 1-based.
    Section {
        section: String,
        page: usize,
    },
    /// A document page, by its site path (`/notices/a/`).
    Document(String),
    Categories,
    Category {
        slug: String,
        page: usize,
    },
    Archive,
    Year(i32),
    Month(i32, u32),
    Search,
    NotFound,
    Feed,
    Sitemap,
    /// The `n`th sitemap (from 1) of a site with more URLs than one sitemap may hold;
    /// `/sitemap.xml` is then their index.
    SitemapPart(usize),
    Robots,
}

/// The most URLs one sitemap may list (the sitemap protocol's limit).
pub const SITEMAP_MAX: usize = 50_000;

/// [`SITEMAP_MAX`], or `GONGKAI_SITEMAP_MAX` where a test sets a smaller one.
pub fn sitemap_max() -> usize {
    std::env::var("GONGKAI_SITEMAP_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n: &usize| (1..=SITEMAP_MAX).contains(n))
        .unwrap_or(SITEMAP_MAX)
}

/// The site path of a list's `n`th page (`/notices/`, `/notices/page/2/`).
pub fn paged(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

impl Page {
    /// The site path of the page (`/notices/page/2/`, `/feed.xml`).
    pub fn path(&self) -> String {
        match self {
            Page::Home => "/".into(),
            Page::Section { section, page } => paged(&format!("/{section}/"), *page),
            Page::Document(p) => p.clone(),
            Page::Categories => "/categories/".into(),
            Page::Category { slug, page } => paged(&format!("/categories/{slug}/"), *page),
            Page::Archive => "/archive/".into(),
            Page::Year(y) => format!("/archive/{y}/"),
            Page::Month(y, m) => format!("/archive/{y}/{m:02}/"),
            Page::Search => "/search/".into(),
            Page::NotFound => "/404.html".into(),
            Page::Feed => "/feed.xml".into(),
            Page::Sitemap => "/sitemap.xml".into(),
            Page::SitemapPart(n) => format!("/sitemap-{n}.xml"),
            Page::Robots => "/robots.txt".into(),
        }
    }

    /// The file written for the page, relative to the output folder.
    pub fn output_file(&self) -> String {
        let p = self.path();
        let p = p.trim_start_matches('/');
        if p.is_empty() {
            "index.html".into()
        } else if p.ends_with('/') {
            format!("{p}index.html")
        } else {
            p.to_string()
        }
    }

    /// Whether the page is an HTML page listed in the sitemap.
    pub fn in_sitemap(&self) -> bool {
        !matches!(
            self,
            Page::NotFound
                | Page::Feed
                | Page::Sitemap
                | Page::SitemapPart(_)
                | Page::Robots
                | Page::Search
        )
    }
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home];
    for s in &site.sections {
        for n in 1..=site.page_count(s.docs.len()) {
            pages.push(Page::Section {
                section: s.name.clone(),
                page: n,
            });
        }
    }
    pages.extend(site.docs.iter().map(|d| Page::Document(d.path.clone())));
    pages.push(Page::Categories);
    for c in &site.categories {
        for n in 1..=site.page_count(c.docs.len()) {
            pages.push(Page::Category {
                slug: c.slug.clone(),
                page: n,
            });
        }
    }
    pages.push(Page::Archive);
    for y in years(site) {
        pages.push(Page::Year(y));
    }
    for (y, m) in months(site) {
        pages.push(Page::Month(y, m));
    }
    if site.config.search {
        pages.push(Page::Search);
    }
    pages.push(Page::NotFound);
    if site.config.feed {
        pages.push(Page::Feed);
    }
    pages.push(Page::Sitemap);
    let urls = pages.iter().filter(|p| p.in_sitemap()).count();
    let max = sitemap_max();
    if urls > max {
        pages.extend((1..=urls.div_ceil(max)).map(Page::SitemapPart));
    }
    pages.push(Page::Robots);
    pages
}

/// Years with a document published or a plan item scheduled, oldest first.
pub fn years(site: &Site) -> Vec<i32> {
    let mut ys: Vec<i32> = site
        .months
        .keys()
        .chain(site.schedule.keys())
        .map(|(y, _)| *y)
        .collect();
    ys.sort_unstable();
    ys.dedup();
    ys
}

/// Months with a document published or a plan item scheduled, oldest first.
pub fn months(site: &Site) -> Vec<(i32, u32)> {
    let mut ms: Vec<(i32, u32)> = site
        .months
        .keys()
        .chain(site.schedule.keys())
        .copied()
        .collect();
    ms.sort_unstable();
    ms.dedup();
    ms
}

/// The pages that show document `i`: its own page, the list pages it appears on, and
/// the site-wide pages (home, feed, sitemap, archive). Watch mode re-renders these.
pub fn pages_listing(site: &Site, i: usize) -> Vec<Page> {
    let d = &site.docs[i];
    let mut pages = vec![
        Page::Document(d.path.clone()),
        Page::Home,
        Page::Archive,
        Page::Categories,
    ];
    if site.section(&d.section).is_some() {
        pages.push(Page::Section {
            section: d.section.clone(),
            page: site.section_pos[i] / site.config.paginate + 1,
        });
    }
    for c in &site.categories {
        if let Some(pos) = c.docs.iter().position(|&x| x == i) {
            pages.push(Page::Category {
                slug: c.slug.clone(),
                page: pos / site.config.paginate + 1,
            });
        }
    }
    let (y, m) = (d.fm.date.day.year(), d.fm.date.day.month());
    pages.push(Page::Year(y));
    pages.push(Page::Month(y, m));
    if d.kind == crate::content::Kind::Plan {
        let year = d.fm.year.unwrap_or(y);
        pages.push(Page::Year(year));
        for month in d.fm.schedule.keys() {
            pages.push(Page::Month(year, *month));
        }
    }
    // Neighbours show this document as previous/next.
    if let Some(s) = site.section(&d.section) {
        let pos = site.section_pos[i];
        for n in [pos.checked_sub(1), Some(pos + 1)].into_iter().flatten() {
            if let Some(&j) = s.docs.get(n) {
                pages.push(Page::Document(site.docs[j].path.clone()));
            }
        }
    }
    if site.config.feed {
        pages.push(Page::Feed);
    }
    pages.push(Page::Sitemap);
    pages.sort();
    pages.dedup();
    pages
}

fn everything_sitemaps(touched: &BTreeSet<Page>) -> bool {
    touched.iter().any(|p| matches!(p, Page::SitemapPart(_)))
}

/// The pages of a plan other than document pages (those are looked up in `by_path`).
fn list_pages(plan: &[Page]) -> HashSet<Page> {
    plan.iter()
        .filter(|p| !matches!(p, Page::Document(_)))
        .cloned()
        .collect()
}

/// A paginated list, by what it lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ListKey {
    Section(String),
    Category(String),
}

/// What a site's pages showed before a change, kept while the site is changed: enough
/// to tell, with the changed site, which pages to render again ([`affected`]).
pub struct Shown {
    /// Every paginated list as hashes of its documents' site paths, in order.
    lists: HashMap<ListKey, Vec<u64>>,
    months: Vec<(i32, u32)>,
    sections: Vec<String>,
    has_code: bool,
    /// The pages that showed the documents about to change or go.
    listing: BTreeSet<Page>,
    /// The pages other than document pages.
    list_pages: HashSet<Page>,
}

/// Fixed-key hashes of each document's site path, so that two versions hash alike.
fn path_hashes(site: &Site) -> Vec<u64> {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    site.docs.iter().map(|d| hasher.hash_one(&d.path)).collect()
}

fn list_sequences(site: &Site) -> HashMap<ListKey, Vec<u64>> {
    let hashes = path_hashes(site);
    let mut m = HashMap::new();
    for s in &site.sections {
        m.insert(
            ListKey::Section(s.name.clone()),
            s.docs.iter().map(|&i| hashes[i]).collect(),
        );
    }
    for c in &site.categories {
        m.insert(
            ListKey::Category(c.slug.clone()),
            c.docs.iter().map(|&i| hashes[i]).collect(),
        );
    }
    m
}

impl Shown {
    /// What `site` shows; `changing` are the indices of its documents about to be
    /// replaced, removed or rendered again; `plan` its pages ([`plan`]).
    pub fn of(site: &Site, changing: &[usize], plan: &[Page]) -> Shown {
        Shown {
            lists: list_sequences(site),
            months: months(site),
            sections: site.sections.iter().map(|s| s.name.clone()).collect(),
            has_code: site.has_code,
            listing: changing
                .iter()
                .flat_map(|&i| pages_listing(site, i))
                .collect(),
            list_pages: list_pages(plan),
        }
    }
}

fn list_page(key: &ListKey, n: usize) -> Page {
    match key {
        ListKey::Section(s) => Page::Section {
            section: s.clone(),
            page: n,
        },
        ListKey::Category(c) => Page::Category {
            slug: c.clone(),
            page: n,
        },
    }
}

/// The pages of a list that differ between its old and new order: every page when its
/// length changed (each page shows the count and the number of pages), otherwise those
/// from the first to the last position that changed.
fn changed_list_pages<T: PartialEq>(key: &ListKey, old: &[T], new: &[T], per: usize) -> Vec<Page> {
    let pages_of = |n: usize| n.div_ceil(per).max(1);
    if old.len() != new.len() {
        let n = pages_of(old.len()).max(pages_of(new.len()));
        return (1..=n).map(|k| list_page(key, k)).collect();
    }
    let first = old.iter().zip(new).position(|(a, b)| a != b);
    let last = old.iter().zip(new).rposition(|(a, b)| a != b);
    match (first, last) {
        (Some(f), Some(l)) => (f / per + 1..=l / per + 1)
            .map(|k| list_page(key, k))
            .collect(),
        _ => Vec::new(),
    }
}

/// The pages a change touches.
#[derive(Debug, Default)]
pub struct Affected {
    /// Pages to render (again).
    pub render: BTreeSet<Page>,
    /// Pages the site no longer has.
    pub remove: BTreeSet<Page>,
    /// Whether every page is rendered (templates changed, a section came or went, code
    /// highlighting appeared or vanished: every page's navigation or head changed).
    pub everything: bool,
    /// The changed site's pages ([`plan`]).
    pub plan: Vec<Page>,
}

/// The invalidation rules of watch mode: given what the site showed before a change
/// ([`Shown`]), the changed site, the site paths of the documents that changed, went or
/// render differently (old and new paths), and whether the templates changed, which
/// pages to render and which to remove.
pub fn affected(
    before: &Shown,
    site: &Site,
    changed: &BTreeSet<String>,
    templates: bool,
) -> Affected {
    let per = site.config.paginate;
    let mut touched: BTreeSet<Page> = before.listing.clone();
    for path in changed {
        if let Some(&i) = site.by_path.get(path) {
            touched.extend(pages_listing(site, i));
        }
    }
    let all = plan(site);
    // The sitemaps are one: a change to the index touches every part, the site's
    // before (those gone are removed) and after.
    if touched.contains(&Page::Sitemap) || everything_sitemaps(&touched) {
        let parts = before
            .list_pages
            .iter()
            .chain(&all)
            .filter(|p| matches!(p, Page::SitemapPart(_)))
            .cloned()
            .collect::<Vec<_>>();
        touched.extend(parts);
    }
    let plan = list_pages(&all);
    let sections: Vec<String> = site.sections.iter().map(|s| s.name.clone()).collect();
    let everything = templates || before.sections != sections || before.has_code != site.has_code;
    if everything {
        touched.extend(all.iter().cloned());
    } else if !changed.is_empty() {
        // Lists whose order or length changed: the pages from the first difference on.
        let new_lists = list_sequences(site);
        for (key, new_seq) in &new_lists {
            let old_seq = before.lists.get(key).map(Vec::as_slice).unwrap_or(&[]);
            touched.extend(changed_list_pages(key, old_seq, new_seq, per));
        }
        for (key, old_seq) in &before.lists {
            if !new_lists.contains_key(key) {
                touched.extend(changed_list_pages(key, old_seq, &[], per));
            }
        }
        // A month appearing or vanishing changes the archive's navigation.
        if months(site) != before.months {
            touched.extend(
                plan.iter()
                    .filter(|p| matches!(p, Page::Month(..) | Page::Year(_)))
                    .cloned(),
            );
        }
        // Site-wide pages (home, feed, sitemap, search, archive and any added later).
        touched.extend(
            plan.iter()
                .filter(|p| {
                    !matches!(
                        p,
                        Page::Section { .. }
                            | Page::Category { .. }
                            | Page::Month(..)
                            | Page::Year(_)
                    )
                })
                .cloned(),
        );
    }
    let mut out = Affected {
        everything,
        ..Affected::default()
    };
    for p in touched {
        let exists = match &p {
            Page::Document(path) => site.by_path.contains_key(path),
            p => plan.contains(p),
        };
        if exists {
            out.render.insert(p);
        } else {
            out.remove.insert(p);
        }
    }
    out.remove.extend(
        before
            .list_pages
            .iter()
            .filter(|p| !plan.contains(*p))
            .cloned(),
    );
    out.plan = all;
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::Path;

    /// A site made from front matters, with no files.
    pub(crate) fn site(docs: &[(&str, &str)]) -> Site {
        let root = Path::new("/s");
        let config = crate::config::Config::parse(
            root,
            Path::new("site.yaml"),
            "title: T\nbase_url: https://example.org/\npaginate: 2\n",
        )
        .unwrap();
        let docs = docs
            .iter()
            .map(|(rel, fm)| {
                crate::content::from_text(
                    &config,
                    &root.join("content").join(rel),
                    format!("---\n{fm}\n---\n\n正文。\n"),
                    None,
                )
                .unwrap()
            })
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let (site, diags) = Site::new(config, docs, &[], today, false, false);
        assert!(diags.is_empty(), "{diags:?}");
        site
    }

    const BASE: &[(&str, &str)] = &[
        (
            "notices/a.md",
            "title: A\ndate: 2023-06-01\ncategories: [甲]",
        ),
        (
            "notices/b.md",
            "title: B\ndate: 2023-05-01\ncategories: [乙]",
        ),
        (
            "notices/c.md",
            "title: C\ndate: 2023-04-01\ncategories: [甲]",
        ),
        ("plans/p.md", "title: P\ndate: 2023-01-05\ncategories: [乙]"),
    ];

    /// What changes when the documents at `changed` (site paths) move from `old` to
    /// `new`.
    fn change(old: &[(&str, &str)], new: &[(&str, &str)], changed: &[&str]) -> Affected {
        let old = site(old);
        let changing: Vec<usize> = changed
            .iter()
            .filter_map(|p| old.by_path.get(*p).copied())
            .collect();
        let shown = Shown::of(&old, &changing, &plan(&old));
        let new = site(new);
        let changed = changed.iter().map(|s| s.to_string()).collect();
        affected(&shown, &new, &changed, false)
    }

    fn section(s: &str, page: usize) -> Page {
        Page::Section {
            section: s.into(),
            page,
        }
    }

    fn category(s: &str, page: usize) -> Page {
        Page::Category {
            slug: s.into(),
            page,
        }
    }

    #[test]
    fn an_edited_body_renders_its_page_its_lists_and_its_neighbours_only() {
        let mut new = BASE.to_vec();
        new[1].1 = "title: B（改）\ndate: 2023-05-01\ncategories: [乙]";
        let a = change(BASE, &new, &["/notices/b/"]);
        assert!(!a.everything);
        for p in [
            Page::Document("/notices/b/".into()),
            Page::Document("/notices/a/".into()),
            Page::Document("/notices/c/".into()),
            section("notices", 1),
            category("乙", 1),
            Page::Month(2023, 5),
            Page::Home,
            Page::Feed,
            Page::Sitemap,
        ] {
            assert!(a.render.contains(&p), "{p:?} in {:?}", a.render);
        }
        for p in [
            Page::Document("/plans/p/".into()),
            section("plans", 1),
            section("notices", 2),
            category("甲", 1),
            Page::Month(2023, 1),
        ] {
            assert!(!a.render.contains(&p), "{p:?} not in {:?}", a.render);
        }
        assert!(a.remove.is_empty(), "{:?}", a.remove);
    }

    #[test]
    fn a_list_that_grows_a_page_renders_all_its_pages() {
        let mut new = BASE.to_vec();
        new.push((
            "notices/d.md",
            "title: D\ndate: 2023-07-01\ncategories: [甲]",
        ));
        let a = change(BASE, &new, &["/notices/d/"]);
        assert!(a.render.contains(&section("notices", 1)));
        assert!(a.render.contains(&section("notices", 2)));
        assert!(a.render.contains(&category("甲", 1)));
        assert!(a.render.contains(&category("甲", 2)));
        assert!(!a.render.contains(&category("乙", 1)));
    }

    #[test]
    fn the_last_document_of_a_month_going_removes_the_month() {
        let new: Vec<_> = BASE
            .iter()
            .filter(|(p, _)| *p != "notices/c.md")
            .copied()
            .collect();
        let a = change(BASE, &new, &["/notices/c/"]);
        assert!(a.remove.contains(&Page::Month(2023, 4)), "{:?}", a.remove);
        assert!(a.remove.contains(&Page::Document("/notices/c/".into())));
        // Every other month's page shows the archive's months: rendered again.
        assert!(a.render.contains(&Page::Month(2023, 1)));
        assert!(a.render.contains(&Page::Month(2023, 6)));
        assert!(!a.render.contains(&Page::Month(2023, 4)));
    }

    #[test]
    fn a_new_section_renders_everything() {
        let mut new = BASE.to_vec();
        new.push(("reports/r.md", "title: R\ndate: 2023-02-01\nkind: summary"));
        let a = change(BASE, &new, &["/reports/r/"]);
        assert!(a.everything);
        assert_eq!(a.render.len(), plan(&site(&new)).len());
    }

    #[test]
    fn changed_templates_render_everything_and_no_change_nothing() {
        let old = site(BASE);
        let shown = Shown::of(&old, &[], &plan(&old));
        let a = affected(&shown, &site(BASE), &BTreeSet::new(), true);
        assert!(a.everything);
        assert_eq!(a.render.len(), plan(&old).len());
        let a = affected(&shown, &site(BASE), &BTreeSet::new(), false);
        assert!(a.render.is_empty() && a.remove.is_empty());
    }

    fn seq(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_list_that_grew_renders_every_page() {
        let k = ListKey::Section("notices".into());
        let p = changed_list_pages(&k, &seq(&["a", "b", "c"]), &seq(&["a", "b", "c", "d"]), 2);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn a_reordered_list_renders_the_pages_between_the_changes() {
        let k = ListKey::Category("x".into());
        let old = seq(&["a", "b", "c", "d", "e", "f"]);
        let new = seq(&["a", "b", "d", "c", "e", "f"]);
        let p = changed_list_pages(&k, &old, &new, 2);
        assert_eq!(
            p,
            vec![Page::Category {
                slug: "x".into(),
                page: 2
            }]
        );
        assert!(changed_list_pages(&k, &old, &old, 2).is_empty());
    }
}
