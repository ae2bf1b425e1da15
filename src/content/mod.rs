//! Loading content: walking `content/`, reading each document, its front matter and
//! attachments. Markdown is rendered later (see `markdown`), once every document's URL
//! is known, so that links between documents can be resolved.

pub mod frontmatter;
pub mod markdown;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
pub use frontmatter::{FrontMatter, Kind, Status};

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
    /// The whole source text, published as `index.md` and hashed.
    pub text: String,
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
    /// Plain text of the body, for search and summaries.
    pub plain: String,
    /// The summary shown in lists.
    pub summary: String,
    /// Whether the body has highlighted code.
    pub has_code: bool,
}

impl Document {
    /// The body text, after the front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// Takes the rendered body: HTML, plain text, the summary (front matter's, or the
    /// first paragraph cut at about 120 characters) and whether it has code.
    pub fn set_rendered(&mut self, r: markdown::Rendered) {
        self.summary = match &self.fm.summary {
            Some(s) => s.clone(),
            None => markdown::cut(&r.first_paragraph, 120),
        };
        self.html = r.html;
        self.plain = r.plain;
        self.has_code = r.has_code;
    }

    /// Whether the document is published in this build.
    pub fn is_published(&self, today: chrono::NaiveDate) -> bool {
        !self.fm.draft && self.fm.date.day <= today
    }
}

/// Decodes UTF-8, or returns the (line, col) of the first bad byte.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, (usize, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid by construction.
            let text = String::from_utf8_lossy(good);
            Err(crate::diagnostics::line_col(&text, text.len()))
        }
    }
}

/// Letters, digits, `-`, `_` and CJK; never `/`, `..` or a leading `.`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The longest name of one file or folder most file systems allow, in bytes (a CJK
/// character takes 3): a slug becomes a folder name of the output.
pub const MAX_NAME_BYTES: usize = 255;

/// The message for a name that would be a too long file or folder name.
pub fn too_long_name(what: &str, name: &str) -> String {
    format!(
        "this {what} is {} bytes long, and a file or folder name may be at most {MAX_NAME_BYTES} bytes (a Chinese character takes 3): shorten it to about {} Chinese characters or {MAX_NAME_BYTES} letters",
        name.len(),
        MAX_NAME_BYTES / 3
    )
}

/// Makes a slug from a file name: characters a slug may not hold become `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-').to_string();
    if t.is_empty() {
        "document".into()
    } else {
        t
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
                diags.push(Diagnostic::warning(path, 0, 0, format!("skipped: {err}")));
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

/// `path` relative to `root`, or as it is.
pub fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
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

/// A relative path with `/` separators.
pub fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one document file.
pub fn load_one(
    config: &Config,
    abs: &Path,
    bundle_files: Option<&[PathBuf]>,
) -> Result<Document, Vec<Diagnostic>> {
    let root = &config.root;
    let source = rel_to(root, abs);
    let content = root.join("content");
    let rel_path = abs.strip_prefix(&content).unwrap_or(abs);
    let rel = rel_string(rel_path);
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
            format!("cannot read file: {e}"),
        )]
    })?;
    let text = decode_utf8(&bytes).map_err(|(line, col)| {
        vec![Diagnostic::error(
            &source,
            line,
            col,
            "the file is not valid UTF-8 text: save it as UTF-8 (not GBK)",
        )]
    })?;
    let split = frontmatter::split(&source, &text).map_err(|d| vec![d])?;
    let body_offset = split.body_offset;
    let fm = frontmatter::parse(&source, &text, &split, config)?;
    let mut diags = Vec::new();

    let parts: Vec<&str> = rel.split('/').collect();
    let bundle = bundle_files.is_some() || (parts.last() == Some(&"index.md") && parts.len() >= 3);
    if parts.len() < 2 {
        diags.push(
            Diagnostic::error(
                &source,
                1,
                1,
                "a document lives in a section folder, e.g. content/notices/",
            )
            .with_source(&text),
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
                Diagnostic::error(&source, 1, 1, format!("cannot tell the kind of a document in folder `{section}`"))
                    .with_source(&text)
                    .with_note(format!("help: add `kind: plan`, `kind: notice` or `kind: summary`, move it under plans/, notices/ or summaries/, or give the folder its kind in site.yaml: `sections: [{{name: {section}, title: ..., kind: notice}}]`")),
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
                            format!("two attachments are named `{name}`"),
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
            None => diags.push(
                Diagnostic::error(
                    &source,
                    a.line,
                    a.col,
                    if escapes {
                        format!(
                            "attachment `{}` must be inside the document's folder",
                            a.file
                        )
                    } else {
                        format!(
                            "attachment `{}` not found (looked for {})",
                            a.file,
                            rel_to(root, &src).display()
                        )
                    },
                )
                .with_source(&text),
            ),
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
        plain: String::new(),
        summary: String::new(),
        has_code: false,
        text,
    })
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
