//! Finding links in plain text: bare web addresses (`https://…`, `www.…`) and social
//! handles written as `X: @handle` or `Twitter: @handle`.
//!
//! Used on the events of an article body ([`link_bare_urls`], which never looks inside
//! code, links or raw HTML) and on front-matter text such as a bio ([`linked_text_html`]). Only what is found is made a link; everything else stays text
//! and is escaped, so text can never become markup.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

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
/// handle, linked to `https://x.com/handle`. A handle is 1 to 15 letters, digits or
/// underscores, as X allows. Without its `@` (`X: handle`, as bios copied from print often
/// have it) the label must open a sentence or clause (after `.`, `;`, `,`, `(` or at the
/// start), so that `Figure X: the results` stays text.
pub fn find_handles(text: &str) -> Vec<FoundLink> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    for label in ["twitter:", "x:"] {
        for (at, _) in lower.match_indices(label) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@') {
                continue; // inside a word: `Box:`, `fax:`
            }
            let after = at + label.len();
            let rest = &text[after..];
            let spaces = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
            let start = after + spaces;
            let has_at = text[start..].starts_with('@');
            let handle_start = start + usize::from(has_at);
            let handle_len = text[handle_start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(text.len() - handle_start);
            let handle_end = handle_start + handle_len;
            let mut next = text[handle_end..].chars();
            let ends_word = match (next.next(), next.next()) {
                (None, _) => true,
                // `ann.lee.example` is an address, not a handle.
                (Some('.'), Some(after)) => !after.is_alphanumeric(),
                (Some(c), _) => !(c.is_alphanumeric() || c == '@' || c == '/'),
            };
            if handle_len == 0 || handle_len > 15 || !ends_word {
                continue;
            }
            if !has_at && !opens_clause(&text[..at]) {
                continue;
            }
            let handle = &text[handle_start..handle_end];
            found.push(FoundLink {
                range: start..handle_end,
                href: format!("https://x.com/{handle}"),
            });
        }
    }
    found.sort_by_key(|l| l.range.start);
    found
}

/// Whether text ending with `before` leaves the next word at the start of a sentence or
/// clause: nothing before it, or `.`, `;`, `,`, `(`, `|` or a dash before the spaces.
fn opens_clause(before: &str) -> bool {
    before.trim_end().chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '.' | ';' | ',' | '(' | '|' | '·' | '–' | '—' | ':' | '!' | '?'
        )
    })
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

/// Makes bare web addresses in text links (`https://…`, `www.…`; see
/// [`find_urls`]). Text inside a link, an image's description, a code block or a link
/// typed as raw HTML is left alone (inline code is never text).
pub fn link_bare_urls<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let may_link = |text: &str| text.contains("http") || text.contains("www.");
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(text) if may_link(text)))
    {
        return events; // most bodies: no address in their text, nothing to copy
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    // Inside a link, an image's description or a code block.
    let mut in_link = 0usize;
    // Inside a raw HTML element whose text must stay as typed (`<a>`, `<script>`…).
    let mut in_raw_element: Option<&'static str> = None;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                in_link = in_link.saturating_sub(1)
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim_start().to_ascii_lowercase();
                if let Some(name) = opened_raw_element(&tag) {
                    in_raw_element = Some(name);
                } else if in_raw_element.is_some_and(|name| closes(&tag, name)) {
                    in_raw_element = None;
                }
            }
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if in_link > 0 || in_raw_element.is_some() || !may_link(text) {
            out.push((event, range));
            continue;
        }
        let found = find_urls(text);
        if found.is_empty() {
            out.push((event, range));
            continue;
        }
        let text = text.to_string();
        let mut plain_from = 0;
        for link in found {
            if link.range.start > plain_from {
                let plain = text[plain_from..link.range.start].to_string();
                out.push((Event::Text(CowStr::from(plain)), range.clone()));
            }
            let tag = Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: CowStr::from(link.href),
                title: CowStr::from(""),
                id: CowStr::from(""),
            };
            out.push((Event::Start(tag), range.clone()));
            let shown = text[link.range.clone()].to_string();
            out.push((Event::Text(CowStr::from(shown)), range.clone()));
            out.push((Event::End(TagEnd::Link), range.clone()));
            plain_from = link.range.end;
        }
        if plain_from < text.len() {
            out.push((
                Event::Text(CowStr::from(text[plain_from..].to_string())),
                range,
            ));
        }
    }
    out
}

/// Raw HTML elements whose text [`link_bare_urls`] leaves alone.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "a", "script", "style", "code", "pre", "kbd", "samp", "textarea", "title",
];

/// The element of [`RAW_TEXT_ELEMENTS`] that the lower-cased raw tag `tag` opens.
fn opened_raw_element(tag: &str) -> Option<&'static str> {
    let name = tag.strip_prefix('<')?;
    RAW_TEXT_ELEMENTS.iter().copied().find(|element| {
        name.strip_prefix(element)
            .is_some_and(|rest| rest.starts_with([' ', '>', '\t', '\n', '/']))
    })
}

/// Whether the lower-cased raw tag `tag` closes the element `name`.
fn closes(tag: &str, name: &str) -> bool {
    tag.strip_prefix("</")
        .and_then(|rest| rest.strip_prefix(name))
        .is_some_and(|rest| rest.trim_start().starts_with('>'))
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
    fn a_handle_without_its_at_sign_needs_a_label_that_opens_a_clause() {
        let links = |text: &str| -> Vec<String> {
            find_handles(text)
                .into_iter()
                .map(|l| format!("{}={}", &text[l.range.clone()], l.href))
                .collect()
        };
        assert_eq!(
            links("She covers the harbour. X: tamsinokoro"),
            ["tamsinokoro=https://x.com/tamsinokoro"]
        );
        assert_eq!(
            links("X: ann_lee, Twitter: annlee2"),
            [
                "ann_lee=https://x.com/ann_lee",
                "annlee2=https://x.com/annlee2"
            ]
        );
        assert!(links("Figure X: the results").is_empty());
        assert!(links("Fax: 0123 and box: 5").is_empty());
        assert!(links("X: ann.lee.example").is_empty());
        assert_eq!(links("X: @ann."), ["@ann=https://x.com/ann"]);
        assert!(links("X: @way_too_long_handle_here").is_empty());
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
