//! `site.toml`: the site's settings, read once per build.
//!
//! [`SiteConfig::load`] reads `site_root/site.toml` into a typed [`SiteConfig`]. Unknown
//! keys are an error with a "did you mean" suggestion (a typo must not be silently
//! ignored), and every error names `site.toml` and the line:column of the problem. The
//! `[publish]` table is kept raw for the publish stage, which parses it itself.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::article::line_col;
use crate::diagnostic::{closest, Diagnostic, Position};
use crate::site::translations::Translations;

/// The file name of the site configuration, at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// Every top-level key `site.toml` accepts, for suggestions.
pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "description",
    "theme",
    "author",
    "paginate",
    "feed_limit",
    "timezone",
    "logo",
    "strings",
    "publish",
];

/// The site's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    /// The site's name, shown in the masthead and in `<title>`.
    pub title: String,
    /// Absolute URL the site is served from, without a trailing slash
    /// (`https://example.org` or `https://example.org/news`).
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>` and the feed.
    pub language: String,
    pub description: String,
    /// Theme name: `themes/NAME` at the site root, or the built-in `default`.
    pub theme: String,
    /// Author used for articles whose front matter names none.
    pub author: Option<String>,
    /// Articles per listing page (home, sections, tags, authors).
    pub paginate: usize,
    /// Articles in the Atom feed (the latest ones, with full content).
    pub feed_limit: usize,
    /// Time zone for dates written without an offset, and for "is it in the future".
    pub timezone: chrono_tz::Tz,
    /// The publisher's logo for search engines (JSON-LD): a path from the site's root or
    /// an absolute URL; the theme's `favicon.svg` when unset.
    pub logo: Option<String>,
    /// The theme's strings and date names in `language`, with the site's `[strings]`
    /// overrides applied.
    pub translations: Translations,
    /// The raw `[publish]` table, parsed by the publish stage.
    pub publish: Option<toml::Table>,
    /// Problems in `site.toml` that do not stop a build (a language without a
    /// translation table), each naming its line:column.
    pub warnings: Vec<Diagnostic>,
}

impl Default for SiteConfig {
    fn default() -> SiteConfig {
        SiteConfig {
            title: "copydesk site".into(),
            base_url: "http://127.0.0.1:1111".into(),
            language: "en".into(),
            description: String::new(),
            theme: "default".into(),
            author: None,
            paginate: 10,
            feed_limit: 20,
            timezone: chrono_tz::UTC,
            logo: None,
            translations: Translations::english(),
            publish: None,
            warnings: Vec::new(),
        }
    }
}

/// `site.toml` as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    description: Option<String>,
    theme: Option<String>,
    author: Option<String>,
    paginate: Option<i64>,
    feed_limit: Option<i64>,
    timezone: Option<String>,
    logo: Option<String>,
    strings: Option<BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>>,
    publish: Option<toml::Table>,
}

impl SiteConfig {
    /// Reads `site_root/site.toml`.
    pub fn load(site_root: &Path) -> Result<SiteConfig, Diagnostic> {
        let path = config_path(site_root);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(&path, Position::default(), format!("cannot read: {e}"))
                .with_help("run copydesk inside a site folder, or pass --site DIR")
        })?;
        SiteConfig::parse(&text, &path)
    }

    /// Parses the text of a `site.toml`; `path` is used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| toml_error(text, path, &e))?;
        let defaults = SiteConfig::default();
        let at = |key: &str| key_position(text, key);
        let timezone = match raw.timezone {
            None => defaults.timezone,
            Some(name) => parse_timezone(&name).map_err(|help| {
                Diagnostic::error(path, at("timezone"), format!("unknown time zone `{name}`"))
                    .with_help(help)
            })?,
        };
        let base_url = match raw.base_url {
            None => defaults.base_url,
            Some(url) => normalise_base_url(&url).ok_or_else(|| {
                Diagnostic::error(
                    path,
                    at("base_url"),
                    format!("base_url `{url}` is not an absolute http(s) URL"),
                )
                .with_help("write it like base_url = \"https://example.org\"")
            })?,
        };
        let language = raw.language.unwrap_or(defaults.language);
        let (mut translations, unknown) = Translations::for_language(&language);
        let mut warnings = Vec::new();
        if unknown.is_some() {
            warnings.push(unknown_language(&language, path, at("language")));
        }
        if let Some(overrides) = &raw.strings {
            translations.apply_overrides(overrides, text, path)?;
        }
        Ok(SiteConfig {
            title: raw.title.unwrap_or(defaults.title),
            base_url,
            language,
            description: raw.description.unwrap_or_default(),
            theme: raw.theme.unwrap_or(defaults.theme),
            author: raw.author.filter(|a| !a.trim().is_empty()),
            paginate: positive(raw.paginate, defaults.paginate, "paginate", path, at)?,
            feed_limit: positive(raw.feed_limit, defaults.feed_limit, "feed_limit", path, at)?,
            timezone,
            logo: raw.logo.filter(|l| !l.trim().is_empty()),
            translations,
            publish: raw.publish,
            warnings,
        })
    }

    /// The absolute URL of a site path such as `/articles/x/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The path the site is served under, without a trailing slash: empty for a site at
    /// the root of its host, `/paper` for `base_url = "https://me.github.io/paper/"`.
    pub fn base_path(&self) -> &str {
        base_path_of(&self.base_url)
    }

    /// The link a page writes for a site path such as `/articles/x/`: the path under the
    /// base path (`/paper/articles/x/`), borrowed unchanged for a site at the root.
    pub fn href<'a>(&self, path: &'a str) -> Cow<'a, str> {
        prefixed(self.base_path(), path)
    }
}

