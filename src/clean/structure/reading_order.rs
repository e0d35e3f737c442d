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
//! When every displaced block opens a page (page furniture, a folio or a running head,
//! stands just before it) and its broken-off block comes later, the page's top was read
//! before the foot of the page before: the broken-off block is brought up before it, and
//! the blocks between stay with the new page (`BroughtUp::PageFoot`). Likewise when a
//! pull-quote box follows every displaced block: pdftotext read down that column, box
//! and all, before the foot of the column to its left (`BroughtUp::ColumnFoot`).
//!
//! Where pdftotext missed the columns altogether it alternates between two of them
//! block by block (`A1 B1 A2 B2 A3`): then the displaced block opens the second column
//! and the broken-off block closes the first, an even number of blocks after the
//! first column's start, and the two columns are put back one after the other; three
//! columns alike (`alternating_columns`).

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
    /// Page furniture (a folio, a running head) stands just before the block: the page
    /// breaks there.
    after_page_break: bool,
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
    let read = BodyBlocks {
        doc,
        lines,
        body,
        blocks: blocks(lines, body),
    };
    let blocks = &read.blocks;
    let line_text = |i: usize| read.line_text(i);
    let with_content: Vec<usize> = (0..blocks.len())
        .filter(|&k| blocks[k].content.is_some())
        .collect();
    if with_content.len() < 3 {
        return body.to_vec();
    }
    let first_line = |k: usize| read.content(k).0;
    let last_line = |k: usize| read.content(k).1;
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
    if let Some(order) = broken_off_brought_up(&read, &displaced, &broken, PageFoot, edits) {
        return order;
    }
    if let Some(order) = alternating_columns(&read, &with_content, &displaced, &broken, edits) {
        return order;
    }
    if let Some(order) = broken_off_brought_up(&read, &displaced, &broken, ColumnFoot, edits) {
        return order;
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
    let emit = |k: usize, order: &mut Vec<usize>| read.emit(order, k);
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
                position: read.position(first_line(d)),
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

/// Why a broken-off block comes up before the block that goes on with its sentence,
/// rather than that block going down after it: what the copy shows of where the blocks
/// between belong.
#[derive(Debug, Clone, Copy)]
enum BroughtUp {
    /// Each displaced block opens a page (page furniture just before it): pdftotext read
    /// the next page's top before the last block of the page before (a column's foot
    /// beside a pull-quote box or a headline), and the blocks between belong to the new
    /// page.
    PageFoot,
    /// A pull-quote box follows each displaced block: pdftotext went on down the
    /// displaced block's column, into the box that interrupts it and past it, before it
    /// read the foot of the column to its left. The blocks between are that column's.
    /// Without the box the displaced block may be a column's top read alone, beside the
    /// block before it, and the blocks between the column to its left: it moves down.
    ColumnFoot,
}
use BroughtUp::{ColumnFoot, PageFoot};

impl BroughtUp {
    /// Whether displaced block `d` and its broken-off block `b` show this shape.
    fn shows(self, blocks: &[Block], d: usize, b: usize) -> bool {
        b > d
            && match self {
                PageFoot => blocks[d].after_page_break,
                ColumnFoot => blocks.get(d + 1).is_some_and(|next| next.content.is_none()),
            }
    }

    fn reason(self, broken_off: &str) -> String {
        match self {
            PageFoot => format!(
                "a block that breaks off (`{broken_off}`), read after the next page's top, \
                 brought up to the foot of its page, before the block that goes on with its \
                 sentence"
            ),
            ColumnFoot => format!(
                "a block that breaks off (`{broken_off}`), read after the next column's top \
                 and the pull-quote box in it, brought up before the block that goes on \
                 with its sentence"
            ),
        }
    }
}

/// `body` with each broken-off block brought up before its displaced block, when every
/// pair (displaced before broken-off) shows the shape `why` names; the blocks between
/// stay after the displaced block. `None` for any other shape.
fn broken_off_brought_up(
    read: &BodyBlocks<'_>,
    displaced: &[usize],
    broken: &[usize],
    why: BroughtUp,
    edits: &mut Vec<Edit>,
) -> Option<Vec<usize>> {
    let (blocks, body) = (&read.blocks, read.body);
    if !displaced
        .iter()
        .zip(broken)
        .all(|(&d, &b)| why.shows(blocks, d, b))
    {
        return None;
    }
    let line_text = |i: usize| read.line_text(i);
    let mut order = Vec::with_capacity(body.len());
    let emit = |k: usize, order: &mut Vec<usize>| read.emit(order, k);
    for k in 0..blocks.len() {
        if broken.contains(&k) {
            continue;
        }
        if let Some(n) = displaced.iter().position(|&d| d == k) {
            let b = broken[n];
            emit(b, &mut order);
            let (first, last) = read.content(b);
            edits.push(Edit {
                pass: "structure",
                position: read.position(first),
                before: line_text(first).to_string(),
                after: format!("[before `{}`]", line_text(read.content(k).0)),
                reason: why.reason(line_text(last)),
                confidence: 0.7,
            });
        }
        emit(k, &mut order);
    }
    debug_assert_eq!(order.len(), body.len());
    Some(order)
}

/// Columns pdftotext read in alternation, as positions in the list of blocks with body
/// lines: from `first` to `last`, block `p` belongs to column `(p - first) % columns`.
#[derive(Debug, Clone, Copy)]
struct Alternation {
    first: usize,
    last: usize,
    columns: usize,
}

/// The regions where the displaced and broken-off blocks (`displaced`, `broken`: block
/// indexes, in order) show columns read in alternation, if every one of them does.
///
/// Where pdftotext does not see a page's columns it orders their blocks by height, so
/// the copy alternates between them: `A1 B1 A2 B2 A3`. The block before the displaced
/// one opens column A, the displaced one opens column B (it continues the sentence
/// column A breaks off at its foot), and the broken-off block is column A's last, an
/// even number of blocks after A's first. With three columns (`A1 B1 C1 A2 B2 C2`) two
/// displaced blocks stand side by side (B's and C's first) and A and B break off, three
/// blocks apart as often as it takes.
fn alternations(displaced: &[usize], broken: &[usize]) -> Option<Vec<Alternation>> {
    let mut regions = Vec::new();
    let (mut d, mut e) = (0, 0);
    while d < displaced.len() {
        let first = displaced[d].checked_sub(1)?;
        let three = displaced.get(d + 1) == Some(&(displaced[d] + 1))
            && broken.get(e + 1).is_some_and(|&b_end| {
                let a_end = broken[e];
                a_end > displaced[d + 1]
                    && (a_end - first) % 3 == 0
                    && b_end > a_end
                    && (b_end - first) % 3 == 1
            });
        if three {
            regions.push(Alternation {
                first,
                last: broken[e + 1],
                columns: 3,
            });
            (d, e) = (d + 2, e + 2);
            continue;
        }
        let a_end = *broken.get(e)?;
        if a_end <= displaced[d] || (a_end - first) % 2 != 0 {
            return None;
        }
        regions.push(Alternation {
            first,
            last: a_end,
            columns: 2,
        });
        (d, e) = (d + 1, e + 1);
    }
    // Regions follow one another, and every broken-off block closed one.
    let ordered = regions.windows(2).all(|w| w[0].last < w[1].first);
    (ordered && e == broken.len()).then_some(regions)
}

/// `body` with the columns pdftotext read in alternation ([`alternations`]) put back one
/// after the other, each move recorded; `None` when the displaced and broken-off blocks
/// do not show that shape. A block with no body line (a pull-quote box) goes with the
/// block before it.
fn alternating_columns(
    read: &BodyBlocks<'_>,
    with_content: &[usize],
    displaced: &[usize],
    broken: &[usize],
    edits: &mut Vec<Edit>,
) -> Option<Vec<usize>> {
    let blocks = &read.blocks;
    let at = |k: usize| with_content.iter().position(|&b| b == k);
    let displaced: Vec<usize> = displaced.iter().map(|&k| at(k)).collect::<Option<_>>()?;
    let broken: Vec<usize> = broken.iter().map(|&k| at(k)).collect::<Option<_>>()?;
    let regions = alternations(&displaced, &broken)?;
    let mut order: Vec<usize> = Vec::with_capacity(read.body.len());
    let emit = |range: std::ops::Range<usize>, order: &mut Vec<usize>| {
        for k in range {
            read.emit(order, k);
        }
    };
    // The blocks of content block `n`: itself and those up to the next content block.
    let group =
        |n: usize| with_content[n]..with_content.get(n + 1).copied().unwrap_or(blocks.len());
    let line_text = |i: usize| read.line_text(i);
    let mut copied = 0;
    for region in &regions {
        emit(copied..with_content[region.first], &mut order);
        for column in 0..region.columns {
            for n in (region.first + column..=region.last).step_by(region.columns) {
                emit(group(n), &mut order);
            }
        }
        copied = group(region.last).end;
        let opening = read.content(with_content[region.first + 1]).0;
        let closing = read.content(with_content[region.last]).1;
        edits.push(Edit {
            pass: "structure",
            position: read.position(opening),
            before: line_text(opening).to_string(),
            after: format!(
                "[{} columns read in alternation, up to `{}`]",
                region.columns,
                line_text(closing)
            ),
            reason: "columns read in alternation (block by block) put back one after the \
                     other: the column this block opens continues the sentence the one \
                     before breaks off at its foot"
                .into(),
            confidence: 0.6,
        });
    }
    emit(copied..blocks.len(), &mut order);
    debug_assert_eq!(order.len(), read.body.len());
    Some(order)
}

/// The body's lines cut into blocks, with the text they are read from: what each way of
/// putting blocks back reads.
struct BodyBlocks<'a> {
    doc: &'a MappedText,
    lines: &'a [PageLine],
    /// Line indexes, blank lines included, in the extractor's order.
    body: &'a [usize],
    blocks: Vec<Block>,
}

