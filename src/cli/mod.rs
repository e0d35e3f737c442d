//! Argument definitions shared by every subcommand, and the dispatcher.

mod build;
mod check;
mod clean;
mod new;
mod open_browser;
mod publish;
mod serve;
pub mod terminal;
mod verbose;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// copydesk: damaged article text in, clean Markdown and a themed news site out.
///
/// Typical use, inside a site folder:
///
///   copydesk clean      # content/raw/*.txt -> content/articles/*.md
///   copydesk build      # content/ -> output/
///   copydesk serve      # preview on http://127.0.0.1:1111 with live reload
///   copydesk publish    # build and upload to the target in site.toml
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about,
    long_about,
    verbatim_doc_comment,
    max_term_width = 100,
    after_help = "Exit status: 0 success; 1 some input, build or check failed (details on stderr); \
                  2 usage error.\nColour is off when NO_COLOR is set or output is not a terminal; \
                  progress bars appear only on a terminal outside CI."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The site's root folder (holds site.toml and content/).
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub site: PathBuf,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail on stderr: how long each stage took (cleaning, loading, images,
    /// rendering; uploading with publish) and what was done to each image and with the
    /// build cache.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Repair raw copied text into article Markdown (content/raw -> content/articles).
    Clean(clean::CleanArgs),
    /// Render the site into output/.
    Build(build::BuildArgs),
    /// Build, serve on localhost and rebuild + reload on every change.
    Serve(serve::ServeArgs),
    /// Build with the production base_url and publish to the target in site.toml.
    Publish(publish::PublishArgs),
    /// Create a new, ready-to-build site.
    New(new::NewArgs),
    /// Check links, assets, front matter and unrepaired defects without publishing.
    Check(check::CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    #[command(after_help = "Examples:\n  \
copydesk completions bash > ~/.local/share/bash-completion/completions/copydesk\n  \
copydesk completions zsh > ~/.zfunc/_copydesk\n  \
copydesk completions fish > ~/.config/fish/completions/copydesk.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let global = cli.global;
    let result = match cli.command {
        Command::Clean(args) => clean::run(args, &global),
        Command::Build(args) => build::run(args, &global),
        Command::Serve(args) => serve::run(args, &global),
        Command::Publish(args) => publish::run(args, &global),
        Command::New(args) => new::run(args, &global),
        Command::Check(args) => check::run(args, &global),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "copydesk", &mut script);
            // A closed pipe ends the script quietly.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), &script);
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            terminal::print_error(&message);
            ExitCode::from(1)
        }
    }
}
