//! Pass 3, layout: lines become blocks (paragraphs).
//!
//! Copied text keeps the page's layout: lines hard-wrapped at the column width, words
//! hyphenated at a line end, running headers and page numbers between the lines, a drop
//! cap on a line of its own. This pass
//!
//! * drops page furniture: lines repeated three or more times (digits aside, so
//!   `Page 3` and `Page 4` repeat) and lone page numbers ([`is_page_number`]);
//! * joins drop caps (see [`super::drop_cap`]);
//! * groups lines into blocks at blank lines, bridging a blank that only surrounded
//!   dropped furniture in the middle of a sentence;
//! * splits a block where a short line ends a sentence, and unwraps the rest
//!   (`paragraphs_of_block`), joining a line-end hyphen only when that makes a known
//!   word out of unknown pieces ([`hyphen_decision`]): `imple-`/`mentation` joins,
//!   `Pakistan-`/`Afghanistan` and `well-`/`known` keep their hyphen. A line-end hyphen
//!   after a soft hyphen (which the extractor printed where a layout engine broke the
//!   word: Chromium's PDFs read by pdftotext) joins whatever the lists say
//!   (`Re-`/`gensburg`).
//!
//! Blocks stay [`MappedText`]s, so every later edit still knows its raw line:column.
//!
//! For speed (this pass sees every byte of every document) a line is only a byte range
//! of the document with its character count (`TextLine`): nothing is copied until each
//! paragraph's [`MappedText`] is built, once, straight from the document, and a line-end
//! hyphen is dropped by truncating that paragraph in place. Running headers are found by
//! counting a summary of each line's key (its start and end) in a small bucket table, so
//! only lines in a bucket that fills up get a key string. Each line's document anchor is
//! found walking forward with the lines, not searched for. Splitting the lines also takes
//! their `Census` (bucket counts, page numbers, drop caps), so the furniture and
//! drop-cap steps, which change few documents and few lines, visit only those lines
//! rather than walking every line again. A line-end hyphen asks the document about its
//! first piece and the compound in one search ([`Vocabulary::document_has_with_compound`]).
//! The plain line-by-line version this replaced (and the plain hyphen decision) are kept
//! in the tests as the reference.

use crate::clean::structure::punctuation_space::looks_like_address;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::drop_cap::{continues_drop_cap, is_drop_cap, join_drop_cap};
use super::mapped::{AnchorHint, MappedText};
use super::vocabulary::Vocabulary;
use super::{Edit, Finding};
use crate::diagnostic::Position;

/// A line of the document on its way to becoming part of a block.
#[derive(Debug, Clone)]
enum Line {
    Text(TextLine),
    Blank,
    /// A running header, footer or page number that was removed.
    Furniture,
}

/// A non-blank line, trimmed, with its length in characters (counted once).
#[derive(Debug, Clone)]
struct TextLine {
    content: LineContent,
    chars: usize,
    /// For a line that may be a running header or footer, the bucket of its key summary
    /// (see [`repeated_lines`]).
    furniture_bucket: Option<u16>,
}

/// Where a line's text lives.
#[derive(Debug, Clone)]
enum LineContent {
    /// The bytes `start..end` of the document, and the document's anchor at `start`.
    Slice(Range<usize>, AnchorHint),
    /// A drop cap joined with the line it begins: text of its own (boxed, as it is rare).
    Joined(Box<MappedText>),
}

impl TextLine {
    fn slice(text: &str, range: Range<usize>, hint: AnchorHint) -> TextLine {
        let content = &text[range.clone()];
        let chars = count_chars(content.as_bytes());
        let furniture_bucket = may_repeat_as_furniture(content, chars)
            .then(|| summary_bucket(furniture_summary(content)));
        TextLine {
            chars,
            content: LineContent::Slice(range, hint),
            furniture_bucket,
        }
    }

    /// Its length in bytes.
    fn len(&self) -> usize {
        match &self.content {
            LineContent::Slice(range, _) => range.len(),
            LineContent::Joined(joined) => joined.len(),
        }
    }

    fn text<'a>(&'a self, doc: &'a str) -> &'a str {
        match &self.content {
            LineContent::Slice(range, _) => &doc[range.clone()],
            LineContent::Joined(joined) => joined.as_str(),
        }
    }

    /// Appends the line, with its raw positions, to `paragraph`.
    fn push_onto(&self, doc: &MappedText, paragraph: &mut MappedText) {
        match &self.content {
            LineContent::Slice(range, hint) => {
                paragraph.push_slice_hinted(doc, range.start, range.end, *hint)
            }
            LineContent::Joined(joined) => paragraph.push_mapped(joined),
        }
    }

    fn to_mapped(&self, doc: &MappedText) -> MappedText {
        let mut mapped = MappedText::default();
        self.push_onto(doc, &mut mapped);
        mapped
    }
}

/// The number of characters in the UTF-8 `bytes`: the bytes that do not continue a
/// character (`10xxxxxx`), counted eight at a time (quicker than `chars().count()` on
/// lines this short). The last few bytes are counted in one overlapping read of the last
/// eight, shifted so that only the bytes not yet counted remain.
///
/// Each word's continuation bytes are added up per byte lane (a one in each lane that
/// holds one), and the lanes summed only every [`LANE_WORDS`] words: cheaper than a
/// population count per word, which without a `popcnt` instruction is a dozen steps.
fn count_chars(bytes: &[u8]) -> usize {
    if bytes.len() < 8 {
        return bytes.len() - bytes.iter().filter(|&&b| b & 0xC0 == 0x80).count();
    }
    let body = bytes.len() / 8 * 8;
    let mut continuations = 0;
    for block in bytes[..body].chunks(8 * LANE_WORDS) {
        let lanes: u64 = block
            .chunks_exact(8)
            .map(|word| continuation_lanes(u64::from_le_bytes(word.try_into().expect("eight"))))
            .sum();
        continuations += sum_lanes(lanes);
    }
    let tail = bytes.len() - body;
    if tail > 0 {
        let last = bytes.last_chunk::<8>().expect("at least eight bytes");
        continuations += sum_lanes(continuation_lanes(
            u64::from_le_bytes(*last) >> (8 * (8 - tail)),
        ));
    }
    bytes.len() - continuations
}

/// How many words' lanes [`count_chars`] adds before summing them: few enough that the
/// sum of all eight lanes (at most eight per word) stays below 256.
const LANE_WORDS: usize = 31;

/// A one in each byte of `word` that continues a character (bit 7 set and bit 6 clear),
/// a zero in the others.
fn continuation_lanes(word: u64) -> u64 {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    (word & !(word << 1) & HIGH_BITS) >> 7
}

/// The sum of the eight byte lanes of `lanes` (which must be below 256).
fn sum_lanes(lanes: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    (lanes.wrapping_mul(ONES) >> 56) as usize
}

/// Lays out the document `doc` (character-repaired text with LF line ends) into blocks.
pub fn lay_out(
    doc: &MappedText,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
) -> Vec<MappedText> {
    let (mut lines, census) = split_lines(doc);
    if census.may_hold_furniture() {
        drop_page_furniture(doc, &mut lines, &census.bucket_counts, edits);
    }
    join_drop_caps(doc, &mut lines, &census.drop_caps, vocabulary, edits);
    let blocks = group_blocks(doc.as_str(), lines);
    let split_inside = blank_lines_do_not_separate_paragraphs(&blocks);
    // At most one unwrap edit per line.
    edits.reserve(blocks.lines.len());
    let mut paragraphs = Vec::with_capacity(blocks.ranges.len());
    for block in &blocks.ranges {
        let block = &blocks.lines[block.clone()];
        paragraphs_of_block(
            doc,
            block,
            split_inside,
            vocabulary,
            edits,
            findings,
            &mut paragraphs,
        );
    }
    paragraphs
}

/// Splits into trimmed lines, taking the census of them on the way.
fn split_lines(doc: &MappedText) -> (Vec<Line>, Census) {
    let text = doc.as_str();
    let mut lines = Vec::with_capacity(text.len() / 32 + 1);
    let mut census = Census::default();
    let mut hint = AnchorHint::default();
    let mut line_ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    while start < text.len() {
        let end = line_ends.next().unwrap_or(text.len());
        let trimmed = trimmed_range(&text[start..end]);
        if trimmed.is_empty() {
            lines.push(Line::Blank);
        } else {
            let from = start + trimmed.start;
            hint = doc.anchor_hint(from, hint);
            let range = from..start + trimmed.end;
            let line = TextLine::slice(text, range.clone(), hint);
            census.count(lines.len(), &text[range], &line);
            lines.push(Line::Text(line));
        }
        start = end + 1;
    }
    (lines, census)
}

/// What [`split_lines`] noticed about the lines, so that the steps after it visit only
/// the lines they may change (most documents have no page furniture and one drop cap).
struct Census {
    /// How many lines that may be furniture have their key summary in each bucket.
    bucket_counts: [u8; SUMMARY_BUCKETS],
    /// Some bucket holds [`FURNITURE_REPEATS`] lines or more.
    full_bucket: bool,
    /// Some line is a lone page number.
    page_number: bool,
    /// The indexes of the drop-cap lines, in order.
    drop_caps: Vec<usize>,
}

