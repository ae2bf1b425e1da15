//! `gongkai import FILE...`: Word documents (.docx) become gongkai documents under
//! content/<section>/ — `<slug>.md`, or a bundle `<slug>/index.md` with its pictures —
//! with the front matter written from what the document says (title, date, 文号,
//! department, a notice's period and contact, a plan's month-by-month schedule).
//! Nothing is overwritten and nothing half-written: each document is written into a
//! hidden temporary name and renamed into place. The new documents then get the
//! checks of `gongkai check`, reported at the written file's line and column.

pub mod convert;
pub mod markdown;
pub mod word;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::config::Config;
use crate::diagnostics::Severity;
use crate::kind::Kind;
use crate::recognise::Period;
use crate::report::print_diagnostics;
use crate::text::{is_valid_slug, rel_to, slugify};
use convert::Imported;

pub struct Options {
    pub files: Vec<PathBuf>,
    pub kind: Option<Kind>,
    pub section: Option<String>,
    pub slug: Option<String>,
}

/// A document ready to be written.
struct Planned {
    /// The document file (`content/notices/x.md` or `content/notices/x/index.md`).
    path: PathBuf,
    /// The bundle folder, when it has pictures.
    bundle: Option<PathBuf>,
    text: String,
    pictures: Vec<(String, Vec<u8>)>,
    found: Vec<String>,
    missing: Vec<String>,
}

/// Runs the command; returns the exit status.
pub fn run(site: &Path, opts: &Options) -> i32 {
    let config = match Config::load(site) {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(&diags);
            crate::tell!("{}", crate::t!("import-no-site", dir = site.display()));
            return 1;
        }
    };
    if let Some(s) = &opts.section {
        if !is_valid_slug(s) || s.contains('/') {
            crate::tell!("{}", crate::t!("import-bad-section", section = s));
            return 2;
        }
    }
    let (files, mut failed) = inputs(&opts.files);
    if opts.slug.is_some() && files.len() > 1 {
        crate::tell!("{}", crate::t!("import-slug-for-many", n = files.len()));
        return 2;
    }
    if let Some(s) = &opts.slug {
        if !is_valid_slug(s) {
            crate::tell!("{}", crate::t!("import-bad-slug", slug = s));
            return 2;
        }
    }
    let today = crate::dates::today(config.timezone);
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for f in &files {
        let shown = f.display().to_string();
        match plan(&config, opts, f, today, &mut taken) {
            Ok(p) => match write(&p) {
                Ok(()) => {
                    let path = rel_to(site, &p.path);
                    crate::say!(
                        "{}",
                        crate::t!("import-written", path = &path, file = &shown)
                    );
                    crate::say!("{}", crate::t!("import-found", list = p.found.join(" · ")));
                    if !p.missing.is_empty() {
                        let list = p.missing.join(" · ");
                        crate::say!("{}", crate::t!("import-not-found", list = list));
                    }
                    written.push(p.bundle.clone().unwrap_or(p.path.clone()));
                }
                Err(e) => {
                    crate::tell!(
                        "{}",
                        crate::t!("import-nothing-written", file = &shown, reason = e)
                    );
                    failed += 1;
                }
            },
            Err(e) => {
                crate::tell!(
                    "{}",
                    crate::t!("import-file-error", file = &shown, reason = e)
                );
                failed += 1;
            }
        }
    }
    let checked = check_new(site, &written);
    let n = written.len();
    if n > 0 {
        let line = match checked {
            0 => crate::t!("import-done", n = n),
            e => crate::t!("import-done-problems", n = n, e = e),
        };
        crate::say!("{line}");
    }
    if failed > 0 {
        crate::tell!("{}", crate::t!("import-failed", n = failed));
    }
    i32::from(failed > 0 || checked > 0 || (n == 0 && files.is_empty()))
}

