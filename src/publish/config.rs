//! The `[publish]` table of `site.toml`: where `copydesk publish` puts the site.
//!
//! ```toml
//! [publish]
//! target = "dir"                 # a folder: a mounted share, a web server's root
//! path = "../public_html"        # relative to the site root
//! ```
//! ```toml
//! [publish]
//! target = "git"                 # a branch of a git repository, pushed
//! repository = "git@github.com:me/paper.git"   # default: the site's `origin` remote
//! branch = "gh-pages"            # the default
//! cname = "paper.example.com"    # writes CNAME (optional)
//! nojekyll = true                # writes .nojekyll (the default)
//! message = "Publish the paper"  # commit message (optional)
//! ```
//! ```toml
//! [publish]
//! target = "rsync"               # a web server's folder over SSH (see [`super::rsync`])
//! remote = "deploy@news.example:/srv/www/paper"
//! keep = 3                       # releases kept on the server (the default)
//! ```
//! ```toml
//! [publish]
//! target = "s3"                  # S3-compatible object storage (see [`super::s3`])
//! bucket = "paper-site"
//! prefix = "news/"               # optional
//! endpoint = "https://ACCOUNT.r2.cloudflarestorage.com"   # optional; AWS when absent
//! region = "auto"                # default: AWS_REGION, else us-east-1
//! ```
//! Credentials are never read from `site.toml` (see [`super::s3::credentials`]).
//! `target` may be left out when `path` (dir), `repository` (git), `remote` (rsync) or
//! `bucket` (s3) makes it plain.
//! A dir target takes `layout = "releases"` for a folder of whole releases switched in one
//! step (see [`super::releases`]); the default, `"in-place"`, updates the folder itself.
//! Unknown keys are errors with a suggestion and the key's line in `site.toml`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{closest, Diagnostic, Position};
use crate::site::config::{config_path, SiteConfig};

use super::git::{git, GitTarget};
use super::rsync::{RsyncTarget, DEFAULT_KEEP};
use super::s3::{normalise_prefix, S3Target};
use super::PublishError;

/// Where to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishTarget {
    /// A folder, made absolute, updated in place (`layout = "in-place"`, the default).
    Dir { path: PathBuf },
    /// A folder of releases with a `current` link switched in one step
    /// (`layout = "releases"`; see [`super::releases`]).
    Releases { path: PathBuf },
    /// A branch of a git repository.
    Git(GitTarget),
    /// A folder of releases on a server, over SSH.
    Rsync(RsyncTarget),
    /// A bucket (and prefix) of S3-compatible object storage.
    S3(S3Target),
}

const DIR_KEYS: &[&str] = &["target", "path", "layout"];
const GIT_KEYS: &[&str] = &[
    "target",
    "repository",
    "branch",
    "cname",
    "nojekyll",
    "message",
];
const RSYNC_KEYS: &[&str] = &["target", "remote", "keep"];
const S3_KEYS: &[&str] = &["target", "bucket", "prefix", "endpoint", "region"];
/// Keys that would put a secret into `site.toml`, refused with a word on where they go.
const SECRET_KEYS: &[&str] = &[
    "access_key",
    "secret_key",
    "access_key_id",
    "secret_access_key",
    "aws_access_key_id",
    "aws_secret_access_key",
    "session_token",
    "password",
    "token",
];
const ALL_KEYS: &[&str] = &[
    "target",
    "path",
    "layout",
    "repository",
    "branch",
    "cname",
    "nojekyll",
    "message",
    "remote",
    "keep",
    "bucket",
    "prefix",
    "endpoint",
    "region",
];

/// The `[publish]` table of `site_root/site.toml`, as a target. The file is parsed by
/// [`SiteConfig::load`], the one reader of `site.toml` (so publish accepts exactly what
/// the build accepts); its text is read again only when an error needs the line of a
/// key inside `[publish]`.
pub fn load_target(site_root: &Path) -> Result<PublishTarget, PublishError> {
    let config = SiteConfig::load(site_root).map_err(PublishError::ConfigAt)?;
    let file = config_path(site_root);
    let Some(publish) = config.publish else {
        return Err(PublishError::ConfigAt(
            Diagnostic::error(&file, Position::default(), "no [publish] table").with_help(
                "add `[publish]` with `target = \"dir\"` and `path = \"...\"`, \
                 or `target = \"git\"` and `repository = \"...\"`",
            ),
        ));
    };
    parse_target(&publish, site_root, &file, None).or_else(|_| {
        let text = fs::read_to_string(&file).unwrap_or_default();
        parse_target(&publish, site_root, &file, Some(&text))
    })
}

