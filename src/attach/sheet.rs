//! Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) by `calamine`: one piece a cell,
//! located as a spreadsheet program shows it (`名单!C2`).

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Sheets};

use super::{check_archive, damaged, Extracted, Grid, Piece, MAX_CELLS};

pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    // .xlsx, .xlsb and .ods are zip archives: bounded before calamine unpacks them.
    if bytes.starts_with(b"PK") {
        check_archive(bytes)?;
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(damaged)?;
    let mut pieces = Vec::new();
    let mut unread = Vec::new();
    let mut cells = 0usize;
    let mut grid = Grid::default();
    let first_sheet = book.sheet_names().first().cloned().unwrap_or_default();
    for name in book.sheet_names() {
        let first = name == first_sheet;
        let r = match &mut book {
            // Read cell by cell: a range would be allocated from the sheet's extent,
            // which a hostile file can make enormous.
            Sheets::Xlsx(x) => {
                x.worksheet_cells_reader(&name)
                    .map_err(damaged)
                    .and_then(|mut rd| {
                        while let Some(c) = rd.next_cell().map_err(damaged)? {
                            cells += 1;
                            if cells > MAX_CELLS {
                                return Err(crate::t!("attach-too-many-cells", max = MAX_CELLS));
                            }
                            let (row, col) = c.get_position();
                            let text = ref_text(c.get_value());
                            if first {
                                grid.put(row, col, text.as_deref().unwrap_or_default());
                            }
                            push(&mut pieces, &name, row, col, text);
                        }
                        Ok(())
                    })
            }
            other => other
                .worksheet_range(&name)
                .map_err(damaged)
                .and_then(|range| {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (r, c, v) in range.used_cells() {
                        cells += 1;
                        if cells > MAX_CELLS {
                            return Err(crate::t!("attach-too-many-cells", max = MAX_CELLS));
                        }
                        let (row, col) = (r0 + r as u32, c0 + c as u32);
                        let text = data_text(v);
                        if first {
                            grid.put(row, col, text.as_deref().unwrap_or_default());
                        }
                        push(&mut pieces, &name, row, col, text);
                    }
                    Ok(())
                }),
        };
        if let Err(why) = r {
            unread.push(crate::t!("attach-sheet-unread", sheet = &name, why = why));
        }
    }
    if pieces.is_empty() && !unread.is_empty() {
        return Err(unread.join("; "));
    }
    Ok(Extracted::Pieces {
        pieces,
        unread: (!unread.is_empty()).then(|| unread.join("; ")),
        table: grid.table(&first_sheet),
        pages: None,
    })
}

fn push(pieces: &mut Vec<Piece>, sheet: &str, row: u32, col: u32, text: Option<String>) {
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        pieces.push(Piece {
            place: cell_name(sheet, row, col),
            text,
        });
    }
}

/// `名单!C2`; a sheet name with spaces or punctuation quoted as Excel does: `'Sheet 1'!A1`.
pub fn cell_name(sheet: &str, row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let letters = String::from_utf8_lossy(&letters);
    let plain = sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        format!("{sheet}!{letters}{}", row + 1)
    } else {
        format!("'{}'!{letters}{}", sheet.replace('\'', "''"), row + 1)
    }
}

/// A number as a person typed it: `13800138000`, not `1.3800138e10`.
fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e19 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

fn ref_text(v: &DataRef<'_>) -> Option<String> {
    match v {
        DataRef::Int(i) => Some(i.to_string()),
        DataRef::Float(f) => Some(number(*f)),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.clone()),
        DataRef::SharedString(s) => Some(s.to_string()),
        _ => None,
    }
}

fn data_text(v: &Data) -> Option<String> {
    match v {
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(number(*f)),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name("名单", 1, 2), "名单!C2");
        assert_eq!(cell_name("S", 0, 25), "S!Z1");
        assert_eq!(cell_name("S", 0, 26), "S!AA1");
        assert_eq!(cell_name("Sheet 1", 9, 0), "'Sheet 1'!A10");
        assert_eq!(number(13800138000.0), "13800138000");
    }
}
