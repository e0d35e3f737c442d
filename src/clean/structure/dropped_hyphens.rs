//! Hyphens pdftotext dropped: poppler rejoins a word broken at a line end and drops the
//! hyphen, the hyphen of a compound too, so `coffee-` / `producing` comes out as
//! `coffeeproducing`, `Pakistan-` / `Afghanistan` as `PakistanAfghanistan` and `44-` /
//! `degree` as `44degree`.
//!
//! Only a copy pdftotext made is read this way: its pages end with a form feed, which
//! no other extractor or viewer puts in the text ([`read_by_pdftotext`]). Only where a
//! line absorbed the next one is a join looked for ([`HyphenEvidence`]). There, a token that neither the lexicon nor the site knows, and that splits
//! into two parts each standing as a word, gets its hyphen back between them:
//!
//! * two common words of three letters or more (`coffee` + `producing`), the first
//!   perhaps a word-forming prefix (`co`, `mid`), the second no suffix that closes a
//!   compound (`rider` + `ship` stays `ridership`), a part of three letters a very
//!   common word (not `riders` + `hip`); a token one slip away from a common
//!   word (`metreds`) is a typo, not a compound;
//! * a number and a common word (`44` + `degree`);
//! * a capitalised name and a word that makes adjectives of names (`Karachi` + `based`);
//! * two capitalised words the lexicon knows (`Pakistan` + `Afghanistan`); a capitalised
//!   token split any other way is a name (`Kamran`, `Finnmark`) and stays;
//! * when several splits fit, the one whose rarer part is the more common wins, and a
//!   tie changes nothing.
//!
//! A closed compound the lexicon knows (`homemade`, `northwest`) is left as it stands, as
//! is anything with other marks inside (handles, URLs, e-mails). Two kinds of token get
//! their hyphen back away from any join as well: a compound the document prints with its
//! hyphen elsewhere (`ClujNapoca` where it also says `Cluj-Napoca`), and a name run into
//! a word no name ends with (`Warsawbased`, `Kremlinbacked`).

use std::collections::HashMap;

use crate::clean::mapped::MappedText;
use crate::clean::vocabulary::Vocabulary;
use crate::clean::words::Lexicon;
use crate::clean::Edit;
use crate::diagnostic::Position;

use super::split_words::space_tokens;

/// How common (Zipf) each whole-word part must be.
const MIN_PART_ZIPF: f32 = 3.0;

/// How common (Zipf) a part of three letters must be (`low`, `six`, not `hip`).
const MIN_SHORT_PART_ZIPF: f32 = 4.5;

/// The shortest token looked at.
const SHORTEST: usize = 6;

/// Prefixes written with a hyphen before a word (`co-founder`, `mid-sized`).
const PREFIXES: &[&str] = &[
    "anti", "co", "ex", "mid", "multi", "neo", "non", "post", "pre", "pro", "re", "semi", "sub",
    "ultra", "vice",
];

/// True when `document` is pdftotext's text: pdftotext ends every page with a form feed.
pub fn read_by_pdftotext(document: &str) -> bool {
    document.contains('\u{c}')
}

/// The lengths (in characters) of the document's lines, to tell where pdftotext joined
/// two of them.
///
/// pdftotext puts the rejoined word on the first line and the rest of the second line
/// after it, so a line that absorbed its successor runs longer than the lines around it,
/// and the join stands about where those lines end. A candidate is taken only there: a
/// closed compound printed whole mid-line (`grandmaster`, `smallholders`) is no join.
///
/// It also holds the compounds the document prints with their hyphen (`Cluj-Napoca`), so
/// that the same compound run together elsewhere (`ClujNapoca`) gets its hyphen back
/// wherever it stands.
#[derive(Debug, Clone)]
pub struct HyphenEvidence {
    lines: Vec<usize>,
    /// A hyphenated compound the document prints, run together and in lower case -> how
    /// many characters stood before its hyphen.
    printed: HashMap<String, usize>,
}

