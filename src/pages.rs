//! Planning: which pages a site has, where each is written, and which pages list a
//! given document (so that an edit re-renders only those).

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
    Robots,
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
            Page::NotFound | Page::Feed | Page::Sitemap | Page::Robots | Page::Search
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
    if let Some(s) = site.section(&d.section) {
        if let Some(pos) = s.docs.iter().position(|&x| x == i) {
            pages.push(Page::Section {
                section: s.name.clone(),
                page: pos / site.config.paginate + 1,
            });
        }
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
        if let Some(pos) = s.docs.iter().position(|&x| x == i) {
            for n in [pos.checked_sub(1), Some(pos + 1)].into_iter().flatten() {
                if let Some(&j) = s.docs.get(n) {
                    pages.push(Page::Document(site.docs[j].path.clone()));
                }
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
