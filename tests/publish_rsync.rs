//! The rsync target (issue 13, item 2) against a real OpenSSH server that the test starts
//! on loopback with keys of its own: releases on the server, only changed files sent,
//! the newest `keep` kept, `--rollback`, and a publish killed with SIGKILL at spread-out
//! moments leaving the served site (`current`) wholly old or wholly new.
//!
//! Needs sshd, ssh, ssh-keygen and rsync (Debian: openssh-server, rsync); without them
//! the tests print SKIP, unless COPYDESK_REQUIRE_SERVERS=1 (see `tests/servers`).

#![cfg(target_os = "linux")]

mod versioned_site;

mod servers;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use servers::{find_program, programs_present, Sshd};
use versioned_site::write;

const ARTICLES: usize = 20;

/// Every article of the site says `Version {version}.`
fn write_version(root: &Path, version: u32) {
    versioned_site::write_version(root, version, ARTICLES, 40);
}

/// A server, a site publishing to `srv/paper` on it, and that folder as seen locally.
struct Setup {
    _dir: tempfile::TempDir,
    server: Sshd,
    site: PathBuf,
    served: PathBuf,
}

fn setup(test: &str, keep: usize) -> Option<Setup> {
    let rsync = find_program("rsync", &[]);
    if !programs_present(test, &[("rsync", rsync)]) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = Sshd::start(&dir.path().join("sshd"), test)?;
    let site = dir.path().join("site");
    let served = dir.path().join("srv/paper");
    write(
        &site,
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\n\
             target = \"rsync\"\nremote = \"{}:{}\"\nkeep = {keep}\n",
            Sshd::HOST,
            served.display()
        ),
    );
    Some(Setup {
        _dir: dir,
        server,
        site,
        served,
    })
}

