//! Stage one: raw copied text becomes an [`Article`].
//!
//! [`clean_text`] runs the passes in order, each in its own file:
//!
//! 1. [`decode`] — bytes to text (UTF-8, else Windows-1252), BOM, line ends;
//! 2. [`characters`] — mojibake, ligatures, soft hyphens, zero-width characters, NBSP,
//!    doubled spaces; then [`page_columns`] — columns set side by side, read one after
//!    another; then [`broken_lines`] — a printed line broken at its wide spaces; then
//!    [`line_spacing`] — a blank line after every printed line;
//!    then [`set_apart_letters`] — a letter an extractor set apart from its word;
//! 3. [`layout`] (with [`drop_cap`]) — page furniture, drop caps, hard wraps, line-end
//!    hyphens: lines become paragraphs;
//! 4. [`masthead`] — kicker, headline, standfirst, byline, date; the closing bio;
//! 5. [`quotes`] — unbalanced quotation marks, reported as findings;
//! 6. [`words`] — glued words, typos, lost letters (body and bio);
//! 7. [`pullquote`] — paragraphs that repeat the body become pull-quotes;
//! 8. [`emit`] — front matter and an escaped CommonMark body.
//!
//! The searches that could cost more than the text's length are indexed or capped, and
//! [`work`] counts what they do, so tests hold the stage to linear time.
//!
//! Every change is an [`Edit`] and every unrepaired defect a [`Finding`], each at a
//! line:column of the raw file (the [`mapped`] text keeps that map through the passes).
//! [`site_run`] applies the stage to a site's files: slugs, the manifest that protects
//! hand edits, atomic writes.

pub mod broken_lines;
pub mod characters;
pub mod decode;
pub mod drop_cap;
pub mod emit;
pub mod layout;
pub mod line_spacing;
pub mod mapped;
pub mod masthead;
pub mod page_columns;
pub mod pullquote;
pub mod quotes;
pub mod set_apart_letters;
pub mod site_run;
pub mod site_words;
pub mod slug;
pub mod structure;
pub mod vocabulary;
pub mod words;
pub mod work;

use std::path::Path;

use crate::article::{Article, FrontMatter};
use crate::diagnostic::{Diagnostic, Position};

use emit::BodyBlock;
use mapped::MappedText;
use vocabulary::Vocabulary;
use words::WordContext;

pub use site_run::{clean_named_stale_articles, clean_stale_articles, CleanSummary};

/// One change a pass made to the text, with where in the raw file it happened and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Edit {
    /// The pass that made the change, e.g. `"drop_cap"`.
    pub pass: &'static str,
    /// Where the changed text starts in the raw file.
    pub position: Position,
    pub before: String,
    pub after: String,
    pub reason: String,
    /// How sure the pass is, from 0 to 1.
    pub confidence: f32,
}

/// Something a pass noticed but would not change safely (e.g. an unbalanced quote).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub pass: &'static str,
    pub position: Position,
    /// The text in question, as it stands.
    pub text: String,
    pub reason: String,
}

/// The result of cleaning one raw file.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanedArticle {
    pub article: Article,
    pub edits: Vec<Edit>,
    pub findings: Vec<Finding>,
    /// Non-fatal problems with the file itself (e.g. it was not UTF-8).
    pub warnings: Vec<Diagnostic>,
}

/// The passes of [`clean_text`], in the order it runs them: [`clean_text_timed`] says
/// when each ends, so the benchmark's time per pass is of the chain `clean_text` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    Decode,
    Characters,
    /// The document's words indexed, line labels (`structure::read_structure`).
    Structure,
    /// Masthead fields and body paragraphs: layout, split words, dropped hyphens,
    /// punctuation spaces, names.
    Masthead,
    Quotes,
    Words,
    PullQuote,
    /// Control characters, sorting the edits, the CommonMark body.
    Emit,
}

