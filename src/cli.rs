//! The command line: arguments become validated options before any work starts; the
//! commands print compiler-style problems and return the process's exit status.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::content::slugify;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::{self, Options};
use crate::report::{print_diagnostics, say_error};

#[derive(Parser, Debug)]
#[command(
    name = "gongkai",
    version,
    about = "公开 — a static site generator for public-disclosure sites: plans, notices and work summaries"
)]
pub struct Cli {
    /// The site folder (holding site.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub site: PathBuf,
    /// How many problems of one kind one file shows before the rest are counted in
    /// one line ("and 1,998 more mobile numbers in this file"); 0 shows them all.
    #[arg(long, global = true, default_value_t = crate::diagnostics::DEFAULT_PER_KIND, value_name = "N")]
    pub max_per_kind: usize,
    /// The language of messages: zh-CN or en (default: the site's `language`; also
    /// GONGKAI_LANG).
    #[arg(long, global = true, value_name = "LANG", value_parser = lang_arg)]
    pub lang: Option<crate::config::Language>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Make a new site with site.yaml, the default theme and a few sample documents.
    Init {
        /// Where to make it (default: the --site folder).
        dir: Option<PathBuf>,
    },
    /// Make a new document with today's date and the right front matter.
    New {
        kind: crate::kind::Kind,
        /// The document's title.
        title: String,
    },
    /// Make gongkai documents of Word files (.docx): title, date, 文号, department,
    /// tables, pictures, a notice's period and a plan's month-by-month schedule are
    /// read from the document. A folder imports every .docx in it.
    Import {
        /// The .docx files (or folders of them).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// What the documents are (default: from each title: …公示/通知 a notice,
        /// …计划/要点 a plan, …总结 a summary).
        #[arg(long)]
        kind: Option<crate::kind::Kind>,
        /// The folder under content/ to write into (default: plans/, notices/ or
        /// summaries/ by kind).
        #[arg(long, value_name = "NAME")]
        section: Option<String>,
        /// The document's URL name (one file only; default: from its title).
        #[arg(long, value_name = "S")]
        slug: Option<String>,
    },
    /// Publish the site into public/.
    Build {
        /// Include drafts and future-dated documents.
        #[arg(long)]
        drafts: bool,
        /// Output folder (default: public/ in the site folder).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Replace site.yaml's base_url, e.g. for a test server.
        #[arg(long, value_name = "URL", value_parser = base_url_arg)]
        base_url: Option<String>,
        /// Record deliberate changes to already published documents.
        #[arg(long)]
        accept_changes: bool,
    },
    /// Check everything build checks, writing nothing.
    Check {
        /// Include drafts and future-dated documents.
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site into memory, serve it, and rebuild and reload on every save.
    Serve {
        /// Address to listen on; only this computer by default.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
    },
    /// Make the site live: from now on every build records what it publishes in
    /// disclosure.lock and gives each document its 索引号. Until then builds are trials.
    Golive {
        /// Go live even with init's sample documents still in the site.
        #[arg(long)]
        with_samples: bool,
    },
    /// Send the built site to a target named in site.yaml's `deploy:` (an S3-compatible
    /// bucket or a folder): only the files that changed since the last deploy.
    Deploy {
        /// The target's name (may be left out when site.yaml declares one).
        target: Option<String>,
        /// List what would be sent and deleted; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Delete from the target the files the build no longer makes (never a
        /// document the record lists).
        #[arg(long)]
        delete: bool,
        /// The built folder (default: public/ in the site folder).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Name every file sent and deleted.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Check a published site against its disclosure.json: every document's index.md
    /// and attachment against its recorded SHA-256, and the record's hash chain. Give a
    /// folder, or the site's address (https://…/) to check the live site.
    Verify {
        /// The published folder or URL (serving disclosure.json); default: the site's
        /// public/.
        #[arg(value_name = "DIR|URL")]
        dir: Option<PathBuf>,
    },
}

/// A `--base-url` checked as site.yaml's `base_url` is, so that a mistyped one is a
/// usage error (exit 2) before any work starts.
fn base_url_arg(s: &str) -> Result<String, String> {
    crate::config::normalize_base_url(s).map(|_| s.to_string())
}

/// The language of messages as the raw arguments, `GONGKAI_LANG` and the site decide
/// (see [`crate::i18n::choose`]): read before clap parses, so that its help is in it.
fn language_of_args(args: &[std::ffi::OsString]) -> crate::config::Language {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value_of = |name: &str| {
        let long = format!("--{name}");
        let eq = format!("--{name}=");
        args.iter().enumerate().find_map(|(i, a)| {
            if *a == long {
                args.get(i + 1).cloned()
            } else {
                a.strip_prefix(&eq).map(str::to_string)
            }
        })
    };
    let explicit = value_of("lang")
        .as_deref()
        .and_then(crate::i18n::parse_language)
        .or_else(|| {
            std::env::var("GONGKAI_LANG")
                .ok()
                .as_deref()
                .and_then(crate::i18n::parse_language)
        });
    // `gongkai init DIR`: the site is DIR.
    let init_dir = args
        .iter()
        .position(|a| a == "init")
        .and_then(|i| args.get(i + 1))
        .filter(|a| !a.starts_with('-'))
        .cloned();
    let site = init_dir
        .or_else(|| value_of("site"))
        .unwrap_or_else(|| ".".to_string());
    crate::i18n::choose(explicit, Path::new(&site))
}

/// The command line's definition with its help in the current language: each
/// command's and option's text comes from the catalogue (`cli-<command>`,
/// `cli-<command>-<option>`, `cli-<option>` for the global ones) where it has one.
fn localized_command() -> clap::Command {
    use crate::i18n::tr_opt;
    let help_arg = |c: clap::Command| {
        c.disable_help_flag(true).arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(clap::ArgAction::Help)
                .help(crate::t!("cli-help")),
        )
    };
    let mut cmd = help_arg(Cli::command())
        .about(crate::t!("cli-about"))
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(crate::t!("cli-version")),
        )
        .subcommand_help_heading(crate::t!("cli-commands"))
        .next_help_heading(crate::t!("cli-options"))
        .help_template(crate::t!("cli-help-template"))
        .disable_help_subcommand(true);
    let globals: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in globals {
        if let Some(h) = tr_opt(&format!("cli-{}", id.replace('_', "-"))) {
            cmd = cmd.mut_arg(&id, |a| {
                value_names_in_language(a.help(h).help_heading(crate::t!("cli-options")))
            });
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            if let Some(about) = tr_opt(&format!("cli-{name}")) {
                sub = sub.about(about);
            }
            sub = sub
                .help_template(crate::t!("cli-help-template"))
                .next_help_heading(crate::t!("cli-options"));
            let ids: Vec<String> = sub
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            for id in ids {
                let key = format!("cli-{name}-{}", id.replace('_', "-"));
                let heading = crate::t!("cli-options");
                sub = sub.mut_arg(&id, |a| {
                    let a = if a.is_positional() {
                        a
                    } else {
                        a.help_heading(heading)
                    };
                    value_names_in_language(match tr_opt(&key) {
                        Some(h) => a.help(h),
                        None => a,
                    })
                });
            }
            sub
        });
    }
    cmd
}

