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

/// The length of the longest of [`TITLE_ABBREVIATIONS`].
const LONGEST_TITLE_ABBREVIATION: usize = 4;

/// Splits `paragraph` into tokens, in order.
///
/// One forward scan over the bytes finds each token and its core together: an ASCII
/// byte is classified by a table, and only non-ASCII characters are decoded (to ask
/// whether they are whitespace or alphanumeric). [`tokenize_reference`] in the tests is
/// the plain statement of the same rules that this is held to.
pub(crate) fn tokenize(paragraph: &str) -> Vec<Token<'_>> {
    let bytes = paragraph.as_bytes();
    let mut tokens: Vec<Token<'_>> = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut next_starts_sentence = true;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if ASCII_CLASS[b as usize] == AsciiClass::Space {
                at += 1;
                continue;
            }
        } else {
            let c = char_at(paragraph, at);
            if c.is_whitespace() {
                at += c.len_utf8();
                continue;
            }
        }
        let scan = scan_token(paragraph, at);
        let text = &paragraph[at..scan.end];
        let core = &paragraph[scan.core_start..scan.core_end];
        let opens_quote =
            scan.core_start > at && has_opening_quote(&paragraph[at..scan.core_start]);
        tokens.push(Token {
            start: at,
            text,
            core_start: scan.core_start,
            core,
            sentence_start: next_starts_sentence || opens_quote,
        });
        next_starts_sentence =
            next_starts_sentence && is_dash_or_bullet(text) || ends_sentence(text, core);
        at = scan.end;
    }
    tokens
}

/// What [`tokenize`] needs to know about an ASCII byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsciiClass {
    Space,
    AlphaNumeric,
    /// `@` and `#`, which may begin a core (handles, tags) but not end one.
    HandleMark,
    Other,
}

/// The class of every ASCII byte.
static ASCII_CLASS: [AsciiClass; 128] = {
    let mut classes = [AsciiClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if matches!(byte, b'\t'..=b'\r' | b' ') {
            AsciiClass::Space
        } else if byte.is_ascii_alphanumeric() {
            AsciiClass::AlphaNumeric
        } else if byte == b'@' || byte == b'#' {
            AsciiClass::HandleMark
        } else {
            AsciiClass::Other
        };
        b += 1;
    }
    classes
};

/// Whether each byte is an ASCII letter or digit: one load instead of three range tests.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The end of the run of ASCII letters and digits that starts at `at`. Eight bytes are
/// tested at once ([`ascii_alphanumeric_bytes`]), so a word of up to seven letters takes
/// one test and one well-predicted branch; the last few bytes of the text go one by one.
fn alphanumeric_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let others = !ascii_alphanumeric_bytes(word) & HIGH_BITS;
        if others != 0 {
            return at + (others.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| ASCII_ALPHANUMERIC[b as usize])
    {
        at += 1;
    }
    at
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = LOW_BITS * 0x80;

/// The high bit of each byte of `word` (eight bytes, little-endian) set where that byte is
/// an ASCII letter or digit, all other bits clear. Each range test works on the bytes'
/// low seven bits with the high bit borrowed as a flag, so no borrow crosses a byte:
/// `(0x80 | b) - lo` keeps its high bit exactly when `b >= lo`, and `(0x80 | hi) - b`
/// exactly when `b <= hi`. Bytes with the high bit set (non-ASCII) are then cleared.
fn ascii_alphanumeric_bytes(word: u64) -> u64 {
    let low7 = word & !HIGH_BITS;
    let in_range = |lo: u8, hi: u8| {
        let at_least_lo = (low7 | HIGH_BITS) - LOW_BITS * u64::from(lo);
        let at_most_hi = ((LOW_BITS * u64::from(hi)) | HIGH_BITS) - low7;
        at_least_lo & at_most_hi
    };
    (in_range(b'0', b'9') | in_range(b'A', b'Z') | in_range(b'a', b'z')) & !word & HIGH_BITS
}

/// Where a token that starts at `start` ends, and where its core starts and ends.
struct TokenScan {
    end: usize,
    core_start: usize,
    core_end: usize,
}

/// Scans the token starting at `start` (not whitespace) up to the next whitespace. The
/// core starts at the first letter, digit, `@` or `#` and ends after the last letter
/// or digit (empty, where it starts, when there is none).
fn scan_token(paragraph: &str, start: usize) -> TokenScan {
    let bytes = paragraph.as_bytes();
    let mut at = start;
    let mut core_start = usize::MAX;
    let mut last_alphanumeric_end = 0;
    while at < bytes.len() {
        // Most of a token is a run of ASCII letters: step over it eight bytes at a time.
        let run_start = at;
        at = alphanumeric_run_end(bytes, at);
        if at > run_start {
            core_start = core_start.min(run_start);
            last_alphanumeric_end = at;
        }
        let Some(&b) = bytes.get(at) else {
            break;
        };
        if b < 0x80 {
            match ASCII_CLASS[b as usize] {
                AsciiClass::Space => break,
                AsciiClass::HandleMark => core_start = core_start.min(at),
                AsciiClass::AlphaNumeric | AsciiClass::Other => {}
            }
            at += 1;
        } else {
            let c = char_at(paragraph, at);
            if c.is_whitespace() {
                break;
            }
            let next = at + c.len_utf8();
            if c.is_alphanumeric() {
                core_start = core_start.min(at);
                last_alphanumeric_end = next;
            }
            at = next;
        }
    }
    let core_start = core_start.min(at);
    TokenScan {
        end: at,
        core_start,
        core_end: last_alphanumeric_end.max(core_start),
    }
}

/// The character starting at byte `at` (a character boundary) of `text`.
#[inline]
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("a character starts here")
}

