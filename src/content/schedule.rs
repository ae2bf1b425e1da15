//! A plan's month-by-month arrangement read from its body: month sections (`一月份：`,
//! `### 3月`, `十二月份工作安排`) followed by their items, numbered (`1、`, `2.`,
//! `（1）`) or bulleted, items' numbers stripped. Used for a Markdown plan that has no
//! `schedule:` key, and by `gongkai import` for Word plans.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::recognise::{is_arrangement_heading, item_text, month_marker, outline, Outline};

/// One block of a body, as text.
enum Block {
    Heading(u8, String),
    Para(String),
    Item(String),
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut open: Option<Block> = None;
    let mut item_depth = 0usize;
    let flush = |open: &mut Option<Block>, text: &mut String, out: &mut Vec<Block>| {
        if let Some(b) = open.take() {
            let t = std::mem::take(text).trim().to_string();
            if !t.is_empty() {
                out.push(match b {
                    Block::Heading(l, _) => Block::Heading(l, t),
                    Block::Para(_) => Block::Para(t),
                    Block::Item(_) => Block::Item(t),
                });
            }
        }
        text.clear();
    };
    for ev in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut open, &mut text, &mut out);
                open = Some(Block::Heading(level as u8, String::new()));
            }
            Event::Start(Tag::Item) => {
                flush(&mut open, &mut text, &mut out);
                item_depth += 1;
                open = Some(Block::Item(String::new()));
            }
            Event::Start(Tag::Paragraph) if item_depth == 0 => {
                flush(&mut open, &mut text, &mut out);
                open = Some(Block::Para(String::new()));
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Item) => {
                flush(&mut open, &mut text, &mut out);
                if matches!(ev, Event::End(TagEnd::Item)) {
                    item_depth = item_depth.saturating_sub(1);
                }
            }
            Event::End(TagEnd::Paragraph) if item_depth == 0 => {
                flush(&mut open, &mut text, &mut out);
            }
            Event::Start(Tag::Table(_)) => flush(&mut open, &mut text, &mut out),
            Event::Text(t) | Event::Code(t) if open.is_some() => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if open.is_some() => text.push('\n'),
            _ => {}
        }
    }
    flush(&mut open, &mut text, &mut out);
    out
}

/// Items written on a marker's own line: `2月份：召开教代会；慰问困难职工`.
fn inline_items(rest: &str) -> impl Iterator<Item = String> + '_ {
    rest.split(['；', ';'])
        .map(item_text)
        .filter(|s| !s.is_empty())
}

/// The month → items arrangement a body writes out, or an empty map when it has none
/// (fewer than two month sections and no arrangement heading).
pub fn from_markdown(markdown: &str) -> BTreeMap<u32, Vec<String>> {
    let mut out: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut current: Option<u32> = None;
    let mut arrangement = false;
    for b in blocks(markdown) {
        match b {
            Block::Heading(_, t) => {
                if let Some((m, rest)) = month_marker(&t) {
                    current = Some(m);
                    out.entry(m).or_default().extend(inline_items(rest));
                } else {
                    current = None;
                    arrangement |= is_arrangement_heading(&t);
                }
            }
            Block::Para(t) | Block::Item(t) => {
                let first_line = t.lines().next().unwrap_or_default();
                if let Some((m, rest)) = month_marker(first_line) {
                    current = Some(m);
                    out.entry(m).or_default().extend(inline_items(rest));
                    // Items on the marker's following lines (one paragraph in Word).
                    for line in t.lines().skip(1) {
                        let item = item_text(line);
                        if !item.is_empty() {
                            out.entry(m).or_default().push(item);
                        }
                    }
                } else if matches!(outline(&t), Some((Outline::Chinese, _))) {
                    // `五、保障措施`: the next section of the plan.
                    current = None;
                    arrangement |= is_arrangement_heading(&t);
                } else if is_arrangement_heading(&t) && t.chars().count() <= 30 {
                    current = None;
                    arrangement = true;
                } else if let Some(m) = current {
                    for line in t.lines() {
                        let item = item_text(line);
                        if !item.is_empty() {
                            out.entry(m).or_default().push(item);
                        }
                    }
                }
            }
        }
    }
    out.retain(|_, v| !v.is_empty());
    if out.len() < 2 && (!arrangement || out.is_empty()) {
        return BTreeMap::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_sections_with_mixed_numbering() {
        let md = "## 四、具体月份工作安排：\n\n一月份：\n\n- 1、迎新年书画作品征集赛。\n- 2、慰问特困及重病教职工。\n\n二月份：\n\n1、教育工会调研课题申报。\n\n2、配合行政搞好开学工作。\n\n三月份：庆“三八”系列活动；教职工趣味游艺活动\n\n### 十二月\n\n1. 校级各类先进评比\n2. 工会主席会议\n\n## 五、保障措施\n\n加强领导。\n";
        let s = from_markdown(md);
        assert_eq!(
            s,
            BTreeMap::from([
                (
                    1,
                    vec![
                        "迎新年书画作品征集赛".to_string(),
                        "慰问特困及重病教职工".into()
                    ]
                ),
                (
                    2,
                    vec![
                        "教育工会调研课题申报".to_string(),
                        "配合行政搞好开学工作".into()
                    ]
                ),
                (
                    3,
                    vec!["庆“三八”系列活动".to_string(), "教职工趣味游艺活动".into()]
                ),
                (
                    12,
                    vec!["校级各类先进评比".to_string(), "工会主席会议".into()]
                ),
            ])
        );
    }

    #[test]
    fn prose_mentioning_months_is_no_schedule() {
        assert!(from_markdown("5月份各基层工会组织学习。\n\n3月，工会组织了活动。\n").is_empty());
        // One month alone, without an arrangement heading, is not enough.
        assert!(from_markdown("三月份：\n\n- 植树\n").is_empty());
        assert_eq!(
            from_markdown("## 月份工作安排\n\n三月份：\n\n- 植树\n").len(),
            1
        );
    }
}
