//! Paragraph-level tests of the word passes together: what must change, what must not,
//! and that offsets and punctuation survive. All text here is written for these tests.

use super::*;

fn repair(paragraph: &str) -> WordRepairs {
    repair_paragraph(paragraph, &WordContext::default())
}

fn repaired(paragraph: &str) -> String {
    repair(paragraph).text
}

#[test]
fn each_defect_class_is_repaired_in_context() {
    assert_eq!(
        repaired("The editor is ajournalist andcommunicationsprofessional based in Lahore."),
        "The editor is a journalist and communications professional based in Lahore."
    );
    assert_eq!(
        repaired("She leads the Centre forExcellence inJournalism at the institute."),
        "She leads the Centre for Excellence in Journalism at the institute."
    );
    assert_eq!(
        repaired("Trade fell sharply. Meanbwhile, the border stayed shut."),
        "Trade fell sharply. Meanwhile, the border stayed shut."
    );
    assert_eq!(
        repaired("The visit was announced by President Erdo an… on Friday."),
        "The visit was announced by President Erdoğan… on Friday."
    );
    // Two fragments side by side are no text: a name English prints rarely (Siobhán,
    // Zipf 1.3) joins them. A word beside a fragment needs a commoner one.
    assert_eq!(
        repaired("The reply came from Siobh n at the desk."),
        "The reply came from Siobhán at the desk."
    );
    assert_eq!(
        repaired("She can be reached on X:deskhandle"),
        "She can be reached on X: deskhandle"
    );
}

#[test]
fn names_and_ordinary_prose_come_out_unchanged() {
    let prose = "Neighbours met in Doha. The Taliban under Akhundzada, with Mullah Baradar and \
        Mullah Yaqoob, call the fighters muhajireen; the Tehreek-i-Taliban Pakistan (TTP) \
        denies it. Officials in Rawalpindi and Kandahar disagree, the FO said, as Turkiye \
        offered talks. Azaz Syed told TNS the Pakistan-Afghanistan trade is worth $6 billion. \
        Reach me on X: mariaamkahn or @mariaamkahn, #peace, desk@example.com, \
        https://example.com/a-b. COVID-19 cases rose 5% across 10km; 5G masts, an iPhone, \
        eBay, YouTube, McDonald, JavaScript and PowerPoint were all mentioned. “It’s fine,” \
        he said — doesn’t he?";
    let result = repair(prose);
    assert_eq!(result.text, prose, "edits: {:#?}", result.edits);
    assert!(result.edits.is_empty());
}

#[test]
fn sentence_opening_names_are_never_corrected() {
    for name in [
        "Akhundzada",
        "Yaqoob",
        "Baradar",
        "Turkiye",
        "Azaz",
        "Kandahar",
    ] {
        let paragraph = format!("{name} said nothing. {name} left.");
        assert_eq!(repaired(&paragraph), paragraph);
    }
}

#[test]
fn handle_glued_to_its_label_is_never_split() {
    let result = repair("Write to X:mariaamkahn today.");
    assert_eq!(result.text, "Write to X: mariaamkahn today.");
    assert_eq!(result.edits.len(), 1);
    assert_eq!(result.edits[0].pass, "spacing");
}

#[test]
fn punctuation_and_curly_quotes_around_a_token_are_kept() {
    assert_eq!(
        repaired("“Meanbwhile,” she said; (ajournalist)… ‘forExcellence’"),
        "“Meanwhile,” she said; (a journalist)… ‘for Excellence’"
    );
}

#[test]
fn edits_carry_offsets_into_the_input() {
    let paragraph = "Ask “ajournalist” and Erdo an. Meanbwhile it rained.";
    let result = repair(paragraph);
    let passes: Vec<&str> = result.edits.iter().map(|e| e.pass).collect();
    assert_eq!(passes, ["glue", "lost_letter", "typo"]);
    for edit in &result.edits {
        assert_eq!(
            &paragraph[edit.offset..edit.offset + edit.before.len()],
            edit.before
        );
        assert!(edit.confidence > 0.0 && edit.confidence <= 1.0);
        assert!(!edit.reason.is_empty());
    }
    assert_eq!(result.edits[1].before, "Erdo an");
    assert_eq!(result.edits[1].after, "Erdoğan");
}

