//! Every message `gongkai deploy` prints, in the site's language (site.yaml's
//! `language`), kept in one place.

use std::path::PathBuf;

use crate::config::Language;
use crate::i18n::Arg;

/// A message of `gongkai deploy`.
#[derive(Debug, Clone)]
pub enum Msg {
    NoTargets,
    UnknownTarget {
        name: String,
        names: String,
    },
    SeveralTargets {
        names: String,
    },
    NoBuild {
        out: PathBuf,
    },
    BuildUnfinished {
        out: PathBuf,
    },
    BuildFailed {
        out: PathBuf,
    },
    Trial,
    Drafts,
    OtherBaseUrl {
        url: String,
        site: String,
    },
    NoRecord {
        out: PathBuf,
    },
    CannotRead {
        what: String,
    },
    NoCredentials {
        target: String,
    },
    Refused {
        target: String,
        detail: String,
    },
    NoBucket {
        target: String,
        bucket: String,
    },
    NoFolder {
        target: String,
        dir: PathBuf,
    },
    Network {
        target: String,
        detail: String,
    },
    Other {
        target: String,
        detail: String,
    },
    /// A deploy stopped part way: never reported as done.
    Stopped {
        target: String,
        sent: usize,
        total: usize,
    },
    Send {
        rel: String,
    },
    Delete {
        rel: String,
    },
    KeepStale {
        rel: String,
    },
    KeepRecorded {
        rel: String,
    },
    StaleNote {
        n: usize,
    },
    RecordedNote {
        n: usize,
    },
    DryRun {
        target: String,
        send: usize,
        bytes: u64,
        unchanged: usize,
        delete: usize,
    },
    Done {
        target: String,
        sent: usize,
        bytes: u64,
        unchanged: usize,
        deleted: usize,
        ms: u128,
    },
}

/// `1.4 MB`, `12.3 KB`, `512 B`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

impl Msg {
    /// The message's text in a language.
    pub fn text(&self, lang: Language) -> String {
        let (id, args): (&str, Vec<(&'static str, Arg)>) = match self {
            Msg::NoTargets => ("deploy-no-targets", vec![]),
            Msg::UnknownTarget { name, names } => (
                "deploy-unknown-target",
                vec![("name", Arg::from(name)), ("names", Arg::from(names))],
            ),
            Msg::SeveralTargets { names } => {
                ("deploy-several-targets", vec![("names", Arg::from(names))])
            }
            Msg::NoBuild { out } => ("deploy-no-build", vec![("out", Arg::from(out.as_path()))]),
            Msg::BuildUnfinished { out } => (
                "deploy-build-unfinished",
                vec![("out", Arg::from(out.as_path()))],
            ),
            Msg::BuildFailed { out } => (
                "deploy-build-failed",
                vec![("out", Arg::from(out.as_path()))],
            ),
            Msg::Trial => ("deploy-trial", vec![]),
            Msg::Drafts => ("deploy-drafts", vec![]),
            Msg::OtherBaseUrl { url, site } => (
                "deploy-other-base-url",
                vec![("url", Arg::from(url)), ("site", Arg::from(site))],
            ),
            Msg::NoRecord { out } => ("deploy-no-record", vec![("out", Arg::from(out.as_path()))]),
            Msg::CannotRead { what } => ("deploy-cannot-read", vec![("what", Arg::from(what))]),
            Msg::NoCredentials { target } => {
                ("deploy-no-credentials", vec![("target", Arg::from(target))])
            }
            Msg::Refused { target, detail } => (
                "deploy-refused",
                vec![("target", Arg::from(target)), ("detail", Arg::from(detail))],
            ),
            Msg::NoBucket { target, bucket } => (
                "deploy-no-bucket",
                vec![("target", Arg::from(target)), ("bucket", Arg::from(bucket))],
            ),
            Msg::NoFolder { target, dir } => (
                "deploy-no-folder",
                vec![
                    ("target", Arg::from(target)),
                    ("dir", Arg::from(dir.as_path())),
                ],
            ),
            Msg::Network { target, detail } => (
                "deploy-network",
                vec![("target", Arg::from(target)), ("detail", Arg::from(detail))],
            ),
            Msg::Other { target, detail } => (
                "deploy-other",
                vec![("target", Arg::from(target)), ("detail", Arg::from(detail))],
            ),
            Msg::Stopped {
                target,
                sent,
                total,
            } => (
                "deploy-stopped",
                vec![
                    ("target", Arg::from(target)),
                    ("sent", Arg::from(sent)),
                    ("total", Arg::from(total)),
                ],
            ),
            Msg::Send { rel } => ("deploy-send", vec![("rel", Arg::from(rel))]),
            Msg::Delete { rel } => ("deploy-delete", vec![("rel", Arg::from(rel))]),
            Msg::KeepStale { rel } => ("deploy-keep-stale", vec![("rel", Arg::from(rel))]),
            Msg::KeepRecorded { rel } => ("deploy-keep-recorded", vec![("rel", Arg::from(rel))]),
            Msg::StaleNote { n } => ("deploy-stale-note", vec![("n", Arg::from(n))]),
            Msg::RecordedNote { n } => ("deploy-recorded-note", vec![("n", Arg::from(n))]),
            Msg::DryRun {
                target,
                send,
                bytes,
                unchanged,
                delete,
            } => (
                "deploy-dry-run",
                vec![
                    ("target", Arg::from(target)),
                    ("send", Arg::from(send)),
                    ("size", Arg::Text(size(*bytes))),
                    ("unchanged", Arg::from(unchanged)),
                    ("delete", Arg::from(delete)),
                ],
            ),
            Msg::Done {
                target,
                sent,
                bytes,
                unchanged,
                deleted,
                ms,
            } => (
                "deploy-done",
                vec![
                    ("target", Arg::from(target)),
                    ("sent", Arg::from(sent)),
                    ("size", Arg::Text(size(*bytes))),
                    ("unchanged", Arg::from(unchanged)),
                    ("deleted", Arg::from(deleted)),
                    ("ms", Arg::from(u64::try_from(*ms).unwrap_or(u64::MAX))),
                ],
            ),
        };
        crate::i18n::tr_in(lang, id, args)
    }
}
