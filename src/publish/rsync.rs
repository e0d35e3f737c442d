//! Publishing to a web server over SSH, with the system's `rsync` and `ssh`.
//!
//! `remote = "deploy@news.example:/srv/www/paper"` names the server folder, which gets
//! the same layout as a local releases folder ([`super::releases`]):
//!
//! ```text
//! /srv/www/paper/
//! ├── current -> releases/20260104T091500.123Z     the web server's root points here
//! └── releases/20260103T180000.456Z/ …            the newest `keep` releases
//! ```
//!
//! A publish asks the server (one `ssh`) which release is live, lists what would change
//! against it (`rsync --dry-run --itemize-changes`), copies the site into
//! `releases/.incoming-PID/` (`rsync --link-dest` makes unchanged files hard links to the
//! live release, so only changed files travel), and then, in one more `ssh`, renames it to
//! a release named by the time, points a new link at it and renames that over `current`
//! (`mv -T`, one atomic `rename(2)`), and removes the releases beyond `keep`. A publish
//! killed at any point leaves `current` on a whole release (the server may still finish
//! the last step of a killed publish; it never puts a release older than the live one
//! live, see `only_if_newer_than_current`); the next publish removes the
//! incoming copy a killed one left (two publishes to one server at the same time are not
//! supported: the later one removes the earlier's incoming copy and the earlier fails).
//!
//! The upload reports each file rsync sends (`--out-format=%n`) to the publish's progress:
//! a bar on a terminal over the files the plan said would travel, nothing in CI.
//!
//! `ssh` is the system's, so keys, agents and `~/.ssh/config` work; `RSYNC_RSH` (rsync's
//! own variable, such as `ssh -p 2222 -i key`) replaces it for both programs. The server
//! needs `rsync`, a POSIX shell and GNU `mv` (any Linux). Every child ends with the
//! publish ([`super::child`]).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::progress::Progress;

use super::child::end_with_this_process;
use super::plan::{relative_files, Plan};
use super::releases::{new_release_name, release_before, releases_to_remove};
use super::PublishError;

/// Releases kept on the server when `keep` is not given, the live one included.
pub const DEFAULT_KEEP: usize = 3;

/// An rsync publish target, from `[publish]` in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsyncTarget {
    /// `user@host` or `host` (an alias of `~/.ssh/config` will do).
    pub host: String,
    /// The server folder; relative paths are from the login's home folder.
    pub path: String,
    /// Releases kept, the live one included (at least 1).
    pub keep: usize,
}

impl RsyncTarget {
    /// Reads `[user@]host:path`; `None` when it is not of that shape.
    pub fn from_remote(remote: &str, keep: usize) -> Option<RsyncTarget> {
        let (host, path) = remote.split_once(':')?;
        let host_ok = !host.is_empty()
            && !host.starts_with('-')
            && !host.contains(['/', ' ', '\'', '"', '\\']);
        if !host_ok || path.trim().is_empty() {
            return None;
        }
        Some(RsyncTarget {
            host: host.to_string(),
            path: path.trim_end_matches('/').to_string(),
            keep: keep.max(1),
        })
    }

    /// `host:path`, as messages show it.
    pub fn remote(&self) -> String {
        format!("{}:{}", self.host, self.path)
    }
}

/// What the server folder holds: the live release and every release, oldest first.
#[derive(Debug, Default)]
struct ServerState {
    live: Option<String>,
    releases: Vec<String>,
    /// The target folder's absolute path on the server (`pwd -P` there), when it exists.
    folder: Option<String>,
}

/// Publishes `built` to the server folder of `target` as a new release and switches
/// `current` to it (or, with `dry_run`, lists what would change against the live one).
pub fn publish_to_rsync(
    built: &Path,
    target: &RsyncTarget,
    dry_run: bool,
    progress: &dyn Progress,
) -> Result<Plan, PublishError> {
    let state = read_state(target, !dry_run)?;
    let changes = plan_against(built, target, state.live.as_deref())?;
    if dry_run || (state.live.is_some() && changes.is_empty()) {
        return Ok(changes);
    }
    let incoming = format!(".incoming-{}", std::process::id());
    // What travels: the plan's new and changed files (the rest are hard links).
    let travelling = (changes.added.len() + changes.changed.len()) as u64;
    progress.start("Uploading", travelling);
    let basis = state.live.as_deref().map(|live| match &state.folder {
        Some(folder) => format!("{folder}/releases/{live}"),
        None => format!("../{live}"),
    });
    let uploaded = upload(built, target, &incoming, basis.as_deref(), progress);
    progress.finish();
    uploaded?;
    let name = new_release_name(|n| state.releases.iter().any(|r| r == n));
    let mut all = state.releases.clone();
    all.push(name.clone());
    let stale = releases_to_remove(&all, &name, target.keep);
    let script = format!(
        "{}\nmv -- {} {}\n{}\n{}\n{}",
        enter(target),
        quote(&format!("releases/{incoming}")),
        quote(&format!("releases/{name}")),
        only_if_newer_than_current(&name),
        switch_current(&name),
        remove_releases(&stale)
    );
    ssh(target, &script)?;
    Ok(changes)
}

