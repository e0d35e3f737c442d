//! Publishing into a folder without losing anything that is not copydesk's.
//!
//! A web root is often shared: it may be a git checkout, hold a host's `.well-known/`,
//! or files a person put there. So a folder publish follows these rules:
//!
//! * the folder's [`Record`] lists what copydesk published there; only files in it are
//!   ever removed, and only files in it are ever replaced;
//! * dot-files and dot-folders (`.git`, `.well-known`, `.htaccess`) are never changed
//!   or removed, recorded or not;
//! * a non-empty folder without a record is refused: copydesk never published there,
//!   so it may be the wrong folder. `--adopt` says it is the right one: the site's files
//!   then replace files of the same name, everything else stays and is listed in
//!   [`Plan::kept`];
//! * a publish that would replace a file copydesk did not publish (without `--adopt`),
//!   or that would have to delete one to make room (a folder where the site has a file,
//!   a file where it needs a folder, a dot-file), is refused and names the files.
//!
//! Refusals happen while planning, before the folder is touched, and a dry run is
//! refused the same way.
//!
//! How the folder then switches to the new site:
//! * when it holds nothing but copydesk's files and record (no foreign file, no
//!   dot-entry, no empty folder) and the platform can, the whole new site is staged
//!   beside it and swapped in with one atomic folder exchange ([`super::exchange`]):
//!   a reader, or a publish killed at any moment, sees the old site or the new one;
//! * otherwise the changed files are renamed in one by one ([`super::dir`]), which
//!   leaves everything else in place but is not atomic: [`Switch::FileByFile`] says
//!   why, and the command line warns. The record is then written just before the first
//!   change (listing the old and the new files, so a crash never leaves a published
//!   file unrecorded) and again at the end (listing exactly the site's files).

use std::fs;
use std::io;
use std::path::Path;

use walkdir::WalkDir;

use super::dir::{self, STAGING_NAME};
use super::exchange::{publish_by_exchange, sweep_siblings, ExchangeError};
use super::plan::{path_in, plan, relative_files, Plan};
use super::record::{is_dot_path, Record, RECORD_NAME};
use super::PublishError;

/// How a folder publish switched (or, dry, would switch) the folder to the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Switch {
    /// In one atomic step (or nothing had to change).
    Atomic,
    /// File by file, so a reader may briefly see old and new pages side by side; the
    /// text says why (a foreign file that must stay, a file system without exchange).
    FileByFile { why: String },
}

/// What a folder publish did (or, dry, would do).
#[derive(Debug, Clone)]
pub struct FolderPublish {
    pub plan: Plan,
    pub switch: Switch,
}

/// Plans the publish of `built` into the folder `target` and, unless `dry_run`, applies
/// it and records what was published. `adopt` allows a folder copydesk has not
/// published to, and lets the site's files replace files of the same name.
pub fn publish_to_folder(
    built: &Path,
    target: &Path,
    dry_run: bool,
    adopt: bool,
) -> Result<FolderPublish, PublishError> {
    let record = Record::load(target).map_err(|source| PublishError::Record {
        path: target.to_path_buf(),
        source,
    })?;
    let plan = plan_folder(built, target, record.as_ref(), adopt)?;
    let io = |e| PublishError::io(target, e);
    let published = Record::of(relative_files(built, &|_| false).map_err(io)?);
    let unchanged = plan.is_empty() && record.as_ref() == Some(&published);
    let mut switch = if unchanged {
        Switch::Atomic
    } else {
        match why_not_atomic(target, record.as_ref()).map_err(io)? {
            None => Switch::Atomic,
            Some(why) => Switch::FileByFile { why },
        }
    };
    if dry_run || unchanged {
        return Ok(FolderPublish { plan, switch });
    }
    sweep_siblings(target);
    if switch == Switch::Atomic {
        match publish_by_exchange(built, target, &plan, &published) {
            Ok(()) => return Ok(FolderPublish { plan, switch }),
            Err(ExchangeError::Failed(e)) => return Err(io(e)),
            Err(ExchangeError::Unsupported(why)) => switch = Switch::FileByFile { why },
        }
    }
    let mut files = record.map(|r| r.files).unwrap_or_default();
    files.extend(published.files.iter().cloned());
    let intent = Record::of(files);
    if plan.is_empty() {
        fs::create_dir_all(target).map_err(io)?;
    } else {
        dir::apply(built, target, &plan, || intent.save(target)).map_err(io)?;
    }
    published.save(target).map_err(io)?;
    Ok(FolderPublish { plan, switch })
}

