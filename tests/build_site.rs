//! `copydesk build` over fixture sites: every kind of page, the markup the theme promises,
//! JSON-LD, feed and sitemap, links, drafts and future articles, and the incremental
//! rebuilds `serve` relies on.

mod build_support;

use std::collections::BTreeSet;

use build_support::{attribute_values, between, FixtureSite};
use copydesk::progress::Silent;
use copydesk::site::{BuildOptions, Builder};

const BASE: &str = "https://gazette.example";

#[test]
fn builds_every_kind_of_page() {
    let site = FixtureSite::copy("basic");
    let summary = site.build().unwrap();
    assert_eq!(summary.articles, 4, "draft and future article left out");
    assert_eq!(summary.skipped, 2);
    for file in [
        "index.html",
        "page/2/index.html",
        "articles/index.html",
        "articles/bridge-vote/index.html",
        "articles/ferry-fares/index.html",
        "opinion/letters/index.html",
        "tags/transport/index.html",
        "tags/local-politics/index.html",
        "authors/tom-ellery/index.html",
        "authors/gazette-staff/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "extra.txt",
    ] {
        assert!(site.output().join(file).is_file(), "missing {file}");
    }
    assert!(summary
        .page_urls
        .contains(&"/articles/bridge-vote/".to_string()));
    // Two spellings of one tag share a page listing both articles.
    let tag = site.read("tags/local-politics/index.html");
    assert!(tag.contains("/articles/bridge-vote/") && tag.contains("/opinion/letters/"));
}

#[test]
fn article_page_has_the_newspaper_furniture() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let html = site.read("articles/bridge-vote/index.html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<p class=\"kicker\"><a href=\"/articles/\">News</a></p>"));
    assert!(html.contains("<h1 class=\"headline\">Council approves the new river bridge</h1>"));
    assert!(html.contains("<p class=\"standfirst\">A decade of debate ends with a 9–4 vote</p>"));
    assert!(html.contains(
        "<a class=\"author\" href=\"/authors/nadia-farouk/\">Nadia Farouk</a> and <a class=\"author\" href=\"/authors/tom-ellery/\">Tom Ellery</a>"
    ));
    assert!(html.contains("<time datetime=\"2025-10-02T18:30:00+05:00\">2 October 2025</time>"));
    assert!(html.contains(
        "<aside class=\"pullquote\" aria-hidden=\"true\">\n<p>“We have waited long enough,” said the mayor.</p>\n</aside>"
    ));
    assert!(html.contains("<h2 id=\"what-happens-next\">What happens next</h2>"));
    assert!(html.contains("<table>"));
    assert!(html.contains("<div class=\"bio\">"));
    assert!(html.contains("Nadia Farouk covers the council; Tom Ellery covers transport."));
    assert!(html.contains("<a href=\"/tags/transport/\">Transport</a>"));
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}/articles/bridge-vote/\">"
    )));
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<main id=\"main\">"));
    // Other fenced divs become plain classed divs.
    let letters = site.read("opinion/letters/index.html");
    assert!(letters.contains("<div class=\"note\">\n<p>Letters may be shortened.</p>\n</div>"));
    assert!(letters.contains("<p class=\"kicker\"><a href=\"/opinion/\">Your views</a></p>"));
}

