//! Bylines in the forms papers, sites and viewers print them, each with many names,
//! read field by field.
//!
//! The masthead suite (`tests/masthead_shapes.rs`) names one case a shape; this one sets
//! every byline form below with every writer (or writers) in `WRITERS`, the story set as
//! a web page's copy gives it (blank lines between paragraphs) and as a printed column
//! (wrapped, no blank lines), intact and with the writers' letters outside ASCII lost to
//! spaces, as some viewers and extractors print them. A form that is read for plain names
//! but not for one with a particle, a hyphen, three writers or lost letters shows up
//! here as a row with misses.
//!
//! Each case must come out with the headline, the standfirst, the writers and the date
//! exactly, and the story opening and closing with its own paragraphs. A case read with
//! a name none of its writers is is *misread*, the worst outcome; one whose writers keep
//! the copy's damage or case is *left as printed*; one read with no writer is *unread*.
//! None may be misread or unread; the cases left as printed are named at their ceiling.

mod masthead_support;

use copydesk::clean::{clean_text, words::WordContext};
use masthead_support::wrapped;
use std::path::Path;

const TITLE: &str = "Ferry operators warn of winter cuts as fuel costs climb";
const STANDFIRST: &str = "Three island routes could lose their sailings from November, \
                          the operators' association says.";
const STORY: &[&str] = &[
    "The association said on Monday that its members had absorbed a rise of almost a \
     third in fuel prices since the spring, and could not do so a second time.",
    "“We have run the numbers every way we can,” the association's chair said. \
     “Without help, the smallest routes close in November.”",
    "Islanders have started a petition asking the regional government to underwrite the \
     winter timetable for at least two years.",
    "The transport ministry said it was studying the request.",
];
const DATE: &str = "2024-03-12";
const DATE_PRINTED: &str = "March 12, 2024";

/// The writers, one case each: plain names, a particle, a hyphen, an apostrophe, a
/// one-syllable family name, two and three writers, letters outside ASCII.
const WRITERS: &[&[&str]] = &[
    &["Helen Marsh"],
    &["Tomasz Wrona", "Aisha Bello"],
    &["Jean-Luc Moreau"],
    &["Siobhán O'Neill"],
    &["Li Wei"],
    &["Ana María de la Cruz"],
    &["Kwame Mensah", "Ingrid Solberg", "Rafael Pinto"],
    &["Mehmet Yılmaz"],
    &["Zofia Dąbrowska"],
    &["Pieter van der Berg", "Søren Kjær"],
];

