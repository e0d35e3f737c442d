//! Markdown to HTML: pulldown-cmark events, transformed as events.
//!
//! The body of an article is parsed once with tables, footnotes, strikethrough, smart
//! punctuation and heading attributes, then passed through small adaptors over the event
//! list (never string surgery on the HTML):
//!
//! * `fenced_divs`: a pandoc-style `::: name` … `:::` block becomes a container. The
//!   `pullquote` one becomes `<aside class="pullquote" aria-hidden="true">` (the body already
//!   holds the quoted sentence, so screen readers must not hear it twice); any other name
//!   becomes `<div class="name">`.
//! * `heading_ids`: every heading gets a unique `id` (its slug) so it can be linked.
//! * `footnote_ids`: footnote labels become `fn-LABEL`, safe and distinct from headings.
//! * `summary_marker`: `<!--more-->` ends the summary shown on listing pages; when typed
//!   inside a paragraph it moves to the end of that block so the summary stays well formed.
//! * `pullquote_marks`: a pull-quote whose words do not open with a quote mark gets `“…”`.
//! * `table_scroll`: every table sits in a `<div class="table-scroll">` that scrolls
//!   sideways on its own (focusable, a named region), so a wide table never makes the
//!   page scroll on a phone.
//! * `autolink::link_bare_urls`: bare web addresses in text (`https://…`, `www.…`) become links; text in
//!   links, image descriptions and raw HTML links is left alone, and code is never text.
//! * `body_images`: each image becomes one `<img>` the adaptor writes itself (source under
//!   the base path, escaped alternative text and title), recorded with its destination,
//!   alternative text and file position in [`RenderedBody::images`]: the build checks
//!   them and replaces each with its responsive `<picture>` (see
//!   [`pictures`](crate::site::pictures)), and feeds keep the plain `<img>`.
//! * `site_links`: for a site served under a sub-path (`base_url =
//!   "https://me.github.io/paper/"`), a link or image written from the site's root
//!   (`[x](/articles/y/)`) is put under it (`/paper/articles/y/`), so what authors write
//!   as site paths keeps working wherever the site is published. (Raw HTML is left as
//!   typed; `copydesk check` reports a root link in it that leaves the sub-path.)
//!
//! Raw HTML typed by authors passes through: authors are trusted, and text that came from
//! raw copy was escaped by the clean stage before it got here.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::article::line_col;
use crate::diagnostic::{Diagnostic, Position};
use crate::site::autolink::link_bare_urls;
use crate::site::controls::{has_stray_control, strip_controls};
use crate::site::slug::slugify;

/// `text` without stray control characters.
fn without_controls(text: String) -> String {
    match strip_controls(&text) {
        Some((kept, _, _)) => kept,
        None => text,
    }
}

/// The comment that marks where an article's summary ends.
pub const SUMMARY_MARKER: &str = "<!--more-->";

/// An article body rendered to HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderedBody {
    pub html: String,
    /// Length of the summary prefix of `html`, when the body has a `<!--more-->` marker.
    pub summary_len: Option<usize>,
    /// Plain text before `<!--more-->`, when the body has one: the teaser of listings.
    pub summary_text: Option<String>,
    /// Plain text of the first paragraph, a fallback for descriptions.
    pub lead_text: String,
    pub words: usize,
    /// The body's images (`![alt](src)`), in order.
    pub images: Vec<BodyImage>,
}

/// An image of an article's body, as written and as first rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyImage {
    /// The destination as written (`/images/a.png`, `a.png`, `https://…`).
    pub src: String,
    /// The alternative text (the brackets' plain text), empty when there is none.
    pub alt: String,
    /// The title (`![alt](src "title")`), empty when there is none.
    pub title: String,
    /// Where the image starts in the article's file.
    pub position: Position,
    /// The exact `<img>` element it was rendered as in [`RenderedBody::html`].
    pub html: String,
}

impl RenderedBody {
    /// The HTML before `<!--more-->`, if the author marked one.
    pub fn summary(&self) -> Option<&str> {
        self.summary_len.map(|len| &self.html[..len])
    }

    /// The HTML, and what the rest of the build reads of the body without it.
    pub fn into_parts(self) -> (String, BodyFacts) {
        let summary = match self.summary_text {
            None => Summary::None,
            Some(text) if text == self.lead_text => Summary::Lead,
            Some(text) => Summary::Text(text.into_boxed_str()),
        };
        let facts = BodyFacts {
            lead_text: self.lead_text.into_boxed_str(),
            summary,
            words: self.words,
            images: self.images.into_boxed_slice(),
        };
        (self.html, facts)
    }
}

