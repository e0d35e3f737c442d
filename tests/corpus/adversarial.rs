//! Adversarial raw text: shapes no real article has, at any size, built to find the passes
//! whose time or memory grows faster than the input (issue 10, item 6). Each shape is a
//! deterministic function of its size, so a measurement can be repeated and compared.
//!
//! The words come from the invented articles of [`super::prose`], picked at random (so the
//! text itself does not repeat unless the shape says so), and names from `data/names.txt`.

use super::prose::ARTICLES;
use super::Rng;

/// One adversarial shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The same paragraph, one line long, again and again, separated by blank lines (as
    /// web copy is; wrapped, its lines would be running heads).
    RepeatedParagraphs,
    /// Hard-wrapped prose whose every line ends in a word broken with a hyphen.
    HyphenEveryLine,
    /// Letters without a single space or line break: one enormous token.
    NoSpaces,
    /// Prose with spaces but no line break.
    OneLine,
    /// One to three words a line, each followed by up to two blank lines.
    ShortLines,
    /// Prose lines with one of a few short lines (running heads, page numbers) between
    /// each: every short line repeats thousands of times.
    RepeatedShortLines,
    /// Capitalised names, some with a letter lost to a space (`W jcik`), in wrapped lines.
    Names,
    /// Words broken into fragments of two to four letters by spaces (`neig hbou ring`).
    Fragments,
    /// Prose where every third word has a name in capitals glued to it (`toldNOWAK`):
    /// each asks the word passes whether the article prints the capitals on their own.
    GluedCapitals,
}

pub const SHAPES: &[Shape] = &[
    Shape::RepeatedParagraphs,
    Shape::HyphenEveryLine,
    Shape::NoSpaces,
    Shape::OneLine,
    Shape::ShortLines,
    Shape::RepeatedShortLines,
    Shape::Names,
    Shape::Fragments,
    Shape::GluedCapitals,
];

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::RepeatedParagraphs => "repeated-paragraphs",
            Shape::HyphenEveryLine => "hyphen-every-line",
            Shape::NoSpaces => "no-spaces",
            Shape::OneLine => "one-line",
            Shape::ShortLines => "short-lines",
            Shape::RepeatedShortLines => "repeated-short-lines",
            Shape::Names => "names",
            Shape::Fragments => "fragments",
            Shape::GluedCapitals => "glued-capitals",
        }
    }

    /// Raw text of this shape, `bytes` long or a line longer.
    pub fn generate(self, bytes: usize) -> Vec<u8> {
        let mut rng = Rng::new(0xAD5E + self as u64);
        let words = prose_words();
        let words: &[&str] = &words;
        let mut out = String::with_capacity(bytes + 200);
        match self {
            Shape::RepeatedParagraphs => {
                while out.len() < bytes {
                    out.push_str(ARTICLES[0].paragraphs[1]);
                    out.push_str("\n\n");
                }
            }
            Shape::HyphenEveryLine => {
                while out.len() < bytes {
                    let mut line = String::new();
                    while line.len() < 60 {
                        line.push_str(pick(&mut rng, words));
                        line.push(' ');
                    }
                    let broken = long_word(&mut rng, words);
                    let cut = broken.char_indices().nth(broken.chars().count() / 2);
                    let cut = cut.map_or(1, |(i, _)| i);
                    line.push_str(&broken[..cut]);
                    line.push_str("-\n");
                    out.push_str(&line);
                    out.push_str(&broken[cut..]);
                    out.push(' ');
                }
            }
            Shape::NoSpaces => {
                while out.len() < bytes {
                    out.push_str(pick(&mut rng, words));
                }
            }
            Shape::OneLine => {
                while out.len() < bytes {
                    out.push_str(pick(&mut rng, words));
                    out.push(' ');
                }
            }
            Shape::ShortLines => {
                while out.len() < bytes {
                    for _ in 0..1 + rng.below(3) {
                        out.push_str(pick(&mut rng, words));
                        out.push(' ');
                    }
                    out.pop();
                    for _ in 0..1 + rng.below(3) {
                        out.push('\n');
                    }
                }
            }
            Shape::RepeatedShortLines => {
                const FURNITURE: &[&str] = &[
                    "THE DAILY LEDGER",
                    "Page 3",
                    "Continued on page 7",
                    "Tuesday, March 4, 2025",
                    "www.ledger.example",
                ];
                while out.len() < bytes {
                    let mut line = String::new();
                    while line.len() < 66 {
                        line.push_str(pick(&mut rng, words));
                        line.push(' ');
                    }
                    out.push_str(line.trim_end());
                    out.push('\n');
                    out.push_str(pick(&mut rng, FURNITURE));
                    out.push('\n');
                }
            }
            Shape::Names => {
                let names: Vec<&str> = include_str!("../../data/names.txt").lines().collect();
                let mut line = String::new();
                while out.len() < bytes {
                    let name = *rng.pick(&names);
                    if rng.chance(20) && name.chars().count() > 3 {
                        // A letter lost to a space, the damage names.rs restores.
                        let at = 1 + rng.below(name.chars().count() - 2);
                        let (i, c) = name.char_indices().nth(at).expect("inside the name");
                        line.push_str(&name[..i]);
                        line.push(' ');
                        line.push_str(&name[i + c.len_utf8()..]);
                    } else {
                        line.push_str(name);
                    }
                    line.push_str(if rng.chance(30) { ", " } else { " " });
                    if line.len() > 70 {
                        out.push_str(line.trim_end());
                        out.push_str(if rng.chance(10) { "\n\n" } else { "\n" });
                        line.clear();
                    }
                }
            }
            Shape::Fragments => {
                let mut line = String::new();
                while out.len() < bytes {
                    let word = long_word(&mut rng, words);
                    let chars: Vec<char> = word.chars().collect();
                    let mut at = 0;
                    while at < chars.len() {
                        let take = (2 + rng.below(3)).min(chars.len() - at);
                        line.extend(&chars[at..at + take]);
                        line.push(' ');
                        at += take;
                    }
                    if line.len() > 70 {
                        out.push_str(line.trim_end());
                        out.push('\n');
                        line.clear();
                    }
                }
            }
            Shape::GluedCapitals => {
                let names: Vec<&str> = include_str!("../../data/names.txt").lines().collect();
                let mut line = String::new();
                while out.len() < bytes {
                    let word = long_word(&mut rng, words).to_lowercase();
                    line.push_str(&word);
                    if rng.chance(33) {
                        line.push_str(&rng.pick(&names).to_uppercase());
                    }
                    line.push(' ');
                    if line.len() > 70 {
                        out.push_str(line.trim_end());
                        out.push('\n');
                        line.clear();
                    }
                }
            }
        }
        out.into_bytes()
    }
}

/// One of `words`, at random.
fn pick<'a>(rng: &mut Rng, words: &[&'a str]) -> &'a str {
    words[rng.below(words.len())]
}

/// Every word of the invented articles' paragraphs, with its punctuation.
fn prose_words() -> Vec<&'static str> {
    ARTICLES
        .iter()
        .flat_map(|a| a.paragraphs.iter())
        .flat_map(|p| p.split_whitespace())
        .collect()
}

/// A word of at least six letters, without punctuation.
fn long_word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    loop {
        let word = *rng.pick(words);
        if word.chars().count() >= 6 && word.chars().all(char::is_alphabetic) {
            return word;
        }
    }
}
