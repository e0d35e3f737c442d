//! Publishing into a folder of releases, switched live in one step.
//!
//! With `layout = "releases"` the target folder is laid out as
//!
//! ```text
//! www/                      the `path` of [publish]
//! ├── current -> releases/20260104T091500.123Z     the web server's root points here
//! └── releases/
//!     ├── 20260103T180000.456Z/                   the previous release, kept
//!     └── 20260104T091500.123Z/                   a whole copy of the site
//! ```
//!
//! A publish copies the whole site into `releases/.incoming-PID/`, renames that to a new
//! release named by the time, makes a new symlink beside `current` and renames it over
//! `current`. That last rename is the one step that makes the new site live, and it is
//! atomic: a reader resolving `current` gets the old release or the new one, whole, at
//! every instant, and a publish killed at any point leaves `current` on a whole
//! release. Point the web server at `www/current` (nginx `root /srv/www/current;`,
//! Apache `DocumentRoot /srv/www/current` with `FollowSymLinks`); the server resolves
//! `current` per request, so the switch needs no reload.
//!
//! The newest [`KEEP`] releases stay (the one before is a quick way back:
//! `copydesk publish --rollback`, [`roll_back`]); older ones, and incoming copies of publishes that were killed,
//! are removed. copydesk touches nothing else in the folder, and refuses a `current`
//! that is not a link to one of its releases. Symlinks are needed, so this layout is
//! for Unix hosts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::plan::{plan, Plan};
use super::PublishError;
use crate::scratch::{self, remove_tree, sweep_abandoned};

/// The link a web server serves.
pub const CURRENT: &str = "current";
/// The folder of releases.
pub const RELEASES: &str = "releases";
/// Releases kept, the live one included.
pub const KEEP: usize = 3;
/// Prefix of a release being copied in (then `PID`).
const INCOMING: &str = ".incoming-";

/// Publishes `built` into the releases folder `target` (or, with `dry_run`, only says
/// what would change against the live release).
pub fn publish_to_releases(
    built: &Path,
    target: &Path,
    dry_run: bool,
) -> Result<Plan, PublishError> {
    let io = |e| PublishError::io(target, e);
    let live = live_release(target)?;
    let changes = match &live {
        Some(release) => plan(built, release, &|_| false).map_err(io)?,
        None => plan(built, &target.join(RELEASES).join("(none)"), &|_| false).map_err(io)?,
    };
    if dry_run || (live.is_some() && changes.is_empty()) {
        return Ok(changes);
    }
    let releases = target.join(RELEASES);
    fs::create_dir_all(&releases).map_err(io)?;
    sweep_abandoned(&releases, |name| name.strip_prefix(INCOMING)?.parse().ok());
    let release = copy_in(built, &releases).map_err(io)?;
    switch_to(target, &release).map_err(io)?;
    prune(&releases, &release).map_err(io)?;
    Ok(changes)
}

/// The release `current` points at; `None` before the first publish. A `current` that
/// is not a link into `releases/` is not copydesk's, and is refused.
pub fn live_release(target: &Path) -> Result<Option<PathBuf>, PublishError> {
    let current = target.join(CURRENT);
    let refuse = |why: &str| {
        Err(PublishError::Config(format!(
            "refusing to publish into {}: {} {why}; the releases layout needs `current` to be \
             its own link (move it away, or use layout = \"in-place\")",
            target.display(),
            current.display()
        )))
    };
    match fs::symlink_metadata(&current) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(PublishError::io(&current, e)),
        Ok(meta) if !meta.file_type().is_symlink() => refuse("is not a symlink"),
        Ok(_) => {
            let link = fs::read_link(&current).map_err(|e| PublishError::io(&current, e))?;
            let mut parts = link.components();
            let inside = parts.next().is_some_and(|c| c.as_os_str() == RELEASES)
                && parts.next().is_some()
                && parts.next().is_none();
            if !inside {
                return refuse("does not point into releases/");
            }
            Ok(Some(target.join(link)).filter(|release| release.is_dir()))
        }
    }
}

