//! The site's `language`: theme strings and dates from its translation table, `lang` and
//! `dir` on every page, the language in the feeds, a site's `[strings]` overrides, and the
//! warning for a language copydesk has no table for. (English output is held byte for
//! byte by the snapshots in `build_snapshots.rs`.)

mod build_support;

use build_support::FixtureSite;
use copydesk::site::translations::Translations;

/// The basic fixture site with `language` set to `language` and `extra` appended.
fn site_in(language: &str, extra: &str) -> FixtureSite {
    let site = FixtureSite::copy("basic");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let config = config.replace("language = \"en\"", &format!("language = \"{language}\""));
    site.write("site.toml", &format!("{config}{extra}"));
    site
}

/// English theme strings of more than one word: none may be left on a translated page
/// (single words such as "article" could be in the fixture's own English text).
fn english_phrases() -> Vec<String> {
    Translations::english()
        .strings()
        .values()
        .filter(|text| text.trim().contains(' ') && !text.contains('{'))
        .map(|text| text.trim().to_string())
        .collect()
}

#[test]
fn a_french_site_is_in_french() {
    let site = site_in("fr", "");
    site.build().unwrap();
    let article = site.read("articles/bridge-vote/index.html");
    assert!(
        article.contains("<html lang=\"fr\">"),
        "no dir on a left-to-right page"
    );
    assert!(
        article.contains(">2 octobre 2025</time> · Mis à jour le <time datetime=\"2025-10-03\">3 octobre 2025</time> · 1 min de lecture"),
        "{article}"
    );
    assert!(
        article.contains("<span class=\"by\">Par </span>"),
        "{article}"
    );
    assert!(article.contains(">Tom Ellery</a>") && article.contains(" et <a"));
    assert!(article.contains("À propos des auteurs"));
    assert!(article.contains(">Classé dans<"));
    assert!(article.contains(">Aller au contenu<"));
    assert!(article.contains("aria-label=\"Rubriques\""));
    let home = site.read("index.html");
    assert!(home.contains(">Plus anciens</a>"), "pager");
    assert!(home.contains("Flux Atom") && home.contains("Plan du site"));
    let tag = site.read("tags/transport/index.html");
    assert!(
        tag.contains("Sujet\u{a0}: «\u{a0}Transport\u{a0}»"),
        "{tag}"
    );
    assert!(site
        .read("tags/index.html")
        .contains("<h1 class=\"listing-title\">Sujets</h1>"));
    assert!(site.read("404.html").contains("Page introuvable"));
    assert!(site.read("feed.xml").contains("xml:lang=\"fr\""));
    assert!(site.read("rss.xml").contains("<language>fr</language>"));
    for (path, html) in site.html_files() {
        for phrase in english_phrases() {
            assert!(!html.contains(&phrase), "{path} still says {phrase:?}");
        }
    }
}

#[test]
fn an_urdu_site_is_right_to_left_and_in_urdu() {
    let site = site_in("ur", "");
    site.build().unwrap();
    for (path, html) in site.html_files() {
        assert!(
            html.contains("<html lang=\"ur\" dir=\"rtl\">"),
            "{path} is not right to left"
        );
        for phrase in english_phrases() {
            assert!(!html.contains(&phrase), "{path} still says {phrase:?}");
        }
    }
    let article = site.read("articles/bridge-vote/index.html");
    assert!(article.contains(">2 اکتوبر 2025</time>"), "{article}");
    assert!(article.contains("1 منٹ کا مطالعہ"));
    assert!(article.contains("<span class=\"by\">تحریر: </span>"));
    assert!(article.contains(" اور <a"));
    assert!(site.read("index.html").contains(">پرانی تحریریں</a>"));
    assert!(site.read("authors/index.html").contains("مضامین"));
    assert!(site.read("feed.xml").contains("xml:lang=\"ur\""));
}

