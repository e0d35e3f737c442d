//! The questions the word passes ask about a word, answered from the embedded
//! [`Lexicon`] together with the site's own words ([`WordContext::known_words`]).
//!
//! Three levels of "knowing" a word, from loosest to strictest:
//!
//! * [`Vocabulary::standing`]: whether a token may be changed at all. Anything the
//!   site lists, any dictionary or frequent word and any capitalised word wordfreq has
//!   seen is known and never changed; a rare lower-case word only wordfreq lists (its web
//!   text holds misspellings and glued pairs) is unverified.
//! * [`Vocabulary::is_real_word`]: a dictionary word or a reasonably frequent one; a
//!   token that is not real may be a fragment (the left half of `Erdo an`).
//! * [`Vocabulary::ordinary_word_zipf_given`]: an ordinary lower-case dictionary word, the
//!   only kind a repair may produce (a piece of a glued word, a typo's correction).

use std::cell::{Cell, OnceCell};
use std::collections::{HashMap, HashSet};

use super::lexicon::{Entry, Lexicon};
use super::token::{is_dash_or_bullet, word_case, WordCase};
use super::WordContext;

/// Zipf frequency credited to a word only the site's dictionary or articles know.
pub(crate) const SITE_WORD_ZIPF: f32 = 3.0;

/// Below this Zipf frequency a word that no dictionary lists is not taken as a real word.
const REAL_WORD_MIN_ZIPF: f32 = 3.0;

/// Below this Zipf frequency a lower-case word that only wordfreq lists is unverified.
const UNVERIFIED_MAX_ZIPF: f32 = 3.5;

/// A lower-case word with this lexicon entry is settled: known, so never changed
/// ([`Vocabulary::standing_given`]), and real, so never a fragment
/// ([`Vocabulary::is_real_word_given`]). Word passes skip such a word outright.
pub(crate) fn settles_lower_case_word(entry: Option<Entry>) -> bool {
    entry.is_some_and(|entry| entry.in_dictionary() || entry.zipf() >= UNVERIFIED_MAX_ZIPF)
}

/// How far a token is trusted as it stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Standing {
    /// A dictionary word, a frequent word, a site word, or any capitalised word wordfreq
    /// lists: never changed.
    Known,
    /// A lower-case word that no dictionary lists and wordfreq has seen only rarely, with
    /// this Zipf frequency: wordfreq's web text holds common misspellings (`goverment`)
    /// and glued pairs (`ofthe`), so a repair may replace it, but only when the repair is
    /// far more likely than the word itself.
    Unverified(f32),
    /// No list knows it.
    Unknown,
}

/// The lexicon and the site's words, consulted together, and the article at hand.
#[derive(Clone, Copy)]
pub(crate) struct Vocabulary<'a> {
    pub lexicon: &'a Lexicon,
    pub context: &'a WordContext,
    /// The article being repaired (none when not known).
    pub document: Option<&'a ArticleText<'a>>,
}

/// The paragraphs of an article, asked which words it prints on their own, and which
/// more than once (`Vocabulary::document_uses`, `Vocabulary::document_repeats`).
///
/// A question is a search of the whole article, so an article that asks very many (a
/// page of glued capitals) would cost the square of its length: after
/// `SEARCHES_BEFORE_INDEX` searches, the words that stand alone in it (its maximal runs
/// of letters and digits) are collected once, and a question about a word of letters and
/// digits, the usual kind, is one look-up with the same answer. Other words are still
/// searched, at most `MAX_UNINDEXED_SEARCHES` of them; past that they count as unused.
#[derive(Debug)]
pub struct ArticleText<'a> {
    paragraphs: &'a [&'a str],
    searches: Cell<usize>,
    /// Owned, so that the article's lifetime stays covariant.
    standing_alone: OnceCell<HashMap<Box<str>, u8>>,
    /// Whether words lost their spaces all over the article (see
    /// [`Vocabulary::document_is_glued`]), once asked.
    glued: OnceCell<bool>,
    /// The words the article prints capitalised inside a sentence (see
    /// [`Vocabulary::document_names`]), collected once, when first asked.
    mid_sentence_capitals: OnceCell<HashSet<Box<str>>>,
    /// Questions [`ArticleText::capitalises_mid_sentence`] answered by searching.
    capital_searches: Cell<usize>,
}

