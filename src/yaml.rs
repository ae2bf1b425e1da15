//! The one place where YAML is parsed (site.yaml and front matter): one event pass
//! builds the values and records where every key and list item stands, so that problems
//! are reported at their exact line and column in any YAML style.

use serde::de::DeserializeOwned;
pub use serde_yaml::{Mapping, Value};

/// A YAML syntax or type problem with its 1-based position in the parsed text.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// How deep lists and maps may nest: far more than any site needs, and well under
/// the YAML parser's own limit, which it reaches only after a time that grows with
/// the square of the depth.
pub const MAX_DEPTH: usize = 64;

/// Refuses, in one pass, a text nested deeper than [`MAX_DEPTH`]: flow brackets
/// (`[[[[`…, `{a: {b: …`) and block sequence dashes on one line (`- - - -`…). Quoted
/// text and comments are skipped. Located at the bracket or dash that goes too deep.
fn too_deep(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = '\n';
    let (mut line, mut col) = (1usize, 0usize);
    // Dashes that open a sequence on the current line, after its indentation.
    let mut dashes = 0usize;
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        if c == '\n' {
            (line, col) = (line + 1, 0);
            dashes = 0;
            line_start = true;
            prev = c;
            continue;
        }
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else if q == '"' && c == '\\' {
                chars.next();
                col += 1;
            }
            prev = c;
            continue;
        }
        let opens_scalar = prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | ':');
        match c {
            '#' if prev.is_whitespace() => {
                // A comment: skip to the end of the line.
                for n in chars.by_ref() {
                    if n == '\n' {
                        (line, col) = (line + 1, 0);
                        dashes = 0;
                        line_start = true;
                        break;
                    }
                }
                prev = '\n';
                continue;
            }
            '\'' | '"' if opens_scalar => quote = Some(c),
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            '-' if line_start && chars.peek().is_none_or(|n| *n == ' ') => dashes += 1,
            ' ' | '\t' => {}
            _ => line_start = false,
        }
        if depth > MAX_DEPTH || dashes > MAX_DEPTH {
            return Err(YamlError {
                line,
                col,
                message: crate::t!("yaml-too-deep", max = MAX_DEPTH),
            });
        }
        prev = c;
    }
    Ok(())
}

fn convert_error(e: &serde_yaml::Error) -> YamlError {
    let (line, col) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let mut raw = e.to_string();
    // serde_yaml appends " at line X column Y"; the location is printed separately.
    if let Some(i) = raw.find(" at line ") {
        raw.truncate(i);
    }
    YamlError {
        line,
        col,
        message: syntax_message(&raw),
    }
}

/// The YAML parser's message in the site's language: the common slips in words a
/// secretary knows, with what to do; any other kept as it is, after a plain sentence.
fn syntax_message(raw: &str) -> String {
    let known = [
        ("found character that cannot start any token", "yaml-tab"),
        ("found a tab", "yaml-tab"),
        ("mapping values are not allowed", "yaml-colon-in-value"),
        ("did not find expected key", "yaml-indentation"),
        ("could not find expected ':'", "yaml-missing-colon"),
        ("found unexpected end of stream", "yaml-unclosed-quote"),
        ("found unknown escape character", "yaml-escape"),
        ("did not find expected ',' or ']'", "yaml-unclosed-list"),
        ("did not find expected ',' or '}'", "yaml-unclosed-map"),
        ("duplicate entry with key", "yaml-duplicate-key"),
        ("invalid indentation", "yaml-indentation"),
        (
            "block sequence entries are not allowed",
            "yaml-colon-in-value",
        ),
    ];
    match known.iter().find(|(pat, _)| raw.contains(pat)) {
        Some((_, id)) => crate::i18n::tr(id, vec![("raw", crate::i18n::Arg::from(raw))]),
        None => crate::t!("yaml-other", raw = raw),
    }
}

/// Converts a parsed value to a typed structure; the error is the serde message.
pub fn from_value<T: DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_yaml::from_value(v).map_err(|e| {
        let mut m = e.to_string();
        if let Some(i) = m.find(" at line ") {
            m.truncate(i);
        }
        m
    })
}

/// For serde's "unknown field `workingdays`, expected one of `start`, …, `working_days`"
/// (or "expected `a` or `b`"), the expected name closest to the one written.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    suggest(name, &expected).map(str::to_string)
}