/// The placeholders of an argument's values (`<DIR>`, `<TITLE>`) in the language of
/// messages.
fn value_names_in_language(a: clap::Arg) -> clap::Arg {
    if !a.get_action().takes_values() {
        return a;
    }
    let names: Vec<String> = match a.get_value_names() {
        Some(v) => v.iter().map(|s| s.to_string()).collect(),
        None => vec![a.get_id().to_string().to_uppercase()],
    };
    let local: Vec<String> = names
        .iter()
        .map(|n| {
            crate::i18n::tr_opt(&format!("cli-value-{}", n.to_lowercase()))
                .unwrap_or_else(|| n.clone())
        })
        .collect();
    a.value_names(local)
}

fn lang_arg(s: &str) -> Result<crate::config::Language, String> {
    crate::i18n::parse_language(s).ok_or_else(|| crate::t!("cli-lang-values"))
}

/// The words clap puts in help of its own (`[OPTIONS]`, `[default: .]`) in the
/// language of messages.
fn clap_words(text: &str) -> String {
    text.replace("[OPTIONS]", &crate::t!("cli-usage-options"))
        .replace("<COMMAND>", &crate::t!("cli-usage-command"))
        .replace("[default: ", &crate::t!("cli-default"))
        .replace("[possible values: ", &crate::t!("cli-possible-values"))
}

