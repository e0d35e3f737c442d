//! What the masthead suites (`tests/masthead_shapes.rs`, `tests/byline_forms.rs`) share:
//! setting a story as a printed column sets it.

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
