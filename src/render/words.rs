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
    ("search_label", "搜索全部公开文件（标题、正文、附件、文号、部门、分类、工作安排）", "Search every document (title, text, attachments, number, department, category, schedule)"),
    ("search_section", "栏目", "Section"),
    ("search_year", "年份", "Year"),
    ("search_found", "找到 {n} 篇文件", "{n} documents found"),
    ("search_none", "没有找到包含“{n}”的文件", "No document contains “{n}”"),
    ("search_partial", "已核对并显示 {n} 篇，另有候选待核对（共 {m} 篇候选），可点“显示更多”", "Showing {n} checked results; more candidates to check ({m} in all): choose “Show more”"),
    ("search_loading", "正在搜索…", "Searching…"),
    ("search_error", "搜索索引加载失败，请稍后重试", "The search index could not be loaded; try again later"),
    ("search_more", "显示更多", "Show more"),
    ("search_attachment", "附件：{n}", "Attachment: {n}"),
    ("search_needs_js", "搜索需要启用 JavaScript。其他页面无需 JavaScript 即可浏览：可从栏目、分类和归档查找文件。", "Search needs JavaScript. The rest of the site works without it: browse by section, category or archive."),
    ("feed", "订阅", "Feed"),
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("main_nav", "主导航", "Main navigation"),
    ("issuer", "发布机构", "Issued by"),
    ("department", "发布部门", "Department"),
    ("doc_no", "文号", "Document No."),
    ("index_no", "索引号", "Index No."),
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
    ("working_days_unit", "个工作日", "working days"),
    ("withdrawn", "已撤销", "Withdrawn"),
    ("withdrawn_on", "撤销日期", "Withdrawn on"),
    ("withdrawn_reason", "撤销原因", "Reason"),
    ("corrections", "更正记录", "Corrections"),
    ("attachments", "附件", "Attachments"),
    ("preview_of", "附件预览", "Attachments at a glance"),
    ("preview_rows", "显示前 {n} 行，共 {m} 行", "The first {n} of {m} rows"),
    ("preview_download", "下载完整文件", "Download the whole file"),
    ("source", "原文（Markdown）", "Source (Markdown)"),
    ("source_hash", "原文校验码", "Source SHA-256"),
    ("record_hash", "公开记录校验码", "Record hash"),
    ("record_head", "公开记录链头", "Record chain head"),
    ("record", "公开记录", "Disclosure record"),
    ("contact", "异议反馈", "Objections to"),
    ("previous", "上一篇", "Previous"),
    ("next", "下一篇", "Next"),
    ("newer", "较新", "Newer"),
    ("older", "较早", "Older"),
    ("page", "页", "Page"),
    ("pagination", "分页", "Pagination"),
    ("latest", "最新", "Latest "),
    ("list_sep", "、", ", "),
    ("site_about", "工作计划、公示公告与工作总结的公开发布", "plans, notices and work summaries, published openly"),
    ("more", "更多", "More"),
    ("in_disclosure", "正在公示", "Open for objections"),
    ("this_month", "本月工作安排", "Scheduled this month"),
    ("schedule", "月度工作安排", "Monthly schedule"),
    ("month", "月份", "Month"),
    ("items", "工作内容", "Items"),
    ("documents", "篇", "documents"),
    ("document_one", "篇", "document"),
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
    ("status_published", "已发布", "Published"),
    ("sections", "栏目", "Sections"),
    ("lparen", "（", " ("),
    ("colon", "：", ": "),
    ("rparen", "）", ")"),
    ("current_month", "本月", "This month"),
    ("browse", "浏览", "Browse"),
    ("by_category", "按分类浏览", "By category"),
    ("by_year", "按年月浏览", "By year and month"),
    (
        "docs_per_month",
        "每月发布文件数",
        "Documents published per month",
    ),
    ("published_count", "发布", "Published"),
    ("scheduled_count", "计划安排", "Scheduled"),
    ("items_unit", "项", "items"),
    (
        "none_in_disclosure",
        "目前没有处于公示期的事项。",
        "Nothing is open for objections at the moment.",
    ),
    ("ends", "截止", "ends"),
    ("view_all", "查看全部", "View all "),
    ("online_copy", "在线版本", "Online copy"),
    ("read_plan", "查看计划", "Read the plan"),
];

/// The words for a language, as a map for templates.
/// Made once per language: lists and pages ask for words thousands of times.
pub fn words(lang: Language) -> &'static BTreeMap<&'static str, &'static str> {
    static ZH: std::sync::OnceLock<BTreeMap<&str, &str>> = std::sync::OnceLock::new();
    static EN: std::sync::OnceLock<BTreeMap<&str, &str>> = std::sync::OnceLock::new();
    let make = move || {
        WORDS
            .iter()
            .map(|(k, zh, en)| (*k, if lang == Language::En { *en } else { *zh }))
            .collect()
    };
    match lang {
        Language::En => EN.get_or_init(make),
        Language::ZhCn => ZH.get_or_init(make),
    }
}

/// A date as the site's language writes it: 2023年5月1日 or 2023-05-01.
pub fn date_display(d: chrono::NaiveDate, lang: Language) -> String {
    use chrono::Datelike;
    match lang {
        Language::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A month's name: 5月 or May.
pub fn month_name(m: u32, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{m}月"),
        Language::En => MONTHS_EN
            .get(m.wrapping_sub(1) as usize)
            .copied()
            .unwrap_or_default()
            .to_string(),
    }
}

/// A month of a year: 2023年5月 or May 2023.
pub fn month_display(y: i32, m: u32, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{y}年{m}月"),
        Language::En => format!("{} {y}", month_name(m, lang)),
    }
}

/// A section's title: as declared in site.yaml's `sections`, else the kind's word for
/// the three known folders, else its folder name.
pub fn section_title(config: &crate::config::Config, name: &str) -> String {
    if let Some(s) = config.section(name) {
        return s.title.clone();
    }
    let w = words(config.language);
    match name {
        "plans" | "notices" | "summaries" => w.get(name).map(|s| s.to_string()).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// A file size for people: 12.3 KB.
/// A document's pages and words, in the site's language: `3 页，1,234 字`,
/// `3 pages, 1,234 words`.
pub fn extent(e: crate::attach::Extent, lang: Language) -> String {
    let n = crate::diagnostics::thousands;
    let mut parts = Vec::new();
    if let Some(p) = e.pages {
        parts.push(match lang {
            Language::ZhCn => format!("{p} 页"),
            Language::En => format!("{p} page{}", if p == 1 { "" } else { "s" }),
        });
    }
    if let Some(w) = e.words.filter(|w| *w > 0) {
        parts.push(match lang {
            Language::ZhCn => format!("{} 字", n(w)),
            Language::En => format!("{} word{}", n(w), if w == 1 { "" } else { "s" }),
        });
    }
    parts.join(match lang {
        Language::ZhCn => "，",
        Language::En => ", ",
    })
}

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
