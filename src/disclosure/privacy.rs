//! The privacy check (SPEC §8): resident ID numbers, mainland mobile numbers and bank
//! card numbers left in a published text by mistake.
//!
//! A candidate is a maximal run of ASCII digits (never a part of a longer run, so dates,
//! document numbers and amounts inside longer digit runs are left alone):
//! - `id_card`: 18 characters, 17 digits then a digit or `X`, a real birth date at
//!   positions 7–14, and a valid ISO 7064 MOD 11-2 check digit;
//! - `mobile`: 11 digits `1[3-9]` + 9 digits, optionally after `86` in the same run
//!   (`8613800138000`) or after `+86 `/`86-` (a separate run), and the grouped forms
//!   `138 0013 8000` / `138-0013-8000`;
//! - `bank_card`: 16 to 19 digits passing Luhn, also grouped by fours with single
//!   spaces or hyphens (`6222 0212 3456 7890 128`).
//!
//! Masked forms (`3201**********1234`, `138****5678`) are split by the `*`s into short
//! runs, so they pass.
//!
//! Numbers typed with a Chinese input method in full-width mode (`１３８００１３８０００`,
//! `１１０１０５…２Ｘ`, grouped by `　` or `－`) are found the same way: the text is
//! scanned with full-width digits, `Ｘ`, the ideographic space and `－` read as their
//! ASCII forms, and each finding is mapped back to where it is in the file.

use std::path::Path;

use crate::attach::Extracted;
use crate::content::Document;
use crate::diagnostics::{Admit, Diagnostic, LineIndex, PerKind};

/// A kind of personal data, as named in `privacy_allow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivacyKind {
    IdCard,
    Mobile,
    BankCard,
}

impl PrivacyKind {
    /// The name used in `privacy_allow`.
    pub fn key(self) -> &'static str {
        match self {
            PrivacyKind::IdCard => "id_card",
            PrivacyKind::Mobile => "mobile",
            PrivacyKind::BankCard => "bank_card",
        }
    }

    /// What the message calls it.
    pub fn label(self) -> String {
        match self {
            PrivacyKind::IdCard => crate::t!("privacy-id-card"),
            PrivacyKind::Mobile => crate::t!("privacy-mobile"),
            PrivacyKind::BankCard => crate::t!("privacy-bank-card"),
        }
    }

    /// What a summary line calls many of them.
    pub fn plural(self) -> String {
        match self {
            PrivacyKind::IdCard => crate::t!("privacy-id-card-plural"),
            PrivacyKind::Mobile => crate::t!("privacy-mobile-plural"),
            PrivacyKind::BankCard => crate::t!("privacy-bank-card-plural"),
        }
    }
}

/// One finding: its kind and byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub kind: PrivacyKind,
    pub start: usize,
    pub end: usize,
}

/// A maximal run of ASCII digits, with a trailing `X`/`x` kept apart.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

fn runs(text: &str) -> Vec<Run> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(u8::is_ascii_digit) {
        let s = i + k;
        let len = b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
        out.push(Run {
            start: s,
            end: s + len,
        });
        i = s + len;
    }
    out
}

/// Whether 18 characters form a resident ID number: a real birth date and a valid
/// ISO 7064 MOD 11-2 check digit.
pub fn is_id_number(s: &[u8]) -> bool {
    if s.len() != 18 || !s[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let check = match s[17] {
        c @ b'0'..=b'9' => (c - b'0') as u32,
        b'X' | b'x' => 10,
        _ => return false,
    };
    let num = |r: std::ops::Range<usize>| -> u32 {
        s[r].iter().fold(0, |a, c| a * 10 + (c - b'0') as u32)
    };
    let (y, m, d) = (num(6..10), num(10..12), num(12..14));
    if !(1900..=2099).contains(&y) || chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
        return false;
    }
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = s[..17]
        .iter()
        .zip(W)
        .map(|(c, w)| (c - b'0') as u32 * w)
        .sum();
    // The check digit c makes (sum + c) ≡ 1 (mod 11).
    (12 - sum % 11) % 11 == check
}

