//! Themes: tera templates and static files, layered and compiled once per build.
//!
//! Three layers, each overriding the one before by file name:
//! 1. the built-in `default` theme, embedded in the binary with `include_str!` so
//!    `copydesk build` works anywhere;
//! 2. the theme named in `site.toml`, from `themes/NAME/templates` and `themes/NAME/static`
//!    at the site root (for `default`, only if the site has such a folder);
//! 3. the site's own `templates/` and `static/`.
//!
//! Template errors become [`Diagnostic`]s that name the template file and line; render
//! errors also name the page being rendered (see [`Theme::render`]).
//!
//! Templates build the URLs they write themselves with the `url` function
//! (`{{ url(path="/style.css") }}`), which puts the path under the site's base path
//! (`/paper/style.css` for `base_url = "https://me.github.io/paper/"`), or makes it
//! absolute with `absolute=true`. Every URL the context hands a template (`page.url`,
//! `tag.url`, `story.url`, `pager.next`, `site.navigation`…) is already under the base
//! path, so those are written as they are. `site.base_path` is the bare prefix (empty
//! at the root, `/paper` under a sub-path).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tera::{Tera, Value};

use crate::diagnostic::{closest, Diagnostic, Position};

/// The built-in theme's templates, by name.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "article.html",
        include_str!("../../themes/default/templates/article.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "tag.html",
        include_str!("../../themes/default/templates/tag.html"),
    ),
    (
        "author.html",
        include_str!("../../themes/default/templates/author.html"),
    ),
    (
        "tags.html",
        include_str!("../../themes/default/templates/tags.html"),
    ),
    (
        "authors.html",
        include_str!("../../themes/default/templates/authors.html"),
    ),
    (
        "card.html",
        include_str!("../../themes/default/templates/card.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
];

/// The built-in theme's static files, by path under `static/`.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "elasticlunr.min.js",
        include_bytes!("../../themes/default/static/elasticlunr.min.js"),
    ),
    // The search's stemmers for French, German and Spanish queries (see search::language)
    (
        "search-languages.js",
        include_bytes!("../../themes/default/static/search-languages.js"),
    ),
    (
        "lunr-languages/lunr.stemmer.support.min.js",
        include_bytes!("../../themes/default/static/lunr-languages/lunr.stemmer.support.min.js"),
    ),
    (
        "lunr-languages/lunr.fr.min.js",
        include_bytes!("../../themes/default/static/lunr-languages/lunr.fr.min.js"),
    ),
    (
        "lunr-languages/lunr.de.min.js",
        include_bytes!("../../themes/default/static/lunr-languages/lunr.de.min.js"),
    ),
    (
        "lunr-languages/lunr.es.min.js",
        include_bytes!("../../themes/default/static/lunr-languages/lunr.es.min.js"),
    ),
    // MPL 1.1 asks that its text go with the code
    (
        "lunr-languages/LICENSE",
        include_bytes!("../../themes/default/static/lunr-languages/LICENSE"),
    ),
];

/// The name of the built-in theme.
pub const DEFAULT_THEME: &str = "default";

/// Where a template or static file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary (the built-in theme).
    BuiltIn(&'static str),
    File(PathBuf),
}

impl Origin {
    /// The path to show in messages.
    pub fn display_path(&self, kind: &str) -> PathBuf {
        match self {
            Origin::BuiltIn(name) => PathBuf::from(format!("themes/default/{kind}/{name}")),
            Origin::File(path) => path.clone(),
        }
    }
}

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub origin: Origin,
    pub text: String,
}

