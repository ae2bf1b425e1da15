//! What a Chinese office document says in its words, recognised: dates in every form
//! secretaries type (`2023年6月1日`, `2023.6.1`, `2023-06-01`, `二〇二三年十二月二十日`),
//! the 文号 (`校工〔2023〕15号`, `[2023]`, `（2023）`), outline numbering (`一、`,
//! `（一）`, `1.`, `1、`, `（1）`, `①`), month markers of a plan's arrangement
//! (`一月份：`, `1月`, `三月`), the kind a title names, a notice's period and contact.
//! Each works on one paragraph's text and runs in time linear in it.

use chrono::NaiveDate;

use crate::kind::Kind;

/// A character's value as a digit: ASCII, full-width, or a Chinese numeral
/// (`〇`, `○`, `O` and `零` are all zero, as typed for years).
fn digit(c: char) -> Option<(u32, bool)> {
    match c {
        '0'..='9' => Some((c as u32 - '0' as u32, false)),
        '０'..='９' => Some((c as u32 - '０' as u32, false)),
        '〇' | '○' | '零' | 'O' | 'o' | 'Ｏ' => Some((0, true)),
        '一' => Some((1, true)),
        '二' | '两' => Some((2, true)),
        '三' => Some((3, true)),
        '四' => Some((4, true)),
        '五' => Some((5, true)),
        '六' => Some((6, true)),
        '七' => Some((7, true)),
        '八' => Some((8, true)),
        '九' => Some((9, true)),
        _ => None,
    }
}

/// A cursor over a text's characters, with their byte offsets.
struct Cur<'a> {
    s: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
}

impl<'a> Cur<'a> {
    fn new(s: &'a str) -> Self {
        Cur {
            s,
            chars: s.char_indices().collect(),
            i: 0,
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|c| c.1)
    }
    fn offset(&self) -> usize {
        self.chars.get(self.i).map_or(self.s.len(), |c| c.0)
    }
    fn spaces(&mut self) {
        while self
            .peek()
            .is_some_and(|c| c == ' ' || c == '\u{3000}' || c == '\t')
        {
            self.i += 1;
        }
    }
    fn eat(&mut self, options: &[char]) -> Option<char> {
        self.spaces();
        let c = self.peek().filter(|c| options.contains(c))?;
        self.i += 1;
        Some(c)
    }
    /// Up to `max` Arabic digits (ASCII or full-width).
    fn arabic(&mut self, max: usize) -> Option<(u32, usize)> {
        self.spaces();
        let (mut v, mut n) = (0u32, 0usize);
        while n < max {
            match self.peek().and_then(digit) {
                Some((d, false)) => {
                    v = v * 10 + d;
                    n += 1;
                    self.i += 1;
                }
                _ => break,
            }
        }
        (n > 0).then_some((v, n))
    }
    /// A four-digit year in Chinese numerals, digit by digit (`二〇二三`).
    fn chinese_year(&mut self) -> Option<u32> {
        self.spaces();
        let start = self.i;
        let mut v = 0;
        for _ in 0..4 {
            match self.peek().and_then(digit) {
                Some((d, true)) => {
                    v = v * 10 + d;
                    self.i += 1;
                }
                _ => {
                    self.i = start;
                    return None;
                }
            }
        }
        Some(v)
    }
    /// A number up to 99 in Chinese numerals (`十二`, `二十`, `三十一`, `五`).
    fn chinese_small(&mut self) -> Option<u32> {
        self.spaces();
        let start = self.i;
        let mut tens: Option<u32> = None;
        let mut units: Option<u32> = None;
        let mut first: Option<u32> = None;
        while let Some(c) = self.peek() {
            if c == '十' {
                if tens.is_some() {
                    break;
                }
                tens = Some(first.take().unwrap_or(1));
                self.i += 1;
            } else if let Some((d, true)) = digit(c).filter(|(d, _)| *d > 0 || tens.is_none()) {
                if tens.is_some() {
                    if units.is_some() {
                        break;
                    }
                    units = Some(d);
                } else if first.is_some() {
                    break;
                } else {
                    first = Some(d);
                }
                self.i += 1;
            } else {
                break;
            }
        }
        let v = match tens {
            Some(t) => t * 10 + units.unwrap_or(0),
            None => first?,
        };
        if self.i == start {
            return None;
        }
        Some(v)
    }
    fn number(&mut self, max_digits: usize) -> Option<u32> {
        self.arabic(max_digits)
            .map(|(v, _)| v)
            .or_else(|| self.chinese_small())
    }
}