fn json_ld(html: &str) -> serde_json::Value {
    let text =
        between(html, "<script type=\"application/ld+json\">", "</script>").expect("JSON-LD");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn json_ld_is_a_news_article_with_the_right_fields() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let ld = json_ld(&site.read("articles/bridge-vote/index.html"));
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Council approves the new river bridge");
    assert_eq!(ld["datePublished"], "2025-10-02T13:30:00+00:00");
    assert_eq!(ld["dateModified"], "2025-10-02T19:00:00+00:00");
    assert_eq!(ld["description"], "A decade of debate ends with a 9–4 vote");
    assert_eq!(ld["author"][0]["name"], "Nadia Farouk");
    assert_eq!(
        ld["author"][1]["url"],
        format!("{BASE}/authors/tom-ellery/")
    );
    assert_eq!(ld["articleSection"], "News");
    assert_eq!(ld["keywords"][1], "Local politics");
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["url"], format!("{BASE}/"));
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        format!("{BASE}/favicon.svg")
    );
    assert_eq!(
        json_ld(&site.read("opinion/letters/index.html"))["image"],
        "https://images.example/letters.jpg"
    );
    // The home page: WebSite and Organization.
    let home = json_ld(&site.read("index.html"));
    assert_eq!(home["@graph"][0]["@type"], "WebSite");
    assert_eq!(home["@graph"][0]["url"], format!("{BASE}/"));
    assert_eq!(home["@graph"][1]["@type"], "Organization");
    assert_eq!(home["@graph"][1]["name"], "The Fixture Gazette");
    // An author page: a ProfilePage about a Person.
    let tom = json_ld(&site.read("authors/tom-ellery/index.html"));
    assert_eq!(tom["@type"], "ProfilePage");
    assert_eq!(tom["mainEntity"]["@type"], "Person");
    assert_eq!(tom["mainEntity"]["name"], "Tom Ellery");
    assert_eq!(
        tom["mainEntity"]["url"],
        format!("{BASE}/authors/tom-ellery/")
    );
    // Without `updated`, modified is published; without authors, the site's default.
    let ld = json_ld(&site.read("articles/ferry-fares/index.html"));
    assert_eq!(ld["dateModified"], ld["datePublished"]);
    assert_eq!(ld["articleSection"], "Transport");
    assert_eq!(
        ld["description"],
        "Single tickets go up by 20 cents from October."
    );
}

#[test]
fn a_hostile_title_cannot_break_out_of_json_or_html() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let html = site.read("articles/script-title/index.html");
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the JSON-LD script element"
    );
    let ld = json_ld(&html);
    assert_eq!(
        ld["headline"],
        "Why </script><script>alert(1)</script> & other tags stay text"
    );
    assert_eq!(ld["author"][0]["name"], "Gazette Staff");
    assert!(html.contains("Why &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; other"));
    assert!(html.contains("&lt;b&gt;not bold&lt;/b&gt;"));
}

#[test]
fn feed_and_sitemap_are_well_formed_and_list_every_article() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let articles: BTreeSet<String> = [
        "/articles/bridge-vote/",
        "/articles/ferry-fares/",
        "/articles/script-title/",
        "/opinion/letters/",
    ]
    .iter()
    .map(|p| format!("{BASE}{p}"))
    .collect();

    let feed = site.read("feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let ids: BTreeSet<String> = entries
        .iter()
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("id"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, articles);
    let bridge = entries
        .iter()
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name("id") && c.text().unwrap().ends_with("/bridge-vote/"))
        })
        .unwrap();
    let content = bridge
        .children()
        .find(|c| c.has_tag_name("content"))
        .unwrap();
    assert!(
        content
            .text()
            .unwrap()
            .contains("<h2 id=\"what-happens-next\">"),
        "full content"
    );
    let title = entries.iter().find_map(|e| {
        let t = e.children().find(|c| c.has_tag_name("title"))?.text()?;
        t.contains("alert").then_some(t)
    });
    assert_eq!(
        title,
        Some("Why </script><script>alert(1)</script> & other tags stay text")
    );

    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert!(locs.is_superset(&articles), "{locs:?}");
    assert!(locs.contains(&format!("{BASE}/")));
    assert!(!locs
        .iter()
        .any(|l| l.contains("draft") || l.contains("election")));
    assert_eq!(
        site.read("robots.txt"),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/news-sitemap.xml\n"
        )
    );
    // Listing pages carry their newest article's change: the home page, letters' date.
    assert!(
        sitemap.contains(&format!(
            "<url><loc>{BASE}/</loc><lastmod>2025-10-04T19:00:00Z</lastmod></url>"
        )),
        "{sitemap}"
    );
    assert!(sitemap.contains(&format!("<url><loc>{BASE}/tags/</loc></url>")));
}

