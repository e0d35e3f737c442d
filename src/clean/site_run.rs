//! Cleaning into a site without losing anything: where an article goes, the manifest that
//! remembers what copydesk wrote, and atomic writes.
//!
//! Each folder copydesk writes articles into holds `.copydesk-manifest.json`: for every
//! file it wrote, the BLAKE3 hash of the raw text it came from and of the Markdown it
//! wrote. Before writing, [`write_article`] compares:
//!
//! * no file yet → write it;
//! * the file is exactly what copydesk wrote → rewrite it if the new Markdown differs
//!   (the raw text changed), else leave it;
//! * the file differs from what copydesk wrote → it was edited by hand: it is *adopted*,
//!   recorded as its editor's (the edited text's hash, `adopted`), said once, and left
//!   alone from then on, with one more word only if its raw text changes; or copydesk
//!   never wrote it → it is someone else's: keep it. `force` overwrites either, first
//!   copying it to `NAME.md.bak`. The caller warns (a site's articles) or fails (`clean
//!   -o FILE`).
//!
//! Every write goes to a temporary file in the same folder and is renamed into place, so
//! a crash never leaves half an article. [`clean_stale_articles`] is what `build` calls.
//!
//! Two checks come before any cleaning, so that neither can publish what it should not:
//!
//! * [`refuse_outside`]: a raw file whose real path (after symlinks) is outside the
//!   site is refused, so a link to `/etc/passwd` never becomes an article;
//! * [`refuse_shared_slugs`]: raw files that would write the same article
//!   (`Museum Roof.txt`, `museum-roof.txt`) are refused together, naming them all,
//!   rather than one silently overwriting the other.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;

use super::site_words::add_site_article_words;
use super::slug::slug_for;
use super::words::load_site_words;
use super::words::WordContext;
use super::{clean_text, CleanedArticle};

/// The manifest's file name, in the folder of the articles it describes.
pub const MANIFEST_NAME: &str = ".copydesk-manifest.json";

/// What copydesk wrote into one folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// File name (e.g. `impasse.md`) → what was written.
    pub articles: BTreeMap<String, ManifestEntry>,
}

/// One article copydesk wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The raw file it came from, as given.
    pub raw: String,
    /// BLAKE3 of the raw bytes.
    pub raw_hash: String,
    /// BLAKE3 of the Markdown written.
    pub output_hash: String,
    /// Edited by hand and adopted: the article is its editor's, `output_hash` is the
    /// edited text's, and copydesk leaves it as it is until `--force`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub adopted: bool,
}

impl Manifest {
    /// Reads the manifest of `folder`; a missing or unreadable one is empty (so every
    /// existing article counts as hand-written: the safe side).
    pub fn load(folder: &Path) -> Manifest {
        std::fs::read_to_string(folder.join(MANIFEST_NAME))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest of `folder` atomically.
    pub fn save(&self, folder: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).expect("a manifest always serialises");
        write_atomically(&folder.join(MANIFEST_NAME), json.as_bytes())
    }
}

/// BLAKE3 of `bytes` as hex.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// What [`write_article`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A new file.
    Created,
    /// Copydesk's earlier output replaced (the raw text or copydesk changed).
    Updated,
    /// Already exactly this Markdown.
    Unchanged,
    /// Edited by hand since copydesk wrote it: adopted as its editor's (said once) and
    /// left alone from now on.
    Adopted,
    /// Adopted earlier and left alone; `raw_changed` when its raw text changed since
    /// (said once, then the new raw text is recorded).
    KeptAdopted { raw_changed: bool },
    /// A file copydesk never wrote (not in the manifest): left alone.
    KeptNotOurs,
    /// Edited by hand, overwritten because of `force`; the old file is at `backup`.
    Overwritten { backup: PathBuf },
}

/// Writes `markdown` (cleaned from `raw`, read from `raw_path`) to `target`, respecting
/// hand edits as described in the module docs, and saves the folder's manifest. For one
/// article; a run over many uses one [`ManifestBook`], which loads and saves it once.
pub fn write_article(
    target: &Path,
    markdown: &str,
    raw_path: &Path,
    raw: &[u8],
    force: bool,
) -> Result<WriteOutcome, Diagnostic> {
    let book = ManifestBook::new();
    let outcome = book.write_article(target, markdown, raw_path, raw, force)?;
    book.save()?;
    Ok(outcome)
}

/// How often a long run saves its manifests while it goes (see [`ManifestBook::checkpoint`]).
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// The manifests of one run: each folder's is read once, when the run first writes there,
/// kept in memory while articles are written (from any thread), and saved once at the end
/// ([`ManifestBook::save`]) and at checkpoints along the way. Saving after every article
/// rewrote the whole JSON file each time: quadratic in the number of articles.
///
/// A run killed between checkpoints leaves articles the saved manifest does not know yet.
/// None of them is lost or mistaken for a hand edit: an article whose bytes are exactly
/// what copydesk writes for its raw text now counts as copydesk's (it is recorded, not
/// rewritten); one that differs (its raw text changed again, or someone edited it since)
/// is kept as not copydesk's, the safe side, and at most one checkpoint's worth of
/// articles can be in that state.
#[derive(Debug)]
pub struct ManifestBook {
    inner: Mutex<BookInner>,
    every: Duration,
    saves: AtomicUsize,
}

#[derive(Debug)]
struct BookInner {
    folders: BTreeMap<PathBuf, FolderManifest>,
    /// Folders made (or found) already: one `mkdir` per folder, not per article.
    created: BTreeMap<PathBuf, FolderSeen>,
    last_save: Instant,
}

