//! Feeds: for the whole site, each section, each tag and each author, an Atom feed
//! (`feed.xml`) and an RSS 2.0 one (`rss.xml`) beside the page they follow (`/feed.xml`,
//! `/sport/rss.xml`, `/tags/water/feed.xml`, `/authors/ann-lee/rss.xml`), each with the
//! latest articles and their full content.
//!
//! The content leaves out pull-quotes: a pull-quote repeats a sentence of the body, and
//! a feed reader shows it as one more paragraph, so the reader would read it twice.
//!
//! Written by hand: every title and name is escaped (`xml::escape_xml`) and the HTML
//! content goes in CDATA sections (`xml::cdata`, which splits a `]]>` the HTML holds), so
//! nothing an article holds can break the XML. A feed's
//! `updated` is its newest article's date, never "now", so an unchanged site produces
//! byte-identical feeds (and nothing is rewritten).

use std::fmt::Write;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use memchr::memmem;

use crate::diagnostic::Diagnostic;
use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::config::SiteConfig;
use crate::site::xml::{cdata, escape_xml};

/// The Atom feed's file name, at the site's root and beside every listing it follows.
pub const FEED_FILE: &str = "feed.xml";
/// The RSS 2.0 feed's file name, beside every Atom feed.
pub const RSS_FILE: &str = "rss.xml";

/// Which articles a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every article: `/feed.xml`.
    Site,
    /// Index into `SiteData::sections`: `/sport/feed.xml`.
    Section(usize),
    /// Index into `SiteData::tags`: `/tags/water/feed.xml`.
    Tag(usize),
    /// Index into `SiteData::authors`: `/authors/ann-lee/feed.xml`.
    Author(usize),
}

/// A feed's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Atom,
    Rss,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 2] = [FeedFormat::Atom, FeedFormat::Rss];

    /// `feed.xml` or `rss.xml`.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => FEED_FILE,
            FeedFormat::Rss => RSS_FILE,
        }
    }
}

impl FeedScope {
    /// Every scope the site has a feed for: the site, then each section, tag and author.
    pub fn all(site: &SiteData) -> Vec<FeedScope> {
        std::iter::once(FeedScope::Site)
            .chain((0..site.sections.len()).map(FeedScope::Section))
            .chain((0..site.tags.len()).map(FeedScope::Tag))
            .chain((0..site.authors.len()).map(FeedScope::Author))
            .collect()
    }

    /// The site path of the page the feed follows (`/`, `/sport/`).
    pub fn page_url(self, site: &SiteData) -> &str {
        match self {
            FeedScope::Site => "/",
            FeedScope::Section(i) => &site.sections[i].url,
            FeedScope::Tag(i) => &site.tags[i].url,
            FeedScope::Author(i) => &site.authors[i].url,
        }
    }

    /// The site path of the feed itself (`/feed.xml`, `/sport/rss.xml`).
    pub fn feed_url(self, site: &SiteData, format: FeedFormat) -> String {
        format!("{}{}", self.page_url(site), format.file_name())
    }

    /// The name of what the feed follows (`Sport`); empty for the whole site.
    pub fn name(self, site: &SiteData) -> &str {
        match self {
            FeedScope::Site => "",
            FeedScope::Section(i) => &site.sections[i].title,
            FeedScope::Tag(i) => &site.tags[i].name,
            FeedScope::Author(i) => &site.authors[i].name,
        }
    }

    /// The feed's title: the site's, or `Sport · The Site`.
    pub fn title(self, site: &SiteData, config: &SiteConfig) -> String {
        match self {
            FeedScope::Site => config.title.clone(),
            _ => format!("{} · {}", self.name(site), config.title),
        }
    }

    /// Positions in `site.articles` of the feed's newest `limit` articles.
    pub fn positions(self, site: &SiteData, limit: usize) -> Vec<usize> {
        let list = match self {
            FeedScope::Site => return (0..site.articles.len().min(limit)).collect(),
            FeedScope::Section(i) => &site.sections[i].articles,
            FeedScope::Tag(i) => &site.tags[i].articles,
            FeedScope::Author(i) => &site.authors[i].articles,
        };
        list.iter().take(limit).copied().collect()
    }
}

