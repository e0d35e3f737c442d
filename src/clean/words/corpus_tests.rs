//! A corpus test of the word passes: prose written for this test is damaged on purpose,
//! one defect at a time (glued words, keyboard slips, lost letters), with the right answer
//! known; the passes must repair nearly all of it and change nothing that was right.

use super::*;

/// Clean prose written for this test: news copy with names, acronyms and diacritics.
const PROSE: &[&str] = &[
    "The delegation arrived in the capital on Monday evening and went straight into a \
     meeting with the foreign minister, who had cancelled a trip to attend.",
    "Officials from both countries said the talks were difficult but useful, and that a \
     written agreement could follow within weeks if the ceasefire held.",
    "Akhundzada has not spoken in public since the summer, although his deputies, among \
     them Baradar and Yaqoob, travelled to Kandahar and Rawalpindi for talks.",
    "President Erdoğan offered to host another round, and the mayor of Kraków, Anna \
     García, said the city would welcome the negotiators.",
    "Analysts warned that the economy was fragile, that prices for bread and fuel had \
     risen sharply, and that farmers were struggling to sell their harvest.",
    "The TTP denied the report, while the FO said the evidence was strong and that the \
     government would present it to parliament next month.",
    "Teachers in several provinces went on strike to demand better salaries, safer \
     schools and textbooks that arrive before the start of the school year.",
    "Hugo Chávez once called the region a forgotten frontier; the phrase is still quoted \
     by reporters who cover the border, and by the children who play Pokémon there.",
    "The committee will publish its findings in the spring, after hearing from witnesses, \
     experts and the families of those who were injured during the protests.",
    "Turkiye and Qatar have both hosted talks, and Azaz Syed told TNS that the muhajireen \
     question remained the hardest issue on the table.",
];

/// A small deterministic random number generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// One injected defect: the damaged paragraph and the class of damage.
struct Injected {
    damaged: String,
    class: &'static str,
}

/// Words of a paragraph as (start, end) byte ranges of plain ASCII-letter runs that
/// stand alone between spaces (no punctuation attached).
fn plain_words(paragraph: &str) -> Vec<(usize, usize)> {
    token::tokenize(paragraph)
        .into_iter()
        .filter(|t| t.core == t.text && t.core.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|t| (t.start, t.end()))
        .collect()
}

/// Removes the space between two lower-case words (or a lower-case word and a capitalised
/// one): `of the` → `ofthe`, `in Kandahar` → `inKandahar`.
fn inject_glue(paragraph: &str, random: &mut Random) -> Option<Injected> {
    let words = plain_words(paragraph);
    let pairs: Vec<usize> = (0..words.len().saturating_sub(1))
        .filter(|&i| {
            let (a, b) = (words[i], words[i + 1]);
            let left = &paragraph[a.0..a.1];
            b.0 == a.1 + 1 && left.bytes().all(|c| c.is_ascii_lowercase())
        })
        .collect();
    let i = pairs[random.below(pairs.len())];
    let space = words[i].1;
    let damaged = format!("{}{}", &paragraph[..space], &paragraph[space + 1..]);
    Some(Injected {
        damaged,
        class: "glue",
    })
}

/// Makes one keyboard slip in a lower-case word of five letters or more.
fn inject_typo(paragraph: &str, random: &mut Random) -> Option<Injected> {
    let candidates: Vec<(usize, usize)> = plain_words(paragraph)
        .into_iter()
        .filter(|&(s, e)| e - s >= 5 && paragraph[s..e].bytes().all(|c| c.is_ascii_lowercase()))
        .collect();
    let (start, end) = candidates[random.below(candidates.len())];
    let mut word = paragraph.as_bytes()[start..end].to_vec();
    let at = 1 + random.below(word.len() - 2);
    match random.below(4) {
        0 => word.insert(at, word[at]), // a doubled key
        1 => word.swap(at, at + 1),     // two letters swapped
        2 => {
            word.remove(at); // a letter missed
        }
        _ => word[at] = neighbour_key(word[at], random), // a neighbouring key
    }
    let slipped = String::from_utf8(word).ok()?;
    // A slip that makes another word is not detectable damage.
    if Lexicon::embedded().contains(&slipped) {
        return None;
    }
    Some(Injected {
        damaged: format!("{}{slipped}{}", &paragraph[..start], &paragraph[end..]),
        class: "typo",
    })
}

fn neighbour_key(key: u8, random: &mut Random) -> u8 {
    const ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    for row in ROWS {
        if let Some(i) = row.iter().position(|&k| k == key) {
            return if i + 1 < row.len() && (i == 0 || random.below(2) == 0) {
                row[i + 1]
            } else {
                row[i - 1]
            };
        }
    }
    key
}

/// Turns the one non-ASCII letter inside a word into a space: `Erdoğan` → `Erdo an`.
fn inject_lost_letter(paragraph: &str, random: &mut Random) -> Option<Injected> {
    let spots: Vec<(usize, char)> = paragraph
        .char_indices()
        .filter(|&(i, c)| {
            let inside = |s: &str| s.chars().next().is_some_and(char::is_alphabetic);
            !c.is_ascii()
                && c.is_alphabetic()
                && inside(&paragraph[i + c.len_utf8()..])
                && paragraph[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
        })
        .collect();
    if spots.is_empty() {
        return None;
    }
    let (at, letter) = spots[random.below(spots.len())];
    Some(Injected {
        damaged: format!(
            "{} {}",
            &paragraph[..at],
            &paragraph[at + letter.len_utf8()..]
        ),
        class: "lost_letter",
    })
}

#[test]
fn clean_prose_is_left_exactly_as_it_is() {
    for paragraph in PROSE {
        let result = repair(paragraph);
        assert_eq!(result.text, *paragraph, "{:#?}", result.edits);
        assert!(result.findings.is_empty(), "{:#?}", result.findings);
    }
}

#[test]
fn injected_defects_are_repaired_and_nothing_else_changes() {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let mut tally: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut false_changes = Vec::new();
    let mut trials = 0;
    while trials < 600 {
        let paragraph = PROSE[random.below(PROSE.len())];
        let injected = match random.below(3) {
            0 => inject_glue(paragraph, &mut random),
            1 => inject_typo(paragraph, &mut random),
            _ => inject_lost_letter(paragraph, &mut random),
        };
        let Some(injected) = injected else { continue };
        trials += 1;
        let result = repair(&injected.damaged).text;
        let counts = tally.entry(injected.class).or_default();
        counts.1 += 1;
        if result == paragraph {
            counts.0 += 1;
        } else if result == injected.damaged {
            if std::env::var_os("SHOW_MISSES").is_some() {
                println!("missed {}: {}", injected.class, injected.damaged);
            }
        } else {
            false_changes.push((injected.damaged, result));
        }
    }
    for (class, (repaired, total)) in &tally {
        println!("{class}: {repaired}/{total} repaired");
    }
    assert!(
        false_changes.is_empty(),
        "changed what was right: {false_changes:#?}"
    );
    let (repaired, total) = tally.values().fold((0, 0), |(r, t), (repaired, total)| {
        (r + repaired, t + total)
    });
    assert!(
        repaired * 100 >= total * 90,
        "only {repaired}/{total} repaired"
    );
}

fn repair(paragraph: &str) -> WordRepairs {
    repair_paragraph(paragraph, &WordContext::default())
}