impl BookInner {
    /// The manifest of `folder`, read from disk the first time it is asked for.
    fn folder(&mut self, folder: &Path) -> &mut FolderManifest {
        self.folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| FolderManifest {
                manifest: Manifest::load(folder),
                dirty: false,
            })
    }
}

/// What a run learnt of a folder when it first wrote there.
#[derive(Debug)]
struct FolderSeen {
    /// The names the folder held then (`None` when it could not be listed). A name not
    /// listed is written without probing for it first, and never over a file that
    /// appeared since (see [`ManifestBook::write_article`]).
    names: Option<std::collections::HashSet<std::ffi::OsString>>,
    /// The folder as an absolute path, for the temporary files written there: made
    /// from a relative one they would ask for the working folder (`getcwd`) each time.
    absolute: Option<PathBuf>,
}

#[derive(Debug, Default)]
struct FolderManifest {
    manifest: Manifest,
    dirty: bool,
}

impl Default for ManifestBook {
    fn default() -> Self {
        ManifestBook::new()
    }
}

impl ManifestBook {
    /// A book that checkpoints every [`CHECKPOINT_EVERY`].
    pub fn new() -> ManifestBook {
        ManifestBook::with_checkpoints_every(CHECKPOINT_EVERY)
    }

    /// A book whose [`Self::checkpoint`] saves when `every` has passed since the last save.
    pub fn with_checkpoints_every(every: Duration) -> ManifestBook {
        ManifestBook {
            inner: Mutex::new(BookInner {
                folders: BTreeMap::new(),
                created: Default::default(),
                last_save: Instant::now(),
            }),
            every,
            saves: AtomicUsize::new(0),
        }
    }

