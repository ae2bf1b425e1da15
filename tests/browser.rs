//! Headless Chromium checks of built sites (tests/browser/pages.mjs): no sideways
//! scrolling at 390 px, no serious axe-core violation in light and dark, print hides the
//! navigation and shows the QR code, the large-text mode is remembered.
//!
//! Needs node and Chromium (/usr/bin/chromium, or $CHROMIUM). Under CI=true a missing
//! one is a failure; otherwise the test is skipped with a message.
mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
}

fn has_node() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the browser checks can run; panics under CI when they cannot.
fn ready() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
    let missing = if !chromium().exists() {
        Some(format!("Chromium not found at {}", chromium().display()))
    } else if !has_node() {
        Some("node not found".to_string())
    } else {
        None
    };
    match missing {
        Some(what) if ci => panic!("browser tests: {what} (CI=true, so this is a failure)"),
        Some(what) => {
            eprintln!("skipping browser tests: {what}");
            false
        }
        None => true,
    }
}

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// Installs playwright-core and axe-core when node_modules is missing, once per test
/// process (tests run in parallel threads, and two `npm ci` in one folder collide).
fn npm_install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(npm_install_now);
}

fn npm_install_now() {
    let dir = browser_dir();
    if dir.join("node_modules/playwright-core").is_dir()
        && dir.join("node_modules/axe-core").is_dir()
    {
        return;
    }
    let cmd = if dir.join("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    let out = Command::new("npm")
        .arg(cmd)
        .arg("--no-audit")
        .arg("--no-fund")
        .current_dir(&dir)
        .output()
        .expect("run npm");
    assert!(
        out.status.success(),
        "npm {cmd} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs pages.mjs on a built folder; shows its report and fails on any failure.
fn check(out: &Path, base: &str) {
    npm_install();
    let mut cmd = Command::new("node");
    cmd.arg(browser_dir().join("pages.mjs"))
        .arg(out)
        .arg("--base")
        .arg(base)
        .env("CHROMIUM", chromium());
    if let Ok(dir) = std::env::var("GONGKAI_SHOTS") {
        cmd.arg("--shots").arg(dir);
    }
    let res = cmd.output().expect("run node");
    let stdout = String::from_utf8_lossy(&res.stdout);
    let stderr = String::from_utf8_lossy(&res.stderr);
    println!("{stdout}");
    assert!(
        res.status.success(),
        "browser checks failed for {}:\n{stdout}\n{stderr}",
        out.display()
    );
}

/// Copies the example site at the repository root (site.yaml, content/, themes/) so that
/// building it never writes beside the real one.
fn example_site() -> TestSite {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = TestSite::bare().today("2026-06-15");
    for top in ["site.yaml", "content", "themes"] {
        let p = root.join(top);
        if p.is_file() {
            site = site.bytes(top, &std::fs::read(&p).expect("read"));
        } else {
            for f in files_under(&p) {
                let rel = f
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .replace('\\', "/");
                site = site.bytes(&rel, &std::fs::read(&f).expect("read"));
            }
        }
    }
    site
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                v.extend(files_under(&p));
            } else {
                v.push(p);
            }
        }
    }
    v
}

#[test]
fn example_site_passes_the_browser_checks() {
    if !ready() {
        return;
    }
    let site = example_site();
    let b = site.build();
    check(&b.out, "/");
}

/// A small site under a sub-path, in English, with second list pages, a withdrawn
/// notice, corrections, a long table and a long unbroken word: the cases that break
/// layouts on phones.
#[test]
fn sub_path_english_site_passes_the_browser_checks() {
    if !ready() {
        return;
    }
    let mut site = TestSite::bare()
        .file("site.yaml", "title: Qinglan Teachers College Union\nbase_url: https://union.example.edu.cn/gk/\nlanguage: en\npaginate: 2\ncontact: Union office, phone 0571-8888 6000\n")
        .doc("notices/open.md", "title: Budget for 2023 open for objections\ndate: 2023-06-10\ncategories: [Funds]\ndisclosure: {start: 2023-06-10, working_days: 5}", "| item | amount | note |\n|---|---|---|\n| Spring festival gifts for every member of the union | 120000 | averylongunbrokenwordthatmightoverflowaphonescreenwhenwrittenwithoutspaces |\n")
        .doc("notices/withdrawn.md", "title: A withdrawn list\ndate: 2023-05-10\nstatus: withdrawn\nwithdrawn: {date: 2023-05-12, reason: wrong names}\ncorrections: [{date: 2023-05-11, note: fixed a date}]", "Text.")
        .doc("notices/third.md", "title: Third notice\ndate: 2023-04-10\ncategories: [Funds]", "Text.")
        .doc("summaries/s.md", "title: First half summary\ndate: 2023-06-01", "Text.");
    site = site.doc(
        "plans/p.md",
        "title: Union work plan 2023\ndate: 2022-12-20\nyear: 2023\ncategories: [Funds]\nschedule:\n  5: [Spring walk, Congress proposals follow-up]\n  6: [Mid-year review]\n",
        "Text.",
    );
    let b = site.build();
    check(&b.out, "/gk/");
}

