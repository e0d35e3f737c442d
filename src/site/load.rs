//! Loading `content/`: every Markdown file parsed and rendered once, and kept.
//!
//! [`ContentCache::load`] walks `content/` (skipping `content/raw/`, which belongs to the
//! clean stage, and hidden files), parses each `.md` file's front matter (TOML `+++` or
//! YAML `---`) into the shared [`FrontMatter`], and renders its body to HTML in parallel.
//! Results, errors included, are cached by path and file stamp (modification time and
//! length): a rebuild re-reads only files that changed, which is what makes `serve` fast
//! on large sites. `_index.md` gives its folder (a section) its own front matter.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::article::{parse_front_matter, split_front_matter, FrontMatter, SplitDocument};
use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;
use crate::site::body_store::{BodyHtml, BodyStore};
use crate::site::controls::{strip_controls, strip_front_controls};
use crate::site::markdown::{self, BodyFacts, BodySource};

/// The folder, under the site root, that holds the articles.
pub const CONTENT_DIR: &str = "content";
/// The folder, under `content/`, of raw copied text (the clean stage's input).
pub const RAW_DIR: &str = "raw";
/// The file that gives a folder its front matter.
pub const SECTION_FILE: &str = "_index.md";

/// File types in `content/` copied beside the pages (images and media next to articles).
const ASSET_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "pdf", "mp3", "mp4", "webm",
];

/// One Markdown file of `content/`, parsed and rendered.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path as found under the site root (used in messages).
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators: `articles/x.md`.
    pub relative: String,
    pub front: FrontMatter,
    /// What listings, feeds and search read of the body.
    pub body: BodyFacts,
    /// The body rendered to HTML: parked out of memory by [`ContentCache::load`], read
    /// back with [`SourceDoc::html`] when its page or a feed is written.
    pub html: BodyHtml,
    /// Hash of the file's bytes: changes whenever the file does.
    pub revision: u64,
}

impl SourceDoc {
    /// True for a folder's `_index.md`.
    pub fn is_section(&self) -> bool {
        is_section_file(&self.relative)
    }

    /// The folder this document belongs to, relative to `content/` (`""` for the root).
    pub fn folder(&self) -> &str {
        self.relative.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// The file name without `.md`.
    pub fn stem(&self) -> &str {
        let name = self.relative.rsplit('/').next().unwrap_or(&self.relative);
        name.strip_suffix(".md").unwrap_or(name)
    }

    /// The body's HTML; an error naming the file if it cannot be read back from the
    /// [`BodyStore`].
    pub fn html(&self) -> Result<Cow<'_, str>, Diagnostic> {
        self.html.read().map_err(|e| {
            Diagnostic::error(
                &self.path,
                Position::default(),
                format!("cannot read back the rendered body from the build's scratch file: {e}"),
            )
        })
    }
}

/// A file of `content/` copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentAsset {
    pub source: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub relative: String,
}

/// Everything `content/` holds, as of this build.
#[derive(Debug, Default)]
pub struct LoadedContent {
    /// Articles and section files, sorted by relative path.
    pub docs: Vec<Arc<SourceDoc>>,
    pub assets: Vec<ContentAsset>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// When and how big a file was: a cheap test for "did it change".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
}

/// A document loaded, with its warnings, or the error that stopped it.
pub type LoadResult = Result<(Arc<SourceDoc>, Vec<Diagnostic>), Diagnostic>;

#[derive(Debug, Clone)]
struct CachedDoc {
    stamp: FileStamp,
    result: LoadResult,
}

/// Parsed documents from earlier builds, by path.
#[derive(Debug, Default)]
pub struct ContentCache {
    /// Keyed by path relative to `content/`, in the order a load hands documents out.
    docs: BTreeMap<String, CachedDoc>,
    /// The base path the cached bodies were rendered for: their root links depend on it.
    base_path: String,
    /// Where rendered bodies are parked; created by the first load (none if it cannot
    /// be, and bodies are then held in memory).
    bodies: Option<Arc<BodyStore>>,
    /// Load once and keep nothing for a next load (a `copydesk build`, not `serve`).
    one_shot: bool,
    /// The caller's changed paths are the whole truth (a file watcher's): a load given
    /// some reads just those instead of walking and stat-ing every file (see
    /// [`ContentCache::trusting_changed_paths`]).
    trust_changed: bool,
    /// The assets the last walk found, kept when that walk met no error and no symbolic
    /// link, the two things a list of changed paths could not keep up with. A load that
    /// trusts its changed paths needs it.
    walked: Option<Vec<ContentAsset>>,
}

