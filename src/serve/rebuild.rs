//! Incremental rebuilds for `serve`: the `Site` stays in memory; a change reloads only
//! the files it names, re-indexes, and re-renders only the pages whose content can have
//! changed. A failed rebuild leaves the served files as they were and remembers what is
//! still to do, so that the next good save catches up.
//!
//! This module only orchestrates the stages: `content::reload` reads what changed,
//! `Site::delta` checks and renders it, `Site::apply` puts it in, `pages::affected`
//! says which pages to render again, and `emit` sends them to the store.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use minijinja::Value;

use super::store::{Batch, Collect, Dicts, Entry, Raw, Store};
use crate::content::{self, Document};
use crate::diagnostics::{Diagnostic, Severity};
use crate::emit;
use crate::pages::{self, Page};
use crate::pipeline::{self, Options, Timings};
use crate::render::{theme, views, Numbers, Renderer};
use crate::search;
use crate::site::{Changed, Site};

/// What changed on disk since the last rebuild, by kind.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Absolute paths under content/ (documents, attachments, folders).
    pub content: BTreeSet<PathBuf>,
    /// Something under static/ or a theme's static/.
    pub statics: bool,
    /// Something under templates/ or a theme's templates.
    pub templates: bool,
    /// site.yaml, or anything that asks for a full rebuild.
    pub config: bool,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.statics && !self.templates && !self.config
    }

    /// Adds another set of changes.
    pub fn merge(&mut self, other: Changes) {
        self.content.extend(other.content);
        self.statics |= other.statics;
        self.templates |= other.templates;
        self.config |= other.config;
    }
}

/// The result of one rebuild.
#[derive(Debug)]
pub struct Outcome {
    /// What changed, in words (`edited content/notices/a.md`).
    pub what: String,
    /// Pages rendered.
    pub pages: usize,
    /// Files no longer served.
    pub removed: usize,
    /// Whether every page was rendered (a full rebuild).
    pub full: bool,
    /// The problems, when the rebuild failed; the served site is then unchanged.
    pub errors: Vec<Diagnostic>,
}

/// The loaded site and what is needed to update it.
struct Current {
    site: Site,
    renderer: Renderer,
    cards: Vec<Value>,
    /// The 索引号 the record had given when the site was loaded (serve never writes it).
    numbers: Numbers,
    /// Every page of the site ([`pages::plan`]).
    plan: Vec<Page>,
    /// The files of content/, from the last walk.
    walk: content::Walk,
    /// Output paths of static files now served.
    statics: HashSet<String>,
}

/// Work accepted into the `Site` but not yet in the store (after a render error).
#[derive(Default)]
struct Pending {
    pages: BTreeSet<Page>,
    remove: BTreeSet<String>,
    /// Site paths of documents whose `index.md` and attachments are to be stored.
    docs: BTreeSet<String>,
    statics: bool,
}

/// The site being served, rebuilt change by change.
pub struct Workspace {
    root: PathBuf,
    opts: Options,
    store: std::sync::Arc<Store>,
    current: Option<Current>,
    dirty: Changes,
    pending: Pending,
    /// The search files now served, and whether they are older than the site.
    search_keys: BTreeSet<String>,
    search_stale: bool,
    /// The layout of the served index while it can be updated in place (see
    /// [`search::update`]), and the site paths of the documents changed since it
    /// was made.
    search_layout: Option<search::Layout>,
    search_changed: BTreeSet<String>,
    /// The dictionaries the served files are packed with (made at each full rebuild).
    dicts: std::sync::Arc<Dicts>,
}

/// What serve's store is called in messages about the output.
fn memory() -> std::path::PathBuf {
    std::path::PathBuf::from(crate::t!("serve-memory"))
}

/// What a change to content/ brings, read and checked file by file (see
/// [`read_changes`]).
struct Reread {
    /// The new walk of content/, when files came or went.
    walk: Option<content::Walk>,
    /// Indices of the documents that go: removed, or read again.
    leaving: Vec<usize>,
    /// The documents read again that the site includes.
    arriving: Vec<Document>,
    /// Content-relative paths of those it does not include (drafts, future dates).
    unpublished: Vec<String>,
    /// Content-relative paths of every file saved, made or deleted under content/.
    touched: Vec<String>,
}

