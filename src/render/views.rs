//! What templates see of a document: a `card` for lists and the full view for its own
//! page. Built once per document and shared by every page that shows it.

use chrono::Datelike;
use minijinja::Value;
use serde::Serialize;

use crate::content::{Document, Kind, Status};
use crate::disclosure::{period_status, PeriodStatus};
use crate::render::words::{date_display, file_size, section_title};
use crate::site::Site;

#[derive(Serialize)]
pub struct CategoryRef {
    pub name: String,
    pub slug: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct DisclosureView {
    pub start: String,
    pub end: String,
    pub start_display: String,
    pub end_display: String,
    /// upcoming, open or closed, at build time.
    pub status: &'static str,
    pub status_label: String,
    /// Days left including today, when open: working days when `working`.
    pub days_left: Option<i64>,
    /// Whether the period is given in working days (counted down in them).
    pub working: bool,
    /// The declared holidays and make-up working days inside the period, comma-separated,
    /// for the browser's countdown.
    pub off: String,
    pub work: String,
    pub days_total: i64,
    pub contact: Option<String>,
    /// The site's time zone (IANA name), in which the browser counts days.
    pub timezone: &'static str,
}

#[derive(Serialize)]
pub struct CorrectionView {
    pub date: String,
    pub date_display: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct WithdrawnView {
    pub date: String,
    pub date_display: String,
    pub reason: String,
}

#[derive(Serialize)]
pub struct AttachmentView {
    pub name: String,
    pub title: String,
    pub size: u64,
    pub size_display: String,
    /// The file's extension with its dot (`.xlsx`), or empty: said beside a title that
    /// does not show it.
    pub ext: String,
    pub url: String,
    /// A spreadsheet's or CSV file's first rows, shown on the page.
    pub preview: Option<TablePreview>,
    /// A Word file's or PDF's pages and words (`3 页，1,234 字`), or empty.
    pub extent: String,
}

/// The first rows of a spreadsheet or CSV attachment.
#[derive(Serialize)]
pub struct TablePreview {
    /// The sheet's name, if the file has sheets.
    pub sheet: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows of the file under the header, and how many of them are shown.
    pub total_rows: usize,
    pub shown_rows: usize,
    /// Whether the file has more rows than are shown.
    pub more: bool,
}

fn table_preview(t: crate::attach::Table) -> TablePreview {
    let mut rows = t.rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let width = header.len();
    let rows: Vec<Vec<String>> = rows
        .map(|mut r| {
            r.resize(width.max(r.len()), String::new());
            r
        })
        .collect();
    let shown_rows = rows.len();
    TablePreview {
        sheet: t.sheet,
        header,
        more: t.total_rows > shown_rows + 1,
        total_rows: t.total_rows.saturating_sub(1),
        shown_rows,
        rows,
    }
}

#[derive(Serialize)]
pub struct ScheduleMonth {
    pub month: u32,
    /// The month's name in the site's language (5月, May).
    pub name: String,
    pub items: Vec<String>,
    pub url: String,
    /// Whether this is the current month (site's today) of the plan's year.
    pub current: bool,
}

/// The fields of a document shared by lists and its page.
#[derive(Serialize)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub path: String,
    pub date: String,
    pub date_display: String,
    pub year: i32,
    pub month: u32,
    pub kind: &'static str,
    pub kind_label: String,
    pub section: String,
    pub section_title: String,
    pub section_url: String,
    pub categories: Vec<CategoryRef>,
    pub department: String,
    pub doc_no: Option<String>,
    pub summary: String,
    pub status: &'static str,
    pub withdrawn: Option<WithdrawnView>,
    pub disclosure: Option<DisclosureView>,
    pub draft: bool,
    pub updated: Option<String>,
}

/// What a document's page shows beyond its card (see [`page_view`]).
#[derive(Serialize)]
pub struct Full {
    pub source: String,
    pub source_url: String,
    /// The printed notice's QR code of the page's URL, an SVG file beside the page.
    pub qr_url: String,
    pub sha256: String,
    pub sha12: String,
    /// 索引号 from the disclosure record.
    pub index_no: Option<String>,
    /// The first 12 hex characters of the document's latest record entry (see
    /// [`crate::render::Recorded`]).
    pub record_hash: Option<String>,
    pub corrections: Vec<CorrectionView>,
    pub attachments: Vec<AttachmentView>,
    pub plan_year: Option<i32>,
    pub schedule: Vec<ScheduleMonth>,
    pub month_url: String,
    pub organization: String,
    pub contact: Option<String>,
    pub extra: serde_json::Value,
    pub has_code: bool,
}

/// The card of document `i`.
pub fn card(site: &Site, d: &Document) -> Card {
    let c = &site.config;
    let lang = c.language;
    let w = super::words::words(lang);
    let disclosure = d.fm.disclosure.as_ref().map(|p| {
        let st = period_status(p, site.today, &c.holidays);
        let within = |days: &std::collections::BTreeSet<chrono::NaiveDate>| {
            days.range(p.start..=p.end)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let working = matches!(
            p.spec,
            crate::content::frontmatter::PeriodSpec::WorkingDays(_)
        );
        DisclosureView {
            start: p.start.format("%Y-%m-%d").to_string(),
            end: p.end.format("%Y-%m-%d").to_string(),
            start_display: date_display(p.start, lang),
            end_display: date_display(p.end, lang),
            status: st.key(),
            status_label: w.get(st.key()).copied().unwrap_or_default().to_string(),
            days_left: match st {
                PeriodStatus::Open { days_left } => Some(days_left),
                _ => None,
            },
            working,
            off: if working {
                within(&c.holidays.off)
            } else {
                String::new()
            },
            work: if working {
                within(&c.holidays.work)
            } else {
                String::new()
            },
            days_total: (p.end - p.start).num_days() + 1,
            contact: p
                .contact
                .clone()
                .or_else(|| d.fm.contact.clone())
                .or_else(|| c.contact.clone()),
            timezone: c.timezone.name(),
        }
    });
    Card {
        title: d.fm.title.clone(),
        url: c.link(&d.path),
        permalink: c.permalink(&d.path),
        path: d.path.clone(),
        date: d.fm.date.ymd(),
        date_display: date_display(d.fm.date.day, lang),
        year: d.fm.date.day.year(),
        month: d.fm.date.day.month(),
        kind: d.kind.as_str(),
        kind_label: w
            .get(d.kind.as_str())
            .copied()
            .unwrap_or_default()
            .to_string(),
        section: d.section.clone(),
        section_title: section_title(&site.config, &d.section),
        section_url: c.link(&format!("/{}/", d.section)),
        categories: d
            .fm
            .categories
            .iter()
            .map(|n| {
                let slug = site.category_slug(n);
                CategoryRef {
                    name: n.clone(),
                    url: c.link(&format!("/categories/{slug}/")),
                    slug,
                }
            })
            .collect(),
        department: d
            .fm
            .department
            .clone()
            .unwrap_or_else(|| c.organization.clone()),
        doc_no: d.fm.doc_no.clone(),
        summary: d.summary.clone(),
        status: match d.fm.status {
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
        },
        withdrawn: d.fm.withdrawn.as_ref().map(|w| WithdrawnView {
            date: w.date.ymd(),
            date_display: date_display(w.date.day, lang),
            reason: w.reason.clone(),
        }),
        disclosure,
        draft: d.fm.draft || d.fm.date.day > site.today,
        updated: d.fm.updated.map(|u| date_display(u.day, lang)),
    }
}

/// The full view of a document for its own page.
/// A document as its page shows it; `index_no` is the 索引号 the record gave it.
pub fn full(site: &Site, d: &Document, recorded: Option<&crate::render::Recorded>) -> Full {
    let c = &site.config;
    let lang = c.language;
    let plan_year =
        (d.kind == Kind::Plan).then(|| d.fm.year.unwrap_or_else(|| d.fm.date.day.year()));
    let schedule =
        d.fm.schedule
            .iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(m, items)| ScheduleMonth {
                month: *m,
                name: crate::render::words::month_name(*m, lang),
                items: items.clone(),
                url: c.link(&format!(
                    "/archive/{}/{m:02}/",
                    plan_year.unwrap_or_default()
                )),
                current: plan_year == Some(site.today.year()) && *m == site.today.month(),
            })
            .collect();
    Full {
        source: d.source.to_string_lossy().replace('\\', "/"),
        source_url: c.link(&format!("{}index.md", d.path)),
        qr_url: c.link(&format!("{}{}", d.path, crate::render::theme::QR_FILE)),
        sha256: d.sha256.clone(),
        sha12: d.sha256.chars().take(12).collect(),
        index_no: recorded.map(|r| r.no.clone()),
        record_hash: recorded.map(|r| r.hash.clone()),
        corrections: d
            .fm
            .corrections
            .iter()
            .map(|x| CorrectionView {
                date: x.date.ymd(),
                date_display: date_display(x.date.day, lang),
                note: x.note.clone(),
            })
            .collect(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentView {
                name: a.name.clone(),
                title: a.title.clone(),
                size: a.size,
                size_display: file_size(a.size),
                ext: std::path::Path::new(&a.name)
                    .extension()
                    .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
                    .unwrap_or_default(),
                url: c.link(&format!("{}{}", d.path, a.name)),
                preview: crate::attach::preview(&site.config.root, &a.src, a.size)
                    .map(table_preview),
                extent: crate::attach::extent(&site.config.root, &a.src, a.size)
                    .map(|e| super::words::extent(e, lang))
                    .unwrap_or_default(),
            })
            .collect(),
        plan_year,
        schedule,
        month_url: c.link(&format!(
            "/archive/{}/{:02}/",
            d.fm.date.day.year(),
            d.fm.date.day.month()
        )),
        organization: c.organization.clone(),
        contact: d
            .fm
            .disclosure
            .as_ref()
            .and_then(|p| p.contact.clone())
            .or_else(|| d.fm.contact.clone())
            .or_else(|| c.contact.clone()),
        extra: d.fm.extra.clone(),
        has_code: d.has_code,
    }
}

/// A document as its page's template sees it (`doc`): its card's fields, its page's
/// own ([`Full`]) and `content`, the rendered body. Looked up by name in the card and
/// the page's fields, each a struct's fields, instead of in one map made by merging
/// them (serde's `flatten` made a sorted map of about forty keys a page, and every
/// `doc.x` compared values down it).
#[derive(Debug)]
pub struct PageView {
    content: Value,
    own: Value,
    card: Value,
}

/// The `doc` of a document's page: `card` is its card ([`cards`]), `html` its body.
pub fn page_view(
    site: &Site,
    d: &Document,
    recorded: Option<&crate::render::Recorded>,
    card: Value,
) -> Value {
    Value::from_object(PageView {
        content: Value::from_safe_string(d.html.clone()),
        own: Value::from_serialize(full(site, d, recorded)),
        card,
    })
}

impl minijinja::value::Object for PageView {
    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        let k = key.as_str()?;
        if k == "content" {
            return Some(self.content.clone());
        }
        let defined = |v: &Value| v.get_attr(k).ok().filter(|v| !v.is_undefined());
        defined(&self.own).or_else(|| defined(&self.card))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        let mut keys: Vec<Value> = vec![Value::from("content")];
        for v in [&self.own, &self.card] {
            if let Ok(iter) = v.try_iter() {
                keys.extend(iter);
            }
        }
        minijinja::value::Enumerator::Values(keys)
    }
}

/// Cards of every document, as template values, in `site.docs` order.
pub fn cards(site: &Site) -> Vec<Value> {
    use rayon::prelude::*;
    site.docs
        .par_iter()
        .with_max_len(crate::PAR_PIECE)
        .map(|d| Value::from_serialize(card(site, d)))
        .collect()
}

/// Cards of every document after a change: the old card of each document that stayed
/// as it was (`old_index[i]` is where document `i` was, `None` for one that arrived),
/// a new one for the others and for those in `rendered_again` (old indices).
pub fn cards_reusing(
    site: &Site,
    old_cards: Vec<Value>,
    old_index: &[Option<usize>],
    rendered_again: &[usize],
) -> Vec<Value> {
    use rayon::prelude::*;
    let again: std::collections::HashSet<usize> = rendered_again.iter().copied().collect();
    site.docs
        .par_iter()
        .zip(old_index.par_iter())
        .map(|(d, oi)| match oi {
            Some(oi) if !again.contains(oi) => old_cards[*oi].clone(),
            _ => Value::from_serialize(card(site, d)),
        })
        .collect()
}