/// The .docx files named: a folder stands for the .docx files in it (Word's `~$`
/// lock files left out). Returns them and how many arguments were refused.
fn inputs(args: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let mut out = Vec::new();
    let mut failed = 0;
    for a in args {
        if a.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(a)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| {
                            p.is_file()
                                && p.extension()
                                    .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
                                && !p
                                    .file_name()
                                    .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            if found.is_empty() {
                crate::tell!("{}", crate::t!("import-empty-folder", dir = a.display()));
                failed += 1;
            }
            out.extend(found);
        } else if a.is_file() {
            out.push(a.clone());
        } else {
            crate::tell!("{}", crate::t!("import-no-such-file", file = a.display()));
            failed += 1;
        }
    }
    (out, failed)
}

/// Reads and converts one file, and decides where it goes.
fn plan(
    config: &Config,
    opts: &Options,
    file: &Path,
    today: NaiveDate,
    taken: &mut HashSet<PathBuf>,
) -> Result<Planned, String> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "doc" || ext == "wps" {
        return Err(crate::t!("import-old-word"));
    }
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > crate::attach::MAX_FILE {
        return Err(crate::t!(
            "import-too-large",
            mb = size / (1024 * 1024),
            max = crate::attach::MAX_FILE / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| crate::i18n::io_error("io-read", file, &e))?;
    // Read in a guarded thread, as attachments are: a damaged file that makes a crate
    // panic, or one that takes too long, is an error about that file, not a crash.
    use crate::attach::{run_guarded, Failed};
    let imp = match run_guarded(move || word::read(&bytes).map(|doc| convert::convert(&doc))) {
        Ok(r) => r.map_err(|e| crate::t!("import-cannot-import", reason = e))?,
        Err(Failed::TimedOut) => {
            return Err(crate::t!(
                "import-timed-out",
                s = crate::attach::TIME_LIMIT.as_secs()
            ))
        }
        Err(_) => return Err(crate::t!("import-damaged")),
    };

    let section_kind = |s: &str| {
        config
            .section(s)
            .and_then(|c| c.kind())
            .or_else(|| Kind::from_section(s))
    };
    let kind = opts
        .kind
        .or_else(|| opts.section.as_deref().and_then(section_kind))
        .or(imp.kind)
        .ok_or_else(|| {
            let from = match imp.title.as_deref() {
                Some(t) => crate::t!("import-from-title", title = t),
                None => crate::t!("import-no-title-stands-out"),
            };
            crate::t!("import-kind-unknown", from = from)
        })?;
    let section = opts.section.clone().unwrap_or_else(|| {
        match kind {
            Kind::Plan => "plans",
            Kind::Notice => "notices",
            Kind::Summary => "summaries",
        }
        .to_string()
    });
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = imp.title.clone().unwrap_or_else(|| stem.clone());
    let slug = opts.slug.clone().unwrap_or_else(|| slugify(&title));
    if slug.is_empty() || !is_valid_slug(&slug) {
        return Err(crate::t!("import-no-slug", title = &title));
    }
    if slug.len() > crate::text::MAX_NAME_BYTES - 16 {
        return Err(crate::t!("import-title-too-long"));
    }
    let folder = config.root.join("content").join(&section);
    let bundle = !imp.pictures.is_empty();
    let path = if bundle {
        folder.join(&slug).join("index.md")
    } else {
        folder.join(format!("{slug}.md"))
    };
    for existing in [
        folder.join(format!("{slug}.md")),
        folder.join(&slug).join("index.md"),
        folder.join(&slug),
    ] {
        if existing.exists() || taken.contains(&existing) {
            return Err(crate::t!(
                "import-exists",
                path = &rel_to(&config.root, &existing)
            ));
        }
    }
    taken.insert(folder.join(format!("{slug}.md")));
    taken.insert(folder.join(&slug));
    taken.insert(folder.join(&slug).join("index.md"));

    let source_name = file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let implied = section_kind(&section) == Some(kind);
    let (text, found, missing) = document_text(&imp, kind, implied, &title, &source_name, today);
    Ok(Planned {
        path,
        bundle: bundle.then(|| folder.join(&slug)),
        text,
        pictures: imp.pictures,
        found,
        missing,
    })
}

/// A YAML scalar as a person writes it: plain when it reads back as the same text,
/// else double-quoted.
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\u{22}%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['\n', '\t', '\r'])
        && !s.chars().any(char::is_control)
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        // `2023`, `1.5`, `2023-06-01` would read back as a number or a date.
        && !(s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+')
            && s.is_ascii());
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
    }
}

