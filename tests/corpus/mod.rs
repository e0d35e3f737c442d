//! The defect corpus: clean articles ([`prose`]) damaged the way copying damages them, with
//! every injected defect recorded together with the check that proves it repaired.
//!
//! [`generate`] renders one article as raw text for a seed: a masthead in one of several
//! layouts, a drop cap, paragraphs hard-wrapped at a random width with line-end hyphens,
//! running headers and page numbers, a pull-quote repeat, a bio, and word- and
//! character-level damage (mojibake, ligatures, soft hyphens, zero-width characters,
//! NBSP, doubled spaces, CRLF, glued words, keyboard slips, lost letters). The same seed
//! always gives the same text. [`evaluate`] cleans it and scores repairs and false changes
//! (a word that was right and came out different).

#![allow(dead_code)] // shared by the corpus test and the benchmark, which use different parts

pub mod adversarial;
pub mod prose;
pub mod typical;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use copydesk::article::ArticleDate;
use copydesk::clean::emit::{parse_body, BodyBlock};
use copydesk::clean::vocabulary::lexicon_knows;
use copydesk::clean::words::{Lexicon, WordContext};
use prose::CleanArticle;

/// A small deterministic generator (xorshift64*), so the corpus needs no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How a defect is proven repaired.
#[derive(Debug, Clone)]
pub enum Check {
    /// This clean text appears in the output body (paragraphs joined by newlines).
    InBody(String),
    /// This text appears nowhere in the output document.
    Absent(String),
    /// A front-matter field has its clean value.
    Field(&'static str),
    /// The output has a pull-quote block with exactly this text.
    PullQuote(String),
    /// This clean text appears in the bio.
    InBio(String),
    /// The bio left the body for the front matter (its words are checked separately).
    BioExtracted,
}

/// One injected defect.
#[derive(Debug, Clone)]
pub struct Defect {
    pub class: &'static str,
    pub checks: Vec<Check>,
}

/// Classes repaired by the word passes (their own engineer's module).
pub const WORD_CLASSES: &[&str] = &["glued_word", "keyboard_slip", "lost_letter"];

/// A damaged article and what was done to it.
pub struct Generated {
    pub article: &'static CleanArticle,
    pub raw: Vec<u8>,
    pub defects: Vec<Defect>,
    /// (paragraph, word) of the clean words the damage touched.
    pub targeted: HashSet<(usize, usize)>,
    /// Clean words of the bio the damage touched.
    pub targeted_bio: HashSet<usize>,
}

const LIGATURES: &[(&str, char)] = &[
    ("ffi", 'ﬃ'),
    ("ffl", 'ﬄ'),
    ("ff", 'ﬀ'),
    ("fi", 'ﬁ'),
    ("fl", 'ﬂ'),
];
const KEYBOARD_ROWS: &[&str] = &["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const HEADERS: &[&str] = &[
    "THE DAILY LEDGER | Sunday Edition",
    "Weekend Review — Opinion & Analysis",
    "The Coastal Courier",
];

/// A word of a paragraph being damaged: the separator before it and its text.
#[derive(Debug, Clone)]
struct Token {
    before: String,
    text: String,
    /// Layout must not split or wrap at this token (it carries damage already).
    damaged: bool,
}

/// Generates the damaged raw text of `article` for `seed`.
pub fn generate(article: &'static CleanArticle, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut defects = Vec::new();
    let mut targeted = HashSet::new();
    let mut paragraphs: Vec<Vec<Token>> = article.paragraphs.iter().map(|p| tokens(p)).collect();
    // The pull-quote's source words stay undamaged, so that class is judged on its own.
    let quote = pull_quote(article, &mut rng);
    for (p, paragraph) in paragraphs.iter_mut().enumerate() {
        let words: Vec<String> = article.paragraphs[p].split(' ').map(String::from).collect();
        let protect = match &quote {
            Some((source, _, span)) if *source == p => span.clone(),
            _ => 0..0,
        };
        damage_words(
            paragraph,
            &words,
            protect,
            &mut rng,
            &mut defects,
            &mut |i| {
                targeted.insert((p, i));
            },
        );
    }
    let mut targeted_bio = HashSet::new();
    let mut bio_tokens = article.bio.map(tokens);
    if let (Some(bio), Some(tokens)) = (article.bio, bio_tokens.as_mut()) {
        let words: Vec<String> = bio.split(' ').map(String::from).collect();
        let mut bio_defects = Vec::new();
        damage_words(tokens, &words, 0..0, &mut rng, &mut bio_defects, &mut |i| {
            targeted_bio.insert(i);
        });
        // A bio is proven by its field, not by the body.
        defects.extend(bio_defects.into_iter().map(in_bio));
        defects.push(Defect {
            class: "bio",
            checks: vec![Check::BioExtracted],
        });
    }

    let width = 38 + rng.below(40);
    let mut lines: Vec<String> = masthead_lines(article, &mut rng, &mut defects);
    lines.push(String::new());
    let mut body_lines = wrap_body(
        article,
        &paragraphs,
        width,
        &mut rng,
        &mut defects,
        &mut targeted,
    );
    if let Some((source, quote, _)) = quote {
        let at = if source + 2 <= article.paragraphs.len() {
            source + 2
        } else {
            source.saturating_sub(1).max(1)
        };
        let tokens = tokens(&quote);
        let wrapped = wrap(
            &tokens,
            width,
            false,
            &mut rng,
            &mut Vec::new(),
            &mut |_| {},
        );
        body_lines.insert(at, wrapped);
        defects.push(Defect {
            class: "pull_quote",
            checks: vec![Check::PullQuote(quote)],
        });
    }
    if let Some(tokens) = &bio_tokens {
        let mut bio_defects = Vec::new();
        body_lines.push(wrap(
            tokens,
            width,
            true,
            &mut rng,
            &mut bio_defects,
            &mut |i| {
                targeted_bio.insert(i);
            },
        ));
        defects.extend(
            bio_defects
                .into_iter()
                .filter(|d| d.class != "hard_wrap")
                .map(|d| Defect {
                    class: d.class,
                    checks: vec![Check::Field("bio")],
                }),
        );
    }
    let body = insert_page_furniture(body_lines, &mut rng, &mut defects);
    lines.extend(body);
    let mut raw = lines.join("\n");
    raw.push('\n');
    if rng.chance(30) {
        raw = raw.replace('\n', "\r\n");
        defects.push(Defect {
            class: "crlf",
            checks: vec![Check::Absent("\r".into()), Check::Field("title")],
        });
    }
    Generated {
        article,
        raw: raw.into_bytes(),
        defects,
        targeted,
        targeted_bio,
    }
}

/// The same defect, proven in the bio instead of the body.
fn in_bio(defect: Defect) -> Defect {
    let checks = defect
        .checks
        .into_iter()
        .map(|check| match check {
            Check::InBody(text) => Check::InBio(text),
            other => other,
        })
        .collect();
    Defect {
        class: defect.class,
        checks,
    }
}

fn tokens(text: &str) -> Vec<Token> {
    text.split(' ')
        .enumerate()
        .map(|(i, w)| Token {
            before: if i == 0 { String::new() } else { " ".into() },
            text: w.to_string(),
            damaged: false,
        })
        .collect()
}

fn is_plain_lowercase(word: &str) -> bool {
    word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Three clean words around `i` (and `i + extra`), as they must read after repair.
fn snippet(words: &[String], i: usize, extra: usize) -> String {
    let from = i.saturating_sub(1);
    let to = (i + extra + 2).min(words.len());
    words[from..to].join(" ")
}

/// Character- and word-level damage to one paragraph's tokens.
fn damage_words(
    tokens: &mut [Token],
    words: &[String],
    protect: std::ops::Range<usize>,
    rng: &mut Rng,
    defects: &mut Vec<Defect>,
    target: &mut dyn FnMut(usize),
) {
    let mut used: HashSet<usize> = HashSet::from([0, 1]); // the drop cap's words
    used.extend(protect);
    let attempts = 3 + rng.below(4);
    for _ in 0..attempts {
        let class = *rng.pick(CLASSES);
        // The first suitable word from a random start, away from other damage.
        let start = rng.below(tokens.len());
        let found = (0..tokens.len())
            .map(|k| (start + k) % tokens.len())
            .find_map(|i| {
                let clear = i >= 1
                    && i + 2 < tokens.len()
                    && !(i.saturating_sub(2)..=i + 3).any(|j| used.contains(&j));
                if !clear {
                    return None;
                }
                damage(class, &tokens[i].text, &tokens[i + 1].text, rng).map(|d| (i, d))
            });
        let Some((i, damaged)) = found else { continue };
        match class {
            "nbsp" => tokens[i].before = "\u{a0}".into(),
            "doubled_space" => tokens[i].before = "  ".into(),
            "glued_word" => {
                tokens[i + 1].text.clear();
                tokens[i + 1].before.clear();
                target(i + 1);
            }
            _ => {}
        }
        tokens[i].text = damaged;
        tokens[i].damaged = true;
        target(i);
        used.insert(i);
        let extra = usize::from(class == "glued_word");
        defects.push(Defect {
            class,
            checks: vec![Check::InBody(snippet(words, i, extra))],
        });
    }
}

/// The classes of word-level damage.
const CLASSES: &[&str] = &[
    "ligature",
    "soft_hyphen",
    "zero_width",
    "nbsp",
    "doubled_space",
    "mojibake",
    "glued_word",
    "keyboard_slip",
    "lost_letter",
];

/// `word` damaged by `class`, if the word allows it (`next` is the following word).
fn damage(class: &str, word: &str, next: &str, rng: &mut Rng) -> Option<String> {
    match class {
        "ligature" => ligature(word),
        "soft_hyphen" => (word.chars().filter(|c| c.is_alphabetic()).count() >= 6)
            .then(|| insert_mid(word, '\u{ad}')),
        "zero_width" => (word.chars().count() >= 4).then(|| insert_mid(word, '\u{200b}')),
        "nbsp" | "doubled_space" => Some(word.to_string()),
        "mojibake" => (!word.is_ascii()).then(|| mojibake(word)),
        "glued_word" => {
            (is_plain_lowercase(word) && is_plain_lowercase(next)).then(|| format!("{word}{next}"))
        }
        "keyboard_slip" => (is_plain_lowercase(word) && word.len() >= 5)
            .then(|| slip(word, rng))
            .filter(|slipped| !lexicon_knows(slipped)),
        "lost_letter" => lost_letter(word),
        _ => None,
    }
}

fn ligature(word: &str) -> Option<String> {
    LIGATURES
        .iter()
        .find(|(letters, _)| word.contains(letters))
        .map(|(letters, lig)| word.replacen(letters, &lig.to_string(), 1))
}

fn insert_mid(word: &str, c: char) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mid = chars.len() / 2;
    chars[..mid]
        .iter()
        .chain(std::iter::once(&c))
        .chain(&chars[mid..])
        .collect()
}

/// UTF-8 bytes read as Windows-1252: `’` → `â€™`.
pub fn mojibake(word: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode(word.as_bytes())
        .0
        .into_owned()
}

/// A keyboard slip: a neighbouring key typed after one of the letters (`Meanwhile` →
/// `Meanbwhile`). A slip that spells another known word (`stayed` → `strayed`, `boats`
/// → `boasts`) is not detectable damage, and [`damage`] does not inject it.
fn slip(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len() - 2);
    let neighbours = keyboard_neighbours(chars[at]);
    let extra = *rng.pick(&neighbours);
    chars[..=at]
        .iter()
        .chain(std::iter::once(&extra))
        .chain(&chars[at + 1..])
        .collect()
}

