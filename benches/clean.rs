//! Benchmark of the clean stage (issue 2: at least 20 MB/s on one core for typical copy,
//! the lexicon ready in under 20 ms).
//!
//! It times the first clean from a cold start (which includes getting the word lexicon
//! ready), then generates raw text in two flavours with the corpus generator
//! (`tests/corpus/`) and cleans each on one thread:
//!
//! * **typical copy** ([`corpus::typical::generate_typical`]): articles damaged the way
//!   real pasted copy is (masthead, drop cap, hard wraps at 60-90 columns, a few line-end
//!   hyphens, occasional page furniture, a pull-quote repeat, about one word-level defect
//!   per 175 words). The throughput target is for this flavour.
//! * **dense corpus** ([`corpus::generate`]): every defect class at high density, the
//!   worst case (about 30 edits per KB).
//!
//! For each it prints the edits per KB, the median wall time and CPU time of the runs and
//! the MB/s they give, and a digest of everything the clean produced (Markdown, edits,
//! findings): the digest must not move when a change is only meant to make things faster.
//!
//! Run: `cargo bench --bench clean` (5 MB per flavour, 3 runs); `-- 20` for 20 MB,
//! `-- --runs 5` for more runs, `-- typical` or `-- dense` for one flavour, `-- --passes`
//! to also see where the time goes, pass by pass, `-- --no-digest` to skip the digest's
//! extra run (when counting instructions: `valgrind --tool=callgrind`).
//!
//! `-- adversarial` instead cleans each adversarial shape ([`corpus::adversarial`]:
//! repeated paragraphs, a hyphen at every line end, no spaces, one enormous line, ...) at
//! 1, 4 and 16 MB and prints the time (least of `--runs`, 3 by default), the most heap
//! memory the clean held and how each grows: a pass that is linear takes about four times
//! as long at four times the size. `-- adversarial 1,4` picks the sizes, `-- adversarial
//! no-spaces` one shape; `--write DIR` writes each input to `DIR/SHAPE-NMB.txt` instead of
//! cleaning it (to time the `copydesk` binary on it).

#[path = "../tests/corpus/mod.rs"]
mod corpus;

/// The allocator of the `copydesk` binary (see `src/main.rs`), counting the bytes held
/// for the adversarial table's peak memory (the process's resident size cannot say it:
/// the allocator keeps freed memory).
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator(mimalloc::MiMalloc);

struct CountingAllocator(mimalloc::MiMalloc);

