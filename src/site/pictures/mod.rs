//! Responsive pictures: every image an article shows, resized for the reader's screen.
//!
//! A build stage between assembling the site and rendering it. [`prepare`] gathers each
//! published article's images (the lead image of its front matter, and every `![alt](src)`
//! of its body, which [`markdown`](crate::site::markdown) records with its position),
//! checks them, and makes their variants ([`variants`]), each distinct file once and in
//! parallel. Two mistakes are errors naming the article's file and the line:column of the
//! image: an image without a text alternative (a screen-reader user would hear nothing,
//! or the file name), and a local image that is missing or cannot be read as an image.
//! Every article is checked and every good image prepared, so one build reports every
//! such mistake at once; as for any error, nothing is published until they are fixed.
//! Images on other sites are not fetched, so not resized, but they still need a text
//! alternative.
//!
//! Pages then write a [`Pictures::html`] for each image: a `<picture>` offering the WebP
//! variants (when they are the smaller set) and the source's own format at every width,
//! with `sizes` for the column it sits in and the `width`/`height` that let the browser
//! keep its place before it loads. Variants are copied into the output beside the
//! original (`/images/quay.jpg` → `/images/quay-800-1a2b3c4d5e6f7a8b.jpg`), named by a
//! hash of the source so that a changed image is never served from a stale cache.

pub mod variants;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Position};
use crate::progress::Progress;
use crate::site::assemble::{ArticleEntry, SiteData};
use crate::site::load::ContentAsset;
use crate::site::markdown::BodyImage;
use crate::site::render::image_src;
use crate::site::templates::escape_html;
use variants::{Processed, Variant, VariantCache};

/// `sizes` of a picture in the story column (36rem wide, less on a phone).
pub const STORY_SIZES: &str = "(min-width: 38rem) 36rem, 100vw";
/// `sizes` of the front page's lead image (three fifths of a 72rem page when wide).
pub const FRONT_LEAD_SIZES: &str = "(min-width: 48rem) 43rem, 100vw";

/// The widest variant offered as the plain `src` (for browsers without `srcset`).
const FALLBACK_WIDTH: u32 = 800;

/// Whether the browser should fetch a picture at once (the lead image, the largest
/// thing on the first screen) or only when it nears the screen (body images).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    Eager,
    Lazy,
}

/// One file a picture offers, as the output holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Served {
    /// Site path, `/images/quay-800-HASH.jpg`.
    url: String,
    width: u32,
    /// The cached file it is copied from.
    file: PathBuf,
}

/// A local image, prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Hash of the source's bytes (part of the pages' fingerprints).
    hash: String,
    /// The upright size of the widest variant (of the source, for a file served as it
    /// is), when known.
    size: Option<(u32, u32)>,
    own_format: Vec<Served>,
    webp: Vec<Served>,
}

/// Every local image the published articles show, by site path (`/images/quay.jpg`).
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    by_path: HashMap<String, Picture>,
    /// Images this build had to resize (the rest came from the cache).
    pub encoded: usize,
}

/// What a stage run found.
#[derive(Debug, Default)]
pub struct Prepared {
    pub pictures: Pictures,
    pub errors: Vec<Diagnostic>,
}

/// One place an article shows an image.
struct Reference<'a> {
    article: &'a ArticleEntry,
    src: &'a str,
    alt: &'a str,
    /// The body image, or `None` for the lead image (front matter `image`).
    body: Option<&'a BodyImage>,
}

impl Reference<'_> {
    fn position(&self) -> Position {
        match self.body {
            Some(image) => image.position,
            None => image_key_position(&self.article.doc.path),
        }
    }

    fn error(&self, message: String, help: String) -> Diagnostic {
        Diagnostic::error(&self.article.doc.path, self.position(), message).with_help(help)
    }

    fn alt_help(&self) -> String {
        match self.body {
            Some(_) => format!(
                "say what it shows between the brackets: ![what it shows]({})",
                self.src
            ),
            None => "add image_alt = \"what the image shows\" to the front matter".to_string(),
        }
    }
}

