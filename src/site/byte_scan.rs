//! Finding the next byte of interest in text, a block of bytes at a time.
//!
//! Escaping (feeds, the search index) and the control-character check look for a few byte
//! values in long runs of ordinary text. A byte-by-byte search branches on every byte; here
//! each 32-byte block is tested as a whole first (an OR over the block, with no branch per
//! byte, which the compiler turns into a few vector instructions), and only a block that
//! holds a match is searched byte by byte.

/// Bytes tested together.
const BLOCK: usize = 32;

/// The offset of the first byte at or after `from` for which `wanted` is true.
#[inline]
pub fn next_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut start = from;
    while let Some(block) = bytes.get(start..start + BLOCK) {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            break;
        }
        start += BLOCK;
    }
    bytes
        .get(start..)?
        .iter()
        .position(|&b| wanted(b))
        .map(|i| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_wanted_byte_at_any_offset() {
        for at in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
            let mut text = vec![b'x'; 130];
            text[at] = b'<';
            text[at + 20] = b'<';
            assert_eq!(next_byte(&text, 0, |b| b == b'<'), Some(at), "{at}");
            assert_eq!(next_byte(&text, at + 1, |b| b == b'<'), Some(at + 20));
            assert_eq!(next_byte(&text, at + 21, |b| b == b'<'), None);
        }
        assert_eq!(next_byte(b"", 0, |_| true), None);
        assert_eq!(next_byte(b"ab", 2, |_| true), None);
    }
}
