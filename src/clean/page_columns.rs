//! Pass 2a, page columns: copy laid out as the page stood, read one column after another.
//!
//! Asked to keep the layout (`pdftotext -layout`, pypdf's `extraction_mode="layout"`), an
//! extractor sets the text where it stood on the page, in a grid of characters: a page of
//! three columns comes out as lines that each hold a line of every column, side by side,
//! parted by runs of spaces. Read as it stands, every sentence would run into the
//! neighbouring column's.
//!
//! The columns are found from the page's geometry alone. Within a stretch of the copy
//! (a page, or the part of one between two blank lines or more), the lines that hold a
//! run of three spaces or more between two words are the side-by-side lines. A **gutter**
//! is a band of character columns that (nearly) none of them prints in, with at least two
//! of them, and a quarter, starting a word right at its far edge (a column's text is set
//! flush left, its right edge is ragged). Lines that print across a gutter (a headline
//! over the columns, a running head) stay whole; each run of lines between them is read
//! column by column: every line's piece in the first column, top to bottom, then a blank
//! line and the second column's, and so on. A piece opening with a lone capital set apart
//! (`A      n administrative`: the drop cap beside the first lines) puts the capital on a
//! line of its own, as a floated drop cap comes out of other extractors.
//!
//! The geometry is read from the raw file, not from the text as the characters pass left
//! it (which made runs of spaces one): each word's raw column comes from the text's map,
//! read in one walk ([`MappedText::positions_in_order`]). The change is recorded once, at
//! the first line read by columns (and each column line's hyphen handed on, at its place). Copy without side-by-side lines (nearly all copy) is let go after one search
//! for three spaces.

use memchr::memmem;

use super::layout;
use super::mapped::MappedText;
use super::Edit;

/// The fewest spaces that part two columns on one line.
const LEAST_GAP: usize = 3;
/// The fewest character columns a gutter spans.
const LEAST_GUTTER: usize = 2;
/// The fewest character columns a column of text spans.
const LEAST_COLUMN: usize = 12;
/// How far right of a gutter's edge a column's first word may start.
const EDGE_SLACK: usize = 2;
/// The widest a printed page's line is, in characters: a side-by-side line wider is no
/// page (and the search for gutters stays linear).
const WIDEST_PAGE: usize = 400;
/// The most columns a page is read in.
const MOST_COLUMNS: usize = 8;
/// The fewest side-by-side lines the whole copy needs before it is read at all.
const LEAST_SIDE_BY_SIDE: usize = 4;

/// A word of a line: its raw columns (first, and one past its last) and its bytes.
#[derive(Debug, Clone, Copy)]
struct Word {
    column: usize,
    end_column: usize,
    start: usize,
    end: usize,
}

/// One line of the text: where it starts (after a form feed) and where the next one
/// does, and its words.
struct Line {
    start: usize,
    next: usize,
    page_break: bool,
    words: Vec<Word>,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether two of its words stand `LEAST_GAP` columns apart or more.
    fn is_side_by_side(&self) -> bool {
        self.words
            .windows(2)
            .any(|pair| pair[1].column >= pair[0].end_column + LEAST_GAP)
    }

    /// Whether the line prints across one of `gutters`: a word runs over a column's
    /// left edge, or two words in different columns stand a single space apart (a
    /// headline over the columns; a column's line ends short of the gutter).
    fn crosses(&self, gutters: &[(usize, usize)]) -> bool {
        self.words
            .iter()
            .any(|w| gutters.iter().any(|g| w.column < g.1 && w.end_column > g.1))
            || self.words.windows(2).any(|pair| {
                column_of(&pair[0], gutters) != column_of(&pair[1], gutters)
                    && pair[1].column < pair[0].end_column + LEAST_GUTTER
            })
    }
}

