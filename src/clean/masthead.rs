//! Pass 4, masthead: the article's furniture at the top and the bio at the bottom move
//! out of the body into front matter.
//!
//! From the top: an optional kicker, the headline, an optional standfirst, a byline
//! (`By A`, `By A and B`, `By A, B and C`), lone `|` separators, and a date in a common
//! spelling (`November 16, 2025`, `16 November 2025`, `Nov. 16, 2025`, `2025-11-16`, any of
//! them after a weekday). From the bottom: a closing "The writer is …" paragraph becomes
//! the bio. A layout this pass does not recognise degrades gracefully: a short first line
//! is still the headline, and everything else stays in the body.

use chrono::NaiveDate;

use crate::article::ArticleDate;

use super::mapped::MappedText;
use super::Edit;

/// The masthead fields found, and the blocks that remain for the body.
#[derive(Debug, Clone, Default)]
pub struct Masthead {
    pub kicker: Option<String>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<ArticleDate>,
    /// The bio paragraph, still to be repaired like the body.
    pub bio: Option<MappedText>,
    pub body: Vec<MappedText>,
    /// Where pull-quote boxes start in the raw file, when the line labels found them
    /// (empty: leave it to the pull-quote pass to find repeated paragraphs).
    pub pull_quotes_at: Vec<crate::diagnostic::Position>,
    /// The headline and the standfirst as mapped text, when the line labels found them:
    /// the word passes repair them as they repair the body (`Gda sk` in a headline).
    pub headline: Option<MappedText>,
    pub standfirst: Option<MappedText>,
}

/// How many blocks from the top may belong to the masthead.
const MASTHEAD_REACH: usize = 8;
/// Openings of a closing bio paragraph (compared case-insensitively).
const BIO_OPENINGS: &[&str] = &[
    "the writer is",
    "the writer was",
    "the writers are",
    "the author is",
    "the authors are",
    "the columnist is",
    "the reviewer is",
    "the contributor is",
];

/// Splits `blocks` into masthead fields and body.
pub fn extract_masthead(blocks: Vec<MappedText>, edits: &mut Vec<Edit>) -> Masthead {
    let mut masthead = Masthead::default();
    let mut blocks = blocks;
    if let Some(last) = blocks.last() {
        if is_bio(last.as_str()) {
            let bio = blocks.pop().expect("checked");
            record_front_matter(
                edits,
                &bio,
                "bio",
                "closing author paragraph moved to the bio",
            );
            masthead.bio = Some(bio);
        }
    }
    let consumed = match read_top(&blocks) {
        Some(top) => apply_top(&mut masthead, &blocks, top, edits),
        None => fallback_title(&mut masthead, &blocks, edits),
    };
    masthead.body = blocks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !consumed.contains(i))
        .map(|(_, b)| b)
        .collect();
    masthead
}

/// What the top of the article holds: indices of heading blocks and of the byline/date
/// blocks, and what they said.
#[derive(Debug, Default)]
struct Top {
    headings: Vec<usize>,
    consumed: Vec<usize>,
    authors: Vec<String>,
    date: Option<NaiveDate>,
}

/// Reads the byline and date region; `None` when no byline or date is near the top.
fn read_top(blocks: &[MappedText]) -> Option<Top> {
    let mut top = Top::default();
    let mut found_meta = false;
    for (i, block) in blocks.iter().enumerate().take(MASTHEAD_REACH) {
        let segments = meta_segments(block.as_str());
        if segments.is_empty() {
            top.consumed.push(i);
            continue;
        }
        let mut meta = true;
        let mut authors = Vec::new();
        let mut date = None;
        for segment in &segments {
            if let Some(names) = parse_byline(segment) {
                authors.extend(names);
            } else if let Some(d) = parse_date(segment) {
                date = Some(d);
            } else {
                meta = false;
            }
        }
        if meta {
            found_meta = true;
            top.consumed.push(i);
            top.authors.extend(authors);
            top.date = top.date.or(date);
        } else if found_meta {
            break;
        } else if looks_like_heading(block.as_str()) && top.headings.len() < 3 {
            top.headings.push(i);
        } else {
            return None;
        }
    }
    found_meta.then_some(top)
}

