//! What publishing would change: the files to add, change and remove so that a target
//! folder holds exactly what the built site holds.
//!
//! Files are compared by content (length first, then bytes), never by time stamps, so an
//! unchanged page is not rewritten even though every build writes it anew. Paths in a
//! plan are relative and use `/`, so the same plan prints the same on every platform.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The differences between a built site and a target folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    /// In the site, not in the target.
    pub added: Vec<String>,
    /// In both, with different content (or a folder in the target where the site has a file).
    pub changed: Vec<String>,
    /// In the target, not in the site.
    pub removed: Vec<String>,
    /// In a folder target, not copydesk's to change (see [`super::folder`]): left as
    /// they are. Dot-folders are listed once, as `.git/`.
    pub kept: Vec<String>,
}

impl Plan {
    /// True when the target already matches the site (files kept do not count).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Compares the files under `site` with those under `target` (which may not exist).
/// `keep` names target paths (relative, `/`-separated) that are never removed, such as
/// a git repository's `.git` folder.
pub fn plan(site: &Path, target: &Path, keep: &dyn Fn(&str) -> bool) -> io::Result<Plan> {
    let site_files = relative_files(site, &|_| false)?;
    let target_files = if target.exists() {
        relative_files(target, keep)?
    } else {
        BTreeSet::new()
    };
    let mut result = Plan::default();
    for file in &site_files {
        let target_path = target.join(file);
        match fs::symlink_metadata(&target_path) {
            // Missing, or a file in the target stands where the site has a folder.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                result.added.push(file.clone())
            }
            Err(e) => return Err(e),
            Ok(meta) if !meta.is_file() => result.changed.push(file.clone()),
            Ok(_) if !same_content(&site.join(file), &target_path)? => {
                result.changed.push(file.clone())
            }
            Ok(_) => {}
        }
    }
    result.removed = target_files
        .difference(&site_files)
        .filter(|file| !is_shadowed_by_site_file(file, &site_files))
        .cloned()
        .collect();
    Ok(result)
}

/// Every file (and symlink) under `root`, as a relative `/`-separated path, except
/// those under a path `keep` accepts.
pub(crate) fn relative_files(
    root: &Path,
    keep: &dyn Fn(&str) -> bool,
) -> io::Result<BTreeSet<String>> {
    let mut files = BTreeSet::new();
    let walk = WalkDir::new(root).min_depth(1).into_iter();
    let walk = walk
        .filter_entry(|entry| relative_name(root, entry.path()).is_none_or(|name| !keep(&name)));
    for entry in walk {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        if let Some(name) = relative_name(root, entry.path()) {
            files.insert(name);
        }
    }
    Ok(files)
}

fn relative_name(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// A target file under a folder that the site now has as a file (`a/b` when the site
/// has a file `a`): replacing `a` removes it already.
fn is_shadowed_by_site_file(file: &str, site_files: &BTreeSet<String>) -> bool {
    let mut prefix = String::new();
    for part in file.split('/') {
        if !prefix.is_empty() && site_files.contains(&prefix) {
            return true;
        }
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
    }
    false
}

/// True when both files hold the same bytes.
pub fn same_content(a: &Path, b: &Path) -> io::Result<bool> {
    if fs::metadata(a)?.len() != fs::metadata(b)?.len() {
        return Ok(false);
    }
    Ok(fs::read(a)? == fs::read(b)?)
}

/// Turns a plan path back into a path under `root`.
pub fn path_in(root: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

/// Writes `text` to `relative` under `root`, creating folders: how the publish tests lay out
/// a site and a target.
#[cfg(test)]
pub(crate) fn write_test_file(root: &Path, relative: &str, text: &str) {
    let path = path_in(root, relative);
    fs::create_dir_all(path.parent().expect("a file has a parent folder")).unwrap();
    fs::write(path, text).unwrap();
}

#[cfg(test)]
mod tests {
    use super::write_test_file as write;
    use super::*;

    #[test]
    fn sorts_files_into_added_changed_removed() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "new home");
        write(site.path(), "a/index.html", "same");
        write(site.path(), "b/index.html", "fresh");
        write(target.path(), "index.html", "old home");
        write(target.path(), "a/index.html", "same");
        write(target.path(), "gone/index.html", "old");
        write(target.path(), ".git/HEAD", "ref");
        let plan = plan(site.path(), target.path(), &|p| p == ".git").unwrap();
        assert_eq!(plan.added, ["b/index.html"]);
        assert_eq!(plan.changed, ["index.html"]);
        assert_eq!(plan.removed, ["gone/index.html"]);
    }

    #[test]
    fn a_missing_target_means_everything_is_added() {
        let site = tempfile::tempdir().unwrap();
        write(site.path(), "x.css", "x");
        let plan = plan(site.path(), &site.path().join("nowhere"), &|_| false).unwrap();
        assert_eq!(plan.added, ["x.css"]);
        assert!(plan.changed.is_empty() && plan.removed.is_empty());
    }

    #[test]
    fn a_folder_becoming_a_file_is_a_change_not_a_removal() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "feed", "file now");
        write(target.path(), "feed/index.xml", "was a folder");
        let plan = plan(site.path(), target.path(), &|_| false).unwrap();
        assert_eq!(plan.changed, ["feed"]);
        assert!(plan.removed.is_empty());
    }
}
