//! Publishing to a real folder: only changed files are written, removed files are
//! removed, a dry run changes nothing, and a failed build publishes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use copydesk::progress::Silent;
use copydesk::publish::{publish, publish_built_site, PublishError, PublishOptions, PublishTarget};

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `root` with its content, modification time and inode.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime, u64)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
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

    let first = publish_built_site(&built, site.path(), &target, false).unwrap();
    assert_eq!(first.plan.added.len(), 4);
    assert_eq!(snapshot(&built).len(), snapshot(&target_path).len());

    let before = snapshot(&target_path);
    write(&built, "index.html", "<h1>Home, updated</h1>");
    write(&built, "articles/flood/index.html", "<h1>Flood</h1>");
    fs::remove_dir_all(built.join("articles/storm")).unwrap();

    let second = publish_built_site(&built, site.path(), &target, false).unwrap();
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

    let third = publish_built_site(&built, site.path(), &target, false).unwrap();
    assert!(third.plan.is_empty());
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
    let dry = publish_built_site(&built, site.path(), &target, true).unwrap();
    assert_eq!(dry.plan.added.len(), 4);
    assert!(!target_path.exists(), "a dry run created the target");

    publish_built_site(&built, site.path(), &target, false).unwrap();
    write(&built, "style.css", "body{color:red}");
    write(&target_path, "old.html", "stale");
    let before = snapshot(&target_path);
    let dry = publish_built_site(&built, site.path(), &target, true).unwrap();
    assert_eq!(dry.plan.changed, ["style.css"]);
    assert_eq!(dry.plan.removed, ["old.html"]);
    assert_eq!(snapshot(&target_path), before);
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
    let error = publish_built_site(&built, site.path(), &target, false).unwrap_err();
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
        },
        &Silent,
    )
    .unwrap();
    assert!(outcome.plan.added.iter().any(|f| f == "index.html"));
    let page = fs::read_to_string(www.path().join("public/articles/council/index.html")).unwrap();
    assert!(page.contains("https://ledger.example/articles/council/"));
    assert!(!page.contains("__copydesk"));
}