impl ContentCache {
    /// A cache for a single load: it keeps nothing for a next one, which on a large site
    /// would only hold another entry per file until the build ends.
    pub fn one_shot() -> ContentCache {
        ContentCache {
            one_shot: true,
            ..ContentCache::default()
        }
    }

    /// A cache whose loads take a non-empty list of changed paths as complete, as a file
    /// watcher's batch of events is: a load then reads, adds or drops just the Markdown
    /// files listed, instead of walking `content/` and checking every file's stamp (at
    /// 10k articles, most of a rebuild's time). It still walks everything when the list is
    /// empty, when a listed path is a folder, an asset, a link or the site itself (a
    /// watcher that lost events says so), and after a walk that met an error or a link.
    pub fn trusting_changed_paths() -> ContentCache {
        ContentCache {
            trust_changed: true,
            ..ContentCache::default()
        }
    }

    /// Whether loads take their non-empty lists of changed paths as complete.
    pub fn trusts_changed_paths(&self) -> bool {
        self.trust_changed
    }

    /// Where this cache parks rendered bodies (and a build its story cards), if anywhere.
    pub fn body_store(&self) -> Option<&Arc<BodyStore>> {
        self.bodies.as_ref()
    }

    /// Loads `site_root/content/`, re-reading only files whose stamp changed or that are
    /// listed in `changed`.
    pub fn load(
        &mut self,
        site_root: &Path,
        base_path: &str,
        changed: &[PathBuf],
        progress: &dyn Progress,
    ) -> LoadedContent {
        if self.base_path != base_path {
            self.docs.clear();
            self.walked = None;
            self.base_path = base_path.to_string();
        }
        let content = site_root.join(CONTENT_DIR);
        let mut loaded = LoadedContent::default();
        if !content.is_dir() {
            self.docs.clear();
            self.walked = None;
            return loaded;
        }
        // Where the changed paths stand is worked out once (canonicalising the site and
        // `content/`), for the listed load and for the walk that may follow it.
        let place = (!changed.is_empty()).then(|| SitePlace::new(site_root, &content));
        if let Some(loaded) = self.load_listed(place.as_ref(), changed) {
            return loaded;
        }
        let walk = walk_content(&content);
        let changed = ChangedPaths::new(changed, place.as_ref());
        self.walked = (walk.errors.is_empty() && !walk.saw_link && !self.one_shot)
            .then(|| walk.assets.clone());
        let markdown_files = walk.markdown;
        loaded.assets = walk.assets;
        loaded.errors.extend(walk.errors);

        if self.bodies.is_none() {
            self.bodies = BodyStore::new().ok();
        }
        let bodies = self.bodies.as_ref();
        progress.start("Loading", markdown_files.len() as u64);
        let results: Vec<(String, CachedDoc)> = markdown_files
            .into_par_iter()
            .map(|(path, relative)| {
                let stamp = file_stamp(&path);
                let cached = self
                    .docs
                    .get(&relative)
                    .filter(|c| Some(c.stamp) == stamp && !changed.contains(&relative));
                let entry = match cached {
                    Some(cached) => cached.clone(),
                    None => CachedDoc {
                        stamp: stamp.unwrap_or(FileStamp {
                            modified: None,
                            len: 0,
                        }),
                        result: load_doc(&path, relative.clone(), base_path, bodies),
                    },
                };
                progress.advance(1);
                (relative, entry)
            })
            .collect();
        progress.finish();

        let mut docs = BTreeMap::new();
        for (relative, entry) in results {
            match &entry.result {
                Ok((doc, warnings)) => {
                    loaded.docs.push(Arc::clone(doc));
                    loaded.warnings.extend(warnings.iter().cloned());
                }
                Err(error) => loaded.errors.push(error.clone()),
            }
            if !self.one_shot {
                docs.insert(relative, entry);
            }
        }
        self.docs = docs;
        loaded.docs.sort_by(|a, b| a.relative.cmp(&b.relative));
        loaded
    }

