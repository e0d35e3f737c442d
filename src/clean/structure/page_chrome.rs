//! What a news site prints around an article, copied with it when an editor selects from
//! the kicker down to the bio: share buttons, a reading time, a photo's credit line or
//! its caption ending with the credit, an advertisement's label, buttons to listen, save
//! or subscribe, a follow button, a newsletter's pitch, a link to another story, a video
//! or a list of them (`Related stories` over their headlines), topic tags, the heading
//! over the bio, and a breadcrumb where the kicker stands (`Home › Transport`).
//!
//! None of it is the article. Each kind is recognised by the words sites use for it (a
//! small lexicon, not any one site's layout) and by its shape: a short line, no sentence
//! of prose. An e-paper's jump line (`Continued on Page 11`) is furniture of the same
//! kind. [`is_page_chrome`] says whether a line is such furniture; [`breadcrumb_tail`]
//! reads the section a breadcrumb ends with.

/// Lines that are a button or label alone, compared without case.
const LONE_LABELS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the writers",
    "add a comment",
    "advertisement",
    "advertisement - scroll to continue",
    "after newsletter promotion",
    "article continues below advertisement",
    "click here to read more",
    "comments",
    "continue reading",
    "continue reading the main story",
    "copy link",
    "download our app",
    "download the app",
    "explore more on these topics",
    "follow",
    "follow us",
    "gift article",
    "gift this article",
    "leave a comment",
    "listen",
    "listen to article",
    "listen to this article",
    "listen to this story",
    "more from this author",
    "more on this story",
    "most popular",
    "most read",
    "most viewed",
    "newsletter",
    "play video",
    "read more",
    "read next",
    "recommended",
    "related articles",
    "related stories",
    "related topics",
    "report a correction",
    "report an error",
    "save",
    "save article",
    "save for later",
    "share",
    "share article",
    "share this",
    "share this article",
    "share this story",
    "sign up",
    "sign up for our newsletter",
    "sign up to our newsletter",
    "skip advertisement",
    "skip navigation",
    "skip past newsletter promotion",
    "skip to content",
    "skip to main content",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "subscribe",
    "subscribe now",
    "suggest a correction",
    "the author",
    "the authors",
    "top stories",
    "trending",
    "trending now",
    "view comments",
    "watch video",
    "you may also like",
];

/// The symbols a site sets before a play button's label.
const PLAY_SYMBOLS: &[char] = &['▶', '►', '▷', '⏵'];

/// The networks of share buttons, which a copy runs together or spaces
/// (`FacebookTwitterWhatsAppEmail`, `Facebook Twitter Email`).
const SHARE_BUTTONS: &[&str] = &[
    "copy link",
    "email",
    "facebook",
    "linkedin",
    "messenger",
    "pinterest",
    "print",
    "reddit",
    "telegram",
    "twitter",
    "whatsapp",
    "x",
];

/// Labels that open a line which links to another story or lists the article's topics.
const LINK_LABELS: &[&str] = &[
    "also read:",
    "more on this story:",
    "read also:",
    "read more:",
    "related:",
    "see also:",
    "tags:",
    "topics:",
];

/// Labels of a photo's credit line (`Photo: AFP`, `(Photograph: Staff)`).
const CREDIT_LABELS: &[&str] = &[
    "credit:",
    "illustration:",
    "image:",
    "photo:",
    "photograph:",
    "photographs:",
    "photos:",
    "picture:",
];

/// The most words a line of page furniture has.
const MOST_WORDS: usize = 14;
/// The most words a photo's caption line has, its credit included.
const MOST_CAPTION_WORDS: usize = 45;
/// The most words a credit names after its label.
const MOST_CREDIT_WORDS: usize = 4;