/// A date found in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// A full date (year, month, day) starting at the cursor.
fn date_at(c: &mut Cur) -> Option<NaiveDate> {
    let start = c.i;
    let result = (|| {
        if let Some(y) = c.chinese_year() {
            c.eat(&['年'])?;
            let m = c.chinese_small()?;
            c.eat(&['月'])?;
            let d = c.chinese_small()?;
            c.eat(&['日', '号'])?;
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
        let (y, n) = c.arabic(4)?;
        if n != 4 {
            return None;
        }
        let sep = c.eat(&['年', '.', '-', '/', '．', '－', '／'])?;
        let m = c.arabic(2)?.0;
        if sep == '年' {
            c.eat(&['月'])?;
            let d = c.arabic(2)?.0;
            c.eat(&['日', '号'])?;
            NaiveDate::from_ymd_opt(y as i32, m, d)
        } else {
            c.eat(&[sep])?;
            let d = c.arabic(2)?.0;
            // `2023.6.1` is not `2023.6.15` cut short: no digit may follow.
            if c.peek().and_then(digit).is_some_and(|(_, cn)| !cn) {
                return None;
            }
            c.eat(&['日', '号']);
            NaiveDate::from_ymd_opt(y as i32, m, d)
        }
    })();
    if result.is_none() {
        c.i = start;
    }
    result
}

/// The first full date in a text.
pub fn find_date(s: &str) -> Option<Found> {
    let mut c = Cur::new(s);
    while c.i < c.chars.len() {
        // A date starts at a digit that does not continue a number.
        let prev_digit = c.i > 0 && digit(c.chars[c.i - 1].1).is_some_and(|(_, cn)| !cn);
        if !prev_digit && c.peek().and_then(digit).is_some() {
            let start = c.offset();
            let at = c.i;
            if let Some(date) = date_at(&mut c) {
                return Some(Found {
                    date,
                    start,
                    end: c.offset(),
                });
            }
            c.i = at;
        }
        c.i += 1;
    }
    None
}

/// A text that is a date and nothing else (spaces and brackets around it allowed).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || "（）()".contains(c));
    let f = find_date(t)?;
    (f.start == 0 && f.end == t.len()).then_some(f.date)
}

/// The end of a period after its start: a full date, `6月7日`, or `7日`.
fn period_end(c: &mut Cur, start: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let at = c.i;
    if let Some(d) = date_at(c) {
        return Some(d);
    }
    c.i = at;
    let n = c.number(2)?;
    if c.eat(&['月']).is_some() {
        let d = c.number(2)?;
        c.eat(&['日', '号'])?;
        let mut y = start.year();
        if n < start.month() {
            y += 1;
        }
        return NaiveDate::from_ymd_opt(y, n, d);
    }
    c.eat(&['日', '号'])?;
    NaiveDate::from_ymd_opt(start.year(), start.month(), n)
}

/// A notice's disclosure period as its text states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    Range(NaiveDate, NaiveDate),
    WorkingDays(Option<NaiveDate>, u32),
    Days(Option<NaiveDate>, u32),
}

