//! The byte layout of a shard file `search/g/<k>.bin`, read by `search.js`.
//!
//! A shard is a sequence of entries, sorted by key bytes; numbers are unsigned LEB128
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

/// Encodes a shard's entries (already sorted by key, postings by id).
pub fn encode_shard(entries: &[(Vec<u8>, Vec<(u32, u32)>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.iter().map(|(k, l)| k.len() + 2 + 2 * l.len()).sum());
    for (key, list) in entries {
        put_varint(&mut out, key.len() as u64);
        out.extend_from_slice(key);
        put_varint(&mut out, list.len() as u64);
        let mut prev = 0u32;
        for &(id, v) in list {
            put_varint(&mut out, u64::from(id - prev));
            put_varint(&mut out, u64::from(v));
            prev = id;
        }
    }
    out
}

/// Decodes a shard: key → postings. None if the bytes are not a shard.
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<(Vec<u8>, Vec<(u32, u32)>)>> {
    let mut pos = 0;
    let mut out = Vec::new();
    while pos < bytes.len() {
        let len = get_varint(bytes, &mut pos)? as usize;
        let key = bytes.get(pos..pos + len)?.to_vec();
        pos += len;
        let count = get_varint(bytes, &mut pos)? as usize;
        let mut list = Vec::with_capacity(count.min(bytes.len()));
        let mut id = 0u32;
        for _ in 0..count {
            id = id.checked_add(u32::try_from(get_varint(bytes, &mut pos)?).ok()?)?;
            let v = u32::try_from(get_varint(bytes, &mut pos)?).ok()?;
            list.push((id, v));
        }
        out.push((key, list));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_decodes_to_what_was_encoded() {
        let entries = vec![
            ("工会".as_bytes().to_vec(), vec![(0, 3), (7, 2), (300, 41)]),
            (b"\x01snotices".to_vec(), vec![(5, 0)]),
        ];
        let bytes = encode_shard(&entries);
        assert_eq!(decode_shard(&bytes), Some(entries));
        assert_eq!(decode_shard(&[5, 1]), None);
    }
}
