//! Nothing outside the site is read into the output, nothing outside the output is
//! written or removed (SPEC §8a, issue "Robustness and safety"). Each test plants a link
//! to a file holding a canary string outside the site, builds, and looks for the canary
//! in every output file.
#![cfg(unix)]
mod common;
use common::*;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

const CANARY: &str = "CANARY-7f3a-outside-the-site";

/// A folder outside the site holding a canary file and a canary folder.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret.txt"), CANARY).unwrap();
        std::fs::write(
            dir.path().join("secret.md"),
            format!("---\ntitle: {CANARY}\ndate: 2023-06-01\n---\n\n{CANARY}\n"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("secret.html"),
            format!("{{% extends \"base.html\" %}}{CANARY}"),
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("etc")).unwrap();
        std::fs::write(dir.path().join("etc/shadow"), CANARY).unwrap();
        Outside { dir }
    }
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn site_with_bundle() -> TestSite {
    TestSite::new()
        .doc(
            "notices/award/index.md",
            "title: 表彰名单公示\ndate: 2023-06-01",
            "名单见附件。",
        )
        .file("content/notices/award/list.csv", "姓名\n张三\n")
}

fn link(site: &TestSite, rel: &str, target: &Path) {
    let p = site.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    symlink(target, p).unwrap();
}

/// Every file under `dir` (links not followed) whose bytes hold the canary.
fn canary_in(dir: &Path) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return hits;
    };
    for e in entries.flatten() {
        let t = e.file_type().unwrap();
        if t.is_dir() {
            hits.extend(canary_in(&e.path()));
        } else if t.is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            if bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()) {
                hits.push(e.path());
            }
        } else if t.is_symlink() {
            hits.push(e.path());
        }
    }
    hits
}

/// Builds expecting a refusal naming the link; checks nothing leaked.
fn refused(site: &TestSite, link_shown: &str) -> String {
    let err = site.build_err();
    assert!(
        err.contains(&format!(
            "{link_shown}: error: `{link_shown}` is a link to "
        )),
        "{err}"
    );
    assert!(err.contains("outside the site"), "{err}");
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "check must refuse it too");
    assert!(String::from_utf8_lossy(&check.stderr).contains(link_shown));
    assert!(canary_in(&site.root().join("public")).is_empty());
    err
}

#[test]
fn a_linked_file_in_a_bundle_is_refused() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(
        &site,
        "content/notices/award/shadow.txt",
        &out.file("secret.txt"),
    );
    refused(&site, "content/notices/award/shadow.txt");
}

#[test]
fn a_linked_folder_in_a_bundle_is_refused_and_not_walked() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "content/notices/award/etc", &out.file("etc"));
    let err = refused(&site, "content/notices/award/etc");
    assert!(
        !err.contains("shadow"),
        "nothing under the link is listed: {err}"
    );
}

#[test]
fn a_linked_document_is_refused() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "content/notices/leak.md", &out.file("secret.md"));
    refused(&site, "content/notices/leak.md");
}

#[test]
fn a_linked_section_folder_is_refused() {
    let out = Outside::new();
    std::fs::create_dir(out.file("sec")).unwrap();
    std::fs::copy(out.file("secret.md"), out.file("sec/a.md")).unwrap();
    let site = site_with_bundle();
    link(&site, "content/leaks", &out.file("sec"));
    refused(&site, "content/leaks");
}

#[test]
fn a_linked_content_folder_is_refused() {
    let out = Outside::new();
    std::fs::create_dir_all(out.file("c/notices")).unwrap();
    std::fs::copy(out.file("secret.md"), out.file("c/notices/a.md")).unwrap();
    let site = TestSite::new();
    link(&site, "content", &out.file("c"));
    refused(&site, "content");
}

#[test]
fn an_attachment_named_in_front_matter_that_is_a_link_is_refused_at_its_line() {
    let out = Outside::new();
    let site = TestSite::new().doc(
        "notices/plain.md",
        "title: 公示\ndate: 2023-06-01\nattachments:\n  - file: shadow.txt",
        "见附件。",
    );
    link(&site, "content/notices/shadow.txt", &out.file("secret.txt"));
    let err = site.build_err();
    assert!(
        err.contains(
            "content/notices/plain.md:5:11: error: `content/notices/shadow.txt` is a link to "
        ),
        "{err}"
    );
    assert!(canary_in(&site.root().join("public")).is_empty());
}

