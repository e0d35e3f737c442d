//! Words an extractor split at their hyphenation points: pypdf reads a PDF whose
//! justified columns carry soft hyphens as `eigh bour ing ﬁsh er men`.
//!
//! A run of two to six pieces on one line is joined when the joined word is known
//! (lexicon or site) and at least one piece is a fragment: not a word, or a short piece
//! that is no common short word (`er`, `al`, `de`); a capitalised run only when it has three
//! pieces or a piece is no word at all (`He met` is not `Hemet`). Ordinary copy never has such runs, so
//! the joins are made only in a document that has at least [`SPLIT_DOCUMENT`] runs whose
//! pieces include a non-word: a page read that way, not a phrase like `a cross` or `for
//! mat` in clean text.

use std::ops::Range;

use crate::clean::vocabulary::Vocabulary;

/// Runs with a non-word piece that mark a document as read with split words.
pub const SPLIT_DOCUMENT: usize = 3;

/// Short words that are words, not fragments, when they stand between others.
const COMMON_SHORT: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "is", "it",
    "as", "be", "we", "he", "she", "i", "my", "me", "us", "our", "you", "his", "her", "its", "was",
    "are", "has", "had", "not", "no", "so", "do", "if", "up", "out", "off", "day", "new", "one",
    "two", "all", "any", "can", "may", "who", "how", "why", "now", "see", "own", "way", "war",
    "end", "yet", "few", "age", "per", "via", "did", "got", "let", "put", "too", "say", "set",
    "old", "big", "far", "men", "man", "law", "oil", "top", "low", "key", "run", "far", "son",
    "six", "ten", "she", "him", "they", "them",
];

/// A join found on a line: the byte ranges (in the line) of the spaces to remove, and
/// whether one of its pieces is not a word at all.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitWord {
    pub spaces: Vec<Range<usize>>,
    pub has_non_word: bool,
}

/// The split words of `line`.
pub fn split_words(line: &str, vocabulary: &Vocabulary<'_>) -> Vec<SplitWord> {
    let tokens: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |at, t| {
            let start = *at;
            *at += t.len() + 1;
            Some((start, t))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut joined_here = false;
        for n in (2..=6).rev() {
            if i + n > tokens.len() {
                continue;
            }
            if let Some(split) = join_run(&tokens[i..i + n], vocabulary) {
                // `they re hearsed`: a whole word followed by pieces that make a word of
                // their own keeps its space (not `theyre hearsed`).
                let word_first = tokens[i].1.chars().count() >= 4
                    && vocabulary.is_known_outside_document(tokens[i].1);
                let rest_joins = (2..=6)
                    .filter(|m| i + 1 + m <= tokens.len())
                    .any(|m| join_run(&tokens[i + 1..i + 1 + m], vocabulary).is_some());
                if word_first && rest_joins {
                    break;
                }
                found.push(split);
                i += n;
                joined_here = true;
                break;
            }
        }
        if !joined_here {
            i += 1;
        }
    }
    found
}

fn join_run(run: &[(usize, &str)], vocabulary: &Vocabulary<'_>) -> Option<SplitWord> {
    let last = run.len() - 1;
    let mut pieces = Vec::with_capacity(run.len());
    for (k, (_, token)) in run.iter().enumerate() {
        let core = match k {
            0 => token.trim_start_matches(['“', '‘', '"', '\'', '(']),
            _ => token,
        };
        let core = if k == last {
            core.trim_end_matches(|c: char| !c.is_alphabetic())
        } else {
            core
        };
        let capital_inside = k > 0 && core.chars().next().is_some_and(char::is_uppercase);
        if core.is_empty() || capital_inside || !core.chars().all(char::is_alphabetic) {
            return None;
        }
        pieces.push(core);
    }
    let joined: String = pieces.concat();
    if joined.chars().count() < 5 || !vocabulary.is_known_outside_document(&joined) {
        return None;
    }
    let lower = |p: &str| p.to_lowercase();
    let has_non_word = pieces
        .iter()
        .any(|p| !vocabulary.is_known_outside_document(p));
    // A capitalised pair (`He met` -> `Hemet`) joins only when a piece is no word at all.
    let capitalised = pieces[0].chars().next().is_some_and(char::is_uppercase);
    let has_fragment = has_non_word
        || (!capitalised || pieces.len() >= 3)
            && pieces
                .iter()
                .any(|p| p.chars().count() <= 3 && !COMMON_SHORT.contains(&lower(p).as_str()));
    if !has_fragment {
        return None;
    }
    let spaces = run
        .windows(2)
        .map(|w| {
            let end = w[1].0;
            let start = w[0].0 + w[0].1.len();
            start..end
        })
        .collect();
    Some(SplitWord {
        spaces,
        has_non_word,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;

    #[test]
    fn fragments_join_and_phrases_stay() {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        let line = "Fish er men say they re hearsed and al ready been made";
        let found = split_words(line, &vocabulary);
        let mut joined = line.to_string();
        for s in found.iter().rev() {
            for r in s.spaces.iter().rev() {
                joined.replace_range(r.clone(), "");
            }
        }
        assert_eq!(joined, "Fishermen say they rehearsed and already been made");
        assert!(split_words("a cross the river to the market", &vocabulary).is_empty());
        assert!(split_words("He met Tom Kins in Paris", &vocabulary).is_empty());
    }
}
