//! Clean, on any input: `clean_text` never panics, and what it writes the build reads
//! back (the front matter parses to the same fields). Fed twice: the raw bytes (so the
//! decode pass sees UTF-16, Windows-1252, binary) and the bytes decoded lossily as UTF-8.
#![no_main]

use std::path::Path;

use copydesk::article::Article;
use copydesk::clean::clean_text;
use copydesk::clean::words::WordContext;
use libfuzzer_sys::fuzz_target;

fn clean_and_read_back(raw: &[u8]) {
    let context = WordContext::default();
    let Ok(cleaned) = clean_text(raw, Path::new("fuzz.txt"), &context) else {
        return;
    };
    let markdown = cleaned.article.to_markdown();
    let parsed = Article::parse(&markdown, Path::new("fuzz.md"))
        .unwrap_or_else(|e| panic!("clean wrote what the build cannot read: {e}\n{markdown}"));
    assert_eq!(parsed.front, cleaned.article.front, "{markdown}");
}

fuzz_target!(|data: &[u8]| {
    clean_and_read_back(data);
    let lossy = String::from_utf8_lossy(data);
    if lossy.as_bytes() != data {
        clean_and_read_back(lossy.as_bytes());
    }
});
