//! Typos: a single keyboard slip in an ordinary word, as in `Meanbwhile` → `Meanwhile`.
//!
//! When neither a neighbouring-key slip nor a split explains an unknown lower-case token
//! of six letters or more, a letter added or replaced anywhere inside it is tried too
//! (`wrpiter` → `writer`), towards a word of Zipf 3.5 or more (`correct_far_slip`).
//!
//! A slip is one of: an extra key next to (or the same as) a neighbouring letter
//! (`Meanbwhile`), a letter replaced by a key next to it on a QWERTY keyboard (`goverbment`
//! for `government` is two slips and is left alone), two letters swapped (`teh`), or a
//! letter left out (`goverment`). Only a token no list knows is a candidate, and the
//! correction must be a frequent ordinary dictionary word:
//!
//! * lower-case tokens: any of the four slips, when exactly one such word is one slip
//!   away, or one is ten times commoner than every other (otherwise reported, not
//!   changed);
//! * a capitalised token at the start of a sentence: only an extra or replaced
//!   neighbouring key, and only towards a common word, because a sentence may open with a
//!   name (`Akhundzada`, `Yaqoob`, `Baradar` never change);
//! * a capitalised token mid-sentence, capitals, mixed case: never (names, acronyms);
//! * a rare lower-case token only wordfreq lists (`Standing::Unverified`: its web text
//!   holds misspellings such as `goverment`) only when the correction is a hundred times
//!   more frequent.

use super::token::{word_case, WordCase};
use super::vocabulary::{Standing, Vocabulary};
use super::Verdict;

/// Tokens shorter than this have too many neighbours to correct safely.
const MIN_TYPO_CHARS: usize = 4;
/// Longest token considered (longer ones are rarely single slips of a known word).
const MAX_TYPO_CHARS: usize = 20;
/// A correction must be at least this frequent.
const MIN_CORRECTION_ZIPF: f32 = 3.0;
/// ... or this frequent when the token is long: a long word has few words one slip
/// away, so a rarer correction (`beekeepers`, `headmistress`) is still a safe answer.
/// Not below the lexicon's common-word table (Zipf 2.5): the hundreds of candidate
/// spellings a search tries must be answered by that table, not by the fst (a bound of
/// 2.3 cut the clean stage's throughput many times over).
const MIN_LONG_CORRECTION_ZIPF: f32 = super::lexicon::COMMON_MIN_ZIPF;
/// Tokens of at least this many letters are long.
const LONG_TOKEN_CHARS: usize = 8;
/// ... and this frequent when the token is capitalised at a sentence start.
const MIN_CAPITALISED_CORRECTION_ZIPF: f32 = 3.5;
/// For an unverified token, how many powers of ten more frequent the correction must be.
const UNVERIFIED_MIN_GAIN: f32 = 2.0;
const CONFIDENCE: f32 = 0.85;
const UNVERIFIED_CONFIDENCE: f32 = 0.7;
/// With several fits, a lower-case token is corrected only when the most frequent is this
/// many powers of ten commoner than the next.
const CLEAR_WINNER_MARGIN: f32 = 1.0;
const CAPITALISED_CONFIDENCE: f32 = 0.8;
/// A letter added or replaced off the keyboard's neighbours is corrected only in a token
/// of at least this many letters, and only towards a word at least this frequent.
const MIN_FAR_SLIP_CHARS: usize = 6;
const MIN_FAR_SLIP_ZIPF: f32 = 3.5;
const FAR_SLIP_CONFIDENCE: f32 = 0.7;
/// The most fits among which the article's own words may choose: more fits than this
/// is a short token that many words are one slip from.
const MOST_FITS_TOLD_APART_BY_THE_ARTICLE: usize = 3;
/// How many powers of ten a wrong key above, below or across the intended one counts
/// against a correction, beside one in the same row.
const OFF_ROW_PENALTY: f32 = 0.5;

/// The four kinds of slip, as what the typist did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    ExtraKey,
    WrongKey,
    Swapped,
    MissedKey,
    /// A letter added that is no neighbour of its neighbours (`wrpiter`).
    StrayKey,
    /// A letter replaced by one that is no neighbour on the keyboard (`wrihers`).
    OtherKey,
}

