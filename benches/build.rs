//! Build benchmark: how fast `copydesk::site::build` renders sites of 1k and 10k articles.
//!
//! `cargo bench --bench build` (or `cargo bench --bench build -- 500 2000 --runs 5` for other
//! sizes; `--keep` leaves the generated sites in place to look at; `--full-only` skips the
//! incremental table, for 100k and 300k articles). The bench writes its own synthetic sites, so it needs nothing outside the repo:
//! [`synthetic`] generates deterministic articles of about 1,000 words, each with front
//! matter (title, standfirst, authors, date-time, tags, description, bio), a `<!--more-->`
//! summary marker, a `::: pullquote` repeating a sentence of the body, emphasis, links to
//! earlier articles, sometimes a sub-heading and a list. It writes them through the shared
//! [`copydesk::article::Article`] contract into a temporary site on `/dev/shm` (a tmpfs, so
//! the disk does not dominate the timing) when there is one.
//!
//! Each size is built several times into a fresh output folder; the table shows the median
//! wall time, articles per second, CPU time and the process's peak resident memory during the
//! build ([`measure`]: the kernel's high-water mark, reset before each build). A build that
//! fails, or that does not write one page per article, stops the bench with the reason.
//!
//! A second table times `copydesk build`'s incremental path ([`build_with_cache`]) on the
//! same site: a full build that saves the build cache, a rebuild with nothing changed, and
//! a rebuild after one article's body was edited (medians of the same number of runs).
//!
//! `--serve-edits N` measures what `copydesk serve` does instead, and nothing else: one
//! [`Builder`] kept alive, a full build, then N times one article's body edited (a paragraph
//! appended) and the site rebuilt with that path as the changed one; it prints each
//! rebuild's wall time and files written, then the median. `--site PATH` reuses a site
//! generated before (with `--keep`) instead of generating one.
//!
//! `--serve-template-edits N` does the same after an edit of the article template (a site
//! override `templates/article.html`, written from the built-in one; every article page
//! changes), and `--serve-config-edits N` after an edit of `site.toml` (its description:
//! every page changes). Each rebuild is told that one article page is being viewed (as
//! `serve` is by the page's reload script) and prints when that page was written, ready
//! to reload, and when the whole rebuild ended; `--no-priority` builds without naming a
//! viewed page (as `serve` did before pages said which they were).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use copydesk::progress::Silent;
use copydesk::site::{build, build_with_cache, BuildOptions, BuildSummary, Builder, Priority};

/// Deterministic synthetic news sites, written the way `copydesk clean` writes articles.
mod synthetic {
    use std::fs;
    use std::io;
    use std::path::Path;

    use chrono::{Duration, NaiveDate, TimeZone, Utc};
    use copydesk::article::{Article, ArticleDate, FrontMatter};

    /// `site.toml` of every generated site.
    pub const SITE_TOML: &str = r#"title = "The Benchmark Courier"
base_url = "https://bench.example.org"
language = "en"
description = "Synthetic long reads for measuring copydesk build"
paginate = 20
"#;

    /// SplitMix64: small, fast, and the same sequence on every machine.
    pub struct Rng(u64);

    impl Rng {
        pub fn new(seed: u64, stream: u64) -> Rng {
            let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            rng.next_u64();
            rng
        }

        pub fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// A number in `0..n` (`n > 0`).
        pub fn below(&mut self, n: usize) -> usize {
            (self.next_u64() % n as u64) as usize
        }

        /// A number in `low..=high`.
        pub fn between(&mut self, low: usize, high: usize) -> usize {
            low + self.below(high - low + 1)
        }

        pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }

