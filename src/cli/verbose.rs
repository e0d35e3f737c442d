//! What `-v` shows on stderr: how long each stage of the work took, and the notes the
//! library makes along the way ([`Progress::note`]: images resized or found in the
//! cache, whether the build cache was used).

use std::sync::Mutex;
use std::time::Instant;

use copydesk::progress::Progress;

/// A [`Progress`] that prints a line per finished stage and per note, instead of a bar.
pub struct StageLog {
    current: Mutex<Option<Stage>>,
}

struct Stage {
    name: String,
    total: u64,
    started: Instant,
}

impl StageLog {
    pub fn new() -> StageLog {
        StageLog {
            current: Mutex::new(None),
        }
    }
}

impl Progress for StageLog {
    fn start(&self, phase: &str, total: u64) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Some(Stage {
            name: phase.to_string(),
            total,
            started: Instant::now(),
        });
    }

    fn advance(&self, _n: u64) {}

    fn finish(&self) {
        let stage = self
            .current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(stage) = stage {
            eprintln!(
                "{}",
                stage_line(&stage.name, stage.total, stage.started.elapsed())
            );
        }
    }

    fn note(&self, message: &str) {
        eprintln!("  {message}");
    }
}

/// `stage Loading: 9 items in 12.3 ms`.
fn stage_line(name: &str, total: u64, elapsed: std::time::Duration) -> String {
    format!(
        "stage {name}: {total} {} in {:.1} ms",
        if total == 1 { "item" } else { "items" },
        elapsed.as_secs_f64() * 1000.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_lines_count_their_items() {
        let line = stage_line("Loading", 1, std::time::Duration::from_micros(1500));
        assert_eq!(line, "stage Loading: 1 item in 1.5 ms");
        let line = stage_line("Images", 3, std::time::Duration::from_millis(20));
        assert_eq!(line, "stage Images: 3 items in 20.0 ms");
    }
}
