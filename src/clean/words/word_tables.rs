//! The lexicon's two hash tables of common words, read in place from bytes compiled into
//! the binary: [`CommonWords`], which `tools/lexicon/build.py` writes to
//! `data/common_words.bin`, and [`ShortWords`], which the crate's build script packs from
//! it at compile time ([`pack_short_words`]).
//!
//! This file stands alone (no `crate::` paths) because `build.rs` includes it too: the
//! packing the build script does and the lookups the lexicon does are the same code.
//! Values are the lexicon's packed `u64` (see `lexicon.rs`); only its low 10 bits, the
//! Zipf frequency × 100, mean anything here.
//!
//! Packing at compile time rather than when the lexicon opens means no start-up work and
//! no fresh memory: building the 2 MiB of tables on the first lookup took 4-5 ms, and
//! several times that on a machine short of free memory, where every fresh page must
//! first be reclaimed.

/// A table's bytes turned into numbers, little-endian, at any alignment.
fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn read_u64(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(data.get(at..at + 8)?.try_into().ok()?))
}

fn read_u128(data: &[u8], at: usize) -> Option<u128> {
    Some(u128::from_le_bytes(data.get(at..at + 16)?.try_into().ok()?))
}

/// The low 10 bits of a value: Zipf frequency × 100.
pub(crate) const ZIPF_MASK: u64 = (1 << 10) - 1;

/// The common words' hash table, read in place from `data/common_words.bin`:
/// `b"CDWT"`, slot count (a power of two) and entry count as `u32`; the slots (`u32`, 0
/// for empty, else 1 + entry index; a word starts at `fnv1a(word) & (slots - 1)` and
/// probes onwards); the entries (`u64`: blob offset in bits 0..24, byte length in 24..32,
/// packed value in 32..48); the blob of words.
pub(crate) struct CommonWords<'d> {
    slots: &'d [u8],
    entries: &'d [u8],
    blob: &'d [u8],
}

impl<'d> CommonWords<'d> {
    const HEADER: usize = 12;

