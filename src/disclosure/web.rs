//! A published site read over HTTP(S), for `gongkai verify https://…/`: the same check
//! as for a folder (see [`super::verify::Published`]), the files fetched a few at a time.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::verify::Published;

/// The characters escaped in one path segment of a URL.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// How many files are fetched at once.
const AT_ONCE: usize = 8;
/// How many times a request is tried before its error is reported.
const TRIES: u32 = 3;

/// A site published at a web address (its base URL, ending in `/`).
pub struct Web {
    base: String,
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl Web {
    /// A site at `url` (`http://` or `https://`; a missing final `/` is added).
    pub fn new(url: &str) -> Result<Web, String> {
        let mut base = url.trim().to_string();
        if !base.ends_with('/') {
            base.push('/');
        }
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("gongkai-verify/", env!("CARGO_PKG_VERSION")))
            // A cache in front of the site (a CDN) must check with the site, not answer
            // with a copy of an older record.
            .default_headers(reqwest::header::HeaderMap::from_iter([(
                reqwest::header::CACHE_CONTROL,
                reqwest::header::HeaderValue::from_static("no-cache"),
            )]))
            .build()
            .map_err(|e| crate::t!("web-client", reason = e.to_string()))?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| crate::t!("web-runtime", reason = e.to_string()))?;
        Ok(Web {
            base,
            client,
            runtime,
        })
    }

    /// The URL of a file, its path segments escaped.
    fn url(&self, rel: &str) -> String {
        let path: Vec<String> = rel
            .split('/')
            .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
            .collect();
        format!("{}{}", self.base, path.join("/"))
    }
}

/// Fetches one URL, trying again after a network error or a server error (5xx).
async fn get(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, String> {
    let mut wait = Duration::from_millis(200);
    let mut last = String::new();
    for attempt in 1..=TRIES {
        match client.get(url).send().await {
            Ok(r) if r.status().is_success() => {
                return r
                    .bytes()
                    .await
                    .map(|b| b.to_vec())
                    .map_err(|e| crate::t!("web-read", reason = e.to_string()))
            }
            Ok(r) if r.status().is_server_error() => last = http_error(r.status()),
            Ok(r) => return Err(http_error(r.status())),
            Err(e) => last = network_error(&e),
        }
        if attempt < TRIES {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    Err(crate::t!("web-tried", reason = last, tries = TRIES))
}

/// What a status that is not success means to a reader, with the status itself.
fn http_error(status: reqwest::StatusCode) -> String {
    let status = status.as_u16();
    match status {
        404 | 410 => crate::t!("web-http-missing", status = status),
        401 | 403 => crate::t!("web-http-refused", status = status),
        500..=599 => crate::t!("web-http-server", status = status),
        _ => crate::t!("web-http-other", status = status),
    }
}

/// A network error in the reader's words (the connection was refused, the host name
/// is unknown, it timed out), not only "error sending request"; the library's own
/// words follow where none of these fits.
fn network_error(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return crate::t!("web-timeout");
    }
    let mut chain = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(reason) = s
            .downcast_ref::<std::io::Error>()
            .and_then(crate::i18n::io_reason_known)
        {
            return reason;
        }
        chain = format!("{chain}: {s}");
        source = s.source();
    }
    if chain.contains("dns error") {
        return crate::t!("web-dns");
    }
    if e.is_connect() {
        return crate::t!("web-connect", detail = chain);
    }
    chain
}

impl Published for Web {
    fn read_many(&self, rels: &[String]) -> Vec<Result<Vec<u8>, String>> {
        let urls: Vec<String> = rels.iter().map(|r| self.url(r)).collect();
        let client = self.client.clone();
        self.runtime.block_on(async move {
            let limit = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
            let mut tasks = Vec::with_capacity(urls.len());
            for url in urls {
                let client = client.clone();
                let limit = limit.clone();
                tasks.push(tokio::spawn(async move {
                    let _permit = limit.acquire().await;
                    get(&client, &url).await
                }));
            }
            let mut out = Vec::with_capacity(tasks.len());
            for t in tasks {
                out.push(
                    t.await
                        .unwrap_or_else(|e| Err(crate::t!("web-read", reason = e.to_string()))),
                );
            }
            out
        })
    }
    fn place(&self, rel: &str) -> PathBuf {
        PathBuf::from(format!("{}{rel}", self.base))
    }
    fn sources(&self) -> Option<Vec<String>> {
        None
    }
    fn record_help(&self) -> &'static str {
        "verify-unreadable-help-web"
    }
}
