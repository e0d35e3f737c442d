//! `sitemap.xml` (every article and listing page, articles with their last change) and
//! `robots.txt` (allow everything, point at the sitemap).

use std::fmt::Write;

use crate::site::assemble::SiteData;
use crate::site::config::SiteConfig;
use crate::site::xml::escape_xml;

pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";

/// Renders `sitemap.xml`.
pub fn sitemap(site: &SiteData, config: &SiteConfig) -> String {
    let mut xml = String::with_capacity(256 + (site.articles.len() + site.listings.len()) * 120);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for listing in &site.listings {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape_xml(&config.permalink(&listing.url))
        );
    }
    for article in &site.articles {
        let loc = escape_xml(&config.permalink(&article.url));
        let lastmod = article.updated.as_ref().or(article.published.as_ref());
        match lastmod {
            Some(date) => {
                let _ = writeln!(
                    xml,
                    "  <url><loc>{loc}</loc><lastmod>{}</lastmod></url>",
                    date.instant.format("%Y-%m-%dT%H:%M:%SZ")
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

/// Renders `robots.txt`.
pub fn robots_txt(config: &SiteConfig) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink(&format!("/{SITEMAP_FILE}"))
    )
}