/// Copies `built` into a new release folder in `releases` and returns its name.
fn copy_in(built: &Path, releases: &Path) -> io::Result<String> {
    let incoming = releases.join(format!("{INCOMING}{}", std::process::id()));
    remove_tree(&incoming)?;
    scratch::register(&incoming);
    let copied = copy_tree(built, &incoming).and_then(|()| {
        let name = release_name(releases);
        fs::rename(&incoming, releases.join(&name))?;
        Ok(name)
    });
    if copied.is_err() {
        let _ = remove_tree(&incoming);
    }
    scratch::unregister(&incoming);
    copied
}

/// A fresh release name: the UTC time to the millisecond (names sort by age), with a
/// counter when two publishes share a millisecond.
fn release_name(releases: &Path) -> String {
    new_release_name(|name| releases.join(name).exists())
}

/// A release name made of the UTC time to the millisecond, with a counter when `taken`
/// says a release of that name exists. Shared with the rsync target's server folder.
pub(crate) fn new_release_name(taken: impl Fn(&str) -> bool) -> String {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let mut name = stamp.clone();
    let mut n = 1;
    while taken(&name) {
        name = format!("{stamp}-{n}");
        n += 1;
    }
    name
}

/// Copies the files and folders under `from` into the new folder `to`.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir(to)?;
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let destination = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir(&destination)?;
        } else {
            fs::copy(entry.path(), &destination)?;
        }
    }
    Ok(())
}

/// Makes `current` point at `releases/<release>` in one rename.
fn switch_to(target: &Path, release: &str) -> io::Result<()> {
    let next = target.join(format!(".{CURRENT}-{}", std::process::id()));
    remove_tree(&next)?;
    symlink(&Path::new(RELEASES).join(release), &next)?;
    let switched = fs::rename(&next, target.join(CURRENT));
    if switched.is_err() {
        let _ = fs::remove_file(&next);
    }
    switched
}

#[cfg(unix)]
fn symlink(points_to: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(points_to, link)
}

#[cfg(not(unix))]
fn symlink(_points_to: &Path, _link: &Path) -> io::Result<()> {
    Err(io::Error::other(
        "the releases layout needs symlinks, which copydesk makes only on Unix",
    ))
}

/// Removes all but the newest [`KEEP`] releases; never `live`.
fn prune(releases: &Path, live: &str) -> io::Result<()> {
    for name in releases_to_remove(&release_names(releases)?, live, KEEP) {
        remove_tree(&releases.join(name))?;
    }
    Ok(())
}

/// The names of the releases in `releases`, oldest first (incoming copies left out).
fn release_names(releases: &Path) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(releases)?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    Ok(names)
}

/// Of the release `names`, those beyond the newest `keep`, never `live`.
pub(crate) fn releases_to_remove(names: &[String], live: &str, keep: usize) -> Vec<String> {
    let mut sorted = names.to_vec();
    sorted.sort();
    let excess = sorted.len().saturating_sub(keep);
    sorted.truncate(excess);
    sorted.retain(|name| name != live);
    sorted
}

/// The release to go back to from `live`: the newest one older than it.
pub(crate) fn release_before(names: &[String], live: &str) -> Option<String> {
    names
        .iter()
        .filter(|name| name.as_str() < live)
        .max()
        .cloned()
}

