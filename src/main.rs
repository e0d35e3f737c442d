//! The `copydesk` command line: parses arguments, calls the library, prints errors.
//!
//! Each subcommand lives in `src/cli/<name>.rs` with its arguments and a `run` function;
//! this file only dispatches. Exit codes: 0 success, 1 some input or build failed
//! (messages on stderr), 2 usage error (from clap).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::run(args)
}