/// Whether `line` is furniture of a web page printed around the article.
pub fn is_page_chrome(line: &str) -> bool {
    // A button's symbol before its label (`▶ Play video`) is no letter of it.
    let line = line.trim().trim_start_matches(PLAY_SYMBOLS).trim_start();
    // Buttons and labels are capitalised (or open with a number or a bracket): a lower-case
    // word alone on a line is prose set one word a line (`share`). Asked of every line, so
    // before the line is split.
    let opens = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(');
    if !opens {
        return false;
    }
    // Words past the most a caption has are not collected: the line is no chrome.
    let words: Vec<&str> = line
        .split_whitespace()
        .take(MOST_CAPTION_WORDS + 1)
        .collect();
    if words.is_empty() || words.len() > MOST_CAPTION_WORDS {
        return false;
    }
    // Every credit label ends with a colon: a line without one is no caption (asked of
    // every line of the body, so checked before anything is lowered).
    let has_colon = memchr::memchr(b':', line.as_bytes()).is_some();
    if words.len() > MOST_WORDS {
        return has_colon && is_caption(&line.to_lowercase());
    }
    let lower = line.to_lowercase();
    LONE_LABELS.contains(&lower.as_str())
        || is_counted_label(&lower)
        || is_media_time(line)
        || CAPTION_OPENINGS.iter().any(|o| lower.starts_with(o))
        || lower == "file photo"
        || is_share_buttons(&lower)
        || is_reading_time(&words)
        || is_link_line(&lower)
        || is_credit(&lower)
        || (has_colon && is_caption(&lower))
        || is_jump_line(line, &lower)
        || is_age_notice(&lower)
        || is_newsletter_signup(&lower, words.len())
        || is_follow_button(&lower)
        || is_inbox_pitch(&lower)
        || is_agency_alone(&lower)
        || is_chrome_run(&lower)
        || (words.len() <= 5 && super::grammar::time_ago_words(&words) == words.len())
}

/// `Follow us on Facebook`, `Follow The Daily News on X`: a button naming a network.
fn is_follow_button(lower: &str) -> bool {
    lower.starts_with("follow ")
        && lower
            .rsplit_once(" on ")
            .is_some_and(|(_, network)| SHARE_BUTTONS.contains(&network.trim()))
}

/// `Get the latest news delivered to your inbox`: a newsletter's pitch standing alone,
/// no sentence of the story (those end with their stop).
fn is_inbox_pitch(lower: &str) -> bool {
    lower.contains(" to your inbox") && !lower.ends_with(['.', '"', '”'])
}

/// `(Getty Images)`, `(AFP)`: a picture's agency alone in brackets, under the picture.
fn is_agency_alone(lower: &str) -> bool {
    lower
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .is_some_and(|agency| PICTURE_AGENCIES.contains(&agency.trim()))
}

/// Separators a page sets between buttons and labels on one line.
const CHROME_SEPARATORS: &[&str] = &[" · ", " | ", " • ", " – ", " — ", " - "];

/// Buttons and labels run into one line with separators between them (`Listen to this
/// article · 6 min`, `Share | Save`, `5 min read · Comments (12)`): every part is
/// furniture on its own, or the length of what a listen button plays (`6 min`).
fn is_chrome_run(lower: &str) -> bool {
    let Some(separator) = CHROME_SEPARATORS.iter().find(|s| lower.contains(*s)) else {
        return false;
    };
    lower.split(separator).map(str::trim).all(|part| {
        let words: Vec<&str> = part.split_whitespace().collect();
        LONE_LABELS.contains(&part)
            || is_counted_label(part)
            || is_media_time(part)
            || is_reading_time(&words)
            || is_play_length(&words)
    })
}

/// `6 min`, `12 mins`, `45 sec`, `4:12 min`: how long a recording plays.
fn is_play_length(words: &[&str]) -> bool {
    let units = ["min", "mins", "minutes", "sec", "secs", "seconds"];
    matches!(words, [n, unit]
        if (n.bytes().all(|b| b.is_ascii_digit()) || is_media_time(n)) && units.contains(unit))
}

/// A newsletter's sign-up line (`Sign up for our climate newsletter`, `Subscribe to The
/// Morning Brief newsletter`): a short line that opens with the call and names a
/// newsletter. The pitch under it is [`is_newsletter_pitch`].
fn is_newsletter_signup(lower: &str, words: usize) -> bool {
    words <= 10
        && (lower.starts_with("sign up") || lower.starts_with("subscribe"))
        && lower.contains("newsletter")
        && !lower.trim_end().ends_with('.')
}

/// Words of a newsletter's pitch (`Get the week's stories delivered to your inbox`).
const PITCH_WORDS: &[&str] = &[
    "inbox",
    "newsletter",
    "privacy notice",
    "privacy policy",
    "sign up",
    "subscribe",
    "unsubscribe",
    "email address",
];

/// The most words a newsletter's pitch line has.
const MOST_PITCH_WORDS: usize = 30;

/// Whether `line`, under a newsletter's sign-up line, is its pitch or form (`Get the
/// week's most important stories delivered to your inbox`, `Enter your email address`):
/// short, and in the words of a promotion. Only asked of the lines under a sign-up.
pub fn is_newsletter_pitch(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.split_whitespace().count() <= MOST_PITCH_WORDS
        && PITCH_WORDS.iter().any(|word| lower.contains(word))
}

/// Whether `line` (a trimmed line already taken for furniture) is a newsletter's
/// sign-up, under which its pitch may follow.
pub fn signs_up(line: &str) -> bool {
    is_newsletter_signup(&line.to_lowercase(), line.split_whitespace().count())
}

/// How a site opens a photo's caption or source with a comma (`Image caption, The
/// bridge was built in 1902`), as a screen reader hears it.
const CAPTION_OPENINGS: &[&str] = &["image caption, ", "image source, ", "media caption, "];

/// A label with a count after it (`Comments (12)`, `Most read (5)`).
fn is_counted_label(lower: &str) -> bool {
    let figure =
        |count: &str| !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit() || b == b',');
    lower
        .strip_suffix(')')
        .and_then(|l| l.rsplit_once(" ("))
        .is_some_and(|(label, count)| figure(count) && LONE_LABELS.contains(&label))
        // A count before its label: `226 comments`, `1 comment`.
        || lower
            .split_once(' ')
            .is_some_and(|(count, label)| figure(count) && matches!(label, "comments" | "comment"))
}