    /// A load that trusts `changed` ([`trusting_changed_paths`](Self::trusting_changed_paths)):
    /// re-reads the Markdown files listed, forgets those gone, and hands out the rest as
    /// the last load left them. `None` when it cannot vouch for the result and the whole
    /// of `content/` must be walked.
    fn load_listed(
        &mut self,
        place: Option<&SitePlace>,
        changed: &[PathBuf],
    ) -> Option<LoadedContent> {
        if !self.trust_changed || changed.is_empty() {
            return None;
        }
        let place = place?;
        let assets = self.walked.clone()?;
        let mut read = Vec::new();
        let mut gone = Vec::new();
        for path in changed {
            match place.listed_change(path)? {
                ListedChange::Nothing => {}
                ListedChange::Read(relative) => read.push((path.clone(), relative)),
                ListedChange::Gone(relative) => gone.push(relative),
            }
        }
        for relative in &gone {
            // A folder named like a Markdown file, removed with what it held.
            let inside = format!("{relative}/");
            if self
                .docs
                .range(inside.clone()..)
                .next()
                .is_some_and(|(k, _)| k.starts_with(&inside))
            {
                return None;
            }
        }
        let base_path = self.base_path.clone();
        let bodies = self.bodies.as_ref();
        let fresh: Vec<(String, CachedDoc)> = read
            .into_par_iter()
            .map(|(path, relative)| {
                let entry = CachedDoc {
                    stamp: file_stamp(&path).unwrap_or(FileStamp {
                        modified: None,
                        len: 0,
                    }),
                    result: load_doc(&path, relative.clone(), &base_path, bodies),
                };
                (relative, entry)
            })
            .collect();
        for relative in gone {
            self.docs.remove(&relative);
        }
        self.docs.extend(fresh);
        let mut loaded = LoadedContent {
            assets,
            ..LoadedContent::default()
        };
        loaded.docs.reserve(self.docs.len());
        for entry in self.docs.values() {
            match &entry.result {
                Ok((doc, warnings)) => {
                    loaded.docs.push(Arc::clone(doc));
                    loaded.warnings.extend(warnings.iter().cloned());
                }
                Err(error) => loaded.errors.push(error.clone()),
            }
        }
        Some(loaded)
    }
}

/// What a changed path asks of a load that trusts the list it came in.
enum ListedChange {
    /// Nothing a load reads: a theme file, `site.toml`, raw text, a hidden file.
    Nothing,
    /// The Markdown file at this path relative to `content/` is to be read (again).
    Read(String),
    /// The Markdown file at this path relative to `content/` is gone.
    Gone(String),
}

/// The site's root and `content/` as given and in canonical form, to place changed
/// paths however they are spelled.
struct SitePlace {
    roots: Vec<PathBuf>,
    contents: Vec<PathBuf>,
}

impl SitePlace {
    fn new(site_root: &Path, content: &Path) -> SitePlace {
        let mut roots = vec![site_root.to_path_buf()];
        roots.extend(site_root.canonicalize().ok());
        let mut contents = vec![content.to_path_buf()];
        contents.extend(content.canonicalize().ok());
        SitePlace { roots, contents }
    }

    /// Where `path` is: its path relative to `content/` (`Ok(Some)`, empty for
    /// `content/` itself), elsewhere in the site (`Ok(None)`), or not inside the site
    /// (`Err`, also for the site's root).
    fn place(&self, path: &Path) -> Result<Option<String>, ()> {
        let spelled = [path.to_path_buf(), canonical_even_if_gone(path)];
        let relative = spelled.iter().find_map(|path| {
            self.contents
                .iter()
                .find_map(|content| relative_slash_path(content, path))
        });
        if relative.is_some() {
            return Ok(relative);
        }
        let in_site = spelled.iter().any(|path| {
            self.roots.iter().any(|root| {
                path.strip_prefix(root)
                    .is_ok_and(|rest| rest.components().next().is_some())
            })
        });
        in_site.then_some(None).ok_or(())
    }

