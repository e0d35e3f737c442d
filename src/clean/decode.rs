//! Pass 1, decode: the raw bytes of a file become text.
//!
//! UTF-8 is tried first; bytes that are not valid UTF-8 are read as Windows-1252 (what
//! old Windows tools and many e-paper exports write) with a warning. A byte-order mark is
//! stripped and CRLF / CR line ends become LF, so later passes see one kind of line end
//! and line numbers stay those an editor shows for the raw file. An empty file, or one
//! that is binary (NUL bytes, or mostly control bytes), is an error naming the file.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};

use super::Edit;

/// Decoded text with LF line ends, and what decoding had to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub edits: Vec<Edit>,
    pub warnings: Vec<Diagnostic>,
}

/// Decodes `raw` (the bytes of the file at `path`).
pub fn decode(raw: &[u8], path: &Path) -> Result<Decoded, Diagnostic> {
    reject_unusable(raw, path)?;
    let mut edits = Vec::new();
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(raw) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let position = byte_position(raw, e.valid_up_to());
            warnings.push(
                Diagnostic::warning(
                    path,
                    position,
                    "the file is not valid UTF-8; it was read as Windows-1252",
                )
                .with_help("save the file as UTF-8 to silence this warning"),
            );
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(raw);
            text.into_owned()
        }
    };
    let text = strip_bom(text, &mut edits);
    let text = unify_line_ends(text, &mut edits);
    if text.trim().is_empty() {
        return Err(empty_file(path));
    }
    Ok(Decoded {
        text,
        edits,
        warnings,
    })
}

/// Fails on an empty file or a binary one.
fn reject_unusable(raw: &[u8], path: &Path) -> Result<(), Diagnostic> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(empty_file(path));
    }
    if let Some(nul) = raw.iter().position(|&b| b == 0) {
        return Err(binary_file(
            path,
            byte_position(raw, nul),
            "it contains NUL bytes",
        ));
    }
    let control = raw
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 10 > raw.len() {
        return Err(binary_file(
            path,
            Position::default(),
            "more than a tenth of its bytes are control characters",
        ));
    }
    Ok(())
}

fn empty_file(path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        Position::default(),
        "the file is empty: there is no text to clean",
    )
}

fn binary_file(path: &Path, position: Position, why: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        position,
        format!(
            "this is not a text file ({why}); copydesk cleans plain text copied from an article"
        ),
    )
}

/// Line:column of byte `offset` in `raw`, counting bytes of an undecoded line as columns.
fn byte_position(raw: &[u8], offset: usize) -> Position {
    let before = &raw[..offset.min(raw.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position::new(line, column)
}

/// Removes a leading byte-order mark.
fn strip_bom(text: String, edits: &mut Vec<Edit>) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            edits.push(Edit {
                pass: "decode",
                position: Position::new(1, 1),
                before: "\u{feff}".into(),
                after: String::new(),
                reason: "byte-order mark removed".into(),
                confidence: 1.0,
            });
            rest.to_string()
        }
        None => text,
    }
}

/// CRLF and lone CR become LF. One edit summarises the change (at the first such line end).
fn unify_line_ends(text: String, edits: &mut Vec<Edit>) -> String {
    let Some(first_cr) = text.find('\r') else {
        return text;
    };
    let line = text[..first_cr].matches('\n').count() + 1;
    let column = text[..first_cr]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    let count = text.matches('\r').count();
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    edits.push(Edit {
        pass: "decode",
        position: Position::new(line, column),
        before: "\r\n".into(),
        after: "\n".into(),
        reason: format!("{count} Windows or classic Mac line end(s) unified to LF"),
        confidence: 1.0,
    });
    unified
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("raw/a.txt")
    }

    #[test]
    fn utf8_passes_through() {
        let d = decode("Erdoğan said “no”.\n".as_bytes(), path()).unwrap();
        assert_eq!(d.text, "Erdoğan said “no”.\n");
        assert!(d.edits.is_empty() && d.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1252_with_a_warning() {
        let d = decode(b"It\x92s caf\xe9 time\n", path()).unwrap();
        assert_eq!(d.text, "It’s café time\n");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].position, Position::new(1, 3));
        assert!(d.warnings[0].message.contains("Windows-1252"));
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let d = decode("\u{feff}one\r\ntwo\rthree\n".as_bytes(), path()).unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
        assert_eq!(d.edits.len(), 2);
        assert_eq!(d.edits[1].position, Position::new(1, 4));
    }

    #[test]
    fn empty_and_blank_files_are_errors_naming_the_file() {
        for raw in [&b""[..], b"  \n\n", "\u{feff}\n".as_bytes()] {
            let e = decode(raw, path()).unwrap_err();
            assert!(e.is_error());
            assert_eq!(e.path, path());
            assert!(e.message.contains("empty"), "{}", e.message);
        }
    }

    #[test]
    fn binary_files_are_errors() {
        let e = decode(b"PK\x03\x04\x00\x00abc", path()).unwrap_err();
        assert!(e.message.contains("not a text file"));
        let e = decode(b"\x01\x02\x03\x04\x05ab", path()).unwrap_err();
        assert!(e.message.contains("control"));
    }
}
