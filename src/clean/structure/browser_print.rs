//! What a browser prints around a web page it saves as PDF: at the head of every sheet
//! the date and time of printing and the page's title (`9/2/24, 7:45 AM` … `Headline |
//! Site`), at its foot the page's address and the sheet's count (`https://… 1/3`).
//! A reader who keeps an article prints it so; pdftotext then gives each on a line of its
//! own at every page break, pypdf runs the stamp and the title into one line at the end
//! of each page's text.
//!
//! None of it is the article, and the title is the headline again with the site's name:
//! read as the headline, it would put the site's name in the title. The stamp's shape
//! (a numeric date, a comma, a time) is told by [`print_stamp_len`], an address line by
//! [`is_address_line`], and the title by [`names_the_story`]: its words open a heading
//! printed just below.

/// How many words of a page's title must open a heading below it.
const TITLE_WORDS_COMPARED: usize = 4;

/// The byte length of the browser's stamp of when it printed (`9/2/24, 7:45 AM`,
/// `04/11/2026, 14:37`, `4.12.26, 10:15`) that `line` opens with, if it does: a numeric
/// date, a comma, a time of hours and minutes (seconds allowed), AM or PM allowed.
pub fn print_stamp_len(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut at = 0;
    let digits = |at: &mut usize, least: usize, most: usize| {
        let start = *at;
        while *at < bytes.len() && bytes[*at].is_ascii_digit() && *at - start < most {
            *at += 1;
        }
        let n = *at - start;
        n >= least && !(bytes.get(*at).is_some_and(u8::is_ascii_digit))
    };
    // The date: day, month and year in either order, joined by one kind of mark.
    if !digits(&mut at, 1, 2) {
        return None;
    }
    let mark = *bytes.get(at).filter(|b| matches!(b, b'/' | b'.' | b'-'))?;
    at += 1;
    if !digits(&mut at, 1, 2) || bytes.get(at) != Some(&mark) {
        return None;
    }
    at += 1;
    if !digits(&mut at, 2, 4) {
        return None;
    }
    if !line[at..].starts_with(", ") {
        return None;
    }
    at += 2;
    // The time.
    if !digits(&mut at, 1, 2) || bytes.get(at) != Some(&b':') {
        return None;
    }
    at += 1;
    if !digits(&mut at, 2, 2) {
        return None;
    }
    if bytes.get(at) == Some(&b':') {
        at += 1;
        if !digits(&mut at, 2, 2) {
            return None;
        }
    }
    let rest = &line[at..];
    let spaced = rest.trim_start_matches([' ', '\u{202f}', '\u{a0}']);
    let meridiem = ["AM", "PM", "am", "pm", "a.m.", "p.m."]
        .iter()
        .find(|m| spaced.starts_with(*m))
        .map(|m| line.len() - spaced.len() + m.len());
    let end = meridiem.unwrap_or(at);
    // The stamp stands alone or before the title, never inside a word.
    line[end..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
        .then_some(end)
}

/// Whether `line` is the foot of a printed page: the page's address (`https://…`,
/// `www.…`) with or without the sheet's count (`1/3`, `Page 1 of 3`), which pypdf may run
/// into the address (`1/1https://…`), and nothing else.
pub fn is_address_line(line: &str) -> bool {
    // Asked of every line of a copy: most hold no address at all.
    if !(line.contains("http") || line.contains("www.")) {
        return false;
    }
    let mut addresses = 0;
    let mut words = line.split_whitespace().peekable();
    while let Some(word) = words.next() {
        // A count pypdf ran into the address after it.
        let word = match word.find("http") {
            Some(at) if at > 0 && is_sheet_count(&word[..at]) => &word[at..],
            _ => word,
        };
        if is_address(word) {
            addresses += 1;
        } else if is_sheet_count(word) {
        } else if word.eq_ignore_ascii_case("page") {
            // `Page 1 of 3`
            let count = words.next().is_some_and(is_number)
                && words.next().is_some_and(|w| w == "of")
                && words.next().is_some_and(is_number);
            if !count {
                return false;
            }
        } else if is_number(word) && words.peek() == Some(&"of") {
            words.next();
            if !words.next().is_some_and(is_number) {
                return false;
            }
        } else {
            return false;
        }
    }
    addresses > 0
}

/// `https://www.example.com/news/…`, `www.example.com/…`: a web address with no space.
fn is_address(word: &str) -> bool {
    let rest = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))
        .or_else(|| word.strip_prefix("www.").filter(|r| r.contains('.')));
    rest.is_some_and(|r| r.len() > 3 && r.contains('.'))
}

