//! The preview HTTP server: a thread per connection (a bounded number of them) answering
//! requests from the output folder, plus the two live-reload endpoints. The HTTP framing
//! is in [`super::wire`].
//!
//! Files are read whole into memory per request, so a reply is one complete version of a
//! file even if a rebuild replaces it a moment later. While a rebuild is swapping folders
//! a path may be missing for an instant; a request that misses while a rebuild is under
//! way (see [`UpdateGate`]) waits for it to end and looks again, so it gets the old or the
//! new file, never a spurious 404. Folders are never listed.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::content_type::content_type_for;
use super::host::{check_host, HostCheck};
use super::reload::{stamp_generation_under, ReloadHub, EVENTS_PATH, RELOAD_SCRIPT, SCRIPT_PATH};
use super::resolve::{resolve, strip_origin, Resolution};
use super::wire::{Connection, HeadError, RequestHead, Response};

/// Connections served at once (each on its own thread); more get a 503 and are closed.
const MAX_CONNECTIONS: usize = 256;
/// How long a kept-alive connection may stay silent before it is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Long-poll requests waiting at once (each holds a thread); more get an answer at once.
const MAX_WAITING_POLLS: usize = 64;
/// How long a long-poll waits for a rebuild before answering "no change".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// How long a missed request waits for a running rebuild before giving up.
const UPDATE_WAIT: Duration = Duration::from_secs(60);
/// How many times a request that keeps missing during rebuilds looks again.
const LOOKUPS_DURING_UPDATES: usize = 8;

/// Marks the output folder as being rewritten. Rebuilds hold an [`UpdateGuard`] while
/// they run; a request that misses a file while, or since, an update ran waits for it
/// to end and looks again.
#[derive(Debug, Default)]
pub struct UpdateGate {
    state: Mutex<GateState>,
    idle: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    /// Updates running now.
    active: usize,
    /// Bumped when an update starts or ends, so a reader can tell that one overlapped
    /// its lookup even if it is over by the time the reader asks.
    epoch: u64,
}

/// Held while the output folder is being rewritten; dropping it ends the update.
#[derive(Debug)]
pub struct UpdateGuard {
    gate: Arc<UpdateGate>,
}

impl UpdateGate {
    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts an update that lasts as long as the returned guard.
    pub fn begin(self: &Arc<Self>) -> UpdateGuard {
        let mut state = self.lock();
        state.active += 1;
        state.epoch += 1;
        UpdateGuard {
            gate: Arc::clone(self),
        }
    }

    /// A mark to pass to [`UpdateGate::wait_if_overlapped`] after a lookup.
    fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// When an update ran at any time since `epoch` (or runs now), waits (up to
    /// `timeout`) until none runs and returns true; otherwise returns false at once.
    fn wait_if_overlapped(&self, epoch: u64, timeout: Duration) -> bool {
        let state = self.lock();
        if state.active == 0 && state.epoch == epoch {
            return false;
        }
        let _ = self
            .idle
            .wait_timeout_while(state, timeout, |s| s.active > 0)
            .unwrap_or_else(|e| e.into_inner());
        true
    }
}

impl Drop for UpdateGuard {
    fn drop(&mut self) {
        let mut state = self.gate.lock();
        state.active -= 1;
        state.epoch += 1;
        if state.active == 0 {
            self.gate.idle.notify_all();
        }
    }
}

/// What the acceptor and every connection share.
struct Shared {
    root: PathBuf,
    hub: Arc<ReloadHub>,
    gate: Arc<UpdateGate>,
    waiting_polls: AtomicUsize,
    stopping: AtomicBool,
    connections: Mutex<OpenConnections>,
    /// The address bound, which decides the host names answered ([`check_host`]).
    address: SocketAddr,
    /// The path the site is served under (`/paper`), empty at the root: requests
    /// outside it find nothing, `/` redirects to it.
    base_path: String,
}

/// The sockets of the connections being served, so that stopping can end them.
#[derive(Default)]
struct OpenConnections {
    next_id: u64,
    open: HashMap<u64, TcpStream>,
}

impl Shared {
    fn connections(&self) -> std::sync::MutexGuard<'_, OpenConnections> {
        self.connections.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running preview server. Stops (ending its connections) on [`PreviewServer::stop`]
/// or when dropped.
pub struct PreviewServer {
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
    address: SocketAddr,
}

impl PreviewServer {
    /// Binds `address` (port 0 picks a free port) and serves the folder `root`.
    pub fn start(
        root: &Path,
        address: SocketAddr,
        hub: Arc<ReloadHub>,
        gate: Arc<UpdateGate>,
    ) -> io::Result<PreviewServer> {
        PreviewServer::start_under(root, address, "", hub, gate)
    }

