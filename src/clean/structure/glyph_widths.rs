//! How wide a line of proportional type is, estimated from its letters.
//!
//! A PDF's extractor gives lines, not their widths. Counting characters treats `ill` and
//! `mow` alike, and a soft hyphen inside a word (`Short­ly`) as a letter, so a paragraph's
//! short last line of narrow letters counts as many characters as a full line of wide
//! ones. The structure pass's paragraph reader (`paragraph_breaks`) compares lines with
//! the column's measure in these units instead: each letter's advance in a common book
//! face (the widths of Times, in thousandths of an em), which follows any serif or sans
//! face's proportions far better than one unit per character.

/// A space's advance, in thousandths of an em.
pub const SPACE: u32 = 250;

/// Lower-case `a`..`z`.
const LOWER: [u16; 26] = [
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444,
];

/// Capitals `A`..`Z`.
const UPPER: [u16; 26] = [
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611,
];

/// One character's advance, in thousandths of an em. A letter outside ASCII counts as
/// the ASCII letter it decomposes to (`Ö` as `O`, `ń` as `n`), else as an average
/// letter of its case (`ł`, `ß`).
pub fn advance(c: char) -> u32 {
    let width = match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
        '0'..='9' => 500,
        ' ' => SPACE as u16,
        '.' | ',' => 250,
        ':' | ';' => 278,
        '-' | '(' | ')' | '[' | ']' | '!' | '‘' | '’' => 333,
        '\'' => 180,
        '"' => 408,
        '“' | '”' | '?' => 444,
        '–' => 500,
        '—' => 1000,
        '%' => 833,
        '&' => 778,
        // A soft hyphen prints nothing inside a word.
        '\u{ad}' | '\u{200b}' => 0,
        c if c.is_alphabetic() => return folded_advance(c),
        _ => 500,
    };
    u32::from(width)
}

/// A letter outside ASCII: the advance of the ASCII letter it is written on.
fn folded_advance(c: char) -> u32 {
    use unicode_normalization::UnicodeNormalization;
    match c.nfd().next() {
        Some(b) if b.is_ascii_alphabetic() => advance(b),
        _ if c.is_uppercase() => 722,
        _ => 500,
    }
}

/// The width of `text` set in one line, in thousandths of an em.
pub fn line_width(text: &str) -> u32 {
    text.chars().map(advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_and_wide_letters_differ_and_a_soft_hyphen_is_nothing() {
        assert!(line_width("mow mow") > line_width("ill ill") * 2);
        assert_eq!(line_width("Short\u{ad}ly"), line_width("Shortly"));
        assert_eq!(line_width("Öńé"), line_width("One"));
        assert_eq!(line_width(""), 0);
    }
}
