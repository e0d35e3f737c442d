//! Assembling the site: loaded documents become plain data about pages.
//!
//! [`assemble`] decides which articles are published (drafts and future-dated ones only
//! when asked), gives each its URL (mirroring its folder, slugs sanitised), orders them
//! newest first, gathers tags, authors and sections, and cuts every listing (home,
//! section, tag, author) into pages. The result is built once per build, borrows nothing
//! mutable, and is what templates, feeds and the sitemap all read. Two pages that would
//! land on the same URL are an error naming both files.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::article::ArticleDate;
use crate::diagnostic::{Diagnostic, Position};
use crate::site::config::SiteConfig;
use crate::site::load::SourceDoc;
use crate::site::profiles::{author_url, AuthorProfile, Profiles};
use crate::site::slug::slugify;
use crate::site::translations::Translations;

/// Which articles to publish.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    /// "Now", for deciding what is future-dated.
    pub now: DateTime<Utc>,
}

/// A name with the URL of its page (an author, a tag, a section).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// A date ready for templates: machine form for `datetime=` and a reader's form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DisplayDate {
    /// `2025-11-16` for a date, RFC 3339 with the site's offset for a date-time.
    pub iso: String,
    /// `16 November 2025`, in the site's language (`16 novembre 2025`).
    pub text: String,
    /// RFC 3339 instant, for feeds, sitemaps and JSON-LD.
    #[serde(skip)]
    pub instant: DateTime<Utc>,
}

impl DisplayDate {
    /// The date in time zone `tz`, its text in the language of `translations`.
    pub fn new(date: &ArticleDate, tz: Tz, translations: &Translations) -> DisplayDate {
        let instant = date.to_utc(tz);
        let iso = match date {
            ArticleDate::Date(d) => d.format("%Y-%m-%d").to_string(),
            _ => instant.with_timezone(&tz).to_rfc3339(),
        };
        DisplayDate {
            iso,
            text: translations.format_date(date.date()),
            instant,
        }
    }
}

/// One published article.
#[derive(Debug, Clone)]
pub struct ArticleEntry {
    pub doc: Arc<SourceDoc>,
    /// Site path, `/articles/x/`.
    pub url: String,
    pub published: Option<DisplayDate>,
    pub updated: Option<DisplayDate>,
    pub authors: Vec<Link>,
    pub tags: Vec<Link>,
    /// The front matter's kicker, else the title of the article's section.
    pub kicker: Option<String>,
    /// The opening words, when the front matter has no description or subtitle to be
    /// the article's description (see [`ArticleEntry::description`]); empty otherwise, so
    /// that a build does not hold a second copy of either for every article.
    description_from_body: Box<str>,
    /// The section the front matter names, else the innermost folder holding the
    /// article, if any.
    pub section: Option<usize>,
}

impl ArticleEntry {
    /// The front matter's description, else its subtitle, else the opening words.
    pub fn description(&self) -> &str {
        let front = &self.doc.front;
        front
            .description
            .as_deref()
            .or(front.subtitle.as_deref())
            .unwrap_or(&self.description_from_body)
    }
}

/// A section: a folder of `content/` holding articles, or a `section` named in front
/// matter; its listing page and `_index.md` data.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/`, `articles/2025`; for a section only named in front
    /// matter, its slug (`sport`).
    pub folder: String,
    pub url: String,
    pub title: String,
    pub description: String,
    /// The `_index.md`, when the folder has one.
    pub doc: Option<Arc<SourceDoc>>,
    /// Articles in this folder or below, or naming this section, newest first (indices
    /// into `articles`).
    pub articles: Vec<usize>,
}

/// A tag or an author and their articles.
#[derive(Debug, Clone)]
pub struct Taxon {
    pub name: String,
    pub url: String,
    pub articles: Vec<usize>,
}

/// What a listing page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingKind {
    Home,
    Section(usize),
    Tag(usize),
    Author(usize),
    /// `/tags/`: every tag (its range is over `SiteData::tags`, not articles).
    TagIndex,
    /// `/authors/`: every author (its range is over `SiteData::authors`).
    AuthorIndex,
}

/// The URL of the index of every tag.
pub const TAG_INDEX_URL: &str = "/tags/";
/// The URL of the index of every author.
pub const AUTHOR_INDEX_URL: &str = "/authors/";
/// Tags or authors on one page of their index.
pub const INDEX_PER_PAGE: usize = 200;

/// One page of a listing.
#[derive(Debug, Clone)]
pub struct ListingPage {
    pub kind: ListingKind,
    pub url: String,
    /// 1-based page number and page count.
    pub number: usize,
    pub total: usize,
    /// Range into the listing's article list.
    pub start: usize,
    pub end: usize,
    /// URL of the listing's first page, and a page URL builder's base.
    pub first_url: String,
}

