//! disclosure.lock as anyone might leave it: read, chain checked, written back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) =
        gongkai::disclosure::lock::Record::parse(std::path::Path::new("disclosure.lock"), text)
    {
        let _ = r.chain_problems();
        let back =
            gongkai::disclosure::lock::Record::parse(std::path::Path::new("x"), &r.to_text())
                .expect("a record written back reads again");
        assert_eq!(back.entries, r.entries);
    }
});
