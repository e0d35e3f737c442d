//! Words no list holds, split at their hyphenation points: in a page read with split
//! words (see [`super::split_words`]), a name or a foreign word comes out in pieces like
//! any other (`Pra ho va`, `Ko ran gi`, `Ję drze jczak`), but joining them makes no word
//! the lexicon knows, so [`super::split_words`] cannot tell them from words set side by
//! side.
//!
//! This pass reads each paragraph as the likeliest sequence of words (a Viterbi search
//! over its tokens, as word segmenters do, but joining where they split): a token is
//! either a word of its own or a piece of a word joined from up to six pieces, and a
//! reading's score is the sum of its words' log probabilities, less a fixed cost for each
//! join. A word the lexicon lists at Zipf [`KNOWN_ZIPF`] or more has its frequency as its
//! probability; any other has the probability of a word never seen, which falls with its
//! length ([`UNSEEN_WORD`], [`PER_LETTER`]). So `Pra ho va` is one unseen word rather
//! than three (two of them pieces no language writes alone), while `Kjærgaard ate`
//! stays apart: `ate` is likelier as itself than as three more letters of a name.
//!
//! A short lower-case token that is no common short word (`ho`, `gi`, `na`), no
//! dictionary word of three letters (`fit`, `ran`) and no name particle or abbreviation
//! (`da`, `bin`, `et`) counts as unseen whatever its listed frequency: the web lists such
//! fragments as words, often enough to outweigh a name. A word of another language written with letters outside
//! ASCII (`phở`, `gà`) counts with its frequency in that language's list, so a phrase of
//! Vietnamese stays apart.
//!
//! Only runs with an unseen piece after the first (or a line-end hyphen) are joined
//! here: words split into words (`hill sides`) are [`super::split_words`]'s to decide,
//! from the hyphenation points of the joined word. A name no list holds is a complete
//! word as often as not, so when it is the only unseen piece the rest must be short
//! pieces, not a word or a slip of one (`Ouedraogo explaned`); a word that ends where the
//! article prints it ([`WordEnds`]) runs on into no piece; capitals join only into a
//! known word or a dateline. The pass runs after [`super::names`] has restored names
//! whose letters were lost to spaces (`Erdo an`), and a run that could be such a name
//! still (`Radu tef nescu`) stays: joined, it could never be restored.
//!
//! The three constants were fitted on the dev split's pypdf copies (every gap between two
//! tokens of the cleaned body labelled from the answer, in a Python grid over this
//! model, `tools/realcopy/fit_split_unknown.py`): 570 of the 994 gaps the earlier passes
//! left open were closed, with one wrong join.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::name_keys::skeleton;
use super::split_words::{
    is_common_short, join_in, space_tokens, without_possessive, SplitWord, OPENING_MARKS,
};
use crate::clean::mapped::MappedText;
use crate::clean::vocabulary::Vocabulary;
use crate::clean::words::lexicon::Lexicon;
use crate::clean::Edit;

/// A word listed at least this frequent is a known word; rarer listings are noise of
/// the web (fragments, misspellings) and count as unseen.
pub const KNOWN_ZIPF: f32 = 2.5;
/// Log10 of the probability of a word never seen, before its length.
pub const UNSEEN_WORD: f32 = -5.0;
/// Log10 of each letter of a word never seen.
pub const PER_LETTER: f32 = -1.0;
/// Log10 of the odds against a space being a split inside a word (a line-end hyphen
/// between two pieces is no such doubt).
const PER_JOIN: f32 = -2.0;
/// A short token listed this frequent is a word even when no common short word
/// (`de`, `la`): below, a fragment (`ho`, `na`, `gi`).
const SHORT_WORD_ZIPF: f32 = 5.0;
/// Short words news prose writes beside names and numbers that are no common short
/// word, never pieces: abbreviations and interjections (`Nguyen et al`, `Kaya vs
/// Demir`) and the particles of names (`Luiz da Silva`, `Ortega y Gasset`, `Ahmed bin
/// Said`). Sorted, for a binary search.
pub(super) const SHORT_WORDS: &[&str] = &[
    "af", "ah", "al", "am", "av", "bin", "bn", "cm", "da", "das", "de", "del", "den", "der", "di",
    "do", "dos", "du", "e", "et", "ex", "ibn", "kg", "km", "la", "le", "ml", "mm", "oh", "ok",
    "pm", "van", "von", "vs", "y", "zu",
];

