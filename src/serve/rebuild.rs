//! Incremental rebuilds for `serve`: the `Site` stays in memory; a change reloads only
//! the files it names, re-indexes, and re-renders only the pages whose content can have
//! changed. A failed rebuild leaves the served files as they were and remembers what is
//! still to do, so that the next good save catches up.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use axum::body::Bytes;
use minijinja::Value;
use rayon::prelude::*;

use super::store::{inject, Batch, Entry, Store};
use crate::content::{self, markdown, Document};
use crate::diagnostics::Diagnostic;
use crate::emit;
use crate::pages::{self, Page};
use crate::pipeline::{self, Options};
use crate::render::{theme, views, Renderer};
use crate::site::Site;

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
    numbers: crate::render::Numbers,
    /// Every page of the site ([`pages::plan`]).
    plan: Vec<Page>,
    /// Absolute path of every document file.
    sources: HashSet<PathBuf>,
    /// Bundle folder → its other files, from the last walk of content/.
    bundles: HashMap<PathBuf, Vec<PathBuf>>,
    /// Output paths of static files now served.
    statics: HashSet<String>,
    /// Source path (relative to the site) → site path of each document.
    by_source: HashMap<PathBuf, String>,
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
}

/// With `GONGKAI_SERVE_PROFILE` set, rebuilds print how long each step took, to stderr.
fn profiling() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GONGKAI_SERVE_PROFILE").is_some())
}

thread_local! {
    static LAST_MARK: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
}

/// Marks the end of a step when profiling.
fn prof(step: &str) {
    if !profiling() {
        return;
    }
    LAST_MARK.with(|t| {
        let now = std::time::Instant::now();
        if let Some(p) = t.get() {
            eprintln!("  {step}: {:.1} ms", (now - p).as_secs_f64() * 1000.0);
        }
        t.set(Some(now));
    });
}

/// serve's sink: the files of a rebuild, kept to be stored at once (pages with the
/// reload script in them; files of the site by their path, read when asked for).
#[derive(Default)]
struct Collect(std::sync::Mutex<Vec<(String, Entry)>>);

impl Collect {
    fn push(&self, rel: &str, e: Entry) {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        v.push((rel.to_string(), e));
    }

    fn take(self) -> Vec<(String, Entry)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl emit::Sink for Collect {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let e = if rel.ends_with(".html") {
            Entry::Bytes(Bytes::from(inject(bytes)))
        } else {
            Entry::Bytes(Bytes::from(bytes))
        };
        self.push(rel, e);
        Ok(())
    }

    fn copy(&self, rel: &str, src: &Path) -> std::io::Result<()> {
        self.push(rel, Entry::File(src.to_path_buf()));
        Ok(())
    }
}

/// What serve's store is called in messages about the output.
const MEMORY: &str = "the served site";