/// A file to copy into the output, from the theme or the site's `static/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path under `static/` (and so under the output), `/`-separated.
    pub relative: String,
    pub origin: StaticOrigin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticOrigin {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

/// A compiled theme.
#[derive(Debug)]
pub struct Theme {
    pub tera: Tera,
    pub sources: BTreeMap<String, TemplateSource>,
    pub static_files: Vec<StaticFile>,
    /// Hash of every template's text: changes when any template does.
    pub fingerprint: u64,
}

impl Theme {
    /// Points the `url` template function at `base_url` (normalised: no trailing slash).
    /// A theme just loaded builds URLs for a site at the root of `http://127.0.0.1:1111`.
    pub fn set_base_url(&mut self, base_url: &str) {
        self.tera
            .register_function("url", UrlFunction::new(base_url));
    }

    /// Loads and compiles the theme `name` for the site at `site_root`.
    pub fn load(site_root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut sources: BTreeMap<String, TemplateSource> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let source = TemplateSource {
                    origin: Origin::BuiltIn(name),
                    text: (*text).to_string(),
                };
                (name.to_string(), source)
            })
            .collect();
        let mut static_files: BTreeMap<String, StaticOrigin> = DEFAULT_STATIC
            .iter()
            .map(|(path, bytes)| (path.to_string(), StaticOrigin::BuiltIn(bytes)))
            .collect();
        let mut errors = Vec::new();

        let theme_dir = site_root.join("themes").join(name);
        if theme_dir.is_dir() {
            let folder = |name: &str| SiteFolder {
                dir: theme_dir.join(name),
                site_root,
            };
            read_templates(&folder("templates"), &mut sources, &mut errors);
            read_static(&folder("static"), &mut static_files, &mut errors);
        } else if name != DEFAULT_THEME {
            errors.push(unknown_theme(site_root, name));
        }
        let folder = |name: &str| SiteFolder {
            dir: site_root.join(name),
            site_root,
        };
        read_templates(&folder("templates"), &mut sources, &mut errors);
        read_static(&folder("static"), &mut static_files, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }

        let tera = compile(&sources)?;
        let fingerprint = crate::site::load::revision_of(
            sources
                .iter()
                .flat_map(|(name, s)| [name.as_bytes(), s.text.as_bytes()])
                .collect::<Vec<_>>()
                .concat()
                .as_slice(),
        );
        Ok(Theme {
            tera,
            sources,
            static_files: static_files
                .into_iter()
                .map(|(relative, origin)| StaticFile { relative, origin })
                .collect(),
            fingerprint,
        })
    }

    /// Renders `template` for the page at `page_url` built from `page_source`. Errors name
    /// the template, the line of the failing expression when it can be found, and the page.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        page_url: &str,
        page_source: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| self.render_error(template, &e, page_url, page_source))
    }

    /// [`render`](Self::render) appended to `out` (a buffer a caller reuses from page to
    /// page, so that a page is not grown from a small fresh allocation each time); on an
    /// error `out` is left as it was.
    pub fn render_to(
        &self,
        template: &str,
        context: &tera::Context,
        out: &mut Vec<u8>,
        page_url: &str,
        page_source: Option<&Path>,
    ) -> Result<(), Diagnostic> {
        let start = out.len();
        self.tera
            .render_to(template, context, &mut *out)
            .map_err(|e| {
                out.truncate(start);
                self.render_error(template, &e, page_url, page_source)
            })
    }

    fn render_error(
        &self,
        template: &str,
        error: &tera::Error,
        page_url: &str,
        page_source: Option<&Path>,
    ) -> Diagnostic {
        let chain = error_chain(error);
        // Tera names the template where the failure happened in its innermost message.
        let named = quoted_names(&chain)
            .into_iter()
            .rev()
            .find(|name| self.sources.contains_key(*name))
            .unwrap_or(template)
            .to_string();
        // But a failure in a parent (`base.html`) is reported under the child that
        // extends it, so the culprit is looked for along the chain of `extends`.
        let (failing, position) = self
            .find_culprit(&named, &chain)
            .unwrap_or((named, Position::default()));
        let path = self
            .sources
            .get(&failing)
            .map(|s| s.origin.display_path("templates"))
            .unwrap_or_else(|| PathBuf::from(&failing));
        let page = match page_source {
            Some(source) => format!("{page_url} (from {})", source.display()),
            None => page_url.to_string(),
        };
        Diagnostic::error(
            &path,
            position,
            format!("template error while rendering {page}: {chain}"),
        )
    }

    /// The template (of `template` and the ones it extends, nearest first) holding what
    /// the error `chain` names (a variable in backticks, a filter or function in quotes),
    /// and its line:column there.
    fn find_culprit(&self, template: &str, chain: &str) -> Option<(String, Position)> {
        let needles: Vec<&str> = backticked_names(chain)
            .into_iter()
            .chain(
                quoted_names(chain)
                    .into_iter()
                    .filter(|name| !name.is_empty() && !self.sources.contains_key(*name)),
            )
            .collect();
        self.lineage(template).into_iter().find_map(|name| {
            let position = needles
                .iter()
                .find_map(|needle| self.find_in_template(&name, needle))?;
            Some((name, position))
        })
    }

    /// `template`, the template it extends, that one's parent, and so on.
    fn lineage(&self, template: &str) -> Vec<String> {
        let mut chain = vec![template.to_string()];
        while let Some(parent) = self
            .sources
            .get(chain.last().expect("never empty"))
            .and_then(|source| extended_template(&source.text))
            .filter(|parent| {
                self.sources.contains_key(*parent) && !chain.iter().any(|c| c == parent)
            })
        {
            chain.push(parent.to_string());
        }
        chain
    }

    /// The first line:column of `needle` in a template's text.
    fn find_in_template(&self, template: &str, needle: &str) -> Option<Position> {
        let text = &self.sources.get(template)?.text;
        let offset = text.find(needle)?;
        let (line, column) = crate::article::line_col(text, offset);
        Some(Position::new(line + 1, column + 1))
    }
}