/// The text of a mapping key, if it is a plain scalar.
pub fn key_str(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Where a node stands in the parsed text. Lines are 1-based; columns are 1-based and
/// count characters. For a list item the key is the item itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPos {
    pub line: usize,
    pub key_col: usize,
    /// Where the value starts: on the key's line for `key: value`, on a later line for
    /// a block below the key.
    pub value_line: usize,
    pub value_col: usize,
    /// The value's bytes in the parsed text (quotes included).
    pub value: std::ops::Range<usize>,
}

/// The position of every key and list item of a parsed YAML text, by key path
/// (`["disclosure", "start"]`, `["attachments", "0", "file"]`), captured while parsing.
#[derive(Debug, Clone, Default)]
pub struct Spans(std::collections::HashMap<String, KeyPos>);

/// Separates the parts of a key path in [`Spans`]: a character no key contains.
const SEP: char = '\u{1f}';

impl Spans {
    /// The position of a key path, if it was in the text.
    pub fn get<S: AsRef<str>>(&self, path: &[S]) -> Option<&KeyPos> {
        let mut key = String::new();
        for (i, p) in path.iter().enumerate() {
            if i > 0 {
                key.push(SEP);
            }
            key.push_str(p.as_ref());
        }
        self.0.get(&key)
    }
}

/// Parses YAML text into a mapping, with the position of every key. An empty text is an
/// empty mapping. One pass over the text: the values and their positions come from the
/// same parse.
pub fn parse(text: &str) -> Result<(Mapping, Spans), YamlError> {
    if text.trim().is_empty() {
        return Ok((Mapping::new(), Spans::default()));
    }
    too_deep(text)?;
    let mut b = Builder {
        parser: saphyr_parser::Parser::new_from_str(text),
        text,
        cursor: (0, 0),
        anchors: Default::default(),
        spans: Spans::default(),
        path: String::new(),
        budget: MAX_COPIED,
        made: 0,
        last_end: 0,
        syntax: false,
    };
    match b.document() {
        Ok(Value::Mapping(m)) => Ok((m, b.spans)),
        Ok(Value::Null) => Ok((Mapping::new(), b.spans)),
        Ok(_) => Err(YamlError {
            line: 1,
            col: 1,
            message: crate::t!("yaml-not-mapping"),
        }),
        // A syntax slip in the words of the YAML parser the messages were written for
        // (libyaml's), where it finds one; else as this parse found it.
        Err(ours) if b.syntax => Err(match serde_yaml::from_str::<Value>(text) {
            Err(e) => convert_error(&e),
            Ok(_) => ours,
        }),
        Err(ours) => Err(ours),
    }
}

/// How many values aliases may copy in one text: an alias bomb (`&a [*b, *b, …]`
/// nested) stops here instead of filling the memory. Values written out are not
/// counted: there are never more of them than characters in the text.
const MAX_COPIED: usize = 100_000;

type Event<'t> = saphyr_parser::Event<'t>;

/// One event pass over the text, building the values and recording their positions.
struct Builder<'t> {
    parser: saphyr_parser::Parser<'t, saphyr_parser::StrInput<'t>>,
    text: &'t str,
    /// The last (character, byte) position converted: positions arrive mostly in order,
    /// so converting them all costs one walk over the text.
    cursor: (usize, usize),
    /// Anchored values and how many values each holds.
    anchors: std::collections::HashMap<usize, (Value, usize)>,
    spans: Spans,
    /// The key path of the node being read, parts separated by [`SEP`].
    path: String,
    /// Values aliases may still copy (see [`MAX_COPIED`]).
    budget: usize,
    /// Values made so far, copies included: an anchored value's size is the
    /// difference before and after it.
    made: usize,
    /// The character offset where the last event read ended.
    last_end: usize,
    /// Whether the parse stopped at a syntax slip (not a duplicate key, say).
    syntax: bool,
}

impl<'t> Builder<'t> {
    fn next(&mut self) -> Result<(Event<'t>, saphyr_parser::Span), YamlError> {
        match self.parser.next_event() {
            Some(Ok(e)) => {
                self.last_end = e.1.end.index();
                Ok(e)
            }
            Some(Err(e)) => {
                self.syntax = true;
                Err(error_at(e.marker(), syntax_message(e.info())))
            }
            None => Err(YamlError {
                line: 1,
                col: 1,
                message: syntax_message("found unexpected end of stream"),
            }),
        }
    }

