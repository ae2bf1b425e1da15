//! `gongkai import`: Word documents made in the tests with docx-rs become documents
//! whose front matter, body and pictures are asserted, and which build.

mod common;

use common::TestSite;
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footnote, IndentLevel, Level, LevelJc, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Pic, Run, Start, Style, StyleType, Table,
    TableCell, TableRow, VMergeType,
};

fn pack(d: Docx) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut buf).expect("pack docx");
    buf.into_inner()
}

fn p(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn right(text: &str) -> Paragraph {
    p(text).align(AlignmentType::Right)
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(p(text))
}

/// Runs `gongkai import FILE args...` on a file of the site: exit code, stdout, stderr.
fn import(site: &TestSite, file: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let path = site.root().join(file).to_string_lossy().into_owned();
    let mut all = vec!["import", path.as_str()];
    all.extend_from_slice(args);
    let out = site.run(&all);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The front matter of a written document, parsed, and its body.
fn split(text: &str) -> (serde_yaml::Mapping, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (fm, body) = rest.split_once("\n---\n").expect("closing ---");
    (
        serde_yaml::from_str(fm).expect("front matter is YAML"),
        body.to_string(),
    )
}

fn get<'a>(m: &'a serde_yaml::Mapping, k: &str) -> &'a serde_yaml::Value {
    m.get(k).unwrap_or_else(|| panic!("no `{k}` in {m:?}"))
}

fn s(m: &serde_yaml::Mapping, k: &str) -> String {
    match get(m, k) {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    }
}

/// A 1×1 PNG, made here rather than committed.
fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0, 0, 0, 13]);
    v.extend_from_slice(b"IHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
    v.extend_from_slice(b"\0\0\0\x0dIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa75\x81\x84");
    v.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    v
}

/// A 公示 as the office sends it: 文号 line, centred bold title, a table with merged
/// cells, a picture, the period and contact in the text, and the 落款 at the end.
fn award_notice() -> Vec<u8> {
    let table = Table::new(vec![
        TableRow::new(vec![cell("姓名"), cell("部门"), cell("荣誉称号")]),
        TableRow::new(vec![
            cell("张老师"),
            cell("语文组"),
            cell("优秀教职工").vertical_merge(VMergeType::Restart),
        ]),
        TableRow::new(vec![
            cell("李老师"),
            cell("数学组"),
            TableCell::new()
                .add_paragraph(Paragraph::new())
                .vertical_merge(VMergeType::Continue),
        ]),
        TableRow::new(vec![cell("王老师"), cell("后勤处|食堂").grid_span(2)]),
    ]);
    pack(
        Docx::new()
            .add_paragraph(p("校工〔2023〕15号").align(AlignmentType::Center))
            .add_paragraph(
                Paragraph::new().align(AlignmentType::Center).add_run(
                    Run::new()
                        .add_text("关于2023年度先进个人评选结果的公示")
                        .bold()
                        .size(44),
                ),
            )
            .add_paragraph(p("各分工会："))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("经各分工会推荐、校工会评审，现将"))
                    .add_run(Run::new().add_text("“先进个人”").bold())
                    .add_run(
                        Run::new().add_text("评选结果公示如下。公示时间：2023年6月1日至6月7日。"),
                    ),
            )
            .add_table(table)
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(
                    png(),
                    1,
                    1,
                ))),
            )
            .add_paragraph(p(
                "公示期间如有异议，请与校工会办公室联系，联系电话：0571-88886666。",
            ))
            .add_paragraph(p("特此公示。"))
            .add_paragraph(Paragraph::new())
            .add_paragraph(right("校工会"))
            .add_paragraph(right("2023年6月1日")),
    )
}

