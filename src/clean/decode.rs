//! Pass 1, decode: the raw bytes of a file become text.
//!
//! A file that starts with a UTF-16 byte-order mark (Windows Notepad's "Unicode") is read
//! as UTF-16, and so is one saved without the mark whose NUL bytes show it (a NUL
//! as the high byte of nearly every unit of Latin text); otherwise UTF-8 is tried first, and bytes that are not valid UTF-8 are read
//! as Windows-1252 (what old Windows tools and many e-paper exports write) with a warning. A byte-order mark is
//! stripped and CRLF / CR line ends become LF, so later passes see one kind of line end
//! and line numbers stay those an editor shows for the raw file. An empty file, or one
//! that is binary (NUL bytes, or mostly control bytes), is an error naming the file.
//!
//! Every byte of the file passes through here, so each scan is one the compiler can run
//! many bytes at a time: control bytes are counted in blocks of 240 with a byte-wide
//! counter (NUL is searched for only when there is a control byte at all), the text is
//! validated as UTF-8 once, and line ends are unified in one pass that copies the runs
//! between carriage returns.

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
    let mut warnings = Vec::new();
    let text = match utf16_encoding(raw) {
        Some(encoding) => {
            let text = decode_utf16(raw, encoding, path, &mut warnings);
            // Checked once decoded (every other byte of UTF-16 English is a NUL), and
            // after the mark, which an editor does not show as a column.
            let shown = text.strip_prefix('\u{feff}').unwrap_or(&text);
            reject_unusable(shown.as_bytes(), path)?;
            text
        }
        None => {
            reject_unusable(raw, path)?;
            decode_8bit(raw, path, &mut warnings)
        }
    };
    let mut edits = Vec::new();
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

/// UTF-8, or else Windows-1252 with a warning at the first byte that is not UTF-8.
fn decode_8bit(raw: &[u8], path: &Path, warnings: &mut Vec<Diagnostic>) -> String {
    match std::str::from_utf8(raw) {
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
    }
}

/// UTF-16 (little- or big-endian) when `raw` starts with its byte-order mark, as
/// Windows Notepad's "Unicode" does. (UTF-8 never holds the bytes FF or FE.)
fn utf16_encoding(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match raw {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => utf16_without_mark(raw),
    }
}

/// UTF-16 saved without a byte-order mark, told by its NUL bytes: the text of a Latin
/// script has a NUL as the high byte of nearly every unit and as its low byte of almost
/// none. Only the first units are looked at, and only when the file has a NUL at all (no
/// UTF-8 text has one; a binary file is refused after decoding all the same).
fn utf16_without_mark(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if raw.len() < 8 || raw.len() % 2 != 0 || memchr::memchr(0, &raw[..raw.len().min(64)]).is_none()
    {
        return None;
    }
    let units = raw.chunks_exact(2).take(512);
    let count = units.len();
    let (low_nul, high_nul) = units.fold((0, 0), |(low, high), unit| {
        (
            low + usize::from(unit[0] == 0),
            high + usize::from(unit[1] == 0),
        )
    });
    let most = |nul: usize| nul * 4 >= count * 3;
    let few = |nul: usize| nul * 20 < count;
    if most(high_nul) && few(low_nul) {
        Some(encoding_rs::UTF_16LE)
    } else if most(low_nul) && few(high_nul) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// `raw` read as `encoding` (its byte-order mark kept, as U+FEFF, for [`strip_bom`]);
/// a lone surrogate or an odd last byte becomes U+FFFD, with a warning.
fn decode_utf16(
    raw: &[u8],
    encoding: &'static encoding_rs::Encoding,
    path: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let (text, malformed) = encoding.decode_without_bom_handling(raw);
    if malformed {
        warnings.push(
            Diagnostic::warning(
                path,
                Position::default(),
                format!(
                    "the file is {} with malformed parts (a lone surrogate or an odd byte); \
                     they were replaced with U+FFFD",
                    encoding.name()
                ),
            )
            .with_help("save the file again, as UTF-8"),
        );
    }
    text.into_owned()
}

/// Fails on an empty file or a binary one.
fn reject_unusable(raw: &[u8], path: &Path) -> Result<(), Diagnostic> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(empty_file(path));
    }
    let control = count_control_bytes(raw);
    // NUL is a control byte: a file without any has no NUL to look for.
    let nul = if control > 0 {
        memchr::memchr(0, raw)
    } else {
        None
    };
    if let Some(nul) = nul {
        return Err(binary_file(
            path,
            byte_position(raw, nul),
            "it contains NUL bytes",
        ));
    }
    if control * 10 > raw.len() {
        return Err(binary_file(
            path,
            Position::default(),
            "more than a tenth of its bytes are control characters",
        ));
    }
    Ok(())
}

/// A control byte: below 0x20 and none of the line feed, carriage return, tab and form
/// feed that plain text holds.
const fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)
}

