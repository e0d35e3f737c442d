//! `copydesk check`: arguments, and the report as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::check::{check_site, CheckOptions, CheckReport};

use super::terminal::{self, TerminalProgress};
use super::GlobalArgs;

/// The longer help of `copydesk check`, shown after the options.
const CHECK_HELP: &str = "\
Builds the site into .copydesk/tmp/ in the site (or takes --output-dir) and reports:
front matter that does not parse, build errors, internal links and #anchors that do
not resolve, referenced assets (img, script, stylesheet, icon, srcset…) that do not
exist (with the fonts and images stylesheets use), and what the clean stage
noticed but would not fix safely (as warnings).
Exits with 1 when there is any error.

Examples:

  copydesk check
  copydesk check --output-dir output        # check an existing build as it is
  copydesk check --format json | jq '.problems[] | select(.kind == \"broken-link\")'";

/// Check a site without publishing it.
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_HELP)]
pub struct CheckArgs {
    /// Check this built folder instead of building into a temporary one.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Include draft articles in the checked build.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future in the checked build.
    #[arg(long)]
    future: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One line per problem on stderr, `path:line:column: error: …`.
    Text,
    /// The whole report as one JSON object on stdout.
    Json,
}

pub fn run(args: CheckArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    // Ctrl-C removes the scratch build before the process ends.
    copydesk::scratch::clean_up_on_signals()?;
    let options = CheckOptions {
        site_root: global.site.clone(),
        output_dir: args.output_dir,
        drafts: args.drafts,
        future: args.future,
    };
    let progress = TerminalProgress::new(global.quiet || args.format == Format::Json);
    let report = check_site(&options, &progress);
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
        }
        Format::Text => print_text(&report, global.quiet),
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_text(report: &CheckReport, quiet: bool) {
    for problem in &report.problems {
        if problem.diagnostic.is_error() || !quiet {
            terminal::print_diagnostic(&problem.diagnostic);
        }
    }
    if quiet {
        return;
    }
    eprintln!(
        "checked {} page(s): {} error(s), {} warning(s)",
        report.pages_checked, report.errors, report.warnings
    );
}