/// Why `target` cannot be swapped for the new site whole: it is a link, or holds a file,
/// dot-entry or empty folder that copydesk did not publish (and that must stay where it
/// is). `None` when it holds only copydesk's files, its record and staging folder, or
/// does not exist.
pub fn why_not_atomic(target: &Path, record: Option<&Record>) -> io::Result<Option<String>> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
        Ok(meta) if !meta.is_dir() => return Ok(Some("it is not a plain folder".into())),
        Ok(_) => {}
    }
    let mut walk = WalkDir::new(target).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        // copydesk's own: its record, its staging folder, and a write a killed publish
        // left unfinished (it goes with the old tree when the new one is swapped in).
        let abandoned_write = !is_dir && name.starts_with(crate::atomic::WRITE_TEMP_PREFIX);
        if entry.depth() == 1
            && (name == RECORD_NAME || (name == STAGING_NAME && is_dir) || abandoned_write)
        {
            if is_dir {
                walk.skip_current_dir();
            }
            continue;
        }
        let relative = relative_path(target, entry.path())?;
        if is_dot_path(&relative) {
            return Ok(Some(format!(
                "it holds the dot-entry `{relative}`, which stays"
            )));
        }
        if is_dir {
            if fs::read_dir(entry.path())?.next().is_none() {
                return Ok(Some(format!("it holds the empty folder `{relative}/`")));
            }
        } else if !record.is_some_and(|r| r.contains(&relative)) {
            return Ok(Some(format!(
                "it holds `{relative}`, which copydesk did not publish"
            )));
        }
    }
    Ok(None)
}

/// `path` under `root` as a relative `/`-separated path.
fn relative_path(root: &Path, path: &Path) -> io::Result<String> {
    let relative = path.strip_prefix(root).map_err(io::Error::other)?;
    Ok(relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// What publishing `built` into `target` would change, with every file copydesk may
/// not touch moved to [`Plan::kept`]; an error when the publish must not happen.
pub fn plan_folder(
    built: &Path,
    target: &Path,
    record: Option<&Record>,
    adopt: bool,
) -> Result<Plan, PublishError> {
    let io = |e| PublishError::io(target, e);
    if record.is_none() && !adopt {
        refuse_unpublished(target)?;
    }
    let ours =
        |relative: &str| !is_dot_path(relative) && record.is_some_and(|r| r.contains(relative));
    let mut result = plan(built, target, &|p| is_dot_path(p)).map_err(io)?;
    refuse_foreign_changes(target, &result, &ours, adopt)?;
    let (removed, kept): (Vec<String>, Vec<String>) =
        result.removed.drain(..).partition(|file| ours(file));
    result.removed = removed;
    result.kept = kept;
    result.kept.extend(dot_entries(target).map_err(io)?);
    result.kept.sort();
    Ok(result)
}

/// Refuses `target` when it holds anything: it has no record, so copydesk never
/// published there and it may well be the wrong folder.
fn refuse_unpublished(target: &Path) -> Result<(), PublishError> {
    let entries = top_level_entries(target).map_err(|e| PublishError::io(target, e))?;
    if entries.is_empty() {
        return Ok(());
    }
    Err(PublishError::NotPublished {
        path: target.to_path_buf(),
        entries,
    })
}

/// Refuses a `plan` that would replace or delete files that are not `ours`: a foreign
/// file where the site has one (unless `adopt`; never a dot-file), a folder holding
/// foreign files where the site has a file, a foreign file or link where it needs a folder.
fn refuse_foreign_changes(
    target: &Path,
    plan: &Plan,
    ours: &dyn Fn(&str) -> bool,
    adopt: bool,
) -> Result<(), PublishError> {
    let io = |e| PublishError::io(target, e);
    let mut blocked = Vec::new();
    let mut adoptable = true;
    for file in &plan.changed {
        if fs::symlink_metadata(path_in(target, file)).is_ok_and(|m| m.is_dir()) {
            let foreign = foreign_files_under(target, file, ours).map_err(io)?;
            adoptable &= foreign.is_empty();
            blocked.extend(foreign);
        } else if !ours(file) && (is_dot_path(file) || !adopt) {
            adoptable &= !is_dot_path(file);
            blocked.push(file.clone());
        }
    }
    for file in plan.added.iter().chain(&plan.changed) {
        if let Some(in_the_way) = file_in_the_way(target, file).map_err(io)? {
            if !ours(&in_the_way) {
                adoptable = false;
                blocked.push(in_the_way);
            }
        }
    }
    if blocked.is_empty() {
        return Ok(());
    }
    blocked.sort();
    blocked.dedup();
    Err(PublishError::WouldReplace {
        path: target.to_path_buf(),
        files: blocked,
        adoptable,
    })
}

/// The names directly in `target` (folders with a trailing `/`), except copydesk's own
/// staging folder; empty when the folder does not exist.
fn top_level_entries(target: &Path) -> io::Result<Vec<String>> {
    let entries = match fs::read_dir(target) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == STAGING_NAME {
            continue;
        }
        let slash = if entry.file_type()?.is_dir() { "/" } else { "" };
        names.push(format!("{name}{slash}"));
    }
    names.sort();
    Ok(names)
}

/// Every file under the target folder `relative` (dot-files included) that is not
/// `ours`: what replacing that folder by a file would delete.
fn foreign_files_under(
    target: &Path,
    relative: &str,
    ours: &dyn Fn(&str) -> bool,
) -> io::Result<Vec<String>> {
    let folder = path_in(target, relative);
    let mut foreign = Vec::new();
    for entry in WalkDir::new(&folder).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let below = entry
            .path()
            .strip_prefix(&folder)
            .map_err(io::Error::other)?;
        let name = below
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .fold(relative.to_string(), |path, part| format!("{path}/{part}"));
        if !ours(&name) {
            foreign.push(name);
        }
    }
    Ok(foreign)
}