/// The path part of a normalised base URL (`https://host/paper` gives `/paper`, a URL
/// without a path gives ``).
pub fn base_path_of(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    base_url[after_scheme..]
        .find('/')
        .map_or("", |i| &base_url[after_scheme + i..])
        .trim_end_matches('/')
}

/// `path` (a site path starting with `/`) under `base_path` (empty, or `/paper`).
pub fn prefixed<'a>(base_path: &str, path: &'a str) -> Cow<'a, str> {
    if base_path.is_empty() {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(format!("{base_path}{path}"))
    }
}

/// Where `site.toml` lives for a site root.
pub fn config_path(site_root: &Path) -> PathBuf {
    site_root.join(CONFIG_FILE)
}

/// Checks and trims a base URL: absolute http(s), no trailing slash, no query or
/// fragment (every page URL is the base URL followed by a path).
pub fn normalise_base_url(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    if url.contains(['?', '#']) {
        return None;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    let valid = !host.is_empty()
        && !url.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\'));
    valid.then(|| url.to_string())
}

/// The warning for a `language` without a built-in translation table.
fn unknown_language(language: &str, path: &Path, at: Position) -> Diagnostic {
    let known: Vec<&str> = Translations::built_in_languages().collect();
    Diagnostic::warning(
        path,
        at,
        format!("no translation of the theme for language `{language}`: using English strings"),
    )
    .with_help(format!(
        "translate them in a [strings] table of site.toml, or use one of: {}",
        known.join(", ")
    ))
}

fn parse_timezone(name: &str) -> Result<chrono_tz::Tz, String> {
    name.parse::<chrono_tz::Tz>().map_err(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        match closest(name, &names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use an IANA name such as \"Europe/London\" or \"Asia/Karachi\"".into(),
        }
    })
}

fn positive(
    value: Option<i64>,
    default: usize,
    key: &str,
    path: &Path,
    at: impl Fn(&str) -> Position,
) -> Result<usize, Diagnostic> {
    match value {
        None => Ok(default),
        Some(n) if n >= 1 => Ok(n as usize),
        Some(n) => Err(Diagnostic::error(
            path,
            at(key),
            format!("`{key}` must be at least 1, not {n}"),
        )),
    }
}

