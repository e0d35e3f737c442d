//! The s3 target (issue 13, item 1) against moto's S3-compatible server, started by the
//! test on loopback: objects with their Content-Type and Cache-Control, only changed
//! objects uploaded, only recorded ones deleted, a prefix holding foreign objects refused
//! without --adopt, credentials from the environment only, and publishes killed with
//! SIGKILL that leave no object the record does not list.
//!
//! Needs `moto_server` (`pip install 'moto[server]'`); without it the tests print SKIP,
//! unless COPYDESK_REQUIRE_SERVERS=1 (see `tests/servers`).

mod versioned_site;

mod servers;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use servers::Moto;
use versioned_site::write;

const BUCKET: &str = "paper-bucket";
/// moto answers anonymous reads of private objects with 403, and does not check
/// signatures: the test's own reads carry any credentials.
const ANY_AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=testing/20250302/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
const ARTICLES: usize = 12;

/// Every article of the site says `Version {version}.`
fn write_version(root: &Path, version: u32) {
    versioned_site::write_version(root, version, ARTICLES, 0);
}

struct Setup {
    _dir: tempfile::TempDir,
    home: PathBuf,
    server: Moto,
    site: PathBuf,
}

fn setup(test: &str) -> Option<Setup> {
    let dir = tempfile::tempdir().unwrap();
    let server = Moto::start(&dir.path().join("moto"), test)?;
    let site = dir.path().join("site");
    write(
        &site,
        "site.toml",
        &format!(
            "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\n\
             bucket = \"{BUCKET}\"\nprefix = \"news\"\nendpoint = \"{}\"\nregion = \"us-east-1\"\n",
            server.endpoint
        ),
    );
    let created = ureq::put(format!("{}/{BUCKET}", server.endpoint)).send_empty();
    assert!(created.is_ok(), "cannot create the bucket: {created:?}");
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    Some(Setup {
        _dir: dir,
        home,
        server,
        site,
    })
}

impl Setup {
    fn copydesk(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
        command
            .current_dir(&self.site)
            .args(args)
            .env("NO_COLOR", "1")
            .env("HOME", &self.home)
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = self.copydesk(args).output().unwrap();
        assert!(
            output.status.success(),
            "copydesk {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    fn url(&self, key: &str) -> String {
        format!("{}/{BUCKET}/{key}", self.server.endpoint)
    }

    /// Status, headers wanted and body of the object `key`.
    fn get(&self, key: &str) -> (u16, BTreeMap<String, String>, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(self.url(key))
            .header("authorization", ANY_AUTHORIZATION)
            .call()
            .unwrap();
        let headers = ["content-type", "cache-control", "last-modified"]
            .iter()
            .filter_map(|name| {
                let value = response.headers().get(*name)?.to_str().ok()?;
                Some((name.to_string(), value.to_string()))
            })
            .collect();
        let status = response.status().as_u16();
        (
            status,
            headers,
            response.body_mut().read_to_string().unwrap_or_default(),
        )
    }

    fn put(&self, key: &str, text: &str) {
        ureq::put(self.url(key))
            .header("authorization", ANY_AUTHORIZATION)
            .send(text)
            .unwrap();
    }

    /// Every key in the bucket.
    fn keys(&self) -> BTreeSet<String> {
        let mut response = ureq::get(format!("{}/{BUCKET}?list-type=2", self.server.endpoint))
            .header("authorization", ANY_AUTHORIZATION)
            .call()
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        let document = roxmltree::Document::parse(&text).unwrap();
        document
            .descendants()
            .filter(|n| n.tag_name().name() == "Key")
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    }

    /// The paths the record object lists.
    fn recorded(&self) -> BTreeSet<String> {
        let (status, _, body) = self.get("news/.copydesk-published.json");
        assert_eq!(status, 200, "no record");
        let record: serde_json::Value = serde_json::from_str(&body).unwrap();
        record["files"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }
}

#[test]
fn objects_go_up_with_their_type_and_cache_life_and_only_recorded_ones_go() {
    let Some(setup) = setup("objects_go_up_with_their_type_and_cache_life") else {
        return;
    };
    write_version(&setup.site, 1);
    setup.put("news/mine.txt", "not copydesk's");

    // A prefix holding objects copydesk never published is refused without --adopt.
    let refused = setup.copydesk(&["publish"]).output().unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("--adopt") && stderr.contains("mine.txt"),
        "{stderr}"
    );
    let adopted = setup.run(&["publish", "--adopt"]);
    assert!(String::from_utf8_lossy(&adopted.stdout).contains("= mine.txt"));

    let (status, headers, body) = setup.get("news/index.html");
    assert_eq!(status, 200);
    assert!(body.contains("<html"), "{body}");
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "public, max-age=60");
    let (_, headers, _) = setup.get("news/style.css");
    assert_eq!(headers["content-type"], "text/css; charset=utf-8");
    assert_eq!(headers["cache-control"], "public, max-age=3600");
    let (_, headers, _) = setup.get("news/feed.xml");
    assert!(headers["content-type"].starts_with("application/atom+xml"));
    assert!(setup.recorded().contains("index.html"));
    assert!(!setup.recorded().contains("mine.txt"));

