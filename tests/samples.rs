//! The real-world material in ../shared/samples/ (ten Chinese union work plans) as a
//! site: each plan becomes a document, the months it names become its schedule.
mod common;
use common::*;

const CN_NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Splits the sample file into (title, body) per plan.
fn plans(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(i) = line.find("计划篇") {
            out.push((line[i..].trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// Months a plan's lines name (`4月`, `4—7月`), as a YAML schedule.
fn schedule(body: &str) -> String {
    let mut by_month: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for line in body.lines() {
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c != '月' || i == 0 {
                continue;
            }
            let mut j = i;
            while j > 0 && chars[j - 1].is_ascii_digit() {
                j -= 1;
            }
            let Ok(m) = chars[j..i].iter().collect::<String>().parse::<u32>() else {
                continue;
            };
            if (1..=12).contains(&m) {
                let item: String = line
                    .trim_start_matches(['-', ' '])
                    .chars()
                    .take(40)
                    .collect();
                let item = item.replace(['"', '\\'], "");
                let list = by_month.entry(m).or_default();
                if !list.contains(&item) {
                    list.push(item);
                }
            }
        }
    }
    let mut y = String::from("schedule:\n");
    for (m, items) in &by_month {
        y.push_str(&format!("  {m}:\n"));
        for it in items {
            y.push_str(&format!("    - \"{it}\"\n"));
        }
    }
    if by_month.is_empty() {
        y.clear();
    }
    y
}

#[test]
fn the_ten_sample_plans_build_into_a_site() {
    let Some(text) = sample_plans_text() else {
        return;
    };
    let plans = plans(&text);
    assert_eq!(plans.len(), 10, "the sample has ten plans");
    let mut site = TestSite::new().today("2023-12-31");
    let mut scheduled_months = 0;
    for (i, (title, body)) in plans.iter().enumerate() {
        let sched = schedule(body);
        scheduled_months += sched.matches("\n  ").count();
        let fm = format!("title: 2023年工会工作计划（{title}）\ndate: 2023-01-{:02}\nyear: 2023\ncategories: [工作计划]\n{sched}", i + 1);
        site = site.doc(&format!("plans/plan-{}.md", CN_NUM[i]), &fm, body);
    }
    assert!(scheduled_months > 0);
    let b = site.build();
    let list = b.page("/plans/");
    assert_eq!(list.count(".doc-list .doc-item"), 10);
    let p = b.page("/plans/plan-二/");
    assert!(p.text(".body").contains("职业病防治"));
    // Plan 2 schedules occupational-health publicity for April.
    let april = b.page("/archive/2023/04/");
    assert!(april.text("main").contains("职业病防治"), "{}", april.html);
    assert!(april
        .attrs("a", "href")
        .iter()
        .any(|h| h == "/plans/plan-%E4%BA%8C/" || h == "/plans/plan-二/"));
}
