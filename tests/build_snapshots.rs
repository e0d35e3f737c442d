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