/// Whether digits pass the Luhn check.
pub fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = (c - b'0') as u32;
            if i % 2 == 1 {
                let d = v * 2;
                if d > 9 {
                    d - 9
                } else {
                    d
                }
            } else {
                v
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn is_mobile(d: &[u8]) -> bool {
    d.len() == 11
        && d[0] == b'1'
        && (b'3'..=b'9').contains(&d[1])
        && d.iter().all(u8::is_ascii_digit)
}

fn is_bank_card(d: &[u8]) -> bool {
    (16..=19).contains(&d.len()) && d[0] != b'0' && luhn(d)
}

/// The ASCII form of a full-width character the scan reads as ASCII.
fn half_width(c: char) -> Option<u8> {
    match c {
        '０'..='９' => Some(b'0' + (c as u32 - '０' as u32) as u8),
        'Ｘ' => Some(b'X'),
        'ｘ' => Some(b'x'),
        '－' => Some(b'-'),
        '\u{3000}' => Some(b' '),
        _ => None,
    }
}

/// Every finding in `text`, in order of position (byte ranges in `text`).
pub fn scan(text: &str) -> Vec<Finding> {
    // A full-width digit is EF BC 90–99 in UTF-8: looked for byte-wise, not decoded.
    let b = text.as_bytes();
    let full_width = memchr::memmem::find_iter(b, b"\xEF\xBC")
        .any(|i| b.get(i + 2).is_some_and(|d| (0x90..=0x99).contains(d)));
    if !full_width {
        return scan_ascii(text);
    }
    // The text with full-width forms as ASCII, and where each of its bytes came from.
    let mut folded = String::with_capacity(text.len());
    let mut from: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        match half_width(c) {
            Some(b) => {
                folded.push(b as char);
                from.push(i);
            }
            None => {
                folded.push(c);
                from.extend((0..c.len_utf8()).map(|k| i + k));
            }
        }
    }
    from.push(text.len());
    scan_ascii(&folded)
        .into_iter()
        .map(|f| Finding {
            kind: f.kind,
            start: from[f.start],
            end: from[f.end],
        })
        .collect()
}

/// Every finding in `text`, reading ASCII digits only.
fn scan_ascii(text: &str) -> Vec<Finding> {
    let b = text.as_bytes();
    let rs = runs(text);
    let mut out = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for r in &rs {
        let d = &b[r.start..r.end];
        let x_after = b.get(r.end).is_some_and(|c| *c == b'X' || *c == b'x');
        if d.len() == 17 && x_after && !b.get(r.end + 1).is_some_and(u8::is_ascii_alphanumeric) {
            if is_id_number(&b[r.start..r.end + 1]) {
                out.push(Finding {
                    kind: PrivacyKind::IdCard,
                    start: r.start,
                    end: r.end + 1,
                });
                covered.push((r.start, r.end + 1));
            }
            continue;
        }
        if d.len() == 18 && is_id_number(d) {
            // A valid ID number is reported as one, even when it also passes Luhn.
            out.push(Finding {
                kind: PrivacyKind::IdCard,
                start: r.start,
                end: r.end,
            });
        } else if is_mobile(d) {
            out.push(Finding {
                kind: PrivacyKind::Mobile,
                start: r.start,
                end: r.end,
            });
        } else if d.len() == 13 && d.starts_with(b"86") && is_mobile(&d[2..]) {
            out.push(Finding {
                kind: PrivacyKind::Mobile,
                start: r.start + 2,
                end: r.end,
            });
        } else if is_bank_card(d) {
            out.push(Finding {
                kind: PrivacyKind::BankCard,
                start: r.start,
                end: r.end,
            });
        } else {
            continue;
        }
        covered.push((r.start, r.end));
    }
    // Grouped forms: runs joined by one space or hyphen.
    let mut i = 0;
    while i < rs.len() {
        let mut j = i;
        while j + 1 < rs.len()
            && rs[j + 1].start == rs[j].end + 1
            && matches!(b[rs[j].end], b' ' | b'-')
        {
            j += 1;
        }
        if j > i {
            let chain = &rs[i..=j];
            let lens: Vec<usize> = chain.iter().map(|r| r.end - r.start).collect();
            let joined = |c: &[Run]| -> Vec<u8> {
                c.iter()
                    .flat_map(|r| b[r.start..r.end].iter().copied())
                    .collect()
            };
            let mut found = None;
            // `138 0013 8000`, or `86 138 0013 8000` / `86-138-0013-8000`.
            let tail = if lens.len() == 4 && &b[chain[0].start..chain[0].end] == b"86" {
                &chain[1..]
            } else {
                chain
            };
            let tl: Vec<usize> = tail.iter().map(|r| r.end - r.start).collect();
            if tl == [3, 4, 4] && is_mobile(&joined(tail)) {
                found = Some((PrivacyKind::Mobile, tail[0].start, tail[2].end));
            } else if lens.len() >= 4
                && lens[..lens.len() - 1].iter().all(|&l| l == 4)
                && *lens.last().unwrap_or(&0) <= 4
            {
                let all = joined(chain);
                if is_bank_card(&all) {
                    found = Some((PrivacyKind::BankCard, chain[0].start, chain[j - i].end));
                }
            }
            if let Some((kind, start, end)) = found {
                if !covered.iter().any(|&(s, e)| s < end && start < e) {
                    out.push(Finding { kind, start, end });
                }
            }
        }
        i = j + 1;
    }
    out.sort_by_key(|f| f.start);
    out
}

