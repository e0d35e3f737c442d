//! `copydesk clean [PATH...]`: raw copied text becomes article Markdown.
//!
//! Thin shell over [`copydesk::clean`]: gathers the input files, cleans each, and then
//! writes the article (respecting hand edits through the manifest), prints it (`-o -`),
//! or prints a diff (`--dry-run`); `--report` writes every edit and finding as JSON.
//! Every bad file gets one message; the others are still cleaned; the exit status is 1
//! when any file failed. A file reached through the site whose real path is outside it,
//! and raw files that would write the same article, are such bad files; so is
//! `-o FILE` naming a file copydesk may not overwrite.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk::clean::site_run::{
    article_path, clean_file, in_ordered_chunks, kept_warning, raw_entries_in, refuse_outside,
    refuse_outside_listed, refuse_shared_slugs, write_atomically, ManifestBook, WriteOutcome,
};
use copydesk::clean::site_words::site_word_context;
use copydesk::clean::CleanedArticle;
use copydesk::diagnostic::{Diagnostic, Position};
use copydesk::progress::Progress;

use super::terminal::{colour_on_stdout, counted, print_diagnostic, usage_error, TerminalProgress};
use super::GlobalArgs;

/// Arguments of `copydesk clean`.
#[derive(Debug, clap::Args)]
#[command(
    long_about = "Repair raw copied text into article Markdown.\n\n\
Reads raw article text (copied from an e-paper, PDF or web page), repairs the copying \
defects (mojibake, ligatures, hard wraps, line-end hyphens, page headers, drop caps, glued \
words, typos, lost letters), moves the masthead (headline, standfirst, byline, date) and \
the closing bio into front matter, turns repeated quotes into pull-quotes, and writes \
content/articles/SLUG.md. Anything it cannot repair safely (such as unbalanced quotes) is \
reported as a warning, not changed.\n\n\
An article edited by hand after copydesk wrote it is adopted: said once, recorded in the \
manifest in content/articles/, and never overwritten; --force overwrites it and keeps a .bak \
copy. --status lists each article's state.",
    after_help = "Examples:\n  \
copydesk clean                                  # every content/raw/*.txt of the site in .\n  \
copydesk clean --site mysite                    # the same for the site in mysite/\n  \
copydesk clean content/raw/impasse.txt -o -     # print the Markdown instead of writing it\n  \
copydesk clean notes.txt -o draft.md            # write to a file of your choice\n  \
copydesk clean --dry-run                        # show what would change, write nothing\n  \
copydesk clean --report report.json             # every change and finding as JSON\n  \
copydesk clean --force impasse.txt              # overwrite a hand-edited article (keeps .bak)\n  \
copydesk clean --status                         # which articles are fresh, stale, new or adopted"
)]
pub struct CleanArgs {
    /// Raw text files or folders of them (default: the site's content/raw/).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the article here instead of content/articles/SLUG.md (one input only);
    /// `-` prints it on stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write every edit and finding as JSON to FILE (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Print a diff of what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite articles edited by hand, keeping a NAME.md.bak copy.
    #[arg(long)]
    pub force: bool,
    /// List each raw file's article as fresh, stale, new, adopted (edited by hand) or not
    /// copydesk's, and write nothing.
    #[arg(long, conflicts_with_all = ["output", "report", "dry_run", "force"])]
    pub status: bool,
}

/// One line of the JSON report.
#[derive(Debug, serde::Serialize)]
struct ReportEntry<'a> {
    kind: &'static str,
    pass: &'static str,
    file: String,
    line: usize,
    column: usize,
    before: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

