//! The build, stage by stage: load (config, content, templates) → index (`Site`) →
//! plan pages → render → write (staged, then swapped in). Every stage collects its
//! problems, and the run reports all of them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minijinja::Value;
use rayon::prelude::*;

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Severity};
use crate::disclosure::lock::{self, Record};
use crate::output::{self, Staging};
use crate::pages::{self, Page};
use crate::render::{self, theme, Renderer};
use crate::site::Site;

/// What a build was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Include drafts and future-dated documents.
    pub drafts: bool,
    /// Output folder; default `<site>/public`.
    pub output: Option<PathBuf>,
    /// Replace site.yaml's base_url.
    pub base_url: Option<String>,
    /// Record deliberate changes to published documents.
    pub accept_changes: bool,
    /// Show progress on stderr while a long build renders (for a terminal).
    pub progress: bool,
}

/// A successful build's figures, and the warnings it printed.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub documents: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    pub warnings: Vec<Diagnostic>,
}

/// A loaded, indexed site with its templates, ready to render pages.
pub struct Loaded {
    pub site: Site,
    pub renderer: Renderer,
    /// Each document's card, in `site.docs` order.
    pub cards: Vec<Value>,
    pub warnings: Vec<Diagnostic>,
}

fn split(diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    diags
        .into_iter()
        .partition(|d| d.severity == Severity::Error)
}

/// Loads and indexes a site: every error of every stage, or the loaded site.
pub fn load(root: &Path, opts: &Options) -> Result<Loaded, Vec<Diagnostic>> {
    // An absolute root keeps every path derived from it comparable.
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut config = Config::load(&root)?;
    if let Some(u) = &opts.base_url {
        config
            .set_base_url(u)
            .map_err(|e| vec![Diagnostic::error("--base-url", 0, 0, e)])?;
    }
    let today = crate::dates::today(config.timezone);
    let content::Loaded {
        docs,
        mut diags,
        failed,
    } = content::load(&config);
    diags.extend(crate::disclosure::check_documents(
        &config,
        &docs,
        today,
        opts.drafts,
    ));
    let (mut errors, mut warnings) = split(diags);
    let renderer = match Renderer::new(&config) {
        Ok(r) => Some(r),
        Err(mut ds) => {
            errors.append(&mut ds);
            None
        }
    };
    // Static files are copied only when the build writes, but what would refuse them (a
    // link out of the site) is found by `check` too.
    if let Err(d) = crate::render::theme::static_files(&config) {
        errors.push(d);
    }
    // Index what did load, to find duplicate URLs and broken links too.
    let (site, site_diags) = Site::new(config, docs, &failed, today, opts.drafts);
    let (mut e, mut w) = split(site_diags);
    errors.append(&mut e);
    warnings.append(&mut w);
    let Some(renderer) = renderer else {
        return Err(with_warnings(errors, warnings));
    };
    let cards = render::views::cards(&site);
    let loaded = Loaded {
        site,
        renderer,
        cards,
        warnings,
    };
    if !errors.is_empty() {
        // Render anyway, writing nothing, so that template errors are reported as well.
        let pages = pages::plan(&loaded.site);
        errors.append(&mut render_pages(&loaded, &pages, |_, _| Ok(())));
        // And say which documents that did load were changed silently (one missing
        // cannot be told from one that failed to load: that waits for a clean load).
        if !opts.accept_changes {
            errors.extend(silent_changes(&loaded));
        }
        return Err(with_warnings(errors, loaded.warnings));
    }
    Ok(loaded)
}

/// Reconciles the published documents with `disclosure.lock` (SPEC §7): refuses a
/// silent change or a disappearance, gives new documents their index numbers (shown on
/// their pages), and returns the record to publish. Writes nothing.
pub fn record(loaded: &Loaded, opts: &Options) -> Result<Record, Vec<Diagnostic>> {
    let root = &loaded.site.config.root;
    let old = lock::read(root).map_err(|e| with_warnings(e, loaded.warnings.clone()))?;
    let today = loaded.site.today;
    let published: Vec<&content::Document> = loaded
        .site
        .docs
        .iter()
        .filter(|d| d.is_published(today))
        .collect();
    let record = lock::reconcile(old, &published, today, opts.accept_changes)
        .map_err(|e| with_warnings(lock::with_lock_text(root, e), loaded.warnings.clone()))?;
    // Set once: a site is loaded, then recorded.
    let _ = loaded.site.index_nos.set(record.numbers());
    Ok(record)
}

