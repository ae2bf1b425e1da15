//! Text out of attachments, for the privacy check (SPEC §8): each piece of text with a
//! place a person can find in the file.
//!
//! - text files (.csv, .txt, .md…): the whole text, located by line and column; UTF-8,
//!   or GB18030/GBK as Excel saves a CSV on a Chinese Windows;
//! - spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods, by `calamine`): one piece a cell,
//!   `名单!C2`;
//! - Word (.docx, by `zip` and `quick-xml`): `paragraph 5`, `table 1, row 2, cell 3`,
//!   and the same inside headers, footers, footnotes and comments;
//! - PDF (by `lopdf`): one piece a page, `page 1`.
//!
//! Anything else, or a file that cannot be read (an image, an old .doc, an encrypted,
//! damaged or scanned file, a zip bomb, a file too large), is [`Extracted::Unreadable`]
//! with the reason in words, for a warning. Reading is bounded: at most
//! [`MAX_FILE`] bytes of file, [`MAX_UNPACKED`] bytes unpacked from an archive,
//! [`MAX_PDF_PAGES`] pages, [`TIME_LIMIT`] of time, and a panic in a crate is caught.
//!
//! Results are kept by the file's SHA-256, in memory (for serve) and in
//! `.gongkai-cache/` in the site folder, so a rebuild never reads an unchanged file again.

pub(crate) mod docx;
mod pdf;
mod sheet;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The largest attachment read: a larger one is a warning, not a wait.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// The most bytes unpacked from one archive (.xlsx, .docx, .ods), all entries together.
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;
/// The most entries read from one archive.
pub const MAX_ENTRIES: usize = 10_000;
/// The most pages read from one PDF.
pub const MAX_PDF_PAGES: usize = 2_000;
/// The most cells read from one workbook.
pub const MAX_CELLS: usize = 5_000_000;
/// How long reading one file may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(30);

/// The folder of the cache, in the site folder.
pub const CACHE_DIR: &str = ".gongkai-cache";

/// Bumped when what extraction gives changes, so that old cache entries are not used.
const VERSION: &str = "3";

/// What could be read of an attachment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Extracted {
    /// A text file: located by line and column.
    Text(String),
    /// Text out of a file without lines, each piece with its place; `unread` says what
    /// part could not be read, if any.
    Pieces {
        pieces: Vec<Piece>,
        unread: Option<String>,
        /// The first rows of a spreadsheet's first sheet, for a preview on the page.
        #[serde(default)]
        table: Option<Table>,
        /// A Word file's or PDF's page count, when it says.
        #[serde(default)]
        pages: Option<u32>,
    },
    /// Nothing could be read: why, in words (`it is an image`).
    Unreadable(String),
}

/// A piece of text and where it is in its file (`名单!C2`, `page 1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub place: String,
    pub text: String,
}

/// The first rows of a table, for a preview: the first row is the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The sheet's name (none for a CSV file).
    pub sheet: Option<String>,
    /// The header row, then at most [`PREVIEW_ROWS`] rows, each of at most
    /// [`PREVIEW_COLS`] cells.
    pub rows: Vec<Vec<String>>,
    /// How many rows the table has, the header included.
    pub total_rows: usize,
}

/// Rows shown under the header in a preview.
pub const PREVIEW_ROWS: usize = 20;
/// Columns shown in a preview.
pub const PREVIEW_COLS: usize = 30;

/// The preview of a spreadsheet or CSV attachment, when it has one.
pub fn preview(root: &Path, src: &Path, size: u64) -> Option<Table> {
    let e = ext(src);
    if !matches!(format_of(src), Format::Sheet) && e != "csv" && e != "tsv" {
        return None;
    }
    match &*extract(root, src, size) {
        Extracted::Text(text) => csv_table(text, if e == "tsv" { b'\t' } else { b',' }),
        Extracted::Pieces { table, .. } => table.clone(),
        Extracted::Unreadable(_) => None,
    }
}