/// The output file a site path names, or `None` when it names nothing.
fn resolve(site: &FixtureSite, path: &str) -> Option<String> {
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    site.output().join(&file).is_file().then_some(file)
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let pages = site.html_files();
    assert!(pages.len() >= 14, "{}", pages.len());
    let mut checked = 0;
    for (file, html) in &pages {
        let links = attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"));
        for link in links {
            let link = link.strip_prefix(BASE).unwrap_or(link);
            if link.starts_with("http") || link.starts_with("//") || link.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                Some(file.clone())
            } else {
                assert!(path.starts_with('/'), "{file}: relative link {link}");
                resolve(&site, path)
            };
            let target = target.unwrap_or_else(|| panic!("{file}: broken link {link}"));
            if !fragment.is_empty() {
                let target_html = site.read(&target);
                assert!(
                    target_html.contains(&format!(" id=\"{fragment}\"")),
                    "{file}: no #{fragment} in {target}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn ids_are_unique_on_every_page() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    for (file, html) in site.html_files() {
        let ids = attribute_values(&html, "id");
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{file}: {ids:?}");
    }
}

#[test]
fn drafts_and_future_articles_need_their_flags() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    assert!(!site.output().join("articles/draft-budget").exists());
    assert!(!site.output().join("articles/election-night").exists());
    assert!(!site.read("index.html").contains("Budget draft"));

    let options = BuildOptions {
        drafts: true,
        ..site.options()
    };
    let summary = copydesk::site::build(&options, &Silent).unwrap();
    assert_eq!(summary.articles, 5);
    assert!(site
        .output()
        .join("articles/draft-budget/index.html")
        .is_file());
    assert!(!site.output().join("articles/election-night").exists());

    let options = BuildOptions {
        future: true,
        ..site.options()
    };
    copydesk::site::build(&options, &Silent).unwrap();
    assert!(site
        .output()
        .join("articles/election-night/index.html")
        .is_file());
    assert!(
        !site.output().join("articles/draft-budget").exists(),
        "stale pages are removed"
    );
}

#[test]
fn home_is_paginated_newest_first() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let home = site.read("index.html");
    let letters = home.find("/opinion/letters/").unwrap();
    let bridge = home.find("/articles/bridge-vote/").unwrap();
    assert!(letters < bridge, "newest first");
    assert!(home.contains("<a rel=\"next\" href=\"/page/2/\">Older</a>"));
    // Numbered pages: this one marked, the others linked.
    assert!(home.contains(
        "<span class=\"pager-current\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>1</span>"
    ));
    assert!(home.contains("<a href=\"/page/2/\"><span class=\"visually-hidden\">Page </span>2</a>"));
    let second = site.read("page/2/index.html");
    assert!(second.contains("<a rel=\"prev\" href=\"/\">Newer</a>"));
    assert!(second.contains("<a href=\"/\"><span class=\"visually-hidden\">Page </span>1</a>"));
    assert!(
        !second.contains("lead-story"),
        "only the first page is a front page"
    );
    assert!(second.contains("/articles/script-title/"));
    // The text before <!--more--> is the teaser.
    assert!(home.contains("ending ten years of argument about traffic in the old town.</p>"));
    assert!(!home.contains("Work will start next spring"));
}

#[test]
fn output_and_base_url_flags() {
    let site = FixtureSite::copy("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let output = elsewhere.path().join("public");
    let options = BuildOptions {
        output_dir: Some(output.clone()),
        base_url: Some("https://preview.example/".into()),
        ..site.options()
    };
    let summary = copydesk::site::build(&options, &Silent).unwrap();
    assert_eq!(summary.output_dir, output);
    let html = std::fs::read_to_string(output.join("articles/bridge-vote/index.html")).unwrap();
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://preview.example/articles/bridge-vote/\">"
    ));
    assert!(!site.output().exists());
}