/// The published documents changed without a reason, by the record (or the record's
/// own problems).
fn silent_changes(loaded: &Loaded) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let old = match lock::read(&site.config.root) {
        Ok(old) => old,
        Err(e) => return e,
    };
    let published: Vec<&content::Document> = site
        .docs
        .iter()
        .filter(|d| d.is_published(site.today))
        .collect();
    lock::silent_changes(&old, &published, site.today)
}

/// Renders the given pages; writes each with `sink`. Returns the render errors.
pub fn render_pages<F>(loaded: &Loaded, pages: &[Page], sink: F) -> Vec<Diagnostic>
where
    F: Fn(&Page, Vec<u8>) -> Result<(), Diagnostic> + Sync,
{
    let mut errors: Vec<Diagnostic> = pages
        .par_iter()
        .filter_map(|p| {
            loaded
                .renderer
                .render(&loaded.site, &loaded.cards, p)
                .and_then(|bytes| sink(p, bytes))
                .err()
        })
        .collect();
    // A broken template fails on every page: say it once.
    errors.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    errors.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
    errors
}

/// Everything `build` checks, writing nothing.
pub fn check(root: &Path, opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let start = Instant::now();
    let loaded = load(root, opts)?;
    record(&loaded, opts)?;
    let pages = pages::plan(&loaded.site);
    let errors = render_pages(&loaded, &pages, |_, _| Ok(()));
    if !errors.is_empty() {
        return Err(with_warnings(errors, loaded.warnings));
    }
    Ok(Report {
        pages: pages.len(),
        documents: loaded.site.docs.len(),
        files: 0,
        elapsed: start.elapsed(),
        output: PathBuf::new(),
        warnings: loaded.warnings,
    })
}

fn with_warnings(mut errors: Vec<Diagnostic>, mut warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.append(&mut warnings);
    errors
}

/// Builds the site into its output folder.
pub fn build(root: &Path, opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let start = Instant::now();
    let out = opts.output.clone().unwrap_or_else(|| root.join("public"));
    output::check_output_dir(root, &out)
        .map_err(|e| vec![Diagnostic::error("--output", 0, 0, e)])?;
    let _exclusive = lock::exclusive(root).map_err(|d| vec![d])?;
    let timings = Timings::new();
    // The staging folder is made (and the previous output it takes over is listed)
    // while the site loads.
    let (loaded, staging) = rayon::join(|| load(root, opts), || Staging::new(&out));
    let loaded = loaded?;
    let staging = staging.map_err(|e| vec![io_diag(&out, &e)])?;
    timings.mark("load, index, Markdown");
    let pages = pages::plan(&loaded.site);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let finished = std::sync::atomic::AtomicBool::new(false);
    // The search index is made from the start, beside the disclosure record (one
    // thread reads and hash-chains the lock), then beside the pages: it needs neither.
    // Pages, and the other files (statics, sources, attachments), are written at the
    // same time once the record has given the documents their numbers.
    let (recorded, search) = std::thread::scope(|scope| {
        if opts.progress {
            scope.spawn(|| progress(&done, pages.len(), &finished));
        }
        let r = rayon::join(
            || {
                let record = record(&loaded, opts)?;
                timings.mark("disclosure record");
                let (errors, (assets, record_text)) = rayon::join(
                    || {
                        render_pages(&loaded, &pages, |p, bytes| {
                            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            staging
                                .write(&p.output_file(), &bytes)
                                .map_err(|e| io_diag(&out, &e))
                        })
                    },
                    || (write_assets(&loaded.site, &staging), record.to_text()),
                );
                Ok::<_, Vec<Diagnostic>>((record_text, errors, assets))
            },
            || {
                loaded
                    .site
                    .config
                    .search
                    .then(|| write_search(&loaded.site, &staging))
                    .transpose()
            },
        );
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        r
    });
    let (record_text, errors, assets) = recorded?;
    if !errors.is_empty() {
        return Err(with_warnings(errors, loaded.warnings));
    }
    let files = assets.map_err(|e| with_warnings(e, Vec::new()))?
        + search
            .map_err(|e| vec![io_diag(&out, &e)])?
            .unwrap_or_default();
    staging
        .write(lock::PUBLISHED_FILE, record_text.as_bytes())
        .map_err(|e| vec![io_diag(&out, &e)])?;
    timings.mark("pages, assets and search index");
    // The record is kept only by a build that publishes: never by `check`, nor by a
    // `--drafts` preview (drafts never enter it, but the preview is not a publication).
    // It is made durable before the swap, so the published disclosure.json never lists
    // what the lock lacks, and a lock that cannot be written leaves the output alone.
    if !opts.drafts {
        lock::write(&loaded.site.config.root, &record_text).map_err(|d| vec![d])?;
    }
    staging.commit().map_err(|e| vec![io_diag(&out, &e)])?;
    timings.mark("swap in, remove the old output");
    Ok(Report {
        pages: pages.len(),
        documents: loaded.site.docs.len(),
        files: pages.len() + files + 1,
        elapsed: start.elapsed(),
        output: out,
        warnings: loaded.warnings,
    })
}

