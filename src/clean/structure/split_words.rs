//! Words an extractor split at their hyphenation points: pypdf reads a PDF whose
//! justified columns carry soft hyphens as `eigh bour ing ﬁsh er men`, and a word broken
//! at a line end as `reg u la -` / `tor`, which unwrapping makes `reg u la - tor`.
//!
//! In an unwrapped paragraph, a run of two to six pieces (a lone `-` between two of them
//! is the line-end hyphen) is joined when the joined word is known (lexicon or site) and
//! at least one piece is a fragment: not a word, or a short piece that is no common short
//! word (`er`, `al`, `de`); a capitalised run only when it has three pieces or a piece is
//! no word at all (`He met` is not `Hemet`). A whole word followed by pieces that make a
//! word of their own keeps its space (`they re hearsed` is `they rehearsed`). Words round
//! a lone hyphen join too (`out - skirts`), unless they make a hyphenated compound
//! (`well - known`). Ordinary copy has such runs rarely, so the joins are made only in a
//! document that has many of them ([`SPLIT_DOCUMENT`]): a page read that way, not a
//! stray phrase in clean text.
//!
//! In such a document a word split into pieces that are all words (`be cause`, `with
//! out`, `grand moth er`) is joined too, when each space stands at one of the joined
//! word's hyphenation points (TeX's en-US patterns, the `hyphenation` crate), the joined
//! word is common, and the pair is no phrase English writes apart (`in to`, `any one`):
//! `may be` stays (no hyphenation point in `maybe`), as do `a part`, `a way`.
//!
//! In such a document a word no list holds, or one too rare to join from whole words,
//! is known when the article prints it whole elsewhere: the byline, bio and headline are
//! not hyphenated, so `Fon se ca` in the body joins when the byline says `Fonseca`, and
//! `court yard` when a caption says `courtyard`.

use std::ops::Range;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use crate::clean::mapped::MappedText;
use crate::clean::vocabulary::Vocabulary;
use crate::clean::Edit;

const JOINED: &str = "word split at its hyphenation points by the extractor, joined";

/// Runs that mark a document as read with split words: at least this many, and at
/// least one per `WORDS_PER_RUN` words (a page read that way has one every few lines).
pub const SPLIT_DOCUMENT: usize = 3;
const WORDS_PER_RUN: usize = 150;

/// The most pieces one split word is joined from.
const MOST_PIECES: usize = 6;

/// A word joined from pieces that are all words must be at least this frequent (Zipf):
/// the rarer closed compounds (`careless`, `comeback`, `longtime`) are written open as
/// often (`care less`, `come back`, `long time`). At 4.4 the dev split's print-pypdf copy
/// had 0.921 of its damaged words repaired, at 3.8 0.935, with no more false changes once
/// `over time` and `under way` were listed in [`OPEN_PHRASES`] and the article `a` was
/// kept from opening a closed word (`a broad`).
const MIN_ALL_WORDS_ZIPF: f32 = 3.8;

/// Pairs English writes apart as often as joined: never joined from whole words.
/// Pairs whose open form news prose hardly writes (`some one`, `every thing`, `how
/// ever`) are not here: in a page read with split words they are the closed word.
/// Sorted, for a binary search.
const OPEN_PHRASES: &[(&str, &str)] = &[
    ("all", "ready"),
    ("all", "together"),
    ("all", "ways"),
    ("any", "more"),
    ("any", "one"),
    ("any", "time"),
    ("any", "way"),
    ("be", "low"),
    ("can", "not"),
    ("every", "day"),
    ("every", "one"),
    ("for", "ever"),
    ("in", "to"),
    ("on", "line"),
    ("on", "to"),
    ("over", "all"),
    ("over", "time"),
    ("per", "cent"),
    ("some", "day"),
    ("some", "time"),
    ("to", "day"),
    ("to", "night"),
    ("under", "way"),
    ("up", "on"),
    ("what", "ever"),
    ("when", "ever"),
    ("who", "ever"),
    ("with", "in"),
];

