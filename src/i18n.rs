//! The message catalogue: every sentence gongkai prints for a person — diagnostics,
//! their help lines, summary lines, the serve overlay — in Chinese and English, in
//! Fluent files (`locales/<lang>/*.ftl`) compiled into the binary. Code names a
//! message by its id, never by its words: `t!("fm-missing-title")`,
//! `t!("built", pages = 12, ms = 30)`.
//!
//! The language is the process's: `--lang` or `GONGKAI_LANG` when given, else the
//! site's `language:` (site.yaml), else `LANG` where there is no site yet. The command
//! line sets it once, before any work starts; until then (and in unit tests) it is
//! English.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language of the theme's words and date formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    ZhCn,
    En,
}

impl Language {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// The catalogue files, one per area of the program, for each language.
macro_rules! catalogue {
    ($lang:literal) => {
        [
            include_str!(concat!("../locales/", $lang, "/main.ftl")),
            include_str!(concat!("../locales/", $lang, "/content.ftl")),
            include_str!(concat!("../locales/", $lang, "/record.ftl")),
            include_str!(concat!("../locales/", $lang, "/import.ftl")),
            include_str!(concat!("../locales/", $lang, "/serve.ftl")),
        ]
    };
}

/// The Chinese catalogue's sources (for the catalogue's own tests).
pub const ZH_CN: [&str; 5] = catalogue!("zh-CN");
/// The English catalogue's sources.
pub const EN: [&str; 5] = catalogue!("en");

static CURRENT: AtomicU8 = AtomicU8::new(LANG_EN);
const LANG_EN: u8 = 0;
const LANG_ZH: u8 = 1;

/// Sets the language every later message is written in.
pub fn set(lang: Language) {
    let v = match lang {
        Language::ZhCn => LANG_ZH,
        Language::En => LANG_EN,
    };
    CURRENT.store(v, Ordering::Relaxed);
}

thread_local! {
    static OVERRIDE: std::cell::Cell<Option<Language>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread's messages in `lang` (the process's language is left as
/// it is): for a test that asserts one language's words beside tests of the other.
pub fn with<T>(lang: Language, f: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let out = f();
    OVERRIDE.with(|o| o.set(before));
    out
}

/// The language messages are written in now.
pub fn current() -> Language {
    if let Some(l) = OVERRIDE.with(std::cell::Cell::get) {
        return l;
    }
    match CURRENT.load(Ordering::Relaxed) {
        LANG_ZH => Language::ZhCn,
        _ => Language::En,
    }
}

/// A language named on the command line or in `GONGKAI_LANG`/`LANG`: `zh-CN`, `zh`,
/// `zh_CN.UTF-8`, `en`, `en_US.UTF-8` and the like. `None` for anything else (`C`,
/// `POSIX`, empty).
pub fn parse_language(s: &str) -> Option<Language> {
    let s = s.trim().to_ascii_lowercase();
    if s.starts_with("zh") {
        Some(Language::ZhCn)
    } else if s.starts_with("en") {
        Some(Language::En)
    } else {
        None
    }
}

/// One argument of a message.
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Text(p.to_string_lossy().replace('\\', "/"))
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::from(p.as_path())
    }
}
impl From<std::path::Display<'_>> for Arg {
    fn from(p: std::path::Display<'_>) -> Self {
        Arg::Text(p.to_string())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
        impl From<&$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: &$t) -> Self {
                Arg::Number(*n as f64)
            }
        }
    )*};
}
number_arg!(usize, u8, u16, u32, u64, i32, i64);

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Language) -> &'static Bundle {
    static ZH: OnceLock<Bundle> = OnceLock::new();
    static EN_B: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Language::ZhCn => ZH.get_or_init(|| make_bundle("zh-CN", &ZH_CN)),
        Language::En => EN_B.get_or_init(|| make_bundle("en", &EN)),
    }
}

