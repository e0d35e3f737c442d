//! Which words count as known while the layout passes decide a line-end hyphen or a
//! drop cap ("is `implementation` a word? is `imple`?").
//!
//! Known words come from three places: the site's [`WordContext`] (its dictionary and the
//! words its other articles use), the words of the document itself (a word the author
//! wrote whole elsewhere is a word), and the embedded [`Lexicon`], consulted through
//! [`lexicon_knows`]. Fragments of the very damage being judged (the pieces around a
//! line-end hyphen, the tail of a drop cap) are not collected from the document.
//!
//! The document is searched for a word only when the lexicon and the site do not know
//! it, a substring search per question; a line-end hyphen's first piece and its compound
//! (`imple`, `imple-mentation`) share one search, as every place of the compound is a
//! place of the piece. A plain list of the document's words is the tests' reference.
//!
//! A search reads the whole document, so a document that asks many questions (a hyphen
//! at every line end) would cost the square of its length. After the first
//! `SEARCHES_BEFORE_INDEX` questions the document's words are therefore indexed once, in
//! one pass, and each further question is one look-up with the same answer. The few
//! questions the index cannot answer exactly (a word that ends in a mark, `u.s.`) are
//! still searched, at most `MAX_UNINDEXED_SEARCHES` of them per document; past that such
//! a word counts as unknown, so the work stays linear whatever the input.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::HashSet;

use super::words::{Lexicon, WordContext};

/// Known words for one document.
#[derive(Debug)]
pub struct Vocabulary<'a> {
    context: &'a WordContext,
    text: &'a str,
    /// `text` with ASCII letters lowercased, made when the document is first searched.
    lowered: OnceCell<Vec<u8>>,
    /// How many questions have searched the document so far.
    searches: Cell<usize>,
    /// The document's words, indexed after `SEARCHES_BEFORE_INDEX` searches.
    index: OnceCell<DocumentWords>,
}

/// Questions answered by searching the document before its words are indexed: a
/// typical article asks fewer, and a search is cheaper than the index until then.
const SEARCHES_BEFORE_INDEX: usize = 16;

/// Questions the index cannot answer that are still searched, per document.
const MAX_UNINDEXED_SEARCHES: usize = 64;

