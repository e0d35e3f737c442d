//! `copydesk check`: verifies a site without publishing it.
//!
//! * front matter of every article in `content/` parses (with file and line:column);
//! * the site builds (into a scratch folder in the site's `.copydesk/tmp/`), or an existing
//!   output folder is taken;
//! * [`links`]: every internal link and `#anchor` resolves, every asset exists
//!   (pages are read with the small tokenizer in [`html`], stylesheets with [`css`]);
//! * [`unrepaired`]: what the clean stage noticed but would not change safely.
//!
//! Problems are collected, not thrown: a report lists them all, errors and warnings,
//! each with a [`ProblemKind`] that tools can filter on (`--format json`).

pub mod css;
pub mod html;
pub mod links;
pub mod unrepaired;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::article::Article;
use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;
use crate::site::{build, BuildOptions};
use links::BaseUrl;

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub site_root: PathBuf,
    /// Check this already built folder instead of building into a temporary one.
    pub output_dir: Option<PathBuf>,
    /// Include drafts in the build that is checked.
    pub drafts: bool,
    /// Include articles dated in the future in the build that is checked.
    pub future: bool,
}

/// What kind of problem a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    FrontMatter,
    Build,
    BrokenLink,
    BrokenAnchor,
    MissingAsset,
    /// Something the clean stage reported but did not fix (a warning).
    Unrepaired,
    /// The check itself could not read something.
    Io,
}

/// One finding of the check.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

/// Everything a check found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CheckReport {
    pub errors: usize,
    pub warnings: usize,
    /// Pages whose links were checked.
    pub pages_checked: usize,
    pub problems: Vec<Problem>,
}

impl CheckReport {
    fn from_problems(problems: Vec<Problem>, pages_checked: usize) -> CheckReport {
        let errors = problems.iter().filter(|p| p.diagnostic.is_error()).count();
        CheckReport {
            errors,
            warnings: problems.len() - errors,
            pages_checked,
            problems,
        }
    }

    /// True when nothing is an error (warnings allowed).
    pub fn passed(&self) -> bool {
        self.errors == 0
    }
}

/// Runs every check on the site in `options.site_root`.
pub fn check_site(options: &CheckOptions, progress: &dyn Progress) -> CheckReport {
    let mut problems = front_matter_problems(&options.site_root);
    let scratch = crate::scratch::ScratchDir::new(&options.site_root, "check");
    let output = match (&options.output_dir, &scratch) {
        (Some(dir), _) => Some((dir.clone(), dir.clone())),
        (None, Ok(scratch)) => {
            let built = scratch.path().join("site");
            let result = build(
                &BuildOptions {
                    site_root: options.site_root.clone(),
                    output_dir: Some(built.clone()),
                    drafts: options.drafts,
                    future: options.future,
                    ..BuildOptions::default()
                },
                progress,
            );
            match result {
                Ok(_) => Some((built, PathBuf::from("(build)"))),
                Err(failure) => {
                    let found =
                        not_yet_reported(failure.diagnostics, &problems, &options.site_root);
                    problems.extend(found.into_iter().map(|d| Problem {
                        kind: ProblemKind::Build,
                        diagnostic: d,
                    }));
                    None
                }
            }
        }
        (None, Err(e)) => {
            let folder = options.site_root.join(crate::scratch::SITE_STATE_DIR);
            problems.push(io_problem(&folder, &e.to_string()));
            None
        }
    };
    let mut pages_checked = 0;
    if let Some((folder, shown)) = output {
        let base = BaseUrl::parse(site_base_url(&options.site_root).as_deref());
        match links::check_links(&folder, &base, &shown) {
            Ok(found) => {
                pages_checked = count_pages(&folder);
                problems.extend(found);
            }
            Err(e) => problems.push(io_problem(&folder, &e.to_string())),
        }
    }
    problems.extend(unrepaired::unrepaired_defects(&options.site_root));
    CheckReport::from_problems(problems, pages_checked)
}

/// Parses the front matter of every article (`*.md` under `content/`, except section
/// files `_index.md`, which have their own keys and are checked by the build).
pub fn front_matter_problems(site_root: &Path) -> Vec<Problem> {
    let content = site_root.join("content");
    let mut problems = Vec::new();
    for entry in WalkDir::new(&content).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let is_article = entry.file_type().is_file()
            && path.extension().is_some_and(|e| e == "md")
            && path.file_name().is_some_and(|n| n != "_index.md");
        if !is_article {
            continue;
        }
        let shown = path.strip_prefix(site_root).unwrap_or(path);
        let result = fs::read_to_string(path)
            .map_err(|e| Diagnostic::error(shown, Position::default(), e.to_string()))
            .and_then(|text| Article::parse(&text, shown).map(drop));
        if let Err(diagnostic) = result {
            problems.push(Problem {
                kind: ProblemKind::FrontMatter,
                diagnostic,
            });
        }
    }
    problems
}

/// The build's diagnostics less those the front-matter pass already reported: the same
/// message at the same place of the same file (the build names it from the site root,
/// `./content/…` or absolute; the pass as `content/…`).
fn not_yet_reported(
    diagnostics: Vec<Diagnostic>,
    reported: &[Problem],
    site_root: &Path,
) -> Vec<Diagnostic> {
    let place = |d: &Diagnostic| {
        let relative = d.path.strip_prefix(site_root).unwrap_or(&d.path);
        let path: PathBuf = relative
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        (path, d.position, d.message.clone())
    };
    let known: Vec<_> = reported.iter().map(|p| place(&p.diagnostic)).collect();
    diagnostics
        .into_iter()
        .filter(|d| !known.contains(&place(d)))
        .collect()
}

/// `base_url` from `site.toml`, when it is readable and set.
fn site_base_url(site_root: &Path) -> Option<String> {
    let text = fs::read_to_string(site_root.join("site.toml")).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("base_url")?.as_str().map(str::to_string)
}

fn count_pages(folder: &Path) -> usize {
    WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn io_problem(path: &Path, message: &str) -> Problem {
    Problem {
        kind: ProblemKind::Io,
        diagnostic: Diagnostic::error(path, Position::default(), message),
    }
}
