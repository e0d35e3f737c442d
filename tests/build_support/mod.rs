//! Helpers shared by the `build_*` integration tests: copy a fixture site into a temporary
//! folder, build it, read its output, and find the links in its HTML.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use copydesk::progress::Silent;
use copydesk::site::{build, BuildFailure, BuildOptions, BuildSummary};

/// A fixture site copied into a temporary folder (removed when dropped).
pub struct FixtureSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl FixtureSite {
    /// Copies `tests/fixtures/sites/NAME`.
    pub fn copy(name: &str) -> FixtureSite {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sites")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(name);
        for entry in walkdir::WalkDir::new(&source) {
            let entry = entry.unwrap();
            let target = root.join(entry.path().strip_prefix(&source).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        FixtureSite { _dir: dir, root }
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            site_root: self.root.clone(),
            ..BuildOptions::default()
        }
    }

    pub fn build(&self) -> Result<BuildSummary, BuildFailure> {
        build(&self.options(), &Silent)
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    /// A file of the output, as text.
    pub fn read(&self, relative: &str) -> String {
        let path = self.output().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Every HTML file of the output, relative path and text.
    pub fn html_files(&self) -> Vec<(String, String)> {
        let output = self.output();
        walkdir::WalkDir::new(&output)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .map(|e| {
                let relative = e
                    .path()
                    .strip_prefix(&output)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (relative, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect()
    }
}

/// Values of `attribute="…"` in `html`, in order.
pub fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + needle.len();
            let end = start + html[start..].find('"').unwrap();
            &html[start..end]
        })
        .collect()
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// Bytes and permissions of every file under `dir`, for "left untouched" checks.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}
