//! Pass 8, emit: paragraphs and pull-quotes become a CommonMark body.
//!
//! Raw text is untrusted: whatever it holds (`<script>`, `*`, `_`, `#`, `[x](y)`, a leading
//! `1.` or `>`, `---`, backticks, entities) must stay literal text. Each paragraph is
//! therefore built as a comrak AST (a paragraph holding one text node) and written by
//! comrak's CommonMark formatter, which escapes everything significant. A pull-quote is
//! the pandoc-style fenced div that comrak's `block_directive` extension also reads:
//!
//! ```text
//! ::: pullquote
//! “The quoted words,” the speaker said.
//! :::
//! ```
//!
//! A paragraph the raw text opened with a bullet (`• `) is a list item: `- ` and its
//! text, escaped like a paragraph's, with the items of one list under one another.
//!
//! The formatter does not escape a leading `:` (plain CommonMark gives it no meaning), so
//! a paragraph that would open or close a fence gets a backslash before it.
//!
//! Most paragraphs of prose hold no character the formatter would ever escape: letters,
//! digits, spaces, non-ASCII text and a few inert punctuation marks, starting with a
//! letter or a non-ASCII character. For those (`is_inert`) comrak's output is the text itself, so it is copied
//! straight into the body; building and formatting a tree for them was a quarter of the
//! clean stage's time. A differential test holds the shortcut to comrak's own output, for
//! every string of a nasty alphabet up to three characters and many longer ones.
//! [`parse_body`] reads a body back into blocks; the round trip is tested below.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    Paragraph(String),
    PullQuote(String),
    /// One item of a bulleted list (`• The depot closes by 2027.` in the raw text); items
    /// next to each other make one list.
    ListItem(String),
}

/// Characters a line opens with, then a space, when it is an item of a bulleted list.
pub const BULLETS: [char; 8] = ['•', '●', '▪', '■', '◦', '‣', '⁃', '∙'];

/// The text of a list item, when `paragraph` opens with a bullet and a space.
pub fn list_item_text(paragraph: &str) -> Option<&str> {
    let rest = paragraph.strip_prefix(BULLETS)?;
    let text = rest.strip_prefix([' ', '\u{a0}', '\t'])?.trim_start();
    (!text.is_empty()).then_some(text)
}

/// The fence info of a pull-quote.
pub const PULL_QUOTE_CLASS: &str = "pullquote";

/// Writes `blocks` as a CommonMark body: blocks separated by blank lines, ending in `\n`.
/// One arena holds every paragraph's nodes, and comrak writes straight into the body.
pub fn emit_body(blocks: &[BodyBlock]) -> String {
    let options = formatter_options();
    let arena = Arena::new();
    let mut out = String::with_capacity(blocks.iter().map(block_len).sum::<usize>() * 9 / 8);
    let mut previous: Option<&BodyBlock> = None;
    for block in blocks {
        // A list's items are written one under another, with no blank line between.
        let in_list = matches!(
            (previous, block),
            (Some(BodyBlock::ListItem(_)), BodyBlock::ListItem(_))
        );
        if !out.is_empty() && !in_list {
            out.push('\n');
        }
        previous = Some(block);
        match block {
            BodyBlock::Paragraph(text) => push_escaped_paragraph(text, &arena, &options, &mut out),
            BodyBlock::ListItem(text) => {
                out.push_str("- ");
                let at = out.len();
                push_escaped_paragraph(text, &arena, &options, &mut out);
                if out.len() == at {
                    out.truncate(at - 2);
                }
            }
            BodyBlock::PullQuote(text) => {
                out.push_str("::: ");
                out.push_str(PULL_QUOTE_CLASS);
                out.push('\n');
                push_escaped_paragraph(text, &arena, &options, &mut out);
                out.push_str(":::\n");
            }
        }
    }
    out
}

fn block_len(block: &BodyBlock) -> usize {
    match block {
        BodyBlock::Paragraph(text) => text.len() + 2,
        BodyBlock::PullQuote(text) => text.len() + 20,
        BodyBlock::ListItem(text) => text.len() + 3,
    }
}

/// The formatter knows the extensions the build stage parses with (tables, strikethrough,
/// footnotes), so it escapes their syntax too (`~`, `|`, `[^`).
fn formatter_options() -> Options<'static> {
    let mut options = Options::default();
    options.render.width = 0;
    options.extension.block_directive = true;
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.footnotes = true;
    options
}

