//! "Typical copy": the corpus articles damaged the way real pasted copy usually is, as
//! opposed to [`super::generate`], which injects every defect class at high density to
//! test each repair. The benchmark (`benches/clean.rs`) cleans both; throughput targets
//! are stated for this flavour.
//!
//! A typical paste has its masthead lines, a drop cap, every line hard-wrapped at a column
//! of 60 to 90 characters with a few line-end hyphens, a page number and running header
//! now and then (every 45 to 70 lines), one pull-quote repeat, the closing bio, sometimes
//! CRLF line ends, and about one word-level defect per 175 words (NBSP, soft hyphens,
//! ligatures and zero-width characters more often than glued words, keyboard slips and
//! lost letters). Mojibake is left out: a typical paste is decoded correctly. The same
//! seed always gives the same text, and every injected defect is recorded like the dense
//! corpus's, so [`super::evaluate`] can score this flavour too.

use std::collections::HashSet;

use super::prose::CleanArticle;
use super::{
    damage, in_bio, masthead_lines, pull_quote, snippet, tokens, wrap, wrap_body, Check, Defect,
    Generated, Rng, Token, HEADERS,
};

/// Words per word-level defect, on average.
const WORDS_PER_DEFECT: usize = 175;

/// Word-level damage in a typical paste, weighted by how often it turns up.
const TYPICAL_CLASSES: &[(&str, usize)] = &[
    ("nbsp", 5),
    ("soft_hyphen", 4),
    ("ligature", 3),
    ("zero_width", 2),
    ("doubled_space", 2),
    ("glued_word", 2),
    ("keyboard_slip", 1),
    ("lost_letter", 1),
];

/// Generates the typical-copy raw text of `article` for `seed`.
pub fn generate_typical(article: &'static CleanArticle, seed: u64) -> Generated {
    let mut rng = Rng::new(seed ^ 0x7970_6963_616c);
    let mut defects = Vec::new();
    let mut targeted = HashSet::new();
    let quote = pull_quote(article, &mut rng);
    let mut paragraphs: Vec<Vec<Token>> = article.paragraphs.iter().map(|p| tokens(p)).collect();
    for (p, paragraph) in paragraphs.iter_mut().enumerate() {
        let words: Vec<String> = article.paragraphs[p].split(' ').map(String::from).collect();
        let protect = match &quote {
            Some((source, _, span)) if *source == p => span.clone(),
            _ => 0..0,
        };
        sprinkle_damage(paragraph, &words, protect, &mut rng, &mut defects, |i| {
            targeted.insert((p, i));
        });
    }
    let mut targeted_bio = HashSet::new();
    let mut bio_tokens = article.bio.map(tokens);
    if let (Some(bio), Some(tokens)) = (article.bio, bio_tokens.as_mut()) {
        let words: Vec<String> = bio.split(' ').map(String::from).collect();
        let mut bio_defects = Vec::new();
        sprinkle_damage(tokens, &words, 0..0, &mut rng, &mut bio_defects, |i| {
            targeted_bio.insert(i);
        });
        defects.extend(bio_defects.into_iter().map(in_bio));
        defects.push(Defect {
            class: "bio",
            checks: vec![Check::BioExtracted],
        });
    }

    let width = 60 + rng.below(31);
    let mut lines = masthead_lines(article, &mut rng, &mut defects);
    lines.push(String::new());
    let mut body = wrap_body(
        article,
        &paragraphs,
        width,
        &mut rng,
        &mut defects,
        &mut targeted,
    );
    if let Some((source, quote, _)) = quote {
        let at = (source + 2).min(body.len());
        let wrapped = wrap(
            &tokens(&quote),
            width,
            false,
            &mut rng,
            &mut Vec::new(),
            &mut |_| {},
        );
        body.insert(at, wrapped);
        defects.push(Defect {
            class: "pull_quote",
            checks: vec![Check::PullQuote(quote)],
        });
    }
    if let Some(tokens) = &bio_tokens {
        body.push(wrap(
            tokens,
            width,
            true,
            &mut rng,
            &mut Vec::new(),
            &mut |i| {
                targeted_bio.insert(i);
            },
        ));
    }
    lines.extend(occasional_page_furniture(body, &mut rng));
    let mut raw = lines.join("\n");
    raw.push('\n');
    if rng.chance(10) {
        raw = raw.replace('\n', "\r\n");
    }
    Generated {
        article,
        raw: raw.into_bytes(),
        defects,
        targeted,
        targeted_bio,
    }
}

/// About one defect per [`WORDS_PER_DEFECT`] words, at random words away from each other,
/// from the paragraph's start (a drop cap's words) and from `protect`.
fn sprinkle_damage(
    tokens: &mut [Token],
    words: &[String],
    protect: std::ops::Range<usize>,
    rng: &mut Rng,
    defects: &mut Vec<Defect>,
    mut target: impl FnMut(usize),
) {
    let mut last_damaged: Option<usize> = None;
    for i in 2..tokens.len().saturating_sub(2) {
        if protect.contains(&i) || last_damaged.is_some_and(|d| i < d + 4) {
            continue;
        }
        if rng.below(WORDS_PER_DEFECT) != 0 {
            continue;
        }
        let class = weighted_class(rng);
        let next = tokens[i + 1].text.clone();
        let Some(damaged) = damage(class, &tokens[i].text, &next, rng) else {
            continue;
        };
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
        last_damaged = Some(i);
        let extra = usize::from(class == "glued_word");
        defects.push(Defect {
            class,
            checks: vec![Check::InBody(snippet(words, i, extra))],
        });
    }
}

fn weighted_class(rng: &mut Rng) -> &'static str {
    let total: usize = TYPICAL_CLASSES.iter().map(|(_, w)| w).sum();
    let mut pick = rng.below(total);
    for &(class, weight) in TYPICAL_CLASSES {
        if pick < weight {
            return class;
        }
        pick -= weight;
    }
    TYPICAL_CLASSES[0].0
}

/// The body's lines with a page number and running header every 45 to 70 lines (between
/// paragraphs or inside one), paragraphs separated by blank lines.
fn occasional_page_furniture(paragraphs: Vec<Vec<String>>, rng: &mut Rng) -> Vec<String> {
    let header = *rng.pick(HEADERS);
    let mut page = 1 + rng.below(20);
    let mut next_break = 45 + rng.below(26);
    let mut out = Vec::new();
    let mut on_page = 0;
    for (p, lines) in paragraphs.into_iter().enumerate() {
        if p > 0 {
            out.push(String::new());
        }
        for line in lines {
            if on_page >= next_break {
                out.extend([String::new(), format!("{page}"), header.to_string()]);
                out.push(String::new());
                page += 1;
                on_page = 0;
                next_break = 45 + rng.below(26);
            }
            out.push(line);
            on_page += 1;
        }
    }
    out
}
