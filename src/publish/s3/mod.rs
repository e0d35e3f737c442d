//! Publishing to S3-compatible object storage (AWS S3, Cloudflare R2, Backblaze B2, MinIO,
//! DigitalOcean Spaces), on the folder target's safety model.
//!
//! * [`client`]: put, get, delete and list objects, signed by [`sigv4`];
//! * [`credentials`]: the keys, from the environment or a profile file, never `site.toml`.
//!
//! The bucket's `PREFIX.copydesk-published.json` object records every object copydesk
//! published under the prefix, with the SHA-256 of its content. A publish:
//! 1. reads the record and lists the prefix: objects that are not in the record are not
//!    copydesk's (a prefix holding some and no record is refused without `--adopt`; a site
//!    file that would replace one is refused without `--adopt`), and are never deleted;
//! 2. compares each site file's hash with the record's: only changed files are uploaded;
//! 3. writes the record of old and new objects (a killed publish leaves none unrecorded),
//!    uploads in parallel (8 at once, each retried) assets first, then pages, then feeds
//!    and the sitemap, so no page is live before its assets; deletes the objects the site
//!    no longer has; then writes the record of exactly the site's objects.
//!
//! Each object gets its Content-Type by extension and a Cache-Control by kind: a year and
//! `immutable` for assets whose name holds a content hash (`app.3f2a9c1b.css`), an hour
//! for other assets, a minute for pages, feeds and the sitemap.
//!
//! Object storage has no step that switches many objects at once: a publish killed half
//! way leaves some pages new and some old (each object whole, never a page before its
//! assets), and the next publish completes it.

pub mod client;
pub mod credentials;
pub mod sigv4;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::plan::{path_in, relative_files, Plan};
use super::PublishError;
use crate::progress::Progress;
use client::{Bucket, S3Error};

/// The record object's name, after the prefix.
pub const RECORD_KEY: &str = ".copydesk-published.json";
/// Uploads at once.
const PARALLEL: usize = 8;
/// The record format written today.
const RECORD_VERSION: u32 = 1;

/// An S3 publish target, from `[publish]` in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Target {
    pub bucket: String,
    /// Empty, or a folder-like prefix ending in `/` (`paper/`).
    pub prefix: String,
    /// `https://…` of a store that is not AWS; `None` for AWS itself.
    pub endpoint: Option<String>,
    pub region: String,
}

impl S3Target {
    /// `s3://bucket/prefix`, as messages show it.
    pub fn address(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.prefix)
    }
}

/// `prefix` as keys use it: no leading `/`, one trailing `/` unless empty.
pub fn normalise_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}

/// What the record object holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct S3Record {
    version: u32,
    /// Path under the prefix -> hex SHA-256 of what was uploaded (empty: not known, as
    /// for an object a killed publish may or may not have uploaded).
    files: BTreeMap<String, String>,
}

/// Publishes `built` to `target` (or, with `dry_run`, lists what would change). `adopt`
/// allows a prefix that holds objects copydesk did not publish.
pub fn publish_to_s3(
    built: &Path,
    target: &S3Target,
    dry_run: bool,
    adopt: bool,
    progress: &dyn Progress,
) -> Result<Plan, PublishError> {
    let keys = credentials::load().map_err(PublishError::Config)?;
    let bucket = Bucket::new(
        &target.bucket,
        target.endpoint.as_deref(),
        &target.region,
        keys,
    )
    .map_err(PublishError::Config)?;
    let record_key = format!("{}{RECORD_KEY}", target.prefix);
    let record = read_record(&bucket, &record_key)?;
    let existing: BTreeSet<String> = bucket
        .list(&target.prefix)
        .map_err(tool)?
        .into_iter()
        .filter_map(|key| key.strip_prefix(&target.prefix).map(str::to_string))
        .filter(|key| key != RECORD_KEY && !key.is_empty())
        .collect();
    let site = hash_site(built)?;
    let plan = plan_objects(&site, record.as_ref(), &existing, adopt, target)?;
    if dry_run || (plan.is_empty() && record.as_ref().is_some_and(|r| r.files == site)) {
        return Ok(plan);
    }
    let mut intent = record.clone().unwrap_or_default();
    for path in plan.added.iter().chain(&plan.changed) {
        intent.files.insert(path.clone(), String::new());
    }
    write_record(&bucket, &record_key, &intent)?;
    let uploads: Vec<&String> = plan.added.iter().chain(&plan.changed).collect();
    progress.start("Uploading", (uploads.len() + plan.removed.len()) as u64);
    for rank in 0..3 {
        let group: Vec<&String> = uploads
            .iter()
            .copied()
            .filter(|p| upload_rank(p) == rank)
            .collect();
        in_parallel(&group, progress, |path| {
            let body = std::fs::read(path_in(built, path))
                .map_err(|e| PublishError::io(&path_in(built, path), e))?;
            let key = format!("{}{path}", target.prefix);
            bucket
                .put(&key, &body, content_type(path), cache_control(path))
                .map_err(tool)
        })?;
    }
    let removed: Vec<&String> = plan.removed.iter().collect();
    in_parallel(&removed, progress, |path| {
        bucket
            .delete(&format!("{}{path}", target.prefix))
            .map_err(tool)
    })?;
    progress.finish();
    write_record(
        &bucket,
        &record_key,
        &S3Record {
            version: RECORD_VERSION,
            files: site,
        },
    )?;
    Ok(plan)
}

