//! What a news site prints around every page, copied when an editor selects the whole
//! page (Ctrl+A) rather than the story: the site's menu (`Home News World Business`, on
//! one line, run together where the menu's links touch — `HomeNewsWorld` — or one to a
//! line), its top bar (`Sign in Subscribe`, `Menu Search`), a cookie notice with its
//! buttons (`We use cookies to…`, `AcceptReject`), and at the foot its links (`Privacy
//! policy`, `Terms of use`, `Careers`) and its copyright line (`© 2023 The Civic Post.
//! All rights reserved`).
//!
//! Told from a small lexicon of the words sites build these from and the lines' shape
//! (labels, no sentence), never from one site's layout: [`is_menu_line`] for a line of
//! labels, [`is_cookie_notice`] and [`is_copyright_line`] for the rest.
//! [`page_chrome`](super::page_chrome) tells what a site sets inside the story.

/// The words of a site's menus, top bar, cookie buttons and foot links, in lower case,
/// sorted.
const MENU_WORDS: &[&str] = &[
    "about",
    "accept",
    "accessibility",
    "account",
    "advertise",
    "all",
    "archive",
    "arts",
    "books",
    "business",
    "careers",
    "climate",
    "contact",
    "cookie",
    "cookies",
    "culture",
    "economy",
    "education",
    "entertainment",
    "environment",
    "food",
    "health",
    "help",
    "home",
    "international",
    "latest",
    "lifestyle",
    "local",
    "log",
    "manage",
    "markets",
    "menu",
    "money",
    "national",
    "news",
    "newsletters",
    "obituaries",
    "opinion",
    "podcasts",
    "policy",
    "politics",
    "preferences",
    "privacy",
    "register",
    "reject",
    "rss",
    "science",
    "search",
    "settings",
    "sign",
    "sitemap",
    "sport",
    "sports",
    "subscribe",
    "subscriptions",
    "tech",
    "technology",
    "terms",
    "travel",
    "us",
    "video",
    "weather",
    "world",
];

/// Words that only join a menu's labels (`Sign in`, `Terms of use`, `Subscribe for €1`).
const JOINING_WORDS: &[&str] = &["&", "and", "for", "in", "of", "out", "up", "use", "|", "·"];

/// Words that say a line of labels is the site's bar or buttons, not a section's name:
/// a line of two labels with one of these is the bar (`Sign in Subscribe`); a line of
/// section names alone needs three (`World News` may be a kicker).
const BAR_WORDS: &[&str] = &[
    "accept",
    "log",
    "manage",
    "menu",
    "register",
    "reject",
    "search",
    "sign",
    "subscribe",
];

/// The words of `line`, a run of words split where a lower-case letter touches a capital
/// (`HomeNewsWorld`: the menu's links set without a space between them).
fn label_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in line.split_whitespace() {
        let mut word = String::new();
        let mut last_lower = false;
        for c in token.chars() {
            if c.is_uppercase() && last_lower {
                words.push(std::mem::take(&mut word));
            }
            last_lower = c.is_lowercase();
            word.extend(c.to_lowercase());
        }
        words.push(word);
    }
    words
}

/// Whether `line` is a site's menu, top bar or row of buttons or foot links: capitalised
/// labels from [`MENU_WORDS`] with no sentence, three section names or more, or two
/// labels of which one is the bar's (`Sign in Subscribe`, `AcceptReject`). A price in a
/// label (`Subscribe for €1`) is allowed.
pub fn is_menu_line(line: &str) -> bool {
    menu_shape(line).line
}

/// Whether `line` is one label of a menu set one to a line (`Home`, `Privacy policy`,
/// `Sign in`): one to three words of the menus' lexicon.
pub fn is_menu_item(line: &str) -> bool {
    menu_shape(line).item
}

/// What a line is to a site's menu: a whole menu ([`is_menu_line`]), one label of a menu
/// set one to a line ([`is_menu_item`]), both (`Home News World`) or neither. Both are
/// read from one split of the line into labels, for the frame asks both of every line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MenuShape {
    pub line: bool,
    pub item: bool,
}

/// [`MenuShape`] of `line`.
pub fn menu_shape(line: &str) -> MenuShape {
    let line = line.trim();
    if !opens_with_menu_word(line) || line.ends_with(['.', '!', '?', ':']) {
        return MenuShape::default();
    }
    let words = label_words(line);
    let (mut labels, mut prices) = (0, 0);
    let mut bar = false;
    for word in &words {
        if MENU_WORDS.binary_search(&word.as_str()).is_ok() {
            labels += 1;
            bar |= BAR_WORDS.contains(&word.as_str());
        } else if JOINING_WORDS.contains(&word.as_str()) {
        } else if is_price(word) {
            prices += 1;
        } else {
            return MenuShape::default();
        }
    }
    MenuShape {
        line: labels >= 3 || (labels == 2 && bar),
        item: (1..=3).contains(&words.len()) && labels >= 1 && prices == 0,
    }
}