/// What a Word file or a PDF holds, said beside it in the list of attachments: its
/// pages (as Word last counted them, or the PDF's) and its words (each Chinese
/// character one, as Word counts 字数).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    pub pages: Option<u32>,
    pub words: Option<usize>,
}

pub fn extent(root: &Path, src: &Path, size: u64) -> Option<Extent> {
    let f = format_of(src);
    if !matches!(f, Format::Docx | Format::Pdf) {
        return None;
    }
    match &*extract(root, src, size) {
        Extracted::Pieces { pieces, pages, .. } => {
            let words = matches!(f, Format::Docx).then(|| {
                pieces
                    .iter()
                    .filter(|p| p.place.starts_with("paragraph") || p.place.starts_with("table"))
                    .map(|p| count_words(&p.text))
                    .sum()
            });
            Some(Extent {
                pages: *pages,
                words,
            })
        }
        _ => None,
    }
}

/// Words as Word counts them: each CJK character, and each run of other letters or
/// digits.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() && (c.is_ascii() || !is_cjk(c)) {
            if !in_word {
                n += 1;
                in_word = true;
            }
        } else {
            in_word = false;
            if is_cjk(c) {
                n += 1;
            }
        }
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The first rows of a CSV text (by the `csv` crate: quotes, commas in cells).
pub fn csv_table(text: &str, delimiter: u8) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut total_rows = 0;
    for record in reader.records() {
        let Ok(record) = record else { break };
        total_rows += 1;
        if rows.len() <= PREVIEW_ROWS {
            rows.push(
                record
                    .iter()
                    .take(PREVIEW_COLS)
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    (!rows.is_empty()).then_some(Table {
        sheet: None,
        rows,
        total_rows,
    })
}

/// A grid filled cell by cell, for a preview.
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<String>>,
    last_row: Option<u32>,
    first_row: Option<u32>,
}

impl Grid {
    fn put(&mut self, row: u32, col: u32, text: &str) {
        let first = *self.first_row.get_or_insert(row);
        self.last_row = Some(self.last_row.map_or(row, |r| r.max(row)));
        let r = (row.saturating_sub(first)) as usize;
        let c = col as usize;
        if r > PREVIEW_ROWS || c >= PREVIEW_COLS {
            return;
        }
        if self.rows.len() <= r {
            self.rows.resize(r + 1, Vec::new());
        }
        let cells = &mut self.rows[r];
        if cells.len() <= c {
            cells.resize(c + 1, String::new());
        }
        cells[c] = text.to_string();
    }

    fn table(self, sheet: &str) -> Option<Table> {
        let (first, last) = (self.first_row?, self.last_row?);
        Some(Table {
            sheet: Some(sheet.to_string()),
            total_rows: (last - first) as usize + 1,
            rows: self.rows,
        })
    }
}

/// The kinds of file, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Sheet,
    Docx,
    Pdf,
    Other,
}

/// The kind of a file, from its extension.
pub fn format_of(path: &Path) -> Format {
    match ext(path).as_str() {
        "csv" | "tsv" | "txt" | "md" | "json" | "xml" | "html" | "htm" | "yaml" | "yml" => {
            Format::Text
        }
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Format::Sheet,
        "docx" | "docm" => Format::Docx,
        "pdf" => Format::Pdf,
        _ => Format::Other,
    }
}

fn ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Why a file of no readable kind cannot be checked.
fn other_reason(path: &Path) -> String {
    match ext(path).as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "bmp" | "tif" | "tiff" | "heic" | "svg" => {
            crate::t!("attach-image")
        }
        "doc" => crate::t!("attach-old-word"),
        "ppt" | "pptx" => crate::t!("attach-slides"),
        "wps" | "et" | "dps" => {
            crate::t!("attach-wps")
        }
        "zip" | "rar" | "7z" | "gz" => crate::t!("attach-archive"),
        "" => crate::t!("attach-no-extension"),
        e => crate::t!("attach-unknown-kind", ext = e),
    }
}

