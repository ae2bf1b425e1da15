//! The fixture-site harness shared by the integration tests, in the style of mdBook's:
//! `TestSite::new().file(..).build().page("/notices/x/")`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use scraper::{Html, Selector};

/// The day every fixture build takes as "today", unless a test says otherwise.
pub const TODAY: &str = "2023-06-15";

/// A site in a temporary folder.
pub struct TestSite {
    dir: tempfile::TempDir,
    today: String,
    /// `GONGKAI_LANG` for the runs: English unless a test asks for the site's own
    /// language (see [`TestSite::in_site_language`]).
    lang: Option<&'static str>,
    /// More environment for the runs.
    env: Vec<(String, String)>,
}

impl TestSite {
    /// A live site (see `gongkai golive`) with a minimal site.yaml.
    pub fn new() -> Self {
        Self::bare()
            .file(
                "site.yaml",
                "title: 测试工会\nbase_url: https://example.org/\n",
            )
            .file("disclosure.lock", "[\n]\n")
    }

    /// An empty folder.
    pub fn bare() -> Self {
        TestSite {
            dir: tempfile::Builder::new()
                .prefix("gongkai-test")
                .tempdir()
                .expect("temp dir"),
            today: TODAY.to_string(),
            lang: Some("en"),
            env: Vec::new(),
        }
    }

    /// Writes a file (folders made as needed).
    pub fn file(self, rel: &str, text: &str) -> Self {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes a file with raw bytes.
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Self {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
        self
    }

    /// Writes a document from its front matter lines and body.
    pub fn doc(self, rel: &str, front_matter: &str, body: &str) -> Self {
        let text = format!("---\n{}\n---\n\n{}\n", front_matter.trim_end(), body);
        self.file(&format!("content/{rel}"), &text)
    }

    /// Sets the day builds take as today.
    pub fn today(mut self, day: &str) -> Self {
        self.today = day.to_string();
        self
    }

    /// Runs gongkai in the language site.yaml gives (Chinese unless it says `en`),
    /// as a secretary does, instead of English.
    pub fn in_site_language(mut self) -> Self {
        self.lang = None;
        self
    }

    /// Sets an environment variable for the runs.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs gongkai with `--site` set to this site.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
        c.args(args)
            .arg("--site")
            .arg(self.root())
            .env("GONGKAI_TODAY", &self.today)
            .env("NO_COLOR", "1")
            .env_remove("GONGKAI_LANG");
        if let Some(l) = self.lang {
            c.env("GONGKAI_LANG", l);
        }
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c.output().expect("run gongkai")
    }

    /// Builds, expecting success.
    pub fn build(&self) -> Built {
        self.build_with(&[])
    }

    /// Builds with extra arguments, expecting success.
    pub fn build_with(&self, extra: &[&str]) -> Built {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "build failed:\n{stderr}");
        let out_dir = extra
            .iter()
            .position(|a| *a == "--output")
            .map(|i| PathBuf::from(extra[i + 1]))
            .unwrap_or_else(|| self.root().join("public"));
        Built {
            out: out_dir,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
        }
    }

    /// Builds, expecting failure with exit status 1; returns stderr.
    pub fn build_err(&self) -> String {
        let out = self.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected exit 1, got {:?}; stderr:\n{stderr}",
            out.status
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{stderr}"
        );
        stderr
    }
}

/// A built site.
pub struct Built {
    pub out: PathBuf,
    pub stdout: String,
    pub stderr: String,
}

impl Built {
    /// The text of an output file.
    pub fn file(&self, rel: &str) -> String {
        let p = self.out.join(rel.trim_start_matches('/'));
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out.join(rel.trim_start_matches('/')).exists()
    }

    /// A page by its site path (`/notices/x/`), parsed.
    pub fn page(&self, site_path: &str) -> Page {
        let rel = if site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_string()
        };
        let html = self.file(&rel);
        Page {
            doc: Html::parse_document(&html),
            html,
        }
    }

    /// Every output file with its bytes, sorted by path.
    pub fn all_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut v = Vec::new();
        walk(&self.out, &mut v);
        v.sort();
        v
    }
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            let b = std::fs::read(&p).expect("read");
            out.push((p, b));
        }
    }
}

/// A parsed HTML page.
pub struct Page {
    pub html: String,
    pub doc: Html,
}

impl Page {
    /// The trimmed text of every element matching a CSS selector.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).expect("selector");
        self.doc
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first element matching, or panics.
    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css}"))
    }

    /// An attribute of every element matching.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).expect("selector");
        self.doc
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// How many elements match.
    pub fn count(&self, css: &str) -> usize {
        let sel = Selector::parse(css).expect("selector");
        self.doc.select(&sel).count()
    }
}

/// Decodes `%XX` escapes in a URL path (links to CJK paths may be written either way).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A copy of the repository's example site (site.yaml, content/, themes/) in a
/// temporary folder, so that building it never touches the repository's own
/// disclosure.lock or public/.
pub fn example_site_copy() -> tempfile::TempDir {
    fn copy_tree(from: &Path, to: &Path) {
        if from.is_dir() {
            std::fs::create_dir_all(to).expect("mkdir");
            for e in std::fs::read_dir(from).expect("read dir").flatten() {
                copy_tree(&e.path(), &to.join(e.file_name()));
            }
        } else {
            std::fs::copy(from, to).expect("copy");
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::Builder::new()
        .prefix("gongkai-example")
        .tempdir()
        .expect("temp dir");
    for entry in ["site.yaml", "content", "themes"] {
        copy_tree(&root.join(entry), &tmp.path().join(entry));
    }
    tmp
}

/// The text of ../shared/samples/union-work-plans-2023.txt (beside the repository, or
/// beside a folder of worktrees). `None`, with a message, when it is not here; under
/// CI it must be.
pub fn sample_plans_text() -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = ["../shared", "../../shared"]
        .iter()
        .map(|d| root.join(d).join("samples/union-work-plans-2023.txt"))
        .find(|p| p.exists())
        .unwrap_or_else(|| root.join("../shared/samples/union-work-plans-2023.txt"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must have ../shared/samples/"
            );
            eprintln!("skipped: {} is not here", path.display());
            None
        }
    }
}