/// `text` (the characters pass's output; `raw` the decoded file it maps to) with lines
/// that hold several columns side by side read one column after another; `None` when
/// no such lines are found.
pub fn read_by_column(raw: &str, text: &MappedText, edits: &mut Vec<Edit>) -> Option<MappedText> {
    if !has_side_by_side_lines(raw) {
        return None;
    }
    let lines = read_lines(text);
    let raw_lines: Vec<&str> = raw.split('\n').collect();
    let mut out = MappedText::with_capacity(text.len() + 64, lines.len() + 16);
    let mut first_read: Option<usize> = None;
    let mut copied_to = 0;
    for stretch in stretches(&lines) {
        let stretch = &lines[stretch];
        let gutters = find_gutters(stretch);
        if gutters.is_empty() {
            continue;
        }
        let mut i = 0;
        while i < stretch.len() {
            if stretch[i].crosses(&gutters) {
                i += 1;
                continue;
            }
            let run_end = (i..stretch.len())
                .find(|&k| stretch[k].crosses(&gutters))
                .unwrap_or(stretch.len());
            // Blank lines at the run's ends stay where they are.
            let mut run = &stretch[i..run_end];
            i = run_end;
            while run.last().is_some_and(Line::is_blank) {
                run = &run[..run.len() - 1];
            }
            while run.first().is_some_and(Line::is_blank) {
                run = &run[1..];
            }
            if run.is_empty() {
                continue;
            }
            if run
                .iter()
                .filter(|l| pieces(l, &gutters).count() > 1)
                .count()
                < 2
            {
                continue;
            }
            // The lines before the run as they stand, then the run column by column.
            let run_start = if run[0].page_break {
                run[0].start - 1
            } else {
                run[0].start
            };
            out.push_slice(text, copied_to, run_start);
            if run[0].page_break {
                out.push_slice(text, run_start, run[0].start);
            }
            first_read.get_or_insert(run[0].start);
            push_by_column(text, &raw_lines, run, &gutters, &mut out, edits);
            copied_to = run.last().map_or(run_start, |l| l.next);
        }
    }
    let first_read = first_read?;
    out.push_slice(text, copied_to, text.len());
    edits.push(Edit {
        pass: "page_columns",
        position: text.position_at(first_read),
        before: "[columns side by side]".into(),
        after: String::new(),
        reason: "copy laid out as the page stood (columns side by side on each line) read \
                 one column after another"
            .into(),
        confidence: 0.8,
    });
    Some(out)
}

/// Whether `raw` has `LEAST_SIDE_BY_SIDE` lines holding a run of `LEAST_GAP` spaces
/// between two words: one search for three spaces proves nearly all copy has none.
fn has_side_by_side_lines(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let finder = memmem::Finder::new("   ");
    let mut found = 0;
    let mut from = 0;
    while let Some(at) = finder.find(&bytes[from..]).map(|at| from + at) {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let before = raw[line_start..at].trim_matches([' ', '\u{c}']);
        if before.is_empty() {
            // The line's indentation: look on past it.
            from = at + (raw[at..line_end].len() - raw[at..line_end].trim_start().len());
            continue;
        }
        if !raw[at..line_end].trim().is_empty() {
            found += 1;
            if found >= LEAST_SIDE_BY_SIDE {
                return true;
            }
        }
        from = line_end;
    }
    false
}

