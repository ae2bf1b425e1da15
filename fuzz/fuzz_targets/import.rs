//! `gongkai import`'s reader and converter on any bytes: a .docx read as a document,
//! made into Markdown and front matter facts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = gongkai::import::word::read(data) {
        let imp = gongkai::import::convert::convert(&doc);
        let _ = gongkai::content::schedule::from_markdown(&imp.body);
    }
});