/// An audio or video player's clock (`00:00 / 04:12`, `4:12`).
fn is_media_time(line: &str) -> bool {
    let clock = |t: &str| {
        let mut parts = t.split(':');
        let (Some(m), Some(sec), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        (1..=2).contains(&m.len())
            && sec.len() == 2
            && m.bytes().chain(sec.bytes()).all(|b| b.is_ascii_digit())
    };
    match line.split_once(" / ") {
        Some((a, b)) => clock(a.trim()) && clock(b.trim()),
        None => clock(line),
    }
}

/// How many lines, from the first of `lines` (a block of the page, trimmed), are a site's
/// furniture under a marker: a newsletter's promotion between `Skip past newsletter
/// promotion` and `after newsletter promotion`, the topics listed under `Explore more
/// on these topics` (short capitalised lines that end no sentence), or the headlines
/// of other stories under `Related stories` or `More from Markets`. 0 when the block
/// opens with no marker.
pub fn block_after_marker(lines: &[&str]) -> usize {
    if !lines.first().is_some_and(|l| opens_marked_block(l)) {
        return 0;
    }
    let Some(first) = lines.first().map(|l| l.to_lowercase()) else {
        return 0;
    };
    if let Some(topic) = first.strip_prefix("skip past ") {
        let close = format!("after {topic}");
        return lines
            .iter()
            .take(MOST_MARKED_LINES)
            .position(|l| l.eq_ignore_ascii_case(&close))
            .map_or(0, |end| end + 1);
    }
    if first.starts_with("more from ") || LINK_LIST_MARKERS.contains(&first.as_str()) {
        // Headlines: capitalised, a few words, no full stop or a clause's comma at the end.
        return 1 + lines[1..]
            .iter()
            .take(MOST_MARKED_LINES)
            .take_while(|l| {
                let words = l.split_whitespace().count();
                (2..=MOST_HEADLINE_WORDS).contains(&words)
                    && l.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    && !l.ends_with(['.', ',', ':', ';'])
            })
            .count();
    }
    if TOPIC_MARKERS.contains(&first.as_str()) {
        return 1 + lines[1..]
            .iter()
            .take(MOST_MARKED_LINES)
            .take_while(|l| {
                let words = l.split_whitespace().count();
                (1..=4).contains(&words)
                    && l.starts_with(char::is_uppercase)
                    && !l.ends_with(['.', '?', '!', ',', ':'])
            })
            .count();
    }
    0
}

/// Whether `line` (trimmed) is a marker [`block_after_marker`] reads a block under:
/// asked of every line, so compared without lowering or allocating.
pub fn opens_marked_block(line: &str) -> bool {
    let starts = |prefix: &str| {
        line.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    line.len() <= 40
        && (starts("skip past ")
            || (starts("more from ") && !line.contains([',', '.', '!', '?', ':']))
            || TOPIC_MARKERS.iter().any(|m| line.eq_ignore_ascii_case(m))
            || LINK_LIST_MARKERS
                .iter()
                .any(|m| line.eq_ignore_ascii_case(m)))
}

/// Markers a site sets over a list of links to its other stories (`Related stories`,
/// `More from Markets`), each a headline on its own line.
const LINK_LIST_MARKERS: &[&str] = &[
    "more on this story",
    "more stories",
    "most popular",
    "most read",
    "most shared",
    "most viewed",
    "read next",
    "recommended",
    "related articles",
    "related stories",
    "top stories",
    "trending",
    "trending now",
    "you may also like",
    "you might also like",
];

/// The most words a linked headline in such a list has.
const MOST_HEADLINE_WORDS: usize = 16;

/// The most lines a marked block of furniture spans.
const MOST_MARKED_LINES: usize = 12;

/// Markers a site sets over a list of its topics.
const TOPIC_MARKERS: &[&str] = &["explore more on these topics", "related topics", "topics"];

/// Openings of the notice a site sets over an old article (`This article is more than 2
/// years old`).
const AGE_NOTICE_OPENINGS: &[&str] = &[
    "this article is more than",
    "this article is over",
    "this article was published more than",
    "this story is more than",
    "this story is over",
    "this story was published more than",
];

/// `This article is more than 2 years old`, `This story was published more than a year
/// ago`: an opening, a few words, `old` or `ago`.
fn is_age_notice(lower: &str) -> bool {
    AGE_NOTICE_OPENINGS.iter().any(|opening| {
        lower.strip_prefix(opening).is_some_and(|rest| {
            let rest = rest.trim_end_matches('.');
            (rest.ends_with(" old") || rest.ends_with(" ago"))
                && rest.split_whitespace().count() <= 4
        })
    })
}

/// A photo's caption that ends with its credit: `Trucks wait at the crossing. Photo:
/// AFP`, `The mayor at the opening (Photograph: Staff)`, `… | Image: Supplied`. The
/// credit after a sentence's end, a bracket or a bar, and a credit's few words after it.
fn is_caption(lower: &str) -> bool {
    CREDIT_LABELS.iter().any(|label| {
        lower.rmatch_indices(label).any(|(at, _)| {
            let before = lower[..at].trim_end();
            let opens = before.ends_with(['.', '(', '|', '—', '–', '/']);
            let credit = lower[at + label.len()..].trim_end_matches(')');
            let words = credit.split_whitespace().count();
            at > 0
                && opens
                && (1..=MOST_CREDIT_WORDS).contains(&words)
                && !credit.contains(". ")
                && !credit.trim_end().ends_with(['.', '!', '?'])
        })
    })
}

/// Openings of a jump line, which sends the reader to the page an article goes on on or
/// came from (`Continued on Page 11`, `CONTINUED FROM PAGE 1`, `Turn to Page 4`).
const JUMP_OPENINGS: &[&str] = &[
    "continued from page",
    "continued on page",
    "continues on page",
    "from page",
    "see page",
    "turn to page",
];

/// Whether `line` is a jump line that says where the story came from (`From Page 1`,
/// `BRIDGE, from Page A1`): the line under which a continued story goes on.
pub fn is_jump_from(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    is_jump_line(line.trim(), &lower) && lower.contains("from page")
}

/// `Continued on Page 11`, `Turn to Page 4, Col. 2`: a jump opening, then a page number
/// and at most a few more words (a column, a section's name). The story's keyword in
/// capitals may stand before it or after `See` (`See BRIDGE, Page 4`, `BRIDGE, from
/// Page 1`); `lower` is `line` in lower case.
fn is_jump_line(line: &str, lower: &str) -> bool {
    let keyed = lower
        .find("page ")
        .filter(|&at| at > 0 && line.is_char_boundary(at))
        .and_then(|at| {
            // The keyword is in capitals: `See` and `from` are not.
            let shouted = line[..at]
                .split_whitespace()
                .filter(|w| !w.eq_ignore_ascii_case("see") && !w.eq_ignore_ascii_case("from"))
                .filter(|w| !w.eq_ignore_ascii_case("on"))
                .all(|w| !w.chars().any(char::is_lowercase));
            let head = lower[..at].trim_end();
            let keyword = head
                .strip_prefix("see ")
                .unwrap_or(head)
                .trim_end_matches(" from")
                .trim_end_matches(" on")
                .trim_end_matches(',');
            let words = keyword.split_whitespace().count();
            let tail = if head.ends_with(" from") || head.starts_with("from") {
                "from page"
            } else {
                "see page"
            };
            (shouted
                && (1..=3).contains(&words)
                && keyword
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-'))
            .then(|| format!("{tail} {}", &lower[at + 5..]))
        });
    let lower = keyed.as_deref().unwrap_or(lower);
    JUMP_OPENINGS.iter().any(|opening| {
        lower.strip_prefix(opening).is_some_and(|rest| {
            let mut words = rest.split_whitespace();
            let page = words
                .next()
                .map(|w| w.trim_end_matches([',', '.', ';', ':']));
            page.is_some_and(|p| {
                !p.is_empty()
                    && p.len() <= 4
                    && p.chars().all(|c| c.is_ascii_alphanumeric())
                    && p.chars().any(|c| c.is_ascii_digit())
            }) && words.count() <= 3
        })
    })
}

/// `Facebook Twitter WhatsApp Email`, or the same run together: two buttons or more; or
/// one after `Share on` (`Share on X`).
fn is_share_buttons(lower: &str) -> bool {
    if let Some(network) = lower.strip_prefix("share on ") {
        return SHARE_BUTTONS.contains(&network.trim());
    }
    let mut rest: &str = lower;
    let mut buttons = 0;
    while !rest.is_empty() {
        rest = rest.trim_start_matches([' ', '|', '·', '•']);
        if rest.is_empty() {
            break;
        }
        // The longest button name the rest starts with (`whatsapp` before `x`).
        let Some(button) = SHARE_BUTTONS
            .iter()
            .filter(|b| rest.starts_with(*b))
            .max_by_key(|b| b.len())
        else {
            return false;
        };
        rest = &rest[button.len()..];
        buttons += 1;
    }
    buttons >= 2
}

/// `5 min read`, `4 minute read`, `Reading time: 3 minutes`.
pub(super) fn is_reading_time(words: &[&str]) -> bool {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let minutes = |w: &str| matches!(w, "min" | "mins" | "minute" | "minutes");
    match lower.as_slice() {
        [n, unit, "read"] => n.chars().all(|c| c.is_ascii_digit()) && minutes(unit),
        ["reading", "time:", n, unit] => n.chars().all(|c| c.is_ascii_digit()) && minutes(unit),
        _ => false,
    }
}

/// `Read more: Port strike enters its second week`, `Tags: Food, Business`: a label,
/// then a headline or a list, not a sentence (no full stop after its first word).
fn is_link_line(lower: &str) -> bool {
    LINK_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim();
            !rest.is_empty() && !rest.trim_end_matches('.').contains(". ")
        })
    }) || MEDIA_LINK_LABELS.iter().any(|label| {
        // A link to a video or a recording names it as a headline does, with no stop: a
        // sentence may open with the same word and a colon (`Watch: that is all…`).
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim();
            !rest.is_empty() && !rest.ends_with(['.', '!', '?', '"', '”'])
        })
    })
}

