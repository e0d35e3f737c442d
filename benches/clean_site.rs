//! End-to-end benchmark of `copydesk clean` on a folder (issue 12, item 4: at least 15 MB/s
//! per core, disk included, on 5,000 files).
//!
//! It writes a site of typical copy ([`corpus::typical::generate_typical`], the flavour
//! `benches/clean.rs` measures in memory) as `content/raw/*.txt` in a folder on disk
//! (under the target folder), then times the whole command, `copydesk -q clean`, in a
//! fresh process each run: reading the raw files, cleaning them, writing every article
//! and the manifest. Before each run the articles and the manifest are removed, so every
//! run writes them all. It prints, per run and as the median, wall time, the CPU time of
//! the process, MB/s of raw text (wall, and per core: MB over CPU seconds) and files/s;
//! then one run with nothing to do (every article already up to date).
//!
//! Run: `cargo bench --bench clean_site` (5,000 files, 3 runs); `-- 1000` for another
//! number of files, `-- --runs 5`, `-- --bin PATH` to time another `copydesk` binary on
//! the same site (an older build, to compare), `-- --dir DIR` to put the site elsewhere
//! (`/dev/shm/x` for tmpfs).

#[path = "../tests/corpus/mod.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Settings {
    files: usize,
    runs: usize,
    bin: PathBuf,
    dir: PathBuf,
}

fn settings() -> Settings {
    let mut settings = Settings {
        files: 5000,
        runs: 3,
        bin: PathBuf::from(env!("CARGO_BIN_EXE_copydesk")),
        dir: Path::new(env!("CARGO_TARGET_TMPDIR")).join("clean-site-bench"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => settings.runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3),
            "--bin" => settings.bin = args.next().map(PathBuf::from).expect("--bin PATH"),
            "--dir" => settings.dir = args.next().map(PathBuf::from).expect("--dir DIR"),
            "--bench" => {}
            other => {
                if let Ok(n) = other.parse() {
                    settings.files = n;
                }
            }
        }
    }
    settings
}

/// Writes the site; returns the bytes of raw text.
fn write_site(root: &Path, files: usize) -> u64 {
    let _ = std::fs::remove_dir_all(root);
    let raw = root.join("content/raw");
    std::fs::create_dir_all(&raw).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Bench\"\nbase_url = \"https://bench.example/\"\n",
    )
    .unwrap();
    let mut bytes = 0;
    let sources = corpus::prose::ARTICLES.iter().cycle().take(files);
    for (n, article) in sources.enumerate() {
        let text = corpus::typical::generate_typical(article, n as u64).raw;
        bytes += text.len() as u64;
        std::fs::write(raw.join(format!("story-{n:05}.txt")), text).unwrap();
    }
    bytes
}

/// CPU time (user + system) of every child process waited for so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Runs `copydesk -q clean` in `root`; wall and CPU time.
fn clean(bin: &Path, root: &Path) -> (Duration, Duration) {
    let cpu_before = children_cpu();
    let started = Instant::now();
    let output = Command::new(bin)
        .args(["-q", "clean"])
        .current_dir(root)
        .output()
        .expect("copydesk runs");
    let wall = started.elapsed();
    assert!(
        output.status.success(),
        "copydesk clean failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (wall, children_cpu() - cpu_before)
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    let settings = settings();
    let root = &settings.dir;
    let bytes = write_site(root, settings.files);
    let mb = bytes as f64 / 1e6;
    println!(
        "copydesk clean of {} raw files ({mb:.1} MB of typical copy) in {}, {} threads, {}",
        settings.files,
        root.display(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        settings.bin.display()
    );
    let articles = root.join("content/articles");
    let line = |what: &str, wall: Duration, cpu: Duration| {
        println!(
            "{what:>8}: wall {:6.2} s, CPU {:6.2} s ({:.2} cores), {:6.1} MB/s wall, {:6.1} MB/s per core, {:7.0} files/s",
            wall.as_secs_f64(),
            cpu.as_secs_f64(),
            cpu.as_secs_f64() / wall.as_secs_f64(),
            mb / wall.as_secs_f64(),
            mb / cpu.as_secs_f64(),
            settings.files as f64 / wall.as_secs_f64()
        );
    };
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    for run in 1..=settings.runs {
        let _ = std::fs::remove_dir_all(&articles);
        let (wall, cpu) = clean(&settings.bin, root);
        line(&format!("run {run}"), wall, cpu);
        walls.push(wall);
        cpus.push(cpu);
    }
    line("median", median(walls), median(cpus));
    let (wall, cpu) = clean(&settings.bin, root);
    println!(
        "up to date: wall {:.2} s, CPU {:.2} s (nothing to write)",
        wall.as_secs_f64(),
        cpu.as_secs_f64()
    );
}