impl Workspace {
    /// A workspace for the site at `root`, built with `opts`; call [`Workspace::rebuild`]
    /// with `Changes { config: true, .. }` for the first build.
    pub fn new(root: &Path, opts: Options, store: std::sync::Arc<Store>) -> Workspace {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Workspace {
            root,
            opts,
            store,
            current: None,
            dirty: Changes::default(),
            pending: Pending::default(),
            search_keys: BTreeSet::new(),
            search_stale: true,
            search_layout: None,
            search_changed: BTreeSet::new(),
            dicts: Default::default(),
        }
    }

    /// Brings the search files up to date if the site changed since they were made:
    /// in place when no document moved (only the changed documents' postings are
    /// made again, only the files whose bytes change are stored), else anew. Called
    /// after a rebuild's reload has been sent: writing the index of a large site anew
    /// takes longer than a page, and the page must not wait for it. Returns how many
    /// documents were indexed again, or None when there was nothing to do.
    pub fn refresh_search(&mut self) -> Option<usize> {
        let cur = self.current.as_ref()?;
        if !self.search_stale {
            return None;
        }
        self.search_stale = false;
        let t = Timings::new("GONGKAI_SERVE_PROFILE");
        let changed = std::mem::take(&mut self.search_changed);
        let layout = self.search_layout.take();
        if !cur.site.config.search {
            self.store.apply(Batch {
                remove: std::mem::take(&mut self.search_keys).into_iter().collect(),
                put: Vec::new(),
                replace_all: false,
            });
            return Some(0);
        }
        if let Some(layout) = layout {
            let site = &cur.site;
            let ids: Vec<usize> = changed
                .iter()
                .filter_map(|p| site.by_path.get(p).copied())
                .collect();
            let get = |rel: &str| match self.store.get(rel) {
                Some(Entry::Bytes(p)) => Some(p.bytes().to_vec()),
                _ => None,
            };
            match search::update(site, &layout, &ids, &get) {
                Ok(Some(patch)) => {
                    for (k, _) in &patch.put {
                        self.search_keys.insert(k.clone());
                    }
                    for k in &patch.remove {
                        self.search_keys.remove(k);
                    }
                    self.store.apply(Batch {
                        remove: patch.remove,
                        put: (patch.put.into_iter())
                            .map(|(k, b)| {
                                let p = self.dicts.pack(&k, b);
                                (k, Entry::Bytes(p))
                            })
                            .collect(),
                        replace_all: false,
                    });
                    self.search_layout = Some(patch.layout);
                    t.mark("search index updated in place");
                    return Some(patch.reindexed);
                }
                Ok(None) => {}
                Err(e) => {
                    crate::tell!("{}", crate::t!("serve-no-search", reason = e.to_string()));
                    return None;
                }
            }
        }
        let sink = Collect::new(self.dicts.clone());
        let written = search::write_index(&cur.site, |rel, bytes| {
            emit::Sink::write(&sink, rel, bytes.to_vec())
        });
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                crate::tell!("{}", crate::t!("serve-no-search", reason = e.to_string()));
                return None;
            }
        };
        let put = sink.take();
        // Writing the index anew comes after a full build: what both left behind goes
        // back to the system before the index is served.
        super::memory::release();
        let keys: BTreeSet<String> = put.iter().map(|(k, _)| k.clone()).collect();
        let remove = self.search_keys.difference(&keys).cloned().collect();
        self.store.apply(Batch {
            remove,
            put,
            replace_all: false,
        });
        self.search_keys = keys;
        self.search_layout = Some(written.layout);
        t.mark("search index written anew");
        Some(cur.site.docs.len())
    }

    /// Whether a site has been built and is served.
    pub fn has_site(&self) -> bool {
        self.current.is_some()
    }

    /// Makes the next rebuild a full one (after an internal error).
    pub fn start_over(&mut self) {
        self.dirty.config = true;
    }

    /// Documents in the current site.
    pub fn documents(&self) -> usize {
        self.current.as_ref().map_or(0, |c| c.site.docs.len())
    }

    /// Applies changes: reloads what they name and stores the pages they touch.
    /// On failure the served files stay as they were, and the changes are kept to be
    /// tried again with the next ones.
    pub fn rebuild(&mut self, changes: Changes) -> Outcome {
        let what = describe(&self.root, &changes);
        self.dirty.merge(changes);
        let full = self.current.is_none() || self.dirty.config;
        let result = if full {
            self.full()
        } else {
            self.incremental()
        };
        let (pages, removed, errors) = match result {
            Ok((pages, removed)) => {
                self.dirty = Changes::default();
                self.search_stale = true;
                if full {
                    // A full rebuild replaced every served file, search files included.
                    self.search_keys.clear();
                    self.search_layout = None;
                    self.search_changed.clear();
                }
                (pages, removed, Vec::new())
            }
            Err(mut errors) => {
                crate::diagnostics::sort(&mut errors);
                (0, 0, errors)
            }
        };
        Outcome {
            what,
            pages,
            removed,
            full,
            errors,
        }
    }

    /// Loads and renders everything, then replaces the served files at once.
    fn full(&mut self) -> Result<(usize, usize), Vec<Diagnostic>> {
        let loaded = pipeline::load(&self.root, &self.opts)?;
        // The 索引号 the record has given, shown as a build shows them (serve never
        // writes the record: a document new since the last build has none yet).
        let numbers = crate::disclosure::lock::read(&loaded.site.config.root)
            .map(|old| old.numbers())
            .unwrap_or_default();
        let plan = pages::plan(&loaded.site);
        let rendering = loaded.rendering(&numbers, &plan);
        self.dicts = std::sync::Arc::new(dictionaries(&rendering));
        let sink = Collect::new(self.dicts.clone());
        let out = &memory();
        let errors = emit::pages(&rendering, &plan, &sink, out, None);
        if !errors.is_empty() {
            return Err(errors);
        }
        emit::all_document_files(&loaded.site, &sink, out)?;
        let statics = emit::statics(&loaded.site, &sink, out)?
            .into_iter()
            .collect();
        let rendered = plan.len();
        let before = self.store.len();
        self.store.apply(Batch {
            remove: Vec::new(),
            put: sink.take(),
            replace_all: true,
        });
        let mut site = loaded.site;
        site.release_texts();
        self.current = Some(Current {
            site,
            renderer: loaded.renderer,
            cards: loaded.cards,
            numbers,
            plan,
            walk: loaded.walk,
            statics,
        });
        self.pending = Pending::default();
        Ok((rendered, before.saturating_sub(self.store.len())))
    }

    /// Reloads the changed documents, templates or static files and renders only the
    /// pages they touch.
    fn incremental(&mut self) -> Result<(usize, usize), Vec<Diagnostic>> {
        let t = Timings::new("GONGKAI_SERVE_PROFILE");
        let Some(cur) = self.current.as_mut() else {
            return Err(Vec::new());
        };
        let mut errors = Vec::new();
        let renderer = reload_templates(cur, &self.dirty, &mut errors);
        let reread = read_changes(&self.root, cur, &self.dirty.content, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        t.mark("find changed files, load and check them");
        let delta = cur.site.delta(
            reread.leaving,
            reread.arriving,
            reread.unpublished,
            &reread.touched,
        )?;
        t.mark("URLs, links and Markdown");
        // Everything checks out: remember what the old site showed, then apply. A
        // document of which only an attachment changed shows as before in every list.
        let attachments_only = delta.attachments_only(&cur.site);
        let changing: Vec<usize> = delta
            .changing()
            .into_iter()
            .filter(|&i| !attachments_only.contains(&cur.site.docs[i].path))
            .collect();
        let shown = pages::Shown::of(&cur.site, &changing, &cur.plan);
        let Some(cur) = self.current.take() else {
            return Err(Vec::new());
        };
        let (site, changed) = cur.site.apply(delta);
        self.search_changed.extend(changed.paths.iter().cloned());
        // Cards of documents that stay as they were are kept; the others are made anew.
        let cards = views::cards_reusing(
            &site,
            cur.cards,
            &changed.old_index,
            &changed.rendered_again,
        );
        t.mark("replace documents, re-index, cards");
        let paths: std::collections::BTreeSet<String> = changed
            .paths
            .difference(&attachments_only)
            .cloned()
            .collect();
        let mut affected = pages::affected(&shown, &site, &paths, renderer.is_some());
        affected
            .render
            .extend(attachments_only.into_iter().map(pages::Page::Document));
        let statics = self.dirty.statics || self.dirty.templates;
        self.pending.add(&mut affected, &changed, statics);
        t.mark("choose pages");
        self.current = Some(Current {
            site,
            renderer: renderer.unwrap_or(cur.renderer),
            cards,
            numbers: cur.numbers,
            plan: affected.plan,
            walk: reread.walk.unwrap_or(cur.walk),
            statics: cur.statics,
        });
        self.commit(&t)
    }

    /// Renders the pending pages and stores them with the pending files; on a render
    /// error nothing is stored and the work stays pending.
    fn commit(&mut self, t: &Timings) -> Result<(usize, usize), Vec<Diagnostic>> {
        let Some(cur) = self.current.as_mut() else {
            return Err(Vec::new());
        };
        let pages: Vec<Page> = self.pending.pages.iter().cloned().collect();
        let sink = Collect::new(self.dicts.clone());
        let out = &memory();
        let rendering = emit::Rendering {
            site: &cur.site,
            renderer: &cur.renderer,
            cards: &cur.cards,
            numbers: &cur.numbers,
            plan: &cur.plan,
        };
        let errors = emit::pages(&rendering, &pages, &sink, out, None);
        if !errors.is_empty() {
            return Err(errors);
        }
        t.mark("render pages");
        let mut remove: Vec<String> = self.pending.remove.iter().cloned().collect();
        for path in &self.pending.docs {
            if let Some(&i) = cur.site.by_path.get(path) {
                emit::document_files(&cur.site.docs[i], &cur.site.config, &sink)
                    .map_err(|e| vec![emit::io_diag(out, &e)])?;
            }
        }
        if self.pending.statics {
            let keys: HashSet<String> = emit::statics(&cur.site, &sink, out)?.into_iter().collect();
            remove.extend(cur.statics.iter().filter(|k| !keys.contains(*k)).cloned());
            cur.statics = keys;
        }
        let put = sink.take();
        let removed = remove
            .iter()
            .filter(|k| !put.iter().any(|(p, _)| p == *k))
            .count();
        t.mark("sources and files");
        self.store.apply(Batch {
            remove,
            put,
            replace_all: false,
        });
        self.pending = Pending::default();
        cur.site.release_texts();
        t.mark("store");
        Ok((pages.len(), removed))
    }
}

