//! `copydesk serve` as a user runs it: the binary on `--port 0` prints the address it
//! bound, serves the reload script, and warns when bound beyond loopback. Works whether
//! or not the first build succeeds (a failed first build is served as an error page
//! that carries the reload script, so the overlay can show the errors). Ctrl-C and
//! SIGTERM stop it cleanly, its preview folder removed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(site: &Path, bind: &str) -> (Server, String) {
    start_with_temp(site, bind, &std::env::temp_dir())
}

/// Starts the server with `temp` as its temp folder (where its preview is built).
fn start_with_temp(site: &Path, bind: &str, temp: &Path) -> (Server, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.env("TMPDIR", temp);
    start_command(command, site, &["serve", "--port", "0", "--bind", bind])
}

/// Starts `command` (the binary, environment set) on `site` with `args`.
fn start_command(mut command: Command, site: &Path, args: &[&str]) -> (Server, String) {
    let mut child = command
        .arg("--site")
        .arg(site)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let address = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    (Server(child), address)
}

fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut response = agent.get(url).call().unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn prints_its_address_and_serves_pages_with_the_reload_script() {
    let dir = site();
    let (_server, address) = start(dir.path(), "127.0.0.1");
    assert!(address.starts_with("http://127.0.0.1:"));
    let (status, script) = get(&format!("{address}/__copydesk/reload.js"));
    assert_eq!(status, 200);
    assert!(script.contains("/__copydesk/events"));
    let (_, home) = get(&format!("{address}/"));
    assert!(
        home.contains("<script src=\"/__copydesk/reload.js\""),
        "{home}"
    );
    let (_, state) = get(&format!("{address}/__copydesk/events"));
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["generation"], 1, "the first build is generation 1");
}

#[test]
fn binding_beyond_loopback_warns() {
    let dir = site();
    let (server, address) = start(dir.path(), "0.0.0.0");
    let port = address.rsplit(':').next().unwrap();
    let (status, _) = get(&format!("http://127.0.0.1:{port}/__copydesk/reload.js"));
    assert_eq!(status, 200);
    let stderr = stopped_stderr(server);
    assert!(stderr.contains("warning: binding to 0.0.0.0"), "{stderr}");
}

/// Reads what the server printed on stderr once it is stopped.
fn stopped_stderr(mut server: Server) -> String {
    let _ = server.0.kill();
    let _ = server.0.wait();
    let mut stderr = String::new();
    server
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    stderr
}

#[cfg(unix)]
#[test]
fn open_hands_the_address_to_the_system_opener() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site();
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.env("PATH", bin.path());
    let (server, address) = start_command(command, dir.path(), &["serve", "--port", "0", "--open"]);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let url = std::fs::read_to_string(&opened).expect("xdg-open was run");
    assert_eq!(url.trim_end_matches('/'), address);
    assert!(!stopped_stderr(server).contains("cannot open a browser"));
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn open_without_an_opener_warns_and_keeps_serving() {
    let dir = site();
    let empty = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.env("PATH", empty.path());
    let (server, address) = start_command(command, dir.path(), &["serve", "--port", "0", "--open"]);
    let (status, _) = get(&format!("{address}/__copydesk/reload.js"));
    assert_eq!(status, 200, "still serving");
    let stderr = stopped_stderr(server);
    assert!(
        stderr.contains("warning: cannot open a browser (xdg-open was not found); open http://"),
        "{stderr}"
    );
}

#[test]
fn help_documents_open_and_verbose() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--open"), "{help}");
    assert!(help.contains("default browser"), "{help}");
    assert!(help.contains("-v, --verbose"), "{help}");
    assert!(help.contains("how long each stage took"), "{help}");
}

/// The preview folders in `temp`.
fn previews(temp: &Path) -> Vec<String> {
    std::fs::read_dir(temp)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("copydesk-serve-"))
        .collect()
}

/// Sends `signal` (e.g. `INT`) to the server, waits for it to end; its exit status.
fn signal_and_wait(server: &mut Server, signal: &str) -> std::process::ExitStatus {
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(server.0.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
    for _ in 0..300 {
        if let Some(status) = server.0.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not stop on SIG{signal}");
}

#[test]
fn ctrl_c_and_sigterm_stop_the_server_and_remove_its_preview_folder() {
    let dir = site();
    for signal in ["INT", "TERM"] {
        let temp = tempfile::tempdir().unwrap();
        let (mut server, address) = start_with_temp(dir.path(), "127.0.0.1", temp.path());
        assert_eq!(get(&format!("{address}/__copydesk/reload.js")).0, 200);
        assert_eq!(previews(temp.path()).len(), 1, "a preview while serving");
        let status = signal_and_wait(&mut server, signal);
        assert!(status.success(), "SIG{signal}: {status:?}");
        assert_eq!(previews(temp.path()), Vec::<String>::new(), "SIG{signal}");
    }
}