/// The lines of `text`, each with its words at their raw columns.
fn read_lines(text: &MappedText) -> Vec<Line> {
    let source = text.as_str();
    let mut lines = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let page_break = body.starts_with('\u{c}');
        let start = at + (body.len() - body.trim_start_matches('\u{c}').len());
        let end = at + body.len();
        let mut words = Vec::new();
        let mut offset = start;
        for word in source[start..end].split(' ') {
            if !word.is_empty() {
                words.push(Word {
                    column: 0,
                    end_column: 0,
                    start: offset,
                    end: offset + word.len(),
                });
            }
            offset += word.len() + 1;
        }
        lines.push(Line {
            start,
            next: at + line.len(),
            page_break,
            words,
        });
        at += line.len();
    }
    // Every word's raw columns, in one walk over the text's map.
    let offsets: Vec<usize> = lines
        .iter()
        .flat_map(|l| l.words.iter().flat_map(|w| [w.start, w.end]))
        .collect();
    let mut columns = text
        .positions_in_order(&offsets)
        .into_iter()
        .map(|p| p.column);
    for word in lines.iter_mut().flat_map(|l| l.words.iter_mut()) {
        word.column = columns.next().unwrap_or(1);
        // A word's end is never left of its start, whatever a repair did to the map.
        word.end_column = columns.next().unwrap_or(word.column).max(word.column);
    }
    lines
}

/// The stretches of `lines` read apart: a page break, or two blank lines or more, ends one.
fn stretches(lines: &[Line]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.page_break || (!line.is_blank() && blanks >= 2) {
            out.push(start..i);
            start = i;
        }
        blanks = if line.is_blank() { blanks + 1 } else { 0 };
    }
    out.push(start..lines.len());
    out.retain(|r| !r.is_empty());
    out
}

/// The gutters of a stretch, left to right, as bands `[from, to)` of character columns.
fn find_gutters(stretch: &[Line]) -> Vec<(usize, usize)> {
    let side_by_side: Vec<&Line> = stretch.iter().filter(|l| l.is_side_by_side()).collect();
    if side_by_side.len() < 2 {
        return Vec::new();
    }
    let width = side_by_side
        .iter()
        .flat_map(|l| &l.words)
        .map(|w| w.end_column)
        .max()
        .unwrap_or(0);
    if width > WIDEST_PAGE {
        return Vec::new();
    }
    let mut printed = vec![0usize; width + 1];
    // For each column, where the word before each word starting there ends.
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); width + EDGE_SLACK + 1];
    for line in &side_by_side {
        for word in &line.words {
            for count in &mut printed[word.column..word.end_column] {
                *count += 1;
            }
        }
        for pair in line.words.windows(2) {
            starts[pair[1].column].push(pair[0].end_column);
        }
    }
    // A line or two may print across a gutter (a headline over the columns).
    let tolerated = side_by_side.len() / 10;
    let mut gutters = Vec::new();
    let mut left_edge = printed.iter().position(|&n| n > 0).unwrap_or(0);
    let mut column = left_edge;
    while column < width {
        if printed[column] <= tolerated {
            let from = column;
            while column < width && printed[column] <= tolerated {
                column += 1;
            }
            let to = column;
            // Lines that start a word at the band's far edge after a word left of it.
            let starts_at_edge = starts[to..=to + EDGE_SLACK]
                .iter()
                .flatten()
                .filter(|&&before_ends| before_ends <= from)
                .count();
            if to - from >= LEAST_GUTTER
                && to < width
                && from >= left_edge + LEAST_COLUMN
                && starts_at_edge >= 2
                && starts_at_edge * 4 >= side_by_side.len()
            {
                gutters.push((from, to));
                left_edge = to;
            }
        } else {
            column += 1;
        }
    }
    if gutters.len() >= MOST_COLUMNS {
        return Vec::new();
    }
    gutters
}

/// Which column (0 the first) a word starts in, given the page's `gutters`.
fn column_of(word: &Word, gutters: &[(usize, usize)]) -> usize {
    gutters.iter().take_while(|g| word.column >= g.1).count()
}

/// A line's pieces, one per column it prints in: (column index, first word, last word).
fn pieces<'a>(
    line: &'a Line,
    gutters: &'a [(usize, usize)],
) -> impl Iterator<Item = (usize, Word, Word)> + 'a {
    let column_of = move |w: &Word| column_of(w, gutters);
    let mut words = line.words.iter().peekable();
    std::iter::from_fn(move || {
        let first = *words.next()?;
        let index = column_of(&first);
        let mut last = first;
        while let Some(w) = words.next_if(|w| column_of(w) == index) {
            last = *w;
        }
        Some((index, first, last))
    })
}

