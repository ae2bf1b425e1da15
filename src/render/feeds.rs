//! Machine-readable outputs written without templates: the Atom feed, the sitemap and
//! robots.txt. Text is escaped for XML here, so no title can break them.

use crate::content::Status;
use crate::pages;
use crate::site::Site;

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL with everything outside ASCII percent-encoded, as a URI must be.
fn uri(url: &str) -> String {
    percent_encoding::utf8_percent_encode(url, percent_encoding::CONTROLS).to_string()
}

/// A body as a feed entry carries it: the heading anchors (`#` links for readers of
/// the page) dropped, and links made absolute, since a feed reader would resolve
/// `#fn1` against the feed and `/plans/x/` against wherever it fetched it from.
/// `origin` is the site's scheme and host (`https://e.org`).
fn feed_html(html: &str, page_url: &str, origin: &str) -> String {
    const ANCHOR: &str = crate::content::markdown::ANCHOR_OPEN;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(ANCHOR) {
        out.push_str(&rest[..i]);
        match rest[i..].find("</a>") {
            Some(j) => rest = &rest[i + j + "</a>".len()..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    let out = out.replace("href=\"#", &format!("href=\"{page_url}#"));
    // Root-relative links and pictures (`/plans/x/`, not protocol-relative `//host`).
    let mut abs = String::with_capacity(out.len());
    let mut rest = out.as_str();
    loop {
        let next = ["href=\"/", "src=\"/"]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, m.len())))
            .min();
        let Some((i, n)) = next else { break };
        let (head, tail) = rest.split_at(i + n - 1);
        abs.push_str(head);
        if !tail[1..].starts_with('/') {
            abs.push_str(origin);
        }
        rest = tail;
        abs.push('/');
        rest = &rest[1..];
    }
    abs.push_str(rest);
    abs
}

/// How many documents the feed carries.
pub const FEED_ITEMS: usize = 50;

/// The Atom feed of the newest documents. Its `updated` is the newest document's date,
/// so that the same content gives the same bytes.
pub fn atom(site: &Site) -> String {
    let c = &site.config;
    let tz = c.timezone;
    let origin = c
        .base_url
        .strip_suffix(c.base_path.as_str())
        .unwrap_or(&c.base_url)
        .to_string();
    let newest = site
        .docs
        .iter()
        .map(|d| d.fm.updated.unwrap_or(d.fm.date).max(d.fm.date))
        .max()
        .map(|d| d.rfc3339(tz))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut s = String::with_capacity(4096 + FEED_ITEMS * 1024);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        c.language.tag()
    ));
    s.push_str(&format!("  <title>{}</title>\n", xml_escape(&c.title)));
    s.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml_escape(&c.permalink("/feed.xml"))
    ));
    s.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        xml_escape(&c.base_url)
    ));
    s.push_str(&format!("  <id>{}</id>\n", xml_escape(&c.base_url)));
    s.push_str(&format!("  <updated>{newest}</updated>\n"));
    s.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&c.organization)
    ));
    // Entries of one day would share one `updated` (W3C: DuplicateUpdated): each after
    // the first of its instant is given a second less, keeping the feed's order.
    let mut seen: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for d in site.docs.iter().take(FEED_ITEMS) {
        let url = c.permalink(&d.path);
        let updated = d.fm.updated.unwrap_or(d.fm.date).max(d.fm.date).rfc3339(tz);
        let k = seen.entry(updated.clone()).or_insert(0);
        let updated = match chrono::DateTime::parse_from_rfc3339(&updated) {
            Ok(t) if *k > 0 => (t - chrono::Duration::seconds(*k)).to_rfc3339(),
            _ => updated,
        };
        *k += 1;
        let mut title = d.fm.title.clone();
        if d.fm.status == Status::Withdrawn {
            title = format!(
                "[{}] {title}",
                if c.language == crate::config::Language::En {
                    "Withdrawn"
                } else {
                    "已撤销"
                }
            );
        }
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <title>{}</title>\n", xml_escape(&title)));
        s.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            xml_escape(&url)
        ));
        // An id is a URI, not an IRI: its Chinese path percent-encoded (W3C: UriNotIri).
        s.push_str(&format!("    <id>{}</id>\n", xml_escape(&uri(&url))));
        s.push_str(&format!(
            "    <published>{}</published>\n",
            d.fm.date.rfc3339(tz)
        ));
        s.push_str(&format!("    <updated>{updated}</updated>\n"));
        s.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(d.fm.department.as_deref().unwrap_or(&c.organization))
        ));
        for cat in &d.fm.categories {
            s.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(cat)));
        }
        if !d.summary.is_empty() {
            s.push_str(&format!(
                "    <summary>{}</summary>\n",
                xml_escape(&d.summary)
            ));
        }
        s.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(&feed_html(&d.html, &url, &origin))
        ));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// The sitemap of every HTML page of `plan` (the site's pages, as [`pages::plan`]
