//! Sitemaps and `robots.txt`.
//!
//! * `sitemap.xml`: every listing page and article, each with its last change (an
//!   article's `updated` or date; a listing page's newest article). Past 50,000 URLs (the
//!   protocol's limit for one file) it becomes a sitemap index of `sitemap-1.xml`,
//!   `sitemap-2.xml`… of at most 50,000 URLs each.
//! * `news-sitemap.xml`: a Google News sitemap of the articles published in the two days
//!   before the build (at most 1,000), with the publication's name and language.
//! * `robots.txt`: allow everything, point at both sitemaps.

use std::fmt::Write;

use chrono::{DateTime, Duration, Utc};

use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::config::SiteConfig;
use crate::site::xml::escape_xml;

pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const NEWS_SITEMAP_FILE: &str = "news-sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// URLs one sitemap file may hold.
pub const SITEMAP_LIMIT: usize = 50_000;
/// Articles a Google News sitemap may hold, and how recent they must be.
pub const NEWS_LIMIT: usize = 1_000;
pub const NEWS_DAYS: i64 = 2;

/// How many URLs the sitemap lists: every listing page and article.
pub fn url_count(site: &SiteData) -> usize {
    site.listings.len() + site.articles.len()
}

/// How many part files (`sitemap-N.xml`) the sitemap needs: none up to
/// [`SITEMAP_LIMIT`] URLs (then `sitemap.xml` holds them all).
pub fn part_count(site: &SiteData) -> usize {
    let urls = url_count(site);
    if urls <= SITEMAP_LIMIT {
        0
    } else {
        urls.div_ceil(SITEMAP_LIMIT)
    }
}

