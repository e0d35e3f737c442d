//! Pass 6, pull-quotes: a standalone paragraph that repeats words of the body.
//!
//! Layouts lift a striking sentence out of the article and set it large between the
//! columns; copying brings it back as a paragraph of its own that says again what the
//! body already says. Such a paragraph becomes a pull-quote block where it stands (the
//! body keeps its sentence). It is recognised when its words — capitals, quote marks,
//! punctuation and a trailing attribution (`, the FO said.`) aside — occur as a run
//! inside another paragraph, and are long enough not to repeat by chance: eight words
//! or more, or five for a paragraph that is one quotation, marks and all.
//!
//! Words are the runs of alphanumeric characters, compared lowercased (the
//! [`normalise`]d form). Most paragraphs of an article are candidates and nearly all of
//! them repeat nothing, so the search rules them out without building any normal form:
//!
//! 1. one pass lowercases the whole document into one copy and counts each paragraph's
//!    whitespace-separated words (which say which paragraphs are candidates), eight
//!    plain-ASCII bytes at a time (SWAR, up to 64 per store); the same pass marks the
//!    copy's word bytes with one bit per byte, so its runs of marked bytes are exactly
//!    the words of the normal form, and a word can be compared as bytes of the copy;
//! 2. each candidate's anchor is its first longest word but the last, found on the bits
//!    with a few shift-and passes;
//! 3. one walk over the document's words finds where an anchor occurs in another
//!    paragraph followed by its next word: runs shorter than the shortest anchor are
//!    dropped on the bits, and of the others only those whose length, ends and then key
//!    small sets of the anchors' hold are looked up in a sorted table of the anchors;
//! 4. only at those places are the words compared, run against run.
//!
//! (An earlier version classified every byte of every paragraph into bits and hashed
//! words; searching each anchor with `memchr::memmem` in the copy was tried too, and
//! cost more: a search per candidate reads the whole document again.)
//!
//! So the answer is that of the plain text search (every needle's normal form against
//! every paragraph's), which the tests keep as the reference and compare with on
//! generated documents.
//!
//! Copy no article holds could still make that search cost the square of its length:
//! the same paragraph a thousand times makes every paragraph a candidate whose anchor
//! occurs in every other. So each candidate keeps at most `MAX_SOURCES` sources (a
//! sentence printed in more paragraphs than that is no pull-quote's), and the walk stops
//! when the comparisons it has made reach `WORK_PER_WORD` times the document's words
//! (see `Budget`). Real copy comes nowhere near either limit, so the answer is still
//! the plain search's; adversarial input gets the pull-quotes found by then.

use std::collections::HashSet;
use std::ops::Range;

/// Fewest words a pull-quote must repeat.
const MIN_WORDS: usize = 8;
/// ... or this many, when the paragraph is one quotation, marks and all (`“The sea does
/// not wait for budgets.”`): a layout sets a short line of speech large as often as a
/// long one, and a paragraph of speech alone that the body says again word for word is
/// no chance repeat.
const MIN_QUOTED_WORDS: usize = 5;

/// The fewest words `paragraph` must repeat to be a pull-quote.
fn least_words(paragraph: &str) -> usize {
    let text = paragraph.trim();
    let opens = text.starts_with(['“', '"', '‘']);
    let closes = text
        .trim_end_matches(['.', ',', '!', '?'])
        .ends_with(['”', '"', '’']);
    if opens && closes {
        MIN_QUOTED_WORDS
    } else {
        MIN_WORDS
    }
}
/// Most words a pull-quote has (a layout lifts a sentence or two, not a paragraph).
const MAX_WORDS: usize = 60;
/// Most paragraphs a candidate's words are looked for in: past these, it has enough
/// sources to be judged.
const MAX_SOURCES: usize = 64;
/// The comparisons the search may make, per word of the document (see `Budget`).
const WORK_PER_WORD: usize = 4;
/// Verbs that mark a trailing attribution after a quotation.
const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "states",
    "noted",
    "explained",
    "argued",
    "asked",
    "insisted",
    "warned",
    "wrote",
    "according",
];

/// Indices of the paragraphs in `paragraphs` that are pull-quotes.
pub fn find_pull_quotes(paragraphs: &[&str]) -> HashSet<usize> {
    let document = LoweredDocument::new(paragraphs);
    let mut scratch = RunScratch::default();
    let candidates: Vec<Candidate> = (0..paragraphs.len())
        .filter(|&i| {
            (least_words(paragraphs[i])..=MAX_WORDS).contains(&document.whitespace_words[i])
        })
        .filter_map(|i| document.candidate(paragraphs[i], i, &mut scratch))
        .collect();
    if candidates.is_empty() {
        return HashSet::new();
    }
    let words = document.whitespace_words.iter().sum::<usize>();
    let allowed = WORK_PER_WORD * words + 4096;
    let mut budget = Budget(allowed);
    let sources = document.confirmed_sources(&candidates, &mut budget);
    super::work::add(allowed - budget.0);
    // In paragraph order: a paragraph already found to be a pull-quote is no source.
    let mut found = vec![false; paragraphs.len()];
    // Each paragraph's padded normal length, measured once.
    let mut lengths: Vec<Option<usize>> = vec![None; paragraphs.len()];
    for (candidate, sources) in candidates.iter().zip(sources) {
        let i = candidate.paragraph;
        let ours = document.padded_normal_len(candidate.needle.clone());
        found[i] = sources.into_iter().any(|j| {
            j != i && !found[j] && {
                let theirs = *lengths[j]
                    .get_or_insert_with(|| document.padded_normal_len(document.spans[j].clone()));
                is_body(theirs, ours, j, i)
            }
        });
    }
    (0..paragraphs.len()).filter(|&i| found[i]).collect()
}

/// Whether paragraph `j`, which holds candidate `i`'s words, is the body they come from:
/// its padded normal form (` words joined by spaces `, `theirs` long) longer than the
/// candidate's (`ours`), or as long and the paragraph earlier (of two equal paragraphs
/// the first is the body's).
fn is_body(theirs: usize, ours: usize, j: usize, i: usize) -> bool {
    theirs > ours || (theirs == ours && j < i)
}

/// What is left of the comparisons the source search may make: one for each candidate
/// an anchor's place is checked against, and one for each 64 bytes of a paragraph read
/// to count its words. It starts at `WORK_PER_WORD` per word of the document, so the
/// search is linear in the document whatever it holds.
struct Budget(usize);

impl Budget {
    /// Spends `work`; false when there was not that much left.
    fn spend(&mut self, work: usize) -> bool {
        match self.0.checked_sub(work) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => false,
        }
    }
}

/// A candidate pull-quote: a paragraph with few enough words, whose words (the
/// attribution aside) are to be found as a run in another paragraph.
struct Candidate {
    paragraph: usize,
    /// Its needle's bytes in the document's copy: the paragraph without attribution.
    needle: Range<usize>,
    /// The needle's first longest word but the last, in the copy.
    anchor: Range<usize>,
    /// The anchor's index among the needle's words.
    anchor_index: usize,
    /// The word after the anchor, in the copy.
    next: Range<usize>,
}

