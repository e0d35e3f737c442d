//! Finding links in plain text: bare web addresses (`https://…`, `www.…`) and social
//! handles written as `X: @handle` or `Twitter: @handle`.
//!
//! Used on the text events of an article body (see `markdown::autolinks`, which never
//! looks inside code, links or raw HTML) and on front-matter text such as a bio
//! ([`linked_text_html`]). Only what is found is made a link; everything else stays text
//! and is escaped, so text can never become markup.

use std::ops::Range;

use crate::site::templates::escape_html;

/// A link found in text: the bytes it covers and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// The bytes of the text shown as the link (`https://a.example/x`, `@handle`).
    pub range: Range<usize>,
    pub href: String,
}

/// Characters that end a bare URL when they close it (`see https://a.example.`).
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', '\'', '"', '’', '”', '*', '_'];

/// Bare `http://`, `https://` and `www.` addresses in `text`, in order. An address starts
/// a word (after a space, an opening bracket or quote, or at the start) and runs to the
/// next space or `<>"`; trailing punctuation, and a `)` without its `(`, are left out.
pub fn find_urls(text: &str) -> Vec<FoundLink> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = next_url_start(&text[from..]) {
        let start = from + offset;
        let rest = &text[start..];
        let mut end = start
            + rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                .unwrap_or(rest.len());
        end = trim_url_end(text, start, end);
        let url = &text[start..end];
        let body = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .or_else(|| url.strip_prefix("www."))
            .unwrap_or("");
        if body.contains('.') || (url.contains("://") && !body.is_empty()) {
            let href = if url.starts_with("www.") {
                format!("https://{url}")
            } else {
                url.to_string()
            };
            found.push(FoundLink {
                range: start..end,
                href,
            });
        }
        from = end.max(start + 1);
    }
    found
}

/// The offset of the next `http://`, `https://` or `www.` that starts a word.
fn next_url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = ["http://", "https://", "www."]
            .iter()
            .filter_map(|p| text[from..].find(p).map(|i| from + i))
            .min()?;
        let before = text[..at].chars().next_back();
        let starts_word = before.is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '[' | '"' | '\'' | '“' | '‘' | '«')
        });
        if starts_word {
            return Some(at);
        }
        from = at + 1;
    }
}

/// `end` moved back over trailing punctuation and unbalanced closing brackets.
fn trim_url_end(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let url = &text[start..end];
        let Some(last) = url.chars().next_back() else {
            return end;
        };
        let unbalanced_close = (last == ')' && url.matches('(').count() < url.matches(')').count())
            || (last == ']' && url.matches('[').count() < url.matches(']').count());
        if TRAILING.contains(&last) || unbalanced_close {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

/// `X: @handle` and `Twitter: @handle` (any case, `X:@handle` too) in `text`: the
/// `@handle` part, linked to `https://x.com/handle`. A handle is 1 to 15 letters, digits
/// or underscores, as X allows.
pub fn find_handles(text: &str) -> Vec<FoundLink> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let handle_len = text[at + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(text.len() - at - 1);
        if handle_len == 0 || handle_len > 15 {
            continue;
        }
        let before = text[..at].trim_end();
        let Some(label) = before.strip_suffix(':') else {
            continue;
        };
        let word_start = label.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + label[i..].chars().next().map_or(1, char::len_utf8)
        });
        let word = &label[word_start..];
        if word.eq_ignore_ascii_case("x") || word.eq_ignore_ascii_case("twitter") {
            let handle = &text[at + 1..at + 1 + handle_len];
            found.push(FoundLink {
                range: at..at + 1 + handle_len,
                href: format!("https://x.com/{handle}"),
            });
        }
    }
    found
}

/// Every link in `text`, bare URLs and handles, in order and not overlapping.
pub fn find_links(text: &str) -> Vec<FoundLink> {
    let mut links = find_urls(text);
    links.extend(find_handles(text));
    links.sort_by_key(|l| l.range.start);
    let mut kept: Vec<FoundLink> = Vec::with_capacity(links.len());
    for link in links {
        if kept.last().is_none_or(|k| k.range.end <= link.range.start) {
            kept.push(link);
        }
    }
    kept
}

/// `text` as HTML: escaped, with its bare URLs and handles as links.
pub fn linked_text_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 32);
    let mut plain_from = 0;
    for link in find_links(text) {
        html.push_str(&escape_html(&text[plain_from..link.range.start]));
        html.push_str("<a href=\"");
        html.push_str(&escape_html(&link.href));
        html.push_str("\">");
        html.push_str(&escape_html(&text[link.range.clone()]));
        html.push_str("</a>");
        plain_from = link.range.end;
    }
    html.push_str(&escape_html(&text[plain_from..]));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        find_urls(text)
            .into_iter()
            .map(|l| &text[l.range])
            .collect()
    }

    #[test]
    fn bare_urls_end_before_trailing_punctuation() {
        assert_eq!(
            urls("See https://a.example/x. And (www.b.example/y), or “http://c.example/z”!"),
            [
                "https://a.example/x",
                "www.b.example/y",
                "http://c.example/z"
            ]
        );
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/Rust_(language) ok"),
            ["https://en.wikipedia.org/wiki/Rust_(language)"]
        );
        assert!(urls("mailhttps://x.example nothttp://y awww.z").is_empty());
        assert!(urls("https:// and www. alone").is_empty());
    }

    #[test]
    fn handles_need_their_label() {
        let text =
            "Write to a@b.example. X: @ann_lee, twitter:@Bob and @carl; X: @waytoolonghandle12";
        let handles = find_handles(text);
        let found: Vec<(&str, &str)> = handles
            .iter()
            .map(|l| (&text[l.range.clone()], l.href.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("@ann_lee", "https://x.com/ann_lee"),
                ("@Bob", "https://x.com/Bob")
            ]
        );
    }

    #[test]
    fn linked_text_stays_escaped() {
        assert_eq!(
            linked_text_html("<b>Ann</b> & co. X: @ann https://a.example/?q=<x>&y"),
            "&lt;b&gt;Ann&lt;/b&gt; &amp; co. X: <a href=\"https://x.com/ann\">@ann</a> \
             <a href=\"https://a.example/?q=\">https://a.example/?q=</a>&lt;x&gt;&amp;y"
        );
    }
}
