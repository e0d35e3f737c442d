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
    "published on",
    "updated on",
    "posted on",
    "last updated",
    "last updated:",
    "last modified",
    "last modified:",
    "last modified on",
];

/// A line that is only a date (after an optional `Published`/`Updated` word).
pub fn date_line(line: &str) -> Option<NaiveDate> {
    // `parse_date` reads only text with a year's four digits, and every text it is given
    // below is this line, its start before a reading time, or its end after a word: a
    // line without them is no date line. (Asked first: most lines have none.)
    if !crate::clean::masthead::has_four_digit_run(line.as_bytes()) {
        return None;
    }
    // `March 12, 2024 · 5 min read`: the minutes an article takes say nothing of its date.
    let trimmed = without_reading_time(line.trim());
    if !crate::clean::masthead::has_four_digit_run(trimmed.as_bytes()) {
        return None;
    }
    date_alone(trimmed)
        .or_else(|| date_after_place(trimmed))
        .or_else(|| dates_in_a_row(trimmed))
        .or_else(|| {
            // `March 18, 2025 4:02 PM GMT+1 Updated 2 hours ago`: the page's clock
            // after the date says nothing a date can keep.
            let rest = before_time_ago(trimmed)?;
            date_alone(rest).or_else(|| date_after_place(rest))
        })
}

/// Units of a time ago (`2 hours ago`, `a day ago`).
const AGO_UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "day", "days", "week", "weeks", "month", "months",
];

/// Words that may stand before a time ago (`Updated 2 hours ago`).
/// (Longest first: `Last updated` before `updated`.)
const AGO_LABELS: &[&str] = &["last updated", "updated", "published", "posted", "edited"];

/// How many words at the end of `words` say how long ago something happened (`2 hours
/// ago`, `Updated an hour ago`, `updated: 5 mins ago`); 0 if they do not.
pub fn time_ago_words(words: &[&str]) -> usize {
    let lower = |w: &str| w.trim_end_matches(':').to_lowercase();
    let [.., count, unit, ago] = words else {
        return 0;
    };
    let counted = count.bytes().all(|b| b.is_ascii_digit())
        || ["a", "an", "one"].contains(&lower(count).as_str());
    if !ago.eq_ignore_ascii_case("ago") || !counted || !AGO_UNITS.contains(&lower(unit).as_str()) {
        return 0;
    }
    let before = &words[..words.len() - 3];
    let labelled = AGO_LABELS.iter().find(|label| {
        let label: Vec<&str> = label.split(' ').collect();
        before.len() >= label.len()
            && before[before.len() - label.len()..]
                .iter()
                .zip(&label)
                .all(|(w, l)| lower(w) == *l)
    });
    3 + labelled.map_or(0, |label| label.split(' ').count())
}

/// `line` without the time ago it ends with, and the separator before it (`March 18,
/// 2025 Updated 2 hours ago`, `18 March 2025 · 3 days ago`); `None` when it ends with
/// none, or is nothing else.
fn before_time_ago(line: &str) -> Option<&str> {
    if !line
        .get(line.len().checked_sub(3)?..)?
        .eq_ignore_ascii_case("ago")
    {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let ago = time_ago_words(&words);
    if ago == 0 || ago == words.len() {
        return None;
    }
    // The byte where the first of the time-ago words starts (each word is a slice of
    // `line`).
    let at = words[words.len() - ago].as_ptr() as usize - line.as_ptr() as usize;
    let rest = line[..at]
        .trim_end()
        .trim_end_matches(['|', '·', '•', '-', '–', '—', ','])
        .trim_end();
    (!rest.is_empty()).then_some(rest)
}

/// [`date_line`] without the place before the date: what a byline's end may be
/// (`By Jane Doe, 3 May 2024` ends with a date, not with the place `Doe`).
fn date_alone(trimmed: &str) -> Option<NaiveDate> {
    if let Some(date) = date_after_any_clock(trimmed) {
        return Some(date);
    }
    DATE_PREFIXES.iter().find_map(|prefix| {
        let head = trimmed.get(..prefix.len())?;
        let rest = &trimmed[prefix.len()..];
        (head.eq_ignore_ascii_case(prefix) && rest.starts_with([' ', ':']))
            .then(|| date_after_any_clock(rest.trim_start_matches([' ', ':'])))
            .flatten()
    })
}

/// The date of `text`, read also when the time of day comes first (`08:15 GMT, 12 March
/// 2025`, `4.02pm, 12 March 2025`).
fn date_after_any_clock(text: &str) -> Option<NaiveDate> {
    if let Some(date) = parse_date(text) {
        return Some(date);
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut words = text.split_whitespace();
    let clock = words.next()?.trim_end_matches(',');
    let (hours, minutes) = clock.split_once([':', '.'])?;
    let minutes = minutes
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end_matches(',');
    let is_clock = (1..=2).contains(&hours.len())
        && minutes.len() == 2
        && hours
            .bytes()
            .chain(minutes.bytes())
            .all(|b| b.is_ascii_digit());
    if !is_clock {
        return None;
    }
    // What follows the clock: `am`/`pm`, a zone (`GMT`, `UTC+1`, `IST`), then the date.
    let rest = text[clock.len()..].trim_start_matches(',').trim_start();
    let rest = rest
        .split_once(' ')
        .filter(|(word, _)| {
            let word = word.trim_end_matches(',');
            ["am", "pm", "a.m.", "p.m."].contains(&word.to_lowercase().as_str())
                || is_time_zone(word)
        })
        .map_or(rest, |(_, after)| after.trim_start());
    let rest = rest
        .split_once(' ')
        .filter(|(word, _)| is_time_zone(word.trim_end_matches(',')))
        .map_or(rest, |(_, after)| after.trim_start());
    parse_date(rest.trim_start_matches([',', ' ']))
}

/// `GMT`, `BST`, `UTC+1`, `IST`: two to five capitals, an offset after them or not.
fn is_time_zone(word: &str) -> bool {
    let letters =
        word.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | ':'));
    (2..=5).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase())
}

/// A page's publication and update dates side by side (`Published 12 March 2025 ·
/// Updated 13 March 2025`, `Published: 08:15 GMT, 12 March 2025 | Updated: 10:02 GMT, 12
/// March 2025`): the first date, when every part is a date or a time ago.
fn dates_in_a_row(line: &str) -> Option<NaiveDate> {
    // Asked of every line with a year: one without a separator was read whole already.
    if !line.contains(['|', '·', '•']) {
        return None;
    }
    let mut parts = line.split(['|', '·', '•']).map(str::trim);
    let first = date_alone(parts.next()?)?;
    let mut more = false;
    for part in parts {
        let words: Vec<&str> = part.split_whitespace().collect();
        let ago = !words.is_empty() && time_ago_words(&words) == words.len();
        if date_alone(part).is_none() && !ago {
            return None;
        }
        more = true;
    }
    more.then_some(first)
}

/// The date of a line that names where the story was filed from first: `Lisbon, 9 June
/// 2024`, `LISBON | June 9, 2024`. The place is one word: two capitalised words there
/// are as likely a writer's name (`JANE DOE | May 3, 2024`).
fn date_after_place(line: &str) -> Option<NaiveDate> {
    // The first separator the line holds (`LISBON | June 9, 2024`).
    let at = line.find([',', '|'])?;
    let (place, rest) = (&line[..at], &line[at + 1..]);
    let place = place.trim();
    let one_word = place.split_whitespace().count() == 1;
    (one_word && is_place(place) && !DATE_PREFIXES.iter().any(|p| place.eq_ignore_ascii_case(p)))
        .then(|| parse_date(rest.trim()))
        .flatten()
}

/// The words a newsroom role ends with: the beat before one may be any capitalised word
/// (`Education Reporter`, `Transport Correspondent`, `Wine Critic`).
const ROLE_HEADS: &[&str] = &[
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "writer",
    "writers",
    "columnist",
    "columnists",
    "contributor",
    "contributors",
    "analyst",
    "critic",
    "journalist",
    "journalists",
    "reviewer",
    "photographer",
    "commentator",
    "researcher",
    "producer",
    // A desk or a bureau signs for its writers (`Education Desk`, `Brussels Bureau`).
    "desk",
    "bureau",
];

/// A role on its own line or after a byline's comma: `Staff Reporter`, `Education
/// Reporter`.
pub fn is_role(text: &str) -> bool {
    // Asked of every line near the top: count before lowering anything.
    if !(1..=4).contains(&text.split_whitespace().count()) {
        return false;
    }
    let words: Vec<(&str, String)> = text
        .split_whitespace()
        .map(|w| {
            let letters = w.trim_matches(|c: char| !c.is_alphabetic());
            (letters, letters.to_lowercase())
        })
        .collect();
    let known = |w: &str| ROLE_WORDS.contains(&w);
    let beat = |(word, lower): &(&str, String)| {
        known(lower)
            || (word.starts_with(char::is_uppercase) && word.chars().all(char::is_alphabetic))
    };
    (1..=4).contains(&words.len())
        && (words.iter().all(|(_, w)| known(w))
            || words
                .last()
                .is_some_and(|(_, w)| ROLE_HEADS.contains(&w.as_str()))
                && words.iter().all(beat))
        && words
            .iter()
            .any(|(_, w)| !["the", "of", "our", "news"].contains(&w.as_str()))
}

/// Whether a role ends with a word for a person's job (`Staff Reporter`, `Our
/// Correspondent`), not only words a section's name shares (`Business`, `Features`).
pub fn names_a_job(role: &str) -> bool {
    role.split_whitespace()
        .last()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .is_some_and(|w| ROLE_HEADS.contains(&w.as_str()))
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

/// Whether names (joined by `and`) hold a word prose opens or joins with (`the`, `to`,
/// `of`…) other than `and` and a surname's particles: capitalised prose
/// (`More To Follow`), not names.
pub fn holds_small_words(names: &str) -> bool {
    names.split_whitespace().any(|w| {
        let lower = w.to_lowercase();
        lower != "and" && !is_surname_particle(w) && NOT_NAME_STARTS.contains(&lower.as_str())
    })
}

/// What a byline line says: its authors and, when the line carries one, a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub date: Option<NaiveDate>,
}