impl<'a> Vocabulary<'a> {
    /// The vocabulary of `text` (decoded, LF line ends) and the site's `context`.
    pub fn for_document(text: &'a str, context: &'a WordContext) -> Vocabulary<'a> {
        Vocabulary {
            context,
            text,
            lowered: OnceCell::new(),
            searches: Cell::new(0),
            index: OnceCell::new(),
        }
    }

    /// True when `word` (a word or a hyphenated compound) is known. The lexicon and the
    /// site answer most questions; only a word they do not know is looked for in the
    /// document.
    pub fn is_known(&self, word: &str) -> bool {
        self.is_known_outside_document(word) || self.document_has(word)
    }

    /// The words `word` (lower case) clearly splits into when it is words glued
    /// together (see [`crate::clean::words::glue::clear_split_of_lower_case`]).
    pub fn glued_pieces(&self, word: &str) -> Option<Vec<String>> {
        super::words::glue::clear_split_of_lower_case(word, self.context)
    }

    /// Whether `word` (lower case) is a keyboard slip of one common word, as the typo
    /// pass would correct it (`explaned` for `explained`): a damaged word, not a piece of
    /// a longer one.
    pub fn is_slip_of_a_word(&self, word: &str) -> bool {
        let words = super::words::slip_vocabulary(self.context);
        matches!(
            super::words::typo::correct_slip(
                word,
                words.standing_given(word, words.entry(word)),
                false,
                &words
            ),
            super::words::Verdict::Replace { .. }
        )
    }

    /// The first two of [`Self::is_known`]'s sources: the lexicon and the site.
    pub fn is_known_outside_document(&self, word: &str) -> bool {
        !word.is_empty() && (lexicon_knows(&lowercase(word)) || self.context.knows(word))
    }

    /// The last of [`Self::is_known`]'s sources: the document holds `word` (outside damage
    /// fragments).
    pub fn document_has(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        let lower = lowercase(word);
        match self.index().map(|index| index.answer(&lower)) {
            Some(Some(answer)) => answer,
            Some(None) if self.searches.get() >= SEARCHES_BEFORE_INDEX + MAX_UNINDEXED_SEARCHES => {
                false
            }
            _ => {
                self.searches.set(self.searches.get() + 1);
                super::work::read(self.text.len());
                document_has_word(self.text, self.lowered(), &lower)
            }
        }
    }

    /// The index of the document's words, once enough questions have been searched for
    /// it to be cheaper than searching.
    fn index(&self) -> Option<&DocumentWords> {
        if self.searches.get() < SEARCHES_BEFORE_INDEX {
            return None;
        }
        Some(self.index.get_or_init(|| {
            super::work::read(self.text.len());
            DocumentWords::of(self.text)
        }))
    }

    /// [`Self::document_has`] of `word` and of the compound `word-rest`, answered by one
    /// search of the document (for `word`, which every place of the compound starts
    /// with) rather than two.
    pub fn document_has_with_compound(&self, word: &str, rest: &str) -> (bool, bool) {
        let (lower, lower_rest) = (lowercase(word), lowercase(rest));
        if let Some(index) = self.index() {
            // What the index cannot answer goes to `document_has`, which searches it
            // within the document's allowance of such searches.
            let compound = [word, "-", rest].concat();
            let has_word = index
                .answer(&lower)
                .unwrap_or_else(|| self.document_has(word));
            let has_compound = index
                .answer(&lowercase(&compound))
                .unwrap_or_else(|| self.document_has(&compound));
            return (has_word, has_compound);
        }
        self.searches.set(self.searches.get() + 1);
        super::work::read(self.text.len());
        document_has_word_and_compound(self.text, self.lowered(), &lower, &lower_rest)
            .unwrap_or_else(|| {
                let compound = [word, "-", rest].concat();
                (self.document_has(word), self.document_has(&compound))
            })
    }

    fn lowered(&self) -> &[u8] {
        self.lowered
            .get_or_init(|| self.text.to_ascii_lowercase().into_bytes())
    }
}

/// The words of a document outside damage fragments (as [`document_has_word`] finds
/// them), collected in one pass: each question is then one look-up.
#[derive(Debug, Default)]
struct DocumentWords {
    /// Words of ASCII characters, ASCII-lowercased: the words the substring search finds.
    ascii: HashSet<Box<[u8]>>,
    /// Every word, lowercased as [`word_matches`] compares them (ASCII ones ASCII-only):
    /// the words of [`document_words_reference`].
    all: HashSet<Box<str>>,
}

impl DocumentWords {
    /// Walks the document's lines and tokens once, with the rules of
    /// [`is_whole_word_outside_fragments`]: a token is the text between spaces and line
    /// breaks, its word the token without the non-alphanumeric characters at its ends;
    /// the last token of a line that ends in a hyphen, and the first of a line after
    /// one that ends in a hyphen or has at most two characters, are fragments.
    fn of(text: &str) -> DocumentWords {
        let mut words = DocumentWords::default();
        // The last non-blank line before: ends with a hyphen, or has at most two chars.
        let mut after_fragment_line = true;
        for line in text.split('\n') {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let ends_with_hyphen = trimmed.ends_with('-');
            let tokens: Vec<&str> = line.split(' ').collect();
            let blank = |t: &&str| t.trim().is_empty();
            let first = tokens.iter().position(|t| !blank(t)).unwrap_or(0);
            let last = tokens.iter().rposition(|t| !blank(t)).unwrap_or(0);
            for (k, token) in tokens.iter().enumerate() {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                let fragment =
                    (k >= last && ends_with_hyphen) || (k <= first && after_fragment_line);
                if word.is_empty() || fragment {
                    continue;
                }
                if word.is_ascii() {
                    let lower = word.to_ascii_lowercase();
                    if !words.ascii.contains(lower.as_bytes()) {
                        words.all.insert(lower.as_str().into());
                        words.ascii.insert(lower.into_bytes().into());
                    }
                } else {
                    words.all.insert(word.to_lowercase().into());
                }
            }
            after_fragment_line = ends_with_hyphen || is_at_most_two_chars(trimmed);
        }
        words
    }

