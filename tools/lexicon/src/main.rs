//! Writes copydesk's embedded lexicon: reads the `word<TAB>value` list that `build.py`
//! produced (sorted by UTF-8 bytes) and writes it as an `fst::Map`, the compact, zero-copy
//! form that `src/clean/words/lexicon.rs` embeds with `include_bytes!`.
//!
//! Usage: `cargo run --release --manifest-path tools/lexicon/Cargo.toml -- IN.tsv OUT.fst`

use std::error::Error;
use std::fs::{self, File};
use std::io::BufWriter;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        return Err("usage: copydesk-lexicon-builder IN.tsv OUT.fst".into());
    };
    let text = fs::read_to_string(input)?;
    let mut builder = fst::MapBuilder::new(BufWriter::new(File::create(output)?))?;
    let mut count = 0usize;
    for (number, line) in text.lines().enumerate() {
        let (word, value) = line
            .split_once('\t')
            .ok_or_else(|| format!("{input}:{}: expected word<TAB>value", number + 1))?;
        let value: u64 = value
            .parse()
            .map_err(|e| format!("{input}:{}: bad value: {e}", number + 1))?;
        builder
            .insert(word, value)
            .map_err(|e| format!("{input}:{}: {e}", number + 1))?;
        count += 1;
    }
    builder.finish()?;
    eprintln!("{count} words -> {output}");
    Ok(())
}