/// What listings, feeds, search and reading time need of a body, kept for every article
/// while its HTML is not (see [`crate::site::body_store`]): held for every article of a
/// build, so kept small (texts without spare capacity, a summary that is the lead
/// paragraph, as it usually is, not held twice).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyFacts {
    lead_text: Box<str>,
    summary: Summary,
    pub words: usize,
    /// The body's images, for the pictures stage (no allocation when there are none).
    pub images: Box<[BodyImage]>,
}

/// The text before `<!--more-->`.
#[derive(Debug, Clone, Default, PartialEq)]
enum Summary {
    /// No marker.
    #[default]
    None,
    /// The same as the lead paragraph.
    Lead,
    Text(Box<str>),
}

impl BodyFacts {
    /// Plain text of the first paragraph, a fallback for descriptions.
    pub fn lead_text(&self) -> &str {
        &self.lead_text
    }

    /// Plain text before `<!--more-->`, when the body has one: the teaser of listings.
    pub fn summary_text(&self) -> Option<&str> {
        match &self.summary {
            Summary::None => None,
            Summary::Lead => Some(&self.lead_text),
            Summary::Text(text) => Some(text),
        }
    }
}

/// Where a body sits in its file, to turn byte offsets into file positions.
#[derive(Debug, Clone, Copy)]
pub struct BodySource<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// 1-based line of the file on which `text` starts.
    pub first_line: usize,
}

impl BodySource<'_> {
    fn position(&self, offset: usize) -> Position {
        let (line, column) = line_col(self.text, offset);
        Position::new(self.first_line + line, column + 1)
    }
}

/// The pulldown-cmark extensions every article is parsed with.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What becomes of a bare web address in a body's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareUrls {
    /// A link to itself (what the build does; see [`link_bare_urls`]).
    Linked,
    /// Text, as CommonMark leaves it.
    AsText,
}

/// Renders a body as CommonMark with the body's block rules (pull-quotes, heading and
/// footnote ids, tables in scroll regions), for a site at the root of its host, leaving
/// bare web addresses as text; the build renders with [`render_under`], which links them.
/// Errors (an unclosed `:::` block) carry the file position; warnings (a stray closing
/// `:::`) are returned beside the result.
pub fn render(source: BodySource<'_>) -> Result<(RenderedBody, Vec<Diagnostic>), Diagnostic> {
    render_with(source, "", BareUrls::AsText)
}

/// Renders a body as the build does, for a site served under `base_path` (`/paper`;
/// empty at the root): links and images written from the site's root are put under it,
/// and bare web addresses become links.
pub fn render_under(
    source: BodySource<'_>,
    base_path: &str,
) -> Result<(RenderedBody, Vec<Diagnostic>), Diagnostic> {
    render_with(source, base_path, BareUrls::Linked)
}

/// [`render_under`], with bare web addresses linked or not.
pub fn render_with(
    source: BodySource<'_>,
    base_path: &str,
    bare_urls: BareUrls,
) -> Result<(RenderedBody, Vec<Diagnostic>), Diagnostic> {
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(source.text, parser_options())
        .into_offset_iter()
        .collect();
    let mut warnings = Vec::new();
    let events = fenced_divs(events, &source, &mut warnings)?;
    let events = footnote_ids(events);
    let events = heading_ids(events);
    let events = summary_marker(events);
    let (events, images) = body_images(events, &source, base_path);
    let events = site_links(events, base_path);
    let events = pullquote_marks(events);
    let events = table_scroll(events);
    let events = match bare_urls {
        BareUrls::Linked => link_bare_urls(events),
        BareUrls::AsText => events,
    };
    let lead_text = without_controls(lead_text(&events));
    let summary_text = summary_text(&events).map(without_controls);
    let words = count_words(source.text);
    // The loader took control characters out of the file, but a character reference
    // (`&#1;`, `&#x7f;`) makes one again when it is decoded.
    let referenced_control = events
        .iter()
        .find(|(event, _)| match event {
            Event::Text(text) | Event::Code(text) => has_stray_control(text),
            _ => false,
        })
        .map(|(_, range)| range.start);
    let mut html = String::with_capacity(source.text.len() + source.text.len() / 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
    if let Some((kept, count, _)) = strip_controls(&html) {
        html = kept;
        let position = referenced_control.map_or_else(
            || Position::new(source.first_line, 1),
            |at| source.position(at),
        );
        warnings.push(
            Diagnostic::warning(
                source.path,
                position,
                format!(
                    "{count} control character(s) written as character references (such as \
                     `&#1;`) removed: a page cannot hold them"
                ),
            )
            .with_help("delete the references to silence this warning"),
        );
    }
    let summary_len = html.find(SUMMARY_MARKER);
    Ok((
        RenderedBody {
            html,
            summary_len,
            summary_text,
            lead_text,
            words,
            images,
        },
        warnings,
    ))
}

/// Each image (its start tag, the events of its alternative text, its end tag) replaced by
/// one `<img>` written here, and recorded. The source is put under `base_path` as
/// [`site_links`] does for links; alternative text and title are escaped, never markup.
fn body_images<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    source: &BodySource<'_>,
    base_path: &str,
) -> (Vec<(Event<'a>, Range<usize>)>, Vec<BodyImage>) {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return (events, Vec::new());
    }
    let mut out = Vec::with_capacity(events.len());
    let mut images = Vec::new();
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = event
        else {
            out.push((event, range));
            continue;
        };
        let mut alt = String::new();
        let mut depth = 0usize;
        for (inner, _) in events.by_ref() {
            match inner {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => break,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                    alt.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        let alt = without_controls(alt.trim().to_string());
        let src = if dest_url.starts_with('/') && !dest_url.starts_with("//") {
            format!("{base_path}{dest_url}")
        } else {
            dest_url.to_string()
        };
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape_attribute(&src),
            escape_attribute(&alt)
        );
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape_attribute(&title)));
        }
        html.push('>');
        images.push(BodyImage {
            src: dest_url.to_string(),
            alt,
            title: title.to_string(),
            position: source.position(range.start),
            html: html.clone(),
        });
        out.push((Event::Html(CowStr::from(html)), range));
    }
    (out, images)
}

