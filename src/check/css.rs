//! The URLs a stylesheet refers to: `url(…)` values and `@import` strings, with their
//! line:column, so that fonts and images a theme's CSS needs are checked like the
//! assets of a page. Comments are skipped; `data:` URLs are left to the caller, which
//! treats every scheme as external.

use crate::diagnostic::Position;

/// Every `url(…)` and `@import "…"` target of `css`, in order.
pub fn css_references(css: &str) -> Vec<(String, Position)> {
    let mut found = Vec::new();
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if css[i..].starts_with("/*") {
            i = css[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |end| i + 2 + end + 2);
        } else if starts_with_ignore_case(&css[i..], "url(") {
            let (value, start, end) = url_value(css, i + 4);
            if !value.is_empty() {
                found.push((value, Position::of_byte_offset(css, start)));
            }
            i = end.max(i + 4);
        } else if starts_with_ignore_case(&css[i..], "@import") {
            let rest_start = i + "@import".len();
            let offset = css[rest_start..]
                .find(|c: char| !c.is_whitespace())
                .map_or(css.len(), |o| rest_start + o);
            if matches!(bytes.get(offset), Some(b'"' | b'\'')) {
                let (value, start, end) = quoted(css, offset);
                found.push((value, Position::of_byte_offset(css, start)));
                i = end;
            } else {
                i = offset; // `@import url(…)` is found as a url( next
            }
        } else {
            i += css[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The value of `url(` whose contents start at `from`: (value, its offset, offset after `)`).
fn url_value(css: &str, from: usize) -> (String, usize, usize) {
    let start = css[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(css.len(), |o| from + o);
    if matches!(css.as_bytes().get(start), Some(b'"' | b'\'')) {
        let (value, value_start, after) = quoted(css, start);
        let close = css[after..].find(')').map_or(css.len(), |o| after + o + 1);
        return (value, value_start, close);
    }
    let close = css[start..].find(')').map_or(css.len(), |o| start + o);
    (
        css[start..close].trim().to_string(),
        start,
        (close + 1).min(css.len()),
    )
}

/// A quoted string starting at the quote at `at`: (contents, their offset, offset after).
fn quoted(css: &str, at: usize) -> (String, usize, usize) {
    let quote = css.as_bytes()[at] as char;
    let start = at + 1;
    let end = css[start..].find(quote).map_or(css.len(), |o| start + o);
    (css[start..end].to_string(), start, (end + 1).min(css.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_in_every_quoting_and_imports() {
        let css = "@import \"base.css\";\n@import url(print.css) print;\n\
                   body { background: URL( 'img/paper.png' ) }\n\
                   /* url(commented.png) */\n\
                   @font-face { src: url(\"../fonts/serif.woff2\") format(\"woff2\"), url(data:font/woff2;base64,AA); }";
        let urls: Vec<_> = css_references(css).into_iter().map(|(u, _)| u).collect();
        assert_eq!(
            urls,
            [
                "base.css",
                "print.css",
                "img/paper.png",
                "../fonts/serif.woff2",
                "data:font/woff2;base64,AA"
            ]
        );
        assert_eq!(css_references(css)[2].1, Position::new(3, 26));
    }

    #[test]
    fn broken_css_never_panics() {
        for css in [
            "url(",
            "url('x",
            "@import",
            "@import '",
            "/* open",
            "é url(é)",
        ] {
            let _ = css_references(css);
        }
    }
}
