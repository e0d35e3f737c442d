//! Spaces lost after punctuation and around numbers where an e-paper viewer glued its
//! spans: `eighteen months,warning that`, `a critic and translator.Her most recent
//! book`, `up 40percent`.
//!
//! Prose never sets a comma or a semicolon between two letters, nor a sentence's full
//! stop between a lower-case word and a capitalised one, so a space is put back there:
//! after `,` or `;` with a letter on each side or a number before and a lower-case word
//! after (`71,whohas`), after `:` between lower-case letters (`way:this`), and after
//! `.`, `!` or `?` with two lower-case letters before it and a capital and a lower-case
//! letter after it (or an opening quotation mark and then those: `said.“The`); and after
//! a closing quotation mark that follows punctuation and touches a letter (`clean,”she
//! said`). Numbers (`1,200`), abbreviations (`e.g.`, `U.S.A.`, `Ph.D`), and anything in a
//! token holding `@`, `/` or `www` (addresses, handles, links) are left as they are.
//!
//! Around a number a space goes back between it and a word of four lower-case letters or
//! more after it (`40percent`, `200players`; not `1990s`, `21st`, `10km`), and between a
//! common word and a number of two digits or more after it (`in2013`, `for35years`; not
//! `mp3`, `g20`, a code such as `abc123`).

use crate::clean::mapped::MappedText;
use crate::clean::Edit;

/// `paragraph` with the spaces lost after its punctuation put back, an edit for each.
pub fn restore_spaces(paragraph: &MappedText, edits: &mut Vec<Edit>) -> MappedText {
    let text = paragraph.as_str();
    let gaps = lost_spaces(text);
    if gaps.is_empty() {
        return paragraph.clone();
    }
    let mut out = MappedText::with_capacity(text.len() + gaps.len(), gaps.len() * 2 + 2);
    let mut copied = 0;
    for at in gaps {
        out.push_slice(paragraph, copied, at);
        out.push_replacement(" ", paragraph.position_at(at));
        copied = at;
        let mark_at = text[..at].char_indices().next_back().map_or(0, |(i, _)| i);
        edits.push(Edit {
            pass: "punctuation_space",
            position: paragraph.position_at(mark_at),
            before: text[mark_at..at].to_string(),
            after: format!("{} ", &text[mark_at..at]),
            reason: "space lost between two words (after punctuation, or at a number) put back"
                .into(),
            confidence: 0.9,
        });
    }
    out.push_slice(paragraph, copied, text.len());
    out
}

/// The byte offsets, just after a punctuation mark or at a number's edge, where a
/// space was lost, in order.
fn lost_spaces(text: &str) -> Vec<usize> {
    let mut found = lost_after_punctuation(text);
    found.extend(lost_at_numbers(text));
    found.sort_unstable();
    found.dedup();
    found
}

/// Letters a word glued before a number must at least be this frequent (Zipf): common
/// words (`in`, `for`, `since`), not the letters of a code or a model (`mp3`, `abc123`).
const MIN_WORD_BEFORE_NUMBER_ZIPF: f32 = 4.5;
/// The fewest lower-case letters of a word glued after a number: shorter runs are
/// suffixes and units (`1990s`, `21st`, `10km`, `5pm`).
const MIN_WORD_AFTER_NUMBER_LETTERS: usize = 4;

/// The byte offsets at a number's edges where a space was lost (`40percent`, `in2013`).
fn lost_at_numbers(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (start, token) in super::split_words::space_tokens(text) {
        if !token.bytes().any(|b| b.is_ascii_digit()) || in_address(text, start) {
            continue;
        }
        let runs = letter_and_digit_runs(token);
        for pair in runs.windows(2) {
            let ((kind_a, from_a, to_a), (kind_b, from_b, to_b)) = (pair[0], pair[1]);
            if to_a != from_b {
                continue; // a mark stands between them
            }
            let glued = match (kind_a, kind_b) {
                (Run::Digits, Run::Letters) => {
                    let word = &token[from_b..to_b];
                    word.chars().count() >= MIN_WORD_AFTER_NUMBER_LETTERS
                        && word.chars().all(char::is_lowercase)
                }
                (Run::Letters, Run::Digits) => {
                    let word = &token[from_a..to_a];
                    let opens_token = !token[..from_a].contains(char::is_alphanumeric);
                    opens_token
                        && word.chars().count() >= 2
                        && token[from_b..to_b]
                            .bytes()
                            .filter(u8::is_ascii_digit)
                            .count()
                            >= 2
                        && word.chars().all(char::is_lowercase)
                        && crate::clean::words::lexicon::Lexicon::embedded()
                            .zipf(word)
                            .is_some_and(|z| z >= MIN_WORD_BEFORE_NUMBER_ZIPF)
                }
                _ => false,
            };
            if glued {
                found.push(start + from_b);
            }
        }
    }
    found
}

/// A run of one kind of character in a token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Run {
    Letters,
    Digits,
}