/// Editors' backup and swap files, never documents.
pub fn is_editor_temp(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
        || name == "4913"
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
        }
    }

    /// Rewrites the search files if the site changed since they were made. Called
    /// after a rebuild's reload has been sent: the index of a large site takes longer
    /// than a page (0.2 s at 10,000 documents), and the page must not wait for it.
    pub fn refresh_search(&mut self) {
        let Some(cur) = self.current.as_ref() else {
            return;
        };
        if !self.search_stale {
            return;
        }
        self.search_stale = false;
        if !cur.site.config.search {
            let remove: Vec<String> = std::mem::take(&mut self.search_keys).into_iter().collect();
            self.store.apply(Batch {
                remove,
                put: Vec::new(),
                replace_all: false,
            });
            return;
        }
        let files = std::sync::Mutex::new(Vec::new());
        let written = crate::search::write(&cur.site, |rel, bytes| {
            if let Ok(mut f) = files.lock() {
                f.push((rel.to_string(), Entry::Bytes(Bytes::copy_from_slice(bytes))));
            }
            Ok(())
        });
        if let Err(e) = written {
            eprintln!("warning: the search index could not be made: {e}");
            return;
        }
        let put = files.into_inner().unwrap_or_default();
        let keys: BTreeSet<String> = put.iter().map(|(k, _)| k.clone()).collect();
        let remove = self.search_keys.difference(&keys).cloned().collect();
        self.store.apply(Batch {
            remove,
            put,
            replace_all: false,
        });
        self.search_keys = keys;
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
        match result {
            Ok((pages, removed)) => {
                self.dirty = Changes::default();
                self.search_stale = true;
                if full {
                    // A full rebuild replaced every served file, search files included.
                    self.search_keys.clear();
                }
                Outcome {
                    what,
                    pages,
                    removed,
                    full,
                    errors: Vec::new(),
                }
            }
            Err(mut errors) => {
                crate::diagnostics::sort(&mut errors);
                Outcome {
                    what,
                    pages: 0,
                    removed: 0,
                    full,
                    errors,
                }
            }
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
        let sink = Collect::default();
        let errors = pipeline::render_pages(&loaded, &numbers, &plan, &sink, None);
        if !errors.is_empty() {
            return Err(errors);
        }
        let out = Path::new(MEMORY);
        emit::all_document_files(&loaded.site, &sink, out)?;
        let static_keys = emit::statics(&loaded.site, &sink, out)?
            .into_iter()
            .collect();
        let put = sink.take();
        let pages_n = plan.len();
        let old = self.store.len();
        self.store.apply(Batch {
            remove: Vec::new(),
            put,
            replace_all: true,
        });
        let mut by_source = HashMap::with_capacity(loaded.site.docs.len());
        for d in &loaded.site.docs {
            by_source.insert(d.source.clone(), d.path.clone());
        }
        self.current = Some(Current {
            by_source,
            site: loaded.site,
            renderer: loaded.renderer,
            cards: loaded.cards,
            numbers,
            plan,
            sources: loaded.walk.docs.into_iter().collect(),
            bundles: loaded.walk.bundles,
            statics: static_keys,
        });
        self.pending = Pending::default();
        Ok((pages_n, old.saturating_sub(self.store.len())))
    }

    /// Reloads the changed documents, templates or static files and renders only the
    /// pages they touch.
    fn incremental(&mut self) -> Result<(usize, usize), Vec<Diagnostic>> {
        LAST_MARK.with(|t| t.set(None));
        prof("begin");
        let root = self.root.clone();
        let drafts_opt = self.opts.drafts;
        let Some(cur) = self.current.as_mut() else {
            return Err(Vec::new());
        };
        let mut errors = Vec::new();

        // Templates: a new renderer, and every page to render with it.
        let renderer = if self.dirty.templates {
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
        if self.dirty.statics || self.dirty.templates {
            if let Err(d) = theme::static_files(&cur.site.config) {
                errors.push(d);
            }
        }

        // Content: which documents were edited, added or removed. Editing files the
        // site already has needs no walk of content/; anything else does.
        let content_dir = root.join("content");
        let dirty: Vec<PathBuf> = self.dirty.content.iter().cloned().collect();
        let config = &cur.site.config;
        let reloaded = content::reload(config, &cur.sources, &cur.bundles, &dirty, |p| {
            cur.site
                .docs
                .iter()
                .filter(|d| d.attachments.iter().any(|a| a.src == p))
                .map(|d| root.join(&d.source))
                .collect()
        });
        errors.extend(reloaded.diags);
        let removed = reloaded.removed;
        let walked = reloaded.walk;
        prof("find changed files and load them");
        let loaded = reloaded.loaded;
        let reload = reloaded.reread;
        let mut new_docs = Vec::new();
        let mut unpublished = Vec::new();
        for r in loaded {
            match r {
                Ok(d) if drafts_opt || d.is_published(cur.site.today) => new_docs.push(d),
                Ok(d) => unpublished.push(d.rel),
                Err(mut ds) => errors.append(&mut ds),
            }
        }
        // The privacy check, as a build would run it (leftover warnings are for build).
        errors.extend(
            crate::disclosure::check_documents(config, &new_docs, cur.site.today, drafts_opt)
                .into_iter()
                .filter(|d| d.severity == crate::diagnostics::Severity::Error),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        prof("check them");

        // Documents leaving the site: removed files, and the old versions of reloaded ones.
        let leaving: Vec<usize> = removed
            .iter()
            .chain(reload.iter())
            .filter_map(|p| cur.by_source.get(&content::rel_to(&root, p)))
            .filter_map(|path| cur.site.by_path.get(path).copied())
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        let leaving_set: HashSet<usize> = leaving.iter().copied().collect();

        // Two documents with one URL.
        let mut dup_check: Vec<Document> = Vec::new();
        for d in &new_docs {
            if let Some(&j) = cur.site.by_path.get(&d.path) {
                if !leaving_set.contains(&j) {
                    dup_check.push(cur.site.docs[j].clone());
                }
            }
        }
        if !dup_check.is_empty() || new_docs.len() > 1 {
            dup_check.extend(new_docs.iter().cloned());
            errors.extend(crate::site::duplicate_urls(&dup_check));
        }
        prof("check URLs");

        // Link targets, updated: files whose URL appeared, vanished or moved make the
        // documents linking to them render again.
        let mut targets = std::mem::take(&mut cur.site.targets);
        let old_urls: HashMap<&str, &str> = leaving
            .iter()
            .map(|&i| {
                (
                    cur.site.docs[i].rel.as_str(),
                    cur.site.docs[i].path.as_str(),
                )
            })
            .collect();
        for &i in &leaving {
            let d = &cur.site.docs[i];
            targets.remove(config, d);
            targets.unpublished.remove(&d.rel);
        }
        for d in &new_docs {
            targets.add(config, d);
        }
        targets.unpublished.extend(unpublished.iter().cloned());
        // Content files whose URL appeared, vanished or moved (documents, then
        // attachments): the documents whose links pointed at them render again, found
        // by the links their Markdown recorded.
        let mut moved: BTreeSet<&str> = BTreeSet::new();
        for d in &new_docs {
            if old_urls.get(d.rel.as_str()) != Some(&d.path.as_str()) {
                moved.insert(d.rel.as_str());
            }
        }
        for rel in old_urls.keys() {
            if !new_docs.iter().any(|d| d.rel == *rel) {
                moved.insert(rel);
            }
        }
        let attachment_links =
            |docs: &mut dyn Iterator<Item = &Document>| -> BTreeSet<(String, String)> {
                docs.flat_map(|d| markdown::LinkTargets::attachments_of(config, d))
                    .collect()
            };
        let before = attachment_links(&mut leaving.iter().map(|&i| &cur.site.docs[i]));
        let after = attachment_links(&mut new_docs.iter());
        let moved_files: Vec<&String> = before
            .symmetric_difference(&after)
            .map(|(rel, _)| rel)
            .collect();
        moved.extend(moved_files.iter().map(|r| r.as_str()));
        // Any file saved, made or deleted under content/: a link to it may now resolve,
        // or break (a file that exists but is not published is a broken link).
        let touched_files: Vec<String> = dirty
            .iter()
            .filter_map(|p| p.strip_prefix(&content_dir).ok())
            .map(crate::text::rel_string)
            .collect();
        moved.extend(touched_files.iter().map(String::as_str));
        let dependents: Vec<usize> = moved
            .iter()
            .flat_map(|rel| cur.site.linking_to(rel).iter().copied())
            .filter(|i| !leaving_set.contains(i))
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        let new_rendered: Vec<Result<markdown::Rendered, Vec<Diagnostic>>> = new_docs
            .par_iter()
            .map(|d| markdown::render(d, &content_dir, &targets))
            .collect();
        let dep_rendered: Vec<Result<markdown::Rendered, Vec<Diagnostic>>> = dependents
            .par_iter()
            .map(|&i| markdown::render(&cur.site.docs[i], &content_dir, &targets))
            .collect();
        let mut new_md = Vec::new();
        for r in new_rendered {
            match r {
                Ok(r) => new_md.push(r),
                Err(mut ds) => errors.append(&mut ds),
            }
        }
        let mut dep_md = Vec::new();
        for r in dep_rendered {
            match r {
                Ok(r) => dep_md.push(r),
                Err(mut ds) => errors.append(&mut ds),
            }
        }
        if !errors.is_empty() {
            // Undo the link-target updates: nothing was applied.
            for d in &new_docs {
                targets.remove(config, d);
            }
            for &i in &leaving {
                targets.add(config, &cur.site.docs[i]);
            }
            for rel in &unpublished {
                targets.unpublished.remove(rel);
            }
            cur.site.targets = targets;
            return Err(errors);
        }
        prof("links and Markdown");

        // Everything checks out: remember what the old site showed, then re-index.
        let old = &cur.site;
        let changing: Vec<usize> = leaving.iter().chain(dependents.iter()).copied().collect();
        let shown = pages::Shown::of(old, &changing, &cur.plan);
        let dep_paths: Vec<String> = dependents
            .iter()
            .map(|&i| old.docs[i].path.clone())
            .collect();
        let asset_remove: Vec<String> = leaving
            .iter()
            .flat_map(|&i| emit::document_file_names(&old.docs[i]))
            .collect();
        let old_doc_paths: Vec<String> =
            leaving.iter().map(|&i| old.docs[i].path.clone()).collect();
        prof("note old lists");
        let (new_sources, new_bundles) = match walked {
            Some((s, b)) => (Some(s), Some(b)),
            None => (None, None),
        };

        let Some(prev) = self.current.take() else {
            return Err(Vec::new());
        };
        let Current {
            site: old_site,
            renderer: old_renderer,
            cards: old_cards,
            numbers,
            sources: old_src,
            bundles: old_bundles,
            statics,
            mut by_source,
            ..
        } = prev;
        for &i in &leaving {
            by_source.remove(&old_site.docs[i].source);
        }
        let changed_paths: BTreeSet<String> = new_docs.iter().map(|d| d.path.clone()).collect();
        let asset_docs: Vec<String> = changed_paths.iter().cloned().collect();
        let mut arriving = Vec::with_capacity(new_docs.len());
        for (mut d, r) in new_docs.into_iter().zip(new_md) {
            d.set_rendered(r);
            by_source.insert(d.source.clone(), d.path.clone());
            arriving.push(d);
        }
        let (site, old_index) = old_site.apply(crate::site::Delta {
            leaving,
            arriving,
            rendered: dependents.iter().copied().zip(dep_md).collect(),
            targets,
        });
        prof("replace documents and re-index");
        // Cards of documents that stay as they were are kept; the others are made anew.
        let cards = views::cards_reusing(&site, old_cards, &old_index, &dependents);
        prof("cards");

        // Pages that show a changed document, in the old site or the new.
        let mut changed = changed_paths;
        changed.extend(old_doc_paths);
        changed.extend(dep_paths);
        let affected = pages::affected(&shown, &site, &changed, renderer.is_some());
        let everything = affected.everything;
        for p in affected.render {
            self.pending.pages.insert(p);
        }
        for p in affected.remove {
            self.pending.remove.insert(p.output_file());
            self.pending.pages.remove(&p);
        }
        let plan = affected.plan;
        self.pending.remove.extend(asset_remove);
        self.pending.docs.extend(asset_docs);
        self.pending.statics |= self.dirty.statics || self.dirty.templates || everything;
        prof("choose pages");

        self.current = Some(Current {
            site,
            renderer: renderer.unwrap_or(old_renderer),
            cards,
            numbers,
            plan,
            sources: new_sources.unwrap_or(old_src),
            bundles: new_bundles.unwrap_or(old_bundles),
            statics,
            by_source,
        });
        self.commit()
    }

    /// Renders the pending pages and stores them with the pending files; on a render
    /// error nothing is stored and the work stays pending.
    fn commit(&mut self) -> Result<(usize, usize), Vec<Diagnostic>> {
        let Some(cur) = self.current.as_mut() else {
            return Err(Vec::new());
        };
        prof("start commit");
        let pages: Vec<Page> = self.pending.pages.iter().cloned().collect();
        let sink = Collect::default();
        let out = Path::new(MEMORY);
        let errors = emit::pages(
            &emit::Rendering {
                site: &cur.site,
                renderer: &cur.renderer,
                cards: &cur.cards,
                numbers: &cur.numbers,
                plan: &cur.plan,
            },
            &pages,
            &sink,
            out,
            None,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        prof("render pages");
        let mut remove: Vec<String> = self.pending.remove.iter().cloned().collect();
        for path in &self.pending.docs {
            if let Some(&i) = cur.site.by_path.get(path) {
                emit::document_files(&cur.site.docs[i], &sink)
                    .map_err(|e| vec![emit::io_diag(out, &e)])?;
            }
        }
        if self.pending.statics {
            let keys: HashSet<String> = emit::statics(&cur.site, &sink, out)?.into_iter().collect();
            remove.extend(cur.statics.iter().filter(|k| !keys.contains(*k)).cloned());
            cur.statics = keys;
        }
        let put = sink.take();
        let n = pages.len();
        let removed = remove
            .iter()
            .filter(|k| !put.iter().any(|(p, _)| p == *k))
            .count();
        prof("sources and files");
        self.store.apply(Batch {
            remove,
            put,
            replace_all: false,
        });
        self.pending = Pending::default();
        prof("store");
        Ok((n, removed))
    }
}

/// The changes in words, paths relative to the site.
fn describe(root: &Path, c: &Changes) -> String {
    let mut parts = Vec::new();
    if c.config {
        parts.push("site.yaml".to_string());
    }
    if c.templates {
        parts.push("templates".to_string());
    }
    if c.statics {
        parts.push("static files".to_string());
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
        n => parts.push(format!("{}, … ({n} files)", files[..2].join(", "))),
    }
    if parts.is_empty() {
        "start".into()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// The served files of a full build of the site at `root`, or its problems.
    fn full_build(root: &Path) -> Result<Vec<(String, Entry)>, Vec<Diagnostic>> {
        let fresh = Arc::new(Store::default());
        let mut ws = Workspace::new(root, opts(), fresh.clone());
        let o = ws.rebuild(Changes {
            config: true,
            ..Changes::default()
        });
        if o.errors.is_empty() {
            Ok(fresh.snapshot())
        } else {
            Err(o.errors)
        }
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
        const DATES: &[&str] = &["2023-01-05", "2023-03-01", "2023-06-01", "2022-12-20"];
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
                code: bool,
                links: Vec<Link>,
            },
            Delete(usize),
            /// Front matter a build refuses.
            Break(usize),
            Attachment(bool),
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
                    proptest::bool::weighted(0.15),
                    proptest::collection::vec(link(), 0..3),
                )
                    .prop_map(|(slot, title, date, category, slug, code, links)| {
                        Edit::Write { slot, title, date, category, slug, code, links }
                    }),
                2 => (0..SLOTS.len()).prop_map(Edit::Delete),
                1 => (0..SLOTS.len()).prop_map(Edit::Break),
                1 => any::<bool>().prop_map(Edit::Attachment),
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
            if me.starts_with("reports/") {
                fm.push_str("kind: summary\n");
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
            for (step, e) in edits.iter().enumerate() {
                let changed = match e {
                    Edit::Write { slot, .. } => {
                        write(root, &format!("content/{}", SLOTS[*slot]), &text(*slot, e))
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
                let o = ws.rebuild(Changes {
                    content: [changed].into_iter().collect(),
                    ..Changes::default()
                });
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
                    code: false,
                    links: Vec::new(),
                },
            ])
            .unwrap();
        }
    }

    #[test]
    fn editor_temp_files() {
        assert!(is_editor_temp(Path::new("/s/content/notices/.a.md.swp")));
        assert!(is_editor_temp(Path::new("/s/content/notices/a.md~")));
        assert!(is_editor_temp(Path::new("/s/content/notices/4913")));
        assert!(is_editor_temp(Path::new(
            "/s/content/notices/a.md___jb_tmp___"
        )));
        assert!(!is_editor_temp(Path::new("/s/content/notices/a.md")));
    }
}
