//! Pass 6, pull-quotes: a standalone paragraph that repeats words of the body.
//!
//! Layouts lift a striking sentence out of the article and set it large between the
//! columns; copying brings it back as a paragraph of its own that says again what the
//! body already says. Such a paragraph becomes a pull-quote block where it stands (the
//! body keeps its sentence). It is recognised when its words — capitals, quote marks,
//! punctuation and a trailing attribution (`, the FO said.`) aside — occur as a run
//! inside another paragraph, and are long enough (eight words or more) not to repeat by
//! chance.
//!
//! Words are the runs of alphanumeric characters, compared lowercased (the
//! [`normalise`]d form). Most paragraphs of an article are candidates and nearly all of
//! them repeat nothing, so the search is built to rule them out without building any
//! normal form or even visiting most words:
//!
//! 1. one pass classifies every byte of the document, eight plain-ASCII bytes at a time
//!    (SWAR), into one bit per byte (letter or digit) and counts whitespace-separated
//!    words; the few non-ASCII letters are noted where they stand;
//! 2. each candidate gets an anchor, its longest ASCII word but the last (long words are
//!    rare), remembered with the hash of the word after it; the words holding a non-ASCII
//!    letter are cleared from a copy of the bits first, so ASCII words are just runs,
//!    measured by pairing the runs' first and last bits;
//! 3. shift-and on the bits finds the words at least as long as the shortest anchor;
//!    only those (and words with a non-ASCII letter, whose lowercase length may differ)
//!    are hashed, a small bit set of anchor hashes rules most out, and where an anchor
//!    and its next word both match, the place is noted;
//! 4. only those places are compared word by word, exactly.
//!
//! A repeat always passes step 3 at its anchor, so the answer is that of the plain text
//! search (every needle's normal form against every paragraph's), which the tests keep
//! as the reference and compare with on generated documents.

use std::collections::HashSet;
use std::ops::Range;

/// Fewest words a pull-quote must repeat.
const MIN_WORDS: usize = 8;
/// Most words a pull-quote has (a layout lifts a sentence or two, not a paragraph).
const MAX_WORDS: usize = 60;
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
    let document = ClassifiedDocument::new(paragraphs);
    let mut scratch = NeedleScratch::default();
    let needles: Vec<Needle> = (0..paragraphs.len())
        .filter(|&i| (MIN_WORDS..=MAX_WORDS).contains(&document.whitespace_words[i]))
        .filter_map(|i| Needle::for_paragraph(&document, i, &mut scratch))
        .collect();
    if needles.is_empty() {
        return HashSet::new();
    }
    let places = document.anchor_matches(&needles);
    let sources = document.confirmed_sources(&needles, &places);
    // In paragraph order: a paragraph already found to be a pull-quote is no source.
    let mut found = vec![false; paragraphs.len()];
    for (needle, sources) in needles.iter().zip(sources) {
        let i = needle.paragraph;
        found[i] = sources
            .into_iter()
            .any(|j| j != i && !found[j] && document.is_body_of(j, needle));
    }
    (0..paragraphs.len()).filter(|&i| found[i]).collect()
}

/// The paragraphs of a document with every byte classified: which bytes belong to words
/// (runs of letters and digits), and how many whitespace-separated words each has.
struct ClassifiedDocument<'a> {
    paragraphs: &'a [&'a str],
    /// One bit per byte, set where the byte belongs to a letter or a digit. Each
    /// paragraph starts at a whole number; bits past its end are clear.
    alphanumeric: Vec<u64>,
    /// Where each paragraph's bits start in `alphanumeric`.
    first_bits: Vec<usize>,
    /// Each paragraph's number of whitespace-separated words.
    whitespace_words: Vec<usize>,
    /// Where each non-ASCII letter or digit starts (whose lowercase form may differ in
    /// length, or be ASCII), paragraph after paragraph.
    non_ascii_letters: Vec<usize>,
    /// The range of each paragraph's entries in `non_ascii_letters`.
    non_ascii_spans: Vec<Range<usize>>,
}