/// Reads a byline: `By A`, `BY A`, `By A and B`, `By A, B & C`, `By A | date`,
/// `By A|date`, `A, Staff Reporter`, `A – Staff Reporter`. Names after `By` may have lost
/// letters (`Luc a Nú ez`); a line without `By` must be names and a role.
pub fn byline(line: &str) -> Option<Byline> {
    let line = without_reading_time(line.trim());
    // `By Jane Doe, 2 hours ago`: the page's clock says no date.
    let line = before_time_ago(line).unwrap_or(line);
    // `By Jane Doe.`: a full stop some pages print after a byline with `By`; a sentence
    // that opens with `By` still fails the names' shape below (`By then, the hall…`).
    let line = match line.strip_suffix('.') {
        Some(stem) if after_by_prefix(stem).is_some() && !ends_with_generation(line) => stem,
        _ => line,
    };
    // A line that ends with a join wrapped before its last name
    // ([`byline_over_two_lines`]).
    if line.len() > 240
        || (line.ends_with(['.', '?', '!', ',', ';']) && !ends_with_generation(line))
        || line.ends_with(" and")
        || line.ends_with(" &")
    {
        return None;
    }
    // Whether a bar sets a date or a role after the names, or a handle follows them:
    // then the names need no `By` (`Jane Doe | May 3, 2024`, `Jane Doe | Staff
    // Reporter`, `Jane Doe @janedoe`).
    let mut barred = false;
    let line = match line.rsplit_once(' ') {
        Some((names, handle))
            if handle.starts_with('@')
                && is_contact_line(handle)
                && (after_by_prefix(names).is_some()
                    || is_name_shaped(names.trim()) && first_word_may_be_name(names)) =>
        {
            barred = true;
            names.trim_end()
        }
        _ => line,
    };
    // `Lisbon | 9 June 2024`: a place, not a writer, before the date.
    if date_after_place(line).is_some() {
        return None;
    }
    let (names_part, date) = match line.split_once('|') {
        // `By A | date`, and `A | Staff Reporter`: a role after the bar is the role's.
        Some((names, rest)) => {
            barred = true;
            match date_line(rest.trim()) {
                Some(date) => (names.trim(), Some(date)),
                // `May 3, 2024 | By Jane Doe`: the date first.
                None if after_by_prefix(rest.trim()).is_some() => {
                    (rest.trim(), Some(date_line(names.trim())?))
                }
                None if is_role(rest.trim()) || is_news_outlet(rest.trim()) => (names.trim(), None),
                // `JANE DOE | KARACHI`: a name, then where it was filed from.
                None if is_place(rest.trim())
                    && is_name_shaped(names.trim())
                    && first_word_may_be_name(names) =>
                {
                    (names.trim(), None)
                }
                // `By A | Santiago | date`, `A | Staff Reporter | date`: a place or a role
                // between the names and the date.
                None => {
                    let (middle, tail) = rest.split_once('|')?;
                    let middle = middle.trim();
                    if !(is_place(middle) || is_role(middle)) {
                        return None;
                    }
                    (names.trim(), Some(date_line(tail.trim())?))
                }
            }
        }
        None => split_trailing_date(line),
    };
    let after_by = after_by_prefix(names_part);
    // Names without `By` that a bar or a date follows, maybe with where the story was
    // filed from (`Jane Doe, Leeds | May 3, 2024`, `Jane Doe in Leeds, May 3, 2024`).
    let placed = if after_by.is_none() && (barred || date.is_some()) {
        names_alone_placed(names_part)
    } else {
        None
    };
    let (names_text, strict) = match (after_by, placed) {
        (Some(rest), _) => (without_place(rest.trim()), false),
        (None, Some(names)) => (names, true),
        (None, None) if barred && !names_part.contains(", ") => (names_part, true),
        (None, None) => {
            // `A, Staff Reporter`: names only with a role after the last comma, maybe
            // then where the story was filed from (`A, Staff Reporter, Karachi`).
            let head = match before_comma_place(names_part) {
                Some(head) if head.contains(", ") => head,
                _ => names_part,
            };
            let (names, role) = before_role_separator(head)?;
            // `A, Staff Reporter`, or `A, Reuters` when `A` is no role itself
            // (`Business reporter, BBC News` is a role line).
            let credited = || is_news_outlet(role) && !is_role(names);
            if !is_role(without_place(role)) && !credited() {
                return None;
            }
            (names.trim(), true)
        }
    };
    // A writer's handle in brackets after the name (`Jane Doe (@janedoe)`) is no name.
    let names_text = match names_text.split_once(" (@") {
        Some((names, handle)) if handle.ends_with(')') && !handle.contains(' ') => names,
        _ => names_text,
    };
    // The agency the story came with (`By Jane Doe with AFP`, `Jane Doe and agencies`).
    let names_text = match names_text
        .rsplit_once(" with ")
        .or_else(|| names_text.rsplit_once(" and "))
    {
        Some((names, outlet)) if is_news_agency(outlet) && !names.trim().is_empty() => names,
        _ => names_text,
    };
    // A role, the outlet and where the story was filed from, in any order, after the
    // names' commas (`By Jane Doe, Staff Reporter, Karachi`, `By Jane Doe, Reuters`).
    let mut names_text = names_text;
    for _ in 0..3 {
        names_text = match before_role_separator(names_text) {
            Some((names, role)) if is_role(without_place(role)) || is_news_outlet(role) => names,
            // `By Jane Doe, Karachi`.
            _ => match before_comma_place(names_text) {
                Some(names) if !strict => names,
                _ => break,
            },
        };
    }
    // Each writer's own place (`By Jane Doe in Karachi and John Smith in Lahore`).
    let authors: Vec<String> = split_names(names_text)
        .into_iter()
        .map(|name| match without_place(&name) {
            kept if !strict && kept.len() < name.len() => kept.to_string(),
            _ => name,
        })
        .collect();
    let shaped = |name: &String| {
        let words: Vec<&str> = name.split_whitespace().collect();
        let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        // A name whose first letter was lost to a space starts in lower case (`lodie
        // Marchand` for Élodie); one that lost a letter inside its last word ends with a
        // lower-case tail after a capitalised head (`Małgorzata W jcik`).
        // Both at once (`ỗ Văn H ng` for Đỗ Văn Hùng): after a capitalised word, a
        // run of pieces that may be the rest of its broken name.
        // The given name may have lost letters inside it too, so that pieces come
        // before the first capitalised word (`rd s Ágústsdóttir` for Þórdís).
        let first_capital = words.iter().position(capital).unwrap_or(words.len());
        // A lost letter may leave a piece that spells a short joining word by chance (`or`
        // of Đorđević in `or evi`, `a` of Çağatay in `a atay`): beside a piece no
        // dictionary knows, it is read as a piece too. That piece may be capitalised
        // (`Gündo an` of Gündoğan), or a letter alone in lower case (`a r` of Çağrı) but
        // for the words `a` and `i`.
        let unknown_piece = |w: &str| {
            w.chars().all(char::is_alphabetic)
                && (!crate::clean::vocabulary::lexicon_knows(&w.to_lowercase())
                    || (w.chars().count() == 1
                        && w.starts_with(char::is_lowercase)
                        && !matches!(w, "a" | "i")))
        };
        let fragment_beside_unknown = |k: usize| {
            let w = words[k];
            w.chars().count() <= 3
                && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
                && [k.wrapping_sub(1), k + 1]
                    .iter()
                    .any(|&j| words.get(j).is_some_and(|n| unknown_piece(n)))
        };
        let piece_at = |k: usize| is_rest_of_broken_name(words[k]) || fragment_beside_unknown(k);
        // Without `By` (before a role or after a bar), a name so broken is read when its
        // first piece is no ordinary word (`li H s nov, Staff Reporter` for Əli Həsənov;
        // `Nguyễn Th Thu H ng, ng V n L i & Ph m H ng Nhung, Staff Reporters` for Đặng
        // Văn Lợi).
        let opens_without_initial = words.first().is_some_and(|w| lost_its_initial(w))
            || (!words.is_empty() && fragment_beside_unknown(0));
        let first_ok = words.first().is_some_and(capital)
            || ((!strict || opens_without_initial)
                && (1..words.len()).contains(&first_capital)
                && {
                    // Every later word is capitalised or such a piece, so each piece follows a
                    // capitalised word or another piece.
                    let later_ok = (1..first_capital).all(piece_at)
                        && (first_capital + 1..words.len())
                            .all(|k| capital(&words[k]) || piece_at(k));
                    let first = words[0].to_lowercase();
                    later_ok
                        && first.chars().all(char::is_alphabetic)
                        && (!NOT_NAME_STARTS.contains(&first.as_str())
                            || fragment_beside_unknown(0))
                });
        // Every word lost its first letter (`mer ahin` for Ömer Şahin): after `By`, two
        // to four pieces in lower case, none a joining word, one at least no word at all.
        let all_lost_initials = (!strict || opens_without_initial)
            && (2..=4).contains(&words.len())
            && words.iter().enumerate().all(|(k, w)| {
                w.chars().all(char::is_alphabetic)
                    && w.starts_with(char::is_lowercase)
                    && (!NOT_NAME_STARTS.contains(&w.to_lowercase().as_str())
                        || fragment_beside_unknown(k))
            })
            && words
                .iter()
                .any(|w| !crate::clean::vocabulary::lexicon_knows(&w.to_lowercase()));
        let first_ok = first_ok || all_lost_initials;
        // After the first, words in lower case are particles or pieces of a broken name:
        // one may be a dictionary word by chance (`Gon alves`, `Ku era`), two are a
        // sentence (`By Monday the stalls had gone.`).
        let later_ok = || {
            (1..words.len())
                .filter(|&k| {
                    let w = words[k].trim_end_matches(['.', ',']);
                    w.starts_with(char::is_lowercase)
                        && w.chars().count() > 1
                        && !is_surname_particle(w)
                        && !is_rest_of_broken_name(w)
                        && !fragment_beside_unknown(k)
                })
                .count()
                < 2
        };
        // Without `By`, the last word or the one before is capitalised; or the name
        // ends in pieces its last word broke into (`Emre Y ldır m, Technology
        // Correspondent` for Yıldırım), after a capitalised head of one letter or more.
        // A last word broken wholly into pieces (`Milo or evi` for Miloš Đorđević) ends a
        // name whose first word is capitalised.
        let broken_last = || {
            let tail = (0..words.len())
                .rev()
                .take_while(|&k| is_broken_name_piece(words[k]) || fragment_beside_unknown(k))
                .count();
            tail > 0
                && (words.len() > tail + 1 || (tail >= 2 && words.len() == tail + 1))
                && capital(&words[words.len() - tail - 1])
        };
        let last_ok = !strict
            || (all_lost_initials && opens_without_initial)
            || words.last().is_some_and(capital)
            || (words.len() >= 2 && capital(&words[words.len() - 2]))
            || broken_last();
        // Pieces an extractor split off a name's letters (pypdf's `Nguy ễ n Th ị`) do not
        // count as words of their own.
        let pieces = words
            .iter()
            .filter(|w| {
                w.starts_with(char::is_lowercase)
                    && (w.chars().count() <= 2 || !w.is_ascii())
                    && !NOT_NAME_STARTS.contains(&w.to_lowercase().as_str())
            })
            .count();
        // A name of pieces only (`rd s g stsdóttir` for Þórdís Ágústsdóttir, which lost
        // five letters) is read only with the date beside it.
        let enough_words =
            (1..=6).contains(&(words.len() - pieces)) || (all_lost_initials && date.is_some());
        enough_words
            && words.len() <= 12
            && first_ok
            && last_ok
            && (!name.ends_with('.') || ends_with_generation(name))
            && !name.bytes().any(|b| b.is_ascii_digit())
            && later_ok()
    };
    (!authors.is_empty() && authors.len() <= 6 && authors.iter().all(shaped)).then(|| Byline {
        authors: authors.into_iter().map(name_case).collect(),
        date,
    })
}

/// `text` split at its last comma or spaced dash (`Jane Doe, Staff Reporter`, `Jane Doe –
/// Staff Reporter`, `Jane Doe — Reuters`): what a byline sets a role or an outlet after.
fn before_role_separator(text: &str) -> Option<(&str, &str)> {
    [", ", " – ", " — "]
        .iter()
        .filter_map(|separator| {
            let at = text.rfind(separator)?;
            Some((at, &text[..at], &text[at + separator.len()..]))
        })
        .max_by_key(|(at, ..)| *at)
        .map(|(_, head, tail)| (head, tail))
}

/// Whether a name ends with the generation it was born to (`Robert Smith Jr.`): the
/// full stop of an abbreviation, not of a sentence.
fn ends_with_generation(name: &str) -> bool {
    [" Jr.", " Sr.", " JR.", " SR."]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// A dateline set on a line of its own: a place in capitals, one to four words, maybe
/// an agency in brackets, then a colon or a dash (`ISLAMABAD:`, `NEW YORK (Reuters) —`).
pub fn is_dateline_alone(line: &str) -> bool {
    let t = line.trim();
    let Some(head) = t
        .strip_suffix(':')
        .or_else(|| t.strip_suffix('—'))
        .or_else(|| t.strip_suffix('–'))
        .or_else(|| t.strip_suffix("--"))
    else {
        return false;
    };
    let head = head.trim_end();
    let head = match head.rsplit_once(" (") {
        Some((place, agency)) if agency.ends_with(')') && agency.len() <= 16 => place,
        _ => head,
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().any(char::is_alphabetic)
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '’' | '\'' | ','))
        })
        && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// A first paragraph that opens with its dateline (`KARACHI: The council…`,
/// `NEW YORK (Reuters) — Shares…`).
pub fn opens_with_dateline(line: &str) -> bool {
    let head_end = line
        .char_indices()
        .take(48)
        .find(|&(_, c)| matches!(c, ':' | '—' | '–'))
        .map(|(at, c)| at + c.len_utf8());
    head_end.is_some_and(|end| {
        line[end..].starts_with(' ') && line.len() > end + 1 && is_dateline_alone(&line[..end])
    })
}

/// A byline printed as a name alone on its line with the role on the next (`Jane Doe`
/// over `Asia Correspondent`): two to four capitalised words of letters (a hyphen or an
/// apostrophe inside), no role itself, and `next` a role. The first may have lost its
/// first letter, as over a date (`aneta Wr blewska` over `Political Editor`).
pub fn is_name_before_role(line: &str, next: Option<&str>) -> bool {
    next.is_some_and(is_role_line) && (are_names_alone(line) || is_name_without_its_initial(line))
}

/// A writer's card whose name lost a letter in every word (`rd s g stsd ttir` for Þórdís
/// Ágústsdóttir, `ubica ur ekov` for Ľubica Ďurčeková) over the writer's role (`next`)
/// and the date or the writer's address (`after_next`): read as the byline, as a name of
/// pieces only is with `By` and the date ([`byline`]). The names pass mends what it can.
pub fn is_pieces_name_over_role_and_date(
    line: &str,
    next: Option<&str>,
    after_next: Option<&str>,
) -> bool {
    // Asked of every line near the top: the line's shape first, which nearly every line
    // fails at its first letter.
    is_name_of_pieces_only(line)
        && next.is_some_and(is_role_line)
        && after_next.is_some_and(|n| date_line(n).is_some() || is_contact_line(n))
}

/// Whether `line` is two to eight lower-case pieces of letters, none a word prose joins
/// with (`and`, `the`) or any ordinary word of two letters or more, one of three letters
/// or more: what a name is when it lost a letter in every word.
fn is_name_of_pieces_only(line: &str) -> bool {
    let mut words = 0;
    let mut long = false;
    line.split_whitespace().all(|w| {
        words += 1;
        long |= w.chars().nth(2).is_some();
        words <= 8
            && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
            && !NOT_NAME_STARTS.contains(&w)
            && (w.chars().nth(1).is_none() || lost_its_initial(w))
    }) && words >= 2
        && long
}

