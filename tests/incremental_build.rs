//! `copydesk build` across runs (the build cache in `.copydesk/build-cache/`) must produce
//! exactly what a clean full build produces.
//!
//! A generated site is built with [`build_with_cache`]; then a seeded sequence of random
//! edits (an article's body, title, date, tags or section; an article added or deleted; a
//! template of a site-local theme override; `site.toml`; an author profile) is applied, and
//! after each the incremental build's output folder is compared, byte for byte and file for
//! file, with a fresh full build of the same site into another folder. A missed dependency
//! leaves a stale page (or a stale listing, feed or sitemap entry) and fails the comparison.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use copydesk::progress::Silent;
use copydesk::site::render::output_file_of;
use copydesk::site::{build, build_with_cache, BuildOptions, BuildSummary, Builder, Priority};

/// SplitMix64: the same edits on every machine for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SECTIONS: [&str; 3] = ["articles", "opinion", "sport"];
/// Values of an article's `section` field: folders with an `_index.md`, and a section
/// without one, spelt two ways (its title comes from an article's spelling).
const SECTION_FIELDS: [&str; 5] = [
    "articles",
    "opinion",
    "sport",
    "Weather Desk",
    "weather desk",
];
const TAGS: [&str; 6] = [
    "Transport",
    "Council",
    "Weather",
    "Schools",
    "Rivers",
    "Budget",
];
const AUTHORS: [&str; 4] = ["Nadia Farouk", "Tom Ellery", "Ana Lima", "Kofi Mensah"];
const WORDS: [&str; 12] = [
    "council", "bridge", "river", "ferry", "vote", "school", "rain", "market", "harbour", "budget",
    "road", "library",
];
/// Templates of the built-in theme that a site may override in its `templates/`.
const TEMPLATES: [&str; 5] = [
    "article.html",
    "card.html",
    "index.html",
    "base.html",
    "tag.html",
];

/// One generated article's front matter and body.
#[derive(Clone)]
struct Story {
    title: String,
    day: u32,
    tags: Vec<&'static str>,
    author: &'static str,
    section: Option<&'static str>,
    body: String,
}

impl Story {
    fn random(rng: &mut Rng, n: usize) -> Story {
        Story {
            title: format!(
                "{} story number {n}",
                capitalised(WORDS[rng.below(WORDS.len())])
            ),
            day: 1 + rng.below(28) as u32,
            tags: random_tags(rng),
            author: AUTHORS[rng.below(AUTHORS.len())],
            section: None,
            body: random_paragraphs(rng),
        }
    }

    fn text(&self) -> String {
        let tags: Vec<String> = self.tags.iter().map(|t| format!("\"{t}\"")).collect();
        let section = self
            .section
            .map(|s| format!("section = \"{s}\"\n"))
            .unwrap_or_default();
        format!(
            "+++\ntitle = \"{}\"\nauthors = [\"{}\"]\ndate = 2025-10-{:02}T08:30:00\ntags = [{}]\n{section}+++\n\n{}",
            self.title,
            self.author,
            self.day,
            tags.join(", "),
            self.body
        )
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn random_tags(rng: &mut Rng) -> Vec<&'static str> {
    let mut tags: Vec<&str> = (0..1 + rng.below(3))
        .map(|_| TAGS[rng.below(TAGS.len())])
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

fn random_paragraphs(rng: &mut Rng) -> String {
    let mut body = String::new();
    for paragraph in 0..2 + rng.below(3) {
        let words: Vec<&str> = (0..8 + rng.below(20))
            .map(|_| WORDS[rng.below(WORDS.len())])
            .collect();
        body.push_str(&capitalised(&words.join(" ")));
        body.push_str(".\n\n");
        if paragraph == 0 {
            body.push_str("<!--more-->\n\n");
        }
    }
    body
}

/// A generated site in a temporary folder, and a second folder for full builds.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
    full_output: PathBuf,
    /// Article file (relative to the site) -> its story.
    stories: BTreeMap<String, Story>,
    next_story: usize,
    /// Files written or removed since last taken: what `serve`'s watcher would report.
    touched: std::cell::RefCell<Vec<PathBuf>>,
}

const SITE_TOML: &str = "title = \"The Incremental Herald\"\nbase_url = \"https://herald.example\"\nlanguage = \"en\"\ndescription = \"Generated for the incremental build test\"\npaginate = 4\n";

impl Site {
    fn generate(rng: &mut Rng, articles: usize) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let full_output = dir.path().join("full-output");
        let mut site = Site {
            _dir: dir,
            root,
            full_output,
            stories: BTreeMap::new(),
            next_story: 0,
            touched: Default::default(),
        };
        site.write("site.toml", SITE_TOML);
        for section in SECTIONS {
            let title = capitalised(section);
            site.write(
                &format!("content/{section}/_index.md"),
                &format!("+++\ntitle = \"{title}\"\n+++\n"),
            );
        }
        site.write(
            "content/authors/ana-lima.toml",
            "name = \"Ana Lima\"\nrole = \"Rivers correspondent\"\n",
        );
        for _ in 0..articles {
            site.add_story(rng);
        }
        site
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        self.touched.borrow_mut().push(path);
    }

