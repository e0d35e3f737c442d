//! `serve --open`: the preview's address handed to the system's opener (`xdg-open` on
//! Linux and the BSDs, `open` on macOS, `start` through `cmd` on Windows), which starts
//! the user's default browser. Without one, a warning says so and serve carries on.

use std::process::{Command, Stdio};

/// The command that opens `url` in the default browser on this system.
fn opener(url: &str) -> Command {
    if cfg!(target_os = "macos") {
        let mut command = Command::new("open");
        command.arg(url);
        command
    } else if cfg!(windows) {
        // `start` is built into cmd; its first quoted argument is a window title.
        let mut command = Command::new("cmd");
        command
            .args(["/C", "start", "\"\""])
            .arg(escape_for_cmd(url));
        command
    } else {
        let mut command = Command::new("xdg-open");
        command.arg(url);
        command
    }
}

/// `url` with cmd's special characters (`&`, `|`, `<`, `>`, `^`, `(`, `)`) escaped with
/// `^`, so cmd passes the whole address to `start`.
fn escape_for_cmd(url: &str) -> String {
    let mut escaped = String::with_capacity(url.len());
    for c in url.chars() {
        if "&|<>^()".contains(c) {
            escaped.push('^');
        }
        escaped.push(c);
    }
    escaped
}

/// Opens `url` in the default browser; `Err` says why not, for a warning. The opener
/// runs on its own (it usually returns at once); a thread reaps it.
pub fn open(url: &str) -> Result<(), String> {
    let mut command = opener(url);
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{program} was not found"),
            _ => format!("{program} could not be started: {e}"),
        })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmd_metacharacters_are_escaped() {
        assert_eq!(
            escape_for_cmd("http://127.0.0.1:1111/a&b(c)"),
            "http://127.0.0.1:1111/a^&b^(c^)"
        );
    }
}