/// Whether the allocator counts: only in the adversarial mode, so that the throughput
/// runs pay nothing for it.
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes held, counted from when counting began (blocks made before and freed after it
/// take it below zero: only differences are read), and the most since last reset.
static HELD: AtomicIsize = AtomicIsize::new(0);
static PEAK_HELD: AtomicIsize = AtomicIsize::new(0);

impl CountingAllocator {
    fn grew(by: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            let by = by as isize;
            let held = HELD.fetch_add(by, Ordering::Relaxed) + by;
            PEAK_HELD.fetch_max(held, Ordering::Relaxed);
        }
    }

    fn shrank(by: usize) {
        if COUNTING.load(Ordering::Relaxed) {
            HELD.fetch_sub(by as isize, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is passed to mimalloc unchanged; only the counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { self.0.alloc(layout) };
        if !block.is_null() {
            Self::grew(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = unsafe { self.0.alloc_zeroed(layout) };
        if !block.is_null() {
            Self::grew(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(block, layout) };
        Self::shrank(layout.size());
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { self.0.realloc(block, layout, new_size) };
        if !moved.is_null() {
            Self::shrank(layout.size());
            Self::grew(new_size);
        }
        moved
    }
}

use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use copydesk::clean::site_words::add_article_words;
use copydesk::clean::words::WordContext;
use copydesk::clean::{clean_text, clean_text_timed, CleanedArticle, Pass};

/// What the command line asked for.
struct Settings {
    megabytes: usize,
    runs: usize,
    flavours: Vec<Flavour>,
    passes: bool,
    /// Skip the digest's untimed run (for instruction counting under valgrind).
    no_digest: bool,
    /// Clean as into a site that already has this many articles, whose words are known
    /// words (as `copydesk clean` does in a site); 0 for no site.
    site_articles: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Flavour {
    Typical,
    Dense,
}

impl Flavour {
    fn name(self) -> &'static str {
        match self {
            Flavour::Typical => "typical copy",
            Flavour::Dense => "dense corpus",
        }
    }

    fn generate(self, article: &'static corpus::prose::CleanArticle, seed: u64) -> Vec<u8> {
        match self {
            Flavour::Typical => corpus::typical::generate_typical(article, seed).raw,
            Flavour::Dense => corpus::generate(article, seed).raw,
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "adversarial") {
        adversarial();
        return;
    }
    let settings = settings();
    let context = site_context(settings.site_articles);

    let cold = Instant::now();
    clean_text(
        b"Title\n\nBy Ann Lee\n\nA first paragraph.\n",
        Path::new("warm.txt"),
        &context,
    )
    .expect("the warm-up text cleans");
    println!(
        "first clean from a cold start (lexicon ready): {:.2} ms",
        cold.elapsed().as_secs_f64() * 1e3
    );

    for &flavour in &settings.flavours {
        let documents = generate(flavour, settings.megabytes * 1_000_000);
        measure(flavour, &documents, &settings, &context);
        if settings.passes {
            time_passes(&documents, &context);
        }
    }
}

fn settings() -> Settings {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut settings = Settings {
        megabytes: 5,
        runs: 3,
        flavours: Vec::new(),
        passes: false,
        no_digest: false,
        site_articles: 0,
    };
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                i += 1;
                settings.runs = args.get(i).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
            }
            "--site-words" => {
                i += 1;
                settings.site_articles = args.get(i).and_then(|n| n.parse().ok()).unwrap_or(500);
            }
            "--passes" => settings.passes = true,
            "--no-digest" => settings.no_digest = true,
            "typical" => settings.flavours.push(Flavour::Typical),
            "dense" => settings.flavours.push(Flavour::Dense),
            other => {
                if let Ok(mb) = other.parse() {
                    settings.megabytes = mb;
                }
            }
        }
        i += 1;
    }
    if settings.flavours.is_empty() {
        settings.flavours = vec![Flavour::Typical, Flavour::Dense];
    }
    settings
}

/// The word context of a site holding `articles` earlier articles (typical copy from
/// seeds the measured documents do not use, cleaned): their words are known words, as
/// in `copydesk clean` within a site.
fn site_context(articles: usize) -> WordContext {
    let mut context = WordContext::default();
    let empty = WordContext::default();
    let path = Path::new("site.md");
    let sources = corpus::prose::ARTICLES.iter().cycle().take(articles);
    for (n, article) in sources.enumerate() {
        let raw = Flavour::Typical.generate(article, 1_000_000 + n as u64);
        let cleaned = clean_text(&raw, path, &empty).expect("generated copy cleans");
        add_article_words(&cleaned.article.to_markdown(), path, &mut context);
    }
    if articles > 0 {
        println!(
            "site words: {} known words from {articles} earlier articles",
            context.known_words.len()
        );
    }
    context
}

/// Damaged articles of one flavour until `target` bytes.
fn generate(flavour: Flavour, target: usize) -> Vec<Vec<u8>> {
    let mut documents = Vec::new();
    let mut total = 0;
    let mut seed = 0;
    while total < target {
        for article in corpus::prose::ARTICLES {
            let raw = flavour.generate(article, seed);
            total += raw.len();
            documents.push(raw);
        }
        seed += 1;
    }
    documents
}

/// Cleans `documents` `runs` times and prints the medians. Each timed run does what
/// `copydesk clean` does per file short of the disk: clean it, render the Markdown file
/// (front matter and body), and drop the result. The digest comes from a separate,
/// untimed run, so holding every result for it does not inflate the figures.
fn measure(flavour: Flavour, documents: &[Vec<u8>], settings: &Settings, context: &WordContext) {
    let runs = settings.runs;
    let mb = documents.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut edits = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        edits = clean_and_render_all(documents, context);
        walls.push(start.elapsed());
        if let (Some(end), Some(start)) = (cpu_seconds(), cpu_start) {
            cpus.push(end - start);
        }
    }
    let digest = match settings.no_digest {
        true => "(not computed)".to_string(),
        false => digest_of(&clean_all(documents, context)),
    };
    walls.sort();
    cpus.sort_by(f64::total_cmp);
    let wall = walls[walls.len() / 2];
    println!(
        "{}: {} documents, {mb:.1} MB, {edits} edits ({:.1} per KB), output digest {digest}",
        flavour.name(),
        documents.len(),
        edits as f64 / (mb * 1e3)
    );
    println!(
        "  wall {} (median of {runs}): {:.1} MB/s on one thread",
        seconds(wall),
        mb / wall.as_secs_f64()
    );
    if let Some(&cpu) = cpus.get(cpus.len() / 2) {
        // On a shared machine the wall clock includes other processes' turns.
        println!(
            "  CPU  {cpu:.2} s (median): {:.1} MB/s of CPU",
            mb / cpu.max(1e-9)
        );
    }
    // Noise on a shared machine only ever adds time: the fastest run is the steadiest
    // figure of what the code costs.
    println!(
        "  best {} of {runs}: {:.1} MB/s",
        seconds(walls[0]),
        mb / walls[0].as_secs_f64()
    );
}

/// Cleans every document and renders its Markdown file, keeping nothing but the number
/// of edits (and the rendered length, so the work cannot be optimised away).
fn clean_and_render_all(documents: &[Vec<u8>], context: &WordContext) -> usize {
    let mut edits = 0;
    let mut bytes = 0;
    for (i, raw) in documents.iter().enumerate() {
        let cleaned = clean_text(raw, Path::new("bench.txt"), context)
            .unwrap_or_else(|e| panic!("document {i} failed: {e}"));
        bytes += cleaned.article.to_markdown().len();
        edits += cleaned.edits.len();
    }
    std::hint::black_box(bytes);
    edits
}

fn clean_all(documents: &[Vec<u8>], context: &WordContext) -> Vec<CleanedArticle> {
    documents
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            clean_text(raw, Path::new("bench.txt"), context)
                .unwrap_or_else(|e| panic!("document {i} failed: {e}"))
        })
        .collect()
}

