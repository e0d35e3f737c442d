//! Which lines repeat text printed elsewhere in the article: how a pull-quote box is
//! found when the extractor dropped it in the middle of a paragraph.
//!
//! Lines are compared by their letters alone (lowercased, without spaces, hyphens or
//! punctuation), so a box set ragged-right still matches the justified, hyphenated,
//! differently wrapped body copy it repeats, and so do copies whose extractor split words
//! at soft-hyphen points (`ac coun tants`). Every run of [`SHINGLE`] letters is hashed
//! once, with a rolling hash (repeats found in a sorted copy of the hashes); a letter is *covered* when some run holding it occurs twice
//! in the article. A line whose letters are all covered repeats text from elsewhere.
//! Linear in the text.

/// Letters per compared run: long enough that ordinary prose does not repeat by chance.
const SHINGLE: usize = 28;

/// For each of `lines`, whether every letter of it lies in a run of letters that occurs at
/// least twice in all the lines together (a line without letters is never covered).
pub fn covered_lines(lines: &[&str]) -> Vec<bool> {
    // Each letter's line, and a rolling hash of the SHINGLE letters ending at it.
    let mut owner: Vec<u32> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new(); // hashes[k]: the run of letters k..k + SHINGLE
    let mut window = [0u64; SHINGLE];
    let mut hash = 0u64;
    let mut count = 0usize;
    for (i, line) in lines.iter().enumerate() {
        for_each_letter(line, |c| {
            let value = u64::from(c) + 1;
            let slot = count % SHINGLE;
            // hash = sum of value * BASE^age over the window: age every letter, drop the
            // one that reaches age SHINGLE, add the new one.
            hash = hash
                .wrapping_mul(BASE)
                .wrapping_sub(window[slot].wrapping_mul(BASE_TO_SHINGLE))
                .wrapping_add(value);
            window[slot] = value;
            count += 1;
            owner.push(i as u32);
            if count >= SHINGLE {
                hashes.push(hash);
            }
        });
    }
    let letters = owner.len();
    let mut covered = vec![false; letters];
    if letters >= SHINGLE {
        // Each run's hash with its start, sorted: equal hashes stand together.
        let mut sorted: Vec<(u64, u32)> = hashes
            .iter()
            .enumerate()
            .map(|(start, &h)| (h, start as u32))
            .collect();
        sorted.sort_unstable();
        // Mark the letters of every repeated run (a difference array keeps it linear).
        let mut delta = vec![0i32; letters + 1];
        for group in sorted.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() >= 2) {
            for &(_, start) in group {
                delta[start as usize] += 1;
                delta[start as usize + SHINGLE] -= 1;
            }
        }
        let mut depth = 0;
        for (i, d) in delta.iter().take(letters).enumerate() {
            depth += d;
            covered[i] = depth > 0;
        }
    }
    let mut result = vec![true; lines.len()];
    let mut has_letters = vec![false; lines.len()];
    for (i, &line) in owner.iter().enumerate() {
        has_letters[line as usize] = true;
        result[line as usize] &= covered[i];
    }
    for (line, any) in has_letters.iter().enumerate() {
        if !any {
            result[line] = false;
        }
    }
    result
}

/// Calls `f` with each letter or digit of `line`, lowercased (ASCII lines byte by byte).
fn for_each_letter(line: &str, mut f: impl FnMut(char)) {
    if line.is_ascii() {
        line.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .for_each(|b| f(char::from(b.to_ascii_lowercase())));
    } else {
        line.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .for_each(f);
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
