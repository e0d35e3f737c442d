//! `copydesk new`: arguments and the next steps printed after creating a site.

use std::path::PathBuf;
use std::process::ExitCode;

use copydesk::scaffold::create_site;

use super::GlobalArgs;

/// The longer help of `copydesk new`, shown after the options.
const NEW_HELP: &str = "\
Writes NAME/site.toml (default theme), NAME/.gitignore and one example raw article in
NAME/content/raw/ showing each defect `copydesk clean` repairs: kicker, headline,
standfirst, byline and date at the top; a drop cap, hard wraps, a line-end hyphen,
running page headers, glued words, a keyboard typo, a lost accented letter, a repeated
pull-quote, a ligature, mojibake, odd spaces and invisible characters; the author bio
at the end. `copydesk build` then writes the repaired Markdown to content/articles/
and the site to output/. Refuses a folder that exists and is not empty.

Examples:

  copydesk new ledger && cd ledger && copydesk build
  copydesk new ~/sites/harbour-news";

/// Create a new site that builds at once.
#[derive(Debug, clap::Args)]
#[command(after_help = NEW_HELP)]
pub struct NewArgs {
    /// Folder to create (its name becomes the site's first title).
    #[arg(value_name = "NAME")]
    name: PathBuf,
}

pub fn run(args: NewArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    let site = create_site(&args.name).map_err(|e| e.to_string())?;
    if !global.quiet {
        eprintln!("Created a new site in {}", site.root.display());
        if global.verbose > 0 {
            for file in &site.files {
                eprintln!("  {}", file.display());
            }
        }
        eprintln!(
            "Next: cd {} && copydesk build   (or copydesk serve to preview)",
            site.root.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
