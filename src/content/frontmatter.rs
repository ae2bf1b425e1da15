//! Front matter: the YAML between the first `---` line and the next one, read into a
//! typed structure. Every problem of a file is reported, each at its line and column.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::config::Config;
use crate::dates::{parse_date, DocDate};
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Reader, Value};

/// The keys front matter may have.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "kind",
    "categories",
    "category",
    "department",
    "doc_no",
    "summary",
    "updated",
    "corrections",
    "status",
    "withdrawn",
    "draft",
    "slug",
    "attachments",
    "disclosure",
    "contact",
    "year",
    "schedule",
    "privacy_allow",
    "extra",
];

pub use crate::kind::Kind;

/// Whether a document stands or has been withdrawn (it is never removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Published,
    Withdrawn,
}

/// An entry of 更正记录.
#[derive(Debug, Clone)]
pub struct Correction {
    pub date: DocDate,
    pub note: String,
}

/// Why and when a document was withdrawn.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub date: DocDate,
    pub reason: String,
}

/// An attachment as the front matter names it, with where it was named.
#[derive(Debug, Clone)]
pub struct AttachmentRef {
    pub file: String,
    pub title: Option<String>,
    pub line: usize,
    pub col: usize,
}

/// How a disclosure period was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodSpec {
    End,
    Days(u32),
    WorkingDays(u32),
}

/// A notice's disclosure period (公示期), both ends included.
#[derive(Debug, Clone)]
pub struct Disclosure {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub spec: PeriodSpec,
    pub contact: Option<String>,
}

/// Validated front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: DocDate,
    pub kind: Option<Kind>,
    pub categories: Vec<String>,
    pub department: Option<String>,
    pub doc_no: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<DocDate>,
    pub corrections: Vec<Correction>,
    pub status: Status,
    pub withdrawn: Option<Withdrawal>,
    pub draft: bool,
    pub slug: Option<String>,
    /// Position of the `slug:` key, for messages about the URL.
    pub slug_pos: Option<(usize, usize)>,
    pub attachments: Vec<AttachmentRef>,
    pub disclosure: Option<Disclosure>,
    /// Position of the `disclosure:` key.
    pub disclosure_pos: Option<(usize, usize)>,
    /// Where the title's value stands in the file, in bytes (quotes included).
    pub title_bytes: Option<std::ops::Range<usize>>,
    /// Position of the key that dates a change (`updated:`, else `title:`), for the
    /// record's messages.
    pub updated_pos: Option<(usize, usize)>,
    /// Position of the `categories:` (or `category:`) key.
    pub categories_pos: Option<(usize, usize)>,
    pub contact: Option<String>,
    pub year: Option<i32>,
    pub schedule: BTreeMap<u32, Vec<String>>,
    /// Whether the front matter has a `schedule` key (else a plan's schedule may be
    /// read from its body).
    pub schedule_given: bool,
    pub privacy_allow: Vec<String>,
    pub extra: serde_json::Value,
}