/// `copydesk publish --rollback` for an rsync target: points `current` on the server
/// back at the release before the live one; returns its name.
pub fn roll_back_rsync(target: &RsyncTarget) -> Result<String, PublishError> {
    let state = read_state(target, false)?;
    let Some(live) = state.live else {
        return Err(PublishError::Config(format!(
            "nothing to roll back on {}: it has no `current` release",
            target.remote()
        )));
    };
    let Some(previous) = release_before(&state.releases, &live) else {
        return Err(PublishError::Config(format!(
            "nothing to roll back to on {}: {live} is the oldest release kept",
            target.remote()
        )));
    };
    ssh(
        target,
        &format!("{}\n{}", enter(target), switch_current(&previous)),
    )?;
    Ok(previous)
}

/// Asks the server for its releases and live one. With `prepare`, also makes the folder
/// and removes incoming copies that killed publishes left.
fn read_state(target: &RsyncTarget, prepare: bool) -> Result<ServerState, PublishError> {
    let path = quote(&target.path);
    let setup = if prepare {
        format!("mkdir -p {path}/releases && cd {path} && rm -rf releases/.incoming-* .current-*")
    } else {
        format!("cd {path} 2>/dev/null || exit 0")
    };
    let script = format!(
        "set -e\n{setup}\n\
         if [ -L current ]; then printf 'current %s\\n' \"$(readlink current)\"; \
         elif [ -e current ]; then echo 'current-not-a-link'; fi\n\
         printf 'folder %s\\n' \"$(pwd -P)\"\n\
         for r in releases/*/; do [ -d \"$r\" ] && printf 'release %s\\n' \"$(basename \"$r\")\"; done; true"
    );
    let output = ssh(target, &script)?;
    parse_state(&output).map_err(|why| {
        PublishError::Config(format!(
            "refusing to publish to {}: {why}; the rsync target needs `current` to be its own \
             link into releases/ (move it away on the server)",
            target.remote()
        ))
    })
}

/// Reads the `current …` and `release …` lines of the state script.
fn parse_state(output: &str) -> Result<ServerState, String> {
    let mut state = ServerState::default();
    for line in output.lines() {
        if line == "current-not-a-link" {
            return Err("`current` is not a symlink".into());
        }
        if let Some(link) = line.strip_prefix("current ") {
            let name = link
                .strip_prefix("releases/")
                .filter(|n| !n.is_empty() && !n.contains('/') && !n.starts_with('.'));
            match name {
                Some(name) => state.live = Some(name.to_string()),
                None => return Err(format!("`current` points at {link}, not into releases/")),
            }
        } else if let Some(release) = line.strip_prefix("release ") {
            state.releases.push(release.to_string());
        } else if let Some(folder) = line.strip_prefix("folder ").filter(|f| f.starts_with('/')) {
            state.folder = Some(folder.to_string());
        }
    }
    state.releases.sort();
    if state
        .live
        .as_ref()
        .is_some_and(|live| !state.releases.contains(live))
    {
        state.live = None; // a dangling link: publish a whole new release
    }
    Ok(state)
}

/// What publishing `built` changes against the `live` release on the server (everything
/// is added when there is none).
fn plan_against(
    built: &Path,
    target: &RsyncTarget,
    live: Option<&str>,
) -> Result<Plan, PublishError> {
    let Some(live) = live else {
        let files = relative_files(built, &|_| false).map_err(|e| PublishError::io(built, e))?;
        return Ok(Plan {
            added: files.into_iter().collect(),
            ..Plan::default()
        });
    };
    let destination = format!("{}:{}/releases/{live}/", target.host, target.path);
    let output = rsync(&[
        "--dry-run",
        "--recursive",
        "--links",
        "--checksum",
        "--delete",
        "--itemize-changes",
        &source_folder(built),
        &destination,
    ])?;
    Ok(parse_itemized(&output))
}

