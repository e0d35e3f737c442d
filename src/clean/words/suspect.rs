//! Tokens that look damaged but cannot be repaired safely; they are reported, never
//! changed: a capital inside a lower-case word (`tHe`, `governMent`) or a digit between
//! letters (`wor1d`, `c0mpany`). Brands and units that look like this (`iPhone`, `eBay`,
//! `MP3`, `COVID-19`, `5G`, `10km`) are known words or have no digit between lower-case
//! letters, so only unknown tokens are judged.

use super::token::{word_case, WordCase};

/// Why `word` (an unknown token's core) looks damaged, if it does.
pub(crate) fn damage_in(word: &str) -> Option<&'static str> {
    if word_case(word) == Some(WordCase::LowerThenUpper) {
        return Some("a capital letter inside a lower-case word looks like damage");
    }
    if has_digit_between_lower_case_letters(word) {
        return Some("a digit between letters looks like damage (a misread letter?)");
    }
    None
}

fn has_digit_between_lower_case_letters(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_lowercase() && w[1].is_ascii_digit() && w[2].is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_looking_tokens_are_named() {
        assert!(damage_in("tHe").is_some());
        assert!(damage_in("wor1d").is_some());
        assert!(damage_in("c0mpany").is_some());
    }

    #[test]
    fn ordinary_shapes_are_not_suspect() {
        for word in [
            "journalist",
            "Taliban",
            "TTP",
            "MP3",
            "COVID-19",
            "5G",
            "10km",
            "McDonald",
            "B2B",
        ] {
            assert_eq!(damage_in(word), None, "{word}");
        }
    }
}
