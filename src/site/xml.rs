//! XML text escaping for the feed and the sitemap, which are written by hand (they are
//! small, fixed formats; a template engine would add nothing but a place for mistakes).

/// Escapes `text` for XML character data and attribute values, dropping characters XML 1.0
/// forbids (control characters other than tab, newline and carriage return).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    // Runs of ordinary text are copied whole; only the characters that may need escaping
    // or dropping are looked at one by one.
    while let Some(at) = rest.bytes().position(may_need_escaping) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().expect("a character starts here");
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Whether a byte of UTF-8 text starts a character [`escape_xml`] may change: markup,
/// a control character, or 0xEF, the first byte of U+FFFE and U+FFFF.
fn may_need_escaping(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xef) || byte < 0x20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape_xml("a<b>&\"c'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
        assert_eq!(escape_xml("é\u{fffe}x\u{ffff}\u{fffd}ü\t"), "éx\u{fffd}ü\t");
    }
}
