//! Listing pages: the template context of the front page, section, tag and author
//! pages, and the tag and author indexes.
//!
//! Every listing is a [`ListingPage`] cut by `assemble`; this module fills its template
//! context: the articles' summaries (each with its `card.html`, rendered once per build and
//! reused on every listing), the numbered pager ([`pager_window`]), the front
//! page's lead story, grid and section blocks, an author's header and JSON-LD, an index's
//! entries, and the listing's own feeds.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Position};
use crate::site::assemble::{ArticleEntry, DisplayDate, ListingKind, ListingPage, SiteData};
use crate::site::autolink::linked_text_html;
use crate::site::config::{prefixed, SiteConfig};
use crate::site::feeds::{FeedFormat, FeedScope};
use crate::site::json_ld;
use crate::site::page_context::PageContext;
use crate::site::page_language::language_attributes;
use crate::site::pictures::{ImageUse, Loading, FRONT_LEAD_SIZES};
use crate::site::render::{absolute_url, hrefs, image_src, Href, Meta, SharedContext};
use crate::site::templates::Theme;

#[derive(Serialize)]
struct ListingContext<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: Cow<'a, str>,
    /// The listing's own Atom feed (the site's on the home page, the section's, tag's or
    /// author's on theirs), under the base path; none on the tag and author indexes.
    feed_url: Option<String>,
    /// The same feed in RSS 2.0.
    rss_url: Option<String>,
}

/// True for page 1 of the home listing, which is laid out as a front page.
pub(crate) fn is_front_page(listing: &ListingPage) -> bool {
    listing.kind == ListingKind::Home && listing.number == 1
}

/// An article as a listing shows it.
#[derive(Serialize)]
struct ArticleSummary<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    kicker: Option<&'a str>,
    url: Cow<'a, str>,
    /// The text before `<!--more-->`, else the description, unless it repeats the
    /// subtitle shown above it.
    teaser: Option<&'a str>,
    date: Option<&'a DisplayDate>,
    authors: Vec<Href<'a>>,
    /// The card's HTML from `card.html` (empty while the card itself is rendered).
    card: Cow<'a, str>,
    /// The lead image's URL (front matter `image`) and its text alternative.
    image: Option<Cow<'a, str>>,
    image_alt: &'a str,
    /// The lead image as a responsive `<picture>` for the front page's lead story.
    picture: Option<String>,
    /// The article's section, when it has one.
    section: Option<Href<'a>>,
    /// ` lang="ur" dir="rtl"` for the article's own words (headline, standfirst,
    /// teaser) when it is not in the site's language; else empty. Escaped.
    lang_attributes: String,
    /// The same for the kicker, when the article wrote its own (else the kicker is its
    /// section's title, in the site's language).
    kicker_lang_attributes: String,
}

impl<'a> ArticleSummary<'a> {
    fn of(
        article: &'a ArticleEntry,
        site: &'a SiteData,
        card: Cow<'a, str>,
        shared: &SharedContext,
    ) -> ArticleSummary<'a> {
        let front = &article.doc.front;
        let base_path = shared.base_path.as_str();
        ArticleSummary {
            lang_attributes: language_attributes(front.language.as_deref(), &shared.language),
            kicker_lang_attributes: match front.kicker {
                Some(_) => language_attributes(front.language.as_deref(), &shared.language),
                None => String::new(),
            },
            image: front
                .image
                .as_deref()
                .map(|image| image_src(image, &article.url, base_path)),
            image_alt: front.image_alt.as_deref().unwrap_or(""),
            picture: front.image.as_deref().map(|src| {
                site.pictures.html(
                    ImageUse {
                        src,
                        page_url: &article.url,
                        alt: front.image_alt.as_deref().unwrap_or(""),
                        title: None,
                        sizes: FRONT_LEAD_SIZES,
                        loading: Loading::Eager,
                    },
                    base_path,
                )
            }),
            section: article.section.map(|i| Href {
                name: &site.sections[i].title,
                url: prefixed(base_path, &site.sections[i].url),
            }),
            title: &article.doc.front.title,
            subtitle: article.doc.front.subtitle.as_deref(),
            kicker: article.kicker.as_deref(),
            url: prefixed(base_path, &article.url),
            teaser: teaser(article),
            date: article.published.as_ref(),
            authors: hrefs(base_path, &article.authors),
            card,
        }
    }
}

