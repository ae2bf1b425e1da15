//! `gongkai deploy [TARGET]`: sends a finished build of a live site to a target named
//! in site.yaml (an S3-compatible bucket or a folder), only the files that changed
//! since the last deploy (see [`manifest`]); the manifest is written last, so a deploy
//! that stops part way is reported as not done and is finished by running it again.

pub mod headers;
pub mod manifest;
pub mod messages;
pub mod remote;

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::config::{Config, DeployConfig, Language};
use crate::disclosure::lock::{Record, PUBLISHED_FILE};
use crate::output::BuildMark;
use manifest::{Manifest, Plan};
use messages::Msg;
use remote::{Failure, Remote};

/// What `gongkai deploy` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The target's name; may be left out when site.yaml declares one.
    pub target: Option<String>,
    /// The built folder (default: public/ in the site folder).
    pub output: Option<PathBuf>,
    /// List what would be sent and deleted; send nothing.
    pub dry_run: bool,
    /// Delete from the target the files the build no longer makes.
    pub delete: bool,
    /// Name every file sent and deleted.
    pub verbose: bool,
}

/// How many files are sent at once.
const AT_ONCE: usize = 8;

/// Runs a deploy; returns the exit status.
pub fn run(site: &Path, opts: &Options) -> i32 {
    let config = match Config::load(site) {
        Ok(c) => c,
        Err(diags) => {
            crate::report::print_diagnostics(&diags);
            crate::report::say_error(&crate::t!("deploy-config-problems"));
            return 1;
        }
    };
    // The language of messages: the site's, or --lang / GONGKAI_LANG.
    let lang = crate::i18n::current();
    match deploy(site, &config, opts) {
        Ok(()) => 0,
        Err(m) => {
            crate::report::say_error(&m.text(lang));
            1
        }
    }
}

/// The target a deploy sends to.
fn choose<'a>(config: &'a Config, name: Option<&str>) -> Result<&'a DeployConfig, Msg> {
    let names = || {
        config
            .deploy
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match name {
        _ if config.deploy.is_empty() => Err(Msg::NoTargets),
        Some(n) => config
            .deploy
            .iter()
            .find(|d| d.name == n)
            .ok_or_else(|| Msg::UnknownTarget {
                name: n.to_string(),
                names: names(),
            }),
        None if config.deploy.len() == 1 => Ok(&config.deploy[0]),
        None => Err(Msg::SeveralTargets { names: names() }),
    }
}

/// Refuses what must not be published: no build, one that did not finish or failed, a
/// trial, a `--drafts` preview, a build for another address (`--base-url`).
fn check_build(out: &Path, config: &Config) -> Result<(), Msg> {
    let out_buf = out.to_path_buf();
    let mark = BuildMark::read(out).ok_or(Msg::NoBuild {
        out: out_buf.clone(),
    })?;
    match mark.state.as_str() {
        "done" => {}
        "failed" => return Err(Msg::BuildFailed { out: out_buf }),
        _ => return Err(Msg::BuildUnfinished { out: out_buf }),
    }
    if mark.trial {
        return Err(Msg::Trial);
    }
    if mark.drafts {
        return Err(Msg::Drafts);
    }
    if let Some(url) = mark.base_url {
        let same = crate::config::normalize_base_url(&url).is_ok_and(|(u, _)| u == config.base_url);
        if !same {
            return Err(Msg::OtherBaseUrl {
                url,
                site: config.base_url.clone(),
            });
        }
    }
    if !out.join(PUBLISHED_FILE).is_file() {
        return Err(Msg::NoRecord { out: out_buf });
    }
    Ok(())
}

/// The folders of every document the record lists (`notices/a/`), whatever its status:
/// their files are never deleted from a target.
fn recorded_folders(out: &Path) -> Result<BTreeSet<String>, Msg> {
    let path = out.join(PUBLISHED_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Msg::CannotRead {
        what: format!("{}: {e}", path.display()),
    })?;
    let record = Record::parse(&path, &text).map_err(|d| Msg::CannotRead {
        what: d
            .first()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .unwrap_or_default(),
    })?;
    Ok(record
        .entries
        .iter()
        .map(|e| e.url.trim_start_matches('/').to_string())
        .filter(|u| !u.is_empty())
        .collect())
}

/// A failure of the target, as a message.
fn failure(target: &str, f: Failure) -> Msg {
    let target = target.to_string();
    match f {
        Failure::NoCredentials => Msg::NoCredentials { target },
        Failure::Refused(detail) => Msg::Refused { target, detail },
        Failure::NoBucket(bucket) => Msg::NoBucket { target, bucket },
        Failure::NoFolder(dir) => Msg::NoFolder { target, dir },
        Failure::Network(detail) => Msg::Network { target, detail },
        Failure::Other(detail) => Msg::Other { target, detail },
    }
}

