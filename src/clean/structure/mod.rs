//! Pass 3a, structure: every line of the page gets a label before any line is joined.
//!
//! Copy reaches us from very different software, and blank lines are a weak signal: a
//! browser's PDF through pdftotext puts the running head first and a blank line after the
//! drop cap, pypdf puts no blank line anywhere (and the drop cap at the very top), an
//! e-paper viewer gives every printed line its own line, a web page gives clean paragraphs
//! with the kicker, byline block and pull-quote box mixed in. So this pass reads the lines
//! themselves, each with its features ([`grammar`]: byline, date, role, footer, running
//! head; its set width against the column's, [`glyph_widths`]; how it ends and the next
//! begins; whether it repeats text printed elsewhere, [`repeats`]) and labels them:
//!
//! 1. **furniture** — page numbers, footers (`Paper | Page 3`), running heads (`Paper`
//!    and the issue date, on one line or two), wherever they fall, even once and
//!    mid-paragraph; and every other line that prints a paper name learnt from them;
//! 2. **masthead** — the byline/date block near the top (`By A | date`, `A, Staff
//!    Reporter`, a lone `|`, a role line, a date line); the lines above it split into
//!    kicker, headline and standfirst where a blank line, a change of case, a sentence's
//!    end or a line that left room for the next line's first word says a new field
//!    begins;
//! 3. **drop cap** — a lone capital letter, wherever the extractor put it, joined with
//!    the first body line;
//! 4. **bio** — the closing lines about the writer, found from the end (`The writer is`,
//!    even glued, or an author's own name followed by `is`), also when no blank line
//!    separates them from the last paragraph; every later paragraph of it must be about
//!    the writers too (another writer, how to reach them), or it was no bio;
//! 5. **pull-quote box** — a run of lines that repeats text printed elsewhere, starting
//!    like a sentence (or a clause in lower case, under a sentence's end and set apart
//!    by a blank line or narrower lines): cut out of the paragraph it landed in, and
//!    set as its own block after it (the pull-quote pass then marks it). A blank line
//!    ends a run, and a run that is two copies back to back splits between them, so the
//!    body's own copy of the quote is never taken with the box;
//! 6. **paragraphs** — body lines grouped at blank lines when the copy marks paragraphs
//!    with them, otherwise where a line that ends a sentence is short, or left room for
//!    the next line's first word, and the next line begins a sentence. Before that, a
//!    block pdftotext read out of column order (it starts mid-sentence after a block that
//!    ended one) is put back after the block that breaks off mid-sentence, and two
//!    columns it read in alternation block by block are put back one after the other
//!    (`reading_order`).
//!
//! After the layout pass has unwrapped the paragraphs, [`split_words`] joins words that
//! an extractor split at their hyphenation points (and, once names are restored,
//! [`split_unknown_words`] the pieces of words no list holds), [`punctuation_space`] puts back the
//! space a viewer lost after a comma or a full stop, and [`names`] restores names whose
//! letters were lost to spaces from the way the article prints them elsewhere (the
//! byline's first, so that its restored names mend the bio and body).
//!
//! The result keeps raw positions ([`MappedText`]): the body comes back as text with one
//! blank line between paragraphs, for [`super::layout`] to unwrap. When no byline or date
//! is found near the top this pass returns `None` and the block-based masthead reader
//! takes over.

pub mod browser_print;
pub mod dropped_hyphens;
pub mod foreign_words;
pub mod glyph_widths;
pub mod grammar;
pub mod name_keys;
pub mod names;
pub mod page_chrome;
pub mod punctuation_space;
mod reading_order;
pub mod repeats;
pub mod site_frame;
pub mod split_unknown_words;
pub mod split_words;

use chrono::NaiveDate;

use super::drop_cap::{continues_drop_cap, is_drop_cap, join_drop_cap};
use super::layout::{ends_sentence, ends_with_joining_word, is_page_number};
use super::mapped::MappedText;
use super::masthead::record_front_matter as record;
use super::vocabulary::Vocabulary;
use super::Edit;
use crate::diagnostic::Position;

/// What the lines of a page were found to be.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    pub kicker: Option<MappedText>,
    pub title: Option<MappedText>,
    pub subtitle: Option<MappedText>,
    pub authors: Vec<String>,
    pub date: Option<NaiveDate>,
    /// Body lines, paragraphs separated by one blank line (pull-quote boxes as their own).
    pub body: MappedText,
    pub bio: Option<MappedText>,
    /// Where the byline starts in the raw file.
    pub authors_at: Position,
    /// Where each pull-quote box the labels found starts in the raw file.
    pub boxes: Vec<Position>,
}

/// A line's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Blank,
    Furniture,
    Heading,
    Meta,
    DropCap,
    Body,
    PullQuote,
    Bio,
}

/// One line of the document: its trimmed byte range and label.
#[derive(Debug, Clone)]
struct PageLine {
    start: usize,
    end: usize,
    chars: usize,
    /// Its width set in proportional type, estimated ([`glyph_widths`]).
    width: u32,
    label: Label,
    /// A web page's chrome (`Advertisement`, a newsletter's promotion), labelled
    /// furniture: unlike a page number or a running head, which a PDF's extractor sets
    /// between blank lines wherever the page breaks, it hides no paragraph's end.
    chrome: bool,
}

/// How many body lines after a body that opens in lower case its drop cap may stand.
const DROP_CAP_REACH: usize = 40;

/// How many non-blank lines from the top the byline and date may be found in.
const META_REACH: usize = 24;

/// Labels the lines of `doc` and rebuilds it as masthead fields, body and bio.
pub fn read_structure(
    doc: &MappedText,
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> Option<Structure> {
    let text = doc.as_str();
    let mut lines = split_lines(text);
    let line_text = |l: &PageLine| &text[l.start..l.end];

    let mut papers = label_furniture(text, &mut lines);
    let mut structure = Structure::default();
    // The headings end at `meta_start` and the body starts at `meta_end`: round the
    // byline's block when the headline is above it, at the body's first line when the
    // headline is below it or there is no byline or date at all.
    let (meta_start, meta_end) = match find_meta(text, &mut lines, &mut papers) {
        Some((start, end, names_alone)) => {
            // Indices into the block's lines.
            let names_alone: Vec<usize> = names_alone
                .into_iter()
                .filter_map(|i| i.checked_sub(start))
                .collect();
            read_meta(doc, &mut lines[start..end], &names_alone, &mut structure);
            let above = (0..start).filter(|&i| lines[i].label == Label::Body);
            let headline_above = above.clone().count() > 2
                || above
                    .clone()
                    .any(|i| !reads_as_kicker(&text[lines[i].start..lines[i].end]));
            match (!headline_above)
                .then(|| body_after_headings(text, &lines, end))
                .flatten()
            {
                Some(body) => (body, body),
                None => (start, end),
            }
        }
        None => {
            let body = body_after_headings(text, &lines, 0)?;
            (body, body)
        }
    };
    // No byline above the body: a page set as a grid prints it in a rail beside the
    // columns, which extractors read after the columns it stands beside, mid-story.
    if structure.authors.is_empty() {
        if let Some((start, end)) = displaced_byline(text, &lines, meta_end) {
            read_meta(doc, &mut lines[start..end], &[], &mut structure);
        }
    }
    // Still none: some papers sign the story at its end (`— Jane Doe`, `JANE DOE`, `Jane
    // Doe` / `Staff Reporter`).
    if structure.authors.is_empty() {
        if let Some((start, authors)) = signed_at_the_end(text, &lines) {
            structure.authors_at = doc.position_at(lines[start].start);
            structure.authors = authors;
            for line in lines[start..].iter_mut().filter(|l| l.label == Label::Body) {
                line.label = Label::Meta;
            }
        }
    }
    if structure.date.is_none() {
        structure.date = papers.date;
    }
    // The story's first column above the byline (a grid page's rail, read after it):
    // the body's opening lines, from `lead_start` to the byline block.
    let lead_start = if meta_start < meta_end {
        body_above_byline(text, &lines, meta_start)
    } else {
        meta_start
    };
    let lead: Vec<usize> = (lead_start..meta_start)
        .filter(|&i| matches!(lines[i].label, Label::Body | Label::Blank))
        .collect();
    // Drop cap: a lone letter above the body (pypdf puts it first of all) or the body's
    // first line.
    let first_body = lead
        .iter()
        .copied()
        .chain(meta_end..lines.len())
        .find(|&i| lines[i].label == Label::Body);
    let cap = (0..meta_start)
        .chain(first_body)
        .find(|&i| lines[i].label != Label::Furniture && is_drop_cap(line_text(&lines[i])));
    // A body that opens in lower case (`rekkuvík has one road in`) lost its drop cap to
    // a later line: pdftotext puts the letter where its box sits on the page, after the
    // lines beside it, even after the paragraph it begins.
    let cap_after_opening = first_body
        .filter(|&f| cap.is_none() && continues_drop_cap(line_text(&lines[f])))
        .and_then(|f| {
            (f + 1..lines.len())
                .filter(|&i| lines[i].label == Label::Body)
                .take(DROP_CAP_REACH)
                .find(|&i| is_drop_cap(line_text(&lines[i])))
        });
    let mut joined_cap = None;
    if let Some(cap) = cap.or(cap_after_opening) {
        let next = match (cap_after_opening, first_body) {
            (Some(_), Some(first)) => Some(first),
            // A letter opening the lead above the byline: the lead's next line.
            _ if (lead_start..meta_start).contains(&cap) => {
                (cap + 1..meta_start).find(|&i| lines[i].label == Label::Body)
            }
            _ => (cap.max(meta_end - 1) + 1..lines.len())
                .find(|&i| lines[i].label == Label::Body && i != cap),
        };
        if let Some(next) = next.filter(|&n| continues_drop_cap(line_text(&lines[n]))) {
            let cap_text = slice(doc, &lines[cap]);
            let rest = slice(doc, &lines[next]);
            joined_cap = Some((next, join_drop_cap(&cap_text, &rest, vocabulary, edits)));
            lines[cap].label = Label::DropCap;
        }
    }
    // A number on its own line right after a heading line that ends with a joining word
    // (`… dies at` / `88`) is the headline's last word, not a page number.
    for i in 1..meta_start {
        let previous = &lines[i - 1];
        if lines[i].label == Label::Furniture
            && previous.label == Label::Body
            && is_page_number(line_text(&lines[i]))
            && ends_with_joining_word(line_text(previous))
        {
            lines[i].label = Label::Body;
        }
    }
    for line in lines[..lead_start].iter_mut() {
        if line.label == Label::Body {
            line.label = Label::Heading;
        }
    }
    let mut headings: Vec<usize> = (0..lead_start)
        .filter(|&i| lines[i].label == Label::Heading)
        .collect();
    // A box of bullets under the headline (`Key points:` and its items) is no standfirst:
    // it opens the body.
    let summary_box = headings.split_off(summary_box_start(text, &lines, &headings));
    for &i in &summary_box {
        lines[i].label = Label::Body;
    }

    assign_headings(doc, &lines, &headings, &mut structure, edits);
    // A standfirst printed under the byline block, over the drop cap that opens the body.
    if structure.subtitle.is_none()
        && structure.title.is_some()
        && meta_start < meta_end
        && lead.is_empty()
    {
        if let Some(run) = standfirst_under_byline(text, &lines, meta_end) {
            for &i in &run {
                lines[i].label = Label::Heading;
            }
            let s = field_text(doc, &lines, &run);
            record(edits, &s, "subtitle", "standfirst moved to front matter");
            structure.subtitle = Some(s);
        }
    }

    let body_lines = |lines: &[PageLine]| -> Vec<usize> {
        summary_box
            .iter()
            .chain(&lead)
            .copied()
            .chain(
                (meta_end..lines.len())
                    .filter(|&i| matches!(lines[i].label, Label::Body | Label::Blank)),
            )
            .collect()
    };
    let mut body = body_lines(&lines);
    let mut bio_from = find_bio(text, &lines, &body, &structure.authors, vocabulary);
    // A bio run into the last paragraph's line (`…heritage fund. Jane Doe is a reporter
    // covering city hall.`): that line is cut where the bio opens, and read again.
    if bio_from.is_none() {
        // The line the drop cap was joined to is built from that joined text, whole: it
        // is not cut (its bio would be printed twice).
        let cap_line = joined_cap.as_ref().map(|(at, _)| *at);
        let mut last_lines: Vec<usize> = body
            .iter()
            .rev()
            .filter(|&&i| lines[i].label == Label::Body)
            .take(RUN_IN_BIO_LINES)
            .take_while(|&&i| Some(i) != cap_line)
            .copied()
            .collect();
        last_lines.reverse();
        if let Some((line, at)) =
            run_in_bio_start(text, &lines, &last_lines, &structure.authors, vocabulary)
        {
            let whole = lines[line].clone();
            lines[line] = line_between(text, whole.start, at);
            lines.insert(line + 1, line_between(text, at, whole.end));
            body = body_lines(&lines);
            bio_from = find_bio(text, &lines, &body, &structure.authors, vocabulary);
            // Read as no bio after all (a paragraph of story follows it): the line is
            // put back whole, so the cut makes no paragraph break.
            if bio_from.is_none() {
                lines.remove(line + 1);
                lines[line] = whole;
                body = body_lines(&lines);
            }
        }
    }
    if let Some(from) = bio_from {
        let mut bio_lines: Vec<usize> = body[from..]
            .iter()
            .copied()
            .filter(|&i| lines[i].label == Label::Body)
            .collect();
        // A bio box headed by the writer's name alone (`Jane Doe` over `Jane Doe is a
        // reporter…`): the heading is the byline's name again, no part of the bio.
        if let [heading, first, ..] = bio_lines[..] {
            let heading_text = text[lines[heading].start..lines[heading].end].trim();
            let named = structure
                .authors
                .iter()
                .any(|a| a.to_lowercase() == heading_text.to_lowercase());
            if named && text[lines[first].start..lines[first].end].len() > heading_text.len() {
                lines[heading].label = Label::Meta;
                bio_lines.remove(0);
            }
        }
        for &i in &bio_lines {
            lines[i].label = Label::Bio;
        }
        let mut bio = field_text(doc, &lines, &bio_lines);
        // A site's label before it (`About the author:`) is no part of the bio.
        let label = page_chrome::bio_label_len(bio.as_str());
        if label > 0 {
            let mut unlabelled = MappedText::default();
            unlabelled.push_slice(&bio, label, bio.as_str().len());
            bio = unlabelled;
        }
        record(
            edits,
            &bio,
            "bio",
            "closing lines about the writer moved to the bio",
        );
        structure.bio = Some(bio);
    }
    // No bio at the end: a page set as a grid prints it in the rail, under the byline,
    // which extractors read before the body or between two of its paragraphs.
    if bio_from.is_none() && structure.bio.is_none() && !structure.authors.is_empty() {
        if let Some(run) = displaced_bio(text, &lines, &body, &structure.authors, vocabulary) {
            for &i in &run {
                lines[i].label = Label::Bio;
            }
            let bio = field_text(doc, &lines, &run);
            record(
                edits,
                &bio,
                "bio",
                "lines about the writer set apart from the story moved to the bio",
            );
            structure.bio = Some(bio);
            body = body_lines(&lines);
        }
    }
    let body = &body[..bio_from.unwrap_or(body.len())];
    record_dropped_lines(doc, &lines, edits);
    mark_pull_quote_boxes(text, &mut lines, body);
    let opening_box_end = summary_box.last().copied();
    structure.body = build_body(doc, &lines, body, joined_cap, opening_box_end, edits);
    structure.boxes = box_starts(doc, &lines, body);
    Some(structure)
}

/// Whether line `i` (a writer's name alone) heads a bio: the next line that is not blank
/// opens with the same name and goes on (`Jane Doe` / `Jane Doe covers the courts…`), or
/// opens a bio that names no one (`Jane Doe` / `The writer is…`). The bio's copy of the
/// name may have lost letters the heading kept (`Ioana Mărgineanu` / `Ioana M rgineanu
/// reports…`): compared by their ASCII letters, a lost letter's space and a letter
/// outside ASCII alike ([`name_keys::skeleton`]).
fn heads_its_bio(text: &str, lines: &[PageLine], i: usize) -> bool {
    let name = &text[lines[i].start..lines[i].end];
    lines[i + 1..]
        .iter()
        .find(|l| l.label != Label::Blank)
        .is_some_and(|l| {
            let next = &text[l.start..l.end];
            next.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(' '))
                || opens_unnamed_bio(next)
                || opens_with_damaged_copy(next, name)
        })
}

/// Whether `line` opens with a copy of `name` that lost letters to spaces and goes on
/// (`Ioana M rgineanu reports…` for `Ioana Mărgineanu`): the two agree letter for letter
/// where both print ASCII, the copy has a space or a letter outside ASCII wherever the
/// name has a letter outside ASCII, and a word follows.
fn opens_with_damaged_copy(line: &str, name: &str) -> bool {
    if name.is_ascii() || name.len() > 80 {
        return false;
    }
    let key = name_keys::skeleton(name);
    let words = name.split_whitespace().count();
    // The copy's first words, as many as the name's and one more for each piece a lost
    // letter split off.
    let opening: String = line
        .split_whitespace()
        .take(words + key.matches('_').count())
        .collect::<Vec<_>>()
        .join(" ");
    let copy = name_keys::skeleton(&opening);
    // A name that ends with a letter outside ASCII ends its key with the `_` a space
    // would give.
    copy.strip_prefix(key.as_str()).is_some_and(|rest| {
        if key.ends_with('_') {
            !rest.is_empty()
        } else {
            rest.starts_with('_') && rest.len() > 1
        }
    })
}

/// Records an edit for each line the labels take out of the text: page furniture
/// dropped, and the byline and date lines read into the front matter.
fn record_dropped_lines(doc: &MappedText, lines: &[PageLine], edits: &mut Vec<Edit>) {
    let text = doc.as_str();
    for line in lines {
        let (after, reason) = match line.label {
            Label::Furniture => (
                "",
                "page furniture dropped: a page number, running head or footer, or the \
                 buttons, labels, notices and captions a page prints around the article",
            ),
            Label::Meta => (
                "[front matter: authors and date]",
                "byline, role or date line read into the front matter",
            ),
            _ => continue,
        };
        edits.push(Edit {
            pass: "structure",
            position: doc.position_at(line.start),
            before: text[line.start..line.end].to_string(),
            after: after.to_string(),
            reason: reason.into(),
            confidence: 0.9,
        });
    }
}

fn split_lines(text: &str) -> Vec<PageLine> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut at = 0;
    for raw in text.split('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let start = at + lead;
        lines.push(PageLine {
            start,
            end: start + trimmed.len(),
            chars: trimmed.chars().count(),
            width: glyph_widths::line_width(trimmed),
            label: if trimmed.is_empty() {
                Label::Blank
            } else {
                Label::Body
            },
            chrome: false,
        });
        at += raw.len() + 1;
    }
    lines
}

/// A body line for `text[start..end]`, trimmed.
fn line_between(text: &str, start: usize, end: usize) -> PageLine {
    let raw = &text[start..end];
    let start = start + (raw.len() - raw.trim_start().len());
    let trimmed = raw.trim();
    PageLine {
        start,
        end: start + trimmed.len(),
        chars: trimmed.chars().count(),
        width: glyph_widths::line_width(trimmed),
        label: Label::Body,
        chrome: false,
    }
}

/// Words a sentence about the writer holds (`Jane Doe is a reporter…`, `…covers city
/// hall`), and a story's sentence that names them seldom does.
const ABOUT_THE_WRITER: &[&str] = &[
    "reporter",
    "correspondent",
    "journalist",
    "writer",
    "editor",
    "columnist",
    "contributor",
    "freelance",
    "photographer",
    "critic",
    "author of",
    " covers ",
    " writes ",
    " reports on ",
    " reports from ",
    "based in",
];

/// How many of the body's last lines a bio run into the last paragraph may open in.
const RUN_IN_BIO_LINES: usize = 5;

/// Where a bio run into the last paragraph opens, among the body's last lines
/// `last_lines`: the line and a byte offset into `text`. The first sentence end inside a
/// line after which the rest of the text, four to sixty words, opens as a bio does
/// ([`opens_bio`]: the writer's name or `The writer is`, a verb among the first words)
/// and says what the writer does or how to reach them, with no one quoted (`…, the mayor
/// said.`).
fn run_in_bio_start(
    text: &str,
    lines: &[PageLine],
    last_lines: &[usize],
    authors: &[String],
    vocabulary: &Vocabulary<'_>,
) -> Option<(usize, usize)> {
    last_lines.iter().enumerate().find_map(|(k, &i)| {
        let after: Vec<&str> = last_lines[k + 1..]
            .iter()
            .map(|&j| &text[lines[j].start..lines[j].end])
            .collect();
        bio_start_in_line(text, &lines[i], &after.join(" "), authors, vocabulary).map(|at| (i, at))
    })
}

/// [`run_in_bio_start`] for one line, `after` the text of the lines below it.
fn bio_start_in_line(
    text: &str,
    line: &PageLine,
    after: &str,
    authors: &[String],
    vocabulary: &Vocabulary<'_>,
) -> Option<usize> {
    let t = &text[line.start..line.end];
    // Only a line with a sentence's end inside it and a capital after it.
    let ends = t.match_indices(". ").map(|(at, _)| at + 2);
    for at in ends {
        let tail = &[&t[at..], after].join(" ");
        let tail = tail.trim_end();
        let words = tail.split_whitespace().count();
        if !(4..=60).contains(&words) || !tail.starts_with(char::is_uppercase) {
            continue;
        }
        let lower = tail.to_lowercase();
        let about_writer =
            tells_how_to_reach(tail) || ABOUT_THE_WRITER.iter().any(|w| lower.contains(w));
        let quotes =
            lower.contains(" said") || lower.contains(" says") || tail.contains(['“', '"']);
        // The name or role is the subject: a verb of the bio's among the first words
        // (`Jane Doe is…`, not `Jane Doe, a reporter, asked why`).
        let verb_follows = lower
            .split_whitespace()
            .take(5)
            .any(|w| BIO_ROLE_VERBS.contains(&w));
        if about_writer
            && verb_follows
            && !quotes
            && ends_sentence(t[..at].trim_end())
            && opens_bio(tail, authors, vocabulary)
        {
            return Some(line.start + at);
        }
    }
    None
}

fn slice(doc: &MappedText, line: &PageLine) -> MappedText {
    let mut out = MappedText::default();
    out.push_slice(doc, line.start, line.end);
    out
}

/// What the furniture said: the paper's names and the issue date.
#[derive(Debug, Default)]
struct Papers {
    names: Vec<String>,
    date: Option<NaiveDate>,
}

/// The running lines a browser prints around a web page it saves as PDF
/// ([`browser_print`]): the stamp of when it printed (alone, or with the page's title after
/// it, as pypdf gives it), the title on the line under a stamp alone when its words open a
/// heading below, that title again wherever a page breaks, and the page's address with the
/// sheet's count. Asked only of a copy with a stamp or an address line with a count.
fn label_browser_running_lines(text: &str, lines: &mut [PageLine]) {
    let line_text = |l: &PageLine| &text[l.start..l.end];
    let stamped: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].label == Label::Body
                && browser_print::print_stamp_len(line_text(&lines[i])).is_some()
        })
        .collect();
    let addressed = || {
        lines.iter().any(|l| {
            let t = line_text(l);
            l.label == Label::Body
                && browser_print::is_address_line(t)
                && t.split_whitespace().count() > 1
        })
    };
    if stamped.is_empty() && !addressed() {
        return;
    }
    let mut titles: Vec<&str> = Vec::new();
    for &i in &stamped {
        lines[i].label = Label::Furniture;
        let t = line_text(&lines[i]);
        let stamp = browser_print::print_stamp_len(t).unwrap_or(t.len());
        if !t[stamp..].trim().is_empty() {
            continue;
        }
        let mut after = (i + 1..lines.len()).filter(|&j| lines[j].label == Label::Body);
        let Some(title_at) = after.next() else {
            continue;
        };
        let title = line_text(&lines[title_at]);
        let below = after.take(12).map(|j| line_text(&lines[j]));
        // An extractor that draws the sheet's head last puts it after the story: then
        // the headline is at the copy's top.
        let top = lines
            .iter()
            .filter(|l| l.label == Label::Body)
            .take(12)
            .map(line_text);
        if titles.contains(&title)
            || browser_print::names_the_story(title, below)
            || (i > lines.len() / 2 && browser_print::names_the_story(title, top))
        {
            lines[title_at].label = Label::Furniture;
            titles.push(title);
        }
    }
    for line in lines.iter_mut().filter(|l| l.label == Label::Body) {
        let t = &text[line.start..line.end];
        if titles.contains(&t) || browser_print::is_address_line(t) {
            line.label = Label::Furniture;
        }
    }
}

/// How many non-blank lines from the top and the foot a site's cookie notice may stand in.
const COOKIE_NOTICE_REACH: usize = 12;

/// The frame a news site prints around every page, copied with the story when the whole
/// page was selected ([`site_frame`]): its menu and top bar (a line of labels, or three
/// labels or more one to a line), a cookie notice near the top or the foot, the copyright
/// line, and the site's name just above its menu. Labelled chrome.
fn label_site_frame(text: &str, lines: &mut [PageLine]) {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].label != Label::Blank)
        .collect();
    let near_an_edge =
        |n: usize| n < COOKIE_NOTICE_REACH || n + COOKIE_NOTICE_REACH >= content.len();
    let mut framed = vec![false; lines.len()];
    // Each line's shape as a menu, read once for both questions below.
    let menus: Vec<site_frame::MenuShape> = content
        .iter()
        .map(|&i| match lines[i].label {
            Label::Body => site_frame::menu_shape(&text[lines[i].start..lines[i].end]),
            _ => site_frame::MenuShape::default(),
        })
        .collect();
    let mut under_cookie_notice = 0;
    for (n, &i) in content.iter().enumerate() {
        let t = &text[lines[i].start..lines[i].end];
        let cookie_notice = near_an_edge(n) && site_frame::is_cookie_notice(t);
        // The notice's buttons, under it (`OK`, `Got it`, `AcceptReject`).
        let button = under_cookie_notice > 0 && site_frame::is_cookie_button(t);
        framed[i] = lines[i].label == Label::Body
            && (menus[n].line || site_frame::is_copyright_line(t) || cookie_notice || button);
        under_cookie_notice = if cookie_notice {
            2
        } else if button {
            under_cookie_notice - 1
        } else {
            0
        };
    }
    // A menu set one label to a line: three such lines in a row or more.
    let mut n = 0;
    while n < content.len() {
        let run = (n..content.len()).take_while(|&k| menus[k].item).count();
        if run >= 3 {
            for &i in &content[n..n + run] {
                framed[i] = true;
            }
        }
        n += run.max(1);
    }
    // The site's name over its menu or bar (`The Civic Post` / `Home News World…`).
    for n in 1..content.len().min(COOKIE_NOTICE_REACH) {
        let (above, i) = (content[n - 1], content[n]);
        let name = &text[lines[above].start..lines[above].end];
        if framed[i]
            && !framed[above]
            && lines[above].label == Label::Body
            && name.split_whitespace().count() <= 5
            && names_a_paper(name)
        {
            framed[above] = true;
        }
    }
    for (line, framed) in lines.iter_mut().zip(framed) {
        if framed {
            line.label = Label::Furniture;
            line.chrome = true;
        }
    }
}