/// What can be read of the attachment at `src` (of `size` bytes), from the cache when
/// the same bytes were read before. The cache lives in `root`/.gongkai-cache/.
pub fn extract(root: &Path, src: &Path, size: u64) -> Arc<Extracted> {
    let format = format_of(src);
    if format == Format::Other {
        return Arc::new(Extracted::Unreadable(other_reason(src)));
    }
    if size > MAX_FILE {
        return Arc::new(Extracted::Unreadable(crate::t!(
            "attach-too-large",
            mb = size.div_ceil(1024 * 1024),
            max = MAX_FILE / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(src).and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Arc::new(Extracted::Unreadable(crate::t!(
            "attach-cannot-read",
            reason = crate::i18n::io_reason(&e)
        )));
    }
    if bytes.len() as u64 > MAX_FILE {
        return Arc::new(Extracted::Unreadable(crate::t!(
            "attach-larger-than",
            max = MAX_FILE / (1024 * 1024)
        )));
    }
    if format == Format::Text {
        // Reading text costs less than a cache look-up.
        return Arc::new(decode_text(&bytes));
    }
    // The reasons and places kept are words in the current language.
    let lang = match crate::i18n::current() {
        crate::config::Language::ZhCn => "zh",
        crate::config::Language::En => "en",
    };
    let key = format!(
        "{}-{VERSION}-{lang}",
        crate::content::hex(&Sha256::digest(&bytes))
    );
    if let Some(hit) = memory().lock().ok().and_then(|m| m.get(&key).cloned()) {
        return hit;
    }
    let file = cache_file(root, &key);
    let from_disk = std::fs::read(&file)
        .ok()
        .and_then(|b| serde_json::from_slice::<Extracted>(&b).ok());
    let (extracted, keep_on_disk) = match from_disk {
        Some(e) => (e, false),
        None => guarded(format, bytes),
    };
    let extracted = Arc::new(extracted);
    if keep_on_disk {
        store(&file, &extracted);
    }
    if let Ok(mut m) = memory().lock() {
        m.insert(key, extracted.clone());
    }
    extracted
}

fn memory() -> &'static Mutex<HashMap<String, Arc<Extracted>>> {
    static MEMORY: OnceLock<Mutex<HashMap<String, Arc<Extracted>>>> = OnceLock::new();
    MEMORY.get_or_init(Default::default)
}

fn cache_file(root: &Path, key: &str) -> PathBuf {
    root.join(CACHE_DIR)
        .join("attachments")
        .join(format!("{key}.json"))
}

/// Writes a cache entry (aside, then renamed, so a parallel build never reads half of
/// one). A cache that cannot be written only costs time.
fn store(file: &Path, e: &Extracted) {
    let Some(dir) = file.parent() else { return };
    let Ok(json) = serde_json::to_vec(e) else {
        return;
    };
    let tmp = file.with_extension(format!("tmp{}", std::process::id()));
    let ok = std::fs::create_dir_all(dir).is_ok() && std::fs::write(&tmp, json).is_ok();
    if !ok || std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Text as UTF-8, or else as GB18030 (which GBK is part of).
pub fn decode_text(bytes: &[u8]) -> Extracted {
    if let Ok(t) = crate::content::decode_utf8(bytes) {
        return Extracted::Text(t);
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        Extracted::Unreadable(crate::t!("attach-not-text"))
    } else {
        Extracted::Text(text.into_owned())
    }
}

/// Name of the threads that read files, whose panics are caught and not printed.
const THREAD: &str = "gongkai-attachment";

/// Reads the bytes in a thread of its own: a panic in a crate becomes a reason, and a
/// read that takes longer than [`TIME_LIMIT`] is left behind. Returns whether the
/// result may be kept on disk (not a time-out, which a busy machine may cause).
fn guarded(format: Format, bytes: Vec<u8>) -> (Extracted, bool) {
    match run_guarded(move || read_bytes(format, &bytes)) {
        Ok(e) => (e, true),
        Err(Failed::Panicked) => (Extracted::Unreadable(crate::t!("attach-panicked")), true),
        Err(Failed::TimedOut) => (
            Extracted::Unreadable(crate::t!("attach-timed-out", s = TIME_LIMIT.as_secs())),
            false,
        ),
        Err(Failed::NoThread(e)) => (
            Extracted::Unreadable(crate::t!(
                "attach-could-not-read",
                reason = crate::i18n::io_reason(&e)
            )),
            false,
        ),
    }
}

/// Why a guarded read gave nothing.
pub enum Failed {
    /// A crate (or gongkai) panicked on the file.
    Panicked,
    /// It took longer than [`TIME_LIMIT`]; the thread is left behind.
    TimedOut,
    NoThread(std::io::Error),
}

/// Runs `f` (a reader of a user's file) in a thread of its own, with a large stack:
/// a panic becomes [`Failed::Panicked`] without the default hook's message, and a read
/// that takes longer than [`TIME_LIMIT`] is left behind. Shared by the attachment
/// reader and `gongkai import`.
pub fn run_guarded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Failed> {
    quiet_panics();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(THREAD.into())
        // Parsers recurse: a deep file is given room rather than a stack overflow.
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(Failed::NoThread(e));
    }
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(Failed::Panicked),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(Failed::TimedOut),
    }
}

/// A panic in a reading thread is caught and reported as a warning: the default hook
/// would print it as if gongkai had crashed.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(THREAD) {
                previous(info);
            }
        }));
    });
}

