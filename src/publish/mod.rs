//! `copydesk publish`: build with the production `base_url`, then put the site online.
//!
//! * [`config`]: the `[publish]` table of `site.toml` → a [`PublishTarget`];
//! * [`plan`]: what would be added, changed and removed (also the `--dry-run` listing);
//! * [`folder`]: publish into a folder, touching only what copydesk published there
//!   (its [`record`]), never dot-files, and not into a foreign folder without `--adopt`;
//! * [`exchange`]: switch such a folder to the new site in one atomic step, when it
//!   holds only copydesk's files (Linux);
//! * [`dir`]: or update it file by file, changed files only, staged then renamed;
//! * [`releases`]: or publish a whole release beside the old ones and switch a `current`
//!   link to it in one atomic step (`layout = "releases"`);
//! * [`git`]: commit to a branch (`gh-pages`) of a repository in a temporary clone and push;
//! * [`rsync`]: copy a release to a server over SSH and switch its `current` link there;
//! * [`s3`]: upload changed objects to S3-compatible storage, by a record of hashes;
//! * [`child`]: the `git`, `rsync` and `ssh` children, which end with the publish.
//!
//! A failed build is never published: [`publish`] builds into a fresh scratch folder
//! inside the site's own `.copydesk/tmp/` first and stops at the first error, leaving the target as it was.

pub mod child;
pub mod config;
pub mod dir;
pub mod exchange;
pub mod folder;
pub mod git;
pub mod plan;
pub mod record;
pub mod releases;
pub mod rsync;
pub mod s3;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::progress::{Progress, Silent};
use crate::scratch::ScratchDir;
use crate::site::{build, BuildOptions};
pub use config::{load_target, PublishTarget};
use plan::Plan;
use record::RecordError;

