//! `site.yaml`: the site's configuration, read into a typed structure with every
//! problem located at its line and column.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dates::{parse_date, Holidays};
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Reader};

/// The keys site.yaml may have.
pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "organization",
    "theme",
    "timezone",
    "paginate",
    "categories",
    "sections",
    "search",
    "feed",
    "holidays",
    "contact",
    "deploy",
];

pub use crate::i18n::Language;

/// A category declared in site.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub name: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A section declared in site.yaml: `content/<name>/` is shown as `title` instead of
/// its folder name (or the theme's word for plans, notices and summaries), with an
/// optional description, and its documents are of `kind` unless they say otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `plan`, `notice` or `summary`.
    #[serde(default)]
    pub kind: Option<String>,
}

impl SectionConfig {
    /// The kind its documents are by default.
    pub fn kind(&self) -> Option<crate::kind::Kind> {
        self.kind.as_deref().and_then(crate::kind::Kind::parse)
    }
}

/// A place `gongkai deploy` sends the site to, declared in site.yaml. Credentials are
/// never here: they come from the environment or the AWS config files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// The name `gongkai deploy NAME` takes.
    pub name: String,
    /// `s3://bucket/prefix`, or a folder (a mounted web root), relative to the site.
    pub url: String,
    /// The S3-compatible service's address, e.g. `https://oss-cn-hangzhou.aliyuncs.com`.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The bucket's region, e.g. `oss-cn-hangzhou`, `ap-shanghai`.
    #[serde(default)]
    pub region: Option<String>,
    /// Address the bucket as `endpoint/bucket/…` instead of `bucket.endpoint/…`
    /// (default: only for an endpoint at an IP address or localhost).
    #[serde(default)]
    pub path_style: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolidays {
    #[serde(default)]
    off: Vec<String>,
    #[serde(default)]
    work: Vec<String>,
}

/// Where the `i`-th entry of a list such as `sections:` is: at its `name:` value, else
/// at the entry, else at the list's key.
fn entry_pos(r: &Reader, list: &str, i: usize) -> (usize, usize) {
    let n = i.to_string();
    match r
        .spans
        .get(&[list, &n, "name"])
        .or_else(|| r.spans.get(&[list, &n]))
    {
        Some(p) => (p.value_line, p.value_col),
        None => r.pos(&[list], false),
    }
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site folder.
    pub root: PathBuf,
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// The path part of base_url, always starting and ending in `/` (`/gk/`).
    pub base_path: String,
    pub language: Language,
    pub organization: String,
    pub theme: String,
    pub timezone: chrono_tz::Tz,
    pub paginate: usize,
    pub categories: Vec<CategoryConfig>,
    pub sections: Vec<SectionConfig>,
    pub search: bool,
    pub feed: bool,
    pub holidays: Holidays,
    pub contact: Option<String>,
    /// Where `gongkai deploy` sends the site.
    pub deploy: Vec<DeployConfig>,
}

