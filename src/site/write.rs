//! Writing the output folder without ever leaving it half-built.
//!
//! Two ways, one interface ([`OutputWriter`]):
//! * **staged** (every `copydesk build`, and the first build of a `serve` session): files
//!   go into a staging folder next to the output (`.output.staging-PID`), which is swapped
//!   in by two renames once everything is written. A failed build removes the staging
//!   folder and leaves the previous site exactly as it was; files that no longer belong
//!   simply are not in the new folder.
//! * **in place** (rebuilds of a `serve` session, whose [`Manifest`] knows what is in the
//!   output): only files whose bytes changed are written, each to a temporary file then
//!   renamed over the old one, so a reader sees the old file or the new one, never half of
//!   one; files no longer produced are removed. Nothing is written until every page has
//!   rendered, so a failed rebuild also leaves the site intact.
//!
//! A build interrupted by a signal removes its staging folder ([`crate::scratch`]); one
//! killed outright leaves `.output.staging-PID` (or `.output.old-PID`), which the next
//! staged build sweeps away once that process is gone.
//!
//! Every path is checked to stay inside the output folder, and an output folder that
//! holds the site itself (`--output .`) is refused rather than swapped away.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{Diagnostic, Position};
use crate::scratch::{self, remove_tree, sweep_abandoned};
use crate::site::load::{revision_of, RevisionHasher};

/// What the output folder holds after a build: each file's path and content hash.
#[derive(Debug, Clone, Default)]
pub struct Manifest {
    pub dir: PathBuf,
    pub files: HashMap<String, u64>,
}

/// Writes files into an output folder, staged or in place.
#[derive(Debug)]
pub struct OutputWriter {
    output: PathBuf,
    /// Where files are written now: the staging folder, or the output itself.
    root: PathBuf,
    staged: bool,
    written: AtomicUsize,
}