impl Default for Census {
    fn default() -> Census {
        Census {
            bucket_counts: [0; SUMMARY_BUCKETS],
            full_bucket: false,
            page_number: false,
            drop_caps: Vec::new(),
        }
    }
}

impl Census {
    /// Counts `line` (`content` its text), the line at `index`.
    fn count(&mut self, index: usize, content: &str, line: &TextLine) {
        if let Some(bucket) = line.furniture_bucket {
            let count = &mut self.bucket_counts[usize::from(bucket)];
            *count = count.saturating_add(1);
            self.full_bucket |= usize::from(*count) >= FURNITURE_REPEATS;
        }
        // Both shapes are short; most lines are not.
        if content.len() <= LONGEST_PAGE_NUMBER {
            self.page_number |= is_page_number(content);
            if is_drop_cap(content) {
                self.drop_caps.push(index);
            }
        }
    }

    /// Whether [`drop_page_furniture`] may find anything.
    fn may_hold_furniture(&self) -> bool {
        self.full_bucket || self.page_number
    }
}

/// The byte range of `line` that [`str::trim`] keeps (empty for a blank line). Most lines start and end with a
/// character that is not ASCII whitespace, which is all this looks at; only a non-ASCII
/// byte at an end needs the Unicode test.
fn trimmed_range(line: &str) -> Range<usize> {
    let bytes = line.as_bytes();
    let is_ascii_space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    let start = match bytes.iter().position(|b| !is_ascii_space(b)) {
        None => return 0..0,
        Some(at) if bytes[at].is_ascii() => at,
        Some(at) => line.len() - line[at..].trim_start().len(),
    };
    let end = match bytes.iter().rposition(|b| !is_ascii_space(b)) {
        Some(at) if bytes[at].is_ascii() => at + 1,
        _ => line.trim_end().len(),
    };
    if start >= end {
        return 0..0;
    }
    start..end
}

/// True for a lone page number: `12`, `- 12 -`, `Page 12`, `Page 12 of 30`, `12/30`.
pub fn is_page_number(line: &str) -> bool {
    // The longest shape, `page 123 of 456`, has 15 characters; most lines are far longer.
    if line.len() > LONGEST_PAGE_NUMBER || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // A section's page (`A3`, `B12`): a capital of the first sections, then the number.
    let trimmed = line.trim().as_bytes();
    if (2..=3).contains(&trimmed.len())
        && (b'A'..=b'H').contains(&trimmed[0])
        && trimmed[1..].iter().all(u8::is_ascii_digit)
        && trimmed[1] != b'0'
    {
        return true;
    }
    // The only letters of the shapes: those of `page`, `p.` and `of` (a date or a
    // byline fails here without being lowercased).
    let is_other_letter = |b: u8| b.is_ascii_alphabetic() && !b"pageofPAGEOF".contains(&b);
    if line.bytes().any(is_other_letter) {
        return false;
    }
    let lower = line.trim().to_lowercase();
    let core = lower
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace())
        .trim_start_matches("page")
        .trim_start_matches("p.")
        .trim();
    let mut parts = core
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let is_number = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, None) => is_number(a),
        (Some(a), Some(b), None) => is_number(a) && is_number(b),
        _ => false,
    }
}

/// No line longer than this many bytes is a page number (or a drop cap).
const LONGEST_PAGE_NUMBER: usize = 24;

/// The text a running header is compared by: lowercase, digit runs as `#`.
fn furniture_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    push_furniture_key(line, &mut key);
    key
}

/// Appends [`furniture_key`] of `line` to `key`.
fn push_furniture_key(line: &str, key: &mut String) {
    let mut in_digits = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if c.is_ascii() {
                key.push(c.to_ascii_lowercase());
            } else {
                key.extend(c.to_lowercase());
            }
        }
    }
}

/// A summary of `line`'s furniture key, made from a few of its characters only: the
/// key's first 8 bytes (each with its ASCII case bit set) and its last character. Equal
/// keys have equal summaries (different keys may share one; those are told apart by
/// their keys afterwards).
fn furniture_summary(line: &str) -> (u64, char) {
    let last = match line.as_bytes().last() {
        Some(b) if b.is_ascii_digit() => '#',
        Some(b) if b.is_ascii() => char::from(b.to_ascii_lowercase()),
        _ => last_key_char(line),
    };
    (key_prefix(line), last)
}

/// The last character of `line`'s furniture key, for a line that does not end in ASCII.
fn last_key_char(line: &str) -> char {
    match line.chars().next_back() {
        Some(c) if c.is_ascii_digit() => '#',
        Some(c) if c.is_ascii() => c.to_ascii_lowercase(),
        Some(c) => c.to_lowercase().last().unwrap_or(c),
        None => '\0',
    }
}

/// The first 8 bytes of `line`'s furniture key, zero-padded, with `0x20` set in every
/// byte (so ASCII case does not matter).
fn key_prefix(line: &str) -> u64 {
    const CASE_BITS: u64 = u64::from_le_bytes([0x20; 8]);
    if let Some(start) = line.as_bytes().first_chunk::<8>() {
        let start = u64::from_le_bytes(*start);
        if is_ascii_without_digits(start) {
            // The key starts with these bytes, lowercased: the case bit covers that.
            return start | CASE_BITS;
        }
    }
    let mut prefix = KeyPrefix::default();
    let mut in_digits = false;
    for c in line.chars() {
        if prefix.is_full() {
            break;
        }
        if c.is_ascii_digit() {
            if !in_digits {
                prefix.put(b'#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_ascii() {
            prefix.put(c.to_ascii_lowercase() as u8);
        } else {
            let mut buffer = [0u8; 4];
            for lower in c.to_lowercase() {
                lower
                    .encode_utf8(&mut buffer)
                    .bytes()
                    .for_each(|b| prefix.put(b));
            }
        }
    }
    u64::from_le_bytes(prefix.bytes) | CASE_BITS
}

/// Whether the eight bytes of `eight` are all ASCII and none is a digit.
fn is_ascii_without_digits(eight: u64) -> bool {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    if eight & HIGH_BITS != 0 {
        return false;
    }
    // With every byte below 0x80, no sum carries into the next byte: bit 7 of a byte is
    // set in `at_least_zero` from b'0' up, and in `above_nine` above b'9'.
    let at_least_zero = eight + ONES * u64::from(0x80 - b'0');
    let above_nine = eight + ONES * u64::from(0x7f - b'9');
    at_least_zero & !above_nine & HIGH_BITS == 0
}

/// The first bytes of a furniture key, zero-padded.
#[derive(Default)]
struct KeyPrefix {
    bytes: [u8; 8],
    filled: usize,
}

impl KeyPrefix {
    fn put(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.filled) {
            *slot = byte;
            self.filled += 1;
        }
    }

    fn is_full(&self) -> bool {
        self.filled == self.bytes.len()
    }
}

/// Whether a repeated line (of `chars` characters) may be furniture: short, has letters
/// or digits, and does not end a sentence (prose that repeats, like `No.`, is not a
/// header), nor go on from or into another line (a narrow justified column prints
/// `and` alone on a line again and again).
fn may_repeat_as_furniture(line: &str, chars: usize) -> bool {
    chars <= 80 && !ends_like_prose(line) && has_alphanumeric(line) && !is_prose_piece(line)
}

/// Whether `line` starts in lower case or ends with a joining word: a piece of a
/// sentence, never a running head or a footer.
fn is_prose_piece(line: &str) -> bool {
    line.starts_with(char::is_lowercase) || ends_with_joining_word(line)
}

/// Words that join a line to the next: a line ending in one is prose wrapped mid-sentence
/// (a pull-quote box's line printed again), never a running head or a footer.
const JOINING_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "than",
    "that", "the", "to", "with",
];

/// Whether `line` ends with one of the [`JOINING_WORDS`].
pub(super) fn ends_with_joining_word(line: &str) -> bool {
    line.rsplit(' ')
        .next()
        .is_some_and(|last| JOINING_WORDS.contains(&last.to_lowercase().as_str()))
}

/// Whether `line` ends with `.`, `?`, `!`, `"`, `”`, `’` or `,`: read from its last byte
/// (the two curly quotes end in 0x9D and 0x99), which settles most lines.
fn ends_like_prose(line: &str) -> bool {
    match line.as_bytes().last() {
        Some(b'.' | b'?' | b'!' | b'"' | b',') => true,
        Some(0x9D | 0x99) => line.ends_with(['”', '’']),
        _ => false,
    }
}

/// Whether `line` has a letter or a digit: nearly always an ASCII one, found at once.
fn has_alphanumeric(line: &str) -> bool {
    line.bytes().any(|b| b.is_ascii_alphanumeric()) || line.chars().any(char::is_alphanumeric)
}

