//! Bylines whose names lost their letters outside ASCII, judged name by name.
//!
//! `tests/byline_names/names.txt` holds names written here, one a line, from many
//! languages. Each is set in the byline of a short article three ways and cleaned:
//! intact (it must come out exactly as it went in: a name is never changed), damaged as
//! copy is (every letter outside ASCII lost to a space), and damaged with each run of
//! spaces folded into one (as `pdftotext` and a browser's `innerText` print it). A
//! damaged copy comes out mended, left as it was, or changed into some other name; the
//! last is the worst outcome and is held to a ceiling, the first to a floor.
//!
//! The article around the byline says nothing of the name's language, so this measures
//! what the lists of names alone can do; the real-copy suite (`tests/realcopy.rs`)
//! measures names with their articles' evidence.

use copydesk::clean::{clean_text, words::WordContext};
use std::path::Path;

/// Mended damaged copies (of the two damaged forms of every name with a letter outside
/// ASCII) must not fall below this.
const LEAST_MENDED: usize = 96;
/// Damaged copies changed into a name other than the one meant: at most this many.
const MOST_MISNAMED: usize = 8;
/// Damaged bylines not read as bylines at all (no author found): at most this many.
const MOST_UNREAD: usize = 4;

fn authors_of(byline: &str, context: &WordContext) -> Vec<String> {
    let raw = format!(
        "Harbour dredging resumes after a long winter\n\nBy {byline} | 3 May 2024\n\n\
         The port authority said on Friday that dredging of the main channel would resume \
         next week after a pause of four months.\n\n\
         Officials expect the work to take until the autumn.\n"
    );
    clean_text(raw.as_bytes(), Path::new("byline.txt"), context)
        .expect("a plain article cleans")
        .article
        .front
        .authors
}

/// `name` with Romanian's legacy cedilla letters (`Ş`, `Ţ`) written as the comma-below
/// letters the language's spelling uses (`Ș`, `Ț`): one letter in two code points. A
/// copy that lost it cannot tell which the source printed, and the lists write the comma.
fn romanian_commas(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'Ş' => 'Ș',
            'ş' => 'ș',
            'Ţ' => 'Ț',
            'ţ' => 'ț',
            c => c,
        })
        .collect()
}

fn folded(text: &str) -> String {
    text.split(' ')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn byline_names_are_mended_from_the_lists_and_never_changed() {
    let context = WordContext::default();
    let names: Vec<&str> = include_str!("byline_names/names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert!(names.len() >= 80);
    let (mut mended, mut partly, mut misnamed, mut unread) = (0, 0, Vec::new(), Vec::new());
    let mut changed = Vec::new();
    for name in &names {
        let got = authors_of(name, &context);
        if got != vec![name.to_string()] {
            changed.push(format!("{name} -> {got:?}"));
        }
        if name.is_ascii() {
            continue;
        }
        let lost: String = name
            .chars()
            .map(|c| if c.is_ascii() { c } else { ' ' })
            .collect();
        for copy in [lost.clone(), folded(&lost)] {
            let got: Vec<String> = authors_of(&copy, &context)
                .iter()
                .map(|author| romanian_commas(author))
                .collect();
            let name = romanian_commas(name);
            // A word of the output that is neither the name's own word nor a piece of
            // the copy is a name the copy was mistaken for.
            let invented = got.iter().flat_map(|author| author.split(' ')).any(|word| {
                !name.split(' ').any(|w| w == word) && !copy.split(' ').any(|p| p == word)
            });
            if got == vec![name.clone()] {
                mended += 1;
            } else if got.is_empty() {
                unread.push(format!("{name}: {copy:?}"));
            } else if invented {
                misnamed.push(format!("{name}: {copy:?} -> {got:?}"));
            } else {
                partly += 1;
            }
        }
    }
    println!(
        "byline names: {mended} mended, {partly} partly or left as they were, {} misnamed, \
         {} bylines not read",
        misnamed.len(),
        unread.len()
    );
    for line in &misnamed {
        println!("  misnamed {line}");
    }
    for line in &unread {
        println!("  not read {line}");
    }
    assert!(changed.is_empty(), "intact names changed: {changed:#?}");
    assert!(mended >= LEAST_MENDED, "{mended} mended");
    assert!(misnamed.len() <= MOST_MISNAMED, "{misnamed:#?}");
    assert!(unread.len() <= MOST_UNREAD, "{unread:#?}");
}
