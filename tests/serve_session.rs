//! `copydesk serve` end to end: a real site built by the real build, served on an
//! ephemeral port, edited on disk while a client long-polls for reload events.

use std::fs;
use std::path::Path;
use std::time::Duration;

use copydesk::progress::Silent;
use copydesk::serve::{ServeOptions, ServeSession};
use copydesk::site::{build, BuildOptions};

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn article(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nauthors = [\"Dana Reed\"]\ndate = 2025-03-02\n+++\n\nThe council met on Tuesday.\n"
    )
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n",
    );
    write(
        dir.path(),
        "content/articles/council.md",
        &article("Council meets"),
    );
    dir
}

fn get(address: std::net::SocketAddr, path: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut response = agent
        .get(&format!("http://{address}{path}"))
        .call()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

fn state(address: std::net::SocketAddr, since: Option<u64>) -> serde_json::Value {
    let path = match since {
        Some(n) => format!("/__copydesk/events?since={n}"),
        None => "/__copydesk/events".to_string(),
    };
    serde_json::from_str(&get(address, &path).1).unwrap()
}

fn start(root: &Path) -> ServeSession {
    ServeSession::start(
        ServeOptions {
            site_root: root.to_path_buf(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            drafts: false,
            future: false,
        },
        &Silent,
        |_| {},
    )
    .unwrap()
}

/// Long-polls until the generation moves past `since` (a save may come in two events).
fn next_state(address: std::net::SocketAddr, since: u64) -> serde_json::Value {
    for _ in 0..5 {
        let now = state(address, Some(since));
        if now["generation"].as_u64() != Some(since) {
            return now;
        }
    }
    panic!("no rebuild was reported");
}

/// The generation the server stamped into the page's reload script.
fn stamped_generation(page: &str) -> u64 {
    let (_, rest) = page
        .split_once("data-generation=\"")
        .unwrap_or_else(|| panic!("no generation stamped in {page}"));
    rest.split('"').next().unwrap().parse().unwrap()
}

#[test]
fn pages_carry_the_reload_script_only_while_serving() {
    let dir = site();
    let session = start(dir.path());
    let address = session.address();
    let (status, page) = get(address, "/articles/council/");
    assert_eq!(status, 200);
    assert!(page.contains("Council meets"));
    assert!(page.contains("/__copydesk/reload.js"));
    assert!(
        page.contains(&format!("http://{address}/")),
        "served base_url"
    );
    let (status, missing) = get(address, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("/__copydesk/reload.js"));

    let out = tempfile::tempdir().unwrap();
    build(
        &BuildOptions {
            site_root: dir.path().to_path_buf(),
            output_dir: Some(out.path().join("site")),
            ..BuildOptions::default()
        },
        &Silent,
    )
    .unwrap();
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            assert!(
                !text.contains("__copydesk"),
                "{} has the reload script",
                entry.path().display()
            );
        }
    }
    assert!(
        !dir.path().join("output").exists(),
        "serve must not write output/"
    );
}

#[test]
fn an_edit_rebuilds_and_a_broken_edit_keeps_the_last_good_site() {
    let dir = site();
    let session = start(dir.path());
    let address = session.address();
    let first = state(address, None);
    assert_eq!(first["ok"], true);
    let generation = first["generation"].as_u64().unwrap();
    let page = get(address, "/articles/council/").1;
    assert_eq!(stamped_generation(&page), generation);

    write(
        dir.path(),
        "content/articles/council.md",
        &article("Council votes"),
    );
    let rebuilt = next_state(address, generation);
    assert_eq!(rebuilt["ok"], true, "{rebuilt}");
    let page = get(address, "/articles/council/").1;
    assert!(page.contains("Council votes"));
    // A save may bring a second rebuild: the stamp is the newest the page could be.
    assert!(
        stamped_generation(&page) >= rebuilt["generation"].as_u64().unwrap(),
        "the page tells its script which build it came from"
    );

    write(
        dir.path(),
        "content/articles/council.md",
        "+++\ntitel = \"Typo in a key\"\n+++\n\nBody.\n",
    );
    let broken = next_state(address, rebuilt["generation"].as_u64().unwrap());
    assert_eq!(broken["ok"], false);
    assert!(broken["errors"].as_str().unwrap().contains("council.md"));
    let (status, page) = get(address, "/articles/council/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Council votes"),
        "the last good site is served"
    );
    session.stop();
}