/// orders them), documents with their last change. Where the plan has sitemap parts
/// (more URLs than one sitemap may hold), `/sitemap.xml` (`part` None) is their index
/// and part `n` lists the `n`th run of [`pages::sitemap_max`] URLs.
pub fn sitemap(site: &Site, plan: &[pages::Page], part: Option<usize>) -> String {
    let c = &site.config;
    let parts = plan
        .iter()
        .filter(|p| matches!(p, pages::Page::SitemapPart(_)))
        .count();
    if parts > 0 && part.is_none() {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for n in 1..=parts {
            s.push_str(&format!(
                "  <sitemap><loc>{}</loc></sitemap>\n",
                xml_escape(&c.permalink(&pages::Page::SitemapPart(n).path()))
            ));
        }
        s.push_str("</sitemapindex>\n");
        return s;
    }
    let max = pages::sitemap_max();
    let (skip, take) = match part {
        Some(n) if parts > 0 => (n.saturating_sub(1) * max, max),
        _ => (0, usize::MAX),
    };
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in plan.iter().filter(|p| p.in_sitemap()).skip(skip).take(take) {
        s.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&c.permalink(&p.path()))
        ));
        if let pages::Page::Document(path) = p {
            if let Some(&i) = site.by_path.get(path) {
                let d = &site.docs[i];
                s.push_str(&format!(
                    "<lastmod>{}</lastmod>",
                    d.fm.updated.unwrap_or(d.fm.date).max(d.fm.date).ymd()
                ));
            }
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// robots.txt pointing at the sitemap.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.config.permalink("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            xml_escape("<script>&\"'"),
            "&lt;script&gt;&amp;&quot;&apos;"
        );
        assert_eq!(xml_escape("a\u{1}b"), "ab");
    }

    #[test]
    fn entry_html_drops_heading_anchors_and_makes_page_links_absolute() {
        let html = "<h2 id=\"一\">一、总则<a class=\"anchor\" href=\"#一\" aria-label=\"¶\">#</a></h2>\n<p>见<a href=\"#fn1\">1</a>，<a href=\"/x/\">x</a></p>";
        assert_eq!(
            feed_html(html, "https://e.org/n/a/", "https://e.org"),
            "<h2 id=\"一\">一、总则</h2>\n<p>见<a href=\"https://e.org/n/a/#fn1\">1</a>，<a href=\"https://e.org/x/\">x</a></p>"
        );
        assert_eq!(
            feed_html(
                "<img src=\"/gk/a/图.png\"><a href=\"//cdn.org/x\">c</a>",
                "https://e.org/gk/a/",
                "https://e.org"
            ),
            "<img src=\"https://e.org/gk/a/图.png\"><a href=\"//cdn.org/x\">c</a>"
        );
    }

    #[test]
    fn ids_are_uris() {
        assert_eq!(
            uri("https://e.org/通知/a/"),
            "https://e.org/%E9%80%9A%E7%9F%A5/a/"
        );
    }
}