/// The assembled site.
#[derive(Debug, Default)]
pub struct SiteData {
    /// Published articles, newest first.
    pub articles: Vec<ArticleEntry>,
    /// The content root's `_index.md`, giving the home page's title and description.
    pub home: Option<Arc<SourceDoc>>,
    pub sections: Vec<Section>,
    /// Sorted by URL.
    pub tags: Vec<Taxon>,
    pub authors: Vec<Taxon>,
    /// For each author, the position of the newest article they wrote alone with a bio
    /// (see [`author_bio`](Self::author_bio)), found once: looking for it on every page
    /// of an author's listing went through all their articles each time when none had
    /// one, so the cost grew with the square of the archive.
    author_bio_articles: Vec<Option<usize>>,
    pub listings: Vec<ListingPage>,
    /// Articles left out (drafts, future-dated), for the summary.
    pub skipped: usize,
    /// Author profiles from `content/authors/`, by author page URL.
    pub profiles: Profiles,
    /// The articles' images, resized ([`pictures`](crate::site::pictures)); filled after
    /// assembling.
    pub pictures: crate::site::pictures::Pictures,
    /// When the site was built ("now" of the selection): the news sitemap lists what was
    /// published in the two days before.
    pub now: DateTime<Utc>,
}

impl SiteData {
    /// Positions in `articles` of the articles a listing page shows, in order.
    pub fn listing_positions(&self, page: &ListingPage) -> Vec<usize> {
        let range = page.start..page.end;
        match page.kind {
            ListingKind::Home => range.collect(),
            ListingKind::Section(i) => self.sections[i].articles[range].to_vec(),
            ListingKind::Tag(i) => self.tags[i].articles[range].to_vec(),
            ListingKind::Author(i) => self.authors[i].articles[range].to_vec(),
            ListingKind::TagIndex | ListingKind::AuthorIndex => Vec::new(),
        }
    }

    /// Tags or authors an index page shows (empty for other listings).
    pub fn index_entries(&self, page: &ListingPage) -> &[Taxon] {
        match page.kind {
            ListingKind::TagIndex => &self.tags[page.start..page.end],
            ListingKind::AuthorIndex => &self.authors[page.start..page.end],
            _ => &[],
        }
    }

    /// The profile of author `index`, if `content/authors/` has one.
    pub fn profile(&self, index: usize) -> Option<&AuthorProfile> {
        self.profiles.get(&self.authors[index].url)
    }

    /// Author `index`'s bio: their profile's, else the newest one of an article they
    /// wrote alone (a joint article's bio is about all its authors).
    pub fn author_bio(&self, index: usize) -> Option<&str> {
        if let Some(bio) = self.profile(index).and_then(|p| p.bio.as_deref()) {
            return Some(bio);
        }
        let article = self.author_bio_articles.get(index).copied().flatten()?;
        self.articles[article].doc.front.bio.as_deref()
    }

    /// Articles a listing page shows, in order.
    pub fn listing_articles(&self, page: &ListingPage) -> impl Iterator<Item = &ArticleEntry> {
        self.listing_positions(page)
            .into_iter()
            .map(|i| &self.articles[i])
    }

    /// Indices of the top-level sections (not a folder inside another), in URL order.
    pub fn top_sections(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sections.len()).filter(|&i| !self.sections[i].folder.contains('/'))
    }

    /// The top-level sections, for the masthead's navigation.
    pub fn navigation(&self) -> Vec<Link> {
        self.top_sections()
            .map(|i| Link {
                name: self.sections[i].title.clone(),
                url: self.sections[i].url.clone(),
            })
            .collect()
    }

    /// The front page's section blocks: each top-level section with its newest
    /// `per_section` articles that the page does not already show (the first `shown`
    /// articles, and the blocks before it), so every story appears once. Sections left
    /// with nothing are left out.
    pub fn front_page_blocks(&self, shown: usize, per_section: usize) -> Vec<(usize, Vec<usize>)> {
        let mut on_page = vec![false; self.articles.len()];
        on_page[..shown.min(self.articles.len())].fill(true);
        let mut blocks = Vec::new();
        for i in self.top_sections() {
            let fresh: Vec<usize> = self.sections[i]
                .articles
                .iter()
                .copied()
                .filter(|&a| !on_page[a])
                .take(per_section)
                .collect();
            if fresh.is_empty() {
                continue;
            }
            for &a in &fresh {
                on_page[a] = true;
            }
            blocks.push((i, fresh));
        }
        blocks
    }
}

/// Builds the site's data from loaded documents. Errors: URL collisions.
pub fn assemble(
    docs: &[Arc<SourceDoc>],
    config: &SiteConfig,
    selection: Selection,
) -> (SiteData, Vec<Diagnostic>) {
    assemble_with(docs, config, selection, None)
}

/// Each published article's entry as `article_entry` makes it (before sections and
/// kickers are filled in), kept by a builder that lives across builds (`serve`): an
/// entry is a function of its document and the configuration alone, so an unchanged
/// document (the same `Arc` the content cache hands back) reuses its entry instead of
/// slugging its URL, formatting its dates and linking its tags and authors again (about
/// 20 ms of a rebuild at 10k articles).
#[derive(Debug, Default)]
pub struct EntryCache {
    /// Hash of the configuration the entries were made with.
    config: u64,
    /// Keyed by the document's address; each entry holds its document, so the address
    /// cannot be reused by another while the entry is kept.
    entries: HashMap<usize, ArticleEntry>,
}

fn doc_key(doc: &Arc<SourceDoc>) -> usize {
    Arc::as_ptr(doc) as usize
}

