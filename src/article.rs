//! The Article: the one data model shared by both stages.
//!
//! `clean` produces an [`Article`] from raw text and writes it with [`Article::to_markdown`];
//! `build` reads it back with [`Article::parse`]. Because both stages use the same
//! [`FrontMatter`] struct, the schema cannot drift between them, and the round trip
//! `parse(to_markdown(a)) == a` is tested below.
//!
//! A document is front matter between `+++` lines (TOML) or `---` lines (YAML), then a
//! CommonMark body. Unknown front-matter keys are an error with a suggestion.

use std::fmt;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Diagnostic, Position};

/// Front matter of an article. `clean` fills the masthead fields (`title`, `subtitle`,
/// `kicker`, `authors`, `date`, `bio`); authors add the rest by hand.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<ArticleDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<ArticleDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Text alternative of `image`, for readers who cannot see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// What the lead image shows, printed under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Who made the lead image (`Mei Lin Quist`, `Harbour Ledger archive`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The section the article is filed in (`Sport`): its page is `/sport/`. Without it,
    /// the article's folder is its section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The article's language when it is not the site's (`ur`, `fr-CA`): its page is
    /// marked and laid out for it (`lang`, `dir="rtl"`) and the theme's words on it are
    /// in that language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Every key [`FrontMatter`] accepts, for "did you mean" suggestions.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "kicker",
    "authors",
    "date",
    "updated",
    "bio",
    "description",
    "tags",
    "draft",
    "slug",
    "image",
    "image_alt",
    "caption",
    "credit",
    "section",
    "language",
];

/// A publication date: a calendar date, a local date-time, or a date-time with an offset.
/// Written to TOML as a native TOML date (not a string); read from TOML dates or from
/// strings (YAML front matter has no date type of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleDate {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Offset(DateTime<FixedOffset>),
}

impl ArticleDate {
    /// The calendar date, whatever the precision.
    pub fn date(&self) -> NaiveDate {
        match self {
            ArticleDate::Date(d) => *d,
            ArticleDate::Local(dt) => dt.date(),
            ArticleDate::Offset(dt) => dt.date_naive(),
        }
    }

    /// The instant this date denotes, reading dates without an offset in `tz`
    /// (a date alone means midnight at the start of that day).
    pub fn to_utc(&self, tz: chrono_tz::Tz) -> DateTime<chrono::Utc> {
        use chrono::TimeZone;
        let local = match self {
            ArticleDate::Offset(dt) => return dt.with_timezone(&chrono::Utc),
            ArticleDate::Date(d) => d.and_hms_opt(0, 0, 0).expect("midnight exists"),
            ArticleDate::Local(dt) => *dt,
        };
        match tz.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.with_timezone(&chrono::Utc),
            chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&chrono::Utc),
            // A local time skipped by a DST jump: read it as UTC rather than fail.
            chrono::LocalResult::None => local.and_utc(),
        }
    }

    /// Parses the RFC 3339 / TOML spellings: `2025-11-16`, `2025-11-16T09:30:00`,
    /// `2025-11-16 09:30:00`, `2025-11-16T09:30:00+05:00`, `…Z`.
    pub fn parse(text: &str) -> Option<ArticleDate> {
        let text = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(ArticleDate::Date(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Some(ArticleDate::Offset(dt));
        }
        let spaced = text.replacen(' ', "T", 1);
        if let Ok(dt) = DateTime::parse_from_rfc3339(&spaced) {
            return Some(ArticleDate::Offset(dt));
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(&spaced, fmt) {
                return Some(ArticleDate::Local(dt));
            }
        }
        None
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArticleDate::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            ArticleDate::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            ArticleDate::Offset(dt) => write!(f, "{}", dt.to_rfc3339()),
        }
    }
}

impl Serialize for ArticleDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // toml's Datetime serialises as a bare TOML date under the toml serializer.
        let datetime: toml::value::Datetime = self
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        datetime.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ArticleDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Spelling {
            Toml(toml::value::Datetime),
            Text(String),
        }
        let text = match Spelling::deserialize(deserializer)? {
            Spelling::Toml(dt) => dt.to_string(),
            Spelling::Text(s) => s,
        };
        ArticleDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date: write 2025-11-16 or 2025-11-16T09:30:00+05:00"
            ))
        })
    }
}

/// Which front-matter syntax a document used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterSyntax {
    Toml,
    Yaml,
}

/// Front matter plus a CommonMark body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub front: FrontMatter,
    /// The Markdown body, starting after the closing front-matter fence.
    pub body: String,
}

/// A document split at its front-matter fences, before the front matter is deserialised.
#[derive(Debug, Clone, Copy)]
pub struct SplitDocument<'a> {
    pub syntax: FrontMatterSyntax,
    pub front: &'a str,
    /// 1-based line in the file where `front` starts.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line in the file where `body` starts.
    pub body_line: usize,
}