/// What a word of two letters with one outside ASCII counts as (`gà`, `mì`): the list
/// of other languages' words has none so short, and as a fragment it would join a
/// phrase of Vietnamese into one word.
const SHORT_FOREIGN_ZIPF: f32 = 3.0;
/// The most pieces one word is joined from, and the most tokens (pieces and the lone
/// hyphens between them) a run spans.
const MOST_PIECES: usize = 6;
const MOST_TOKENS: usize = 8;

/// Words that end where the article prints them, lower-cased: every word of the fields
/// no extractor hyphenates (headline, standfirst, byline, bio), every body token
/// followed by closing punctuation (`Ferrandis.`), which no piece but a word's last
/// carries, and every capitalised body token printed before two different tokens (a
/// name's first piece goes on the same way each time: `Katarzy na`). Such a word does not run on into another piece: `Bohumil ha` is the
/// headline's Bohumil and a surname that lost its letters, not `Bohumilha`; `Ferrandis
/// na` is not `Ferrandisna`.
#[derive(Debug, Default)]
pub struct WordEnds(HashSet<String>);

impl WordEnds {
    /// Words of at least this many letters count: shorter ones are as often pieces.
    const MIN_LETTERS: usize = 4;

    /// The word ends of the unhyphenated `fields` and of the `body` paragraphs.
    pub fn of<'t>(
        fields: impl IntoIterator<Item = &'t str>,
        body: impl IntoIterator<Item = &'t str>,
    ) -> WordEnds {
        let mut words = HashSet::new();
        let mut add = |word: &str| {
            if word.chars().count() >= Self::MIN_LETTERS {
                words.insert(word.to_lowercase());
            }
        };
        for field in fields {
            field.split(|c: char| !c.is_alphabetic()).for_each(&mut add);
        }
        // A capitalised token and the first token after it, each time the body prints it.
        let mut followed: HashMap<&str, &str> = HashMap::new();
        for paragraph in body {
            let mut tokens = space_tokens(paragraph).map(|(_, t)| t).peekable();
            while let Some(token) = tokens.next() {
                let token = token.trim_start_matches(|c: char| !c.is_alphabetic());
                let word = token.trim_end_matches(|c: char| !c.is_alphabetic());
                if !word.chars().all(char::is_alphabetic) {
                    continue;
                }
                if word.len() < token.len() {
                    add(word);
                } else if word.chars().next().is_some_and(char::is_uppercase) {
                    let next = tokens.peek().copied().unwrap_or_default();
                    match followed.get(word) {
                        Some(&before) if before != next => add(word),
                        Some(_) => {}
                        None => {
                            followed.insert(word, next);
                        }
                    }
                }
            }
        }
        WordEnds(words)
    }

    fn has(&self, word: &str) -> bool {
        word.chars().count() >= Self::MIN_LETTERS && self.0.contains(&word.to_lowercase())
    }
}

/// Joins, in one paragraph of a page read with split words, the runs of pieces that are
/// likelier one unseen word than words of their own, recording an edit for each.
pub fn join_unknown_split_words(
    paragraph: &MappedText,
    word_ends: &WordEnds,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let splits = unknown_split_words(paragraph.as_str(), word_ends, vocabulary);
    if splits.is_empty() {
        return paragraph.clone();
    }
    join_in(
        paragraph,
        &splits,
        "a word no list holds, split at its hyphenation points by the extractor, joined",
        edits,
    )
}