impl Pending {
    /// Adds what a change touched: the pages to render and to remove, the files of
    /// the documents that left and arrived, and the static files when they changed
    /// (or every page did).
    fn add(&mut self, affected: &mut pages::Affected, changed: &Changed, statics: bool) {
        self.pages.append(&mut affected.render);
        for p in std::mem::take(&mut affected.remove) {
            self.remove.insert(p.output_file());
            self.pages.remove(&p);
        }
        self.remove
            .extend(changed.left.iter().flat_map(emit::document_file_names));
        self.docs.extend(changed.arrived.iter().cloned());
        self.statics |= statics || affected.everything;
    }
}

/// A new renderer when the templates changed (every page is then rendered with it),
/// and the static files checked when they or the templates changed; their problems go
/// to `errors`.
fn reload_templates(
    cur: &Current,
    dirty: &Changes,
    errors: &mut Vec<Diagnostic>,
) -> Option<Renderer> {
    let renderer = if dirty.templates {
        match Renderer::new(&cur.site.config) {
            Ok(r) => Some(r),
            Err(mut ds) => {
                errors.append(&mut ds);
                None
            }
        }
    } else {
        None
    };
    if dirty.statics || dirty.templates {
        if let Err(d) = theme::static_files(&cur.site.config) {
            errors.push(d);
        }
    }
    renderer
}

