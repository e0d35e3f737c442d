//! The embedded English lexicon: how frequent a word is, and whether a dictionary lists it.
//!
//! The data is `data/lexicon.fst`, an [`fst::Map`] from a lower-case word to a packed
//! value, built by `tools/lexicon/` from wordfreq's `large_en` frequencies (CC BY-SA 4.0)
//! and the SCOWL word lists Debian ships as `wamerican`/`wbritish` (see `data/README.md`).
//! It is compiled into the binary with `include_bytes!` and opened without copying or
//! parsing, so [`Lexicon::embedded`] is ready in microseconds and needs no file, network
//! or system dictionary at run time.
//!
//! The packed value (kept in step with `tools/lexicon/build.py`):
//!
//! | bits   | meaning                                                        |
//! |--------|----------------------------------------------------------------|
//! | 0..10  | Zipf frequency × 100 from wordfreq (0 when wordfreq lacks it)  |
//! | 10     | SCOWL lists it in lower case: an ordinary word                 |
//! | 11     | SCOWL lists it Capitalised: a proper name                      |
//! | 12     | SCOWL lists it in CAPITALS: an acronym                         |
//! | 13     | SCOWL lists it in another mixed case (McDonald, iPod)          |
//! | 14     | wordfreq lists it                                              |
//!
//! Zipf is log10 of a word's frequency per billion words: "the" is about 7.7, "meanwhile"
//! 4.5, a word seen once in a hundred million words is 1.0.
//!
//! An fst lookup costs a few hundred nanoseconds, too slow for every word of every
//! article, so the ~53,000 words with Zipf ≥ 2.5 are also in `data/common_words.bin`, an
//! open-addressing hash table written ready-made by `tools/lexicon/build.py` and used in
//! place (`CommonWords`): ordinary prose is looked up there in tens of nanoseconds, with
//! no start-up work, and only rarer words reach the fst.
//!
//! That table is spread over three arrays (slots, entries, words), so a lookup touches
//! three cache lines, and at the clean stage's speed those cache misses were the largest
//! single cost. Its words of up to 13 ASCII bytes (nearly all of them) are therefore
//! packed again on first use into `ShortWords`, where one 16-byte slot holds a word and
//! its value, with the most frequent words in a small table of their own that stays in
//! cache, and a Bloom filter that tells most absent words (a typo search asks about
//! hundreds of misspellings) without touching the big table.

use std::borrow::Cow;
use std::sync::OnceLock;

const EMBEDDED_FST: &[u8] = include_bytes!("../../../data/lexicon.fst");
const EMBEDDED_COMMON_WORDS: &[u8] = include_bytes!("../../../data/common_words.bin");

/// Every word at least this frequent is in the common-word table (the threshold
/// `tools/lexicon/build.py` was run with).
pub const COMMON_MIN_ZIPF: f32 = 2.5;

/// Words up to this many bytes are lower-cased on the stack for a lookup.
const STACK_KEY_BYTES: usize = 48;

const ZIPF_MASK: u64 = (1 << 10) - 1;
const SCOWL_LOWER: u64 = 1 << 10;
const SCOWL_PROPER: u64 = 1 << 11;
const SCOWL_ACRONYM: u64 = 1 << 12;
const SCOWL_MIXED: u64 = 1 << 13;
const IN_WORDFREQ: u64 = 1 << 14;

/// What the lexicon knows about one word (looked up case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry(u64);

impl Entry {
    /// Builds an entry from its parts; used to make small lexicons for tests and tools.
    pub fn new(zipf: f32, flags: EntryFlags) -> Entry {
        let zipf_centi = ((zipf.clamp(0.0, 9.0) * 100.0).round() as u64) & ZIPF_MASK;
        let mut value = zipf_centi;
        if flags.ordinary_word {
            value |= SCOWL_LOWER;
        }
        if flags.proper_name {
            value |= SCOWL_PROPER;
        }
        if flags.acronym {
            value |= SCOWL_ACRONYM;
        }
        if zipf_centi > 0 {
            value |= IN_WORDFREQ;
        }
        Entry(value)
    }

