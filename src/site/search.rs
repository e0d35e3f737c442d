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
//!
//! Words are read in the site's language ([`language`]: French is stemmed as French, Urdu
//! kept whole), and the index names that language's pipeline, which the browser runs on
//! the query; [`stemmer_scripts`] are the scripts the search page loads for it. An article
//! with a `language` of its own is indexed with the site's pipeline all the same: the
//! query goes through one pipeline, the site's, and an index term made by another would
//! not be found by it. Stemmers and stop words only touch their own alphabet, so an Urdu
//! article's words stay whole in an English or French site's index and an Urdu query
//! finds them.

mod inverted;
pub mod language;

use language::SearchLanguage;

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::site::assemble::SiteData;
use crate::site::config::{prefixed, SiteConfig};

/// The output file of the index.
pub const SEARCH_INDEX_FILE: &str = "search-index.json";

/// The site path of the search page.
pub const SEARCH_PAGE_URL: &str = "/search/";

/// The theme's lunr-languages scripts (Snowball stemmers for the browser, vendored).
const LUNR_LANGUAGES: &str = "/lunr-languages";

/// The theme's script that lets lunr-languages register its functions with elasticlunr.js.
const LUNR_ADAPTER: &str = "/search-languages.js";

/// The fields indexed, in the order [`document_fields`] gives them.
const FIELDS: [&str; 6] = ["title", "standfirst", "authors", "section", "tags", "body"];

/// Articles analysed in parallel before being added to the index.
const ANALYSED_AT_ONCE: usize = 2048;

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

/// `search-index.json` for every published article of `site`: `{"index": …, "docs": […]}`,
/// the elasticlunr index (see `search::inverted`) and the result cards by reference (a
/// document's reference is its position in `docs`, written as a number: every word's
/// posting list repeats the reference, and a short one keeps the file a fraction of the
/// size it has with URLs). Markup characters are escaped as the JSON is written.
pub fn search_index(site: &SiteData, config: &SiteConfig) -> String {
    let mut out = Vec::with_capacity(site.articles.len() * 1024);
    write_search_index(&mut out, site, config).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes [`search_index`] to `out` as it is made.
pub fn write_search_index(
    out: &mut dyn Write,
    site: &SiteData,
    config: &SiteConfig,
) -> std::io::Result<()> {
    let language = SearchLanguage::for_tag(&config.language);
    let mut index = inverted::InvertedIndex::new(language, &FIELDS);
    // Analysed in parallel a slice at a time, so that the analysed documents waiting to
    // be added never add up to much.
    for slice in site.articles.chunks(ANALYSED_AT_ONCE) {
        let analysed: Vec<inverted::AnalysedDoc> = slice
            .par_iter()
            .map_init(
                || inverted::Analyser::new(language),
                |analyser, article| analyser.analyse(&document_fields(site, article)),
            )
            .collect();
        for doc in analysed {
            index.add(doc);
        }
    }
    // The file is written in thousands of small pieces (a key, a number): gathered first,
    // so that escaping, hashing and writing each see large blocks.
    let mut out = std::io::BufWriter::with_capacity(SEARCH_WRITE_BUFFER, MarkupEscaping(out));
    write_search_file(&mut out, &index, site, config)?;
    out.flush()
}

/// The site paths of the scripts the search page loads between `elasticlunr.min.js` and
/// `search.js`, so that the query goes through the index's pipeline: for a language that
/// elasticlunr.js cannot stem itself (French, German, Spanish), the adapter and
/// lunr-languages' support and language scripts; none for English or an unstemmed language.
pub fn stemmer_scripts(config: &SiteConfig) -> Vec<String> {
    match SearchLanguage::for_tag(&config.language).browser_stemmer() {
        Some(code) => vec![
            LUNR_ADAPTER.to_string(),
            format!("{LUNR_LANGUAGES}/lunr.stemmer.support.min.js"),
            format!("{LUNR_LANGUAGES}/lunr.{code}.min.js"),
        ],
        None => Vec::new(),
    }
}

/// Bytes of the search index gathered before they are escaped and written.
const SEARCH_WRITE_BUFFER: usize = 64 * 1024;

fn write_search_file(
    out: &mut impl Write,
    index: &inverted::InvertedIndex,
    site: &SiteData,
    config: &SiteConfig,
) -> std::io::Result<()> {
    out.write_all(b"{\"index\":")?;
    index.write_json(out)?;
    out.write_all(b",\"docs\":[")?;
    for (reference, article) in site.articles.iter().enumerate() {
        if reference > 0 {
            out.write_all(b",")?;
        }
        let front = &article.doc.front;
        let card = ResultCard {
            url: prefixed(config.base_path(), &article.url).into_owned(),
            title: &front.title,
            standfirst: front.subtitle.as_deref().unwrap_or(""),
            date: article.published.as_ref().map(|d| d.text.as_str()),
        };
        serde_json::to_writer(&mut *out, &card)?;
    }
    out.write_all(b"]}")
}

/// Writes JSON with `<`, `>` and `&` as JSON's `\u003c`, `\u003e`, `\u0026`: the parsed
/// text is the same, but no title can put markup into the file as it is, should anything
/// ever serve or embed it as HTML. (These characters can only occur inside JSON strings,
/// and being ASCII they are never part of a longer UTF-8 sequence.)
struct MarkupEscaping<W>(W);

impl<W: Write> Write for MarkupEscaping<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut rest = bytes;
        while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest) {
            self.0.write_all(&rest[..at])?;
            self.0.write_all(match rest[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Hashes everything the search index reads of `site` (besides the configuration): each
/// article's indexed fields and result card, in order. An unchanged hash means an unchanged
/// index, so editing an article below its lead does not rebuild the index. Per-article
/// hashes are made in parallel.
pub fn hash_inputs(site: &SiteData, hasher: &mut impl std::hash::Hasher) {
    use std::hash::{Hash, Hasher};
    let articles: Vec<u64> = site
        .articles
        .par_iter()
        .map(|article| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            let front = &article.doc.front;
            (&front.title, &front.subtitle).hash(&mut h);
            for link in &article.authors {
                link.name.hash(&mut h);
            }
            0xA7u8.hash(&mut h);
            article
                .section
                .map(|i| &site.sections[i].title)
                .hash(&mut h);
            for link in &article.tags {
                link.name.hash(&mut h);
            }
            0x7Au8.hash(&mut h);
            article.doc.body.lead_text().hash(&mut h);
            article.url.hash(&mut h);
            article.published.as_ref().map(|d| &d.text).hash(&mut h);
            h.finish()
        })
        .collect();
    articles.hash(hasher);
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
        article.doc.body.lead_text().to_string(),
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
        let mut out = MarkupEscaping(Vec::new());
        serde_json::to_writer(&mut out, &["<script>&", "a > b"]).unwrap();
        let escaped = String::from_utf8(out.0).unwrap();
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
