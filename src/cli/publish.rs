//! `copydesk publish` (being written).

use std::process::ExitCode;

use super::GlobalArgs;

/// Arguments of `copydesk publish`.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {}

pub fn run(_args: PublishArgs, _global: &GlobalArgs) -> Result<ExitCode, String> {
    Err("`copydesk publish` is not written yet".into())
}