    /// Zipf frequency (0 when only the dictionary, not wordfreq, knows the word).
    pub fn zipf(self) -> f32 {
        (self.0 & ZIPF_MASK) as f32 / 100.0
    }

    /// The dictionary lists the word in lower case: an ordinary English word.
    pub fn is_ordinary_word(self) -> bool {
        self.0 & SCOWL_LOWER != 0
    }

    /// The dictionary lists the word capitalised: a name (it may also be ordinary).
    pub fn is_proper_name(self) -> bool {
        self.0 & SCOWL_PROPER != 0
    }

    /// The dictionary lists the word in capitals.
    pub fn is_acronym(self) -> bool {
        self.0 & SCOWL_ACRONYM != 0
    }

    /// The dictionary lists the word with capitals inside (`McDonald`, `iPod`).
    pub fn has_mixed_case_form(self) -> bool {
        self.0 & SCOWL_MIXED != 0
    }

    /// The dictionary lists the word in any form.
    pub fn in_dictionary(self) -> bool {
        self.0 & (SCOWL_LOWER | SCOWL_PROPER | SCOWL_ACRONYM | SCOWL_MIXED) != 0
    }

    /// wordfreq has seen the word (in any case).
    pub fn in_frequency_list(self) -> bool {
        self.0 & IN_WORDFREQ != 0
    }
}

/// The dictionary facts for [`Entry::new`].
#[derive(Debug, Clone, Copy, Default)]
pub struct EntryFlags {
    pub ordinary_word: bool,
    pub proper_name: bool,
    pub acronym: bool,
}

/// A read-only word list with frequencies; see the module doc for where it comes from.
pub struct Lexicon {
    map: fst::Map<Cow<'static, [u8]>>,
    /// The most frequent words again, for fast lookups (empty for test lexicons).
    common: CommonWords,
    /// The common words of up to 13 ASCII bytes once more, one cache line per lookup.
    short: ShortWords,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.map.len())
            .finish()
    }
}

