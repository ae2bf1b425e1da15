//! Markdown to HTML: CommonMark with tables, footnotes, strikethrough and task lists,
//! heading anchors, fenced code highlighted by syntect with CSS classes, and links to
//! other content files turned into their pages' URLs.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::Document;
use crate::diagnostics::{Admit, Diagnostic, LineIndex, PerKind};

/// How a heading's `#` anchor link begins (its id follows): the feed drops them.
pub const ANCHOR_OPEN: &str = "<a class=\"anchor\" href=\"#";

/// The CSS class prefix of highlighted code (`hl-keyword` ...).
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// What links between documents resolve to.
#[derive(Default)]
pub struct LinkTargets {
    /// Content-relative source path (`notices/a.md`) → root-relative link (`/gk/notices/a/`).
    pub published: HashMap<String, String>,
    /// Sources that exist but are not published in this build (drafts, future dates).
    pub unpublished: HashSet<String>,
    /// Sources that exist but failed to load (their own errors are reported).
    pub failed: HashSet<String>,
    /// Content-relative path of each published document's attachment → its link.
    pub files: HashMap<String, String>,
}

impl LinkTargets {
    /// A published document's attachments: (content-relative source path, link).
    pub fn attachments_of(config: &crate::config::Config, d: &Document) -> Vec<(String, String)> {
        let content = config.root.join("content");
        d.attachments
            .iter()
            .filter_map(|a| {
                let rel = crate::text::rel_string(a.src.strip_prefix(&content).ok()?);
                Some((rel, config.link(&format!("{}{}", d.path, a.name))))
            })
            .collect()
    }

    /// Adds a published document: its link and its attachments' links.
    pub fn add(&mut self, config: &crate::config::Config, d: &Document) {
        self.published.insert(d.rel.clone(), config.link(&d.path));
        self.files.extend(Self::attachments_of(config, d));
    }

    /// Takes a document out (its link and its attachments').
    pub fn remove(&mut self, config: &crate::config::Config, d: &Document) {
        self.published.remove(&d.rel);
        for (rel, _) in Self::attachments_of(config, d) {
            self.files.remove(&rel);
        }
    }
}

/// The result of rendering one document's body.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub first_paragraph: String,
    pub has_code: bool,
    /// The content files the body's links and images point at (content-relative,
    /// `notices/a.md`, `notices/b/list.csv`), whether or not they resolved: when one of
    /// them appears, moves or goes, this document renders differently.
    pub links: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Whether a line break next to this character, between two such, is no space: Chinese
/// and Japanese characters and their punctuation (East Asian wide and full-width, as CSS
/// treats a segment break between them; not Hangul, which separates words by spaces).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F       // radicals, ideographic description, CJK symbols and punctuation
        | 0x3040..=0x31FF     // kana, bopomofo, CJK strokes
        | 0x3200..=0x9FFF     // enclosed CJK, compatibility, extension A, unified ideographs
        | 0xF900..=0xFAFF     // compatibility ideographs
        | 0xFE30..=0xFE4F     // CJK compatibility forms
        | 0xFF00..=0xFF60     // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF) // supplementary ideographs
}

/// Drops a soft line break (a line break inside a paragraph) between two wide
/// characters: in Chinese text wrapped in the source, the break is no word space, and
/// kept it would show as a space in the middle of a sentence (Chromium does show it)
/// and split a phrase the search must find whole. Inline tags between the break and
/// the text (`**加粗**` at a line's end) are looked through.
fn join_cjk_lines<'a, I>(events: I) -> impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>
where
    I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
{
    let events: Vec<_> = events.collect();
    let inline = |e: &Event| {
        matches!(
            e,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                )
        )
    };
    let text_end = |e: &Event| match e {
        Event::Text(t) => t.chars().next_back(),
        _ => None,
    };
    let text_start = |e: &Event| match e {
        Event::Text(t) => t.chars().next(),
        _ => None,
    };
    // A soft break between two wide characters, looking past inline markup: one pass
    // forward for the text before each break, one back for the text after, so a long
    // run of markup costs its length once, not once a break.
    let mut drop: Vec<bool> = Vec::with_capacity(events.len());
    let mut wide_before = false;
    for (e, _) in &events {
        drop.push(matches!(e, Event::SoftBreak) && wide_before);
        if !inline(e) {
            wide_before = text_end(e).is_some_and(is_wide);
        }
    }
    let mut wide_after = false;
    for (i, (e, _)) in events.iter().enumerate().rev() {
        drop[i] = drop[i] && wide_after;
        if !inline(e) {
            wide_after = text_start(e).is_some_and(is_wide);
        }
    }
    events
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(e, _)| e)
}

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