impl HyphenEvidence {
    /// The line lengths of `document` (the text raw positions count lines and columns in)
    /// and the hyphenated compounds it prints.
    pub fn of(document: &str) -> HyphenEvidence {
        let mut printed = HashMap::new();
        for token in document.split_whitespace() {
            let core = token.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some((left, right)) = core.split_once('-') {
                let letters =
                    |part: &str| part.chars().count() >= 2 && part.chars().all(char::is_alphabetic);
                if letters(left) && letters(right) {
                    // In any case: a dateline's `CLUJ-NAPOCA` and a headline's
                    // `Quarter-Finals` print the compounds `ClujNapoca` and `quarterfinals`.
                    printed.insert([left, right].concat().to_lowercase(), left.chars().count());
                }
            }
        }
        HyphenEvidence {
            lines: document
                .split('\n')
                .map(|l| l.trim_end().chars().count())
                .collect(),
            printed,
        }
    }

    /// The byte offset in `core` of the hyphen the document prints in the same compound,
    /// in any case (`QuarterFinals` where it says `quarter-finals`), if it does.
    fn printed_split(&self, core: &str) -> Option<usize> {
        if self.printed.is_empty() {
            return None;
        }
        let lower = core.to_lowercase();
        let &chars = self.printed.get(&lower)?;
        // A letter whose lower case is longer (`İ`) would move the hyphen: not read.
        if lower.chars().count() != core.chars().count() {
            return None;
        }
        core.char_indices().nth(chars).map(|(i, _)| i)
    }

    /// Whether a join may stand at `at` (1-based line and column): the line runs past
    /// its longer non-blank neighbour, whose length is within a quarter of the column.
    fn joined_at(&self, at: Position) -> bool {
        let Some(index) = at.line.checked_sub(1) else {
            return false;
        };
        let Some(&length) = self.lines.get(index) else {
            return false;
        };
        let nonblank = |i: &usize| self.lines[*i] > 0;
        let before = (0..index).rev().find(nonblank).map_or(0, |i| self.lines[i]);
        let after = (index + 1..self.lines.len())
            .find(nonblank)
            .map_or(0, |i| self.lines[i]);
        let width = before.max(after);
        let column = at.column.saturating_sub(1);
        width >= 10 && length > width && column.abs_diff(width) <= (width / 4).max(6)
    }
}

/// Where a text may hold a join of two lines pdftotext made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joins {
    /// Body text in columns: only where a line ran longer than its neighbours
    /// ([`HyphenEvidence`]).
    WhereLinesRanLong,
    /// A heading (headline, standfirst, kicker): pdftotext sets a heading's wrapped
    /// lines on one line of its own, with no neighbours of its width to show where they
    /// were joined (`Seville swelters through earliest 44degree day on record`), and
    /// drops no hyphen elsewhere, so a compound run together there is a join wherever it
    /// stands (two words, a number and a word, two names; not a prefix and a word).
    Anywhere,
}

/// `paragraph` with the hyphens of its dehyphenated compounds put back, each recorded
/// in `edits`; `joins` says where a join may stand.
pub fn restore_hyphens(
    paragraph: &MappedText,
    lines: &HyphenEvidence,
    joins: Joins,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let text = paragraph.as_str();
    let mut splits: Vec<usize> = Vec::new();
    for (at, token) in space_tokens(text) {
        let core_start = token
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(token.len(), |(i, _)| i);
        let core = token[core_start..].trim_end_matches(|c: char| !c.is_alphanumeric());
        let core = core
            .strip_suffix("’s")
            .or_else(|| core.strip_suffix("'s"))
            .unwrap_or(core);
        if let Some(split) = lines.printed_split(core) {
            // The document prints this compound with its hyphen.
            splits.push(at + core_start + split);
        } else if let Some((split, anywhere)) = compound_split(core, vocabulary) {
            let join = at + core_start + split;
            // Away from a join's evidence, a prefix is no sign of one: a closed word the
            // lexicon lacks (`replanting`) is written so as often as with a hyphen.
            let heading_join = joins == Joins::Anywhere && !PREFIXES.contains(&&core[..split]);
            if anywhere || heading_join || lines.joined_at(paragraph.position_at(join)) {
                splits.push(join);
            }
        }
    }
    if splits.is_empty() {
        return paragraph.clone();
    }
    let mut out = MappedText::with_capacity(text.len() + splits.len(), splits.len() * 2 + 2);
    let mut copied = 0;
    for at in splits {
        out.push_slice(paragraph, copied, at);
        out.push_replacement("-", paragraph.position_at(at));
        copied = at;
        let start = text[..at].rfind(' ').map_or(0, |i| i + 1);
        let end = text[at..].find(' ').map_or(text.len(), |i| at + i);
        edits.push(Edit {
            pass: "dropped_hyphens",
            position: paragraph.position_at(start),
            before: text[start..end].to_string(),
            after: format!("{}-{}", &text[start..at], &text[at..end]),
            reason: "pdftotext dropped the hyphen of a compound broken at a line end".into(),
            confidence: 0.8,
        });
    }
    out.push_slice(paragraph, copied, text.len());
    out
}

