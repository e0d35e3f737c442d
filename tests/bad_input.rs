//! The bad-input suite (issue 10): what a hostile or careless user may hand copydesk, one
//! case per row of [`CASES`], each run through the real binary in a fresh temporary site.
//!
//! A case gives the files of the site (`../` reaches the folder beside it, which holds what
//! is outside the site: secrets, publish targets), commands that prepare it (each must
//! succeed), files changed after them (a hand edit, a broken config), the command line, the
//! exit status, fragments its stderr must hold (with file and line:column where the input
//! has one), and what must be unchanged afterwards, byte for byte.
//!
//! Every case is also held to what is true of any run: nothing panics, nothing is left in
//! the temp folder or as `.output.staging-PID` / `.output.old-PID`, no page holds a control
//! character, every feed and sitemap is well-formed XML, and every file or folder copydesk
//! wrote follows the umask (027 here: files 0640, folders 0750), never forced to 0600.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What a file of a case holds.
#[derive(Clone, Copy)]
enum Input {
    Text(&'static str),
    Bytes(&'static [u8]),
    /// Made by a function: too long or too odd to write out.
    Made(fn() -> Vec<u8>),
    /// A symbolic link to this path (relative to the link's own folder).
    Link(&'static str),
    /// An empty folder.
    Folder,
}
use Input::*;

/// The site a case starts from, before its `files`.
#[derive(Clone, Copy, PartialEq)]
enum Base {
    /// An empty site folder.
    Bare,
    /// `site.toml` ([`SITE_TOML`]) and one good article ([`GOOD_ARTICLE`]).
    Site,
}

struct Case {
    name: &'static str,
    base: Base,
    files: &'static [(&'static str, Input)],
    /// Commands run first, each of which must succeed.
    setup: &'static [&'static [&'static str]],
    /// Files written after `setup` (a hand edit, a broken config).
    edits: &'static [(&'static str, Input)],
    /// The command line (`{outside}` is the absolute path of the folder beside the site,
    /// `{busy-port}` a port something else listens on).
    args: &'static [&'static str],
    exit: i32,
    /// Fragments stderr must hold.
    stderr: &'static [&'static str],
    /// Fragments stderr must hold exactly once.
    once: &'static [&'static str],
    /// Fragments stderr must not hold.
    not_stderr: &'static [&'static str],
    /// Fragments stdout must hold.
    stdout: &'static [&'static str],
    /// Files or folders (relative to the site) whose bytes, links and names must be the
    /// same after the command as before it.
    unchanged: &'static [&'static str],
    /// Paths that must not exist afterwards.
    absent: &'static [&'static str],
    /// Paths that must exist afterwards.
    present: &'static [&'static str],
    /// (file or folder, text): the text must appear in no file there.
    never: &'static [(&'static str, &'static str)],
    /// (file, text): the file must hold the text.
    holds: &'static [(&'static str, &'static str)],
}

const CASE: Case = Case {
    name: "",
    base: Base::Site,
    files: &[],
    setup: &[],
    edits: &[],
    args: &[],
    exit: 0,
    stderr: &[],
    once: &[],
    not_stderr: &[],
    stdout: &[],
    unchanged: &[],
    absent: &[],
    present: &[],
    never: &[],
    holds: &[],
};

const SITE_TOML: &str = "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n";
const PUBLISH_DIR: &str = "title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\n\n[publish]\ntarget = \"dir\"\npath = \"../www\"\n";
const GOOD_ARTICLE: &str = "+++\ntitle = \"Harbour talks\"\nauthors = [\"Dana Reed\"]\ndate = 2025-03-02\ntags = [\"harbour\"]\n+++\n\nThe council met on Tuesday to talk about the harbour.\n";
/// A hand-written article (not in the clean manifest).
const MY_ARTICLE: &str =
    "+++\ntitle = \"My own words\"\ndate = 2025-03-03\n+++\n\nWritten by hand, every word.\n";
/// A raw article as an e-paper copy gives it.
const RAW: &str = "Harbour dispute\n\nFishing fleets stay ashore as port talks stall\n\nBy Sana Malik\n|\nNovember 16, 2025\n\nThe fishing fleets of Gwadar stayed in port on Saturday as talks between\nthe boat owners and the port authority stalled for a second week.\n\nThe owners want the new berthing fee withdrawn.\n";
const SECRET: &str = "Secret headline\n\nBy Spy\n\nThe vault code is 1234.\n";
const SECRET_MD: &str = "+++\ntitle = \"Secret headline\"\n+++\n\nThe vault code is 1234.\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06";

fn utf16(big_endian: bool, text: &str) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.replace('\n', "\r\n").encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}
fn utf16_le() -> Vec<u8> {
    utf16(false, RAW)
}
fn utf16_be() -> Vec<u8> {
    utf16(true, RAW)
}
fn utf16_lone_surrogate() -> Vec<u8> {
    let mut bytes = utf16(false, RAW);
    // A high surrogate with no low one after it, in the body.
    let at = bytes.len() - 10;
    bytes.splice(at..at, [0x00, 0xd8]);
    bytes
}
/// Half a megabyte of prose on one line.
fn huge_line() -> Vec<u8> {
    let mut text = String::from("Harbour news\n\nBy Ann Lee\n\n");
    while text.len() < 512 * 1024 {
        text.push_str("The council met on Tuesday to talk about the harbour and its roof. ");
    }
    text.push('\n');
    text.into_bytes()
}
/// 256 KiB of one letter: no spaces, no line ends.
fn huge_word() -> Vec<u8> {
    vec![b'x'; 256 * 1024]
}
/// An article whose body is one line of a megabyte.
fn huge_markdown_line() -> Vec<u8> {
    let mut text = String::from("+++\ntitle = \"Long line\"\n+++\n\n");
    while text.len() < 1024 * 1024 {
        text.push_str("The council met on Tuesday *again* to talk about the harbour. ");
    }
    text.push('\n');
    text.into_bytes()
}

