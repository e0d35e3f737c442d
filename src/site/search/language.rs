//! How the search index reads words, per site language: the same steps the browser takes
//! with the query, so that a query finds what the index holds.
//!
//! Every language is tokenised alike ([`WORD`]): the text in NFC, lower-cased, then each
//! run of letters, combining marks and digits is a token. Everything else separates words:
//! spaces, hyphens, apostrophes (French elision: `l'État` is `l` and `état`), and the
//! punctuation of any script (Urdu's `،` and `۔`). The theme's `search.js` tokenises the
//! query with the same character class.
//!
//! Then the language's pipeline, named in the index so that elasticlunr.js runs the same
//! one on the query:
//!
//! | language | pipeline | in the browser |
//! |---|---|---|
//! | English (`en`) | `stopWordFilter`, `stemmer` (Porter) | elasticlunr.js's own |
//! | French, German, Spanish (`fr`, `de`, `es`) | `stopWordFilter-fr`, `stemmer-fr` (Snowball) | lunr-languages' `lunr.fr.min.js` |
//! | any other (Urdu, Arabic…) | none: tokens kept whole | nothing to load |
//!
//! The Snowball stemmers are rust-stemmers' (through elasticlunr-rs's language features)
//! and the stop words lunr-languages' lists (elasticlunr-rs copied them); in the browser
//! both come from lunr-languages, whose stemmers are generated from the same Snowball
//! algorithms. A test holds the two to the same stems on a word list the JavaScript
//! stemmers made (`tests/fixtures/search/stems.tsv`). Stemmers and stop words only touch
//! words of their own alphabet, so an Urdu word in a French site's index is kept whole.
//!
//! The tokenisers' trimmers (`trimmer`, `trimmer-fr`) are left out of every pipeline:
//! tokens hold only letters, marks and digits already, and elasticlunr.js's `trimmer`,
//! ASCII-only, would strip an Urdu query to nothing.

use elasticlunr::lang::{English, French, German, Spanish};
use elasticlunr::{Language, Pipeline};
use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::site::translations::primary_subtag;

/// A word: a run of letters, combining marks and digits, with the joiners that some
/// scripts (Urdu, Persian) write inside a word. Written so that Rust's `regex` and
/// JavaScript's `RegExp` (with the `u` flag) read it alike; `search.js` holds the same text.
pub const WORD: &str = r"[\p{L}\p{M}\p{N}\u200C\u200D]+";

/// The language whose stemmer and stop words the search index uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchLanguage {
    English,
    French,
    German,
    Spanish,
    /// A language without a stemmer here (Urdu, Arabic, and any other): words are kept
    /// whole, and no other language's stop words are dropped.
    Unstemmed,
}

impl SearchLanguage {
    /// Calls `each` with the words [`Language::tokenize`] lists for `text`, in order.
    pub fn for_each_word(&self, text: &str, each: impl FnMut(&str)) {
        for_each_word(text, each);
    }

    /// The search language of a BCP 47 tag (`fr-CA` is French).
    pub fn for_tag(tag: &str) -> SearchLanguage {
        match primary_subtag(tag).as_str() {
            "en" => SearchLanguage::English,
            "fr" => SearchLanguage::French,
            "de" => SearchLanguage::German,
            "es" => SearchLanguage::Spanish,
            _ => SearchLanguage::Unstemmed,
        }
    }

    /// The lunr-languages code whose script registers this language's pipeline in the
    /// browser (`lunr.fr.min.js`), when elasticlunr.js has none of its own.
    pub fn browser_stemmer(self) -> Option<&'static str> {
        match self {
            SearchLanguage::French => Some("fr"),
            SearchLanguage::German => Some("de"),
            SearchLanguage::Spanish => Some("es"),
            SearchLanguage::English | SearchLanguage::Unstemmed => None,
        }
    }

    /// The elasticlunr language whose stop words and stemmer this one runs.
    fn elasticlunr(self) -> Option<Box<dyn Language>> {
        match self {
            SearchLanguage::English => Some(Box::new(English::new())),
            SearchLanguage::French => Some(Box::new(French::new())),
            SearchLanguage::German => Some(Box::new(German::new())),
            SearchLanguage::Spanish => Some(Box::new(Spanish::new())),
            SearchLanguage::Unstemmed => None,
        }
    }
}