/// Particles that make a phrasal verb with the word before them (`break down`, `set up`,
/// `lay out`): a pair ending in one is joined only after a word that is no verb.
const PARTICLES: &[&str] = &[
    "about", "around", "away", "back", "by", "down", "in", "off", "on", "out", "over", "up",
];
/// The words before a particle that make a closed word with it (`without`, `throughout`).
const BEFORE_PARTICLE: &[&str] = &["there", "through", "where", "with"];

/// The embedded en-US hyphenation patterns.
fn hyphenator() -> &'static Standard {
    static PATTERNS: OnceLock<Standard> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        Standard::from_embedded(Language::EnglishUS).expect("the en-US patterns are embedded")
    })
}

/// Whether `word` (lower case) may be hyphenated at each of the byte offsets `at`.
fn breaks_at(word: &str, at: &[usize]) -> bool {
    let points = hyphenator().hyphenate(word).breaks;
    at.iter().all(|a| points.contains(a))
}

/// Short words that are words, not fragments, when they stand between others.
/// Sorted, for a binary search.
const COMMON_SHORT: &[&str] = &[
    "a", "age", "all", "an", "and", "any", "are", "as", "at", "be", "big", "but", "by", "can",
    "day", "did", "do", "end", "far", "few", "for", "got", "had", "has", "he", "her", "him", "his",
    "how", "i", "if", "in", "is", "it", "its", "key", "law", "let", "low", "man", "may", "me",
    "men", "my", "new", "no", "not", "now", "of", "off", "oil", "old", "on", "one", "or", "our",
    "out", "own", "per", "put", "run", "say", "see", "set", "she", "six", "so", "son", "ten",
    "the", "them", "they", "to", "too", "top", "two", "up", "us", "via", "war", "was", "way", "we",
    "who", "why", "yet", "you",
];

/// The tokens of `text` between single spaces, each with its byte offset (empty ones
/// left out): a byte loop, cheaper than `split(' ')`'s search for tokens this short.
pub fn space_tokens(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && bytes[at] != b' ' {
            at += 1;
        }
        Some((start, &text[start..at]))
    })
}

/// Whether `word` (lower case) is a common short word, not a fragment.
pub fn is_common_short(word: &str) -> bool {
    COMMON_SHORT.binary_search(&word).is_ok()
}

/// A join found in a text: the byte ranges between its pieces (spaces, and a lone
/// hyphen with its spaces) to remove, and the whole run's range.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitWord {
    pub gaps: Vec<Range<usize>>,
    pub run: Range<usize>,
}

/// The marks that may open a split word's first piece (`“Fon se ca`).
pub(super) const OPENING_MARKS: [char; 5] = ['“', '‘', '"', '\'', '('];

/// A token of the text: its byte range and text.
type Token<'a> = (usize, &'a str);

/// Joins the split words of `paragraphs` when the document was read with split words,
/// recording an edit for each; returns the paragraphs unchanged otherwise. The flag says
/// which: whether the page was read with split words.
pub fn join_split_words(
    paragraphs: Vec<MappedText>,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> (Vec<MappedText>, bool) {
    if !looks_split(&paragraphs) {
        return (paragraphs, false);
    }
    let found: Vec<Vec<SplitWord>> = paragraphs
        .iter()
        .map(|p| split_words(p.as_str(), vocabulary, false))
        .collect();
    let runs = found.iter().flatten().count();
    let words: usize = paragraphs
        .iter()
        .map(|p| space_tokens(p.as_str()).count())
        .sum();
    if runs < SPLIT_DOCUMENT || runs * WORDS_PER_RUN < words {
        return (paragraphs, false);
    }
    // A page read with split words: words split into whole words join as well.
    let found: Vec<Vec<SplitWord>> = paragraphs
        .iter()
        .map(|p| split_words(p.as_str(), vocabulary, true))
        .collect();
    let joined = paragraphs
        .into_iter()
        .zip(found)
        .map(|(paragraph, splits)| join_in(&paragraph, &splits, JOINED, edits))
        .collect();
    (joined, true)
}

/// Whether the text has the telltale of split words, cheaply, before any word is looked
/// up: short lower-case pieces that are no common short word (`er`, `ing`, `bour`) make
/// up a good part of its tokens. On the real-copy corpus they are 12-22 % of the tokens
/// of pypdf's text and at most 5 % of any other copy's.
fn looks_split(paragraphs: &[MappedText]) -> bool {
    let mut tokens = 0usize;
    let mut fragments = 0usize;
    for paragraph in paragraphs {
        for (_, token) in space_tokens(paragraph.as_str()) {
            tokens += 1;
            fragments += usize::from(is_split_fragment(token));
        }
    }
    share_looks_split(fragments, tokens)
}

/// [`looks_split`] of one text (a whole document).
pub(super) fn text_looks_split(text: &str) -> bool {
    let mut tokens = 0usize;
    let mut fragments = 0usize;
    for (_, token) in space_tokens(text) {
        tokens += 1;
        fragments += usize::from(is_split_fragment(token));
    }
    share_looks_split(fragments, tokens)
}

/// Whether `token` is what [`looks_split`] counts: a short lower-case piece that is no
/// common short word (`er`, `ing`, the `w` of `Krak w`).
pub(super) fn is_split_fragment(token: &str) -> bool {
    (1..=3).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_lowercase())
        && !is_common_short(token)
}