impl Pass {
    pub const ALL: [Pass; 8] = [
        Pass::Decode,
        Pass::Characters,
        Pass::Structure,
        Pass::Masthead,
        Pass::Quotes,
        Pass::Words,
        Pass::PullQuote,
        Pass::Emit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pass::Decode => "decode",
            Pass::Characters => "characters",
            Pass::Structure => "structure",
            Pass::Masthead => "masthead",
            Pass::Quotes => "quotes",
            Pass::Words => "words",
            Pass::PullQuote => "pullquote",
            Pass::Emit => "emit",
        }
    }
}

/// Cleans the raw bytes of the file at `path` (used in messages) into an article.
/// Fails only when the file has no usable text (empty or binary).
pub fn clean_text(
    raw: &[u8],
    path: &Path,
    context: &WordContext,
) -> Result<CleanedArticle, Diagnostic> {
    clean_text_timed(raw, path, context, |_| {})
}

/// [`clean_text`], calling `done` with each [`Pass`] as it ends, in the order of
/// [`Pass::ALL`] (all of them unless decoding fails).
pub fn clean_text_timed(
    raw: &[u8],
    path: &Path,
    context: &WordContext,
    mut done: impl FnMut(Pass),
) -> Result<CleanedArticle, Diagnostic> {
    let decoded = decode::decode(raw, path)?;
    done(Pass::Decode);
    let mut edits = decoded.edits;
    let mut findings = Vec::new();
    let repaired = characters::repair_characters(&decoded.text, &mut edits);
    // The raw file's lines, which edits' positions count (the characters pass keeps
    // them), for what reads the page's geometry by line number.
    let raw_lines = repaired.as_str();
    let by_column = page_columns::read_by_column(&decoded.text, &repaired, &mut edits);
    let laid_out = by_column.as_ref().unwrap_or(&repaired);
    let unbroken = broken_lines::joined(laid_out, &mut edits);
    let whole_lines = unbroken.as_ref().unwrap_or(laid_out);
    let spaced = line_spacing::single_spaced(whole_lines, &mut edits);
    let spaced_text = spaced.as_ref().unwrap_or(whole_lines);
    let rejoined = set_apart_letters::rejoined(spaced_text, &mut edits);
    let text = rejoined.as_ref().unwrap_or(spaced_text);
    done(Pass::Characters);
    let vocabulary = Vocabulary::for_document(text.as_str(), context);
    let found = structure::read_structure(text, &vocabulary, &mut edits);
    done(Pass::Structure);
    let masthead = match found {
        Some(found) => {
            // Read by column, the raw lines are no longer the page's lines.
            let printed_lines = by_column.is_none().then_some(raw_lines);
            masthead_from_structure(
                found,
                raw_lines,
                printed_lines,
                &vocabulary,
                &mut edits,
                &mut findings,
            )
        }
        None => {
            let blocks = layout::lay_out(text, &vocabulary, &mut edits, &mut findings);
            masthead::extract_masthead(blocks, &mut edits)
        }
    };
    done(Pass::Masthead);
    let mut checked: Vec<&MappedText> = masthead.body.iter().collect();
    checked.extend(masthead.bio.as_ref());
    findings.extend(quotes::find_unbalanced_quotes(&checked));
    done(Pass::Quotes);

    // The byline's names are words the article prints too: a bio that glued them
    // (`MarkétaDvořáková`) is split at what the byline spells apart.
    let mut paragraphs: Vec<&str> = checked.iter().map(|p| p.as_str()).collect();
    paragraphs.extend(masthead.authors.iter().map(String::as_str));
    let document = words::ArticleText::new(&paragraphs);
    let body: Vec<String> = masthead
        .body
        .iter()
        .map(|p| repair_words(p, &document, context, &mut edits, &mut findings))
        .collect();
    let bio = masthead
        .bio
        .as_ref()
        .map(|b| repair_words(b, &document, context, &mut edits, &mut findings));
    let title = match &masthead.headline {
        Some(headline) => Some(repair_words(
            headline,
            &document,
            context,
            &mut edits,
            &mut findings,
        )),
        None => masthead.title.clone(),
    };
    let subtitle = match &masthead.standfirst {
        Some(standfirst) => Some(repair_words(
            standfirst,
            &document,
            context,
            &mut edits,
            &mut findings,
        )),
        None => masthead.subtitle.clone(),
    };
    done(Pass::Words);
    let blocks = body_blocks(&masthead.body, body, &masthead.pull_quotes_at, &mut edits);
    done(Pass::PullQuote);
    if title.is_none() {
        findings.push(Finding {
            pass: "masthead",
            position: Position::new(1, 1),
            text: String::new(),
            reason: "no headline found: add `title` to the front matter".into(),
        });
    }
    let section = masthead
        .kicker
        .as_deref()
        .and_then(structure::section_of_kicker);
    let mut front = FrontMatter {
        title: title.unwrap_or_default(),
        subtitle,
        section,
        kicker: masthead.kicker,
        authors: masthead.authors,
        date: masthead.date,
        bio,
        ..FrontMatter::default()
    };
    let mut blocks = blocks;
    remove_control_characters(&decoded.text, &mut front, &mut blocks, &mut edits);
    edits.sort_by_key(|e| e.position);
    findings.sort_by_key(|f| f.position);
    let body = emit::emit_body(&blocks);
    done(Pass::Emit);
    Ok(CleanedArticle {
        article: Article { front, body },
        edits,
        findings,
        warnings: decoded.warnings,
    })
}

