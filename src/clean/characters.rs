//! Pass 2, characters: copy artifacts that live in single characters.
//!
//! * mojibake — UTF-8 that was once decoded as Windows-1252 (`â€™` for `’`, `Ã©` for `é`),
//!   repaired only when [`looks_mis_decoded`] finds such sequences (ftfy's rule: never
//!   touch text that was decoded correctly);
//! * ligatures (`ﬁ` → `fi`), soft hyphens (removed, but for one before a line-end hyphen,
//!   kept as the layout pass's mark that the line broke a word there), NBSP and other
//!   fixed-width spaces and tabs (→ a plain space), and runs of spaces (→ one);
//! * zero-width characters where they are copy damage: inside a Latin word, at a word's
//!   edge, doubled. A zero-width joiner that binds an emoji sequence (👩‍💻), a joiner or
//!   non-joiner inside a word of a script that shapes letters by them (Persian
//!   `می‌خواهم`, Hindi `क्‍ष`, Malayalam's chillu letters) and a zero-width space between
//!   Thai, Lao, Khmer or Myanmar words are text, and stay (`zero_width_fates`);
//! * an acute accent between two letters (`don´t`), as some fonts' copy sets the
//!   apostrophe, made the apostrophe (`’`);
//! * a letter followed by combining accents (text copied in decomposed form, NFD, as some
//!   PDF tools and macOS give it: `e` and U+0301) composed into the one character it
//!   stands for (`é`, NFC), as the lexicon, the name lists and every other copy spell it.
//!
//! Curly quotes, dashes and every other character stay exactly as they are. The result is
//! a [`MappedText`] whose anchors lead back to raw line:column, and one [`Edit`] per repair.
//!
//! Nearly every line of a typical paste needs none of this, and a character-by-character
//! walk of each line was most of the pass's cost. So `SuspectBytes` first finds, with
//! vectorised searches over the whole text, the few places where a repair can start (a tab,
//! a doubled space, the lead byte of a character that `classify` may repair); a line
//! without one is copied as it is (a run of such lines at once, with
//! [`MappedText::push_raw_lines`]), and only the others are walked by `repair_line`. A
//! differential test holds this to walking every line.

use memchr::memmem;

use crate::diagnostic::Position;

use super::mapped::MappedText;
use super::Edit;

/// Applies every character repair to `text` (decoded, LF line ends).
pub fn repair_characters(text: &str, edits: &mut Vec<Edit>) -> MappedText {
    let fix_mojibake = looks_mis_decoded(text);
    let mut suspects = SuspectBytes::new(text, fix_mojibake);
    // Repairs never lengthen the text; a line takes one anchor, a repair two more.
    let mut out = MappedText::with_capacity(text.len(), text.len() / 32 + 8);
    // The lines before the next place a repair may start are copied as they are, all at
    // once; only the line holding that place is walked.
    let mut line_start = 0;
    let mut line_number = 1;
    while line_start < text.len() {
        let suspect = suspects.next_from(line_start);
        if suspect == text.len() {
            out.push_raw_lines(&text[line_start..], line_number);
            break;
        }
        let before = &text.as_bytes()[line_start..suspect];
        let suspect_line =
            memchr::memrchr(b'\n', before).map_or(line_start, |at| line_start + at + 1);
        line_number += out.push_raw_lines(&text[line_start..suspect_line], line_number);
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[suspect..])
            .map_or(text.len(), |at| suspect + at + 1);
        let line = &text[suspect_line..line_end];
        repair_line(line, line_number, fix_mojibake, &mut out, edits);
        line_number += 1;
        line_start = line_end;
    }
    out
}

/// Where in a text a character repair may start, for places asked about in order.
///
/// Three searches run ahead of the lines, each remembering its next hit: tabs and the
/// lead bytes 0xC2 (NBSP, soft hyphen) and 0xEF (ligatures, U+FEFF); lead bytes 0xE2
/// and 0xE3 (and 0xC3, the start of mojibake, when it is being repaired) whose character
/// [`single_character_fix`] would change (curly quotes and dashes, the common ones, are
/// skipped here once); and doubled spaces. A line holding none of these is left as it is
/// by [`repair_line`]: every repair starts at one of them.
struct SuspectBytes<'a> {
    text: &'a str,
    fix_mojibake: bool,
    doubled_space: memmem::Finder<'static>,
    /// Next hit at or after the last `from` asked about, per search (`text.len()`: none).
    next_mark: usize,
    next_wide: usize,
    next_double: usize,
    next_combining: usize,
}

