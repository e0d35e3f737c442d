//! Mastheads as papers and sites set them, read field by field.
//!
//! Each case is a masthead written here (headline, standfirst, byline and date in one of
//! the shapes papers, e-paper viewers and web pages print them) over the same short
//! story, and sometimes a bio under it. The story is set two ways: as a web page's copy
//! gives it (one line a paragraph, blank lines between) and, for the cases marked
//! `page`, as a printed column (wrapped at 44 letters, no blank lines). Every field must
//! come out exactly, and the story must open and close with its own first and last
//! paragraphs: nothing of the masthead or bio left in it, nothing of it taken out.
//!
//! The real-copy suite (`tests/realcopy.rs`) scores whole copies made by real software;
//! this suite names the shapes one by one, so a shape that stops being read is named.

mod masthead_support;

use copydesk::clean::{clean_text, words::WordContext};
use masthead_support::wrapped;
use std::path::Path;

const TITLE: &str = "Council to close two recycling centres to fund food waste rounds";
const STANDFIRST: &str = "The savings will pay for a weekly collection, but villagers face \
                          longer drives to drop off bulky waste.";

use masthead_support::COUNCIL_STORY as STORY;

/// How a case's story is set.
#[derive(Clone, Copy, Debug)]
enum Setting {
    /// One line a paragraph, blank lines between (a web page's copy).
    Web,
    /// Wrapped to a column of 44 letters, no blank lines (a PDF's copy).
    Page,
}

struct Case {
    name: &'static str,
    /// The masthead's lines, `{T}` and `{S}` standing for the headline and standfirst.
    head: &'static str,
    setting: Setting,
    /// Lines under the story, if any.
    bio: Option<&'static str>,
    subtitle: Option<&'static str>,
    authors: &'static [&'static str],
    date: &'static str,
    want_bio: Option<&'static str>,
}

const HELEN: &[&str] = &["Helen Marsh"];
const TWO: &[&str] = &["Helen Marsh", "Tomasz Wrona"];
const S: Option<&str> = Some(STANDFIRST);

