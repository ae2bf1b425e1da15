//! The one place where YAML is parsed (site.yaml and front matter), and where keys are
//! found back in the text so that problems can be reported at their line and column.

use serde::de::DeserializeOwned;
pub use serde_yaml::{Mapping, Value};

/// A YAML syntax or type problem with its 1-based position in the parsed text.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Parses YAML text into a mapping. An empty text is an empty mapping.
pub fn parse_mapping(text: &str) -> Result<Mapping, YamlError> {
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    too_deep(text)?;
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(YamlError {
            line: 1,
            col: 1,
            message: crate::t!("yaml-not-mapping"),
        }),
        Err(e) => Err(convert_error(&e)),
    }
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

/// Where a key stands in the text: 1-based line, the key's column and its value's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPos {
    pub line: usize,
    pub key_col: usize,
    pub value_col: usize,
}

/// Finds a key path such as `["disclosure", "start"]` in YAML text written in block or
/// flow style. Returns `None` when the key cannot be found (the caller then points at
/// the parent, or at the start of the front matter).
pub fn locate(text: &str, path: &[&str]) -> Option<KeyPos> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut lo = 0usize;
    let mut min_indent: Option<usize> = None;
    let mut found: Option<KeyPos> = None;
    for (depth, key) in path.iter().enumerate() {
        // A flow mapping on the parent's own line: `disclosure: {start: 2023-01-01}`.
        if let Some(parent) = found {
            let line = lines[parent.line - 1];
            let after: String = line.chars().skip(parent.value_col - 1).collect();
            if after.trim_start().starts_with('{') {
                if let Some(c) = find_key_in_line(&after, key) {
                    let base = parent.value_col - 1;
                    found = Some(KeyPos {
                        line: parent.line,
                        key_col: base + c.0 + 1,
                        value_col: base + c.1 + 1,
                    });
                    continue;
                }
                return None;
            }
        }
        let mut hit = None;
        for (i, raw) in lines.iter().enumerate().skip(lo) {
            let line = raw.trim_end_matches('\r');
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if depth > 0 {
                if let Some(min) = min_indent {
                    if indent <= min {
                        break;
                    }
                }
            } else if indent > 0 {
                continue;
            }
            // Allow list items: `- file: a.pdf`.
            let (offset, body) = strip_dash(trimmed);
            if let Some((k, v)) = match_key(body, key) {
                let prefix_chars = line[..indent].chars().count() + offset;
                hit = Some((
                    i,
                    indent,
                    KeyPos {
                        line: i + 1,
                        key_col: prefix_chars + k + 1,
                        value_col: prefix_chars + v + 1,
                    },
                ));
                break;
            }
        }
        let (i, indent, pos) = hit?;
        found = Some(pos);
        lo = i + 1;
        // The block of this key ends at the next line indented no deeper.
        min_indent = Some(indent);
    }
    found
}

fn strip_dash(s: &str) -> (usize, &str) {
    let mut offset = 0;
    let mut body = s;
    while let Some(rest) = body.strip_prefix("- ") {
        let t = rest.trim_start();
        offset += 2 + (rest.len() - t.len());
        body = t;
    }
    (offset, body)
}

/// If `body` starts with `key:` (optionally quoted), returns the key's and value's
/// character offsets within `body`.
fn match_key(body: &str, key: &str) -> Option<(usize, usize)> {
    let candidates = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    for cand in &candidates {
        if let Some(rest) = body.strip_prefix(cand.as_str()) {
            let rest_trim = rest.trim_start_matches([' ', '\t']);
            if let Some(after) = rest_trim.strip_prefix(':') {
                if after.is_empty() || after.starts_with([' ', '\t']) {
                    let ws = after.len() - after.trim_start().len();
                    let value_byte = body.len() - after.len() + ws;
                    return Some((0, body[..value_byte].chars().count()));
                }
            }
        }
    }
    None
}

/// Finds `key:` inside a flow mapping text such as `{start: 2023-01-01, days: 5}`.
fn find_key_in_line(s: &str, key: &str) -> Option<(usize, usize)> {
    let mut search_from = 0;
    while let Some(i) = s[search_from..].find(key) {
        let at = search_from + i;
        let before = s[..at].trim_end();
        let boundary = before.ends_with('{') || before.ends_with(',');
        if boundary {
            if let Some((_, v)) = match_key(&s[at..], key) {
                let k_chars = s[..at].chars().count();
                return Some((k_chars, k_chars + v));
            }
        }
        search_from = at + key.len();
    }
    None
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
    pub diags: Vec<crate::diagnostics::Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Reports every key that is not in `allowed`, naming the valid keys.
    pub fn check_keys(&mut self, allowed: &[&str], what: &str) {
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
    pub fn pos(&self, path: &[&str], at_value: bool) -> (usize, usize) {
        for n in (1..=path.len()).rev() {
            if let Some(p) = locate(self.text, &path[..n]) {
                let col = if at_value && n == path.len() {
                    p.value_col
                } else {
                    p.key_col
                };
                return (p.line + self.line_offset, col);
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
                    .join(", ")
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

    #[test]
    fn locates_top_level_and_nested_keys() {
        let text = "title: 工会\ndisclosure:\n  start: 2023-02-30\n  days: 5\ndate: 2023-01-01\n";
        assert_eq!(
            locate(text, &["title"]),
            Some(KeyPos {
                line: 1,
                key_col: 1,
                value_col: 8
            })
        );
        assert_eq!(
            locate(text, &["disclosure", "start"]).map(|p| (p.line, p.key_col, p.value_col)),
            Some((3, 3, 10))
        );
        assert_eq!(locate(text, &["date"]).map(|p| p.line), Some(5));
        assert_eq!(locate(text, &["start"]), None);
    }

    #[test]
    fn locates_keys_in_flow_mappings() {
        let text = "disclosure: {start: 2023-02-30, days: 5}\n";
        let p = locate(text, &["disclosure", "days"]).map(|p| (p.line, p.key_col, p.value_col));
        assert_eq!(p, Some((1, 33, 39)));
    }

    #[test]
    fn locates_keys_in_list_items() {
        let text = "attachments:\n  - file: a.pdf\n    title: A\n";
        let p = locate(text, &["attachments", "file"]).map(|p| (p.line, p.key_col, p.value_col));
        assert_eq!(p, Some((2, 5, 11)));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse_mapping("title: a\n\tdate: b\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
