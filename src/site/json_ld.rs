//! schema.org JSON-LD for search engines and news aggregators, serialised straight from
//! borrowed data and escaped ([`script_safe_json`]) so no title can close the `<script>`
//! element it sits in:
//!
//! * an article: `NewsArticle` with its headline, authors (`Person`), dates, `image`,
//!   `articleSection` and the publisher (`Organization` with `url` and `logo`);
//! * the home page: `WebSite` and the same `Organization`;
//! * an author page: `ProfilePage` about a `Person` (name, role, bio, photo, links).
//!
//! The publisher's logo is `logo` from `site.toml`, else the theme's `favicon.svg`.

use serde::Serialize;

use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::config::SiteConfig;

/// schema.org `NewsArticle`.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    author: Vec<Person<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(rename = "articleSection", skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    keywords: Vec<&'a str>,
    url: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage<'a>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    publisher: Organization<'a>,
}

/// A `Person`: an article's author, or the subject of an author page.
#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<&'a str>,
}

impl<'a> Person<'a> {
    fn named(name: &'a str, url: String) -> Person<'a> {
        Person {
            kind: "Person",
            name,
            url,
            job_title: None,
            description: None,
            image: None,
            same_as: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
}

/// The publisher: the site as an `Organization` with its home page and logo.
#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    logo: ImageObject,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

/// The site as a publisher.
fn organization(config: &SiteConfig) -> Organization<'_> {
    Organization {
        kind: "Organization",
        name: &config.title,
        url: config.permalink("/"),
        logo: ImageObject {
            kind: "ImageObject",
            url: logo_url(config),
        },
    }
}

/// The publisher's logo: `logo` from `site.toml` (absolute, or from the site's root),
/// else the theme's favicon.
pub fn logo_url(config: &SiteConfig) -> String {
    match config.logo.as_deref() {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => url.to_string(),
        Some(path) => config.permalink(&format!("/{}", path.trim_start_matches('/'))),
        None => config.permalink("/favicon.svg"),
    }
}

/// JSON safe to put inside `<script>`.
fn to_script<T: Serialize>(value: &T) -> String {
    script_safe_json(&serde_json::to_string(value).expect("plain data serialises"))
}

/// The schema.org `NewsArticle` of an article, as JSON safe to put inside `<script>`.
pub fn news_article(
    article: &ArticleEntry,
    site: &SiteData,
    config: &SiteConfig,
    permalink: &str,
    image: Option<&str>,
) -> String {
    let published = article.published.as_ref().map(|d| d.instant.to_rfc3339());
    let modified = article
        .updated
        .as_ref()
        .map(|d| d.instant.to_rfc3339())
        .or_else(|| published.clone());
    to_script(&NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &article.doc.front.title,
        description: article.description(),
        author: article
            .authors
            .iter()
            .map(|a| Person::named(&a.name, config.permalink(&a.url)))
            .collect(),
        date_published: published,
        date_modified: modified,
        image,
        article_section: article.section.map(|i| site.sections[i].title.as_str()),
        keywords: article.tags.iter().map(|t| t.name.as_str()).collect(),
        url: permalink,
        main_entity_of_page: WebPage {
            kind: "WebPage",
            id: permalink,
        },
        in_language: article
            .doc
            .front
            .language
            .as_deref()
            .unwrap_or(&config.language),
        publisher: organization(config),
    })
}

#[derive(Serialize)]
struct Graph<T> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: T,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    publisher: Organization<'a>,
}

/// The home page's `WebSite` and `Organization`, as JSON safe to put inside `<script>`.
pub fn home_page(config: &SiteConfig) -> String {
    to_script(&Graph {
        context: "https://schema.org",
        graph: (
            WebSite {
                kind: "WebSite",
                name: &config.title,
                url: config.permalink("/"),
                description: &config.description,
                in_language: &config.language,
                publisher: organization(config),
            },
            organization(config),
        ),
    })
}

#[derive(Serialize)]
struct ProfilePage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "mainEntity")]
    main_entity: Person<'a>,
}

/// What an author page says about its author, for [`author_page`].
pub struct AuthorFacts<'a> {
    pub name: &'a str,
    /// Site path of the author page.
    pub url: &'a str,
    pub role: Option<&'a str>,
    pub bio: Option<&'a str>,
    /// Absolute URL of the photo.
    pub photo: Option<String>,
    /// Absolute URLs of their other pages.
    pub links: Vec<&'a str>,
}

/// An author page's `ProfilePage` about a `Person`, as JSON safe to put inside `<script>`.
pub fn author_page(facts: AuthorFacts<'_>, config: &SiteConfig) -> String {
    let url = config.permalink(facts.url);
    to_script(&ProfilePage {
        context: "https://schema.org",
        kind: "ProfilePage",
        url: url.clone(),
        main_entity: Person {
            job_title: facts.role,
            description: facts.bio,
            image: facts.photo,
            same_as: facts.links,
            ..Person::named(facts.name, url)
        },
    })
}

/// JSON text with `<`, `>`, `&` and the JavaScript line separators escaped, so it can sit
/// inside a `<script>` element whatever its strings hold. (Outside strings JSON has none
/// of these characters, so escaping them everywhere keeps the JSON equal.)
pub fn script_safe_json(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let mut plain_from = 0;
    let mut index = 0;
    // Byte by byte: the characters to escape are ASCII or start with 0xE2 (U+2028 is
    // E2 80 A8, U+2029 E2 80 A9), and no other character's bytes look like them.
    while index < bytes.len() {
        let (escaped, length) = match bytes[index] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 => match bytes.get(index + 1..index + 3) {
                Some([0x80, 0xA8]) => ("\\u2028", 3),
                Some([0x80, 0xA9]) => ("\\u2029", 3),
                _ => {
                    index += 1;
                    continue;
                }
            },
            _ => {
                index += 1;
                continue;
            }
        };
        out.push_str(&json[plain_from..index]);
        out.push_str(escaped);
        index += length;
        plain_from = index;
    }
    out.push_str(&json[plain_from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script_element() {
        let value =
            serde_json::json!({ "headline": "</script><script>alert(1)</script> & \u{2028}" });
        let text = script_safe_json(&value.to_string());
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn only_the_five_characters_are_escaped() {
        assert_eq!(
            script_safe_json("\"a<b>&c\u{2028}d\u{2029}—’\u{2027}\u{202a}\""),
            "\"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029—’\u{2027}\u{202a}\""
        );
        assert_eq!(script_safe_json("Ωmega ⁂"), "Ωmega ⁂");
        assert_eq!(script_safe_json("€\u{2000}"), "€\u{2000}");
    }
}