/// Compiles all templates together (so `extends` and `import` resolve), or explains why not.
fn compile(sources: &BTreeMap<String, TemplateSource>) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let defaults = crate::site::config::SiteConfig::default();
    tera.register_function("url", UrlFunction::new(&defaults.base_url));
    let templates: Vec<(&str, &str)> = sources
        .iter()
        .map(|(name, source)| (name.as_str(), source.text.as_str()))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        let chain = error_chain(&e);
        let name = quoted_names(&chain)
            .into_iter()
            .find(|n| sources.contains_key(*n))
            .map(str::to_string);
        let (path, position) = match name.as_ref().and_then(|n| sources.get(n)) {
            Some(source) => (
                source.origin.display_path("templates"),
                arrow_position(&chain).unwrap_or_default(),
            ),
            None => (PathBuf::from("templates"), Position::default()),
        };
        vec![Diagnostic::error(
            &path,
            position,
            format!("template error: {chain}"),
        )]
    })?;
    Ok(tera)
}

fn unknown_theme(site_root: &Path, name: &str) -> Diagnostic {
    let mut available: Vec<String> = std::fs::read_dir(site_root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    // The built-in theme is listed once, whether or not `themes/` has a copy of it.
    available.push(DEFAULT_THEME.to_string());
    available.sort();
    available.dedup();
    let names: Vec<&str> = available.iter().map(String::as_str).collect();
    let help = match closest(name, &names) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("available themes: {}", names.join(", ")),
    };
    let config = crate::site::config::config_path(site_root);
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    Diagnostic::error(
        &config,
        crate::site::config::key_position(&text, "theme"),
        format!("theme `{name}` not found in themes/{name}"),
    )
    .with_help(help)
}

/// Escapes text for HTML content and quoted attributes. Unlike tera's default it leaves
/// `/` alone, so URLs read as written (`/articles/x/`, not `&#x2F;articles&#x2F;x&#x2F;`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut plain_from = 0;
    for (index, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain_from..index]);
        out.push_str(entity);
        plain_from = index + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

/// The `url` template function: `url(path="/feed.xml")` is the path under the site's base
/// path (`/feed.xml` at the root, `/paper/feed.xml` under `/paper/`), and
/// `url(path="/feed.xml", absolute=true)` the full URL. A path without its leading `/` is
/// taken from the site's root all the same; a URL with a scheme (`https:`, `mailto:`) or
/// a network path (`//cdn.example/x.js`) is returned as it is.
struct UrlFunction {
    /// `https://me.github.io/paper`: no trailing slash.
    base_url: String,
}

impl UrlFunction {
    fn new(base_url: &str) -> UrlFunction {
        UrlFunction {
            base_url: base_url.trim_end_matches('/').to_string(),
        }
    }
}