#[test]
fn site_corrections_run_first_and_site_words_are_known() {
    let mut context = WordContext {
        corrections: vec![("Wrongname".to_string(), "Rightname".to_string())],
        ..WordContext::default()
    };
    context.add_known_word("zqxwfoo");
    let result = repair_paragraph("Then Wrongname met the zqxwfoo team.", &context);
    assert_eq!(result.text, "Then Rightname met the zqxwfoo team.");
    assert_eq!(result.edits[0].pass, "site_words");
    assert!(result.findings.is_empty());
}

#[test]
fn site_words_can_be_pieces_of_glued_words() {
    let mut context = WordContext::default();
    context.add_known_word("zqxwland");
    let result = repair_paragraph("They flew tozqxwland yesterday.", &context);
    assert_eq!(result.text, "They flew to zqxwland yesterday.");
}

#[test]
fn damaged_looking_tokens_are_reported_not_changed() {
    let paragraph = "The wor1d saw tHe change in Kabul.";
    let result = repair(paragraph);
    assert_eq!(result.text, paragraph);
    let texts: Vec<&str> = result.findings.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["wor1d", "tHe"]);
    for finding in &result.findings {
        assert_eq!(
            &paragraph[finding.offset..finding.offset + finding.text.len()],
            finding.text
        );
    }
}

#[test]
fn ambiguous_typo_is_reported() {
    let paragraph = "The claim was deined at once.";
    let result = repair(paragraph);
    assert_eq!(result.text, paragraph);
    assert_eq!(result.findings.len(), 1);
    assert_eq!(result.findings[0].pass, "typo");
}

#[test]
fn hyphenated_compounds_are_repaired_part_by_part() {
    assert_eq!(
        repaired("a well-knownjournalist spoke"),
        "a well-known journalist spoke"
    );
    assert_eq!(
        repaired("the anti-goverment protest"),
        "the anti-government protest"
    );
}

#[test]
fn rare_real_words_stay_where_web_misspellings_are_mended() {
    // `bream` (a fish) and `goverment` are both rare in wordfreq and missing from the
    // everyday dictionary; only `bream` is in the larger one, so only `goverment` is a
    // misspelling to mend (`break` is a hundred times commoner than `bream`).
    assert_eq!(
        repaired("in autumn the bream that his grandfather caught"),
        "in autumn the bream that his grandfather caught"
    );
    assert_eq!(
        repaired("the goverment said the loam was thin"),
        "the government said the loam was thin"
    );
}

#[test]
fn possessives_are_repaired_around_the_suffix() {
    assert_eq!(repaired("the goverment’s plan"), "the government’s plan");
}

#[test]
fn odd_input_never_panics() {
    for paragraph in [
        "",
        " ",
        "—",
        "’s",
        "-",
        "a-",
        "-b",
        "X:",
        "“",
        "Erdo",
        "ß ı",
        "\u{2010}x",
    ] {
        let result = repair(paragraph);
        assert_eq!(result.text.is_empty(), paragraph.is_empty());
    }
}

