//! Blocks an extractor read out of order, put back where their sentence runs on.
//!
//! pdftotext reads a page as text blocks and orders them by where they stand; on a page of
//! columns it sometimes takes a column's lower block before the block it continues (a
//! drop cap, a pull-quote box or a headline across columns shifts what it sees as the
//! columns). The copy then shows a block that starts in the middle of a sentence
//! (`have stopped making the more…`) after a block that ended one, while elsewhere a
//! block breaks off mid-sentence (`…and a few bakers`) and is followed by one that starts
//! a new sentence.
//!
//! Those two facts, read from the blocks' edges alone, say where such a block belongs:
//! each displaced block (first letter lower-case, the block before it ends a sentence)
//! is moved after a block that breaks off (it ends without a sentence's end and the block
//! after it starts a new sentence). The move is made only when the displaced and the
//! broken-off blocks pair up one to one, in the order they appear, and are few (at most
//! `MOST_MOVES`); any other shape is left as the extractor read it.
//!
//! Where pdftotext missed the columns altogether it alternates between two of them
//! block by block (`A1 B1 A2 B2 A3`): then the displaced block opens the second column
//! and the broken-off block closes the first, an even number of blocks after the
//! first column's start, and the two columns are put back one after the other
//! (`interleaved`).

use super::{ends_sentence, Label, PageLine};
use crate::clean::mapped::MappedText;
use crate::clean::Edit;

/// The most blocks put back in one document. An extractor misreads a few blocks a page;
/// more than this many displaced blocks is some other shape of text, left as it is (and
/// the pairing's loops below stay small whatever the input).
const MOST_MOVES: usize = 16;

/// One block of body lines: its positions in the `body` list, `from..to` (the blank
/// lines after it included), and its first and last content lines, if it has any (a
/// pull-quote box's block has none).
#[derive(Debug, Clone, Copy)]
struct Block {
    from: usize,
    to: usize,
    content: Option<(usize, usize)>,
}

/// `body` (line indexes, blank lines included) in reading order: displaced blocks moved
/// after the block they continue, each move recorded in `edits`. `skip` is a line that
/// must not count as a block's start (the line a drop cap was joined to, which starts in
/// lower case by nature).
pub(super) fn restore_reading_order(
    doc: &MappedText,
    lines: &[PageLine],
    body: &[usize],
    skip: Option<usize>,
    edits: &mut Vec<Edit>,
) -> Vec<usize> {
    let text = doc.as_str();
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];
    let blocks = blocks(lines, body);
    let with_content: Vec<usize> = (0..blocks.len())
        .filter(|&k| blocks[k].content.is_some())
        .collect();
    if with_content.len() < 3 {
        return body.to_vec();
    }
    let first_line = |k: usize| blocks[k].content.expect("content blocks only").0;
    let last_line = |k: usize| blocks[k].content.expect("content blocks only").1;
    let continues = |k: usize| {
        Some(first_line(k)) != skip
            && line_text(first_line(k))
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    };
    let breaks_off = |k: usize| {
        let last = line_text(last_line(k));
        !ends_sentence(last)
            && last
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-' | '‐' | '—' | '–'))
    };
    // Positions in `with_content`: a displaced block follows a block that ended its
    // sentence; a broken-off block is followed by one that starts a new sentence.
    let displaced: Vec<usize> = (1..with_content.len())
        .filter(|&n| continues(with_content[n]) && !breaks_off(with_content[n - 1]))
        .map(|n| with_content[n])
        .collect();
    let broken: Vec<usize> = (0..with_content.len())
        .filter(|&n| {
            breaks_off(with_content[n])
                && with_content.get(n + 1).is_none_or(|&next| !continues(next))
        })
        .map(|n| with_content[n])
        .collect();
    if displaced.is_empty() || displaced.len() != broken.len() || displaced.len() > MOST_MOVES {
        return body.to_vec();
    }
    if let [d] = displaced[..] {
        if let Some(order) = interleaved(
            doc,
            lines,
            body,
            &blocks,
            &with_content,
            d,
            broken[0],
            edits,
        ) {
            return order;
        }
    }
    let pairs: Vec<(usize, usize)> = displaced
        .iter()
        .copied()
        .zip(broken.iter().copied())
        .collect();
    // A block that would follow itself, directly or round a loop, stays where it is.
    for &(d, _) in &pairs {
        let mut at = d;
        for _ in 0..=pairs.len() {
            match pairs.iter().find(|p| p.0 == at) {
                Some(&(_, after)) if after == d => return body.to_vec(),
                Some(&(_, after)) => at = after,
                None => break,
            }
        }
    }
    let mut order = Vec::with_capacity(body.len());
    let emit = |k: usize, order: &mut Vec<usize>| {
        order.extend_from_slice(&body[blocks[k].from..blocks[k].to]);
    };
    for k in 0..blocks.len() {
        if displaced.contains(&k) {
            continue;
        }
        emit(k, &mut order);
        let mut tail = k;
        while let Some(&(d, _)) = pairs.iter().find(|p| p.1 == tail) {
            emit(d, &mut order);
            edits.push(Edit {
                pass: "structure",
                position: doc.position_at(lines[first_line(d)].start),
                before: line_text(first_line(d)).to_string(),
                after: format!("[after `{}`]", line_text(last_line(tail))),
                reason: "a block that continues a broken-off sentence, read out of column \
                         order, moved after it"
                    .into(),
                confidence: 0.7,
            });
            tail = d;
        }
    }
    debug_assert_eq!(order.len(), body.len());
    order
}