/// The parts of a document file.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines of the file before the YAML (the opening `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits a file into front matter and body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, 1, 1, crate::t!("fm-empty-file")));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(path, 1, 1, crate::t!("fm-no-opening"))
            .with_source(text)
            .with_note(crate::i18n::help(crate::t!("fm-no-opening-help"))));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[body_offset..],
                body_line: line_no + 1,
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, crate::t!("fm-never-closed")).with_source(text))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    date: Value,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWithdrawn {
    date: Value,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAttachment {
    Bare(String),
    Full {
        file: String,
        #[serde(default)]
        title: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisclosure {
    start: Value,
    #[serde(default)]
    end: Option<Value>,
    #[serde(default)]
    days: Option<i64>,
    #[serde(default)]
    working_days: Option<i64>,
    #[serde(default)]
    contact: Option<String>,
}

/// The years a plan may be for: its pages go under `/archive/<year>/`.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The privacy kinds a document may allow.
pub const PRIVACY_KINDS: &[&str] = &["id_card", "mobile", "bank_card"];

/// Parses and validates front matter. `file_text` is the whole file (for source lines).
pub fn parse(
    path: &Path,
    file_text: &str,
    split: &Split,
    config: &Config,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    // Punctuation typed with a Chinese input method, each at its place: YAML would
    // report it elsewhere, in its own words, or not at all.
    let slips = super::punctuation::check(path, file_text, split.yaml, split.yaml_line_offset + 1);
    if !slips.is_empty() {
        return Err(slips);
    }
    let (map, spans) = match yaml::parse(split.yaml) {
        Ok(m) => m,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                path,
                e.line + split.yaml_line_offset,
                e.col,
                e.message,
            )
            .with_source(file_text)]);
        }
    };
    let mut r = Reader {
        text: split.yaml,
        file_text,
        path,
        line_offset: split.yaml_line_offset,
        map,
        spans,
        diags: Vec::new(),
    };
    // Positions kept for the stages after this one, in the file's coordinates.
    let key_at = |r: &Reader, key: &str| {
        r.spans
            .get(&[key])
            .map(|p| (p.line + split.yaml_line_offset, p.key_col))
    };
    let yaml_start = split.yaml.as_ptr() as usize - file_text.as_ptr() as usize;
    let title_bytes = r
        .spans
        .get(&["title"])
        .map(|p| yaml_start + p.value.start..yaml_start + p.value.end);
    let updated_pos = key_at(&r, "updated").or_else(|| key_at(&r, "title"));
    let categories_pos = key_at(&r, "categories").or_else(|| key_at(&r, "category"));
    r.check_keys_nested(
        FRONT_MATTER_KEYS,
        &[
            (
                "disclosure",
                &["start", "end", "days", "working_days", "contact"],
            ),
            ("withdrawn", &["date", "reason"]),
        ],
        &crate::t!("noun-front-matter"),
    );

    let title = r.take_string("title").map(|t| t.trim().to_string());
    let title = match title {
        Some(t) if !t.is_empty() => t,
        Some(_) => {
            r.error_at(&["title"], true, crate::t!("fm-title-empty"));
            String::new()
        }
        None => {
            // `titel:` already got "did you mean `title`?": do not say it twice.
            if !r.diags.iter().any(|d| {
                d.message.contains("`title`") || d.notes.iter().any(|n| n.contains("`title`"))
            }) {
                r.diags.push(
                    Diagnostic::error(path, 1, 1, crate::t!("fm-missing-title"))
                        .with_source(file_text),
                );
            }
            String::new()
        }
    };
    let date = match r.map.remove("date") {
        None | Some(Value::Null)
            if r.diags
                .iter()
                .any(|d| d.notes.iter().any(|n| n.contains("`date`"))) =>
        {
            None
        }
        None | Some(Value::Null) => {
            r.diags.push(
                Diagnostic::error(path, 1, 1, crate::t!("fm-missing-date")).with_source(file_text),
            );
            None
        }
        Some(v) => date_value(&mut r, &["date"], &v),
    };
    let kind = match r.take_string("kind") {
        None => None,
        Some(k) => match Kind::parse(&k) {
            Some(k) => Some(k),
            None => {
                r.error_at(&["kind"], true, crate::t!("fm-unknown-kind", kind = &k));
                None
            }
        },
    };
    let mut categories: Vec<String> = match r.map.remove("categories") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s],
        Some(v) => match yaml::from_value::<Vec<String>>(v) {
            Ok(v) => v,
            Err(_) => {
                r.error_at(&["categories"], true, crate::t!("fm-categories-list"));
                Vec::new()
            }
        },
    };
    if let Some(c) = r.take_string("category") {
        categories.insert(0, c);
    }
    let mut categories = super::punctuation::split_names(categories);
    let mut seen = std::collections::HashSet::new();
    categories.retain(|c| !c.trim().is_empty() && seen.insert(c.trim().to_string()));
    for c in categories.iter_mut() {
        *c = c.trim().to_string();
    }

    let department = r.take_string("department");
    let doc_no = r.take_string("doc_no");
    let summary = r.take_string("summary");
    let updated = match r.map.remove("updated") {
        None | Some(Value::Null) => None,
        Some(v) => date_value(&mut r, &["updated"], &v),
    };
    let mut corrections = Vec::new();
    if let Some(list) = r.take::<Vec<RawCorrection>>("corrections") {
        for (i, c) in list.into_iter().enumerate() {
            let i = i.to_string();
            if let Some(d) = date_value(&mut r, &["corrections", &i, "date"], &c.date) {
                corrections.push(Correction {
                    date: d,
                    note: c.note,
                });
            }
        }
    }
    let status = match r.take_string("status").as_deref() {
        None | Some("published") => Status::Published,
        Some("withdrawn") => Status::Withdrawn,
        Some(other) => {
            r.error_at(
                &["status"],
                true,
                crate::t!("fm-unknown-status", status = other),
            );
            Status::Published
        }
    };
    let withdrawn = match r.take::<RawWithdrawn>("withdrawn") {
        None => None,
        Some(w) => {
            let d = date_value(&mut r, &["withdrawn", "date"], &w.date);
            let reason = w.reason.map(|s| s.trim().to_string()).unwrap_or_default();
            if reason.is_empty() {
                r.error_at(&["withdrawn"], false, crate::t!("fm-withdrawn-reason"));
            }
            d.map(|date| Withdrawal { date, reason })
        }
    };
    if status == Status::Withdrawn
        && withdrawn.is_none()
        && !r.diags.iter().any(|d| d.message.contains("`withdrawn`"))
    {
        r.error_at(&["status"], true, crate::t!("fm-withdrawn-needs"));
    }
    let draft = r.take::<bool>("draft").unwrap_or(false);
    let slug_pos = r
        .spans
        .get(&["slug"])
        .map(|p| (p.value_line + split.yaml_line_offset, p.value_col));
    let slug = r.take_string("slug").map(|s| s.trim().to_string());
    if let Some(s) = &slug {
        if !super::is_valid_slug(s) {
            r.error_at(&["slug"], true, crate::t!("fm-bad-slug", slug = s.as_str()));
        } else if s.len() > super::MAX_NAME_BYTES {
            r.error_at(
                &["slug"],
                true,
                super::too_long_name(&crate::t!("noun-slug"), s),
            );
        }
    }
    let mut attachments = Vec::new();
    if let Some(list) = r.take::<Vec<RawAttachment>>("attachments") {
        for (i, a) in list.into_iter().enumerate() {
            let (file, title) = match a {
                RawAttachment::Bare(f) => (f, None),
                RawAttachment::Full { file, title } => (file, title),
            };
            // Point at the entry's file name.
            let n = i.to_string();
            let (line, col) = r
                .spans
                .get(&["attachments", &n, "file"])
                .or_else(|| r.spans.get(&["attachments", &n]))
                .map(|p| (p.value_line + split.yaml_line_offset, p.value_col))
                .unwrap_or_else(|| r.pos(&["attachments"], false));
            attachments.push(AttachmentRef {
                file,
                title,
                line,
                col,
            });
        }
    }
    let disclosure_pos = key_at(&r, "disclosure");
    let disclosure = match r.take::<RawDisclosure>("disclosure") {
        None => None,
        Some(d) => disclosure_value(&mut r, d, config),
    };
    let contact = r.take_string("contact");
    if disclosure.as_ref().is_some_and(|d| d.contact.is_none())
        && contact.is_none()
        && config.contact.is_none()
    {
        r.error_at(&["disclosure"], false, crate::t!("fm-disclosure-contact"));
    }
    let year = r.take::<i32>("year").filter(|y| {
        let sane = YEARS.contains(y);
        if !sane {
            r.error_at(
                &["year"],
                true,
                crate::t!(
                    "fm-bad-year",
                    year = i64::from(*y),
                    from = i64::from(*YEARS.start()),
                    to = i64::from(*YEARS.end())
                ),
            );
        }
        sane
    });
    let mut schedule = BTreeMap::new();
    let schedule_given = r.map.contains_key("schedule");
    if let Some(v) = r.map.remove("schedule") {
        match v {
            Value::Null => {}
            Value::Mapping(m) => {
                for (k, items) in m {
                    let key = yaml::key_str(&k).unwrap_or_default();
                    let month = key
                        .trim_end_matches('月')
                        .parse::<u32>()
                        .ok()
                        .filter(|m| (1..=12).contains(m));
                    let Some(month) = month else {
                        r.error_at(
                            &["schedule", &key],
                            false,
                            crate::t!("fm-schedule-month", month = &key),
                        );
                        continue;
                    };
                    let list = match items {
                        Value::Null => Vec::new(),
                        Value::String(s) => vec![s],
                        other => match yaml::from_value::<Vec<String>>(other) {
                            Ok(l) => l,
                            Err(e) => {
                                r.error_at(
                                    &["schedule", &key],
                                    true,
                                    crate::t!(
                                        "fm-schedule-items",
                                        month = month,
                                        found = yaml::friendly_type_error(&e)
                                    ),
                                );
                                continue;
                            }
                        },
                    };
                    schedule.entry(month).or_insert_with(Vec::new).extend(list);
                }
            }
            _ => r.error_at(&["schedule"], true, crate::t!("fm-schedule-map")),
        }
    }
    let privacy_allow: Vec<String> = r.take("privacy_allow").unwrap_or_default();
    for p in &privacy_allow {
        if !PRIVACY_KINDS.contains(&p.as_str()) {
            r.error_at(
                &["privacy_allow"],
                true,
                crate::t!(
                    "fm-privacy-kind",
                    kind = p,
                    kinds = PRIVACY_KINDS.join(", ")
                ),
            );
        }
    }
    let extra = match r.map.remove("extra") {
        None => serde_json::Value::Null,
        Some(v) => serde_json::to_value(&v).unwrap_or(serde_json::Value::Null),
    };

    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    let Some(date) = date else {
        return Err(vec![Diagnostic::error(
            path,
            1,
            1,
            crate::t!("fm-missing-date"),
        )]);
    };
    Ok(FrontMatter {
        title,
        date,
        kind,
        categories,
        department,
        doc_no,
        summary,
        updated,
        corrections,
        status,
        withdrawn,
        draft,
        slug,
        slug_pos,
        attachments,
        disclosure,
        disclosure_pos,
        title_bytes,
        updated_pos,
        categories_pos,
        contact,
        year,
        schedule,
        schedule_given,
        privacy_allow,
        extra,
    })
}

