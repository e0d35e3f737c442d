//! Spaces lost after punctuation and around numbers where an e-paper viewer glued its
//! spans: `eighteen months,warning that`, `a critic and translator.Her most recent
//! book`, `up 40percent`.
//!
//! Prose never sets a comma or a semicolon between two letters, nor a sentence's full
//! stop between a lower-case word and a capitalised one, so a space is put back there:
//! after `,` or `;` with a letter on each side or a number before and a lower-case word
//! after (`71,whohas`), after `:` between lower-case letters (`way:this`), and after
//! `.`, `!` or `?` that ends a sentence (two lower-case letters, a digit or a closing mark
//! before it) with a capital and a lower-case letter after it (or an opening quotation
//! mark and then those: `said.“The`, `in 2009.“At`); and after a closing quotation mark
//! that follows punctuation and touches a letter (`clean,”she said`). Numbers (`1,200`),
//! abbreviations (`e.g.`, `U.S.A.`, `Ph.D`), and anything in a token holding `@`, `/` or
//! `www` (addresses, handles, links) are left as they are.
//!
//! Quotation marks: an opening `“` or `‘` never touches the word before it
//! (`thework“a`); straight `"` marks are paired in their paragraph, so one glued on both
//! sides is read as opening (`2021."The` → `2021. "The`) or closing (`road,"said` →
//! `road," said`). A contraction or possessive never runs on into a word
//! (`cooperative’sown`, `won’tpretend`). And in a document that spaces its em dashes, a
//! closed-up or half-spaced dash gets its spaces back ([`DashStyle`]).
//!
//! Around a number a space goes back between it and a word of four lower-case letters or
//! more after it (`40percent`, `200players`; not `1990s`, `21st`, `10km`), and between a
//! common word (or two run together: `morethan700`) and a number of two digits or more
//! after it (`in2013`, `for35years`; not `mp3`, `g20`, a code such as `abc123`).
//!
//! Spaces go where no style of English sets one ([`remove_stray_spaces`]): before a comma
//! or full stop (`Kovaříková ,`), and between a currency sign and its amount (`₹ 1,800`,
//! which pypdf gives when the sign is drawn from another font).

use crate::clean::mapped::MappedText;
use crate::clean::Edit;

/// Whether the space at byte `at` of `text` stands between a word (or a closing quote) and
/// the comma or full stop after it, that mark ending the text, a quote or bracket, or a
/// word (not a spaced ellipsis).
fn is_stray_space(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let mut after = text[at + 1..].chars();
    let mark = after.next();
    let next: Vec<char> = after.take(2).collect();
    before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '”'))
        && matches!(mark, Some(',' | '.'))
        && match next.as_slice() {
            [] => true,
            ['”' | '’' | '"' | ')', ..] => true,
            [c, rest @ ..] if c.is_whitespace() => rest.first() != Some(&'.'),
            _ => false,
        }
}

/// `paragraph` without the spaces that stand between a word and the comma or full stop
/// after it (`Kovaříková , recalled`: a viewer spaced the name's link span from its
/// comma), an edit for each. No style of English or French sets a space there; a spaced
/// ellipsis (`. . .`) keeps its spaces.
pub fn remove_stray_spaces(paragraph: &MappedText, edits: &mut Vec<Edit>) -> MappedText {
    let text = paragraph.as_str();
    let bytes = text.as_bytes();
    // The spaces before a comma or full stop, found from the marks (a vectorised search)
    // rather than by visiting every space: most spaces go before a word.
    let mut stray: Vec<usize> = memchr::memchr2_iter(b',', b'.', bytes)
        .filter(|&mark| mark > 0 && bytes[mark - 1] == b' ')
        .map(|mark| mark - 1)
        .filter(|&at| is_stray_space(text, at))
        .collect();
    let before_marks = stray.len();
    stray.extend(spaces_after_currency_signs(text));
    if stray.is_empty() {
        return paragraph.clone();
    }
    let mut order: Vec<(usize, bool)> = stray
        .iter()
        .enumerate()
        .map(|(n, &at)| (at, n >= before_marks))
        .collect();
    order.sort_unstable();
    let mut out = MappedText::with_capacity(text.len(), stray.len() + 2);
    let mut copied = 0;
    for (at, after_sign) in order {
        out.push_slice(paragraph, copied, at);
        copied = at + 1;
        let (start, reason) = if after_sign {
            let sign = text[..at].chars().next_back().map_or(1, char::len_utf8);
            (
                at - sign,
                "space between a currency sign and its amount removed",
            )
        } else {
            (at, "space before a comma or full stop removed")
        };
        edits.push(Edit {
            pass: "punctuation_space",
            position: paragraph.position_at(start),
            before: text[start..at + 2].to_string(),
            after: [&text[start..at], &text[at + 1..at + 2]].concat(),
            reason: reason.into(),
            confidence: 0.9,
        });
    }
    out.push_slice(paragraph, copied, text.len());
    out
}

