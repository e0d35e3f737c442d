//! The real-copy corpus test: articles written for this project, laid out as print pages,
//! e-paper viewer pages and web pages, copied out by real software (Chromium's PDF through
//! pdftotext and pypdf; innerText), then cleaned and scored against the recorded answer.
//! `tools/realcopy/` makes the fixtures in `tests/realcopy/{dev,test,grid,fresh,fresh-test,fresh2}/`;
//! see its README.
//!
//! The **dev** split is what the clean stage is tuned on; the **test** split (other articles,
//! other writers, other page templates) is only scored. The **grid** split is dev articles
//! set as page grids (a rail with the byline, the lead across the columns), a family added
//! later and scored apart, tuned on like dev. The **fresh** and **fresh-test** splits are
//! articles by two more writers, written after the rest had been tuned on (other names,
//! other languages), set with the dev templates: fresh is tuned on, fresh-test only scored.
//! The **fresh2** split is a third writer's articles (a117-a128), tuned on like fresh.
//! Every split also holds its articles' web pages printed by the browser (`webp-*`) and
//! copied whole with the site's frame (`webn`), both added in the eighteenth session, and
//! its print page taken out by `pdftotext -layout` (`print-pdftotext-layout`, the page's
//! columns side by side on each line), added in the nineteenth. Each split is held to floors
//! so that a change that loses ground fails here.
//!
//! A family being tried before it is committed: `REALCOPY_OUT=DIR REALCOPY_KINDS=KIND
//! python3 tools/realcopy/generate.py`, then `REALCOPY_EXTRA=DIR` here scores it as an
//! `extra` split (no floors).
//!
//! Print the tables: `cargo test --release --test realcopy -- --nocapture`.
//! Show one copy's misses: `REALCOPY_SHOW=a012.web cargo test --test realcopy -- --nocapture`
//! (`REALCOPY_SHOW=dev` for the whole dev split: look only at dev when tuning;
//! `REALCOPY_SHOW=printv-pdftotext` for one kind of copy; no held-out copy is ever shown).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use copydesk::clean::{clean_text, words::WordContext};
use serde::Deserialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

#[derive(Debug, Deserialize)]
struct Answer {
    split: String,
    copy: String,
    kicker: Option<String>,
    title: String,
    subtitle: Option<String>,
    authors: Vec<String>,
    date: String,
    bio: Option<String>,
    paragraphs: Vec<String>,
    pullquote: Option<String>,
}

