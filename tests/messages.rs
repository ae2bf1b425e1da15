//! What a secretary reads: a zh-CN site's messages are Chinese, at the right place,
//! saying how to fix it; `--lang`, `GONGKAI_LANG` and an `en` site give English.

mod common;

use common::TestSite;

/// Latin words in a Chinese message outside what the secretary typed (backticks), the
/// source lines shown under it and file names: there should be none.
fn english_words(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in stderr.lines() {
        let t = line.trim_start();
        // The quoted source line and the caret under it are the secretary's own text.
        if t.starts_with('|') || t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        // The location before the first ": ".
        let msg = match line.split_once(": ") {
            Some((loc, rest)) if loc.contains('/') || loc.ends_with(".yaml") => rest,
            _ => line,
        };
        let prose: String = msg.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for token in prose.split(|c: char| !(c.is_ascii_alphanumeric() || "._/-:".contains(c))) {
            if token.contains(['.', '/', ':']) || token.len() < 3 {
                continue;
            }
            if token.chars().any(|c| c.is_ascii_alphabetic())
                && !["gongkai", "UTF-8", "SHA-256"].contains(&token)
            {
                out.push(token.to_string());
            }
        }
    }
    out
}

#[test]
fn front_matter_slips_are_told_in_chinese_at_their_place_with_the_fix() {
    let site = TestSite::new()
        .in_site_language()
        .doc(
            "notices/a.md",
            "title: 通知: 关于春游的安排\ndate: 2023-06-01",
            "正文。",
        )
        .doc("notices/b.md", "titel: 乙\ndate: 2023-06-01", "正文。")
        .doc("notices/c.md", "title: 丙\ndate: 2023年6月1日", "正文。")
        .doc(
            "notices/d.md",
            "title: 丁\ndate: 2023-06-01\ndisclosure:\n  start: 2023-06-01\n  workingdays: 5\n  contact: 工会办公室",
            "正文。",
        )
        .doc("notices/e.md", "title: 戊", "正文。")
        .doc("notices/f.md", "title: 己\ndate: 2023-06-01\ndraft: 也许", "正文。");
    let err = site.build_err();
    let expect = [
        "content/notices/a.md:2:10: 错误: 这一行的格式不对：内容里有英文冒号“:”时，请把整个内容用英文引号括起来，比如 `title: \"通知:关于…\"`；也请检查上一行是否缩进不对\n",
        "content/notices/b.md:2:1: 错误: 文件开头的信息里没有 `titel` 这个字段\n",
        "  = 提示：是不是想写 `title`？\n",
        "content/notices/c.md:3:7: 错误: 字段 `date`：`2023年6月1日` 的写法不对：日期要写成“年-月-日”的数字格式，请改成 `2023-06-01`\n",
        "content/notices/d.md:6:3: 错误: 字段 `disclosure`：没有 `workingdays` 这个字段，可以用的是：`start`、`end`、`days`、`working_days`、`contact`\n",
        "  = 提示：是不是想写 `working_days`？\n",
        "content/notices/e.md:1:1: 错误: 缺少日期 `date`：每篇文件都要写发布日期（格式：2023-06-01）\n",
        "content/notices/f.md:4:8: 错误: 字段 `draft`：这里应该写`true`（是）或 `false`（否），现在写的是文字 \"也许\"\n",
        "错误: 生成失败；上次生成的网站保持原样，没有改动：共 6 个错误\n",
    ];
    for e in expect {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
}

#[test]
fn summary_lines_are_chinese_and_name_what_is_held_back() {
    let site = TestSite::new()
        .in_site_language()
        .doc("notices/a.md", "title: 甲公示\ndate: 2023-06-01", "正文。")
        .doc("plans/b.md", "title: 乙计划\ndate: 2023-07-01", "正文。");
    let b = site.build();
    assert!(b.stdout.starts_with("已生成：1 篇文件，"), "{}", b.stdout);
    assert!(b.stdout.contains("毫秒 → "), "{}", b.stdout);
    assert!(
        b.stdout.contains(
            "1 篇文件的日期在今天之后，暂不发布，到当天才发布：\n  content/plans/b.md（2023-07-01）乙计划\n"
        ),
        "{}",
        b.stdout
    );
    let out = site.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("已检查：1 篇文件，"), "{stdout}");
    assert!(stdout.contains("毫秒，没有错误\n"), "{stdout}");
    assert_eq!(english_words(&stdout), Vec::<String>::new(), "{stdout}");
}