#[test]
fn a_word_notice_becomes_a_notice_with_its_number_date_period_table_and_picture() {
    let site = TestSite::new().bytes("incoming/先进个人公示.docx", &award_notice());
    let out = site.run(&[
        "import",
        &site
            .root()
            .join("incoming/先进个人公示.docx")
            .to_string_lossy(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let rel = "content/notices/关于2023年度先进个人评选结果的公示/index.md";
    assert!(stdout.starts_with(&format!("{rel} ← ")), "{stdout}");
    assert!(
        stdout.contains("  found: notice (from the title) · title “关于2023年度先进个人评选结果的公示” · date 2023-06-01 · 文号 校工〔2023〕15号 · department 校工会 · disclosure 2023-06-01 to 2023-06-07 · contact 校工会办公室 0571-88886666 · 1 table · 1 picture\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("not found"), "{stdout}");

    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let (fm, body) = split(&text);
    assert_eq!(s(&fm, "title"), "关于2023年度先进个人评选结果的公示");
    assert_eq!(s(&fm, "date"), "2023-06-01");
    assert_eq!(s(&fm, "doc_no"), "校工〔2023〕15号");
    assert_eq!(s(&fm, "department"), "校工会");
    assert_eq!(s(&fm, "contact"), "校工会办公室 0571-88886666");
    assert!(
        fm.get("kind").is_none(),
        "notices/ implies the kind: {text}"
    );
    let d = get(&fm, "disclosure").as_mapping().unwrap();
    assert_eq!(s(d, "start"), "2023-06-01");
    assert_eq!(s(d, "end"), "2023-06-07");

    // The body: no 文号, title or 落款 left in it; the bold kept; the table with its
    // merged cells; the picture beside the document and shown.
    assert!(!body.contains("校工〔2023〕15号"), "{body}");
    assert!(!body.contains("评选结果的公示\n"), "{body}");
    assert!(body.trim_end().ends_with("特此公示。"), "{body}");
    assert!(body.contains("现将“**先进个人**”评选结果"), "{body}");
    assert!(
        body.contains("| 姓名 | 部门 | 荣誉称号 |\n| --- | --- | --- |\n| 张老师 | 语文组 | 优秀教职工 |\n| 李老师 | 数学组 |  |\n| 王老师 | 后勤处\\|食堂 |  |\n"),
        "{body}"
    );
    assert!(body.contains("![图1](<图1.png>)"), "{body}");
    assert_eq!(
        std::fs::read(
            site.root()
                .join("content/notices/关于2023年度先进个人评选结果的公示/图1.png")
        )
        .unwrap(),
        png()
    );

    // It builds as it is, and the page shows what was read.
    let built = site.build();
    let page = built.page("/notices/关于2023年度先进个人评选结果的公示/");
    let meta = page.text("dl.meta");
    assert!(meta.contains("校工〔2023〕15号"), "{meta}");
    assert!(meta.contains("校工会"), "{meta}");
    assert_eq!(page.texts("article table tbody tr").len(), 3);
    assert_eq!(page.count("article .body img"), 1);
}

/// A plan whose month sections are prose with mixed numbering: `1、`, `2.`, a line of
/// items after the marker, Word's own bullets, `（1）`.
fn work_plan() -> Vec<u8> {
    let bullets = AbstractNumbering::new(1).add_level(Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    ));
    pack(
        Docx::new()
            .add_style(Style::new("Title", StyleType::Paragraph).name("Title"))
            .add_abstract_numbering(bullets)
            .add_numbering(Numbering::new(1, 1))
            .add_paragraph(p("2024年工会工作计划").style("Title"))
            .add_paragraph(p("一、指导思想"))
            .add_paragraph(p("以服务教职工为中心，推进民主管理。"))
            .add_paragraph(p("二、具体月份工作安排"))
            .add_paragraph(p("一月份："))
            .add_paragraph(p("1、迎新年书画作品征集赛。"))
            .add_paragraph(p("2.慰问特困及重病教职工。"))
            .add_paragraph(p("二月份：召开教代会；开展调研"))
            .add_paragraph(p("三月"))
            .add_paragraph(
                p("庆“三八”系列活动").numbering(NumberingId::new(1), IndentLevel::new(0)),
            )
            .add_paragraph(
                p("教职工趣味游艺活动").numbering(NumberingId::new(1), IndentLevel::new(0)),
            )
            .add_paragraph(p("十二月份"))
            .add_paragraph(p("（1）年终总结。"))
            .add_paragraph(p("三、保障措施"))
            .add_paragraph(p("工会委员分工负责，按月检查落实。"))
            .add_paragraph(right("校工会"))
            .add_paragraph(right("二〇二三年十二月二十日")),
    )
}

#[test]
fn a_word_plan_gets_its_schedule_and_the_month_pages_show_it() {
    let site = TestSite::new()
        .today("2024-01-10")
        .bytes("plan.docx", &work_plan());
    let (code, stdout, stderr) = import(&site, "plan.docx", &[]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("  found: plan (from the title) · title “2024年工会工作计划” · date 2023-12-20 · department 校工会 · year 2024 · schedule for months 1, 2, 3, 12 (7 items)\n"),
        "{stdout}"
    );
    let text =
        std::fs::read_to_string(site.root().join("content/plans/2024年工会工作计划.md")).unwrap();
    let (fm, body) = split(&text);
    assert_eq!(s(&fm, "year"), "2024");
    let sched: std::collections::BTreeMap<u32, Vec<String>> =
        serde_yaml::from_value(get(&fm, "schedule").clone()).unwrap();
    assert_eq!(
        sched,
        std::collections::BTreeMap::from([
            (
                1,
                vec![
                    "迎新年书画作品征集赛".to_string(),
                    "慰问特困及重病教职工".into()
                ]
            ),
            (2, vec!["召开教代会".to_string(), "开展调研".into()]),
            (
                3,
                vec!["庆“三八”系列活动".to_string(), "教职工趣味游艺活动".into()]
            ),
            (12, vec!["年终总结".to_string()]),
        ])
    );
    // The section stays in the body, as headings and lists.
    assert!(body.contains("\n## 一、指导思想\n"), "{body}");
    assert!(body.contains("## 二、具体月份工作安排\n\n一月份：\n\n1. 迎新年书画作品征集赛。\n2. 慰问特困及重病教职工。\n"), "{body}");
    assert!(
        body.contains("三月\n\n- 庆“三八”系列活动\n- 教职工趣味游艺活动\n"),
        "{body}"
    );
    assert!(!body.contains("二〇二三年十二月二十日"), "{body}");

    let built = site.build();
    let jan = built.page("/archive/2024/01/");
    let items = jan.texts(".sched-items li");
    assert!(
        items.iter().any(|t| t.contains("迎新年书画作品征集赛")),
        "{items:?}"
    );
    let dec = built.page("/archive/2024/12/");
    assert!(dec
        .texts(".sched-items li")
        .iter()
        .any(|t| t.contains("年终总结")));
}

/// A summary without heading styles, dated in Chinese numerals, with outline
/// numbering and a footnote.
fn summary() -> Vec<u8> {
    pack(
        Docx::new()
            .add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("2023年上半年工会工作总结").bold()),
            )
            .add_paragraph(p("一、主要工作"))
            .add_paragraph(p("（一）加强组织建设"))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("全年发展新会员12人"))
                    .add_run(
                        Run::new().add_footnote_reference(
                            Footnote::new().add_content(p("含退休返聘人员。")),
                        ),
                    )
                    .add_run(Run::new().add_text("。")),
            )
            .add_paragraph(p("（二）关心职工生活"))
            .add_paragraph(p("走访慰问困难职工，详见 *附表* [1]。"))
            .add_paragraph(p("二〇二三年七月五日")),
    )
}

