//! Problems found in a site, reported like a compiler: `path:line:col: error: message`,
//! the source line under it, a caret under the column. A run collects every problem
//! and reports them all at the end instead of stopping at the first one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anstyle::{AnsiColor, Style};
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
    /// The text of `line` shown under the message: on a long line, only a window of
    /// it around `col`, with `…` where it was cut.
    pub source_line: Option<String>,
    /// 1-based column of the caret in `source_line` (differs from `col` when cut).
    /// (A `u32`, so that a `Diagnostic` stays small enough to return by value.)
    pub source_col: u32,
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
            source_col: 0,
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

    /// Attaches the source line, taken from the whole text of the file. This scans
    /// the text up to the line: where a file has many problems, build a [`LineIndex`]
    /// once and use [`Diagnostic::with_source_from`].
    pub fn with_source(self, text: &str) -> Self {
        if self.line == 0 {
            return self;
        }
        let line = text.split('\n').nth(self.line - 1);
        self.with_line_text(line)
    }

    /// Attaches the source line, looked up in a file's line index.
    pub fn with_source_from(self, index: &LineIndex) -> Self {
        let line = index.line_text(self.line);
        self.with_line_text(line)
    }

    fn with_line_text(mut self, line: Option<&str>) -> Self {
        if let Some(l) = line {
            let (window, col) = window(l.trim_end_matches('\r'), self.col);
            self.source_line = Some(window);
            self.source_col = u32::try_from(col).unwrap_or(u32::MAX);
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

    /// Adds several notes.
    pub fn with_notes(mut self, notes: impl IntoIterator<Item = String>) -> Self {
        self.notes.extend(notes);
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
        self.render_with(Style::new(), Style::new())
    }

    /// The compiler-style text styled for a terminal: the location bold, `error` red
    /// and `warning` yellow (bold), and the caret in the same colour. Without its
    /// escape codes it is [`Diagnostic::render`].
    pub fn render_styled(&self) -> String {
        let colour = match self.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
        };
        self.render_with(Style::new().bold(), colour.on_default().bold())
    }

    /// The text with `at` around the location, `severity` around the word saying how
    /// bad it is and around the caret (a plain [`Style`] writes nothing).
    fn render_with(&self, at: Style, severity: Style) -> String {
        let kind = match self.severity {
            Severity::Error => crate::t!("severity-error"),
            Severity::Warning => crate::t!("severity-warning"),
        };
        let mut out = format!(
            "{at}{}{at:#}: {severity}{kind}{severity:#}: {}\n",
            self.location(),
            self.message
        );
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {}", src.replace('\t', "    "));
            if self.source_col > 0 {
                // Align the caret under the column, counting wide (CJK) characters twice.
                let width: usize = src
                    .chars()
                    .take(self.source_col as usize - 1)
                    .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
                    .sum();
                let _ = writeln!(out, "{pad} | {}{severity}^{severity:#}", " ".repeat(width));
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
        sort(&mut v);
        v
    }
}

/// Sorts problems as they are shown: by file, position (or place in an attachment),
/// errors before warnings, then message; exact repeats are dropped.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.place, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, &b.place, b.severity, &b.message))
    });
    diags.dedup();
}

/// Characters of a long source line shown on each side of the column.
pub const WINDOW: usize = 40;

/// The part of `line` shown under a message about column `col` (1-based, 0 when
/// unknown): the whole line when it is short, else [`WINDOW`] characters each side
/// of the column with `…` where it was cut; and the column within what is shown.
/// Costs the length of the line up to the window's end, never more.
fn window(line: &str, col: usize) -> (String, usize) {
    let col1 = col.max(1);
    let first = col1.saturating_sub(WINDOW + 1); // characters cut on the left
    let mut out = String::new();
    let mut shown_col = col;
    if first > 0 {
        out.push('…');
        shown_col = col - first + 1;
    }
    let mut chars = line.chars().skip(first);
    let keep = col1 - first + WINDOW;
    out.extend(chars.by_ref().take(keep));
    if chars.next().is_some() {
        out.push('…');
    }
    (out, shown_col)
}

/// Where each line of a file starts, built once, so that a file with many problems
/// costs one pass over its text plus a binary search for each problem.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based (line, column-in-characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }
}

/// How many problems of one kind one file reports before the rest are summed up in
/// one line; 0 means no limit. Set from the command line (`--max-per-kind`).
static PER_KIND: AtomicUsize = AtomicUsize::new(DEFAULT_PER_KIND);

/// The default of [`per_kind_limit`].
pub const DEFAULT_PER_KIND: usize = 20;

pub fn set_per_kind_limit(n: usize) {
    PER_KIND.store(n, Ordering::Relaxed);
}

/// The number of problems of one kind one file shows (`usize::MAX` for no limit).
pub fn per_kind_limit() -> usize {
    match PER_KIND.load(Ordering::Relaxed) {
        0 => usize::MAX,
        n => n,
    }
}