impl Lexicon {
    /// The lexicon compiled into the binary, opened on first use.
    pub fn embedded() -> &'static Lexicon {
        static EMBEDDED: OnceLock<Lexicon> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let common = CommonWords::new(EMBEDDED_COMMON_WORDS)
                .expect("data/common_words.bin is a valid table (rebuild it with tools/lexicon)");
            Lexicon {
                map: fst::Map::new(Cow::Borrowed(EMBEDDED_FST))
                    .expect("data/lexicon.fst is a valid fst map (rebuild it with tools/lexicon)"),
                short: ShortWords::from_common(&common),
                common,
            }
        })
    }

    /// A lexicon made from explicit entries, for tests and experiments. Words are
    /// normalised like lookups (lower case, typographic apostrophe folded); a word given
    /// twice keeps its last entry.
    pub fn from_entries<'w>(entries: impl IntoIterator<Item = (&'w str, Entry)>) -> Lexicon {
        let mut sorted: Vec<(String, u64)> = entries
            .into_iter()
            .map(|(word, entry)| (normalise(word).into_owned(), entry.0))
            .collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        sorted.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 = later.1;
                true
            } else {
                false
            }
        });
        let map = fst::Map::from_iter(sorted).expect("sorted, unique keys build an fst map");
        Lexicon {
            map: fst::Map::new(Cow::Owned(map.into_fst().into_inner()))
                .expect("bytes from fst's own builder are a valid map"),
            common: CommonWords::empty(),
            short: ShortWords::empty(),
        }
    }

    /// How many words the lexicon holds.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon holds no word at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Everything known about `word`, matched case-insensitively.
    pub fn lookup(&self, word: &str) -> Option<Entry> {
        if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
        {
            return self.lookup_key(word);
        }
        if word.is_ascii() && word.len() <= STACK_KEY_BYTES {
            let mut buffer = [0u8; STACK_KEY_BYTES];
            let key = &mut buffer[..word.len()];
            key.copy_from_slice(word.as_bytes());
            key.make_ascii_lowercase();
            let key = std::str::from_utf8(key).expect("ASCII stays ASCII");
            return self.lookup_key(key);
        }
        self.lookup_key(&normalise(word))
    }

    /// [`Self::lookup`] for a word already known to be lower-case ASCII letters, which
    /// is its own key.
    pub(crate) fn lookup_lower_case(&self, word: &str) -> Option<Entry> {
        debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase()));
        self.lookup_key(word)
    }

    /// The entry for `key` (a lower-case lexicon key) if it is at least `min_zipf`
    /// frequent. Frequent words are all in the common-word table, so a search that
    /// tries many candidate spellings is answered without touching the fst.
    pub fn frequent_entry(&self, key: &str, min_zipf: f32) -> Option<Entry> {
        let entry = match self.short.get(key) {
            ShortAnswer::Found(entry) => Some(entry),
            ShortAnswer::Absent if min_zipf >= COMMON_MIN_ZIPF => None,
            _ if min_zipf >= COMMON_MIN_ZIPF && self.common.len() > 0 => self.common.get(key),
            _ => self.lookup(key),
        };
        entry.filter(|entry| entry.zipf() >= min_zipf)
    }

    /// Looks up an already normalised key: the common words (short ones in their packed
    /// table), then the fst.
    fn lookup_key(&self, key: &str) -> Option<Entry> {
        match self.short.get(key) {
            ShortAnswer::Found(entry) => return Some(entry),
            ShortAnswer::Absent => {}
            ShortAnswer::NotHeld => {
                if let Some(entry) = self.common.get(key) {
                    return Some(entry);
                }
            }
        }
        self.map.get(key).map(Entry)
    }

    /// The prefixes of `key` that are words, as (byte length, entry), shortest first.
    /// `key` must already be a lexicon key (lower case); one walk down the fst answers
    /// for all prefixes, which makes splitting a glued word cheap.
    pub fn word_prefixes(&self, key: &str) -> Vec<(usize, Entry)> {
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut output = fst::raw::Output::zero();
        let mut prefixes = Vec::new();
        for (index, &byte) in key.as_bytes().iter().enumerate() {
            let Some(transition) = node.find_input(byte) else {
                break;
            };
            let transition = node.transition(transition);
            output = output.cat(transition.out);
            node = fst.node(transition.addr);
            if node.is_final() && key.is_char_boundary(index + 1) {
                prefixes.push((index + 1, Entry(output.cat(node.final_output()).value())));
            }
        }
        prefixes
    }

    /// For each letter in `middles`, the entry of the word `head + letter + tail` if the
    /// lexicon has it. `head` and `tail` must be lexicon keys (lower case). The walk down
    /// `head` is shared, and most letters fail at once, so trying dozens of letters costs
    /// about one lookup.
    pub fn joined_entries(&self, head: &str, middles: &[char], tail: &str) -> Vec<(char, Entry)> {
        let fst = self.map.as_fst();
        let Some((node, output)) = walk(fst, fst.root(), fst::raw::Output::zero(), head.as_bytes())
        else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut buffer = [0u8; 4];
        for &middle in middles {
            let letter = middle.encode_utf8(&mut buffer).as_bytes();
            let Some((node, output)) = walk(fst, node, output, letter) else {
                continue;
            };
            if let Some((node, output)) = walk(fst, node, output, tail.as_bytes()) {
                if node.is_final() {
                    found.push((middle, Entry(output.cat(node.final_output()).value())));
                }
            }
        }
        found
    }

    /// The Zipf frequency of `word`, if the lexicon knows it in any way (a word only the
    /// dictionary lists has Zipf 0).
    pub fn zipf(&self, word: &str) -> Option<f32> {
        self.lookup(word).map(Entry::zipf)
    }

    /// Whether the lexicon knows `word` at all.
    pub fn contains(&self, word: &str) -> bool {
        self.lookup(word).is_some()
    }

    /// The common words (Zipf 3 and up in the embedded lexicon) and their entries.
    #[cfg(test)]
    pub(crate) fn common_words(&self) -> impl Iterator<Item = (&'static str, Entry)> + '_ {
        self.common.iter()
    }
}

