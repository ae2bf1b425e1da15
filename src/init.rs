//! What `gongkai init` and `gongkai new` write: a starter site, and a new document's
//! front matter for its kind.

use chrono::{Datelike, NaiveDate};

use crate::kind::Kind;
use crate::render::theme::DEFAULT_THEME;

/// The comment that marks init's sample documents: `golive` asks before a site goes
/// live with one of them still in place.
pub const SAMPLE_MARK: &str = "# 示例文件（gongkai init）：正式发布前请改写或删除本文件";

/// The files of a new site: (path relative to the site folder, text).
pub fn files(today: NaiveDate) -> Vec<(String, String)> {
    let y = today.year();
    let d = today.format("%Y-%m-%d");
    let mut out = vec![
        (
            "site.yaml".to_string(),
            "title: 工会信息公开\n\
             base_url: https://example.org/\n\
             language: zh-CN\n\
             organization: 工会委员会\n\
             timezone: Asia/Shanghai\n\
             paginate: 30\n\
             contact: 工会办公室（工作日 8:30-17:00）\n"
                .to_string(),
        ),
        (
            ".gitignore".to_string(),
            "/public\n# The output the last build replaced, kept for the next build to write over.\n/.public.*\n# Text read out of attachments for the privacy check, kept by their SHA-256.\n/.gongkai-cache\n"
                .to_string(),
        ),
        (
            format!("content/plans/{y}-work-plan.md"),
            format!(
                "---\n{SAMPLE_MARK}\ntitle: {y}年工会工作计划\ndate: {d}\nyear: {y}\nschedule:\n  1: [召开工会委员会议，部署全年工作]\n  3: [开展三八妇女节活动]\n  9: [教师节慰问]\n---\n\n## 一、工作思路\n\n围绕学校中心工作，依法履行维护职能，服务教职工。\n\n## 二、重点工作\n\n1. 健全教代会制度，推进校务公开。\n2. 做好困难教职工帮扶。\n"
            ),
        ),
        (
            format!("content/notices/{y}-sample-notice.md"),
            format!(
                "---\n{SAMPLE_MARK}\ntitle: 关于{y}年度工会经费预算的公示\ndate: {d}\ncategories: [经费公开]\ndisclosure: {{start: {d}, working_days: 5}}\n---\n\n现将本年度工会经费预算予以公示。公示期内如有异议，请向工会办公室反映。\n"
            ),
        ),
        (
            format!("content/summaries/{y}-sample-summary.md"),
            format!("---\n{SAMPLE_MARK}\ntitle: {y}年上半年工会工作总结\ndate: {d}\n---\n\n上半年，工会围绕学校中心工作，组织了多项活动。\n"),
        ),
    ];
    for (path, text) in DEFAULT_THEME {
        out.push((format!("themes/default/{path}"), text.to_string()));
    }
    out
}

/// The year a title names: four digits before `年` (`2027年…`, `2027 年…`).
pub(crate) fn title_year(title: &str) -> Option<i32> {
    let chars: Vec<char> = title.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits = &chars[i..i + 4];
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars[i + 4..].iter().find(|c| **c != ' ');
        if before_ok && digits.iter().all(char::is_ascii_digit) && after == Some(&'年') {
            digits.iter().collect::<String>().parse().ok()
        } else {
            None
        }
    })
}

/// A new document's folder under content/ and its text.
pub fn new_document(kind: Kind, title: &str, today: NaiveDate) -> (&'static str, String) {
    let d = today.format("%Y-%m-%d");
    // A plan is for the year its title names (`2027年工会工作计划`, written in December
    // 2026), else for this year.
    let y = title_year(title).unwrap_or_else(|| today.year());
    let title_yaml = serde_json::to_string(title).unwrap_or_else(|_| format!("\"{title}\""));
    match kind {
        Kind::Plan => (
            "plans",
            format!(
                "---\ntitle: {title_yaml}\ndate: {d}\nyear: {y}\n# categories: [分类名]\n# 每月工作安排：月份 1 到 12\nschedule:\n  1: []\n---\n\n## 一、指导思想\n\n"
            ),
        ),
        Kind::Notice => (
            "notices",
            format!(
                "---\ntitle: {title_yaml}\ndate: {d}\n# doc_no: 文号\n# categories: [分类名]\ndisclosure: {{start: {d}, working_days: 5}}\n---\n\n"
            ),
        ),
        Kind::Summary => ("summaries", format!("---\ntitle: {title_yaml}\ndate: {d}\n# categories: [分类名]\n---\n\n")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_for_the_year_its_title_names() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let (_, text) = new_document(Kind::Plan, "2027年工会工作计划", today);
        assert!(text.contains("\nyear: 2027\n"), "{text}");
        let (_, text) = new_document(Kind::Plan, "工会 2027 年工作要点", today);
        assert!(text.contains("\nyear: 2027\n"), "{text}");
        let (_, text) = new_document(Kind::Plan, "工会工作计划", today);
        assert!(text.contains("\nyear: 2026\n"), "{text}");
        assert_eq!(title_year("第12027年"), None);
        assert_eq!(title_year("2027"), None);
    }
}
