//! The default in-place folder layout (issue 10, item 2): when the folder holds only what
//! copydesk published there, a publish killed at any moment leaves the folder wholly old
//! or wholly new (the new site is swapped in with one folder exchange), and the next
//! publish sweeps what the killed one left beside it. When the folder holds files that
//! must stay in place (a foreign file, a dot-folder), the publish says it is not atomic,
//! and those files survive every killed publish.

#![cfg(target_os = "linux")]

mod versioned_site;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use versioned_site::{publish, publish_output, write};

const ARTICLES: usize = 40;

/// Every article of the site says `Version {version}.`
fn write_version(root: &Path, version: u32) {
    versioned_site::write_version(root, version, ARTICLES, 60);
}

/// A site publishing in place into `../www`.
fn site(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("site");
    write(
        &root,
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\npath = \"../www\"\n",
    );
    root
}

/// The versions the folder's article pages say (one when the site is whole).
fn live_versions(www: &Path) -> BTreeSet<String> {
    let mut versions = BTreeSet::new();
    for n in 0..ARTICLES {
        let page = www.join(format!("articles/a{n}/index.html"));
        let page = fs::read_to_string(&page)
            .unwrap_or_else(|e| panic!("the live site lacks {}: {e}", page.display()));
        let version = page.split("Version ").nth(1).unwrap().split('.').next();
        versions.insert(version.unwrap().to_string());
    }
    versions
}

/// Names in `dir` that a publish left beside its target.
fn siblings(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("copydesk-next"))
        .collect()
}

/// True once a publish into `www` has begun staging its files: the sibling of the atomic
/// switch, or the staging folder inside of the file-by-file one.
fn staging_began(www: &Path, pid: u32) -> bool {
    let sibling = format!(".www.copydesk-next-{pid}");
    www.join(".copydesk-staging").exists() || www.parent().unwrap().join(sibling).exists()
}

/// Publishes versions, each killed with SIGKILL: the first `rounds` at moments spread
/// over a whole publish, then as many again at moments spread over the switch itself
/// (from when staging begins), where a mixed site would show; `check` runs after each
/// round with the round and whether the publish finished.
fn kill_publishes_at_spread_moments(root: &Path, rounds: u32, check: &mut dyn FnMut(u32, bool)) {
    let www = root.parent().unwrap().join("www");
    let started = Instant::now();
    write_version(root, 1);
    assert!(publish(root).status().unwrap().success());
    let full = started.elapsed();
    for round in 0..2 * rounds {
        write_version(root, round + 2);
        // A file-by-file publish killed before left its staging folder, which would look
        // like this one's begun.
        let _ = fs::remove_dir_all(www.join(".copydesk-staging"));
        let mut child = publish(root).spawn().unwrap();
        if round < rounds {
            std::thread::sleep(full * round / (rounds - 4));
        } else {
            while !staging_began(&www, child.id()) && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(200));
            }
            std::thread::sleep(Duration::from_micros(u64::from(round % rounds) * 300));
        }
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        check(round, finished);
    }
}

#[test]
fn a_publish_killed_at_any_moment_leaves_a_folder_of_copydesks_files_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let www = dir.path().join("www");
    write_version(&root, 0);
    assert!(publish(&root).status().unwrap().success());
    assert_eq!(live_versions(&www), BTreeSet::from(["0".to_string()]));

    let mut live = 1;
    let mut killed = 0;
    kill_publishes_at_spread_moments(&root, 20, &mut |round, finished| {
        let version = round + 2;
        let versions = live_versions(&www);
        assert_eq!(
            versions.len(),
            1,
            "round {round}: a mixed site {versions:?}"
        );
        let now: u32 = versions.first().unwrap().parse().unwrap();
        assert!(
            now == live || now == version,
            "round {round}: version {now}, expected {live} or {version}"
        );
        live = now;
        killed += u32::from(!finished);
    });
    assert!(killed > 0, "no publish was killed");

    // The next whole publish sweeps what the killed ones left beside the folder.
    write_version(&root, 100);
    assert!(publish(&root).status().unwrap().success());
    assert_eq!(live_versions(&www), BTreeSet::from(["100".to_string()]));
    assert_eq!(siblings(dir.path()), Vec::<String>::new());
    assert!(!www.join(".copydesk-staging").exists());
}