/// The document's text, with what was found and what was not.
fn document_text(
    imp: &Imported,
    kind: Kind,
    kind_implied: bool,
    title: &str,
    source_name: &str,
    today: NaiveDate,
) -> (String, Vec<String>, Vec<String>) {
    let kind_word = match kind {
        Kind::Plan => crate::t!("import-kind-plan"),
        Kind::Notice => crate::t!("import-kind-notice"),
        Kind::Summary => crate::t!("import-kind-summary"),
    };
    let mut found = vec![if imp.kind == Some(kind) {
        crate::t!("import-kind-from-title", kind = kind_word)
    } else {
        kind_word
    }];
    let mut missing = Vec::new();
    let mut fm = String::from("---\n");
    let _ = writeln!(
        fm,
        "# 由 gongkai import 从 {source_name} 导入（{today}）；请核对后发布"
    );
    if imp.title.is_some() {
        found.push(crate::t!("import-found-title", title = title));
    } else {
        missing.push(crate::t!("import-missing-title"));
        let _ = writeln!(fm, "# 未找到标题，暂用文件名：请改为文件的标题");
    }
    let _ = writeln!(fm, "title: {}", yaml_str(title));
    let date = match imp.date {
        Some(d) => {
            found.push(crate::t!("import-found-date", date = d.to_string()));
            d
        }
        None => {
            missing.push(crate::t!("import-missing-date", today = today.to_string()));
            let _ = writeln!(fm, "# 未找到成文日期，暂用导入当天：请核对");
            today
        }
    };
    let _ = writeln!(fm, "date: {date}");
    if !kind_implied {
        let _ = writeln!(fm, "kind: {}", kind.as_str());
    }
    if let Some(no) = &imp.doc_no {
        found.push(crate::t!("import-found-doc-no", no = no));
        let _ = writeln!(fm, "doc_no: {}", yaml_str(no));
    }
    if let Some(d) = &imp.department {
        found.push(crate::t!("import-found-department", department = d));
        let _ = writeln!(fm, "department: {}", yaml_str(d));
    }
    if kind == Kind::Plan {
        if let Some(y) = crate::init::title_year(title).filter(|y| *y != date.year()) {
            found.push(crate::t!("import-found-year", year = y.to_string()));
            let _ = writeln!(fm, "year: {y}");
        }
    }
    if kind == Kind::Notice {
        match &imp.period {
            Some(p) => {
                let (spec, said) = match p {
                    Period::Range(s, e) => (
                        format!("{{start: {s}, end: {e}}}"),
                        crate::t!(
                            "import-period-range",
                            start = s.to_string(),
                            end = e.to_string()
                        ),
                    ),
                    Period::WorkingDays(s, n) => {
                        let s = s.unwrap_or(date);
                        (
                            format!("{{start: {s}, working_days: {n}}}"),
                            crate::t!("import-period-working-days", n = n, start = s.to_string()),
                        )
                    }
                    Period::Days(s, n) => {
                        let s = s.unwrap_or(date);
                        (
                            format!("{{start: {s}, days: {n}}}"),
                            crate::t!("import-period-days", n = n, start = s.to_string()),
                        )
                    }
                };
                found.push(crate::t!("import-found-disclosure", period = said));
                let _ = writeln!(fm, "disclosure: {spec}");
            }
            None => missing.push(crate::t!("import-missing-disclosure")),
        }
        if let Some(c) = &imp.contact {
            found.push(crate::t!("import-found-contact", contact = c));
            let _ = writeln!(fm, "contact: {}", yaml_str(c));
        }
    }
    if kind == Kind::Plan {
        if imp.schedule.is_empty() {
            missing.push(crate::t!("import-missing-schedule"));
        } else {
            let items: usize = imp.schedule.values().map(Vec::len).sum();
            let months: Vec<String> = imp.schedule.keys().map(|m| m.to_string()).collect();
            found.push(crate::t!(
                "import-found-schedule",
                months = months.join(", "),
                items = items
            ));
            fm.push_str("schedule:\n");
            for (m, list) in &imp.schedule {
                let _ = writeln!(fm, "  {m}:");
                for item in list {
                    let _ = writeln!(fm, "    - {}", yaml_str(item));
                }
            }
        }
    }
    if imp.tables > 0 {
        found.push(crate::t!("import-found-tables", n = imp.tables));
    }
    if !imp.pictures.is_empty() {
        let n = imp.pictures.len();
        found.push(crate::t!("import-found-pictures", n = n));
    }
    if imp.footnotes > 0 {
        let n = imp.footnotes;
        found.push(crate::t!("import-found-footnotes", n = n));
    }
    fm.push_str("---\n\n");
    fm.push_str(&imp.body);
    (fm, found, missing)
}