/// Turns a `[publish]` table into a target. `site_toml` and its `text` (when known) are
/// used to point errors at the offending key.
pub fn parse_target(
    table: &toml::Table,
    site_root: &Path,
    site_toml: &Path,
    text: Option<&str>,
) -> Result<PublishTarget, PublishError> {
    let text = text.unwrap_or_default();
    let error = |key: &str, message: String| at(site_toml, text, key, &message);
    for key in table.keys() {
        if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            return Err(error(
                key,
                format!(
                    "`{key}` does not belong in site.toml: credentials are read from \
                     AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or ~/.aws/credentials (s3), \
                     or ssh's own keys (rsync), so they are never committed with the site"
                ),
            ));
        }
        if !ALL_KEYS.contains(&key.as_str()) {
            let mut diagnostic = match error(key, format!("unknown key `{key}` in [publish]")) {
                PublishError::ConfigAt(d) => d,
                other => return Err(other),
            };
            if let Some(suggestion) = closest(key, ALL_KEYS) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            return Err(PublishError::ConfigAt(diagnostic));
        }
    }
    let string = |key: &str| -> Result<Option<String>, PublishError> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(error(key, format!("publish.{key} must be a string"))),
        }
    };
    let kind = match string("target")?.as_deref() {
        Some("dir") => "dir",
        Some("git") => "git",
        Some("rsync") => "rsync",
        Some("s3") => "s3",
        Some(other) => {
            return Err(error(
                "target",
                format!(
                    "unknown publish target `{other}`: use \"dir\", \"git\", \"rsync\" \
                     or \"s3\""
                ),
            ))
        }
        None if table.contains_key("path") => "dir",
        None if table.contains_key("repository") => "git",
        None if table.contains_key("remote") => "rsync",
        None if table.contains_key("bucket") => "s3",
        None => {
            return Err(error(
                "target",
                "[publish] needs `target = \"dir\"`, `\"git\"`, `\"rsync\"` or `\"s3\"`".into(),
            ))
        }
    };
    let allowed = match kind {
        "dir" => DIR_KEYS,
        "rsync" => RSYNC_KEYS,
        "s3" => S3_KEYS,
        _ => GIT_KEYS,
    };
    if let Some(stray) = table.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(error(
            stray,
            format!("`{stray}` does not apply to {kind} targets"),
        ));
    }
    if kind == "dir" {
        let path =
            string("path")?.ok_or_else(|| error("target", "a dir target needs `path`".into()))?;
        let path = absolute(&site_root.join(path));
        return match string("layout")?.as_deref() {
            None | Some("in-place") => Ok(PublishTarget::Dir { path }),
            Some("releases") => Ok(PublishTarget::Releases { path }),
            Some(other) => Err(error(
                "layout",
                format!("unknown publish layout `{other}`: use \"in-place\" or \"releases\""),
            )),
        };
    }
    if kind == "rsync" {
        return parse_rsync(table, &string("remote")?, &error);
    }
    if kind == "s3" {
        let bucket = string("bucket")?
            .filter(|b| is_bucket_name(b))
            .ok_or_else(|| {
                error(
                    if table.contains_key("bucket") {
                        "bucket"
                    } else {
                        "target"
                    },
                    "an s3 target needs `bucket`: 3-63 lower-case letters, digits, dots and \
                     hyphens"
                        .into(),
                )
            })?;
        let endpoint = string("endpoint")?;
        if let Some(endpoint) = endpoint.as_deref().filter(|e| {
            !(e.starts_with("https://") || e.starts_with("http://"))
                || e.split_once("://")
                    .is_some_and(|(_, rest)| rest.trim_end_matches('/').contains('/'))
        }) {
            return Err(error(
                "endpoint",
                format!(
                    "publish.endpoint {endpoint:?} must be a scheme and host only, like \
                     \"https://s3.example.com\""
                ),
            ));
        }
        let region = string("region")?
            .or_else(|| std::env::var("AWS_REGION").ok())
            .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
            .unwrap_or_else(|| "us-east-1".into());
        return Ok(PublishTarget::S3(S3Target {
            bucket,
            prefix: normalise_prefix(&string("prefix")?.unwrap_or_default()),
            endpoint,
            region,
        }));
    }
    let repository = match string("repository")? {
        Some(address) => repository_address(&address, site_root),
        None => origin_of(site_root).ok_or_else(|| {
            error(
                "target",
                "a git target needs `repository` (the site has no `origin` remote to default to)"
                    .into(),
            )
        })?,
    };
    let nojekyll = match table.get("nojekyll") {
        None => true,
        Some(toml::Value::Boolean(b)) => *b,
        Some(_) => {
            return Err(error(
                "nojekyll",
                "publish.nojekyll must be true or false".into(),
            ))
        }
    };
    let cname = string("cname")?.filter(|c| !c.trim().is_empty());
    if let Some(domain) = cname.as_deref().filter(|d| !is_domain_name(d)) {
        return Err(error(
            "cname",
            format!(
                "publish.cname {domain:?} is not a domain name: letters, digits, hyphens and \
                 dots only, like \"paper.example.com\""
            ),
        ));
    }
    Ok(PublishTarget::Git(GitTarget {
        repository,
        branch: string("branch")?.unwrap_or_else(|| "gh-pages".into()),
        cname,
        nojekyll,
        message: string("message")?.unwrap_or_else(|| "Publish the site with copydesk".into()),
    }))
}

