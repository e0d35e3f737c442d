//! An article's lead image: the `<figure>` under its headline, and the checks that keep it
//! honest.
//!
//! Front matter `image` (a path from the site's root, a path relative to the article's
//! page, or an `https://` address), `image_alt` (its text alternative), `caption` and
//! `credit` give the article page a lead figure. [`check_lead_images`] makes two mistakes
//! build errors, each naming the article and the line of its `image` key: an image
//! without alternative text (a screen-reader user would hear nothing, or the file name),
//! and an image file that is neither in the site's `static/` nor in `content/` (the page
//! would show a broken image). Images on other sites are not fetched, so not checked.

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Position};
use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::render::image_src;

/// The lead figure as the article template sees it (`page.lead_image`).
#[derive(Serialize)]
pub struct LeadImage<'a> {
    /// The image's URL as the page writes it (under the base path).
    pub src: Cow<'a, str>,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
}

impl<'a> LeadImage<'a> {
    /// The lead figure of `article`, when its front matter names an image.
    pub fn of(article: &'a ArticleEntry, base_path: &str) -> Option<LeadImage<'a>> {
        let front = &article.doc.front;
        let image = front.image.as_deref()?;
        Some(LeadImage {
            src: image_src(image, &article.url, base_path),
            alt: front.image_alt.as_deref().unwrap_or(""),
            caption: front.caption.as_deref().filter(|c| !c.trim().is_empty()),
            credit: front.credit.as_deref().filter(|c| !c.trim().is_empty()),
        })
    }
}

/// Every published article's image without alternative text, or whose file is missing.
pub fn check_lead_images(site: &SiteData, site_root: &Path) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for article in &site.articles {
        let front = &article.doc.front;
        let Some(image) = front.image.as_deref() else {
            continue;
        };
        let position = || image_key_position(&article.doc.path);
        if front
            .image_alt
            .as_deref()
            .is_none_or(|alt| alt.trim().is_empty())
        {
            errors.push(
                Diagnostic::error(
                    &article.doc.path,
                    position(),
                    format!("image `{image}` has no text alternative"),
                )
                .with_help("add image_alt = \"what the image shows\" to the front matter"),
            );
        }
        if let Some(site_path) = local_site_path(image, &article.url) {
            if !image_file_exists(site_root, &site_path) {
                errors.push(
                    Diagnostic::error(
                        &article.doc.path,
                        position(),
                        format!("image `{image}` is not in static/ or content/"),
                    )
                    .with_help(format!(
                        "put the file at static{site_path} (or content{site_path})"
                    )),
                );
            }
        }
    }
    errors
}

/// The site path of an image the site itself serves (`/images/x.jpg`, or `x.jpg` next to
/// the article's page); `None` for an image on another site.
fn local_site_path(image: &str, page_url: &str) -> Option<String> {
    if image.starts_with("http://") || image.starts_with("https://") || image.starts_with("//") {
        return None;
    }
    let path = image.split(['?', '#']).next().unwrap_or(image);
    Some(image_src(path, page_url, "").into_owned())
}

/// Whether `site_path` is a file of the site's `static/` or `content/` folder.
fn image_file_exists(site_root: &Path, site_path: &str) -> bool {
    let relative = site_path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return false;
    }
    ["static", "content"]
        .iter()
        .any(|folder| site_root.join(folder).join(relative).is_file())
}

/// The line of the `image` key in an article's front matter (TOML `image =` or YAML
/// `image:`), read again only when there is an error to report.
fn image_key_position(path: &Path) -> Position {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .position(|line| {
            line.strip_prefix("image")
                .is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some('=' | ':')))
        })
        .map(|index| Position::new(index + 1, 1))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_images_map_to_site_paths() {
        assert_eq!(
            local_site_path("/images/a.svg", "/articles/x/").as_deref(),
            Some("/images/a.svg")
        );
        assert_eq!(
            local_site_path("a.jpg?v=2", "/articles/x/").as_deref(),
            Some("/articles/x/a.jpg")
        );
        assert_eq!(local_site_path("https://c.example/a.jpg", "/a/"), None);
    }

    #[test]
    fn a_path_out_of_the_site_is_never_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret.jpg"), "x").unwrap();
        std::fs::create_dir(dir.path().join("static")).unwrap();
        assert!(!image_file_exists(dir.path(), "/../secret.jpg"));
    }
}