/// Replaces page numbers and running headers or footers by [`Line::Furniture`],
/// recording an edit for each.
fn drop_page_furniture(
    doc: &MappedText,
    lines: &mut [Line],
    bucket_counts: &[u8; SUMMARY_BUCKETS],
    edits: &mut Vec<Edit>,
) {
    let text = doc.as_str();
    let repeated = repeated_lines(text, lines, bucket_counts);
    for (index, line) in lines.iter_mut().enumerate() {
        let Line::Text(t) = line else { continue };
        let LineContent::Slice(range, _) = &t.content else {
            continue;
        };
        let content = &text[range.clone()];
        let reason = if is_page_number(content) {
            "page number removed"
        } else if repeated.binary_search(&index).is_ok() {
            "running header or footer (repeated on every page) removed"
        } else {
            continue;
        };
        edits.push(Edit {
            pass: "page_furniture",
            position: doc.position_at(range.start),
            before: content.to_string(),
            after: String::new(),
            reason: reason.into(),
            confidence: 0.9,
        });
        *line = Line::Furniture;
    }
}

/// The indexes, in order, of the lines that may be furniture and whose furniture key
/// occurs at least [`FURNITURE_REPEATS`] times among such lines.
///
/// Each such line's key summary was counted in a small table of buckets (`bucket_counts`,
/// by [`split_lines`]; equal keys land in the same bucket); only lines in a bucket that
/// filled up to the threshold get their key built and compared, which in most documents
/// is none.
fn repeated_lines(text: &str, lines: &[Line], bucket_counts: &[u8; SUMMARY_BUCKETS]) -> Vec<usize> {
    let mut keyed: Vec<(String, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| match line {
            Line::Text(t) => {
                let bucket = usize::from(t.furniture_bucket?);
                (usize::from(bucket_counts[bucket]) >= FURNITURE_REPEATS)
                    .then(|| (furniture_key(t.text(text)), index))
            }
            _ => None,
        })
        .collect();
    if keyed.is_empty() {
        return Vec::new();
    }
    keyed.sort_unstable();
    let mut repeated: Vec<usize> = keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() >= FURNITURE_REPEATS)
        .flatten()
        .map(|&(_, index)| index)
        .collect();
    repeated.sort_unstable();
    repeated
}

/// How many buckets [`repeated_lines`] counts key summaries in.
const SUMMARY_BUCKETS: usize = 1024;

/// The bucket of a key summary: a multiplicative hash of it, cut to the table's size.
fn summary_bucket((prefix, last): (u64, char)) -> u16 {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
    let folded = prefix ^ u64::from(last).rotate_left(29);
    let hash = folded.wrapping_mul(MULTIPLIER);
    (hash >> (64 - SUMMARY_BUCKETS.trailing_zeros())) as u16
}

/// How often a line must repeat to count as a running header or footer.
const FURNITURE_REPEATS: usize = 3;

/// Joins each drop cap (`drop_caps`: the indexes of the drop-cap lines, in order) with
/// the line that continues it (past blank lines), in place: the cap's line becomes the
/// joined line, and the blanks and the continuation go.
fn join_drop_caps(
    doc: &MappedText,
    lines: &mut Vec<Line>,
    drop_caps: &[usize],
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) {
    let text = doc.as_str();
    // Lines removed by earlier joins, which moved the later lines up.
    let mut removed = 0;
    for &cap_index in drop_caps {
        let i = cap_index - removed;
        // Page furniture may have taken the line.
        let Line::Text(cap) = &lines[i] else {
            continue;
        };
        // Look past blank lines for the continuation.
        let mut next = i + 1;
        while matches!(lines.get(next), Some(Line::Blank)) {
            next += 1;
        }
        let Some(Line::Text(rest)) = lines.get(next) else {
            continue;
        };
        if !continues_drop_cap(rest.text(text)) {
            continue;
        }
        let joined = join_drop_cap(&cap.to_mapped(doc), &rest.to_mapped(doc), vocabulary, edits);
        lines[i] = Line::Text(TextLine {
            chars: joined.as_str().chars().count(),
            content: LineContent::Joined(Box::new(joined)),
            furniture_bucket: None,
        });
        lines.drain(i + 1..=next);
        removed += next - i;
    }
}

/// The document's text lines in order, and the ranges of them that form blocks.
struct Blocks {
    lines: Vec<TextLine>,
    ranges: Vec<Range<usize>>,
}

/// Groups lines into blocks at blank lines. A gap that held page furniture is bridged when
/// the text before it continues: it stops mid-sentence, or its line was full (the next
/// word would not have fitted within the column `width`).
fn group_blocks(text: &str, lines: Vec<Line>) -> Blocks {
    let width = column_width(&lines);
    let mut blocks = Blocks {
        lines: Vec::with_capacity(lines.len()),
        // A generous guess (paragraphs of a few lines), to grow it rarely.
        ranges: Vec::with_capacity(lines.len() / 4 + 1),
    };
    let mut block_start = 0;
    let mut saw_blank = false;
    let mut saw_furniture = false;
    for line in lines {
        match line {
            Line::Blank => saw_blank = true,
            Line::Furniture => saw_furniture = true,
            Line::Text(line) => {
                let current = &blocks.lines[block_start..];
                let continues = || {
                    current.last().is_some_and(|prev| {
                        let prev_text = prev.text(text);
                        !ends_sentence(prev_text) || is_full(prev.chars, line.text(text), width)
                    })
                };
                let breaks = saw_blank && !(saw_furniture && continues());
                if breaks && !current.is_empty() {
                    blocks.ranges.push(block_start..blocks.lines.len());
                    block_start = blocks.lines.len();
                }
                blocks.lines.push(line);
                saw_blank = false;
                saw_furniture = false;
            }
        }
    }
    if block_start < blocks.lines.len() {
        blocks.ranges.push(block_start..blocks.lines.len());
    }
    blocks
}

/// The column width the text was wrapped at, in characters: the 90th percentile of line
/// lengths (a few masthead lines may be longer than the column).
///
/// That is the `k`-th longest length for a `k` of a tenth of the lines, kept as the least
/// of the `k` longest lengths seen so far in a small heap: most lines are no longer than
/// that least one and cost one comparison.
fn column_width(lines: &[Line]) -> usize {
    let text_lines = || {
        lines.iter().filter_map(|l| match l {
            Line::Text(t) => Some(t.chars),
            _ => None,
        })
    };
    let count = text_lines().count();
    if count == 0 {
        return 0;
    }
    let at = (count * 9 / 10).min(count - 1);
    let k = count - at;
    let mut longest: BinaryHeap<Reverse<usize>> = BinaryHeap::with_capacity(k);
    for chars in text_lines() {
        if longest.len() < k {
            longest.push(Reverse(chars));
        } else if let Some(mut least) = longest.peek_mut() {
            if chars > least.0 {
                *least = Reverse(chars);
            }
        }
    }
    longest.peek().map_or(0, |least| least.0)
}

/// True when a line of `line_chars` characters was full: the first word of `next` would
/// not have fitted after it.
fn is_full(line_chars: usize, next: &str, width: usize) -> bool {
    let next_word = next.split(' ').next().unwrap_or("").chars().count();
    line_chars + 1 + next_word > width
}

/// True when `line` ends a sentence (or a quotation, or a heading-like colon).
pub fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '’', '"', '\'', ')']);
    trimmed.ends_with(['.', '?', '!', ':', '…']) || trimmed.len() < line.len()
}

/// True when the text does not mark paragraphs with blank lines (its blocks run long), so
/// paragraphs must be found inside blocks: at a short line that ends a sentence.
fn blank_lines_do_not_separate_paragraphs(blocks: &Blocks) -> bool {
    let lines = blocks.lines.len();
    lines > 2 * LONGEST_PARAGRAPH_LINES && lines > blocks.ranges.len() * LONGEST_PARAGRAPH_LINES
}

/// More lines than a wrapped paragraph usually has (a long paragraph at a narrow column).
const LONGEST_PARAGRAPH_LINES: usize = 16;

/// Splits a block into paragraphs (only when `split_inside`), unwraps each paragraph's
/// lines, and appends the paragraphs to `paragraphs`.
fn paragraphs_of_block(
    doc: &MappedText,
    block: &[TextLine],
    split_inside: bool,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
    paragraphs: &mut Vec<MappedText>,
) {
    if !split_inside {
        paragraphs.push(unwrap_paragraph(doc, block, vocabulary, edits, findings));
        return;
    }
    let width = block.iter().map(|l| l.chars).max().unwrap_or(0);
    let mut start = 0;
    for (i, line) in block.iter().enumerate() {
        let is_last = i + 1 == block.len();
        let short = line.chars * 10 < width * 7;
        if is_last || (short && ends_sentence(line.text(doc.as_str()))) {
            let lines = &block[start..=i];
            paragraphs.push(unwrap_paragraph(doc, lines, vocabulary, edits, findings));
            start = i + 1;
        }
    }
}

/// Joins the `lines` of one paragraph into its text, built once with room for all of it.
fn unwrap_paragraph(
    doc: &MappedText,
    lines: &[TextLine],
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
) -> MappedText {
    let bytes = lines.iter().map(|l| l.len() + 1).sum();
    // An anchor per line, and room for the few replacements inside lines.
    let mut paragraph = MappedText::with_capacity(bytes, lines.len() + lines.len() / 4 + 1);
    let Some((first, rest)) = lines.split_first() else {
        return paragraph;
    };
    first.push_onto(doc, &mut paragraph);
    let mut last = LastLine {
        start: 0,
        chars: first.chars,
    };
    for line in rest {
        let start = join_lines(&mut paragraph, last, doc, line, vocabulary, edits, findings);
        last = LastLine {
            start,
            chars: line.chars,
        };
    }
    // A word broken over the end of the paragraph's lines keeps its hyphen, not the mark.
    if paragraph.as_str().ends_with(SOFT_BREAK) {
        paragraph.truncate(paragraph.len() - SOFT_BREAK.len());
        paragraph.push_replacement_at_end("-");
    }
    paragraph
}