/// The non-empty trimmed parts of `text` between `|` separators. Most blocks (every body
/// paragraph) have no `|`: the vectorised memchr proves it without splitting.
fn meta_segments(text: &str) -> Vec<&str> {
    if memchr::memchr(b'|', text.as_bytes()).is_none() {
        let trimmed = text.trim();
        return if trimmed.is_empty() {
            Vec::new()
        } else {
            vec![trimmed]
        };
    }
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Fills the masthead from `top`; returns the indices of the blocks it used.
fn apply_top(
    masthead: &mut Masthead,
    blocks: &[MappedText],
    top: Top,
    edits: &mut Vec<Edit>,
) -> Vec<usize> {
    let headings: Vec<&MappedText> = top.headings.iter().map(|&i| &blocks[i]).collect();
    let (kicker, title, subtitle) = match headings.as_slice() {
        [] => (None, None, None),
        [title] => (None, Some(*title), None),
        [first, second] if is_kicker(first.as_str()) => (Some(*first), Some(*second), None),
        [title, subtitle] => (None, Some(*title), Some(*subtitle)),
        [kicker, title, subtitle, ..] => (Some(*kicker), Some(*title), Some(*subtitle)),
    };
    if let Some(k) = kicker {
        record_front_matter(edits, k, "kicker", "kicker line moved to front matter");
        masthead.kicker = Some(k.as_str().to_string());
    }
    if let Some(t) = title {
        record_front_matter(edits, t, "title", "headline moved to front matter");
        masthead.title = Some(t.as_str().to_string());
    }
    if let Some(s) = subtitle {
        record_front_matter(edits, s, "subtitle", "standfirst moved to front matter");
        masthead.subtitle = Some(s.as_str().to_string());
    }
    for &i in &top.consumed {
        record_front_matter(
            edits,
            &blocks[i],
            "byline",
            "byline, date and separators moved to front matter",
        );
    }
    masthead.authors = top.authors;
    masthead.date = top.date.map(ArticleDate::Date);
    let mut consumed = top.consumed;
    consumed.extend(top.headings);
    consumed
}

/// No byline or date: a short first block without a full stop is still the headline.
fn fallback_title(
    masthead: &mut Masthead,
    blocks: &[MappedText],
    edits: &mut Vec<Edit>,
) -> Vec<usize> {
    match blocks.first() {
        Some(first)
            if looks_like_heading(first.as_str())
                && !first.as_str().ends_with('.')
                && blocks.len() > 1 =>
        {
            record_front_matter(edits, first, "title", "headline moved to front matter");
            masthead.title = Some(first.as_str().to_string());
            vec![0]
        }
        _ => Vec::new(),
    }
}

/// Records that `block` moved into the front matter as `field`.
pub fn record_front_matter(edits: &mut Vec<Edit>, block: &MappedText, field: &str, reason: &str) {
    edits.push(Edit {
        pass: "masthead",
        position: block.position_at(0),
        before: block.as_str().to_string(),
        after: ["[front matter: ", field, "]"].concat(),
        reason: reason.into(),
        confidence: 0.9,
    });
}

/// A headline, kicker or standfirst: one short block (at most 40 words). Counting stops
/// at the 41st word, so a long body paragraph is not counted through.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().take(41).count();
    (1..=40).contains(&words)
}

/// A kicker: shouting capitals, or a label ending with a colon.
fn is_kicker(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())) || text.ends_with(':')
}

/// True for a closing "The writer is …" paragraph.
///
/// The openings are ASCII, so comparing bytes without regard to ASCII case is enough: the
/// only other characters whose lower case is ASCII are the Kelvin sign (`k`, in no
/// opening) and `İ` (`i` and a combining dot, which no opening can hold).
pub fn is_bio(text: &str) -> bool {
    BIO_OPENINGS.iter().any(|opening| {
        text.as_bytes()
            .get(..opening.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(opening.as_bytes()))
    })
}

/// The authors of a byline (`By A`, `By A and B`, `By A, B and C`), if `text` is one.
pub fn parse_byline(text: &str) -> Option<Vec<String>> {
    if text.len() > 200 {
        return None;
    }
    let rest = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .or_else(|| text.strip_prefix("BY "))?;
    let names = split_names(rest);
    (!names.is_empty() && names.iter().all(|n| is_name(n))).then_some(names)
}

