//! The served site, held in memory: output path → bytes (pages, sources, search files,
//! kept deflated) or a file on disk (static files, attachments). Only the paths a build
//! produced are in it, so no request can name anything else, and nothing is ever
//! written to `public/`. The reload script is added to HTML pages as they are served,
//! not stored in each.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;

use axum::body::Bytes;

/// One served file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// Rendered in memory.
    Bytes(Packed),
    /// Served from the site folder as it is: a static file or an attachment.
    File(PathBuf),
}

/// A rendered file as it is kept: deflated when that saves memory (a page of HTML
/// shrinks to about a sixth), as it is otherwise. The same bytes always pack the same
/// way, so two entries are equal exactly when their files are.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed {
    data: Bytes,
    /// The size of the file; `data` is deflated when it is smaller than this.
    len: usize,
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Packed({} bytes in {})", self.len, self.data.len())
    }
}

/// Files smaller than this are kept as they are: deflating them saves little.
const PACK_FROM: usize = 512;

impl Packed {
    pub fn new(bytes: Vec<u8>) -> Packed {
        let len = bytes.len();
        if len >= PACK_FROM {
            use std::io::Write;
            let mut z = flate2::write::DeflateEncoder::new(
                Vec::with_capacity(len / 4),
                flate2::Compression::fast(),
            );
            if z.write_all(&bytes).is_ok() {
                if let Ok(mut data) = z.finish() {
                    if data.len() < len {
                        data.shrink_to_fit();
                        return Packed {
                            data: Bytes::from(data),
                            len,
                        };
                    }
                }
            }
        }
        Packed {
            data: Bytes::from(bytes),
            len,
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Bytes {
        if self.data.len() == self.len {
            return self.data.clone();
        }
        use std::io::Read;
        let mut out = Vec::with_capacity(self.len);
        match flate2::read::DeflateDecoder::new(&self.data[..]).read_to_end(&mut out) {
            Ok(_) => Bytes::from(out),
            // Deflated by us a moment ago: it cannot fail to inflate.
            Err(_) => Bytes::new(),
        }
    }

    /// How much memory it takes.
    pub fn kept(&self) -> usize {
        self.data.len()
    }
}

/// The served files, replaced piecemeal by rebuilds.
#[derive(Default)]
pub struct Store {
    files: RwLock<HashMap<String, Entry>>,
}

/// Changes to apply to the store at once, so that a reader never sees half a rebuild.
#[derive(Default)]
pub struct Batch {
    pub remove: Vec<String>,
    pub put: Vec<(String, Entry)>,
    /// Replace everything (a full rebuild).
    pub replace_all: bool,
}

impl Store {
    /// The entry at an output path (`notices/a/index.html`).
    pub fn get(&self, key: &str) -> Option<Entry> {
        self.files.read().ok()?.get(key).cloned()
    }

    /// Whether an output path exists.
    pub fn contains(&self, key: &str) -> bool {
        self.files.read().is_ok_and(|f| f.contains_key(key))
    }

    /// How many files are served.
    pub fn len(&self) -> usize {
        self.files.read().map(|f| f.len()).unwrap_or(0)
    }

    /// Whether nothing is served yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every served path with its entry, sorted (for tests comparing two stores).
    pub fn snapshot(&self) -> Vec<(String, Entry)> {
        let mut v: Vec<(String, Entry)> = self
            .files
            .read()
            .map(|f| f.iter().map(|(k, e)| (k.clone(), e.clone())).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// Applies a batch: removals first, then the new files.
    pub fn apply(&self, batch: Batch) {
        let mut files = match self.files.write() {
            Ok(f) => f,
            Err(poisoned) => poisoned.into_inner(),
        };
        if batch.replace_all {
            files.clear();
        }
        for k in batch.remove {
            files.remove(&k);
        }
        for (k, e) in batch.put {
            files.insert(k, e);
        }
    }
}

/// serve's output sink ([`crate::emit::Sink`]): the files of a rebuild, kept to be
/// stored at once in one [`Batch`] (pages with the reload script in them; files of the
/// site by their path, read when asked for).
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<(String, Entry)>>);

impl Collect {
    fn push(&self, rel: &str, e: Entry) {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        v.push((rel.to_string(), e));
    }

    /// The files collected, in the order they came.
    pub fn take(self) -> Vec<(String, Entry)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl crate::emit::Sink for Collect {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.push(rel, Entry::Bytes(Packed::new(bytes)));
        Ok(())
    }

    fn copy(&self, rel: &str, src: &std::path::Path) -> std::io::Result<()> {
        self.push(rel, Entry::File(src.to_path_buf()));
        Ok(())
    }
}

/// The reload script's URL prefix; no site path starts with it.
pub const EVENTS_PATH: &str = "/__gongkai/events";

/// The script added to every served HTML page: listens for rebuilds, reloads the
/// page, and shows a broken save's errors over the page until the next good one.
/// Hidden tabs let go of their connection (browsers allow only six per server over
/// HTTP/1.1) and, when shown again, reload if the site was rebuilt meanwhile.
pub const RELOAD_SCRIPT: &str = r#"<script data-gongkai-serve>
(function () {
  "use strict";
  var es = null, seen = null, box = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(list) {
    if (!box) {
      box = document.createElement("div");
      box.id = "gongkai-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.2em;background:#fff5f5;color:#4a0000;border-top:4px solid #b00020;box-shadow:0 -2px 12px rgba(0,0,0,.3);font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;text-align:left";
      document.body.appendChild(box);
    }
    var h = document.createElement("strong");
    h.textContent = GONGKAI_HEADING + "\n\n";
    var pre = document.createElement("div");
    pre.className = "gongkai-errors";
    pre.textContent = list.map(function (d) { return d.text; }).join("\n");
    box.replaceChildren(h, pre);
  }
  function connect() {
    if (es) return;
    es = new EventSource("/__gongkai/events");
    es.addEventListener("hello", function (e) {
      var g = JSON.parse(e.data).generation;
      if (seen !== null && g !== seen) { location.reload(); return; }
      seen = g;
      document.documentElement.setAttribute("data-gongkai-generation", String(g));
    });
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
    es.addEventListener("ok", hide);
  }
  function disconnect() { if (es) { es.close(); es = null; } }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") disconnect(); else connect();
  });
  connect();
})();
</script>
"#;

/// The reload script with the overlay's heading in the language of messages.
fn script() -> String {
    let heading = serde_json::to_string(&crate::t!("serve-overlay-heading"))
        .unwrap_or_else(|_| "\"gongkai serve\"".into());
    RELOAD_SCRIPT.replace("GONGKAI_HEADING", &heading)
}

/// Adds the reload script before `</body>` (or at the end).
pub fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let needle = b"</body>";
    match html.windows(needle.len()).rposition(|w| w == needle) {
        Some(i) => {
            html.splice(i..i, script().bytes());
        }
        None => html.extend_from_slice(script().as_bytes()),
    }
    html
}