/// Throughput on generated prose, clean and with one defect in every few sentences; run
/// with `cargo test --release --lib clean::words::tests::throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let clean = [
        "The ministers met in the capital on Tuesday to discuss the ceasefire and the trade route.",
        "Officials said the talks had made progress, although several questions remained open.",
        "Analysts in Rawalpindi and Kandahar expect a second round before the end of the month.",
        "“We are willing to sit together,” the spokesman said, “but not at any price.”",
        "Mullah Baradar’s allies, the TTP and Turkiye’s envoy were not at the table in Doha.",
    ];
    let damaged = [
        "Meanbwhile, the opposition accused the government of ignoring the report.",
        "She is ajournalist andcommunicationsprofessional at the Centre forExcellence.",
        "The visit was announced by President Erdo an on Friday.",
    ];
    let context = WordContext::default();
    for (label, defect_every) in [("clean prose", 0), ("a defect every 10 sentences", 10)] {
        let text = generate_prose(&clean, &damaged, defect_every, 8 << 20);
        let paragraphs: Vec<&str> = text.lines().collect();
        let start = std::time::Instant::now();
        let cpu_start = thread_cpu_seconds();
        let mut edits = 0;
        for paragraph in &paragraphs {
            edits += repair_paragraph(paragraph, &context).edits.len();
        }
        let elapsed = start.elapsed();
        let mb = text.len() as f64 / 1e6;
        println!(
            "{label}: {mb:.1} MB in {elapsed:.2?}: {:.1} MB/s wall, {edits} edits",
            mb / elapsed.as_secs_f64()
        );
        if let (Some(before), Some(after)) = (cpu_start, thread_cpu_seconds()) {
            println!(
                "  {:.1} MB/s of this thread's CPU time",
                mb / (after - before)
            );
        }
        assert_eq!(edits > 0, defect_every > 0);
    }
}

/// This thread's time on a CPU so far (Linux), which a busy machine does not inflate as
/// much as wall time.
fn thread_cpu_seconds() -> Option<f64> {
    let schedstat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = schedstat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds / 1e9)
}

/// About `size` bytes of paragraphs of four sentences; every `defect_every`-th sentence
/// (if not 0) is a damaged one.
fn generate_prose(clean: &[&str], damaged: &[&str], defect_every: usize, size: usize) -> String {
    let mut text = String::with_capacity(size + 512);
    let mut sentence = 0usize;
    while text.len() < size {
        for _ in 0..4 {
            sentence += 1;
            let pick = if defect_every > 0 && sentence % defect_every == 0 {
                damaged[(sentence / defect_every) % damaged.len()]
            } else {
                clean[sentence % clean.len()]
            };
            text.push_str(pick);
            text.push(' ');
        }
        text.push('\n');
    }
    text
}

/// The shortcut for settled lower-case words skips only tokens that the full passes
/// would leave alone and not report, whatever comes next: checked for every common
/// word the shortcut settles, before a fragment, a capitalised word and nothing.
#[test]
fn settled_words_are_words_the_passes_leave_alone() {
    let context = WordContext::default();
    let lexicon = Lexicon::embedded();
    let mut checked = 0;
    for (word, entry) in lexicon.common_words() {
        if !is_plain_lower_case(word) || !vocabulary::settles_lower_case_word(Some(entry)) {
            continue;
        }
        for paragraph in [
            format!("{word} an"),
            format!("{word} Zed"),
            word.to_string(),
        ] {
            let mut repairer = ParagraphRepairer {
                paragraph: &paragraph,
                vocabulary: Vocabulary::new(lexicon, &context),
                edits: Vec::new(),
                findings: Vec::new(),
            };
            let tokens = tokenize(&paragraph);
            repairer.repair_token_fully(&tokens[0], tokens.get(1), false, None);
            let repairs = repairer.finish();
            assert!(
                repairs.edits.is_empty() && repairs.findings.is_empty(),
                "{paragraph:?}: {repairs:?}"
            );
        }
        checked += 1;
    }
    assert!(checked > 10_000, "only {checked} settled words checked");
}

