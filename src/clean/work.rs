//! A count of the work done by the clean stage's searches that could grow faster than
//! the text (issue 10, item 6), so tests can hold the stage to linear time without
//! timing it: a document twice as long may cost twice the work, not four times.
//!
//! Counted: each search of a whole document for a word and each index of a document's
//! words, one unit per 64 bytes read (the layout's [`vocabulary`](super::vocabulary)
//! and the word passes' article), and each comparison the
//! [`pullquote`](super::pullquote) search makes. The count is per thread and only ever
//! grows: read it before and after a clean.

use std::cell::Cell;

thread_local! {
    static DONE: Cell<u64> = const { Cell::new(0) };
}

/// Adds `units` of work to this thread's count.
pub(crate) fn add(units: usize) {
    DONE.with(|done| done.set(done.get().saturating_add(units as u64)));
}

/// Adds the work of reading `bytes` bytes of a document (one unit per 64, at least one).
pub(crate) fn read(bytes: usize) {
    add(1 + bytes / 64);
}

/// The work counted on this thread so far.
pub fn done() -> u64 {
    DONE.with(Cell::get)
}
