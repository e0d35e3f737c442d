//! An article's lead image: a `<figure>` under the headline with its text alternative,
//! caption and credit; an image without `image_alt`, or whose file is missing, is an
//! error naming the article and the line of its `image` key. Lead and body images that
//! are JPEG or PNG files become responsive `<picture>`s whose variants are cached in
//! `.copydesk/images/`; a body image without alternative text or file is an error at its
//! line:column.

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
    let error = error_mentioning(&failure, "no text alternative");
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
    let error = error_mentioning(&failure, "/images/none.jpg");
    assert!(error.path.ends_with("content/articles/pictured.md"));
    assert_eq!(error.position.line, 4);
    assert!(
        error.message.contains("not in static/ or content/"),
        "{error:?}"
    );
    // The same image beside the article's page, in content/, is found.
    write_png(&site, "content/images/none.jpg", 640, 480);
    site.build().unwrap();
}

#[test]
fn a_file_that_is_not_an_image_is_an_error_naming_its_line() {
    let site = site_with_article("image = \"/images/fake.jpg\"\nimage_alt = \"Nothing\"\n");
    site.write("static/images/fake.jpg", "not a picture");
    let failure = site.build().unwrap_err();
    let error = error_mentioning(&failure, "/images/fake.jpg");
    assert!(error.message.contains("cannot be used"), "{error:?}");
    assert_eq!(error.position.line, 4);
}

/// The failed build's diagnostic whose message mentions `text`.
fn error_mentioning<'f>(
    failure: &'f copydesk::site::BuildFailure,
    text: &str,
) -> &'f copydesk::diagnostic::Diagnostic {
    failure
        .diagnostics
        .iter()
        .find(|d| d.message.contains(text))
        .unwrap_or_else(|| panic!("no error mentioning {text}: {:?}", failure.diagnostics))
}

/// Writes a `width`×`height` PNG (a gradient) at `relative` under the site root.
fn write_png(site: &FixtureSite, relative: &str, width: u32, height: u32) {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    });
    let path = site.root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image
        .save_with_format(&path, image::ImageFormat::Png)
        .unwrap();
}

/// Writes a `width`×`height` JPEG photograph-like noise at `relative`.
fn write_jpeg(site: &FixtureSite, relative: &str, width: u32, height: u32) {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 97;
        image::Rgb([(n * 2) as u8, (x % 200) as u8, (y % 180) as u8])
    });
    let path = site.root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    image
        .save_with_format(&path, image::ImageFormat::Jpeg)
        .unwrap();
}

