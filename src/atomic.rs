//! Files replaced in one step: written beside their final path, then renamed over it,
//! so a reader (or a crash) sees the old file or the new one, never half of one.
//!
//! The temporary file is created with the mode an ordinary write would give (0666 less
//! the umask), not the 0600 of a private temporary file, which the rename would carry
//! over: articles, the clean manifest, the publish record and pages rebuilt by `serve`
//! must be readable as any file the user writes.

use std::io::{self, Write};
use std::path::Path;

/// How the temporary files of [`write_replacing`] are named (`.copydesk-write-XXXXXX`):
/// one a killed process left behind is recognisably copydesk's, never a user's file.
pub const WRITE_TEMP_PREFIX: &str = ".copydesk-write-";

/// Replaces the file at `path` with `bytes`; with `sync`, the data reaches the disk
/// before the rename.
pub fn write_replacing(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    write_replacing_with(path, sync, |out| out.write_all(bytes))
}

/// [`write_replacing`] with what `write` writes (buffered), so that a large file need
/// not be made in memory first.
pub fn write_replacing_with(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temp = written_temp(path, sync, write)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to a new file at `path` the same way, but only if no file of that name
/// exists when it is put in place (`renameat2` with `RENAME_NOREPLACE`, or a hard link
/// where that is missing), so a file that appeared meanwhile is never replaced.
/// `Ok(false)` when nothing was put at `path`: a file of that name exists, or this file
/// system cannot add a name without replacing one; the caller then looks at the file
/// and decides as before.
pub fn write_new(path: &Path, bytes: &[u8], sync: bool) -> io::Result<bool> {
    let temp = written_temp(path, sync, |out| out.write_all(bytes))?;
    // The temporary file is removed when the error (holding it) is dropped.
    Ok(temp.persist_noclobber(path).is_ok())
}

/// A temporary file beside `path` holding what `write` writes, synced with `sync`.
fn written_temp(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<tempfile::NamedTempFile> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(WRITE_TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    let mut out = io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    if sync {
        temp.as_file().sync_all()?;
    }
    Ok(temp)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_replaced_file_takes_the_umask_not_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_replacing(&path, b"one", true).unwrap();
        write_replacing(&path, b"two", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        // Whatever the umask of the test run, others may read unless it forbids that.
        let ordinary = {
            let probe = dir.path().join("probe");
            std::fs::write(&probe, "").unwrap();
            std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777
        };
        assert_eq!(mode, ordinary, "{mode:o} against {ordinary:o}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left");
    }

    #[test]
    fn a_new_file_never_replaces_one_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        assert!(write_new(&path, b"one", false).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(!write_new(&path, b"two", false).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }
}
