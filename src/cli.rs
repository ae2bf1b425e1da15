//! The command line: arguments become validated options before any work starts; the
//! commands print compiler-style problems and return the process's exit status.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::content::slugify;
use crate::diagnostics::{Diagnostic, Severity};
use crate::pipeline::{self, Options};

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
        kind: NewKind,
        /// The document's title.
        title: String,
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
        #[arg(long, value_name = "URL")]
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
    /// Check a published folder against its disclosure.json: every document's index.md
    /// against its recorded SHA-256, and the record's hash chain.
    Verify {
        /// The published folder (holding disclosure.json).
        dir: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum NewKind {
    Plan,
    Notice,
    Summary,
}

/// Runs the command line; returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    crate::diagnostics::set_per_kind_limit(cli.max_per_kind);
    match cli.command {
        Command::Init { dir } => init(dir.as_deref().unwrap_or(&cli.site)),
        Command::New { kind, title } => new_document(&cli.site, kind, &title),
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
            };
            match pipeline::build(&cli.site, &opts) {
                Ok(r) => {
                    print_diagnostics(&r.warnings);
                    println!(
                        "built {} pages ({} files) from {} documents in {} ms → {}",
                        r.pages,
                        r.files,
                        r.documents,
                        r.elapsed.as_millis(),
                        r.output.display()
                    );
                    0
                }
                Err(diags) => fail(
                    &diags,
                    "build failed; the previous output was left as it was",
                ),
            }
        }
        Command::Verify { dir } => verify(&dir),
        Command::Check { drafts } => {
            let opts = Options {
                drafts,
                ..Options::default()
            };
            match pipeline::check(&cli.site, &opts) {
                Ok(r) => {
                    print_diagnostics(&r.warnings);
                    println!(
                        "checked {} documents and {} pages in {} ms: no errors{}",
                        r.documents,
                        r.pages,
                        r.elapsed.as_millis(),
                        match r.warnings.len() {
                            0 => String::new(),
                            n => format!(", {n} warning(s)"),
                        }
                    );
                    0
                }
                Err(diags) => fail(&diags, "check failed"),
            }
        }
    }
}

/// Prints problems to stderr, errors and warnings alike.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let color = err.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags {
        let text = d.render();
        if color {
            let (code, word) = match d.severity {
                Severity::Error => ("\x1b[1;31m", "error"),
                Severity::Warning => ("\x1b[1;33m", "warning"),
            };
            let text = text.replacen(
                &format!(": {word}: "),
                &format!(": {code}{word}\x1b[0m: "),
                1,
            );
            let _ = write!(err, "{text}");
        } else {
            let _ = write!(err, "{text}");
        }
    }
}

fn fail(diags: &[Diagnostic], what: &str) -> i32 {
    let mut sorted = diags.to_vec();
    sorted.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    print_diagnostics(&sorted);
    let n = sorted
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!("error: {what}: {n} error{}", if n == 1 { "" } else { "s" });
    1
}

/// `gongkai verify DIR`: exit 0 with a summary when everything matches, else every
/// mismatch and exit 1.
fn verify(dir: &Path) -> i32 {
    match crate::disclosure::verify::verify(dir) {
        Ok(v) if v.problems.is_empty() => {
            println!(
                "verified {} documents against {} record entries in {}: every source matches its SHA-256 and the chain is intact (head {})",
                v.documents,
                v.entries,
                dir.display(),
                &v.head[..v.head.len().min(12)]
            );
            0
        }
        Ok(v) => fail(
            &v.problems,
            &format!("verification of {} failed", dir.display()),
        ),
        Err(diags) => fail(&diags, &format!("verification of {} failed", dir.display())),
    }
}

/// `gongkai init`: a new site folder.
fn init(dir: &Path) -> i32 {
    if dir.join("site.yaml").exists() {
        eprintln!(
            "error: {} already has a site.yaml; init makes new sites only",
            dir.display()
        );
        return 1;
    }
    let today = crate::dates::today(chrono_tz::Asia::Shanghai);
    let y = chrono::Datelike::year(&today);
    let files = crate::init::files(today);
    for (rel, text) in files {
        let p = dir.join(&rel);
        if let Some(parent) = p.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("error: cannot create {}: {e}", parent.display());
                return 1;
            }
        }
        if p.exists() {
            continue;
        }
        if let Err(e) = std::fs::write(&p, text) {
            eprintln!("error: cannot write {}: {e}", p.display());
            return 1;
        }
    }
    println!(
        "made a new site in {} (sample documents for {y}); next: cd there and run `gongkai build`",
        dir.display()
    );
    0
}

/// `gongkai new`: a document with today's date and the right front matter.
fn new_document(site: &Path, kind: NewKind, title: &str) -> i32 {
    let title = title.trim();
    if title.is_empty() {
        eprintln!("error: the title is empty");
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
        eprintln!("error: {} already exists", path.display());
        return 1;
    }
    if let Some(parent) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("error: cannot create {}: {e}", parent.display());
            return 1;
        }
    }
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return 1;
    }
    println!("{}", path.display());
    0
}