/// Where the last line joined to a paragraph starts in it, and its length in characters
/// (so the paragraph's end position needs no counting).
#[derive(Debug, Clone, Copy)]
struct LastLine {
    start: usize,
    chars: usize,
}

/// What to do with a hyphen at the end of a line, before the next line's first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyphenDecision {
    /// The hyphen only broke a word: drop it and join (`imple-`/`mentation`).
    Join,
    /// A real hyphen: keep it and join without a space (`Pakistan-`/`Afghanistan`).
    Keep,
}

/// Decides a line-end hyphen between `left` (the word before it, maybe itself a compound
/// like `Tehreek-i`) and `right` (the first word of the next line). Returns how sure.
/// The hyphen goes when the joined word is known and the hyphenated one is not, or when
/// the fragments show a broken word (`broken_fragments`); a decision below 0.5 is
/// reported as a finding.
pub fn hyphen_decision(
    left: &str,
    right: &str,
    vocabulary: &Vocabulary<'_>,
) -> (HyphenDecision, f32) {
    if right.chars().next().is_some_and(char::is_uppercase) || left.contains('-') {
        return (HyphenDecision::Keep, 0.95);
    }
    // `left` and `left-right` are looked for in the document by one search when neither
    // the lexicon nor the site knows them (a broken word's first piece seldom is a word).
    if vocabulary.is_known_outside_document(&[left, "-", right].concat()) {
        return (HyphenDecision::Keep, 0.95);
    }
    let left_known_outside = vocabulary.is_known_outside_document(left);
    let (left_in_document, compound_in_document) = if left_known_outside {
        (true, vocabulary.document_has(&[left, "-", right].concat()))
    } else {
        vocabulary.document_has_with_compound(left, right)
    };
    if compound_in_document {
        return (HyphenDecision::Keep, 0.95);
    }
    let left_known = left_known_outside || left_in_document;
    let pieces_are_words = left_known && vocabulary.is_known(right);
    if vocabulary.is_known(&[left, right].concat()) {
        // `under-`/`standing` is a broken word, but `fund-`/`raising` may be a compound.
        return (
            HyphenDecision::Join,
            if pieces_are_words { 0.75 } else { 0.95 },
        );
    }
    // Neither spelling is known. Where italics or links were stripped, the joined
    // letters may be words glued together (`androoftopgar-`/`dens`): when they clearly
    // split into words and the hyphen falls inside one of them, it broke that word.
    if let Some(split_at) = glued_piece_bounds(left, right, vocabulary) {
        if !split_at.contains(&left.len()) {
            return (HyphenDecision::Join, 0.7);
        }
    }
    if let Some(confidence) = broken_fragments(left, right, left_known, vocabulary) {
        return (HyphenDecision::Join, confidence);
    }
    if joins_into_a_listed_word(left, right, vocabulary) {
        return (HyphenDecision::Join, 0.8);
    }
    if closes_a_word(left, right, left_known) {
        return (HyphenDecision::Join, 0.75);
    }
    // Otherwise keep what the text says (and report it).
    (
        HyphenDecision::Keep,
        if pieces_are_words { 0.8 } else { 0.4 },
    )
}

/// Whether a line-end hyphen broke a word the frequency list holds though no dictionary
/// does (`rene-`/`gotiation`: renegotiation, Zipf 2.6): the piece after it is no word,
/// and the joined letters are a word of at least [`MIN_LISTED_JOIN_ZIPF`].
fn joins_into_a_listed_word(left: &str, right: &str, vocabulary: &Vocabulary<'_>) -> bool {
    !vocabulary.is_known(right)
        && right.chars().all(char::is_lowercase)
        && super::words::lexicon::Lexicon::embedded()
            .zipf(&[left, right].concat().to_lowercase())
            .is_some_and(|zipf| zipf >= MIN_LISTED_JOIN_ZIPF)
}

/// Word endings English closes up with the word before them (`doctorless`, `statehood`,
/// `kinship`): after a line-end hyphen, the hyphen only broke a word no list holds.
/// (`like` and `wise` are not here: `cat-like` and `price-wise` are written so.)
const CLOSING_SUFFIXES: &[&str] = &[
    "dom", "ful", "hood", "less", "lessly", "lessness", "ment", "ness", "ship", "ships", "ward",
    "wards",
];

/// Whether a line-end hyphen between a word (`left_known`) and a word ending that closes
/// up with it (`Doctor-`/`less`) only broke the closed word. Not where closing up would
/// run three of a letter together (`shell-less`).
fn closes_a_word(left: &str, right: &str, left_known: bool) -> bool {
    let Some(first) = right.chars().next() else {
        return false;
    };
    let tripled = left
        .chars()
        .rev()
        .take(2)
        .filter(|c| c.eq_ignore_ascii_case(&first))
        .count()
        == 2;
    left_known
        && left.chars().count() >= 3
        && left.chars().all(char::is_alphabetic)
        && CLOSING_SUFFIXES.contains(&right)
        && !tripled
}

/// How frequent a word only the frequency list holds must be for a line-end hyphen
/// inside it to be taken for a break (about once per ten million words and a half).
const MIN_LISTED_JOIN_ZIPF: f32 = 2.5;

/// Shortest piece of a fragment that counts when a broken word is read off its edges.
const MIN_EDGE_PIECE_CHARS: usize = 3;
/// Longest piece (in bytes) looked up when a broken word is read off its edges.
const MAX_EDGE_PIECE_BYTES: usize = 32;

/// When neither `left-right` nor `leftright` is known: whether the hyphen still only
/// broke a word, read from the fragments themselves (a real compound is made of words).
/// Returns the join's confidence.
///
/// * Neither fragment is a word (`Jędrze`/`jczak`, `Ener`/`gia`, `hy`/`drologist`): a
///   hyphenator broke a word no list holds, most often a name.
/// * Glued words round the break: `left` with the start of `right` is a word and the
///   rest of `right` opens with a word (`fog`/`gingandlarvicide`: `fogging` + `and…`), or
///   the end of `left` with `right` is a word (`Iwon’tpre`/`tend`: `pretend`).
fn broken_fragments(
    left: &str,
    right: &str,
    left_known: bool,
    vocabulary: &Vocabulary<'_>,
) -> Option<f32> {
    let right_known = vocabulary.is_known(right);
    if !left_known && !right_known {
        return Some(0.6);
    }
    let is_word = |piece: &str| {
        piece.chars().count() >= MIN_EDGE_PIECE_CHARS && vocabulary.is_known_outside_document(piece)
    };
    if !right_known && right.chars().all(char::is_lowercase) {
        // Pieces no longer than a word runs (`MAX_EDGE_PIECE_BYTES`), so a token of glue
        // however long costs a bounded number of lookups.
        let joins_left = right
            .char_indices()
            .skip(1)
            .take_while(|&(at, _)| at <= MAX_EDGE_PIECE_BYTES)
            .any(|(at, _)| {
                vocabulary.is_known_outside_document(&[left, &right[..at]].concat())
                    && (at..=right.len().min(at + MAX_EDGE_PIECE_BYTES))
                        .filter(|&end| right.is_char_boundary(end))
                        .any(|end| is_word(&right[at..end]))
            });
        if joins_left {
            return Some(0.6);
        }
    }
    if !left_known && right_known {
        let joins_right = left.char_indices().skip(1).any(|(at, _)| {
            left.len() - at <= MAX_EDGE_PIECE_BYTES
                && left[at..].chars().count() >= 2
                && vocabulary.is_known_outside_document(&[&left[at..], right].concat())
        });
        if joins_right {
            return Some(0.6);
        }
    }
    None
}

/// Where the pieces of `left` + `right` end (byte offsets), when the joined letters are
/// clearly words glued together; `None` otherwise.
fn glued_piece_bounds(left: &str, right: &str, vocabulary: &Vocabulary<'_>) -> Option<Vec<usize>> {
    let joined = [left, right].concat();
    if joined.chars().any(|c| !c.is_lowercase()) {
        return None;
    }
    let pieces = vocabulary.glued_pieces(&joined)?;
    Some(
        pieces
            .iter()
            .scan(0, |end, piece| {
                *end += piece.len();
                Some(*end)
            })
            .collect(),
    )
}

