//! Rendering pages: assembled data + templates = HTML.
//!
//! [`plan_pages`] lists every HTML page of the site (articles, listing pages, 404) with the
//! template it uses, the file it becomes and a *fingerprint*: a hash of everything the
//! page's template context is made from. A [`Builder`](crate::site::Builder) that kept the
//! fingerprints of its last build re-renders only pages whose fingerprint changed. The
//! template context of a page is described by the serde structs below; article, home
//! and author pages also carry schema.org JSON-LD ([`json_ld`]).

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::site::assemble::{self, ArticleEntry, DisplayDate, Link, ListingKind, SiteData};
use crate::site::autolink::linked_text_html;
use crate::site::body_store::{BodyHtml, BodyStore};
use crate::site::config::{prefixed, SiteConfig};
use crate::site::feeds::{FeedFormat, FeedScope};
use crate::site::json_ld;
use crate::site::lead_image::LeadImage;
use crate::site::listing::{
    is_front_page, listing_context, listing_heading, FRONT_SECTION_STORIES,
};
use crate::site::page_context::{self, PageContext};
use crate::site::page_language::PageLanguage;
use crate::site::search;
use crate::site::sitemap::{self, SITEMAP_FILE};
use crate::site::templates::Theme;
use crate::site::translations::{is_right_to_left, Translations};

/// What a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Index into `SiteData::articles`.
    Article(usize),
    /// Index into `SiteData::listings`.
    Listing(usize),
    NotFound,
    /// The search page, [`search::SEARCH_PAGE_URL`].
    Search,
}

/// One HTML page to render.
#[derive(Debug, Clone)]
pub struct PlannedPage {
    pub kind: PageKind,
    /// Site path, `/articles/x/`.
    pub url: String,
    /// Output file, relative to the output folder: `articles/x/index.html`.
    pub output: String,
    pub fingerprint: u64,
}

/// The output file of a site path: `/a/` → `a/index.html`, `/404.html` → `404.html`.
pub fn output_file_of(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Data shared by every page's context, prepared once per build.
pub struct SharedContext {
    pub(crate) site: serde_json::Value,
    /// Hash of the theme, configuration, navigation and injected HTML.
    pub fingerprint: u64,
    inject_before_body_end: Option<String>,
    /// The path the site is served under (`/paper`), empty at the root.
    pub(crate) base_path: String,
    /// The site's language (`site.toml`), against which an article's own is compared.
    pub(crate) language: String,
    /// Each article's story-list card (`card.html`), rendered the first time a listing
    /// needs it and reused by every other listing the article appears on.
    /// (An error is boxed: a slot per article is kept to the end of the build.)
    pub(crate) cards: Vec<OnceLock<Result<BodyHtml, Box<Diagnostic>>>>,
    /// Where cards are parked between uses; held in memory without one.
    bodies: Option<Arc<BodyStore>>,
    /// `site` and `t` (the theme's strings in the site's language) in a template context,
    /// made once; each rendering thread keeps copies to reuse (see
    /// [`page_context`](crate::site::page_context)).
    base_context: tera::Context,
    /// Which build's spare contexts a thread may lend for this one's pages.
    owner: u64,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// Whether the language is written right to left (`<html dir="rtl">`).
    rtl: bool,
    base_url: &'a str,
    /// `/paper` for a site served under `/paper/`, empty at the root.
    base_path: &'a str,
    feed_url: String,
    navigation: Vec<Href<'a>>,
    /// `/tags/` and `/authors/` under the base path, when the site has any.
    tag_index: Option<Cow<'a, str>>,
    author_index: Option<Cow<'a, str>>,
}

/// A name and the link a page writes for it: a [`Link`] whose site path is put under the
/// base path (`/tags/x/` → `/paper/tags/x/`; borrowed as it is at the root).
#[derive(Serialize)]
pub(crate) struct Href<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: Cow<'a, str>,
}