/// An acronym glued to the word before it is split off when the article prints it on its
/// own elsewhere; the same paragraph alone only reports it.
#[test]
fn acronym_printed_elsewhere_in_the_article_is_split_off() {
    let context = WordContext::default();
    let paragraph = "The minister toldTNS that the talks had failed.";
    let document = [paragraph, "Later, TNS asked him about the border."];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&document), &context);
    assert_eq!(
        repairs.text,
        "The minister told TNS that the talks had failed."
    );
    assert_eq!(repairs.edits[0].before, "toldTNS");
    let alone = repair(paragraph);
    assert_eq!(alone.text, paragraph);
    assert!(alone.findings.iter().any(|f| f.text == "toldTNS"));
}

/// A slip two words fit alike is mended to the one the article prints elsewhere, and
/// only reported when it prints neither or both.
#[test]
fn a_slip_with_several_fits_is_the_one_the_article_prints() {
    let context = WordContext::default();
    let paragraph = "The officiasl said the bridge would close.";
    for (other, want) in [
        ("Two officials visited the site.", "officials"),
        ("An official visited the site.", "official"),
    ] {
        let document = [paragraph, other];
        let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&document), &context);
        assert_eq!(
            repairs.text,
            format!("The {want} said the bridge would close.")
        );
    }
    for other in [
        "Nobody visited the site.",
        "An official and two officials visited.",
    ] {
        let document = [paragraph, other];
        let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&document), &context);
        assert_eq!(repairs.text, paragraph, "{other}");
        assert!(repairs.findings.iter().any(|f| f.text == "officiasl"));
    }
}

#[test]
fn a_rare_word_the_article_prints_on_its_own_is_a_piece_of_a_glued_token() {
    let glued = "The pattern changed. Denguewasonce concentrated in the monsoon.";
    let repair_in = |paragraphs: &[&str]| {
        let document = ArticleText::new(paragraphs);
        repair_paragraph_with(
            paragraphs[0],
            Some(&document),
            &WordContext::default(),
            Lexicon::embedded(),
        )
        .text
    };
    // `dengue` is too rare for the lists alone; the article's `dengue ward` vouches for it.
    assert_eq!(
        repair_in(&[glued, "Beds stand on the dengue ward."]),
        "The pattern changed. Dengue was once concentrated in the monsoon."
    );
    assert_eq!(repair_in(&[glued, "Beds stand on the ward."]), glued);
}

/// Lines of an article that lost spaces between its words all over.
const GLUED_LINES: [&str; 3] = [
    "The ministerannounced the newschedule for the busroutes on Monday.",
    "Residents complained that thetimetable ignored the nightshifts at theharbour.",
    "Drivers said theoperators had not consulted them aboutthe changes.",
];

/// A token that is a lost space or a slip alike (`asupport`: `a support` or `support`) is
/// only reported in ordinary copy, and read as the lost space in a copy that lost spaces
/// between its words all over.
#[test]
fn a_glued_article_reads_a_tie_between_glue_and_slip_as_glue() {
    let context = WordContext::default();
    let paragraph = "The council gave asupport to the plan.";
    let glued = [paragraph, GLUED_LINES[0], GLUED_LINES[1], GLUED_LINES[2]];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&glued), &context);
    assert_eq!(repairs.text, "The council gave a support to the plan.");
    let ordinary = [
        paragraph,
        "The minister announced the new schedule for the bus routes on Monday.",
    ];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&ordinary), &context);
    assert_eq!(repairs.text, paragraph);
    assert!(repairs.findings.iter().any(|f| f.text == "asupport"));
}

/// In a copy that lost spaces all over, names glued to words are split like any glue:
/// a common name before words (`Portugalispolitically`), camel case with glue or a name
/// no list knows inside (`MondaybyStocznia`, `AnaCâmpean`), a lower-case word before a
/// name no list knows (`inGdask`), a preposition or verb before an article (`witha`).
/// Names stay: a surname's particle (`MacKenzie`), a rare
/// name made of short words (`Tomasina`), and all of it in ordinary copy.
#[test]
fn a_glued_article_splits_names_glued_to_words() {
    let context = WordContext::default();
    let paragraph =
        "On MondaybyStocznia staff met AnaCâmpean inGdask; Portugalispolitically calm, \
                     said MacKenzie and Tomasina witha note.";
    let glued = [paragraph, GLUED_LINES[0], GLUED_LINES[1], GLUED_LINES[2]];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&glued), &context);
    assert_eq!(
        repairs.text,
        "On Monday by Stocznia staff met Ana Câmpean in Gdask; Portugal is politically calm, \
         said MacKenzie and Tomasina with a note."
    );
    let ordinary = [
        paragraph,
        "The minister announced the new schedule for the bus routes on Monday.",
    ];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&ordinary), &context);
    assert_eq!(repairs.text, paragraph);
}

