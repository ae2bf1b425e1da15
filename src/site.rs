//! The in-memory model of a site: the published documents, newest first, grouped into
//! sections, categories, months and plan schedules. Every list page is drawn from here,
//! and so is the answer to "which pages list this document" (see `pages`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::content::{self, markdown, Document, Kind, Status};
use crate::diagnostics::Diagnostic;

/// A top folder of content/.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: String,
    /// The kind its documents mostly are (for the title).
    pub kind: Option<Kind>,
    /// Document indices, newest first.
    pub docs: Vec<usize>,
}

/// A category with its documents.
#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub docs: Vec<usize>,
}

/// A plan's items for one month.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub doc: usize,
    pub items: Vec<String>,
}

/// The indexed site.
pub struct Site {
    pub config: Config,
    pub today: NaiveDate,
    /// Whether drafts and future documents are included (`--drafts`, `serve`).
    pub drafts: bool,
    /// Included documents, newest first (date, then path).
    pub docs: Vec<Document>,
    /// Site path (`/notices/a/`) → index in `docs`.
    pub by_path: HashMap<String, usize>,
    pub sections: Vec<Section>,
    pub categories: Vec<Category>,
    /// (year, month) → documents published that month, newest first.
    pub months: BTreeMap<(i32, u32), Vec<usize>>,
    /// (year, month) → plans' scheduled items for that month of the plan's year.
    pub schedule: BTreeMap<(i32, u32), Vec<Scheduled>>,
    /// Each document's position in its section's list (for previous/next and paging).
    pub section_pos: Vec<usize>,
    /// Whether any document has highlighted code (the page then links syntax.css).
    pub has_code: bool,
    /// Content file (`notices/a.md`, `notices/b/list.csv`) → the documents whose
    /// bodies link to it, as their Markdown recorded while rendering.
    pub backlinks: HashMap<String, Vec<usize>>,
    /// What links between documents resolve to (kept for watch mode to update).
    pub targets: markdown::LinkTargets,
    /// Documents held back because they are dated after today (not drafts): source
    /// path, date and title, so that the build can say so.
    pub future: Vec<(PathBuf, NaiveDate, String)>,
}

/// Two documents with one URL: the second (by source path) is reported, pointing at
/// the first.
pub fn duplicate_urls(docs: &[Document]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(docs.len());
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].source.cmp(&docs[b].source));
    for i in order {
        let d = &docs[i];
        if let Some(&j) = seen.get(d.path.as_str()) {
            let (line, col) = d.fm.slug_pos.unwrap_or((1, 1));
            diags.push(
                Diagnostic::error(
                    &d.source,
                    line,
                    col,
                    crate::t!(
                        "site-same-url",
                        url = &d.path,
                        other = docs[j].source.display()
                    ),
                )
                .with_source(&d.text)
                .with_note(crate::i18n::help(crate::t!("site-same-url-help"))),
            );
        } else {
            seen.insert(&d.path, i);
        }
    }
    diags
}

/// The order of a site's documents: newest first, then by site path.
pub fn newest_first(a: &Document, b: &Document) -> std::cmp::Ordering {
    b.fm.date
        .day
        .cmp(&a.fm.date.day)
        .then_with(|| a.path.cmp(&b.path))
}

/// A change to a site's documents, already loaded, checked and rendered (see
/// [`Site::delta`]).
pub struct Delta {
    /// Indices of the documents that go (removed, or replaced by a new version).
    pub leaving: Vec<usize>,
    /// Documents that come (new, or the new version of one leaving).
    pub arriving: Vec<Document>,
    /// Documents that stay but render anew (their links' targets moved), by index.
    pub rendered: Vec<(usize, markdown::Rendered)>,
    /// The link targets, updated for the change.
    pub targets: markdown::LinkTargets,
}

impl Delta {
    /// Indices of the documents the change replaces, removes or renders again.
    pub fn changing(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.leaving.clone();
        v.extend(self.rendered.iter().map(|(i, _)| *i));
        v
    }

    /// Site paths of the documents whose new version has the same source and the same
    /// attachments by name as the old one: only an attachment's bytes changed, so their
    /// card, and every list and site-wide page showing it, stays as it was; only their
    /// own page (size, preview) renders again.
    pub fn attachments_only(&self, old: &Site) -> BTreeSet<String> {
        let names = |d: &Document| {
            d.attachments
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        };
        self.arriving
            .iter()
            .filter(|new| {
                self.leaving.iter().any(|&i| {
                    let o = &old.docs[i];
                    o.path == new.path && o.sha256 == new.sha256 && names(o) == names(new)
                })
            })
            .map(|d| d.path.clone())
            .collect()
    }
}