/// Appends `run`'s lines column by column, a blank line between two columns.
///
/// Within a column, a piece indented a little past the column's edge after a piece that
/// ends a sentence opens a paragraph, unless it starts in lower case (a capital lost to
/// a space: a paragraph that seems to start mid-sentence would be read as misplaced) (a blank line goes before it), and a piece's
/// line-end hyphen is handed on as the characters pass hands on one at a line's end
/// (`raw_lines`, the decoded file's lines, tell whether a soft hyphen stood before it).
fn push_by_column(
    text: &MappedText,
    raw_lines: &[&str],
    run: &[Line],
    gutters: &[(usize, usize)],
    out: &mut MappedText,
    edits: &mut Vec<Edit>,
) {
    let source = text.as_str();
    for column in 0..=gutters.len() {
        let in_column = || {
            run.iter()
                .flat_map(|line| pieces(line, gutters).map(move |p| (line, p)))
                .filter(move |(_, p)| p.0 == column)
        };
        let edge = most_common(in_column().map(|(_, (_, first, _))| first.column));
        let mut previous: Option<&str> = None;
        for (line, (_, first, last)) in in_column() {
            match previous {
                None if column > 0 => out.push_replacement_at_end("\n"),
                Some(above)
                    if (edge + 2..=edge + 6).contains(&first.column)
                        && layout::ends_sentence(above)
                        && !source[first.start..].starts_with(char::is_lowercase) =>
                {
                    out.push_replacement_at_end("\n")
                }
                _ => {}
            }
            previous = Some(&source[first.start..last.end]);
            // A drop cap beside the column's first lines goes on a line of its own.
            let drop_cap = first.end - first.start <= 2
                && source[first.start..first.end]
                    .chars()
                    .all(char::is_uppercase)
                && line
                    .words
                    .iter()
                    .find(|w| w.start > first.start)
                    .is_some_and(|next| next.column >= first.end_column + LEAST_GAP);
            let mut start = first.start;
            if drop_cap && first.end < last.end {
                out.push_slice(text, first.start, first.end);
                out.push_replacement_at_end("\n");
                start = last.end - source[first.end..last.end].trim_start().len();
            }
            let hyphen = '\u{2010}';
            if source[start..last.end].ends_with(hyphen) {
                let at = last.end - hyphen.len_utf8();
                out.push_slice(text, start, at);
                let position = text.position_at(at);
                let soft = raw_lines
                    .get(position.line - 1)
                    .and_then(|l| l.chars().nth(position.column.saturating_sub(2)))
                    == Some('\u{ad}');
                let mark = if soft { "\u{ad}-" } else { "-" };
                out.push_replacement(mark, position);
                edits.push(Edit {
                    pass: "page_columns",
                    position,
                    before: hyphen.to_string(),
                    after: mark.into(),
                    reason: "hyphen at a column line's end handed on as a line-end hyphen".into(),
                    confidence: 0.9,
                });
            } else {
                out.push_slice(text, start, last.end);
            }
            out.push_replacement_at_end("\n");
        }
    }
}

/// The value `values` hold most often (the smallest of a tie; 0 when there are none).
fn most_common(values: impl Iterator<Item = usize>) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::characters;
    use crate::diagnostic::Position;

    fn by_column(text: &str) -> Option<String> {
        let mapped = MappedText::from_raw_lines(text);
        read_by_column(text, &mapped, &mut Vec::new()).map(|t| t.as_str().to_string())
    }

    /// Two columns of a page, set side by side as `pdftotext -layout` sets them, under a
    /// headline that spans both.
    const LAID_OUT: &str = "\
The Evening Courier                                      Monday, June 2, 2025


Harbour board votes to dredge the old channel
By Ana Ribeiro


