//! Smart punctuation for text outside the Markdown body: headlines, standfirsts,
//! kickers, names, tags, bios and descriptions from front matter and author profiles.
//!
//! The body gets its curly quotes and dashes from pulldown-cmark's smart punctuation; the
//! same rules are applied here so a headline's `"quoted"` matches the body's “quoted”:
//!
//! * `"` opens (`“`) at the start of the text or after a space, an opening bracket or a
//!   dash, and closes (`”`) elsewhere; `'` likewise (`‘` and `’`), except that before a
//!   digit it is an apostrophe (`'90s` → `’90s`);
//! * `---` is an em dash `—`, `--` an en dash `–`, `...` an ellipsis `…`.
//!
//! Curly quotes already typed are kept. Slugs do not change: a slug drops apostrophes and
//! treats every other punctuation mark as a word break, straight or curly.

use std::borrow::Cow;

use crate::article::FrontMatter;
use crate::site::profiles::AuthorProfile;

/// `text` with straight quotes curled and `--`, `---`, `...` made dashes and an ellipsis;
/// borrowed when there is nothing to change (the common case, found by a byte scan).
pub fn smart_punctuation(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let has_work = bytes.iter().any(|&b| b == b'"' || b == b'\'')
        || text.contains("--")
        || text.contains("...");
    if !has_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (replacement, consumed): (char, usize) = match c {
            '"' => (if opens(previous) { '“' } else { '”' }, 1),
            '\'' => {
                let next = rest[1..].chars().next();
                let apostrophe = next.is_some_and(|n| n.is_ascii_digit());
                (
                    if opens(previous) && !apostrophe {
                        '‘'
                    } else {
                        '’'
                    },
                    1,
                )
            }
            '-' if rest.starts_with("---") => ('—', 3),
            '-' if rest.starts_with("--") => ('–', 2),
            '.' if rest.starts_with("...") => ('…', 3),
            other => (other, other.len_utf8()),
        };
        out.push(replacement);
        previous = Some(replacement);
        rest = &rest[consumed..];
    }
    Cow::Owned(out)
}

/// Whether a quote after `previous` opens: at the start, or after a space, an opening
/// bracket, an opening quote or a dash.
fn opens(previous: Option<char>) -> bool {
    previous.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '{' | '“' | '‘' | '—' | '–' | '-' | '/')
    })
}

/// Applies [`smart_punctuation`] in place.
fn smarten(text: &mut String) {
    if let Cow::Owned(changed) = smart_punctuation(text) {
        *text = changed;
    }
}

/// Smart punctuation in every text field of `front` that a page shows as text: title,
/// subtitle, kicker, authors, bio, description, tags, section, image_alt, caption, credit.
/// (`slug`, `image` and dates are not text.)
pub fn smarten_front_matter(front: &mut FrontMatter) {
    smarten(&mut front.title);
    for text in [
        &mut front.subtitle,
        &mut front.kicker,
        &mut front.bio,
        &mut front.description,
        &mut front.section,
        &mut front.image_alt,
        &mut front.caption,
        &mut front.credit,
    ]
    .into_iter()
    .flatten()
    {
        smarten(text);
    }
    front.authors.iter_mut().for_each(smarten);
    front.tags.iter_mut().for_each(smarten);
}

/// Smart punctuation in a profile's name, role, bio, photo text and link names.
pub fn smarten_profile(profile: &mut AuthorProfile) {
    for text in [
        &mut profile.name,
        &mut profile.role,
        &mut profile.bio,
        &mut profile.photo_alt,
    ]
    .into_iter()
    .flatten()
    {
        smarten(text);
    }
    for link in &mut profile.links {
        smarten(&mut link.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::slug::slugify;

    #[test]
    fn quotes_dashes_and_ellipses() {
        assert_eq!(
            smart_punctuation(
                "\"Talks collapse,\" he said -- it's 'over'... for now --- or the '90s"
            ),
            "“Talks collapse,” he said – it’s ‘over’… for now — or the ’90s"
        );
        assert_eq!(smart_punctuation("(\"a\") O'Rourke's"), "(“a”) O’Rourke’s");
        assert_eq!(smart_punctuation("“already” curly’s"), "“already” curly’s");
        assert!(matches!(smart_punctuation("plain text."), Cow::Borrowed(_)));
    }

    #[test]
    fn slugs_do_not_change() {
        for text in [
            "Declan O'Rourke",
            "\"Hope\" -- and fear...",
            "Rock 'n' roll",
        ] {
            assert_eq!(slugify(text), slugify(&smart_punctuation(text)), "{text}");
        }
    }

    #[test]
    fn every_shown_field_is_smartened_and_urls_are_not() {
        let mut front = FrontMatter {
            title: "It's \"done\"".into(),
            authors: vec!["Declan O'Rourke".into()],
            bio: Some("He's here".into()),
            slug: Some("it's".into()),
            image: Some("/a'b.jpg".into()),
            ..FrontMatter::default()
        };
        smarten_front_matter(&mut front);
        assert_eq!(front.title, "It’s “done”");
        assert_eq!(front.authors, ["Declan O’Rourke"]);
        assert_eq!(front.bio.as_deref(), Some("He’s here"));
        assert_eq!(front.slug.as_deref(), Some("it's"));
        assert_eq!(front.image.as_deref(), Some("/a'b.jpg"));
    }
}