    /// The whole stream: one document (or none).
    fn document(&mut self) -> Result<Value, YamlError> {
        let mut root = Value::Null;
        let mut documents = 0;
        loop {
            let (e, span) = self.next()?;
            match e {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::StreamEnd => return Ok(root),
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(error_at(
                            &span.start,
                            crate::t!(
                                "yaml-other",
                                raw = "deserializing from YAML containing more than one document is not supported"
                            ),
                        ));
                    }
                    let (e, span) = self.next()?;
                    root = self.node(e, span, 0)?;
                }
                _ => return Err(error_at(&span.start, syntax_message("unexpected event"))),
            }
        }
    }

    /// The byte offset of a character offset.
    fn byte(&mut self, char_index: usize) -> usize {
        let (mut c, mut b) = self.cursor;
        if char_index < c {
            (c, b) = (0, 0);
        }
        for ch in self.text[b..].chars() {
            if c == char_index {
                break;
            }
            c += 1;
            b += ch.len_utf8();
        }
        self.cursor = (c, b);
        b
    }

    fn spend(&mut self, n: usize, at: &saphyr_parser::Marker) -> Result<(), YamlError> {
        match self.budget.checked_sub(n) {
            Some(left) => {
                self.budget = left;
                Ok(())
            }
            None => Err(error_at(
                at,
                crate::t!("yaml-other", raw = "repetition limit exceeded"),
            )),
        }
    }

    /// One value starting with event `e`; sequences and mappings are read to their end.
    fn node(
        &mut self,
        e: Event<'t>,
        span: saphyr_parser::Span,
        depth: usize,
    ) -> Result<Value, YamlError> {
        if depth > MAX_DEPTH {
            return Err(error_at(
                &span.start,
                crate::t!("yaml-too-deep", max = MAX_DEPTH),
            ));
        }
        let before = self.made;
        self.made += 1;
        let (value, anchor) = match e {
            Event::Scalar(mut text, style, anchor, tag) => {
                use saphyr_parser::ScalarStyle::{Folded, Literal};
                // A block scalar that ends the text without a line break has no final
                // line break to keep.
                if matches!(style, Literal | Folded)
                    && !self.text.ends_with('\n')
                    && self.byte(span.end.index()) >= self.text.len()
                    && text.ends_with('\n')
                {
                    text.to_mut().pop();
                }
                let v = scalar(&text, style, tag.as_deref());
                (v, anchor)
            }
            Event::Alias(id) => {
                let (v, size) = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| error_at(&span.start, syntax_message("unknown anchor")))?;
                self.spend(size, &span.start)?;
                self.made += size;
                (v, 0)
            }
            Event::SequenceStart(anchor, tag) => {
                let mut items = Vec::new();
                loop {
                    let (e, span) = self.next()?;
                    if matches!(e, Event::SequenceEnd) {
                        break;
                    }
                    let len = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push(SEP);
                    }
                    self.path.push_str(&items.len().to_string());
                    let start = span.start;
                    let begin = self.byte(start.index());
                    let item = self.node(e, span, depth + 1)?;
                    let end = self.byte(self.last_end);
                    self.record(&start, &start, begin..end.max(begin));
                    self.path.truncate(len);
                    items.push(item);
                }
                (tagged(Value::Sequence(items), tag.as_deref()), anchor)
            }
            Event::MappingStart(anchor, tag) => {
                let mut map = Mapping::new();
                loop {
                    let (e, key_span) = self.next()?;
                    if matches!(e, Event::MappingEnd) {
                        break;
                    }
                    // Keys are read with no path of their own.
                    let saved = std::mem::take(&mut self.path);
                    let key = self.node(e, key_span, depth + 1)?;
                    self.path = saved;
                    let (e, value_span) = self.next()?;
                    let len = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push(SEP);
                    }
                    self.path.push_str(key_str(&key).as_deref().unwrap_or("?"));
                    let empty = matches!(&e, Event::Scalar(s, saphyr_parser::ScalarStyle::Plain, _, None) if s.is_empty());
                    let value_start = if empty {
                        // `title:` with nothing after it: the value's place is after
                        // the colon, not the next line's key.
                        saphyr_parser::Marker::new(
                            key_span.end.index() + 2,
                            key_span.end.line(),
                            key_span.end.col() + 2,
                        )
                    } else {
                        value_span.start
                    };
                    let begin = self.byte(value_span.start.index());
                    let value = self.node(e, value_span, depth + 1)?;
                    let end = self.byte(self.last_end);
                    self.record(&key_span.start, &value_start, begin..end.max(begin));
                    self.path.truncate(len);
                    if map.contains_key(&key) {
                        return Err(error_at(
                            &key_span.start,
                            syntax_message(&format!(
                                "duplicate entry with key {}",
                                key_str(&key).map_or("?".into(), |k| format!("\"{k}\""))
                            )),
                        ));
                    }
                    map.insert(key, value);
                }
                (tagged(Value::Mapping(map), tag.as_deref()), anchor)
            }
            _ => return Err(error_at(&span.start, syntax_message("unexpected event"))),
        };
        if anchor > 0 {
            self.anchors
                .insert(anchor, (value.clone(), self.made - before));
        }
        Ok(value)
    }

    fn record(
        &mut self,
        key: &saphyr_parser::Marker,
        value: &saphyr_parser::Marker,
        bytes: std::ops::Range<usize>,
    ) {
        // A block ends where the next key starts: not its blank lines and comments.
        let kept = self.text[bytes.clone()].trim_end().len();
        let bytes = bytes.start..bytes.start + kept;
        self.spans.0.insert(
            self.path.clone(),
            KeyPos {
                line: key.line(),
                key_col: key.col() + 1,
                value_line: value.line(),
                value_col: value.col() + 1,
                value: bytes,
            },
        );
    }
}

