//! Where templates and static files come from: the site's theme folder (or the default
//! theme built into the binary when the site has none), with the site's own
//! `templates/` and `static/` laid over it; and the small pictures drawn at build time
//! (the QR code for print, the month bar chart).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// The default theme, built in so that a site without a themes/ folder still builds
/// and `gongkai init` can write it out.
pub const DEFAULT_THEME: &[(&str, &str)] = &[
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "templates/section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "templates/document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "templates/categories.html",
        include_str!("../../themes/default/templates/categories.html"),
    ),
    (
        "templates/category.html",
        include_str!("../../themes/default/templates/category.html"),
    ),
    (
        "templates/archive.html",
        include_str!("../../themes/default/templates/archive.html"),
    ),
    (
        "templates/year.html",
        include_str!("../../themes/default/templates/year.html"),
    ),
    (
        "templates/month.html",
        include_str!("../../themes/default/templates/month.html"),
    ),
    (
        "templates/search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "static/style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "static/gongkai.js",
        include_str!("../../themes/default/static/gongkai.js"),
    ),
    (
        "static/search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
];

/// A file to publish: from disk, or from the built-in theme.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file of the site's own static/, published as it is.
    File(PathBuf),
    /// A file of the theme's static/ on disk: its CSS is published minified.
    Theme(PathBuf),
    /// A file of the built-in default theme: its CSS is published minified.
    Builtin(&'static str),
}

fn theme_dir(config: &Config) -> PathBuf {
    config.root.join("themes").join(&config.theme)
}

fn uses_builtin(config: &Config) -> Result<bool, Diagnostic> {
    let dir = theme_dir(config);
    if dir.join("templates").is_dir() {
        Ok(false)
    } else if config.theme == "default" {
        Ok(true)
    } else {
        Err(Diagnostic::error(
            "site.yaml",
            0,
            0,
            crate::t!("theme-not-found", theme = &config.theme),
        ))
    }
}

/// Template name → (path shown in messages, source), theme first, site templates over it.
pub fn template_files(config: &Config) -> Result<BTreeMap<String, (PathBuf, String)>, Diagnostic> {
    let mut out = BTreeMap::new();
    if uses_builtin(config)? {
        for (path, src) in DEFAULT_THEME {
            if let Some(name) = path.strip_prefix("templates/") {
                out.insert(
                    name.to_string(),
                    (PathBuf::from("themes/default").join(path), src.to_string()),
                );
            }
        }
    } else {
        read_dir_into(config, &theme_dir(config).join("templates"), &mut out)?;
    }
    read_dir_into(config, &config.root.join("templates"), &mut out)?;
    Ok(out)
}

fn read_dir_into(
    config: &Config,
    dir: &Path,
    out: &mut BTreeMap<String, (PathBuf, String)>,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    for f in list_files(config, dir)? {
        let name = rel_name(dir, &f);
        let shown = crate::content::rel_to(&config.root, &f);
        let bytes = std::fs::read(&f).map_err(|e| {
            Diagnostic::error(
                &shown,
                0,
                0,
                crate::t!("template-cannot-read", reason = crate::i18n::io_reason(&e)),
            )
        })?;
        let text = crate::content::decode_utf8(&bytes)
            .map_err(|(l, c)| Diagnostic::error(&shown, l, c, crate::t!("template-not-utf8")))?;
        out.insert(name, (shown, text));
    }
    Ok(())
}

/// Files under `dir`, skipping hidden ones, in a stable order. A link is followed only
/// where it stays inside the site or the theme's own folder: one leading elsewhere is an
/// error naming it, and nothing under it is listed.
pub fn list_files(config: &Config, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let boundary = crate::paths::Boundary::new(&[&config.root, &theme_dir(config)]);
    let mut files = Vec::new();
    for e in ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(false)
        .ignore(false)
        .parents(false)
        .follow_links(true)
        .build()
        .filter_map(Result::ok)
    {
        if e.path_is_symlink() || e.depth() == 0 {
            if let Some(target) = boundary.escape(e.path()) {
                let shown = crate::content::rel_to(&config.root, e.path());
                return Err(Diagnostic::error(
                    &shown,
                    0,
                    0,
                    crate::paths::Boundary::message(&shown, &target),
                ));
            }
        }
        if e.file_type().is_some_and(|t| t.is_file()) {
            files.push(e.into_path());
        }
    }
    files.sort();
    Ok(files)
}

