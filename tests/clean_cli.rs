//! End-to-end tests of `copydesk clean`: the built binary run on raw texts written into
//! temporary site folders, checking the output contract, hand-edit protection, `--force`,
//! `-o -`, `--report`, `--dry-run`, bad files and odd inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A raw article in the shape the clean stage expects from an e-paper copy.
const RAW: &str = "Harbour dispute\n\nFishing fleets stay ashore as port talks stall\n\nBy Sana Malik and Omar Farooq\n|\nNovember 16, 2025\n\n\nT\n\nhe fishing fleets of Gwadar stayed in port on Saturday as talks between\nthe boat owners and the port authority stalled for a second week.\n\nThe owners want the new berthing fee withdrawn. “We cannot pay twice for the same water,” said Rahim Baloch, who speaks for the owners.\n\n“We cannot pay twice for the same water,” said Rahim Baloch.\n\nThe port authority said the fee pays for dredging. It’s a fair price.”\n\nThe writer is a reporter based in Karachi.\n";

fn copydesk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .output()
        .expect("the binary runs")
}

fn site_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/raw")).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join("content/raw").join(name), bytes).unwrap();
    }
    dir
}

fn article(dir: &Path, slug: &str) -> PathBuf {
    dir.join("content/articles").join(format!("{slug}.md"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_output_contract() {
    let dir = site_with(&[("Harbour Dispute.txt", RAW.as_bytes())]);
    let out = copydesk(dir.path(), &["clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(article(dir.path(), "harbour-dispute")).unwrap();
    let expected_front = "+++\ntitle = \"Harbour dispute\"\nsubtitle = \"Fishing fleets stay ashore as port talks stall\"\nauthors = [\"Sana Malik\", \"Omar Farooq\"]\ndate = 2025-11-16\nbio = \"The writer is a reporter based in Karachi.\"\n+++\n\n";
    assert!(md.starts_with(expected_front), "{md}");
    assert!(md.contains("\n\nThe fishing fleets of Gwadar stayed in port on Saturday as talks between the boat owners"));
    assert!(md.contains(
        "::: pullquote\n“We cannot pay twice for the same water,” said Rahim Baloch.\n:::\n"
    ));
    // The unbalanced quote is reported, with its raw position, and left in the text.
    assert!(md.contains("It’s a fair price.”"));
    assert!(
        stderr(&out).contains("Harbour Dispute.txt:19:70: warning: closing quote mark"),
        "{}",
        stderr(&out)
    );
    // The build stage reads the same article back.
    let parsed = copydesk::article::Article::parse(&md, Path::new("a.md")).unwrap();
    assert_eq!(parsed.front.authors, ["Sana Malik", "Omar Farooq"]);
}

#[test]
fn stdout_output_writes_nothing() {
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    let out = copydesk(dir.path(), &["clean", "content/raw/a.txt", "-o", "-"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("+++\ntitle = \"Harbour dispute\""));
    assert!(!dir.path().join("content/articles").exists());
}

#[test]
fn output_to_a_chosen_file_needs_one_input() {
    let dir = site_with(&[("a.txt", RAW.as_bytes()), ("b.txt", RAW.as_bytes())]);
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "draft.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.path().join("draft.md"))
        .unwrap()
        .starts_with("+++\n"));
    let out = copydesk(dir.path(), &["clean", "-o", "draft.md"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("exactly one input"));
    // A command line that cannot work is a usage error: status 2, as clap gives.
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "content/raw/b.txt", "-o", "-"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("exactly one input"));
    assert!(out.stdout.is_empty());
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "-", "--report", "-"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn hand_edits_are_protected_and_force_keeps_a_backup() {
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    assert!(copydesk(dir.path(), &["clean"]).status.success());
    let target = article(dir.path(), "a");
    let raw = dir.path().join("content/raw/a.txt");

    // Unedited article, changed raw text: updated.
    std::fs::write(&raw, RAW.replace("second week", "third week")).unwrap();
    assert!(copydesk(dir.path(), &["clean"]).status.success());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("third week"));

    // Edited by hand, raw changed again: kept, with a warning.
    let mine = std::fs::read_to_string(&target)
        .unwrap()
        .replace("Saturday", "Sunday");
    std::fs::write(&target, &mine).unwrap();
    std::fs::write(&raw, RAW.replace("second week", "fourth week")).unwrap();
    let out = copydesk(dir.path(), &["clean"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("edited by hand"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), mine);

    // --force overwrites and keeps the hand-edited copy.
    let out = copydesk(dir.path(), &["clean", "--force"]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("fourth week"));
    let backup = dir.path().join("content/articles/a.md.bak");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), mine);
}

#[test]
fn the_report_lists_edits_and_findings_as_json() {
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    let out = copydesk(dir.path(), &["clean", "--report", "report.json"]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let drop_cap = entries
        .iter()
        .find(|e| e["pass"] == "drop_cap")
        .expect("a drop-cap edit");
    assert_eq!(drop_cap["line"], 10);
    assert_eq!(drop_cap["column"], 1);
    assert_eq!(drop_cap["after"], "The");
    assert!(drop_cap["file"].as_str().unwrap().ends_with("a.txt"));
    assert!(drop_cap["confidence"].as_f64().unwrap() > 0.5);
    let finding = entries
        .iter()
        .find(|e| e["kind"] == "finding")
        .expect("a finding");
    assert_eq!(finding["pass"], "quotes");
    assert_eq!(finding["line"], 19);
    for e in &entries {
        for key in ["pass", "file", "line", "column", "before", "reason"] {
            assert!(!e[key].is_null(), "{key} missing in {e}");
        }
    }
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    let out = copydesk(dir.path(), &["clean", "--dry-run"]);
    assert!(out.status.success());
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("+title = \"Harbour dispute\""), "{diff}");
    assert!(!diff.contains('\x1b'), "NO_COLOR must turn colour off");
    assert!(!dir.path().join("content/articles").exists());
}

#[test]
fn bad_files_get_one_message_each_and_the_rest_is_cleaned() {
    let dir = site_with(&[
        ("good.txt", RAW.as_bytes()),
        ("empty.txt", b""),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        (
            "latin.txt",
            b"Caf\xe9 news\n\nBy Ann Lee\n\nThe caf\xe9 opened.\n",
        ),
    ]);
    let out = copydesk(dir.path(), &["clean"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    assert!(err.contains("empty.txt: error: the file is empty"), "{err}");
    assert!(
        err.contains("binary.txt:3:1: error: this is not a text file"),
        "{err}"
    );
    assert!(
        err.contains("latin.txt:1:4: warning: the file is not valid UTF-8"),
        "{err}"
    );
    assert!(article(dir.path(), "good").exists());
    let latin = std::fs::read_to_string(article(dir.path(), "latin")).unwrap();
    assert!(latin.contains("title = \"Café news\""), "{latin}");
    assert!(!article(dir.path(), "empty").exists());
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let dir = site_with(&[]);
    let out = copydesk(dir.path(), &["clean", "nope.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.txt: error: no such file or folder"));
}

#[test]
fn weird_inputs_never_panic() {
    let weird: &[&[u8]] = &[
        b"\xff\xfe\xfd",
        b"|\n|\n|\n",
        b"N\n\n",
        b"\xe2\x80",
        b"By\n\nBy \n\n2025-13-45\n",
        b"---\n+++\n:::\n",
        b"\r\r\r\rword\r",
        "“\n\n”\n\nâ€\n".as_bytes(),
        b"The writer is\n",
        b"-\n-\n-\n-\n",
        b"a-\n-b\n\nI\n\n\n",
        "\u{feff}\u{200b}\u{ad}".as_bytes(),
    ];
    let dir = site_with(&[]);
    for (i, bytes) in weird.iter().enumerate() {
        std::fs::write(dir.path().join(format!("content/raw/w{i}.txt")), bytes).unwrap();
    }
    let out = copydesk(dir.path(), &["clean", "--report", "-"]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{err}"
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("the report is JSON");
}

#[test]
fn help_explains_with_examples() {
    let out = copydesk(Path::new("."), &["clean", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for text in [
        "--dry-run",
        "--report",
        "--force",
        "-o",
        "Examples:",
        "copydesk clean --site",
    ] {
        assert!(help.contains(text), "{text} missing from:\n{help}");
    }
}

#[test]
fn output_to_a_file_copydesk_did_not_write_is_an_error() {
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    std::fs::write(dir.path().join("existing.md"), "my own notes\n").unwrap();
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "existing.md"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("existing.md: error:"), "{err}");
    assert!(err.contains("not written by copydesk"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(!err.contains("cleaned 1 file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("existing.md")).unwrap(),
        "my own notes\n"
    );

    // Written by copydesk, then edited by hand: also not overwritten, also an error.
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "draft.md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.path().join("draft.md"), "edited\n").unwrap();
    let raw = dir.path().join("content/raw/a.txt");
    std::fs::write(&raw, RAW.replace("second week", "third week")).unwrap();
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "draft.md"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("edited by hand"), "{}", stderr(&out));

    // --force overwrites and keeps the file it replaced.
    let out = copydesk(
        dir.path(),
        &["clean", "content/raw/a.txt", "-o", "existing.md", "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("existing.md.bak")).unwrap(),
        "my own notes\n"
    );
}

#[cfg(unix)]
#[test]
fn a_raw_file_linking_outside_the_site_is_refused_and_the_rest_cleaned() {
    let dir = site_with(&[("good.txt", RAW.as_bytes())]);
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.txt");
    std::fs::write(&secret, RAW).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("content/raw/leak.txt")).unwrap();
    let inside = dir.path().join("notes/kept.txt");
    std::fs::create_dir_all(inside.parent().unwrap()).unwrap();
    std::fs::write(&inside, RAW).unwrap();
    std::os::unix::fs::symlink(&inside, dir.path().join("content/raw/linked.txt")).unwrap();

    let out = copydesk(dir.path(), &["clean"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("leak.txt: error:"), "{err}");
    assert!(err.contains("outside the site"), "{err}");
    assert!(!article(dir.path(), "leak").exists());
    assert!(article(dir.path(), "good").exists());
    assert!(
        article(dir.path(), "linked").exists(),
        "a link inside the site is fine"
    );
}

#[test]
fn two_raw_files_with_one_slug_are_an_error_and_neither_is_written() {
    let dir = site_with(&[
        ("Museum Roof.txt", RAW.as_bytes()),
        ("museum-roof.txt", RAW.replace("second", "third").as_bytes()),
        ("good.txt", RAW.as_bytes()),
    ]);
    let out = copydesk(dir.path(), &["clean"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("Museum Roof.txt"), "{err}");
    assert!(err.contains("museum-roof.txt"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(!article(dir.path(), "museum-roof").exists());
    assert!(article(dir.path(), "good").exists());
}

#[cfg(unix)]
#[test]
fn a_link_named_in_the_site_is_refused_but_a_file_named_outside_it_is_cleaned() {
    let dir = site_with(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let secret = elsewhere.path().join("secret.txt");
    std::fs::write(&secret, RAW).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("content/raw/leak.txt")).unwrap();
    // As a shell glob would name it:
    let out = copydesk(dir.path(), &["clean", "content/raw/leak.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the site"),
        "{}",
        stderr(&out)
    );
    assert!(!article(dir.path(), "leak").exists());
    // The user's own file, named where it is, is imported.
    let out = copydesk(dir.path(), &["clean", &secret.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(article(dir.path(), "secret").exists());
}

#[test]
fn a_file_named_by_a_relative_path_leaving_the_site_is_cleaned() {
    // `../other/x.txt` from inside the site lies outside it: `..` is not the site.
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    let other = parent.path().join("other");
    std::fs::create_dir_all(site.join("content/raw")).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(site.join("site.toml"), "title = \"Paper\"\n").unwrap();
    std::fs::write(other.join("story.txt"), RAW).unwrap();
    let out = copydesk(&site, &["clean", "../other/story.txt", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).is_empty());
}

#[test]
fn a_utf16_file_from_notepad_is_cleaned_like_its_utf8_twin() {
    // Windows Notepad's "Unicode" (UTF-16 LE with a byte-order mark, CRLF line ends) was
    // refused as binary: every other byte of English text in UTF-16 is a NUL.
    let mut notepad = vec![0xff, 0xfe];
    for unit in RAW.replace('\n', "\r\n").encode_utf16() {
        notepad.extend(unit.to_le_bytes());
    }
    let dir = site_with(&[("Harbour Dispute.txt", &notepad)]);
    let out = copydesk(dir.path(), &["clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_utf16 = std::fs::read_to_string(article(dir.path(), "harbour-dispute")).unwrap();

    let twin = site_with(&[("Harbour Dispute.txt", RAW.as_bytes())]);
    assert!(copydesk(twin.path(), &["clean"]).status.success());
    let from_utf8 = std::fs::read_to_string(article(twin.path(), "harbour-dispute")).unwrap();
    assert_eq!(from_utf16, from_utf8);
}

#[cfg(unix)]
#[test]
fn articles_and_the_manifest_follow_the_umask() {
    // They were written 0600 (a private temporary file renamed into place), whatever the
    // umask, so a web server or a colleague could not read them.
    use std::os::unix::fs::PermissionsExt;
    let dir = site_with(&[("a.txt", RAW.as_bytes())]);
    let out = Command::new("sh")
        .current_dir(dir.path())
        .args([
            "-c",
            "umask 022 && exec \"$0\" clean",
            env!("CARGO_BIN_EXE_copydesk"),
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = dir.path().join("content/articles");
    for name in ["a.md", ".copydesk-manifest.json"] {
        let mode = std::fs::metadata(articles.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{name}: {:o}", mode & 0o777);
    }
}

/// Joiners that belong to the text come through `copydesk clean` byte for byte: emoji
/// sequences bound by ZWJ and a Persian word written with a ZWNJ; a joiner inside a Latin
/// word is damage and goes (issue 10, item 7).
#[test]
fn joiners_in_emoji_and_persian_words_are_kept_byte_for_byte() {
    let emoji = "👩\u{200d}💻, 👨\u{200d}👩\u{200d}👧 and 🏳\u{fe0f}\u{200d}🌈";
    let persian = "می\u{200c}خواهم";
    let raw = format!(
        "Coders at the fair\n\nBy Sana Malik\n\nThe stall had a sign with {emoji} on it, and a \
         note in Persian that read {persian} beside a drawing of a boat.\n\nThe organisers \
         came from Pakis\u{200d}tan and stayed for a week.\n"
    );
    let dir = site_with(&[("joiners.txt", raw.as_bytes())]);
    let out = copydesk(dir.path(), &["clean", "content/raw/joiners.txt", "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).expect("UTF-8 Markdown");
    assert!(md.contains(&format!("a sign with {emoji} on it")), "{md}");
    assert!(md.contains(&format!("read {persian} beside")), "{md}");
    assert!(md.contains("came from Pakistan and"), "{md}");
}

/// A site of `n` raw files, each with a finding (the unbalanced quote of [`RAW`]).
fn site_of(n: usize) -> tempfile::TempDir {
    let dir = site_with(&[]);
    for i in 0..n {
        let text = RAW.replace("second week", &format!("week number {i}"));
        std::fs::write(dir.path().join(format!("content/raw/s{i:04}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn a_folder_is_cleaned_in_parallel_with_one_manifest_and_messages_in_order() {
    let n = 300;
    let (one, two) = (site_of(n), site_of(n));
    let first = copydesk(one.path(), &["-v", "clean"]);
    let second = copydesk(two.path(), &["-v", "clean"]);
    assert!(first.status.success(), "{}", stderr(&first));
    // The same messages in the same order on every run, file by file in name order.
    let messages = stderr(&first);
    assert_eq!(messages, stderr(&second));
    let named: Vec<&str> = messages
        .lines()
        .filter_map(|l| l.split_once("content/raw/s").map(|(_, rest)| &rest[..4]))
        .collect();
    let mut sorted = named.clone();
    sorted.sort();
    assert_eq!(named, sorted);
    assert!(named.len() >= n, "a finding per file: {}", named.len());
    // The manifest is saved at the end and at most at one checkpoint per 128 files, not
    // once per article.
    let saves: usize = messages
        .lines()
        .find_map(|l| l.strip_prefix("manifest saved "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("-v says how often the manifest was saved");
    assert!((1..=n.div_ceil(128) + 1).contains(&saves), "{saves} saves");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(one.path().join("content/articles/.copydesk-manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["articles"].as_object().unwrap().len(), n);
    for i in 0..n {
        assert!(article(one.path(), &format!("s{i:04}")).exists());
    }
}

#[test]
fn a_hand_edited_article_is_adopted_once_and_status_lists_every_state() {
    let dir = site_with(&[
        ("Harbour Dispute.txt", RAW.as_bytes()),
        ("Second.txt", RAW.replace("Harbour", "Second").as_bytes()),
    ]);
    let status = |dir: &Path| {
        let out = copydesk(dir, &["clean", "--status"]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        status(dir.path()).ends_with("2 new\n"),
        "{}",
        status(dir.path())
    );
    assert!(copydesk(dir.path(), &["clean"]).status.success());
    assert!(status(dir.path()).ends_with("2 fresh\n"));
    let target = article(dir.path(), "harbour-dispute");
    std::fs::write(&target, "+++\ntitle = \"Mine\"\n+++\n\nHand written.\n").unwrap();
    let listed = status(dir.path());
    assert!(
        listed.contains("adopted ") && listed.contains("harbour-dispute.md"),
        "{listed}"
    );
    // Said once, then never again; the hand edit stays.
    let first = copydesk(dir.path(), &["clean"]);
    assert!(
        stderr(&first).contains("adopted as yours"),
        "{}",
        stderr(&first)
    );
    let second = copydesk(dir.path(), &["clean"]);
    assert!(!stderr(&second).contains("by hand"), "{}", stderr(&second));
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("Hand written."));
    // Its raw text changing is said once more.
    std::fs::write(
        dir.path().join("content/raw/Harbour Dispute.txt"),
        RAW.replace("stalled", "broke down"),
    )
    .unwrap();
    assert!(status(dir.path()).contains("adopted, raw text changed"));
    let third = copydesk(dir.path(), &["clean"]);
    assert!(
        stderr(&third).contains("raw text changed"),
        "{}",
        stderr(&third)
    );
    assert!(!stderr(&copydesk(dir.path(), &["clean"])).contains("by hand"));
    // A closed pipe ends the listing quietly.
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["clean", "--status"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
