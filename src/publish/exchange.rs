//! Switching an in-place folder target to the new site in one step (issue 10, item 2).
//!
//! The new site is staged whole as a sibling of the target, `PARENT/.NAME.copydesk-next-PID`
//! (same parent, so same file system): unchanged files are hard links to the live ones
//! (same inode and time stamps, no copy), added and changed files are copied from the build,
//! and the folder's [`Record`] is written inside. Then one `renameat2(RENAME_EXCHANGE)`
//! swaps the two folders: the target's path names the new site, the sibling's path the old
//! one, which is removed. A reader resolving a path under the target sees the old site or
//! the new one, whole, at every instant; a publish killed at any point leaves the target
//! wholly old or wholly new, and its sibling (the half-staged new site, or the whole old
//! one) is swept by the next publish once the process is gone.
//!
//! The exchange swaps whole folders, so it is used only when the target holds nothing but
//! what copydesk published there (see [`super::folder`]); the kernel call is Linux's
//! (3.15+, on ext4, XFS, btrfs, tmpfs and most local file systems). Where it is missing
//! the caller falls back to the file-by-file switch of [`super::dir`].

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::plan::{path_in, relative_files, Plan};
use super::record::Record;
use crate::scratch::{self, remove_tree, sweep_abandoned};

/// Marks the staged sibling of a target: `.NAME` + this + `PID`.
const NEXT_MARK: &str = ".copydesk-next-";

/// Why the new site could not be swapped in whole; the target is as it was.
#[derive(Debug)]
pub enum ExchangeError {
    /// This platform or file system cannot do it (or the sibling cannot be made): publish
    /// file by file instead, saying why.
    Unsupported(String),
    /// Staging the new site failed (a file vanished, the disk is full): stop.
    Failed(io::Error),
}

/// Makes `target` hold exactly the files of `built` and the record `published`, in one
/// step. `plan` (against the live target) tells which files are unchanged and may be
/// linked rather than copied. `target` must hold only copydesk's files.
pub fn publish_by_exchange(
    built: &Path,
    target: &Path,
    plan: &Plan,
    published: &Record,
) -> Result<(), ExchangeError> {
    let (parent, next) = sibling_of(target).ok_or_else(|| {
        ExchangeError::Unsupported(format!("{} has no parent folder", target.display()))
    })?;
    sweep_siblings(target);
    let made = fs::create_dir_all(&parent).and_then(|()| {
        remove_tree(&next)?;
        fs::create_dir(&next)
    });
    if let Err(e) = made {
        return Err(ExchangeError::Unsupported(format!(
            "cannot stage the new site beside it, in {} ({e})",
            parent.display()
        )));
    }
    scratch::register(&next);
    if let Err(why) = take_owner_of(&next, target) {
        let _ = remove_tree(&next);
        scratch::unregister(&next);
        return Err(ExchangeError::Unsupported(why));
    }
    let result = stage(built, target, plan, published, &next)
        .map_err(ExchangeError::Failed)
        .and_then(|()| refuse_if_interrupted())
        .and_then(|()| swap_in(&next, target));
    let _ = remove_tree(&next);
    scratch::unregister(&next);
    result
}

/// Stops before the swap once Ctrl-C or SIGTERM came: the signal handler removes the
/// registered sibling a few seconds later, and must never find it swapped in half-removed.
/// (A signal after this check finds the swap, a single call, long done.)
fn refuse_if_interrupted() -> Result<(), ExchangeError> {
    if scratch::interrupted() {
        return Err(ExchangeError::Failed(io::Error::new(
            io::ErrorKind::Interrupted,
            "interrupted before the switch; the folder is as it was",
        )));
    }
    Ok(())
}

/// Gives the staged folder the owner and group of the live `target` (a web root often
/// belongs to the server's group), or says why it cannot: the swap would otherwise
/// hand the web root to whoever publishes.
#[cfg(unix)]
fn take_owner_of(next: &Path, target: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let (Ok(live), Ok(staged)) = (fs::metadata(target), fs::metadata(next)) else {
        return Ok(()); // no live folder yet: the new one is simply ours
    };
    if (live.uid(), live.gid()) == (staged.uid(), staged.gid()) {
        return Ok(());
    }
    std::os::unix::fs::chown(next, Some(live.uid()), Some(live.gid())).map_err(|e| {
        format!(
            "it belongs to user {} and group {}, which a new folder made by this user cannot \
             ({e})",
            live.uid(),
            live.gid()
        )
    })
}

#[cfg(not(unix))]
fn take_owner_of(_next: &Path, _target: &Path) -> Result<(), String> {
    Ok(())
}

/// The target's parent and the sibling path this process stages into.
fn sibling_of(target: &Path) -> Option<(PathBuf, PathBuf)> {
    let parent = target.parent()?;
    let name = target.file_name()?.to_string_lossy();
    let next = parent.join(format!(".{name}{NEXT_MARK}{}", std::process::id()));
    Some((parent.to_path_buf(), next))
}

/// Removes the siblings that killed publishes into `target` left (a half-staged new site,
/// or an old site swapped out and not yet removed), once their process is gone.
pub fn sweep_siblings(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}{NEXT_MARK}", name.to_string_lossy());
    sweep_abandoned(parent, |entry| entry.strip_prefix(&prefix)?.parse().ok());
}

