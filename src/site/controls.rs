//! Characters a page may not hold: NUL and the other control characters.
//!
//! HTML has no place for them (a NUL is a parse error that browsers turn into U+FFFD, and
//! the rest are invisible or break feeds, which XML 1.0 forbids outright), so they are
//! taken out of every article as it is loaded: from the file's text, and from front-matter
//! strings where a TOML or YAML escape (`\u0007`) put them back. Tab, line feed, carriage
//! return and form feed stay: they are white space.

use crate::article::FrontMatter;

/// True for a C0 control other than tab, line feed, form feed and carriage return, for
/// DEL, and for the C1 controls (U+0080 to U+009F).
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r')
}

/// `text` without its stray control characters, how many there were and the byte
/// offset of the first; `None` when there are none (the common case, found by a byte scan).
pub fn strip_controls(text: &str) -> Option<(String, usize, usize)> {
    let first = first_control(text)?;
    let mut count = 0;
    let kept = text
        .chars()
        .filter(|&c| {
            let stray = is_stray_control(c);
            count += usize::from(stray);
            !stray
        })
        .collect();
    Some((kept, count, first))
}

/// The byte offset of the first stray control character in `text`.
fn first_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // C1 controls are 0xC2 0x80..=0x9F in UTF-8; every other one is a single byte.
    let could_be = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2;
    let mut offset = 0;
    while let Some(i) = bytes[offset..].iter().position(|&b| could_be(b)) {
        let at = offset + i;
        let c = text[at..].chars().next().expect("a char starts here");
        if is_stray_control(c) {
            return Some(at);
        }
        offset = at + c.len_utf8();
    }
    None
}

/// Removes stray control characters from every string of `front`; returns how many.
pub fn strip_front_controls(front: &mut FrontMatter) -> usize {
    let mut count = 0;
    let mut clean = |text: &mut String| {
        if let Some((kept, n, _)) = strip_controls(text) {
            *text = kept;
            count += n;
        }
    };
    clean(&mut front.title);
    for text in [
        &mut front.subtitle,
        &mut front.kicker,
        &mut front.bio,
        &mut front.description,
        &mut front.slug,
        &mut front.image,
        &mut front.image_alt,
        &mut front.section,
    ]
    .into_iter()
    .flatten()
    {
        clean(text);
    }
    front.authors.iter_mut().for_each(&mut clean);
    front.tags.iter_mut().for_each(&mut clean);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_white_space_stays() {
        let (kept, count, first) = strip_controls("a\tb\u{0}c\u{7}\u{7f}\u{85}d\u{c}\r\n").unwrap();
        assert_eq!(kept, "a\tbcd\u{c}\r\n");
        assert_eq!((count, first), (4, 3));
        assert_eq!(strip_controls("plain “text” é\t\n"), None);
        // U+00A0 and U+00E9 also start with 0xC2 / 0xC3 and are kept.
        assert_eq!(strip_controls("no\u{a0}break \u{c2}"), None);
    }

    #[test]
    fn every_front_matter_string_is_cleaned() {
        let mut front = FrontMatter {
            title: "A\u{0}B".into(),
            subtitle: Some("\u{1b}[31mred".into()),
            authors: vec!["Ann\u{7}".into()],
            tags: vec!["t\u{9f}".into()],
            ..FrontMatter::default()
        };
        assert_eq!(strip_front_controls(&mut front), 4);
        assert_eq!(front.title, "AB");
        assert_eq!(front.subtitle.as_deref(), Some("[31mred"));
        assert_eq!(front.authors, ["Ann"]);
        assert_eq!(front.tags, ["t"]);
    }
}