/// A zh-CN site that has not gone live (no disclosure.lock), with one document.
fn trial_site() -> TestSite {
    TestSite::bare()
        .in_site_language()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\n",
        )
        .doc("notices/a.md", "title: 甲\ndate: 2023-06-01", "正文。")
}

#[test]
fn a_trial_build_says_so_in_chinese_and_how_to_go_live() {
    let site = trial_site();
    let b = site.build();
    assert!(
        b.stdout.contains("试运行：网站还没有正式上线，所以这次生成不做记录（不编索引号，不发布 disclosure.json）；准备好向公众公开时，运行 `gongkai golive`"),
        "{}",
        b.stdout
    );
    let out = site.run(&["golive"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("网站已正式上线：从下一次 `gongkai build` 起"));
}

#[test]
fn site_yaml_problems_are_chinese_too() {
    let site = TestSite::bare().in_site_language().file(
        "site.yaml",
        "title: 测试工会\nbase_url: ftp://example.org/\npaginate: 零\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "site.yaml:2:11: 错误: 网站地址 `ftp://example.org/` 要以 https:// 或 http:// 开头\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "site.yaml:3:11: 错误: 字段 `paginate`：这里应该写整数，现在写的是文字 \"零\"\n"
        ),
        "{err}"
    );
    assert!(err.ends_with("错误: 检查没有通过：共 2 个错误\n"), "{err}");
}

#[test]
fn a_missing_attachment_names_the_closest_file() {
    let site = TestSite::new()
        .in_site_language()
        .doc(
            "notices/award/index.md",
            "title: 评优公示\ndate: 2023-06-01\nattachments:\n  - file: 先进个人名单.xlsx",
            "正文。",
        )
        .file("content/notices/award/先进个人名单.xls", "x");
    let err = site.build_err();
    assert!(
        err.contains("content/notices/award/index.md:5:11: 错误: 找不到附件 `先进个人名单.xlsx`（找的位置是 content/notices/award/先进个人名单.xlsx）\n"),
        "{err}"
    );
    assert!(
        err.contains("  = 提示：是不是想写 `先进个人名单.xls`？\n"),
        "{err}"
    );
}