/// The document lowercased into one copy, paragraph after paragraph, with each
/// paragraph's number of whitespace-separated words and the copy's word bytes.
///
/// Each letter or digit is replaced by its lowercase form (`char::to_lowercase`, as in
/// the normal form); every other character is kept as it is. The bytes that come from
/// letters and digits are marked, so a run of marked bytes is a word of the normal form,
/// byte for byte.
struct LoweredDocument {
    text: Vec<u8>,
    /// Each paragraph's bytes in `text` (paragraphs are kept apart by a line break).
    spans: Vec<Range<usize>>,
    whitespace_words: Vec<usize>,
    /// Whether some character of the paragraph has a lowercase form of another length
    /// (so that its copy's bytes are not where its own are).
    resized: Vec<bool>,
    /// One bit per byte of `text` (bit k of number n for byte 64n + k), set for the
    /// bytes of words.
    words: Vec<u64>,
}

/// Eight bytes with their high bits set.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl LoweredDocument {
    fn new(paragraphs: &[&str]) -> LoweredDocument {
        let len = paragraphs.iter().map(|p| p.len() + 1).sum();
        let mut document = LoweredDocument {
            text: Vec::new(),
            spans: Vec::with_capacity(paragraphs.len()),
            whitespace_words: Vec::with_capacity(paragraphs.len()),
            resized: Vec::with_capacity(paragraphs.len()),
            words: Vec::new(),
        };
        let mut lowering = Lowering {
            text: Vec::with_capacity(len),
            words: Vec::with_capacity(len.div_ceil(64) + 2),
        };
        for paragraph in paragraphs {
            let start = lowering.text.len();
            let copy = lowering.paragraph(paragraph);
            document.spans.push(start..lowering.text.len());
            document.whitespace_words.push(copy.whitespace_words);
            document.resized.push(copy.resized);
            lowering.text.push(b'\n');
        }
        document.text = lowering.text;
        document.words = lowering.words;
        document
    }

    /// The candidate of paragraph `i` (whose text is `text`), if its needle has enough
    /// words.
    fn candidate(&self, text: &str, i: usize, scratch: &mut RunScratch) -> Option<Candidate> {
        let start = self.spans[i].start;
        let needle_len = strip_attribution(text).len();
        let needle_end = if self.resized[i] {
            start + lowered_len(&text[..needle_len])
        } else {
            start + needle_len
        };
        // The needle's bits from bit 0 on, so the searches below read them in place.
        copy_bits(&self.words, start..needle_end, &mut scratch.needle);
        let (words, last) = word_starts_before(&scratch.needle, 0..needle_end - start);
        if words < least_words(text) {
            return None;
        }
        // The anchor needs a next word within the needle: it is not the last word.
        copy_bits(&scratch.needle, 0..last, &mut scratch.kept);
        let run = first_longest_run(scratch).expect("the needle has words before its last");
        let next_start = next_bit(&scratch.needle, run.end, true).expect("a next word");
        let next_end = next_bit(&scratch.needle, next_start, false).unwrap_or(needle_end - start);
        Some(Candidate {
            paragraph: i,
            needle: start..needle_end,
            anchor_index: word_starts_before(&scratch.needle, 0..run.start).0,
            anchor: start + run.start..start + run.end,
            next: start + next_start..start + next_end,
        })
    }

    /// For each candidate, the paragraphs other than its own that hold its words as a
    /// run, in order.
    ///
    /// One walk over the document's words finds where its anchor occurs followed by its
    /// next word: the runs shorter than the shortest anchor are dropped on the bits (a
    /// few passes of shifts), and of the others only those whose length a set of the
    /// anchors' lengths holds are looked up in a sorted table of the anchors. Only there
    /// are the words compared.
    fn confirmed_sources(&self, candidates: &[Candidate], budget: &mut Budget) -> Vec<Vec<usize>> {
        let mut sources = vec![Vec::new(); candidates.len()];
        let anchors = AnchorTable::new(&self.text, candidates);
        let mut long_runs = self.words.clone();
        if !keep_runs_at_least(&mut long_runs, anchors.shortest) {
            return sources;
        }
        let mut j = 0;
        for start in group_starts(&long_runs) {
            let end = next_bit(&self.words, start, false).expect("a line break after");
            for k in anchors.candidates_of(&self.text, start..end) {
                while self.spans[j].end <= start {
                    j += 1;
                }
                let candidate = &candidates[k];
                // Counting the words before the anchor reads the paragraph up to it.
                if !budget.spend(1 + (start - self.spans[j].start) / 64) {
                    return sources;
                }
                if candidate.paragraph != j
                    && sources[k].len() < MAX_SOURCES
                    && sources[k].last() != Some(&j)
                    && self.repeats_around(candidate, j, start..end)
                {
                    sources[k].push(j);
                }
            }
        }
        sources
    }

    /// Whether paragraph `j`, where the candidate's anchor is the word `anchor`, holds
    /// the candidate's words as a run around it.
    fn repeats_around(&self, candidate: &Candidate, j: usize, anchor: Range<usize>) -> bool {
        if self.text[anchor.clone()] != self.text[candidate.anchor.clone()] {
            return false;
        }
        let span = &self.spans[j];
        let next_start = next_bit(&self.words, anchor.end, true);
        let Some(next_start) = next_start.filter(|&start| start < span.end) else {
            return false;
        };
        let next_end = next_bit(&self.words, next_start, false).expect("a line break after");
        if self.text[next_start..next_end] != self.text[candidate.next.clone()] {
            return false;
        }
        let before = word_starts_before(&self.words, span.start..anchor.start).0;
        let Some(first) = before.checked_sub(candidate.anchor_index) else {
            return false;
        };
        let mut theirs = WordSpans::new(&self.words, span.clone()).skip(first);
        WordSpans::new(&self.words, candidate.needle.clone()).all(|ours| {
            theirs
                .next()
                .is_some_and(|their| self.text[ours] == self.text[their])
        })
    }

    /// The length of the padded normal form of the copy's bytes `range`: its word bytes,
    /// a space between words and one at each end.
    fn padded_normal_len(&self, range: Range<usize>) -> usize {
        let (words, _) = word_starts_before(&self.words, range.clone());
        let mut letters = Vec::new();
        copy_bits(&self.words, range, &mut letters);
        let letters: usize = letters.iter().map(|bits| bits.count_ones() as usize).sum();
        letters + words.max(1) + 1
    }
}

/// What [`Lowering::paragraph`] learnt of a paragraph.
struct ParagraphCopy {
    whitespace_words: usize,
    resized: bool,
}

/// The lowercase copy of a document being made (see [`LoweredDocument`]), with its word
/// bits.
#[derive(Default)]
struct Lowering {
    text: Vec<u8>,
    /// One bit per byte of `text`, set for the bytes of words (and maybe some clear
    /// bits past its end).
    words: Vec<u64>,
}