/// The byte offset in `core` where its lost hyphen stood, if it is a dehyphenated
/// compound, and whether that holds wherever the token stands (a name and a word that
/// makes an adjective of it, `Warsawbased`, is never one word) or only at a join.
fn compound_split(core: &str, vocabulary: &Vocabulary<'_>) -> Option<(usize, bool)> {
    if core.chars().count() < SHORTEST
        || !core.chars().all(char::is_alphanumeric)
        || !core.chars().any(char::is_lowercase)
        || vocabulary.is_known_outside_document(core)
    {
        return None;
    }
    let lexicon = Lexicon::embedded();
    let closed = is_closed_compound(core, lexicon);
    let common = |w: &str| {
        let letters = w.chars().count();
        let least = if letters == 3 {
            MIN_SHORT_PART_ZIPF
        } else {
            MIN_PART_ZIPF
        };
        (letters >= 3)
            .then(|| lexicon.zipf(&w.to_lowercase()))
            .flatten()
            .filter(|&z| z >= least)
    };
    let capitalised = core.chars().next().is_some_and(char::is_uppercase);
    if !capitalised && near_common_word(core, lexicon) {
        // `metreds`, `usaing`: a slip in one word, for the typo pass.
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    let mut tied = false;
    for (at, c) in core.char_indices().skip(1) {
        let (left, right) = (&core[..at], &core[at..]);
        if right.chars().count() < 3 {
            break;
        }
        let left_is_number = left.bytes().all(|b| b.is_ascii_digit());
        let right_lower = right.chars().all(char::is_lowercase);
        let right_name = c.is_uppercase() && right.chars().skip(1).all(char::is_lowercase);
        let score = if left_is_number {
            // `44degree`
            right_lower.then(|| common(right)).flatten()
        } else if left.chars().any(|c| !c.is_alphabetic()) {
            None
        } else if capitalised && right_lower {
            // `Karachibased`: a name, then a word that forms adjectives from names.
            (left.chars().count() >= 3 && AFTER_NAMES.contains(&right)).then_some(MIN_PART_ZIPF)
        } else if capitalised && right_name {
            // `PakistanAfghanistan`: two names the lexicon knows.
            let l = common(left).or_else(|| lexicon.zipf(&left.to_lowercase()));
            let r = lexicon.zipf(&right.to_lowercase());
            match (l, r) {
                (Some(l), Some(r)) if left.chars().count() >= 3 => Some(l.min(r)),
                _ => None,
            }
        } else if !capitalised && right_lower && !SUFFIXES.contains(&right) {
            let l = if PREFIXES.contains(&left) {
                Some(MIN_PART_ZIPF)
            } else if closed {
                None
            } else {
                common(left)
            };
            match (l, common(right)) {
                (Some(l), Some(r)) => Some(l.min(r)),
                _ => None,
            }
        } else {
            None
        };
        let Some(score) = score else {
            continue;
        };
        match best {
            Some((b, _)) if (b - score).abs() < f32::EPSILON => tied = true,
            Some((b, _)) if b > score => {}
            _ => {
                best = Some((score, at));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, at)| {
        let anywhere = capitalised && ANYWHERE_AFTER_NAMES.contains(&&core[at..]);
        (at, anywhere)
    })
}

/// True when the larger dictionary lists `core` written closed (`grandmaster`,
/// `smallholders`, `citywide`): two words run together with no prefix before them are
/// then that word, not a compound that lost its hyphen at a line end. (A frequency
/// list tells them apart less well: web text writes `longterm` more often, Zipf 2.8,
/// than `grandmaster`'s 2.9 is above it.)
fn is_closed_compound(core: &str, lexicon: &Lexicon) -> bool {
    lexicon
        .lookup(&core.to_lowercase())
        .is_some_and(|entry| entry.in_larger_dictionary())
}

/// Of [`AFTER_NAMES`], those no name ends with: a name run into one of them
/// (`Warsawbased`) lost its hyphen wherever it stands.
const ANYWHERE_AFTER_NAMES: &[&str] = &["backed", "based", "born", "funded", "owned"];

/// Words that follow a name in a hyphenated adjective (`Karachi-based`, `Kremlin-backed`).
const AFTER_NAMES: &[&str] = &[
    "backed", "based", "born", "bound", "bred", "built", "era", "funded", "led", "linked", "made",
    "owned", "run", "style", "type", "wide",
];

/// Word endings that close a compound rather than join one (`ridership`, `statehood`).
const SUFFIXES: &[&str] = &[
    "dom", "ful", "hood", "less", "like", "man", "men", "ment", "ness", "ship", "ward", "wards",
    "wise", "woman", "women",
];

/// True when one slip (a letter dropped, added, replaced or two swapped) away from
/// `token` stands a common word.
fn near_common_word(token: &str, lexicon: &Lexicon) -> bool {
    let lower: Vec<char> = token.to_lowercase().chars().collect();
    let known = |w: &[char]| {
        lexicon
            .zipf(&w.iter().collect::<String>())
            .is_some_and(|z| z >= MIN_PART_ZIPF)
    };
    let mut candidate: Vec<char> = Vec::with_capacity(lower.len() + 1);
    for i in 0..lower.len() {
        // dropped from the token (the slip added it)
        candidate.clear();
        candidate.extend(lower[..i].iter().chain(&lower[i + 1..]));
        if known(&candidate) {
            return true;
        }
        if i + 1 < lower.len() {
            candidate.clear();
            candidate.extend(&lower);
            candidate.swap(i, i + 1);
            if known(&candidate) {
                return true;
            }
        }
        for letter in 'a'..='z' {
            if letter == lower[i] {
                continue;
            }
            candidate.clear();
            candidate.extend(&lower);
            candidate[i] = letter;
            if known(&candidate) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::words::WordContext;

    /// `text` as the first of three lines, the join point of its one compound standing
    /// where the other lines end, as pdftotext leaves it.
    fn restored(text: &str) -> String {
        let join = text
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.chars().count() + 1;
                Some((start, w))
            })
            .find(|(_, w)| w.len() >= 8)
            .map_or(text.len() / 2, |(start, w)| start + w.chars().count() / 2);
        let pad = "x".repeat(join.max(10));
        let document = format!("{text}\n{pad}\n{pad}");
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document(&document, &context);
        let mut edits = Vec::new();
        let out = restore_hyphens(
            &MappedText::from_raw(text, Position::new(1, 1)),
            &HyphenEvidence::of(&document),
            Joins::WhereLinesRanLong,
            &vocabulary,
            &mut edits,
        );
        out.as_str().to_string()
    }

    #[test]
    fn a_join_stands_where_the_neighbouring_lines_end() {
        let document = "the cost of flour and the oven\nhas risen, said the coffeeproducing state\nand the rest of it was here";
        let lines = HyphenEvidence::of(document);
        // `coffee|producing` joins at column 36; the neighbours are 30 and 27 long.
        assert!(lines.joined_at(Position::new(2, 37)));
        assert!(!lines.joined_at(Position::new(2, 5)));
        // A line no longer than its neighbours absorbed nothing.
        assert!(!lines.joined_at(Position::new(3, 25)));
    }

    #[test]
    fn compounds_get_their_hyphen_back() {
        assert_eq!(
            restored("the largest coffeeproducing state"),
            "the largest coffee-producing state"
        );
        assert_eq!(
            restored("a Karachibased institute"),
            "a Karachi-based institute"
        );
        assert_eq!(
            restored("the PakistanAfghanistan talks"),
            "the Pakistan-Afghanistan talks"
        );
        assert_eq!(
            restored("its earliest 44degree day"),
            "its earliest 44-degree day"
        );
        assert_eq!(
            restored("“fixedprice contracts,”"),
            "“fixed-price contracts,”"
        );
    }

    /// A closed compound the larger dictionary lists is that word, even at a join and
    /// with both its halves common words; after a prefix the hyphen still comes back.
    #[test]
    fn listed_closed_compounds_stay_closed() {
        assert_eq!(
            restored("he is a grandmaster now"),
            "he is a grandmaster now"
        );
        assert_eq!(restored("a citywide pilot"), "a citywide pilot");
        assert_eq!(restored("a midsized firm"), "a mid-sized firm");
    }

    /// Away from any join: a compound the document prints with its hyphen, and a name
    /// run into `based` (never one word), get it back; a pair of words does not.
    #[test]
    fn a_headings_compounds_get_their_hyphen_wherever_they_stand() {
        let document = "Seville swelters through earliest 44degree day\n\u{c}";
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document(document, &context);
        let evidence = HyphenEvidence::of(document);
        let fix = |text: &str, joins: Joins| {
            let raw = MappedText::from_raw(text, Position::new(1, 1));
            restore_hyphens(&raw, &evidence, joins, &vocabulary, &mut Vec::new())
                .as_str()
                .to_string()
        };
        let heading = "Seville swelters through earliest 44degree day";
        assert_eq!(
            fix(heading, Joins::Anywhere),
            "Seville swelters through earliest 44-degree day"
        );
        assert_eq!(
            fix(
                "Scrap coinonly meters in the PakistanAfghanistan talks",
                Joins::Anywhere
            ),
            "Scrap coin-only meters in the Pakistan-Afghanistan talks"
        );
        // A prefix and a word are no sign of a join where no line ran long.
        assert_eq!(
            fix("and replanting will take years", Joins::Anywhere),
            "and replanting will take years"
        );
        // In body text the same token mid-line, with no line running long, stays.
        assert_eq!(fix(heading, Joins::WhereLinesRanLong), heading);
    }

    #[test]
    fn printed_compounds_and_names_run_into_based_get_their_hyphen_anywhere() {
        let document =
            "In Cluj-Napoca, doctors call.\nShe is a Warsawbased writer in ClujNapoca.\n\
                        a coffeeproducing state\nTARGU-MURES: the quarter-finals begin.";
        let context = WordContext::default();
        let vocabulary = Vocabulary::for_document(document, &context);
        let evidence = HyphenEvidence::of(document);
        let fix = |text: &str, line: usize| {
            let raw = MappedText::from_raw(text, Position::new(line, 1));
            restore_hyphens(
                &raw,
                &evidence,
                Joins::WhereLinesRanLong,
                &vocabulary,
                &mut Vec::new(),
            )
            .as_str()
            .to_string()
        };
        assert_eq!(
            fix("She is a Warsawbased writer in ClujNapoca.", 2),
            "She is a Warsaw-based writer in Cluj-Napoca."
        );
        assert_eq!(fix("a coffeeproducing state", 3), "a coffeeproducing state");
        // The compound printed in another case: a dateline in capitals, a phrase in
        // lower case under a headline in title case.
        assert_eq!(
            fix("From TarguMures to the European QuarterFinals", 3),
            "From Targu-Mures to the European Quarter-Finals"
        );
    }

    #[test]
    fn words_names_and_marks_stay() {
        for text in [
            "a homemade cake",
            "the northwest wind",
            "at 10pm on YouTube",
            "she wrote to ana@example.com",
            "McDonald said so",
            "Kamran and Sigrid met in Finnmark",
            "ridership rose, unglazed pots",
            "six motnhs of usaing metreds",
            "the quick brown fox",
        ] {
            assert_eq!(restored(text), text);
        }
    }

    #[test]
    fn only_pdftotext_copy_is_read_for_them() {
        assert!(read_by_pdftotext("page one\u{c}page two"));
        assert!(!read_by_pdftotext("page one\n\npage two"));
    }
}
