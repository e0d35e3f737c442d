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
//! packed again into `ShortWords`, where one 16-byte slot holds a word and its value,
//! with the most frequent words in a small table of their own that stays in cache, and a
//! Bloom filter that tells most absent words (a typo search asks about hundreds of
//! misspellings) without touching the big table. `build.rs` packs them at compile time
//! (both tables live in `word_tables.rs`), so they too are used in place.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::word_tables::{CommonWords, ShortAnswer, ShortWords, ZIPF_MASK};

const EMBEDDED_FST: &[u8] = include_bytes!("../../../data/lexicon.fst");
const EMBEDDED_COMMON_WORDS: &[u8] = include_bytes!("../../../data/common_words.bin");
/// `ShortWords`, packed from the common words by `build.rs`.
const EMBEDDED_SHORT_WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/short_words.bin"));

/// Every word at least this frequent is in the common-word table (the threshold
/// `tools/lexicon/build.py` was run with).
pub const COMMON_MIN_ZIPF: f32 = 2.5;

/// Words up to this many bytes are lower-cased on the stack for a lookup.
const STACK_KEY_BYTES: usize = 48;

const SCOWL_LOWER: u64 = 1 << 10;
const SCOWL_PROPER: u64 = 1 << 11;
const SCOWL_ACRONYM: u64 = 1 << 12;
const SCOWL_MIXED: u64 = 1 << 13;
const IN_WORDFREQ: u64 = 1 << 14;
const LARGE_LOWER: u64 = 1 << 15;

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

    /// The larger dictionary (SCOWL size 70) lists the word in lower case: a rare but
    /// real word (`bream`, `loam`), where wordfreq's rare entries are as often web
    /// text's misspellings (`goverment`), which no dictionary lists.
    pub fn in_larger_dictionary(self) -> bool {
        self.0 & LARGE_LOWER != 0
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
    common: CommonWords<'static>,
    /// The common words of up to 13 ASCII bytes once more, one cache line per lookup.
    short: ShortWords<'static>,
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
                short: ShortWords::from_bytes(EMBEDDED_SHORT_WORDS)
                    .expect("build.rs packs valid short-word tables"),
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
    /// `key` is bytes, as a typo search builds its candidates; the short-word tables are
    /// asked filter first, since nearly all candidates are no word.
    pub fn frequent_entry(&self, key: &[u8], min_zipf: f32) -> Option<Entry> {
        let entry = match self.short.get_likely_absent(key) {
            ShortAnswer::Found(value) => Some(Entry(value)),
            ShortAnswer::Absent if min_zipf >= COMMON_MIN_ZIPF => None,
            _ if min_zipf >= COMMON_MIN_ZIPF && self.common.len() > 0 => {
                self.common.get(key).map(Entry)
            }
            _ => std::str::from_utf8(key)
                .ok()
                .and_then(|key| self.lookup(key)),
        };
        entry.filter(|entry| entry.zipf() >= min_zipf)
    }

    /// Looks up an already normalised key: the common words (short ones in their packed
    /// table), then the fst.
    fn lookup_key(&self, key: &str) -> Option<Entry> {
        match self.short.get(key.as_bytes()) {
            ShortAnswer::Found(value) => return Some(Entry(value)),
            ShortAnswer::Absent => {}
            ShortAnswer::NotHeld => {
                if let Some(value) = self.common.get(key.as_bytes()) {
                    return Some(Entry(value));
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
    /// `head` is shared, as is the step down each lead byte the letters share, and most
    /// letters fail at once, so trying dozens of letters costs about one lookup.
    pub fn joined_entries(&self, head: &str, middles: &[char], tail: &str) -> Vec<(char, Entry)> {
        let fst = self.map.as_fst();
        let Some((node, output)) = walk(fst, fst.root(), fst::raw::Output::zero(), head.as_bytes())
        else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut buffer = [0u8; 4];
        // The letters share a few lead bytes (0xC3 for `é`, `ü`, …): the step down each
        // lead byte is taken once, not once per letter.
        let mut below_leads: Vec<(u8, Option<(fst::raw::Node, fst::raw::Output)>)> = Vec::new();
        for &middle in middles {
            let letter = middle.encode_utf8(&mut buffer).as_bytes();
            let (lead, rest) = (letter[0], &letter[1..]);
            let below_lead = match below_leads.iter().find(|(walked, _)| *walked == lead) {
                Some(&(_, below)) => below,
                None => {
                    let below = walk(fst, node, output, &[lead]);
                    below_leads.push((lead, below));
                    below
                }
            };
            let Some((node, output)) =
                below_lead.and_then(|(node, output)| walk(fst, node, output, rest))
            else {
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
        self.common.iter().map(|(word, value)| {
            let word = std::str::from_utf8(word).expect("the common words are UTF-8");
            (word, Entry(value))
        })
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
    use super::super::word_tables;
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
            .common_words()
            .map(|(_, e)| e.zipf())
            .fold(9.0, f32::min);
        assert!((rarest - COMMON_MIN_ZIPF).abs() < 0.005, "{rarest}");
        for (word, entry) in lexicon.common_words() {
            assert_eq!(lexicon.map.get(word).map(Entry), Some(entry), "{word}");
            assert_eq!(lexicon.common.get(word.as_bytes()).map(Entry), Some(entry));
        }
        assert_eq!(lexicon.common.get(b"meanbwhile"), None);
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
                word_tables::key(word.as_bytes()),
                Some(u128::from_le_bytes(expected))
            );
        }
        assert_eq!(word_tables::key(b""), None);
        assert_eq!(word_tables::key(b"abcdefghijklmn"), None);
        assert_eq!(word_tables::key("caf\u{e9}".as_bytes()), None);
        assert_eq!(word_tables::key("ab\u{e9}cdefghij".as_bytes()), None);
    }

    /// The tables `build.rs` packed hold every short common word with its entry, the
    /// most frequent in the hot table, and tell absent and unheld words apart.
    #[test]
    fn short_words_agree_with_the_common_words() {
        let lexicon = Lexicon::embedded();
        let short = &lexicon.short;
        let mut held = 0;
        for (word, entry) in lexicon.common_words() {
            let answer = short.get(word.as_bytes());
            assert_eq!(short.get_likely_absent(word.as_bytes()), answer, "{word}");
            match answer {
                ShortAnswer::Found(found) => {
                    assert_eq!(Entry(found), entry, "{word}");
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
        assert!(held * 5 / 2 <= short.slot_count(), "the table is too full");
        // The hot table holds the most frequent words, and they agree too.
        let hot: Vec<(Vec<u8>, u64)> = short.hot_words().collect();
        assert!(hot.len() > ShortWords::HOT_SLOTS / 3 && hot.len() <= ShortWords::HOT_SLOTS / 2);
        let least_hot = hot
            .iter()
            .map(|(_, value)| Entry(*value).zipf())
            .fold(9.0, f32::min);
        for (word, value) in &hot {
            assert_eq!(Some(*value), lexicon.common.get(word));
        }
        let hot_count = lexicon
            .common_words()
            .filter(|(word, entry)| {
                entry.zipf() >= least_hot && word_tables::key(word.as_bytes()).is_some()
            })
            .count();
        assert_eq!(
            hot_count,
            hot.len(),
            "the hot table holds every word as frequent"
        );
        assert!(hot.iter().any(|(word, _)| word == b"the"));
        assert_eq!(
            short.get(b"the"),
            ShortAnswer::Found(lexicon.common.get(b"the").unwrap())
        );
        assert_eq!(short.get(b"meanbwhile"), ShortAnswer::Absent);
        for absent in ["meanbwhile", "journalistt", "zqxw", "thee", "teh"] {
            let answer = short.get(absent.as_bytes());
            assert_eq!(
                short.get_likely_absent(absent.as_bytes()),
                answer,
                "{absent}"
            );
        }
        assert_eq!(short.get(b"internationalisation"), ShortAnswer::NotHeld);
        assert_eq!(short.get("erdoğan".as_bytes()), ShortAnswer::NotHeld);
        assert_eq!(ShortWords::empty().get(b"the"), ShortAnswer::NotHeld);
        assert!(ShortWords::from_bytes(&EMBEDDED_SHORT_WORDS[..100]).is_none());
        // Rare words and long words still come from the fst.
        assert!(lexicon.lookup("muhajireen").is_some());
        assert!(lexicon.lookup("internationalisation").is_some());
    }

    /// The embedded tables are what packing the embedded common words gives now: a
    /// change to the packing or to `data/common_words.bin` reaches the binary.
    #[test]
    fn packed_short_words_are_the_embedded_ones() {
        let common = CommonWords::new(EMBEDDED_COMMON_WORDS).unwrap();
        assert!(word_tables::pack_short_words(&common) == EMBEDDED_SHORT_WORDS);
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

    /// The shared walk finds exactly what looking up every joined word finds.
    #[test]
    fn joined_entries_are_the_joined_words_the_lexicon_has() {
        let lexicon = Lexicon::embedded();
        let middles = [
            'ğ', 'ş', 'ç', 'ı', 'ö', 'ü', 'é', 'è', 'ñ', 'ł', 'ś', 'ß', 'æ', 'ő', 'a',
        ];
        let pairs = [
            ("erdo", "an"),
            ("z", "rich"),
            ("m", "laga"),
            ("ch", "vez"),
            ("mart", "nez"),
            ("j", "rgen"),
            ("caf", ""),
            ("k", "ln"),
            ("gda", "sk"),
            ("stra", "e"),
            ("t", "rk"),
        ];
        let mut found = 0;
        for (head, tail) in pairs {
            let expected: Vec<(char, Entry)> = middles
                .iter()
                .filter_map(|&m| lexicon.lookup(&format!("{head}{m}{tail}")).map(|e| (m, e)))
                .collect();
            assert_eq!(
                lexicon.joined_entries(head, &middles, tail),
                expected,
                "{head} {tail}"
            );
            found += expected.len();
        }
        assert!(
            found >= 5,
            "only {found} joined words: the test checks too little"
        );
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
