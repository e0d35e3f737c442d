//! Letters an extractor set apart from their word: pypdf's copy of a PDF that draws a
//! Vietnamese letter with a hook, a horn or a dot below, or with two marks (`ộ`, `ẵ`,
//! `ở`, the letters U+1EA0 to U+1EF9), as a glyph of its own puts a space on either side
//! of it: `N ộ i` for Nội, `Nguy ễ n`, `ph ở  gà`.
//!
//! Run after the characters pass and before the structure is read, so that a byline of
//! such names (`Ph ạ m Ng ọ c Lan and Felix Adler`) reads as names. The letter is joined to
//! the piece before it, and to the piece after it too, where the word that makes is a
//! listed name or a word of the embedded lexicons (English and the other languages'
//! [`foreign_words`](super::structure::foreign_words)): `N ộ i` is `Nội`, `ph ở gà` is
//! `phở gà` (`phởgà` is no word), a capital alone makes a two-letter name with it (`Đ ỗ`
//! for Đỗ: the lexicons keep no word so short), and `sand ồ ng`, a `đồng` whose `đ` was lost, stays
//! as it is: no word fits.

use memchr::memmem;

use super::mapped::MappedText;
use super::structure::{foreign_words, names};
use super::Edit;

/// The letters an extractor may set apart: Latin Extended Additional's Vietnamese block.
fn may_stand_apart(c: char) -> bool {
    ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// `text` with every set-apart letter joined to its word where a word fits, recording an
/// edit for each; `None` when nothing was joined.
pub fn rejoined(text: &MappedText, edits: &mut Vec<Edit>) -> Option<MappedText> {
    let source = text.as_str();
    // The letters' UTF-8 lead bytes after a space: most copy has none.
    if memmem::find(source.as_bytes(), b" \xE1\xBA").is_none()
        && memmem::find(source.as_bytes(), b" \xE1\xBB").is_none()
    {
        return None;
    }
    // The byte ranges of the spaces to remove.
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    for (at, c) in source.char_indices() {
        if !may_stand_apart(c) || gaps.last().is_some_and(|&(_, end)| end > at) {
            continue;
        }
        if let Some((before, after)) = join_around(source, at, c) {
            let start = before.map_or(at, |(start, _)| start);
            let end = after.map_or(at + c.len_utf8(), |(_, end)| end);
            let joined: String = source[start..end].split(' ').collect();
            edits.push(Edit {
                pass: "set_apart_letters",
                position: text.position_at(start),
                before: source[start..end].to_string(),
                after: joined.clone(),
                reason: format!(
                    "`{c}` set apart from its word by the extractor (a glyph of its own in the \
                     PDF): `{joined}` is a word"
                ),
                confidence: 0.85,
            });
            gaps.extend(before.map(|(_, space)| (space, space + 1)));
            gaps.extend(after.map(|(space, _)| (space, space + 1)));
        }
    }
    if gaps.is_empty() {
        return None;
    }
    gaps.sort_unstable();
    let mut out = MappedText::with_capacity(source.len(), gaps.len() * 2 + 8);
    let mut from = 0;
    for (start, end) in gaps {
        out.push_slice(text, from, start);
        from = end;
    }
    out.push_slice(text, from, source.len());
    Some(out)
}

/// A piece beside the letter and the space between: (the piece's start, the space) before
/// it, (the space, the piece's end) after it.
type Gap = (usize, usize);

/// For the letter `c` at byte `at`, set apart by a space before it: the piece before
/// (its start, the space's offset) and, when the word goes on past a space after it, the
/// piece after (the space's offset, its end), if a word fits the joined pieces.
fn join_around(source: &str, at: usize, c: char) -> Option<(Option<Gap>, Option<Gap>)> {
    let space = at
        .checked_sub(1)
        .filter(|&s| source.as_bytes()[s] == b' ')?;
    // The piece before: letters back to a space, a line's start or an opening mark.
    let piece_start = source[..space]
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let before = &source[piece_start..space];
    // The letter's own word goes on in letters (`ẵng`) or stops.
    let own_end = at
        + source[at..]
            .char_indices()
            .take_while(|(_, ch)| ch.is_alphabetic())
            .last()
            .map_or(c.len_utf8(), |(i, ch)| i + ch.len_utf8());
    let own = &source[at..own_end];
    // The piece after, past one space: lower-case letters.
    let after = (source.as_bytes().get(own_end) == Some(&b' '))
        .then(|| {
            let rest = &source[own_end + 1..];
            let len = rest
                .char_indices()
                .take_while(|(_, ch)| ch.is_alphabetic())
                .last()
                .map_or(0, |(i, ch)| i + ch.len_utf8());
            let piece = &rest[..len];
            piece
                .starts_with(char::is_lowercase)
                .then_some((own_end, own_end + 1 + len))
        })
        .flatten();
    let is_word = |word: &str| {
        let lower = word.to_lowercase();
        names::is_name_or_word(&lower) || foreign_words::exactly(&lower).is_some()
    };
    if let Some((_, end)) = after {
        let whole = [before, own, &source[own_end + 1..end]].concat();
        if is_word(&whole) {
            return Some((Some((piece_start, space)), Some((own_end, end))));
        }
    }
    // A capital alone (not `A` or `I`) opens a two-letter name no list holds (`Đ ỗ`
    // for Đỗ, `H ồ` for Hồ): the lexicons keep words of three letters or more.
    let lone_capital = {
        let mut letters = before.chars();
        letters
            .next()
            .is_some_and(|first| first.is_uppercase() && !matches!(first, 'A' | 'I'))
            && letters.next().is_none()
            && own.chars().count() == 1
    };
    (lone_capital || is_word(&[before, own].concat())).then_some((Some((piece_start, space)), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejoin(text: &str) -> String {
        let mapped = MappedText::from_raw_lines(text);
        rejoined(&mapped, &mut Vec::new())
            .map_or_else(|| text.to_string(), |t| t.as_str().to_string())
    }

    #[test]
    fn a_letter_set_apart_is_joined_where_a_word_fits() {
        assert_eq!(rejoin("in Hà N ộ i today"), "in Hà Nội today");
        assert_eq!(rejoin("from Đà N ẵ ng."), "from Đà Nẵng.");
        assert_eq!(rejoin("Nguy ễ n Th ị Thu"), "Nguyễn Thị Thu");
        assert_eq!(rejoin("By Đ ỗ Văn Hùng"), "By Đỗ Văn Hùng");
        // Only to the left where the word stops there.
        assert_eq!(rejoin("a bowl of ph ở gà"), "a bowl of phở gà");
    }

    #[test]
    fn no_word_fitting_leaves_the_copy_as_it_is() {
        // `đồng` that lost its `đ`, then was split: no word is `sandồng`.
        assert_eq!(rejoin("a thousand ồ ng each"), "a thousand ồ ng each");
        assert_eq!(
            rejoin("plain text, no such letter"),
            "plain text, no such letter"
        );
    }

    #[test]
    fn each_join_is_an_edit_with_its_position() {
        let mapped = MappedText::from_raw_lines("First line\nin Hà N ộ i today");
        let mut edits = Vec::new();
        rejoined(&mapped, &mut edits).unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].before, "N ộ i");
        assert_eq!(edits[0].after, "Nội");
        assert_eq!(edits[0].position, crate::diagnostic::Position::new(2, 7));
    }
}