impl<'a> ClassifiedDocument<'a> {
    fn new(paragraphs: &'a [&'a str]) -> ClassifiedDocument<'a> {
        let bits: usize = paragraphs.iter().map(|p| p.len().div_ceil(64)).sum();
        let mut document = ClassifiedDocument {
            paragraphs,
            alphanumeric: Vec::with_capacity(bits),
            first_bits: Vec::with_capacity(paragraphs.len()),
            whitespace_words: Vec::with_capacity(paragraphs.len()),
            non_ascii_letters: Vec::new(),
            non_ascii_spans: Vec::with_capacity(paragraphs.len()),
        };
        for paragraph in paragraphs {
            document.first_bits.push(document.alphanumeric.len());
            let first_letter = document.non_ascii_letters.len();
            let words = ParagraphClasses::of(
                paragraph,
                &mut document.alphanumeric,
                &mut document.non_ascii_letters,
            );
            document.whitespace_words.push(words);
            document
                .non_ascii_spans
                .push(first_letter..document.non_ascii_letters.len());
        }
        document
    }

    /// Paragraph `i`'s bits.
    fn bits(&self, i: usize) -> &[u64] {
        let first = self.first_bits[i];
        &self.alphanumeric[first..first + self.paragraphs[i].len().div_ceil(64)]
    }

    /// The byte ranges of paragraph `i`'s words from byte `from` on.
    fn words_from(&self, i: usize, from: usize) -> WordSpans<'_> {
        WordSpans {
            bits: self.bits(i),
            at: from,
            len: self.paragraphs[i].len(),
        }
    }

    /// The byte ranges of paragraph `i`'s words.
    fn words(&self, i: usize) -> WordSpans<'_> {
        self.words_from(i, 0)
    }

    /// Paragraph `i`'s bits without the words that hold a non-ASCII letter or digit, into
    /// `out`: its runs are its plain ASCII words. (A word's bytes are all letters and
    /// digits, so a non-ASCII byte in it belongs to a letter noted where it starts.)
    fn ascii_word_bits(&self, i: usize, out: &mut Vec<u64>) {
        out.clear();
        out.extend_from_slice(self.bits(i));
        let mut cleared = 0..0;
        for &letter in &self.non_ascii_letters[self.non_ascii_spans[i].clone()] {
            if !cleared.contains(&letter) {
                cleared = self.word_around(i, letter);
                clear_bits(out, cleared.clone());
            }
        }
    }

    /// Whether paragraph `i` has a non-ASCII letter or digit.
    fn has_non_ascii_words(&self, i: usize) -> bool {
        !self.non_ascii_spans[i].is_empty()
    }

    /// The byte range of the word of paragraph `i` that holds byte `at`.
    fn word_around(&self, i: usize, at: usize) -> Range<usize> {
        let bits = self.bits(i);
        let start = previous_clear_bit(bits, at).map_or(0, |clear| clear + 1);
        let len = self.paragraphs[i].len();
        start..next_bit(bits, at, false).map_or(len, |end| end.min(len))
    }

    /// Every place where a needle's anchor and the word after it occur in a paragraph
    /// other than the needle's. Bit operations find the words at least as long as the
    /// shortest anchor, and only those are visited, with the words holding a non-ASCII
    /// letter (whose lowercase form may be longer than they are).
    fn anchor_matches(&self, needles: &[Needle]) -> Vec<Place> {
        let anchors = needles.iter().filter_map(|needle| needle.anchor.as_ref());
        let Some(shortest) = anchors.clone().map(|anchor| anchor.len).min() else {
            return Vec::new();
        };
        let mut search = AnchorSearch {
            document: self,
            needles,
            lengths: anchors
                .clone()
                .fold(0, |lengths, anchor| lengths | length_bit(anchor.len)),
            hashes: anchors.fold([0; 4], |mut hashes, anchor| {
                let (number, bit) = hash_bit(anchor.hash);
                hashes[number] |= bit;
                hashes
            }),
            places: Vec::new(),
            lowered: String::new(),
        };
        let mut long_words = Vec::new();
        for j in 0..self.paragraphs.len() {
            let mut checked = 0..0;
            for &letter in &self.non_ascii_letters[self.non_ascii_spans[j].clone()] {
                if !checked.contains(&letter) {
                    checked = self.word_around(j, letter);
                    search.check_non_ascii(j, checked.clone());
                }
            }
            // A word with a non-ASCII letter was visited through that letter.
            self.ascii_word_bits(j, &mut long_words);
            keep_runs_at_least(&mut long_words, shortest);
            let len = self.paragraphs[j].len();
            let mut at = 0;
            while let Some(start) = next_bit(&long_words, at, true) {
                let end = next_bit(self.bits(j), start, false).map_or(len, |end| end.min(len));
                search.check_ascii(j, start..end);
                at = end;
            }
        }
        search.places
    }

    /// For each needle, the paragraphs other than its own that hold its words as a run,
    /// in order: the [`Place`]s its anchor was found at, compared word by word (and for a
    /// needle without an anchor, every place of every other paragraph).
    fn confirmed_sources(&self, needles: &[Needle], places: &[Place]) -> Vec<Vec<usize>> {
        let mut sources = vec![Vec::new(); needles.len()];
        for place in places {
            let needle = &needles[place.needle];
            let anchor = needle.anchor.as_ref().expect("a place is an anchor's");
            let (before, _) = word_starts_before(self.bits(place.source), place.anchor);
            let first = before.checked_sub(anchor.index);
            if first.is_some_and(|first| self.repeats_at(needle, place.source, first)) {
                sources[place.needle].push(place.source);
            }
        }
        for (k, needle) in needles.iter().enumerate() {
            if needle.anchor.is_none() {
                sources[k] = (0..self.paragraphs.len())
                    .filter(|&j| j != needle.paragraph)
                    .filter(|&j| {
                        let words = self.words(j).count();
                        (0..(words + 1).saturating_sub(needle.words))
                            .any(|first| self.repeats_at(needle, j, first))
                    })
                    .collect();
            }
            sources[k].sort_unstable();
            sources[k].dedup();
        }
        sources
    }

    /// Whether paragraph `j`'s words from its word `first` on are the needle's words.
    fn repeats_at(&self, needle: &Needle, j: usize, first: usize) -> bool {
        let (quote, other) = (self.paragraphs[needle.paragraph], self.paragraphs[j]);
        let mut theirs = self.words(j).skip(first);
        self.words(needle.paragraph)
            .take(needle.words)
            .all(|ours| match theirs.next() {
                Some(span) => same_normal_word(&quote[ours], &other[span]),
                None => false,
            })
    }

    /// Whether paragraph `j`, which holds `needle`'s words, is the body they come from:
    /// longer, or as long and earlier (of two equal paragraphs the first is the body's).
    /// Lengths are those of the padded normal forms.
    fn is_body_of(&self, j: usize, needle: &Needle) -> bool {
        let i = needle.paragraph;
        let ours = self.padded_normal_len(i, needle.words);
        let theirs = self.padded_normal_len(j, usize::MAX);
        theirs > ours || (theirs == ours && j < i)
    }

    /// The length of the padded normal form (` words joined by spaces `) of the first
    /// `words` words of paragraph `i`: for plain ASCII, its letters and digits counted
    /// from its bits.
    fn padded_normal_len(&self, i: usize, words: usize) -> usize {
        let text = self.paragraphs[i];
        if self.has_non_ascii_words(i) {
            return padded_normal_len(text, self.words(i).take(words));
        }
        let end = self
            .words(i)
            .nth(words)
            .map_or(text.len(), |next| next.start);
        let (count, _) = word_starts_before(self.bits(i), end);
        let letters: u32 = self.bits(i)[..end.div_ceil(64)]
            .iter()
            .enumerate()
            .map(|(number, bits)| match end - 64 * number {
                rest if rest < 64 => (bits & ((1 << rest) - 1)).count_ones(),
                _ => bits.count_ones(),
            })
            .sum();
        if count == 0 {
            2
        } else {
            letters as usize + count + 1
        }
    }
}

