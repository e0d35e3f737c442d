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
//! * the file differs from what copydesk wrote → it was edited by hand; or copydesk never
//!   wrote it → it is someone else's: keep it, unless `force`, which first copies it to
//!   `NAME.md.bak`. The caller warns (a site's articles) or fails (`clean -o FILE`).
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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;

use super::site_words::site_word_context;
use super::slug::slug_for;
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
    /// Edited by hand since copydesk wrote it: left alone.
    KeptHandEdited,
    /// A file copydesk never wrote (not in the manifest): left alone.
    KeptNotOurs,
    /// Edited by hand, overwritten because of `force`; the old file is at `backup`.
    Overwritten { backup: PathBuf },
}

/// Writes `markdown` (cleaned from `raw`, read from `raw_path`) to `target`, respecting
/// hand edits as described in the module docs. Updates the folder's manifest.
pub fn write_article(
    target: &Path,
    markdown: &str,
    raw_path: &Path,
    raw: &[u8],
    force: bool,
) -> Result<WriteOutcome, Diagnostic> {
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io_error = |e: std::io::Error, what: &str| {
        Diagnostic::error(target, Position::default(), format!("cannot {what}: {e}"))
    };
    std::fs::create_dir_all(folder).map_err(|e| io_error(e, "create its folder"))?;
    let mut manifest = Manifest::load(folder);
    let new_hash = hash(markdown.as_bytes());
    let outcome = match std::fs::read(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => WriteOutcome::Created,
        Err(e) => return Err(io_error(e, "read the existing article")),
        Ok(existing) => {
            let current = hash(&existing);
            let recorded = manifest.articles.get(&name);
            let ours = recorded.is_some_and(|entry| entry.output_hash == current);
            if current == new_hash {
                WriteOutcome::Unchanged
            } else if ours {
                WriteOutcome::Updated
            } else if force {
                let backup = backup_path(target);
                std::fs::copy(target, &backup).map_err(|e| io_error(e, "back up the article"))?;
                WriteOutcome::Overwritten { backup }
            } else if recorded.is_some() {
                return Ok(WriteOutcome::KeptHandEdited);
            } else {
                return Ok(WriteOutcome::KeptNotOurs);
            }
        }
    };
    if outcome != WriteOutcome::Unchanged {
        write_atomically(target, markdown.as_bytes()).map_err(|e| io_error(e, "write"))?;
    }
    manifest.articles.insert(
        name,
        ManifestEntry {
            raw: raw_path.display().to_string(),
            raw_hash: hash(raw),
            output_hash: new_hash,
        },
    );
    manifest
        .save(folder)
        .map_err(|e| io_error(e, "update the manifest"))?;
    Ok(outcome)
}

impl WriteOutcome {
    /// Why the file was kept rather than written; `None` when it was written (or
    /// already right).
    pub fn kept_reason(&self) -> Option<&'static str> {
        match self {
            WriteOutcome::KeptHandEdited => Some("edited by hand since copydesk wrote it"),
            WriteOutcome::KeptNotOurs => Some("not written by copydesk"),
            _ => None,
        }
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
    let entries = std::fs::read_dir(folder).map_err(|e| {
        Diagnostic::error(
            folder,
            Position::default(),
            format!("cannot read the folder: {e}"),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt" || e == "text"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and cleans one raw file.
pub fn clean_file(
    raw_path: &Path,
    context: &WordContext,
) -> Result<(Vec<u8>, CleanedArticle), Diagnostic> {
    let raw = std::fs::read(raw_path).map_err(|e| {
        Diagnostic::error(
            raw_path,
            Position::default(),
            format!("cannot read the file: {e}"),
        )
    })?;
    let cleaned = clean_text(&raw, raw_path, context)?;
    Ok((raw, cleaned))
}

/// What cleaning a site's stale raw articles did.
#[derive(Debug, Clone, Default)]
pub struct CleanSummary {
    /// Markdown files written (new, or updated because their raw text changed).
    pub written: Vec<PathBuf>,
    /// Articles left alone because they were edited by hand after copydesk wrote them.
    pub kept_hand_edited: Vec<PathBuf>,
    /// Warnings (undecodable bytes read as Windows-1252, unrepaired defects…).
    pub warnings: Vec<Diagnostic>,
}

/// True when the article for `raw` at `target` is up to date: copydesk wrote it from
/// exactly these raw bytes and nobody has touched it since.
fn is_fresh(target: &Path, raw: &[u8], manifest: &Manifest) -> bool {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(entry) = manifest.articles.get(&name) else {
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
    let raw_folder = site_root.join("content").join("raw");
    if !raw_folder.is_dir() {
        return Ok(CleanSummary::default());
    }
    let listed = raw_files_in(&raw_folder).map_err(|d| vec![d])?;
    let context = site_word_context(site_root).map_err(|d| vec![d])?;
    let manifest = Manifest::load(&site_root.join("content").join("articles"));
    let mut summary = CleanSummary::default();
    let mut errors = Vec::new();
    let mut inside = Vec::new();
    for raw_path in listed {
        match refuse_outside(&raw_path, site_root, "the site") {
            Ok(()) => inside.push(raw_path),
            Err(d) => errors.push(d),
        }
    }
    let (files, shared) = refuse_shared_slugs(site_root, inside);
    errors.extend(shared);
    progress.start("clean", files.len() as u64);
    for raw_path in &files {
        let target = article_path(site_root, raw_path);
        let result = std::fs::read(raw_path)
            .map_err(|e| {
                Diagnostic::error(
                    raw_path,
                    Position::default(),
                    format!("cannot read the file: {e}"),
                )
            })
            .and_then(|raw| {
                if is_fresh(&target, &raw, &manifest) {
                    return Ok(None);
                }
                let cleaned = clean_text(&raw, raw_path, &context)?;
                let markdown = cleaned.article.to_markdown();
                let outcome = write_article(&target, &markdown, raw_path, &raw, false)?;
                Ok(Some((cleaned, outcome)))
            });
        match result {
            Ok(None) => {}
            Ok(Some((cleaned, outcome))) => {
                summary.warnings.extend(cleaned.warnings);
                if let Some(warning) = kept_warning(&target, &outcome) {
                    summary.warnings.push(warning);
                    summary.kept_hand_edited.push(target);
                } else if outcome != WriteOutcome::Unchanged {
                    summary.written.push(target);
                }
            }
            Err(d) => errors.push(d),
        }
        progress.advance(1);
    }
    progress.finish();
    if errors.is_empty() {
        Ok(summary)
    } else {
        Err(errors)
    }
}

/// The warning for an article [`write_article`] kept (edited by hand, or not written by
/// copydesk); `None` when it wrote the article.
pub fn kept_warning(target: &Path, outcome: &WriteOutcome) -> Option<Diagnostic> {
    let reason = outcome.kept_reason()?;
    Some(
        Diagnostic::warning(
            target,
            Position::default(),
            format!("{reason}: kept as it is"),
        )
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

    #[test]
    fn bad_files_are_reported_and_the_others_still_cleaned() {
        let dir = site();
        std::fs::write(dir.path().join("content/raw/empty.txt"), "").unwrap();
        let errors = clean_stale_articles(dir.path(), &Silent).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("empty.txt"));
        assert!(dir.path().join("content/articles/first-one.md").exists());
    }
}