/// Appends `line` to `paragraph` (which ends with its `last` line): with a space, or
/// across a line-end hyphen (which a broken word loses: the paragraph is cut before it).
/// Returns where `line` starts in the paragraph.
fn join_lines(
    paragraph: &mut MappedText,
    last: LastLine,
    doc: &MappedText,
    line: &TextLine,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
) -> usize {
    let text = paragraph.as_str();
    if text.ends_with(SOFT_BREAK) {
        return join_at_soft_break(paragraph, last, doc, line, edits);
    }
    if !text.ends_with('-') {
        return join_with_space(paragraph, last, doc, line, edits);
    }
    let left_word = trailing_word(text.strip_suffix('-').unwrap_or(""));
    // Without a line-end hyphen there is no left word, and the right one is not needed.
    let right_word = if left_word.is_empty() {
        ""
    } else {
        leading_letters(line.text(doc.as_str()))
    };
    let hyphen_at = text.len().saturating_sub(1);
    if left_word.is_empty() && ends_with_number_and_hyphen(text) && starts_with_letter(line, doc) {
        // `44-` / `degree`: a number's compound (`44-degree`, `10-day`) keeps its hyphen.
        let position = paragraph.position_at(hyphen_at);
        let start = paragraph.len();
        line.push_onto(doc, paragraph);
        edits.push(number_hyphen_edit(position));
        return start;
    }
    if !left_word.is_empty() && !right_word.is_empty() && text.ends_with('-') {
        // In an address (`courrier-`/`metropole.ca`) a hyphen is the address's own.
        let (decision, confidence) = if in_address(text, line.text(doc.as_str())) {
            (HyphenDecision::Keep, 0.4)
        } else {
            hyphen_decision(left_word, right_word, vocabulary)
        };
        let left_word = left_word.to_string();
        let position = paragraph.position_at(hyphen_at - left_word.len());
        let keep = decision == HyphenDecision::Keep;
        if !keep {
            paragraph.truncate(hyphen_at);
        }
        let start = paragraph.len();
        line.push_onto(doc, paragraph);
        let hyphen = HyphenJoin {
            left_word: &left_word,
            right_word,
            keep,
            confidence,
        };
        hyphen.record(position, edits, findings);
        return start;
    }
    join_with_space(paragraph, last, doc, line, edits)
}

/// A soft hyphen the characters pass left at a line's end: the extractor printed one
/// there, so the line broke a word at one of its hyphenation points.
const SOFT_BREAK: &str = "\u{00AD}-";

/// Appends `line` to `paragraph`, whose last line ends with a [`SOFT_BREAK`]: the mark
/// goes and the word is joined (`Re`/`gensburg`, a name no list holds), or, when the next
/// line opens with no letter, the lines are joined with a space. Returns where `line`
/// starts in the paragraph.
fn join_at_soft_break(
    paragraph: &mut MappedText,
    last: LastLine,
    doc: &MappedText,
    line: &TextLine,
    edits: &mut Vec<Edit>,
) -> usize {
    let mark_at = paragraph.len() - SOFT_BREAK.len();
    let left_word = trailing_word(&paragraph.as_str()[..mark_at]).to_string();
    let right_word = leading_letters(line.text(doc.as_str()));
    paragraph.truncate(mark_at);
    if left_word.is_empty() || right_word.is_empty() {
        let last = LastLine {
            chars: last.chars - 2,
            ..last
        };
        return join_with_space(paragraph, last, doc, line, edits);
    }
    let position = paragraph.position_at(mark_at - left_word.len());
    let start = paragraph.len();
    line.push_onto(doc, paragraph);
    edits.push(Edit {
        pass: "hyphenation",
        position,
        before: [left_word.as_str(), "-\n", right_word].concat(),
        after: [left_word.as_str(), right_word].concat(),
        reason: "word broken at a soft hyphen at a line end joined".into(),
        confidence: 0.95,
    });
    start
}

/// Appends `line` to `paragraph` (which ends with its `last` line) with a space for the
/// line break. Returns where `line` starts in the paragraph.
fn join_with_space(
    paragraph: &mut MappedText,
    last: LastLine,
    doc: &MappedText,
    line: &TextLine,
    edits: &mut Vec<Edit>,
) -> usize {
    let position = paragraph.end_position(last.start, last.chars);
    paragraph.push_replacement_at_end(" ");
    let start = paragraph.len();
    line.push_onto(doc, paragraph);
    edits.push(unwrap_edit(position));
    start
}

/// Whether a line-end hyphen between `text` (the paragraph so far, ending with it) and
/// `next` (the next line) falls inside an e-mail or web address: the token before it or
/// the one after looks like one (`looks_like_address`), or the one after goes on as a domain
/// (`metropole.ca`).
fn in_address(text: &str, next: &str) -> bool {
    let before = text.rsplit(char::is_whitespace).next().unwrap_or("");
    let after = next.split(char::is_whitespace).next().unwrap_or("");
    let domain = after
        .trim_end_matches(['.', ',', ';', ':', ')', '”', '"'])
        .split_once('.')
        .is_some_and(|(_, tail)| {
            tail.len() >= 2 && tail.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
        });
    looks_like_address(before) || looks_like_address(after) || domain
}

/// The edit for a line break after a number's hyphen removed (`44-`/`degree`).
fn number_hyphen_edit(position: Position) -> Edit {
    Edit {
        pass: "hyphenation",
        position,
        before: "-\n".into(),
        after: "-".into(),
        reason: "line break after a number's hyphen removed; the hyphen stays".into(),
        confidence: 0.9,
    }
}

/// The edit for a line break made a space: a hard-wrapped line joined to its paragraph.
fn unwrap_edit(position: Position) -> Edit {
    Edit {
        pass: "unwrap",
        position,
        before: "\n".into(),
        after: " ".into(),
        reason: "hard-wrapped line joined to its paragraph".into(),
        confidence: 0.95,
    }
}

/// What was decided about one line-end hyphen, for the record.
struct HyphenJoin<'a> {
    left_word: &'a str,
    right_word: &'a str,
    /// The hyphen stays (a real one); otherwise the broken word was joined.
    keep: bool,
    confidence: f32,
}

impl HyphenJoin<'_> {
    /// Records the edit at `position` (where the left word starts), and a finding when the
    /// decision was a guess.
    fn record(&self, position: Position, edits: &mut Vec<Edit>, findings: &mut Vec<Finding>) {
        let (left, right) = (self.left_word, self.right_word);
        edits.push(Edit {
            pass: "hyphenation",
            position,
            before: [left, "-\n", right].concat(),
            after: if self.keep {
                [left, "-", right].concat()
            } else {
                [left, right].concat()
            },
            reason: if self.keep {
                "line break after a real hyphen removed; the hyphen stays".into()
            } else {
                "word hyphenated at a line end joined".into()
            },
            confidence: self.confidence,
        });
        if self.confidence < 0.5 {
            findings.push(Finding {
                pass: "hyphenation",
                position,
                text: [left, "-", right].concat(),
                reason: "line-end hyphen kept: neither the joined nor the hyphenated word is known"
                    .into(),
            });
        }
    }
}

/// Whether `text` ends with a digit and a hyphen (`44-`).
fn ends_with_number_and_hyphen(text: &str) -> bool {
    text.strip_suffix('-')
        .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
}

/// Whether `line` starts with a letter, and not with the word after a suspended hyphen
/// (`13-` / `to 15-year-olds`, `two-` / `and three-bedroom`).
fn starts_with_letter(line: &TextLine, doc: &MappedText) -> bool {
    continues_number_compound(line.text(doc.as_str()))
}

/// Whether `text`, the line after `44-`, goes on with the rest of the compound
/// (`degree`), not with the word after a suspended hyphen (`to`, `and`, `or`).
fn continues_number_compound(text: &str) -> bool {
    let first = leading_letters(text);
    !first.is_empty() && !matches!(first, "to" | "and" | "or" | "nor")
}

/// The letters at the start of `text`.
fn leading_letters(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// The word (letters and inner hyphens) at the end of `text`.
fn trailing_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-')
        .last()
        .map_or(text.len(), |(i, _)| i);
    text[start..].trim_start_matches('-')
}

/// The plain layout this pass's fast version replaced: every line its own [`MappedText`],
/// each paragraph rebuilt line by line. The differential test holds [`lay_out`] to it.
#[cfg(test)]
mod reference {
    use std::collections::HashMap;

    use super::super::drop_cap::{continues_drop_cap, is_drop_cap, join_drop_cap};
    use super::super::mapped::MappedText;
    use super::super::vocabulary::Vocabulary;
    use super::super::{Edit, Finding};
    use super::{
        continues_number_compound, ends_sentence, ends_with_number_and_hyphen, furniture_key,
        glued_piece_bounds, is_page_number, is_prose_piece, leading_letters, number_hyphen_edit,
        trailing_word, HyphenDecision, FURNITURE_REPEATS, LONGEST_PARAGRAPH_LINES,
    };
    use super::{unwrap_edit, HyphenJoin};

    enum Line {
        Text(MappedText),
        Blank,
        Furniture,
    }

