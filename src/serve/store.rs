//! The served site, held in memory: output path → bytes (pages, sources, search files,
//! kept deflated) or a file on disk (static files, attachments). Only the paths a build
//! produced are in it, so no request can name anything else, and nothing is ever
//! written to `public/`. The reload script is added to HTML pages as they are served,
//! not stored in each.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

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
/// shrinks to about a sixth, to about a ninth with a dictionary), as it is otherwise.
/// Two entries are equal exactly when their files are.
#[derive(Clone)]
pub struct Packed {
    data: Bytes,
    /// The size of the file; `data` is deflated when it is smaller than this.
    len: usize,
    /// The preset dictionary `data` was deflated with.
    dict: Option<Dict>,
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Packed({} bytes in {})", self.len, self.data.len())
    }
}

impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        let same_dict = match (&self.dict, &other.dict) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        };
        // The same bytes always pack the same way with the same dictionary.
        self.len == other.len
            && if same_dict {
                self.data == other.data
            } else {
                self.bytes() == other.bytes()
            }
    }
}

impl Eq for Packed {}

/// Files smaller than this are kept as they are: deflating them saves little.
const PACK_FROM: usize = 512;

/// A preset dictionary for deflate: bytes like those of the files packed with it,
/// which a file's deflated form can then refer to (deflate looks back at most 32 KiB).
pub type Dict = Arc<[u8]>;

/// The longest useful dictionary: deflate's window.
const DICT_MAX: usize = 32 * 1024;

/// Deflates `bytes` (raw deflate, fastest level) with a preset dictionary; None when
/// that does not make them smaller.
fn deflate(bytes: &[u8], dict: Option<&[u8]>) -> Option<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut z = Compress::new(Compression::fast(), false);
    if let Some(d) = dict {
        z.set_dictionary(d).ok()?;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
    loop {
        let read = usize::try_from(z.total_in()).ok()?;
        let status = z
            .compress_vec(bytes.get(read..)?, &mut out, FlushCompress::Finish)
            .ok()?;
        if out.len() >= bytes.len() {
            return None;
        }
        match status {
            Status::StreamEnd => return Some(out),
            _ => out.reserve(out.capacity().max(64)),
        }
    }
}

/// Inflates what [`deflate`] made, to `len` bytes.
fn inflate(data: &[u8], dict: Option<&[u8]>, len: usize) -> Option<Vec<u8>> {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut z = Decompress::new(false);
    if let Some(d) = dict {
        z.set_dictionary(d).ok()?;
    }
    let mut out = Vec::with_capacity(len);
    loop {
        let read = usize::try_from(z.total_in()).ok()?;
        let status = z
            .decompress_vec(data.get(read..)?, &mut out, FlushDecompress::Finish)
            .ok()?;
        match status {
            Status::StreamEnd => return Some(out),
            // The file's size is known: more than that is not what was deflated.
            _ if out.len() >= len => return None,
            _ => out.reserve(len.saturating_sub(out.len()).max(64)),
        }
    }
}

impl Packed {
    /// A file kept deflated without a dictionary.
    pub fn new(bytes: Vec<u8>) -> Packed {
        Packed::with(bytes, None)
    }