    /// Serves the folder `root` under `base_path` (`/paper`: `/paper/x/` is `root/x/`,
    /// `/` and `/paper` redirect to `/paper/`, anything else outside it is not found).
    /// Empty serves it at the root, as [`PreviewServer::start`] does.
    pub fn start_under(
        root: &Path,
        address: SocketAddr,
        base_path: &str,
        hub: Arc<ReloadHub>,
        gate: Arc<UpdateGate>,
    ) -> io::Result<PreviewServer> {
        let listener = TcpListener::bind(address)?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            root: root.to_path_buf(),
            hub,
            gate,
            waiting_polls: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
            connections: Mutex::default(),
            address,
            base_path: base_path.trim_end_matches('/').to_string(),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept_connections(&listener, &shared))
        };
        Ok(PreviewServer {
            shared,
            acceptor: Some(acceptor),
            address,
        })
    }

    /// The address actually bound.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting connections and ends the open ones.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            // The acceptor is blocked in accept(): a connection of our own wakes it.
            let _ = TcpStream::connect_timeout(&reachable(self.address), Duration::from_secs(1));
            let _ = acceptor.join();
        }
        for (_, stream) in self.shared.connections().open.drain() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for PreviewServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// `address` with an unspecified IP (`0.0.0.0`, `::`) replaced by loopback.
fn reachable(address: SocketAddr) -> SocketAddr {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, address.port())
}

/// Accepts connections until stopped, each served on a thread of its own.
fn accept_connections(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(stream) => admit(stream, shared),
            // Out of file descriptors and the like: give the system a moment.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Serves `stream` on a new thread, or answers 503 when too many are open.
fn admit(stream: TcpStream, shared: &Arc<Shared>) {
    let id = {
        let mut connections = shared.connections();
        if connections.open.len() >= MAX_CONNECTIONS {
            drop(connections);
            let busy = Response::text(503, "too many connections\n");
            let _ = (&stream).write_all(&busy.to_bytes(false, true));
            return;
        }
        let Ok(handle) = stream.try_clone() else {
            return;
        };
        let id = connections.next_id;
        connections.next_id += 1;
        connections.open.insert(id, handle);
        id
    };
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        if let Ok(connection) = Connection::new(stream, IDLE_TIMEOUT) {
            serve_connection(connection, &shared);
        }
        shared.connections().open.remove(&id);
    });
}

/// Answers the requests of one connection until it closes.
fn serve_connection(mut connection: Connection, shared: &Shared) {
    loop {
        match connection.next_request() {
            Ok(head) => {
                let response = respond(&head, shared);
                if !matches!(connection.reply(&head, &response), Ok(true)) {
                    return;
                }
            }
            Err(HeadError::Malformed(_)) => {
                return connection.refuse(&Response::text(400, "bad request\n"));
            }
            Err(HeadError::TooLarge) => {
                let response = Response::text(431, "the request head is too large\n");
                return connection.refuse(&response);
            }
            Err(HeadError::Closed | HeadError::Io(_)) => return,
        }
    }
}

/// The reply to one request.
fn respond(head: &RequestHead, shared: &Shared) -> Response {
    if let Some(refusal) = host_refusal(head, shared) {
        return refusal;
    }
    let target = match under_base_path(&head.target, &shared.base_path) {
        BasePath::Inside(target) => target,
        BasePath::Redirect(location) => {
            return Response::text(302, "moved\n").with_header("Location", &location)
        }
        BasePath::Outside => return not_found_page(shared),
    };
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        return answer_poll(target, shared);
    }
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        return Response::text(405, "method not allowed\n").with_header("Allow", "GET, HEAD");
    }
    if path == SCRIPT_PATH {
        Response::new(
            200,
            RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        )
    } else {
        file_response(target, shared)
    }
}

/// Where a request target lies with respect to the base path the site is served under.
#[derive(Debug, PartialEq, Eq)]
enum BasePath<'t> {
    /// Inside it: the target as seen from the site's root (`/paper/x/?q` → `/x/?q`).
    Inside(&'t str),
    /// `/` or the base path without its slash: go to the site's front page.
    Redirect(String),
    /// Anywhere else on the host: not part of the site.
    Outside,
}

