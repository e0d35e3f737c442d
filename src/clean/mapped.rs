//! Text that remembers where it came from: a string plus a sparse map from its byte
//! offsets back to line:column positions in the raw file.
//!
//! Every pass rewrites text (a ligature becomes two letters, wrapped lines become one
//! paragraph), yet its edits must name positions in the *raw* file. Instead of a position
//! per character, [`MappedText`] keeps an [`Anchor`] wherever the correspondence changes
//! (the start of each raw line, and just after each replacement); between two anchors the
//! text is a verbatim copy of the raw line, so the column advances one per character.

use crate::diagnostic::Position;

/// Byte `offset` of the text corresponds to raw `position`, and the characters after it
/// (up to the next anchor) are copied verbatim from that raw line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub offset: usize,
    pub position: Position,
}

/// Which anchor of a text a byte offset falls under (see [`MappedText::anchor_hint`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnchorHint(usize);

/// A string with a map back to raw positions. Build it with the `push_*` methods.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MappedText {
    text: String,
    anchors: Vec<Anchor>,
}

impl MappedText {
    /// Text copied verbatim from the raw file starting at `position`.
    pub fn from_raw(text: &str, position: Position) -> MappedText {
        let mut mapped = MappedText::default();
        mapped.push_verbatim(text, position);
        mapped
    }

    /// `text` as the characters pass hands it on when it repairs nothing: whole raw
    /// lines from line 1, an anchor at each.
    #[cfg(test)]
    pub fn from_raw_lines(text: &str) -> MappedText {
        let mut mapped = MappedText::default();
        mapped.push_raw_lines(text, 1);
        mapped
    }

