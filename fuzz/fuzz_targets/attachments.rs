//! The attachment text extractors on any bytes, as each format (a panic inside a
//! crate is caught in production by the guarded thread; here it is found).
#![no_main]
use gongkai::attach::{read_bytes, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let format = match which % 4 {
        0 => Format::Text,
        1 => Format::Sheet,
        2 => Format::Docx,
        _ => Format::Pdf,
    };
    let _ = read_bytes(format, bytes);
});
