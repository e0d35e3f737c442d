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
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--site")
        .arg(site)
        .args(["serve", "--port", "0", "--bind", bind])
        .env("NO_COLOR", "1")
        .env("TMPDIR", temp)
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
    let (mut server, address) = start(dir.path(), "0.0.0.0");
    let port = address.rsplit(':').next().unwrap();
    let (status, _) = get(&format!("http://127.0.0.1:{port}/__copydesk/reload.js"));
    assert_eq!(status, 200);
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
    assert!(stderr.contains("warning: binding to 0.0.0.0"), "{stderr}");
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