    /// Checks the layout of `data`; `None` if it is not a table of this format.
    pub fn new(data: &'d [u8]) -> Option<CommonWords<'d>> {
        let magic = data.get(..4)?;
        let slot_count = read_u32(data, 4)? as usize;
        let entry_count = read_u32(data, 8)? as usize;
        if magic != b"CDWT" || !slot_count.is_power_of_two() || entry_count >= slot_count {
            return None;
        }
        let slots_end = Self::HEADER + slot_count * 4;
        let entries_end = slots_end + entry_count * 8;
        let table = CommonWords {
            slots: data.get(Self::HEADER..slots_end)?,
            entries: data.get(slots_end..entries_end)?,
            blob: data.get(entries_end..)?,
        };
        let blob_fits = (0..entry_count).all(|index| {
            let (offset, length, _) = table.entry(index);
            offset + length <= table.blob.len()
        });
        blob_fits.then_some(table)
    }

    pub fn empty() -> CommonWords<'static> {
        CommonWords {
            slots: &[],
            entries: &[],
            blob: &[],
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len() / 8
    }

    /// The blob offset, byte length and packed value of entry `index`.
    fn entry(&self, index: usize) -> (usize, usize, u64) {
        let packed = read_u64(self.entries, index * 8).expect("an entry of the table");
        let offset = (packed & 0xff_ffff) as usize;
        let length = ((packed >> 24) & 0xff) as usize;
        (offset, length, packed >> 32)
    }

    /// The value held for `key`, if the table has it.
    pub fn get(&self, key: &[u8]) -> Option<u64> {
        let slot_count = self.slots.len() / 4;
        if slot_count == 0 {
            return None;
        }
        let mask = slot_count - 1;
        let mut slot = (fnv1a(key) as usize) & mask;
        loop {
            let index = read_u32(self.slots, slot * 4).unwrap_or(0) as usize;
            if index == 0 {
                return None;
            }
            let (offset, length, value) = self.entry(index - 1);
            if &self.blob[offset..offset + length] == key {
                return Some(value);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every word and its value, in table order.
    #[cfg_attr(not(test), allow(dead_code))] // the library reads; build.rs packs
    pub fn iter(&self) -> impl Iterator<Item = (&'d [u8], u64)> + '_ {
        (0..self.len()).map(|index| {
            let (offset, length, value) = self.entry(index);
            (&self.blob[offset..offset + length], value)
        })
    }
}

/// 64-bit FNV-1a, the hash `tools/lexicon/build.py` placed the common words with.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What [`ShortWords`] says about a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShortAnswer {
    /// The word's packed value.
    Found(u64),
    /// The key could be held (short ASCII) but is not: it is no common word.
    Absent,
    /// The key is too long or not ASCII (or there are no tables): ask the other tables.
    NotHeld,
}

/// Every common word of up to [`ShortWords::MAX_BYTES`] ASCII bytes, packed three ways
/// so that the usual questions are answered from cache:
///
/// * `hot`: the few thousand most frequent of them, which make up most running text, in
///   a table small enough to stay in the processor's cache (128 KiB);
/// * `filter`: a blocked Bloom filter of all of them (64 KiB, two bits per word in one
///   64-bit block), which rules out nearly every misspelling a typo search asks about;
/// * `slots`: all of them, for the rest.
///
/// The tables are open-addressing arrays of 16-byte slots: the word's bytes (zero-padded)
/// and length in the low 14 bytes, its packed value in the top two; 0 is an empty slot.
/// In bytes ([`pack_short_words`]): `b"CDSW"`, then the slot counts of `hot` and `slots`
/// and the block count of `filter` as `u32`, then the three arrays, little-endian.
pub(crate) struct ShortWords<'d> {
    hot: &'d [u8],
    filter: &'d [u8],
    slots: &'d [u8],
}

impl<'d> ShortWords<'d> {
    pub const MAX_BYTES: usize = 13;
    const KEY_MASK: u128 = (1 << 112) - 1;
    /// Slots in the hot table, which holds half as many words.
    pub const HOT_SLOTS: usize = 8192;
    /// 64-bit blocks in the filter, about eleven bits per word.
    const FILTER_BLOCKS: usize = 8192;
    const HEADER: usize = 16;
    const SLOT_BYTES: usize = 16;

    pub fn empty() -> ShortWords<'static> {
        ShortWords {
            hot: &[],
            filter: &[],
            slots: &[],
        }
    }

    /// Reads the tables [`pack_short_words`] wrote; `None` if `data` is not such tables.
    pub fn from_bytes(data: &'d [u8]) -> Option<ShortWords<'d>> {
        let hot_slots = read_u32(data, 4)? as usize;
        let slot_count = read_u32(data, 8)? as usize;
        let filter_blocks = read_u32(data, 12)? as usize;
        let sizes_fit = hot_slots == Self::HOT_SLOTS
            && filter_blocks == Self::FILTER_BLOCKS
            && slot_count.is_power_of_two();
        if data.get(..4)? != b"CDSW" || !sizes_fit {
            return None;
        }
        let hot_end = Self::HEADER + hot_slots * Self::SLOT_BYTES;
        let filter_end = hot_end + filter_blocks * 8;
        let slots_end = filter_end + slot_count * Self::SLOT_BYTES;
        (data.len() == slots_end).then(|| ShortWords {
            hot: &data[Self::HEADER..hot_end],
            filter: &data[hot_end..filter_end],
            slots: &data[filter_end..slots_end],
        })
    }

    /// Slots in the table of all short words.
    #[cfg(test)]
    pub fn slot_count(&self) -> usize {
        self.slots.len() / Self::SLOT_BYTES
    }

    /// The words of the hot table and their values.
    #[cfg(test)]
    pub fn hot_words(&self) -> impl Iterator<Item = (Vec<u8>, u64)> + '_ {
        self.hot.chunks_exact(Self::SLOT_BYTES).filter_map(|slot| {
            let held = u128::from_le_bytes(slot.try_into().ok()?);
            let bytes = held.to_le_bytes();
            (held != 0).then(|| {
                (
                    bytes[..usize::from(bytes[13])].to_vec(),
                    (held >> 112) as u64,
                )
            })
        })
    }

    /// What the tables say about `word` (a lower-case lexicon key).
    #[inline(always)]
    pub fn get(&self, word: &[u8]) -> ShortAnswer {
        let Some((key, hash)) = self.key_and_hash(word) else {
            return ShortAnswer::NotHeld;
        };
        if let Some(value) = Self::probe(self.hot, key, hash) {
            return ShortAnswer::Found(value);
        }
        if !self.filter_may_hold(hash) {
            return ShortAnswer::Absent;
        }
        Self::probe(self.slots, key, hash).map_or(ShortAnswer::Absent, ShortAnswer::Found)
    }

    /// [`Self::get`] for a word that is most likely no common word (a candidate spelling
    /// in a typo search): the filter is asked first, which settles it alone.
    #[inline]
    pub fn get_likely_absent(&self, word: &[u8]) -> ShortAnswer {
        let Some((key, hash)) = self.key_and_hash(word) else {
            return ShortAnswer::NotHeld;
        };
        if !self.filter_may_hold(hash) {
            return ShortAnswer::Absent;
        }
        Self::probe(self.hot, key, hash)
            .or_else(|| Self::probe(self.slots, key, hash))
            .map_or(ShortAnswer::Absent, ShortAnswer::Found)
    }

    /// The slot key of `word` and its hash, if the tables could hold it.
    #[inline(always)]
    fn key_and_hash(&self, word: &[u8]) -> Option<(u128, u64)> {
        if self.slots.is_empty() {
            return None;
        }
        let key = key(word)?;
        Some((key, hash(key)))
    }

    /// Whether the filter lets the word with this hash through (it may be held).
    #[inline(always)]
    fn filter_may_hold(&self, hash: u64) -> bool {
        let (block, bits) = filter_bits(hash);
        read_u64(self.filter, block * 8).unwrap_or(0) & bits == bits
    }

    /// The value held for `key` in `table`, if any.
    #[inline]
    fn probe(table: &[u8], key: u128, hash: u64) -> Option<u64> {
        let mask = table.len() / Self::SLOT_BYTES - 1;
        let mut slot = hash as usize & mask;
        loop {
            let held = read_u128(table, slot * Self::SLOT_BYTES).unwrap_or(0);
            if held == 0 {
                return None;
            }
            if held & Self::KEY_MASK == key {
                return Some((held >> 112) as u64);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// Packs the short words of `common` into the bytes [`ShortWords::from_bytes`] reads: all
/// in a table kept under 40 % full, the most frequent again in the hot table, and all in
/// the filter.
#[cfg_attr(not(test), allow(dead_code))] // the library reads; build.rs packs
pub(crate) fn pack_short_words(common: &CommonWords) -> Vec<u8> {
    let mut short: Vec<(u128, u64)> = common
        .iter()
        .filter_map(|(word, value)| key(word).map(|key| (key, value)))
        .collect();
    let mut filter = vec![0u64; ShortWords::FILTER_BLOCKS];
    for &(key, _) in &short {
        let (block, bits) = filter_bits(hash(key));
        filter[block] |= bits;
    }
    let slots = table(&short, (short.len() * 5 / 2).next_power_of_two());
    let hot_min_zipf = hot_threshold(&short);
    short.retain(|&(_, value)| value & ZIPF_MASK >= hot_min_zipf);
    let hot = table(&short, ShortWords::HOT_SLOTS);

    let mut bytes = Vec::with_capacity(ShortWords::HEADER + (hot.len() + slots.len()) * 16);
    bytes.extend_from_slice(b"CDSW");
    for count in [hot.len(), slots.len(), filter.len()] {
        bytes.extend_from_slice(&(count as u32).to_le_bytes());
    }
    bytes.extend(hot.iter().flat_map(|slot| slot.to_le_bytes()));
    bytes.extend(filter.iter().flat_map(|block| block.to_le_bytes()));
    bytes.extend(slots.iter().flat_map(|slot| slot.to_le_bytes()));
    bytes
}

/// The lowest Zipf frequency (× 100) from which the words fill at most half the hot
/// table.
#[cfg_attr(not(test), allow(dead_code))] // the library reads; build.rs packs
fn hot_threshold(words: &[(u128, u64)]) -> u64 {
    let mut count_at = vec![0usize; ZIPF_MASK as usize + 1];
    for &(_, value) in words {
        count_at[(value & ZIPF_MASK) as usize] += 1;
    }
    let mut threshold = ZIPF_MASK + 1;
    let mut taken = 0;
    while threshold > 0 && taken + count_at[threshold as usize - 1] <= ShortWords::HOT_SLOTS / 2 {
        threshold -= 1;
        taken += count_at[threshold as usize];
    }
    threshold
}

/// An open-addressing table of `slot_count` slots holding `words`.
#[cfg_attr(not(test), allow(dead_code))] // the library reads; build.rs packs
fn table(words: &[(u128, u64)], slot_count: usize) -> Vec<u128> {
    let mut slots = vec![0u128; slot_count];
    for &(key, value) in words {
        let mut slot = hash(key) as usize & (slot_count - 1);
        while slots[slot] != 0 {
            slot = (slot + 1) & (slot_count - 1);
        }
        slots[slot] = key | (u128::from(value as u16) << 112);
    }
    slots
}

/// The slot key of `word`: its bytes and its length.
#[inline]
pub(crate) fn key(word: &[u8]) -> Option<u128> {
    let length = word.len();
    if length == 0 || length > ShortWords::MAX_BYTES {
        return None;
    }
    let bytes = u128::from(little_endian_prefix(word)) | (u128::from(tail_after_eight(word)) << 64);
    let ascii = bytes & 0x8080_8080_8080_8080_8080_8080_8080_8080 == 0;
    ascii.then_some(bytes | (u128::from(length as u8) << 104))
}

/// A 64-bit hash of a key: its low bits pick a slot, its high bits a filter block.
#[inline]
fn hash(key: u128) -> u64 {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    let mixed = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mixed ^ (mixed >> 32)
}

/// The filter block of a hash and the two bits it sets there.
#[inline]
fn filter_bits(hash: u64) -> (usize, u64) {
    let block = (hash >> 51) as usize & (ShortWords::FILTER_BLOCKS - 1);
    let bits = (1u64 << ((hash >> 40) & 63)) | (1u64 << ((hash >> 34) & 63));
    (block, bits)
}

/// The first (up to) eight bytes of `bytes` as a little-endian number, zero-padded. Two
/// overlapping loads instead of a copy of variable length (which costs a call).
#[inline]
fn little_endian_prefix(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 8 {
        return u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
    }
    if n >= 4 {
        let low = u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"));
        let high = u32::from_le_bytes(bytes[n - 4..n].try_into().expect("four bytes"));
        // The last four bytes overlap the first four when n < 8: keep their new part.
        return u64::from(low) | (u64::from(high) << (8 * (n - 4)));
    }
    bytes
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &b)| acc | (u64::from(b) << (8 * i)))
}

/// Bytes 8 to 15 of `bytes` (at most 16 long) as a little-endian number, zero-padded.
#[inline]
fn tail_after_eight(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n <= 8 {
        return 0;
    }
    // The last eight bytes, shifted so that byte 8 comes first.
    let last = u64::from_le_bytes(bytes[n - 8..n].try_into().expect("eight bytes"));
    last >> (8 * (16 - n))
}
