//! Bad sites fail with clear messages (file and line:column, all errors at once), leave
//! the previous output exactly as it was, and make the CLI exit non-zero.

mod build_support;

use build_support::{snapshot_tree, FixtureSite};
use copydesk::diagnostic::Position;

#[test]
fn every_content_error_is_reported_at_once_with_its_position() {
    let site = FixtureSite::copy("bad-content");
    let failure = site.build().unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let find = |name: &str| {
        errors
            .iter()
            .find(|d| d.path.ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}: {errors:#?}"))
    };
    let typo = find("typo-key.md");
    assert_eq!(typo.position, Position::new(3, 1));
    assert!(typo.message.contains("autors"), "{}", typo.message);
    assert_eq!(typo.help.as_deref(), Some("did you mean `authors`?"));
    let unclosed = find("unclosed.md");
    assert_eq!(unclosed.position, Position::new(7, 1));
    assert!(unclosed.message.contains("never closed"));
    let date = find("bad-date.md");
    assert_eq!(date.position.line, 3);
    assert!(date.message.contains("next Tuesday"));
    assert!(
        !site.output().exists(),
        "nothing written by a failed first build"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let before = snapshot_tree(&site.output());
    site.write(
        "content/articles/broken.md",
        "+++\ntitle = \"Broken\"\ntgas = [\"x\"]\n+++\nBody\n",
    );
    let failure = site.build().unwrap_err();
    assert!(failure.diagnostics[0]
        .to_string()
        .contains("broken.md:3:1: error"));
    assert_eq!(
        failure.diagnostics[0].help.as_deref(),
        Some("did you mean `tags`?")
    );
    assert_eq!(snapshot_tree(&site.output()), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let site = FixtureSite::copy("bad-config");
    let failure = site.build().unwrap_err();
    let error = &failure.diagnostics[0];
    assert!(error.path.ends_with("site.toml"));
    assert_eq!(error.position, Position::new(2, 1));
    assert_eq!(error.help.as_deref(), Some("did you mean `paginate`?"));
}

#[test]
fn template_errors_name_the_template_its_line_and_the_page() {
    let site = FixtureSite::copy("bad-template");
    let failure = site.build().unwrap_err();
    let error = &failure.diagnostics[0];
    assert!(error.path.ends_with("templates/article.html"), "{error}");
    assert_eq!(error.position, Position::new(4, 7), "{error}");
    assert!(error.message.contains("/articles/one/"), "{error}");
    assert!(error.message.contains("one.md"), "{error}");
    assert!(error.message.contains("headline_missing"), "{error}");
}

#[test]
fn output_folder_holding_the_site_is_refused() {
    let site = FixtureSite::copy("basic");
    let options = copydesk::site::BuildOptions {
        output_dir: Some(site.root.clone()),
        ..site.options()
    };
    let failure = copydesk::site::build(&options, &copydesk::progress::Silent).unwrap_err();
    assert!(failure.diagnostics[0].message.contains("refusing"));
    assert!(site.root.join("site.toml").is_file());
}

#[test]
fn the_cli_prints_positions_and_exits_one() {
    let site = FixtureSite::copy("bad-content");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--site")
        .arg(&site.root)
        .arg("build")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("typo-key.md:3:1: error: invalid front matter"),
        "{stderr}"
    );
    assert!(stderr.contains("help: did you mean `authors`?"), "{stderr}");
    assert!(stderr.contains("unclosed.md:7:1: error"), "{stderr}");
    assert!(stderr.contains("build failed with 3 errors"), "{stderr}");
}

#[test]
fn the_cli_builds_and_summarises() {
    let site = FixtureSite::copy("basic");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .arg("--site")
        .arg(&site.root)
        .arg("build")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("Built 4 articles into "), "{stdout}");
    let quiet = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["-q", "--site"])
        .arg(&site.root)
        .arg("build")
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(quiet.stdout.is_empty());
    // -v times each stage and tells what became of each image and of the build cache.
    let verbose = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["-v", "--site"])
        .arg(&site.root)
        .args(["build", "--full"])
        .output()
        .unwrap();
    assert!(verbose.status.success());
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(stderr.contains("build cache: ignored (--full)"), "{stderr}");
    for stage in ["Loading", "Images", "Rendering"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("stage {stage}: ")) && l.ends_with(" ms")),
            "no {stage} timing: {stderr}"
        );
    }
}

/// A raw article as an e-paper copy gives it, for the raw-file tests below.
const RAW_ARTICLE: &str = "Museum roof\n\nBy Ann Lee\n\nThe museum roof leaked again on Sunday.\n";

