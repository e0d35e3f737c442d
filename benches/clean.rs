//! Benchmark of the clean stage: generates at least 5 MB of damaged raw text with the
//! corpus generator (`tests/corpus/`), cleans it on one thread, and prints the throughput
//! and how long the first clean takes from a cold start (which includes getting the word
//! lexicon ready).
//!
//! Run: `cargo bench --bench clean` (add `-- 20` for 20 MB).

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use std::path::Path;
use std::time::Instant;

use copydesk::clean::clean_text;
use copydesk::clean::words::WordContext;

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let context = WordContext::default();

    let cold = Instant::now();
    clean_text(
        b"Title\n\nBy Ann Lee\n\nA first paragraph.\n",
        Path::new("warm.txt"),
        &context,
    )
    .expect("the warm-up text cleans");
    let lexicon_ready = cold.elapsed();

    let documents = generate(megabytes * 1_000_000);
    let bytes: usize = documents.iter().map(Vec::len).sum();
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut edits = 0;
    for (i, raw) in documents.iter().enumerate() {
        let cleaned = clean_text(raw, Path::new("bench.txt"), &context)
            .unwrap_or_else(|e| panic!("document {i} failed: {e}"));
        edits += cleaned.edits.len();
    }
    let elapsed = start.elapsed();
    let cpu = cpu_seconds().map(|end| end - cpu_start.unwrap_or(0.0));
    let mb = bytes as f64 / 1e6;
    println!(
        "first clean (lexicon ready): {:.2} ms",
        lexicon_ready.as_secs_f64() * 1e3
    );
    println!(
        "cleaned {} documents, {mb:.1} MB, {edits} edits in {:.2} s on one thread: {:.1} MB/s",
        documents.len(),
        elapsed.as_secs_f64(),
        mb / elapsed.as_secs_f64()
    );
    if let Some(cpu) = cpu {
        // On a shared machine the wall clock includes other processes' turns.
        println!("CPU time {cpu:.2} s: {:.1} MB/s of CPU", mb / cpu.max(1e-9));
    }
}

/// CPU seconds this process has used (user + system), where /proc tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Damaged articles from the corpus until `target` bytes.
fn generate(target: usize) -> Vec<Vec<u8>> {
    let mut documents = Vec::new();
    let mut total = 0;
    let mut seed = 0;
    while total < target {
        for article in corpus::prose::ARTICLES {
            let raw = corpus::generate(article, seed).raw;
            total += raw.len();
            documents.push(raw);
        }
        seed += 1;
    }
    documents
}