/// The finding with its middle hidden, for messages: `3201**********1234` (full-width
/// digits shown as ASCII).
pub fn masked(s: &str) -> String {
    let digits: Vec<char> = s
        .chars()
        .map(|c| half_width(c).map_or(c, char::from))
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let n = digits.len();
    let (head, tail) = if n == 11 { (3, 4) } else { (4, 4) };
    if n <= head + tail {
        return "*".repeat(n);
    }
    let mut out: String = digits[..head].iter().collect();
    out.push_str(&"*".repeat(n - head - tail));
    out.extend(&digits[n - tail..]);
    out
}

/// Checks a document's whole file (front matter and body) and every attachment whose
/// text can be read (see [`crate::attach`]); returns an error per finding whose kind the
/// document does not allow, and a warning per attachment that could not be read.
pub fn check_document(root: &Path, d: &Document) -> Vec<Diagnostic> {
    let allowed = |k: PrivacyKind| d.fm.privacy_allow.iter().any(|a| a == k.key());
    let mut diags = check_text(&d.source, &d.text, &allowed, Help::Document);
    for a in &d.attachments {
        let shown = crate::content::rel_to(root, &a.src);
        match &*crate::attach::extract(root, &a.src, a.size) {
            Extracted::Text(text) => {
                diags.extend(check_text(&shown, text, &allowed, Help::Document))
            }
            Extracted::Pieces { pieces, unread, .. } => {
                for p in pieces {
                    diags.extend(
                        scan(&p.text)
                            .into_iter()
                            .filter(|f| !allowed(f.kind))
                            .map(|f| {
                                finding(&shown, 0, 0, &p.text, f, Help::Document).at_place(&p.place)
                            }),
                    );
                }
                if let Some(why) = unread {
                    diags.push(unreadable(
                        &shown,
                        &crate::t!("privacy-partly-read", why = why),
                    ));
                }
            }
            Extracted::Unreadable(why) => diags.push(unreadable(&shown, why)),
        }
    }
    diags
}

fn unreadable(shown: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(shown, 0, 0, crate::t!("privacy-unreadable", why = why))
}

/// The privacy check of a document that did not load (its front matter has a slip, say):
/// it is not published as it is, but its personal data is told in the same run as the
/// slip, not one fix later. Its whole text is scanned; the kinds that a `privacy_allow`
/// line of it names are allowed, and a document marked `draft: true` is passed over, as
/// a loaded draft would be. A link is never followed (it may point out of the site), and
/// a file that is not UTF-8 text is left to its own error.
pub fn check_unloaded(root: &Path, abs: &Path) -> Vec<Diagnostic> {
    if !std::fs::symlink_metadata(abs).is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    let Ok(text) = std::fs::read(abs).map(|b| crate::text::decode_utf8(&b)) else {
        return Vec::new();
    };
    let Ok(text) = text else {
        return Vec::new();
    };
    let shown = crate::content::rel_to(root, abs);
    // The front matter as the loader splits it; all of the text when it never closes.
    let head = crate::content::frontmatter::split(&shown, &text).map_or(text.as_str(), |s| s.yaml);
    let mut allow = String::new();
    let mut in_allow = false;
    for line in head.lines() {
        let t = line.trim();
        if t.starts_with("draft:") && matches!(t["draft:".len()..].trim(), "true" | "yes") {
            return Vec::new();
        }
        if line.starts_with("privacy_allow") {
            in_allow = true;
        } else if in_allow && !(line.starts_with([' ', '\t', '-'])) {
            in_allow = false;
        }
        if in_allow {
            allow.push_str(line);
            allow.push('\n');
        }
    }
    check_text(&shown, &text, &|k| allow.contains(k.key()), Help::Document)
}

