//! `copydesk check` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

pub fn run(_args: CheckArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk check` is not written yet".into())
}