/// A line that gives a writer's role, maybe with where or for whom they work after it
/// (`Staff Reporter`, `Business reporter, BBC News`, `Correspondent in Paris`).
pub fn is_role_line(line: &str) -> bool {
    let line = line.trim();
    // Asked of every line near the top: a role and an employer are a few words.
    if line.split_whitespace().nth(9).is_some() {
        return false;
    }
    // The employer's name: one to four capitalised words (`BBC News`, `The Daily News`).
    let employer = |text: &str| {
        let mut words = 0;
        text.split_whitespace().all(|w| {
            words += 1;
            words <= 4 && w.starts_with(char::is_uppercase)
        }) && words >= 1
    };
    // A writer who is no staff's, writing for the paper (`Special to The Daily News`).
    if line
        .get(..11)
        .is_some_and(|head| head.eq_ignore_ascii_case("special to "))
        && employer(&line[11..])
    {
        return true;
    }
    let role = match line.split_once(", ") {
        Some((role, after)) if employer(after) => role,
        _ => line,
    };
    is_role(without_place(role))
}

/// Two to four capitalised words, letters only (and a name's hyphens, apostrophes and
/// initials' full stops), with a surname's particles between them (`Pieter van der
/// Berg`, `Ana de la Cruz`).
fn is_name_shaped(line: &str) -> bool {
    // Asked of every line near the top: nothing collected or allocated.
    let (mut words, mut particles) = (0, 0);
    let mut last_particle = false;
    line.split_whitespace().all(|w| {
        last_particle = words > 0 && is_surname_particle(w);
        if last_particle {
            particles += 1;
            return particles <= 3;
        }
        words += 1;
        words <= 4 && is_name_word(w)
    }) && words >= 2
        && !last_particle
}

/// Particles a surname may open with, written in lower case inside a name (`van der
/// Berg`, `de la Cruz`, `bin Hassan`, `dos Santos`).
const SURNAME_PARTICLES: &[&str] = &[
    "al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do",
    "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
];

/// Whether `word` is one of [`SURNAME_PARTICLES`] as a name prints it, in lower case.
pub(crate) fn is_surname_particle(word: &str) -> bool {
    SURNAME_PARTICLES.binary_search(&word).is_ok()
}

/// A name whose letters outside ASCII were lost to spaces, as copy prints it (`Zeynep
/// Ayd n`, `Andr s G lvez`, `Ana Mar a de la Cruz`): a capitalised first word, then
/// capitalised words, a surname's particles (not last) and the lower-case pieces a lost
/// letter leaves ([`is_rest_of_broken_name`]; `Jane Doe and` is no name); two to six
/// words besides the particles, a piece among them.
fn is_broken_name_shaped(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let particle = |w: &&str| is_surname_particle(w);
    let piece = |k: usize| is_piece_after(&run_before(&words, k), words[k]);
    let particles = words.iter().filter(|w| particle(w)).count();
    (2..=6).contains(&(words.len() - particles))
        && particles <= 3
        && words.first().is_some_and(|w| is_name_word(w))
        && !words.last().is_some_and(particle)
        && (1..words.len()).all(|k| is_name_word(words[k]) || particle(&words[k]) || piece(k))
        && (1..words.len()).any(|k| !particle(&words[k]) && piece(k))
        // A letter alone is a name's piece only after a word no dictionary knows (`Ayd n`),
        // before another piece (`Wei m ller`), or where the word before it and it spell a
        // listed name (`Mar a`), not prose's `a` between words (`Not a Museum`).
        && (1..words.len()).all(|k| {
            let (before, letter) = (words[k - 1], words[k]);
            letter.chars().nth(1).is_some()
                || !letter.starts_with(char::is_lowercase)
                || !crate::clean::vocabulary::lexicon_knows(&before.to_lowercase())
                || words.get(k + 1).is_some_and(|after| {
                    after.starts_with(char::is_lowercase)
                        && !is_surname_particle(after)
                        && is_rest_of_broken_name(after)
                })
                || super::names::spells_listed_name(before, letter)
        })
}

/// A lower-case piece of a name broken by lost letters: a letter alone (`a` of María in
/// `Mar a`) or the rest of one ([`is_rest_of_broken_name`]).
fn is_broken_name_piece(word: &str) -> bool {
    word.starts_with(char::is_lowercase)
        && (word.chars().count() == 1 || is_rest_of_broken_name(word))
}

/// A lower-case piece of a name broken by lost letters after `before` (the word before,
/// or the run of pieces back to the capitalised word that opens them, [`run_before`]):
/// one [`is_broken_name_piece`] takes, or a short word of prose that with `before`,
/// opening with a capitalised word, spells a listed name (`in` of `Súilleabh in` and of
/// `S illeabh in`, Súilleabháin), which no prose's `in` does (nor a place's after a piece:
/// `S ren Kj r in Lisbon`).
fn is_piece_after(before: &str, word: &str) -> bool {
    is_broken_name_piece(word)
        || (word.len() <= 3
            && word.bytes().all(|b| b.is_ascii_lowercase())
            && !is_surname_particle(word)
            && before.split(' ').next().is_some_and(is_name_word)
            && super::names::spells_listed_name(before, word))
}

/// The name's words and pieces before `words[k]` (`k` ≥ 1), back to the nearest word that
/// does not open in lower case (`S illeabh` before `in`: the pieces of `Súilleabháin`
/// spell a listed name only together), or the word before alone when every word before
/// opens in lower case.
fn run_before(words: &[&str], k: usize) -> String {
    let start = (0..k)
        .rev()
        .find(|&j| !words[j].starts_with(char::is_lowercase))
        .unwrap_or(k - 1);
    words[start..k].join(" ")
}

/// A short lower-case tail a lost letter leaves of a name (`ng` of Hùng): three letters
/// at most, no joining word (`and`, `the`).
fn is_short_tail(word: &str) -> bool {
    word.chars().count() <= 3
        && word.chars().all(char::is_alphabetic)
        && !NOT_NAME_STARTS.contains(&word.to_lowercase().as_str())
}

/// A lower-case piece that may be the rest of a name broken by lost letters: a short
/// tail ([`is_short_tail`]) or no word the dictionary knows (`S gnane` of Ségnane, `B
/// ckstr m` of Bäckström).
fn is_rest_of_broken_name(word: &str) -> bool {
    is_short_tail(word)
        || (word.chars().all(char::is_alphabetic)
            && !crate::clean::vocabulary::lexicon_knows(&word.to_lowercase()))
}

/// A capitalised word of letters (a hyphen, an apostrophe or an initial's full stop
/// inside, and the combining accents of a name spelt in decomposed letters, as Yorùbá's
/// `Adébáyọ̀`): a word a name may have.
fn is_name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.chars().all(|c| {
            c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.' | '\u{300}'..='\u{36f}')
        })
}

/// A name alone on its line over a date line (`JANE DOE` / `MAY 3, 2024`), below the
/// headline: a byline without `By`, maybe with where the story was filed from (`Jane Doe
/// in Leeds`, `JANE DOE, LEEDS`). Its first word may be a name (`Jane`, not the `Markets`
/// of a short headline in title case over its date).
pub fn is_name_before_date(line: &str, next: Option<&str>) -> bool {
    next.is_some_and(|n| date_line(n).is_some())
        && (names_alone_placed(line).is_some() || is_name_without_its_initial(line))
}

/// `line`, trimmed, when it is names alone, the first of which lost its first letter,
/// over the date line `next` (`pek Y ld z` / `May 3, 2024`, `pela Kr išnik and Søren
/// Kjærgaard` / `Published …`): the names pass mends them.
pub fn lost_initial_name_over_date<'l>(line: &'l str, next: Option<&str>) -> Option<&'l str> {
    (next.is_some_and(|n| date_line(n).is_some()) && is_name_without_its_initial(line))
        .then(|| line.trim())
}

/// Whether `word` may be the rest of a name's first word that lost its first letter to
/// a space (`li` of Əli, `pek` of İpek, `elena` of Ħelena): letters in lower case, two
/// or more, and no ordinary word (`or`, `an`).
fn lost_its_initial(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && !crate::clean::words::Lexicon::embedded()
            .lookup(&word.to_lowercase())
            .is_some_and(|entry| entry.is_ordinary_word())
}

/// Whether `line` is names alone whose first word lost its first letter (`pek Y ld z`
/// for İpek Yıldız; `pela Kr išnik and Søren Kjærgaard` for Špela Kržišnik and another):
/// it reads as names alone with that word capitalised. Asked only where the line below is
/// the date.
fn is_name_without_its_initial(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    if !lost_its_initial(first) || !line[first.len()..].contains(char::is_uppercase) {
        return false;
    }
    let mut letters = first.chars();
    let Some(initial) = letters.next() else {
        return false;
    };
    let candidate: String = initial
        .to_uppercase()
        .chain(letters)
        .chain(line[first.len()..].chars())
        .collect();
    names_alone_placed(&candidate).is_some()
}

/// A line of names alone, without `By`: one to three names (`Jane Doe`, `Jane Doe and
/// John Smith`, `JANE DOE & JOHN SMITH`), each of two to four capitalised words whose
/// first may be a name, none a role, or a name that lost letters to spaces
/// (`Zeynep Ayd n`).
pub fn are_names_alone(line: &str) -> bool {
    // Asked of lines near the top: three names of four words and their joins at most,
    // every word capitalised but the joins, particles and a broken name's pieces, looked
    // at before anything is collected (the lexicon only for a lower-case word).
    let mut words = 0;
    let mut seen: Vec<&str> = Vec::new();
    let shaped = line.split_whitespace().all(|w| {
        words += 1;
        let word = w.strip_suffix(',').unwrap_or(w);
        let shaped = words <= 16
            && (is_name_word(word)
                || matches!(w, "and" | "&" | "AND")
                || (words > 1 && is_surname_particle(w))
                || (words > 1 && is_piece_after(&run_before(&seen, seen.len()), word)));
        seen.push(word);
        shaped
    });
    if !shaped {
        return false;
    }
    let names = split_names(line.trim());
    (1..=3).contains(&names.len())
        && names.iter().all(|name| {
            (is_name_shaped(name) || is_broken_name_shaped(name))
                && !is_role(name)
                && !names_a_job(name)
                && first_word_may_be_name(name)
        })
}

/// Names alone on their line, maybe with where the story was filed from after them
/// (`Jane Doe in Leeds`, `Jane Doe, Leeds`, `Jane Doe · Leeds`, `JANE DOE / LEEDS`): the
/// names' part of the line.
pub fn names_alone_placed(line: &str) -> Option<&str> {
    let line = line.trim();
    // Asked of every line with a date or a bar: a name's first word is capitalised and so
    // is its second, or it is a piece of the first broken by a lost letter (`Siobh n`),
    // which most prose fails at once.
    let mut first_two = line
        .split_whitespace()
        .map(|w| w.strip_suffix(',').unwrap_or(w));
    if !first_two.next().is_some_and(is_name_word)
        || !first_two
            .next()
            .is_some_and(|w| is_name_word(w) || is_broken_name_piece(w))
    {
        return None;
    }
    if are_names_alone(line) {
        return Some(line);
    }
    let head = match without_place(line) {
        head if head.len() < line.len() => head,
        _ => before_comma_place(line).or_else(|| before_barred_place(line))?,
    };
    are_names_alone(head).then_some(head)
}

/// The text before a place a bar, a dot or a slash sets after it (`Jane Doe · Leeds`,
/// `Jane Doe / New York`).
fn before_barred_place(text: &str) -> Option<&str> {
    let (head, place) = [" | ", " · ", " • ", " / "]
        .iter()
        .find_map(|bar| text.rsplit_once(bar))?;
    is_place(place.trim()).then(|| head.trim_end())
}

/// A line that tells how to reach the writer: an e-mail address or a handle, maybe after
/// a label (`jane.doe@paper.com`, `@janedoe`, `Follow @jane_doe`).
pub fn is_contact_line(line: &str) -> bool {
    let handle = |w: &str| {
        let (user, domain) = w.split_once('@').unwrap_or(("", ""));
        let word = |t: &str| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        };
        (user.is_empty() && word(domain)) || (word(user) && domain.contains('.') && word(domain))
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [w] => handle(w),
        [label, w] => {
            handle(w)
                && ["follow", "twitter:", "x:", "email:", "e-mail:"]
                    .contains(&label.to_lowercase().as_str())
        }
        _ => false,
    }
}

/// Whether the first word of `name` may be a name ([`may_be_name`], in the case names are
/// written in), or the opening of a listed name the piece after it goes on (`Ma gorzata`).
fn first_word_may_be_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    // A dictionary word opening a listed name a lost letter broke (`Ma gorzata` of
    // Małgorzata) is that name's opening, not the word.
    may_be_name(&name_case(first.to_string()))
        || words.next().is_some_and(|second| {
            second.starts_with(char::is_lowercase)
                && super::names::continues_a_listed_name(first, second)
        })
}

