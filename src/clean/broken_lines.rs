//! Pass 2b, broken lines: a printed line an extractor broke into pieces, put back together.
//!
//! PyMuPDF (`page.get_text()`) reads a widely justified line as several lines where the
//! justification stretched a space far: `Małgorzata ` / `Wójcik ` / `writes ` / `about` /
//! `volleyball and handball for the sports`. Each piece but the last keeps the space it
//! broke at, so it ends with a space, which a line the page broke never does. Read as it
//! stands, a bio's first words would stand as lines of their own and the bio would not be
//! read as one.
//!
//! A copy is read this way when at least `LEAST_PIECES` of its lines end with a single
//! space after a word and go on in the next line, and they are at most a third of its
//! lines (copy that ends every line with a space says nothing by it). Each such line is
//! joined to the next one: the line break goes, the space stays. The change is recorded
//! once, at the first line joined.

use super::mapped::MappedText;
use super::Edit;

/// The fewest broken lines that show the extractor broke lines at wide spaces.
const LEAST_PIECES: usize = 3;

/// `text` with each line that ends with a space joined to the next one, when the copy
/// reads so (see the module's documentation); `None` when it does not.
pub fn joined(text: &MappedText, edits: &mut Vec<Edit>) -> Option<MappedText> {
    let source = text.as_str();
    if !source.contains(" \n") {
        return None;
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let is_piece = |i: usize| {
        let line = lines[i].strip_suffix('\n').unwrap_or("");
        line.ends_with(' ')
            && !line.ends_with("  ")
            && !line.trim().is_empty()
            && lines.get(i + 1).is_some_and(|next| !next.trim().is_empty())
    };
    let broken: Vec<bool> = (0..lines.len()).map(is_piece).collect();
    let pieces = broken.iter().filter(|&&b| b).count();
    let content = lines.iter().filter(|l| !l.trim().is_empty()).count();
    if pieces < LEAST_PIECES || pieces * 3 > content {
        return None;
    }
    let mut out = MappedText::with_capacity(source.len(), lines.len() + 1);
    let mut first_joined = None;
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        let end = if broken[i] {
            first_joined.get_or_insert(at + line.len() - 1);
            at + line.len() - 1
        } else {
            at + line.len()
        };
        out.push_slice(text, at, end);
        at += line.len();
    }
    edits.push(Edit {
        pass: "broken_lines",
        position: text.position_at(first_joined.unwrap_or(0)),
        before: format!("[{pieces} line breaks after a space]"),
        after: String::new(),
        reason: "a printed line the extractor broke at its wide spaces (each piece ends with \
                 the space) put back together"
            .into(),
        confidence: 0.8,
    });
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn join(text: &str) -> Option<String> {
        let mapped = MappedText::from_raw_lines(text);
        joined(&mapped, &mut Vec::new()).map(|t| t.as_str().to_string())
    }

    const BROKEN: &str = "Sokoły will face the winner of\n\
                          Sunday's semi-final between the\n\
                          holders in the final in Kraków.\n\
                          Małgorzata \n\
                          Wójcik \n\
                          writes \n\
                          about\n\
                          volleyball and handball for the sports\n\
                          desk.\n";

    #[test]
    fn pieces_of_a_justified_line_are_joined() {
        let out = join(BROKEN).expect("joined");
        assert!(out.ends_with(
            "in Kraków.\nMałgorzata Wójcik writes about\nvolleyball and handball for the sports\ndesk.\n"
        ));
        let mapped = MappedText::from_raw_lines(BROKEN);
        let mut edits = Vec::new();
        let out = joined(&mapped, &mut edits).unwrap();
        let at = out.as_str().find("writes").unwrap();
        assert_eq!(out.position_at(at), Position::new(6, 1));
        assert_eq!(edits[0].position, Position::new(4, 12));
    }

    #[test]
    fn copy_that_does_not_break_lines_at_spaces_stays() {
        // No line ends with a space.
        assert_eq!(join(&BROKEN.replace(" \n", "\n")), None);
        // Too few, or every line ends so.
        assert_eq!(join("One \ntwo\nthree \nfour\nfive six\n"), None);
        let every: String = BROKEN
            .lines()
            .map(|l| format!("{} \n", l.trim_end()))
            .collect();
        assert_eq!(join(&every), None);
        // A space before a blank line joins nothing.
        assert_eq!(join("a \n\nb \n\nc \n\nd\n"), None);
    }
}