/// True for a name S3 takes for a bucket: 3-63 of `a-z`, `0-9`, `.` and `-`, starting
/// and ending with a letter or digit.
fn is_bucket_name(name: &str) -> bool {
    let edge_ok = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge_ok(name.bytes().next())
        && edge_ok(name.bytes().last())
}

/// The rsync target of a `[publish]` table whose `remote` is `remote`.
fn parse_rsync(
    table: &toml::Table,
    remote: &Option<String>,
    error: &dyn Fn(&str, String) -> PublishError,
) -> Result<PublishTarget, PublishError> {
    let keep = match table.get("keep") {
        None => DEFAULT_KEEP,
        Some(toml::Value::Integer(n)) if (1..=100).contains(n) => *n as usize,
        Some(_) => {
            return Err(error(
                "keep",
                "publish.keep must be a whole number of releases from 1 to 100".into(),
            ))
        }
    };
    let Some(remote) = remote else {
        return Err(error(
            "target",
            "an rsync target needs `remote = \"user@host:/path\"`".into(),
        ));
    };
    RsyncTarget::from_remote(remote, keep)
        .map(PublishTarget::Rsync)
        .ok_or_else(|| {
            error(
                "remote",
                format!(
                    "publish.remote {remote:?} is not `user@host:/path` (or `host:path`, \
                     with a host of ~/.ssh/config)"
                ),
            )
        })
}

/// True for a host name GitHub Pages can take as a custom domain: dot-separated labels
/// of letters, digits and inner hyphens (1-63 characters each, 253 in all). A newline or
/// space would make the `CNAME` file say something else.
fn is_domain_name(name: &str) -> bool {
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    name.len() <= 253 && name.split('.').all(label_ok)
}

/// A URL or scp-like address as it is; a local path made absolute from the site root.
fn repository_address(address: &str, site_root: &Path) -> String {
    let is_url = address.contains("://");
    let is_scp_like = address
        .split_once(':')
        .is_some_and(|(host, _)| host.contains('@') && !host.contains('/'));
    if is_url || is_scp_like {
        address.to_string()
    } else {
        absolute(&site_root.join(address))
            .to_string_lossy()
            .into_owned()
    }
}

/// The URL of the `origin` remote of the repository holding the site, if any.
fn origin_of(site_root: &Path) -> Option<String> {
    git(Some(site_root), &["remote", "get-url", "origin"])
        .ok()
        .filter(|url| !url.is_empty())
}

/// An error at the line of `key` in `site.toml` (found by a plain scan of `[publish]`).
fn at(file: &Path, text: &str, key: &str, message: &str) -> PublishError {
    PublishError::ConfigAt(Diagnostic::error(file, key_position(text, key), message))
}

/// Where `key = …` stands inside `[publish]` in `text`; line 0 when not found.
fn key_position(text: &str, key: &str) -> Position {
    let mut inside = false;
    let mut table_line = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            inside = trimmed.trim_end() == "[publish]";
            if inside {
                table_line = Some(index + 1);
            }
            continue;
        }
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        if inside && rest.trim_start().starts_with('=') {
            let column = line.len() - trimmed.len() + 1;
            return Position::new(index + 1, column);
        }
    }
    table_line.map_or_else(Position::default, |line| Position::new(line, 1))
}