/// A place a byline names after its writer (`KARACHI`, `Lahore`, `New York`): one to three
/// words of letters, each capitalised or in capitals, no role and no date.
pub fn is_place(text: &str) -> bool {
    let mut words = 0;
    text.split_whitespace().all(|w| {
        words += 1;
        words <= 3
            && w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
    }) && words >= 1
        && !is_role(text)
}

/// News agencies and broadcasters a byline credits after its writers (`By Jane Doe,
/// Reuters`), lower case.
const NEWS_OUTLETS: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "associated press",
    "the associated press",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "bloomberg news",
    "pa",
    "pa media",
    "press association",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
    "kyodo",
    "kyodo news",
    "yonhap",
    "pti",
    "ians",
    "ani",
    "app",
    "unb",
    "anadolu",
    "anadolu agency",
    "tass",
    "cnn",
    "bbc",
    "bbc news",
    "al jazeera",
    "npr",
    "sky news",
    "agencies",
];

/// Whether `text` names a news outlet a byline credits after its writers' comma: a listed
/// agency (`Reuters`, `AFP`, `Associated Press`), a newspaper's name as the page-furniture
/// reader knows one (`Valley Record`, `BBC News`), or two to five capitalised words that
/// open with `The` (`The Northern Echo`), which no person's name does.
pub fn is_news_outlet(text: &str) -> bool {
    let text = text.trim();
    // Asked of every part after a comma near the top: the first letter first.
    if !text.starts_with(char::is_uppercase) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(1..=5).contains(&words.len()) {
        return false;
    }
    is_news_agency(text)
        || super::is_paper_name(text)
        || (words.len() >= 2
            && words[0] == "The"
            && words.iter().all(|w| w.starts_with(char::is_uppercase)))
}

/// Whether `text` is one of the [`NEWS_OUTLETS`]: the only outlets read after `with` or
/// `and` (`By Jane Doe with AFP`), where a writer's name could stand too.
fn is_news_agency(text: &str) -> bool {
    let text = text.trim();
    text.len() <= 24
        && NEWS_OUTLETS
            .iter()
            .any(|outlet| outlet.eq_ignore_ascii_case(text))
}

/// Whether `line` is a bar alone, as a web page's byline block sets between the names,
/// the place and the date (`Jane Doe` / `|` / `May 3, 2024`).
pub fn is_bar(line: &str) -> bool {
    line.trim() == "|"
}

/// A line a byline block carries besides names, roles and dates, dropped with them: the
/// writer's handle or address alone (`@janedoe`, `Follow @janedoe`, `jane.doe@paper.com`),
/// or the place the story was filed from in capitals over the date (`KARACHI` / `May 3,
/// 2024`), or in any case over a bar alone (`Santiago` / `|`), or a date's label over the
/// date (`Published on` / `12 March 2024`). Asked only of lines inside a block that has a
/// byline.
pub fn is_byline_filler(line: &str, next: Option<&str>) -> bool {
    let shouted_place = || {
        is_place(line)
            && super::shouts(line)
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 3
    };
    // A place over a bar alone (`Santiago` / `|` / `May 3, 2024`), as a web page's byline
    // block sets it, in capitals or not.
    let over_bar = || next.is_some_and(is_bar) && is_place(line);
    is_contact_line(line)
        || (shouted_place() && next.is_some_and(|n| date_line(n).is_some()))
        || over_bar()
        || (is_date_label(line) && next.is_some_and(|n| date_line(n).is_some()))
}

/// A date's label alone on its line (`Published on`, `Updated:`), as a web page's byline
/// block sets it over the date.
pub fn is_date_label(line: &str) -> bool {
    let label = line.trim().trim_end_matches(':').trim_end();
    label.len() <= 20
        && !label.eq_ignore_ascii_case("on")
        && DATE_PREFIXES
            .iter()
            .any(|prefix| prefix.trim_end_matches(':').eq_ignore_ascii_case(label))
}

/// `line` without a reading time after its last separator (`By Jane Doe • May 3, 2024 •
/// 4 min read`): some sites print the minutes an article takes on its byline.
/// The separator may have been lost to spaces with the other letters outside ASCII
/// (`By Siobh n O'Neill   4 min read`): the minutes end the line all the same.
fn without_reading_time(line: &str) -> &str {
    if let Some(at) = last_bar(line) {
        let tail: Vec<&str> = line[at..]
            .trim_start_matches(['•', '|', '·'])
            .split_whitespace()
            .collect();
        if super::page_chrome::is_reading_time(&tail) {
            return line[..at].trim_end();
        }
    }
    // Asked of every byline: only a line that ends with `read` is looked at again.
    if !line
        .get(line.len().saturating_sub(4)..)
        .is_some_and(|end| end.eq_ignore_ascii_case("read"))
    {
        return line;
    }
    let mut tail: Vec<&str> = line.split_whitespace().rev().take(3).collect();
    tail.reverse();
    match tail.first() {
        Some(first) if super::page_chrome::is_reading_time(&tail) => {
            line[..first.as_ptr() as usize - line.as_ptr() as usize].trim_end()
        }
        _ => line,
    }
}

/// Where the last of the bars and dots a byline sets between its parts (`|`, `•`, `·`)
/// stands in `line`: `str::rfind` with those three characters, searching bytes (`|`, and
/// the last bytes of `•` and `·`, checked for the bytes before them) rather than
/// decoding every character of a long line.
fn last_bar(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut end = bytes.len();
    while let Some(at) = memchr::memrchr3(b'|', 0xA2, 0xB7, &bytes[..end]) {
        match bytes[at] {
            b'|' => return Some(at),
            0xA2 if at >= 2 && bytes[at - 2..at] == [0xE2, 0x80] => return Some(at - 2),
            0xB7 if at >= 1 && bytes[at - 1] == 0xC2 => return Some(at - 1),
            _ => end = at,
        }
    }
    None
}

/// A byline that sets the writer's job after the name on the same line with no comma, the
/// job in lower case as some sites print it (`Jane Doe Environment correspondent`): the
/// name. Two or three capitalised words, the first one that may be a name (`Jane`, not
/// `Paper`), then a role that ends with a lower-case word for a job. A headline in title
/// case (`Paper Names New Sports Editor`) capitalises its last word; one in sentence case
/// does not capitalise the words after its first.
pub fn name_then_job(line: &str) -> Option<&str> {
    let line = line.trim();
    // Asked of every line near the top: the job is looked at before anything is collected.
    let job = line.rsplit(char::is_whitespace).next()?;
    if !job.starts_with(|c: char| c.is_lowercase()) || !ROLE_HEADS.contains(&job) {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    if !(3..=7).contains(&words.len()) {
        return None;
    }
    // The fewest name words whose role's words before the job are words of the
    // dictionary or of roles (`Environment`, `Asia`, `Chief Political`); a surname no
    // dictionary lists goes with the name (`Mary Ann Okonkwo Asia reporter`).
    let beat_word = |w: &str| {
        ROLE_WORDS.contains(&w.to_lowercase().as_str())
            || crate::clean::words::lexicon::Lexicon::embedded()
                .lookup(w)
                .is_some_and(|entry| entry.in_dictionary())
    };
    (2..=3).find_map(|n| {
        let (names, role) = words.split_at(n.min(words.len() - 1));
        let role_text = &line[role.first()?.0..];
        (names.len() == n
            && names.iter().all(|(_, w)| is_name_word(w))
            && may_be_name(names[0].1)
            && role[..role.len() - 1].iter().all(|(_, w)| beat_word(w))
            && !is_role(&line[..role[0].0])
            && is_role(role_text))
        .then(|| line[..role[0].0].trim_end())
    })
}

/// Whether `word` may be a name: the dictionary lists it capitalised (`Jane`), or does
/// not list it at all (`Siobhán`), but not only as an ordinary word (`Paper`).
fn may_be_name(word: &str) -> bool {
    crate::clean::words::lexicon::Lexicon::embedded()
        .lookup(word)
        .is_none_or(|entry| entry.is_proper_name() || !entry.in_dictionary())
}

/// A name a byline set in capitals (`JANE DOE`, as a page styled in capitals copies) in
/// the case names are written in: each part capitalised, the rest in lower case, after
/// a hyphen or apostrophe too (`JEAN-PIERRE O'NEILL` → `Jean-Pierre O'Neill`). Any other
/// name as it stands. [`super`] prefers the article's own spelling when it prints the
/// name elsewhere (`McDonald`).
pub fn name_case(name: String) -> String {
    let letters = name.chars().filter(|c| c.is_alphabetic());
    if letters.clone().count() < 2 || !letters.clone().all(char::is_uppercase) {
        return name;
    }
    let mut out = String::with_capacity(name.len());
    for (k, word) in name.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        // A surname's particles inside the name are written in lower case (`Ana de la
        // Cruz`), and a Scottish or Irish `Mc` capitalises the letter after it
        // (`McKenzie`).
        if k > 0 && is_surname_particle(&lower) {
            out.push_str(&lower);
            continue;
        }
        // The piece left of a word that lost a letter to a space (`MAR A` of María, `D
        // BROWSKA` of Dąbrowska) goes on in lower case, as [`super::names`] reads a
        // broken name, when the word before it and it spell a listed name that way and it
        // is no name or word of its own (`GON ALVES` may be Gon Alves); an initial stays
        // (`JOHN F KENNEDY`).
        if k > 0 && lower.chars().all(char::is_alphabetic) {
            let before = out.rsplit(' ').nth(1).unwrap_or_default();
            let short = lower.chars().count() <= 3;
            if (short || !super::names::is_name_or_word(&lower))
                && super::names::spells_listed_name(before, &lower)
            {
                out.push_str(&lower);
                continue;
            }
        }
        let mut start = true;
        for (at, c) in word.char_indices() {
            if c.is_alphabetic() {
                if start || (at == 2 && word.starts_with("MC") && word.len() > 3) {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                start = false;
            } else {
                out.push(c);
                start = true;
            }
        }
    }
    out
}

/// The words a byline opens with before its names, matched without regard to case
/// (`By`, `BY`, `Written by`); longer first, so `By: ` is not read as `By ` and a colon.
/// The text after a byline's `By` (or `Words by`, `Story:`…), if `text` opens with one.
/// Whether `line` opens with a byline's `By` (`By `, `BY `, `Written by `…).
pub fn opens_with_by(line: &str) -> bool {
    after_by_prefix(line.trim_start()).is_some()
}

fn after_by_prefix(text: &str) -> Option<&str> {
    // Asked of many lines: every prefix ends with `by ` or a colon and a space, within
    // its first 23 bytes, which one look at the line's head rules out for most prose.
    let head = &text.as_bytes()[..text.len().min(23)];
    let ends_a_prefix = head
        .windows(2)
        .any(|w| w[1] == b' ' && matches!(w[0], b':' | b'y' | b'Y'));
    if !ends_a_prefix {
        return None;
    }
    BY_PREFIXES.iter().find_map(|p| {
        let head = text.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| &text[p.len()..])
    })
}

/// A byline a narrow column wrapped after a join (`By Jane Doe and` / `John Smith`,
/// `By Jane Doe,` / `John Smith`), or a page set its `By` apart from the names (`By` /
/// `Jane Doe`, `Written by:` / `Jane Doe`): read from both lines when `line` opens with
/// `By`, cannot be read alone, and ends with `and`, `&`, a comma or the `By` itself.
pub fn byline_over_two_lines(line: &str, next: Option<&str>) -> Option<Byline> {
    let line = line.trim();
    let bare_by = line.trim_end_matches(':');
    // Asked of every line near the top: the longest bare `By` is 19 bytes.
    let is_bare = bare_by.len() < 20
        && BY_PREFIXES.iter().any(|p| {
            p.trim_end()
                .trim_end_matches(':')
                .eq_ignore_ascii_case(bare_by)
        });
    if is_bare {
        return byline(&format!("{bare_by} {}", next?.trim()));
    }
    // [`byline`] reads no line that ends with a join, so the two lines are read together.
    let joined = line.ends_with(" and") || line.ends_with(" &") || line.ends_with(',');
    if !joined || after_by_prefix(line).is_none() {
        return None;
    }
    byline(&format!("{line} {}", next?.trim()))
}

