//! The words the theme shows a reader, in the site's language.
//!
//! Every string of the default theme that a reader sees or hears (navigation labels,
//! "By", "min read", "Newer", month names…) comes from a translation table: one TOML file
//! per language in this folder, embedded in the binary. English (`en.toml`) is the
//! reference: every other table has the same keys, which a unit test checks. Ships with
//! English, French, German, Spanish, Urdu and Arabic.
//!
//! [`Translations::for_language`] picks the table from `site.toml`'s `language` (its
//! primary subtag: `fr-CA` uses `fr`), falling back to English for a language without a
//! table; [`Translations::apply_overrides`] applies the site's own `[strings]` table, so a
//! site can change any string, or translate the theme into a language copydesk does not
//! ship. Templates see the strings as `t` (`{{ t.newer }}`); dates are formatted here
//! ([`Translations::format_date`]) with the table's month and weekday names, so a French
//! site prints `1er novembre 2025` without pulling a locale database into the build.
//!
//! Whether a page is written right to left depends on the language's script, not on the
//! table: [`is_right_to_left`] says so for Urdu, Arabic, Persian, Hebrew and a few more.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{closest, Diagnostic, Position};

/// The built-in tables: language subtag and TOML text.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("fr", include_str!("fr.toml")),
    ("de", include_str!("de.toml")),
    ("es", include_str!("es.toml")),
    ("ur", include_str!("ur.toml")),
    ("ar", include_str!("ar.toml")),
];