impl Setup {
    fn copydesk(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        command
            .current_dir(&self.site)
            .args(args)
            .env("NO_COLOR", "1")
            .env("RSYNC_RSH", self.server.rsync_rsh());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = self.copydesk(args).output().unwrap();
        assert!(
            output.status.success(),
            "copydesk {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// The versions the served site's articles say (one when it is whole).
    fn live_versions(&self) -> BTreeSet<String> {
        let mut versions = BTreeSet::new();
        for n in 0..ARTICLES {
            let page = self
                .served
                .join(format!("current/articles/a{n}/index.html"));
            let page = fs::read_to_string(&page)
                .unwrap_or_else(|e| panic!("the served site lacks {}: {e}", page.display()));
            let version = page.split("Version ").nth(1).unwrap().split('.').next();
            versions.insert(version.unwrap().to_string());
        }
        versions
    }

    /// The release folders on the server, oldest first (incoming copies included).
    fn releases(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.served.join("releases"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn one(version: &str) -> BTreeSet<String> {
    BTreeSet::from([version.to_string()])
}

#[test]
fn releases_go_to_the_server_and_roll_back() {
    let Some(setup) = setup("releases_go_to_the_server_and_roll_back", 2) else {
        return;
    };
    write_version(&setup.site, 1);
    let dry = setup.run(&["publish", "--dry-run"]);
    assert!(!setup.served.exists(), "a dry run made the server folder");
    let listing = String::from_utf8_lossy(&dry.stdout);
    assert!(listing.contains("+ articles/a0/index.html"), "{listing}");

    setup.run(&["-q", "publish"]);
    assert_eq!(setup.live_versions(), one("1"));
    let link = fs::read_link(setup.served.join("current")).unwrap();
    assert!(link.starts_with("releases"), "{link:?}");

    // One article changes: the dry run lists it, and only it is sent (the others are
    // hard links to the live release).
    write(
        &setup.site,
        "content/articles/a0.md",
        "+++\ntitle = \"Article 0\"\ndate = 2025-03-02\n+++\n\nVersion 1. Corrected.\n",
    );
    let dry = setup.run(&["publish", "-n"]);
    let listing = String::from_utf8_lossy(&dry.stdout);
    let said = String::from_utf8_lossy(&dry.stderr);
    assert!(
        listing.contains("~ articles/a0/index.html"),
        "{listing}\n{said}"
    );
    assert!(!listing.contains("~ articles/a1/index.html"), "{listing}");
    // -v counts the upload: as many files as the dry run listed new or changed.
    let listed = listing
        .lines()
        .filter(|l| l.starts_with("+ ") || l.starts_with("~ "))
        .count();
    let published = setup.run(&["-v", "publish"]);
    let said = String::from_utf8_lossy(&published.stderr);
    let items = if listed == 1 { "item" } else { "items" };
    assert!(
        said.contains(&format!("stage Uploading: {listed} {items} in ")),
        "{said}"
    );
    let [first, second] = &setup.releases()[..] else {
        panic!("{:?}", setup.releases())
    };
    let inode = |release: &str, page: &str| {
        fs::metadata(setup.served.join("releases").join(release).join(page))
            .unwrap()
            .ino()
    };
    let unchanged = "articles/a1/index.html";
    assert_eq!(inode(first, unchanged), inode(second, unchanged));
    assert_ne!(
        inode(first, "articles/a0/index.html"),
        inode(second, "articles/a0/index.html")
    );
    // Nothing changed: no new release.
    setup.run(&["-q", "publish"]);
    assert_eq!(setup.releases().len(), 2);

    write_version(&setup.site, 3);
    setup.run(&["-q", "publish"]);
    assert_eq!(setup.live_versions(), one("3"));
    assert_eq!(setup.releases().len(), 2, "keep = 2");

    let rolled = setup.run(&["publish", "--rollback"]);
    assert!(String::from_utf8_lossy(&rolled.stderr).contains("Rolled back"));
    let page = fs::read_to_string(setup.served.join("current/articles/a0/index.html")).unwrap();
    assert!(
        page.contains("Corrected"),
        "rolled back to the wrong release"
    );
    let again = setup.copydesk(&["publish", "--rollback"]).output().unwrap();
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("oldest release"), "{stderr}");
}

#[test]
fn a_server_current_that_is_not_copydesks_is_refused() {
    let Some(setup) = setup("a_server_current_that_is_not_copydesks_is_refused", 3) else {
        return;
    };
    write_version(&setup.site, 1);
    fs::create_dir_all(setup.served.join("current")).unwrap();
    write(&setup.served, "current/index.html", "a hand-made site");
    let output = setup.copydesk(&["publish"]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not a symlink"), "{stderr}");
    assert_eq!(
        fs::read_to_string(setup.served.join("current/index.html")).unwrap(),
        "a hand-made site"
    );
}

#[test]
fn an_rsync_publish_killed_at_any_moment_leaves_the_served_site_whole() {
    let test = "an_rsync_publish_killed_at_any_moment_leaves_the_served_site_whole";
    let Some(setup) = setup(test, 3) else {
        return;
    };
    let publish = || {
        let mut command = setup.copydesk(&["-q", "publish"]);
        command.stdout(Stdio::null()).stderr(Stdio::null());
        command
    };
    write_version(&setup.site, 0);
    assert!(publish().status().unwrap().success());
    write_version(&setup.site, 1);
    let started = Instant::now();
    assert!(publish().status().unwrap().success());
    let full = started.elapsed();
    let mut live = 1;
    let mut killed = 0;
    for round in 0..16u32 {
        let version = round + 2;
        write_version(&setup.site, version);
        let mut child = publish().spawn().unwrap();
        std::thread::sleep(full * round / 12);
        let _ = child.kill();
        killed += u32::from(!child.wait().unwrap().success());
        std::thread::sleep(std::time::Duration::from_millis(50));
        let versions = setup.live_versions();
        assert_eq!(
            versions.len(),
            1,
            "round {round}: a mixed site {versions:?}"
        );
        let now: u32 = versions.first().unwrap().parse().unwrap();
        // The server may finish the switch of a publish killed after it sent it, so a
        // killed round's version can go live a little later: never an older one.
        assert!(
            live <= now && now <= version,
            "round {round}: version {now} after {live}"
        );
        live = now;
    }
    assert!(killed > 0, "no publish was killed");
    // The next publish removes the incoming copies killed ones left, and keeps three.
    write_version(&setup.site, 100);
    assert!(publish().status().unwrap().success());
    assert_eq!(setup.live_versions(), one("100"));
    let releases = setup.releases();
    assert_eq!(releases.len(), 3, "{releases:?}");
    assert!(releases.iter().all(|r| !r.starts_with('.')), "{releases:?}");
}