/// Labels that open a link to a video or a recording (`Watch: Residents react`, `Audio:
/// listen to this story`).
const MEDIA_LINK_LABELS: &[&str] = &["audio:", "listen:", "podcast:", "video:", "watch:"];

/// `Photo: AFP`, `(Photograph: Staff)`, `Image: Supplied`: a credit label and a few words.
fn is_credit(lower: &str) -> bool {
    let inner = lower
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .unwrap_or(lower);
    CREDIT_LABELS.iter().any(|label| {
        inner.strip_prefix(label).is_some_and(|rest| {
            let words = rest.split_whitespace().count();
            (1..=MOST_CREDIT_WORDS).contains(&words) && !rest.contains(". ")
        })
    })
}

/// Picture agencies and the words a credit names them by, compared without case: a
/// caption a site ends with one (`Fishing boats in the harbour, Getty Images`) has no
/// label before it.
const PICTURE_AGENCIES: &[&str] = &[
    "afp",
    "afp via getty images",
    "alamy",
    "anadolu",
    "ap",
    "ap photo",
    "bloomberg",
    "epa",
    "epa-efe",
    "file photo",
    "getty",
    "getty images",
    "pa",
    "pa media",
    "pa wire",
    "reuters",
    "shutterstock",
    "xinhua",
];