impl Slip {
    fn describe(self) -> &'static str {
        match self {
            Slip::ExtraKey => "an extra key",
            Slip::WrongKey => "a neighbouring key",
            Slip::Swapped => "two swapped letters",
            Slip::MissedKey => "a missed letter",
            Slip::StrayKey => "a stray letter",
            Slip::OtherKey => "a wrong letter",
        }
    }
}

/// Decides whether a token that is not known ([`Standing::Unknown`] or
/// [`Standing::Unverified`]) is one keyboard slip away from a single common word.
pub(crate) fn correct_slip(
    word: &str,
    standing: Standing,
    sentence_start: bool,
    vocabulary: &Vocabulary,
) -> Verdict {
    correct(word, standing, sentence_start, vocabulary, false)
}

/// A slip off the keyboard's neighbours in an unknown lower-case token: a letter added
/// or replaced anywhere inside it (`wrpiter`, `wrihers`). Asked only when neither a
/// neighbouring-key slip nor a split explains the token: a stray letter is a likelier
/// reading than nothing, not likelier than those.
pub(crate) fn correct_far_slip(word: &str, vocabulary: &Vocabulary) -> Verdict {
    correct(word, Standing::Unknown, false, vocabulary, true)
}

fn correct(
    word: &str,
    standing: Standing,
    sentence_start: bool,
    vocabulary: &Vocabulary,
    far: bool,
) -> Verdict {
    let length = word.len();
    if !word.is_ascii() || !(MIN_TYPO_CHARS..=MAX_TYPO_CHARS).contains(&length) {
        return Verdict::Keep;
    }
    let (slips, min_zipf, confidence): (&[Slip], f32, f32) = match (standing, word_case(word)) {
        (Standing::Known, _) => return Verdict::Keep,
        (_, _) if far && standing != Standing::Unknown => return Verdict::Keep,
        (Standing::Unverified(own_zipf), Some(WordCase::Lower)) => (
            &[
                Slip::ExtraKey,
                Slip::WrongKey,
                Slip::Swapped,
                Slip::MissedKey,
            ],
            min_correction_zipf(length).max(own_zipf + UNVERIFIED_MIN_GAIN),
            UNVERIFIED_CONFIDENCE,
        ),
        (Standing::Unverified(_), _) => return Verdict::Keep,
        (Standing::Unknown, Some(WordCase::Lower)) if far => (
            &[Slip::StrayKey, Slip::OtherKey],
            min_correction_zipf(length),
            FAR_SLIP_CONFIDENCE,
        ),
        (Standing::Unknown, Some(WordCase::Lower)) => (
            &[
                Slip::ExtraKey,
                Slip::WrongKey,
                Slip::Swapped,
                Slip::MissedKey,
            ],
            min_correction_zipf(length),
            CONFIDENCE,
        ),
        (Standing::Unknown, Some(WordCase::Capitalised)) if sentence_start => (
            &[Slip::ExtraKey, Slip::WrongKey],
            MIN_CAPITALISED_CORRECTION_ZIPF,
            CAPITALISED_CONFIDENCE,
        ),
        _ => return Verdict::Keep,
    };
    let lower = word.to_ascii_lowercase();
    let mut found: Vec<(String, Slip, f32)> = Vec::new();
    for &slip in slips {
        // A slip off the keyboard's neighbours is less likely: only in a token long
        // enough to have few words one letter away, towards a common word.
        let far_slip = matches!(slip, Slip::StrayKey | Slip::OtherKey);
        if far_slip && length < MIN_FAR_SLIP_CHARS {
            continue;
        }
        let min_zipf = if far_slip {
            min_zipf.max(MIN_FAR_SLIP_ZIPF)
        } else {
            min_zipf
        };
        for_each_slip_correction(&lower, slip, |candidate| {
            if let Some(zipf) = vocabulary.frequent_ordinary_zipf(candidate, min_zipf) {
                if !found
                    .iter()
                    .any(|(seen, _, _)| seen.as_bytes() == candidate)
                {
                    let candidate = String::from_utf8(candidate.to_vec()).expect("ASCII");
                    // A finger slides to the key beside it in its row more often than to
                    // one above, below or across (`resched` is `reached`, a for s, before
                    // `rescued`, u above h).
                    let likelihood = if slip == Slip::WrongKey
                        && !slid_along_the_row(lower.as_bytes(), candidate.as_bytes())
                    {
                        OFF_ROW_PENALTY
                    } else {
                        0.0
                    };
                    found.push((candidate, slip, zipf - likelihood));
                }
            }
        });
    }
    found.sort_by(|a, b| b.2.total_cmp(&a.2));
    let clear_winner = match found.as_slice() {
        [_] => true,
        // Lower case only: a word ten times commoner than any other fit (`wreks`: `weeks`).
        [(_, _, best), (_, _, second), ..] => {
            word_case(word) == Some(WordCase::Lower) && best - second >= CLEAR_WINNER_MARGIN
        }
        [] => return Verdict::Keep,
    };
    // Of several fits, the one the article itself prints (and no other of them) is the
    // word meant: `officiasl` is `officials` in an article that writes `officials`
    // elsewhere, `official` in one that writes that.
    let printed_elsewhere = || {
        let mut printed = found
            .iter()
            .enumerate()
            .filter(|(_, (candidate, _, _))| vocabulary.document_uses(candidate));
        match (printed.next(), printed.next()) {
            (Some((at, _)), None) if word_case(word) == Some(WordCase::Lower) => Some(at),
            _ => None,
        }
    };
    let winner = if clear_winner {
        Some(0)
    } else if found.len() <= MOST_FITS_TOLD_APART_BY_THE_ARTICLE {
        printed_elsewhere()
    } else {
        None
    };
    // A lower-case fragment that is a listed name after a lost first letter (`ahin` of
    // Şahin) is as likely that name as a slip: it is reported, not changed. So is one that
    // is a frequent word of another language after a lost first letter (`zmir` of İzmir)
    // where the slip mended is in that first letter (`amir`), unless the mending puts back
    // just that letter (`ducation`: `education`, not `éducation`), which English copy
    // makes likelier; a slip further in is mended (`nerver`: `never`, not `énerver`).
    let lost_initial = |at: usize| {
        if word_case(word) != Some(WordCase::Lower) {
            return None;
        }
        crate::clean::structure::names::lost_first_letter_of(word)
            .map(str::to_string)
            .or_else(|| {
                let mended = &found[at].0;
                let first_letter_changed = mended.chars().next() != word.chars().next();
                if !first_letter_changed || mended.ends_with(word) {
                    return None;
                }
                // Told as the list spells it, in lower case (`ızmir`: the list folds
                // İ, whose capital a plain upper-casing would not give back).
                crate::clean::structure::foreign_words::lost_its_first_letter(word)
                    .map(|foreign| foreign.word)
            })
    };
    if let (Some(at), Some(name)) = (winner, winner.and_then(lost_initial)) {
        return Verdict::Report {
            reason: format!(
                "`{word}` is not a word: `{}` is one slip away, but it may be `{name}` with its first letter lost",
                match_case(word, &found[at].0)
            ),
        };
    }
    if let Some(at) = winner {
        let (candidate, slip, _) = &found[at];
        let fixed = match_case(word, candidate);
        let others = match (found.len(), at) {
            (1, _) => "",
            (_, 0) if clear_winner => " and far more frequent than any other fit",
            _ => " and the only fit the article prints elsewhere",
        };
        return Verdict::Replace {
            reason: format!(
                "`{word}` is not a word; `{fixed}` is one slip away ({}){others}",
                slip.describe()
            ),
            with: fixed,
            confidence: if found.len() > 1 {
                confidence - 0.1
            } else {
                confidence
            },
        };
    }
    Verdict::Report {
        reason: format!(
            "`{word}` is not a word and may be a typo for any of: {}",
            found
                .iter()
                .map(|(c, _, _)| format!("`{}`", match_case(word, c)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// How frequent a lower-case token's correction must be, by the token's length.
fn min_correction_zipf(length: usize) -> f32 {
    if length >= LONG_TOKEN_CHARS {
        MIN_LONG_CORRECTION_ZIPF
    } else {
        MIN_CORRECTION_ZIPF
    }
}

/// Calls `visit` with every word the typist may have meant, if they made this slip
/// typing `word` (lower-case ASCII), as bytes (ASCII too). One buffer serves all
/// candidates: a search tries hundreds of them and must not allocate, or check the
/// bytes are UTF-8, for each.
fn for_each_slip_correction(word: &str, slip: Slip, mut visit: impl FnMut(&[u8])) {
    let bytes = word.as_bytes();
    let mut candidate: Vec<u8> = Vec::with_capacity(bytes.len() + 1);
    let mut emit = |candidate: &[u8]| visit(candidate);
    match slip {
        Slip::ExtraKey => {
            for i in 0..bytes.len() {
                let beside = |j: Option<usize>| {
                    j.and_then(|j| bytes.get(j))
                        .is_some_and(|&b| b == bytes[i] || are_neighbours(b, bytes[i]))
                };
                if beside(i.checked_sub(1)) || beside(Some(i + 1)) {
                    candidate.clear();
                    candidate.extend_from_slice(&bytes[..i]);
                    candidate.extend_from_slice(&bytes[i + 1..]);
                    emit(&candidate);
                }
            }
        }
        Slip::WrongKey => {
            candidate.extend_from_slice(bytes);
            for i in 0..bytes.len() {
                for &key in neighbours(bytes[i]) {
                    candidate[i] = key;
                    emit(&candidate);
                }
                candidate[i] = bytes[i];
            }
        }
        // Inside the word only: a letter too many at either end is as often a word glued
        // on (`ajournalist`), which the glue pass judges.
        Slip::StrayKey => {
            for i in 1..bytes.len().saturating_sub(1) {
                candidate.clear();
                candidate.extend_from_slice(&bytes[..i]);
                candidate.extend_from_slice(&bytes[i + 1..]);
                emit(&candidate);
            }
        }
        Slip::OtherKey => {
            candidate.extend_from_slice(bytes);
            for i in 1..bytes.len().saturating_sub(1) {
                for key in b'a'..=b'z' {
                    if key != bytes[i] {
                        candidate[i] = key;
                        emit(&candidate);
                    }
                }
                candidate[i] = bytes[i];
            }
        }
        Slip::Swapped => {
            candidate.extend_from_slice(bytes);
            for i in 0..bytes.len().saturating_sub(1) {
                if bytes[i] != bytes[i + 1] {
                    candidate.swap(i, i + 1);
                    emit(&candidate);
                    candidate.swap(i, i + 1);
                }
            }
        }
        Slip::MissedKey => {
            for i in 0..=bytes.len() {
                candidate.clear();
                candidate.extend_from_slice(&bytes[..i]);
                candidate.push(b'a');
                candidate.extend_from_slice(&bytes[i..]);
                for key in b'a'..=b'z' {
                    candidate[i] = key;
                    emit(&candidate);
                }
            }
        }
    }
}

/// Letter keys next to `key` on a QWERTY keyboard: the keys that touch it on a staggered
/// keyboard, and the diagonal ones a finger reaches on the way (`r` and `g`, `a` and `x`):
/// a slip to either is one slip, whether the keyboard in front of the typist was staggered,
/// ortholinear or a phone's.
fn neighbours(key: u8) -> &'static [u8] {
    match key {
        b'q' => b"was",
        b'w' => b"qeasd",
        b'e' => b"wrsdf",
        b'r' => b"etdfg",
        b't' => b"ryfgh",
        b'y' => b"tughj",
        b'u' => b"yihjk",
        b'i' => b"uojkl",
        b'o' => b"ipkl",
        b'p' => b"ol",
        b'a' => b"qwszx",
        b's' => b"awedxzcq",
        b'd' => b"serfcxvw",
        b'f' => b"drtgvcbe",
        b'g' => b"ftyhbvnr",
        b'h' => b"gyujnbmt",
        b'j' => b"huikmny",
        b'k' => b"jiolmu",
        b'l' => b"kopi",
        b'z' => b"asx",
        b'x' => b"zsdca",
        b'c' => b"xdfvs",
        b'v' => b"cfgbd",
        b'b' => b"vghnf",
        b'n' => b"bhjmg",
        b'm' => b"njkh",
        _ => b"",
    }
}

/// Whether `candidate` differs from `typed` (same length) in one key that sits beside
/// the typed one in the same keyboard row.
fn slid_along_the_row(typed: &[u8], candidate: &[u8]) -> bool {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    let Some(i) = (0..typed.len()).find(|&i| typed.get(i) != candidate.get(i)) else {
        return false;
    };
    let (Some(&a), Some(&b)) = (typed.get(i), candidate.get(i)) else {
        return false;
    };
    ROWS.iter().any(|row| {
        let at = |k: u8| row.iter().position(|&c| c == k);
        matches!((at(a), at(b)), (Some(x), Some(y)) if x.abs_diff(y) == 1)
    })
}

fn are_neighbours(a: u8, b: u8) -> bool {
    neighbours(a).contains(&b)
}

/// `candidate` (lower case) with the capital of `original` if it had one.
fn match_case(original: &str, candidate: &str) -> String {
    if original.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = candidate.chars();
        chars
            .next()
            .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        candidate.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::lexicon::{Entry, EntryFlags, Lexicon};
    use crate::clean::words::WordContext;

    fn correct(word: &str, sentence_start: bool) -> Verdict {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        correct_slip(word, vocabulary.standing(word), sentence_start, &vocabulary)
    }

    fn corrected(word: &str, sentence_start: bool) -> String {
        match correct(word, sentence_start) {
            Verdict::Replace { with, .. } => with,
            other => panic!("{word}: expected a correction, got {other:?}"),
        }
    }

    /// A listed name that lost its first letter is no slip to mend: `ahin` is Şahin as
    /// likely as `shin`, `elik` Çelik as likely as `elk`.
    #[test]
    fn a_name_that_lost_its_first_letter_is_reported_not_mended() {
        for fragment in ["ahin", "elik"] {
            assert!(
                matches!(correct(fragment, false), Verdict::Report { .. }),
                "{fragment}: {:?}",
                correct(fragment, false)
            );
        }
        // A slip with no such name stays a slip.
        assert_eq!(corrected("wehn", false), "when");
        // A frequent word of another language that lost its first letter (`zmir` of
        // İzmir, not `amir`) is reported too, unless mending the slip puts back just that
        // letter (`ducation` is `education`, not French `éducation`).
        assert!(matches!(correct("zmir", false), Verdict::Report { .. }));
        assert_eq!(corrected("ducation", false), "education");
        assert_eq!(corrected("nerver", false), "never");
    }

    #[test]
    fn single_slips_in_ordinary_words_are_fixed() {
        assert_eq!(corrected("Meanbwhile", true), "Meanwhile");
        assert_eq!(corrected("meanbwhile", false), "meanwhile");
        assert_eq!(corrected("goverment", false), "government"); // wordfreq lists it, rarely
        assert_eq!(corrected("statemnet", false), "statement");
        assert_eq!(corrected("ceasefure", false), "ceasefire");
    }

    #[test]
    fn slips_off_the_neighbouring_keys_are_fixed_only_when_asked_and_inside_the_word() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        let far = |word: &str| match correct_far_slip(word, &vocabulary) {
            Verdict::Replace { with, .. } => Some(with),
            _ => None,
        };
        assert_eq!(far("wrpiter").as_deref(), Some("writer"));
        assert_eq!(far("wrihers").as_deref(), Some("writers"));
        // Not a neighbouring-key slip: the ordinary search leaves it.
        assert!(!matches!(
            correct("wrpiter", false),
            Verdict::Replace { .. }
        ));
        // A letter too many at an edge is a glued word's, and short tokens stay.
        assert_eq!(far("ajournalist"), None);
        assert_eq!(far("wrtr"), None);
    }

    #[test]
    fn a_diagonal_key_is_a_neighbour_too() {
        // `g` under `r`'s right edge, `x` under `a`'s: one slip on any keyboard.
        assert_eq!(corrected("evegy", false), "every");
        assert_eq!(corrected("humxn", false), "human");
        assert!(are_neighbours(b'r', b'g') && are_neighbours(b'g', b'r'));
        assert!(!are_neighbours(b'r', b'h'));
    }

    #[test]
    fn a_key_beside_in_the_row_is_likelier_than_one_above_or_below() {
        // `reached` (a beside s) and `rescued` (u above h) both fit `resched`.
        assert_eq!(corrected("resched", false), "reached");
    }

    #[test]
    fn capitalised_word_mid_sentence_is_a_name() {
        assert_eq!(correct("Meanbwhile", false), Verdict::Keep);
    }

    #[test]
    fn capitalised_sentence_start_allows_only_neighbouring_key_slips() {
        // A swap or a missed letter could as well be a name's spelling.
        assert_eq!(correct("Goverment", true), Verdict::Keep);
        assert_eq!(correct("Statemnet", true), Verdict::Keep);
    }

    #[test]
    fn ambiguous_slips_are_reported() {
        let verdict = correct("deined", false); // defined or denied
        assert!(matches!(verdict, Verdict::Report { .. }), "{verdict:?}");
        // ...but one fit ten times commoner than the rest is taken.
        assert_eq!(corrected("bstter", false), "better");
        // A capitalised token needs exactly one fit: `Bstter` also fits `Batter`.
        let verdict = correct("Bstter", true);
        assert!(matches!(verdict, Verdict::Report { .. }), "{verdict:?}");
    }

    #[test]
    fn names_never_change_even_when_the_lexicon_lacks_them() {
        // A lexicon of ordinary words without the names: they are unknown tokens, and
        // still must not be "corrected".
        let ordinary = EntryFlags {
            ordinary_word: true,
            ..EntryFlags::default()
        };
        let words = [
            "dachshund",
            "yahoo",
            "bar",
            "radar",
            "barbarian",
            "kandahar",
            "tailban",
            "taliban",
            "akhund",
            "yakob",
            "turkey",
            "rawalpindi",
            "the",
            "mujahideen",
        ];
        let lexicon = Lexicon::from_entries(words.iter().map(|w| (*w, Entry::new(4.5, ordinary))));
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(&lexicon, &context);
        for name in [
            "Akhundzada",
            "Baradar",
            "Yaqoob",
            "Turkiye",
            "Azaz",
            "Kandahar",
            "Taliban",
        ] {
            for sentence_start in [false, true] {
                let verdict = correct_slip(name, Standing::Unknown, sentence_start, &vocabulary);
                assert!(
                    !matches!(verdict, Verdict::Replace { .. }),
                    "{name}: {verdict:?}"
                );
            }
        }
        for word in ["muhajireen", "mariaamkahn"] {
            let verdict = correct_slip(word, Standing::Unknown, false, &vocabulary);
            assert!(
                !matches!(verdict, Verdict::Replace { .. }),
                "{word}: {verdict:?}"
            );
        }
    }

    #[test]
    fn rare_web_words_need_a_far_more_frequent_correction() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::new(Lexicon::embedded(), &context);
        // `muhajireen` is rare and in no dictionary, but no common word is one slip away.
        assert_eq!(correct("muhajireen", false), Verdict::Keep);
        // A known word is never corrected, whatever is near it.
        assert_eq!(
            correct_slip("cart", Standing::Known, false, &vocabulary),
            Verdict::Keep
        );
    }

    #[test]
    fn acronyms_and_short_tokens_are_left_alone() {
        assert_eq!(correct("TTPX", false), Verdict::Keep);
        assert_eq!(correct("teh", false), Verdict::Keep);
    }

    #[test]
    fn each_slip_generates_its_corrections() {
        let collect = |word: &str, slip: Slip| {
            let mut out = Vec::new();
            for_each_slip_correction(word, slip, |c| {
                out.push(String::from_utf8(c.to_vec()).unwrap())
            });
            out
        };
        assert_eq!(collect("aab", Slip::ExtraKey), ["ab", "ab"]);
        assert!(collect("tje", Slip::WrongKey).contains(&"the".to_string()));
        assert!(slid_along_the_row(b"resched", b"reached"));
        assert!(!slid_along_the_row(b"resched", b"rescued"));
        assert_eq!(collect("teh", Slip::Swapped), ["eth", "the"]);
        let missed = collect("te", Slip::MissedKey);
        assert_eq!(missed.len(), 26 * 3);
        assert!(missed.contains(&"the".to_string()));
    }

    #[test]
    fn keyboard_neighbours_are_symmetric() {
        for a in b'a'..=b'z' {
            for &b in neighbours(a) {
                assert!(are_neighbours(b, a), "{} / {}", a as char, b as char);
            }
        }
    }
}