/// `path` made absolute and free of `.`/`..`; symlinks are resolved in the part of the
/// path that exists, so `..` means what it means to the file system.
pub fn absolute(path: &Path) -> PathBuf {
    let mut result = std::env::current_dir().unwrap_or_default();
    let mut after_prefix = false;
    for component in path.components() {
        let is_prefix = matches!(component, Component::Prefix(_));
        match component {
            Component::Prefix(_) => result = PathBuf::from(component.as_os_str()),
            // `C:` then `\`: keep the drive.
            Component::RootDir if after_prefix => result.push(component.as_os_str()),
            Component::RootDir => result = PathBuf::from(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                if let Ok(real) = result.canonicalize() {
                    result = real;
                }
                result.pop();
            }
            Component::Normal(name) => result.push(name),
        }
        after_prefix = is_prefix;
    }
    result.canonicalize().unwrap_or(result)
}

/// Refuses folders that a publish must never go into: the site itself or anything
/// holding it, and its source folders. Which files of any other folder a publish may
/// touch is the business of [`super::folder`].
pub fn refuse_unsafe_folder(target: &Path, site_root: &Path) -> Result<(), PublishError> {
    let target = absolute(target);
    let site_root = absolute(site_root);
    let refuse = |why: &str| {
        Err(PublishError::Config(format!(
            "refusing to publish into {}: {why}",
            target.display()
        )))
    };
    if site_root.starts_with(&target) {
        return refuse("it holds the site itself");
    }
    for source in ["content", "themes", "templates", "static"] {
        if target.starts_with(site_root.join(source)) {
            return refuse(&format!("it is inside the site's {source}/ folder"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PublishTarget, PublishError> {
        let table: toml::Table = toml::from_str(text).unwrap();
        let publish = table["publish"].as_table().unwrap();
        parse_target(
            publish,
            Path::new("/site"),
            Path::new("/site/site.toml"),
            Some(text),
        )
    }

    fn diagnostic(result: Result<PublishTarget, PublishError>) -> Diagnostic {
        match result {
            Err(PublishError::ConfigAt(d)) => d,
            other => panic!("expected a config diagnostic, got {other:?}"),
        }
    }

    #[test]
    fn dir_targets_resolve_relative_to_the_site() {
        let target = parse("[publish]\ntarget = \"dir\"\npath = \"../www\"\n").unwrap();
        assert_eq!(
            target,
            PublishTarget::Dir {
                path: PathBuf::from("/www")
            }
        );
    }

    #[test]
    fn git_targets_take_defaults() {
        let target = parse("[publish]\nrepository = \"https://example.com/p.git\"\n").unwrap();
        let PublishTarget::Git(git) = target else {
            panic!("not git")
        };
        assert_eq!(git.branch, "gh-pages");
        assert!(git.nojekyll);
        assert_eq!(git.cname, None);
        assert_eq!(git.repository, "https://example.com/p.git");
    }

    #[test]
    fn scp_addresses_stay_and_paths_become_absolute() {
        assert_eq!(
            repository_address("git@github.com:me/p.git", Path::new("/s")),
            "git@github.com:me/p.git"
        );
        assert_eq!(repository_address("../p.git", Path::new("/s")), "/p.git");
    }

    #[test]
    fn unknown_keys_name_their_line_and_suggest() {
        let d = diagnostic(parse(
            "title = \"x\"\n\n[publish]\ntarget = \"git\"\nrepository = \"/r\"\n  brnach = \"main\"\n",
        ));
        assert_eq!(d.position, Position::new(6, 3));
        assert_eq!(d.help.as_deref(), Some("did you mean `branch`?"));
    }

    #[test]
    fn keys_of_the_other_target_and_bad_types_are_errors() {
        let d = diagnostic(parse(
            "[publish]\ntarget = \"dir\"\npath = \"x\"\ncname = \"a.b\"\n",
        ));
        assert!(d.message.contains("does not apply"), "{}", d.message);
        assert_eq!(d.position.line, 4);
        let d = diagnostic(parse("[publish]\ntarget = \"ftp\"\n"));
        assert!(d.message.contains("ftp"));
        let d = diagnostic(parse(
            "[publish]\ntarget = \"git\"\nrepository = \"/r\"\nnojekyll = \"yes\"\n",
        ));
        assert_eq!(d.position.line, 4);
    }

    #[test]
    fn a_dir_target_may_ask_for_the_releases_layout() {
        let target = parse("[publish]\npath = \"/www\"\nlayout = \"releases\"\n").unwrap();
        assert_eq!(
            target,
            PublishTarget::Releases {
                path: PathBuf::from("/www")
            }
        );
        let target = parse("[publish]\npath = \"/www\"\nlayout = \"in-place\"\n").unwrap();
        assert!(matches!(target, PublishTarget::Dir { .. }));
        let d = diagnostic(parse("[publish]\npath = \"/www\"\nlayout = \"zip\"\n"));
        assert!(
            d.message.contains("unknown publish layout"),
            "{}",
            d.message
        );
        assert_eq!(d.position.line, 3);
    }

    #[test]
    fn rsync_targets_name_a_server_folder() {
        let target =
            parse("[publish]\nremote = \"deploy@news.example:/srv/www/paper\"\nkeep = 5\n")
                .unwrap();
        let PublishTarget::Rsync(rsync) = target else {
            panic!("not rsync: {target:?}")
        };
        assert_eq!(rsync.host, "deploy@news.example");
        assert_eq!(rsync.path, "/srv/www/paper");
        assert_eq!(rsync.keep, 5);
        let d = diagnostic(parse(
            "[publish]\ntarget = \"rsync\"\n\nremote = \"/srv/www\"\n",
        ));
        assert!(d.message.contains("user@host:/path"), "{}", d.message);
        assert_eq!(d.position, Position::new(4, 1));
        let d = diagnostic(parse("[publish]\nremote = \"h:/p\"\nkeep = 0\n"));
        assert_eq!(d.position.line, 3);
        let d = diagnostic(parse("[publish]\nremote = \"h:/p\"\nbranch = \"x\"\n"));
        assert!(
            d.message.contains("does not apply to rsync targets"),
            "{}",
            d.message
        );
    }

    #[test]
    fn s3_targets_name_a_bucket_and_never_hold_secrets() {
        let target = parse(
            "[publish]\nbucket = \"paper-site\"\nprefix = \"/news\"\n\
             endpoint = \"http://127.0.0.1:9000\"\nregion = \"auto\"\n",
        )
        .unwrap();
        assert_eq!(
            target,
            PublishTarget::S3(S3Target {
                bucket: "paper-site".into(),
                prefix: "news/".into(),
                endpoint: Some("http://127.0.0.1:9000".into()),
                region: "auto".into(),
            })
        );
        let d = diagnostic(parse(
            "[publish]\nbucket = \"paper-site\"\n  secret_access_key = \"x\"\n",
        ));
        assert_eq!(d.position, Position::new(3, 3));
        assert!(d.message.contains("never committed"), "{}", d.message);
        let d = diagnostic(parse(
            "[publish]\ntarget = \"s3\"\nbucket = \"Paper_Site\"\n",
        ));
        assert_eq!(d.position.line, 3);
        let d = diagnostic(parse(
            "[publish]\nbucket = \"paper\"\nendpoint = \"s3.example.com\"\n",
        ));
        assert_eq!(d.position.line, 3);
    }

    #[test]
    fn a_cname_must_be_a_domain_name() {
        let with = |cname: &str| {
            parse(&format!(
                "[publish]\nrepository = \"/r\"\ncname = {}\n",
                toml::Value::String(cname.into())
            ))
        };
        for bad in [
            "paper.example.com\nevil.example",
            "paper example.com",
            "-paper.example.com",
            "paper..example.com",
            "https://paper.example.com",
        ] {
            let d = diagnostic(with(bad));
            assert!(
                d.message.contains("not a domain name"),
                "{bad:?}: {}",
                d.message
            );
            assert_eq!(d.position.line, 3, "{bad:?}");
        }
        let Ok(PublishTarget::Git(git)) = with("news.paper-1.example.com") else {
            panic!("a good domain refused")
        };
        assert_eq!(git.cname.as_deref(), Some("news.paper-1.example.com"));
    }

    #[test]
    fn dangerous_folders_are_refused() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir_all(site.path().join("content")).unwrap();
        assert!(refuse_unsafe_folder(site.path(), site.path()).is_err());
        assert!(refuse_unsafe_folder(site.path().parent().unwrap(), site.path()).is_err());
        assert!(refuse_unsafe_folder(&site.path().join("content/www"), site.path()).is_err());
        assert!(refuse_unsafe_folder(&site.path().join("public"), site.path()).is_ok());
    }
}