pub(crate) fn hrefs<'a>(base_path: &str, links: &'a [Link]) -> Vec<Href<'a>> {
    links
        .iter()
        .map(|link| Href {
            name: &link.name,
            url: prefixed(base_path, &link.url),
        })
        .collect()
}

impl SharedContext {
    pub fn new(
        config: &SiteConfig,
        theme: &Theme,
        site: &SiteData,
        inject_before_body_end: Option<&str>,
        bodies: Option<&Arc<BodyStore>>,
    ) -> SharedContext {
        let navigation = site.navigation();
        let context = SiteContext {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            rtl: is_right_to_left(&config.language),
            base_url: &config.base_url,
            base_path: config.base_path(),
            feed_url: config.permalink("/feed.xml"),
            navigation: hrefs(config.base_path(), &navigation),
            tag_index: (!site.tags.is_empty())
                .then(|| prefixed(config.base_path(), assemble::TAG_INDEX_URL)),
            author_index: (!site.authors.is_empty())
                .then(|| prefixed(config.base_path(), assemble::AUTHOR_INDEX_URL)),
        };
        let site_value = serde_json::to_value(&context).expect("plain data serialises");
        let mut hasher = DefaultHasher::new();
        theme.fingerprint.hash(&mut hasher);
        format!("{config:?}").hash(&mut hasher);
        site_value.to_string().hash(&mut hasher);
        inject_before_body_end.hash(&mut hasher);
        let strings =
            serde_json::to_value(config.translations.strings()).expect("plain data serialises");
        let mut base_context = tera::Context::new();
        base_context.insert("site", &site_value);
        base_context.insert("t", &strings);
        SharedContext {
            site: site_value,
            base_context,
            owner: page_context::new_owner(),
            fingerprint: hasher.finish(),
            inject_before_body_end: inject_before_body_end.map(str::to_string),
            base_path: config.base_path().to_string(),
            language: config.language.clone(),
            cards: site.articles.iter().map(|_| OnceLock::new()).collect(),
            bodies: bodies.cloned(),
        }
    }

    /// The template context holding `site` and `t` that every page's starts from.
    pub(crate) fn base_context(&self) -> &tera::Context {
        &self.base_context
    }

    pub(crate) fn owner(&self) -> u64 {
        self.owner
    }

    /// A context of `site` and `t` alone, for the tests of what is built on it.
    #[cfg(test)]
    pub(crate) fn for_test(site: serde_json::Value, strings: serde_json::Value) -> SharedContext {
        let mut base_context = tera::Context::new();
        base_context.insert("site", &site);
        base_context.insert("t", &strings);
        SharedContext {
            site,
            fingerprint: 0,
            inject_before_body_end: None,
            base_path: String::new(),
            language: "en".to_string(),
            cards: Vec::new(),
            bodies: None,
            base_context,
            owner: page_context::new_owner(),
        }
    }

    /// `html` parked in the build's store, or held when there is none.
    pub(crate) fn park(&self, html: String) -> BodyHtml {
        match &self.bodies {
            Some(store) => store.park(html),
            None => BodyHtml::Held(html),
        }
    }
}