/// Prints what clap has to say (help, the version, or a mistyped command line) in the
/// language of messages; returns the exit status: 0 for help, 2 for a mistake.
fn said_by_clap(e: &clap::Error) -> i32 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use std::io::Write;
    let text = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(v)) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let out = clap_words(&e.render().to_string());
            if e.use_stderr() {
                let _ = write!(std::io::stderr(), "{out}");
                return 2;
            }
            let _ = write!(std::io::stdout(), "{out}");
            return 0;
        }
        ErrorKind::InvalidSubcommand => crate::t!(
            "cli-unknown-command",
            name = text(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => crate::t!("cli-unknown-argument", name = arg),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(|s| match s.downcast_ref::<std::num::ParseIntError>() {
                    Some(_) => crate::t!("cli-whole-number"),
                    None => s.to_string(),
                })
                .or_else(|| {
                    text(ContextKind::ValidValue).map(|v| crate::t!("cli-valid-values", values = v))
                })
                .unwrap_or_default();
            crate::t!("cli-bad-value", name = arg, value = value, reason = reason)
        }
        ErrorKind::MissingRequiredArgument => crate::t!("cli-missing-argument", name = arg),
        ErrorKind::MissingSubcommand => crate::t!("cli-missing-command"),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => crate::t!("cli-value-count", name = arg),
        ErrorKind::ArgumentConflict => crate::t!(
            "cli-conflict",
            name = arg,
            other = text(ContextKind::PriorArg).unwrap_or_default()
        ),
        _ => {
            // Anything else in clap's words, after a plain sentence.
            let raw = e.render().to_string();
            let raw = raw.trim().trim_start_matches("error: ").to_string();
            crate::t!("cli-other", raw = raw)
        }
    };
    let mut out = String::new();
    out.push_str(&format!("{}: {message}", crate::t!("severity-error")));
    out.push('\n');
    let suggested =
        text(ContextKind::SuggestedSubcommand).or_else(|| text(ContextKind::SuggestedArg));
    if let Some(s) = suggested {
        out.push_str(&crate::i18n::help(crate::t!("did-you-mean", name = s)));
        out.push('\n');
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&crate::t!("cli-usage-line", usage = clap_words(usage)));
        out.push('\n');
    }
    out.push_str(&crate::t!("cli-more-help"));
    out.push('\n');
    let _ = write!(std::io::stderr(), "{out}");
    2
}

