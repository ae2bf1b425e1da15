//! Small helpers on text and paths that every stage uses: slugs, UTF-8 decoding,
//! relative paths, hex. A leaf module: it depends on no other part of gongkai but the
//! position helper of `diagnostics`.

use std::path::{Path, PathBuf};

/// Decodes UTF-8, or returns the (line, col) of the first bad byte.
pub fn decode_utf8(bytes: &[u8]) -> Result<String, (usize, usize)> {
    decode_utf8_owned(bytes.to_vec())
}

/// Bytes without a leading UTF-8 byte-order mark: what a document's text, its hash and
/// its published `index.md` are made of.
pub fn without_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    bytes
}

/// [`decode_utf8`] of bytes already owned: the text keeps their buffer (no copy).
pub fn decode_utf8_owned(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    String::from_utf8(without_bom(bytes)).map_err(|e| {
        let bytes = e.as_bytes();
        let good = &bytes[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        crate::diagnostics::line_col(&text, text.len())
    })
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

/// The text a reader sees in a rendered body, white space collapsed as [`clean`] makes
/// it: tags dropped (a block's edge, a line break or a table cell is a space, an inline
/// tag nothing), the five entities pulldown-cmark and syntect write decoded (and `&nbsp;`
/// and numeric ones), and what is not text to read left out: the heading anchors'
/// `#`, footnote reference numbers, and scripts and styles of raw HTML. What search
/// indexes and shows, derived from the HTML when the index is written instead of kept
/// beside it for every document. One pass, linear in the HTML.
pub fn plain_of_html(html: &str) -> String {
    let b = html.as_bytes();
    let mut raw = Collapsed::with_capacity(html.len());
    let mut i = 0;
    // Text runs are copied whole, up to the next `<` or `&`.
    while i < b.len() {
        let next = memchr::memchr2(b'<', b'&', &b[i..]).map_or(b.len(), |k| i + k);
        raw.push(&html[i..next]);
        i = next;
        if i >= b.len() {
            break;
        }
        if b[i] == b'&' {
            let (c, len) = entity(&html[i..]);
            raw.push_char(c.unwrap_or('&'));
            i += len;
            continue;
        }
        // A tag: its name, then its end (a `>` outside quotes).
        let end = tag_end(b, i);
        let tag = &html[i..end];
        let name = tag.trim_start_matches(['<', '/']).as_bytes();
        let name = &name[..name
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let mut lower = [0u8; 10];
        let name: &[u8] = match lower.get_mut(..name.len()) {
            Some(l) => {
                l.copy_from_slice(name);
                l.make_ascii_lowercase();
                l
            }
            // No tag of interest is that long.
            None => b"",
        };
        let closing = tag.starts_with("</");
        i = end;
        // Skipped with what they hold: a heading's anchor, a footnote reference, a
        // script or a style.
        let skip_to = if !closing && tag.starts_with("<a class=\"anchor\"") {
            Some("</a>")
        } else if !closing && tag.starts_with("<sup class=\"footnote-reference\"") {
            Some("</sup>")
        } else if !closing && name == b"script" {
            Some("</script>")
        } else if !closing && name == b"style" {
            Some("</style>")
        } else {
            None
        };
        if let Some(close) = skip_to {
            i = html[i..]
                .find(close)
                .map_or(b.len(), |k| i + k + close.len());
            continue;
        }
        if matches!(
            name,
            b"p" | b"br"
                | b"hr"
                | b"h1"
                | b"h2"
                | b"h3"
                | b"h4"
                | b"h5"
                | b"h6"
                | b"li"
                | b"ul"
                | b"ol"
                | b"dl"
                | b"dt"
                | b"dd"
                | b"td"
                | b"th"
                | b"tr"
                | b"table"
                | b"thead"
                | b"tbody"
                | b"pre"
                | b"blockquote"
                | b"div"
                | b"section"
                | b"figure"
                | b"figcaption"
                | b"img"
        ) {
            raw.gap();
        }
    }
    raw.out
}

/// Where the tag starting at `start` (a `<`) ends: past its `>`, quotes respected; the
/// end of the text when it never closes.
fn tag_end(b: &[u8], start: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &c) in b[start + 1..].iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return start + 1 + k + 1,
            (None, _) => {}
        }
    }
    b.len()
}