#[test]
fn rebuilds_touch_only_what_an_edit_affects() {
    let site = FixtureSite::copy("basic");
    let mut builder = Builder::new(site.options());
    let first = builder.build(&[], &Silent).unwrap();
    assert_eq!(
        first.files,
        first.pages + 33,
        "pages; Atom and RSS feeds of the site, 3 sections, 2 tags and 3 authors; sitemap, \
         news sitemap, robots, search index, eleven static files (six: the search's stemmers)"
    );

    let untouched = site.output().join("articles/ferry-fares/index.html");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let same = builder.build(&[], &Silent).unwrap();
    assert_eq!(same.files, 0, "nothing changed, nothing written");

    let edited = site.root.join("content/opinion/letters.md");
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("Readers write in", "Many readers wrote in");
    std::fs::write(&edited, text).unwrap();
    let after = builder
        .build(std::slice::from_ref(&edited), &Silent)
        .unwrap();
    assert!(site
        .read("opinion/letters/index.html")
        .contains("Many readers wrote in"));
    assert!(
        site.read("feed.xml").contains("Many readers wrote in"),
        "the feed is regenerated when an article in it changes"
    );
    // The article; the listing pages showing it (home, Opinion, its tag and author);
    // the Atom and RSS feeds of the site, its section, tag and author; the search
    // index: 14.
    assert!(after.files >= 2 && after.files <= 14, "{}", after.files);
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before
    );

    std::fs::remove_file(&edited).unwrap();
    builder
        .build(std::slice::from_ref(&edited), &Silent)
        .unwrap();
    assert!(
        !site.output().join("opinion/letters").exists(),
        "a removed article's page goes"
    );
    assert!(
        !site.output().join("opinion").exists(),
        "and its empty section"
    );
    for generated in ["feed.xml", "sitemap.xml"] {
        assert!(
            !site.read(generated).contains("/opinion/letters/"),
            "{generated} regenerated without the removed article"
        );
    }
}

#[test]
fn serve_script_is_injected_into_every_page_only_when_asked() {
    let site = FixtureSite::copy("basic");
    let options = BuildOptions {
        inject_before_body_end: Some("<script>reload()</script>".into()),
        ..site.options()
    };
    Builder::new(options).build(&[], &Silent).unwrap();
    for (file, html) in site.html_files() {
        assert!(html.contains("<script>reload()</script></body>"), "{file}");
    }
    site.build().unwrap();
    assert!(!site.read("index.html").contains("reload()"));
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let site = FixtureSite::copy("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lost at sea</h1>{% endblock content %}",
    );
    site.write("static/style.css", "body { color: teal }\n");
    site.build().unwrap();
    let html = site.read("404.html");
    assert!(html.contains("<h1>Lost at sea</h1>"));
    assert!(
        html.contains("<title>Page not found · The Fixture Gazette</title>"),
        "base still used"
    );
    assert_eq!(site.read("style.css"), "body { color: teal }\n");
}

#[test]
fn a_site_card_template_shapes_every_listing_card() {
    let site = FixtureSite::copy("basic");
    site.write(
        "templates/card.html",
        "<li class=\"custom-card\">{{ story.title }} by {{ story.authors | length }}</li>\n",
    );
    site.build().unwrap();
    let tag = site.read("tags/local-politics/index.html");
    assert_eq!(
        tag.matches("<li class=\"custom-card\">").count(),
        2,
        "{tag}"
    );
    assert!(!tag.contains("story-card"), "{tag}");
    let home = site.read("index.html");
    assert!(home.contains("<li class=\"custom-card\">"), "{home}");
    assert!(
        !site
            .read("articles/bridge-vote/index.html")
            .contains("custom-card"),
        "cards only on listings"
    );
}

#[test]
fn a_template_or_config_change_rerenders_every_page() {
    let site = FixtureSite::copy("basic");
    let mut builder = Builder::new(site.options());
    let first = builder.build(&[], &Silent).unwrap();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{% endblock content %}",
    );
    let after_template = builder.build(&[], &Silent).unwrap();
    assert_eq!(
        after_template.files, first.articles,
        "each article page, nothing else"
    );
    assert!(!site
        .read("articles/bridge-vote/index.html")
        .contains("story-body"));
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &config.replace("The Fixture Gazette", "The Fixture Herald"),
    );
    let after_config = builder.build(&[], &Silent).unwrap();
    // Every page and feed; the static files (style, favicon, extra.txt, search.js,
    // elasticlunr.min.js, and the six files of the search's stemmers), sitemap,
    // robots.txt, the search index and the news sitemap (empty: nothing is two days
    // old) hold no title.
    assert_eq!(after_config.files, first.files - 15);
    for (file, html) in site.html_files() {
        assert!(html.contains("The Fixture Herald"), "{file}");
    }
}