impl<'a> SuspectBytes<'a> {
    fn new(text: &'a str, fix_mojibake: bool) -> SuspectBytes<'a> {
        let mut suspects = SuspectBytes {
            text,
            fix_mojibake,
            doubled_space: memmem::Finder::new(b"  "),
            next_mark: 0,
            next_wide: 0,
            next_double: 0,
            next_combining: 0,
        };
        suspects.next_mark = suspects.find_mark(0);
        suspects.next_wide = suspects.find_wide(0);
        suspects.next_double = suspects.find_double(0);
        suspects.next_combining = suspects.find_combining(0);
        suspects
    }

    /// The first place at or after `from` where a repair may start (`text.len()`: none);
    /// `from` must not go back between calls.
    fn next_from(&mut self, from: usize) -> usize {
        if self.next_mark < from {
            self.next_mark = self.find_mark(from);
        }
        if self.next_wide < from {
            self.next_wide = self.find_wide(from);
        }
        if self.next_double < from {
            self.next_double = self.find_double(from);
        }
        if self.next_combining < from {
            self.next_combining = self.find_combining(from);
        }
        self.next_mark
            .min(self.next_wide)
            .min(self.next_double)
            .min(self.next_combining)
    }

    /// The lead bytes of the combining accents U+0300 to U+036F, which text copied in
    /// decomposed form (NFD) sets after their letters.
    fn find_combining(&self, from: usize) -> usize {
        let bytes = &self.text.as_bytes()[from..];
        memchr::memchr2(0xCC, 0xCD, bytes).map_or(self.text.len(), |i| from + i)
    }

    fn find_mark(&self, from: usize) -> usize {
        let bytes = &self.text.as_bytes()[from..];
        memchr::memchr3(b'\t', 0xC2, 0xEF, bytes).map_or(self.text.len(), |i| from + i)
    }

    fn find_wide(&self, from: usize) -> usize {
        let mojibake_lead = if self.fix_mojibake { 0xC3 } else { 0xE3 };
        let bytes = &self.text.as_bytes()[from..];
        memchr::memchr3_iter(0xE2, 0xE3, mojibake_lead, bytes)
            .map(|i| from + i)
            .find(|&at| self.may_repair_wide(at))
            .unwrap_or(self.text.len())
    }

    /// Whether the character whose lead byte is at `at` (0xC2, 0xE2 or 0xE3) may be repaired.
    fn may_repair_wide(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        if rest.as_bytes()[0] == 0xC3 {
            return true;
        }
        rest.chars().next().is_some_and(|c| {
            c == '\u{2010}' || is_zero_width(c) || single_character_fix(c).is_some()
        })
    }

    fn find_double(&self, from: usize) -> usize {
        let bytes = &self.text.as_bytes()[from..];
        self.doubled_space
            .find(bytes)
            .map_or(self.text.len(), |i| from + i)
    }
}

/// The badness test: true when the text holds at least one run of characters that, written
/// back as Windows-1252 bytes, is a valid multi-byte UTF-8 sequence (such runs, like `â€™`
/// or `Ã©`, do not occur in text that was decoded correctly).
pub fn looks_mis_decoded(text: &str) -> bool {
    // A mojibake run starts with a character from U+00C2 to U+00F4 (the Windows-1252
    // reading of a UTF-8 lead byte), and in UTF-8 each of those starts with byte 0xC3.
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|i| mojibake_at(&text[i..]).is_some())
}