impl Config {
    /// Reads `site.yaml` from the site folder.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join("site.yaml");
        let shown = PathBuf::from("site.yaml");
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                return Err(vec![Diagnostic::error(
                    shown,
                    0,
                    0,
                    crate::t!(
                        "config-cannot-read",
                        dir = root.display(),
                        reason = crate::i18n::io_reason(&e)
                    ),
                )
                .with_note(crate::i18n::help(crate::t!("config-cannot-read-help")))])
            }
        };
        let text = match crate::text::decode_utf8(&bytes) {
            Ok(t) => t,
            Err((line, col)) => {
                return Err(vec![Diagnostic::error(
                    shown,
                    line,
                    col,
                    crate::t!("config-not-utf8"),
                )])
            }
        };
        Self::parse(root, &shown, &text)
    }

    /// Parses the text of site.yaml.
    pub fn parse(root: &Path, shown: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let (map, spans) = match yaml::parse(text) {
            Ok(m) => m,
            Err(e) => {
                return Err(vec![
                    Diagnostic::error(shown, e.line, e.col, e.message).with_source(text)
                ])
            }
        };
        let mut r = Reader {
            text,
            file_text: text,
            path: shown,
            line_offset: 0,
            map,
            spans,
            diags: Vec::new(),
        };
        r.check_keys(CONFIG_KEYS, "site.yaml");

        let title = r.take_string("title").unwrap_or_default();
        if title.trim().is_empty() && r.diags.is_empty() {
            r.error_at(&["title"], true, crate::t!("config-title"));
        }
        let base_url_raw: Option<String> = r.take_string("base_url");
        let (base_url, base_path) = match base_url_raw.as_deref().map(normalize_base_url) {
            Some(Ok(v)) => v,
            Some(Err(msg)) => {
                r.error_at(&["base_url"], true, msg);
                ("/".into(), "/".into())
            }
            None => {
                r.error_at(&["base_url"], false, crate::t!("config-base-url"));
                ("/".into(), "/".into())
            }
        };
        let language = match r.take_string("language").as_deref() {
            None | Some("zh-CN") | Some("zh") => Language::ZhCn,
            Some("en") => Language::En,
            Some(other) => {
                r.error_at(
                    &["language"],
                    true,
                    crate::t!("config-language", language = other),
                );
                Language::ZhCn
            }
        };
        let organization = r
            .take_string("organization")
            .unwrap_or_else(|| title.clone());
        let theme = r.take_string("theme").unwrap_or_else(|| "default".into());
        if theme.contains(['/', '\\']) || theme.starts_with('.') || theme.is_empty() {
            r.error_at(&["theme"], true, crate::t!("config-theme"));
        }
        let timezone = match r.take_string("timezone") {
            None => chrono_tz::Asia::Shanghai,
            Some(s) => match s.parse::<chrono_tz::Tz>() {
                Ok(tz) => tz,
                Err(_) => {
                    r.error_at(&["timezone"], true, crate::t!("config-timezone", zone = &s));
                    chrono_tz::Asia::Shanghai
                }
            },
        };
        let paginate = match r.take::<i64>("paginate") {
            None => 30,
            Some(n) if n >= 1 => n as usize,
            Some(_) => {
                r.error_at(&["paginate"], true, crate::t!("config-paginate"));
                30
            }
        };
        let categories: Vec<CategoryConfig> = r.take("categories").unwrap_or_default();
        for c in &categories {
            if let Some(slug) = &c.slug {
                if !crate::text::is_valid_slug(slug) {
                    r.error_at(
                        &["categories", "slug"],
                        true,
                        crate::t!("config-category-slug", slug = slug),
                    );
                }
            }
        }
        let sections: Vec<SectionConfig> = r.take("sections").unwrap_or_default();
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for (i, sc) in sections.iter().enumerate() {
            let nth = seen.entry(sc.name.as_str()).or_insert(0);
            *nth += 1;
            let (line, col) = entry_pos(&r, "sections", i);
            let mut problem = |msg: String| {
                r.diags
                    .push(Diagnostic::error(shown, line, col, msg).with_source(text));
            };
            if sc.name.is_empty() || sc.name.contains(['/', '\\']) || sc.name.starts_with('.') {
                problem(crate::t!("config-section-name", name = &sc.name));
            } else if *nth > 1 {
                problem(crate::t!("config-section-twice", name = &sc.name));
            }
            if let Some(k) = &sc.kind {
                if sc.kind().is_none() {
                    problem(crate::t!("fm-unknown-kind", kind = k));
                }
            }
            if sc.title.trim().is_empty() {
                problem(crate::t!("config-section-title", name = &sc.name));
            }
        }
        let search = r.take::<bool>("search").unwrap_or(true);
        let feed = r.take::<bool>("feed").unwrap_or(true);
        let raw_holidays: RawHolidays = r.take("holidays").unwrap_or_default();
        let mut holidays = Holidays::default();
        for (list, key, set) in [
            (&raw_holidays.off, "off", &mut holidays.off),
            (&raw_holidays.work, "work", &mut holidays.work),
        ] {
            for s in list {
                match parse_date(s) {
                    Ok(d) => {
                        set.insert(d.day);
                    }
                    Err(e) => r.error_at(
                        &["holidays", key],
                        true,
                        crate::t!("config-holidays", problem = &e),
                    ),
                }
            }
        }
        let contact = r.take_string("contact");
        let deploy: Vec<DeployConfig> = r.take("deploy").unwrap_or_default();
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for (i, d) in deploy.iter().enumerate() {
            let nth = seen.entry(d.name.as_str()).or_insert(0);
            *nth += 1;
            let (line, col) = entry_pos(&r, "deploy", i);
            let mut problem = |msg: String| {
                r.diags
                    .push(Diagnostic::error(shown, line, col, msg).with_source(text));
            };
            if d.name.trim().is_empty() {
                problem(crate::t!("config-deploy-name"));
            } else if *nth > 1 {
                problem(crate::t!("config-deploy-twice", name = &d.name));
            }
            if let Some(rest) = d.url.strip_prefix("s3://") {
                if rest.split('/').next().unwrap_or("").is_empty() {
                    problem(crate::t!(
                        "config-deploy-no-bucket",
                        name = &d.name,
                        url = &d.url
                    ));
                }
                if let Some(e) = &d.endpoint {
                    if !e.starts_with("https://") && !e.starts_with("http://") {
                        problem(crate::t!(
                            "config-deploy-endpoint",
                            name = &d.name,
                            endpoint = e
                        ));
                    }
                }
            } else if d.url.contains("://") && !d.url.starts_with("file://") {
                problem(crate::t!("config-deploy-url", name = &d.name, url = &d.url));
            } else if d.url.trim().is_empty() {
                problem(crate::t!("config-deploy-no-url", name = &d.name));
            } else if d.endpoint.is_some() || d.region.is_some() || d.path_style.is_some() {
                problem(crate::t!("config-deploy-folder-options", name = &d.name));
            }
        }

        if !r.diags.is_empty() {
            return Err(r.diags);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            base_url,
            base_path,
            language,
            organization,
            theme,
            timezone,
            paginate,
            categories,
            sections,
            search,
            feed,
            holidays,
            contact,
            deploy,
        })
    }

    /// A section's declaration in site.yaml, if any.
    pub fn section(&self, name: &str) -> Option<&SectionConfig> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// Replaces the base URL (for `build --base-url` and `serve`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (u, p) = normalize_base_url(url)?;
        self.base_url = u;
        self.base_path = p;
        Ok(())
    }

    /// The absolute URL of a site path such as `/notices/x/`.
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url, site_path.trim_start_matches('/'))
    }

    /// The root-relative link of a site path, with base_url's sub-path (`/gk/notices/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.base_path, site_path.trim_start_matches('/'))
    }
}

