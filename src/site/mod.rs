//! Stage two: articles become a static site.
//!
//! A build runs these steps, each in its own module:
//!
//! 1. [`clean`](crate::clean::clean_stale_articles) any stale raw article first;
//! 2. [`config`]: read `site.toml`;
//! 3. [`templates`]: load and compile the theme (built-in, named, site overrides);
//! 4. [`load`]: walk `content/`, parse front matter, render Markdown ([`markdown`]) in
//!    parallel, cached across builds;
//! 5. [`assemble`]: published articles, URLs ([`slug`]), tags, authors (with their
//!    [`profiles`]), sections, pages; then [`pictures`]: their images checked, resized
//!    and cached;
//! 6. [`render`]: fill templates for every page ([`listing`] for listing pages), in
//!    parallel; plus [`feeds`] and [`sitemap`];
//! 7. [`write`](mod@write): stage and swap the output folder (or update it in place when serving).
//!
//! [`Builder`] keeps what a build learned (parsed articles, page fingerprints, what the
//! output holds) so that `serve` rebuilds after an edit only what the edit affects;
//! [`build_cache`] saves the fingerprints and output hashes in `.copydesk/` so that the next
//! `copydesk build` ([`build_with_cache`]) does the same across runs.
//! Every error found is reported at once, each naming its file and line:column.

pub mod assemble;
pub mod autolink;
pub mod body_store;
pub mod build_cache;
mod byte_scan;
pub mod config;
pub mod controls;
pub mod feeds;
pub mod json_ld;
pub mod lead_image;
pub mod listing;
pub mod load;
pub mod markdown;
pub mod page_context;
pub mod page_language;
pub mod pictures;
pub mod profiles;
pub mod render;
pub mod search;
pub mod sitemap;
pub mod slug;
pub mod templates;
pub mod translations;
pub mod typography;
pub mod write;
mod xml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;
use assemble::{Selection, SiteData};
use build_cache::{BuildCache, BuildKey, BuildRecord};
use config::SiteConfig;
use load::ContentCache;
use render::{PlannedPage, SharedContext};
use templates::{StaticOrigin, Theme};
use write::{Manifest, OutputWriter};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub site_root: PathBuf,
    /// Where the site goes; `site_root/output` when `None`.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
    /// HTML inserted before `</body>` of every page (the live-reload script of `serve`);
    /// never set by `build`.
    pub inject_before_body_end: Option<String>,
}

impl BuildOptions {
    /// The output folder these options build into.
    pub fn output_dir(&self) -> PathBuf {
        self.output_dir
            .clone()
            .unwrap_or_else(|| default_output_dir(&self.site_root))
    }
}

/// The output folder of a site when none is given: `site_root/output`.
pub fn default_output_dir(site_root: &Path) -> PathBuf {
    site_root.join("output")
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    pub output_dir: PathBuf,
    /// Pages in the site (articles, index pages, tag and author pages, 404).
    pub pages: usize,
    /// Files written or copied into the output by this build (unchanged ones are not
    /// rewritten when serving).
    pub files: usize,
    /// Articles published.
    pub articles: usize,
    /// Articles left out: drafts without `--drafts`, future-dated without `--future`.
    pub skipped: usize,
    /// Site path of every HTML page (`/`, `/articles/x/`, `/404.html`…), for `check`.
    pub page_urls: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// A failed build: every error found, each with its file and position.
#[derive(Debug, Clone, Default)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(diagnostics: Vec<Diagnostic>) -> BuildFailure {
        BuildFailure { diagnostics }
    }
}

/// Pages to render and write before the rest of a rebuild (the pages a `serve` preview
/// is showing), and what to do once they are written.
///
/// Only an in-place rebuild (one after a good build of the same [`Builder`]) writes them
/// early: those pages are rendered first and, when all of them render, written and handed
/// to `ready`; the rest of the site follows. The bytes are the ones the whole build would
/// write (same site, same templates), so the finished output is the same as without a
/// priority. If the rest then fails, the early pages get their previous bytes back, so a
/// failed rebuild still leaves the output as it was.
pub struct Priority<'a> {
    /// Output files (`articles/x/index.html`, as [`render::output_file_of`] gives them).
    pub pages: Vec<String>,
    /// Called with the priority pages re-rendered early (in their final form), before the
    /// rest of the site is rendered; not called when none of them changed.
    pub ready: &'a (dyn Fn(&[String]) + Sync),
}

