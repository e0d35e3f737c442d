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
}

/// Shares the latest [`BuildState`] between the rebuild thread and the HTTP workers.
#[derive(Debug)]
pub struct ReloadHub {
    state: Mutex<BuildState>,
    changed: Condvar,
}

impl Default for ReloadHub {
    fn default() -> Self {
        ReloadHub {
            state: Mutex::new(BuildState {
                generation: 0,
                ok: true,
                errors: String::new(),
            }),
            changed: Condvar::new(),
        }
    }
}

impl ReloadHub {
    /// A good build finished: pages reload.
    pub fn build_succeeded(&self) {
        self.update(true, String::new());
    }

    /// A build failed: pages show `errors` over the last good site.
    pub fn build_failed(&self, errors: String) {
        self.update(false, errors);
    }

    fn update(&self, ok: bool, errors: String) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.ok = ok;
        state.errors = errors;
        self.changed.notify_all();
    }

    /// The current state.
    pub fn current(&self) -> BuildState {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Waits until the generation differs from `since` or `timeout` passes, then returns
    /// the state as it is.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> BuildState {
        let deadline = Instant::now() + timeout;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
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

  function poll() {
    var url = events + (since === null ? "" : "?since=" + since);
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var seen = since === null ? loadedAt : since;
        if (seen !== null && state.generation !== seen && state.ok) {
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
    fn waiting_times_out_with_the_same_generation() {
        let hub = ReloadHub::default();
        let state = hub.wait_for_change(0, Duration::from_millis(20));
        assert_eq!(state.generation, 0);
    }
}
