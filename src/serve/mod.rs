//! `gongkai serve`: builds the site into memory (drafts shown), serves it on a local
//! address, watches the site folder, rebuilds only what a change touches, and tells
//! open pages to reload, or shows them a broken save's errors.
//!
//! - [`rebuild`]: the incremental rebuild of the in-memory site;
//! - [`store`]: the served files and the reload script added to pages;
//! - [`http`]: the axum server and its events channel;
//! - [`watch`]: the file watcher.

pub mod http;
pub mod memory;
pub mod rebuild;
pub mod store;
pub mod watch;

use std::future::IntoFuture;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::Severity;
use crate::pipeline::Options;
use rebuild::{Changes, Outcome, Workspace};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port; the address is printed.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Runs the server until interrupted; returns the exit status.
pub fn run(opts: &ServeOptions) -> i32 {
    if !opts.site.join("site.yaml").is_file() {
        crate::tell!(
            "{}\n{}",
            crate::t!("serve-no-site", dir = opts.site.display()),
            crate::t!("serve-no-site-help")
        );
        return 1;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            crate::tell!(
                "{}",
                crate::t!("serve-cannot-start", reason = crate::i18n::io_reason(&e))
            );
            return 1;
        }
    };
    let code = runtime.block_on(serve(opts));
    // Open connections (the pages' events channels) are not waited for.
    runtime.shutdown_background();
    code
}

async fn serve(opts: &ServeOptions) -> i32 {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            crate::tell!(
                "{}\n{}",
                crate::t!(
                    "serve-cannot-listen",
                    addr = addr.to_string(),
                    reason = crate::i18n::io_reason(&e)
                ),
                crate::t!("serve-cannot-listen-help")
            );
            return 1;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    let host = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", local.port());

    let root = std::path::absolute(&opts.site).unwrap_or_else(|_| opts.site.clone());
    let store = Arc::new(store::Store::default());
    let app = http::App::new(store.clone(), root.clone());
    let build_opts = Options {
        drafts: true,
        output: None,
        base_url: Some(url.clone()),
        accept_changes: false,
        progress: false,
        one_shot: false,
    };
    let mut ws = Workspace::new(&root, build_opts, store);

    // The first build, before the address is announced.
    let start = Instant::now();
    let first = ws.rebuild(Changes {
        config: true,
        ..Changes::default()
    });
    report(&app, &first, start, ws.documents(), true);
    memory::release();

    let watcher = match watch::Watcher::start(&root) {
        Ok(w) => w,
        Err(e) => {
            crate::tell!(
                "{}",
                crate::t!(
                    "serve-cannot-watch",
                    dir = root.display(),
                    reason = e.to_string()
                )
            );
            return 1;
        }
    };
    let app_w = app.clone();
    std::thread::Builder::new()
        .name("gongkai-watch".into())
        .spawn(move || watch_loop(watcher, ws, app_w))
        .ok();

    crate::say!("{}", crate::t!("serve-serving", url = &url));
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }
    // Ctrl-C ends the server at once: open pages hold their events channel forever,
    // so waiting for connections to finish would never end.
    let server = axum::serve(listener, http::router(app)).into_future();
    tokio::select! {
        r = server => match r {
            Ok(()) => 0,
            Err(e) => {
                crate::tell!("{}", crate::t!("serve-stopped-error", reason = crate::i18n::io_reason(&e)));
                1
            }
        },
        _ = tokio::signal::ctrl_c() => {
            crate::say!("{}", crate::t!("serve-stopped"));
            0
        }
    }
}

fn watch_loop(mut watcher: watch::Watcher, mut ws: Workspace, app: Arc<http::App>) {
    // The first build's search index, made once the watcher is listening: saves made
    // meanwhile wait in its queue instead of being missed.
    ws.refresh_search();
    while let Some((changes, at)) = watcher.next_changes() {
        // A bug in a rebuild must not stop the watching: say so, and start over next time.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ws.rebuild(changes)));
        match outcome {
            Ok(o) => {
                report(&app, &o, at, ws.documents(), false);
                ws.refresh_search();
                // After the page is shown and the search is up to date: what the
                // rebuild freed goes back to the system, so that serve's memory stays
                // what its site takes however many saves it has seen.
                memory::release();
            }
            Err(_) => {
                ws.start_over();
                crate::tell!("{}", crate::t!("serve-rebuild-panicked"));
            }
        }
    }
}

/// Pushes the outcome to the open pages and prints one line (and any problems).
fn report(app: &http::App, o: &Outcome, since: Instant, documents: usize, first: bool) {
    if o.errors.is_empty() {
        app.reloaded();
        let ms = since.elapsed().as_millis();
        if first {
            crate::say!(
                "{}",
                crate::t!(
                    "serve-built",
                    pages = o.pages,
                    documents = documents,
                    ms = ms as u64
                )
            );
        } else {
            crate::say!(
                "{}",
                crate::t!(
                    "serve-rebuilt",
                    what = &o.what,
                    pages = o.pages,
                    full = if o.full { "yes" } else { "no" },
                    removed = o.removed,
                    ms = ms as u64
                )
            );
        }
    } else {
        app.broken(&o.errors);
        crate::report::print_diagnostics(&o.errors);
        let n = o
            .errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        crate::say!("{}", crate::t!("serve-broken", what = &o.what, n = n));
    }
    let _ = std::io::stdout().flush();
}

fn open_browser(url: &str) {
    let cmd: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = std::process::Command::new(cmd[0])
        .args(&cmd[1..])
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        crate::tell!("{}", crate::t!("serve-no-browser", url = url));
    }
}