    /// What `path` asks of the load; `None` when only a walk can say (a folder, an
    /// asset, a link, the site or `content/` itself, a path outside the site).
    fn listed_change(&self, path: &Path) -> Option<ListedChange> {
        let Some(relative) = self.place(path).ok()? else {
            return Some(ListedChange::Nothing);
        };
        if relative.is_empty() {
            return None;
        }
        let skipped = relative.split('/').any(|part| part.starts_with('.'))
            || relative.split('/').next() == Some(RAW_DIR);
        if skipped {
            return Some(ListedChange::Nothing);
        }
        let extension = relative
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .filter(|e| !e.contains('/'))
            .unwrap_or_default();
        let kind = std::fs::symlink_metadata(path).map(|m| m.file_type());
        match (extension.as_str(), kind) {
            (_, Ok(kind)) if !kind.is_file() => None,
            (e, _) if ASSET_EXTENSIONS.contains(&e) => None,
            ("md", Ok(_)) => Some(ListedChange::Read(relative)),
            ("md", Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Some(ListedChange::Gone(relative))
            }
            // Another kind of file, which a walk would skip too.
            (_, Ok(_)) => Some(ListedChange::Nothing),
            // Gone, and perhaps a folder of articles.
            (_, Err(_)) => None,
        }
    }
}

/// The raw files among `changed` (their names in `content/raw/`), for a build that trusts
/// its list of changed paths to clean just those. `None` when every raw file must be
/// looked at: the list names the site itself, `content/`, the raw folder, a path outside
/// the site, or an article that is gone (its raw text, if it has one, writes it again).
pub fn raw_files_listed(site_root: &Path, changed: &[PathBuf]) -> Option<HashSet<OsString>> {
    let place = SitePlace::new(site_root, &site_root.join(CONTENT_DIR));
    let mut names = HashSet::new();
    for path in changed {
        let Some(relative) = place.place(path).ok()? else {
            continue;
        };
        let mut parts = relative.split('/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(""), None, None) | (Some(RAW_DIR), None, None) => return None,
            (Some(RAW_DIR), Some(name), None) => {
                names.insert(OsString::from(name));
            }
            _ if relative.ends_with(".md") && !path.exists() => return None,
            _ => {}
        }
    }
    Some(names)
}

