//! Pass 6, pull-quotes: a standalone paragraph that repeats words of the body.
//!
//! Layouts lift a striking sentence out of the article and set it large between the
//! columns; copying brings it back as a paragraph of its own that says again what the
//! body already says. Such a paragraph becomes a pull-quote block where it stands (the
//! body keeps its sentence). It is recognised when its words — capitals, quote marks,
//! punctuation and a trailing attribution (`, the FO said.`) aside — occur as a run
//! inside another paragraph, and are long enough (eight words or more) not to repeat by
//! chance.

use std::borrow::Cow;
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
    let candidates: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| {
            (MIN_WORDS..=MAX_WORDS).contains(&count_words_up_to(paragraphs[i], MAX_WORDS + 1))
        })
        .collect();
    if candidates.is_empty() {
        return HashSet::new();
    }
    let document = NormalDocument::new(paragraphs);
    let needles: Vec<(usize, Cow<'_, str>)> = candidates
        .into_iter()
        .filter_map(|i| {
            let paragraph = paragraphs[i];
            let quote = strip_attribution(paragraph);
            let needle = if quote.len() == paragraph.len() {
                Cow::Borrowed(document.paragraph(i))
            } else {
                Cow::Owned(padded_normal_form(quote))
            };
            let spaces = needle.bytes().filter(|&b| b == b' ').count();
            (spaces > MIN_WORDS).then_some((i, needle))
        })
        .collect();
    let texts: Vec<&str> = needles.iter().map(|(_, n)| n.as_ref()).collect();
    let containing = document.paragraphs_containing(&texts);
    // In paragraph order: a paragraph already found to be a pull-quote is no source.
    let mut found = vec![false; paragraphs.len()];
    for ((i, needle), sources) in needles.iter().zip(containing) {
        found[*i] = sources.into_iter().any(|j| {
            let other = document.paragraph(j);
            j != *i
                && !found[j]
                && (other.len() > needle.len() || (other.len() == needle.len() && j < *i))
        });
    }
    (0..paragraphs.len()).filter(|&i| found[i]).collect()
}

/// The number of whitespace-separated words in `text`, counting no further than `limit`.
fn count_words_up_to(text: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words >= limit {
                break;
            }
        }
        in_word = !space;
    }
    words
}

/// Every paragraph's padded normal form, in one string separated by newlines (which a
/// normal form never holds, so a match never spans two paragraphs).
struct NormalDocument {
    text: String,
    /// Byte range of each paragraph's padded normal form in `text`.
    spans: Vec<std::ops::Range<usize>>,
}

/// Bytes of a needle's start that [`NormalDocument::paragraphs_containing`] indexes.
const PREFIX_BYTES: usize = 16;

impl NormalDocument {
    fn new(paragraphs: &[&str]) -> NormalDocument {
        let mut text = String::with_capacity(paragraphs.iter().map(|p| p.len() + 3).sum());
        let mut spans = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let start = text.len();
            text.push(' ');
            push_normal_form(paragraph, &mut text);
            text.push(' ');
            spans.push(start..text.len());
            text.push('\n');
        }
        NormalDocument { text, spans }
    }

    fn paragraph(&self, i: usize) -> &str {
        &self.text[self.spans[i].clone()]
    }

    /// For each needle (a padded normal form, so it starts with a space), the paragraphs
    /// that contain it, in order. One pass over the text serves every needle: at each
    /// space, the next [`PREFIX_BYTES`] bytes are compared with the needles' first bytes
    /// (through a 64-bit filter), and only a needle whose start agrees is compared whole.
    fn paragraphs_containing(&self, needles: &[&str]) -> Vec<Vec<usize>> {
        let mut containing = vec![Vec::new(); needles.len()];
        let keys: Vec<Option<u128>> = needles.iter().map(|n| prefix_key(n.as_bytes())).collect();
        for (k, needle) in needles.iter().enumerate() {
            if keys[k].is_none() {
                containing[k] = self.paragraphs_containing_short(needle);
            }
        }
        let filter = keys
            .iter()
            .flatten()
            .fold(0u64, |f, &key| f | filter_bit(key));
        if filter == 0 {
            return containing;
        }
        let bytes = self.text.as_bytes();
        let mut paragraph = 0;
        for at in (0..bytes.len()).filter(|&at| bytes[at] == b' ') {
            let Some(key) = prefix_key(&bytes[at..]) else {
                break;
            };
            if filter & filter_bit(key) == 0 {
                continue;
            }
            while self.spans[paragraph].end <= at {
                paragraph += 1;
            }
            for (k, needle) in needles.iter().enumerate() {
                if keys[k] == Some(key)
                    && bytes[at..].starts_with(needle.as_bytes())
                    && containing[k].last() != Some(&paragraph)
                {
                    containing[k].push(paragraph);
                }
            }
        }
        containing
    }

    /// The paragraphs containing a needle too short to index, by plain search.
    fn paragraphs_containing_short(&self, needle: &str) -> Vec<usize> {
        (0..self.spans.len())
            .filter(|&j| self.paragraph(j).contains(needle))
            .collect()
    }
}