/// Reads `公示时间：2023年6月1日至6月7日`, `公示期为5个工作日`,
/// `自2023年6月1日起公示5个工作日`, `公示期：7天` from one paragraph.
pub fn find_period(s: &str) -> Option<Period> {
    let at = s.find("公示")?;
    let first = find_date(s);
    // A range: a date, then 至/到/—/~, then its end.
    if let Some(f) = first {
        let mut c = Cur::new(&s[f.end..]);
        if c.eat(&['至', '到', '—', '-', '~', '～', '－']).is_some() {
            c.eat(&['—']);
            if let Some(end) = period_end(&mut c, f.date) {
                if end >= f.date {
                    return Some(Period::Range(f.date, end));
                }
            }
        }
    }
    let start = first.map(|f| f.date);
    let rest = &s[at..];
    let mut c = Cur::new(rest);
    while c.i < c.chars.len() {
        let here = c.i;
        if c.peek().and_then(digit).is_some() || c.peek() == Some('十') {
            if let Some(n) = c.number(3) {
                c.spaces();
                let tail = &rest[c.offset()..];
                let tail = tail.strip_prefix('个').unwrap_or(tail);
                if tail.starts_with("工作日") {
                    return Some(Period::WorkingDays(start, n));
                }
                if tail.starts_with('天') || tail.starts_with("日") {
                    return Some(Period::Days(start, n));
                }
            }
            c.i = here.max(c.i);
            if c.i == here {
                c.i += 1;
            }
        } else {
            c.i += 1;
        }
    }
    None
}

/// The 文号 in a short line: `校工〔2023〕15号`, `校工[2023]15号`, `校工（2023）15号`.
/// Returns the number as written (spaces inside dropped) and its byte range.
pub fn find_doc_no(s: &str) -> Option<(String, usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut cur = Cur::new(s);
    for (k, &(_, c)) in chars.iter().enumerate() {
        let close = match c {
            '〔' => '〕',
            '[' => ']',
            '［' => '］',
            '（' => '）',
            '(' => ')',
            '【' => '】',
            _ => continue,
        };
        // The issuer's short name before the bracket: letters, no spaces or punctuation.
        let mut b = k;
        while b > 0 {
            let p = chars[b - 1].1;
            if p.is_alphanumeric() && !p.is_ascii_digit() {
                b -= 1;
            } else {
                break;
            }
        }
        if b == k {
            continue;
        }
        cur.i = k + 1;
        let Some((_, 4)) = cur.arabic(4) else {
            continue;
        };
        if cur.eat(&[close]).is_none() {
            continue;
        }
        if cur.arabic(5).is_none() {
            continue;
        }
        if cur.eat(&['号']).is_none() {
            continue;
        }
        let end = cur.offset();
        let text: String = s[chars[b].0..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        return Some((text, chars[b].0, end));
    }
    None
}

/// Outline numbering at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outline {
    /// `一、`: a section.
    Chinese,
    /// `（一）`: a subsection.
    ParenChinese,
    /// `1.`, `1．`, `1、`: a numbered item.
    Arabic(u32),
    /// `（1）`, `(1)`, `①`: a numbered sub-item.
    ParenArabic(u32),
}

/// The paragraph's numbering and the text after it.
pub fn outline(s: &str) -> Option<(Outline, &str)> {
    let t = s.trim_start();
    let mut c = Cur::new(t);
    if let Some(first) = t.chars().next() {
        if ('①'..='⑳').contains(&first) {
            let n = first as u32 - '①' as u32 + 1;
            return Some((Outline::ParenArabic(n), t[first.len_utf8()..].trim_start()));
        }
    }
    if c.eat(&['（', '(']).is_some() {
        let kind = if let Some((n, _)) = c.arabic(2) {
            Outline::ParenArabic(n)
        } else if c.chinese_small().is_some() {
            Outline::ParenChinese
        } else {
            return None;
        };
        c.eat(&['）', ')'])?;
        c.eat(&['、', '.', '．']);
        return Some((kind, t[c.offset()..].trim_start()));
    }
    if let Some((n, _)) = c.arabic(2) {
        let sep = c.peek()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        c.i += 1;
        // `1.5` is a number, not an item.
        if c.peek().and_then(digit).is_some_and(|(_, cn)| !cn) {
            return None;
        }
        return Some((Outline::Arabic(n), t[c.offset()..].trim_start()));
    }
    if c.chinese_small().is_some() && c.peek() == Some('、') {
        c.i += 1;
        return Some((Outline::Chinese, t[c.offset()..].trim_start()));
    }
    None
}

