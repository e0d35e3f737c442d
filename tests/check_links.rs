//! `copydesk check` over hand-written output folders: broken links, broken anchors and
//! missing assets are errors with file and line:column, the command exits non-zero and
//! `--format json` lists them; a clean site passes.

use std::fs;
use std::path::Path;
use std::process::Command;

use copydesk::check::{check_site, CheckOptions, ProblemKind};
use copydesk::progress::Silent;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const HOME: &str = r##"<!doctype html>
<html lang="en"><head>
<link rel="canonical" href="https://ledger.example/">
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg">
<script src="/missing.js" defer></script>
</head><body>
<a href="articles/budget/">Budget</a>
<a href="/articles/budget/#vote">The vote</a>
<a href="/articles/budget/#nowhere">Broken anchor</a>
<a href="/articles/gone/">Broken link</a>
<a href="https://ledger.example/articles/budget">Absolute, folder without slash</a>
<a href="https://elsewhere.example/nope/">External</a>
<a href="mailto:desk@ledger.example">Mail</a>
<a href="#top">Top</a>
<img src="/images/lost.png" alt="">
<img srcset="/images/ok.png 1x, /images/lost-2x.png 2x" src="/images/ok.png" alt="">
<!-- <a href="/commented/out/"> -->
</body></html>
"##;

const ARTICLE: &str = r##"<!doctype html><html lang="en"><head><link rel="stylesheet" href="../../style.css"></head>
<body><h2 id="vote">The vote</h2><a href="../../">Home</a><a href="#vote">Here</a></body></html>
"##;

fn output(root: &Path) {
    write(root, "index.html", HOME);
    write(root, "articles/budget/index.html", ARTICLE);
    write(
        root,
        "style.css",
        "body{background:url(images/ok.png)}\n@font-face{src:url(\"fonts/missing.woff2\")}\n",
    );
    write(root, "favicon.svg", "<svg/>");
    write(root, "images/ok.png", "png");
}

fn site(root: &Path) {
    write(
        root,
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n",
    );
    write(
        root,
        "content/articles/budget.md",
        "+++\ntitle = \"Budget\"\n+++\n\nText.\n",
    );
}

#[test]
fn broken_links_anchors_and_assets_are_errors_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let out = dir.path().join("output");
    output(&out);
    let report = check_site(
        &CheckOptions {
            site_root: dir.path().to_path_buf(),
            output_dir: Some(out.clone()),
            ..CheckOptions::default()
        },
        &Silent,
    );
    let found: Vec<(ProblemKind, String, usize)> = report
        .problems
        .iter()
        .map(|p| {
            (
                p.kind,
                p.diagnostic.message.split('`').nth(1).unwrap().to_string(),
                p.diagnostic.position.line,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (ProblemKind::MissingAsset, "/missing.js".into(), 6),
            (
                ProblemKind::BrokenAnchor,
                "/articles/budget/#nowhere".into(),
                10
            ),
            (ProblemKind::BrokenLink, "/articles/gone/".into(), 11),
            (ProblemKind::MissingAsset, "/images/lost.png".into(), 16),
            (ProblemKind::MissingAsset, "/images/lost-2x.png".into(), 17),
            (ProblemKind::MissingAsset, "fonts/missing.woff2".into(), 2),
        ]
    );
    assert_eq!(report.errors, 6);
    assert_eq!(report.pages_checked, 2);
    assert!(!report.passed());
    let first = &report.problems[0].diagnostic;
    assert_eq!(first.path, out.join("index.html"));
    assert_eq!(first.position.column, 14);
}

#[test]
fn a_clean_output_passes() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let out = dir.path().join("output");
    write(&out, "articles/budget/index.html", ARTICLE);
    write(&out, "style.css", "body{}");
    write(
        &out,
        "index.html",
        "<a href=\"articles/budget/#vote\">x</a>",
    );
    let report = check_site(
        &CheckOptions {
            site_root: dir.path().to_path_buf(),
            output_dir: Some(out),
            ..CheckOptions::default()
        },
        &Silent,
    );
    assert!(report.passed(), "{:?}", report.problems);
    assert_eq!(report.problems, []);
}

#[test]
fn invalid_front_matter_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    write(
        dir.path(),
        "content/articles/typo.md",
        "+++\ntitle = \"Typo\"\ntagz = [\"x\"]\n+++\n\nBody.\n",
    );
    let out = dir.path().join("output");
    write(&out, "index.html", "<p>ok</p>");
    let report = check_site(
        &CheckOptions {
            site_root: dir.path().to_path_buf(),
            output_dir: Some(out),
            ..CheckOptions::default()
        },
        &Silent,
    );
    assert_eq!(report.errors, 1, "{:?}", report.problems);
    let problem = &report.problems[0];
    assert_eq!(problem.kind, ProblemKind::FrontMatter);
    assert_eq!(
        problem.diagnostic.path,
        Path::new("content/articles/typo.md")
    );
    assert_eq!(problem.diagnostic.position.line, 3);
}

#[test]
fn the_command_exits_non_zero_and_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    output(&dir.path().join("output"));
    let run = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--site")
        .arg(dir.path())
        .args(["check", "--output-dir"])
        .arg(dir.path().join("output"))
        .args(["--format", "json"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["errors"], 6);
    let kinds: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "missing-asset",
            "broken-anchor",
            "broken-link",
            "missing-asset",
            "missing-asset",
            "missing-asset"
        ]
    );
    let first = &report["problems"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["position"]["line"], 6);
    assert!(first["path"].as_str().unwrap().ends_with("index.html"));

    let text = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--site")
        .arg(dir.path())
        .args(["check", "--output-dir"])
        .arg(dir.path().join("output"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(text.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(
        stderr.contains("index.html:11:10: error: broken link `/articles/gone/`"),
        "{stderr}"
    );
}

#[test]
fn a_built_site_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let report = check_site(
        &CheckOptions {
            site_root: dir.path().to_path_buf(),
            ..CheckOptions::default()
        },
        &Silent,
    );
    assert!(report.passed(), "{:?}", report.problems);
    assert!(report.pages_checked >= 2);
}

#[test]
fn a_front_matter_error_is_reported_once_when_the_check_builds() {
    // The front-matter pass and the build both found it, under `content/…` and
    // `./content/…`: the report listed it twice.
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    write(
        dir.path(),
        "content/articles/typo.md",
        "+++\ntitle = \"Typo\"\ntagz = [\"x\"]\n+++\n\nBody.\n",
    );
    let report = check_site(
        &CheckOptions {
            site_root: dir.path().to_path_buf(),
            ..CheckOptions::default()
        },
        &Silent,
    );
    let about_typo: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.diagnostic.path.ends_with("typo.md"))
        .collect();
    assert_eq!(about_typo.len(), 1, "{about_typo:#?}");
    assert_eq!(about_typo[0].kind, ProblemKind::FrontMatter);
    assert_eq!(report.errors, 1, "{:#?}", report.problems);
}

#[test]
fn the_check_builds_inside_the_site_and_leaves_nothing() {
    // The check built into the system temp folder; now its scratch build is in the
    // site's own `.copydesk/tmp/`, and gone afterwards.
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let temp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["-q", "check"])
        .env("NO_COLOR", "1")
        .env("TMPDIR", temp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 0);
    let scratch = dir.path().join(".copydesk/tmp");
    assert_eq!(fs::read_dir(scratch).unwrap().count(), 0);
}