/// The names of a list of authors: `A`, `A and B`, `A, B and C`, `A & B`.
pub fn split_names(text: &str) -> Vec<String> {
    text.split(", ")
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        // A byline set in capitals joins its names in capitals too.
        .flat_map(|part| part.split(" AND "))
        .map(|name| name.trim().trim_start_matches("and ").trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// A person's name: one to five words, the first and last capitalised.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (1..=5).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words.last().is_some_and(capitalised)
        && !text.ends_with('.')
}

/// A date in a common spelling, optionally after a weekday, and with a time of day
/// before or after it (`Published 3 May 2024, 10:32 BST`, `May 3, 2024 at 10:32 a.m.
/// EDT`, `10:32 AM, May 3, 2024`, `2024-05-03T10:00:00Z`); in figures only as `3.5.2024`
/// (day first, as dotted dates are written) or `31/12/2024` when only one reading is a
/// date (`03/05/2024` is May or March, and is left unread).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // `Wednesday, September 17th, 2025, 10:32 a.m. EDT` is about the longest spelling.
    if text.len() > 64 || !has_four_digit_run(text.as_bytes()) {
        return None;
    }
    // Every spelling read ends with a figure (the year, the day, a time) or a word of a
    // time of day: a text that ends otherwise (prose around a year) is no date, asked
    // before anything is allocated. The last word as `normalise_date_text` leaves it.
    let last = text
        .split_whitespace()
        .rev()
        .map(|w| w.trim_end_matches([',', '.']))
        .find(|w| !w.is_empty());
    if !last.is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()) || is_time_word(w)) {
        return None;
    }
    let cleaned = normalise_date_text(text);
    let in_range = |d: &NaiveDate| (1800..=2200).contains(&chrono::Datelike::year(d));
    let read = |text: &str| {
        const FORMATS: &[&str] = &["%B %d %Y", "%d %B %Y", "%Y-%m-%d", "%B %d %Y %H:%M"];
        FORMATS
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
            .or_else(|| in_figures(text))
            .filter(in_range)
    };
    if let Some(date) = read(&cleaned) {
        return Some(date);
    }
    // The same without a time of day around it.
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let is_year = |w: &&str| {
        let year = w.split('T').next().unwrap_or(w);
        // Four digits (`2024`), or a date in figures that opens or ends with them
        // (`2024-05-03`, `03.05.2024`): not a time of day (`5:32`).
        let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
        let bytes = year.as_bytes();
        match bytes.len() {
            4 => digits(bytes),
            10 => digits(&bytes[..4]) || digits(&bytes[6..]),
            _ => false,
        }
    };
    let year_at = words.iter().position(is_year)?;
    let first = words.iter().position(|w| !is_time_word(w))?;
    if first > year_at || !words[year_at + 1..].iter().all(|w| is_time_word(w)) {
        return None;
    }
    let mut date_words: Vec<&str> = words[first..=year_at].to_vec();
    if let Some(last) = date_words.last_mut() {
        *last = last.split('T').next().unwrap_or(last);
    }
    read(&date_words.join(" "))
}

/// Whether `bytes` hold a run of exactly four digits: every spelling read has its year
/// so (asked of many lines that hold a figure, before anything is allocated).
pub fn has_four_digit_run(bytes: &[u8]) -> bool {
    last_four_digit_run(bytes).is_some()
}

/// Where the last run of exactly four digits in `bytes` starts. A text that starts at a
/// word of a line after that run holds no year, so no date [`parse_date`] reads.
pub fn last_four_digit_run(bytes: &[u8]) -> Option<usize> {
    let mut run = 0;
    let mut last = None;
    for (at, &b) in bytes.iter().chain([&b' ']).enumerate() {
        if b.is_ascii_digit() {
            run += 1;
        } else {
            if run == 4 {
                last = Some(at - 4);
            }
            run = 0;
        }
    }
    last
}

/// A word of a time of day, or what stands between a date and one (`at`, `|`, `-`):
/// `10:32`, `10.32`, `10:32am`, `a.m`, `PM`, `BST`, `GMT+1`.
fn is_time_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let clock = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    // Two or three groups of one or two digits (`10:32`, `9.30`, `10:32:05`), not a
    // date in figures (`03.05.2024`).
    let groups: Vec<&str> = clock.split([':', '.']).collect();
    let is_clock = (2..=3).contains(&groups.len())
        && groups
            .iter()
            .all(|g| (1..=2).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
        && ["", "am", "pm", "a.m", "p.m", "h", "hrs"]
            .contains(&lower[clock.len()..].trim_end_matches('.'));
    let zone = word
        .split(['+', '-'])
        .next()
        .is_some_and(|z| TIME_ZONES.contains(&z));
    is_clock
        || zone
        || [
            "at", "|", "-", "–", "—", "·", "am", "pm", "a.m", "p.m", "a.m.", "p.m.",
        ]
        .contains(&lower.as_str())
}

/// The time zones news pages print after a time (`10:32 BST`, `GMT+1`). A list, not a
/// shape: capitals after a date may be a dateline's city (`May 3, 2024 NEW YORK`).
const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "BST", "IST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "MSK", "EST", "EDT",
    "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "AST", "ADT", "NST", "NDT",
    "PKT", "JST", "KST", "HKT", "SGT", "WIB", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT",
    "SAST", "WAT", "EAT", "CAT", "GST", "BRT", "ART", "PHT", "ICT", "NPT",
];