impl Lowering {
    /// Appends the lowercase copy of `text`. Plain-ASCII bytes are taken up to eight at
    /// a time (SWAR), a character that is not ASCII on its own.
    fn paragraph(&mut self, text: &str) -> ParagraphCopy {
        let bytes = text.as_bytes();
        let mut copy = ParagraphCopy {
            whitespace_words: 0,
            resized: false,
        };
        let mut after_word = false;
        let mut at = 0;
        while at < bytes.len() {
            let (taken, words) = self.ascii_block(&bytes[at..], &mut after_word);
            if taken > 0 {
                copy.whitespace_words += words;
                at += taken;
                continue;
            }
            let available = (bytes.len() - at).min(8);
            let eight = match bytes.get(at..at + 8) {
                Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
                None => load_padded(&bytes[at..]),
            };
            let ascii = ((eight & HIGH_BITS).trailing_zeros() / 8) as usize;
            let n = ascii.min(available);
            if n > 0 {
                copy.whitespace_words += self.ascii(eight, n, &mut after_word);
                at += n;
                continue;
            }
            if let Some(len) = self.general_punctuation(&bytes[at..]) {
                copy.whitespace_words += usize::from(!after_word);
                after_word = true;
                at += len;
                continue;
            }
            let c = char_at(text, at);
            let whitespace = c.is_whitespace();
            copy.whitespace_words += usize::from(!whitespace && !after_word);
            after_word = !whitespace;
            if !is_common_punctuation(c) && c.is_alphanumeric() {
                let before = self.text.len();
                let mut buffer = [0; 4];
                for lower in c.to_lowercase() {
                    self.text
                        .extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
                }
                copy.resized |= self.text.len() - before != c.len_utf8();
                self.mark(before..self.text.len());
            } else {
                self.text.extend_from_slice(&bytes[at..at + c.len_utf8()]);
            }
            at += c.len_utf8();
        }
        copy
    }

    /// Appends the plain-ASCII eight-byte chunks that start `bytes` (up to eight of them)
    /// lowercased, in one store, and marks their letters and digits with one update of
    /// the bits; returns how many bytes it took and how many whitespace-separated words
    /// start among them (`after_word`: whether the byte before belongs to one).
    fn ascii_block(&mut self, bytes: &[u8], after_word: &mut bool) -> (usize, usize) {
        let mut lowered = [0; 64];
        let (mut letters, mut words, mut taken) = (0, 0, 0);
        for chunk in bytes.chunks_exact(8).take(8) {
            let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if eight & HIGH_BITS != 0 {
                break;
            }
            let classes = AsciiClasses::of(eight, HIGH_BITS, after_word);
            lowered[taken..taken + 8].copy_from_slice(&classes.lowered.to_le_bytes());
            letters |= classes.letters << taken;
            words += classes.word_starts;
            taken += 8;
        }
        if taken > 0 {
            let at = self.text.len();
            self.text.extend_from_slice(&lowered[..taken]);
            self.set_bits(at, letters);
        }
        (taken, words)
    }

    /// If `bytes` starts with one of the commonest characters of copy that are not ASCII,
    /// the quote marks, dashes and the like of U+2010 to U+2027 and U+2030 to U+203F
    /// (three bytes, `E2 80 xx`, neither word nor whitespace), appends it as it is and
    /// returns its length; known without decoding it or looking it up.
    fn general_punctuation(&mut self, bytes: &[u8]) -> Option<usize> {
        match bytes {
            [0xE2, 0x80, 0x90..=0xA7 | 0xB0..=0xBF, ..] => {
                self.text.extend_from_slice(&bytes[..3]);
                Some(3)
            }
            _ => None,
        }
    }

    /// Appends the first `n` bytes of `eight` (plain ASCII, little-endian) lowercased,
    /// marks their letters and digits; returns how many whitespace-separated words start
    /// among them (`after_word`: whether the byte before belongs to one).
    fn ascii(&mut self, eight: u64, n: usize, after_word: &mut bool) -> usize {
        let classes = AsciiClasses::of(eight, HIGH_BITS >> (64 - 8 * n), after_word);
        let at = self.text.len();
        // Eight bytes in one store; those past the `n` taken are dropped again.
        self.text.extend_from_slice(&classes.lowered.to_le_bytes());
        self.text.truncate(at + n);
        self.set_bits(at, classes.letters);
        classes.word_starts
    }

    /// Sets the bits of `mask` from bit `at` of the word bits on.
    fn set_bits(&mut self, at: usize, mask: u64) {
        let number = at / 64;
        if self.words.len() < number + 2 {
            self.words.resize(number + 2, 0);
        }
        self.words[number] |= mask << (at % 64);
        if at % 64 != 0 {
            self.words[number + 1] |= mask >> (64 - at % 64);
        }
    }

    /// Marks the bytes `range` of the copy as bytes of words.
    fn mark(&mut self, range: Range<usize>) {
        for at in range {
            self.set_bits(at, 1);
        }
    }
}

/// The classes of up to eight plain-ASCII bytes (little-endian).
struct AsciiClasses {
    /// The bytes lowercased.
    lowered: u64,
    /// Bit k set where byte k is a letter or a digit.
    letters: u64,
    /// How many whitespace-separated words start among the bytes.
    word_starts: usize,
}

impl AsciiClasses {
    /// The classes of the bytes of `eight` whose high bits `taken` holds (the low ones);
    /// `after_word` says whether the byte before belongs to a whitespace-separated word,
    /// and is updated for the last byte taken.
    fn of(eight: u64, taken: u64, after_word: &mut bool) -> AsciiClasses {
        let lowered = eight | (bytes_in_range(eight, b'A', b'Z') >> 2);
        // Bytes up to the space; if one is a control character, only the whitespace.
        let mut whitespace = bytes_in_range(eight, 0, b' ');
        if bytes_in_range(eight, 0, 0x1f) & taken != 0 {
            whitespace = bytes_in_range(eight, b'\t', b'\r') | bytes_in_range(eight, b' ', b' ');
        }
        let in_word = !whitespace & taken;
        let starts = in_word & !((in_word << 8) | (u64::from(*after_word) << 7));
        *after_word = in_word >> (63 - taken.leading_zeros()) & 1 == 1;
        let letters = bytes_in_range(lowered, b'a', b'z') | bytes_in_range(lowered, b'0', b'9');
        AsciiClasses {
            lowered,
            letters: high_bits_mask(letters & taken),
            word_starts: high_bits_count(starts),
        }
    }
}

/// The length in bytes of the lowercase copy of `text`.
fn lowered_len(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().map(char::len_utf8).sum()
            } else {
                c.len_utf8()
            }
        })
        .sum()
}

/// Whether `c` is one of the quote marks, dashes and other general punctuation common
/// in copy: neither a letter nor a digit nor whitespace, known without the Unicode
/// tables.
fn is_common_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// The high bit of each of eight ASCII bytes set where the byte is in `low..=high`.
/// (A byte above 0x7f spoils the answer for itself and the bytes above it, whose
/// additions its carry reaches, never for the bytes below it.)
fn bytes_in_range(eight: u64, low: u8, high: u8) -> u64 {
    let splat = |byte: u8| u64::from(byte) * 0x0101_0101_0101_0101;
    // An ASCII byte's addition carries into no other byte.
    let at_least_low = eight.wrapping_add(splat(0x80 - low));
    let above_high = eight.wrapping_add(splat(0x7f - high));
    at_least_low & !above_high & HIGH_BITS
}

