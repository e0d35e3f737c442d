//! Which lines repeat text printed elsewhere in the article: how a pull-quote box is
//! found when the extractor dropped it in the middle of a paragraph.
//!
//! Lines are compared by their letters alone (lowercased, without spaces, hyphens or
//! punctuation), so a box set ragged-right still matches the justified, hyphenated,
//! differently wrapped body copy it repeats, and so do copies whose extractor split words
//! at soft-hyphen points (`ac coun tants`). The runs of `SHINGLE` (28) letters that start or
//! end where a word does are hashed (a rolling hash) and counted; a letter is *covered*
//! when some such run holding it occurs twice in the article. A line whose letters are
//! all covered repeats text from elsewhere. Linear in the text.

use std::collections::HashMap;

/// Letters per compared run: long enough that ordinary prose does not repeat by chance.
const SHINGLE: usize = 28;

/// For each of `lines`, whether every letter of it lies in a run of letters that occurs at
/// least twice in all the lines together (a line without letters is never covered).
pub fn covered_lines(lines: &[&str]) -> Vec<bool> {
    uncovered_openings(lines)
        .into_iter()
        .map(|opening| opening.is_some_and(|o| o.is_empty()))
        .collect()
}

/// For each of `lines`: when every letter after some opening of it is covered (see
/// [`covered_lines`]), the letters of that uncovered opening (empty for a covered line);
/// `None` when a letter after a covered one is not, or the line has no letters. A box
/// dropped into the sentence it quotes (`“It` / `It requires…` / `requires…`) leaves its
/// first word uncovered: the body's copy of the word sits just before the box.
pub fn uncovered_openings(lines: &[&str]) -> Vec<Option<String>> {
    // Each line's first letter (as a letter index: a line's letters are consecutive),
    // each word's start (as a letter index), and the rolling hash of the SHINGLE letters
    // ending at each letter.
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let mut line_starts: Vec<usize> = Vec::with_capacity(lines.len() + 1);
    let mut rolling: Vec<u64> = Vec::with_capacity(bytes);
    let mut word_starts: Vec<u32> = Vec::with_capacity(bytes / 4);
    let mut shingle = RollingHash::default();
    for line in lines {
        line_starts.push(rolling.len());
        for_each_letter(line, |c, starts_word| {
            let hash = shingle.push(c);
            if starts_word {
                word_starts.push(rolling.len() as u32);
            }
            rolling.push(hash);
        });
    }
    let letters = rolling.len();
    line_starts.push(letters);
    let mut covered = vec![false; letters];
    if letters >= SHINGLE {
        let is_run = compared_runs(&word_starts, letters);
        // rolling[k + SHINGLE - 1] is the hash of the run of letters k..k + SHINGLE.
        // Each distinct hash gets a number as it is first seen, and each run the number
        // of its hash: one probe of the table per run, then counts by number.
        let mut numbers: HashMap<u64, u32, BuildHash> =
            HashMap::with_capacity_and_hasher(2 * word_starts.len() + 1, BuildHash);
        let mut counts: Vec<u32> = Vec::with_capacity(2 * word_starts.len() + 1);
        let runs: Vec<(u32, u32)> = (0..is_run.len())
            .filter(|&k| is_run[k])
            .map(|k| {
                let fresh = counts.len() as u32;
                let number = *numbers.entry(rolling[k + SHINGLE - 1]).or_insert(fresh);
                if number == fresh {
                    counts.push(0);
                }
                counts[number as usize] += 1;
                (k as u32, number)
            })
            .collect();
        // Mark the letters of every repeated run (a difference array keeps it linear).
        let mut delta = vec![0i32; letters + 1];
        for &(start, number) in &runs {
            if counts[number as usize] >= 2 {
                delta[start as usize] += 1;
                delta[start as usize + SHINGLE] -= 1;
            }
        }
        let mut depth = 0;
        for (c, d) in covered.iter_mut().zip(&delta) {
            depth += d;
            *c = depth > 0;
        }
    }
    // Per line: the letters that open it uncovered, and whether every letter after its
    // first covered one is covered too. The letters themselves are read again only for
    // the few lines that open uncovered.
    lines
        .iter()
        .zip(line_starts.windows(2))
        .map(|(line, span)| {
            let letters = &covered[span[0]..span[1]];
            let first = letters.iter().position(|&c| c)?;
            if letters[first..].contains(&false) {
                return None;
            }
            let mut opening = String::new();
            let mut wanted = first;
            if wanted > 0 {
                for_each_letter(line, |c, _| {
                    if wanted > 0 {
                        opening.push(c);
                        wanted -= 1;
                    }
                });
            }
            Some(opening)
        })
        .collect()
}

