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
    let base = paragraph.as_ptr() as usize;
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(paragraph.len() / 5 + 1);
    let mut next_starts_sentence = true;
    for text in paragraph.split_whitespace() {
        let start = text.as_ptr() as usize - base;
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

/// The core of a token and its byte offset inside the token.
fn core_of(text: &str) -> (usize, &str) {
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