/// The signs of currencies set before their amount, `$` and `£` and the others.
fn is_currency_sign(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '¥' | '€' | '₹' | '₺' | '₦' | '₱' | '₩' | '₫' | '₴' | '₽' | '₪'
    ) || ('\u{20A0}'..='\u{20C0}').contains(&c)
}

/// The spaces between a currency sign and the amount after it (`₹ 1,800`: pypdf spaces the
/// sign, drawn from another font, off its digits). English sets the sign against the
/// number; a sign after a word or a number (`5 €`, `US $`) is left as it is.
fn spaces_after_currency_signs(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // `$`, and the lead bytes of `£`/`¥` (0xC2) and of U+20A0 to U+20CF (0xE2).
    memchr::memchr3_iter(b'$', 0xC2, 0xE2, bytes)
        .filter_map(|at| {
            let sign = text.get(at..)?.chars().next()?;
            let space = at + sign.len_utf8();
            let stands_alone = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '—'));
            (is_currency_sign(sign)
                && stands_alone
                && bytes.get(space) == Some(&b' ')
                && bytes.get(space + 1).is_some_and(u8::is_ascii_digit))
            .then_some(space)
        })
        .collect()
}

/// How a document sets its em dashes: ` — ` between spaces, or `—` closed up. A viewer
/// that glued its spans leaves some dashes closed up or half spaced in a document that
/// spaces them; the document's own habit says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DashStyle {
    /// Spaced dashes are the habit: a closed-up or half-spaced one lost its spaces.
    Spaced,
    /// Closed-up dashes are the habit, or there are none: dashes stay as they are.
    #[default]
    AsWritten,
}

impl DashStyle {
    /// The habit of `text`: spaced when dashes with a space on at least one side (every
    /// half-spaced one had a space) are at least as many as closed-up ones.
    pub fn of(text: &str) -> DashStyle {
        let (mut spaced, mut closed) = (0usize, 0usize);
        for (at, _) in text.match_indices('—') {
            let before = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let after = text[at + '—'.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace);
            if before || after {
                spaced += 1;
            } else {
                closed += 1;
            }
        }
        if spaced > 0 && spaced >= closed {
            DashStyle::Spaced
        } else {
            DashStyle::AsWritten
        }
    }
}

/// `paragraph` with the spaces lost after its punctuation put back, an edit for each;
/// `dashes` is the document's habit with em dashes.
pub fn restore_spaces(
    paragraph: &MappedText,
    dashes: DashStyle,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let text = paragraph.as_str();
    let mut gaps = lost_spaces(text);
    if dashes == DashStyle::Spaced {
        gaps.extend(closed_up_dashes(text));
        gaps.sort_unstable();
        gaps.dedup();
    }
    if gaps.is_empty() {
        return paragraph.clone();
    }
    let mut out = MappedText::with_capacity(text.len() + gaps.len(), gaps.len() * 2 + 2);
    let mut copied = 0;
    for at in gaps {
        out.push_slice(paragraph, copied, at);
        out.push_replacement(" ", paragraph.position_at(at));
        copied = at;
        let mark_at = text[..at].char_indices().next_back().map_or(0, |(i, _)| i);
        edits.push(Edit {
            pass: "punctuation_space",
            position: paragraph.position_at(mark_at),
            before: text[mark_at..at].to_string(),
            after: format!("{} ", &text[mark_at..at]),
            reason: "space lost between two words (after punctuation, or at a number) put back"
                .into(),
            confidence: 0.9,
        });
    }
    out.push_slice(paragraph, copied, text.len());
    out
}