#[cfg(unix)]
#[test]
fn a_raw_file_linking_outside_the_site_is_refused_and_never_published() {
    let site = FixtureSite::copy("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.txt");
    std::fs::write(
        &secret,
        "Secret headline\n\nBy Spy\n\nThe vault code is 1234.\n",
    )
    .unwrap();
    site.write("content/raw/museum-roof.txt", RAW_ARTICLE);
    std::os::unix::fs::symlink(&secret, site.root.join("content/raw/leak.txt")).unwrap();

    let failure = site.build().unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].path.ends_with("leak.txt"), "{}", errors[0]);
    assert!(
        errors[0].message.contains("outside the site"),
        "{}",
        errors[0]
    );
    assert!(!site.root.join("content/articles/leak.md").exists());
    assert!(
        !site.output().exists(),
        "a failed build published something"
    );
    assert!(
        site.root.join("content/articles/museum-roof.md").exists(),
        "the other raw files are still cleaned"
    );
}

#[test]
fn two_raw_files_with_one_slug_are_an_error_naming_both() {
    let site = FixtureSite::copy("basic");
    site.write("content/raw/Museum Roof.txt", RAW_ARTICLE);
    site.write(
        "content/raw/museum-roof.txt",
        &RAW_ARTICLE.replace("Sunday", "Monday"),
    );
    let failure = site.build().unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let text = errors[0].to_string();
    assert!(text.contains("Museum Roof.txt"), "{text}");
    assert!(text.contains("museum-roof.txt"), "{text}");
    assert!(text.contains("museum-roof.md"), "{text}");
    assert!(!site.root.join("content/articles/museum-roof.md").exists());
}

#[test]
fn control_characters_never_reach_a_page_and_are_reported_where_they_are() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/articles/controls.md",
        "+++\ntitle = \"Bell\\u0007 and\\u0000 nul\"\nauthors = [\"Ann\\u001bLee\"]\ndate = 2025-03-02\n+++\n\nThe council\u{0} met\u{1} on\u{7f} Tuesday\u{85}.\n",
    );
    let summary = site.build().unwrap();
    let warnings: Vec<_> = summary
        .warnings
        .iter()
        .filter(|w| w.path.ends_with("controls.md"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].message.contains("control character"),
        "{}",
        warnings[0]
    );
    assert_eq!(warnings[0].position, Position::new(7, 12));
    for (path, html) in site.html_files() {
        let bad = html
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'));
        assert_eq!(bad, None, "{path} holds a control character");
    }
    let page = site.read("articles/controls/index.html");
    assert!(page.contains("The council met on Tuesday."), "{page}");
    assert!(page.contains("Bell and nul"), "{page}");
    assert!(page.contains("AnnLee"), "{page}");
}

#[test]
fn an_article_without_a_title_is_an_error_naming_it() {
    for (name, front) in [
        ("no-title.md", "+++\ndate = 2025-03-02\n+++\n"),
        (
            "blank-title.md",
            "+++\ntitle = \"  \"\ndate = 2025-03-02\n+++\n",
        ),
        ("yaml-title.md", "---\ntitle: \"\\u0007\"\n---\n"),
    ] {
        let site = FixtureSite::copy("basic");
        site.write(
            &format!("content/articles/{name}"),
            &format!("{front}\nThe council met on Tuesday.\n"),
        );
        let failure = site.build().unwrap_err();
        let errors: Vec<_> = failure
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
        assert!(errors[0].path.ends_with(name), "{}", errors[0]);
        assert!(errors[0].message.contains("title"), "{}", errors[0]);
        assert!(!site.output().exists(), "{name}: a failed build published");
    }
}

#[test]
fn a_too_long_slug_is_an_error_naming_the_article() {
    // The build failed writing `.output.staging-PID/articles/xxx…`, naming neither the
    // article nor what to change.
    let site = FixtureSite::copy("basic");
    let long = "x".repeat(300);
    site.write(
        "content/articles/long-slug.md",
        &format!("+++\ntitle = \"Long\"\nslug = \"{long}\"\n+++\n\nBody.\n"),
    );
    site.write(
        "content/articles/long-tag.md",
        &format!("+++\ntitle = \"Tagged\"\ntags = [\"{long}\"]\n+++\n\nBody.\n"),
    );
    let failure = site.build().unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    for (error, name) in errors.iter().zip(["long-slug.md", "long-tag.md"]) {
        let text = error.to_string();
        assert!(error.path.ends_with(name), "{text}");
        assert!(text.contains("300 characters"), "{text}");
        assert!(!text.contains("staging"), "{text}");
    }
    assert!(!site.output().exists());
}

#[test]
fn a_render_error_in_an_overridden_base_template_names_it_and_its_line() {
    // The error blamed the theme's `article.html` (which extends `base.html`), with no line.
    let site = FixtureSite::copy("basic");
    site.write(
        "templates/base.html",
        "<!doctype html>\n<html>\n<body>\n<h1>{{ config.title | no_such_filter }}</h1>\n{% block content %}{% endblock content %}\n</body>\n</html>\n",
    );
    let failure = site.build().unwrap_err();
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(!errors.is_empty());
    for error in errors {
        assert!(
            error.path.ends_with("templates/base.html") && !error.path.starts_with("themes"),
            "{error}"
        );
        assert_eq!(error.position, Position::new(4, 8), "{error}");
    }
}
