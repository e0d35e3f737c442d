//! Link checking over a built site: every internal link and `#anchor` resolves, every
//! referenced asset exists (those of pages, and the fonts and images of stylesheets).
//!
//! The output folder is indexed once (all file paths, and the `id`s of each HTML page,
//! read in parallel); then every reference in every page is resolved the way a browser
//! and a static host would: relative to the page's URL, `..` normalised, percent-decoded,
//! a folder meaning its `index.html`. Absolute URLs count as internal when they start
//! with the site's `base_url`; other schemes (`https:` elsewhere, `mailto:`, `data:`…)
//! are external and not fetched. For a site served under a sub-path
//! (`https://me.github.io/paper/`), a path from the host's root that leaves it
//! (`/style.css`, what a template written for a root site produces) is an error of its
//! own, with the link to write instead; a full URL on the same host outside the path
//! names another site (`https://me.github.io/other/`) and is external.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::css::css_references;
use super::html::{start_tags, StartTag};
use super::{Problem, ProblemKind};
use crate::diagnostic::{Diagnostic, Position};

/// What a reference is for: a page to go to, or a file the page needs to display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Link,
    Asset,
}

/// A URL found in a page.
#[derive(Debug, Clone)]
struct Reference {
    url: String,
    role: Role,
    position: Position,
}

/// What a page holds that matters for links.
#[derive(Debug, Default)]
struct PageScan {
    ids: HashSet<String>,
    references: Vec<Reference>,
}

/// The site's `base_url` split into what marks a URL as internal.
#[derive(Debug, Clone, Default)]
pub struct BaseUrl {
    /// `https://example.com` (lower-cased), when known.
    origin: Option<String>,
    /// `/` or `/blog/`: the path the output folder is served at.
    path: String,
}

impl BaseUrl {
    /// Parses `https://example.com/blog/`; `None` means "served at `/`, origin unknown".
    pub fn parse(base_url: Option<&str>) -> BaseUrl {
        let Some(url) = base_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return BaseUrl {
                origin: None,
                path: "/".into(),
            };
        };
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let path_start = url[after_scheme..]
            .find('/')
            .map_or(url.len(), |i| after_scheme + i);
        let mut path = url[path_start..].to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        BaseUrl {
            origin: (after_scheme > 0).then(|| url[..path_start].to_ascii_lowercase()),
            path,
        }
    }
}

/// Checks every HTML page under `output`. Problems name files as `shown_root/<page>`.
pub fn check_links(output: &Path, base: &BaseUrl, shown_root: &Path) -> io::Result<Vec<Problem>> {
    let files = all_files(output)?;
    let pages: Vec<&String> = files.iter().filter(|f| is_html(f) || is_css(f)).collect();
    let scans: HashMap<&str, PageScan> = pages
        .par_iter()
        .map(|page| {
            let text = fs::read(output.join(page.as_str()))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())?;
            let scan = if is_css(page) {
                scan_stylesheet(&text)
            } else {
                scan_page(&text)
            };
            Ok((page.as_str(), scan))
        })
        .collect::<io::Result<_>>()?;
    let site = Site {
        files: &files,
        scans: &scans,
        base,
    };
    let mut problems: Vec<Problem> = pages
        .par_iter()
        .flat_map_iter(|page| site.problems_of(page, shown_root))
        .collect();
    problems.sort_by(|a, b| {
        (&a.diagnostic.path, a.diagnostic.position)
            .cmp(&(&b.diagnostic.path, b.diagnostic.position))
    });
    Ok(problems)
}

struct Site<'a> {
    files: &'a HashSet<String>,
    scans: &'a HashMap<&'a str, PageScan>,
    base: &'a BaseUrl,
}