/// The byte offsets on either side of an em dash where a document that spaces its dashes
/// lost a space: between the dash and a word or punctuation it touches (`outright—the`,
/// `season— when`, `proud —rose`).
fn closed_up_dashes(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('—') {
        let end = at + '—'.len_utf8();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '’' | '”' | ')' | '.' | ','))
        {
            found.push(at);
        }
        if after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '“' | '‘' | '(')) {
            found.push(end);
        }
    }
    found
}

/// The byte offsets, just after a punctuation mark or at a number's edge, where a
/// space was lost, in order.
fn lost_spaces(text: &str) -> Vec<usize> {
    let mut found = lost_after_punctuation(text);
    found.extend(lost_at_numbers(text));
    found.sort_unstable();
    found.dedup();
    found
}

/// Letters a word glued before a number must at least be this frequent (Zipf): common
/// words (`in`, `for`, `since`), not the letters of a code or a model (`mp3`, `abc123`).
const MIN_WORD_BEFORE_NUMBER_ZIPF: f32 = 4.5;
/// The fewest lower-case letters of a word glued after a number: shorter runs are
/// suffixes and units (`1990s`, `21st`, `10km`, `5pm`).
const MIN_WORD_AFTER_NUMBER_LETTERS: usize = 4;

/// The byte offsets at a number's edges where a space was lost (`40percent`, `in2013`).
fn lost_at_numbers(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    // Only a token with a digit is read: a paragraph without one has none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    for (start, token) in super::split_words::space_tokens(text) {
        if !token.bytes().any(|b| b.is_ascii_digit()) || in_address(text, start) {
            continue;
        }
        let runs = letter_and_digit_runs(token);
        for pair in runs.windows(2) {
            let ((kind_a, from_a, to_a), (kind_b, from_b, to_b)) = (pair[0], pair[1]);
            if to_a != from_b {
                continue; // a mark stands between them
            }
            let glued = match (kind_a, kind_b) {
                (Run::Digits, Run::Letters) => {
                    let word = &token[from_b..to_b];
                    word.chars().count() >= MIN_WORD_AFTER_NUMBER_LETTERS
                        && word.chars().all(char::is_lowercase)
                }
                (Run::Letters, Run::Digits) => {
                    let word = &token[from_a..to_a];
                    let opens_token = !token[..from_a].contains(char::is_alphanumeric);
                    opens_token
                        && word.chars().count() >= 2
                        && token[from_b..to_b]
                            .bytes()
                            .filter(u8::is_ascii_digit)
                            .count()
                            >= 2
                        && word.chars().all(char::is_lowercase)
                        && common_words_before_number(word)
                }
                _ => false,
            };
            if glued {
                found.push(start + from_b);
            }
        }
    }
    found
}

/// Whether `word`, glued before a number, is a common word or two run together
/// (`in2013`, `morethan700`: the word pass splits the pair once the number is apart).
fn common_words_before_number(word: &str) -> bool {
    let lexicon = crate::clean::words::lexicon::Lexicon::embedded();
    let common = |w: &str| {
        lexicon
            .zipf(w)
            .is_some_and(|z| z >= MIN_WORD_BEFORE_NUMBER_ZIPF)
    };
    common(word)
        || word
            .char_indices()
            .skip(2)
            .any(|(at, _)| common(&word[..at]) && word.len() - at >= 2 && common(&word[at..]))
}

/// A run of one kind of character in a token.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Run {
    Letters,
    Digits,
}

/// The runs of letters and of digits of `token` (a digit run takes in a decimal point or
/// thousands comma between digits: `4.9`, `1,200`), as (kind, start, end) byte offsets.
fn letter_and_digit_runs(token: &str) -> Vec<(Run, usize, usize)> {
    let mut runs: Vec<(Run, usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let kind = if c.is_ascii_digit() {
            Run::Digits
        } else if c.is_alphabetic() {
            Run::Letters
        } else if matches!(c, '.' | ',')
            && k > 0
            && chars[k - 1].1.is_ascii_digit()
            && chars.get(k + 1).is_some_and(|(_, n)| n.is_ascii_digit())
        {
            Run::Digits
        } else {
            continue;
        };
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some((last_kind, _, last_end)) if *last_kind == kind && *last_end == at => {
                *last_end = end;
            }
            _ => runs.push((kind, at, end)),
        }
    }
    runs
}

