//! Stage two: articles become a static site.
//!
//! (Placeholder: the API the CLI, `serve` and `publish` use; being written.)

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::progress::Progress;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub site_root: PathBuf,
    /// Where the site goes; `site_root/output` when `None`.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
    /// HTML inserted before `</body>` of every page (the live-reload script of `serve`);
    /// never set by `build`.
    pub inject_before_body_end: Option<String>,
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    pub output_dir: PathBuf,
    /// Pages rendered (articles, index pages, tag and author pages, 404).
    pub pages: usize,
    /// Files written or copied into the output.
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// A failed build: every error found, each with its file and position.
#[derive(Debug, Clone, Default)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Keeps what a build learned (parsed articles, templates) so that the next build after
/// a change redoes only what the change affects. `serve` holds one; `build` uses one once.
#[derive(Debug)]
pub struct Builder {
    options: BuildOptions,
}

impl Builder {
    pub fn new(options: BuildOptions) -> Builder {
        Builder { options }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Builds the site; `changed` lists paths changed since the last build (empty: all).
    pub fn build(
        &mut self,
        _changed: &[PathBuf],
        _progress: &dyn Progress,
    ) -> Result<BuildSummary, BuildFailure> {
        Err(BuildFailure {
            diagnostics: vec![Diagnostic::error(
                Path::new("site.toml"),
                crate::diagnostic::Position::default(),
                "build is not written yet",
            )],
        })
    }
}

/// Builds the site once.
pub fn build(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildSummary, BuildFailure> {
    Builder::new(options.clone()).build(&[], progress)
}