/// The length of the padded normal form (` words joined by spaces `) of `words` of `text`.
fn padded_normal_len(text: &str, words: impl Iterator<Item = Range<usize>>) -> usize {
    let (count, bytes) = words.fold((0, 0), |(count, bytes), span| {
        (count + 1, bytes + normal_word_len(&text[span]))
    });
    if count == 0 {
        2
    } else {
        bytes + count + 1
    }
}

/// The length in bytes of a word's lowercase form.
fn normal_word_len(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars()
            .flat_map(char::to_lowercase)
            .map(char::len_utf8)
            .sum()
    }
}

/// Whether two words have the same lowercase form.
fn same_normal_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// Where a needle's anchor and the word after it were found: at byte `anchor` of
/// paragraph `source`.
struct Place {
    needle: usize,
    source: usize,
    anchor: usize,
}

/// The state of [`ClassifiedDocument::anchor_matches`].
struct AnchorSearch<'d, 'a> {
    document: &'d ClassifiedDocument<'a>,
    needles: &'d [Needle],
    /// The lengths of the anchors, as [`length_bit`]s.
    lengths: u64,
    /// The anchors' hashes, as [`hash_bit`]s.
    hashes: [u64; 4],
    places: Vec<Place>,
    /// Scratch space for lowercasing non-ASCII words.
    lowered: String,
}

impl AnchorSearch<'_, '_> {
    /// Visits a word of plain ASCII: a cheap test of its length and hash against the
    /// anchors' rules most words out before any needle is looked at.
    #[inline]
    fn check_ascii(&mut self, j: usize, span: Range<usize>) {
        if self.lengths & length_bit(span.len()) == 0 {
            return;
        }
        let hash = hash_ascii_word_in(self.document.paragraphs[j].as_bytes(), span.clone());
        if self.may_be_anchor(hash) {
            self.note_places(j, span.clone(), span.len(), hash);
        }
    }