/// Reads again the documents a change to the files `dirty` (absolute paths under
/// content/) touches, and checks them as a build would; their problems go to `errors`.
fn read_changes(
    root: &Path,
    cur: &Current,
    dirty: &BTreeSet<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) -> Reread {
    let site = &cur.site;
    let changed: Vec<PathBuf> = dirty.iter().cloned().collect();
    let reloaded = content::reload(&site.config, &cur.walk, &changed, |p| {
        site.naming_attachment(p)
    });
    errors.extend(reloaded.diags);
    let mut arriving = Vec::new();
    let mut unpublished = Vec::new();
    for (r, p) in reloaded.loaded.into_iter().zip(&reloaded.reread) {
        match r {
            Ok(d) if site.includes(&d) => arriving.push(d),
            Ok(d) => unpublished.push(d.rel),
            Err(mut ds) => {
                errors.append(&mut ds);
                // Its personal data is told with its own errors, as a build would.
                errors.extend(crate::disclosure::privacy::check_unloaded(root, p));
            }
        }
    }
    // The privacy check, as a build would run it (leftover warnings are for build).
    errors.extend(
        crate::disclosure::check_documents(&site.config, &arriving, site.today, site.drafts)
            .into_iter()
            .filter(|d| d.severity == Severity::Error),
    );
    let gone: HashSet<PathBuf> = reloaded
        .removed
        .iter()
        .chain(&reloaded.reread)
        .map(|p| content::rel_to(root, p))
        .collect();
    let content_dir = root.join("content");
    Reread {
        walk: reloaded.walk,
        leaving: site.indices_of_sources(&gone),
        arriving,
        unpublished,
        touched: dirty
            .iter()
            .filter_map(|p| p.strip_prefix(&content_dir).ok())
            .map(content::rel_string)
            .collect(),
    }
}