#[test]
fn a_front_matter_section_gets_a_page_navigation_and_a_feed() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    // `section: Transport` in ferry-fares.md; the article stays at its folder's URL.
    let transport = site.read("transport/index.html");
    assert!(transport.contains("<h1 class=\"listing-title\">Transport</h1>"));
    assert!(transport.contains("href=\"/articles/ferry-fares/\""));
    assert!(!transport.contains("/articles/bridge-vote/"), "{transport}");
    assert!(
        site.read("articles/index.html")
            .contains("href=\"/articles/ferry-fares/\""),
        "its folder's page still lists it"
    );
    // Every page's navigation lists the folder sections and the named one.
    for (file, html) in site.html_files() {
        let nav = between(
            &html,
            "<nav class=\"sections\" aria-label=\"Sections\">",
            "</nav>",
        )
        .unwrap_or_else(|| panic!("{file}: no section navigation"));
        let links = attribute_values(nav, "href");
        assert_eq!(links, ["/articles/", "/opinion/", "/transport/"], "{file}");
        // A section's own page marks its link as the current page; no other page does.
        let current = nav.matches("aria-current=\"page\"").count();
        let section_pages = [
            "articles/index.html",
            "opinion/index.html",
            "transport/index.html",
        ];
        let is_section_page = section_pages.contains(&file.as_str());
        assert_eq!(current, usize::from(is_section_page), "{file}: {nav}");
    }
    assert!(transport.contains("<a href=\"/transport/\" aria-current=\"page\">Transport</a>"));
    // The article's kicker is its section's name, linked to the section.
    let article = site.read("articles/ferry-fares/index.html");
    assert!(
        article.contains("<p class=\"kicker\"><a href=\"/transport/\">Transport</a></p>"),
        "{article}"
    );
    // The section's own feed, announced in its page's head.
    assert!(transport.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Transport · The Fixture Gazette\" href=\"/transport/feed.xml\">"
    ));
    let feed = site.read("transport/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("id"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [format!("{BASE}/articles/ferry-fares/")]);
    assert!(feed.contains(&format!(
        "<link href=\"{BASE}/transport/feed.xml\" rel=\"self\""
    )));
    assert!(feed.contains("<title>Transport · The Fixture Gazette</title>"));
    let news = site.read("articles/feed.xml");
    assert_eq!(news.matches("<entry>").count(), 3, "{news}");
}

#[test]
fn the_front_page_has_a_lead_story_a_grid_and_a_block_per_section() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let home = site.read("index.html");
    // The site title once, as a link in the masthead; the page's h1 is for screen readers.
    assert!(home.contains("<a class=\"site-title\" href=\"/\">The Fixture Gazette</a>"));
    assert!(!home.contains("<p class=\"site-title\">"));
    assert_eq!(home.matches("<h1").count(), 1);
    assert!(home.contains("<h1 class=\"visually-hidden\">Front page</h1>"));
    // The newest article leads, with its image and alt text and a large headline.
    let lead = between(&home, "<article class=\"lead-story\">", "</article>").expect("lead");
    assert!(lead.contains(
        "<img src=\"https://images.example/letters.jpg\" alt=\"A stack of handwritten letters\">"
    ));
    assert!(lead.contains(
        "<h2 class=\"lead-headline\"><a href=\"/opinion/letters/\">Letters: keep the old bridge open</a></h2>"
    ));
    // The rest of the first page (paginate = 2) in the grid.
    let grid = between(&home, "</article>", "<section").unwrap();
    assert!(grid.contains("story-grid") && grid.contains("/articles/bridge-vote/"));
    // Then each section's newest stories not already shown, each story once: Opinion has
    // none left, and Transport's one story is in the News block before it.
    let blocks: Vec<&str> = home
        .split("<section class=\"section-block\"")
        .skip(1)
        .collect();
    assert_eq!(blocks.len(), 1, "{home}");
    assert!(blocks[0].contains("<a href=\"/articles/\">News</a></h2>"));
    assert!(
        blocks[0].contains("/articles/ferry-fares/")
            && blocks[0].contains("/articles/script-title/")
    );
    assert!(!blocks[0].contains("/articles/bridge-vote/"), "shown above");
    assert_eq!(home.matches("href=\"/articles/ferry-fares/\"").count(), 1);
    // An article without an image leads with none.
    std::fs::remove_file(site.root.join("content/opinion/letters.md")).unwrap();
    site.build().unwrap();
    let home = site.read("index.html");
    let lead = between(&home, "<article class=\"lead-story\">", "</article>").unwrap();
    assert!(
        lead.contains("/articles/bridge-vote/") && !lead.contains("<img"),
        "{lead}"
    );
}

