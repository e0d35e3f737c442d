//! Publishes a built site to a branch of a git repository (`gh-pages` by default).
//!
//! Everything happens in a throw-away clone in a scratch folder of the site, with the real `git`
//! binary, so the user's own checkout, index and stash are never touched. The branch's
//! current tree is compared with the site ([`plan`](super::plan)); only a real difference
//! makes a new commit on top of the branch (history is kept, nothing is force-pushed),
//! which is then pushed to the repository. Every git child ends with the publish, even
//! one killed outright (see [`super::child`]). A failure at any step leaves the repository
//! as it was: the push is the only step that changes it, and git applies a push whole.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use super::child::end_with_this_process;
use super::dir::apply;
use super::plan::{plan, Plan};
use super::PublishError;
use crate::scratch::ScratchDir;

/// A git publish target, from `[publish]` in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitTarget {
    /// A URL or a path (local paths are made absolute when the config is read).
    pub repository: String,
    pub branch: String,
    /// Written as a `CNAME` file (GitHub Pages' custom domain) when set.
    pub cname: Option<String>,
    /// Adds an empty `.nojekyll` so GitHub Pages serves the files as they are.
    pub nojekyll: bool,
    /// The commit message.
    pub message: String,
}

/// What a git publish did (or, dry, would do).
#[derive(Debug, Clone, Default)]
pub struct GitOutcome {
    pub plan: Plan,
    /// The new commit, when one was made and pushed.
    pub commit: Option<String>,
}

/// Publishes the folder `site` (a fresh build this function may add files to:
/// `.nojekyll`, `CNAME`) to `target`, cloning into a scratch folder of the site at
/// `site_root` (see [`crate::scratch`]).
pub fn publish_to_git(
    site: &Path,
    target: &GitTarget,
    dry_run: bool,
    site_root: &Path,
) -> Result<GitOutcome, PublishError> {
    validate(target)?;
    add_host_files(site, target)?;
    let scratch = ScratchDir::new(site_root, "git")
        .map_err(|e| PublishError::io(&site_root.join(crate::scratch::SITE_STATE_DIR), e))?;
    let work = scratch.path().join("work");
    check_out_branch(target, &work)?;
    let plan = plan(site, &work, &|path| path == ".git").map_err(|e| PublishError::io(&work, e))?;
    if dry_run || plan.is_empty() {
        return Ok(GitOutcome { plan, commit: None });
    }
    apply(site, &work, &plan, || Ok(())).map_err(|e| PublishError::io(&work, e))?;
    git(Some(&work), &["add", "--all"])?;
    commit(&work, &target.message)?;
    let commit = git(Some(&work), &["rev-parse", "HEAD"])?;
    let refspec = format!("HEAD:refs/heads/{}", target.branch);
    git(Some(&work), &["push", "--quiet", "origin", &refspec])?;
    Ok(GitOutcome {
        plan,
        commit: Some(commit),
    })
}

/// The commit message of a publish: `message`, then the source revision (when the site
/// at `site_root` is in a git repository, marked when it has uncommitted changes) and
/// the count of `articles` published, so the branch's log says what each commit holds.
pub fn message_with_source(message: &str, site_root: &Path, articles: usize) -> String {
    let mut text = format!("{}\n\n", message.trim_end());
    if let Ok(revision) = git(Some(site_root), &["rev-parse", "HEAD"]) {
        let dirty = git(
            Some(site_root),
            &["status", "--porcelain", "--", ".", ":(exclude).copydesk"],
        )
        .is_ok_and(|changes| !changes.is_empty());
        let mark = if dirty {
            " (with uncommitted changes)"
        } else {
            ""
        };
        text.push_str(&format!("Source: {revision}{mark}\n"));
    }
    text.push_str(&format!("Articles: {articles}\n"));
    text
}

/// Refuses names git would read as options or that are not valid branch names.
fn validate(target: &GitTarget) -> Result<(), PublishError> {
    if target.repository.starts_with('-') || target.repository.is_empty() {
        return Err(PublishError::Config(format!(
            "publish.repository `{}` is not a repository address",
            target.repository
        )));
    }
    let valid_branch = !target.branch.starts_with('-')
        && git(None, &["check-ref-format", "--branch", &target.branch]).is_ok();
    if !valid_branch {
        return Err(PublishError::Config(format!(
            "publish.branch `{}` is not a valid branch name",
            target.branch
        )));
    }
    Ok(())
}

/// `.nojekyll` and `CNAME`, as configured.
fn add_host_files(site: &Path, target: &GitTarget) -> Result<(), PublishError> {
    if target.nojekyll {
        let path = site.join(".nojekyll");
        fs::write(&path, "").map_err(|e| PublishError::io(&path, e))?;
    }
    if let Some(domain) = &target.cname {
        let path = site.join("CNAME");
        fs::write(&path, format!("{domain}\n")).map_err(|e| PublishError::io(&path, e))?;
    }
    Ok(())
}

/// Clones the branch into `work`, or starts it as an orphan branch when the repository
/// does not have it yet.
fn check_out_branch(target: &GitTarget, work: &Path) -> Result<(), PublishError> {
    let work_text = work.to_string_lossy();
    let head = format!("refs/heads/{}", target.branch);
    let listed = git(None, &["ls-remote", "--heads", &target.repository, &head])?;
    if listed.is_empty() {
        git(None, &["init", "--quiet", &work_text])?;
        git(Some(work), &["remote", "add", "origin", &target.repository])?;
        git(
            Some(work),
            &["checkout", "--quiet", "--orphan", &target.branch],
        )?;
    } else {
        git(
            None,
            &[
                "clone",
                "--quiet",
                "--no-tags",
                "--single-branch",
                "--branch",
                &target.branch,
                &target.repository,
                &work_text,
            ],
        )?;
    }
    Ok(())
}

/// Commits the index, with a fallback identity when the user has none configured.
fn commit(work: &Path, message: &str) -> Result<(), PublishError> {
    let has_identity = git(Some(work), &["config", "user.name"]).is_ok()
        && git(Some(work), &["config", "user.email"]).is_ok();
    let mut args = Vec::new();
    if !has_identity {
        args.extend([
            "-c",
            "user.name=copydesk",
            "-c",
            "user.email=copydesk@localhost",
        ]);
    }
    args.extend(["commit", "--quiet", "--no-verify", "-m", message]);
    git(Some(work), &args)?;
    Ok(())
}

/// Runs git (never prompting), returning its trimmed stdout or its stderr as an error.
pub(crate) fn git(dir: Option<&Path>, args: &[&str]) -> Result<String, PublishError> {
    let mut command = Command::new("git");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    end_with_this_process(&mut command);
    let output = command
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| PublishError::Git {
            command: format!("git {}", args.join(" ")),
            message: format!("cannot run git: {e}"),
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(PublishError::Git {
            command: format!("git {}", args.join(" ")),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}
