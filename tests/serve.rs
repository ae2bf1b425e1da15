//! `gongkai serve` (SPEC §10): every test starts the real binary on a free port, edits
//! the site on disk the way editors do, and waits (with a deadline, polling) for the
//! served pages and the events channel to show it. The server is killed when the test
//! ends, whatever happens.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

const WAIT: Duration = Duration::from_secs(30);

/// A running `gongkai serve`, killed on drop.
struct Server {
    child: Child,
    addr: String,
    out: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &TestSite) -> Server {
    serve_args(site, &[])
}

fn serve_args(site: &TestSite, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_LANG", "en")
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg("--site")
        .arg(site.root())
        .env("GONGKAI_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gongkai serve");
    let out = Arc::new(Mutex::new(String::new()));
    for pipe in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    {
        let out = out.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                out.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
    }
    let mut server = Server {
        child,
        addr: String::new(),
        out,
    };
    // English or Chinese (`--lang zh-CN`).
    let lead = ["serving http://", "预览地址 http://"];
    let text = server.wait_output(|o| lead.iter().any(|l| o.contains(l)), "the serving line");
    let at = text.find(" http://").unwrap() + " http://".len();
    let rest = &text[at..];
    server.addr = rest[..rest.find('/').unwrap()].to_string();
    server
}