#[test]
fn a_site_string_overrides_the_table() {
    let site = site_in(
        "de",
        "\n[strings]\nolder = \"Frühere Artikel\"\ndate = \"{weekday}, {day}. {month} {year}\"\n",
    );
    site.build().unwrap();
    let home = site.read("index.html");
    assert!(home.contains(">Frühere Artikel</a>"), "the override wins");
    assert!(home.contains(">Neuere</a>") || !home.contains("rel=\"prev\""));
    let article = site.read("articles/bridge-vote/index.html");
    assert!(
        article.contains(">Donnerstag, 2. Oktober 2025</time>"),
        "{article}"
    );
    assert!(
        article.contains("Min. Lesezeit"),
        "other strings stay German"
    );
}

#[test]
fn an_unknown_string_is_an_error_naming_its_line() {
    let site = site_in("en", "\n[strings]\nnewr = \"Later\"\n");
    let failure = site.build().unwrap_err();
    let error = &failure.diagnostics[0];
    assert!(error.message.contains("unknown string `newr`"), "{error:?}");
    assert!(error.path.ends_with("site.toml"));
    assert_eq!(error.position.line, 10, "{error:?}");
    assert_eq!(error.help.as_deref(), Some("did you mean `newer`?"));
}

#[test]
fn an_unknown_language_builds_in_english_with_a_warning() {
    let site = site_in("tlh", "");
    let summary = site.build().unwrap();
    let warning = summary
        .warnings
        .iter()
        .find(|w| w.message.contains("`tlh`"))
        .expect("a warning about the language");
    assert!(warning.path.ends_with("site.toml"));
    assert_eq!((warning.position.line, warning.position.column), (3, 1));
    let article = site.read("articles/bridge-vote/index.html");
    assert!(article.contains("<html lang=\"tlh\">"));
    assert!(article.contains("1 min read"));
}

#[test]
fn an_urdu_article_on_an_english_site_is_an_urdu_page() {
    let site = site_in("en", "");
    site.write(
        "content/articles/bandargah.md",
        "+++\ntitle = \"بندرگاہ کی نئی کشتی\"\nkicker = \"بندرگاہ\"\ndate = 2025-10-02\nlanguage = \"ur\"\n+++\n\nپہلا پیراگراف۔\n",
    );
    site.build().unwrap();
    let article = site.read("articles/bandargah/index.html");
    assert!(
        article.contains("<html lang=\"ur\" dir=\"rtl\">"),
        "{article}"
    );
    assert!(article.contains(">2 اکتوبر 2025</time>"), "dates in Urdu");
    assert!(article.contains("1 منٹ کا مطالعہ"), "theme words in Urdu");
    for phrase in english_phrases() {
        assert!(!article.contains(&phrase), "still says {phrase:?}");
    }
    // The site's own English words are marked as English, left to right.
    assert!(
        article.contains("class=\"site-title\" href=\"/\" lang=\"en\" dir=\"ltr\">"),
        "{article}"
    );
    // Every other page stays English.
    let home = site.read("index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    assert!(!home.contains("lang=\"en\" dir=\"ltr\""));
    // …but marks the Urdu headline in its listings.
    assert!(
        home.contains(" lang=\"ur\" dir=\"rtl\"><a href=\"/articles/bandargah/\">"),
        "{home}"
    );
    assert!(
        home.contains("class=\"kicker\" lang=\"ur\" dir=\"rtl\">"),
        "the article's own kicker too: {home}"
    );
}

#[test]
fn a_language_that_is_no_language_tag_is_an_error_naming_its_line() {
    let site = site_in("en", "");
    site.write(
        "content/articles/odd.md",
        "+++\ntitle = \"Odd\"\ndate = 2025-10-02\nlanguage = \"ur\\\" onclick=\\\"x\"\n+++\n\nText.\n",
    );
    let failure = site.build().unwrap_err();
    let error = failure
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("content/articles/odd.md"))
        .expect("an error for the article");
    assert!(error.message.contains("is not a language tag"), "{error:?}");
    assert_eq!(error.position.line, 4);
}