    /// The plain decision: each question to the vocabulary in turn.
    pub fn hyphen_decision(
        left: &str,
        right: &str,
        vocabulary: &Vocabulary<'_>,
    ) -> (HyphenDecision, f32) {
        let last_piece = left.rsplit('-').next().unwrap_or(left);
        if right.chars().next().is_some_and(char::is_uppercase) || left.contains('-') {
            return (HyphenDecision::Keep, 0.95);
        }
        if vocabulary.is_known(&[left, "-", right].concat()) {
            return (HyphenDecision::Keep, 0.95);
        }
        let pieces_are_words = vocabulary.is_known(last_piece) && vocabulary.is_known(right);
        if vocabulary.is_known(&[left, right].concat()) {
            return (
                HyphenDecision::Join,
                if pieces_are_words { 0.75 } else { 0.95 },
            );
        }
        if let Some(split_at) = glued_piece_bounds(left, right, vocabulary) {
            if !split_at.contains(&left.len()) {
                return (HyphenDecision::Join, 0.7);
            }
        }
        let left_known = vocabulary.is_known(left);
        if let Some(confidence) = super::broken_fragments(left, right, left_known, vocabulary) {
            return (HyphenDecision::Join, confidence);
        }
        if super::joins_into_a_listed_word(left, right, vocabulary) {
            return (HyphenDecision::Join, 0.8);
        }
        (
            HyphenDecision::Keep,
            if pieces_are_words { 0.8 } else { 0.4 },
        )
    }

    pub fn lay_out(
        doc: &MappedText,
        vocabulary: &Vocabulary<'_>,
        edits: &mut Vec<Edit>,
        findings: &mut Vec<Finding>,
    ) -> Vec<MappedText> {
        let lines = split_lines(doc);
        let lines = drop_page_furniture(lines, edits);
        let lines = join_drop_caps(lines, vocabulary, edits);
        let blocks = group_blocks(lines);
        let count: usize = blocks.iter().map(Vec::len).sum();
        let split_inside =
            count > 2 * LONGEST_PARAGRAPH_LINES && count > blocks.len() * LONGEST_PARAGRAPH_LINES;
        blocks
            .iter()
            .flat_map(|block| paragraphs_of_block(block, split_inside, vocabulary, edits, findings))
            .collect()
    }

    fn split_lines(doc: &MappedText) -> Vec<Line> {
        let text = doc.as_str();
        let mut lines = Vec::new();
        let mut start = 0;
        for raw_line in text.split_inclusive('\n') {
            let end = start + raw_line.len();
            let content = raw_line.trim_end_matches('\n');
            let leading = content.len() - content.trim_start().len();
            let trimmed = content.trim();
            if trimmed.is_empty() {
                lines.push(Line::Blank);
            } else {
                let from = start + leading;
                let mut line = MappedText::default();
                line.push_slice(doc, from, from + trimmed.len());
                lines.push(Line::Text(line));
            }
            start = end;
        }
        lines
    }

    fn may_repeat_as_furniture(line: &str) -> bool {
        line.chars().count() <= 80
            && line.chars().any(char::is_alphanumeric)
            && !line.ends_with(['.', '?', '!', '"', '”', '’', ','])
            && !is_prose_piece(line)
    }

    fn drop_page_furniture(lines: Vec<Line>, edits: &mut Vec<Edit>) -> Vec<Line> {
        let keys: Vec<Option<String>> = lines
            .iter()
            .map(|line| match line {
                Line::Text(t) if may_repeat_as_furniture(t.as_str()) => {
                    Some(furniture_key(t.as_str()))
                }
                _ => None,
            })
            .collect();
        let mut repeats: HashMap<&str, usize> = HashMap::new();
        for key in keys.iter().flatten() {
            *repeats.entry(key.as_str()).or_default() += 1;
        }
        let repeated = |key: &Option<String>| {
            key.as_deref()
                .is_some_and(|k| repeats.get(k).copied().unwrap_or(0) >= FURNITURE_REPEATS)
        };
        let verdicts: Vec<Option<&'static str>> = lines
            .iter()
            .zip(&keys)
            .map(|(line, key)| match line {
                Line::Text(t) if is_page_number(t.as_str()) => Some("page number removed"),
                Line::Text(_) if repeated(key) => {
                    Some("running header or footer (repeated on every page) removed")
                }
                _ => None,
            })
            .collect();
        lines
            .into_iter()
            .zip(verdicts)
            .map(|(line, verdict)| match (line, verdict) {
                (Line::Text(t), Some(reason)) => {
                    edits.push(Edit {
                        pass: "page_furniture",
                        position: t.position_at(0),
                        before: t.as_str().to_string(),
                        after: String::new(),
                        reason: reason.into(),
                        confidence: 0.9,
                    });
                    Line::Furniture
                }
                (other, _) => other,
            })
            .collect()
    }

    fn join_drop_caps(
        lines: Vec<Line>,
        vocabulary: &Vocabulary<'_>,
        edits: &mut Vec<Edit>,
    ) -> Vec<Line> {
        let mut out: Vec<Line> = Vec::with_capacity(lines.len());
        let mut iter = lines.into_iter().peekable();
        while let Some(line) = iter.next() {
            let Line::Text(cap) = &line else {
                out.push(line);
                continue;
            };
            if !is_drop_cap(cap.as_str()) {
                out.push(line);
                continue;
            }
            let mut skipped = Vec::new();
            while matches!(iter.peek(), Some(Line::Blank)) {
                skipped.push(iter.next().expect("peeked"));
            }
            match iter.peek() {
                Some(Line::Text(rest)) if continues_drop_cap(rest.as_str()) => {
                    let joined = join_drop_cap(cap, rest, vocabulary, edits);
                    iter.next();
                    out.push(Line::Text(joined));
                }
                _ => {
                    out.push(line);
                    out.extend(skipped);
                }
            }
        }
        out
    }

    fn group_blocks(lines: Vec<Line>) -> Vec<Vec<MappedText>> {
        let width = column_width(&lines);
        let mut blocks: Vec<Vec<MappedText>> = Vec::new();
        let mut current: Vec<MappedText> = Vec::new();
        let mut saw_blank = false;
        let mut saw_furniture = false;
        for line in lines {
            match line {
                Line::Blank => saw_blank = true,
                Line::Furniture => saw_furniture = true,
                Line::Text(text) => {
                    let continues = current.last().is_some_and(|prev| {
                        !ends_sentence(prev.as_str())
                            || is_full(prev.as_str(), text.as_str(), width)
                    });
                    let breaks = saw_blank && !(saw_furniture && continues);
                    if breaks && !current.is_empty() {
                        blocks.push(std::mem::take(&mut current));
                    }
                    current.push(text);
                    saw_blank = false;
                    saw_furniture = false;
                }
            }
        }
        if !current.is_empty() {
            blocks.push(current);
        }
        blocks
    }

