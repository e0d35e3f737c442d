//! Build script: packs the lexicon's short common words into the lookup tables the word
//! passes use (`ShortWords` in `src/clean/words/word_tables.rs`, which this includes, so
//! the packing here and the lookups there are one piece of code). Done at compile time
//! so that opening the lexicon costs no work and no fresh memory.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/clean/words/word_tables.rs"]
mod word_tables;

const COMMON_WORDS: &str = "data/common_words.bin";

fn main() {
    println!("cargo::rerun-if-changed={COMMON_WORDS}");
    println!("cargo::rerun-if-changed=src/clean/words/word_tables.rs");
    let data = std::fs::read(COMMON_WORDS)
        .unwrap_or_else(|error| panic!("cannot read {COMMON_WORDS}: {error}"));
    let common = word_tables::CommonWords::new(&data).unwrap_or_else(|| {
        panic!("{COMMON_WORDS} is not a common-word table (rebuild it with tools/lexicon)")
    });
    let packed = word_tables::pack_short_words(&common);
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let target = PathBuf::from(out_dir).join("short_words.bin");
    std::fs::write(&target, packed)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", target.display()));
}