/// `path` with its symbolic links resolved, also when it no longer exists (its folder's
/// canonical path, joined with its name).
fn canonical_even_if_gone(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// The paths a caller says changed, resolved once so that checking each of thousands of
/// walked files is one string lookup. Walked paths start with `content/` as given; changed
/// paths may be spelled relative, absolute or through symlinks, so each is placed by
/// [`SitePlace`] and kept as its path relative to `content/`, the form the walk gives
/// every file. (Joining and hashing a `PathBuf` for each of 10k walked files
/// took about 20 ms of a serve rebuild.)
struct ChangedPaths {
    relative: HashSet<String>,
}

impl ChangedPaths {
    /// `changed` placed by `place` (`None` when nothing changed).
    fn new(changed: &[PathBuf], place: Option<&SitePlace>) -> ChangedPaths {
        let relative = match place {
            Some(place) => changed
                .iter()
                .filter_map(|path| place.place(path).ok().flatten())
                .collect(),
            None => HashSet::new(),
        };
        ChangedPaths { relative }
    }

    /// Whether the walked file at `relative` (to `content/`) is one of the changed paths.
    fn contains(&self, relative: &str) -> bool {
        !self.relative.is_empty() && self.relative.contains(relative)
    }
}

fn file_stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(FileStamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

/// What a walk of `content/` found.
struct Walk {
    /// Markdown files: path, and path relative to `content/`.
    markdown: Vec<(PathBuf, String)>,
    assets: Vec<ContentAsset>,
    errors: Vec<Diagnostic>,
    /// Whether a Markdown file or an asset was reached through a symbolic link.
    saw_link: bool,
}

/// Markdown files and assets under `content/`, skipping `raw/` and hidden entries.
fn walk_content(content: &Path) -> Walk {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    let mut saw_link = false;
    let walker = WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let hidden = entry.depth() > 0 && name.starts_with('.');
            // Raw text is the clean stage's (which checks where its links lead).
            let raw = entry.depth() == 1 && name == RAW_DIR;
            !hidden && !raw
        });
    let site_root = content.parent().unwrap_or(content);
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(content).to_path_buf();
                errors.push(Diagnostic::error(
                    &path,
                    Position::default(),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let wanted = extension == "md" || ASSET_EXTENSIONS.contains(&extension.as_str());
        let is_file = if !wanted {
            false
        } else if entry.path_is_symlink() {
            saw_link = true;
            match linked_file_in_site(path, site_root) {
                Ok(is_file) => is_file,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            }
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        let Some(relative) = relative_slash_path(content, path) else {
            continue;
        };
        if extension == "md" {
            markdown.push((path.to_path_buf(), relative));
        } else if ASSET_EXTENSIONS.contains(&extension.as_str()) {
            assets.push(ContentAsset {
                source: path.to_path_buf(),
                relative,
            });
        }
    }
    Walk {
        markdown,
        assets,
        errors,
        saw_link,
    }
}

/// Whether the symbolic link at `path`, found in a folder of the site at `site_root`,
/// leads to a file (to be read like one) or to something else (a folder, skipped). A
/// link whose real path is outside the site is an error naming it, so that a link to
/// `/etc/passwd` in `content/` or `static/` is never published; so is one that leads
/// nowhere.
pub fn linked_file_in_site(path: &Path, site_root: &Path) -> Result<bool, Diagnostic> {
    let error = |message: String| Diagnostic::error(path, Position::default(), message);
    let real = path
        .canonicalize()
        .map_err(|e| error(format!("the link leads nowhere: {e}")))?;
    let site = site_root
        .canonicalize()
        .map_err(|e| error(format!("cannot resolve the site folder: {e}")))?;
    if !real.starts_with(&site) {
        return Err(error(format!(
            "refused: its real path {} is outside the site, so it is not published",
            real.display()
        ))
        .with_help("copy the file into the site instead of linking to it"));
    }
    Ok(real.is_file())
}

/// `path` relative to `base`, joined with `/`; `None` for non-UTF-8 names.
pub fn relative_slash_path(base: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// Reads, parses and renders one Markdown file, its HTML parked in `bodies` if given.
fn load_doc(
    path: &Path,
    relative: String,
    base_path: &str,
    bodies: Option<&Arc<BodyStore>>,
) -> LoadResult {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(path, Position::default(), format!("cannot read: {e}")))?;
    let (mut doc, warnings) = parse_source_doc(path, relative, bytes, base_path)?;
    if let (Some(store), BodyHtml::Held(html)) = (bodies, &mut doc.html) {
        doc.html = store.park(std::mem::take(html));
    }
    Ok((Arc::new(doc), warnings))
}

/// Parses and renders the bytes of one Markdown file exactly as the build does: UTF-8
/// check, control characters taken out, front matter split and deserialised (its text
/// given smart punctuation, see [`crate::site::typography`]), title
/// required (but for a folder's `_index.md`), body rendered to HTML. `path` is used in
/// messages, `relative` (to `content/`, `/`-separated) says what the file is. The fuzz
/// target `render` calls this on arbitrary bytes.
pub fn parse_doc(path: &Path, relative: String, bytes: Vec<u8>) -> LoadResult {
    parse_doc_under(path, relative, bytes, "")
}

/// [`parse_doc`] for a site served under `base_path` (`/paper`; empty at the root): the
/// body's links from the site's root are put under it ([`markdown::render_under`]).
pub fn parse_doc_under(
    path: &Path,
    relative: String,
    bytes: Vec<u8>,
    base_path: &str,
) -> LoadResult {
    parse_source_doc(path, relative, bytes, base_path).map(|(doc, w)| (Arc::new(doc), w))
}

/// [`parse_doc_under`], the document not yet shared.
fn parse_source_doc(
    path: &Path,
    relative: String,
    bytes: Vec<u8>,
    base_path: &str,
) -> Result<(SourceDoc, Vec<Diagnostic>), Diagnostic> {
    let revision = revision_of(&bytes);
    let original = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, column) = crate::article::line_col(&text, offset);
        Diagnostic::error(
            path,
            Position::new(line + 1, column + 1),
            "not valid UTF-8: article Markdown must be UTF-8 (the clean stage writes it so)",
        )
    })?;
    let raw_controls = strip_controls(&original);
    let text = match &raw_controls {
        Some((kept, _, _)) => kept.as_str(),
        None => original.as_str(),
    };
    let doc = split_front_matter(text, path)?;
    let mut front = parse_front_matter(&doc, path)?;
    let escaped_controls = strip_front_controls(&mut front);
    crate::site::typography::smarten_front_matter(&mut front);
    if !is_section_file(&relative) && front.title.trim().is_empty() {
        return Err(missing_title(path, &doc));
    }
    if let Some(tag) = front.language.as_deref() {
        if !crate::site::page_language::is_language_tag(tag.trim()) {
            return Err(Diagnostic::error(
                path,
                Position::new(front_key_line(&doc, "language"), 1),
                format!("`{tag}` is not a language tag"),
            )
            .with_help("write it like language = \"ur\" or language = \"fr-CA\""));
        }
    }
    let (body_text, first_line) = match doc.body.strip_prefix('\n') {
        Some(rest) => (rest, doc.body_line + 1),
        None => (doc.body, doc.body_line),
    };
    let (body, mut warnings) = markdown::render_under(
        BodySource {
            path,
            text: body_text,
            first_line,
        },
        base_path,
    )?;
    let removed = raw_controls.as_ref().map_or(0, |(_, n, _)| *n) + escaped_controls;
    if removed > 0 {
        let position = match raw_controls {
            Some((_, _, first)) => Position::of_byte_offset(&original, first),
            None => Position::new(doc.front_line, 1),
        };
        warnings.insert(0, controls_removed(path, position, removed));
    }
    let (html, body) = body.into_parts();
    Ok((
        SourceDoc {
            path: path.to_path_buf(),
            relative,
            front,
            body,
            html: BodyHtml::Held(html),
            revision,
        },
        warnings,
    ))
}

