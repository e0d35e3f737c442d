//! An article's lead image: a `<figure>` under the headline with its text alternative,
//! caption and credit; an image without `image_alt`, or whose file is missing, is an
//! error naming the article and the line of its `image` key.

mod build_support;

use build_support::FixtureSite;

/// The basic fixture with `content/articles/pictured.md` holding `front` (TOML lines).
fn site_with_article(front: &str) -> FixtureSite {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/articles/pictured.md",
        &format!("+++\ntitle = \"Pictured\"\ndate = 2025-09-01\n{front}+++\n\nThe body.\n"),
    );
    site
}

#[test]
fn the_lead_image_is_a_figure_with_caption_and_credit() {
    let site = site_with_article(
        "image = \"/images/quay.svg\"\nimage_alt = \"The quay at dawn\"\n\
         caption = \"The quay, where the \\\"night\\\" ferry docks\"\ncredit = \"A. Photographer\"\n",
    );
    site.write(
        "static/images/quay.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build().unwrap();
    let html = site.read("articles/pictured/index.html");
    let figure = build_support::between(&html, "<figure class=\"lead-figure\">", "</figure>")
        .unwrap_or_else(|| panic!("no lead figure: {html}"));
    assert!(figure.contains("<img src=\"/images/quay.svg\" alt=\"The quay at dawn\">"));
    assert!(
        figure.contains(
            "<figcaption>The quay, where the “night” ferry docks <span class=\"credit\">Image: A. Photographer</span></figcaption>"
        ),
        "{figure}"
    );
    let body_at = html.find("story-body").unwrap();
    assert!(
        html.find("lead-figure").unwrap() < body_at,
        "under the headline"
    );
    // An image on another site is not checked, and still shown.
    let letters = site.read("opinion/letters/index.html");
    assert!(letters.contains(
        "<img src=\"https://images.example/letters.jpg\" alt=\"A stack of handwritten letters\">"
    ));
    assert!(
        !letters.contains("<figcaption>"),
        "no caption, no credit: no figcaption"
    );
}

#[test]
fn an_image_without_alternative_text_is_an_error_naming_its_line() {
    let site = site_with_article("tags = [\"x\"]\nimage = \"https://images.example/a.jpg\"\n");
    let failure = site.build().unwrap_err();
    let error = failure
        .diagnostics
        .iter()
        .find(|d| d.message.contains("no text alternative"))
        .expect("an error about image_alt");
    assert!(
        error.path.ends_with("content/articles/pictured.md"),
        "{error:?}"
    );
    assert_eq!(error.position.line, 5, "the line of `image`");
    assert!(!site.output().exists(), "nothing published");
}

#[test]
fn a_missing_image_file_is_an_error_naming_its_line() {
    let site = site_with_article("image = \"/images/none.jpg\"\nimage_alt = \"Nothing\"\n");
    let failure = site.build().unwrap_err();
    let error = failure
        .diagnostics
        .iter()
        .find(|d| d.message.contains("/images/none.jpg"))
        .expect("an error about the missing file");
    assert!(error.path.ends_with("content/articles/pictured.md"));
    assert_eq!(error.position.line, 4);
    assert!(
        error.message.contains("not in static/ or content/"),
        "{error:?}"
    );
    // The same image beside the article's page, in content/, is found.
    site.write("content/images/none.jpg", "jpeg");
    site.build().unwrap();
}

#[test]
fn a_draft_with_a_broken_image_does_not_stop_the_build() {
    let site = site_with_article("draft = true\nimage = \"/images/none.jpg\"\n");
    site.build().unwrap();
}
