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

use std::borrow::Cow;
use std::sync::OnceLock;

const EMBEDDED_FST: &[u8] = include_bytes!("../../../data/lexicon.fst");

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
        EMBEDDED.get_or_init(|| Lexicon {
            map: fst::Map::new(Cow::Borrowed(EMBEDDED_FST))
                .expect("data/lexicon.fst is a valid fst map (rebuild it with tools/lexicon)"),
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
            return self.map.get(word).map(Entry);
        }
        self.map.get(normalise(word).as_bytes()).map(Entry)
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
        assert!(ready.as_millis() < 20, "lexicon took {ready:?} to open");
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
