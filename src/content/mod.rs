//! Loading content: walking `content/`, reading each document, its front matter and
//! attachments. Markdown is rendered later (see `markdown`), once every document's URL
//! is known, so that links between documents can be resolved.

pub mod frontmatter;
pub mod markdown;
pub mod punctuation;
pub mod schedule;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
pub use crate::kind::Kind;
pub use crate::text::{
    decode_utf8, decode_utf8_owned, hex, is_valid_slug, rel_string, rel_to, slugify, too_long_name,
    MAX_NAME_BYTES,
};
pub use frontmatter::{FrontMatter, Status};

/// A file published beside its document's page.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name in the output, beside the page's index.html.
    pub name: String,
    pub title: String,
    pub size: u64,
    /// Absolute source path.
    pub src: PathBuf,
}

/// One Markdown document with its validated front matter.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site folder, as shown in messages (`content/notices/a.md`).
    pub source: PathBuf,
    /// Path relative to `content/` with `/` separators (`notices/a.md`).
    pub rel: String,
    /// Absolute folder of the file, from which relative links and attachments resolve.
    pub dir: PathBuf,
    /// Whether this is `name/index.md` with attachments beside it.
    pub bundle: bool,
    /// The whole source text, published as `index.md` and hashed; empty once a build
    /// has no more use for it (see [`Document::release_text`]).
    pub text: String,
    /// The text was let go: `index.md` is read again from the file (and checked
    /// against `sha256`) when it is published.
    pub text_released: bool,
    pub body_offset: usize,
    pub fm: FrontMatter,
    pub kind: Kind,
    /// The top folder under content/.
    pub section: String,
    pub slug: String,
    /// The site path of the page (`/notices/a/`).
    pub path: String,
    /// SHA-256 of the source file, lowercase hex.
    pub sha256: String,
    pub attachments: Vec<Attachment>,
    /// Rendered body (filled by `markdown::render_all`).
    pub html: String,
    /// The summary shown in lists.
    pub summary: String,
    /// Whether the body has highlighted code.
    pub has_code: bool,
    /// The content files the body links to (see [`markdown::Rendered::links`]).
    pub links: Vec<String>,
    /// A plan without a `schedule:` key whose schedule was read from its body's month
    /// sections (said in check's and build's output, so that it is never a surprise).
    pub schedule_from_body: bool,
}

impl Document {
    /// The body text, after the front matter.
    pub fn body(&self) -> &str {
        // Empty once the text was let go (see `release_text`), never a panic.
        self.text.get(self.body_offset..).unwrap_or_default()
    }

    /// Takes the rendered body: HTML, the summary (front matter's, or the first
    /// paragraph cut at about 120 characters) and whether it has code.
    pub fn set_rendered(&mut self, r: markdown::Rendered) {
        self.summary = match &self.fm.summary {
            Some(s) => s.clone(),
            None => markdown::cut(&r.first_paragraph, 120),
        };
        self.html = r.html;
        self.has_code = r.has_code;
        self.links = r.links;
    }

    /// Lets the source text go once the build has checked, rendered and recorded the
    /// document: only `index.md` needs it again, and that reads the file (a tenth of a
    /// large build's memory).
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.text_released = true;
    }

    /// The source text as published: the text kept, or the file read again when it was
    /// let go. `None` when the file now holds other bytes than the hash recorded (saved
    /// again during the build) or cannot be read.
    pub fn published_text(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        if !self.text_released {
            return Some(std::borrow::Cow::Borrowed(self.text.as_bytes()));
        }
        // The bytes the hash was taken of: no need to decode them again, the same hash
        // is the same text.
        let bytes = crate::text::without_bom(std::fs::read(self.file()).ok()?);
        (hex(&Sha256::digest(&bytes)) == self.sha256).then_some(std::borrow::Cow::Owned(bytes))
    }

    /// Where the document's file is.
    fn file(&self) -> PathBuf {
        self.dir.join(self.source.file_name().unwrap_or_default())
    }

    /// A copy with its text read again from the file, for rendering it anew, when the
    /// text was let go; `None` when it is kept (use the document itself). A file that
    /// cannot be read gives an empty body: its own change is on its way to serve.
    pub fn restored(&self) -> Option<Document> {
        if !self.text_released {
            return None;
        }
        let mut d = self.clone();
        d.text = self.text_for_message().into_owned();
        d.text_released = false;
        Some(d)
    }

    /// The text to quote a line of in a message: the text kept, or the file as it is
    /// now when the text was let go (a message after rendering is rare: a category
    /// whose pages clash, a silent change the record refuses).
    pub fn text_for_message(&self) -> std::borrow::Cow<'_, str> {
        if !self.text_released {
            return std::borrow::Cow::Borrowed(&self.text);
        }
        std::borrow::Cow::Owned(
            std::fs::read(self.file())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default(),
        )
    }

    /// Whether the document is published in this build.
    pub fn is_published(&self, today: chrono::NaiveDate) -> bool {
        !self.fm.draft && self.fm.date.day <= today
    }
}