/// How many bytes of `raw` are [`is_control`]. Blocks of 240 bytes (a multiple of the
/// vector width, so no block ends in a byte-at-a-time tail) are counted with a byte-wide
/// counter that cannot overflow, which the compiler turns into vector code (a plain
/// filtered count goes one byte at a time).
fn count_control_bytes(raw: &[u8]) -> usize {
    raw.chunks(240)
        .map(|block| {
            let count = block
                .iter()
                .fold(0u8, |count, &b| count + u8::from(is_control(b)));
            usize::from(count)
        })
        .sum()
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
    // The vectorised memchr: the standard library's goes a word at a time, and most
    // files have no CR, so this scan reads the whole text.
    let Some(first_cr) = memchr::memchr(b'\r', text.as_bytes()) else {
        return text;
    };
    let line = text[..first_cr].matches('\n').count() + 1;
    let column = text[..first_cr]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    let (unified, count) = crlf_and_cr_to_lf(&text, first_cr);
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

/// `text` with each CRLF and each lone CR made LF, and how many CRs there were, copying
/// the runs between CRs (the first is at `first_cr`) in one pass.
fn crlf_and_cr_to_lf(text: &str, first_cr: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut unified = String::with_capacity(text.len());
    let mut run_start = 0;
    let mut count = 0;
    for cr in memchr::memchr_iter(b'\r', &bytes[first_cr..]).map(|i| first_cr + i) {
        // A CR (one byte, never inside a UTF-8 sequence) ends a run on a char boundary.
        unified.push_str(&text[run_start..cr]);
        unified.push('\n');
        count += 1;
        run_start = if bytes.get(cr + 1) == Some(&b'\n') {
            cr + 2
        } else {
            cr + 1
        };
    }
    unified.push_str(&text[run_start..]);
    (unified, count)
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

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut raw = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            raw.extend(bytes);
        }
        raw
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_decoded() {
        let text = "Gülşen Aydın\r\nwrites from Istanbul.\r\n";
        for big_endian in [false, true] {
            let marked = utf16(text, big_endian);
            let d = decode(&marked[2..], path()).unwrap();
            assert_eq!(d.text, "Gülşen Aydın\nwrites from Istanbul.\n");
        }
        // A binary file with NUL bytes in no such pattern is still refused.
        let binary = [0u8, 0, 7, 1, 0, 0, 9, 0, 3, 0, 0, 0];
        assert!(decode(&binary, path()).is_err());
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        // Windows Notepad's "Unicode": every other byte of English is a NUL, which was
        // refused as binary.
        let text = "Erdoğan said “no” 😀.\r\nSecond line\r\n";
        for big_endian in [false, true] {
            let d = decode(&utf16(text, big_endian), path()).unwrap();
            assert_eq!(d.text, "Erdoğan said “no” 😀.\nSecond line\n");
            assert!(d.warnings.is_empty());
            assert_eq!(d.edits[0].reason, "byte-order mark removed");
        }
    }

    #[test]
    fn broken_utf16_is_decoded_with_a_warning_and_binary_utf16_refused() {
        let mut raw = utf16("Half a pair: ", false);
        raw.extend([0x3d, 0xd8]); // a high surrogate with no low one
        raw.extend(utf16(" then more text\n", false).into_iter().skip(2));
        raw.push(b'x'); // an odd last byte
        let d = decode(&raw, path()).unwrap();
        assert!(d.text.starts_with("Half a pair: \u{fffd} then more text\n"));
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].message.contains("UTF-16LE"));

        let e = decode(&utf16("text\u{0}more\n", false), path()).unwrap_err();
        assert!(e.message.contains("NUL"), "{}", e.message);
        assert_eq!(e.position, Position::new(1, 5));
        let e = decode(&utf16("\n ", true), path()).unwrap_err();
        assert!(e.message.contains("empty"), "{}", e.message);
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

    /// Small generated texts over an alphabet of line ends, control bytes and text.
    fn generated_texts() -> impl Iterator<Item = String> {
        const PIECES: &[&str] = &[
            "\r", "\n", "\r\n", "\n\r", "a", "é", " ", "\t", "\u{1}", "\u{0}", "\u{c}", "“",
        ];
        let mut state: u64 = 0x51ED_270B_9A3C_4F11;
        (0..5_000).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 700) as usize;
            (0..len)
                .map(|i| PIECES[((state >> (i % 53)) as usize + i * 5) % PIECES.len()])
                .collect()
        })
    }

    #[test]
    fn line_ends_are_unified_as_the_plain_replacement_does() {
        for text in generated_texts() {
            // The vectorised memchr: the standard library's goes a word at a time, and most
            // files have no CR, so this scan reads the whole text.
            let Some(first_cr) = memchr::memchr(b'\r', text.as_bytes()) else {
                continue;
            };
            let (unified, count) = crlf_and_cr_to_lf(&text, first_cr);
            assert_eq!(
                unified,
                text.replace("\r\n", "\n").replace('\r', "\n"),
                "{text:?}"
            );
            assert_eq!(count, text.matches('\r').count(), "{text:?}");
        }
    }

    #[test]
    fn control_bytes_are_counted_as_the_plain_filter_does() {
        let mut long = vec![1u8; 1000];
        long.extend(b"text\n\r\t\x0c\x1f ");
        for raw in generated_texts()
            .map(String::into_bytes)
            .chain([long, vec![0; 600]])
        {
            let plain = raw.iter().filter(|&&b| is_control(b)).count();
            assert_eq!(count_control_bytes(&raw), plain, "{raw:?}");
        }
    }

    #[test]
    fn a_nul_after_other_control_bytes_is_found() {
        let e = decode(b"text\x01 more\nand\x00 x", path()).unwrap_err();
        assert!(e.message.contains("NUL"), "{}", e.message);
        assert_eq!(e.position, Position::new(2, 4));
    }

    #[test]
    fn binary_files_are_errors() {
        let e = decode(b"PK\x03\x04\x00\x00abc", path()).unwrap_err();
        assert!(e.message.contains("not a text file"));
        let e = decode(b"\x01\x02\x03\x04\x05ab", path()).unwrap_err();
        assert!(e.message.contains("control"));
    }
}