/// The last words of [`PICTURE_AGENCIES`]: a line ending with none of them is no
/// agency's caption, asked before the line is lowered.
const AGENCY_LAST_WORDS: &[&str] = &[
    "afp",
    "alamy",
    "anadolu",
    "ap",
    "bloomberg",
    "epa",
    "epa-efe",
    "getty",
    "images",
    "media",
    "pa",
    "photo",
    "reuters",
    "shutterstock",
    "wire",
    "xinhua",
];

/// The most words of a caption that ends with an agency's name.
const MOST_AGENCY_CAPTION_WORDS: usize = 40;

/// Whether `line` is a photo's caption that ends with its agency's name and no label:
/// `Fishing boats in the inner harbour, Getty Images`, `The mayor on Monday / AFP`. No
/// sentence's end after the name, a comma, slash, bar or dash before it, and words
/// before that. A line of wrapped prose may end so too: the caller asks it only of a
/// line standing alone, after a sentence's end and before a new one.
pub fn ends_with_agency_credit(line: &str) -> bool {
    let line = line.trim();
    // Asked of many lines: the last word is compared before anything is lowered.
    if line.ends_with(['.', '!', '?', ',', ';', ':'])
        || !line.starts_with(|c: char| c.is_uppercase())
    {
        return false;
    }
    let last = line
        .rsplit([' ', '(', '/', '|'])
        .next()
        .unwrap_or(line)
        .trim_end_matches(')');
    if !AGENCY_LAST_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(last))
        || line.split_whitespace().count() > MOST_AGENCY_CAPTION_WORDS
    {
        return false;
    }
    let lower = line.to_lowercase();
    let (lower, bracketed) = match lower.strip_suffix(')') {
        Some(inner) => (inner, true),
        None => (lower.as_str(), false),
    };
    PICTURE_AGENCIES.iter().any(|agency| {
        lower.strip_suffix(agency).is_some_and(|before| {
            let caption = match bracketed {
                true => before.strip_suffix('('),
                false => {
                    let before = before.trim_end();
                    let caption = before.trim_end_matches([',', '/', '|', '—', '–', '-']);
                    (caption.len() < before.len()).then_some(caption)
                }
            };
            caption.is_some_and(|c| c.split_whitespace().count() >= 3)
        })
    })
}