/// Takes stray control characters (a terminal's escape codes, DEL, the C1 controls) out
/// of the article: no page can hold them, and kept they would be written as `&#1;` or
/// `\u0007` for the build to warn about on every run. One edit, at the first one in the
/// raw text; a paragraph left empty is dropped.
fn remove_control_characters(
    decoded: &str,
    front: &mut FrontMatter,
    blocks: &mut Vec<BodyBlock>,
    edits: &mut Vec<Edit>,
) {
    let mut removed = crate::site::controls::strip_front_controls(front);
    for block in blocks.iter_mut() {
        let (BodyBlock::Paragraph(text) | BodyBlock::PullQuote(text) | BodyBlock::ListItem(text)) =
            block;
        if let Some((kept, count, _)) = crate::site::controls::strip_controls(text) {
            *text = kept;
            removed += count;
        }
    }
    if removed == 0 {
        return;
    }
    blocks.retain(|block| {
        let (BodyBlock::Paragraph(text) | BodyBlock::PullQuote(text) | BodyBlock::ListItem(text)) =
            block;
        !text.trim().is_empty()
    });
    let (position, before) = match crate::site::controls::strip_controls(decoded) {
        Some((_, _, first)) => (
            Position::of_byte_offset(decoded, first),
            decoded[first..].chars().take(1).collect(),
        ),
        None => (Position::new(1, 1), String::new()),
    };
    edits.push(Edit {
        pass: "characters",
        position,
        before,
        after: String::new(),
        reason: format!("{removed} control character(s) removed: no page can hold them"),
        confidence: 1.0,
    });
}