/// A byline a narrow column wrapped over the next one or two lines, with how many of them
/// it takes: after a join ([`byline_over_two_lines`]); inside its date (`By Jane Doe |
/// May` / `9, 2024`, `By Jane Doe |` / `Thursday, May 9,` / `2024`); inside the last
/// name (`By Jane Doe and John` / `Smith`); inside a role (`Jane Doe, Technology` /
/// `Correspondent`); or names without `By` wrapped before a co-writer's (`Jane Doe and
/// John` / `Smith, Staff Reporter`). A line that reads as a byline alone takes the lines
/// below only when they give it its date or finish its last name; a line without `By`
/// must be capitalised names and joins, or names and the start of a role.
///
/// Returns the byline `line` opens with how many lines below it takes: 0 when it reads
/// alone (as [`byline`]), which is read once whether or not it wraps.
pub fn byline_over_lines(line: &str, following: [Option<&str>; 2]) -> Option<(Byline, usize)> {
    if let Some(both) = byline_over_two_lines(line, following[0]) {
        return Some((both, 1));
    }
    let alone = byline(line);
    wrapped_below(line.trim(), following, &alone).or(alone.map(|read| (read, 0)))
}

/// [`byline_over_lines`]'s wrap: the byline `line` makes with the lines below, if they
/// add to `alone` (its reading by itself).
fn wrapped_below(
    line: &str,
    following: [Option<&str>; 2],
    alone: &Option<Byline>,
) -> Option<(Byline, usize)> {
    if line.len() > 160 || line.ends_with(['.', '?', '!', ';']) {
        return None;
    }
    // Asked of every line near the top: the cheap questions first.
    let by = after_by_prefix(line).is_some();
    let role_cut = !by && following[0].is_some_and(|next| role_cut_short(line, next));
    if !by && !role_cut && !names_cut_short(line) {
        return None;
    }
    // Read whole, with its date and no one-word name: nothing below can add to it.
    if alone
        .as_ref()
        .is_some_and(|a| a.date.is_some() && a.authors.iter().all(|n| n.contains(' ')))
    {
        return None;
    }
    let role_cut = role_cut && alone.is_none();
    let mut joined = line.to_string();
    let mut undated = None;
    let one_word_last = alone.as_ref().is_some_and(last_name_is_one_word);
    for (k, next) in following.into_iter().enumerate() {
        // What finishes a byline is short: a date, a name, a role; a byline read alone
        // takes only a name's end or a date's.
        let most = if alone.is_some() { 40 } else { 60 };
        let Some(next) = next
            .map(str::trim)
            .filter(|n| !n.is_empty() && n.len() <= most)
        else {
            break;
        };
        joined.push(' ');
        joined.push_str(next);
        // A role under the names is the role's line (`By Jane Doe` / `Staff Reporter`),
        // unless it finishes the role the line began; a date alone is the date's line.
        let role = next.split(',').next().is_some_and(is_role);
        // A last name wrapped onto the date's line (`By Jane Doe and John` / `Smith|May
        // 3, 2024`) reads like a place before a date, after a byline whose last name is
        // one word: the byline decides.
        let date_alone =
            date_line(next).is_some() && !(one_word_last && date_after_place(next).is_some());
        if (role && !(role_cut && k == 0)) || date_alone {
            break;
        }
        let Some(read) = byline(&joined) else {
            continue;
        };
        let better = match alone {
            // Names without `By` are read only with what follows them (a role or a date).
            None => by || role_cut || read.date.is_some() || next.contains(','),
            // A co-writer wrapped onto the next line (`By Jane Doe` / `and John Smith |
            // May 9,` / `2024`), or the date or the last name finished there.
            Some(alone) => {
                let co_writer = following[0].is_some_and(|n| {
                    n.trim_start().starts_with("and ") || n.trim_start().starts_with("& ")
                }) && read.authors.len() > alone.authors.len();
                co_writer
                    || (read.authors.len() == alone.authors.len()
                        && ((alone.date.is_none() && read.date.is_some())
                            || last_name_finished(alone, &read)))
            }
        };
        if better && read.date.is_some() {
            return Some((read, k + 1));
        }
        if better && undated.is_none() {
            undated = Some((read, k + 1));
        }
    }
    undated
}

/// Whether `read` finishes a last name that `alone` read as one word (`By Jane Doe and
/// John` / `Smith`): one-word names are rare, a name cut by the column's end is not.
pub fn last_name_finished(alone: &Byline, read: &Byline) -> bool {
    last_name_is_one_word(alone)
        && read
            .authors
            .last()
            .is_some_and(|a| a.split_whitespace().nth(1).is_some())
}

/// Whether a byline's last name is one word (`By Jane Doe and John`): maybe cut short.
fn last_name_is_one_word(byline: &Byline) -> bool {
    byline
        .authors
        .last()
        .is_some_and(|a| a.split_whitespace().count() == 1)
}

/// Whether `line` ends with a role that `next` finishes (`Jane Doe, Technology` /
/// `Correspondent`).
fn role_cut_short(line: &str, next: &str) -> bool {
    let Some((_, head)) = line.rsplit_once(", ") else {
        return false;
    };
    let head = head.trim();
    head.starts_with(char::is_uppercase)
        && head.split_whitespace().count() <= 3
        && next.len() <= 40
        && !is_role(head)
        && is_role(&format!("{head} {}", next.trim()))
}

/// Whether `line` may be names cut short by a narrow column (`Jane Doe and John`): two
/// to six words with a join (`and`, `&`) among them, every other word a particle or
/// capitalised and made of letters (a hyphen or an apostrophe inside), so no figure.
fn names_cut_short(line: &str) -> bool {
    if !(line.contains(" and") || line.contains(" &")) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().any(|w| *w == "and" || *w == "&")
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            w == "and"
                || w == "&"
                || is_surname_particle(w)
                || (w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
        })
}

const BY_PREFIXES: &[&str] = &[
    "words and pictures by ",
    "commentary by ",
    "interview by ",
    "analysis by ",
    "opinion by ",
    "reporting by ",
    "review by ",
    "written by ",
    "report by ",
    "story by ",
    "words by ",
    "text by ",
    "posted by ",
    "words: ",
    "story: ",
    "text: ",
    "by: ",
    "by ",
    "author: ",
    "authors: ",
    "reporter: ",
];

/// The separators a byline sets between its names and a date after them (`By A · 3 May
/// 2024`, `By A — May 3, 2024`, `By A, 3 May 2024`, `By A / 3.5.2024`).
const DATE_SEPARATORS: &[char] = &['|', '·', '•', '/', '—', '–', '-', ',', ':'];

/// `line` split into the text before a date it ends with and that date: the shortest
/// head after which the rest of the line reads as a date (an `Updated` or `Published`
/// before it included), with the separators between them dropped. The whole line and no
/// date when none does.
fn split_trailing_date(line: &str) -> (&str, Option<NaiveDate>) {
    // A date holds a year's four digits: only a text that starts at or before the last
    // such run can be one.
    let Some(last_year) = crate::clean::masthead::last_four_digit_run(line.as_bytes()) else {
        return (line, None);
    };
    let starts = line
        .char_indices()
        .take_while(|&(at, _)| at <= last_year)
        .filter(|&(at, c)| at > 0 && !c.is_whitespace() && line[..at].ends_with(' '))
        .map(|(at, _)| at);
    for at in starts {
        let tail = line[at..].trim();
        let Some(date) = (crate::clean::masthead::has_four_digit_run(tail.as_bytes()))
            .then(|| date_alone(tail))
            .flatten()
        else {
            continue;
        };
        let head = line[..at]
            .trim_end_matches(|c: char| c.is_whitespace() || DATE_SEPARATORS.contains(&c));
        // `Posted by Jane Doe on May 3, 2024`.
        let head = head.strip_suffix(" on").unwrap_or(head).trim_end();
        if head.is_empty() {
            return (line, None);
        }
        return (head, Some(date));
    }
    (line, None)
}

/// The names before a one-word place after their comma (`Jane Doe, Karachi`): a name has
/// two words at least, so one word alone after the names' comma is where the story was
/// filed from (or the agency's name).
fn before_comma_place(names: &str) -> Option<&str> {
    match names.rsplit_once(", ") {
        Some((names, place)) if is_place(place) && !place.contains(' ') => Some(names),
        _ => None,
    }
}