    /// Visits a word with a non-ASCII letter, through its lowercase form.
    fn check_non_ascii(&mut self, j: usize, span: Range<usize>) {
        lower_into(
            &self.document.paragraphs[j][span.clone()],
            &mut self.lowered,
        );
        let hash = hash_normal_word(self.lowered.as_bytes());
        if self.may_be_anchor(hash) {
            self.note_places(j, span, self.lowered.len(), hash);
        }
    }

    fn may_be_anchor(&self, hash: u64) -> bool {
        let (number, bit) = hash_bit(hash);
        self.hashes[number] & bit != 0
    }

    /// Notes a place for each needle of another paragraph whose anchor is the word at
    /// `span` of paragraph `j` (of lowercase length `len` and hash `hash`), and whose
    /// anchor's next word is the next word there.
    #[cold]
    fn note_places(&mut self, j: usize, span: Range<usize>, len: usize, hash: u64) {
        let (document, needles) = (self.document, self.needles);
        let text = document.paragraphs[j];
        let mut next_hash = None;
        for (k, needle) in needles.iter().enumerate() {
            let Some(anchor) = &needle.anchor else {
                continue;
            };
            if anchor.len != len || anchor.hash != hash || needle.paragraph == j {
                continue;
            }
            let next = *next_hash.get_or_insert_with(|| {
                let next = document.words_from(j, span.end).next()?;
                Some(word_hash(&text[next], &mut self.lowered))
            });
            if next == Some(anchor.next_hash) {
                self.places.push(Place {
                    needle: k,
                    source: j,
                    anchor: span.start,
                });
            }
        }
    }
}

/// The classification of a paragraph's bytes.
struct ParagraphClasses;

/// The classes of one character's bytes.
#[derive(Clone, Copy, Default)]
struct CharClass {
    alphanumeric: bool,
    whitespace: bool,
}

impl CharClass {
    fn of(c: char) -> CharClass {
        // Quote marks and dashes, the commonest non-ASCII characters of copy, are
        // neither: skip the Unicode tables for them.
        if matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}') {
            return CharClass::default();
        }
        CharClass {
            alphanumeric: c.is_alphanumeric(),
            whitespace: c.is_whitespace(),
        }
    }
}

/// Eight bytes with their high bits set.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl ParagraphClasses {
    /// Classifies `text`, appending one bit per byte to `alphanumeric` (set for letters
    /// and digits, in whole numbers) and the start of each non-ASCII letter or digit to
    /// `non_ascii_letters`; returns its number of whitespace-separated words.
    fn of(text: &str, alphanumeric: &mut Vec<u64>, non_ascii_letters: &mut Vec<usize>) -> usize {
        let mut classifier = Classifier {
            text,
            alphanumeric,
            non_ascii_letters,
            whitespace_words: 0,
            after_word: false,
            last_char: CharClass::default(),
        };
        let bytes = text.as_bytes();
        let mut blocks = bytes.chunks_exact(64);
        for (n, block) in blocks.by_ref().enumerate() {
            let bits = if block.is_ascii() {
                classifier.ascii_block(block)
            } else {
                (0..8).fold(0, |bits, k| {
                    bits | classifier.chunk(64 * n + 8 * k, &block[8 * k..8 * k + 8]) << (8 * k)
                })
            };
            classifier.alphanumeric.push(bits);
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            let start = bytes.len() - rest.len();
            let bits = rest.chunks(8).enumerate().fold(0, |bits, (k, chunk)| {
                bits | classifier.chunk(start + 8 * k, chunk) << (8 * k)
            });
            classifier.alphanumeric.push(bits);
        }
        classifier.whitespace_words
    }
}

/// The state of [`ParagraphClasses::of`] between chunks of eight bytes.
struct Classifier<'t, 'v> {
    text: &'t str,
    alphanumeric: &'v mut Vec<u64>,
    non_ascii_letters: &'v mut Vec<usize>,
    whitespace_words: usize,
    /// Whether the byte before the chunk is part of a whitespace-separated word.
    after_word: bool,
    /// The class of the last non-ASCII character seen, for its continuation bytes.
    last_char: CharClass,
}

impl Classifier<'_, '_> {
    /// Classifies 64 ASCII bytes; returns their letter-or-digit bits.
    fn ascii_block(&mut self, block: &[u8]) -> u64 {
        block
            .chunks_exact(8)
            .enumerate()
            .fold(0, |bits, (k, chunk)| {
                let eight = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                bits | self.ascii_chunk(eight) << (8 * k)
            })
    }