/// Labels page numbers, footers and running heads as furniture.
fn label_furniture(text: &str, lines: &mut [PageLine]) -> Papers {
    let mut papers = Papers::default();
    for i in 0..lines.len() {
        // A line that finishes the last name of the byline above it (`By Jane Doe and
        // John` / `Smith|May 3, 2024`) is no folio.
        let finishes_byline = |t: &str| {
            i.checked_sub(1).is_some_and(|p| {
                let above = &text[lines[p].start..lines[p].end];
                lines[p].label == Label::Body
                    && grammar::opens_with_by(above)
                    && grammar::byline(above).is_some_and(|alone| {
                        grammar::byline_over_lines(above, [Some(t), None]).is_some_and(
                            |(read, taken)| {
                                taken == 1 && grammar::last_name_finished(&alone, &read)
                            },
                        )
                    })
            })
        };
        let t = &text[lines[i].start..lines[i].end];
        if lines[i].label != Label::Body {
            continue;
        }
        let folio = grammar::folio(t);
        let finishes_byline = folio.is_some() && finishes_byline(t);
        // A date's line wrapped in a narrow rail (`Published Wednesday 29` / `January
        // 2020`) is the article's date, read with the byline, not a page's label.
        let next = lines
            .get(i + 1)
            .filter(|l| l.label == Label::Body)
            .map(|l| &text[l.start..l.end]);
        if !is_page_number(t) && date_wrapped(t, next).is_some() {
            continue;
        }
        let line = &mut lines[i];
        if is_page_number(t) {
            line.label = Label::Furniture;
        } else if page_chrome::is_page_chrome(t) {
            line.label = Label::Furniture;
            line.chrome = true;
        } else if grammar::is_footer(t) {
            line.label = Label::Furniture;
            for part in t.split(['|', '·', '•']).map(str::trim) {
                if !is_page_number(part) && !part.is_empty() {
                    papers.names.push(part.to_lowercase());
                }
            }
        } else if let Some(folio) = folio {
            if grammar::byline(t).is_none() && !finishes_byline {
                line.label = Label::Furniture;
                papers.names.extend(folio.name.map(|n| n.to_lowercase()));
                papers.date = papers.date.or(folio.date);
            }
        } else if is_section_folio(t) {
            line.label = Label::Furniture;
        } else if t.len() <= 80
            && crate::clean::masthead::has_four_digit_run(t.as_bytes())
            && names_a_paper(t)
            && is_dated_running_head(t)
            && grammar::byline(t).is_none()
        {
            // A page's running head where the viewer's next page begins, mid-body
            // (`THE DAILY NEWS, FRIDAY, MAY 3, 2024`).
            line.label = Label::Furniture;
            papers.date = papers
                .date
                .or_else(|| t.split(['|', '·', '•']).find_map(grammar::date_line));
        }
    }
    label_browser_running_lines(text, lines);
    label_site_frame(text, lines);
    label_marked_blocks(text, lines);
    label_newsletter_pitches(text, lines);
    label_jump_keywords(text, lines);
    // A photo's caption that ends with its agency's name and no label stands alone: after
    // a blank line or a sentence's end, before a blank line or a new sentence. A byline
    // that credits the agency after its writer (`By Jane Doe, Reuters`) is no caption.
    for i in 0..lines.len() {
        if lines[i].label != Label::Body
            || !page_chrome::ends_with_agency_credit(&text[lines[i].start..lines[i].end])
            || grammar::byline(&text[lines[i].start..lines[i].end]).is_some()
        {
            continue;
        }
        let before = i.checked_sub(1).map(|j| &lines[j]);
        let after = lines.get(i + 1);
        // After the byline or the date line, too (a web page's picture under them).
        let opens_alone = before.is_none_or(|l| {
            let t = &text[l.start..l.end];
            l.label == Label::Blank
                || crate::clean::layout::ends_sentence(t)
                || grammar::date_line(t).is_some()
                || grammar::byline(t).is_some()
        });
        let closes_alone = after.is_none_or(|l| {
            l.label == Label::Blank
                || text[l.start..l.end]
                    .starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'))
        });
        if opens_alone && closes_alone {
            lines[i].label = Label::Furniture;
        }
    }
    // A short line that is not prose and is printed more than once: a running head or
    // footer, even when only two pages were copied.
    // Each repeated line's key (its letters lowercased, digits dropped) -> the lines that
    // print it.
    let mut prints: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_ascii_digit())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // One word is a running head only standing alone between blank lines (`News` over a
    // later page); inside a paragraph it is the prose's.
    let alone = |i: usize| {
        let blank = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.label == Label::Blank)
        };
        blank(i.checked_sub(1)) && blank(Some(i + 1))
    };
    let repeat_candidate = |i: usize, t: &str| {
        t.chars().count() <= 70
            && (t.split_whitespace().nth(1).is_some() || alone(i))
            && !ends_sentence(t)
            && !t.ends_with([',', ';'])
            && !ends_with_joining_word(t)
            && t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .filter(|&i| repeat_candidate(i, &text[lines[i].start..lines[i].end]))
        .collect();
    // Above the first line of prose a lone word may be the kicker, whatever repeats it.
    let prose_from = (0..lines.len())
        .find(|&i| {
            lines[i].label == Label::Body
                && text[lines[i].start..lines[i].end]
                    .split_whitespace()
                    .nth(5)
                    .is_some()
        })
        .unwrap_or(lines.len());
    // A line printed again right under itself (a web page's writer's name under their
    // picture's, `Jane Doe` / `Jane Doe`) is one line printed twice, no running head: the
    // copy is dropped and counts once.
    // Above the prose, a running head's section printed again as the kicker just under
    // it, in other capitals (`Water diplomacy`, blank, `WATER DIPLOMACY`, the headline),
    // is one label printed twice too: the first print is the running head's, the second
    // stays for the kicker, however often later pages' running heads repeat the section.
    let mut twice_in_a_row = Vec::new();
    let mut reprinted_as_kicker = Vec::new();
    for &i in &candidates {
        let t = &text[lines[i].start..lines[i].end];
        if i > 0
            && lines[i - 1].label == Label::Body
            && text[lines[i - 1].start..lines[i - 1].end] == *t
        {
            twice_in_a_row.push(i);
            continue;
        }
        let above = (0..i)
            .rev()
            .find(|&j| lines[j].label != Label::Blank)
            .filter(|j| candidates.contains(j));
        if let Some(above) = above {
            let above_text = &text[lines[above].start..lines[above].end];
            if i < prose_from && above_text != t && key(above_text) == key(t) {
                twice_in_a_row.push(above);
                reprinted_as_kicker.push(i);
                continue;
            }
            // A writer's name under their picture and again over their role, a blank line
            // between (`Jane Doe`, blank, `Jane Doe` / `Staff Reporter`): one name printed
            // twice, read once, with the role under it.
            if above_text == t && grammar::are_names_alone(t) {
                twice_in_a_row.push(above);
                prints.entry(key(t)).or_default().retain(|&j| j != above);
                continue;
            }
        }
        prints.entry(key(t)).or_default().push(i);
    }
    for &i in &twice_in_a_row {
        lines[i].label = Label::Furniture;
    }
    for &i in &candidates {
        let t = &text[lines[i].start..lines[i].end];
        if (i < prose_from && t.split_whitespace().nth(1).is_none())
            || lines[i].label != Label::Body
            || reprinted_as_kicker.contains(&i)
        {
            continue;
        }
        // A writer's role is printed under each of several writers' names (`Staff
        // Writer`): asked only of the lines that repeat.
        let printed = prints.get(&key(t)).map_or(&[][..], Vec::as_slice);
        // A web page prints the writer's name in the byline and again as the heading
        // over the bio (`Jane Doe` / `Jane Doe covers the courts…`): the byline stays,
        // the heading goes.
        if printed.len() == 2 && grammar::are_names_alone(t) {
            if let Some(&heading) = printed.iter().find(|&&j| heads_its_bio(text, lines, j)) {
                lines[heading].label = Label::Furniture;
                continue;
            }
        }
        if printed.len() >= 2
            && !(grammar::is_role_line(t) && grammar::names_a_job(t))
            && !repeats_its_sentence(text, lines, printed, i)
        {
            lines[i].label = Label::Furniture;
            papers.date = papers.date.or(grammar::date_line(t));
        }
    }
    // A running head over two lines at the top: the paper's name and the issue date,
    // either way round, with the article's own byline or date still to come.
    let top: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .take(3)
        .collect();
    if let [first, second, next] = top[..] {
        // The date first only above a line that reads as a paper's name, of two words or
        // more, no section's, ending as papers' names do: under a date the kicker may
        // stand (`Agriculture`, `CITY`, `DIPLOMATIC IMPASSE`).
        let second_text = &text[lines[second].start..lines[second].end];
        let first_is_date = grammar::date_line(&text[lines[first].start..lines[first].end])
            .is_some()
            && grammar::date_line(second_text).is_none()
            && second_text.split_whitespace().nth(1).is_some()
            && section_of_kicker(second_text).is_none()
            && is_paper_name(second_text);
        let (name, date) = if first_is_date {
            (second, first)
        } else {
            (first, second)
        };
        let name_text = &text[lines[name].start..lines[name].end];
        let date_text = &text[lines[date].start..lines[date].end];
        let later_meta = lines[next..]
            .iter()
            .filter(|l| l.label == Label::Body)
            .take(META_REACH)
            .any(|l| is_meta(&text[l.start..l.end]));
        if let Some(d) = grammar::date_line(date_text) {
            if grammar::is_short_name(name_text) && later_meta {
                lines[name].label = Label::Furniture;
                lines[date].label = Label::Furniture;
                papers.names.push(name_text.to_lowercase());
                papers.date = papers.date.or(Some(d));
            }
        }
    }
    label_running_head_on_top(text, lines, &mut papers);
    if !papers.names.is_empty() {
        for line in lines.iter_mut().filter(|l| l.label == Label::Body) {
            let t = text[line.start..line.end].to_lowercase();
            if papers.names.contains(&t) || names_paper_and_label(&t, &papers.names) {
                line.label = Label::Furniture;
            }
        }
    }
    label_head_lines_printed_last(text, lines);
    label_running_head_printed_last(text, lines);
    papers
}

/// The most lines of a page's head an extractor may print after the story.
const HEAD_LINES_PRINTED_LAST: usize = 3;

/// A page's head printed after its text, a line to each part (PyMuPDF draws a running
/// head last: the story, the bio, then `The Morning Ledger` / `Sunday, March 5, 2023` /
/// the folio). Walking up from the copy's end over furniture (and lines other labels
/// took), up to `HEAD_LINES_PRINTED_LAST` body lines that are each a date alone, the
/// paper's name alone, or both, are furniture when the body line above them ends a
/// sentence or on the writer's handle: the story and its bio are over, and a date
/// standing there dates nothing.
fn label_head_lines_printed_last(text: &str, lines: &mut [PageLine]) {
    let mut head: Vec<usize> = Vec::new();
    let mut story_ended = false;
    let content = (0..lines.len())
        .rev()
        .filter(|&i| lines[i].label != Label::Blank)
        .skip_while(|&i| lines[i].label == Label::Furniture);
    for i in content {
        let t = text[lines[i].start..lines[i].end].trim();
        let body = lines[i].label == Label::Body;
        let is_head_line = !body
            || grammar::date_line(t).is_some()
            || is_paper_name(t)
            || is_dated_running_head(t);
        if !is_head_line || head.len() == HEAD_LINES_PRINTED_LAST {
            // A bio may end on how to reach the writer (`She tweets at @handle`).
            story_ended = body && (ends_sentence(t) || tells_how_to_reach(t));
            break;
        }
        if body {
            head.push(i);
        }
    }
    if story_ended {
        for k in head {
            lines[k].label = Label::Furniture;
        }
    }
}

/// Whether the line `i`, one of the lines `printed` that print the same words, is
/// repeated prose rather than a running head: a sentence goes on below it in lower case
/// (`Choro, a largely` / `instrumental style…`) and another print of it goes on with the
/// same words. A pull-quote box repeats a line of the body so, wrapped alike at its
/// start; a running head or a footer is followed by whatever the page holds next,
/// different on every page, and often stands under the page's folio.
fn repeats_its_sentence(text: &str, lines: &[PageLine], printed: &[usize], i: usize) -> bool {
    let going_on = |at: usize| -> Option<Vec<&str>> {
        let next = lines[at + 1..].iter().find(|l| l.label != Label::Blank)?;
        let words: Vec<&str> = text[next.start..next.end]
            .split_whitespace()
            .take(2)
            .collect();
        words
            .first()
            .is_some_and(|w| w.starts_with(char::is_lowercase))
            .then_some(words)
    };
    // Beside a folio (`Page 5` just above), the line is the page's head whatever follows.
    let by_folio = |at: usize| {
        lines[..at]
            .iter()
            .rev()
            .find(|l| l.label != Label::Blank)
            .is_some_and(|l| l.label == Label::Furniture)
    };
    let Some(words) = going_on(i).filter(|_| !by_folio(i)) else {
        return false;
    };
    printed
        .iter()
        .any(|&other| other != i && going_on(other).as_ref() == Some(&words))
}

/// A viewer's running head on one line above everything: the issue date and the paper's
/// name (`9 May 2020 | Coastal Daily`), or the paper's name alone (`The Plain
/// Dealer-Review`, `MORNING STAR`), with a heading after it and the article's byline or
/// date still to come.
fn label_running_head_on_top(text: &str, lines: &mut [PageLine], papers: &mut Papers) {
    let mut body = (0..lines.len()).filter(|&i| lines[i].label == Label::Body);
    let (Some(first), Some(next)) = (body.next(), body.next()) else {
        return;
    };
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];
    // A date repeated under the byline may already be furniture: it still counts.
    let later_meta = lines[next..]
        .iter()
        .filter(|l| l.label != Label::Blank)
        .take(META_REACH)
        .any(|l| is_meta(&text[l.start..l.end]));
    let heading_after = line_text(next).starts_with(char::is_uppercase);
    let t = line_text(first);
    let is_head = is_dated_running_head(t) || is_paper_name(t);
    if is_head && later_meta && heading_after {
        lines[first].label = Label::Furniture;
        papers.date = papers
            .date
            .or_else(|| t.split(['|', '·', '•']).find_map(grammar::date_line));
    }
}

/// Whether `line` (lower case) is a paper's name with a short label before or after it,
/// as running heads print the section: `the plain dealer-review news`, `culture · morning
/// star`.
fn names_paper_and_label(line: &str, names: &[String]) -> bool {
    names.iter().any(|name| {
        let rest = line
            .strip_prefix(name.as_str())
            .or_else(|| line.strip_suffix(name.as_str()));
        rest.is_some_and(|rest| {
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || "|·•–—-".contains(c));
            !rest.is_empty()
                && rest.split_whitespace().count() <= 3
                && rest
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '&')
        })
    })
}

/// A running head an extractor printed last, after the body and bio, just before the
/// page's folio: a short line, no sentence, opening with two words in capitals (the
/// paper's name: `VALLEY RECORD Books`, then `Page 1 of 1`).
///
/// With no folio after it, the last line is such a head only when the words after its
/// capitals name the kicker printed at the top (`VALLEY RECORD Science` under `SCIENCE`).
fn label_running_head_printed_last(text: &str, lines: &mut [PageLine]) {
    let mut content = (0..lines.len())
        .rev()
        .filter(|&i| lines[i].label != Label::Blank);
    let (Some(last), Some(before)) = (content.next(), content.next()) else {
        return;
    };
    let in_capitals = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let shaped = |t: &str| {
        let words: Vec<&str> = t.split_whitespace().collect();
        (2..=6).contains(&words.len())
            && words.iter().take(2).all(in_capitals)
            && !ends_sentence(t)
            && !t.contains(['@', ',', ':'])
    };
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];
    if lines[last].label == Label::Furniture && lines[before].label == Label::Body {
        if shaped(line_text(before)) {
            lines[before].label = Label::Furniture;
        }
        return;
    }
    if lines[last].label != Label::Body {
        return;
    }
    // Set apart from the story: after its last sentence, or after a blank line (a bio
    // may end on an address: `…reached at` / `jane@example.com`).
    let printed_alone = ends_sentence(line_text(before).trim_end())
        || lines[before + 1..last]
            .iter()
            .any(|l| l.label == Label::Blank);
    if is_dated_running_head(line_text(last)) || (printed_alone && is_paper_name(line_text(last))) {
        lines[last].label = Label::Furniture;
        return;
    }
    if !shaped(line_text(last)) {
        return;
    }
    let t = line_text(last);
    let label = t
        .split_whitespace()
        .skip_while(|w| in_capitals(w))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let names_the_kicker = !label.is_empty()
        && (0..lines.len())
            .filter(|&i| lines[i].label == Label::Body && i != last)
            .take(6)
            .any(|i| line_text(i).to_lowercase() == label);
    if names_the_kicker {
        lines[last].label = Label::Furniture;
    }
}

/// The words newspapers' names end with (`The Lakeside Observer`, `MORNING STAR`,
/// `Daily Ledger`): a lexicon of the trade's naming, not of any one paper. Sorted.
const PAPER_NAME_HEADS: &[&str] = &[
    "advertiser",
    "argus",
    "bulletin",
    "chronicle",
    "courant",
    "courier",
    "daily",
    "dispatch",
    "echo",
    "enquirer",
    "examiner",
    "express",
    "gazette",
    "globe",
    "guardian",
    "herald",
    "independent",
    "inquirer",
    "journal",
    "leader",
    "ledger",
    "mail",
    "mercury",
    "mirror",
    "monitor",
    "news",
    "observer",
    "post",
    "press",
    "record",
    "register",
    "review",
    "sentinel",
    "standard",
    "star",
    "statesman",
    "sun",
    "telegraph",
    "times",
    "tribune",
    "weekly",
];

/// A site's block under a marker (a newsletter's promotion between its skip markers, a
/// list of topics under `Explore more on these topics`, other stories' headlines under
/// `Related stories`) labelled furniture, line by line,
/// as a web page's chrome. Only lines that open like a marker are asked.
fn label_marked_blocks(text: &str, lines: &mut [PageLine]) {
    let mut i = 0;
    while i < lines.len() {
        let from = i;
        i += 1;
        let t = &text[lines[from].start..lines[from].end];
        if lines[from].label == Label::Blank || !page_chrome::opens_marked_block(t) {
            continue;
        }
        let block: Vec<&str> = lines[from..]
            .iter()
            .take_while(|l| l.label != Label::Blank)
            .take(16)
            .map(|l| text[l.start..l.end].trim())
            .collect();
        let marked = page_chrome::block_after_marker(&block);
        for line in &mut lines[from..from + marked] {
            line.label = Label::Furniture;
            line.chrome = true;
        }
        i = from + marked.max(1);
    }
}

/// The pitch and form under a newsletter's sign-up line (`Get the week's stories
/// delivered to your inbox every Friday.`), blank lines between or not, labelled
/// furniture like the sign-up: at most [`MOST_PITCH_LINES`] lines, each in a promotion's
/// words.
fn label_newsletter_pitches(text: &str, lines: &mut [PageLine]) {
    for i in 0..lines.len() {
        let t = text[lines[i].start..lines[i].end].trim();
        if !lines[i].chrome || !page_chrome::signs_up(t) {
            continue;
        }
        let under: Vec<usize> = (i + 1..lines.len())
            .filter(|&j| lines[j].label != Label::Blank)
            .take(MOST_PITCH_LINES)
            .collect();
        for j in under {
            let t = &text[lines[j].start..lines[j].end];
            if lines[j].label != Label::Body || !page_chrome::is_newsletter_pitch(t) {
                break;
            }
            lines[j].label = Label::Furniture;
            lines[j].chrome = true;
        }
    }
}

/// The most lines of a newsletter's pitch under its sign-up line.
const MOST_PITCH_LINES: usize = 3;

/// A jump's keyword printed on its own line over `From Page 1` (`BRIDGE`), one to three
/// words in capitals, labelled furniture like the jump line under it.
fn label_jump_keywords(text: &str, lines: &mut [PageLine]) {
    for i in 1..lines.len() {
        let t = &text[lines[i].start..lines[i].end];
        if lines[i].label != Label::Furniture || !page_chrome::is_jump_from(t) {
            continue;
        }
        let Some(j) = (0..i).rev().find(|&j| lines[j].label != Label::Blank) else {
            continue;
        };
        let keyword = &text[lines[j].start..lines[j].end];
        let words = keyword.split_whitespace().count();
        if lines[j].label == Label::Body && (1..=3).contains(&words) && shouts(keyword) {
            lines[j].label = Label::Furniture;
        }
    }
}

/// A line that is a newspaper's name alone: two to five words, each capitalised or in
/// capitals (`of`, `the` and `and` aside), no digit or sentence mark, the last a word
/// newspapers' names end with ([`PAPER_NAME_HEADS`]).
fn is_paper_name(line: &str) -> bool {
    // Asked of many lines near the top: the last word first, before anything is collected.
    let head = |w: &str| w.rsplit('-').next().unwrap_or(w).to_ascii_lowercase();
    let ends_like_a_paper = line.split_whitespace().next_back().is_some_and(|w| {
        w.len() <= 32 && PAPER_NAME_HEADS.binary_search(&head(w).as_str()).is_ok()
    });
    if !ends_like_a_paper {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let shaped = (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            (w.starts_with(char::is_uppercase) || matches!(*w, "of" | "the" | "and"))
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '’' | '\'' | '-'))
        });
    shaped
}

/// A running head of the issue date and the paper's name on one line, either way round
/// (`29 January 2020 MORNING STAR`, `The Lakeside Observer 13 January 2026`): a date,
/// then two to five words each capitalised (`of`, `the` and `and` aside) with no
/// sentence mark among them. An extractor that reads a page's head after its text
/// leaves it as the article's last line.
fn is_dated_running_head(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| !matches!(*w, "|" | "·" | "•" | "—" | "–" | ","))
        .map(|w| w.strip_suffix(',').unwrap_or(w))
        .collect();
    let paper = |words: &[&str]| {
        (2..=5).contains(&words.len())
            && words.iter().any(|w| w.starts_with(char::is_uppercase))
            && words.iter().all(|w| {
                (w.starts_with(char::is_uppercase) || matches!(*w, "of" | "the" | "and"))
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '’' || c == '\'')
            })
    };
    (2..=5).filter(|&n| n < words.len()).any(|n| {
        let (head, tail) = words.split_at(n);
        let (front, back) = words.split_at(words.len() - n);
        (grammar::date_line(&head.join(" ")).is_some() && paper(tail))
            || (grammar::date_line(&back.join(" ")).is_some() && paper(front))
    })
}

/// Whether a word of `line` is one newspapers' names are made of ([`PAPER_NAME_HEADS`]).
fn names_a_paper(line: &str) -> bool {
    line.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        w.len() >= 3
            && w.is_ascii()
            && PAPER_NAME_HEADS
                .binary_search(&w.to_ascii_lowercase().as_str())
                .is_ok()
    })
}

fn is_meta(line: &str) -> bool {
    is_meta_with(line, grammar::byline(line).is_some())
}

/// [`is_meta`] for a line whose byline reading (`byline`) is already known.
fn is_meta_with(line: &str, byline: bool) -> bool {
    grammar::is_bar(line) || byline || grammar::date_line(line).is_some()
}

/// The byline/date block near the top: `(first line, one past the last line)`.
///
/// A date alone at the very top, above every heading, with a byline block further down,
/// is the running head's issue date (the paper's name beside it may have been printed on
/// its own line and already labelled): it is labelled furniture and the byline's block
/// is the one returned.
fn find_meta(
    text: &str,
    lines: &mut [PageLine],
    papers: &mut Papers,
) -> Option<(usize, usize, Vec<usize>)> {
    let MetaBlocks {
        blocks,
        names_alone,
    } = meta_blocks(text, lines);
    let (first_start, first_end, first_has_byline) = *blocks.first()?;
    // Only a kicker or a breadcrumb over the date (`Business › Markets` / `May 3, 2024`)
    // is no headline either: the date is printed above the headline there.
    let above: Vec<&str> = lines[..first_start]
        .iter()
        .filter(|l| l.label == Label::Body)
        .map(|l| &text[l.start..l.end])
        .collect();
    let at_top = above.len() <= 2 && above.iter().all(|l| reads_as_kicker(l));
    if !first_has_byline && at_top {
        let issue_date = |lines: &mut [PageLine], papers: &mut Papers| {
            for line in &mut lines[first_start..first_end] {
                if line.label == Label::Body {
                    papers.date = papers
                        .date
                        .or(grammar::date_line(&text[line.start..line.end]));
                    line.label = Label::Furniture;
                }
            }
        };
        // The paper's name right under the date (`Saturday, May 30, 2020` / `The
        // Lakeside Observer`): the page's nameplate, date and name both furniture.
        let nameplate = lines[first_end..]
            .iter()
            .position(|l| l.label == Label::Body)
            .map(|n| first_end + n)
            .filter(|&n| is_paper_name(&text[lines[n].start..lines[n].end]));
        if let Some(n) = nameplate {
            lines[n].label = Label::Furniture;
            papers
                .names
                .push(text[lines[n].start..lines[n].end].to_lowercase());
        }
        if let Some(&(start, end, _)) = blocks[1..].iter().find(|b| b.2) {
            issue_date(lines, papers);
            return Some((start, end, names_alone));
        }
        // No byline under it: the headings and the body follow the nameplate.
        if nameplate.is_some() {
            issue_date(lines, papers);
            return None;
        }
    }
    Some((first_start, first_end, names_alone))
}