/// Runs the command line; returns the exit status.
pub fn run() -> i32 {
    // The language first, from the raw arguments: `--help` is already in it.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    crate::i18n::set(language_of_args(&args));
    let matches = match localized_command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return said_by_clap(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return said_by_clap(&e),
    };
    crate::diagnostics::set_per_kind_limit(cli.max_per_kind);
    match cli.command {
        Command::Init { dir } => init(dir.as_deref().unwrap_or(&cli.site)),
        Command::New { kind, title } => new_document(&cli.site, kind, &title),
        Command::Import {
            files,
            kind,
            section,
            slug,
        } => crate::import::run(
            &cli.site,
            &crate::import::Options {
                files,
                kind,
                section,
                slug,
            },
        ),
        Command::Serve { bind, port, open } => crate::serve::run(&crate::serve::ServeOptions {
            site: cli.site.clone(),
            bind,
            port,
            open,
        }),
        Command::Build {
            drafts,
            output,
            base_url,
            accept_changes,
        } => {
            let opts = Options {
                drafts,
                output,
                base_url,
                accept_changes,
                progress: std::io::stderr().is_terminal(),
                one_shot: true,
            };
            match pipeline::build(&cli.site, &opts) {
                Ok(r) => {
                    let summary = crate::t!(
                        "built",
                        pages = r.pages,
                        files = r.files,
                        documents = r.documents,
                        ms = r.elapsed.as_millis() as u64,
                        output = r.output.display()
                    );
                    say_report(&r, &summary);
                    0
                }
                Err(diags) => fail(&diags, &crate::t!("build-failed")),
            }
        }
        Command::Deploy {
            target,
            dry_run,
            delete,
            output,
            verbose,
        } => crate::deploy::run(
            &cli.site,
            &crate::deploy::Options {
                target,
                output,
                dry_run,
                delete,
                verbose,
            },
        ),
        Command::Verify { dir } => verify(&dir.unwrap_or_else(|| cli.site.join("public"))),
        Command::Golive { with_samples } => golive(&cli.site, with_samples),
        Command::Check { drafts } => {
            let opts = Options {
                drafts,
                one_shot: true,
                ..Options::default()
            };
            match pipeline::check(&cli.site, &opts) {
                Ok(r) => {
                    let summary = crate::t!(
                        "checked",
                        documents = r.documents,
                        pages = r.pages,
                        ms = r.elapsed.as_millis() as u64,
                        warnings = r.warnings.len()
                    );
                    say_report(&r, &summary);
                    0
                }
                Err(diags) => fail(&diags, &crate::t!("check-failed")),
            }
        }
    }
}

/// What a good build or check prints: its warnings, its summary line, the documents
/// held back for their date, the plans scheduled from their body, and whether it was a
/// trial.
fn say_report(r: &pipeline::Report, summary: &str) {
    print_diagnostics(&r.warnings);
    crate::say!("{summary}");
    say_future(&r.future);
    say_body_schedules(&r.body_schedules);
    if r.trial {
        say_trial();
    }
}

/// Names the documents held back for their date: a secretary who dated a notice
/// tomorrow by mistake must not look for it in vain.
fn say_future(future: &[(PathBuf, chrono::NaiveDate, String)]) {
    if future.is_empty() {
        return;
    }
    crate::say!("{}", crate::t!("held-back", n = future.len()));
    for (path, day, title) in future {
        crate::say!(
            "{}",
            crate::t!(
                "held-back-item",
                path = path.display(),
                day = day.to_string(),
                title = title
            )
        );
    }
}

/// Names the plans whose month-by-month schedule was read from their body: the month
/// pages list those items, and the secretary should know where they came from.
fn say_body_schedules(plans: &[(PathBuf, usize, usize)]) {
    for (path, months, items) in plans {
        crate::say!(
            "{}",
            crate::t!(
                "body-schedule",
                path = path.display(),
                months = months,
                items = items
            )
        );
    }
}

/// What a build of a site that is not live yet says after its summary line.
fn say_trial() {
    crate::say!("{}", crate::t!("trial-build"));
}

/// `gongkai golive`: checks the site as a build would, refuses while init's sample
/// documents are still there (unless told), then starts the disclosure record.
fn golive(site: &Path, with_samples: bool) -> i32 {
    use crate::disclosure::lock;
    if lock::is_live(site) {
        crate::say!(
            "{}",
            crate::t!("live-already", lock = site.join(lock::LOCK_FILE).display())
        );
        return 0;
    }
    if let Err(diags) = pipeline::check(site, &Options::default()) {
        return fail(&diags, &crate::t!("golive-problems"));
    }
    let mut walk_diags = Vec::new();
    let samples: Vec<PathBuf> = crate::content::walk(site, &mut walk_diags)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(crate::init::SAMPLE_MARK)))
        .collect();
    if !samples.is_empty() && !with_samples {
        for p in &samples {
            crate::tell!(
                "{}: {}: {}",
                crate::text::rel_to(site, p).display(),
                crate::t!("severity-error"),
                crate::t!("golive-sample")
            );
        }
        crate::tell!("  = {}", crate::i18n::help(crate::t!("golive-sample-help")));
        say_error(&crate::t!("golive-samples-left", n = samples.len()));
        return 1;
    }
    if let Err(d) = lock::write(site, lock::EMPTY) {
        return fail(&[d], &crate::t!("golive-failed"));
    }
    crate::say!("{}", crate::t!("golive-done"));
    0
}