impl tera::Function for UrlFunction {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        if let Some(unknown) = args
            .keys()
            .find(|k| !matches!(k.as_str(), "path" | "absolute"))
        {
            return Err(format!(
                "url() takes `path` and `absolute`, not `{unknown}`: write url(path=\"/style.css\")"
            )
            .into());
        }
        let path = match args.get("path") {
            Some(Value::String(path)) => path.as_str(),
            Some(other) => return Err(format!("url(path=…) needs a string, not {other}").into()),
            None => return Err("url() needs a path: write url(path=\"/style.css\")".into()),
        };
        let absolute = match args.get("absolute") {
            None => false,
            Some(Value::Bool(absolute)) => *absolute,
            Some(other) => {
                return Err(format!("url(absolute=…) needs true or false, not {other}").into())
            }
        };
        if path.starts_with("//") || has_scheme(path) {
            return Ok(Value::String(path.to_string()));
        }
        let rooted = if path.starts_with('/') {
            std::borrow::Cow::Borrowed(path)
        } else {
            std::borrow::Cow::Owned(format!("/{path}"))
        };
        let url = if absolute {
            format!("{}{rooted}", self.base_url)
        } else {
            let base_path = crate::site::config::base_path_of(&self.base_url);
            crate::site::config::prefixed(base_path, &rooted).into_owned()
        };
        Ok(Value::String(url))
    }
}

/// `scheme:` at the start, as in `https:`, `mailto:`, `data:`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// A folder of templates or static files, and the site it belongs to.
struct SiteFolder<'a> {
    dir: PathBuf,
    site_root: &'a Path,
}

/// Adds every `*.html` / `*.xml` file under `dir` to `sources`, replacing same names.
fn read_templates(
    dir: &SiteFolder<'_>,
    sources: &mut BTreeMap<String, TemplateSource>,
    errors: &mut Vec<Diagnostic>,
) {
    for (path, relative) in files_under(dir, errors) {
        if !(relative.ends_with(".html") || relative.ends_with(".xml")) {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(
                    relative,
                    TemplateSource {
                        origin: Origin::File(path),
                        text,
                    },
                );
            }
            Err(e) => errors.push(Diagnostic::error(
                &path,
                Position::default(),
                format!("cannot read template: {e}"),
            )),
        }
    }
}

fn read_static(
    dir: &SiteFolder<'_>,
    files: &mut BTreeMap<String, StaticOrigin>,
    errors: &mut Vec<Diagnostic>,
) {
    for (path, relative) in files_under(dir, errors) {
        files.insert(relative, StaticOrigin::File(path));
    }
}

/// Regular files under `folder` with their `/`-separated relative paths; nothing if it
/// does not exist. A link to a file inside the site counts as that file; one leading
/// outside the site is an error (see [`crate::site::load::linked_file_in_site`]).
fn files_under(folder: &SiteFolder<'_>, errors: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let dir = folder.dir.as_path();
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(Diagnostic::error(
                    e.path().unwrap_or(dir),
                    Position::default(),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let is_file = if entry.path_is_symlink() && entry.depth() > 0 {
            match crate::site::load::linked_file_in_site(entry.path(), folder.site_root) {
                Ok(is_file) => is_file,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            }
        } else {
            entry.file_type().is_file()
        };
        if let (true, Some(relative)) = (
            is_file,
            crate::site::load::relative_slash_path(dir, entry.path()),
        ) {
            files.push((entry.path().to_path_buf(), relative));
        }
    }
    files
}

/// A tera error and its causes, joined.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// Names in single quotes ('article.html'), in order.
fn quoted_names(text: &str) -> Vec<&str> {
    text.split('\'').skip(1).step_by(2).collect()
}

/// The template named by `{% extends "name" %}` in `text`, if any.
fn extended_template(text: &str) -> Option<&str> {
    text.split("extends").skip(1).find_map(|after| {
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        after[1..].split(quote).next()
    })
}

/// Names in backticks (`page.titel`), in order.
fn backticked_names(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| !n.is_empty())
        .collect()
}