/// The file name of sitemap part `n` (1-based): `sitemap-1.xml`.
pub fn part_file(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// When an article last changed: `updated`, else its date.
fn last_change(article: &ArticleEntry) -> Option<DateTime<Utc>> {
    article
        .updated
        .as_ref()
        .or(article.published.as_ref())
        .map(|d| d.instant)
}

fn w3c_date(date: DateTime<Utc>) -> String {
    date.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A listing page's last change: its newest article's.
fn listing_last_change(
    site: &SiteData,
    listing: &crate::site::assemble::ListingPage,
) -> Option<DateTime<Utc>> {
    site.listing_positions(listing)
        .into_iter()
        .filter_map(|i| last_change(&site.articles[i]))
        .max()
}

/// Hashes everything the sitemap (and its parts) reads of `site`: each URL, in order, and
/// its last change. With the configuration hashed beside it, an unchanged hash means an
/// unchanged sitemap, so an edit to an article's text alone does not regenerate it.
pub fn hash_inputs(site: &SiteData, hasher: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    url_count(site).hash(hasher);
    for listing in &site.listings {
        (&listing.url, listing_last_change(site, listing)).hash(hasher);
    }
    for article in &site.articles {
        (&article.url, last_change(article)).hash(hasher);
    }
}

/// The `index`-th URL of the sitemap (listing pages first, then articles) and its last
/// change.
fn entry(site: &SiteData, config: &SiteConfig, index: usize) -> (String, Option<DateTime<Utc>>) {
    match site.listings.get(index) {
        Some(listing) => (
            config.permalink(&listing.url),
            listing_last_change(site, listing),
        ),
        None => {
            let article = &site.articles[index - site.listings.len()];
            (config.permalink(&article.url), last_change(article))
        }
    }
}

/// A `<urlset>` of the sitemap's URLs `range`.
fn url_set(site: &SiteData, config: &SiteConfig, range: std::ops::Range<usize>) -> String {
    let mut xml = String::with_capacity(256 + range.len() * 120);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for index in range {
        let (loc, lastmod) = entry(site, config, index);
        let loc = escape_xml(&loc);
        match lastmod {
            Some(date) => {
                let _ = writeln!(
                    xml,
                    "  <url><loc>{loc}</loc><lastmod>{}</lastmod></url>",
                    w3c_date(date)
                );
            }
            None => {
                let _ = writeln!(xml, "  <url><loc>{loc}</loc></url>");
            }
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Renders `sitemap.xml`: every URL, or past [`SITEMAP_LIMIT`] an index of the parts.
pub fn sitemap(site: &SiteData, config: &SiteConfig) -> String {
    let parts = part_count(site);
    if parts == 0 {
        return url_set(site, config, 0..url_count(site));
    }
    let newest = site.articles.iter().filter_map(last_change).max();
    let mut xml = String::with_capacity(256 + parts * 160);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for n in 1..=parts {
        let loc = escape_xml(&config.permalink(&format!("/{}", part_file(n))));
        match newest {
            Some(date) => {
                let _ = writeln!(
                    xml,
                    "  <sitemap><loc>{loc}</loc><lastmod>{}</lastmod></sitemap>",
                    w3c_date(date)
                );
            }
            None => {
                let _ = writeln!(xml, "  <sitemap><loc>{loc}</loc></sitemap>");
            }
        }
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// Renders sitemap part `n` (1-based) of a site past [`SITEMAP_LIMIT`] URLs.
pub fn sitemap_part(site: &SiteData, config: &SiteConfig, n: usize) -> String {
    let start = (n - 1) * SITEMAP_LIMIT;
    let end = (start + SITEMAP_LIMIT).min(url_count(site));
    url_set(site, config, start..end)
}

/// Positions of the articles the news sitemap lists: published in the [`NEWS_DAYS`]
/// days before `site.now` (and not after it), newest first, at most [`NEWS_LIMIT`].
pub fn news_positions(site: &SiteData) -> Vec<usize> {
    let since = site.now - Duration::days(NEWS_DAYS);
    site.articles
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.published
                .as_ref()
                .is_some_and(|d| d.instant >= since && d.instant <= site.now)
        })
        .map(|(i, _)| i)
        .take(NEWS_LIMIT)
        .collect()
}

/// The language code Google News wants: the primary subtag (`en-GB` → `en`), except
/// Chinese, which keeps its script or region (`zh-cn`, `zh-tw`).
fn news_language(language: &str) -> String {
    let lower = language.to_ascii_lowercase().replace('_', "-");
    if lower.starts_with("zh-") {
        lower
    } else {
        lower.split('-').next().unwrap_or("en").to_string()
    }
}

/// Renders `news-sitemap.xml`: a Google News sitemap of the latest articles.
pub fn news_sitemap(site: &SiteData, config: &SiteConfig) -> String {
    let positions = news_positions(site);
    let mut xml = String::with_capacity(512 + positions.len() * 400);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let name = escape_xml(&config.title);
    let language = escape_xml(&news_language(&config.language));
    for i in positions {
        let article = &site.articles[i];
        let Some(published) = &article.published else {
            continue;
        };
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc><news:news><news:publication><news:name>{name}</news:name>\
             <news:language>{language}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             </news:news></url>",
            escape_xml(&config.permalink(&article.url)),
            published.instant.to_rfc3339(),
            escape_xml(&article.doc.front.title)
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Renders `robots.txt`.
pub fn robots_txt(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\nSitemap: {}\n",
        config.permalink(&format!("/{SITEMAP_FILE}")),
        config.permalink(&format!("/{NEWS_SITEMAP_FILE}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_languages_are_primary_subtags() {
        assert_eq!(news_language("en-GB"), "en");
        assert_eq!(news_language("fr"), "fr");
        assert_eq!(news_language("zh-CN"), "zh-cn");
    }

    #[test]
    fn parts_start_past_the_limit() {
        let mut site = SiteData::default();
        assert_eq!(part_count(&site), 0);
        site.listings = (0..SITEMAP_LIMIT + 1)
            .map(|n| crate::site::assemble::ListingPage {
                kind: crate::site::assemble::ListingKind::Home,
                url: format!("/page/{n}/"),
                number: n,
                total: SITEMAP_LIMIT + 1,
                start: 0,
                end: 0,
                first_url: "/".into(),
            })
            .collect();
        assert_eq!(part_count(&site), 2);
        let config = SiteConfig::default();
        let index = sitemap(&site, &config);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("/sitemap-2.xml</loc>"));
        let second = sitemap_part(&site, &config, 2);
        assert_eq!(second.matches("<url>").count(), 1);
        assert!(second.contains(&format!("/page/{SITEMAP_LIMIT}/")));
    }
}
