//! Publishing to a real folder: only changed files are written, removed files are
//! removed, a dry run changes nothing, and a failed build publishes nothing. Only what
//! copydesk published is ever replaced or removed: foreign files and dot-folders stay,
//! and a folder copydesk never published to needs `--adopt`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use copydesk::progress::Silent;
use copydesk::publish::record::{Record, RECORD_NAME};
use copydesk::publish::{publish, publish_built_site, PublishError, PublishOptions, PublishTarget};

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `root` with its content, modification time and inode, except
/// copydesk's record of what it published.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime, u64)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != RECORD_NAME)
        .map(|e| {
            let meta = e.metadata().unwrap();
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let inode = 0;
            let relative = e.path().strip_prefix(root).unwrap().to_path_buf();
            (
                relative,
                (fs::read(e.path()).unwrap(), meta.modified().unwrap(), inode),
            )
        })
        .collect()
}

fn built_site(root: &Path) {
    write(root, "index.html", "<h1>Home</h1>");
    write(root, "articles/budget/index.html", "<h1>Budget</h1>");
    write(root, "articles/storm/index.html", "<h1>Storm</h1>");
    write(root, "style.css", "body{}");
}

#[test]
fn only_changed_files_are_written_and_removed_files_are_removed() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let target_path = work.path().join("www");
    built_site(&built);
    let target = PublishTarget::Dir {
        path: target_path.clone(),
    };

    let first = publish_built_site(&built, site.path(), &target, false, false).unwrap();
    assert_eq!(first.plan.added.len(), 4);
    assert_eq!(snapshot(&built).len(), snapshot(&target_path).len());

    let before = snapshot(&target_path);
    write(&built, "index.html", "<h1>Home, updated</h1>");
    write(&built, "articles/flood/index.html", "<h1>Flood</h1>");
    fs::remove_dir_all(built.join("articles/storm")).unwrap();

    let second = publish_built_site(&built, site.path(), &target, false, false).unwrap();
    assert_eq!(second.plan.added, ["articles/flood/index.html"]);
    assert_eq!(second.plan.changed, ["index.html"]);
    assert_eq!(second.plan.removed, ["articles/storm/index.html"]);

    let after = snapshot(&target_path);
    for unchanged in ["style.css", "articles/budget/index.html"] {
        let key = PathBuf::from(unchanged);
        assert_eq!(before[&key], after[&key], "{unchanged} was rewritten");
    }
    assert_eq!(
        fs::read_to_string(target_path.join("index.html")).unwrap(),
        "<h1>Home, updated</h1>"
    );
    assert!(!target_path.join("articles/storm").exists());
    let contents: BTreeMap<_, _> = after.into_iter().map(|(k, v)| (k, v.0)).collect();
    let expected: BTreeMap<_, _> = snapshot(&built)
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect();
    assert_eq!(contents, expected);

    let third = publish_built_site(&built, site.path(), &target, false, false).unwrap();
    assert!(third.plan.is_empty());
    let record = Record::load(&target_path).unwrap().expect("a record");
    let published: Vec<_> = record.files.iter().map(PathBuf::from).collect();
    assert_eq!(published, expected.keys().cloned().collect::<Vec<_>>());
}

#[test]
fn a_dry_run_lists_changes_and_touches_nothing() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let target_path = work.path().join("www");
    built_site(&built);
    let target = PublishTarget::Dir {
        path: target_path.clone(),
    };
    let dry = publish_built_site(&built, site.path(), &target, true, false).unwrap();
    assert_eq!(dry.plan.added.len(), 4);
    assert!(!target_path.exists(), "a dry run created the target");

    publish_built_site(&built, site.path(), &target, false, false).unwrap();
    write(&built, "style.css", "body{color:red}");
    fs::remove_dir_all(built.join("articles/storm")).unwrap();
    write(&target_path, "old.html", "not copydesk's");
    let before = snapshot(&target_path);
    let record = fs::read(target_path.join(RECORD_NAME)).unwrap();
    let dry = publish_built_site(&built, site.path(), &target, true, false).unwrap();
    assert_eq!(dry.plan.changed, ["style.css"]);
    assert_eq!(dry.plan.removed, ["articles/storm/index.html"]);
    assert_eq!(dry.plan.kept, ["old.html"]);
    assert_eq!(snapshot(&target_path), before);
    assert_eq!(fs::read(target_path.join(RECORD_NAME)).unwrap(), record);
}