fn rel_name(dir: &Path, f: &Path) -> String {
    crate::text::rel_string(f.strip_prefix(dir).unwrap_or(f))
}

/// Static files to publish: output path → source; the site's static/ wins over the theme's.
pub fn static_files(config: &Config) -> Result<BTreeMap<String, StaticSource>, Diagnostic> {
    let mut out = BTreeMap::new();
    if uses_builtin(config)? {
        for (path, src) in DEFAULT_THEME {
            if let Some(name) = path.strip_prefix("static/") {
                out.insert(name.to_string(), StaticSource::Builtin(src));
            }
        }
    } else {
        let dir = theme_dir(config).join("static");
        for f in list_files(config, &dir)? {
            out.insert(rel_name(&dir, &f), StaticSource::Theme(f));
        }
    }
    let dir = config.root.join("static");
    for f in list_files(config, &dir)? {
        out.insert(rel_name(&dir, &f), StaticSource::File(f));
    }
    Ok(out)
}

/// The modules of a URL's QR code: its width and, row by row, which are dark.
pub fn qr_modules(url: &str) -> Option<(usize, Vec<bool>)> {
    use qrcode::canvas::{Canvas, MaskPattern};
    // Level L keeps the code small; a printed notice is scanned at arm's length.
    let ec = qrcode::EcLevel::L;
    let bits = qrcode::bits::encode_auto(url.as_bytes(), ec).ok()?;
    let version = bits.version();
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec).ok()?;
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let dark = canvas
        .into_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((version.width() as usize, dark))
}

