//! The releases layout (issue 10, item 2): a folder publish killed at any moment leaves
//! the live site (`current`) wholly old or wholly new, never a mix, and files that are
//! not copydesk's survive. The publish is `copydesk publish`, killed with SIGKILL at
//! spread-out moments (before, during and after its copy and its switch).

#![cfg(unix)]

mod versioned_site;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Duration;
use versioned_site::{publish, write};

const ARTICLES: usize = 40;

/// Every article of the site says `Version {version}.`
fn write_version(root: &Path, version: u32) {
    versioned_site::write_version(root, version, ARTICLES, 60);
}

/// The versions the live site's article pages say (one when the site is whole).
fn live_versions(www: &Path) -> BTreeSet<String> {
    let articles = www.join("current/articles");
    let mut versions = BTreeSet::new();
    let mut pages = 0;
    for entry in fs::read_dir(&articles).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_article = name
            .strip_prefix('a')
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        if !is_article {
            continue; // the section's listing pages
        }
        let page = fs::read_to_string(entry.path().join("index.html")).unwrap();
        let version = page
            .split("Version ")
            .nth(1)
            .unwrap()
            .split('.')
            .next()
            .unwrap();
        versions.insert(version.to_string());
        pages += 1;
    }
    assert_eq!(pages, ARTICLES, "the live site lacks pages");
    versions
}

#[test]
fn a_publish_killed_at_any_moment_leaves_the_live_site_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let www = dir.path().join("www");
    write(
        &root,
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\npath = \"../www\"\nlayout = \"releases\"\n",
    );
    write(&www, "notes.txt", "not copydesk's");
    write(&www, ".well-known/security.txt", "Contact: x");
    write_version(&root, 0);
    assert!(publish(&root).status().unwrap().success());
    assert_eq!(live_versions(&www), BTreeSet::from(["0".to_string()]));

    // Kill moments spread over a whole publish (which takes about `full`).
    let started = std::time::Instant::now();
    write_version(&root, 1);
    assert!(publish(&root).status().unwrap().success());
    let full = started.elapsed();
    let mut live = 1;
    let mut seen = BTreeSet::new();
    for round in 0..24u32 {
        let version = round + 2;
        write_version(&root, version);
        let mut child = publish(&root).spawn().unwrap();
        std::thread::sleep(full * round / 20);
        let _ = child.kill();
        let status = child.wait().unwrap();
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
        seen.insert(if status.success() {
            "finished"
        } else {
            "killed"
        });
        live = now;
        assert_eq!(
            fs::read_to_string(www.join("notes.txt")).unwrap(),
            "not copydesk's"
        );
        assert!(www.join(".well-known/security.txt").exists());
    }
    assert!(seen.contains("killed"), "no publish was killed: {seen:?}");

    // The next whole publish sweeps what the killed ones left, and keeps three releases.
    write_version(&root, 100);
    assert!(publish(&root).status().unwrap().success());
    assert_eq!(live_versions(&www), BTreeSet::from(["100".to_string()]));
    let releases: Vec<_> = fs::read_dir(www.join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(releases.len(), 3, "{releases:?}");
    assert!(fs::read_link(www.join("current"))
        .unwrap()
        .starts_with("releases"));
    std::thread::sleep(Duration::from_millis(10));
}
