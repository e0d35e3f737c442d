//! The [`WordContext`] for a site: the words its other articles use are known words, so a
//! name or term the site has printed before is never "repaired".
//!
//! The site's `dictionary.txt` and `corrections.toml` are read by the word passes' own
//! loader when it is available; this file adds the articles' vocabulary.

use std::path::Path;

use crate::article::split_front_matter;

use super::words::WordContext;

/// The word context for cleaning into `site_root`: the site's words plus every word in the
/// bodies and front matter of `content/articles/*.md`. Unreadable articles are skipped (the
/// build stage reports them).
pub fn site_word_context(site_root: &Path) -> WordContext {
    let mut context = WordContext::default();
    let articles = site_root.join("content").join("articles");
    let Ok(entries) = std::fs::read_dir(&articles) else {
        return context;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            add_article_words(&text, &path, &mut context);
        }
    }
    context
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
        if word.chars().any(char::is_alphabetic) && !context.known_words.contains(word) {
            context.known_words.insert(word.to_string());
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
        let context = site_word_context(dir.path());
        for word in ["Akhundzada", "muhajireen", "Kandahar’s", "hills"] {
            assert!(context.known_words.contains(word), "{word}");
        }
        assert!(!context.known_words.contains("Zzyzx"));
        assert!(!context.known_words.contains("2025"));
    }

    #[test]
    fn a_site_without_articles_has_an_empty_context() {
        let dir = tempfile::tempdir().unwrap();
        assert!(site_word_context(dir.path()).known_words.is_empty());
    }
}