#[test]
fn a_summary_dated_in_chinese_numerals_without_heading_styles() {
    let site = TestSite::new()
        .today("2024-01-10")
        .bytes("总结.docx", &summary());
    let (code, stdout, stderr) = import(&site, "总结.docx", &[]);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    let text = std::fs::read_to_string(
        site.root()
            .join("content/summaries/2023年上半年工会工作总结.md"),
    )
    .unwrap();
    let (fm, body) = split(&text);
    assert_eq!(s(&fm, "title"), "2023年上半年工会工作总结");
    assert_eq!(s(&fm, "date"), "2023-07-05");
    assert!(fm.get("department").is_none());
    assert_eq!(
        body.trim(),
        "## 一、主要工作\n\n### （一）加强组织建设\n\n全年发展新会员12人[^1]。\n\n### （二）关心职工生活\n\n走访慰问困难职工，详见 \\*附表\\* \\[1\\]。\n\n[^1]: 含退休返聘人员。"
    );
    let built = site.build();
    let page = built.page("/summaries/2023年上半年工会工作总结/");
    let h2 = page.texts("article h2");
    assert!(h2.len() == 1 && h2[0].starts_with("一、主要工作"), "{h2:?}");
    assert!(page.text("article").contains("详见 *附表* [1]。"));
}