/// `summary` as a template value, its card (the largest part) moved in, not copied.
fn summary_value(mut summary: ArticleSummary<'_>) -> Value {
    let card = std::mem::take(&mut summary.card).into_owned();
    let mut value = serde_json::to_value(&summary).expect("plain data serialises");
    value["card"] = Value::String(card);
    value
}

/// The card of article `index`, rendered on first use and parked (see
/// [`crate::site::body_store`]) until the next listing needs it.
fn card<'s>(
    index: usize,
    site: &SiteData,
    theme: &Theme,
    shared: &'s SharedContext,
) -> Result<Cow<'s, str>, Diagnostic> {
    let card = shared.cards[index].get_or_init(|| {
        let article = &site.articles[index];
        shared.with_page_context(|context| {
            context.insert(
                "story",
                &ArticleSummary::of(article, site, Cow::Borrowed(""), shared),
            );
            theme
                .render(
                    "card.html",
                    context.tera(),
                    &article.url,
                    Some(&article.doc.path),
                )
                .map(|html| shared.park(html.trim().to_string()))
                .map_err(Box::new)
        })
    });
    let card = card.as_ref().map_err(|e| Diagnostic::clone(e))?;
    card.read().map_err(|e| {
        Diagnostic::error(
            &site.articles[index].doc.path,
            Position::default(),
            format!("cannot read back the story card from the build's scratch file: {e}"),
        )
    })
}

fn teaser(article: &ArticleEntry) -> Option<&str> {
    let text = article
        .doc
        .body
        .summary_text()
        .unwrap_or(article.description());
    let repeats_subtitle = article.doc.front.subtitle.as_deref() == Some(text);
    (!text.is_empty() && !repeats_subtitle).then_some(text)
}

#[derive(Serialize)]
struct Pager {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    /// The numbered links: the first and last page, and two either side of this one,
    /// with a gap where pages are left out (`1 … 4 5 6 7 8 … 20`).
    pages: Vec<PagerLink>,
}

/// One entry of a numbered pager.
#[derive(Serialize)]
struct PagerLink {
    /// `None` for a gap (`…`).
    number: Option<usize>,
    /// `None` for this page and for a gap.
    url: Option<String>,
    current: bool,
}

/// How many page numbers a pager shows either side of the current page.
pub const PAGER_REACH: usize = 2;

/// The page numbers a pager shows for page `number` of `total`, `None` for a gap: the
/// first, the last, and [`PAGER_REACH`] either side of `number`. A gap of a single page
/// shows that page instead.
pub fn pager_window(number: usize, total: usize) -> Vec<Option<usize>> {
    let low = number.saturating_sub(PAGER_REACH).max(1);
    let high = (number + PAGER_REACH).min(total);
    let mut shown: Vec<usize> = vec![1];
    shown.extend(low..=high);
    shown.push(total);
    shown.retain(|&n| n >= 1 && n <= total);
    shown.sort_unstable();
    shown.dedup();
    let mut window = Vec::with_capacity(shown.len() + 2);
    let mut previous = 0;
    for n in shown {
        match n - previous {
            1 => {}
            2 => window.push(Some(n - 1)),
            _ => window.push(None),
        }
        window.push(Some(n));
        previous = n;
    }
    window
}

/// How many stories of each section the front page shows below its own.
pub const FRONT_SECTION_STORIES: usize = 4;

/// The front page (page 1 of the home listing): a lead story, the next stories in a
/// grid, then a block per section of its newest stories not already shown.
#[derive(Serialize)]
struct FrontPage<'a> {
    /// Summaries (see [`summary_value`]).
    lead: Option<&'a Value>,
    stories: &'a [Value],
    sections: Vec<FrontSection<'a>>,
}

#[derive(Serialize)]
struct FrontSection<'a> {
    title: &'a str,
    url: Cow<'a, str>,
    articles: Vec<Value>,
}

/// Title and description of a listing (home, section, tag or author).
pub(crate) fn listing_heading<'a>(
    site: &'a SiteData,
    listing: &ListingPage,
) -> (&'static str, &'a str, &'a str) {
    match listing.kind {
        ListingKind::Home => {
            let home = site.home.as_deref();
            let title = home.map_or("", |d| d.front.title.as_str());
            let description = home
                .and_then(|d| d.front.description.as_deref())
                .unwrap_or("");
            ("home", title, description)
        }
        ListingKind::Section(i) => (
            "section",
            &site.sections[i].title,
            &site.sections[i].description,
        ),
        ListingKind::Tag(i) => ("tag", &site.tags[i].name, ""),
        ListingKind::Author(i) => (
            "author",
            site.profile(i)
                .and_then(|p| p.name.as_deref())
                .unwrap_or(&site.authors[i].name),
            "",
        ),
        ListingKind::TagIndex => ("tags", "Topics", ""),
        ListingKind::AuthorIndex => ("authors", "Authors", ""),
    }
}

