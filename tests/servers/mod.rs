//! Real servers for the publish tests, started on loopback by the tests themselves.
//!
//! A server's program may be missing on a fresh clone: the test then prints a `SKIP` line
//! and passes, unless `COPYDESK_REQUIRE_SERVERS=1` is set (as `.ci/run` sets it, after
//! installing the programs), where a missing program fails the test, so CI cannot skip.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The path of `program` when it can be run: found on `PATH` or at one of `also`.
pub fn find_program(program: &str, also: &[&str]) -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .map(|dir| dir.join(program))
        .chain(also.iter().map(PathBuf::from))
        .find(|path| path.is_file())
}

/// True when every program is there. Otherwise prints `SKIP: …` and returns false, or
/// panics under `COPYDESK_REQUIRE_SERVERS=1`.
pub fn programs_present(test: &str, programs: &[(&str, Option<PathBuf>)]) -> bool {
    let missing: Vec<&str> = programs
        .iter()
        .filter(|(_, found)| found.is_none())
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return true;
    }
    let required = std::env::var("COPYDESK_REQUIRE_SERVERS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{test}: missing {missing:?}, and COPYDESK_REQUIRE_SERVERS=1 requires them"
    );
    // Straight to stderr, past the test harness's capture, so `cargo test` shows it.
    let _ = writeln!(
        std::io::stderr(),
        "SKIP {test}: missing {missing:?} (install them, see .ci/run)"
    );
    false
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An OpenSSH server on loopback that lets the current user in with a key of its own;
/// `ssh -F {client_config} {HOST}` reaches it. Stopped when dropped.
pub struct Sshd {
    child: Child,
    /// The client configuration naming [`Sshd::HOST`].
    pub client_config: PathBuf,
}

impl Sshd {
    /// The host alias of the client configuration.
    pub const HOST: &'static str = "copydesk-test";

    /// Starts the server with its keys and configuration in `dir`; `None` (after a SKIP
    /// line) when sshd, ssh or ssh-keygen is missing.
    pub fn start(dir: &Path, test: &str) -> Option<Sshd> {
        let sshd = find_program("sshd", &["/usr/sbin/sshd"]);
        let ssh = find_program("ssh", &[]);
        let keygen = find_program("ssh-keygen", &[]);
        let present = programs_present(
            test,
            &[("sshd", sshd.clone()), ("ssh", ssh), ("ssh-keygen", keygen)],
        );
        if !present {
            return None;
        }
        fs::create_dir_all(dir).unwrap();
        for key in ["host_key", "client_key"] {
            let status = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(dir.join(key))
                .status()
                .unwrap();
            assert!(status.success(), "ssh-keygen failed");
        }
        fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
        // sshd insists on its privilege separation folder, even for one user.
        if !Path::new("/run/sshd").exists() {
            let _ = fs::create_dir_all("/run/sshd");
        }
        let port = free_port();
        let server_config = dir.join("sshd_config");
        fs::write(
            &server_config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {dir}/host_key\n\
                 AuthorizedKeysFile {dir}/authorized_keys\nPidFile {dir}/sshd.pid\n\
                 StrictModes no\nUsePAM no\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
                 PermitRootLogin prohibit-password\nMaxStartups 100\nLogLevel ERROR\n",
                dir = dir.display()
            ),
        )
        .unwrap();
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_string();
        let client_config = dir.join("ssh_config");
        fs::write(
            &client_config,
            format!(
                "Host {host}\n  HostName 127.0.0.1\n  Port {port}\n  User {user}\n\
                 IdentityFile {dir}/client_key\n  IdentitiesOnly yes\n\
                 StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  BatchMode yes\n\
                 LogLevel ERROR\n",
                host = Self::HOST,
                dir = dir.display()
            ),
        )
        .unwrap();
        let log = fs::File::create(dir.join("sshd.log")).unwrap();
        let child = Command::new(sshd.unwrap())
            .arg("-f")
            .arg(&server_config)
            .args(["-D", "-e"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Sshd {
            child,
            client_config,
        };
        server.wait_until_it_answers(dir);
        Some(server)
    }

    /// `RSYNC_RSH` for rsync and copydesk: ssh with this server's client configuration.
    pub fn rsync_rsh(&self) -> String {
        format!("ssh -F {}", self.client_config.display())
    }

    fn wait_until_it_answers(&self, dir: &Path) {
        let started = Instant::now();
        loop {
            let answered = Command::new("ssh")
                .arg("-F")
                .arg(&self.client_config)
                .args([Self::HOST, "true"])
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if answered {
                return;
            }
            let log = fs::read_to_string(dir.join("sshd.log")).unwrap_or_default();
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "sshd did not let us in within 20 s; its log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// moto's standalone S3-compatible server (PyPI `moto[server]`) on loopback, which takes
/// any credentials. Stopped when dropped.
pub struct Moto {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl Moto {
    /// Starts the server, logging into `dir`; `None` (after a SKIP line) when
    /// `moto_server` is missing.
    pub fn start(dir: &Path, test: &str) -> Option<Moto> {
        let program = find_program("moto_server", &[]);
        if !programs_present(test, &[("moto_server", program.clone())]) {
            return None;
        }
        fs::create_dir_all(dir).unwrap();
        let port = free_port();
        let log = fs::File::create(dir.join("moto.log")).unwrap();
        let child = Command::new(program.unwrap())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = fs::read_to_string(dir.join("moto.log")).unwrap_or_default();
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "moto_server did not answer within 60 s; its log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(server)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
