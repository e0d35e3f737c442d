//! Word-level repairs: glued words, typos and lost letters, judged against an embedded
//! lexicon, the site's dictionary and corrections, and the words of the site's other
//! articles.
//!
//! The interface the clean pipeline uses is [`repair_paragraph`]: it takes one paragraph
//! of prose and returns the repaired text plus every edit (with its byte offset in the
//! input paragraph) and every finding it would not change.
//!
//! (Placeholder implementation: changes nothing yet.)

use std::collections::HashSet;

/// One change to a paragraph. `offset` is the byte offset of `before` in the paragraph
/// that was passed to [`repair_paragraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct WordEdit {
    pub pass: &'static str,
    pub offset: usize,
    pub before: String,
    pub after: String,
    pub reason: String,
    pub confidence: f32,
}

/// A token that looks damaged but was left alone. `offset` as in [`WordEdit`].
#[derive(Debug, Clone, PartialEq)]
pub struct WordFinding {
    pub pass: &'static str,
    pub offset: usize,
    pub text: String,
    pub reason: String,
}

/// The result of [`repair_paragraph`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordRepairs {
    pub text: String,
    pub edits: Vec<WordEdit>,
    pub findings: Vec<WordFinding>,
}

/// Everything the word passes consult besides the embedded lexicon.
#[derive(Debug, Clone, Default)]
pub struct WordContext {
    /// Words the site accepts (`dictionary.txt`) and words its other articles use.
    pub known_words: HashSet<String>,
    /// Exact replacements from `corrections.toml`, applied first.
    pub corrections: Vec<(String, String)>,
}

/// Repairs the words of one paragraph of prose.
pub fn repair_paragraph(paragraph: &str, _context: &WordContext) -> WordRepairs {
    WordRepairs {
        text: paragraph.to_string(),
        ..WordRepairs::default()
    }
}
