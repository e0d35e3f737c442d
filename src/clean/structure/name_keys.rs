//! The keys the embedded names are indexed by, shared by `build.rs` (which builds the
//! index at compile time) and [`super::names`] (which looks damaged copies up in it): one
//! piece of code, so the two can never disagree.

/// The ASCII letters of `text`, lowercased, with each run of other letters and spaces as
/// one `_`: `Ma gorzata` and `Małgorzata` are both `ma_gorzata`.
pub fn skeleton(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            out.push(c.to_ascii_lowercase());
        } else if (c == ' ' || c.is_alphabetic()) && !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

/// The ASCII letters `text` starts with, lowercased, up to its first other character
/// (`gon` of `Gonçalves`).
pub fn ascii_opening(text: &str) -> String {
    text.chars()
        .take_while(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
