//! XML text escaping for the feed and the sitemap, which are written by hand (they are
//! small, fixed formats; a template engine would add nothing but a place for mistakes).

/// Escapes `text` for XML character data and attribute values, dropping characters XML 1.0
/// forbids (control characters other than tab, newline and carriage return).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    // Runs of ordinary text are copied whole; only the characters that may need escaping
    // or dropping are looked at one by one.
    while let Some(at) = rest.bytes().position(|b| MAY_NEED_ESCAPING[usize::from(b)]) {
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

/// For each byte value, whether it starts a character [`escape_xml`] may change: markup,
/// a control character, or 0xEF, the first byte of U+FFFE and U+FFFF. A table, because
/// the HTML of a feed entry is dense with markup: one lookup a byte is the cheapest test.
const MAY_NEED_ESCAPING: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    let mut i = 0;
    let markup = b"&<>\"'";
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table[0xef] = true;
    table
};

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
