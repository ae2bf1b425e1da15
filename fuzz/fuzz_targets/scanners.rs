//! The text scanners: privacy, leftovers, search's cleaning, and the recognisers the
//! import and the plan-schedule reader use.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = gongkai::disclosure::privacy::scan(text);
    let _ = gongkai::disclosure::leftovers::scan(text);
    let _ = gongkai::search::clean(text);
    let _ = gongkai::recognise::find_date(text);
    let _ = gongkai::recognise::parse_date(text);
    let _ = gongkai::recognise::find_doc_no(text);
    let _ = gongkai::recognise::outline(text);
    let _ = gongkai::recognise::month_marker(text);
    let _ = gongkai::recognise::find_period(text);
    let _ = gongkai::recognise::find_contact(text);
    let _ = gongkai::recognise::item_text(text);
    let _ = gongkai::import::markdown::escape(text, true);
    let _ = gongkai::import::markdown::escape_line_start(text);
});