fn under_base_path<'t>(target: &'t str, base_path: &str) -> BasePath<'t> {
    if base_path.is_empty() {
        return BasePath::Inside(target);
    }
    let target = strip_origin(target);
    let path_end = target.find(['?', '#']).unwrap_or(target.len());
    match target.strip_prefix(base_path) {
        Some(rest) if rest.starts_with('/') => BasePath::Inside(rest),
        Some(rest) if rest.is_empty() || rest.starts_with(['?', '#']) => {
            BasePath::Redirect(format!("{base_path}/{rest}"))
        }
        _ if &target[..path_end] == "/" => {
            BasePath::Redirect(format!("{base_path}/{}", &target[path_end..]))
        }
        _ => BasePath::Outside,
    }
}

/// The reply to a request whose `Host` this server does not answer to, if it is one.
fn host_refusal(head: &RequestHead, shared: &Shared) -> Option<Response> {
    match check_host(head.header("Host"), shared.address.ip()) {
        HostCheck::Allowed => None,
        HostCheck::Missing => Some(Response::text(400, "a Host header is required\n")),
        HostCheck::Refused => Some(Response::text(
            403,
            &format!(
                "copydesk serve answers only to localhost and loopback addresses \
                 (a guard against DNS rebinding): open {}\n",
                super::base_url_for(shared.address)
            ),
        )),
    }
}

/// Looks the target up and builds the reply. A miss that a rebuild overlapped waits for
/// the rebuild and looks again: the path may just have been between the old and new
/// folders. (Rebuilds may follow each other closely, so this repeats a few times.)
fn file_response(target: &str, shared: &Shared) -> Response {
    for _ in 0..LOOKUPS_DURING_UPDATES {
        let epoch = shared.gate.epoch();
        if let Some(response) = found_response(target, shared) {
            return response;
        }
        if !shared.gate.wait_if_overlapped(epoch, UPDATE_WAIT) {
            break;
        }
    }
    not_found_page(shared)
}

/// The reply for `target`, or `None` when nothing is there.
fn found_response(target: &str, shared: &Shared) -> Option<Response> {
    // Read before the file: the page is at least as new as this generation, so the
    // reload script never misses a later build (at worst it reloads once more).
    let generation = shared.hub.current().generation;
    match resolve(&shared.root, target) {
        Resolution::File(path) => match fs::read(&path) {
            Ok(body) => {
                let content_type = content_type_for(&path);
                Some(Response::new(
                    200,
                    stamp_if_html(body, content_type, generation, &shared.base_path),
                    content_type,
                ))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(_) => Some(Response::text(500, "could not read the file\n")),
        },
        Resolution::AddSlash(location) => {
            let location = format!("{}{location}", shared.base_path);
            Some(Response::text(301, "moved\n").with_header("Location", &location))
        }
        Resolution::BadRequest => Some(Response::text(400, "bad request path\n")),
        Resolution::NotFound => None,
    }
}

/// `body` with the reload script stamped with `generation` when it is an HTML page.
fn stamp_if_html(body: Vec<u8>, content_type: &str, generation: u64, base_path: &str) -> Vec<u8> {
    if content_type.starts_with("text/html") {
        stamp_generation_under(body, generation, base_path)
    } else {
        body
    }
}

/// The site's own `404.html` with status 404, or a minimal page (with the reload script,
/// so build errors still show) when the site has none yet.
fn not_found_page(shared: &Shared) -> Response {
    let generation = shared.hub.current().generation;
    let page = fs::read(shared.root.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>\
             </head><body><h1>Not found</h1><p>copydesk serve: nothing at this address.</p>{}\
             </body></html>",
            super::reload::injected_html_under(&shared.base_path)
        )
        .into_bytes()
    });
    Response::new(
        404,
        stamp_generation_under(page, generation, &shared.base_path),
        "text/html; charset=utf-8",
    )
}

/// Answers `/__copydesk/events?since=N`: waits (on this connection's own thread) until
/// the generation differs from `N` or the poll times out. Past `MAX_WAITING_POLLS`
/// waiting at once, or without `since`, answers the current state at once.
///
/// A poll that names its page (`&page=/articles/x/`, the page's own path) marks that page
/// as viewed, which a rebuild renders first; `loaded=N` on a first poll is the generation
/// stamped into the page, for telling it whether it must reload.
fn answer_poll(target: &str, shared: &Shared) -> Response {
    let since = query_number(target, "since");
    let page = query_value(target, "page").and_then(|path| viewed_output(&path, &shared.base_path));
    if let Some(page) = &page {
        shared.hub.viewing(page);
    }
    let page = page.as_deref();
    let waiting = shared.waiting_polls.fetch_add(1, Ordering::SeqCst);
    let state = match since.filter(|_| waiting < MAX_WAITING_POLLS) {
        Some(since) => shared.hub.wait_for_change_at(since, POLL_TIMEOUT, page),
        None => shared
            .hub
            .current_for(since.or_else(|| query_number(target, "loaded")), page),
    };
    shared.waiting_polls.fetch_sub(1, Ordering::SeqCst);
    state_response(&state)
}