    /// How many times a manifest file was written.
    pub fn saves(&self) -> usize {
        self.saves.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BookInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What the manifest of `folder` records for the file `name`.
    pub fn entry(&self, folder: &Path, name: &str) -> Option<ManifestEntry> {
        let mut inner = self.lock();
        let folder = inner.folder(folder);
        folder.manifest.articles.get(name).cloned()
    }

    fn record(&self, folder: &Path, name: String, entry: ManifestEntry) {
        let mut inner = self.lock();
        let folder = inner.folder(folder);
        if folder.manifest.articles.get(&name) != Some(&entry) {
            folder.manifest.articles.insert(name, entry);
            folder.dirty = true;
        }
    }

    /// Saves every manifest that changed since it was last saved (atomically).
    pub fn save(&self) -> Result<(), Diagnostic> {
        let mut inner = self.lock();
        inner.last_save = Instant::now();
        for (path, folder) in inner.folders.iter_mut().filter(|(_, f)| f.dirty) {
            let error = |e: std::io::Error| {
                Diagnostic::error(
                    &path.join(MANIFEST_NAME),
                    Position::default(),
                    format!("cannot update the manifest: {e}"),
                )
            };
            // The articles it records reach the disk before the manifest does, so a
            // crash never leaves a manifest vouching for an article the disk lost.
            sync_file_system(path).map_err(error)?;
            folder.manifest.save(path).map_err(error)?;
            folder.dirty = false;
            self.saves.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Saves when the checkpoint interval has passed since the last save, so a run that
    /// is killed loses the record of at most that much work.
    pub fn checkpoint(&self) -> Result<(), Diagnostic> {
        if self.lock().last_save.elapsed() >= self.every {
            self.save()
        } else {
            Ok(())
        }
    }

    /// [`write_article`] against this book's manifests, which it updates in memory; they
    /// reach the disk at [`Self::save`] or [`Self::checkpoint`]. Safe to call from many
    /// threads for different targets.
    pub fn write_article(
        &self,
        target: &Path,
        markdown: &str,
        raw_path: &Path,
        raw: &[u8],
        force: bool,
    ) -> Result<WriteOutcome, Diagnostic> {
        let (folder, name) = manifest_key(target);
        let io_error = |e: std::io::Error, what: &str| {
            Diagnostic::error(target, Position::default(), format!("cannot {what}: {e}"))
        };
        if !self.lock().created.contains_key(folder) {
            std::fs::create_dir_all(folder).map_err(|e| io_error(e, "create its folder"))?;
            let seen = FolderSeen {
                names: names_in(folder),
                absolute: std::path::absolute(folder).ok(),
            };
            self.lock().created.insert(folder.to_path_buf(), seen);
        }
        let new_hash = hash(markdown.as_bytes());
        // No such file when the run first came to this folder: written without probing
        // for it (an `openat` per article), but only if no file of that name appeared
        // since; one that did is looked at below like any existing article.
        let new_at = target.file_name().and_then(|file| {
            let inner = self.lock();
            let seen = &inner.created[folder];
            let listed = seen.names.as_ref()?.contains(file);
            (!listed).then(|| {
                seen.absolute
                    .as_ref()
                    .map_or_else(|| target.to_path_buf(), |f| f.join(file))
            })
        });
        if let Some(new_at) = new_at {
            let written = crate::atomic::write_new(&new_at, markdown.as_bytes(), !SYNC_AT_SAVE)
                .map_err(|e| io_error(e, "write"))?;
            if written {
                self.record(
                    folder,
                    name,
                    ManifestEntry {
                        raw: raw_path.display().to_string(),
                        raw_hash: hash(raw),
                        output_hash: new_hash,
                        adopted: false,
                    },
                );
                return Ok(WriteOutcome::Created);
            }
        }
        let outcome = match std::fs::read(target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => WriteOutcome::Created,
            Err(e) => return Err(io_error(e, "read the existing article")),
            Ok(existing) => {
                let current = hash(&existing);
                let recorded = self.entry(folder, &name);
                let adopted = recorded.as_ref().is_some_and(|entry| entry.adopted);
                let ours = recorded
                    .as_ref()
                    .is_some_and(|entry| entry.output_hash == current && !entry.adopted);
                if current == new_hash && !adopted {
                    // Exactly what copydesk writes now: copydesk's own, recorded or not
                    // (a run killed before its manifest was saved left it).
                    WriteOutcome::Unchanged
                } else if ours {
                    WriteOutcome::Updated
                } else if force {
                    let backup = backup_path(target);
                    std::fs::copy(target, &backup)
                        .map_err(|e| io_error(e, "back up the article"))?;
                    WriteOutcome::Overwritten { backup }
                } else if let Some(entry) = recorded {
                    // Edited by hand: the editor's now. Recorded as adopted, with the
                    // edited text's hash and the raw text it stands for.
                    let raw_hash = hash(raw);
                    let outcome = if !adopted {
                        WriteOutcome::Adopted
                    } else {
                        WriteOutcome::KeptAdopted {
                            raw_changed: entry.raw_hash != raw_hash,
                        }
                    };
                    self.record(
                        folder,
                        name,
                        ManifestEntry {
                            raw: raw_path.display().to_string(),
                            raw_hash,
                            output_hash: current,
                            adopted: true,
                        },
                    );
                    return Ok(outcome);
                } else {
                    return Ok(WriteOutcome::KeptNotOurs);
                }
            }
        };
        if outcome != WriteOutcome::Unchanged {
            // On Linux the article is not synced on its own: `save` syncs the folder's
            // file system once before the manifest records it (an fsync per article was
            // most of a folder clean's time, in the kernel).
            crate::atomic::write_replacing(target, markdown.as_bytes(), !SYNC_AT_SAVE)
                .map_err(|e| io_error(e, "write"))?;
        }
        self.record(
            folder,
            name,
            ManifestEntry {
                raw: raw_path.display().to_string(),
                raw_hash: hash(raw),
                output_hash: new_hash,
                adopted: false,
            },
        );
        Ok(outcome)
    }
}

/// The names in `folder`, or `None` when it cannot be read.
fn names_in(folder: &Path) -> Option<std::collections::HashSet<std::ffi::OsString>> {
    let folder = Some(folder)
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::read_dir(folder)
        .ok()?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()
        .ok()
}

/// Whether articles are synced together, once per [`ManifestBook::save`], rather than
/// one by one as they are written.
const SYNC_AT_SAVE: bool = cfg!(target_os = "linux");

/// Flushes the file system holding `folder` to disk (Linux: `syncfs`, one call for every
/// article written since the last).
#[cfg(target_os = "linux")]
fn sync_file_system(folder: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // `-o draft.md` names a file whose folder is the empty path: the current one.
    let folder = Some(folder)
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let handle = std::fs::File::open(folder)?;
    // SAFETY: syncfs takes an open descriptor, which `handle` holds for the call.
    if unsafe { libc::syncfs(handle.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere every article was synced as it was written.
#[cfg(not(target_os = "linux"))]
fn sync_file_system(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

/// How many files a run cleans in parallel before it hands their results on, in order,
/// and may checkpoint its manifests.
pub const CHUNK: usize = 128;

/// Runs `work` on every item in parallel, [`CHUNK`] at a time, and hands each result to
/// `deliver` in the items' order (so messages come out the same on every run), calling
/// `book.checkpoint()` after each chunk. The first checkpoint error stops the run.
pub fn in_ordered_chunks<T: Sync, R: Send>(
    items: &[T],
    book: &ManifestBook,
    work: impl Fn(&T) -> R + Sync,
    mut deliver: impl FnMut(&T, R),
) -> Result<(), Diagnostic> {
    use rayon::prelude::*;
    for chunk in items.chunks(CHUNK) {
        let results: Vec<R> = chunk.par_iter().map(&work).collect();
        for (item, result) in chunk.iter().zip(results) {
            deliver(item, result);
        }
        book.checkpoint()?;
    }
    Ok(())
}

impl WriteOutcome {
    /// Why the file was kept rather than written; `None` when it was written (or
    /// already right).
    pub fn kept_reason(&self) -> Option<&'static str> {
        match self {
            WriteOutcome::Adopted => Some("edited by hand since copydesk wrote it"),
            WriteOutcome::KeptAdopted { raw_changed: true } => {
                Some("its raw text changed, but the article was edited by hand and adopted")
            }
            WriteOutcome::KeptAdopted { raw_changed: false } => {
                Some("edited by hand and adopted earlier")
            }
            WriteOutcome::KeptNotOurs => Some("not written by copydesk"),
            _ => None,
        }
    }

    /// Whether the reason to keep the file is worth saying on a site run: not for an
    /// adopted article whose raw text is unchanged (said when it was adopted).
    pub fn worth_saying(&self) -> bool {
        !matches!(self, WriteOutcome::KeptAdopted { raw_changed: false })
    }
}

/// `NAME.md.bak`, or `NAME.md.bak.2`, … when that exists already.
fn backup_path(target: &Path) -> PathBuf {
    let base = format!("{}.bak", target.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    candidate
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
/// The file gets the mode of an ordinary write (0666 less the umask), not 0600.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::atomic::write_replacing(path, bytes, true)
}

/// Where the article cleaned from `raw_path` goes in the site at `site_root`.
pub fn article_path(site_root: &Path, raw_path: &Path) -> PathBuf {
    site_root
        .join("content")
        .join("articles")
        .join(format!("{}.md", slug_for(raw_path)))
}

/// The raw text files directly in `folder` (`*.txt`, `*.text`, `*.md` is not raw), sorted.
pub fn raw_files_in(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    Ok(raw_entries_in(folder)?
        .into_iter()
        .map(|f| f.path)
        .collect())
}

/// A raw file found in a folder by [`raw_entries_in`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    /// The folder joined with the file's name.
    pub path: PathBuf,
    /// Whether the folder lists it as a symbolic link (to a file).
    pub link: bool,
}

/// [`raw_files_in`], saying which are symbolic links. The folder's listing tells each
/// entry's type, so only a link costs a `stat` (to see that it leads to a file).
pub fn raw_entries_in(folder: &Path) -> Result<Vec<RawEntry>, Diagnostic> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Diagnostic::error(
            folder,
            Position::default(),
            format!("cannot read the folder: {e}"),
        )
    })?;
    let mut files: Vec<RawEntry> = entries
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if !path.extension().is_some_and(|e| e == "txt" || e == "text") {
                return None;
            }
            let kind = entry.file_type().ok();
            let link = kind.is_some_and(|k| k.is_symlink());
            let file = match kind {
                Some(k) if !k.is_symlink() => k.is_file(),
                _ => path.is_file(),
            };
            file.then_some(RawEntry { path, link })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What [`read_raw`] reserves before reading a raw file (typical copy is 2-20 KB).
const RAW_BUFFER: usize = 32 * 1024;

/// The bytes of the raw file at `raw_path`, or an error naming it.
fn read_raw(raw_path: &Path) -> Result<Vec<u8>, Diagnostic> {
    // `std::fs::read` asks the file's size first (a `statx` per raw file); a raw
    // article fits a buffer of this size, and a longer one grows it as it is read.
    // (`File`'s own `read_to_end` asks too, with an `lseek` besides: the file is read
    // through a plain reader.)
    struct Plain(std::fs::File);
    impl std::io::Read for Plain {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }
    let read = || -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::with_capacity(RAW_BUFFER);
        Plain(std::fs::File::open(raw_path)?).read_to_end(&mut bytes)?;
        Ok(bytes)
    };
    read().map_err(|e| {
        Diagnostic::error(
            raw_path,
            Position::default(),
            format!("cannot read the file: {e}"),
        )
    })
}

/// Where the article at `target` is recorded: the folder whose manifest lists it, and
/// its file name there.
fn manifest_key(target: &Path) -> (&Path, String) {
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (folder, name)
}

/// Reads and cleans one raw file.
pub fn clean_file(
    raw_path: &Path,
    context: &WordContext,
) -> Result<(Vec<u8>, CleanedArticle), Diagnostic> {
    let raw = read_raw(raw_path)?;
    let cleaned = clean_text(&raw, raw_path, context)?;
    Ok((raw, cleaned))
}

/// What cleaning a site's stale raw articles did.
#[derive(Debug, Clone, Default)]
pub struct CleanSummary {
    /// Markdown files written (new, or updated because their raw text changed).
    pub written: Vec<PathBuf>,
    /// Articles left alone because they were edited by hand after copydesk wrote them
    /// (adopted), or copydesk never wrote them.
    pub kept_hand_edited: Vec<PathBuf>,
    /// Warnings (undecodable bytes read as Windows-1252, unrepaired defects…).
    pub warnings: Vec<Diagnostic>,
}

/// True when the article for `raw` at `target` is up to date: copydesk wrote it from
/// exactly these raw bytes and nobody has touched it since.
fn is_fresh(target: &Path, raw: &[u8], book: &ManifestBook) -> bool {
    let (folder, name) = manifest_key(target);
    let Some(entry) = book.entry(folder, &name) else {
        return false;
    };
    entry.raw_hash == hash(raw)
        && std::fs::read(target).is_ok_and(|current| hash(&current) == entry.output_hash)
}

/// Cleans every raw article in `site_root/content/raw/` whose Markdown is missing or
/// stale, respecting hand edits. Bad files are reported in `Err` with all others still
/// processed.
pub fn clean_stale_articles(
    site_root: &Path,
    progress: &dyn Progress,
) -> Result<CleanSummary, Vec<Diagnostic>> {
    clean_stale_articles_into(site_root, progress, &ManifestBook::new(), None)
}

/// [`clean_stale_articles`] looking only at the raw files of `content/raw/` named in
/// `names`, for a build told exactly which files changed (`serve`'s): the others' articles
/// are as fresh as the last build left them, and checking that reads two files each.
pub fn clean_named_stale_articles(
    site_root: &Path,
    progress: &dyn Progress,
    names: &HashSet<OsString>,
) -> Result<CleanSummary, Vec<Diagnostic>> {
    clean_stale_articles_into(site_root, progress, &ManifestBook::new(), Some(names))
}

/// [`clean_stale_articles`] recording into `book`, which it saves at the end; only the
/// raw files named in `names`, when given.
pub fn clean_stale_articles_into(
    site_root: &Path,
    progress: &dyn Progress,
    book: &ManifestBook,
    names: Option<&HashSet<OsString>>,
) -> Result<CleanSummary, Vec<Diagnostic>> {
    let raw_folder = site_root.join("content").join("raw");
    if !raw_folder.is_dir() || names.is_some_and(HashSet::is_empty) {
        return Ok(CleanSummary::default());
    }
    let listed = raw_entries_in(&raw_folder).map_err(|d| vec![d])?;
    // The articles' words are read from every article: only when an article is to be
    // written (at 10k articles, a serve rebuild took 0.6 s reading them every time).
    // The site's word lists are small, and read now so that a mistake in them is said.
    let site_words = load_site_words(site_root).map_err(|d| vec![d])?;
    let context = std::sync::OnceLock::new();
    let mut summary = CleanSummary::default();
    let (inside, mut errors) = refuse_outside_listed(&raw_folder, listed, site_root, "the site");
    let (mut files, shared) = refuse_shared_slugs(site_root, inside);
    errors.extend(shared);
    if let Some(names) = names {
        files.retain(|path| path.file_name().is_some_and(|name| names.contains(name)));
    }
    progress.start("clean", files.len() as u64);
    let clean_one = |raw_path: &PathBuf| {
        let target = article_path(site_root, raw_path);
        let result = read_raw(raw_path).and_then(|raw| {
            if is_fresh(&target, &raw, book) {
                return Ok(None);
            }
            let context = context.get_or_init(|| {
                let mut context = site_words.clone();
                add_site_article_words(site_root, &mut context);
                context
            });
            let cleaned = clean_text(&raw, raw_path, context)?;
            let markdown = cleaned.article.to_markdown();
            let outcome = book.write_article(&target, &markdown, raw_path, &raw, false)?;
            Ok(Some((cleaned, outcome)))
        });
        (target, result)
    };
    let ran = in_ordered_chunks(&files, book, clean_one, |_, (target, result)| {
        match result {
            Ok(None) => {}
            Ok(Some((cleaned, outcome))) => {
                summary.warnings.extend(cleaned.warnings);
                if let Some(warning) = kept_warning(&target, &outcome) {
                    if outcome.worth_saying() {
                        summary.warnings.push(warning);
                    }
                    summary.kept_hand_edited.push(target);
                } else if outcome != WriteOutcome::Unchanged {
                    summary.written.push(target);
                }
            }
            Err(d) => errors.push(d),
        }
        progress.advance(1);
    });
    if let Err(d) = ran.and_then(|()| book.save()) {
        errors.push(d);
    }
    progress.finish();
    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(errors)
    }
}

/// Where a raw file's article stands, as `copydesk clean --status` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleState {
    /// Written by copydesk from the raw text as it is now.
    Fresh,
    /// Written by copydesk from an earlier raw text: the next clean or build rewrites it.
    Stale,
    /// No article yet: the next clean or build writes it.
    New,
    /// Edited by hand: its editor's, left as it is (adopted, or to be at the next run).
    Adopted,
    /// Adopted, and its raw text has changed since.
    AdoptedStale,
    /// A file of that name copydesk never wrote: left as it is.
    NotOurs,
}

impl ArticleState {
    /// The word `--status` prints.
    pub fn label(self) -> &'static str {
        match self {
            ArticleState::Fresh => "fresh",
            ArticleState::Stale => "stale",
            ArticleState::New => "new",
            ArticleState::Adopted => "adopted",
            ArticleState::AdoptedStale => "adopted, raw text changed",
            ArticleState::NotOurs => "not copydesk's",
        }
    }
}