/// Renders the feed of `scope` in `format`; an error if an entry's body cannot be read
/// back (see [`crate::site::body_store`]).
pub fn feed(
    scope: FeedScope,
    format: FeedFormat,
    site: &SiteData,
    config: &SiteConfig,
) -> Result<String, Diagnostic> {
    match format {
        FeedFormat::Atom => atom_feed(scope, site, config),
        FeedFormat::Rss => rss_feed(scope, site, config),
    }
}

/// The opening tag of a pull-quote as the Markdown renderer writes it.
const PULLQUOTE_OPEN: &str = "<aside class=\"pullquote\" aria-hidden=\"true\">";

/// An article's HTML for a feed: without its pull-quotes (each `<aside
/// class="pullquote">` up to its matching `</aside>`, and the line end after it).
pub fn without_pullquotes(html: &str) -> Cow<'_, str> {
    // Searched with memchr's SIMD finders: every body of every feed is searched.
    let find = |text: &str, needle: &str| memmem::find(text.as_bytes(), needle.as_bytes());
    if find(html, PULLQUOTE_OPEN).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find(rest, PULLQUOTE_OPEN) {
        out.push_str(&rest[..start]);
        let mut depth = 0usize;
        let mut at = start;
        let end = loop {
            let next_open = find(&rest[at + 1..], "<aside").map(|i| at + 1 + i);
            let next_close = find(&rest[at..], "</aside>").map(|i| at + i);
            match (next_open, next_close) {
                (Some(open), Some(close)) if open < close => {
                    depth += 1;
                    at = open;
                }
                (_, Some(close)) if depth > 0 => {
                    depth -= 1;
                    at = close + 1;
                }
                (_, Some(close)) => break close + "</aside>".len(),
                (_, None) => break rest.len(),
            }
        };
        rest = &rest[end..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The feed's articles, newest first.
fn entries<'a>(scope: FeedScope, site: &'a SiteData, config: &SiteConfig) -> Vec<&'a ArticleEntry> {
    scope
        .positions(site, config.feed_limit)
        .into_iter()
        .map(|i| &site.articles[i])
        .collect()
}

/// The newest change among `entries`, or the Unix epoch for an empty feed.
fn newest_change(entries: &[&ArticleEntry]) -> DateTime<Utc> {
    entries
        .iter()
        .filter_map(|a| article_updated(a))
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// Renders the Atom feed of `scope` with its `config.feed_limit` newest articles.
pub fn atom_feed(
    scope: FeedScope,
    site: &SiteData,
    config: &SiteConfig,
) -> Result<String, Diagnostic> {
    let entries = entries(scope, site, config);
    let updated = newest_change(&entries);
    let home = config.permalink(scope.page_url(site));
    let mut xml = String::with_capacity(4096 + entries.len() * 8192);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape_xml(&config.language)
    );
    let _ = writeln!(
        xml,
        "  <title>{}</title>",
        escape_xml(&scope.title(site, config))
    );
    if !config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape_xml(&config.description)
        );
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape_xml(&config.permalink(&scope.feed_url(site, FeedFormat::Atom)))
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        escape_xml(&home)
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape_xml(&home));
    let _ = writeln!(xml, "  <updated>{}</updated>", atom_date(updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape_xml(&config.title)
    );
    for article in entries {
        write_entry(&mut xml, article, config, updated)?;
    }
    xml.push_str("</feed>\n");
    Ok(xml)
}

fn article_updated(article: &ArticleEntry) -> Option<DateTime<Utc>> {
    article
        .updated
        .as_ref()
        .or(article.published.as_ref())
        .map(|d| d.instant)
}