/// Calls `f` with each letter or digit of `line`, lowercased (ASCII lines byte by byte),
/// and whether it starts a word (follows a space or punctuation, or starts the line).
fn for_each_letter(line: &str, mut f: impl FnMut(char, bool)) {
    let mut after_gap = true;
    if line.is_ascii() {
        for b in line.bytes() {
            if b.is_ascii_alphanumeric() {
                f(char::from(b.to_ascii_lowercase()), after_gap);
                after_gap = false;
            } else {
                after_gap = true;
            }
        }
    } else {
        for c in line.chars() {
            if c.is_ascii() {
                // As in an ASCII line (an ASCII character lowercases to one).
                if c.is_ascii_alphanumeric() {
                    f(c.to_ascii_lowercase(), after_gap);
                    after_gap = false;
                } else {
                    after_gap = true;
                }
            } else if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    f(lower, after_gap);
                    after_gap = false;
                }
            } else {
                after_gap = true;
            }
        }
    }
}

/// The base of the rolling hash, and its SHINGLE-th power (what the oldest letter was
/// multiplied by when it leaves the window).
const BASE: u64 = 0x0000_0100_0000_01B3;
const BASE_TO_SHINGLE: u64 = pow(BASE, SHINGLE);

const fn pow(base: u64, exponent: usize) -> u64 {
    let mut result = 1u64;
    let mut i = 0;
    while i < exponent {
        result = result.wrapping_mul(base);
        i += 1;
    }
    result
}

/// The keys are already hashes: mix them once instead of hashing them again with SipHash.
#[derive(Clone, Copy, Default)]
struct BuildHash;

impl std::hash::BuildHasher for BuildHash {
    type Hasher = MixHasher;
    fn build_hasher(&self) -> MixHasher {
        MixHasher(0)
    }
}

struct MixHasher(u64);