/// Appends one paragraph of literal text as CommonMark, ending in `\n`, to `out` (nothing
/// for a blank paragraph). Runs of whitespace become single spaces first.
fn push_escaped_paragraph<'a>(
    text: &str,
    arena: &'a Arena<'a>,
    options: &Options<'_>,
    out: &mut String,
) {
    if is_inert(text) && is_single_spaced(text) {
        out.push_str(text);
        out.push('\n');
        return;
    }
    let text = single_spaced(text);
    if text.is_empty() {
        return;
    }
    if is_inert(&text) {
        out.push_str(&text);
        out.push('\n');
        return;
    }
    push_formatted_by_comrak(&text, arena, options, out);
}

/// True when comrak's formatter would write `text` (single-spaced, not empty) exactly as
/// it is: it starts with an ASCII letter or a non-ASCII character (`“`, `É`), so no block
/// syntax can open it, and
/// every other ASCII character is alphanumeric, a space or punctuation the formatter
/// never escapes in mid-line. Anything else (`*`, `_`, `[`, `<`, `&`, `#`, `!`, `` ` ``,
/// `~`, `\\`, `|`, a leading digit or mark...) goes through comrak.
fn is_inert(text: &str) -> bool {
    let bytes = text.as_bytes();
    let opens_safely = bytes
        .first()
        .is_some_and(|&b| !b.is_ascii() || b.is_ascii_alphabetic());
    // Blocks of 32 bytes are tested without a branch per byte, so the test runs as
    // vector compares; a block with a marked byte ends the scan.
    opens_safely
        && bytes.chunks(32).all(|block| {
            block
                .iter()
                .fold(true, |inert, &b| inert & is_inert_byte(b))
        })
}

/// [`INERT_BYTES`] as compares the compiler can run on many bytes at once (a table
/// lookup is one byte at a time): the marked ASCII bytes are the controls, `!#&*<>@`,
/// `` [\]^_` `` and `{|}~` with DEL. A test holds the two to each other for every byte.
const fn is_inert_byte(b: u8) -> bool {
    let marked = b < 0x20
        || b == b'!'
        || b == b'#'
        || b == b'&'
        || b == b'*'
        || b == b'<'
        || b == b'>'
        || b == b'@'
        || (b >= b'[' && b <= b'`')
        || (b >= b'{' && b <= 0x7F);
    !marked
}

/// For each byte, whether it may stand anywhere after the first in an inert paragraph:
/// every non-ASCII byte, ASCII letters and digits, the space and `,.;:'"?()/%$-+=`. The
/// plain statement of the rule that [`is_inert_byte`] computes.
#[cfg(test)]
const INERT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = !byte.is_ascii()
            || byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b' ' | b','
                    | b'.'
                    | b';'
                    | b':'
                    | b'\''
                    | b'"'
                    | b'?'
                    | b'('
                    | b')'
                    | b'/'
                    | b'%'
                    | b'$'
                    | b'-'
                    | b'+'
                    | b'='
            );
        b += 1;
    }
    table
};

/// `text` is already what [`single_spaced`] would make of it (given that [`is_inert`]
/// holds, so its only ASCII whitespace is the space and it does not start with one).
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    !text.ends_with(' ')
        && !text.contains("  ")
        // Only these lead bytes start a non-ASCII space (U+0085, U+00A0, U+1680,
        // U+2000 to U+205F, U+3000); other characters need no decoding.
        && memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes)
            .chain(memchr::memchr_iter(0xE1, bytes))
            .all(|at| !text[at..].chars().next().is_some_and(char::is_whitespace))
}