    fn add_story(&mut self, rng: &mut Rng) -> String {
        let n = self.next_story;
        self.next_story += 1;
        let section = SECTIONS[rng.below(SECTIONS.len())];
        let relative = format!("content/{section}/story-{n}.md");
        let story = Story::random(rng, n);
        self.write(&relative, &story.text());
        self.stories.insert(relative.clone(), story);
        relative
    }

    fn random_story(&self, rng: &mut Rng) -> String {
        let keys: Vec<&String> = self.stories.keys().collect();
        keys[rng.below(keys.len())].clone()
    }

    /// Changes one story with `change` and rewrites its file.
    fn edit_story(&mut self, relative: &str, change: impl FnOnce(&mut Story)) {
        let story = self.stories.get_mut(relative).unwrap();
        change(story);
        let text = story.text();
        self.write(relative, &text);
    }

    /// Applies one random edit; returns what it did, for failure messages.
    fn random_edit(&mut self, rng: &mut Rng, step: usize) -> String {
        let kind = rng.below(11);
        let story = self.random_story(rng);
        match kind {
            0 => {
                let body = random_paragraphs(rng);
                self.edit_story(&story, |s| s.body = body);
                format!("body of {story}")
            }
            1 => {
                self.edit_story(&story, |s| s.title = format!("Retitled at step {step}"));
                format!("title of {story}")
            }
            2 => {
                let day = 1 + rng.below(28) as u32;
                self.edit_story(&story, |s| s.day = day);
                format!("date of {story}")
            }
            3 => {
                let tags = random_tags(rng);
                self.edit_story(&story, |s| s.tags = tags);
                format!("tags of {story}")
            }
            4 => {
                let section = SECTION_FIELDS[rng.below(SECTION_FIELDS.len())];
                self.edit_story(&story, |s| s.section = Some(section));
                format!("section of {story} (now {section})")
            }
            5 => format!("added {}", self.add_story(rng)),
            6 => {
                std::fs::remove_file(self.root.join(&story)).unwrap();
                self.touched.borrow_mut().push(self.root.join(&story));
                self.stories.remove(&story);
                format!("deleted {story}")
            }
            7 => {
                let template = TEMPLATES[rng.below(TEMPLATES.len())];
                self.override_template(template, step);
                format!("template {template}")
            }
            8 => {
                let toml =
                    SITE_TOML.replace("paginate = 4", &format!("paginate = {}", 2 + rng.below(4)));
                self.write(
                    "site.toml",
                    &toml.replace("Generated", &format!("Edited at step {step}")),
                );
                "site.toml".to_string()
            }
            9 => {
                let section = SECTIONS[rng.below(SECTIONS.len())];
                self.write(
                    &format!("content/{section}/_index.md"),
                    &format!("+++\ntitle = \"{section} retitled at step {step}\"\n+++\n"),
                );
                format!("title of section {section}")
            }
            _ => {
                self.write(
                    "content/authors/ana-lima.toml",
                    &format!("name = \"Ana Lima\"\nrole = \"Editor since step {step}\"\n"),
                );
                "author profile of Ana Lima".to_string()
            }
        }
    }

