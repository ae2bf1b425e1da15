//! Every message `gongkai deploy` prints, in the site's language (site.yaml's
//! `language`), kept in one place.

use std::path::PathBuf;

use crate::config::Language;

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
        let zh = lang == Language::ZhCn;
        match self {
            Msg::NoTargets if zh => "site.yaml 没有部署目标：请在 `deploy:` 下列出，例如 `deploy: [{name: www, url: /var/www/gk}]`".into(),
            Msg::NoTargets => "site.yaml declares no deploy targets: list them under `deploy:`, e.g. `deploy: [{name: www, url: /var/www/gk}]`".into(),
            Msg::UnknownTarget { name, names } if zh => format!("site.yaml 中没有名为 `{name}` 的部署目标（已有：{names}）"),
            Msg::UnknownTarget { name, names } => format!("site.yaml has no deploy target named `{name}` (it has: {names})"),
            Msg::SeveralTargets { names } if zh => format!("site.yaml 有多个部署目标，请指明一个：gongkai deploy NAME（{names}）"),
            Msg::SeveralTargets { names } => format!("site.yaml has several deploy targets: name one, gongkai deploy NAME ({names})"),
            Msg::NoBuild { out } if zh => format!("{} 中没有构建结果：请先运行 `gongkai build`", out.display()),
            Msg::NoBuild { out } => format!("no build in {}: run `gongkai build` first", out.display()),
            Msg::BuildUnfinished { out } if zh => format!("{} 的上一次构建没有完成（被中断？）：请重新运行 `gongkai build`，部署只发送完成的构建", out.display()),
            Msg::BuildUnfinished { out } => format!("the last build of {} did not finish (was it stopped?): run `gongkai build` again; deploy sends only a finished build", out.display()),
            Msg::BuildFailed { out } if zh => format!("{} 的上一次构建失败了：请修正问题后重新运行 `gongkai build`，部署只发送成功的构建", out.display()),
            Msg::BuildFailed { out } => format!("the last build of {} failed: fix its problems and run `gongkai build` again; deploy sends only a build that succeeded", out.display()),
            Msg::Trial if zh => "这是试运行构建：网站尚未上线，没有公开记录（disclosure.json）；准备好面向公众时运行 `gongkai golive`，再 `gongkai build`，然后部署".into(),
            Msg::Trial => "this is a trial build: the site is not live, so it has no public record (disclosure.json); when it is ready for the public run `gongkai golive`, then `gongkai build`, then deploy".into(),
            Msg::Drafts if zh => "这次构建包含草稿（--drafts），只能预览，不能发布：请运行 `gongkai build`（不带 --drafts）后再部署".into(),
            Msg::Drafts => "this build includes drafts (--drafts): a preview, never published; run `gongkai build` without --drafts, then deploy".into(),
            Msg::OtherBaseUrl { url, site } if zh => format!("这次构建用了 --base-url {url}，而不是 site.yaml 的 {site}：其中的链接指向别处；请运行 `gongkai build`（不带 --base-url）后再部署"),
            Msg::OtherBaseUrl { url, site } => format!("this build was made with --base-url {url}, not site.yaml's {site}: its links lead elsewhere; run `gongkai build` without --base-url, then deploy"),
            Msg::NoRecord { out } if zh => format!("{} 中没有 disclosure.json：这不是一个已上线网站的完整构建", out.display()),
            Msg::NoRecord { out } => format!("{} has no disclosure.json: it is not a whole build of a live site", out.display()),
            Msg::CannotRead { what } if zh => format!("无法读取构建结果：{what}"),
            Msg::CannotRead { what } => format!("cannot read the build: {what}"),
            Msg::NoCredentials { target } if zh => format!("部署到 `{target}` 需要访问密钥：请设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，或写入 ~/.aws/credentials（密钥永远不写在 site.yaml 中）"),
            Msg::NoCredentials { target } => format!("deploying to `{target}` needs an access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put them in ~/.aws/credentials (never in site.yaml)"),
            Msg::Refused { target, detail } if zh => format!("部署到 `{target}` 失败：访问密钥被拒绝，请检查 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（{detail}）"),
            Msg::Refused { target, detail } => format!("deploying to `{target}` failed: the access key was refused; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ({detail})"),
            Msg::NoBucket { target, bucket } if zh => format!("部署到 `{target}` 失败：存储桶 `{bucket}` 不存在（请检查 site.yaml 中的 url、endpoint 和 region）"),
            Msg::NoBucket { target, bucket } => format!("deploying to `{target}` failed: the bucket `{bucket}` does not exist (check url, endpoint and region in site.yaml)"),
            Msg::NoFolder { target, dir } if zh => format!("部署到 `{target}` 失败：文件夹 {} 不存在（网站根目录没有挂载？）", dir.display()),
            Msg::NoFolder { target, dir } => format!("deploying to `{target}` failed: the folder {} does not exist (is the web root mounted?)", dir.display()),
            Msg::Network { target, detail } if zh => format!("部署到 `{target}` 失败：多次重试后仍无法连接（{detail}）"),
            Msg::Network { target, detail } => format!("deploying to `{target}` failed: the service could not be reached, after retries ({detail})"),
            Msg::Other { target, detail } if zh => format!("部署到 `{target}` 失败：{detail}"),
            Msg::Other { target, detail } => format!("deploying to `{target}` failed: {detail}"),
            Msg::Stopped { target, sent, total } if zh => format!("部署到 `{target}` 未完成：{total} 个文件中已发送 {sent} 个；目标上的清单没有更新，请再次运行 gongkai deploy 完成部署"),
            Msg::Stopped { target, sent, total } => format!("the deploy to `{target}` did not finish: {sent} of {total} files were sent; the target's manifest was not updated, so run gongkai deploy again to finish"),
            Msg::Send { rel } if zh => format!("发送 {rel}"),
            Msg::Send { rel } => format!("send {rel}"),
            Msg::Delete { rel } if zh => format!("删除 {rel}"),
            Msg::Delete { rel } => format!("delete {rel}"),
            Msg::KeepStale { rel } if zh => format!("保留 {rel}（已不再生成；--delete 可删除）"),
            Msg::KeepStale { rel } => format!("keep {rel} (no longer built; --delete removes it)"),
            Msg::KeepRecorded { rel } if zh => format!("保留 {rel}（公开记录中的文件，永不删除）"),
            Msg::KeepRecorded { rel } => format!("keep {rel} (a recorded document's file, never deleted)"),
            Msg::StaleNote { n } if zh => format!("目标上有 {n} 个已不再生成的文件被保留；加 --delete 可删除它们"),
            Msg::StaleNote { n } => format!("{n} file(s) no longer built were kept on the target; --delete removes them"),
            Msg::RecordedNote { n } if zh => format!("{n} 个公开记录（disclosure.json）中文档的文件已不再生成，仍保留在目标上"),
            Msg::RecordedNote { n } => format!("{n} file(s) of documents in the record (disclosure.json) are no longer built and stay on the target"),
            Msg::DryRun { target, send, bytes, unchanged, delete } if zh => format!("试演（--dry-run）：将向 `{target}` 发送 {send} 个文件（{}），{unchanged} 个未变，删除 {delete} 个；什么也没有发送", size(*bytes)),
            Msg::DryRun { target, send, bytes, unchanged, delete } => format!("dry run: {send} file(s) to send to `{target}` ({}), {unchanged} unchanged, {delete} to delete; nothing was sent", size(*bytes)),
            Msg::Done { target, sent, bytes, unchanged, deleted, ms } if zh => format!("已部署到 `{target}`：发送 {sent} 个文件（{}），跳过 {unchanged} 个未变文件，删除 {deleted} 个，用时 {ms} 毫秒", size(*bytes)),
            Msg::Done { target, sent, bytes, unchanged, deleted, ms } => format!("deployed to `{target}`: {sent} file(s) sent ({}), {unchanged} unchanged skipped, {deleted} deleted, in {ms} ms", size(*bytes)),
        }
    }
}
