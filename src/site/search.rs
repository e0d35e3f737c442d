//! Site search without a server: an index file the browser searches.
//!
//! [`search_index`] writes `search-index.json`: an [elasticlunr](https://docs.rs/elasticlunr-rs)
//! index (the format mdBook uses, read by the theme's `elasticlunr.min.js`) of every
//! published article's title, standfirst, authors, section, tags and lead paragraph, plus
//! what a result shows (title, standfirst, date). Drafts and future articles are not
//! published, so they are never indexed. The index stores no copy of the documents, only
//! the inverted index and the few display fields, to keep the file small.
//!
//! Why the lead and not the whole body: a news story says what it is about in its
//! headline, standfirst and first paragraph, and indexing every word of every body made
//! the index the build's largest cost by far (10k articles: 6.5 s and 570 MiB for the
//! whole build, against 2.1 s and 264 MiB with the lead), for a file readers download.
//!
//! Each result card carries the article's link as a page writes it, already under the
//! base path (`/paper/articles/x/`), so the search page's script never builds a URL.
//! The search page itself is the theme's `search.html` at `/search/`; its form works
//! without JavaScript only as far as reaching that page, which then says that searching
//! needs JavaScript and points to the topic and author indexes.

use elasticlunr::IndexBuilder;
use serde::Serialize;

use crate::site::assemble::SiteData;
use crate::site::config::{prefixed, SiteConfig};

/// The output file of the index.
pub const SEARCH_INDEX_FILE: &str = "search-index.json";

/// The site path of the search page.
pub const SEARCH_PAGE_URL: &str = "/search/";

/// The fields indexed, in the order [`document_fields`] gives them.
const FIELDS: [&str; 6] = ["title", "standfirst", "authors", "section", "tags", "body"];

/// What a search result shows of an article.
#[derive(Serialize)]
struct ResultCard<'a> {
    /// The article's link as a page writes it (under the base path).
    url: String,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    standfirst: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

/// The whole file: the elasticlunr index, and the result cards by reference (a
/// document's reference is its position in `docs`, written as a number: every word's
/// posting list repeats the reference, and a short one keeps the file a fraction of the
/// size it has with URLs).
#[derive(Serialize)]
struct SearchFile<'a> {
    index: elasticlunr::Index,
    docs: Vec<ResultCard<'a>>,
}

/// `search-index.json` for every published article of `site`.
pub fn search_index(site: &SiteData, config: &SiteConfig) -> String {
    let mut index = IndexBuilder::new()
        .save_docs(false)
        .add_fields(&FIELDS)
        .build();
    let mut docs = Vec::with_capacity(site.articles.len());
    for (reference, article) in site.articles.iter().enumerate() {
        index.add_doc(&reference.to_string(), document_fields(site, article));
        let front = &article.doc.front;
        docs.push(ResultCard {
            url: prefixed(config.base_path(), &article.url).into_owned(),
            title: &front.title,
            standfirst: front.subtitle.as_deref().unwrap_or(""),
            date: article.published.as_ref().map(|d| d.text.as_str()),
        });
    }
    let json = serde_json::to_string(&SearchFile { index, docs }).expect("plain data serialises");
    escape_markup_in_json(&json)
}

/// `<`, `>` and `&` written as JSON's `\u003c`, `\u003e`, `\u0026`: the parsed text is the
/// same, but no title can put markup into the file as it is, should anything ever serve
/// or embed it as HTML. (These characters can only occur inside JSON strings.)
fn escape_markup_in_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// An article's text for each of [`FIELDS`].
fn document_fields(site: &SiteData, article: &crate::site::assemble::ArticleEntry) -> [String; 6] {
    let front = &article.doc.front;
    let names = |links: &[crate::site::assemble::Link]| {
        links
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        front.title.clone(),
        front.subtitle.clone().unwrap_or_default(),
        names(&article.authors),
        article
            .section
            .map(|i| site.sections[i].title.clone())
            .unwrap_or_default(),
        names(&article.tags),
        article.doc.body.lead_text.clone(),
    ]
}

/// The text of rendered body HTML: tags dropped (a block's end becomes a space), the
/// entities the Markdown renderer writes decoded.
pub fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                if ends_a_block(&rest[open + 1..open + close]) {
                    text.push(' ');
                }
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a tag (`p`, `/li`, `br /`) separates words; inline tags (`em`, `a`) do not.
fn ends_a_block(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "div"
            | "blockquote"
            | "pre"
            | "hr"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "aside"
            | "section"
            | "dt"
            | "dd"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_index_is_escaped_and_parses_back_the_same() {
        let json = serde_json::to_string(&["<script>&", "a > b"]).unwrap();
        let escaped = escape_markup_in_json(&json);
        assert!(!escaped.contains(['<', '>', '&']), "{escaped}");
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, ["<script>&", "a > b"]);
    }

    #[test]
    fn text_of_html_drops_tags_and_decodes_entities() {
        assert_eq!(
            text_of_html("<p>Fish &amp; chips</p>\n<p>a &lt;b&gt; <em>c</em>d</p>"),
            "Fish & chips a <b> cd"
        );
        assert_eq!(text_of_html("x <broken"), "x");
        assert_eq!(
            text_of_html("<li>one</li><li>two<br>three</li>"),
            "one two three"
        );
    }
}
