//! The space lost after a contact label: `X:mariaamkahn` becomes `X: mariaamkahn`; and
//! before one: `onX: @handle` becomes `on X: @handle`.
//!
//! Author bios end with "reach her on X:handle" or "Email:name@example.com"; copying
//! often drops the space after the colon. Only a known label (X, Twitter, Email…) followed
//! directly by a handle, address or number is fixed, so times (`10:30`), URLs
//! (`https://…`) and other colons are left alone. The word after a label is a handle: the
//! other passes never touch it (`is_contact_label`).

/// Labels that introduce a handle, an address or a number. `X` must be a capital.
const CONTACT_LABELS: &[&str] = &[
    "X",
    "Twitter",
    "Instagram",
    "Facebook",
    "LinkedIn",
    "Threads",
    "Bluesky",
    "Mastodon",
    "TikTok",
    "Telegram",
    "WhatsApp",
    "Signal",
    "Email",
    "E-mail",
    "Mail",
    "Web",
    "Website",
    "Tel",
    "Phone",
];

/// `word` (without its colon) is a contact label such as `X` or `Email`.
pub(crate) fn is_contact_label(word: &str) -> bool {
    CONTACT_LABELS
        .iter()
        .any(|label| label == &word || (word.len() > 1 && label.eq_ignore_ascii_case(word)))
}

/// If `core` is a label glued to its handle (`X:mariaamkahn`), the byte length of the
/// label and colon (`X:`), after which a space belongs.
pub(crate) fn glued_label_length(core: &str) -> Option<usize> {
    // Byte search: most tokens are short and have no colon.
    let colon = core.bytes().position(|b| b == b':')?;
    let (label, rest) = (&core[..colon], &core[colon + 1..]);
    let first = rest.chars().next()?;
    let starts_like_a_handle = first.is_alphanumeric() || first == '@' || first == '+';
    (is_contact_label(label) && starts_like_a_handle).then_some(label.len() + 1)
}

/// Words a contact label follows (`reach her on X:`, `or Email:`).
const BEFORE_LABEL: &[&str] = &["on", "at", "via", "or", "and"];

/// If `core` (a token before a colon) is a word glued to a contact label (`onX` of
/// `onX: @handle`), the byte offset where the label starts, before which a space
/// belongs.
pub(crate) fn label_glued_after_word(core: &str) -> Option<usize> {
    BEFORE_LABEL.iter().find_map(|word| {
        let label = core.strip_prefix(word)?;
        (label.starts_with(|c: char| c.is_uppercase()) && is_contact_label(label))
            .then_some(word.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_glued_to_handle_gets_its_space() {
        assert_eq!(glued_label_length("X:mariaamkahn"), Some(2));
        assert_eq!(glued_label_length("Twitter:@someone"), Some(8));
        assert_eq!(glued_label_length("email:desk@example.com"), Some(6));
    }

    #[test]
    fn other_colons_are_left_alone() {
        for core in [
            "10:30",
            "https://example.com",
            "x:handle",
            "Note:this",
            "X:",
            "X://odd",
            "mariaamkahn",
        ] {
            assert_eq!(glued_label_length(core), None, "{core}");
        }
    }

    #[test]
    fn a_word_glued_to_a_label_gets_its_space() {
        assert_eq!(label_glued_after_word("onX"), Some(2));
        assert_eq!(label_glued_after_word("orEmail"), Some(2));
        assert_eq!(label_glued_after_word("onx"), None);
        assert_eq!(label_glued_after_word("onion"), None);
        assert_eq!(label_glued_after_word("Xbox"), None);
    }

    #[test]
    fn labels() {
        assert!(is_contact_label("X") && is_contact_label("Email") && is_contact_label("email"));
        assert!(!is_contact_label("x") && !is_contact_label("Said"));
    }
}
