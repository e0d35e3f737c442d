//! What the CLI prints and how: colour (honouring NO_COLOR), progress bars only on an
//! interactive terminal outside CI, messages on stderr.

use std::io::IsTerminal;
use std::process::ExitCode;

use copydesk::diagnostic::{Diagnostic, Severity};
use copydesk::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// True when stderr is a terminal, CI is not set, and the user did not ask for quiet.
pub fn interactive(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// True when colour may be used on stderr: a terminal, and NO_COLOR unset or empty.
pub fn colour_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var("NO_COLOR").map_or(true, |v| v.is_empty())
}

/// True when colour may be used on stdout.
pub fn colour_on_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var("NO_COLOR").map_or(true, |v| v.is_empty())
}

pub fn print_error(message: &str) {
    if colour_on_stderr() {
        eprintln!("\x1b[1;31merror\x1b[0m: {message}");
    } else {
        eprintln!("error: {message}");
    }
}

/// Prints `message` as an error and gives exit status 2: the command line itself was
/// wrong (as for clap's own usage errors), not an input.
pub fn usage_error(message: &str) -> ExitCode {
    print_error(message);
    ExitCode::from(2)
}

/// Prints a diagnostic on stderr, coloured when allowed.
pub fn print_diagnostic(d: &Diagnostic) {
    let text = d.to_string();
    if colour_on_stderr() {
        let (word, colour) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        eprintln!(
            "{}",
            text.replacen(
                &format!(": {word}: "),
                &format!(": \x1b[{colour}m{word}\x1b[0m: "),
                1
            )
        );
    } else {
        eprintln!("{text}");
    }
}

/// A progress bar on an interactive terminal, nothing otherwise.
pub struct TerminalProgress {
    bar: Option<ProgressBar>,
}

impl TerminalProgress {
    pub fn new(quiet: bool) -> TerminalProgress {
        let bar = interactive(quiet).then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {elapsed}")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar
        });
        TerminalProgress { bar }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, phase: &str, total: u64) {
        if let Some(bar) = &self.bar {
            bar.reset();
            bar.set_length(total);
            bar.set_prefix(phase.to_string());
        }
    }
    fn advance(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `n` and the noun in the number it needs: `1 article`, `3 articles`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
