//! Author profiles: what an author's page says beyond the articles' front matter.
//!
//! An article names its authors (`authors = ["Nadia Farouk"]`) and may carry a `bio`; that
//! is enough for an author page with a bio (the newest article by that author alone that
//! has one). For a role, a photo, links, or a bio of its own, a site adds
//! `content/authors/SLUG.toml`, where `SLUG` is the author page's slug
//! (`/authors/nadia-farouk/` → `content/authors/nadia-farouk.toml`):
//!
//! ```toml
//! role = "Council reporter"
//! bio = "Nadia Farouk covers the council. X: @nadiafarouk"
//! photo = "/images/nadia-farouk.jpg"      # from the site's root, or https://…
//! photo_alt = "Nadia Farouk, smiling, in front of the town hall"
//! links = [{ name = "Website", url = "https://nadia.example" }]
//! ```
//!
//! Every key is optional; an unknown key is an error naming the file and line:column. The
//! files are small and few, so they are read on every build (`serve` watches `content/`).

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{closest, Diagnostic, Position};
use crate::site::load::CONTENT_DIR;
use crate::site::slug::slugify;

/// The folder, under `content/`, of author profiles.
pub const AUTHORS_DIR: &str = "authors";

/// Every key a profile accepts, for suggestions.
const PROFILE_KEYS: &[&str] = &["name", "role", "bio", "photo", "photo_alt", "links"];

/// One author's profile, from `content/authors/SLUG.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorProfile {
    /// The name as the page shows it (default: as the articles spell it).
    pub name: Option<String>,
    /// What they do: `Council reporter`.
    pub role: Option<String>,
    /// A bio of the author's own (default: the newest bio of an article they wrote alone).
    pub bio: Option<String>,
    /// The photo's URL: from the site's root (`/images/x.jpg`) or `https://…`.
    pub photo: Option<String>,
    /// The photo's text alternative (default: the author's name).
    pub photo_alt: Option<String>,
    #[serde(default)]
    pub links: Vec<ProfileLink>,
    /// The file the profile was read from (for messages).
    #[serde(skip)]
    pub source: std::path::PathBuf,
}

/// A link of a profile: `{ name = "Website", url = "https://…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileLink {
    pub name: String,
    pub url: String,
}

/// Profiles keyed by the author page's URL (`/authors/nadia-farouk/`).
pub type Profiles = HashMap<String, AuthorProfile>;

/// The URL of the author page a profile file `STEM.toml` belongs to.
pub fn author_url(name: &str) -> String {
    format!("/{AUTHORS_DIR}/{}/", slugify(name))
}

/// Reads every `content/authors/*.toml` of the site; errors name the file and
/// line:column. No folder, no profiles.
pub fn load_profiles(site_root: &Path) -> (Profiles, Vec<Diagnostic>) {
    let dir = site_root.join(CONTENT_DIR).join(AUTHORS_DIR);
    let mut profiles = Profiles::new();
    let mut errors = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (profiles, errors);
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse_profile(&text, &path) {
                Ok(mut profile) => {
                    profile.source = path.clone();
                    crate::site::typography::smarten_profile(&mut profile);
                    profiles.insert(author_url(&stem.unwrap_or_default()), profile);
                }
                Err(error) => errors.push(error),
            },
            Err(e) => errors.push(Diagnostic::error(
                &path,
                Position::default(),
                format!("cannot read: {e}"),
            )),
        }
    }
    (profiles, errors)
}

/// Warnings for profiles no published article's author has: a misspelt file name
/// would otherwise change nothing, silently.
pub fn unused_profiles<'a>(
    profiles: &'a Profiles,
    author_urls: impl Iterator<Item = &'a str>,
) -> Vec<Diagnostic> {
    let used: std::collections::HashSet<&str> = author_urls.collect();
    let mut unused: Vec<(&String, &AuthorProfile)> = profiles
        .iter()
        .filter(|(url, _)| !used.contains(url.as_str()))
        .collect();
    unused.sort_by(|a, b| a.0.cmp(b.0));
    unused
        .into_iter()
        .map(|(url, profile)| {
            Diagnostic::warning(
                &profile.source,
                Position::default(),
                format!("no published article has the author whose page is {url}"),
            )
            .with_help(
                "name the file after the author page's slug: `Nadia Farouk` is nadia-farouk.toml",
            )
        })
        .collect()
}

/// Parses one profile; an error names `path` and the line:column of the problem.
pub fn parse_profile(text: &str, path: &Path) -> Result<AuthorProfile, Diagnostic> {
    toml::from_str::<AuthorProfile>(text).map_err(|e| {
        let position = e
            .span()
            .map(|span| Position::of_byte_offset(text, span.start))
            .unwrap_or_default();
        let mut error = Diagnostic::error(
            path,
            position,
            format!("invalid author profile: {}", e.message().trim()),
        );
        let unknown = e
            .message()
            .split("unknown field `")
            .nth(1)
            .and_then(|rest| rest.split('`').next());
        if let Some(best) = unknown.and_then(|key| closest(key, PROFILE_KEYS)) {
            error = error.with_help(format!("did you mean `{best}`?"));
        }
        error
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_reads_every_key_and_names_a_typo() {
        let text = "role = \"Reporter\"\nbio = \"Covers courts.\"\nphoto = \"/p.jpg\"\n\
                    links = [{ name = \"Site\", url = \"https://a.example\" }]\n";
        let profile = parse_profile(text, Path::new("a.toml")).unwrap();
        assert_eq!(profile.role.as_deref(), Some("Reporter"));
        assert_eq!(profile.links[0].url, "https://a.example");
        let error = parse_profile("role = \"x\"\nbyo = \"y\"\n", Path::new("a.toml")).unwrap_err();
        assert_eq!(error.position, Position::new(2, 1));
        assert_eq!(error.help.as_deref(), Some("did you mean `bio`?"));
    }

    #[test]
    fn profiles_are_keyed_by_their_author_page() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("content/authors");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("Nadia-Farouk.toml"), "role = \"Reporter\"\n").unwrap();
        std::fs::write(folder.join("notes.txt"), "ignored").unwrap();
        let (profiles, errors) = load_profiles(dir.path());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(profiles.len(), 1);
        assert!(profiles.contains_key("/authors/nadia-farouk/"));
    }
}