/// Builds one language's bundle. A catalogue that does not parse is a bug caught by
/// this module's tests; here its good messages are kept and the rest skipped.
fn make_bundle(tag: &str, sources: &[&str]) -> Bundle {
    let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    b.set_use_isolating(false);
    for src in sources {
        let res = match FluentResource::try_new((*src).to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        b.add_resource_overriding(res);
    }
    b
}

/// The message `id` in the current language with its arguments. An id missing from
/// the catalogue comes out as itself (the catalogue's tests keep that from happening).
pub fn tr(id: &str, args: Vec<(&'static str, Arg)>) -> String {
    tr_in(current(), id, args)
}

/// The message `id` in the current language, or `None` when the catalogue has none
/// (for messages found by a name made in code, such as a command's help).
pub fn tr_opt(id: &str) -> Option<String> {
    let b = bundle(current());
    b.get_message(id).and_then(|m| m.value())?;
    Some(tr(id, Vec::new()))
}

/// The message `id` in `lang`.
pub fn tr_in(lang: Language, id: &str, args: Vec<(&'static str, Arg)>) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(s) => fargs.set(k, FluentValue::from(s)),
            Arg::Number(n) => fargs.set(k, FluentValue::from(n)),
        }
    }
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, Some(&fargs), &mut errors);
    debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
    out.into_owned()
}

/// `t!("id")` or `t!("id", name = value, …)`: the message in the current language.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::tr($id, Vec::new())
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::tr($id, vec![$((stringify!($k), $crate::i18n::Arg::from($v))),+])
    };
}

/// `help: …` in the current language, the prefix of a diagnostic's note.
pub fn help(text: impl AsRef<str>) -> String {
    format!("{}{}", tr("help-prefix", Vec::new()), text.as_ref())
}

#[cfg(test)]
mod tests;

/// "cannot write PATH: REASON", with the operating system's reason in the current
/// language where it is a common one (no permission, disk full, not found, …).
pub fn io_error(id: &'static str, path: &std::path::Path, e: &std::io::Error) -> String {
    tr(
        id,
        vec![
            ("path", Arg::from(path)),
            ("reason", Arg::Text(io_reason(e))),
        ],
    )
}

/// The reason of an input/output error in words.
pub fn io_reason(e: &std::io::Error) -> String {
    io_reason_known(e).unwrap_or_else(|| e.to_string())
}

/// The operating system's reason in the current language where it is a common one;
/// `None` for the others.
pub fn io_reason_known(e: &std::io::Error) -> Option<String> {
    use std::io::ErrorKind as K;
    let id = match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission",
        K::AlreadyExists => "io-exists",
        K::StorageFull => "io-full",
        K::ReadOnlyFilesystem => "io-read-only",
        K::IsADirectory => "io-is-folder",
        K::NotADirectory => "io-not-folder",
        K::InvalidData => "io-invalid-data",
        K::ConnectionRefused => "io-refused",
        K::TimedOut => "io-timed-out",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "io-reset",
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => "io-unreachable",
        _ => return None,
    };
    Some(tr(id, Vec::new()))
}

/// Picks the language of messages before a command runs: `explicit` (`--lang` or
/// `GONGKAI_LANG`) when given; else the `language:` line of the site's site.yaml (a
/// site without one is Chinese, the default); else, where there is no site yet,
/// `LANG`/`LC_ALL`/`LC_MESSAGES`; else Chinese.
pub fn choose(explicit: Option<Language>, site: &std::path::Path) -> Language {
    if let Some(l) = explicit {
        return l;
    }
    if let Ok(text) = std::fs::read_to_string(site.join("site.yaml")) {
        return site_language(&text).unwrap_or(Language::ZhCn);
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(l) = std::env::var(var).ok().as_deref().and_then(parse_language) {
            return l;
        }
    }
    Language::ZhCn
}

/// The value of a top-level `language:` line, read without parsing the YAML (which
/// may be what is wrong, and its errors must already be in the site's language).
fn site_language(text: &str) -> Option<Language> {
    text.lines().find_map(|l| {
        let v = l
            .strip_prefix("language")?
            .trim_start()
            .strip_prefix([':', '：'])?;
        let v = v
            .split('#')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        parse_language(v)
    })
}
