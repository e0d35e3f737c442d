//! A small HTML tokenizer: just enough to find every tag's attributes (with their
//! line:column) in the pages the build writes, robust to whatever else a page holds.
//!
//! It understands comments, `<!doctype>`/CDATA/processing instructions, the raw text of
//! `<script>`, `<style>`, `<textarea>` and `<title>` (where `<a href>` is only text),
//! quoted and unquoted attribute values, and character references in values. It never
//! fails: malformed markup is skipped the way a browser would mostly skip it.

use crate::diagnostic::Position;

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Lower-cased name.
    pub name: String,
    /// The value with character references decoded (empty for a bare attribute).
    pub value: String,
    /// Where the value (or the bare name) starts.
    pub position: Position,
}

/// A start tag and its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// Lower-cased name.
    pub name: String,
    pub attributes: Vec<Attribute>,
}

impl StartTag {
    /// The value of attribute `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed"];

/// Every start tag of `html`, in order.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    let mut scanner = Scanner::new(html);
    let mut tags = Vec::new();
    while let Some(offset) = scanner.find_from_here("<") {
        scanner.advance_to(offset);
        let rest = scanner.rest();
        if rest.starts_with("<!--") {
            scanner.skip_past("-->", 4);
        } else if rest.starts_with("<![CDATA[") {
            scanner.skip_past("]]>", 9);
        } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            scanner.skip_past(">", 2);
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let tag = scanner.start_tag();
            if RAW_TEXT.contains(&tag.name.as_str()) {
                scanner.skip_raw_text(&tag.name);
            }
            tags.push(tag);
        } else {
            scanner.advance(1);
        }
    }
    tags
}

/// A cursor over the text that tracks line and column.
struct Scanner<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.offset..]
    }

    fn position(&self) -> Position {
        let column = self.text[self.line_start..self.offset].chars().count() + 1;
        Position::new(self.line, column)
    }

    fn find_from_here(&self, needle: &str) -> Option<usize> {
        self.rest().find(needle).map(|i| self.offset + i)
    }

    /// Moves to byte `target` (a char boundary at or after the cursor).
    fn advance_to(&mut self, target: usize) {
        let passed = &self.text[self.offset..target];
        if let Some(last_newline) = passed.rfind('\n') {
            self.line += passed.bytes().filter(|&b| b == b'\n').count();
            self.line_start = self.offset + last_newline + 1;
        }
        self.offset = target;
    }

    fn advance(&mut self, bytes: usize) {
        let mut target = (self.offset + bytes).min(self.text.len());
        while !self.text.is_char_boundary(target) {
            target += 1;
        }
        self.advance_to(target);
    }

    /// Skips past the next `end` after at least `min` bytes, or to the end of the text.
    fn skip_past(&mut self, end: &str, min: usize) {
        self.advance(min);
        let target = self
            .find_from_here(end)
            .map_or(self.text.len(), |i| i + end.len());
        self.advance_to(target);
    }

    /// Skips the text content of a raw-text element up to its end tag (matched without
    /// regard to case, and without copying the rest of the page).
    fn skip_raw_text(&mut self, name: &str) {
        let rest = self.rest();
        let end = rest
            .match_indices("</")
            .map(|(i, _)| i)
            .find(|&i| {
                rest.as_bytes()
                    .get(i + 2..i + 2 + name.len())
                    .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()))
            })
            .map_or(self.text.len(), |i| self.offset + i);
        self.advance_to(end);
    }

    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        let len = self
            .rest()
            .find(|c: char| !keep(c))
            .unwrap_or(self.rest().len());
        self.advance(len);
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let start = self.offset;
        self.skip_while(keep);
        &self.text[start..self.offset]
    }

    /// Reads a start tag; the cursor is on its `<` and ends after its `>`.
    fn start_tag(&mut self) -> StartTag {
        self.advance(1);
        let name = self
            .take_while(|c| !c.is_whitespace() && c != '>' && c != '/')
            .to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            self.skip_while(|c| c.is_whitespace() || c == '/');
            if self.rest().is_empty() {
                break;
            }
            if self.rest().starts_with('>') {
                self.advance(1);
                break;
            }
            attributes.push(self.attribute());
        }
        StartTag { name, attributes }
    }

    fn attribute(&mut self) -> Attribute {
        let name_position = self.position();
        let mut name = self
            .take_while(|c| !c.is_whitespace() && c != '=' && c != '>' && c != '/')
            .to_ascii_lowercase();
        if name.is_empty() {
            // A stray `=` or similar: take one char so the loop always moves on.
            name = self.take_one();
        }
        self.skip_while(char::is_whitespace);
        if !self.rest().starts_with('=') {
            return Attribute {
                name,
                value: String::new(),
                position: name_position,
            };
        }
        self.advance(1);
        self.skip_while(char::is_whitespace);
        let quote = self
            .rest()
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');
        let raw = match quote {
            Some(q) => {
                self.advance(1);
                let position = self.position();
                let raw = self.take_while(|c| c != q);
                self.advance(1);
                (raw, position)
            }
            None => {
                let position = self.position();
                (
                    self.take_while(|c| !c.is_whitespace() && c != '>'),
                    position,
                )
            }
        };
        Attribute {
            name,
            value: decode_character_references(raw.0),
            position: raw.1,
        }
    }

    fn take_one(&mut self) -> String {
        let c = self
            .rest()
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default();
        self.advance(c.len().max(1));
        c
    }
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric
/// references; anything else is left as written.
pub fn decode_character_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| decode_reference(&rest[1..end]).map(|c| (c, end + 1)));
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_in_every_quoting_style_with_positions() {
        let html = "<p>\n  <a class=x href=\"/a/?x=1&amp;y=2\" data-n='q' hidden>t</a>";
        let tags = start_tags(html);
        assert_eq!(tags.len(), 2);
        let a = &tags[1];
        assert_eq!(a.name, "a");
        let href = a.get("href").unwrap();
        assert_eq!(href.value, "/a/?x=1&y=2");
        assert_eq!(href.position, Position::new(2, 20));
        assert_eq!(a.get("class").unwrap().value, "x");
        assert_eq!(a.get("data-n").unwrap().value, "q");
        assert_eq!(a.get("hidden").unwrap().value, "");
    }

    #[test]
    fn comments_scripts_and_titles_hide_their_markup() {
        let html = "<!-- <a href=\"/c\"> --><script>var s = '<a href=\"/s\">';</script>\
                    <title><a href=\"/t\"></title><SCRIPT src=\"/app.js\"></SCRIPT><a href=\"/real\">";
        let hrefs: Vec<_> = start_tags(html)
            .into_iter()
            .filter_map(|t| t.get("href").or(t.get("src")).map(|a| a.value.clone()))
            .collect();
        assert_eq!(hrefs, ["/app.js", "/real"]);
    }

    #[test]
    fn malformed_markup_never_panics() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"x",
            "<!--",
            "<a =x>",
            "<é href=x>",
            "a < b",
        ] {
            let _ = start_tags(html);
        }
        assert_eq!(start_tags("<a href=\"x")[0].get("href").unwrap().value, "x");
    }

    #[test]
    fn character_references_decode() {
        assert_eq!(
            decode_character_references("a&amp;b&#39;c&#x41;&bogus;"),
            "a&b'cA&bogus;"
        );
    }
}