/// The runs of `text` that the likeliest reading joins into one unseen word. A run that
/// two of its pieces could also be as one word that lost letters to the space between
/// them (`tef nescu`: Ștefănescu) is left for the reader: the names pass declined it,
/// and joined it could no longer be restored.
pub fn unknown_split_words(
    text: &str,
    word_ends: &WordEnds,
    vocabulary: &Vocabulary<'_>,
) -> Vec<SplitWord> {
    let tokens: Vec<Token<'_>> = space_tokens(text).map(Token::of).collect();
    let n = tokens.len();
    // best[j]: the score of the likeliest reading of the first j tokens; from[j]: where
    // its last word starts.
    let mut best = vec![0f32; n + 1];
    let mut from = vec![0usize; n + 1];
    for j in 1..=n {
        best[j] = best[j - 1] + tokens[j - 1].log_probability;
        from[j] = j - 1;
        for i in j.saturating_sub(MOST_TOKENS)..j.saturating_sub(1) {
            let Some(joined) = joined_word(&tokens[i..j], word_ends, vocabulary) else {
                continue;
            };
            let score = best[i] + joined;
            if score > best[j] {
                best[j] = score;
                from[j] = i;
            }
        }
    }
    let mut found = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = from[j];
        let run = &tokens[i..j];
        let pieces: Vec<&Token<'_>> = run.iter().filter(|t| !t.lone_hyphen).collect();
        if j - i > 1 && !lost_letters_in(&pieces) {
            found.push(SplitWord {
                gaps: pieces
                    .windows(2)
                    .map(|w| w[0].start + w[0].text.len()..w[1].start)
                    .collect(),
                run: run[0].start..run[run.len() - 1].start + run[run.len() - 1].text.len(),
            });
        }
        j = i;
    }
    found.reverse();
    found
}

/// One token of a paragraph and what the reading needs of it.
struct Token<'a> {
    start: usize,
    text: &'a str,
    /// The token less an opening quote or bracket and closing punctuation.
    core: &'a str,
    /// Whether anything was taken off before `core`, or after it.
    led: bool,
    trailed: bool,
    lone_hyphen: bool,
    /// Whether it is letters only (once `core`): a word, or a piece of one.
    is_word: bool,
    /// Log10 of its probability as a word of its own (0 for a token that is no word: a
    /// number, a dash).
    log_probability: f32,
    /// Whether it counts as a word never seen.
    unseen: bool,
    /// Whether it is a keyboard slip of a common word: a typo search, made only when a
    /// join after a name asks.
    slip: OnceCell<bool>,
}

