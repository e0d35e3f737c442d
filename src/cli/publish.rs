//! `copydesk publish`: arguments, and the listing of what changed.

use std::process::ExitCode;

use copydesk::publish::{publish, PublishError, PublishOptions, PublishOutcome};

use super::terminal::{self, TerminalProgress};
use super::verbose::StageLog;
use super::GlobalArgs;

/// The longer help of `copydesk publish`, shown after the options.
const PUBLISH_HELP: &str = "\
The site is built into .copydesk/tmp/ in the site first; a failed build publishes nothing.
The target is the `[publish]` table of site.toml:

  [publish]                          [publish]
  target = \"dir\"                     target = \"git\"
  path = \"/srv/www/paper\"            repository = \"git@github.com:me/paper.git\"
                                     branch = \"gh-pages\"        # the default
                                     cname = \"paper.example.com\"

A dir target gets only the files that changed (staged, then renamed into place) and
loses only files an earlier publish put there and the site no longer has: the folder's
.copydesk-published file records them. Files copydesk did not publish there, and every
dot-file and dot-folder (.git, .well-known, .htaccess), are never changed or removed.
A non-empty folder copydesk has not published to is refused unless you pass --adopt.
When the folder holds only what copydesk published there, the new site is staged whole
beside it (.NAME.copydesk-next-PID) and swapped in with one atomic folder exchange
(Linux): point the web server at PATH itself. Otherwise it switches file by file, and a
warning says why.

With `layout = \"releases\"` in a dir target, each publish is a whole copy in
releases/ and a `current` link is switched to it in one atomic step: point the web
server at PATH/current. The three newest releases are kept.

An rsync target (remote = \"user@host:/srv/www/paper\") gets the same releases/ and
current layout on the server, through the system's rsync and ssh (keys, agents and
~/.ssh/config work; RSYNC_RSH replaces ssh). `copydesk publish --rollback` points
current back at the release before it, for either.

An s3 target (bucket = \"paper-site\", with prefix, endpoint and region as needed)
gets only the objects whose content changed, recorded in PREFIX.copydesk-published.json;
credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or ~/.aws/credentials,
never from site.toml.

A git target gets a new commit on its branch, made in a throw-away clone (your checkout
is never touched) and pushed; history is kept.

Examples:

  copydesk publish --dry-run     # list what would be added, changed and removed
  copydesk publish
  copydesk publish --adopt -n    # see what a first publish into a used folder keeps
  copydesk --site ../paper publish -v";

/// Build with the production base_url and publish to the target in site.toml.
#[derive(Debug, clap::Args)]
#[command(after_help = PUBLISH_HELP)]
pub struct PublishArgs {
    /// List what would be added, changed and removed; change nothing.
    #[arg(short = 'n', long)]
    dry_run: bool,
    /// Publish into a folder that holds files copydesk did not put there: a web root
    /// already in use, or a folder published by a copydesk older than the
    /// .copydesk-published record. The site's files replace files of the same name;
    /// every other file stays as it is, is listed ("= FILE"), and is never removed by
    /// later publishes. Dot-files and dot-folders are never replaced. Needed once: the
    /// publish records what it wrote. Dir targets only.
    #[arg(long)]
    adopt: bool,
    /// Build nothing: point the live site back at the release before it, in one atomic
    /// step (layout = "releases" and rsync targets). Again goes back one more.
    #[arg(long, conflicts_with_all = ["dry_run", "adopt"])]
    rollback: bool,
}

pub fn run(args: PublishArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    // Ctrl-C removes the staging and scratch folders before the process ends.
    copydesk::scratch::clean_up_on_signals()?;
    let options = PublishOptions {
        site_root: global.site.clone(),
        dry_run: args.dry_run,
        adopt: args.adopt,
        rollback: args.rollback,
    };
    let bar = TerminalProgress::new(global.quiet);
    let log = StageLog::new();
    // -v: the build's stages and the upload, each with its count and time, on stderr.
    let progress: &dyn copydesk::progress::Progress = if global.verbose > 0 { &log } else { &bar };
    let result = publish(&options, progress);
    if copydesk::scratch::interrupted() {
        return Ok(ExitCode::from(130));
    }
    match result {
        Ok(outcome) if args.rollback => {
            if !global.quiet {
                eprintln!("Rolled back: {}", outcome.destination);
            }
            Ok(ExitCode::SUCCESS)
        }
        Ok(outcome) => {
            report(&outcome, args.adopt, global);
            Ok(ExitCode::SUCCESS)
        }
        Err(PublishError::Build(diagnostics)) => {
            for diagnostic in &diagnostics {
                terminal::print_diagnostic(diagnostic);
            }
            Err(format!(
                "the build failed with {} error(s); nothing was published",
                diagnostics.len()
            ))
        }
        Err(PublishError::ConfigAt(diagnostic)) => {
            terminal::print_diagnostic(&diagnostic);
            Ok(ExitCode::from(1))
        }
        Err(other) => Err(other.to_string()),
    }
}

fn report(outcome: &PublishOutcome, adopt: bool, global: &GlobalArgs) {
    if !global.quiet {
        for warning in &outcome.warnings {
            terminal::print_diagnostic(warning);
        }
    }
    if let Some(why) = outcome.not_atomic.as_deref().filter(|_| !global.quiet) {
        let when = if outcome.dry_run {
            "would not be"
        } else {
            "was not"
        };
        eprintln!(
            "warning: this publish {when} atomic ({} switches file by file: {why}); for a \
             one-step switch keep other files out of the web root, or use layout = \"releases\"",
            outcome.destination
        );
    }
    let plan = &outcome.plan;
    // The listing is the point of a dry run, so it goes to stdout even with -q; what
    // stays in an adopted folder is listed too, so the user sees what is not copydesk's.
    if outcome.dry_run || global.verbose > 0 || adopt {
        for (mark, files) in [
            ("+", &plan.added),
            ("~", &plan.changed),
            ("-", &plan.removed),
            ("=", &plan.kept),
        ] {
            for file in files {
                println!("{mark} {file}");
            }
        }
    }
    if global.quiet {
        return;
    }
    let mut counts = format!(
        "{} added, {} changed, {} removed",
        plan.added.len(),
        plan.changed.len(),
        plan.removed.len()
    );
    if !plan.kept.is_empty() {
        counts.push_str(&format!(
            "; {} not copydesk's, left as they are",
            plan.kept.len()
        ));
    }
    if outcome.dry_run {
        eprintln!("Dry run for {}: would have {counts}", outcome.destination);
    } else if plan.is_empty() {
        eprintln!("{} is up to date", outcome.destination);
    } else {
        let commit = outcome
            .commit
            .as_deref()
            .map(|c| format!(" (commit {})", &c[..c.len().min(12)]))
            .unwrap_or_default();
        eprintln!("Published to {}{commit}: {counts}", outcome.destination);
    }
}