/// Times the clean stage's passes over `documents`: [`clean_text_timed`] is
/// [`clean_text`] itself, reporting as each of [`Pass::ALL`] ends, so the chain timed is
/// the one that cleans. Prints the time each takes (and dropping the result): the least
/// of three runs, as a shared machine's noise only ever adds time.
fn time_passes(documents: &[Vec<u8>], context: &WordContext) {
    let mut spent = [Duration::MAX; Pass::ALL.len() + 1];
    for _ in 0..3 {
        let times = time_passes_once(documents, context);
        for (least, run) in spent.iter_mut().zip(times) {
            *least = (*least).min(run);
        }
    }
    let total: Duration = spent.iter().sum();
    let names = Pass::ALL.iter().map(|p| p.name()).chain(["drop"]);
    let mb = documents.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("  by pass ({} in all):", seconds(total));
    for (name, time) in names.zip(spent) {
        println!(
            "    {name:<10} {:>6.1} ms {:>5.1} %  {:>7.1} MB/s",
            time.as_secs_f64() * 1e3,
            100.0 * time.as_secs_f64() / total.as_secs_f64(),
            mb / time.as_secs_f64().max(1e-9)
        );
    }
}

/// The time each pass took over `documents`, the last entry dropping the results.
fn time_passes_once(documents: &[Vec<u8>], context: &WordContext) -> Vec<Duration> {
    let mut spent = vec![Duration::ZERO; Pass::ALL.len() + 1];
    for raw in documents {
        let mut at = Instant::now();
        let mut next = 0;
        let cleaned = clean_text_timed(raw, Path::new("bench.txt"), context, |pass| {
            assert_eq!(
                pass,
                Pass::ALL[next],
                "clean_text reports its passes in order"
            );
            let now = Instant::now();
            spent[next] += now - at;
            at = now;
            next += 1;
        })
        .expect("cleans");
        assert_eq!(next, Pass::ALL.len(), "clean_text reports every pass");
        let at = Instant::now();
        drop(cleaned);
        spent[Pass::ALL.len()] += at.elapsed();
    }
    spent
}