#[test]
fn the_rest_of_a_word_broken_by_a_lost_letter_is_no_word_to_correct() {
    // `J rgen` may be Jürgen, Jørgen or Jörgen: reported, and `rgen` is not made `gen`.
    let result = repair("J rgen Weber covers the courts.");
    assert_eq!(result.text, "J rgen Weber covers the courts.");
    assert!(result.findings.iter().any(|f| f.pass == "lost_letter"));
    // A slip in the word before it is still corrected.
    assert_eq!(
        repaired("The reporrt by J rgen Weber."),
        "The report by J rgen Weber."
    );
}

/// In a copy that lost spaces all over, a name no list holds that the article prints on
/// its own elsewhere, glued to common words after it, is split (`Ertekinsaid`). A rarer
/// word after it (`Kingsmere` beside `Kings`), a token the article prints whole twice,
/// and ordinary copy stay.
#[test]
fn a_glued_article_splits_a_name_it_prints_alone_from_the_words_after_it() {
    let context = WordContext::default();
    let paragraph = "Back home, Kjærgaardwasbornin a fishing town, and Ertekinsaid so; \
                     Kingsmere Road was closed, and Tarvason stayed.";
    let other = "Jesper Kjærgaard met Barış Ertekin, Tarvas and the Kings on the road.";
    let glued = [
        paragraph,
        other,
        GLUED_LINES[0],
        GLUED_LINES[1],
        GLUED_LINES[2],
    ];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&glued), &context);
    assert_eq!(
        repairs.text,
        "Back home, Kjærgaard was born in a fishing town, and Ertekin said so; \
         Kingsmere Road was closed, and Tarvason stayed."
    );
    // Printed whole elsewhere too: a name, whatever its letters hold.
    let twice = "Ertekinsaid is the café on the corner.";
    let glued = [
        paragraph,
        other,
        twice,
        GLUED_LINES[0],
        GLUED_LINES[1],
        GLUED_LINES[2],
    ];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&glued), &context);
    assert!(repairs.text.contains("Ertekinsaid so"), "{}", repairs.text);
    let ordinary = [paragraph, other];
    let repairs = repair_article_paragraph(paragraph, &ArticleText::new(&ordinary), &context);
    assert_eq!(repairs.text, paragraph);
}

#[test]
fn a_name_broken_after_its_capital_is_no_slip_to_mend() {
    // `D laigh` of Dálaigh: `laigh` is one slip from `laugh`, but after a capital alone it
    // is the rest of a name, and is left (a word only the web knows, as `laigh` is, is
    // left unreported; an unknown one is reported).
    assert_eq!(
        repaired("Siobhán D laigh covers the earth sciences."),
        "Siobhán D laigh covers the earth sciences."
    );
    let unknown = repair("Siobhán D laugj covers the earth sciences.");
    assert_eq!(unknown.text, "Siobhán D laugj covers the earth sciences.");
    assert!(
        unknown
            .findings
            .iter()
            .any(|f| f.reason.contains("after a capital alone")),
        "{:?}",
        unknown.findings
    );
    // After `A` or `I`, words, the slip is mended as anywhere.
    assert_eq!(repaired("I laugh and A lvel"), "I laugh and A level");
    assert_eq!(repaired("She gave a laigh."), "She gave a laugh.");
}