/// The dictionaries the served files are packed with ([`Dicts`]), from three
/// documents spread over the site: their pages, sources, QR codes and search
/// fragments, made as the build makes them (a problem in them is told when the
/// build makes them).
fn dictionaries(r: &emit::Rendering) -> Dicts {
    let site = r.site;
    let n = site.docs.len();
    let mut picks: Vec<usize> = [n / 6, n / 2, n * 5 / 6]
        .into_iter()
        .filter(|&i| i < n)
        .collect();
    picks.dedup();
    let raw = Raw::default();
    let pages: Vec<Page> = (picks.iter())
        .map(|&i| Page::Document(site.docs[i].path.clone()))
        .collect();
    let _ = emit::pages(r, &pages, &raw, &memory(), None);
    for &i in &picks {
        let _ = emit::document_files(&site.docs[i], &site.config, &raw);
    }
    let mut samples = raw.take();
    if site.config.search {
        let labels = search::Labels::new(site);
        for &i in &picks {
            let f = search::fragment(site, &site.docs[i], &labels);
            if let Ok(json) = serde_json::to_vec(&f) {
                samples.push((search::doc_file(i), json));
            }
        }
    }
    Dicts::from_samples(&samples)
}

/// The changes in words, paths relative to the site.
fn describe(root: &Path, c: &Changes) -> String {
    let mut parts = Vec::new();
    if c.config {
        parts.push("site.yaml".to_string());
    }
    if c.templates {
        parts.push(crate::t!("serve-what-templates"));
    }
    if c.statics {
        parts.push(crate::t!("serve-what-statics"));
    }
    let files: Vec<String> = c
        .content
        .iter()
        .map(|p| {
            content::rel_to(root, p)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    match files.len() {
        0 => {}
        1..=3 => parts.push(files.join(", ")),
        n => parts.push(crate::t!(
            "serve-what-many",
            first = files[..2].join(", "),
            n = n
        )),
    }
    if parts.is_empty() {
        crate::t!("serve-what-start")
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests;
