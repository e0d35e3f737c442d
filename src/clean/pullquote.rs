//! Pass 6, pull-quotes: a standalone paragraph that repeats words of the body.
//!
//! Layouts lift a striking sentence out of the article and set it large between the
//! columns; copying brings it back as a paragraph of its own that says again what the
//! body already says. Such a paragraph becomes a pull-quote block where it stands (the
//! body keeps its sentence). It is recognised when its words — capitals, quote marks,
//! punctuation and a trailing attribution (`, the FO said.`) aside — occur as a run
//! inside another paragraph, and are long enough (eight words or more) not to repeat by
//! chance.

use std::collections::HashSet;

/// Fewest words a pull-quote must repeat.
const MIN_WORDS: usize = 8;
/// Most words a pull-quote has (a layout lifts a sentence or two, not a paragraph).
const MAX_WORDS: usize = 60;
/// Verbs that mark a trailing attribution after a quotation.
const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "states",
    "noted",
    "explained",
    "argued",
    "asked",
    "insisted",
    "warned",
    "wrote",
    "according",
];

/// Indices of the paragraphs in `paragraphs` that are pull-quotes.
pub fn find_pull_quotes(paragraphs: &[&str]) -> HashSet<usize> {
    let padded: Vec<String> = paragraphs.iter().map(|p| padded_normal_form(p)).collect();
    let mut found = vec![false; paragraphs.len()];
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let words = paragraph.split_whitespace().count();
        if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
            continue;
        }
        let quote = strip_attribution(paragraph);
        let needle = if quote.len() == paragraph.len() {
            std::borrow::Cow::Borrowed(&padded[i])
        } else {
            std::borrow::Cow::Owned(padded_normal_form(quote))
        };
        if needle.matches(' ').count() <= MIN_WORDS {
            continue;
        }
        let needle = needle.as_str();
        let repeats_another = padded.iter().enumerate().any(|(j, other)| {
            j != i
                && !found[j]
                && (other.len() > needle.len() || (other.len() == needle.len() && j < i))
                && other.contains(needle)
        });
        found[i] = repeats_another;
    }
    (0..paragraphs.len()).filter(|&i| found[i]).collect()
}

/// [`normalise`]d text with a space at each end, so a search matches whole words only.
fn padded_normal_form(text: &str) -> String {
    let mut padded = String::with_capacity(text.len() + 2);
    padded.push(' ');
    padded.push_str(&normalise(text));
    padded.push(' ');
    padded
}

/// Lowercase words separated by single spaces, without quote marks or punctuation.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The paragraph without a trailing attribution after its closing quote
/// (`“…,” the FO said.` → `“…,”`).
pub fn strip_attribution(paragraph: &str) -> &str {
    let Some(close) = paragraph.rfind(['”', '"']) else {
        return paragraph;
    };
    let tail = &paragraph[close..];
    let tail_words: Vec<String> = tail
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let is_attribution = (1..=8).contains(&tail_words.len())
        && tail_words
            .iter()
            .any(|w| ATTRIBUTION_VERBS.contains(&w.as_str()));
    if is_attribution {
        &paragraph[..close]
    } else {
        paragraph
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "At the third round, “the Afghan side tried to dilute the focus on the core issue of terrorism and expand the scope,” the statement from the FO said.";

    #[test]
    fn a_repeated_quote_with_attribution_is_a_pull_quote() {
        let pull = "“The Afghan side tried to dilute the focus on the core issue of terrorism and expand the scope,” the FO said.";
        let found = find_pull_quotes(&["Intro paragraph here.", BODY, pull]);
        assert_eq!(found, HashSet::from([2]));
    }

    #[test]
    fn short_repeats_and_unrelated_paragraphs_are_not() {
        let found = find_pull_quotes(&[
            BODY,
            "“The Afghan side tried,” he said.",
            "Something else entirely that is long enough to count.",
        ]);
        assert!(found.is_empty());
    }

    #[test]
    fn the_body_keeps_its_sentence_when_the_repeat_is_the_same_length() {
        let sentence = "The real question is whether we are willing to sit together at last.";
        let found = find_pull_quotes(&[sentence, "Other text.", sentence]);
        assert_eq!(found, HashSet::from([2]));
    }

    #[test]
    fn attribution_is_stripped_only_after_a_closing_quote() {
        assert_eq!(strip_attribution("“Go home,” the FO said."), "“Go home,");
        assert_eq!(
            strip_attribution("“Go home,” he said, adding more words to this tail here."),
            "“Go home,” he said, adding more words to this tail here."
        );
        assert_eq!(
            strip_attribution("No quote, he said."),
            "No quote, he said."
        );
        assert_eq!(normalise("“The Afghan—side,” said"), "the afghan side said");
    }
}