/// The `(width, height)` of an output image.
fn output_size(site: &FixtureSite, url: &str) -> (u32, u32) {
    let path = site.output().join(url.trim_start_matches('/'));
    image::image_dimensions(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_lead_photo_is_offered_at_every_width_with_its_size() {
    let site =
        site_with_article("image = \"/images/harbour.jpg\"\nimage_alt = \"Boats at the quay\"\n");
    write_jpeg(&site, "static/images/harbour.jpg", 1000, 600);
    site.build().unwrap();
    let html = site.read("articles/pictured/index.html");
    let figure = build_support::between(&html, "<figure class=\"lead-figure\">", "</figure>")
        .unwrap_or_else(|| panic!("no lead figure: {html}"));
    let img = build_support::between(figure, "<img ", ">").expect("an img");
    assert!(img.contains("width=\"1000\" height=\"600\""), "{img}");
    assert!(
        img.contains("sizes=\"(min-width: 38rem) 36rem, 100vw\""),
        "{img}"
    );
    assert!(img.contains("alt=\"Boats at the quay\""), "{img}");
    assert!(
        !img.contains("loading=\"lazy\""),
        "the lead image loads at once: {img}"
    );
    let srcset = build_support::attribute_values(img, "srcset");
    let entries: Vec<(&str, &str)> = srcset[0]
        .split(", ")
        .map(|entry| entry.split_once(' ').unwrap())
        .collect();
    let widths: Vec<&str> = entries.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, ["400w", "800w", "1000w"]);
    for (url, width) in &entries {
        assert!(
            url.starts_with("/images/harbour-") && url.ends_with(".jpg"),
            "{url}"
        );
        let width: u32 = width.trim_end_matches('w').parse().unwrap();
        assert_eq!(
            output_size(&site, url),
            (width, width * 600 / 1000),
            "{url}"
        );
    }
    // Lossless WebP loses to JPEG on a photograph: only the JPEG set is offered.
    assert!(!figure.contains("image/webp"), "{figure}");
    // The original is still published, for feeds and social cards.
    assert!(site.output().join("images/harbour.jpg").is_file());
}

#[test]
fn a_drawing_gets_webp_variants_and_the_cache_spares_a_second_build() {
    let site = site_with_article("image = \"/images/map.png\"\nimage_alt = \"A map of the bay\"\n");
    write_png(&site, "static/images/map.png", 900, 300);
    site.build().unwrap();
    let html = site.read("articles/pictured/index.html");
    let source = build_support::between(&html, "<source type=\"image/webp\"", ">")
        .unwrap_or_else(|| panic!("a smooth PNG gets a WebP source: {html}"));
    let webp = build_support::attribute_values(source, "srcset")[0];
    let first = webp.split(' ').next().unwrap();
    assert!(
        first.ends_with("-400.webp") || first.contains("-400-"),
        "{webp}"
    );
    assert_eq!(output_size(&site, first), (400, 133));

    let cache = site.root.join(".copydesk/images");
    let stamps = |dir: &std::path::Path| -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        let mut stamps: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.path(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        stamps.sort();
        stamps
    };
    let before = stamps(&cache);
    assert_eq!(
        before.len(),
        7,
        "3 widths in 2 formats and the size: {before:?}"
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::remove_dir_all(site.output()).unwrap();
    site.build().unwrap();
    assert_eq!(stamps(&cache), before, "nothing re-encoded");
    assert_eq!(site.read("articles/pictured/index.html"), html);

    // A changed image gets new variant names, so no browser keeps the old one.
    write_png(&site, "static/images/map.png", 450, 150);
    site.build().unwrap();
    let changed = site.read("articles/pictured/index.html");
    assert!(!changed.contains(first), "{changed}");
    assert!(
        changed.contains("width=\"450\" height=\"150\""),
        "{changed}"
    );
}

#[test]
fn body_images_become_pictures_under_the_base_path() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/articles/pictured.md",
        "+++\ntitle = \"Pictured\"\ndate = 2025-09-01\n+++\n\nBefore.\n\n\
         ![The <new> \"pier\"](pier.png \"At low tide\")\n\n![Far away](https://images.example/far.jpg)\n",
    );
    write_png(&site, "content/articles/pictured/pier.png", 500, 250);
    let mut options = site.options();
    options.base_url = Some("https://me.example/paper/".into());
    copydesk::site::build(&options, &copydesk::progress::Silent).unwrap();
    let html = site.read("articles/pictured/index.html");
    let body = build_support::between(&html, "story-body", "</article>").unwrap();
    let picture = build_support::between(body, "<picture>", "</picture>")
        .unwrap_or_else(|| panic!("no picture: {body}"));
    assert!(
        picture.contains("width=\"500\" height=\"250\""),
        "{picture}"
    );
    assert!(
        picture.contains("alt=\"The &lt;new&gt; “pier”\" title=\"At low tide\" loading=\"lazy\""),
        "{picture}"
    );
    for value in build_support::attribute_values(picture, "srcset") {
        for entry in value.split(", ") {
            assert!(
                entry.starts_with("/paper/articles/pictured/pier-"),
                "{entry}"
            );
        }
    }
    assert!(
        body.contains("<img src=\"https://images.example/far.jpg\" alt=\"Far away\" loading=\"lazy\" decoding=\"async\">"),
        "{body}"
    );
    // Feeds keep the plain image.
    let feed = site.read("feed.xml");
    assert!(feed.contains("pier.png"), "{feed}");
}

#[test]
fn body_images_without_alt_text_or_file_are_errors_at_their_line_and_column() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/articles/one.md",
        "+++\ntitle = \"One\"\ndate = 2025-09-01\n+++\n\nText ![](/images/a.png) more.\n",
    );
    write_png(&site, "static/images/a.png", 40, 20);
    site.write(
        "content/articles/two.md",
        "+++\ntitle = \"Two\"\ndate = 2025-09-02\n+++\n\nIntro.\n\n  ![A gull](gull.jpg)\n",
    );
    let failure = site.build().unwrap_err();
    let find = |name: &str| {
        failure
            .diagnostics
            .iter()
            .find(|d| d.path.ends_with(name) && d.is_error())
            .unwrap_or_else(|| panic!("no error for {name}: {:?}", failure.diagnostics))
    };
    let one = find("content/articles/one.md");
    assert!(one.message.contains("no text alternative"), "{one:?}");
    assert_eq!((one.position.line, one.position.column), (6, 6));
    assert!(
        one.help
            .as_deref()
            .unwrap_or("")
            .contains("![what it shows]"),
        "{one:?}"
    );
    let two = find("content/articles/two.md");
    assert!(
        two.message
            .contains("`gull.jpg` is not in static/ or content/"),
        "{two:?}"
    );
    assert_eq!((two.position.line, two.position.column), (8, 3));
    assert!(
        two.help
            .as_deref()
            .unwrap_or("")
            .contains("content/articles/two/gull.jpg"),
        "{two:?}"
    );
    // The good image of the first article was still prepared.
    assert!(site.root.join(".copydesk/images").is_dir());
}

#[test]
fn a_draft_with_a_broken_image_does_not_stop_the_build() {
    let site = site_with_article("draft = true\nimage = \"/images/none.jpg\"\n");
    site.build().unwrap();
}