/// Follows `bytes` down the fst from `node`, adding up the outputs; `None` if no key
/// continues that way.
fn walk<'f>(
    fst: &'f fst::raw::Fst<Cow<'static, [u8]>>,
    mut node: fst::raw::Node<'f>,
    mut output: fst::raw::Output,
    bytes: &[u8],
) -> Option<(fst::raw::Node<'f>, fst::raw::Output)> {
    for &byte in bytes {
        let transition = node.transition(node.find_input(byte)?);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
    }
    Some((node, output))
}

/// The common words' hash table, read in place from `data/common_words.bin`:
/// `b"CDWT"`, slot count (a power of two) and entry count as `u32`; the slots (`u32`, 0
/// for empty, else 1 + entry index; a word starts at `fnv1a(word) & (slots - 1)` and
/// probes onwards); the entries (`u64`: blob offset in bits 0..24, byte length in 24..32,
/// packed value in 32..48); the blob of words.
struct CommonWords {
    slots: &'static [u8],
    entries: &'static [u8],
    blob: &'static [u8],
}

impl CommonWords {
    const HEADER: usize = 12;

    /// Checks the layout of `data`; `None` if it is not a table of this format.
    fn new(data: &'static [u8]) -> Option<CommonWords> {
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

    fn empty() -> CommonWords {
        CommonWords {
            slots: &[],
            entries: &[],
            blob: &[],
        }
    }

    fn len(&self) -> usize {
        self.entries.len() / 8
    }

    /// The blob offset, byte length and packed value of entry `index`.
    fn entry(&self, index: usize) -> (usize, usize, u64) {
        let packed = u64::from_le_bytes(
            self.entries[index * 8..index * 8 + 8]
                .try_into()
                .expect("eight bytes"),
        );
        let offset = (packed & 0xff_ffff) as usize;
        let length = ((packed >> 24) & 0xff) as usize;
        (offset, length, packed >> 32)
    }

    fn get(&self, key: &str) -> Option<Entry> {
        let slot_count = self.slots.len() / 4;
        if slot_count == 0 {
            return None;
        }
        let mask = slot_count - 1;
        let mut slot = (fnv1a(key.as_bytes()) as usize) & mask;
        loop {
            let index = read_u32(self.slots, slot * 4).unwrap_or(0) as usize;
            if index == 0 {
                return None;
            }
            let (offset, length, value) = self.entry(index - 1);
            if &self.blob[offset..offset + length] == key.as_bytes() {
                return Some(Entry(value));
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every word and its entry, in table order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&'static str, Entry)> + '_ {
        (0..self.len()).map(|index| {
            let (offset, length, value) = self.entry(index);
            let word = std::str::from_utf8(&self.blob[offset..offset + length]).expect("UTF-8");
            (word, Entry(value))
        })
    }
}

/// What [`ShortWords`] says about a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShortAnswer {
    Found(Entry),
    /// The key could be held (short ASCII) but is not: it is no common word.
    Absent,
    /// The key is too long or not ASCII (or the lexicon has no common words): ask the
    /// other tables.
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
struct ShortWords {
    slots: Box<[u128]>,
    hot: Box<[u128]>,
    filter: Box<[u64]>,
}

impl ShortWords {
    const MAX_BYTES: usize = 13;
    const KEY_MASK: u128 = (1 << 112) - 1;
    /// Slots in the hot table, which holds half as many words.
    const HOT_SLOTS: usize = 8192;
    /// 64-bit blocks in the filter, about eleven bits per word.
    const FILTER_BLOCKS: usize = 8192;

    fn empty() -> ShortWords {
        ShortWords {
            slots: Box::new([]),
            hot: Box::new([]),
            filter: Box::new([]),
        }
    }

    /// The short words of `common`: all in a table kept under 40 % full, the most
    /// frequent again in the hot table, and all in the filter.
    fn from_common(common: &CommonWords) -> ShortWords {
        let mut short: Vec<(u128, u64)> = (0..common.len())
            .filter_map(|index| {
                let (offset, length, value) = common.entry(index);
                let word = &common.blob[offset..offset + length];
                Self::key(word).map(|key| (key, value))
            })
            .collect();
        let mut filter = vec![0u64; Self::FILTER_BLOCKS].into_boxed_slice();
        for &(key, _) in &short {
            let (block, bits) = Self::filter_bits(Self::hash(key));
            filter[block] |= bits;
        }
        let slots = Self::table(&short, (short.len() * 5 / 2).next_power_of_two());
        let hot_min_zipf = Self::hot_threshold(&short);
        short.retain(|&(_, value)| value & ZIPF_MASK >= hot_min_zipf);
        let hot = Self::table(&short, Self::HOT_SLOTS);
        ShortWords { slots, hot, filter }
    }

    /// The lowest Zipf frequency (× 100) from which the words fill at most half the hot
    /// table: a count per frequency, not a sort, so opening the lexicon stays quick.
    fn hot_threshold(words: &[(u128, u64)]) -> u64 {
        let mut count_at = vec![0usize; ZIPF_MASK as usize + 1];
        for &(_, value) in words {
            count_at[(value & ZIPF_MASK) as usize] += 1;
        }
        let mut threshold = ZIPF_MASK + 1;
        let mut taken = 0;
        while threshold > 0 && taken + count_at[threshold as usize - 1] <= Self::HOT_SLOTS / 2 {
            threshold -= 1;
            taken += count_at[threshold as usize];
        }
        threshold
    }

    /// An open-addressing table of `slot_count` slots holding `words`.
    fn table(words: &[(u128, u64)], slot_count: usize) -> Box<[u128]> {
        let mut slots = vec![0u128; slot_count].into_boxed_slice();
        for &(key, value) in words {
            let mut slot = Self::hash(key) as usize & (slot_count - 1);
            while slots[slot] != 0 {
                slot = (slot + 1) & (slot_count - 1);
            }
            slots[slot] = key | (u128::from(value as u16) << 112);
        }
        slots
    }

    /// The slot key of `word`: its bytes and its length.
    #[inline]
    fn key(word: &[u8]) -> Option<u128> {
        let length = word.len();
        if length == 0 || length > Self::MAX_BYTES {
            return None;
        }
        let bytes =
            u128::from(little_endian_prefix(word)) | (u128::from(tail_after_eight(word)) << 64);
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
        let block = (hash >> 51) as usize & (Self::FILTER_BLOCKS - 1);
        let bits = (1u64 << ((hash >> 40) & 63)) | (1u64 << ((hash >> 34) & 63));
        (block, bits)
    }

    /// The value held for `key` in `table`, if any.
    #[inline]
    fn probe(table: &[u128], key: u128, hash: u64) -> Option<Entry> {
        let mask = table.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let held = table[slot];
            if held == 0 {
                return None;
            }
            if held & Self::KEY_MASK == key {
                return Some(Entry((held >> 112) as u64));
            }
            slot = (slot + 1) & mask;
        }
    }

    #[inline(always)]
    fn get(&self, word: &str) -> ShortAnswer {
        if self.slots.is_empty() {
            return ShortAnswer::NotHeld;
        }
        let Some(key) = Self::key(word.as_bytes()) else {
            return ShortAnswer::NotHeld;
        };
        let hash = Self::hash(key);
        if let Some(entry) = Self::probe(&self.hot, key, hash) {
            return ShortAnswer::Found(entry);
        }
        let (block, bits) = Self::filter_bits(hash);
        if self.filter[block] & bits != bits {
            return ShortAnswer::Absent;
        }
        match Self::probe(&self.slots, key, hash) {
            Some(entry) => ShortAnswer::Found(entry),
            None => ShortAnswer::Absent,
        }
    }
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

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// 64-bit FNV-1a, the hash `tools/lexicon/build.py` placed the common words with.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The lexicon's key for a word: lower case, with `’` folded to `'`.
fn normalise(word: &str) -> Cow<'_, str> {
    if word.chars().all(|c| !c.is_uppercase() && c != '\u{2019}') {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn embedded_lexicon_opens_fast_and_is_large() {
        let start = Instant::now();
        let lexicon = Lexicon::embedded();
        let ready = start.elapsed();
        assert!(lexicon.len() > 300_000, "{} words", lexicon.len());
        println!("lexicon ready in {ready:?}");
        assert!(ready.as_millis() < 20, "lexicon took {ready:?} to open");
    }

    #[test]
    fn common_words_agree_with_the_fst() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.common.len() > 40_000);
        let rarest = lexicon
            .common
            .iter()
            .map(|(_, e)| e.zipf())
            .fold(9.0, f32::min);
        assert!((rarest - COMMON_MIN_ZIPF).abs() < 0.005, "{rarest}");
        for (word, entry) in lexicon.common.iter() {
            assert_eq!(lexicon.map.get(word).map(Entry), Some(entry), "{word}");
            assert_eq!(lexicon.common.get(word), Some(entry), "{word}");
        }
        assert_eq!(lexicon.common.get("meanbwhile"), None);
        assert!(CommonWords::new(b"CDWT\x03\0\0\0\0\0\0\0").is_none());
    }

    #[test]
    fn word_keys_are_the_bytes_and_the_length() {
        let words = [
            "a",
            "an",
            "the",
            "word",
            "words",
            "eleven",
            "sevenly",
            "eighteen",
            "ninelongs",
            "abcdefghijklm",
            "ABCDEFGHIJKL",
        ];
        for word in words {
            let mut expected = [0u8; 16];
            expected[..word.len()].copy_from_slice(word.as_bytes());
            expected[13] = word.len() as u8;
            assert_eq!(
                ShortWords::key(word.as_bytes()),
                Some(u128::from_le_bytes(expected))
            );
        }
        assert_eq!(ShortWords::key(b""), None);
        assert_eq!(ShortWords::key(b"abcdefghijklmn"), None);
        assert_eq!(ShortWords::key("caf\u{e9}".as_bytes()), None);
        assert_eq!(ShortWords::key("ab\u{e9}cdefghij".as_bytes()), None);
    }

    #[test]
    fn short_words_agree_with_the_common_words() {
        let lexicon = Lexicon::embedded();
        let short = &lexicon.short;
        let mut held = 0;
        for (word, entry) in lexicon.common.iter() {
            match short.get(word) {
                ShortAnswer::Found(found) => {
                    assert_eq!(found, entry, "{word}");
                    held += 1;
                }
                ShortAnswer::Absent => panic!("{word} is missing"),
                ShortAnswer::NotHeld => {
                    assert!(
                        word.len() > ShortWords::MAX_BYTES || !word.is_ascii(),
                        "{word}"
                    )
                }
            }
        }
        assert!(held > 40_000, "{held} short words");
        assert!(held * 5 / 2 <= short.slots.len(), "the table is too full");
        // The hot table holds the most frequent words, and they agree too.
        let hot: Vec<u128> = short.hot.iter().copied().filter(|&s| s != 0).collect();
        assert!(hot.len() > ShortWords::HOT_SLOTS / 3 && hot.len() <= ShortWords::HOT_SLOTS / 2);
        for slot in hot {
            let bytes = slot.to_le_bytes();
            let word = std::str::from_utf8(&bytes[..usize::from(bytes[13])]).unwrap();
            assert_eq!(Some(Entry((slot >> 112) as u64)), lexicon.common.get(word));
        }
        assert!(
            ShortWords::probe(&short.hot, ShortWords::key(b"the").unwrap(), {
                ShortWords::hash(ShortWords::key(b"the").unwrap())
            })
            .is_some()
        );
        assert_eq!(
            short.get("the"),
            ShortAnswer::Found(lexicon.common.get("the").unwrap())
        );
        assert_eq!(short.get("meanbwhile"), ShortAnswer::Absent);
        assert_eq!(short.get("internationalisation"), ShortAnswer::NotHeld);
        assert_eq!(short.get("erdoğan"), ShortAnswer::NotHeld);
        assert_eq!(ShortWords::empty().get("the"), ShortAnswer::NotHeld);
        // Rare words and long words still come from the fst.
        assert!(lexicon.lookup("muhajireen").is_some());
        assert!(lexicon.lookup("internationalisation").is_some());
    }

    #[test]
    fn frequencies_follow_wordfreq() {
        let lexicon = Lexicon::embedded();
        let the = lexicon.zipf("the").unwrap();
        let meanwhile = lexicon.zipf("meanwhile").unwrap();
        assert!(the > 7.0 && the < 8.0, "the: {the}");
        assert!(meanwhile > 4.0 && meanwhile < 5.0, "meanwhile: {meanwhile}");
        assert!(the > meanwhile);
        assert_eq!(lexicon.zipf("meanbwhile"), None);
    }

    #[test]
    fn lookups_ignore_case_and_fold_apostrophes() {
        let lexicon = Lexicon::embedded();
        assert_eq!(lexicon.lookup("Meanwhile"), lexicon.lookup("meanwhile"));
        assert_eq!(lexicon.lookup("MEANWHILE"), lexicon.lookup("meanwhile"));
        assert!(lexicon.contains("doesn\u{2019}t"));
        assert!(
            lexicon.contains("Erdoğan"),
            "names with diacritics are known"
        );
    }

    #[test]
    fn dictionary_flags_tell_words_from_names() {
        let lexicon = Lexicon::embedded();
        let journalist = lexicon.lookup("journalist").unwrap();
        assert!(journalist.is_ordinary_word() && journalist.in_frequency_list());
        let kandahar = lexicon.lookup("Kandahar").unwrap();
        assert!(kandahar.is_proper_name() && !kandahar.is_ordinary_word());
        // wordfreq knows many words no dictionary lists, misspellings included.
        let teh = lexicon.lookup("teh").unwrap();
        assert!(teh.in_frequency_list() && !teh.in_dictionary());
    }

    #[test]
    fn prefix_walk_finds_every_word_at_the_start() {
        let lexicon = Lexicon::embedded();
        let prefixes = lexicon.word_prefixes("andcommunications");
        let lengths: Vec<usize> = prefixes.iter().map(|(length, _)| *length).collect();
        assert!(lengths.contains(&1) && lengths.contains(&3), "{lengths:?}"); // a, and
        assert!(!lengths.contains(&17));
        for (length, entry) in prefixes {
            assert_eq!(lexicon.lookup(&"andcommunications"[..length]), Some(entry));
        }
        assert!(lexicon
            .word_prefixes("zqxw")
            .iter()
            .all(|(length, _)| *length < 4));
    }

    #[test]
    fn joined_entries_try_letters_between_two_parts() {
        let lexicon = Lexicon::embedded();
        let found = lexicon.joined_entries("erdo", &['ş', 'ğ', 'x'], "an");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 'ğ');
        assert_eq!(Some(found[0].1), lexicon.lookup("erdoğan"));
        assert!(lexicon.joined_entries("zqxw", &['ğ'], "an").is_empty());
    }

    #[test]
    fn small_lexicons_can_be_built_for_tests() {
        let word = EntryFlags {
            ordinary_word: true,
            ..EntryFlags::default()
        };
        let lexicon = Lexicon::from_entries([
            ("Zebra", Entry::new(3.0, word)),
            ("ant", Entry::new(2.5, word)),
        ]);
        assert_eq!(lexicon.len(), 2);
        assert_eq!(lexicon.zipf("zebra"), Some(3.0));
        assert!(lexicon.lookup("ANT").unwrap().is_ordinary_word());
        assert!(!lexicon.contains("bee"));
    }
}