fn keyboard_neighbours(c: char) -> Vec<char> {
    for row in KEYBOARD_ROWS {
        if let Some(i) = row.find(c) {
            let row: Vec<char> = row.chars().collect();
            return [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| row.get(j).copied())
                .collect();
        }
    }
    vec![c]
}

/// A non-ASCII letter turned into a space (`Erdoğan` → `Erdo an`), in a word the lexicon
/// lists: a name no list holds (`Wiśniewska`) can only be restored from the site's own
/// dictionary, which the unit tests cover; here it would be damage nothing could detect.
fn lost_letter(word: &str) -> Option<String> {
    let letters = word.trim_matches(|c: char| !c.is_alphabetic());
    let key = letters.to_lowercase().replace('\u{2019}', "'");
    let base = key.strip_suffix("'s").unwrap_or(&key);
    if !Lexicon::embedded().contains(base) {
        return None;
    }
    let (at, c) = word
        .char_indices()
        .find(|(_, c)| c.is_alphabetic() && !c.is_ascii())?;
    Some(format!("{} {}", &word[..at], &word[at + c.len_utf8()..]))
}

/// The masthead in one of several layouts; records a defect per field.
fn masthead_lines(article: &CleanArticle, rng: &mut Rng, defects: &mut Vec<Defect>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(kicker) = article.kicker {
        lines.push(kicker.to_string());
        lines.push(String::new());
        defects.push(Defect {
            class: "masthead",
            checks: vec![Check::Field("kicker")],
        });
    }
    lines.push(article.title.to_string());
    lines.push(String::new());
    defects.push(Defect {
        class: "masthead",
        checks: vec![Check::Field("title")],
    });
    if let Some(subtitle) = article.subtitle {
        lines.push(subtitle.to_string());
        lines.push(String::new());
        defects.push(Defect {
            class: "masthead",
            checks: vec![Check::Field("subtitle")],
        });
    }
    let byline = match article.authors {
        [one] => format!("By {one}"),
        [a, b] => format!("By {a} and {b}"),
        many => {
            let (last, rest) = many.split_last().expect("authors");
            format!("By {} and {last}", rest.join(", "))
        }
    };
    let (y, m, d) = article.date;
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let format = *rng.pick(&[
        "%B %-d, %Y",
        "%-d %B %Y",
        "%b. %-d, %Y",
        "%Y-%m-%d",
        "%A, %B %-d, %Y",
        "%a, %-d %b %Y",
    ]);
    let date = date.format(format).to_string();
    match rng.below(3) {
        0 => lines.extend([byline, "|".into(), date]),
        1 => lines.push(format!("{byline} | {date}")),
        _ => lines.extend([byline, String::new(), date]),
    }
    defects.push(Defect {
        class: "masthead",
        checks: vec![Check::Field("authors")],
    });
    defects.push(Defect {
        class: "masthead",
        checks: vec![Check::Field("date")],
    });
    lines.push(String::new());
    lines
}