/// A date in figures, day first: `3.5.2024`, `03-05-2024` is not read (a year first is
/// ISO), and with slashes only where just one of day-first and month-first is a date.
fn in_figures(text: &str) -> Option<NaiveDate> {
    let (parts, dotted) = if text.contains('.') {
        (text.split('.').collect::<Vec<_>>(), true)
    } else {
        (text.split('/').collect::<Vec<_>>(), false)
    };
    let [a, b, year] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, year): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, year.parse().ok()?);
    let day_first = NaiveDate::from_ymd_opt(year, b, a);
    if dotted {
        return day_first;
    }
    let month_first = NaiveDate::from_ymd_opt(year, a, b);
    match (day_first, month_first) {
        (Some(d), None) | (None, Some(d)) => Some(d),
        (Some(d), Some(m)) if d == m => Some(d),
        _ => None,
    }
}

/// Drops a weekday, commas, full stops after abbreviations and ordinal suffixes.
fn normalise_date_text(text: &str) -> String {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']).to_string())
        .collect();
    // A weekday says nothing the date does not, first or after a time of day (`5:32 PM
    // EDT, Fri May 3, 2024`).
    words
        .iter()
        .filter(|w| !WEEKDAYS.contains(&w.to_lowercase().as_str()))
        .map(|w| {
            let w = if w.eq_ignore_ascii_case("sept") {
                "Sep"
            } else {
                w
            };
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && ["st", "nd", "rd", "th"].contains(&&w[digits.len()..])
            {
                digits.to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn blocks(texts: &[&str]) -> Vec<MappedText> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| MappedText::from_raw(t, Position::new(i * 2 + 1, 1)))
            .collect()
    }

    fn body(m: &Masthead) -> Vec<&str> {
        m.body.iter().map(MappedText::as_str).collect()
    }

    #[test]
    fn the_seed_shaped_masthead() {
        let mut edits = Vec::new();
        let m = extract_masthead(
            blocks(&[
                "Diplomatic impasse",
                "Pakistan-Afghanistan talks collapse even as ceasefire continues",
                "By Mariam Khan | November 16, 2025",
                "Neighbours signed a deal.",
                "The writer is a journalist.",
            ]),
            &mut edits,
        );
        assert_eq!(m.title.as_deref(), Some("Diplomatic impasse"));
        assert_eq!(
            m.subtitle.as_deref(),
            Some("Pakistan-Afghanistan talks collapse even as ceasefire continues")
        );
        assert_eq!(m.authors, ["Mariam Khan"]);
        assert_eq!(
            m.date,
            Some(ArticleDate::Date(
                NaiveDate::from_ymd_opt(2025, 11, 16).unwrap()
            ))
        );
        assert_eq!(
            m.bio.as_ref().unwrap().as_str(),
            "The writer is a journalist."
        );
        assert_eq!(body(&m), ["Neighbours signed a deal."]);
        assert!(edits.iter().all(|e| e.pass == "masthead"));
    }

    #[test]
    fn kicker_separate_bylines_and_dates() {
        let mut edits = Vec::new();
        let m = extract_masthead(
            blocks(&[
                "ANALYSIS",
                "The long road",
                "By Ali Raza, Sara Ahmed and Omar Shah",
                "|",
                "Sunday, 16 November 2025",
                "Body text.",
            ]),
            &mut edits,
        );
        assert_eq!(m.kicker.as_deref(), Some("ANALYSIS"));
        assert_eq!(m.title.as_deref(), Some("The long road"));
        assert_eq!(m.subtitle, None);
        assert_eq!(m.authors, ["Ali Raza", "Sara Ahmed", "Omar Shah"]);
        assert!(m.date.is_some());
        assert_eq!(body(&m), ["Body text."]);
    }

    /// The plain test: the first 24 characters, lower-cased, start with an opening.
    fn is_bio_by_lowercasing(text: &str) -> bool {
        let start: String = text.chars().take(24).collect::<String>().to_lowercase();
        BIO_OPENINGS.iter().any(|o| start.starts_with(o))
    }

    #[test]
    fn bios_are_found_as_lowercasing_finds_them() {
        let mut texts: Vec<String> = [
            "The writer is a journalist.",
            "THE WRITER IS",
            "the Writers Are two",
            "The author is",
            "The auth",
            "The writer İs here",
            "The wrİter is",
            "The \u{212a}writer is",
            "Thé writer is",
            "The  writer is",
            "The columnist is x",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Every opening with each letter in turn upper-cased or made a look-alike.
        for opening in BIO_OPENINGS {
            for (i, c) in opening.char_indices() {
                for swap in [c.to_ascii_uppercase(), 'İ', '\u{212a}', 'ı'] {
                    let mut text = opening.to_string();
                    text.replace_range(i..i + 1, &swap.to_string());
                    texts.push(format!("{text} someone."));
                    texts.push(text);
                }
            }
        }
        for text in &texts {
            assert_eq!(is_bio(text), is_bio_by_lowercasing(text), "{text:?}");
        }
        assert!(texts.iter().filter(|t| is_bio(t)).count() > 30);
    }

    #[test]
    fn meta_segments_are_the_trimmed_parts_between_bars() {
        for text in [
            "",
            "  ",
            "|",
            " a ",
            "By A | May 1, 2025",
            "a||b |",
            "“x” — y",
        ] {
            let split: Vec<&str> = text
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(meta_segments(text), split, "{text:?}");
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By A B").unwrap(), ["A B"]);
        assert_eq!(
            parse_byline("By Ann Lee and Bo Chan").unwrap(),
            ["Ann Lee", "Bo Chan"]
        );
        assert_eq!(
            parse_byline("By Ann, Bo and Cy Day").unwrap(),
            ["Ann", "Bo", "Cy Day"]
        );
        assert_eq!(parse_byline("By the river we sat."), None);
        assert_eq!(parse_byline("Byron Khan"), None);
    }

    #[test]
    fn dates_in_common_spellings() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 16).unwrap();
        for text in [
            "November 16, 2025",
            "16 November 2025",
            "Nov. 16, 2025",
            "Nov 16, 2025",
            "2025-11-16",
            "Sunday, November 16, 2025",
            "Sun, 16 Nov 2025",
            "November 16th, 2025",
        ] {
            assert_eq!(parse_date(text), Some(d), "{text}");
        }
        assert_eq!(
            parse_date("Sept. 3, 2024"),
            NaiveDate::from_ymd_opt(2024, 9, 3)
        );
        assert_eq!(parse_date("The 16 November talks"), None);
        assert_eq!(parse_date("2025"), None);
    }

    #[test]
    fn dates_with_a_time_of_day_or_in_figures() {
        let d = NaiveDate::from_ymd_opt(2024, 5, 3);
        for text in [
            "10:32 AM, May 3, 2024",
            "3 May 2024, 10:32 BST",
            "03 May 2024 | 10:32",
            "Friday 3 May 2024 10.32 BST",
            "May 3, 2024 at 10:32 a.m. EDT",
            "Friday, May 3, 2024 - 10:32",
            "2024-05-03T10:00:00Z",
            "3.5.2024",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        assert_eq!(
            parse_date("13/05/2024"),
            NaiveDate::from_ymd_opt(2024, 5, 13)
        );
        // Day-first and month-first both dates: no reading is safe.
        assert_eq!(parse_date("03/05/2024"), None);
        // Words after the date that are no time of day.
        assert_eq!(parse_date("May 3, 2024 in Lahore"), None);
        assert_eq!(parse_date("10:32 and then"), None);
        assert_eq!(parse_date("5:32 PM EDT, Fri May 3, 2024"), d);
        assert_eq!(parse_date("03.05.2024, 10:32"), d);
        // The last word as the reading leaves it: a stray full stop, a time's `a.m.`.
        assert_eq!(parse_date("3 May 2024 ."), d);
        assert_eq!(parse_date("May 3, 2024, 10:32 a.m."), d);
    }

    #[test]
    fn the_last_year_run_is_found_where_it_starts() {
        assert_eq!(
            last_four_digit_run(b"in 1999 and 2024, not 12345"),
            Some(12)
        );
        assert_eq!(last_four_digit_run(b"2024"), Some(0));
        assert_eq!(last_four_digit_run(b"12345 and 123"), None);
        assert!(!has_four_digit_run(b"page 12"));
    }

    #[test]
    fn unknown_layouts_keep_the_text() {
        let mut edits = Vec::new();
        let m = extract_masthead(
            blocks(&["A headline", "First paragraph.", "Second."]),
            &mut edits,
        );
        assert_eq!(m.title.as_deref(), Some("A headline"));
        assert_eq!(body(&m), ["First paragraph.", "Second."]);
        let m = extract_masthead(blocks(&["Just one long paragraph of prose."]), &mut edits);
        assert_eq!(m.title, None);
        assert_eq!(body(&m), ["Just one long paragraph of prose."]);
    }
}