fn tool(error: S3Error) -> PublishError {
    PublishError::Tool {
        command: error.operation,
        message: error.message,
    }
}

fn read_record(bucket: &Bucket, key: &str) -> Result<Option<S3Record>, PublishError> {
    let Some(bytes) = bucket.get(key).map_err(tool)? else {
        return Ok(None);
    };
    let record: S3Record = serde_json::from_slice(&bytes).map_err(|e| {
        PublishError::Config(format!(
            "{key} in the bucket is damaged ({e}); it lists what copydesk may delete, so fix \
             it, or delete it and publish with --adopt"
        ))
    })?;
    if record.version != RECORD_VERSION {
        return Err(PublishError::Config(format!(
            "{key} in the bucket has version {}, which this copydesk does not know",
            record.version
        )));
    }
    Ok(Some(record))
}

fn write_record(bucket: &Bucket, key: &str, record: &S3Record) -> Result<(), PublishError> {
    let record = S3Record {
        version: RECORD_VERSION,
        files: record.files.clone(),
    };
    let json = serde_json::to_vec_pretty(&record).expect("a record always serialises");
    bucket
        .put(key, &json, "application/json", "no-store")
        .map_err(tool)
}

/// Every file of the built site with the hex SHA-256 of its content.
fn hash_site(built: &Path) -> Result<BTreeMap<String, String>, PublishError> {
    let files = relative_files(built, &|_| false).map_err(|e| PublishError::io(built, e))?;
    files
        .into_iter()
        .map(|path| {
            let full = path_in(built, &path);
            let bytes = std::fs::read(&full).map_err(|e| PublishError::io(&full, e))?;
            Ok((path, sigv4::sha256_hex(&bytes)))
        })
        .collect()
}

/// What publishing `site` changes, given the `record` and the `existing` objects under
/// the prefix; refuses what would replace objects copydesk did not publish.
fn plan_objects(
    site: &BTreeMap<String, String>,
    record: Option<&S3Record>,
    existing: &BTreeSet<String>,
    adopt: bool,
    target: &S3Target,
) -> Result<Plan, PublishError> {
    let recorded = |path: &str| record.and_then(|r| r.files.get(path));
    let foreign: Vec<String> = existing
        .iter()
        .filter(|key| recorded(key).is_none())
        .cloned()
        .collect();
    if record.is_none() && !foreign.is_empty() && !adopt {
        return Err(PublishError::NotPublished {
            path: target.address().into(),
            entries: foreign,
        });
    }
    let mut plan = Plan::default();
    let mut blocked = Vec::new();
    for (path, hash) in site {
        match recorded(path) {
            Some(old) if old == hash => {}
            Some(_) => plan.changed.push(path.clone()),
            None if existing.contains(path) && !adopt => blocked.push(path.clone()),
            None if existing.contains(path) => plan.changed.push(path.clone()),
            None => plan.added.push(path.clone()),
        }
    }
    if !blocked.is_empty() {
        return Err(PublishError::WouldReplace {
            path: target.address().into(),
            files: blocked,
            adoptable: true,
        });
    }
    if let Some(record) = record {
        plan.removed = record
            .files
            .keys()
            .filter(|path| !site.contains_key(*path))
            .cloned()
            .collect();
    }
    plan.kept = foreign
        .into_iter()
        .filter(|key| !site.contains_key(key))
        .collect();
    Ok(plan)
}

