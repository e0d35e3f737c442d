//! A site's own words: `dictionary.txt` (words to accept) and `corrections.toml` (exact
//! replacements), both optional, at the site's root.
//!
//! `dictionary.txt` holds one word per line; `#` starts a comment; blank lines are
//! ignored. A listed word is never changed and may be a piece of a split glued word or a
//! typo's correction. Matching ignores case.
//!
//! ```text
//! # names our writers use
//! Akhundzada
//! mariaamkahn
//! ```
//!
//! `corrections.toml` has one table, `[replace]`, mapping the exact text to find to the
//! text to put in its place. A key matches only as a whole word (or whole phrase): not
//! inside a longer word. Corrections run before every other word pass, longest key first.
//!
//! ```toml
//! [replace]
//! "Meanbwhile" = "Meanwhile"
//! "Erdo an" = "Erdoğan"
//! ```
//!
//! A malformed file is a [`Diagnostic`] naming the file and the line:column of the problem.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::WordContext;
use crate::diagnostic::{Diagnostic, Position};

/// The file of accepted words, at the site root.
pub const DICTIONARY_FILE: &str = "dictionary.txt";
/// The file of exact replacements, at the site root.
pub const CORRECTIONS_FILE: &str = "corrections.toml";

/// Reads the site's `dictionary.txt` and `corrections.toml` (each optional) into a
/// [`WordContext`]. The pipeline then adds the words of the site's other articles.
pub fn load_site_words(site_root: &Path) -> Result<WordContext, Diagnostic> {
    let mut context = WordContext::default();
    let dictionary_path = site_root.join(DICTIONARY_FILE);
    if let Some(text) = read_optional(&dictionary_path)? {
        for word in parse_dictionary(&dictionary_path, &text)? {
            context.add_known_word(&word);
        }
    }
    let corrections_path = site_root.join(CORRECTIONS_FILE);
    if let Some(text) = read_optional(&corrections_path)? {
        context.corrections = parse_corrections(&corrections_path, &text)?;
    }
    Ok(context)
}

/// The file's text, `None` if it does not exist, or a diagnostic if it cannot be read.
fn read_optional(path: &Path) -> Result<Option<String>, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(valid);
            Diagnostic::error(
                path,
                Position::of_byte_offset(&text, text.len()),
                "not valid UTF-8",
            )
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Diagnostic::error(
            path,
            Position::default(),
            format!("cannot read: {error}"),
        )),
    }
}

/// The words of a `dictionary.txt`, in file order.
pub fn parse_dictionary(path: &Path, text: &str) -> Result<Vec<String>, Diagnostic> {
    let mut words = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split('#').next().unwrap_or("");
        let word = content.trim();
        if !word.is_empty() {
            let word_offset = line_start + (content.len() - content.trim_start().len());
            if let Some(space) = word.find(char::is_whitespace) {
                let rest = word[space..].trim_start();
                let rest_offset = word_offset + (word.len() - rest.len());
                return Err(Diagnostic::error(
                    path,
                    Position::of_byte_offset(text, rest_offset),
                    format!("expected one word per line, found a second word `{rest}`"),
                )
                .with_help("put each word on its own line"));
            }
            if let Some(bad) = word.find(char::is_control) {
                return Err(Diagnostic::error(
                    path,
                    Position::of_byte_offset(text, word_offset + bad),
                    "a word cannot contain control characters",
                ));
            }
            words.push(word.to_string());
        }
        line_start += line.len();
    }
    Ok(words)
}

/// The shape of `corrections.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionsFile {
    #[serde(default)]
    replace: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The replacements of a `corrections.toml`, longest key first.
pub fn parse_corrections(path: &Path, text: &str) -> Result<Vec<(String, String)>, Diagnostic> {
    let file: CorrectionsFile = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        Diagnostic::error(
            path,
            Position::of_byte_offset(text, offset),
            error.message().trim(),
        )
        .with_help("expected a `[replace]` table of \"wrong\" = \"right\" strings")
    })?;
    let mut corrections = Vec::with_capacity(file.replace.len());
    for (from, to) in file.replace {
        let problem = if from.get_ref().trim().is_empty() {
            Some((from.span().start, "a correction needs text to find"))
        } else if from.get_ref().trim() != from.get_ref() {
            Some((
                from.span().start,
                "the text to find cannot start or end with a space",
            ))
        } else if from.get_ref() == to.get_ref() {
            Some((to.span().start, "the replacement is the same as the text"))
        } else {
            None
        };
        if let Some((offset, message)) = problem {
            return Err(Diagnostic::error(
                path,
                Position::of_byte_offset(text, offset),
                message,
            ));
        }
        corrections.push((from.into_inner(), to.into_inner()));
    }
    corrections.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    Ok(corrections)
}

/// One place where a site correction applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CorrectionMatch<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

/// Every whole-word occurrence of a correction's key in `paragraph`, without overlaps
/// (corrections are tried in order, so longer keys win), sorted by position.
pub(crate) fn find_corrections<'a>(
    paragraph: &str,
    corrections: &'a [(String, String)],
) -> Vec<CorrectionMatch<'a>> {
    let mut found: Vec<CorrectionMatch<'a>> = Vec::new();
    for (from, to) in corrections {
        for (start, _) in paragraph.match_indices(from.as_str()) {
            let end = start + from.len();
            let overlaps = found.iter().any(|m| start < m.end && m.start < end);
            if !overlaps && is_whole_word(paragraph, start, end) {
                found.push(CorrectionMatch {
                    start,
                    end,
                    replacement: to,
                });
            }
        }
    }
    found.sort_by_key(|m| m.start);
    found
}