/// Checks the values of site.yaml, printed on every page (a `contact:` with a mobile
/// number, say). No `privacy_allow` applies: the site has no such key.
pub fn check_site_yaml(root: &Path) -> Vec<Diagnostic> {
    let Ok(bytes) = std::fs::read(root.join("site.yaml")) else {
        return Vec::new();
    };
    let Ok(text) = crate::content::decode_utf8(&bytes) else {
        return Vec::new();
    };
    check_text(Path::new("site.yaml"), &text, &|_| false, Help::SiteYaml)
}

/// Which way out a finding's help note offers.
#[derive(Clone, Copy)]
enum Help {
    /// A document (or its attachment), which may allow the kind.
    Document,
    /// site.yaml, printed on every page.
    SiteYaml,
}

fn finding(path: &Path, line: usize, col: usize, text: &str, f: Finding, help: Help) -> Diagnostic {
    let shown = masked(&text[f.start..f.end]);
    let note = match help {
        Help::Document => crate::t!("privacy-found-help", masked = &shown, key = f.kind.key()),
        Help::SiteYaml => crate::t!("privacy-site-yaml-help", masked = &shown),
    };
    Diagnostic::error(
        path,
        line,
        col,
        crate::t!("privacy-found", what = f.kind.label(), masked = &shown),
    )
    .with_note(crate::i18n::help(note))
}