#[test]
fn lang_and_gongkai_lang_override_the_sites_language() {
    let zh = TestSite::new().in_site_language().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-06-01",
        "正文。",
    );
    let out = zh.run(&["check", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("checked 1 document and "));
    let en = TestSite::bare()
        .in_site_language()
        .file(
            "site.yaml",
            "title: Union\nbase_url: https://example.org/\nlanguage: en\n",
        )
        .file("disclosure.lock", "[\n]\n")
        .doc("notices/a.md", "title: A\ndate: 2023-06-01", "Text.");
    let out = en.run(&["check"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("checked 1 document and "));
    let out = en.run(&["check", "--lang", "zh-CN"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("已检查：1 篇文件"));
}

#[test]
fn init_speaks_the_language_of_lang_where_there_is_no_site_yet() {
    let dir = tempfile::tempdir().unwrap();
    let run = |lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .arg("init")
            .arg(dir.path())
            .env_remove("GONGKAI_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    let out = run("zh_CN.UTF-8");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("已在 "), "{stdout}");
    assert!(stdout.contains("运行 `gongkai serve`"), "{stdout}");
    // The site now says zh-CN (the default), whatever LANG says.
    let out = run("en_US.UTF-8");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("里已经有 site.yaml 了"), "{err}");
}

#[test]
fn the_command_lines_help_is_in_the_sites_language() {
    let site = TestSite::new().in_site_language();
    let out = site.run(&["build", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.starts_with("生成网站，放进 public/\n\n用法： gongkai build"),
        "{help}"
    );
    assert!(help.contains("\n选项:\n"), "{help}");
    assert!(
        help.contains("--accept-changes       确认对已发布文件的有意修改，并记入公开记录\n"),
        "{help}"
    );
    let out = site.run(&["--lang", "en", "build", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.starts_with("Publish the site into public/\n\nUsage: gongkai build"),
        "{help}"
    );
}

/// A mistyped command line is told in Chinese too, with the closest command or option,
/// the usage line and where to read more; exit status 2, and clap's English nowhere.
#[test]
fn a_mistyped_command_line_is_told_in_chinese() {
    let site = TestSite::new().in_site_language();
    let cases: [(&[&str], &str); 5] = [
        (&["buidl"], "错误: 没有 `buidl` 这个命令\n提示：是不是想写 `build`？\n用法：gongkai [选项] <命令>\n想了解更多，请运行 `gongkai --help`\n"),
        (&["build", "--bse-url", "x"], "错误: 这里没有 `--bse-url` 这个选项\n提示：是不是想写 `--base-url`？\n"),
        (&["build", "--base-url", "ftp://x"], "错误: `--base-url <网址>` 不能是 `ftp://x`：网站地址 `ftp://x` 要以 https:// 或 http:// 开头\n"),
        (&["serve", "--port", "八千"], "错误: `--port <端口>` 不能是 `八千`：请写一个整数\n"),
        (&["new", "plan"], "错误: 还缺少 <标题>\n用法：gongkai new --site <文件夹> <类别> <标题>\n"),
    ];
    for (args, want) in cases {
        let out = site.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(want), "{args:?}:\n{err}");
        // The usage line is a command to type, not prose.
        let prose: String = err
            .lines()
            .filter(|l| !l.starts_with("用法："))
            .map(|l| format!("{l}\n"))
            .collect();
        let english: Vec<String> = english_words(&prose)
            .into_iter()
            .filter(|w| !["ftp", "https", "http"].contains(&w.as_str()))
            .collect();
        assert!(english.is_empty(), "{english:?} in\n{err}");
    }
    // Help in Chinese: clap's own words too, and Chinese placeholders line up.
    let help = String::from_utf8_lossy(&site.run(&["build", "--help"]).stdout).into_owned();
    assert!(help.contains("用法： gongkai build [选项]\n"), "{help}");
    assert!(
        help.contains("--site <文件夹>        网站文件夹（放 site.yaml 的文件夹） [默认：.]\n"),
        "{help}"
    );
    assert!(
        !help.contains("OPTIONS") && !help.contains("default"),
        "{help}"
    );
}

#[test]
fn verify_on_a_trial_build_says_it_is_a_trial_in_chinese() {
    let site = trial_site();
    site.build();
    let out = site.run(&["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let public = site.root().join("public");
    assert_eq!(
        err,
        format!(
            "错误: {} 是试运行生成的：网站还没有上线，没有公开记录可以核验\n  = 提示：准备好向公众公开时，运行 `gongkai golive`，再运行 `gongkai build`；此后生成的网站都可以核验\n",
            public.display()
        )
    );
}

/// A one-shot HTTP server on a free port that answers every request with `status`;
/// returns its address.
fn answering(status: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    format!("http://{addr}/")
}

#[test]
fn verify_url_says_in_chinese_why_the_site_could_not_be_read() {
    let site = TestSite::new().in_site_language();
    // Nothing listens on a port just freed.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}/", l.local_addr().expect("addr"))
    };
    let cases = [
        (closed, "对方拒绝连接（那里没有网站在运行？）（试了 3 次）"),
        (
            answering("404 Not Found"),
            "网站上没有这个文件（错误代码 404）",
        ),
        (
            answering("403 Forbidden"),
            "网站拒绝访问（错误代码 403）：请检查这个文件是否允许公开读取",
        ),
    ];
    for (url, why) in cases {
        let out = site.run(&["verify", &url]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!(
                "{url}disclosure.json: 错误: 无法读取已发布的公开记录：{why}\n  = 提示：请给出网站发布的网址（能访问到 disclosure.json 的那个地址）\n"
            )),
            "{err}"
        );
        assert!(english_words(&err).is_empty(), "{err}");
    }
}

#[test]
fn a_key_written_one_level_too_high_is_named_with_its_parent() {
    let site = TestSite::new().in_site_language().doc(
        "notices/a.md",
        "title: 甲\ndate: 2023-06-01\nworkingdays: 5",
        "正文。",
    );
    let err = site.build_err();
    assert!(
        err.starts_with(
            "content/notices/a.md:4:1: 错误: 文件开头的信息里没有 `workingdays` 这个字段\n  |\n4 | workingdays: 5\n  | ^\n  = 提示：是不是想写 `disclosure:` 下面的 `working_days`？比如 `disclosure: {working_days: …}`\n"
        ),
        "{err}"
    );
    let en = TestSite::new().doc(
        "notices/a.md",
        "title: A\ndate: 2023-06-01\nwithdrawn:\n  date: 2023-07-01\nreasons: wrong list",
        "Body.",
    );
    assert!(
        en.build_err()
            .contains("  = help: did you mean `reason` under `withdrawn:`? For example `withdrawn: {reason: …}`\n"),
        "{}",
        en.build_err()
    );
}
