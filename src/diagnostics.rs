//! Problems found in a site, reported like a compiler: `path:line:col: error: message`,
//! the source line under it, a caret under the column. A run collects every problem
//! and reports them all at the end instead of stopping at the first one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use unicode_width::UnicodeWidthChar;

/// How bad a problem is: errors fail the run, warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file when it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site folder when possible).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub col: usize,
    /// A place inside a file that has no lines, in words a person can find: a
    /// spreadsheet's `名单!C2`, a Word file's `table 1, row 2, cell 3`, a PDF's `page 1`.
    /// Shown instead of line and column. (Boxed: a diagnostic stays small to return.)
    pub place: Option<Box<String>>,
    pub message: String,
    /// The text of `line`, shown under the message.
    pub source_line: Option<String>,
    /// Extra lines such as `help: valid keys are ...`.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at a position; the source line is looked up in `source` when given.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            col,
            place: None,
            message: message.into(),
            source_line: None,
            notes: Vec::new(),
        }
    }

    /// A warning at a position.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Attaches the source line, taken from the whole text of the file.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text
                .split('\n')
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Locates the problem at a place inside a file that has no lines (`名单!C2`).
    pub fn at_place(mut self, place: impl Into<String>) -> Self {
        self.place = Some(Box::new(place.into()));
        self
    }

    /// Adds a `help:` note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// `path:line:col` as printed.
    pub fn location(&self) -> String {
        let p = display_path(&self.path);
        if let Some(place) = &self.place {
            return format!("{p}:{place}");
        }
        match (self.line, self.col) {
            (0, _) => p,
            (l, 0) => format!("{p}:{l}"),
            (l, c) => format!("{p}:{l}:{c}"),
        }
    }

    /// The compiler-style text, without colours.
    pub fn render(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}: {}: {}\n", self.location(), kind, self.message);
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {}", src.replace('\t', "    "));
            if self.col > 0 {
                // Align the caret under the column, counting wide (CJK) characters twice.
                let width: usize = src
                    .chars()
                    .take(self.col - 1)
                    .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
                    .sum();
                let _ = writeln!(out, "{pad} | {}^", " ".repeat(width));
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = {note}");
        }
        out
    }
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Collects diagnostics from many threads; sorted when taken so output is stable.
#[derive(Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        if let Ok(mut v) = self.items.lock() {
            v.push(d);
        }
    }

    pub fn extend(&self, ds: impl IntoIterator<Item = Diagnostic>) {
        if let Ok(mut v) = self.items.lock() {
            v.extend(ds);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items
            .lock()
            .map(|v| v.iter().any(|d| d.severity == Severity::Error))
            .unwrap_or(true)
    }

    /// All diagnostics, sorted by file, line, column and message, duplicates removed.
    pub fn take(&self) -> Vec<Diagnostic> {
        let mut v = self
            .items
            .lock()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default();
        v.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.place, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, &b.place, b.severity, &b.message))
        });
        v.dedup();
        v
    }
}

/// Converts a byte offset in `text` to a 1-based (line, column-in-characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let d = Diagnostic::error("content/a.md", 2, 1, "unknown front matter key `titel`")
            .with_source("---\ntitel: 工会\n---\n");
        let r = d.render();
        assert!(r.starts_with("content/a.md:2:1: error: unknown front matter key `titel`\n"));
        assert!(r.contains("2 | titel: 工会\n"));
        assert!(r.contains("  | ^\n"));
    }

    #[test]
    fn caret_counts_wide_characters_twice() {
        let d = Diagnostic::error("a.md", 1, 3, "x").with_source("工会x");
        assert!(d.render().contains("  |     ^\n"), "{}", d.render());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n工会x", 9), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
