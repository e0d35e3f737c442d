//! Publishing to a real git repository: a bare repository in a temp folder, cloned back
//! to check the branch's files, `.nojekyll`, `CNAME` and history; a checked-out
//! repository whose working tree must stay untouched; a rejected push.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use copydesk::progress::Silent;
use copydesk::publish::git::GitTarget;
use copydesk::publish::{publish, publish_built_site, PublishOptions, PublishTarget};

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn bare_repository(dir: &Path) -> PathBuf {
    let repository = dir.join("remote.git");
    git(dir, &["init", "--quiet", "--bare", "remote.git"]);
    repository
}

/// A fresh "build" (publish may add host files to it, as to a real build).
fn built_site(dir: &Path, name: &str, pages: &[(&str, &str)]) -> PathBuf {
    let root = dir.join(name);
    for (path, text) in pages {
        write(&root, path, text);
    }
    root
}

fn target(repository: &Path, cname: Option<&str>) -> PublishTarget {
    PublishTarget::Git(GitTarget {
        repository: repository.to_string_lossy().into_owned(),
        branch: "gh-pages".into(),
        cname: cname.map(Into::into),
        nojekyll: true,
        message: "Publish the site".into(),
    })
}

fn clone_branch(repository: &Path, into: &Path) -> PathBuf {
    let checkout = into.join("check");
    let _ = fs::remove_dir_all(&checkout);
    git(
        into,
        &[
            "clone",
            "--quiet",
            "--branch",
            "gh-pages",
            &repository.to_string_lossy(),
            "check",
        ],
    );
    checkout
}

#[test]
fn the_site_lands_on_gh_pages_with_host_files_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let site_root = dir.path().join("site-source");
    fs::create_dir_all(&site_root).unwrap();
    let repository = bare_repository(dir.path());
    let target = target(&repository, Some("ledger.example.com"));

    let first = built_site(
        dir.path(),
        "build1",
        &[
            ("index.html", "<h1>Home</h1>"),
            ("articles/storm/index.html", "<h1>Storm</h1>"),
        ],
    );
    let outcome = publish_built_site(&first, &site_root, &target, false, false).unwrap();
    let commit = outcome.commit.expect("a commit was pushed");
    assert!(outcome.plan.added.iter().any(|f| f == ".nojekyll"));

    let checkout = clone_branch(&repository, dir.path());
    assert_eq!(git(&checkout, &["rev-parse", "HEAD"]), commit);
    assert_eq!(
        fs::read_to_string(checkout.join("CNAME")).unwrap(),
        "ledger.example.com\n"
    );
    assert!(checkout.join(".nojekyll").is_file());
    assert!(checkout.join("articles/storm/index.html").is_file());

    let second = built_site(
        dir.path(),
        "build2",
        &[
            ("index.html", "<h1>Home, later</h1>"),
            ("articles/flood/index.html", "<h1>Flood</h1>"),
        ],
    );
    let outcome = publish_built_site(&second, &site_root, &target, false, false).unwrap();
    assert_eq!(outcome.plan.removed, ["articles/storm/index.html"]);
    assert_eq!(outcome.plan.changed, ["index.html"]);

    let checkout = clone_branch(&repository, dir.path());
    assert_eq!(git(&checkout, &["rev-list", "--count", "HEAD"]), "2");
    assert_eq!(git(&checkout, &["rev-parse", "HEAD~1"]), commit);
    assert!(!checkout.join("articles/storm").exists());
    assert_eq!(
        fs::read_to_string(checkout.join("index.html")).unwrap(),
        "<h1>Home, later</h1>"
    );
    let message = git(&checkout, &["log", "-1", "--format=%s"]);
    assert_eq!(message, "Publish the site");

    // The same site again: nothing to commit.
    let again = built_site(
        dir.path(),
        "build3",
        &[
            ("index.html", "<h1>Home, later</h1>"),
            ("articles/flood/index.html", "<h1>Flood</h1>"),
        ],
    );
    let outcome = publish_built_site(&again, &site_root, &target, false, false).unwrap();
    assert!(outcome.plan.is_empty(), "{:?}", outcome.plan);
    assert_eq!(outcome.commit, None);
    let checkout = clone_branch(&repository, dir.path());
    assert_eq!(git(&checkout, &["rev-list", "--count", "HEAD"]), "2");
}

#[test]
fn a_dry_run_lists_and_pushes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site_root = dir.path().join("src");
    fs::create_dir_all(&site_root).unwrap();
    let repository = bare_repository(dir.path());
    let target = target(&repository, None);
    let built = built_site(dir.path(), "b", &[("index.html", "home")]);
    let outcome = publish_built_site(&built, &site_root, &target, true, false).unwrap();
    assert_eq!(outcome.plan.added, [".nojekyll", "index.html"]);
    assert_eq!(outcome.commit, None);
    assert_eq!(git(&repository, &["branch", "--list"]), "");
}

