//! `copydesk new NAME`: the files of a new site, the refusal to touch a non-empty
//! folder, and (with the site build) a new site that builds at once.

use std::fs;
use std::process::Command;

use copydesk::progress::Silent;
use copydesk::scaffold::{create_site, ScaffoldError, EXAMPLE_FILE_NAME};
use copydesk::site::{build, BuildOptions};

/// The keys `site.toml` accepts (issue 3); a new site must use no other.
const SITE_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "theme",
    "author",
    "paginate",
    "feed_limit",
    "timezone",
    "publish",
];

#[test]
fn a_new_site_has_settings_and_an_example_raw_article() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("harbour-news");
    let site = create_site(&root).unwrap();
    assert_eq!(site.files.len(), 3);

    let settings: toml::Table =
        toml::from_str(&fs::read_to_string(root.join("site.toml")).unwrap()).unwrap();
    assert_eq!(settings["title"].as_str(), Some("Harbour News"));
    assert_eq!(settings["theme"].as_str(), Some("default"));
    for key in settings.keys() {
        assert!(SITE_KEYS.contains(&key.as_str()), "unknown key {key}");
    }
    assert_eq!(
        fs::read_to_string(root.join(".gitignore")).unwrap(),
        "/output/\n"
    );

    let raw = fs::read_to_string(root.join("content/raw").join(EXAMPLE_FILE_NAME)).unwrap();
    for defect in [
        "\nT\n\nhe harbour", // drop cap
        "thatlarger",        // glued words
        "unabke",            // keyboard slip
        "Z rich",            // lost letter
        "By Dana Whitfield and Tomas Ortega",
        "March 4, 2025",
        "\nWe were never asked what the bay needs\n", // pull-quote repeat
        "The writer is",                              // bio
    ] {
        assert!(raw.contains(defect), "the example lacks {defect:?}");
    }
}

#[test]
fn an_empty_folder_is_used_and_a_non_empty_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    create_site(&empty).unwrap();

    let busy = dir.path().join("busy");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("notes.txt"), "mine").unwrap();
    let error = create_site(&busy).unwrap_err();
    assert!(matches!(error, ScaffoldError::NotEmpty(_)), "{error}");
    assert_eq!(fs::read_dir(&busy).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(busy.join("notes.txt")).unwrap(), "mine");

    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    assert!(matches!(
        create_site(&file).unwrap_err(),
        ScaffoldError::NotAFolder(_)
    ));
}

#[test]
fn the_command_creates_once_then_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(dir.path())
            .args(["new", "ledger"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    assert!(dir.path().join("ledger/site.toml").is_file());
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("not empty"), "{stderr}");
}

#[test]
#[ignore = "needs the site build and the clean stage (issues 2 and 3)"]
fn a_new_site_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ledger");
    create_site(&root).unwrap();
    build(
        &BuildOptions {
            site_root: root.clone(),
            ..BuildOptions::default()
        },
        &Silent,
    )
    .unwrap();
    assert!(root.join("output/index.html").is_file());
    let article = root.join("output/articles/harbour-dredging/index.html");
    let page = fs::read_to_string(article).unwrap();
    assert!(page.contains("Harbour dredging plan approved"));
    assert!(page.contains("Dana Whitfield"));
    assert!(page.contains("class=\"pullquote\""));
    assert!(page.contains("The harbour commission"), "drop cap joined");
    assert!(page.contains("Zürich"));
    assert!(page.contains("unable to say"));
    assert!(page.contains("that larger"));
}