/// The state of the article of each raw file in `raw_paths` (`(raw, article, state)`),
/// read from the articles and their folders' manifests; nothing is written.
pub fn article_states(
    site_root: &Path,
    raw_paths: &[PathBuf],
) -> Result<Vec<(PathBuf, PathBuf, ArticleState)>, Diagnostic> {
    let mut manifests: BTreeMap<PathBuf, Manifest> = BTreeMap::new();
    let mut states = Vec::with_capacity(raw_paths.len());
    for raw_path in raw_paths {
        let raw = read_raw(raw_path)?;
        let target = article_path(site_root, raw_path);
        let (folder, name) = manifest_key(&target);
        let manifest = manifests
            .entry(folder.to_path_buf())
            .or_insert_with(|| Manifest::load(folder));
        let state = match (std::fs::read(&target).ok(), manifest.articles.get(&name)) {
            (None, _) => ArticleState::New,
            (Some(_), None) => ArticleState::NotOurs,
            (Some(current), Some(entry)) => {
                let raw_changed = entry.raw_hash != hash(&raw);
                let edited = hash(&current) != entry.output_hash;
                match (entry.adopted || edited, raw_changed) {
                    (true, true) if entry.adopted => ArticleState::AdoptedStale,
                    (true, _) => ArticleState::Adopted,
                    (false, true) => ArticleState::Stale,
                    (false, false) => ArticleState::Fresh,
                }
            }
        };
        states.push((raw_path.clone(), target, state));
    }
    Ok(states)
}

