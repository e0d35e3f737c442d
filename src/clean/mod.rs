//! Stage one: raw copied text becomes an [`Article`](crate::article::Article).
//!
//! (Being written: the pipeline of passes, each in its own file.)

pub mod words;

use crate::diagnostic::Position;

/// One change a pass made to the text, with where in the raw file it happened and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Edit {
    /// The pass that made the change, e.g. `"drop_cap"`.
    pub pass: &'static str,
    /// Where the changed text starts in the raw file.
    pub position: Position,
    pub before: String,
    pub after: String,
    pub reason: String,
    /// How sure the pass is, from 0 to 1.
    pub confidence: f32,
}

/// Something a pass noticed but would not change safely (e.g. an unbalanced quote).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub pass: &'static str,
    pub position: Position,
    /// The text in question, as it stands.
    pub text: String,
    pub reason: String,
}

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::progress::Progress;

/// What cleaning a site's stale raw articles did.
#[derive(Debug, Clone, Default)]
pub struct CleanSummary {
    /// Markdown files written (new, or updated because their raw text changed).
    pub written: Vec<PathBuf>,
    /// Articles left alone because they were edited by hand after copydesk wrote them.
    pub kept_hand_edited: Vec<PathBuf>,
    /// Warnings (undecodable bytes read as Windows-1252, unrepaired defects…).
    pub warnings: Vec<Diagnostic>,
}

/// Cleans every raw article in `site_root/content/raw/` whose Markdown is missing or
/// stale, respecting hand edits. Bad files are reported in `Err` with all others still
/// processed. (Placeholder: does nothing yet.)
pub fn clean_stale_articles(
    _site_root: &Path,
    _progress: &dyn Progress,
) -> Result<CleanSummary, Vec<Diagnostic>> {
    Ok(CleanSummary::default())
}
