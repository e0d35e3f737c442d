//! `copydesk new` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {}

pub fn run(_args: NewArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk new` is not written yet".into())
}