/// Lists the content folder: Markdown documents and the attachments of bundles.
/// Honours .gitignore/.ignore, skips hidden files, survives symlink loops.
pub fn walk(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let content = root.join("content");
    if !content.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    // Links are followed only where they stay inside the site: a link leading out is an
    // error, and nothing under it is read.
    let boundary = crate::paths::Boundary::new(&[root]);
    if let Some(target) = boundary.escape(&content) {
        let shown = PathBuf::from("content");
        diags.push(Diagnostic::error(
            &shown,
            0,
            0,
            crate::paths::Boundary::message(&shown, &target),
        ));
        return Vec::new();
    }
    let mut refused: Vec<PathBuf> = Vec::new();
    let walker = ignore::WalkBuilder::new(&content)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if refused.iter().any(|r| e.path().starts_with(r)) {
                    continue;
                }
                if e.path_is_symlink() {
                    if let Some(target) = boundary.escape(e.path()) {
                        let shown = rel_to(root, e.path());
                        diags.push(Diagnostic::error(
                            &shown,
                            0,
                            0,
                            crate::paths::Boundary::message(&shown, &target),
                        ));
                        refused.push(e.into_path());
                        continue;
                    }
                }
                if e.file_type().is_some_and(|t| t.is_file()) {
                    files.push(e.into_path());
                }
            }
            Err(err) => {
                let path = err_path(&err)
                    .map(|p| rel_to(root, &p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                diags.push(Diagnostic::warning(
                    path,
                    0,
                    0,
                    crate::t!("content-skipped", reason = err.to_string()),
                ));
            }
        }
    }
    files
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => err_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// What loading the content folder gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents that loaded (drafts included; the index decides what is published).
    pub docs: Vec<Document>,
    /// Every problem found.
    pub diags: Vec<Diagnostic>,
    /// Content-relative paths of documents that exist but failed to load, so that links
    /// to them are not reported as broken on top of their own errors.
    pub failed: Vec<String>,
    /// What the walk of content/ found, for watch mode to compare the next walk with.
    pub walk: Walk,
}

/// The files of content/: document files, and each bundle folder's other files.
#[derive(Debug, Default, Clone)]
pub struct Walk {
    pub docs: HashSet<PathBuf>,
    pub bundles: Bundles,
}

/// Reads every document of the site.
pub fn load(config: &Config) -> Loaded {
    let root = &config.root;
    let mut diags = Vec::new();
    let files = walk(root, &mut diags);
    let content = root.join("content");

    let (docs_paths, bundle_files) = classify(&files, &content);

    let results: Vec<Result<Document, Vec<Diagnostic>>> = docs_paths
        .par_iter()
        .with_max_len(crate::PAR_PIECE)
        .map(|p| {
            load_one(
                config,
                p,
                bundle_files.get(p.parent().unwrap_or(p)).map(Vec::as_slice),
            )
        })
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (r, p) in results.into_iter().zip(&docs_paths) {
        match r {
            Ok(d) => docs.push(d),
            Err(mut ds) => {
                diags.append(&mut ds);
                failed.push(rel_string(p.strip_prefix(&content).unwrap_or(p)));
            }
        }
    }
    Loaded {
        docs,
        diags,
        failed,
        walk: Walk {
            docs: docs_paths.into_iter().collect(),
            bundles: bundle_files,
        },
    }
}

