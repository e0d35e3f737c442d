//! Part of pass 3 (layout): drop caps.
//!
//! An e-paper sets the first letter of an article large, and copying it leaves that letter
//! on a line of its own: `N`, a blank line, `eighbours Pakistan and …`. This file
//! recognises such a letter (optionally after an opening quote: `“T` / `he …`) and joins
//! it with the line that continues it. The one-letter words `A` and `I` keep their space
//! when the next word stands on its own (`A` / `long road` → `A long road`) and join when
//! it does not (`A` / `nalysts say` → `Analysts say`).

use super::mapped::MappedText;
use super::vocabulary::Vocabulary;
use super::Edit;

/// Opening quote marks that may stand before a drop cap.
const OPENING_QUOTES: &[char] = &['“', '‘', '"', '\'', '«', '„'];

/// True when `line` (trimmed) is a lone capital letter, optionally after an opening quote.
pub fn is_drop_cap(line: &str) -> bool {
    // An opening quote (at most three bytes) and a letter (at most four).
    if line.len() > 7 {
        return false;
    }
    let mut chars = line.chars().skip_while(|c| OPENING_QUOTES.contains(c));
    let quotes = line
        .chars()
        .take_while(|c| OPENING_QUOTES.contains(c))
        .count();
    let letter = chars.next();
    quotes <= 1 && matches!(letter, Some(c) if c.is_uppercase()) && chars.next().is_none()
}

/// True when `line` can continue a drop cap: it starts with a lowercase letter.
pub fn continues_drop_cap(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// Joins the drop-cap line `cap` with `rest`, recording the edit.
pub fn join_drop_cap(
    cap: &MappedText,
    rest: &MappedText,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let letter = cap.as_str().chars().last().unwrap_or(' ');
    let first_word = first_word(rest.as_str());
    let (keep_space, confidence) = keeps_its_space(letter, first_word, vocabulary);
    let mut joined = MappedText::default();
    joined.push_mapped(cap);
    if keep_space {
        joined.push_replacement(" ", cap.position_at(cap.len()));
    }
    joined.push_mapped(rest);
    let space = if keep_space { " " } else { "" };
    edits.push(Edit {
        pass: "drop_cap",
        position: cap.position_at(0),
        before: [cap.as_str(), "\n\n", first_word].concat(),
        after: [cap.as_str(), space, first_word].concat(),
        reason: "drop cap joined with the paragraph it begins".into(),
        confidence,
    });
    joined
}

/// The word that starts `text`: its letters and apostrophes.
fn first_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '’' || c == '\''))
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

/// Whether the drop-cap `letter` is a word of its own before `next_word`, and how sure.
fn keeps_its_space(letter: char, next_word: &str, vocabulary: &Vocabulary<'_>) -> (bool, f32) {
    if letter != 'A' && letter != 'I' {
        return (false, 1.0);
    }
    let joined = format!("{letter}{next_word}");
    let next_is_word = next_word.chars().count() > 1 && vocabulary.is_known(next_word);
    match (next_is_word, vocabulary.is_known(&joined)) {
        (true, false) => (true, 0.95),
        (false, true) => (false, 0.95),
        // Both read ("A" + "part" / "Apart"): a word of its own is the likelier layout.
        (true, true) => (true, 0.6),
        // Neither known: a fragment ("nalysts") is more likely than an unknown word.
        (false, false) => (false, 0.6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;
    use crate::diagnostic::Position;

    fn join(cap: &str, rest: &str, document: &str) -> (String, Edit) {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document(document, &context);
        let cap = MappedText::from_raw(cap, Position::new(5, 1));
        let rest = MappedText::from_raw(rest, Position::new(7, 1));
        let mut edits = Vec::new();
        let joined = join_drop_cap(&cap, &rest, &vocabulary, &mut edits);
        (joined.as_str().to_string(), edits.remove(0))
    }

    #[test]
    fn recognises_letters_and_quoted_letters_only() {
        assert!(is_drop_cap("N"));
        assert!(is_drop_cap("“T"));
        // The longest: a three-byte quote and a four-byte capital.
        assert!(is_drop_cap("“\u{1D400}"));
        assert!(!is_drop_cap("“\u{1D400}x"));
        assert!(!is_drop_cap("n"));
        assert!(!is_drop_cap("No"));
        assert!(!is_drop_cap("|"));
        assert!(!is_drop_cap("“"));
        assert!(continues_drop_cap("eighbours"));
        assert!(!continues_drop_cap("Eighbours"));
    }

    #[test]
    fn a_letter_joins_its_word() {
        let (text, edit) = join("N", "eighbours Pakistan and", "");
        assert_eq!(text, "Neighbours Pakistan and");
        assert_eq!(edit.position, Position::new(5, 1));
        assert_eq!(edit.after, "Neighbours");
    }

    #[test]
    fn an_opening_quote_stays_before_the_letter() {
        assert_eq!(join("“T", "he talks failed", "").0, "“The talks failed");
    }

    #[test]
    fn a_and_i_keep_their_space_before_a_word() {
        let doc = "a long road\nam here\n";
        assert_eq!(join("A", "long road ahead", doc).0, "A long road ahead");
        assert_eq!(join("I", "am here", doc).0, "I am here");
        assert_eq!(join("A", "nalysts say", doc).0, "Analysts say");
        assert_eq!(join("I", "n the end", doc).0, "In the end");
        assert_eq!(join("I", "t rained", doc).0, "It rained");
    }
}