/// Checks every published article's images and prepares the local ones (see the module
/// documentation); the errors name each article and image position.
pub fn prepare(site: &SiteData, site_root: &Path, progress: &dyn Progress) -> Prepared {
    let mut errors = Vec::new();
    let mut sources: HashMap<String, (PathBuf, Vec<Reference<'_>>)> = HashMap::new();
    for reference in site.articles.iter().flat_map(references) {
        if reference.alt.trim().is_empty() {
            errors.push(reference.error(
                format!("image `{}` has no text alternative", reference.src),
                reference.alt_help(),
            ));
        }
        let Some(site_path) = local_site_path(reference.src, &reference.article.url) else {
            continue;
        };
        if let Some((_, references)) = sources.get_mut(&site_path) {
            references.push(reference);
            continue;
        }
        match source_file(site_root, &site_path) {
            Some(file) => {
                sources.insert(site_path, (file, vec![reference]));
            }
            None => errors.push(reference.error(
                format!("image `{}` is not in static/ or content/", reference.src),
                format!("put the file at static{site_path} (or content{site_path})"),
            )),
        }
    }
    let cache = VariantCache::of_site(site_root);
    let encoded = AtomicUsize::new(0);
    progress.start("Images", sources.len() as u64);
    let prepared: Vec<(String, Result<Picture, Vec<Diagnostic>>)> = sources
        .into_par_iter()
        .map(|(site_path, (file, references))| {
            let result = std::fs::read(&file)
                .map_err(|e| e.to_string())
                .and_then(|bytes| cache.process(&site_path, &bytes))
                .map(|processed| {
                    if processed.encoded {
                        encoded.fetch_add(1, Ordering::Relaxed);
                    }
                    progress.note(&image_note(&file, &processed));
                    picture(&site_path, processed)
                })
                .map_err(|problem| {
                    references
                        .iter()
                        .map(|r| {
                            r.error(
                                format!("image `{}` cannot be used: {problem}", r.src),
                                format!(
                                    "replace {} with a JPEG, PNG, GIF, WebP or SVG file",
                                    file.display()
                                ),
                            )
                        })
                        .collect()
                });
            progress.advance(1);
            (site_path, result)
        })
        .collect();
    progress.finish();
    let mut pictures = Pictures {
        by_path: HashMap::with_capacity(prepared.len()),
        encoded: encoded.into_inner(),
    };
    for (site_path, result) in prepared {
        match result {
            Ok(picture) => {
                pictures.by_path.insert(site_path, picture);
            }
            Err(problems) => errors.extend(problems),
        }
    }
    errors.sort_by(|a, b| (&a.path, a.position).cmp(&(&b.path, b.position)));
    Prepared { pictures, errors }
}

/// What became of one image, for `-v`.
fn image_note(file: &Path, processed: &Processed) -> String {
    let widths: Vec<String> = processed
        .own_format
        .iter()
        .map(|v| v.width.to_string())
        .collect();
    let formats = if processed.webp.is_empty() {
        ""
    } else {
        " and WebP"
    };
    match (processed.own_format.is_empty(), processed.encoded) {
        (true, _) => format!("image {}: served as it is", file.display()),
        (false, true) => format!(
            "image {}: resized to {} px{formats}",
            file.display(),
            widths.join(", ")
        ),
        (false, false) => format!(
            "image {}: {} px{formats} from the cache",
            file.display(),
            widths.join(", ")
        ),
    }
}

/// The lead image and the body images of `article`.
fn references(article: &ArticleEntry) -> impl Iterator<Item = Reference<'_>> {
    let front = &article.doc.front;
    let lead = front.image.as_deref().map(|src| Reference {
        article,
        src,
        alt: front.image_alt.as_deref().unwrap_or(""),
        body: None,
    });
    let body = article.doc.body.images.iter().map(move |image| Reference {
        article,
        src: &image.src,
        alt: &image.alt,
        body: Some(image),
    });
    lead.into_iter().chain(body)
}

/// The picture of the source at `site_path`, its variants named for the output.
fn picture(site_path: &str, processed: Processed) -> Picture {
    let served = |variants: Vec<Variant>| -> Vec<Served> {
        variants
            .into_iter()
            .map(|variant| Served {
                url: variant_url(site_path, variant.width, &processed.hash, variant.extension),
                width: variant.width,
                file: variant.file,
            })
            .collect()
    };
    let size = processed
        .own_format
        .last()
        .map(|widest| (widest.width, widest.height))
        .or(processed.size);
    Picture {
        size,
        own_format: served(processed.own_format),
        webp: served(processed.webp),
        hash: processed.hash,
    }
}