/// What the last successful build left in the output, for the next one.
#[derive(Debug, Default)]
struct LastBuild {
    manifest: Manifest,
    /// Page, feed and sitemap output file -> fingerprint of its inputs.
    fingerprints: HashMap<String, u64>,
}

/// Keeps what a build learned (parsed articles, templates) so that the next build after
/// a change redoes only what the change affects. `serve` holds one; `build` uses one once.
#[derive(Debug)]
pub struct Builder {
    options: BuildOptions,
    content: ContentCache,
    /// Article entries of the last build, by document (none for a one-shot build).
    entries: Option<assemble::EntryCache>,
    /// The site the last build assembled, to patch (none for a one-shot build).
    kept: Option<assemble::KeptSite>,
    last: Option<LastBuild>,
}

impl Builder {
    pub fn new(options: BuildOptions) -> Builder {
        Builder {
            options,
            content: ContentCache::default(),
            entries: Some(assemble::EntryCache::default()),
            kept: None,
            last: None,
        }
    }

    /// A builder for one build (`copydesk build`), which keeps nothing for a next one
    /// while it runs.
    pub fn one_shot(options: BuildOptions) -> Builder {
        Builder {
            options,
            content: ContentCache::one_shot(),
            entries: None,
            kept: None,
            last: None,
        }
    }