pub fn run(args: CleanArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    let stdout_taken = is_stdout(args.output.as_deref()) || is_stdout(args.report.as_deref());
    if is_stdout(args.output.as_deref()) && is_stdout(args.report.as_deref()) {
        return Ok(usage_error(
            "`-o -` and `--report -` cannot both use stdout",
        ));
    }
    let (inputs, mut failures) = gather_inputs(&args.paths, &global.site);
    let inputs = if args.output.is_none() {
        let (clear, shared) = refuse_shared_slugs(&global.site, inputs);
        failures.extend(shared);
        clear
    } else {
        inputs
    };
    if args.output.is_some() && inputs.len() + failures.len() != 1 {
        return Ok(usage_error(&format!(
            "-o/--output takes exactly one input file, but {} were given",
            inputs.len() + failures.len()
        )));
    }
    for d in &failures {
        print_diagnostic(d);
    }
    if args.status {
        return print_status(&global.site, &inputs, failures.is_empty());
    }
    let context = site_word_context(&global.site).map_err(|d| d.to_string())?;
    let progress = TerminalProgress::new(global.quiet || stdout_taken);
    progress.start("clean", inputs.len() as u64);
    let mut report: Vec<(PathBuf, CleanedArticle)> = Vec::new();
    // Files are cleaned in parallel; what each one prints is gathered and printed in the
    // order of the inputs, so the messages are the same on every run. The manifest is
    // read once and saved at the end (and at checkpoints, see `ManifestBook`).
    let book = ManifestBook::new();
    let work = |raw_path: &PathBuf| {
        let mut out = Vec::new();
        let result = clean_one(raw_path, &args, global, &context, &book, &mut out);
        (result, out)
    };
    let ran = in_ordered_chunks(&inputs, &book, work, |raw_path, (result, out)| {
        for item in out {
            item.print();
        }
        match result {
            Ok(cleaned) => report.push((raw_path.clone(), cleaned)),
            Err(d) => {
                print_diagnostic(&d);
                failures.push(d);
            }
        }
        progress.advance(1);
    });
    if let Err(d) = ran.and_then(|()| book.save()) {
        print_diagnostic(&d);
        failures.push(d);
    }
    if global.verbose > 0 {
        eprintln!("manifest saved {} time(s)", book.saves());
    }
    progress.finish();
    if let Some(report_path) = &args.report {
        write_report(report_path, &report)?;
    }
    if !global.quiet && !stdout_taken && !args.dry_run {
        eprintln!(
            "cleaned {}{}",
            counted(report.len(), "file", "files"),
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} failed", failures.len())
            }
        );
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn is_stdout(path: Option<&Path>) -> bool {
    path.is_some_and(|p| p == Path::new("-"))
}

/// The raw files named by `paths` (or the site's content/raw/), and one error per path
/// that is neither a file nor a folder. A file reached through the site (named in it, or
/// found in one of its folders) must really be inside the site, and one found in a
/// folder outside the site must really be inside that folder: a symlink leading
/// elsewhere is an error naming it. A file named outside the site is taken as it is.
fn gather_inputs(paths: &[PathBuf], site: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let default = [site.join("content").join("raw")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            // A folder's files are checked together: the folder and the boundary are
            // resolved once, not once per file.
            match raw_entries_in(path) {
                Ok(files) => match boundary_of(path, site, true) {
                    None => inputs.extend(files.into_iter().map(|f| f.path)),
                    Some((inside, what)) => {
                        let (clear, refused) = refuse_outside_listed(path, files, &inside, &what);
                        inputs.extend(clear);
                        errors.extend(refused);
                    }
                },
                Err(d) => errors.push(d),
            }
        } else if path.is_file() {
            match boundary_of(path, site, false) {
                None => inputs.push(path.clone()),
                Some((inside, what)) => match refuse_outside(path, &inside, &what) {
                    Ok(()) => inputs.push(path.clone()),
                    Err(d) => errors.push(d),
                },
            }
        } else {
            errors.push(Diagnostic::error(
                path,
                Position::default(),
                "no such file or folder",
            ));
        }
    }
    // A file named twice (`a.txt ./a.txt`, or by a glob and by name) is one input, not
    // two raw files competing for one article. Compared as written, links unfollowed:
    // a link is a raw file of its own, with its own slug. A relative path is made
    // absolute against the working folder, asked for once (not a `getcwd` per file).
    let cwd = std::env::current_dir();
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|file| {
        let absolute = if file.is_absolute() {
            std::path::absolute(file).ok()
        } else {
            cwd.as_ref().ok().map(|cwd| cwd.join(file))
        };
        let key = absolute.map_or_else(|| file.clone(), |p| fold_parent_dirs(&p));
        seen.insert(key)
    });
    (inputs, errors)
}