/// Why a publish did not happen (the target is left as it was in every case).
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// `[publish]` in `site.toml` is missing or wrong.
    #[error("{0}")]
    Config(String),
    /// The same, tied to a position in `site.toml`.
    #[error("{0}")]
    ConfigAt(Diagnostic),
    /// The build failed; nothing was published.
    #[error("the build failed ({} error(s)); nothing was published", .0.len())]
    Build(Vec<Diagnostic>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{command}` failed: {message}")]
    Git { command: String, message: String },
    /// `rsync` or `ssh` failed (or could not be run).
    #[error("`{command}` failed: {message}")]
    Tool { command: String, message: String },
    /// The target folder holds files and copydesk never published there (no record).
    #[error(
        "refusing to publish into {}: it holds {} and copydesk has not published there, so it \
         is not a published site; pick an empty folder, or publish with --adopt to use this \
         one (the site's files replace files of the same name; all else stays as it is)",
        path.display(),
        listing(entries)
    )]
    NotPublished { path: PathBuf, entries: Vec<String> },
    /// The publish would replace or delete files copydesk did not publish there.
    #[error(
        "refusing to publish into {}: it would replace or delete {}, which copydesk did not \
         publish there; {}",
        path.display(),
        listing(files),
        if *adoptable {
            "move them away, or publish with --adopt to let the site's files replace them"
        } else {
            "move them away (not even --adopt deletes them or replaces a dot-file)"
        }
    )]
    WouldReplace {
        path: PathBuf,
        files: Vec<String>,
        /// True when `--adopt` would allow the publish.
        adoptable: bool,
    },
    /// The record of what copydesk published there cannot be read.
    #[error("{}: {source}", path.display())]
    Record { path: PathBuf, source: RecordError },
}

/// `a`, `b` and `c`, or the first few and how many more.
fn listing(items: &[String]) -> String {
    const SHOWN: usize = 8;
    let quoted: Vec<String> = items.iter().take(SHOWN).map(|i| format!("`{i}`")).collect();
    let mut text = quoted.join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

impl PublishError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> PublishError {
        PublishError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// How to publish.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub site_root: PathBuf,
    /// List what would change without changing anything.
    pub dry_run: bool,
    /// Publish into a folder copydesk has not published to (dir targets only).
    pub adopt: bool,
    /// Do not build: point the live site back at the release before it (releases and
    /// rsync targets).
    pub rollback: bool,
}

/// What a publish did (or, dry, would do).
#[derive(Debug, Clone)]
pub struct PublishOutcome {
    /// Where the site went, for messages: a folder path or `repository (branch)`.
    pub destination: String,
    pub plan: Plan,
    pub dry_run: bool,
    /// The commit pushed, for git targets that changed.
    pub commit: Option<String>,
    /// Why the live site did not (dry: would not) switch in one atomic step, when it
    /// did not: an in-place folder holding files that are not copydesk's, say.
    pub not_atomic: Option<String>,
    /// Warnings from the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the target, builds the site with its production `base_url` into a scratch
/// folder of the site (`.copydesk/tmp/`, see [`crate::scratch`]) and publishes that build.
pub fn publish(
    options: &PublishOptions,
    progress: &dyn Progress,
) -> Result<PublishOutcome, PublishError> {
    let target = load_target(&options.site_root)?;
    if options.rollback {
        return roll_back(&target, options.dry_run);
    }
    let scratch = ScratchDir::new(&options.site_root, "publish").map_err(|e| {
        PublishError::io(&options.site_root.join(crate::scratch::SITE_STATE_DIR), e)
    })?;
    let built = scratch.path().join("site");
    let summary = build(
        &BuildOptions {
            site_root: options.site_root.clone(),
            output_dir: Some(built.clone()),
            ..BuildOptions::default()
        },
        progress,
    )
    .map_err(|failure| PublishError::Build(failure.diagnostics))?;
    let target = match target {
        PublishTarget::Git(git_target) => PublishTarget::Git(git::GitTarget {
            message: git::message_with_source(
                &git_target.message,
                &options.site_root,
                summary.articles,
            ),
            ..git_target
        }),
        other => other,
    };
    let mut outcome = publish_built_site_with_progress(
        &built,
        &options.site_root,
        &target,
        options.dry_run,
        options.adopt,
        progress,
    )?;
    outcome.warnings = summary.warnings;
    Ok(outcome)
}

/// Points the live site of `target` back at the release before it (nothing changes
/// when `dry_run`); the outcome's destination names the release now live.
pub fn roll_back(target: &PublishTarget, dry_run: bool) -> Result<PublishOutcome, PublishError> {
    let destination = match target {
        _ if dry_run => {
            return Err(PublishError::Config(
                "--rollback and --dry-run do not go together: a rollback builds nothing \
                 and changes one link"
                    .into(),
            ))
        }
        PublishTarget::Releases { path } => {
            let release = releases::roll_back(path)?;
            format!(
                "{} -> releases/{release}",
                path.join(releases::CURRENT).display()
            )
        }
        PublishTarget::Rsync(rsync_target) => {
            let release = rsync::roll_back_rsync(rsync_target)?;
            format!("{}/current -> releases/{release}", rsync_target.remote())
        }
        _ => {
            return Err(PublishError::Config(
                "--rollback needs a target that keeps releases: layout = \"releases\" or \
                 target = \"rsync\" (a git target's history is in git: revert there)"
                    .into(),
            ))
        }
    };
    Ok(PublishOutcome {
        destination,
        plan: Plan::default(),
        dry_run,
        commit: None,
        not_atomic: None,
        warnings: Vec::new(),
    })
}

/// Publishes an already built site folder `built` to `target`. `built` may gain host
/// files (`.nojekyll`, `CNAME`) for git targets, so pass a fresh build. `adopt` lets a
/// folder target be one copydesk has not published to (see [`folder`]).
pub fn publish_built_site(
    built: &Path,
    site_root: &Path,
    target: &PublishTarget,
    dry_run: bool,
    adopt: bool,
) -> Result<PublishOutcome, PublishError> {
    publish_built_site_with_progress(built, site_root, target, dry_run, adopt, &Silent)
}

/// [`publish_built_site`], reporting the uploads of an s3 or rsync target to `progress`.
pub fn publish_built_site_with_progress(
    built: &Path,
    site_root: &Path,
    target: &PublishTarget,
    dry_run: bool,
    adopt: bool,
    progress: &dyn Progress,
) -> Result<PublishOutcome, PublishError> {
    match target {
        PublishTarget::S3(s3_target) => {
            let plan = s3::publish_to_s3(built, s3_target, dry_run, adopt, progress)?;
            Ok(PublishOutcome {
                destination: s3_target.address(),
                plan,
                dry_run,
                commit: None,
                not_atomic: None,
                warnings: Vec::new(),
            })
        }
        PublishTarget::Dir { path } => {
            config::refuse_unsafe_folder(path, site_root)?;
            let done = folder::publish_to_folder(built, path, dry_run, adopt)?;
            let not_atomic = match done.switch {
                folder::Switch::Atomic => None,
                folder::Switch::FileByFile { why } => Some(why),
            };
            Ok(PublishOutcome {
                destination: path.display().to_string(),
                plan: done.plan,
                dry_run,
                commit: None,
                not_atomic,
                warnings: Vec::new(),
            })
        }
        PublishTarget::Releases { .. } if adopt => Err(PublishError::Config(
            "--adopt applies to in-place folder targets only (the releases layout touches \
             nothing in the folder but `current` and `releases/`)"
                .into(),
        )),
        PublishTarget::Releases { path } => {
            config::refuse_unsafe_folder(path, site_root)?;
            let plan = releases::publish_to_releases(built, path, dry_run)?;
            Ok(PublishOutcome {
                destination: path.join(releases::CURRENT).display().to_string(),
                plan,
                dry_run,
                commit: None,
                not_atomic: None,
                warnings: Vec::new(),
            })
        }
        PublishTarget::Rsync(_) if adopt => Err(PublishError::Config(
            "--adopt applies to in-place folder targets only (an rsync target touches \
             nothing on the server but `current` and `releases/`)"
                .into(),
        )),
        PublishTarget::Rsync(rsync_target) => {
            let plan = rsync::publish_to_rsync(built, rsync_target, dry_run, progress)?;
            Ok(PublishOutcome {
                destination: format!("{}/current", rsync_target.remote()),
                plan,
                dry_run,
                commit: None,
                not_atomic: None,
                warnings: Vec::new(),
            })
        }
        PublishTarget::Git(_) if adopt => Err(PublishError::Config(
            "--adopt applies to folder targets only (a git target keeps its history, so \
             a publish there loses nothing)"
                .into(),
        )),
        PublishTarget::Git(git_target) => {
            let outcome = git::publish_to_git(built, git_target, dry_run, site_root)?;
            Ok(PublishOutcome {
                destination: format!("{} ({})", git_target.repository, git_target.branch),
                plan: outcome.plan,
                dry_run,
                commit: outcome.commit,
                not_atomic: None,
                warnings: Vec::new(),
            })
        }
    }
}