fn check_text(
    path: &Path,
    text: &str,
    allowed: &dyn Fn(PrivacyKind) -> bool,
    help: Help,
) -> Vec<Diagnostic> {
    // A list of thousands of numbers shows the first few of each kind and a count of
    // the rest, each under a window of its line: positions cost a binary search.
    let found: Vec<_> = scan(text)
        .into_iter()
        .filter(|f| !allowed(f.kind))
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let mut limit = PerKind::new();
    let mut diags = Vec::new();
    for f in found {
        let kind = f.kind;
        let admit = limit.admit(kind);
        if admit == Admit::Hidden {
            continue;
        }
        let (line, col) = index.line_col(f.start);
        let d = finding(path, line, col, text, f, help).with_source_from(&index);
        match admit {
            Admit::Show => diags.push(d),
            _ => limit.first_hidden(kind, d),
        }
    }
    diags.extend(limit.summaries(|k| k.plural()));
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(PrivacyKind, &str)> {
        scan(s)
            .into_iter()
            .map(|f| (f.kind, &s[f.start..f.end]))
            .collect()
    }

    // A valid number made for tests: 110101 19900307 123 + check digit 3.
    const ID: &str = "110101199003071233";

    #[test]
    fn id_numbers_with_a_valid_check_digit_are_found() {
        assert!(is_id_number(b"11010519491231002X"));
        assert!(is_id_number(ID.as_bytes()));
        assert_eq!(
            kinds("身份证号：11010519491231002X。"),
            vec![(PrivacyKind::IdCard, "11010519491231002X")]
        );
        assert_eq!(
            kinds("张三,11010519491231002x"),
            vec![(PrivacyKind::IdCard, "11010519491231002x")]
        );
        assert_eq!(
            kinds("320102198001011238"),
            vec![(PrivacyKind::IdCard, "320102198001011238")]
        );
    }

    #[test]
    fn id_numbers_with_a_wrong_check_digit_pass() {
        assert!(!is_id_number(b"110105194912310021"));
        assert!(kinds("110105194912310021").is_empty());
        assert!(kinds("320102198001011237").is_empty());
        // A valid check digit but no real birth date.
        assert!(!is_id_number(b"110105194913310028"));
    }

    #[test]
    fn full_width_numbers_are_found_where_they_are() {
        let text = "联系电话：１３８００１３８０００，身份证１１０１０５１９４９１２３１００２Ｘ。";
        let found = kinds(text);
        assert_eq!(
            found,
            vec![
                (PrivacyKind::Mobile, "１３８００１３８０００"),
                (PrivacyKind::IdCard, "１１０１０５１９４９１２３１００２Ｘ"),
            ]
        );
        assert_eq!(masked(found[0].1), "138****8000");
        assert_eq!(masked(found[1].1), "1101**********002X");
        // Grouped, and mixed with ASCII.
        assert_eq!(
            kinds("卡号６２２２　０２１２　３４５６　７８９０　１２８"),
            vec![(
                PrivacyKind::BankCard,
                "６２２２　０２１２　３４５６　７８９０　１２８"
            )]
        );
        assert_eq!(
            kinds("卡号6222 0212 3456 7890 128"),
            vec![(PrivacyKind::BankCard, "6222 0212 3456 7890 128")]
        );
        assert_eq!(
            kinds("手机１３８ ００１３ ８０００")[0].1,
            "１３８ ００１３ ８０００"
        );
        // Masked and short full-width numbers pass, as ASCII ones do.
        assert!(kinds("１３８＊＊＊＊５６７８").is_empty());
        assert!(kinds("２０２３年５月１日，金额１２３４５元").is_empty());
    }

    #[test]
    fn masked_numbers_pass() {
        assert!(kinds("3201**********1234").is_empty());
        assert!(kinds("138****5678").is_empty());
        assert!(kinds("6222 **** **** 1234").is_empty());
        assert_eq!(masked("11010519491231002X"), "1101**********002X");
        assert_eq!(masked("13800138000"), "138****8000");
    }

    #[test]
    fn numbers_inside_longer_digit_runs_pass() {
        assert!(kinds("011010519491231002X").is_empty());
        assert!(kinds("1380013800012").is_empty());
        assert!(kinds("913800138000").is_empty());
        assert!(kinds("a1380013800012b").is_empty());
    }

    #[test]
    fn dates_doc_numbers_and_amounts_pass() {
        for s in [
            "2023-05-01",
            "2023年5月1日",
            "20230501",
            "校工〔2023〕12号",
            "金额 13,800,138,000.00 元",
            "预算 1380013.80 元",
            "电话 0571-8888 6000",
            "2023-05-01 至 2023-05-08",
            "202305011234567",
        ] {
            assert!(kinds(s).is_empty(), "{s}: {:?}", kinds(s));
        }
    }

    #[test]
    fn mobile_numbers_in_their_usual_forms_are_found() {
        assert_eq!(
            kinds("电话13800138000"),
            vec![(PrivacyKind::Mobile, "13800138000")]
        );
        assert_eq!(
            kinds("+86 13912345678"),
            vec![(PrivacyKind::Mobile, "13912345678")]
        );
        assert_eq!(
            kinds("86-13912345678"),
            vec![(PrivacyKind::Mobile, "13912345678")]
        );
        assert_eq!(
            kinds("8613912345678"),
            vec![(PrivacyKind::Mobile, "13912345678")]
        );
        assert_eq!(
            kinds("138 0013 8000"),
            vec![(PrivacyKind::Mobile, "138 0013 8000")]
        );
        assert_eq!(
            kinds("138-0013-8000"),
            vec![(PrivacyKind::Mobile, "138-0013-8000")]
        );
        assert_eq!(
            kinds("+86 138 0013 8000"),
            vec![(PrivacyKind::Mobile, "138 0013 8000")]
        );
        assert_eq!(kinds("13800138000 13912345678").len(), 2);
        // 12x is not a mobile prefix; 10 digits are too few.
        assert!(kinds("12800138000").is_empty());
        assert!(kinds("1380013800").is_empty());
    }

    #[test]
    fn bank_cards_passing_luhn_are_found() {
        assert!(luhn(b"6222021234567890128"));
        assert!(luhn(b"4111111111111111"));
        assert_eq!(
            kinds("卡号 4111111111111111"),
            vec![(PrivacyKind::BankCard, "4111111111111111")]
        );
        assert_eq!(
            kinds("6222021234567890128"),
            vec![(PrivacyKind::BankCard, "6222021234567890128")]
        );
        assert_eq!(
            kinds("6222 0212 3456 7890 128"),
            vec![(PrivacyKind::BankCard, "6222 0212 3456 7890 128")]
        );
        assert_eq!(
            kinds("4111-1111-1111-1111"),
            vec![(PrivacyKind::BankCard, "4111-1111-1111-1111")]
        );
        // Luhn fails.
        assert!(kinds("4111111111111112").is_empty());
        assert!(kinds("6222 0212 3456 7890 127").is_empty());
        // Inside a longer run.
        assert!(kinds("14111111111111111111").is_empty());
    }
}