/// `lead` (the punctuation before a core) holds an opening quotation mark.
fn has_opening_quote(lead: &str) -> bool {
    lead.chars().any(is_opening_quote)
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '«' | '„')
}

/// The token ends its sentence: its last non-closing character is `.`, `!`, `?` or `…`,
/// unless it is a title abbreviation (`Dr.`) or an initial (`G.`).
/// Whether a token is a dash or a bullet alone, which a sentence may open with (`— The
/// writer is…` over a bio, `• Then`): the word after it starts the sentence as well.
pub(crate) fn is_dash_or_bullet(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, '—' | '–' | '-' | '•' | '·'))
}

fn ends_sentence(text: &str, core: &str) -> bool {
    match text.as_bytes().last() {
        // The usual endings: a letter or digit, or a comma, colon or the like.
        Some(&b)
            if b.is_ascii() && !matches!(b, b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') =>
        {
            return false;
        }
        None => return false,
        _ => {}
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
        let is_title = core.len() <= LONGEST_TITLE_ABBREVIATION
            && TITLE_ABBREVIATIONS
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
        // A dash or a bullet opening a sentence leaves the next word its start.
        let starts: Vec<&str> = tokenize("— The writer said — that. • Then – so")
            .into_iter()
            .filter(|t| t.sentence_start && !t.core.is_empty())
            .map(|t| t.core)
            .collect();
        assert_eq!(starts, ["The", "Then"]);
    }

    /// The plain statement of the tokenizer's rules: `split_whitespace`, then trimming
    /// to the core by characters.
    fn tokenize_reference(paragraph: &str) -> Vec<Token<'_>> {
        let base = paragraph.as_ptr() as usize;
        let mut tokens = Vec::new();
        let mut next_starts_sentence = true;
        for text in paragraph.split_whitespace() {
            let start = text.as_ptr() as usize - base;
            let trimmed = text.trim_start_matches(|c: char| !keeps_at_core_start(c));
            let core_offset = text.len() - trimmed.len();
            let core = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
            let opens_quote = text[..core_offset].chars().any(is_opening_quote);
            tokens.push(Token {
                start,
                text,
                core_start: start + core_offset,
                core,
                sentence_start: next_starts_sentence || opens_quote,
            });
            next_starts_sentence =
                next_starts_sentence && is_dash_or_bullet(text) || ends_sentence(text, core);
        }
        tokens
    }

    /// Characters a core may begin with: letters, digits, and the marks of handles and
    /// tags.
    fn keeps_at_core_start(c: char) -> bool {
        c.is_alphanumeric() || c == '@' || c == '#'
    }

    /// The one-pass tokenizer agrees with the plain rules on strings full of Unicode
    /// spaces, quotation marks, sentence ends and abbreviations.
    #[test]
    fn tokenizer_agrees_with_the_plain_rules() {
        let pieces = [
            "a",
            "Zo",
            "é",
            "“",
            "”",
            "’s",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2002}",
            "\u{200a}",
            "\u{200b}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{2010}",
            "—",
            "…",
            "ğ",
            "中",
            "😀",
            ".",
            ",",
            "@",
            "#",
            "9",
            "(",
            ")",
            "\"",
            "«",
            "„",
            "‘",
            "?",
            "!",
            "Mr",
            "G",
            "-",
            "’",
            "Ⅻ",
            "information",
            "R2D2abc",
        ];
        let mut state: u64 = 0xDEAD_BEEF_1234_5678;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 14) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            assert_eq!(tokenize(&text), tokenize_reference(&text), "{text:?}");
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

    /// The eight-at-a-time test marks exactly the bytes the table calls letters or
    /// digits: every byte value at every position, among other bytes of every kind.
    #[test]
    fn alphanumeric_bytes_are_found_eight_at_a_time() {
        let fillers = [0u8, b' ', b'a', b'Z', b'5', b'@', 0x7f, 0x80, 0xc3, 0xff];
        for filler in fillers {
            for position in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [filler; 8];
                    bytes[position] = b;
                    let found = ascii_alphanumeric_bytes(u64::from_le_bytes(bytes));
                    for (i, &byte) in bytes.iter().enumerate() {
                        let marked = found >> (8 * i) & 0xff;
                        let expected = if ASCII_ALPHANUMERIC[byte as usize] {
                            0x80
                        } else {
                            0
                        };
                        assert_eq!(marked, expected, "{bytes:?} at {i}");
                    }
                }
            }
        }
        let text = b"information, R2D2 stands";
        assert_eq!(alphanumeric_run_end(text, 0), 11);
        assert_eq!(alphanumeric_run_end(text, 13), 17);
        assert_eq!(alphanumeric_run_end(text, 18), text.len());
    }

    #[test]
    fn longest_title_abbreviation_is_its_length() {
        let longest = TITLE_ABBREVIATIONS.iter().map(|a| a.len()).max();
        assert_eq!(longest, Some(LONGEST_TITLE_ABBREVIATION));
    }
}