#[test]
fn the_users_checkout_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let checkout = dir.path().join("paper");
    fs::create_dir_all(&checkout).unwrap();
    git(&checkout, &["init", "--quiet", "--initial-branch", "main"]);
    write(&checkout, "site.toml", "title = \"x\"\n");
    git(&checkout, &["add", "."]);
    git(&checkout, &["commit", "--quiet", "-m", "site"]);
    write(&checkout, "draft.md", "uncommitted work");

    let built = built_site(dir.path(), "b", &[("index.html", "home")]);
    let outcome =
        publish_built_site(&built, &checkout, &target(&checkout, None), false, false).unwrap();
    assert!(outcome.commit.is_some());

    assert_eq!(
        git(&checkout, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "main"
    );
    assert_eq!(git(&checkout, &["status", "--porcelain"]), "?? draft.md");
    assert_eq!(
        git(&checkout, &["ls-tree", "--name-only", "gh-pages"]),
        ".nojekyll\nindex.html"
    );
}

#[cfg(unix)]
#[test]
fn a_rejected_push_leaves_the_branch_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let site_root = dir.path().join("src");
    fs::create_dir_all(&site_root).unwrap();
    let repository = bare_repository(dir.path());
    let target = target(&repository, None);
    let first = built_site(dir.path(), "b1", &[("index.html", "v1")]);
    let published = publish_built_site(&first, &site_root, &target, false, false)
        .unwrap()
        .commit
        .unwrap();

    let hook = repository.join("hooks/pre-receive");
    fs::write(&hook, "#!/bin/sh\necho 'rejected by policy' >&2\nexit 1\n").unwrap();
    fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    let second = built_site(dir.path(), "b2", &[("index.html", "v2")]);
    let error = publish_built_site(&second, &site_root, &target, false, false).unwrap_err();
    assert!(error.to_string().contains("rejected by policy"), "{error}");
    assert_eq!(git(&repository, &["rev-parse", "gh-pages"]), published);
}

#[test]
fn branch_names_that_git_would_read_as_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let repository = bare_repository(dir.path());
    let built = built_site(dir.path(), "b", &[("index.html", "home")]);
    let PublishTarget::Git(mut bad) = target(&repository, None) else {
        unreachable!()
    };
    bad.branch = "--upload-pack=touch pwned".into();
    let error =
        publish_built_site(&built, dir.path(), &PublishTarget::Git(bad), false, false).unwrap_err();
    assert!(
        error.to_string().contains("not a valid branch name"),
        "{error}"
    );
}