thread_local! {
    static BUFFERS: std::cell::RefCell<String> = const {
        std::cell::RefCell::new(String::new())
    };
}

/// Renders a document's body. `content_root` is the absolute `content/` folder.
pub fn render(
    doc: &Document,
    content_root: &Path,
    targets: &LinkTargets,
) -> Result<Rendered, Vec<Diagnostic>> {
    let body = doc.body();
    // Broken links as (byte in the body, message): located all at once at the end.
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut out = Rendered::default();
    // The HTML grows in this thread's buffer, reused from document to document; each
    // document keeps an exact-size copy. (Strings grown by doubling and kept would hold
    // a third more than their text, and shrinking them afterwards leaves the
    // allocator's pages fragmented: 40 MB over 10,000 documents.) The plain text is not
    // kept: search derives it from the HTML (`text::plain_of_html`).
    let mut html = BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
    html.clear();
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = UniqueIds::default();
    let mut heading: Option<(HeadingLevel, Vec<Event>)> = None;
    // The open headings, as (level written, level published): the page's title is the h1.
    let mut outline: Vec<(usize, usize)> = Vec::new();
    let mut code: Option<(String, String)> = None; // (lang, text)
    let mut paragraph_depth = 0usize;
    let mut first_para_done = false;
    let mut in_first_para = false;

    for (event, range) in join_cjk_lines(Parser::new_ext(body, options()).into_offset_iter()) {
        // Collect the first paragraph as we go.
        if let Event::Text(t) | Event::Code(t) = &event {
            if in_first_para {
                out.first_paragraph.push_str(t);
            }
        }
        match &event {
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                if !first_para_done && paragraph_depth == 1 && heading.is_none() {
                    in_first_para = true;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if in_first_para {
                    in_first_para = false;
                    first_para_done = !out.first_paragraph.trim().is_empty();
                }
            }
            _ => {}
        }

        if let Some((lang, text)) = code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = highlight(lang, text);
                    events.push(Event::Html(CowStr::from(html)));
                    code = None;
                }
                _ => {}
            }
            continue;
        }

        // A link's or an image's destination, as published.
        let mut fix = |u| {
            rewrite(
                doc,
                content_root,
                targets,
                u,
                range.start,
                &mut problems,
                &mut out.links,
            )
        };
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                // Only a language syntect knows is highlighted (and so needs syntax.css):
                // a block without one, or ```text, is plain preformatted text.
                out.has_code |= code_syntax(&lang).is_some();
                code = Some((lang, String::new()));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: fix(dest_url),
                title,
                id,
            }),
            // An image: an attachment's picture is shown from where it is published.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: fix(dest_url),
                title,
                id,
            }),
            other => other,
        };

        // Headings are buffered to give them an id from their text.
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((written, inner)) = heading.take() {
                    // Published under the title's h1 without a skipped level, keeping
                    // which heading is under which (the build warns about the source:
                    // body-heading-jump): a heading is one level below the nearest
                    // open one written higher, so `###` right after the title is an
                    // h2 and a `#` in the body an h2 too.
                    let w = written as usize;
                    while outline.last().is_some_and(|&(open, _)| open >= w) {
                        outline.pop();
                    }
                    let level_n = (outline.last().map_or(1, |&(_, p)| p) + 1).min(6);
                    outline.push((w, level_n));
                    let level = HeadingLevel::try_from(level_n).unwrap_or(written);
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = unique_id(&anchor_id(&text), &mut used_ids);
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id.clone())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    events.extend(inner);
                    events.push(Event::Html(CowStr::from(format!(
                        "{ANCHOR_OPEN}{id}\" aria-label=\"¶\">#</a>"
                    ))));
                    events.push(Event::End(TagEnd::Heading(level)));
                }
            }
            e => match heading.as_mut() {
                Some((_, inner)) => inner.push(e),
                None => events.push(e),
            },
        }
    }
    if !problems.is_empty() {
        return Err(link_diagnostics(doc, problems));
    }
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    out.html = html.as_str().to_owned();
    BUFFERS.with(|b| *b.borrow_mut() = html);
    out.links.sort_unstable();
    out.links.dedup();
    Ok(out)
}

