//! The privacy check on attachments (SPEC §8, issue 11): spreadsheets located by sheet
//! and cell, Word files by table, row and cell or paragraph, PDFs by page; files that
//! cannot be read are warnings that name them; hostile files are bounded. Every fixture
//! is made here, by the crates that write those formats.

mod common;
use common::*;

use std::io::Write;

const SITE: &str =
    "title: 测试工会\nbase_url: https://example.org/\ncontact: 工会办公室 0571-8888 6000\n";

fn site() -> TestSite {
    TestSite::new().file("site.yaml", SITE)
}

/// 名单.xlsx: a sheet 名单 with an ID number in C2, a mobile number typed as a number
/// in D2, and masked forms in row 3.
fn award_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    for (c, h) in ["姓名", "部门", "身份证号", "手机"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_string(1, 1, "数学系").unwrap();
    ws.write_string(1, 2, "11010519491231002X").unwrap();
    ws.write_number(1, 3, 13800138000.0).unwrap();
    ws.write_string(2, 0, "李四").unwrap();
    ws.write_string(2, 2, "3201**********1234").unwrap();
    ws.write_string(2, 3, "138****5678").unwrap();
    wb.save_to_buffer().unwrap()
}

/// A .docx holding `document.xml` as its only part.
fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
}

/// 慰问名单.docx: a heading, a table whose second row holds a mobile number split over
/// two runs (as Word splits them), and a paragraph with a masked number.
fn care_docx() -> Vec<u8> {
    docx(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>慰问名单</w:t></w:r></w:p>
<w:tbl><w:tr>{}{}</w:tr><w:tr>{}<w:tc><w:p><w:r><w:t>138</w:t></w:r><w:r><w:t>00138000</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>联系人 139****5678</w:t></w:r></w:p>
</w:body></w:document>"#,
        cell("姓名"),
        cell("电话"),
        cell("王五"),
    ))
}

/// A PDF of one page per text (none: a page with no text, as a scan has).
fn pdf(pages: &[&str]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for text in pages {
        let mut ops = Vec::new();
        if !text.is_empty() {
            ops = vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(*text)]),
                Operation::new("ET", vec![]),
            ];
        }
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn notice(title: &str) -> String {
    format!("title: {title}\ndate: 2023-06-01")
}