#[test]
fn personal_data_is_reported_at_the_written_line_and_the_document_is_kept() {
    let doc = pack(
        Docx::new()
            .add_paragraph(p("关于困难职工慰问名单的公示").align(AlignmentType::Center))
            .add_table(Table::new(vec![
                TableRow::new(vec![cell("姓名"), cell("电话")]),
                TableRow::new(vec![cell("张三"), cell("13800138000")]),
            ]))
            .add_paragraph(p("公示期为5个工作日。如有异议，请向工会办公室反映。"))
            .add_paragraph(right("2023年6月1日")),
    );
    let site = TestSite::new().bytes("名单.docx", &doc);
    let out = site.run(&["import", &site.root().join("名单.docx").to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let rel = "content/notices/关于困难职工慰问名单的公示.md";
    let text =
        std::fs::read_to_string(site.root().join(rel)).expect("written so that it can be fixed");
    let line = text
        .lines()
        .position(|l| l.contains("13800138000"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("{rel}:{line}:8: error: a mobile phone number (手机号) would be published: 138****8000\n")),
        "{stderr}"
    );
    assert!(
        stdout.contains("disclosure 5 working days from 2023-06-01 · contact 工会办公室 · 1 table"),
        "{stdout}"
    );
    assert!(stdout.contains("imported 1 document, with 1 problem to fix above (the document was written so that you can fix them)"), "{stdout}");
}

#[test]
fn a_folder_is_imported_whole_and_nothing_is_overwritten() {
    let site = TestSite::new()
        .bytes("in/a.docx", &award_notice())
        .bytes("in/b.docx", &summary())
        .bytes("in/~$a.docx", b"lock file")
        .file("in/readme.txt", "not Word");
    let folder = site.root().join("in");
    let out = site.run(&["import", &folder.to_string_lossy()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("imported 2 documents; next: `gongkai serve`"),
        "{stdout}"
    );
    let before = std::fs::read(
        site.root()
            .join("content/summaries/2023年上半年工会工作总结.md"),
    )
    .unwrap();

    // Again: both exist now; each is refused, naming it, and nothing changes.
    let again = site.run(&["import", &folder.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr.contains("b.docx: error: content/summaries/2023年上半年工会工作总结.md already exists; import does not overwrite documents: delete or rename it, or give this one another name with --slug\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: 2 files could not be imported\n"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(
            site.root()
                .join("content/summaries/2023年上半年工会工作总结.md")
        )
        .unwrap(),
        before
    );
    // With a name of its own and a section, it goes where it is told.
    let named = site.run(&[
        "import",
        &folder.join("b.docx").to_string_lossy(),
        "--slug",
        "h1-summary",
        "--section",
        "reports",
        "--kind",
        "summary",
    ]);
    assert!(
        named.status.success(),
        "{}",
        String::from_utf8_lossy(&named.stderr)
    );
    let (fm, _) =
        split(&std::fs::read_to_string(site.root().join("content/reports/h1-summary.md")).unwrap());
    assert_eq!(s(&fm, "kind"), "summary");
}

#[test]
fn hostile_and_wrong_files_are_refused_with_nothing_written() {
    // A zip that unpacks to more than the limit.
    let mut bomb = Vec::new();
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("word/document.xml", o).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..70 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let site = TestSite::new()
        .bytes("x/notes.docx", "只是文字，不是 Word 文件".as_bytes())
        .bytes("x/locked.docx", &ole)
        .bytes("x/old.doc", &ole)
        .bytes("x/broken.docx", b"PK\x03\x04broken")
        .bytes("x/bomb.docx", &bomb)
        .bytes(
            "x/empty.docx",
            &pack(Docx::new().add_paragraph(p("一些文字"))),
        );
    // A 100 MB document (sparse: it costs no disk).
    std::fs::File::create(site.root().join("x/big.docx"))
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    for (name, want) in [
        ("notes.docx", "notes.docx: error: cannot import it: it is not a Word document (.docx): open it in Word and save it as .docx\n"),
        ("locked.docx", "locked.docx: error: cannot import it: it is an old Word file (.doc) or an encrypted document: open it in Word and save it as .docx (Word 2007 or later), without a password\n"),
        ("old.doc", "old.doc: error: this is an old Word file (.doc): open it in Word or WPS and save it as .docx, then import that\n"),
        ("broken.docx", "broken.docx: error: cannot import it: it is damaged or encrypted ("),
        ("bomb.docx", "bomb.docx: error: cannot import it: it unpacks to more than 64 MB, as a zip bomb does\n"),
        ("big.docx", "big.docx: error: the file is 100 MB, more than the 64 MB import reads; save it without its large pictures, or split it\n"),
        ("empty.docx", "empty.docx: error: cannot tell (it has no title that stands out) whether it is a plan, a notice or a summary; run again with --kind plan, --kind notice or --kind summary\n"),
    ] {
        let out = site.run(&["import", &site.root().join("x").join(name).to_string_lossy()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(want), "{name}: {stderr}");
    }
    assert!(!site.root().join("content").exists(), "nothing written");
    // Told the kind, the short document imports, with today's date marked.
    let out = site.run(&[
        "import",
        &site.root().join("x/empty.docx").to_string_lossy(),
        "--kind",
        "summary",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("  not found: title: the file's name is used · date: today's date 2023-06-15 is used, marked in the file; check it\n"), "{stdout}");
    let text = std::fs::read_to_string(site.root().join("content/summaries/empty.md")).unwrap();
    assert!(
        text.contains("# 未找到成文日期，暂用导入当天：请核对\ndate: 2023-06-15\n"),
        "{text}"
    );
}

#[test]
fn a_markdown_plan_without_schedule_gets_it_from_its_month_sections() {
    let site = TestSite::new()
        .doc(
            "plans/2023.md",
            "title: 2023年工作计划\ndate: 2023-01-05",
            "## 具体月份工作安排\n\n一月份：\n\n1、召开工会委员会议。\n2、慰问困难职工。\n\n二月份：\n\n- 开学慰问\n",
        )
        .doc(
            "plans/none.md",
            "title: 2023年另一计划\ndate: 2023-01-06\nschedule: {}",
            "一月份：\n\n1、不应列出。\n\n二月份：\n\n1、也不应列出。\n",
        );
    let out = site.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("content/plans/2023.md: schedule read from the body's month sections (2 months, 3 items), shown on the month pages; to set it yourself, write `schedule:` in the front matter (`schedule: {}` for none)\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("none.md"), "{stdout}");
    let built = site.build();
    let jan = built.page("/archive/2023/01/").texts(".sched-items li");
    assert!(
        jan.iter().any(|t| t.contains("召开工会委员会议")),
        "{jan:?}"
    );
    assert!(!jan.iter().any(|t| t.contains("不应列出")), "{jan:?}");
}

/// A zh-CN site hears import's report in Chinese.
#[test]
fn the_report_is_in_chinese_for_a_chinese_site() {
    let site = TestSite::new()
        .bytes(
            "x/empty.docx",
            &pack(Docx::new().add_paragraph(p("一些文字"))),
        )
        .in_site_language();
    let (code, stdout, stderr) = import(&site, "x/empty.docx", &["--kind", "summary"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("content/summaries/empty.md ← "), "{stdout}");
    assert!(stdout.contains("\n  找到：总结\n"), "{stdout}");
    assert!(
        stdout.contains("\n  没找到：标题：暂用文件名 · 日期：暂用今天的日期 2023-06-15，文件里已做标记，请核对\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "已导入 1 篇文件；下一步：运行 `gongkai serve` 看看效果，再改正导入得不对的地方"
        ),
        "{stdout}"
    );
    let (code, _, stderr) = import(&site, "x/none.docx", &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("none.docx：错误：没有这个文件\n"),
        "{stderr}"
    );
    assert!(stderr.contains("错误：有 1 个文件没能导入\n"), "{stderr}");
}
