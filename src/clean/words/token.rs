//! Splitting a paragraph into tokens for the word passes, and telling what kind of word
//! each token holds.
//!
//! A token is a run of non-space characters. Its *core* is the token without the
//! punctuation around it (quotes, brackets, commas, full stops…), so a pass changes only
//! the word and leaves `“Meanbwhile,` as `“Meanwhile,`. Every position is a byte offset
//! into the paragraph, so edits can be reported against the text the pipeline passed in.

/// One whitespace-separated token of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// Byte offset of the token in the paragraph.
    pub start: usize,
    /// The whole token, punctuation included.
    pub text: &'a str,
    /// Byte offset of the core in the paragraph.
    pub core_start: usize,
    /// The token without leading and trailing punctuation (may be empty).
    pub core: &'a str,
    /// The token begins a sentence (paragraph start, after `.`/`!`/`?`, or after an
    /// opening quote), where a capital letter says nothing about being a name.
    pub sentence_start: bool,
}

impl Token<'_> {
    /// Byte offset just past the core.
    pub fn core_end(&self) -> usize {
        self.core_start + self.core.len()
    }

    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Nothing follows the core inside the token (no trailing punctuation).
    pub fn core_is_last(&self) -> bool {
        self.core_end() == self.end()
    }

    /// Nothing precedes the core inside the token (no leading punctuation).
    pub fn core_is_first(&self) -> bool {
        self.core_start == self.start
    }
}

/// Abbreviations after which a capital does not start a sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "rev", "hon", "jr", "sr", "no", "vs", "maj", "brig", "cmdr", "adm", "supt", "mt",
];

/// Splits `paragraph` into tokens, in order.
pub(crate) fn tokenize(paragraph: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(paragraph.len() / 5 + 1);
    let mut next_starts_sentence = true;
    for (start, text) in whitespace_separated(paragraph) {
        let (core_offset, core) = core_of(text);
        let opens_quote = text[..core_offset].chars().any(is_opening_quote);
        tokens.push(Token {
            start,
            text,
            core_start: start + core_offset,
            core,
            sentence_start: next_starts_sentence || opens_quote,
        });
        next_starts_sentence = ends_sentence(text, core);
    }
    tokens
}

/// The runs of non-whitespace in `text` with their byte offsets: what
/// `str::split_whitespace` yields, found a byte at a time. Only the lead bytes of the
/// few non-ASCII whitespace characters (U+0085, U+00A0, U+1680, U+2000 to U+3000) make it
/// decode a character.
fn whitespace_separated(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = skip(bytes, at, true);
        if start == bytes.len() {
            return None;
        }
        let end = skip(bytes, start, false);
        at = end;
        Some((start, &text[start..end]))
    })
}

/// Skips from `at` over whitespace (`over_whitespace`) or over the rest, returning where
/// that stops: the next character of the other kind, or the end.
#[inline]
fn skip(bytes: &[u8], mut at: usize, over_whitespace: bool) -> usize {
    while let Some(&b) = bytes.get(at) {
        let (is_space, len) = if b.is_ascii() {
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            whitespace_at(bytes, at)
        };
        if is_space != over_whitespace {
            return at;
        }
        at += len;
    }
    at
}

/// Whether the non-ASCII character at `at` (a character boundary) is whitespace, and
/// its length.
fn whitespace_at(bytes: &[u8], at: usize) -> (bool, usize) {
    let b = bytes[at];
    match b {
        0xc2 | 0xe1 | 0xe2 | 0xe3 => {
            let len = if b == 0xc2 { 2 } else { 3 };
            let c = std::str::from_utf8(&bytes[at..at + len])
                .ok()
                .and_then(|s| s.chars().next());
            (c.is_some_and(char::is_whitespace), len)
        }
        0xc0..=0xdf => (false, 2),
        0xe0..=0xef => (false, 3),
        _ => (false, 4),
    }
}

/// The core of a token and its byte offset inside the token.
fn core_of(text: &str) -> (usize, &str) {
    let bytes = text.as_bytes();
    let starts_clean = bytes.first().is_some_and(u8::is_ascii_alphanumeric);
    let ends_clean = bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    if starts_clean && ends_clean {
        return (0, text);
    }
    let trimmed_start = text.trim_start_matches(|c: char| !keeps_at_core_start(c));
    let offset = text.len() - trimmed_start.len();
    let core = trimmed_start.trim_end_matches(|c: char| !c.is_alphanumeric());
    (offset, core)
}

/// Characters a core may begin with: letters, digits, and the marks of handles and tags.
fn keeps_at_core_start(c: char) -> bool {
    c.is_alphanumeric() || c == '@' || c == '#'
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '«' | '„')
}

/// The token ends its sentence: its last non-closing character is `.`, `!`, `?` or `…`,
/// unless it is a title abbreviation (`Dr.`) or an initial (`G.`).
fn ends_sentence(text: &str, core: &str) -> bool {
    if text
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let Some(last) = text
        .trim_end_matches(['”', '’', '"', '\'', ')', ']', '»'])
        .chars()
        .next_back()
    else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?' | '…') {
        return false;
    }
    if last == '.' {
        let is_initial = core.chars().count() == 1 && core.chars().all(char::is_uppercase);
        let is_title = TITLE_ABBREVIATIONS
            .iter()
            .any(|abbreviation| abbreviation.eq_ignore_ascii_case(core));
        if is_initial || is_title {
            return false;
        }
    }
    true
}