impl Site<'_> {
    fn problems_of(&self, page: &str, shown_root: &Path) -> Vec<Problem> {
        let Some(scan) = self.scans.get(page) else {
            return Vec::new();
        };
        let path = page
            .split('/')
            .fold(shown_root.to_path_buf(), |p, part| p.join(part));
        scan.references
            .iter()
            .filter_map(|reference| self.problem_with(page, reference, &path))
            .collect()
    }

    /// The problem with one reference of `page`, if any.
    fn problem_with(&self, page: &str, reference: &Reference, shown: &Path) -> Option<Problem> {
        let (target, fragment) = match internal_target(page, &reference.url, self.base) {
            Target::External => return None,
            Target::OutsideSite => {
                return Some(self.missing(reference, shown, "it points outside the site"))
            }
            Target::OutsideBasePath => {
                let why = format!(
                    "it is outside the base path {} the site is served under",
                    self.base.path
                );
                let mut problem = self.missing(reference, shown, &why);
                if let Some(rest) = reference.url.trim().strip_prefix('/') {
                    problem.diagnostic = problem.diagnostic.with_help(format!(
                        "write it as {}{rest}; in a template, {{{{ url(path=\"/{rest}\") }}}} \
                         puts a path under the base path",
                        self.base.path
                    ));
                }
                return Some(problem);
            }
            Target::Path { path, fragment } => (path, fragment),
        };
        let Some(file) = self.find_file(&target) else {
            return Some(self.missing(reference, shown, "no such file in the output"));
        };
        let fragment = fragment.filter(|f| !f.is_empty() && f != "top")?;
        let ids = &self.scans.get(file.as_str())?.ids;
        if ids.contains(&fragment) {
            return None;
        }
        let message = format!(
            "broken anchor `{}`: no element with id `{fragment}` in {file}",
            reference.url
        );
        Some(Problem {
            kind: ProblemKind::BrokenAnchor,
            diagnostic: Diagnostic::error(shown, reference.position, message),
        })
    }

    fn missing(&self, reference: &Reference, shown: &Path, why: &str) -> Problem {
        let (kind, what) = match reference.role {
            Role::Link => (ProblemKind::BrokenLink, "broken link"),
            Role::Asset => (ProblemKind::MissingAsset, "missing asset"),
        };
        Problem {
            kind,
            diagnostic: Diagnostic::error(
                shown,
                reference.position,
                format!("{what} `{}`: {why}", reference.url),
            ),
        }
    }

    /// The output file a site path names: itself, or its folder's `index.html`.
    fn find_file(&self, path: &str) -> Option<String> {
        if path.is_empty() || path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        self.files.contains(&index).then_some(index)
    }
}

/// Where a URL leads, seen from the site.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Another site, or a scheme that is not fetched (`mailto:`, `data:`…).
    External,
    /// Above the output root (`../` past it).
    OutsideSite,
    /// A path from the host's root (`/style.css`) outside the base path (`/paper/`) of a
    /// site served under a sub-path: a link a theme or article wrote as if at the root.
    OutsideBasePath,
    /// A path relative to the output root (percent-decoded) and a decoded fragment.
    Path {
        path: String,
        fragment: Option<String>,
    },
}

fn internal_target(page: &str, url: &str, base: &BaseUrl) -> Target {
    let url = url.trim();
    let (without_fragment, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(percent_decode(f))),
        None => (url, None),
    };
    let without_query = without_fragment.split('?').next().unwrap_or_default();
    let path = match site_path(without_query, base) {
        Some(path) => path,
        None => return Target::External,
    };
    // `https://me.github.io/x` rather than `/x`: the origin was taken off.
    let written_with_origin = path.len() != without_query.len();
    let joined = if path.is_empty() {
        page.to_string()
    } else if let Some(absolute) = path.strip_prefix('/') {
        match ("/".to_string() + absolute).strip_prefix(base.path.as_str()) {
            Some(inside) => inside.to_string(),
            None if format!("/{absolute}/") == base.path => String::new(),
            // A full URL on the same host outside the base path names another site
            // (`https://me.github.io/other-project/` beside `/paper/`) on purpose.
            None if written_with_origin => return Target::External,
            None => return Target::OutsideBasePath,
        }
    } else {
        let folder = page.rfind('/').map_or("", |i| &page[..=i]);
        format!("{folder}{path}")
    };
    match normalise(&joined) {
        Some(path) => Target::Path {
            path: percent_decode(&path),
            fragment,
        },
        None => Target::OutsideSite,
    }
}

/// The path part of `url` when it points into this site (relative, absolute path, or
/// an absolute URL at the site's origin); `None` for anything external.
fn site_path<'u>(url: &'u str, base: &BaseUrl) -> Option<&'u str> {
    if let Some(origin) = &base.origin {
        let lower = url.to_ascii_lowercase();
        let host = origin.split_once("://").map_or(origin.as_str(), |(_, h)| h);
        for candidate in [origin.clone(), format!("//{host}")] {
            if lower.starts_with(&candidate) {
                let rest = &url[candidate.len()..];
                if rest.is_empty() {
                    return Some("/");
                }
                if rest.starts_with('/') {
                    return Some(rest);
                }
            }
        }
    }
    if url.starts_with("//") || has_scheme(url) {
        return None;
    }
    Some(url)
}

/// `scheme:` at the start, as in `https:`, `mailto:`, `data:`, `javascript:`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// Resolves `.` and `..` segments, keeping a trailing slash; `None` above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let names_a_folder = path.ends_with('/')
        || path.ends_with("/.")
        || path.ends_with("/..")
        || path == "."
        || path == "..";
    let mut result = parts.join("/");
    if names_a_folder && !result.is_empty() {
        result.push('/');
    }
    Some(result)
}

fn percent_decode(text: &str) -> String {
    crate::serve::resolve::percent_decode(text).unwrap_or_else(|| text.to_string())
}

/// Ids and references of one page.
fn scan_page(html: &str) -> PageScan {
    let mut scan = PageScan::default();
    for tag in start_tags(html) {
        if let Some(id) = tag.get("id") {
            scan.ids.insert(id.value.clone());
        }
        if tag.name == "a" {
            if let Some(name) = tag.get("name") {
                scan.ids.insert(name.value.clone());
            }
        }
        references_of(&tag, &mut scan.references);
    }
    scan
}

