//! Slugs: the one place where titles, file names, tags and author names become URL
//! path segments.
//!
//! A slug is lowercase letters, digits and single hyphens, never empty, never `.` or
//! `..`, and never holds a `/` or `\`: whatever a title or front-matter `slug` says, the
//! page it names lands inside `output/`. Common Latin accents are folded (`Erdoğan` →
//! `erdogan`) so URLs stay plain ASCII for the usual cases.

/// Turns any text into a safe URL path segment.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let folded = fold_accent(c);
        let pieces: &str = folded.unwrap_or_default();
        let mut push = |c: char| {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(c.to_lowercase());
        };
        if folded.is_some() {
            pieces.chars().for_each(&mut push);
        } else if c.is_alphanumeric() {
            push(c);
        } else if c != '\'' && c != '’' {
            // Apostrophes vanish ("Hugo's" -> "hugos"); anything else separates words.
            pending_hyphen = true;
        }
    }
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

/// ASCII spelling of common accented Latin letters.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_hyphenated_lowercase() {
        assert_eq!(
            slugify("Diplomatic Impasse: Talks Collapse!"),
            "diplomatic-impasse-talks-collapse"
        );
        assert_eq!(slugify("  Hugo's  café  "), "hugos-cafe");
        assert_eq!(slugify("Erdoğan meets Straße"), "erdogan-meets-strasse");
    }

    #[test]
    fn nothing_can_escape_the_output_folder() {
        for hostile in [
            "../../etc/passwd",
            "..",
            ".",
            "/abs/path",
            "a\\..\\b",
            "",
            "***",
        ] {
            let slug = slugify(hostile);
            assert!(!slug.is_empty());
            assert!(
                !slug.contains('/') && !slug.contains('\\') && !slug.contains(".."),
                "{slug}"
            );
            assert_ne!(slug, ".");
        }
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("***"), "untitled");
    }

    #[test]
    fn other_scripts_are_kept_as_letters() {
        assert_eq!(slugify("Новости дня"), "новости-дня");
    }
}