fn repair_line(
    line: &str,
    line_number: usize,
    fix_mojibake: bool,
    out: &mut MappedText,
    edits: &mut Vec<Edit>,
) {
    // Most lines are plain ASCII with single spaces: three fast scans prove there is
    // nothing to repair.
    if line.is_ascii() && !line.contains('\t') && !line.contains("  ") {
        out.push_verbatim(line, Position::new(line_number, 1));
        return;
    }
    let mut run_start = 0; // byte offset in `line` of the verbatim run being copied
    let mut run_column = 1;
    let mut column = 1; // raw column of the character at `i`
    let mut i = 0;
    let mut last_out_is_space = false;
    let bytes = line.as_bytes();
    while i < line.len() {
        // A letter and the combining accents after it, composed where one character is
        // the same letter (NFC): `e` and U+0301 are `é`, as the lexicon and names spell it.
        let composes = |next: usize| next < line.len() && matches!(bytes[next], 0xCC | 0xCD);
        let c_len = match bytes[i] {
            0..0x80 => 1,
            _ => line[i..].chars().next().map_or(1, char::len_utf8),
        };
        if composes(i + c_len) {
            if let Some((composed, raw_len, raw_chars)) = composed_at(&line[i..]) {
                out.push_verbatim(&line[run_start..i], Position::new(line_number, run_column));
                out.push_replacement(&composed, Position::new(line_number, column));
                record(
                    edits,
                    line_number,
                    column,
                    &line[i..i + raw_len],
                    &composed,
                    "letter and combining accent composed into one character (NFC)",
                );
                last_out_is_space = false;
                i += raw_len;
                column += raw_chars;
                run_start = i;
                run_column = column;
                continue;
            }
        }
        // Fast path: ASCII other than a tab or a second space needs no repair.
        let b = bytes[i];
        if b.is_ascii() && b != b'\t' && !(b == b' ' && last_out_is_space) {
            last_out_is_space = b == b' ';
            i += 1;
            column += 1;
            continue;
        }
        let rest = &line[i..];
        let c = rest.chars().next().expect("inside the line");
        if is_zero_width(c) {
            // The run of zero-width characters is judged as a whole, by what stands
            // around it: each either stays (part of the verbatim run) or is removed.
            let run_len = rest.find(|c| !is_zero_width(c)).unwrap_or(rest.len());
            let run = &rest[..run_len];
            let fates = zero_width_fates(
                run,
                line[..i].chars().next_back(),
                rest[run_len..].chars().next(),
            );
            for ((offset, z), fate) in run.char_indices().zip(fates) {
                if let Some(reason) = fate {
                    let at = i + offset;
                    out.push_verbatim(&line[run_start..at], Position::new(line_number, run_column));
                    out.push_replacement("", Position::new(line_number, column));
                    record(
                        edits,
                        line_number,
                        column,
                        &line[at..at + z.len_utf8()],
                        "",
                        reason,
                    );
                    run_start = at + z.len_utf8();
                    run_column = column + 1;
                }
                column += 1;
            }
            i += run_len;
            continue;
        }
        let fix = if c == ' ' && last_out_is_space {
            Some((String::new(), 1, "doubled space removed"))
        } else if c == '\u{B4}' && is_apostrophe_place(&line[..i], &rest[c.len_utf8()..]) {
            Some((
                "\u{2019}".to_string(),
                c.len_utf8(),
                "acute accent between letters made an apostrophe",
            ))
        } else {
            classify(rest, fix_mojibake)
        };
        let (replacement, raw_len, reason) = match fix {
            Some(fix) => fix,
            None => {
                last_out_is_space = c == ' ';
                i += c.len_utf8();
                column += 1;
                continue;
            }
        };
        let raw_text = &rest[..raw_len];
        let raw_chars = raw_text.chars().count();
        // A space after a space is a doubled space: drop it.
        let (replacement, reason) = if replacement == " " && last_out_is_space {
            (String::new(), "doubled space removed")
        } else {
            (replacement, reason)
        };
        out.push_verbatim(&line[run_start..i], Position::new(line_number, run_column));
        out.push_replacement(&replacement, Position::new(line_number, column));
        record(edits, line_number, column, raw_text, &replacement, reason);
        if !replacement.is_empty() {
            last_out_is_space = replacement.ends_with(' ');
        }
        i += raw_len;
        column += raw_chars;
        run_start = i;
        run_column = column;
    }
    out.push_verbatim(&line[run_start..], Position::new(line_number, run_column));
}

/// Whether a mark between `before` and `after` stands where an apostrophe does: between
/// two letters (`don´t`, `Tom´s`), as some fonts' copy gives the apostrophe.
fn is_apostrophe_place(before: &str, after: &str) -> bool {
    before.chars().next_back().is_some_and(char::is_alphabetic)
        && after.chars().next().is_some_and(char::is_alphabetic)
}

/// The letter at the start of `rest` with the combining marks after it, composed (NFC),
/// when that changes it: (composed text, raw bytes, raw characters).
fn composed_at(rest: &str) -> Option<(String, usize, usize)> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut chars = rest.char_indices();
    let (_, base) = chars.next()?;
    if !base.is_alphabetic() {
        return None;
    }
    let end = chars
        .find(|(_, c)| !is_combining_mark(*c))
        .map_or(rest.len(), |(at, _)| at);
    let cluster = &rest[..end];
    let composed: String = cluster.nfc().collect();
    (composed != cluster).then(|| (composed, end, cluster.chars().count()))
}