#[test]
fn a_folder_with_files_that_must_stay_is_switched_file_by_file_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let www = dir.path().join("www");
    write_version(&root, 0);
    assert!(publish(&root).status().unwrap().success());
    write(&www, "notes.txt", "not copydesk's");
    write(&www, ".well-known/security.txt", "Contact: x");

    write_version(&root, 1);
    let output = publish_output(&root);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: this publish was not atomic"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("layout = \"releases\""), "{stderr}");
    assert!(warnings[0].contains("`.well-known"), "{stderr}");

    kill_publishes_at_spread_moments(&root, 8, &mut |round, _| {
        assert_eq!(
            fs::read_to_string(www.join("notes.txt")).unwrap(),
            "not copydesk's",
            "round {round}"
        );
        assert!(
            www.join(".well-known/security.txt").exists(),
            "round {round}"
        );
    });
    write_version(&root, 100);
    assert!(publish(&root).status().unwrap().success());
    assert_eq!(live_versions(&www), BTreeSet::from(["100".to_string()]));
    assert_eq!(siblings(dir.path()), Vec::<String>::new());

    // Once the foreign files are gone, the switch is atomic again: no warning.
    fs::remove_file(www.join("notes.txt")).unwrap();
    fs::remove_dir_all(www.join(".well-known")).unwrap();
    write_version(&root, 101);
    let output = publish_output(&root);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("not atomic"), "{stderr}");
    assert_eq!(live_versions(&www), BTreeSet::from(["101".to_string()]));
}

#[test]
fn ctrl_c_or_sigterm_during_an_in_place_publish_leaves_the_folder_whole_and_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let www = dir.path().join("www");
    write_version(&root, 0);
    let started = Instant::now();
    assert!(publish(&root).status().unwrap().success());
    let full = started.elapsed();
    let mut live = 0;
    let mut stopped_while_staging = 0;
    for round in 0..24u32 {
        let version = round + 1;
        write_version(&root, version);
        let mut child = publish(&root).spawn().unwrap();
        if round < 12 {
            std::thread::sleep(full * round / 10);
        } else {
            // The rest as soon as the new site is being staged beside the folder.
            while !staging_began(&www, child.id()) && child.try_wait().unwrap().is_none() {
                std::thread::sleep(Duration::from_micros(200));
            }
            stopped_while_staging += u32::from(staging_began(&www, child.id()));
        }
        let signal = if round % 2 == 0 { "TERM" } else { "INT" };
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        // Finished, stopped by the handler (130), or ended by the signal itself when it
        // came before the handler was installed.
        let signalled = std::os::unix::process::ExitStatusExt::signal(&status).is_some();
        assert!(
            status.success() || status.code() == Some(130) || signalled,
            "round {round}: {status:?}"
        );
        let versions = live_versions(&www);
        assert_eq!(versions.len(), 1, "round {round}: {versions:?}");
        let now: u32 = versions.first().unwrap().parse().unwrap();
        assert!(now == live || now == version, "round {round}: {now}");
        live = now;
        // The signal handler removes the sibling itself: nothing waits for a sweep.
        assert_eq!(siblings(dir.path()), Vec::<String>::new(), "round {round}");
    }
    assert!(
        stopped_while_staging > 0,
        "no publish was stopped while staging"
    );
}

#[test]
fn a_write_a_killed_publish_left_unfinished_does_not_stop_the_one_step_switch() {
    let dir = tempfile::tempdir().unwrap();
    let root = site(dir.path());
    let www = dir.path().join("www");
    write_version(&root, 0);
    assert!(publish(&root).status().unwrap().success());
    // What SIGKILL leaves when it lands inside an atomic write of the record.
    fs::write(www.join(".copydesk-write-Ab12Cd"), "half a recor").unwrap();
    write_version(&root, 1);
    let output = publish_output(&root);
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("not atomic"), "{stderr}");
    assert_eq!(live_versions(&www), BTreeSet::from(["1".to_string()]));
    assert!(!www.join(".copydesk-write-Ab12Cd").exists());
}