/// The warning for an article [`write_article`] kept (edited by hand, or not written by
/// copydesk); `None` when it wrote the article.
pub fn kept_warning(target: &Path, outcome: &WriteOutcome) -> Option<Diagnostic> {
    let reason = outcome.kept_reason()?;
    let what = match outcome {
        WriteOutcome::Adopted => ", so it is adopted as yours and left as it is from now on",
        _ => ": kept as it is",
    };
    Some(
        Diagnostic::warning(target, Position::default(), format!("{reason}{what}"))
            .with_help("run `copydesk clean --force` to overwrite it (a .bak copy is kept)"),
    )
}

/// Refuses the raw file `raw_path` when its real path (every symlink followed) is not
/// inside `boundary` (`what` names it in the message): a link in `content/raw/` to
/// `/etc/passwd` must not become a published article.
pub fn refuse_outside(raw_path: &Path, boundary: &Path, what: &str) -> Result<(), Diagnostic> {
    let error = |message: String| Diagnostic::error(raw_path, Position::default(), message);
    let real = raw_path
        .canonicalize()
        .map_err(|e| error(format!("cannot resolve the file's real path: {e}")))?;
    let boundary = boundary
        .canonicalize()
        .map_err(|e| error(format!("cannot resolve {}: {e}", boundary.display())))?;
    if real.starts_with(&boundary) {
        return Ok(());
    }
    Err(error(format!(
        "refused: its real path {} is outside {what}, so it is neither cleaned nor published",
        real.display()
    ))
    .with_help("copy the text into the site instead of linking to it"))
}

