//! Lost letters: a non-ASCII letter the copy turned into a space, as in `Erdo an` →
//! `Erdoğan`.
//!
//! Two adjacent tokens are joined when the left one is not a real word (only a fragment:
//! `Erdo`, or a capital letter or two that is no word: `Z rich`, `Ch vez`) or the right
//! one is a fragment after a capitalised word (`Mart nez`), no punctuation separates
//! them, and putting exactly one of the letters below in place of the space gives a
//! word the lexicon knows with some frequency (wordfreq
//! lists names with diacritics: `erdoğan`). The capitals of the two parts are kept; the
//! restored letter is a capital only inside a word in capitals.

use super::glue::TWO_LETTER_WORDS;
use super::lexicon::{Entry, Lexicon};
use super::token::Token;
use super::vocabulary::Vocabulary;
use super::Verdict;

/// Letters that copying commonly loses: Turkish, Western and Central European, Nordic.
const LOST_LETTERS: &[char] = &[
    'ğ', 'ş', 'ç', 'ı', 'ö', 'ü', 'é', 'è', 'ê', 'ë', 'á', 'à', 'â', 'ä', 'å', 'ã', 'í', 'ì', 'î',
    'ï', 'ó', 'ò', 'ô', 'õ', 'ø', 'ú', 'ù', 'û', 'ñ', 'ł', 'ś', 'ź', 'ż', 'ć', 'ń', 'č', 'š', 'ž',
    'ř', 'ý', 'ß', 'æ', 'œ', 'đ', 'ă', 'ș', 'ț', 'ě', 'ů', 'ő', 'ű',
];

/// The joined word must be at least this frequent.
const MIN_JOINED_ZIPF: f32 = 2.0;
/// ... or this, for a capitalised head that is no word: a place or a person the
/// frequency list holds rarely (`Gdańsk`, 1.8) is still far likelier than a fragment.
const MIN_JOINED_NAME_ZIPF: f32 = 1.5;
/// ... or this, when neither part is a word (`Siobh n`, 1.3): two fragments side by side
/// are no text at all, so a rarely seen name that joins them is the likeliest reading.
const MIN_JOINED_FRAGMENTS_ZIPF: f32 = 1.0;
/// When two letters both fit, the better must be this many powers of ten more frequent.
const AMBIGUITY_MARGIN: f32 = 1.0;
const CONFIDENCE: f32 = 0.8;

/// The [`LOST_LETTERS`] that, put between `head` and `tail` (lower case), make a word
/// `lexicon` lists at least `min_zipf` often, with that word's Zipf, most frequent first.
/// The names pass asks it too, of a name no list of names holds (`Siobh n`).
pub(crate) fn letters_in_the_gap(
    lexicon: &Lexicon,
    head: &str,
    tail: &str,
    min_zipf: f32,
) -> Vec<(char, f32)> {
    let mut fits: Vec<(char, f32)> = lexicon
        .joined_entries(head, LOST_LETTERS, tail)
        .into_iter()
        .map(|(letter, entry)| (letter, entry.zipf()))
        .filter(|&(_, zipf)| zipf >= min_zipf)
        .collect();
    fits.sort_by(|a, b| b.1.total_cmp(&a.1));
    fits
}

