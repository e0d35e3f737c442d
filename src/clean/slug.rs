//! Slugs: the file name an article gets in `content/articles/`, from its raw file's name.
//!
//! A slug is lowercase letters and digits joined by single dashes, so it can never hold a
//! path separator, `..`, or anything a shell or URL would trip over.

use std::path::Path;

/// The slug for the raw file at `path` (`content/raw/Diplomatic Impasse.txt` →
/// `diplomatic-impasse`). Falls back to `article` when the name has no letters or digits.
pub fn slug_for(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    slugify(&stem)
}

/// Lowercase alphanumerics, everything else a single dash, no dash at either end.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "article".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug_for(Path::new("content/raw/Diplomatic Impasse.txt")),
            "diplomatic-impasse"
        );
        assert_eq!(
            slug_for(Path::new("000_2061cfa4f251eae2.txt")),
            "000-2061cfa4f251eae2"
        );
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("a\\b/c..d"), "a-b-c-d");
        assert_eq!(slugify("..."), "article");
        assert_eq!(slugify("Erdoğan’s visit"), "erdoğan-s-visit");
    }
}
