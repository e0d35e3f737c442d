//! `copydesk new NAME`: creates a site that builds at once.
//!
//! A new site holds `site.toml` (the default theme selected, every setting shown with
//! its default), `.gitignore` (the output folder and `.copydesk/`), and `content/raw/` with one example
//! raw article, written for this purpose, that shows each defect the clean stage repairs,
//! so a first `copydesk build` shows them repaired: a kicker, headline, standfirst,
//! byline of two authors and a date at the top; a drop cap split from its word (`T` …
//! `he harbour`); hard-wrapped lines; a word hyphenated at a line end (`environ-`/`mental`);
//! a running header repeated on every page; glued words (`thatlarger`, `andshipping`); a
//! keyboard slip (`unabke`); a lost non-ASCII letter (`Reykjav k`); a pull-quote
//! repeating a sentence of the body; a ligature (`ﬁ`), mojibake (`â€™`), a non-breaking
//! space, a doubled space, a soft hyphen and a zero-width space; and an author bio with a
//! handle missing its space (`X:danawhitfield`) at the end.
//!
//! An existing non-empty folder is never written into: nothing of the user's is
//! overwritten. Files are created only after that check, so a refusal changes nothing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The example raw article placed in `content/raw/`.
pub const EXAMPLE_RAW_ARTICLE: &str = include_str!("example.txt");
/// Its file name.
pub const EXAMPLE_FILE_NAME: &str = "harbour-dredging.txt";

/// Why a site could not be created.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{} already exists and is not empty; copydesk new only creates new sites", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("`{0}` is not a usable site name")]
    BadName(String),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// What was created.
#[derive(Debug, Clone)]
pub struct NewSite {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Creates a new site in the folder `root` (created if missing, refused if not empty).
pub fn create_site(root: &Path) -> Result<NewSite, ScaffoldError> {
    let title = title_from_folder(root)?;
    refuse_existing(root)?;
    let files = [
        (PathBuf::from("site.toml"), site_toml(&title)),
        (
            PathBuf::from(".gitignore"),
            "/output/\n/.copydesk/\n".to_string(),
        ),
        (
            Path::new("content").join("raw").join(EXAMPLE_FILE_NAME),
            EXAMPLE_RAW_ARTICLE.to_string(),
        ),
    ];
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = root.join(&relative);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(NewSite {
        root: root.to_path_buf(),
        files: written,
    })
}

/// Refuses a path that is a file, or a folder with anything in it.
fn refuse_existing(root: &Path) -> Result<(), ScaffoldError> {
    match fs::symlink_metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(ScaffoldError::Io {
            path: root.to_path_buf(),
            source,
        }),
        Ok(meta) if !meta.is_dir() => Err(ScaffoldError::NotAFolder(root.to_path_buf())),
        Ok(_) => {
            let mut entries = fs::read_dir(root).map_err(|source| ScaffoldError::Io {
                path: root.to_path_buf(),
                source,
            })?;
            if entries.next().is_some() {
                Err(ScaffoldError::NotEmpty(root.to_path_buf()))
            } else {
                Ok(())
            }
        }
    }
}

/// Writes a file that must not exist yet (`create_new`: never clobbers).
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io_error = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error)?;
    }
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io_error)?;
    file.write_all(text.as_bytes()).map_err(io_error)
}

/// `my-paper` → `My Paper`: a first title for the site, from its folder name. A path
/// without a name of its own (`.`, `..`, `sites/..`) is named by the folder it resolves
/// to, so `copydesk new .` in an empty folder makes a site of it.
pub fn title_from_folder(root: &Path) -> Result<String, ScaffoldError> {
    let resolved;
    let root = match root.file_name() {
        Some(name) if name != "." && name != ".." => root,
        _ => {
            resolved = fs::canonicalize(root)
                .map_err(|_| ScaffoldError::BadName(root.display().to_string()))?;
            resolved.as_path()
        }
    };
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.trim().is_empty() && n != "." && n != "..")
        .ok_or_else(|| ScaffoldError::BadName(root.display().to_string()))?;
    let words: Vec<String> = name
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(capitalise)
        .collect();
    Ok(if words.is_empty() {
        name
    } else {
        words.join(" ")
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The `site.toml` of a new site. The title goes through TOML's own string escaping.
fn site_toml(title: &str) -> String {
    let title = toml::Value::String(title.to_string()).to_string();
    format!(
        r#"# Settings of this copydesk site. Run `copydesk build` here to render it into output/.

title = {title}
# The address the site will be published at (used for links, feeds and the sitemap).
# A GitHub Pages project site lives under its repository's name: "https://you.github.io/REPO/",
# and every link of the site then goes under /REPO/.
base_url = "https://example.com"
language = "en"
description = "News and long reads"
# A theme by name: the built-in "default", or a folder in themes/.
theme = "default"
# Articles per listing page.
paginate = 10
# Dates written without an offset are read in this time zone.
timezone = "UTC"

# Where `copydesk publish` puts the site; see `copydesk publish --help`.
# [publish]
# target = "dir"
# path = "../public_html"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_folder_name() {
        assert_eq!(
            title_from_folder(Path::new("x/my-paper")).unwrap(),
            "My Paper"
        );
        assert_eq!(
            title_from_folder(Path::new("the_daily ledger")).unwrap(),
            "The Daily Ledger"
        );
        assert!(title_from_folder(Path::new("/")).is_err());
        assert!(title_from_folder(Path::new("no/such/folder/..")).is_err());
    }

    #[test]
    fn site_toml_is_valid_toml_even_for_odd_titles() {
        let text = site_toml("Tom \"Quote\" Paper\\");
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(table["title"].as_str(), Some("Tom \"Quote\" Paper\\"));
        assert_eq!(table["theme"].as_str(), Some("default"));
        assert!(table.get("publish").is_none());
    }
}