/// [`assemble`], reusing (and updating) `cache` when given.
pub fn assemble_with(
    docs: &[Arc<SourceDoc>],
    config: &SiteConfig,
    selection: Selection,
    mut cache: Option<&mut EntryCache>,
) -> (SiteData, Vec<Diagnostic>) {
    let mut site = SiteData {
        now: selection.now,
        ..SiteData::default()
    };
    let mut section_docs: HashMap<&str, &Arc<SourceDoc>> = HashMap::new();
    let mut published = Vec::new();
    for doc in docs {
        if doc.is_section() {
            if doc.folder().is_empty() {
                site.home = Some(Arc::clone(doc));
            } else {
                section_docs.insert(doc.folder(), doc);
            }
        } else if is_published(doc, config.timezone, selection) {
            published.push(doc);
        } else {
            site.skipped += 1;
        }
    }
    // In parallel: slugs, dates in the site's words and links are the bulk of assembling
    // (the collect keeps the order, and the sort below is stable).
    if let Some(cache) = cache.as_deref_mut() {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        format!("{config:?}").hash(&mut hasher);
        let key = hasher.finish();
        if cache.config != key {
            cache.entries.clear();
            cache.config = key;
        }
    }
    let cached = cache.as_deref().map(|c| &c.entries);
    let entries: Vec<(ArticleEntry, bool)> = published
        .into_par_iter()
        .map(|doc| match cached.and_then(|c| c.get(&doc_key(doc))) {
            Some(entry) => (entry.clone(), false),
            None => (article_entry(doc, config), true),
        })
        .collect();
    if let Some(cache) = cache {
        let kept: std::collections::HashSet<usize> =
            entries.iter().map(|(e, _)| doc_key(&e.doc)).collect();
        cache.entries.retain(|key, _| kept.contains(key));
        for (entry, _) in entries.iter().filter(|(_, new)| *new) {
            cache.entries.insert(doc_key(&entry.doc), entry.clone());
        }
    }
    site.articles = entries.into_iter().map(|(entry, _)| entry).collect();
    site.articles.sort_by(newest_first);
    site.sections = collect_sections(&mut site.articles, &section_docs);
    for article in &mut site.articles {
        if article.kicker.is_none() {
            article.kicker = article.section.map(|i| site.sections[i].title.clone());
        }
    }
    site.tags = collect_taxa(&site.articles, |a| &a.tags);
    site.authors = collect_taxa(&site.articles, |a| &a.authors);
    site.author_bio_articles = site
        .authors
        .iter()
        .map(|author| newest_bio_written_alone(&site.articles, author))
        .collect();
    site.listings = paginate_all(&site, config.paginate);
    let mut errors = too_long_segments(&site);
    errors.extend(reserved_section_urls(&site));
    errors.extend(url_collisions(&site));
    (site, errors)
}

/// An assembled site kept by a builder that lives across builds (`serve`), with what it
/// was assembled from. Most edits change an article below its front matter, which
/// changes nothing assembling decides (URLs, order, sections, tags, authors, listings),
/// so [`KeptSite::patch`] puts the new document in place of the old instead of
/// assembling all of them again (about 40 ms at 10k articles).
#[derive(Debug)]
pub struct KeptSite {
    pub site: SiteData,
    /// The documents it was assembled from, as the load handed them out.
    docs: Vec<Arc<SourceDoc>>,
    /// Hash of the configuration and the selection's switches it was assembled with.
    key: u64,
    /// Assembling found no error (with errors, the next build assembles afresh).
    clean: bool,
    /// When the earliest future-dated article left out is due: from then on a build
    /// publishes it, so it assembles afresh.
    next_due: Option<DateTime<Utc>>,
}

impl KeptSite {
    /// Keeps `site`, assembled from `docs` with `config` and `selection` (`clean` when
    /// assembling found no error).
    pub fn new(
        site: SiteData,
        docs: &[Arc<SourceDoc>],
        config: &SiteConfig,
        selection: Selection,
        clean: bool,
    ) -> KeptSite {
        let next_due = docs
            .iter()
            .filter(|doc| !doc.is_section() && (!doc.front.draft || selection.drafts))
            .filter_map(|doc| doc.front.date.map(|d| d.to_utc(config.timezone)))
            .filter(|due| *due > selection.now && !selection.future)
            .min();
        KeptSite {
            site,
            docs: docs.to_vec(),
            key: assembly_key(config, selection),
            clean,
            next_due,
        }
    }

