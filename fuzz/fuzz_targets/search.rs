//! The search index's pieces: the text cleaner and folding every indexed word goes
//! through, and the binary shard and postings readers the browser's script mirrors (a
//! shard from a damaged download must be refused, never crash).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = gongkai::search::clean(text);
        let _: String = text.chars().map(gongkai::search::fold).collect();
        let _ = gongkai::search::key_hash(text);
    }
    let _ = gongkai::search::format::decode_shard(data);
    let mut pos = 0;
    let _ = gongkai::search::format::get_postings(data, &mut pos);
    // Postings written are read back as they were.
    let mut list: Vec<(u32, u32)> = data
        .chunks_exact(4)
        .map(|c| (u32::from(c[0]) << 8 | u32::from(c[1]), u32::from(c[2]) + u32::from(c[3])))
        .collect();
    list.sort_unstable();
    list.dedup_by_key(|p| p.0);
    let mut out = Vec::new();
    gongkai::search::format::put_postings(&mut out, &list);
    let mut pos = 0;
    assert_eq!(gongkai::search::format::get_postings(&out, &mut pos), Some(list));
});