/// Decides whether `left` and `right` (adjacent tokens) are one word with a lost letter;
/// `left_entry` is the lexicon's entry for `left`'s core. A `Replace` verdict replaces
/// the text from `left`'s core to `right`'s core.
pub(crate) fn join_lost_letter(
    left: &Token,
    left_entry: Option<Entry>,
    right: &Token,
    vocabulary: &Vocabulary,
) -> Verdict {
    if !left.core_is_last() || !right.core_is_first() {
        return Verdict::Keep;
    }
    let (head, tail) = (left.core, right.core);
    // A possessive stays on the restored word (`Krak w’s` → `Kraków’s`).
    let (tail, possessive) = match tail.strip_suffix("’s").or_else(|| tail.strip_suffix("'s")) {
        Some(stem) if !stem.is_empty() => (stem, &right.core[stem.len()..]),
        _ => (tail, ""),
    };
    let head_is_word = vocabulary.is_real_word_given(head, left_entry);
    if head_is_word && head.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        // The usual pair of words: only a capitalised head could still be the start of
        // a name (`Z rich`, `Mart nez`), so nothing below could join these.
        return Verdict::Keep;
    }
    let letters_only = |s: &str| {
        !s.is_empty()
            && (s.bytes().all(|b| b.is_ascii_alphabetic()) || s.chars().all(char::is_alphabetic))
    };
    if !letters_only(head) || !letters_only(tail) {
        return Verdict::Keep;
    }
    if head_is_word
        && !is_short_name_start(head)
        && !is_name_before_fragment(head, tail, vocabulary)
    {
        return Verdict::Keep;
    }
    // The two parts read as one word: lower-case tail after a lower-case or capitalised
    // head (`Erdo an`), or both in capitals (`ERDO AN`); `TTP and` is two words.
    let shouting = is_all_caps(head) && is_all_caps(tail);
    let head_reads_as_word_start = !head.chars().skip(1).any(char::is_uppercase);
    let tail_is_lower = !tail.chars().any(char::is_uppercase);
    if !(shouting || (head_reads_as_word_start && tail_is_lower)) {
        return Verdict::Keep;
    }
    let (head_key, tail_key) = (head.to_lowercase(), tail.to_lowercase());
    let capitalised_head = head.chars().next().is_some_and(char::is_uppercase) && !shouting;
    let min_zipf =
        if capitalised_head && !head_is_word && (tail.len() == 1 || !vocabulary.is_real_word(tail))
        {
            MIN_JOINED_FRAGMENTS_ZIPF
        } else if capitalised_head {
            MIN_JOINED_NAME_ZIPF
        } else {
            MIN_JOINED_ZIPF
        };
    let fits: Vec<(String, f32)> =
        letters_in_the_gap(vocabulary.lexicon, &head_key, &tail_key, min_zipf)
            .into_iter()
            .map(|(letter, zipf)| {
                let letter = if shouting { upper(letter) } else { letter };
                (format!("{head}{letter}{tail}{possessive}"), zipf)
            })
            .collect();
    let before = format!("{head} {tail}");
    match fits.as_slice() {
        [] => Verdict::Keep,
        [(best, best_zipf), rest @ ..]
            if rest
                .first()
                .is_none_or(|(_, second)| best_zipf - second >= AMBIGUITY_MARGIN) =>
        {
            Verdict::Replace {
                with: best.clone(),
                reason: format!(
                    "`{head}` is not a word; `{best}` has a letter the copy turned into a space"
                ),
                confidence: CONFIDENCE,
            }
        }
        several => Verdict::Report {
            reason: format!(
                "`{before}` may be one word with a lost letter: {}",
                several
                    .iter()
                    .map(|(w, _)| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

/// A rare lower-case word (`own_zipf`: wordfreq has seen it, no dictionary lists it)
/// that is a common word short of its last letter, lost with no space left to see
/// (`caf` for café, `clich` for cliché): replaced when exactly one letter of
/// [`LOST_LETTERS`] at its end makes a word at least [`MIN_LAST_LETTER_ZIPF`] frequent and
/// [`LAST_LETTER_GAIN`] more frequent than the copy.
pub(crate) fn restore_last_letter(word: &str, own_zipf: f32, vocabulary: &Vocabulary) -> Verdict {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Verdict::Keep;
    }
    let min_zipf = MIN_LAST_LETTER_ZIPF.max(own_zipf + LAST_LETTER_GAIN);
    let mut fits: Vec<(char, f32)> = vocabulary
        .lexicon
        .joined_entries(word, LOST_LETTERS, "")
        .into_iter()
        .filter(|(_, entry)| entry.zipf() >= min_zipf)
        .map(|(letter, entry)| (letter, entry.zipf()))
        .collect();
    fits.sort_by(|a, b| b.1.total_cmp(&a.1));
    match fits.as_slice() {
        [(letter, best), rest @ ..]
            if rest
                .first()
                .is_none_or(|(_, second)| best - second >= AMBIGUITY_MARGIN) =>
        {
            let with = format!("{word}{letter}");
            Verdict::Replace {
                reason: format!(
                    "`{word}` is rare; `{with}` is a common word that lost its last letter"
                ),
                with,
                confidence: CONFIDENCE,
            }
        }
        _ => Verdict::Keep,
    }
}

/// How frequent a word restored by its last letter must be ...
const MIN_LAST_LETTER_ZIPF: f32 = 3.0;
/// ... and how many powers of ten more frequent than the copy.
const LAST_LETTER_GAIN: f32 = 0.5;

/// A capital letter or two that is no word on its own (`Z` of `Z rich`, `Ch` of
/// `Ch vez`, `M` of `M laga`): every one- and two-letter string is in the lexicon, so a
/// head this short is judged by this instead. `A`, `I` and the two-letter words (`In`,
/// `As`) open sentences and keep their space.
fn is_short_name_start(head: &str) -> bool {
    if head.len() > 8 || head.as_bytes()[0].is_ascii_lowercase() {
        return false; // more than two characters, or no capital
    }
    let mut chars = head.chars();
    let starts_capital = chars.next().is_some_and(char::is_uppercase);
    let rest_lower = chars.all(char::is_lowercase);
    let length = head.chars().count();
    starts_capital
        && rest_lower
        && length <= 2
        && !matches!(head, "A" | "I")
        && !TWO_LETTER_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(head))
}

/// A capitalised head that is a word by itself followed by a lower-case tail that is no
/// word (`Mart nez`: `Mart` is a word, `nez` is not): the tail is the fragment.
fn is_name_before_fragment(head: &str, tail: &str, vocabulary: &Vocabulary) -> bool {
    let mut chars = head.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    capitalised && tail.chars().all(char::is_lowercase) && !vocabulary.is_real_word(tail)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().count() > 1 && s.chars().all(char::is_uppercase)
}

/// The capital of a lower-case letter (`ß` and `ı` have no single-letter capital of their
/// own and stay as they are).
fn upper(letter: char) -> char {
    let mut capitals = letter.to_uppercase();
    match (capitals.next(), capitals.next()) {
        (Some(capital), None) if letter != 'ı' => capital,
        _ => letter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::lexicon::Lexicon;
    use crate::clean::words::token::tokenize;
    use crate::clean::words::WordContext;

    fn join(text: &str) -> Verdict {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        let tokens = tokenize(text);
        let left_entry = vocabulary.entry(tokens[0].core);
        join_lost_letter(&tokens[0], left_entry, &tokens[1], &vocabulary)
    }

    fn joined(text: &str) -> String {
        match join(text) {
            Verdict::Replace { with, .. } => with,
            other => panic!("{text}: expected a join, got {other:?}"),
        }
    }

    #[test]
    fn a_rare_word_short_of_a_last_letter_is_the_common_one() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        let restored = |word: &str| match restore_last_letter(word, 2.9, &vocabulary) {
            Verdict::Replace { with, .. } => with,
            _ => word.to_string(),
        };
        assert_eq!(restored("caf"), "café");
        // Nothing common ends so: the copy stays.
        assert_eq!(restored("qzx"), "qzx");
    }

    #[test]
    fn lost_letter_is_restored_keeping_capitals() {
        assert_eq!(joined("Erdo an…"), "Erdoğan");
        assert_eq!(joined("erdo an"), "erdoğan");
        assert_eq!(joined("ERDO AN"), "ERDOĞAN");
        // A place the frequency list holds rarely (Zipf 1.8) after a capitalised head.
        assert_eq!(joined("Gda sk"), "Gdańsk");
        assert_eq!(joined("Krak w’s"), "Kraków’s");
    }

    #[test]
    fn lost_letter_after_a_one_or_two_letter_head_is_restored() {
        assert_eq!(joined("Z rich"), "Zürich");
        assert_eq!(joined("M laga"), "Málaga");
        assert_eq!(joined("Ch vez"), "Chávez");
    }

    #[test]
    fn lost_letter_after_a_head_that_is_a_word_before_a_fragment_is_restored() {
        assert_eq!(joined("Mart nez"), "Martínez");
        // Both halves words: two words.
        assert!(!matches!(join("Mart now"), Verdict::Replace { .. }));
    }

    #[test]
    fn two_restorations_of_a_lost_letter_are_reported() {
        // Jürgen and Jørgen are both names.
        assert!(matches!(join("J rgen"), Verdict::Report { .. }));
    }

    #[test]
    fn one_and_two_letter_words_keep_their_space() {
        for text in ["A rich", "I an", "In ter", "As ia", "a rich", "z rich"] {
            assert!(!matches!(join(text), Verdict::Replace { .. }), "{text}");
        }
    }

    #[test]
    fn real_words_and_punctuation_keep_their_space() {
        for text in [
            "Syed said",
            "an apple",
            "Erdo, an",
            "Erdo (an",
            "Azaz Syed",
            "Kabul and",
            "Tehreek-i-Taliban Pakistan",
            "Erdo An",
            "TTP and",
            "ErDo an",
        ] {
            assert!(!matches!(join(text), Verdict::Replace { .. }), "{text}");
        }
    }
}
