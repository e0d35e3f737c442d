//! Pass 2b, line spacing: copy that puts a blank line after every printed line read as
//! copy that does not.
//!
//! Some viewers and extractors set each printed line as its own paragraph, so the copy
//! has a blank line after every line, and two or three where the page had a paragraph
//! break. Read as it stands, every line would be a paragraph of its own and the headline
//! could not be told from the standfirst. A web page's copy looks alike at a glance (one
//! line a paragraph, a blank line between), so the two are told apart by what the lines
//! are: a printed line breaks mid-sentence (it ends with no stop and the next line goes
//! on in lower case, or it ends with a hyphen), a web page's paragraph ends a sentence.
//!
//! A copy is read as double-spaced when no two of its lines stand together, and a fifth
//! or more of its single blank lines (three at least) fall inside a sentence. Then every
//! run of blank lines loses half its lines, rounded up: one blank line goes, three become
//! one. The change is recorded once, at the first blank line taken out.

use super::layout::ends_sentence;
use super::mapped::MappedText;
use super::Edit;

/// The fewest gaps between lines a copy needs to be judged at all.
const LEAST_GAPS: usize = 6;
/// The fewest single blank lines inside a sentence that show double spacing.
const LEAST_RUNS_ON: usize = 3;

/// `text` with the blank line after each printed line taken out, when the copy is
/// double-spaced (see the module's documentation); `None` when it is not.
pub fn single_spaced(text: &MappedText, edits: &mut Vec<Edit>) -> Option<MappedText> {
    let source = text.as_str();
    // Most copy has two lines together near its top: it is let go at the first such pair,
    // before anything is collected.
    let mut after_content = false;
    for line in source.split('\n') {
        let blank = line.trim().is_empty();
        if !blank && after_content {
            return None;
        }
        after_content = !blank;
    }
    // Each line's byte range, its end without the line break.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        lines.push((at, at + line.trim_end_matches(['\n', '\r']).len()));
        at += line.len();
    }
    let is_blank = |&(start, end): &(usize, usize)| source[start..end].trim().is_empty();
    // The content lines and the number of blank lines before each one after the first.
    let mut content: Vec<usize> = Vec::new();
    let mut gaps: Vec<usize> = Vec::new();
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        if is_blank(line) {
            blanks += 1;
            continue;
        }
        if !content.is_empty() {
            gaps.push(blanks);
        }
        content.push(i);
        blanks = 0;
    }
    if gaps.len() < LEAST_GAPS {
        return None;
    }
    let text_of = |i: usize| source[lines[i].0..lines[i].1].trim();
    let runs_on = content
        .windows(2)
        .zip(&gaps)
        .filter(|(pair, &gap)| {
            let (above, below) = (text_of(pair[0]), text_of(pair[1]));
            gap == 1
                && (above.ends_with(['-', '\u{ad}', '‐'])
                    || (!ends_sentence(above) && below.starts_with(char::is_lowercase)))
        })
        .count();
    let single = gaps.iter().filter(|&&gap| gap == 1).count();
    if runs_on < LEAST_RUNS_ON || runs_on * 5 < single {
        return None;
    }
    // Copy every line but the first half (rounded up) of each run of blank lines.
    let mut out = MappedText::with_capacity(source.len(), lines.len() + 1);
    let mut first_taken = None;
    let mut taken = 0;
    let mut i = 0;
    while i < lines.len() {
        if !is_blank(&lines[i]) {
            let end = lines.get(i + 1).map_or(source.len(), |next| next.0);
            out.push_slice(text, lines[i].0, end);
            i += 1;
            continue;
        }
        let run_end = (i..lines.len())
            .find(|&k| !is_blank(&lines[k]))
            .unwrap_or(lines.len());
        let drop = (run_end - i).div_ceil(2);
        first_taken.get_or_insert(lines[i].0);
        taken += drop;
        for k in i + drop..run_end {
            let end = lines.get(k + 1).map_or(source.len(), |next| next.0);
            out.push_slice(text, lines[k].0, end);
        }
        i = run_end;
    }
    edits.push(Edit {
        pass: "line_spacing",
        position: text.position_at(first_taken.unwrap_or(0)),
        before: format!("[{taken} blank lines]"),
        after: String::new(),
        reason: "a blank line after every printed line (a viewer's or extractor's double \
                 spacing) read as a line break, and two or three as a paragraph's end"
            .into(),
        confidence: 0.8,
    });
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn spaced(text: &str) -> Option<String> {
        let mapped = MappedText::from_raw_lines(text);
        single_spaced(&mapped, &mut Vec::new()).map(|t| t.as_str().to_string())
    }

    const PRINTED: &str = "The county council voted on Tuesday to\n\
                           close two of its five recycling centres\n\
                           from next spring, saying the savings\n\
                           would pay for a weekly collection.\n\
                           \n\
                           Residents in the villages served by the\n\
                           two sites will have to drive up to 14\n\
                           miles to the nearest remaining centre,\n\
                           which opens four days a week.\n";

    /// `text` with a blank line after each of its lines, as a viewer copies it.
    fn double_spaced(text: &str) -> String {
        text.lines().map(|l| format!("{l}\n\n")).collect()
    }

    #[test]
    fn a_blank_line_after_every_printed_line_is_taken_out() {
        assert_eq!(spaced(&double_spaced(PRINTED)).as_deref(), Some(PRINTED));
        // With no paragraph break marked, the lines come back one under the other.
        let unmarked = PRINTED.replace("\n\n", "\n");
        assert_eq!(
            spaced(&double_spaced(&unmarked)).as_deref(),
            Some(unmarked.as_str())
        );
    }

    #[test]
    fn positions_stay_those_of_the_raw_lines() {
        let mapped = MappedText::from_raw_lines(&double_spaced(PRINTED));
        let mut edits = Vec::new();
        let out = single_spaced(&mapped, &mut edits).expect("double-spaced");
        let second = out.as_str().find("close two").unwrap();
        assert_eq!(out.position_at(second), Position::new(3, 1));
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].position, Position::new(2, 1));
    }

    #[test]
    fn web_paragraphs_and_single_spaced_copy_stay() {
        // A web page's copy: one line a paragraph, each ending its sentence.
        let web: String = (0..10)
            .map(|k| format!("Paragraph {k} of the story ends here with its stop.\n\n"))
            .collect();
        assert_eq!(spaced(&web), None);
        // Lines that stand together are no double spacing, however the rest is set.
        assert_eq!(spaced(PRINTED), None);
        let mut mixed = double_spaced(PRINTED);
        mixed.push_str("One more line\nand its neighbour.\n");
        assert_eq!(spaced(&mixed), None);
        // Too few lines to judge.
        assert_eq!(spaced("A headline\n\nthat runs on\n\nbelow it.\n"), None);
    }
}
