//! The build cache: what the last `copydesk build` wrote, kept across runs.
//!
//! `serve` keeps its [`Builder`](super::Builder) alive, so a rebuild knows, for every output
//! file, the *fingerprint* of what it was made from (see [`render`](super::render): an
//! article page hashes its article and section files with their content hashes, a listing
//! the inputs of every article it shows, a feed or sitemap the articles it lists, and every
//! page the templates, `site.toml` and build options) and the content hash of the bytes it
//! wrote. This module saves that record in the site's `.copydesk/build-cache/`, one file per
//! output folder, so that the next `copydesk build` starts from it too:
//!
//! * **nothing changed** — every input file (everything under the site root except hidden
//!   entries and the output) has the size and modification time recorded: the build stops
//!   at once and writes nothing;
//! * **something changed** — the site is loaded and planned as usual; pages whose
//!   fingerprint matches the record are not rendered, and of the rest only files whose
//!   bytes changed are written (in place, each by temporary file and rename);
//! * **no usable record** (none, unreadable, another format or another copydesk binary,
//!   other build options, the output folder gone) — a full build, staged and swapped in.
//!
//! The record is removed before a build that updates the output in place and written again
//! only when it succeeds, so a build killed halfway leaves no record and the next build is a
//! full one. Fingerprints use the standard library's hasher, which is stable only within one
//! binary: a record made by another binary (compared by path, size and modification time)
//! is never used.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::scratch::SITE_STATE_DIR;

/// Bumped whenever the record's meaning changes; a record of another format is ignored.
const FORMAT: u32 = 1;

/// The folder inside `.copydesk/` holding one record per output folder.
pub const CACHE_DIR: &str = "build-cache";

/// A file modified this close to the start of a build could change again within the
/// file system's timestamp granularity without its stamp changing: such a build's stamps
/// are not trusted to prove that nothing changed.
const RACY_WINDOW: Duration = Duration::from_secs(2);

/// Size and modification time of one input file, by its `/`-separated path in the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputStamp {
    pub path: String,
    pub size: u64,
    /// Nanoseconds since the Unix epoch (0 when the file system does not say).
    pub modified_ns: u128,
}

/// What one build left in the output folder, as saved in `.copydesk/build-cache/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuildRecord {
    format: u32,
    /// Which copydesk binary wrote the record ([`binary_identity`]).
    binary: String,
    /// The output folder and the build options ([`BuildKey`]).
    key: BuildKey,
    /// Every input file when the build started.
    pub inputs: Vec<InputStamp>,
    /// The output folder itself when the build ended ([`folder_identity`]): a folder
    /// swapped in by anything else (another copydesk, a restore) no longer matches.
    pub output: String,
    /// True when the stamps cannot prove that nothing changed since: an input was modified
    /// within two seconds of the build, a future-dated article was left out (it will
    /// appear once its time comes), or the build printed warnings (a build that stops early
    /// could not repeat them).
    pub must_recheck: bool,
    /// The summary figures to repeat when nothing changed.
    pub pages: usize,
    pub articles: usize,
    pub skipped: usize,
    /// Output file -> content hash of its bytes.
    pub files: HashMap<String, u64>,
    /// Page, feed and sitemap output file -> fingerprint of its inputs.
    pub fingerprints: HashMap<String, u64>,
}

/// What must be equal for a record to describe a build: where it went and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildKey {
    pub output_dir: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
}

/// Where the records of one site live and how they are read and written.
#[derive(Debug)]
pub struct BuildCache {
    file: PathBuf,
    key: BuildKey,
}

impl BuildCache {
    /// The record of builds of `key.output_dir` for the site at `site_root`.
    pub fn new(site_root: &Path, key: BuildKey) -> BuildCache {
        let name = blake3::hash(key.output_dir.as_os_str().as_encoded_bytes()).to_hex();
        let file = site_root
            .join(SITE_STATE_DIR)
            .join(CACHE_DIR)
            .join(format!("{}.json", &name[..16]));
        BuildCache { file, key }
    }

    /// The record file.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The saved record, when there is one this binary can trust for this build: same
    /// format, same binary, same output folder and options, output folder present.
    pub fn load(&self) -> Option<BuildRecord> {
        // Without the output folder no record is usable: the record (tens of MB at 100k
        // articles) is then not read at all, as when building into a fresh folder.
        let output = folder_identity(&self.key.output_dir)?;
        let bytes = std::fs::read(&self.file).ok()?;
        let record: BuildRecord = serde_json::from_slice(&bytes).ok()?;
        let usable = record.format == FORMAT
            && record.binary == binary_identity()?
            && record.key == self.key
            && record.output == output;
        usable.then_some(record)
    }