/// The file line of front-matter key `key` (TOML `key =` or YAML `key:`), else line 1.
fn front_key_line(doc: &SplitDocument<'_>, key: &str) -> usize {
    doc.front
        .lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some('=' | ':')))
        })
        .map_or(1, |i| doc.front_line + i)
}

/// True for the path (relative to `content/`) of a folder's `_index.md`.
fn is_section_file(relative: &str) -> bool {
    relative == SECTION_FILE || relative.ends_with("/_index.md")
}

/// An article or page whose title is missing, empty or blank: it would be published
/// with no headline, no `<title>` and a blank entry in the feed and on the home page.
fn missing_title(path: &Path, doc: &SplitDocument<'_>) -> Diagnostic {
    let title_line = front_key_line(doc, "title");
    Diagnostic::error(
        path,
        Position::new(title_line, 1),
        "the article has no title: `title` is missing or empty",
    )
    .with_help("add a title to the front matter, e.g. `title = \"Council meets\"`")
}

/// Control characters were taken out of a document (see [`super::controls`]).
fn controls_removed(path: &Path, position: Position, count: usize) -> Diagnostic {
    Diagnostic::warning(
        path,
        position,
        format!("{count} control character(s) (such as NUL) removed: a page cannot hold them"),
    )
    .with_help("delete them from the file to silence this warning")
}