/// What [`Site::apply`] changed.
pub struct Changed {
    /// For each document of the new site, its index in the old one (`None` for one
    /// that arrived).
    pub old_index: Vec<Option<usize>>,
    /// Old indices of the documents that stayed and render anew.
    pub rendered_again: Vec<usize>,
    /// The documents that left (the old versions of replaced ones included).
    pub left: Vec<Document>,
    /// Site paths of the documents that arrived.
    pub arrived: BTreeSet<String>,
    /// Site paths of every changed document, before and after: those that arrived,
    /// left or render anew.
    pub paths: BTreeSet<String>,
}

/// Whether a site includes a document: published, or any with `--drafts` (and serve).
fn includes(d: &Document, today: NaiveDate, drafts: bool) -> bool {
    drafts || d.is_published(today)
}

/// The results that rendered; the problems of the others added to `errors`.
fn collect_errors<T>(
    results: Vec<Result<T, Vec<Diagnostic>>>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(t) => ok.push(t),
            Err(mut ds) => errors.append(&mut ds),
        }
    }
    ok
}

/// Sections in this order first, then any others by name.
pub const SECTION_ORDER: &[&str] = &["notices", "plans", "summaries"];

impl Site {
    /// Filters out what is not published, checks URLs are unique, renders Markdown and
    /// builds the lists. `failed` names documents that exist but did not load. Returns
    /// the site with every problem found (a site with errors is not to be written).
    /// `release`: let each document's source text go once rendered (a build that ends
    /// after this site is written; see [`Document::release_text`]).
    pub fn new(
        config: Config,
        all: Vec<Document>,
        failed: &[String],
        today: NaiveDate,
        drafts: bool,
        release: bool,
    ) -> (Site, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut targets = markdown::LinkTargets::default();
        targets.failed.extend(failed.iter().cloned());
        let mut docs: Vec<Document> = Vec::with_capacity(all.len());
        let mut future = Vec::new();
        for d in all {
            if includes(&d, today, drafts) {
                targets.add(&config, &d);
                docs.push(d);
            } else {
                targets.unpublished.insert(d.rel.clone());
                if !d.fm.draft {
                    future.push((d.source.clone(), d.fm.date.day, d.fm.title.clone()));
                }
            }
        }
        diags.extend(duplicate_urls(&docs));

        // Markdown, in parallel, now that every link target is known.
        let content_root = config.root.join("content");
        // Each document takes its HTML, and lets its text go, as soon as it is rendered:
        // all the texts and all the HTML are never held at once.
        let problems: Vec<Vec<Diagnostic>> = {
            use rayon::prelude::*;
            docs.par_iter_mut()
                .with_max_len(crate::PAR_PIECE)
                .filter_map(|d| {
                    let r = markdown::render(d, &content_root, &targets);
                    let problems = match r {
                        Ok(r) => {
                            d.set_rendered(r);
                            None
                        }
                        Err(ds) => Some(ds),
                    };
                    if release {
                        d.release_text();
                    }
                    problems
                })
                .collect()
        };
        diags.extend(problems.into_iter().flatten());
        let mut site = Site::from_rendered(config, docs, today, drafts);
        site.targets = targets;
        future.sort();
        site.future = future;
        diags.extend(site.category_problems());
        (site, diags)
    }

    /// Lets every document's source text go (see [`Document::release_text`]): a build
    /// once its Markdown is rendered, serve once a document's files are stored. A
    /// document rendered anew reads its file ([`Document::restored`]), and `index.md` is
    /// read again when it is written. Serve then holds its site without a second copy of
    /// the content folder (46 MB at 10,000 documents).
    pub fn release_texts(&mut self) {
        for d in &mut self.docs {
            d.release_text();
        }
    }