/// A syntax problem at a parser position.
fn error_at(at: &saphyr_parser::Marker, message: String) -> YamlError {
    YamlError {
        line: at.line().max(1),
        col: at.col() + 1,
        message,
    }
}

/// A value with a tag: the core schema's (`!!str 5`) decide the type; any other is kept
/// on the value, as serde expects of a tagged value.
fn tagged(v: Value, tag: Option<&saphyr_parser::Tag>) -> Value {
    match tag {
        Some(t) if !t.is_yaml_core_schema() => {
            Value::Tagged(Box::new(serde_yaml::value::TaggedValue {
                tag: serde_yaml::value::Tag::new(t.to_string()),
                value: v,
            }))
        }
        _ => v,
    }
}

/// The value of a scalar. Quoted and block scalars are text; a plain one is read as the
/// YAML 1.2 core schema says: empty, `~` and `null` are nothing, `true`/`false` a yes or
/// no, numbers (also `0x`, `0o`, `0b`, `.inf`) numbers, and all else text — so
/// `2023-06-01` and `010` stay text.
fn scalar(
    text: &str,
    style: saphyr_parser::ScalarStyle,
    tag: Option<&saphyr_parser::Tag>,
) -> Value {
    let core = tag
        .filter(|t| t.is_yaml_core_schema())
        .map(|t| t.suffix.as_str());
    let plain = style == saphyr_parser::ScalarStyle::Plain;
    let v = match core {
        Some("str") => Value::String(text.to_string()),
        Some("null" | "bool" | "int" | "float") => resolve(text),
        // A tag of the site's own (`!note 5`) is kept on the value read as if untagged.
        _ if plain && core.is_none() => resolve(text),
        _ => Value::String(text.to_string()),
    };
    match tag {
        Some(_) if core.is_some() => v,
        _ => tagged(v, tag),
    }
}

/// A plain scalar's value under the core schema.
fn resolve(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = integer(s) {
        return n;
    }
    if leading_zero_digits(s) {
        return Value::String(s.to_string());
    }
    let unsigned = match s.strip_prefix('+') {
        Some(r) if r.starts_with(['+', '-']) => return Value::String(s.to_string()),
        Some(r) => r,
        None => s,
    };
    let f = match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
        _ if matches!(s, "-.inf" | "-.Inf" | "-.INF") => Some(f64::NEG_INFINITY),
        _ if matches!(s, ".nan" | ".NaN" | ".NAN") => Some(f64::NAN),
        _ => unsigned.parse::<f64>().ok().filter(|f| f.is_finite()),
    };
    match f {
        Some(f) => Value::Number(f.into()),
        None => Value::String(s.to_string()),
    }
}