/// Runs `work` on every item, [`PARALLEL`] at once; the first error stops the rest.
fn in_parallel(
    items: &[&String],
    progress: &dyn Progress,
    work: impl Fn(&str) -> Result<(), PublishError> + Sync,
) -> Result<(), PublishError> {
    let next = AtomicUsize::new(0);
    let failure: Mutex<Option<PublishError>> = Mutex::new(None);
    let failed = || failure.lock().map(|f| f.is_some()).unwrap_or(true);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(items.len()) {
            scope.spawn(|| {
                while !failed() && !crate::scratch::interrupted() {
                    let Some(item) = items.get(next.fetch_add(1, Ordering::SeqCst)) else {
                        return;
                    };
                    match work(item) {
                        Ok(()) => progress.advance(1),
                        Err(e) => {
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                    }
                }
            });
        }
    });
    match failure.into_inner().ok().flatten() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// When a file goes up: assets (0) before pages (1) before feeds and the sitemap (2).
fn upload_rank(path: &str) -> u8 {
    if is_feed_or_sitemap(path) {
        2
    } else if path.ends_with(".html") || path.ends_with(".htm") {
        1
    } else {
        0
    }
}

fn is_feed_or_sitemap(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    [".xml", ".rss", ".atom"].iter().any(|e| name.ends_with(e))
        || name == "feed.json"
        || name == "robots.txt"
}

fn content_type(path: &str) -> &'static str {
    crate::serve::content_type::content_type_for(Path::new(path))
}

/// A year (`immutable`) for assets with a content hash in their name, an hour for other
/// assets, a minute for pages, feeds and the sitemap.
pub fn cache_control(path: &str) -> &'static str {
    if upload_rank(path) > 0 {
        "public, max-age=60"
    } else if has_content_hash(path) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    }
}

/// True for a file name with a part of eight or more hex digits (with a digit among
/// them) between dots or after a dash: `app.3f2a9c1b.css`, `font-5d41402abc4b.woff2`.
fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['.', '-']).skip(1).any(|part| {
        part.len() >= 8
            && part.bytes().all(|b| b.is_ascii_hexdigit())
            && part.bytes().any(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> S3Target {
        S3Target {
            bucket: "news".into(),
            prefix: "paper/".into(),
            endpoint: None,
            region: "us-east-1".into(),
        }
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn only_changed_objects_go_up_and_only_recorded_ones_are_deleted() {
        let site = map(&[("index.html", "h2"), ("a.css", "c1"), ("new.html", "n1")]);
        let record = S3Record {
            version: 1,
            files: map(&[("index.html", "h1"), ("a.css", "c1"), ("gone.html", "g1")]),
        };
        let existing: BTreeSet<String> = ["index.html", "a.css", "gone.html", "mine.txt"]
            .map(String::from)
            .into();
        let plan = plan_objects(&site, Some(&record), &existing, false, &target()).unwrap();
        assert_eq!(plan.added, ["new.html"]);
        assert_eq!(plan.changed, ["index.html"]);
        assert_eq!(plan.removed, ["gone.html"]);
        assert_eq!(plan.kept, ["mine.txt"]);
    }

    #[test]
    fn foreign_objects_are_never_replaced_without_adopt() {
        let site = map(&[("mine.txt", "x")]);
        let record = S3Record::default();
        let existing: BTreeSet<String> = ["mine.txt".to_string()].into();
        let error = plan_objects(&site, Some(&record), &existing, false, &target()).unwrap_err();
        assert!(error.to_string().contains("mine.txt"), "{error}");
        let error = plan_objects(&site, None, &existing, false, &target()).unwrap_err();
        assert!(error.to_string().contains("--adopt"), "{error}");
        let plan = plan_objects(&site, None, &existing, true, &target()).unwrap();
        assert_eq!(plan.changed, ["mine.txt"]);
    }

    #[test]
    fn assets_go_first_and_feeds_last_each_with_its_cache_life() {
        assert_eq!(upload_rank("style.css"), 0);
        assert_eq!(upload_rank("articles/a/index.html"), 1);
        assert_eq!(upload_rank("feed.xml"), 2);
        assert_eq!(upload_rank("sitemap.xml"), 2);
        assert_eq!(
            cache_control("app.3f2a9c1b.css"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("style.css"), "public, max-age=3600");
        assert_eq!(cache_control("index.html"), "public, max-age=60");
        assert!(!has_content_hash("deadbeef.css"), "a name, not a hash part");
        assert!(!has_content_hash("a.abcdefab.css"), "no digit: a word");
    }

    #[test]
    fn prefixes_are_normalised() {
        assert_eq!(normalise_prefix("/paper"), "paper/");
        assert_eq!(normalise_prefix(""), "");
        assert_eq!(normalise_prefix("/"), "");
    }
}