/// CSS without its comments and the white space nobody needs (a theme's stylesheet is
/// written to be read, and published to be fetched on phones). Strings are kept as
/// they are; space before a `:` is kept (`a :hover` is not `a:hover`), and so is the
/// space around `+` and `-`, which `calc()` needs.
pub fn minify_css(css: &str) -> String {
    let b = css.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    // Bytes after which, or before which, white space means nothing.
    let tight_after = |c: u8| matches!(c, b'{' | b'}' | b';' | b',' | b':' | b'>');
    let tight_before = |c: u8| matches!(c, b'{' | b'}' | b';' | b',' | b'>');
    while i < b.len() {
        let c = b[i];
        if c == b'"' || c == b'\'' {
            let mut j = i + 1;
            while j < b.len() && b[j] != c {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            out.extend_from_slice(&b[i..end]);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            i = css[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
        } else if c.is_ascii_whitespace() {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let next = b.get(i).copied();
            let keep = out.last().is_some_and(|&p| !tight_after(p))
                && next.is_some_and(|n| !tight_before(n))
                && !b[i..].starts_with(b"/*");
            if keep {
                out.push(b' ');
            }
        } else {
            if c == b'}' && out.last() == Some(&b';') {
                out.pop();
            }
            out.push(c);
            i += 1;
        }
    }
    // Only ASCII bytes were removed or added, so this is the text it was.
    String::from_utf8(out).unwrap_or_else(|_| css.to_string())
}

/// A theme's script without its comment lines, indentation and blank lines. Line
/// breaks stay, so that no statement runs into the next; a script with a template
/// literal or a string continued on the next line is kept as it is.
pub fn minify_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    for line in js.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if t.contains('`') || t.ends_with('\\') {
            return js.to_string();
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// The name of a document's QR code file, beside its `index.html`: the printed notice's
/// code, kept out of the page because only paper needs it (it was a fifth of a
/// document page's bytes). `index.` marks it as the page's own, like `index.md`.
pub const QR_FILE: &str = "index.qr.svg";

/// The QR code of a URL as an SVG file, for the printed notice: one path, each run of
/// dark modules in a row a stroke one module wide (`M4 4.5h7m2 0h1…`), about a third
/// of the bytes of a rectangle a run. The mask is fixed instead of searched for: any
/// mask decodes, and the search was most of a 10,000-page build's time.
pub fn qr_svg(url: &str) -> String {
    let Some((w, dark)) = qr_modules(url) else {
        return String::new();
    };
    let size = w + 8; // a quiet zone of 4 modules on each side
    let mut d = String::with_capacity(w * w / 2);
    for y in 0..w {
        let row = &dark[y * w..(y + 1) * w];
        // Where the pen is in this row (None before the row's first run).
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < w {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < w && row[x] {
                x += 1;
            }
            // Numbers pushed by hand: formatting them was a tenth of a large build.
            match pen {
                None => {
                    d.push('M');
                    push_num(&mut d, start + 4);
                    d.push(' ');
                    push_num(&mut d, y + 4);
                    d.push_str(".5h");
                }
                Some(p) => {
                    d.push('m');
                    push_num(&mut d, start - p);
                    d.push_str(" 0h");
                }
            }
            push_num(&mut d, x - start);
            pen = Some(x);
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"112\" height=\"112\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" stroke-width=\"1\" d=\"{d}\"/></svg>"
    )
}

/// The printed notice's QR code as the page shows it: an image of the document's
/// [`QR_FILE`], which a browser fetches only when the page is printed (it is lazy and
/// hidden on screen; Chromium loads lazy images before it prints).
pub fn qr_img(src: &str) -> String {
    format!(
        "<img class=\"qr\" src=\"{}\" alt=\"QR\" width=\"112\" height=\"112\" loading=\"lazy\" decoding=\"async\">",
        crate::text::escape_html(src)
    )
}

/// Appends a small whole number (a QR code is at most 177 modules wide).
fn push_num(s: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        s.push(b as char);
    }
}

/// A year's documents per month as an inline SVG bar chart, numbers written as text.
pub fn month_chart(site: &Site, year: i32) -> String {
    let counts: Vec<usize> = (1..=12u32)
        .map(|m| site.months.get(&(year, m)).map_or(0, Vec::len))
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let words = crate::render::words::words(site.config.language);
    let (w, h, bar) = (360.0f64, 170.0f64, 20.0f64);
    let gap = (w - 12.0 * bar) / 13.0;
    // The title names the chart for screen readers; the month cards under it give the
    // same numbers as text.
    let title = format!(
        "{year}{} {}",
        words.get("year").copied().unwrap_or_default(),
        words.get("docs_per_month").copied().unwrap_or_default()
    );
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}</title>",
        title.trim()
    );
    for (i, n) in counts.iter().enumerate() {
        let x = gap + i as f64 * (bar + gap);
        // An empty month still gets a thin mark, so that "0" reads as a bar of nothing.
        let (bh, class) = if *n == 0 {
            (2.0, " class=\"zero\"")
        } else {
            ((*n as f64 / max as f64) * (h - 56.0), "")
        };
        let y = h - 26.0 - bh;
        s.push_str(&format!(
            "<g><rect{class} x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar}\" height=\"{bh:.1}\" rx=\"2\"></rect><text class=\"n\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text><text class=\"m\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></g>",
            x + bar / 2.0,
            y - 5.0,
            x + bar / 2.0,
            h - 7.0,
            i + 1
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_decode_to_the_page_url() {
        for url in [
            "https://gk.qinglan.example.edu.cn/notices/award-list/",
            "https://example.org/sub/notices/%E6%95%99%E4%BB%A3%E4%BC%9A%E6%8F%90%E6%A1%88%E5%8A%9E%E7%90%86%E6%83%85%E5%86%B5/",
        ] {
            let (w, dark) = qr_modules(url).expect("encodes");
            // Draw it at 4 pixels a module with a quiet zone, and read it back.
            let scale = 4;
            let size = (w + 8) * scale;
            let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
                let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
                let on = mx >= 0 && my >= 0 && (mx as usize) < w && (my as usize) < w && dark[my as usize * w + mx as usize];
                if on { 0 } else { 255 }
            });
            let grids = img.detect_grids();
            assert_eq!(grids.len(), 1);
            let (_, content) = grids[0].decode().expect("decodes");
            assert_eq!(content, url);
        }
        assert!(qr_svg("https://example.org/").starts_with("<svg xmlns="));
    }

    #[test]
    fn minified_css_keeps_what_matters() {
        let css = "/* a comment */\n:root {\n  --font: \"PingFang SC\", sans-serif; /* x */\n}\n\
            .a :hover, .b > .c { width: calc(100% - 2rem); content: \"  a  ;  b \\\" }\";  }\n\
            @media (min-width: 40rem) and (max-width: 60rem) {\n  .d { margin: 0 auto; }\n}\n";
        assert_eq!(
            minify_css(css),
            ":root{--font:\"PingFang SC\",sans-serif}.a :hover,.b>.c{width:calc(100% - 2rem);content:\"  a  ;  b \\\" }\"}\
             @media (min-width:40rem) and (max-width:60rem){.d{margin:0 auto}}"
        );
        let theme = include_str!("../../themes/default/static/style.css");
        let small = minify_css(theme);
        assert!(
            small.len() < theme.len() * 17 / 20,
            "{} → {}",
            theme.len(),
            small.len()
        );
        // The same rules: the words, braces and strings all there, in order.
        let words = |s: &str| -> Vec<String> {
            let no_comments: String = {
                let mut t = String::new();
                let mut rest = s;
                while let Some(a) = rest.find("/*") {
                    t.push_str(&rest[..a]);
                    rest = &rest[a + 2..];
                    rest = &rest[rest.find("*/").map_or(rest.len(), |e| e + 2)..];
                }
                t.push_str(rest);
                t
            };
            no_comments
                .split(|c: char| c.is_whitespace() || "{};,:>".contains(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(words(theme), words(&small));
        assert_eq!(small.matches('{').count(), theme.matches('{').count());
    }

    #[test]
    fn minified_js_drops_comment_lines_and_indentation_only() {
        let js = "// a comment\n(function () {\n  \"use strict\";\n\n  var a = 1; // kept\n  return a\n})();\n";
        assert_eq!(
            minify_js(js),
            "(function () {\n\"use strict\";\nvar a = 1; // kept\nreturn a\n})();\n"
        );
        let tpl = "var s = `a\n  b`;\n";
        assert_eq!(minify_js(tpl), tpl);
        let cont = "var s = \"a\\\n  b\";\n";
        assert_eq!(minify_js(cont), cont);
        for theme in [
            include_str!("../../themes/default/static/search.js"),
            include_str!("../../themes/default/static/gongkai.js"),
        ] {
            let small = minify_js(theme);
            assert!(
                small.len() < theme.len() * 4 / 5,
                "{} → {}",
                theme.len(),
                small.len()
            );
        }
    }

    /// The SVG's strokes, read back, cover exactly the dark modules.
    #[test]
    fn the_qr_svg_draws_exactly_the_dark_modules() {
        let url = "https://gk.qinglan.example.edu.cn/notices/award-list/";
        let (w, dark) = qr_modules(url).expect("encodes");
        let svg = qr_svg(url);
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a path");
        let mut drawn = vec![false; w * w];
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
                    let run = num(&mut rest);
                    for k in x..x + run {
                        drawn[(y - 4) * w + k - 4] = true;
                    }
                    x += run;
                }
                other => panic!("unexpected {other:?} in {d}"),
            }
        }
        assert_eq!(drawn, dark);
    }
}