/// What the files at `path` must really be inside, with its name for messages: the site
/// when `path` lies in it, else a `folder` itself; `None` for a file named outside it.
fn boundary_of(path: &Path, site: &Path, folder: bool) -> Option<(PathBuf, String)> {
    if lies_in(path, site) {
        Some((site.to_path_buf(), "the site".into()))
    } else if folder {
        let name = format!("the folder {}", path.display());
        Some((path.to_path_buf(), name))
    } else {
        None
    }
}

/// True when `path`, as written, lies in `folder`: compared as absolute paths without
/// following symlinks (so a linked `content/raw/` still counts as the site's), or with
/// the folders above `path` resolved (so `../site/x` counts too).
fn lies_in(path: &Path, folder: &Path) -> bool {
    // `absolute` keeps `..`: fold it, or `../elsewhere/x.txt` would lie in the site.
    let lexical = |p: &Path| std::path::absolute(p).ok().map(|p| fold_parent_dirs(&p));
    if let (Some(p), Some(f)) = (lexical(path), lexical(folder)) {
        if p.starts_with(&f) {
            return true;
        }
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let real_parent = parent.unwrap_or(Path::new(".")).canonicalize();
    match (real_parent, folder.canonicalize()) {
        (Ok(p), Ok(f)) => p.starts_with(&f),
        _ => false,
    }
}

/// `path` with each `..` taking away the component before it, as written (no symlink is
/// followed).
fn fold_parent_dirs(path: &Path) -> PathBuf {
    let mut folded = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                folded.pop();
            }
            std::path::Component::CurDir => {}
            other => folded.push(other),
        }
    }
    folded
}

/// What cleaning one file prints, gathered while files are cleaned in parallel and
/// printed in the order of the inputs.
enum Printed {
    Diagnostic(Diagnostic),
    Stderr(String),
    Stdout(String),
}

impl Printed {
    fn print(self) {
        match self {
            Printed::Diagnostic(d) => print_diagnostic(&d),
            Printed::Stderr(line) => eprintln!("{line}"),
            Printed::Stdout(text) => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes());
            }
        }
    }
}

/// Cleans one file and delivers the result as the arguments ask; what it would print
/// goes to `out`.
fn clean_one(
    raw_path: &Path,
    args: &CleanArgs,
    global: &GlobalArgs,
    context: &copydesk::clean::words::WordContext,
    book: &ManifestBook,
    out: &mut Vec<Printed>,
) -> Result<CleanedArticle, Diagnostic> {
    let (raw, cleaned) = clean_file(raw_path, context)?;
    if !global.quiet {
        for warning in &cleaned.warnings {
            out.push(Printed::Diagnostic(warning.clone()));
        }
        for finding in &cleaned.findings {
            out.push(Printed::Diagnostic(
                Diagnostic::warning(raw_path, finding.position, &finding.reason)
                    .with_help(format!("left as it is: `{}`", finding.text)),
            ));
        }
    }
    let markdown = cleaned.article.to_markdown();
    let target = match &args.output {
        Some(path) if path == Path::new("-") => {
            out.push(Printed::Stdout(markdown));
            return Ok(cleaned);
        }
        Some(path) => path.clone(),
        None => article_path(&global.site, raw_path),
    };
    if args.dry_run {
        let existing = std::fs::read_to_string(&target).unwrap_or_default();
        out.push(Printed::Stdout(diff_text(&target, &existing, &markdown)));
        return Ok(cleaned);
    }
    let outcome = book.write_article(&target, &markdown, raw_path, &raw, args.force)?;
    if args.output.is_some() && outcome.kept_reason().is_some() {
        return Err(chosen_output_kept(&target, &outcome));
    }
    match outcome {
        kept if kept.kept_reason().is_some() && kept.worth_saying() => {
            out.push(Printed::Diagnostic(
                kept_warning(&target, &kept).expect("a kept outcome"),
            ));
        }
        kept if kept.kept_reason().is_some() => {}
        WriteOutcome::Overwritten { backup } if !global.quiet => {
            out.push(Printed::Stderr(format!(
                "{}: overwritten; the hand-edited copy is in {}",
                target.display(),
                backup.display()
            )));
        }
        outcome if global.verbose > 0 => out.push(Printed::Stderr(format!(
            "{}: {outcome:?}",
            target.display()
        ))),
        _ => {}
    }
    Ok(cleaned)
}