/// A byline's names without the place after them (`Jane Doe in Lahore`): ` in ` and one
/// to three capitalised words end the text.
fn without_place(names: &str) -> &str {
    let Some((head, place)) = names.rsplit_once(" in ") else {
        return names;
    };
    if is_place(place) && !head.trim().is_empty() {
        head.trim_end()
    } else {
        names
    }
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
    // A byline wrapped inside its date in a narrow rail (`By Jane Doe|8` / `May 2024`)
    // names a writer, not a paper.
    parts.len() == 2
        && parts
            .iter()
            .any(|p| crate::clean::layout::is_page_number(p))
        && parts.iter().any(|p| is_short_name(p) && !opens_with_by(p))
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

/// What a page's head or foot line printed besides a page number: the paper's name and
/// the issue date, when it printed them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folio {
    pub name: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A running head or footer in any of its compositions: the paper's name, a section,
/// the issue date and a page number, in any order, separated by `|`, `·`, `•`, dashes
/// or nothing (`Coastal Daily · 12 September 2019 Page 1`, `1 The Plain Dealer-Review`,
/// `— 1 —`, `The Civic Post June 28, 2024`). A page number or a date must be among
/// them, and a bare number beside a name needs a name of two words or more, so a short
/// body line (`20 Years`) is not taken.
pub fn folio(line: &str) -> Option<Folio> {
    let line = line.trim();
    if line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if crate::clean::layout::is_page_number(line) {
        return Some(Folio::default());
    }
    let (rest, numbered, bare) = peel_page_number(line);
    let mut folio = Folio::default();
    let parts: Vec<&str> = rest
        .split(['|', '·', '•'])
        .map(|p| p.trim().trim_matches(['—', '–', '-', ' ']))
        .filter(|p| !p.is_empty())
        .collect();
    for part in &parts {
        if is_role(part) {
            // `Staff Reporter | March 3, 2024` belongs to the byline block.
            return None;
        }
        if let Some(date) = date_line(part) {
            folio.date = folio.date.or(Some(date));
        } else if let Some((name, date)) = running_head(part) {
            folio.name = folio.name.or(Some(name));
            folio.date = folio.date.or(Some(date));
        } else if let Some((date, name)) = date_then_name(part) {
            folio.name = folio.name.or(Some(name));
            folio.date = folio.date.or(Some(date));
        } else if is_short_name(part) {
            folio.name = folio.name.or(Some(part.to_string()));
        } else {
            return None;
        }
    }
    let name_words = folio
        .name
        .as_deref()
        .map_or(0, |n| n.split_whitespace().count());
    // A date alone is the article's own date line, not furniture.
    let enough = (folio.date.is_some() && (folio.name.is_some() || numbered))
        || (numbered && (!bare || name_words >= 2));
    // A byline is none (asked last, of the few lines read as a folio: reading a byline
    // costs more than the parts above).
    let byline_line =
        || byline(line).is_some() || line.starts_with("By ") || line.starts_with("BY ");
    (enough && !byline_line()).then_some(folio)
}

/// `line` without a page number at its start or end (`Page 3`, `Page 3 of 4`, `3`),
/// whether one was there, and whether it was a bare number.
fn peel_page_number(line: &str) -> (&str, bool, bool) {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let number = |w: &str| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let page_word = |w: &str| ["page", "p.", "pg.", "pp."].contains(&w.to_lowercase().as_str());
    let n = words.len();
    // At the end: `Page 3 of 4`, `Page 3`, `3`.
    if n >= 4
        && page_word(words[n - 4].1)
        && number(words[n - 3].1)
        && words[n - 2].1 == "of"
        && number(words[n - 1].1)
    {
        return (&line[..words[n - 4].0], true, false);
    }
    if n >= 2 && page_word(words[n - 2].1) && number(words[n - 1].1) {
        return (&line[..words[n - 2].0], true, false);
    }
    if n >= 2 && number(words[n - 1].1) {
        return (&line[..words[n - 1].0], true, true);
    }
    // At the start: `Page 3`, `3`.
    if n >= 3 && page_word(words[0].1) && number(words[1].1) {
        return (&line[words[2].0..], true, false);
    }
    if n >= 2 && number(words[0].1) {
        return (&line[words[1].0..], true, true);
    }
    (line, false, false)
}

/// `Thursday, August 27, 2020 The Civic Post`: an issue date, then the paper's name.
fn date_then_name(part: &str) -> Option<(NaiveDate, String)> {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=5).rev().find_map(|take| {
        if take >= words.len() {
            return None;
        }
        let date = date_line(&words[..take].join(" "))?;
        let name = words[take..].join(" ");
        is_short_name(&name).then_some((date, name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<Vec<String>> {
        byline(line).map(|b| b.authors)
    }

    /// Dates as news pages set them: the time first, published and updated side by side,
    /// `Last modified on`.
    #[test]
    fn a_date_after_its_time_or_beside_its_update_is_read() {
        let march_12 = NaiveDate::from_ymd_opt(2025, 3, 12);
        for line in [
            "Published: 08:15 GMT, 12 March 2025 | Updated: 10:02 GMT, 12 March 2025",
            "Published 12 March 2025 · Updated 13 March 2025",
            "12 March 2025 · Updated 2 hours ago",
            "Last modified on Wed 12 Mar 2025 10.02 GMT",
            "4.02pm, 12 March 2025",
            "08:15 UTC+1 12 March 2025",
            "March 12, 2025 · 5 min read",
            "12 March 2025 | 3 mins read",
        ] {
            assert_eq!(date_line(line), march_12, "{line}");
        }
        for line in [
            "12 March 2025 | Lisbon City Council",
            "08:15 and then 12 March 2025",
            "10.5 per cent, 12 March 2025",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    /// A web page's clock after the date or the byline (`Updated 2 hours ago`) says no
    /// date and is taken off; alone on its line it is furniture.
    #[test]
    fn a_time_ago_after_a_date_or_a_byline_is_taken_off() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (line, date) in [
            (
                "March 18, 2025 4:02 PM GMT+1 Updated 2 hours ago",
                day(2025, 3, 18),
            ),
            ("18 March 2025 · a day ago", day(2025, 3, 18)),
            ("Lisbon, 9 June 2024 - an hour ago", day(2024, 6, 9)),
            ("18 March 2025 and 2 hours ago", None),
            ("Updated 2 hours ago", None),
        ] {
            assert_eq!(date_line(line), date, "{line}");
        }
        let henrik = Some(vec!["Henrik Sørensen".to_string()]);
        assert_eq!(names("By Henrik Sørensen, 2 hours ago"), henrik);
        assert_eq!(names("By Henrik Sørensen · Updated 5 mins ago"), henrik);
        let words = |line: &str| time_ago_words(&line.split_whitespace().collect::<Vec<_>>());
        assert_eq!(words("Last updated: 5 mins ago"), 5);
        assert_eq!(words("He left 2 hours ago"), 3);
        assert_eq!(words("2 apples ago"), 0);
        assert!(crate::clean::structure::page_chrome::is_page_chrome(
            "Updated 2 hours ago"
        ));
        assert!(!crate::clean::structure::page_chrome::is_page_chrome(
            "He left 2 hours ago"
        ));
    }

    #[test]
    fn a_byline_may_set_its_date_after_any_separator() {
        let may_3 = NaiveDate::from_ymd_opt(2024, 5, 3);
        for line in [
            "By Jane Doe · 3 May 2024",
            "By Jane Doe / 3 May 2024",
            "By Jane Doe, 3 May 2024",
            "By Jane Doe — May 3, 2024",
            "By Jane Doe - May 3, 2024",
            "By Jane Doe Updated May 3, 2024",
            "By Jane Doe, Staff Reporter, May 3, 2024",
            "Jane Doe | May 3, 2024",
        ] {
            let read = byline(line).unwrap_or_else(|| panic!("{line:?}"));
            assert_eq!(read.authors, ["Jane Doe"], "{line:?}");
            assert_eq!(read.date, may_3, "{line:?}");
        }
        // A place (one word) before the date is where the story was filed from.
        let june_9 = NaiveDate::from_ymd_opt(2024, 6, 9);
        for line in [
            "Lisbon, 9 June 2024",
            "LISBON | June 9, 2024",
            "Lisbon|9 June 2024",
        ] {
            assert_eq!(date_line(line), june_9, "{line:?}");
            assert_eq!(byline(line), None, "{line:?}");
        }
        assert_eq!(date_line("Jane Doe, 9 June 2024"), None);
        // A date is no name, and prose with a year in it is no byline.
        assert_eq!(byline("By 3 May 2024"), None);
        assert_eq!(byline("By 2030 the city will need more water"), None);
    }

    #[test]
    fn a_byline_may_end_with_a_full_stop_put_its_date_first_or_wrap_after_a_join() {
        let may_3 = NaiveDate::from_ymd_opt(2024, 5, 3);
        assert_eq!(names("By Jane Doe."), Some(vec!["Jane Doe".into()]));
        assert_eq!(byline("By then, the hall had closed."), None);
        let read = byline("May 3, 2024 | By Jane Doe").expect("date first");
        assert_eq!((read.authors, read.date), (vec!["Jane Doe".into()], may_3));
        assert_eq!(byline("Markets | By Jane Doe"), None);
        assert_eq!(names("Story: Jane Doe"), Some(vec!["Jane Doe".into()]));
        // A role and a place after the names, in either order.
        for line in [
            "By Jane Doe, Staff Reporter, Karachi",
            "By Jane Doe, Karachi, Staff Reporter",
        ] {
            assert_eq!(names(line), Some(vec!["Jane Doe".into()]), "{line:?}");
        }
        // Wrapped after `and`: neither line alone is the byline.
        assert_eq!(byline("By Jane Doe and"), None);
        let both = byline_over_two_lines("By Jane Doe and", Some("John Smith"));
        assert_eq!(
            both.map(|b| b.authors),
            Some(vec!["Jane Doe".into(), "John Smith".into()])
        );
        assert_eq!(
            byline_over_two_lines("By Jane Doe", Some("John Smith")),
            None
        );
        for bare in ["By", "BY", "Written by:", "By:"] {
            assert_eq!(
                byline_over_two_lines(bare, Some("Jane Doe")).map(|b| b.authors),
                Some(vec!["Jane Doe".into()]),
                "{bare:?}"
            );
        }
        assert_eq!(byline_over_two_lines("By", Some("the river bank")), None);
        assert_eq!(
            byline_over_two_lines("By the river and", Some("the old mill")),
            None
        );
    }

    /// A byline a narrow rail wrapped: inside its date, its last name or its role, or
    /// names without `By` before a co-writer's. What reads whole alone, or takes a role
    /// or a date line of its own under it, is no wrapped byline.
    #[test]
    fn a_byline_wrapped_by_a_narrow_column_is_read_over_its_lines() {
        let read = |line: &str, next: &str, after: Option<&str>| {
            let wrapped = byline_over_lines(line, [Some(next), after]).filter(|w| w.1 > 0);
            wrapped.map(|(b, taken)| {
                (
                    b.authors,
                    b.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    taken,
                )
            })
        };
        let jane = |date: Option<&str>, taken| {
            Some((vec!["Jane Doe".into()], date.map(Into::into), taken))
        };
        assert_eq!(
            read("By Jane Doe|May", "9, 2020", None),
            jane(Some("2020-05-09"), 1)
        );
        assert_eq!(
            read("By Jane Doe|8", "November 2022", None),
            jane(Some("2022-11-08"), 1)
        );
        assert_eq!(
            read("By Jane Doe |", "Thursday, September 12,", Some("2019")),
            jane(Some("2019-09-12"), 2)
        );
        assert_eq!(
            read("By Jane", "Doe|Tuesday 3 June", Some("2025")),
            jane(Some("2025-06-03"), 2)
        );
        assert_eq!(
            read(
                "By Zofia Nowak and Piotr",
                "Kowalski",
                Some("The council met")
            ),
            Some((vec!["Zofia Nowak".into(), "Piotr Kowalski".into()], None, 1))
        );
        // The last name on the date's line, which reads like a place before a date.
        assert_eq!(
            read("By Zofia Nowak and Piotr", "Kowalski|21 August 2025", None),
            Some((
                vec!["Zofia Nowak".into(), "Piotr Kowalski".into()],
                Some("2025-08-21".into()),
                1
            ))
        );
        assert_eq!(
            read("By Jane Doe", "and John Smith | 12 Sep", Some("2023")),
            Some((
                vec!["Jane Doe".into(), "John Smith".into()],
                Some("2023-09-12".into()),
                2
            ))
        );
        assert_eq!(
            read("Jane Doe and John", "Smith, Staff Reporter", None),
            Some((vec!["Jane Doe".into(), "John Smith".into()], None, 1))
        );
        assert_eq!(
            read("Jane Doe, Technology", "Correspondent", None).map(|r| r.0),
            Some(vec!["Jane Doe".into()])
        );
        // Whole alone, or over a line of its own.
        assert_eq!(read("By Jane Doe", "Staff Reporter", None), None);
        assert_eq!(read("By Jane Doe", "12 March 2024", None), None);
        assert_eq!(read("By Jane Doe @janedoe", "12 March 2024", None), None);
        assert_eq!(
            read("By Jane Doe", "The council voted on Tuesday.", None),
            None
        );
        // Prose is no names cut short.
        assert_eq!(
            read("Traders and the council", "said, in the end, no", None),
            None
        );
        assert_eq!(
            read("By the time the", "council met, it was late.", None),
            None
        );
    }

    #[test]
    fn a_paragraph_may_open_with_its_dateline() {
        assert!(opens_with_dateline(
            "KARACHI: The council voted on Tuesday."
        ));
        assert!(opens_with_dateline(
            "NEW YORK (Reuters) — Shares rose on Monday."
        ));
        assert!(!opens_with_dateline("Karachi: a city of twenty million"));
        assert!(!opens_with_dateline("The council said: no more delays."));
        assert!(!opens_with_dateline("KARACHI:"));
    }

    #[test]
    fn names_alone_may_name_a_place_and_a_papers_name_is_no_name_over_a_desk() {
        assert_eq!(names_alone_placed("Jane Doe in Leeds"), Some("Jane Doe"));
        assert_eq!(names_alone_placed("Jane Doe, Leeds"), Some("Jane Doe"));
        assert_eq!(
            names_alone_placed("Jane Doe & John Smith"),
            Some("Jane Doe & John Smith")
        );
        assert_eq!(names_alone_placed("Jane Doe · Leeds"), Some("Jane Doe"));
        assert_eq!(names_alone_placed("JANE DOE / NEW YORK"), Some("JANE DOE"));
        assert_eq!(names_alone_placed("Market Hall · Leeds"), None);
        assert!(is_name_before_date("Jane Doe, Leeds", Some("May 3, 2024")));
        assert!(!is_name_before_date("Jane Doe, Leeds", Some("Traders")));
        // With the date on the line, after a bar or a comma; a role, then the place.
        for line in [
            "Jane Doe, Leeds | May 3, 2024",
            "Jane Doe in Leeds | 3 May 2024",
            "Jane Doe, Leeds, May 3, 2024",
            "Jane Doe · Leeds · 3 May 2024",
        ] {
            assert_eq!(names(line), Some(vec!["Jane Doe".to_string()]), "{line}");
            assert!(byline(line).unwrap().date.is_some(), "{line}");
        }
        assert_eq!(
            names("Jane Doe, Staff Reporter, Leeds"),
            Some(vec!["Jane Doe".to_string()])
        );
        assert_eq!(names_alone_placed("Market Hall in Leeds"), None);
        assert_eq!(names_alone_placed("Jane Doe, Leeds and York"), None);
        assert!(!is_name_before_role("The Harbour Times", Some("CITY")));
        assert!(is_name_before_role("Jane Doe", Some("Staff Reporter")));
        assert!(is_contact_line("jane.doe@harbourtimes.com"));
        assert!(is_contact_line("Follow @janedoe"));
        assert!(!is_contact_line("Jane Doe"));
    }

    #[test]
    fn a_byline_may_open_with_written_by_and_close_with_a_place_or_a_barred_role() {
        assert_eq!(names("Written by Jane Doe"), Some(vec!["Jane Doe".into()]));
        assert_eq!(
            names("Reporting by Jane Doe"),
            Some(vec!["Jane Doe".into()])
        );
        assert_eq!(
            names("By Jane Doe in Lahore"),
            Some(vec!["Jane Doe".into()])
        );
        assert_eq!(
            names("By Jane Doe in Karachi and John Smith in Lahore"),
            Some(vec!["Jane Doe".into(), "John Smith".into()])
        );
        assert_eq!(
            names("Jane Doe | Staff Reporter"),
            Some(vec!["Jane Doe".into()])
        );
        // A bar before anything else is no byline.
        assert_eq!(names("Jane Doe | Opinion and comment"), None);
        assert_eq!(names("Markets | Asia"), None);
    }

    #[test]
    fn bylines_with_a_place_a_reading_time_or_capitals() {
        let jane = Some(vec!["Jane Doe".to_string()]);
        assert_eq!(names("JANE DOE | KARACHI"), jane);
        // A place or a role between the names and the date.
        for line in [
            "By Jane Doe | Santiago | March 4, 2025",
            "Jane Doe | Santiago | March 4, 2025",
            "Jane Doe|Staff Reporter|March 4, 2025",
        ] {
            let b = byline(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(b.authors, vec!["Jane Doe"], "{line}");
            assert!(b.date.is_some(), "{line}");
        }
        assert_eq!(
            names("Jane Doe | Opinion and comment | March 4, 2025"),
            None
        );
        assert_eq!(names("By Jane Doe, Karachi"), jane);
        assert_eq!(names("Text: Jane Doe"), jane);
        assert_eq!(names("Words: Jane Doe"), jane);
        let b = byline("Story by Jane Doe • May 3, 2024 • 4 min read").expect("a byline");
        assert_eq!(b.authors, vec!["Jane Doe"]);
        assert!(b.date.is_some());
        assert_eq!(
            names("BY AGNIESZKA NOWAK AND JOHN SMITH"),
            Some(vec![
                "Agnieszka Nowak".to_string(),
                "John Smith".to_string()
            ])
        );
        // Two names after the comma are two writers, not a place.
        assert_eq!(
            names("By Jane Doe, John Smith"),
            Some(vec!["Jane Doe".to_string(), "John Smith".to_string()])
        );
        // A bar before a word that is no place, or after no name, is no byline.
        assert_eq!(names("Markets | Asia"), None);
        assert_eq!(names("Read more | Opinion"), None);
        assert!(are_names_alone("Jane Doe and John Smith"));
        assert!(is_name_before_date(
            "JANE DOE & JOHN SMITH",
            Some("3 May 2024")
        ));
        assert!(!are_names_alone("Markets and Money"));
        assert!(!are_names_alone("Jane Doe and the River"));
    }

    #[test]
    fn web_bylines_with_an_employer_a_handle_or_a_posting() {
        assert!(is_role_line("Business reporter, BBC News"));
        assert!(is_role_line("Correspondent in Paris"));
        assert!(is_role_line("Staff Reporter"));
        assert!(!is_role_line("Business, the minister said"));
        assert!(!is_role_line("Reporters said the talks had failed"));
        assert!(is_name_before_role(
            "Jane Doe",
            Some("Business reporter, BBC News")
        ));
        let jane = Some(vec!["Jane Doe".to_string()]);
        assert_eq!(names("By Jane Doe (@janedoe)"), jane);
        assert_eq!(names("Jane Doe, Correspondent in Paris"), jane);
        let posted = byline("Posted by Jane Doe on May 3, 2024").expect("a byline");
        assert_eq!(posted.authors, vec!["Jane Doe"]);
        assert!(posted.date.is_some());
    }

    /// The agency or paper a byline credits after its writers is no writer, and does not
    /// stop the line being read (`By Jane Doe, Reuters` read no writer at all).
    #[test]
    fn a_byline_credits_its_agency_or_paper_after_the_writers() {
        let jane = Some(vec!["Jane Doe".to_string()]);
        for line in [
            "By Jane Doe, Reuters",
            "By Jane Doe, Associated Press",
            "By Jane Doe | AFP",
            "Jane Doe, Reuters",
            "By Jane Doe, BBC News",
            "By Jane Doe, The Northern Echo",
            "By Jane Doe, Valley Record",
            "By Jane Doe with AFP",
            "By Jane Doe and agencies",
            "By Jane Doe, Rome correspondent, Reuters",
        ] {
            assert_eq!(names(line), jane, "{line}");
        }
        assert_eq!(
            names("By Jane Doe and John Roe, Reuters"),
            Some(vec!["Jane Doe".to_string(), "John Roe".to_string()])
        );
        // After `and`, only a listed agency is taken for one: a second writer stays.
        assert_eq!(
            names("By Jane Doe and Ann Times"),
            Some(vec!["Jane Doe".to_string(), "Ann Times".to_string()])
        );
        // A role before the outlet is no writer (`Business reporter, BBC News`).
        assert_eq!(names("Business reporter, BBC News"), None);
        assert!(is_news_outlet("Agence France-Presse"));
        assert!(!is_news_outlet("Jane Doe"));
        assert!(!is_news_outlet("The"));
    }

    #[test]
    fn every_by_prefix_is_read_past_the_quick_look() {
        for prefix in BY_PREFIXES {
            for case in [prefix.to_string(), prefix.to_uppercase()] {
                let line = format!("{case}Jane Doe");
                assert_eq!(after_by_prefix(&line), Some("Jane Doe"), "{line:?}");
            }
        }
        assert_eq!(after_by_prefix("The council said on Monday"), None);
    }

    #[test]
    fn a_byline_block_carries_a_handle_or_a_place() {
        assert!(is_byline_filler("@janedoe", None));
        assert!(is_byline_filler("Follow @jane_doe", None));
        assert!(is_byline_filler("jane.doe@paper.com", None));
        assert!(is_byline_filler("KARACHI", Some("May 3, 2024")));
        assert!(is_byline_filler("NEW YORK", Some("3 May 2024")));
        // A place in capitals over prose, a capitalised word, or a sentence is none.
        assert!(!is_byline_filler(
            "KARACHI",
            Some("The court said on Monday.")
        ));
        assert!(!is_byline_filler("Karachi", Some("May 3, 2024")));
        assert!(!is_byline_filler("Write to @janedoe today.", None));
        assert!(!is_byline_filler("@", None));
        // A date's label over the date (`Published on` / `12 March 2024`), not over prose.
        assert!(is_byline_filler("Published on", Some("12 March 2024")));
        assert!(is_byline_filler("Updated:", Some("March 12, 2024")));
        assert!(is_byline_filler("LAST UPDATED", Some("12 March 2024")));
        assert!(!is_byline_filler(
            "Published on",
            Some("the council's website.")
        ));
        assert!(!is_byline_filler("On", Some("12 March 2024")));
        assert!(!is_byline_filler("Published in", Some("12 March 2024")));
    }

    #[test]
    fn a_dateline_alone_on_its_line() {
        for line in [
            "ISLAMABAD:",
            "NEW YORK (Reuters) —",
            "SÃO PAULO:",
            "ST. JOHN'S –",
        ] {
            assert!(is_dateline_alone(line), "{line}");
        }
        for line in [
            "Islamabad:",
            "UN:",
            "He said:",
            "NOTE",
            "THE FIVE BIGGEST RISKS FOR THE ECONOMY:",
        ] {
            assert!(!is_dateline_alone(line), "{line}");
        }
    }

    #[test]
    fn a_name_alone_over_a_role_is_a_byline() {
        assert!(is_name_before_role("Jane Doe", Some("Asia Correspondent")));
        assert!(is_name_before_role(
            "Ana Díaz-Ortega",
            Some("Staff Reporter")
        ));
        assert!(!is_name_before_role(
            "Jane Doe",
            Some("The talks ended on Friday.")
        ));
        assert!(!is_name_before_role("Jane Doe", None));
        // A first name that lost its first letter (Żaneta), not a word of prose.
        assert!(is_name_before_role(
            "aneta Wr blewska",
            Some("Political Editor")
        ));
        assert!(!is_name_before_role(
            "the Wr blewska",
            Some("Political Editor")
        ));
        assert!(is_name_before_date("JANE DOE", Some("MAY 3, 2024")));
        assert!(is_name_before_date(
            "Jane Doe",
            Some("Fri 3 May 2024 10.32 BST")
        ));
        assert!(!is_name_before_date(
            "Markets Rally Again",
            Some("May 3, 2024")
        ));
        assert!(!is_name_before_date("Jane Doe", Some("The talks ended.")));
        assert_eq!(
            name_then_job("Jane Doe Environment correspondent"),
            Some("Jane Doe")
        );
        assert_eq!(
            name_then_job("Mary Ann Okonkwo Asia reporter"),
            Some("Mary Ann Okonkwo")
        );
        assert_eq!(
            name_then_job("Tom Hale chief political correspondent"),
            Some("Tom Hale")
        );
        // Headlines, and a job set in capitals, which a title-case headline ends with.
        assert_eq!(name_then_job("Paper Names New Sports Editor"), None);
        assert_eq!(name_then_job("Jane Doe Staff Reporter"), None);
        assert_eq!(name_then_job("Harbour board names a new editor"), None);
        assert_eq!(name_then_job("Harbour Board picks new editor"), None);
        assert!(!is_name_before_role(
            "Staff Reporter",
            Some("Staff Reporter")
        ));
        assert!(!is_name_before_role(
            "The talks ended",
            Some("Staff Reporter")
        ));
    }

    #[test]
    fn a_byline_in_capitals_is_read_in_the_case_names_are_written_in() {
        assert_eq!(names("BY JANE DOE"), Some(vec!["Jane Doe".into()]));
        assert_eq!(
            names("By JEAN-PIERRE O'NEILL and ANA DÍAZ"),
            Some(vec!["Jean-Pierre O'Neill".into(), "Ana Díaz".into()])
        );
        assert_eq!(name_case("Jane Doe".into()), "Jane Doe");
        assert_eq!(name_case("NASA".into()), "Nasa");
        // A surname's particles inside the name stay in lower case; `Mc` capitalises
        // the letter after it.
        assert_eq!(
            names("BY ANA DE LA CRUZ AND PIETER VAN DER BERG"),
            Some(vec!["Ana de la Cruz".into(), "Pieter van der Berg".into()])
        );
        assert_eq!(name_case("FIONA MCKENZIE".into()), "Fiona McKenzie");
        assert_eq!(name_case("DE SOUZA".into()), "De Souza");
        assert_eq!(name_case("MC".into()), "Mc");
    }

    /// A name with a surname's particles, a generation after it or accents spelt as
    /// combining marks is a name alone over its role, and a byline.
    #[test]
    fn names_with_particles_generations_and_combining_accents() {
        for name in [
            "Pieter van der Berg",
            "Abdul Rahman bin Hassan",
            "Oluwaseun Ad\u{e9}b\u{e1}y\u{1ecd}\u{300}",
        ] {
            assert!(is_name_before_role(name, Some("Staff Reporter")), "{name}");
        }
        // A name that lost letters to spaces, over its role; not a name and a word.
        assert!(is_name_before_role("Zeynep Ayd n", Some("Staff Reporter")));
        assert!(is_name_before_role("Andr s G lvez", Some("Staff Reporter")));
        assert!(!is_name_before_role("Jane Doe and", Some("Staff Reporter")));
        assert!(!is_name_before_role(
            "Jane stood up",
            Some("Staff Reporter")
        ));
        // A particle is no name's last word.
        assert!(!is_name_before_role(
            "Pieter Jan van",
            Some("Staff Reporter")
        ));
        assert_eq!(
            names("By Robert Smith Jr. | 12 March 2024"),
            Some(vec!["Robert Smith Jr.".into()])
        );
        assert_eq!(
            names("By Robert Smith Jr."),
            Some(vec!["Robert Smith Jr.".into()])
        );
        assert_eq!(names("By then it was over."), None);
    }

    #[test]
    fn a_byline_of_names_that_lost_their_first_letters_is_read() {
        assert_eq!(names("By mer ahin"), Some(vec!["mer ahin".to_string()]));
        // The second name broken too, past a short tail (`B ckstr m` of Bäckström).
        assert_eq!(
            names("By mit B ckstr m | 3 May 2024"),
            Some(vec!["mit B ckstr m".to_string()])
        );
        assert_eq!(
            names("By etin Mi kovi"),
            Some(vec!["etin Mi kovi".to_string()])
        );
        // A lower-case word the dictionary knows is no piece of a name.
        assert_eq!(names("By car Park rules"), None);
        // Lower-case words that are all words, or a joining word, are no names.
        assert_eq!(names("By the way"), None);
        assert_eq!(names("By car and bus"), None);
        // Before a role, too, when the first piece is no ordinary word.
        assert_eq!(
            names("mer ahin, Staff Reporter"),
            Some(vec!["mer ahin".to_string()])
        );
        assert_eq!(names("the harbour, Staff Reporter"), None);
        // Without `By`, a role after the names; the last name broken into pieces.
        assert_eq!(
            names("Emre Y ldır m, Technology Correspondent"),
            Some(vec!["Emre Y ldır m".to_string()])
        );
        assert_eq!(
            names("Đỗ Văn H ng, Staff Reporter"),
            Some(vec!["Đỗ Văn H ng".to_string()])
        );
        // Lower-case words the dictionary knows after the names are no pieces.
        assert_eq!(names("Emre said that, Staff Reporter"), None);
        // A piece that spells a joining word by chance, beside a piece no dictionary
        // knows: `a atay` of Çağatay, `or ammit` of Ġorġ Żammit, `or evi` of Đorđević.
        assert_eq!(
            names("By a atay Özt rk | July 8, 2019"),
            Some(vec!["a atay Özt rk".to_string()])
        );
        assert_eq!(
            names("By a atay zt rk|Monday, July 8, 2019"),
            Some(vec!["a atay zt rk".to_string()])
        );
        assert_eq!(
            names("By a r S nmezoğlu & Begoña Ibáñez"),
            Some(vec![
                "a r S nmezoğlu".to_string(),
                "Begoña Ibáñez".to_string()
            ])
        );
        assert_eq!(names("By a a Smith"), None);
        assert_eq!(
            names("By or ammit & S lr n Joensen | 7 March 2025"),
            Some(vec!["or ammit".to_string(), "S lr n Joensen".to_string()])
        );
        assert_eq!(
            names("Ma gorzata W jcik & Milo or evi , Staff Reporters"),
            Some(vec![
                "Ma gorzata W jcik".to_string(),
                "Milo or evi".to_string()
            ])
        );
        // Beside words the dictionary knows, a joining word is prose.
        assert_eq!(names("By a car park | July 8, 2019"), None);
        assert_eq!(names("By or else"), None);
        assert_eq!(names("Milo or else, Staff Reporter"), None);
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
        assert_eq!(
            names("By ỗ Văn H ng and Sarah Whitfield"),
            Some(vec!["ỗ Văn H ng".into(), "Sarah Whitfield".into()])
        );
        assert_eq!(
            names("Aino Mäkelä, Education Reporter"),
            Some(vec!["Aino Mäkelä".into()])
        );
        assert_eq!(names("By doing Smith a favour"), None);
        // pypdf splits a Vietnamese name's letters off: seven pieces, four words.
        assert_eq!(
            names("By Nguy ễ n Th ị  Thu Hà"),
            Some(vec!["Nguy ễ n Th ị  Thu Hà".into()])
        );
        assert_eq!(names("Aino Mäkelä, education reporter"), None);
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
        assert!(date_line("PUBLISHED: 16 Nov 2025").is_some());
        // A prefix's length may end inside a letter outside ASCII: no reading, no panic.
        assert!(date_line("Updaté 16 Nov 2025").is_none());
        assert!(date_line("ǅǅǅǅǅǅǅǅ 16 Nov 2025").is_none());
        assert!(is_footer("The Morning Ledger | Page 2"));
        assert!(is_footer("3 | Daily Meridian"));
        assert!(!is_footer("He paid 3 | 4 of them"));
        // A rail's byline wrapped inside its date (`By Jane Doe|8` / `May 2024`).
        assert!(!is_footer("By Élodie Marchand|8"));
        assert!(is_footer("Bystander Weekly | 8"));
        let (name, _) = running_head("The Morning Ledger Sunday, November 16, 2025").unwrap();
        assert_eq!(name, "The Morning Ledger");
        assert!(running_head("The talks ended on November 16, 2025").is_none());
        assert!(is_role("Staff Reporter"));
        assert!(is_role("Reviewer"));
        assert!(is_role("Chief Photographer"));
        let folio_name = |l: &str| folio(l).map(|f| f.name);
        assert_eq!(
            folio_name("Coastal Daily · 12 September 2019 Page 1"),
            Some(Some("Coastal Daily".into()))
        );
        assert_eq!(
            folio_name("1 The Plain Dealer-Review"),
            Some(Some("The Plain Dealer-Review".into()))
        );
        assert_eq!(
            folio_name("Thursday, August 27, 2020 The Civic Post"),
            Some(Some("The Civic Post".into()))
        );
        assert_eq!(folio_name("— 1 —"), Some(None));
        assert_eq!(folio_name("Page 2 of 3"), Some(None));
        assert!(folio("The Morning Ledger | Page 2").is_some());
        // Body lines are not folios.
        assert_eq!(folio("20 Years"), None);
        assert_eq!(folio("25 July 2019"), None);
        assert_eq!(folio("Staff Reporter | March 3, 2024"), None);
        assert_eq!(folio("He paid 3"), None);
        assert_eq!(folio("The talks ended on November 16, 2025"), None);
        assert_eq!(folio("In 2019 the festival was cancelled"), None);
        assert!(!is_role("Reporter of the year was here"));
    }

    #[test]
    fn names_alone_may_have_lost_letters() {
        // Without `By`, over a date or a role, a name that lost letters is still names.
        assert!(are_names_alone("Zeynep Ayd n"));
        assert!(are_names_alone("Siobh n O'Neill"));
        assert!(are_names_alone("Ana Mar a de la Cruz"));
        assert!(are_names_alone("Tomasz Wrona and Zofia D browska"));
        assert!(are_names_alone("J rgen Wei m ller and Katrin hlschl ger"));
        assert_eq!(
            names_alone_placed("Siobh n O'Neill in Lisbon"),
            Some("Siobh n O'Neill")
        );
        assert!(is_name_before_date("Mehmet Y lmaz", Some("March 12, 2024")));
        // A first name broken into a dictionary word and a piece (`Ma gorzata` of
        // Małgorzata, listed), not a word before a word (`Ma said`).
        assert!(is_name_before_date(
            "Ma gorzata W jcik",
            Some("Published 5 March 2023")
        ));
        assert!(!are_names_alone("Ma Kettle"));
        // A short word of prose that with the word before spells a listed name is its
        // piece (`in` of `Súilleabh in`, Súilleabháin); prose's `in` is not (`Lives in`).
        assert!(are_names_alone("Jane Súilleabh in"));
        assert!(is_name_before_date(
            "Se n Súilleabh in and Concei o Ara jo",
            Some("Published Mar. 7, 2025")
        ));
        assert!(!are_names_alone("Bridge Lives in"));
        // The pieces before it back to the capitalised word spell the name with it when
        // the word before is a piece too (`S illeabh in`, a letter lost at either end of
        // `illeabh`), and the card's name line over the role is read.
        assert!(are_names_alone("Se n S illeabh in"));
        assert!(is_name_before_role(
            "Se n S illeabh in",
            Some("Legal Affairs Correspondent")
        ));
        assert!(!are_names_alone("Se n S illeabh in the"));
        assert_eq!(
            names_alone_placed("Pieter van der Berg and S ren Kj r in Lisbon"),
            Some("Pieter van der Berg and S ren Kj r")
        );
        // Prose's `a` is no piece of a name, nor is a name with a job after it.
        assert!(!are_names_alone("Porto’s Trams Are Not a Museum"));
        assert!(!are_names_alone("Siobh n O'Neill Staff Reporter"));
        assert!(!are_names_alone("Ana Mar a de la"));
    }

    #[test]
    fn a_writers_card_whose_name_is_pieces_only_is_read_over_role_and_date() {
        let card = |name: &str, role: &str, date: &str| {
            is_pieces_name_over_role_and_date(name, Some(role), Some(date))
        };
        let date = "Published 30 Nov 2022";
        assert!(card("rd s g stsd ttir", "Senior Correspondent", date));
        assert!(card("ubica ur ekov", "Contributing Writer", date));
        assert!(card("ubica ur ekov", "Contributing Writer", "@lubica_d"));
        // Not without the role and the date, nor prose's words, nor capitals.
        assert!(!card("ubica ur ekov", "Senior Correspondent", "Follow"));
        assert!(!card("ubica ur ekov", "The talks ended.", date));
        assert!(!card("and then more", "Senior Correspondent", date));
        assert!(!card("staff writer", "Senior Correspondent", date));
        assert!(!card("s g", "Senior Correspondent", date));
        assert!(!card("Jane Doe", "Senior Correspondent", date));
    }

    #[test]
    fn a_byline_name_may_open_with_pieces_of_letters() {
        let authors = |line: &str| byline(line).map(|b| b.authors);
        // With `By` and the date, pieces only (`rd s g stsdóttir` for Þórdís
        // Ágústsdóttir), or pieces before the surname; without the date, no pieces only.
        assert_eq!(
            authors("By rd s g stsdóttir | 30 November 2022"),
            Some(vec!["rd s g stsdóttir".to_string()])
        );
        assert_eq!(
            authors("By rd s Ágústsdóttir"),
            Some(vec!["rd s Ágústsdóttir".to_string()])
        );
        assert_eq!(authors("By rd s g stsdóttir"), None);
        // Without `By`, such a name before a role, beside another writer's or alone.
        assert_eq!(
            authors("Nguyễn Th Thu H ng, ng V n L i & Ph m H ng Nhung, Staff Reporters"),
            Some(vec![
                "Nguyễn Th Thu H ng".to_string(),
                "ng V n L i".to_string(),
                "Ph m H ng Nhung".to_string()
            ])
        );
        assert_eq!(
            authors("ng V n L i, Staff Reporter"),
            Some(vec!["ng V n L i".to_string()])
        );
        // Prose stays prose.
        assert_eq!(authors("By the way Mr Smith"), None);
        assert_eq!(authors("By then it was over"), None);
    }

    #[test]
    fn a_name_without_by_may_have_lost_its_first_letter() {
        let authors = |line: &str| byline(line).map(|b| b.authors);
        // Before a role: `li H s nov` for Əli Həsənov, `elena Bor` for Ħelena Borġ.
        assert_eq!(
            authors("li H s nov, Staff Reporter"),
            Some(vec!["li H s nov".to_string()])
        );
        assert_eq!(
            authors("elena Bor, Staff Reporter"),
            Some(vec!["elena Bor".to_string()])
        );
        // An ordinary word opens no such name, unless a piece no dictionary knows
        // stands beside it (`or ammit` of Ġorġ Żammit).
        assert_eq!(authors("the Smith, Staff Reporter"), None);
        assert_eq!(authors("or else, Staff Reporter"), None);
        assert_eq!(
            authors("or ammit, Staff Reporter"),
            Some(vec!["or ammit".to_string()])
        );
        assert_eq!(
            authors("ukasz wi tek and pela Kr i nik, Staff Reporters"),
            Some(vec![
                "ukasz wi tek".to_string(),
                "pela Kr i nik".to_string()
            ])
        );
        assert_eq!(
            authors("T nu Kõiv & lkay Gündo an, Staff Reporters"),
            Some(vec!["T nu Kõiv".to_string(), "lkay Gündo an".to_string()])
        );
        // Over the date line.
        let date = Some("May 3, 2024");
        assert!(is_name_before_date("li H s nov", date));
        assert_eq!(
            lost_initial_name_over_date("elena Bor", date),
            Some("elena Bor")
        );
        assert_eq!(lost_initial_name_over_date("elena Bor", Some("Bor")), None);
        assert_eq!(lost_initial_name_over_date("the harbour Was", date), None);
        assert_eq!(lost_initial_name_over_date("elena bor", date), None);
        // Among several names over the date.
        assert!(is_name_before_date(
            "pela Kr išnik and Søren Kjærgaard",
            Some("Published Thursday, January 26, 2023")
        ));
        assert!(!is_name_before_date("pela Kr išnik and the", date));
    }

    #[test]
    fn the_last_bar_is_found_by_its_bytes_as_by_its_characters() {
        for line in [
            "Jane Doe | May 3, 2024 · 5 min read",
            "Jane Doe • 5 min read",
            "â ķ ¢ · x",
            "Kō · ķâ",
            "no bar at all: Łódź, Göteborg",
            "|",
            "·",
            "",
        ] {
            assert_eq!(last_bar(line), line.rfind(['•', '|', '·']), "{line:?}");
        }
    }

    #[test]
    fn a_desk_or_a_bureau_is_a_role() {
        assert!(is_role("Education Desk"));
        assert!(is_role("Brussels Bureau"));
        assert_eq!(
            byline("Jane Doe, Education Desk").map(|b| b.authors),
            Some(vec!["Jane Doe".to_string()])
        );
    }

    #[test]
    fn several_names_alone_over_a_role_are_a_byline() {
        assert!(is_name_before_role(
            "Tomasz Wrona and Aisha Bello",
            Some("Political Correspondent")
        ));
        assert!(is_name_before_role(
            "Kwame Mensah, Ingrid Solberg and Rafael Pinto",
            Some("Staff Reporters")
        ));
        assert!(!is_name_before_role(
            "Markets and Money",
            Some("Political Correspondent")
        ));
    }

    #[test]
    fn a_role_after_a_dash_and_minutes_after_lost_separators_are_no_names() {
        let authors = |line: &str| byline(line).map(|b| b.authors);
        assert_eq!(
            authors("Helen Marsh – Staff Reporter"),
            Some(vec!["Helen Marsh".to_string()])
        );
        assert_eq!(
            authors("By Helen Marsh — Reuters"),
            Some(vec!["Helen Marsh".to_string()])
        );
        assert_eq!(
            authors("Tomasz Wrona and Aisha Bello — Staff Reporters"),
            Some(vec!["Tomasz Wrona".to_string(), "Aisha Bello".to_string()])
        );
        assert_eq!(
            authors("By Siobh n O'Neill   4 min read"),
            Some(vec!["Siobh n O'Neill".to_string()])
        );
        assert_eq!(authors("The harbour reopens – Staff Reporter"), None);
    }

    #[test]
    fn a_name_in_capitals_keeps_the_pieces_a_lost_letter_left() {
        // In lower case, as a broken name is read, where the word before and the piece
        // spell a listed name (or one in English use) with a letter between them.
        assert_eq!(
            name_case("ANA MAR A DE LA CRUZ".into()),
            "Ana Mar a de la Cruz"
        );
        assert_eq!(name_case("ZOFIA D BROWSKA".into()), "Zofia D browska");
        assert_eq!(name_case("SIOBH N O'NEILL".into()), "Siobh n O'Neill");
        // An initial is an initial; a whole name stays capitalised.
        assert_eq!(name_case("JOHN F KENNEDY".into()), "John F Kennedy");
        assert_eq!(name_case("HELEN MARSH".into()), "Helen Marsh");
        // Capitals print Turkish `ı` as `I`, and English papers print the name with `i`:
        // with nothing else to go by, the name stays as the capitals spell it.
        assert_eq!(name_case("MEHMET YILMAZ".into()), "Mehmet Yilmaz");
    }
}