/// The first [`PREFIX_BYTES`] bytes of `bytes` as one number, if it has that many.
fn prefix_key(bytes: &[u8]) -> Option<u128> {
    let prefix: [u8; PREFIX_BYTES] = bytes.get(..PREFIX_BYTES)?.try_into().ok()?;
    Some(u128::from_le_bytes(prefix))
}

/// One of 64 bits, chosen by a multiplicative hash of `key`.
fn filter_bit(key: u128) -> u64 {
    let folded = (key as u64) ^ ((key >> 64) as u64);
    1 << (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// [`normalise`]d text with a space at each end, so a search matches whole words only.
fn padded_normal_form(text: &str) -> String {
    let mut padded = String::with_capacity(text.len() + 2);
    padded.push(' ');
    push_normal_form(text, &mut padded);
    padded.push(' ');
    padded
}

/// Lowercase words separated by single spaces, without quote marks or punctuation.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normal_form(text, &mut out);
    out
}

/// Appends the [`normalise`]d form of `text` to `out`: runs of alphanumeric characters,
/// lowercased, one space between runs.
fn push_normal_form(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    let mut rest = text;
    while let Some(&byte) = rest.as_bytes().first() {
        let (alphanumeric, len) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let c = rest.chars().next().expect("not empty");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            if byte.is_ascii() {
                out.push(char::from(byte.to_ascii_lowercase()));
            } else {
                out.extend(rest[..len].chars().flat_map(char::to_lowercase));
            }
        } else {
            gap = true;
        }
        rest = &rest[len..];
    }
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

    /// The straightforward search (every needle against every paragraph), as an oracle.
    fn pull_quotes_by_plain_search(paragraphs: &[&str]) -> HashSet<usize> {
        let padded: Vec<String> = paragraphs.iter().map(|p| padded_normal_form(p)).collect();
        let mut found = vec![false; paragraphs.len()];
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let words = paragraph.split_whitespace().count();
            if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
                continue;
            }
            let needle = padded_normal_form(strip_attribution(paragraph));
            if needle.matches(' ').count() <= MIN_WORDS {
                continue;
            }
            found[i] = padded.iter().enumerate().any(|(j, other)| {
                j != i
                    && !found[j]
                    && (other.len() > needle.len() || (other.len() == needle.len() && j < i))
                    && other.contains(needle.as_str())
            });
        }
        (0..paragraphs.len()).filter(|&i| found[i]).collect()
    }

    #[test]
    fn the_one_pass_search_agrees_with_plain_search() {
        const WORDS: &[&str] = &[
            "a", "I", "the", "talks", "“Go", "home,”", "said", "Ali.", "we", "it", "to", "on",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..300 {
            let mut paragraphs: Vec<String> = (0..1 + next(6))
                .map(|_| {
                    let len = 6 + next(20);
                    (0..len)
                        .map(|_| WORDS[next(WORDS.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            // Repeat a run of words of one paragraph as a paragraph of its own.
            let source: Vec<String> = paragraphs[next(paragraphs.len())]
                .split(' ')
                .map(String::from)
                .collect();
            let from = next(source.len());
            let to = (from + 8 + next(8)).min(source.len());
            let attribution = if next(2) == 0 { ", he said." } else { "" };
            let at = next(paragraphs.len() + 1);
            paragraphs.insert(at, format!("{}{attribution}", source[from..to].join(" ")));
            let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            assert_eq!(
                find_pull_quotes(&texts),
                pull_quotes_by_plain_search(&texts),
                "{texts:#?}"
            );
        }
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