    /// Categories whose pages cannot be written: two names with one slug (`.` and
    /// `..` both become `document`, `经费 公开` and `经费-公开` alike), or a slug too long
    /// for a folder name. Located at the `categories:` of the first document using the
    /// name that loses, or at site.yaml when no document uses it.
    fn category_problems(&self) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for c in &self.categories {
            let problem = if c.slug.len() > content::MAX_NAME_BYTES {
                Some(content::too_long_name(
                    &crate::t!("noun-category-slug"),
                    &c.slug,
                ))
            } else {
                match seen.get(c.slug.as_str()) {
                    Some(first) => Some(crate::t!(
                        "site-same-category-url",
                        name = &c.name,
                        first = *first,
                        slug = &c.slug
                    )),
                    None => {
                        seen.insert(&c.slug, &c.name);
                        None
                    }
                }
            };
            let Some(msg) = problem else { continue };
            let first_doc = c
                .docs
                .iter()
                .map(|&i| &self.docs[i])
                .min_by(|a, b| a.source.cmp(&b.source));
            let d = match first_doc {
                Some(d) => {
                    let (line, col) = d.fm.categories_pos.unwrap_or((1, 1));
                    Diagnostic::error(&d.source, line, col, msg).with_source(&d.text_for_message())
                }
                None => Diagnostic::error("site.yaml", 0, 0, msg),
            };
            diags.push(d);
        }
        diags
    }

    /// Indexes documents that are already filtered, unique by URL and rendered: the
    /// last step of [`Site::new`], and how `serve` re-indexes after reloading only the
    /// changed files.
    pub fn from_rendered(
        config: Config,
        mut docs: Vec<Document>,
        today: NaiveDate,
        drafts: bool,
    ) -> Site {
        docs.sort_by(newest_first);
        Site::from_sorted(config, docs, today, drafts)
    }

    /// Indexes documents already in [`newest_first`] order.
    fn from_sorted(config: Config, docs: Vec<Document>, today: NaiveDate, drafts: bool) -> Site {
        let mut by_path: HashMap<String, usize> = HashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            by_path.entry(d.path.clone()).or_insert(i);
        }
        let mut site = Site {
            config,
            today,
            drafts,
            docs,
            by_path,
            sections: Vec::new(),
            categories: Vec::new(),
            months: BTreeMap::new(),
            schedule: BTreeMap::new(),
            section_pos: Vec::new(),
            has_code: false,
            backlinks: HashMap::new(),
            targets: markdown::LinkTargets::default(),
            future: Vec::new(),
        };
        site.index_lists();
        site
    }

    /// Whether the site includes a document (see [`Site::new`]).
    pub fn includes(&self, d: &Document) -> bool {
        includes(d, self.today, self.drafts)
    }

    /// The indices of the documents read from these source files (relative to the
    /// site folder, as [`Document::source`]), in order.
    pub fn indices_of_sources(&self, sources: &HashSet<PathBuf>) -> Vec<usize> {
        if sources.is_empty() {
            return Vec::new();
        }
        (0..self.docs.len())
            .filter(|&i| sources.contains(&self.docs[i].source))
            .collect()
    }

    /// The documents (absolute source paths) whose front matter names `file` as an
    /// attachment.
    pub fn naming_attachment(&self, file: &Path) -> Vec<PathBuf> {
        self.docs
            .iter()
            .filter(|d| d.attachments.iter().any(|a| a.src == file))
            .map(|d| self.config.root.join(&d.source))
            .collect()
    }

    /// Checks and renders a change before anything of it is applied: the documents at
    /// `leaving` go, `arriving` (documents the site includes) come, `unpublished`
    /// (content-relative) exist but are not included, and `touched` are the
    /// content-relative paths of every file saved, made or deleted under content/.
    /// Finds two documents with one URL, updates the link targets, renders the
    /// arriving documents' Markdown and again that of the staying documents whose
    /// links point at a file that appeared, vanished or moved (found by the links
    /// their Markdown recorded). Returns the [`Delta`] to [`Site::apply`], or every
    /// problem with the site as it was.
    pub fn delta(
        &mut self,
        leaving: Vec<usize>,
        arriving: Vec<Document>,
        unpublished: Vec<String>,
        touched: &[String],
    ) -> Result<Delta, Vec<Diagnostic>> {
        let mut errors = self.duplicates_with(&leaving, &arriving);
        let moved = self.moved_files(&leaving, &arriving, touched);
        let dependents: Vec<usize> = {
            let leaving: HashSet<usize> = leaving.iter().copied().collect();
            moved
                .iter()
                .flat_map(|rel| self.linking_to(rel).iter().copied())
                .filter(|i| !leaving.contains(i))
                .collect::<BTreeSet<usize>>()
                .into_iter()
                .collect()
        };
        let mut targets = std::mem::take(&mut self.targets);
        let config = &self.config;
        for &i in &leaving {
            targets.remove(config, &self.docs[i]);
            targets.unpublished.remove(&self.docs[i].rel);
        }
        for d in &arriving {
            targets.add(config, d);
        }
        targets.unpublished.extend(unpublished.iter().cloned());
        let content_dir = config.root.join("content");
        let (arriving_md, dependents_md) = {
            use rayon::prelude::*;
            let render = |d: &Document| markdown::render(d, &content_dir, &targets);
            rayon::join(
                || arriving.par_iter().map(render).collect::<Vec<_>>(),
                || {
                    dependents
                        .par_iter()
                        .map(|&i| {
                            let restored = self.docs[i].restored();
                            render(restored.as_ref().unwrap_or(&self.docs[i]))
                        })
                        .collect::<Vec<_>>()
                },
            )
        };
        let arriving_md = collect_errors(arriving_md, &mut errors);
        let dependents_md = collect_errors(dependents_md, &mut errors);
        if !errors.is_empty() {
            // Undo the link-target updates: nothing was applied.
            for d in &arriving {
                targets.remove(config, d);
            }
            for &i in &leaving {
                targets.add(config, &self.docs[i]);
            }
            for rel in &unpublished {
                targets.unpublished.remove(rel);
            }
            self.targets = targets;
            return Err(errors);
        }
        let arriving = arriving
            .into_iter()
            .zip(arriving_md)
            .map(|(mut d, r)| {
                d.set_rendered(r);
                d
            })
            .collect();
        Ok(Delta {
            leaving,
            arriving,
            rendered: dependents.into_iter().zip(dependents_md).collect(),
            targets,
        })
    }

    /// Two documents with one URL among those arriving and those staying.
    fn duplicates_with(&self, leaving: &[usize], arriving: &[Document]) -> Vec<Diagnostic> {
        let leaving: HashSet<usize> = leaving.iter().copied().collect();
        let mut check: Vec<Document> = arriving
            .iter()
            .filter_map(|d| self.by_path.get(&d.path))
            .filter(|j| !leaving.contains(j))
            .map(|&j| self.docs[j].clone())
            .collect();
        if check.is_empty() && arriving.len() <= 1 {
            return Vec::new();
        }
        check.extend(arriving.iter().cloned());
        duplicate_urls(&check)
    }

    /// The content files (content-relative) whose URL appeared, vanished or moved in a
    /// change (documents, then attachments), and every file `touched`: a link to one of
    /// them may now resolve, or break (a file that exists but is not published is a
    /// broken link).
    fn moved_files(
        &self,
        leaving: &[usize],
        arriving: &[Document],
        touched: &[String],
    ) -> BTreeSet<String> {
        let config = &self.config;
        let old_urls: HashMap<&str, &str> = leaving
            .iter()
            .map(|&i| (self.docs[i].rel.as_str(), self.docs[i].path.as_str()))
            .collect();
        let mut moved: BTreeSet<String> = BTreeSet::new();
        for d in arriving {
            if old_urls.get(d.rel.as_str()) != Some(&d.path.as_str()) {
                moved.insert(d.rel.clone());
            }
        }
        for rel in old_urls.keys() {
            if !arriving.iter().any(|d| d.rel == *rel) {
                moved.insert(rel.to_string());
            }
        }
        let attachment_links = |docs: &mut dyn Iterator<Item = &Document>| {
            docs.flat_map(|d| markdown::LinkTargets::attachments_of(config, d))
                .collect::<BTreeSet<(String, String)>>()
        };
        let before = attachment_links(&mut leaving.iter().map(|&i| &self.docs[i]));
        let after = attachment_links(&mut arriving.iter());
        moved.extend(
            before
                .symmetric_difference(&after)
                .map(|(rel, _)| rel.clone()),
        );
        moved.extend(touched.iter().cloned());
        moved
    }

    /// Applies a change: the leaving documents taken out, the arriving ones put at their
    /// place in the order, and the lists indexed again. Returns the new site and what
    /// changed.
    pub fn apply(self, delta: Delta) -> (Site, Changed) {
        let Site {
            config,
            today,
            drafts,
            mut docs,
            ..
        } = self;
        let mut paths = BTreeSet::new();
        let mut rendered_again = Vec::with_capacity(delta.rendered.len());
        for (i, r) in delta.rendered {
            if let Some(d) = docs.get_mut(i) {
                d.set_rendered(r);
                paths.insert(d.path.clone());
                rendered_again.push(i);
            }
        }
        let mut leaving = delta.leaving;
        leaving.sort_unstable();
        leaving.dedup();
        let mut old_index: Vec<Option<usize>> = (0..docs.len()).map(Some).collect();
        let mut left = Vec::with_capacity(leaving.len());
        // Highest index first, so that the others stay where they are.
        for &i in leaving.iter().rev() {
            if i < docs.len() {
                let d = docs.remove(i);
                paths.insert(d.path.clone());
                left.push(d);
                old_index.remove(i);
            }
        }
        left.reverse();
        let mut arrived = BTreeSet::new();
        for d in delta.arriving {
            arrived.insert(d.path.clone());
            let at = docs.partition_point(|x| newest_first(x, &d).is_lt());
            docs.insert(at, d);
            old_index.insert(at, None);
        }
        paths.extend(arrived.iter().cloned());
        let site = Site::from_sorted(config, docs, today, drafts);
        let site = Site {
            targets: delta.targets,
            ..site
        };
        let changed = Changed {
            old_index,
            rendered_again,
            left,
            arrived,
            paths,
        };
        (site, changed)
    }

    /// Builds sections, categories, months and schedules from `docs`.
    fn index_lists(&mut self) {
        let mut sections: BTreeMap<String, Section> = BTreeMap::new();
        let mut cats: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut months: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
        let mut schedule: BTreeMap<(i32, u32), Vec<Scheduled>> = BTreeMap::new();
        let mut section_pos = Vec::with_capacity(self.docs.len());
        let mut backlinks: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            for l in &d.links {
                match backlinks.get_mut(l) {
                    Some(v) => v.push(i),
                    None => {
                        backlinks.insert(l.clone(), vec![i]);
                    }
                }
            }
            // Look up before inserting: a key is cloned once per list, not per document.
            match sections.get_mut(&d.section) {
                Some(s) => {
                    section_pos.push(s.docs.len());
                    s.docs.push(i);
                }
                None => {
                    section_pos.push(0);
                    let s = Section {
                        name: d.section.clone(),
                        kind: Kind::from_section(&d.section).or(Some(d.kind)),
                        docs: vec![i],
                    };
                    sections.insert(d.section.clone(), s);
                }
            }
            for c in &d.fm.categories {
                match cats.get_mut(c) {
                    Some(v) => v.push(i),
                    None => {
                        cats.insert(c.clone(), vec![i]);
                    }
                }
            }
            months
                .entry((d.fm.date.day.year(), d.fm.date.day.month()))
                .or_default()
                .push(i);
            if d.kind == Kind::Plan && d.fm.status == Status::Published {
                let year = d.fm.year.unwrap_or_else(|| d.fm.date.day.year());
                for (m, items) in &d.fm.schedule {
                    if !items.is_empty() {
                        schedule.entry((year, *m)).or_default().push(Scheduled {
                            doc: i,
                            items: items.clone(),
                        });
                    }
                }
            }
        }
        let mut ordered: Vec<Section> = Vec::new();
        for name in SECTION_ORDER {
            if let Some(s) = sections.remove(*name) {
                ordered.push(s);
            }
        }
        ordered.extend(sections.into_values());
        self.sections = ordered;
        self.section_pos = section_pos;
        self.backlinks = backlinks;
        self.has_code = self.docs.iter().any(|d| d.has_code);

        // Categories: those declared in site.yaml first, in their order, then others.
        let mut categories = Vec::new();
        for c in &self.config.categories {
            let docs = cats.remove(&c.name).unwrap_or_default();
            categories.push(Category {
                slug: c.slug.clone().unwrap_or_else(|| content::slugify(&c.name)),
                name: c.name.clone(),
                description: c.description.clone(),
                docs,
            });
        }
        for (name, docs) in cats {
            categories.push(Category {
                slug: content::slugify(&name),
                name,
                description: None,
                docs,
            });
        }
        self.categories = categories;
        self.months = months;
        // Plans in a month: by plan date, newest first, as the documents are ordered.
        self.schedule = schedule;
    }

    /// The documents whose bodies link to a content file (content-relative path).
    pub fn linking_to(&self, rel: &str) -> &[usize] {
        self.backlinks.get(rel).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The category slug for a name.
    pub fn category_slug(&self, name: &str) -> String {
        self.categories
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.slug.clone())
            .unwrap_or_else(|| content::slugify(name))
    }

    /// The section a document is listed in.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Number of list pages for `n` items.
    pub fn page_count(&self, n: usize) -> usize {
        n.div_ceil(self.config.paginate).max(1)
    }
}
