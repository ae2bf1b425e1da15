//! A Word (.docx) document read as a person sees it: paragraphs with their style
//! (Title, heading levels), alignment, outline level, list numbering and runs (bold,
//! italic, size, footnote references, pictures, links); tables with their merged
//! cells; footnotes; and the pictures' bytes. `zip` + `quick-xml`, with the archive
//! bounds of the attachment reader (a zip bomb stops at the same limit).

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};

use crate::attach::{check_archive, read_entry};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        /// Font size in half-points, when the run or its style sets one.
        size: Option<u32>,
    },
    Break,
    /// A footnote reference: the footnote's number among the document's footnotes.
    Footnote(usize),
    /// A picture: index into [`Doc::media`].
    Picture(usize),
    /// The start and end of a hyperlink to an address.
    LinkStart(String),
    LinkEnd,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The paragraph style's name, lowercased (`title`, `heading 1`), when it has one.
    pub style: Option<String>,
    /// Heading level 1..=9 from the style's or paragraph's outline level.
    pub outline: Option<u8>,
    pub align: Align,
    /// Word's own list numbering: (bulleted, level from 0).
    pub list: Option<(bool, u8)>,
    pub inlines: Vec<Inline>,
}

impl Para {
    /// The paragraph's text, pictures and notes left out.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text { text, .. } => s.push_str(text),
                Inline::Break => s.push('\n'),
                _ => {}
            }
        }
        s
    }

    /// Whether every character of text is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for i in &self.inlines {
            if let Inline::Text { text, bold, .. } = i {
                if !text.trim().is_empty() {
                    any = true;
                    if !bold {
                        return false;
                    }
                }
            }
        }
        any
    }

    /// The largest font size of its text, in half-points.
    pub fn max_size(&self) -> Option<u32> {
        self.inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Text { text, size, .. } if !text.trim().is_empty() => *size,
                _ => None,
            })
            .max()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// How many grid columns it spans.
    pub span: usize,
    /// Whether it continues a vertical merge from the cell above.
    pub merged_above: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone)]
pub struct Media {
    /// The name inside the package (`image1.png`).
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    /// Footnote texts, numbered from 1 in order of reference.
    pub footnotes: Vec<String>,
    pub media: Vec<Media>,
}

/// What a style gives its paragraphs.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    align: Option<Align>,
    bold: Option<bool>,
    size: Option<u32>,
}

/// Reads a .docx's bytes. The error says, in words, why it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Doc, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(crate::t!("import-word-old-or-encrypted"));
    }
    if !bytes.starts_with(b"PK") {
        return Err(crate::t!("import-word-not-docx"));
    }
    check_archive(bytes)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| crate::t!("import-word-damaged", reason = e.to_string()))?;
    let Some(document) = read_entry(&mut zip, "word/document.xml")? else {
        return Err(crate::t!("attach-not-word"));
    };
    let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).into_owned());
    let styles = text(read_entry(&mut zip, "word/styles.xml")?)
        .map(|x| parse_styles(&x))
        .unwrap_or_default();
    let numbering = text(read_entry(&mut zip, "word/numbering.xml")?)
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let rels = text(read_entry(&mut zip, "word/_rels/document.xml.rels")?)
        .map(|x| parse_rels(&x))
        .unwrap_or_default();
    let notes = text(read_entry(&mut zip, "word/footnotes.xml")?)
        .map(|x| parse_footnotes(&x))
        .unwrap_or_default();
    let document = String::from_utf8_lossy(&document);
    let mut reader = BodyReader {
        styles: &styles,
        numbering: &numbering,
        rels: &rels,
        notes: &notes,
        doc: Doc::default(),
        note_numbers: HashMap::new(),
        media_index: HashMap::new(),
        wanted_media: Vec::new(),
    };
    reader
        .read(&document)
        .map_err(|e| crate::t!("import-word-damaged", reason = e.to_string()))?;
    let mut doc = reader.doc;
    for target in reader.wanted_media {
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{target}"),
        };
        let bytes = read_entry(&mut zip, &path)?.unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or("picture").to_string();
        doc.media.push(Media { name, bytes });
    }
    Ok(doc)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// The `w:val` of an on/off property: absent or anything but false/0/off is on.
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("false" | "0" | "off" | "none")
    )
}

fn align_of(v: &str) -> Align {
    match v {
        "center" => Align::Center,
        "right" | "end" => Align::Right,
        "both" | "distribute" => Align::Justify,
        _ => Align::Left,
    }
}

