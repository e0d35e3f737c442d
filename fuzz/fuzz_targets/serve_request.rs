//! The preview server's request path, on any bytes a client may send: the head parser
//! (`copydesk::serve::wire::read_head`), the `Host` check and the mapping of the target
//! to a file (`copydesk::serve::resolve::resolve`) never panic, a head is never longer
//! than the limit, and no target resolves to a file outside the served folder.
#![no_main]

use std::io::{BufReader, Cursor};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::OnceLock;

use copydesk::serve::host::check_host;
use copydesk::serve::resolve::{resolve, Resolution};
use copydesk::serve::wire::{read_head, MAX_HEADERS};
use libfuzzer_sys::fuzz_target;

/// A served folder (with a page, a subfolder and a link leading out of it) beside a
/// secret file, made once per process (in one fixed place, reused by later runs).
fn served() -> &'static (PathBuf, PathBuf) {
    static SERVED: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    SERVED.get_or_init(|| {
        let base = std::env::temp_dir().join("copydesk-fuzz-serve");
        let root = base.join("output");
        std::fs::create_dir_all(root.join("articles/a")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("articles/a/index.html"), "a").unwrap();
        std::fs::write(base.join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        let _ = std::os::unix::fs::symlink(base.join("secret.txt"), root.join("leak.txt"));
        let root = root.canonicalize().unwrap();
        (base, root)
    })
}

fuzz_target!(|data: &[u8]| {
    // A small buffer, so that heads cross buffer refills.
    let mut reader = BufReader::with_capacity(16, Cursor::new(data));
    let mut count = 0;
    while let Ok(head) = read_head(&mut reader) {
        assert!(head.headers.len() <= MAX_HEADERS);
        let _ = head.wants_keep_alive();
        for bound in [
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        ] {
            let _ = check_host(head.header("Host"), bound);
        }
        let (_, root) = served();
        if let Resolution::File(path) = resolve(root, &head.target) {
            assert!(path.starts_with(root), "{:?} -> {path:?}", head.target);
        }
        count += 1;
        if count > 64 {
            break;
        }
    }
});
