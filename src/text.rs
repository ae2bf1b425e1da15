//! Small helpers on text and paths that every stage uses: slugs, UTF-8 decoding,
//! relative paths, hex. A leaf module: it depends on no other part of gongkai but the
//! position helper of `diagnostics`.

use std::path::{Path, PathBuf};

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
    crate::t!(
        "name-too-long",
        what = what,
        bytes = name.len(),
        max = MAX_NAME_BYTES,
        chars = MAX_NAME_BYTES / 3
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

/// `path` relative to `root`, or as it is.
pub fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A relative path with `/` separators.
pub fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes text escaped for HTML (`& < > " '`), a run of plain characters at a time.
pub fn write_escaped_html(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(esc)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// Text escaped for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = write_escaped_html(&mut out, s);
    out
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

/// A percent-encoded path decoded (`%E9%A2%84.md` → `预.md`); one that does not decode
/// to UTF-8 is kept as written.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

/// Collapses each run of white space (and control characters) into one space and trims
/// the ends: the text a result shows, and the text searched. Grams never span white
/// space, so a query (whose terms are split at white space) matches within a run of
/// non-space characters only.
pub fn clean(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Start of the run of non-space characters being read.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Only ASCII and the characters led by these bytes can be space or control
        // (U+0080–U+00A0, U+1680, U+2000–U+205F, U+3000): other characters, CJK among
        // them, are stepped over without decoding.
        let (space, len) = match b {
            0..=0x7F => (b.is_ascii_whitespace() || b.is_ascii_control(), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match s[i..].chars().next() {
                Some(c) => (c.is_whitespace() || c.is_control(), c.len_utf8()),
                None => (false, 1),
            },
            _ => (false, 1),
        };
        if space {
            if let Some(start) = run.take() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
        } else if run.is_none() {
            run = Some(i);
        }
        i += len;
    }
    if let Some(start) = run {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%E5%B7%A5.md"), "工.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%FF.md"), "%FF.md");
    }

    proptest::proptest! {
        /// Whatever a file is called, its slug is a valid one, and slugging again
        /// changes nothing.
        #[test]
        fn slugify_always_gives_a_valid_stable_slug(name in "\\PC{0,40}") {
            let s = slugify(&name);
            proptest::prop_assert!(is_valid_slug(&s), "{:?} -> {:?}", name, s);
            proptest::prop_assert_eq!(slugify(&s), s.clone());
        }
    }
}
