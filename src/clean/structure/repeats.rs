//! Which lines repeat text printed elsewhere in the article: how a pull-quote box is
//! found when the extractor dropped it in the middle of a paragraph.
//!
//! Lines are compared by their letters alone (lowercased, without spaces, hyphens or
//! punctuation), so a box set ragged-right still matches the justified, hyphenated,
//! differently wrapped body copy it repeats, and so do copies whose extractor split words
//! at soft-hyphen points (`ac coun tants`). Every run of [`SHINGLE`] letters is hashed
//! once; a letter is *covered* when some run holding it occurs twice in the article. A line
//! whose letters are all covered repeats text from elsewhere. Linear in the text.

use std::collections::HashMap;

/// Letters per compared run: long enough that ordinary prose does not repeat by chance.
const SHINGLE: usize = 28;

/// For each of `lines`, whether every letter of it lies in a run of letters that occurs at
/// least twice in all the lines together (a line without letters is never covered).
pub fn covered_lines(lines: &[&str]) -> Vec<bool> {
    let mut letters: Vec<char> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for c in line.chars().filter(|c| c.is_alphanumeric()) {
            letters.extend(c.to_lowercase());
            while owner.len() < letters.len() {
                owner.push(i);
            }
        }
    }
    let mut covered = vec![false; letters.len()];
    if letters.len() >= SHINGLE {
        let hashes: Vec<u64> = (0..=letters.len() - SHINGLE)
            .map(|start| shingle_hash(&letters[start..start + SHINGLE]))
            .collect();
        let mut counts: HashMap<u64, u32> = HashMap::with_capacity(hashes.len());
        for &h in &hashes {
            *counts.entry(h).or_default() += 1;
        }
        // Mark the letters of every repeated run (a difference array keeps it linear).
        let mut delta = vec![0i32; letters.len() + 1];
        for (start, h) in hashes.iter().enumerate() {
            if counts[h] >= 2 {
                delta[start] += 1;
                delta[start + SHINGLE] -= 1;
            }
        }
        let mut depth = 0;
        for (i, d) in delta.iter().take(letters.len()).enumerate() {
            depth += d;
            covered[i] = depth > 0;
        }
    }
    let mut result = vec![true; lines.len()];
    let mut count = vec![0usize; lines.len()];
    for (i, &line) in owner.iter().enumerate() {
        count[line] += 1;
        result[line] &= covered[i];
    }
    for (line, n) in count.iter().enumerate() {
        if *n == 0 {
            result[line] = false;
        }
    }
    result
}

fn shingle_hash(letters: &[char]) -> u64 {
    // FNV-1a over the letters' code points.
    letters.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