/// A 64-bit content hash (XXH3): what the build record keeps of each file it read or
/// wrote, to tell a changed file from an unchanged one. [`RevisionHasher`] gives the same
/// value for the same bytes fed in pieces.
pub fn revision_of(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// [`revision_of`] of bytes fed a piece at a time.
#[derive(Default)]
pub struct RevisionHasher(xxhash_rust::xxh3::Xxh3Default);

impl RevisionHasher {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn revision(&self) -> u64 {
        self.0.digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn loads_markdown_skips_raw_and_hidden_and_reports_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(
            root,
            "content/articles/a.md",
            "+++\ntitle = \"A\"\n+++\nHello *you*.\n",
        );
        write(
            root,
            "content/articles/b.md",
            "---\ntitle: B\n---\nYAML body\n",
        );
        write(root, "content/articles/bad.md", "+++\ntitel = \"x\"\n+++\n");
        write(root, "content/raw/r.md", "not front matter\n");
        write(root, "content/.hidden.md", "nope\n");
        write(root, "content/articles/photo.jpg", "jpg");
        let loaded = ContentCache::default().load(root, "", &[], &Silent);
        let names: Vec<&str> = loaded.docs.iter().map(|d| d.relative.as_str()).collect();
        assert_eq!(names, ["_index.md", "articles/a.md", "articles/b.md"]);
        assert!(loaded.docs[0].is_section());
        assert_eq!(loaded.docs[1].folder(), "articles");
        assert_eq!(loaded.docs[1].stem(), "a");
        assert!(loaded.docs[1].html.is_parked());
        assert_eq!(
            loaded.docs[1].html().unwrap(),
            "<p>Hello <em>you</em>.</p>\n"
        );
        assert_eq!(loaded.errors.len(), 1);
        assert_eq!(loaded.errors[0].position, Position::new(2, 1));
        assert_eq!(
            loaded.errors[0].help.as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(loaded.assets[0].relative, "articles/photo.jpg");
    }

    #[test]
    fn markdown_errors_carry_the_file_line() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "content/a.md",
            "+++\ntitle = \"A\"\n+++\n\nIntro.\n\n::: pullquote\nQuote\n",
        );
        let loaded = ContentCache::default().load(dir.path(), "", &[], &Silent);
        assert_eq!(loaded.errors[0].position, Position::new(7, 1));
    }

    #[test]
    fn a_one_shot_cache_keeps_no_document_for_a_next_load() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "content/a.md", "+++\ntitle = \"A\"\n+++\nOne\n");
        let mut cache = ContentCache::one_shot();
        let first = cache.load(dir.path(), "", &[], &Silent);
        assert!(cache.docs.is_empty());
        let second = cache.load(dir.path(), "", &[], &Silent);
        assert!(!Arc::ptr_eq(&first.docs[0], &second.docs[0]));
    }

    #[test]
    fn what_a_build_keeps_per_article_stays_small() {
        // Held for every article until the build ends (the HTML is parked): a field that
        // puts the body, or another copy of a text, back in them shows up here.
        // 64: the lead text, the summary, the word count and the body's images (a boxed
        // slice, empty and unallocated for most articles).
        assert!(std::mem::size_of::<BodyFacts>() <= 64);
        assert!(std::mem::size_of::<BodyHtml>() <= 32);
    }

    #[test]
    fn unchanged_files_come_from_the_cache_and_changed_ones_are_reread() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/a.md", "+++\ntitle = \"A\"\n+++\nOne\n");
        let mut cache = ContentCache::default();
        let first = cache.load(root, "", &[], &Silent);
        let second = cache.load(root, "", &[], &Silent);
        assert!(Arc::ptr_eq(&first.docs[0], &second.docs[0]));
        write(root, "content/a.md", "+++\ntitle = \"A\"\n+++\nTwo words\n");
        let third = cache.load(root, "", &[root.join("content/a.md")], &Silent);
        assert_eq!(third.docs[0].html().unwrap(), "<p>Two words</p>\n");
        assert_ne!(third.docs[0].revision, first.docs[0].revision);
    }

    /// A trusting cache after its first load, and the site's root.
    fn trusting_site() -> (tempfile::TempDir, ContentCache) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/a.md", "+++\ntitle = \"A\"\n+++\nOne\n");
        write(root, "content/news/b.md", "+++\ntitle = \"B\"\n+++\nOne\n");
        write(
            root,
            "content/news/gone.md",
            "+++\ntitle = \"Gone\"\n+++\nOne\n",
        );
        let mut cache = ContentCache::trusting_changed_paths();
        cache.load(root, "", &[], &Silent);
        (dir, cache)
    }

    fn titles(loaded: &LoadedContent) -> Vec<(String, String)> {
        let titles = loaded.docs.iter();
        titles
            .map(|d| (d.relative.clone(), d.front.title.clone()))
            .collect()
    }

    #[test]
    fn a_trusting_cache_reads_only_the_listed_files() {
        let (dir, mut cache) = trusting_site();
        let root = dir.path();
        // Changed but not listed: a walk would see it (its length changed), a trusting
        // load does not look.
        write(
            root,
            "content/a.md",
            "+++\ntitle = \"A, unlisted\"\n+++\nOne two\n",
        );
        write(root, "content/news/b.md", "+++\ntitle = \"B2\"\n+++\nOne\n");
        write(root, "content/news/c.md", "+++\ntitle = \"C\"\n+++\nNew\n");
        std::fs::remove_file(root.join("content/news/gone.md")).unwrap();
        let listed = [
            "content/news/b.md",
            "content/news/c.md",
            "content/news/gone.md",
        ];
        let listed: Vec<PathBuf> = listed.iter().map(|p| root.join(p)).collect();
        let loaded = cache.load(root, "", &listed, &Silent);
        let expected = [("a.md", "A"), ("news/b.md", "B2"), ("news/c.md", "C")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(r, t)| (r.to_string(), t.to_string()))
            .collect();
        assert_eq!(titles(&loaded), expected);
        // Theme files, raw text and hidden files ask for nothing, not for a walk.
        let nothing = [
            "site.toml",
            "templates/article.html",
            "content/raw/x.txt",
            "content/.x.md",
        ];
        let nothing: Vec<PathBuf> = nothing.iter().map(|p| root.join(p)).collect();
        assert_eq!(titles(&cache.load(root, "", &nothing, &Silent)), expected);
    }

    #[test]
    fn a_trusting_cache_walks_when_the_list_cannot_say_enough() {
        for listed in ["content/news", "content", "", "content/news/photo.jpg"] {
            let (dir, mut cache) = trusting_site();
            let root = dir.path();
            write(root, "content/a.md", "+++\ntitle = \"A2\"\n+++\nOne two\n");
            write(root, "content/news/photo.jpg", "jpg");
            let loaded = cache.load(root, "", &[root.join(listed)], &Silent);
            assert_eq!(loaded.docs[0].front.title, "A2", "{listed:?} listed");
            assert_eq!(loaded.assets.len(), 1, "{listed:?} listed");
        }
        // An empty list means anything may have changed.
        let (dir, mut cache) = trusting_site();
        write(
            dir.path(),
            "content/a.md",
            "+++\ntitle = \"A2\"\n+++\nOne two\n",
        );
        assert_eq!(
            cache.load(dir.path(), "", &[], &Silent).docs[0].front.title,
            "A2"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_trusting_cache_walks_every_time_once_a_link_was_seen() {
        // An edit of a linked file shows up at the file's own path, not at the link's.
        let (dir, mut cache) = trusting_site();
        let root = dir.path();
        write(root, "shared/linked.md", "+++\ntitle = \"L\"\n+++\nOne\n");
        std::os::unix::fs::symlink(root.join("shared/linked.md"), root.join("content/l.md"))
            .unwrap();
        cache.load(root, "", &[root.join("content/l.md")], &Silent);
        write(
            root,
            "shared/linked.md",
            "+++\ntitle = \"L2\"\n+++\nOne two\n",
        );
        let loaded = cache.load(root, "", &[root.join("shared/linked.md")], &Silent);
        let linked = loaded.docs.iter().find(|d| d.relative == "l.md").unwrap();
        assert_eq!(linked.front.title, "L2");
    }

    #[test]
    fn the_raw_files_a_trusting_build_cleans_are_the_ones_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/raw/a.txt", "A");
        write(root, "content/articles/a.md", "+++\ntitle = \"A\"\n+++\n");
        let listed = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
            raw_files_listed(root, &paths).map(|names| {
                let mut names: Vec<String> = names
                    .into_iter()
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                names.sort();
                names
            })
        };
        let a = Some(vec!["a.txt".to_string()]);
        assert_eq!(listed(&["content/raw/a.txt", "content/articles/a.md"]), a);
        assert_eq!(
            listed(&["content/raw/gone.txt"]),
            Some(vec!["gone.txt".into()])
        );
        assert_eq!(listed(&["site.toml", "templates/x.html"]), Some(vec![]));
        // Anything may have changed, or an article whose raw text would bring it back is
        // gone: every raw file is looked at.
        for everything in ["", "content", "content/raw", "content/articles/gone.md"] {
            assert_eq!(listed(&[everything]), None, "{everything:?}");
        }
    }
}