/// The byte offsets, just after a punctuation mark, where a space was lost.
fn lost_after_punctuation(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut quotes = StraightQuotes::of(text);
    // Only the characters `lost_at_mark` reads are visited, in order: the ASCII marks and
    // those starting with the byte E2 (`“ ‘ ’ ”`), each at a character boundary.
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        if matches!(
            byte,
            b'\'' | b'"' | b',' | b';' | b':' | b'.' | b'!' | b'?' | 0xE2
        ) {
            let mark = text[at..].chars().next().expect("a character starts here");
            lost_at_mark(text, at, mark, &mut quotes, &mut found);
        }
    }
    found
}

/// What [`lost_after_punctuation`] finds at the character `mark` at `at` (nothing for a
/// character it does not read).
fn lost_at_mark(
    text: &str,
    at: usize,
    mark: char,
    quotes: &mut StraightQuotes,
    found: &mut Vec<usize>,
) {
    {
        if matches!(mark, '“' | '‘') && opens_glued_to_a_word(text, at, mark) {
            // `thework“a valuable`, `teamhad‘simply`: a quotation opened against a word.
            found.push(at);
            return;
        }
        if matches!(mark, '’' | '\'') {
            if let Some(gap) = contraction_glued_to_a_word(text, at) {
                found.push(gap);
            }
            return;
        }
        if mark == '"' {
            if let Some(gap) = quotes.lost_space(text, at) {
                found.push(gap);
            }
            return;
        }
        if mark == '”' {
            // `clean,”shesaid`: a quotation closed after its punctuation, then a word.
            let closes = text[..at].ends_with([',', '.', '!', '?']);
            let after_at = at + mark.len_utf8();
            if closes && text[after_at..].starts_with(char::is_alphabetic) {
                found.push(after_at);
            }
            return;
        }
        if !matches!(mark, ',' | ';' | ':' | '.' | '!' | '?') {
            return;
        }
        // A space after the mark: nothing lost (no case below takes a space for `next`).
        if text.as_bytes().get(at + 1) == Some(&b' ') {
            return;
        }
        let before: Vec<char> = text[..at].chars().rev().take(2).collect();
        let after_at = at + mark.len_utf8();
        let mut after = text[after_at..].chars();
        let (Some(next), second) = (after.next(), after.next()) else {
            return;
        };
        let glued = match mark {
            ',' | ';' => match before.first() {
                Some(c) if c.is_alphabetic() => next.is_alphabetic(),
                // `71,whohas`: after a number only a word of lower-case letters.
                Some(c) if c.is_ascii_digit() => {
                    next.is_lowercase() && second.is_some_and(char::is_lowercase)
                }
                _ => false,
            },
            // `way:thisis`; not `10:30`, `3:1`, a scheme (`https:`, an address anyway).
            ':' => {
                before.first().is_some_and(|c| c.is_lowercase())
                    && next.is_lowercase()
                    && second.is_some_and(char::is_lowercase)
                    && is_plain_word(&text[after_at..])
                    && !after_scheme(&text[..at])
            }
            _ => {
                // `translator.Her`, or a quotation opening the next sentence: `said.“The`.
                let (next, second) = match (next, second) {
                    ('“', Some(quoted)) => (quoted, after.next()),
                    _ => (next, second),
                };
                ends_a_sentence_before(&before)
                    && next.is_uppercase()
                    && second.is_some_and(char::is_lowercase)
            }
        };
        if glued && !in_address(text, at) {
            found.push(after_at);
        }
    }
}

/// Whether the two characters before a full stop (`before`, nearest first) show it ends a
/// sentence rather than an abbreviation or an initial: two lower-case letters
/// (`translator.`), a digit (`in 2009.`, `at 2.30.`; the capital after it rules out a
/// decimal point), or a closing quotation mark or bracket after a lower-case letter or a
/// digit (`gives up’.`, `(in 2019).`). `e.g.`, `U.S.` and `J.` are none of these.
fn ends_a_sentence_before(before: &[char]) -> bool {
    match before {
        [last, previous] if last.is_lowercase() => previous.is_lowercase(),
        [last, ..] if last.is_ascii_digit() => true,
        ['’' | '”' | ')' | '"', previous] => {
            previous.is_lowercase() || previous.is_ascii_digit()
        }
        _ => false,
    }
}