/// Whether `fragments` of `tokens` ([`is_split_fragment`]) are the share of a text read
/// with split words.
fn share_looks_split(fragments: usize, tokens: usize) -> bool {
    tokens > 0 && fragments * 100 >= tokens * FRAGMENT_PERCENT
}

/// The share of tokens, in per cent, that are fragments in a text read with split words.
const FRAGMENT_PERCENT: usize = 7;

/// `paragraph` with the gaps of `splits` closed, an edit with `reason` recorded for each.
pub(super) fn join_in(
    paragraph: &MappedText,
    splits: &[SplitWord],
    reason: &str,
    edits: &mut Vec<Edit>,
) -> MappedText {
    if splits.is_empty() {
        return paragraph.clone();
    }
    let text = paragraph.as_str();
    let mut out = MappedText::with_capacity(text.len(), splits.len() * 4 + 2);
    let mut at = 0;
    for split in splits {
        let before = &text[split.run.clone()];
        let mut after = String::with_capacity(before.len());
        let mut piece_start = split.run.start;
        for gap in &split.gaps {
            after.push_str(&text[piece_start..gap.start]);
            out.push_slice(paragraph, at, gap.start);
            at = gap.end;
            piece_start = gap.end;
        }
        after.push_str(&text[piece_start..split.run.end]);
        edits.push(Edit {
            pass: "split_words",
            position: paragraph.position_at(split.run.start),
            before: before.to_string(),
            after,
            reason: reason.into(),
            confidence: 0.8,
        });
    }
    out.push_slice(paragraph, at, text.len());
    out
}

/// The split words of `text`; with `whole_words`, also the words split into pieces that
/// are all words (only for a document known to be read with split words).
pub fn split_words(text: &str, vocabulary: &Vocabulary<'_>, whole_words: bool) -> Vec<SplitWord> {
    let tokens: Vec<Token<'_>> = space_tokens(text).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match longest_join_at(&tokens, i, vocabulary, whole_words) {
            Some((split, used)) => {
                // A whole word first may stand alone, its neighbours making the split
                // word (`had ar rived`: `had arrived`, not `hadar rived`): the likelier
                // reading of the tokens both cover wins.
                let word_first = vocabulary.is_known_outside_document(tokens[i].1);
                let after = word_first
                    .then(|| longest_join_at(&tokens, i + 1, vocabulary, whole_words))
                    .flatten();
                if let Some((_, used_after)) = after {
                    let end = (i + used).max(i + 1 + used_after);
                    let joined_first = log_probability(&tokens[i..i + used])
                        + words_log_probability(&tokens[i + used..end]);
                    let alone_first = words_log_probability(&tokens[i..i + 1])
                        + log_probability(&tokens[i + 1..i + 1 + used_after])
                        + words_log_probability(&tokens[i + 1 + used_after..end]);
                    if alone_first > joined_first {
                        i += 1;
                        continue;
                    }
                }
                // Pieces that are all words join only when the joined word is the
                // likelier reading (`re fused`: `refused`; `to gas` stays, not `togas`;
                // `cap on` stays, not `capon`).
                let pieces = &tokens[i..i + used];
                let all_words = pieces
                    .iter()
                    .filter(|(_, t)| !is_lone_hyphen(t))
                    .all(|(_, t)| {
                        vocabulary
                            .is_known_outside_document(t.trim_matches(|c: char| !c.is_alphabetic()))
                    });
                if all_words && words_log_probability(pieces) > log_probability(pieces) {
                    i += 1;
                    continue;
                }
                found.push(split);
                i += used;
            }
            None => i += 1,
        }
    }
    found
}

