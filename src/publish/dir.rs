//! Applies a [`Plan`] to a folder: adds, changes and removes the files it lists.
//!
//! This is the mechanism only; which files a folder publish may touch is decided
//! before, in [`super::folder`].
//!
//! Two phases keep a failure from leaving a half-published folder:
//! 1. *stage*: every added or changed file is copied into a private staging folder
//!    inside the target (same file system, so renames are atomic). Any error here removes
//!    the staging folder and leaves the target exactly as it was.
//! 2. *commit*: each staged file is renamed over its final path (a reader sees the old
//!    or the new file, never a partial one), then removed files are deleted and folders
//!    left empty by them are pruned.
//!
//! Unchanged files are not touched at all, so their modification times and inodes stay.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::plan::{path_in, Plan};

/// Name of the staging folder inside the target; never published, never removed as stale.
pub const STAGING_NAME: &str = ".copydesk-staging";

/// Makes `target` match `site` as described by `plan`. `before_commit` runs once every
/// file is staged, just before the first change to the target; its error stops the
/// publish with the target untouched (a folder publish writes its record there).
pub fn apply(
    site: &Path,
    target: &Path,
    plan: &Plan,
    before_commit: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    fs::create_dir_all(target)?;
    let staging = target.join(STAGING_NAME);
    remove_if_present(&staging)?;
    fs::create_dir(&staging)?;
    let staged = match stage(site, &staging, plan).and_then(|staged| {
        before_commit()?;
        Ok(staged)
    }) {
        Ok(staged) => staged,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let committed = commit(target, &staged, plan);
    let _ = fs::remove_dir_all(&staging);
    committed
}

/// Copies every added or changed file into `staging`, under a numbered name.
fn stage(site: &Path, staging: &Path, plan: &Plan) -> io::Result<Vec<(PathBuf, String)>> {
    plan.added
        .iter()
        .chain(&plan.changed)
        .enumerate()
        .map(|(n, relative)| {
            let staged = staging.join(n.to_string());
            fs::copy(path_in(site, relative), &staged)?;
            Ok((staged, relative.clone()))
        })
        .collect()
}

/// Renames the staged files into place, then removes what the site no longer has.
fn commit(target: &Path, staged: &[(PathBuf, String)], plan: &Plan) -> io::Result<()> {
    for (staged_file, relative) in staged {
        let destination = path_in(target, relative);
        if let Some(parent) = destination.parent() {
            make_folder(target, parent)?;
        }
        if fs::symlink_metadata(&destination).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&destination)?;
        }
        fs::rename(staged_file, &destination)?;
    }
    for relative in &plan.removed {
        let path = path_in(target, relative);
        remove_stale_file(&path)?;
        prune_empty_parents(target, &path);
    }
    Ok(())
}

/// Creates `folder` (under `target`), first removing any file that stands where one of
/// its folders must go (the site replaced a file by a folder).
fn make_folder(target: &Path, folder: &Path) -> io::Result<()> {
    let Ok(relative) = folder.strip_prefix(target) else {
        return fs::create_dir_all(folder);
    };
    let mut current = target.to_path_buf();
    for part in relative.components() {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => fs::remove_file(&current)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        fs::create_dir(&current)?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Removes a file the site no longer has. A folder there now is one this publish just
/// created in place of that file, so it stays.
fn remove_stale_file(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes the folders above `path` that are now empty, up to (not including) `target`.
fn prune_empty_parents(target: &Path, path: &Path) {
    let mut folder = path.parent();
    while let Some(current) = folder {
        if current == target || !current.starts_with(target) || fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::super::plan::{plan, write_test_file as write};
    use super::*;

    fn sync(site: &Path, target: &Path) {
        let plan_now = plan(site, target, &|p| p == STAGING_NAME).unwrap();
        apply(site, target, &plan_now, || Ok(())).unwrap();
        assert!(plan(site, target, &|_| false).unwrap().is_empty());
    }

    #[test]
    fn target_ends_up_equal_to_the_site() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "home");
        write(site.path(), "a/b/index.html", "deep");
        write(target.path(), "old/x/index.html", "stale");
        write(target.path(), "index.html", "old home");
        sync(site.path(), target.path());
        assert!(
            !target.path().join("old").exists(),
            "emptied folders pruned"
        );
        assert!(!target.path().join(STAGING_NAME).exists());
    }

    #[test]
    fn files_and_folders_may_trade_places() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "feed", "now a file");
        write(site.path(), "page/index.html", "now a folder");
        write(target.path(), "feed/index.xml", "was a folder");
        write(target.path(), "page", "was a file");
        sync(site.path(), target.path());
    }

    #[test]
    fn a_failed_staging_leaves_the_target_untouched() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "new home");
        write(site.path(), "vanishing.html", "gone before it is copied");
        write(target.path(), "index.html", "old home");
        write(target.path(), "stale.html", "stale");
        let plan = plan(site.path(), target.path(), &|_| false).unwrap();
        fs::remove_file(site.path().join("vanishing.html")).unwrap();
        assert!(apply(site.path(), target.path(), &plan, || Ok(())).is_err());
        assert_eq!(
            fs::read_to_string(target.path().join("index.html")).unwrap(),
            "old home"
        );
        assert!(target.path().join("stale.html").exists());
        assert!(!target.path().join("vanishing.html").exists());
        assert!(!target.path().join(STAGING_NAME).exists());
    }
}