/// Whether the opening quotation mark `mark` at `at` touches the word before it and opens
/// a word after it (`thework“a`, `had‘simply`): prose always sets a space before an
/// opening mark. A `‘` must open at least two letters (`Hawai‘i` keeps its mark).
fn opens_glued_to_a_word(text: &str, at: usize, mark: char) -> bool {
    let before = text[..at].chars().next_back();
    let after: Vec<char> = text[at + mark.len_utf8()..].chars().take(2).collect();
    let opens = match mark {
        '“' => after.first().is_some_and(|c| c.is_alphanumeric()),
        _ => after.len() == 2 && after.iter().all(|c| c.is_alphabetic()),
    };
    before.is_some_and(char::is_alphabetic) && opens && !in_address(text, at)
}

/// The endings an apostrophe opens in a contraction or a possessive (`’s`, `n’t`, `’ll`).
const CONTRACTIONS: &[&str] = &["s", "t", "re", "ve", "ll", "d", "m"];
/// A word glued after a contraction must open with a word at least this frequent (Zipf).
const MIN_WORD_AFTER_CONTRACTION_ZIPF: f32 = 3.5;

/// Where the space lost after a contraction or possessive glued to the next word goes
/// (`cooperative’sownbrand` → after `’s`, `won’tpretend` → after `’t`), for the apostrophe
/// at `at`: a word of two letters or more before it (not an initial: `D’souza`), a
/// contraction's ending after it, then lower-case letters that open with a common word of
/// three letters or more. No word goes on after such an ending.
fn contraction_glued_to_a_word(text: &str, at: usize) -> Option<usize> {
    let mut word_before = text[..at].chars().rev().take_while(|c| c.is_alphabetic());
    let before = word_before.next()?;
    // A word of two letters or more (not an initial: `D’souza`).
    if word_before.next().is_none() || in_address(text, at) {
        return None;
    }
    let rest = &text[at + text[at..].chars().next()?.len_utf8()..];
    let ending = CONTRACTIONS
        .iter()
        .find(|e| rest.starts_with(**e) && (**e != "t" || before == 'n'))?;
    let after = &rest[ending.len()..];
    let letters: &str = &after[..after
        .find(|c: char| !c.is_lowercase())
        .unwrap_or(after.len())];
    if letters.chars().count() < 2 {
        return None;
    }
    let lexicon = crate::clean::words::lexicon::Lexicon::embedded();
    let opens_with_word = letters
        .char_indices()
        .skip(3)
        .map(|(i, _)| i)
        .chain(std::iter::once(letters.len()))
        .any(|end| {
            lexicon
                .zipf(&letters[..end])
                .is_some_and(|z| z >= MIN_WORD_AFTER_CONTRACTION_ZIPF)
        });
    opens_with_word.then_some(text.len() - after.len())
}

/// Straight double quotation marks (`"`) of one paragraph, which open and close alike:
/// counted as they are met, so that one glued to the words on both sides can be read as
/// opening (an even number before it) or closing (an odd number), when the paragraph's
/// marks pair up at all.
struct StraightQuotes {
    paired: bool,
    seen: usize,
}

impl StraightQuotes {
    fn of(text: &str) -> StraightQuotes {
        StraightQuotes {
            paired: text.matches('"').count() % 2 == 0,
            seen: 0,
        }
    }

    /// Where the space lost at the mark at `at` goes, if one was: before an opening mark
    /// glued to a sentence's end (`2021."The` → `2021. "The`), after a closing mark glued
    /// to the next word (`road,"said` → `road," said`).
    /// Called for every mark, in order.
    fn lost_space(&mut self, text: &str, at: usize) -> Option<usize> {
        let index = self.seen;
        self.seen += 1;
        if !self.paired {
            return None;
        }
        let before: Vec<char> = text[..at].chars().rev().take(3).collect();
        let after_at = at + 1;
        let next = text[after_at..].chars().next()?;
        if index % 2 == 0 {
            // Opening: after a sentence's end (`.` with the sentence before it) or a word.
            let after_stop = matches!(before.first(), Some('.' | '!' | '?'))
                && ends_a_sentence_before(&before[1..]);
            let after_word = before.first().is_some_and(|c| c.is_alphabetic());
            ((after_stop && next.is_uppercase()) || (after_word && next.is_alphanumeric()))
                .then_some(at)
        } else {
            // Closing: after punctuation or a word, and a word follows at once.
            let closes = before
                .first()
                .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?') || c.is_alphabetic());
            (closes && next.is_alphabetic()).then_some(after_at)
        }
    }
}

