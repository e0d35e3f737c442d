//! Resized variants of one image file, cached between builds.
//!
//! A JPEG or PNG is decoded once (turned upright by its EXIF orientation), resized to
//! each width of [`WIDTHS`] narrower than itself (plus its own width up to the widest),
//! and encoded twice per width: in its own format (JPEG at quality [`JPEG_QUALITY`], PNG
//! losslessly) and as WebP. The `image` crate's WebP encoder is lossless only: that
//! suits drawings and screenshots (usually smaller than PNG) but not photographs (usually
//! bigger than JPEG), so the WebP set is offered only when it is smaller in total.
//!
//! Every file lands in the site's `.copydesk/images/`, named by the source bytes' BLAKE3
//! hash and the width (`HASH-800.jpg`, `HASH-800.webp`, and `HASH.size` holding the
//! upright size). A later build that finds them reads the source and hashes it, and
//! decodes nothing: an unchanged image costs one read and one hash. Other image types
//! (GIF, which may be animated; WebP; AVIF; SVG) are served as they are, with their size
//! when their header gives it.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

/// Widths, in pixels, a picture is offered at: the story column is 36rem (576 CSS
/// pixels), so these cover it on screens of one to three device pixels per CSS pixel.
pub const WIDTHS: &[u32] = &[400, 800, 1200, 1600];
/// The JPEG quality of resized JPEG variants.
pub const JPEG_QUALITY: u8 = 82;
/// The folder, under the site root, of cached variants.
pub const CACHE_DIR: &str = ".copydesk/images";

/// One resized file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `jpg`, `png` or `webp`.
    pub extension: &'static str,
    /// The cached file.
    pub file: PathBuf,
}

/// What a source image became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// The first 16 hex digits of the source's BLAKE3 hash (names the output files).
    pub hash: String,
    /// The upright size of the source, when known (an SVG has none).
    pub size: Option<(u32, u32)>,
    /// Variants in the source's own format, narrowest first; empty for a file served
    /// as it is.
    pub own_format: Vec<Variant>,
    /// WebP variants of the same widths, when they are smaller in total; else empty.
    pub webp: Vec<Variant>,
    /// Whether anything had to be decoded or encoded (false: all came from the cache).
    pub encoded: bool,
}

/// The cache folder of variants for one site.
#[derive(Debug, Clone)]
pub struct VariantCache {
    dir: PathBuf,
}

impl VariantCache {
    /// The cache of the site at `site_root`.
    pub fn of_site(site_root: &Path) -> VariantCache {
        VariantCache {
            dir: site_root.join(CACHE_DIR),
        }
    }

    /// The variants of the image whose bytes are `bytes` (named `name`, for its type),
    /// made or found in the cache.
    pub fn process(&self, name: &str, bytes: &[u8]) -> Result<Processed, String> {
        let hash = blake3::hash(bytes).to_hex()[..16].to_string();
        if name.to_ascii_lowercase().ends_with(".svg") {
            return Ok(served_as_is(hash, None));
        }
        let format = image::guess_format(bytes)
            .map_err(|_| "is not a JPEG, PNG, GIF or WebP image".to_string())?;
        let extension = match format {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            _ => {
                let size = ImageReader::with_format(Cursor::new(bytes), format)
                    .into_dimensions()
                    .map_err(|e| e.to_string())?;
                return Ok(served_as_is(hash, Some(size)));
            }
        };
        if let Some(processed) = self.cached(&hash, extension) {
            return Ok(processed);
        }
        let image = decode_upright(bytes, format)?;
        self.encode_all(hash, &image, extension)
            .map_err(|e| format!("cannot cache its variants in {}: {e}", self.dir.display()))
    }

    /// The variants of `hash` already in the cache, when every one is there.
    fn cached(&self, hash: &str, extension: &'static str) -> Option<Processed> {
        let size = std::fs::read_to_string(self.dir.join(format!("{hash}.size"))).ok()?;
        let (width, height) = size.trim().split_once(' ')?;
        let size = (width.parse().ok()?, height.parse().ok()?);
        let own_format = self.variants(hash, size, extension);
        let webp = self.variants(hash, size, "webp");
        let all_there = own_format
            .iter()
            .chain(&webp)
            .all(|variant| variant.file.is_file());
        all_there.then(|| Processed {
            hash: hash.to_string(),
            size: Some(size),
            webp: smaller_set(webp, &own_format),
            own_format,
            encoded: false,
        })
    }

    /// The variant files of an image of `size`, in `extension`, whether made yet or not.
    fn variants(&self, hash: &str, size: (u32, u32), extension: &'static str) -> Vec<Variant> {
        widths_for(size.0)
            .into_iter()
            .map(|width| Variant {
                width,
                height: scaled_height(size, width),
                extension,
                file: self.dir.join(format!("{hash}-{width}.{extension}")),
            })
            .collect()
    }