/// `body` with two columns pdftotext read in alternation put back one after the other,
/// when the displaced block `d` and the broken-off block `e` (block indexes) fit that
/// shape; `None` when they do not.
///
/// Where pdftotext does not see a page's columns it orders their blocks by height, so
/// the copy alternates between two columns: `A1 B1 A2 B2 A3`. The block before the
/// displaced one opens column A, the displaced one opens column B (it continues the
/// sentence column A breaks off at its foot), and the broken-off block is column A's
/// last: so it stands an even number of blocks after A's first. The blocks from A's
/// first to A's last are put back as `A1 A2 A3 B1 B2`; a block with no body line (a
/// pull-quote box) goes with the block before it.
#[allow(clippy::too_many_arguments)]
fn interleaved(
    doc: &MappedText,
    lines: &[PageLine],
    body: &[usize],
    blocks: &[Block],
    with_content: &[usize],
    d: usize,
    e: usize,
    edits: &mut Vec<Edit>,
) -> Option<Vec<usize>> {
    let at = |k: usize| with_content.iter().position(|&b| b == k);
    let (d_at, e_at) = (at(d)?, at(e)?);
    let first = d_at.checked_sub(1)?;
    if e_at <= d_at || (e_at - first) % 2 != 0 || e_at - first < 4 {
        return None;
    }
    // Each content block of the region with the blocks up to the next content block.
    let region_end = with_content.get(e_at + 1).copied().unwrap_or(blocks.len());
    let group = |n: usize| {
        let from = with_content[n];
        let to = if n == e_at {
            region_end
        } else {
            with_content[n + 1]
        };
        from..to
    };
    let mut order: Vec<usize> = Vec::with_capacity(body.len());
    let emit = |range: std::ops::Range<usize>, order: &mut Vec<usize>| {
        for k in range {
            order.extend_from_slice(&body[blocks[k].from..blocks[k].to]);
        }
    };
    emit(0..with_content[first], &mut order);
    for n in (first..=e_at).step_by(2) {
        emit(group(n), &mut order);
    }
    for n in (first + 1..e_at).step_by(2) {
        emit(group(n), &mut order);
    }
    emit(region_end..blocks.len(), &mut order);
    let text = doc.as_str();
    let first_line = |k: usize| blocks[k].content.expect("content blocks only").0;
    let last_line = |k: usize| blocks[k].content.expect("content blocks only").1;
    edits.push(Edit {
        pass: "structure",
        position: doc.position_at(lines[first_line(d)].start),
        before: text[lines[first_line(d)].start..lines[first_line(d)].end].to_string(),
        after: format!(
            "[column after `{}`]",
            &text[lines[last_line(e)].start..lines[last_line(e)].end]
        ),
        reason: "two columns read in alternation (block by block) put back one after the \
                 other: the column this block opens continues the sentence the other breaks \
                 off at its foot"
            .into(),
        confidence: 0.6,
    });
    debug_assert_eq!(order.len(), body.len());
    Some(order)
}

/// The body's blocks: runs of lines between blank lines and page furniture. Each block's
/// range runs to the next block's start, so the blank lines after it move with it; the
/// first starts at the body's start.
fn blocks(lines: &[PageLine], body: &[usize]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut after_gap = true;
    for (at, &i) in body.iter().enumerate() {
        if lines[i].label == Label::Blank {
            after_gap = true;
            continue;
        }
        let furniture_before = at > 0
            && body[at - 1] + 1 < i
            && lines[body[at - 1] + 1..i]
                .iter()
                .any(|l| l.label == Label::Furniture);
        if after_gap || furniture_before {
            if let Some(last) = blocks.last_mut() {
                last.to = at;
            }
            blocks.push(Block {
                from: if blocks.is_empty() { 0 } else { at },
                to: at + 1,
                content: None,
            });
        }
        after_gap = false;
        let block = blocks.last_mut().expect("a block was just opened");
        block.to = at + 1;
        if lines[i].label == Label::Body {
            block.content = Some(match block.content {
                Some((first, _)) => (first, i),
                None => (i, i),
            });
        }
    }
    if let Some(last) = blocks.last_mut() {
        last.to = body.len();
    }
    blocks
}