/// The masthead fields and body paragraphs from the labelled lines: each field and the
/// body unwrapped by the layout pass. `document` is the text in the raw file's lines
/// (before [`line_spacing`]), which edits' line numbers count; `printed_lines` the same
/// when its lines are the page's lines (not when [`page_columns`] read them apart).
fn masthead_from_structure(
    found: structure::Structure,
    document: &str,
    printed_lines: Option<&str>,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
) -> masthead::Masthead {
    let mut names = structure::names::IntactNames::of(document, vocabulary);
    let dashes = structure::punctuation_space::DashStyle::of(document);
    // The byline first: its restored names mend the same names elsewhere.
    let mut authors: Vec<String> = found
        .authors
        .iter()
        .map(|a| {
            let author = MappedText::from_raw(a, found.authors_at);
            names
                .restore_author(&author, vocabulary, edits)
                .as_str()
                .to_string()
        })
        .collect();
    // The byline's names speak for their languages: a co-author's name that two
    // languages spell alike (`In s Lopes`: Inês or Inés) is read again with them.
    let voted = names.learn(&authors, vocabulary);
    if voted && authors.len() > 1 {
        let second_reading = edits.len();
        for author in authors.iter_mut() {
            let text = MappedText::from_raw(author, found.authors_at);
            *author = names
                .restore_author(&text, vocabulary, edits)
                .as_str()
                .to_string();
        }
        let restored: Vec<String> = edits[second_reading..]
            .iter()
            .map(|e| e.after.clone())
            .collect();
        let restored: Vec<&str> = restored.iter().map(String::as_str).collect();
        names.learn_restored(&restored, vocabulary);
    }
    let first_reading = edits.len();
    let line_lengths = printed_lines
        .filter(|lines| structure::dropped_hyphens::read_by_pdftotext(lines))
        .map(structure::dropped_hyphens::HyphenEvidence::of);
    use structure::dropped_hyphens::Joins;
    let hyphens = |text: MappedText, joins: Joins, edits: &mut Vec<Edit>| match &line_lengths {
        Some(lines) => {
            structure::dropped_hyphens::restore_hyphens(&text, lines, joins, vocabulary, edits)
        }
        None => text,
    };
    let mut unwrap = |field: Option<MappedText>, joins: Joins, edits: &mut Vec<Edit>| {
        field.map(|f| {
            let mut joined = MappedText::default();
            for (n, block) in layout::lay_out(&f, vocabulary, edits, findings)
                .iter()
                .enumerate()
            {
                if n > 0 {
                    joined.push_replacement_at_end(" ");
                }
                joined.push_mapped(block);
            }
            let joined = hyphens(joined, joins, edits);
            let spaced = structure::punctuation_space::restore_spaces(&joined, dashes, edits);
            let named = names.restore(&spaced, vocabulary, edits);
            structure::punctuation_space::remove_stray_spaces(&named, edits)
        })
    };
    let mut kicker = unwrap(found.kicker, Joins::Anywhere, edits);
    let mut headline = unwrap(found.title, Joins::Anywhere, edits);
    let mut standfirst = unwrap(found.subtitle, Joins::Anywhere, edits);
    // A writer's name glued to the words after it is read as a name once spaced
    // (`ZeynepAyd n is` → `Zeynep Ayd n is` → `Zeynep Aydın is`).
    let mut bio = unwrap(found.bio, Joins::WhereLinesRanLong, edits).map(|b| {
        let before = edits.len();
        let unglued = structure::unglue_author_names(&b, &authors, vocabulary, edits);
        if edits.len() > before {
            names.restore(&unglued, vocabulary, edits)
        } else {
            unglued
        }
    });
    let body = layout::lay_out(&found.body, vocabulary, edits, findings);
    let (body, split_page) = structure::split_words::join_split_words(body, vocabulary, edits);
    let word_ends = if split_page {
        let fields = [&headline, &standfirst, &bio]
            .into_iter()
            .flatten()
            .map(MappedText::as_str);
        structure::split_unknown_words::WordEnds::of(
            fields.chain(authors.iter().map(String::as_str)),
            body.iter().map(MappedText::as_str),
        )
    } else {
        Default::default()
    };
    let mut body: Vec<MappedText> = body
        .into_iter()
        .map(|p| {
            let p = hyphens(p, Joins::WhereLinesRanLong, edits);
            let spaced = structure::punctuation_space::restore_spaces(&p, dashes, edits);
            let named = names.restore(&spaced, vocabulary, edits);
            // After the names: a name whose letters were lost is restored, not joined.
            let named = if split_page {
                structure::split_unknown_words::join_unknown_split_words(
                    &named, &word_ends, vocabulary, edits,
                )
            } else {
                named
            };
            structure::punctuation_space::remove_stray_spaces(&named, edits)
        })
        .collect();
    // Names the list restored mend, in a second reading, the copies of the same name the
    // first reading could not (`Özt rk` restored as Öztürk, then `ztürk`, `zt rk`).
    let restored: Vec<&str> = edits[first_reading..]
        .iter()
        .filter(|e| e.pass == "names")
        .map(|e| e.after.as_str())
        .collect();
    if names.learn_restored(&restored, vocabulary) {
        for author in authors.iter_mut() {
            let text = MappedText::from_raw(author, found.authors_at);
            *author = names
                .restore_author(&text, vocabulary, edits)
                .as_str()
                .to_string();
        }
        let fields = (kicker.iter_mut().chain(&mut headline))
            .chain(standfirst.iter_mut().chain(&mut bio))
            .chain(body.iter_mut());
        for field in fields {
            *field = names.restore(field, vocabulary, edits);
        }
    }
    // A web page's breadcrumb stands where the kicker does: its last crumb is the section.
    let kicker = kicker.map(
        |k| match structure::page_chrome::breadcrumb_tail(k.as_str()) {
            Some(section) => {
                edits.push(Edit {
                    pass: "page_chrome",
                    position: k.position_at(0),
                    before: k.as_str().to_string(),
                    after: section.to_string(),
                    reason: "a breadcrumb where the kicker stands: its last crumb is the section"
                        .into(),
                    confidence: 0.9,
                });
                section.to_string()
            }
            None => k.as_str().to_string(),
        },
    );
    let title = headline.as_ref().map(|t| t.as_str().to_string());
    let subtitle = standfirst.as_ref().map(|s| s.as_str().to_string());
    if bio.is_none() && body.last().is_some_and(|b| masthead::is_bio(b.as_str())) {
        bio = body.pop();
        if let Some(bio) = &bio {
            masthead::record_front_matter(
                edits,
                bio,
                "bio",
                "last paragraph, about the writer, moved to the bio",
            );
        }
    }
    masthead::Masthead {
        kicker,
        title,
        subtitle,
        authors,
        date: found.date.map(crate::article::ArticleDate::Date),
        bio,
        body,
        pull_quotes_at: found.boxes,
        headline,
        standfirst,
    }
}

