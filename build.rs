//! Build script: packs the lexicon's short common words into the lookup tables the word
//! passes use (`ShortWords` in `src/clean/words/word_tables.rs`, which this includes, so
//! the packing here and the lookups there are one piece of code), and indexes the
//! embedded names (`data/names.txt`) by the keys of `src/clean/structure/name_keys.rs`.
//! Done at compile time so that opening the lexicon or the names costs no work and no
//! fresh memory.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/clean/words/word_tables.rs"]
mod word_tables;

#[path = "src/clean/structure/name_keys.rs"]
mod name_keys;

const COMMON_WORDS: &str = "data/common_words.bin";
const NAMES: &str = "data/names.txt";

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
    let target = PathBuf::from(&out_dir).join("short_words.bin");
    std::fs::write(&target, packed)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", target.display()));
    let target = PathBuf::from(&out_dir).join("names_index.rs");
    std::fs::write(&target, names_index())
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", target.display()));
}

/// Rust source of the names' index: `NAMES` (name, listings, language bits) sorted by
/// name, `LANGUAGES` (the bits' languages), `SKELETONS` (skeleton, index into `NAMES`)
/// sorted, with the skeleton without a leading or trailing `_` too (a name whose first or
/// last letter was lost with no space left), and `OPENINGS` sorted.
fn names_index() -> String {
    println!("cargo::rerun-if-changed={NAMES}");
    println!("cargo::rerun-if-changed=src/clean/structure/name_keys.rs");
    let text = std::fs::read_to_string(NAMES)
        .unwrap_or_else(|error| panic!("cannot read {NAMES}: {error}"));
    let mut languages: Vec<String> = Vec::new();
    let mut names: Vec<(String, u16, u64)> = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split('\t');
        let name = fields.next().unwrap_or_default().to_string();
        let listings = fields.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        let mut bits = 0u64;
        for language in fields.next().unwrap_or_default().split(',') {
            let bit = match languages.iter().position(|l| l == language) {
                Some(bit) => bit,
                None => {
                    languages.push(language.to_string());
                    languages.len() - 1
                }
            };
            assert!(bit < 64, "{NAMES}: more than 64 languages");
            bits |= 1 << bit;
        }
        names.push((name, listings, bits));
    }
    names.sort();
    names.dedup_by(|a, b| a.0 == b.0);
    let mut skeletons: Vec<(String, usize)> = Vec::new();
    let mut openings: Vec<String> = Vec::new();
    for (index, (name, _, _)) in names.iter().enumerate() {
        let key = name_keys::skeleton(name);
        let trimmed = key.trim_matches('_').to_string();
        if trimmed != key {
            skeletons.push((trimmed, index));
        }
        skeletons.push((key, index));
        openings.push(name_keys::ascii_opening(name));
    }
    skeletons.sort();
    openings.sort();
    openings.dedup();
    let mut out = String::new();
    out.push_str("/// (name, listings, language bits), sorted by name.\n");
    out.push_str("pub static NAMES: &[(&str, u16, u64)] = &[\n");
    for (name, listings, bits) in &names {
        out.push_str(&format!("    ({name:?}, {listings}, {bits}),\n"));
    }
    out.push_str("];\n/// The languages of the bits of `NAMES`.\n");
    out.push_str(&format!(
        "pub static LANGUAGES: &[&str] = &{languages:?};\n"
    ));
    out.push_str("/// (skeleton, index into `NAMES`), sorted.\n");
    out.push_str("pub static SKELETONS: &[(&str, u32)] = &[\n");
    for (key, index) in &skeletons {
        out.push_str(&format!("    ({key:?}, {index}),\n"));
    }
    out.push_str("];\n/// The ASCII openings of the names, sorted.\n");
    out.push_str(&format!("pub static OPENINGS: &[&str] = &{openings:?};\n"));
    out
}
