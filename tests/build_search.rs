//! The site search: `search-index.json` holds every published article (and no draft or
//! future one), without pull-quote duplicates, and `/search/` is a page with a labelled
//! search form in the theme's landmarks, its strings in the site's language.

mod build_support;

use build_support::{attribute_values, FixtureSite};
use serde_json::Value;

fn index_of(site: &FixtureSite) -> Value {
    serde_json::from_str(&site.read("search-index.json")).unwrap()
}

/// The documents under `term` in `field` of an elasticlunr index (its trie of letters).
fn postings<'a>(index: &'a Value, field: &str, term: &str) -> Option<&'a Value> {
    let mut node = &index["index"]["index"][field]["root"];
    for letter in term.chars() {
        node = node.get(letter.to_string())?;
    }
    node.get("docs")
}

#[test]
fn the_index_holds_published_articles_and_no_drafts() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let index = index_of(&site);
    let docs = index["docs"].as_array().unwrap();
    let mut refs: Vec<&str> = docs.iter().map(|d| d["url"].as_str().unwrap()).collect();
    refs.sort();
    assert_eq!(
        refs,
        [
            "/articles/bridge-vote/",
            "/articles/ferry-fares/",
            "/articles/script-title/",
            "/opinion/letters/"
        ],
        "the draft and the future article are left out"
    );
    let reference = docs
        .iter()
        .position(|d| d["url"] == "/articles/bridge-vote/")
        .unwrap()
        .to_string();
    let bridge = &docs[reference.parse::<usize>().unwrap()];
    assert_eq!(bridge["title"], "Council approves the new river bridge");
    assert_eq!(
        bridge["standfirst"],
        "A decade of debate ends with a 9–4 vote"
    );
    assert_eq!(bridge["date"], "2 October 2025");
    // Lead words, authors, tags and the standfirst are all searchable (stemmed).
    let found = |field, term| {
        postings(&index, field, term)
            .and_then(|docs| docs.get(&reference))
            .is_some()
    };
    assert!(found("body", "argument"), "a body word");
    assert!(found("authors", "farouk"));
    assert!(found("tags", "transport"));
    assert!(found("standfirst", "decad"));
    assert!(found("title", "bridg"));
    assert!(
        !found("body", "budget"),
        "no draft words in another article"
    );
    assert!(
        postings(&index, "body", "readi").is_none_or(|d| d.as_object().unwrap().is_empty()),
        "the draft's body (\"Not ready.\") is not indexed"
    );
    // The body field is the lead paragraph: later paragraphs (and the pull-quote that
    // repeats one) are not indexed, which keeps the index a small part of the build.
    assert!(!found("body", "wait"), "a word after the lead");
    assert!(
        index["index"]["documentStore"]["docs"]
            .as_object()
            .is_none_or(|docs| docs
                .values()
                .all(|doc| doc.as_object().is_none_or(|fields| fields.is_empty()))),
        "no copy of the documents in the index"
    );
}

#[test]
fn the_search_page_has_a_labelled_form_in_its_landmarks() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let html = site.read("search/index.html");
    assert_eq!(html.matches("<main").count(), 1);
    assert_eq!(
        html.matches("role=\"search\"").count(),
        1,
        "one search landmark"
    );
    let main = build_support::between(&html, "<main id=\"main\">", "</main>").unwrap();
    assert!(main.contains(
        "<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\">"
    ));
    assert!(main.contains("<label for=\"search-query\">Search the site</label>"));
    assert!(main.contains("<input type=\"search\" id=\"search-query\" name=\"q\">"));
    assert!(main.contains("data-index=\"/search-index.json\""));
    assert!(
        main.contains("Searching needs JavaScript"),
        "says so without a script"
    );
    let ids = attribute_values(&html, "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    assert!(site.output().join("search.js").is_file());
    assert!(site.output().join("elasticlunr.min.js").is_file());
    // Every other page has the small search form in its masthead, labelled.
    let home = site.read("index.html");
    let masthead =
        build_support::between(&home, "<header class=\"masthead\">", "</header>").unwrap();
    assert!(masthead.contains("role=\"search\" action=\"/search/\""));
    assert!(masthead.contains(
        "<label for=\"site-search-query\" class=\"visually-hidden\">Search the site</label>"
    ));
}

#[test]
fn the_search_page_speaks_the_site_language() {
    let site = FixtureSite::copy("basic");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("language = \"en\"", "language = \"es\""),
    );
    site.build().unwrap();
    let html = site.read("search/index.html");
    assert!(html.contains(">Buscar en el sitio</label>"));
    assert!(html.contains("data-no-results=\"Ningún artículo coincide con «{query}».\""));
    let index = index_of(&site);
    let bridge = index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["url"] == "/articles/bridge-vote/")
        .unwrap();
    assert_eq!(bridge["date"], "2 de octubre de 2025");
}
