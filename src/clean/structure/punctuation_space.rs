//! Spaces lost after punctuation where an e-paper viewer glued its spans: `eighteen
//! months,warning that`, `a critic and translator.Her most recent book`.
//!
//! Prose never sets a comma or a semicolon between two letters, nor a sentence's full
//! stop between a lower-case word and a capitalised one, so a space is put back there:
//! after `,` or `;` with a letter on each side or a number before and a lower-case word
//! after (`71,whohas`), after `:` between lower-case letters (`way:this`), and after
//! `.`, `!` or `?` with two
//! lower-case letters before it and a capital and a lower-case letter after it (or an
//! opening quotation mark and then those: `said.“The`); and after a closing quotation
//! mark that follows punctuation and touches a letter (`clean,”she said`). Numbers
//! (`1,200`), abbreviations (`e.g.`, `U.S.A.`, `Ph.D`), and anything in a token holding
//! `@`, `/` or `www` (addresses, handles, links) are left as they are.

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
            reason: "space lost after punctuation between two words put back".into(),
            confidence: 0.9,
        });
    }
    out.push_slice(paragraph, copied, text.len());
    out
}

/// The byte offsets, just after a punctuation mark, where a space was lost.
fn lost_spaces(text: &str) -> Vec<usize> {
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
            "a note.",
            "“A quote.” “Another.” He said “No,” and left",
        ] {
            assert_eq!(spaced(text), text);
        }
    }
}