impl<'a> Token<'a> {
    fn of((start, text): (usize, &'a str)) -> Token<'a> {
        let lone_hyphen = matches!(text, "-" | "\u{2010}");
        let after_lead = text.trim_start_matches(OPENING_MARKS);
        let core = without_possessive(after_lead.trim_end_matches(|c: char| !c.is_alphanumeric()));
        let word = !core.is_empty() && core.chars().all(char::is_alphabetic);
        let (log_probability, unseen) = if word {
            log_probability_or_unseen(core)
        } else {
            (0.0, false)
        };
        Token {
            start,
            text,
            core,
            is_word: word,
            slip: OnceCell::new(),
            led: after_lead.len() < text.len(),
            trailed: core.len() < after_lead.len(),
            lone_hyphen,
            log_probability,
            unseen,
        }
    }

    /// Whether this unseen token is a slip of a common word (`explaned`): that word
    /// damaged, not a piece; joined to a name before it, it would carry the name off
    /// with it (`Ouedraogoexplaned`).
    fn is_slip(&self, vocabulary: &Vocabulary<'_>) -> bool {
        *self.slip.get_or_init(|| {
            self.unseen && self.core.len() >= 4 && vocabulary.is_slip_of_a_word(self.core)
        })
    }
}

/// Whether the pieces, or the last two or more of them, fit a word of another language
/// whose letters outside ASCII the copy lost to the spaces between them (and, when the
/// first of them is in lower case, at its start): `Radu tef nescu` ends in Ștefănescu.
fn lost_letters_in(pieces: &[&Token<'_>]) -> bool {
    (0..pieces.len() - 1).any(|k| {
        let tail: Vec<&str> = pieces[k..].iter().map(|t| t.core).collect();
        let lost_first = tail[0].chars().next().is_some_and(char::is_lowercase);
        !super::foreign_words::fitting(&skeleton(&tail.join(" ")), lost_first, false).is_empty()
    })
}

/// Log10 of the probability of `word` (letters only) as a word, and whether it counts as
/// never seen.
fn log_probability_or_unseen(word: &str) -> (f32, bool) {
    let lower = word.to_lowercase();
    let entry = Lexicon::embedded().lookup(&lower);
    let mut zipf = entry.map_or(0.0, |e| e.zipf());
    let letters = lower.chars().count();
    // A dictionary word of three letters (`fit`, `dry`, `ran`) is a word; two letters
    // are a word only when common (the dictionary lists `ho` and `la`).
    let dictionary_word = letters == 3 && entry.is_some_and(|e| e.is_ordinary_word());
    // English writes the pronoun `I` in capitals: a lone lower-case `i` is a piece
    // (`diff i cult`, where a ligature spanned the hyphenation point).
    let lone_i = word == "i";
    let fragment = lone_i
        || letters <= 3
            && !word.chars().any(char::is_uppercase)
            && !is_common_short(&lower)
            && SHORT_WORDS.binary_search(&lower.as_str()).is_err()
            && !dictionary_word
            && zipf < SHORT_WORD_ZIPF;
    if fragment {
        zipf = 0.0;
    }
    if zipf < KNOWN_ZIPF && !lower.is_ascii() {
        match super::foreign_words::exactly(&lower) {
            Some(foreign) => zipf = zipf.max(foreign.zipf),
            // The list holds no word shorter than three letters (`gà`, `mì`).
            None if lower.chars().count() < 3 => zipf = SHORT_FOREIGN_ZIPF,
            None => {}
        }
    }
    if zipf >= KNOWN_ZIPF {
        (zipf - 9.0, false)
    } else {
        (UNSEEN_WORD + PER_LETTER * word.chars().count() as f32, true)
    }
}

/// The score of `run` read as one word, if it may be one: two to six pieces of letters,
/// a lone hyphen only between two of them, an opening quote only before the first and
/// closing punctuation only after the last, the pieces after the first in lower case
/// (or all of them in capitals), and a piece after the first never seen (or a line-end
/// hyphen), or a first piece never seen followed by short ones only.
fn joined_word(
    run: &[Token<'_>],
    word_ends: &WordEnds,
    vocabulary: &Vocabulary<'_>,
) -> Option<f32> {
    let last = run.len() - 1;
    if run[0].lone_hyphen || run[last].lone_hyphen {
        return None;
    }
    let capitals = |t: &str| !t.chars().any(char::is_lowercase);
    let all_capitals = capitals(run[0].core);
    let mut pieces = 0;
    let (mut unseen, mut first_unseen, mut later_word) = (false, false, false);
    let mut joined = String::new();
    let first_a_name = run[0].core.chars().next().is_some_and(char::is_uppercase);
    for (k, token) in run.iter().enumerate() {
        if token.lone_hyphen {
            if run[k - 1].lone_hyphen {
                return None;
            }
            // A line-end hyphen is as sure a sign of a split as a piece never seen.
            unseen = true;
            continue;
        }
        let inner_punctuation = (k > 0 && token.led) || (k < last && token.trailed);
        let runs_on = k < last && word_ends.has(token.core);
        if !token.is_word || inner_punctuation || runs_on {
            return None;
        }
        let case_fits = k == 0
            || if all_capitals {
                capitals(token.core)
            } else {
                !token.core.chars().any(char::is_uppercase)
            };
        if !case_fits {
            return None;
        }
        pieces += 1;
        if k == 0 {
            first_unseen = token.unseen;
        } else {
            // After a name, a slip of a common word is that word, not a piece.
            if token.unseen && !(first_a_name && token.is_slip(vocabulary)) {
                unseen = true;
            } else {
                later_word |= token.core.chars().count() > 3;
            }
        }
        joined.push_str(token.core);
    }
    // A name no list holds is a complete word as often as not: when it is the only
    // piece never seen, the pieces after it must be short (`Katarzy na`), not a word
    // that follows it (`Ouedraogo explaned`, a slip of `explained`).
    let doubt = unseen || (first_unseen && !(first_a_name && later_word));
    if !(2..=MOST_PIECES).contains(&pieces) || !doubt {
        return None;
    }
    let (log_probability, joined_unseen) = log_probability_or_unseen(&joined);
    // Capitals side by side are as often acronyms (`ISPR DG`): joined only into a word
    // the lexicon knows (`IS LAM ABAD`) or a dateline's place (`VARGIN HA:`).
    let dateline = run[last].text.ends_with(':');
    if all_capitals && joined_unseen && !dateline {
        return None;
    }
    // A line-end hyphen is the extractor's own mark of a split: that gap costs nothing.
    let hyphens = run.iter().filter(|t| t.lone_hyphen).count();
    Some(log_probability + PER_JOIN * (pieces - 1 - hyphens) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;

    fn with_vocabulary<T>(f: impl FnOnce(&Vocabulary<'_>) -> T) -> T {
        let context = WordContext::default();
        f(&Vocabulary::for_document("", &context))
    }

    fn joined(text: &str) -> String {
        let mut out = text.to_string();
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        for s in unknown_split_words(text, &WordEnds::default(), &vocabulary)
            .iter()
            .rev()
        {
            for gap in s.gaps.iter().rev() {
                out.replace_range(gap.clone(), "");
            }
        }
        out
    }

    #[test]
    fn pieces_of_a_name_no_list_holds_join() {
        assert_eq!(
            joined("the hills of Pra ho va county, where Mi jan gos lives"),
            "the hills of Prahova county, where Mijangos lives"
        );
        assert_eq!(
            joined("said Ję drze jczak, who met Katarzy na. “Fon se ca,” she said"),
            "said Jędrzejczak, who met Katarzyna. “Fonseca,” she said"
        );
        assert_eq!(joined("said Sha - bana Bibi"), "said Shabana Bibi");
        assert_eq!(joined("made it diff i cult to"), "made it difficult to");
        assert_eq!(joined("as I said"), "as I said");
        assert_eq!(joined("in IS LAM ABAD: the"), "in ISLAMABAD: the");
    }

    #[test]
    fn words_beside_a_name_stay_apart() {
        for text in [
            "Kjærgaard ate the fish and Pârvulescu ran home",
            "the Festival de Bandas de Viento de la Sierra",
            "a bowl of phở gà and bún chả every week",
            "Nguyen Van Thanh met Da Silva in São Paulo",
            "the hill sides and a kilo gram of flour",
            "he said, Ebbe. sen was there",
        ] {
            assert_eq!(joined(text), text);
        }
    }

    #[test]
    fn a_name_that_lost_letters_or_a_word_ending_elsewhere_stays() {
        let none = WordEnds::default();
        let text = "Left back Radu tef nescu scored";
        assert!(with_vocabulary(|v| unknown_split_words(text, &none, v)).is_empty());
        let text = "Bohumil ha, who has died";
        assert_eq!(
            with_vocabulary(|v| unknown_split_words(text, &none, v)).len(),
            1
        );
        let title = WordEnds::of(["Bohumil Říha, violin maker"], []);
        assert!(with_vocabulary(|v| unknown_split_words(text, &title, v)).is_empty());
        let text = "said Ferrandis na it";
        let elsewhere = WordEnds::of([], ["the mayor and Ferrandis."]);
        assert_eq!(
            with_vocabulary(|v| unknown_split_words(text, &none, v)).len(),
            1
        );
        assert!(with_vocabulary(|v| unknown_split_words(text, &elsewhere, v)).is_empty());
        let twice = WordEnds::of([], ["Ferrandis has it.", "said Ferrandis na it"]);
        assert!(with_vocabulary(|v| unknown_split_words(text, &twice, v)).is_empty());
        let same_way = WordEnds::of([], ["Katarzy na said", "met Katarzy na here"]);
        assert!(!same_way.has("Katarzy"));
        // A name beside a slip of a common word (`explained`) keeps its space.
        let text = "the mayor Ouedraogo explaned it in Tra b zon";
        let found = with_vocabulary(|v| unknown_split_words(text, &none, v));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].run.clone()], "Tra b zon");
    }

    #[test]
    fn the_short_words_are_sorted() {
        assert!(SHORT_WORDS.windows(2).all(|w| w[0] < w[1]));
        for text in [
            "as Nguyen et al found",
            "said Luiz da Silva",
            "the ISPR DG said",
        ] {
            assert_eq!(joined(text), text);
        }
        assert_eq!(joined("VARGIN HA: The"), "VARGINHA: The");
    }

    #[test]
    fn a_join_is_recorded_with_its_pieces() {
        let mut edits = Vec::new();
        let text = MappedText::from_raw("met Mi jan gos there", Default::default());
        let out = with_vocabulary(|v| {
            join_unknown_split_words(&text, &WordEnds::default(), v, &mut edits)
        });
        assert_eq!(out.as_str(), "met Mijangos there");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].before, "Mi jan gos");
        assert_eq!(edits[0].after, "Mijangos");
        assert_eq!(edits[0].pass, "split_words");
    }
}