/// The file in `missing`'s folder whose name is closest to its name (a typo such as
/// `名单.xlxs` for `名单.xlsx`), if one is close.
fn closest_file(missing: &Path) -> Option<String> {
    let want = missing.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = std::fs::read_dir(missing.parent()?)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".md"))
        .take(10_000)
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::yaml::suggest(&want, &names).map(str::to_string)
}

/// Bundle folder → its other files (its attachments).
pub type Bundles = HashMap<PathBuf, Vec<PathBuf>>;

/// What a change to files under content/ gave (see [`reload`]).
pub struct Reloaded {
    /// The new walk, when the change added or removed files; `None` when the previous
    /// one stands.
    pub walk: Option<Walk>,
    /// The walk's errors (a link out of the site, say).
    pub diags: Vec<Diagnostic>,
    /// Document files that are gone.
    pub removed: Vec<PathBuf>,
    /// The document files read again: new ones, edited ones, and those whose
    /// attachments changed.
    pub reread: Vec<PathBuf>,
    /// What reading each of them gave, in that order.
    pub loaded: Vec<Result<Document, Vec<Diagnostic>>>,
}

/// Reads again what a change to the files `changed` (absolute paths under content/)
/// touches, given the previous walk. Editing files the site already has needs no walk
/// of content/; anything else does. `naming(p)` lists the documents (absolute paths)
/// whose front matter names `p` as an attachment.
pub fn reload(
    config: &Config,
    previous: &Walk,
    changed: &[PathBuf],
    naming: impl Fn(&Path) -> Vec<PathBuf>,
) -> Reloaded {
    let root = &config.root;
    let (sources, bundles) = (&previous.docs, &previous.bundles);
    let structural = changed.iter().any(|p| !sources.contains(p) || !p.is_file());
    let mut diags = Vec::new();
    let walked = structural.then(|| {
        let files = walk(root, &mut diags);
        let (docs, bundles) = classify(&files, &root.join("content"));
        Walk {
            docs: docs.into_iter().collect(),
            bundles,
        }
    });
    diags.retain(|d| d.severity == crate::diagnostics::Severity::Error);
    let (new_sources, new_bundles) = match &walked {
        Some(w) => (&w.docs, &w.bundles),
        None => (sources, bundles),
    };
    let removed: Vec<PathBuf> = sources
        .iter()
        .filter(|p| !new_sources.contains(*p))
        .cloned()
        .collect();
    let mut reload: std::collections::BTreeSet<PathBuf> = new_sources
        .iter()
        .filter(|p| !sources.contains(*p))
        .cloned()
        .collect();
    let bundle_of = |dir: &Path, reload: &mut std::collections::BTreeSet<PathBuf>| {
        let index = dir.join("index.md");
        if new_sources.contains(&index) {
            reload.insert(index);
        }
    };
    for p in changed {
        if new_sources.contains(p) {
            reload.insert(p.clone());
            continue;
        }
        // An attachment: its bundle's document, or a document naming it.
        for (dir, files) in new_bundles.iter().chain(bundles.iter()) {
            if p.starts_with(dir) || files.contains(p) {
                bundle_of(dir, &mut reload);
            }
        }
        if p.extension().is_none_or(|e| e != "md") {
            for abs in naming(p) {
                if new_sources.contains(&abs) {
                    reload.insert(abs);
                }
            }
        }
    }
    // A bundle whose files changed is reloaded for its attachment list.
    if walked.is_some() {
        for (dir, files) in new_bundles {
            if bundles.get(dir) != Some(files) {
                bundle_of(dir, &mut reload);
            }
        }
    }
    let loaded = reload
        .par_iter()
        .map(|p| {
            load_one(
                config,
                p,
                p.parent()
                    .and_then(|d| new_bundles.get(d))
                    .map(Vec::as_slice),
            )
        })
        .collect();
    Reloaded {
        walk: walked,
        diags,
        removed,
        reread: reload.into_iter().collect(),
        loaded,
    }
}

