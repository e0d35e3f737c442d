//! `copydesk build` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {}

pub fn run(_args: BuildArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk build` is not written yet".into())
}