/// Maps a toml error to a diagnostic at its position, suggesting the nearest key for an
/// unknown one.
fn toml_error(text: &str, path: &Path, error: &toml::de::Error) -> Diagnostic {
    let position = error
        .span()
        .map(|span| {
            let (line, column) = line_col(text, span.start);
            Position::new(line + 1, column + 1)
        })
        .unwrap_or_default();
    let message = error.message().trim();
    let mut diagnostic = Diagnostic::error(path, position, message.to_string());
    if let Some(key) = message
        .split("unknown field `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
    {
        diagnostic = match closest(key, CONFIG_KEYS) {
            Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
            None => diagnostic.with_help(format!("known keys are: {}", CONFIG_KEYS.join(", "))),
        };
    }
    diagnostic
}

/// Position of the line that sets `key` at the top level, for value errors found after
/// parsing (toml spans only cover syntax and type errors).
pub(crate) fn key_position(text: &str, key: &str) -> Position {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| Position::new(index + 1, 1))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, Diagnostic> {
        SiteConfig::parse(text, Path::new("site.toml"))
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(
            "title = \"The Ledger\"\nbase_url = \"https://news.example/\"\nlanguage = \"en-GB\"\n\
             description = \"d\"\ntheme = \"default\"\nauthor = \"Desk\"\npaginate = 5\n\
             feed_limit = 3\ntimezone = \"Asia/Karachi\"\n[publish]\ntarget = \"dir\"\n",
        )
        .unwrap();
        assert_eq!(config.title, "The Ledger");
        assert_eq!(config.base_url, "https://news.example");
        assert_eq!(config.language, "en-GB");
        assert_eq!(config.author.as_deref(), Some("Desk"));
        assert_eq!(config.paginate, 5);
        assert_eq!(config.feed_limit, 3);
        assert_eq!(config.timezone, chrono_tz::Asia::Karachi);
        assert_eq!(
            config.publish.as_ref().unwrap()["target"].as_str(),
            Some("dir")
        );
        assert_eq!(config.permalink("/a/"), "https://news.example/a/");
    }

    #[test]
    fn a_base_url_with_a_path_gives_the_base_path() {
        let config = parse("base_url = \"https://me.github.io/paper/\"\n").unwrap();
        assert_eq!(config.base_url, "https://me.github.io/paper");
        assert_eq!(config.base_path(), "/paper");
        assert_eq!(config.href("/style.css"), "/paper/style.css");
        assert_eq!(config.href("/"), "/paper/");
        assert_eq!(config.permalink("/a/"), "https://me.github.io/paper/a/");
        let root = parse("base_url = \"https://news.example/\"\n").unwrap();
        assert_eq!(root.base_path(), "");
        assert!(matches!(root.href("/a/"), Cow::Borrowed("/a/")));
        assert_eq!(base_path_of("http://127.0.0.1:1111/a/b"), "/a/b");
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("").unwrap(), SiteConfig::default());
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let err = parse("title = \"x\"\npaginat = 3\n").unwrap_err();
        assert_eq!(err.position, Position::new(2, 1));
        assert!(err.message.contains("paginat"), "{}", err.message);
        assert_eq!(err.help.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn bad_timezone_names_line_and_suggests() {
        let err = parse("title = \"x\"\ntimezone = \"Europe/Londn\"\n").unwrap_err();
        assert_eq!(err.position.line, 2);
        assert_eq!(err.help.as_deref(), Some("did you mean `Europe/London`?"));
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(parse("paginate = 0\n").is_err());
        assert!(parse("base_url = \"example.org\"\n").is_err());
        assert!(parse("base_url = \"https://\"\n").is_err());
        assert!(parse("base_url = \"https://a.example/?x=1\"\n").is_err());
        assert!(parse("base_url = \"https://a.example/#top\"\n").is_err());
        let err = parse("title = 3\n").unwrap_err();
        assert_eq!(err.position.line, 1);
    }
}