    /// Writes `templates/NAME` as the built-in theme's template with a visible mark.
    fn override_template(&self, name: &str, step: usize) {
        let builtin = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates")
            .join(name);
        let text = std::fs::read_to_string(&builtin).unwrap();
        let marked = match text.rfind("{% endblock") {
            Some(at) => format!("{}<!-- override {step} -->{}", &text[..at], &text[at..]),
            None => format!("{text}<!-- override {step} -->\n"),
        };
        self.write(&format!("templates/{name}"), &marked);
    }

    fn options(&self) -> BuildOptions {
        BuildOptions {
            site_root: self.root.clone(),
            ..BuildOptions::default()
        }
    }

    fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    fn build_incrementally(&self) -> BuildSummary {
        build_with_cache(&self.options(), false, &Silent)
            .unwrap_or_else(|f| panic!("incremental build failed: {:?}", f.diagnostics))
    }

    /// A clean full build into the second folder (removed first).
    fn build_fully(&self) {
        let _ = std::fs::remove_dir_all(&self.full_output);
        let options = BuildOptions {
            output_dir: Some(self.full_output.clone()),
            ..self.options()
        };
        build(&options, &Silent)
            .unwrap_or_else(|f| panic!("full build failed: {:?}", f.diagnostics));
    }

    /// Panics, naming the differing files, unless the incremental output equals a fresh
    /// full build.
    fn assert_output_equals_full_build(&self, after: &str) {
        self.build_fully();
        let incremental = tree(&self.output());
        let full = tree(&self.full_output);
        let missing: Vec<&String> = full
            .keys()
            .filter(|k| !incremental.contains_key(*k))
            .collect();
        let extra: Vec<&String> = incremental
            .keys()
            .filter(|k| !full.contains_key(*k))
            .collect();
        let differing: Vec<&String> = full
            .iter()
            .filter(|(k, bytes)| incremental.get(*k).is_some_and(|b| b != *bytes))
            .map(|(k, _)| k)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty() && differing.is_empty(),
            "after {after}: the incremental output differs from a full build\n\
             missing: {missing:?}\nextra: {extra:?}\ndiffering: {differing:?}"
        );
    }
}

/// Every file under `dir`: `/`-separated relative path -> bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            let relative = relative.to_string_lossy().replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Sets every input file's modification time an hour back, as on a site not edited for a
/// while (files modified within seconds of a build never prove that nothing changed).
fn age_inputs(root: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && !entry.path().starts_with(root.join("output")) {
            let file = std::fs::File::options()
                .append(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(past).unwrap();
        }
    }
}

