//! Live reload: what a page learns about rebuilds, and the script that listens.
//!
//! Every finished rebuild (good or bad) bumps a generation number in the [`ReloadHub`].
//! The script below, injected into every page only while serving, long-polls
//! `/__copydesk/events?since=N`: the server answers as soon as the generation differs
//! from `N` (or after a timeout with the same generation). On a new good build the page
//! reloads; on a failed build it shows the errors in an overlay and keeps the page (the
//! last good site stays served). The server stamps into each page the generation it was
//! served at ([`stamp_generation`]); the first poll answers at once, and a page that
//! is already behind reloads, so a rebuild finishing just after a page loaded is not
//! missed. The overlay text is set with `textContent`, so error
//! messages quoting raw content can never become markup. A site previewed under a base
//! path (`/paper/`) has both endpoints under it too (`/paper/__copydesk/reload.js`); the
//! script finds the events endpoint next to its own address.
//!
//! Each poll also says which page it comes from (`&page=/articles/x/`), so the hub knows
//! the pages being viewed. A rebuild that has to re-render many pages (a template used by
//! every article) renders and writes those first and announces them with
//! [`ReloadHub::pages_ready`], which bumps the generation as a finished build does: the
//! viewed pages reload at once while the rest of the site renders. Requests made meanwhile
//! get each file as it is on disk: a page already re-rendered in its new form, any other
//! in its old form (never half of one: files are replaced by rename). When the rebuild
//! finishes, the generation moves again; a page that reloaded early and that announced
//! itself from that early generation is told `reload: false` (its bytes are already the
//! final ones), every other page reloads.

use std::collections::{HashMap, HashSet};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Path of the long-poll endpoint.
pub const EVENTS_PATH: &str = "/__copydesk/events";
/// Path the reload script is served from.
pub const SCRIPT_PATH: &str = "/__copydesk/reload.js";

/// The HTML the build inserts before `</body>` while serving. The build writes it the
/// same for every page and every rebuild (so unchanged pages stay unchanged); the server
/// stamps the generation into it as it sends a page ([`stamp_generation`]).
pub fn injected_html() -> String {
    injected_html_under("")
}

/// [`injected_html`] for a site previewed under `base_path` (`/paper`; empty at the root).
pub fn injected_html_under(base_path: &str) -> String {
    format!("<script src=\"{base_path}{SCRIPT_PATH}\" defer></script>")
}

/// `page` (an HTML file as built) with the generation `generation` stamped into its
/// reload script tag, as `data-generation="N"`: the script's first poll compares it with
/// the latest build, so a rebuild that finished between the page's load and that poll
/// still reloads the page. Pages without the tag are returned as they are. The tag is
/// the last one in the page (it goes before `</body>`), and article text can never
/// contain it, because text is escaped.
pub fn stamp_generation(page: Vec<u8>, generation: u64) -> Vec<u8> {
    stamp_generation_under(page, generation, "")
}

/// [`stamp_generation`] for pages built with [`injected_html_under`] `base_path`.
pub fn stamp_generation_under(page: Vec<u8>, generation: u64, base_path: &str) -> Vec<u8> {
    let tag = injected_html_under(base_path);
    let Some(at) = rfind(&page, tag.as_bytes()) else {
        return page;
    };
    let stamped = format!(
        "<script src=\"{base_path}{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>"
    );
    let mut out = Vec::with_capacity(page.len() + 32);
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(stamped.as_bytes());
    out.extend_from_slice(&page[at + tag.len()..]);
    out
}

/// Where `needle` last occurs in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// The state of the latest build as the browser sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BuildState {
    /// Bumped after every build, good or bad.
    pub generation: u64,
    /// True when the latest build succeeded.
    pub ok: bool,
    /// The latest build's errors, one per line (empty when `ok`).
    pub errors: String,
    /// False when the page that asked already shows this generation's bytes (it reloaded
    /// after [`ReloadHub::pages_ready`] and the build then finished): no reload needed.
    pub reload: bool,
}

/// Shares the latest [`BuildState`] between the rebuild thread and the HTTP workers.
#[derive(Debug)]
pub struct ReloadHub {
    state: Mutex<BuildState>,
    changed: Condvar,
    /// Pages written early by the rebuild under way: the generation that announced
    /// them, and their output files.
    early: Mutex<Option<(u64, HashSet<String>)>>,
    /// After a rebuild that wrote pages early finished: the early generation and those
    /// pages, which need no reload from it to the latest generation.
    settled: Mutex<Option<(u64, HashSet<String>)>>,
    /// Output file of each page a poll came from, and when.
    viewers: Mutex<HashMap<String, Instant>>,
}