/// `paragraph[start..end]` is not part of a longer word: no letter or digit touches it
/// on a side where it itself begins or ends with one.
fn is_whole_word(paragraph: &str, start: usize, end: usize) -> bool {
    let matched = &paragraph[start..end];
    let touches_before = matched.chars().next().is_some_and(char::is_alphanumeric)
        && paragraph[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let touches_after = matched
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && paragraph[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    !touches_before && !touches_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("site/dictionary.txt")
    }

    #[test]
    fn dictionary_reads_words_and_skips_comments() {
        let text = "# names\nAkhundzada\n\n  mariaamkahn  # the handle\nTurkiye\n";
        assert_eq!(
            parse_dictionary(path(), text).unwrap(),
            ["Akhundzada", "mariaamkahn", "Turkiye"]
        );
    }

    #[test]
    fn dictionary_with_two_words_on_a_line_points_at_the_second() {
        let error = parse_dictionary(path(), "Kabul\n  Abdul Ghani\n").unwrap_err();
        assert_eq!(error.path, path());
        assert_eq!(error.position, Position::new(2, 9));
        assert!(error.message.contains("Ghani"), "{}", error.message);
    }

    #[test]
    fn corrections_parse_longest_first() {
        let text = "[replace]\n\"Meanbwhile\" = \"Meanwhile\"\n\"Erdo an\" = \"Erdoğan\"\n\"teh\" = \"the\"\n";
        let corrections = parse_corrections(Path::new("corrections.toml"), text).unwrap();
        assert_eq!(
            corrections,
            [
                ("Meanbwhile".to_string(), "Meanwhile".to_string()),
                ("Erdo an".to_string(), "Erdoğan".to_string()),
                ("teh".to_string(), "the".to_string()),
            ]
        );
    }

    #[test]
    fn corrections_syntax_error_names_line_and_column() {
        let text = "[replace]\n\"ok\" = \"fine\"\n\"broken\" = \n";
        let error = parse_corrections(Path::new("corrections.toml"), text).unwrap_err();
        assert_eq!(error.position.line, 3, "{error}");
        assert!(error.position.column > 1, "{error}");
    }

    #[test]
    fn corrections_reject_unknown_tables_and_non_strings() {
        let unknown = parse_corrections(Path::new("c.toml"), "[replaec]\n\"a\" = \"b\"\n");
        let error = unknown.unwrap_err();
        assert_eq!(error.position.line, 1, "{error}");
        assert!(error.message.contains("replaec"), "{}", error.message);

        let number = parse_corrections(Path::new("c.toml"), "[replace]\n\"a\" = 1\n");
        assert_eq!(number.unwrap_err().position.line, 2);
    }

    #[test]
    fn corrections_reject_empty_and_identical_pairs() {
        let empty = parse_corrections(Path::new("c.toml"), "[replace]\n\"\" = \"x\"\n");
        assert_eq!(empty.unwrap_err().position, Position::new(2, 1));
        let same = parse_corrections(Path::new("c.toml"), "[replace]\n\"x\" = \"x\"\n");
        assert_eq!(same.unwrap_err().position, Position::new(2, 7));
    }

    #[test]
    fn corrections_match_whole_words_only() {
        let corrections = vec![
            ("Erdo an".to_string(), "Erdoğan".to_string()),
            ("teh".to_string(), "the".to_string()),
        ];
        let paragraph = "teh tehsil, said Erdo an. (teh)";
        let found = find_corrections(paragraph, &corrections);
        let spans: Vec<&str> = found.iter().map(|m| &paragraph[m.start..m.end]).collect();
        assert_eq!(spans, ["teh", "Erdo an", "teh"]);
        assert_eq!(found[1].replacement, "Erdoğan");
    }

    #[test]
    fn site_files_load_from_the_root_and_are_optional() {
        let dir = tempfile::tempdir().unwrap();
        let empty = load_site_words(dir.path()).unwrap();
        assert!(empty.known_words.is_empty() && empty.corrections.is_empty());

        std::fs::write(dir.path().join(DICTIONARY_FILE), "Akhundzada\n").unwrap();
        std::fs::write(
            dir.path().join(CORRECTIONS_FILE),
            "[replace]\n\"Meanbwhile\" = \"Meanwhile\"\n",
        )
        .unwrap();
        let context = load_site_words(dir.path()).unwrap();
        assert!(context.knows("akhundzada") && context.knows("Akhundzada"));
        assert_eq!(context.corrections.len(), 1);
    }

    #[test]
    fn malformed_site_file_is_a_diagnostic_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CORRECTIONS_FILE), "[replace\n").unwrap();
        let error = load_site_words(dir.path()).unwrap_err();
        assert_eq!(error.path, dir.path().join(CORRECTIONS_FILE));
        assert_eq!(error.position.line, 1);

        std::fs::write(dir.path().join(CORRECTIONS_FILE), "").unwrap();
        std::fs::write(dir.path().join(DICTIONARY_FILE), b"ok\nbad\xff\n").unwrap();
        let error = load_site_words(dir.path()).unwrap_err();
        assert_eq!(error.path, dir.path().join(DICTIONARY_FILE));
        assert_eq!(error.position, Position::new(2, 4));
    }
}
