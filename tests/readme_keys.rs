//! The README's tables of front-matter and `site.toml` keys list every key the parsers
//! accept, so a new key cannot ship undocumented.

use copydesk::article::FRONT_MATTER_KEYS;
use copydesk::site::config::CONFIG_KEYS;

fn readme_table(heading: &str) -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} section in the README"));
    let rest = &readme[start + heading.len()..];
    let end = rest
        .find("\n### ")
        .or(rest.find("\n## "))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn every_front_matter_key_has_a_row() {
    let table = readme_table("### Every front-matter key");
    for key in FRONT_MATTER_KEYS {
        assert!(
            table.contains(&format!("\n| `{key}` |")),
            "{key} is not in the table"
        );
    }
}

#[test]
fn every_site_toml_key_has_a_row() {
    let table = readme_table("### Every `site.toml` key");
    for key in CONFIG_KEYS {
        let row = if matches!(*key, "strings" | "publish") {
            format!("\n| `[{key}]` |")
        } else {
            format!("\n| `{key}` |")
        };
        assert!(table.contains(&row), "{key} is not in the table");
    }
}