/// `text` safe inside a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    crate::site::templates::escape_html(text)
}

/// Links and images whose destination starts at the site's root (`/articles/x/`, not
/// `//host/…`) put under `base_path`; nothing changes when it is empty.
fn site_links<'a>(
    mut events: Vec<(Event<'a>, Range<usize>)>,
    base_path: &str,
) -> Vec<(Event<'a>, Range<usize>)> {
    if base_path.is_empty() {
        return events;
    }
    let under = |url: &mut CowStr<'a>| {
        if url.starts_with('/') && !url.starts_with("//") {
            *url = CowStr::from(format!("{base_path}{url}"));
        }
    };
    for (event, _) in &mut events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            under(dest_url);
        }
    }
    events
}

/// Characters a quotation may open with: a pull-quote starting with one keeps its own.
const OPENING_QUOTES: &[char] = &['“', '‘', '"', '\'', '«', '„', '‚', '‹', '「'];

/// Puts quote marks round each pull-quote whose words do not already open with one: `“`
/// at the start of its first paragraph and `”` at the end of its last (as text, so they
/// reach every reader and copy-paste, and are never doubled).
fn pullquote_marks<'a>(
    mut events: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let open = container_open("pullquote");
    let starts: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, (e, _))| matches!(e, Event::Html(html) if **html == *open))
        .map(|(i, _)| i)
        .collect();
    // From the last pull-quote back, so inserting keeps the earlier indices right.
    for start in starts.into_iter().rev() {
        let Some(length) = events[start + 1..]
            .iter()
            .position(|(e, _)| matches!(e, Event::Html(html) if html.as_ref() == "</aside>\n"))
        else {
            continue;
        };
        let inside = start + 1..start + 1 + length;
        let first = inside
            .clone()
            .find(|&i| matches!(events[i].0, Event::Start(Tag::Paragraph)));
        let last = inside
            .clone()
            .rev()
            .find(|&i| matches!(events[i].0, Event::End(TagEnd::Paragraph)));
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let quoted = match &events[first + 1].0 {
            Event::Text(text) => text.starts_with(OPENING_QUOTES),
            _ => false,
        };
        if quoted {
            continue;
        }
        let at = events[last].1.clone();
        events.insert(last, (Event::Text(CowStr::from("”")), at));
        let at = events[first].1.clone();
        events.insert(first + 1, (Event::Text(CowStr::from("“")), at));
    }
    events
}

/// Puts every table in a container that scrolls sideways on its own, so a wide table does
/// not make the whole page scroll on a phone. The container can take keyboard focus (a
/// scrolling region must, to be scrolled without a mouse) and is a named region.
fn table_scroll<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events; // most bodies: no table, nothing to copy
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut tables = 0;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                let open = format!(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table {tables}\">\n"
                );
                out.push((Event::Html(CowStr::from(open)), range.start..range.start));
                out.push((event, range));
            }
            Event::End(TagEnd::Table) => {
                let at = range.end..range.end;
                out.push((event, range));
                out.push((Event::Html(CowStr::from("</div>\n")), at));
            }
            _ => out.push((event, range)),
        }
    }
    out
}

