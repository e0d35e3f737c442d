//! The serve watcher on a real folder: edits to a site's inputs come back as one
//! debounced batch; the output folder and editor scratch files are ignored; a watched
//! folder created after the start is picked up.

use std::fs;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::Duration;

use copydesk::serve::watch::SiteWatcher;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Runs `next_changes` on a thread and gives up after `timeout`.
fn next_changes(mut watcher: SiteWatcher, timeout: Duration) -> (SiteWatcher, Option<Vec<String>>) {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let stop = AtomicBool::new(false);
        let changes = watcher.next_changes(&stop);
        let _ = send.send((watcher, changes));
    });
    let (watcher, changes) = receive
        .recv_timeout(timeout)
        .expect("no batch of changes arrived");
    let names = changes.map(|paths| {
        paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    });
    (watcher, names)
}

#[test]
fn edits_to_inputs_arrive_as_one_batch_and_output_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.toml", "title = \"x\"\n");
    write(root, "content/articles/a.md", "a");
    write(root, "output/index.html", "old");
    let watcher = SiteWatcher::new(root).unwrap();

    write(root, "output/index.html", "new output");
    write(root, "content/articles/.a.md.swp", "scratch");
    write(root, "content/articles/a.md", "edited");
    write(root, "content/articles/b.md", "new");
    write(root, "site.toml", "title = \"y\"\n");
    let (watcher, names) = next_changes(watcher, Duration::from_secs(20));
    let names = names.unwrap();
    assert!(names.contains(&"a.md".to_string()), "{names:?}");
    assert!(names.contains(&"b.md".to_string()), "{names:?}");
    assert!(names.contains(&"site.toml".to_string()), "{names:?}");
    assert!(!names.contains(&"index.html".to_string()), "{names:?}");
    assert!(!names.contains(&".a.md.swp".to_string()), "{names:?}");

    // A folder the site did not have at the start is watched once it appears.
    write(root, "templates/base.html", "<html>");
    let (watcher, names) = next_changes(watcher, Duration::from_secs(20));
    assert!(!names.unwrap().is_empty());
    std::thread::sleep(Duration::from_millis(300));
    write(root, "templates/article.html", "<article>");
    let (_, names) = next_changes(watcher, Duration::from_secs(20));
    let names = names.unwrap();
    assert!(names.contains(&"article.html".to_string()), "{names:?}");
}