    /// The kept site with `docs` in place of the documents it was assembled from, when
    /// that is exactly what assembling `docs` afresh would give: the same files, the same
    /// configuration and switches, no article due since, and each changed document an
    /// article with the same front matter and the same opening words (its description
    /// when the front matter has none). `None` otherwise. Updates `cache` alike.
    pub fn patch(
        mut self,
        docs: &[Arc<SourceDoc>],
        config: &SiteConfig,
        selection: Selection,
        cache: Option<&mut EntryCache>,
    ) -> Option<SiteData> {
        /// More changed documents than this are assembled afresh (in parallel).
        const MOST_PATCHED: usize = 64;
        let due = self.next_due.is_some_and(|due| selection.now >= due);
        if !self.clean || due || self.docs.len() != docs.len() {
            return None;
        }
        if self.key != assembly_key(config, selection) {
            return None;
        }
        let mut changed = Vec::new();
        for (at, (old, new)) in self.docs.iter().zip(docs).enumerate() {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            let same_place = old.relative == new.relative && !new.is_section();
            if !same_place || old.front != new.front || changed.len() == MOST_PATCHED {
                return None;
            }
            changed.push(at);
        }
        let mut moved = Vec::with_capacity(changed.len());
        for &at in &changed {
            let (old, new) = (&self.docs[at], &docs[at]);
            if !is_published(old, config.timezone, selection) {
                continue; // and nor is the new one: its front matter is the same
            }
            let entry = self
                .site
                .articles
                .iter()
                .position(|entry| Arc::ptr_eq(&entry.doc, old))?;
            if *self.site.articles[entry].description_from_body != *description_from_body(new) {
                return None;
            }
            moved.push((entry, Arc::clone(new)));
        }
        let mut cache = cache;
        for (entry, new) in moved {
            let old = std::mem::replace(&mut self.site.articles[entry].doc, Arc::clone(&new));
            if let Some(cache) = cache.as_deref_mut() {
                if let Some(mut cached) = cache.entries.remove(&doc_key(&old)) {
                    cached.doc = Arc::clone(&new);
                    cache.entries.insert(doc_key(&new), cached);
                }
            }
        }
        self.site.now = selection.now;
        Some(self.site)
    }
}

/// What, besides the documents, decides an assembled site: the configuration and the
/// selection's switches (not its "now", which [`KeptSite`] watches through due dates).
fn assembly_key(config: &SiteConfig, selection: Selection) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{config:?}").hash(&mut hasher);
    (selection.drafts, selection.future).hash(&mut hasher);
    hasher.finish()
}

/// The longest URL path segment (a slug) a page may have, in bytes. Each becomes a
/// folder name, and file systems take at most 255 bytes; this leaves room.
pub const MAX_SEGMENT: usize = 200;

/// Articles whose URL, or a tag or author page they link to, has a segment longer than
/// [`MAX_SEGMENT`]: an error naming the article, before writing fails on the output path.
fn too_long_segments(site: &SiteData) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for article in &site.articles {
        let links = article.tags.iter().chain(&article.authors);
        let urls = std::iter::once((article.url.as_str(), "its URL", "a shorter `slug`"))
            .chain(links.map(|l| (l.url.as_str(), "a tag or author page", "a shorter name")));
        for (url, what, cure) in urls {
            let Some(segment) = url.split('/').find(|s| s.len() > MAX_SEGMENT) else {
                continue;
            };
            let shown: String = segment.chars().take(40).collect();
            errors.push(
                Diagnostic::error(
                    &article.doc.path,
                    Position::default(),
                    format!(
                        "{what} has a path segment of {} characters (`{shown}…`); at most \
                         {MAX_SEGMENT} fit in a file name",
                        segment.len()
                    ),
                )
                .with_help(format!("give it {cure} in its front matter")),
            );
        }
    }
    errors
}

fn is_published(doc: &SourceDoc, tz: Tz, selection: Selection) -> bool {
    if doc.front.draft && !selection.drafts {
        return false;
    }
    let future = doc
        .front
        .date
        .is_some_and(|date| date.to_utc(tz) > selection.now);
    !future || selection.future
}

/// Newest first; undated articles last; then by title and path for a stable order.
fn newest_first(a: &ArticleEntry, b: &ArticleEntry) -> std::cmp::Ordering {
    let key = |e: &ArticleEntry| e.published.as_ref().map(|d| d.instant);
    match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| a.doc.front.title.cmp(&b.doc.front.title))
    .then_with(|| a.doc.relative.cmp(&b.doc.relative))
}

/// `/a/b/` for the folder `a/b` (each part slugged); `/` for the root.
pub fn folder_url(folder: &str) -> String {
    let mut url = String::from("/");
    for part in folder.split('/').filter(|p| !p.is_empty()) {
        url.push_str(&slugify(part));
        url.push('/');
    }
    url
}

fn article_entry(doc: &Arc<SourceDoc>, config: &SiteConfig) -> ArticleEntry {
    let front = &doc.front;
    let slug = slugify(front.slug.as_deref().unwrap_or(doc.stem()));
    let url = format!("{}{}/", folder_url(doc.folder()), slug);
    let names: Vec<&String> = if front.authors.is_empty() {
        config.author.iter().collect()
    } else {
        front.authors.iter().collect()
    };
    let authors = names
        .into_iter()
        .map(|name| Link {
            name: name.clone(),
            url: author_url(name),
        })
        .collect();
    let tags = front
        .tags
        .iter()
        .map(|name| Link {
            name: name.clone(),
            url: format!("/tags/{}/", slugify(name)),
        })
        .collect();
    let description_from_body = description_from_body(doc);
    ArticleEntry {
        doc: Arc::clone(doc),
        url,
        published: front
            .date
            .map(|d| DisplayDate::new(&d, config.timezone, &config.translations)),
        updated: front
            .updated
            .map(|d| DisplayDate::new(&d, config.timezone, &config.translations)),
        authors,
        tags,
        kicker: front.kicker.clone(),
        description_from_body,
        section: None,
    }
}