    /// [`document_has_word`] of `lowercase`, where this index knows the answer exactly:
    /// not for an ASCII word that starts with a letter or digit but ends with a mark or
    /// holds a space (its substring search may match part of a token's ending marks).
    fn answer(&self, lowercase: &str) -> Option<bool> {
        let bytes = lowercase.as_bytes();
        let first = *bytes.first()?;
        if !first.is_ascii_alphanumeric() || !lowercase.is_ascii() {
            return Some(self.all.contains(lowercase));
        }
        let last = *bytes.last()?;
        if !last.is_ascii_alphanumeric() || bytes.iter().any(|&b| b == b' ' || b == b'\n') {
            return None;
        }
        Some(self.ascii.contains(bytes))
    }
}

/// `word` in lower case, borrowed when it already is (the usual case: the pieces around
/// a line-end hyphen are mostly lower-case ASCII).
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// True when `text` holds `lowercase` as a word (in any case) outside damage fragments:
/// the pieces around a line-end hyphen and the word after a lone letter (a drop cap's
/// tail) do not count.
///
/// A word here is a space-separated token of a trimmed line with the non-alphanumeric
/// characters at its ends taken off. A document asks only a handful of these questions
/// (one per line-end hyphen or drop cap), so each is a substring search (memmem) for the
/// whole word in `lowered` (`text` with its ASCII letters lowercased) rather than a set
/// of all the document's words built in advance.
fn document_has_word(text: &str, lowered: &[u8], lowercase: &str) -> bool {
    let Some(&first) = lowercase.as_bytes().first() else {
        return false;
    };
    if !first.is_ascii_alphanumeric() || !lowercase.is_ascii() {
        return document_words_reference(text).any(|word| word_matches(word, lowercase));
    }
    // `lowercase` is already lower case (ASCII here), as `lowered` is.
    let needle = lowercase.as_bytes();
    let finder = memchr::memmem::Finder::new(needle);
    // Every start, overlapping ones too: a match inside a longer one may be the word.
    let mut from = 0;
    while let Some(found) = finder.find(&lowered[from..]) {
        let at = from + found;
        if is_whole_word_outside_fragments(text, at, at + needle.len()) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// [`document_has_word`] of `lowercase` and of `lowercase-rest` (`rest` also lower case),
/// found together: every place of the compound is a place of `lowercase`, so one scan for
/// `lowercase` finds both. `None` for words this scan does not handle (not ASCII, or not
/// starting and ending with a letter or digit), which [`document_has_word`] answers one
/// by one.
fn document_has_word_and_compound(
    text: &str,
    lowered: &[u8],
    lowercase: &str,
    rest: &str,
) -> Option<(bool, bool)> {
    let first = *lowercase.as_bytes().first()?;
    let last = *rest.as_bytes().last()?;
    if !first.is_ascii_alphanumeric()
        || !last.is_ascii_alphanumeric()
        || !lowercase.is_ascii()
        || !rest.is_ascii()
    {
        return None;
    }
    let needle = lowercase.as_bytes();
    let compound_end = needle.len() + 1 + rest.len();
    let finder = memchr::memmem::Finder::new(needle);
    let (mut has_word, mut has_compound) = (false, false);
    let mut from = 0;
    while let Some(found) = finder.find(&lowered[from..]) {
        let at = from + found;
        let end = at + needle.len();
        if !has_word && is_whole_word_outside_fragments(text, at, end) {
            has_word = true;
        }
        let after = &lowered[end..];
        if !has_compound
            && after.first() == Some(&b'-')
            && after[1..].starts_with(rest.as_bytes())
            && is_whole_word_outside_fragments(text, at, at + compound_end)
        {
            has_compound = true;
        }
        if has_word && has_compound {
            break;
        }
        from = at + 1;
    }
    Some((has_word, has_compound))
}

/// Whether `text[at..end]` is a whole word of its token (only non-alphanumeric
/// characters between it and the token's ends) and the token is no damage fragment.
fn is_whole_word_outside_fragments(text: &str, at: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let is_break = |b: &u8| *b == b' ' || *b == b'\n';
    let token_start = bytes[..at].iter().rposition(is_break).map_or(0, |p| p + 1);
    let token_end = bytes[end..]
        .iter()
        .position(is_break)
        .map_or(bytes.len(), |p| end + p);
    let no_alphanumeric = |s: &str| !s.chars().any(char::is_alphanumeric);
    if !no_alphanumeric(&text[token_start..at]) || !no_alphanumeric(&text[end..token_end]) {
        return false;
    }
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line_end = memchr::memchr(b'\n', &bytes[end..]).map_or(bytes.len(), |p| end + p);
    let line = text[line_start..line_end].trim();
    let is_first = text[line_start..token_start].trim().is_empty();
    let is_last = text[token_end..line_end].trim().is_empty();
    if is_last && line.ends_with('-') {
        return false;
    }
    if is_first {
        let previous_line = text[..line_start]
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if previous_line.ends_with('-') || is_at_most_two_chars(previous_line) {
            return false;
        }
    }
    true
}

/// `word` (as it stands in the document) is `lowercase` in some case.
fn word_matches(word: &str, lowercase: &str) -> bool {
    if word.is_ascii() {
        word.len() == lowercase.len() && word.eq_ignore_ascii_case(lowercase)
    } else {
        word.to_lowercase() == lowercase
    }
}

/// The words of `text`, except damage fragments: the pieces around a line-end hyphen and
/// the word after a lone letter (a drop cap's tail). The plain statement of what
/// [`document_has_word`] finds faster; used for words that are not ASCII (whose case
/// folding bytes cannot do), and by the tests as the reference.
fn document_words_reference(text: &str) -> impl Iterator<Item = &str> {
    let mut previous_line = "";
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .flat_map(move |line| {
            let skip_first = previous_line.ends_with('-') || is_at_most_two_chars(previous_line);
            let skip_last = line.ends_with('-');
            previous_line = line;
            let tokens: Vec<&str> = line.split(' ').filter(|t| !t.is_empty()).collect();
            let count = tokens.len();
            tokens
                .into_iter()
                .enumerate()
                .filter_map(move |(i, token)| {
                    let fragment = (i == 0 && skip_first) || (i + 1 == count && skip_last);
                    let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                    (!fragment && !word.is_empty()).then_some(word)
                })
        })
}

/// `text.chars().count() <= 2`, without counting a long line to its end.
fn is_at_most_two_chars(text: &str) -> bool {
    text.len() <= 2 || text.chars().nth(2).is_none()
}

/// The embedded lexicon's verdict: a dictionary word, or one frequent enough in running
/// text not to be a fragment (the frequency list alone also holds `imple`-like debris of
/// web text, so rare entries found only there do not count).
pub fn lexicon_knows(word: &str) -> bool {
    Lexicon::embedded()
        .lookup(word)
        .is_some_and(|entry| entry.in_dictionary() || entry.zipf() >= MIN_FREQUENT_ZIPF)
}

/// Zipf frequency from which a word the dictionary does not list still counts as known
/// (about once per ten million words).
const MIN_FREQUENT_ZIPF: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_words_are_known_but_damage_fragments_are_not() {
        let context = WordContext::default();
        let v = Vocabulary::for_document(
            "The imple-\nmentation of the well-known plan.\nN\neighbours agree.\n",
            &context,
        );
        assert!(v.is_known("plan"));
        assert!(v.is_known("Well-known"));
        assert!(!v.is_known("imple"));
        assert!(!v.is_known("mentation"));
        assert!(!v.is_known("eighbours"));
        assert!(v.is_known("agree"));
    }

    #[test]
    fn the_lexicon_knows_words_but_not_fragments() {
        assert!(lexicon_knows("implementation"));
        assert!(lexicon_knows("Neighbours"));
        assert!(!lexicon_knows("mentation"));
        assert!(!lexicon_knows("eighbours"));
    }

    /// The scan for one word agrees with the plain list of the document's words, for
    /// every word of generated documents full of hyphens, drop caps and punctuation, and
    /// for words that are not in them.
    #[test]
    fn the_word_scan_agrees_with_the_word_list() {
        const PIECES: &[&str] = &[
            "plan",
            "Plan",
            "PLAN",
            "imple-",
            "mentation",
            "well-known",
            "N",
            "eighbours",
            "A",
            "“Quote,”",
            "(plan)",
            "plan.",
            "end-",
            "—",
            "x",
            "Erdoğan",
            "ERDOĞAN",
            "café",
            "12",
            "it’s",
            "plan-",
            "de",
            "a-b",
            "U.S.,",
            "u.s.",
            "(x)-",
            "\u{2002}",
            "\n",
            "\n",
            "\n\n",
            "  ",
        ];
        let mut state: u64 = 0x1234_5678_9ABC_DEF1;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
                text.push(if state % 5 == 0 { '\n' } else { ' ' });
            }
            let listed: Vec<String> = document_words_reference(&text)
                .map(str::to_lowercase)
                .collect();
            let questions = listed.iter().map(String::as_str).chain([
                "plan",
                "imple",
                "mentation",
                "eighbours",
                "end",
                "erdoğan",
                "b",
                "zzz",
                "a",
            ]);
            let lowered = text.to_ascii_lowercase().into_bytes();
            let has = |word: &str| listed.iter().any(|w| w == word);
            let questions: Vec<&str> = questions.collect();
            let index = DocumentWords::of(&text);
            for &question in &questions {
                assert_eq!(
                    document_has_word(&text, &lowered, question),
                    has(question),
                    "{question:?} in {text:?}"
                );
                if let Some(indexed) = index.answer(question) {
                    assert_eq!(indexed, has(question), "{question:?} indexed, in {text:?}");
                }
            }
            // Each question with the first piece of each other, as a compound.
            for &word in &questions {
                for &rest in &questions {
                    let Some(rest) = rest.split('-').next() else {
                        continue;
                    };
                    let answers = document_has_word_and_compound(&text, &lowered, word, rest);
                    if let Some(answers) = answers {
                        let compound = [word, "-", rest].concat();
                        assert_eq!(
                            answers,
                            (has(word), has(&compound)),
                            "{word:?}, {compound:?} in {text:?}"
                        );
                        if let Some(indexed) = index.answer(&compound) {
                            assert_eq!(indexed, has(&compound), "{compound:?} indexed");
                        }
                    }
                }
            }
        }
    }

    /// However many questions a document asks, it is read a bounded number of times:
    /// searched for the first questions, indexed once, then searched again only for the
    /// words the index cannot answer (`u.s.`), up to a limit.
    #[test]
    fn a_document_is_read_a_bounded_number_of_times() {
        let context = WordContext::default();
        let text = "The U.S.-\nled talks and the imple-\nmentation of U.S. plans.\n".repeat(50);
        let v = Vocabulary::for_document(&text, &context);
        let reads_before = crate::clean::work::done();
        for round in 0..400 {
            // Each answer is the plain search's, before the index and after it.
            let plain = |word: &str| document_has_word(&text, v.lowered(), &lowercase(word));
            let (piece, compound) = v.document_has_with_compound("imple", "mentation");
            assert_eq!(
                (piece, compound),
                (plain("imple"), plain("imple-mentation"))
            );
            assert_eq!(v.document_has("talks"), plain("talks"), "round {round}");
            if round < SEARCHES_BEFORE_INDEX {
                assert_eq!(v.document_has("u.s."), plain("u.s."));
            }
            v.document_has_with_compound("U.S.", "led");
            v.document_has("u.s.");
        }
        let read = crate::clean::work::done() - reads_before;
        let most = (SEARCHES_BEFORE_INDEX + MAX_UNINDEXED_SEARCHES + 1) * (1 + text.len() / 64);
        assert!(read <= most as u64, "{read} > {most}");
    }

    #[test]
    fn site_words_are_known() {
        let mut context = WordContext::default();
        context.add_known_word("muhajireen");
        let v = Vocabulary::for_document("text\n", &context);
        assert!(v.is_known("muhajireen"));
        assert!(!v.is_known("zzyzx"));
    }
}
