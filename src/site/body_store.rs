//! Rendered article bodies kept out of the build's memory.
//!
//! A body's HTML (about 7 KB for a 1,000-word article) is made when `content/` is loaded
//! (which must render every body to find Markdown errors, the lead paragraph and the
//! summary before anything is assembled) and needed again only when its article page, or
//! a feed listing it, is written. Held in memory in between, the bodies of a large
//! archive were most of what a build kept per article, and its peak memory grew with
//! every article (13 KB each).
//!
//! [`BodyStore::park`] appends a body to one unlinked scratch file (in the system's
//! temporary folder, gone when the process ends) and hands back a [`BodyHtml`] of a few
//! bytes; [`BodyHtml::read`] reads it back with a positioned read. Parallel writers each
//! reserve their own byte range, so parking takes no lock. The kernel's page cache holds
//! the file while it is fresh and may write it out or drop it under memory pressure, which
//! the heap could not. A store that cannot be created, or a body that cannot be written,
//! leaves the body held in memory as before: slower to hold, never wrong.
//!
//! The file only grows: a `serve` session parks each edited article again, a few KB per
//! save, and drops the file when it ends.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One scratch file of parked bodies.
pub struct BodyStore {
    file: File,
    /// Bytes reserved so far: where the next body goes.
    end: AtomicU64,
}

impl std::fmt::Debug for BodyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyStore")
            .field("bytes", &self.end.load(Ordering::Relaxed))
            .finish()
    }
}

impl BodyStore {
    /// A store in a new unlinked file of the system's temporary folder.
    pub fn new() -> io::Result<Arc<BodyStore>> {
        Ok(Arc::new(BodyStore {
            file: tempfile::tempfile()?,
            end: AtomicU64::new(0),
        }))
    }

    /// Bytes parked so far.
    pub fn len(&self) -> u64 {
        self.end.load(Ordering::Relaxed)
    }

    /// True when nothing was parked.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes `html` to the store; the body stays held when the write fails.
    pub fn park(self: &Arc<BodyStore>, html: String) -> BodyHtml {
        let Ok(len) = u32::try_from(html.len()) else {
            return BodyHtml::Held(html);
        };
        let offset = self.end.fetch_add(u64::from(len), Ordering::Relaxed);
        match self.file.write_all_at(html.as_bytes(), offset) {
            Ok(()) => BodyHtml::Parked {
                store: Arc::clone(self),
                offset,
                len,
            },
            // The reserved range stays unused; the body is simply kept in memory.
            Err(_) => BodyHtml::Held(html),
        }
    }
}

/// A body's HTML: held in memory, or parked in a [`BodyStore`].
#[derive(Debug, Clone)]
pub enum BodyHtml {
    Held(String),
    Parked {
        store: Arc<BodyStore>,
        offset: u64,
        len: u32,
    },
}

impl Default for BodyHtml {
    fn default() -> BodyHtml {
        BodyHtml::Held(String::new())
    }
}

impl BodyHtml {
    /// The HTML: borrowed when held, read back when parked.
    pub fn read(&self) -> io::Result<Cow<'_, str>> {
        match self {
            BodyHtml::Held(html) => Ok(Cow::Borrowed(html)),
            BodyHtml::Parked { store, offset, len } => {
                let mut bytes = vec![0; *len as usize];
                store.file.read_exact_at(&mut bytes, *offset)?;
                String::from_utf8(bytes)
                    .map(Cow::Owned)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
            }
        }
    }

    /// True when the HTML is in the store, not in memory.
    pub fn is_parked(&self) -> bool {
        matches!(self, BodyHtml::Parked { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parked_bodies_read_back_exactly_and_leave_memory() {
        let store = BodyStore::new().unwrap();
        let bodies = ["<p>One</p>\n", "", "<p>Två “tre”</p>\n"];
        let parked: Vec<BodyHtml> = bodies.iter().map(|b| store.park(b.to_string())).collect();
        assert!(parked.iter().all(BodyHtml::is_parked));
        for (body, html) in bodies.iter().zip(&parked) {
            assert_eq!(html.read().unwrap(), *body);
        }
        let total: usize = bodies.iter().map(|b| b.len()).sum();
        assert_eq!(store.len(), total as u64);
    }

    #[test]
    fn parking_in_parallel_gives_each_body_its_own_range() {
        use rayon::prelude::*;
        let store = BodyStore::new().unwrap();
        let parked: Vec<(String, BodyHtml)> = (0..500)
            .into_par_iter()
            .map(|i| {
                let body = format!("<p>{}</p>\n", "x".repeat(i));
                (body.clone(), store.park(body))
            })
            .collect();
        for (body, html) in &parked {
            assert_eq!(html.read().unwrap(), body.as_str());
        }
    }

    #[test]
    fn a_held_body_is_borrowed() {
        let held = BodyHtml::Held("<p>x</p>".into());
        assert!(matches!(held.read().unwrap(), Cow::Borrowed("<p>x</p>")));
    }
}
