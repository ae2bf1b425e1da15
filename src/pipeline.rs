//! The build, stage by stage: load (config, content, templates) → index (`Site`) →
//! plan pages → render → write (staged, then swapped in). Every stage collects its
//! problems, and the run reports all of them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minijinja::Value;

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Severity};
use crate::disclosure::lock::{self, Record};
use crate::emit::{self, io_diag};
use crate::output::{self, Staging};
use crate::pages::{self, Page};
use crate::render::{self, Renderer};
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
    /// The process builds once and ends (the command line's `build` and `check`): what
    /// is loaded is kept only as long as the build needs it. Each document's source
    /// text is let go once its Markdown is rendered (a third of the memory), and the
    /// loaded site is left for the system to take back at exit instead of being freed
    /// piece by piece (a tenth of a second of one thread at 10,000 documents). Serve
    /// keeps both for its next rebuild.
    pub one_shot: bool,
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
    /// A trial: the site is not live yet, and nothing was recorded (see `golive`).
    pub trial: bool,
    /// Documents not published because they are dated after today.
    pub future: Vec<(PathBuf, chrono::NaiveDate, String)>,
    /// Plans whose schedule was read from their body's month sections: (source,
    /// months, items).
    pub body_schedules: Vec<(PathBuf, usize, usize)>,
}

/// The plans whose schedule was read from their body, for the summary to name.
fn body_schedules(site: &Site) -> Vec<(PathBuf, usize, usize)> {
    site.docs
        .iter()
        .filter(|d| d.schedule_from_body)
        .map(|d| {
            (
                d.source.clone(),
                d.fm.schedule.len(),
                d.fm.schedule.values().map(Vec::len).sum(),
            )
        })
        .collect()
}