/// Reads `rsync --itemize-changes` lines into a plan (folders and attribute-only lines
/// are left out).
fn parse_itemized(output: &str) -> Plan {
    let mut plan = Plan::default();
    for line in output.lines() {
        let (Some(code), Some(path)) = (line.get(..11), line.get(12..)) else {
            continue;
        };
        if path.ends_with('/') {
            continue;
        }
        // `<` is a file sent to the server, `>` one received (a local destination).
        let file = code.get(1..2) == Some("f") && (code.starts_with('<') || code.starts_with('>'));
        if code.starts_with("*deleting") {
            plan.removed.push(path.to_string());
        } else if file && code[2..].starts_with("+++++++") {
            plan.added.push(path.to_string());
        } else if file || code.starts_with("cL") {
            plan.changed.push(path.to_string());
        }
    }
    for files in [&mut plan.added, &mut plan.changed, &mut plan.removed] {
        files.sort();
    }
    plan
}

/// Copies `built` into `releases/INCOMING/` on the server; unchanged files become hard
/// links to the files of `basis`, the live release's folder on the server.
///
/// `basis` is an absolute path when the server told its folder: Debian's rsync 3.2.7
/// with the 2025 security fixes (3.2.7-1+deb12u5) rejects every file linked through a
/// relative `--link-dest=../LIVE` over ssh ("failed verification -- update discarded",
/// rsync's issue 928), and an absolute basis works with it and with older servers.
fn upload(
    built: &Path,
    target: &RsyncTarget,
    incoming: &str,
    basis: Option<&str>,
    progress: &dyn Progress,
) -> Result<(), PublishError> {
    let destination = format!("{}:{}/releases/{incoming}/", target.host, target.path);
    let link_dest = basis.map(|basis| format!("--link-dest={basis}"));
    let mut args = vec![
        "--recursive",
        "--links",
        "--checksum",
        "--delete",
        "--out-format=%n",
    ];
    args.extend(link_dest.as_deref());
    let source = source_folder(built);
    args.extend([source.as_str(), destination.as_str()]);
    let mut command = Command::new("rsync");
    command.args(&args);
    run_reporting(command, &format!("rsync {}", args.join(" ")), |line| {
        if is_sent_file(line) {
            progress.advance(1);
        }
    })
}

/// Whether a line of rsync's `--out-format=%n` output names a file it sent (a folder's
/// name ends with a slash).
fn is_sent_file(line: &str) -> bool {
    !line.is_empty() && !line.ends_with('/')
}

/// Runs `command` (never reading the terminal's stdin), ending it with this process, and
/// calls `each_line` with each line of its stdout as it comes; its stderr is the error,
/// named `shown`, when it fails.
fn run_reporting(
    mut command: Command,
    shown: &str,
    mut each_line: impl FnMut(&str),
) -> Result<(), PublishError> {
    end_with_this_process(&mut command);
    let cannot_run = |e: std::io::Error| PublishError::Tool {
        command: shown.to_string(),
        message: format!("cannot run it: {e}"),
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    // stderr is drained on its own thread so that neither pipe can fill and stall rsync.
    let mut stderr = child.stderr.take().expect("stderr was piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            each_line(&line);
        }
    }
    let status = child.wait().map_err(cannot_run)?;
    let errors = errors.join().unwrap_or_default();
    if status.success() {
        Ok(())
    } else {
        Err(PublishError::Tool {
            command: shown.to_string(),
            message: errors.trim().to_string(),
        })
    }
}

/// `built/`: rsync copies a folder's contents when its name ends with a slash.
fn source_folder(built: &Path) -> String {
    format!("{}/", built.display())
}

/// The start of every server script: stop at the first error, in the target folder.
fn enter(target: &RsyncTarget) -> String {
    format!("set -e\ncd {}", quote(&target.path))
}

/// A shell line that ends the script unless release `name` is newer than the live one.
/// The server may run the last step of a publish that was killed (its `ssh` had sent
/// the script): landing after a later publish, it would otherwise put an older release
/// live. Names are UTC times, so they sort by age.
fn only_if_newer_than_current(name: &str) -> String {
    let new = quote(&format!("releases/{name}"));
    format!(
        "newest=$(printf '%s\\n%s\\n' \"$(readlink current || true)\" {new} | LC_ALL=C sort | tail -n 1)\n\
         [ \"$newest\" = {new} ] || exit 0"
    )
}

/// Shell lines that point `current` at `releases/NAME` in one rename.
fn switch_current(name: &str) -> String {
    let link = format!(".current-{}", std::process::id());
    format!(
        "ln -sfn {} {}\nmv -T -- {} current",
        quote(&format!("releases/{name}")),
        quote(&link),
        quote(&link)
    )
}