#[test]
fn a_folder_that_is_not_a_published_site_is_refused() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    built_site(&built);
    let precious = work.path().join("home");
    write(&precious, "thesis.tex", "years of work");
    let target = PublishTarget::Dir {
        path: precious.clone(),
    };
    let error = publish_built_site(&built, site.path(), &target, false, false).unwrap_err();
    assert!(
        error.to_string().contains("not a published site"),
        "{error}"
    );
    assert!(precious.join("thesis.tex").exists());
}

#[test]
fn a_failed_build_publishes_nothing() {
    let site = tempfile::tempdir().unwrap();
    let www = tempfile::tempdir().unwrap();
    write(www.path(), "index.html", "live site");
    write(
        site.path(),
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\ntarget = \"dir\"\npath = \"{}\"\n",
            www.path().display()
        ),
    );
    write(
        site.path(),
        "content/articles/broken.md",
        "+++\ntitle = \"Unclosed\n+++\n\nBody.\n",
    );
    let before = snapshot(www.path());
    let result = publish(
        &PublishOptions {
            site_root: site.path().to_path_buf(),
            dry_run: false,
            adopt: false,
            rollback: false,
        },
        &Silent,
    );
    assert!(matches!(result, Err(PublishError::Build(_))), "{result:?}");
    assert_eq!(snapshot(www.path()), before);
}

#[test]
fn config_errors_name_the_line_in_site_toml() {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "site.toml",
        "title = \"x\"\n[publish]\ntarget = \"dir\"\npaht = \"../www\"\n",
    );
    let error = publish(
        &PublishOptions {
            site_root: site.path().to_path_buf(),
            dry_run: true,
            adopt: false,
            rollback: false,
        },
        &Silent,
    )
    .unwrap_err();
    let PublishError::ConfigAt(diagnostic) = error else {
        panic!("{error:?}")
    };
    assert_eq!(diagnostic.position.line, 4);
    assert_eq!(diagnostic.help.as_deref(), Some("did you mean `path`?"));
}

/// `site.toml` has one reader: what the build refuses, publish refuses the same way,
/// before looking at `[publish]`.
#[test]
fn site_toml_errors_outside_publish_are_the_builds() {
    let site = tempfile::tempdir().unwrap();
    let text = "title = \"x\"\nbase_url = \"not a url\"\n[publish]\npath = \"../www\"\n";
    write(site.path(), "site.toml", text);
    let error = publish(
        &PublishOptions {
            site_root: site.path().to_path_buf(),
            dry_run: true,
            adopt: false,
            rollback: false,
        },
        &Silent,
    )
    .unwrap_err();
    let PublishError::ConfigAt(diagnostic) = error else {
        panic!("{error:?}")
    };
    let from_the_build = copydesk::site::config::SiteConfig::load(site.path()).unwrap_err();
    assert_eq!(diagnostic, from_the_build);
    assert_eq!(diagnostic.position.line, 2);
}

#[test]
fn publish_builds_with_the_production_base_url() {
    let site = tempfile::tempdir().unwrap();
    let www = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\ntarget = \"dir\"\npath = \"{}\"\n",
            www.path().join("public").display()
        ),
    );
    write(
        site.path(),
        "content/articles/council.md",
        "+++\ntitle = \"Council meets\"\ndate = 2025-03-02\n+++\n\nThe council met.\n",
    );
    let outcome = publish(
        &PublishOptions {
            site_root: site.path().to_path_buf(),
            dry_run: false,
            adopt: false,
            rollback: false,
        },
        &Silent,
    )
    .unwrap();
    assert!(outcome.plan.added.iter().any(|f| f == "index.html"));
    let page = fs::read_to_string(www.path().join("public/articles/council/index.html")).unwrap();
    assert!(page.contains("https://ledger.example/articles/council/"));
    assert!(!page.contains("__copydesk"));
}

/// What a user keeps in a web root beside the site: a repository, host files, notes.
fn foreign_files(root: &Path) {
    write(root, "important.txt", "keep me");
    write(root, ".git/HEAD", "ref: refs/heads/main");
    write(root, ".git/objects/ab/cdef", "object");
    write(root, ".well-known/security.txt", "Contact: me@example.com");
    write(root, "articles/notes.txt", "my notes");
}

