//! The preview server: axum over the in-memory [`Store`], a Server-Sent Events channel
//! that tells open pages to reload or to show a broken save's errors, and path checks
//! so that no request reaches anything but the built site.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use tower_http::set_header::SetResponseHeaderLayer;

use super::store::{broken_page, inject, Entry, Packed, Store, EVENTS_PATH};
use crate::diagnostics::Diagnostic;

/// A message to the open pages.
#[derive(Debug, Clone)]
pub enum Message {
    /// The site was rebuilt: reload.
    Reload,
    /// The last save is broken: show these problems (JSON).
    Problems(String),
}

/// What the handlers share.
pub struct App {
    pub store: Arc<Store>,
    /// The site folder, canonical: files served from disk must be inside it.
    pub root: PathBuf,
    pub events: broadcast::Sender<Message>,
    /// The current problems (JSON), shown to pages that connect while the site is broken.
    pub problems: RwLock<Option<String>>,
    /// Counts good rebuilds, so that a tab coming back can tell it missed one.
    pub generation: RwLock<u64>,
}

impl App {
    /// Shared state for a site at `root`.
    pub fn new(store: Arc<Store>, root: PathBuf) -> Arc<App> {
        let (events, _) = broadcast::channel(64);
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        Arc::new(App {
            store,
            root,
            events,
            problems: RwLock::new(None),
            generation: RwLock::new(0),
        })
    }

    /// Tells open pages the site was rebuilt.
    pub fn reloaded(&self) {
        if let Ok(mut p) = self.problems.write() {
            *p = None;
        }
        if let Ok(mut g) = self.generation.write() {
            *g += 1;
        }
        let _ = self.events.send(Message::Reload);
    }

    /// Tells open pages the last save is broken.
    pub fn broken(&self, diags: &[Diagnostic]) {
        let json = problems_json(diags);
        if let Ok(mut p) = self.problems.write() {
            *p = Some(json.clone());
        }
        let _ = self.events.send(Message::Problems(json));
    }
}

/// Problems as JSON for the overlay: location, message, and the compiler-style text.
pub fn problems_json(diags: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            serde_json::json!({
                "path": d.path.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "col": d.col,
                "message": d.message,
                "text": d.render(),
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The router: the events channel, and every other GET from the store.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(serve_path))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app)
}

async fn events(
    State(app): State<Arc<App>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let generation = app.generation.read().map(|g| *g).unwrap_or(0);
    let mut first = vec![Event::default()
        .event("hello")
        .data(format!("{{\"generation\":{generation}}}"))];
    match app.problems.read().ok().and_then(|p| p.clone()) {
        Some(json) => first.push(Event::default().event("problems").data(json)),
        None => first.push(Event::default().event("ok").data("{}")),
    }
    // A page that falls behind (lagged) just misses old messages; the next one counts.
    let updates = BroadcastStream::new(app.events.subscribe()).filter_map(|m| match m {
        Ok(Message::Reload) => Some(Ok(Event::default().event("reload").data("{}"))),
        Ok(Message::Problems(json)) => Some(Ok(Event::default().event("problems").data(json))),
        Err(_) => None,
    });
    let stream = tokio_stream::iter(first.into_iter().map(Ok)).chain(updates);
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Decodes and checks a request path: the output key it names, or None when it tries
/// to leave the site (`..`, encoded or not, backslashes, NUL, control characters).
pub fn resolve(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) || decoded.chars().any(char::is_control) {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

async fn serve_path(State(app): State<Arc<App>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let Some(key) = resolve(&path) else {
        return not_found(&app);
    };
    let entry = match app.store.get(&key) {
        Some(e) => Some(e),
        None if !path.ends_with('/') && app.store.contains(&format!("{key}/index.html")) => {
            return Redirect::permanent(&format!("{path}/")).into_response();
        }
        None => None,
    };
    match entry {
        Some(Entry::Bytes(b)) => page_response(StatusCode::OK, &key, &b),
        Some(Entry::File(f)) => {
            // A static file or attachment: only from inside the site folder, even
            // through a symlink.
            match tokio::fs::canonicalize(&f).await {
                Ok(real) if real.starts_with(&app.root) => {
                    match ServeFile::new(real).oneshot(req).await {
                        Ok(r) => r.into_response(),
                        Err(_) => not_found(&app),
                    }
                }
                _ => not_found(&app),
            }
        }
        None => not_found(&app),
    }
}

/// A rendered file; an HTML page gets the reload script.
fn page_response(status: StatusCode, key: &str, b: &Packed) -> Response {
    let bytes = b.bytes();
    let body = if key.ends_with(".html") {
        Bytes::from(inject(bytes.to_vec()))
    } else {
        bytes
    };
    bytes_response(status, crate::emit::content_type(key), body)
}

fn bytes_response(status: StatusCode, mime: &'static str, body: Bytes) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r
}

/// The site's 404 page with status 404 (or a page explaining the site has errors).
fn not_found(app: &App) -> Response {
    match app.store.get("404.html") {
        Some(Entry::Bytes(b)) => page_response(StatusCode::NOT_FOUND, "404.html", &b),
        _ if app.store.is_empty() => bytes_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            Bytes::from(broken_page()),
        ),
        _ => bytes_response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"404 Not Found"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_inside_the_site_only() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/notices/a/").as_deref(),
            Some("notices/a/index.html")
        );
        assert_eq!(
            resolve("/%E5%85%AC%E7%A4%BA/").as_deref(),
            Some("公示/index.html")
        );
        assert_eq!(resolve("/feed.xml").as_deref(), Some("feed.xml"));
        assert_eq!(resolve("//etc/passwd").as_deref(), Some("etc/passwd"));
        for bad in [
            "/../x",
            "/a/%2e%2e/b",
            "/%2E%2E%2Fetc",
            "/a%5c..%5cb",
            "/..%2f..%2fetc/passwd",
            "/%00",
            "/C:/x",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }
}