/// The feed a listing follows: the site's on the home page, else its own.
fn listing_feed(kind: ListingKind) -> Option<FeedScope> {
    match kind {
        ListingKind::Home => Some(FeedScope::Site),
        ListingKind::Section(i) => Some(FeedScope::Section(i)),
        ListingKind::Tag(i) => Some(FeedScope::Tag(i)),
        ListingKind::Author(i) => Some(FeedScope::Author(i)),
        ListingKind::TagIndex | ListingKind::AuthorIndex => None,
    }
}

/// An author page's header: name, role, photo, bio (with its links) and links.
#[derive(Serialize)]
struct AuthorContext<'a> {
    name: &'a str,
    role: Option<&'a str>,
    /// The bio as HTML: escaped text, its bare URLs and `X: @handle` linked.
    bio_html: Option<String>,
    photo: Option<Cow<'a, str>>,
    photo_alt: &'a str,
    links: Vec<Href<'a>>,
}

fn author_context<'a>(site: &'a SiteData, index: usize, base_path: &str) -> AuthorContext<'a> {
    let profile = site.profile(index);
    let name = profile
        .and_then(|p| p.name.as_deref())
        .unwrap_or(&site.authors[index].name);
    AuthorContext {
        name,
        role: profile.and_then(|p| p.role.as_deref()),
        bio_html: site.author_bio(index).map(linked_text_html),
        photo: profile
            .and_then(|p| p.photo.as_deref())
            .map(|photo| image_src(photo, &site.authors[index].url, base_path)),
        photo_alt: profile.and_then(|p| p.photo_alt.as_deref()).unwrap_or(name),
        links: profile.map_or_else(Vec::new, |p| {
            p.links
                .iter()
                .map(|link| Href {
                    name: &link.name,
                    url: site_or_external(&link.url, base_path),
                })
                .collect()
        }),
    }
}

/// The JSON-LD of author `index`'s page, from what the page shows.
fn author_json_ld(
    site: &SiteData,
    index: usize,
    author: &AuthorContext<'_>,
    config: &SiteConfig,
) -> String {
    let profile = site.profile(index);
    let page_url = &site.authors[index].url;
    let is_web = |url: &&str| url.starts_with("http://") || url.starts_with("https://");
    json_ld::author_page(
        json_ld::AuthorFacts {
            name: author.name,
            url: page_url,
            role: author.role,
            bio: site.author_bio(index),
            photo: profile
                .and_then(|p| p.photo.as_deref())
                .map(|photo| absolute_url(photo, page_url, config)),
            links: profile.map_or_else(Vec::new, |p| {
                p.links
                    .iter()
                    .map(|l| l.url.as_str())
                    .filter(is_web)
                    .collect()
            }),
        },
        config,
    )
}

/// A link written in a profile: from the site's root (`/articles/x/`) it is put under
/// the base path; anything else (`https://…`, `mailto:…`) is kept as written.
fn site_or_external<'a>(url: &'a str, base_path: &str) -> Cow<'a, str> {
    if url.starts_with('/') && !url.starts_with("//") {
        prefixed(base_path, url)
    } else {
        Cow::Borrowed(url)
    }
}

/// One entry of the tag or author index.
#[derive(Serialize)]
struct IndexEntry<'a> {
    name: &'a str,
    url: Cow<'a, str>,
    /// How many articles carry the tag, or the author wrote.
    count: usize,
    /// The author's role, from their profile.
    role: Option<&'a str>,
}