/// URI schemes: a colon after one opens an address, never a clause.
const SCHEMES: &[&str] = &[
    "data",
    "file",
    "ftp",
    "http",
    "https",
    "javascript",
    "mailto",
    "tel",
];

/// Whether `before` (the text up to a colon) ends with a URI scheme as a whole word.
fn after_scheme(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    SCHEMES.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether `rest` opens with a plain word: letters up to the next space, perhaps closed
/// by punctuation (`this`, `this,`), not code (`alert(1)`) or an address's rest.
fn is_plain_word(rest: &str) -> bool {
    let token = rest.split(char::is_whitespace).next().unwrap_or("");
    let word = token.trim_end_matches(['.', ',', ';', '!', '?', '”', '’', '"']);
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Whether the whitespace-delimited token around byte `at` looks like an address, a
/// handle or a link.
fn in_address(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    looks_like_address(&text[start..end])
}

/// Whether `token` holds the marks of an e-mail or web address, a handle or a link: `@`,
/// `/` or `www`.
pub(crate) fn looks_like_address(token: &str) -> bool {
    token.contains(['@', '/']) || token.to_ascii_lowercase().contains("www")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lost_after_punctuation` as it was: every character of the text visited.
    fn lost_after_punctuation_plain(text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        let mut quotes = StraightQuotes::of(text);
        for (at, mark) in text.char_indices() {
            lost_at_mark(text, at, mark, &mut quotes, &mut found);
        }
        found
    }

    /// `remove_stray_spaces`' candidates as they were found: from every space.
    fn stray_spaces_plain(text: &str) -> Vec<usize> {
        let mut found: Vec<usize> = text
            .match_indices(' ')
            .map(|(at, _)| at)
            .filter(|&at| matches!(text.as_bytes().get(at + 1), Some(b',' | b'.')))
            .filter(|&at| is_stray_space(text, at))
            .collect();
        for (at, sign) in text.char_indices().filter(|&(_, c)| is_currency_sign(c)) {
            let space = at + sign.len_utf8();
            let alone = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '—'));
            if alone
                && text[space..].starts_with(' ')
                && text[space + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                found.push(space);
            }
        }
        found.sort_unstable();
        found
    }

    /// Generated paragraphs of every mark the pass reads, glued and spaced, beside
    /// letters, digits and other characters that start with the byte E2 (`—`, `…`, `€`).
    fn generated_paragraphs() -> Vec<String> {
        let pieces = [
            "word", "Word", "we", "s", "t", "ll", "won", "2013", "71", "in", "The", ",", ";", ":",
            ".", "!", "?", "'", "\"", "“", "”", "‘", "’", " ", " ", " ", "—", "…", "€", "é",
            "https", "a@b.c", "e.g", ")", "(", "10", "percent", "U.S", "Ł",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut paragraphs = Vec::new();
        for round in 0..4000 {
            let mut text = String::new();
            for _ in 0..(round % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            paragraphs.push(text);
        }
        paragraphs
    }

    #[test]
    fn marks_found_from_their_bytes_match_the_plain_walks() {
        for text in generated_paragraphs() {
            assert_eq!(
                lost_after_punctuation(&text),
                lost_after_punctuation_plain(&text),
                "{text:?}"
            );
            let mut edits = Vec::new();
            let raw = MappedText::from_raw(&text, Default::default());
            let kept = remove_stray_spaces(&raw, &mut edits);
            let mut expected = text.clone();
            for at in stray_spaces_plain(&text).into_iter().rev() {
                expected.remove(at);
            }
            assert_eq!(kept.as_str(), expected, "{text:?}");
        }
    }

    fn spaced(text: &str) -> String {
        let mut edits = Vec::new();
        let raw = MappedText::from_raw(text, Default::default());
        let out = restore_spaces(&raw, DashStyle::of(text), &mut edits);
        out.as_str().to_string()
    }

    #[test]
    fn glued_punctuation_gets_its_space_back() {
        assert_eq!(
            spaced("in eighteen months,warning that prices rise"),
            "in eighteen months, warning that prices rise"
        );
        assert_eq!(
            spaced("a critic and translator.Her book;the next"),
            "a critic and translator. Her book; the next"
        );
        assert_eq!(spaced("Is it?Yes it is."), "Is it? Yes it is.");
        assert_eq!(
            spaced("up 40percent in2013, for35years, and 200players (since2019)."),
            "up 40 percent in 2013, for 35 years, and 200 players (since 2019)."
        );
        // Two common words glued before a number: the number comes apart, the word pass
        // splits the pair; a code stays whole.
        assert_eq!(
            spaced("morethan700 homes, foundedin2022, abc123"),
            "morethan 700 homes, foundedin 2022, abc123"
        );
        assert_eq!(
            spaced("Aurelio Santiago, 71,who has played; one way:this is it"),
            "Aurelio Santiago, 71, who has played; one way: this is it"
        );
        assert_eq!(
            spaced("“We kept it clean,”she said.“The mosquito did not ask.”"),
            "“We kept it clean,” she said. “The mosquito did not ask.”"
        );
    }

    #[test]
    fn quotation_marks_glued_to_words_get_their_space_back() {
        assert_eq!(
            spaced("called thework“a gift” and had‘simply stopped’ in 2009.“At home"),
            "called thework “a gift” and had ‘simply stopped’ in 2009. “At home"
        );
        assert_eq!(
            spaced("at 2.30.The day gives up’.The line ends (in 2019).Then"),
            "at 2.30. The day gives up’. The line ends (in 2019). Then"
        );
        // Straight marks pair up: the first of a pair opens, the second closes.
        assert_eq!(
            spaced("since 2021.\"The law is new,\"said Ghulam Rasool.\"It stays.\""),
            "since 2021. \"The law is new,\" said Ghulam Rasool. \"It stays.\""
        );
        assert_eq!(
            spaced("it was said\"here\" and so"),
            "it was said \"here\" and so"
        );
    }

    #[test]
    fn a_contraction_glued_to_the_next_word_is_split_after_it() {
        assert_eq!(
            spaced("the cooperative’sown brand, I won’tpretend, the town'sfinances"),
            "the cooperative’s own brand, I won’t pretend, the town's finances"
        );
        for text in [
            "it’s fine, don’t, we’ll, O’Donnell and D’souza",
            "rock ’n’ roll at five o’clock in Hawai‘i",
            "an odd 5\" screen and \"one",
        ] {
            assert_eq!(spaced(text), text);
        }
    }

    #[test]
    fn a_space_before_a_comma_or_full_stop_goes() {
        let removed = |text: &str| {
            let raw = MappedText::from_raw(text, Default::default());
            remove_stray_spaces(&raw, &mut Vec::new())
                .as_str()
                .to_string()
        };
        assert_eq!(
            removed("Alžběta Kovaříková , recalled the day in 1989 .”"),
            "Alžběta Kovaříková, recalled the day in 1989.”"
        );
        for text in ["and then . . . nothing", "a value of .5 and ,x"] {
            assert_eq!(removed(text), text);
        }
        // pypdf spaces a currency sign drawn from another font off its amount.
        assert_eq!(
            removed("about ₹ 1,800 an acre, (€ 35 million) or $ 12"),
            "about ₹1,800 an acre, (€35 million) or $12"
        );
        for text in ["costs 5 € each", "US$ 40", "the £ sign", "€ and $ x"] {
            assert_eq!(removed(text), text, "{text}");
        }
    }

    #[test]
    fn dashes_follow_the_documents_habit() {
        assert_eq!(
            spaced("the building — all of it — outright—the rest, the season— when he came —rose"),
            "the building — all of it — outright — the rest, the season — when he came — rose"
        );
        let closed = "the building—all of it—outright, from 1990—2000";
        assert_eq!(spaced(closed), closed);
    }

    #[test]
    fn numbers_abbreviations_and_addresses_stay() {
        for text in [
            "about 1,200 people and 3.5 per cent",
            "the U.S.A. and e.g. this, or Ph.D",
            "write to news@paper.Example and see paper.com/News.Today",
            "visit www.Paper.com today",
            "at 10:30 and 3:1, a score of 2,a4 and https://x.example",
            "in the 1990s, on the 21st, 10km away at 5pm, an mp3 of abc123 at g20",
            "click javascript:alert(1) or mailto:desk now",
            "a note.",
            "“A quote.” “Another.” He said “No,” and left",
            "see e.g.The Times and J.K.Rowling",
        ] {
            assert_eq!(spaced(text), text);
        }
    }
}
