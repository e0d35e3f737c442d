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

/// An article with a resized lead picture and a body picture (the sample site's drawing):
/// the `<picture>` markup, its `srcset`, `sizes` and size, held byte for byte.
#[test]
fn pictured_article_page() {
    let site = FixtureSite::copy("basic");
    let drawing =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/images/harbour-dusk.png");
    std::fs::create_dir_all(site.root.join("static/images")).unwrap();
    std::fs::copy(&drawing, site.root.join("static/images/dusk.png")).unwrap();
    std::fs::create_dir_all(site.root.join("content/articles/pictured")).unwrap();
    std::fs::copy(
        &drawing,
        site.root.join("content/articles/pictured/quay.png"),
    )
    .unwrap();
    site.write(
        "content/articles/pictured.md",
        "+++\ntitle = \"Pictured\"\ndate = 2025-09-01\nimage = \"/images/dusk.png\"\n\
         image_alt = \"The harbour at dusk\"\ncaption = \"Dusk\"\ncredit = \"The desk\"\n+++\n\n\
         Before the picture.\n\n![Boats by the quay](quay.png)\n",
    );
    site.build().unwrap();
    insta::assert_snapshot!(
        "pictured_article_page",
        site.read("articles/pictured/index.html")
    );
}