/// Wraps tokens into lines of at most `width` characters; some breaks hyphenate the next
/// word (a defect to repair) or fall after a real hyphen (which must stay). A compound
/// also written solid (`fund-raising`, `fundraising`) is not broken at its hyphen: at a
/// line end both readings are right, so no repair could be judged.
/// Hard-wraps every (already damaged) paragraph at `width`, hyphenating some line ends,
/// and splits the first paragraph's initial off as a drop cap. Words a wrap or the drop
/// cap touches are marked in `targeted` as (paragraph, word).
fn wrap_body(
    article: &CleanArticle,
    paragraphs: &[Vec<Token>],
    width: usize,
    rng: &mut Rng,
    defects: &mut Vec<Defect>,
    targeted: &mut HashSet<(usize, usize)>,
) -> Vec<Vec<String>> {
    let mut body = Vec::with_capacity(paragraphs.len());
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let mut wrapped = wrap(paragraph, width, true, rng, defects, &mut |i| {
            targeted.insert((p, i));
        });
        if p == 0 {
            drop_cap(&mut wrapped, article.paragraphs[0], rng, defects);
            targeted.insert((0, 0));
        }
        body.push(wrapped);
    }
    body
}

fn wrap(
    tokens: &[Token],
    width: usize,
    hyphenate: bool,
    rng: &mut Rng,
    defects: &mut Vec<Defect>,
    target: &mut dyn FnMut(usize),
) -> Vec<String> {
    let words: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut last_break_ok = true;
    for (i, token) in tokens.iter().enumerate() {
        if token.text.is_empty() {
            continue;
        }
        let fits = line.chars().count() + token.before.chars().count() + token.text.chars().count()
            <= width;
        let breakable = token.before == " " && !line.is_empty();
        if fits || !breakable {
            line.push_str(&token.before);
            line.push_str(&token.text);
            continue;
        }
        let clean_context = hyphenate
            && !token.damaged
            && last_break_ok
            && i + 1 < tokens.len()
            && !tokens[i + 1].damaged
            && !tokens[i - 1].damaged;
        if clean_context
            && token.text.contains('-')
            && token.text.split('-').all(|p| p.len() >= 2)
            && !lexicon_knows(&token.text.replace('-', "").to_lowercase())
            && rng.chance(60)
        {
            let (left, right) = token.text.split_once('-').expect("has a hyphen");
            line.push(' ');
            line.push_str(left);
            line.push('-');
            lines.push(std::mem::take(&mut line));
            line.push_str(right);
            defects.push(Defect {
                class: "real_hyphen",
                checks: vec![Check::InBody(snippet(&words, i, 0))],
            });
            target(i);
        } else if clean_context
            && is_plain_lowercase(&token.text)
            && token.text.len() >= 8
            && rng.chance(40)
        {
            let cut = 3 + rng.below(token.text.len() - 6);
            line.push(' ');
            line.push_str(&token.text[..cut]);
            line.push('-');
            lines.push(std::mem::take(&mut line));
            line.push_str(&token.text[cut..]);
            defects.push(Defect {
                class: "line_end_hyphen",
                checks: vec![Check::InBody(snippet(&words, i, 0))],
            });
            target(i);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(&token.text);
            if clean_context {
                defects.push(Defect {
                    class: "hard_wrap",
                    checks: vec![Check::InBody(format!("{} {}", words[i - 1], words[i]))],
                });
            }
        }
        last_break_ok = !token.damaged;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first paragraph's first letter on a line of its own (`T`, blank, `he fishing…`).
fn drop_cap(lines: &mut Vec<String>, clean: &str, rng: &mut Rng, defects: &mut Vec<Defect>) {
    let first = lines[0].clone();
    let letter_len = first.chars().next().map_or(0, char::len_utf8);
    let (letter, rest) = first.split_at(letter_len);
    lines[0] = rest.to_string();
    lines.insert(0, letter.to_string());
    lines.insert(1, String::new());
    if rng.chance(50) {
        lines.insert(1, String::new());
    }
    let words: Vec<&str> = clean.split(' ').take(2).collect();
    defects.push(Defect {
        class: "drop_cap",
        checks: vec![Check::InBody(words.join(" "))],
    });
}

/// A quotation of nine words or more from the body, to be repeated as a paragraph of its
/// own a few paragraphs away, sometimes with an attribution: (source paragraph, text,
/// word span of the quotation in the source).
fn pull_quote(
    article: &CleanArticle,
    rng: &mut Rng,
) -> Option<(usize, String, std::ops::Range<usize>)> {
    let candidates: Vec<(usize, String, std::ops::Range<usize>)> = article
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let open = p.find('“')?;
            let close = open + p[open..].find('”')? + '”'.len_utf8();
            let quote = &p[open..close];
            let first_word = p[..open].matches(' ').count();
            let len = quote.split(' ').count();
            (len >= 9).then(|| (i, quote.to_string(), first_word..first_word + len))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let (source, quote, span) = rng.pick(&candidates).clone();
    let text = if rng.chance(50) {
        format!("{quote} the official said.")
    } else {
        quote
    };
    Some((source, text, span))
}

/// Inserts running headers and page numbers every few lines, sometimes inside a
/// paragraph; returns the lines of the body (paragraphs separated by blank lines).
fn insert_page_furniture(
    paragraphs: Vec<Vec<String>>,
    rng: &mut Rng,
    defects: &mut Vec<Defect>,
) -> Vec<String> {
    let header = *rng.pick(HEADERS);
    let total_lines: usize = paragraphs.iter().map(Vec::len).sum();
    let page_length = (12 + rng.below(10)).min(total_lines / 4).max(4);
    let mut out = Vec::new();
    let mut on_page = 0;
    let mut page = 1 + rng.below(20);
    let mut inserted = 0;
    for (p, lines) in paragraphs.iter().enumerate() {
        if p > 0 {
            out.push(String::new());
            if rng.chance(20) {
                out.push(String::new());
            }
        }
        for (l, line) in lines.iter().enumerate() {
            if on_page >= page_length && l > 0 && l + 1 < lines.len() {
                let spaced = rng.chance(50);
                let number = if rng.chance(50) {
                    format!("{page}")
                } else {
                    format!("Page {page}")
                };
                for furniture in [number.as_str(), header] {
                    if spaced {
                        out.push(String::new());
                    }
                    out.push(furniture.to_string());
                }
                if spaced {
                    out.push(String::new());
                }
                page += 1;
                on_page = 0;
                inserted += 1;
            }
            out.push(line.clone());
            on_page += 1;
        }
    }
    if inserted >= 3 {
        defects.push(Defect {
            class: "page_furniture",
            checks: vec![Check::Absent(header.to_string())],
        });
        defects.push(Defect {
            class: "page_number",
            checks: vec![Check::Absent(format!("\n{}\n", page - 1))],
        });
    }
    out
}

/// Scores of one class of defect.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub injected: usize,
    pub repaired: usize,
}

/// The outcome of cleaning a corpus.
#[derive(Debug, Default)]
pub struct Scores {
    pub by_class: BTreeMap<&'static str, Tally>,
    /// Clean words that were not damaged but came out different, with context.
    pub false_changes: Vec<String>,
    pub words_checked: usize,
}

impl Scores {
    pub fn rate(&self, include: impl Fn(&str) -> bool) -> (usize, usize) {
        self.by_class
            .iter()
            .filter(|(c, _)| include(c))
            .fold((0, 0), |(i, r), (_, t)| (i + t.injected, r + t.repaired))
    }
}

/// Cleans `generated` and adds its results to `scores`.
pub fn evaluate(generated: &Generated, scores: &mut Scores) {
    let path = Path::new("corpus.txt");
    let cleaned = copydesk::clean::clean_text(&generated.raw, path, &WordContext::default())
        .expect("generated text is never empty");
    let document = cleaned.article.to_markdown();
    let blocks = parse_body(&cleaned.article.body);
    let body: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            BodyBlock::Paragraph(t) | BodyBlock::ListItem(t) => Some(t.as_str()),
            BodyBlock::PullQuote(_) => None,
        })
        .collect();
    let body_text = body.join("\n");
    let front = &cleaned.article.front;
    let article = generated.article;
    for defect in &generated.defects {
        let ok = defect.checks.iter().all(|check| match check {
            Check::InBody(text) => body_text.contains(text.as_str()),
            Check::InBio(text) => front
                .bio
                .as_deref()
                .is_some_and(|b| b.contains(text.as_str())),
            Check::Absent(text) => !document.contains(text.as_str()),
            Check::PullQuote(text) => blocks.contains(&BodyBlock::PullQuote(text.clone())),
            Check::Field(field) => field_matches(field, article, front),
            Check::BioExtracted => {
                let opening: String = article.bio.unwrap_or_default().chars().take(20).collect();
                front
                    .bio
                    .as_deref()
                    .is_some_and(|b| b.starts_with(&opening))
                    && !body_text.contains(&opening)
            }
        });
        let tally = scores.by_class.entry(defect.class).or_default();
        tally.injected += 1;
        tally.repaired += usize::from(ok);
    }
    count_false_changes(generated, &body, front.bio.as_deref(), scores);
    if std::env::var_os("CORPUS_DEBUG").is_some() {
        for defect in &generated.defects {
            let failed = defect.checks.iter().any(|check| match check {
                Check::InBody(text) => !body_text.contains(text.as_str()),
                Check::PullQuote(text) => !blocks.contains(&BodyBlock::PullQuote(text.clone())),
                _ => false,
            });
            let word_class =
                WORD_CLASSES.contains(&defect.class) || defect.class == "line_end_hyphen";
            let words_wanted = std::env::var("CORPUS_DEBUG").is_ok_and(|v| v == "words");
            if failed && word_class && words_wanted {
                report_word_miss(defect, &body_text);
            }
            if failed && !word_class && !words_wanted {
                eprintln!("FAILED {}: {:?}", defect.class, defect.checks);
                if std::env::var("CORPUS_DEBUG").is_ok_and(|v| v == "2") {
                    eprintln!("{}", String::from_utf8_lossy(&generated.raw));
                    eprintln!("=== OUTPUT\n{document}");
                }
            }
        }
    }
}

