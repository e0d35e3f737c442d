//! Atom feeds: `feed.xml` for the whole site and one beside every section's page
//! (`/sport/feed.xml`), each with the latest articles and their full content.
//!
//! Written by hand with `xml::escape_xml`: every title, name and
//! the HTML content are escaped, so nothing an article holds can break the XML. A feed's
//! `updated` is its newest article's date, never "now", so an unchanged site produces
//! byte-identical feeds (and nothing is rewritten).

use std::fmt::Write;

use chrono::{DateTime, Utc};

use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::config::SiteConfig;
use crate::site::xml::escape_xml;

/// The feed's file name, at the site's root and in each section's folder.
pub const FEED_FILE: &str = "feed.xml";

/// Which articles a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every article: `/feed.xml`.
    Site,
    /// Index into `SiteData::sections`: `/sport/feed.xml`.
    Section(usize),
}

impl FeedScope {
    /// Every feed the site has: the site's own, then one per section.
    pub fn all(site: &SiteData) -> Vec<FeedScope> {
        std::iter::once(FeedScope::Site)
            .chain((0..site.sections.len()).map(FeedScope::Section))
            .collect()
    }

    /// The site path of the page the feed follows (`/`, `/sport/`).
    pub fn page_url(self, site: &SiteData) -> &str {
        match self {
            FeedScope::Site => "/",
            FeedScope::Section(i) => &site.sections[i].url,
        }
    }

    /// The site path of the feed itself (`/feed.xml`, `/sport/feed.xml`).
    pub fn feed_url(self, site: &SiteData) -> String {
        format!("{}{FEED_FILE}", self.page_url(site))
    }

    /// The feed's title: the site's, or `Sport · The Site`.
    fn title(self, site: &SiteData, config: &SiteConfig) -> String {
        match self {
            FeedScope::Site => config.title.clone(),
            FeedScope::Section(i) => format!("{} · {}", site.sections[i].title, config.title),
        }
    }

    /// Positions in `site.articles` of the feed's newest `limit` articles.
    pub fn positions(self, site: &SiteData, limit: usize) -> Vec<usize> {
        match self {
            FeedScope::Site => (0..site.articles.len().min(limit)).collect(),
            FeedScope::Section(i) => site.sections[i]
                .articles
                .iter()
                .take(limit)
                .copied()
                .collect(),
        }
    }
}

/// Renders the Atom feed of `scope` with its `config.feed_limit` newest articles.
pub fn atom_feed(scope: FeedScope, site: &SiteData, config: &SiteConfig) -> String {
    let entries: Vec<&ArticleEntry> = scope
        .positions(site, config.feed_limit)
        .into_iter()
        .map(|i| &site.articles[i])
        .collect();
    let updated = entries
        .iter()
        .filter_map(|a| article_updated(a))
        .max()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
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
        escape_xml(&config.permalink(&scope.feed_url(site)))
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
        write_entry(&mut xml, article, config, updated);
    }
    xml.push_str("</feed>\n");
    xml
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
) {
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
    if !article.description.is_empty() {
        let _ = writeln!(
            xml,
            "    <summary>{}</summary>",
            escape_xml(&article.description)
        );
    }
    let _ = writeln!(
        xml,
        "    <content type=\"html\" xml:base=\"{permalink}\">{}</content>",
        escape_xml(&article.doc.body.html)
    );
    xml.push_str("  </entry>\n");
}
