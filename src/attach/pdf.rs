//! PDF text by `lopdf`: one piece a page (`page 1`).

use super::{Extracted, Piece, MAX_PDF_PAGES};

/// The most content a page may unpack to.
const MAX_PAGE_CONTENT: usize = 16 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| crate::t!("attach-pdf-damaged", reason = e.to_string()))?;
    if doc.is_encrypted() {
        return Err(crate::t!("attach-pdf-encrypted"));
    }
    let pages: Vec<u32> = doc
        .page_iter()
        .take(MAX_PDF_PAGES + 1)
        .enumerate()
        .map(|(i, _)| i as u32 + 1)
        .collect();
    if pages.len() > MAX_PDF_PAGES {
        return Err(crate::t!("attach-pdf-too-many-pages", max = MAX_PDF_PAGES));
    }
    let count = pages.len() as u32;
    let mut pieces = Vec::new();
    let mut failed = Vec::new();
    for n in pages {
        match doc.extract_text_with_limit(&[n], MAX_PAGE_CONTENT) {
            Ok(text) if !text.trim().is_empty() => pieces.push(Piece {
                place: crate::t!("attach-place-page", n = n),
                text,
            }),
            Ok(_) => {}
            Err(_) => failed.push(n.to_string()),
        }
    }
    if pieces.is_empty() {
        return Err(if failed.is_empty() {
            crate::t!("attach-pdf-no-text")
        } else {
            crate::t!("attach-pdf-unreadable")
        });
    }
    Ok(Extracted::Pieces {
        pieces,
        unread: (!failed.is_empty())
            .then(|| crate::t!("attach-pdf-pages-unread", pages = failed.join(", "))),
        table: None,
        pages: Some(count),
    })
}