    // One article changes: only it (and the pages listing it) go up again.
    let unchanged_before = setup.get("news/articles/a1/index.html").1["last-modified"].clone();
    std::thread::sleep(Duration::from_millis(1100));
    write(
        &setup.site,
        "content/articles/a0.md",
        "+++\ntitle = \"Article 0\"\ndate = 2025-03-02\n+++\n\nVersion 1, corrected.\n",
    );
    let dry = setup.run(&["publish", "-n"]);
    let listing = String::from_utf8_lossy(&dry.stdout);
    assert!(listing.contains("~ articles/a0/index.html"), "{listing}");
    assert!(!listing.contains("articles/a1/index.html"), "{listing}");
    let stale = setup.get("news/articles/a0/index.html").2;
    assert!(!stale.contains("corrected"), "a dry run uploaded");
    setup.run(&["-q", "publish"]);
    assert!(setup
        .get("news/articles/a0/index.html")
        .2
        .contains("corrected"));
    let unchanged_after = setup.get("news/articles/a1/index.html").1["last-modified"].clone();
    assert_eq!(
        unchanged_before, unchanged_after,
        "an unchanged page went up"
    );

    // An article removed from the site is deleted; the foreign object stays.
    fs::remove_file(setup.site.join("content/articles/a11.md")).unwrap();
    setup.run(&["-q", "publish"]);
    assert_eq!(setup.get("news/articles/a11/index.html").0, 404);
    assert_eq!(setup.get("news/mine.txt").2, "not copydesk's");
}

#[test]
fn credentials_come_from_the_environment_or_a_profile_only() {
    let Some(setup) = setup("credentials_come_from_the_environment_or_a_profile_only") else {
        return;
    };
    write_version(&setup.site, 1);
    let output = setup
        .copydesk(&["publish"])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("AWS_ACCESS_KEY_ID"), "{stderr}");
    assert_eq!(setup.keys(), BTreeSet::new(), "something was uploaded");

    write(
        &setup.home,
        ".aws/credentials",
        "[default]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    );
    let output = setup
        .copydesk(&["-q", "publish"])
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(setup.keys().contains("news/index.html"));
}

#[test]
fn a_killed_s3_publish_leaves_no_object_unrecorded_and_the_next_completes_it() {
    let test = "a_killed_s3_publish_leaves_no_object_unrecorded";
    let Some(setup) = setup(test) else {
        return;
    };
    let publish = || {
        let mut command = setup.copydesk(&["-q", "publish"]);
        command.stdout(Stdio::null()).stderr(Stdio::null());
        command
    };
    write_version(&setup.site, 0);
    let started = Instant::now();
    assert!(publish().status().unwrap().success());
    let full = started.elapsed();
    let mut killed = 0;
    for round in 0..10u32 {
        write_version(&setup.site, round + 1);
        // Articles come and go, so that deletions are killed too.
        let extra = setup
            .site
            .join(format!("content/articles/extra{}.md", round % 2));
        write(
            &setup.site,
            &format!("content/articles/extra{}.md", round % 2),
            "+++\ntitle = \"Extra\"\ndate = 2025-03-02\n+++\n\nExtra.\n",
        );
        let _ = fs::remove_file(
            setup
                .site
                .join(format!("content/articles/extra{}.md", (round + 1) % 2)),
        );
        let mut child = publish().spawn().unwrap();
        std::thread::sleep(full * round / 8);
        let _ = child.kill();
        killed += u32::from(!child.wait().unwrap().success());
        // Every object under the prefix is one the record lists (so a later publish
        // deletes it when the site no longer has it).
        let recorded = setup.recorded();
        for key in setup.keys() {
            let path = key.strip_prefix("news/").unwrap();
            assert!(
                path == ".copydesk-published.json" || recorded.contains(path),
                "round {round}: {key} is not in the record"
            );
        }
        assert!(extra.exists());
    }
    assert!(killed > 0, "no publish was killed");
    write_version(&setup.site, 100);
    assert!(publish().status().unwrap().success());
    for n in 0..ARTICLES {
        let page = setup.get(&format!("news/articles/a{n}/index.html")).2;
        assert!(page.contains("Version 100."), "a{n}: {page}");
    }
    let extra_gone = setup.get("news/articles/extra0/index.html").0 == 404
        || setup.get("news/articles/extra1/index.html").0 == 404;
    assert!(extra_gone, "a removed article's page stayed");
}