/// Fills `next` with the whole new site: unchanged files linked from `target`, the rest
/// copied from `built`, the record written last, all flushed to disk; the folder gets
/// the target's permissions.
fn stage(
    built: &Path,
    target: &Path,
    plan: &Plan,
    published: &Record,
    next: &Path,
) -> io::Result<()> {
    let fresh: std::collections::BTreeSet<&String> =
        plan.added.iter().chain(&plan.changed).collect();
    for relative in relative_files(built, &|_| false)? {
        if scratch::interrupted() {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        let destination = path_in(next, &relative);
        if let Some(folder) = destination.parent() {
            fs::create_dir_all(folder)?;
        }
        let linked = !fresh.contains(&relative)
            && fs::hard_link(path_in(target, &relative), &destination).is_ok();
        if !linked {
            fs::copy(path_in(built, &relative), &destination)?;
        }
    }
    published.save(next)?;
    if let Ok(meta) = fs::metadata(target) {
        fs::set_permissions(next, meta.permissions())?;
    }
    flush_file_system(next)
}

/// Puts the staged `next` where `target` is: an exchange when the target exists, a plain
/// rename (atomic too) when it does not.
fn swap_in(next: &Path, target: &Path) -> Result<(), ExchangeError> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::rename(next, target).map_err(ExchangeError::Failed)
        }
        Err(e) => Err(ExchangeError::Failed(e)),
        Ok(_) => exchange(next, target),
    }
}

/// Swaps the folders at `a` and `b` in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<(), ExchangeError> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| ExchangeError::Failed(io::Error::new(io::ErrorKind::InvalidInput, e)))
    };
    let (a_c, b_c) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings alive for the call; the syscall
    // reads them and touches no memory of ours. `syscall` rather than `libc::renameat2`
    // because musl's libc lacks the wrapper.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a_c.as_ptr(),
            libc::AT_FDCWD,
            b_c.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(());
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::ENOSYS | libc::EINVAL | libc::EXDEV | libc::EBUSY | libc::EPERM) => Err(
            ExchangeError::Unsupported(format!("its file system cannot swap folders ({error})")),
        ),
        _ => Err(ExchangeError::Failed(error)),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> Result<(), ExchangeError> {
    Err(ExchangeError::Unsupported(
        "copydesk swaps folders in one step only on Linux".into(),
    ))
}

/// Flushes the file system holding `folder` (Linux `syncfs`: one call, not one per file),
/// so a power cut after the swap finds the new files' data on disk.
#[cfg(target_os = "linux")]
fn flush_file_system(folder: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let handle = fs::File::open(folder)?;
    // SAFETY: syncfs takes an open descriptor, which `handle` holds for the call.
    if unsafe { libc::syncfs(handle.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn flush_file_system(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::super::plan::{plan, write_test_file as write};
    use super::*;

    #[test]
    fn the_new_site_replaces_the_old_whole_and_unchanged_files_keep_their_inode() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (built, target) = (dir.path().join("built"), dir.path().join("www"));
        write(&built, "index.html", "new home");
        write(&built, "a/same.css", "same");
        write(&target, "index.html", "old home");
        write(&target, "a/same.css", "same");
        write(&target, "gone/index.html", "stale");
        let inode = fs::metadata(target.join("a/same.css")).unwrap().ino();
        let changes = plan(&built, &target, &|_| false).unwrap();
        let record = Record::of(["index.html".into(), "a/same.css".into()].into());
        match publish_by_exchange(&built, &target, &changes, &record) {
            Ok(()) => {}
            Err(ExchangeError::Unsupported(why)) => {
                eprintln!("SKIP: {why}");
                return;
            }
            Err(ExchangeError::Failed(e)) => panic!("{e}"),
        }
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new home"
        );
        assert!(!target.join("gone").exists());
        assert_eq!(
            fs::metadata(target.join("a/same.css")).unwrap().ino(),
            inode
        );
        assert_eq!(Record::load(&target).unwrap(), Some(record));
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 2, "only built/ and www/ remain: {left:?}");
    }

    #[test]
    fn the_new_folder_takes_the_live_ones_group_or_the_switch_is_not_made() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (live, next) = (dir.path().join("www"), dir.path().join("next"));
        fs::create_dir(&live).unwrap();
        fs::create_dir(&next).unwrap();
        assert_eq!(take_owner_of(&next, &live), Ok(()));
        // Another group: root may give it; anyone else must be told why not.
        let other_gid = if fs::metadata(&live).unwrap().gid() == 0 {
            1
        } else {
            0
        };
        std::os::unix::fs::chown(&live, None, Some(other_gid)).ok();
        if fs::metadata(&live).unwrap().gid() != other_gid {
            return; // cannot make the case here
        }
        match take_owner_of(&next, &live) {
            Ok(()) => assert_eq!(fs::metadata(&next).unwrap().gid(), other_gid),
            Err(why) => assert!(why.contains("belongs to"), "{why}"),
        }
    }

    #[test]
    fn a_sibling_left_by_a_gone_process_is_swept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("www");
        // Pid numbers wrap far below this one, so no such process runs.
        let stale = dir.path().join(format!(".www{NEXT_MARK}4000000000"));
        let other = dir.path().join(format!(".blog{NEXT_MARK}4000000000"));
        write(&stale, "index.html", "half-staged");
        write(&other, "index.html", "another target's");
        sweep_siblings(&target);
        assert!(!stale.exists());
        assert!(other.exists(), "a sibling of another target was swept");
    }
}
