//! `copydesk serve`: build the site, serve it on localhost, rebuild and reload on change.
//!
//! The pieces, one file each:
//! * [`resolve`]: request path → file inside the output folder, refusing traversal;
//! * [`content_type`]: the media type of every file a site holds;
//! * [`host`]: the `Host` names a request may carry (the guard against DNS rebinding);
//! * [`http`]: the HTTP server (a thread per connection) and its 404 and redirect rules;
//! * [`wire`]: HTTP/1.1 framing: request heads in, whole replies out in one write;
//! * [`reload`]: the build state pages poll and the injected reload/overlay script;
//! * [`watch`]: debounced file watching of the site's inputs.
//!
//! [`ServeSession`] ties them together. The preview is built into its own folder under
//! the system temp folder (never into `output/`, so the reload script never reaches a
//! published site), with `base_url` set to the served address. A site whose `base_url`
//! has a path (`https://me.github.io/paper/`) is previewed under the same path
//! (`http://127.0.0.1:1111/paper/`), so the links tried in the preview are the ones that
//! will be published; the path is read from `site.toml` when serving starts. One [`Builder`] lives for
//! the whole session, so each rebuild passes only the changed paths and redoes only what
//! they affect. A failed rebuild leaves the last good site served and shows its errors
//! in the terminal (through [`ServeEvent`]) and in the browser overlay.

pub mod content_type;
pub mod host;
pub mod http;
pub mod reload;
pub mod resolve;
pub mod watch;
pub mod wire;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::progress::{Progress, Silent};
use crate::site::{BuildOptions, BuildSummary, Builder, Priority};
use http::{PreviewServer, UpdateGate};
use reload::ReloadHub;
use watch::SiteWatcher;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (holds `site.toml` and `content/`).
    pub site_root: PathBuf,
    /// Address to listen on; `127.0.0.1` by default.
    pub bind: IpAddr,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Include articles dated in the future.
    pub future: bool,
}

/// Something the terminal should hear about.
#[derive(Debug)]
pub enum ServeEvent {
    /// A build succeeded (the first one has no changed paths).
    Built {
        summary: BuildSummary,
        changed: Vec<PathBuf>,
        elapsed: Duration,
        /// When the pages open in a browser were written, ahead of the rest of the site,
        /// and how many: after `elapsed` into the rebuild (see [`reload`]).
        viewed_first: Option<(Duration, usize)>,
    },
    /// A build failed; the last good site, if there is one, stays served.
    BuildFailed {
        diagnostics: Vec<Diagnostic>,
        changed: Vec<PathBuf>,
        /// True when an earlier build of this session succeeded, so its site is served;
        /// false when none has yet (pages show only the errors).
        last_good_site: bool,
    },
}

/// Why serving could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot prepare the preview folder {}: {source}", path.display())]
    PreviewFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot watch {} for changes: {source}", path.display())]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
}

/// True when `address` can be reached from other machines (not loopback).
pub fn is_beyond_loopback(address: IpAddr) -> bool {
    !address.is_loopback()
}

/// A running preview: HTTP server plus the watch-and-rebuild thread.
pub struct ServeSession {
    server: Option<PreviewServer>,
    stop: Arc<AtomicBool>,
    rebuilder: Option<JoinHandle<()>>,
    preview_dir: PreviewFolder,
    /// The site's base path (`/paper`), empty at the root.
    base_path: String,
}

type EventSink = Arc<dyn Fn(ServeEvent) + Send + Sync>;