#[test]
fn editing_an_article_rerenders_the_front_page_block_showing_it() {
    let site = FixtureSite::copy("basic");
    let mut builder = Builder::new(site.options());
    builder.build(&[], &Silent).unwrap();
    // script-title.md is in the News block of the front page only (not in its first two).
    let edited = site.root.join("content/articles/script-title.md");
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("other tags stay text", "other tags stay plain text");
    std::fs::write(&edited, text).unwrap();
    builder
        .build(std::slice::from_ref(&edited), &Silent)
        .unwrap();
    assert!(site
        .read("index.html")
        .contains("other tags stay plain text"));
    assert!(site
        .read("articles/feed.xml")
        .contains("other tags stay plain text"));
}

#[test]
fn author_pages_show_profiles_and_bios_with_live_links() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/authors/nadia-farouk.toml",
        "role = \"Council reporter\"\nbio = \"Nadia covers the council <b>and</b> courts. X: @nadiafarouk\"\n\
         photo = \"/images/nadia.jpg\"\nlinks = [{ name = \"Website\", url = \"https://nadia.example/\" }]\n",
    );
    site.write("static/images/nadia.jpg", "not really a photo");
    let summary = site.build().unwrap();
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let nadia = site.read("authors/nadia-farouk/index.html");
    assert!(
        nadia.contains("<p class=\"kicker\">Council reporter</p>"),
        "{nadia}"
    );
    assert!(nadia.contains("<h1 class=\"listing-title\">Nadia Farouk</h1>"));
    assert!(nadia.contains(
        "<img class=\"author-photo\" src=\"/images/nadia.jpg\" alt=\"Nadia Farouk\" width=\"96\" height=\"96\">"
    ));
    assert!(nadia.contains(
        "<p class=\"author-bio\">Nadia covers the council &lt;b&gt;and&lt;/b&gt; courts. X: <a href=\"https://x.com/nadiafarouk\">@nadiafarouk</a></p>"
    ), "{nadia}");
    assert!(nadia.contains("<li><a href=\"https://nadia.example/\">Website</a></li>"));
    let person = &json_ld(&nadia)["mainEntity"];
    assert_eq!(person["jobTitle"], "Council reporter");
    assert_eq!(person["image"], format!("{BASE}/images/nadia.jpg"));
    assert_eq!(person["sameAs"][0], "https://nadia.example/");
    assert!(person["description"]
        .as_str()
        .unwrap()
        .starts_with("Nadia covers"));
    // Without a profile: the name, \"Author\", and no bio (their only article is joint).
    let tom = site.read("authors/tom-ellery/index.html");
    assert!(tom.contains("<p class=\"kicker\">Author</p>"));
    assert!(!tom.contains("author-bio"), "{tom}");
    // An article's bio links its handles too.
    site.write(
        "content/articles/solo.md",
        "+++\ntitle = \"Solo\"\nauthors = [\"Tom Ellery\"]\ndate = 2025-06-01\nbio = \"Tom writes on transport. Twitter: @tomellery\"\n+++\n\nText.\n",
    );
    site.build().unwrap();
    let tom = site.read("authors/tom-ellery/index.html");
    assert!(
        tom.contains(
            "Tom writes on transport. Twitter: <a href=\"https://x.com/tomellery\">@tomellery</a>"
        ),
        "{tom}"
    );
    assert!(site
        .read("articles/solo/index.html")
        .contains("<p>Tom writes on transport. Twitter: <a href=\"https://x.com/tomellery\">@tomellery</a></p>"));
}