/// Turns a relative link to a content file into that document's URL. `Ok(None)` leaves
/// the link as written (external links, anchors, attachments, other files).
/// A link's or an image's destination as published ([`resolve_link`]); a problem is
/// added to `problems` at the byte `at` of the body, and the destination kept.
fn rewrite<'a>(
    doc: &Document,
    content_root: &Path,
    targets: &LinkTargets,
    dest: CowStr<'a>,
    at: usize,
    problems: &mut Vec<(usize, String)>,
    links: &mut Vec<String>,
) -> CowStr<'a> {
    match resolve_link(doc, content_root, targets, &dest, links) {
        Ok(Some(u)) => CowStr::from(u),
        Ok(None) => dest,
        Err(msg) => {
            problems.push((at, msg));
            dest
        }
    }
}

/// The broken links of a document, located through one line index; past the limit a
/// kind, one line counts the rest.
fn link_diagnostics(doc: &Document, problems: Vec<(usize, String)>) -> Vec<Diagnostic> {
    let index = LineIndex::new(&doc.text);
    let mut limit = PerKind::new();
    let mut diags = Vec::new();
    for (at, msg) in problems {
        let admit = limit.admit(());
        if admit == Admit::Hidden {
            continue;
        }
        let (line, col) = index.line_col(doc.body_offset + at);
        let d = Diagnostic::error(&doc.source, line, col, msg).with_source_from(&index);
        match admit {
            Admit::Show => diags.push(d),
            _ => limit.first_hidden((), d),
        }
    }
    let plural = crate::t!("noun-link-problems");
    diags.extend(limit.summaries(|_| plural.clone()));
    diags
}