/// The character that starts at byte `at` of `text` (a character boundary).
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("a character starts here")
}

/// How many bytes of `high_bits` (only high bits set) have their high bit set: the
/// bytes' sum by a multiplication, cheaper than a population count without the
/// instruction.
fn high_bits_count(high_bits: u64) -> usize {
    ((high_bits >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Bit k set where byte k of `high_bits` (only high bits set) has its high bit set.
fn high_bits_mask(high_bits: u64) -> u64 {
    (high_bits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Up to eight bytes as a little-endian number, zero-padded.
fn load_padded(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0, |value, &byte| (value << 8) | u64::from(byte))
}

/// The bits `range` of `bits` into `out`, from its bit 0 on (bits past the range clear).
fn copy_bits(bits: &[u64], range: Range<usize>, out: &mut Vec<u64>) {
    out.clear();
    let len = range.len();
    out.extend((0..len.div_ceil(64)).map(|number| shifted_word(bits, number, range.start)));
    if len % 64 != 0 {
        if let Some(last) = out.last_mut() {
            *last &= (1 << (len % 64)) - 1;
        }
    }
}

/// How many runs of set bits (words) start in `range` (the bit before it clear), and
/// where the last starts (`range.start` if none does).
fn word_starts_before(bits: &[u64], range: Range<usize>) -> (usize, usize) {
    let (mut count, mut last) = (0, range.start);
    let mut carry = 0;
    for number in 0..range.len().div_ceil(64) {
        let word = shifted_word(bits, number, range.start);
        let mut starts = word & !((word << 1) | carry);
        carry = word >> 63;
        let left = range.len() - 64 * number;
        if left < 64 {
            starts &= (1 << left) - 1;
        }
        if starts != 0 {
            count += starts.count_ones() as usize;
            last = range.start + 64 * number + 63 - starts.leading_zeros() as usize;
        }
    }
    (count, last)
}

/// Space for [`first_longest_run`], kept from one candidate to the next.
#[derive(Default)]
struct RunScratch {
    /// A candidate's bits.
    needle: Vec<u64>,
    /// The bits searched (and kept).
    kept: Vec<u64>,
}

/// The first longest run of set bits in `scratch.kept` (which it changes), if any. Its
/// length is found on the bits: the starts of runs at least twice as long as a known
/// length are kept while there are any, then the length is refined by halving steps (a
/// few passes over a few words, instead of a visit to every run).
fn first_longest_run(scratch: &mut RunScratch) -> Option<Range<usize>> {
    let kept = &mut scratch.kept;
    if kept.iter().all(|&word| word == 0) {
        return None;
    }
    // Keeps the starts of runs `step` longer than known, if there are any. (In place,
    // in order: a word's update reads only itself and the words after it.)
    let try_step = |kept: &mut Vec<u64>, step: usize| {
        let any =
            (0..kept.len()).any(|number| kept[number] & shifted_word(kept, number, step) != 0);
        if any {
            for number in 0..kept.len() {
                kept[number] &= shifted_word(kept, number, step);
            }
        }
        any
    };
    let mut known = 1;
    while try_step(kept, known) {
        known *= 2;
    }
    let mut step = known / 2;
    while step > 0 {
        if try_step(kept, step) {
            known += step;
        }
        step /= 2;
    }
    let start = next_bit(kept, 0, true)?;
    Some(start..start + known)
}

/// Keeps the set bits that start a run of at least `len` set bits; whether any is left.
/// The run length known for the kept bits grows by up to itself with each pass (a run
/// of `k + s` starts where runs of `k` start at the bit and `s ≤ k` bits later), so `len`
/// takes about log2(`len`) passes over the bits, not `len - 1`.
fn keep_runs_at_least(bits: &mut [u64], len: usize) -> bool {
    let mut known = 1;
    while known < len {
        let step = known.min(len - known);
        let mut any = 0;
        for number in 0..bits.len() {
            bits[number] &= shifted_word(bits, number, step);
            any |= bits[number];
        }
        if any == 0 {
            return false;
        }
        known += step;
    }
    bits.iter().any(|&word| word != 0)
}

/// Word `number` of `bits` shifted down by `shift` bits (bits past the end are clear):
/// bit k of the answer is bit `64 * number + k + shift` of `bits`. Words from `number`
/// on are read, so a pass that updates the words in order may use it on itself.
fn shifted_word(bits: &[u64], number: usize, shift: usize) -> u64 {
    let (first, offset) = (number + shift / 64, shift % 64);
    let low = bits.get(first).copied().unwrap_or(0);
    if offset == 0 {
        return low;
    }
    let high = bits.get(first + 1).copied().unwrap_or(0);
    (low >> offset) | (high << (64 - offset))
}

/// Where each group of set bits starts, in order.
fn group_starts(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    let mut carry = 0;
    bits.iter().enumerate().flat_map(move |(number, &word)| {
        let mut starts = word & !((word << 1) | carry);
        carry = word >> 63;
        std::iter::from_fn(move || {
            let start = (starts != 0).then(|| 64 * number + starts.trailing_zeros() as usize);
            starts &= starts.wrapping_sub(1);
            start
        })
    })
}

/// The first bit at or after `from` that is set (or clear, if `set` is false).
fn next_bit(bits: &[u64], from: usize, set: bool) -> Option<usize> {
    let flip = if set { 0 } else { u64::MAX };
    let mut number = from / 64;
    let mut word = (*bits.get(number)? ^ flip) & (u64::MAX << (from % 64));
    while word == 0 {
        number += 1;
        word = *bits.get(number)? ^ flip;
    }
    Some(64 * number + word.trailing_zeros() as usize)
}

/// The candidates' anchors by the [`word_key`] of their words, behind a set of their
/// lengths and a 256-bit set of their keys, which rule most other words out before any
/// lookup.
struct AnchorTable {
    /// Each anchor's key and candidate, by key.
    keys: Vec<(u64, usize)>,
    /// Bit `len` (63 for 63 and longer) set for each anchor's length.
    lengths: u64,
    key_bits: [u64; 4],
    /// A 256-bit set of the anchors' [`ends_bit`]s, cheaper to test than their keys.
    ends: [u64; 4],
    /// The length of the shortest anchor.
    shortest: usize,
}

impl AnchorTable {
    fn new(text: &[u8], candidates: &[Candidate]) -> AnchorTable {
        let mut table = AnchorTable {
            keys: Vec::with_capacity(candidates.len()),
            lengths: 0,
            key_bits: [0; 4],
            ends: [0; 4],
            shortest: usize::MAX,
        };
        for (k, candidate) in candidates.iter().enumerate() {
            let key = word_key(text, candidate.anchor.clone());
            table.keys.push((key, k));
            table.lengths |= length_bit(candidate.anchor.len());
            let (number, bit) = key_bit(key);
            table.key_bits[number] |= bit;
            let (number, bit) = ends_bit(text, candidate.anchor.clone());
            table.ends[number] |= bit;
            table.shortest = table.shortest.min(candidate.anchor.len());
        }
        table.keys.sort_unstable();
        table
    }

    /// Whether some anchor may have the ends of the word `text[word]`.
    fn may_end(&self, text: &[u8], word: Range<usize>) -> bool {
        let (number, bit) = ends_bit(text, word);
        self.ends[number] & bit != 0
    }

    /// The candidates (in order) whose anchor may be the word `text[word]`: those with
    /// the same key, checked byte for byte by the caller's comparison of the words.
    fn candidates_of(&self, text: &[u8], word: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let (mut first, mut key) = (self.keys.len(), 0);
        if self.lengths & length_bit(word.len()) != 0 && self.may_end(text, word.clone()) {
            key = word_key(text, word);
            let (number, bit) = key_bit(key);
            if self.key_bits[number] & bit != 0 {
                first = self.keys.partition_point(|&(their, _)| their < key);
            }
        }
        self.keys[first..]
            .iter()
            .take_while(move |&&(their, _)| their == key)
            .map(|&(_, k)| k)
    }
}

/// A hash of the word `text[word]` (not empty): of its length and its first and last
/// eight bytes (or fewer).
fn word_key(text: &[u8], word: Range<usize>) -> u64 {
    let load = |at: usize| u64::from_le_bytes(text[at..at + 8].try_into().expect("eight bytes"));
    let (first, last) = if word.len() >= 8 {
        (load(word.start), load(word.end - 8))
    } else {
        let short = match text.get(word.start..word.start + 8) {
            Some(_) => load(word.start) & (u64::MAX >> (64 - 8 * word.len())),
            None => load_padded(&text[word.clone()]),
        };
        (short, short)
    };
    let mixed =
        (first ^ last.rotate_left(29) ^ word.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    mixed ^ (mixed >> 29)
}

/// The number and bit of the word `text[word]` (not empty) in a 256-bit set keyed by
/// its length and its first and last bytes.
fn ends_bit(text: &[u8], word: Range<usize>) -> (usize, u64) {
    let key = u32::from(text[word.start])
        | u32::from(text[word.end - 1]) << 8
        | (word.len() as u32) << 16;
    let hash = key.wrapping_mul(0x9E37_79B1);
    ((hash >> 30) as usize, 1 << ((hash >> 24) & 63))
}

/// The number and bit of a key in a 256-bit set of keys.
fn key_bit(key: u64) -> (usize, u64) {
    ((key >> 62) as usize, 1 << ((key >> 56) & 63))
}

/// The bit of a word length in a set of lengths (63 stands for 63 and longer).
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The byte ranges of the runs of set bits (words) in a range of bits that starts
/// between words and ends after one.
struct WordSpans<'a> {
    bits: &'a [u64],
    at: usize,
    end: usize,
}

impl WordSpans<'_> {
    fn new(bits: &[u64], range: Range<usize>) -> WordSpans<'_> {
        WordSpans {
            bits,
            at: range.start,
            end: range.end,
        }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = next_bit(self.bits, self.at, true).filter(|&start| start < self.end)?;
        let end = next_bit(self.bits, start, false).unwrap_or(64 * self.bits.len());
        self.at = end;
        Some(start..end)
    }
}

/// Lowercase words separated by single spaces, without quote marks or punctuation.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normal_form(text, &mut out);
    out
}

/// Appends the [`normalise`]d form of `text` to `out`: runs of alphanumeric characters,
/// lowercased, one space between runs.
fn push_normal_form(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    let mut rest = text;
    while let Some(&byte) = rest.as_bytes().first() {
        let (alphanumeric, len) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            let c = rest.chars().next().expect("not empty");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            if byte.is_ascii() {
                out.push(char::from(byte.to_ascii_lowercase()));
            } else {
                out.extend(rest[..len].chars().flat_map(char::to_lowercase));
            }
        } else {
            gap = true;
        }
        rest = &rest[len..];
    }
}