/// [`refuse_outside`] for every raw file [`raw_entries_in`] found in `folder`, in their
/// order: the folder and `boundary` are resolved once, and a file that is no symbolic
/// link is really at the folder's real path joined with its name, so only a link (or a
/// file found outside the boundary) is resolved on its own. Gives the files that may be
/// cleaned and one error per refused file, the same as [`refuse_outside`] gives.
pub fn refuse_outside_listed(
    folder: &Path,
    files: Vec<RawEntry>,
    boundary: &Path,
    what: &str,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let real = folder.canonicalize().ok().zip(boundary.canonicalize().ok());
    let mut inside = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        let listed_inside = match (&real, file.path.file_name()) {
            (Some((real_folder, real_boundary)), Some(name)) if !file.link => {
                real_folder.join(name).starts_with(real_boundary)
            }
            _ => false,
        };
        if listed_inside {
            inside.push(file.path);
            continue;
        }
        match refuse_outside(&file.path, boundary, what) {
            Ok(()) => inside.push(file.path),
            Err(d) => errors.push(d),
        }
    }
    (inside, errors)
}

/// Splits `raw_files` into those that may be cleaned into `site_root`'s articles and one
/// error per group of files that would all write the same article (same slug, as
/// `Museum Roof.txt` and `museum-roof.txt`): none of a group is cleaned, since which of
/// them the article should come from is the user's call.
pub fn refuse_shared_slugs(
    site_root: &Path,
    raw_files: Vec<PathBuf>,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut by_article: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for raw_path in &raw_files {
        by_article
            .entry(article_path(site_root, raw_path))
            .or_default()
            .push(raw_path.clone());
    }
    let mut errors = Vec::new();
    for (article, sharing) in by_article.iter().filter(|(_, files)| files.len() > 1) {
        let names: Vec<String> = sharing
            .iter()
            .map(|f| format!("`{}`", f.display()))
            .collect();
        let all = if sharing.len() == 2 { "both" } else { "all" };
        errors.push(
            Diagnostic::error(
                &sharing[0],
                Position::default(),
                format!(
                    "{} would {all} be written to {}: none of them was cleaned",
                    names.join(" and "),
                    article.display()
                ),
            )
            .with_help("rename all but one of them so each gets its own article"),
        );
    }
    let clear = raw_files
        .into_iter()
        .filter(|f| by_article[&article_path(site_root, f)].len() == 1)
        .collect();
    (clear, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    const RAW: &str = "A headline\n\nBy Ann Lee\n\nThe body of the article.\n";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/raw")).unwrap();
        std::fs::write(dir.path().join("content/raw/First One.txt"), RAW).unwrap();
        dir
    }

    #[test]
    fn stale_articles_are_written_once_and_then_left_alone() {
        let dir = site();
        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        let target = dir.path().join("content/articles/first-one.md");
        assert_eq!(summary.written, std::slice::from_ref(&target));
        let written = std::fs::read_to_string(&target).unwrap();
        assert!(written.contains("title = \"A headline\""), "{written}");
        let again = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert!(again.written.is_empty());
    }

    #[test]
    fn a_build_told_what_changed_cleans_only_the_raw_files_named() {
        let dir = site();
        let second = dir.path().join("content/raw/Second.txt");
        std::fs::write(&second, RAW.replace("headline", "second headline")).unwrap();
        let named: HashSet<OsString> = [OsString::from("Second.txt")].into();
        let summary = clean_named_stale_articles(dir.path(), &Silent, &named).unwrap();
        let articles = dir.path().join("content/articles");
        assert_eq!(summary.written, [articles.join("second.md")]);
        assert!(!articles.join("first-one.md").exists());
        let none = clean_named_stale_articles(dir.path(), &Silent, &HashSet::new()).unwrap();
        assert!(none.written.is_empty());
        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert_eq!(summary.written, [articles.join("first-one.md")]);
    }

    #[test]
    fn a_mistake_in_the_site_word_lists_is_said_when_nothing_is_stale() {
        let dir = site();
        clean_stale_articles(dir.path(), &Silent).unwrap();
        std::fs::write(dir.path().join("corrections.toml"), [0xff, 0xfe]).unwrap();
        let errors = clean_stale_articles(dir.path(), &Silent).unwrap_err();
        assert!(errors[0].message.contains("UTF-8"), "{errors:?}");
    }

    #[test]
    fn hand_edits_are_kept_and_raw_changes_update_untouched_articles() {
        let dir = site();
        clean_stale_articles(dir.path(), &Silent).unwrap();
        let target = dir.path().join("content/articles/first-one.md");
        let raw = dir.path().join("content/raw/First One.txt");
        std::fs::write(&raw, RAW.replace("body", "whole body")).unwrap();
        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert_eq!(summary.written, std::slice::from_ref(&target));
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .contains("whole body"));

        std::fs::write(&target, "+++\ntitle = \"Mine\"\n+++\n\nHand written.\n").unwrap();
        std::fs::write(&raw, RAW.replace("body", "third body")).unwrap();
        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert_eq!(summary.kept_hand_edited, std::slice::from_ref(&target));
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .contains("Hand written."));
    }

    #[test]
    fn a_hand_edited_article_is_adopted_once_and_then_left_in_peace() {
        let dir = site();
        clean_stale_articles(dir.path(), &Silent).unwrap();
        let target = dir.path().join("content/articles/first-one.md");
        let raw = dir.path().join("content/raw/First One.txt");
        std::fs::write(&target, "+++\ntitle = \"Mine\"\n+++\n\nHand written.\n").unwrap();
        // Said once, recorded as adopted.
        let first = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert_eq!(first.warnings.len(), 1, "{:?}", first.warnings);
        assert!(first.warnings[0].message.contains("adopted"));
        let entry = &manifest_of(dir.path()).articles["first-one.md"];
        assert!(entry.adopted);
        // Then silent, and still kept, even when edited again.
        let second = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert!(second.warnings.is_empty(), "{:?}", second.warnings);
        std::fs::write(
            &target,
            "+++\ntitle = \"Mine\"\n+++\n\nHand written, twice.\n",
        )
        .unwrap();
        let third = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert!(third.warnings.is_empty(), "{:?}", third.warnings);
        // A change of its raw text is said once; the article stays the editor's.
        std::fs::write(&raw, RAW.replace("body", "new body")).unwrap();
        let fourth = clean_stale_articles(dir.path(), &Silent).unwrap();
        assert_eq!(fourth.warnings.len(), 1, "{:?}", fourth.warnings);
        assert!(fourth.warnings[0].message.contains("raw text changed"));
        assert!(clean_stale_articles(dir.path(), &Silent)
            .unwrap()
            .warnings
            .is_empty());
        assert!(std::fs::read_to_string(&target).unwrap().contains("twice"));
        // --force still overwrites it, keeping a backup, and it is copydesk's again.
        let book = ManifestBook::new();
        let raw_bytes = std::fs::read(&raw).unwrap();
        let outcome = book
            .write_article(
                &target,
                "+++\ntitle = \"New\"\n+++\n",
                &raw,
                &raw_bytes,
                true,
            )
            .unwrap();
        assert!(matches!(outcome, WriteOutcome::Overwritten { .. }));
        book.save().unwrap();
        let entry = &manifest_of(dir.path()).articles["first-one.md"];
        assert!(!entry.adopted);
    }

    #[test]
    fn force_keeps_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        std::fs::write(&target, "mine").unwrap();
        let outcome = write_article(&target, "new\n", Path::new("a.txt"), b"raw", true).unwrap();
        let backup = dir.path().join("a.md.bak");
        assert_eq!(
            outcome,
            WriteOutcome::Overwritten {
                backup: backup.clone()
            }
        );
        assert_eq!(std::fs::read_to_string(backup).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
    }

    #[test]
    fn a_file_copydesk_never_wrote_is_kept_and_told_apart_from_a_hand_edit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        std::fs::write(&target, "mine").unwrap();
        let outcome = write_article(&target, "new\n", Path::new("a.txt"), b"raw", false).unwrap();
        assert_eq!(outcome, WriteOutcome::KeptNotOurs);
        assert_eq!(outcome.kept_reason(), Some("not written by copydesk"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        assert!(!dir.path().join(MANIFEST_NAME).exists());
    }

    #[test]
    fn raw_files_sharing_a_slug_are_all_held_back() {
        let dir = site();
        let raw = dir.path().join("content/raw");
        std::fs::write(raw.join("first-one.txt"), RAW).unwrap();
        std::fs::write(raw.join("Second.txt"), RAW).unwrap();
        let files = raw_files_in(&raw).unwrap();
        let (clear, errors) = refuse_shared_slugs(dir.path(), files);
        assert_eq!(clear, [raw.join("Second.txt")]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("First One.txt"), "{}", errors[0]);
        assert!(errors[0].message.contains("first-one.txt"), "{}", errors[0]);
    }

    /// A site of `n` raw files, each a little different.
    fn site_of(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("content/raw");
        std::fs::create_dir_all(&raw).unwrap();
        for i in 0..n {
            let text = RAW.replace("body", &format!("body number {i}"));
            std::fs::write(raw.join(format!("story-{i:04}.txt")), text).unwrap();
        }
        dir
    }

    fn manifest_of(dir: &Path) -> Manifest {
        Manifest::load(&dir.join("content/articles"))
    }

    #[test]
    fn a_folder_clean_saves_the_manifest_once() {
        let n = 2 * CHUNK + 40;
        let dir = site_of(n);
        let book = ManifestBook::with_checkpoints_every(Duration::MAX);
        let summary = clean_stale_articles_into(dir.path(), &Silent, &book, None).unwrap();
        assert_eq!(summary.written.len(), n);
        assert_eq!(book.saves(), 1, "one save for {n} articles");
        assert_eq!(manifest_of(dir.path()).articles.len(), n);
        // Written in the order of the raw files, whatever thread cleaned each.
        let mut sorted = summary.written.clone();
        sorted.sort();
        assert_eq!(summary.written, sorted);

        // Nothing to do: nothing saved.
        let again = ManifestBook::with_checkpoints_every(Duration::MAX);
        clean_stale_articles_into(dir.path(), &Silent, &again, None).unwrap();
        assert_eq!(again.saves(), 0);

        // Checkpoints at every chunk: still one save per chunk, not per article.
        let dir = site_of(n);
        let book = ManifestBook::with_checkpoints_every(Duration::ZERO);
        clean_stale_articles_into(dir.path(), &Silent, &book, None).unwrap();
        assert_eq!(book.saves(), n.div_ceil(CHUNK));
        assert_eq!(manifest_of(dir.path()).articles.len(), n);
    }

    #[test]
    fn a_run_killed_before_saving_its_manifest_is_continued_by_the_next() {
        let dir = site_of(40);
        let articles = dir.path().join("content/articles");
        // The killed run: the first 20 articles written, the manifest never saved
        // (exactly what a process killed before its first checkpoint leaves on disk).
        {
            let context = WordContext::default();
            let killed = ManifestBook::with_checkpoints_every(Duration::MAX);
            let raws = raw_files_in(&dir.path().join("content/raw")).unwrap();
            for raw_path in &raws[..20] {
                let (raw, cleaned) = clean_file(raw_path, &context).unwrap();
                let target = article_path(dir.path(), raw_path);
                let markdown = cleaned.article.to_markdown();
                killed
                    .write_article(&target, &markdown, raw_path, &raw, false)
                    .unwrap();
            }
            assert_eq!(killed.saves(), 0);
        }
        assert!(!articles.join(MANIFEST_NAME).exists());
        let written = std::fs::read_dir(&articles).unwrap().count();
        assert_eq!(written, 20);
        // After the kill, someone edits one of the unrecorded articles.
        let edited = articles.join("story-0003.md");
        std::fs::write(&edited, "+++\ntitle = \"Mine\"\n+++\n\nHand written.\n").unwrap();

        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        // The other 19 of the killed run are copydesk's own: recorded, not rewritten,
        // not warned about; the 20 it never reached are written.
        assert_eq!(summary.written.len(), 20, "{:?}", summary.written);
        assert_eq!(summary.kept_hand_edited, std::slice::from_ref(&edited));
        assert_eq!(summary.warnings.len(), 1);
        assert!(std::fs::read_to_string(&edited)
            .unwrap()
            .contains("Hand written."));
        let manifest = manifest_of(dir.path());
        assert_eq!(manifest.articles.len(), 39);
        assert!(!manifest.articles.contains_key("story-0003.md"));

        // And they stay copydesk's: a changed raw file updates its article.
        let raw = dir.path().join("content/raw/story-0005.txt");
        std::fs::write(&raw, RAW.replace("body", "rewritten body")).unwrap();
        let summary = clean_stale_articles(dir.path(), &Silent).unwrap();
        let target = articles.join("story-0005.md");
        assert_eq!(summary.written, std::slice::from_ref(&target));
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .contains("rewritten body"));
    }

    #[test]
    fn bad_files_are_reported_and_the_others_still_cleaned() {
        let dir = site();
        std::fs::write(dir.path().join("content/raw/empty.txt"), "").unwrap();
        let errors = clean_stale_articles(dir.path(), &Silent).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("empty.txt"));
        assert!(dir.path().join("content/articles/first-one.md").exists());
    }

    #[test]
    fn a_file_made_after_the_folder_was_listed_is_never_overwritten() {
        let dir = site();
        let book = ManifestBook::new();
        let articles = dir.path().join("content/articles");
        let raw = dir.path().join("content/raw/First One.txt");
        // The first write lists the folder; the hand-made file comes after.
        let first = book
            .write_article(&articles.join("a.md"), "A\n", &raw, b"a", false)
            .unwrap();
        assert_eq!(first, WriteOutcome::Created);
        std::fs::write(articles.join("b.md"), "mine\n").unwrap();
        let second = book
            .write_article(&articles.join("b.md"), "B\n", &raw, b"b", false)
            .unwrap();
        assert_eq!(second, WriteOutcome::KeptNotOurs);
        assert_eq!(
            std::fs::read_to_string(articles.join("b.md")).unwrap(),
            "mine\n"
        );
        let third = book
            .write_article(&articles.join("c.md"), "C\n", &raw, b"c", false)
            .unwrap();
        assert_eq!(third, WriteOutcome::Created);
        let mut names: Vec<String> = std::fs::read_dir(&articles)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.md", "b.md", "c.md"], "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn listed_files_are_refused_as_one_by_one() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(outside.path().join("other.txt"), "other").unwrap();
        let dir = site();
        let raw = dir.path().join("content/raw");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), raw.join("leak.txt"))
            .unwrap();
        std::os::unix::fs::symlink(raw.join("First One.txt"), raw.join("again.txt")).unwrap();
        // A folder of the site that is a link to one outside it.
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/linked")).unwrap();
        for folder in [raw, dir.path().join("content/linked")] {
            for boundary in [dir.path().to_path_buf(), folder.clone()] {
                let listed = raw_entries_in(&folder).unwrap();
                let (inside, refused) =
                    refuse_outside_listed(&folder, listed.clone(), &boundary, "the site");
                let mut one_by_one = (Vec::new(), Vec::new());
                for file in listed {
                    match refuse_outside(&file.path, &boundary, "the site") {
                        Ok(()) => one_by_one.0.push(file.path),
                        Err(d) => one_by_one.1.push(d.to_string()),
                    }
                }
                let refused: Vec<String> = refused.iter().map(|d| d.to_string()).collect();
                assert_eq!((inside, refused), one_by_one, "{folder:?} in {boundary:?}");
            }
        }
    }
}