The harbour board voted on Monday       would pay for itself within six
to dredge the silted channel that       years, the board's chair said,
once served the fish market, at         as larger boats return to the
a cost of four million.                 quay.
   Fishermen had asked for the          \"We waited twenty years,\" said
work for a decade. The dredging         one skipper.


                               Page 1
";

    #[test]
    fn columns_side_by_side_are_read_one_after_another() {
        let out = by_column(LAID_OUT).expect("read by column");
        // The indented line after a sentence's end opens a paragraph.
        let body = "The harbour board voted on Monday\n\
                    to dredge the silted channel that\n\
                    once served the fish market, at\n\
                    a cost of four million.\n\
                    \n\
                    Fishermen had asked for the\n\
                    work for a decade. The dredging\n\
                    \n\
                    would pay for itself within six\n\
                    years, the board's chair said,\n\
                    as larger boats return to the\n\
                    quay.\n\
                    \"We waited twenty years,\" said\n\
                    one skipper.\n";
        assert!(out.contains(body), "{out}");
        // What stands above and below the columns stays as it was.
        assert!(out.starts_with(
            "The Evening Courier                                      Monday, June 2, 2025\n"
        ));
        assert!(
            out.ends_with("\n\n\n                               Page 1\n"),
            "{out}"
        );
    }

    #[test]
    fn each_piece_keeps_its_raw_position() {
        let mapped = MappedText::from_raw_lines(LAID_OUT);
        let mut edits = Vec::new();
        let out = read_by_column(LAID_OUT, &mapped, &mut edits).unwrap();
        let at = out.as_str().find("years, the board").unwrap();
        assert_eq!(out.position_at(at), Position::new(9, 41));
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].position, Position::new(8, 1));
    }

    #[test]
    fn a_drop_cap_beside_the_column_goes_on_its_own_line() {
        let text = "\
A      n appeal court in Porto has         the ruling, the second this
       ordered the city to reopen a        year against the council.
       market hall it closed in May,       Traders said they would
pending a full hearing next year.          return on Friday.
";
        let out = by_column(text).expect("read by column");
        assert!(
            out.starts_with("A\nn appeal court in Porto has\nordered the city"),
            "{out}"
        );
    }

    #[test]
    fn a_hyphen_at_a_columns_line_end_is_handed_on_as_a_line_end_hyphen() {
        let rows = [
            (
                "The council said the new tram line",
                "a second depot would be built",
            ),
            ("would be com\u{ad}\u{2010}", "on land the port no longer"),
            (
                "pleted in three years and that a\u{2010}",
                "needs, off Quay Road.",
            ),
            ("and-a-half-year delay was likely.", "Work starts in June."),
        ];
        let text: String = rows.iter().map(|(l, r)| format!("{l:<42}{r}\n")).collect();
        let text = text.as_str();
        // As the characters pass hands it on: the soft hyphen inside the line is gone.
        let repaired = characters::repair_characters(text, &mut Vec::new());
        let mut edits = Vec::new();
        let out = read_by_column(text, &repaired, &mut edits).expect("read by column");
        // A soft hyphen stood before it: the word broke there.
        assert!(
            out.as_str().contains("would be com\u{ad}-\npleted"),
            "{}",
            out.as_str()
        );
        assert!(
            out.as_str().contains("that a-\nand-a-half"),
            "{}",
            out.as_str()
        );
        assert_eq!(edits.len(), 3);
    }

    #[test]
    fn copy_without_columns_is_left_alone() {
        // Prose, a byline with its date far to the right, a table of two rows: no
        // gutter that two lines or more start a column at.
        assert_eq!(
            by_column("A plain paragraph of copy.\nAnother line.\n"),
            None
        );
        let header = "The Courier                      Monday\n\nTitle\n\nBy Jo Lee       June 2\n\
                      Body   text one.\nBody text   two.\nMore   body text here.\n";
        assert_eq!(by_column(header), None);
    }
}
