//! What the masthead suites (`tests/masthead_shapes.rs`, `tests/byline_forms.rs`,
//! `tests/page_furniture.rs`) share: setting a story as a printed column sets it, and the
//! story two of them set.

/// A short story, written here, under the mastheads of `tests/masthead_shapes.rs` and
/// around the furniture of `tests/page_furniture.rs`.
#[allow(dead_code)] // `tests/byline_forms.rs` sets a story of its own.
pub const COUNCIL_STORY: &[&str] = &[
    "The county council voted on Tuesday to close two of its five recycling centres from \
     next spring, saying the savings would pay for a weekly food waste collection.",
    "Residents in the villages served by the two sites will have to drive up to 14 miles \
     to the nearest remaining centre, which opens four days a week.",
    "“We know this is not what people wanted to hear,” said the cabinet member for the \
     environment. “But the food collection reaches every household, not only those with \
     a car.”",
    "The opposition group said the decision had been taken without a proper survey of how \
     many people use the sites, and called for the vote to be reviewed.",
    "A petition against the closures has gathered more than 3,000 signatures since it \
     opened in the autumn.",
    "The council expects the new collection to start in April, with bins delivered over \
     the winter.",
];

/// `text` wrapped greedily to lines of at most `width` characters, as a printed column
/// copies (no hyphenation).
pub fn wrapped(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}