impl Language for SearchLanguage {
    fn name(&self) -> String {
        match self.elasticlunr() {
            Some(language) => language.name(),
            None => "Unstemmed".into(),
        }
    }

    fn code(&self) -> String {
        match self.elasticlunr() {
            Some(language) => language.code(),
            // BCP 47's "undetermined": the tokens say nothing of their language.
            None => "und".into(),
        }
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        tokens(text)
    }

    /// elasticlunr's pipeline of the language without its trimmer (see the module docs).
    fn make_pipeline(&self) -> Pipeline {
        let mut pipeline = match self.elasticlunr() {
            Some(language) => language.make_pipeline(),
            None => Pipeline { queue: Vec::new() },
        };
        pipeline
            .queue
            .retain(|step| !step.name().starts_with("trimmer"));
        pipeline
    }
}

/// The words of `text` (see [`WORD`]): NFC, lower-cased, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for_each_word(text, |word| tokens.push(word.to_string()));
    tokens
}

/// Calls `each` with the words of `text`, as [`tokens`] lists them, without making a
/// `String` of each: the maximal runs of characters [`WORD`]'s class holds, each ASCII
/// character judged by itself and any other by the class (remembered for the call, so
/// that text in another script asks the class once per letter it uses).
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let lower = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfc().collect::<String>().to_lowercase(),
    };
    let mut classes = ClassMemo::default();
    let mut start = None;
    for (at, c) in lower.char_indices() {
        match (classes.is_word_character(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                each(&lower[from..at]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        each(&lower[from..]);
    }
}

/// Whether [`WORD`] holds a character, remembered for the last non-ASCII characters.
struct ClassMemo {
    /// By the character's code modulo the length; `'\0'` (ASCII, never asked) is empty.
    slots: [(char, bool); 256],
}

impl Default for ClassMemo {
    fn default() -> ClassMemo {
        ClassMemo {
            slots: [('\0', false); 256],
        }
    }
}

impl ClassMemo {
    fn is_word_character(&mut self, c: char) -> bool {
        if c.is_ascii() {
            return is_word_character(c);
        }
        let slot = &mut self.slots[c as usize % 256];
        if slot.0 != c {
            *slot = (c, is_word_character(c));
        }
        slot.1
    }
}

/// Whether [`WORD`] holds `c`: an ASCII letter or digit, or another character of its class.
fn is_word_character(c: char) -> bool {
    static CLASS: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        let class = WORD.strip_suffix('+').expect("WORD is a class repeated");
        Regex::new(&format!("^{class}$")).expect("a valid pattern")
    });
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    CLASS.is_match(c.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index terms of `text` in `language`: tokens through its pipeline.
    fn terms(language: SearchLanguage, text: &str) -> Vec<String> {
        language.make_pipeline().run(language.tokenize(text))
    }

    #[test]
    fn a_tag_picks_its_language_by_the_primary_subtag() {
        assert_eq!(SearchLanguage::for_tag("en-GB"), SearchLanguage::English);
        assert_eq!(SearchLanguage::for_tag("fr_CA"), SearchLanguage::French);
        assert_eq!(SearchLanguage::for_tag("DE"), SearchLanguage::German);
        assert_eq!(SearchLanguage::for_tag("es-419"), SearchLanguage::Spanish);
        for tag in ["ur", "ar", "it", "", "x"] {
            assert_eq!(
                SearchLanguage::for_tag(tag),
                SearchLanguage::Unstemmed,
                "{tag}"
            );
        }
    }

    #[test]
    fn the_word_scan_finds_what_the_word_pattern_finds() {
        let pattern = Regex::new(WORD).unwrap();
        let texts = [
            "L'État, vu d’ici — x-ray 9–4 «Maisons» U.S. _under_score_ a\u{200c}b\u{200d}c",
            "کراچی، فیری۔ می\u{200c}خواهم ١٢٣ ½ Ⅻ x²",
            "Zürich’s 3rd-biggest Café\u{301} 東京都 Ελλάδα — ǅemal\tİstanbul",
            "  ",
            "",
        ];
        for text in texts {
            let lower = text.nfc().collect::<String>().to_lowercase();
            let want: Vec<&str> = pattern.find_iter(&lower).map(|m| m.as_str()).collect();
            assert_eq!(tokens(text), want, "{text}");
        }
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(is_word_character(c), pattern.is_match(&text), "{c:?}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_marks_and_digits_in_any_script() {
        assert_eq!(
            tokens("L'État, vu d’ici — x-ray 9–4 «Maisons» U.S."),
            ["l", "état", "vu", "d", "ici", "x", "ray", "9", "4", "maisons", "u", "s"]
        );
        // Urdu: the comma ، and full stop ۔ separate; a word with a zero-width non-joiner
        // inside stays one word.
        assert_eq!(
            tokens("کراچی، فیری۔ می\u{200c}خواهم"),
            ["کراچی", "فیری", "می\u{200c}خواهم"]
        );
        // A decomposed accent is composed, as the browser composes the query.
        assert_eq!(tokens("Cafe\u{301}"), ["café"]);
    }

    #[test]
    fn each_language_stems_its_own_words() {
        assert_eq!(terms(SearchLanguage::English, "the ferries"), ["ferri"]);
        assert_eq!(
            terms(SearchLanguage::French, "les maisons de la maison"),
            ["maison", "maison"]
        );
        assert_eq!(
            terms(SearchLanguage::German, "die Häuser und Brücken"),
            ["haus", "bruck"]
        );
        assert_eq!(
            terms(SearchLanguage::Spanish, "las ciudades y los puentes"),
            ["ciudad", "puent"]
        );
    }

    #[test]
    fn french_is_not_stemmed_as_english() {
        // Snowball French knows French plurals; Porter does not.
        assert_eq!(
            terms(SearchLanguage::French, "chevaux heureuses"),
            ["cheval", "heureux"]
        );
        assert_eq!(
            terms(SearchLanguage::English, "chevaux heureuses"),
            ["chevaux", "heureus"]
        );
        // English stop words are French words here (`on`, `a`), and so kept.
        assert_eq!(terms(SearchLanguage::French, "a"), ["a"]);
        assert!(terms(SearchLanguage::English, "a").is_empty());
    }

    #[test]
    fn words_without_a_stemmer_are_kept_whole() {
        let urdu = "کشتیوں کے کرایوں میں اضافہ";
        let whole = ["کشتیوں", "کے", "کرایوں", "میں", "اضافہ"];
        assert_eq!(terms(SearchLanguage::Unstemmed, urdu), whole);
        // Nor does another language's pipeline touch them.
        for language in [
            SearchLanguage::English,
            SearchLanguage::French,
            SearchLanguage::German,
            SearchLanguage::Spanish,
        ] {
            assert_eq!(terms(language, urdu), whole, "{language:?}");
        }
        // English words in an unstemmed index: no English stemming, no English stop words.
        assert_eq!(
            terms(SearchLanguage::Unstemmed, "The ferries"),
            ["the", "ferries"]
        );
    }

    #[test]
    fn pipelines_are_named_as_the_browser_registers_them() {
        let names = |language: SearchLanguage| -> Vec<String> {
            language
                .make_pipeline()
                .queue
                .iter()
                .map(|step| step.name())
                .collect()
        };
        assert_eq!(
            names(SearchLanguage::English),
            ["stopWordFilter", "stemmer"]
        );
        assert_eq!(
            names(SearchLanguage::French),
            ["stopWordFilter-fr", "stemmer-fr"]
        );
        assert_eq!(
            names(SearchLanguage::German),
            ["stopWordFilter-de", "stemmer-de"]
        );
        assert_eq!(
            names(SearchLanguage::Spanish),
            ["stopWordFilter-es", "stemmer-es"]
        );
        assert!(names(SearchLanguage::Unstemmed).is_empty());
    }

    #[test]
    fn stems_as_the_browser_stems() {
        // What lunr-languages' scripts, which the search page loads, made of each word.
        let fixture = include_str!("../../../tests/fixtures/search/stems.tsv");
        let mut checked = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, word, browser] = fields[..] else {
                panic!("not language, word, term: {line:?}");
            };
            let language = SearchLanguage::for_tag(code);
            let term = language.make_pipeline().run(vec![word.to_string()]);
            assert_eq!(
                term.first().map_or("", String::as_str),
                browser,
                "{code} {word}"
            );
            checked += 1;
        }
        assert!(checked > 500, "{checked} words");
    }

    #[test]
    fn the_browser_tokenises_with_the_same_pattern() {
        let script = include_str!("../../../themes/default/static/search.js");
        assert!(script.contains(&format!("/{WORD}/gu")), "search.js: {WORD}");
    }
}