/// The character an entity at the start of `s` stands for, and its length; `None`
/// (for `&` as it is, one byte) when it is not one of those decoded.
fn entity(s: &str) -> (Option<char>, usize) {
    let Some(semi) = s.get(1..s.len().min(12)).and_then(|t| t.find(';')) else {
        return (None, 1);
    };
    let name = &s[1..1 + semi];
    let len = semi + 2;
    let named = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => None,
    };
    let c = named.or_else(|| {
        let n = name.strip_prefix('#')?;
        let code = match n.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => n.parse::<u32>().ok()?,
        };
        char::from_u32(code)
    });
    match c {
        Some(c) => (Some(c), len),
        None => (None, 1),
    }
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
    let mut c = Collapsed::with_capacity(s.len());
    c.push(s);
    c.out
}

/// Text being collapsed as [`clean`] does, a piece at a time.
struct Collapsed {
    out: String,
    /// White space was met since the last run of other characters.
    space: bool,
}

impl Collapsed {
    fn with_capacity(n: usize) -> Collapsed {
        Collapsed {
            out: String::with_capacity(n),
            space: false,
        }
    }

    /// A break between words: one space, if more text follows.
    fn gap(&mut self) {
        self.space = true;
    }

    fn run(&mut self, run: &str) {
        if self.space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(run);
    }

    fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        // Start of the run of non-space characters being read.
        let mut run = 0;
        let mut i = 0;
        // Only ASCII and the characters led by these bytes can be space or control
        // (U+0080–U+00A0, U+1680, U+2000–U+205F, U+3000): the bytes between are skipped
        // without decoding (none of these is ever inside a character).
        while let Some(k) = bytes[i..]
            .iter()
            .position(|&b| b <= b' ' || b == 0x7F || b == 0xC2 || (0xE1..=0xE3).contains(&b))
        {
            i += k;
            let (space, len) = match bytes[i] {
                b @ 0..=0x7F => (b.is_ascii_whitespace() || b.is_ascii_control(), 1),
                _ => match s[i..].chars().next() {
                    Some(c) => (c.is_whitespace() || c.is_control(), c.len_utf8()),
                    None => (false, 1),
                },
            };
            if space {
                if run < i {
                    self.run(&s[run..i]);
                }
                self.gap();
                run = i + len;
            }
            i += len;
        }
        if run < bytes.len() {
            self.run(&s[run..]);
        }
    }

    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.push(c.encode_utf8(&mut buf));
    }
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

    #[test]
    fn plain_text_of_a_rendered_body() {
        let html = "<h2 id=\"a\">工会<strong>经费</strong><a class=\"anchor\" href=\"#a\" aria-label=\"¶\">#</a></h2>\n\
            <p>一、收支&amp;结余 &lt;说明&gt;<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n\
            <table><tr><td>春节</td><td>慰问</td></tr></table><ul><li>甲</li><li>乙<br />丙</li></ul>\
            <pre><code><span class=\"k\">if</span> a &quot;b&quot; &#39;c&#39; &#x4e00;&nbsp;x</code></pre>\
            <p><img src=\"a.png\" alt=\"图\" />后<script>var x = \"<p>\";</script><a href=\"/x/\" title=\"a > b\">链接</a> & 其他</p>";
        assert_eq!(
            plain_of_html(html),
            "工会经费 一、收支&结余 <说明> 春节 慰问 甲 乙 丙 if a \"b\" 'c' 一 x 后链接 & 其他"
        );
        assert_eq!(plain_of_html(""), "");
        assert_eq!(plain_of_html("<p>不闭合"), "不闭合");
        assert_eq!(plain_of_html("a <b"), "a");
        assert_eq!(
            plain_of_html("&bogus; &#xZZ; &#99999999;"),
            "&bogus; &#xZZ; &#99999999;"
        );
    }

    proptest::proptest! {
        /// Any HTML gives text already clean (nothing more to collapse), without a tag
        /// left whole.
        #[test]
        fn plain_text_is_clean(html in "(<[a-z/]{0,4}[ a-z=\"]{0,6}>|&[a-z#0-9]{0,5};?|[a-z 工会\\n])*") {
            let p = plain_of_html(&html);
            proptest::prop_assert_eq!(clean(&p), p.clone());
        }

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