impl OutputWriter {
    /// Starts a staged write of `output`.
    pub fn staged(output: &Path) -> Result<OutputWriter, Diagnostic> {
        let parent = parent_of(output);
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "cannot create", e))?;
        let name = output
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        sweep_abandoned(&parent, |entry| leftover_owner(entry, &name));
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        remove_tree(&staging).map_err(|e| io_error(&staging, "cannot clear", e))?;
        scratch::register(&staging);
        std::fs::create_dir(&staging).map_err(|e| {
            scratch::unregister(&staging);
            io_error(&staging, "cannot create", e)
        })?;
        Ok(OutputWriter {
            output: output.to_path_buf(),
            root: staging,
            staged: true,
            written: AtomicUsize::new(0),
        })
    }

    /// Starts an in-place update of `output`, which must exist.
    pub fn in_place(output: &Path) -> OutputWriter {
        OutputWriter {
            output: output.to_path_buf(),
            root: output.to_path_buf(),
            staged: false,
            written: AtomicUsize::new(0),
        }
    }

    /// The folder files are written into now: the staging folder, or the output itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_staged(&self) -> bool {
        self.staged
    }

    /// Files written so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Writes `bytes` to `relative` unless the output already holds exactly those bytes
    /// (`previous` is the hash the manifest recorded). Returns the content hash.
    pub fn put(
        &self,
        relative: &str,
        bytes: &[u8],
        previous: Option<u64>,
    ) -> Result<u64, Diagnostic> {
        if scratch::interrupted() {
            return Err(interrupted(&self.output));
        }
        let hash = revision_of(bytes);
        if !self.staged && previous == Some(hash) {
            return Ok(hash);
        }
        let path = self.root.join(safe_relative(relative)?);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create", e))?;
        }
        let result = if self.staged {
            std::fs::write(&path, bytes)
        } else {
            write_atomically(&path, bytes)
        };
        result.map_err(|e| io_error(&path, "cannot write", e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(hash)
    }

    /// [`put`](Self::put) for a file made by `write`: when staging it is written to its
    /// place as it is made (hashed on the way), so a file as big as the search index of a
    /// large site is never held whole; in place it is made in memory first, to be
    /// compared with the previous version.
    pub fn put_streamed(
        &self,
        relative: &str,
        previous: Option<u64>,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<u64, Diagnostic> {
        if !self.staged {
            let mut bytes = Vec::new();
            write(&mut bytes).map_err(|e| io_error(Path::new(relative), "cannot make", e))?;
            return self.put(relative, &bytes, previous);
        }
        if scratch::interrupted() {
            return Err(interrupted(&self.output));
        }
        let path = self.root.join(safe_relative(relative)?);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create", e))?;
        }
        let file = std::fs::File::create(&path).map_err(|e| io_error(&path, "cannot write", e))?;
        let mut out = HashingWriter {
            inner: io::BufWriter::with_capacity(1 << 16, file),
            hasher: RevisionHasher::default(),
        };
        write(&mut out)
            .and_then(|()| out.inner.flush())
            .map_err(|e| io_error(&path, "cannot write", e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(out.hasher.revision())
    }

    /// Completes the write: swaps the staging folder in, or removes the files of the
    /// previous manifest that are not in `kept`.
    pub fn finish(
        self,
        previous: Option<&Manifest>,
        kept: &HashSet<&str>,
    ) -> Result<(), Diagnostic> {
        if self.staged {
            if scratch::interrupted() {
                self.remove_staging();
                return Err(interrupted(&self.output));
            }
            return self.swap_in();
        }
        if let Some(previous) = previous {
            for relative in previous.files.keys().filter(|r| !kept.contains(r.as_str())) {
                let Ok(safe) = safe_relative(relative) else {
                    continue;
                };
                let path = self.output.join(safe);
                match std::fs::remove_file(&path) {
                    Ok(()) => remove_empty_parents(&path, &self.output),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(io_error(&path, "cannot remove stale file", e)),
                }
            }
        }
        Ok(())
    }

    /// Gives up: removes the staging folder; the output is untouched.
    pub fn abandon(self) {
        if self.staged {
            self.remove_staging();
        }
    }

    fn remove_staging(&self) {
        let _ = remove_tree(&self.root);
        scratch::unregister(&self.root);
    }

    fn swap_in(self) -> Result<(), Diagnostic> {
        let parent = parent_of(&self.output);
        let name = self
            .output
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_output = self.output.exists();
        if had_output {
            scratch::register(&old);
            if let Err(e) = std::fs::rename(&self.output, &old) {
                scratch::unregister(&old);
                self.remove_staging();
                return Err(io_error(&self.output, "cannot move the old site aside", e));
            }
        }
        if let Err(e) = std::fs::rename(&self.root, &self.output) {
            if had_output {
                let _ = std::fs::rename(&old, &self.output);
                scratch::unregister(&old);
            }
            self.remove_staging();
            return Err(io_error(&self.output, "cannot move the new site in", e));
        }
        scratch::unregister(&self.root);
        if had_output {
            // Read-only folders in the old site (a copied tree, a `chmod -R a-w`) would
            // otherwise leave it behind as `.output.old-PID`.
            let _ = remove_tree(&old);
            scratch::unregister(&old);
        }
        Ok(())
    }
}

/// The pid in the name of a staging or retired folder of the output `name`
/// (`.output.staging-PID`, `.output.old-PID`), if `entry` is one.
fn leftover_owner(entry: &str, name: &str) -> Option<u32> {
    let rest = entry.strip_prefix('.')?.strip_prefix(name)?;
    let pid = rest
        .strip_prefix(".staging-")
        .or_else(|| rest.strip_prefix(".old-"))?;
    pid.parse().ok()
}

/// The site's folders of sources, which no output may be or lie in.
const SOURCE_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// Refuses an output folder that is the site root, holds it, holds site sources, or lies
/// in one of the site's source folders.
pub fn check_output_dir(output: &Path, site_root: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|p| normalise(&p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let output_abs = absolute(output);
    let root_abs = absolute(site_root);
    let holds_sources = output.join("site.toml").exists() || output.join("content").is_dir();
    if root_abs.starts_with(&output_abs) || holds_sources {
        return Err(Diagnostic::error(
            output,
            Position::default(),
            "refusing to build into this folder: it holds the site's own files and would be replaced",
        )
        .with_help("choose an output folder of its own, such as `output/`"));
    }
    // The swap replaces the whole folder: `--output content` (or `static`, or a folder
    // inside one) would throw away the site's articles, templates or files.
    let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| absolute(p));
    for source in SOURCE_FOLDERS {
        let folder = site_root.join(source);
        if output_abs.starts_with(absolute(&folder)) || real(output).starts_with(real(&folder)) {
            return Err(Diagnostic::error(
                output,
                Position::default(),
                format!(
                    "refusing to build into this folder: it is inside the site's {source}/ \
                     folder, which the new site would replace"
                ),
            )
            .with_help("choose an output folder of its own, such as `output/`"));
        }
    }
    if output.exists() && !output.is_dir() {
        return Err(Diagnostic::error(
            output,
            Position::default(),
            "the output path exists and is not a folder",
        ));
    }
    Ok(())
}

/// The file, in the site's `.copydesk/`, that lists the folders `build --output` built
/// into (one real path a line).
pub const CHOSEN_OUTPUTS: &str = "outputs.txt";

/// Refuses `output`, a folder chosen with `build --output`, when it holds anything and
/// is neither the site's own `output/` nor a folder this site was built into before: the
/// new site replaces the whole folder, so a folder of someone's files
/// (`--output ~/Documents`) would be deleted.
pub fn check_chosen_output(output: &Path, site_root: &Path) -> Result<(), Diagnostic> {
    let is_empty = match std::fs::read_dir(output) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => true, // missing (made by the build) or not a folder (refused later)
    };
    let real = |p: &Path| p.canonicalize().ok();
    let own = real(&site_root.join("output")).is_some_and(|own| real(output) == Some(own));
    if is_empty || own || built_into(output, site_root) {
        return Ok(());
    }
    Err(Diagnostic::error(
        output,
        Position::default(),
        "refusing to build into this folder: it holds files and copydesk has not built this \
         site into it, so the new site would delete them",
    )
    .with_help("choose an empty or new folder, or empty this one first"))
}

/// Whether `output` is listed in the site's record of folders built into.
fn built_into(output: &Path, site_root: &Path) -> bool {
    let Ok(real) = output.canonicalize() else {
        return false;
    };
    chosen_outputs(site_root).contains(&real)
}

fn chosen_outputs(site_root: &Path) -> Vec<PathBuf> {
    let record = site_root.join(scratch::SITE_STATE_DIR).join(CHOSEN_OUTPUTS);
    std::fs::read_to_string(record)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Adds `output` (just built into) to the site's record of folders built into, dropping
/// folders that no longer exist.
pub fn remember_chosen_output(output: &Path, site_root: &Path) -> io::Result<()> {
    let real = output.canonicalize()?;
    let mut folders: Vec<PathBuf> = chosen_outputs(site_root)
        .into_iter()
        .filter(|folder| folder.is_dir() && *folder != real)
        .collect();
    folders.push(real);
    let state = site_root.join(scratch::SITE_STATE_DIR);
    std::fs::create_dir_all(&state)?;
    let text: String = folders
        .iter()
        .map(|folder| format!("{}\n", folder.display()))
        .collect();
    crate::atomic::write_replacing(&state.join(CHOSEN_OUTPUTS), text.as_bytes(), true)
}

/// `.` and `..` resolved lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A `/`-separated output path as a relative path with only normal components.
fn safe_relative(relative: &str) -> Result<PathBuf, Diagnostic> {
    let path = Path::new(relative);
    let safe = !relative.is_empty()
        && !relative.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(path.to_path_buf())
    } else {
        Err(Diagnostic::error(
            path,
            Position::default(),
            "refusing to write outside the output folder",
        ))
    }
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes through a temporary file in the same folder and renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::atomic::write_replacing(path, bytes, false)
}

/// Writes through to `inner`, hashing what it writes.
struct HashingWriter<W> {
    inner: W,
    hasher: RevisionHasher,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Removes now-empty folders from `path`'s parent up to (not including) `stop`.
fn remove_empty_parents(path: &Path, stop: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == stop || !d.starts_with(stop) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn interrupted(output: &Path) -> Diagnostic {
    Diagnostic::error(
        output,
        Position::default(),
        "interrupted: the build stopped and the output was left as it was",
    )
}

fn io_error(path: &Path, what: &str, error: io::Error) -> Diagnostic {
    Diagnostic::error(path, Position::default(), format!("{what}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_file_is_written_and_hashed_as_put_would() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        let bytes: Vec<u8> = (0..200_000u32).flat_map(|n| n.to_le_bytes()).collect();
        let writer = OutputWriter::staged(&output).unwrap();
        let hash = writer
            .put_streamed("big/file.json", None, |out| {
                bytes
                    .chunks(7_919)
                    .try_for_each(|chunk| out.write_all(chunk))
            })
            .unwrap();
        assert_eq!(hash, revision_of(&bytes));
        writer.finish(None, &HashSet::new()).unwrap();
        assert_eq!(std::fs::read(output.join("big/file.json")).unwrap(), bytes);
        let in_place = OutputWriter::in_place(&output);
        let same = in_place
            .put_streamed("big/file.json", Some(hash), |out| out.write_all(&bytes))
            .unwrap();
        assert_eq!(
            (same, in_place.written()),
            (hash, 0),
            "unchanged: not rewritten"
        );
    }

    #[test]
    fn staged_write_swaps_in_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        std::fs::create_dir_all(output.join("old")).unwrap();
        std::fs::write(output.join("old/index.html"), "stale").unwrap();
        let writer = OutputWriter::staged(&output).unwrap();
        writer.put("a/index.html", b"new", None).unwrap();
        assert!(
            output.join("old/index.html").exists(),
            "untouched until finished"
        );
        writer.finish(None, &HashSet::new()).unwrap();
        assert_eq!(
            std::fs::read_to_string(output.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!output.join("old").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folder left behind");
    }

    #[test]
    fn abandoned_write_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join("index.html"), "old").unwrap();
        let writer = OutputWriter::staged(&output).unwrap();
        writer.put("index.html", b"new", None).unwrap();
        writer.abandon();
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn in_place_writes_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        std::fs::create_dir_all(output.join("gone")).unwrap();
        std::fs::write(output.join("same.html"), "same").unwrap();
        std::fs::write(output.join("gone/index.html"), "x").unwrap();
        let previous = Manifest {
            dir: output.clone(),
            files: [
                ("same.html".to_string(), revision_of(b"same")),
                ("gone/index.html".to_string(), revision_of(b"x")),
            ]
            .into(),
        };
        let writer = OutputWriter::in_place(&output);
        writer
            .put(
                "same.html",
                b"same",
                previous.files.get("same.html").copied(),
            )
            .unwrap();
        writer.put("new.html", b"new", None).unwrap();
        assert_eq!(writer.written(), 1);
        writer
            .finish(Some(&previous), &HashSet::from(["same.html", "new.html"]))
            .unwrap();
        assert!(!output.join("gone").exists());
        assert!(output.join("new.html").exists());
    }

    #[test]
    fn paths_cannot_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let writer = OutputWriter::in_place(dir.path());
        for bad in ["../x", "/etc/x", "a/../../x", "", "a\\..\\x"] {
            assert!(writer.put(bad, b"x", None).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_chosen_output_holding_files_must_have_been_built_into() {
        let site = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let docs = elsewhere.path().join("docs");
        assert!(
            check_chosen_output(&docs, site.path()).is_ok(),
            "a new folder"
        );
        std::fs::create_dir(&docs).unwrap();
        assert!(
            check_chosen_output(&docs, site.path()).is_ok(),
            "an empty folder"
        );
        std::fs::write(docs.join("thesis.tex"), "years of work").unwrap();
        assert!(check_chosen_output(&docs, site.path()).is_err());
        remember_chosen_output(&docs, site.path()).unwrap();
        assert!(check_chosen_output(&docs, site.path()).is_ok());
        // Another site never built into it.
        let other = tempfile::tempdir().unwrap();
        assert!(check_chosen_output(&docs, other.path()).is_err());
        // The site's own output/ is always its own.
        std::fs::create_dir(site.path().join("output")).unwrap();
        std::fs::write(site.path().join("output/x.html"), "x").unwrap();
        assert!(check_chosen_output(&site.path().join("output"), site.path()).is_ok());
    }

    #[test]
    fn the_site_itself_is_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.toml"), "").unwrap();
        assert!(check_output_dir(dir.path(), dir.path()).is_err());
        assert!(check_output_dir(&dir.path().join(".."), dir.path()).is_err());
        assert!(check_output_dir(&dir.path().join("output"), dir.path()).is_ok());
        for inside in [
            "content",
            "content/articles/x",
            "static",
            "themes/t",
            "templates",
        ] {
            let output = dir.path().join(inside);
            assert!(check_output_dir(&output, dir.path()).is_err(), "{inside}");
        }
    }
}