fn deploy(site: &Path, config: &Config, opts: &Options) -> Result<(), Msg> {
    let start = Instant::now();
    // The language of messages: the site's, or --lang / GONGKAI_LANG.
    let lang = crate::i18n::current();
    let target = choose(config, opts.target.as_deref())?;
    let name = target.name.as_str();
    let out = opts.output.clone().unwrap_or_else(|| site.join("public"));
    check_build(&out, config)?;
    let recorded = recorded_folders(&out)?;
    let local = Manifest::of_folder(&out).map_err(|what| Msg::CannotRead { what })?;
    let remote = Arc::new(Remote::open(site, target).map_err(|f| failure(name, f))?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Msg::Other {
            target: name.to_string(),
            detail: crate::t!("web-runtime", reason = e.to_string()),
        })?;
    runtime.block_on(async {
        let theirs = remote.manifest().await.map_err(|f| failure(name, f))?;
        let plan = manifest::plan(&local, &theirs, &recorded, opts.delete);
        if opts.dry_run {
            for rel in &plan.send {
                crate::say!("{}", Msg::Send { rel: rel.clone() }.text(lang));
            }
            for rel in &plan.delete {
                crate::say!("{}", Msg::Delete { rel: rel.clone() }.text(lang));
            }
            for rel in &plan.stale {
                crate::say!("{}", Msg::KeepStale { rel: rel.clone() }.text(lang));
            }
            for rel in &plan.recorded {
                crate::say!("{}", Msg::KeepRecorded { rel: rel.clone() }.text(lang));
            }
            crate::say!(
                "{}",
                Msg::DryRun {
                    target: name.to_string(),
                    send: plan.send.len(),
                    bytes: plan.bytes,
                    unchanged: plan.unchanged,
                    delete: plan.delete.len(),
                }
                .text(lang)
            );
            return Ok(());
        }
        // A failure part way: said, and the deploy reported as not finished.
        let stopped = |sent: usize, f| {
            crate::report::say_error(&failure(name, f).text(lang));
            Msg::Stopped {
                target: name.to_string(),
                sent,
                total: plan.send.len(),
            }
        };
        let (sent, bytes) = send(&remote, &out, &plan, opts.verbose, lang)
            .await
            .map_err(|(sent, f)| stopped(sent, f))?;
        for rel in &plan.delete {
            remote.delete(rel).await.map_err(|f| stopped(sent, f))?;
            if opts.verbose {
                crate::say!("{}", Msg::Delete { rel: rel.clone() }.text(lang));
            }
        }
        // Last: from now on the target says it holds this build.
        remote
            .put_manifest(&plan.next)
            .await
            .map_err(|f| stopped(sent, f))?;
        if !plan.stale.is_empty() {
            crate::say!(
                "{}",
                Msg::StaleNote {
                    n: plan.stale.len()
                }
                .text(lang)
            );
        }
        if !plan.recorded.is_empty() {
            crate::say!(
                "{}",
                Msg::RecordedNote {
                    n: plan.recorded.len()
                }
                .text(lang)
            );
        }
        crate::say!(
            "{}",
            Msg::Done {
                target: name.to_string(),
                sent,
                bytes,
                unchanged: plan.unchanged,
                deleted: plan.delete.len(),
                ms: start.elapsed().as_millis(),
            }
            .text(lang)
        );
        Ok(())
    })
}

/// Sends the plan's files, a few at a time, in three waves (the files pages use, the
/// pages, the record), showing a progress bar on a terminal. Returns the files and
/// bytes sent, or how many were sent before the failure. A test stops it on purpose
/// after `GONGKAI_DEPLOY_FAIL_AFTER` files.
async fn send(
    remote: &Arc<Remote>,
    out: &Path,
    plan: &Plan,
    verbose: bool,
    lang: Language,
) -> Result<(usize, u64), (usize, Failure)> {
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(plan.send.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let fail_after: Option<usize> = std::env::var("GONGKAI_DEPLOY_FAIL_AFTER")
        .ok()
        .and_then(|v| v.parse().ok());
    let started = Arc::new(AtomicUsize::new(0));
    let (mut sent, mut bytes) = (0usize, 0u64);
    let mut failed: Option<Failure> = None;
    for wave in 0..3 {
        let mut files = plan.send.iter().filter(|r| manifest::rank(r) == wave);
        let mut tasks = tokio::task::JoinSet::new();
        loop {
            while failed.is_none() && tasks.len() < AT_ONCE {
                let Some(rel) = files.next() else { break };
                let rel = rel.clone();
                let path = out.join(&rel);
                let remote = remote.clone();
                let started = started.clone();
                tasks.spawn(async move {
                    if fail_after.is_some_and(|n| started.fetch_add(1, Ordering::SeqCst) >= n) {
                        return Err(Failure::Other(
                            "stopped on purpose (GONGKAI_DEPLOY_FAIL_AFTER)".into(),
                        ));
                    }
                    let data = tokio::fs::read(&path)
                        .await
                        .map_err(|e| Failure::Other(format!("{}: {e}", path.display())))?;
                    let n = data.len() as u64;
                    remote.put(&rel, data).await?;
                    Ok((rel, n))
                });
            }
            match tasks.join_next().await {
                None => break,
                Some(Ok(Ok((rel, n)))) => {
                    sent += 1;
                    bytes += n;
                    bar.inc(1);
                    if verbose {
                        bar.suspend(|| crate::say!("{}", Msg::Send { rel }.text(lang)));
                    }
                }
                Some(Ok(Err(f))) => {
                    failed.get_or_insert(f);
                }
                Some(Err(e)) => {
                    failed.get_or_insert(Failure::Other(e.to_string()));
                }
            }
        }
        if let Some(f) = failed {
            bar.abandon();
            return Err((sent, f));
        }
    }
    bar.finish_and_clear();
    Ok((sent, bytes))
}