/// The fonts, images and imports a stylesheet needs.
fn scan_stylesheet(css: &str) -> PageScan {
    PageScan {
        ids: HashSet::new(),
        references: css_references(css)
            .into_iter()
            .map(|(url, position)| Reference {
                url,
                role: Role::Asset,
                position,
            })
            .collect(),
    }
}

/// The URLs a tag refers to, by the attributes that hold them.
fn references_of(tag: &StartTag, out: &mut Vec<Reference>) {
    let mut add = |attribute: &str, role: Role| {
        if let Some(a) = tag.get(attribute) {
            out.push(Reference {
                url: a.value.clone(),
                role,
                position: a.position,
            });
        }
    };
    match tag.name.as_str() {
        "a" | "area" => add("href", Role::Link),
        "iframe" | "frame" => add("src", Role::Link),
        "link" => add("href", link_role(tag)),
        "img" | "script" | "source" | "audio" | "track" | "embed" | "input" => {
            add("src", Role::Asset)
        }
        "video" => {
            add("src", Role::Asset);
            add("poster", Role::Asset);
        }
        "object" => add("data", Role::Asset),
        _ => {}
    }
    if let Some(srcset) = tag.get("srcset") {
        for candidate in srcset.value.split(',') {
            if let Some(url) = candidate.split_whitespace().next() {
                out.push(Reference {
                    url: url.to_string(),
                    role: Role::Asset,
                    position: srcset.position,
                });
            }
        }
    }
}

/// `<link rel=stylesheet|icon|preload…>` needs its file; `canonical`, `alternate`… link.
fn link_role(tag: &StartTag) -> Role {
    let rel = tag
        .get("rel")
        .map(|a| a.value.to_ascii_lowercase())
        .unwrap_or_default();
    let needs_file = rel.split_whitespace().any(|r| {
        matches!(
            r,
            "stylesheet" | "icon" | "apple-touch-icon" | "preload" | "modulepreload" | "manifest"
        )
    });
    if needs_file {
        Role::Asset
    } else {
        Role::Link
    }
}

fn is_css(path: &str) -> bool {
    path.to_ascii_lowercase().ends_with(".css")
}

fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Every file under `root` as a relative `/`-separated path.
fn all_files(root: &Path) -> io::Result<HashSet<String>> {
    let mut files = HashSet::new();
    for entry in WalkDir::new(root).min_depth(1).follow_links(true) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).map_err(io::Error::other)?;
            let parts: Vec<_> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            files.insert(parts.join("/"));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(page: &str, url: &str, base: Option<&str>) -> Target {
        internal_target(page, url, &BaseUrl::parse(base))
    }

    fn path(p: &str, fragment: Option<&str>) -> Target {
        Target::Path {
            path: p.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn relative_and_absolute_urls_resolve_from_the_page() {
        let page = "articles/x/index.html";
        assert_eq!(target(page, "../y/", None), path("articles/y/", None));
        assert_eq!(
            target(page, "/style.css?v=2", None),
            path("style.css", None)
        );
        assert_eq!(target(page, "#notes", None), path(page, Some("notes")));
        assert_eq!(
            target(page, "img/a%20b.png", None),
            path("articles/x/img/a b.png", None)
        );
        assert_eq!(target(page, "/", None), path("", None));
        assert_eq!(target(page, "../../../../x", None), Target::OutsideSite);
    }

    #[test]
    fn the_base_url_decides_what_is_internal() {
        let base = Some("https://Paper.example/blog/");
        let page = "index.html";
        assert_eq!(
            target(page, "https://paper.example/blog/a/#top", base),
            path("a/", Some("top"))
        );
        assert_eq!(target(page, "/blog/a/", base), path("a/", None));
        assert_eq!(target(page, "/blog", base), path("", None));
        assert_eq!(target(page, "/other/", base), Target::OutsideBasePath);
        assert_eq!(
            target(page, "https://paper.example/other/", base),
            Target::External
        );
        assert_eq!(
            target(page, "https://paper.example/blog", base),
            path("", None)
        );
        assert_eq!(
            target(page, "https://elsewhere.example/", base),
            Target::External
        );
        assert_eq!(target(page, "//cdn.example/x.js", base), Target::External);
        assert_eq!(
            target(page, "mailto:desk@paper.example", base),
            Target::External
        );
        assert_eq!(
            target(page, "data:image/png;base64,AAAA", base),
            Target::External
        );
    }

    #[test]
    fn normalising_keeps_folders_and_refuses_escapes() {
        assert_eq!(normalise("a/./b/../c/").as_deref(), Some("a/c/"));
        assert_eq!(normalise("a/b/..").as_deref(), Some("a/"));
        assert_eq!(normalise("a//b").as_deref(), Some("a/b"));
        assert_eq!(normalise("../a"), None);
    }
}