/// Runs the word passes over one paragraph of the article whose paragraphs (body and bio)
/// are `document`, mapping their offsets to raw positions.
fn repair_words(
    paragraph: &MappedText,
    document: &words::ArticleText<'_>,
    context: &WordContext,
    edits: &mut Vec<Edit>,
    findings: &mut Vec<Finding>,
) -> String {
    let repairs = words::repair_article_paragraph(paragraph.as_str(), document, context);
    edits.extend(repairs.edits.into_iter().map(|e| Edit {
        pass: e.pass,
        position: paragraph.position_at(e.offset),
        before: e.before,
        after: e.after,
        reason: e.reason,
        confidence: e.confidence,
    }));
    findings.extend(repairs.findings.into_iter().map(|f| Finding {
        pass: f.pass,
        position: paragraph.position_at(f.offset),
        text: f.text,
        reason: f.reason,
    }));
    repairs.text
}

/// The body's blocks: pull-quote boxes become pull-quote blocks, recording an edit for
/// each (the boxes the line labels found, `boxes_at`, raw positions, else the paragraphs
/// that repeat words of the body), and paragraphs that open with a bullet list items.
fn body_blocks(
    mapped: &[MappedText],
    paragraphs: Vec<String>,
    boxes_at: &[crate::diagnostic::Position],
    edits: &mut Vec<Edit>,
) -> Vec<BodyBlock> {
    let known: std::collections::HashSet<usize> = (0..mapped.len())
        .filter(|&i| boxes_at.contains(&mapped[i].position_at(0)))
        .collect();
    let pull_quotes = if known.is_empty() {
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        pullquote::find_pull_quotes(&texts)
    } else {
        known
    };
    // Asked only of a paragraph just under a pull-quote.
    let attribution = |i: usize| {
        let body: Vec<&str> = (paragraphs.iter().enumerate())
            .filter(|&(j, _)| j != i && !pull_quotes.contains(&j))
            .map(|(_, p)| p.as_str())
            .collect();
        pullquote::is_box_attribution(&paragraphs[i], &body)
    };
    let attributions: Vec<usize> = (1..paragraphs.len())
        .filter(|&i| pull_quotes.contains(&(i - 1)) && attribution(i))
        .collect();
    paragraphs
        .into_iter()
        .enumerate()
        .filter_map(|(i, text)| {
            // A box's attribution set under it (`— Senior official`) is the box's: the
            // body says who spoke, and the pull-quote block shows the words alone.
            if attributions.contains(&i) {
                edits.push(Edit {
                    pass: "pullquote",
                    position: mapped[i].position_at(0),
                    before: text,
                    after: String::new(),
                    reason: "the attribution under a pull-quote box, not a paragraph".into(),
                    confidence: 0.8,
                });
                return None;
            }
            // A paragraph the raw text opened with a bullet is an item of a list.
            if let Some(item) = emit::list_item_text(&text) {
                edits.push(Edit {
                    pass: "structure",
                    position: mapped[i].position_at(0),
                    before: text.clone(),
                    after: format!("- {item}"),
                    reason: "a paragraph that opens with a bullet: an item of a list".into(),
                    confidence: 0.9,
                });
                return Some(BodyBlock::ListItem(item.to_string()));
            }
            Some(if pull_quotes.contains(&i) {
                edits.push(Edit {
                    pass: "pullquote",
                    position: mapped[i].position_at(0),
                    before: text.clone(),
                    after: format!("::: pullquote\n{text}\n:::"),
                    reason: "paragraph repeats words of the body: set as a pull-quote".into(),
                    confidence: 0.9,
                });
                BodyBlock::PullQuote(text)
            } else {
                BodyBlock::Paragraph(text)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::controls::is_stray_control;

    /// A bio read from the body's last paragraph is recorded as an edit like any other
    /// move (sixteen documents of the typical bench corpus had theirs moved silently):
    /// here page furniture stands between the body and the bio, and the line labels
    /// leave the bio to the last-paragraph reading.
    #[test]
    fn a_bio_taken_from_the_last_paragraph_is_recorded() {
        let raw = "ANALYSIS\n\nA quiet summit on the lake\n\nBy Omar Farooq and Lena Hoffmann\n\n\
            November 21, 2024\n\n\
            The finance ministers met by the lake last week to review lending rules.\n\n\
            A short paper proposed a common fund to cover the cost of sudden floods and\n\
            droughts in the poorest member states, and the largest economies signed it.\n\
            5\nThe Coastal Courier\n\n\
            The writers are correspondents who cover international finance and\n\
            development from Geneva and Frankfurt.\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let bio = "The writers are correspondents who cover international finance and \
                   development from Geneva and Frankfurt.";
        assert_eq!(cleaned.article.front.bio.as_deref(), Some(bio));
        assert!(
            cleaned
                .edits
                .iter()
                .any(|e| e.after == "[front matter: bio]" && e.before == bio),
            "{:#?}",
            cleaned.edits
        );
    }

    /// pypdf sets a Vietnamese letter with two marks apart from its word: joined before
    /// the structure is read, the byline reads as names (it was read as the end of the
    /// standfirst) and the headline's place name is whole.
    #[test]
    fn letters_set_apart_are_joined_before_the_byline_is_read() {
        let raw = "Food\nThe soup shop that tastes like Hà N ộ i\n\
            For thirty years, a family from the north has served the same soup to the same\n\
            neighbours in the east of the city. Now the children are taking over.\n\
            Ph ạ m Ng ọ c Lan and Felix Adler\n\
            Published 9 February 2023\n\
            The broth is the whole story, says the cook, lifting the lid of a steel pot so\n\
            large he could almost climb inside it. Everything else is decoration.\n\
            He has been making soup in the same small restaurant since 1994, when he came\n\
            to the city as a contract worker.\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let front = &cleaned.article.front;
        assert_eq!(front.title, "The soup shop that tastes like Hà Nội");
        assert_eq!(front.authors, ["Phạm Ngọc Lan", "Felix Adler"]);
    }

    /// PyMuPDF breaks a widely justified line at its wide spaces, each piece a line that
    /// ends with a space. A piece that ends a sentence would read as a paragraph's short
    /// last line; joined back, the paragraph stays whole.
    #[test]
    fn a_line_broken_at_its_wide_spaces_keeps_its_paragraph_whole() {
        let raw = "Council closes two recycling centres\n\
            By Helen Marsh | 12 March 2024\n\
            The county council voted on Tuesday to close two of its five\n\
            recycling centres from next spring, saying the savings would pay\n\
            for a weekly collection. \n\
            Residents \n\
            in \n\
            the\n\
            villages served by the two sites will have to drive up to 14 miles\n\
            to the nearest remaining centre, which opens four days a week.\n\
            The council said it had consulted on the plan for three months and\n\
            that most of those who answered had backed a weekly collection.\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let body = &cleaned.article.body;
        assert!(
            body.contains("for a weekly collection. Residents in the villages served"),
            "{body}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_article() {
        // They were written as `&#1;` in the body and `\u0007` in the front matter, for
        // the build to warn about on every run.
        let raw = "Harbour\u{7} news\n\nBy Ann\u{1b}[31m Lee\n\nThe council\u{7f} met on\u{1} Tuesday.\n\n\u{1}\u{2}\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let markdown = cleaned.article.to_markdown();
        assert!(!markdown.contains("&#"), "{markdown}");
        assert!(!markdown.contains("\\u"), "{markdown}");
        assert_eq!(
            markdown.chars().find(|&c| is_stray_control(c)),
            None,
            "{markdown}"
        );
        assert!(
            markdown.contains("The council met on Tuesday."),
            "{markdown}"
        );
        let edit = cleaned
            .edits
            .iter()
            .find(|e| e.reason.contains("control character"))
            .expect("an edit");
        assert_eq!(edit.position, Position::new(1, 8));
        assert!(edit.reason.starts_with("6 control"), "{}", edit.reason);
    }

    #[test]
    fn a_pull_quote_boxs_attribution_goes_with_the_box() {
        let raw = "Border crossing to reopen\n\nBy Jane Doe\n\n\
            The agreement came after two days of talks. \"Trade must never again be held hostage to politics,\" an official said.\n\n\
            \"Trade must never again be held hostage to politics\"\n\n\
            — Senior Pakistani official\n\n\
            Traders on both sides welcomed the news.\n\n\
            — and then, on Saturday, the first lorries moved.\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let body = &cleaned.article.body;
        assert!(body.contains("::: pullquote"), "{body}");
        assert!(!body.contains("Senior Pakistani official"), "{body}");
        // A dash that opens prose elsewhere stays.
        assert!(body.contains("— and then, on Saturday"), "{body}");
        assert!(cleaned
            .edits
            .iter()
            .any(|e| e.before == "— Senior Pakistani official" && e.after.is_empty()));
    }

    /// A web page's copy, one paragraph a line and no blank lines: a line that ends no
    /// sentence still ends its paragraph, and the name set under the pull-quote (someone
    /// the body quotes, in capitals, no dash) goes with the box.
    #[test]
    fn a_named_attribution_under_a_quote_in_a_web_pages_copy() {
        let raw = "Coastal towns brace for a wetter winter\n\
            Forecasters warn that the storms of last year may return.\n\
            By Jane Doe\n\
            12 January 2025\n\
            The harbour wall at Kettlebridge was meant to be finished by October. It is not, and the town council admits it will not be ready before the spring tides.\n\
            “We have done what we could with the money we had,” said the council’s engineer, Maren Holt. “But the sea does not wait for the budgets we set.”\n\
            “But the sea does not wait for the budgets we set.”\n\
            MAREN HOLT, council engineer\n\
            Residents who lost their homes two winters ago are watching the sky from their rented flats inland.\n\
            What the town can do\n\
            The national weather service expects rainfall to be a fifth above the average this season.\n";
        let cleaned =
            clean_text(raw.as_bytes(), Path::new("a.txt"), &WordContext::default()).unwrap();
        let body = &cleaned.article.body;
        assert!(body.contains("::: pullquote"), "{body}");
        assert!(!body.contains("MAREN HOLT"), "{body}");
        assert!(
            body.contains("\n\nResidents who lost their homes"),
            "{body}"
        );
        assert!(body.contains("\n\nWhat the town can do\n\n"), "{body}");
    }
}