/// An article counts as glued when at least this many of its tokens are clearly words
/// that lost their spaces, and one in every [`WORDS_PER_GLUED_TOKEN`] words at least:
/// an e-paper viewer's copy, where a lost space is likelier than any typing slip.
const GLUED_DOCUMENT_TOKENS: usize = 4;
const WORDS_PER_GLUED_TOKEN: usize = 250;
/// Glued tokens counted are lower-case, no list knows them and they are this long.
const MIN_GLUED_TOKEN_CHARS: usize = 8;

/// Whether the text before a token (`before`, up to its leading whitespace) leaves the
/// token opening a sentence: nothing before it in the paragraph, or a token that ends
/// one.
fn after_sentence(before: &str) -> bool {
    before
        .split_whitespace()
        .rev()
        .find(|token| !is_dash_or_bullet(token))
        .is_none_or(ends_a_sentence)
}

/// Whether `token` ends a sentence: a full stop, question or exclamation mark, colon or
/// ellipsis, before any closing quotes and brackets.
fn ends_a_sentence(token: &str) -> bool {
    token
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '!', '?', ':', '…'])
}

/// Questions [`ArticleText`] answers by searching before it indexes its words.
const SEARCHES_BEFORE_INDEX: usize = 8;

/// Questions about words the index cannot answer that are still searched, per article.
const MAX_UNINDEXED_SEARCHES: usize = 64;

impl<'a> ArticleText<'a> {
    pub fn new(paragraphs: &'a [&'a str]) -> ArticleText<'a> {
        ArticleText {
            paragraphs,
            searches: Cell::new(0),
            standing_alone: OnceCell::new(),
            glued: OnceCell::new(),
            mid_sentence_capitals: OnceCell::new(),
            capital_searches: Cell::new(0),
        }
    }

    /// Whether the article prints `word` capitalised inside a sentence: as a token of its
    /// own (punctuation aside) after a token that ends no sentence, not first in its
    /// paragraph. The first questions search the article for the word; after
    /// [`SEARCHES_BEFORE_INDEX`] of them, every such word is collected in one pass and
    /// each question is one look-up (linear however many are asked).
    fn capitalises_mid_sentence(&self, word: &str) -> bool {
        if let Some(words) = self.mid_sentence_capitals.get() {
            return words.contains(word);
        }
        let asked = self.capital_searches.get();
        let bytes = || self.paragraphs.iter().map(|p| p.len()).sum();
        if asked < SEARCHES_BEFORE_INDEX {
            self.capital_searches.set(asked + 1);
            crate::clean::work::read(bytes());
            return word.starts_with(char::is_uppercase)
                && self.paragraphs.iter().any(|paragraph| {
                    memchr::memmem::find_iter(paragraph.as_bytes(), word.as_bytes()).any(|at| {
                        let token_start = paragraph[..at]
                            .rfind(char::is_whitespace)
                            .map_or(0, |i| i + 1);
                        let token_end = paragraph[at..]
                            .find(char::is_whitespace)
                            .map_or(paragraph.len(), |i| at + i);
                        let token = &paragraph[token_start..token_end];
                        token.trim_matches(|c: char| !c.is_alphanumeric()) == word
                            && !after_sentence(&paragraph[..token_start])
                    })
                });
        }
        self.mid_sentence_capitals
            .get_or_init(|| {
                crate::clean::work::read(bytes());
                let mut words = HashSet::new();
                for paragraph in self.paragraphs {
                    let mut previous_ends = true;
                    for token in paragraph.split_whitespace() {
                        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                        if !previous_ends && word.starts_with(char::is_uppercase) {
                            words.insert(Box::from(word));
                        }
                        previous_ends =
                            previous_ends && is_dash_or_bullet(token) || ends_a_sentence(token);
                    }
                }
                words
            })
            .contains(word)
    }

    /// Whether many of the article's tokens are words glued together (see
    /// [`GLUED_DOCUMENT_TOKENS`]), judged with the site's `context`.
    fn is_glued(&self, context: &WordContext) -> bool {
        *self.glued.get_or_init(|| {
            let mut words = 0;
            let mut glued = 0;
            for token in self.paragraphs.iter().flat_map(|p| p.split_whitespace()) {
                words += 1;
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                let candidate = word.len() >= MIN_GLUED_TOKEN_CHARS
                    && word.bytes().all(|b| b.is_ascii_lowercase())
                    && !Lexicon::embedded().contains(word)
                    && !context.knows(word);
                if candidate && super::glue::clear_split_of_lower_case(word, context).is_some() {
                    glued += 1;
                }
            }
            glued >= GLUED_DOCUMENT_TOKENS && glued * WORDS_PER_GLUED_TOKEN >= words
        })
    }

    /// `word` (not empty) stands on its own somewhere in the article: no letter or digit
    /// touches it on either side.
    fn uses(&self, word: &str) -> bool {
        self.times(word) > 0
    }

    /// How many times `word` (not empty) stands on its own in the article, counted up to 2.
    fn times(&self, word: &str) -> usize {
        let searches = self.searches.get();
        let indexable = word.chars().all(char::is_alphanumeric);
        if searches >= SEARCHES_BEFORE_INDEX && indexable {
            return self
                .standing_alone()
                .get(word)
                .map_or(0, |&n| usize::from(n));
        }
        if searches >= SEARCHES_BEFORE_INDEX + MAX_UNINDEXED_SEARCHES {
            return 0;
        }
        self.searches.set(searches + 1);
        crate::clean::work::read(self.paragraphs.iter().map(|p| p.len()).sum());
        let stands_alone = |paragraph: &str, at: usize| {
            let before = paragraph[..at].chars().next_back();
            let after = paragraph[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        };
        self.paragraphs
            .iter()
            .flat_map(|paragraph| {
                memchr::memmem::find_iter(paragraph.as_bytes(), word.as_bytes())
                    .filter(move |&at| stands_alone(paragraph, at))
            })
            .take(2)
            .count()
    }

    /// Every maximal run of letters and digits of the article, with how many times it
    /// occurs (up to 2): for a word of letters and digits, its places that stand alone are
    /// exactly these.
    fn standing_alone(&self) -> &HashMap<Box<str>, u8> {
        self.standing_alone.get_or_init(|| {
            let paragraphs = self.paragraphs;
            crate::clean::work::read(paragraphs.iter().map(|p| p.len()).sum());
            let mut times: HashMap<Box<str>, u8> = HashMap::new();
            let runs = paragraphs
                .iter()
                .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
                .filter(|run| !run.is_empty());
            for run in runs {
                match times.get_mut(run) {
                    Some(n) => *n = 2,
                    None => {
                        times.insert(run.into(), 1);
                    }
                }
            }
            times
        })
    }
}

