//! The preview server's HTTP layer against a real server on an ephemeral port, over a
//! hand-written output folder: content types, folder indexes and redirects, the site's
//! 404 page, traversal attempts sent as raw bytes, the reload endpoints, and reads that
//! race a folder swap.

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use copydesk::serve::http::{PreviewServer, UpdateGate};
use copydesk::serve::reload::{ReloadHub, RELOAD_SCRIPT};

const SECRET: &str = "top secret outside the output folder";

struct Fixture {
    _dir: tempfile::TempDir,
    server: PreviewServer,
    hub: Arc<ReloadHub>,
    gate: Arc<UpdateGate>,
    root: PathBuf,
}

fn write(root: &Path, relative: &str, body: &[u8]) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, body).unwrap();
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    let root = dir.path().join("site");
    write(
        &root,
        "index.html",
        b"<!doctype html><title>Home</title><h1>Front page</h1>",
    );
    write(&root, "articles/budget/index.html", b"<h1>Budget</h1>");
    write(&root, "404.html", b"<h1>Our own 404 page</h1>");
    write(&root, "style.css", b"body{color:#111}");
    write(&root, "app.js", b"console.log(1)");
    write(&root, "feed.xml", b"<feed/>");
    write(&root, "sitemap.xml", b"<urlset/>");
    write(&root, "robots.txt", b"User-agent: *");
    write(&root, "images/photo.jpg", b"\xff\xd8\xff");
    write(&root, "images/logo.svg", b"<svg/>");
    write(&root, "fonts/f.woff2", b"wOF2");
    write(&root, "manifest.webmanifest", b"{}");
    fs::create_dir_all(root.join("images/empty")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
    }
    let hub = Arc::new(ReloadHub::default());
    let gate = Arc::new(UpdateGate::default());
    let server = PreviewServer::start(
        &root,
        "127.0.0.1:0".parse().unwrap(),
        Arc::clone(&hub),
        Arc::clone(&gate),
    )
    .unwrap();
    Fixture {
        _dir: dir,
        server,
        hub,
        gate,
        root,
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

struct Reply {
    status: u16,
    content_type: String,
    location: Option<String>,
    body: String,
}

fn get(address: SocketAddr, path: &str) -> Reply {
    let mut response = agent()
        .get(&format!("http://{address}{path}"))
        .call()
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    let content_type = header("content-type").unwrap_or_default();
    let location = header("location");
    Reply {
        status: response.status().as_u16(),
        content_type,
        location,
        body: String::from_utf8_lossy(&response.body_mut().read_to_vec().unwrap()).into_owned(),
    }
}

/// Sends `target` exactly as written (no client-side normalisation) and returns the
/// whole raw response.
fn raw_get(address: SocketAddr, target: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn every_file_type_gets_its_content_type() {
    let f = fixture();
    let a = f.server.address();
    for (path, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/images/photo.jpg", "image/jpeg"),
        ("/images/logo.svg", "image/svg+xml"),
        ("/fonts/f.woff2", "font/woff2"),
        (
            "/manifest.webmanifest",
            "application/manifest+json; charset=utf-8",
        ),
    ] {
        let reply = get(a, path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type, expected, "{path}");
    }
}

#[test]
fn folders_serve_index_html_and_redirect_without_slash() {
    let f = fixture();
    let a = f.server.address();
    let page = get(a, "/articles/budget/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Budget"));

    let redirect = get(a, "/articles/budget?ref=x");
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.location.as_deref(),
        Some("/articles/budget/?ref=x")
    );
}

#[test]
fn missing_paths_get_the_sites_404_page_and_folders_are_never_listed() {
    let f = fixture();
    let a = f.server.address();
    for path in ["/no/such/page/", "/images/empty/", "/images/"] {
        let reply = get(a, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.body.contains("Our own 404 page"), "{path}");
        assert!(!reply.body.contains("photo.jpg"), "{path} listed a folder");
    }
}

#[test]
fn head_requests_get_headers_only_and_other_methods_are_refused() {
    let f = fixture();
    let a = f.server.address();
    let head = agent()
        .head(&format!("http://{a}/style.css"))
        .call()
        .unwrap();
    assert_eq!(head.status(), 200);
    let post = agent()
        .post(&format!("http://{a}/style.css"))
        .send("x")
        .unwrap();
    assert_eq!(post.status(), 405);
}

