//! An article written in another language than its site's (front matter `language`).
//!
//! Such an article's page is a page in its own language: `<html lang>` is the article's
//! language, with `dir="rtl"` when it is written right to left
//! ([`is_right_to_left`]), and the theme's words and dates on the page come from that
//! language's built-in translation table (English for a language copydesk has no table
//! for; the site's `[strings]` overrides are in the site's language, so they do not apply).
//! What the site itself names in its own language (its title, tagline and section names
//! in the masthead, navigation and footer) is marked with the site's `lang` and `dir` by
//! the templates, through `site.content_attributes` (` lang="en" dir="ltr"`, escaped).

use serde_json::Value;

use crate::article::ArticleDate;
use crate::site::assemble::{ArticleEntry, DisplayDate};
use crate::site::config::SiteConfig;
use crate::site::templates::escape_html;
use crate::site::translations::{is_right_to_left, Translations};

/// The language of an article page, when it differs from the site's.
pub struct PageLanguage {
    pub tag: String,
    pub translations: Translations,
}

impl PageLanguage {
    /// The article's own language, or `None` when it has none or it is the site's.
    pub fn of(article: &ArticleEntry, config: &SiteConfig) -> Option<PageLanguage> {
        let tag = article.doc.front.language.as_deref()?.trim();
        if tag.is_empty() || tag.eq_ignore_ascii_case(&config.language) {
            return None;
        }
        Some(PageLanguage {
            tag: tag.to_string(),
            translations: Translations::for_language(tag).0,
        })
    }

    /// The shared `site` context of a page in this language: `language` and `rtl` are
    /// the page's, and `content_attributes` marks the site's own words.
    pub fn site_context(&self, shared_site: &Value, config: &SiteConfig) -> Value {
        let mut site = shared_site.clone();
        if let Value::Object(fields) = &mut site {
            fields.insert("language".into(), Value::from(self.tag.as_str()));
            fields.insert("rtl".into(), Value::from(is_right_to_left(&self.tag)));
            let attributes = language_attributes(Some(&config.language), &self.tag);
            fields.insert("content_attributes".into(), Value::from(attributes));
        }
        site
    }

    /// The theme's words in this language, for `t`.
    pub fn strings(&self) -> Value {
        serde_json::to_value(self.translations.strings()).expect("plain data serialises")
    }

    /// A front-matter date as this language writes it.
    pub fn date(&self, date: Option<&ArticleDate>, config: &SiteConfig) -> Option<DisplayDate> {
        date.map(|date| DisplayDate::new(date, config.timezone, &self.translations))
    }
}

/// ` lang="TAG" dir="ltr|rtl"` (escaped) for words in `language` shown on a page in
/// `page_language`; empty when they are the same or there is none.
pub fn language_attributes(language: Option<&str>, page_language: &str) -> String {
    match language.map(str::trim) {
        Some(tag) if !tag.is_empty() && !tag.eq_ignore_ascii_case(page_language) => {
            let dir = if is_right_to_left(tag) { "rtl" } else { "ltr" };
            format!(" lang=\"{}\" dir=\"{dir}\"", escape_html(tag))
        }
        _ => String::new(),
    }
}

/// Whether `tag` looks like a BCP 47 language tag (`ur`, `ur-PK`, `zh-Hant-TW`): a
/// primary subtag of two or three letters, then subtags of one to eight letters or
/// digits. Anything else would be an invalid `lang` attribute.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["ur", "ur-PK", "zh-Hant-TW", "ar", "fil"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "u", "urdu", "ur_PK", "ur-", "x\"y", "ur-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
