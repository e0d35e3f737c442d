// Finds the pages of a built site that the browser checks look at.
//
// The suite must check "an article page and the home page" of whatever the build wrote,
// without knowing article slugs in advance. An article page is recognised by what the
// theme promises to put on every article: schema.org NewsArticle JSON-LD. A tag page and
// an author page are picked up when present (folders `tags/NAME/` and `authors/NAME/`),
// and so is `404.html`, so that every kind of template is looked at once.

import { promises as fs } from "node:fs";
import path from "node:path";

/** Every `.html` file under `root`, as sorted site-relative paths with `/` separators. */
export async function listHtmlFiles(root) {
  const found = [];
  async function walk(dir) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith(".html")) {
        found.push(path.relative(root, full).split(path.sep).join("/"));
      }
    }
  }
  await walk(root);
  return found.sort();
}

/** The URL path a site-relative HTML file is served at (`a/index.html` -> `/a/`). */
export function urlPathOf(relativeFile) {
  if (relativeFile === "index.html") return "/";
  if (relativeFile.endsWith("/index.html")) return "/" + relativeFile.slice(0, -"index.html".length);
  return "/" + relativeFile;
}

/** True when the HTML declares a schema.org NewsArticle in JSON-LD. */
export function declaresNewsArticle(html) {
  const scripts = html.matchAll(/<script[^>]*type=["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi);
  for (const [, json] of scripts) {
    try {
      const data = JSON.parse(json);
      const items = Array.isArray(data) ? data : [data];
      if (items.some((item) => item && item["@type"] === "NewsArticle")) return true;
    } catch {
      // Invalid JSON-LD is the Nu checker's and the build tests' business, not ours.
    }
  }
  return false;
}

/** The start of a page in another language than English, right to left. */
const URDU_PAGE = '<html lang="ur" dir="rtl">';

/**
 * The first file (in sorted order, never the home page) for which `wanted(html)` holds,
 * preferring one that does not hold `avoid` (so that the sample site's Urdu article, which
 * is also an article with a lead image, does not stand for every kind of page at once);
 * `null` when none matches.
 */
async function firstMatching(root, files, wanted, avoid = URDU_PAGE) {
  let fallback = null;
  for (const file of files) {
    if (file === "index.html" || file === "404.html") continue;
    const html = await fs.readFile(path.join(root, file), "utf8");
    if (!wanted(html)) continue;
    if (!avoid || !html.includes(avoid)) return file;
    fallback ??= file;
  }
  return fallback;
}

/** The first article page: a file declaring NewsArticle. */
function findArticle(root, files) {
  return firstMatching(root, files, declaresNewsArticle);
}

/** The first HTML file (not the home page) whose text holds `needle`, if any. */
function firstHolding(root, files, needle) {
  return firstMatching(root, files, (html) => html.includes(needle));
}

/** The first top-level section page: `NAME/index.html` with its own `NAME/feed.xml`. */
async function firstSection(root, files) {
  for (const file of files) {
    const match = /^([^/]+)\/index\.html$/.exec(file);
    if (!match || ["tags", "authors", "page"].includes(match[1])) continue;
    try {
      await fs.access(path.join(root, match[1], "feed.xml"));
      return file;
    } catch {
      // not a section
    }
  }
  return null;
}

/** The first `index.html` directly inside `PREFIX/NAME/`, if any. */
function firstListing(files, prefix) {
  const pattern = new RegExp(`^${prefix}/[^/]+/index\\.html$`);
  return files.find((file) => pattern.test(file)) ?? null;
}

/**
 * The pages to check, as `[{ name, file, urlPath }]`: home and article always, then tag,
 * author and 404 pages when the site has them. Throws with a clear
 * message when the home page or an article page cannot be found.
 */
export async function pagesToCheck(root) {
  const files = await listHtmlFiles(root);
  if (!files.includes("index.html")) {
    throw new Error(`${root} has no index.html: the build wrote no home page`);
  }
  const article = await findArticle(root, files);
  if (!article) {
    throw new Error(
      `${root}: no page declares schema.org NewsArticle JSON-LD, so no article page was found ` +
        `among ${files.length} HTML files`,
    );
  }
  const pages = [
    { name: "home", file: "index.html" },
    { name: "article", file: article },
    { name: "tag", file: firstListing(files, "tags") },
    { name: "author", file: firstListing(files, "authors") },
    { name: "404", file: files.includes("404.html") ? "404.html" : null },
    // The pages issue 11 added: a section, an article with a lead image, an author with a
    // profile (photo), the tag and author indexes, and a later page of the home listing.
    { name: "section", file: await firstSection(root, files) },
    { name: "image-article", file: await firstHolding(root, files, 'property="og:image"') },
    { name: "profile", file: await firstHolding(root, files, 'class="author-photo"') },
    { name: "tags-index", file: files.includes("tags/index.html") ? "tags/index.html" : null },
    { name: "authors-index", file: files.includes("authors/index.html") ? "authors/index.html" : null },
    { name: "page-2", file: files.includes("page/2/index.html") ? "page/2/index.html" : null },
    // A page written right to left in Urdu: the sample site's Urdu article (front matter
    // language = "ur"), or any page of a site whose language is Urdu.
    { name: "urdu", file: await firstMatching(root, files, (html) => html.includes(URDU_PAGE), null) },
  ];
  return pages
    .filter((page) => page.file)
    .map((page) => ({ ...page, urlPath: urlPathOf(page.file) }));
}
