//! Diagnostics: an error or warning tied to a file and a line:column in it.
//!
//! Every stage reports problems as [`Diagnostic`]s so the CLI can print them the same way:
//! `path:line:column: error: message`, then an optional `help:` line.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`: 1-based line, and 1-based column counted in
    /// characters. An offset past the end, or inside a character, is moved back to the
    /// nearest character boundary, so any offset is safe.
    pub fn of_byte_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position::new(
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in one file, at one position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub position: Position,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &Path, position: Position, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            position,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: &Path, position: Position, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.position.line == 0 {
            write!(f, "{}: {kind}: {}", self.path.display(), self.message)?;
        } else {
            write!(
                f,
                "{}:{}: {kind}: {}",
                self.path.display(),
                self.position,
                self.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely
/// misspelling (at most a third of the word's length, and at least one edit).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Damerau–Levenshtein distance (optimal string alignment) between two strings, by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error(Path::new("content/a.md"), Position::new(3, 7), "bad")
            .with_help("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad\n  help: fix it"
        );
    }

    #[test]
    fn byte_offsets_become_lines_and_character_columns() {
        let text = "ab\nçd\n";
        assert_eq!(Position::of_byte_offset(text, 0), Position::new(1, 1));
        assert_eq!(Position::of_byte_offset(text, 3), Position::new(2, 1));
        assert_eq!(
            Position::of_byte_offset(text, 5),
            Position::new(2, 2),
            "after ç"
        );
        assert_eq!(
            Position::of_byte_offset(text, 4),
            Position::new(2, 1),
            "inside ç"
        );
        assert_eq!(Position::of_byte_offset(text, 99), Position::new(3, 1));
    }

    #[test]
    fn closest_finds_transpositions_and_rejects_strangers() {
        assert_eq!(closest("titel", &["title", "tags"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["title", "tags"]), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