/// `010`, `-007`: digits after a leading zero are text under YAML 1.2, not octal.
fn leading_zero_digits(s: &str) -> bool {
    let d = s.strip_prefix(['-', '+']).unwrap_or(s);
    d.len() > 1 && d.starts_with('0') && d[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A whole number in decimal, `0x` hex, `0o` octal or `0b` binary, signed or not, that
/// fits in 64 bits.
fn integer(s: &str) -> Option<Value> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => {
            if leading_zero_digits(s) {
                return None;
            }
            (10, digits)
        }
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let n = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Value::Number(n.into()));
    }
    if n == 0 {
        return Some(Value::Number(0u64.into()));
    }
    let m = 0i64.checked_sub_unsigned(n)?;
    Some(Value::Number(m.into()))
}

/// Reads typed fields out of a parsed mapping, turning every problem into a located
/// diagnostic instead of stopping at the first one.
pub struct Reader<'a> {
    /// The YAML text that was parsed.
    pub text: &'a str,
    /// The whole file, for the source line under a message.
    pub file_text: &'a str,
    /// The path shown to the user.
    pub path: &'a std::path::Path,
    /// How many lines of the file come before the YAML text.
    pub line_offset: usize,
    pub map: Mapping,
    /// Where each key of the text stands.
    pub spans: Spans,
    pub diags: Vec<crate::diagnostics::Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Reports every key that is not in `allowed`, naming the valid keys.
    pub fn check_keys(&mut self, allowed: &[&str], what: &str) {
        self.check_keys_nested(allowed, &[], what)
    }

    /// [`Self::check_keys`], where a key that belongs one level down (`working_days`
    /// under `disclosure:`) is named with its parent when it is close to the one
    /// written: `nested` lists each parent key with its own keys.
    pub fn check_keys_nested(&mut self, allowed: &[&str], nested: &[(&str, &[&str])], what: &str) {
        use crate::diagnostics::{Admit, PerKind};
        let keys: Vec<Value> = self.map.keys().cloned().collect();
        // Locating a key searches the text: past the limit, unknown keys are only
        // counted, so that thousands of them cost one pass, not one pass each.
        let mut limit = PerKind::new();
        for k in keys {
            let name = key_str(&k).unwrap_or_else(|| "?".into());
            if !allowed.contains(&name.as_str()) {
                let admit = limit.admit(());
                if admit == Admit::Hidden {
                    continue;
                }
                let mut d = self.diag_at(
                    &[&name],
                    false,
                    crate::t!("yaml-unknown-key", what = what, name = &name),
                );
                if let Some(s) = suggest(&name, allowed) {
                    d = d.with_note(crate::i18n::help(crate::t!("did-you-mean", name = s)));
                } else if let Some((parent, s)) = nested
                    .iter()
                    .find_map(|(parent, keys)| suggest(&name, keys).map(|s| (*parent, s)))
                {
                    d = d.with_note(crate::i18n::help(crate::t!(
                        "did-you-mean-nested",
                        name = s,
                        parent = parent
                    )));
                }
                d = d.with_note(crate::i18n::help(crate::t!(
                    "yaml-valid-keys",
                    keys = allowed.join(&crate::t!("keys-separator"))
                )));
                match admit {
                    Admit::Show => self.diags.push(d),
                    _ => limit.first_hidden((), d),
                }
            }
        }
        let plural = crate::t!("yaml-unknown-keys", what = what);
        self.diags.extend(limit.summaries(|_| plural.clone()));
    }

    /// Removes `key` and converts it; a wrong type is reported at the value.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let v = self.map.remove(key)?;
        if v.is_null() {
            return None;
        }
        match from_value::<T>(v) {
            Ok(t) => Some(t),
            Err(e) => {
                // Parse again, this key alone, straight from the text: the error then
                // carries the exact position of the bad inner value.
                let typed = typed_error_position::<T>(self.text, key);
                let raw = typed.as_ref().map_or(e.as_str(), |p| p.raw.as_str());
                let suggestion = unknown_field_suggestion(raw);
                let d = match typed {
                    Some(p) => crate::diagnostics::Diagnostic::error(
                        self.path,
                        p.line + self.line_offset,
                        p.col,
                        match p.raw.split_once(": ") {
                            Some((at, rest)) if at.starts_with(key) => crate::t!(
                                "fm-key-problem",
                                key = at,
                                problem = friendly_type_error(rest)
                            ),
                            _ => crate::t!(
                                "fm-key-problem",
                                key = key,
                                problem = friendly_type_error(&p.raw)
                            ),
                        },
                    )
                    .with_source(self.file_text),
                    None => self.diag_at(
                        &[key],
                        true,
                        crate::t!(
                            "fm-key-problem",
                            key = key,
                            problem = friendly_type_error(&e)
                        ),
                    ),
                };
                let d = match suggestion {
                    Some(s) => d.with_note(crate::i18n::help(crate::t!("did-you-mean", name = s))),
                    None => d,
                };
                self.diags.push(d);
                None
            }
        }
    }

    /// Removes `key` as text: numbers and booleans written without quotes are accepted.
    pub fn take_string(&mut self, key: &str) -> Option<String> {
        let v = self.map.remove(key)?;
        match v {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                let d = self.diag_at(&[key], true, crate::t!("yaml-must-be-text", key = key));
                self.diags.push(d);
                None
            }
        }
    }

    /// An error located at a key path (at its value when `at_value`).
    pub fn diag_at(
        &self,
        path: &[&str],
        at_value: bool,
        message: impl Into<String>,
    ) -> crate::diagnostics::Diagnostic {
        let (line, col) = self.pos(path, at_value);
        crate::diagnostics::Diagnostic::error(self.path, line, col, message)
            .with_source(self.file_text)
    }

    /// Pushes an error located at a key path.
    pub fn error_at(&mut self, path: &[&str], at_value: bool, message: impl Into<String>) {
        let d = self.diag_at(path, at_value, message);
        self.diags.push(d);
    }

    /// The file position of a key path, falling back to its parents.
    pub fn pos<S: AsRef<str>>(&self, path: &[S], at_value: bool) -> (usize, usize) {
        for n in (1..=path.len()).rev() {
            if let Some(p) = self.spans.get(&path[..n]) {
                let (line, col) = if at_value && n == path.len() {
                    (p.value_line, p.value_col)
                } else {
                    (p.line, p.key_col)
                };
                return (line + self.line_offset, col);
            }
        }
        (self.line_offset.max(1), 1)
    }
}

