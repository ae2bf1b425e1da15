//! The headers a file is served with from a bucket: its `Content-Type`
//! ([`crate::emit::content_type`], as `serve` sends it) and how long a reader's browser
//! or a CDN may keep it.

/// Pages, feeds, the sitemap, disclosure.json and the search index change with every
/// publication: a reader sees a new notice within minutes.
pub const SHORT: &str = "public, max-age=300";
/// Other files (the theme's CSS and scripts, sources, attachments): an hour.
pub const MEDIUM: &str = "public, max-age=3600";
/// A file whose name holds its content's hash (`app.3f9a2c1d.css`) never changes.
pub const LONG: &str = "public, max-age=31536000, immutable";

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
    fn pages_are_short_lived() {
        assert_eq!(cache_control("notices/a/index.html"), SHORT);
        assert_eq!(cache_control("disclosure.json"), SHORT);
        assert_eq!(cache_control("search/g/0.bin"), SHORT);
        assert_eq!(cache_control("style.css"), MEDIUM);
        assert_eq!(cache_control("app.3f9a2c1d.css"), LONG);
        assert_eq!(cache_control("notices/a/index.md"), MEDIUM);
    }
}