fn date_value(r: &mut Reader, path: &[&str], v: &Value) -> Option<DocDate> {
    // The key as the secretary wrote it: `corrections.date`, without the list index.
    let key = path
        .iter()
        .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
        .copied()
        .collect::<Vec<_>>()
        .join(".");
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            r.error_at(path, true, crate::t!("fm-date-type", key = key));
            return None;
        }
    };
    match parse_date(&s) {
        Ok(d) => Some(d),
        Err(e) => {
            r.error_at(
                path,
                true,
                crate::t!("fm-key-problem", key = key, problem = &e),
            );
            None
        }
    }
}

fn disclosure_value(r: &mut Reader, d: RawDisclosure, config: &Config) -> Option<Disclosure> {
    let start = date_value(r, &["disclosure", "start"], &d.start)?;
    let given = [d.end.is_some(), d.days.is_some(), d.working_days.is_some()]
        .iter()
        .filter(|b| **b)
        .count();
    if given != 1 {
        r.error_at(&["disclosure"], false, crate::t!("fm-disclosure-needs"));
        return None;
    }
    let contact = d.contact;
    if let Some(end) = d.end {
        let end = date_value(r, &["disclosure", "end"], &end)?;
        if end.day < start.day {
            r.error_at(
                &["disclosure", "end"],
                true,
                crate::t!("fm-disclosure-backwards"),
            );
            return None;
        }
        return Some(Disclosure {
            start: start.day,
            end: end.day,
            spec: PeriodSpec::End,
            contact,
        });
    }
    if let Some(n) = d.days {
        if !(1..=3650).contains(&n) {
            r.error_at(
                &["disclosure", "days"],
                true,
                crate::t!("fm-disclosure-days"),
            );
            return None;
        }
        let end = start.day + chrono::Days::new(n as u64 - 1);
        return Some(Disclosure {
            start: start.day,
            end,
            spec: PeriodSpec::Days(n as u32),
            contact,
        });
    }
    let n = d.working_days.unwrap_or(0);
    if !(1..=1000).contains(&n) {
        r.error_at(
            &["disclosure", "working_days"],
            true,
            crate::t!("fm-disclosure-working-days"),
        );
        return None;
    }
    Some(Disclosure {
        start: start.day,
        end: config.holidays.add_working_days(start.day, n as u32),
        spec: PeriodSpec::WorkingDays(n as u32),
        contact,
    })
}