/// With `GONGKAI_TIMINGS` set, a build prints how long each stage took, to stderr.
struct Timings {
    on: bool,
    last: std::sync::Mutex<Instant>,
}

impl Timings {
    fn new() -> Timings {
        Timings {
            on: std::env::var_os("GONGKAI_TIMINGS").is_some(),
            last: std::sync::Mutex::new(Instant::now()),
        }
    }

    fn mark(&self, stage: &str) {
        if self.on {
            let now = Instant::now();
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            eprintln!("{:>7.1} ms  {stage}", (now - *last).as_secs_f64() * 1000.0);
            *last = now;
        }
    }
}

/// Prints `rendering N/M pages` on one terminal line while a build takes more than
/// half a second, and clears it at the end.
fn progress(
    done: &std::sync::atomic::AtomicUsize,
    total: usize,
    finished: &std::sync::atomic::AtomicBool,
) {
    use std::sync::atomic::Ordering;
    let start = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        if start.elapsed() > Duration::from_millis(500) {
            eprint!("\rrendering {}/{total} pages", done.load(Ordering::Relaxed));
            shown = true;
        }
    }
    if shown {
        eprint!("\r\x1b[2K");
    }
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(path, 0, 0, format!("cannot write the output: {e}"))
}

/// Static files, attachments, each document's source as `index.md`, and syntax CSS
/// (not the search index: see [`write_search`]).
/// Returns how many files were written.
pub fn write_assets(site: &Site, staging: &Staging) -> Result<usize, Vec<Diagnostic>> {
    let out = staging.path().to_path_buf();
    let mut count = 0;
    let statics = theme::static_files(&site.config).map_err(|d| vec![d])?;
    for (rel, src) in &statics {
        let r = match src {
            theme::StaticSource::File(f) => staging.copy(rel, f),
            theme::StaticSource::Builtin(text) => staging.write(rel, text.as_bytes()),
        };
        r.map_err(|e| vec![io_diag(&out, &e)])?;
        count += 1;
    }
    let results: Vec<Result<usize, Diagnostic>> = site
        .docs
        .par_iter()
        .map(|d| {
            let dir = d.path.trim_start_matches('/');
            staging
                .write(&format!("{dir}index.md"), d.text.as_bytes())
                .map_err(|e| io_diag(&out, &e))?;
            for a in &d.attachments {
                staging
                    .copy(&format!("{dir}{}", a.name), &a.src)
                    .map_err(|e| io_diag(&out, &e))?;
            }
            Ok(1 + d.attachments.len())
        })
        .collect();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(n) => count += n,
            Err(e) => errors.push(e),
        }
    }
    if site.docs.iter().any(|d| d.has_code) && !statics.contains_key("syntax.css") {
        staging
            .write("syntax.css", content::markdown::syntax_css().as_bytes())
            .map_err(|e| vec![io_diag(&out, &e)])?;
        count += 1;
    }
    if errors.is_empty() {
        Ok(count)
    } else {
        Err(errors)
    }
}

/// The search index files under `search/` (see `search`). Returns how many were written.
pub fn write_search(site: &Site, staging: &Staging) -> std::io::Result<usize> {
    crate::search::write(site, |rel, bytes| staging.write(rel, bytes))
}