/// `clean --status`: one line per raw file's article, then the count of each state.
fn print_status(site: &Path, inputs: &[PathBuf], no_failures: bool) -> Result<ExitCode, String> {
    let states = match copydesk::clean::site_run::article_states(site, inputs) {
        Ok(states) => states,
        Err(d) => {
            print_diagnostic(&d);
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let mut text = String::new();
    for (raw, article, state) in &states {
        text.push_str(&format!(
            "{:<26} {}  (from {})\n",
            state.label(),
            article.display(),
            raw.display()
        ));
        *counts.entry(state.label()).or_default() += 1;
    }
    let summary: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
    if summary.is_empty() {
        text.push_str("no raw articles\n");
    } else {
        text.push_str(&summary.join(", "));
        text.push('\n');
    }
    // A closed pipe (`| head`) ends the listing; it is no error of the command.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(if no_failures {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The error for `-o FILE` naming a file copydesk kept (not its own, or edited by hand
/// since): the article the user asked for was not written, so this is a failure.
fn chosen_output_kept(target: &Path, outcome: &WriteOutcome) -> Diagnostic {
    let reason = outcome.kept_reason().unwrap_or("kept");
    Diagnostic::error(
        target,
        Position::default(),
        format!("{reason}, so it was not overwritten and nothing was written"),
    )
    .with_help("choose another file for -o, or add --force to overwrite it (a .bak copy is kept)")
}

/// A unified diff from `old` to `new`, coloured on a terminal unless NO_COLOR.
fn diff_text(target: &Path, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("a/{}", target.display()),
            &format!("b/{}", target.display()),
        )
        .to_string();
    let colour = colour_on_stdout();
    let mut out = Vec::new();
    for line in text.lines() {
        let code = match line.as_bytes().first() {
            _ if !colour => None,
            Some(b'+') => Some("32"),
            Some(b'-') => Some("31"),
            Some(b'@') => Some("36"),
            _ => None,
        };
        let _ = match code {
            Some(code) => writeln!(out, "\x1b[{code}m{line}\x1b[0m"),
            None => writeln!(out, "{line}"),
        };
    }
    String::from_utf8(out).expect("the diff is text")
}

/// Writes the JSON report of every edit and finding.
fn write_report(path: &Path, cleaned: &[(PathBuf, CleanedArticle)]) -> Result<(), String> {
    let mut entries = Vec::new();
    for (file, article) in cleaned {
        let file = file.display().to_string();
        for e in &article.edits {
            entries.push(ReportEntry {
                kind: "edit",
                pass: e.pass,
                file: file.clone(),
                line: e.position.line,
                column: e.position.column,
                before: &e.before,
                after: Some(&e.after),
                reason: &e.reason,
                confidence: Some(e.confidence),
            });
        }
        for f in &article.findings {
            entries.push(ReportEntry {
                kind: "finding",
                pass: f.pass,
                file: file.clone(),
                line: f.position.line,
                column: f.position.column,
                before: &f.text,
                after: None,
                reason: &f.reason,
                confidence: None,
            });
        }
    }
    let json = serde_json::to_string_pretty(&entries).expect("the report always serialises");
    if path == Path::new("-") {
        println!("{json}");
        Ok(())
    } else {
        write_atomically(path, format!("{json}\n").as_bytes())
            .map_err(|e| format!("{}: cannot write the report: {e}", path.display()))
    }
}
