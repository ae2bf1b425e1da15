//! Word (.docx) text by `zip` and `quick-xml`: paragraphs outside tables are located as
//! `paragraph 5`, table cells as `table 1, row 2, cell 3`; headers, footers, footnotes,
//! endnotes and comments likewise, after the part's name (`header 1, paragraph 1`).
//! Deleted text of tracked changes is read too: it is still in the published file.

use std::io::Cursor;

use quick_xml::events::Event;

use super::{check_archive, damaged, read_entry, Extracted, Piece};

pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    check_archive(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut parts: Vec<(String, String)> = vec![("word/document.xml".into(), String::new())];
    let mut others: Vec<(String, String)> = zip
        .file_names()
        .filter_map(|n| {
            let n = n.ok()?;
            let stem = n.strip_prefix("word/")?.strip_suffix(".xml")?;
            let (kind, num) = stem.split_at(
                stem.find(|c: char| c.is_ascii_digit())
                    .unwrap_or(stem.len()),
            );
            let label = match kind {
                "header" | "footer" => {
                    let n = if num.is_empty() { "1" } else { num };
                    if kind == "header" {
                        crate::t!("attach-place-header", n = n)
                    } else {
                        crate::t!("attach-place-footer", n = n)
                    }
                }
                "footnotes" => crate::t!("attach-place-footnotes"),
                "endnotes" => crate::t!("attach-place-endnotes"),
                "comments" => crate::t!("attach-place-comments"),
                _ => return None,
            };
            Some((n.to_string(), label))
        })
        .collect();
    others.sort();
    parts.extend(others);
    let mut pieces = Vec::new();
    let mut found = false;
    for (name, label) in parts {
        let Some(xml) = read_entry(&mut zip, &name)? else {
            continue;
        };
        found = true;
        let xml = String::from_utf8_lossy(&xml);
        parse(&xml, &label, &mut pieces).map_err(damaged)?;
    }
    if !found {
        return Err(crate::t!("attach-not-word"));
    }
    // Word writes its last page count into docProps/app.xml.
    let pages = read_entry(&mut zip, "docProps/app.xml")?.and_then(|x| {
        let x = String::from_utf8_lossy(&x);
        let at = x.find("<Pages>")? + "<Pages>".len();
        let end = x[at..].find('<')?;
        x[at..at + end]
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
    });
    Ok(Extracted::Pieces {
        pieces,
        unread: None,
        table: None,
        pages,
    })
}

/// A table being read: its number, and the row and cell reached.
struct Table {
    number: usize,
    row: usize,
    cell: usize,
}

/// Reads one part's XML into pieces, each place starting with `label`.
pub fn parse(xml: &str, label: &str, pieces: &mut Vec<Piece>) -> Result<(), quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut tables: Vec<Table> = Vec::new();
    let mut tables_seen = 0;
    // The text of the open cells (innermost last), and of a paragraph outside tables.
    let mut cells: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut paragraphs = 0;
    let mut p_depth = 0;
    let mut in_text = false;
    loop {
        let ev = reader.read_event()?;
        let buf = |cells: &mut Vec<String>, para: &mut String, s: &str| match cells.last_mut() {
            Some(c) => c.push_str(s),
            None => para.push_str(s),
        };
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                "tbl" => {
                    tables_seen += 1;
                    tables.push(Table {
                        number: tables_seen,
                        row: 0,
                        cell: 0,
                    });
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.row += 1;
                        t.cell = 0;
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.cell += 1;
                    }
                    cells.push(String::new());
                }
                "p" => {
                    if let Some(c) = cells.last_mut() {
                        if !c.is_empty() {
                            c.push('\n');
                        }
                    }
                    p_depth += 1;
                }
                "t" | "delText" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => buf(&mut cells, &mut para, "\t"),
                "br" | "cr" => buf(&mut cells, &mut para, "\n"),
                "p" if cells.is_empty() && p_depth == 0 => paragraphs += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => {
                    tables.pop();
                }
                "tc" => {
                    let text = cells.pop().unwrap_or_default();
                    if let Some(t) = tables.last() {
                        if !text.trim().is_empty() {
                            pieces.push(Piece {
                                place: crate::t!(
                                    "attach-place-cell",
                                    part = label,
                                    table = t.number,
                                    row = t.row,
                                    cell = t.cell
                                ),
                                text,
                            });
                        }
                    }
                }
                "p" => {
                    p_depth -= 1;
                    if p_depth == 0 && cells.is_empty() {
                        paragraphs += 1;
                        let text = std::mem::take(&mut para);
                        if !text.trim().is_empty() {
                            pieces.push(Piece {
                                place: crate::t!(
                                    "attach-place-paragraph",
                                    part = label,
                                    n = paragraphs
                                ),
                                text,
                            });
                        }
                    }
                }
                "t" | "delText" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => buf(&mut cells, &mut para, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => buf(&mut cells, &mut para, &entity(&r)?),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The text of a character or predefined entity reference (`&#x4E00;`, `&amp;`); an
/// unknown entity is nothing. Shared with `gongkai import`'s reader.
pub(crate) fn entity(r: &quick_xml::events::BytesRef) -> Result<String, quick_xml::Error> {
    Ok(match r.resolve_char_ref()? {
        Some(c) => c.to_string(),
        None => match r.as_ref() {
            "amp" => "&".into(),
            "lt" => "<".into(),
            "gt" => ">".into(),
            "quot" => "\"".into(),
            "apos" => "'".into(),
            _ => String::new(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_table_cells_are_located() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>慰问名单</w:t></w:r></w:p>
            <w:p/>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>电话</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>138</w:t></w:r><w:r><w:t>0013&amp;8000</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>以上</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let mut pieces = Vec::new();
        parse(xml, "", &mut pieces).unwrap();
        let got: Vec<(&str, &str)> = pieces
            .iter()
            .map(|p| (p.place.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("paragraph 1", "慰问名单"),
                ("table 1, row 1, cell 1", "姓名"),
                ("table 1, row 1, cell 2", "电话"),
                ("table 1, row 2, cell 1", "张三"),
                ("table 1, row 2, cell 2", "1380013&8000"),
                ("paragraph 3", "以上"),
            ]
        );
    }
}