#[test]
fn a_linked_static_file_is_refused() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "static/passwd.txt", &out.file("secret.txt"));
    refused(&site, "static/passwd.txt");
}

#[test]
fn a_linked_static_folder_is_refused() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "static", &out.file("etc"));
    refused(&site, "static");
}

#[test]
fn a_linked_template_is_refused() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "templates/page.html", &out.file("secret.html"));
    refused(&site, "templates/page.html");
}

#[test]
fn a_link_that_stays_inside_the_site_is_followed() {
    let site = site_with_bundle().file("shared/logo.txt", "logo");
    link(
        &site,
        "static/logo.txt",
        &site.root().join("shared/logo.txt"),
    );
    link(
        &site,
        "content/notices/award/same.csv",
        &site.root().join("content/notices/award/list.csv"),
    );
    let b = site.build();
    assert_eq!(b.file("/logo.txt"), "logo");
    assert_eq!(b.file("/notices/award/same.csv"), "姓名\n张三\n");
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_and_what_it_leads_to_kept() {
    let out = Outside::new();
    let site = site_with_bundle();
    link(&site, "public", out.dir.path());
    let err = site.build_err();
    assert!(err.contains("is a symbolic link"), "{err}");
    // Building twice used to empty the folder the link led to.
    site.build_err();
    assert_eq!(
        std::fs::read_to_string(out.file("secret.txt")).unwrap(),
        CANARY
    );
    assert_eq!(
        std::fs::read_to_string(out.file("etc/shadow")).unwrap(),
        CANARY
    );
}

#[test]
fn a_kept_previous_output_that_is_a_link_is_never_read_through() {
    let out = Outside::new();
    let site = site_with_bundle();
    site.build();
    // The build keeps the replaced output as .public.prev: a link planted there is
    // removed, not followed, by the builds that come after.
    let prev = site.root().join(".public.prev");
    let _ = std::fs::remove_dir_all(&prev);
    symlink(out.dir.path(), &prev).unwrap();
    site.build();
    site.build();
    assert_eq!(
        std::fs::read_to_string(out.file("secret.txt")).unwrap(),
        CANARY
    );
    assert_eq!(
        std::fs::read_to_string(out.file("etc/shadow")).unwrap(),
        CANARY
    );
    assert!(canary_in(&site.root().join("public")).is_empty());
}

#[test]
fn a_link_planted_in_the_previous_output_is_removed_not_written_through() {
    let out = Outside::new();
    let site = site_with_bundle();
    site.build();
    site.build();
    // The next build writes over .public.prev: a link there to an outside file must
    // not carry the build's bytes out.
    let prev = site.root().join(".public.prev");
    std::fs::remove_file(prev.join("notices/award/list.csv")).unwrap();
    symlink(out.file("secret.txt"), prev.join("notices/award/list.csv")).unwrap();
    std::fs::remove_dir_all(prev.join("notices/award")).ok();
    std::fs::create_dir_all(prev.join("notices")).unwrap();
    symlink(out.file("etc"), prev.join("notices/award")).unwrap();
    site.build();
    assert_eq!(
        std::fs::read_to_string(out.file("secret.txt")).unwrap(),
        CANARY
    );
    assert_eq!(
        std::fs::read_to_string(out.file("etc/shadow")).unwrap(),
        CANARY
    );
    assert_eq!(std::fs::read_dir(out.file("etc")).unwrap().count(), 1);
    let b = site.build();
    assert_eq!(b.file("/notices/award/list.csv"), "姓名\n张三\n");
}

#[test]
fn an_output_reached_through_a_link_into_content_is_refused() {
    let site = site_with_bundle();
    link(&site, "elsewhere", &site.root().join("content"));
    let o = site.root().join("elsewhere/out");
    let r = site.run(&["build", "--output", o.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("inside the site's content/ folder"), "{err}");
}
