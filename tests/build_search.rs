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

/// The terms of `field` in an elasticlunr index that list document `reference`.
fn has_term(index: &Value, field: &str, term: &str, reference: usize) -> bool {
    postings(index, field, term)
        .and_then(|docs| docs.get(reference.to_string()))
        .is_some()
}

/// The reference (position in `docs`) of the article at `url`.
fn reference_of(index: &Value, url: &str) -> usize {
    index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["url"] == url)
        .unwrap_or_else(|| panic!("{url} not indexed"))
}

/// The basic fixture in `language`, with a French article and an Urdu one.
fn site_in(language: &str) -> FixtureSite {
    let site = FixtureSite::copy("basic");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("language = \"en\"", &format!("language = \"{language}\"")),
    );
    site.write(
        "content/articles/maisons.md",
        "---\ntitle: Les maisons du port seront rénovées\nauthors: [Tom Ellery]\n\
         date: 2025-09-20\n---\n\nL'État paiera les travaux, et les chevaux du marché \
         resteront.\n",
    );
    site.write(
        "content/articles/kishtiyan.md",
        "+++\ntitle = \"کشتیوں کے کرایوں میں اضافہ\"\nauthors = [\"Tom Ellery\"]\n\
         date = 2025-09-21\nlanguage = \"ur\"\n+++\n\nکونسل نے کرایوں میں اضافے کا اعلان کیا، \
         اور مسافر ناراض ہیں۔\n",
    );
    site.build().unwrap();
    site
}

#[test]
fn a_french_site_is_indexed_and_searched_in_french() {
    let site = site_in("fr");
    let index = index_of(&site);
    assert_eq!(
        index["index"]["pipeline"],
        serde_json::json!(["stopWordFilter-fr", "stemmer-fr"]),
        "the browser runs lunr-languages' French functions on the query"
    );
    let maisons = reference_of(&index, "/articles/maisons/");
    assert!(
        has_term(&index, "title", "maison", maisons),
        "stemmed in French"
    );
    assert!(!has_term(&index, "title", "maisons", maisons));
    assert!(
        !has_term(&index, "title", "les", maisons),
        "a French stop word"
    );
    // Elision: l'État is the stop word l and état.
    assert!(has_term(&index, "body", "état", maisons));
    // No English stemming: Snowball French makes chevaux "cheval", Porter leaves it.
    assert!(has_term(&index, "body", "cheval", maisons));
    assert!(!has_term(&index, "body", "chevaux", maisons));
    // The Urdu article's words are kept whole, split at Urdu's comma and full stop.
    let urdu = reference_of(&index, "/articles/kishtiyan/");
    for word in ["کشتیوں", "کرایوں", "اضافہ"] {
        assert!(has_term(&index, "title", word, urdu), "{word}");
    }
    assert!(has_term(&index, "body", "کیا", urdu));
    assert!(
        has_term(&index, "body", "ہیں", urdu),
        "no ۔ left on the word"
    );
    // The search page loads the French stemmer before search.js, under the base path.
    let html = site.read("search/index.html");
    let scripts = attribute_values(&html, "src");
    assert_eq!(
        scripts,
        [
            "/elasticlunr.min.js",
            "/search-languages.js",
            "/lunr-languages/lunr.stemmer.support.min.js",
            "/lunr-languages/lunr.fr.min.js",
            "/search.js"
        ]
    );
    for script in &scripts {
        assert!(site.output().join(&script[1..]).is_file(), "{script}");
    }
    assert!(site.output().join("lunr-languages/LICENSE").is_file());
}

#[test]
fn an_urdu_site_keeps_every_word_whole() {
    let site = site_in("ur");
    let index = index_of(&site);
    assert_eq!(index["index"]["pipeline"], serde_json::json!([]));
    let ferry = reference_of(&index, "/articles/ferry-fares/");
    // English words in an Urdu site: no English stemming, no English stop words.
    assert!(has_term(&index, "title", "fares", ferry));
    assert!(has_term(&index, "title", "the", ferry));
    assert!(!has_term(&index, "title", "fare", ferry));
    let urdu = reference_of(&index, "/articles/kishtiyan/");
    assert!(has_term(&index, "title", "کشتیوں", urdu));
    let html = site.read("search/index.html");
    assert_eq!(
        attribute_values(&html, "src"),
        ["/elasticlunr.min.js", "/search.js"],
        "nothing to stem with"
    );
}

#[test]
fn an_english_site_stems_in_english_and_keeps_urdu_whole() {
    let site = site_in("en");
    let index = index_of(&site);
    assert_eq!(
        index["index"]["pipeline"],
        serde_json::json!(["stopWordFilter", "stemmer"])
    );
    let ferry = reference_of(&index, "/articles/ferry-fares/");
    assert!(has_term(&index, "title", "fare", ferry));
    let urdu = reference_of(&index, "/articles/kishtiyan/");
    assert!(has_term(&index, "title", "کشتیوں", urdu));
}
