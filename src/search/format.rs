//! The byte layout of a shard file `search/g/<k>.bin`, read by `search.js`.
//!
//! A shard is a sequence of entries (grams by code point, then filter keys); numbers are unsigned LEB128
//! varints:
//!
//! ```text
//! entry   = key_len key_bytes(UTF-8) count posting{count}
//! posting = id_delta value
//! ```
//!
//! `id_delta` is the document id minus the previous posting's id (the first is the id
//! itself). For a gram, `value` is `occurrences * 2 + in_title`; for a filter key
//! (`\x01s<section>`, `\x01c<category>`) it is 0.

/// Appends an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads an unsigned LEB128 varint at `*pos`, advancing it.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut n: u64 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(n);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Appends one entry: a key and its postings (by id).
pub fn put_list(out: &mut Vec<u8>, key: &[u8], list: &[(u32, u32)]) {
    put_varint(out, key.len() as u64);
    out.extend_from_slice(key);
    put_postings(out, list);
}

/// Appends postings (by id): their count, then each id's delta and value.
pub fn put_postings(out: &mut Vec<u8>, list: &[(u32, u32)]) {
    put_varint(out, list.len() as u64);
    let mut prev = 0u32;
    for &(id, v) in list {
        put_varint(out, u64::from(id - prev));
        put_varint(out, u64::from(v));
        prev = id;
    }
}

/// Reads postings written by [`put_postings`] at `*pos`, advancing it.
pub fn get_postings(bytes: &[u8], pos: &mut usize) -> Option<Vec<(u32, u32)>> {
    let mut list = Vec::new();
    read_postings(bytes, pos, &mut list)?;
    Some(list)
}

/// Reads postings written by [`put_postings`] at `*pos` onto the end of `list`.
pub fn read_postings(bytes: &[u8], pos: &mut usize, list: &mut Vec<(u32, u32)>) -> Option<()> {
    let count = get_varint(bytes, pos)? as usize;
    list.reserve(count.min(bytes.len()));
    let mut id = 0u32;
    for _ in 0..count {
        id = id.checked_add(u32::try_from(get_varint(bytes, pos)?).ok()?)?;
        let v = u32::try_from(get_varint(bytes, pos)?).ok()?;
        list.push((id, v));
    }
    Some(())
}

/// One entry of a shard: a key's bytes and its (document id, value) postings.
pub type Entry = (Vec<u8>, Vec<(u32, u32)>);

/// Decodes a shard: key → postings. None if the bytes are not a shard.
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < bytes.len() {
        let len = usize::try_from(get_varint(bytes, &mut pos)?).ok()?;
        let end = pos.checked_add(len)?;
        let key = bytes.get(pos..end)?.to_vec();
        pos = end;
        let list = get_postings(bytes, &mut pos)?;
        out.push((key, list));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `search` fuzz target: a key length near `usize::MAX` overflowed
    /// the end of the key (a panic in debug builds) instead of refusing the shard.
    #[test]
    fn a_shard_with_a_huge_key_length_is_refused() {
        let mut bytes = Vec::new();
        put_varint(&mut bytes, u64::MAX - 1);
        bytes.extend_from_slice(b"abc");
        assert_eq!(decode_shard(&bytes), None);
    }

    #[test]
    fn a_shard_decodes_to_what_was_encoded() {
        let entries = vec![
            ("工会".as_bytes().to_vec(), vec![(0, 3), (7, 2), (300, 41)]),
            (b"\x01snotices".to_vec(), vec![(5, 0)]),
        ];
        let mut bytes = Vec::new();
        for (k, l) in &entries {
            put_list(&mut bytes, k, l);
        }
        assert_eq!(decode_shard(&bytes), Some(entries));
        assert_eq!(decode_shard(&[5, 1]), None);
    }
}