fn resolve_link(
    doc: &Document,
    content_root: &Path,
    targets: &LinkTargets,
    dest: &str,
    links: &mut Vec<String>,
) -> Result<Option<String>, String> {
    if dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with('/')
        || dest.starts_with("//")
        || has_scheme(dest)
    {
        return Ok(None);
    }
    let (path_part, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let decoded = crate::text::percent_decode(path_part);
    // A link to one of this document's attachments, by the path written in front matter.
    if let Some(a) = doc.fm.attachments.iter().find(|a| a.file == decoded) {
        let name = Path::new(&a.file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !doc.bundle || a.file != name {
            return Ok(Some(format!("{name}{fragment}")));
        }
        return Ok(None);
    }
    let target = normalize(&doc.dir.join(&decoded));
    let rel = target
        .strip_prefix(normalize(content_root))
        .ok()
        .map(crate::text::rel_string);
    if let Some(r) = &rel {
        links.push(r.clone());
    }
    if !decoded.ends_with(".md") {
        // Another document's attachment (or this one's by another path): its link. A
        // file in content/ that no document publishes would be a broken link; anything
        // else (a path meant for the published site) is left as written.
        let Some(rel) = rel else {
            return Ok(None);
        };
        if let Some(url) = targets.files.get(&rel) {
            return Ok(Some(format!("{url}{fragment}")));
        }
        if target.is_file() {
            return Err(crate::t!(
                "link-not-published-file",
                dest = dest,
                rel = &rel
            ));
        }
        return Ok(None);
    }
    let rel = match rel {
        Some(r) => r,
        None => return Err(crate::t!("link-outside-content", dest = dest)),
    };
    if let Some(url) = targets.published.get(&rel) {
        return Ok(Some(format!("{url}{fragment}")));
    }
    if targets.failed.contains(&rel) {
        return Ok(None);
    }
    if targets.unpublished.contains(&rel) {
        return Err(crate::t!("link-unpublished", dest = dest, rel = &rel));
    }
    Err(crate::t!("link-missing", dest = dest, rel = &rel))
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) => {
            let scheme = &s[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The anchor of a heading: its text with spaces as `-`, punctuation dropped, CJK kept.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.ends_with('-')
            && !id.is_empty()
        {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

/// The anchors given so far in a document, and for each base the next number to try,
/// so that the thousandth `## 说明` costs one look-up, not a thousand.
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

fn unique_id(base: &str, ids: &mut UniqueIds) -> String {
    let n = ids.next.entry(base.to_string()).or_insert(0);
    loop {
        let id = if *n == 0 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        if ids.used.insert(id.clone()) {
            return id;
        }
    }
}

/// The syntax a fenced block's language names, unless it is none, unknown or plain text.
fn code_syntax(lang: &str) -> Option<&'static syntect::parsing::SyntaxReference> {
    let ss = syntax_set();
    (!lang.is_empty())
        .then(|| ss.find_syntax_by_token(lang))
        .flatten()
        .filter(|s| s.name != ss.find_syntax_plain_text().name)
}

/// Highlights code with CSS classes; no language, an unknown one or plain text is
/// shown as it is, without classes (it needs no syntax.css).
fn highlight(lang: &str, code: &str) -> String {
    let ss = syntax_set();
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", crate::text::escape_html(lang))
    };
    let Some(syntax) = code_syntax(lang) else {
        return format!(
            "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
            crate::text::escape_html(code)
        );
    };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>",
                crate::text::escape_html(code)
            );
        }
    }
    format!(
        "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
        gen.finalize()
    )
}

/// CSS for highlighted code, light and dark, generated from syntect's bundled themes.
pub fn syntax_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let light = themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    let dark = themes
        .themes
        .get("base16-ocean.dark")
        .and_then(|t| syntect::html::css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

/// Cuts text at about `max` characters on a character boundary, adding `…`.
pub fn cut(text: &str, max: usize) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut s: String = text.chars().take(max).collect();
    s = s.trim_end_matches(['，', '、', '；', ',', ' ']).to_string();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_get_numbered_anchors_in_one_look_up_each() {
        let mut ids = UniqueIds::default();
        // A heading already named like a numbered one is skipped over, not given twice.
        assert_eq!(unique_id("说明-2", &mut ids), "说明-2");
        let got: Vec<String> = (0..5).map(|_| unique_id("说明", &mut ids)).collect();
        assert_eq!(got, ["说明", "说明-1", "说明-3", "说明-4", "说明-5"]);
        for _ in 0..10_000 {
            unique_id("说明", &mut ids);
        }
        assert_eq!(ids.used.len(), 10_006);
        // The counter remembers where it was: the next one tries one name only.
        assert_eq!(ids.next["说明"], 10_006);
    }

    #[test]
    fn anchors_keep_chinese() {
        assert_eq!(anchor_id("一、指导思想"), "一指导思想");
        assert_eq!(anchor_id("Work Plan 2023"), "work-plan-2023");
        assert_eq!(anchor_id("！！"), "section");
    }

    #[test]
    fn cut_on_character_boundary() {
        assert_eq!(cut("工会工作计划", 4), "工会工作…");
        assert_eq!(cut("短", 4), "短");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://a.cn"));
        assert!(has_scheme("mailto:a@b.cn"));
        assert!(!has_scheme("../notices/a.md"));
    }

    #[test]
    fn percent() {}
}