/// The runs of byline/date lines among the first [`META_REACH`] body lines, and the
/// lines among them read as names alone.
fn meta_blocks(text: &str, lines: &[PageLine]) -> MetaBlocks {
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .take(META_REACH)
        .collect();
    let mut names_alone = Vec::new();
    let mut blocks = Vec::new();
    let mut current: Option<(usize, usize, bool)> = None;
    // How many lines to come a byline wrapped onto.
    let mut wrapped_left = 0usize;
    // Whether the line above began a date that this line ends.
    let mut date_wrap_left = false;
    for (k, &i) in candidates.iter().enumerate() {
        let t = &text[lines[i].start..lines[i].end];
        let next = candidates
            .get(k + 1)
            .map(|&n| &text[lines[n].start..lines[n].end]);
        let previous = k
            .checked_sub(1)
            .map(|p| &text[lines[candidates[p]].start..lines[candidates[p]].end]);
        let after_next = candidates
            .get(k + 2)
            .map(|&n| &text[lines[n].start..lines[n].end]);
        // Names alone on their line (maybe with where the story was filed from) under a
        // heading line and over a blank line, or over the writer's address.
        let blank_below = lines[i + 1..]
            .iter()
            .find(|l| l.label != Label::Furniture)
            .is_none_or(|l| l.label == Label::Blank);
        // So are names over the body's drop cap, or over where the story was filed from
        // (`ANDRÉS GÁLVEZ` / `VALENCIA` / `T` / `he city council…`), in copy with no
        // blank lines.
        let lone_names = previous.is_some()
            && (blank_below
                || next.is_some_and(|n| {
                    grammar::is_contact_line(n)
                        || grammar::is_bar(n)
                        || is_drop_cap(n)
                        || is_place_line(n)
                }))
            && grammar::names_alone_placed(t).is_some();
        // A writer's name over a co-writer's over the date, each on its line.
        let over_co_writer = k > 0
            && grammar::are_names_alone(t)
            && next.is_some_and(|n| grammar::is_name_before_date(n, after_next));
        // Names alone under the date's line of the byline block (`March 12, 2024` /
        // `Jane Doe`), in copy with no blank lines, below the headline: not a line whose
        // sentence runs on below it (`Ashipyardin Gda sk has` / `signed…`).
        let under_date = k > 1
            && current.is_some()
            && previous.is_some_and(|p| grammar::date_line(p).is_some())
            && !next.is_some_and(|n| n.starts_with(char::is_lowercase))
            && grammar::are_names_alone(t);
        // A line under one that ends with a joining word runs that line on (`…the
        // Library on` / `Saturday Mornings`): names without `By` are not read there.
        let runs_on = previous.is_some_and(ends_with_joining_word);
        // A byline on this line, maybe wrapped over the next one or two, or one wrapped
        // from a line above onto this one (the reading above, carried over).
        let read_as_byline = if wrapped_left > 0 {
            wrapped_left -= 1;
            true
        } else if let Some((_, taken)) = grammar::byline_over_lines(t, [next, after_next]) {
            wrapped_left = taken;
            true
        } else {
            false
        };
        let names_without_by = !runs_on
            && ((grammar::is_name_before_role(t, next) && !names_a_paper(t))
                || grammar::is_pieces_name_over_role_and_date(t, next, after_next)
                || (next.is_some_and(is_paper_name) && grammar::are_names_alone(t))
                || (k > 0 && grammar::is_name_before_date(t, next))
                || over_co_writer
                || under_date
                || grammar::name_then_job(t).is_some()
                || lone_names);
        let byline = read_as_byline || names_without_by;
        if lone_names || ((over_co_writer || under_date) && !runs_on) {
            names_alone.push(i);
        }
        // A role after a byline is the byline's; one that names a person's job
        // (`Staff Reporter`, not the kicker `Business`) is one with or without a name.
        let saw_byline = current.is_some_and(|c| c.2);
        // So is the paper's name under the writer's (`Jane Doe` / `The Daily News`).
        let role = (grammar::is_role_line(t) && (saw_byline || grammar::names_a_job(t)))
            || (saw_byline && is_paper_name(t))
            // Where the story was filed from, when no sentence runs on below it (a
            // justified line may hold one word: `Researchers` / `counting bats…`).
            || (saw_byline
                && (is_place_line(t) || t.strip_prefix("in ").is_some_and(is_place_line))
                && !next.is_some_and(|n| n.starts_with(char::is_lowercase)));
        let filler = saw_byline && grammar::is_byline_filler(t, next);
        // A date line wrapped onto the next line (`Published Wednesday 29` / `January
        // 2020`): both lines are the date's.
        let date_wrap = if date_wrap_left {
            date_wrap_left = false;
            true
        } else {
            date_wrap_left = date_wrapped(t, next).is_some();
            date_wrap_left
        };
        let meta = is_meta_with(t, byline) || role || filler || date_wrap;
        match (meta, current.as_mut()) {
            (true, Some(block)) => {
                block.1 = i + 1;
                block.2 |= byline;
            }
            (true, None) => current = Some((i, i + 1, byline)),
            (false, Some(_)) if !is_drop_cap(t) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks.extend(current);
    MetaBlocks {
        blocks,
        names_alone,
    }
}

/// A byline block among the body's lines from `from` on: `(first line, one past the
/// last)`. It holds a line that opens with `By` and reads as a byline (maybe wrapped over
/// the next lines, [`grammar::byline_over_lines`]), with the date, bar and role lines run
/// into it, and it stands apart from
/// the story: blank lines or page furniture on one side, or a date line in the block. A
/// line opening with `By` in a paragraph of story (`By the time…`, `By Monday`) reads as
/// no byline, and names after a `By` in a story's sentence are no line of their own.
fn displaced_byline(text: &str, lines: &[PageLine], from: usize) -> Option<(usize, usize)> {
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];
    let next_body = |i: usize| {
        (i + 1..lines.len())
            .find(|&n| lines[n].label != Label::Furniture)
            .filter(|&n| lines[n].label == Label::Body)
    };
    // A byline read alone or wrapped over the two lines below it (`By Jane Doe |` /
    // `Thursday, September 12,` / `2019`).
    let at = (from..lines.len()).find(|&i| {
        let t = line_text(i);
        lines[i].label == Label::Body && grammar::opens_with_by(t) && {
            let first = next_body(i);
            let second = first.and_then(next_body);
            grammar::byline_over_lines(t, [first, second].map(|n| n.map(line_text))).is_some()
        }
    })?;
    let in_block = |i: usize| {
        let t = line_text(i);
        lines[i].label == Label::Body
            && (is_meta(t) || grammar::is_role_line(t) || grammar::opens_with_by(t))
    };
    let mut start = at;
    while start > from && in_block(start - 1) {
        start -= 1;
    }
    // The lines a wrapped byline runs onto (`By Jane Doe | May` / `9, 2024`).
    let mut end = at + 1;
    let mut after = at;
    let following: Vec<usize> = (0..2)
        .map_while(|_| {
            after = (after + 1..lines.len()).find(|&n| lines[n].label != Label::Furniture)?;
            (lines[after].label == Label::Body).then_some(after)
        })
        .collect();
    let [first, second] = [following.first(), following.get(1)].map(|i| i.map(|&i| line_text(i)));
    let read = grammar::byline_over_lines(line_text(at), [first, second]);
    if let Some((_, taken @ 1..)) = read {
        end = following[taken - 1] + 1;
    }
    while end < lines.len() && in_block(end) {
        end += 1;
    }
    let apart = |i: Option<usize>| {
        i.is_none_or(|i| matches!(lines[i].label, Label::Blank | Label::Furniture))
    };
    // Dated by a date line of its own, or by the date the byline runs on into (`By Jane
    // Doe|8` / `November 2022`).
    let dated = read.is_some_and(|(byline, _)| byline.date.is_some())
        || (start..end).any(|i| grammar::date_line(line_text(i)).is_some());
    (dated || apart(start.checked_sub(1)) || apart((end < lines.len()).then_some(end)))
        .then_some((start, end))
}

/// A story signed at its end: its last line of text (page furniture after it aside) is
/// the writer's names after a dash (`— Jane Doe`, `– Jane Doe, Lisbon`), or in capitals
/// after a sentence's end or a blank line (`JANE DOE`), or names over a role on the last
/// line (`Jane Doe` / `Staff Reporter`). The first of those lines and the writers, in
/// the case names are written in. Names alone in ordinary case after the story are not
/// read: a wrapped line of prose may look the same.
fn signed_at_the_end(text: &str, lines: &[PageLine]) -> Option<(usize, Vec<String>)> {
    let line_text = |i: usize| text[lines[i].start..lines[i].end].trim();
    let cased = |names: &str| -> Vec<String> {
        crate::clean::masthead::split_names(names)
            .into_iter()
            .map(grammar::name_case)
            .collect()
    };
    let mut written = (0..lines.len())
        .rev()
        .filter(|&i| !matches!(lines[i].label, Label::Blank | Label::Furniture));
    let last = written.next().filter(|&i| lines[i].label == Label::Body)?;
    let before = written.next();
    let t = line_text(last);
    if let Some(rest) = t
        .strip_prefix(['—', '–'])
        .or_else(|| t.strip_prefix("- "))
        .map(str::trim_start)
    {
        return grammar::names_alone_placed(rest).map(|names| (last, cased(names)));
    }
    if shouts(t) {
        let apart = before.is_none_or(|b| {
            lines[b].label != Label::Body
                || lines[b + 1..last].iter().any(|l| l.label == Label::Blank)
                || crate::clean::layout::ends_sentence(line_text(b))
        });
        // Asked in the case names are written in, so a surname's particles read as
        // particles (`ANA DE LA CRUZ`).
        let writers = cased(t);
        let joined = writers.join(" and ");
        // A line of the story in capitals holds its small words (`MORE TO FOLLOW`).
        return (apart
            && grammar::are_names_alone(&joined)
            && !grammar::holds_small_words(&joined))
        .then_some((last, writers));
    }
    let before = before.filter(|&b| lines[b].label == Label::Body)?;
    grammar::is_name_before_role(line_text(before), Some(t))
        .then(|| (before, cased(line_text(before))))
}

/// The lines of a standfirst printed under the byline block (`Headline` / `By Jane Doe`
/// / `Traders will move…` / `T` / `he council…`): one to three body lines after `from`
/// and right over a drop cap, which opens the body, with no blank line among them (in
/// copy with blank lines, one paragraph set apart, see below), of four to fifty words and
/// two sentences at most. With no drop cap there, nothing under the byline is read as a
/// standfirst: lines set wider than the column read the same as the lead paragraph a
/// page sets across its columns in a larger face (the grid split's pages), and a lead
/// read as the standfirst loses the story's first paragraph.
fn standfirst_under_byline(text: &str, lines: &[PageLine], from: usize) -> Option<Vec<usize>> {
    let line_at = |i: usize| &text[lines[i].start..lines[i].end];
    let next: Vec<usize> = (from..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .take(4)
        .collect();
    let cap_at = next.iter().position(|&i| is_drop_cap(line_at(i)))?;
    let run = &next[..cap_at];
    if run.is_empty() {
        return None;
    }
    // In copy with blank lines the standfirst is one paragraph: one line (a web page's),
    // or lines set wider than the body's column (a printed page's). The letter must
    // open the line under it (`S` / `he council…`): a capitalised paragraph over a
    // letter whose line runs on in capitals is the body's, its drop cap printed after
    // it. A body that opens in lower case has its drop cap joined already: that letter
    // is no body line here.
    let blank_inside = (run[0]..run[run.len() - 1]).any(|i| lines[i].label == Label::Blank);
    let blank_around = (from..next[cap_at]).any(|i| lines[i].label == Label::Blank);
    let cap_opens_next = (next[cap_at] + 1..lines.len())
        .find(|&i| lines[i].label == Label::Body)
        .is_some_and(|i| continues_drop_cap(line_at(i)));
    let set_apart = run.len() == 1
        || column_measure(lines, next[cap_at])
            .is_some_and(|measure| set_wider(&lines[run[0]], measure));
    if blank_inside || (blank_around && !(cap_opens_next && set_apart)) {
        return None;
    }
    reads_as_standfirst(text, lines, run).then(|| run.to_vec())
}

/// Whether the lines `run` read as a standfirst by their words: four to fifty, two
/// sentences at most, no meta line among them and no dateline opening them.
fn reads_as_standfirst(text: &str, lines: &[PageLine], run: &[usize]) -> bool {
    let line_at = |i: usize| &text[lines[i].start..lines[i].end];
    let joined = field_words(text, lines, run);
    let words = joined.split_whitespace().count();
    (4..=50).contains(&words)
        && sentences_inside(&joined) <= 2
        && !run.iter().any(|&i| is_meta(line_at(i)))
        && !run
            .first()
            .is_some_and(|&i| grammar::opens_with_dateline(line_at(i)))
}

/// How much wider than the body's column a standfirst's lines are set, at least, in
/// per cent, when a drop cap under them says where the body starts: a page sets the
/// standfirst across columns or in larger type (the dev split's pdftotext pages print
/// its first line 1.24 to 4.6 times the column's characters).
const STANDFIRST_WIDER: u32 = 120;

/// The width the body's column is set to, judged by the body lines from `first` on,
/// past the top few (which may be a standfirst's): `None` with too few to judge by.
fn column_measure(lines: &[PageLine], first: usize) -> Option<u32> {
    let set: Vec<usize> = (first..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .skip(3)
        .take(40)
        .map(|i| lines[i].width as usize)
        .collect();
    (set.len() >= 10).then(|| percentile(&set, 70) as u32)
}

/// Whether `line` is set wider than a column of `measure` as a standfirst is
/// ([`STANDFIRST_WIDER`]).
fn set_wider(line: &PageLine, measure: u32) -> bool {
    line.width * 100 >= measure * STANDFIRST_WIDER
}

/// A line that names only where the story was filed from, as a byline block prints it
/// under the names: one word, or up to three in capitals (`Valencia`, `NEW YORK`), of
/// three letters at least (a drop cap's letter is none).
fn is_place_line(line: &str) -> bool {
    let line = line.trim();
    line.chars().nth(2).is_some()
        && grammar::is_place(line)
        && (!line.contains(' ') || shouts(line))
}

/// What [`meta_blocks`] found.
struct MetaBlocks {
    /// `(first line, one past the last, whether a byline is among them)`.
    blocks: Vec<(usize, usize, bool)>,
    /// The lines it read as names alone (maybe with a place) where a byline stands, for
    /// [`read_meta`] to read the same way.
    names_alone: Vec<usize>,
}

/// Reads authors and date from the meta lines and labels them; `names_alone` are the
/// lines (indices into `lines`) [`meta_blocks`] read as names alone.
fn read_meta(
    doc: &MappedText,
    lines: &mut [PageLine],
    names_alone: &[usize],
    structure: &mut Structure,
) {
    let text = doc.as_str();
    let body: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .collect();
    // How many lines to come finish a byline wrapped over them.
    let mut wrapped = 0usize;
    for (k, &i) in body.iter().enumerate() {
        let next = body
            .get(k + 1)
            .map(|&n| &text[lines[n].start..lines[n].end]);
        let after_next = body
            .get(k + 2)
            .map(|&n| &text[lines[n].start..lines[n].end]);
        let line = &mut lines[i];
        let t = &text[line.start..line.end];
        if wrapped > 0 {
            wrapped -= 1;
            line.label = Label::Meta;
            continue;
        }
        let over_lines = grammar::byline_over_lines(t, [next, after_next]).map(|(read, taken)| {
            wrapped = taken;
            read
        });
        let byline = over_lines.or_else(|| {
            let names = match grammar::name_then_job(t) {
                Some(name) => vec![name.to_string()],
                None if grammar::is_name_before_role(t, next)
                    || grammar::is_pieces_name_over_role_and_date(t, next, after_next) =>
                {
                    crate::clean::masthead::split_names(t.trim())
                }
                // A block of names alone (maybe with a place) is the byline
                // [`meta_blocks`] found between the standfirst and the body; so is one
                // over the paper's name, the writer's address or the date.
                None => {
                    let names = grammar::names_alone_placed(t)
                        .or_else(|| grammar::lost_initial_name_over_date(t, next))?;
                    (body.len() == 1
                        || names_alone.contains(&i)
                        || next.is_some_and(|n| {
                            is_paper_name(n)
                                || grammar::is_contact_line(n)
                                || grammar::is_bar(n)
                                || grammar::date_line(n).is_some()
                        }))
                    .then(|| crate::clean::masthead::split_names(names))?
                }
            };
            Some(grammar::Byline {
                authors: names.into_iter().map(grammar::name_case).collect(),
                date: None,
            })
        });
        if let Some(byline) = byline {
            // Several writers each over their own role (`Jane Doe` / `Staff Writer` /
            // `John Smith` / `Staff Writer`) are one byline.
            if structure.authors.is_empty() {
                structure.authors_at = doc.position_at(line.start);
            }
            for name in byline.authors {
                let name = as_printed_elsewhere(text, t, name);
                if !structure.authors.contains(&name) {
                    structure.authors.push(name);
                }
            }
            structure.date = structure.date.or(byline.date);
        } else if let Some(date) = grammar::date_line(t) {
            structure.date = structure.date.or(Some(date));
        } else if let Some(date) = date_wrapped(t, next) {
            // `Published Wednesday 29` / `January 2020`: the date's line wrapped.
            structure.date = structure.date.or(Some(date));
            wrapped = 1;
        } else if !(grammar::is_bar(t)
            || grammar::is_role_line(t)
            || (!structure.authors.is_empty() && is_paper_name(t))
            || (!structure.authors.is_empty() && grammar::is_byline_filler(t, next)))
        {
            continue;
        }
        line.label = Label::Meta;
    }
}

/// The date a date line wrapped onto the line below makes (`Published Wednesday 29` /
/// `January 2020`), when neither line is a date line alone.
fn date_wrapped(line: &str, next: Option<&str>) -> Option<NaiveDate> {
    let next = next?;
    // Asked of every line: the year must be below, both lines short, and the day's
    // number on one side of the break (`…Wednesday 29` / `January 2020`, `…January` /
    // `29, 2020`).
    if line.len() > 40
        || next.len() > 24
        || !crate::clean::masthead::has_four_digit_run(next.as_bytes())
        || !(line.bytes().any(|b| b.is_ascii_digit())
            || next.starts_with(|c: char| c.is_ascii_digit()))
        || !next.starts_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    grammar::date_line(&format!("{line} {next}")).filter(|_| grammar::date_line(next).is_none())
}

/// A byline's name the byline set in capitals (`byline` holds it in capitals, `name` is
/// [`grammar::name_case`]'s reading) as the article prints it elsewhere, not in capitals
/// (`McDonald` in the bio for the byline's `MCDONALD`, `Aydın` for `AYDIN`); else `name`.
fn as_printed_elsewhere(text: &str, byline: &str, name: String) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || !byline.contains(&name.to_uppercase()) || byline.contains(&name) {
        return name;
    }
    let tokens: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphabetic()))
        .collect();
    tokens
        .windows(words.len())
        .find(|window| {
            window.iter().zip(&words).all(|(t, w)| {
                // In capitals, as the byline has it: `AYDIN` is Aydın's (ı is I in
                // capitals, and lowers to no i), `WEISS` Weiß's.
                t.to_uppercase() == w.to_uppercase() && t.chars().skip(1).any(char::is_lowercase)
            })
        })
        .map_or(name, |window| window.join(" "))
}

/// A page's section in capitals beside its page number (`NEWS 2`, `14 | SPORT`): a
/// folio, though its one word names no paper.
fn is_section_folio(line: &str) -> bool {
    // Asked of every line: a section's word and a page's number are short.
    if line.len() > 24 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut parts = line
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter(|p| !p.is_empty());
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let number = |p: &str| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let section = |p: &str| {
        p.len() >= 3
            && p.chars().all(|c| c.is_ascii_uppercase())
            && SECTION_WORDS.contains(&p.to_ascii_lowercase().as_str())
    };
    (number(a) && section(b)) || (section(a) && number(b))
}

/// Section names a kicker is made of.
const SECTION_WORDS: &[&str] = &[
    "news",
    "world",
    "national",
    "local",
    "city",
    "metro",
    "region",
    "regional",
    "international",
    "politics",
    "business",
    "economy",
    "markets",
    "finance",
    "money",
    "science",
    "technology",
    "tech",
    "health",
    "environment",
    "climate",
    "sport",
    "sports",
    "culture",
    "arts",
    "books",
    "music",
    "film",
    "food",
    "travel",
    "lifestyle",
    "education",
    "opinion",
    "comment",
    "analysis",
    "editorial",
    "features",
    "feature",
    "interview",
    "review",
    "reviews",
    "obituary",
    "obituaries",
    "diplomacy",
    "courts",
    "law",
    "crime",
    "justice",
    "weather",
    "transport",
    "agriculture",
    "farming",
    "energy",
    "defence",
    "defense",
    "media",
    "religion",
    "society",
    "property",
    "housing",
    "asia",
    "europe",
    "africa",
    "americas",
    "middle",
    "east",
    "and",
    "&",
    "the",
    "week",
    "special",
    "report",
    "investigation",
    "profile",
    "letters",
    "data",
    "explainer",
    "entertainment",
    "space",
    "nature",
    "wildlife",
    "heritage",
    "history",
    "schools",
    "universities",
    "labour",
    "jobs",
    "trade",
    "industry",
    "tourism",
    "aviation",
    "shipping",
    "ports",
    "water",
    "cities",
    "urban",
    "rural",
    "migration",
    "elections",
    "parliament",
    "security",
];

/// The section a kicker files its article in, when the kicker is made of section words
/// only (`SPORT`, `Arts & Culture`, `World news`): written as a section name is
/// (`Sport`); a topic label (`DIPLOMATIC IMPASSE`) files nothing.
pub fn section_of_kicker(kicker: &str) -> Option<String> {
    let words: Vec<&str> = kicker.split_whitespace().collect();
    let is_section_word = |w: &&str| {
        SECTION_WORDS.contains(
            &w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .to_lowercase()
                .as_str(),
        )
    };
    if words.is_empty() || words.len() > 4 || !words.iter().all(is_section_word) {
        return None;
    }
    let name: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(n, w)| {
            let lower = w.trim_end_matches(':').to_lowercase();
            if n > 0 && ["and", "the"].contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    Some(name.join(" "))
}

/// A field of one short line that reads as a kicker: capitals, a trailing colon, one
/// word, or section words only (a bar or a slash may set them apart: `World | Europe`).
fn reads_as_kicker(field: &str) -> bool {
    // A web page's breadcrumb stands where the kicker does (`Home › Transport`); its last
    // crumb is the section (see `page_chrome::breadcrumb_tail`).
    if page_chrome::breadcrumb_tail(field).is_some() {
        return true;
    }
    let words: Vec<&str> = field
        .split_whitespace()
        .filter(|w| !is_section_bar(w))
        .collect();
    let letters = || field.chars().filter(|c| c.is_alphabetic());
    let shouting = letters().count() >= 2 && letters().all(char::is_uppercase);
    words.len() <= 4
        && !field.ends_with(['.', '?', '!'])
        && (shouting
            || field.ends_with(':')
            || words.len() == 1
            || words.iter().all(|w| {
                SECTION_WORDS.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                        .to_lowercase()
                        .as_str(),
                )
            }))
}

/// A mark a page sets between the sections of a kicker or a breadcrumb, alone between
/// spaces.
fn is_section_bar(word: &str) -> bool {
    matches!(word, "|" | "/" | "›" | "»" | "•" | "·")
}

/// Where the body starts when no byline sits between the headline and the body (there
/// is none, or it is printed above the headline): the first line after the kickers, the
/// headline and at most one standfirst, counted in the fields [`heading_fields`] reads
/// from the lines after `from`. `None` when the first field is no headline (it ends a
/// sentence, is long or is a drop cap) or nothing follows it.
fn body_after_headings(text: &str, lines: &[PageLine], from: usize) -> Option<usize> {
    let candidates: Vec<usize> = (from..lines.len())
        .filter(|&i| lines[i].label == Label::Body)
        .take(META_REACH)
        .collect();
    let fields = heading_fields(text, lines, &candidates);
    let field_str = |f: &Vec<usize>| field_words(text, lines, f);
    let kickers = kicker_fields(text, lines, &fields).min(fields.len().saturating_sub(2));
    let headline = field_str(fields.get(kickers)?);
    let first_line = |f: &Vec<usize>| &text[lines[f[0]].start..lines[f[0]].end];
    if headline.ends_with(['.', ';', ',', ':'])
        || headline.split_whitespace().count() > 25
        || is_drop_cap(first_line(&fields[kickers]))
    {
        return None;
    }
    // The body opens with its drop cap or dateline, or holds sentences after sentences;
    // a standfirst is one or two sentences with the body still after it.
    let reads_as_body = |f: &Vec<usize>| {
        let joined = field_str(f);
        is_drop_cap(first_line(f))
            || grammar::opens_with_dateline(first_line(f))
            || sentences_inside(&joined) >= 2
            || joined.split_whitespace().count() > 60
    };
    let after = fields.get(kickers + 1)?;
    let body = match fields.get(kickers + 2) {
        Some(next) if !reads_as_body(after) => next,
        _ => after,
    };
    Some(body[0])
}

/// Where the story starts among the lines above the byline block that starts at
/// `meta_start` (`meta_start` itself when it does not). A page set as a grid prints the
/// byline in a rail beside the columns, which extractors read after the column it stands
/// beside: the lines above it then hold the headline, maybe a standfirst, and the story's
/// first column. The story opens at the first field after the headline that only a body
/// opens with, its drop cap or a dateline (`SEVILLE: Temperatures…`), or at one no
/// standfirst is, more than sixty words of three sentences or more.
fn body_above_byline(text: &str, lines: &[PageLine], meta_start: usize) -> usize {
    let above: Vec<usize> = (0..meta_start)
        .filter(|&i| lines[i].label == Label::Body)
        .collect();
    let fields = heading_fields(text, lines, &above);
    let kickers = kicker_fields(text, lines, &fields);
    let reads_as_body = |f: &Vec<usize>| {
        let first = &text[lines[f[0]].start..lines[f[0]].end];
        let joined = field_words(text, lines, f);
        is_drop_cap(first)
            || grammar::opens_with_dateline(first)
            || (joined.split_whitespace().count() > 60 && sentences_inside(&joined) >= 2)
    };
    fields
        .iter()
        .skip(kickers + 1)
        .find(|f| reads_as_body(f))
        .map_or(meta_start, |f| f[0])
}

/// Where a box of bulleted points starts among the heading lines `headings` (their
/// count when there is none): at the first line that opens with a bullet, after the
/// headline, or at the label just above it (`Key points:`, `AT A GLANCE`). Everything
/// after it is the box's: its items and their wrapped lines.
fn summary_box_start(text: &str, lines: &[PageLine], headings: &[usize]) -> usize {
    let line_text = |n: usize| &text[lines[headings[n]].start..lines[headings[n]].end];
    let Some(first) =
        (1..headings.len()).find(|&n| crate::clean::emit::list_item_text(line_text(n)).is_some())
    else {
        return headings.len();
    };
    let label = first - 1;
    let labels_box = |t: &str| {
        let words = t.split_whitespace().count();
        words <= 5 && (t.ends_with(':') || (shouts(t) && !t.ends_with(['.', '?', '!'])))
    };
    if label >= 1 && labels_box(line_text(label)) {
        label
    } else {
        first
    }
}

/// A heading field's lines joined by spaces.
fn field_words(text: &str, lines: &[PageLine], field: &[usize]) -> String {
    field
        .iter()
        .map(|&i| &text[lines[i].start..lines[i].end])
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many of the first `fields` are one line each that reads as a kicker.
fn kicker_fields(text: &str, lines: &[PageLine], fields: &[Vec<usize>]) -> usize {
    fields
        .iter()
        .take_while(|f| f.len() == 1 && reads_as_kicker(&field_words(text, lines, f)))
        .count()
}

/// The heading lines `headings` cut into fields (kicker, headline, standfirst…): a new
/// field at a blank line, a change between capitals and lower case, a sentence's end, a
/// line whose first word would have fitted on the line before, or a change of case
/// style.
fn heading_fields(text: &str, lines: &[PageLine], headings: &[usize]) -> Vec<Vec<usize>> {
    let mut fields: Vec<Vec<usize>> = Vec::new();
    for (n, &i) in headings.iter().enumerate() {
        let t = &text[lines[i].start..lines[i].end];
        let new_field = match fields.last() {
            None => true,
            Some(field) => {
                let last = *field.last().expect("fields are never empty");
                let last_text = &text[lines[last].start..lines[last].end];
                let widest = field.iter().map(|&j| lines[j].chars).max().unwrap_or(0);
                let blank_between = (last + 1..i).any(|j| lines[j].label == Label::Blank);
                // Lines are filled greedily: when this line's first word would have
                // fitted on the last one (at the wider of the two measures), the last
                // one ended its field.
                // A kicker alone on the block's first line tells nothing of the
                // headline's measure, and the headline's first line may be as short:
                // the two lines after this one show it (`Transport` over `Prague
                // tram` / `extension delayed` / `again as costs climb`).
                let kicker_alone =
                    fields.len() == 1 && field.len() == 1 && reads_as_kicker(last_text);
                let ahead = match kicker_alone {
                    true => headings[n + 1..]
                        .iter()
                        .take(2)
                        .map(|&k| lines[k].chars)
                        .max()
                        .unwrap_or(0),
                    false => 0,
                };
                let measure = widest.max(lines[i].chars).max(ahead);
                let first_word = t.split(' ').next().map_or(0, |w| w.chars().count());
                let would_fit = lines[last].chars + 1 + first_word + 2 <= measure;
                // A field starts like a sentence: a line in lower case goes on the
                // field before it, however much room that left (a centred headline's
                // lines are short).
                let starts_field = !t.chars().next().is_some_and(char::is_lowercase);
                // Two labels stacked over the headline (`World | Europe` over
                // `Analysis`, `SPORT` over `CRICKET`) are a field each: only at the
                // top, where every field so far is such a label, and over a line that
                // is none (a headline set a word a line is not cut into labels).
                let line_at = |k: usize| &text[lines[k].start..lines[k].end];
                let stacked_labels = (last_text.split_whitespace().count() == 1
                    || last_text.split_whitespace().any(is_section_bar))
                    && reads_as_kicker(t)
                    && headings
                        .get(n + 1)
                        .is_some_and(|&k| !reads_as_kicker(line_at(k)))
                    && fields
                        .iter()
                        .all(|f| f.len() == 1 && reads_as_kicker(line_at(f[0])));
                blank_between
                    || stacked_labels
                    || shouts(last_text) != shouts(t)
                    || (would_fit && starts_field)
                    || last_text.ends_with(['.', '?', '!'])
                    || (starts_field
                        && title_cased(last_text)
                        && (sentence_cased(t)
                            || (opens_with_capitalised_common_word(t) && has_lower_case_word(t))))
                    || (sentence_cased(last_text)
                        && !ends_with_joining_word(last_text)
                        && opens_with_capitalised_common_word(t))
            }
        };
        if new_field {
            fields.push(vec![i]);
        } else {
            fields.last_mut().expect("just checked").push(i);
        }
    }
    fields
}

/// Reads the heading lines `headings` into kicker, headline and standfirst.
fn assign_headings(
    doc: &MappedText,
    lines: &[PageLine],
    headings: &[usize],
    structure: &mut Structure,
    edits: &mut Vec<Edit>,
) {
    let text = doc.as_str();
    let mut fields = heading_fields(text, lines, headings);
    let field_str = |f: &Vec<usize>| field_words(text, lines, f);
    // Several one-line fields that read as kickers above the headline: a running head
    // (`MORNING STAR`, a section name printed in the page's head) stands before the
    // article's own kicker, so the last of them is the kicker and the others are dropped.
    let kicker_like = kicker_fields(text, lines, &fields).min(fields.len().saturating_sub(1));
    let fields = if kicker_like >= 2 {
        fields.split_off(kicker_like - 1)
    } else {
        fields
    };
    let (kicker, title, subtitle): (Option<usize>, Option<usize>, Vec<usize>) = match fields.len() {
        0 => (None, None, vec![]),
        1 => (None, Some(0), vec![]),
        2 if fields[0].len() == 1 && reads_as_kicker(&field_str(&fields[0])) => {
            (Some(0), Some(1), vec![])
        }
        2 => (None, Some(0), vec![1]),
        n if fields[0].len() == 1 && field_str(&fields[0]).split_whitespace().count() <= 6 => {
            (Some(0), Some(1), (2..n).collect())
        }
        n => (None, Some(0), (1..n).collect()),
    };
    if let Some(k) = kicker {
        let k = field_text(doc, lines, &fields[k]);
        record(edits, &k, "kicker", "kicker line moved to front matter");
        structure.kicker = Some(k);
    }
    if let Some(t) = title {
        let t = field_text(doc, lines, &fields[t]);
        record(edits, &t, "title", "headline moved to front matter");
        structure.title = Some(t);
    }
    if !subtitle.is_empty() {
        let all: Vec<usize> = subtitle.iter().flat_map(|&f| fields[f].clone()).collect();
        let s = field_text(doc, lines, &all);
        record(edits, &s, "subtitle", "standfirst moved to front matter");
        structure.subtitle = Some(s);
    }
}

/// Words of four letters or more that some styles of title case leave in lower case.
const TITLE_CASE_SMALL_WORDS: &[&str] = &[
    "about", "after", "from", "into", "onto", "over", "than", "that", "upon", "with",
];

/// The words of four letters or more of `line` (short function words aside), and how
/// many of them are capitalised: a headline set in title case capitalises them all, a
/// standfirst in sentence case only its names. A word in lower case that no dictionary
/// knows tells neither: it may be a name that lost its capital to a space (`Bakery on
/// ukurcuma Street`, of Çukurcuma).
fn content_words_capitalised(line: &str) -> (usize, usize) {
    let words = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 4 && !TITLE_CASE_SMALL_WORDS.contains(w))
        .filter(|w| {
            w.starts_with(char::is_uppercase)
                || crate::clean::vocabulary::lexicon_knows(&w.to_lowercase())
        });
    words.fold((0, 0), |(all, capitalised), w| {
        (
            all + 1,
            capitalised + usize::from(w.starts_with(char::is_uppercase)),
        )
    })
}