/// What one cleaned copy got right.
#[derive(Debug, Default, Clone)]
struct Tally {
    copies: usize,
    title: usize,
    subtitle: usize,
    authors: usize,
    date: usize,
    bio: usize,
    kicker: usize,
    pq_true: usize,
    pq_false: usize,
    pq_missed: usize,
    damaged_words: usize,
    repaired_words: usize,
    intact_words: usize,
    false_changes: usize,
    /// False changes counted without regard to order: words the raw copy had (anywhere)
    /// that the output lost. A block moved to its right place can make the aligned count
    /// blame other words; this one cannot.
    lost_words: usize,
    name_changes: usize,
    paragraphs_expected: usize,
    paragraphs_found: usize,
    paragraphs_exact: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.copies += o.copies;
        self.title += o.title;
        self.subtitle += o.subtitle;
        self.authors += o.authors;
        self.date += o.date;
        self.bio += o.bio;
        self.kicker += o.kicker;
        self.pq_true += o.pq_true;
        self.pq_false += o.pq_false;
        self.pq_missed += o.pq_missed;
        self.damaged_words += o.damaged_words;
        self.repaired_words += o.repaired_words;
        self.intact_words += o.intact_words;
        self.false_changes += o.false_changes;
        self.lost_words += o.lost_words;
        self.name_changes += o.name_changes;
        self.paragraphs_expected += o.paragraphs_expected;
        self.paragraphs_found += o.paragraphs_found;
        self.paragraphs_exact += o.paragraphs_exact;
    }

    fn share(&self, n: usize) -> f64 {
        n as f64 / self.copies.max(1) as f64
    }

    fn pq_f1(&self) -> f64 {
        let tp = self.pq_true as f64;
        let denominator = 2.0 * tp + self.pq_false as f64 + self.pq_missed as f64;
        if denominator == 0.0 {
            1.0
        } else {
            2.0 * tp / denominator
        }
    }

    fn repaired(&self) -> f64 {
        self.repaired_words as f64 / self.damaged_words.max(1) as f64
    }

    fn false_per_10k(&self) -> f64 {
        10_000.0 * self.false_changes as f64 / self.intact_words.max(1) as f64
    }

    fn lost_per_10k(&self) -> f64 {
        10_000.0 * self.lost_words as f64 / self.intact_words.max(1) as f64
    }

    fn paragraph_f1(&self) -> f64 {
        let tp = self.paragraphs_exact as f64;
        let d = (self.paragraphs_expected + self.paragraphs_found) as f64;
        if d == 0.0 {
            1.0
        } else {
            2.0 * tp / d
        }
    }

    /// The metadata fields the issue names, each as a share of copies.
    fn metadata(&self) -> f64 {
        (self.title + self.subtitle + self.authors + self.date + self.bio) as f64
            / (5 * self.copies.max(1)) as f64
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body blocks of the emitted Markdown: (is a pull-quote, text with escapes undone).
fn body_blocks(markdown: &str) -> Vec<(bool, String)> {
    let mut blocks = Vec::new();
    let mut in_quote = false;
    for block in markdown.split("\n\n") {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        let (quote, text) = if let Some(rest) = block.strip_prefix("::: pullquote") {
            in_quote = !rest.trim_end().ends_with(":::");
            (true, rest.trim().trim_end_matches(":::").trim().to_string())
        } else if in_quote {
            in_quote = !block.ends_with(":::");
            (true, block.trim_end_matches(":::").trim().to_string())
        } else {
            (false, block.to_string())
        };
        blocks.push((quote, unescape(&normalise(&text))));
    }
    blocks
}

/// Undoes CommonMark backslash escapes of punctuation.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

fn tokens(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// For each token of `expected`, whether the aligned `got` has it unchanged.
fn matched(expected: &[&str], got: &[&str]) -> Vec<bool> {
    let mut ok = vec![false; expected.len()];
    for op in capture_diff_slices(Algorithm::Myers, expected, got) {
        if let DiffOp::Equal { old_index, len, .. } = op {
            ok[old_index..old_index + len].fill(true);
        }
    }
    ok
}

/// A capitalised word that does not start a sentence: a name, for the "no name changed" count.
fn is_name_position(tokens: &[&str], i: usize) -> bool {
    let starts_upper = tokens[i]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let after_sentence = i == 0
        || tokens[i - 1]
            .trim_end_matches(['”', '’', '"', '\'', ')'])
            .ends_with(['.', '?', '!', ':']);
    starts_upper && !after_sentence
}

struct Scored {
    tally: Tally,
    report: String,
}

fn score(raw_path: &Path, answer: &Answer, context: &WordContext) -> Scored {
    let raw = std::fs::read(raw_path).expect("fixture readable");
    let mut report = String::new();
    let mut t = Tally {
        copies: 1,
        ..Tally::default()
    };
    let cleaned = match clean_text(&raw, raw_path, context) {
        Ok(c) => c,
        Err(e) => {
            writeln!(report, "clean failed: {e}").unwrap();
            return Scored { tally: t, report };
        }
    };
    let front = &cleaned.article.front;
    let field =
        |name: &str, got: Option<&str>, want: Option<&str>, hit: &mut usize, r: &mut String| {
            let got = got.map(normalise).filter(|s| !s.is_empty());
            let want = want.map(normalise);
            if got == want {
                *hit += 1;
            } else {
                writeln!(
                    r,
                    "{name}: got {got:?}\n{:>w$}  want {want:?}",
                    "",
                    w = name.len()
                )
                .unwrap();
            }
        };
    field(
        "title",
        Some(&front.title),
        Some(&answer.title),
        &mut t.title,
        &mut report,
    );
    field(
        "subtitle",
        front.subtitle.as_deref(),
        answer.subtitle.as_deref(),
        &mut t.subtitle,
        &mut report,
    );
    field(
        "bio",
        front.bio.as_deref(),
        answer.bio.as_deref(),
        &mut t.bio,
        &mut report,
    );
    field(
        "kicker",
        front.kicker.as_deref(),
        answer.kicker.as_deref(),
        &mut t.kicker,
        &mut report,
    );
    if front.authors == answer.authors {
        t.authors = 1;
    } else {
        writeln!(
            report,
            "authors: got {:?} want {:?}",
            front.authors, answer.authors
        )
        .unwrap();
    }
    let date = front.date.as_ref().map(|d| d.date().to_string());
    if date.as_deref() == Some(answer.date.as_str()) {
        t.date = 1;
    } else {
        writeln!(report, "date: got {date:?} want {}", answer.date).unwrap();
    }

    let blocks = body_blocks(&cleaned.article.body);
    let quotes: Vec<&String> = blocks.iter().filter(|b| b.0).map(|b| &b.1).collect();
    let paragraphs: Vec<&String> = blocks.iter().filter(|b| !b.0).map(|b| &b.1).collect();
    let want_quote = answer.pullquote.as_deref().map(normalise);
    for q in &quotes {
        if Some(q.as_str()) == want_quote.as_deref() {
            t.pq_true += 1;
        } else {
            t.pq_false += 1;
            writeln!(report, "pull-quote not in the answer: {q:?}").unwrap();
        }
    }
    if want_quote.is_some() && t.pq_true == 0 {
        t.pq_missed = 1;
        writeln!(report, "pull-quote missed: {want_quote:?}").unwrap();
    }

    let expected_text = answer.paragraphs.join(" ");
    let expected = tokens(&expected_text);
    let raw_text = String::from_utf8_lossy(&raw).into_owned();
    let got_text = paragraphs
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let in_raw = matched(&expected, &tokens(&raw_text));
    let in_out = matched(&expected, &tokens(&got_text));
    for (i, word) in expected.iter().enumerate() {
        match (in_raw[i], in_out[i]) {
            (false, true) => {
                t.damaged_words += 1;
                t.repaired_words += 1;
            }
            (false, false) => {
                t.damaged_words += 1;
                writeln!(report, "not repaired: {word:?}").unwrap();
            }
            (true, true) => t.intact_words += 1,
            (true, false) => {
                t.intact_words += 1;
                t.false_changes += 1;
                if is_name_position(&expected, i) {
                    t.name_changes += 1;
                }
                let around = expected[i.saturating_sub(3)..(i + 4).min(expected.len())].join(" ");
                writeln!(report, "changed: {word:?} in `{around}`").unwrap();
            }
        }
    }
    t.lost_words = lost_words(&expected, &in_raw, &tokens(&got_text));
    let wanted: Vec<String> = answer.paragraphs.iter().map(|p| normalise(p)).collect();
    t.paragraphs_expected = wanted.len();
    t.paragraphs_found = paragraphs.len();
    let mut remaining = wanted.clone();
    for p in &paragraphs {
        if let Some(at) = remaining.iter().position(|w| w == *p) {
            remaining.remove(at);
            t.paragraphs_exact += 1;
        }
    }
    for p in &remaining {
        let head: String = p.chars().take(60).collect();
        writeln!(report, "paragraph not found: {head:?}").unwrap();
    }
    Scored { tally: t, report }
}

/// Words the raw copy had right (`right[i]`: aligned with `expected[i]`) of which the
/// output `got` has fewer, wherever they stand in it.
fn lost_words(expected: &[&str], right: &[bool], got: &[&str]) -> usize {
    let mut had: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
    for (w, &ok) in expected.iter().zip(right) {
        *wanted.entry(w).or_default() += 1;
        if ok {
            *had.entry(w).or_default() += 1;
        }
    }
    let mut have: BTreeMap<&str, usize> = BTreeMap::new();
    for w in got {
        *have.entry(w).or_default() += 1;
    }
    had.iter()
        .map(|(w, &n)| n.saturating_sub(have.get(w).copied().unwrap_or(0).min(wanted[w])))
        .sum()
}

/// The committed splits, each a folder of `tests/realcopy/`.
const SPLITS: [&str; 6] = ["dev", "test", "grid", "fresh", "fresh-test", "fresh2"];

/// The splits that are scored and never tuned on: `REALCOPY_SHOW` shows none of their
/// copies.
const HELD_OUT: [&str; 2] = ["test", "fresh-test"];

fn fixtures() -> Vec<(PathBuf, Answer)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcopy");
    let mut out = Vec::new();
    for split in SPLITS {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(split))
            .expect("tests/realcopy/{dev,test,grid,fresh,fresh-test,fresh2} exist")
            .map(|e| e.expect("readable").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        entries.sort();
        for raw in entries {
            let answer_path = raw.with_extension("answer.json");
            let text = std::fs::read_to_string(&answer_path).expect("answer beside each copy");
            let mut answer: Answer = serde_json::from_str(&text).expect("answer parses");
            // The page-grid family's copies are dev articles, scored as a split of their own.
            answer.split = split.to_string();
            out.push((raw, answer));
        }
    }
    // Copies generated for a probe outside the repository (`REALCOPY_OUT=DIR
    // REALCOPY_KINDS=KIND tools/realcopy/generate.py`): scored as the `extra` split, printed,
    // held to no floor.
    if let Some(extra) = std::env::var_os("REALCOPY_EXTRA") {
        let mut entries: Vec<PathBuf> = walk_txt(Path::new(&extra));
        entries.sort();
        for raw in entries {
            let text = std::fs::read_to_string(raw.with_extension("answer.json"))
                .expect("answer beside each copy");
            let mut answer: Answer = serde_json::from_str(&text).expect("answer parses");
            answer.split = "extra".to_string();
            out.push((raw, answer));
        }
    }
    out
}

/// The `.txt` copies in `dir` and its split folders.
fn walk_txt(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("REALCOPY_EXTRA is a readable folder") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            found.extend(walk_txt(&path));
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
    found
}

/// Scores every copy; returns the tallies by (split, copy kind).
fn score_all() -> BTreeMap<(String, String), Tally> {
    let context = WordContext::default();
    let show = std::env::var("REALCOPY_SHOW").ok();
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for (raw, answer) in fixtures() {
        let scored = score(&raw, &answer, &context);
        let name = raw.file_stem().unwrap().to_string_lossy().into_owned();
        if !HELD_OUT.contains(&answer.split.as_str())
            && show.as_deref().is_some_and(|s| {
                name.starts_with(s)
                    || s == "all"
                    || s == answer.split
                    // a copy kind (`printv-pdftotext`), on the dev split only
                    || name.contains(s)
            })
            && !scored.report.is_empty()
        {
            println!("--- {}/{name}\n{}", answer.split, scored.report);
        }
        tallies
            .entry((answer.split.clone(), answer.copy.clone()))
            .or_default()
            .add(&scored.tally);
    }
    tallies
}

fn print_table(split: &str, tallies: &BTreeMap<(String, String), Tally>) -> Tally {
    println!("\n{split} split");
    println!("| copy | n | title | subtitle | authors | date | bio | kicker | pull-quote F1 | words repaired | false changes /10k | words lost /10k (any order) | names changed | paragraphs F1 |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut all = Tally::default();
    for ((s, copy), t) in tallies {
        if s != split {
            continue;
        }
        all.add(t);
        print_row(copy, t);
    }
    print_row("**all**", &all);
    all
}

fn print_row(name: &str, t: &Tally) {
    println!(
        "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.3} ({}/{}) | {:.1} | {:.1} | {} | {:.2} |",
        t.copies,
        t.share(t.title),
        t.share(t.subtitle),
        t.share(t.authors),
        t.share(t.date),
        t.share(t.bio),
        t.share(t.kicker),
        t.pq_f1(),
        t.repaired(),
        t.repaired_words,
        t.damaged_words,
        t.false_per_10k(),
        t.lost_per_10k(),
        t.name_changes,
        t.paragraph_f1(),
    );
}

/// Floors: what the clean stage reached when they were last raised, less a small margin.
/// Raise them as the stage improves; never lower one to make a change pass.
struct Floors {
    copies: usize,
    metadata: f64,
    pq_f1: f64,
    repaired: f64,
    false_per_10k: f64,
    lost_per_10k: f64,
    paragraph_f1: f64,
}

fn check(split: &str, t: &Tally, floors: &Floors) {
    assert!(
        t.copies >= floors.copies,
        "{split}: only {} copies scored",
        t.copies
    );
    assert!(
        t.damaged_words > 1000,
        "{split}: too little damage to measure"
    );
    assert!(
        t.metadata() >= floors.metadata,
        "{split}: metadata {:.3} < {}",
        t.metadata(),
        floors.metadata
    );
    assert!(
        t.pq_f1() >= floors.pq_f1,
        "{split}: pull-quote F1 {:.3} < {}",
        t.pq_f1(),
        floors.pq_f1
    );
    assert!(
        t.repaired() >= floors.repaired,
        "{split}: repaired {:.3} < {}",
        t.repaired(),
        floors.repaired
    );
    assert!(
        t.false_per_10k() <= floors.false_per_10k,
        "{split}: false changes {:.1}/10k > {}",
        t.false_per_10k(),
        floors.false_per_10k
    );
    assert!(
        t.lost_per_10k() <= floors.lost_per_10k,
        "{split}: words lost {:.1}/10k > {}",
        t.lost_per_10k(),
        floors.lost_per_10k
    );
    assert!(
        t.paragraph_f1() >= floors.paragraph_f1,
        "{split}: paragraph F1 {:.3} < {}",
        t.paragraph_f1(),
        floors.paragraph_f1
    );
}

#[test]
fn real_copy_is_repaired_on_both_splits() {
    let tallies = score_all();
    let dev = print_table("dev", &tallies);
    let test = print_table("test", &tallies);
    let grid = print_table("grid", &tallies);
    let fresh = print_table("fresh", &tallies);
    let fresh_test = print_table("fresh-test", &tallies);
    let fresh2 = print_table("fresh2", &tallies);
    if tallies.keys().any(|(split, _)| split == "extra") {
        print_table("extra", &tallies);
    }
    check("dev", &dev, &DEV_FLOORS);
    check("test", &test, &TEST_FLOORS);
    check("grid", &grid, &GRID_FLOORS);
    check("fresh", &fresh, &FRESH_FLOORS);
    check("fresh-test", &fresh_test, &FRESH_TEST_FLOORS);
    check("fresh2", &fresh2, &FRESH2_FLOORS);
}

// The dev split includes the varied print family, drawn three times (`printv-*`,
// `printw-*`, `printx-*`: page size, columns, fonts, running heads and folios drawn per
// article), whose pdftotext copies reorder columns (printx's read two columns' paragraphs
// in alternation, with no sentence broken to tell), and the varied e-paper and web
// families (`epaperv`: viewers and column widths; `webv`: the page furniture a news site
// prints around the article).
// The aligned false-change count blames a block out of order word by word, and a block
// put back after its sentence (`structure::reading_order`) can shift that blame to
// another block still out of order: its ceiling is looser than the words lost in any
// order.
//
// Raised in the nineteenth session, when every split took the print page's copies by
// `pdftotext -layout` and PyMuPDF (metadata 0.976, repaired 0.950, false 5.4 with them).
// The layout copies count nearly every body word as damaged (out of order until the
// columns are read apart), so they weigh on the repaired total: its floor is that
// family's guard too.
const DEV_FLOORS: Floors = Floors {
    copies: 500,
    metadata: 0.95,
    pq_f1: 0.98,
    repaired: 0.940,
    false_per_10k: 8.0,
    lost_per_10k: 2.8,
    paragraph_f1: 0.72,
};

// The page-grid family (`printy-*`, dev articles laid out by `pages.print_grid_page`):
// a rail beside the columns with the byline, date and bio, the lead paragraph across the
// columns, a pull-quote across them, a photo's caption. Added after the dev split's
// floors were set, and scored apart so that those stay as they were. Its false changes
// and lost words are mostly a lead paragraph under the headline read as the standfirst
// (no byline between them to tell) and the bio printed in the rail; see the README's
// real-copy section. (The story's first column read into the standfirst, above a byline
// in the rail, was most of the rest until `body_above_byline`: false 48.2 → 32.1; and
// the body's copy of a quote taken for the box set across the columns, to 21.4.)
const GRID_FLOORS: Floors = Floors {
    copies: 90,
    // 0.89 before the tenth session's rail bylines, wrapped dates and bios; 0.976 after.
    metadata: 0.95,
    pq_f1: 0.98,
    repaired: 0.960,
    false_per_10k: 28.0,
    lost_per_10k: 28.0,
    paragraph_f1: 0.66,
};

const TEST_FLOORS: Floors = Floors {
    copies: 150,
    // 0.928 and 0.898 at the twelfth session's start, 0.942 and 0.905 at its end;
    // 0.956 and 0.954 (false 12.7) in the nineteenth, with the layout and PyMuPDF copies.
    metadata: 0.94,
    pq_f1: 0.90,
    repaired: 0.930,
    false_per_10k: 20.0,
    // 5.2 before pypdf's unseen words were joined (`structure::split_unknown_words`),
    // 5.9 after: a few joins the test split's names make wrong.
    lost_per_10k: 6.5,
    paragraph_f1: 0.68,
};

// Two more writers' articles (a093-a116, other names and languages: Icelandic, Romanian,
// Vietnamese, Latvian, Maltese, Azerbaijani…), set with the dev templates (print,
// printv, epaper, web, webz). Scored first on 2026-12-07 at 7cacc92, before any change
// was tuned on them: fresh metadata 0.88 (authors 0.81, bio 0.75), fresh-test 0.82
// (authors 0.62, subtitle 0.73, bio 0.82). Fresh is tuned on; fresh-test is only scored.
const FRESH_FLOORS: Floors = Floors {
    copies: 80,
    // 0.88 and 0.91 when first scored; 0.896 and 0.97 after the twelfth session. The
    // eighteenth session added the browser-printed web pages (`webp-*`), harder copy:
    // 0.908 and 0.935 before, 0.876 and 0.923 with them.
    // With the layout and PyMuPDF copies (nineteenth session): 0.874 and 0.954.
    metadata: 0.87,
    pq_f1: 0.95,
    repaired: 0.940,
    false_per_10k: 3.0,
    lost_per_10k: 3.0,
    paragraph_f1: 0.75,
};

const FRESH_TEST_FLOORS: Floors = Floors {
    copies: 80,
    // 0.828, 0.947 and 9.6 with the layout and PyMuPDF copies (nineteenth session).
    metadata: 0.81,
    pq_f1: 0.95,
    repaired: 0.930,
    false_per_10k: 15.0,
    lost_per_10k: 2.5,
    paragraph_f1: 0.70,
};

// A third writer's articles (a117-a128, written in the thirteenth session from the same
// format, names from 25 languages), set with the dev templates. Scored first at 1cff301,
// after that session's byline changes had been made on other probes: metadata 0.92
// (authors 0.81, subtitle 0.95, bio 0.85). Tuned on from then.
const FRESH2_FLOORS: Floors = Floors {
    copies: 80,
    // 0.944, 0.953 and 5.1 with the layout and PyMuPDF copies (nineteenth session).
    metadata: 0.92,
    pq_f1: 0.92,
    repaired: 0.940,
    false_per_10k: 9.0,
    lost_per_10k: 7.0,
    paragraph_f1: 0.68,
};

#[test]
fn the_scorer_sees_a_wrong_answer() {
    // A scorer that cannot fail proves nothing: a copy scored against another article's
    // answer must lose its title and most of its words.
    let all = fixtures();
    let (raw, _) = &all[0];
    let article = |p: &Path| p.file_name().unwrap().to_string_lossy()[..4].to_string();
    let (_, other) = all
        .iter()
        .find(|(p, _)| article(p) != article(raw))
        .expect("two articles");
    let scored = score(raw, other, &WordContext::default());
    assert_eq!(scored.tally.title, 0);
    assert!(scored.tally.intact_words < scored.tally.damaged_words);
}

#[test]
fn words_lost_ignores_order_but_not_loss() {
    let expected = ["one", "two", "three", "four"];
    let right = [true, true, true, false];
    // Moved, nothing lost; then `two` dropped.
    assert_eq!(lost_words(&expected, &right, &["three", "one", "two"]), 0);
    assert_eq!(lost_words(&expected, &right, &["three", "one", "four"]), 1);
    // A word the raw copy had wrong is not lost when the output lacks it.
    assert_eq!(lost_words(&expected, &right, &["one", "two", "three"]), 0);
}

/// Three page ends the pdftotext copies of the `printq` and `printr` draws print, each
/// read as the page prints it (every guard in `structure` these hold was switched off in
/// turn and this test failed): a bio block after a block of story that stops mid-sentence
/// (`…at first, and`), the paper's name alone at the foot after a bio ending on an address,
/// and a block of story after the bio, which makes it no closing bio.
#[test]
fn a_pages_closing_blocks_are_read_as_it_prints_them() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcopy/dev");
    let clean = |name: &str| {
        let raw = dev.join(name);
        let bytes = std::fs::read(&raw).expect("fixture readable");
        clean_text(&bytes, &raw, &WordContext::default())
            .expect("cleans")
            .article
    };
    let answer = |name: &str| -> Answer {
        let text = std::fs::read_to_string(dev.join(name).with_extension("answer.json"))
            .expect("answer beside the copy");
        serde_json::from_str(&text).expect("answer parses")
    };
    let unfinished = "a023.printr-pdftotext.txt";
    assert_eq!(clean(unfinished).front.bio, answer(unfinished).bio);
    let footed = clean("a005.printr-pdftotext.txt");
    assert!(!footed.body.contains("Valley Record"), "{}", footed.body);
    let story_after = clean("a032.printq-pdftotext.txt");
    assert!(
        story_after
            .front
            .bio
            .as_deref()
            .is_none_or(|b| !b.contains("machines")),
        "{:?}",
        story_after.front.bio
    );
    assert!(story_after.body.contains("The first machines are due"));
}

/// A rail's byline that wrapped twice (`By Siobh n O'Dwyer |` / `Thursday, September
/// 12,` / `2019`), read after the story and the page's footer: found only when the two
/// lines below it are read with it. A synthetic copy did not reproduce it (its reading
/// depends on what the page's other lines are taken for), so the committed grid copy
/// holds it.
#[test]
fn a_rail_byline_wrapped_twice_is_read_after_the_story() {
    let raw =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcopy/grid/a032.printy-pdftotext.txt");
    let bytes = std::fs::read(&raw).expect("fixture readable");
    let article = clean_text(&bytes, &raw, &WordContext::default())
        .expect("cleans")
        .article;
    assert_eq!(article.front.authors, ["Siobhán O'Dwyer"]);
    assert!(!article.body.contains("O'Dwyer |"), "{}", article.body);
}

/// Every dev copy of four print and e-paper kinds, changed by `transform` as other
/// software would have set it, must clean to the same article as the copy itself.
fn reads_as_its_original(transform: impl Fn(&str) -> String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcopy/dev");
    let kinds = [
        ".print-pdftotext.",
        ".print-pypdf.",
        ".epaper.",
        ".epaperv.",
    ];
    let mut copies: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dev split readable")
        .map(|e| e.expect("readable").path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".txt") && kinds.iter().any(|k| name.contains(k))
        })
        .collect();
    copies.sort();
    assert!(copies.len() >= 4 * 46, "{} copies", copies.len());
    let context = WordContext::default();
    let mut differ = Vec::new();
    let mut transformed = 0;
    for raw in &copies {
        let text = std::fs::read_to_string(raw).expect("fixture readable");
        let changed = transform(&text);
        if changed == text {
            continue;
        }
        transformed += 1;
        let original = clean_text(text.as_bytes(), raw, &context)
            .expect("cleans")
            .article;
        let other = clean_text(changed.as_bytes(), raw, &context)
            .expect("cleans")
            .article;
        if original.to_markdown() != other.to_markdown() {
            differ.push(raw.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        transformed * 2 >= copies.len(),
        "{transformed} copies changed"
    );
    assert!(
        differ.is_empty(),
        "{} of {transformed} differ: {differ:?}",
        differ.len()
    );
}

/// Some viewers and extractors copy a page with a blank line after every printed line
/// (two or three where a paragraph ends).
#[test]
fn a_double_spaced_copy_reads_as_its_original() {
    reads_as_its_original(|text| {
        text.split('\n')
            .map(|l| format!("{l}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

/// Some PDF tools and macOS copy letters decomposed (NFD): `e` and a combining accent.
#[test]
fn a_decomposed_copy_reads_as_its_original() {
    use unicode_normalization::UnicodeNormalization;
    reads_as_its_original(|text| text.nfd().collect());
}