/// Reads the bytes of a file of the given kind.
pub fn read_bytes(format: Format, bytes: &[u8]) -> Extracted {
    let r = match format {
        Format::Text => return decode_text(bytes),
        Format::Sheet => sheet::read(bytes),
        Format::Docx => docx::read(bytes),
        Format::Pdf => pdf::read(bytes),
        Format::Other => return Extracted::Unreadable(crate::t!("attach-no-reader")),
    };
    match r {
        Ok(e) => e,
        Err(why) => Extracted::Unreadable(why),
    }
}

/// Checks that an archive (.xlsx, .docx, .ods) unpacks within bounds: every entry is
/// unpacked (into nothing) and counted, so a zip bomb stops at [`MAX_UNPACKED`] bytes
/// whatever sizes its directory claims.
pub(crate) fn check_archive(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    if zip.len() > MAX_ENTRIES {
        return Err(crate::t!(
            "attach-too-many-files",
            n = zip.len(),
            max = MAX_ENTRIES
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(damaged)?;
        let left = MAX_UNPACKED - total;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(damaged)?;
        total += n;
        if total > MAX_UNPACKED {
            return Err(too_big());
        }
    }
    Ok(())
}

fn too_big() -> String {
    crate::t!("attach-zip-bomb", mb = MAX_UNPACKED / (1024 * 1024))
}

fn damaged(e: impl std::fmt::Display) -> String {
    crate::t!("attach-damaged", reason = e.to_string())
}

/// One entry of an archive, unpacked up to [`MAX_UNPACKED`] bytes.
pub(crate) fn read_entry<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(e)),
    };
    let mut out = Vec::new();
    entry
        .take(MAX_UNPACKED + 1)
        .read_to_end(&mut out)
        .map_err(damaged)?;
    if out.len() as u64 > MAX_UNPACKED {
        return Err(too_big());
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("名单.XLSX")), Format::Sheet);
        assert_eq!(format_of(Path::new("a.docx")), Format::Docx);
        assert_eq!(format_of(Path::new("a.pdf")), Format::Pdf);
        assert_eq!(format_of(Path::new("a.csv")), Format::Text);
        assert_eq!(format_of(Path::new("a.jpg")), Format::Other);
    }

    #[test]
    fn gbk_text_is_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\n张三,13800138000\n");
        assert_eq!(
            decode_text(&gbk),
            Extracted::Text("姓名,手机\n张三,13800138000\n".into())
        );
    }

    #[test]
    fn damaged_files_are_unreadable_not_panics() {
        for f in [Format::Sheet, Format::Docx, Format::Pdf] {
            assert!(
                matches!(
                    read_bytes(f, b"PK\x03\x04 not really"),
                    Extracted::Unreadable(_)
                ),
                "{f:?}"
            );
        }
    }
}