#[test]
fn a_misnamed_or_broken_profile_is_reported() {
    let site = FixtureSite::copy("basic");
    site.write("content/authors/nadia-farook.toml", "role = \"Reporter\"\n");
    let summary = site.build().unwrap();
    assert_eq!(summary.warnings.len(), 1, "{:?}", summary.warnings);
    assert!(summary.warnings[0]
        .path
        .ends_with("content/authors/nadia-farook.toml"));
    site.write(
        "content/authors/tom-ellery.toml",
        "role = \"x\"\nbyo = \"y\"\n",
    );
    let failure = site.build().unwrap_err();
    let error = &failure.diagnostics[0];
    assert!(
        error.path.ends_with("content/authors/tom-ellery.toml"),
        "{error}"
    );
    assert_eq!((error.position.line, error.position.column), (2, 1));
    assert_eq!(error.help.as_deref(), Some("did you mean `bio`?"));
}

#[test]
fn tag_and_author_indexes_list_everyone_with_their_counts() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let tags = site.read("tags/index.html");
    assert!(tags.contains("<h1 class=\"listing-title\">Topics</h1>"));
    assert!(tags.contains(
        "<li><a href=\"/tags/local-politics/\">local politics</a> <span class=\"index-count\">2 articles</span></li>"
    ), "{tags}");
    assert!(tags.contains(
        "<a href=\"/tags/transport/\">Transport</a> <span class=\"index-count\">2 articles</span>"
    ));
    let authors = site.read("authors/index.html");
    assert!(authors.contains(
        "<li><a href=\"/authors/nadia-farouk/\">Nadia Farouk</a> <span class=\"index-count\">1 article</span></li>"
    ), "{authors}");
    assert_eq!(authors.matches("<li><a href=\"/authors/").count(), 3);
    // Every page's footer leads to both.
    let home = site.read("index.html");
    assert!(home.contains("<a href=\"/authors/\">Authors</a> · <a href=\"/tags/\">Topics</a>"));
    // A section may not take their place.
    site.write(
        "content/articles/x.md",
        "+++\ntitle = \"X\"\ndate = 2025-01-01\nsection = \"Tags\"\n+++\n",
    );
    let failure = site.build().unwrap_err();
    assert!(
        failure.diagnostics[0]
            .path
            .ends_with("content/articles/x.md"),
        "{:?}",
        failure.diagnostics
    );
    assert!(failure.diagnostics[0].message.contains("/tags/"));
}