impl Default for ReloadHub {
    fn default() -> Self {
        ReloadHub {
            state: Mutex::new(BuildState {
                generation: 0,
                ok: true,
                errors: String::new(),
                reload: true,
            }),
            changed: Condvar::new(),
            early: Mutex::default(),
            settled: Mutex::default(),
            viewers: Mutex::default(),
        }
    }
}

/// How long after its last poll a page still counts as viewed (a page polls at least
/// every 25 s, the long-poll timeout, while it is open).
pub const VIEWED_FOR: Duration = Duration::from_secs(40);
/// Pages remembered as viewed at once (polls naming more are not remembered).
const MAX_VIEWERS: usize = 256;

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl ReloadHub {
    /// A good build finished: pages reload (except those already showing its bytes,
    /// announced by [`pages_ready`](Self::pages_ready) during this build).
    pub fn build_succeeded(&self) {
        let early = lock(&self.early).take();
        let mut state = lock(&self.state);
        *lock(&self.settled) = early.filter(|(at, _)| *at == state.generation);
        Self::bump(&mut state, true, String::new());
        self.changed.notify_all();
    }

    /// A build failed: pages show `errors` over the last good site.
    pub fn build_failed(&self, errors: String) {
        lock(&self.early).take();
        let mut state = lock(&self.state);
        *lock(&self.settled) = None;
        Self::bump(&mut state, false, errors);
        self.changed.notify_all();
    }

    /// The pages (output files) a rebuild under way has already written in their final
    /// form: pages showing them reload now, before the build finishes.
    pub fn pages_ready(&self, pages: &[String]) {
        let mut state = lock(&self.state);
        *lock(&self.settled) = None;
        Self::bump(&mut state, true, String::new());
        *lock(&self.early) = Some((state.generation, pages.iter().cloned().collect()));
        self.changed.notify_all();
    }

    fn bump(state: &mut BuildState, ok: bool, errors: String) {
        state.generation += 1;
        state.ok = ok;
        state.errors = errors;
    }

    /// Notes that the page whose output file is `page` is open in a browser.
    pub fn viewing(&self, page: &str) {
        let mut viewers = lock(&self.viewers);
        let now = Instant::now();
        viewers.retain(|_, seen| now.duration_since(*seen) < VIEWED_FOR);
        if viewers.len() < MAX_VIEWERS || viewers.contains_key(page) {
            viewers.insert(page.to_string(), now);
        }
    }

    /// The output files of the pages viewed in the last [`VIEWED_FOR`], most recently
    /// seen first, at most `limit`.
    pub fn viewed_pages(&self, limit: usize) -> Vec<String> {
        let viewers = lock(&self.viewers);
        let now = Instant::now();
        let mut seen: Vec<(&String, &Instant)> = viewers
            .iter()
            .filter(|(_, seen)| now.duration_since(**seen) < VIEWED_FOR)
            .collect();
        seen.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        seen.into_iter()
            .take(limit)
            .map(|(page, _)| page.clone())
            .collect()
    }

    /// The current state.
    pub fn current(&self) -> BuildState {
        lock(&self.state).clone()
    }

    /// The current state as seen by `page` (an output file), which shows generation
    /// `seen`: `reload` is false when that page was written early at `seen` and the
    /// build it belonged to has finished since.
    pub fn current_for(&self, seen: Option<u64>, page: Option<&str>) -> BuildState {
        let state = self.current();
        self.for_page(state, seen, page)
    }

    fn for_page(&self, mut state: BuildState, seen: Option<u64>, page: Option<&str>) -> BuildState {
        if let (Some(seen), Some(page)) = (seen, page) {
            if let Some((early, pages)) = lock(&self.settled).as_ref() {
                if *early == seen && state.generation == seen + 1 && pages.contains(page) {
                    state.reload = false;
                }
            }
        }
        state
    }

    /// [`wait_for_change`](Self::wait_for_change) for a poll from `page` (an output file).
    pub fn wait_for_change_at(
        &self,
        since: u64,
        timeout: Duration,
        page: Option<&str>,
    ) -> BuildState {
        let state = self.wait_for_change(since, timeout);
        self.for_page(state, Some(since), page)
    }

    /// Waits until the generation differs from `since` or `timeout` passes, then returns
    /// the state as it is.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> BuildState {
        let deadline = Instant::now() + timeout;
        let mut state = lock(&self.state);
        while state.generation == since {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        state.clone()
    }
}