impl<'a> Vocabulary<'a> {
    pub fn new(lexicon: &'a Lexicon, context: &'a WordContext) -> Vocabulary<'a> {
        Vocabulary {
            lexicon,
            context,
            document: None,
        }
    }

    /// This vocabulary for repairing a paragraph of the article `document`.
    pub fn in_document(self, document: &'a ArticleText<'a>) -> Vocabulary<'a> {
        Vocabulary {
            document: Some(document),
            ..self
        }
    }

    /// `word` stands on its own somewhere in the article, not inside a longer word: an
    /// acronym the article prints by itself (`TNS asked…`) is one it uses, so it is a word
    /// when glued to another (`toldTNS`); of a slip's several fits, the one the article
    /// prints is the word meant.
    pub fn document_uses(&self, word: &str) -> bool {
        !word.is_empty() && self.document.is_some_and(|document| document.uses(word))
    }

    /// Whether the article lost spaces between its words all over (an e-paper viewer's
    /// copy): there a token that is a lost space or a typing slip is read as the former.
    pub fn document_is_glued(&self) -> bool {
        self.document
            .is_some_and(|document| document.is_glued(self.context))
    }

    /// Whether the article prints `word` capitalised inside a sentence, as names are
    /// printed: the same word opening a sentence is that name, not words that lost their
    /// space (`Ferrandis called…` after `…said Joaquín Ferrandis.`).
    pub fn document_names(&self, word: &str) -> bool {
        !word.is_empty()
            && self
                .document
                .is_some_and(|document| document.capitalises_mid_sentence(word))
    }

    /// Whether the article prints `word` on its own more than once (a CamelCase name the
    /// article repeats is a name, not words that lost their space).
    pub fn document_repeats(&self, word: &str) -> bool {
        !word.is_empty()
            && self
                .document
                .is_some_and(|document| document.times(word) > 1)
    }

    /// The lexicon's entry for `word`.
    pub fn entry(&self, word: &str) -> Option<Entry> {
        self.lexicon.lookup(word)
    }

    /// [`Self::entry`] for a word of lower-case ASCII letters only.
    pub fn entry_of_lower_case(&self, word: &str) -> Option<Entry> {
        self.lexicon.lookup_lower_case(word)
    }

    /// The site's dictionary or other articles use `word`.
    pub fn site_knows(&self, word: &str) -> bool {
        self.context.knows(word)
    }

    /// How far `word` is trusted as it stands (see [`Standing`]).
    #[cfg(test)] // the passes look the entry up once and use `standing_given`
    pub fn standing(&self, word: &str) -> Standing {
        self.standing_given(word, self.entry(word))
    }

    /// How far `word` is trusted as it stands, given the lexicon's entry for it.
    pub fn standing_given(&self, word: &str, entry: Option<Entry>) -> Standing {
        match entry {
            None if self.site_knows(word) => Standing::Known,
            None => Standing::Unknown,
            Some(entry) => {
                let rare_web_word = !entry.in_dictionary()
                    && !entry.in_larger_dictionary()
                    && entry.zipf() < UNVERIFIED_MAX_ZIPF;
                if rare_web_word && !word.chars().any(char::is_uppercase) && !self.site_knows(word)
                {
                    Standing::Unverified(entry.zipf())
                } else {
                    Standing::Known
                }
            }
        }
    }

    /// [`Self::standing_given`] of a word that starts a sentence: a capitalised rare web
    /// word (`Hewas`, `Sheis`) there is as little trusted as its lower-case spelling
    /// would be, because a sentence's capital says nothing of a name.
    pub fn standing_at_sentence_start(&self, word: &str, entry: Option<Entry>) -> Standing {
        let standing = self.standing_given(word, entry);
        let capitalised = word_case(word) == Some(WordCase::Capitalised);
        match entry {
            Some(entry)
                if standing == Standing::Known
                    && capitalised
                    && !entry.in_dictionary()
                    && entry.zipf() < UNVERIFIED_MAX_ZIPF
                    && !self.site_knows(word) =>
            {
                Standing::Unverified(entry.zipf())
            }
            _ => standing,
        }
    }

    /// `word` is a dictionary word, a frequent word, or a site word: not a fragment.
    pub fn is_real_word(&self, word: &str) -> bool {
        self.is_real_word_given(word, self.entry(word))
    }

    /// [`Self::is_real_word`] when the lexicon's entry for `word` is already at hand.
    pub fn is_real_word_given(&self, word: &str, entry: Option<Entry>) -> bool {
        let listed =
            entry.is_some_and(|entry| entry.in_dictionary() || entry.zipf() >= REAL_WORD_MIN_ZIPF);
        listed || self.site_knows(word)
    }

    /// The Zipf frequency of `word` (lower case) if it is an ordinary dictionary word at
    /// least `min_zipf` frequent, or a site word (counted as [`SITE_WORD_ZIPF`]) when
    /// that is enough. Cheap even for the many misspellings a typo search tries, which
    /// is why it takes bytes: the search's candidates are ASCII, never checked as UTF-8
    /// unless the site's words must be asked.
    pub fn frequent_ordinary_zipf(&self, word: &[u8], min_zipf: f32) -> Option<f32> {
        let listed = self
            .lexicon
            .frequent_entry(word, min_zipf)
            .filter(|entry| entry.is_ordinary_word())
            .map(Entry::zipf);
        listed.or_else(|| {
            let site_word = min_zipf <= SITE_WORD_ZIPF
                && !self.context.known_words.is_empty()
                && std::str::from_utf8(word).is_ok_and(|word| self.site_knows(word));
            site_word.then_some(SITE_WORD_ZIPF)
        })
    }

    /// The Zipf frequency of `word` (whose lexicon entry is `entry`) if it is an ordinary
    /// lower-case dictionary word (or a site word); `None` for names, unlisted words and
    /// unknown strings.
    pub fn ordinary_word_zipf_given(&self, word: &str, entry: Option<Entry>) -> Option<f32> {
        match entry {
            Some(entry) if entry.is_ordinary_word() => Some(entry.zipf()),
            _ if self.site_knows(word) => Some(SITE_WORD_ZIPF),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_sentence_capitals_are_read_alike_searched_and_collected() {
        let paragraphs = [
            "Ferrandis called. The mayor, said “Ortega” and (Lluís) on Monday.",
            "Talks end: Vidal left. Ask Mas? Then Puig.” Roca said so",
            "Costa and Roca met Ortegas",
            // A dash opening a sentence leaves the word after it the sentence's first;
            // one inside a sentence does not.
            "— Lewis spoke. Talks ended — Berg said",
        ];
        let words = [
            "Ferrandis",
            "Ortega",
            "Lluís",
            "Vidal",
            "Mas",
            "Puig",
            "Roca",
            "Costa",
            "Then",
            "Talks",
            "Ortegas",
            "The",
            "Lewis",
            "Berg",
        ];
        let searched = ArticleText::new(&paragraphs);
        let answers: Vec<bool> = words
            .iter()
            .map(|w| searched.capitalises_mid_sentence(w))
            .collect();
        // Past its searches, the same article answers from the words it collected.
        assert!(searched.mid_sentence_capitals.get().is_some());
        let collected: Vec<bool> = words
            .iter()
            .map(|w| searched.capitalises_mid_sentence(w))
            .collect();
        assert_eq!(answers, collected);
        assert_eq!(
            answers,
            [
                false, true, true, false, true, true, true, false, false, false, true, false,
                false, true
            ]
        );
    }

    #[test]
    fn site_words_count_as_known_and_real() {
        let mut context = WordContext::default();
        context.add_known_word("Mariaamkahn");
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        assert_eq!(vocabulary.standing("mariaamkahn"), Standing::Known);
        assert!(vocabulary.is_real_word("mariaamkahn"));
        assert_eq!(
            vocabulary.ordinary_word_zipf_given("mariaamkahn", None),
            Some(SITE_WORD_ZIPF)
        );
    }

    #[test]
    fn levels_of_knowing() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        // A rare fragment wordfreq happens to list: known, but not a real word.
        assert!(Lexicon::embedded().contains("erdo"));
        assert!(!vocabulary.is_real_word("erdo"));
        // A name: real, but not an ordinary word.
        assert!(vocabulary.is_real_word("Kandahar"));
        assert_eq!(
            vocabulary.ordinary_word_zipf_given("Kandahar", vocabulary.entry("Kandahar")),
            None
        );
        assert!(
            vocabulary
                .ordinary_word_zipf_given("journalist", vocabulary.entry("journalist"))
                .unwrap()
                > 3.0
        );
    }

    #[test]
    fn the_article_uses_a_word_only_where_it_stands_alone() {
        let context = WordContext::default();
        let document = ["The minister toldTNS so.", "Later TNS asked (ZQX) again."];
        let article = ArticleText::new(&document);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&article);
        // Each question twice over: searched first, then (past the first questions)
        // looked up in the index, with the same answers.
        for _ in 0..2 * SEARCHES_BEFORE_INDEX {
            assert!(vocabulary.document_uses("TNS") && vocabulary.document_uses("ZQX"));
            assert!(!vocabulary.document_uses("NS") && !vocabulary.document_uses("TN"));
            assert!(!vocabulary.document_uses("QQQ") && !vocabulary.document_uses(""));
            assert!(vocabulary.document_uses("ZQX)") && !vocabulary.document_uses("S so"));
        }
        assert!(article.standing_alone.get().is_some(), "the index was made");
        let document = ["TNS met TNS.", "Then ZQX left; ZQXW stayed."];
        let article = ArticleText::new(&document);
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context).in_document(&article);
        for _ in 0..2 * SEARCHES_BEFORE_INDEX {
            assert!(vocabulary.document_repeats("TNS") && !vocabulary.document_repeats("ZQX"));
            assert!(!vocabulary.document_repeats("QQQ") && vocabulary.document_uses("ZQXW"));
        }
        assert!(article.standing_alone.get().is_some(), "the index was made");
        let alone = Vocabulary::new(Lexicon::embedded(), &context);
        assert!(!alone.document_uses("TNS"));
    }

    #[test]
    fn standing_separates_rare_web_words_from_real_ones() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        assert_eq!(vocabulary.standing("journalist"), Standing::Known);
        assert_eq!(vocabulary.standing("meanbwhile"), Standing::Unknown);
        assert!(matches!(
            vocabulary.standing("goverment"),
            Standing::Unverified(_)
        ));
        // Capitalised, it may be a name: trusted.
        assert_eq!(vocabulary.standing("Yaqoob"), Standing::Known);
        assert_eq!(vocabulary.standing("Baradar"), Standing::Known);
    }
}