/// Sorts the files of content/ into documents and the attachments of bundles: a
/// folder holding `index.md` is a bundle, and its other files (at any depth) are that
/// document's attachments. Returns the document paths and, per bundle folder, its files.
pub fn classify(
    files: &[PathBuf],
    content: &Path,
) -> (Vec<PathBuf>, HashMap<PathBuf, Vec<PathBuf>>) {
    let bundle_dirs: std::collections::HashSet<PathBuf> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        // A bundle is content/<section>/<name>/: an index.md straight in content/ or in a
        // section folder is an ordinary document, not a bundle holding the section.
        .filter(|d| d != content && d.parent() != Some(content))
        .collect();
    let in_bundle = |f: &Path| f.ancestors().skip(1).any(|a| bundle_dirs.contains(a));
    let mut bundle_files: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    let mut docs_paths = Vec::new();
    for f in files {
        let is_index = f.file_name().is_some_and(|n| n == "index.md");
        if is_index && f.parent().is_some_and(|p| bundle_dirs.contains(p)) {
            docs_paths.push(f.clone());
        } else if in_bundle(f) {
            if let Some(dir) = f.ancestors().skip(1).find(|a| bundle_dirs.contains(*a)) {
                bundle_files
                    .entry(dir.to_path_buf())
                    .or_default()
                    .push(f.clone());
            }
        } else if f.extension().is_some_and(|e| e == "md") {
            docs_paths.push(f.clone());
        }
    }
    (docs_paths, bundle_files)
}

/// Reads one document file.
pub fn load_one(
    config: &Config,
    abs: &Path,
    bundle_files: Option<&[PathBuf]>,
) -> Result<Document, Vec<Diagnostic>> {
    let root = &config.root;
    let source = rel_to(root, abs);
    // A document that is a link (made after the walk, in serve) is read only when it
    // stays inside the site.
    if std::fs::symlink_metadata(abs).is_ok_and(|m| m.file_type().is_symlink()) {
        if let Some(target) = crate::paths::Boundary::new(&[root]).escape(abs) {
            return Err(vec![Diagnostic::error(
                &source,
                0,
                0,
                crate::paths::Boundary::message(&source, &target),
            )]);
        }
    }
    let bytes = std::fs::read(abs).map_err(|e| {
        vec![Diagnostic::error(
            &source,
            0,
            0,
            crate::t!("content-cannot-read", reason = crate::i18n::io_reason(&e)),
        )]
    })?;
    let text = decode_utf8_owned(bytes).map_err(|(line, col)| {
        vec![Diagnostic::error(
            &source,
            line,
            col,
            crate::t!("content-not-utf8"),
        )]
    })?;
    from_text(config, abs, text, bundle_files)
}