/// Prints a missed word-level repair with the output words where it should be: from the
/// snippet's first word to its last, at most five words apart.
fn report_word_miss(defect: &Defect, body_text: &str) {
    let output: Vec<&str> = body_text.split([' ', '\n']).collect();
    for check in &defect.checks {
        let Check::InBody(wanted) = check else {
            continue;
        };
        let words: Vec<&str> = wanted.split(' ').collect();
        let (first, last) = (words[0], words[words.len() - 1]);
        let found = (0..output.len()).find_map(|j| {
            let k = (1..=5).find(|k| output.get(j + k) == Some(&last))?;
            (output[j] == first).then(|| output[j..=j + k].join(" "))
        });
        eprintln!(
            "MISSED {}: want `{wanted}`, got `{}`",
            defect.class,
            found.unwrap_or_default()
        );
    }
}

fn field_matches(
    field: &str,
    article: &CleanArticle,
    front: &copydesk::article::FrontMatter,
) -> bool {
    match field {
        "title" => front.title == article.title,
        "subtitle" => front.subtitle.as_deref() == article.subtitle,
        "kicker" => front.kicker.as_deref() == article.kicker,
        "authors" => front.authors == article.authors,
        "date" => {
            let (y, m, d) = article.date;
            front.date == chrono::NaiveDate::from_ymd_opt(y, m, d).map(ArticleDate::Date)
        }
        "bio" => front.bio.as_deref() == article.bio,
        _ => false,
    }
}

