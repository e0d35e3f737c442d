//! Slugs: the file name an article gets in `content/articles/`, from its raw file's name.
//!
//! The build turns that file name into the article's URL with the same rules
//! ([`crate::site::slug::slugify`]), so the slug `clean` writes is exactly the URL segment
//! the page gets: lowercase letters, digits and single hyphens, never a path separator or
//! `..`, accents folded (`Erdoğan` → `erdogan`).

use std::path::Path;

use crate::site::slug::slugify;

/// The slug for the raw file at `path` (`content/raw/Diplomatic Impasse.txt` →
/// `diplomatic-impasse`).
pub fn slug_for(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    slugify(&stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names_and_match_the_url() {
        assert_eq!(
            slug_for(Path::new("content/raw/Diplomatic Impasse.txt")),
            "diplomatic-impasse"
        );
        assert_eq!(
            slug_for(Path::new("000_2061cfa4f251eae2.txt")),
            "000-2061cfa4f251eae2"
        );
        assert_eq!(slug_for(Path::new("Erdoğan’s visit.txt")), "erdogans-visit");
        for hostile in ["../../etc/passwd.txt", "a\\b/c..d.txt", "....txt", ".txt"] {
            let slug = slug_for(Path::new(hostile));
            assert!(!slug.is_empty(), "{hostile}");
            assert!(
                !slug.contains('/') && !slug.contains('\\') && !slug.contains(".."),
                "{hostile} -> {slug}"
            );
        }
    }
}
