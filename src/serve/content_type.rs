//! The `Content-Type` of each file a static site can hold, chosen by file extension.
//!
//! A preview server must send the right type for every file the build writes (pages,
//! feeds, sitemaps, styles, scripts, images, fonts) or browsers refuse styles and scripts
//! (`X-Content-Type-Options: nosniff` is sent too). Unknown extensions are sent as
//! `application/octet-stream`, so a browser downloads rather than guesses.

use std::path::Path;

/// The media type for `path`, by its extension (case-insensitive). Text types carry
/// `charset=utf-8` because the build writes UTF-8.
pub fn content_type_for(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if extension == "xml" && is_feed_name(name) {
        return "application/atom+xml; charset=utf-8";
    }
    if extension == "xml" && name.eq_ignore_ascii_case("rss.xml") {
        return "application/rss+xml; charset=utf-8";
    }
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "jsonld" => "application/ld+json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Atom feeds are written as `feed.xml` or `atom.xml` (also inside tag folders).
fn is_feed_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("feed.xml") || name.eq_ignore_ascii_case("atom.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_styles_and_scripts_get_their_types() {
        assert_eq!(
            content_type_for(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("style.CSS")),
            "text/css; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("app.js")),
            "text/javascript; charset=utf-8"
        );
    }

    #[test]
    fn feeds_differ_from_other_xml() {
        assert_eq!(
            content_type_for(Path::new("feed.xml")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("sitemap.xml")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type_for(Path::new("tags/x/rss.xml")),
            "application/rss+xml; charset=utf-8"
        );
    }

    #[test]
    fn unknown_or_missing_extensions_download() {
        assert_eq!(
            content_type_for(Path::new("blob.xyz")),
            "application/octet-stream"
        );
        assert_eq!(
            content_type_for(Path::new("LICENSE")),
            "application/octet-stream"
        );
    }
}
