//! XML text escaping for the feed and the sitemap, which are written by hand (they are
//! small, fixed formats; a template engine would add nothing but a place for mistakes).
//! A feed entry's HTML goes out as CDATA ([`cdata`]): its markup as it is, where escaping
//! it character by character was most of the time a feed took.

use crate::site::byte_scan::next_byte;

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
            c if is_forbidden_in_xml(c) => {}
            c => out.push(c),
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// For each byte value, whether it starts a character [`escape_xml`] may change: markup,
/// or a character XML forbids. A table, because the HTML of a feed entry is dense with
/// markup: one lookup a byte is the cheapest test.
const MAY_NEED_ESCAPING: [bool; 256] = forbidden_starts_and(b"&<>\"'");

/// For each byte value, whether it may start a character XML 1.0 forbids (a control
/// character, or 0xEF, the first byte of U+FFFE and U+FFFF) or is one of `also`.
const fn forbidden_starts_and(also: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[0xef] = true;
    let mut i = 0;
    while i < also.len() {
        table[also[i] as usize] = true;
        i += 1;
    }
    table
}

/// `text` as XML character data in CDATA sections, for element content that is HTML: its
/// bytes go out as they are. A `]]>` in the text ends one section after its `]]` and starts
/// the next before its `>`; characters XML 1.0 forbids are dropped, as [`escape_xml`] drops
/// them.
pub fn cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 24);
    out.push_str("<![CDATA[");
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut offset = 0;
    while let Some(at) = next_byte(bytes, offset, |b| {
        MAY_END_CDATA_OR_BE_DROPPED[usize::from(b)]
    }) {
        if bytes[at..].starts_with(b"]]>") {
            out.push_str(&text[plain_from..at + 2]);
            out.push_str("]]><![CDATA[");
            plain_from = at + 2;
            offset = at + 2;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        if is_forbidden_in_xml(c) {
            out.push_str(&text[plain_from..at]);
            plain_from = at + c.len_utf8();
        }
        offset = at + c.len_utf8();
    }
    out.push_str(&text[plain_from..]);
    out.push_str("]]>");
    out
}

/// A control character other than tab, newline and carriage return, or U+FFFE or U+FFFF.
fn is_forbidden_in_xml(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

/// For each byte value, whether [`cdata`] must look at the character it starts: `]`, or a
/// character XML forbids.
const MAY_END_CDATA_OR_BE_DROPPED: [bool; 256] = forbidden_starts_and(b"]");

#[cfg(test)]
mod tests {
    use super::*;

    /// The text an XML parser reads back from `xml` as the content of one element.
    fn read_back(xml: &str) -> String {
        let element = format!("<c>{xml}</c>");
        let document = roxmltree::Document::parse(&element).unwrap();
        let root = document.root_element();
        assert!(root.children().all(|node| node.is_text()), "{xml}");
        root.children().filter_map(|node| node.text()).collect()
    }

    #[test]
    fn cdata_reads_back_as_the_text_whatever_it_holds() {
        for text in [
            "<p class=\"x\">A &amp; B</p>",
            "]]>",
            "]]]>",
            "a]]>b]]>c]]",
            "]",
            "]]",
            "<![CDATA[ x ]]> y",
            "",
            "é ü — ’",
        ] {
            let xml = cdata(text);
            assert_eq!(read_back(&xml), text, "{xml}");
        }
    }

    #[test]
    fn cdata_drops_what_xml_cannot_hold() {
        let xml = cdata("a\u{1}b\u{fffe}c\u{ffff}d\u{fffd}\te\u{b}]]>");
        assert_eq!(read_back(&xml), "abcd\u{fffd}\te]]>");
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape_xml("a<b>&\"c'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\n"
        );
        assert_eq!(escape_xml("é\u{fffe}x\u{ffff}\u{fffd}ü\t"), "éx\u{fffd}ü\t");
    }
}