/// `git` as the publish sees it through `PATH`: the real one, except that `push` first
/// marks `started` and waits two seconds.
#[cfg(unix)]
fn slow_pushing_git(dir: &Path, started: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let real = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let script = bin.join("git");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do\n  if [ \"$a\" = push ]; then touch '{}'; sleep 2; fi\ndone\nexec '{}' \"$@\"\n",
            started.display(),
            real.trim()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

#[cfg(unix)]
#[test]
fn a_killed_publish_takes_its_git_child_with_it() {
    // Killed with SIGKILL while `git push` ran, the publish used to leave git running as
    // an orphan, which pushed all the same.
    let dir = tempfile::tempdir().unwrap();
    let repository = bare_repository(dir.path());
    let site_root = dir.path().join("site");
    write(
        &site_root,
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\nrepository = \"{}\"\n",
            repository.display()
        ),
    );
    write(
        &site_root,
        "content/articles/a.md",
        "+++\ntitle = \"Council meets\"\ndate = 2025-03-02\n+++\n\nThe council met.\n",
    );
    let started = dir.path().join("push-started");
    let bin = slow_pushing_git(dir.path(), &started);
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let mut publish = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&site_root)
        .args(["-q", "publish"])
        .env("PATH", path)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while !started.exists() {
        assert!(
            publish.try_wait().unwrap().is_none(),
            "the publish ended early"
        );
        assert!(waited.elapsed().as_secs() < 60, "no push started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    publish.kill().unwrap();
    publish.wait().unwrap();
    // Long enough for an orphaned push to have finished.
    std::thread::sleep(std::time::Duration::from_secs(4));
    let branches = git(&repository, &["branch", "--list"]);
    assert_eq!(branches, "", "the orphaned git pushed: {branches}");
}

/// Writes the site's articles, each saying `Version {version}.`
fn write_git_site_version(site_root: &Path, version: u32) {
    for n in 0..20 {
        write(
            site_root,
            &format!("content/articles/a{n}.md"),
            &format!(
                "+++\ntitle = \"Article {n}\"\ndate = 2025-03-02\n+++\n\nVersion {version}.\n"
            ),
        );
    }
}

/// The versions the branch's article pages say, and how many pages there are.
fn branch_versions(repository: &Path, scratch: &Path) -> (Vec<String>, usize) {
    let checkout = clone_branch(repository, scratch);
    let mut versions: Vec<String> = Vec::new();
    let mut pages = 0;
    for n in 0..20 {
        let page = fs::read_to_string(checkout.join(format!("articles/a{n}/index.html"))).unwrap();
        let version = page
            .split("Version ")
            .nth(1)
            .unwrap()
            .split('.')
            .next()
            .unwrap();
        if !versions.iter().any(|v| v == version) {
            versions.push(version.to_string());
        }
        pages += 1;
    }
    (versions, pages)
}

#[cfg(unix)]
#[test]
fn a_git_publish_killed_at_any_moment_leaves_the_branch_whole() {
    // Fault injection: the push is the one step that changes the repository, and git
    // applies it whole; with the git child ending with copydesk (item 11), a killed
    // publish leaves the branch on the old commit or the new one, never anything else.
    let dir = tempfile::tempdir().unwrap();
    let repository = bare_repository(dir.path());
    let site_root = dir.path().join("site");
    write(
        &site_root,
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\nrepository = \"{}\"\n",
            repository.display()
        ),
    );
    let publish = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        command
            .current_dir(&site_root)
            .args(["-q", "publish"])
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };
    write_git_site_version(&site_root, 0);
    let started = std::time::Instant::now();
    assert!(publish().status().unwrap().success());
    let full = started.elapsed();
    let mut live = 0;
    let mut killed = 0;
    for round in 0..16u32 {
        let version = round + 1;
        write_git_site_version(&site_root, version);
        let mut child = publish().spawn().unwrap();
        std::thread::sleep(full * round / 12);
        let _ = child.kill();
        if !child.wait().unwrap().success() {
            killed += 1;
        }
        // Any git child ends with copydesk; give it a moment to be gone.
        std::thread::sleep(std::time::Duration::from_millis(50));
        let (versions, pages) = branch_versions(&repository, dir.path());
        assert_eq!(pages, 20);
        assert_eq!(
            versions.len(),
            1,
            "round {round}: a mixed branch {versions:?}"
        );
        // A push the server had already received can still land after its publish was
        // killed (the server's receive-pack is no child of ours): the branch may move on
        // to any version published since, never back and never past this round's.
        let now: u32 = versions[0].parse().unwrap();
        assert!(
            live <= now && now <= version,
            "round {round}: {now} after {live}"
        );
        live = now;
        git(&repository, &["fsck", "--no-progress"]);
    }
    assert!(killed > 0, "no publish was killed");
    // What the killed publishes left in the site's scratch folder goes with the next.
    write_git_site_version(&site_root, 99);
    assert!(publish().status().unwrap().success());
    assert_eq!(branch_versions(&repository, dir.path()).0, ["99"]);
    let scratch = site_root.join(".copydesk/tmp");
    assert_eq!(fs::read_dir(scratch).unwrap().count(), 0);
}

#[test]
fn the_commit_names_the_source_revision_and_the_article_count() {
    let dir = tempfile::tempdir().unwrap();
    let repository = bare_repository(dir.path());
    let site_root = dir.path().join("site");
    write(
        &site_root,
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\nrepository = \"{}\"\n",
            repository.display()
        ),
    );
    for name in ["council", "storm"] {
        write(
            &site_root,
            &format!("content/articles/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\ndate = 2025-03-02\n+++\n\nText.\n"),
        );
    }
    git(&site_root, &["init", "--quiet"]);
    git(&site_root, &["add", "."]);
    git(&site_root, &["commit", "--quiet", "-m", "The paper"]);
    let revision = git(&site_root, &["rev-parse", "HEAD"]);
    let options = PublishOptions {
        site_root: site_root.clone(),
        dry_run: false,
        adopt: false,
        rollback: false,
    };
    publish(&options, &Silent).unwrap();
    let checkout = clone_branch(&repository, dir.path());
    let message = git(&checkout, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains(&format!("Source: {revision}\n")),
        "{message}"
    );
    assert!(message.contains("Articles: 2"), "{message}");

    // An edit not yet committed is said to be in the published site.
    write(
        &site_root,
        "content/articles/storm.md",
        "+++\ntitle = \"storm\"\ndate = 2025-03-02\n+++\n\nText, later.\n",
    );
    publish(&options, &Silent).unwrap();
    let checkout = clone_branch(&repository, dir.path());
    let message = git(&checkout, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains(&format!("Source: {revision} (with uncommitted changes)")),
        "{message}"
    );
}