/// A byline form: its name and its lines, from the writers joined as a byline joins
/// them (`A, B and C`) and the printed date.
type Form = (&'static str, fn(&str, &str) -> Vec<String>);

const FORMS: &[Form] = &[
    ("By A / date", |n, d| vec![format!("By {n}"), d.into()]),
    ("BY A / date", |n, d| {
        vec![format!("BY {}", n.to_uppercase()), d.into()]
    }),
    ("By / A / date", |n, d| {
        vec!["By".into(), n.into(), d.into()]
    }),
    ("By / A / role / date", |n, d| {
        vec!["By".into(), n.into(), "Staff Writer".into(), d.into()]
    }),
    ("A, role / date", |n, d| {
        vec![format!("{n}, Staff Reporter"), d.into()]
    }),
    ("By A / role / date", |n, d| {
        vec![format!("By {n}"), "Staff Reporter".into(), d.into()]
    }),
    ("By A / Published date", |n, d| {
        vec![format!("By {n}"), format!("Published {d}")]
    }),
    ("By A | date", |n, d| vec![format!("By {n} | {d}")]),
    ("By A|date", |n, d| vec![format!("By {n}|{d}")]),
    ("By A / | / date", |n, d| {
        vec![format!("By {n}"), "|".into(), d.into()]
    }),
    ("date / By A", |n, d| vec![d.into(), format!("By {n}")]),
    ("A | role / date", |n, d| {
        vec![format!("{n} | Staff Writer"), d.into()]
    }),
    ("By A, role / date", |n, d| {
        vec![format!("By {n}, Staff Writer"), d.into()]
    }),
    ("By A in place / date", |n, d| {
        vec![format!("By {n} in Lisbon"), d.into()]
    }),
    ("A in place / date", |n, d| {
        vec![format!("{n} in Lisbon"), d.into()]
    }),
    ("Words by A / date", |n, d| {
        vec![format!("Words by {n}"), d.into()]
    }),
    ("Story by A / date", |n, d| {
        vec![format!("Story by {n}"), d.into()]
    }),
    ("Written by A / date", |n, d| {
        vec![format!("Written by {n}"), d.into()]
    }),
    ("By A · reading time / date", |n, d| {
        vec![format!("By {n} · 4 min read"), d.into()]
    }),
    ("By A — date", |n, d| vec![format!("By {n} — {d}")]),
    ("A – role / date", |n, d| {
        vec![format!("{n} – Staff Reporter"), d.into()]
    }),
    ("A — role / date", |n, d| {
        vec![format!("{n} — Staff Reporter"), d.into()]
    }),
    ("By A | agency / date", |n, d| {
        vec![format!("By {n} | Reuters"), d.into()]
    }),
    ("By A, agency / date", |n, d| {
        vec![format!("By {n}, Associated Press"), d.into()]
    }),
    ("date | By A", |n, d| vec![format!("{d} | By {n}")]),
    ("A / Published: date", |n, d| {
        vec![n.into(), format!("Published: {d}")]
    }),
    ("A / Updated date, time", |n, d| {
        vec![n.into(), format!("Updated {d}, 10:15 GMT")]
    }),
    ("By A / date at time", |n, d| {
        vec![format!("By {n}"), format!("{d} at 10:15 a.m. EDT")]
    }),
    ("Author: A / date", |n, d| {
        vec![format!("Author: {n}"), d.into()]
    }),
    ("A / date", |n, d| vec![n.into(), d.into()]),
    ("By A / handle / date", |n, d| {
        vec![format!("By {n}"), "@newsdesk".into(), d.into()]
    }),
    ("A / role / date", |n, d| {
        vec![n.into(), "Political Correspondent".into(), d.into()]
    }),
    ("Posted by A on date", |n, d| {
        vec![format!("Posted by {n} on {d}")]
    }),
    ("By A, role, place / date", |n, d| {
        vec![format!("By {n}, Staff Reporter, Lisbon"), d.into()]
    }),
    ("By A / role / place / date", |n, d| {
        vec![
            format!("By {n}"),
            "Staff Reporter".into(),
            "Lisbon".into(),
            d.into(),
        ]
    }),
    ("A / role, outlet / date", |n, d| {
        vec![
            n.into(),
            "Political Correspondent, The Daily News".into(),
            d.into(),
        ]
    }),
    ("By A / Published / Updated", |n, d| {
        vec![
            format!("By {n}"),
            format!("Published {d}"),
            "Updated 13 March 2024".into(),
        ]
    }),
    ("BY A | date", |n, d| {
        vec![format!("BY {} | {d}", n.to_uppercase())]
    }),
    ("By A • date", |n, d| vec![format!("By {n} • {d}")]),
    ("A / date / reading", |n, d| {
        vec![n.into(), d.into(), "5 min read".into()]
    }),
    ("Reporting by A / date", |n, d| {
        vec![format!("Reporting by {n}"), d.into()]
    }),
    ("A / role / handle / date", |n, d| {
        vec![
            n.into(),
            "Staff Writer".into(),
            "@newsdesk".into(),
            d.into(),
        ]
    }),
    ("By A / guardian clock", |n, _d| {
        vec![format!("By {n}"), "Tue 12 Mar 2024 10.15 GMT".into()]
    }),
    ("date / A", |n, d| vec![d.into(), n.into()]),
    ("A | date | reading", |n, d| {
        vec![format!("{n} | {d} | 4 min read")]
    }),
    ("By A on date", |n, d| vec![format!("By {n} on {d}")]),
    ("By A, date", |n, d| vec![format!("By {n}, {d}")]),
    ("A, date", |n, d| vec![format!("{n}, {d}")]),
    ("By A / in place / date", |n, d| {
        vec![format!("By {n}"), "in Lisbon".into(), d.into()]
    }),
    ("By: A / date", |n, d| vec![format!("By: {n}"), d.into()]),
    ("A / Correspondent / Published: date", |n, d| {
        vec![n.into(), "Correspondent".into(), format!("Published: {d}")]
    }),
    ("by A / date lower", |n, d| {
        vec![format!("by {n}"), d.into()]
    }),
    ("By A / date / Share", |n, d| {
        vec![format!("By {n}"), d.into(), "Share".into()]
    }),
    ("Opinion by A / date", |n, d| {
        vec![format!("Opinion by {n}"), d.into()]
    }),
    ("Analysis by A / date", |n, d| {
        vec![format!("Analysis by {n}"), d.into()]
    }),
    ("Interview by A / date", |n, d| {
        vec![format!("Interview by {n}"), d.into()]
    }),
    ("Text: A / date", |n, d| {
        vec![format!("Text: {n}"), d.into()]
    }),
    ("By A / Special to the paper / date", |n, d| {
        vec![
            format!("By {n}"),
            "Special to The Daily News".into(),
            d.into(),
        ]
    }),
];

/// How a case's copy is set.
#[derive(Clone, Copy, Debug)]
enum Setting {
    /// Blank lines between the headline, standfirst, byline block and paragraphs.
    Web,
    /// No blank lines; the story wrapped to a column of 44 letters.
    Page,
}

/// The writers joined as a byline joins them: `A`, `A and B`, `A, B and C`.
fn joined(writers: &[&str]) -> String {
    match writers {
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Every letter outside ASCII lost to a space, as some viewers print a name.
fn lost(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii() || !c.is_alphabetic() {
                c
            } else {
                ' '
            }
        })
        .collect()
}

fn copy_of(byline: &[String], setting: Setting) -> String {
    match setting {
        Setting::Web => format!(
            "{TITLE}\n\n{STANDFIRST}\n\n{}\n\n{}\n",
            byline.join("\n"),
            STORY.join("\n\n")
        ),
        Setting::Page => {
            let story: Vec<String> = STORY.iter().map(|p| wrapped(p, 44)).collect();
            format!(
                "{TITLE}\n{STANDFIRST}\n{}\n{}\n",
                byline.join("\n"),
                story.join("\n")
            )
        }
    }
}

/// Whether the writers read hold a word that is neither a word of the writers' own names
/// nor a piece of the printed byline: a name the copy was mistaken for.
fn invents_a_name(read: &[String], writers: &[&str], byline: &[String]) -> bool {
    read.iter().flat_map(|a| a.split(' ')).any(|word| {
        let same = |p: &str| p.to_lowercase() == word.to_lowercase();
        !writers.iter().any(|w| w.split(' ').any(same))
            && !byline.iter().any(|l| l.split(' ').any(same))
    })
}

#[derive(Default)]
struct Tally {
    read: usize,
    cases: usize,
    misread: Vec<String>,
    left: Vec<String>,
    unread: Vec<String>,
    other: Vec<String>,
}

#[test]
fn byline_forms_are_read_for_every_writer() {
    let context = WordContext::default();
    let mut rows = Vec::new();
    let mut all = Tally::default();
    for (form, lines_of) in FORMS {
        let mut row = Tally::default();
        for writers in WRITERS {
            let names = joined(writers);
            for setting in [Setting::Web, Setting::Page] {
                for damaged in [false, true] {
                    if damaged && names.is_ascii() {
                        continue;
                    }
                    let byline: Vec<String> = lines_of(&names, DATE_PRINTED)
                        .into_iter()
                        .map(|l| if damaged { lost(&l) } else { l })
                        .collect();
                    let raw = copy_of(&byline, setting);
                    let what = format!("{form} {setting:?} {:?}", byline.join(" / "));
                    let out = clean_text(raw.as_bytes(), Path::new("byline.txt"), &context)
                        .expect("a plain article cleans");
                    let front = &out.article.front;
                    let body = out.article.body.trim();
                    let authors_right = front.authors == *writers;
                    let rest_right = front.title == TITLE
                        && front.subtitle.as_deref() == Some(STANDFIRST)
                        && front.date.map(|d| d.to_string()).as_deref() == Some(DATE)
                        && body.starts_with("The association said on Monday")
                        && body.ends_with("studying the request.");
                    row.cases += 1;
                    if authors_right && rest_right {
                        row.read += 1;
                    } else if front.authors.is_empty() {
                        row.unread.push(what);
                    } else if !authors_right && invents_a_name(&front.authors, writers, &byline) {
                        row.misread.push(format!("{what} -> {:?}", front.authors));
                    } else if !authors_right {
                        row.left.push(format!("{what} -> {:?}", front.authors));
                    } else {
                        row.other.push(format!(
                            "{what}: title {:?}, subtitle {:?}, date {:?}, body {:?}…",
                            front.title,
                            front.subtitle,
                            front.date,
                            body.chars().take(60).collect::<String>()
                        ));
                    }
                }
            }
        }
        rows.push(format!("{:>3} / {:>3}  {form}", row.read, row.cases));
        all.read += row.read;
        all.cases += row.cases;
        all.misread.extend(row.misread);
        all.left.extend(row.left);
        all.unread.extend(row.unread);
        all.other.extend(row.other);
    }
    println!("byline forms: {} of {} read exactly", all.read, all.cases);
    for row in &rows {
        println!("  {row}");
    }
    for line in &all.misread {
        println!("  misread {line}");
    }
    for line in &all.left {
        println!("  left as printed {line}");
    }
    for line in &all.unread {
        println!("  not read {line}");
    }
    for line in &all.other {
        println!("  other field wrong {line}");
    }
    assert!(all.cases >= 1700, "{} cases", all.cases);
    assert!(all.other.is_empty(), "{:#?}", all.other);
    assert!(all.unread.is_empty(), "{:#?}", all.unread);
    // No case may be read as a name none of its writers is.
    assert!(all.misread.is_empty(), "{:#?}", all.misread);
    assert!(all.left.len() <= MOST_LEFT, "{:#?}", all.left);
}

/// Cases whose writers keep the copy's damage or case: `BY MEHMET YILMAZ` (intact and
/// damaged, web and page, in the two forms in capitals). In capitals Turkish `ı` is `I`,
/// and English papers print the name `Yilmaz`: with nothing else in the article to go by, the name stays as the
/// capitals spell it (a bio that prints `Yılmaz` settles it, see `structure`'s unit
/// tests). A name two languages spell alike (`In s`: Inês or Inés) is
/// `tests/byline_names.rs`'s to count.
const MOST_LEFT: usize = 8;

/// Sign-offs: the writers printed after the story, not under the headline.
const SIGN_OFFS: &[Form] = &[
    ("— A", |n, _| vec![format!("— {n}")]),
    ("– A, place", |n, _| vec![format!("– {n}, Lisbon")]),
    ("A IN CAPITALS", |n, _| vec![n.to_uppercase()]),
    ("A / role", |n, _| vec![n.into(), "Staff Reporter".into()]),
];

#[test]
fn a_story_signed_at_its_end_is_read() {
    let context = WordContext::default();
    let mut missed = Vec::new();
    let mut cases = 0;
    for (form, lines_of) in SIGN_OFFS {
        for writers in WRITERS {
            let names = joined(writers);
            for setting in [Setting::Web, Setting::Page] {
                cases += 1;
                let sign_off = lines_of(&names, DATE_PRINTED).join("\n");
                let raw = match setting {
                    Setting::Web => format!(
                        "{TITLE}\n\n{STANDFIRST}\n\n{DATE_PRINTED}\n\n{}\n\n{sign_off}\n",
                        STORY.join("\n\n")
                    ),
                    Setting::Page => {
                        let story: Vec<String> = STORY.iter().map(|p| wrapped(p, 44)).collect();
                        format!(
                            "{TITLE}\n{STANDFIRST}\n{DATE_PRINTED}\n{}\n{sign_off}\n",
                            story.join("\n")
                        )
                    }
                };
                let out = clean_text(raw.as_bytes(), Path::new("signed.txt"), &context)
                    .expect("a plain article cleans");
                let front = &out.article.front;
                let body = out.article.body.trim();
                // Capitals cannot tell `Yılmaz` from `Yilmaz`: in capitals, the names are
                // compared as capitals print them.
                let read_as = |names: &[String]| -> Vec<String> {
                    names
                        .iter()
                        .map(|n| match *form {
                            "A IN CAPITALS" => n.to_uppercase(),
                            _ => n.clone(),
                        })
                        .collect()
                };
                let want: Vec<String> = writers.iter().map(|w| w.to_string()).collect();
                if read_as(&front.authors) != read_as(&want)
                    || front.subtitle.as_deref() != Some(STANDFIRST)
                    || !body.ends_with("studying the request.")
                {
                    missed.push(format!(
                        "{form} {setting:?} {sign_off:?} -> {:?}, body ends {:?}",
                        front.authors,
                        body.chars().rev().take(40).collect::<String>()
                    ));
                }
            }
        }
    }
    println!("sign-offs: {} of {cases} read", cases - missed.len());
    assert!(cases >= 80);
    assert!(missed.is_empty(), "{missed:#?}");
    // A story's own last line in capitals or after a dash is no writer.
    for last in ["MORE TO FOLLOW", "— as the minister put it on Monday."] {
        let raw = format!(
            "{TITLE}\n\n{DATE_PRINTED}\n\n{}\n\n{last}\n",
            STORY.join("\n\n")
        );
        let out = clean_text(raw.as_bytes(), Path::new("signed.txt"), &context)
            .expect("a plain article cleans");
        assert!(out.article.front.authors.is_empty(), "{last}");
    }
}