/// A bullet at the start of a line: `- `, `• `, `·`, `●`, `▪`.
pub fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start();
    for b in [
        "- ", "* ", "+ ", "•", "·", "●", "○", "▪", "■", "◆", "★", "√",
    ] {
        if let Some(rest) = t.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    t
}

/// An item's text without its number or bullet, and without a closing `。`/`；`.
pub fn item_text(s: &str) -> String {
    let t = strip_bullet(s);
    let t = match outline(t) {
        Some((Outline::Arabic(_) | Outline::ParenArabic(_), rest)) => rest,
        _ => t,
    };
    t.trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '.'])
        .trim()
        .to_string()
}

/// A month marker of a plan's arrangement: `一月份：`, `1月：`, `三月`, `十二月份工作安排`,
/// `2月份：召开教代会；慰问困难职工`. Returns the month and the text after the marker.
pub fn month_marker(s: &str) -> Option<(u32, &str)> {
    let t = s.trim();
    // A marker may carry outline numbering of its own: `（一）一月份`.
    let t = match outline(t) {
        Some((Outline::ParenChinese | Outline::Chinese, rest)) => rest,
        _ => t,
    };
    let mut c = Cur::new(t);
    let m = c.number(2)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    c.eat(&['月'])?;
    c.eat(&['份']);
    let mut rest = &t[c.offset()..];
    for word in ["工作安排", "重点工作", "工作", "安排"] {
        if let Some(r) = rest.trim_start().strip_prefix(word) {
            rest = r;
            break;
        }
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some((m, ""));
    }
    let after = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
    Some((m, after.trim()))
}

/// A heading that introduces a plan's month-by-month arrangement.
pub fn is_arrangement_heading(s: &str) -> bool {
    let t = s.trim();
    (t.contains("月份") || t.contains("月度") || t.contains("逐月") || t.contains("每月"))
        && (t.contains("安排") || t.contains("计划") || t.contains("工作"))
        && t.chars().count() <= 30
}

/// The kind a title names: `…公示`/`…通知`/`…公告` a notice, `…计划`/`…要点`/`…安排` a
/// plan, `…总结`/`…报告` a summary; the word nearest the end wins
/// (`关于印发2024年工作要点的通知` is a notice).
pub fn kind_of_title(title: &str) -> Option<Kind> {
    const WORDS: &[(&str, Kind)] = &[
        ("公示", Kind::Notice),
        ("通知", Kind::Notice),
        ("公告", Kind::Notice),
        ("通报", Kind::Notice),
        ("公开", Kind::Notice),
        ("计划", Kind::Plan),
        ("要点", Kind::Plan),
        ("安排", Kind::Plan),
        ("方案", Kind::Plan),
        ("规划", Kind::Plan),
        ("总结", Kind::Summary),
        ("报告", Kind::Summary),
        ("述职", Kind::Summary),
        ("回顾", Kind::Summary),
    ];
    WORDS
        .iter()
        .filter_map(|(w, k)| title.rfind(w).map(|at| (at, *k)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, k)| k)
}

/// Whether a line reads as an issuer's name in a 落款: short, no sentence punctuation.
pub fn is_issuer(s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    (2..=40).contains(&n)
        && !t.contains(['。', '，', '；', '：', ':', '！', '？', ',', ';'])
        && find_date(t).is_none()
        && outline(t).is_none()
}

