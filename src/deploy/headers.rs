//! The headers a file is served with from a bucket: its `Content-Type` (text with
//! `charset=utf-8`) and how long a reader's browser or a CDN may keep it.

/// Pages, feeds, the sitemap, disclosure.json and the search index change with every
/// publication: a reader sees a new notice within minutes.
pub const SHORT: &str = "public, max-age=300";
/// Other files (the theme's CSS and scripts, sources, attachments): an hour.
pub const MEDIUM: &str = "public, max-age=3600";
/// A file whose name holds its content's hash (`app.3f9a2c1d.css`) never changes.
pub const LONG: &str = "public, max-age=31536000, immutable";

/// The `Content-Type` of a published file, from its name.
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
        "xml" if name.contains("atom") => "application/atom+xml; charset=utf-8",
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

/// The `Cache-Control` of a published file.
pub fn cache_control(rel: &str) -> &'static str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if fingerprinted(name) {
        return LONG;
    }
    let changing = rel.starts_with("search/")
        || [".html", ".htm", ".xml", ".json", ".txt"]
            .iter()
            .any(|e| name.ends_with(e));
    if changing {
        SHORT
    } else {
        MEDIUM
    }
}

/// A name with a part of at least eight hex digits between dots: `app.3f9a2c1d.css`.
fn fingerprinted(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| p.len() >= 8 && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_utf8_and_pages_are_short_lived() {
        assert_eq!(
            content_type("notices/a/index.html"),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("a/附件.PDF"), "application/pdf");
        assert_eq!(cache_control("notices/a/index.html"), SHORT);
        assert_eq!(cache_control("disclosure.json"), SHORT);
        assert_eq!(cache_control("search/g/0.bin"), SHORT);
        assert_eq!(cache_control("style.css"), MEDIUM);
        assert_eq!(cache_control("app.3f9a2c1d.css"), LONG);
        assert_eq!(cache_control("notices/a/index.md"), MEDIUM);
    }
}