/// Where a variant goes: beside the source, named by its stem, width and the source's
/// hash, slugged as every file copied from `content/` is.
fn variant_url(site_path: &str, width: u32, hash: &str, extension: &str) -> String {
    let (folder, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let relative = format!("{folder}/{stem}-{width}-{hash}.{extension}");
    format!(
        "/{}",
        crate::site::asset_output_path(relative.trim_start_matches('/'))
    )
}

impl Pictures {
    /// The HTML of an image `src` (as written) shown on the page at `page_url`: a
    /// `<picture>` for a resized image, else an `<img>` (with its size when known).
    /// Every attribute value is escaped.
    pub fn html(&self, image: ImageUse<'_>, base_path: &str) -> String {
        let local = local_site_path(image.src, image.page_url);
        let picture = local.as_deref().and_then(|path| self.by_path.get(path));
        let fallback = image_src(image.src, image.page_url, base_path);
        let mut img = String::from("<img src=\"");
        let mut sources = String::new();
        match picture.and_then(|p| fallback_variant(&p.own_format).map(|v| (p, v))) {
            Some((picture, fallback)) => {
                img.push_str(&escape_html(&format!("{base_path}{}", fallback.url)));
                img.push_str(&format!(
                    "\" srcset=\"{}\" sizes=\"{}",
                    srcset(&picture.own_format, base_path),
                    image.sizes
                ));
                if !picture.webp.is_empty() {
                    sources = format!(
                        "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                        srcset(&picture.webp, base_path),
                        image.sizes
                    );
                }
            }
            None => img.push_str(&escape_html(&fallback)),
        }
        img.push('"');
        if let Some((width, height)) = picture.and_then(|p| p.size) {
            img.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
        }
        img.push_str(&format!(" alt=\"{}\"", escape_html(image.alt)));
        if let Some(title) = image.title.filter(|t| !t.is_empty()) {
            img.push_str(&format!(" title=\"{}\"", escape_html(title)));
        }
        if image.loading == Loading::Lazy {
            img.push_str(" loading=\"lazy\" decoding=\"async\"");
        }
        img.push('>');
        if sources.is_empty() && picture.is_none_or(|p| p.own_format.is_empty()) {
            img
        } else {
            format!("<picture>{sources}{img}</picture>")
        }
    }

    /// An article body's HTML with each of its images (each `<img>` the Markdown stage
    /// wrote, in order) replaced by its [`Pictures::html`] in the story column.
    pub fn body_html<'a>(
        &self,
        article: &ArticleEntry,
        html: &'a str,
        base_path: &str,
    ) -> Cow<'a, str> {
        let images = &article.doc.body.images;
        if images.is_empty() {
            return Cow::Borrowed(html);
        }
        let mut out = String::with_capacity(html.len() + images.len() * 400);
        let mut rest = html;
        for image in images {
            let Some(at) = rest.find(&image.html) else {
                continue;
            };
            out.push_str(&rest[..at]);
            out.push_str(&self.html(
                ImageUse {
                    src: &image.src,
                    page_url: &article.url,
                    alt: &image.alt,
                    title: Some(&image.title),
                    sizes: STORY_SIZES,
                    loading: Loading::Lazy,
                },
                base_path,
            ));
            rest = &rest[at + image.html.len()..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }

    /// Adds what `article`'s pictures are made from (the hashes of their sources) to a
    /// page fingerprint, so a page is rendered again when one of its images changes.
    pub fn hash_article(&self, article: &ArticleEntry, hasher: &mut impl Hasher) {
        for reference in references(article) {
            if let Some(path) = local_site_path(reference.src, &article.url) {
                self.by_path.get(&path).map(|p| &p.hash).hash(hasher);
            }
        }
    }

    /// The variant files to copy into the output, as `content/` files are copied.
    pub fn output_files(&self) -> impl Iterator<Item = ContentAsset> + '_ {
        self.by_path
            .values()
            .flat_map(|p| p.own_format.iter().chain(&p.webp))
            .map(|served| ContentAsset {
                source: served.file.clone(),
                relative: served.url.trim_start_matches('/').to_string(),
            })
    }

    /// How many distinct local images the site shows.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// One image on one page, for [`Pictures::html`].
#[derive(Debug, Clone, Copy)]
pub struct ImageUse<'a> {
    /// As written in the front matter or the body.
    pub src: &'a str,
    /// Site path of the page showing it (a relative `src` is relative to it).
    pub page_url: &'a str,
    pub alt: &'a str,
    pub title: Option<&'a str>,
    /// The `sizes` attribute: how wide the picture is shown.
    pub sizes: &'static str,
    pub loading: Loading,
}