/// serde's error for one key, where it is: its words are translated by the caller.
struct TypedError {
    line: usize,
    col: usize,
    raw: String,
}

/// Deserializes only `key` of a YAML mapping text as `T`; returns the located error.
fn typed_error_position<T: DeserializeOwned>(text: &str, key: &str) -> Option<TypedError> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
    use std::marker::PhantomData;

    struct OnlyKey<'k, T>(&'k str, PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for OnlyKey<'_, T> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(k) = map.next_key::<Value>()? {
                if key_str(&k).as_deref() == Some(self.0) {
                    map.next_value::<T>()?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }
    impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for OnlyKey<'_, T> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    let de = serde_yaml::Deserializer::from_str(text);
    match OnlyKey::<T>(key, PhantomData).deserialize(de) {
        Ok(()) => None,
        Err(e) => e.location().is_some().then(|| {
            let mut raw = e.to_string();
            if let Some(i) = raw.find(" at line ") {
                raw.truncate(i);
            }
            let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            TypedError { line, col, raw }
        }),
    }
}

/// serde's "invalid type: string \"五\", expected u32" in the site's language: what was
/// written and what belongs there, in words (text, a whole number, a list, …).
pub fn friendly_type_error(e: &str) -> String {
    let e = e.trim();
    if let Some(rest) = e.strip_prefix("unknown field `") {
        if let Some((name, rest)) = rest.split_once('`') {
            let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
            return crate::t!(
                "yaml-unknown-field",
                name = name,
                expected = expected
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(&crate::t!("list-separator"))
            );
        }
    }
    if let Some(rest) = e.strip_prefix("missing field `") {
        return crate::t!("yaml-missing-field", name = rest.trim_end_matches('`'));
    }
    let body = e
        .strip_prefix("invalid type: ")
        .or_else(|| e.strip_prefix("invalid value: "))
        .unwrap_or(e);
    match body.split_once(", expected ") {
        Some((found, expected)) => crate::t!(
            "yaml-wrong-type",
            found = found_words(found),
            expected = expected_words(expected)
        ),
        None => body.to_string(),
    }
}