/// Every HTML page of the site, with fingerprints.
pub fn plan_pages(site: &SiteData, shared: &SharedContext) -> Vec<PlannedPage> {
    // Each article's inputs are hashed once; listings combine those small hashes.
    let inputs: Vec<u64> = site
        .articles
        .par_iter()
        .map(|article| {
            let mut hasher = DefaultHasher::new();
            shared.fingerprint.hash(&mut hasher);
            article.url.hash(&mut hasher);
            hash_article_inputs(site, article, &mut hasher);
            hasher.finish()
        })
        .collect();
    let mut pages: Vec<PlannedPage> = site
        .articles
        .par_iter()
        .zip(inputs.par_iter())
        .enumerate()
        .map(|(index, (article, &input))| planned(PageKind::Article(index), &article.url, input))
        .collect();
    pages.par_extend(
        site.listings
            .par_iter()
            .enumerate()
            .map(|(index, listing)| {
                let mut hasher = DefaultHasher::new();
                shared.fingerprint.hash(&mut hasher);
                listing.url.hash(&mut hasher);
                (listing.number, listing.total).hash(&mut hasher);
                listing_heading(site, listing).hash(&mut hasher);
                for position in site.listing_positions(listing) {
                    inputs[position].hash(&mut hasher);
                }
                match listing.kind {
                    ListingKind::Author(i) => {
                        (site.profile(i), site.author_bio(i)).hash(&mut hasher);
                    }
                    ListingKind::TagIndex | ListingKind::AuthorIndex => {
                        for taxon in site.index_entries(listing) {
                            (&taxon.name, &taxon.url, taxon.articles.len()).hash(&mut hasher);
                            site.profiles.get(&taxon.url).hash(&mut hasher);
                        }
                    }
                    _ => {}
                }
                if is_front_page(listing) {
                    let blocks = site.front_page_blocks(listing.end, FRONT_SECTION_STORIES);
                    for (section, positions) in blocks {
                        site.sections[section].title.hash(&mut hasher);
                        for position in positions {
                            inputs[position].hash(&mut hasher);
                        }
                    }
                }
                planned(PageKind::Listing(index), &listing.url, hasher.finish())
            }),
    );
    let mut hasher = DefaultHasher::new();
    shared.fingerprint.hash(&mut hasher);
    pages.push(planned(PageKind::NotFound, "/404.html", hasher.finish()));
    pages.push(planned(
        PageKind::Search,
        search::SEARCH_PAGE_URL,
        hasher.finish(),
    ));
    pages
}

/// A file generated beside the pages: a feed or the sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    Feed(FeedScope, FeedFormat),
    /// `sitemap.xml` (all URLs, or the index of the parts).
    Sitemap,
    /// Part `n` (1-based) of a sitemap past 50,000 URLs: `sitemap-N.xml`.
    SitemapPart(usize),
    /// `news-sitemap.xml`.
    NewsSitemap,
    /// `search-index.json`.
    SearchIndex,
}

/// A generated file to write, with the fingerprint of its inputs.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    pub kind: Generated,
    /// Output file, relative to the output folder: `sport/feed.xml`.
    pub output: String,
    pub fingerprint: u64,
}

/// Every feed, the sitemap and the search index, with fingerprints: a feed is made of the
/// site-wide data and its `feed_limit` newest articles (their page fingerprints), the
/// sitemap of every URL and its last change ([`sitemap::hash_inputs`]), the search index
/// of each article's indexed fields and result card ([`search::hash_inputs`]). An
/// unchanged fingerprint lets a rebuild skip generating the file.
pub fn generated_files(
    pages: &[PlannedPage],
    site: &SiteData,
    shared: &SharedContext,
    feed_limit: usize,
) -> Vec<GeneratedFile> {
    let articles = &pages[..site.articles.len()];
    let mut files: Vec<GeneratedFile> = FeedScope::all(site)
        .into_par_iter()
        .flat_map_iter(|scope| {
            let mut inputs = DefaultHasher::new();
            shared.fingerprint.hash(&mut inputs);
            scope.name(site).hash(&mut inputs);
            for position in scope.positions(site, feed_limit) {
                articles[position].fingerprint.hash(&mut inputs);
            }
            let inputs = inputs.finish();
            FeedFormat::ALL.into_iter().map(move |format| {
                let output = output_file_of(&scope.feed_url(site, format));
                let mut feed = DefaultHasher::new();
                (inputs, &output).hash(&mut feed);
                GeneratedFile {
                    kind: Generated::Feed(scope, format),
                    output,
                    fingerprint: feed.finish(),
                }
            })
        })
        .collect();
    // The sitemap and the search index are made of every article, but read only a little
    // of each: their fingerprints hash just that, so that editing an article's text does
    // not regenerate them (at 10k articles the index alone took about 300 ms).
    let (sitemap, search_index) = rayon::join(
        || {
            let mut sitemap = DefaultHasher::new();
            (shared.fingerprint, "sitemap").hash(&mut sitemap);
            sitemap::hash_inputs(site, &mut sitemap);
            sitemap.finish()
        },
        || {
            let mut index = DefaultHasher::new();
            (shared.fingerprint, "search").hash(&mut index);
            search::hash_inputs(site, &mut index);
            index.finish()
        },
    );
    files.push(GeneratedFile {
        kind: Generated::Sitemap,
        output: SITEMAP_FILE.to_string(),
        fingerprint: sitemap,
    });
    for n in 1..=sitemap::part_count(site) {
        files.push(GeneratedFile {
            kind: Generated::SitemapPart(n),
            output: sitemap::part_file(n),
            fingerprint: sitemap,
        });
    }
    let mut news = DefaultHasher::new();
    (shared.fingerprint, "news").hash(&mut news);
    for position in sitemap::news_positions(site) {
        articles[position].fingerprint.hash(&mut news);
    }
    files.push(GeneratedFile {
        kind: Generated::SearchIndex,
        output: search::SEARCH_INDEX_FILE.to_string(),
        fingerprint: search_index,
    });
    files.push(GeneratedFile {
        kind: Generated::NewsSitemap,
        output: sitemap::NEWS_SITEMAP_FILE.to_string(),
        fingerprint: news.finish(),
    });
    files
}