const CASES: &[Case] = &[
    // ---- clean: what a raw file may be ----
    Case {
        name: "clean: an empty raw file is an error naming it; the others are cleaned",
        files: &[("content/raw/empty.txt", Text("")), ("content/raw/good.txt", Text(RAW))],
        args: &["clean"],
        exit: 1,
        stderr: &["content/raw/empty.txt: error: the file is empty"],
        absent: &["content/articles/empty.md"],
        present: &["content/articles/good.md"],
        ..CASE
    },
    Case {
        name: "clean: a file of only blank lines and spaces has no text",
        files: &[("content/raw/blank.txt", Text("\n\n   \n\t\n\u{a0}\n"))],
        args: &["clean"],
        exit: 1,
        stderr: &["content/raw/blank.txt", "error:"],
        absent: &["content/articles/blank.md"],
        ..CASE
    },
    Case {
        name: "clean: a binary file is an error at the first binary byte",
        files: &[("content/raw/photo.txt", Bytes(PNG))],
        args: &["clean"],
        exit: 1,
        stderr: &["content/raw/photo.txt:3:1: error: this is not a text file"],
        absent: &["content/articles/photo.md"],
        ..CASE
    },
    Case {
        name: "clean: NUL bytes in text make it binary, not an article holding them",
        files: &[("content/raw/nul.txt", Text("Harbour news\n\nThe council\0\0\0\0 met.\0\0\0\0\0\0\n"))],
        args: &["clean"],
        exit: 1,
        stderr: &["content/raw/nul.txt:3:12: error: this is not a text file"],
        absent: &["content/articles/nul.md"],
        ..CASE
    },
    Case {
        name: "clean: invalid UTF-8 (Windows-1252) is decoded with a warning at its place",
        files: &[("content/raw/latin.txt", Bytes(b"Caf\xe9 news\n\nBy Ann Lee\n\nThe caf\xe9 opened on Tuesday.\n"))],
        args: &["clean"],
        stderr: &["content/raw/latin.txt:1:4: warning: the file is not valid UTF-8"],
        holds: &[("content/articles/latin.md", "title = \"Café news\"")],
        ..CASE
    },
    Case {
        name: "clean: a UTF-8 sequence cut short at the end of the file",
        files: &[("content/raw/cut.txt", Bytes(b"Harbour news\n\nThe council met on Tuesday \xe2\x80"))],
        args: &["clean"],
        stderr: &["content/raw/cut.txt:3:"],
        present: &["content/articles/cut.md"],
        ..CASE
    },
    Case {
        name: "clean: UTF-16 LE with its BOM (Notepad's \"Unicode\") is decoded",
        files: &[("content/raw/notepad.txt", Made(utf16_le))],
        args: &["clean"],
        holds: &[
            ("content/articles/notepad.md", "title = \"Harbour dispute\""),
            ("content/articles/notepad.md", "authors = [\"Sana Malik\"]"),
        ],
        never: &[("content/articles/notepad.md", "\0")],
        ..CASE
    },
    Case {
        name: "clean: UTF-16 BE with its BOM is decoded",
        files: &[("content/raw/big.txt", Made(utf16_be))],
        args: &["clean"],
        holds: &[("content/articles/big.md", "title = \"Harbour dispute\"")],
        ..CASE
    },
    Case {
        name: "clean: a lone surrogate in UTF-16 becomes U+FFFD with a warning",
        files: &[("content/raw/lone.txt", Made(utf16_lone_surrogate))],
        args: &["clean"],
        stderr: &["content/raw/lone.txt", "warning:"],
        holds: &[("content/articles/lone.md", "\u{fffd}")],
        ..CASE
    },
    Case {
        name: "clean: a UTF-8 BOM is dropped",
        files: &[("content/raw/bom.txt", Text("\u{feff}Harbour news\n\nBy Ann Lee\n\nThe council met on Tuesday.\n"))],
        args: &["clean"],
        holds: &[("content/articles/bom.md", "+++\ntitle = \"Harbour news\"")],
        never: &[("content/articles/bom.md", "\u{feff}")],
        ..CASE
    },
    Case {
        name: "clean: a huge line (half a megabyte) is cleaned, not stalled on",
        files: &[("content/raw/long.txt", Made(huge_line))],
        args: &["clean"],
        present: &["content/articles/long.md"],
        ..CASE
    },
    Case {
        name: "clean: 256 KiB of one letter, no space, no line end",
        files: &[("content/raw/word.txt", Made(huge_word))],
        args: &["clean"],
        present: &["content/articles/word.md"],
        ..CASE
    },
    Case {
        name: "clean: a raw file linking outside the site is refused, the others cleaned",
        files: &[
            ("../outside/secret.txt", Text(SECRET)),
            ("content/raw/leak.txt", Link("../../../outside/secret.txt")),
            ("content/raw/good.txt", Text(RAW)),
        ],
        args: &["clean"],
        exit: 1,
        stderr: &["content/raw/leak.txt: error:", "outside the site"],
        absent: &["content/articles/leak.md"],
        present: &["content/articles/good.md"],
        unchanged: &["../outside"],
        ..CASE
    },
    Case {
        name: "clean: the same link named on the command line is refused too",
        files: &[
            ("../outside/secret.txt", Text(SECRET)),
            ("content/raw/leak.txt", Link("../../../outside/secret.txt")),
        ],
        args: &["clean", "content/raw/leak.txt"],
        exit: 1,
        stderr: &["content/raw/leak.txt: error:", "outside the site"],
        absent: &["content/articles/leak.md"],
        ..CASE
    },
    Case {
        name: "clean: a raw folder that is a link to a folder outside the site",
        files: &[
            ("../outside/secrets/plans.txt", Text(SECRET)),
            ("content/raw", Link("../../outside/secrets")),
        ],
        args: &["clean"],
        exit: 1,
        stderr: &["plans.txt: error:", "outside the site"],
        absent: &["content/articles/plans.md"],
        ..CASE
    },
    Case {
        name: "clean: two raw files with one slug are an error naming both; neither is written",
        files: &[
            ("content/raw/Museum Roof.txt", Text(RAW)),
            ("content/raw/museum-roof.txt", Text(SECRET)),
            ("content/raw/good.txt", Text(RAW)),
        ],
        args: &["clean"],
        exit: 1,
        stderr: &["Museum Roof.txt", "museum-roof.txt"],
        once: &["error:"],
        absent: &["content/articles/museum-roof.md"],
        present: &["content/articles/good.md"],
        ..CASE
    },
    Case {
        name: "clean: -o onto a file copydesk never wrote is an error; the file is kept",
        files: &[("content/raw/a.txt", Text(RAW)), ("notes.md", Text("my own notes\n"))],
        args: &["clean", "content/raw/a.txt", "-o", "notes.md"],
        exit: 1,
        stderr: &["notes.md: error: not written by copydesk", "--force"],
        not_stderr: &["cleaned 1"],
        unchanged: &["notes.md"],
        ..CASE
    },
    Case {
        name: "clean: -o onto the raw file itself is refused; the raw text is kept",
        files: &[("content/raw/a.txt", Text(RAW))],
        args: &["clean", "content/raw/a.txt", "-o", "content/raw/a.txt"],
        exit: 1,
        stderr: &["content/raw/a.txt: error: not written by copydesk"],
        unchanged: &["content/raw"],
        ..CASE
    },
    Case {
        name: "clean: -o onto a hand-written article of the site is refused",
        files: &[("content/raw/a.txt", Text(RAW)), ("content/articles/mine.md", Text(MY_ARTICLE))],
        args: &["clean", "content/raw/a.txt", "-o", "content/articles/mine.md"],
        exit: 1,
        stderr: &["content/articles/mine.md: error: not written by copydesk"],
        unchanged: &["content/articles"],
        ..CASE
    },
    Case {
        name: "clean: -o - with two inputs is a usage error and prints nothing",
        files: &[("content/raw/a.txt", Text(RAW)), ("content/raw/b.txt", Text(RAW))],
        args: &["clean", "content/raw/a.txt", "content/raw/b.txt", "-o", "-"],
        exit: 2,
        stderr: &["exactly one input"],
        absent: &["content/articles/a.md", "content/articles/b.md"],
        ..CASE
    },
    Case {
        name: "clean: -o FILE with a folder of inputs is a usage error",
        files: &[("content/raw/a.txt", Text(RAW)), ("content/raw/b.txt", Text(RAW))],
        args: &["clean", "-o", "draft.md"],
        exit: 2,
        stderr: &["exactly one input"],
        absent: &["draft.md", "content/articles/a.md"],
        ..CASE
    },
    Case {
        name: "clean: -o - and --report - cannot both have stdout",
        files: &[("content/raw/a.txt", Text(RAW))],
        args: &["clean", "content/raw/a.txt", "-o", "-", "--report", "-"],
        exit: 2,
        stderr: &["cannot both use stdout"],
        ..CASE
    },
    Case {
        name: "clean: -o onto a folder is an error naming it",
        files: &[("content/raw/a.txt", Text(RAW)), ("drafts/keep.md", Text("kept\n"))],
        args: &["clean", "content/raw/a.txt", "-o", "drafts"],
        exit: 1,
        stderr: &["drafts: error:"],
        unchanged: &["drafts"],
        ..CASE
    },
    Case {
        name: "clean: an article edited by hand is kept when its raw text changes",
        files: &[("content/raw/a.txt", Text(RAW))],
        setup: &[&["clean"]],
        edits: &[
            ("content/articles/a.md", Text(MY_ARTICLE)),
            ("content/raw/a.txt", Text(SECRET)),
        ],
        args: &["clean"],
        stderr: &["content/articles/a.md: warning:", "edited by hand"],
        unchanged: &["content/articles/a.md"],
        ..CASE
    },
    Case {
        name: "clean: a hand-written article where a raw file would go is kept",
        files: &[("content/raw/mine.txt", Text(RAW)), ("content/articles/mine.md", Text(MY_ARTICLE))],
        args: &["clean"],
        stderr: &["content/articles/mine.md: warning:", "not written by copydesk"],
        unchanged: &["content/articles/mine.md"],
        ..CASE
    },
    Case {
        name: "clean: a damaged manifest counts every article as hand-written",
        files: &[("content/raw/a.txt", Text(RAW))],
        setup: &[&["clean"]],
        edits: &[
            ("content/articles/.copydesk-manifest.json", Text("{\"articles\": {\"a.md\": ")),
            ("content/raw/a.txt", Text(SECRET)),
        ],
        args: &["clean"],
        stderr: &["content/articles/a.md: warning:"],
        unchanged: &["content/articles/a.md"],
        ..CASE
    },
    Case {
        name: "clean: --force overwrites a hand edit but keeps it as .bak",
        files: &[("content/raw/a.txt", Text(RAW))],
        setup: &[&["clean"]],
        edits: &[("content/articles/a.md", Text(MY_ARTICLE))],
        args: &["clean", "--force"],
        holds: &[
            ("content/articles/a.md.bak", "Written by hand, every word."),
            ("content/articles/a.md", "title = \"Harbour dispute\""),
        ],
        ..CASE
    },
    Case {
        name: "clean: a missing input is an error naming it",
        args: &["clean", "nope.txt"],
        exit: 1,
        stderr: &["nope.txt: error: no such file or folder"],
        ..CASE
    },
    Case {
        name: "clean: a report into a folder that does not exist is an error naming it",
        files: &[("content/raw/a.txt", Text(RAW))],
        args: &["clean", "--report", "nowhere/report.json"],
        exit: 1,
        stderr: &["nowhere/report.json", "cannot write the report"],
        ..CASE
    },
    Case {
        name: "clean: a raw file named with no letter or digit still gets a safe slug",
        files: &[("content/raw/???.txt", Text(RAW))],
        args: &["clean"],
        absent: &["content/articles/.md", "content/articles/???.md"],
        ..CASE
    },
    Case {
        name: "clean: --dry-run writes nothing, even with a bad file beside a good one",
        files: &[("content/raw/a.txt", Text(RAW)), ("content/raw/photo.txt", Bytes(PNG))],
        args: &["clean", "--dry-run"],
        exit: 1,
        stderr: &["content/raw/photo.txt:3:1: error"],
        stdout: &["+title = \"Harbour dispute\""],
        unchanged: &["content/articles"],
        ..CASE
    },
    Case {
        name: "clean: a folder named like a raw file is skipped, the others cleaned",
        files: &[("content/raw/folder.txt", Folder), ("content/raw/good.txt", Text(RAW))],
        args: &["clean"],
        present: &["content/articles/good.md", "content/raw/folder.txt"],
        absent: &["content/articles/folder.md"],
        ..CASE
    },
    Case {
        name: "clean: one raw file named twice is cleaned once",
        files: &[("content/raw/a.txt", Text(RAW))],
        args: &["clean", "content/raw/a.txt", "./content/raw/a.txt"],
        present: &["content/articles/a.md"],
        ..CASE
    },
    Case {
        name: "clean: a folder and a file in it named together clean the file once",
        files: &[("content/raw/a.txt", Text(RAW)), ("content/raw/b.txt", Text(RAW))],
        args: &["clean", "content/raw", "content/raw/a.txt"],
        present: &["content/articles/a.md", "content/articles/b.md"],
        not_stderr: &["error"],
        ..CASE
    },
    Case {
        name: "clean: an unknown option is a usage error",
        args: &["clean", "--frobnicate"],
        exit: 2,
        stderr: &["--frobnicate"],
        ..CASE
    },
    // ---- what raw text must never become ----
    Case {
        name: "build: HTML and script in raw text never reach a page unescaped",
        files: &[(
            "content/raw/xss.txt",
            Text("Harbour <script>alert(1)</script> news\n\nBy Ann <b>Lee</b>\n\nThe council met <img src=x onerror=alert(2)> on Tuesday.\n\n<script>alert(3)</script>\n\n<iframe src=\"https://evil.example/\"></iframe>\n"),
        )],
        args: &["build"],
        never: &[
            ("output", "<script>alert("),
            ("output", "<img src=x"),
            ("output", "<iframe"),
            ("output", "<b>Lee"),
        ],
        holds: &[("output/articles/xss/index.html", "&lt;script&gt;alert(3)&lt;/script&gt;")],
        ..CASE
    },
    Case {
        name: "build: Markdown links and images in raw text stay text",
        files: &[(
            "content/raw/links.txt",
            Text("Harbour news\n\nBy Ann Lee\n\nClick [here](javascript:alert(1)) or ![x](https://evil.example/x.png) now.\n\n<https://evil.example/>\n"),
        )],
        args: &["build"],
        never: &[
            ("output", "href=\"javascript:"),
            ("output", "src=\"https://evil.example"),
            ("output", ">here</a>"),
            ("output", "<img"),
            ("output", "href=\"https://evil.example/\""),
        ],
        // A web address shown in the text is linked to itself (issue 11, autolinks):
        // nothing hides behind other words, and the Markdown around it stays text.
        holds: &[(
            "output/articles/links/index.html",
            "Click [here](javascript:alert(1)) or ![x](<a href=\"https://evil.example/x.png\">https://evil.example/x.png</a>) now.",
        )],
        ..CASE
    },
    Case {
        name: "build: raw text shaped like front matter does not set front matter",
        files: &[(
            "content/raw/fence.txt",
            Text("+++\ndraft = true\nslug = \"../../pwned\"\n+++\n\nHarbour news\n\nThe council met on Tuesday.\n"),
        )],
        args: &["build"],
        present: &["output/articles/fence/index.html"],
        absent: &["../pwned", "pwned", "output/pwned"],
        ..CASE
    },
    // ---- build: site.toml ----
    Case {
        name: "build: control characters in raw text never reach a page",
        files: &[(
            "content/raw/bell.txt",
            Text("Harbour\u{7} news\n\nBy Ann\u{1b}[31m Lee\n\nThe council\u{7f} met\u{85} on\u{1} Tuesday.\n"),
        )],
        args: &["build"],
        present: &["output/articles/bell/index.html"],
        not_stderr: &["control character"],
        never: &[
            ("content/articles/bell.md", "&#"),
            ("content/articles/bell.md", "\\u"),
            ("content/articles/bell.md", "\u{7f}"),
            ("output", "\u{1b}"),
        ],
        ..CASE
    },
    Case {
        name: "build: a syntax error in site.toml is reported at its line:column; output kept",
        setup: &[&["build"]],
        edits: &[("site.toml", Text("title = \"The Ledger\"\nbase_url = \"https://ledger.example/\"\npaginate = = 3\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:3:12: error"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: an unknown key in site.toml suggests the right one",
        setup: &[&["build"]],
        edits: &[("site.toml", Text("title = \"The Ledger\"\npaginat = 3\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:1: error", "did you mean `paginate`?"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: a value of the wrong type in site.toml",
        edits: &[("site.toml", Text("title = \"The Ledger\"\npaginate = \"ten\"\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:12: error"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: site.toml that is not UTF-8",
        edits: &[("site.toml", Bytes(b"title = \"Caf\xe9\"\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml", "error:"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a folder without site.toml",
        base: Base::Bare,
        files: &[("content/articles/a.md", Text(GOOD_ARTICLE))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an unknown theme lists each available theme once",
        edits: &[("site.toml", Text("title = \"The Ledger\"\ntheme = \"fancy\"\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:1: error: theme `fancy` not found", "available themes: default"],
        not_stderr: &["default, default"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a base_url that is not a URL",
        edits: &[("site.toml", Text("title = \"The Ledger\"\nbase_url = \"not a url\"\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:", "base_url"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an unknown time zone",
        edits: &[("site.toml", Text("title = \"The Ledger\"\ntimezone = \"Mars/Olympus\"\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:", "Mars/Olympus"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: paginate = 0",
        edits: &[("site.toml", Text("title = \"The Ledger\"\npaginate = 0\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["site.toml:2:", "paginate"],
        absent: &["output"],
        ..CASE
    },
    // ---- build: articles ----
    Case {
        name: "build: a front-matter syntax error at its line:column; the old site stays",
        setup: &[&["build"]],
        edits: &[("content/articles/broken.md", Text("+++\ntitle = \"Broken\"\ndate = 2025-03-02\ntags = [\"a\", \n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/broken.md:4:13: error: invalid front matter"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: front matter never closed",
        edits: &[("content/articles/open.md", Text("+++\ntitle = \"Open\"\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/open.md:1:1: error", "never closed"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an unknown front-matter key suggests the right one",
        edits: &[("content/articles/typo.md", Text("+++\ntitle = \"Typo\"\ntgas = [\"x\"]\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/typo.md:3:1: error", "did you mean `tags`?"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: bad YAML front matter at its line",
        edits: &[("content/articles/yaml.md", Text("---\ntitle: Fine\ntags: [a, b\n---\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/yaml.md:", "error: invalid front matter"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a date that is not a date",
        edits: &[("content/articles/when.md", Text("+++\ntitle = \"When\"\ndate = \"next Tuesday\"\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/when.md:3:", "next Tuesday"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a Markdown file without front matter",
        edits: &[("content/articles/plain.md", Text("# Just a heading\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/plain.md:1:1: error", "front matter"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an empty title is an error naming the file and line",
        setup: &[&["build"]],
        edits: &[("content/articles/untitled.md", Text("+++\ndate = 2025-03-02\ntitle = \"\"\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/untitled.md:3:1: error", "no title"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: a missing title is an error",
        edits: &[("content/articles/untitled.md", Text("+++\ndate = 2025-03-02\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/untitled.md:1:1: error", "no title"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a title of only control characters is no title",
        edits: &[("content/articles/bell.md", Text("+++\ntitle = \"\\u0007\\u0000 \"\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/bell.md:2:1: error", "no title"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: NUL and control characters in an article are removed with a warning",
        edits: &[("content/articles/nul.md", Text("+++\ntitle = \"Nul\\u0000 news\"\n+++\n\nThe council\u{0} met\u{7} on Tuesday.\n"))],
        args: &["build"],
        stderr: &["content/articles/nul.md:5:12: warning:", "control character"],
        holds: &[("output/articles/nul/index.html", "The council met on Tuesday.")],
        ..CASE
    },
    Case {
        name: "build: a control character written as a character reference never reaches a page",
        edits: &[("content/articles/refs.md", Text("+++\ntitle = \"Refs\"\n+++\n\nBell&#7; and &#x1; [a](/x \"t&#127;\") `c&#x85;`\n"))],
        args: &["build"],
        stderr: &["content/articles/refs.md:5:5: warning:", "control character"],
        holds: &[("output/articles/refs/index.html", "Bell and ")],
        ..CASE
    },
    Case {
        name: "build: two articles claiming one URL are an error naming both",
        setup: &[&["build"]],
        edits: &[
            ("content/articles/a.md", Text("+++\ntitle = \"A\"\nslug = \"same\"\n+++\n\nBody a.\n")),
            ("content/articles/b.md", Text("+++\ntitle = \"B\"\nslug = \"same\"\n+++\n\nBody b.\n")),
        ],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/b.md: error:", "/articles/same/", "content/articles/a.md"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: a day that does not exist in its month",
        edits: &[("content/articles/feb.md", Text("+++\ntitle = \"Feb\"\ndate = 2025-02-30\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/feb.md:3:8: error: invalid front matter"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a Windows user's files (BOM, CRLF) build",
        edits: &[
            ("site.toml", Text("\u{feff}title = \"The Ledger\"\r\nbase_url = \"https://ledger.example/\"\r\n")),
            ("content/articles/win.md", Text("\u{feff}+++\r\ntitle = \"Windows\"\r\n+++\r\n\r\nWritten on Windows.\r\n")),
        ],
        args: &["build"],
        holds: &[("output/articles/win/index.html", "Written on Windows.")],
        ..CASE
    },
    Case {
        name: "build: a --base-url that is not http(s) is refused",
        setup: &[&["build"]],
        args: &["build", "--base-url", "javascript:alert(1)//"],
        exit: 1,
        stderr: &["--base-url: error:", "not an absolute http(s) URL"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: an empty Markdown file",
        edits: &[("content/articles/empty.md", Text(""))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/empty.md:1:1: error"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a Markdown file that is not UTF-8 is an error at its first bad byte",
        edits: &[("content/articles/latin.md", Bytes(b"+++\ntitle = \"Caf\xe9\"\n+++\n\nBody.\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/latin.md:2:13: error: not valid UTF-8"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a binary file named .md",
        edits: &[("content/articles/photo.md", Bytes(PNG))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/photo.md:1:1: error"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an article of one megabyte-long line",
        edits: &[("content/articles/long.md", Made(huge_markdown_line))],
        args: &["build"],
        present: &["output/articles/long/index.html"],
        ..CASE
    },
    Case {
        name: "build: script in front matter is escaped on every page, feed and sitemap",
        edits: &[(
            "content/articles/xss.md",
            Text("+++\ntitle = \"<script>alert(1)</script>\"\nsubtitle = \"\\\"><img src=x onerror=alert(2)>\"\nauthors = [\"<b>Eve</b>\"]\ntags = [\"<svg onload=alert(3)>\"]\ndescription = \"</script><script>alert(4)</script>\"\ndate = 2025-03-02\n+++\n\nBody.\n"),
        )],
        args: &["build"],
        never: &[
            ("output", "<script>alert("),
            ("output", "<img src=x"),
            ("output", "<svg onload"),
            ("output", "<b>Eve"),
            ("output", "</script><script>"),
        ],
        ..CASE
    },
    Case {
        name: "build: raw HTML that would end a CDATA section or a comment keeps the feed whole",
        edits: &[(
            "content/articles/raw-html.md",
            Text("+++\ntitle = \"Raw ]]> HTML\"\n+++\n\n<div>]]></div>\n\n<!-- ]]> --> and <![CDATA[ x ]]> and `]]>`\n"),
        )],
        args: &["build"],
        present: &["output/feed.xml", "output/articles/raw-html/index.html"],
        ..CASE
    },
    Case {
        name: "build: a slug too long for a file name names the article",
        edits: &[("content/articles/long-slug.md", Made(long_slug_article))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/long-slug.md", "300 characters"],
        not_stderr: &["staging"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a tag too long for a file name names the article",
        edits: &[("content/articles/long-tag.md", Made(long_tag_article))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/long-tag.md", "300 characters"],
        not_stderr: &["staging"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: an author name too long for a file name names the article",
        edits: &[("content/articles/long-author.md", Made(long_author_article))],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/long-author.md", "300 characters"],
        not_stderr: &["staging"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a slug that climbs out of the output writes nothing outside it",
        edits: &[("content/articles/climb.md", Text("+++\ntitle = \"Climb\"\nslug = \"../../../outside/pwned\"\n+++\n\nBody.\n"))],
        args: &["build"],
        absent: &["../outside/pwned", "outside", "../pwned", "output/../pwned"],
        ..CASE
    },
    Case {
        name: "build: a raw file linking outside the site is refused and never published",
        files: &[("../outside/secret.txt", Text(SECRET))],
        setup: &[&["build"]],
        edits: &[
            ("content/raw/leak.txt", Link("../../../outside/secret.txt")),
            ("content/raw/museum.txt", Text(RAW)),
        ],
        args: &["build"],
        exit: 1,
        stderr: &["content/raw/leak.txt: error:", "outside the site"],
        unchanged: &["output"],
        absent: &["content/articles/leak.md"],
        never: &[("output", "vault code")],
        ..CASE
    },
    Case {
        name: "build: two raw files with one slug fail the build, naming both",
        files: &[("content/raw/Museum Roof.txt", Text(RAW)), ("content/raw/museum-roof.txt", Text(SECRET))],
        args: &["build"],
        exit: 1,
        stderr: &["Museum Roof.txt", "museum-roof.txt"],
        absent: &["content/articles/museum-roof.md", "output"],
        ..CASE
    },
    Case {
        name: "build: an article linking outside the site is never published",
        files: &[
            ("../outside/secret.md", Text(SECRET_MD)),
            ("content/articles/leak.md", Link("../../../outside/secret.md")),
        ],
        args: &["build"],
        exit: 1,
        stderr: &["content/articles/leak.md: error:", "outside the site"],
        never: &[("output", "vault code")],
        ..CASE
    },
    Case {
        name: "build: a static file linking outside the site is never published",
        files: &[
            ("../outside/passwd", Text("root:x:0:0:root:/root:/bin/sh\n")),
            ("static/passwd.txt", Link("../../outside/passwd")),
        ],
        args: &["build"],
        exit: 1,
        stderr: &["static/passwd.txt: error:", "outside the site"],
        never: &[("output", "root:x:0:0")],
        ..CASE
    },
    Case {
        name: "build: an article linking to a file inside the site is published",
        files: &[
            ("drafts/shared.md", Text(MY_ARTICLE)),
            ("content/articles/shared.md", Link("../../drafts/shared.md")),
        ],
        args: &["build"],
        holds: &[("output/articles/shared/index.html", "Written by hand")],
        ..CASE
    },
    Case {
        name: "build: a template linking outside the site is refused",
        files: &[
            ("../outside/base.html", Text("{{ config.title }}")),
            ("templates/base.html", Link("../../outside/base.html")),
        ],
        args: &["build"],
        exit: 1,
        stderr: &["templates/base.html: error:", "outside the site"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: --output onto the site itself is refused",
        args: &["build", "--output", "."],
        exit: 1,
        stderr: &["refusing to build into this folder"],
        unchanged: &["."],
        ..CASE
    },
    Case {
        name: "build: --output onto the site's content/ folder is refused, content kept",
        args: &["build", "--output", "content"],
        exit: 1,
        stderr: &["refusing"],
        unchanged: &["content"],
        ..CASE
    },
    Case {
        name: "build: --output inside the site's content/ is refused",
        args: &["build", "--output", "content/articles/site"],
        exit: 1,
        stderr: &["refusing"],
        unchanged: &["content"],
        ..CASE
    },
    Case {
        name: "build: --output onto the site's static/ is refused",
        files: &[("static/logo.svg", Text("<svg/>"))],
        args: &["build", "--output", "static"],
        exit: 1,
        stderr: &["refusing"],
        unchanged: &["static"],
        ..CASE
    },
    Case {
        name: "build: --output onto a folder of someone's files is refused, the files kept",
        files: &[("../docs/thesis.tex", Text("years of work\n")), ("../docs/notes/a.txt", Text("notes\n"))],
        args: &["build", "--output", "../docs"],
        exit: 1,
        stderr: &["../docs: error: refusing to build into this folder"],
        unchanged: &["../docs"],
        ..CASE
    },
    Case {
        name: "build: --output into a folder this site was built into replaces it",
        setup: &[&["build", "--output", "../docs"]],
        edits: &[("content/articles/good.md", Text(MY_ARTICLE))],
        args: &["build", "--output", "../docs"],
        holds: &[("../docs/index.html", "My own words")],
        never: &[("../docs", "Harbour talks")],
        ..CASE
    },
    Case {
        name: "build: --output naming the site's own output/ replaces it",
        files: &[("output/stale.html", Text("old page\n"))],
        args: &["build", "--output", "output"],
        absent: &["output/stale.html"],
        present: &["output/index.html"],
        ..CASE
    },
    Case {
        name: "build: --output onto a file is refused",
        files: &[("notes.txt", Text("my notes\n"))],
        args: &["build", "--output", "notes.txt"],
        exit: 1,
        stderr: &["notes.txt: error:", "not a folder"],
        unchanged: &["notes.txt"],
        ..CASE
    },
    // ---- build: templates ----
    Case {
        name: "build: a template syntax error in an overridden base.html names it and its line",
        edits: &[("templates/base.html", Text("<!doctype html>\n<html>\n<body>\n{% if %}\n{% block content %}{% endblock content %}\n</body>\n</html>\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["templates/base.html:4:"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "build: a render error in an overridden base.html names it and its line",
        setup: &[&["build"]],
        edits: &[("templates/base.html", Text("<!doctype html>\n<html>\n<body>\n<h1>{{ config.title | no_such_filter }}</h1>\n{% block content %}{% endblock content %}\n</body>\n</html>\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["templates/base.html:4:8: error"],
        not_stderr: &["themes/default"],
        unchanged: &["output"],
        ..CASE
    },
    Case {
        name: "build: a template that is not UTF-8",
        edits: &[("templates/article.html", Bytes(b"{% extends \"base.html\" %}\n\xff\xfe\n"))],
        args: &["build"],
        exit: 1,
        stderr: &["templates/article.html", "error:"],
        absent: &["output"],
        ..CASE
    },
    // ---- check ----
    Case {
        name: "check: a front-matter error is reported once, at its line:column",
        edits: &[("content/articles/broken.md", Text("+++\ntitle = \"Broken\"\ntgas = [\"x\"]\n+++\n\nBody.\n"))],
        args: &["check"],
        exit: 1,
        once: &["content/articles/broken.md:3:1: error"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "check: a broken internal link is named with its line:column",
        edits: &[("content/articles/links.md", Text("+++\ntitle = \"Links\"\n+++\n\nSee [the budget](/articles/no-such-page/).\n"))],
        args: &["check"],
        exit: 1,
        stderr: &["/articles/no-such-page/"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "check: a syntax error in site.toml at its line:column",
        edits: &[("site.toml", Text("title = \"The Ledger\"\npaginate = = 2\n"))],
        args: &["check"],
        exit: 1,
        stderr: &["site.toml:2:12: error"],
        ..CASE
    },
    Case {
        name: "check: a missing body image is named at its line and column by the build",
        edits: &[("content/articles/pics.md", Text("+++\ntitle = \"Pics\"\n+++\n\n![x](/img/missing.png)\n"))],
        args: &["check"],
        exit: 1,
        stderr: &["pics.md:5:1: error: image `/img/missing.png` is not in static/ or content/"],
        ..CASE
    },
    Case {
        name: "check: a missing image in raw HTML is a missing asset",
        edits: &[("content/articles/pics.md", Text("+++\ntitle = \"Pics\"\n+++\n\n<img src=\"/img/missing.png\" alt=\"x\">\n"))],
        args: &["check"],
        exit: 1,
        stderr: &["missing asset `/img/missing.png`"],
        ..CASE
    },
    Case {
        name: "check: an unknown --format is a usage error",
        args: &["check", "--format", "yaml"],
        exit: 2,
        stderr: &["yaml"],
        ..CASE
    },
    Case {
        name: "check: --output-dir that does not exist",
        args: &["check", "--output-dir", "nowhere"],
        exit: 1,
        stderr: &["nowhere"],
        absent: &["nowhere"],
        ..CASE
    },
    // ---- publish into a folder ----
    Case {
        name: "publish: a folder with foreign files and .git is refused; nothing changes",
        edits: &[
            ("site.toml", Text(PUBLISH_DIR)),
            ("../www/index.html", Text("<h1>my old site</h1>\n")),
            ("../www/important.txt", Text("years of work\n")),
            ("../www/.git/HEAD", Text("ref: refs/heads/main\n")),
            ("../www/.git/config", Text("[core]\n\tbare = false\n")),
        ],
        args: &["publish"],
        exit: 1,
        stderr: &["not a published site", "--adopt"],
        unchanged: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: a dry run into a foreign folder is refused too",
        edits: &[("site.toml", Text(PUBLISH_DIR)), ("../www/important.txt", Text("years of work\n"))],
        args: &["publish", "--dry-run"],
        exit: 1,
        stderr: &["not a published site"],
        unchanged: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: --adopt replaces same-named files, keeps and lists the rest, never .git",
        edits: &[
            ("site.toml", Text(PUBLISH_DIR)),
            ("../www/index.html", Text("<h1>my old site</h1>\n")),
            ("../www/important.txt", Text("years of work\n")),
            ("../www/.git/HEAD", Text("ref: refs/heads/main\n")),
            ("../www/.well-known/security.txt", Text("Contact: me\n")),
        ],
        args: &["publish", "--adopt"],
        stdout: &["= important.txt"],
        unchanged: &["../www/important.txt", "../www/.git", "../www/.well-known"],
        holds: &[("../www/index.html", "The Ledger")],
        ..CASE
    },
    Case {
        name: "publish: files added to the target by hand and dot-folders survive the next publish",
        files: &[("site.toml", Text(PUBLISH_DIR))],
        setup: &[&["publish"]],
        edits: &[
            ("../www/notes.txt", Text("mine\n")),
            ("../www/.git/HEAD", Text("ref: refs/heads/main\n")),
            ("../www/.well-known/acme", Text("token\n")),
            ("content/articles/good.md", Text(MY_ARTICLE)),
        ],
        args: &["publish"],
        unchanged: &["../www/notes.txt", "../www/.git", "../www/.well-known"],
        holds: &[("../www/index.html", "My own words")],
        ..CASE
    },
    Case {
        name: "publish: a failed build publishes nothing",
        files: &[("site.toml", Text(PUBLISH_DIR))],
        setup: &[&["publish"]],
        edits: &[("content/articles/broken.md", Text("+++\ntitle = \"Unclosed\n+++\n\nBody.\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["content/articles/broken.md:2:"],
        unchanged: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: into the site itself is refused",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"dir\"\npath = \".\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["refusing to publish into"],
        unchanged: &["site.toml", "content"],
        ..CASE
    },
    Case {
        name: "publish: into the site's content/ is refused",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"dir\"\npath = \"content\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["refusing to publish into", "content/"],
        unchanged: &["content"],
        ..CASE
    },
    Case {
        name: "publish: a target path that is a file",
        edits: &[("site.toml", Text(PUBLISH_DIR)), ("../www", Text("not a folder\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["www"],
        unchanged: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: an unknown [publish] key suggests the right one at its line",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"dir\"\npaht = \"../www\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:4:1: error", "did you mean `path`?"],
        absent: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: an unknown target kind",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"ftp\"\npath = \"../www\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:3:1: error", "ftp"],
        absent: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: no [publish] table",
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml", "no [publish] table"],
        ..CASE
    },
    Case {
        name: "publish: a cname holding a newline is refused at its line",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"git\"\nrepository = \"../repo.git\"\ncname = \"paper.example.com\\nevil.example\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:5:1: error", "not a domain name"],
        absent: &["../repo.git"],
        ..CASE
    },
    Case {
        name: "publish: a releases target whose current is not copydesk's link is refused",
        edits: &[
            ("site.toml", Text("title = \"The Ledger\"\n[publish]\npath = \"../www\"\nlayout = \"releases\"\n")),
            ("../www/current/index.html", Text("<h1>live</h1>\n")),
        ],
        args: &["publish"],
        exit: 1,
        stderr: &["current"],
        unchanged: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: an unknown layout",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\npath = \"../www\"\nlayout = \"atomic\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:4:1: error", "atomic"],
        absent: &["../www"],
        ..CASE
    },
    Case {
        name: "publish: a secret in an s3 target is refused at its line, never used",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\nbucket = \"paper-site\"\nsecret_access_key = \"abc\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:4:1: error", "AWS_SECRET_ACCESS_KEY"],
        ..CASE
    },
    Case {
        name: "publish: an rsync remote that is not host:path is refused at its line",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"rsync\"\nremote = \"-oProxyCommand=x:/srv\"\n"))],
        args: &["publish"],
        exit: 1,
        stderr: &["site.toml:4:1: error", "user@host:/path"],
        ..CASE
    },
    Case {
        name: "publish: --rollback of a target that keeps no releases",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\npath = \"../www\"\n"))],
        args: &["publish", "--rollback"],
        exit: 1,
        stderr: &["--rollback", "releases"],
        absent: &["../www"],
        ..CASE
    },
    // ---- serve and new ----
    Case {
        name: "serve: a busy port is an error and leaves no preview folder",
        args: &["serve", "--port", "{busy-port}"],
        exit: 1,
        stderr: &["{busy-port}"],
        absent: &["output"],
        ..CASE
    },
    Case {
        name: "serve: a port out of range is a usage error",
        args: &["serve", "--port", "70000"],
        exit: 2,
        stderr: &["70000"],
        ..CASE
    },
    Case {
        name: "publish: --adopt on a git target is refused",
        edits: &[("site.toml", Text("title = \"The Ledger\"\n[publish]\ntarget = \"git\"\nrepository = \"../repo.git\"\n"))],
        args: &["publish", "--adopt"],
        exit: 1,
        stderr: &["--adopt applies to folder targets only"],
        absent: &["../repo.git"],
        ..CASE
    },
    Case {
        name: "serve: a --bind that is not an address is a usage error",
        args: &["serve", "--bind", "everywhere"],
        exit: 2,
        stderr: &["everywhere"],
        ..CASE
    },
    Case {
        name: "new: a folder that is not empty is refused and kept",
        base: Base::Bare,
        files: &[("paper/thesis.tex", Text("years of work\n"))],
        args: &["new", "paper"],
        exit: 1,
        stderr: &["paper"],
        unchanged: &["paper"],
        ..CASE
    },
    Case {
        name: "new: onto a file is refused and the file kept",
        base: Base::Bare,
        files: &[("paper", Text("a file\n"))],
        args: &["new", "paper"],
        exit: 1,
        stderr: &["paper"],
        unchanged: &["paper"],
        ..CASE
    },
];

fn long_front(key_line: String) -> Vec<u8> {
    format!("+++\ntitle = \"Long\"\n{key_line}\n+++\n\nBody.\n").into_bytes()
}
fn long_slug_article() -> Vec<u8> {
    long_front(format!("slug = \"{}\"", "x".repeat(300)))
}
fn long_tag_article() -> Vec<u8> {
    long_front(format!("tags = [\"{}\"]", "x".repeat(300)))
}
fn long_author_article() -> Vec<u8> {
    long_front(format!("authors = [\"{}\"]", "x".repeat(300)))
}

// ---- the harness ----

const UMASK: u32 = 0o027;
const FILE_MODE: u32 = 0o640;
const FOLDER_MODE: u32 = 0o750;
/// Longest a case may run: a stall is a failure, not a hung suite.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// A case's world: `root/site` (the site, and the working folder), `root/outside` and
/// whatever else `../` names, `root/tmp` (TMPDIR).
struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    site: PathBuf,
    tmp: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let site = root.join("site");
        let tmp = root.join("tmp");
        fs::create_dir_all(&site).unwrap();
        fs::create_dir_all(root.join("outside")).unwrap();
        fs::create_dir_all(&tmp).unwrap();
        World {
            _dir: dir,
            root,
            site,
            tmp,
        }
    }

    /// `relative` (to the site) as a path, with `..` folded.
    fn path(&self, relative: &str) -> PathBuf {
        let mut path = self.site.clone();
        for part in relative.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    path.pop();
                }
                name => path.push(name),
            }
        }
        path
    }

    fn put(&self, relative: &str, input: Input) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        if let Ok(meta) = fs::symlink_metadata(&path) {
            if meta.is_dir() {
                fs::remove_dir_all(&path).unwrap();
            } else {
                fs::remove_file(&path).unwrap();
            }
        }
        match input {
            Text(text) => fs::write(&path, text).unwrap(),
            Bytes(bytes) => fs::write(&path, bytes).unwrap(),
            Made(make) => fs::write(&path, make()).unwrap(),
            Link(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
            Folder => fs::create_dir_all(&path).unwrap(),
        }
        // Files the case wrote have the modes copydesk's must have, so that a copy that
        // keeps its source's mode is held to the same rule.
        let mode = if matches!(input, Folder) {
            FOLDER_MODE
        } else {
            FILE_MODE
        };
        if !matches!(input, Link(_)) {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        }
        let mut parent = path.parent();
        while let Some(folder) = parent.filter(|p| p.starts_with(&self.root) && *p != self.root) {
            fs::set_permissions(folder, fs::Permissions::from_mode(FOLDER_MODE)).unwrap();
            parent = folder.parent();
        }
    }

    /// Runs copydesk in the site with the suite's umask, within the time limit.
    fn run(&self, args: &[String]) -> Output {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {UMASK:03o} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_copydesk"))
            .args(args)
            .current_dir(&self.site)
            .env("NO_COLOR", "1")
            .env("TMPDIR", &self.tmp)
            .env_remove("CI")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > TIME_LIMIT {
                child.kill().unwrap();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "`copydesk {}` ran longer than {TIME_LIMIT:?}; stderr:\n{}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }
}

/// What a path holds, for "unchanged" checks: every file's bytes and mode, every link's
/// target and every folder, by path (a missing path is an empty map).
type Tree = BTreeMap<PathBuf, (String, Vec<u8>)>;

fn tree(path: &Path) -> Tree {
    let mut out = Tree::new();
    if fs::symlink_metadata(path).is_err() {
        return out;
    }
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.unwrap();
        let meta = entry.path().symlink_metadata().unwrap();
        let mode = meta.permissions().mode() & 0o7777;
        let value = if meta.file_type().is_symlink() {
            (
                "link".to_string(),
                fs::read_link(entry.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes(),
            )
        } else if meta.is_dir() {
            (format!("folder {mode:o}"), Vec::new())
        } else {
            (format!("file {mode:o}"), fs::read(entry.path()).unwrap())
        };
        out.insert(entry.path().to_path_buf(), value);
    }
    out
}

fn stray_control(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{7f}')
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(case: &Case) -> Result<(), String> {
    let world = World::new();
    if case.base == Base::Site {
        world.put("site.toml", Text(SITE_TOML));
        world.put("content/articles/good.md", Text(GOOD_ARTICLE));
    }
    for (path, input) in case.files {
        world.put(path, *input);
    }
    // Taken before the setup commands, so that what they write is held to the umask too.
    let everything_before = tree(&world.root);
    for setup in case.setup {
        let args: Vec<String> = setup.iter().map(|s| s.to_string()).collect();
        let out = world.run(&args);
        if !out.status.success() {
            return Err(format!(
                "setup `{}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    for (path, input) in case.edits {
        world.put(path, *input);
    }
    let _busy = TcpListenerGuard::new();
    let busy_port = _busy.port().to_string();
    let outside = world.root.join("outside").display().to_string();
    let fill = |s: &str| {
        s.replace("{busy-port}", &busy_port)
            .replace("{outside}", &outside)
    };
    let args: Vec<String> = case.args.iter().map(|s| fill(s)).collect();

    let kept: Vec<(&str, Tree)> = case
        .unchanged
        .iter()
        .map(|p| (*p, tree(&world.path(p))))
        .collect();
    let out = world.run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut problems = Vec::new();

    if out.status.code() != Some(case.exit) {
        problems.push(format!(
            "exit status {:?}, expected {}",
            out.status.code(),
            case.exit
        ));
    }
    if stderr.contains("panicked") {
        problems.push("it panicked".into());
    }
    for fragment in case.stderr {
        if !stderr.contains(&fill(fragment)) {
            problems.push(format!("stderr lacks {fragment:?}"));
        }
    }
    for fragment in case.once {
        let count = stderr.matches(&fill(fragment)).count();
        if count != 1 {
            problems.push(format!("stderr holds {fragment:?} {count} times, not once"));
        }
    }
    for fragment in case.not_stderr {
        if stderr.contains(fragment) {
            problems.push(format!("stderr holds {fragment:?}"));
        }
    }
    for fragment in case.stdout {
        if !stdout.contains(fragment) {
            problems.push(format!("stdout lacks {fragment:?}"));
        }
    }
    for (path, before) in &kept {
        let after = tree(&world.path(path));
        if &after != before {
            let changed: Vec<_> = before
                .keys()
                .chain(after.keys())
                .filter(|k| before.get(*k) != after.get(*k))
                .map(|k| {
                    k.strip_prefix(&world.root)
                        .unwrap_or(k)
                        .display()
                        .to_string()
                })
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            problems.push(format!("{path} changed: {changed:?}"));
        }
    }
    for path in case.absent {
        if fs::symlink_metadata(world.path(path)).is_ok() {
            problems.push(format!("{path} exists"));
        }
    }
    for path in case.present {
        if fs::symlink_metadata(world.path(path)).is_err() {
            problems.push(format!("{path} is missing"));
        }
    }
    for (path, text) in case.never {
        for (file, (kind, bytes)) in tree(&world.path(path)) {
            if kind.starts_with("file") && String::from_utf8_lossy(&bytes).contains(text) {
                problems.push(format!("{} holds {text:?}", file.display()));
            }
        }
    }
    for (path, text) in case.holds {
        match fs::read(world.path(path)) {
            Ok(bytes) if String::from_utf8_lossy(&bytes).contains(text) => {}
            Ok(_) => problems.push(format!("{path} lacks {text:?}")),
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }

    // What holds for every run.
    let everything_after = tree(&world.root);
    for (path, (kind, bytes)) in &everything_after {
        let relative = path
            .strip_prefix(&world.root)
            .unwrap()
            .display()
            .to_string();
        let new_or_changed = everything_before.get(path) != Some(&(kind.clone(), bytes.clone()));
        if new_or_changed {
            let wanted = if kind.starts_with("folder") {
                Some(format!("folder {FOLDER_MODE:o}"))
            } else if kind.starts_with("file") {
                Some(format!("file {FILE_MODE:o}"))
            } else {
                None
            };
            if let Some(wanted) = wanted.filter(|w| w != kind) {
                problems.push(format!(
                    "{relative} is {kind}, not {wanted} (umask {UMASK:03o})"
                ));
            }
        }
        if relative.ends_with(".xml") && kind.starts_with("file") {
            if let Err(e) = roxmltree::Document::parse(&String::from_utf8_lossy(bytes)) {
                problems.push(format!("{relative} is not well-formed XML: {e}"));
            }
        }
        if relative.ends_with(".html") || relative.ends_with(".xml") {
            if let Some(c) = stray_control(&String::from_utf8_lossy(bytes)) {
                problems.push(format!("{relative} holds the control character {c:?}"));
            }
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.contains(".staging-") || name.contains(".old-") {
            problems.push(format!("{relative} was left behind"));
        }
        if path.starts_with(&world.tmp) && path != &world.tmp {
            problems.push(format!("{relative} was left in TMPDIR"));
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  command: copydesk {}\n  stderr: {}\n  stdout: {}",
            problems.join("\n  "),
            args.join(" "),
            stderr.trim_end().replace('\n', "\n          "),
            stdout.chars().take(400).collect::<String>().trim_end()
        ))
    }
}

/// A port something else is listening on, for as long as it lives.
struct TcpListenerGuard(std::net::TcpListener);

impl TcpListenerGuard {
    fn new() -> TcpListenerGuard {
        TcpListenerGuard(std::net::TcpListener::bind("127.0.0.1:0").unwrap())
    }

    fn port(&self) -> u16 {
        self.0.local_addr().unwrap().port()
    }
}

#[test]
fn the_table_has_sixty_cases_with_distinct_names() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut names: Vec<_> = CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len(), "two cases share a name");
}

#[test]
fn every_bad_input_is_handled() {
    let only = std::env::var("BAD_INPUT_CASE").ok();
    let cases: Vec<&Case> = CASES
        .iter()
        .filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o)))
        .collect();
    assert!(!cases.is_empty(), "no case is named like {only:?}");
    eprintln!("running {} cases", cases.len());
    // Two cases at a time: each is mostly waiting for its own copydesk process.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<_> = cases
            .chunks(cases.len().div_ceil(2).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|case| {
                            run_case(case)
                                .err()
                                .map(|e| format!("{}:\n  {e}", case.name))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