fn case(name: &'static str, head: &'static str, authors: &'static [&'static str]) -> Case {
    Case {
        name,
        head,
        setting: Setting::Web,
        bio: None,
        subtitle: S,
        authors,
        date: "2024-03-12",
        want_bio: None,
    }
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        case(
            "by, bar, date",
            "{T}\n\n{S}\n\nBy Helen Marsh | 12 March 2024",
            HELEN,
        ),
        case(
            "story by",
            "{T}\n\n{S}\n\nStory by Helen Marsh\n\n12 March 2024",
            HELEN,
        ),
        case(
            "written by",
            "{T}\n\n{S}\n\nWritten by Helen Marsh\nMarch 12, 2024",
            HELEN,
        ),
        case(
            "words:",
            "{T}\n\n{S}\n\nWords: Helen Marsh\n12.03.2024",
            HELEN,
        ),
        case(
            "name over role",
            "{T}\n\n{S}\n\nHelen Marsh\nLocal Government Correspondent\n12 March 2024",
            HELEN,
        ),
        case(
            "name, role",
            "{T}\n\n{S}\n\nHelen Marsh, Local Government Correspondent\n12 March 2024",
            HELEN,
        ),
        case(
            "capitals",
            "{T}\n\n{S}\n\nBY HELEN MARSH\n\nMarch 12, 2024",
            HELEN,
        ),
        case(
            "agency",
            "{T}\n\n{S}\n\nBy Helen Marsh, Reuters\n\n12 March 2024",
            HELEN,
        ),
        case(
            "clock",
            "{T}\n\n{S}\n\nBy Helen Marsh\n\nMarch 12, 2024 10:32 AM",
            HELEN,
        ),
        case(
            "guardian clock",
            "{T}\n\n{S}\n\nHelen Marsh\nTue 12 Mar 2024 10.32 GMT",
            HELEN,
        ),
        case(
            "published, updated",
            "{T}\n\n{S}\n\nBy Helen Marsh\nPublished 12 March 2024\nUpdated 13 March 2024",
            HELEN,
        ),
        case(
            "reading time",
            "{T}\n\n{S}\n\nBy Helen Marsh\nMarch 12, 2024 · 5 min read",
            HELEN,
        ),
        case(
            "two writers",
            "{T}\n\n{S}\n\nBy Helen Marsh and Tomasz Wrona\n12 March 2024",
            TWO,
        ),
        case(
            "two writers, a line each",
            "{T}\n\n{S}\n\nHelen Marsh\nTomasz Wrona\n12 March 2024",
            TWO,
        ),
        case(
            "two writers, ampersand",
            "{T}\n\n{S}\n\nHelen Marsh & Tomasz Wrona | March 12, 2024",
            TWO,
        ),
        case(
            "iso date",
            "{T}\n\n{S}\n\nBy Helen Marsh | 2024-03-12",
            HELEN,
        ),
        case(
            "date first",
            "12 March 2024\n\n{T}\n\n{S}\n\nBy Helen Marsh",
            HELEN,
        ),
        case(
            "place",
            "{T}\n\n{S}\n\nBy Helen Marsh in Norwich\n12 March 2024",
            HELEN,
        ),
        case(
            "handle",
            "{T}\n\n{S}\n\nBy Helen Marsh @helenmarsh\n12 March 2024",
            HELEN,
        ),
        case(
            "last updated",
            "{T}\n\n{S}\n\nBy Helen Marsh\n\nLast updated: 12 March 2024",
            HELEN,
        ),
        case("dash", "{T}\n\n{S}\n\nHelen Marsh — 12 March 2024", HELEN),
        case(
            "reporter:",
            "{T}\n\n{S}\n\nReporter: Helen Marsh\nDate: 12 March 2024",
            HELEN,
        ),
        case(
            "posted by",
            "{T}\n\n{S}\n\nPosted by Helen Marsh on March 12, 2024",
            HELEN,
        ),
        case(
            "kicker",
            "ENVIRONMENT\n\n{T}\n\n{S}\n\nBy Helen Marsh | 12 March 2024",
            HELEN,
        ),
        case(
            "standfirst after the date",
            "12 March 2024\n\n{T}\n\n{S}\n\nBy Helen Marsh",
            HELEN,
        ),
        case(
            "standfirst over the drop cap, under the byline",
            "{T}\n\nBy Helen Marsh | 12 March 2024\n\n{S}\n\nT",
            HELEN,
        ),
        case(
            "headline and standfirst wrapped, no blank lines",
            "Council to close two recycling\ncentres to fund food waste rounds\n{S}\n\
             By Helen Marsh | 12 March 2024",
            HELEN,
        ),
        Case {
            subtitle: None,
            ..case(
                "no standfirst",
                "{T}\n\nBy Helen Marsh | 12 March 2024",
                HELEN,
            )
        },
        Case {
            subtitle: Some("Will the savings be worth the longer drives?"),
            ..case(
                "standfirst as a question",
                "{T}\n\nWill the savings be worth the longer drives?\n\n\
                 By Helen Marsh | 12 March 2024",
                HELEN,
            )
        },
        Case {
            setting: Setting::Page,
            ..case(
                "page: standfirst across the columns",
                "{T}\nThe savings will pay for a weekly collection, but villagers face \
                 longer\ndrives to drop off bulky waste.\nBy Helen Marsh | 12 March 2024",
                HELEN,
            )
        },
        // A paragraph across the columns under the byline with no drop cap under it is
        // read as the story's lead, which pages set the same way (the grid split): no
        // case for it here.
        // A news site's masthead as its page's copy gives it: labels, buttons and
        // pictures' captions between the fields, labels on lines of their own.
        case(
            "breadcrumb over the headline",
            "Home › News › Environment\n\n{T}\n\n{S}\n\nBy Helen Marsh\n\nMarch 12, 2024",
            HELEN,
        ),
        case(
            "breadcrumb in capitals",
            "NEWS / ENVIRONMENT\n\n{T}\n\n{S}\n\nBy Helen Marsh\n\n12 March 2024",
            HELEN,
        ),
        case(
            "advertisement over the headline",
            "Advertisement\n\n{T}\n\n{S}\n\nBy Helen Marsh\n\nMarch 12, 2024",
            HELEN,
        ),
        case(
            "section in title case",
            "Local Government\n\n{T}\n\n{S}\n\nBy Helen Marsh\n\n12 March 2024",
            HELEN,
        ),
        case(
            "opinion label, name alone",
            "OPINION\n\n{T}\n\n{S}\n\nHelen Marsh\n\n12 March 2024",
            HELEN,
        ),
        case(
            "picture's caption between",
            "{T}\n\n{S}\n\nThe recycling centre at Long Stratton. Photograph: Jo Smith\n\nBy Helen Marsh | 12 March 2024",
            HELEN,
        ),
        case(
            "picture's credit between",
            "{T}\n\n{S}\n\n(Photo: Jo Smith/Norfolk Press)\n\nBy Helen Marsh | 12 March 2024",
            HELEN,
        ),
        case(
            "outlet, updated with a clock",
            "{T}\n\n{S}\n\nBy Helen Marsh, CNN\n\nUpdated 10:32 AM EDT, Tue March 12, 2024",
            HELEN,
        ),
        case(
            "name under the picture and over the role",
            "{T}\n\n{S}\n\nHelen Marsh\n\nHelen Marsh\nLocal Government Correspondent\n\nPublished March 12, 2024",
            HELEN,
        ),
        case(
            "By on its own line",
            "{T}\n\n{S}\n\nBy\nHelen Marsh\n\nMarch 12, 2024",
            HELEN,
        ),
        case(
            "clock with a.m. and zone",
            "{T}\n\n{S}\n\nBy Helen Marsh\nMarch 12, 2024, 10:32 a.m. ET",
            HELEN,
        ),
        case(
            "clock, then comments",
            "{T}\n\n{S}\n\nHelen Marsh\nTuesday 12 March 2024 10:32\n\nComments",
            HELEN,
        ),
        case(
            "reading time and listen button",
            "{T}\n\n{S}\n\nBy Helen Marsh\n\n12 March 2024 • 4 min read\n\nListen to this article",
            HELEN,
        ),
        case(
            "month cut short",
            "{T}\n\n{S}\n\nBy Helen Marsh\nMar. 12, 2024",
            HELEN,
        ),
        case(
            "date at a clock",
            "{T}\n\n{S}\n\nHelen Marsh\nMarch 12, 2024 at 10:32 am",
            HELEN,
        ),
        case(
            "author: and published:",
            "{T}\n\n{S}\n\nAuthor: Helen Marsh\nPublished: 12 March 2024",
            HELEN,
        ),
        case(
            "role with a place",
            "{T}\n\n{S}\n\nBy Helen Marsh\nLocal Government Correspondent, Norwich\n12 March 2024",
            HELEN,
        ),
        case(
            "labels on lines of their own",
            "{T}\n\n{S}\n\nWritten by\nHelen Marsh\n\nPublished on\n12 March 2024",
            HELEN,
        ),
        case(
            "date's label over the date",
            "{T}\n\n{S}\n\nBy Helen Marsh\n\nUpdated:\n12 March 2024",
            HELEN,
        ),
        case(
            "by in lower case",
            "{T}\n\n{S}\n\nby Helen Marsh\n12 March 2024",
            HELEN,
        ),
        case(
            "name and date in capitals",
            "{T}\n\n{S}\n\nHELEN MARSH\n12 MARCH 2024",
            HELEN,
        ),
        case(
            "middle dot",
            "{T}\n\n{S}\n\nBy Helen Marsh · Mar 12, 2024",
            HELEN,
        ),
        case(
            "follow button",
            "{T}\n\n{S}\n\nBy Helen Marsh\n\nTuesday, March 12, 2024\n\nFollow",
            HELEN,
        ),
        case(
            "role and clock after bars",
            "{T}\n\n{S}\n\nBy Helen Marsh, Local Government Correspondent | Tuesday 12 March 2024 10:32 GMT",
            HELEN,
        ),
        case(
            "published and updated after bars",
            "{T}\n\n{S}\n\nBy Helen Marsh  |  March 12, 2024 10:32 am  |  Updated March 13, 2024",
            HELEN,
        ),
        case(
            "share buttons a line each",
            "{T}\n\n{S}\n\nBy Helen Marsh\nMarch 12, 2024\nFacebook\nTwitter\nEmail",
            HELEN,
        ),
        case(
            "weekday date over the headline",
            "Tuesday 12 March 2024\n\n{T}\n\n{S}\n\nBy Helen Marsh",
            HELEN,
        ),
        case(
            "last updated at a clock",
            "{T}\n\n{S}\n\nBy Helen Marsh\nLast updated 10:32, 12 March 2024",
            HELEN,
        ),
        case(
            "clock and date over the byline",
            "{T}\n\n{S}\n\n10:32 GMT, 12 March 2024\n\nBy Helen Marsh",
            HELEN,
        ),
        case(
            "contributor",
            "{T}\n\n{S}\n\nHelen Marsh\nContributor\n\n12 March 2024",
            HELEN,
        ),
        case(
            "address under the byline",
            "{T}\n\n{S}\n\nBy Helen Marsh\nhelen.marsh@example.com\n12 March 2024",
            HELEN,
        ),
        case(
            "handle under the byline",
            "{T}\n\n{S}\n\nBy Helen Marsh\n@helenmarsh\n12 March 2024",
            HELEN,
        ),
    ];
    // Writers' names as bylines print them.
    for (name, head, authors) in [
        (
            "particles, over a role",
            "{T}\n\n{S}\n\nPieter van der Berg\nStaff Reporter\n12 March 2024",
            &["Pieter van der Berg"][..],
        ),
        (
            "particles, in capitals",
            "{T}\n\n{S}\n\nBY ANA DE LA CRUZ\n12 March 2024",
            &["Ana de la Cruz"][..],
        ),
        (
            "Mc, in capitals",
            "{T}\n\n{S}\n\nBY FIONA MCKENZIE\n12 March 2024",
            &["Fiona McKenzie"][..],
        ),
        (
            "a generation",
            "{T}\n\n{S}\n\nBy Robert Smith Jr. | 12 March 2024",
            &["Robert Smith Jr."][..],
        ),
        (
            "apostrophes and hyphens",
            "{T}\n\n{S}\n\nBy Mary-Jane O'Neil and Jean-Luc D'Arcy | 12 March 2024",
            &["Mary-Jane O'Neil", "Jean-Luc D'Arcy"][..],
        ),
        (
            "letters lost to spaces, over a role",
            "{T}\n\n{S}\n\nZeynep Ayd n\nStaff Reporter\n12 March 2024",
            &["Zeynep Aydın"][..],
        ),
        (
            "initials",
            "{T}\n\n{S}\n\nBy J. K. Doe\n12 March 2024",
            &["J. K. Doe"][..],
        ),
    ] {
        cases.push(case(name, head, authors));
    }
    // Bios as papers print them under the story.
    cases.push(case(
        "by: a given name whose first letters were lost, and a surname",
        "{T}\n\n{S}\n\nBy rd s Ágústsdóttir | 12 March 2024",
        &["Þórdís Ágústsdóttir"],
    ));
    cases.push(case(
        "by: every name's first letter lost, pieces only",
        "{T}\n\n{S}\n\nBy rd s g stsdóttir | 12 March 2024",
        &["Þórdís Ágústsdóttir"],
    ));
    // A name whose first letter was lost, alone over the date, and before a role.
    cases.push(case(
        "name that lost its first letter, over the date",
        "{T}\n\n{S}\n\nlodie Marchand\n12 March 2024",
        &["Élodie Marchand"],
    ));
    cases.push(case(
        "name that lost its first letter, then a role",
        "{T}\n\n{S}\n\nlodie Marchand, Staff Reporter\n12 March 2024",
        &["Élodie Marchand"],
    ));
    cases.push(case(
        "names over the date, the first lost its first letter",
        "{T}\n\n{S}\n\nlodie Marchand and Helen Marsh\n12 March 2024",
        &["Élodie Marchand", "Helen Marsh"],
    ));
    // Lost letters left pieces that spell joining words (`a`, `or`) beside pieces no
    // dictionary knows; the bio prints the names whole.
    cases.push(Case {
        bio: Some("Çağatay Öztürk writes about music."),
        want_bio: Some("Çağatay Öztürk writes about music."),
        ..case(
            "by: a given name's piece spells a joining word",
            "{T}\n\n{S}\n\nBy a atay Özt rk | 12 March 2024",
            &["Çağatay Öztürk"],
        )
    });
    cases.push(Case {
        bio: Some("Dragan Đorđević covers sport."),
        want_bio: Some("Dragan Đorđević covers sport."),
        ..case(
            "a surname's piece spells a joining word, then a role",
            "{T}\n\n{S}\n\nHelen Marsh & Dragan or evi , Staff Reporters\n12 March 2024",
            &["Helen Marsh", "Dragan Đorđević"],
        )
    });
    cases.push(case(
        "a desk signs",
        "{T}\n\n{S}\n\nHelen Marsh, Education Desk\n12 March 2024",
        HELEN,
    ));
    // The name over the date, printed again as the heading over the bio, where the bio's
    // copy of it lost a letter: the heading goes, the byline stays.
    cases.push(Case {
        bio: Some("Ioana Mărgineanu\n\nIoana M rgineanu reports on the courts for the paper."),
        want_bio: Some("Ioana Mărgineanu reports on the courts for the paper."),
        ..case(
            "name over date, again over a bio whose copy lost a letter",
            "{T}\n\n{S}\n\nIoana Mărgineanu\n12 March 2024",
            &["Ioana Mărgineanu"],
        )
    });
    // The bio glued the writer's name, which no list holds, where the byline prints it
    // apart.
    cases.push(Case {
        bio: Some("MarkétaDvořáková is the paper’s culture editor."),
        want_bio: Some("Markéta Dvořáková is the paper’s culture editor."),
        ..case(
            "bio glued the byline's name",
            "{T}\n\n{S}\n\nBy Markéta Dvořáková | 12 March 2024",
            &["Markéta Dvořáková"],
        )
    });
    for (name, bio, want) in [
        (
            "bio: after a dash, its first words glued",
            "— Thewriter is a freelance journalist based in Norwich.",
            "— The writer is a freelance journalist based in Norwich.",
        ),
        (
            "bio: the writer is",
            "The writer is a freelance journalist based in Norwich.",
            "The writer is a freelance journalist based in Norwich.",
        ),
        (
            "bio: name and job",
            "Helen Marsh is the paper’s local government correspondent.",
            "Helen Marsh is the paper’s local government correspondent.",
        ),
        (
            "bio: about the author",
            "About the author\nHelen Marsh covers local government for the paper.",
            "Helen Marsh covers local government for the paper.",
        ),
        (
            "bio: surname alone",
            "Marsh is the paper’s local government correspondent.",
            "Marsh is the paper’s local government correspondent.",
        ),
        (
            "bio: the author teaches",
            "The author teaches politics at a university in Leeds.",
            "The author teaches politics at a university in Leeds.",
        ),
        (
            "bio: the writer, then what they are",
            "The writer, a former diplomat, teaches international relations in Ankara.",
            "The writer, a former diplomat, teaches international relations in Ankara.",
        ),
        (
            "bio: a title before the name",
            "Dr Helen Marsh is a lecturer in public health at the University of Leeds.",
            "Dr Helen Marsh is a lecturer in public health at the University of Leeds.",
        ),
        (
            "bio: name, then what she is",
            "Helen Marsh, a former teacher, writes about schools and councils.",
            "Helen Marsh, a former teacher, writes about schools and councils.",
        ),
        (
            "bio: handle after the name",
            "Helen Marsh (@helenmarsh) is a reporter on the news desk.",
            "Helen Marsh (@helenmarsh) is a reporter on the news desk.",
        ),
        (
            "bio: name has covered",
            "Helen Marsh has covered the courts for the paper since 2015.",
            "Helen Marsh has covered the courts for the paper since 2015.",
        ),
        (
            "bio: the views are her own",
            "Helen Marsh is a contributing writer. The views expressed are her own.",
            "Helen Marsh is a contributing writer. The views expressed are her own.",
        ),
        (
            "bio: about the author, on one line",
            "About the author: Helen Marsh covers local government for the paper.",
            "Helen Marsh covers local government for the paper.",
        ),
        (
            "bio: the writer tweets",
            "The writer is a Norwich-based journalist. She tweets at @helenmarsh",
            "The writer is a Norwich-based journalist. She tweets at @helenmarsh",
        ),
        (
            "bio: with an address",
            "Helen Marsh is a reporter on the news desk. She can be reached at \
             helen.marsh@example.com",
            "Helen Marsh is a reporter on the news desk. She can be reached at \
             helen.marsh@example.com",
        ),
    ] {
        cases.push(Case {
            bio: Some(bio),
            want_bio: Some(want),
            ..case(name, "{T}\n\n{S}\n\nBy Helen Marsh | 12 March 2024", HELEN)
        });
        cases.push(Case {
            setting: Setting::Page,
            bio: Some(bio),
            want_bio: Some(want),
            ..case(
                "page: bio",
                "{T}\n{S}\nBy Helen Marsh | 12 March 2024",
                HELEN,
            )
        });
    }
    cases
}