    /// Classifies the bytes of `chunk` (at most eight, at byte `start`); returns their
    /// letter-or-digit bits.
    fn chunk(&mut self, start: usize, chunk: &[u8]) -> u64 {
        if chunk.len() == 8 && chunk.is_ascii() {
            return self.ascii_chunk(u64::from_le_bytes(chunk.try_into().expect("eight")));
        }
        let (alphanumeric, whitespace) = self.mixed_classes(start, chunk.len());
        let len = chunk.len();
        let in_word = !whitespace & (0xFF >> (8 - len));
        let starts = in_word & !((in_word << 1) | u64::from(self.after_word));
        self.whitespace_words += starts.count_ones() as usize;
        self.after_word = (in_word >> (len - 1)) & 1 == 1;
        alphanumeric
    }

    /// Classifies eight ASCII bytes (little-endian); returns their letter-or-digit bits.
    /// Whitespace words are counted on the bytes' high bits, without gathering them.
    fn ascii_chunk(&mut self, eight: u64) -> u64 {
        let letters = bytes_in_range(eight | 0x2020_2020_2020_2020, b'a', b'z');
        let digits = bytes_in_range(eight, b'0', b'9');
        let mut whitespace = bytes_in_range(eight, b' ', b' ');
        if bytes_in_range(eight, 0, 0x1f) != 0 {
            whitespace |= bytes_in_range(eight, b'\t', b'\r');
        }
        let in_word = !whitespace & HIGH_BITS;
        let starts = in_word & !((in_word << 8) | (u64::from(self.after_word) << 7));
        self.whitespace_words += starts.count_ones() as usize;
        self.after_word = in_word >> 63 == 1;
        high_bits_mask(letters | digits)
    }

    /// The classes of the `len` bytes at `start`, some not ASCII: the ASCII bytes eight
    /// at a time as in [`Self::ascii_chunk`], then each non-ASCII byte with the class of
    /// its character (a character's first byte looks the class up, the bytes that
    /// continue it repeat it).
    fn mixed_classes(&mut self, start: usize, len: usize) -> (u64, u64) {
        let bytes = &self.text.as_bytes()[start..start + len];
        let eight = match bytes.try_into() {
            Ok(eight) => u64::from_le_bytes(eight),
            Err(_) => load_padded(bytes),
        };
        let high = eight & HIGH_BITS;
        // Non-ASCII bytes (and the padding) become zero, which is neither class.
        let ascii = eight & !((high >> 7) * 0xFF);
        let letters = bytes_in_range(ascii | 0x2020_2020_2020_2020, b'a', b'z');
        let digits = bytes_in_range(ascii, b'0', b'9');
        // Whitespace as `char::is_whitespace` sees it: with the vertical tab.
        let whitespace = bytes_in_range(ascii, b'\t', b'\r') | bytes_in_range(ascii, b' ', b' ');
        let (mut alphanumeric, mut whitespace) =
            (high_bits_mask(letters | digits), high_bits_mask(whitespace));
        let mut non_ascii = high_bits_mask(high);
        while non_ascii != 0 {
            let k = non_ascii.trailing_zeros() as usize;
            non_ascii &= non_ascii - 1;
            if bytes[k] >= 0xC0 {
                self.last_char = CharClass::of(char_at(self.text, start + k));
                if self.last_char.alphanumeric {
                    self.non_ascii_letters.push(start + k);
                }
            }
            alphanumeric |= u64::from(self.last_char.alphanumeric) << k;
            whitespace |= u64::from(self.last_char.whitespace) << k;
        }
        (alphanumeric, whitespace)
    }
}

/// The high bit of each of eight ASCII bytes set where the byte is in `low..=high`.
fn bytes_in_range(eight: u64, low: u8, high: u8) -> u64 {
    let splat = |byte: u8| u64::from(byte) * 0x0101_0101_0101_0101;
    // No byte is above 0x7f, so no addition carries into the next byte.
    let at_least_low = eight + splat(0x80 - low);
    let above_high = eight + splat(0x7f - high);
    at_least_low & !above_high & HIGH_BITS
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

/// The character that starts at byte `at` of `text` (a character boundary).
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().expect("a character starts here")
}

/// The byte ranges of the runs of set bits in a paragraph's bits: its words.
struct WordSpans<'a> {
    bits: &'a [u64],
    at: usize,
    len: usize,
}

impl Iterator for WordSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = next_bit(self.bits, self.at, true)?;
        let end = next_bit(self.bits, start, false).map_or(self.len, |end| end.min(self.len));
        self.at = end;
        Some(start..end)
    }
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

/// Clears the bits `range` of `bits`.
fn clear_bits(bits: &mut [u64], range: Range<usize>) {
    for bit in range {
        bits[bit / 64] &= !(1 << (bit % 64));
    }
}