/// A line in title case: two content words or more, every one capitalised, not in capitals
/// (`Lisbon and Madrid Fail to Agree on`).
fn title_cased(line: &str) -> bool {
    let (all, capitalised) = content_words_capitalised(line);
    all >= 2 && capitalised == all && !shouts(line)
}

/// A line in sentence case: two content words or more in lower case, which title case
/// never has (`Portuguese officials accuse Spain of`).
fn sentence_cased(line: &str) -> bool {
    let (all, capitalised) = content_words_capitalised(line);
    all - capitalised >= 2
}

/// A line with a content word in lower case (`Fishermen in Romania’s delta say`), which
/// no line of a headline in title case has.
fn has_lower_case_word(line: &str) -> bool {
    let (all, capitalised) = content_words_capitalised(line);
    all > capitalised
}

/// True when the line opens with a capitalised word the dictionary lists only in lower
/// case (`Engineers warn of…`). A headline set in sentence case capitalises no such word
/// after its first line, so under such a headline this line opens the next field (a
/// standfirst printed without a blank line), while a name (`Karachi`, `Lisbon`) may well
/// run on the headline.
fn opens_with_capitalised_common_word(line: &str) -> bool {
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let word = first.trim_end_matches(|c: char| !c.is_alphabetic());
    let mut letters = word.chars();
    word.len() >= 2
        && letters.next().is_some_and(char::is_uppercase)
        && letters.all(|c| c.is_lowercase())
        && crate::clean::words::lexicon::Lexicon::embedded()
            .lookup(word)
            .is_some_and(|e| e.is_ordinary_word() && !e.is_proper_name())
}

/// True when the line's letters are all capitals (and there are some).
fn shouts(line: &str) -> bool {
    let mut letters = line.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.clone().count() >= 2 && letters.all(char::is_uppercase)
}

/// The lines `indexes` as one field, still wrapped (the caller unwraps it as the layout
/// pass unwraps a paragraph, hyphens and all).
///
/// A number on a line of its own that the labels kept (a headline's `… dies at` / `88`)
/// joins the line before with a space: on a line of its own the layout pass would take it
/// for a page number.
fn field_text(doc: &MappedText, lines: &[PageLine], indexes: &[usize]) -> MappedText {
    let mut out = MappedText::default();
    for (n, &i) in indexes.iter().enumerate() {
        if n > 0 {
            let number = is_page_number(&doc.as_str()[lines[i].start..lines[i].end]);
            out.push_replacement_at_end(if number { " " } else { "\n" });
        }
        out.push_slice(doc, lines[i].start, lines[i].end);
    }
    out
}

/// Openings of the closing lines about the writer: `the` and a role and a verb, compared
/// with spaces removed and in lower case (so `Thewriterisajournalist`, glued by a viewer,
/// still opens a bio), allowing one slip (`The wrgiter is`). `The author of the report
/// said` is not one: the verb must follow the role.
const BIO_ROLES: &[&str] = &[
    "thewriter",
    "thewriters",
    "theauthor",
    "theauthors",
    "thecolumnist",
    "thereviewer",
    "thecontributor",
    "thecorrespondent",
];
const BIO_ROLE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "teaches", "teach", "covers", "cover", "writes", "write",
    "reports", "report", "works", "work", "lives", "live", "has", "have", "can", "tweets", "heads",
    "leads", "edits",
];

/// Every role joined with every verb (`thewriteris`), made once.
fn bio_openings() -> &'static [String] {
    static OPENINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    OPENINGS.get_or_init(|| {
        BIO_ROLES
            .iter()
            .flat_map(|role| {
                BIO_ROLE_VERBS
                    .iter()
                    .map(move |verb| [*role, *verb].concat())
            })
            .collect()
    })
}

/// Where the bio starts among the `body` lines (an index into `body`), if the last lines
/// are about the writer.
fn find_bio(
    text: &str,
    lines: &[PageLine],
    body: &[usize],
    authors: &[String],
    vocabulary: &Vocabulary<'_>,
) -> Option<usize> {
    let (_, column, blanks) = body_geometry(text, lines, body);
    // Every later paragraph of a bio is about the writers too: another writer's lines or
    // how to reach them. A paragraph of story after it means the opening was no bio.
    let rest_is_about_writer = |k: usize| {
        let mut previous: Option<usize> = None;
        for (n, &i) in body[k..].iter().enumerate() {
            if lines[i].label != Label::Body {
                continue;
            }
            if let Some(p) = previous {
                // Read on as for the opening: `She` / `tweets` / `at` / `@handle`.
                let line = &read_on(text, lines, &body[k + n..]);
                let blank = blank_between(lines, p, i);
                // In copy whose blank lines are rare, one sets a block apart.
                let breaks = (blank && !blanks)
                    || paragraph_breaks(text, &lines[p], &lines[i], blank, blanks, column, 0);
                if breaks && !opens_bio(line, authors, vocabulary) && !tells_how_to_reach(line) {
                    return false;
                }
            }
            previous = Some(i);
        }
        true
    };
    let mut best = None;
    let mut words_after = 0;
    for (k, &i) in body.iter().enumerate().rev() {
        if lines[i].label != Label::Body {
            continue;
        }
        let t = &text[lines[i].start..lines[i].end];
        words_after += t.split_whitespace().count();
        if words_after > 90 {
            break;
        }
        let opening = read_on(text, lines, &body[k..]);
        // The story's last line ends a sentence; or, set apart by a blank line, the bio
        // opens with a writer's name (an extractor may have put the end of the story's
        // last sentence before it: `…at first, and` / `Jane Doe is a reporter…`).
        let previous_ends = body[..k]
            .iter()
            .rev()
            .find(|&&j| lines[j].label == Label::Body)
            .is_none_or(|&j| {
                ends_sentence(&text[lines[j].start..lines[j].end])
                    || (blank_between(lines, j, i)
                        && opens_bio_by_name(bio_text(&opening), authors))
            });
        if previous_ends && opens_bio(&opening, authors, vocabulary) && rest_is_about_writer(k) {
            best = Some(k);
        }
    }
    best
}

/// The most lines a bio set apart from the story may take ([`displaced_bio`]).
const DISPLACED_BIO_LINES: usize = 10;

/// A bio printed apart from the story's end (`By Jane Doe` / `Jane Doe covers city hall.`
/// / `T` / `he council…`): a block of body lines set apart on both sides (blank lines,
/// page furniture, the byline's lines, the drop cap, the copy's edge) whose opening reads
/// as a bio ([`opens_bio`]), of two sentences or three at most, ending a sentence or with
/// how to reach the writer. The lines, if any.
fn displaced_bio(
    text: &str,
    lines: &[PageLine],
    body: &[usize],
    authors: &[String],
    vocabulary: &Vocabulary<'_>,
) -> Option<Vec<usize>> {
    let line_at = |i: usize| &text[lines[i].start..lines[i].end];
    let edge = |i: usize| {
        matches!(
            lines[i].label,
            Label::Blank | Label::Furniture | Label::Meta | Label::DropCap
        ) || is_drop_cap(line_at(i))
    };
    for (k, &i) in body.iter().enumerate() {
        let set_apart = i == 0 || edge(i - 1) || lines[i - 1].label == Label::Heading;
        if lines[i].label != Label::Body || !set_apart {
            continue;
        }
        let opening = read_on(text, lines, &body[k..]);
        // A generic opening (`The writer is…`) only right under the byline: elsewhere
        // it may be a sentence of the story about someone it calls the writer.
        let under_byline = i > 0 && lines[i - 1].label == Label::Meta;
        let by_name = opens_bio_by_name(bio_text(&opening), authors);
        if !(by_name || (under_byline && opens_bio(&opening, authors, vocabulary))) {
            continue;
        }
        let run: Vec<usize> = (i..lines.len())
            .take_while(|&j| j == i || !edge(j))
            .take(DISPLACED_BIO_LINES + 1)
            .collect();
        let ends_bio =
            |j: usize| ends_sentence(line_at(j).trim_end()) || tells_how_to_reach(line_at(j));
        // In copy without blank lines, the story may follow on the next line: the bio
        // ends where a line opens the story with its dateline (`DHAKA: Hospitals…`).
        let run = match run.iter().position(|&j| {
            ends_bio(j)
                && lines.get(j + 1).is_some_and(|l| {
                    l.label == Label::Body && grammar::opens_with_dateline(line_at(j + 1))
                })
        }) {
            Some(m) if m < DISPLACED_BIO_LINES => run[..=m].to_vec(),
            _ => run,
        };
        let last = *run.last()?;
        let closed = run.len() <= DISPLACED_BIO_LINES
            && (last + 1 == lines.len()
                || edge(last + 1)
                || grammar::opens_with_dateline(line_at(last + 1)))
            && ends_bio(last);
        // A bio at the story's end is `find_bio`'s: this one has story after it.
        let story_after = body
            .iter()
            .any(|&j| j > last && lines[j].label == Label::Body);
        let joined = field_words(text, lines, &run);
        if closed && story_after && sentences_inside(&joined) <= 2 {
            return Some(run);
        }
    }
    None
}

/// How much text a bio's opening is read on (a role and a verb, or a name and more).
const OPENING_CHARS: usize = 40;

/// The text of the body line `body[0]` read on over the following body lines until it
/// holds [`OPENING_CHARS`]: widely justified copy puts a word on each line (`The` /
/// `writers` / `are`), and a paragraph's first line alone may say nothing of it.
fn read_on(text: &str, lines: &[PageLine], body: &[usize]) -> String {
    let mut opening = String::new();
    for &j in body.iter().filter(|&&j| lines[j].label == Label::Body) {
        if opening.chars().count() >= OPENING_CHARS {
            break;
        }
        if !opening.is_empty() {
            opening.push(' ');
        }
        opening.push_str(&text[lines[j].start..lines[j].end]);
    }
    opening
}

/// True for a line that tells how to reach the writer (`She can be reached on X:`,
/// `Email: ...`, `@handle`).
fn tells_how_to_reach(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.contains('@')
        || [
            "can be reached",
            "follow ",
            "email",
            "e-mail",
            "contact",
            "tweets",
            "x:",
            "twitter",
        ]
        .iter()
        .any(|cue| lower.contains(cue))
}

fn opens_bio(line: &str, authors: &[String], vocabulary: &Vocabulary<'_>) -> bool {
    let line = bio_text(line);
    if opens_unnamed_bio(line) || opens_role_with_apposition(line) {
        return true;
    }
    // A slip in the opening's role (`The wrgiter is`), when the word is no word (not
    // `The winter`): every opening starts with `the`, so only such lines are compared.
    let squeezed = squeezed_opening(line);
    let openings = bio_openings();
    if squeezed.starts_with("the") {
        let second_is_word = line
            .split_whitespace()
            .nth(1)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
            .is_some_and(|w| vocabulary.is_known_outside_document(w));
        if !second_is_word && openings.iter().any(|o| starts_with_one_slip(&squeezed, o)) {
            return true;
        }
    }
    opens_bio_by_name(line, authors)
}

/// The first 24 letters and marks of `line`, spaces dropped, in lower case: what a bio's
/// opening is compared with.
fn squeezed_opening(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .take(24)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `line` opens a bio without naming anyone (`The writer is…`, `About the
/// author: The author teaches…`).
fn opens_unnamed_bio(line: &str) -> bool {
    let squeezed = squeezed_opening(bio_text(line));
    bio_openings()
        .iter()
        .any(|o| squeezed.starts_with(o.as_str()))
}

/// Whether `line` opens a bio by the writer's role with what they are between commas
/// before the verb (`The writer, a former diplomat, teaches…`).
fn opens_role_with_apposition(line: &str) -> bool {
    let Some((role, rest)) = line.split_once(',') else {
        return false;
    };
    let role: String = role
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if !BIO_ROLES.contains(&role.as_str()) {
        return false;
    }
    let Some((apposition, after)) = rest.split_once(',') else {
        return false;
    };
    apposition.split_whitespace().count() <= 12
        && after
            .split_whitespace()
            .next()
            .is_some_and(|verb| BIO_ROLE_VERBS.contains(&verb))
}

/// `line` past a site's label for a bio (`About the author:`) and the dashes or bullet a
/// bio may open with.
fn bio_text(line: &str) -> &str {
    line[page_chrome::bio_label_len(line)..].trim_start_matches(['—', '–', '-', ' ', '*'])
}

/// Whether `line` (past [`bio_text`]'s label) opens a bio by a writer's name
/// ([`opens_bio`]'s second half): the name, then one of the bio's verbs.
fn opens_bio_by_name(line: &str, authors: &[String]) -> bool {
    // A title before the name (`Dr Jane Doe is a lecturer…`) is no part of it.
    let line = match line.split_once(' ') {
        Some((title, rest)) if NAME_TITLES.contains(&title) => rest.trim_start(),
        _ => line,
    };
    // An author's own name first, ending where a word ends: compared by its ASCII letters
    // alone, so a name glued to the next part (`FarahSiddiqui`) or with letters lost to
    // spaces (`B dker`) still counts.
    let mut words_letters = Vec::new();
    let mut letters = String::new();
    for word in line.split_whitespace().take(8) {
        letters.push_str(&ascii_letters(word));
        words_letters.push(letters.clone());
    }
    // The verb after the name may be glued to it too (`MihaelaCiobanuis`), and the words
    // after the verb (`Peñalozaisa culture writer`, `Wróbelcoversindustry`), or the
    // next writer's name after `and` (`AndrsGlvezandNereaIb ez`).
    let names: Vec<String> = authors.iter().map(|a| ascii_letters(a)).collect();
    let goes_on_as_bio = |rest: &str| {
        rest.is_empty()
            || GLUED_VERBS.iter().any(|verb| {
                rest.strip_prefix(verb)
                    .is_some_and(|after| after.is_empty() || after.starts_with(char::is_lowercase))
            })
            || rest.strip_prefix("and").is_some_and(|after| {
                names
                    .iter()
                    .any(|other| other.len() >= 4 && after.starts_with(other.as_str()))
            })
    };
    let by_full_name = names.iter().any(|name| {
        name.len() >= 4
            && words_letters
                .iter()
                .any(|w| w.strip_prefix(name.as_str()).is_some_and(goes_on_as_bio))
    });
    // A bio may name the writer by the surname alone (`Doe is the paper's transport
    // correspondent`): the byline's last word, then one of the bio's verbs as a word.
    let mut words = line.split_whitespace();
    let (first, second) = (words.next(), words.next());
    by_full_name
        || authors.iter().any(|author| {
            let surname = author.split_whitespace().last().unwrap_or("");
            author.contains(' ')
                && surname.chars().count() >= 3
                && first == Some(surname)
                && second.is_some_and(|verb| GLUED_VERBS.contains(&verb))
        })
}

/// Titles a bio may set before the writer's name.
const NAME_TITLES: &[&str] = &[
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Professor",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Sir",
    "Dame",
];

/// Verbs a bio's opening puts after the writer's name, which a viewer may glue to it.
const GLUED_VERBS: &[&str] = &["is", "was", "writes", "covers", "reports", "teaches"];

/// `bio` with an author's name that opens one of its sentences glued together, to the
/// verb after it too (`MihaelaCiobanuis a health reporter`), spelt as the byline spells
/// it (`Mihaela Ciobanu is`).
pub fn unglue_author_names(
    bio: &MappedText,
    authors: &[String],
    vocabulary: &Vocabulary<'_>,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let text = bio.as_str();
    let tokens: Vec<(usize, &str)> = split_words::space_tokens(text).collect();
    let mut out = MappedText::with_capacity(text.len() + 8, 4);
    let mut copied = 0;
    let mut sentence_start = true;
    for (i, &(at, token)) in tokens.iter().enumerate() {
        let opening = sentence_start && at >= copied;
        // A bio names each writer at a sentence's start, or after a semicolon (`Piotr
        // Wróbel covers industry; Zeynep Aydın is …`).
        sentence_start = token.ends_with(['.', '?', '!', ';']);
        if !opening {
            continue;
        }
        'authors: for author in authors.iter().filter(|a| a.contains(' ')) {
            let glued: String = author.split_whitespace().collect();
            let name_letters = ascii_letters(author);
            // The name's last part glued to what follows may be a token of its own
            // (`Ximena` `Peñalozaisa`) or the whole name one token (`MihaelaCiobanuis`),
            // and the name may have lost letters outside ASCII to spaces too (`ZeynepAyd`
            // `n`).
            let mut joined = String::new();
            for (n, &(_, part)) in tokens[i..].iter().enumerate().take(5) {
                let shorter = joined.len() < glued.len();
                joined.push_str(part);
                if !shorter {
                    break;
                }
                let Some(rest) = name_then_rest(&joined, &name_letters, author) else {
                    continue;
                };
                let Some(after) = verb_and_after(rest, vocabulary) else {
                    continue;
                };
                let end = tokens[i + n].0 + tokens[i + n].1.len();
                if rest.is_empty() && text[at..end] == *author {
                    break 'authors; // as the byline spells it already
                }
                let with = if after.is_empty() {
                    author.clone()
                } else {
                    format!("{author} {after}")
                };
                out.push_slice(bio, copied, at);
                out.push_replacement(&with, bio.position_at(at));
                copied = end;
                edits.push(Edit {
                    pass: "structure",
                    position: bio.position_at(at),
                    before: text[at..end].to_string(),
                    after: with,
                    reason: "the writer's name glued together, spelt as the byline spells it"
                        .into(),
                    confidence: 0.9,
                });
                break 'authors;
            }
        }
    }
    out.push_slice(bio, copied, text.len());
    out
}

/// What follows a writer's name at the start of `joined` (a bio's tokens run together),
/// when its letters are the name's (`name_letters`, its ASCII letters in lower case) with
/// none changed: letters outside ASCII may be lost, and those kept are the name's own
/// (`ZeynepAydn` for Zeynep Aydın, but not `ZeynepAydin`, another spelling).
fn name_then_rest<'j>(joined: &'j str, name_letters: &str, name: &str) -> Option<&'j str> {
    let mut wanted = name_letters.chars().peekable();
    for (at, c) in joined.char_indices() {
        if wanted.peek().is_none() {
            return Some(&joined[at..]);
        }
        if c.is_ascii_alphabetic() {
            if Some(c.to_ascii_lowercase()) != wanted.next() {
                return None;
            }
        } else if !(c.is_alphabetic() && name.contains(c)) {
            return None;
        }
    }
    wanted.peek().is_none().then_some("")
}

/// The words glued after a writer's name in a bio's opening, spaced (`isa` → `is a`,
/// `coversindustry` → `covers industry`): one of [`GLUED_VERBS`], perhaps with an article
/// or a word after it (left glued for the word pass when it is no word: `coverstrade
/// andfinance`), or nothing; `None` for anything else.
fn verb_and_after(rest: &str, vocabulary: &Vocabulary<'_>) -> Option<String> {
    if rest.is_empty() {
        return Some(String::new());
    }
    GLUED_VERBS.iter().find_map(|verb| {
        let after = rest.strip_prefix(verb)?;
        match after {
            "" => Some(verb.to_string()),
            "a" | "an" | "the" => Some(format!("{verb} {after}")),
            _ if after.chars().all(char::is_lowercase) && after.chars().count() >= 3 => {
                if vocabulary.is_known_outside_document(after) {
                    Some(format!("{verb} {after}"))
                } else {
                    Some(rest.to_string())
                }
            }
            _ => None,
        }
    })
}

/// The ASCII letters of `text`, lowercased.
fn ascii_letters(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// True when `text` starts with `prefix` or with it changed by one slip (a letter added,
/// missing or replaced).
fn starts_with_one_slip(text: &str, prefix: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let prefix: Vec<char> = prefix.chars().collect();
    let n = prefix.len();
    [n.saturating_sub(1), n, n + 1]
        .into_iter()
        .filter(|&len| len <= text.len())
        .any(|len| edit_distance(&text[..len], &prefix) <= usize::from(n >= 8))
}

/// The Levenshtein distance of two short strings.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// Whether a blank line stands between lines `a` and `b` that marks a break of the text:
/// blank lines around page furniture (a page break) do not.
fn blank_between(lines: &[PageLine], a: usize, b: usize) -> bool {
    let gap = &lines[a + 1..b];
    gap.iter().any(|l| l.label == Label::Blank)
        && !gap.iter().any(|l| l.label == Label::Furniture && !l.chrome)
}

/// Labels the runs of body lines that repeat text printed elsewhere and start like a
/// sentence: the pull-quote box, wherever the extractor put it.
fn mark_pull_quote_boxes(text: &str, lines: &mut [PageLine], body: &[usize]) {
    let content: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&i| lines[i].label == Label::Body)
        .collect();
    let texts: Vec<&str> = content
        .iter()
        .map(|&i| &text[lines[i].start..lines[i].end])
        .collect();
    let openings = repeats::uncovered_openings(&texts);
    let mut covered: Vec<bool> = openings
        .iter()
        .map(|o| o.as_ref().is_some_and(|o| o.is_empty()))
        .collect();
    // A box dropped into the sentence it quotes, after that sentence's first word or
    // two (`…order. “It` / `It requires the…` / `…bulldozers.` / `requires the…`): its
    // first line is covered but for those words, which end the line before it.
    for k in 1..texts.len().saturating_sub(1) {
        if let Some(opening) = &openings[k] {
            let dropped_in = !opening.is_empty()
                && opening.len() <= 12
                && covered[k + 1]
                && letters_of(&texts[k - 1..k]).ends_with(opening.as_str());
            if dropped_in {
                covered[k] = true;
            }
        }
    }
    // A blank line ends a run (the body's copy of a quote and the box right after it are
    // two runs), unless the extractor put a blank line after nearly every line.
    let gaps = content
        .windows(2)
        .filter(|w| blank_between(lines, w[0], w[1]))
        .count();
    let blank_after_every_line = gaps * 10 > content.len().saturating_sub(1) * 6;
    // The column's full width, in characters (see [`column_width`]): measured once, and
    // only when a run needs it (most articles have no candidate at all).
    let column = std::cell::OnceCell::new();
    let mut candidates = Vec::new();
    let mut k = 0;
    while k < content.len() {
        if !covered[k] {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while k < content.len()
            && covered[k]
            && (blank_after_every_line || !blank_between(lines, content[k - 1], content[k]))
        {
            k += 1;
        }
        // Two twins back to back with no blank line between (furniture between them, or
        // none): the run splits where one part repeats the other.
        if let Some(m) = twin_split(&texts[start..k]) {
            k = start + m;
        }
        let first = texts[start];
        let starts_sentence = first
            .trim_start_matches(['“', '‘', '"', '\''])
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let letters: usize = texts[start..k].iter().map(|t| t.len()).sum();
        // A run of whole lines whose letters are printed again elsewhere: the body's own
        // copy of a quote runs on into more words of its paragraph on the same lines.
        let blank = |a: usize, b: usize| blank_between(lines, a, b);
        let apart = start > 0
            && k < content.len()
            && blank(content[start - 1], content[start])
            && blank(content[k - 1], content[k]);
        // A quote that opens its paragraph, with the sentence running on below it
        // (`“…,”` / `said Gul Rehman`), is the body's own copy, not a box.
        let opens_paragraph = start > 0
            && ends_sentence(texts[start - 1])
            && k < content.len()
            && !blank(content[k - 1], content[k])
            && texts[k].chars().next().is_some_and(char::is_lowercase);
        // A box may quote a clause, in lower case (`they drink too little because…`):
        // then it stands under a sentence's end, where no sentence of the story runs
        // on in lower case, set apart by a blank line or, in copy without blank lines,
        // by its lines, all narrower than the column's; not under another box, whose
        // sentence the story goes on with (`Bats that wake too often during
        // hibernation…` / `during hibernation burn…`).
        let clause_apart = !starts_sentence
            && start > 0
            && !covered[start - 1]
            // Nothing but blank lines between it and the sentence's end above (a line
            // taken for furniture there may have been the box's first).
            && lines[content[start - 1] + 1..content[start]]
                .iter()
                .all(|l| l.label == Label::Blank)
            && ends_sentence(texts[start - 1])
            && first.starts_with(char::is_lowercase)
            && (blank(content[start - 1], content[start]) || {
                let column = *column.get_or_init(|| column_width(lines, &content));
                content[start..k]
                    .iter()
                    .all(|&i| lines[i].chars * 100 < column * 85)
            });
        if (starts_sentence || clause_apart) && letters >= 30 && start > 0 {
            // Its widest line: the last line of a paragraph or a box may be short.
            let width = texts[start..k]
                .iter()
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0);
            candidates.push(BoxCandidate {
                run: start..k,
                letters: letters_of(&texts[start..k]),
                apart,
                opens_paragraph,
                width,
            });
        }
    }
    // Lines of the body's own copy that happen to be whole are a part of the quote; the
    // box holds all of it.
    let whole: Vec<&BoxCandidate> = candidates
        .iter()
        .filter(|c| {
            !candidates
                .iter()
                .any(|o| o.letters.len() > c.letters.len() && o.letters.contains(&c.letters))
        })
        .collect();
    // The column's full width, in characters, which the body's own copy of a quote is
    // set to and a box (narrower, or wider across the columns) is not: measured only
    // when two copies are to be told apart (most articles have no candidate at all).
    let column = if whole.len() > 1 {
        *column.get_or_init(|| column_width(lines, &content))
    } else {
        0
    };
    for &candidate in &whole {
        let twins: Vec<&BoxCandidate> = whole
            .iter()
            .copied()
            .filter(|c| c.letters == candidate.letters)
            .collect();
        let is_box = match twins[..] {
            [_] => !candidate.opens_paragraph,
            _ => twins
                .iter()
                .all(|other| std::ptr::eq(*other, candidate) || candidate.beats(other, column)),
        };
        if is_box {
            for &i in &content[candidate.run.clone()] {
                lines[i].label = Label::PullQuote;
            }
        }
    }
}

/// The width the `content` lines' column is set to, in characters: the 90th percentile
/// of their lengths (a paragraph's last line and a narrower box fall below it).
fn column_width(lines: &[PageLine], content: &[usize]) -> usize {
    percentile(
        &content.iter().map(|&i| lines[i].chars).collect::<Vec<_>>(),
        90,
    )
}

/// Where a run of repeated lines is two copies of one passage back to back: the first
/// line index `m` after which the letters of one part hold all those of the other
/// (`Günter has eaten…` / `A retired tram driver named Günter has eaten…`).
fn twin_split(run: &[&str]) -> Option<usize> {
    const MOST_LINES: usize = 24;
    const LEAST_LETTERS: usize = 20;
    if run.len() < 2 || run.len() > MOST_LINES {
        return None;
    }
    // Of the splits where one part holds the other, the one whose smaller part is
    // largest: the whole of the shorter copy.
    (1..run.len())
        .filter_map(|m| {
            let (a, b) = (letters_of(&run[..m]), letters_of(&run[m..]));
            let twins = a.len() >= LEAST_LETTERS
                && b.len() >= LEAST_LETTERS
                && (a.contains(&b) || b.contains(&a));
            twins.then_some((a.len().min(b.len()), m))
        })
        .max()
        .map(|(_, m)| m)
}