    /// A builder whose builds take their non-empty `changed` lists as complete, as a file
    /// watcher's are (`serve`): a rebuild then reads just the listed Markdown files
    /// instead of walking and stat-ing all of `content/` (see
    /// [`ContentCache::trusting_changed_paths`] for when it still walks). An empty list
    /// still means "anything may have changed".
    pub fn trusting_changed_paths(options: BuildOptions) -> Builder {
        Builder {
            content: ContentCache::trusting_changed_paths(),
            ..Builder::new(options)
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the site; `changed` lists paths changed since the last build (empty: all).
    /// Files are also re-read when their modification time or size changed, so an empty
    /// list is always safe.
    pub fn build(
        &mut self,
        changed: &[PathBuf],
        progress: &dyn Progress,
    ) -> Result<BuildSummary, BuildFailure> {
        self.build_with_priority(changed, progress, None)
    }

    /// [`build`](Self::build), rendering and writing the `priority` pages before the rest
    /// when they need re-rendering (see [`Priority`]).
    pub fn build_with_priority(
        &mut self,
        changed: &[PathBuf],
        progress: &dyn Progress,
        priority: Option<&Priority<'_>>,
    ) -> Result<BuildSummary, BuildFailure> {
        let root = self.options.site_root.clone();
        let mut errors = Vec::new();
        let mut warnings = Vec::new();

        // A builder that trusts its changed paths cleans only the raw files they name;
        // the articles the clean stage writes are changed paths too, for its load.
        let mut changed = std::borrow::Cow::Borrowed(changed);
        let raw_listed = match self.content.trusts_changed_paths() && !changed.is_empty() {
            true => load::raw_files_listed(&root, &changed),
            false => None,
        };
        let cleaned = match &raw_listed {
            Some(names) => crate::clean::clean_named_stale_articles(&root, progress, names),
            None => crate::clean::clean_stale_articles(&root, progress),
        };
        match cleaned {
            Ok(summary) => {
                warnings.extend(summary.warnings);
                if !changed.is_empty() {
                    changed.to_mut().extend(summary.written);
                }
            }
            Err(diagnostics) => errors.extend(diagnostics),
        }
        let config = match self.config() {
            Ok(config) => config,
            Err(error) => {
                errors.push(error);
                return Err(split_failure(errors, warnings));
            }
        };
        warnings.extend(config.warnings.iter().cloned());
        let theme = Theme::load(&root, &config.theme)
            .map(|mut theme| {
                theme.set_base_url(&config.base_url);
                theme
            })
            .map_err(|e| errors.extend(e))
            .ok();
        let loaded = self
            .content
            .load(&root, config.base_path(), &changed, progress);
        errors.extend(loaded.errors);
        warnings.extend(loaded.warnings);
        let selection = Selection {
            drafts: self.options.drafts,
            future: self.options.future,
            now: chrono::Utc::now(),
        };
        let patched = self
            .kept
            .take()
            .and_then(|kept| kept.patch(&loaded.docs, &config, selection, self.entries.as_mut()));
        let (mut site, collisions) = match patched {
            Some(site) => (site, Vec::new()),
            None => {
                assemble::assemble_with(&loaded.docs, &config, selection, self.entries.as_mut())
            }
        };
        let assembled_clean = collisions.is_empty();
        errors.extend(collisions);
        let (profiles, profile_errors) = profiles::load_profiles(&root);
        errors.extend(profile_errors);
        warnings.extend(profiles::unused_profiles(
            &profiles,
            site.authors.iter().map(|a| a.url.as_str()),
        ));
        site.profiles = profiles;
        let prepared = pictures::prepare(&site, &root, progress);
        errors.extend(prepared.errors);
        site.pictures = prepared.pictures;
        let output = self.options.output_dir();
        if let Err(error) = write::check_output_dir(&output, &root) {
            errors.push(error);
        }
        // Kept for the next build to patch, and borrowed from there for this one.
        let mut one_shot_site = None;
        let site = match self.entries.is_some() {
            true => {
                let kept = assemble::KeptSite::new(
                    site,
                    &loaded.docs,
                    &config,
                    selection,
                    assembled_clean,
                );
                &self.kept.insert(kept).site
            }
            false => &*one_shot_site.insert(site),
        };
        let Some(theme) = theme.filter(|_| errors.is_empty()) else {
            return Err(split_failure(errors, warnings));
        };

        let shared = SharedContext::new(
            &config,
            &theme,
            site,
            self.options.inject_before_body_end.as_deref(),
            self.content.body_store(),
        );
        let pages = render::plan_pages(site, &shared);
        // Feed, sitemap and search-index fingerprints (20-40 ms at 10k) are made when first
        // needed, after any priority pages are written.
        let generated = std::sync::OnceLock::new();
        let previous = self
            .last
            .take()
            .filter(|last| last.manifest.dir == output && output.is_dir());
        let writer = match &previous {
            Some(_) => OutputWriter::in_place(&output),
            None => OutputWriter::staged(&output).map_err(|e| split_failure(vec![e], vec![]))?,
        };
        let job = WriteJob {
            site,
            config: &config,
            theme: &theme,
            shared: &shared,
            generated: &generated,
            pages: &pages,
            writer: &writer,
            previous: previous.as_ref(),
            content_assets: &with_picture_files(loaded.assets, &site.pictures),
            priority,
            restored: std::sync::atomic::AtomicUsize::new(0),
        };
        match job.run(&pages, progress) {
            Ok(manifest_files) => {
                let generated: Vec<(String, u64)> = job
                    .generated()
                    .iter()
                    .map(|g| (g.output.clone(), g.fingerprint))
                    .collect();
                let kept: HashSet<&str> = manifest_files.keys().map(String::as_str).collect();
                let written = writer.written();
                if let Err(error) = writer.finish(previous.as_ref().map(|l| &l.manifest), &kept) {
                    return Err(split_failure(vec![error], warnings));
                }
                self.last = Some(LastBuild {
                    manifest: Manifest {
                        dir: output.clone(),
                        files: manifest_files,
                    },
                    fingerprints: pages
                        .iter()
                        .map(|p| (p.output.clone(), p.fingerprint))
                        .chain(generated)
                        .collect(),
                });
                Ok(BuildSummary {
                    output_dir: output,
                    pages: pages.len(),
                    files: written,
                    articles: site.articles.len(),
                    skipped: site.skipped,
                    page_urls: pages.into_iter().map(|p| p.url).collect(),
                    warnings,
                })
            }
            Err(run_errors) => {
                // Render errors stop a build before anything is written, so the output is
                // still what `previous` describes. A write error in place may have changed
                // some files: forget the manifest so the next build stages a fresh site.
                // (Pages written early and given their old bytes back count as unchanged.)
                let restored = job.restored.load(std::sync::atomic::Ordering::SeqCst);
                let output_unchanged = writer.written() == restored || writer.is_staged();
                writer.abandon();
                self.last = previous.filter(|_| output_unchanged);
                Err(split_failure(run_errors, warnings))
            }
        }
    }

    /// `site.toml` with the `--base-url` override applied.
    fn config(&self) -> Result<SiteConfig, Diagnostic> {
        let mut config = SiteConfig::load(&self.options.site_root)?;
        if let Some(url) = &self.options.base_url {
            config.base_url = config::normalise_base_url(url).ok_or_else(|| {
                Diagnostic::error(
                    Path::new("--base-url"),
                    Position::default(),
                    format!("`{url}` is not an absolute http(s) URL"),
                )
            })?;
        }
        Ok(config)
    }
}

/// Errors first, then warnings, as one failure.
fn split_failure(errors: Vec<Diagnostic>, warnings: Vec<Diagnostic>) -> BuildFailure {
    let mut diagnostics = errors;
    diagnostics.extend(warnings);
    BuildFailure { diagnostics }
}

/// The starting size of each rendering worker's page buffer: more than most pages, so it
/// seldom grows.
const PAGE_BUFFER_BYTES: usize = 64 * 1024;

/// Everything one build writes, and where.
struct WriteJob<'a> {
    site: &'a SiteData,
    config: &'a SiteConfig,
    theme: &'a Theme,
    shared: &'a SharedContext,
    /// Feeds and the sitemap, with fingerprints (see [`render::generated_files`]), made
    /// on first use ([`WriteJob::generated`]).
    generated: &'a std::sync::OnceLock<Vec<render::GeneratedFile>>,
    /// Every page of the site.
    pages: &'a [PlannedPage],
    writer: &'a OutputWriter,
    previous: Option<&'a LastBuild>,
    content_assets: &'a [load::ContentAsset],
    /// Pages to write before the rest, in place.
    priority: Option<&'a Priority<'a>>,
    /// Files written early and given their previous bytes back after the rest failed.
    restored: std::sync::atomic::AtomicUsize,
}

impl WriteJob<'_> {
    /// Renders changed pages (all, when staging), writes them and every other file;
    /// returns the new manifest's files, or every error.
    fn run(
        &self,
        pages: &[PlannedPage],
        progress: &dyn Progress,
    ) -> Result<HashMap<String, u64>, Vec<Diagnostic>> {
        let files = Mutex::new(HashMap::with_capacity(pages.len() + 64));
        let errors = Mutex::new(Vec::new());
        let (early, pages) = self.write_priority_pages(pages, &files, &errors, progress);
        let pages = pages.as_ref();
        // Staged, the feeds, the sitemap and the search index are made while the pages
        // render: the index is one long task that would otherwise leave a core idle at
        // the end. In place, nothing may be written before every page has rendered.
        let (rendered, generated) = if self.writer.is_staged() {
            let (rendered, generated) = rayon::join(
                || self.render_pages(pages, &files, &errors, progress),
                || self.write_generated_files(),
            );
            (rendered, Some(generated))
        } else {
            (self.render_pages(pages, &files, &errors, progress), None)
        };
        let mut errors = errors
            .into_inner()
            .expect("no panics while holding the lock");
        if !errors.is_empty() {
            self.restore(early);
            return Err(dedupe_template_errors(errors));
        }
        let mut files = files
            .into_inner()
            .expect("no panics while holding the lock");
        // In place: nothing was written during rendering; write the changed pages now.
        for (output, html) in rendered {
            match self.writer.put(&output, &html, self.previous_hash(&output)) {
                Ok(hash) => {
                    files.insert(output, hash);
                }
                Err(e) => errors.push(e),
            }
        }
        let generated = generated.unwrap_or_else(|| self.write_generated_files());
        for result in generated {
            match result {
                Ok((output, hash)) => {
                    files.insert(output, hash);
                }
                Err(e) => errors.push(e),
            }
        }
        self.copy_static(&mut files, &mut errors);
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    /// In place, with a [`Priority`]: renders the priority pages whose fingerprint
    /// changed, and when every one of them renders, writes them and calls `ready`.
    /// Returns what the early pages replaced (to put back if the rest fails) and the
    /// pages left to render: all of them when nothing was written early.
    fn write_priority_pages<'p>(
        &self,
        pages: &'p [PlannedPage],
        files: &Mutex<HashMap<String, u64>>,
        errors: &Mutex<Vec<Diagnostic>>,
        progress: &dyn Progress,
    ) -> (Vec<EarlyPage>, std::borrow::Cow<'p, [PlannedPage]>) {
        let Some(priority) = self.priority.filter(|_| !self.writer.is_staged()) else {
            return (Vec::new(), pages.into());
        };
        let wanted: HashSet<&str> = priority.pages.iter().map(String::as_str).collect();
        let first: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, page)| wanted.contains(page.output.as_str()))
            .filter(|(_, page)| {
                self.unchanged_output(&page.output, page.fingerprint)
                    .is_none()
            })
            .map(|(at, _)| at)
            .collect();
        if first.is_empty() {
            return (Vec::new(), pages.into());
        }
        let mut html = Vec::with_capacity(PAGE_BUFFER_BYTES);
        let mut rendered = Vec::with_capacity(first.len());
        for &at in &first {
            let page = &pages[at];
            html.clear();
            match render::render_page_into(
                page,
                self.site,
                self.config,
                self.theme,
                self.shared,
                &mut html,
            ) {
                Ok(()) => rendered.push((page.output.clone(), html.clone())),
                // Rendered again with the rest, which reports the error.
                Err(_) => return (Vec::new(), pages.into()),
            }
        }
        let mut early = Vec::with_capacity(rendered.len());
        for (output, bytes) in rendered {
            let previous = self.previous_hash(&output);
            let old = std::fs::read(self.writer.root().join(&output)).ok();
            match self.writer.put(&output, &bytes, previous) {
                Ok(hash) => {
                    lock(files).insert(output.clone(), hash);
                    let written = previous != Some(hash);
                    early.push(EarlyPage {
                        output,
                        old,
                        written,
                    });
                }
                Err(e) => lock(errors).push(e),
            }
        }
        if !lock(errors).is_empty() {
            return (early, pages.into());
        }
        // Pages that rendered to the bytes they had need no reload; when none changed, no
        // early signal either (the end of the build is signalled anyway).
        if early.iter().any(|page| page.written) {
            progress.note(&format!(
                "wrote {} viewed page(s) before the rest of the site",
                early.len()
            ));
            let ready: Vec<String> = early.iter().map(|e| e.output.clone()).collect();
            (priority.ready)(&ready);
        }
        let rest = pages
            .iter()
            .enumerate()
            .filter(|(at, _)| first.binary_search(at).is_err())
            .map(|(_, page)| page.clone())
            .collect::<Vec<_>>();
        (early, rest.into())
    }

    /// Puts back what pages written early replaced, after the rest of the build failed,
    /// so that the output is what the last good build left.
    fn restore(&self, early: Vec<EarlyPage>) {
        for page in early.into_iter().filter(|page| page.written) {
            let path = self.writer.root().join(&page.output);
            let restored = match page.old {
                Some(old) => write_atomically_at(&path, &old),
                None => std::fs::remove_file(&path),
            };
            if restored.is_ok() {
                self.restored
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    /// The feeds, sitemaps and search index of the site, with fingerprints.
    fn generated(&self) -> &[render::GeneratedFile] {
        self.generated.get_or_init(|| {
            render::generated_files(self.pages, self.site, self.shared, self.config.feed_limit)
        })
    }

    fn previous_hash(&self, relative: &str) -> Option<u64> {
        self.previous?.manifest.files.get(relative).copied()
    }

    fn put(
        &self,
        relative: &str,
        bytes: &[u8],
        files: &mut HashMap<String, u64>,
        errors: &mut Vec<Diagnostic>,
    ) {
        match self
            .writer
            .put(relative, bytes, self.previous_hash(relative))
        {
            Ok(hash) => {
                files.insert(relative.to_string(), hash);
            }
            Err(e) => errors.push(e),
        }
    }

    /// Renders in parallel. Staged: each page is written as soon as it is rendered (so a
    /// big site is never held in memory) and nothing is returned. In place: pages whose
    /// fingerprint is unchanged are skipped, and the changed ones are returned for writing
    /// once all have rendered. Each worker renders into one buffer it reuses.
    fn render_pages(
        &self,
        pages: &[PlannedPage],
        files: &Mutex<HashMap<String, u64>>,
        errors: &Mutex<Vec<Diagnostic>>,
        progress: &dyn Progress,
    ) -> Vec<(String, Vec<u8>)> {
        progress.start("Rendering", pages.len() as u64);
        let staged = self.writer.is_staged();
        let rendered: Vec<(String, Vec<u8>)> = pages
            .par_iter()
            .map_init(
                || Vec::with_capacity(PAGE_BUFFER_BYTES),
                |html, page| {
                    progress.advance(1);
                    let unchanged = self.unchanged_output(&page.output, page.fingerprint);
                    if let (false, Some(hash)) = (staged, unchanged) {
                        lock(files).insert(page.output.clone(), hash);
                        return None;
                    }
                    let shared = self.shared;
                    let config = self.config;
                    if let Err(e) =
                        render::render_page_into(page, self.site, config, self.theme, shared, html)
                    {
                        lock(errors).push(e);
                        return None;
                    }
                    if !staged {
                        return Some((page.output.clone(), html.clone()));
                    }
                    match self.writer.put(&page.output, html, None) {
                        Ok(hash) => {
                            lock(files).insert(page.output.clone(), hash);
                        }
                        Err(e) => lock(errors).push(e),
                    }
                    None
                },
            )
            .flatten()
            .collect();
        progress.finish();
        rendered
    }

    /// Writes robots.txt, the feeds, the sitemap and the search index; returns each
    /// file's output path and content hash, or its error. A feed or the sitemap is left
    /// out, and returned with its recorded hash, when its fingerprint matches the last
    /// build's; the others are generated in parallel and each is written as soon as it is
    /// made, so that they are never all in memory at once.
    fn write_generated_files(&self) -> Vec<Result<(String, u64), Diagnostic>> {
        let generated = self.generated();
        let mut done = Vec::with_capacity(generated.len() + 1);
        let mut stale = Vec::new();
        for file in generated {
            match self.unchanged_output(&file.output, file.fingerprint) {
                Some(hash) => done.push(Ok((file.output.clone(), hash))),
                None => stale.push(file),
            }
        }
        let robots = sitemap::robots_txt(self.config);
        done.push(
            self.writer
                .put(
                    sitemap::ROBOTS_FILE,
                    robots.as_bytes(),
                    self.previous_hash(sitemap::ROBOTS_FILE),
                )
                .map(|hash| (sitemap::ROBOTS_FILE.to_string(), hash)),
        );
        done.par_extend(stale.into_par_iter().map(|file| {
            let previous = self.previous_hash(&file.output);
            let hash = match file.kind {
                render::Generated::SearchIndex => {
                    self.writer.put_streamed(&file.output, previous, |out| {
                        search::write_search_index(out, self.site, self.config)
                    })?
                }
                kind => {
                    let text = self.generate(kind)?;
                    self.writer.put(&file.output, text.as_bytes(), previous)?
                }
            };
            Ok((file.output.clone(), hash))
        }));
        done
    }

    /// The text of a feed or a sitemap (or of the search index, which is written as it
    /// is made instead).
    fn generate(&self, kind: render::Generated) -> Result<String, Diagnostic> {
        Ok(match kind {
            render::Generated::Feed(scope, format) => {
                feeds::feed(scope, format, self.site, self.config)?
            }
            render::Generated::Sitemap => sitemap::sitemap(self.site, self.config),
            render::Generated::SitemapPart(n) => sitemap::sitemap_part(self.site, self.config, n),
            render::Generated::NewsSitemap => sitemap::news_sitemap(self.site, self.config),
            render::Generated::SearchIndex => search::search_index(self.site, self.config),
        })
    }

    /// The recorded hash of `output` when the last build wrote it from inputs with the
    /// same fingerprint (so it need not be generated again).
    fn unchanged_output(&self, output: &str, fingerprint: u64) -> Option<u64> {
        let last = self.previous?;
        let same = last.fingerprints.get(output) == Some(&fingerprint);
        same.then(|| last.manifest.files.get(output).copied())
            .flatten()
    }

    /// Theme and site `static/` files, and media files found in `content/`.
    fn copy_static(&self, files: &mut HashMap<String, u64>, errors: &mut Vec<Diagnostic>) {
        for file in &self.theme.static_files {
            if files.contains_key(&file.relative) {
                continue; // a page or generated file of the same name wins
            }
            match &file.origin {
                StaticOrigin::BuiltIn(bytes) => self.put(&file.relative, bytes, files, errors),
                StaticOrigin::File(path) => match std::fs::read(path) {
                    Ok(bytes) => self.put(&file.relative, &bytes, files, errors),
                    Err(e) => errors.push(Diagnostic::error(
                        path,
                        Position::default(),
                        format!("cannot read: {e}"),
                    )),
                },
            }
        }
        for asset in self.content_assets {
            let relative = asset_output_path(&asset.relative);
            if files.contains_key(&relative) {
                continue;
            }
            match std::fs::read(&asset.source) {
                Ok(bytes) => self.put(&relative, &bytes, files, errors),
                Err(e) => errors.push(Diagnostic::error(
                    &asset.source,
                    Position::default(),
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
}

/// A page written before the rest of a rebuild, and the bytes it replaced (none when it
/// is new).
struct EarlyPage {
    output: String,
    old: Option<Vec<u8>>,
    /// False when the output already held these bytes (nothing to put back).
    written: bool,
}

fn write_atomically_at(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::atomic::write_replacing(path, bytes, false)
}

/// Where a media file of `content/` goes: its folders slugged like page URLs, its name kept
/// if safe (`articles/Photos/a b.jpg` → `articles/photos/a-b.jpg`).
pub(crate) fn asset_output_path(relative: &str) -> String {
    let mut parts: Vec<String> = relative.split('/').map(str::to_string).collect();
    let name = parts.pop().unwrap_or_default();
    let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
    let mut out: Vec<String> = parts.iter().map(|p| slug::slugify(p)).collect();
    out.push(format!(
        "{}.{}",
        slug::slugify(stem),
        extension.to_ascii_lowercase()
    ));
    out.join("/")
}

/// The files of `content/` to copy, and the resized variants of every picture.
fn with_picture_files(
    mut assets: Vec<load::ContentAsset>,
    pictures: &pictures::Pictures,
) -> Vec<load::ContentAsset> {
    assets.extend(pictures.output_files());
    assets
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One template mistake fails every page that uses it: report it once, with the number
/// of other pages it broke.
fn dedupe_template_errors(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut order: Vec<Diagnostic> = Vec::new();
    let mut counts: HashMap<(PathBuf, usize, usize), usize> = HashMap::new();
    for error in errors {
        let key = (
            error.path.clone(),
            error.position.line,
            error.position.column,
        );
        let count = counts.entry(key).or_insert(0);
        *count += 1;
        if *count == 1 {
            order.push(error);
        }
    }
    for error in &mut order {
        let others = counts[&(
            error.path.clone(),
            error.position.line,
            error.position.column,
        )] - 1;
        if others > 0 {
            error
                .message
                .push_str(&format!(" (and {others} other pages)"));
        }
    }
    order
}

/// Builds the site once.
pub fn build(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildSummary, BuildFailure> {
    Builder::one_shot(options.clone()).build(&[], progress)
}

/// Builds the site as `copydesk build` does: starting from the record the last build left
/// in `.copydesk/build-cache/` (see [`build_cache`]), unless `full` or there is no usable
/// record. With nothing changed since, it stops before loading anything and writes
/// nothing (the summary then has no `page_urls`); otherwise only pages whose inputs
/// changed are rendered and only files whose bytes changed are written.
pub fn build_with_cache(
    options: &BuildOptions,
    full: bool,
    progress: &dyn Progress,
) -> Result<BuildSummary, BuildFailure> {
    let output = options.output_dir();
    let cache = BuildCache::new(&options.site_root, build_key(options, &output));
    let started = std::time::SystemTime::now();
    let inputs = build_cache::stamp_inputs(&options.site_root, &output);
    let previous = if full { None } else { cache.load() };
    if let (Some(record), Some(inputs)) = (&previous, &inputs) {
        if !record.must_recheck && record.inputs == *inputs {
            progress.note("build cache: no file changed since the last build; nothing to do");
            return Ok(unchanged_summary(record, output));
        }
    }
    progress.note(match (&previous, full) {
        (_, true) => "build cache: ignored (--full); rendering every page",
        (None, false) => "build cache: no usable record; rendering every page",
        (Some(_), false) => "build cache: rendering only pages whose inputs changed",
    });
    let mut builder = Builder::one_shot(options.clone());
    // The output is about to be updated in place: without a record, a build killed
    // halfway makes the next one a full build. A record that cannot be removed is not used.
    let mut previous = previous.filter(|_| cache.forget().is_ok());
    if let Some(record) = &mut previous {
        builder.last = Some(LastBuild {
            manifest: Manifest {
                dir: output.clone(),
                files: std::mem::take(&mut record.files),
            },
            fingerprints: std::mem::take(&mut record.fingerprints),
        });
    }
    match builder.build(&[], progress) {
        Ok(mut summary) => {
            let racy = inputs
                .as_ref()
                .is_none_or(|stamps| build_cache::has_racy_stamp(stamps, started));
            let mut record = cache.record(inputs.unwrap_or_default());
            record.must_recheck =
                racy || !summary.warnings.is_empty() || (summary.skipped > 0 && !options.future);
            record.output = build_cache::folder_identity(&output).unwrap_or_default();
            record.pages = summary.pages;
            record.articles = summary.articles;
            record.skipped = summary.skipped;
            if let Some(last) = builder.last.take() {
                record.files = last.manifest.files;
                record.fingerprints = last.fingerprints;
            }
            if let Err(e) = cache.save(&record) {
                summary.warnings.push(cache_not_saved(&cache, e));
            }
            Ok(summary)
        }
        Err(failure) => {
            // The output is still what the old record describes when the builder kept it.
            if let (Some(mut record), Some(last)) = (previous, builder.last.take()) {
                record.files = last.manifest.files;
                record.fingerprints = last.fingerprints;
                let _ = cache.save(&record);
            }
            Err(failure)
        }
    }
}

/// What a record must match to describe a build with `options` into `output`.
fn build_key(options: &BuildOptions, output: &Path) -> BuildKey {
    BuildKey {
        output_dir: real_output_path(output),
        base_url: options.base_url.clone(),
        drafts: options.drafts,
        future: options.future,
    }
}

/// `output` as one spelling of the folder, whatever the spelling typed: `../out`,
/// `./out/` and `/site/out` name one output and must find one build record. The folder
/// itself is resolved when it exists, else its parent (a first build into a new folder).
fn real_output_path(output: &Path) -> PathBuf {
    let absolute = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    if let Ok(real) = absolute.canonicalize() {
        return real;
    }
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map_or_else(|_| absolute.clone(), |p| p.join(name)),
        _ => absolute,
    }
}

/// The summary of a build that found nothing changed.
fn unchanged_summary(record: &BuildRecord, output_dir: PathBuf) -> BuildSummary {
    BuildSummary {
        output_dir,
        pages: record.pages,
        files: 0,
        articles: record.articles,
        skipped: record.skipped,
        page_urls: Vec::new(),
        warnings: Vec::new(),
    }
}

fn cache_not_saved(cache: &BuildCache, error: std::io::Error) -> Diagnostic {
    Diagnostic::warning(
        cache.path(),
        Position::default(),
        format!("cannot save the build cache: {error}"),
    )
    .with_help("the next build will be a full build")
}