/// `copydesk publish --rollback`: points `current` back at the release before the live
/// one, in one atomic step, and returns its name. The newer release stays on disk (the
/// next publish makes a newer one still, and the oldest are pruned as usual).
pub fn roll_back(target: &Path) -> Result<String, PublishError> {
    let io = |e| PublishError::io(target, e);
    let Some(live) = live_release(target)? else {
        return Err(PublishError::Config(format!(
            "nothing to roll back in {}: it has no `current` release",
            target.display()
        )));
    };
    let live_name = live
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let names = release_names(&target.join(RELEASES)).map_err(io)?;
    let Some(previous) = release_before(&names, &live_name) else {
        return Err(PublishError::Config(format!(
            "nothing to roll back to in {}: {live_name} is the oldest release kept",
            target.display()
        )));
    };
    switch_to(target, &previous).map_err(io)?;
    Ok(previous)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn built(dir: &Path, version: &str) -> PathBuf {
        let site = dir.join(format!("build-{version}"));
        fs::create_dir_all(site.join("articles/a")).unwrap();
        fs::write(site.join("index.html"), version).unwrap();
        fs::write(site.join("articles/a/index.html"), version).unwrap();
        site
    }

    #[test]
    fn each_publish_is_a_release_and_current_moves_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        fs::create_dir_all(target.join(".well-known")).unwrap();
        fs::write(target.join("notes.txt"), "mine").unwrap();
        for (n, version) in ["v1", "v2", "v3", "v4"].into_iter().enumerate() {
            let plan = publish_to_releases(&built(dir.path(), version), &target, false).unwrap();
            let expected_changes = if n == 0 { 0 } else { 2 };
            assert_eq!(plan.changed.len(), expected_changes, "{version}");
            let live = fs::read_to_string(target.join("current/articles/a/index.html")).unwrap();
            assert_eq!(live, version);
        }
        let releases = fs::read_dir(target.join(RELEASES)).unwrap().count();
        assert_eq!(releases, KEEP);
        assert_eq!(
            fs::read_to_string(target.join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(target.join(".well-known").is_dir());
        // Nothing changed: no new release.
        publish_to_releases(&built(dir.path(), "v4"), &target, false).unwrap();
        assert_eq!(fs::read_dir(target.join(RELEASES)).unwrap().count(), KEEP);
    }

    #[test]
    fn a_current_that_is_not_copydesks_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        fs::create_dir_all(target.join(CURRENT)).unwrap();
        let error = publish_to_releases(&built(dir.path(), "v1"), &target, false).unwrap_err();
        assert!(error.to_string().contains("is not a symlink"), "{error}");
        fs::remove_dir(target.join(CURRENT)).unwrap();
        std::os::unix::fs::symlink("/etc", target.join(CURRENT)).unwrap();
        let error = publish_to_releases(&built(dir.path(), "v1"), &target, false).unwrap_err();
        assert!(error.to_string().contains("releases/"), "{error}");
    }

    #[test]
    fn rollback_goes_back_one_release_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        let live = || fs::read_to_string(target.join("current/index.html")).unwrap();
        assert!(roll_back(&target).is_err(), "no release yet");
        for version in ["v1", "v2", "v3"] {
            publish_to_releases(&built(dir.path(), version), &target, false).unwrap();
        }
        roll_back(&target).unwrap();
        assert_eq!(live(), "v2");
        roll_back(&target).unwrap();
        assert_eq!(live(), "v1");
        let error = roll_back(&target).unwrap_err();
        assert!(error.to_string().contains("oldest"), "{error}");
        assert_eq!(live(), "v1");
        // The next publish is the newest release, and the live one is never pruned.
        publish_to_releases(&built(dir.path(), "v4"), &target, false).unwrap();
        assert_eq!(live(), "v4");
    }

    #[test]
    fn pruning_keeps_the_newest_and_the_live_release() {
        let names: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(releases_to_remove(&names, "e", 3), ["a", "b"]);
        assert_eq!(releases_to_remove(&names, "a", 3), ["b"]);
        assert_eq!(release_before(&names, "c").as_deref(), Some("b"));
        assert_eq!(release_before(&names, "a"), None);
    }

    #[test]
    fn a_dry_run_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        let plan = publish_to_releases(&built(dir.path(), "v1"), &target, true).unwrap();
        assert_eq!(plan.added.len(), 2);
        assert!(!target.exists());
    }
}