/// What serde found ("string \"五\"", "integer `3`", "sequence", "map") in words.
fn found_words(found: &str) -> String {
    let (kind, value) = match found.find([' ']) {
        Some(i) => (&found[..i], found[i..].trim()),
        None => (found, ""),
    };
    let (kind, value) = if kind == "floating" {
        ("float", value.trim_start_matches("point").trim())
    } else {
        (kind, value)
    };
    let id = match kind {
        "string" => "type-found-text",
        "integer" | "float" => "type-found-number",
        "boolean" => "type-found-bool",
        "sequence" => "type-found-list",
        "map" => "type-found-map",
        "unit" | "null" => "type-found-empty",
        _ => return found.to_string(),
    };
    let value = value.trim_matches('`');
    crate::i18n::tr(id, vec![("value", crate::i18n::Arg::from(value))])
        .trim()
        .to_string()
}

/// What serde expected ("u32", "a boolean", "a string", "a sequence") in words.
fn expected_words(expected: &str) -> String {
    let id = match expected.trim() {
        "i64" | "i32" | "u32" | "u64" | "usize" | "u8" | "u16" | "i8" | "i16" => {
            "type-whole-number"
        }
        "a boolean" => "type-bool",
        "a string" | "a borrowed string" => "type-text",
        "a sequence" => "type-list",
        "a map" => "type-map",
        other if other.starts_with("struct ") => "type-map",
        other => return other.to_string(),
    };
    crate::i18n::tr(id, Vec::new())
}