/// A run of lines that repeats text printed elsewhere and starts like a sentence.
#[derive(Debug)]
struct BoxCandidate {
    run: std::ops::Range<usize>,
    letters: String,
    /// Blank lines before and after it.
    apart: bool,
    /// It follows a sentence's end and the next line runs on in lower case.
    opens_paragraph: bool,
    /// Its widest line, in characters: a box is set narrower than the column, or across
    /// the columns.
    width: usize,
}

impl BoxCandidate {
    /// When the body's own copy of the words also fills whole lines, which of the two
    /// twins is the box: the one set apart by blank lines, else the one alone set off
    /// the `column`'s width (narrower, or wider across the columns), else the clearly
    /// narrower one, else the one that does not open a paragraph. Twins alike in all of
    /// these are left to the pull-quote pass.
    fn beats(&self, other: &BoxCandidate, column: usize) -> bool {
        if self.apart != other.apart {
            return self.apart;
        }
        let off_column =
            |c: &BoxCandidate| c.width * 100 < column * 85 || c.width * 100 > column * 115;
        if off_column(self) != off_column(other) {
            return off_column(self);
        }
        if self.width * 100 < other.width * 85 {
            return true;
        }
        if other.width * 100 < self.width * 85 {
            return false;
        }
        !self.opens_paragraph && other.opens_paragraph
    }
}

/// The raw position of the first line of each pull-quote box among the `body` lines.
fn box_starts(doc: &MappedText, lines: &[PageLine], body: &[usize]) -> Vec<Position> {
    let mut starts = Vec::new();
    let mut in_box = false;
    for &i in body {
        match lines[i].label {
            Label::PullQuote if !in_box => {
                starts.push(doc.position_at(lines[i].start));
                in_box = true;
            }
            Label::PullQuote => {}
            Label::Body => in_box = false,
            _ => {}
        }
    }
    starts
}

/// The letters and digits of `texts`, lowercased: what two copies of a quote share.
fn letters_of(texts: &[&str]) -> String {
    let mut letters = String::with_capacity(texts.iter().map(|t| t.len()).sum());
    for c in texts.iter().flat_map(|t| t.chars()) {
        if c.is_ascii() {
            // An ASCII character lowercases to one, without the Unicode tables.
            if c.is_ascii_alphanumeric() {
                letters.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            letters.extend(c.to_lowercase());
        }
    }
    letters
}

/// The body as text: paragraphs separated by one blank line, each pull-quote box as a
/// block of its own after the paragraph it interrupted.
fn build_body(
    doc: &MappedText,
    lines: &[PageLine],
    body: &[usize],
    joined_cap: Option<(usize, MappedText)>,
    opening_box_end: Option<usize>,
    edits: &mut Vec<Edit>,
) -> MappedText {
    let text = doc.as_str();
    let (content, column, blanks) = body_geometry(text, lines, body);
    let ordered = reading_order::restore_reading_order(
        doc,
        lines,
        body,
        joined_cap.as_ref().map(|(at, _)| *at),
        edits,
    );
    let mut out = MappedText::with_capacity(text.len(), content.len() + 8);
    let mut pending_boxes: Vec<usize> = Vec::new();
    let mut previous: Option<usize> = None;
    // Sentences the paragraph being built has finished so far.
    let mut sentences = 0usize;
    let flush_boxes = |out: &mut MappedText, boxes: &mut Vec<usize>| {
        if boxes.is_empty() {
            return;
        }
        out.push_replacement_at_end("\n\n");
        for (n, &b) in boxes.iter().enumerate() {
            if n > 0 {
                out.push_replacement_at_end("\n");
            }
            out.push_slice(doc, lines[b].start, lines[b].end);
        }
        boxes.clear();
    };
    for &i in &ordered {
        match lines[i].label {
            Label::PullQuote => {
                if pending_boxes.is_empty() {
                    edits.push(Edit {
                        pass: "structure",
                        position: doc.position_at(lines[i].start),
                        before: text[lines[i].start..lines[i].end].to_string(),
                        after: "[own block after its paragraph]".into(),
                        reason: "lines repeating the body set apart: a pull-quote box".into(),
                        confidence: 0.7,
                    });
                }
                pending_boxes.push(i);
                continue;
            }
            Label::Body => {}
            _ => continue,
        }
        if let Some(p) = previous {
            // A line read out of order (a block moved back, or the block after a moved
            // one) stands as if a blank line separated it from the line before.
            let in_order = p < i;
            let blank = !in_order || blank_between(lines, p, i);
            // Page furniture between two lines hides whether a blank line stood there:
            // the lines' geometry decides, as in copy without blank lines.
            let furniture = in_order
                && lines[p + 1..i]
                    .iter()
                    .any(|l| l.label == Label::Furniture && !l.chrome);
            let by_blanks = blanks && !furniture;
            // The body's opening box (key points under the headline) ends its last
            // item: the byline's lines stood between it and the first paragraph.
            let after_opening_box = Some(p) == opening_box_end;
            let breaks = after_opening_box
                || paragraph_breaks(
                    text, &lines[p], &lines[i], blank, by_blanks, column, sentences,
                );
            if ends_sentence(&text[lines[p].start..lines[p].end]) {
                sentences += 1;
            }
            if breaks {
                sentences = 0;
                flush_boxes(&mut out, &mut pending_boxes);
                out.push_replacement_at_end("\n\n");
            } else {
                out.push_replacement_at_end("\n");
            }
        }
        match &joined_cap {
            Some((at, joined)) if *at == i => out.push_mapped(joined),
            _ => out.push_slice(doc, lines[i].start, lines[i].end),
        }
        sentences += sentences_inside(&text[lines[i].start..lines[i].end]);
        previous = Some(i);
    }
    flush_boxes(&mut out, &mut pending_boxes);
    out
}

/// The measure body lines were set to.
#[derive(Debug, Clone, Copy)]
struct Column {
    /// A full line's set width ([`glyph_widths`], thousandths of an em): what a short
    /// line and a line's room left are judged by.
    measure: usize,
    /// The lines were never wrapped: each is a paragraph as a web page's copy gives it.
    /// They are wider than a page's column sets ([`UNWRAPPED_WIDTH`]) and most fall well
    /// short of the widest, where wrapped lines fill their column but a paragraph's last.
    unwrapped: bool,
}

/// What paragraph breaks are judged by, for the `body` lines: its content lines, the
/// column they were set to, and whether blank lines mark its paragraphs.
fn body_geometry(text: &str, lines: &[PageLine], body: &[usize]) -> (Vec<usize>, Column, bool) {
    let content: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&i| lines[i].label == Label::Body)
        .collect();
    let widths: Vec<usize> = content.iter().map(|&i| lines[i].chars).collect();
    let width = percentile(&widths, 90);
    let full = widths.iter().filter(|&&w| w * 100 >= width * 85).count();
    let unwrapped = width > UNWRAPPED_WIDTH && full * 2 < widths.len();
    // Justified lines' natural widths spread below the measure they were set to (the
    // tight ones above it), so the full line is nearer the 70th percentile than the
    // 90th (dev split: paragraphs 0.77 at the 90th, 0.79 at the 60th to 75th).
    let set: Vec<usize> = content.iter().map(|&i| lines[i].width as usize).collect();
    let measure = percentile(&set, 70);
    let blanks = blank_lines_mark_paragraphs(text, lines, &content);
    (content, Column { measure, unwrapped }, blanks)
}