/// A shell line removing the `names` releases (nothing when there are none).
fn remove_releases(names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let paths: Vec<String> = names
        .iter()
        .map(|n| quote(&format!("releases/{n}")))
        .collect();
    format!("rm -rf -- {}", paths.join(" "))
}

/// `text` as one word for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The remote shell: `RSYNC_RSH` split at spaces, else `ssh`.
fn ssh_command() -> Vec<String> {
    let configured = std::env::var("RSYNC_RSH").unwrap_or_default();
    let words: Vec<String> = configured.split_whitespace().map(String::from).collect();
    if words.is_empty() {
        vec!["ssh".into()]
    } else {
        words
    }
}

/// Runs `script` on the server with `sh`, returning its output.
fn ssh(target: &RsyncTarget, script: &str) -> Result<String, PublishError> {
    let words = ssh_command();
    let mut command = Command::new(&words[0]);
    command
        .args(&words[1..])
        .arg("--")
        .arg(&target.host)
        .arg(format!("sh -c {}", quote(script)));
    run(command, &format!("ssh {}", target.host))
}

/// Runs the system's rsync with `args`, returning its output.
fn rsync(args: &[&str]) -> Result<String, PublishError> {
    let mut command = Command::new("rsync");
    command.args(args);
    run(command, &format!("rsync {}", args.join(" ")))
}

/// Runs `command` (never reading the terminal's stdin), ending it with this process;
/// its trimmed stdout, or its stderr as an error named `shown`.
fn run(command: Command, shown: &str) -> Result<String, PublishError> {
    let mut stdout = String::new();
    run_reporting(command, shown, |line| {
        stdout.push_str(line);
        stdout.push('\n');
    })?;
    Ok(stdout.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_are_host_and_path() {
        let target = RsyncTarget::from_remote("deploy@news.example:/srv/www/", 3).unwrap();
        assert_eq!(target.host, "deploy@news.example");
        assert_eq!(target.path, "/srv/www");
        for bad in ["/srv/www", "-oProxyCommand=x:/a", "host:", "a b:/x"] {
            assert_eq!(RsyncTarget::from_remote(bad, 3), None, "{bad}");
        }
        assert_eq!(RsyncTarget::from_remote("h:p", 0).unwrap().keep, 1);
    }

    #[cfg(unix)]
    #[test]
    fn each_line_is_reported_as_it_comes_and_a_failure_carries_stderr() {
        let mut sent = 0;
        let mut command = Command::new("sh");
        command.args(["-c", "printf 'a.html\\nfolder/\\nb/c.css\\n'"]);
        run_reporting(command, "sh", |line| {
            sent += usize::from(is_sent_file(line))
        })
        .unwrap();
        assert_eq!(sent, 2);
        let mut failing = Command::new("sh");
        failing.args(["-c", "echo out; echo broken >&2; exit 3"]);
        let Err(PublishError::Tool { message, .. }) = run(failing, "sh") else {
            panic!("a failing command is an error");
        };
        assert_eq!(message, "broken");
    }

    #[test]
    fn sent_files_are_told_from_folders() {
        assert!(is_sent_file("articles/a0/index.html"));
        assert!(!is_sent_file("articles/a0/"));
        assert!(!is_sent_file(""));
    }

    #[test]
    fn itemized_lines_become_a_plan() {
        let output = "cd+++++++++ articles/\n<f+++++++++ articles/new/index.html\n\
                      <fcsT...... index.html\n*deleting   old/index.html\n*deleting   old/\n\
                      .d..t...... ./\n>fc.T...... local.css\n";
        let plan = parse_itemized(output);
        assert_eq!(plan.added, ["articles/new/index.html"]);
        assert_eq!(plan.changed, ["index.html", "local.css"]);
        assert_eq!(plan.removed, ["old/index.html"]);
    }

    #[test]
    fn the_server_state_is_read_and_foreign_currents_refused() {
        let state =
            parse_state("current releases/b\nrelease b\nrelease a\nfolder /srv/paper\n").unwrap();
        assert_eq!(state.live.as_deref(), Some("b"));
        assert_eq!(state.releases, ["a", "b"]);
        assert_eq!(state.folder.as_deref(), Some("/srv/paper"));
        // A folder line that is not an absolute path is not taken for one.
        assert_eq!(parse_state("folder srv\n").unwrap().folder, None);
        assert!(parse_state("current /etc\n").is_err());
        assert!(parse_state("current releases/../x\n").is_err());
        assert!(parse_state("current-not-a-link\n").is_err());
        assert_eq!(parse_state("current releases/gone\n").unwrap().live, None);
    }

    #[test]
    fn quoting_survives_quotes() {
        assert_eq!(quote("it's"), "'it'\\''s'");
    }
}