/// Whether `line` opens with a capitalised word of [`MENU_WORDS`] (up to a space or a
/// capital that touches it, `HomeNews`): every menu line and item does. Asked of every
/// line, so without allocating: most lines fail at their first word.
fn opens_with_menu_word(line: &str) -> bool {
    let bytes = line.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // The word ends where `label_words` ends it: at a space or other mark, or at a capital
    // after a lower-case letter (`RSS`, `HomeNews`).
    let mut len = 1;
    while let Some(&b) = bytes.get(len) {
        let capital_after_lower = b.is_ascii_uppercase() && bytes[len - 1].is_ascii_lowercase();
        if !b.is_ascii_alphabetic() || capital_after_lower {
            break;
        }
        len += 1;
    }
    let mut word = [0u8; 16];
    if len > word.len()
        || bytes
            .get(len)
            .is_some_and(|b| b.is_ascii_digit() || *b >= 0x80)
    {
        return false;
    }
    for (to, from) in word.iter_mut().zip(&bytes[..len]) {
        *to = from.to_ascii_lowercase();
    }
    let word = std::str::from_utf8(&word[..len]).expect("ASCII letters");
    MENU_WORDS.binary_search(&word).is_ok()
}

/// `€1`, `$4.99`, `£2`: a price in a subscription's button.
fn is_price(word: &str) -> bool {
    let digits = word.trim_start_matches(['€', '$', '£']);
    digits.len() < word.len()
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// The most words a cookie notice has.
const MOST_COOKIE_WORDS: usize = 45;

/// Whether `line` is a site's cookie notice: a sentence or two on cookies and the site's
/// use of them or the reader's consent (`We use cookies to improve your experience…`,
/// `This site uses cookies. Read our cookie policy.`), not prose about baking.
pub fn is_cookie_notice(line: &str) -> bool {
    // Asked of the lines near the page's top and foot: most fail here, unlowered.
    if !(line.contains("ookie") || line.contains("OOKIE")) {
        return false;
    }
    let lower = line.to_lowercase();
    if !lower.contains("cookie") || line.split_whitespace().count() > MOST_COOKIE_WORDS {
        return false;
    }
    [
        "use cookies",
        "uses cookies",
        "cookie policy",
        "cookie settings",
        "our use of cookies",
        "accept cookies",
        "consent",
        "our partners",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

/// The words of a cookie notice's buttons, in lower case.
const COOKIE_BUTTON_WORDS: &[&str] = &[
    "accept",
    "agree",
    "all",
    "allow",
    "close",
    "continue",
    "dismiss",
    "got",
    "i",
    "it",
    "manage",
    "no",
    "ok",
    "okay",
    "preferences",
    "reject",
    "settings",
    "thanks",
    "understand",
    "yes",
];

/// Whether `line`, under a cookie notice, is its buttons (`OK`, `Got it`, `I agree`,
/// `AcceptReject`): a few words, all of the buttons' lexicon.
pub fn is_cookie_button(line: &str) -> bool {
    let words = label_words(line.trim().trim_end_matches(['!', '.']));
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| COOKIE_BUTTON_WORDS.contains(&w.as_str()))
}

/// Whether `line` is a site's copyright line: `©` or `Copyright`, a year, and little
/// else (`© 2023 The Civic Post. All rights reserved`).
pub fn is_copyright_line(line: &str) -> bool {
    let line = line.trim();
    let marked = line.starts_with('©')
        || line
            .get(..9)
            .is_some_and(|opening| opening.eq_ignore_ascii_case("copyright"));
    if !marked {
        return false;
    }
    let year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")));
    year && line.split_whitespace().count() <= 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_words_are_sorted() {
        assert!(MENU_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_sites_menu_and_bar_are_lines_of_labels() {
        for line in [
            "Home News World Business Sport Culture Opinion",
            "HomeNewsWorldBusinessSportCultureOpinion",
            "Sign in Subscribe",
            "Subscribe for €1 Sign in",
            "Menu Search",
            "AcceptReject",
            "Accept allManage preferences",
            "Privacy policy Terms of use Cookie settings",
        ] {
            assert!(is_menu_line(line), "{line}");
        }
        // A kicker of one or two section names, a headline, a sentence.
        for line in [
            "Sport",
            "World News",
            "Climate Science",
            "News of the world",
            "Search for the missing climbers goes on",
            "Home sales fall.",
        ] {
            assert!(!is_menu_line(line), "{line}");
        }
    }

    #[test]
    fn a_menu_set_one_label_to_a_line() {
        for line in ["Home", "Privacy policy", "Sign in", "Terms of use", "RSS"] {
            assert!(is_menu_item(line), "{line}");
        }
        for line in ["Home truths", "The news", "home"] {
            assert!(!is_menu_item(line), "{line}");
        }
    }

    #[test]
    fn cookie_notices_and_copyright_lines() {
        assert!(is_cookie_notice(
            "We use cookies to improve your experience on our site. By continuing you agree to our use of cookies."
        ));
        assert!(is_cookie_notice(
            "This site uses cookies. Read our cookie policy."
        ));
        assert!(!is_cookie_notice(
            "The bakery sells cookies and bread to the village every morning."
        ));
        assert!(is_copyright_line(
            "© Copyright 2023 The Civic Post. All rights reserved"
        ));
        assert!(is_copyright_line("Copyright © 2021 Daily Meridian."));
        for line in [
            "OK",
            "Got it!",
            "I agree",
            "AcceptReject",
            "Accept allManage preferences",
        ] {
            assert!(is_cookie_button(line), "{line}");
        }
        for line in ["Sport", "OK Computer turns 30", "Agreed terms"] {
            assert!(!is_cookie_button(line), "{line}");
        }
        assert!(!is_copyright_line("Copyright lawyers met in 2021 to discuss the new rules of the game for streaming services and what it means for them all."));
    }
}