fn state_response(state: &super::reload::BuildState) -> Response {
    let body = serde_json::to_vec(state).unwrap_or_default();
    Response::new(200, body, "application/json; charset=utf-8")
}

/// The value of `name=…` in the query of `target`, percent-decoded, if any.
fn query_value(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    let raw = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)?
        .1;
    super::resolve::percent_decode(raw)
}

/// The output file (`articles/x/index.html`) of the page at `path` as the browser shows
/// it (`/paper/articles/x/`, still percent-encoded), or `None` when it is outside the
/// site's base path or not a plain path.
fn viewed_output(path: &str, base_path: &str) -> Option<String> {
    let inside = path.strip_prefix(base_path)?;
    if !inside.starts_with('/') {
        return None;
    }
    let decoded = super::resolve::percent_decode(inside)?;
    let plain = decoded
        .split('/')
        .all(|segment| segment != ".." && segment != "." && !segment.contains('\\'));
    plain.then(|| crate::site::render::output_file_of(&decoded))
}

/// The number in `name=N` in the query of `target`, if any.
fn query_number(target: &str, name: &str) -> Option<u64> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| value.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_mapped_under_the_base_path() {
        use BasePath::*;
        assert_eq!(under_base_path("/a/?q=1", ""), Inside("/a/?q=1"));
        assert_eq!(under_base_path("/paper/a/?q", "/paper"), Inside("/a/?q"));
        assert_eq!(under_base_path("/paper/", "/paper"), Inside("/"));
        assert_eq!(
            under_base_path("http://127.0.0.1:1/paper/x", "/paper"),
            Inside("/x")
        );
        assert_eq!(
            under_base_path("/paper?x=1", "/paper"),
            Redirect("/paper/?x=1".into())
        );
        assert_eq!(under_base_path("/", "/paper"), Redirect("/paper/".into()));
        assert_eq!(
            under_base_path("/?a", "/paper"),
            Redirect("/paper/?a".into())
        );
        assert_eq!(under_base_path("/style.css", "/paper"), Outside);
        assert_eq!(under_base_path("/paperback/", "/paper"), Outside);
    }

    #[test]
    fn polls_name_the_output_file_of_their_page() {
        assert_eq!(
            viewed_output("/articles/x/", ""),
            Some("articles/x/index.html".into())
        );
        assert_eq!(viewed_output("/", ""), Some("index.html".into()));
        assert_eq!(
            viewed_output("/paper/tags/caf%C3%A9/", "/paper"),
            Some("tags/café/index.html".into())
        );
        assert_eq!(viewed_output("/404.html", ""), Some("404.html".into()));
        assert_eq!(viewed_output("/other/x/", "/paper"), None);
        assert_eq!(viewed_output("/paperback/", "/paper"), None);
        assert_eq!(viewed_output("/a/../b/", ""), None);
        assert_eq!(
            query_value("/e?page=%2Fpaper%2Fa%2F&since=3", "page"),
            Some("/paper/a/".into())
        );
    }

    #[test]
    fn query_numbers_are_found_by_name() {
        assert_eq!(query_number("/e?since=4", "since"), Some(4));
        assert_eq!(query_number("/e?a=1&since=12", "since"), Some(12));
        assert_eq!(query_number("/e?since=x", "since"), None);
        assert_eq!(query_number("/e", "since"), None);
    }

    #[test]
    fn the_gate_tells_whether_an_update_overlapped_a_lookup() {
        let gate = Arc::new(UpdateGate::default());
        let before = gate.epoch();
        assert!(!gate.wait_if_overlapped(before, Duration::from_millis(1)));

        // An update that started and ended during the lookup still counts.
        drop(gate.begin());
        assert!(gate.wait_if_overlapped(before, Duration::from_millis(1)));

        // One that is running is waited for.
        let during = gate.epoch();
        let guard = gate.begin();
        let waiter = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || gate.wait_if_overlapped(during, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(30));
        drop(guard);
        assert!(waiter.join().unwrap());
        assert!(!gate.wait_if_overlapped(gate.epoch(), Duration::from_millis(1)));
    }
}