/// The target file (or symlink, even one to a folder) that stands where a folder above
/// the site file `relative` must go, and that writing it would therefore delete.
fn file_in_the_way(target: &Path, relative: &str) -> io::Result<Option<String>> {
    let parts: Vec<&str> = relative.split('/').collect();
    for depth in 1..parts.len() {
        let above = parts[..depth].join("/");
        match fs::symlink_metadata(path_in(target, &above)) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => return Ok(Some(above)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// The dot-files and dot-folders of `target` (folders once, as `.git/`), which stay
/// whatever the site holds; copydesk's own record and staging folder are left out.
fn dot_entries(target: &Path) -> io::Result<Vec<String>> {
    if !target.is_dir() {
        return Ok(Vec::new());
    }
    let mut entries = Vec::new();
    let mut walk = WalkDir::new(target).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let name = entry.file_name().to_string_lossy();
        if !name.starts_with('.') {
            continue;
        }
        let is_dir = entry.file_type().is_dir();
        if is_dir {
            walk.skip_current_dir();
        }
        let top_level_own = entry.depth() == 1 && (name == RECORD_NAME || name == STAGING_NAME);
        if top_level_own {
            continue;
        }
        let relative = relative_path(target, entry.path())?;
        entries.push(if is_dir {
            format!("{relative}/")
        } else {
            relative
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::super::plan::write_test_file as write;
    use super::*;

    fn record(files: &[&str]) -> Record {
        Record::of(files.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn only_recorded_files_are_removed_and_the_rest_is_kept() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "home");
        write(target.path(), "index.html", "home");
        write(target.path(), "old/index.html", "published once");
        write(target.path(), "mine.txt", "not copydesk's");
        write(target.path(), ".git/HEAD", "ref");
        write(target.path(), "a/.htaccess", "deny");
        let recorded = record(&["index.html", "old/index.html", "a/.htaccess"]);
        let plan = plan_folder(site.path(), target.path(), Some(&recorded), false).unwrap();
        assert_eq!(plan.removed, ["old/index.html"]);
        assert_eq!(plan.kept, [".git/", "a/.htaccess", "mine.txt"]);
    }

    #[test]
    fn a_folder_where_the_site_has_a_file_is_not_emptied_of_foreign_files() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "feed", "now a file");
        write(target.path(), "feed/index.xml", "published");
        write(target.path(), "feed/mine.txt", "not copydesk's");
        let recorded = record(&["feed/index.xml"]);
        for adopt in [false, true] {
            let error =
                plan_folder(site.path(), target.path(), Some(&recorded), adopt).unwrap_err();
            let PublishError::WouldReplace {
                files, adoptable, ..
            } = error
            else {
                panic!("{error:?}")
            };
            assert_eq!(files, ["feed/mine.txt"]);
            assert!(!adoptable);
        }
    }

    #[test]
    fn a_foreign_file_where_the_site_needs_a_folder_is_not_deleted() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "page/index.html", "a folder now");
        write(target.path(), "page", "not copydesk's");
        let error = plan_folder(site.path(), target.path(), Some(&record(&[])), true).unwrap_err();
        assert!(error.to_string().contains("`page`"), "{error}");
        let recorded = record(&["page"]);
        let plan = plan_folder(site.path(), target.path(), Some(&recorded), false).unwrap();
        assert_eq!(plan.added, ["page/index.html"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_foreign_link_to_a_folder_is_neither_followed_nor_replaced() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        write(site.path(), "media/a.css", "new");
        write(elsewhere.path(), "a.css", "old, outside the target");
        std::os::unix::fs::symlink(elsewhere.path(), target.path().join("media")).unwrap();
        let recorded = record(&["media/a.css"]);
        let error = plan_folder(site.path(), target.path(), Some(&recorded), true).unwrap_err();
        assert!(error.to_string().contains("`media`"), "{error}");
    }

    #[test]
    fn adopting_replaces_same_named_files_but_never_dot_files() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "new home");
        write(target.path(), "index.html", "hand-made home");
        let plan = plan_folder(site.path(), target.path(), None, true).unwrap();
        assert_eq!(plan.changed, ["index.html"]);
        write(site.path(), ".well-known/x", "the site's");
        write(target.path(), ".well-known/x", "the host's");
        assert!(plan_folder(site.path(), target.path(), None, true).is_err());
    }

    #[test]
    fn publishing_writes_the_record_of_the_sites_files() {
        let site = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        write(site.path(), "index.html", "home");
        write(site.path(), "a/b.css", "b");
        let done = publish_to_folder(site.path(), target.path(), false, false).unwrap();
        assert_eq!(done.switch, Switch::Atomic);
        let saved = Record::load(target.path()).unwrap().unwrap();
        assert_eq!(saved, record(&["a/b.css", "index.html"]));
        assert!(!target.path().join(STAGING_NAME).exists());
    }
}
