//! The space lost after a contact label: `X:mariaamkahn` becomes `X: mariaamkahn`.
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
    fn labels() {
        assert!(is_contact_label("X") && is_contact_label("Email") && is_contact_label("email"));
        assert!(!is_contact_label("x") && !is_contact_label("Said"));
    }
}