/// Appends `text` (single-spaced, not empty) as comrak's CommonMark formatter writes a
/// paragraph holding it as one text node, ending in `\n`.
fn push_formatted_by_comrak<'a>(
    text: &str,
    arena: &'a Arena<'a>,
    options: &Options<'_>,
    out: &mut String,
) {
    let document = arena.alloc(AstNode::from(NodeValue::Document));
    let paragraph = arena.alloc(AstNode::from(NodeValue::Paragraph));
    let literal = arena.alloc(AstNode::from(NodeValue::Text(text.to_owned().into())));
    paragraph.append(literal);
    document.append(paragraph);
    let start = out.len();
    comrak::format_commonmark(document, options, out).expect("writing to a String cannot fail");
    if out[start..].starts_with(':') {
        out.insert(start, '\\');
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

/// `text` with every run of whitespace made one space, and none at either end.
fn single_spaced(text: &str) -> String {
    let mut spaced = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    spaced
}

/// Reads a body written by [`emit_body`] (or by hand) back into blocks: the text of each
/// paragraph, pull-quote directives and list items. Other block kinds are read as their
/// text.
pub fn parse_body(markdown: &str) -> Vec<BodyBlock> {
    let arena = Arena::new();
    let options = formatter_options();
    let root = comrak::parse_document(&arena, markdown, &options);
    let mut blocks = Vec::new();
    for node in root.children() {
        if matches!(&node.data.borrow().value, NodeValue::List(_)) {
            blocks.extend(
                node.children()
                    .map(|item| BodyBlock::ListItem(plain_text(item))),
            );
            continue;
        }
        let text = plain_text(node);
        let is_pull_quote = matches!(
            &node.data.borrow().value,
            NodeValue::BlockDirective(d) if d.info == PULL_QUOTE_CLASS
        );
        blocks.push(if is_pull_quote {
            BodyBlock::PullQuote(text)
        } else {
            BodyBlock::Paragraph(text)
        });
    }
    blocks
}

/// The literal text under `node`, soft breaks read as spaces.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        match &descendant.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::HtmlInline(h) => out.push_str(h),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup that raw text must never turn into once emitted and rendered.
    const MARKUP_FROM_RAW_TEXT: [&str; 13] = [
        "<script",
        "<em>",
        "<strong>",
        "<a ",
        "<h1",
        "<ol",
        "<ul",
        "<blockquote",
        "<hr",
        "<code",
        "<img",
        "<pre",
        "<table",
    ];

    fn single_spaced(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn round_trip(texts: &[&str]) {
        let blocks: Vec<BodyBlock> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if i % 3 == 2 {
                    BodyBlock::PullQuote(t.to_string())
                } else {
                    BodyBlock::Paragraph(t.to_string())
                }
            })
            .collect();
        let markdown = emit_body(&blocks);
        // The pipeline hands over paragraphs with single spaces; emit normalises to that.
        let expected: Vec<BodyBlock> = blocks
            .iter()
            .map(|b| match b {
                BodyBlock::Paragraph(t) => BodyBlock::Paragraph(single_spaced(t)),
                BodyBlock::PullQuote(t) => BodyBlock::PullQuote(single_spaced(t)),
                BodyBlock::ListItem(t) => BodyBlock::ListItem(single_spaced(t)),
            })
            .collect();
        assert_eq!(parse_body(&markdown), expected, "markdown was:\n{markdown}");
        let html = comrak::markdown_to_html(&markdown, &formatter_options());
        for tag in MARKUP_FROM_RAW_TEXT {
            assert!(!html.contains(tag), "{tag} leaked from {texts:?}:\n{html}");
        }
    }

    #[test]
    fn the_seed_shape() {
        let md = emit_body(&[
            BodyBlock::Paragraph("Neighbours signed a deal.".into()),
            BodyBlock::PullQuote("“The Afghan side tried,” the FO said.".into()),
        ]);
        assert_eq!(
            md,
            "Neighbours signed a deal.\n\n::: pullquote\n“The Afghan side tried,” the FO said.\n:::\n"
        );
    }

    /// Items written one under another make one list; markup in an item stays literal,
    /// as in a paragraph, and the items read back as they went in.
    #[test]
    fn list_items_make_one_list_and_their_markup_stays_literal() {
        let nasty = [
            "<script>alert(1)</script> and <b>bold</b>",
            "- dash inside",
            "1. a number",
            "* star",
            "::: pullquote",
            "# hash",
            "> quote",
            "---",
            "    four spaces",
            "[x](http://e.com)",
        ];
        let mut blocks = vec![BodyBlock::Paragraph("The plan has parts:".into())];
        blocks.extend(nasty.iter().map(|t| BodyBlock::ListItem(t.to_string())));
        blocks.push(BodyBlock::Paragraph("After the list.".into()));
        blocks.push(BodyBlock::ListItem("A second list.".into()));
        let markdown = emit_body(&blocks);
        let expected: Vec<BodyBlock> = blocks
            .iter()
            .map(|b| match b {
                BodyBlock::ListItem(t) => BodyBlock::ListItem(single_spaced(t)),
                other => other.clone(),
            })
            .collect();
        assert_eq!(parse_body(&markdown), expected, "markdown was:\n{markdown}");
        assert!(
            markdown.starts_with("The plan has parts:\n\n- "),
            "{markdown}"
        );
        let html = comrak::markdown_to_html(&markdown, &formatter_options());
        assert_eq!(html.matches("<ul>").count(), 2, "{html}");
        assert_eq!(html.matches("<li>").count(), nasty.len() + 1, "{html}");
        for tag in MARKUP_FROM_RAW_TEXT.iter().filter(|t| **t != "<ul") {
            assert!(!html.contains(tag), "{tag} leaked:\n{html}");
        }
    }

    #[test]
    fn a_bullet_and_a_space_open_a_list_item() {
        assert_eq!(
            list_item_text("• The depot closes."),
            Some("The depot closes.")
        );
        assert_eq!(
            list_item_text("▪\u{a0}Jobs at the terminal"),
            Some("Jobs at the terminal")
        );
        // A bullet with nothing after it, or run into its word, is no item.
        assert_eq!(list_item_text("• "), None);
        assert_eq!(list_item_text("•Glued"), None);
        assert_eq!(list_item_text("A • B"), None);
    }

    #[test]
    fn markup_in_raw_text_stays_literal() {
        round_trip(&[
            "<script>alert(1)</script> and <b>bold</b>",
            "*stars* and _under_ and **strong** and [x](http://e.com) and ![i](a.png)",
            "<!-- comment --> &amp; &copy; &#x41;",
            "# not a heading",
            "1. not a list",
            "> not a quote",
            "---",
            "```rust",
            "`tick` and ``two``",
            "- dash",
            "+ plus",
            "* star",
            "::: pullquote",
            ":::",
            "| a | b |",
            "trailing backslash \\",
            "===",
            "    indented code?",
            "<http://auto.link> www.x.com x@y.com",
            "[ref]: http://x.com",
            "~~~",
            "2) paren",
            "\\*escaped\\*",
        ]);
    }

    /// The body also renders safely through the build stage's own Markdown renderer
    /// (pulldown-cmark with tables, footnotes, strikethrough, smart punctuation).
    /// `href` with its `%XX` escapes decoded (ASCII only, as the renderer writes them).
    fn percent_decoded(href: &str) -> String {
        let mut out = String::new();
        let mut rest = href;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            match u8::from_str_radix(rest.get(at + 1..at + 3).unwrap_or(""), 16) {
                Ok(b) if b.is_ascii() => {
                    out.push(b as char);
                    rest = &rest[at + 3..];
                }
                _ => {
                    out.push('%');
                    rest = &rest[at + 1..];
                }
            }
        }
        out.push_str(rest);
        out.replace("&amp;", "&")
    }

    fn renders_safely_on_the_site(texts: &[&str]) {
        let blocks: Vec<BodyBlock> = texts
            .iter()
            .map(|t| BodyBlock::Paragraph(t.to_string()))
            .chain(std::iter::once(BodyBlock::PullQuote(
                "A “quoted” line.".into(),
            )))
            .collect();
        let markdown = emit_body(&blocks);
        let source = crate::site::markdown::BodySource {
            path: std::path::Path::new("a.md"),
            text: &markdown,
            first_line: 1,
        };
        // Rendered as the build renders: bare web addresses become links to themselves,
        // and that is the only link raw text may make.
        let (rendered, _) =
            crate::site::markdown::render_under(source, "").expect("the body renders");
        let html = rendered.html;
        for tag in MARKUP_FROM_RAW_TEXT
            .iter()
            .filter(|t| **t != "<a ")
            .chain(&["<del", "<sup", "<b>", "<!--"])
        {
            assert!(
                !html.contains(tag),
                "{tag} leaked from {texts:?}:\n{markdown}\n{html}"
            );
        }
        for link in html.split("<a ").skip(1) {
            let href = link
                .strip_prefix("href=\"")
                .and_then(|l| l.split_once('"'))
                .map(|(h, _)| h)
                .unwrap_or_default();
            let text = link
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</a>"))
                .map(|(t, _)| t)
                .unwrap_or_default();
            // The address may be written without its scheme (`www.`), and is
            // percent-encoded in the attribute.
            let decoded = percent_decoded(href);
            let shown = decoded
                .strip_prefix("https://")
                .or_else(|| decoded.strip_prefix("http://"))
                .unwrap_or("");
            assert!(
                decoded == text || shown == text,
                "a link raw text should not make: <a {link}"
            );
        }
        assert_eq!(
            html.matches("<aside class=\"pullquote\"").count(),
            1,
            "{html}"
        );
    }

    #[test]
    fn markup_stays_literal_on_the_site_too() {
        renders_safely_on_the_site(&[
            "<script>alert(1)</script> and <b>bold</b> <!-- c -->",
            "*stars* and _under_ and **strong** and [x](http://e.com) and ![i](a.png)",
            "~~struck~~ and ~one~ and a | b | c",
            "[^1] footnote and [^note]: defined",
            "# heading {#id .class}",
            "1. list",
            "> quote",
            "---",
            "```",
            "`tick`",
            "<http://auto.link> www.x.com",
            "| a | b |",
        ]);
    }

    /// The inert shortcut against comrak itself: for every string the shortcut takes, the
    /// formatter's output must be the same bytes. Every string of up to three characters
    /// from an alphabet of letters, digits, every ASCII mark and tricky non-ASCII text is
    /// tried, then many longer ones.
    #[test]
    fn inert_paragraphs_are_written_exactly_as_comrak_writes_them() {
        let mut alphabet: Vec<char> = (b'!'..=b'~').map(char::from).collect();
        alphabet.extend([
            ' ', 'é', 'ğ', '“', '”', '’', '—', '\u{a0}', '\u{2028}', '\u{85}',
        ]);
        alphabet.extend([
            '\u{1680}', '\u{3000}', '\u{200b}', '\u{fe0f}', '\u{301}', '١', 'ß', 'İ', '\u{1}', '\t',
        ]);
        let options = formatter_options();
        let mut checked = 0;
        // Every raw string goes through the emitter as the pipeline calls it, and must
        // come out as comrak writes its single-spaced text.
        let mut check = |raw: &str| {
            let text = single_spaced(raw);
            let arena = Arena::new();
            let mut emitted = String::new();
            push_escaped_paragraph(raw, &arena, &options, &mut emitted);
            if text.is_empty() {
                assert_eq!(emitted, "", "{raw:?}");
                return;
            }
            let mut by_comrak = String::new();
            push_formatted_by_comrak(&text, &arena, &options, &mut by_comrak);
            assert_eq!(emitted, by_comrak, "the shortcut differs for {raw:?}");
            checked += usize::from(is_inert(&text));
        };
        for &a in &alphabet {
            check(&a.to_string());
            for &b in &alphabet {
                check(&format!("{a}{b}"));
                for &c in &alphabet {
                    check(&format!("{a}{b}{c}"));
                }
            }
        }
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = 4 + (state % 40) as usize;
            let text: String = (0..len)
                .map(|i| alphabet[((state >> (i % 50)) as usize + i * 7) % alphabet.len()])
                .collect();
            check(&format!("Word {text}"));
            check(&text);
        }
        for prose in [
            "Neighbours Pakistan and Afghanistan signed a deal on 16 November, 2025 (Sunday).",
            "He said: “It’s over.” Costs rose 5% to $3.2m; the rest - about 40/60 - is owed.",
            "Erdoğan met the FO at 10.30 and left; 1+1=2?",
        ] {
            check(prose);
        }
        assert!(
            checked > 100_000,
            "only {checked} strings took the shortcut"
        );
    }

    #[test]
    fn the_inert_byte_test_is_the_table() {
        for b in 0..=255u8 {
            assert_eq!(is_inert_byte(b), INERT_BYTES[usize::from(b)], "{b:#x}");
        }
    }

    #[test]
    fn the_shortcut_takes_prose_and_leaves_markup_to_comrak() {
        assert!(is_inert(
            "Neighbours Pakistan and Afghanistan signed a deal."
        ));
        assert!(is_inert("“The Afghan side tried,” the FO said: 5% (or 6)."));
        assert!(is_inert("Erdoğan"));
        for markup in [
            "1. a list",
            "- a dash",
            ":::",
            "“quote” *stars*",
            "a_b",
            "a <b>",
            "AT&T",
            "a [link]",
            "a # b",
            "wow!",
            "a `tick`",
            "a ~ b",
            "a | b",
            "back\\slash",
        ] {
            assert!(!is_inert(markup), "{markup:?} must go through comrak");
        }
    }

    /// A property-style check: many strings built from the characters that mean something
    /// in Markdown or HTML, in every position, all survive the round trip as text.
    #[test]
    fn nasty_strings_survive_the_round_trip() {
        const PIECES: &[&str] = &[
            "*",
            "_",
            "#",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "`",
            "!",
            "-",
            "+",
            "=",
            "~",
            "|",
            "&",
            "\\",
            ":",
            ";",
            "1.",
            "2)",
            "---",
            ":::",
            "<script>",
            "</p>",
            "&lt;",
            "&#65;",
            "http://x.y",
            "word",
            "“",
            "”",
            "’",
            " ",
            "  ",
            "{",
            "}",
            "$",
            "%",
            "^",
            "@",
            "é",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..400 {
            let len = 1 + (next() % 8) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            round_trip(&["plain", "before", &text, &text, "after"]);
            // The site's fence reader sees text, not escapes: a paragraph that is only
            // colons and a name would read as a fence there (reported to the site stage).
            if !text.trim_start().starts_with(":::") {
                renders_safely_on_the_site(&[&text]);
            }
        }
    }
}