/// The `--> 3:7` position in a pest parse error.
fn arrow_position(text: &str) -> Option<Position> {
    let rest = text.split("--> ").nth(1)?;
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = numbers.next()?.parse().ok()?;
    let column = numbers.next()?.parse().ok()?;
    Some(Position::new(line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_but_keeps_slashes() {
        assert_eq!(
            escape_html("a/<b c=\"d\">'é'&"),
            "a/&lt;b c=&quot;d&quot;&gt;&#39;é&#39;&amp;"
        );
    }

    #[test]
    fn unknown_themes_list_each_available_one_once() {
        let dir = tempfile::tempdir().unwrap();
        for theme in ["default", "broadsheet"] {
            std::fs::create_dir_all(dir.path().join("themes").join(theme)).unwrap();
        }
        let help = unknown_theme(dir.path(), "zzzzzzzz").help.unwrap();
        assert_eq!(help, "available themes: broadsheet, default");
    }

    #[test]
    fn the_template_extended_is_found_past_comments() {
        let text = "{# this extends the base #}\n{%- extends 'base.html' -%}";
        assert_eq!(extended_template(text), Some("base.html"));
        assert_eq!(extended_template("{% block x %}{% endblock %}"), None);
    }

    #[test]
    fn builtin_theme_compiles_without_any_files() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        assert!(theme.sources.contains_key("article.html"));
        let files: Vec<&str> = theme
            .static_files
            .iter()
            .map(|f| f.relative.as_str())
            .collect();
        assert_eq!(
            files,
            [
                "elasticlunr.min.js",
                "favicon.svg",
                "lunr-languages/LICENSE",
                "lunr-languages/lunr.de.min.js",
                "lunr-languages/lunr.es.min.js",
                "lunr-languages/lunr.fr.min.js",
                "lunr-languages/lunr.stemmer.support.min.js",
                "search-languages.js",
                "search.js",
                "style.css"
            ]
        );
    }

    #[test]
    fn the_url_function_puts_paths_under_the_base_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/404.html"),
            "{{ url(path=\"/style.css\") }} {{ url(path=\"feed.xml\") }} \
             {{ url(path=\"/\", absolute=true) }} {{ url(path=\"https://x.example/a\") }}",
        )
        .unwrap();
        let mut theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let render = |theme: &Theme| {
            theme
                .render("404.html", &tera::Context::new(), "/404.html", None)
                .unwrap()
        };
        assert_eq!(
            render(&theme),
            "/style.css /feed.xml http://127.0.0.1:1111/ https://x.example/a"
        );
        theme.set_base_url("https://me.github.io/paper");
        assert_eq!(
            render(&theme),
            "/paper/style.css /paper/feed.xml https://me.github.io/paper/ https://x.example/a"
        );
        std::fs::write(
            dir.path().join("templates/404.html"),
            "{{ url(href=\"/\") }}",
        )
        .unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let err = theme
            .render("404.html", &tera::Context::new(), "/404.html", None)
            .unwrap_err();
        assert!(err.message.contains("url() takes `path`"), "{err}");
    }

    #[test]
    fn site_templates_override_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "gone {{ 1 + 1 }}").unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let out = theme.render("404.html", &tera::Context::new(), "/404.html", None);
        assert_eq!(out.unwrap(), "gone 2");
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "ok\n{% if %}\n").unwrap();
        let errors = Theme::load(dir.path(), DEFAULT_THEME).unwrap_err();
        assert!(
            errors[0].path.ends_with("templates/404.html"),
            "{}",
            errors[0]
        );
        assert_eq!(errors[0].position.line, 2, "{}", errors[0]);
    }

    #[test]
    fn render_errors_name_template_line_and_page() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/404.html"),
            "a\nb {{ nope.deep }}\n",
        )
        .unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_THEME).unwrap();
        let err = theme
            .render("404.html", &tera::Context::new(), "/404.html", None)
            .unwrap_err();
        assert!(err.path.ends_with("templates/404.html"));
        assert_eq!(err.position, Position::new(2, 6), "{err}");
        assert!(err.message.contains("/404.html"), "{err}");
    }

    #[test]
    fn unknown_theme_is_an_error_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"x\"\n  theme = \"defualt\"\n",
        )
        .unwrap();
        let errors = Theme::load(dir.path(), "defualt").unwrap_err();
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `default`?"));
        // At the `theme` line of site.toml (it had no position at all).
        assert_eq!(errors[0].position, Position::new(2, 1));
    }
}
