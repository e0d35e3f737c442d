//! Which words count as known while the layout passes decide a line-end hyphen or a
//! drop cap ("is `implementation` a word? is `imple`?").
//!
//! Known words come from three places: the site's [`WordContext`] (its dictionary and the
//! words its other articles use), the words of the document itself (a word the author
//! wrote whole elsewhere is a word), and the embedded [`Lexicon`], consulted through
//! [`lexicon_knows`]. Fragments of the very damage being judged (the pieces around a
//! line-end hyphen, the tail of a drop cap) are not collected from the document.

use std::cell::OnceCell;

use super::words::{Lexicon, WordContext};

/// Known words for one document. The document's own words are collected on the first
/// question (most documents never ask one).
#[derive(Debug)]
pub struct Vocabulary<'a> {
    context: &'a WordContext,
    text: &'a str,
    document: OnceCell<DocumentWords<'a>>,
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of `text` (decoded, LF line ends) and the site's `context`.
    pub fn for_document(text: &'a str, context: &'a WordContext) -> Vocabulary<'a> {
        Vocabulary {
            context,
            text,
            document: OnceCell::new(),
        }
    }

    /// True when `word` (a word or a hyphenated compound) is known.
    pub fn is_known(&self, word: &str) -> bool {
        if word.is_empty() {
            return false;
        }
        let lower = word.to_lowercase();
        self.document_words().contains(&lower) || self.context.knows(word) || lexicon_knows(&lower)
    }

    fn document_words(&self) -> &DocumentWords<'a> {
        self.document
            .get_or_init(|| collect_document_words(self.text))
    }
}

/// The words of a document, as they stand in it. A document asks only a handful of
/// questions (one per line-end hyphen or drop cap), so a linear scan of its words beats
/// building a set of them.
#[derive(Debug)]
struct DocumentWords<'a> {
    /// ASCII words, in their own case.
    ascii: Vec<&'a str>,
    /// Other words, lowercased.
    other: Vec<String>,
}

impl DocumentWords<'_> {
    /// True when the document has a word whose lowercase form is `lowercase`.
    fn contains(&self, lowercase: &str) -> bool {
        self.ascii
            .iter()
            .any(|w| w.len() == lowercase.len() && w.eq_ignore_ascii_case(lowercase))
            || self.other.iter().any(|w| w == lowercase)
    }
}

/// The words of `text`, except damage fragments: the pieces around a line-end hyphen and
/// the word after a lone letter (a drop cap's tail).
fn collect_document_words(text: &str) -> DocumentWords<'_> {
    let mut words = DocumentWords {
        ascii: Vec::with_capacity(text.len() / 6),
        other: Vec::new(),
    };
    let mut previous_line = "";
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let skip_first = previous_line.ends_with('-') || is_at_most_two_chars(previous_line);
        let skip_last = line.ends_with('-');
        let mut tokens = line.split(' ').filter(|t| !t.is_empty()).peekable();
        let mut first = true;
        while let Some(token) = tokens.next() {
            let is_last = tokens.peek().is_none();
            if (first && skip_first) || (is_last && skip_last) {
                first = false;
                continue;
            }
            first = false;
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() {
                continue;
            }
            if word.is_ascii() {
                words.ascii.push(word);
            } else {
                words.other.push(word.to_lowercase());
            }
        }
        previous_line = line;
    }
    words
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

    #[test]
    fn site_words_are_known() {
        let mut context = WordContext::default();
        context.add_known_word("muhajireen");
        let v = Vocabulary::for_document("text\n", &context);
        assert!(v.is_known("muhajireen"));
        assert!(!v.is_known("zzyzx"));
    }
}