impl BodyBlocks<'_> {
    fn line_text(&self, i: usize) -> &str {
        &self.doc.as_str()[self.lines[i].start..self.lines[i].end]
    }

    /// Where line `i` starts in the raw text, for an edit's position.
    fn position(&self, i: usize) -> crate::clean::Position {
        self.doc.position_at(self.lines[i].start)
    }

    /// The first and last content lines of block `k`, which has some.
    fn content(&self, k: usize) -> (usize, usize) {
        self.blocks[k].content.expect("a block with body lines")
    }

    /// Appends block `k`'s lines (their positions in `body`, blank lines after it
    /// included) to the reading order being built.
    fn emit(&self, order: &mut Vec<usize>, k: usize) {
        let block = &self.blocks[k];
        order.extend_from_slice(&self.body[block.from..block.to]);
    }
}

/// The body's blocks: runs of lines between blank lines and page furniture. Each block's
/// range runs to the next block's start, so the blank lines after it move with it; the
/// first starts at the body's start.
fn blocks(lines: &[PageLine], body: &[usize]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut after_gap = true;
    // The last line of the body that is not blank, before the current one.
    let mut previous_line: Option<usize> = None;
    for (at, &i) in body.iter().enumerate() {
        if lines[i].label == Label::Blank {
            after_gap = true;
            continue;
        }
        let after_page_break = previous_line
            .is_some_and(|p| lines[p + 1..i].iter().any(|l| l.label == Label::Furniture));
        previous_line = Some(i);
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
                after_page_break,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(displaced: &[usize], broken: &[usize]) -> Option<Vec<(usize, usize, usize)>> {
        alternations(displaced, broken).map(|regions| {
            regions
                .iter()
                .map(|r| (r.first, r.last, r.columns))
                .collect()
        })
    }

    #[test]
    fn alternations_are_read_off_the_displaced_and_broken_off_blocks() {
        // A1 B1 A2 B2 A3: B1 (1) displaced, A3 (4) breaks off.
        assert_eq!(shape(&[1], &[4]), Some(vec![(0, 4, 2)]));
        // Two pages, each with its own two columns.
        assert_eq!(shape(&[1, 6], &[2, 9]), Some(vec![(0, 2, 2), (5, 9, 2)]));
        // A1 B1 C1 A2 B2: B1 and C1 displaced, A2 and B2 break off.
        assert_eq!(shape(&[1, 2], &[3, 4]), Some(vec![(0, 4, 3)]));
        // An odd distance is no alternation (a single block moves instead), nor is a
        // broken-off block before its displaced one, nor a displaced first block.
        assert_eq!(shape(&[1], &[3]), None);
        assert_eq!(shape(&[3], &[2]), None);
        assert_eq!(shape(&[0], &[2]), None);
        assert_eq!(shape(&[1, 6], &[2]), None);
    }
}
