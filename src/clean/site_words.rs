//! The [`WordContext`] for a site: the words its other articles use are known words, so a
//! name or term the site has printed before is never "repaired".
//!
//! The site's `dictionary.txt` and `corrections.toml` are read by the word passes' own
//! loader ([`load_site_words`]); this file adds the articles' vocabulary.

use std::path::Path;

use crate::article::split_front_matter;

use crate::diagnostic::Diagnostic;

use super::words::{load_site_words, WordContext};

/// The word context for cleaning into `site_root`: the site's words plus every word in the
/// bodies and front matter of `content/articles/*.md`. Unreadable articles are skipped (the
/// build stage reports them); a malformed `dictionary.txt` or `corrections.toml` is an error.
pub fn site_word_context(site_root: &Path) -> Result<WordContext, Diagnostic> {
    let mut context = load_site_words(site_root)?;
    add_site_article_words(site_root, &mut context);
    Ok(context)
}

/// Adds the words of every `content/articles/*.md` to `context` (the part of
/// [`site_word_context`] that reads every article, and cannot fail).
pub fn add_site_article_words(site_root: &Path, context: &mut WordContext) {
    let articles = site_root.join("content").join("articles");
    let Ok(entries) = std::fs::read_dir(&articles) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            add_article_words(&text, &path, context);
        }
    }
}

/// Adds the words of one article document to `context`.
pub fn add_article_words(document: &str, path: &Path, context: &mut WordContext) {
    let text = match split_front_matter(document, path) {
        Ok(split) => format!("{}\n{}", split.front, split.body),
        Err(_) => document.to_string(),
    };
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '’' || c == '\''))
    {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.chars().any(char::is_alphabetic) && !context.knows(word) {
            context.add_known_word(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_words_become_known() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("content/articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            articles.join("a.md"),
            "+++\ntitle = \"Akhundzada speaks\"\n+++\n\nThe muhajireen of Kandahar’s hills, 2025.\n",
        )
        .unwrap();
        std::fs::write(articles.join("notes.txt"), "Zzyzx").unwrap();
        std::fs::write(dir.path().join("dictionary.txt"), "Qalandar\n").unwrap();
        let context = site_word_context(dir.path()).unwrap();
        for word in [
            "Akhundzada",
            "muhajireen",
            "Kandahar’s",
            "hills",
            "Qalandar",
        ] {
            assert!(context.knows(word), "{word}");
        }
        assert!(!context.knows("Zzyzx"));
        assert!(!context.knows("2025"));
    }

    #[test]
    fn a_site_without_articles_has_an_empty_context() {
        let dir = tempfile::tempdir().unwrap();
        assert!(site_word_context(dir.path())
            .unwrap()
            .known_words
            .is_empty());
    }

    #[test]
    fn a_malformed_site_dictionary_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("corrections.toml"), "[replace\n").unwrap();
        let error = site_word_context(dir.path()).unwrap_err();
        assert!(error.path.ends_with("corrections.toml"), "{error}");
    }
}