    /// Removes the record (before the output is changed in place).
    pub fn forget(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Saves `record` atomically. Without a binary identity nothing is saved (a record
    /// that could not be checked would never be used).
    pub fn save(&self, record: &BuildRecord) -> io::Result<()> {
        if binary_identity().is_none() {
            return Ok(());
        }
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Written as it is serialised: at 100k articles the record is tens of MB.
        crate::atomic::write_replacing_with(&self.file, false, |out| {
            serde_json::to_writer(out, record).map_err(io::Error::other)
        })
    }

    /// A new record for this cache's build.
    pub fn record(&self, inputs: Vec<InputStamp>) -> BuildRecord {
        BuildRecord {
            format: FORMAT,
            binary: binary_identity().unwrap_or_default(),
            key: self.key.clone(),
            inputs,
            output: String::new(),
            must_recheck: false,
            pages: 0,
            articles: 0,
            skipped: 0,
            files: HashMap::new(),
            fingerprints: HashMap::new(),
        }
    }
}

/// The running binary as path, size and modification time: a rebuilt copydesk (whose
/// rendering or hashing may differ) never trusts an older one's record.
fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    Some(format!(
        "{} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        nanos_since_epoch(meta.modified().ok())
    ))
}

/// The folder's inode (on Unix) and modification time, or `None` when it is missing or
/// not a folder. Replacing a file at the top of the folder changes its time; a folder
/// swapped in by rename has another inode.
pub fn folder_identity(dir: &Path) -> Option<String> {
    let meta = std::fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(format!(
        "{inode} {}",
        nanos_since_epoch(meta.modified().ok())
    ))
}

/// Stamps of every file a build may read: everything under `site_root` except the
/// top-level hidden entries (`.copydesk/`, `.git/`, staging folders) and `output_dir`.
/// Sorted by path. Returns `None` when the site cannot be walked completely.
pub fn stamp_inputs(site_root: &Path, output_dir: &Path) -> Option<Vec<InputStamp>> {
    let output = output_dir
        .canonicalize()
        .unwrap_or_else(|_| output_dir.to_path_buf());
    let root = site_root.canonicalize().ok()?;
    // Following links: the build reads what they point to (a linked theme folder too).
    let walk = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_outside_the_inputs(entry, &output));
    let mut files = Vec::new();
    for entry in walk {
        let entry = entry.ok()?;
        if !entry.file_type().is_dir() {
            files.push(entry);
        }
    }
    // Stat the files in parallel: on a big site this is the longest step before loading.
    files
        .par_iter()
        .map(|entry| {
            let meta = entry.metadata().ok()?;
            Some(InputStamp {
                path: super::load::relative_slash_path(&root, entry.path())?,
                size: meta.len(),
                modified_ns: nanos_since_epoch(meta.modified().ok()),
            })
        })
        .collect()
}

/// Whether a walked entry is not an input: a hidden entry at the top of the site, or the
/// output folder.
fn is_outside_the_inputs(entry: &walkdir::DirEntry, output: &Path) -> bool {
    let hidden_at_top = entry.depth() == 1 && entry.file_name().to_string_lossy().starts_with('.');
    hidden_at_top || entry.path() == output
}

/// Whether any stamp is so recent (relative to `started`) that a later edit might keep it.
pub fn has_racy_stamp(stamps: &[InputStamp], started: SystemTime) -> bool {
    let threshold = nanos_since_epoch(started.checked_sub(RACY_WINDOW));
    stamps.iter().any(|s| s.modified_ns >= threshold)
}

fn nanos_since_epoch(time: Option<SystemTime>) -> u128 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(output: &Path) -> BuildKey {
        BuildKey {
            output_dir: output.to_path_buf(),
            base_url: None,
            drafts: false,
            future: false,
        }
    }

    #[test]
    fn stamps_skip_hidden_top_entries_and_the_output() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        for file in [
            "site.toml",
            "content/a.md",
            ".copydesk/x",
            "output/index.html",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let stamps = stamp_inputs(root, &root.join("output")).unwrap();
        let paths: Vec<&str> = stamps.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["content/a.md", "site.toml"]);
    }

    #[test]
    fn a_saved_record_loads_and_a_corrupt_or_foreign_one_does_not() {
        let site = tempfile::tempdir().unwrap();
        let output = site.path().join("output");
        std::fs::create_dir(&output).unwrap();
        let cache = BuildCache::new(site.path(), key(&output));
        let mut record = cache.record(Vec::new());
        record.output = folder_identity(&output).unwrap();
        record.pages = 7;
        cache.save(&record).unwrap();
        assert_eq!(cache.load().map(|r| r.pages), Some(7));

        let other = BuildCache::new(
            site.path(),
            BuildKey {
                drafts: true,
                ..key(&output)
            },
        );
        assert_eq!(other.path(), cache.path());
        assert!(other.load().is_none(), "other options");

        record.format = FORMAT + 1;
        cache.save(&record).unwrap();
        assert!(cache.load().is_none(), "another format");

        std::fs::write(cache.path(), b"{\"format\": 1, \"bin").unwrap();
        assert!(cache.load().is_none(), "truncated");

        record.format = FORMAT;
        cache.save(&record).unwrap();
        assert!(cache.load().is_some());
        std::fs::remove_dir(&output).unwrap();
        std::fs::create_dir(&output).unwrap();
        assert!(cache.load().is_none(), "another output folder in its place");

        cache.forget().unwrap();
        cache.forget().unwrap();
        assert!(cache.load().is_none());
    }

    #[test]
    fn recent_stamps_are_racy() {
        let now = SystemTime::now();
        let stamp = |age: u64| InputStamp {
            path: "a".into(),
            size: 1,
            modified_ns: nanos_since_epoch(now.checked_sub(Duration::from_secs(age))),
        };
        assert!(has_racy_stamp(&[stamp(100), stamp(0)], now));
        assert!(!has_racy_stamp(&[stamp(100), stamp(3)], now));
    }
}