impl Server {
    fn output(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    /// Waits until the server's output satisfies `ok`; returns it.
    fn wait_output(&mut self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let o = self.output();
            if ok(&o) {
                return o;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("gongkai serve exited ({status}) before {what}:\n{o}");
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; output:\n{o}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        http_get(&self.addr, path)
    }

    /// Polls a page until its body satisfies `ok`; returns the body.
    fn wait_page(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {path} to show {what}; last status {status}, output:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn events(&self) -> Events {
        Events::open(&self.addr)
    }

    fn rebuild_lines(&self) -> Vec<String> {
        self.output()
            .lines()
            .filter(|l| l.starts_with("rebuilt ("))
            .map(str::to_string)
            .collect()
    }
}

/// A plain HTTP/1.1 GET; the status and the body.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The events channel, read in the background.
struct Events {
    text: Arc<Mutex<String>>,
    stream: TcpStream,
}

impl Events {
    fn open(addr: &str) -> Events {
        let mut s = TcpStream::connect(addr).expect("connect");
        write!(
            s,
            "GET /__gongkai/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let text = Arc::new(Mutex::new(String::new()));
        let reader = s.try_clone().expect("clone");
        let t = text.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(reader);
            let mut line = String::new();
            while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                t.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let e = Events { text, stream: s };
        e.wait(|t| t.contains("event: hello"), "the hello event");
        e
    }

    fn text(&self) -> String {
        self.text.lock().unwrap().clone()
    }

    fn wait(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let t = self.text();
            if ok(&t) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} on the events channel; got:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Forgets what was received so far.
    fn clear(&self) {
        self.text.lock().unwrap().clear();
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

fn write(site: &TestSite, rel: &str, text: &str) {
    let p = site.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn doc_text(title: &str, date: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ncategories: [经费公开]\n---\n\n{body}\n")
}

fn sample_site() -> TestSite {
    TestSite::new()
        .doc(
            "notices/budget.md",
            "title: 关于工会经费预算的公示\ndate: 2023-06-01\ncategories: [经费公开]",
            "现将预算公示如下。",
        )
        .doc(
            "notices/old.md",
            "title: 去年的通知\ndate: 2022-11-03",
            "旧的内容。",
        )
        .doc(
            "plans/plan.md",
            "title: 2023年工会工作计划\ndate: 2023-01-05\nschedule:\n  3: [三八节活动]",
            "计划正文。",
        )
}

#[test]
fn serve_builds_with_drafts_and_never_writes_public() {
    let site = sample_site().doc(
        "notices/draft.md",
        "title: 草稿通知\ndate: 2023-06-10\ndraft: true",
        "草稿。",
    );
    let s = serve(&site);
    assert!(
        s.addr.starts_with("127.0.0.1:"),
        "binds 127.0.0.1 by default: {}",
        s.addr
    );
    let (status, body) = s.get("/notices/draft/");
    assert_eq!(status, 200);
    assert!(body.contains("草稿通知"));
    assert!(
        body.contains("data-gongkai-serve"),
        "the reload script is in served pages"
    );
    // Links point at the local server, not at base_url.
    let (_, home) = s.get("/");
    assert!(
        !home.contains("https://example.org/notices/"),
        "base_url is rewritten"
    );
    assert!(s.output().contains("built "), "{}", s.output());
    assert!(
        !site.root().join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn an_edit_shows_in_the_served_page_and_sends_a_reload() {
    let site = sample_site();
    let mut s = serve(&site);
    let ev = s.events();
    assert!(s.get("/notices/budget/").1.contains("现将预算公示如下。"));
    write(
        &site,
        "content/notices/budget.md",
        &doc_text(
            "关于工会经费预算的公示（修订）",
            "2023-06-01",
            "预算已经修订。",
        ),
    );
    s.wait_page("/notices/budget/", "the edit", |st, b| {
        st == 200 && b.contains("预算已经修订。")
    });
    ev.wait(|t| t.contains("event: reload"), "a reload");
    // Its lists show the new title too.
    assert!(s
        .get("/notices/")
        .1
        .contains("关于工会经费预算的公示（修订）"));
    assert!(s
        .get(
            "/categories/经费公开/"
                .replace("经费公开", "%E7%BB%8F%E8%B4%B9%E5%85%AC%E5%BC%80")
                .as_str()
        )
        .1
        .contains("（修订）"));
    assert!(s.get("/archive/2023/06/").1.contains("（修订）"));
    // One line per rebuild: what changed, pages re-rendered, milliseconds; not a full
    // rebuild. The page can be served a moment before the line is printed: wait for it.
    s.wait_output(|o| o.contains("rebuilt ("), "the rebuild line");
    let lines = s.rebuild_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("content/notices/budget.md")
            && lines[0].contains("re-rendered")
            && lines[0].ends_with(" ms"),
        "{}",
        lines[0]
    );
    assert!(!lines[0].contains("full"), "{}", lines[0]);
}

#[test]
fn an_edit_re_renders_only_the_pages_that_show_the_document() {
    let mut site = sample_site();
    for i in 0..40 {
        site = site.doc(
            &format!("summaries/s{i:02}.md"),
            &format!("title: 总结{i}\ndate: 2021-03-{:02}", i % 28 + 1),
            "正文。",
        );
    }
    let mut s = serve(&site);
    let total: usize = s
        .output()
        .split("built ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    write(
        &site,
        "content/notices/budget.md",
        &doc_text("关于工会经费预算的公示", "2023-06-01", "只改正文。"),
    );
    s.wait_page("/notices/budget/", "the edit", |_, b| {
        b.contains("只改正文。")
    });
    s.wait_output(|o| o.contains("rebuilt ("), "the rebuild line");
    let line = s.rebuild_lines().pop().unwrap();
    let n: usize = line
        .split("): ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(n < total / 2, "re-rendered {n} of {total} pages: {line}");
}

#[test]
fn a_new_document_appears_in_its_section_and_month_and_a_deleted_one_is_gone() {
    let site = sample_site();
    let s = serve(&site);
    write(
        &site,
        "content/notices/new.md",
        &doc_text("关于评选先进集体的通知", "2023-05-20", "评选办法如下。"),
    );
    s.wait_page("/notices/new/", "the new document", |st, b| {
        st == 200 && b.contains("评选办法如下。")
    });
    assert!(s.get("/notices/").1.contains("关于评选先进集体的通知"));
    assert!(s
        .get("/archive/2023/05/")
        .1
        .contains("关于评选先进集体的通知"));
    assert!(s.get("/sitemap.xml").1.contains("/notices/new/"));
    assert!(s.get("/notices/new/index.md").1.contains("评选办法如下。"));

    std::fs::remove_file(site.root().join("content/notices/new.md")).unwrap();
    s.wait_page("/notices/new/", "a 404", |st, _| st == 404);
    assert!(!s.get("/notices/").1.contains("关于评选先进集体的通知"));
    let (st, _) = s.get("/archive/2023/05/");
    assert_eq!(st, 404, "the month with no documents left is gone");
    assert_eq!(s.get("/notices/new/index.md").0, 404);
}

#[test]
fn moving_a_document_to_another_month_updates_both_months() {
    let site = sample_site();
    let s = serve(&site);
    assert!(s
        .get("/archive/2023/06/")
        .1
        .contains("关于工会经费预算的公示"));
    write(
        &site,
        "content/notices/budget.md",
        &doc_text("关于工会经费预算的公示", "2023-01-09", "现将预算公示如下。"),
    );
    s.wait_page("/archive/2023/01/", "the moved document", |_, b| {
        b.contains("关于工会经费预算的公示")
    });
    assert!(!s
        .get("/archive/2023/06/")
        .1
        .contains("关于工会经费预算的公示"));
}

#[test]
fn a_broken_save_shows_its_error_while_the_old_page_stays_then_the_fix_clears_it() {
    let site = sample_site();
    let mut s = serve(&site);
    let ev = s.events();
    write(
        &site,
        "content/notices/budget.md",
        "---\ntitel: 关于工会经费预算的公示\ndate: 2023-06-01\n---\n\n坏了。\n",
    );
    let t = ev.wait(|t| t.contains("event: problems"), "the problems");
    assert!(
        t.contains("content/notices/budget.md") && t.contains("titel"),
        "{t}"
    );
    assert!(t.contains("\"line\":2"), "file, line and message: {t}");
    // The last good page is still served.
    let (st, body) = s.get("/notices/budget/");
    assert_eq!(st, 200);
    assert!(body.contains("现将预算公示如下。"));
    s.wait_output(
        |o| o.contains("unknown front matter key `titel`"),
        "the error in the terminal",
    );
    // A page opened now is told about the problem at once.
    let late = s.events();
    late.wait(
        |t| t.contains("event: problems"),
        "the problems for a new page",
    );

    ev.clear();
    write(
        &site,
        "content/notices/budget.md",
        &doc_text("关于工会经费预算的公示", "2023-06-01", "修好了。"),
    );
    ev.wait(|t| t.contains("event: reload"), "a reload after the fix");
    s.wait_page("/notices/budget/", "the fixed page", |_, b| {
        b.contains("修好了。")
    });
    let fresh = s.events();
    let t = fresh.wait(|t| t.contains("event: ok"), "no problems after the fix");
    assert!(!t.contains("event: problems"), "{t}");
}

#[test]
fn a_broken_template_keeps_the_site_and_a_template_change_re_renders_every_page() {
    let site = sample_site();
    let s = serve(&site);
    let ev = s.events();
    let base = include_str!("../themes/default/templates/base.html");
    write(
        &site,
        "templates/base.html",
        "{% block main %}{% endblock %\n",
    );
    let t = ev.wait(|t| t.contains("event: problems"), "the template error");
    assert!(t.contains("templates/base.html"), "{t}");
    assert!(s.get("/").1.contains("关于工会经费预算的公示"));
    write(
        &site,
        "templates/base.html",
        &base.replace("<body", "<body data-marker=\"新模板\""),
    );
    for p in [
        "/",
        "/notices/budget/",
        "/plans/plan/",
        "/archive/2023/03/",
        "/categories/",
    ] {
        s.wait_page(p, "the new template", |_, b| {
            b.contains("data-marker=\"新模板\"")
        });
    }
}

#[test]
fn editors_save_patterns_all_work() {
    let site = sample_site();
    let s = serve(&site);
    let path = site.root().join("content/notices/budget.md");
    // vim, VS Code, JetBrains: write a temporary file, rename it over the document.
    let tmp = site.root().join("content/notices/budget.md.tmp");
    std::fs::write(
        &tmp,
        doc_text("关于工会经费预算的公示", "2023-06-01", "改名保存。"),
    )
    .unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    s.wait_page("/notices/budget/", "the rename-over save", |_, b| {
        b.contains("改名保存。")
    });
    // vim's default: move the original to a backup, write anew, delete the backup.
    let backup = site.root().join("content/notices/budget.md~");
    std::fs::rename(&path, &backup).unwrap();
    std::fs::write(
        &path,
        doc_text("关于工会经费预算的公示", "2023-06-01", "备份保存。"),
    )
    .unwrap();
    std::fs::remove_file(&backup).unwrap();
    s.wait_page("/notices/budget/", "the backup-and-write save", |_, b| {
        b.contains("备份保存。")
    });
    // Delete, then create.
    std::fs::remove_file(&path).unwrap();
    std::fs::write(
        &path,
        doc_text("关于工会经费预算的公示", "2023-06-01", "删除再建。"),
    )
    .unwrap();
    s.wait_page(
        "/notices/budget/",
        "the delete-then-create save",
        |st, b| st == 200 && b.contains("删除再建。"),
    );
    // Write in place, in two steps (truncate, then write).
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    f.write_all(doc_text("关于工会经费预算的公示", "2023-06-01", "原地写入。").as_bytes())
        .unwrap();
    drop(f);
    s.wait_page("/notices/budget/", "the in-place save", |_, b| {
        b.contains("原地写入。")
    });
}

#[test]
fn a_burst_of_changes_gives_one_rebuild() {
    let site = sample_site();
    let mut s = serve(&site);
    let before = s.rebuild_lines().len();
    for i in 0..200 {
        write(
            &site,
            &format!("content/summaries/s{i:03}.md"),
            &doc_text(&format!("总结{i}"), "2023-02-01", "正文。"),
        );
    }
    s.wait_page("/sitemap.xml", "all 200 documents", |_, b| {
        b.matches("/summaries/s").count() == 200
    });
    // The new pages can be served a moment before the rebuild's line is printed: wait
    // for the line, then a little longer for any other.
    s.wait_output(
        |o| o.lines().filter(|l| l.starts_with("rebuilt (")).count() > before,
        "the rebuild line",
    );
    std::thread::sleep(Duration::from_millis(300));
    let lines = s.rebuild_lines();
    // One rebuild, or two when the machine is so busy that the first few saves were
    // already quiet for the debounce time before the rest came (the debounce is a
    // time): never one a file.
    assert!((1..=2).contains(&(lines.len() - before)), "{lines:#?}");
}

#[test]
fn a_static_file_is_served_and_updated_alone() {
    let site = sample_site().file("static/notice.txt", "版本一");
    let mut s = serve(&site);
    assert_eq!(s.get("/notice.txt").1, "版本一");
    write(&site, "static/notice.txt", "版本二");
    s.wait_page("/notice.txt", "the new static file", |_, b| b == "版本二");
    let line = s.wait_output(|o| o.contains("rebuilt (static files)"), "the rebuild line");
    assert!(line.contains("rebuilt (static files): 0 pages"), "{line}");
}

#[test]
fn requests_cannot_leave_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET-机密").unwrap();
    let site = sample_site().file("static/ok.txt", "fine");
    let mut s = serve(&site);
    assert_eq!(s.get("/ok.txt"), (200, "fine".to_string()));
    // A link out of the site, made while serving: the rebuild refuses it, naming it,
    // and the last good version goes on being served without it.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            site.root().join("static/leak.txt"),
        )
        .unwrap();
        let line = s.wait_output(|o| o.contains("static/leak.txt"), "the refusal");
        assert!(line.contains("is a link to"), "{line}");
        assert_eq!(s.get("/ok.txt"), (200, "fine".to_string()));
    }
    let depth = "../".repeat(20);
    let secret = outside.path().join("secret.txt");
    let secret = secret.to_string_lossy();
    for p in [
        format!("/{depth}etc/passwd"),
        "/..%2f..%2f..%2fetc%2fpasswd".to_string(),
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd".to_string(),
        "/static/..%252f..%252fetc/passwd".to_string(),
        format!("/{}", secret.trim_start_matches('/')),
        format!("//{}", secret.trim_start_matches('/')),
        format!("/{depth}{}", secret.trim_start_matches('/')),
        "/site.yaml".to_string(),
        "/content/notices/budget.md".to_string(),
        "/leak.txt".to_string(),
    ] {
        let (st, body) = s.get(&p);
        assert!(st == 404 || st == 400, "{p}: status {st}");
        assert!(
            !body.contains("SECRET") && !body.contains("root:") && !body.contains("base_url"),
            "{p} leaked: {body}"
        );
    }
    // Unknown paths get the site's own 404 page.
    let (st, body) = s.get("/no/such/page/");
    assert_eq!(st, 404);
    assert!(body.contains("测试工会"), "the site's 404 page: {body}");
}

#[test]
fn the_server_survives_clients_leaving_mid_stream_and_many_tabs() {
    let site = sample_site();
    let s = serve(&site);
    let mut tabs: Vec<Events> = (0..40).map(|_| s.events()).collect();
    // Half the tabs close abruptly; a client also hangs up in the middle of a request.
    tabs.truncate(20);
    {
        let mut c = TcpStream::connect(&s.addr).unwrap();
        let _ = c.write_all(b"GET /notices/ HTTP/1.1\r\nHost: x\r\n");
    }
    {
        let mut c = TcpStream::connect(&s.addr).unwrap();
        let _ = c.write_all(b"GET /sitemap.xml HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut one = [0u8; 16];
        let _ = c.read(&mut one);
    }
    write(
        &site,
        "content/notices/budget.md",
        &doc_text("关于工会经费预算的公示", "2023-06-01", "众多标签页。"),
    );
    for t in &tabs {
        t.wait(
            |x| x.contains("event: reload"),
            "a reload in every open tab",
        );
    }
    assert!(s.get("/notices/budget/").1.contains("众多标签页。"));
}

#[test]
fn a_site_that_starts_broken_is_served_once_fixed() {
    let site = TestSite::new().doc("notices/a.md", "titel: 坏的\ndate: 2023-06-01", "正文。");
    let s = serve(&site);
    let ev = s.events();
    ev.wait(
        |t| t.contains("event: problems") && t.contains("titel"),
        "the problems",
    );
    let (st, body) = s.get("/");
    assert_eq!(st, 503);
    assert!(
        body.contains("data-gongkai-serve"),
        "the error page listens for the fix"
    );
    write(
        &site,
        "content/notices/a.md",
        &doc_text("好的", "2023-06-01", "修好了。"),
    );
    s.wait_page("/notices/a/", "the fixed site", |st, b| {
        st == 200 && b.contains("修好了。")
    });
}

#[test]
fn serve_refuses_a_folder_without_site_yaml() {
    let site = TestSite::bare();
    let out = site.run(&["serve", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.yaml"));
}

#[test]
fn a_chromium_page_updates_by_itself_after_a_save() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = Path::new("/usr/bin/chromium");
    let ci = std::env::var_os("CI").is_some_and(|v| v == "true" || v == "1");
    let ready = chromium.exists() && dir.join("node_modules/playwright-core").exists();
    if !ready {
        assert!(!ci, "CI=true: the browser test must run; install chromium and run `npm ci` in tests/browser");
        eprintln!("skipped: chromium or tests/browser/node_modules missing (run `npm install` in tests/browser)");
        return;
    }
    let site = sample_site();
    let s = serve(&site);
    let file = site.root().join("content/notices/budget.md");
    let out = Command::new("node")
        .arg(dir.join("serve.mjs"))
        .arg(format!("http://{}/notices/budget/", s.addr))
        .arg(&file)
        .current_dir(&dir)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "serve.mjs failed:\n{text}\nserver output:\n{}",
        s.output()
    );
    assert!(text.contains("ok"), "{text}");
}

#[test]
fn a_new_document_pushes_older_ones_to_the_next_list_page() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\npaginate: 2\n",
        )
        .doc(
            "notices/a.md",
            "title: 通知甲\ndate: 2023-06-01\ncategories: [评优]",
            "甲。",
        )
        .doc(
            "notices/b.md",
            "title: 通知乙\ndate: 2023-05-01\ncategories: [评优]",
            "乙。",
        )
        .doc(
            "notices/c.md",
            "title: 通知丙\ndate: 2023-04-01\ncategories: [评优]",
            "丙。",
        );
    let s = serve(&site);
    assert!(!s.get("/notices/page/2/").1.contains("通知乙"));
    write(
        &site,
        "content/notices/d.md",
        "---\ntitle: 通知丁\ndate: 2023-06-10\ncategories: [评优]\n---\n\n丁。\n",
    );
    s.wait_page("/notices/page/2/", "the shifted document", |_, b| {
        b.contains("通知乙") && b.contains("通知丙")
    });
    let first = s.get("/notices/").1;
    assert!(first.contains("通知丁") && first.contains("通知甲") && !first.contains("通知乙"));
    assert!(s
        .get("/categories/%E8%AF%84%E4%BC%98/page/2/")
        .1
        .contains("通知乙"));
    // The previous newest document now links to the new one as its neighbour.
    assert!(s.get("/notices/a/").1.contains("通知丁"));

    std::fs::remove_file(site.root().join("content/notices/d.md")).unwrap();
    s.wait_page("/notices/page/2/", "the list shifted back", |_, b| {
        !b.contains("通知乙") && b.contains("通知丙")
    });
    assert!(!s.get("/notices/a/").1.contains("通知丁"));
}

#[test]
fn a_link_to_a_deleted_document_becomes_an_error_and_the_site_stays() {
    let site = sample_site().doc(
        "notices/link.md",
        "title: 引用预算\ndate: 2023-06-02",
        "见[预算](budget.md)。",
    );
    let s = serve(&site);
    let ev = s.events();
    assert!(s.get("/notices/link/").1.contains("/notices/budget/"));
    std::fs::remove_file(site.root().join("content/notices/budget.md")).unwrap();
    let t = ev.wait(|t| t.contains("event: problems"), "the broken link");
    assert!(t.contains("content/notices/link.md"), "{t}");
    assert_eq!(s.get("/notices/budget/").0, 200, "the last good site stays");
    write(
        &site,
        "content/notices/budget.md",
        &doc_text("关于工会经费预算的公示", "2023-06-01", "回来了。"),
    );
    s.wait_page("/notices/budget/", "the restored document", |_, b| {
        b.contains("回来了。")
    });
}

#[test]
fn the_search_index_is_served_and_follows_the_edits() {
    let site = sample_site();
    let s = serve(&site);
    let meta = s.wait_page("/search/meta.json", "the search index", |st, _| st == 200);
    assert!(meta.contains("\"docs\":"), "{meta}");
    write(
        &site,
        "content/notices/new.md",
        &doc_text(
            "关于举办职工书画展的通知",
            "2023-05-20",
            "展览地点在图书馆一楼。",
        ),
    );
    // The index is rewritten after the reload: some document file soon holds the new text.
    let deadline = Instant::now() + WAIT;
    loop {
        let found = (0..40).any(|i| {
            s.get(&format!("/search/d/0/{i}.json"))
                .1
                .contains("职工书画展")
        });
        if found {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new document never reached the search index:\n{}",
            s.output()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A document links to another's attachment; when that document moves (a new slug),
/// the link follows it in the served page, as a full build would have it.
#[test]
fn a_link_to_an_attachment_follows_its_document() {
    let site = sample_site()
        .doc(
            "notices/a.md",
            "title: 甲\ndate: 2023-06-02",
            "[名单](award/list.csv)",
        )
        .file(
            "content/notices/award/index.md",
            "---\ntitle: 表彰\ndate: 2023-06-01\n---\n\n表彰名单见附件。\n",
        )
        .file("content/notices/award/list.csv", "姓名\n");
    let s = serve(&site);
    s.wait_page("/notices/a/", "the link to the attachment", |_, b| {
        b.contains("href=\"/notices/award/list.csv\"")
    });
    write(
        &site,
        "content/notices/award/index.md",
        "---\ntitle: 表彰\ndate: 2023-06-01\nslug: prize\n---\n\n表彰名单见附件。\n",
    );
    s.wait_page("/notices/a/", "the link to the moved attachment", |_, b| {
        b.contains("href=\"/notices/prize/list.csv\"")
    });
    assert_eq!(s.get("/notices/prize/list.csv").1, "姓名\n");
}

/// The preview shows a document's 索引号 as the published page does, from the record
/// the last build kept.
#[test]
fn the_preview_shows_index_numbers_from_the_record() {
    let site = sample_site();
    site.build();
    let s = serve(&site);
    let body = s.wait_page("/notices/budget/", "the document page", |st, _| st == 200);
    let numbers: Vec<&str> = body
        .match_indices("2023-0000")
        .map(|(i, _)| &body[i..i + 10])
        .collect();
    assert!(!numbers.is_empty(), "no 索引号 in the preview:\n{body}");
    let built =
        std::fs::read_to_string(site.root().join("public/notices/budget/index.html")).unwrap();
    assert!(built.contains(numbers[0]), "the build shows another number");
}

/// A sheet of names, as a secretary's 名单.xlsx.
fn names_xlsx(names: &[&str]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    for (r, n) in names.iter().enumerate() {
        ws.write_string(r as u32 + 1, 0, *n).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

fn cache_entries(site: &TestSite) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(site.root().join(".gongkai-cache/attachments"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Saving a new version of one attachment reads only that file again (one new entry
/// in the extraction cache, the other file's kept), re-renders only its document's
/// page, and the search data and the preview follow.
#[test]
fn an_edited_attachment_is_read_again_alone_and_only_its_page_follows() {
    let notice = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2023-06-01\nattachments: [名单.xlsx]\n---\n\n名单见附件。\n")
    };
    let site = sample_site()
        .file("content/notices/award/index.md", &notice("表彰名单"))
        .bytes("content/notices/award/名单.xlsx", &names_xlsx(&["张三"]))
        .file("content/notices/care/index.md", &notice("慰问名单"))
        .bytes("content/notices/care/名单.xlsx", &names_xlsx(&["李四"]));
    let mut s = serve(&site);
    s.wait_page("/notices/award/", "the preview", |_, b| b.contains("张三"));
    let before = cache_entries(&site);
    assert_eq!(before.len(), 2, "{before:?}");
    let lines = s.rebuild_lines().len();

    std::fs::write(
        site.root().join("content/notices/award/名单.xlsx"),
        names_xlsx(&["张三", "欧阳修远"]),
    )
    .unwrap();
    let out = s.wait_output(
        |o| o.lines().filter(|l| l.starts_with("rebuilt (")).count() > lines,
        "the rebuild line",
    );
    let line = out
        .lines()
        .filter(|l| l.starts_with("rebuilt ("))
        .nth(lines)
        .unwrap()
        .to_string();
    assert!(line.contains(": 1 page re-rendered"), "{line}");
    s.wait_page("/notices/award/", "the new row in the preview", |_, b| {
        b.contains("欧阳修远")
    });
    let after = cache_entries(&site);
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(
        before.iter().all(|e| after.contains(e)),
        "{before:?} {after:?}"
    );
    // The search data holds the new name (attachment texts live in search/a/).
    let deadline = Instant::now() + WAIT;
    while !(0..8).any(|i| {
        s.get(&format!("/search/a/0/{i}.json"))
            .1
            .contains("欧阳修远")
    }) {
        assert!(
            Instant::now() < deadline,
            "the new name never reached the search data:\n{}",
            s.output()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A secretary's serve speaks Chinese: its lines and the overlay's heading.
#[test]
fn serve_speaks_chinese_for_a_chinese_site() {
    let site = sample_site();
    let mut s = serve_args(&site, &["--lang", "zh-CN"]);
    let out = s.output();
    assert!(out.contains("预览地址 http://"), "{out}");
    assert!(out.contains("（草稿也会显示；按 Ctrl-C 停止）\n"), "{out}");
    let page = s.get("/notices/budget/").1;
    assert!(
        page.contains("h.textContent = \"gongkai 预览：刚保存的文件有错误，页面仍显示上一次正确的版本\" + \"\\n\\n\";"),
        "{page}"
    );
    write(
        &site,
        "content/notices/budget.md",
        &doc_text(
            "关于工会经费预算的公示（修订）",
            "2023-06-01",
            "预算已经修订。",
        ),
    );
    let out = s.wait_output(|o| o.contains("已更新（"), "the rebuild line");
    let line = out.lines().find(|l| l.starts_with("已更新（")).unwrap();
    assert!(
        line.starts_with("已更新（content/notices/budget.md）：重新生成了 ")
            && line.contains(" 个页面")
            && line.ends_with(" 毫秒"),
        "{line}"
    );
}