/// The last clear bit before `before`, if any.
fn previous_clear_bit(bits: &[u64], before: usize) -> Option<usize> {
    let mut number = before / 64;
    let below = (1u64 << (before % 64)) - 1;
    let mut clear = !bits.get(number).copied().unwrap_or(0) & below;
    while clear == 0 {
        number = number.checked_sub(1)?;
        clear = !bits[number];
    }
    Some(64 * number + 63 - clear.leading_zeros() as usize)
}

/// A candidate pull-quote: a paragraph whose first words, the attribution aside, are to
/// be found as a run in another paragraph.
struct Needle {
    paragraph: usize,
    /// How many of the paragraph's words it has.
    words: usize,
    /// Its longest ASCII word but the last, if it has one.
    anchor: Option<Anchor>,
}

/// Scratch space for [`Needle::for_paragraph`], kept from one paragraph to the next.
#[derive(Default)]
struct NeedleScratch {
    /// A paragraph's bits without its words that hold a non-ASCII letter.
    ascii_words: Vec<u64>,
}

/// The word of a needle that is looked for first.
struct Anchor {
    /// Its index among the needle's words.
    index: usize,
    len: usize,
    hash: u64,
    /// The hash of the word after it.
    next_hash: u64,
}

impl Needle {
    /// The needle of paragraph `i`, if it has enough words once its attribution is gone.
    fn for_paragraph(
        document: &ClassifiedDocument,
        i: usize,
        scratch: &mut NeedleScratch,
    ) -> Option<Needle> {
        let text = document.paragraphs[i];
        let bits = document.bits(i);
        // No word spans the closing quote, so the attribution's words end the paragraph.
        let close = strip_attribution(text).len();
        let (words, last_start) = word_starts_before(bits, close);
        if words < MIN_WORDS {
            return None;
        }
        // The anchor needs a next word within the needle: it is not the last word.
        let word = if document.has_non_ascii_words(i) {
            document.ascii_word_bits(i, &mut scratch.ascii_words);
            longest_run_before(&scratch.ascii_words, last_start)
        } else {
            longest_run_before(bits, last_start)
        };
        let anchor = word.map(|word| {
            let next = document
                .words_from(i, word.end)
                .next()
                .expect("the needle's last word follows its anchor");
            Anchor {
                index: word_starts_before(bits, word.start).0,
                len: word.len(),
                hash: hash_ascii_word(text[word].as_bytes()),
                next_hash: word_hash(&text[next], &mut String::new()),
            }
        });
        Some(Needle {
            paragraph: i,
            words,
            anchor,
        })
    }
}

/// How many runs of set bits (words) start before bit `end`, and where the last starts.
fn word_starts_before(bits: &[u64], end: usize) -> (usize, usize) {
    let (mut count, mut last) = (0, 0);
    let mut carry = 0;
    for (number, &word) in bits.iter().enumerate().take(end.div_ceil(64)) {
        let mut starts = word & !((word << 1) | carry);
        carry = word >> 63;
        if end - 64 * number < 64 {
            starts &= (1 << (end - 64 * number)) - 1;
        }
        if starts != 0 {
            count += starts.count_ones() as usize;
            last = 64 * number + 63 - starts.leading_zeros() as usize;
        }
    }
    (count, last)
}

