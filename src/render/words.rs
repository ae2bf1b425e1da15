//! The theme's words in the site's language, given to templates as `t`.

use std::collections::BTreeMap;

use crate::config::Language;

const WORDS: &[(&str, &str, &str)] = &[
    ("home", "首页", "Home"),
    ("plans", "工作计划", "Plans"),
    ("notices", "公示公告", "Notices"),
    ("summaries", "工作总结", "Summaries"),
    ("plan", "计划", "Plan"),
    ("notice", "公告", "Notice"),
    ("summary", "总结", "Summary"),
    ("categories", "分类", "Categories"),
    ("archive", "归档", "Archive"),
    ("search", "搜索", "Search"),
    ("feed", "订阅", "Feed"),
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("main_nav", "主导航", "Main navigation"),
    ("issuer", "发布机构", "Issued by"),
    ("department", "发布部门", "Department"),
    ("doc_no", "文号", "Document No."),
    ("published", "发布日期", "Published"),
    ("updated", "更新日期", "Updated"),
    ("category", "分类", "Category"),
    ("disclosure_period", "公示期", "Disclosure period"),
    ("status", "状态", "Status"),
    ("upcoming", "拟公示", "Not started"),
    ("open", "公示中", "Open"),
    ("closed", "公示结束", "Closed"),
    ("days_left", "剩余", "days left:"),
    ("days_unit", "天", ""),
    ("withdrawn", "已撤销", "Withdrawn"),
    ("withdrawn_on", "撤销日期", "Withdrawn on"),
    ("withdrawn_reason", "撤销原因", "Reason"),
    ("corrections", "更正记录", "Corrections"),
    ("attachments", "附件", "Attachments"),
    ("source", "原文（Markdown）", "Source (Markdown)"),
    ("source_hash", "原文校验码", "Source SHA-256"),
    ("contact", "异议反馈", "Objections to"),
    ("previous", "上一篇", "Previous"),
    ("next", "下一篇", "Next"),
    ("newer", "较新", "Newer"),
    ("older", "较早", "Older"),
    ("page", "页", "Page"),
    ("pagination", "分页", "Pagination"),
    ("latest", "最新", "Latest"),
    ("more", "更多", "More"),
    ("in_disclosure", "正在公示", "Open for objections"),
    ("this_month", "本月工作安排", "Scheduled this month"),
    ("schedule", "月度工作安排", "Monthly schedule"),
    ("month", "月份", "Month"),
    ("items", "工作内容", "Items"),
    ("documents", "篇", "documents"),
    ("no_documents", "暂无内容", "Nothing yet"),
    ("draft", "草稿（不会发布）", "Draft (not published)"),
    ("not_found", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "您访问的页面不存在或已移动。",
        "The page you asked for does not exist or has moved.",
    ),
    ("back_home", "返回首页", "Back to the home page"),
    ("all_documents", "全部", "All"),
    ("year", "年", ""),
    ("month_suffix", "月", ""),
    ("published_in_month", "本月发布", "Published this month"),
    (
        "scheduled_in_month",
        "各计划本月安排",
        "Scheduled by plans for this month",
    ),
    ("from_plan", "来自计划", "From plan"),
    ("large_text", "大字", "Large text"),
    ("print", "打印", "Print"),
    (
        "scan_to_check",
        "扫码查看在线版本",
        "Scan to read the online copy",
    ),
];

/// The words for a language, as a map for templates.
pub fn words(lang: Language) -> BTreeMap<&'static str, &'static str> {
    WORDS
        .iter()
        .map(|(k, zh, en)| (*k, if lang == Language::En { *en } else { *zh }))
        .collect()
}

/// A date as the site's language writes it: 2023年5月1日 or 2023-05-01.
pub fn date_display(d: chrono::NaiveDate, lang: Language) -> String {
    use chrono::Datelike;
    match lang {
        Language::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A section's title: the kind's word for the three known folders, else its name.
pub fn section_title(name: &str, lang: Language) -> String {
    let w = words(lang);
    match name {
        "plans" | "notices" | "summaries" => w.get(name).map(|s| s.to_string()).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// A file size for people: 12.3 KB.
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}