/// The allowed key closest to a mistyped one, if any is close.
pub fn suggest<'k>(name: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        // Optimal string alignment: insertions, deletions, substitutions and swaps of
        // neighbours (`titel` for `title`) each count as one edit.
        .map(|a| (strsim::osa_distance(name, a), *a))
        .filter(|(d, a)| *d <= 2 && *d < a.len())
        .min()
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_nested_key_gets_the_closest_name() {
        assert_eq!(
            unknown_field_suggestion("`disclosure`: unknown field `workingdays`, expected one of `start`, `end`, `days`, `working_days`, `contact`").as_deref(),
            Some("working_days")
        );
        assert_eq!(
            unknown_field_suggestion("unknown field `dat`, expected `date` or `note`").as_deref(),
            Some("date")
        );
        assert_eq!(
            unknown_field_suggestion("unknown field `zzzzzz`, expected `date` or `note`"),
            None
        );
        assert_eq!(unknown_field_suggestion("invalid type"), None);
    }

    /// (line, key column, value line, value column) of a key path.
    fn at(text: &str, path: &[&str]) -> Option<(usize, usize, usize, usize)> {
        let (_, spans) = parse(text).unwrap();
        spans
            .get(path)
            .map(|p| (p.line, p.key_col, p.value_line, p.value_col))
    }

    #[test]
    fn locates_top_level_and_nested_keys() {
        let text = "title: 工会\ndisclosure:\n  start: 2023-02-30\n  days: 5\ndate: 2023-01-01\n";
        assert_eq!(at(text, &["title"]), Some((1, 1, 1, 8)));
        assert_eq!(at(text, &["disclosure", "start"]), Some((3, 3, 3, 10)));
        assert_eq!(at(text, &["disclosure"]), Some((2, 1, 3, 3)));
        assert_eq!(at(text, &["date"]).map(|p| p.0), Some(5));
        assert_eq!(at(text, &["start"]), None);
        let (_, spans) = parse(text).unwrap();
        assert_eq!(&text[spans.get(&["title"]).unwrap().value.clone()], "工会");
    }

    #[test]
    fn locates_keys_in_flow_mappings() {
        let text = "disclosure: {start: 2023-02-30, days: 5}\n";
        assert_eq!(at(text, &["disclosure", "days"]), Some((1, 33, 1, 39)));
        // Keys split over lines, quoted, or after a comment: positions from the parse.
        let text = "# 公示\ndisclosure: {\n  'start': 2023-02-30,\n  \"days\": 5 }\n";
        assert_eq!(at(text, &["disclosure", "start"]), Some((3, 3, 3, 12)));
        assert_eq!(at(text, &["disclosure", "days"]), Some((4, 3, 4, 11)));
    }

    #[test]
    fn locates_list_items_and_their_keys() {
        let text = "attachments:\n  - file: a.pdf\n    title: A\n  - b.pdf\n";
        assert_eq!(at(text, &["attachments", "0", "file"]), Some((2, 5, 2, 11)));
        assert_eq!(
            at(text, &["attachments", "0", "title"]),
            Some((3, 5, 3, 12))
        );
        assert_eq!(at(text, &["attachments", "1"]), Some((4, 5, 4, 5)));
        let text = "categories: [福利, 慰问]\n";
        assert_eq!(at(text, &["categories", "1"]), Some((1, 18, 1, 18)));
    }

    #[test]
    fn an_empty_value_stands_after_its_key() {
        let text = "title:\ndate: 2023-01-01\n";
        assert_eq!(at(text, &["title"]), Some((1, 1, 1, 8)));
    }

    #[test]
    fn values_are_those_of_serde_yaml() {
        // The same values as the YAML parser the typed reading was written against.
        let texts = [
            "a: 1\nb: -2\nc: 0x1f\nd: 0o17\ne: 0b101\nf: +7\ng: 010\nh: -007\n",
            "a: 1.5\nb: .inf\nc: -.inf\nd: 1e3\ne: -.5\nf: 1_000\ng: +-1\n",
            "a: true\nb: False\nc: yes\nd: ~\ne:\nf: null\ng: NULL\nh: 'true'\n",
            "date: 2023-06-01\ntitle: \"关于“五一”的通知\"\nyear: 2026\ndoc_no: 校工〔2023〕15号\n",
            "s: !!str 5\ni: !!int \"7\"\nt: !tag x\nl: [1, two, {three: 3}]\n",
            "base: &b {x: 1}\nuse: *b\nlist: &l [a, b]\nagain: *l\n",
            "text: |\n  line one\n  line two\nfold: >\n  a\n  b\n",
            "schedule:\n  1:\n    - 元旦慰问\n  3: [植树]\n? complex\n: value\n",
            "n: 18446744073709551615\nm: -9223372036854775808\nk: 0x\n",
            // Found by the random test below: a block scalar at the very end of the text,
            // and a tag with nothing after it.
            "0: >\n  0",
            "title: \n  ~: !",
        ];
        for text in texts {
            let ours = Value::Mapping(parse(text).unwrap().0);
            let theirs: Value = serde_yaml::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    proptest::proptest! {
        /// Random texts of YAML's own characters: never a panic, and wherever both
        /// parsers accept a text they read the same values.
        #[test]
        fn random_texts_read_as_serde_yaml_reads_them(
            // Anchors only as `&a `: YAML 1.2 lets an anchor's name hold `:` (`&a: b`),
            // YAML 1.1 does not, the one place the two grammars differ on these texts.
            text in "([a-c0-9:,#!|>'\"{}\\[\\]\\- \n\t.~+]|&a |\\*a|title|null|0x1|true|: |\n  |- ){0,40}"
        ) {
            let ours = parse(&text);
            if let (Ok((m, _)), Ok(theirs)) = (&ours, serde_yaml::from_str::<Value>(&text)) {
                let theirs = match theirs {
                    Value::Null => Value::Mapping(Mapping::new()),
                    v => v,
                };
                proptest::prop_assert_eq!(Value::Mapping(m.clone()), theirs);
            }
        }
    }

    #[test]
    fn alias_bombs_and_deep_nesting_stop() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&text).is_err());
        let deep: String = (0..200)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let e = parse(&deep).unwrap_err();
        assert!(e.line > 1, "{e:?}");
    }

    #[test]
    fn many_keys_are_no_alias_bomb() {
        // 60,000 keys make 120,000 values, none of them copied.
        let text: String = (0..60_000).map(|i| format!("k{i}: 1\n")).collect();
        assert_eq!(parse(&text).unwrap().0.len(), 60_000);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let e = parse("title: a\ndate: b\ntitle: c\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse("title: a\n\tdate: b\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