/// The case pattern of a word made of letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCase {
    /// `journalist`
    Lower,
    /// `Journalist`
    Capitalised,
    /// `TTP` (two letters or more)
    Upper,
    /// Lower case, then capitalised words glued on: `forExcellence`, `iPhone`, `tHe`.
    LowerThenUpper,
    /// Capitalised with more capitals inside: `PowerPoint`, `McDonald`, `YouTube`.
    CapitalisedCamel,
}

/// The case pattern of `word`, or `None` if it has anything but letters.
pub(crate) fn word_case(word: &str) -> Option<WordCase> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let (mut upper_after_first, mut lower_after_first) = (false, false);
    for c in chars {
        if !c.is_alphabetic() {
            return None;
        }
        if c.is_uppercase() {
            upper_after_first = true;
        } else if c.is_lowercase() {
            lower_after_first = true;
        }
    }
    Some(
        match (first.is_uppercase(), upper_after_first, lower_after_first) {
            (false, false, _) => WordCase::Lower,
            (false, true, _) => WordCase::LowerThenUpper,
            (true, false, _) => WordCase::Capitalised,
            (true, true, false) => WordCase::Upper,
            (true, true, true) => WordCase::CapitalisedCamel,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores_drop_surrounding_punctuation_only() {
        let tokens = tokenize("“Meanbwhile, (the) Taliban’s X:handle @user #tag.");
        let cores: Vec<&str> = tokens.iter().map(|t| t.core).collect();
        assert_eq!(
            cores,
            [
                "Meanbwhile",
                "the",
                "Taliban’s",
                "X:handle",
                "@user",
                "#tag"
            ]
        );
        let first = tokens[0];
        assert_eq!(first.start, 0);
        assert_eq!(first.core_start, "“".len());
        assert_eq!(
            &"“Meanbwhile, (the)"[first.core_start..first.core_end()],
            "Meanbwhile"
        );
    }

    #[test]
    fn offsets_point_into_the_paragraph() {
        let paragraph = "one  two\tthree";
        for token in tokenize(paragraph) {
            assert_eq!(&paragraph[token.start..token.end()], token.text);
            assert_eq!(&paragraph[token.core_start..token.core_end()], token.core);
        }
    }

    #[test]
    fn sentence_starts() {
        let tokens =
            tokenize("Syed said. He left! Mr. Khan met G. Baradar and “They agreed” there");
        let starts: Vec<&str> = tokens
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.core)
            .collect();
        assert_eq!(starts, ["Syed", "He", "Mr", "They"]);
    }

    /// The byte-level splitting agrees with `split_whitespace`, and the shortcut in
    /// `core_of` with the plain trimming, on strings full of Unicode spaces and marks.
    #[test]
    fn splitting_agrees_with_split_whitespace() {
        let pieces = [
            "a", "Zo", "é", "“", "”", "’s", " ", "  ", "\t", "\n", "\u{b}", "\u{c}", "\r",
            "\u{85}", "\u{a0}", "\u{1680}", "\u{2002}", "\u{200a}", "\u{200b}", "\u{2028}",
            "\u{202f}", "\u{205f}", "\u{3000}", "\u{2010}", "—", "…", "ğ", "中", "😀", ".", ",",
            "@", "#", "9", "(", ")",
        ];
        let mut state: u64 = 0xDEAD_BEEF_1234_5678;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let base = text.as_ptr() as usize;
            let expected: Vec<(usize, &str)> = text
                .split_whitespace()
                .map(|t| (t.as_ptr() as usize - base, t))
                .collect();
            let found: Vec<(usize, &str)> = whitespace_separated(&text).collect();
            assert_eq!(found, expected, "{text:?}");
            for (_, token) in found {
                let plain = token.trim_start_matches(|c: char| !keeps_at_core_start(c));
                let plain_core = plain.trim_end_matches(|c: char| !c.is_alphanumeric());
                let plain_offset = token.len() - plain.len();
                assert_eq!(core_of(token), (plain_offset, plain_core), "{token:?}");
            }
        }
    }

    #[test]
    fn punctuation_only_tokens_have_empty_cores() {
        let tokens = tokenize("a — b");
        assert_eq!(tokens[1].core, "");
    }

    #[test]
    fn case_patterns() {
        assert_eq!(word_case("journalist"), Some(WordCase::Lower));
        assert_eq!(word_case("Taliban"), Some(WordCase::Capitalised));
        assert_eq!(word_case("TTP"), Some(WordCase::Upper));
        assert_eq!(word_case("I"), Some(WordCase::Capitalised));
        assert_eq!(word_case("forExcellence"), Some(WordCase::LowerThenUpper));
        assert_eq!(word_case("iPhone"), Some(WordCase::LowerThenUpper));
        assert_eq!(word_case("McDonald"), Some(WordCase::CapitalisedCamel));
        assert_eq!(word_case("Erdoğan"), Some(WordCase::Capitalised));
        assert_eq!(word_case("COVID-19"), None);
        assert_eq!(word_case("10km"), None);
        assert_eq!(word_case(""), None);
    }
}
