//! Maps a request target (`/articles/x/?q=1`) to a file inside the output folder, safely.
//!
//! This is the preview server's only door to the file system, so it is strict: the path
//! is percent-decoded once, split into segments, and every segment must be a plain name
//! (no `.`/`..`, no backslash, no NUL, nothing that the OS would read as a root or a
//! drive). The joined path is then canonicalised and must still lie under the
//! canonicalised output folder, which also stops symlinks that point outside it.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Where a request leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A regular file inside the output folder (a folder's `index.html` included).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this location.
    AddSlash(String),
    /// Nothing there (or a folder without `index.html`: folders are never listed).
    NotFound,
    /// A malformed or hostile path (traversal, backslash, bad encoding).
    BadRequest,
}

/// Resolves the request target `target` against the output folder `root`.
pub fn resolve(root: &Path, target: &str) -> Resolution {
    let (raw_path, query) = split_query(strip_origin(target));
    if !raw_path.starts_with('/') {
        return Resolution::BadRequest;
    }
    let Some(decoded) = percent_decode(raw_path) else {
        return Resolution::BadRequest;
    };
    let Some(segments) = plain_segments(&decoded) else {
        return Resolution::BadRequest;
    };
    let Ok(canonical_root) = root.canonicalize() else {
        return Resolution::NotFound;
    };
    let candidate = segments
        .iter()
        .fold(canonical_root.clone(), |path, segment| path.join(segment));
    let Some(found) = canonical_inside(&canonical_root, &candidate) else {
        return Resolution::NotFound;
    };
    if found.is_dir() {
        if !decoded.ends_with('/') && !segments.is_empty() {
            return Resolution::AddSlash(slash_location(&segments, query));
        }
        return match canonical_inside(&canonical_root, &found.join("index.html")) {
            Some(index) if index.is_file() => Resolution::File(index),
            _ => Resolution::NotFound,
        };
    }
    if found.is_file() {
        Resolution::File(found)
    } else {
        Resolution::NotFound
    }
}

/// A request may carry an absolute URL (`http://host/path`); only its path matters.
pub(crate) fn strip_origin(target: &str) -> &str {
    for scheme in ["http://", "https://"] {
        if let Some(rest) = target.strip_prefix(scheme) {
            return rest.find('/').map_or("/", |i| &rest[i..]);
        }
    }
    target
}

fn split_query(target: &str) -> (&str, Option<&str>) {
    let target = target.split('#').next().unwrap_or_default();
    match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    }
}

/// Decodes `%XX` escapes once; `None` for a broken escape or text that is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The non-empty segments of a decoded path, or `None` when any segment is not a plain
/// file name.
fn plain_segments(decoded: &str) -> Option<Vec<&str>> {
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut components = Path::new(segment).components();
        let plain = matches!(components.next(), Some(Component::Normal(_)))
            && components.next().is_none()
            && !segment.contains(':');
        if !plain || segment == "." || segment == ".." {
            return None;
        }
        segments.push(segment);
    }
    Some(segments)
}

/// The canonical form of `path` when it exists and lies under `canonical_root`.
fn canonical_inside(canonical_root: &Path, path: &Path) -> Option<PathBuf> {
    match path.canonicalize() {
        Ok(real) if real.starts_with(canonical_root) => Some(real),
        Ok(_) => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(_) => None,
    }
}

/// `/a/b/` (re-encoded from the checked segments, so it can never be `//host`).
fn slash_location(segments: &[&str], query: Option<&str>) -> String {
    let mut location = String::from("/");
    for segment in segments {
        location.push_str(&percent_encode_segment(segment));
        location.push('/');
    }
    if let Some(query) = query {
        location.push('?');
        location.push_str(&escape_non_printable(query));
    }
    location
}

/// Keeps a query as it came but escapes anything outside printable ASCII, so the
/// `Location` header stays a valid header value.
fn escape_non_printable(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for byte in query.bytes() {
        if (0x21..0x7f).contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles/x")).unwrap();
        fs::create_dir_all(dir.path().join("empty")).unwrap();
        fs::write(dir.path().join("index.html"), "home").unwrap();
        fs::write(dir.path().join("articles/x/index.html"), "x").unwrap();
        fs::write(dir.path().join("a b.txt"), "space").unwrap();
        dir
    }

    #[test]
    fn folders_serve_their_index_and_files_themselves() {
        let dir = site();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolve(dir.path(), "/"),
            Resolution::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/articles/x/?utm=1"),
            Resolution::File(root.join("articles/x/index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/a%20b.txt"),
            Resolution::File(root.join("a b.txt"))
        );
    }

    #[test]
    fn folder_without_slash_redirects_and_empty_folder_is_not_listed() {
        let dir = site();
        assert_eq!(
            resolve(dir.path(), "/articles/x?q=1"),
            Resolution::AddSlash("/articles/x/?q=1".into())
        );
        assert_eq!(
            resolve(dir.path(), "/articles/x?q=é"),
            Resolution::AddSlash("/articles/x/?q=%C3%A9".into())
        );
        assert_eq!(resolve(dir.path(), "/empty/"), Resolution::NotFound);
        assert_eq!(resolve(dir.path(), "/nope.html"), Resolution::NotFound);
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        let dir = site();
        for target in [
            "/../secret",
            "/articles/../../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/..%5csecret",
            "/articles\\..\\..\\secret",
            "/.",
            "/x%00.html",
            "/%zz",
            "/C:/Windows",
            "secret",
        ] {
            assert_eq!(
                resolve(dir.path(), target),
                Resolution::BadRequest,
                "{target}"
            );
        }
    }

    #[test]
    fn absolute_paths_stay_inside_the_root() {
        let dir = site();
        assert_eq!(resolve(dir.path(), "//etc/passwd"), Resolution::NotFound);
        assert_eq!(
            resolve(dir.path(), "/%2Fetc%2Fpasswd"),
            Resolution::NotFound
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_pointing_out_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let dir = site();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("s.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        assert_eq!(resolve(dir.path(), "/s.txt"), Resolution::NotFound);
        assert_eq!(resolve(dir.path(), "/out/secret.txt"), Resolution::NotFound);
    }
}