/// A loaded, indexed site with its templates, ready to render pages.
pub struct Loaded {
    pub site: Site,
    pub renderer: Renderer,
    /// Each document's card, in `site.docs` order.
    pub cards: Vec<Value>,
    pub warnings: Vec<Diagnostic>,
    /// The files of content/ the site was loaded from.
    pub walk: content::Walk,
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
    let timings = Timings::new("GONGKAI_TIMINGS_LOAD");
    let content::Loaded {
        docs,
        mut diags,
        failed,
        walk,
    } = content::load(&config);
    timings.mark("read and parse documents, Markdown");
    diags.extend(crate::disclosure::check_documents(
        &config,
        &docs,
        today,
        opts.drafts,
    ));
    // Personal data in a document that did not load is told now too.
    let content_dir = config.root.join("content");
    for rel in &failed {
        diags.extend(crate::disclosure::privacy::check_unloaded(
            &config.root,
            &content_dir.join(rel),
        ));
    }
    timings.mark("check documents");
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
    timings.mark("templates, static files");
    let (site, site_diags) = Site::new(config, docs, &failed, today, opts.drafts, opts.one_shot);
    timings.mark("index the site");
    if std::env::var_os("GONGKAI_TIMINGS_LOAD").is_some() {
        let sum =
            |f: &dyn Fn(&content::Document) -> usize| site.docs.iter().map(f).sum::<usize>() / 1024;
        crate::tell!(
            "text {} KB (cap {}), html {} KB (cap {}), summary {} KB, links {}",
            sum(&|d| d.text.len()),
            sum(&|d| d.text.capacity()),
            sum(&|d| d.html.len()),
            sum(&|d| d.html.capacity()),
            sum(&|d| d.summary.capacity()),
            sum(&|d| d.links.iter().map(|l| l.capacity() + 24).sum::<usize>()),
        );
    }
    let (mut e, mut w) = split(site_diags);
    errors.append(&mut e);
    warnings.append(&mut w);
    let Some(renderer) = renderer else {
        return Err(with_warnings(errors, warnings));
    };
    let cards = render::views::cards(&site);
    timings.mark("cards");
    let loaded = Loaded {
        site,
        renderer,
        cards,
        warnings,
        walk,
    };
    if !errors.is_empty() {
        // Render anyway, writing nothing, so that template errors are reported as well.
        let pages = pages::plan(&loaded.site);
        let numbers = render::Numbers::new();
        errors.append(&mut render_problems(&loaded, &numbers, &pages));
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
/// their pages), and returns the record to publish. Writes nothing. `None` for a site
/// that is not live yet: a trial gives no numbers and publishes no record.
pub fn record(loaded: &Loaded, opts: &Options) -> Result<Option<Record>, Vec<Diagnostic>> {
    let root = &loaded.site.config.root;
    let out = opts.output.clone().unwrap_or_else(|| root.join("public"));
    if !lock::is_live(root) {
        let lost = lock::anchored(root, &out, None);
        if !lost.is_empty() {
            return Err(with_warnings(lost, loaded.warnings.clone()));
        }
        return Ok(None);
    }
    let old = lock::read(root).map_err(|e| with_warnings(e, loaded.warnings.clone()))?;
    let lost = lock::anchored(root, &out, Some(&old));
    if !lost.is_empty() {
        return Err(with_warnings(lost, loaded.warnings.clone()));
    }
    let today = loaded.site.today;
    let published: Vec<&content::Document> = loaded
        .site
        .docs
        .iter()
        .filter(|d| d.is_published(today))
        .collect();
    let record = lock::reconcile(old, &published, today, opts.accept_changes)
        .map_err(|e| with_warnings(e, loaded.warnings.clone()))?;
    Ok(Some(record))
}

/// [`record`], and when the record refuses, the pages' own problems as well (rendered
/// with no numbers, into nothing): every problem in one run, not the record's first and
/// the templates' after they are fixed.
fn record_all_problems(
    loaded: &Loaded,
    opts: &Options,
    pages: &[Page],
) -> Result<Option<Record>, Vec<Diagnostic>> {
    record(loaded, opts).map_err(|mut errors| {
        let numbers = render::Numbers::new();
        errors.extend(render_problems(loaded, &numbers, pages));
        errors
    })
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

impl Loaded {
    /// What rendering the pages of `plan` takes, with the 索引号 `numbers`.
    pub fn rendering<'a>(
        &'a self,
        numbers: &'a render::Numbers,
        plan: &'a [Page],
    ) -> emit::Rendering<'a> {
        emit::Rendering {
            site: &self.site,
            renderer: &self.renderer,
            cards: &self.cards,
            numbers,
            plan,
        }
    }
}

/// Renders every page of `plan` into nothing, for the problems (see [`emit::pages`]).
fn render_problems(loaded: &Loaded, numbers: &render::Numbers, plan: &[Page]) -> Vec<Diagnostic> {
    // Nothing is written, so no output folder is ever named.
    let nowhere = Path::new("");
    emit::pages(
        &loaded.rendering(numbers, plan),
        plan,
        &emit::Discard,
        nowhere,
        None,
    )
}

/// Everything `build` checks, writing nothing.
pub fn check(root: &Path, opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let start = Instant::now();
    let loaded = load(root, opts)?;
    let pages = pages::plan(&loaded.site);
    let record = record_all_problems(&loaded, opts, &pages)?;
    let trial = record.is_none();
    let numbers = record.map(|r| r.numbers()).unwrap_or_default();
    let errors = render_problems(&loaded, &numbers, &pages);
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
        trial,
        body_schedules: body_schedules(&loaded.site),
        future: loaded.site.future,
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
    // The marker beside the output says whether what is there may be deployed: it is
    // `building` until this build ends, then `done` or `failed`.
    let mark = |state: &str, trial: bool| {
        output::BuildMark {
            state: state.into(),
            trial,
            drafts: opts.drafts,
            base_url: opts.base_url.clone(),
        }
        .write(&out)
        .map_err(|e| vec![io_diag(&output::BuildMark::path(&out), &e)])
    };
    mark("building", false)?;
    let result = build_unmarked(root, opts, &out, start);
    match &result {
        Ok(r) => mark("done", r.trial)?,
        Err(_) => {
            let _ = mark("failed", false);
        }
    }
    result
}

/// The build itself, once it holds the site's lock.
fn build_unmarked(
    root: &Path,
    opts: &Options,
    out: &Path,
    start: Instant,
) -> Result<Report, Vec<Diagnostic>> {
    let out = out.to_path_buf();
    let timings = Timings::new("GONGKAI_TIMINGS");
    // The staging folder is made (and the previous output it takes over is listed)
    // while the site loads.
    let (loaded, staging) = rayon::join(|| load(root, opts), || Staging::new(&out));
    let loaded = loaded?;
    let staging = staging.map_err(|e| vec![io_diag(&out, &e)])?;
    timings.mark("load, index, Markdown");
    let pages = pages::plan(&loaded.site);
    // The disclosure record reconciled (one thread reads and hash-chains the lock)
    // before the pages, which show its numbers, and the search index start.
    let record = record_all_problems(&loaded, opts, &pages)?;
    let numbers = record.as_ref().map(Record::numbers).unwrap_or_default();
    timings.mark("disclosure record");
    let done = std::sync::atomic::AtomicUsize::new(0);
    let finished = std::sync::atomic::AtomicBool::new(false);
    // The search index is made beside the pages: it needs no numbers. Pages, and the
    // other files (statics, sources, attachments), are written at the same time.
    let (recorded, search) = std::thread::scope(|scope| {
        if opts.progress {
            scope.spawn(|| progress(&done, pages.len(), &finished));
        }
        let r = rayon::join(
            || {
                let (errors, (assets, record_text)) = rayon::join(
                    || {
                        emit::pages(
                            &loaded.rendering(&numbers, &pages),
                            &pages,
                            &staging,
                            &out,
                            Some(&done),
                        )
                    },
                    || {
                        (
                            write_assets(&loaded.site, &staging, &out),
                            record.as_ref().map(Record::to_text),
                        )
                    },
                );
                Ok::<_, Vec<Diagnostic>>((record_text, errors, assets))
            },
            || {
                loaded
                    .site
                    .config
                    .search
                    .then(|| emit::search(&loaded.site, &staging))
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
    if let Some(text) = &record_text {
        staging
            .write(lock::PUBLISHED_FILE, text.as_bytes())
            .map_err(|e| vec![io_diag(&out, &e)])?;
    }
    timings.mark("pages, assets and search index");
    // The record is kept only by a build that publishes: never by `check`, nor by a
    // `--drafts` preview (drafts never enter it, but the preview is not a publication).
    // It is made durable before the swap, so the published disclosure.json never lists
    // what the lock lacks, and a lock that cannot be written leaves the output alone.
    match &record_text {
        Some(text) if !opts.drafts => {
            lock::write(&loaded.site.config.root, text).map_err(|d| vec![d])?;
        }
        _ => {}
    }
    staging.commit().map_err(|e| vec![io_diag(&out, &e)])?;
    timings.mark("swap in, remove the old output");
    let Loaded {
        site,
        renderer,
        cards,
        warnings,
        walk,
    } = loaded;
    let report = Report {
        pages: pages.len(),
        documents: site.docs.len(),
        files: pages.len() + files + usize::from(record_text.is_some()),
        elapsed: start.elapsed(),
        output: out,
        warnings,
        trial: record_text.is_none(),
        body_schedules: body_schedules(&site),
        future: site.future.clone(),
    };
    if opts.one_shot {
        std::mem::forget((site, renderer, cards, walk, pages));
    }
    Ok(report)
}

/// How long each stage took, printed to stderr when an environment variable is set
/// (`GONGKAI_TIMINGS` for a build, `GONGKAI_SERVE_PROFILE` for serve's rebuilds).
pub struct Timings {
    on: bool,
    last: std::sync::Mutex<Instant>,
}

impl Timings {
    /// Timings that print when the environment variable `var` is set.
    pub fn new(var: &str) -> Timings {
        Timings {
            on: std::env::var_os(var).is_some(),
            last: std::sync::Mutex::new(Instant::now()),
        }
    }

    /// Marks the end of a stage: prints the time since the last mark (or the start).
    pub fn mark(&self, stage: &str) {
        if self.on {
            let now = Instant::now();
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            crate::tell!(
                "{:>7.1} ms  {stage}{}",
                (now - *last).as_secs_f64() * 1000.0,
                memory()
            );
            *last = now;
        }
    }
}

/// The process's resident memory now and at its peak, where the system tells
/// (Linux's /proc/self/status), for the stage timings.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "  (memory {} MB, peak {} MB)",
        field("VmRSS:"),
        field("VmHWM:")
    )
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

/// Static files, syntax CSS, and each document's source as `index.md` and attachments
/// (not the search index: see [`emit::search`]). Returns how many files were written.
pub fn write_assets(
    site: &Site,
    sink: &dyn emit::Sink,
    out: &Path,
) -> Result<usize, Vec<Diagnostic>> {
    let statics = emit::statics(site, sink, out)?;
    Ok(statics.len() + emit::all_document_files(site, sink, out)?)
}