/// The variant a browser that ignores `srcset` gets: the widest up to
/// [`FALLBACK_WIDTH`], else the narrowest.
fn fallback_variant(variants: &[Served]) -> Option<&Served> {
    variants
        .iter()
        .rev()
        .find(|v| v.width <= FALLBACK_WIDTH)
        .or(variants.first())
}

/// `url 400w, url 800w` under the base path.
fn srcset(variants: &[Served], base_path: &str) -> String {
    variants
        .iter()
        .map(|v| {
            format!(
                "{} {}w",
                escape_html(&format!("{base_path}{}", v.url)),
                v.width
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The site path of an image the site itself serves (`/images/x.jpg`, or `x.jpg` next to
/// the article's page), without query or fragment; `None` for an image on another site.
fn local_site_path(image: &str, page_url: &str) -> Option<String> {
    let lower = image.get(..8).unwrap_or(image).to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || image.starts_with("//")
        || lower.starts_with("data:")
    {
        return None;
    }
    let path = image.split(['?', '#']).next().unwrap_or(image);
    Some(image_src(path, page_url, "").into_owned())
}

/// The file of the site's `static/` (first) or `content/` folder served at `site_path`.
fn source_file(site_root: &Path, site_path: &str) -> Option<PathBuf> {
    let relative = site_path.trim_start_matches('/');
    if relative.is_empty() || relative.split('/').any(|part| part == "..") {
        return None;
    }
    ["static", "content"]
        .iter()
        .map(|folder| site_root.join(folder).join(relative))
        .find(|path| path.is_file())
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
        assert_eq!(local_site_path("HTTPS://c.example/a.jpg", "/a/"), None);
    }

    #[test]
    fn a_path_out_of_the_site_is_never_found() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret.jpg"), "x").unwrap();
        std::fs::create_dir(dir.path().join("static")).unwrap();
        assert!(source_file(dir.path(), "/../secret.jpg").is_none());
    }

    #[test]
    fn variants_go_beside_their_source_with_slugged_names() {
        assert_eq!(
            variant_url("/Photos/Quay at Dawn.png", 800, "00ff", "webp"),
            "/photos/quay-at-dawn-800-00ff.webp"
        );
    }

    #[test]
    fn a_picture_offers_every_width_in_both_formats_with_its_size() {
        let served = |w: u32, ext: &str| Served {
            url: format!("/i/a-{w}-h.{ext}"),
            width: w,
            file: PathBuf::new(),
        };
        let mut pictures = Pictures::default();
        pictures.by_path.insert(
            "/i/a.png".into(),
            Picture {
                hash: "h".into(),
                size: Some((800, 400)),
                own_format: vec![served(400, "png"), served(800, "png")],
                webp: vec![served(400, "webp"), served(800, "webp")],
            },
        );
        let html = pictures.html(
            ImageUse {
                src: "/i/a.png",
                page_url: "/x/",
                alt: "A \"quoted\" <b>",
                title: None,
                sizes: STORY_SIZES,
                loading: Loading::Lazy,
            },
            "/paper",
        );
        assert_eq!(
            html,
            "<picture><source type=\"image/webp\" srcset=\"/paper/i/a-400-h.webp 400w, \
             /paper/i/a-800-h.webp 800w\" sizes=\"(min-width: 38rem) 36rem, 100vw\">\
             <img src=\"/paper/i/a-800-h.png\" srcset=\"/paper/i/a-400-h.png 400w, \
             /paper/i/a-800-h.png 800w\" sizes=\"(min-width: 38rem) 36rem, 100vw\" \
             width=\"800\" height=\"400\" alt=\"A &quot;quoted&quot; &lt;b&gt;\" loading=\"lazy\" \
             decoding=\"async\"></picture>"
        );
    }
}
