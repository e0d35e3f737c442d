//! `copydesk serve`: arguments, what the terminal shows while serving, and a clean stop
//! on Ctrl-C or SIGTERM (the preview folder is removed).

use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use copydesk::serve::{is_beyond_loopback, ServeEvent, ServeOptions, ServeSession};

use super::terminal::{self, TerminalProgress};
use super::verbose::StageLog;
use super::GlobalArgs;

/// The longer help of `copydesk serve`, shown after the options.
const SERVE_HELP: &str = "\
The preview is built into a private folder (never `output/`), with the live-reload
script injected into each page and `base_url` set to the served address. A base_url
with a path (https://me.github.io/paper/) is previewed under the same path
(http://127.0.0.1:1111/paper/; `/` redirects there), read when serve starts. Changes to
content/, themes/, templates/, static/ and site.toml trigger a rebuild of what they
affect; open pages reload. A failed rebuild is reported here and shown as an overlay
in the browser while the last good site stays served. Stop with Ctrl-C.

Only requests naming localhost (or a name under .localhost) or a loopback address
are answered, so a web page cannot reach the preview by pointing its own host name
at 127.0.0.1 (DNS rebinding). With --bind beyond loopback, requests naming any IP
address are answered too; other host names never are.

Examples:

  copydesk serve                       # http://127.0.0.1:1111
  copydesk serve --open                # and open it in the default browser
  copydesk -v serve                    # and time each stage of every rebuild
  copydesk serve --port 0              # any free port (the address is printed)
  copydesk serve --bind 0.0.0.0        # reachable from the local network (warns)
  copydesk --site ../paper serve --drafts";

/// Build the site, serve it locally and rebuild + reload open pages on every change.
#[derive(Debug, clap::Args)]
#[command(after_help = SERVE_HELP)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port).
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; anything but loopback exposes the preview to the network.
    #[arg(short, long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Include draft articles.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    /// Open the preview in the default browser once it is served (xdg-open, open or
    /// start; a warning if there is none).
    #[arg(long)]
    open: bool,
}

pub fn run(args: ServeArgs, global: &GlobalArgs) -> Result<ExitCode, String> {
    if is_beyond_loopback(args.bind) {
        print_warning(&format!(
            "binding to {}: the preview is reachable from other machines",
            args.bind
        ));
    }
    let quiet = global.quiet;
    let verbose = global.verbose;
    let options = ServeOptions {
        site_root: global.site.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        future: args.future,
    };
    // Before the server starts: a signal in the moment between its first answer and the
    // handler would otherwise end the process at once, leaving the preview folder behind.
    let stop = stop_signals()?;
    let bar = TerminalProgress::new(quiet);
    let log = StageLog::new();
    let progress: &dyn copydesk::progress::Progress = if verbose > 0 { &log } else { &bar };
    let session = ServeSession::start(options, progress, move |event| {
        report(&event, quiet, verbose)
    })
    .map_err(|e| e.to_string())?;
    // The server already listens, so the browser may be started first; a warning that
    // it could not be is then on stderr before the address line a script waits for.
    if args.open {
        if let Err(why) = super::open_browser::open(&session.url()) {
            print_warning(&format!(
                "cannot open a browser ({why}); open {} yourself",
                session.url()
            ));
        }
    }
    // Printed even with -q: it is the one thing a user (or a script) must learn.
    println!("Serving on {} (Ctrl-C to stop)", session.url());
    while session.is_watching() {
        match stop.recv_timeout(Duration::from_millis(250)) {
            Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
    // Dropping the session stops the server and removes the preview folder, which an
    // exit straight from the signal would leave behind in the temp folder.
    session.stop();
    if !quiet {
        eprintln!("Stopped.");
    }
    Ok(ExitCode::SUCCESS)
}

/// A channel that receives once on Ctrl-C (SIGINT) or SIGTERM. A second signal while
/// stopping ends the process at once (status 130), for a shutdown that hangs.
fn stop_signals() -> Result<Receiver<()>, String> {
    let (sender, receiver) = mpsc::channel();
    let signalled = AtomicBool::new(false);
    ctrlc::set_handler(move || {
        if signalled.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        let _ = sender.send(());
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    Ok(receiver)
}

fn report(event: &ServeEvent, quiet: bool, verbose: u8) {
    match event {
        ServeEvent::Built {
            summary,
            changed,
            elapsed,
            viewed_first,
        } => {
            for warning in &summary.warnings {
                if !quiet {
                    terminal::print_diagnostic(warning);
                }
            }
            if quiet {
                return;
            }
            let what = if changed.is_empty() {
                "Built".to_string()
            } else {
                format!("Rebuilt after {} change(s)", changed.len())
            };
            match viewed_first {
                Some((at, pages)) => eprintln!(
                    "{what}: {} pages in {} ms ({pages} viewed page(s) reloaded after {} ms)",
                    summary.pages,
                    elapsed.as_millis(),
                    at.as_millis()
                ),
                None => eprintln!(
                    "{what}: {} pages in {} ms",
                    summary.pages,
                    elapsed.as_millis()
                ),
            }
            if verbose > 0 {
                for path in changed {
                    eprintln!("  changed: {}", path.display());
                }
            }
        }
        ServeEvent::BuildFailed {
            diagnostics,
            changed: _,
            last_good_site,
        } => {
            for diagnostic in diagnostics {
                terminal::print_diagnostic(diagnostic);
            }
            terminal::print_error(build_failed_message(*last_good_site));
        }
    }
}

/// What the terminal says after a failed build.
fn build_failed_message(last_good_site: bool) -> &'static str {
    if last_good_site {
        "the build failed; still serving the last good site"
    } else {
        "the build failed and no build has succeeded yet: pages show these errors until one does"
    }
}

fn print_warning(message: &str) {
    if terminal::colour_on_stderr() {
        eprintln!("\x1b[1;33mwarning\x1b[0m: {message}");
    } else {
        eprintln!("warning: {message}");
    }
}