fn planned(kind: PageKind, url: &str, fingerprint: u64) -> PlannedPage {
    PlannedPage {
        kind,
        url: url.to_string(),
        output: output_file_of(url),
        fingerprint,
    }
}

/// Everything an article's context is made from: its file and its section's file.
fn hash_article_inputs(site: &SiteData, article: &ArticleEntry, hasher: &mut DefaultHasher) {
    article.doc.revision.hash(hasher);
    article.doc.relative.hash(hasher);
    site.pictures.hash_article(article, hasher);
    if let Some(section) = article.section.map(|i| &site.sections[i]) {
        // A named section's title may come from another article's spelling.
        (&section.title, &section.url).hash(hasher);
        if let Some(doc) = &section.doc {
            doc.revision.hash(hasher);
        }
    }
}

/// Renders one page to its final HTML.
pub fn render_page(
    page: &PlannedPage,
    site: &SiteData,
    config: &SiteConfig,
    theme: &Theme,
    shared: &SharedContext,
) -> Result<String, Diagnostic> {
    let mut html = Vec::new();
    render_page_into(page, site, config, theme, shared, &mut html)?;
    Ok(String::from_utf8(html).expect("templates render UTF-8"))
}

/// Renders one page's final HTML into `out` (cleared first), a buffer the caller reuses
/// for page after page.
pub fn render_page_into(
    page: &PlannedPage,
    site: &SiteData,
    config: &SiteConfig,
    theme: &Theme,
    shared: &SharedContext,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    out.clear();
    shared.with_page_context(|context| {
        let (template, source): (&str, Option<&Path>) = match page.kind {
            PageKind::Article(index) => {
                let article = &site.articles[index];
                article_context(context, article, site, config, shared)?;
                ("article.html", Some(&article.doc.path))
            }
            PageKind::Listing(index) => {
                let listing = &site.listings[index];
                listing_context(context, listing, site, config, theme, shared)?;
                let template = match listing.kind {
                    ListingKind::Home | ListingKind::Section(_) => "index.html",
                    ListingKind::Tag(_) => "tag.html",
                    ListingKind::Author(_) => "author.html",
                    ListingKind::TagIndex => "tags.html",
                    ListingKind::AuthorIndex => "authors.html",
                };
                (template, None)
            }
            PageKind::NotFound => {
                context.insert(
                    "meta",
                    &Meta {
                        title: config.translations.get("page_not_found").into(),
                        description: config.description.clone(),
                        canonical: config.permalink("/404.html"),
                        og_type: "website",
                        image: None,
                    },
                );
                ("404.html", None)
            }
            PageKind::Search => {
                context.insert(
                    "meta",
                    &Meta {
                        title: config.translations.get("search").into(),
                        description: config.description.clone(),
                        canonical: config.permalink(search::SEARCH_PAGE_URL),
                        og_type: "website",
                        image: None,
                    },
                );
                context.insert("stemmer_scripts", &search::stemmer_scripts(config));
                ("search.html", None)
            }
        };
        theme.render_to(template, context.tera(), out, &page.url, source)?;
        if let Some(snippet) = &shared.inject_before_body_end {
            inject_bytes_before_body_end(out, snippet);
        }
        Ok(())
    })
}