/// The most words an attribution under a pull-quote box has.
const MOST_ATTRIBUTION_WORDS: usize = 8;

/// Whether `paragraph` is the attribution a layout sets under a pull-quote box: a dash,
/// then a name or a role of a few words, and no sentence (`— Senior Pakistani official`,
/// `– Jane Doe, mayor`); or, with no dash, the name of someone `body` names, in capitals
/// or not, perhaps with a role after a comma (`MAREN HOLT, council engineer`).
pub fn is_box_attribution(paragraph: &str, body: &[&str]) -> bool {
    let dashed = ["— ", "– ", "- ", "—", "–"]
        .iter()
        .find_map(|dash| paragraph.trim().strip_prefix(dash));
    let rest = dashed.unwrap_or(paragraph.trim());
    let words: Vec<&str> = rest.split_whitespace().collect();
    let few_words_no_sentence = (1..=MOST_ATTRIBUTION_WORDS).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && !rest
            .trim_end_matches('.')
            .contains(['.', '?', '!', '“', '"']);
    few_words_no_sentence && (dashed.is_some() || names_someone_the_body_names(rest, body))
}

/// Whether `attribution`'s part before any comma is a name of two to four capitalised
/// words (or words in capitals) that `body` prints, capitalised as a name.
fn names_someone_the_body_names(attribution: &str, body: &[&str]) -> bool {
    let name = attribution.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&words.len())
        || !words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
    {
        return false;
    }
    // `MAREN HOLT` is printed `Maren Holt` in the body.
    let as_printed = crate::clean::structure::grammar::name_case(name.to_string());
    body.iter()
        .any(|p| p.contains(name) || p.contains(as_printed.as_str()))
}

/// The paragraph without a trailing attribution after its closing quote
/// (`“…,” the FO said.` → `“…,”`).
pub fn strip_attribution(paragraph: &str) -> &str {
    let Some((close, len)) = last_closing_quote(paragraph) else {
        return paragraph;
    };
    // The quote mark itself is no word, nor part of one.
    if is_attribution(&paragraph[close + len..]) {
        &paragraph[..close]
    } else {
        paragraph
    }
}

/// Where the last `”` or `"` of `text` starts, and its length.
fn last_closing_quote(text: &str) -> Option<(usize, usize)> {
    const RIGHT_QUOTE: &[u8] = "”".as_bytes();
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    // A `"`, or the last byte of a `”` (which only ends that character or its kin).
    while let Some(at) = memchr::memrchr2(b'"', RIGHT_QUOTE[2], &bytes[..end]) {
        if bytes[at] == b'"' {
            return Some((at, 1));
        }
        if at >= 2 && bytes[at - 2..=at] == *RIGHT_QUOTE {
            return Some((at - 2, RIGHT_QUOTE.len()));
        }
        end = at;
    }
    None
}

/// Whether the tail after a closing quote is an attribution: one to eight words (quote
/// marks and punctuation aside), one of them an attribution verb. A tail of plain ASCII
/// (the usual one) is read byte by byte.
fn is_attribution(tail: &str) -> bool {
    if tail.is_ascii() {
        attribution_verdict(
            tail.as_bytes()
                .split(|byte| matches!(byte, b'\t'..=b'\r' | b' '))
                .map(trim_ascii_non_alphanumeric)
                .filter(|word| !word.is_empty())
                .map(is_ascii_attribution_verb),
        )
    } else {
        attribution_verdict(
            tail.split_whitespace()
                .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|word| !word.is_empty())
                .map(is_attribution_verb),
        )
    }
}

