//! `copydesk clean` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk clean`.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {}

pub fn run(_args: CleanArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk clean` is not written yet".into())
}
