//! Pass 2, characters: copy artifacts that live in single characters.
//!
//! * mojibake — UTF-8 that was once decoded as Windows-1252 (`â€™` for `’`, `Ã©` for `é`),
//!   repaired only when [`looks_mis_decoded`] finds such sequences (ftfy's rule: never
//!   touch text that was decoded correctly);
//! * ligatures (`ﬁ` → `fi`), soft hyphens and zero-width characters (removed), NBSP and
//!   other fixed-width spaces and tabs (→ a plain space), and runs of spaces (→ one).
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
        };
        suspects.next_mark = suspects.find_mark(0);
        suspects.next_wide = suspects.find_wide(0);
        suspects.next_double = suspects.find_double(0);
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
        self.next_mark.min(self.next_wide).min(self.next_double)
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
        rest.chars()
            .next()
            .is_some_and(|c| c == '\u{2010}' || single_character_fix(c).is_some())
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
        let fix = if c == ' ' && last_out_is_space {
            Some((String::new(), 1, "doubled space removed"))
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
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            ("", "zero-width character removed")
        }
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{3000}' => {
            (" ", "non-breaking or fixed-width space made a plain space")
        }
        '\t' => (" ", "tab made a plain space"),
        _ => return None,
    };
    Some(fix)
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
            "Ã©", "â€™", "Â", "Ã", "£", "\u{e000}", "ー", "ğ",
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
}
