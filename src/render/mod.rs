//! Rendering: templates (minijinja, autoescaped, strict about undefined names) and one
//! function that turns (site, page) into bytes, with no state besides its arguments.

pub mod feeds;
pub mod theme;
pub mod views;
pub mod words;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::Datelike;
use minijinja::{context, Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::pages::{self, paged, Page};
use crate::site::Site;

/// The template names a theme provides (SPEC §1).
pub const TEMPLATE_NAMES: &[&str] = &[
    "base.html",
    "index.html",
    "section.html",
    "document.html",
    "categories.html",
    "category.html",
    "archive.html",
    "year.html",
    "month.html",
    "search.html",
    "404.html",
];

/// The loaded templates and where each came from.
pub struct Renderer {
    env: Environment<'static>,
    /// Template name → file path shown in messages.
    paths: HashMap<String, PathBuf>,
}

impl Renderer {
    /// Loads the theme's templates, then the site's own `templates/` over them.
    pub fn new(config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html")
                || name.ends_with(".htm")
                || name.ends_with(".xml")
                || name.ends_with(".svg")
            {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        // HTML escaping as minijinja's, less `/` → `&#x2f;`: every URL in every page was
        // written that way (4–6% of the bytes, unreadable source, and tools that read
        // hrefs naively saw broken links). `/` needs no escaping in text or in quoted
        // attribute values; `& < > " '` still are.
        env.set_formatter(|out, state, value| {
            let text = value
                .as_str()
                .filter(|_| state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe());
            match text {
                Some(s) => crate::text::write_escaped_html(out, s).map_err(minijinja::Error::from),
                None => minijinja::escape_formatter(out, state, value),
            }
        });
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        let base_path = config.base_path.clone();
        env.add_function("url", move |p: String| -> String {
            format!("{}{}", base_path, p.trim_start_matches('/'))
        });

        let mut diags = Vec::new();
        let mut paths = HashMap::new();
        let files = match theme::template_files(config) {
            Ok(f) => f,
            Err(d) => return Err(vec![d]),
        };
        for (name, (shown, source)) in files {
            if let Err(e) = env.add_template_owned(name.clone(), source.clone()) {
                diags.push(template_diag(&shown, &source, &e));
            }
            paths.insert(name, shown);
        }
        for name in TEMPLATE_NAMES {
            if !paths.contains_key(*name) {
                diags.push(Diagnostic::error(
                    format!("themes/{}/templates/{name}", config.theme),
                    0,
                    0,
                    crate::t!("theme-no-template", name = *name),
                ));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut r = Renderer { env, paths };
        r.env
            .add_global("t", Value::from_serialize(words::words(config.language)));
        Ok(r)
    }

    /// Renders one page to bytes. `numbers` are the 索引号 the disclosure record gave,
    /// by site path (a document without one shows none); `plan` is every page of the
    /// site, as [`pages::plan`] made it (the sitemap lists them).
    pub fn render(
        &self,
        site: &Site,
        cards: &[Value],
        numbers: &Numbers,
        plan: &[Page],
        page: &Page,
    ) -> Result<Vec<u8>, Diagnostic> {
        match page {
            Page::Feed => return Ok(feeds::atom(site).into_bytes()),
            Page::Sitemap => return Ok(feeds::sitemap(site, plan, None).into_bytes()),
            Page::SitemapPart(n) => return Ok(feeds::sitemap(site, plan, Some(*n)).into_bytes()),
            Page::Robots => return Ok(feeds::robots(site).into_bytes()),
            _ => {}
        }
        let (template, ctx) = self.context(site, cards, numbers, page)?;
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| self.render_diag(&e, template))?;
        tmpl.render(ctx)
            .map(String::into_bytes)
            .map_err(|e| self.render_diag(&e, template))
    }

    fn render_diag(&self, e: &minijinja::Error, template: &str) -> Diagnostic {
        let name = e.name().unwrap_or(template);
        let shown = self
            .paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name));
        let source = self
            .env
            .get_template(name)
            .ok()
            .map(|t| t.source().to_string())
            .unwrap_or_default();
        template_diag(&shown, &source, e)
    }

    fn context(
        &self,
        site: &Site,
        cards: &[Value],
        numbers: &Numbers,
        page: &Page,
    ) -> Result<(&'static str, Value), Diagnostic> {
        let c = &site.config;
        let site_ctx = site_context(site);
        let path = page.path();
        let page_ctx = context! {
            path => path.clone(),
            url => c.link(&path),
            permalink => c.permalink(&path),
            kind => page_kind(page),
            record_head => numbers.head.clone(),
        };
        let list =
            |ids: &[usize]| -> Vec<Value> { ids.iter().map(|&i| cards[i].clone()).collect() };
        Ok(match page {
            Page::Home => {
                // Open periods, the soonest to end first.
                let in_disclosure =
                    notices_in_period(site, |p| p.start <= site.today && site.today <= p.end);
                // Notices whose period has not begun: listed hidden, so that gongkai.js can
                // show them once their period opens on a site built some days ago.
                let upcoming = notices_in_period(site, |p| p.start > site.today);
                // Plans, notices, summaries (SPEC §4), then any other sections.
                let mut ordered: Vec<&crate::site::Section> = site.sections.iter().collect();
                ordered.sort_by_key(|s| {
                    ["plans", "notices", "summaries"]
                        .iter()
                        .position(|n| *n == s.name)
                        .unwrap_or(3)
                });
                let latest: Vec<Value> = ordered
                    .into_iter()
                    .map(|s| {
                        context! {
                            name => s.name.clone(),
                            title => words::section_title(c, &s.name),
                            url => c.link(&format!("/{}/", s.name)),
                            count => s.docs.len(),
                            docs => list(&s.docs[..s.docs.len().min(5)]),
                        }
                    })
                    .collect();
                let (y, m) = (site.today.year(), site.today.month());
                let this_month = context! {
                    year => y,
                    month => m,
                    title => words::month_display(y, m, c.language),
                    url => c.link(&format!("/archive/{y}/{m:02}/")),
                    has_page => site.months.contains_key(&(y, m)) || site.schedule.contains_key(&(y, m)),
                    scheduled => scheduled(site, cards, y, m),
                };
                (
                    "index.html",
                    context! {
                        site => site_ctx, page => page_ctx, in_disclosure => list(&in_disclosure), upcoming_disclosure => list(&upcoming), latest => latest,
                        this_month => this_month, categories => categories_ctx(site), years => years_ctx(site),
                    },
                )
            }
            Page::Section { section, page: n } => {
                let s = site.section(section);
                let ids = s.map(|s| s.docs.as_slice()).unwrap_or(&[]);
                let base = format!("/{section}/");
                let (slice, pager) = paginate(site, ids, &base, *n);
                let section_ctx = context! {
                    name => section.clone(),
                    title => words::section_title(c, section),
                    description => c.section(section).and_then(|s| s.description.clone()),
                    url => c.link(&base),
                    count => ids.len(),
                };
                (
                    "section.html",
                    context! { site => site_ctx, page => page_ctx, section => section_ctx, docs => list(slice), paginator => pager },
                )
            }
            Page::Document(p) => {
                let Some(&i) = site.by_path.get(p) else {
                    return Err(Diagnostic::error(
                        p.as_str(),
                        0,
                        0,
                        crate::t!("internal-no-document"),
                    ));
                };
                let d = &site.docs[i];
                let doc = views::page_view(site, d, numbers.get(p), cards[i].clone());
                let (mut prev, mut next) = (Value::from(()), Value::from(()));
                if let Some(s) = site.section(&d.section) {
                    let pos = site.section_pos[i];
                    if let Some(&j) = s.docs.get(pos + 1) {
                        prev = cards[j].clone();
                    }
                    if pos > 0 {
                        next = cards[s.docs[pos - 1]].clone();
                    }
                }
                // The QR code itself is a file of its own (see emit::document_files).
                let qr = Value::from_safe_string(crate::render::theme::qr_img(&c.link(&format!(
                    "{}{}",
                    d.path,
                    crate::render::theme::QR_FILE
                ))));
                (
                    "document.html",
                    context! { site => site_ctx, page => page_ctx, doc => doc, prev => prev, next => next, qr => qr },
                )
            }
            Page::Categories => (
                "categories.html",
                context! { site => site_ctx, page => page_ctx, categories => categories_ctx(site) },
            ),
            Page::Category { slug, page: n } => {
                let k = site.categories.iter().find(|k| &k.slug == slug);
                let ids = k.map(|k| k.docs.as_slice()).unwrap_or(&[]);
                let base = format!("/categories/{slug}/");
                let (slice, pager) = paginate(site, ids, &base, *n);
                let cat = context! {
                    name => k.map(|k| k.name.clone()), slug => slug.clone(),
                    description => k.and_then(|k| k.description.clone()), url => c.link(&base), count => ids.len(),
                };
                (
                    "category.html",
                    context! { site => site_ctx, page => page_ctx, category => cat, docs => list(slice), paginator => pager },
                )
            }
            Page::Archive => {
                let years: Vec<Value> = pages::years(site)
                    .into_iter()
                    .rev()
                    .map(|y| {
                        let ids: Vec<usize> = site.months.range((y, 1)..=(y, 12)).flat_map(|(_, v)| v.iter().copied()).collect();
                        let sections: Vec<Value> = site
                            .sections
                            .iter()
                            .map(|s| {
                                let n = ids.iter().filter(|&&i| site.docs[i].section == s.name).count();
                                context! { name => s.name.clone(), title => words::section_title(c, &s.name), count => n }
                            })
                            .collect();
                        let mut per_cat: HashMap<&str, usize> = HashMap::new();
                        for &i in &ids {
                            for name in &site.docs[i].fm.categories {
                                *per_cat.entry(name.as_str()).or_default() += 1;
                            }
                        }
                        let categories: Vec<Value> = site
                            .categories
                            .iter()
                            .map(|k| {
                                let n = per_cat.get(k.name.as_str()).copied().unwrap_or(0);
                                context! { name => k.name.clone(), url => c.link(&format!("/categories/{}/", k.slug)), count => n }
                            })
                            .collect();
                        context! {
                            year => y, url => c.link(&format!("/archive/{y}/")), count => ids.len(),
                            sections => sections, categories => categories,
                        }
                    })
                    .collect();
                (
                    "archive.html",
                    context! { site => site_ctx, page => page_ctx, years => years },
                )
            }
            Page::Year(y) => {
                let months: Vec<Value> = (1..=12u32)
                    .map(|m| {
                        let count = site.months.get(&(*y, m)).map_or(0, Vec::len);
                        let sched = site
                            .schedule
                            .get(&(*y, m))
                            .map_or(0, |v| v.iter().map(|s| s.items.len()).sum::<usize>());
                        let has_page = count > 0 || sched > 0;
                        let current = (site.today.year(), site.today.month()) == (*y, m);
                        context! {
                            month => m, name => words::month_name(m, c.language), count => count, scheduled_count => sched, current => current,
                            url => has_page.then(|| c.link(&format!("/archive/{y}/{m:02}/"))),
                        }
                    })
                    .collect();
                let max = (1..=12u32)
                    .map(|m| site.months.get(&(*y, m)).map_or(0, Vec::len))
                    .max()
                    .unwrap_or(0);
                (
                    "year.html",
                    context! { site => site_ctx, page => page_ctx, year => *y, months => months, max => max, chart => Value::from_safe_string(theme::month_chart(site, *y)) },
                )
            }
            Page::Month(y, m) => {
                let ids = site.months.get(&(*y, *m)).map(Vec::as_slice).unwrap_or(&[]);
                let all = pages::months(site);
                let pos = all.iter().position(|x| *x == (*y, *m));
                let nav = |o: Option<&(i32, u32)>| {
                    o.map(|(yy, mm)| {
                        context! { year => *yy, month => *mm, title => words::month_display(*yy, *mm, c.language), url => c.link(&format!("/archive/{yy}/{mm:02}/")) }
                    })
                };
                let prev = pos.and_then(|p| p.checked_sub(1)).and_then(|p| all.get(p));
                let next = pos.and_then(|p| all.get(p + 1));
                (
                    "month.html",
                    context! {
                        site => site_ctx, page => page_ctx, year => *y, month => *m, month_title => words::month_display(*y, *m, c.language),
                        year_url => c.link(&format!("/archive/{y}/")),
                        docs => list(ids), scheduled => scheduled(site, cards, *y, *m),
                        prev_month => nav(prev), next_month => nav(next),
                    },
                )
            }
            Page::Search => (
                "search.html",
                context! { site => site_ctx, page => page_ctx },
            ),
            Page::NotFound | Page::Feed | Page::Sitemap | Page::SitemapPart(_) | Page::Robots => {
                ("404.html", context! { site => site_ctx, page => page_ctx })
            }
        })
    }
}

pub use crate::disclosure::{Numbers, Recorded};

/// Published documents whose disclosure period matches, the soonest to end first.
fn notices_in_period(
    site: &Site,
    matches: impl Fn(&crate::content::frontmatter::Disclosure) -> bool,
) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..site.docs.len())
        .filter(|&i| {
            let d = &site.docs[i];
            d.fm.status == crate::content::Status::Published
                && d.fm.disclosure.as_ref().is_some_and(&matches)
        })
        .collect();
    ids.sort_by_key(|&i| {
        site.docs[i]
            .fm
            .disclosure
            .as_ref()
            .map(|p| (p.end, p.start))
    });
    ids
}