/// Adds an edit, merging it into the previous one when they touch (a run of NBSPs or
/// zero-width characters is one edit, not many).
fn record(
    edits: &mut Vec<Edit>,
    line: usize,
    column: usize,
    before: &str,
    after: &str,
    reason: &str,
) {
    if let Some(last) = edits.last_mut() {
        let last_end = last.position.column + last.before.chars().count();
        if last.pass == "characters"
            && last.position.line == line
            && last_end == column
            && last.reason == reason
        {
            last.before.push_str(before);
            last.after.push_str(after);
            return;
        }
    }
    edits.push(Edit {
        pass: "characters",
        position: Position::new(line, column),
        before: before.to_string(),
        after: after.to_string(),
        reason: reason.to_string(),
        confidence: 1.0,
    });
}

/// The repair for the text at the start of `rest`, if any: (replacement, raw bytes, reason).
fn classify(rest: &str, fix_mojibake: bool) -> Option<(String, usize, &'static str)> {
    let c = rest.chars().next()?;
    if c.is_ascii() && c != '\t' {
        return None;
    }
    if fix_mojibake {
        if let Some((decoded, len)) = mojibake_at(rest) {
            let repaired = match single_character_fix(decoded) {
                Some((fixed, _)) => fixed.to_string(),
                None => decoded.to_string(),
            };
            return Some((
                repaired,
                len,
                "mojibake repaired (UTF-8 read as Windows-1252)",
            ));
        }
    }
    if c == '\u{00AD}' {
        // A soft hyphen at a line's end, with or without the hyphen a layout engine
        // draws there (Chromium's PDFs give `Re\u{AD}\u{2010}`): the line broke a word
        // at one of its hyphenation points. The soft hyphen stays, alone, as the mark of
        // that break for the layout pass, which joins the word whatever the lexicon says.
        let after = &rest[c.len_utf8()..];
        let hyphen = after
            .chars()
            .next()
            .filter(|&h| h == '\u{2010}' || h == '-')
            .map_or(0, char::len_utf8);
        if hyphen > 0 && after[hyphen..].trim().is_empty() {
            return Some((
                "\u{00AD}-".into(),
                c.len_utf8() + hyphen,
                "line-end hyphen after a soft hyphen made a plain hyphen: the word broke there",
            ));
        }
    }
    if c == '\u{2010}' && rest[c.len_utf8()..].trim().is_empty() {
        // PDF text breaks a hyphenated word with U+2010 HYPHEN: the layout pass reads a
        // line-end hyphen as the ASCII one.
        return Some((
            "-".into(),
            c.len_utf8(),
            "line-end U+2010 hyphen made a plain hyphen",
        ));
    }
    single_character_fix(c).map(|(fixed, reason)| (fixed.to_string(), c.len_utf8(), reason))
}

/// The repair for one character, if it is an artifact.
fn single_character_fix(c: char) -> Option<(&'static str, &'static str)> {
    let fix = match c {
        '\u{FB00}' => ("ff", "ligature expanded"),
        '\u{FB01}' => ("fi", "ligature expanded"),
        '\u{FB02}' => ("fl", "ligature expanded"),
        '\u{FB03}' => ("ffi", "ligature expanded"),
        '\u{FB04}' => ("ffl", "ligature expanded"),
        '\u{FB05}' | '\u{FB06}' => ("st", "ligature expanded"),
        '\u{00AD}' => ("", "soft hyphen removed"),
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{3000}' => {
            (" ", "non-breaking or fixed-width space made a plain space")
        }
        '\t' => (" ", "tab made a plain space"),
        _ => return None,
    };
    Some(fix)
}

/// Whether `c` is a zero-width character the pass judges: zero-width space, non-joiner and
/// joiner, word joiner, and U+FEFF (a byte-order mark inside the text).
fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// What becomes of each character of `run`, a run of zero-width characters between
/// `before` and `after` (the characters around it on its line, if any): `None` to keep it,
/// else the reason it is removed.
///
/// Joiners are text, not damage, in two places: a zero-width joiner (U+200D) binds an
/// emoji sequence (👩‍💻, 🏳️‍🌈), and a joiner or non-joiner (U+200C) between two letters of a
/// script that shapes by them (Arabic, Persian and Urdu, Syriac, Devanagari and the other
/// Indic scripts, Sinhala, Malayalam) or after an Indic virama (the half forms and
/// Malayalam's chillu letters, which end words) chooses the letters' shape. A zero-width
/// space between two letters of Thai, Lao, Khmer or Myanmar, scripts written without
/// spaces, marks where a word ends. In each place one such character stays (the first);
/// every other zero-width character is copy damage: inside a Latin word, at a word's edge,
/// doubled.
fn zero_width_fates(
    run: &str,
    before: Option<char>,
    after: Option<char>,
) -> Vec<Option<&'static str>> {
    let allowed = |c: char| match c {
        '\u{200D}' => joins_emoji(before, after) || joins_letters(before, after),
        '\u{200C}' => joins_letters(before, after),
        '\u{200B}' => separates_words(before, after),
        _ => false,
    };
    let kept = run.chars().position(allowed);
    run.chars()
        .enumerate()
        .map(|(n, c)| match c {
            _ if Some(n) == kept => None,
            '\u{200C}' | '\u{200D}' if kept.is_some() && allowed(c) => Some(DOUBLED_JOINER),
            '\u{200C}' => Some(STRAY_NON_JOINER),
            '\u{200D}' => Some(STRAY_JOINER),
            _ => Some("zero-width character removed"),
        })
        .collect()
}

