//! What a news site or a printed page sets inside the story, dropped from it.
//!
//! The masthead suites (`tests/masthead_shapes.rs`, `tests/byline_forms.rs`) read the
//! fields above the story; this one sets one piece of furniture inside it, where copy
//! picks it up: on a web page's copy as a paragraph of its own between two of the
//! story's (an advertisement's label, a share or follow button, a newsletter's pitch, a
//! link to another story, a picture's credit), and on a printed page's copy as a line
//! in the middle of a paragraph (a page number, a folio, a running head, a jump line).
//! The story must come out paragraph for paragraph as written, and the lines of prose
//! that only look like furniture must stay in it.

mod masthead_support;

use copydesk::clean::{clean_text, words::WordContext};
use masthead_support::wrapped;
use std::path::Path;

const HEAD: &str = "Council to close two recycling centres to fund food waste rounds\n\n\
                    The savings will pay for a weekly collection, but villagers face longer \
                    drives to drop off bulky waste.\n\nBy Helen Marsh | 12 March 2024";

use masthead_support::COUNCIL_STORY as STORY;

/// A web page's furniture, each a paragraph of its own in the copy.
const WEB: &[&str] = &[
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Skip Advertisement",
    "Continue reading the main story",
    "Read more: Council tax to rise by 5 per cent",
    "Also read: Bin collections move to fortnightly",
    "RELATED: Recycling rates fall for a second year",
    "Watch: Residents react to the closures",
    "Click here to read more",
    "Sign up to our free newsletter",
    "Get the latest news delivered to your inbox",
    "Share this article",
    "Copy link",
    "Follow us on Facebook",
    "Follow The Daily News on X",
    "Download our app",
    "Report an error",
    "▶ Play video",
    "Listen to this story",
    "Photo: Jo Smith",
    "(Getty Images)",
    "The recycling centre at Long Stratton. Photograph: Jo Smith/Norfolk Press",
    "Image caption, The recycling centre at Long Stratton",
    "Most Read",
    "Comments (12)",
];

/// A printed page's furniture, each a line in the middle of a paragraph in the copy.
const PAGE: &[&str] = &[
    "2",
    "Page 2",
    "Page 2 of 3",
    "THE DAILY NEWS | Page 2",
    "The Daily News, Tuesday, March 12, 2024",
    "A4 | THE DAILY NEWS | TUESDAY, MARCH 12, 2024",
    "Continued on page 4",
    "Continued from page 1",
    "— 2 —",
    "2 THE DAILY NEWS",
    "NEWS 2",
    "14 | SPORT",
    "Tuesday 12 March 2024 The Daily News 2",
];

/// The story with `extra` set inside it: a paragraph of its own before paragraph `at`
/// (web), or a line inside paragraph `at` (page).
fn copy_with(extra: &str, at: usize, web: bool) -> String {
    if web {
        let mut paragraphs: Vec<&str> = STORY.to_vec();
        paragraphs.insert(at, extra);
        format!("{HEAD}\n\n{}\n", paragraphs.join("\n\n"))
    } else {
        let mut lines: Vec<String> = Vec::new();
        for (k, paragraph) in STORY.iter().enumerate() {
            let wrapped = wrapped(paragraph, 44);
            let mut own: Vec<String> = wrapped.lines().map(String::from).collect();
            if k == at {
                own.insert(1, extra.to_string());
            }
            lines.extend(own);
        }
        format!("{HEAD}\n{}\n", lines.join("\n"))
    }
}

/// The story's paragraphs as `raw` cleans, or what went wrong.
fn story_of(raw: &str) -> Result<(), String> {
    let article = clean_text(
        raw.as_bytes(),
        Path::new("furniture.txt"),
        &WordContext::default(),
    )
    .map_err(|e| format!("{e:?}"))?
    .article;
    let body: Vec<&str> = article.body.trim().split("\n\n").collect();
    if body == STORY && article.front.authors == ["Helen Marsh"] {
        return Ok(());
    }
    let strays: Vec<String> = body
        .iter()
        .filter(|p| !STORY.contains(p))
        .map(|p| p.chars().take(80).collect())
        .collect();
    Err(format!(
        "{} paragraphs; not the story's: {strays:?}",
        body.len()
    ))
}