/// The first longest run of set bits wholly before bit `end` (which starts a run).
///
/// The runs' first bits and last bits are taken a word at a time with shifts, then
/// paired in order (the k-th run starts at the k-th first bit and ends at the k-th last
/// bit), each found with a trailing-zero count: a few instructions per run instead of a
/// walk over its bits.
fn longest_run_before(bits: &[u64], end: usize) -> Option<Range<usize>> {
    let words = end.div_ceil(64);
    let word_at = |number: usize| -> u64 {
        match bits.get(number) {
            Some(&word) if number + 1 == words && end % 64 != 0 => word & ((1 << (end % 64)) - 1),
            Some(&word) if number < words => word,
            _ => 0,
        }
    };
    let firsts_in = |number: usize| {
        let carry = number
            .checked_sub(1)
            .map_or(0, |before| word_at(before) >> 63);
        let word = word_at(number);
        word & !((word << 1) | carry)
    };
    let lasts_in = |number: usize| {
        let word = word_at(number);
        word & !((word >> 1) | (word_at(number + 1) << 63))
    };
    let mut best: Option<Range<usize>> = None;
    let (mut first_word, mut firsts) = (0, firsts_in(0));
    let (mut last_word, mut lasts) = (0, lasts_in(0));
    loop {
        while firsts == 0 {
            first_word += 1;
            if first_word >= words {
                return best;
            }
            firsts = firsts_in(first_word);
        }
        let start = 64 * first_word + firsts.trailing_zeros() as usize;
        firsts &= firsts - 1;
        while lasts == 0 {
            last_word += 1;
            if last_word >= words {
                return best;
            }
            lasts = lasts_in(last_word);
        }
        let stop = 64 * last_word + lasts.trailing_zeros() as usize + 1;
        lasts &= lasts - 1;
        if best.as_ref().is_none_or(|best| stop - start > best.len()) {
            best = Some(start..stop);
        }
    }
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
    true
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

/// The number and bit of a hash in a 256-bit set of hashes.
fn hash_bit(hash: u64) -> (usize, u64) {
    ((hash >> 62) as usize, 1 << ((hash >> 56) & 63))
}

/// The bit of an anchor length in a set of lengths (63 stands for 63 and longer).
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The hash of a word's lowercase form (`lowered` is scratch space).
fn word_hash(word: &str, lowered: &mut String) -> u64 {
    if word.is_ascii() {
        hash_ascii_word(word.as_bytes())
    } else {
        lower_into(word, lowered);
        hash_normal_word(lowered.as_bytes())
    }
}

/// Replaces the contents of `lowered` by the lowercase form of `word`.
fn lower_into(word: &str, lowered: &mut String) {
    lowered.clear();
    lowered.extend(word.chars().flat_map(char::to_lowercase));
}

const HASH_MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of one word of a normal form, given its bytes.
fn hash_normal_word(word: &[u8]) -> u64 {
    let hash = word
        .chunks(8)
        .map(load_padded)
        .fold(word.len() as u64, mix_chunk);
    finish_hash(hash)
}

/// [`hash_normal_word`] of the lowercase form of `word`, a run of ASCII letters and
/// digits.
fn hash_ascii_word(word: &[u8]) -> u64 {
    hash_ascii_word_in(word, 0..word.len())
}

/// [`hash_ascii_word`] of `text[span]`, read eight bytes at a time where `text` has them
/// (setting bit 5 lowercases a letter and leaves a digit as it is).
fn hash_ascii_word_in(text: &[u8], span: Range<usize>) -> u64 {
    let mut hash = span.len() as u64;
    for from in span.clone().step_by(8) {
        let len = (span.end - from).min(8);
        let chunk = match text.get(from..from + 8) {
            Some(eight) => {
                let eight = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                eight & (u64::MAX >> (64 - 8 * len))
            }
            None => load_padded(&text[from..from + len]),
        };
        hash = mix_chunk(hash, chunk | (0x2020_2020_2020_2020 >> (64 - 8 * len)));
    }
    finish_hash(hash)
}

fn mix_chunk(hash: u64, chunk: u64) -> u64 {
    (hash ^ chunk).wrapping_mul(HASH_MULTIPLIER).rotate_left(31)
}

fn finish_hash(hash: u64) -> u64 {
    let hash = (hash ^ (hash >> 32)).wrapping_mul(HASH_MULTIPLIER);
    hash ^ (hash >> 29)
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

/// The paragraph without a trailing attribution after its closing quote
/// (`“…,” the FO said.` → `“…,”`).
pub fn strip_attribution(paragraph: &str) -> &str {
    let Some(close) = last_closing_quote(paragraph) else {
        return paragraph;
    };
    if is_attribution(&paragraph[close..]) {
        &paragraph[..close]
    } else {
        paragraph
    }
}

/// Where the last `”` or `"` of `text` starts.
fn last_closing_quote(text: &str) -> Option<usize> {
    const RIGHT_QUOTE: &[u8] = "”".as_bytes();
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    // A `"`, or the last byte of a `”` (which only ends that character or its kin).
    while let Some(at) = memchr::memrchr2(b'"', RIGHT_QUOTE[2], &bytes[..end]) {
        if bytes[at] == b'"' {
            return Some(at);
        }
        if at >= 2 && bytes[at - 2..=at] == *RIGHT_QUOTE {
            return Some(at - 2);
        }
        end = at;
    }
    None
}

/// Whether the tail after a closing quote is an attribution: one to eight words (quote
/// marks and punctuation aside), one of them an attribution verb.
fn is_attribution(tail: &str) -> bool {
    let mut words = 0;
    let mut has_verb = false;
    for word in tail.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        words += 1;
        if words > 8 {
            return false;
        }
        has_verb = has_verb || is_attribution_verb(word);
    }
    has_verb
}

/// Whether `word`, lowercased, is one of the [`ATTRIBUTION_VERBS`].
fn is_attribution_verb(word: &str) -> bool {
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
            if !(MIN_WORDS..=MAX_WORDS).contains(&words) {
                continue;
            }
            let needle = padded_normal_form(strip_attribution_reference(paragraph));
            if needle.matches(' ').count() <= MIN_WORDS {
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
    fn classified_words_agree_with_the_normal_form_and_the_standard_library() {
        let mut next = generator(0xD1B5_4A32_D192_ED03);
        let spaces = [
            " ", "\t", "\u{B}", "\u{C}", "\r\n", "\u{A0}", "\u{2003}", "\u{85}", "\u{1C}",
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
            let texts = [text.as_str(), "", "x"];
            let document = ClassifiedDocument::new(&texts);
            assert_eq!(
                document.whitespace_words[0],
                text.split_whitespace().count(),
                "{text:?}"
            );
            let words: Vec<String> = document.words(0).map(|s| text[s].to_lowercase()).collect();
            assert_eq!(words.join(" "), normalise(&text), "{text:?}");
            assert_eq!(document.words(1).count() + document.whitespace_words[1], 0);
            assert_eq!(
                document.words(2).collect::<Vec<_>>(),
                vec![Range { start: 0, end: 1 }]
            );
            for span in document.words(0) {
                let word = &text[span];
                let lowered = word.to_lowercase();
                assert_eq!(normal_word_len(word), lowered.len());
                assert!(same_normal_word(word, &lowered));
                assert_eq!(
                    word_hash(word, &mut String::new()),
                    hash_normal_word(lowered.as_bytes())
                );
            }
        }
    }

    #[test]
    fn the_punctuation_shortcut_agrees_with_the_unicode_tables() {
        for c in '\u{2000}'..='\u{206F}' {
            let class = CharClass::of(c);
            assert_eq!(class.alphanumeric, c.is_alphanumeric(), "{c:?}");
            assert_eq!(class.whitespace, c.is_whitespace(), "{c:?}");
        }
    }

    /// The letter-or-digit and whitespace masks (bit k for byte k) of eight ASCII bytes.
    fn ascii_classes(eight: u64) -> (u64, u64) {
        let letters = bytes_in_range(eight | 0x2020_2020_2020_2020, b'a', b'z');
        let digits = bytes_in_range(eight, b'0', b'9');
        let whitespace = bytes_in_range(eight, b'\t', b'\r') | bytes_in_range(eight, b' ', b' ');
        (high_bits_mask(letters | digits), high_bits_mask(whitespace))
    }

    #[test]
    fn high_bits_gather_into_a_byte_mask() {
        for mask in 0u64..256 {
            let high_bits = (0..8)
                .filter(|k| mask >> k & 1 == 1)
                .fold(0, |bits, k| bits | 0x80 << (8 * k));
            assert_eq!(high_bits_mask(high_bits), mask);
        }
        for byte in 0..0x80u8 {
            let (alphanumeric, whitespace) = ascii_classes(u64::from(byte) << 16);
            assert_eq!(
                alphanumeric,
                u64::from(byte.is_ascii_alphanumeric()) << 2,
                "{byte}"
            );
            assert_eq!(
                whitespace,
                u64::from((byte as char).is_whitespace()) << 2,
                "{byte}"
            );
        }
    }

    /// Runs of set bits kept one letter at a time: the plain version of
    /// [`keep_runs_at_least`].
    fn keep_runs_at_least_reference(bits: &mut [u64], len: usize) -> bool {
        for _ in 1..len {
            let mut any = 0;
            for number in 0..bits.len() {
                let next = bits.get(number + 1).map_or(0, |&next| next << 63);
                bits[number] &= (bits[number] >> 1) | next;
                any |= bits[number];
            }
            if any == 0 {
                return false;
            }
        }
        true
    }

    /// The first longest run before `end`, found word by word: the plain version of
    /// [`longest_run_before`].
    fn longest_run_before_reference(bits: &[u64], end: usize) -> Option<Range<usize>> {
        WordSpans {
            bits,
            at: 0,
            len: 64 * bits.len(),
        }
        .take_while(|span| span.start < end)
        .reduce(|best, span| if span.len() > best.len() { span } else { best })
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
            // `end` starts a run (or is the end of the bits, clear at the top).
            let ends: Vec<usize> = WordSpans {
                bits: &bits,
                at: 0,
                len: 64 * words,
            }
            .map(|span| span.start)
            .collect();
            for &end in &ends {
                assert_eq!(
                    longest_run_before(&bits, end),
                    longest_run_before_reference(&bits, end),
                    "{bits:x?} {end}"
                );
            }
        }
    }

    #[test]
    fn an_ascii_word_hashes_as_its_lowercase_form() {
        let mut next = generator(0x0123_4567_89AB_CDEF);
        let letters = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for _ in 0..3000 {
            let word: Vec<u8> = (0..1 + next(30))
                .map(|_| letters[next(letters.len())])
                .collect();
            assert_eq!(
                hash_ascii_word(&word),
                hash_normal_word(&word.to_ascii_lowercase()),
                "{word:?}"
            );
        }
        assert_ne!(hash_normal_word(b"said"), hash_normal_word(b"saig"));
    }
}