/// What a one-line paragraph made only of colons (and maybe a name) means.
#[derive(Debug, PartialEq, Eq)]
enum Fence {
    Open(String),
    Close,
}

/// Reads `::: name`, `:::name`, `::: {.name}` or `:::`.
fn parse_fence(line: &str) -> Option<Fence> {
    let line = line.trim();
    let rest = line.trim_start_matches(':');
    if line.len() - rest.len() < 3 {
        return None;
    }
    let name = rest.trim().trim_end_matches(':').trim();
    if name.is_empty() {
        return Some(Fence::Close);
    }
    let name = name
        .strip_prefix("{.")
        .and_then(|n| n.strip_suffix('}'))
        .unwrap_or(name);
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| Fence::Open(name.to_string()))
}

/// The opening tag for a fenced div called `name`.
fn container_open(name: &str) -> String {
    if name == "pullquote" {
        "<aside class=\"pullquote\" aria-hidden=\"true\">\n".to_string()
    } else {
        format!("<div class=\"{name}\">\n")
    }
}

fn container_close(name: &str) -> &'static str {
    if name == "pullquote" {
        "</aside>\n"
    } else {
        "</div>\n"
    }
}

/// A paragraph's inline events split into lines at soft and hard breaks. Each line keeps
/// the break that ended it, so lines can be put back together unchanged.
fn paragraph_lines<'a>(
    inline: Vec<(Event<'a>, Range<usize>)>,
) -> Vec<Vec<(Event<'a>, Range<usize>)>> {
    let mut lines = vec![Vec::new()];
    for (event, range) in inline {
        let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        lines.last_mut().expect("never empty").push((event, range));
        if is_break {
            lines.push(Vec::new());
        }
    }
    lines
}

/// The fence a paragraph line spells, read from the *source* line, never from decoded
/// text: the clean stage writes a raw paragraph `::: pullquote` as `\::: pullquote`, whose
/// text decodes to the same characters but must stay text, or raw copy would become
/// markup. So the line in the file must itself start with `:::`, and every event of the
/// line must be plain text.
fn line_fence(line: &[(Event<'_>, Range<usize>)], source: &BodySource<'_>) -> Option<Fence> {
    let all_text = line
        .iter()
        .all(|(e, _)| matches!(e, Event::Text(_) | Event::SoftBreak | Event::HardBreak));
    let (_, first) = line.first()?;
    if !all_text {
        return None;
    }
    parse_fence(source_line(source.text, first.start))
}

/// The whole line of `text` holding byte `offset`, without its line end.
fn source_line(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end_matches('\r')
}

/// Cheap test before splitting a paragraph into lines: can its first or last line be a
/// fence at all? (Nearly every paragraph of a large site answers no.)
fn may_hold_fence(inline: &[(Event<'_>, Range<usize>)]) -> bool {
    let starts =
        matches!(inline.first(), Some((Event::Text(t), _)) if t.trim_start().starts_with(":::"));
    let ends = matches!(inline.last(), Some((Event::Text(t), _)) if t.trim_end().ends_with(":::"));
    starts || ends
}

/// Turns `::: name` … `:::` paragraphs into container open/close HTML events.
fn fenced_divs<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    source: &BodySource<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<(Event<'a>, Range<usize>)>, Diagnostic> {
    let mut out = Vec::with_capacity(events.len() + 4);
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            out.push((event, range));
            continue;
        }
        let start_range = range;
        let mut inline = Vec::new();
        let mut end_range = start_range.clone();
        for (event, range) in iter.by_ref() {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                end_range = range;
                break;
            }
            inline.push((event, range));
        }
        if !may_hold_fence(&inline) {
            out.push((Event::Start(Tag::Paragraph), start_range));
            out.append(&mut inline);
            out.push((Event::End(TagEnd::Paragraph), end_range));
            continue;
        }
        let mut lines = paragraph_lines(inline);
        let mut before = Vec::new();
        let mut after = Vec::new();
        if let Some(Fence::Open(name)) = lines.first().and_then(|l| line_fence(l, source)) {
            let line = lines.remove(0);
            let at = line.first().map_or(start_range.start, |(_, r)| r.start);
            before.push((Event::Html(CowStr::from(container_open(&name))), at..at));
            open.push((name, at));
        }
        if lines.last().and_then(|l| line_fence(l, source)) == Some(Fence::Close) {
            let line = lines.pop().expect("checked");
            let at = line.first().map_or(end_range.start, |(_, r)| r.start);
            match open.pop() {
                Some((name, _)) => {
                    after.push((Event::Html(CowStr::from(container_close(&name))), at..at))
                }
                None => {
                    warnings.push(Diagnostic::warning(
                        source.path,
                        source.position(at),
                        "`:::` closes no open `::: name` block; it is kept as text",
                    ));
                    lines.push(line);
                }
            }
        }
        // Drop the break that ended the last remaining line: it belonged to a fence line.
        if let Some(last) = lines.last_mut() {
            if matches!(last.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
                last.pop();
            }
        }
        out.extend(before);
        if lines.iter().any(|l| !l.is_empty()) {
            out.push((Event::Start(Tag::Paragraph), start_range));
            out.extend(lines.into_iter().flatten());
            out.push((Event::End(TagEnd::Paragraph), end_range));
        }
        out.extend(after);
    }
    if let Some((name, at)) = open.into_iter().next() {
        return Err(Diagnostic::error(
            source.path,
            source.position(at),
            format!("`::: {name}` block is never closed"),
        )
        .with_help("end it with a line holding only `:::`"));
    }
    Ok(out)
}

/// Prefixes footnote labels with `fn-` and slugs them, so they are valid unique ids.
fn footnote_ids<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let relabel = |label: &str| CowStr::from(format!("fn-{}", slugify(label)));
    events
        .into_iter()
        .map(|(event, range)| {
            let event = match event {
                Event::FootnoteReference(label) => Event::FootnoteReference(relabel(&label)),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    Event::Start(Tag::FootnoteDefinition(relabel(&label)))
                }
                other => other,
            };
            (event, range)
        })
        .collect()
}