fn atom_date(date: DateTime<Utc>) -> String {
    date.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn write_entry(
    xml: &mut String,
    article: &ArticleEntry,
    config: &SiteConfig,
    feed_updated: DateTime<Utc>,
) -> Result<(), Diagnostic> {
    let front = &article.doc.front;
    let permalink = escape_xml(&config.permalink(&article.url));
    xml.push_str("  <entry>\n");
    let _ = writeln!(xml, "    <title>{}</title>", escape_xml(&front.title));
    let _ = writeln!(
        xml,
        "    <link href=\"{permalink}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    let _ = writeln!(xml, "    <id>{permalink}</id>");
    if let Some(published) = &article.published {
        let _ = writeln!(
            xml,
            "    <published>{}</published>",
            atom_date(published.instant)
        );
    }
    let updated = article_updated(article).unwrap_or(feed_updated);
    let _ = writeln!(xml, "    <updated>{}</updated>", atom_date(updated));
    for author in &article.authors {
        let _ = writeln!(
            xml,
            "    <author><name>{}</name><uri>{}</uri></author>",
            escape_xml(&author.name),
            escape_xml(&config.permalink(&author.url))
        );
    }
    for tag in &article.tags {
        let _ = writeln!(xml, "    <category term=\"{}\"/>", escape_xml(&tag.name));
    }
    if !article.description().is_empty() {
        let _ = writeln!(
            xml,
            "    <summary>{}</summary>",
            escape_xml(article.description())
        );
    }
    let _ = writeln!(
        xml,
        "    <content type=\"html\" xml:base=\"{permalink}\">{}</content>",
        cdata(&without_pullquotes(&article.doc.html()?))
    );
    xml.push_str("  </entry>\n");
    Ok(())
}

/// Renders the RSS 2.0 feed of `scope` with its `config.feed_limit` newest articles:
/// `content:encoded` holds the full HTML, `dc:creator` each author.
pub fn rss_feed(
    scope: FeedScope,
    site: &SiteData,
    config: &SiteConfig,
) -> Result<String, Diagnostic> {
    let entries = entries(scope, site, config);
    let updated = newest_change(&entries);
    let home = escape_xml(&config.permalink(scope.page_url(site)));
    let mut xml = String::with_capacity(4096 + entries.len() * 8192);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n",
    );
    let title = escape_xml(&scope.title(site, config));
    let _ = writeln!(xml, "  <title>{title}</title>");
    let _ = writeln!(xml, "  <link>{home}</link>");
    let description = if config.description.is_empty() {
        &title
    } else {
        &escape_xml(&config.description)
    };
    let _ = writeln!(xml, "  <description>{description}</description>");
    let _ = writeln!(
        xml,
        "  <language>{}</language>",
        escape_xml(&config.language)
    );
    let _ = writeln!(
        xml,
        "  <lastBuildDate>{}</lastBuildDate>",
        updated.to_rfc2822()
    );
    let _ = writeln!(
        xml,
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape_xml(&config.permalink(&scope.feed_url(site, FeedFormat::Rss)))
    );
    for article in entries {
        write_item(&mut xml, article, config)?;
    }
    xml.push_str("</channel>\n</rss>\n");
    Ok(xml)
}

fn write_item(
    xml: &mut String,
    article: &ArticleEntry,
    config: &SiteConfig,
) -> Result<(), Diagnostic> {
    let permalink = escape_xml(&config.permalink(&article.url));
    xml.push_str("  <item>\n");
    let _ = writeln!(
        xml,
        "    <title>{}</title>",
        escape_xml(&article.doc.front.title)
    );
    let _ = writeln!(xml, "    <link>{permalink}</link>");
    let _ = writeln!(xml, "    <guid isPermaLink=\"true\">{permalink}</guid>");
    if let Some(published) = &article.published {
        let _ = writeln!(
            xml,
            "    <pubDate>{}</pubDate>",
            published.instant.to_rfc2822()
        );
    }
    for author in &article.authors {
        let _ = writeln!(
            xml,
            "    <dc:creator>{}</dc:creator>",
            escape_xml(&author.name)
        );
    }
    for tag in &article.tags {
        let _ = writeln!(xml, "    <category>{}</category>", escape_xml(&tag.name));
    }
    if !article.description().is_empty() {
        let _ = writeln!(
            xml,
            "    <description>{}</description>",
            escape_xml(article.description())
        );
    }
    let _ = writeln!(
        xml,
        "    <content:encoded>{}</content:encoded>",
        cdata(&without_pullquotes(&article.doc.html()?))
    );
    xml.push_str("  </item>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pullquotes_are_left_out_of_feeds() {
        let html = "<p>A.</p>\n<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>Q.</p>\n</aside>\n<p>B.</p>\n";
        assert_eq!(without_pullquotes(html), "<p>A.</p>\n<p>B.</p>\n");
        let nested = "<aside class=\"pullquote\" aria-hidden=\"true\"><aside>x</aside>y</aside>z";
        assert_eq!(without_pullquotes(nested), "z");
        let other = "<aside class=\"note\">kept</aside>";
        assert!(matches!(without_pullquotes(other), Cow::Borrowed(_)));
        assert_eq!(
            without_pullquotes("<aside class=\"pullquote\" aria-hidden=\"true\">never closed"),
            ""
        );
    }
}