#[test]
fn no_request_reads_outside_the_output_folder() {
    let f = fixture();
    let a = f.server.address();
    for target in [
        "/../secret.txt",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//secret.txt",
        "/%2F..%2Fsecret.txt",
        "http://localhost/../secret.txt",
        "/leak.txt",
        "/up/secret.txt",
    ] {
        let reply = raw_get(a, target);
        assert!(!reply.contains(SECRET), "{target} leaked: {reply}");
        let status_line = reply.lines().next().unwrap_or_default();
        assert!(
            status_line.contains(" 400 ") || status_line.contains(" 404 "),
            "{target}: {status_line}"
        );
    }
    // The absolute path of the secret, as a request target, also stays inside.
    let absolute = f.root.parent().unwrap().join("secret.txt");
    let reply = raw_get(a, &absolute.to_string_lossy());
    assert!(!reply.contains(SECRET));
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
}

#[test]
fn reload_script_and_events_report_each_build() {
    let f = fixture();
    let a = f.server.address();
    let script = get(a, "/__copydesk/reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.body, RELOAD_SCRIPT);
    assert!(script.content_type.starts_with("text/javascript"));

    let first: serde_json::Value =
        serde_json::from_str(&get(a, "/__copydesk/events").body).unwrap();
    assert_eq!(first["generation"], 0);

    let hub = Arc::clone(&f.hub);
    let builder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        hub.build_failed("content/articles/a.md:3:1: error: <b>bad</b> date".into());
    });
    let failed: serde_json::Value =
        serde_json::from_str(&get(a, "/__copydesk/events?since=0").body).unwrap();
    builder.join().unwrap();
    assert_eq!(failed["generation"], 1);
    assert_eq!(failed["ok"], false);
    assert!(failed["errors"].as_str().unwrap().contains("a.md:3:1"));

    f.hub.build_succeeded();
    let good: serde_json::Value =
        serde_json::from_str(&get(a, "/__copydesk/events?since=1").body).unwrap();
    assert_eq!(good["generation"], 2);
    assert_eq!(good["ok"], true);
    // Pages stay served whatever the build state.
    assert_eq!(get(a, "/").status, 200);
}

#[test]
fn reads_racing_a_folder_swap_get_a_whole_old_or_new_file() {
    let f = fixture();
    let a = f.server.address();
    let old = "A".repeat(200_000);
    let new = "B".repeat(200_000);
    write(&f.root, "big.html", old.as_bytes());

    let done = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let done = Arc::clone(&done);
            let (old, new) = (old.clone(), new.clone());
            std::thread::spawn(move || {
                let mut reads = 0;
                while !done.load(Ordering::SeqCst) || reads < 20 {
                    let reply = get(a, "/big.html");
                    assert_eq!(reply.status, 200);
                    assert!(reply.body == old || reply.body == new, "a torn read");
                    reads += 1;
                }
                reads
            })
        })
        .collect();

    // Swap whole folders the way the build does, many times, holding the update gate.
    let staging = f.root.with_file_name("staging");
    let retired = f.root.with_file_name("retired");
    for round in 0..30 {
        let body = if round % 2 == 0 { &new } else { &old };
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("big.html"), body).unwrap();
        fs::write(staging.join("404.html"), "404").unwrap();
        let updating = f.gate.begin();
        fs::rename(&f.root, &retired).unwrap();
        std::thread::sleep(Duration::from_millis(2));
        fs::rename(&staging, &f.root).unwrap();
        fs::remove_dir_all(&retired).unwrap();
        drop(updating);
        // Rebuilds are debounced, so they never follow each other quite this closely;
        // a short gap keeps the test about the swap rather than about starvation.
        std::thread::sleep(Duration::from_millis(3));
    }
    done.store(true, Ordering::SeqCst);
    for reader in readers {
        assert!(reader.join().unwrap() >= 20);
    }
}

/// Reads one response (head and `Content-Length` body) from a kept-alive connection.
fn read_response(stream: &mut TcpStream) -> (String, Vec<u8>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    (head, body)
}