/// Splits `text` into front matter and body. The document must open with `+++` or `---`.
pub fn split_front_matter<'a>(text: &'a str, path: &Path) -> Result<SplitDocument<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let fence = text[..first_line_end].trim_end();
    let syntax = match fence {
        "+++" => FrontMatterSyntax::Toml,
        "---" => FrontMatterSyntax::Yaml,
        _ => return Err(Diagnostic::error(
            path,
            Position::new(1, 1),
            "an article must start with front matter: a `+++` line (TOML) or a `---` line (YAML)",
        )),
    };
    let front_start = (first_line_end + 1).min(text.len());
    let mut offset = front_start;
    for (line, raw_line) in (2..).zip(text[front_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == fence {
            let body_start = offset + raw_line.len();
            return Ok(SplitDocument {
                syntax,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(Diagnostic::error(
        path,
        Position::new(1, 1),
        format!("front matter opened with `{fence}` is never closed"),
    ))
}

impl Article {
    /// Parses a Markdown document with TOML or YAML front matter. `path` is used in errors,
    /// which carry the line:column of the problem in the file.
    pub fn parse(text: &str, path: &Path) -> Result<Article, Diagnostic> {
        let doc = split_front_matter(text, path)?;
        let front = parse_front_matter(&doc, path)?;
        let body = doc.body.strip_prefix('\n').unwrap_or(doc.body).to_string();
        Ok(Article { front, body })
    }

    /// Writes the document as `clean` emits it: TOML front matter, a blank line, the body.
    pub fn to_markdown(&self) -> String {
        let front = toml::to_string(&self.front).expect("front matter always serialises");
        let mut out = String::with_capacity(front.len() + self.body.len() + 16);
        out.push_str("+++\n");
        out.push_str(&front);
        out.push_str("+++\n\n");
        out.push_str(&self.body);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out
    }
}

/// Deserialises the front matter of a split document into [`FrontMatter`], mapping errors
/// to file positions and suggesting the nearest key for an unknown one.
pub fn parse_front_matter(doc: &SplitDocument<'_>, path: &Path) -> Result<FrontMatter, Diagnostic> {
    match doc.syntax {
        FrontMatterSyntax::Toml => toml::from_str::<FrontMatter>(doc.front).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|span| line_col(doc.front, span.start))
                .unwrap_or((0, 0));
            front_matter_error(path, doc.front_line + line, column + 1, e.message())
        }),
        FrontMatterSyntax::Yaml => {
            if doc.front.trim().is_empty() {
                return Ok(FrontMatter::default());
            }
            serde_yaml_ng::from_str::<FrontMatter>(doc.front).map_err(|e| {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line().saturating_sub(1), l.column().saturating_sub(1)))
                    .unwrap_or((0, 0));
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                front_matter_error(path, doc.front_line + line, column + 1, &message)
            })
        }
    }
}

fn front_matter_error(path: &Path, line: usize, column: usize, message: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(
        path,
        Position::new(line, column),
        format!("invalid front matter: {}", message.trim()),
    );
    if let Some(key) = unknown_field_name(message) {
        if let Some(best) = crate::diagnostic::closest(key, FRONT_MATTER_KEYS) {
            diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
        } else {
            diagnostic =
                diagnostic.with_help(format!("known keys are: {}", FRONT_MATTER_KEYS.join(", ")));
        }
    }
    diagnostic
}

/// Extracts `x` from serde's "unknown field `x`, expected …".
fn unknown_field_name(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

/// 0-based (line, column in characters) of a byte offset; see [`Position::of_byte_offset`].
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let position = Position::of_byte_offset(text, offset);
    (position.line - 1, position.column - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        Article {
            front: FrontMatter {
                title: "Diplomatic \"impasse\"".into(),
                subtitle: Some("Talks collapse".into()),
                authors: vec!["Mariam Khan".into(), "Ali Raza".into()],
                date: Some(ArticleDate::Date(
                    NaiveDate::from_ymd_opt(2025, 11, 16).unwrap(),
                )),
                bio: Some("The writer is a journalist.".into()),
                ..FrontMatter::default()
            },
            body: "Neighbours signed \\<b\\> a truce.\n".into(),
        }
    }

    #[test]
    fn date_is_a_toml_date_not_a_string() {
        let md = sample().to_markdown();
        assert!(md.contains("\ndate = 2025-11-16\n"), "{md}");
        assert!(md.starts_with("+++\ntitle = "));
    }

    #[test]
    fn round_trip_gives_back_the_same_article() {
        let a = sample();
        let back = Article::parse(&a.to_markdown(), Path::new("a.md")).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn yaml_front_matter_reads_into_the_same_struct() {
        let text = "---\ntitle: Hello\nauthors: [A B]\ndate: 2025-11-16T09:30:00+05:00\ndraft: true\n---\nBody\n";
        let a = Article::parse(text, Path::new("y.md")).unwrap();
        assert_eq!(a.front.title, "Hello");
        assert!(a.front.draft);
        assert!(matches!(a.front.date, Some(ArticleDate::Offset(_))));
        assert_eq!(a.body, "Body\n");
    }

    #[test]
    fn unknown_key_is_an_error_with_position_and_suggestion() {
        let text = "+++\ntitle = \"x\"\nautors = [\"A\"]\n+++\nbody\n";
        let err = Article::parse(text, Path::new("bad.md")).unwrap_err();
        assert_eq!(err.position, Position::new(3, 1));
        assert!(err.message.contains("autors"), "{}", err.message);
        assert_eq!(err.help.as_deref(), Some("did you mean `authors`?"));
    }

    #[test]
    fn yaml_unknown_key_suggests_too() {
        let text = "---\ntitle: x\ntgas: [a]\n---\n";
        let err = Article::parse(text, Path::new("bad.md")).unwrap_err();
        assert_eq!(err.position.line, 3);
        assert_eq!(err.help.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn missing_fence_is_an_error() {
        let err = Article::parse("just text\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("front matter"));
        let err = Article::parse("+++\ntitle = \"x\"\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn bad_date_names_the_value() {
        let err = Article::parse("+++\ndate = \"soon\"\n+++\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("soon"), "{}", err.message);
        assert_eq!(err.position.line, 2);
    }

    #[test]
    fn dates_without_offset_use_the_site_timezone() {
        let d = ArticleDate::parse("2025-11-16T09:00:00").unwrap();
        let utc = d.to_utc(chrono_tz::Asia::Karachi);
        assert_eq!(utc.to_rfc3339(), "2025-11-16T04:00:00+00:00");
    }
}