/// The page shown while the site has never built: the errors come in the overlay.
pub fn broken_page() -> Vec<u8> {
    let lang = match crate::i18n::current() {
        crate::config::Language::ZhCn => "zh-CN",
        crate::config::Language::En => "en",
    };
    inject(
        format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>gongkai serve</title></head><body><main><h1>{}</h1><p>{}</p></main></body></html>",
            crate::t!("serve-broken-title"),
            crate::t!("serve-broken-text")
        )
        .into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<body>a</body></html>".to_vec())).unwrap();
        assert!(out.starts_with("<body>a<script data-gongkai-serve>"));
        assert!(out.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn batch_removes_then_puts() {
        let s = Store::default();
        s.apply(Batch {
            put: vec![("a".into(), Entry::Bytes(Packed::new(b"1".to_vec())))],
            ..Batch::default()
        });
        s.apply(Batch {
            remove: vec!["a".into()],
            put: vec![("b".into(), Entry::Bytes(Packed::new(b"2".to_vec())))],
            replace_all: false,
        });
        assert!(!s.contains("a") && s.contains("b"));
    }

    #[test]
    fn packed_files_come_back_as_they_were_and_take_less() {
        let page = "<p>工会经费使用情况公示</p>\n".repeat(200).into_bytes();
        let p = Packed::new(page.clone());
        assert_eq!(&p.bytes()[..], &page[..]);
        assert!(p.kept() * 5 < page.len(), "{}", p.kept());
        assert_eq!(p, Packed::new(page.clone()));
        assert_ne!(p, Packed::new(b"x".repeat(600)));
        let small = Packed::new(b"tiny".to_vec());
        assert_eq!(&small.bytes()[..], b"tiny");
        // Bytes that do not shrink are kept as they are.
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let n = Packed::new(noise.clone());
        assert_eq!(&n.bytes()[..], &noise[..]);
        assert!(n.kept() <= noise.len());
    }
}
