//! The files a site is made of, emitted through one [`Sink`]: `build` writes them into
//! its staging folder, `serve` keeps them in memory, `check` throws them away. What a
//! page, a document's files or the static files are is decided here, once, for all of
//! them.

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{markdown, Document};
use crate::diagnostics::Diagnostic;
use crate::pages::Page;
use crate::render::{theme, Renderer};
use crate::site::Site;

/// Where the files go. Paths are relative to the output, `/`-separated.
pub trait Sink: Sync {
    /// A file made by gongkai (a page, a document's source, a built-in asset).
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()>;
    /// A file of the site published as it is (a static file, an attachment).
    fn copy(&self, rel: &str, src: &Path) -> io::Result<()>;
}

/// A sink that keeps nothing: `check` renders every page to find its errors.
pub struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: Vec<u8>) -> io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> io::Result<()> {
        Ok(())
    }
}

/// The message for a file that could not be written.
pub fn io_diag(out: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error(
        out,
        0,
        0,
        crate::t!("output-cannot-write", reason = crate::i18n::io_reason(e)),
    )
}

/// What rendering a page takes: the site, its templates, its documents' cards, the
/// 索引号 the record gave, and the site's page plan (the sitemap lists it; the pages
/// rendered may be only some of it).
pub struct Rendering<'a> {
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub cards: &'a [minijinja::Value],
    pub numbers: &'a crate::render::Numbers,
    pub plan: &'a [Page],
}

/// Renders `pages` and emits each; `done` counts the pages emitted. Returns the
/// problems, a broken template's said once however many pages it breaks.
pub fn pages(
    r: &Rendering,
    pages: &[Page],
    sink: &dyn Sink,
    out: &Path,
    done: Option<&AtomicUsize>,
) -> Vec<Diagnostic> {
    // The site-wide pages (months with every plan's items, the feed, the sitemap) take
    // longest: rendered first, so that the many small ones even out the threads' work
    // at the end instead of one thread finishing a month page alone.
    let one_of_many = |p: &Page| {
        matches!(
            p,
            Page::Document(_) | Page::Section { .. } | Page::Category { .. }
        )
    };
    let order: Vec<&Page> = pages
        .iter()
        .filter(|p| !one_of_many(p))
        .chain(pages.iter().filter(|p| one_of_many(p)))
        .collect();
    let mut errors: Vec<Diagnostic> = order
        .into_par_iter()
        .with_max_len(crate::PAR_PIECE)
        .filter_map(|p| {
            let r = r
                .renderer
                .render(r.site, r.cards, r.numbers, r.plan, p)
                .and_then(|bytes| {
                    sink.write(&p.output_file(), bytes)
                        .map_err(|e| io_diag(out, &e))
                });
            if let Some(done) = done {
                done.fetch_add(1, Ordering::Relaxed);
            }
            r.err()
        })
        .collect();
    crate::diagnostics::sort(&mut errors);
    // One template's error, met on many pages, is said once.
    errors.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
    errors
}

/// The output paths of a document's own files: its source as `index.md`, the QR code
/// of its URL for the printed page, then its attachments.
pub fn document_file_names(d: &Document) -> Vec<String> {
    let dir = d.path.trim_start_matches('/');
    let mut v = Vec::with_capacity(2 + d.attachments.len());
    v.push(format!("{dir}index.md"));
    v.push(format!("{dir}{}", theme::QR_FILE));
    v.extend(d.attachments.iter().map(|a| format!("{dir}{}", a.name)));
    v
}

/// Emits a document's source (as `index.md`, beside its page), the QR code of its URL
/// (read only when the page is printed) and its attachments. Returns how many files.
pub fn document_files(d: &Document, config: &Config, sink: &dyn Sink) -> io::Result<usize> {
    let dir = d.path.trim_start_matches('/');
    let text = d
        .published_text()
        .ok_or_else(|| io::Error::other(SourceChanged))?;
    sink.write(&format!("{dir}index.md"), text.into_owned())?;
    sink.write(
        &format!("{dir}{}", theme::QR_FILE),
        theme::qr_svg(&config.permalink(&d.path)).into_bytes(),
    )?;
    for a in &d.attachments {
        sink.copy(&format!("{dir}{}", a.name), &a.src)?;
    }
    Ok(2 + d.attachments.len())
}