fn cache_files(root: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(root.join(".copydesk/build-cache"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn random_edits_keep_the_incremental_output_equal_to_a_full_build() {
    for seed in [1, 2, 3] {
        let mut rng = Rng(seed);
        let mut site = Site::generate(&mut rng, 30);
        site.build_incrementally();
        site.assert_output_equals_full_build(&format!("the first build (seed {seed})"));
        for step in 0..25 {
            let edit = site.random_edit(&mut rng, step);
            site.build_incrementally();
            site.assert_output_equals_full_build(&format!("seed {seed}, step {step}: {edit}"));
        }
    }
}

/// `serve`'s path: one [`Builder`] kept alive across edits, told which files changed. Every
/// third step also appends a paragraph to a story (below its lead, so that the search
/// index, sitemap and listings stay as they were while its page and full-content feeds
/// change).
#[test]
fn random_edits_keep_a_kept_alive_builder_equal_to_a_full_build() {
    random_edits_keep_equal_to_a_full_build(Builder::new, [4, 5, 6]);
}

/// The same with a builder that trusts the changed paths it is given (as `serve`'s are, a
/// watcher's), and so reads only those and patches its assembled site when nothing it
/// decided changed.
#[test]
fn random_edits_keep_a_builder_trusting_its_changed_paths_equal_to_a_full_build() {
    random_edits_keep_equal_to_a_full_build(Builder::trusting_changed_paths, [8, 9, 10]);
}

fn random_edits_keep_equal_to_a_full_build(new: fn(BuildOptions) -> Builder, seeds: [u64; 3]) {
    for seed in seeds {
        let mut rng = Rng(seed);
        let mut site = Site::generate(&mut rng, 30);
        let mut builder = new(site.options());
        let build = |builder: &mut Builder, changed: &[PathBuf]| {
            builder
                .build(changed, &Silent)
                .unwrap_or_else(|f| panic!("serve-style build failed: {:?}", f.diagnostics))
        };
        build(&mut builder, &[]);
        site.touched.borrow_mut().clear();
        site.assert_output_equals_full_build(&format!("the first build (seed {seed})"));
        for step in 0..25 {
            let mut edit = site.random_edit(&mut rng, step);
            if step % 3 == 0 {
                if let Some(story) = site.stories.keys().next().cloned() {
                    site.edit_story(&story, |s| {
                        s.body
                            .push_str(&format!("\nA paragraph added at step {step}.\n"))
                    });
                    edit.push_str(&format!(", paragraph appended to {story}"));
                }
            }
            let changed = std::mem::take(&mut *site.touched.borrow_mut());
            build(&mut builder, &changed);
            site.assert_output_equals_full_build(&format!(
                "serve-style, seed {seed}, step {step}: {edit}"
            ));
        }
    }
}

#[test]
fn an_article_edit_rewrites_only_the_files_that_show_it() {
    let mut rng = Rng(7);
    let mut site = Site::generate(&mut rng, 40);
    let first = site.build_incrementally();
    let story = site.random_story(&mut rng);
    site.edit_story(&story, |s| s.body.push_str("One more sentence.\n"));
    let second = site.build_incrementally();
    assert!(
        second.files < first.files / 4,
        "{} of {} files rewritten after one body edit",
        second.files,
        first.files
    );
    assert!(second.files > 0);
    site.assert_output_equals_full_build("one body edit");
}

#[test]
fn nothing_changed_means_nothing_read_or_written() {
    let mut rng = Rng(11);
    let mut site = Site::generate(&mut rng, 20);
    site.build_incrementally();
    age_inputs(&site.root);
    // This build trusts the stamps it saw; the next one can stop at once.
    site.build_incrementally();
    let unchanged = site.build_incrementally();
    assert_eq!(unchanged.files, 0);
    assert!(
        unchanged.page_urls.is_empty(),
        "the site was loaded and planned again although nothing changed"
    );
    assert!(unchanged.pages > 20);

    let story = site.random_story(&mut rng);
    site.edit_story(&story, |s| s.title = "A new title".into());
    let edited = site.build_incrementally();
    assert!(!edited.page_urls.is_empty(), "an edit went unnoticed");
    site.assert_output_equals_full_build("a title edit after a no-op build");
}

#[test]
fn one_output_folder_spelt_two_ways_is_one_build_record() {
    let mut rng = Rng(12);
    let site = Site::generate(&mut rng, 12);
    site.build_incrementally();
    age_inputs(&site.root);
    site.build_incrementally();
    // The same folder, through `..` and a trailing separator.
    let detour = site.root.join("content").join("..").join("output").join("");
    let options = BuildOptions {
        output_dir: Some(detour),
        ..site.options()
    };
    let again = build_with_cache(&options, false, &Silent)
        .unwrap_or_else(|f| panic!("build failed: {:?}", f.diagnostics));
    assert_eq!(
        again.files, 0,
        "the record of the same folder was not found"
    );
}

#[test]
fn a_corrupt_cache_falls_back_to_a_full_build() {
    let mut rng = Rng(5);
    let mut site = Site::generate(&mut rng, 15);
    site.build_incrementally();
    let records = cache_files(&site.root);
    assert_eq!(records.len(), 1, "one record per output folder");
    // Plausible JSON whose maps say every page is up to date with other bytes.
    let text = std::fs::read_to_string(&records[0]).unwrap();
    std::fs::write(&records[0], &text[..text.len() / 2]).unwrap();
    let story = site.random_story(&mut rng);
    site.edit_story(&story, |s| s.day = 27);
    std::fs::write(site.output().join("index.html"), "stale").unwrap();
    site.build_incrementally();
    site.assert_output_equals_full_build("a corrupt cache");

    // `--full` ignores a readable record that lies about the output.
    let text = std::fs::read_to_string(&records[0]).unwrap();
    std::fs::write(site.output().join("index.html"), "stale").unwrap();
    std::fs::write(&records[0], text).unwrap();
    build_with_cache(&site.options(), true, &Silent).unwrap();
    site.assert_output_equals_full_build("--full");
}

#[test]
fn a_failed_build_leaves_the_site_and_the_next_build_catches_up() {
    let mut rng = Rng(9);
    let mut site = Site::generate(&mut rng, 15);
    site.build_incrementally();
    let before = tree(&site.output());
    let story = site.random_story(&mut rng);
    site.edit_story(&story, |s| s.title = "Edited before the failure".into());
    site.write("templates/article.html", "{% if %}broken");
    assert!(build_with_cache(&site.options(), false, &Silent).is_err());
    assert!(
        tree(&site.output()) == before,
        "a failed build changed the output"
    );
    std::fs::remove_file(site.root.join("templates/article.html")).unwrap();
    site.build_incrementally();
    site.assert_output_equals_full_build("a failed build, then a fix");
}

#[test]
fn an_output_folder_swapped_in_by_another_build_is_rebuilt_whole() {
    let mut rng = Rng(13);
    let site = Site::generate(&mut rng, 15);
    site.build_incrementally();
    // Another build (without the cache, other options) replaces the output folder.
    let other = BuildOptions {
        base_url: Some("https://elsewhere.example".into()),
        ..site.options()
    };
    build(&other, &Silent).unwrap();
    site.build_incrementally();
    site.assert_output_equals_full_build("an output swapped in by another build");
}

/// Two article pages of a built site: (URL, output file) of each.
fn two_article_pages(summary: &BuildSummary) -> [(String, String); 2] {
    let mut articles = summary
        .page_urls
        .iter()
        .filter(|url| url.starts_with("/articles/"))
        .map(|url| (url.clone(), output_file_of(url)));
    [articles.next().unwrap(), articles.next().unwrap()]
}

fn contains(path: &Path, needle: &str) -> bool {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).contains(needle)
}

/// `serve` after a template edit: the viewed page is rendered and written before the rest
/// (when `ready` hears of it, the other article pages are still in their old form), and
/// the finished output equals a clean full build.
#[test]
fn a_template_edit_writes_the_viewed_page_first_and_ends_equal_to_a_full_build() {
    let mut rng = Rng(21);
    let site = Site::generate(&mut rng, 30);
    let mut builder = Builder::new(site.options());
    let summary = builder.build(&[], &Silent).unwrap();
    let [(_, viewed), (_, other)] = two_article_pages(&summary);
    let output = site.output();
    site.override_template("article.html", 1);
    let seen = std::sync::Mutex::new(Vec::new());
    let ready = |pages: &[String]| {
        seen.lock().unwrap().push((
            pages.to_vec(),
            contains(&output.join(&viewed), "<!-- override 1 -->"),
            contains(&output.join(&other), "<!-- override 1 -->"),
        ));
    };
    let priority = Priority {
        pages: vec![viewed.clone(), "no/such/page/index.html".into()],
        ready: &ready,
    };
    let changed = [site.root.join("templates/article.html")];
    builder
        .build_with_priority(&changed, &Silent, Some(&priority))
        .unwrap();
    assert_eq!(
        seen.lock().unwrap().as_slice(),
        &[(vec![viewed.clone()], true, false)],
        "when `ready` ran, the viewed page should have been new and the other old"
    );
    assert!(contains(&output.join(&other), "<!-- override 1 -->"));
    site.assert_output_equals_full_build("a template edit, viewed page first");

    // An edit that leaves the viewed page as it was writes nothing early.
    seen.lock().unwrap().clear();
    site.override_template("tag.html", 2);
    let changed = [site.root.join("templates/tag.html")];
    builder
        .build_with_priority(&changed, &Silent, Some(&priority))
        .unwrap();
    assert!(seen.lock().unwrap().is_empty());
    site.assert_output_equals_full_build("a tag template edit while an article is viewed");
}

/// A rebuild whose viewed page renders but another page fails: the viewed page was
/// written early, and is put back, so the output stays what the last good build left.
#[test]
fn a_rebuild_failing_after_the_viewed_page_was_written_puts_it_back() {
    let mut rng = Rng(22);
    let site = Site::generate(&mut rng, 20);
    let mut builder = Builder::new(site.options());
    let summary = builder.build(&[], &Silent).unwrap();
    let [(_, viewed), (other_url, _)] = two_article_pages(&summary);
    let before = tree(&site.output());
    let builtin =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/article.html");
    let text = std::fs::read_to_string(builtin).unwrap();
    let at = text.rfind("{% endblock").unwrap();
    let breaking = format!(
        "{}<!-- early -->{{% if page.url == \"{other_url}\" %}}{{{{ no_such_value }}}}{{% endif %}}{}",
        &text[..at],
        &text[at..]
    );
    site.write("templates/article.html", &breaking);
    let written_early = std::sync::Mutex::new(false);
    let viewed_file = site.output().join(&viewed);
    let ready = |_: &[String]| {
        *written_early.lock().unwrap() = contains(&viewed_file, "<!-- early -->");
    };
    let priority = Priority {
        pages: vec![viewed.clone()],
        ready: &ready,
    };
    let changed = [site.root.join("templates/article.html")];
    let failure = builder
        .build_with_priority(&changed, &Silent, Some(&priority))
        .unwrap_err();
    assert!(
        *written_early.lock().unwrap(),
        "the viewed page was not written early"
    );
    assert!(
        failure
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no_such_value")),
        "{:?}",
        failure.diagnostics
    );
    assert!(
        tree(&site.output()) == before,
        "a failed rebuild left the early page changed"
    );
    std::fs::remove_file(site.root.join("templates/article.html")).unwrap();
    builder
        .build(&[site.root.join("templates/article.html")], &Silent)
        .unwrap();
    site.assert_output_equals_full_build("a failed rebuild, then a fix");
}

/// Raw text saved while `serve` runs: the build cleans it into an article, which a
/// builder reading only the changed paths must read too, in the same build.
#[test]
fn a_trusting_builder_reads_the_article_cleaned_from_new_raw_text() {
    let mut rng = Rng(11);
    let site = Site::generate(&mut rng, 3);
    let mut builder = Builder::trusting_changed_paths(site.options());
    builder.build(&[], &Silent).unwrap();
    site.write(
        "content/raw/harbour-dredging.txt",
        "Harbour dredging starts in spring\n\nBy Ana Lima\n\nThe council voted on Tuesday to \
         dredge the old harbour. Work starts in March.\n\nBoats will moor at the east quay \
         until the channel is clear.\n",
    );
    let raw = site.root.join("content/raw/harbour-dredging.txt");
    let summary = builder.build(&[raw], &Silent).unwrap();
    let urls = summary.page_urls.join(" ");
    assert!(urls.contains("/harbour-dredging/"), "{urls}");
}
