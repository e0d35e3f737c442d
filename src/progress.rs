//! Progress reporting for long work, decoupled from any terminal.
//!
//! Library stages call a [`Progress`]; the CLI decides whether that draws a bar (on a
//! terminal) or stays silent (pipes, CI). Tests use [`Silent`].

/// Receives progress from long-running work. Implementations must be cheap and thread-safe:
/// stages call `advance` from rayon workers.
pub trait Progress: Sync {
    /// A phase of `total` steps begins.
    fn start(&self, phase: &str, total: u64);
    /// `n` steps of the current phase are done.
    fn advance(&self, n: u64);
    /// The current phase is over.
    fn finish(&self);
    /// One thing the work did, worth telling a reader who asked for detail (`-v`): an
    /// image resized, the build cache used or not. Ignored unless overridden.
    fn note(&self, _message: &str) {}
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _phase: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