/// Whether a tail whose words are attribution verbs or not as `verbs` says is an
/// attribution: one to eight words, one of them a verb.
fn attribution_verdict(verbs: impl Iterator<Item = bool>) -> bool {
    let mut words = 0;
    let mut has_verb = false;
    for is_verb in verbs {
        words += 1;
        if words > 8 {
            return false;
        }
        has_verb = has_verb || is_verb;
    }
    has_verb
}

/// `word` without the bytes other than ASCII letters and digits at its ends.
fn trim_ascii_non_alphanumeric(word: &[u8]) -> &[u8] {
    let start = word.iter().position(u8::is_ascii_alphanumeric);
    let end = word.iter().rposition(u8::is_ascii_alphanumeric);
    match (start, end) {
        (Some(start), Some(end)) => &word[start..=end],
        _ => &[],
    }
}

/// Whether `word` (ASCII), lowercased, is one of the [`ATTRIBUTION_VERBS`]: only those
/// of its length are compared.
fn is_ascii_attribution_verb(word: &[u8]) -> bool {
    let verbs: &[&str] = match word.len() {
        4 => &["said", "says", "told"],
        5 => &["added", "noted", "asked", "wrote"],
        6 => &["stated", "states", "argued", "warned"],
        8 => &["insisted"],
        9 => &["explained", "according"],
        _ => &[],
    };
    verbs
        .iter()
        .any(|verb| verb.as_bytes().eq_ignore_ascii_case(word))
}