/// Labels a site may set before the bio on its first line (`About the author: Jane Doe
/// is …`), compared without case.
const BIO_LABELS: &[&str] = &[
    "about the author:",
    "about the authors:",
    "about the writer:",
    "about the writers:",
    "author bio:",
];

/// The length in bytes of a bio label `line` opens with, and the spaces after it; 0 when
/// it opens with none.
pub fn bio_label_len(line: &str) -> usize {
    BIO_LABELS
        .iter()
        .find(|label| {
            line.get(..label.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(label))
        })
        .map_or(0, |label| {
            let rest = &line[label.len()..];
            label.len() + (rest.len() - rest.trim_start().len())
        })
}

/// The section a breadcrumb ends with (`Home › Transport` → `Transport`, `News / World /
/// Asia` → `Asia`, `Business › Markets` → `Markets`): two crumbs or more, each a short
/// name, the first `Home` or `News`, or every one capitalised between the marks only
/// breadcrumbs use (`›`, `»`).
pub fn breadcrumb_tail(line: &str) -> Option<&str> {
    let crumbs: Vec<&str> = line
        .split(['›', '»', '>', '/', '|'])
        .map(str::trim)
        .collect();
    let opens = crumbs
        .first()
        .is_some_and(|c| c.eq_ignore_ascii_case("home") || c.eq_ignore_ascii_case("news"));
    let marked = line.contains(['›', '»'])
        && !line.contains(['>', '/', '|'])
        && crumbs.iter().all(|c| c.starts_with(char::is_uppercase));
    let short = |c: &&str| !c.is_empty() && c.split_whitespace().count() <= 4;
    (crumbs.len() >= 2 && (opens || marked) && crumbs.iter().all(short))
        .then(|| crumbs[crumbs.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_run_into_one_line_are_chrome_and_so_is_a_newsletter_sign_up() {
        for line in [
            "Listen to this article · 6 min",
            "Listen to this article · 4:12 min",
            "Audio: listen to this story",
            "Follow",
            "Skip to main content",
            "Share | Save",
            "5 min read • Comments (12)",
            "Sign up for our climate newsletter",
            "Subscribe to The Morning Brief newsletter",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
        for line in [
            "Politics | Economy",
            "Share - 6 apples",
            "Subscribe to the newsletter, she urged her readers.",
            "Sign up here",
            "Listen to this article · 6 min of silence",
            "Audio: the tapes were never found.",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
        assert!(is_newsletter_pitch("Enter your email address"));
        assert!(!is_newsletter_pitch("The council voted on Tuesday."));
    }

    #[test]
    fn a_players_clock_a_counted_label_and_a_spoken_caption_are_chrome() {
        for line in [
            "00:00 / 04:12",
            "4:12",
            "Comments (12)",
            "Image caption, The bridge was built in 1902",
            "Skip past newsletter promotion",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
        for line in [
            "10:32 BST",
            "Comments (many)",
            "Chapter (12)",
            "4:1",
            "Image, caption",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
        let promo = [
            "Skip past newsletter promotion",
            "Sign up to First Edition",
            "after newsletter promotion",
            "The council said so.",
        ];
        assert_eq!(block_after_marker(&promo), 3);
        let topics = [
            "Explore more on these topics",
            "Transport",
            "Local government",
            "The end.",
        ];
        assert_eq!(block_after_marker(&topics), 3);
        // Other stories' headlines under `Related stories` or `More from Markets`.
        let related = [
            "Related stories",
            "Lithium boom reshapes the Atacama",
            "Why copper is the new oil?",
            "Traders said the market would stay tight.",
        ];
        assert_eq!(block_after_marker(&related), 3);
        assert_eq!(
            block_after_marker(&["More from Markets", "Chile's pits go quiet", "Prices rise"]),
            3
        );
        assert_eq!(block_after_marker(&["More from the council, he said."]), 0);
        // No closing marker: nothing is taken.
        assert_eq!(block_after_marker(&promo[..2]), 0);
        assert_eq!(block_after_marker(&["Transport", "Local government"]), 0);
    }

    #[test]
    fn a_jump_line_may_carry_the_storys_keyword() {
        for line in [
            "See BRIDGE, Page 4",
            "See BRIDGE on Page A4",
            "BRIDGE, from Page 1",
            "CITY HALL from page A1",
            "Continued on Page 11",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
        assert!(is_jump_from("BRIDGE, from Page 1"));
        assert!(is_jump_from("From Page 1"));
        assert!(!is_jump_from("See BRIDGE, Page 4"));
        // Prose that ends at a page, wrapped on its line, is no jump.
        for line in [
            "in the report, on page 12.",
            "The front page 4",
            "He turned the page 3",
            "See the page 4",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
    }

    #[test]
    fn breadcrumbs_name_their_section_last() {
        assert_eq!(breadcrumb_tail("Home › Transport"), Some("Transport"));
        assert_eq!(breadcrumb_tail("News / World / Asia"), Some("Asia"));
        assert_eq!(breadcrumb_tail("Business › Markets"), Some("Markets"));
        assert_eq!(breadcrumb_tail("Sport » Cricket"), Some("Cricket"));
        // Without `Home` or `News` first, only the marks breadcrumbs alone use count, and
        // every crumb must be a name.
        assert_eq!(breadcrumb_tail("Business / Markets"), None);
        assert_eq!(breadcrumb_tail("Sales » rose sharply"), None);
        assert_eq!(breadcrumb_tail("Markets"), None);
    }

    #[test]
    fn a_pages_buttons_labels_and_links_are_chrome() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "Sponsored",
            "Share this article",
            "FacebookTwitterWhatsAppEmail",
            "Facebook Twitter WhatsApp Email",
            "Share on X",
            "5 min read",
            "Reading time: 3 minutes",
            "Read more: Port strike enters its second week as talks stall",
            "Tags: Food, Business",
            "More on this story: Environment, Politics",
            "(Photo: Reuters)",
            "Photograph: Staff",
            "Image: Supplied",
            "File photo",
            "About the author",
            "Continued on Page 11",
            "CONTINUED FROM PAGE 1",
            "Turn to Page 4, Col. 2",
            "See Page A7",
            "Listen to this article",
            "Sign up for our newsletter",
            "Save article",
            "This article is more than 2 years old",
            "This story was published more than a year ago",
            "Trucks wait at the Torkham crossing. Photo: AFP",
            "The mayor cuts the ribbon at the new bridge on Monday (Photograph: Staff)",
            "Fishermen mend their nets at dawn in the harbour of the old town, where the catch has fallen by a third in ten years | Image: Supplied",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
    }

    #[test]
    fn every_agency_ends_with_a_listed_last_word() {
        for agency in PICTURE_AGENCIES {
            let last = agency.rsplit(' ').next().unwrap();
            assert!(AGENCY_LAST_WORDS.contains(&last), "{agency}");
        }
    }

    #[test]
    fn a_caption_may_end_with_its_agency_and_no_label() {
        for line in [
            "Fishing boats moored in the inner harbour, Getty Images",
            "The mayor cuts the ribbon on Monday / AFP",
            "Crews at work on the outer channel (Reuters)",
            "Protesters outside the court - AFP via Getty Images",
        ] {
            assert!(ends_with_agency_credit(line), "{line}");
        }
        for line in [
            "The agency said it had bought the pictures from Getty Images.",
            "Shares in the firm fell after a report by Reuters",
            "said the photographer, Getty",
            "and the rest went to AFP",
            "Reuters",
        ] {
            assert!(!ends_with_agency_credit(line), "{line}");
        }
    }

    #[test]
    fn a_bio_label_is_measured_to_the_bio_after_it() {
        assert_eq!(bio_label_len("About the author: Jane Doe is"), 18);
        assert_eq!(bio_label_len("ABOUT THE WRITER:  Jane"), 19);
        assert_eq!(bio_label_len("About the authors of the report"), 0);
        assert_eq!(bio_label_len("Jane Doe is"), 0);
    }

    #[test]
    fn prose_and_names_are_not_chrome() {
        for line in [
            "Share prices fell on Monday.",
            "Email",
            "Related: the council said it would look again. It did not.",
            "Photo: the mayor at the opening of the bridge, which took two years to build.",
            "Twitter users complained about the change.",
            "The author lives in Lahore.",
            "Sponsored walks raised money for the hospital.",
            "X",
            "share",
            "advertisement",
            "Continued on page after page of the report, the row went on.",
            "See page",
            "From page one he was hooked",
            "Save the date.",
            "Subscribers can read more.",
            "The photo: a man on a bridge.",
            "He said the agency had sent the photo. Photo: it was blurred, he said.",
            "This article is more than a list of what went wrong at the port.",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
    }

    #[test]
    fn a_breadcrumb_gives_its_last_crumb() {
        assert_eq!(breadcrumb_tail("Home › Transport"), Some("Transport"));
        assert_eq!(breadcrumb_tail("News / World / Asia"), Some("Asia"));
        assert_eq!(breadcrumb_tail("Transport"), None);
        assert_eq!(breadcrumb_tail("Home is where the heart is"), None);
        assert_eq!(breadcrumb_tail("Home › "), None);
    }
}
