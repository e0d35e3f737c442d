//! Characters a page may not hold: NUL and the other control characters.
//!
//! HTML has no place for them (a NUL is a parse error that browsers turn into U+FFFD, and
//! the rest are invisible or break feeds, which XML 1.0 forbids outright), so they are
//! taken out of every article as it is loaded: from the file's text, and from front-matter
//! strings where a TOML or YAML escape (`\u0007`) put them back. Tab, line feed, carriage
//! return and form feed stay: they are white space.

use crate::article::FrontMatter;
use crate::site::byte_scan::next_byte;

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

/// True when `text` holds a stray control character (found by the same byte scan as
/// [`strip_controls`], not character by character).
pub fn has_stray_control(text: &str) -> bool {
    first_control(text).is_some()
}

/// The byte offset of the first stray control character in `text`.
fn first_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut offset = 0;
    while let Some(at) = next_byte(bytes, offset, may_start_control) {
        let c = text[at..].chars().next().expect("a char starts here");
        if is_stray_control(c) {
            return Some(at);
        }
        offset = at + c.len_utf8();
    }
    None
}

/// Whether a byte may start a stray control: a C0 control other than the white space
/// kept, DEL, or 0xC2 (the first byte of every C1 control in UTF-8, and of a few ordinary
/// characters).
fn may_start_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f || b == 0xc2
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
    fn controls_are_found_at_any_offset_of_a_long_text() {
        for at in [0, 1, 31, 32, 33, 63, 64, 100] {
            let text = format!(
                "{}\u{7}{}",
                "x\n".repeat(at).get(..at).unwrap(),
                "é".repeat(40)
            );
            assert_eq!(first_control(&text), Some(at), "{at}");
            assert_eq!(first_control(&text.replace('\u{7}', "\u{a0}")), None);
        }
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