/// Primary language subtags written right to left.
const RIGHT_TO_LEFT: &[&str] = &["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];

/// The theme's strings in one language, with its month and weekday names.
#[derive(Debug, Clone, PartialEq)]
pub struct Translations {
    /// Key → text, for templates (`t.KEY`) and for the few strings the build writes itself.
    strings: BTreeMap<String, String>,
    /// January first.
    months: Vec<String>,
    /// Monday first.
    weekdays: Vec<String>,
}

/// A language the site names that has no built-in table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage;

impl Default for Translations {
    fn default() -> Translations {
        Translations::english()
    }
}

impl Translations {
    /// The English table.
    pub fn english() -> Translations {
        parse_table(TABLES[0].1).expect("the built-in English table is valid TOML")
    }

    /// The table for a BCP 47 tag (`fr`, `fr-CA`, `ur-PK`), else English and
    /// [`UnknownLanguage`].
    pub fn for_language(tag: &str) -> (Translations, Option<UnknownLanguage>) {
        let subtag = primary_subtag(tag);
        match TABLES.iter().find(|(code, _)| *code == subtag) {
            Some((_, text)) => (
                parse_table(text).expect("built-in tables are valid TOML"),
                None,
            ),
            None => (Translations::english(), Some(UnknownLanguage)),
        }
    }

    /// The languages with a built-in table.
    pub fn built_in_languages() -> impl Iterator<Item = &'static str> {
        TABLES.iter().map(|(code, _)| *code)
    }

    /// The text of `key`; the key itself when no table has it (templates may ask for a
    /// key a newer copydesk added).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The strings as the templates see them, `t.KEY`.
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }

    /// A date as this language writes it: `16 November 2025`, `1er novembre 2025`,
    /// `16. November 2025`.
    pub fn format_date(&self, date: NaiveDate) -> String {
        let day = if date.day() == 1 {
            self.get("first_day").to_string()
        } else {
            date.day().to_string()
        };
        let month = &self.months[date.month0() as usize];
        let weekday = &self.weekdays[date.weekday().num_days_from_monday() as usize];
        self.get("date")
            .replace("{weekday}", weekday)
            .replace("{day}", &day)
            .replace("{month}", month)
            .replace("{year}", &date.year().to_string())
    }

    /// Applies a site's `[strings]` table: each key replaces the table's text. An unknown
    /// key, or a value of the wrong shape, is an error naming `path` and the key's
    /// line:column (`source` is the text of `site.toml`).
    pub fn apply_overrides(
        &mut self,
        overrides: &BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
        source: &str,
        path: &Path,
    ) -> Result<(), Diagnostic> {
        for (key, value) in overrides {
            let at = position_of(source, key.span().start);
            match key.get_ref().as_str() {
                "months" => self.months = names(value, 12, "months", path, source)?,
                "weekdays" => self.weekdays = names(value, 7, "weekdays", path, source)?,
                name if self.strings.contains_key(name) => {
                    let text = value.get_ref().as_str().ok_or_else(|| {
                        Diagnostic::error(
                            path,
                            position_of(source, value.span().start),
                            format!("strings.{name} must be text"),
                        )
                    })?;
                    self.strings.insert(name.to_string(), text.to_string());
                }
                name => {
                    let mut known: Vec<&str> = self.strings.keys().map(String::as_str).collect();
                    known.extend(["months", "weekdays"]);
                    let error = Diagnostic::error(path, at, format!("unknown string `{name}`"));
                    return Err(match closest(name, &known) {
                        Some(best) => error.with_help(format!("did you mean `{best}`?")),
                        None => error.with_help(format!("known strings are: {}", known.join(", "))),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Whether pages in language `tag` are written right to left (`dir="rtl"`).
pub fn is_right_to_left(tag: &str) -> bool {
    RIGHT_TO_LEFT.contains(&primary_subtag(tag).as_str())
}

/// `fr` of `fr-CA`, lower-cased; `ur` of `ur_PK`.
pub(crate) fn primary_subtag(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A built-in table: text keys, and the `months` and `weekdays` arrays.
fn parse_table(text: &str) -> Result<Translations, toml::de::Error> {
    let mut table: toml::Table = toml::from_str(text)?;
    let list = |value: Option<toml::Value>| -> Vec<String> {
        value
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let months = list(table.remove("months"));
    let weekdays = list(table.remove("weekdays"));
    let strings = table
        .into_iter()
        .filter_map(|(key, value)| value.as_str().map(|text| (key, text.to_string())))
        .collect();
    Ok(Translations {
        strings,
        months,
        weekdays,
    })
}

/// An override of `months` or `weekdays`: exactly `count` names.
fn names(
    value: &toml::Spanned<toml::Value>,
    count: usize,
    key: &str,
    path: &Path,
    source: &str,
) -> Result<Vec<String>, Diagnostic> {
    let names: Option<Vec<String>> = value.get_ref().as_array().and_then(|items| {
        items
            .iter()
            .map(|item| item.as_str().map(str::to_string))
            .collect()
    });
    match names {
        Some(names) if names.len() == count => Ok(names),
        _ => Err(Diagnostic::error(
            path,
            position_of(source, value.span().start),
            format!("strings.{key} must be a list of {count} names"),
        )),
    }
}

fn position_of(source: &str, offset: usize) -> Position {
    let (line, column) = crate::article::line_col(source, offset);
    Position::new(line + 1, column + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_table_has_every_english_key_and_no_other() {
        let english = Translations::english();
        assert!(english.strings.len() > 20);
        for (code, text) in TABLES {
            let table = parse_table(text).unwrap();
            let keys: Vec<&String> = table.strings.keys().collect();
            let expected: Vec<&String> = english.strings.keys().collect();
            assert_eq!(keys, expected, "keys of {code}.toml");
            assert_eq!(table.months.len(), 12, "months of {code}.toml");
            assert_eq!(table.weekdays.len(), 7, "weekdays of {code}.toml");
            assert!(
                table.strings.values().all(|s| !s.trim().is_empty()),
                "{code}.toml has an empty string"
            );
        }
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let day = date(2025, 11, 16);
        let format = |tag: &str, d| Translations::for_language(tag).0.format_date(d);
        assert_eq!(format("en", day), "16 November 2025");
        assert_eq!(format("fr", day), "16 novembre 2025");
        assert_eq!(format("fr", date(2025, 8, 1)), "1er août 2025");
        assert_eq!(format("de-AT", day), "16. November 2025");
        assert_eq!(format("es", day), "16 de noviembre de 2025");
        assert_eq!(format("ur-PK", day), "16 نومبر 2025");
        assert_eq!(format("ar", day), "16 نوفمبر 2025");
    }

    #[test]
    fn an_unknown_language_falls_back_to_english() {
        let (table, unknown) = Translations::for_language("tlh");
        assert_eq!(unknown, Some(UnknownLanguage));
        assert_eq!(table, Translations::english());
        assert_eq!(Translations::for_language("EN-gb").1, None);
    }

    #[test]
    fn urdu_and_arabic_are_right_to_left() {
        assert!(is_right_to_left("ur"));
        assert!(is_right_to_left("ar-EG"));
        assert!(!is_right_to_left("en"));
        assert!(!is_right_to_left("fr"));
    }

    fn overrides(text: &str) -> BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>> {
        #[derive(serde::Deserialize)]
        struct Site {
            strings: BTreeMap<toml::Spanned<String>, toml::Spanned<toml::Value>>,
        }
        toml::from_str::<Site>(text).unwrap().strings
    }

    #[test]
    fn a_site_override_wins_and_can_rename_months() {
        let text = "[strings]\nnewer = \"Later\"\ndate = \"{weekday} {day} {month}\"\n\
                    months = [\"Jan\", \"Feb\", \"Mar\", \"Apr\", \"May\", \"Jun\", \"Jul\", \
                    \"Aug\", \"Sep\", \"Oct\", \"Nov\", \"Dec\"]\n";
        let mut table = Translations::english();
        table
            .apply_overrides(&overrides(text), text, Path::new("site.toml"))
            .unwrap();
        assert_eq!(table.get("newer"), "Later");
        assert_eq!(table.format_date(date(2025, 11, 16)), "Sunday 16 Nov");
    }

    #[test]
    fn an_unknown_or_misshapen_override_names_its_line() {
        let text = "title = \"x\"\n[strings]\nnewr = \"Later\"\n";
        let error = Translations::english()
            .apply_overrides(&overrides(text), text, Path::new("site.toml"))
            .unwrap_err();
        assert_eq!(error.position, Position::new(3, 1));
        assert_eq!(error.help.as_deref(), Some("did you mean `newer`?"));
        let text = "[strings]\nmonths = [\"Jan\"]\n";
        let error = Translations::english()
            .apply_overrides(&overrides(text), text, Path::new("site.toml"))
            .unwrap_err();
        assert_eq!(error.position.line, 2);
        let text = "[strings]\nolder = 3\n";
        assert!(Translations::english()
            .apply_overrides(&overrides(text), text, Path::new("site.toml"))
            .is_err());
    }
}