/// The one line that stands for the problems of a kind past the limit, located at
/// the first of them: "and 1,998 more mobile numbers in this file".
pub fn more_of_kind(first: Diagnostic, more: usize, what_plural: &str) -> Diagnostic {
    let mut d = Diagnostic {
        message: crate::t!("more-of-kind", count = thousands(more), what = what_plural),
        notes: Vec::new(),
        ..first
    };
    d.notes.push(crate::i18n::help(crate::t!(
        "more-of-kind-help",
        limit = per_kind_limit()
    )));
    d
}

/// Counts the problems of each kind found in one file, so that only the first
/// [`per_kind_limit`] of a kind are made into full diagnostics (positions and source
/// lines cost time) and the rest become one [`more_of_kind`] line.
pub struct PerKind<K> {
    limit: usize,
    counts: Vec<(K, usize, Option<Diagnostic>)>,
}

/// What to do with a problem just counted.
#[derive(Debug, PartialEq, Eq)]
pub enum Admit {
    /// Report it in full.
    Show,
    /// The first past the limit: locate it, and hand it to [`PerKind::first_hidden`].
    FirstHidden,
    /// Only counted.
    Hidden,
}

impl<K: PartialEq> Default for PerKind<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: PartialEq> PerKind<K> {
    pub fn new() -> Self {
        PerKind {
            limit: per_kind_limit(),
            counts: Vec::new(),
        }
    }

    /// Counts one problem of kind `k` (kinds are few: a linear search is enough).
    pub fn admit(&mut self, k: K) -> Admit {
        let i = match self.counts.iter().position(|(c, _, _)| *c == k) {
            Some(i) => i,
            None => {
                self.counts.push((k, 0, None));
                self.counts.len() - 1
            }
        };
        let n = &mut self.counts[i].1;
        *n += 1;
        match (*n).cmp(&(self.limit.saturating_add(1))) {
            std::cmp::Ordering::Less => Admit::Show,
            std::cmp::Ordering::Equal => Admit::FirstHidden,
            std::cmp::Ordering::Greater => Admit::Hidden,
        }
    }

    /// Keeps the located first problem past the limit, to place the summary line.
    pub fn first_hidden(&mut self, k: K, d: Diagnostic) {
        if let Some(e) = self.counts.iter_mut().find(|(c, _, _)| *c == k) {
            e.2 = Some(d);
        }
    }

    /// One summary line for each kind that went past the limit.
    pub fn summaries(self, plural: impl Fn(&K) -> String) -> Vec<Diagnostic> {
        let limit = self.limit;
        self.counts
            .into_iter()
            .filter_map(|(k, n, d)| Some(more_of_kind(d?, n - limit, &plural(&k))))
            .collect()
    }
}

/// `1998` as `1,998`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    fn styled_text_is_the_plain_text_with_colours() {
        for d in [
            Diagnostic::error("content/a.md", 2, 3, "x").with_source("---\ntitel: 工会\n"),
            Diagnostic::warning("site.yaml", 0, 0, "y").with_note("help: z"),
        ] {
            let styled = d.render_styled();
            assert_ne!(styled, d.render());
            let plain = anstream::adapter::strip_str(&styled).to_string();
            assert_eq!(plain, d.render());
        }
        let e = Diagnostic::error("a.md", 1, 1, "x").with_source("a");
        let styled = e.render_styled();
        assert!(
            styled.starts_with("\x1b[1ma.md:1:1\x1b[0m: \x1b[1m\x1b[31merror\x1b[0m: x\n"),
            "{styled:?}"
        );
        assert!(styled.contains("| \x1b[1m\x1b[31m^\x1b[0m\n"), "{styled:?}");
    }

    #[test]
    fn caret_counts_wide_characters_twice() {
        let d = Diagnostic::error("a.md", 1, 3, "x").with_source("工会x");
        assert!(d.render().contains("  |     ^\n"), "{}", d.render());
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{}X{}", "工".repeat(1000), "a".repeat(1000));
        let d = Diagnostic::error("a.md", 1, 1001, "x").with_source(&line);
        let shown = d.source_line.clone().unwrap_or_default();
        assert_eq!(shown.chars().count(), 2 * WINDOW + 3, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(d.source_col as usize - 1), Some('X'));
        // The location printed is still the real column.
        assert!(d.render().starts_with("a.md:1:1001: error: x\n"));
        let short = Diagnostic::error("a.md", 1, 2, "x").with_source("abc");
        assert_eq!(
            (short.source_line.as_deref(), short.source_col),
            (Some("abc"), 2)
        );
    }

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "ab\r\n工会x\n\nlast";
        let index = LineIndex::new(text);
        for off in 0..=text.len() {
            assert_eq!(index.line_col(off), line_col(text, off), "offset {off}");
        }
        assert_eq!(index.line_text(1), Some("ab"));
        assert_eq!(index.line_text(2), Some("工会x"));
        assert_eq!(index.line_text(4), Some("last"));
        assert_eq!(index.line_text(5), None);
        assert_eq!(index.line_text(0), None);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1998), "1,998");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n工会x", 9), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