const DOUBLED_JOINER: &str = "doubled zero-width joiner removed";
const STRAY_NON_JOINER: &str =
    "zero-width non-joiner removed (not inside a word of a script that uses it)";
const STRAY_JOINER: &str =
    "zero-width joiner removed (not inside an emoji sequence or a word of a script that uses it)";

/// Whether a zero-width joiner between `before` and `after` binds an emoji sequence: it
/// follows an emoji (or the variation selector, skin tone or tag that ends one) and
/// another emoji follows it.
fn joins_emoji(before: Option<char>, after: Option<char>) -> bool {
    let ends_emoji = |c: char| {
        is_pictographic(c)
            || matches!(
                c,
                '\u{FE0F}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}'
            )
    };
    before.is_some_and(ends_emoji) && after.is_some_and(is_pictographic)
}

/// Characters that emoji sequences are made of: the emoji and pictograph blocks, and the
/// older symbols that take part in sequences (♀, ♂, ⚕, ❤, ☠, ⬛, ↔ …).
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{1F000}'..='\u{1FAFF}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{25A0}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{00A9}'
            | '\u{00AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
    )
}

/// Whether a joiner or non-joiner between `before` and `after` is part of a word of a
/// script that shapes its letters by them: it stands between two letters (or marks) of
/// the same such script, or after an Indic virama (a half form or a chillu letter, which
/// may end a word).
fn joins_letters(before: Option<char>, after: Option<char>) -> bool {
    let Some(before) = before else {
        return false;
    };
    if is_virama(before) {
        return true;
    }
    match (joining_script(before), after.and_then(joining_script)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The script of a letter or mark of the scripts whose words use joiners (an id only
/// compared for equality), or `None` for any other character, digits and punctuation of
/// those scripts included.
fn joining_script(c: char) -> Option<u32> {
    if c.is_numeric() || is_joining_script_punctuation(c) {
        return None;
    }
    let code = c as u32;
    let script = match code {
        // Arabic, Persian, Urdu: the Arabic blocks and presentation forms.
        0x0610..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC => {
            0x0600
        }
        0x0700..=0x074F | 0x0860..=0x086F => 0x0700, // Syriac
        0x07C0..=0x07FF => 0x07C0,                   // N'Ko
        0x1800..=0x18AF => 0x1800,                   // Mongolian
        0xA8E0..=0xA8FF => 0x0900,                   // Devanagari Extended
        // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
        // Malayalam, Sinhala: one block of 128 each.
        0x0900..=0x0DFF => code & !0x7F,
        _ => return None,
    };
    Some(script)
}

/// Punctuation and signs inside the joining scripts' blocks, which no word has inside it.
fn is_joining_script_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{060F}'
            | '\u{061B}'..='\u{061F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{06DD}'
            | '\u{06DE}'
            | '\u{06E9}'
            | '\u{FD3E}'
            | '\u{FD3F}'
            | '\u{0700}'..='\u{070F}'
            | '\u{07F6}'..='\u{07F9}'
            | '\u{1800}'..='\u{180F}'
            | '\u{0964}'
            | '\u{0965}'
            | '\u{0970}'
            | '\u{0DF4}'
    )
}

/// The sign that takes a consonant's vowel away in the Indic scripts (virama, halant,
/// hasant, al-lakuna): a joiner after it picks the consonant's half or chillu form.
fn is_virama(c: char) -> bool {
    matches!(
        c,
        '\u{094D}'
            | '\u{09CD}'
            | '\u{0A4D}'
            | '\u{0ACD}'
            | '\u{0B4D}'
            | '\u{0BCD}'
            | '\u{0C4D}'
            | '\u{0CCD}'
            | '\u{0D3B}'
            | '\u{0D3C}'
            | '\u{0D4D}'
            | '\u{0DCA}'
    )
}

/// Whether a zero-width space between `before` and `after` marks a word's end in a
/// script written without spaces (Thai, Lao, Myanmar, Khmer).
fn separates_words(before: Option<char>, after: Option<char>) -> bool {
    let script = |c: char| match c as u32 {
        _ if c.is_numeric() => None,
        0x0E00..=0x0E7F => Some(0x0E00),
        0x0E80..=0x0EFF => Some(0x0E80),
        0x1000..=0x109F => Some(0x1000),
        0x1780..=0x17FF => Some(0x1780),
        _ => None,
    };
    match (before.and_then(script), after.and_then(script)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// If `rest` starts with a mojibake sequence, the character it stands for and its length
/// in bytes.
fn mojibake_at(rest: &str) -> Option<(char, usize)> {
    let mut chars = rest.char_indices();
    let (_, lead) = chars.next()?;
    let lead_byte = windows_1252_byte(lead)?;
    let continuation = match lead_byte {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead_byte];
    let mut end = lead.len_utf8();
    for _ in 0..continuation {
        let (at, c) = chars.next()?;
        let b = windows_1252_byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
        bytes.push(b);
        end = at + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    // A C1 control is not a believable original character.
    if ('\u{80}'..='\u{9F}').contains(&decoded) {
        return None;
    }
    Some((decoded, end))
}

/// The Windows-1252 byte for a non-ASCII character, if it has one. Undefined bytes
/// (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control of the same value.
fn windows_1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    let byte = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain pass: every line walked character by character.
    fn repair_every_line(text: &str) -> (MappedText, Vec<Edit>) {
        let fix_mojibake = looks_mis_decoded(text);
        let mut out = MappedText::default();
        let mut edits = Vec::new();
        for (index, line) in text.split_inclusive('\n').enumerate() {
            repair_line(line, index + 1, fix_mojibake, &mut out, &mut edits);
        }
        (out, edits)
    }

    /// Skipping the lines [`SuspectBytes`] finds clean changes nothing: same text, same
    /// map, same edits, on generated text dense in every character the pass looks at.
    #[test]
    fn skipping_clean_lines_is_the_same_as_walking_every_line() {
        const PIECES: &[&str] = &[
            "word", "a", " ", "  ", "\n", "\t", "\u{a0}", "\u{ad}", "ﬁ", "ﬀ", "\u{200b}",
            "\u{2060}", "\u{feff}", "\u{202f}", "\u{3000}", "\u{2009}", "’", "“", "”", "—", "é",
            "Ã©", "â€™", "Â", "Ã", "£", "\u{e000}", "ー", "ğ", "\u{200c}", "\u{200d}", "👩", "ی",
            "क्", "ไ",
        ];
        let mut state: u64 = 0x6A09_E667_F3BC_C908;
        let mut checked_mojibake = 0;
        for round in 0..4_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 60) as usize;
            // Half the texts keep to the common pieces, so that most of their lines are clean.
            let alphabet = if round % 2 == 0 { &PIECES[..4] } else { PIECES };
            let mut text: String = (0..len)
                .map(|i| alphabet[((state >> (i % 47)) as usize + i * 3) % alphabet.len()])
                .collect();
            if round % 2 == 1 {
                text.push_str(&PIECES[(state % PIECES.len() as u64) as usize].repeat(2));
            }
            checked_mojibake += usize::from(looks_mis_decoded(&text));
            let mut edits = Vec::new();
            let fast = repair_characters(&text, &mut edits);
            let (plain, plain_edits) = repair_every_line(&text);
            assert_eq!(fast, plain, "{text:?}");
            assert_eq!(edits, plain_edits, "{text:?}");
        }
        assert!(checked_mojibake > 100, "{checked_mojibake}");
    }

    fn repair(text: &str) -> (String, Vec<Edit>) {
        let mut edits = Vec::new();
        let out = repair_characters(text, &mut edits);
        (out.as_str().to_string(), edits)
    }

    #[test]
    fn mojibake_is_repaired_when_the_text_is_mis_decoded() {
        let (text, edits) = repair("Pakistanâ€™s cafÃ© â€œtalksâ€\u{9d}\n");
        assert_eq!(text, "Pakistan’s café “talks”\n");
        assert_eq!(edits[0].before, "â€™");
        assert_eq!(edits[0].after, "’");
        assert_eq!(edits[0].position, Position::new(1, 9));
    }

    #[test]
    fn correctly_decoded_text_is_left_alone() {
        let text = "Erdoğan’s “naïve” café — Â fine, Ã alone, Turkiye\n";
        assert!(!looks_mis_decoded(text));
        assert_eq!(repair(text).0, text);
    }

    #[test]
    fn ligatures_soft_hyphens_and_zero_width_go() {
        let (text, edits) = repair("ﬁnal of\u{ad}ﬁce a\u{200b}\u{200b}b\n");
        assert_eq!(text, "final office ab\n");
        assert_eq!(edits.len(), 4);
        assert_eq!(edits[3].before, "\u{200b}\u{200b}");
        assert_eq!(edits[3].position, Position::new(1, 14));
    }

    /// Joiners that are text stay byte for byte: emoji sequences, words of scripts that
    /// shape letters by them, Malayalam's chillu letters at a word's end, and the
    /// zero-width space between Thai words.
    #[test]
    fn joiners_that_are_text_stay() {
        const KEPT: &[(&str, &str)] = &[
            ("👩\u{200d}💻", "woman technologist"),
            ("👨\u{200d}👩\u{200d}👧", "family"),
            (
                "🏳\u{fe0f}\u{200d}🌈",
                "rainbow flag, ZWJ after a variation selector",
            ),
            (
                "🏴\u{200d}☠\u{fe0f}",
                "pirate flag, ZWJ before an older symbol",
            ),
            ("🧑🏽\u{200d}🚀", "astronaut, ZWJ after a skin tone"),
            ("👩\u{200d}❤\u{fe0f}\u{200d}👨", "couple with heart"),
            ("می\u{200c}خواهم", "Persian: ZWNJ inside a word"),
            ("کتاب\u{200c}ها", "Persian plural suffix"),
            ("ل\u{200d}ا", "Arabic: ZWJ between letters"),
            ("क्\u{200d}ष", "Hindi: ZWJ after a virama"),
            ("क्\u{200c}ष", "Hindi: ZWNJ after a virama"),
            ("র\u{200d}্যাব", "Bengali: ZWJ before a virama (ya-phala)"),
            ("ශ්\u{200d}රී", "Sinhala: ZWJ after al-lakuna"),
            (
                "അവന്\u{200d} പോയി",
                "Malayalam: chillu letter at a word's end",
            ),
            ("ภาษา\u{200b}ไทย", "Thai: zero-width space between words"),
        ];
        for &(text, case) in KEPT {
            let line = format!("{text} said\n");
            let (out, edits) = repair(&line);
            assert_eq!(out, line, "{case}");
            assert!(edits.is_empty(), "{case}: {edits:?}");
        }
    }

    /// Zero-width characters that are copy damage go, each removal an edit with its
    /// column and reason: inside Latin words, at a word's edge, between scripts, doubled.
    #[test]
    fn zero_width_damage_goes_with_its_reason() {
        const JOINER: &str =
            "zero-width joiner removed (not inside an emoji sequence or a word of a script that uses it)";
        const NON_JOINER: &str =
            "zero-width non-joiner removed (not inside a word of a script that uses it)";
        const DOUBLED: &str = "doubled zero-width joiner removed";
        const SPACE: &str = "zero-width character removed";
        // (raw, repaired, column of the first edit, reason of every edit)
        const REMOVED: &[(&str, &str, usize, &str)] = &[
            ("zero\u{200d}width", "zerowidth", 5, JOINER),
            ("zero\u{200c}width", "zerowidth", 5, NON_JOINER),
            ("zero\u{200b}width", "zerowidth", 5, SPACE),
            ("zero\u{2060}width", "zerowidth", 5, SPACE),
            ("zero\u{feff}width", "zerowidth", 5, SPACE),
            ("word\u{200d} next", "word next", 5, JOINER),
            ("\u{200d}👩 at the start", "👩 at the start", 1, JOINER),
            ("👩\u{200d} 💻", "👩 💻", 2, JOINER),
            ("👩\u{200c}💻", "👩💻", 2, NON_JOINER),
            ("a\u{200d}👩", "a👩", 2, JOINER),
            ("می\u{200c} خواهم", "می خواهم", 3, NON_JOINER),
            ("می\u{200d}x", "میx", 3, JOINER),
            ("۱\u{200c}۲", "۱۲", 2, NON_JOINER),
            ("ل\u{200c}क", "لक", 2, NON_JOINER),
            ("می\u{200c}\u{200c}خواهم", "می\u{200c}خواهم", 4, DOUBLED),
            ("👩\u{200d}\u{200d}💻", "👩\u{200d}💻", 3, DOUBLED),
            ("ภาษา\u{200b}\u{200b}ไทย", "ภาษา\u{200b}ไทย", 6, SPACE),
            ("ภาษา\u{200d}ไทย", "ภาษาไทย", 5, JOINER),
        ];
        for &(raw, repaired, column, reason) in REMOVED {
            let (out, edits) = repair(&format!("{raw}\n"));
            assert_eq!(out, format!("{repaired}\n"), "{raw:?}");
            assert!(!edits.is_empty(), "{raw:?}");
            assert_eq!(edits[0].position, Position::new(1, column), "{raw:?}");
            for edit in &edits {
                assert_eq!(edit.reason, reason, "{raw:?}");
                assert_eq!(edit.after, "", "{raw:?}");
                assert!(edit.before.chars().all(is_zero_width), "{raw:?}");
            }
        }
    }

    /// A run of several kinds keeps the one the place allows and names each removal.
    #[test]
    fn a_mixed_run_keeps_the_joiner_its_place_allows() {
        let (out, edits) = repair("می\u{200b}\u{200c}\u{200d}خواهم\n");
        assert_eq!(out, "می\u{200c}خواهم\n");
        let removed: Vec<(&str, usize)> = edits
            .iter()
            .map(|e| (e.before.as_str(), e.position.column))
            .collect();
        assert_eq!(removed, [("\u{200b}", 3), ("\u{200d}", 5)]);
        assert_eq!(edits[1].reason, "doubled zero-width joiner removed");
        // Across a repaired line the map still leads back to raw columns.
        let mut edits = Vec::new();
        let mapped = repair_characters("a\u{200d}b 👩\u{200d}💻 c\n", &mut edits);
        assert_eq!(mapped.as_str(), "ab 👩\u{200d}💻 c\n");
        assert_eq!(
            mapped.position_at(mapped.as_str().find('c').unwrap()),
            Position::new(1, 9)
        );
    }

    #[test]
    fn nbsp_and_doubled_spaces_become_one_space() {
        let (text, edits) = repair("Mr\u{a0}Khan  said\u{a0} so\n  x\n");
        assert_eq!(text, "Mr Khan said so\n x\n");
        assert!(edits.iter().all(|e| e.pass == "characters"));
        assert_eq!(edits[1].position, Position::new(1, 9));
    }

    #[test]
    fn positions_after_a_repair_map_back_to_raw_columns() {
        let mut edits = Vec::new();
        let out = repair_characters("ﬁne  day\nnext\n", &mut edits);
        assert_eq!(out.as_str(), "fine day\nnext\n");
        assert_eq!(out.position_at(5), Position::new(1, 6)); // "d"
        assert_eq!(out.position_at(9), Position::new(2, 1));
    }

    #[test]
    fn curly_quotes_and_dashes_stay() {
        let text = "“It’s — ‘fine’ – ok…”\n";
        assert_eq!(repair(text).0, text);
    }

    #[test]
    fn an_acute_accent_between_letters_is_an_apostrophe() {
        let mut edits = Vec::new();
        let out = repair_characters(
            "The council´s plan: don´t wait. A ´ alone, and ´x.",
            &mut edits,
        );
        assert_eq!(
            out.as_str(),
            "The council’s plan: don’t wait. A ´ alone, and ´x."
        );
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].position, Position::new(1, 12));
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let raw =
            "Gu\u{308}lsen Ayd\u{131}n met Nguye\u{302}\u{303}n in Ha\u{300} No\u{323}\u{302}i.";
        let mut edits = Vec::new();
        let out = repair_characters(raw, &mut edits);
        assert_eq!(out.as_str(), "Gülsen Aydın met Nguyễn in Hà Nội.");
        assert_eq!(edits.len(), 4, "{edits:#?}");
        assert_eq!(edits[0].position, Position::new(1, 2));
        assert_eq!(edits[0].before, "u\u{308}");
        assert_eq!(edits[0].after, "ü");
        // Positions after a composed letter are the raw file's: `met` is at column 15.
        let met = out.as_str().find("met").unwrap();
        assert_eq!(out.position_at(met), Position::new(1, 15));
        // A combining mark with no letter before it, and composed text, stay.
        let mut edits = Vec::new();
        assert_eq!(
            repair_characters("\u{301} café", &mut edits).as_str(),
            "\u{301} café"
        );
        assert!(edits.is_empty());
    }
}