/// Inserts `snippet` before the last `</body>`, or at the end when there is none.
pub fn inject_before_body_end(html: String, snippet: &str) -> String {
    let mut bytes = html.into_bytes();
    inject_bytes_before_body_end(&mut bytes, snippet);
    String::from_utf8(bytes).expect("an ASCII tag marks where UTF-8 text goes in")
}

/// [`inject_before_body_end`] on the bytes of a page.
fn inject_bytes_before_body_end(html: &mut Vec<u8>, snippet: &str) {
    let at = memchr::memmem::rfind(html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, snippet.bytes());
}

/// Head metadata every page has: `<title>`, description, canonical URL, OpenGraph, Twitter.
#[derive(Serialize)]
pub(crate) struct Meta {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) canonical: String,
    pub(crate) og_type: &'static str,
    pub(crate) image: Option<String>,
}

#[derive(Serialize)]
struct ArticleContext<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    kicker: Option<&'a str>,
    authors: Vec<Href<'a>>,
    date: Option<&'a DisplayDate>,
    updated: Option<&'a DisplayDate>,
    tags: Vec<Href<'a>>,
    content: &'a str,
    bio: Option<&'a str>,
    /// The bio as HTML: escaped text, its bare URLs and `X: @handle` linked.
    bio_html: Option<String>,
    description: &'a str,
    url: Cow<'a, str>,
    permalink: String,
    reading_minutes: usize,
    section: Option<Href<'a>>,
    image: Option<String>,
    /// The lead figure: image, alternative text, caption and credit.
    lead_image: Option<LeadImage<'a>>,
}

fn article_context(
    context: &mut PageContext,
    article: &ArticleEntry,
    site: &SiteData,
    config: &SiteConfig,
    shared: &SharedContext,
) -> Result<(), Diagnostic> {
    let front = &article.doc.front;
    let permalink = config.permalink(&article.url);
    let image = front
        .image
        .as_deref()
        .map(|image| absolute_url(image, &article.url, config));
    let base_path = config.base_path();
    let language = PageLanguage::of(article, config);
    let (date, updated) = match &language {
        Some(language) => (
            language.date(front.date.as_ref(), config),
            language.date(front.updated.as_ref(), config),
        ),
        None => (None, None),
    };
    let html = article.doc.html()?;
    let body = site.pictures.body_html(article, &html, base_path);
    let page = ArticleContext {
        title: &front.title,
        subtitle: front.subtitle.as_deref(),
        kicker: article.kicker.as_deref(),
        authors: hrefs(base_path, &article.authors),
        date: date.as_ref().or(article.published.as_ref()),
        updated: updated.as_ref().or(article.updated.as_ref()),
        tags: hrefs(base_path, &article.tags),
        content: &localised_table_labels(&body, &config.translations),
        bio: front.bio.as_deref(),
        bio_html: front.bio.as_deref().map(linked_text_html),
        description: article.description(),
        url: prefixed(base_path, &article.url),
        permalink: permalink.clone(),
        reading_minutes: article.doc.body.words.div_ceil(230).max(1),
        section: article.section.map(|i| Href {
            name: &site.sections[i].title,
            url: prefixed(base_path, &site.sections[i].url),
        }),
        image: image.clone(),
        lead_image: LeadImage::of(article, &site.pictures, base_path),
    };
    context.insert("page", &page);
    if let Some(language) = &language {
        context.insert("site", &language.site_context(&shared.site, config));
        context.insert("t", &language.strings());
    }
    context.insert(
        "json_ld",
        &json_ld::news_article(article, site, config, &permalink, image.as_deref()),
    );
    context.insert(
        "meta",
        &Meta {
            title: front.title.clone(),
            description: article.description().to_string(),
            canonical: permalink,
            og_type: "article",
            image,
        },
    );
    Ok(())
}