/// A document's file no longer holds the text its build read (see
/// [`Document::published_text`]).
#[derive(Debug)]
struct SourceChanged;

impl std::fmt::Display for SourceChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&crate::t!("output-source-changed"))
    }
}

impl std::error::Error for SourceChanged {}

/// Emits every document's files, in parallel. Returns how many, or the problems.
pub fn all_document_files(
    site: &Site,
    sink: &dyn Sink,
    out: &Path,
) -> Result<usize, Vec<Diagnostic>> {
    let results: Vec<io::Result<usize>> = site
        .docs
        .par_iter()
        .with_max_len(crate::PAR_PIECE)
        .map(|d| document_files(d, &site.config, sink))
        .collect();
    let mut count = 0;
    let mut errors = Vec::new();
    for (d, r) in site.docs.iter().zip(results) {
        match r {
            Ok(n) => count += n,
            Err(e) if e.get_ref().is_some_and(|e| e.is::<SourceChanged>()) => errors.push(
                Diagnostic::error(&d.source, 0, 0, crate::t!("output-source-changed")),
            ),
            Err(e) => errors.push(io_diag(out, &e)),
        }
    }
    if errors.is_empty() {
        Ok(count)
    } else {
        errors.dedup();
        Err(errors)
    }
}

/// Emits the static files (the site's over the theme's) and, when a document has
/// highlighted code and no static file takes its place, `syntax.css`. Returns the
/// output paths emitted.
pub fn statics(site: &Site, sink: &dyn Sink, out: &Path) -> Result<Vec<String>, Vec<Diagnostic>> {
    let statics = theme::static_files(&site.config).map_err(|d| vec![d])?;
    let mut names = Vec::with_capacity(statics.len() + 1);
    for (rel, src) in &statics {
        // The theme's stylesheets and scripts are published minified.
        let minify: Option<fn(&str) -> String> = if rel.ends_with(".css") {
            Some(theme::minify_css)
        } else if rel.ends_with(".js") {
            Some(theme::minify_js)
        } else {
            None
        };
        match (src, minify) {
            (theme::StaticSource::File(f), _) | (theme::StaticSource::Theme(f), None) => {
                sink.copy(rel, f)
            }
            (theme::StaticSource::Theme(f), Some(minify)) => std::fs::read_to_string(f)
                .and_then(|text| sink.write(rel, minify(&text).into_bytes())),
            (theme::StaticSource::Builtin(text), minify) => sink.write(
                rel,
                minify
                    .map_or_else(|| text.to_string(), |m| m(text))
                    .into_bytes(),
            ),
        }
        .map_err(|e| vec![io_diag(out, &e)])?;
        names.push(rel.clone());
    }
    if site.has_code && !statics.contains_key("syntax.css") {
        sink.write(
            "syntax.css",
            theme::minify_css(&markdown::syntax_css()).into_bytes(),
        )
        .map_err(|e| vec![io_diag(out, &e)])?;
        names.push("syntax.css".into());
    }
    Ok(names)
}

/// Emits the search index files under `search/` (see `search`). Returns how many.
pub fn search(site: &Site, sink: &dyn Sink) -> io::Result<usize> {
    crate::search::write(site, |rel, bytes| sink.write(rel, bytes.to_vec()))
}

/// The `Content-Type` of a published file, from its name: text is UTF-8. `serve` sends
/// it for the files it made, `deploy` uploads every file with it.
pub fn content_type(rel: &str) -> &'static str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" if name == "feed.xml" || name.contains("atom") => {
            "application/atom+xml; charset=utf-8"
        }
        "xml" if name.contains("rss") => "application/rss+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_say_utf8_for_text() {
        assert_eq!(
            content_type("notices/a/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type("feed.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("a/附件.PDF"), "application/pdf");
        assert_eq!(content_type("search/g/0.bin"), "application/octet-stream");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
