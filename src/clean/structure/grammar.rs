//! The grammars a line of a page is matched against: bylines, datelines of the issue,
//! roles, page footers and running heads. Each is a small function from one trimmed line
//! to what it says, used by [`super::read_structure`] as a feature of that line.

use chrono::NaiveDate;

use crate::clean::masthead::{parse_date, split_names};

/// Words a byline's role is made of (`Staff Reporter`, `Our Correspondent`).
const ROLE_WORDS: &[&str] = &[
    "staff",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "special",
    "our",
    "senior",
    "chief",
    "editor",
    "contributing",
    "writer",
    "bureau",
    "desk",
    "news",
    "political",
    "sports",
    "business",
    "science",
    "foreign",
    "city",
    "columnist",
    "contributor",
    "analyst",
    "associate",
    "deputy",
    "features",
    "diplomatic",
    "economics",
    "health",
    "the",
    "of",
];

/// Words that may stand before a date on a byline or date line.
const DATE_PREFIXES: &[&str] = &[
    "published",
    "published:",
    "updated",
    "updated:",
    "posted",
    "posted:",
    "first published",
    "dated",
    "on",
];

/// A line that is only a date (after an optional `Published`/`Updated` word).
pub fn date_line(line: &str) -> Option<NaiveDate> {
    let trimmed = line.trim();
    if let Some(date) = parse_date(trimmed) {
        return Some(date);
    }
    let lower = trimmed.to_lowercase();
    DATE_PREFIXES.iter().find_map(|prefix| {
        let rest = lower.strip_prefix(prefix)?;
        rest.starts_with([' ', ':'])
            .then(|| parse_date(trimmed[prefix.len()..].trim_start_matches([' ', ':'])))
            .flatten()
    })
}

/// A role on its own line or after a byline's comma: `Staff Reporter`.
pub fn is_role(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| ROLE_WORDS.contains(&w.as_str()))
        && words
            .iter()
            .any(|w| !["the", "of", "our", "news"].contains(&w.as_str()))
}

/// Lower-case words that begin prose after `By` (`By then Smith had left`), never the
/// tail of a name whose first letter was lost.
const NOT_NAME_STARTS: &[&str] = &[
    "the",
    "a",
    "an",
    "then",
    "now",
    "far",
    "all",
    "way",
    "contrast",
    "comparison",
    "which",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "most",
    "late",
    "early",
    "mid",
    "noon",
    "night",
    "day",
    "morning",
    "evening",
    "afternoon",
    "law",
    "design",
    "default",
    "chance",
    "accident",
    "hand",
    "car",
    "bus",
    "train",
    "air",
    "road",
    "sea",
    "rail",
    "foot",
    "nightfall",
    "dawn",
    "dusk",
    "midday",
    "midnight",
    "itself",
    "himself",
    "herself",
    "themselves",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "one",
    "two",
    "three",
    "several",
    "both",
    "each",
    "every",
    "any",
    "no",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "from",
    "next",
    "last",
    "then,",
];

/// What a byline line says: its authors and, when the line carries one, a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub date: Option<NaiveDate>,
}

/// Reads a byline: `By A`, `BY A`, `By A and B`, `By A, B & C`, `By A | date`,
/// `By A|date`, `A, Staff Reporter`. Names after `By` may have lost letters (`Luc a
/// Nú ez`); a line without `By` must be names and a role.
pub fn byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.len() > 240 || line.ends_with(['.', '?', '!', ',', ';']) {
        return None;
    }
    let (names_part, date) = match line.split_once('|') {
        Some((names, rest)) => (names.trim(), Some(date_line(rest.trim())?)),
        None => (line, None),
    };
    let after_by = ["By ", "BY ", "by ", "By: ", "BY: "]
        .iter()
        .find_map(|p| names_part.strip_prefix(p));
    let (names_text, strict) = match after_by {
        Some(rest) => (rest.trim(), false),
        None => {
            // `A, Staff Reporter`: names only with a role after the last comma.
            let (names, role) = names_part.rsplit_once(", ")?;
            if !is_role(role) {
                return None;
            }
            (names.trim(), true)
        }
    };
    let names_text = match names_text.rsplit_once(", ") {
        Some((names, role)) if is_role(role) => names,
        _ => names_text,
    };
    let authors = split_names(names_text);
    let shaped = |name: &String| {
        let words: Vec<&str> = name.split_whitespace().collect();
        let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        // A name whose first letter was lost to a space starts in lower case (`lodie
        // Marchand` for Élodie); one that lost a letter inside its last word ends with a
        // lower-case tail after a capitalised head (`Małgorzata W jcik`).
        let first_ok = words.first().is_some_and(capital)
            || (!strict && words.len() >= 2 && words[1..].iter().all(capital) && {
                let first = words[0].to_lowercase();
                first.chars().all(char::is_alphabetic) && !NOT_NAME_STARTS.contains(&first.as_str())
            });
        let last_ok = !strict
            || words.last().is_some_and(capital)
            || (words.len() >= 2 && capital(&words[words.len() - 2]));
        (1..=6).contains(&words.len())
            && first_ok
            && last_ok
            && !name.ends_with('.')
            && !name.bytes().any(|b| b.is_ascii_digit())
    };
    (!authors.is_empty() && authors.len() <= 6 && authors.iter().all(shaped))
        .then_some(Byline { authors, date })
}