/// The body's tables named in the site's language: Markdown rendering (shared by every
/// language, cached across builds) names each table's scroll box `Table N`; another
/// language's word replaces `Table` here. Borrowed unchanged in English or without tables.
fn localised_table_labels<'a>(html: &'a str, translations: &Translations) -> Cow<'a, str> {
    const ENGLISH: &str = "role=\"region\" tabindex=\"0\" aria-label=\"Table ";
    let word = translations.get("table");
    if word == "Table" || !html.contains(ENGLISH) {
        return Cow::Borrowed(html);
    }
    let label = format!(
        "role=\"region\" tabindex=\"0\" aria-label=\"{} ",
        tera::escape_html(word)
    );
    Cow::Owned(html.replace(ENGLISH, &label))
}

/// An image URL made absolute: `https://…` as it is, `/img.jpg` under the base URL, and
/// `img.jpg` relative to the page.
/// An image's URL as a page writes it: `https://…` as it is, `/img.jpg` under the base
/// path, and `img.jpg` relative to the article's page (`/articles/x/img.jpg`).
pub(crate) fn image_src<'a>(image: &'a str, page_url: &str, base_path: &str) -> Cow<'a, str> {
    if image.starts_with("http://") || image.starts_with("https://") {
        Cow::Borrowed(image)
    } else if image.starts_with('/') {
        prefixed(base_path, image)
    } else {
        Cow::Owned(format!("{base_path}{page_url}{image}"))
    }
}

pub(crate) fn absolute_url(image: &str, page_url: &str, config: &SiteConfig) -> String {
    if image.starts_with("http://") || image.starts_with("https://") {
        image.to_string()
    } else if image.starts_with('/') {
        config.permalink(image)
    } else {
        config.permalink(&format!("{page_url}{image}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_of_urls() {
        assert_eq!(output_file_of("/"), "index.html");
        assert_eq!(output_file_of("/a/b/"), "a/b/index.html");
        assert_eq!(output_file_of("/404.html"), "404.html");
    }

    #[test]
    fn injection_goes_before_the_last_body_end() {
        let html = inject_before_body_end("<body>x</body>\n</html>".into(), "<script></script>");
        assert_eq!(html, "<body>x<script></script></body>\n</html>");
    }

    #[test]
    fn table_labels_are_in_the_site_language() {
        let html =
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">";
        let french = Translations::for_language("fr").0;
        assert_eq!(
            localised_table_labels(html, &french),
            html.replace("Table 1", "Tableau 1")
        );
        let english = Translations::english();
        assert!(matches!(
            localised_table_labels(html, &english),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            localised_table_labels("<p>Table 1</p>", &french),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn image_sources_sit_under_the_base_path() {
        assert_eq!(image_src("/i.jpg", "/a/x/", "/paper"), "/paper/i.jpg");
        assert_eq!(image_src("i.jpg", "/a/x/", ""), "/a/x/i.jpg");
        assert_eq!(
            image_src("https://c.example/i.jpg", "/a/", "/p"),
            "https://c.example/i.jpg"
        );
    }

    #[test]
    fn image_urls_become_absolute() {
        let config = SiteConfig {
            base_url: "https://n.example".into(),
            ..SiteConfig::default()
        };
        assert_eq!(
            absolute_url("/i.jpg", "/a/x/", &config),
            "https://n.example/i.jpg"
        );
        assert_eq!(
            absolute_url("i.jpg", "/a/x/", &config),
            "https://n.example/a/x/i.jpg"
        );
        assert_eq!(
            absolute_url("https://c.example/i.jpg", "/a/", &config),
            "https://c.example/i.jpg"
        );
    }
}