/// `1/3`: the sheet and how many there are.
fn is_sheet_count(word: &str) -> bool {
    word.split_once('/')
        .is_some_and(|(n, of)| is_number(n) && is_number(of))
}

fn is_number(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `line`, just under the browser's stamp, is the page's title: its first words
/// (up to four) open one of the `below` lines, the headline the page
/// prints (`Sokoły edge Gdańsk in five-set thriller | Valley Record` over `Sokoły edge
/// Gdańsk in five-set thriller to`), compared without case.
pub fn names_the_story<'a>(line: &str, below: impl IntoIterator<Item = &'a str>) -> bool {
    let words: Vec<&str> = line.split_whitespace().take(TITLE_WORDS_COMPARED).collect();
    if words.len() < 2 {
        return false;
    }
    below.into_iter().any(|other| {
        let mut theirs = other.split_whitespace();
        words.iter().all(|w| {
            theirs
                .next()
                .is_some_and(|t| t.to_lowercase() == w.to_lowercase())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_of_printing_is_a_numeric_date_and_a_time() {
        assert_eq!(print_stamp_len("9/2/24, 7:45 AM"), Some(15));
        assert_eq!(print_stamp_len("04/11/2026, 14:37"), Some(17));
        assert_eq!(print_stamp_len("4.12.26, 10:15:02 Title"), Some(17));
        assert_eq!(
            print_stamp_len("12/4/26, 10:15 AM Karachi exporters | Gazette"),
            Some(17)
        );
        // A sentence or a score that opens with numbers is no stamp.
        assert_eq!(print_stamp_len("9/11, 2001: the day"), None);
        assert_eq!(print_stamp_len("3/4, 10 of them"), None);
        assert_eq!(print_stamp_len("2024-05-03"), None);
        assert_eq!(print_stamp_len("12/4/26, 10:15AMX"), None);
        assert_eq!(print_stamp_len("By 9/2/24, 7:45 AM"), None);
    }

    #[test]
    fn an_address_line_is_the_address_and_the_sheets_count_alone() {
        assert!(is_address_line(
            "https://www.valleyrecord.com/sport/edge-in-five 1/1"
        ));
        assert!(is_address_line(
            "https://gazette.co.uk/news/2021/09/08/mosses"
        ));
        assert!(is_address_line(
            "https://a.example.com/x-y 1/1https://a.example.com/x-y"
        ));
        assert!(is_address_line("www.example.org/story Page 2 of 3"));
        assert!(is_address_line("https://example.com/a 2 of 3"));
        assert!(!is_address_line("Read more at https://example.com/a"));
        assert!(!is_address_line("1/3"));
        assert!(!is_address_line("https:// example"));
    }

    #[test]
    fn the_pages_title_opens_the_headline_below_it() {
        let below = [
            "Sport",
            "Sokoły edge Gdańsk in five-set thriller to",
            "reach cup final",
        ];
        assert!(names_the_story(
            "Sokoły edge Gdańsk in five-set thriller to reach cup final | Valley Record",
            below
        ));
        assert!(names_the_story("SOKOŁY EDGE GDAŃSK IN FIVE-SET …", below));
        assert!(!names_the_story("Valley Record", below));
        assert!(!names_the_story("Sokoły lose again", below));
    }
}