/// The runs of letters and of digits of `token` (a digit run takes in a decimal point or
/// thousands comma between digits: `4.9`, `1,200`), as (kind, start, end) byte offsets.
fn letter_and_digit_runs(token: &str) -> Vec<(Run, usize, usize)> {
    let mut runs: Vec<(Run, usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let kind = if c.is_ascii_digit() {
            Run::Digits
        } else if c.is_alphabetic() {
            Run::Letters
        } else if matches!(c, '.' | ',')
            && k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit())
        {
            Run::Digits
        } else {
            continue;
        };
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some((last_kind, _, last_end)) if *last_kind == kind && *last_end == at => {
                *last_end = end;
            }
            _ => runs.push((kind, at, end)),
        }
    }
    runs
}

/// The byte offsets, just after a punctuation mark, where a space was lost.
fn lost_after_punctuation(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (at, mark) in text.char_indices() {
        if mark == '”' {
            // `clean,”shesaid`: a quotation closed after its punctuation, then a word.
            let closes = text[..at].ends_with([',', '.', '!', '?']);
            let after_at = at + mark.len_utf8();
            if closes && text[after_at..].starts_with(char::is_alphabetic) {
                found.push(after_at);
            }
            continue;
        }
        if !matches!(mark, ',' | ';' | ':' | '.' | '!' | '?') {
            continue;
        }
        let before: Vec<char> = text[..at].chars().rev().take(2).collect();
        let after_at = at + mark.len_utf8();
        let mut after = text[after_at..].chars();
        let (Some(next), second) = (after.next(), after.next()) else {
            continue;
        };
        let glued = match mark {
            ',' | ';' => match before.first() {
                Some(c) if c.is_alphabetic() => next.is_alphabetic(),
                // `71,whohas`: after a number only a word of lower-case letters.
                Some(c) if c.is_ascii_digit() => {
                    next.is_lowercase() && second.is_some_and(char::is_lowercase)
                }
                _ => false,
            },
            // `way:thisis`; not `10:30`, `3:1`, a scheme (`https:`, an address anyway).
            ':' => {
                before.first().is_some_and(|c| c.is_lowercase())
                    && next.is_lowercase()
                    && second.is_some_and(char::is_lowercase)
                    && is_plain_word(&text[after_at..])
                    && !after_scheme(&text[..at])
            }
            _ => {
                // `translator.Her`, or a quotation opening the next sentence: `said.“The`.
                let (next, second) = match (next, second) {
                    ('“', Some(quoted)) => (quoted, after.next()),
                    _ => (next, second),
                };
                before.len() == 2
                    && before.iter().all(|c| c.is_lowercase())
                    && next.is_uppercase()
                    && second.is_some_and(char::is_lowercase)
            }
        };
        if glued && !in_address(text, at) {
            found.push(after_at);
        }
    }
    found
}

/// URI schemes: a colon after one opens an address, never a clause.
const SCHEMES: &[&str] = &[
    "data",
    "file",
    "ftp",
    "http",
    "https",
    "javascript",
    "mailto",
    "tel",
];

/// Whether `before` (the text up to a colon) ends with a URI scheme as a whole word.
fn after_scheme(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    SCHEMES.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether `rest` opens with a plain word: letters up to the next space, perhaps closed
/// by punctuation (`this`, `this,`), not code (`alert(1)`) or an address's rest.
fn is_plain_word(rest: &str) -> bool {
    let token = rest.split(char::is_whitespace).next().unwrap_or("");
    let word = token.trim_end_matches(['.', ',', ';', '!', '?', '”', '’', '"']);
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Whether the whitespace-delimited token around byte `at` looks like an address, a
/// handle or a link.
fn in_address(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let token = &text[start..end];
    token.contains('@') || token.contains('/') || token.to_ascii_lowercase().contains("www")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spaced(text: &str) -> String {
        let mut edits = Vec::new();
        let out = restore_spaces(&MappedText::from_raw(text, Default::default()), &mut edits);
        out.as_str().to_string()
    }

    #[test]
    fn glued_punctuation_gets_its_space_back() {
        assert_eq!(
            spaced("in eighteen months,warning that prices rise"),
            "in eighteen months, warning that prices rise"
        );
        assert_eq!(
            spaced("a critic and translator.Her book;the next"),
            "a critic and translator. Her book; the next"
        );
        assert_eq!(spaced("Is it?Yes it is."), "Is it? Yes it is.");
        assert_eq!(
            spaced("up 40percent in2013, for35years, and 200players (since2019)."),
            "up 40 percent in 2013, for 35 years, and 200 players (since 2019)."
        );
        assert_eq!(
            spaced("Aurelio Santiago, 71,who has played; one way:this is it"),
            "Aurelio Santiago, 71, who has played; one way: this is it"
        );
        assert_eq!(
            spaced("“We kept it clean,”she said.“The mosquito did not ask.”"),
            "“We kept it clean,” she said. “The mosquito did not ask.”"
        );
    }

    #[test]
    fn numbers_abbreviations_and_addresses_stay() {
        for text in [
            "about 1,200 people and 3.5 per cent",
            "the U.S.A. and e.g. this, or Ph.D",
            "write to news@paper.Example and see paper.com/News.Today",
            "visit www.Paper.com today",
            "at 10:30 and 3:1, a score of 2,a4 and https://x.example",
            "in the 1990s, on the 21st, 10km away at 5pm, an mp3 of abc123 at g20",
            "click javascript:alert(1) or mailto:desk now",
            "a note.",
            "“A quote.” “Another.” He said “No,” and left",
        ] {
            assert_eq!(spaced(text), text);
        }
    }
}