/// Makes a document of a file's text: `abs` is where the file is (under content/),
/// `bundle_files` its bundle's other files when it is a bundle's `index.md`.
pub fn from_text(
    config: &Config,
    abs: &Path,
    text: String,
    bundle_files: Option<&[PathBuf]>,
) -> Result<Document, Vec<Diagnostic>> {
    let root = &config.root;
    let source = rel_to(root, abs);
    let content = root.join("content");
    let rel = rel_string(abs.strip_prefix(&content).unwrap_or(abs));
    let split = frontmatter::split(&source, &text).map_err(|d| vec![d])?;
    let body_offset = split.body_offset;
    let fm = frontmatter::parse(&source, &text, &split, config)?;
    let mut diags = Vec::new();

    let parts: Vec<&str> = rel.split('/').collect();
    let bundle = bundle_files.is_some() || (parts.last() == Some(&"index.md") && parts.len() >= 3);
    if parts.len() < 2 {
        diags.push(
            Diagnostic::error(&source, 1, 1, crate::t!("content-no-section")).with_source(&text),
        );
    }
    let section = parts.first().copied().unwrap_or_default().to_string();
    let kind = match fm
        .kind
        .or_else(|| config.section(&section).and_then(|s| s.kind()))
        .or_else(|| Kind::from_section(&section))
    {
        Some(k) => k,
        None => {
            diags.push(
                Diagnostic::error(
                    &source,
                    1,
                    1,
                    crate::t!("content-unknown-kind", section = &section),
                )
                .with_source(&text)
                .with_note(crate::i18n::help(crate::t!(
                    "content-unknown-kind-help",
                    section = &section
                ))),
            );
            Kind::Notice
        }
    };
    let slug = match &fm.slug {
        Some(s) => s.clone(),
        None => {
            let name = if bundle {
                abs.parent().and_then(Path::file_name)
            } else {
                abs.file_stem()
            };
            slugify(
                &name
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        }
    };
    let path = format!("/{section}/{slug}/");
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();

    // Attachments: those the front matter names (relative to the document), then any
    // other file of a bundle.
    let mut attachments: Vec<Attachment> = Vec::new();
    let mut names = std::collections::HashSet::new();
    let boundary = std::cell::OnceCell::new();
    for a in &fm.attachments {
        let rel_file = Path::new(&a.file);
        let escapes = rel_file.is_absolute()
            || rel_file
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        let src = dir.join(rel_file);
        if !escapes {
            let boundary = boundary.get_or_init(|| crate::paths::Boundary::new(&[root]));
            if let Some(target) = boundary.escape(&src) {
                diags.push(
                    Diagnostic::error(
                        &source,
                        a.line,
                        a.col,
                        crate::paths::Boundary::message(&rel_to(root, &src), &target),
                    )
                    .with_source(&text),
                );
                continue;
            }
        }
        let meta = if escapes {
            None
        } else {
            std::fs::metadata(&src).ok().filter(|m| m.is_file())
        };
        match meta {
            Some(m) => {
                let name = rel_file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !names.insert(name.clone()) {
                    diags.push(
                        Diagnostic::error(
                            &source,
                            a.line,
                            a.col,
                            crate::t!("content-attachment-twice", name = &name),
                        )
                        .with_source(&text),
                    );
                    continue;
                }
                attachments.push(Attachment {
                    title: a.title.clone().unwrap_or_else(|| name.clone()),
                    name,
                    size: m.len(),
                    src,
                });
            }
            None => diags.push({
                let d = Diagnostic::error(
                    &source,
                    a.line,
                    a.col,
                    if escapes {
                        crate::t!("content-attachment-outside", file = &a.file)
                    } else {
                        crate::t!(
                            "content-attachment-missing",
                            file = &a.file,
                            looked = rel_to(root, &src).display()
                        )
                    },
                )
                .with_source(&text);
                match (!escapes).then(|| closest_file(&src)).flatten() {
                    Some(name) => {
                        d.with_note(crate::i18n::help(crate::t!("did-you-mean", name = name)))
                    }
                    None => d,
                }
            }),
        }
    }
    if let Some(files) = bundle_files {
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if attachments.iter().any(|a| a.src == *f) || names.contains(&name) {
                continue;
            }
            names.insert(name.clone());
            let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            attachments.push(Attachment {
                title: name.clone(),
                name,
                size,
                src: f.clone(),
            });
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    // The published index.md is this text (a UTF-8 byte-order mark dropped), so the
    // hash is of the text, and a reader can check it with any sha256 tool.
    let sha256 = hex(&Sha256::digest(text.as_bytes()));
    // A plan that writes its arrangement in its body, not in `schedule:`.
    let mut fm = fm;
    let mut schedule_from_body = false;
    if kind == Kind::Plan && !fm.schedule_given {
        fm.schedule = schedule::from_markdown(&text[body_offset..]);
        schedule_from_body = !fm.schedule.is_empty();
    }
    Ok(Document {
        source,
        rel,
        dir,
        bundle,
        body_offset,
        fm,
        kind,
        section,
        slug,
        path,
        sha256,
        attachments,
        html: String::new(),
        summary: String::new(),
        has_code: false,
        links: Vec::new(),
        schedule_from_body,
        text,
        text_released: false,
    })
}
