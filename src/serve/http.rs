//! The preview HTTP server: a small pool of threads answering requests from the output
//! folder, plus the two live-reload endpoints.
//!
//! Files are read whole into memory per request, so a reply is one complete version of a
//! file even if a rebuild replaces it a moment later. While a rebuild is swapping folders
//! a path may be missing for an instant; a request that misses while a rebuild is under
//! way (see [`UpdateGate`]) waits for it to end and looks again, so it gets the old or the
//! new file, never a spurious 404. Folders are never listed.

use std::fs;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::content_type::content_type_for;
use super::reload::{stamp_generation, ReloadHub, EVENTS_PATH, RELOAD_SCRIPT, SCRIPT_PATH};
use super::resolve::{resolve, Resolution};

/// Threads answering ordinary requests.
const WORKERS: usize = 4;
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

/// What every worker shares.
struct Shared {
    root: PathBuf,
    hub: Arc<ReloadHub>,
    gate: Arc<UpdateGate>,
    waiting_polls: AtomicUsize,
    stopping: AtomicBool,
}

/// A running preview server. Stops (and joins its threads) on [`PreviewServer::stop`]
/// or when dropped.
pub struct PreviewServer {
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
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
        let server = tiny_http::Server::http(address)
            .map_err(|e| io::Error::new(io::ErrorKind::AddrInUse, e.to_string()))?;
        let address = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("the server is not on an IP address"))?;
        let server = Arc::new(server);
        let shared = Arc::new(Shared {
            root: root.to_path_buf(),
            hub,
            gate,
            waiting_polls: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
        });
        let workers = (0..WORKERS)
            .map(|_| {
                let server = Arc::clone(&server);
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve_requests(&server, &shared))
            })
            .collect();
        Ok(PreviewServer {
            server,
            shared,
            workers,
            address,
        })
    }

    /// The address actually bound.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting requests and joins the worker threads.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for PreviewServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

fn serve_requests(server: &tiny_http::Server, shared: &Arc<Shared>) {
    while !shared.stopping.load(Ordering::SeqCst) {
        match server.recv() {
            Ok(request) => handle(request, shared),
            // Accept errors are transient; an unblock while stopping ends the loop.
            Err(_) => continue,
        }
    }
}

fn handle(request: Request, shared: &Arc<Shared>) {
    let path = request.url().split(['?', '#']).next().unwrap_or_default();
    if path == EVENTS_PATH {
        return answer_poll(request, shared);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response =
            text_response(405, "method not allowed\n").with_header(header("Allow", "GET, HEAD"));
        return send(request, response);
    }
    let response = if path == SCRIPT_PATH {
        bytes_response(
            200,
            RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        )
    } else {
        file_response(request.url(), shared)
    };
    send(request, response);
}

/// Looks the target up and builds the reply. A miss that a rebuild overlapped waits for
/// the rebuild and looks again: the path may just have been between the old and new
/// folders. (Rebuilds may follow each other closely, so this repeats a few times.)
fn file_response(target: &str, shared: &Shared) -> Response<io::Cursor<Vec<u8>>> {
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
fn found_response(target: &str, shared: &Shared) -> Option<Response<io::Cursor<Vec<u8>>>> {
    // Read before the file: the page is at least as new as this generation, so the
    // reload script never misses a later build (at worst it reloads once more).
    let generation = shared.hub.current().generation;
    match resolve(&shared.root, target) {
        Resolution::File(path) => match fs::read(&path) {
            Ok(body) => {
                let content_type = content_type_for(&path);
                Some(bytes_response(
                    200,
                    stamp_if_html(body, content_type, generation),
                    content_type,
                ))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(_) => Some(text_response(500, "could not read the file\n")),
        },
        Resolution::AddSlash(location) => {
            Some(text_response(301, "moved\n").with_header(header("Location", &location)))
        }
        Resolution::BadRequest => Some(text_response(400, "bad request path\n")),
        Resolution::NotFound => None,
    }
}

/// `body` with the reload script stamped with `generation` when it is an HTML page.
fn stamp_if_html(body: Vec<u8>, content_type: &str, generation: u64) -> Vec<u8> {
    if content_type.starts_with("text/html") {
        stamp_generation(body, generation)
    } else {
        body
    }
}

/// The site's own `404.html` with status 404, or a minimal page (with the reload script,
/// so build errors still show) when the site has none yet.
fn not_found_page(shared: &Shared) -> Response<io::Cursor<Vec<u8>>> {
    let generation = shared.hub.current().generation;
    let page = fs::read(shared.root.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>\
             </head><body><h1>Not found</h1><p>copydesk serve: nothing at this address.</p>{}\
             </body></html>",
            super::reload::injected_html()
        )
        .into_bytes()
    });
    bytes_response(
        404,
        stamp_generation(page, generation),
        "text/html; charset=utf-8",
    )
}

/// Answers `/__copydesk/events?since=N` on its own thread: a poll may wait long, and it
/// must not hold up the workers that serve pages.
fn answer_poll(request: Request, shared: &Arc<Shared>) {
    let since = query_number(request.url(), "since");
    let waiting = shared.waiting_polls.fetch_add(1, Ordering::SeqCst);
    let Some(since) = since.filter(|_| waiting < MAX_WAITING_POLLS) else {
        shared.waiting_polls.fetch_sub(1, Ordering::SeqCst);
        return send(request, state_response(&shared.hub.current()));
    };
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        let state = shared.hub.wait_for_change(since, POLL_TIMEOUT);
        shared.waiting_polls.fetch_sub(1, Ordering::SeqCst);
        send(request, state_response(&state));
    });
}

fn state_response(state: &super::reload::BuildState) -> Response<io::Cursor<Vec<u8>>> {
    let body = serde_json::to_vec(state).unwrap_or_default();
    bytes_response(200, body, "application/json; charset=utf-8")
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

fn bytes_response(status: u16, body: Vec<u8>, content_type: &str) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Cache-Control", "no-store"))
}

fn text_response(status: u16, text: &str) -> Response<io::Cursor<Vec<u8>>> {
    bytes_response(
        status,
        text.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn send(request: Request, response: Response<io::Cursor<Vec<u8>>>) {
    // A client that hung up is not an error worth reporting.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

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