#[test]
fn every_tag_and_author_has_atom_and_rss_feeds_without_pullquotes() {
    let site = FixtureSite::copy("basic");
    site.build().unwrap();
    let quote = "“We have waited long enough,” said the mayor.";
    assert_eq!(
        site.read("articles/bridge-vote/index.html")
            .matches(quote)
            .count(),
        2,
        "the page has it in the body and in the pull-quote"
    );
    for feed in [
        "feed.xml",
        "rss.xml",
        "tags/transport/feed.xml",
        "tags/transport/rss.xml",
        "authors/nadia-farouk/feed.xml",
        "authors/nadia-farouk/rss.xml",
        "articles/rss.xml",
    ] {
        let text = site.read(feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let contents: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("content") || n.has_tag_name("encoded"))
            .filter_map(|n| n.text())
            .collect();
        assert!(!contents.is_empty(), "{feed}");
        let bridge = contents
            .iter()
            .find(|c| c.contains("what-happens-next"))
            .unwrap_or_else(|| panic!("{feed}: no bridge article"));
        assert_eq!(bridge.matches(quote).count(), 1, "{feed}: {bridge}");
        assert!(!bridge.contains("pullquote"), "{feed}");
    }
    let rss = site.read("tags/transport/rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 2);
    let channel_title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        channel_title.text(),
        Some("Transport · The Fixture Gazette")
    );
    let creators: Vec<&str> = items[0]
        .children()
        .filter(|n| n.has_tag_name("creator"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(creators, ["Nadia Farouk", "Tom Ellery"]);
    let pub_date = items[0]
        .children()
        .find(|n| n.has_tag_name("pubDate"))
        .unwrap();
    assert_eq!(pub_date.text(), Some("Thu, 2 Oct 2025 13:30:00 +0000"));
    // Announced in the head of their pages.
    let tag = site.read("tags/transport/index.html");
    assert!(tag.contains(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Tagged “Transport” · The Fixture Gazette (RSS)\" href=\"/tags/transport/rss.xml\">"
    ), "{tag}");
}

#[test]
fn typography_reaches_every_text_field_and_the_body() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/articles/quotes.md",
        r#"+++
title = "The mayor's \"last word\" -- for now"
subtitle = "It's over..."
authors = ["Declan O'Rourke"]
date = 2025-06-01
bio = "Declan's column. More at https://declan.example/."
tags = ["Rock 'n' roll"]
+++

See https://council.example/plan for the details, not `https://code.example`.

::: pullquote
Not quoted in the file.
:::

| Stage | When |
|-------|------|
| Design | 2026 |
"#,
    );
    site.build().unwrap();
    let page = site.read("articles/quotes/index.html");
    for expected in [
        "<title>The mayor’s “last word” – for now · The Fixture Gazette</title>",
        "<h1 class=\"headline\">The mayor’s “last word” – for now</h1>",
        "<p class=\"standfirst\">It’s over…</p>",
        "<a class=\"author\" href=\"/authors/declan-orourke/\">Declan O’Rourke</a>",
        "<p>Declan’s column. More at <a href=\"https://declan.example/\">https://declan.example/</a>.</p>",
        "<a href=\"/tags/rock-n-roll/\">Rock ‘n’ roll</a>",
        "See <a href=\"https://council.example/plan\">https://council.example/plan</a> for the details",
        "<code>https://code.example</code>",
        "<p>“Not quoted in the file.”</p>",
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\">\n<table>",
        "<p class=\"print-only print-url\">https://gazette.example/articles/quotes/</p>",
        "<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">",
    ] {
        assert!(page.contains(expected), "{expected}\n{page}");
    }
    assert_eq!(
        json_ld(&page)["headline"],
        "The mayor’s “last word” – for now"
    );
    assert!(site
        .read("feed.xml")
        .contains("<title>The mayor’s “last word” – for now</title>"));
    assert!(site.read("favicon.svg").starts_with("<svg"));
}

#[test]
fn the_news_sitemap_lists_the_last_two_days() {
    let site = FixtureSite::copy("basic");
    let now = chrono::Utc::now();
    for (name, hours) in [("fresh", 3), ("yesterday", 30), ("old", 60)] {
        let date = (now - chrono::Duration::hours(hours)).format("%Y-%m-%dT%H:%M:%SZ");
        site.write(
            &format!("content/articles/{name}.md"),
            &format!("+++\ntitle = \"The {name} story & more\"\ndate = {date}\n+++\n\nText.\n"),
        );
    }
    site.build().unwrap();
    let text = site.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        titles,
        ["The fresh story & more", "The yesterday story & more"]
    );
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("name"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(names, ["The Fixture Gazette", "The Fixture Gazette"]);
    assert!(text.contains("<news:language>en</news:language>"));
    assert!(text.contains(&format!("<loc>{BASE}/articles/fresh/</loc>")));
}

#[test]
fn editing_a_profile_rerenders_the_author_page_and_index_only() {
    let site = FixtureSite::copy("basic");
    site.write(
        "content/authors/tom-ellery.toml",
        "role = \"Transport reporter\"\n",
    );
    let mut builder = Builder::new(site.options());
    builder.build(&[], &Silent).unwrap();
    assert!(site
        .read("authors/index.html")
        .contains("<span class=\"index-role\">Transport reporter</span>"));
    let profile = site.root.join("content/authors/tom-ellery.toml");
    std::fs::write(&profile, "role = \"Transport editor\"\n").unwrap();
    let after = builder
        .build(std::slice::from_ref(&profile), &Silent)
        .unwrap();
    assert!(site
        .read("authors/tom-ellery/index.html")
        .contains("<p class=\"kicker\">Transport editor</p>"));
    assert!(site
        .read("authors/index.html")
        .contains("<span class=\"index-role\">Transport editor</span>"));
    assert_eq!(after.files, 2, "the author page and the author index");
}
