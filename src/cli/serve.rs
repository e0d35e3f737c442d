//! `copydesk serve` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {}

pub fn run(_args: ServeArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk serve` is not written yet".into())
}