    fn column_width(lines: &[Line]) -> usize {
        let mut lengths: Vec<usize> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Text(t) => Some(t.as_str().chars().count()),
                _ => None,
            })
            .collect();
        if lengths.is_empty() {
            return 0;
        }
        lengths.sort_unstable();
        lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)]
    }

    fn is_full(line: &str, next: &str, width: usize) -> bool {
        let next_word = next.split(' ').next().unwrap_or("").chars().count();
        line.chars().count() + 1 + next_word > width
    }

    fn paragraphs_of_block(
        block: &[MappedText],
        split_inside: bool,
        vocabulary: &Vocabulary<'_>,
        edits: &mut Vec<Edit>,
        findings: &mut Vec<Finding>,
    ) -> Vec<MappedText> {
        let width = block
            .iter()
            .map(|l| l.as_str().chars().count())
            .max()
            .unwrap_or(0);
        let mut paragraphs = Vec::new();
        let mut current: Option<MappedText> = None;
        for (i, line) in block.iter().enumerate() {
            current = Some(match current.take() {
                None => line.clone(),
                Some(paragraph) => join_lines(paragraph, line, vocabulary, edits, findings),
            });
            let is_last = i + 1 == block.len();
            let short = line.as_str().chars().count() * 10 < width * 7;
            if is_last || (split_inside && short && ends_sentence(line.as_str())) {
                paragraphs.extend(current.take());
            }
        }
        paragraphs
    }

    fn join_lines(
        mut paragraph: MappedText,
        line: &MappedText,
        vocabulary: &Vocabulary<'_>,
        edits: &mut Vec<Edit>,
        findings: &mut Vec<Finding>,
    ) -> MappedText {
        let text = paragraph.as_str();
        let left_word = trailing_word(text.strip_suffix('-').unwrap_or(""));
        let right_word = leading_letters(line.as_str());
        let hyphen_at = text.len().saturating_sub(1);
        if left_word.is_empty()
            && ends_with_number_and_hyphen(text)
            && continues_number_compound(line.as_str())
        {
            let position = paragraph.position_at(hyphen_at);
            paragraph.push_mapped(line);
            edits.push(number_hyphen_edit(position));
            return paragraph;
        }
        if !left_word.is_empty() && !right_word.is_empty() && text.ends_with('-') {
            let (decision, confidence) = hyphen_decision(left_word, right_word, vocabulary);
            let left_word = left_word.to_string();
            let position = paragraph.position_at(hyphen_at - left_word.len());
            let mut joined = MappedText::default();
            let keep = decision == HyphenDecision::Keep;
            joined.push_slice(&paragraph, 0, if keep { text.len() } else { hyphen_at });
            joined.push_mapped(line);
            let hyphen = HyphenJoin {
                left_word: &left_word,
                right_word,
                keep,
                confidence,
            };
            hyphen.record(position, edits, findings);
            return joined;
        }
        let position = paragraph.position_at(paragraph.len());
        paragraph.push_replacement(" ", position);
        paragraph.push_mapped(line);
        edits.push(unwrap_edit(position));
        paragraph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;
    use crate::diagnostic::Position;

    /// `text` as a document, each line at its position.
    fn doc_of(text: &str) -> MappedText {
        let mut doc = MappedText::default();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            doc.push_verbatim(line, Position::new(i + 1, 1));
        }
        doc
    }

    fn layout(text: &str) -> (Vec<String>, Vec<Edit>) {
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document(text, &context);
        let doc = doc_of(text);
        let mut edits = Vec::new();
        let blocks = lay_out(&doc, &vocabulary, &mut edits, &mut Vec::new());
        (
            blocks.iter().map(|b| b.as_str().to_string()).collect(),
            edits,
        )
    }

    #[test]
    fn wrapped_lines_become_one_paragraph() {
        let (blocks, edits) =
            layout("The talks in Doha ended on\na Sunday without a deal.\n\nNext one.\n");
        assert_eq!(
            blocks,
            [
                "The talks in Doha ended on a Sunday without a deal.",
                "Next one."
            ]
        );
        assert_eq!(edits[0].pass, "unwrap");
        assert_eq!(edits[0].position, Position::new(1, 27));
    }

    #[test]
    fn without_blank_lines_a_short_line_ending_a_sentence_ends_a_paragraph() {
        const NAMES: &[&str] = &[
            "Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo",
        ];
        let text: String = (0..20)
            .map(|i| {
                let name = NAMES[i % 10];
                let verb = if i < 10 { "wrote" } else { "read" };
                format!("{name} {verb} a line long enough to set the width of\nthe column here.\n")
            })
            .collect();
        let (blocks, _) = layout(&text);
        assert_eq!(blocks.len(), 20, "{blocks:?}");
        assert_eq!(
            blocks[1],
            "Bo wrote a line long enough to set the width of the column here."
        );
    }

    #[test]
    fn with_blank_lines_a_short_line_inside_a_block_does_not_end_it() {
        let text = "The department has taken\nnotice.\nIt plans to offer seed to all of the growers\nwho agree.\n\nNext.\n";
        let (blocks, _) = layout(text);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }

    /// A soft hyphen before a line-end hyphen (Chromium's PDFs through pdftotext) says
    /// the line broke a word: it is joined though no list holds it (`Regensburg`), where
    /// a plain line-end hyphen in such a word stays (nothing shows it broke a word). The
    /// characters pass leaves the mark; no soft hyphen reaches the text.
    #[test]
    fn a_soft_hyphen_at_a_line_end_joins_the_word_it_broke() {
        let clean = |raw: &str| {
            let mut edits = Vec::new();
            let text = crate::clean::characters::repair_characters(raw, &mut edits);
            let context = WordContext::default();
            let vocabulary = Vocabulary::for_document(text.as_str(), &context);
            let blocks = lay_out(&text, &vocabulary, &mut edits, &mut Vec::new());
            let blocks: Vec<String> = blocks.iter().map(|b| b.as_str().to_string()).collect();
            (blocks, edits)
        };
        let (blocks, edits) = clean(
            "Warnings for Munich and Re\u{ad}\u{2010}\ngens\u{ad}burg, where the Dan\u{ad}-\nube ran low, and for Zwie\u{ad}\u{2010}\n",
        );
        assert_eq!(
            blocks,
            ["Warnings for Munich and Regensburg, where the Danube ran low, and for Zwie-"]
        );
        let join = edits
            .iter()
            .find(|e| e.reason.starts_with("word broken at a soft hyphen"))
            .expect("the join is recorded");
        assert_eq!(join.position, Position::new(1, 25));
        let (blocks, _) = clean("Warnings for Munich and Re-\ngensburg.\n");
        assert_eq!(blocks, ["Warnings for Munich and Re-gensburg."]);
    }

    #[test]
    fn line_end_hyphens_join_broken_words_and_keep_real_hyphens() {
        let text = "The implementation of the truce, as is well known, was slow. The imple-\nmentation went on between Pakistan-\nAfghanistan and the Tehreek-i-\nTaliban, a well-\nknown group.\n";
        let (blocks, edits) = layout(text);
        assert_eq!(
            blocks[0],
            "The implementation of the truce, as is well known, was slow. The implementation went on between Pakistan-Afghanistan and the Tehreek-i-Taliban, a well-known group."
        );
        let hyphen = edits.iter().find(|e| e.pass == "hyphenation").unwrap();
        assert_eq!(hyphen.before, "imple-\nmentation");
        assert_eq!(hyphen.position, Position::new(1, 66));
        // A number's compound broken after its hyphen keeps it, with no space.
        let (blocks, _) = layout(
            "The earliest 44-\ndegree day came after a 10-\nday run for 13-\nto 15-year-olds.\n",
        );
        assert_eq!(
            blocks[0],
            "The earliest 44-degree day came after a 10-day run for 13- to 15-year-olds."
        );
    }

    #[test]
    fn a_line_end_hyphen_inside_an_address_stays() {
        let (blocks, _) = layout(
            "Reach them at desk@courrier-\nmetropole.ca or zorb-\nquile.org, and a zorb-\nquile.\n",
        );
        assert_eq!(
            blocks[0],
            "Reach them at desk@courrier-metropole.ca or zorb-quile.org, and a zorbquile."
        );
    }

    #[test]
    fn the_lexicon_decides_and_without_evidence_the_hyphen_stays() {
        let context = WordContext::default();
        let text =
            "A long\nterm plan, a con-\ntinued effort over the long-\nterm and a plan-\nquile.\n";
        let vocabulary = Vocabulary::for_document(text, &context);
        use HyphenDecision::{Join, Keep};
        // (left, right, decision, confidence when it matters)
        let cases: &[(&str, &str, HyphenDecision, Option<f32>)] = &[
            ("long", "term", Keep, Some(0.8)),
            ("con", "tinued", Join, Some(0.95)),
            ("fund", "raising", Join, Some(0.75)),
            ("cross", "border", Keep, None),
            ("under", "standing", Join, None),
            // Neither piece is a word: a hyphenator broke a word no list holds.
            ("zorb", "quile", Join, Some(0.6)),
            ("plan", "quile", Keep, Some(0.4)),
            // A word only the frequency list holds, broken where its second piece is no
            // word (`rene`, a name, is a word of its own).
            ("rene", "gotiation", Join, Some(0.8)),
            // Glued words round the break (`fogging` + `and`, `pretend`).
            ("fog", "gingandlarvicide", Join, Some(0.6)),
            ("Iwontpre", "tend", Join, Some(0.6)),
            // Glued words broken by a line end: the hyphen broke `gardens`, so it goes
            // (the word pass then splits `androoftopgardens`); where the hyphen falls
            // between two of the glued words it may be a real one, so it stays.
            ("androoftopgar", "dens", Join, Some(0.7)),
            ("well", "knownfact", Keep, None),
            // A word and an ending that closes up with it: the joined word no list
            // holds is still one word, unless three of a letter would run together.
            ("Doctor", "less", Join, Some(0.75)),
            ("plank", "ship", Join, Some(0.75)),
            ("shell", "less", Keep, None),
            ("cat", "like", Keep, None),
        ];
        for &(left, right, decision, confidence) in cases {
            let (got, got_confidence) = hyphen_decision(left, right, &vocabulary);
            assert_eq!(got, decision, "{left}-{right}");
            if let Some(confidence) = confidence {
                assert_eq!(got_confidence, confidence, "{left}-{right}");
            }
        }
        let doc = doc_of(text);
        let mut findings = Vec::new();
        let blocks = lay_out(&doc, &vocabulary, &mut Vec::new(), &mut findings);
        assert_eq!(
            blocks[0].as_str(),
            "A long term plan, a continued effort over the long-term and a plan-quile."
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].text, "plan-quile");
        assert_eq!(findings[0].position, Position::new(4, 12));
    }

    #[test]
    fn furniture_after_a_full_line_is_bridged_even_after_a_full_stop() {
        let text = "A line that sets the column width for the test.\nThe department has taken notice. It\n\n7\n\nplans to act.\n\nA short one.\n\n8\n\nNew paragraph.\n";
        let (blocks, _) = layout(text);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(blocks[0].ends_with("It plans to act."), "{blocks:?}");
    }

    #[test]
    fn words_a_narrow_column_prints_alone_again_and_again_are_prose() {
        // One word per line, `and` three times: a repeat, but no running head.
        let text = "The tram\nis\nsmall,\nold\nand\nbeautiful, and\nwe\nride\nit\nand\nwalk\nback\nand\nrest.\n";
        let (blocks, edits) = layout(text);
        assert_eq!(
            blocks,
            ["The tram is small, old and beautiful, and we ride it and walk back and rest."]
        );
        assert!(edits.iter().all(|e| e.pass != "page_furniture"));
    }

    #[test]
    fn page_numbers_and_running_heads_are_dropped_and_sentences_bridged() {
        let text = "THE LEDGER | Page 1\nTalks between the two sides ended on Sunday in\n\n12\n\nTHE LEDGER | Page 2\n\na draw.\n\nTHE LEDGER | Page 3\nMore news.\n";
        let (blocks, edits) = layout(text);
        assert_eq!(
            blocks,
            [
                "Talks between the two sides ended on Sunday in a draw.",
                "More news."
            ]
        );
        assert_eq!(
            edits.iter().filter(|e| e.pass == "page_furniture").count(),
            4
        );
    }

    #[test]
    fn characters_are_counted_like_chars_count() {
        let long = "é“🙂”x".repeat(120);
        for text in [
            "",
            "a",
            "plain ascii line of text",
            "“Quoted” — café, Erdoğan’s ﬁne day 🙂 end",
            &long,
        ] {
            for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let part = &text[..cut];
                assert_eq!(
                    count_chars(part.as_bytes()),
                    part.chars().count(),
                    "{part:?}"
                );
            }
        }
    }

    #[test]
    fn trimmed_ranges_are_what_trim_keeps() {
        for line in [
            "",
            " ",
            "\t\u{b} ",
            "word",
            "  two words \t",
            "\u{a0}nbsp\u{a0}",
            "\u{2003}\u{a0}",
            " \u{a0} x",
            "x \u{85}",
            "“quoted”  ",
            "\u{1c}control\u{1f}",
            "é",
        ] {
            let range = trimmed_range(line);
            assert_eq!(&line[range.clone()], line.trim(), "{line:?}");
            if !range.is_empty() {
                let leading = line.len() - line.trim_start().len();
                assert_eq!(range.start, leading, "{line:?}");
            }
        }
    }

    /// The summary a key gives when built from the key itself: its first 8 bytes with
    /// the case bit set, and its last character.
    fn summary_of_key(key: &str) -> (u64, char) {
        let mut prefix = [0u8; 8];
        for (slot, byte) in prefix.iter_mut().zip(key.bytes()) {
            *slot = byte;
        }
        let case_bits = u64::from_le_bytes([0x20; 8]);
        let last = key.chars().next_back().unwrap_or('\0');
        (u64::from_le_bytes(prefix) | case_bits, last)
    }

    #[test]
    fn furniture_summaries_are_those_of_the_keys() {
        for line in [
            "THE LEDGER | Page 1",
            "The Daily Ledger Online",
            "the daily ledger online 12",
            "The Daily 2025 Ledger Online",
            "A headline that runs well past sixteen bytes",
            "A headline that runs well past 16 bytes 7",
            "Ünited Ledger Weekly",
            "News Café",
            "NEWS CAFÉ",
            "Sixteen bytes ok",
            "Fifteen bytes o",
            "12345678901234567890",
            "abcdefghijklmno7pq",
            "abcdef7gh",
            "Seven b",
            "“Quoted” header line",
            "x",
            "İstanbul Times Of The Day",
            "ΣΟΦΊΑ DAILY HERALD TODAY",
        ] {
            assert_eq!(
                furniture_summary(line),
                summary_of_key(&furniture_key(line)),
                "{line:?}"
            );
        }
    }

    #[test]
    fn prose_endings_are_read_from_the_last_byte() {
        for line in [
            "No.",
            "Why?",
            "Go!",
            "said \"",
            "“Yes”",
            "it’",
            "a,",
            "Page 3",
            "x",
            "",
            "é",
        ] {
            let expected = line.ends_with(['.', '?', '!', '"', '”', '’', ',']);
            assert_eq!(ends_like_prose(line), expected, "{line:?}");
        }
    }

    #[test]
    fn page_number_shapes() {
        for yes in [
            "12",
            "- 12 -",
            "Page 3",
            "page 3 of 30",
            "3/30",
            "— 7 —",
            "PAGE 3 OF 9",
            "p. 7",
            "A3",
            "B12",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "2025",
            "November 16, 2025",
            "|",
            "12 killed",
            "Page one",
            "12 pages",
            "Nov 3",
            "A0",
            "Z9",
            "A123",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn drop_cap_across_a_blank_line() {
        let (blocks, _) =
            layout("Title\n\nN\n\neighbours Pakistan and Afghanistan\nsigned a deal.\n");
        assert_eq!(
            blocks,
            [
                "Title",
                "Neighbours Pakistan and Afghanistan signed a deal."
            ]
        );
    }

    #[test]
    fn a_lone_letter_without_a_continuation_stays() {
        let (blocks, _) = layout("Plan B\n\nB\n\nThe end.\n");
        assert_eq!(blocks, ["Plan B", "B", "The end."]);
    }

    /// Raw text full of what layout handles: wrapped lines of varied width, line-end
    /// hyphens (broken words, compounds, names), drop caps with and without quotes,
    /// running heads and page numbers, blank lines, and characters the characters pass
    /// rewrites (ligatures, NBSP, zero-width, tabs, doubled spaces), so the document's
    /// map has anchors inside lines.
    fn generated_document(state: &mut u64) -> String {
        const PIECES: &[&str] = &[
            "the",
            "talks",
            "ended",
            "imple-",
            "mentation",
            "Pakistan-",
            "Afghanistan",
            "well-",
            "known",
            "con-",
            "tinued",
            "zorb-",
            "quile",
            "Erdoğan",
            "café",
            "ﬁne",
            "a\u{a0}b",
            "zero\u{200b}width",
            "tab\there",
            "two  spaces",
            "“Quoted,”",
            "said.",
            "end.",
            "No.",
            "(it)",
            "12",
            "—",
            "over-",
            "Tehreek-i-",
            "Taliban",
            "under-",
            "standing",
            "proﬁ-",
            "table",
        ];
        const LINES: &[&str] = &[
            "",
            "",
            "N",
            "“T",
            "A",
            "I",
            "7",
            "- 12 -",
            "Page 3 of 9",
            "THE LEDGER | Page 1",
            "THE LEDGER | Page 2",
            "Daily News",
            "DAILY NEWS",
            "daily news",
            "The Daily Ledger Online",
            "THE DAILY LEDGER ONLINE",
            "the daily ledger online 12",
            "The Daily Ledger Online 13",
            "Ünited Ledger Weekly",
            "ÜNITED LEDGER WEEKLY",
            "ünited ledger weekly",
            "News Café",
            "NEWS CAFÉ",
            "news café",
            "  ",
            "x",
        ];
        let mut next = |n: usize| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            (*state % n as u64) as usize
        };
        let mut text = String::new();
        for _ in 0..next(60) + 5 {
            if next(4) == 0 {
                text.push_str(LINES[next(LINES.len())]);
            } else {
                let words = next(12) + 1;
                let mut line: Vec<&str> = (0..words).map(|_| PIECES[next(PIECES.len())]).collect();
                if next(3) == 0 {
                    line.insert(0, "eighbours");
                }
                if next(2) == 0 {
                    line.insert(0, " ");
                }
                text.push_str(&line.join(" "));
            }
            text.push('\n');
        }
        text
    }

    /// The hyphen decision, which asks the document about a piece and the compound in one
    /// search, decides as asking each question in turn does: for every pair of words of
    /// generated documents (pieces, compounds, names, words of other cases).
    #[test]
    fn hyphen_decisions_agree_with_the_reference() {
        let context = WordContext::default();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut joins = 0;
        for round in 0..12 {
            // Compounds only the document knows, of known and of unknown first pieces.
            let raw = generated_document(&mut state) + "A plan-zorb, zorb-plan and red-quile.\n";
            let vocabulary = Vocabulary::for_document(&raw, &context);
            let mut words: Vec<&str> = raw
                .split([' ', '\n'])
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
                .chain([
                    "imple",
                    "mentation",
                    "con",
                    "tinued",
                    "zorb",
                    "well",
                    "known",
                    "plan",
                ])
                .filter(|w| !w.is_empty())
                .collect();
            words.sort_unstable();
            words.dedup();
            for left in &words {
                for right in words.iter().skip(round % 2).step_by(2) {
                    let left = left.trim_end_matches('-');
                    let right = leading_letters(right);
                    if left.is_empty() || right.is_empty() {
                        continue;
                    }
                    let fast = hyphen_decision(left, right, &vocabulary);
                    let plain = reference::hyphen_decision(left, right, &vocabulary);
                    assert_eq!(fast, plain, "round {round}: {left}-{right} in {raw:?}");
                    joins += usize::from(fast.0 == HyphenDecision::Join);
                }
            }
        }
        assert!(joins > 20, "{joins}");
    }

    /// The fast layout gives exactly what the plain line-by-line version gave: the same
    /// blocks (text and map), edits and findings, on generated documents.
    #[test]
    fn fast_layout_agrees_with_the_reference() {
        let context = WordContext::default();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..400 {
            let raw = generated_document(&mut state);
            let doc = crate::clean::characters::repair_characters(&raw, &mut Vec::new());
            let vocabulary = Vocabulary::for_document(doc.as_str(), &context);
            let (mut edits, mut findings) = (Vec::new(), Vec::new());
            let fast = lay_out(&doc, &vocabulary, &mut edits, &mut findings);
            let (mut ref_edits, mut ref_findings) = (Vec::new(), Vec::new());
            let plain = reference::lay_out(&doc, &vocabulary, &mut ref_edits, &mut ref_findings);
            assert_eq!(fast, plain, "round {round}: {raw:?}");
            assert_eq!(edits, ref_edits, "round {round}: {raw:?}");
            assert_eq!(findings, ref_findings, "round {round}: {raw:?}");
        }
    }
}