/// Checks a base URL and splits off its path: `https://a.cn/gk` → (`https://a.cn/gk/`, `/gk/`).
pub fn normalize_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| crate::t!("config-base-url-scheme", url = url))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(crate::t!("config-base-url-host", url = url));
    }
    if path.contains(['?', '#']) {
        return Err(crate::t!("config-base-url-query", url = url));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = if url.starts_with("https://") {
        "https://"
    } else {
        "http://"
    };
    Ok((format!("{scheme}{host}{path}"), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_sub_path() {
        assert_eq!(
            normalize_base_url("https://example.org/sub").unwrap(),
            ("https://example.org/sub/".to_string(), "/sub/".to_string())
        );
        assert_eq!(normalize_base_url("http://127.0.0.1:1111").unwrap().1, "/");
        assert!(normalize_base_url("example.org").is_err());
    }

    #[test]
    fn unknown_key_is_located_with_valid_keys() {
        let text = "title: T\nbase_url: https://a.cn/\ntitel: x\n";
        let errs = Config::parse(Path::new("."), Path::new("site.yaml"), text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].location(), "site.yaml:3:1");
        assert_eq!(errs[0].message, "unknown site.yaml key `titel`");
        assert!(errs[0]
            .notes
            .iter()
            .any(|n| n.contains("did you mean `title`")));
    }
}