/// The opening words that describe an article whose front matter gives no description
/// or subtitle; empty when it gives one.
fn description_from_body(doc: &SourceDoc) -> Box<str> {
    match (&doc.front.description, &doc.front.subtitle) {
        (None, None) => truncate_words(doc.body.lead_text(), 160).into_boxed_str(),
        _ => Box::default(),
    }
}

/// At most `limit` characters, cut at a word boundary with an ellipsis.
pub fn truncate_words(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A section being gathered: its first page's URL, where it comes from, its articles.
struct SectionDraft {
    folder: String,
    /// The name an article's `section` gave it (the newest article's spelling).
    named: Option<String>,
    articles: Vec<usize>,
}

impl SectionDraft {
    fn push(&mut self, index: usize) {
        if self.articles.last() != Some(&index) {
            self.articles.push(index);
        }
    }
}

/// The folders an article in `folder` belongs to, outermost first: `a/b` → `a`, `a/b`.
fn enclosing_folders(folder: &str) -> impl Iterator<Item = &str> {
    folder
        .match_indices('/')
        .map(move |(at, _)| &folder[..at])
        .chain((!folder.is_empty()).then_some(folder))
}

/// The section an article's front matter names, if it names one (blank counts as none).
fn named_section(article: &ArticleEntry) -> Option<&str> {
    let name = article.doc.front.section.as_deref()?.trim();
    (!name.is_empty()).then_some(name)
}

/// The URL of the section called `name`: `Local politics` → `/local-politics/`.
pub fn section_url(name: &str) -> String {
    format!("/{}/", slugify(name))
}

/// Sections come from two places, which meet when they have the same URL:
/// * every folder holding an article (directly or below), titled by its `_index.md`;
/// * every `section` an article's front matter names (`Sport` → `/sport/`).
///
/// Each article learns its section: the one its front matter names, else its innermost
/// folder. A folder's page lists every article under it; a named section's page lists
/// the articles that name it.
fn collect_sections(
    articles: &mut [ArticleEntry],
    section_docs: &HashMap<&str, &Arc<SourceDoc>>,
) -> Vec<Section> {
    let mut by_url: BTreeMap<String, SectionDraft> = BTreeMap::new();
    for (index, article) in articles.iter().enumerate() {
        for folder in enclosing_folders(article.doc.folder()) {
            by_url
                .entry(folder_url(folder))
                .or_insert_with(|| SectionDraft {
                    folder: folder.to_string(),
                    named: None,
                    articles: Vec::new(),
                })
                .push(index);
        }
        if let Some(name) = named_section(article) {
            let url = section_url(name);
            let draft = by_url.entry(url.clone()).or_insert_with(|| SectionDraft {
                folder: url.trim_matches('/').to_string(),
                named: None,
                articles: Vec::new(),
            });
            draft.named.get_or_insert_with(|| name.to_string());
            draft.push(index);
        }
    }
    let docs_by_url: HashMap<String, &Arc<SourceDoc>> = section_docs
        .iter()
        .map(|(folder, doc)| (folder_url(folder), *doc))
        .collect();
    let sections: Vec<Section> = by_url
        .into_iter()
        .map(|(url, draft)| {
            let doc = docs_by_url.get(&url).map(|d| Arc::clone(d));
            let fallback = || {
                let folder = draft.folder.rsplit('/').next().unwrap_or(&draft.folder);
                draft.named.clone().unwrap_or_else(|| title_case(folder))
            };
            let title = doc
                .as_ref()
                .map(|d| d.front.title.clone())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(fallback);
            let description = doc
                .as_ref()
                .and_then(|d| d.front.description.clone())
                .unwrap_or_default();
            Section {
                url,
                folder: draft.folder,
                title,
                description,
                doc,
                articles: draft.articles,
            }
        })
        .collect();
    let index_of: HashMap<&str, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.url.as_str(), i))
        .collect();
    for article in articles.iter_mut() {
        let url = match named_section(article) {
            Some(name) => section_url(name),
            None if article.doc.folder().is_empty() => continue,
            None => folder_url(article.doc.folder()),
        };
        article.section = index_of.get(url.as_str()).copied();
    }
    sections
}

