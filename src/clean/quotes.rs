//! Pass 7, quotes: unbalanced quotation marks are reported, never changed.
//!
//! Which quote mark was lost in copying cannot be known safely, so a paragraph whose `“`
//! and `”` do not pair up (or that has an odd number of straight `"`) becomes a
//! [`Finding`]. News style lets a quotation run over several paragraphs with no closing
//! mark until the last, each new paragraph opening with `“` again: an unclosed paragraph
//! followed by one that opens with a quote is therefore fine.

use super::mapped::MappedText;
use super::Finding;

/// Findings for every paragraph of `paragraphs` whose quotes do not balance.
pub fn find_unbalanced_quotes(paragraphs: &[&MappedText]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let next_opens_quote = paragraphs
            .get(i + 1)
            .is_some_and(|next| next.as_str().starts_with(['“', '"']));
        if let Some((offset, reason)) = unbalanced_quote(paragraph.as_str(), next_opens_quote) {
            findings.push(Finding {
                pass: "quotes",
                position: paragraph.position_at(offset),
                text: excerpt(paragraph.as_str(), offset),
                reason: reason.into(),
            });
        }
    }
    findings
}

/// The byte offset and description of the first quote problem in `text`, if any.
pub fn unbalanced_quote(text: &str, next_opens_quote: bool) -> Option<(usize, &'static str)> {
    let mut open: Vec<usize> = Vec::new();
    let mut straight: Vec<usize> = Vec::new();
    // `"` is byte 0x22 and `“`/`”` start with 0xE2: only those bytes are looked at.
    let bytes = text.as_bytes();
    for offset in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        match &bytes[offset..] {
            [b'"', ..] => straight.push(offset),
            [0xE2, 0x80, 0x9C, ..] => open.push(offset), // “
            [0xE2, 0x80, 0x9D, ..] if open.pop().is_none() => {
                return Some((offset, "closing quote mark ” without an opening “"));
            }
            _ => {}
        }
    }
    if let Some(&offset) = open.last() {
        if !next_opens_quote {
            return Some((offset, "opening quote mark “ is never closed"));
        }
    }
    if straight.len() % 2 == 1 && !next_opens_quote {
        return Some((
            *straight.last().expect("odd count"),
            "odd number of straight quote marks \"",
        ));
    }
    None
}

/// Up to 40 characters of `text` around `offset`, on character boundaries.
fn excerpt(text: &str, offset: usize) -> String {
    let start = text[..offset]
        .char_indices()
        .rev()
        .nth(29)
        .map_or(0, |(i, _)| i);
    text[start..].chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    #[test]
    fn balanced_and_nested_quotes_pass() {
        assert_eq!(
            unbalanced_quote("He said, “We’ll ‘talk’ to them.”", false),
            None
        );
        assert_eq!(unbalanced_quote("“One” and “two”", false), None);
        assert_eq!(unbalanced_quote("A \"plain\" quote", false), None);
    }

    #[test]
    fn a_closing_mark_without_an_opening_is_reported() {
        let text = "Trade remains around $6 billion. It’s a substantial amount.”";
        let (offset, reason) = unbalanced_quote(text, false).unwrap();
        assert_eq!(&text[offset..], "”");
        assert!(reason.contains("without an opening"));
    }

    #[test]
    fn an_unclosed_quote_is_fine_when_the_next_paragraph_reopens() {
        let text = "“A faction claimed the attack.";
        assert_eq!(unbalanced_quote(text, true), None);
        assert!(unbalanced_quote(text, false).is_some());
    }

    #[test]
    fn findings_carry_raw_positions() {
        let a = MappedText::from_raw("Fine “quote”.", Position::new(3, 1));
        let b = MappedText::from_raw("It’s a lot.”", Position::new(5, 1));
        let findings = find_unbalanced_quotes(&[&a, &b]);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].position, Position::new(5, 12));
        assert_eq!(findings[0].text, "It’s a lot.”");
    }
}