impl std::hash::Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = (value ^ (value >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The rolling hash of the last [`SHINGLE`] letters: the sum of each letter's value times
/// `BASE` to the power of its age.
struct RollingHash {
    window: [u64; SHINGLE],
    slot: usize,
    hash: u64,
}

impl Default for RollingHash {
    fn default() -> RollingHash {
        RollingHash {
            window: [0; SHINGLE],
            slot: 0,
            hash: 0,
        }
    }
}

impl RollingHash {
    /// Takes in letter `c` and returns the hash of the run that ends with it: ages every
    /// letter, drops the one that reaches age `SHINGLE`, adds the new one.
    fn push(&mut self, c: char) -> u64 {
        let value = u64::from(c) + 1;
        self.hash = self
            .hash
            .wrapping_mul(BASE)
            .wrapping_sub(self.window[self.slot].wrapping_mul(BASE_TO_SHINGLE))
            .wrapping_add(value);
        self.window[self.slot] = value;
        self.slot = if self.slot + 1 == SHINGLE {
            0
        } else {
            self.slot + 1
        };
        self.hash
    }
}

/// Which runs of [`SHINGLE`] letters (by their first letter, of `letters` in all, at
/// least `SHINGLE`) are compared: those starting where a word starts and those ending
/// where a word ends (a word ends where the next starts, or at the text's end). Between
/// them they cover a repeated passage from its first letter to its last.
fn compared_runs(word_starts: &[u32], letters: usize) -> Vec<bool> {
    let mut is_run = vec![false; letters - SHINGLE + 1];
    for &start in word_starts {
        let start = start as usize;
        if start + SHINGLE <= letters {
            is_run[start] = true;
        }
        if start >= SHINGLE {
            is_run[start - SHINGLE] = true;
        }
    }
    is_run[letters - SHINGLE] = true;
    is_run
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `uncovered_openings` as it was: a line index per letter, a hash table of run
    /// counts, every letter through `for_each_letter_plain`.
    fn uncovered_openings_plain(lines: &[&str]) -> Vec<Option<String>> {
        // Each letter's line; each word's start and end (as letter indexes); and the rolling
        // hash of the SHINGLE letters ending at each letter.
        let bytes: usize = lines.iter().map(|l| l.len()).sum();
        let mut owner: Vec<u32> = Vec::with_capacity(bytes);
        let mut rolling: Vec<u64> = Vec::with_capacity(bytes);
        let mut word_starts: Vec<u32> = Vec::with_capacity(bytes / 4);
        let mut shingle = RollingHash::default();
        for (i, line) in lines.iter().enumerate() {
            for_each_letter_plain(line, |c, starts_word| {
                let hash = shingle.push(c);
                let count = owner.len();
                if starts_word {
                    word_starts.push(count as u32);
                }
                owner.push(i as u32);
                rolling.push(hash);
            });
        }
        let letters = owner.len();
        let mut covered = vec![false; letters];
        if letters >= SHINGLE {
            let is_run = compared_runs(&word_starts, letters);
            let runs: Vec<usize> = (0..is_run.len()).filter(|&k| is_run[k]).collect();
            // rolling[k + SHINGLE - 1] is the hash of the run of letters k..k + SHINGLE.
            let mut counts: HashMap<u64, u32, BuildHash> =
                HashMap::with_capacity_and_hasher(runs.len(), BuildHash);
            for &start in &runs {
                *counts.entry(rolling[start + SHINGLE - 1]).or_default() += 1;
            }
            // Mark the letters of every repeated run (a difference array keeps it linear).
            let mut delta = vec![0i32; letters + 1];
            for &start in &runs {
                if counts[&rolling[start + SHINGLE - 1]] >= 2 {
                    delta[start] += 1;
                    delta[start + SHINGLE] -= 1;
                }
            }
            let mut depth = 0;
            for (i, d) in delta.iter().take(letters).enumerate() {
                depth += d;
                covered[i] = depth > 0;
            }
        }
        // Per line: how many letters open it uncovered, whether a covered letter was seen,
        // and whether an uncovered one came after a covered one.
        let mut opening = vec![0usize; lines.len()];
        let mut seen_covered = vec![false; lines.len()];
        let mut broken = vec![false; lines.len()];
        for (i, &line) in owner.iter().enumerate() {
            let line = line as usize;
            if covered[i] {
                seen_covered[line] = true;
            } else if seen_covered[line] {
                broken[line] = true;
            } else {
                opening[line] += 1;
            }
        }
        // The letters themselves are read again only for the few lines that open uncovered.
        (0..lines.len())
            .map(|line| {
                (seen_covered[line] && !broken[line]).then(|| {
                    let mut letters = String::new();
                    let mut wanted = opening[line];
                    if wanted > 0 {
                        for_each_letter_plain(lines[line], |c, _| {
                            if wanted > 0 {
                                letters.push(c);
                                wanted -= 1;
                            }
                        });
                    }
                    letters
                })
            })
            .collect()
    }

    /// `for_each_letter` as it was: every character of a non-ASCII line through
    /// `is_alphanumeric` and `to_lowercase`.
    fn for_each_letter_plain(line: &str, mut f: impl FnMut(char, bool)) {
        let mut after_gap = true;
        for c in line.chars() {
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    f(lower, after_gap);
                    after_gap = false;
                }
            } else {
                after_gap = true;
            }
        }
    }

    /// Lines of generated text in which passages repeat (a box quoting the body, with
    /// other wraps), with non-ASCII letters, digits, punctuation and case.
    fn generated_lines(seed: u64, count: usize) -> Vec<String> {
        let words = [
            "the",
            "port",
            "Accoun-",
            "tants",
            "money",
            "will",
            "not",
            "stretch,",
            "Łódź",
            "ÉTÉ",
            "naïve",
            "“It",
            "requires”",
            "1,200",
            "—",
            "İstanbul",
            "straße",
            "ß",
            "ǅemal",
            "council's",
            "a",
            "I",
            "bulldozers.",
            "harbour",
            "-",
            "ﬁsh",
            "Σίσυφος",
        ];
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut lines: Vec<String> = Vec::new();
        for _ in 0..count {
            if !lines.is_empty() && next(4) == 0 {
                // Repeat a stretch of earlier lines, wrapped differently.
                let from = next(lines.len());
                let joined = lines[from..]
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
                let cut = joined
                    .char_indices()
                    .map(|(at, _)| at)
                    .nth(next(joined.chars().count().max(1)))
                    .unwrap_or(0);
                lines.push(joined[cut..].to_string());
                lines.push(joined[..cut].to_string());
                continue;
            }
            let n = next(9);
            let line: Vec<&str> = (0..n).map(|_| words[next(words.len())]).collect();
            lines.push(line.join(if next(5) == 0 { "  " } else { " " }));
        }
        lines
    }

    #[test]
    fn uncovered_openings_match_the_plain_version() {
        for seed in 0..300 {
            let lines = generated_lines(seed, 1 + (seed as usize % 40));
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            assert_eq!(
                uncovered_openings(&lines),
                uncovered_openings_plain(&lines),
                "seed {seed}: {lines:?}"
            );
        }
        for line in ["", "—", "ǅ", "İ", "ﬁ", "Straße ÉTÉ 12", "a-b c’d"] {
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            for_each_letter(line, |c, w| fast.push((c, w)));
            for_each_letter_plain(line, |c, w| plain.push((c, w)));
            assert_eq!(fast, plain, "{line:?}");
        }
    }

    #[test]
    fn a_box_repeating_the_body_is_covered_and_the_rest_is_not() {
        let lines = [
            "The board met on Tuesday. The accoun-",
            "tants tell us the money will not stretch,",
            "and the port is losing trade every week.",
            "Fishermen say the choice was made long ago",
            "The accountants tell us",
            "the money will not stretch",
            "by the look of the harbour today.",
        ];
        let covered = covered_lines(&lines);
        assert_eq!(covered, [false, true, false, false, true, true, false]);
    }

    #[test]
    fn a_box_dropped_after_its_sentences_first_word_leaves_only_that_word_uncovered() {
        let lines = [
            "the bench said in its short order. \"It",
            "It requires the authorities to think",
            "about both before they send in the",
            "bulldozers.",
            "requires the authorities to think about both",
            "before they send in the bulldozers.\"",
        ];
        let openings = uncovered_openings(&lines);
        assert_eq!(openings[1].as_deref(), Some("it"));
        assert_eq!(openings[2].as_deref(), Some(""));
        assert_eq!(openings[0], None);
    }
}
