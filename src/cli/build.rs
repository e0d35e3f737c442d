//! `copydesk build`: render the site into `output/` (or `--output DIR`).
//!
//! Parses the flags into [`BuildOptions`], runs [`copydesk::site::build_with_cache`] with a progress
//! bar on interactive terminals, prints every warning and error with its file and
//! line:column, and a one-line summary unless `-q`. Exit status 1 when the build failed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use copydesk::site::{self, BuildOptions};

use super::terminal::{counted, print_diagnostic, TerminalProgress};
use super::verbose::StageLog;
use super::GlobalArgs;

/// Arguments of `copydesk build`.
///
/// Cleans any raw article in content/raw/ whose Markdown is missing or stale, then renders
/// every article, the front page, section, tag and author pages, the tag and author
/// indexes, 404.html, Atom and RSS feeds, sitemap.xml, news-sitemap.xml and robots.txt.
///
/// A build remembers in .copydesk/build-cache/ what each page was made from. The next build
/// stops at once when no file of the site changed, and otherwise renders only the pages
/// whose articles, templates or settings changed and writes only files whose bytes changed.
/// The first build (and any with --full, or whose cache is missing or unusable) writes the
/// new site to a staging folder and swaps it in at the end; either way a failed build
/// leaves the previous output untouched.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  copydesk build\n  copydesk build --drafts --output /tmp/preview\n  copydesk build --full\n  copydesk --site mysite build --base-url https://news.example.org"
)]
pub struct BuildArgs {
    /// Write the site into DIR instead of the site's output/ folder.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Use URL as the site's address instead of base_url from site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (in the site's timezone).
    #[arg(long)]
    pub future: bool,
    /// Ignore the build cache in .copydesk/build-cache/: render every page and swap in a
    /// freshly staged site (the cache is then saved anew).
    #[arg(long)]
    pub full: bool,
}

pub fn run(args: BuildArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    // Ctrl-C removes the staging and scratch folders before the process ends.
    copydesk::scratch::clean_up_on_signals()?;
    if let Some(output) = &args.output {
        if let Err(refusal) = site::write::check_chosen_output(output, &global.site) {
            print_diagnostic(&refusal);
            return Err("build failed; nothing was written".into());
        }
    }
    let chosen_output = args.output.clone();
    let full = args.full;
    let options = BuildOptions {
        site_root: global.site.clone(),
        output_dir: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        future: args.future,
        inject_before_body_end: None,
    };
    let bar = TerminalProgress::new(global.quiet);
    let log = StageLog::new();
    let progress: &dyn copydesk::progress::Progress = if global.verbose > 0 { &log } else { &bar };
    let started = Instant::now();
    let result = site::build_with_cache(&options, full, progress);
    if copydesk::scratch::interrupted() {
        return Ok(ExitCode::from(130));
    }
    match result {
        Ok(summary) => {
            if let Some(output) = &chosen_output {
                if let Err(e) = site::write::remember_chosen_output(output, &global.site) {
                    eprintln!(
                        "warning: cannot record {} as built into: {e}",
                        output.display()
                    );
                }
            }
            if !global.quiet {
                summary.warnings.iter().for_each(print_diagnostic);
                let skipped = match summary.skipped {
                    0 => String::new(),
                    n => format!(", {n} drafts or future articles left out"),
                };
                println!(
                    "Built {} into {} in {} ({} written{skipped}) in {:.2}s",
                    counted(summary.articles, "article", "articles"),
                    counted(summary.pages, "page", "pages"),
                    summary.output_dir.display(),
                    counted(summary.files, "file", "files"),
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            failure.diagnostics.iter().for_each(print_diagnostic);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            Err(format!(
                "build failed with {errors} error{}; the previous output was left as it was",
                if errors == 1 { "" } else { "s" }
            ))
        }
    }
}
