//! No input may stall the clean stage (issue 10, item 6). Each adversarial shape of
//! `tests/corpus/adversarial.rs` (repeated paragraphs, a hyphen at every line end, no
//! spaces, one enormous line, short lines, repeated short lines, names, word fragments) is
//! cleaned at 1 MB, and the work the stage's document-wide searches count
//! ([`copydesk::clean::work`]) must stay within a few units per byte, as the caps and
//! indexes guarantee: a search of the document per question, or a comparison per pair of
//! paragraphs, costs hundreds of units per byte at that size. Deterministic: the work is
//! counted, never timed. (`cargo bench --bench clean -- adversarial` shows the time and
//! memory at 1, 4 and 16 MB.)

mod corpus;

use std::path::Path;

use copydesk::clean::words::WordContext;
use copydesk::clean::{clean_text, work};
use corpus::adversarial::{Shape, SHAPES};

/// Most work per byte of text: the layout's and the word passes' document searches
/// (each at most 80 reads of the text, then one index) come to under 2.6 units a byte, the
/// pull-quote search to 4 comparisons a word (under 2 a byte).
const MAX_WORK_PER_BYTE: u64 = 5;

/// The work counted while cleaning `raw`.
fn work_of(raw: &[u8]) -> u64 {
    let before = work::done();
    clean_text(raw, Path::new("adversarial.txt"), &WordContext::default())
        .expect("adversarial text cleans");
    work::done() - before
}

#[test]
fn the_counted_work_stays_linear_on_every_adversarial_shape() {
    const BYTES: usize = 1_000_000;
    let mut table = String::new();
    let mut failures = Vec::new();
    for &shape in SHAPES {
        let raw = shape.generate(BYTES);
        let work = work_of(&raw);
        let per_byte = work as f64 / raw.len() as f64;
        table.push_str(&format!(
            "{:<22} {work:>12} {per_byte:>8.2}\n",
            shape.name()
        ));
        if work > MAX_WORK_PER_BYTE * raw.len() as u64 {
            failures.push(shape.name());
        }
    }
    println!("shape                    work at 1 MB  per byte\n{table}");
    assert!(
        failures.is_empty(),
        "{failures:?} do too much work:\n{table}"
    );
}

/// The shapes do exercise each counted search: a hyphen at every line end asks the
/// layout's vocabulary about thousands of pieces, glued capitals ask the word passes
/// whether the article prints them alone, repeated paragraphs are all pull-quote
/// candidates. (Were nothing counted, the test above could not fail.)
#[test]
fn the_shapes_reach_the_counted_searches() {
    for shape in [
        Shape::HyphenEveryLine,
        Shape::GluedCapitals,
        Shape::RepeatedParagraphs,
    ] {
        let raw = shape.generate(250_000);
        assert!(work_of(&raw) > raw.len() as u64 / 64, "{}", shape.name());
    }
}