/// The ten plans of ../shared/samples/ as a site under a sub-path: each plan's
/// 具体月份工作安排 (一月份：…) and the months its sentences name become its schedule.
#[test]
fn sample_plans_site_passes_the_browser_checks() {
    let Some(text) = sample_plans_text() else {
        return;
    };
    if !ready() {
        return;
    }
    const MONTHS: [&str; 12] = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    let mut plans: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(i) = line.find("计划篇") {
            plans.push((line[i + "计划".len()..].trim().to_string(), Vec::new()));
        } else if let Some((_, body)) = plans.last_mut() {
            body.push(line.to_string());
        }
    }
    assert_eq!(plans.len(), 10);
    let mut site = TestSite::bare().today("2023-06-15").file(
        "site.yaml",
        "title: 示例学校工会 计划公开\nbase_url: https://gk.example.edu.cn/union/\npaginate: 4\ncontact: 校工会办公室\ncategories:\n  - {name: 年度计划, slug: annual, description: 工会年度工作计划。}\n",
    );
    for (n, (title, body)) in plans.iter().enumerate() {
        let mut sched: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
        let mut current = None;
        for line in body {
            let t = line.trim();
            if let Some(m) = t
                .strip_suffix("月份：")
                .and_then(|m| MONTHS.iter().position(|x| *x == m))
            {
                current = Some(m + 1);
            } else if let (Some(m), false) = (current, t.is_empty()) {
                let item = t
                    .trim_start_matches(['-', ' '])
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '、');
                sched
                    .entry(m)
                    .or_default()
                    .push(item.trim_end_matches('。').replace('"', ""));
            } else if let Some(i) = t.find("月") {
                let digits: String = t[..i]
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if let Ok(m @ 1..=12) = digits.parse::<usize>() {
                    let item: String = t
                        .trim_start_matches(['-', ' '])
                        .split('。')
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(30)
                        .collect();
                    sched.entry(m).or_default().push(item.replace('"', ""));
                }
            }
        }
        let mut fm = format!("title: 2023年工会工作计划（{title}）\ndate: 2023-0{}-1{}\nyear: 2023\ncategories: [年度计划]\n", n % 3 + 1, n % 10);
        if !sched.is_empty() {
            fm.push_str("schedule:\n");
            for (m, items) in &sched {
                fm.push_str(&format!("  {m}:\n"));
                for it in items {
                    fm.push_str(&format!("    - \"{it}\"\n"));
                }
            }
        }
        site = site.doc(
            &format!("plans/plan-{:02}.md", n + 1),
            &fm,
            &body.join("\n"),
        );
    }
    let b = site.build();
    // The month-by-month arrangement of 篇五 shows on its page and on the month pages.
    assert!(b
        .page("/plans/plan-05/")
        .text(".schedule-table")
        .contains("配合行政搞好中考工作"));
    assert!(b
        .page("/archive/2023/06/")
        .text(".schedule-list")
        .contains("配合行政搞好中考工作"));
    check(&b.out, "/union/");
}

/// A notice printed for the 公示栏 takes one A4 sheet whenever its text fits: the 落款
/// and the QR block are not left alone on a second sheet, and the paper shows the
/// period's dates, never a countdown that is wrong the next day.
#[test]
fn example_notices_print_on_one_sheet_when_they_fit() {
    if !ready() {
        return;
    }
    npm_install();
    let site = example_site().today("2026-12-01");
    let b = site.build();
    let mut paths: Vec<String> = std::fs::read_dir(b.out.join("notices"))
        .expect("notices")
        .flatten()
        .filter(|e| e.path().join("index.md").exists())
        .map(|e| format!("/notices/{}/", e.file_name().to_string_lossy()))
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "{paths:?}");
    let out = Command::new("node")
        .arg(browser_dir().join("print.mjs"))
        .arg(&b.out)
        .args(&paths)
        .current_dir(browser_dir())
        .output()
        .expect("run node");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let sheets: std::collections::BTreeMap<String, usize> =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"));
    // The two longest notices (a list of 10 names in a table after six groups; a
    // withdrawn one under its banner) need a second sheet; every other fits on one.
    let long = [
        "/notices/2025-advanced-union-groups/",
        "/notices/2026-summer-recuperation-list/",
    ];
    for (p, n) in &sheets {
        let want = if long.contains(&p.as_str()) { 2 } else { 1 };
        assert_eq!(*n, want, "{p} printed on {n} sheets: {sheets:?}");
    }
    // On paper, the period's dates, not the live status with its countdown.
    let page = b.page("/notices/2026-hardship-aid/");
    assert_eq!(page.count("dl.meta div.no-print [data-period]"), 1);
}