/// Where objections go, from a line naming a phone or the place to report to:
/// `联系电话：0571-88886666` with `联系人：王老师`, or `请向校工会办公室反映`.
pub fn find_contact(s: &str) -> Option<String> {
    let t = s.trim();
    if !(t.contains("联系") || t.contains("异议") || t.contains("反映") || t.contains("电话"))
    {
        return None;
    }
    let after = |key: &str| -> Option<String> {
        let at = t.find(key)? + key.len();
        let rest = t[at..].trim_start_matches([' ', '：', ':', '为', '是']);
        let v: String = rest
            .chars()
            .take_while(|c| !"。，；,;）)".contains(*c))
            .collect();
        let v = v.trim().to_string();
        v.chars().any(char::is_alphanumeric).then_some(v)
    };
    let between = |pre: &str, posts: &[&str]| -> Option<String> {
        let at = t.find(pre)? + pre.len();
        let rest = &t[at..];
        let end = posts.iter().filter_map(|p| rest.find(p)).min()?;
        let v = rest[..end].trim().to_string();
        (!v.is_empty() && v.chars().count() <= 30).then_some(v)
    };
    let phone = after("联系电话").or_else(|| after("电话"));
    let who = after("联系人")
        .or_else(|| between("与", &["联系"]))
        .or_else(|| between("向", &["反映", "提出", "反馈", "联系"]));
    match (who, phone) {
        (Some(w), Some(p)) => Some(format!("{w} {p}")),
        (Some(w), None) => Some(w),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_form_secretaries_type() {
        for (s, want) in [
            ("2023年6月1日", d(2023, 6, 1)),
            ("2023 年 6 月 1 日", d(2023, 6, 1)),
            ("2023.6.1", d(2023, 6, 1)),
            ("2023-06-01", d(2023, 6, 1)),
            ("2023/6/1", d(2023, 6, 1)),
            ("２０２３年６月１日", d(2023, 6, 1)),
            ("二〇二三年十二月二十日", d(2023, 12, 20)),
            ("二○二三年六月一日", d(2023, 6, 1)),
            ("二〇二四年一月三十一日", d(2024, 1, 31)),
            ("二〇二三年十月十日", d(2023, 10, 10)),
            ("（2023年6月1日）", d(2023, 6, 1)),
            ("2023年6月1号", d(2023, 6, 1)),
        ] {
            assert_eq!(parse_date(s), Some(want), "{s}");
        }
    }

    #[test]
    fn not_dates() {
        for s in [
            "2023年6月",
            "2023年2月30日",
            "二〇二三年十三月一日",
            "20231.6.1",
            "2023.6.15.3",
            "第2023号",
            "6月1日",
            "",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        // Inside text, the date is found with its place.
        let f = find_date("工会委员会于2023年6月1日召开").unwrap();
        assert_eq!(
            (f.date, &"工会委员会于2023年6月1日召开"[f.start..f.end]),
            (d(2023, 6, 1), "2023年6月1日")
        );
        assert_eq!(find_date("共12023.6.1条"), None);
    }

    #[test]
    fn doc_numbers_in_their_bracket_variants() {
        for (s, want) in [
            ("校工〔2023〕15号", "校工〔2023〕15号"),
            ("校工[2023]15号", "校工[2023]15号"),
            ("校工［2023］15号", "校工［2023］15号"),
            ("校工（2023）15号", "校工（2023）15号"),
            ("  校工〔2023〕 15 号  ", "校工〔2023〕15号"),
            ("签发人：张三    校工〔2023〕7号", "校工〔2023〕7号"),
            ("XJU工〔2024〕3号", "XJU工〔2024〕3号"),
        ] {
            assert_eq!(find_doc_no(s).map(|f| f.0).as_deref(), Some(want), "{s}");
        }
        for s in [
            "〔2023〕15号",
            "校工〔23〕15号",
            "校工〔2023〕号",
            "关于（2023）的说明",
            "校工〔2023〕15",
        ] {
            assert_eq!(find_doc_no(s), None, "{s}");
        }
    }

    #[test]
    fn outline_numbering() {
        assert_eq!(
            outline("一、指导思想"),
            Some((Outline::Chinese, "指导思想"))
        );
        assert_eq!(outline("十二、其他"), Some((Outline::Chinese, "其他")));
        assert_eq!(
            outline("（一）加强组织建设"),
            Some((Outline::ParenChinese, "加强组织建设"))
        );
        assert_eq!(outline("(三) 活动"), Some((Outline::ParenChinese, "活动")));
        assert_eq!(
            outline("1.召开会议"),
            Some((Outline::Arabic(1), "召开会议"))
        );
        assert_eq!(outline("2、慰问"), Some((Outline::Arabic(2), "慰问")));
        assert_eq!(outline("3．体检"), Some((Outline::Arabic(3), "体检")));
        assert_eq!(
            outline("（2）登记"),
            Some((Outline::ParenArabic(2), "登记"))
        );
        assert_eq!(outline("③ 报名"), Some((Outline::ParenArabic(3), "报名")));
        for s in ["1.5倍", "一是加强", "2023年", "（注）", "十月份"] {
            assert_eq!(outline(s), None, "{s}");
        }
    }

    #[test]
    fn month_markers() {
        assert_eq!(month_marker("一月份："), Some((1, "")));
        assert_eq!(month_marker("十二月份"), Some((12, "")));
        assert_eq!(month_marker("1月："), Some((1, "")));
        assert_eq!(month_marker("三月"), Some((3, "")));
        assert_eq!(month_marker("11月份工作安排："), Some((11, "")));
        assert_eq!(
            month_marker("2月份：召开教代会；慰问"),
            Some((2, "召开教代会；慰问"))
        );
        assert_eq!(month_marker("（三）三月份"), Some((3, "")));
        for s in [
            "3月，工会组织了活动",
            "十三月",
            "5月份各基层工会组织学习",
            "一月份的工作很多",
        ] {
            assert_eq!(month_marker(s), None, "{s}");
        }
    }

    #[test]
    fn items_lose_their_numbers() {
        assert_eq!(
            item_text("- 1、迎新年书画作品征集赛。"),
            "迎新年书画作品征集赛"
        );
        assert_eq!(item_text("（2）工会主席培训；"), "工会主席培训");
        assert_eq!(item_text("• 慰问"), "慰问");
    }

    #[test]
    fn kinds_of_titles() {
        assert_eq!(
            kind_of_title("关于2023年度先进个人的公示"),
            Some(Kind::Notice)
        );
        assert_eq!(kind_of_title("2024年工会工作要点"), Some(Kind::Plan));
        assert_eq!(
            kind_of_title("关于印发2024年工作要点的通知"),
            Some(Kind::Notice)
        );
        assert_eq!(
            kind_of_title("2023年上半年工会工作总结"),
            Some(Kind::Summary)
        );
        assert_eq!(kind_of_title("教职工之家"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(
            find_period("公示时间：2023年6月1日至6月7日。"),
            Some(Period::Range(d(2023, 6, 1), d(2023, 6, 7)))
        );
        assert_eq!(
            find_period("公示时间为2023年12月28日至2024年1月5日"),
            Some(Period::Range(d(2023, 12, 28), d(2024, 1, 5)))
        );
        assert_eq!(
            find_period("公示期：2023年6月1日—7日"),
            Some(Period::Range(d(2023, 6, 1), d(2023, 6, 7)))
        );
        assert_eq!(
            find_period("公示期为5个工作日。"),
            Some(Period::WorkingDays(None, 5))
        );
        assert_eq!(
            find_period("自2023年6月1日起公示五个工作日"),
            Some(Period::WorkingDays(Some(d(2023, 6, 1)), 5))
        );
        assert_eq!(find_period("公示期7天"), Some(Period::Days(None, 7)));
        assert_eq!(find_period("现将名单公布如下"), None);
    }

    #[test]
    fn contacts() {
        assert_eq!(
            find_contact("公示期间如有异议，请与校工会办公室联系，联系电话：0571-88886666。")
                .as_deref(),
            Some("校工会办公室 0571-88886666")
        );
        assert_eq!(
            find_contact("如有异议，请向工会办公室反映。").as_deref(),
            Some("工会办公室")
        );
        assert_eq!(find_contact("现将结果公示如下"), None);
    }
}