/// Aligns clean words with output words; every clean word not targeted by damage that is
/// not matched exactly is a false change.
fn count_false_changes(
    generated: &Generated,
    body: &[&str],
    bio: Option<&str>,
    scores: &mut Scores,
) {
    let mut clean: Vec<&str> = Vec::new();
    let mut protected: Vec<bool> = Vec::new();
    for (p, paragraph) in generated.article.paragraphs.iter().enumerate() {
        for (i, word) in paragraph.split(' ').enumerate() {
            clean.push(word);
            protected.push(!generated.targeted.contains(&(p, i)));
        }
        clean.push("¶");
        protected.push(false);
    }
    let output: Vec<&str> = body
        .iter()
        .flat_map(|p| p.split(' ').chain(std::iter::once("¶")))
        .collect();
    tally_alignment(&clean, &protected, &output, scores);
    if let (Some(clean_bio), Some(bio)) = (generated.article.bio, bio) {
        let clean: Vec<&str> = clean_bio.split(' ').collect();
        let protected: Vec<bool> = (0..clean.len())
            .map(|i| !generated.targeted_bio.contains(&i))
            .collect();
        let output: Vec<&str> = bio.split(' ').collect();
        tally_alignment(&clean, &protected, &output, scores);
    }
}

fn tally_alignment(clean: &[&str], protected: &[bool], output: &[&str], scores: &mut Scores) {
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, clean, output);
    let mut equal = vec![false; clean.len()];
    for op in ops {
        if let similar::DiffOp::Equal { old_index, len, .. } = op {
            equal[old_index..old_index + len]
                .iter_mut()
                .for_each(|e| *e = true);
        }
    }
    for (i, word) in clean.iter().enumerate() {
        if !protected[i] {
            continue;
        }
        scores.words_checked += 1;
        if !equal[i] {
            let from = i.saturating_sub(3);
            let to = (i + 4).min(clean.len());
            scores
                .false_changes
                .push(format!("`{word}` in `{}`", clean[from..to].join(" ")));
        }
    }
}