impl ServeSession {
    /// Binds, builds once (reporting to `progress`), starts watching; returns once the
    /// first build has finished (good or bad: a bad first build is served as an error
    /// page with the overlay until fixed). Rebuilds report only through `on_event`.
    pub fn start(
        options: ServeOptions,
        progress: &dyn Progress,
        on_event: impl Fn(ServeEvent) + Send + Sync + 'static,
    ) -> Result<ServeSession, ServeError> {
        let on_event: EventSink = Arc::new(on_event);
        // Removed again if any step below fails (a busy port, a watch that cannot start).
        let preview_dir = PreviewFolder(preview_folder(&options.site_root)?);
        let hub = Arc::new(ReloadHub::default());
        let gate = Arc::new(UpdateGate::default());
        let requested = SocketAddr::new(options.bind, options.port);
        // A `site.toml` that does not load fails the first build, which says why.
        let base_path = crate::site::config::SiteConfig::load(&options.site_root)
            .map(|config| config.base_path().to_string())
            .unwrap_or_default();
        let server = PreviewServer::start_under(
            &preview_dir.0.join("site"),
            requested,
            &base_path,
            Arc::clone(&hub),
            Arc::clone(&gate),
        )
        .map_err(|source| ServeError::Bind {
            address: requested,
            source,
        })?;
        let mut builder = Builder::trusting_changed_paths(BuildOptions {
            site_root: options.site_root.clone(),
            output_dir: Some(preview_dir.0.join("site")),
            base_url: Some(preview_url(server.address(), &base_path)),
            drafts: options.drafts,
            future: options.future,
            inject_before_body_end: Some(reload::injected_html_under(&base_path)),
        });
        let mut rebuild = Rebuild {
            gate,
            hub,
            on_event,
            built_good_site: false,
        };
        // Watch before the first build, so an edit made while it runs is not missed.
        let mut watcher =
            SiteWatcher::new(&options.site_root).map_err(|source| ServeError::Watch {
                path: options.site_root.clone(),
                source,
            })?;
        rebuild.run(&mut builder, Vec::new(), progress);
        let stop = Arc::new(AtomicBool::new(false));
        let rebuilder = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                while let Some(changed) = watcher.next_changes(&stop) {
                    rebuild.run(&mut builder, changed, &Silent);
                }
            })
        };
        Ok(ServeSession {
            server: Some(server),
            stop,
            rebuilder: Some(rebuilder),
            preview_dir,
            base_path,
        })
    }

    /// The address to open: `http://127.0.0.1:1111/`, or under the site's base path
    /// (`http://127.0.0.1:1111/paper/`).
    pub fn url(&self) -> String {
        preview_url(self.address(), &self.base_path)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.server
            .as_ref()
            .map(PreviewServer::address)
            .expect("a running session has a server")
    }

    /// The folder the preview site is built into.
    pub fn preview_dir(&self) -> PathBuf {
        self.preview_dir.0.join("site")
    }

    /// True while files are watched and rebuilt (false if the watcher has ended).
    pub fn is_watching(&self) -> bool {
        self.rebuilder
            .as_ref()
            .is_some_and(|rebuilder| !rebuilder.is_finished())
    }

    /// Stops watching and serving and removes the preview folder.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for ServeSession {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(rebuilder) = self.rebuilder.take() {
            let _ = rebuilder.join();
        }
        if let Some(server) = self.server.take() {
            server.stop();
        }
        // The preview folder goes when the `preview_dir` field is dropped, just after.
    }
}

/// The session's preview folder, removed when dropped.
struct PreviewFolder(PathBuf);

impl Drop for PreviewFolder {
    fn drop(&mut self) {
        let _ = crate::scratch::remove_tree(&self.0);
    }
}

/// One rebuild: holds the update gate while building, then tells pages and terminal.
struct Rebuild {
    gate: Arc<UpdateGate>,
    hub: Arc<ReloadHub>,
    on_event: EventSink,
    /// True once a build of this session has succeeded.
    built_good_site: bool,
}

/// At most this many viewed pages are rendered ahead of the rest of a rebuild.
const MAX_VIEWED_FIRST: usize = 8;

impl Rebuild {
    fn run(&mut self, builder: &mut Builder, changed: Vec<PathBuf>, progress: &dyn Progress) {
        let started = Instant::now();
        // The pages open in browsers are written first and reloaded at once; the rest of
        // the site follows in the same build (see `reload` for what is served meanwhile).
        let viewed_first = std::sync::Mutex::new(None);
        let hub = Arc::clone(&self.hub);
        let ready = |pages: &[String]| {
            *viewed_first.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((started.elapsed(), pages.len()));
            hub.pages_ready(pages);
        };
        let priority = Priority {
            pages: self.hub.viewed_pages(MAX_VIEWED_FIRST),
            ready: &ready,
        };
        let result = {
            let _updating = self.gate.begin();
            let priority = (!priority.pages.is_empty()).then_some(&priority);
            builder.build_with_priority(&changed, progress, priority)
        };
        let viewed_first = viewed_first.into_inner().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(summary) => {
                self.built_good_site = true;
                self.hub.build_succeeded();
                (self.on_event)(ServeEvent::Built {
                    summary,
                    changed,
                    elapsed: started.elapsed(),
                    viewed_first,
                });
            }
            Err(failure) => {
                let text = failure
                    .diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n");
                self.hub.build_failed(text);
                (self.on_event)(ServeEvent::BuildFailed {
                    diagnostics: failure.diagnostics,
                    changed,
                    last_good_site: self.built_good_site,
                });
            }
        }
    }
}