/// `opinion-pieces` → `Opinion pieces`, for folders without an `_index.md` title.
fn title_case(folder: &str) -> String {
    let words = folder.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Groups articles by the links `of` gives (tags or authors), keyed by URL so that two
/// spellings with the same slug share a page (the newest article's spelling wins).
fn collect_taxa(articles: &[ArticleEntry], of: impl Fn(&ArticleEntry) -> &[Link]) -> Vec<Taxon> {
    let mut by_url: BTreeMap<&str, Taxon> = BTreeMap::new();
    for (index, article) in articles.iter().enumerate() {
        for link in of(article) {
            let taxon = by_url.entry(link.url.as_str()).or_insert_with(|| Taxon {
                name: link.name.clone(),
                url: link.url.clone(),
                articles: Vec::new(),
            });
            if taxon.articles.last() != Some(&index) {
                taxon.articles.push(index);
            }
        }
    }
    by_url.into_values().collect()
}

/// The position of the newest of `author`'s articles that they wrote alone and that has a
/// bio (a joint article's bio is about all its authors).
fn newest_bio_written_alone(articles: &[ArticleEntry], author: &Taxon) -> Option<usize> {
    author.articles.iter().copied().find(|&a| {
        let article = &articles[a];
        let bio = article.doc.front.bio.as_deref().unwrap_or("");
        article.authors.len() == 1 && !bio.trim().is_empty()
    })
}

/// Every listing cut into pages of `per_page`.
fn paginate_all(site: &SiteData, per_page: usize) -> Vec<ListingPage> {
    let mut pages = paginate(ListingKind::Home, "/", site.articles.len(), per_page);
    for (i, s) in site.sections.iter().enumerate() {
        pages.extend(paginate(
            ListingKind::Section(i),
            &s.url,
            s.articles.len(),
            per_page,
        ));
    }
    for (i, t) in site.tags.iter().enumerate() {
        pages.extend(paginate(
            ListingKind::Tag(i),
            &t.url,
            t.articles.len(),
            per_page,
        ));
    }
    for (i, a) in site.authors.iter().enumerate() {
        pages.extend(paginate(
            ListingKind::Author(i),
            &a.url,
            a.articles.len(),
            per_page,
        ));
    }
    if !site.tags.is_empty() {
        pages.extend(paginate(
            ListingKind::TagIndex,
            TAG_INDEX_URL,
            site.tags.len(),
            INDEX_PER_PAGE,
        ));
    }
    if !site.authors.is_empty() {
        pages.extend(paginate(
            ListingKind::AuthorIndex,
            AUTHOR_INDEX_URL,
            site.authors.len(),
            INDEX_PER_PAGE,
        ));
    }
    pages
}

/// Sections whose page would be the tag or author index (`section = "Tags"`, or a
/// folder `content/authors/` of articles): an error naming the section's newest article.
fn reserved_section_urls(site: &SiteData) -> Vec<Diagnostic> {
    site.sections
        .iter()
        .filter(|s| s.url == TAG_INDEX_URL || s.url == AUTHOR_INDEX_URL)
        .filter_map(|section| {
            let article = &site.articles[*section.articles.first()?];
            Some(
                Diagnostic::error(
                    &article.doc.path,
                    Position::default(),
                    format!(
                        "its section `{}` would have its page at {}, where the index of \
                         every {} is",
                        section.title,
                        section.url,
                        if section.url == TAG_INDEX_URL {
                            "tag"
                        } else {
                            "author"
                        }
                    ),
                )
                .with_help("give the section another name (or the folder another name)"),
            )
        })
        .collect()
}

/// Page `n` of a listing at `base`: `base` itself for the first, `base/page/n/` after.
pub fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

fn paginate(kind: ListingKind, base: &str, count: usize, per_page: usize) -> Vec<ListingPage> {
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| ListingPage {
            kind,
            url: page_url(base, number),
            number,
            total,
            start: (number - 1) * per_page,
            end: (number * per_page).min(count),
            first_url: base.to_string(),
        })
        .collect()
}

