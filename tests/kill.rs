//! Issue 14: a build killed at any instant leaves the previous or the new complete
//! site, never a mix or nothing, and a record that parses, verifies and lets the next
//! build succeed.
mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn doc(i: usize) -> (String, String) {
    let body: String = (0..30)
        .map(|p| format!("第{p}段：组织全体教职工开展学习活动，文档{i}。\n\n"))
        .collect();
    (
        format!("title: 通知{i}\ndate: 2023-01-{:02}", i % 28 + 1),
        body,
    )
}

/// The document URLs the published record lists; each must have its page.
fn published(out: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(out.join("disclosure.json"))
        .unwrap_or_else(|e| panic!("no disclosure.json in the output: {e}"));
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("disclosure.json: {e}"));
    let urls: BTreeSet<String> = entries
        .iter()
        .filter_map(|e| e["url"].as_str().map(str::to_string))
        .collect();
    for u in &urls {
        let page = out.join(u.trim_matches('/')).join("index.html");
        assert!(page.is_file(), "{u} is listed but its page is missing");
    }
    assert!(out.join("index.html").is_file(), "the home page is missing");
    urls
}

fn build_cmd(site: &TestSite) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.env("GONGKAI_LANG", "en");
    c.arg("build")
        .arg("--site")
        .arg(site.root())
        .env("GONGKAI_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site() {
    let mut site = TestSite::new();
    for i in 0..300 {
        let (fm, body) = doc(i);
        site = site.doc(&format!("notices/n{i}.md"), &fm, &body);
    }
    let t0 = Instant::now();
    let out = site.build().out;
    let full = t0.elapsed();
    let mut before = published(&out);
    assert_eq!(before.len(), 300);
    let rounds = 12;
    let mut outcomes = (0, 0);
    for round in 0..rounds {
        // Each round adds a document, so the new site differs from the old one.
        let (fm, body) = doc(1000 + round);
        site = site.doc(&format!("notices/k{round}.md"), &fm, &body);
        let new_url = format!("/notices/k{round}/");
        // Kill instants spread from early in a build to past its usual end (the later
        // builds write over the kept output and may be slower or faster than the first).
        let delay = full * (3 + 2 * round as u32) / 16;
        let mut child = build_cmd(&site).spawn().expect("spawn build");
        let waited = Instant::now();
        let mut finished = false;
        while waited.elapsed() < delay {
            if child.try_wait().expect("wait").is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if !finished {
            let _ = child.kill(); // SIGKILL
        }
        let _ = child.wait();
        let after = published(&out);
        // The new site: every document written so far (earlier rounds killed before
        // their swap are published by this one).
        let mut expected_new: BTreeSet<String> =
            (0..300).map(|i| format!("/notices/n{i}/")).collect();
        expected_new.extend((0..=round).map(|r| format!("/notices/k{r}/")));
        if after == before {
            outcomes.0 += 1;
            assert!(
                !out.join(new_url.trim_matches('/')).exists(),
                "round {round}: a page of the new site in the old one"
            );
        } else {
            assert!(
                after == expected_new,
                "round {round}: neither the old nor the new site ({} documents, old {}, new {})",
                after.len(),
                before.len(),
                expected_new.len()
            );
            outcomes.1 += 1;
        }
        // The record the kill left parses and agrees with the content, and the
        // published site verifies.
        let check = site.run(&["check"]);
        assert!(
            check.status.success(),
            "round {round}: check after the kill: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let verify = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("GONGKAI_LANG", "en")
            .arg("verify")
            .arg(&out)
            .output()
            .expect("verify");
        assert!(
            verify.status.success(),
            "round {round}: verify: {}",
            String::from_utf8_lossy(&verify.stderr)
        );
        before = after;
    }
    // The next build succeeds and publishes everything.
    let last = site.build();
    assert_eq!(published(&last.out).len(), 300 + rounds);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!(
        "kills: {} left the old site, {} the new",
        outcomes.0, outcomes.1
    );
}