/// The preview folder of this session: `copydesk-serve-<site>-<pid>` under the system
/// temp folder. Folders that earlier sessions left behind when they were killed (their
/// process is gone) are removed first, so interrupted sessions do not pile up; a
/// session running at the same time keeps its own.
fn preview_folder(site_root: &Path) -> Result<PathBuf, ServeError> {
    let canonical = site_root
        .canonicalize()
        .map_err(|source| ServeError::PreviewFolder {
            path: site_root.to_path_buf(),
            source,
        })?;
    let key = blake3::hash(canonical.to_string_lossy().as_bytes()).to_hex();
    let temp = std::env::temp_dir();
    remove_abandoned_previews(&temp);
    let folder = temp.join(format!(
        "{PREVIEW_PREFIX}{}-{}",
        &key[..16],
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|source| ServeError::PreviewFolder {
        path: folder.clone(),
        source,
    })?;
    Ok(folder)
}

/// How preview folders are named: this, 16 hex digits of the site, `-`, the pid.
const PREVIEW_PREFIX: &str = "copydesk-serve-";

/// Removes preview folders in `temp` whose process no longer runs. Only where that can
/// be told (`/proc`); elsewhere they stay.
fn remove_abandoned_previews(temp: &Path) {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = preview_owner(&name) else {
            continue;
        };
        if !proc_root.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The pid in a preview folder's name, if the name is one.
fn preview_owner(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(PREVIEW_PREFIX)?;
    let (site, pid) = rest.split_once('-')?;
    let is_site = site.len() == 16 && site.bytes().all(|b| b.is_ascii_hexdigit());
    let is_pid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    (is_site && is_pid).then_some(pid)
}

/// `http://127.0.0.1:1111/`: the address pages link to while served (an unspecified
/// bind address such as `0.0.0.0` is reached through loopback on this machine).
pub fn base_url_for(address: SocketAddr) -> String {
    let host = if address.ip().is_unspecified() {
        match address.ip() {
            IpAddr::V4(_) => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(_) => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        address.ip()
    };
    format!("http://{}/", SocketAddr::new(host, address.port()))
}

/// The preview's address for a site served under `base_path` (`/paper`; empty at the
/// root): `http://127.0.0.1:1111/paper/`.
pub fn preview_url(address: SocketAddr, base_path: &str) -> String {
    let root = base_url_for(address);
    format!("{}{base_path}/", root.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_uses_loopback_for_unspecified_addresses() {
        assert_eq!(
            base_url_for("0.0.0.0:8080".parse().unwrap()),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(
            base_url_for("[::]:1111".parse().unwrap()),
            "http://[::1]:1111/"
        );
        assert_eq!(
            base_url_for("192.168.1.4:1111".parse().unwrap()),
            "http://192.168.1.4:1111/"
        );
    }

    #[test]
    fn previews_of_dead_sessions_are_removed_and_live_ones_kept() {
        if !Path::new("/proc/self").exists() {
            return; // liveness cannot be told here, so nothing is removed
        }
        let temp = tempfile::tempdir().unwrap();
        let dead = temp
            .path()
            .join("copydesk-serve-0123456789abcdef-4294967295");
        let live = temp.path().join(format!(
            "copydesk-serve-0123456789abcdef-{}",
            std::process::id()
        ));
        let not_ours = temp.path().join("copydesk-serve-notes-4294967295");
        for folder in [&dead, &live, &not_ours] {
            std::fs::create_dir_all(folder).unwrap();
        }
        remove_abandoned_previews(temp.path());
        assert!(!dead.exists());
        assert!(live.exists());
        assert!(not_ours.exists());
    }

    #[test]
    fn only_loopback_counts_as_private() {
        assert!(!is_beyond_loopback("127.0.0.1".parse().unwrap()));
        assert!(!is_beyond_loopback("::1".parse().unwrap()));
        assert!(is_beyond_loopback("0.0.0.0".parse().unwrap()));
        assert!(is_beyond_loopback("192.168.1.4".parse().unwrap()));
    }
}