        /// True with probability `percent`/100.
        pub fn percent(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }
    }

    const AUTHORS: &[&str] = &[
        "Imogen Vale",
        "Tariq Bellamy",
        "Solveig Markham",
        "Rafael Okonjo",
        "Wen Hartigan",
        "Priya Castellan",
        "Oskar Lindgard",
        "Nadia Feraud",
        "Callum Ashdown",
        "Yusra Kettering",
        "Marguerite Osei",
        "Dmitri Halvorsen",
        "Lucía Brennan",
        "Tobias Nakamura",
        "Hollis Adebayo",
        "Ines Whitcombe",
    ];

    const TAGS: &[&str] = &[
        "councils",
        "rail",
        "harbours",
        "schools",
        "water",
        "courts",
        "farming",
        "budgets",
        "housing",
        "hospitals",
        "weather",
        "libraries",
        "elections",
        "bridges",
        "fisheries",
        "museums",
        "energy",
        "roads",
        "parks",
        "markets",
        "universities",
        "policing",
        "tourism",
        "pensions",
        "broadband",
        "wildlife",
        "theatre",
        "football",
        "ferries",
        "forestry",
    ];

    const TOWNS: &[&str] = &[
        "Saltmarsh",
        "Kellow Bay",
        "Ambridge Vale",
        "Durnholt",
        "Pennock",
        "Wrexley",
        "Coldwater Point",
        "Hesketh",
        "Marrowby",
        "Tillingford",
        "Orchard Hythe",
        "Brackenmoor",
        "Quillon",
        "Stavely Cross",
        "Fennick",
        "Lowther Reach",
    ];

    const BODIES: &[&str] = &[
        "borough council",
        "harbour board",
        "rail operator",
        "water company",
        "health trust",
        "parish assembly",
        "schools inspectorate",
        "planning tribunal",
        "county treasury",
        "library service",
        "ferry authority",
        "fire service",
    ];

    const SUBJECTS: &[&str] = &[
        "councillors",
        "residents",
        "the treasurer",
        "inspectors",
        "the mayor",
        "campaigners",
        "engineers",
        "shopkeepers",
        "the opposition",
        "auditors",
        "teachers",
        "fishermen",
        "the trust's directors",
        "commuters",
        "local historians",
        "the ombudsman",
    ];

    const VERBS: &[&str] = &[
        "approved",
        "rejected",
        "postponed",
        "questioned",
        "welcomed",
        "costed",
        "reopened",
        "defended",
        "redrew",
        "scrutinised",
        "backed",
        "shelved",
        "publicised",
        "amended",
        "audited",
        "inherited",
    ];

    const OBJECTS: &[&str] = &[
        "the revised timetable",
        "a loan for the sea wall",
        "the winter gritting rota",
        "plans for a second footbridge",
        "the cost of the new reservoir",
        "a levy on holiday lets",
        "the closure of two branch libraries",
        "a cap on harbour fees",
        "the consultation on bus routes",
        "the school catchment map",
        "a grant for the lifeboat station",
        "the contract for street lighting",
        "repairs to the market hall roof",
        "the tender for ward cleaning",
    ];

    const WHEN: &[&str] = &[
        "on Tuesday evening",
        "after a four-hour meeting",
        "for the second time this spring",
        "before the summer recess",
        "in a vote that split the chamber",
        "at a packed public session",
        "with almost no debate",
        "late on Friday",
        "despite a petition of 3,000 names",
        "under pressure from the auditors",
    ];

    const CONNECTIVES: &[&str] = &[
        "Even so,",
        "Meanwhile,",
        "By the autumn,",
        "In private,",
        "For now,",
        "Elsewhere in the county,",
        "Two years ago,",
        "As the figures show,",
        "Since then,",
        "Not everyone agrees:",
    ];

    const ADJECTIVES: &[&str] = &[
        "overdue",
        "costly",
        "modest",
        "contested",
        "long-promised",
        "temporary",
        "sweeping",
        "cautious",
        "quiet",
        "unexpected",
    ];

    const ROLES: &[&str] = &[
        "a retired harbourmaster",
        "the council's finance lead",
        "a primary-school head",
        "a ferry pilot of thirty years",
        "the chair of the residents' association",
        "a structural engineer",
        "a market trader",
        "the county archivist",
    ];

    const HEADLINE_NOUNS: &[&str] = &[
        "Sea Wall",
        "Ferry",
        "Library",
        "Bus Route",
        "Reservoir",
        "Footbridge",
        "Market Hall",
        "Lifeboat",
        "School",
        "Harbour",
    ];

    const HEADLINE_VERBS: &[&str] = &[
        "Delays",
        "Backs",
        "Rethinks",
        "Scraps",
        "Rescues",
        "Funds",
        "Questions",
        "Revives",
    ];

    const SUBHEADINGS: &[&str] = &[
        "What happens next",
        "The money question",
        "A town divided",
        "How we got here",
        "The view from the quay",
    ];

    /// What a generator run wrote.
    #[derive(Debug, Default, Clone, Copy)]
    pub struct SiteStats {
        pub articles: usize,
        pub words: usize,
        pub bytes: u64,
    }

    /// The headline, slug and town of article `index`: derived from their own stream, so
    /// any article can link to an earlier one without generating it.
    pub fn headline(seed: u64, index: usize) -> (String, String, &'static str) {
        let mut rng = Rng::new(seed, 2 * index as u64);
        let town = rng.pick(TOWNS);
        let title = match rng.below(3) {
            0 => format!(
                "{town} {} the {} {} Plan",
                rng.pick(HEADLINE_VERBS),
                capitalise(rng.pick(ADJECTIVES)),
                rng.pick(HEADLINE_NOUNS)
            ),
            1 => format!(
                "Inside the Fight Over {town}’s {}",
                rng.pick(HEADLINE_NOUNS)
            ),
            _ => format!(
                "Why {town} Still Waits for Its {}",
                rng.pick(HEADLINE_NOUNS)
            ),
        };
        let slug = format!("{}-{:05}", slugify(&title), index + 1);
        (title, slug, town)
    }

    fn capitalise(word: &str) -> String {
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    fn slugify(text: &str) -> String {
        let mut slug = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').to_string()
    }

    /// Writes one article's body, sentence by sentence, remembering a quotable sentence
    /// for the pull-quote.
    struct BodyWriter<'a> {
        rng: Rng,
        seed: u64,
        index: usize,
        town: &'a str,
        quote: Option<String>,
    }

    impl BodyWriter<'_> {
        fn sentence(&mut self) -> String {
            let town = self.town;
            match self.rng.below(8) {
                0 | 1 => {
                    let subject = capitalise(self.rng.pick(SUBJECTS));
                    let verb = self.rng.pick(VERBS);
                    let object = self.decorate_object();
                    format!("{subject} {verb} {object} {}.", self.rng.pick(WHEN))
                }
                2 | 3 => {
                    let connective = self.rng.pick(CONNECTIVES);
                    let subject = self.rng.pick(SUBJECTS);
                    let verb = self.rng.pick(VERBS);
                    let object = self.decorate_object();
                    format!("{connective} {subject} in {town} {verb} {object}.")
                }
                4 => {
                    let rng = &mut self.rng;
                    format!(
                        "The {town} {} said the {} work on {} would take {} months.",
                        rng.pick(BODIES),
                        rng.pick(ADJECTIVES),
                        rng.pick(OBJECTS),
                        rng.between(3, 30)
                    )
                }
                5 => self.quotation(),
                6 => {
                    let rng = &mut self.rng;
                    format!(
                        "About {} people live within a mile of the works, and {} in {} of them signed the petition.",
                        rng.between(2, 40) * 100,
                        rng.between(1, 9),
                        rng.between(10, 20)
                    )
                }
                _ => {
                    let rng = &mut self.rng;
                    format!(
                        "{} {} {}, according to figures published by the {}.",
                        capitalise(rng.pick(SUBJECTS)),
                        rng.pick(VERBS),
                        rng.pick(OBJECTS),
                        rng.pick(BODIES)
                    )
                }
            }
        }

        /// A quoted sentence with attribution; the first becomes the pull-quote.
        fn quotation(&mut self) -> String {
            let words = format!(
                "We {} {} because nobody in {} was asked",
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS),
                self.town
            );
            let speaker = self.rng.pick(AUTHORS);
            let role = self.rng.pick(ROLES);
            let sentence = format!("“{words},” said {speaker}, {role}.");
            if self.quote.is_none() {
                self.quote = Some(format!("“{words},” {speaker} said."));
            }
            sentence
        }

        /// An object phrase, sometimes emphasised or linked to an earlier article.
        fn decorate_object(&mut self) -> String {
            let object = self.rng.pick(OBJECTS);
            match self.rng.below(20) {
                0 => format!("*{object}*"),
                1 if self.index > 0 => {
                    let earlier = self.index - 1 - self.rng.below(self.index.min(200));
                    let (_, slug, _) = headline(self.seed, earlier);
                    format!("[{object}](/articles/{slug}/)")
                }
                _ => object.to_string(),
            }
        }

        fn paragraph(&mut self, word_goal: usize) -> String {
            let mut text = String::new();
            while count_words(&text) < word_goal {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&self.sentence());
            }
            text
        }

        fn list(&mut self) -> String {
            (0..self.rng.between(3, 5))
                .map(|_| format!("- {}", capitalise(self.rng.pick(OBJECTS))))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }

    pub fn count_words(text: &str) -> usize {
        text.split_whitespace().count()
    }

    /// The body: a lede, the summary marker, then paragraphs to about `goal` words, with a
    /// pull-quote after the third paragraph and sometimes a sub-heading and a list.
    fn body(writer: &mut BodyWriter<'_>, goal: usize) -> String {
        let mut blocks = vec![writer.paragraph(45), "<!--more-->".to_string()];
        let mut words = count_words(&blocks[0]);
        let heading_at = writer.rng.between(4, 7);
        let list_at = writer.rng.percent(40).then(|| writer.rng.between(3, 8));
        let mut paragraph = 1;
        while words < goal {
            let goal_here = writer.rng.between(60, 120);
            let text = writer.paragraph(goal_here);
            words += count_words(&text);
            blocks.push(text);
            paragraph += 1;
            if paragraph == 3 {
                let quote = writer.quote.clone().unwrap_or_else(|| writer.quotation());
                blocks.push(format!("::: pullquote\n{quote}\n:::"));
            }
            if paragraph == heading_at {
                blocks.push(format!("## {}", writer.rng.pick(SUBHEADINGS)));
            }
            if Some(paragraph) == list_at {
                blocks.push(writer.list());
            }
        }
        let mut body = blocks.join("\n\n");
        body.push('\n');
        body
    }

    /// Seconds between two articles' dates in a site of `count` articles: three hours up
    /// to 10,000 articles (as the bench always had), closer past that so that every date
    /// stays in the past (100,000 articles three hours apart would reach 2054).
    pub fn date_step_seconds(count: usize) -> i64 {
        (3 * 3600 * 10_000 / count.max(10_000)) as i64
    }

    /// Article `index` of a site of `count` articles generated from `seed`, and its slug.
    pub fn article(seed: u64, index: usize, count: usize) -> (String, Article) {
        let (title, slug, town) = headline(seed, index);
        let mut rng = Rng::new(seed, 2 * index as u64 + 1);
        let mut authors = vec![rng.pick(AUTHORS).to_string()];
        if rng.percent(20) {
            let second = rng.pick(AUTHORS).to_string();
            if second != authors[0] {
                authors.push(second);
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.between(1, 3) {
            let tag = rng.pick(TAGS).to_string();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let epoch = Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(2020, 1, 1)
                .and_then(|d| d.and_hms_opt(6, 0, 0))
                .expect("a valid date"),
        );
        let step = date_step_seconds(count);
        let published =
            epoch + Duration::seconds(index as i64 * step + rng.below(180) as i64 * step / 180);
        let goal = rng.between(900, 1100);
        let mut writer = BodyWriter {
            rng,
            seed,
            index,
            town,
            quote: None,
        };
        let subtitle = writer.sentence().replace(['*', '[', ']'], "");
        let subtitle = strip_link_targets(&subtitle);
        let body = body(&mut writer, goal);
        let front = FrontMatter {
            title,
            subtitle: Some(subtitle.clone()),
            authors: authors.clone(),
            date: Some(ArticleDate::Offset(published.fixed_offset())),
            bio: Some(format!(
                "{} reports on {} and the county's public services.",
                authors[0], town
            )),
            description: Some(subtitle),
            tags,
            ..FrontMatter::default()
        };
        (slug, Article { front, body })
    }

    /// Removes `(/articles/…/)` link targets left after the brackets were stripped.
    fn strip_link_targets(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("(/articles/") {
            out.push_str(&rest[..start]);
            match rest[start..].find(')') {
                Some(end) => rest = &rest[start + end + 1..],
                None => rest = "",
            }
        }
        out.push_str(rest);
        out
    }

    /// Writes a site of `count` articles into `root` (`site.toml`, `content/articles/`).
    pub fn write_site(root: &Path, count: usize, seed: u64) -> io::Result<SiteStats> {
        let articles = root.join("content").join("articles");
        fs::create_dir_all(&articles)?;
        fs::write(root.join("site.toml"), SITE_TOML)?;
        let mut stats = SiteStats::default();
        for index in 0..count {
            let (slug, article) = article(seed, index, count);
            let text = article.to_markdown();
            stats.articles += 1;
            stats.words += count_words(&article.body);
            stats.bytes += text.len() as u64;
            fs::write(articles.join(format!("{slug}.md")), text)?;
        }
        Ok(stats)
    }
}

/// What the kernel says about this process: peak memory and CPU time.
mod measure {
    use std::fs;

    /// Resets the peak-RSS high-water mark to the current RSS (Linux: `5` into
    /// `/proc/self/clear_refs`). False when the kernel does not allow it.
    pub fn reset_peak_rss() -> bool {
        fs::write("/proc/self/clear_refs", "5").is_ok()
    }

    /// A `kB` field of `/proc/self/status`, in KiB.
    fn status_kib(field: &str) -> Option<u64> {
        let status = fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line[field.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    /// Peak resident memory since the last reset, in KiB (`VmHWM`).
    pub fn peak_rss_kib() -> Option<u64> {
        status_kib("VmHWM:")
    }

    /// Resident memory now, in KiB (`VmRSS`).
    pub fn rss_kib() -> Option<u64> {
        status_kib("VmRSS:")
    }

    /// Clock ticks per second of `/proc` times (`getconf CLK_TCK`; 100 on Linux).
    pub fn clock_ticks_per_second() -> f64 {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(100.0)
    }

    /// User + system CPU time of this process so far, in seconds, from `/proc/self/stat`.
    pub fn cpu_seconds(ticks_per_second: f64) -> Option<f64> {
        let stat = fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command name, which is in parentheses and may hold spaces.
        let after_name = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the whole line: 11 and 12 here.
        let user: f64 = fields.get(11)?.parse().ok()?;
        let system: f64 = fields.get(12)?.parse().ok()?;
        Some((user + system) / ticks_per_second)
    }
}

/// Sizes and repetitions, from the command line: bare numbers are sizes, `--runs N`.
struct BenchConfig {
    sizes: Vec<usize>,
    runs: usize,
    seed: u64,
    /// Keep the generated sites (and their last output) for inspection.
    keep: bool,
    /// Skip the incremental table (`--full-only`): at 100k articles and more it adds
    /// several full builds to the run.
    full_only: bool,
    /// Only the serve-style rebuild (`--serve-edits N`): N edits, one kept builder.
    serve_edits: Option<usize>,
    /// An existing generated site to use (`--site PATH`), for `--serve-edits`.
    site: Option<PathBuf>,
    /// Only the serve-style rebuild after a site-wide edit (`--serve-template-edits N`,
    /// `--serve-config-edits N`).
    site_wide: Option<(SiteWideEdit, usize)>,
    /// Name no viewed page to those rebuilds (`--no-priority`).
    no_priority: bool,
}

/// An edit that changes every article page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SiteWideEdit {
    /// The article template (`templates/article.html`).
    Template,
    /// `site.toml` (its description).
    Config,
}

impl BenchConfig {
    fn from_args() -> Result<BenchConfig, String> {
        let mut config = BenchConfig {
            sizes: Vec::new(),
            runs: 3,
            seed: 1,
            keep: false,
            full_only: false,
            serve_edits: None,
            site: None,
            site_wide: None,
            no_priority: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--runs" => config.runs = parse_number(args.next(), "--runs")?,
                "--seed" => config.seed = parse_number::<u64>(args.next(), "--seed")?,
                "--keep" => config.keep = true,
                "--full-only" => config.full_only = true,
                "--serve-edits" => {
                    config.serve_edits = Some(parse_number(args.next(), "--serve-edits")?)
                }
                "--serve-template-edits" => {
                    let edits = parse_number(args.next(), "--serve-template-edits")?;
                    config.site_wide = Some((SiteWideEdit::Template, edits))
                }
                "--serve-config-edits" => {
                    let edits = parse_number(args.next(), "--serve-config-edits")?;
                    config.site_wide = Some((SiteWideEdit::Config, edits))
                }
                "--no-priority" => config.no_priority = true,
                "--site" => {
                    config.site = Some(PathBuf::from(args.next().ok_or("--site needs a folder")?))
                }
                // `cargo bench` passes `--bench`; other harness flags mean nothing here.
                flag if flag.starts_with('-') => {}
                size => config
                    .sizes
                    .push(parse_number(Some(size.to_string()), "size")?),
            }
        }
        if config.sizes.is_empty() {
            config.sizes = vec![1_000, 10_000];
        }
        if config.runs == 0 || config.sizes.contains(&0) {
            return Err("sizes and --runs must be at least 1".into());
        }
        Ok(config)
    }
}

fn parse_number<T: std::str::FromStr>(text: Option<String>, what: &str) -> Result<T, String> {
    let text = text.ok_or_else(|| format!("{what} needs a number"))?;
    text.parse()
        .map_err(|_| format!("{what}: `{text}` is not a number"))
}

/// Where generated sites go: `/dev/shm` when it is a writable folder, else the temp dir.
fn scratch_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() && tempfile::tempdir_in(shm).is_ok() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

/// One measured build.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: f64,
    cpu: Option<f64>,
    peak_kib: Option<u64>,
}