    /// A file kept deflated with a preset dictionary (or none).
    pub fn with(bytes: Vec<u8>, dict: Option<&Dict>) -> Packed {
        let len = bytes.len();
        if len >= PACK_FROM {
            if let Some(data) = deflate(&bytes, dict.map(|d| &d[..])) {
                // Copied into a block of its size: shrinking the buffer deflate grew
                // in place keeps its whole block (mimalloc keeps a block shrunk by less
                // than half), up to twice the bytes.
                return Packed {
                    data: Bytes::copy_from_slice(&data),
                    len,
                    dict: dict.cloned(),
                };
            }
        }
        Packed {
            data: Bytes::from(bytes),
            len,
            dict: None,
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Bytes {
        if self.data.len() == self.len {
            return self.data.clone();
        }
        // Deflated by us: it cannot fail to inflate.
        inflate(&self.data, self.dict.as_deref(), self.len)
            .map(Bytes::from)
            .unwrap_or_default()
    }

    /// How much memory it takes.
    pub fn kept(&self) -> usize {
        self.data.len()
    }
}

/// The dictionaries a site's files are deflated with, one for each kind of file (by
/// the name's extension: pages, sources, search fragments, QR codes): made from a
/// few files of the site itself, they hold what its files have in common (the
/// theme's markup, the site's words), which a file then deflates to a reference to.
/// About halves what serve keeps of a site of ten thousand documents.
#[derive(Default)]
pub struct Dicts(Vec<(String, Dict)>);

impl Dicts {
    /// Dictionaries from sample files (output path, bytes): for each extension, its
    /// samples one after the other, the last 32 KiB kept.
    pub fn from_samples(samples: &[(String, Vec<u8>)]) -> Dicts {
        let mut by_ext: Vec<(String, Vec<u8>)> = Vec::new();
        for (rel, bytes) in samples {
            let Some(ext) = extension(rel) else {
                continue;
            };
            match by_ext.iter_mut().find(|(e, _)| e == ext) {
                Some((_, joined)) => joined.extend_from_slice(bytes),
                None => by_ext.push((ext.to_string(), bytes.clone())),
            }
        }
        Dicts(
            by_ext
                .into_iter()
                .map(|(ext, joined)| {
                    let tail = &joined[joined.len().saturating_sub(DICT_MAX)..];
                    (ext, Dict::from(tail))
                })
                .collect(),
        )
    }

    /// A file packed with its kind's dictionary.
    pub fn pack(&self, rel: &str, bytes: Vec<u8>) -> Packed {
        let dict = extension(rel).and_then(|ext| self.0.iter().find(|(e, _)| e == ext));
        Packed::with(bytes, dict.map(|(_, d)| d))
    }
}

/// The extension of an output path's file name (`html`), if any.
fn extension(rel: &str) -> Option<&str> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(_, ext)| ext)
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
/// stored at once in one [`Batch`] (made files packed with the site's dictionaries;
/// files of the site by their path, read when asked for).
#[derive(Default)]
pub struct Collect {
    files: std::sync::Mutex<Vec<(String, Entry)>>,
    dicts: Arc<Dicts>,
}

impl Collect {
    /// A sink packing files with these dictionaries.
    pub fn new(dicts: Arc<Dicts>) -> Collect {
        Collect {
            files: Default::default(),
            dicts,
        }
    }

    fn push(&self, rel: &str, e: Entry) {
        let mut v = self.files.lock().unwrap_or_else(|e| e.into_inner());
        v.push((rel.to_string(), e));
    }

    /// The files collected, in the order they came.
    pub fn take(self) -> Vec<(String, Entry)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A sink keeping the files made as they are (samples for [`Dicts::from_samples`]).
#[derive(Default)]
pub struct Raw(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Raw {
    /// The files made, in the order they came.
    pub fn take(self) -> Vec<(String, Vec<u8>)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl crate::emit::Sink for Raw {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
        v.push((rel.to_string(), bytes));
        Ok(())
    }

    fn copy(&self, _: &str, _: &std::path::Path) -> std::io::Result<()> {
        Ok(())
    }
}

impl crate::emit::Sink for Collect {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.push(rel, Entry::Bytes(self.dicts.pack(rel, bytes)));
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

    #[test]
    fn a_dictionary_packs_like_files_smaller_and_they_come_back() {
        let page = |i: usize| {
            format!(
                "<html><head><title>文件{i}</title></head><body><nav>首页 通知公告 工作计划 工作总结</nav>\
                 <p>关于{i}年度工会经费使用情况的公示，请全体教职工监督。</p>{}</body></html>",
                "<footer>校工会 版权所有</footer>".repeat(20)
            )
            .into_bytes()
        };
        let dicts = Dicts::from_samples(&[
            ("a/index.html".into(), page(1)),
            ("a/index.md".into(), b"---\ntitle: x\n---\n".to_vec()),
        ]);
        let plain = Packed::new(page(2));
        let packed = dicts.pack("b/index.html", page(2));
        assert_eq!(&packed.bytes()[..], &page(2)[..]);
        assert!(
            packed.kept() * 3 < plain.kept(),
            "{} against {}",
            packed.kept(),
            plain.kept()
        );
        assert_eq!(
            packed, plain,
            "equal files are equal entries, dictionary or not"
        );
        assert_ne!(packed, dicts.pack("c/index.html", page(3)));
        // A kind without samples is packed without a dictionary.
        assert_eq!(dicts.pack("x.css", page(2)).kept(), plain.kept());
        // Dictionaries are at most deflate's window.
        let big = Dicts::from_samples(&[("a.svg".into(), vec![b'x'; 100_000])]);
        assert_eq!(big.0[0].1.len(), DICT_MAX);
        let svg = b"<svg>".repeat(300);
        assert_eq!(&big.pack("q.svg", svg.clone()).bytes()[..], &svg[..]);
    }
}