fn raw_copy(case: &Case) -> String {
    let head = case.head.replace("{T}", TITLE).replace("{S}", STANDFIRST);
    let (story, bio) = match case.setting {
        Setting::Web => {
            let mut story = STORY.join("\n\n");
            // A drop cap at the masthead's end takes the story's first letter.
            if head.ends_with("\n\nT") {
                story.remove(0);
            }
            (story, case.bio.map(str::to_string))
        }
        Setting::Page => (
            STORY
                .iter()
                .map(|p| wrapped(p, 44))
                .collect::<Vec<_>>()
                .join("\n"),
            case.bio.map(|b| wrapped(b, 44)),
        ),
    };
    let gap = match case.setting {
        Setting::Web => "\n\n",
        Setting::Page => "\n",
    };
    let mut raw = format!("{head}{gap}{story}");
    if let Some(bio) = bio {
        raw.push_str(gap);
        raw.push_str(&bio);
    }
    raw.push('\n');
    raw
}

#[test]
fn mastheads_are_read_field_by_field() {
    let context = WordContext::default();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 97);
    for case in &cases {
        let raw = raw_copy(case);
        let article = clean_text(raw.as_bytes(), Path::new("masthead.txt"), &context)
            .expect("a plain article cleans")
            .article;
        let front = &article.front;
        let mut wrong = Vec::new();
        if front.title != TITLE {
            wrong.push(format!("title {:?}", front.title));
        }
        if front.subtitle.as_deref() != case.subtitle {
            wrong.push(format!("subtitle {:?}", front.subtitle));
        }
        if front.authors != case.authors {
            wrong.push(format!("authors {:?}", front.authors));
        }
        let date = front.date.map(|d| d.date().to_string());
        if date.as_deref() != Some(case.date) {
            wrong.push(format!("date {date:?}"));
        }
        if front.bio.as_deref() != case.want_bio {
            wrong.push(format!("bio {:?}", front.bio));
        }
        let body = article.body.trim();
        let opening = &STORY[0][..40];
        let closing = &STORY[STORY.len() - 1][..40];
        if !body.starts_with(opening) {
            wrong.push(format!(
                "story opens {:?}",
                body.chars().take(60).collect::<String>()
            ));
        }
        let last = body.rsplit("\n\n").next().unwrap_or_default();
        if !last.starts_with(closing) {
            wrong.push(format!(
                "story closes {:?}",
                last.chars().take(60).collect::<String>()
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({:?}): {}",
                case.name,
                case.setting,
                wrong.join("; ")
            ));
        }
    }
    println!(
        "mastheads: {} of {} read",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
