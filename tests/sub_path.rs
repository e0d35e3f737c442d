//! A site served under a sub-path (`base_url = "https://me.github.io/paper/"`, a GitHub
//! Pages project site): every URL the build writes stays under `/paper/`, `check` reports
//! a link that leaves it (naming the page and line:column), and `serve` previews the site
//! under the same path.

mod build_support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use build_support::{attribute_values, FixtureSite};
use copydesk::check::{check_site, CheckOptions, ProblemKind};
use copydesk::progress::Silent;
use copydesk::serve::{ServeOptions, ServeSession};

const BASE: &str = "https://me.github.io/paper/";
const BASE_PATH: &str = "/paper/";

/// The `basic` fixture with its `base_url` set to `base_url`.
fn fixture_at(base_url: &str) -> FixtureSite {
    let site = FixtureSite::copy("basic");
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let config: String = config
        .lines()
        .map(|line| {
            if line.starts_with("base_url") {
                format!("base_url = \"{base_url}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    site.write("site.toml", &config);
    site
}

/// Where a URL written in the file at `file` (relative to the output) leads, when it leads
/// into this host: `Some(path from the host's root)`; `None` for another site, `mailto:`,
/// a bare `#fragment`.
fn host_path(file: &str, url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap();
    if url.is_empty() {
        return None;
    }
    if let Some(rest) = url.strip_prefix("https://me.github.io") {
        return Some(rest.to_string());
    }
    if url.starts_with("//") || url.contains(':') {
        return None;
    }
    if url.starts_with('/') {
        return Some(url.to_string());
    }
    // Relative: resolved from the page's own URL under the base path.
    let folder = file.rfind('/').map_or("", |i| &file[..=i]);
    let joined = format!("{BASE_PATH}{folder}{url}");
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    Some(format!("/{}/", parts.join("/")))
}

fn assert_inside(file: &str, url: &str) {
    if let Some(path) = host_path(file, url) {
        assert!(
            path.starts_with(BASE_PATH),
            "{file}: `{url}` leaves the base path {BASE_PATH}"
        );
    }
}

/// Every `href`, `src` and `srcset` URL of an HTML text.
fn html_urls(html: &str) -> Vec<String> {
    let mut urls: Vec<String> = ["href", "src", "action", "poster"]
        .iter()
        .flat_map(|a| attribute_values(html, a))
        .map(str::to_string)
        .collect();
    for srcset in attribute_values(html, "srcset") {
        urls.extend(
            srcset
                .split(',')
                .filter_map(|c| c.split_whitespace().next())
                .map(str::to_string),
        );
    }
    urls
}

/// Every string of a JSON value that is a web address (`url`, `@id`, `logo`…).
fn json_urls(value: &serde_json::Value, urls: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) if s.starts_with("http") && s != "https://schema.org" => {
            urls.push(s.clone())
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_urls(v, urls)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_urls(v, urls)),
        _ => {}
    }
}

#[test]
fn the_search_page_and_index_stay_under_the_sub_path() {
    let site = fixture_at(BASE);
    site.build().unwrap();
    let page = site.read("search/index.html");
    for url in html_urls(&page).into_iter().chain(
        attribute_values(&page, "data-index")
            .into_iter()
            .map(str::to_string),
    ) {
        assert_inside("search/index.html", &url);
    }
    assert!(page.contains("data-index=\"/paper/search-index.json\""));
    assert!(page.contains("action=\"/paper/search/\""));
    let index: serde_json::Value = serde_json::from_str(&site.read("search-index.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    assert!(!docs.is_empty());
    for doc in docs {
        let url = doc["url"].as_str().unwrap();
        assert!(url.starts_with(BASE_PATH), "{url}");
    }
}

#[test]
fn every_url_of_a_sub_path_site_stays_under_it() {
    let site = fixture_at(BASE);
    let mut options = site.options();
    options.drafts = true;
    options.future = true;
    copydesk::site::build(&options, &Silent).unwrap();

    let pages = site.html_files();
    assert!(pages.len() > 10, "{} pages", pages.len());
    let mut checked = 0;
    let mut json_ld_pages = 0;
    for (file, html) in &pages {
        for url in html_urls(html) {
            assert_inside(file, &url);
            checked += 1;
        }
        // The canonical and OpenGraph URLs, and the JSON-LD, are absolute under the base
        // (but an image an article takes from another site, as letters.md does).
        for content in attribute_values(html, "content") {
            if content.starts_with("http") && !content.starts_with("https://images.example/") {
                assert!(content.starts_with(BASE), "{file}: {content}");
            }
        }
        if let Some(json) = build_support::between(html, "application/ld+json\">", "</script>") {
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut urls = Vec::new();
            json_urls(&value, &mut urls);
            assert!(urls.len() >= 2, "{file}: {urls:?}");
            for url in urls {
                if !url.starts_with("https://images.example/") {
                    assert!(url.starts_with(BASE), "{file}: {url}");
                }
            }
            json_ld_pages += 1;
        }
    }
    assert!(
        json_ld_pages >= 6,
        "articles, the home page and author pages"
    );
    assert!(checked > 200, "only {checked} URLs seen");
    // The theme's own links, and a Markdown link written from the site's root.
    let home = site.read("index.html");
    assert!(home.contains("<link rel=\"stylesheet\" href=\"/paper/style.css\">"));
    assert!(home.contains("href=\"/paper/feed.xml\""));
    assert!(home.contains("<a rel=\"next\" href=\"/paper/page/2/\">"));
    let article = site.read("articles/bridge-vote/index.html");
    assert!(article.contains("href=\"/paper/articles/ferry-fares/#the-numbers\""));
    assert!(article.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}articles/bridge-vote/\">"
    )));

    // Feed: its own links, ids, author URIs, and the links inside each entry's content.
    let feed_text = site.read("feed.xml");
    let feed = roxmltree::Document::parse(&feed_text).unwrap();
    let mut feed_urls = 0;
    for node in feed.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            if matches!(attribute.name(), "href" | "base") {
                assert!(attribute.value().starts_with(BASE), "feed: {attribute:?}");
                feed_urls += 1;
            }
        }
        if matches!(node.tag_name().name(), "id" | "uri") {
            assert!(node.text().unwrap().starts_with(BASE), "feed: {node:?}");
            feed_urls += 1;
        }
        if node.tag_name().name() == "content" {
            let entry_url = node.attribute(("http://www.w3.org/XML/1998/namespace", "base"));
            let entry_file = entry_url.unwrap().strip_prefix(BASE).unwrap().to_string();
            for url in html_urls(node.text().unwrap_or_default()) {
                assert_inside(&format!("{entry_file}index.html"), &url);
                feed_urls += 1;
            }
        }
    }
    assert!(feed_urls > 20, "only {feed_urls} feed URLs seen");

    // Each section's feed and page, and the front page's lead, grid and section blocks.
    for section_feed in [
        "articles/feed.xml",
        "transport/feed.xml",
        "tags/transport/rss.xml",
        "authors/tom-ellery/feed.xml",
        "rss.xml",
    ] {
        let text = site.read(section_feed);
        let feed = roxmltree::Document::parse(&text).unwrap();
        for node in feed.descendants() {
            let url = match node.tag_name().name() {
                "link" => node.attribute("href").or(node.text()),
                "guid" | "id" => node.text(),
                _ => None,
            };
            if let Some(url) = url {
                assert!(url.starts_with(BASE), "{section_feed}: {url}");
            }
        }
    }
    assert!(home.contains("<a class=\"site-title\" href=\"/paper/\">"));
    assert!(home.contains("<a href=\"/paper/opinion/letters/\">Letters"));
    assert!(home.contains("<li><a href=\"/paper/transport/\">Transport</a></li>"));
    assert!(home.contains("<a href=\"/paper/articles/\">News</a></h2>"));
    assert!(home
        .contains("<a href=\"/paper/page/2/\"><span class=\"visually-hidden\">Page </span>2</a>"));
    assert!(site
        .read("transport/index.html")
        .contains("href=\"/paper/transport/feed.xml\""));
    let authors = site.read("authors/index.html");
    assert!(authors.contains("<a href=\"/paper/authors/tom-ellery/\">Tom Ellery</a>"));
    assert!(site
        .read("tags/index.html")
        .contains("<a href=\"/paper/tags/transport/\">Transport</a>"));
    assert!(home.contains("<a href=\"/paper/authors/\">Authors</a>"));

    // Sitemap and robots.txt.
    let sitemap_text = site.read("sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap_text).unwrap();
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .map(|n| n.text().unwrap())
        .collect();
    assert!(locs.len() > 10);
    for loc in locs {
        assert!(loc.starts_with(BASE), "sitemap: {loc}");
    }
    assert!(site
        .read("robots.txt")
        .contains(&format!("Sitemap: {BASE}sitemap.xml")));

    // And the check agrees: nothing broken, nothing outside.
    let report = check_site(
        &CheckOptions {
            site_root: site.root.clone(),
            output_dir: Some(site.output()),
            ..CheckOptions::default()
        },
        &Silent,
    );
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.diagnostic.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// The same site at the root and under `/paper/` differ only in the prefix: nothing
/// else moved, and the root build is what it was (the snapshots hold its pages).
#[test]
fn a_sub_path_changes_nothing_but_the_urls() {
    let root = fixture_at("https://example.com/");
    root.build().unwrap();
    let under = fixture_at(BASE);
    under.build().unwrap();
    let files = |site: &FixtureSite| -> Vec<(String, Vec<u8>)> {
        build_support::snapshot_tree(&site.output())
            .into_iter()
            .map(|(path, bytes)| {
                let relative = path.strip_prefix(site.output()).unwrap();
                (relative.to_string_lossy().replace('\\', "/"), bytes)
            })
            .collect()
    };
    let at_root = files(&root);
    let under_path = files(&under);
    assert_eq!(
        at_root.iter().map(|f| &f.0).collect::<Vec<_>>(),
        under_path.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((file, root_bytes), (_, under_bytes)) in at_root.iter().zip(&under_path) {
        let under_text = String::from_utf8(under_bytes.clone()).unwrap();
        let unprefixed = under_text
            .replace(BASE, "https://example.com/")
            .replace("\"/paper/", "\"/")
            .replace("&quot;/paper/", "&quot;/");
        assert_eq!(
            String::from_utf8_lossy(root_bytes),
            unprefixed,
            "{file} differs by more than its URLs"
        );
    }
    insta::assert_snapshot!("home_page_under_sub_path", under.read("index.html"));
}

/// A base.html override as a user might write it, with links from the host's root.
const OVERRIDE: &str = r#"<!DOCTYPE html>
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8">
<title>{{ site.title }}</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<p><a href="{{ url(path="/") }}">{{ site.title }}</a> · <a href="/feed.xml">Feed</a></p>
<main id="main">
{% block content %}{% endblock content %}
</main>
</body>
</html>
"#;

fn check(site: &FixtureSite) -> copydesk::check::CheckReport {
    check_site(
        &CheckOptions {
            site_root: site.root.clone(),
            ..CheckOptions::default()
        },
        &Silent,
    )
}

#[test]
fn check_reports_links_of_an_overridden_template_that_leave_the_sub_path() {
    // At the root the same template is fine...
    let root = fixture_at("https://example.com/");
    root.write("templates/base.html", OVERRIDE);
    let report = check(&root);
    assert!(report.passed(), "{:#?}", report.problems);

    // ...under /paper/ its bare links lead out of the site, on every page.
    let site = fixture_at(BASE);
    site.write("templates/base.html", OVERRIDE);
    let report = check(&site);
    assert!(!report.passed());
    let home: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.diagnostic.path.ends_with("(build)/index.html"))
        .collect();
    assert_eq!(home.len(), 2, "{home:#?}");
    let stylesheet = &home[0];
    assert_eq!(stylesheet.kind, ProblemKind::MissingAsset);
    assert_eq!(
        (
            stylesheet.diagnostic.position.line,
            stylesheet.diagnostic.position.column
        ),
        (6, 30),
        "{stylesheet:#?}"
    );
    assert!(
        stylesheet.diagnostic.message.contains("`/style.css`")
            && stylesheet.diagnostic.message.contains("base path /paper/"),
        "{}",
        stylesheet.diagnostic.message
    );
    assert!(
        stylesheet
            .diagnostic
            .help
            .as_deref()
            .unwrap()
            .contains("url(path=\"/style.css\")"),
        "{stylesheet:#?}"
    );
    let feed = &home[1];
    assert_eq!(feed.kind, ProblemKind::BrokenLink);
    assert_eq!(feed.diagnostic.position.line, 9);
    assert!(feed.diagnostic.message.contains("`/feed.xml`"));
    // Every page extends the override: each one is named.
    assert_eq!(
        report.errors,
        2 * report.pages_checked,
        "{:#?}",
        report.problems
    );
}

/// A root link typed as raw HTML in an article is left as written, and reported.
#[test]
fn check_reports_a_raw_html_root_link_in_an_article() {
    let site = fixture_at(BASE);
    site.write(
        "content/articles/raw-link.md",
        "+++\ntitle = \"Raw\"\ndate = 2025-01-01\n+++\n\nSee <a href=\"/articles/\">all news</a>.\n\nAnd [the markdown one](/articles/).\n",
    );
    let report = check(&site);
    let found: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.diagnostic.is_error())
        .map(|p| {
            (
                p.diagnostic.path.to_string_lossy().into_owned(),
                p.diagnostic.message.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].0.ends_with("articles/raw-link/index.html"),
        "{found:?}"
    );
    assert!(found[0].1.contains("`/articles/`"), "{found:?}");
}

/// One request on a fresh connection: status line and headers, and the body.
fn raw_get(address: SocketAddr, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    (head.to_string(), body.to_string())
}

#[test]
fn serve_previews_a_sub_path_site_under_its_path() {
    let site = fixture_at(BASE);
    let session = ServeSession::start(
        ServeOptions {
            site_root: site.root.clone(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            drafts: false,
            future: false,
        },
        &Silent,
        |_| {},
    )
    .unwrap();
    let address = session.address();
    assert_eq!(session.url(), format!("http://{address}/paper/"));

    let (head, home) = raw_get(address, "/paper/");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(home.contains("href=\"/paper/style.css\""), "{home}");
    assert!(home.contains(&format!(
        "<link rel=\"canonical\" href=\"http://{address}/paper/\">"
    )));
    assert!(
        home.contains("<script src=\"/paper/__copydesk/reload.js\" data-generation="),
        "{home}"
    );
    assert!(raw_get(address, "/paper/style.css")
        .0
        .starts_with("HTTP/1.1 200"));
    assert!(raw_get(address, "/paper/__copydesk/reload.js")
        .0
        .starts_with("HTTP/1.1 200"));
    let (head, state) = raw_get(address, "/paper/__copydesk/events");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["ok"], true);

    // The host's root leads to the site; the site's paths are not answered outside it.
    let (head, _) = raw_get(address, "/");
    assert!(head.starts_with("HTTP/1.1 302"), "{head}");
    assert!(
        head.contains("Location: /paper/\r\n") || head.ends_with("Location: /paper/"),
        "{head}"
    );
    let (head, _) = raw_get(address, "/paper");
    assert!(head.contains("Location: /paper/"), "{head}");
    let (head, _) = raw_get(address, "/paper/articles");
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert!(head.contains("Location: /paper/articles/"), "{head}");
    let (head, not_found) = raw_get(address, "/style.css");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(
        not_found.contains("href=\"/paper/\""),
        "the site's 404 page links home"
    );
    session.stop();
}
