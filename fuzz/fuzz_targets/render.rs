//! Front matter + Markdown render, on any input: the build's parse of one article file
//! (`copydesk::site::load::parse_doc`: UTF-8 check, control characters, front matter,
//! title, Markdown to HTML) never panics, and a page it renders holds no control
//! character (issue 10, item 9).
#![no_main]

use std::path::Path;

use copydesk::site::controls::is_stray_control;
use copydesk::site::load::parse_doc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((doc, _warnings)) = parse_doc(
        Path::new("content/articles/fuzz.md"),
        "articles/fuzz.md".into(),
        data.to_vec(),
    ) else {
        return;
    };
    let html = doc.html().expect("parse_doc holds the body in memory");
    if let Some(c) = html.chars().find(|&c| is_stray_control(c)) {
        panic!("control character {c:?} in the rendered HTML: {html:?}");
    }
});
