//! An article's lead image: the `<figure>` under its headline.
//!
//! Front matter `image` (a path from the site's root, a path relative to the article's
//! page, or an `https://` address), `image_alt` (its text alternative), `caption` and
//! `credit` give the article page a lead figure; the image itself is a responsive
//! `<picture>` from [`pictures`](crate::site::pictures), which also checks it (text
//! alternative present, file found and readable).

use std::borrow::Cow;

use serde::Serialize;

use crate::site::assemble::ArticleEntry;
use crate::site::pictures::{ImageUse, Loading, Pictures, STORY_SIZES};
use crate::site::render::image_src;

/// The lead figure as the article template sees it (`page.lead_image`).
#[derive(Serialize)]
pub struct LeadImage<'a> {
    /// The image's URL as the page writes it (under the base path): the original file.
    pub src: Cow<'a, str>,
    pub alt: &'a str,
    /// The image as a responsive `<picture>` (or a plain `<img>` for an image that is
    /// not resized), attributes escaped.
    pub picture: String,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
}

impl<'a> LeadImage<'a> {
    /// The lead figure of `article`, when its front matter names an image.
    pub fn of(
        article: &'a ArticleEntry,
        pictures: &Pictures,
        base_path: &str,
    ) -> Option<LeadImage<'a>> {
        let front = &article.doc.front;
        let image = front.image.as_deref()?;
        let alt = front.image_alt.as_deref().unwrap_or("");
        Some(LeadImage {
            src: image_src(image, &article.url, base_path),
            alt,
            picture: pictures.html(
                ImageUse {
                    src: image,
                    page_url: &article.url,
                    alt,
                    title: None,
                    sizes: STORY_SIZES,
                    loading: Loading::Eager,
                },
                base_path,
            ),
            caption: front.caption.as_deref().filter(|c| !c.trim().is_empty()),
            credit: front.credit.as_deref().filter(|c| !c.trim().is_empty()),
        })
    }
}