/// Whether `word`, lowercased, is one of the [`ATTRIBUTION_VERBS`].
pub(crate) fn is_attribution_verb(word: &str) -> bool {
    if word.is_ascii() {
        ATTRIBUTION_VERBS
            .iter()
            .any(|verb| verb.eq_ignore_ascii_case(word))
    } else {
        ATTRIBUTION_VERBS.contains(&word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "At the third round, “the Afghan side tried to dilute the focus on the core issue of terrorism and expand the scope,” the statement from the FO said.";

    #[test]
    fn an_attribution_under_a_box_is_a_dash_and_a_few_words() {
        for line in [
            "— Senior Pakistani official",
            "– Jane Doe, mayor",
            "—Jane Doe",
        ] {
            assert!(is_box_attribution(line, &[]), "{line}");
        }
        for line in [
            "— and then the rain came",
            "Senior Pakistani official",
            "— He said so. Then he left.",
            "— Jane Doe, who ran the port for twenty years until it was sold",
        ] {
            assert!(!is_box_attribution(line, &[]), "{line}");
        }
    }

    /// With no dash, an attribution is the name of someone the body names.
    #[test]
    fn an_attribution_without_a_dash_names_someone_the_body_quotes() {
        let body = ["“We did what we could,” said the engineer, Maren Holt."];
        for line in ["MAREN HOLT, council engineer", "Maren Holt", "MAREN HOLT"] {
            assert!(is_box_attribution(line, &body), "{line}");
        }
        for line in [
            "Jane Doe, mayor",
            "Maren Holt said the wall would be late.",
            "The Harbour",
            "Holt",
        ] {
            assert!(!is_box_attribution(line, &body), "{line}");
        }
    }

    #[test]
    fn a_repeated_quote_with_attribution_is_a_pull_quote() {
        let pull = "“The Afghan side tried to dilute the focus on the core issue of terrorism and expand the scope,” the FO said.";
        let found = find_pull_quotes(&["Intro paragraph here.", BODY, pull]);
        assert_eq!(found, HashSet::from([2]));
    }

    #[test]
    fn short_repeats_and_unrelated_paragraphs_are_not() {
        let found = find_pull_quotes(&[
            BODY,
            "“The Afghan side tried,” he said.",
            "Something else entirely that is long enough to count.",
        ]);
        assert!(found.is_empty());
    }

    /// Five words are enough for a paragraph that is one quotation, marks and all; the
    /// same words unquoted, or fewer, are not.
    #[test]
    fn a_short_quotation_alone_on_its_paragraph_is_a_pull_quote() {
        let body =
            "“We did what we could,” said the engineer. “But the sea does not wait for budgets.”";
        let found = find_pull_quotes(&[body, "“The sea does not wait for budgets.”"]);
        assert_eq!(found, HashSet::from([1]));
        for not_one in [
            "The sea does not wait for budgets.",
            "“Not wait for budgets.”",
            "“The sea does not wait for taxes.”",
        ] {
            assert!(find_pull_quotes(&[body, not_one]).is_empty(), "{not_one}");
        }
    }

    #[test]
    fn the_body_keeps_its_sentence_when_the_repeat_is_the_same_length() {
        let sentence = "The real question is whether we are willing to sit together at last.";
        let found = find_pull_quotes(&[sentence, "Other text.", sentence]);
        assert_eq!(found, HashSet::from([2]));
    }

    #[test]
    fn a_body_word_whose_lowercase_is_ascii_matches_an_ascii_anchor() {
        // The Kelvin sign lowercases to `k`: the body's word is not ASCII, the anchor is.
        let body = "Then the \u{212A}ingdoms agreed to meet again in the spring and sign.";
        let pull = "“The kingdoms agreed to meet again in the spring,” he said.";
        assert_eq!(find_pull_quotes(&[body, pull]), HashSet::from([1]));
    }

    #[test]
    fn one_changed_word_is_no_repeat() {
        let pull = "“The Afghan side tried to dilute the focus on the main issue of terrorism and expand the scope,” the FO said.";
        assert!(find_pull_quotes(&[BODY, pull]).is_empty());
    }

    #[test]
    fn attribution_is_stripped_only_after_a_closing_quote() {
        assert_eq!(strip_attribution("“Go home,” the FO said."), "“Go home,");
        assert_eq!(
            strip_attribution("“Go home,” he said, adding more words to this tail here."),
            "“Go home,” he said, adding more words to this tail here."
        );
        assert_eq!(
            strip_attribution("No quote, he said."),
            "No quote, he said."
        );
        assert_eq!(normalise("“The Afghan—side,” said"), "the afghan side said");
    }

    /// The attribution test as first written (every tail word lowercased into a list),
    /// as an oracle for [`strip_attribution`].
    fn strip_attribution_reference(paragraph: &str) -> &str {
        let Some(close) = paragraph.rfind(['”', '"']) else {
            return paragraph;
        };
        let tail_words: Vec<String> = paragraph[close..]
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let is_attribution = (1..=8).contains(&tail_words.len())
            && tail_words
                .iter()
                .any(|w| ATTRIBUTION_VERBS.contains(&w.as_str()));
        if is_attribution {
            &paragraph[..close]
        } else {
            paragraph
        }
    }

    /// [`normalise`]d text with a space at each end, so a search matches whole words only.
    fn padded_normal_form(text: &str) -> String {
        format!(" {} ", normalise(text))
    }

    /// The straightforward search (every needle's normal form against every paragraph's),
    /// as an oracle for [`find_pull_quotes`].
    fn pull_quotes_by_plain_search(paragraphs: &[&str]) -> HashSet<usize> {
        let padded: Vec<String> = paragraphs.iter().map(|p| padded_normal_form(p)).collect();
        let mut found = vec![false; paragraphs.len()];
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let words = paragraph.split_whitespace().count();
            let least = least_words(paragraph);
            if !(least..=MAX_WORDS).contains(&words) {
                continue;
            }
            let needle = padded_normal_form(strip_attribution_reference(paragraph));
            if needle.matches(' ').count() <= least {
                continue;
            }
            found[i] = padded.iter().enumerate().any(|(j, other)| {
                j != i
                    && !found[j]
                    && (other.len() > needle.len() || (other.len() == needle.len() && j < i))
                    && other.contains(needle.as_str())
            });
        }
        (0..paragraphs.len()).filter(|&i| found[i]).collect()
    }

    /// A small xorshift generator: `next(n)` is a number below `n`.
    fn generator(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }

    /// Words for generated paragraphs: few enough that runs repeat by chance, with
    /// capitals, quote marks, punctuation, digits, long words, non-ASCII letters (some
    /// whose lowercase changes length or is ASCII) and odd whitespace.
    const WORDS: &[&str] = &[
        "a",
        "I",
        "the",
        "The",
        "THE",
        "talks",
        "“Go",
        "home,”",
        "said",
        "Said",
        "Ali.",
        "we",
        "it",
        "to",
        "on",
        "—",
        "e-paper",
        "2024",
        "don’t",
        "café",
        "CAFÉ",
        "naïve",
        "İstanbul",
        "\u{212A}ing",
        "king",
        "Straße",
        "STRASSE",
        "internationalisation",
        "INTERNATIONALISATION,",
        "“",
        "”",
        "\"",
        "told",
        "According",
        "x\u{A0}y",
        "x\u{B}y",
        "x\u{1C}y",
        "(so)",
        "ΣΟΦΊΑ",
        "σοφία",
        "ǅemal",
        "ǆemal",
        "supercalifragilisticexpialidocious-and-then-some-more-letters-to-pass-sixty-four-bytes",
        "SUPERCALIFRAGILISTICEXPIALIDOCIOUSANDTHENSOMEMORELETTERSTOPASSSIXTYFOURBYTES",
    ];

    /// Ways a pull-quote's quotation ends: plain, quoted, attributed or with a long tail.
    const ENDINGS: &[&str] = &[
        "",
        ".",
        ",” the FO said.",
        ",\" he told reporters.",
        "” Said ALI.",
        ",” according to officials",
        ",” he said, adding more words to this tail here and there.",
        "”",
        ",” she wrote — and left.",
    ];

    /// A document of random paragraphs with repeats of their runs: exact, recased,
    /// quoted and attributed, with one word changed, and whole paragraphs repeated.
    fn generated_document(next: &mut impl FnMut(usize) -> usize) -> Vec<String> {
        let mut paragraphs: Vec<String> = (0..1 + next(6))
            .map(|_| {
                let most = if next(4) == 0 { 80 } else { 30 };
                let len = 3 + next(most);
                (0..len)
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(if next(8) == 0 { "  " } else { " " })
            })
            .collect();
        for _ in 0..1 + next(3) {
            let source = &paragraphs[next(paragraphs.len())];
            let mut words: Vec<String> = source.split(' ').map(String::from).collect();
            if next(5) == 0 {
                paragraphs.push(source.clone());
                continue;
            }
            let from = next(words.len());
            let to = (from + 7 + next(10)).min(words.len());
            let mut run: Vec<String> = words.drain(from..to).collect();
            if !run.is_empty() && next(3) == 0 {
                let at = next(run.len());
                run[at] = WORDS[next(WORDS.len())].to_string();
            }
            let mut quote = run.join(" ");
            match next(4) {
                0 => quote = quote.to_uppercase(),
                1 => quote = format!("“{quote}"),
                _ => {}
            }
            quote.push_str(ENDINGS[next(ENDINGS.len())]);
            paragraphs.insert(next(paragraphs.len() + 1), quote);
        }
        paragraphs
    }

    #[test]
    fn the_anchored_search_agrees_with_plain_search() {
        let mut next = generator(0x2545_F491_4F6C_DD1D);
        let (mut documents_with_quotes, mut near_misses) = (0, 0);
        for _ in 0..3000 {
            let paragraphs = generated_document(&mut next);
            let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let expected = pull_quotes_by_plain_search(&texts);
            assert_eq!(find_pull_quotes(&texts), expected, "{texts:#?}");
            documents_with_quotes += usize::from(!expected.is_empty());
            near_misses += usize::from(expected.is_empty());
        }
        // The generator must give both answers often, or the test proves little.
        assert!(documents_with_quotes > 500, "{documents_with_quotes}");
        assert!(near_misses > 500, "{near_misses}");
    }

    #[test]
    fn the_verbs_by_length_are_the_attribution_verbs() {
        for verb in ATTRIBUTION_VERBS {
            assert!(is_ascii_attribution_verb(verb.as_bytes()), "{verb}");
            assert!(
                is_ascii_attribution_verb(verb.to_uppercase().as_bytes()),
                "{verb}"
            );
            assert!(!is_ascii_attribution_verb(&verb.as_bytes()[1..]), "{verb}");
        }
        let listed = [4, 5, 6, 8, 9].iter().map(|&len| {
            ATTRIBUTION_VERBS
                .iter()
                .filter(|verb| verb.len() == len)
                .count()
        });
        assert_eq!(listed.sum::<usize>(), ATTRIBUTION_VERBS.len());
    }

    #[test]
    fn attribution_stripping_agrees_with_the_reference() {
        let mut next = generator(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let mut paragraph: String = (0..next(12))
                .map(|_| WORDS[next(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ");
            paragraph.push_str(ENDINGS[next(ENDINGS.len())]);
            assert_eq!(
                strip_attribution(&paragraph),
                strip_attribution_reference(&paragraph),
                "{paragraph:?}"
            );
        }
    }

    #[test]
    fn the_anchor_is_the_first_longest_word_of_the_needle_but_the_last() {
        let mut next = generator(0x6A09_E667_F3BC_C908);
        let mut scratch = RunScratch::default();
        let mut candidates = 0;
        for _ in 0..3000 {
            let paragraphs = generated_document(&mut next);
            let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let document = LoweredDocument::new(&texts);
            for (i, text) in texts.iter().enumerate() {
                let normal = normalise(strip_attribution(text));
                let words: Vec<&str> = normal.split(' ').filter(|w| !w.is_empty()).collect();
                let Some(candidate) = document.candidate(text, i, &mut scratch) else {
                    assert!(words.len() < least_words(text), "{text:?}");
                    continue;
                };
                candidates += 1;
                let copy = |range: Range<usize>| document.text[range].to_vec();
                let needle: Vec<Vec<u8>> =
                    WordSpans::new(&document.words, candidate.needle.clone())
                        .map(copy)
                        .collect();
                assert_eq!(
                    needle,
                    words
                        .iter()
                        .map(|w| w.as_bytes().to_vec())
                        .collect::<Vec<_>>()
                );
                let longest = words[..words.len() - 1]
                    .iter()
                    .enumerate()
                    .reduce(|best, word| {
                        if word.1.len() > best.1.len() {
                            word
                        } else {
                            best
                        }
                    })
                    .expect("eight words");
                assert_eq!(candidate.anchor_index, longest.0, "{text:?}");
                assert_eq!(
                    copy(candidate.anchor.clone()),
                    longest.1.as_bytes(),
                    "{text:?}"
                );
                assert_eq!(
                    copy(candidate.next.clone()),
                    words[longest.0 + 1].as_bytes()
                );
                assert_eq!(
                    document.padded_normal_len(candidate.needle.clone()),
                    normal.len() + 2,
                    "{text:?}"
                );
            }
        }
        assert!(candidates > 3000, "{candidates}");
    }

    /// The first longest run, found run by run: the plain version of
    /// [`first_longest_run`].
    fn first_longest_run_reference(bits: &[u64]) -> Option<Range<usize>> {
        let mut best: Option<Range<usize>> = None;
        let mut from = 0;
        while let Some(start) = next_bit(bits, from, true) {
            let end = next_bit(bits, start, false).unwrap_or(64 * bits.len());
            if best.as_ref().is_none_or(|best| end - start > best.len()) {
                best = Some(start..end);
            }
            from = end;
        }
        best
    }

    /// Runs of set bits kept one letter at a time: the plain version of
    /// [`keep_runs_at_least`].
    fn keep_runs_at_least_reference(bits: &mut [u64], len: usize) -> bool {
        for _ in 1..len {
            for number in 0..bits.len() {
                let next = bits.get(number + 1).map_or(0, |&next| next << 63);
                bits[number] &= (bits[number] >> 1) | next;
            }
        }
        bits.iter().any(|&word| word != 0)
    }

    #[test]
    fn run_searches_agree_with_letter_by_letter_ones() {
        let mut next = generator(0x5851_F42D_4C95_7F2D);
        for _ in 0..3000 {
            let words = 1 + next(4);
            // Runs of random lengths, some longer than a word, some crossing words.
            let mut bits = vec![0u64; words];
            let mut at = next(3);
            while at < 64 * words {
                let longest = if next(8) == 0 { 90 } else { 14 };
                let len = 1 + next(longest);
                for bit in at..(at + len).min(64 * words) {
                    bits[bit / 64] |= 1 << (bit % 64);
                }
                at += len + 1 + next(3);
            }
            let starts: Vec<usize> = group_starts(&bits).collect();
            let spans: Vec<usize> = WordSpans::new(&bits, 0..64 * words)
                .map(|span| span.start)
                .collect();
            assert_eq!(starts, spans, "{bits:x?}");
            let len = 1 + next(80);
            let (mut fast, mut plain) = (bits.clone(), bits.clone());
            assert_eq!(
                keep_runs_at_least(&mut fast, len),
                keep_runs_at_least_reference(&mut plain, len),
                "{bits:x?} {len}"
            );
            if plain.iter().any(|&word| word != 0) {
                assert_eq!(fast, plain, "{bits:x?} {len}");
            }
            let mut scratch = RunScratch {
                kept: bits.clone(),
                needle: Vec::new(),
            };
            assert_eq!(
                first_longest_run(&mut scratch),
                first_longest_run_reference(&bits),
                "{bits:x?}"
            );
            let from = next(64 * words);
            let range = from..from + next(64 * words - from + 1);
            let mut copied = Vec::new();
            copy_bits(&bits, range.clone(), &mut copied);
            let expected: Vec<bool> = range
                .clone()
                .map(|bit| bits[bit / 64] >> (bit % 64) & 1 == 1)
                .collect();
            let got: Vec<bool> = (0..64 * copied.len())
                .map(|bit| copied[bit / 64] >> (bit % 64) & 1 == 1)
                .collect();
            assert_eq!(got[..range.len()], expected[..], "{bits:x?} {range:?}");
            assert!(got[range.len()..].iter().all(|&bit| !bit));
        }
        let mut scratch = RunScratch {
            kept: vec![0, 0],
            needle: Vec::new(),
        };
        assert_eq!(first_longest_run(&mut scratch), None);
    }

    #[test]
    fn the_lowercase_copy_keeps_the_normal_form_and_counts_words_as_the_standard_library() {
        let mut next = generator(0xD1B5_4A32_D192_ED03);
        let spaces = [
            " ", "\t", "\u{B}", "\u{C}", "\r\n", "\u{A0}", "\u{2003}", "\u{85}", "\u{1C}",
            "\u{2028}", "\u{202F}",
        ];
        for _ in 0..3000 {
            let text: String = (0..next(80))
                .map(|_| {
                    if next(2) == 0 {
                        spaces[next(spaces.len())]
                    } else {
                        WORDS[next(WORDS.len())]
                    }
                })
                .collect();
            // After a first paragraph of some length, so bits cross their words' ends.
            let mut lowering = Lowering::default();
            let first = "x".repeat(next(70));
            lowering.paragraph(&first);
            lowering.text.push(b'\n');
            let start = lowering.text.len();
            let copy = lowering.paragraph(&text);
            lowering.text.push(b'\n');
            let (words, resized) = (copy.whitespace_words, copy.resized);
            assert_eq!(words, text.split_whitespace().count(), "{text:?}");
            let (bits, lowered) = (
                &lowering.words,
                &lowering.text[start..lowering.text.len() - 1],
            );
            assert_eq!(lowered_len(&text), lowered.len());
            // The marked bytes are the normal form's words.
            let marked: Vec<&[u8]> = WordSpans::new(bits, start..start + lowered.len())
                .map(|span| &lowering.text[span])
                .collect();
            assert_eq!(
                marked.join(&b' '),
                normalise(&text).into_bytes(),
                "{text:?}"
            );
            let first_words: Vec<Range<usize>> = WordSpans::new(bits, 0..start).collect();
            assert_eq!(
                first_words,
                (!first.is_empty())
                    .then_some(0..first.len())
                    .into_iter()
                    .collect::<Vec<_>>()
            );
            let same_lengths = text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .all(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8());
            assert_eq!(resized, !same_lengths, "{text:?}");
            let expected: String = text
                .chars()
                .flat_map(|c| {
                    let lower: Vec<char> = if c.is_alphanumeric() {
                        c.to_lowercase().collect()
                    } else {
                        vec![c]
                    };
                    lower
                })
                .collect();
            assert_eq!(lowered, expected.as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_the_unicode_tables() {
        let mut shortcuts = 0;
        for c in '\u{80}'..='\u{FFFF}' {
            let mut lowering = Lowering::default();
            let mut buffer = [0; 4];
            let bytes = c.encode_utf8(&mut buffer).as_bytes();
            if lowering.general_punctuation(bytes).is_some() {
                assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
                assert!(is_common_punctuation(c), "{c:?}");
                assert_eq!(lowering.text, bytes);
                shortcuts += 1;
            }
        }
        assert_eq!(shortcuts, 40);
        for c in '\u{2000}'..='\u{206F}' {
            if is_common_punctuation(c) {
                assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
            }
        }
    }
}