#[test]
fn serving_on_a_busy_port_leaves_no_preview_folder() {
    let site = site();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let result = ServeSession::start(
        ServeOptions {
            site_root: site.path().to_path_buf(),
            bind: "127.0.0.1".parse().unwrap(),
            port: busy.local_addr().unwrap().port(),
            drafts: false,
            future: false,
        },
        &Silent,
        |_| {},
    );
    let error = result.err().expect("the port is taken");
    assert!(error.to_string().contains("cannot listen"), "{error}");
    // The preview folder is named after the site (a hash of its real path) and the pid.
    let canonical = site.path().canonicalize().unwrap();
    let key = blake3::hash(canonical.to_string_lossy().as_bytes()).to_hex();
    let preview = std::env::temp_dir().join(format!(
        "copydesk-serve-{}-{}",
        &key[..16],
        std::process::id()
    ));
    assert!(!preview.exists(), "{} was left behind", preview.display());
}

#[test]
fn a_failed_build_tells_whether_a_good_site_is_still_served() {
    // Serve said "still serving the last good site" after a failed first build, when
    // there was none.
    let site = site();
    write(
        site.path(),
        "content/articles/council.md",
        "+++\ntitel = \"Typo\"\n+++\n\nBody.\n",
    );
    let (sender, events) = std::sync::mpsc::channel();
    let session = ServeSession::start(
        ServeOptions {
            site_root: site.path().to_path_buf(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            drafts: false,
            future: false,
        },
        &Silent,
        move |event| {
            let failed = match event {
                copydesk::serve::ServeEvent::Built { .. } => None,
                copydesk::serve::ServeEvent::BuildFailed { last_good_site, .. } => {
                    Some(last_good_site)
                }
            };
            let _ = sender.send(failed);
        },
    )
    .unwrap();
    let next = || events.recv_timeout(Duration::from_secs(30)).unwrap();
    assert_eq!(next(), Some(false), "the first build failed: no good site");
    write(
        site.path(),
        "content/articles/council.md",
        &article("Council meets"),
    );
    while next().is_some() {}
    write(
        site.path(),
        "content/articles/council.md",
        "+++\ntitel = \"Typo again\"\n+++\n\nBody.\n",
    );
    let mut failed = next();
    while failed.is_none() {
        failed = next();
    }
    assert_eq!(failed, Some(true), "the good site is still served");
    session.stop();
}

/// A template every article uses is edited while an article is open: that page is
/// written (and its reload signalled) before the rest of the site, and holds the edit.
#[test]
fn a_template_edit_writes_the_viewed_page_before_the_rest() {
    let dir = site();
    write(
        dir.path(),
        "content/articles/budget.md",
        &article("Budget passes"),
    );
    let builtin =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/article.html");
    let template = fs::read_to_string(builtin).unwrap();
    write(dir.path(), "templates/article.html", &template);
    let (sender, events) = std::sync::mpsc::channel();
    let session = ServeSession::start(
        ServeOptions {
            site_root: dir.path().to_path_buf(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            drafts: false,
            future: false,
        },
        &Silent,
        move |event| {
            if let copydesk::serve::ServeEvent::Built { viewed_first, .. } = event {
                let _ = sender.send(viewed_first.map(|(_, pages)| pages));
            }
        },
    )
    .unwrap();
    let address = session.address();
    let next = || events.recv_timeout(Duration::from_secs(30)).unwrap();
    // The page's reload script announces it with its first poll.
    let page = get(address, "/articles/council/").1;
    let loaded = stamped_generation(&page);
    let poll = format!("/__copydesk/events?page=%2Farticles%2Fcouncil%2F&loaded={loaded}");
    assert_eq!(
        state_at(address, &poll)["generation"].as_u64(),
        Some(loaded)
    );

    let at = template.rfind("{% endblock").unwrap();
    let edited = format!("{}<!-- edited -->{}", &template[..at], &template[at..]);
    write(dir.path(), "templates/article.html", &edited);
    let mut viewed_first = next();
    while viewed_first.is_none() {
        viewed_first = next();
    }
    assert_eq!(viewed_first, Some(1), "the viewed page went first, alone");
    assert!(get(address, "/articles/council/")
        .1
        .contains("<!-- edited -->"));
    assert!(get(address, "/articles/budget/")
        .1
        .contains("<!-- edited -->"));
    session.stop();
}

fn state_at(address: std::net::SocketAddr, path: &str) -> serde_json::Value {
    serde_json::from_str(&get(address, path).1).unwrap()
}