    /// Resizes and encodes every variant of `image`, then records its size (last, so a
    /// build killed halfway leaves no record pointing at missing files).
    fn encode_all(
        &self,
        hash: String,
        image: &DynamicImage,
        extension: &'static str,
    ) -> std::io::Result<Processed> {
        std::fs::create_dir_all(&self.dir)?;
        let size = (image.width(), image.height());
        let own_format = self.variants(&hash, size, extension);
        let webp = self.variants(&hash, size, "webp");
        for (own, webp) in own_format.iter().zip(&webp) {
            let resized = resize(image, own.width, own.height);
            write_cached(&own.file, &encode(&resized, own.extension)?)?;
            write_cached(&webp.file, &encode(&resized, "webp")?)?;
        }
        write_cached(
            &self.dir.join(format!("{hash}.size")),
            format!("{} {}\n", size.0, size.1).as_bytes(),
        )?;
        Ok(Processed {
            hash,
            size: Some(size),
            webp: smaller_set(webp, &own_format),
            own_format,
            encoded: true,
        })
    }
}

fn served_as_is(hash: String, size: Option<(u32, u32)>) -> Processed {
    Processed {
        hash,
        size,
        own_format: Vec::new(),
        webp: Vec::new(),
        encoded: false,
    }
}

/// The widths an image `source_width` wide is offered at: each of [`WIDTHS`] narrower
/// than it, and its own width when it is no wider than the widest (never enlarged).
pub fn widths_for(source_width: u32) -> Vec<u32> {
    let widest = WIDTHS[WIDTHS.len() - 1];
    let mut widths: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < source_width)
        .collect();
    if source_width <= widest {
        widths.push(source_width.max(1));
    }
    widths
}

/// The height of `size` scaled to `width`, rounded, at least one pixel.
fn scaled_height((width, height): (u32, u32), to_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// `webp` when its files are smaller in total than `own_format`'s; else nothing.
fn smaller_set(webp: Vec<Variant>, own_format: &[Variant]) -> Vec<Variant> {
    let total = |set: &[Variant]| -> u64 {
        set.iter()
            .map(|v| std::fs::metadata(&v.file).map_or(u64::MAX / 4, |m| m.len()))
            .sum()
    };
    if total(&webp) < total(own_format) {
        webp
    } else {
        Vec::new()
    }
}

/// Decodes `bytes` and turns the picture upright as its EXIF orientation says.
fn decode_upright(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, String> {
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `image` at `width`×`height` (Catmull-Rom: sharp, and much faster than Lanczos on
/// large photographs); the image itself when already that size.
fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if image.width() == width && image.height() == height {
        return image.clone();
    }
    image.resize_exact(width, height, image::imageops::FilterType::CatmullRom)
}

/// `image` encoded as `extension` (`jpg`, `png` or `webp`), in 8-bit colour.
fn encode(image: &DynamicImage, extension: &str) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let alpha = image.color().has_alpha();
    let result = match extension {
        "jpg" => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
            .encode_image(&DynamicImage::ImageRgb8(image.to_rgb8())),
        _ => {
            let eight_bit = if alpha {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            let format = if extension == "png" {
                ImageFormat::Png
            } else {
                ImageFormat::WebP
            };
            eight_bit.write_to(&mut Cursor::new(&mut bytes), format)
        }
    };
    result.map_err(std::io::Error::other)?;
    Ok(bytes)
}

/// Writes a cache file in one step, so a killed build never leaves half of one.
fn write_cached(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::atomic::write_replacing(path, bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn widths_never_enlarge_and_stop_at_the_widest() {
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(widths_for(1000), vec![400, 800, 1000]);
        assert_eq!(widths_for(1600), vec![400, 800, 1200, 1600]);
        assert_eq!(widths_for(4000), vec![400, 800, 1200, 1600]);
        assert_eq!(scaled_height((1000, 750), 400), 300);
        assert_eq!(scaled_height((3000, 1), 400), 1);
    }

    #[test]
    fn variants_are_made_once_then_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = VariantCache::of_site(dir.path());
        let bytes = png(900, 300);
        let first = cache.process("a.png", &bytes).unwrap();
        assert!(first.encoded);
        assert_eq!(first.size, Some((900, 300)));
        let widths: Vec<_> = first
            .own_format
            .iter()
            .map(|v| (v.width, v.height))
            .collect();
        assert_eq!(widths, vec![(400, 133), (800, 267), (900, 300)]);
        let decoded = image::open(&first.own_format[1].file).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (800, 267));
        let second = cache.process("a.png", &bytes).unwrap();
        assert!(!second.encoded, "the second build decodes nothing");
        assert_eq!(second.own_format, first.own_format);
        assert_eq!(second.webp, first.webp);
        // A variant deleted from the cache is made again.
        std::fs::remove_file(&first.own_format[0].file).unwrap();
        assert!(cache.process("a.png", &bytes).unwrap().encoded);
    }

    #[test]
    fn files_that_are_not_images_are_refused_and_svg_is_served_as_is() {
        let dir = tempfile::tempdir().unwrap();
        let cache = VariantCache::of_site(dir.path());
        assert!(cache.process("a.jpg", b"jpeg").is_err());
        let svg = cache.process("a.svg", b"<svg/>").unwrap();
        assert_eq!((svg.size, svg.own_format.len()), (None, 0));
    }
}