/// The reload script served at [`SCRIPT_PATH`].
pub const RELOAD_SCRIPT: &str = r#"// copydesk serve: reloads this page after a rebuild, shows build errors in an overlay.
(function () {
  "use strict";
  var since = null;
  var OVERLAY_ID = "copydesk-build-error";

  function showErrors(text) {
    var box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement("pre");
      box.id = OVERLAY_ID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1em 1.25em;z-index:2147483647;background:#2b0b0b;color:#ffd9d9;" +
        "font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap;border-top:4px solid #e0443e";
      document.body.appendChild(box);
    }
    box.textContent = "copydesk: the last build failed; showing the last good site.\n\n" + text;
  }

  function hideErrors() {
    var box = document.getElementById(OVERLAY_ID);
    if (box) { box.remove(); }
  }

  // The generation of the build this page came from, stamped in by the server: the
  // first poll (which answers at once) reloads if a good build has finished since.
  var script = document.currentScript;
  var stamped = script ? parseInt(script.getAttribute("data-generation"), 10) : NaN;
  var loadedAt = isNaN(stamped) ? null : stamped;
  // The events endpoint sits beside this script, under the site's base path if it has one.
  var events = script && script.src
    ? script.src.replace(/reload\.js([?#].*)?$/, "events")
    : "/__copydesk/events";

  // Which page this is, so that a rebuild renders the pages being viewed first.
  var page = "page=" + encodeURIComponent(window.location.pathname);

  function poll() {
    var url = events + "?" + page + (since === null
      ? (loadedAt === null ? "" : "&loaded=" + loadedAt)
      : "&since=" + since);
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var seen = since === null ? loadedAt : since;
        if (seen !== null && state.generation !== seen && state.ok && state.reload !== false) {
          window.location.reload();
          return;
        }
        since = state.generation;
        if (state.ok) { hideErrors(); } else { showErrors(state.errors); }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn waiting_returns_at_once_when_behind_and_on_change_otherwise() {
        let hub = Arc::new(ReloadHub::default());
        hub.build_succeeded();
        assert_eq!(hub.wait_for_change(0, Duration::from_secs(5)).generation, 1);

        let waiter = {
            let hub = Arc::clone(&hub);
            std::thread::spawn(move || hub.wait_for_change(1, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(50));
        hub.build_failed("content/a.md:1:1: error: bad".into());
        let state = waiter.join().unwrap();
        assert_eq!(state.generation, 2);
        assert!(!state.ok);
        assert!(state.errors.contains("a.md:1:1"));
    }

    #[test]
    fn the_generation_is_stamped_into_the_last_reload_tag_only() {
        let tag = injected_html();
        let page = format!("<html><body><p>{tag}</p>{tag}</body></html>");
        let stamped = String::from_utf8(stamp_generation(page.into_bytes(), 7)).unwrap();
        assert_eq!(
            stamped,
            format!(
                "<html><body><p>{tag}</p><script src=\"{SCRIPT_PATH}\" data-generation=\"7\" defer></script></body></html>"
            )
        );
        let plain = b"<html><body>no script</body></html>".to_vec();
        assert_eq!(stamp_generation(plain.clone(), 3), plain);
    }

    #[test]
    fn pages_written_early_are_not_reloaded_again_when_the_build_ends() {
        let hub = ReloadHub::default();
        hub.viewing("articles/a/index.html");
        hub.viewing("index.html");
        let viewed = hub.viewed_pages(8);
        assert_eq!(viewed.len(), 2);
        assert_eq!(hub.viewed_pages(1).len(), 1);

        // The rebuild writes the article page early: generation 1 reloads it.
        hub.pages_ready(&["articles/a/index.html".to_string()]);
        let early =
            hub.wait_for_change_at(0, Duration::from_secs(5), Some("articles/a/index.html"));
        assert_eq!((early.generation, early.ok, early.reload), (1, true, true));
        // The build ends (generation 2): the page that reloaded at 1 keeps its bytes…
        hub.build_succeeded();
        let a = hub.wait_for_change_at(1, Duration::from_secs(5), Some("articles/a/index.html"));
        assert_eq!((a.generation, a.reload), (2, false));
        assert!(
            !hub.current_for(Some(1), Some("articles/a/index.html"))
                .reload
        );
        // …any other page, or the same page loaded before the early write, reloads.
        assert!(
            hub.wait_for_change_at(1, Duration::from_secs(5), Some("index.html"))
                .reload
        );
        assert!(
            hub.current_for(Some(0), Some("articles/a/index.html"))
                .reload
        );
        assert!(hub.current_for(Some(1), None).reload);

        // The next build, without early pages, reloads every page again.
        hub.build_succeeded();
        assert!(
            hub.current_for(Some(2), Some("articles/a/index.html"))
                .reload
        );

        // A build that fails after an early write shows its errors to every page.
        hub.pages_ready(&["articles/a/index.html".to_string()]);
        hub.build_failed("template error".into());
        let failed = hub.current_for(Some(4), Some("articles/a/index.html"));
        assert_eq!(
            (failed.generation, failed.ok, failed.reload),
            (5, false, true)
        );
    }

    #[test]
    fn waiting_times_out_with_the_same_generation() {
        let hub = ReloadHub::default();
        let state = hub.wait_for_change(0, Duration::from_millis(20));
        assert_eq!(state.generation, 0);
    }
}