#[test]
fn files_copydesk_did_not_publish_survive_a_publish() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let www = work.path().join("www");
    built_site(&built);
    let target = PublishTarget::Dir { path: www.clone() };
    publish_built_site(&built, site.path(), &target, false, false).unwrap();
    foreign_files(&www);
    fs::remove_dir_all(built.join("articles/storm")).unwrap();

    let outcome = publish_built_site(&built, site.path(), &target, false, false).unwrap();
    assert_eq!(outcome.plan.removed, ["articles/storm/index.html"]);
    assert!(!www.join("articles/storm").exists());
    for (file, text) in [
        ("important.txt", "keep me"),
        (".git/HEAD", "ref: refs/heads/main"),
        (".git/objects/ab/cdef", "object"),
        (".well-known/security.txt", "Contact: me@example.com"),
        ("articles/notes.txt", "my notes"),
    ] {
        assert_eq!(fs::read_to_string(www.join(file)).unwrap(), text, "{file}");
    }
}

#[test]
fn a_folder_copydesk_never_published_to_is_refused_and_left_as_it_is() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let www = work.path().join("www");
    built_site(&built);
    write(&www, "index.html", "<h1>Made by hand</h1>");
    foreign_files(&www);
    let before = snapshot(&www);
    let target = PublishTarget::Dir { path: www.clone() };
    for dry_run in [true, false] {
        let error = publish_built_site(&built, site.path(), &target, dry_run, false).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("not a published site"), "{message}");
        assert!(message.contains("--adopt"), "{message}");
        assert!(message.contains("important.txt"), "{message}");
    }
    assert_eq!(snapshot(&www), before);
}

#[test]
fn a_file_copydesk_did_not_publish_is_never_replaced_by_a_site_file() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let www = work.path().join("www");
    built_site(&built);
    let target = PublishTarget::Dir { path: www.clone() };
    publish_built_site(&built, site.path(), &target, false, false).unwrap();
    write(&www, "articles/flood/index.html", "my own page");
    write(&built, "articles/flood/index.html", "<h1>Flood</h1>");
    write(&built, "style.css", "body{color:red}");
    let before = snapshot(&www);

    let error = publish_built_site(&built, site.path(), &target, false, false).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("articles/flood/index.html"), "{message}");
    assert!(message.contains("--adopt"), "{message}");
    assert_eq!(
        snapshot(&www),
        before,
        "a refused publish changed the target"
    );
}

#[test]
fn adopt_replaces_only_the_sites_files_and_lists_what_stays() {
    let site = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let built = work.path().join("built");
    let www = work.path().join("www");
    built_site(&built);
    write(&www, "index.html", "<h1>Made by hand</h1>");
    foreign_files(&www);
    let target = PublishTarget::Dir { path: www.clone() };

    let adopted = publish_built_site(&built, site.path(), &target, false, true).unwrap();
    assert_eq!(adopted.plan.changed, ["index.html"]);
    assert!(adopted.plan.removed.is_empty());
    assert_eq!(
        adopted.plan.kept,
        [
            ".git/",
            ".well-known/",
            "articles/notes.txt",
            "important.txt"
        ]
    );
    assert_eq!(
        fs::read_to_string(www.join("index.html")).unwrap(),
        "<h1>Home</h1>"
    );

    // Adopted once, the folder is copydesk's: later publishes need no --adopt and
    // still remove only what copydesk published.
    fs::remove_dir_all(built.join("articles/storm")).unwrap();
    let next = publish_built_site(&built, site.path(), &target, false, false).unwrap();
    assert_eq!(next.plan.removed, ["articles/storm/index.html"]);
    for file in ["important.txt", ".git/HEAD", "articles/notes.txt"] {
        assert!(www.join(file).exists(), "{file} was removed");
    }
}

#[test]
fn adopt_is_refused_for_git_targets() {
    let site = tempfile::tempdir().unwrap();
    let built = tempfile::tempdir().unwrap();
    let target = PublishTarget::Git(copydesk::publish::git::GitTarget {
        repository: "/nowhere.git".into(),
        branch: "gh-pages".into(),
        cname: None,
        nojekyll: true,
        message: "m".into(),
    });
    let error = publish_built_site(built.path(), site.path(), &target, true, true).unwrap_err();
    assert!(error.to_string().contains("folder targets only"), "{error}");
}

#[test]
fn publish_help_explains_adopt() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["publish", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for text in [
        "--adopt",
        ".copydesk-published",
        "dot-folder",
        "never removed",
    ] {
        assert!(help.contains(text), "{text} missing from:\n{help}");
    }
}
