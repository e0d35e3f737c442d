//! Snapshots of rendered pages of the fixture site: any change to the default theme's
//! markup or to Markdown rendering shows up here as a reviewable diff.

mod build_support;

use build_support::FixtureSite;

#[test]
fn article_page() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    insta::assert_snapshot!("article_page", site.read("articles/bridge-vote/index.html"));
}

#[test]
fn home_page() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    insta::assert_snapshot!("home_page", site.read("index.html"));
}

/// The same article in Urdu: translated theme strings and date, `dir="rtl"`.
#[test]
fn urdu_article_page() {
    let site = FixtureSite::copy("basic");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("language = \"en\"", "language = \"ur\""),
    );
    site.build().unwrap();
    insta::assert_snapshot!(
        "urdu_article_page",
        site.read("articles/bridge-vote/index.html")
    );
}