fn fail(diags: &[Diagnostic], what: &str) -> i32 {
    let mut sorted = diags.to_vec();
    crate::diagnostics::sort(&mut sorted);
    print_diagnostics(&sorted);
    let n = sorted
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    say_error(&crate::t!("failed-summary", what = what, n = n));
    1
}

/// `gongkai verify DIR|URL`: exit 0 with a summary when everything matches, else every
/// mismatch and exit 1.
fn verify(dir: &Path) -> i32 {
    use crate::disclosure::verify::{verify_published, Folder};
    let web = dir
        .to_str()
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"));
    let result = match web {
        Some(url) => match crate::disclosure::web::Web::new(url) {
            Ok(w) => verify_published(&w),
            Err(e) => {
                say_error(&e.to_string());
                return 1;
            }
        },
        None => {
            // A trial build has no record: say so, rather than that disclosure.json is
            // missing.
            let trial = crate::output::BuildMark::read(dir).is_some_and(|m| m.trial);
            if trial && !dir.join(crate::disclosure::lock::PUBLISHED_FILE).exists() {
                say_error(&crate::t!("verify-trial", dir = dir.display()));
                crate::tell!("  = {}", crate::i18n::help(crate::t!("verify-trial-help")));
                return 1;
            }
            verify_published(&Folder(dir))
        }
    };
    match result {
        Ok(v) if v.problems.is_empty() => {
            crate::say!(
                "{}",
                crate::t!(
                    "verified",
                    documents = v.documents,
                    entries = v.entries,
                    dir = dir.display(),
                    head = v.head.get(..12).unwrap_or(&v.head)
                )
            );
            0
        }
        Ok(v) => fail(
            &v.problems,
            &crate::t!("verify-failed", dir = dir.display()),
        ),
        Err(diags) => fail(&diags, &crate::t!("verify-failed", dir = dir.display())),
    }
}

/// `gongkai init`: a new site folder.
fn init(dir: &Path) -> i32 {
    if dir.join("site.yaml").exists() {
        say_error(&crate::t!("init-exists", dir = dir.display()));
        return 1;
    }
    let today = crate::dates::today(chrono_tz::Asia::Shanghai);
    let y = chrono::Datelike::year(&today);
    let files = crate::init::files(today);
    for (rel, text) in files {
        let p = dir.join(&rel);
        if let Some(parent) = p.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                say_error(&crate::i18n::io_error("io-create", parent, &e));
                return 1;
            }
        }
        if p.exists() {
            continue;
        }
        if let Err(e) = std::fs::write(&p, text) {
            say_error(&crate::i18n::io_error("io-write", &p, &e));
            return 1;
        }
    }
    crate::say!(
        "{}",
        crate::t!("init-done", dir = dir.display(), year = i64::from(y))
    );
    0
}

/// `gongkai new`: a document with today's date and the right front matter.
fn new_document(site: &Path, kind: crate::kind::Kind, title: &str) -> i32 {
    let title = title.trim();
    if title.is_empty() {
        say_error(&crate::t!("new-empty-title"));
        return 1;
    }
    let tz = crate::config::Config::load(site)
        .map(|c| c.timezone)
        .unwrap_or(chrono_tz::Asia::Shanghai);
    let today = crate::dates::today(tz);
    let (folder, text) = crate::init::new_document(kind, title, today);
    let name = slugify(title);
    let path = site.join("content").join(folder).join(format!("{name}.md"));
    if path.exists() {
        say_error(&crate::t!("new-exists", path = path.display()));
        return 1;
    }
    if let Some(parent) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            say_error(&crate::i18n::io_error("io-create", parent, &e));
            return 1;
        }
    }
    if let Err(e) = std::fs::write(&path, text) {
        say_error(&crate::i18n::io_error("io-write", &path, &e));
        return 1;
    }
    crate::say!("{}", path.display());
    0
}
