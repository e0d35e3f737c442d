//! The record a folder target keeps of what copydesk published into it.
//!
//! `.copydesk-published` in the target lists, as relative `/`-separated paths, every file
//! the last publish put there. It is what makes a shared folder safe: a publish removes
//! only files that are in the record, so whatever else the folder holds (a `.git`
//! repository, a host's `.well-known/`, files a person put there) stays as it is.
//!
//! A folder without a record that holds anything is not copydesk's; publishing into it
//! needs `--adopt`. A record that cannot be read is an error, never taken as empty: an
//! empty record would turn every published file into a file copydesk may not touch,
//! and a guessed one could delete what it should keep.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The record's file name, at the top of the target folder.
pub const RECORD_NAME: &str = ".copydesk-published";

/// The format written today; a record of another version is refused, not guessed at.
const VERSION: u32 = 1;

/// The files copydesk published into a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Written as `version` so a later format can be told apart.
    version: u32,
    /// Relative `/`-separated paths of the published files.
    pub files: BTreeSet<String>,
}

/// Why the record of a folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("cannot read {RECORD_NAME}: {0}")]
    Read(#[source] io::Error),
    #[error("{RECORD_NAME} is damaged ({0}); it lists what copydesk may remove, so fix it, or delete it and publish with --adopt")]
    Damaged(String),
}

impl Record {
    /// A record of exactly `files`.
    pub fn of(files: BTreeSet<String>) -> Record {
        Record {
            version: VERSION,
            files,
        }
    }

    /// True when `relative` (a `/`-separated path) was published by copydesk.
    pub fn contains(&self, relative: &str) -> bool {
        self.files.contains(relative)
    }

    /// The record of `target`; `None` when the folder has none (or does not exist).
    pub fn load(target: &Path) -> Result<Option<Record>, RecordError> {
        let text = match fs::read_to_string(target.join(RECORD_NAME)) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(RecordError::Read(e)),
        };
        let record: Record =
            serde_json::from_str(&text).map_err(|e| RecordError::Damaged(e.to_string()))?;
        if record.version != VERSION {
            return Err(RecordError::Damaged(format!(
                "version {} is not one this copydesk knows",
                record.version
            )));
        }
        Ok(Some(record))
    }

    /// Writes the record into `target`, atomically: a reader (or a crash) sees the old
    /// record or the new one, never half of one.
    pub fn save(&self, target: &Path) -> io::Result<()> {
        let json = serde_json::to_string_pretty(self).expect("a record always serialises");
        crate::atomic::write_replacing(
            &target.join(RECORD_NAME),
            format!("{json}\n").as_bytes(),
            true,
        )
    }
}

/// True when any part of the relative path `relative` is a dot-name (`.git/HEAD`,
/// `.well-known`, `a/.htaccess`): such files belong to the folder's owner or host and a
/// publish never changes or removes them.
pub fn is_dot_path(relative: &str) -> bool {
    relative.split('/').any(|part| part.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_record_loads_back() {
        let target = tempfile::tempdir().unwrap();
        assert_eq!(Record::load(target.path()).unwrap(), None);
        let record = Record::of(["index.html".to_string(), "a/b.css".to_string()].into());
        record.save(target.path()).unwrap();
        assert_eq!(Record::load(target.path()).unwrap(), Some(record));
    }

    #[test]
    fn a_damaged_record_is_an_error_not_an_empty_record() {
        let target = tempfile::tempdir().unwrap();
        fs::write(target.path().join(RECORD_NAME), "{\"files\": [").unwrap();
        let error = Record::load(target.path()).unwrap_err();
        assert!(error.to_string().contains("--adopt"), "{error}");
        fs::write(
            target.path().join(RECORD_NAME),
            "{\"version\": 9, \"files\": []}",
        )
        .unwrap();
        assert!(Record::load(target.path()).is_err());
    }

    #[test]
    fn dot_paths_are_any_with_a_dot_part() {
        assert!(is_dot_path(".git/HEAD"));
        assert!(is_dot_path("a/.htaccess"));
        assert!(is_dot_path(".well-known"));
        assert!(!is_dot_path("articles/x/index.html"));
        assert!(!is_dot_path("style.v2.css"));
    }
}