fn parse_styles(xml: &str) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                match (local.as_ref(), cur.as_mut()) {
                    ("style", _) => {
                        cur = attr(&e, "styleId").map(|id| (id, Style::default()));
                    }
                    ("name", Some((_, s))) => {
                        s.name = attr(&e, "val").unwrap_or_default().to_lowercase()
                    }
                    ("basedOn", Some((_, s))) => s.based_on = attr(&e, "val"),
                    ("outlineLvl", Some((_, s))) => {
                        s.outline = attr(&e, "val")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|l| *l < 9)
                            .map(|l| l + 1)
                    }
                    ("jc", Some((_, s))) => s.align = attr(&e, "val").map(|v| align_of(&v)),
                    ("b", Some((_, s))) => s.bold = Some(on(&e)),
                    ("sz", Some((_, s))) => s.size = attr(&e, "val").and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = cur.take() {
                    out.insert(id, s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The effective style of a style id, following `basedOn` (bounded against loops).
fn resolve(styles: &HashMap<String, Style>, id: &str) -> Style {
    let mut chain = Vec::new();
    let mut next = Some(id.to_string());
    while let Some(id) = next.take() {
        if chain.len() >= 16 {
            break;
        }
        let Some(s) = styles.get(&id) else { break };
        next = s.based_on.clone();
        chain.push(s);
    }
    let mut out = Style {
        name: chain.first().map(|s| s.name.clone()).unwrap_or_default(),
        ..Style::default()
    };
    for s in chain.iter().rev() {
        out.outline = s.outline.or(out.outline);
        out.align = s.align.or(out.align);
        out.bold = s.bold.or(out.bold);
        out.size = s.size.or(out.size);
    }
    if out.outline.is_none() {
        out.outline = heading_level_of_name(&out.name);
    }
    out
}

/// `heading 2` → 2; Word's Chinese names (`标题 2`) too.
fn heading_level_of_name(name: &str) -> Option<u8> {
    let rest = name
        .strip_prefix("heading")
        .or_else(|| name.strip_prefix("标题"))?
        .trim();
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

/// numId → level → whether that level is bulleted.
fn parse_numbering(xml: &str) -> HashMap<String, HashMap<u8, bool>> {
    let mut abstracts: HashMap<String, HashMap<u8, bool>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cur_abs: Option<String> = None;
    let mut cur_lvl: Option<u8> = None;
    let mut cur_num: Option<String> = None;
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "abstractNum" => cur_abs = attr(&e, "abstractNumId"),
                "lvl" => cur_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "numFmt" => {
                    if let (Some(a), Some(l)) = (&cur_abs, cur_lvl) {
                        let bullet = attr(&e, "val").as_deref() == Some("bullet");
                        abstracts.entry(a.clone()).or_default().insert(l, bullet);
                    }
                }
                "num" => cur_num = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(v)) = (&cur_num, attr(&e, "val")) {
                        nums.insert(n.clone(), v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "abstractNum" => cur_abs = None,
                "lvl" => cur_lvl = None,
                "num" => cur_num = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    nums.into_iter()
        .filter_map(|(n, a)| Some((n, abstracts.get(&a)?.clone())))
        .collect()
}

/// Relationship id → target (pictures and hyperlinks).
fn parse_rels(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Footnote id → its text (separators left out).
fn parse_footnotes(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cur: Option<(String, String)> = None;
    let mut in_text = false;
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                "footnote" => {
                    let kind = attr(&e, "type");
                    cur = match kind.as_deref() {
                        None | Some("normal") => attr(&e, "id").map(|id| (id, String::new())),
                        _ => None,
                    };
                }
                "p" => {
                    if let Some((_, t)) = cur.as_mut() {
                        if !t.is_empty() {
                            t.push(' ');
                        }
                    }
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "footnote" => {
                    if let Some((id, t)) = cur.take() {
                        out.insert(id, t.trim().to_string());
                    }
                }
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&entity(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A reference's text; a malformed character reference reads as nothing.
fn entity(r: &quick_xml::events::BytesRef) -> String {
    crate::attach::docx::entity(r).unwrap_or_default()
}

/// The run properties being read.
#[derive(Default, Clone)]
struct RunProps {
    bold: Option<bool>,
    italic: bool,
    size: Option<u32>,
    vanish: bool,
}

struct BodyReader<'a> {
    styles: &'a HashMap<String, Style>,
    numbering: &'a HashMap<String, HashMap<u8, bool>>,
    rels: &'a HashMap<String, String>,
    notes: &'a HashMap<String, String>,
    doc: Doc,
    note_numbers: HashMap<String, usize>,
    media_index: HashMap<String, usize>,
    wanted_media: Vec<String>,
}

/// A table being read, with its open row and cell.
#[derive(Default)]
struct OpenTable {
    table: Table,
    row: Option<Vec<Cell>>,
    cell: Option<Cell>,
}

impl BodyReader<'_> {
    fn read(&mut self, xml: &str) -> Result<(), quick_xml::Error> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut tables: Vec<OpenTable> = Vec::new();
        let mut para: Option<Para> = None;
        let mut p_style = Style::default();
        let mut p_direct_align: Option<Align> = None;
        let mut p_outline: Option<u8> = None;
        let mut num_id: Option<String> = None;
        let mut num_lvl: u8 = 0;
        let mut in_ppr = false;
        let mut in_rpr = false;
        let mut in_run = false;
        let mut run = RunProps::default();
        let mut in_text = false;
        let mut in_deleted = 0usize;
        // Paragraphs nest inside text boxes: their text joins the outer paragraph.
        let mut p_depth = 0usize;
        loop {
            let ev = reader.read_event()?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    match e.local_name().as_ref() {
                        "tbl" if !empty => tables.push(OpenTable::default()),
                        "tr" if !empty => {
                            if let Some(t) = tables.last_mut() {
                                t.row = Some(Vec::new());
                            }
                        }
                        "tc" if !empty => {
                            if let Some(t) = tables.last_mut() {
                                t.cell = Some(Cell {
                                    span: 1,
                                    ..Cell::default()
                                });
                            }
                        }
                        "gridSpan" => {
                            if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                                c.span = attr(e, "val")
                                    .and_then(|v| v.parse().ok())
                                    .unwrap_or(1usize)
                                    .clamp(1, 64);
                            }
                        }
                        "vMerge" => {
                            if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                                c.merged_above = attr(e, "val").as_deref() != Some("restart");
                            }
                        }
                        "p" if p_depth > 0 && !empty => p_depth += 1,
                        "p" if p_depth > 0 => {}
                        "p" => {
                            p_style = Style::default();
                            p_direct_align = None;
                            p_outline = None;
                            num_id = None;
                            num_lvl = 0;
                            if empty {
                                self.end_para(&mut tables, Para::default());
                            } else {
                                p_depth = 1;
                                para = Some(Para::default());
                            }
                        }
                        "pPr" if !empty => in_ppr = true,
                        "rPr" if !empty => in_rpr = true,
                        "pStyle" if in_ppr && !in_rpr => {
                            p_style = attr(e, "val")
                                .map(|id| resolve(self.styles, &id))
                                .unwrap_or_default();
                        }
                        "jc" if in_ppr && !in_rpr => {
                            p_direct_align = attr(e, "val").map(|v| align_of(&v))
                        }
                        "outlineLvl" if in_ppr && !in_rpr => {
                            p_outline = attr(e, "val")
                                .and_then(|v| v.parse::<u8>().ok())
                                .filter(|l| *l < 9)
                                .map(|l| l + 1)
                        }
                        "numId" if in_ppr => num_id = attr(e, "val").filter(|v| v != "0"),
                        "ilvl" if in_ppr => {
                            num_lvl = attr(e, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0)
                                .min(8)
                        }
                        "r" if !empty => {
                            in_run = true;
                            run = RunProps::default();
                        }
                        "b" if in_rpr && in_run => run.bold = Some(on(e)),
                        "i" if in_rpr && in_run => run.italic = on(e),
                        "sz" if in_rpr && in_run => {
                            run.size = attr(e, "val").and_then(|v| v.parse().ok())
                        }
                        "vanish" if in_rpr && in_run => run.vanish = on(e),
                        "t" if !empty && in_run => in_text = true,
                        "del" | "moveFrom" if !empty => in_deleted += 1,
                        "tab" if in_run && !in_rpr => {
                            self.push_text(&mut para, &run, &p_style, "\t")
                        }
                        "br" | "cr" if in_run && attr(e, "type").as_deref() != Some("page") => {
                            if let Some(p) = para.as_mut() {
                                p.inlines.push(Inline::Break);
                            }
                        }
                        "footnoteReference" => {
                            if let Some(id) = attr(e, "id") {
                                if let Some(text) = self.notes.get(&id) {
                                    let n = match self.note_numbers.get(&id) {
                                        Some(n) => *n,
                                        None => {
                                            self.doc.footnotes.push(text.clone());
                                            let n = self.doc.footnotes.len();
                                            self.note_numbers.insert(id, n);
                                            n
                                        }
                                    };
                                    if let Some(p) = para.as_mut() {
                                        p.inlines.push(Inline::Footnote(n));
                                    }
                                }
                            }
                        }
                        "blip" | "imagedata" => {
                            let id = attr(e, "embed").or_else(|| attr(e, "id"));
                            if let Some(target) = id.and_then(|id| self.rels.get(&id)) {
                                let n = match self.media_index.get(target) {
                                    Some(n) => *n,
                                    None => {
                                        self.wanted_media.push(target.clone());
                                        let n = self.wanted_media.len() - 1;
                                        self.media_index.insert(target.clone(), n);
                                        n
                                    }
                                };
                                if let Some(p) = para.as_mut() {
                                    p.inlines.push(Inline::Picture(n));
                                }
                            }
                        }
                        "hyperlink" if !empty => {
                            let target = attr(e, "id").and_then(|id| self.rels.get(&id).cloned());
                            if let (Some(t), Some(p)) = (target, para.as_mut()) {
                                if t.starts_with("http://")
                                    || t.starts_with("https://")
                                    || t.starts_with("mailto:")
                                {
                                    p.inlines.push(Inline::LinkStart(t));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "tbl" => {
                        if let Some(t) = tables.pop() {
                            let table = t.table;
                            match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                                // A table inside a cell: its text joins the cell's.
                                Some(c) => {
                                    for row in &table.rows {
                                        let line: Vec<&str> =
                                            row.iter().map(|c| c.text.as_str()).collect();
                                        push_line(&mut c.text, &line.join(" "));
                                    }
                                }
                                None => self.doc.blocks.push(Block::Table(table)),
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(row) = t.row.take() {
                                t.table.rows.push(row);
                            }
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            if let (Some(c), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                                row.push(c);
                            }
                        }
                    }
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "r" => in_run = false,
                    "t" => in_text = false,
                    "del" | "moveFrom" => in_deleted = in_deleted.saturating_sub(1),
                    "hyperlink" => {
                        if let Some(p) = para.as_mut() {
                            if p.inlines
                                .iter()
                                .rev()
                                .find(|i| matches!(i, Inline::LinkStart(_) | Inline::LinkEnd))
                                .is_some_and(|i| matches!(i, Inline::LinkStart(_)))
                            {
                                p.inlines.push(Inline::LinkEnd);
                            }
                        }
                    }
                    "p" if p_depth > 1 => p_depth -= 1,
                    "p" => {
                        p_depth = 0;
                        if let Some(mut p) = para.take() {
                            p.style = (!p_style.name.is_empty()).then(|| p_style.name.clone());
                            p.outline = p_outline.or(p_style.outline);
                            p.align = p_direct_align.or(p_style.align).unwrap_or_default();
                            p.list = num_id.as_ref().map(|id| {
                                let bullet = self
                                    .numbering
                                    .get(id)
                                    .and_then(|l| l.get(&num_lvl))
                                    .copied()
                                    .unwrap_or(false);
                                (bullet, num_lvl)
                            });
                            self.end_para(&mut tables, p);
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if in_text && in_deleted == 0 && !run.vanish => {
                    let s = t.xml10_content();
                    self.push_text(&mut para, &run, &p_style, &s);
                }
                Event::GeneralRef(r) if in_text && in_deleted == 0 && !run.vanish => {
                    let s = entity(&r);
                    self.push_text(&mut para, &run, &p_style, &s);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }

    fn push_text(&self, para: &mut Option<Para>, run: &RunProps, style: &Style, s: &str) {
        let Some(p) = para.as_mut() else { return };
        let bold = run.bold.or(style.bold).unwrap_or(false);
        let size = run.size.or(style.size);
        if let Some(Inline::Text {
            text,
            bold: b,
            italic: i,
            size: z,
        }) = p.inlines.last_mut()
        {
            if *b == bold && *i == run.italic && *z == size {
                text.push_str(s);
                return;
            }
        }
        p.inlines.push(Inline::Text {
            text: s.to_string(),
            bold,
            italic: run.italic,
            size,
        });
    }

    /// A finished paragraph goes into the open cell, or becomes a block.
    fn end_para(&mut self, tables: &mut [OpenTable], p: Para) {
        match tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(c) => push_line(&mut c.text, p.text().trim()),
            None => self.doc.blocks.push(Block::Para(p)),
        }
    }
}

fn push_line(into: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !into.is_empty() {
        into.push('\n');
    }
    into.push_str(line);
}