/// Whether a paragraph ends between the body lines `prev` and `next`, when the
/// paragraph so far has finished `sentences` sentences before `prev`'s end.
///
/// Without blank lines to go by, a full line that ends a sentence is weak evidence
/// alone: in news copy it ends a paragraph about one time in ten after the paragraph's
/// first sentence, but four times in five after its second or third (measured on the
/// dev split's pypdf, pdftotext and e-paper copies: news paragraphs run one to three
/// sentences).
#[allow(clippy::too_many_arguments)]
fn paragraph_breaks(
    text: &str,
    prev: &PageLine,
    next: &PageLine,
    blank_between: bool,
    blanks_mark_paragraphs: bool,
    column: Column,
    sentences: usize,
) -> bool {
    let prev_text = &text[prev.start..prev.end];
    let next_text = &text[next.start..next.end];
    // A dateline set on its own line (`ISLAMABAD:`) opens the paragraph after it, across
    // a blank line too.
    if grammar::is_dateline_alone(prev_text) {
        return false;
    }
    // A quotation closed after a comma runs on to who said it (`afraid of the screen,”` /
    // `Mureșan said.`).
    if runs_on_to_attribution(prev_text, next_text) {
        return false;
    }
    // An item of a bulleted list starts its own paragraph.
    if crate::clean::emit::list_item_text(next_text).is_some() {
        return true;
    }
    let next_starts = next_text
        .trim_start_matches(['“', '‘', '"', '\'', '—', '–'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || next_text.starts_with(['“', '‘', '"', '—']);
    let next_continues = next_text.chars().next().is_some_and(char::is_lowercase);
    if blanks_mark_paragraphs {
        // Only a sentence cut by a page or column break runs on across a blank line.
        // (Breaking a block where a line that ends a sentence is short or left room
        // was tried for pdftotext's blocks that hold two paragraphs: +0.01 on one dev
        // family, but it split ragged paragraphs of the bench corpora.)
        return blank_between && (ends_sentence(prev_text) || !next_continues);
    }
    // No blank lines to go by: a short line that ends a sentence ends its paragraph when
    // the next line starts one; a blank line after a short line ends one too (a column
    // break comes after a full line).
    let measure = column.measure;
    let short = prev.width as usize * 100 < measure * 85;
    // Lines are filled greedily: when the next line's first word would have fitted on
    // this one, this one ended a paragraph.
    let next_word = next_text
        .split(' ')
        .next()
        .map_or(0, glyph_widths::line_width);
    let room_left = (prev.width + glyph_widths::SPACE + next_word) < measure as u32;
    let long_enough = sentences + 1 >= 2;
    // Lines longer than any column or page sets are not wrapped at all: each is a
    // paragraph as a web page's copy gives it, and a line ends its paragraph when the
    // next starts one, a sentence's end or not (a crosshead, the name under a quote).
    (short && blank_between && !next_continues)
        || (short && next_starts && crate::clean::pullquote::is_box_attribution(prev_text, &[]))
        || (column.unwrapped && next_starts)
        || (ends_sentence(prev_text)
            && next_starts
            && (short || room_left || blank_between || long_enough))
}

/// Whether `prev` closes a quotation after a comma and `next` opens with who said it: a
/// verb of saying among its first four words (`Mureșan said.`, `said Dr Elena Pop`).
fn runs_on_to_attribution(prev: &str, next: &str) -> bool {
    let trimmed = prev.trim_end_matches(['”', '’', '"', '\'']);
    trimmed.len() < prev.len()
        && trimmed.ends_with(',')
        && next.split_whitespace().take(4).any(|w| {
            crate::clean::pullquote::is_attribution_verb(
                w.trim_matches(|c: char| !c.is_alphabetic()),
            )
        })
}

/// The line width, in characters, beyond which a copy's lines may be unwrapped
/// paragraphs: wider than a page's single column at the smallest body type.
const UNWRAPPED_WIDTH: usize = 120;

/// Abbreviations that stand before a name with a full stop (`Mr. Khan`).
const TITLE_ABBREVIATIONS: &[&str] = &[
    "capt", "col", "dr", "gen", "gov", "jr", "lt", "mr", "mrs", "ms", "no", "prof", "rep", "rev",
    "sen", "sgt", "sr", "st", "vs",
];

/// Sentences that end inside `line` (a full stop, question or exclamation mark, then a
/// space and a capital or an opening quote), not counting its last.
fn sentences_inside(line: &str) -> usize {
    let mut count = 0;
    for (at, mark) in line.char_indices() {
        if !matches!(mark, '.' | '?' | '!') {
            continue;
        }
        let rest = line[at + 1..].trim_start_matches(['”', '’', '"', ')']);
        let Some(after) = rest.strip_prefix(' ') else {
            continue;
        };
        let word_start = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(at, |(i, _)| i);
        let word = line[word_start..at].to_lowercase();
        // `U.S.`, `Mr.`, `Gen.`: a lone letter or a title's abbreviation ends no sentence.
        let abbreviation =
            word.chars().count() == 1 || TITLE_ABBREVIATIONS.contains(&word.as_str());
        if !abbreviation
            && after
                .trim_start_matches(['“', '‘', '"'])
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            count += 1;
        }
    }
    count
}

/// True when the copy marks paragraphs with blank lines: blank gaps are common among the
/// body lines and nearly all follow a line that ends a sentence.
fn blank_lines_mark_paragraphs(text: &str, lines: &[PageLine], content: &[usize]) -> bool {
    let mut gaps = 0;
    let mut after_sentence = 0;
    for pair in content.windows(2) {
        if blank_between(lines, pair[0], pair[1]) {
            gaps += 1;
            if ends_sentence(&text[lines[pair[0]].start..lines[pair[0]].end]) {
                after_sentence += 1;
            }
        }
    }
    gaps >= 2
        && (gaps * 4 >= content.len()
            || (gaps * 12 >= content.len() && after_sentence * 10 >= gaps * 8))
}

fn percentile(values: &[usize], p: usize) -> usize {
    if values.is_empty() {
        return 0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_matches_the_plain_chain() {
        let plain = |texts: &[&str]| -> String {
            texts
                .iter()
                .flat_map(|t| t.chars())
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let samples = [
            "The Accoun-tants, 1,200 “It",
            "İstanbul ǅemal ÉTÉ straße ﬁsh Σίσυφος — ½ ²",
            "",
            "a\u{301}b\u{a0}C",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(letters_of(&[a, b]), plain(&[a, b]), "{a:?} {b:?}");
            }
        }
    }
    use crate::clean::words::WordContext;

    fn clean(raw: &str) -> crate::article::Article {
        let context = WordContext::default();
        crate::clean::clean_text(raw.as_bytes(), std::path::Path::new("t.txt"), &context)
            .expect("cleans")
            .article
    }

    #[test]
    fn names_under_the_date_are_the_writers_unless_a_sentence_runs_on() {
        let story = "The county council voted on Tuesday to close two of its\n\
                     five recycling centres from next spring, saying the savings\n\
                     would pay for a weekly food waste collection.\n\
                     Residents in the villages served by the two sites will have\n\
                     to drive up to 14 miles to the nearest remaining centre.\n";
        let head = "Council to close two recycling centres\n\
                    The savings will pay for a weekly collection, but villagers\n\
                    face longer drives.\n";
        let article = clean(&format!("{head}March 12, 2024\nHelen Marsh\n{story}"));
        assert_eq!(article.front.authors, ["Helen Marsh"]);
        assert!(article.body.starts_with("The county council voted"));
        // A line glued by a viewer that opens the story under the byline block is no
        // writer's name: its sentence runs on below it.
        let glued = "Ashipyardin Gdańsk has\nsigned a contract to build eight ferries.\n";
        let article = clean(&format!(
            "{head}By Piotr Wróbel\n30 September 2025\n{glued}{story}"
        ));
        assert_eq!(article.front.authors, ["Piotr Wróbel"]);
    }

    #[test]
    fn a_block_read_out_of_column_order_goes_back_after_its_sentence() {
        let raw = "Bakers close on Tuesdays\n\nBy Jane Doe | 3 May 2024\n\n\
            Bakers in the old quarter have begun closing on Tuesdays.\nThe oven costs too much.\n\n\
            have stopped making pastries\naltogether. Others wait.\n\n\
            The chamber of trades estimates\nthat flour rose by a third.\n\n\
            Customers have noticed. A few\nbakers\n\n\
            The government has promised help\nfor small shops this winter.\n";
        let article = clean(raw);
        assert!(
            article.body.contains(
                "Customers have noticed. A few bakers have stopped making pastries altogether."
            ),
            "{}",
            article.body
        );
        assert!(
            article.body.find("The chamber") < article.body.find("Customers"),
            "{}",
            article.body
        );
    }

    /// The body of a bakers' story whose blocks after the first are `blocks`, cleaned.
    fn bakers_body(blocks: &[&str]) -> String {
        let raw = format!(
            "Bakers close on Tuesdays\n\nBy Jane Doe | 3 May 2024\n\n\
             Bakers in the old quarter have begun closing on Tuesdays.\nThe oven costs too much.\n\n\
             {}\n",
            blocks.join("\n\n")
        );
        clean(&raw).body
    }

    /// Whether `texts` stand in `body` in this order.
    fn in_order(body: &str, texts: &[&str]) -> bool {
        let at: Vec<usize> = texts.iter().map(|t| body.find(t).expect(t)).collect();
        at.windows(2).all(|w| w[0] < w[1])
    }

    /// The bakers' broken-off foot (`…A few bakers`) came up, joined to the block that
    /// goes on with its sentence, before the blocks read between them.
    fn assert_foot_brought_up(body: &str) {
        assert!(
            body.contains("A few bakers have stopped making pastries altogether."),
            "{body}"
        );
        assert!(
            in_order(
                body,
                &["The chamber", "Customers", "The government", "Flour prices"]
            ),
            "{body}"
        );
    }

    /// The bakers' displaced block went down after the foot instead, behind the blocks
    /// read between them.
    fn assert_top_moved_down(body: &str) {
        assert!(
            in_order(
                body,
                &["The chamber", "The government", "Customers", "Flour prices"]
            ),
            "{body}"
        );
    }

    #[test]
    fn a_column_foot_read_after_the_next_page_top_is_brought_up_to_its_page() {
        // pdftotext read page 2's top (`have stopped…`, just after page 1's folio) before
        // page 1's last block (`…A few bakers`): the blocks between are page 2's, so
        // the broken-off block moves up, not the page's top down.
        let blocks = [
            "The chamber of trades estimates\nthat flour rose by a third.",
            "The Daily Courier | Page 1",
            "have stopped making pastries\naltogether. Others wait.",
            "The government has promised help\nfor small shops this winter.",
            "Customers have noticed. A few\nbakers",
            "Flour prices may fall next spring,\nthe ministry said.",
        ];
        let body = bakers_body(&blocks);
        assert_foot_brought_up(&body);
        assert!(!body.contains("Courier"), "{body}");
        // Without the page break the page's top is what moves, down after the foot.
        let mut no_break = blocks;
        no_break[1] = "Prices are set weekly.";
        let body = bakers_body(&no_break);
        assert_top_moved_down(&body);
    }

    #[test]
    fn a_column_top_read_with_its_pull_quote_box_goes_after_the_foot_it_continues() {
        // pdftotext read the next column's top (`have stopped…`), the pull-quote box
        // that interrupts that column and the block under the box before the foot of the
        // column to its left (`…A few bakers`): the box right after the displaced block
        // says the blocks down to the foot are its column's, so the foot comes up.
        let blocks = [
            "The chamber of trades estimates\nthat flour rose by a third.",
            "have stopped making pastries\naltogether. Some owners now\nwork through the night to\nkeep their ovens busy.",
            "Some owners now work\nthrough the night",
            "The government has promised help\nfor small shops this winter.",
            "Customers have noticed. A few\nbakers",
            "Flour prices may fall next spring,\nthe ministry said.",
        ];
        let body = bakers_body(&blocks);
        assert_foot_brought_up(&body);
        // With no box after it the displaced block moves down, after the foot.
        let no_box: Vec<&str> = blocks
            .iter()
            .copied()
            .filter(|b| !b.starts_with("Some"))
            .collect();
        let body = bakers_body(&no_box);
        assert_top_moved_down(&body);
    }

    #[test]
    fn two_columns_read_in_alternation_go_back_one_after_the_other() {
        let body = bakers_body(&[
            "have stopped making pastries\naltogether. Others wait.",
            "The chamber of trades estimates\nthat flour rose by a third.",
            "The supermarket chains buy\nin bulk, a spokesman said.",
            "Customers have noticed. A few\nbakers",
            "The government has promised help\nfor small shops this winter.",
        ]);
        assert!(
            body.contains(
                "Customers have noticed. A few bakers have stopped making pastries altogether."
            ) && in_order(
                &body,
                &[
                    "Bakers in",
                    "The chamber",
                    "Customers",
                    "The supermarket",
                    "The government"
                ]
            ),
            "{body}"
        );
    }

    #[test]
    fn three_columns_read_in_alternation_go_back_one_after_the_other() {
        let body = bakers_body(&[
            "have stopped making pastries\naltogether. Others wait.",
            "that the season was over,\nthe baker said.",
            "Customers have noticed. A few\nbakers",
            "The mayor said the shops\nwould learn",
            "The government has promised help\nfor small shops this winter.",
        ]);
        assert!(
            body.contains("A few bakers have stopped making pastries altogether.")
                && body.contains("would learn that the season was over, the baker said.")
                && in_order(
                    &body,
                    &["Bakers in", "Customers", "The mayor", "The government"]
                ),
            "{body}"
        );
    }

    #[test]
    fn a_drop_cap_printed_after_the_paragraph_it_begins_joins_its_opening() {
        let raw = "Bakers close on Tuesdays\n\nBy Jane Doe | 3 May 2024\n\n\
            akers in the old quarter have begun\nclosing on Tuesdays.\n\nB\n\n\
            ing in the spring. The oven costs\ntoo much, they say.\n";
        let body = clean(raw).body;
        assert!(
            body.starts_with("Bakers in the old quarter") && !body.contains("Bing"),
            "{body}"
        );
        // A body that opens in capitals leaves a later lone letter where it is.
        let raw = "Bakers close on Tuesdays\n\nBy Jane Doe | 3 May 2024\n\n\
            Bakers in the old quarter have begun\nclosing on Tuesdays.\n\nB\n\n\
            akers say the oven costs\ntoo much.\n";
        let body = clean(raw).body;
        assert!(body.starts_with("Bakers in the old quarter"), "{body}");
        assert!(body.contains("Bakers say the oven"), "{body}");
    }

    #[test]
    fn a_co_author_spelt_alike_in_two_languages_is_read_in_the_bylines_language() {
        // `In s` fits the Portuguese Inês and the Spanish Inés alike; the co-author's
        // restored Ângelo speaks for Portuguese.
        let raw = "Dams on the river\n\nBy Miguel ngelo Sarmento & In s Lopes\n\n\
            The river rose again on Monday, and the farmers moved their pumps uphill.\n";
        assert_eq!(
            clean(raw).front.authors,
            ["Miguel Ângelo Sarmento", "Inês Lopes"]
        );
        // Alone, the byline gives no language to choose by.
        let raw = "Dams on the river\n\nBy In s Lopes\n\n\
            The river rose again on Monday, and the farmers moved their pumps uphill.\n";
        assert_eq!(clean(raw).front.authors, ["In s Lopes"]);
    }

    #[test]
    fn a_name_restored_from_the_list_mends_the_byline_and_body_on_a_second_reading() {
        // The article prints Öztürk only damaged; `Özt rk` is found in the list, and
        // with it the byline's and the body's `zt rk`.
        let raw = "Bakers close on Tuesdays\n\nBy Mehmet zt rk | 3 May 2024\n\n\
            The bakery opened again on Monday, and Yusuf Özt rk said the oven ran well.\n\n\
            zt rk, 58, has baked here since he was fifteen.\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Mehmet Öztürk"]);
        assert!(
            article.body.contains("Yusuf Öztürk said") && article.body.contains("Öztürk, 58,"),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_web_pages_age_notice_name_with_job_and_agency_caption_are_read() {
        // An old article's notice over the headline, the job after the name with no
        // comma, and a caption ending with its agency and no label.
        let raw = "Environment\n\
            This article is more than 2 years old\n\
            Harbour dredging approved despite objections\n\
            Board says the work will keep the port open to larger ships\n\
            Jane Doe Environment correspondent\n\
            Fri 3 May 2024 10.32 BST\n\
            The harbour board has approved a plan to dredge the outer channel, despite objections from fishermen who say the work will ruin the spawning grounds.\n\
            Fishing boats moored in the inner harbour, Getty Images\n\
            The board voted six to two in favour on Thursday evening, after a four-hour meeting in which more than thirty people spoke.\n\
            Work is due to begin in September.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title.as_str(),
            "Harbour dredging approved despite objections"
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Board says the work will keep the port open to larger ships")
        );
        assert_eq!(article.front.authors, ["Jane Doe"]);
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 3, "{}", article.body);
        assert!(!article.body.contains("Getty"), "{}", article.body);
        // Every line taken out is recorded, with where it stood.
        let context = WordContext::default();
        let edits =
            crate::clean::clean_text(raw.as_bytes(), std::path::Path::new("t.txt"), &context)
                .expect("cleans")
                .edits;
        let dropped = |text: &str| {
            edits
                .iter()
                .find(|e| e.pass == "structure" && e.before == text)
                .map(|e| (e.position.line, e.after.as_str()))
        };
        assert_eq!(
            dropped("This article is more than 2 years old"),
            Some((2, ""))
        );
        assert_eq!(
            dropped("Fishing boats moored in the inner harbour, Getty Images"),
            Some((8, ""))
        );
        assert_eq!(
            dropped("Jane Doe Environment correspondent"),
            Some((5, "[front matter: authors and date]"))
        );
    }

    #[test]
    fn a_web_page_copied_without_blank_lines_keeps_its_byline_paragraphs_and_bio() {
        // Name over role, a time after the date, a listen button, a captioned photo, a
        // newsletter sign-up, and every paragraph one unwrapped line.
        let raw = "Home / World / Asia\n\
            Border crossing to reopen after talks in Doha\n\
            Officials from both sides said trade would resume within a week.\n\
            Jane Doe\n\
            Asia Correspondent\n\
            Published 3 May 2024, 10:32 BST\n\
            Listen to this article\n\
            Lorries wait at the crossing on Thursday. Photo: AFP\n\
            The two governments agreed on Friday to reopen the main crossing between them, ending a standoff that had stranded thousands of lorries for two weeks.\n\
            The agreement came after two days of talks hosted by Qatar, which officials on both sides described as frank but constructive.\n\
            Traders welcomed the news but said their losses had already run into millions of dollars over the fortnight.\n\
            Sign up for our newsletter\n\
            Jane Doe is the paper's Asia correspondent, based in Islamabad.\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Jane Doe"]);
        assert_eq!(
            article.front.date.map(|d| d.date().to_string()).as_deref(),
            Some("2024-05-03")
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Officials from both sides said trade would resume within a week.")
        );
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Jane Doe is the paper's Asia correspondent, based in Islamabad.")
        );
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 3, "{}", article.body);
        assert!(
            paragraphs[0].starts_with("The two governments"),
            "{}",
            article.body
        );
        for chrome in ["Listen", "Photo", "Sign up", "Correspondent"] {
            assert!(!article.body.contains(chrome), "{chrome}: {}", article.body);
        }
    }

    #[test]
    fn a_dateline_on_its_own_line_opens_the_first_paragraph_and_a_lone_role_is_meta() {
        let raw = "Border crossing to reopen after talks\n\nStaff Reporter\n\nISLAMABAD:\n\n\
            The two governments agreed on Friday to reopen the main crossing between them.\n\n\
            The agreement came after two days of talks hosted by Qatar.\n";
        let article = clean(raw);
        assert!(
            article
                .body
                .starts_with("ISLAMABAD: The two governments agreed"),
            "{}",
            article.body
        );
        assert!(!article.body.contains("Reporter"), "{}", article.body);
        // A section's name over the headline stays the kicker.
        let raw = "Business\n\nBorder crossing to reopen after talks\n\nBy Jane Doe\n\n\
            The two governments agreed on Friday to reopen the main crossing between them.\n";
        assert_eq!(clean(raw).front.kicker.as_deref(), Some("Business"));
    }

    #[test]
    fn a_bio_after_a_sites_label_is_the_bio_without_it() {
        let raw = "Border crossing to reopen after talks\n\nBy Jane Doe\n\n\
            The two governments agreed on Friday to reopen the main crossing between them.\n\n\
            About the author: Jane Doe is a journalist based in Lahore.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Jane Doe is a journalist based in Lahore.")
        );
        assert!(!article.body.contains("About"), "{}", article.body);
    }

    #[test]
    fn wide_wrapped_lines_are_not_taken_for_unwrapped_paragraphs() {
        // A wide page's column (about 130 characters): most lines are full, so a full
        // line that ends a sentence goes on in the same paragraph.
        let raw = "Council argues over bridge repairs\n\nBy Jane Doe | 3 May 2024\n\n\
            The council met on Monday evening to discuss the budget for the coming year, and the debate ran very late as the members argued.\n\
            Repairs to the old bridge over the river took most of the time, because the engineers had found cracks in two of its piers in the\n\
            spring survey of the river crossings, and the work, they said, could not wait another winter without a real risk to the traffic.\n\
            Opposition members asked why the survey had not been published sooner, and the officers promised to release it within the week,\n\
            with the costs.\n";
        let article = clean(raw);
        let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{}", article.body);
        assert!(paragraphs[0].contains("members argued. Repairs to the old bridge"));
    }

    #[test]
    fn a_byline_in_capitals_takes_the_spelling_the_bio_prints() {
        let raw = "Markets rally as rates hold steady\n\nBY JANE MCDONALD · 3 May 2024\n\n\
            Shares rose across the region on Monday after the bank held its rate.\n\n\
            Jane McDonald covers markets for the business desk.\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Jane McDonald"]);
        assert_eq!(
            article.front.date.map(|d| d.date().to_string()).as_deref(),
            Some("2024-05-03")
        );
    }

    /// A printed column with no blank lines: the name under a pull-quote box, after a
    /// dash, is a line of its own, not the start of the next paragraph.
    #[test]
    fn the_name_under_a_pull_quote_box_ends_its_line() {
        let raw = "Towns brace for a wetter winter\nBY JANE DOE\n12 January 2025\n\
            The harbour wall at Kettlebridge was\nmeant to be finished by October. It is\n\
            not, and the town council admits it will\nnot be ready before the spring tides.\n\
            “We have done what we could with\nthe money we had,” said the council’s\n\
            engineer, Maren Holt. “But the sea does\nnot wait for the budgets we set.”\n\
            “But the sea does not\nwait for the budgets\nwe set.”\n— Maren Holt\n\
            Residents who lost their homes two\nwinters ago are watching the sky. Many\n\
            still live in rented flats inland.\n";
        let article = clean(raw);
        assert!(!article.body.contains("Holt Residents"), "{}", article.body);
        assert!(
            article.body.contains("\n\nResidents who lost"),
            "{}",
            article.body
        );
    }

    /// `AYDIN` is Aydın in capitals (ı is I), and the bio prints Aydın: the byline's name
    /// is that, never an ASCII reading with a letter made up after it.
    #[test]
    fn a_byline_in_capitals_takes_a_turkish_spelling_the_bio_prints() {
        let raw = "Towns brace for a wetter winter\n\nBY ZEYNEP AYDIN\n\n12 January 2025\n\n\
            The harbour wall was meant to be finished by October, and it is not.\n\n\
            Zeynep Aydın covers the coast for the Courier.\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Zeynep Aydın"]);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Zeynep Aydın covers the coast for the Courier.")
        );
        // With no other spelling printed, the ASCII one English papers use stays.
        let raw = "Towns brace for a wetter winter\n\nBY ZEYNEP AYDIN\n\n12 January 2025\n\n\
            The harbour wall was meant to be finished by October, and it is not.\n";
        assert_eq!(clean(raw).front.authors, ["Zeynep Aydin"]);
    }

    #[test]
    fn a_byline_whose_names_all_lost_their_first_letters_is_still_a_byline() {
        // Ömer Şahin with both capitals lost to spaces, as raw text keeps them.
        let raw = "Ferry talks resume in Izmir

By  mer  ahin

            The ferry operators met on Monday. His daughter, Nazl , said the talks went well.
";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Ömer Şahin"]);
        assert!(
            article.body.contains("daughter, Nazlı, said"),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_section_word_repeated_over_a_later_page_is_a_running_head() {
        let raw = "News\n\nBakers close on Tuesdays\n\nBy Jane Doe | 3 May 2024\n\n\
            Bakers in the old quarter have begun closing on Tuesdays,\nand the chamber of trades says\n\n\
            2\n\nNews\n\nthe oven costs too much to fire every day.\n";
        let article = clean(raw);
        assert!(
            article.body.contains("says the oven costs") && !article.body.contains("News"),
            "{}",
            article.body
        );
        assert_eq!(article.front.kicker.as_deref(), Some("News"));
    }

    #[test]
    fn a_paragraph_starting_in_lower_case_stays_without_a_broken_sentence() {
        let raw = "Phones sell well\n\nBy Jane Doe | 3 May 2024\n\n\
            Sales of phones rose again in the spring.\nShops were busy.\n\n\
            iPhone sales led the rise,\nthe company said.\n\n\
            Prices fell in the summer.\nShops were busy again.\n";
        let article = clean(raw);
        let body = &article.body;
        assert!(
            body.find("Sales of phones") < body.find("iPhone")
                && body.find("iPhone") < body.find("Prices fell"),
            "{body}"
        );
    }

    #[test]
    fn running_heads_above_the_kicker_are_not_the_headline() {
        let raw = "MORNING STAR\n\nCulture\n\nCulture\n\n\
            In Oaxaca, a brass band festival finds its second wind\n\
            After three cancelled editions, the Festival de Bandas de Viento de la Sierra returns with 60 village\n\
            ensembles, a new youth stage and a small budget.\n\
            Ximena Pe aloza, Special Correspondent\nSunday, July 24, 2022\n\n\
            The first tubas could be heard from the hills above the town.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "In Oaxaca, a brass band festival finds its second wind"
        );
        assert_eq!(article.front.kicker.as_deref(), Some("Culture"));
        assert_eq!(article.front.authors, vec!["Ximena Peñaloza".to_string()]);
    }

    #[test]
    fn an_issue_date_at_the_top_is_furniture_when_a_byline_follows() {
        let raw = "The Plain Dealer-Review\n\nJune 28, 2024\n\nCITY\n\n\
            Valencia council approves water tariff\noverhaul after marathon session\n\
            By Andrés Gálvez & Nerea Ibáñez|Jun. 28, 2024\n\n\
            Valencia’s city council approved a sweeping reform late on Thursday.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "Valencia council approves water tariff overhaul after marathon session"
        );
        assert_eq!(article.front.kicker.as_deref(), Some("CITY"));
        assert_eq!(article.front.authors.len(), 2);
    }

    #[test]
    fn sentences_inside_a_line_are_counted_without_abbreviations() {
        assert_eq!(sentences_inside("It rained. Then it stopped. And"), 2);
        assert_eq!(sentences_inside("Mr. Khan met U.S. officials in"), 0);
        assert_eq!(sentences_inside("he said. “We will"), 1);
        assert_eq!(sentences_inside("the end."), 0);
    }

    #[test]
    fn a_full_line_ending_a_second_sentence_ends_its_paragraph() {
        // No blank lines and every line full: only the sentences tell.
        let raw = "Ferries stop for the winter\nBy Jane Doe | 3 May 2024\n\
            The island ferry will stop running in November, the operator\n\
            said on Monday. Its two boats need new engines before spring.\n\
            Residents say the decision leaves them without a link to town\n\
            for four months. The council has asked for a replacement bus.\n";
        let article = clean(raw);
        assert!(
            article.body.contains("before spring.\n\nResidents say"),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_running_head_of_date_then_paper_is_furniture_and_the_kicker_stays() {
        // The date, then the paper's name, each its own line at the top of the page.
        let raw = "Friday, June 28, 2024\n\nThe Lakeside Observer\n\nCITY\n\n\
            Valencia council approves\nwater tariff overhaul\n\
            The new structure charges heavy users more and cuts bills for small\n\
            households, the council said.\nBy Ana Ruiz\n28 June 2024\n\n\
            The council voted on Tuesday after a session of eleven hours.\n\nPage 1\n";
        let article = clean(raw);
        assert_eq!(article.front.kicker.as_deref(), Some("CITY"));
        assert_eq!(
            article.front.title,
            "Valencia council approves water tariff overhaul"
        );
        // The paper's name, then the date: the line under them is still the kicker.
        let raw = "Coastal Daily\n\nWednesday, July 9, 2025\n\nAgriculture\n\n\
            Frost damage leaves growers\ncounting the cost\n\
            Small farmers say a cold snap destroyed a third of their trees, and replanting\n\
            will take years.\nBy Ana Ruiz\nPublished Jul. 9, 2025\n\n\
            The frost came in the last week of June and stayed for three nights.\n\n\
            Coastal Daily\n";
        let article = clean(raw);
        assert_eq!(article.front.kicker.as_deref(), Some("Agriculture"));
        assert_eq!(
            article.front.title,
            "Frost damage leaves growers counting the cost"
        );
        // A kicker of two words in capitals under the date at the top (the paper's name
        // printed elsewhere): no paper's name, for it does not end as one does.
        let raw = "Wednesday 9 October 2024\n\n\
            DIPLOMATIC IMPASSE\n\nTrade talks end\nwithout a deal\n\
            Officials agreed to meet again within six weeks.\nBy Ana Ruiz\n\n\
            Two days of talks ended on Tuesday without agreement.\n";
        let article = clean(raw);
        assert_eq!(article.front.kicker.as_deref(), Some("DIPLOMATIC IMPASSE"));
        assert_eq!(article.front.title, "Trade talks end without a deal");
    }

    #[test]
    fn a_running_head_printed_last_that_names_the_kicker_stays_out_of_the_bio() {
        // pypdf prints the page's head after the bio, with no folio after it.
        let raw = "SCIENCE\nBats return to the caves\nBy Tereza Dvořáková | 3 May 2024\n\
            Bats are back in the Moravian caves, the survey says.\n\
            The writer is a science reporter based in Brno.\nVALLEY RECORD Science";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("The writer is a science reporter based in Brno.")
        );
        // A last line in capitals that names nothing printed at the top stays.
        let raw = "SCIENCE\nBats return to the caves\nBy Tereza Dvořáková | 3 May 2024\n\
            Bats are back in the Moravian caves, the survey says.\n\
            The writer is a science reporter based in Brno.\nVALLEY RECORD Weather";
        let article = clean(raw);
        assert_ne!(
            article.front.bio.as_deref(),
            Some("The writer is a science reporter based in Brno.")
        );
    }

    #[test]
    fn a_running_head_of_date_and_paper_printed_last_stays_out_of_the_bio() {
        let bio = "The writer is a science reporter based in Brno.";
        for head in [
            "29 January 2020 MORNING STAR",
            "13 January 2026 The Lakeside Observer",
            "The Lakeside Observer 13 January 2026",
        ] {
            let raw = format!(
                "Bats return to the caves\nBy Tereza Dvořáková\n3 May 2024\n\
                Bats are back in the Moravian caves, the survey says.\n{bio}\n{head}"
            );
            assert_eq!(clean(&raw).front.bio.as_deref(), Some(bio), "{head}");
        }
        // A last sentence that opens with a date is prose.
        let raw = "Bats return to the caves\nBy Tereza Dvořáková\n3 May 2024\n\
            Bats are back in the Moravian caves, the survey says.\n\
            The count ends on\n29 January 2020 at Brno.";
        assert!(clean(raw).body.contains("29 January 2020 at Brno."));
        assert!(!is_dated_running_head("29 January 2020 at Brno"));
        assert!(!is_dated_running_head("Monday 3 May"));
    }

    #[test]
    fn a_web_pages_chrome_is_dropped_and_its_breadcrumb_gives_the_kicker() {
        let raw = "Home › Transport\n\
            Tram line opens two years late\n\
            By Ana Silva\n3 May 2024\n5 min read\n\
            FacebookTwitterWhatsAppEmail\n\
            (Photo: Reuters)\n\n\
            The new tram line opened on Monday, two years after the date first promised.\n\n\
            Advertisement\n\n\
            Riders said the trams were full by eight in the morning.\n\n\
            Read more: Port strike enters its second week\n\n\
            The city says a second line will follow in 2030.\n\n\
            About the author\n\n\
            Ana Silva covers transport for the paper.\n\n\
            Tags: Transport, City\n";
        let article = clean(raw);
        assert_eq!(article.front.kicker.as_deref(), Some("Transport"));
        assert_eq!(article.front.title, "Tram line opens two years late");
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Ana Silva covers transport for the paper.")
        );
        for chrome in [
            "min read",
            "Facebook",
            "Photo",
            "Advertisement",
            "Read more",
            "Tags",
        ] {
            assert!(!article.body.contains(chrome), "{chrome}: {}", article.body);
        }
        assert!(article.body.contains("full by eight in the morning."));
    }

    #[test]
    fn a_page_read_with_split_words_gets_its_names_whole() {
        // pypdf's reading of a justified, hyphenated column: words and names alike come
        // out in pieces, a name that lost a letter to a space among them.
        let raw = "Vineyards recover after the frost
            By Ioana Mure an
3 May 2024

            The vine yards of Pra ho va county are re cov er ing from the late
            frost that de stroyed much of last year’s har vest, grow ers say.
            In the vil lage of Ur la ți, Mi jan gos, a wine mak er, said the new
            vines were plant ed in March. Left back Radu  tef nescu, who
            owns the next plot, agreed. The re gion’s pro duc ers ex pect a
            good crop if the sum mer stays dry, ac cord ing to the as so ci a tion.
";
        let article = clean(raw);
        for whole in ["Prahova county", "Mijangos, a", "region’s", "according"] {
            assert!(article.body.contains(whole), "{whole}: {article:?}");
        }
        // A name that lost a letter is not joined into another word.
        assert!(!article.body.contains("Radutef"), "{}", article.body);
        assert!(!article.body.contains("tefnescu"), "{}", article.body);
    }

    #[test]
    fn a_papers_name_alone_after_the_last_sentence_is_furniture() {
        let bio = "The writer is a science reporter based in Brno.";
        for name in ["The Lakeside Observer", "MORNING STAR", "Daily Ledger"] {
            let raw = format!(
                "Bats return to the caves\nBy Tereza Dvořáková\n3 May 2024\n\n\
                Bats are back in the Moravian caves, the survey says.\n\n{bio}\n\n{name}\n"
            );
            assert_eq!(clean(&raw).front.bio.as_deref(), Some(bio), "{name}");
        }
        // A news agency and a phrase of prose are no paper's name.
        assert!(!is_paper_name("Reuters"));
        assert!(!is_paper_name("Morning star rises"));
        assert!(is_paper_name("Karachi Chronicle"));
        assert!(PAPER_NAME_HEADS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_paper_name("The Plain Dealer-Review"));
    }

    #[test]
    fn a_viewers_running_head_on_one_line_at_the_top_is_furniture() {
        for head in [
            "9 May 2020 | Coastal Daily",
            "5 October 2023 | MORNING STAR",
            "The Plain Dealer-Review",
            "MORNING STAR",
        ] {
            let raw = format!(
                "{head}\nBOOKS\nA Quiet Novel About Salt\nBy Lucía Ferrer\n9 May 2020\n\
                The novel opens on a salt marsh in winter, and it never leaves it.\n"
            );
            let article = clean(&raw);
            assert_eq!(article.front.title, "A Quiet Novel About Salt", "{head}");
            assert_eq!(article.front.kicker.as_deref(), Some("BOOKS"), "{head}");
        }
        // A headline that happens to end as papers' names do is still the headline.
        let raw = "Town Mourns Its Oldest Newspaper\nBy Lucía Ferrer\n9 May 2020\n\
            The paper closed on Friday after 140 years.\n";
        assert_eq!(clean(raw).front.title, "Town Mourns Its Oldest Newspaper");
    }

    #[test]
    fn a_standfirst_printed_without_a_blank_line_under_a_sentence_case_headline() {
        let body = "\n\nThe council voted on Tuesday to close the bridge to lorries.\n";
        let raw = format!(
            "Bridge to close to lorries after cracks found\n\
             Engineers warn of growing risk on the river crossing\n\
             By Jane Doe\nMay 3, 2024{body}"
        );
        let article = clean(&raw);
        assert_eq!(
            article.front.title,
            "Bridge to close to lorries after cracks found"
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Engineers warn of growing risk on the river crossing")
        );
        // A name may run on a headline in sentence case, and so may anything after a
        // joining word.
        for (head, title) in [
            (
                "Floods close roads across\nKarachi after record rain\n",
                "Floods close roads across Karachi after record rain",
            ),
            (
                "Floods close roads after the\nRiver bursts its banks\n",
                "Floods close roads after the River bursts its banks",
            ),
        ] {
            let raw = format!("{head}By Jane Doe\nMay 3, 2024{body}");
            assert_eq!(clean(&raw).front.title, title);
        }
        assert!(opens_with_capitalised_common_word("Engineers warn"));
        assert!(!opens_with_capitalised_common_word("Karachi exporters"));
        assert!(!opens_with_capitalised_common_word("engineers warn"));
    }

    #[test]
    fn a_breadcrumb_over_a_date_over_the_headline_and_a_name_alone_under_the_standfirst() {
        let body = "\n\nThe council voted on Tuesday to close the bridge to lorries.\n\n\
            Residents said the closure would add twenty minutes.\n";
        let head = "Bridge to close to lorries after cracks found\n\
            Engineers warn of growing risk on the river crossing.\nJane Doe";
        for above in [
            "Business › Markets\nMay 3, 2024\n",
            "MARKETS\nMay 3, 2024\n",
        ] {
            let article = clean(&format!("{above}{head}{body}"));
            assert_eq!(
                article.front.title, "Bridge to close to lorries after cracks found",
                "{above}"
            );
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Engineers warn of growing risk on the river crossing.")
            );
            assert_eq!(article.front.authors, vec!["Jane Doe"]);
            assert!(article.front.date.is_some());
            assert!(article.body.starts_with("The council voted"));
        }
        // A name alone after a sentence but before more of the paragraph is story.
        let raw = format!("Bridge to close\n\nBy Ann Lee | May 3, 2024{body}\nHe said it.\nJane Doe\nwas there.\n");
        assert!(clean(&raw).body.contains("Jane Doe"));
    }

    /// Names without `By` where the byline stands, with the place the story was filed
    /// from, beside the date (over it or under it): read as the writer, not dropped.
    #[test]
    fn placed_names_beside_the_date_are_the_byline() {
        for meta in [
            "Henrik Sørensen in Oslo\n\n12 March 2025",
            "12 March 2025\n\nHenrik Sørensen in Oslo",
            "Author: Henrik Sørensen\n\n12 March 2025",
            "Henrik Sørensen @hsorensen\n\n12 March 2025",
        ] {
            let raw = format!(
                "Port of Valdera to double capacity\n\n{meta}\n\n\
                 The port authority approved a plan on Tuesday to double its capacity.\n\n\
                 The expansion adds two deep-water berths.\n"
            );
            let article = clean(&raw);
            assert_eq!(article.front.authors, ["Henrik Sørensen"], "{meta}");
            assert!(article.front.subtitle.is_none(), "{meta}");
            assert!(article.body.starts_with("The port authority"), "{meta}");
        }
        let raw = "Port of Valdera to double capacity\n\nFollow me @hsorensen\n\n\
            The port authority approved a plan on Tuesday.\n";
        assert!(clean(raw).front.authors.is_empty());
    }

    /// A bulleted list in the body: each bullet opens an item of its own, in copy with
    /// blank lines between paragraphs and in a column's copy without them (an item's
    /// wrapped line goes on its item).
    #[test]
    fn bulleted_lines_are_the_items_of_a_list() {
        let with_blanks = "Harbour town closes its coal depot\n\nBy Maren Holt | March 3, 2025\n\n\
            The council voted on Tuesday night to close the town's last coal depot.\n\n\
            The plan has three parts:\n\
            • The depot closes by 2027.\n\
            • About 60 workers will be offered jobs at the ferry terminal.\n\
            • The quay will be cleaned.\n\n\
            The decision followed a two-hour debate.\n";
        let body = clean(with_blanks).body;
        assert!(
            body.contains(
                "The plan has three parts:\n\n- The depot closes by 2027.\n\
                 - About 60 workers will be offered jobs at the ferry terminal.\n\
                 - The quay will be cleaned.\n\nThe decision followed"
            ),
            "{body}"
        );
        let column = "Harbour town closes its coal depot\nBy Maren Holt\nMarch 3, 2025\n\
            The council of the town voted on Tuesday night to close the\n\
            last coal depot on the quay, ending a century of coal handling\n\
            on the harbour front, after a debate that ran past midnight.\n\
            The plan has two parts:\n\
            • The depot closes by 2027, and its cranes\n\
            will be sold for scrap.\n\
            • Its workers will be offered jobs.\n\
            The decision followed a two-hour debate in which councillors\n\
            spoke of the dust that settles on cars and washing in the\n\
            streets nearest the quay, and of the lorries at night.\n";
        let body = clean(column).body;
        assert!(
            body.contains(
                "- The depot closes by 2027, and its cranes will be sold for scrap.\n\
                 - Its workers will be offered jobs.\n\nThe decision"
            ),
            "{body}"
        );
    }

    /// A quotation closed after a comma runs on to who said it, on the next line, in the
    /// same paragraph (a justified column set `screen,”` alone).
    #[test]
    fn a_quotation_closed_after_a_comma_runs_on_to_who_said_it() {
        assert!(runs_on_to_attribution(
            "afraid of the screen,”",
            "Mureșan said. “Now"
        ));
        assert!(runs_on_to_attribution("we wait,’", "said Dr Elena Pop."));
        // A new paragraph after a quotation cut short, and a quotation's full stop.
        assert!(!runs_on_to_attribution(
            "the books are free,”",
            "The council voted."
        ));
        assert!(!runs_on_to_attribution("were afraid.”", "Mureșan said."));
        let raw = "Nurses bring doctors to the villages\nBy Mihaela Ciobanu\nOct 5, 2023\n\
            Every Thursday morning a community nurse sets up a laptop on the\n\
            kitchen table of the former mayor’s house in a village of nine\n\
            hundred people, and a line of patients forms on the bench outside.\n\
            “At first the old people were\n\
            afraid\n\
            of\n\
            the\n\
            screen,”\n\
            Mureșan said. “Now they ask for the doctor by name.”\n\
            The pilot covers sixteen villages in three counties and has carried\n\
            out four thousand consultations so far, most of them for chronic\n\
            conditions such as diabetes and high blood pressure.\n";
        let body = clean(raw).body;
        assert!(
            body.contains("afraid of the screen,” Mureșan said. “Now they ask"),
            "{body}"
        );
    }

    /// A web page's byline that credits the agency after the writers, over a caption
    /// that ends with the agency's name too: the byline is read (it had been dropped as a
    /// photo's credit), so the bio under the body is found by the writer's name.
    #[test]
    fn a_byline_that_credits_an_agency_is_no_photo_credit() {
        let raw = "World\nFloods force thousands from homes in northern Italy\n\
            Rivers burst their banks after three days of rain.\n\
            By Giulia Ferraro and Tomás Ruiz, Reuters\n\
            Published March 12, 2025\n\
            Volunteers pile sandbags in Faenza on Tuesday. Luca Bruno/Reuters\n\
            Thousands of people were evacuated from their homes in the region on Tuesday after rivers burst their banks.\n\
            The regional civil protection agency said 14 rivers had flooded.\n\
            Giulia Ferraro reports on Italy for Reuters. Follow her on X @gferraro.\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["Giulia Ferraro", "Tomás Ruiz"]);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Giulia Ferraro reports on Italy for Reuters. Follow her on X @gferraro.")
        );
        assert!(!article.body.contains("Luca Bruno"), "{}", article.body);
    }

    /// A box of key points under the headline, labelled or not, is the body's opening
    /// list, not the standfirst; a standfirst above it stays one.
    #[test]
    fn key_points_under_the_headline_open_the_body() {
        let labelled = "ENVIRONMENT\n\nHarbour town votes to close its last coal depot\n\n\
            Key points:\n\
            • The council voted 9 to 4 to close the depot by 2027.\n\
            • About 60 workers will be offered jobs at the new ferry terminal.\n\n\
            By Maren Holt | March 3, 2025\n\n\
            The council voted on Tuesday night to close the town's last coal depot.\n\n\
            The decision followed a two-hour debate.\n";
        let article = clean(labelled);
        assert_eq!(article.front.subtitle, None);
        assert_eq!(
            article.front.title,
            "Harbour town votes to close its last coal depot"
        );
        assert!(
            article.body.starts_with(
                "Key points:\n\n- The council voted 9 to 4 to close the depot by 2027.\n\
                 - About 60 workers will be offered jobs at the new ferry terminal.\n\n\
                 The council voted"
            ),
            "{}",
            article.body
        );
        let under_standfirst = "Harbour town votes to close\nits last coal depot\n\
            The decision ends a century of coal on the quay.\n\
            KEY POINTS\n\
            • The council voted 9 to 4 to close the\ndepot by 2027.\n\
            • About 60 workers will be offered jobs.\n\
            By Maren Holt\nMarch 3, 2025\n\
            The council voted on Tuesday night to close the town's last coal depot.\n";
        let article = clean(under_standfirst);
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("The decision ends a century of coal on the quay.")
        );
        assert!(
            article.body.starts_with(
                "KEY POINTS\n\n- The council voted 9 to 4 to close the depot by 2027.\n\
                 - About 60 workers will be offered jobs.\n\nThe council voted"
            ),
            "{}",
            article.body
        );
    }

    /// A web page's listen button with its length on one line, and a newsletter's sign-up
    /// with its pitch mid-body, blank lines between as a page's blocks give them.
    #[test]
    fn a_listen_button_and_a_newsletter_pitch_are_furniture() {
        let raw = "Glaciers retreat faster than forecast

By Lucía Ortúzar

            Listen to this article · 6 min

            Glaciers across the Andes are shrinking at twice the expected pace.

            Sign up for our climate newsletter

            Get the week's most important stories delivered to your inbox every Friday.

            The regional government said it would publish a plan by June.

            Readers of the newsletter wrote in to say their inbox was full of it.
";
        let body = clean(raw).body;
        for furniture in ["Listen", "6 min", "Sign up", "Get the week"] {
            assert!(!body.contains(furniture), "{furniture}: {body}");
        }
        // Prose in a promotion's words, not under a sign-up, stays.
        assert!(body.contains("Readers of the newsletter"), "{body}");
        assert!(body.contains("a plan by June."), "{body}");
    }

    /// A web page's byline block: the names (no `By`), the place and the date on lines of
    /// their own, bars between; under the bio, the headlines of related stories.
    #[test]
    fn a_byline_block_of_bars_and_a_list_of_related_stories() {
        let raw = "MARKETS\nCopper prices climb as Chilean mines slow\n\
            A labour dispute at two pits has cut supply just as demand peaks.\n\
            José Ignacio Núñez\n|\nSantiago\n|\nUpdated March 4, 2025 10:32 am\n\
            Copper rose for a fifth day on Tuesday, as a strike at two mines entered its second week.\n\
            The price of a tonne reached its highest level since last summer, traders said.\n\
            José Ignacio Núñez is our correspondent in Santiago.\n\
            Related stories\nLithium boom reshapes the Atacama\n";
        let article = clean(raw);
        assert_eq!(article.front.authors, ["José Ignacio Núñez"]);
        assert_eq!(
            article.front.date.map(|d| d.date().to_string()).as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("A labour dispute at two pits has cut supply just as demand peaks.")
        );
        assert_eq!(
            article.front.bio.as_deref(),
            Some("José Ignacio Núñez is our correspondent in Santiago.")
        );
        assert!(!article.body.contains("Santiago |"), "{}", article.body);
        assert!(!article.body.contains("Lithium"), "{}", article.body);
    }

    #[test]
    fn a_web_pages_chrome_between_paragraphs_leaves_them_apart() {
        let long = "The council voted on Tuesday to close the old bridge to heavy lorries \
            after engineers found cracks in two of its piers, and the decision follows a \
            report that warned of serious and growing risks to the crossing.";
        let raw = format!(
            "Bridge to close\n\nBy Jane Doe | May 3, 2024\n\n\
             Listen to this article\n00:00 / 04:12\n{long}\n\nAdvertisement\n\n\
             Residents said the closure would add twenty minutes to journeys into town.\n\n\
             Skip past newsletter promotion\nSign up to First Edition\n\
             Our morning email breaks down the key stories of the day\n\
             after newsletter promotion\n\n\
             Image caption, The bridge was built in 1902\nComments (12)\n\n\
             The council said work would begin next spring.\n\n\
             Explore more on these topics\nTransport\nLocal government\n"
        );
        let body = clean(&raw).body;
        let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).collect();
        assert_eq!(
            paragraphs,
            vec![
                long,
                "Residents said the closure would add twenty minutes to journeys into town.",
                "The council said work would begin next spring.",
            ]
        );
        // A page number between blank lines still hides whether a paragraph ended there
        // (pdftotext sets one so at every page break): a full line runs on across it.
        let raw = format!(
            "Bridge to close\n\nBy Jane Doe | May 3, 2024\n\n{long}\n\n2\n\nResidents said so.\n"
        );
        assert_eq!(clean(&raw).body.split("\n\n").count(), 1);
    }

    #[test]
    fn an_e_papers_page_break_leaves_no_furniture_in_the_body() {
        let raw = "Bridge to close\n\nBy Jane Doe | May 3, 2024\n\n\
            The council voted on Tuesday to close the bridge.\n\
            See BRIDGE, Page 4\n\
            Residents said the closure would add twenty minutes.\n\
            BRIDGE\nFrom Page 1\n\
            The council said work would begin next spring.\n\
            THE DAILY NEWS, FRIDAY, MAY 3, 2024\n\
            It will take about eighteen months.\nA3\n\
            The mayor declined to comment.\n";
        let body = clean(raw).body;
        for furniture in ["See BRIDGE", "BRIDGE", "DAILY NEWS", "A3", "Page"] {
            assert!(!body.contains(furniture), "{furniture} in {body}");
        }
        for sentence in [
            "twenty minutes.",
            "next spring.",
            "eighteen months.",
            "comment.",
        ] {
            assert!(body.contains(sentence), "{sentence}");
        }
        // A byline with a date is no running head, even where a paper's word is a name.
        assert!(!names_a_paper("Jane Doe | May 3, 2024"));
        assert!(names_a_paper("THE DAILY NEWS, FRIDAY, MAY 3, 2024"));
        assert!(is_dated_running_head("THE DAILY NEWS, FRIDAY, MAY 3, 2024"));
    }

    #[test]
    fn a_bio_may_name_the_writer_by_the_surname_alone() {
        let raw = "Bridge to close to lorries\n\nBy Jane Doe | May 3, 2024\n\n\
            The council voted on Tuesday to close the old bridge.\n\n\
            Doe is the paper's transport correspondent.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Doe is the paper's transport correspondent.")
        );
        // Another surname, or the writer's surname without a bio's verb, is story.
        for last in [
            "Smith covers the cost, the council said.",
            "Doe said the bridge would reopen.",
        ] {
            let raw = raw.replace("Doe is the paper's transport correspondent.", last);
            let article = clean(&raw);
            assert_eq!(article.front.bio, None, "{last}");
            assert!(article.body.trim_end().ends_with(last), "{last}");
        }
    }

    #[test]
    fn a_byline_block_with_names_alone_a_handle_and_a_place() {
        let body = "\n\nThe council voted on Tuesday to close the bridge to lorries.\n";
        let head = "Bridge to close to lorries\n\n";
        let article = clean(&format!("{head}Jane Doe and John Smith\n3 May 2024{body}"));
        assert_eq!(article.front.authors, vec!["Jane Doe", "John Smith"]);
        assert!(article.front.date.is_some());
        for block in [
            "Jane Doe\nSenior Correspondent\n@janedoe\nMay 3, 2024",
            "By Jane Doe\nKARACHI\nMay 3, 2024",
            "Jane Doe\nThe Daily News\nPublished 3 May 2024",
            "Jane Doe\nBusiness reporter, BBC News\n\n3 May 2024",
        ] {
            let article = clean(&format!("{head}{block}{body}"));
            assert_eq!(article.front.authors, vec!["Jane Doe"], "{block}");
            assert!(article.front.date.is_some(), "{block}");
            assert!(article.body.starts_with("The council voted"), "{block}");
        }
    }

    #[test]
    fn a_standfirst_opening_with_a_common_word_leaves_a_title_case_headline() {
        // The standfirst's first line has one lower-case content word only (`ships`):
        // opening with a capitalised common word under a title-case line, it is a field
        // of its own; a headline's last word alone (`Snowfall`) still runs on.
        let raw = "Floods Push Silt Into\nthe Harbour’s Berths\n\
            Residents of Tilbury say ships\nwait days for a berth.\nBy Ana Ruiz\n\n\
            The port authority dredged twice this year.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "Floods Push Silt Into the Harbour’s Berths"
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Residents of Tilbury say ships wait days for a berth.")
        );
        let raw = "Arctic Mosses Reveal a Century of Changing\nSnowfall\nBy Ana Ruiz\n\n\
            The port authority dredged twice this year.\n";
        assert_eq!(
            clean(raw).front.title,
            "Arctic Mosses Reveal a Century of Changing Snowfall"
        );
    }

    #[test]
    fn names_without_by_under_the_standfirst_are_the_byline() {
        let body = "\nThe council voted on Tuesday to close the old market hall for two years.\n\n\
            Traders said they had been given too little notice.\n";
        let head =
            "Market hall to close for two years\nTraders say they were given too little notice\n";
        // Under a standfirst with no full stop, over a blank line; with a place after
        // the names; over the writer's address.
        for (byline, authors) in [
            ("Jane Doe & John Smith\n", vec!["Jane Doe", "John Smith"]),
            ("Jane Doe in Karachi\n", vec!["Jane Doe"]),
            ("Jane Doe\njane.doe@harbourtimes.com\n", vec!["Jane Doe"]),
            (
                "By Jane Doe and\nJohn Smith\n",
                vec!["Jane Doe", "John Smith"],
            ),
            ("By\nJane Doe\n", vec!["Jane Doe"]),
            // Each writer over the same role: the role repeats, and is no running head.
            (
                "Jane Doe\nStaff Writer\nJohn Smith\nStaff Writer\n",
                vec!["Jane Doe", "John Smith"],
            ),
        ] {
            let article = clean(&format!("{head}{byline}{body}"));
            assert_eq!(
                article.front.title, "Market hall to close for two years",
                "{byline:?}"
            );
            assert_eq!(article.front.authors, authors, "{byline:?}");
            assert!(!article.body.contains("Jane"), "{byline:?}");
        }
        // Names that finish the headline's sentence are no byline.
        let article = clean(&format!("Tributes paid to\nJane Doe\n{body}"));
        assert!(article.front.authors.is_empty());
    }

    /// Names without `By` and where the story was filed from, on the line over the date
    /// or with the date after a bar or a comma, as papers set them.
    #[test]
    fn names_without_by_and_a_place_over_or_beside_the_date_are_the_byline() {
        let head = "CITY
Market hall to close for two years
            Traders will move to a riverside site while the beams are replaced.
";
        let body = "
The council voted on Tuesday to close the old market hall for two years.

            Traders said they had been given too little notice.
";
        for meta in [
            "Jane Doe, Leeds
March 12, 2024
",
            "JANE DOE, LEEDS
March 12, 2024
",
            "Jane Doe in Leeds
March 12, 2024
",
            "Jane Doe, Staff Reporter, Leeds
March 12, 2024
",
            "Jane Doe, Leeds | March 12, 2024
",
            "Jane Doe in Leeds | 12 March 2024
",
            "Jane Doe, Leeds, March 12, 2024
",
            "Jane Doe · Leeds · 12 March 2024
",
            // A co-writer's name on its own line between the writer's and the date.
            "Jane Doe
John Smith
March 12, 2024
",
        ] {
            let article = clean(&format!("{head}{meta}{body}"));
            let co_writer = meta.contains("John Smith").then_some("John Smith");
            let authors: Vec<&str> = ["Jane Doe"].into_iter().chain(co_writer).collect();
            assert_eq!(article.front.authors, authors, "{meta:?}");
            assert_eq!(
                article.front.date.map(|d| d.date().to_string()).as_deref(),
                Some("2024-03-12"),
                "{meta:?}"
            );
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Traders will move to a riverside site while the beams are replaced."),
                "{meta:?}"
            );
            assert!(!article.body.contains("Leeds"), "{meta:?}");
        }
    }

    /// A writer's card (name, role, a Follow button, the date) whose name lost a letter
    /// in every word: the card is still the byline, so the standfirst, the date and the
    /// body keep their places.
    #[test]
    fn a_writers_card_whose_name_lost_a_letter_in_every_word_is_the_byline() {
        let raw = "Market hall to close for two years\n\n\
            Traders will move to a riverside site while the roof is mended.\n\n\
            rd s g stsd ttir\nSenior Correspondent\nFollow\nPublished 30 Nov 2022\n\n\
            The council voted on Tuesday to close the old market hall for two years.\n\n\
            Traders said they had been given too little notice by the council.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Traders will move to a riverside site while the roof is mended.")
        );
        // Read as the byline, the names pass mends it from the list of names.
        assert_eq!(article.front.authors, ["Þórdís Ágústsdóttir"]);
        assert!(article.front.date.is_some());
        assert!(
            article.body.starts_with("The council voted"),
            "{}",
            article.body
        );
    }

    /// A web page's head as `innerText` copies it: a skip link, the section's path and
    /// the kicker stacked over the headline, the writer's name under their picture's and
    /// again over their role, and a listen button with its length.
    #[test]
    fn a_web_pages_stacked_labels_and_a_name_printed_twice_are_read() {
        let body = "The council voted on Tuesday to close the old market hall for two years.\n\
            Traders said they had been given too little notice by the council.\n";
        let head = "Market hall to close for two years\n\
            Traders will move to a riverside site while the roof is mended.\n";
        for (top, kicker) in [
            (
                "Skip to main content\nWorld | Europe\nAnalysis\n",
                "Analysis",
            ),
            ("Europe\nAnalysis\n", "Analysis"),
            ("SPORT\nCRICKET\n", "CRICKET"),
        ] {
            let raw = format!(
                "{top}{head}Jane Doe\nJane Doe\nEurope correspondent\n\
                 Published 12 March 2024, 09:30\nListen to this article · 4:12 min\n{body}"
            );
            let article = clean(&raw);
            assert_eq!(article.front.kicker.as_deref(), Some(kicker), "{top:?}");
            assert_eq!(
                article.front.title, "Market hall to close for two years",
                "{top:?}"
            );
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Traders will move to a riverside site while the roof is mended."),
                "{top:?}"
            );
            assert_eq!(article.front.authors, ["Jane Doe"], "{top:?}");
            assert!(
                article.body.starts_with("The council voted"),
                "{}",
                article.body
            );
        }
        // A headline set a word a line is no stack of labels.
        let raw = format!("SCIENCE\nMosses\nReveal\nChanging\nSnowfall\nBy Jane Doe\n\n{body}");
        assert_eq!(clean(&raw).front.title, "Mosses Reveal Changing Snowfall");
    }

    #[test]
    fn a_pull_quote_box_starting_with_a_body_line_keeps_that_line_in_both() {
        // The box repeats a sentence of the body wrapped alike at its start: the shared
        // first line is printed twice, but what follows it goes on with the same words,
        // which no running head does.
        let raw = "Choro in the north zone\nBy Jane Doe\n\n\
            She has played every Saturday for a decade at a bar near the square.\n\
            Choro, a largely\ninstrumental style that\nemerged in Rio, is often called the \
            city's first urban music. It is played by small groups.\n\
            Her father played the guitar on Sunday afternoons in the family's small room.\n\n\
            Choro, a largely\ninstrumental style\nthat emerged in Rio,\nis often called the \
            city's first\nurban music.\n\n\
            She was not allowed to play, she says, so she listened for forty years.\n";
        let article = clean(raw);
        assert_eq!(
            article
                .body
                .matches("Choro, a largely instrumental")
                .count(),
            2,
            "{}",
            article.body
        );
        // A running head printed twice, followed by different text, still goes.
        let head = "VALLEY RECORD | Arts\n";
        let raw = format!(
            "Choro in the north zone\nBy Jane Doe\n\n{head}She has played every Saturday \
             for a decade at a bar.\n\n{head}she says, so she listened for forty years.\n"
        );
        assert!(!clean(&raw).body.contains("VALLEY RECORD"));
        // Nor does one under the page's folio that breaks the same quoted sentence in the
        // body and in its pull-quote box.
        let quote = "“People want to travel without flying,";
        let raw = format!(
            "Night trains return\nBy Jane Doe\n\nOperators are ordering new carriages.\n\
             {quote}\nPage 5\n{head}but they do not want to lose a day,” she said.\n\n\
             {quote}\n\nPage 6\n{head}but they do not want to lose a day.”\n\n\
             Track charges differ from country to country, the operators say.\n"
        );
        assert!(!clean(&raw).body.contains("VALLEY RECORD"));
    }

    #[test]
    fn a_running_heads_section_reprinted_as_the_kicker_under_it_is_the_kicker() {
        // The running head prints the paper and the section on every page; the kicker
        // repeats the section in capitals just under it, on the first page only.
        let para = "The two governments met in Lisbon on Monday and failed to agree on how \
                    much water should cross the border in a dry year, officials said.";
        let raw = format!(
            "VALLEY RECORD\n\nWater diplomacy\n\nWATER DIPLOMACY\n\n\
             Lisbon and Madrid fail to agree on river flows\nBy Jane Doe\n22 April 2026\n\n\
             {para}\n\n{para}\n\u{c}VALLEY RECORD\n\nWater diplomacy\n\n{para}\n"
        );
        let article = clean(&raw);
        assert_eq!(article.front.kicker.as_deref(), Some("WATER DIPLOMACY"));
        assert_eq!(
            article.front.title,
            "Lisbon and Madrid fail to agree on river flows"
        );
        assert!(
            !article.body.contains("Water diplomacy"),
            "{}",
            article.body
        );
        // Printed once, the section under the paper's name is no kicker of its own
        // making: what the reading above gave it stays (a lone label over the headline).
        let once = raw.replacen("WATER DIPLOMACY\n\n", "", 1);
        assert!(!clean(&once).body.contains("Water diplomacy"));
    }

    /// A printed column's byline block with no blank lines: names without `By` over the
    /// drop cap, or over where the story was filed from on a line of its own; a justified
    /// line of one word under a byline is still the body's.
    #[test]
    fn names_and_a_place_over_the_drop_cap_are_the_byline_block() {
        let head = "NEWS\nMarket hall to close\nfor two years of repairs\n\
            Traders will move to a riverside site while\nthe roof beams are replaced\n";
        let body = "T\nhe council voted on Tuesday to close\nthe old market hall for two years.\n\
            Traders said they had been given too\nlittle notice by the council.\n";
        for byline in [
            "JANE DOE\n",
            "JANE DOE\nLEEDS\n",
            "Jane Doe\nLeeds\n",
            "By JANE DOE\nNEW YORK\n",
            "JANE DOE, LEEDS\n",
        ] {
            let article = clean(&format!("{head}{byline}{body}"));
            assert_eq!(article.front.authors, ["Jane Doe"], "{byline:?}");
            assert!(
                article.body.starts_with("The council voted"),
                "{byline:?}: {}",
                article.body
            );
        }
        let raw = format!(
            "{head}By Jane Doe\nResearchers\ncounting bats in the caves have found\n\
             the highest numbers in thirty years.\n"
        );
        let article = clean(&raw);
        assert_eq!(article.front.authors, ["Jane Doe"]);
        assert!(
            article.body.starts_with("Researchers counting bats"),
            "{}",
            article.body
        );
    }

    /// A page that prints the byline between the headline and the standfirst: the
    /// standfirst is the lines between the byline block and the drop cap.
    #[test]
    fn a_standfirst_under_the_byline_over_the_drop_cap_is_the_standfirst() {
        let body = "T\nhe council voted on Tuesday to close\nthe old market hall for two years.\n\
            Traders said they had been given too\nlittle notice by the council.\n";
        for meta in [
            "By Jane Doe\nMarch 12, 2024\n",
            "By Jane Doe | March 12, 2024\n",
        ] {
            let raw = format!(
                "CITY\nMarket hall to close for two years\n{meta}\
                 Traders will move to a riverside site\nwhile the roof beams are replaced\n{body}"
            );
            let article = clean(&raw);
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Traders will move to a riverside site while the roof beams are replaced"),
                "{meta:?}"
            );
            assert_eq!(article.front.authors, ["Jane Doe"]);
            assert!(
                article.body.starts_with("The council voted"),
                "{}",
                article.body
            );
        }
        // A body that opens in lower case over its drop cap, printed after the lines it
        // begins, is no standfirst.
        let raw = "CITY\nMarket hall to close for two years\nBy Jane Doe\n\
            he council voted on Tuesday to close\nthe old market hall.\nT\n\
            Traders said they had been given too\nlittle notice by the council.\n";
        let article = clean(raw);
        assert_eq!(article.front.subtitle, None);
        assert!(
            article.body.starts_with("The council voted"),
            "{}",
            article.body
        );
        // Without a drop cap the lines under the byline are the body's first paragraph.
        let raw = "CITY\nMarket hall to close for two years\nBy Jane Doe\n\n\
            The council voted on Tuesday to close the hall.\n\n\
            Traders said they had been given too little notice.\n";
        let article = clean(raw);
        assert_eq!(article.front.subtitle, None);
        assert!(
            article.body.starts_with("The council voted"),
            "{}",
            article.body
        );
    }

    /// A byline block a grid page printed in a rail beside the columns, which the
    /// extractor read after the column it stands beside: found mid-story when no byline
    /// stands above the body, set apart or dated, and taken out of the story. A line
    /// opening with `By` in the story's sentences stays.
    #[test]
    fn a_byline_printed_in_a_rail_is_read_where_the_extractor_put_it() {
        let story = "The council voted on Tuesday to close the old market hall.\n\n\
            Traders said they had been given too little notice.\n\n";
        let rest = "A spokesman said the work could not wait for another winter.\n";
        for (block, date) in [
            ("By Jane Doe\n|\nMarch 12, 2024\n\n", Some("2024-03-12")),
            ("March 12, 2024\nBy Jane Doe\n\n", Some("2024-03-12")),
            ("BY Jane Doe\n\n", None),
            ("By Jane Doe|May\n12, 2024\n\n", Some("2024-05-12")),
            // Wrapped inside its date, the day left beside the bar: no page footer.
            ("By Jane Doe|12\nMarch 2024\n\n", Some("2024-03-12")),
            // Wrapped twice in a narrow rail.
            (
                "By Jane Doe |\nTuesday, March 12,\n2024\n\n",
                Some("2024-03-12"),
            ),
        ] {
            let raw = format!("Market hall to close for two years\n\n{story}{block}{rest}");
            let article = clean(&raw);
            assert_eq!(article.front.authors, ["Jane Doe"], "{raw}");
            assert_eq!(
                article.front.date.map(|d| d.date().to_string()).as_deref(),
                date,
                "{raw}"
            );
            assert!(!article.body.contains("Jane"), "{}", article.body);
            assert!(article.body.contains("another winter"), "{}", article.body);
        }
        // Wrapped twice, with a name that lost a letter (whatever the lists restore).
        let raw = format!(
            "Market hall to close for two years\n\n{story}\
             By J ne Doe |\nTuesday, March 12,\n2024\n\n{rest}"
        );
        let article = clean(&raw);
        assert_eq!(article.front.authors.len(), 1, "{raw}");
        assert_eq!(
            article.front.date.map(|d| d.date().to_string()).as_deref(),
            Some("2024-03-12")
        );
        assert!(!article.body.contains("Doe"), "{}", article.body);
        // The last name wrapped onto the date's line, which alone reads as a folio
        // (`Paper|date`).
        let raw = format!(
            "Market hall to close for two years\n\n{story}\
             By Jane Doe and John\nSmith|12 March 2024\n\n{rest}"
        );
        let article = clean(&raw);
        assert_eq!(article.front.authors, ["Jane Doe", "John Smith"]);
        assert!(!article.body.contains("Smith"), "{}", article.body);
        // In copy with no blank lines, a dated block run into a paragraph, dated by a
        // line of its own or by the date the byline runs on into.
        let column: String = (1..=30)
            .map(|n| format!("stall {n} was among those the council\nlisted, and "))
            .collect();
        for block in ["By Jane Doe\n12 Mar 2024\n", "By Jane Doe|12\nMarch 2024\n"] {
            let raw = format!(
                "Market hall to close for two years\nThe council voted on Tuesday to\n\
                 close the old market hall. The {column}its traders\n{block}\
                 said they had been given too little\nnotice of the move.\n"
            );
            let article = clean(&raw);
            assert_eq!(article.front.authors, ["Jane Doe"], "{block}");
            assert!(
                article.body.contains("its traders said"),
                "{}",
                article.body
            );
        }
        // `By` opening a line of the story is no byline.
        let raw = format!(
            "Market hall to close for two years\n\n{story}The hall will reopen in spring.\n\
             By Monday the stalls had gone.\n\n{rest}"
        );
        let article = clean(&raw);
        assert!(
            article.front.authors.is_empty(),
            "{:?}",
            article.front.authors
        );
        assert!(
            article.body.contains("By Monday the stalls"),
            "{}",
            article.body
        );
    }

    /// A date line wrapped in a narrow rail under the byline (`Published Tuesday 12` /
    /// `March 2024`): both lines are the date's, neither a page's label nor the story's.
    #[test]
    fn a_date_wrapped_under_the_byline_is_the_date() {
        for date in ["Published Tuesday 12\nMarch 2024", "Tuesday 12\nMarch 2024"] {
            let raw = format!(
                "Market hall to close for two years\n\nBy Jane Doe\n{date}\n\n\
                 The council voted on Tuesday to close the old market hall.\n\n\
                 Traders said they had been given too little notice.\n"
            );
            let article = clean(&raw);
            assert_eq!(article.front.authors, ["Jane Doe"], "{raw}");
            assert_eq!(
                article.front.date.map(|d| d.date().to_string()).as_deref(),
                Some("2024-03-12"),
                "{raw}"
            );
            assert!(
                article.body.starts_with("The council voted"),
                "{}",
                article.body
            );
        }
    }

    /// A page's nameplate printed over the article, the issue date over the paper's name
    /// (`Saturday, May 30, 2020` / `The Lakeside Observer`), with the byline in a rail
    /// further down: neither the date nor the name is a heading, so the kicker, headline
    /// and standfirst under them are read as such.
    #[test]
    fn a_nameplate_over_the_headline_is_no_heading() {
        let body: String = (1..=12)
            .map(|n| format!("Stall {n} was among those the council listed as closing.\n"))
            .collect();
        for byline in ["", "\nBy Jane Doe\n\n"] {
            let raw = format!(
                "Saturday, May 30, 2020\n\nThe Lakeside Observer\n\nMARKETS\n\n\
                 Old Market Hall Will Close for Two\nYears of Repairs\n\
                 Traders will move to a riverside site while the roof beams are replaced.\n\n\
                 T\n\nhe council voted on Tuesday to close the old market hall.\n\
                 {body}{byline}A spokesman said the work could not wait.\n"
            );
            let article = clean(&raw);
            assert_eq!(
                article.front.title, "Old Market Hall Will Close for Two Years of Repairs",
                "{raw}"
            );
            assert_eq!(article.front.kicker.as_deref(), Some("MARKETS"));
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Traders will move to a riverside site while the roof beams are replaced."),
                "{raw}"
            );
            assert_eq!(
                article.front.date.map(|d| d.date().to_string()).as_deref(),
                Some("2020-05-30")
            );
            assert!(
                article.body.starts_with("The council voted"),
                "{}",
                article.body
            );
            assert!(!article.body.contains("Lakeside"), "{}", article.body);
        }
    }

    /// A grid page's byline in a rail beside the columns, read after the story's first
    /// column: the lines above it are the headline, the standfirst and the story's
    /// opening, which starts at its drop cap or its dateline. A standfirst of two
    /// sentences over the byline stays the standfirst.
    #[test]
    fn the_story_above_a_byline_in_a_rail_is_the_story() {
        let standfirst = "Traders will move to a riverside site while the roof beams are replaced.";
        let column: String = (1..=6)
            .map(|n| format!("stall {n} was among those\nthe council listed, and\n"))
            .collect();
        let rail = "By Jane Doe\nMarch 12, 2024\n\n";
        let rest = "A spokesman said the work could not wait.\n";
        for (opening, body_opens) in [
            ("T\nhe council voted on Tuesday to\n", "The council voted"),
            (
                "LISBON: The council voted on\nTuesday to\n",
                "LISBON: The council voted",
            ),
        ] {
            let raw = format!(
                "Old Market Hall Will Close for Two\nYears of Repairs\n{standfirst}\n\
                 {opening}close the old market hall. The\n{column}its traders said they\n\
                 had been given too little notice.\n\n{rail}{rest}"
            );
            let article = clean(&raw);
            assert_eq!(article.front.subtitle.as_deref(), Some(standfirst), "{raw}");
            assert_eq!(article.front.authors, ["Jane Doe"], "{raw}");
            assert!(article.body.starts_with(body_opens), "{}", article.body);
            assert!(article.body.contains("little notice."), "{}", article.body);
            assert!(
                article.body.ends_with("could not wait.\n"),
                "{}",
                article.body
            );
        }
        // Two sentences of standfirst over the byline are no story.
        let two = "Traders will move to a riverside site. The roof beams will be replaced.";
        let raw = format!(
            "Old Market Hall Will Close for Two\nYears of Repairs\n\n{two}\n\n{rail}\
             The council voted on Tuesday to close the old market hall.\n"
        );
        let article = clean(&raw);
        assert_eq!(article.front.subtitle.as_deref(), Some(two), "{raw}");
        assert!(
            article.body.starts_with("The council voted"),
            "{}",
            article.body
        );
    }

    /// A page read by pdftotext ends with a block of the bio after the story's last
    /// block, which may stop mid-sentence (the extractor put the sentence's end
    /// elsewhere), and the paper's name printed at the foot after a blank line: the bio
    /// is read, the paper's name dropped. A block of story after the bio, set apart by a
    /// blank line in copy whose paragraphs have none, means it was no closing bio.
    #[test]
    fn a_bio_block_at_the_end_of_a_page_is_read_after_an_unfinished_block() {
        let bio = "Jane Doe covers city hall for the paper. She can be reached at jane@example.com";
        let column: String = (1..=8)
            .map(|n| format!("Stall {n} was among those\nthe council listed.\n"))
            .collect();
        let head = format!(
            "Market hall to close for two years\nBy Jane Doe | March 12, 2024\n\n\
             The council voted on Tuesday to\nclose the old market hall.\n{column}"
        );
        let raw = format!(
            "{head}\nTraders said they were worried\nat first, and\n\n\
             Jane Doe covers city hall for\nthe paper. She can be reached at\n\
             jane@example.com\n\nValley Record\n"
        );
        let article = clean(&raw);
        assert_eq!(article.front.bio.as_deref(), Some(bio), "{raw}");
        assert!(!article.body.contains("Valley Record"), "{}", article.body);
        assert!(!article.body.contains("covers city"), "{}", article.body);
        // Story after the bio's block: the bio is not the story's end.
        let raw = format!(
            "{head}\nTraders said they were worried\nat first, and\n\n\
             Jane Doe covers city hall for\nthe paper. She can be reached at\n\
             jane@example.com\n\nThe first stalls will move out\nin January.\n"
        );
        let article = clean(&raw);
        assert!(
            article.body.contains("stalls will move out"),
            "{}",
            article.body
        );
        assert!(
            article
                .front
                .bio
                .as_deref()
                .is_none_or(|b| !b.contains("stalls")),
            "{:?}",
            article.front.bio
        );
    }

    /// A bio a grid page printed in the rail under the byline: read where the extractor
    /// put it, right under the byline or between two paragraphs, when it is set apart
    /// from the story and opens as a bio. A paragraph of story about the writer's
    /// subject that names someone else stays.
    #[test]
    fn a_bio_printed_in_the_rail_is_read_where_the_extractor_put_it() {
        let bio = "Jane Doe covers city hall for the paper. She tweets at @janedoe";
        let story = "The council voted on Tuesday to close the old market hall.\n\n\
            Traders said they had been given too little notice.\n\n\
            A spokesman said the work could not wait for another winter.\n";
        let under_byline_of = |name: &str| {
            format!(
                "Market hall to close for two years\n\nBy Jane Doe | March 12, 2024\n\
                 {name} covers city hall for the\npaper. She tweets at\n@janedoe\n\n{story}"
            )
        };
        let under_byline = under_byline_of("Jane Doe");
        let mid_story = story.replacen(
            "\n\nTraders",
            "\n\nJane Doe covers city hall for the\npaper. She tweets at\n@janedoe\n\nTraders",
            1,
        );
        let mid_story = format!(
            "Market hall to close for two years\n\nBy Jane Doe | March 12, 2024\n\n{mid_story}"
        );
        for raw in [under_byline, mid_story] {
            let article = clean(&raw);
            assert_eq!(article.front.bio.as_deref(), Some(bio), "{raw}");
            assert!(
                !article.body.contains("covers city hall"),
                "{}",
                article.body
            );
            assert!(
                article.body.starts_with("The council voted"),
                "{}",
                article.body
            );
            assert!(article.body.contains("Traders said"), "{}", article.body);
        }
        // Someone else's lines in the same shape are the story's.
        let article = clean(&under_byline_of("John Smith"));
        assert_eq!(article.front.bio, None);
        assert!(
            article.body.contains("John Smith covers"),
            "{}",
            article.body
        );
        // In copy with no blank lines, lines run on into the story are not set apart.
        let raw = "Market hall to close for two years\nBy Jane Doe | March 12, 2024\n\
            The council voted on Tuesday to close the hall.\n\
            Jane Doe covers city hall, where the vote\nwas taken on Tuesday.\n\
            Traders said they had been given too little\nnotice by the council.\n";
        let article = clean(raw);
        assert_eq!(article.front.bio, None);
        assert!(
            article.body.contains("Jane Doe covers city hall"),
            "{}",
            article.body
        );
        // Unless the story opens on the next line with its dateline.
        for opening in ["The writer covers", "Jane Doe covers"] {
            let raw = format!(
                "Market hall to close for two years\nBy Jane Doe | March 12, 2024\n\
                 {opening} city hall for the\npaper.\n\
                 LEEDS: The council voted on Tuesday to close\nthe old market hall.\n\
                 Traders said they had been given too little\nnotice by the council.\n"
            );
            let article = clean(&raw);
            assert_eq!(
                article.front.bio.as_deref(),
                Some(format!("{opening} city hall for the paper.").as_str()),
                "{raw}"
            );
            assert!(
                article.body.starts_with("LEEDS: The council"),
                "{}",
                article.body
            );
        }
    }

    /// A standfirst under the byline is told from the body's first paragraph by the
    /// body's drop cap under it (in copy with blank lines, one line or lines set wider
    /// than the column). Without a drop cap, lines set wider than the column are the
    /// lead paragraph a page sets across its columns: the body's.
    #[test]
    fn a_standfirst_under_the_byline_is_told_by_the_drop_cap() {
        fn assert_read(raw: &str, subtitle: Option<&str>, body_opens: &str) {
            let article = clean(raw);
            assert_eq!(article.front.subtitle.as_deref(), subtitle, "{raw}");
            assert!(article.body.starts_with(body_opens), "{}", article.body);
        }
        let standfirst = "Traders will move to a riverside site while the roof beams are replaced.";
        let paragraphs = [
            "he council voted on Tuesday to close the old market hall for two years.",
            "Traders said they had been given too little notice by the council.",
            "A spokesman said the work could not wait for another winter.",
        ];
        let web = format!(
            "Market hall to close for two years\n\nBy Jane Doe | March 12, 2024\n\n\
             {standfirst}\n\nT\n\n{}\n",
            paragraphs.join("\n\n")
        );
        assert_read(&web, Some(standfirst), "The council voted");
        // A capitalised paragraph over a letter whose line opens in capitals is the
        // body's: no standfirst.
        let web = web.replace("\n\nhe council", "\n\nThe council");
        assert_read(&web, None, "Traders will move");

        // A page: the body set in a column of about 38 letters, a paragraph across it
        // with no drop cap under it, which a lead set across the columns is too.
        let column =
            "The council voted on Tuesday to close\nthe old market hall for two years, and\n\
            traders said they had been given too\nlittle notice of the move by the council\n\
            and its officers. A spokesman said the\nwork on the roof could not wait for\n\
            another winter, and that the beams had\nbeen found to be rotten in the spring\n\
            survey of every building it owns in the\ntown centre, which it began last year.\n\
            The traders' association said it would\nask for the rent to be waived while\n\
            the stalls stand by the river.\n";
        let page = format!(
            "Market hall to close for two years\nBy Jane Doe | March 12, 2024\n\
             Traders will move to a riverside site while the roof beams are\nreplaced.\n{column}"
        );
        assert_read(&page, None, "Traders will move");
        // A page that sets blank lines between its blocks: the standfirst, wider than the
        // column, over the drop cap.
        let page = format!(
            "Market hall to close for two years\n\nBy Jane Doe | March 12, 2024\n\n\
             Traders will move to a riverside site while the roof beams are\nreplaced.\n\n\
             T\n\nhe council voted on Tuesday to close\n{}",
            column.split_once('\n').expect("lines").1
        );
        assert_read(&page, Some(standfirst), "The council voted");
    }

    /// A bio run into the last paragraph (a page that printed it inline, or copy that
    /// lost the break before it) is cut off at its first sentence; a story's last
    /// sentence that names the writer and quotes someone stays.
    #[test]
    fn a_bio_run_into_the_last_paragraph_is_cut_off() {
        let head = "Market hall to close for two years\nBy Jane Doe\nMarch 12, 2024\n\
            The council voted on Tuesday to close\nthe old market hall for two years.\n";
        for ending in [
            "The repairs will cost €14m. Jane Doe is a reporter covering city hall.\n",
            "The repairs will cost €14m, the mayor said. Jane\nDoe covers city hall. She lives in\nLeeds.\n",
            "The repairs will cost €14m. The writer is based in Leeds.\n",
        ] {
            let article = clean(&format!("{head}{ending}"));
            let bio = article.front.bio.unwrap_or_default();
            assert!(
                bio.starts_with("Jane Doe") || bio.starts_with("The writer"),
                "{ending:?}: {bio:?}"
            );
            assert!(article.body.trim_end().ends_with("€14m.") || article.body.trim_end().ends_with("said."), "{}", article.body);
        }
        // A sentence that opens like a bio with a paragraph of story after it is no bio:
        // its line stays whole, and its paragraph one.
        let raw = format!(
            "{head}The repairs will cost €14m. Jane Doe is a reporter\nwho asked about the roof.\n\n\
             The hall reopens in 2026 with a new roof and better ventilation for the stalls.\n"
        );
        let article = clean(&raw);
        assert_eq!(article.front.bio, None);
        assert!(
            article
                .body
                .contains("cost €14m. Jane Doe is a reporter who asked"),
            "{}",
            article.body
        );
        // A body of one line that a drop cap opens is not cut: the bio is not printed
        // twice.
        let raw = "Market hall to close for two years\nBy Jane Doe\nMarch 12, 2024\nT\n\
            he council voted to close the hall, at a cost of €14m. Jane Doe is a reporter.\n";
        let article = clean(raw);
        let bio = article.front.bio.unwrap_or_default();
        assert_eq!(
            article.body.matches("is a reporter").count() + bio.matches("is a reporter").count(),
            1,
            "{bio:?} {}",
            article.body
        );
        for ending in [
            "The repairs will cost €14m. Jane Doe is a reporter he trusts, the mayor said.\n",
            "The repairs will cost €14m. Jane Doe is to visit the hall next week.\n",
            "The repairs will cost €14m. Jane Doe, a reporter, asked why.\n",
        ] {
            let article = clean(&format!("{head}{ending}"));
            assert_eq!(article.front.bio, None, "{ending:?}");
            assert!(article.body.contains("Jane Doe"), "{}", article.body);
        }
    }

    #[test]
    fn a_line_of_narrow_letters_that_ends_a_sentence_is_judged_by_its_set_width() {
        // No blank lines (pypdf): `as it will till it fills all of it.` has as many
        // characters as the full lines round it, but set in type it is clearly short, so
        // it ends the paragraph; `moves more smoothly through the rows.` is full.
        let raw = "Meadow work returns to the hills\nBy Ana Ruiz\n\n\
            Mowers who work the upper meadows\nknow how warm a summer morning can\n\
            grow when the dew has gone and the\nwind drops down over the mown rows\n\
            as it will till it fills all of it.\nMany women now mow by hand again,\n\
            working down from the woods at dawn\nwhen the grass is wet and the blade\n\
            moves more smoothly through the rows.\nMowing by machine would cost more.\n";
        let article = clean(raw);
        let paragraphs: Vec<&str> = article.body.trim().split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(paragraphs[0].ends_with("fills all of it."));
        assert!(paragraphs[1].ends_with("would cost more."));
    }

    #[test]
    fn a_headline_with_no_byline_under_it_is_still_read_from_its_lines() {
        let body = "KARACHI: The council voted on Tuesday to close the old market hall.\n\n\
            Traders said they had been given too little notice.\n";
        let head = "Market hall to close for two years\n\
            Traders say they were given too little notice of the repairs.\n\n";
        // No byline or date at all; the date above the headline; byline and date above
        // it; the paper's head, its date and a kicker above it.
        for top in [
            "",
            "Sunday, July 24, 2022\n\n",
            "By Jane Doe\nSunday, July 24, 2022\n",
            "The Harbour Times\n\nSunday, July 24, 2022\n\nCITY\n\n",
        ] {
            let article = clean(&format!("{top}{head}{body}"));
            assert_eq!(
                article.front.title, "Market hall to close for two years",
                "{top:?}"
            );
            assert_eq!(
                article.front.subtitle.as_deref(),
                Some("Traders say they were given too little notice of the repairs."),
                "{top:?}"
            );
            assert!(article.body.starts_with("KARACHI: The council"), "{top:?}");
        }
        // A kicker over the headline stays the kicker; the dateline's paragraph is the
        // body, not a standfirst.
        let article = clean(&format!(
            "CITY\nMarket hall to close for two years\n\n{body}"
        ));
        assert_eq!(article.front.title, "Market hall to close for two years");
        assert_eq!(article.front.kicker.as_deref(), Some("CITY"));
        assert_eq!(article.front.subtitle, None);
    }

    #[test]
    fn a_bio_box_headed_by_the_writers_name_keeps_only_its_text() {
        let raw = "Market hall to close for two years\nBy Jane Doe\n\n\
            The council voted on Tuesday to close the old market hall.\n\n\
            Traders said they had been given too little notice.\n\n\
            JANE DOE\nJane Doe is a freelance writer based in Karachi.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Jane Doe is a freelance writer based in Karachi.")
        );
        assert!(!article.body.contains("JANE DOE"));
    }

    #[test]
    fn names_over_the_running_heads_date_repeated_are_the_byline() {
        // The byline's date repeats the running head's, so both date lines are page
        // furniture: the paper's name is still no writer and the names still a byline.
        let raw = "The Harbour Times\n\nSunday, July 24, 2022\n\nCITY\n\n\
            Market hall to close for two years\n\
            Traders say they were given too little notice of the repairs.\n\
            JOHN SMITH\nSunday, July 24, 2022\n\n\
            KARACHI: The council voted on Tuesday to close the old market hall.\n";
        let article = clean(raw);
        assert_eq!(article.front.title, "Market hall to close for two years");
        assert_eq!(article.front.authors, vec!["John Smith"]);
        assert_eq!(article.front.kicker.as_deref(), Some("CITY"));
    }

    #[test]
    fn a_headline_that_runs_on_over_a_date_is_no_byline_of_names() {
        // `Sunday Evenings` over a date looks like a name over a date, but the line
        // before ends with `on`: it is the headline's end.
        let raw = "What We Lose When the Pool Shuts on\nSunday Evenings\n\
            12 March 2024\nBy Ana Ruiz\n\n\
            The council closed the pool at six on Sundays from January.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "What We Lose When the Pool Shuts on Sunday Evenings"
        );
        assert_eq!(article.front.authors, vec!["Ana Ruiz"]);
        assert!(article.front.date.is_some());
    }

    #[test]
    fn a_standfirst_in_sentence_case_under_a_title_case_headline_is_its_own_field() {
        let raw = "Lisbon and Madrid Fail to Agree on\nTagus Flows After Dry Winter\n\
            Portuguese officials accuse Spain of\nreleasing too little water from its\n\
            reservoirs.\nBy Inês Lopes | 22 April 2026\n\
            Talks between Portugal and Spain over the flow of the Tagus ended without a deal.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "Lisbon and Madrid Fail to Agree on Tagus Flows After Dry Winter"
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("Portuguese officials accuse Spain of releasing too little water from its reservoirs.")
        );
        // A headline in sentence case runs on over its lines.
        let raw = "Karachi textile exporters warn of\nLost orders as power tariffs climb\n\
            By Farah Siddiqui | 13 February 2024\n\
            Textile exporters say they are turning away new orders.\n";
        assert_eq!(
            clean(raw).front.title,
            "Karachi textile exporters warn of Lost orders as power tariffs climb"
        );
        assert!(title_cased("Tagus Flows After Dry Winter"));
        // A name that lost its capital is no word in lower case.
        assert!(title_cased("Bakery on ukurcuma Street"));
        assert!(!title_cased("Bakery on the street"));
        assert!(!title_cased("MORNING STAR EDITION"));
        assert!(sentence_cased("Portuguese officials accuse Spain of"));
        assert!(!sentence_cased("Lost Orders as power"));
        assert!(title_cased("Talks Fail With Spain Over Water"));
    }

    #[test]
    fn a_headline_whose_last_word_is_a_number_on_its_own_line_keeps_it() {
        let raw = "Søren Kjærgaard, potter who\nmade plain bowls famous, dies at\n88\n\
            Annelise Bødker, Staff Reporter\n17 Oct 2019\n\n\
            Søren Kjærgaard, the Danish potter, has died.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "Søren Kjærgaard, potter who made plain bowls famous, dies at 88"
        );
    }

    #[test]
    fn a_kicker_of_section_words_names_the_section() {
        assert_eq!(section_of_kicker("SPORT").as_deref(), Some("Sport"));
        assert_eq!(
            section_of_kicker("Arts & Culture").as_deref(),
            Some("Arts & Culture")
        );
        assert_eq!(
            section_of_kicker("WORLD NEWS").as_deref(),
            Some("World News")
        );
        assert_eq!(section_of_kicker("DIPLOMATIC IMPASSE"), None);
        assert_eq!(section_of_kicker(""), None);
    }

    #[test]
    fn a_kicker_over_a_narrow_headline_is_measured_by_the_headlines_lines() {
        // No blank line, and the headline's first line is as short as the kicker: the
        // headline's next lines show `Prague` would have fitted after `Transport`.
        let raw = "Transport\nPrague tram\nextension delayed\nagain as costs climb\nby a third\n\
            By Jana Nováková | 27 November 2024\n\
            The city's plan for a new tram line has slipped again. The council blamed costs.\n";
        let article = clean(raw);
        assert_eq!(article.front.kicker.as_deref(), Some("Transport"));
        assert_eq!(
            article.front.title,
            "Prague tram extension delayed again as costs climb by a third"
        );
        // A word that would not have fitted there goes on the headline.
        let raw = "Uncertainty\nrevisited in a\nnarrow column\n\
            By Jana Nováková | 27 November 2024\n\
            The city's plan for a new tram line has slipped again. The council blamed costs.\n";
        assert_eq!(
            clean(raw).front.title,
            "Uncertainty revisited in a narrow column"
        );
    }

    #[test]
    fn a_bio_opening_with_the_writers_name_glued_is_found_and_spelt_out() {
        let raw = "Clinics go online\n\nBy Mihaela Ciobanu | 3 May 2024\n\n\
            The county says the scheme will grow next year.\n\n\
            MihaelaCiobanuis a health reporter based in Cluj.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Mihaela Ciobanu is a health reporter based in Cluj.")
        );
        // The last part of the name glued to the verb and the article after it, with no
        // blank line before the bio; and a writer's name glued to the verb after it.
        let raw = "Clinics go online\nBy Mihaela Ciobanu | 3 May 2024\n\
            The county says the scheme will grow next year.\n\
            Mihaela Ciobanuisa health reporter based in Cluj.\n";
        assert_eq!(
            clean(raw).front.bio.as_deref(),
            Some("Mihaela Ciobanu is a health reporter based in Cluj.")
        );
        let raw = "Clinics go online\nBy Mihaela Ciobanu | 3 May 2024\n\
            The county says the scheme will grow next year.\n\
            Mihaela Ciobanucovers health from Cluj.\n";
        assert!(clean(raw).front.bio.is_some());
        let raw = "Clinics go online\nBy Mihaela Ciobanu | 3 May 2024\n\
            The county says the scheme will grow next year.\n\
            Mihaela Ciobanucoverslocal health from Cluj.\n";
        assert_eq!(
            clean(raw).front.bio.as_deref(),
            Some("Mihaela Ciobanu covers local health from Cluj.")
        );
        let context = crate::clean::words::WordContext::default();
        let vocabulary = Vocabulary::for_document("", &context);
        let after = |rest: &str| verb_and_after(rest, &vocabulary);
        let raw = "Ports and mills\nBy Piotr Wróbel and Zeynep Aydın | 3 May 2024\n\
            The yards are busy again after a slow year.\n\
            Piotr Wróbelcoversindustry from Gdańsk; ZeynepAyd n is the shipping correspondent.\n";
        assert_eq!(
            clean(raw).front.bio.as_deref(),
            Some("Piotr Wróbel covers industry from Gdańsk; Zeynep Aydın is the shipping correspondent.")
        );
        assert_eq!(after("isa").as_deref(), Some("is a"));
        fn rest(joined: &str) -> Option<&str> {
            name_then_rest(joined, "zeynepaydn", "Zeynep Aydın")
        }
        assert_eq!(rest("ZeynepAydnis"), Some("is"));
        assert_eq!(rest("ZeynepAydınis"), Some("is"));
        assert_eq!(rest("ZeynepAydinis"), None);
        assert_eq!(rest("ZeynepAyd"), None);
        assert_eq!(after("coversindustry").as_deref(), Some("covers industry"));
        assert_eq!(after("isolated").as_deref(), Some("isolated"));
        assert_eq!(after("Island"), None);
    }

    #[test]
    fn a_running_head_printed_after_the_bio_stays_out_of_it() {
        // Last, before the folio, as pypdf reads a page whose head it printed last.
        let raw = "Clinics go online\n\nBy Mihaela Ciobanu | 3 May 2024\n\n\
            The county says the scheme will grow next year.\n\n\
            Mihaela Ciobanu is a health reporter based in Cluj.\n\
            VALLEY RECORD Health\nPage 1 of 1\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Mihaela Ciobanu is a health reporter based in Cluj.")
        );
        // The paper's name with the section beside it, when a footer names the paper.
        let raw = "Clinics go online\n\nBy Mihaela Ciobanu | 3 May 2024\n\n\
            The county says the scheme will grow next year.\n\n\
            Mihaela Ciobanu is a health reporter based in Cluj.\n\
            The Plain Dealer Health\nThe Plain Dealer | Page 1\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("Mihaela Ciobanu is a health reporter based in Cluj.")
        );
        assert!(names_paper_and_label(
            "health · the plain dealer",
            &["the plain dealer".to_string()]
        ));
        assert!(!names_paper_and_label(
            "the plain dealer said on monday that it would close.",
            &["the plain dealer".to_string()]
        ));
    }

    #[test]
    fn a_box_line_printed_twice_is_no_running_head() {
        // The box's first line is the body's line word for word: printed twice, it is
        // still prose (it ends on `and`), and the whole box is found.
        let raw = "Frost hits coffee farms\n\nBy Ana Silva | 3 May 2024\n\n\
            Agronomists say a third of the trees were damaged.\n\
            For large estates with insurance and\n\
            irrigation, the losses are painful but\n\
            manageable. For families, they could be ruinous.\n\
            Arabica futures rose by about 9% in the week, as traders\n\
            For large estates with insurance and\n\
            irrigation, the losses are painful\n\
            but manageable.\n\
            worried about the next two harvests.\n";
        let article = clean(raw);
        assert!(
            article
                .body
                .contains("as traders worried about the next two harvests."),
            "{}",
            article.body
        );
        assert!(
            article.body.contains(
                "::: pullquote\nFor large estates with insurance and irrigation, the losses are painful but manageable."
            ),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_box_quoting_a_clause_in_lower_case_is_found() {
        // The box quotes a clause of a sentence, no capital and no stop, after a blank
        // line (pdftotext) or, with none, in lines narrower than the column (pypdf).
        let story = "Hospitals stretched by the heat\n\nBy Ana Silva | 3 May 2024\n\n\
            Doctors said on Saturday that the wards were full and that more\n\
            patients arrived every hour. People stop taking their medicines\n\
            properly, they drink too little because they are afraid of\n\
            needing the toilet at work, and the damage is done by then.";
        let rest = "The strain is also showing on the hospitals themselves, where\n\
            power cuts have forced clinics to rely on diesel generators.\n";
        let boxed =
            "they drink too little\nbecause they are afraid\nof needing the toilet at\nwork";
        let want = "::: pullquote\nthey drink too little because they are afraid of needing the toilet at work";
        for raw in [
            format!("{story}\n\n{boxed}\n{rest}"),
            format!("{story}\n{boxed}\n{rest}"),
        ] {
            let article = clean(&raw);
            assert!(article.body.contains(want), "{}", article.body);
            assert!(
                article.body.contains("they drink too little because they are afraid of needing the toilet at work, and"),
                "{}",
                article.body
            );
        }
    }

    #[test]
    fn the_story_going_on_in_lower_case_under_a_box_is_no_box() {
        // The box (`Bats that wake…`) stands where the column broke the sentence; the
        // story goes on under it in lower case with the words it quotes.
        let raw = "Bats return to the old mines\n\nBy Ana Silva | 3 May 2024\n\n\
            Rules on visits during winter mean fewer people disturb the animals.\n\
            Bats that wake too often\n\n\
            Bats that wake too often during hibernation burn\n\
            through their fat reserves, and warmer, more\n\
            unstable winters could cause harm rather than help.\n\n\
            during hibernation burn through their fat reserves, and warmer, more\n\
            unstable winters could cause harm rather than help.\n\
            Farmers have replanted hedgerows along the valley.\n";
        let article = clean(raw);
        assert!(
            article
                .body
                .contains("::: pullquote\nBats that wake too often during"),
            "{}",
            article.body
        );
        assert!(
            !article.body.contains("::: pullquote\nduring"),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_box_dropped_after_the_first_word_of_its_sentence_is_found() {
        let raw = "Canal homes saved\n\nBy Ana Silva | 3 May 2024\n\n\
            \"The law does not require the court to choose\n\
            between a clear canal bank and a family's\n\
            roof,\" the bench said in its short order. \"It\n\
            It requires the authorities to think\n\
            about both before they send in the\n\
            bulldozers.\n\
            requires the authorities to think about both\n\
            before they send in the bulldozers.\"\n\
            Counsel for the department said the city would study the order.\n";
        let article = clean(raw);
        assert!(
            article.body.contains(
                "short order. \"It requires the authorities to think about both before they send in the bulldozers.\""
            ),
            "{}",
            article.body
        );
        assert!(
            article
                .body
                .contains("::: pullquote\nIt requires the authorities"),
            "{}",
            article.body
        );
    }

    #[test]
    fn a_box_is_told_from_its_words_in_the_body_by_its_widest_line() {
        // No blank line anywhere; both copies end on a short line, so their mean widths
        // are alike, but the box's widest line is clearly narrower than the column's.
        let raw = "Mills fear the tariff\nBy Ana Silva | 3 May 2024\n\
            Exports fell by a fifth in the first half,\n\
            according to figures from the ministry.\n\
            Home textiles such as towels and bed\n\
            What they cannot plan around is a\n\
            price that changes every time a\n\
            loan review comes up.\n\
            linen were hit hardest, while denim held\n\
            up well. The economist said the trouble\n\
            was not the level of the tariff at all.\n\
            She said so on Monday, and added this:\n\
            \u{201c}What they cannot plan around is a price\n\
            that changes every time a loan review comes\n\
            up.\u{201d}\n";
        let article = clean(raw);
        assert!(
            article.body.contains("towels and bed linen were")
                && article
                    .body
                    .contains("::: pullquote\nWhat they cannot plan around"),
            "{}",
            article.body
        );
    }

    /// A grid page sets its box across the columns: wider than the column, where the
    /// body's own copy of the quote is set to the column's width. The wider twin is the
    /// box, the body keeps its sentence (marks and all).
    #[test]
    fn a_box_set_across_the_columns_is_told_by_its_wider_lines() {
        let raw = "Mills fear the tariff\nBy Ana Silva | 3 May 2024\n\
            Exports fell by a fifth in the first\n\
            half, according to figures from the\n\
            ministry. The economist said the\n\
            trouble was not the level of it.\n\
            \u{201c}What they cannot plan around is a\n\
            price that changes every time a\n\
            loan review comes up.\u{201d}\n\
            Home textiles such as towels and bed\n\
            linen were hit hardest, while denim\n\
            held up well over the same months.\n\
            \n\
            What they cannot plan around is a price that changes\n\
            every time a loan review comes up.\n\
            The ministry said the figures for the\n\
            second half would be out in March.\n";
        let article = clean(raw);
        assert!(
            article
                .body
                .contains("\n\u{201c}What they cannot plan around is a price that changes every time a loan review comes up.\u{201d}\n")
                && !article.body.contains("::: pullquote\n\u{201c}")
                && article
                    .body
                    .contains("::: pullquote\nWhat they cannot plan around is a price that changes every time a loan review comes up.\n:::"),
            "{}",
            article.body
        );
    }

    #[test]
    fn twin_split_finds_two_copies_back_to_back() {
        let run = [
            "Günter has eaten the same bowl",
            "every Wednesday for 22 years.",
            "A retired driver named Günter has",
            "eaten the same bowl every",
            "Wednesday for 22 years.",
        ];
        assert_eq!(twin_split(&run), Some(2));
        assert_eq!(twin_split(&run[2..]), None);
    }

    #[test]
    fn a_quote_and_its_box_right_after_it_stay_two() {
        let raw = "Canal Homes Saved\n\nBy Sara Khan | 3 May 2024\n\n\
            The court heard the residents on Monday and ruled for them within the hour.\n\
            \"It requires the authorities to\nthink about both before they\nsend in the bulldozers.\"\n\n\
            It requires the\nauthorities to think\nabout both before they\nsend in the bulldozers.\n\
            Counsel for the department said the city would study the order with care.\n";
        let article = clean(raw);
        assert!(
            article
                .body
                .contains("\"It requires the authorities to think about both before they send in the bulldozers.\""),
            "{}",
            article.body
        );
        assert!(article
            .body
            .contains("::: pullquote\nIt requires the authorities"));
    }

    #[test]
    fn the_headline_and_standfirst_get_the_word_repairs() {
        let raw = "New tram line to Krak w suburbs delayed\n\
            The Gda sk yard says the ajournalist was right.\n\n\
            By Jane Doe | 3 May 2024\n\n\
            The city said on Monday that the line would open late.\n";
        let article = clean(raw);
        assert_eq!(
            article.front.title,
            "New tram line to Kraków suburbs delayed"
        );
        assert_eq!(
            article.front.subtitle.as_deref(),
            Some("The Gdańsk yard says the a journalist was right.")
        );
    }

    #[test]
    fn a_web_pages_writer_heading_over_the_bio_and_its_story_list_are_no_story() {
        // The writer's name printed in the byline and again over the bio is no running
        // head; the heading goes, and so do the comments' count and the list of other
        // stories under its label (`Trending now`).
        let story = "Mill owners warn of lost orders as tariffs climb\n\nFarah Siddiqui\n\
            Published Feb. 13, 2024\n\n\
            The latest revision, announced last week by the regulator, raises the rate.\n\n\
            Exporters said buyers had started to ask for prices six months ahead.\n\n";
        for bio in [
            "Farah Siddiqui covers trade and industry for the paper.",
            "The writer covers trade and industry for the paper.",
        ] {
            let raw = format!(
                "{story}Farah Siddiqui\n\n{bio}\n\n226 comments\nTrending now\n\
                 Why the price of rice keeps climbing\nNew bridge opens two years late\n"
            );
            let article = clean(&raw);
            assert_eq!(article.front.authors, ["Farah Siddiqui"], "{raw}");
            assert_eq!(article.front.bio.as_deref(), Some(bio));
            assert!(
                article.body.trim_end().ends_with("six months ahead."),
                "{}",
                article.body
            );
        }
    }

    #[test]
    fn a_bio_opening_is_no_bio_when_story_follows_it() {
        let raw = "A Headline Here\n\nBy Jane Doe\n\n\
            The city council met on Tuesday to discuss the budget for next year.\n\n\
            The writer is a local historian, the mayor said of the guest speaker.\n\n\
            She said the court was full and the hearing went on past midnight.\n\n\
            The mayor left early.\n";
        let article = clean(raw);
        assert_eq!(article.front.bio, None);
        assert!(article.body.contains("The mayor left early."));
        let with_contact = "A Headline Here\n\nBy Jane Doe\n\n\
            The city council met on Tuesday to discuss the budget for next year.\n\n\
            The writer is a local historian.\n\n\
            She can be reached at jane@example.com\n";
        let article = clean(with_contact);
        assert!(article
            .front
            .bio
            .is_some_and(|b| b.contains("jane@example.com")));
    }

    #[test]
    fn a_bios_contact_line_justified_one_word_per_line_stays_in_the_bio() {
        let raw = "A Headline Here\n\nBy Jane Doe\n\n\
            The city council met on Tuesday to discuss the budget for next\n\
            year, and the meeting ran on until late in the evening.\n\
            The writer is a local historian and the author of a book on\n\
            the harbour.\nShe\ntweets\nat\n@jane_doe_hist\n";
        let article = clean(raw);
        assert_eq!(
            article.front.bio.as_deref(),
            Some("The writer is a local historian and the author of a book on the harbour. She tweets at @jane_doe_hist")
        );
    }
}
