//! `copydesk new NAME`: the files of a new site, the refusal to touch a non-empty
//! folder, and a new site that builds at once with every defect of its example repaired.

use std::fs;
use std::path::Path;
use std::process::Command;

use copydesk::article::Article;
use copydesk::scaffold::{create_site, ScaffoldError, EXAMPLE_FILE_NAME};

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

/// Each defect the clean stage repairs, as the example raw article shows it.
const EXAMPLE_DEFECTS: &[(&str, &str)] = &[
    ("PORTS\n", "a kicker"),
    (
        "By Dana Whitfield and Tomas Ortega\n|\nMarch 4, 2025",
        "a byline and date",
    ),
    ("\nT\n\nhe harbour", "a drop cap"),
    ("thatlarger", "glued words"),
    ("unabke", "a keyboard slip"),
    ("Reykjav k", "a lost letter"),
    ("environ-\nmental", "a line-end hyphen"),
    ("container ships\ncan dock", "hard-wrapped lines"),
    ("· Page 3\n", "a running header"),
    (
        "\nWe were never asked what the bay needs\n",
        "a pull-quote repeat",
    ),
    ("shellﬁsh", "a ligature"),
    ("commissionâ€™s", "mojibake"),
    ("take\u{a0}eight", "a non-breaking space"),
    ("the  work", "a doubled space"),
    ("sea\u{ad}son", "a soft hyphen"),
    ("\u{200b}", "a zero-width space"),
    ("The writer is", "an author bio"),
    ("X:danawhitfield", "a contact handle without its space"),
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
        "/output/\n/.copydesk/\n",
        "the output and the scratch folder of interrupted runs stay out of git"
    );

    let raw = fs::read_to_string(root.join("content/raw").join(EXAMPLE_FILE_NAME)).unwrap();
    for (defect, what) in EXAMPLE_DEFECTS {
        assert!(raw.contains(defect), "the example lacks {what}: {defect:?}");
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
fn new_dot_makes_a_site_of_the_empty_folder_it_is_run_in() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("harbour-post");
    std::fs::create_dir(&folder).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(&folder)
        .args(["new", "."])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let settings = std::fs::read_to_string(folder.join("site.toml")).unwrap();
    assert!(settings.contains("title = \"Harbour Post\""), "{settings}");
}

/// `copydesk new ledger && cd ledger && copydesk build`, as a user types it: the build
/// works at once, its Markdown shows every defect of the example repaired, and the page
/// shows the article.
#[test]
fn a_new_site_builds_at_once_with_every_defect_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let copydesk = |folder: &Path, args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .current_dir(folder)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(output.status.success(), "copydesk {args:?}: {output:?}");
        output
    };
    copydesk(dir.path(), &["new", "ledger"]);
    let root = dir.path().join("ledger");
    let build = copydesk(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");

    let markdown = fs::read_to_string(root.join("content/articles/harbour-dredging.md")).unwrap();
    let article = Article::parse(&markdown, Path::new("harbour-dredging.md")).unwrap();
    let front = &article.front;
    assert_eq!(front.kicker.as_deref(), Some("PORTS"));
    assert_eq!(
        front.title,
        "Harbour dredging plan approved after a year of delays"
    );
    assert_eq!(
        front.subtitle.as_deref(),
        Some("The commission’s vote clears the way for larger container ships, but fishermen warn of damage to the bay"),
        "standfirst, with its ligature expanded"
    );
    assert_eq!(front.authors, ["Dana Whitfield", "Tomas Ortega"]);
    assert_eq!(
        front.date.as_ref().map(|d| d.date().to_string()).as_deref(),
        Some("2025-03-04")
    );
    assert_eq!(
        front.bio.as_deref(),
        Some(
            "The writer is a reporter covering ports and shipping for the Ledger. X: danawhitfield"
        ),
        "bio moved to the front matter, glued words split, handle spaced"
    );
    let paragraphs: Vec<&str> = article.body.split("\n\n").map(str::trim).collect();
    let expected = [
        "The harbour commission voted five to two on Tuesday to approve the long-delayed dredging of the main shipping channel, ending a dispute that has divided the town for more than a year.",
        "The project will deepen the channel by three metres so that larger container ships can dock without waiting for high tide. Supporters say it will bring new jobs to the waterfront and keep the port competitive with its neighbours.",
        "Fishermen who work the inner bay say the plan ignores the damage that silt will do to the shellfish beds. \"We were never asked what the bay needs,\" said Maria Keane, who has fished there for thirty years.",
        "Officials were unable to say when work would begin. A Reykjavík firm that specialises in harbour works has been hired to review the environmental report before the contract is signed.",
        "::: pullquote\nWe were never asked what the bay needs\n:::",
        "The commission’s chair, Ruth Okafor, said the dredging would take eight months and that the work would stop during the spawning season.",
        "The commission will publish the full environmental report next month, and a public meeting on the timetable is planned for the spring.",
    ];
    assert_eq!(
        paragraphs, expected,
        "drop cap joined, hard wraps unwrapped, running headers dropped, words repaired, pull-quote set, characters cleaned"
    );

    assert!(root.join("output/index.html").is_file());
    let page =
        fs::read_to_string(root.join("output/articles/harbour-dredging/index.html")).unwrap();
    for shown in [
        "Harbour dredging plan approved",
        "Dana Whitfield",
        "class=\"pullquote\"",
        "The harbour commission",
        "Reykjavík",
        "unable to say",
        "that larger",
    ] {
        assert!(page.contains(shown), "the page lacks {shown:?}");
    }
    assert!(
        !page.contains("__copydesk"),
        "no live-reload script in a build"
    );
}

#[test]
fn completions_cover_every_command_and_a_bad_shell_is_a_usage_error() {
    let run = |shell: &str| {
        Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["completions", shell])
            .output()
            .unwrap()
    };
    for shell in ["bash", "zsh", "fish"] {
        let out = run(shell);
        assert!(out.status.success(), "{out:?}");
        let script = String::from_utf8_lossy(&out.stdout);
        for command in ["clean", "build", "serve", "publish", "new", "check"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        assert!(script.contains("status"), "{shell} lacks clean's flags");
    }
    assert_eq!(run("tcsh").status.code(), Some(2));
}