fn page_kind(p: &Page) -> &'static str {
    match p {
        Page::Home => "home",
        Page::Section { .. } => "section",
        Page::Document(_) => "document",
        Page::Categories => "categories",
        Page::Category { .. } => "category",
        Page::Archive => "archive",
        Page::Year(_) => "year",
        Page::Month(..) => "month",
        Page::Search => "search",
        Page::NotFound => "404",
        Page::Feed => "feed",
        Page::Sitemap | Page::SitemapPart(_) => "sitemap",
        Page::Robots => "robots",
    }
}

fn scheduled(site: &Site, cards: &[Value], y: i32, m: u32) -> Vec<Value> {
    site.schedule
        .get(&(y, m))
        .map(|v| {
            v.iter()
                .map(|s| context! { plan => cards[s.doc].clone(), items => s.items.clone() })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    url: String,
    current: bool,
}

/// The slice of a list shown on page `n`, and its paginator.
fn paginate<'a>(site: &Site, ids: &'a [usize], base: &str, n: usize) -> (&'a [usize], Value) {
    let per = site.config.paginate;
    let total = site.page_count(ids.len());
    let n = n.clamp(1, total);
    let start = ((n - 1) * per).min(ids.len());
    let end = (start + per).min(ids.len());
    let c = &site.config;
    // Only the links a pager shows (the first two, two either side of the current
    // one, the last two): all of them would make each list page as long as the list
    // has pages, and the whole list quadratic (1,700 pages of notices at 100,000).
    let mut shown: Vec<usize> = [1, 2, total.saturating_sub(1), total]
        .into_iter()
        .chain(n.saturating_sub(2)..=n + 2)
        .filter(|k| (1..=total).contains(k))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let pages: Vec<PagerLink> = shown
        .into_iter()
        .map(|k| PagerLink {
            number: k,
            url: c.link(&paged(base, k)),
            current: k == n,
        })
        .collect();
    let pager = context! {
        current => n, total => total,
        prev_url => (n > 1).then(|| c.link(&paged(base, n - 1))),
        next_url => (n < total).then(|| c.link(&paged(base, n + 1))),
        pages => pages,
    };
    (&ids[start..end], pager)
}

/// Every category with its count, declared ones first.
fn categories_ctx(site: &Site) -> Vec<Value> {
    let c = &site.config;
    site.categories
        .iter()
        .map(|k| {
            context! {
                name => k.name.clone(), slug => k.slug.clone(), description => k.description.clone(),
                url => c.link(&format!("/categories/{}/", k.slug)), count => k.docs.len(),
            }
        })
        .collect()
}

/// Every year with documents or scheduled items, newest first, with its document count.
fn years_ctx(site: &Site) -> Vec<Value> {
    let c = &site.config;
    pages::years(site)
        .into_iter()
        .rev()
        .map(|y| {
            let count: usize = site
                .months
                .range((y, 1)..=(y, 12))
                .map(|(_, v)| v.len())
                .sum();
            context! { year => y, url => c.link(&format!("/archive/{y}/")), count => count }
        })
        .collect()
}

fn site_context(site: &Site) -> Value {
    let c = &site.config;
    let sections: Vec<Value> = site
        .sections
        .iter()
        .map(|s| {
            context! {
                name => s.name.clone(), title => words::section_title(c, &s.name),
                url => c.link(&format!("/{}/", s.name)), count => s.docs.len(),
            }
        })
        .collect();
    context! {
        title => c.title.clone(),
        base_url => c.base_url.clone(),
        base_path => c.base_path.clone(),
        organization => c.organization.clone(),
        language => c.language.tag(),
        contact => c.contact.clone(),
        search => c.search,
        feed => c.feed,
        drafts => site.drafts,
        today => site.today.format("%Y-%m-%d").to_string(),
        sections => sections,
        has_code => site.has_code,
    }
}

/// A template problem as a diagnostic at the template's path and line.
fn template_diag(shown: &std::path::Path, source: &str, e: &minijinja::Error) -> Diagnostic {
    let line = e.line().unwrap_or(0);
    let mut msg = match e.detail() {
        Some(d) => crate::t!("template-error", detail = d),
        None => crate::t!("template-error", detail = e.kind().to_string()),
    };
    if e.name().is_some_and(|n| {
        shown
            .file_name()
            .is_some_and(|f| !shown.ends_with(n) && f != n)
    }) {
        msg.push_str(&crate::t!(
            "template-error-in",
            name = e.name().unwrap_or_default()
        ));
    }
    let col = e
        .range()
        .map(|r| crate::diagnostics::line_col(source, r.start).1)
        .unwrap_or(if line > 0 { 1 } else { 0 });
    Diagnostic::error(shown, line, col, msg).with_source(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_for_a_document_the_site_lacks_is_an_internal_error_not_another_page() {
        let s = crate::pages::tests::site(&[("notices/a.md", "title: A\ndate: 2023-01-01")]);
        let r = Renderer::new(&s.config).unwrap();
        let cards = views::cards(&s);
        let numbers = Numbers::new();
        let all = crate::pages::plan(&s);
        let e = r
            .render(
                &s,
                &cards,
                &numbers,
                &all,
                &Page::Document("/notices/gone/".into()),
            )
            .unwrap_err();
        assert!(e.message.starts_with("internal error in gongkai"), "{e:?}");
        assert!(r
            .render(
                &s,
                &cards,
                &numbers,
                &all,
                &Page::Document("/notices/a/".into())
            )
            .is_ok());
    }
}