/// A page footer: `Paper | Page 3`, `Page 3 | Paper`, `Paper · 3`, `3 | Paper`.
pub fn is_footer(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() == 2
        && parts
            .iter()
            .any(|p| crate::clean::layout::is_page_number(p))
        && parts.iter().any(|p| is_short_name(p))
}

/// A paper's or section's name: one to six words, none ending a sentence, each starting
/// with a capital (or `of`, `the`, `and`).
pub fn is_short_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && !text.ends_with(['.', ',', ';', '?', '!'])
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || ["of", "the", "and", "&"].contains(w)
        })
}

/// A running head that prints the paper's name and the issue date on one line:
/// `The Morning Ledger Sunday, November 16, 2025`. Returns the name and the date.
pub fn running_head(line: &str) -> Option<(String, NaiveDate)> {
    let line = line.trim();
    if line.len() > 100 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    for take in (1..=5).rev() {
        if take >= words.len() {
            continue;
        }
        let (name, date) = words.split_at(words.len() - take);
        let name = name.join(" ");
        let name = name.trim_end_matches(['|', '·', '-', '–', '—', ' ']).trim();
        if let Some(date) = date_line(&date.join(" ")) {
            if is_short_name(name) {
                return Some((name.to_string(), date));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<Vec<String>> {
        byline(line).map(|b| b.authors)
    }

    #[test]
    fn bylines_in_their_many_spellings() {
        assert_eq!(names("By Mariam Khan"), Some(vec!["Mariam Khan".into()]));
        assert_eq!(
            names("BY Ömer Şahin & Lucía Núñez"),
            Some(vec!["Ömer Şahin".into(), "Lucía Núñez".into()])
        );
        assert_eq!(
            names("Ana Ruiz and Tomás Vega, Staff Reporters"),
            Some(vec!["Ana Ruiz".into(), "Tomás Vega".into()])
        );
        let b = byline("By Ana Ruiz|March 3, 2024").unwrap();
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2024, 3, 3));
        assert_eq!(names("By Luc a Nú ez"), Some(vec!["Luc a Nú ez".into()]));
        // Lost letters at a name's start or inside its last word.
        assert_eq!(
            names("BY lodie Marchand"),
            Some(vec!["lodie Marchand".into()])
        );
        assert_eq!(
            names("Ma gorzata W jcik, Staff Reporter"),
            Some(vec!["Ma gorzata W jcik".into()])
        );
        assert_eq!(names("By then Marchand"), None);
        assert_eq!(names("Ana Ruiz of the mayor, Staff Reporter"), None);
        // Prose is not a byline.
        assert_eq!(names("By the end of the year, prices had doubled."), None);
        assert_eq!(names("Ana Ruiz, the mayor"), None);
        assert_eq!(names("By Ana Ruiz | the mayor"), None);
    }

    #[test]
    fn dates_footers_and_running_heads() {
        assert!(date_line("Published 16 Nov 2025").is_some());
        assert!(date_line("Updated: November 16, 2025").is_some());
        assert!(date_line("16 November").is_none());
        assert!(is_footer("The Morning Ledger | Page 2"));
        assert!(is_footer("3 | Daily Meridian"));
        assert!(!is_footer("He paid 3 | 4 of them"));
        let (name, _) = running_head("The Morning Ledger Sunday, November 16, 2025").unwrap();
        assert_eq!(name, "The Morning Ledger");
        assert!(running_head("The talks ended on November 16, 2025").is_none());
        assert!(is_role("Staff Reporter"));
        assert!(!is_role("Reporter of the year was here"));
    }
}