/// Writes a document under a hidden temporary name, then renames it into place.
fn write(p: &Planned) -> Result<(), String> {
    let fail = |what: &Path, e: std::io::Error| crate::i18n::io_error("io-write", what, &e);
    match &p.bundle {
        None => {
            let dir = p.path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
            let name = p
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = dir.join(format!(".{name}.import-tmp"));
            std::fs::write(&tmp, &p.text).map_err(|e| fail(&tmp, e))?;
            if p.path.exists() {
                let _ = std::fs::remove_file(&tmp);
                return Err(crate::t!("import-appeared", path = &p.path));
            }
            std::fs::rename(&tmp, &p.path).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                fail(&p.path, e)
            })
        }
        Some(bundle) => {
            let parent = bundle.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
            let name = bundle
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = parent.join(format!(".{name}.import-tmp"));
            let _ = std::fs::remove_dir_all(&tmp);
            let result = (|| {
                std::fs::create_dir(&tmp).map_err(|e| fail(&tmp, e))?;
                std::fs::write(tmp.join("index.md"), &p.text).map_err(|e| fail(&tmp, e))?;
                for (name, bytes) in &p.pictures {
                    std::fs::write(tmp.join(name), bytes).map_err(|e| fail(&tmp.join(name), e))?;
                }
                if bundle.exists() {
                    return Err(crate::t!("import-appeared", path = bundle));
                }
                std::fs::rename(&tmp, bundle).map_err(|e| fail(bundle, e))
            })();
            if result.is_err() {
                let _ = std::fs::remove_dir_all(&tmp);
            }
            result
        }
    }
}

/// Checks the site as `gongkai check` does and prints the problems of the new
/// documents (their files and bundles); returns how many errors they have.
fn check_new(site: &Path, written: &[PathBuf]) -> usize {
    if written.is_empty() {
        return 0;
    }
    let rels: Vec<PathBuf> = written.iter().map(|p| rel_to(site, p)).collect();
    let ours = |d: &crate::diagnostics::Diagnostic| rels.iter().any(|r| d.path.starts_with(r));
    let opts = crate::pipeline::Options {
        drafts: true,
        ..crate::pipeline::Options::default()
    };
    let diags = match crate::pipeline::check(site, &opts) {
        Ok(r) => r.warnings,
        Err(d) => d,
    };
    let mut mine: Vec<_> = diags.into_iter().filter(ours).collect();
    crate::diagnostics::sort(&mut mine);
    print_diagnostics(&mine);
    mine.iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}