/// Pages that would be written to the same place.
fn url_collisions(site: &SiteData) -> Vec<Diagnostic> {
    let mut owners: HashMap<&str, &str> = HashMap::new();
    let mut errors = Vec::new();
    let reserved = site
        .listings
        .iter()
        .map(|l| (l.url.as_str(), "a listing page"));
    for (url, owner) in reserved {
        owners.insert(url, owner);
    }
    for article in &site.articles {
        let owner = article.doc.path.to_str().unwrap_or("an article");
        if let Some(previous) = owners.insert(&article.url, owner) {
            errors.push(
                Diagnostic::error(
                    &article.doc.path,
                    Position::default(),
                    format!("its URL {} is already used by {previous}", article.url),
                )
                .with_help("give one of them a different `slug` in its front matter"),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::FrontMatter;
    use crate::site::body_store::BodyHtml;
    use crate::site::markdown::BodyFacts;
    use std::path::Path;

    fn doc(relative: &str, front: FrontMatter) -> Arc<SourceDoc> {
        Arc::new(SourceDoc {
            path: format!("content/{relative}").into(),
            relative: relative.into(),
            front,
            body: BodyFacts::default(),
            html: BodyHtml::default(),
            revision: 0,
        })
    }

    fn dated(title: &str, date: &str) -> FrontMatter {
        FrontMatter {
            title: title.into(),
            date: ArticleDate::parse(date),
            ..FrontMatter::default()
        }
    }

    fn now() -> Selection {
        Selection {
            drafts: false,
            future: false,
            now: "2025-12-01T00:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn urls_mirror_folders_and_order_is_newest_first() {
        let docs = vec![
            doc(
                "articles/_index.md",
                FrontMatter {
                    title: "News".into(),
                    ..Default::default()
                },
            ),
            doc("articles/old.md", dated("Old", "2025-01-01")),
            doc("articles/new.md", dated("New", "2025-11-16")),
            doc(
                "posts/Some File.md",
                FrontMatter {
                    slug: Some("../../evil".into()),
                    ..dated("X", "2025-06-01")
                },
            ),
        ];
        let (site, errors) = assemble(&docs, &SiteConfig::default(), now());
        assert!(errors.is_empty(), "{errors:?}");
        let urls: Vec<&str> = site.articles.iter().map(|a| a.url.as_str()).collect();
        assert_eq!(urls, ["/articles/new/", "/posts/evil/", "/articles/old/"]);
        assert_eq!(site.articles[0].kicker.as_deref(), Some("News"));
        assert_eq!(site.sections.len(), 2);
        assert_eq!(site.sections[1].title, "Posts");
    }

    #[test]
    fn drafts_and_future_articles_need_their_flags() {
        let docs = vec![
            doc(
                "a.md",
                FrontMatter {
                    draft: true,
                    ..dated("Draft", "2025-01-01")
                },
            ),
            doc("b.md", dated("Future", "2026-01-01")),
            doc("c.md", dated("Now", "2025-11-30")),
        ];
        let config = SiteConfig::default();
        let (site, _) = assemble(&docs, &config, now());
        assert_eq!(site.articles.len(), 1);
        assert_eq!(site.skipped, 2);
        let all = Selection {
            drafts: true,
            future: true,
            ..now()
        };
        assert_eq!(assemble(&docs, &config, all).0.articles.len(), 3);
    }

    #[test]
    fn tags_authors_and_pagination() {
        let mut docs = Vec::new();
        for i in 0..5 {
            let mut front = dated(&format!("A{i}"), &format!("2025-01-0{}", i + 1));
            front.tags = vec![if i % 2 == 0 {
                "Climate".into()
            } else {
                "climate".into()
            }];
            docs.push(doc(&format!("a{i}.md"), front));
        }
        let config = SiteConfig {
            paginate: 2,
            author: Some("Desk Staff".into()),
            ..SiteConfig::default()
        };
        let (site, _) = assemble(&docs, &config, now());
        assert_eq!(site.tags.len(), 1);
        assert_eq!(site.tags[0].name, "Climate");
        assert_eq!(site.tags[0].articles.len(), 5);
        assert_eq!(site.authors[0].url, "/authors/desk-staff/");
        let home: Vec<&str> = site
            .listings
            .iter()
            .filter(|l| l.kind == ListingKind::Home)
            .map(|l| l.url.as_str())
            .collect();
        assert_eq!(home, ["/", "/page/2/", "/page/3/"]);
        let last = site.listings.iter().find(|l| l.url == "/page/3/").unwrap();
        assert_eq!(site.listing_articles(last).count(), 1);
    }

    #[test]
    fn colliding_urls_are_errors() {
        let docs = vec![
            doc("a/x.md", dated("One", "2025-01-01")),
            doc(
                "a/y.md",
                FrontMatter {
                    slug: Some("X".into()),
                    ..dated("Two", "2025-01-02")
                },
            ),
        ];
        let (_, errors) = assemble(&docs, &SiteConfig::default(), now());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("/a/x/"), "{}", errors[0].message);
    }

    #[test]
    fn a_named_section_joins_the_folder_of_the_same_url() {
        let mut sport = dated("Match", "2025-01-02");
        sport.section = Some("Sport".into());
        let mut also_sport = dated("Final", "2025-01-03");
        also_sport.section = Some(" sport ".into());
        let mut blank = dated("Plain", "2025-01-01");
        blank.section = Some("  ".into());
        let docs = vec![
            doc(
                "sport/_index.md",
                FrontMatter {
                    title: "Sport pages".into(),
                    ..Default::default()
                },
            ),
            doc("articles/match.md", sport),
            doc("articles/final.md", also_sport),
            doc("articles/plain.md", blank),
            doc("sport/race.md", dated("Race", "2025-01-04")),
        ];
        let (site, errors) = assemble(&docs, &SiteConfig::default(), now());
        assert!(errors.is_empty(), "{errors:?}");
        let urls: Vec<&str> = site.sections.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(urls, ["/articles/", "/sport/"]);
        let sport = &site.sections[1];
        assert_eq!(
            sport.title, "Sport pages",
            "the folder's _index.md names it"
        );
        let titles: Vec<&str> = sport
            .articles
            .iter()
            .map(|&i| site.articles[i].doc.front.title.as_str())
            .collect();
        assert_eq!(
            titles,
            ["Race", "Final", "Match"],
            "newest first, once each"
        );
        let section_of = |title: &str| {
            let article = site.articles.iter().find(|a| a.doc.front.title == title);
            article
                .and_then(|a| a.section)
                .map(|i| site.sections[i].url.as_str())
        };
        assert_eq!(section_of("Match"), Some("/sport/"));
        assert_eq!(section_of("Plain"), Some("/articles/"), "blank names none");
        assert_eq!(site.articles[1].kicker.as_deref(), Some("Sport pages"));
        // The folder's page still lists everything in it.
        assert_eq!(site.sections[0].articles.len(), 3);
        // The front page shows the first two; the blocks hold the rest, each story once.
        let blocks = site.front_page_blocks(2, 4);
        let counts: Vec<(usize, usize)> = blocks.iter().map(|(i, a)| (*i, a.len())).collect();
        assert_eq!(
            counts,
            [(0, 2)],
            "Sport's one article left is in the News block"
        );
        let blocks = site.front_page_blocks(0, 1);
        let counts: Vec<(usize, usize)> = blocks.iter().map(|(i, a)| (*i, a.len())).collect();
        assert_eq!(counts, [(0, 1), (1, 1)]);
    }

    #[test]
    fn a_named_section_without_a_folder_is_titled_as_written() {
        let mut front = dated("Match", "2025-01-02");
        front.section = Some("Local politics".into());
        let (site, _) = assemble(&[doc("a/x.md", front)], &SiteConfig::default(), now());
        let named = site.sections.iter().find(|s| s.url == "/local-politics/");
        assert_eq!(named.map(|s| s.title.as_str()), Some("Local politics"));
        let nav: Vec<String> = site.navigation().into_iter().map(|l| l.url).collect();
        assert_eq!(nav, ["/a/", "/local-politics/"]);
    }

    #[test]
    fn descriptions_fall_back_and_truncate() {
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("short", 9), "short");
    }

    fn parsed(relative: &str, text: &str) -> Arc<SourceDoc> {
        let path = Path::new("content").join(relative);
        crate::site::load::parse_doc(&path, relative.into(), text.as_bytes().to_vec())
            .unwrap()
            .0
    }

    const STORY: &str =
        "+++\ntitle = \"Tides\"\ndate = 2025-11-02\ntags = [\"Sea\"]\n+++\nThe lead.\n\nMore.\n";

    /// A site of a section and two stories, assembled and kept.
    fn kept_site(config: &SiteConfig) -> (Vec<Arc<SourceDoc>>, KeptSite) {
        let docs = vec![
            parsed("news/_index.md", "+++\ntitle = \"News\"\n+++\n"),
            parsed("news/a.md", STORY),
            parsed("news/b.md", &STORY.replace("Tides", "Dunes")),
        ];
        let (site, errors) = assemble(&docs, config, now());
        (
            docs.clone(),
            KeptSite::new(site, &docs, config, now(), errors.is_empty()),
        )
    }

    fn with(docs: &[Arc<SourceDoc>], at: usize, text: &str) -> Vec<Arc<SourceDoc>> {
        let mut docs = docs.to_vec();
        docs[at] = parsed(&docs[at].relative.clone(), text);
        docs
    }

    #[test]
    fn an_edit_below_the_front_matter_and_lead_is_patched_in() {
        let config = SiteConfig::default();
        let (docs, kept) = kept_site(&config);
        let docs = with(&docs, 1, &format!("{STORY}\nA paragraph added.\n"));
        let patched = kept.patch(&docs, &config, now(), None).expect("patched");
        let (fresh, _) = assemble(&docs, &config, now());
        let urls = |site: &SiteData| -> Vec<String> {
            site.articles.iter().map(|a| a.url.clone()).collect()
        };
        assert_eq!(urls(&patched), urls(&fresh));
        for (patched, fresh) in patched.articles.iter().zip(&fresh.articles) {
            assert!(Arc::ptr_eq(&patched.doc, &fresh.doc));
            assert_eq!(patched.description(), fresh.description());
        }
        assert_eq!(patched.sections[0].articles, fresh.sections[0].articles);
    }

    #[test]
    fn an_edit_assembling_could_see_is_assembled_afresh() {
        let config = SiteConfig::default();
        let edits = [
            (1, STORY.replace("The lead.", "Another lead.")),
            (1, STORY.replace("Tides", "Tidal")),
            (1, STORY.replace("\"Sea\"", "\"Sand\"")),
            (0, "+++\ntitle = \"World\"\n+++\n".to_string()),
        ];
        for (at, text) in edits {
            let (docs, kept) = kept_site(&config);
            let docs = with(&docs, at, &text);
            assert!(kept.patch(&docs, &config, now(), None).is_none(), "{text}");
        }
        let (mut docs, kept) = kept_site(&config);
        docs.push(parsed("news/c.md", STORY));
        assert!(kept.patch(&docs, &config, now(), None).is_none());
        let (docs, kept) = kept_site(&config);
        let paginated = SiteConfig {
            paginate: 1,
            ..SiteConfig::default()
        };
        assert!(kept.patch(&docs, &paginated, now(), None).is_none());
    }

    #[test]
    fn a_future_article_falling_due_is_assembled_afresh() {
        let config = SiteConfig::default();
        let (docs, _) = kept_site(&config);
        let docs = with(&docs, 2, &STORY.replace("2025-11-02", "2025-12-05"));
        let (site, _) = assemble(&docs, &config, now());
        assert_eq!(site.articles.len(), 1);
        let edited = with(&docs, 1, &format!("{STORY}\nA paragraph added.\n"));
        let later = |day: &str| Selection {
            now: format!("2025-12-{day}T00:00:00Z").parse().unwrap(),
            ..now()
        };
        let kept = KeptSite::new(site, &docs, &config, now(), true);
        let patched = kept.patch(&edited, &config, later("04"), None).unwrap();
        let kept = KeptSite::new(patched, &edited, &config, later("04"), true);
        assert!(kept.patch(&edited, &config, later("06"), None).is_none());
    }
}