/// Log10 of the unigram probability of one word (Zipf − 9; a word the lexicon does not
/// list counts as Zipf 0).
fn word_log_probability(word: &str) -> f32 {
    let word = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if word.is_empty() {
        return 0.0;
    }
    let zipf = crate::clean::words::lexicon::Lexicon::embedded()
        .zipf(&word)
        .unwrap_or(0.0);
    zipf - 9.0
}

/// [`word_log_probability`] of the tokens as separate words (lone hyphens cost nothing).
fn words_log_probability(tokens: &[Token<'_>]) -> f32 {
    tokens
        .iter()
        .filter(|(_, t)| !is_lone_hyphen(t))
        .map(|(_, t)| word_log_probability(t))
        .sum()
}

/// [`word_log_probability`] of the tokens joined into one word.
fn log_probability(tokens: &[Token<'_>]) -> f32 {
    let joined: String = tokens
        .iter()
        .filter(|(_, t)| !is_lone_hyphen(t))
        .map(|(_, t)| *t)
        .collect();
    word_log_probability(&joined)
}

/// The longest join of pieces starting at token `i`, and how many tokens it takes.
fn longest_join_at(
    tokens: &[Token<'_>],
    i: usize,
    vocabulary: &Vocabulary<'_>,
    whole_words: bool,
) -> Option<(SplitWord, usize)> {
    // Up to MOST_PIECES pieces and the lone hyphens between them.
    let reach = (2 * MOST_PIECES).min(tokens.len().saturating_sub(i));
    (2..=reach)
        .rev()
        .find_map(|n| join_run(&tokens[i..i + n], vocabulary, whole_words).map(|s| (s, n)))
}

/// `word` less a possessive ending, which belongs to the last piece of a split word
/// (`re gion’s`).
pub(super) fn without_possessive(word: &str) -> &str {
    ["’s", "'s"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word)
}

fn is_lone_hyphen(token: &str) -> bool {
    matches!(token, "-" | "\u{2010}")
}

fn join_run(
    run: &[Token<'_>],
    vocabulary: &Vocabulary<'_>,
    whole_words: bool,
) -> Option<SplitWord> {
    let last = run.len() - 1;
    if is_lone_hyphen(run[0].1) || is_lone_hyphen(run[last].1) {
        return None;
    }
    let mut pieces: Vec<&str> = Vec::with_capacity(run.len());
    let mut piece_tokens: Vec<(usize, &str)> = Vec::with_capacity(run.len());
    for (k, &(start, token)) in run.iter().enumerate() {
        if is_lone_hyphen(token) {
            if k > 0 && is_lone_hyphen(run[k - 1].1) {
                return None;
            }
            continue;
        }
        let lead = if k == 0 {
            token.len() - token.trim_start_matches(OPENING_MARKS).len()
        } else {
            0
        };
        let core = &token[lead..];
        let core = if k == last {
            without_possessive(core.trim_end_matches(|c: char| !c.is_alphabetic()))
        } else {
            core
        };
        let capital_inside = k > 0 && core.chars().next().is_some_and(char::is_uppercase);
        if core.is_empty() || capital_inside || !core.chars().all(char::is_alphabetic) {
            return None;
        }
        pieces.push(core);
        piece_tokens.push((start, token));
    }
    if !(2..=MOST_PIECES).contains(&pieces.len()) {
        return None;
    }
    let joined: String = pieces.concat();
    if joined.chars().count() < 5 {
        return None;
    }
    // In a page read with split words, a word no list holds is known when the article
    // prints it whole elsewhere (a name in the byline or bio, which are not hyphenated).
    let attested = !vocabulary.is_known_outside_document(&joined);
    if attested && !(whole_words && vocabulary.document_has(&joined)) {
        return None;
    }
    let has_non_word = pieces
        .iter()
        .any(|p| !vocabulary.is_known_outside_document(p));
    // A capitalised pair (`He met` -> `Hemet`) joins only when a piece is no word at all,
    // or the pair makes a common word (`Short ly` -> `Shortly`).
    let capitalised = pieces[0].chars().next().is_some_and(char::is_uppercase);
    let makes_common_word = || {
        crate::clean::words::lexicon::Lexicon::embedded()
            .zipf(&joined.to_lowercase())
            .is_some_and(|z| z >= MIN_ALL_WORDS_ZIPF)
    };
    let has_fragment = has_non_word
        || (!capitalised || pieces.len() >= 3 || makes_common_word())
            && pieces
                .iter()
                .any(|p| p.chars().count() <= 3 && !is_common_short(&p.to_lowercase()));
    let whole_word_split = whole_words && split_at_hyphenation_points(&pieces, &joined, vocabulary);
    // A lone hyphen between two pieces is a line-end hyphen: the pieces round it are one
    // word broken there (`out - skirts`), unless the lexicon knows them as a hyphenated
    // compound (`well - known`).
    let line_hyphen = run.windows(3).any(|w| {
        let letters = |t: &str| t.trim_matches(|c: char| !c.is_alphabetic()).to_string();
        is_lone_hyphen(w[1].1)
            && !vocabulary.is_known_outside_document(&[letters(w[0].1), letters(w[2].1)].join("-"))
    });
    if !has_fragment && !whole_word_split && !line_hyphen {
        return None;
    }
    let gaps = piece_tokens
        .windows(2)
        .map(|w| w[0].0 + w[0].1.len()..w[1].0)
        .collect();
    let (first, last_token) = (run[0], run[last]);
    Some(SplitWord {
        gaps,
        run: first.0..last_token.0 + last_token.1.len(),
    })
}

/// Whether whole-word `pieces` are the word `joined` split at its hyphenation points: a
/// common word or one the article prints whole elsewhere, ASCII letters, no open phrase,
/// every space at a hyphenation point.
fn split_at_hyphenation_points(pieces: &[&str], joined: &str, vocabulary: &Vocabulary<'_>) -> bool {
    let joined = joined.to_ascii_lowercase();
    if !joined.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let common = crate::clean::words::lexicon::Lexicon::embedded()
        .zipf(&joined)
        .is_some_and(|z| z >= MIN_ALL_WORDS_ZIPF);
    if !common && !vocabulary.document_has(&joined) {
        return false;
    }
    let lower: Vec<String> = pieces.iter().map(|p| p.to_ascii_lowercase()).collect();
    // The article `a` before a word is the open phrase far more often than the closed
    // word (`a broad`, `a long`, `a board`, `a head`).
    let open = |w: &[String]| {
        w[0] == "a"
            || OPEN_PHRASES
                .binary_search(&(w[0].as_str(), w[1].as_str()))
                .is_ok()
            || (PARTICLES.contains(&w[1].as_str()) && !BEFORE_PARTICLE.contains(&w[0].as_str()))
    };
    if lower.windows(2).any(open) {
        return false;
    }
    let mut at = Vec::with_capacity(pieces.len());
    let mut offset = 0;
    for piece in &pieces[..pieces.len() - 1] {
        offset += piece.len();
        at.push(offset);
    }
    breaks_at(&joined, &at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;

    fn joined(text: &str) -> String {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        joined_in(text, &vocabulary, false)
    }

    /// `text` with the joins [`split_words`] finds in it made.
    fn joined_in(text: &str, vocabulary: &Vocabulary<'_>, whole_words: bool) -> String {
        let mut out = text.to_string();
        for s in split_words(text, vocabulary, whole_words).iter().rev() {
            for gap in s.gaps.iter().rev() {
                out.replace_range(gap.clone(), "");
            }
        }
        out
    }

    #[test]
    fn the_common_short_words_are_sorted() {
        assert!(COMMON_SHORT.windows(2).all(|w| w[0] < w[1]));
        assert!(is_common_short("the") && !is_common_short("er"));
    }

    #[test]
    fn fragments_join_and_phrases_stay() {
        assert_eq!(
            joined("Fish er men say they re hearsed and al ready been made"),
            "Fishermen say they rehearsed and already been made"
        );
        assert_eq!(
            joined("bands had ar rived and the re tired in de pen dent ly"),
            "bands had arrived and the retired independently"
        );
        assert_eq!(
            joined("the energy reg u la - tor, raises the rate"),
            "the energy regulator, raises the rate"
        );
        assert_eq!(
            joined("a cross the river to the market"),
            "a cross the river to the market"
        );
        assert_eq!(joined("Short ly after dawn"), "Shortly after dawn");
        assert_eq!(
            joined("He met Tom Kins in Paris"),
            "He met Tom Kins in Paris"
        );
        assert_eq!(joined("prices rose - sharply"), "prices rose - sharply");
        // Whole words round a line-end hyphen are one word broken there, unless they
        // make a hyphenated compound.
        assert_eq!(
            joined("the out - skirts of town, a well - known face"),
            "the outskirts of town, a well - known face"
        );
        // Short words are words: the joined reading must be the likelier one.
        assert_eq!(
            joined("con vert ed to gas and a cap on elec tric i ty"),
            "converted to gas and a cap on electricity"
        );
    }

    #[test]
    fn whole_words_join_only_at_hyphenation_points_of_a_common_word() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        let join = |text: &str| joined_in(text, &vocabulary, true);
        assert_eq!(
            join("be cause some thing was with out light"),
            "because something was without light"
        );
        assert_eq!(join("some times some one came"), "sometimes someone came");
        // No hyphenation point there, or a phrase written apart: they stay.
        assert_eq!(
            join("it may be a part of the way"),
            "it may be a part of the way"
        );
        assert_eq!(
            join("he gave in to any one of them"),
            "he gave in to any one of them"
        );
        assert_eq!(
            join("over time a broad plan was under way"),
            "over time a broad plan was under way"
        );
        // Less common closed words join too (`timeline`, `warehouse`).
        assert_eq!(
            join("the time line and ware house"),
            "the timeline and warehouse"
        );
        // Not in a document read with split words: whole words never join.
        assert_eq!(joined("be cause the court yard"), "be cause the court yard");
    }

    #[test]
    fn a_word_the_article_prints_whole_elsewhere_joins_in_a_split_page() {
        let context = WordContext::default();
        let document = "By Ana Fonseca\n\nthe court yard was full, said Ana Fon se ca, \
                        and the home work waited.\n\nThe courtyard, the homework.\n";
        let vocabulary = Vocabulary::for_document(document, &context);
        let join = |text: &str, whole_words: bool| joined_in(text, &vocabulary, whole_words);
        assert_eq!(
            join("said Ana Fon se ca, and the court yard", true),
            "said Ana Fonseca, and the courtyard"
        );
        assert_eq!(join("the home work waited", true), "the homework waited");
        // Not attested, not common enough: the pieces stay.
        assert_eq!(join("said Ana Fon se cu", true), "said Ana Fon se cu");
        // Outside a page read with split words, attestation joins nothing.
        assert_eq!(
            join("said Ana Fon se ca, and the court yard", false),
            "said Ana Fon se ca, and the court yard"
        );
    }

    #[test]
    fn open_phrases_are_sorted() {
        assert!(OPEN_PHRASES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn joins_only_in_a_document_read_with_split_words() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        let mut edits = Vec::new();
        let one = vec![MappedText::from_raw(
            "the eigh bour ing town",
            Default::default(),
        )];
        let (kept, split) = join_split_words(one.clone(), &vocabulary, &mut edits);
        assert_eq!(kept, one);
        assert!(!split);
        let many = vec![MappedText::from_raw(
            "the neigh bour ing town, in de pen dent ly run, was pub lished by the reg u la - tor",
            Default::default(),
        )];
        let (out, split) = join_split_words(many, &vocabulary, &mut edits);
        assert!(split);
        assert_eq!(
            out[0].as_str(),
            "the neighbouring town, independently run, was published by the regulator"
        );
        assert_eq!(edits.len(), 4);
        assert_eq!(edits[3].before, "reg u la - tor");
    }
}
