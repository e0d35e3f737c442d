//! A site whose every article says which version of the site it is (`Version 3.`), for
//! the publish tests that kill a publish and then ask whether what is served is wholly
//! one version: the helpers they share.

#![allow(dead_code)] // each test file uses its own part of it

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Writes `text` to `root/relative`, making its folders.
pub fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Writes `articles` articles (`content/articles/aN.md`) that each say `Version
/// {version}.`, then `sentences` sentences of padding, so pages have some weight.
pub fn write_version(root: &Path, version: u32, articles: usize, sentences: usize) {
    for n in 0..articles {
        write(
            root,
            &format!("content/articles/a{n}.md"),
            &format!(
                "+++\ntitle = \"Article {n}\"\ndate = 2025-03-02\n+++\n\nVersion {version}.{}\n",
                " The council met on Tuesday.".repeat(sentences)
            ),
        );
    }
}

/// The version an article page says.
pub fn version_of(page: &str) -> String {
    page.split("Version ")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .expect("the page says its version")
        .to_string()
}

/// `copydesk -q publish` in `root`, its output silenced.
pub fn publish(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command
        .current_dir(root)
        .args(["-q", "publish"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// `copydesk publish` in `root`, run to its end, its messages kept.
pub fn publish_output(root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(root)
        .args(["publish"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}