#[test]
fn keep_alive_requests_are_answered_without_delay() {
    // Nagle's algorithm on the server and delayed ACKs on the client held each reply
    // that went out in two writes for about 40 ms: 23 requests/s on one connection.
    let f = fixture();
    write(&f.root, "long.html", "x".repeat(20_000).as_bytes());
    let mut stream = TcpStream::connect(f.server.address()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    const REQUESTS: u32 = 100;
    let started = std::time::Instant::now();
    for _ in 0..REQUESTS {
        stream
            .write_all(b"GET /long.html HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let (head, body) = read_response(&mut stream);
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(body.len() >= 20_000);
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{REQUESTS} keep-alive requests in {elapsed:?}: {:.0} requests/s",
        f64::from(REQUESTS) / elapsed.as_secs_f64()
    );
    // 100 requests at 40 ms each would take 4 s; without the stall they take a few ms.
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

/// Sends `request` as written and returns the whole raw response.
fn raw_request(address: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

fn status_for_host(address: SocketAddr, path: &str, host: Option<&str>) -> (String, String) {
    let host_line = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    let reply = raw_request(
        address,
        &format!("GET {path} HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n"),
    );
    let status = reply.lines().next().unwrap_or_default().to_string();
    (status, reply)
}

#[test]
fn only_loopback_host_names_are_answered() {
    // A DNS-rebinding page at evil.example points its name at 127.0.0.1 and reads the
    // preview (drafts, build errors) as its own origin: its requests carry its Host.
    let f = fixture();
    let a = f.server.address();
    let port = a.port();
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("192.168.1.4:{port}"),
        "".to_string(),
    ] {
        for path in ["/", "/__copydesk/events", "/articles/budget/"] {
            let (status, reply) = status_for_host(a, path, Some(&host));
            assert!(status.contains(" 403 "), "{host} {path}: {status}");
            assert!(!reply.contains("Front page") && !reply.contains("generation"));
        }
    }
    let (status, _) = status_for_host(a, "/", None);
    assert!(status.contains(" 400 "), "no Host: {status}");

    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("LocalHost.:{port}"),
        format!("paper.localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("127.1.2.3:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, reply) = status_for_host(a, "/", Some(&host));
        assert!(status.contains(" 200 "), "{host}: {status}");
        assert!(reply.contains("Front page"));
    }
}

#[test]
fn a_server_bound_beyond_loopback_also_answers_ip_addresses() {
    let f = fixture();
    let server = PreviewServer::start(
        &f.root,
        "0.0.0.0:0".parse().unwrap(),
        Arc::clone(&f.hub),
        Arc::clone(&f.gate),
    )
    .unwrap();
    let a = SocketAddr::from(([127, 0, 0, 1], server.address().port()));
    for host in [
        "192.0.2.7:1111",
        "[2001:db8::1]:1111",
        "localhost",
        "127.0.0.1",
    ] {
        let (status, _) = status_for_host(a, "/", Some(host));
        assert!(status.contains(" 200 "), "{host}: {status}");
    }
    let (status, _) = status_for_host(a, "/", Some("evil.example"));
    assert!(status.contains(" 403 "), "{status}");
}

/// Sends `head` (which may never end) in pieces, stopping at the first failed write, and
/// returns what the server answered.
fn send_huge_head(address: SocketAddr, head: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    for piece in head.chunks(16 * 1024) {
        if stream.write_all(piece).is_err() {
            break;
        }
    }
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn an_oversized_request_head_is_refused_before_it_ends() {
    // The head used to be read whole, however long: a 400 MB header grew the server to
    // 710 MB. Now reading stops at a bound and the client hears 431.
    let f = fixture();
    let a = f.server.address();
    let mut long_header = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    long_header.extend(std::iter::repeat_n(b'a', 256 * 1024));
    let reply = send_huge_head(a, &long_header);
    assert!(reply.starts_with("HTTP/1.1 431 "), "{reply:.200}");

    let mut many_headers = b"GET / HTTP/1.1\r\nHost: localhost\r\n".to_vec();
    for n in 0..5_000 {
        many_headers.extend(format!("X-{n}: 1\r\n").bytes());
    }
    let reply = send_huge_head(a, &many_headers);
    assert!(reply.starts_with("HTTP/1.1 431 "), "{reply:.200}");

    let mut long_line = b"GET /".to_vec();
    long_line.extend(std::iter::repeat_n(b'a', 256 * 1024));
    let reply = send_huge_head(a, &long_line);
    assert!(reply.starts_with("HTTP/1.1 431 "), "{reply:.200}");

    // The server still answers ordinary requests, headers of a fair size included.
    let cookie = "c".repeat(6_000);
    let reply = raw_request(
        a,
        &format!(
            "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(reply.starts_with("HTTP/1.1 200 "), "{reply:.200}");
}