#[test]
fn furniture_inside_the_story_is_dropped() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (web, items) in [(true, WEB), (false, PAGE)] {
        for item in items {
            for at in [2, 4] {
                cases += 1;
                if let Err(wrong) = story_of(&copy_with(item, at, web)) {
                    let setting = if web { "web" } else { "page" };
                    failures.push(format!("{setting} {item:?} at {at}: {wrong}"));
                }
            }
        }
    }
    println!("furniture: {} of {cases} dropped", cases - failures.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Prose that opens as furniture does stays the story's: a sentence with its stop, a
/// number in a sentence, a section's word in lower case.
#[test]
fn prose_like_furniture_stays() {
    for (paragraph, at) in [
        ("Read more about the scheme on the council's website.", 2),
        ("Follow the money, the auditor told the committee.", 3),
        ("Watch: that is all the leaflet said.", 2),
        ("Copy link requests went unanswered, the group said.", 4),
        (
            "Residents can have the weekly bulletin delivered to your inbox, the leaflet says.",
            3,
        ),
    ] {
        let mut story: Vec<&str> = STORY.to_vec();
        story.insert(at, paragraph);
        let raw = format!("{HEAD}\n\n{}\n", story.join("\n\n"));
        let article = clean_text(
            raw.as_bytes(),
            Path::new("prose.txt"),
            &WordContext::default(),
        )
        .expect("a plain article cleans")
        .article;
        let body: Vec<&str> = article.body.trim().split("\n\n").collect();
        assert_eq!(body, story, "{paragraph:?}");
    }
}

/// A web page printed by the browser, its text taken as pdftotext gives it (the stamp of
/// printing and the page's title at every sheet's head, the address and the sheet's count
/// at its foot) and as pypdf does (stamp and title run into one line at each sheet's
/// end): the headline is the page's, without the site's name, and none of the browser's
/// lines is left in the story or the bio.
#[test]
fn a_browser_printed_web_pages_running_lines_are_dropped() {
    let title = "Council to close two recycling centres to fund food waste rounds";
    let page_title = format!("{title} | The Daily News");
    let stamp = "3/12/24, 9:41 AM";
    let address = "https://www.dailynews.com/local/council-to-close-two-recycling-centres";
    let bio = "Helen Marsh covers local government for the paper.";
    let (first, second) = STORY.split_at(3);
    let pdftotext = format!(
        "{stamp}\n\n{page_title}\n\nLocal\n\n{HEAD}\n\n{}\n\n{address}\n\n1/2\n\n{stamp}\n\n\
         {page_title}\n\n{}\n\n{bio}\n\n{address}\n\n2/2\n",
        first.join("\n\n"),
        second.join("\n\n")
    );
    let pypdf = format!(
        "Local\n{HEAD}\n{}\n{stamp} {page_title}\n{address} 1/2{address}\n{}\n{bio}\n\
         {stamp} {page_title}\n{address} 2/2\n",
        first.join("\n"),
        second.join("\n")
    );
    // PyMuPDF draws the sheet's head after its text: stamp and title come last (one
    // sheet, so the title is not told by its repeat).
    let pymupdf = format!(
        "Local\n{HEAD}\n{}\n{bio}\n{stamp}\n{page_title}\n{address}\n1/1\n",
        STORY.join("\n")
    );
    for (extractor, raw) in [
        ("pdftotext", pdftotext),
        ("pypdf", pypdf),
        ("pymupdf", pymupdf),
    ] {
        let article = clean_text(raw.as_bytes(), Path::new("p.txt"), &WordContext::default())
            .unwrap()
            .article;
        assert_eq!(article.front.title, title, "{extractor}");
        assert_eq!(article.front.bio.as_deref(), Some(bio), "{extractor}");
        assert_eq!(article.front.authors, ["Helen Marsh"], "{extractor}");
        // Where paragraphs end in copy without blank lines is another suite's matter:
        // here the story's words, in order, with nothing of the browser's among them.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&article.body), words(&STORY.join(" ")), "{extractor}");
    }
}

/// A newspaper page as PyMuPDF reads it: the page's head (the paper's name, the issue
/// date) and its folio after the story, and a widely justified line broken at its wide
/// spaces, each piece a line ending with a space. The bio ends before the head, whether
/// it ends on a sentence or on the writer's handle.
#[test]
fn a_page_head_printed_after_the_story_stays_out_of_the_bio() {
    for bio in [
        "Helen Marsh covers local government for the paper.",
        "Helen Marsh covers local government. She tweets at @helen_marsh",
    ] {
        let broken = bio.replacen(' ', " \n", 3);
        let raw = format!(
            "{HEAD}\n\n{}\n{broken}\nThe Morning Ledger\nTuesday, March 12, 2024\n\
             The Morning Ledger | Page 1\n",
            STORY.join("\n")
        );
        let article = clean_text(raw.as_bytes(), Path::new("m.txt"), &WordContext::default())
            .unwrap()
            .article;
        assert_eq!(article.front.bio.as_deref(), Some(bio), "{raw}");
        assert!(!article.body.contains("March 12"), "{}", article.body);
    }
}

/// A web page selected whole (Ctrl+A): the site's name, its menu (run together where the
/// links touch), its top bar and cookie notice above the story, its foot links (one to a
/// line) and copyright line below the bio. The story and its fields come out alone.
#[test]
fn a_whole_web_page_selected_keeps_only_the_story() {
    let bio = "Helen Marsh covers local government for the paper.";
    let raw = format!(
        "We use cookies to improve your experience on our site. By continuing you agree to \
         our use of cookies.\nOK\nThe Daily News\nHomeNewsWorldBusinessSportOpinion\n\
         Sign in Subscribe\nLocal\n{HEAD}\n\n{}\n\n{bio}\n\nPrivacy policy\nTerms of use\n\
         Cookie settings\nAbout us\nContact\n© 2024 The Daily News. All rights reserved\n",
        STORY.join("\n\n")
    );
    let article = clean_text(raw.as_bytes(), Path::new("w.txt"), &WordContext::default())
        .unwrap()
        .article;
    assert_eq!(
        article.front.title,
        "Council to close two recycling centres to fund food waste rounds"
    );
    assert_eq!(article.front.kicker.as_deref(), Some("Local"));
    assert_eq!(article.front.bio.as_deref(), Some(bio));
    let body: Vec<&str> = article.body.trim().split("\n\n").collect();
    assert_eq!(body, STORY);
    // A notice's button over a story with no kicker is no kicker.
    let raw = format!(
        "This site uses cookies. Read our cookie policy.\nGot it\n{HEAD}\n\n{}\n",
        STORY.join("\n\n")
    );
    let article = clean_text(raw.as_bytes(), Path::new("w.txt"), &WordContext::default())
        .unwrap()
        .article;
    assert_eq!(article.front.kicker, None);
    assert_eq!(article.body.trim().split("\n\n").collect::<Vec<_>>(), STORY);
}
