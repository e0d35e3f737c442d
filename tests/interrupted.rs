//! Interrupted work leaves nothing behind (issue 10, item 10): Ctrl-C during a build
//! removes its staging folder; what a killed build or publish left is swept by the next
//! run; a publish keeps its temporary trees inside the site's own `.copydesk/tmp/`,
//! never in the system temp folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A site of `articles` articles, publishing into `public/` beside it.
fn site(articles: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write(
        &root,
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\npath = \"../public\"\n",
    );
    let paragraph =
        "The council met on Tuesday to talk about the harbour and its roof. ".repeat(40);
    for n in 0..articles {
        write(
            &root,
            &format!("content/articles/a{n}.md"),
            &format!(
                "+++\ntitle = \"Article {n}\"\nauthors = [\"Dana Reed\"]\ndate = 2025-03-02\ntags = [\"t{}\"]\n+++\n\n{paragraph}\n\n{paragraph}\n",
                n % 50
            ),
        );
    }
    dir
}

fn copydesk(root: &Path, args: &[&str], temp: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command
        .current_dir(root)
        .args(["-q"])
        .args(args)
        .env("NO_COLOR", "1")
        .env("TMPDIR", temp)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn run(root: &Path, args: &[&str], temp: &Path) -> Output {
    copydesk(root, args, temp).output().unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Waits until `ready` holds (true) or the child exits first (false).
fn wait_for(child: &mut Child, ready: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if ready() {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    panic!("neither ready nor finished in a minute");
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([name, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_build_leaves_no_staging_folder() {
    let dir = site(600);
    let root = dir.path().join("site");
    let temp = tempfile::tempdir().unwrap();
    for attempt in 0..5 {
        let _ = fs::remove_dir_all(root.join("output"));
        let mut child = copydesk(&root, &["build"], temp.path()).spawn().unwrap();
        let staging = root.join(format!(".output.staging-{}", child.id()));
        // Interrupt once the staging folder holds some of the new site.
        let caught = wait_for(&mut child, || {
            staging.join("articles").is_dir() || staging.join("index.html").exists()
        });
        if !caught {
            eprintln!("attempt {attempt}: the build finished first");
            continue;
        }
        signal(&child, "-INT");
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "attempt {attempt}");
        let left: Vec<_> = entries(&root)
            .into_iter()
            .filter(|n| n.contains(".staging-") || n.contains(".old-"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        return;
    }
    panic!("the build always finished before it could be interrupted");
}

#[cfg(unix)]
#[test]
fn what_a_killed_build_left_is_swept_by_the_next_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(3);
    let root = dir.path().join("site");
    let temp = tempfile::tempdir().unwrap();
    // A pid no process has (above the kernel's limit).
    write(
        &root,
        ".output.staging-4294967295/index.html",
        "half a site",
    );
    write(&root, ".output.old-4294967295/articles/a/index.html", "old");
    let old = root.join(".output.old-4294967295");
    for folder in [old.join("articles/a"), old.join("articles"), old.clone()] {
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    }
    // Someone else's folder of the same shape, running now, stays.
    let live = root.join(format!(".output.staging-{}", std::process::id()));
    fs::create_dir_all(&live).unwrap();

    let out = run(&root, &["build"], temp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        entries(&root)
            .into_iter()
            .filter(|n| n.starts_with(".output."))
            .collect::<Vec<_>>(),
        [format!(".output.staging-{}", std::process::id())]
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_old_output_is_not_left_behind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = site(3);
    let root = dir.path().join("site");
    let temp = tempfile::tempdir().unwrap();
    assert!(run(&root, &["build"], temp.path()).status.success());
    for entry in walkdir::WalkDir::new(root.join("output")).contents_first(true) {
        let entry = entry.unwrap();
        if entry.file_type().is_dir() {
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(0o555)).unwrap();
        }
    }
    if fs::write(root.join("output/probe"), "").is_ok() {
        eprintln!("skipped: this user writes into read-only folders (root), so nothing is stuck");
        return;
    }
    let out = run(&root, &["build"], temp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let left: Vec<_> = entries(&root)
        .into_iter()
        .filter(|n| n.contains(".old-") || n.contains(".staging-"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(root.join("output/index.html").exists());
}

#[cfg(unix)]
#[test]
fn a_killed_publish_leaves_nothing_in_the_temp_folder_and_the_next_sweeps_it() {
    let dir = site(300);
    let root = dir.path().join("site");
    let temp = tempfile::tempdir().unwrap();
    let scratch: PathBuf = root.join(".copydesk/tmp");
    let mut killed = false;
    for _ in 0..5 {
        let mut child = copydesk(&root, &["publish"], temp.path()).spawn().unwrap();
        let busy = wait_for(&mut child, || {
            !entries(temp.path()).is_empty() || !entries(&scratch).is_empty()
        });
        if busy {
            signal(&child, "-KILL");
            child.wait().unwrap();
            killed = true;
            break;
        }
    }
    assert!(
        killed,
        "the publish always finished before it could be killed"
    );
    assert_eq!(
        entries(temp.path()),
        Vec::<String>::new(),
        "trees left in TMPDIR"
    );

    let out = run(&root, &["publish"], temp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(entries(&scratch), Vec::<String>::new(), "not swept");
    assert_eq!(entries(temp.path()), Vec::<String>::new());
    assert!(dir.path().join("public/index.html").exists());
}

/// A clean killed halfway (issue 12, item 4): the manifest is saved once at the end and at
/// checkpoints, so the killed run leaves articles it never recorded. The next run must
/// take the untouched ones as copydesk's own (no warning, and they stay updatable) and
/// keep the one edited by hand since.
#[cfg(unix)]
#[test]
fn a_clean_killed_midway_is_continued_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let temp = tempfile::tempdir().unwrap();
    write(
        &root,
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n",
    );
    let paragraph =
        "The council met on Tuesday to talk about the harbour and its roof. ".repeat(20);
    let files = 1500;
    for n in 0..files {
        write(
            &root,
            &format!("content/raw/r{n:04}.txt"),
            &format!("Story number {n}\n\nBy Dana Reed\n\n{paragraph}\n"),
        );
    }
    let articles = root.join("content/articles");
    let markdown = |dir: &Path| -> Vec<String> {
        entries(dir)
            .into_iter()
            .filter(|n| n.ends_with(".md"))
            .collect()
    };
    let mut child = copydesk(&root, &["clean"], temp.path()).spawn().unwrap();
    if wait_for(&mut child, || markdown(&articles).len() > 20) {
        signal(&child, "-KILL");
    } else {
        eprintln!("the clean finished before it could be killed");
    }
    child.wait().unwrap();
    let written = markdown(&articles);
    assert!(!written.is_empty());
    let edited = articles.join(&written[0]);
    fs::write(&edited, "+++\ntitle = \"Mine\"\n+++\n\nHand written.\n").unwrap();

    let output = run(&root, &["clean"], temp.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches("kept as it is").count(), 1, "{stderr}");
    assert!(stderr.contains(&written[0]), "{stderr}");
    assert!(fs::read_to_string(&edited)
        .unwrap()
        .contains("Hand written."));
    assert_eq!(markdown(&articles).len(), files);
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(articles.join(".copydesk-manifest.json")).unwrap())
            .unwrap();
    let recorded = manifest["articles"].as_object().unwrap();
    assert!(recorded.len() >= files - 1, "{} recorded", recorded.len());

    // An article the killed run wrote is still copydesk's: its raw text changes, it follows.
    let last = written.last().unwrap();
    if last != &written[0] {
        let raw = root.join("content/raw").join(last.replace(".md", ".txt"));
        fs::write(
            &raw,
            format!("Story rewritten\n\nBy Dana Reed\n\n{paragraph}\n"),
        )
        .unwrap();
        let output = run(&root, &["clean"], temp.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.contains(last.as_str()), "{stderr}");
        let article = fs::read_to_string(articles.join(last)).unwrap();
        assert!(article.contains("Story rewritten"), "{article}");
    }
}