/// Cleans every adversarial shape at each size (one file each, the least time of
/// `--runs`, 3 by default) and prints a table: time, MB/s, the most memory the clean held
/// at once (heap bytes, counted by the allocator) and each step's growth (about 4 from 1
/// to 4 MB when a pass is linear, 16 when it is quadratic).
fn adversarial() {
    use corpus::adversarial::SHAPES;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes = vec![1, 4, 16];
    let mut shapes = Vec::new();
    let mut write = None;
    let mut runs = 3;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "--write" {
            i += 1;
            write = args.get(i).map(std::path::PathBuf::from);
        } else if arg == "--runs" {
            i += 1;
            runs = args.get(i).and_then(|r| r.parse().ok()).unwrap_or(3).max(1);
        } else if let Some(shape) = SHAPES.iter().find(|s| s.name() == arg) {
            shapes.push(*shape);
        } else if arg.chars().all(|c| c.is_ascii_digit() || c == ',') && !arg.is_empty() {
            sizes = arg.split(',').filter_map(|n| n.parse().ok()).collect();
        }
        i += 1;
    }
    if shapes.is_empty() {
        shapes = SHAPES.to_vec();
    }
    COUNTING.store(true, Ordering::Relaxed);
    let context = WordContext::default();
    println!("adversarial input, one thread, least of {runs} runs; growth = time / time at the size before");
    println!(
        "{:<22} {:>5} {:>9} {:>8} {:>10} {:>9}",
        "shape", "MB", "time", "MB/s", "peak heap", "growth"
    );
    for shape in shapes {
        let mut before: Option<(usize, f64)> = None;
        for &mb in &sizes {
            let raw = shape.generate(mb * 1_000_000);
            if let Some(dir) = &write {
                let path = dir.join(format!("{}-{mb}MB.txt", shape.name()));
                std::fs::write(&path, &raw).expect("the input is written");
                println!("wrote {}", path.display());
                continue;
            }
            let mut time = f64::MAX;
            let mut peak = 0;
            for _ in 0..runs {
                let held = HELD.load(Ordering::Relaxed);
                PEAK_HELD.store(held, Ordering::Relaxed);
                let start = Instant::now();
                let cleaned = clean_text(&raw, Path::new("adversarial.txt"), &context)
                    .map(|c| c.article.to_markdown().len());
                time = time.min(start.elapsed().as_secs_f64());
                std::hint::black_box(cleaned.ok());
                peak = PEAK_HELD.load(Ordering::Relaxed) - held;
            }
            let growth = match before {
                Some((size, t)) => format!("{:.1}x/{}x", time / t.max(1e-9), mb / size.max(1)),
                None => "-".into(),
            };
            println!(
                "{:<22} {mb:>5} {:>7.2} s {:>8.1} {:>6} MiB {growth:>9}",
                shape.name(),
                time,
                raw.len() as f64 / 1e6 / time.max(1e-9),
                peak >> 20,
            );
            before = Some((mb, time));
        }
    }
}

/// A short hash of every output document, edit and finding.
fn digest_of(cleaned: &[CleanedArticle]) -> String {
    let mut hasher = blake3::Hasher::new();
    for article in cleaned {
        hasher.update(article.article.to_markdown().as_bytes());
        hasher.update(format!("{:?}{:?}", article.edits, article.findings).as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_string()
}

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

/// CPU seconds this process has used (user + system), where /proc tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