#[test]
fn an_id_number_in_a_spreadsheet_cell_is_located_by_sheet_and_cell() {
    let site = site()
        .doc(
            "notices/award/index.md",
            &notice("先进个人名单公示"),
            "名单见附件。",
        )
        .bytes("content/notices/award/名单.xlsx", &award_xlsx());
    let err = site.build_err();
    assert!(
        err.contains("content/notices/award/名单.xlsx:名单!C2: error: a resident ID number (身份证号) would be published: 1101**********002X\n"),
        "{err}"
    );
    assert!(
        err.contains("content/notices/award/名单.xlsx:名单!D2: error: a mobile phone number (手机号) would be published: 138****8000\n"),
        "{err}"
    );
    assert!(err.contains("privacy_allow: [id_card]"), "{err}");
    // The masked forms of row 3 pass.
    assert!(err.contains("2 errors"), "{err}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn privacy_allow_covers_attachments_too() {
    let site = site()
        .doc(
            "notices/award/index.md",
            &format!("{}\nprivacy_allow: [id_card, mobile]", notice("名单")),
            "名单见附件。",
        )
        .bytes("content/notices/award/名单.xlsx", &award_xlsx());
    let b = site.build();
    assert!(!b.stderr.contains("名单.xlsx"), "{}", b.stderr);
    let site = site.doc(
        "notices/award/index.md",
        &format!("{}\nprivacy_allow: [mobile]", notice("名单")),
        "名单见附件。",
    );
    let err = site.build_err();
    assert!(
        err.contains("名单!C2: error: a resident ID number"),
        "{err}"
    );
    assert!(!err.contains("名单!D2"), "{err}");
}

#[test]
fn a_mobile_number_in_a_word_table_is_located_by_table_row_and_cell() {
    let site = site()
        .doc(
            "notices/care/index.md",
            &format!(
                "{}\nattachments: [{{file: 慰问名单.docx, title: 慰问名单}}]",
                notice("慰问名单")
            ),
            "见附件。",
        )
        .bytes("content/notices/care/慰问名单.docx", &care_docx());
    let err = site.build_err();
    assert!(
        err.contains("content/notices/care/慰问名单.docx:table 1, row 2, cell 2: error: a mobile phone number (手机号) would be published: 138****8000\n"),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn a_mobile_number_in_a_word_paragraph_is_located_by_paragraph() {
    let xml = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>名单</w:t></w:r></w:p><w:p/>\
               <w:p><w:r><w:t>联系电话：13912345678</w:t></w:r></w:p></w:body></w:document>";
    let site = site()
        .doc("notices/care/index.md", &notice("慰问"), "见附件。")
        .bytes("content/notices/care/说明.docx", &docx(xml));
    let err = site.build_err();
    assert!(
        err.contains("content/notices/care/说明.docx:paragraph 3: error: a mobile phone number (手机号) would be published: 139****5678\n"),
        "{err}"
    );
}

#[test]
fn a_bank_card_in_a_pdf_is_located_by_page() {
    let site = site()
        .doc("notices/subsidy/index.md", &notice("补助发放"), "见附件。")
        .bytes(
            "content/notices/subsidy/subsidy.pdf",
            &pdf(&[
                "Subsidy list, page one",
                "Card 6222021234567890128, masked 6222 **** **** 1234",
            ]),
        );
    let err = site.build_err();
    assert!(
        err.contains("content/notices/subsidy/subsidy.pdf:page 2: error: a bank card number (银行卡号) would be published: 6222***********0128\n"),
        "{err}"
    );
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn files_that_cannot_be_read_are_warnings_that_name_them() {
    let site = site()
        .doc("notices/files/index.md", &notice("附件"), "见附件。")
        .bytes(
            "content/notices/files/photo.jpg",
            b"\xFF\xD8\xFF\xE0 not much of a photo",
        )
        .bytes(
            "content/notices/files/old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        )
        .bytes("content/notices/files/scan.pdf", &pdf(&[""]))
        .bytes(
            "content/notices/files/broken.xlsx",
            b"PK\x03\x04 this is no workbook",
        )
        .bytes("content/notices/files/broken.docx", b"not a zip at all");
    let b = site.build();
    let w = |name: &str, why: &str| {
        format!("content/notices/files/{name}: warning: this attachment could not be checked for personal data ({why}); look at it yourself\n")
    };
    for line in [
        w(
            "photo.jpg",
            "it is an image, and a photo or scan of a list can show numbers",
        ),
        w(
            "old.doc",
            "it is an old Word file (.doc): save it as .docx to have it checked",
        ),
        w(
            "scan.pdf",
            "it has no text to read, as a scan or a picture has",
        ),
    ] {
        assert!(b.stderr.contains(&line), "{line}\n{}", b.stderr);
    }
    for name in ["broken.xlsx", "broken.docx"] {
        let start = format!("content/notices/files/{name}: warning: this attachment could not be checked for personal data (it is damaged or encrypted");
        assert!(b.stderr.contains(&start), "{start}\n{}", b.stderr);
    }
    // One line a file.
    assert_eq!(
        b.stderr.matches("could not be checked").count(),
        5,
        "{}",
        b.stderr
    );
}

#[test]
fn hostile_files_are_bounded_warnings() {
    // A Word file whose text unpacks to 80 MB from well under 1 MB.
    let bomb = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..80 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    // A PDF whose page tree holds itself.
    let looped = {
        let text = String::from_utf8_lossy(&pdf(&["x"])).into_owned();
        // The Pages object is 1 0 obj: its Kids list is made to name it too.
        text.replacen("/Kids[", "/Kids[1 0 R ", 1).into_bytes()
    };
    let site = site()
        .doc("notices/bad/index.md", &notice("附件"), "见附件。")
        .bytes("content/notices/bad/bomb.docx", &bomb)
        .bytes("content/notices/bad/loop.pdf", &looped);
    // A 200 MB attachment (sparse: it takes no room).
    let big = site.root().join("content/notices/bad/huge.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let start = std::time::Instant::now();
    let b = site.build();
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
    assert!(
        b.stderr.contains("content/notices/bad/bomb.docx: warning: this attachment could not be checked for personal data (it unpacks to more than 64 MB, as a zip bomb does); look at it yourself\n"),
        "{}",
        b.stderr
    );
    assert!(
        b.stderr.contains("content/notices/bad/huge.xlsx: warning: this attachment could not be checked for personal data (it is 200 MB, larger than the 64 MB the check reads); look at it yourself\n"),
        "{}",
        b.stderr
    );
    // The loop is cut where it closes: the page tree then holds no page with text.
    assert!(
        b.stderr.contains("content/notices/bad/loop.pdf: warning: this attachment could not be checked for personal data (it has no text to read, as a scan or a picture has); look at it yourself\n"),
        "{}",
        b.stderr
    );
}

#[test]
fn a_mobile_number_in_site_yaml_is_an_error_at_its_line_and_column() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: 测试工会\nbase_url: https://example.org/\ncontact: 张老师 13812345678\n",
        )
        .doc("notices/a.md", &notice("通知"), "正文。");
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:3:14: error: a mobile phone number (手机号) would be published: 138****5678\n"),
        "{err}"
    );
    assert!(err.contains("3 | contact: 张老师 13812345678"), "{err}");
    assert!(err.contains("printed on every page"), "{err}");
    assert!(err.contains("1 error"), "{err}");
    let site = site.file(
        "site.yaml",
        "title: 测试工会\nbase_url: https://example.org/\ncontact: 张老师 138****5678\n",
    );
    site.build();
}

#[test]
fn an_unchanged_attachment_is_read_from_the_cache() {
    let site = site()
        .doc("notices/award/index.md", &notice("名单"), "名单见附件。")
        .bytes("content/notices/award/名单.xlsx", &award_xlsx());
    site.build_err();
    let dir = site.root().join(".gongkai-cache/attachments");
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1);
    // What the cache says is what the next build reports: the file is not read again.
    std::fs::write(
        entries[0].path(),
        r#"{"Pieces":{"pieces":[{"place":"名单!Z9","text":"13912345678"}],"unread":null}}"#,
    )
    .unwrap();
    let err = site.build_err();
    assert!(
        err.contains("名单.xlsx:名单!Z9: error: a mobile phone number"),
        "{err}"
    );
    assert!(!err.contains("名单!C2"), "{err}");
    // A changed file is read anew.
    let site = site.bytes("content/notices/award/名单.xlsx", &{
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet()
            .set_name("名单")
            .unwrap()
            .write_string(0, 0, "无")
            .unwrap();
        wb.save_to_buffer().unwrap()
    });
    site.build();
}

#[test]
fn the_attachment_list_says_each_files_type_and_size() {
    let site = site()
        .doc(
            "notices/care/index.md",
            &format!(
                "{}\nprivacy_allow: [mobile]\nattachments: [{{file: 慰问名单.docx, title: 慰问名单}}]",
                notice("慰问名单")
            ),
            "见附件。",
        )
        .bytes("content/notices/care/慰问名单.docx", &care_docx())
        .file("content/notices/care/README", "无扩展名");
    let b = site.build();
    let items = b.page("/notices/care/").texts(".attachments li");
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(
        items[0].starts_with("慰问名单 (.docx, ") && items[0].ends_with(" B, 16 字)"),
        "{items:?}"
    );
    assert_eq!(items[1], "README (12 B)");
}

#[test]
fn word_and_pdf_attachments_say_their_pages_and_words() {
    // A .docx as Word saves it, with its page count in docProps/app.xml.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", o).unwrap();
    zip.write_all(
        r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>评选办法 共三条 rules apply</w:t></w:r></w:p></w:body></w:document>"#
            .as_bytes(),
    )
    .unwrap();
    zip.start_file("docProps/app.xml", o).unwrap();
    zip.write_all(b"<Properties><Pages>2</Pages><Words>9</Words></Properties>")
        .unwrap();
    let word = zip.finish().unwrap().into_inner();
    let site = site()
        .doc(
            "notices/rules/index.md",
            &format!(
                "{}\nattachments: [{{file: 办法.docx, title: 评选办法}}, {{file: 说明.pdf, title: 说明}}]",
                notice("评选办法")
            ),
            "见附件。",
        )
        .bytes("content/notices/rules/办法.docx", &word)
        .bytes("content/notices/rules/说明.pdf", &pdf(&["one", "two", "three"]));
    let items = site
        .build()
        .page("/notices/rules/")
        .texts(".attachments li");
    assert!(
        items[0].starts_with("评选办法 (.docx, ") && items[0].ends_with(" B, 2 页，9 字)"),
        "{items:?}"
    );
    assert!(
        items[1].starts_with("说明 (.pdf, ") && items[1].ends_with(", 3 页)"),
        "{items:?}"
    );
}

#[test]
fn a_spreadsheet_or_csv_attachment_is_previewed_as_a_table() {
    let mut csv = String::from("姓名,部门,\"备注,含逗号\"\n");
    for i in 1..=25 {
        csv.push_str(&format!("教师{i},数学系,无\n"));
    }
    let site = site()
        .doc(
            "notices/award/index.md",
            &format!(
                "{}\nprivacy_allow: [id_card, mobile]\nattachments: [{{file: 名单.xlsx, title: 先进个人名单}}, 名册.csv]",
                notice("名单")
            ),
            "名单见附件。",
        )
        .bytes("content/notices/award/名单.xlsx", &award_xlsx())
        .file("content/notices/award/名册.csv", &csv);
    let b = site.build();
    let page = b.page("/notices/award/");
    assert_eq!(
        page.count(".table-preview[role=region][tabindex='0'] table"),
        2
    );
    let captions = page.texts(".table-preview caption");
    assert_eq!(captions[0], "先进个人名单（名单）");
    assert_eq!(captions[1], "名册.csv，显示前 20 行，共 25 行");
    assert_eq!(
        page.texts(".table-preview:nth-of-type(1) th"),
        ["姓名", "部门", "身份证号", "手机"]
    );
    // Row 3's empty B cell keeps its column.
    assert_eq!(
        page.texts(".table-preview:nth-of-type(1) td")[..8],
        [
            "张三",
            "数学系",
            "11010519491231002X",
            "13800138000",
            "李四",
            "",
            "3201**********1234",
            "138****5678"
        ]
    );
    let th = page.texts(".table-preview th");
    assert_eq!(th[4..], ["姓名", "部门", "备注,含逗号"]);
    assert_eq!(page.count(".table-preview tbody tr"), 2 + 20);
    assert_eq!(
        page.attrs(".preview-link a", "href"),
        ["/notices/award/名单.xlsx", "/notices/award/名册.csv"]
    );
}