/// Gives every heading without an explicit `{#id}` the slug of its text, made unique.
fn heading_ids<'a>(mut events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
            _ => None,
        })
        .collect();
    for index in 0..events.len() {
        if !matches!(events[index].0, Event::Start(Tag::Heading { id: None, .. })) {
            continue;
        }
        let text: String = events[index + 1..]
            .iter()
            .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = unique_id(&slugify(&text), &mut used);
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index].0 {
            *slot = Some(CowStr::from(id));
        }
    }
    events
}

/// `base`, or `base-2`, `base-3`… whichever is not yet used; records the choice.
fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

fn is_summary_marker(event: &Event<'_>) -> bool {
    match event {
        Event::Html(t) | Event::InlineHtml(t) => {
            let t = t.trim();
            t == SUMMARY_MARKER || t == "<!-- more -->"
        }
        _ => false,
    }
}

/// Keeps the first `<!--more-->` at block level: normalised in place when it is a block of
/// its own, moved after its enclosing top-level block when typed inside one. Later
/// markers are dropped.
fn summary_marker<'a>(events: Vec<(Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len() + 1);
    let mut depth = 0usize;
    let mut state = MarkerState::NotSeen;
    for (event, range) in events {
        if is_summary_marker(&event) {
            if state == MarkerState::NotSeen {
                if depth == 0 {
                    out.push((Event::Html(CowStr::from("<!--more-->\n")), range));
                    state = MarkerState::Placed;
                } else {
                    state = MarkerState::Pending;
                }
            }
            continue;
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let at = range.end;
        out.push((event, range));
        if depth == 0 && state == MarkerState::Pending {
            out.push((Event::Html(CowStr::from("<!--more-->\n")), at..at));
            state = MarkerState::Placed;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerState {
    NotSeen,
    Pending,
    Placed,
}

/// Plain text of the first top-level paragraph outside any `:::` container. A paragraph
/// that a list follows straight away is the list's label (`Key points:`), not a lead:
/// the paragraph after the list is looked for.
fn lead_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut depth = 0usize;
    let mut containers = 0usize;
    let mut text = String::new();
    let mut inside = false;
    for (at, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Html(html) if html.starts_with("<aside") || html.starts_with("<div") => {
                containers += 1
            }
            Event::Html(html) if html.starts_with("</aside") || html.starts_with("</div") => {
                containers = containers.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph) if depth == 0 && containers == 0 => {
                inside = true;
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if inside && depth == 0 {
                    let labels_a_list =
                        matches!(events.get(at + 1), Some((Event::Start(Tag::List(_)), _)));
                    if !labels_a_list {
                        break;
                    }
                    inside = false;
                    text.clear();
                }
            }
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Plain text of everything before the summary marker, outside `:::` containers, with
/// blocks separated by a space.
fn summary_text(events: &[(Event<'_>, Range<usize>)]) -> Option<String> {
    let end = events.iter().position(|(e, _)| is_summary_marker(e))?;
    let mut containers = 0usize;
    let mut text = String::new();
    for (event, _) in &events[..end] {
        match event {
            Event::Html(html) if html.starts_with("<aside") || html.starts_with("<div") => {
                containers += 1
            }
            Event::Html(html) if html.starts_with("</aside") || html.starts_with("</div") => {
                containers = containers.saturating_sub(1)
            }
            _ if containers > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // The end of a link or emphasis is no word break ("see [x](y)." stays "x.").
            Event::End(
                TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Roughly how many words a body holds, for reading time: its spaces and line ends.
/// Counting single bytes this way vectorises, so it costs next to nothing even on
/// very large sites.
fn count_words(text: &str) -> usize {
    text.bytes().filter(|&b| b == b' ' || b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::controls::is_stray_control;

    #[test]
    fn root_links_go_under_the_base_path() {
        let text = "[a](/articles/x/#y) [b](//cdn.example/b) [c](c/) [d](https://d.example/)\n\n\
                    ![i](/img/i.png) <a href=\"/raw/\">raw</a>\n";
        let source = BodySource {
            path: Path::new("a.md"),
            text,
            first_line: 1,
        };
        let (body, _) = render_under(source, "/paper").unwrap();
        for expected in [
            "href=\"/paper/articles/x/#y\"",
            "href=\"//cdn.example/b\"",
            "href=\"c/\"",
            "href=\"https://d.example/\"",
            "src=\"/paper/img/i.png\"",
            "href=\"/raw/\"",
        ] {
            assert!(body.html.contains(expected), "{expected}: {}", body.html);
        }
        let (root, _) = render(source).unwrap();
        assert!(
            root.html.contains("href=\"/articles/x/#y\""),
            "{}",
            root.html
        );
    }

    fn html(text: &str) -> String {
        render_ok(text).html
    }

    #[test]
    fn a_summary_that_is_the_lead_paragraph_is_kept_once() {
        let (_, lead_only) = render_ok("Lead words.\n\n<!--more-->\n\nMore.\n").into_parts();
        assert_eq!(lead_only.summary, Summary::Lead);
        assert_eq!(lead_only.summary_text(), Some("Lead words."));
        assert_eq!(lead_only.lead_text(), "Lead words.");
        let (_, longer) = render_ok("Lead.\n\nSecond.\n\n<!--more-->\n").into_parts();
        assert_eq!(longer.summary_text(), Some("Lead. Second."));
        assert_eq!(longer.lead_text(), "Lead.");
        let (_, none) = render_ok("Lead.\n").into_parts();
        assert_eq!(none.summary_text(), None);
    }

    fn render_ok(text: &str) -> RenderedBody {
        render(BodySource {
            path: Path::new("a.md"),
            text,
            first_line: 1,
        })
        .unwrap()
        .0
    }

    #[test]
    fn control_characters_made_by_character_references_are_removed_with_a_warning() {
        // `&#1;` decoded to U+0001 and reached the page, after the loader had taken every
        // raw control character out of the file.
        let (body, warnings) = render(BodySource {
            path: Path::new("a.md"),
            text: "Intro.\n\nBell&#7; and &#x1; [a](/x \"t&#127;\") `c&#x85;`\n",
            first_line: 5,
        })
        .unwrap();
        assert_eq!(
            body.html.chars().find(|&c| is_stray_control(c)),
            None,
            "{body:?}"
        );
        assert!(body.html.contains("Bell and "), "{}", body.html);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].position, Position::new(7, 5));
        assert!(!body.lead_text.contains('\u{7}'));
    }

    #[test]
    fn pullquote_in_one_paragraph_becomes_an_hidden_aside() {
        let out = html("Body.\n\n::: pullquote\n\"We stay,\" she said.\n:::\n\nMore.\n");
        assert_eq!(
            out,
            "<p>Body.</p>\n<aside class=\"pullquote\" aria-hidden=\"true\">\n\
             <p>“We stay,” she said.</p>\n</aside>\n<p>More.</p>\n"
        );
    }

    #[test]
    fn fences_as_separate_paragraphs_and_other_names() {
        let out = html(":::note\n\nA *note*.\n\n:::\n");
        assert_eq!(
            out,
            "<div class=\"note\">\n<p>A <em>note</em>.</p>\n</div>\n"
        );
        let out = html("::: {.box}\nx\n:::\n");
        assert!(out.starts_with("<div class=\"box\">"), "{out}");
    }

    #[test]
    fn escaped_fences_from_raw_copy_stay_text() {
        for escaped in [
            "\\::: pullquote\nWords\n\\:::\n",
            "\\:::\n",
            "\\::: {.x}\n",
            "\\:\\:\\: note\n",
        ] {
            let out = html(escaped);
            assert!(out.starts_with("<p>:::"), "{escaped:?} -> {out}");
            assert!(
                !out.contains("<aside") && !out.contains("<div"),
                "{escaped:?} -> {out}"
            );
        }
        // A real fence closed by an escaped one is unclosed, not closed.
        let err = render(BodySource {
            path: Path::new("a.md"),
            text: "::: pullquote\nWords\n\\:::\n",
            first_line: 1,
        });
        assert!(err.is_err());
    }

    #[test]
    fn raw_text_that_looks_like_a_fence_never_becomes_markup() {
        let raw = "Headline\n\nBy Ann Lee\n\nFirst paragraph of the story.\n\n::: pullquote\n\n\
                   Middle paragraph.\n\n:::\n\n::: {.x}\n\nLast paragraph.\n";
        let cleaned = crate::clean::clean_text(
            raw.as_bytes(),
            Path::new("raw.txt"),
            &crate::clean::words::WordContext::default(),
        )
        .unwrap();
        let (body, _) = render(BodySource {
            path: Path::new("a.md"),
            text: &cleaned.article.body,
            first_line: 1,
        })
        .unwrap();
        assert!(
            !body.html.contains("<aside") && !body.html.contains("<div"),
            "{}",
            body.html
        );
        // (The clean stage may also repair the words; the colons stay literal text.)
        assert_eq!(body.html.matches("<p>:::").count(), 3, "{}", body.html);
        assert!(body.html.contains("<p>:::</p>"), "{}", body.html);
        assert!(body.html.contains("<p>::: {.x}</p>"), "{}", body.html);
    }

    #[test]
    fn unclosed_fence_is_an_error_at_its_line() {
        let err = render(BodySource {
            path: Path::new("a.md"),
            text: "Intro.\n\n::: pullquote\nWords\n",
            first_line: 5,
        })
        .unwrap_err();
        assert_eq!(err.position, Position::new(7, 1));
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn stray_close_is_kept_as_text_with_a_warning() {
        let (body, warnings) = render(BodySource {
            path: Path::new("a.md"),
            text: "Intro.\n\n:::\n",
            first_line: 1,
        })
        .unwrap();
        assert_eq!(body.html, "<p>Intro.</p>\n<p>:::</p>\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].position, Position::new(3, 1));
    }

    #[test]
    fn headings_get_unique_ids_and_explicit_ids_win() {
        let out = html("## The Vote\n\n## The Vote\n\n## Other {#custom}\n");
        assert!(out.contains("<h2 id=\"the-vote\">"), "{out}");
        assert!(out.contains("<h2 id=\"the-vote-2\">"), "{out}");
        assert!(out.contains("<h2 id=\"custom\">"), "{out}");
    }

    #[test]
    fn extensions_are_on() {
        let out =
            html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ \"quoted\"[^n]\n\n[^n]: A note.\n");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains("“quoted”"), "{out}");
        assert!(out.contains("href=\"#fn-n\""), "{out}");
        assert!(out.contains("id=\"fn-n\""), "{out}");
    }

    #[test]
    fn author_html_passes_through_and_escaped_text_stays_text() {
        let out = html("<figure>x</figure>\n\nA \\<script\\> tag.\n");
        assert!(out.contains("<figure>x</figure>"), "{out}");
        assert!(out.contains("A &lt;script&gt; tag."), "{out}");
    }

    #[test]
    fn summary_ends_at_the_marker() {
        let body = render_ok("First para.\n\n<!--more-->\n\nSecond para.\n");
        assert_eq!(body.summary(), Some("<p>First para.</p>\n"));
        assert_eq!(body.lead_text, "First para.");
        assert_eq!(body.summary_text.as_deref(), Some("First para."));
        assert_eq!(render_ok("one two three\n").words, 3);
        let none = render_ok("No marker.\n");
        assert_eq!(none.summary(), None);
    }

    #[test]
    fn inline_marker_moves_to_the_end_of_its_block() {
        let body = render_ok("One <!--more--> two.\n\nThree.\n");
        assert_eq!(body.summary(), Some("<p>One  two.</p>\n"));
    }

    #[test]
    fn pullquotes_get_quote_marks_unless_they_have_them() {
        let out = html("::: pullquote\nWe stay.\n:::\n");
        assert!(out.contains("<p>“We stay.”</p>"), "{out}");
        let out = html("::: pullquote\n\"We stay,\" she said.\n:::\n");
        assert!(out.contains("<p>“We stay,” she said.</p>"), "{out}");
        let out = html("::: pullquote\nOne *two*\n\nthree.\n:::\n");
        assert!(
            out.contains("<p>“One <em>two</em></p>\n<p>three.”</p>"),
            "{out}"
        );
        let out = html("::: note\nNot a quote.\n:::\n");
        assert!(out.contains("<p>Not a quote.</p>"), "{out}");
    }

    #[test]
    fn tables_scroll_in_their_own_named_region() {
        let out = html("| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n");
        assert!(
            out.starts_with(
                "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">\n<table>"
            ),
            "{out}"
        );
        assert!(out.contains("</table>\n</div>\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 2\">"), "{out}");
        assert!(out.ends_with("</table>\n</div>\n"), "{out}");
    }

    /// The body's HTML as the build renders it (bare URLs linked).
    fn site_html(text: &str) -> String {
        let source = BodySource {
            path: Path::new("a.md"),
            text,
            first_line: 1,
        };
        render_under(source, "").unwrap().0.html
    }

    #[test]
    fn bare_urls_become_links_but_not_in_code_links_or_raw_html() {
        let out = site_html(
            "See https://a.example/x. and www.b.example, `https://code.example` \
             [https://in.example](https://in.example) <a href=\"/r\">https://raw.example</a>\n\n\
             ```\nhttps://block.example\n```\n",
        );
        assert!(
            out.contains("See <a href=\"https://a.example/x\">https://a.example/x</a>. and <a href=\"https://www.b.example\">www.b.example</a>,"),
            "{out}"
        );
        assert_eq!(out.matches("<a ").count(), 4, "{out}");
        assert!(out.contains("<code>https://code.example</code>"), "{out}");
        assert!(
            out.contains("<a href=\"/r\">https://raw.example</a>"),
            "{out}"
        );
        assert!(out.contains("https://block.example\n</code>"), "{out}");
        let out =
            site_html("A <https://angle.example> link and <script>https://x.example</script>\n");
        assert_eq!(out.matches("href=").count(), 1, "{out}");
        // Plain CommonMark rendering leaves them as text.
        assert!(!html("See https://a.example/x.\n").contains("<a "));
    }

    #[test]
    fn a_hostile_bare_url_becomes_one_escaped_link_and_nothing_else() {
        // As the clean stage writes raw copy: every markup character escaped.
        let out = site_html("See http://x.example/\\\"\\>\\<script\\>alert(1)\\</script\\> now\n");
        assert_eq!(out.matches("<a ").count(), 1, "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("<a href=\"http://x.example/\">http://x.example/</a>"),
            "{out}"
        );
    }

    #[test]
    fn summary_text_does_not_split_a_word_at_a_link_end() {
        let body = render_ok("See [the plan](/p/). Or *this*.\n\n<!--more-->\n\nMore.\n");
        assert_eq!(body.summary_text.as_deref(), Some("See the plan. Or this."));
    }

    #[test]
    fn images_are_recorded_with_their_position_and_written_escaped() {
        let text = "Intro.\n\nSee ![a <b> & \"c\"](/i/x.png \"T<\") and ![](y.jpg).\n";
        let source = BodySource {
            path: Path::new("a.md"),
            text,
            first_line: 5,
        };
        let (body, _) = render_under(source, "/paper").unwrap();
        let images: Vec<(&str, &str, &str, Position)> = body
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.alt.as_str(), i.title.as_str(), i.position))
            .collect();
        assert_eq!(
            images,
            [
                ("/i/x.png", "a <b> & “c”", "T<", Position::new(7, 5)),
                ("y.jpg", "", "", Position::new(7, 39)),
            ]
        );
        assert!(body.html.contains(&body.images[0].html), "{}", body.html);
        assert_eq!(
            body.images[0].html,
            "<img src=\"/paper/i/x.png\" alt=\"a &lt;b&gt; &amp; “c”\" title=\"T&lt;\">"
        );
        assert_eq!(body.lead_text, "Intro.");
    }

    #[test]
    fn lead_text_skips_pullquotes() {
        let body = render_ok("::: pullquote\nQuote\n:::\n\nThe *real* lead.\n");
        assert_eq!(body.lead_text, "The real lead.");
    }

    /// A list's label is no lead; a list that follows prose leaves that prose the lead.
    #[test]
    fn lead_text_skips_the_label_of_a_list() {
        let body = render_ok("Key points:\n\n- One.\n- Two.\n\nThe council voted.\n");
        assert_eq!(body.lead_text, "The council voted.");
        let body = render_ok("The council voted.\n\nIt has parts:\n\n- One.\n");
        assert_eq!(body.lead_text, "The council voted.");
    }
}
