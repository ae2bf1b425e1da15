//! `gongkai deploy` (to an S3-compatible bucket and to a folder) and `gongkai verify
//! URL`. The bucket tests use the S3 server at `GONGKAI_TEST_S3` (`.ci/run` starts
//! moto's there); under CI=true they must run, elsewhere they are skipped with a note.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The S3 server's address, or `None` (with a note) outside CI when it is not set.
fn s3() -> Option<String> {
    match std::env::var("GONGKAI_TEST_S3") {
        Ok(url) if !url.is_empty() => Some(url.trim_end_matches('/').to_string()),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!(
                "GONGKAI_TEST_S3 is not set under CI=true: .ci/run starts moto_server and sets it"
            )
        }
        _ => {
            eprintln!("note: GONGKAI_TEST_S3 is not set; skipping a test that needs an S3 server");
            None
        }
    }
}

/// A bucket name no other test uses.
fn bucket_name() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "gk-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// One HTTP/1.1 request; the status and body of the answer.
fn http(method: &str, url: &str, content_type: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut s = TcpStream::connect(host).expect("connect");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("send");
    s.write_all(body).expect("send body");
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).expect("read");
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    let at = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(answer.len(), |i| i + 4);
    (status, answer[at..].to_vec())
}

/// Makes a bucket that anyone may read (and, for the tamper test, write) over HTTP.
fn make_bucket(endpoint: &str, bucket: &str) {
    let (status, body) = http("PUT", &format!("{endpoint}/{bucket}"), "text/plain", b"");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::{bucket}/*"}}]}}"#
    );
    let (status, body) = http(
        "PUT",
        &format!("{endpoint}/{bucket}?policy"),
        "application/json",
        policy.as_bytes(),
    );
    assert!(status < 300, "{}", String::from_utf8_lossy(&body));
}

const CONTACT: &str = "contact: 工会办公室 0571-8888 6000\n";

/// A small site like the example: a notice (a bundle with an attachment), a plan and
/// a summary, live, with the deploy targets given.
fn fixture(language: &str, deploy: &str) -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            &format!("title: 测试工会\nbase_url: https://example.org/\nlanguage: {language}\n{CONTACT}deploy:\n{deploy}"),
        )
        .doc(
            "notices/award/index.md",
            "title: 优秀工会积极分子公示\ndate: 2023-06-01\ncategories: [评优评先]\ndisclosure: {start: 2023-06-01, days: 7}\nattachments: [名单.csv]",
            "经推荐，拟评选以下同志为优秀工会积极分子。",
        )
        .file("content/notices/award/名单.csv", "姓名,部门\n张三,教务处\n")
        .doc(
            "plans/2023-plan.md",
            "title: 2023年工会工作计划\ndate: 2023-01-10\ncategories: [经费公开]",
            "今年的工作重点如下。",
        )
        .doc(
            "summaries/2022-summary.md",
            "title: 2022年工会工作总结\ndate: 2023-01-05",
            "一年来，工会做了以下工作。",
        )
        .doc(
            "notices/教代会/index.md",
            "title: 教代会提案征集通知\ndate: 2023-05-20\ncategories: [教代会]\ndisclosure: {start: 2023-05-20, days: 5}",
            "请各位代表提交提案。",
        )
}

fn s3_target(endpoint: &str, bucket: &str) -> String {
    format!(
        "  - {{name: s3, url: s3://{bucket}/gk, endpoint: \"{endpoint}\", region: us-east-1}}\n"
    )
}

/// Runs gongkai in a site with test credentials.
fn run(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.args(args)
        .arg("--site")
        .arg(site.root())
        .env("GONGKAI_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("GONGKAI_DEPLOY_FAIL_AFTER");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run gongkai")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[track_caller]
fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

#[track_caller]
fn fails(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
    assert!(!stdout(o).contains("deployed to"), "{}", stdout(o));
    assert!(!stdout(o).contains("已部署到"), "{}", stdout(o));
    stderr(o)
}

/// The files a verbose deploy names as sent.
fn sent(out: &str) -> BTreeSet<String> {
    out.lines()
        .filter_map(|l| l.strip_prefix("send ").or_else(|| l.strip_prefix("发送 ")))
        .map(str::to_string)
        .collect()
}

/// Every file of a folder with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let r = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if e.file_type().expect("type").is_dir() {
                walk(&e.path(), &r, out);
            } else {
                out.insert(r, std::fs::read(e.path()).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// The files that differ between two versions of a folder (changed or new).
fn changed(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect()
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let p = site.root().join("content").join(rel);
    let text = std::fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{from} not in {text}");
    std::fs::write(&p, text.replace(from, to)).expect("write");
}

/// Deploys, changes one document, deploys again: the second deploy sends exactly the
/// files the change touched (that document's page and source, its lists, the feed,
/// the sitemap, the search files, disclosure.json, and every page's footer, which
/// shows the record's chain head), and nothing else: no source, attachment or asset.
fn only_changes_are_sent(site: &TestSite, target: &str) {
    site.build();
    let first = run(site, &["deploy", target, "-v"], &[]);
    let out = ok(&first);
    let before = files(&site.root().join("public"));
    assert_eq!(sent(&out), before.keys().cloned().collect());
    assert!(
        out.contains(&format!(
            "deployed to `{target}`: {} file(s) sent (",
            before.len()
        )),
        "{out}"
    );
    assert!(
        out.contains(", 0 unchanged skipped, 0 deleted, in "),
        "{out}"
    );
    let again = ok(&run(site, &["deploy", target, "-v"], &[]));
    assert!(sent(&again).is_empty(), "{again}");
    assert!(
        again.contains(&format!(
            "deployed to `{target}`: 0 file(s) sent (0 B), {} unchanged skipped",
            before.len()
        )),
        "{again}"
    );

    edit(
        site,
        "plans/2023-plan.md",
        "今年的工作重点如下。",
        "今年的工作重点调整如下。",
    );
    edit(
        site,
        "plans/2023-plan.md",
        "date: 2023-01-10",
        "date: 2023-01-10\nupdated: 2023-06-10",
    );
    site.build_with(&["--accept-changes"]);
    let after = files(&site.root().join("public"));
    let expected = changed(&before, &after);
    let dry = ok(&run(site, &["deploy", target, "--dry-run"], &[]));
    assert_eq!(sent(&dry), expected, "{dry}");
    assert!(dry.contains("; nothing was sent"), "{dry}");
    let second = ok(&run(site, &["deploy", target, "-v"], &[]));
    let got = sent(&second);
    assert_eq!(got, expected);
    for must in [
        "plans/2023-plan/index.html",
        "plans/2023-plan/index.md",
        "plans/index.html",
        "categories/经费公开/index.html",
        "archive/2023/01/index.html",
        "feed.xml",
        "sitemap.xml",
        "disclosure.json",
        "search/g/0.bin",
    ] {
        assert!(got.contains(must), "{must} not sent: {got:?}");
    }
    for never in [
        "summaries/2022-summary/index.md",
        "notices/award/index.md",
        "notices/award/名单.csv",
        "style.css",
    ] {
        assert!(!got.contains(never), "{never} sent: {got:?}");
    }
    // A page the edit does not touch is sent again only because every page shows the
    // record's chain head (#14: in the footer, and on a printed notice), which the new
    // entry moved on: with those lines taken out, the page is as it was.
    for page in [
        "summaries/2022-summary/index.html",
        "notices/award/index.html",
    ] {
        assert!(got.contains(page), "{page} not sent: {got:?}");
        let without_head = |bytes: &[u8]| -> String {
            String::from_utf8_lossy(bytes)
                .lines()
                .filter(|l| !l.contains("footer-record") && !l.contains("record-head"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            without_head(&before[page]),
            without_head(&after[page]),
            "{page} changed beyond the chain head"
        );
    }
    assert!(
        second.contains(&format!(
            "deployed to `{target}`: {} file(s) sent (",
            expected.len()
        )),
        "{second}"
    );
}

// ---- a bucket ----

#[test]
fn a_bucket_gets_the_site_then_only_what_changed() {
    let Some(s3) = s3() else { return };
    let bucket = bucket_name();
    make_bucket(&s3, &bucket);
    let site = fixture("en", &s3_target(&s3, &bucket));
    only_changes_are_sent(&site, "s3");
    // Text is served as UTF-8, pages briefly cached, the rest longer.
    let page = TcpGet::head(&format!("{s3}/{bucket}/gk/notices/award/index.html"));
    assert!(
        page.contains("content-type: text/html; charset=utf-8"),
        "{page}"
    );
    assert!(
        page.contains("cache-control: public, max-age=300"),
        "{page}"
    );
    let css = TcpGet::head(&format!("{s3}/{bucket}/gk/style.css"));
    assert!(
        css.contains("content-type: text/css; charset=utf-8"),
        "{css}"
    );
    assert!(css.contains("cache-control: public, max-age=3600"), "{css}");
}

/// The response headers of a GET, lowercased.
struct TcpGet;
impl TcpGet {
    fn head(url: &str) -> String {
        let rest = url.strip_prefix("http://").expect("http URL");
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let mut s = TcpStream::connect(host).expect("connect");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut text = String::new();
        for line in BufReader::new(s).lines() {
            let line = line.unwrap_or_default();
            if line.is_empty() {
                break;
            }
            text.push_str(&line.to_lowercase());
            text.push('\n');
        }
        text
    }
}

#[test]
fn a_deploy_stopped_midway_is_not_reported_done_and_running_it_again_finishes() {
    let Some(s3) = s3() else { return };
    let bucket = bucket_name();
    make_bucket(&s3, &bucket);
    let site = fixture("en", &s3_target(&s3, &bucket));
    site.build();
    let total = files(&site.root().join("public")).len();
    let o = run(&site, &["deploy"], &[("GONGKAI_DEPLOY_FAIL_AFTER", "5")]);
    let err = fails(&o);
    assert!(
        err.contains(&format!("error: the deploy to `s3` did not finish: 5 of {total} files were sent; the target's manifest was not updated, so run gongkai deploy again to finish\n")),
        "{err}"
    );
    // Nothing is published as done: no manifest yet, and the record not sent.
    let (status, _) = http(
        "GET",
        &format!("{s3}/{bucket}/gk/.gongkai-manifest.json"),
        "text/plain",
        b"",
    );
    assert_eq!(status, 404);
    let (status, _) = http(
        "GET",
        &format!("{s3}/{bucket}/gk/disclosure.json"),
        "text/plain",
        b"",
    );
    assert_eq!(status, 404);
    let out = ok(&run(&site, &["deploy"], &[]));
    assert!(
        out.contains(&format!("deployed to `s3`: {total} file(s) sent")),
        "{out}"
    );
    let v = ok(&run(&site, &["verify", &format!("{s3}/{bucket}/gk/")], &[]));
    assert!(
        v.starts_with("verified 4 documents against 4 record entries in "),
        "{v}"
    );
}

#[test]
fn verify_url_checks_the_bucket_and_names_a_tampered_file() {
    let Some(s3) = s3() else { return };
    let bucket = bucket_name();
    make_bucket(&s3, &bucket);
    let site = fixture("en", &s3_target(&s3, &bucket));
    site.build();
    ok(&run(&site, &["deploy"], &[]));
    let url = format!("{s3}/{bucket}/gk/");
    let v = ok(&run(&site, &["verify", &url], &[]));
    assert!(
        v.starts_with(&format!("verified 4 documents against 4 record entries in {url}: every source matches its SHA-256 and the chain is intact (head ")),
        "{v}"
    );
    let (status, _) = http(
        "PUT",
        &format!("{s3}/{bucket}/gk/notices/award/index.md"),
        "text/markdown",
        "---\ntitle: 改过的\n---\n".as_bytes(),
    );
    assert_eq!(status, 200);
    let err = fails(&run(&site, &["verify", &url], &[]));
    assert!(
        err.contains(&format!("{url}notices/award/index.md: error: the source of /notices/award/ (索引号 2023-00004) does not match the record: SHA-256 ")),
        "{err}"
    );
    assert!(
        err.ends_with(&format!("error: verification of {url} failed: 1 error\n")),
        "{err}"
    );
}

#[test]
fn a_missing_bucket_is_a_clear_error() {
    let Some(s3) = s3() else { return };
    let bucket = bucket_name();
    let site = fixture("en", &s3_target(&s3, &bucket));
    site.build();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(
        err,
        format!("error: deploying to `s3` failed: the bucket `{bucket}` does not exist (check url, endpoint and region in site.yaml)\n")
    );
}

// ---- credentials and the network, without an S3 server ----

/// A server that refuses every request as S3 does a wrong secret; returns its address.
fn refusing_server() -> String {
    refusing_server_seen().0
}

/// [`refusing_server`], and the `Authorization` headers of the requests it refused.
fn refusing_server_seen() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
                if line.to_ascii_lowercase().starts_with("authorization:") {
                    log.lock().expect("log").push(line.trim().to_string());
                }
            }
            let mut body = vec![0; len];
            let _ = reader.read_exact(&mut body);
            let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>";
            let mut s = reader.into_inner();
            let _ = write!(
                s,
                "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
                xml.len()
            );
        }
    });
    (format!("http://{addr}"), seen)
}

#[test]
fn a_refused_credential_is_a_clear_error_and_nothing_is_reported_done() {
    let endpoint = refusing_server();
    for (lang, expected) in [
        ("en", "error: deploying to `s3` failed: the access key was refused; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ("),
        ("zh-CN", "错误: 部署到 `s3` 失败：访问密钥被拒绝，请检查 `AWS_ACCESS_KEY_ID` 和 `AWS_SECRET_ACCESS_KEY`（"),
    ] {
        let site = fixture(lang, &s3_target(&endpoint, "gk-bucket"));
        site.build();
        let err = fails(&run(&site, &["deploy"], &[("AWS_SECRET_ACCESS_KEY", "wrong")]));
        assert!(err.starts_with(expected), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn without_credentials_deploy_says_where_to_put_them() {
    let site = fixture("en", &s3_target("http://127.0.0.1:9", "gk-bucket"));
    site.build();
    let home = tempfile::tempdir().expect("tempdir");
    let err = fails(&run(
        &site,
        &["deploy"],
        &[
            ("AWS_ACCESS_KEY_ID", ""),
            ("AWS_SECRET_ACCESS_KEY", ""),
            ("HOME", home.path().to_str().expect("utf-8")),
            ("AWS_SHARED_CREDENTIALS_FILE", ""),
        ],
    ));
    assert_eq!(err, "error: deploying to `s3` needs an access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put them in ~/.aws/credentials (never in site.yaml)\n");
}

#[test]
fn the_aws_credentials_file_is_read() {
    let endpoint = refusing_server();
    let site = fixture("en", &s3_target(&endpoint, "gk-bucket"));
    site.build();
    let creds = site.root().join("creds");
    std::fs::write(
        &creds,
        "[other]\naws_access_key_id = A\naws_secret_access_key = B\n",
    )
    .expect("write");
    let creds = creds.to_str().expect("utf-8");
    // The profile is read, and the server asked (and refuses).
    let err = fails(&run(
        &site,
        &["deploy"],
        &[
            ("AWS_ACCESS_KEY_ID", ""),
            ("AWS_SHARED_CREDENTIALS_FILE", creds),
            ("AWS_PROFILE", "other"),
        ],
    ));
    assert!(err.contains("the access key was refused"), "{err}");
}

#[test]
fn the_aws_config_file_gives_the_profile_its_region_and_key() {
    let (endpoint, seen) = refusing_server_seen();
    // No region in site.yaml: it comes from the profile.
    let site = fixture(
        "en",
        &format!("  - {{name: s3, url: s3://gk-bucket/gk, endpoint: \"{endpoint}\"}}\n"),
    );
    site.build();
    let config = site.root().join("aws-config");
    std::fs::write(
        &config,
        "[default]\nregion = us-west-2\n\n[profile oss]\nregion = cn-hangzhou\naws_access_key_id = AKOSS\naws_secret_access_key = S\n",
    )
    .expect("write");
    let config = config.to_str().expect("utf-8");
    let missing = site.root().join("no-credentials");
    let err = fails(&run(
        &site,
        &["deploy"],
        &[
            ("AWS_ACCESS_KEY_ID", ""),
            ("AWS_SECRET_ACCESS_KEY", ""),
            ("AWS_REGION", ""),
            ("AWS_DEFAULT_REGION", ""),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                missing.to_str().expect("utf-8"),
            ),
            ("AWS_CONFIG_FILE", config),
            ("AWS_PROFILE", "oss"),
        ],
    ));
    assert!(err.contains("the access key was refused"), "{err}");
    let seen = seen.lock().expect("log").clone();
    assert!(
        seen.iter()
            .any(|a| a.contains("Credential=AKOSS/") && a.contains("/cn-hangzhou/s3/aws4_request")),
        "{seen:?}"
    );
}

#[test]
fn an_unreachable_service_is_a_network_error_after_retries() {
    // A port nothing listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let site = fixture(
        "en",
        &s3_target(&format!("http://127.0.0.1:{port}"), "gk-bucket"),
    );
    site.build();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert!(
        err.starts_with(
            "error: deploying to `s3` failed: the service could not be reached, after retries ("
        ),
        "{err}"
    );
}

// ---- a folder ----

fn folder_target(dir: &Path) -> String {
    format!("  - {{name: www, url: \"{}\"}}\n", dir.display())
}

#[test]
fn a_folder_gets_the_site_then_only_what_changed() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    only_changes_are_sent(&site, "www");
    let mut published = files(www.path());
    assert!(published.remove(".gongkai-manifest.json").is_some());
    assert_eq!(published, files(&site.root().join("public")));
}

/// Serves a folder over HTTP on a free port, for `verify URL`; returns its address.
fn serve_folder(dir: &Path) -> String {
    let dir = dir.to_path_buf();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let path = first.split(' ').nth(1).unwrap_or("/");
            let path = percent_encoding::percent_decode_str(path)
                .decode_utf8_lossy()
                .into_owned();
            let mut s = reader.into_inner();
            match std::fs::read(dir.join(path.trim_start_matches('/'))) {
                Ok(body) => {
                    let _ = write!(
                        s,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = s.write_all(&body);
                }
                Err(_) => {
                    let _ = write!(
                        s,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                }
            }
        }
    });
    format!("http://{addr}/")
}

#[test]
fn verify_url_checks_a_served_folder_and_names_a_tampered_attachment() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    site.build();
    ok(&run(&site, &["deploy"], &[]));
    let url = serve_folder(www.path());
    let v = ok(&run(&site, &["verify", &url], &[]));
    assert!(
        v.starts_with(&format!(
            "verified 4 documents against 4 record entries in {url}: "
        )),
        "{v}"
    );
    std::fs::write(
        www.path().join("notices/award/名单.csv"),
        "姓名,部门\n李四,教务处\n",
    )
    .expect("write");
    std::fs::remove_file(www.path().join("notices/教代会/index.md")).expect("remove");
    let err = fails(&run(&site, &["verify", &url], &[]));
    assert!(
        err.contains(&format!("{url}notices/award/名单.csv: error: the attachment `名单.csv` of /notices/award/ (索引号 2023-00004) does not match the record: SHA-256 ")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{url}notices/教代会/index.md: error: the source of /notices/教代会/ (索引号 2023-00003) is missing: the site has no such file (HTTP 404)\n")),
        "{err}"
    );
}

#[test]
fn files_no_longer_built_are_deleted_only_with_delete_and_never_a_recorded_document() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path())).file("static/old.txt", "old");
    site.build();
    ok(&run(&site, &["deploy"], &[]));
    std::fs::remove_file(site.root().join("static/old.txt")).expect("remove");
    std::fs::remove_file(site.root().join("content/summaries/2022-summary.md")).expect("remove");
    site.build_with(&["--accept-changes"]);
    let dry = ok(&run(&site, &["deploy", "--dry-run"], &[]));
    assert!(
        dry.contains("keep old.txt (no longer built; --delete removes it)\n"),
        "{dry}"
    );
    assert!(
        dry.contains(
            "keep summaries/2022-summary/index.html (a recorded document's file, never deleted)\n"
        ),
        "{dry}"
    );
    let stale = dry
        .matches("(no longer built; --delete removes it)")
        .count();
    let out = ok(&run(&site, &["deploy"], &[]));
    assert!(
        out.contains(&format!(
            "{stale} file(s) no longer built were kept on the target; --delete removes them\n"
        )),
        "{out}"
    );
    assert!(
        // index.html, index.md and index.qr.svg (the printed page's QR code).
        out.contains("3 file(s) of documents in the record (disclosure.json) are no longer built and stay on the target\n"),
        "{out}"
    );
    assert!(www.path().join("old.txt").exists());
    let dry = ok(&run(&site, &["deploy", "--delete", "--dry-run"], &[]));
    assert!(dry.contains("delete old.txt\n"), "{dry}");
    assert!(!dry.contains("delete summaries/2022-summary/"), "{dry}");
    let out = ok(&run(&site, &["deploy", "--delete"], &[]));
    assert!(out.contains(&format!(", {stale} deleted, in ")), "{out}");
    assert!(!www.path().join("old.txt").exists());
    assert!(www
        .path()
        .join("summaries/2022-summary/index.html")
        .exists());
    assert!(www.path().join("summaries/2022-summary/index.md").exists());
}

// ---- what is refused ----

#[test]
fn deploy_refuses_a_trial_build() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    std::fs::remove_file(site.root().join("disclosure.lock")).expect("remove");
    site.build();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(err, "error: this is a trial build: the site is not live, so it has no public record (disclosure.json); when it is ready for the public run `gongkai golive`, then `gongkai build`, then deploy\n");
    assert_eq!(std::fs::read_dir(www.path()).expect("read_dir").count(), 0);
}

#[test]
fn deploy_refuses_a_drafts_build() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("zh-CN", &folder_target(www.path()));
    site.build_with(&["--drafts"]);
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(err, "错误: 这次构建包含草稿（`--drafts`），只能预览，不能发布：请运行 `gongkai build`（不带 `--drafts`）后再部署\n");
    assert_eq!(std::fs::read_dir(www.path()).expect("read_dir").count(), 0);
}

#[test]
fn deploy_refuses_when_the_last_build_failed_or_there_is_none() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    let err = fails(&run(&site, &["deploy"], &[]));
    let public = site.root().join("public");
    assert_eq!(
        err,
        format!(
            "error: no build in {}: run `gongkai build` first\n",
            public.display()
        )
    );
    site.build();
    edit(
        &site,
        "plans/2023-plan.md",
        "title: 2023年工会工作计划",
        "titel: 2023年工会工作计划",
    );
    site.build_err();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(err, format!("error: the last build of {} failed: fix its problems and run `gongkai build` again; deploy sends only a build that succeeded\n", public.display()));
    assert_eq!(std::fs::read_dir(www.path()).expect("read_dir").count(), 0);
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let www = tempfile::tempdir().expect("tempdir");
    let gone = www.path().join("not-mounted");
    let site = fixture("en", &folder_target(&gone));
    site.build();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(err, format!("error: deploying to `www` failed: the folder {} does not exist (is the web root mounted?)\n", gone.display()));
}

#[test]
fn the_target_must_be_named_when_there_are_several_and_must_exist() {
    let www = tempfile::tempdir().expect("tempdir");
    let two = format!(
        "{}  - {{name: b, url: \"{}\"}}\n",
        folder_target(www.path()),
        www.path().display()
    );
    let site = fixture("en", &two);
    site.build();
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(
        err,
        "error: site.yaml has several deploy targets: name one, gongkai deploy NAME (www, b)\n"
    );
    let err = fails(&run(&site, &["deploy", "c"], &[]));
    assert_eq!(
        err,
        "error: site.yaml has no deploy target named `c` (it has: www, b)\n"
    );
}

#[test]
fn deploy_errors_in_site_yaml_are_located() {
    let site = fixture(
        "en",
        "  - {name: www, url: \"ftp://a/b\"}\n  - {name: s3, url: \"s3://b/p\", endpoint: \"oss.example.com\"}\n",
    );
    let err = fails(&run(&site, &["deploy"], &[]));
    assert!(err.contains("site.yaml:6:12: error: deploy target `www`: `ftp://a/b` is neither s3://bucket/prefix nor a folder\n"), "{err}");
    assert!(err.contains("site.yaml:7:12: error: deploy target `s3`: endpoint `oss.example.com` must start with https:// or http://\n"), "{err}");
    assert!(
        err.ends_with("error: deploy: site.yaml has problems\n"),
        "{err}"
    );
}

#[test]
fn a_secret_in_site_yaml_is_an_unknown_key() {
    let site = fixture("en", "  - {name: x, url: /tmp, secret: abc}\n");
    let err = fails(&run(&site, &["deploy"], &[]));
    assert!(err.starts_with("site.yaml:6:26: error: `deploy[0]`: unknown field `secret`, expected one of `name`, `url`, `endpoint`, `region`, `path_style`\n"), "{err}");
}

#[test]
fn the_build_mark_is_kept_beside_the_output_never_published() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    let elsewhere = site.root().join("out/site");
    let b = site.build_with(&["--output", elsewhere.to_str().expect("utf-8")]);
    assert!(
        !files(&b.out).keys().any(|k| k.contains("build")),
        "{:?}",
        files(&b.out).keys()
    );
    let mark = std::fs::read_to_string(site.root().join("out/.site.build")).expect("mark");
    assert_eq!(
        mark,
        "{\"state\":\"done\",\"trial\":false,\"drafts\":false}\n"
    );
    // Deploy reads the mark of the folder it is given.
    let out = ok(&run(
        &site,
        &["deploy", "--output", elsewhere.to_str().expect("utf-8")],
        &[],
    ));
    assert!(out.starts_with("deployed to `www`: "), "{out}");
}

#[test]
fn deploy_refuses_a_build_made_for_another_address() {
    let www = tempfile::tempdir().expect("tempdir");
    let site = fixture("en", &folder_target(www.path()));
    site.build_with(&["--base-url", "http://127.0.0.1:8000/"]);
    let err = fails(&run(&site, &["deploy"], &[]));
    assert_eq!(err, "error: this build was made with --base-url http://127.0.0.1:8000/, not site.yaml's https://example.org/: its links lead elsewhere; run `gongkai build` without --base-url, then deploy\n");
    assert_eq!(std::fs::read_dir(www.path()).expect("read_dir").count(), 0);
    // site.yaml's own address given again is the same build.
    site.build_with(&["--base-url", "https://example.org"]);
    ok(&run(&site, &["deploy"], &[]));
}