/// Counts `articles/*/index.html` in the output: one page per generated article.
fn article_pages(output: &Path) -> usize {
    std::fs::read_dir(output.join("articles"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("index.html").is_file())
                .count()
        })
        .unwrap_or(0)
}

/// Builds the site at `root` into `output` once, measuring it.
fn build_once(root: &Path, output: &Path, ticks: f64) -> Result<(Sample, BuildSummary), String> {
    let options = BuildOptions {
        site_root: root.to_path_buf(),
        output_dir: Some(output.to_path_buf()),
        ..BuildOptions::default()
    };
    let peak_reset = measure::reset_peak_rss();
    let cpu_before = measure::cpu_seconds(ticks);
    let started = Instant::now();
    let result = build(&options, &Silent);
    let wall = started.elapsed().as_secs_f64();
    let cpu = measure::cpu_seconds(ticks)
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let peak_kib = if peak_reset {
        measure::peak_rss_kib()
    } else {
        None
    };
    let summary = result.map_err(|failure| {
        let lines: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
        format!("the build failed:\n{}", lines.join("\n"))
    })?;
    Ok((
        Sample {
            wall,
            cpu,
            peak_kib,
        },
        summary,
    ))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// Generates a site of `count` articles and builds it `runs` times; prints one table row
/// and returns the row of the incremental table (none with `--full-only`).
fn bench_size(
    scratch: &Path,
    count: usize,
    config: &BenchConfig,
    ticks: f64,
) -> Result<Option<String>, String> {
    let mut site = tempfile::Builder::new()
        .prefix(&format!("copydesk-bench-{count}-"))
        .tempdir_in(scratch)
        .map_err(|e| format!("cannot create a site folder in {}: {e}", scratch.display()))?;
    site.disable_cleanup(config.keep);
    let started = Instant::now();
    let stats = synthetic::write_site(site.path(), count, config.seed)
        .map_err(|e| format!("cannot write the synthetic site: {e}"))?;
    eprintln!(
        "generated {} articles, {} words, {:.1} MB in {:.1} s at {}",
        stats.articles,
        stats.words,
        stats.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        site.path().display()
    );
    let mut samples = Vec::new();
    for run in 0..config.runs {
        let output = site.path().join(format!("output-{run}"));
        let (sample, summary) = build_once(site.path(), &output, ticks)?;
        let pages = article_pages(&output);
        if pages != count {
            return Err(format!(
                "the build wrote {pages} article pages under {}/articles for {count} articles",
                output.display()
            ));
        }
        eprintln!(
            "  run {}: {:.3} s, {} pages, {} files",
            run + 1,
            sample.wall,
            summary.pages,
            summary.files
        );
        samples.push(sample);
        if !(config.keep && run + 1 == config.runs) {
            std::fs::remove_dir_all(&output)
                .map_err(|e| format!("cannot remove {}: {e}", output.display()))?;
        }
    }
    print_row(count, stats.words, &samples);
    if config.full_only {
        return Ok(None);
    }
    bench_incremental(site.path(), config.runs).map(Some)
}

/// Wall times of the incremental path on the site at `root`, as a table row.
fn bench_incremental(root: &Path, runs: usize) -> Result<String, String> {
    let output = root.join("output-cached");
    let options = BuildOptions {
        site_root: root.to_path_buf(),
        output_dir: Some(output.clone()),
        ..BuildOptions::default()
    };
    let timed = |full: bool| -> Result<(f64, BuildSummary), String> {
        let started = Instant::now();
        let summary = build_with_cache(&options, full, &Silent).map_err(|failure| {
            let lines: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
            format!("the cached build failed:\n{}", lines.join("\n"))
        })?;
        Ok((started.elapsed().as_secs_f64(), summary))
    };
    let mut full = Vec::new();
    for _ in 0..runs {
        full.push(timed(true)?.0);
    }
    // Files modified within two seconds of a build are not trusted to prove "no change".
    // The build that saves a trusted record (nothing written) comes after that.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    timed(false)?;
    let mut unchanged = Vec::new();
    for _ in 0..runs {
        let (wall, summary) = timed(false)?;
        if summary.files != 0 {
            return Err(format!(
                "a build with nothing changed wrote {} files",
                summary.files
            ));
        }
        unchanged.push(wall);
    }
    let article = first_article(root)?;
    let mut edited = Vec::new();
    let mut written = 0;
    for run in 0..runs {
        let mut text = std::fs::read_to_string(&article).map_err(|e| e.to_string())?;
        text.push_str(&format!("\nA paragraph added by edit {run}.\n"));
        std::fs::write(&article, text).map_err(|e| e.to_string())?;
        let (wall, summary) = timed(false)?;
        edited.push(wall);
        written = summary.files;
    }
    std::fs::remove_dir_all(&output)
        .map_err(|e| format!("cannot remove {}: {e}", output.display()))?;
    let full = median(full);
    let unchanged = median(unchanged);
    let edited = median(edited);
    Ok(format!(
        "| {:.3} s | {unchanged:.3} s ({:.3}×) | {edited:.3} s ({:.2}×), {written} files written |",
        full,
        unchanged / full,
        edited / full
    ))
}

/// The serve path: one kept-alive [`Builder`], a full build, then `edits` rebuilds each
/// after one article's body is edited. Prints one line per rebuild; returns the median wall.
/// A `Builder` kept alive as `serve` keeps one, writing to a fresh `output-serve` under
/// `root`, after its first full build (its time printed).
fn kept_alive_builder(root: &Path) -> Result<(Builder, copydesk::site::BuildSummary), String> {
    let output = serve_output(root);
    if output.exists() {
        std::fs::remove_dir_all(&output)
            .map_err(|e| format!("cannot remove {}: {e}", output.display()))?;
    }
    let mut builder = Builder::trusting_changed_paths(BuildOptions {
        site_root: root.to_path_buf(),
        output_dir: Some(output),
        ..BuildOptions::default()
    });
    let started = Instant::now();
    let summary = builder.build(&[], &Silent).map_err(build_failed)?;
    eprintln!(
        "full build: {:.3} s, {} pages, {} files",
        started.elapsed().as_secs_f64(),
        summary.pages,
        summary.files
    );
    Ok((builder, summary))
}

/// Where the serve-style benches build `root`.
fn serve_output(root: &Path) -> PathBuf {
    root.join("output-serve")
}

/// A failed build's diagnostics, one a line.
fn build_failed(failure: copydesk::site::BuildFailure) -> String {
    let lines: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
    format!("the build failed:\n{}", lines.join("\n"))
}

fn bench_serve_edits(root: &Path, edits: usize) -> Result<f64, String> {
    let (mut builder, _) = kept_alive_builder(root)?;
    let output = serve_output(root);
    let failed = build_failed;
    let article = first_article(root)?;
    let mut walls = Vec::new();
    for edit in 0..edits {
        let mut text = std::fs::read_to_string(&article).map_err(|e| e.to_string())?;
        text.push_str(&format!("\nA paragraph added by serve edit {edit}.\n"));
        std::fs::write(&article, text).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let summary = builder
            .build(std::slice::from_ref(&article), &Silent)
            .map_err(failed)?;
        let wall = started.elapsed().as_secs_f64();
        println!(
            "rebuild {}: {:.1} ms, {} files written",
            edit + 1,
            wall * 1e3,
            summary.files
        );
        walls.push(wall);
    }
    std::fs::remove_dir_all(&output)
        .map_err(|e| format!("cannot remove {}: {e}", output.display()))?;
    Ok(median(walls))
}

/// A serve-style rebuild after a site-wide edit: one kept-alive [`Builder`], a full build,
/// then `edits` times the article template or `site.toml` edited and the site rebuilt with
/// that file as the changed path, naming one article page as viewed (unless
/// `no_priority`). Prints one line per rebuild; returns the medians of the time until the
/// viewed page was written (the whole rebuild's without a priority) and of the whole.
fn bench_site_wide_edits(
    root: &Path,
    kind: SiteWideEdit,
    edits: usize,
    no_priority: bool,
) -> Result<(f64, f64), String> {
    let template = root.join("templates/article.html");
    let builtin =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/article.html");
    let builtin = std::fs::read_to_string(&builtin).map_err(|e| e.to_string())?;
    let end_block = builtin
        .rfind("{% endblock")
        .ok_or("the article template has no block")?;
    let write_template = |mark: &str| -> Result<(), String> {
        std::fs::create_dir_all(root.join("templates")).map_err(|e| e.to_string())?;
        let text = format!(
            "{}<!-- {mark} -->{}",
            &builtin[..end_block],
            &builtin[end_block..]
        );
        std::fs::write(&template, text).map_err(|e| e.to_string())
    };
    let config_path = root.join("site.toml");
    let config = std::fs::read_to_string(&config_path).map_err(|e| e.to_string())?;
    if kind == SiteWideEdit::Template {
        write_template("before the first build")?;
    }
    let (mut builder, summary) = kept_alive_builder(root)?;
    let output = serve_output(root);
    let failed = build_failed;
    let viewed = summary
        .page_urls
        .iter()
        .find(|url| url.starts_with("/articles/"))
        .map(|url| copydesk::site::render::output_file_of(url))
        .ok_or("the site has no article page")?;
    let mut first = Vec::new();
    let mut whole = Vec::new();
    for edit in 0..edits {
        let mark = format!("site-wide edit {edit}");
        let changed = match kind {
            SiteWideEdit::Template => {
                write_template(&mark)?;
                template.clone()
            }
            SiteWideEdit::Config => {
                let edited = format!("{config}\n# {mark}\n").replacen(
                    "description = \"",
                    &format!("description = \"{mark}: "),
                    1,
                );
                std::fs::write(&config_path, edited).map_err(|e| e.to_string())?;
                config_path.clone()
            }
        };
        let ready_at = std::sync::Mutex::new(None);
        let ready = |_: &[String]| {
            *ready_at.lock().unwrap() = Some(started_at_now());
        };
        let priority = Priority {
            pages: vec![viewed.clone()],
            ready: &ready,
        };
        let started = started_at_now();
        let summary = builder
            .build_with_priority(
                std::slice::from_ref(&changed),
                &Silent,
                (!no_priority).then_some(&priority),
            )
            .map_err(failed)?;
        let ended = started_at_now();
        let page = std::fs::read_to_string(output.join(&viewed)).map_err(|e| e.to_string())?;
        if kind == SiteWideEdit::Template && !page.contains(&mark) {
            return Err(format!("{viewed} does not show the edit after the rebuild"));
        }
        let ready = ready_at.into_inner().unwrap();
        if !no_priority && ready.is_none() {
            return Err(format!("{viewed} was not written ahead of the rest"));
        }
        let to_viewed = ready.unwrap_or(ended) - started;
        let to_end = ended - started;
        println!(
            "rebuild {}: viewed page written after {:.1} ms, whole rebuild {:.1} ms, {} files written",
            edit + 1,
            to_viewed * 1e3,
            to_end * 1e3,
            summary.files
        );
        first.push(to_viewed);
        whole.push(to_end);
    }
    std::fs::write(&config_path, config).map_err(|e| e.to_string())?;
    if kind == SiteWideEdit::Template {
        std::fs::remove_file(&template).map_err(|e| e.to_string())?;
    }
    std::fs::remove_dir_all(&output)
        .map_err(|e| format!("cannot remove {}: {e}", output.display()))?;
    Ok((median(first), median(whole)))
}

/// Seconds since the bench started (one clock for every stamp).
fn started_at_now() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// `--serve-template-edits N` / `--serve-config-edits N`: for each size (or the `--site`
/// given), the time to the viewed page and to the end of the rebuild.
fn site_wide_main(
    scratch: &Path,
    config: &BenchConfig,
    kind: SiteWideEdit,
    edits: usize,
) -> ExitCode {
    let result = on_each_site(scratch, config, |root| {
        bench_site_wide_edits(root, kind, edits, config.no_priority)
    });
    let what = match kind {
        SiteWideEdit::Template => "article template",
        SiteWideEdit::Config => "site.toml",
    };
    match result {
        Ok(rows) => {
            for (count, (first, whole)) in rows {
                let size = count.map_or("given site".to_string(), |c| format!("{c} articles"));
                println!(
                    "{size}: serve-style rebuild after an edit of the {what}{}, medians of {edits}: viewed page {:.1} ms, whole rebuild {:.1} ms",
                    if config.no_priority { " (no viewed page named)" } else { "" },
                    first * 1e3,
                    whole * 1e3
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bench build: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The first article file of the generated site, by name.
fn first_article(root: &Path) -> Result<PathBuf, String> {
    let folder = root.join("content/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("cannot list {}: {e}", folder.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .next()
        .ok_or_else(|| format!("no article in {}", folder.display()))
}

fn print_row(count: usize, words: usize, samples: &[Sample]) {
    let wall = median(samples.iter().map(|s| s.wall).collect());
    let cpu = samples
        .iter()
        .map(|s| s.cpu)
        .collect::<Option<Vec<f64>>>()
        .map(median)
        .map_or("n/a".to_string(), |c| format!("{c:.2} s"));
    let peak = samples
        .iter()
        .filter_map(|s| s.peak_kib)
        .max()
        .map_or("n/a".to_string(), |k| {
            format!("{:.0} MiB", k as f64 / 1024.0)
        });
    println!(
        "| {count} | {:.2} M | {wall:.3} s | {:.0} | {cpu} | {peak} |",
        words as f64 / 1e6,
        count as f64 / wall
    );
}

/// `run` on the `--site` given, or on a site generated in `scratch` for each size (kept
/// with `--keep`): each result with the size it was measured at (none for `--site`).
fn on_each_site<T>(
    scratch: &Path,
    config: &BenchConfig,
    run: impl Fn(&Path) -> Result<T, String>,
) -> Result<Vec<(Option<usize>, T)>, String> {
    match &config.site {
        Some(site) => run(site).map(|result| vec![(None, result)]),
        None => config
            .sizes
            .iter()
            .map(|&count| {
                let mut site = tempfile::Builder::new()
                    .prefix(&format!("copydesk-bench-{count}-"))
                    .tempdir_in(scratch)
                    .map_err(|e| format!("cannot create a site folder: {e}"))?;
                site.disable_cleanup(config.keep);
                synthetic::write_site(site.path(), count, config.seed)
                    .map_err(|e| format!("cannot write the synthetic site: {e}"))?;
                eprintln!("generated {count} articles at {}", site.path().display());
                run(site.path()).map(|result| (Some(count), result))
            })
            .collect(),
    }
}

/// `--serve-edits N`: for each size (or the `--site` given), the serve-style rebuild times.
fn serve_edits_main(scratch: &Path, config: &BenchConfig, edits: usize) -> ExitCode {
    let result = on_each_site(scratch, config, |root| bench_serve_edits(root, edits));
    match result {
        Ok(rows) => {
            for (count, median) in rows {
                let size = count.map_or("given site".to_string(), |c| format!("{c} articles"));
                println!(
                    "{size}: serve-style rebuild after one edit, median of {edits}: {:.1} ms",
                    median * 1e3
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bench build: {message}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let config = match BenchConfig::from_args() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("bench build: {message}");
            return ExitCode::FAILURE;
        }
    };
    let scratch = scratch_dir();
    let ticks = measure::clock_ticks_per_second();
    if let Some(edits) = config.serve_edits {
        return serve_edits_main(&scratch, &config, edits.max(1));
    }
    if let Some((kind, edits)) = config.site_wide {
        return site_wide_main(&scratch, &config, kind, edits.max(1));
    }
    eprintln!(
        "copydesk build benchmark: sizes {:?}, {} runs each, sites in {}, {} threads; RSS before: {} KiB",
        config.sizes,
        config.runs,
        scratch.display(),
        rayon::current_num_threads(),
        measure::rss_kib().unwrap_or(0)
    );
    println!(
        "| articles | words | wall (median of {}) | articles/s | CPU (median) | peak RSS (max) |",
        config.runs
    );
    println!("|---|---|---|---|---|---|");
    let mut incremental = Vec::new();
    for &count in &config.sizes {
        match bench_size(&scratch, count, &config, ticks) {
            Ok(Some(row)) => incremental.push(format!("| {count} {row}")),
            Ok(None) => {}
            Err(message) => {
                eprintln!("bench build: {count} articles: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    if incremental.is_empty() {
        return ExitCode::SUCCESS;
    }
    println!("\n| articles | full build, cache saved | nothing changed (÷ full) | one article edited (÷ full) |");
    println!("|---|---|---|---|");
    incremental.iter().for_each(|row| println!("{row}"));
    ExitCode::SUCCESS
}