pub(crate) fn listing_context(
    context: &mut PageContext,
    listing: &ListingPage,
    site: &SiteData,
    config: &SiteConfig,
    theme: &Theme,
    shared: &SharedContext,
) -> Result<(), Diagnostic> {
    let (kind, title, description) = listing_heading(site, listing);
    let summaries = |positions: Vec<usize>| {
        positions
            .into_iter()
            .map(|index| {
                let card = card(index, site, theme, shared)?;
                Ok(summary_value(ArticleSummary::of(
                    &site.articles[index],
                    site,
                    card,
                    shared,
                )))
            })
            .collect::<Result<Vec<Value>, Diagnostic>>()
    };
    let articles = summaries(site.listing_positions(listing))?;
    let front_sections = if is_front_page(listing) {
        let blocks = site.front_page_blocks(listing.end, FRONT_SECTION_STORIES);
        let mut sections = Vec::with_capacity(blocks.len());
        for (i, positions) in blocks {
            let section = &site.sections[i];
            sections.push(FrontSection {
                title: &section.title,
                url: prefixed(&shared.base_path, &section.url),
                articles: summaries(positions)?,
            });
        }
        Some(sections)
    } else {
        None
    };
    let page_url = |n: usize| {
        let path = crate::site::assemble::page_url(&listing.first_url, n);
        prefixed(&shared.base_path, &path).into_owned()
    };
    let pager = Pager {
        number: listing.number,
        total: listing.total,
        previous: (listing.number > 1).then(|| page_url(listing.number - 1)),
        next: (listing.number < listing.total).then(|| page_url(listing.number + 1)),
        first: page_url(1),
        last: page_url(listing.total),
        pages: pager_window(listing.number, listing.total)
            .into_iter()
            .map(|n| PagerLink {
                number: n,
                url: n.filter(|&n| n != listing.number).map(page_url),
                current: n == Some(listing.number),
            })
            .collect(),
    };
    let strings = &config.translations;
    let heading = match kind {
        "home" if title.is_empty() => config.title.clone(),
        "tag" => strings.get("tagged").replace("{name}", title),
        "tags" => strings.get("topics").to_string(),
        "authors" => strings.get("authors").to_string(),
        _ => title.to_string(),
    };
    let meta_title = if listing.number > 1 {
        let page = strings
            .get("page_number")
            .replace("{n}", &listing.number.to_string());
        format!("{heading} ({page})")
    } else {
        heading.clone()
    };
    let meta_description = if description.is_empty() {
        config.description.clone()
    } else {
        description.to_string()
    };
    let feed = listing_feed(listing.kind);
    let feed_url = |format| {
        feed.map(|scope| prefixed(&shared.base_path, &scope.feed_url(site, format)).into_owned())
    };
    if is_front_page(listing) {
        context.insert("json_ld", &json_ld::home_page(config));
    }
    match listing.kind {
        ListingKind::Author(i) => {
            let author = author_context(site, i, &shared.base_path);
            context.insert("json_ld", &author_json_ld(site, i, &author, config));
            context.insert("author", &author);
        }
        ListingKind::TagIndex | ListingKind::AuthorIndex => {
            let entries: Vec<IndexEntry> = site
                .index_entries(listing)
                .iter()
                .map(|taxon| IndexEntry {
                    name: &taxon.name,
                    url: prefixed(&shared.base_path, &taxon.url),
                    count: taxon.articles.len(),
                    role: site
                        .profiles
                        .get(&taxon.url)
                        .and_then(|p| p.role.as_deref()),
                })
                .collect();
            context.insert("entries", &entries);
        }
        _ => {}
    }
    context.insert(
        "listing",
        &ListingContext {
            kind,
            title: &heading,
            description,
            url: prefixed(&shared.base_path, &listing.url),
            feed_url: feed_url(FeedFormat::Atom),
            rss_url: feed_url(FeedFormat::Rss),
        },
    );
    if let Some(sections) = front_sections {
        let (lead, stories) = match articles.split_first() {
            Some((lead, rest)) => (Some(lead), rest),
            None => (None, &[][..]),
        };
        context.insert(
            "front",
            &FrontPage {
                lead,
                stories,
                sections,
            },
        );
    }
    context.insert_value("articles", Value::Array(articles));
    context.insert("pager", &pager);
    context.insert(
        "meta",
        &Meta {
            title: meta_title,
            description: meta_description,
            canonical: config.permalink(&listing.url),
            og_type: "website",
            image: None,
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_show_both_ends_and_two_pages_either_side() {
        let shown = |number, total| -> String {
            pager_window(number, total)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 3), "1 2 3");
        assert_eq!(shown(1, 20), "1 2 3 … 20");
        assert_eq!(shown(10, 20), "1 … 8 9 10 11 12 … 20");
        assert_eq!(
            shown(4, 20),
            "1 2 3 4 5 6 … 20",
            "a gap of one page shows it"
        );
        assert_eq!(shown(20, 20), "1 … 18 19 20");
    }
}
