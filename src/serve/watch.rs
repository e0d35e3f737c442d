//! Watches the parts of a site a build reads (`content/`, `themes/`, `templates/`,
//! `static/`, `site.toml`) and hands the rebuild loop debounced batches of changed paths.
//!
//! Only those folders are watched (recursively), plus the site root itself without
//! recursion so that `site.toml` edits and newly created watched folders are seen; the
//! output folder and everything else stay unwatched, which keeps the number of OS
//! watches small on sites with thousands of pages. Editor droppings (`foo~`, `.#foo`,
//! `.foo.swp`, vim's `4913`) are ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Folders of a site whose changes call for a rebuild.
pub const WATCHED_FOLDERS: &[&str] = &["content", "themes", "templates", "static"];
/// Files at the site root whose changes call for a rebuild.
pub const WATCHED_FILES: &[&str] = &["site.toml"];

/// Quiet time that ends a batch of changes (editors save in several steps).
const DEBOUNCE: Duration = Duration::from_millis(120);
/// A batch never waits longer than this, even under a steady stream of changes.
const MAX_BATCH_WAIT: Duration = Duration::from_secs(2);
/// How often a waiting watcher checks whether it should stop.
const STOP_CHECK: Duration = Duration::from_millis(200);

/// A watch over one site.
pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    site_root: PathBuf,
    recursive: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching the site at `site_root`.
    pub fn new(site_root: &Path) -> notify::Result<SiteWatcher> {
        let site_root = site_root.canonicalize().map_err(notify::Error::io)?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })?;
        watcher.watch(&site_root, RecursiveMode::NonRecursive)?;
        let mut watch = SiteWatcher {
            watcher,
            events,
            site_root,
            recursive: BTreeSet::new(),
        };
        watch.watch_new_folders();
        Ok(watch)
    }

    /// Adds a recursive watch on each watched folder that exists and is not watched yet.
    fn watch_new_folders(&mut self) {
        for name in WATCHED_FOLDERS {
            let folder = self.site_root.join(name);
            if folder.is_dir()
                && !self.recursive.contains(&folder)
                && self
                    .watcher
                    .watch(&folder, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.recursive.insert(folder);
            }
        }
    }

    /// Blocks until a batch of relevant changes has settled and returns its paths
    /// (sorted, without duplicates); `None` once `stop` is set.
    pub fn next_changes(&mut self, stop: &AtomicBool) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        let mut batch_started: Option<Instant> = None;
        loop {
            if stop.load(Ordering::SeqCst) {
                return None;
            }
            let wait = if batch_started.is_some() {
                DEBOUNCE
            } else {
                STOP_CHECK
            };
            let mut quiet = false;
            match self.events.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    let relevant = self.relevant_paths(&event);
                    if !relevant.is_empty() {
                        changed.extend(relevant);
                        batch_started.get_or_insert_with(Instant::now);
                    }
                }
                // The OS dropped events (queue overflow): rebuild everything.
                Ok(Err(_)) => {
                    changed.insert(self.site_root.clone());
                    batch_started.get_or_insert_with(Instant::now);
                }
                Err(RecvTimeoutError::Timeout) => quiet = true,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            let settled =
                batch_started.is_some_and(|start| quiet || start.elapsed() >= MAX_BATCH_WAIT);
            if settled && !changed.is_empty() {
                self.watch_new_folders();
                return Some(changed.into_iter().collect());
            }
        }
    }

    /// The paths of `event` that a build reads.
    fn relevant_paths(&self, event: &Event) -> Vec<PathBuf> {
        if matches!(event.kind, EventKind::Access(_)) {
            return Vec::new();
        }
        event
            .paths
            .iter()
            .filter(|path| is_site_input(&self.site_root, path) && !is_editor_scratch(path))
            .cloned()
            .collect()
    }
}

/// True when `path` is `site.toml` or lies in a watched folder of the site at `root`.
pub fn is_site_input(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative.components();
    let Some(first) = components.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    let is_file_at_root = components.next().is_none();
    WATCHED_FOLDERS.contains(&first.as_ref())
        || (is_file_at_root && WATCHED_FILES.contains(&first.as_ref()))
}

/// Temporary files editors write next to the file being saved.
pub fn is_editor_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_the_watched_folders_and_site_toml() {
        let root = Path::new("/s");
        assert!(is_site_input(root, Path::new("/s/content/articles/a.md")));
        assert!(is_site_input(root, Path::new("/s/site.toml")));
        assert!(is_site_input(root, Path::new("/s/templates/base.html")));
        assert!(!is_site_input(root, Path::new("/s/output/index.html")));
        assert!(!is_site_input(root, Path::new("/elsewhere/site.toml")));
        assert!(!is_site_input(root, Path::new("/s/sub/site.toml")));
    }

    #[test]
    fn editor_scratch_files_are_recognised() {
        assert!(is_editor_scratch(Path::new("a.md~")));
        assert!(is_editor_scratch(Path::new(".#a.md")));
        assert!(is_editor_scratch(Path::new(".a.md.swp")));
        assert!(!is_editor_scratch(Path::new("a.md")));
    }
}