    /// An empty text with room for `bytes` of text and `anchors` anchors.
    pub fn with_capacity(bytes: usize, anchors: usize) -> MappedText {
        MappedText {
            text: String::with_capacity(bytes),
            anchors: Vec::with_capacity(anchors),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends text copied verbatim from the raw file starting at `position`.
    pub fn push_verbatim(&mut self, text: &str, position: Position) {
        if text.is_empty() {
            return;
        }
        self.anchor_here(position);
        self.text.push_str(text);
    }

    /// Appends `lines`: whole raw lines (each ending in `\n`, except perhaps the last)
    /// copied verbatim, the first of them raw line `first_line`. The same text and map as
    /// [`Self::push_verbatim`] of each line at column 1, without testing, line by line,
    /// whether the verbatim rule already implies its anchor (it never does: each line
    /// starts a new raw line). Returns how many lines it appended.
    pub fn push_raw_lines(&mut self, lines: &str, first_line: usize) -> usize {
        if lines.is_empty() {
            return 0;
        }
        let start = self.text.len();
        self.anchor_here(Position::new(first_line, 1));
        self.text.push_str(lines);
        let ends = memchr::memchr_iter(b'\n', &lines.as_bytes()[..lines.len() - 1]);
        let mut line = first_line;
        for end in ends {
            line += 1;
            self.anchors.push(Anchor {
                offset: start + end + 1,
                position: Position::new(line, 1),
            });
        }
        line - first_line + 1
    }

    /// Appends text that replaces raw text starting at `position` (all of it maps there).
    pub fn push_replacement(&mut self, text: &str, position: Position) {
        self.push_verbatim(text, position);
    }

    /// Appends `text` replacing raw text at the position where the text ends now (a line
    /// break that became a space): what `push_replacement(text, self.position_at(
    /// self.len()))` does, without counting to find that the verbatim rule implies it.
    pub fn push_replacement_at_end(&mut self, text: &str) {
        if self.anchors.is_empty() {
            self.push_verbatim(text, Position::new(1, 1));
        } else {
            self.text.push_str(text);
        }
    }

    /// Appends `len` bytes of `source` starting at byte `start`, keeping their positions.
    pub fn push_slice(&mut self, source: &MappedText, start: usize, end: usize) {
        let hint = AnchorHint(source.anchor_index(start));
        self.push_slice_hinted(source, start, end, hint);
    }

    /// The anchor of this text that byte `offset` falls under, found by walking forward
    /// from `from` (the answer for an earlier offset): cheap for offsets taken in order,
    /// like the starts of a document's lines.
    pub fn anchor_hint(&self, offset: usize, from: AnchorHint) -> AnchorHint {
        let mut i = from.0;
        while i + 1 < self.anchors.len() && self.anchors[i + 1].offset <= offset {
            i += 1;
        }
        AnchorHint(i)
    }

    /// [`Self::push_slice`], with `hint` = `source.anchor_hint(start, ..)`.
    pub fn push_slice_hinted(
        &mut self,
        source: &MappedText,
        start: usize,
        end: usize,
        hint: AnchorHint,
    ) {
        if start >= end {
            return;
        }
        let first = hint.0;
        if let Some(anchor) = source.anchors.get(first) {
            // Nearly always (a line of the document) the slice lies under one anchor: one
            // verbatim push, which is what the loop below would make of it.
            let next = source
                .anchors
                .get(first + 1)
                .map_or(source.text.len(), |a| a.offset);
            if anchor.offset <= start && end <= next {
                let position = source.position_in_anchor(anchor, start);
                self.push_verbatim(&source.text[start..end], position);
                return;
            }
        }
        let mut cursor = start;
        for (i, anchor) in source.anchors[first..].iter().enumerate() {
            let next = source
                .anchors
                .get(first + i + 1)
                .map_or(source.text.len(), |a| a.offset)
                .min(end);
            if cursor >= end {
                break;
            }
            let from = cursor.max(anchor.offset);
            if from < next {
                let position = source.position_in_anchor(anchor, from);
                self.push_verbatim(&source.text[from..next], position);
            }
            cursor = next;
        }
    }

    /// Appends all of `other`, keeping its positions.
    pub fn push_mapped(&mut self, other: &MappedText) {
        self.push_slice(other, 0, other.len());
    }

    /// Keeps only the first `len` bytes (a character boundary) and the anchors inside
    /// them: the same text and map as copying those bytes with [`Self::push_slice`] into
    /// a new text, without the copy.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        let kept = self.anchors.partition_point(|a| a.offset < len);
        self.anchors.truncate(kept);
    }

    /// The raw position of byte `offset` (clamped to the text).
    pub fn position_at(&self, offset: usize) -> Position {
        if self.anchors.is_empty() {
            return Position::new(1, 1);
        }
        let offset = offset.min(self.text.len());
        let anchor = self.anchors[self.anchor_index(offset)];
        self.position_in_anchor(&anchor, offset)
    }

    /// The raw position of the end of the text, given that its last `tail_chars`
    /// characters start at byte `tail_start`: when an anchor stands there, no counting
    /// is needed (otherwise it is [`Self::position_at`] of the end).
    pub fn end_position(&self, tail_start: usize, tail_chars: usize) -> Position {
        match self.anchors.last() {
            Some(last) if last.offset == tail_start => {
                Position::new(last.position.line, last.position.column + tail_chars)
            }
            _ => self.position_at(self.text.len()),
        }
    }

    fn position_in_anchor(&self, anchor: &Anchor, offset: usize) -> Position {
        if offset == anchor.offset {
            return anchor.position;
        }
        let from = anchor.offset.min(offset);
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let extra = self.text[from..end.max(from)].chars().count();
        Position::new(anchor.position.line, anchor.position.column + extra)
    }

    /// [`Self::position_at`] of each of `offsets` (ascending, character boundaries),
    /// found in one walk over the anchors and the text: a word's column on a long line
    /// costs its distance from the last word, not from the line's start.
    pub fn positions_in_order(&self, offsets: &[usize]) -> Vec<Position> {
        let mut out = Vec::with_capacity(offsets.len());
        if self.anchors.is_empty() {
            out.resize(offsets.len(), Position::new(1, 1));
            return out;
        }
        let mut anchor = 0;
        let mut counted: Option<(usize, usize, Position)> = None;
        for &offset in offsets {
            let offset = offset.min(self.text.len());
            while anchor + 1 < self.anchors.len() && self.anchors[anchor + 1].offset <= offset {
                anchor += 1;
            }
            let position = match counted {
                // Counted on from the last offset, under the same anchor.
                Some((under, at, last)) if under == anchor && at <= offset => Position::new(
                    last.line,
                    last.column + self.text[at..offset].chars().count(),
                ),
                _ => self.position_in_anchor(&self.anchors[anchor], offset),
            };
            counted = Some((anchor, offset, position));
            out.push(position);
        }
        out
    }

    /// Index of the last anchor at or before `offset`.
    fn anchor_index(&self, offset: usize) -> usize {
        match self.anchors.binary_search_by(|a| a.offset.cmp(&offset)) {
            Ok(mut i) => {
                // Several anchors can share an offset (empty pushes never add one, but a
                // replacement may start where another ended): take the last.
                while i + 1 < self.anchors.len() && self.anchors[i + 1].offset == offset {
                    i += 1;
                }
                i
            }
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    fn anchor_here(&mut self, position: Position) {
        let offset = self.text.len();
        if let Some(last) = self.anchors.last() {
            // Skip an anchor that the verbatim rule already implies. Only an anchor on the
            // same raw line can imply it, so text from another line is not counted.
            if last.position.line == position.line
                && self.position_in_anchor(last, offset) == position
            {
                return;
            }
            if last.offset == offset {
                self.anchors.pop();
            }
        }
        self.anchors.push(Anchor { offset, position });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_column_by_character() {
        let m = MappedText::from_raw("aé b", Position::new(3, 5));
        assert_eq!(m.position_at(0), Position::new(3, 5));
        assert_eq!(m.position_at(3), Position::new(3, 7)); // after the two-byte é
        assert_eq!(m.position_at(4), Position::new(3, 8));
    }

    #[test]
    fn joined_lines_keep_their_own_lines() {
        let mut m = MappedText::from_raw("first", Position::new(1, 1));
        m.push_replacement(" ", Position::new(1, 6));
        m.push_verbatim("second", Position::new(2, 1));
        assert_eq!(m.as_str(), "first second");
        assert_eq!(m.position_at(6), Position::new(2, 1));
        assert_eq!(m.position_at(8), Position::new(2, 3));
        assert_eq!(m.position_at(2), Position::new(1, 3));
    }

    #[test]
    fn replacement_shifts_later_columns_back_to_raw() {
        // raw: "ﬁne day" where ﬁ is one raw char that became two.
        let mut m = MappedText::default();
        m.push_replacement("fi", Position::new(1, 1));
        m.push_verbatim("ne day", Position::new(1, 2));
        assert_eq!(m.as_str(), "fine day");
        assert_eq!(m.position_at(5), Position::new(1, 5)); // "d" is raw column 5
    }

    #[test]
    fn truncating_equals_copying_the_prefix() {
        let mut m = MappedText::from_raw("ab", Position::new(1, 1));
        m.push_replacement("fi", Position::new(1, 3));
        m.push_verbatim("ne-", Position::new(1, 4));
        m.push_verbatim("xy", Position::new(2, 1));
        for len in 0..=m.len() {
            let mut copied = MappedText::default();
            copied.push_slice(&m, 0, len);
            let mut truncated = m.clone();
            truncated.truncate(len);
            assert_eq!(truncated, copied, "{len}");
        }
    }

    #[test]
    fn the_end_position_agrees_with_counting() {
        let mut m = MappedText::from_raw("aé b", Position::new(3, 5));
        assert_eq!(m.end_position(0, 4), m.position_at(m.len()));
        m.push_replacement_at_end(" ");
        let mut counted = MappedText::from_raw("aé b", Position::new(3, 5));
        counted.push_replacement(" ", counted.position_at(counted.len()));
        assert_eq!(m, counted);
        let tail = m.len();
        m.push_verbatim("ﬁx", Position::new(4, 1));
        assert_eq!(m.end_position(tail, 2), Position::new(4, 3));
        // No anchor where the tail starts: counted from the last anchor.
        assert_eq!(m.end_position(tail + 1, 1), Position::new(4, 3));
        let mut empty = MappedText::default();
        empty.push_replacement_at_end(" ");
        assert_eq!(empty, MappedText::from_raw(" ", Position::new(1, 1)));
    }

    #[test]
    fn hints_found_in_order_agree_with_the_search() {
        let mut m = MappedText::from_raw("ab", Position::new(1, 1));
        m.push_replacement("fi", Position::new(1, 3));
        m.push_verbatim("ne", Position::new(1, 4));
        m.push_verbatim("xy", Position::new(2, 1));
        let mut hint = AnchorHint::default();
        for offset in 0..=m.len() {
            hint = m.anchor_hint(offset, hint);
            assert_eq!(hint, AnchorHint(m.anchor_index(offset)), "{offset}");
        }
    }

    #[test]
    fn raw_lines_map_like_line_by_line_pushes() {
        for text in ["", "a", "a\n", "\n\n", "ab\n\ncd", "ﬁx\n é\n\n"] {
            for prefix in [None, Some("x"), Some("")] {
                let mut bulk = MappedText::default();
                let mut single = MappedText::default();
                if let Some(prefix) = prefix {
                    bulk.push_replacement(prefix, Position::new(2, 4));
                    single.push_replacement(prefix, Position::new(2, 4));
                }
                let pushed = bulk.push_raw_lines(text, 3);
                assert_eq!(pushed, text.split_inclusive('\n').count(), "{text:?}");
                for (i, line) in text.split_inclusive('\n').enumerate() {
                    single.push_verbatim(line, Position::new(3 + i, 1));
                }
                assert_eq!(bulk, single, "{text:?} after {prefix:?}");
            }
        }
    }

    #[test]
    fn positions_in_order_are_those_found_one_by_one() {
        let mut m = MappedText::default();
        m.push_raw_lines("ab  cd\nﬁx é\n", 1);
        m.push_replacement("fi", Position::new(3, 2));
        m.push_verbatim("x yz", Position::new(3, 3));
        let offsets: Vec<usize> = (0..=m.len())
            .filter(|&o| m.as_str().is_char_boundary(o))
            .collect();
        let one_by_one: Vec<Position> = offsets.iter().map(|&o| m.position_at(o)).collect();
        assert_eq!(m.positions_in_order(&offsets), one_by_one);
        assert_eq!(
            MappedText::default().positions_in_order(&[0, 0]),
            [Position::new(1, 1); 2]
        );
    }

    #[test]
    fn slices_keep_positions() {
        let mut m = MappedText::from_raw("abc", Position::new(1, 1));
        m.push_verbatim("def", Position::new(2, 1));
        let mut s = MappedText::default();
        s.push_slice(&m, 1, 5);
        assert_eq!(s.as_str(), "bcde");
        assert_eq!(s.position_at(0), Position::new(1, 2));
        assert_eq!(s.position_at(2), Position::new(2, 1));
        assert_eq!(s.position_at(3), Position::new(2, 2));
    }
}
