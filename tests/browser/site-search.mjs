// The site search as a reader uses it, in headless Chromium (check-site.mjs --search).
//
// One check is a query and the article it must find, `QUERY=PATH` with PATH site-relative
// (`/articles/sable-valley-reservoir/`; under --base-path the base path goes in front).
// The query is searched two ways:
//
//   1. by address: the search page opened at /search/?q=QUERY, the URL the masthead's form
//      sends. When search.js says it is done, the results must hold a link to PATH, every
//      result must link inside the site (under the base path), the page must have caused
//      no page problem (failed request, script error) and axe must find no violation in
//      the page with its results shown;
//   2. by keyboard, from the home page: Tab from the top of the page until the masthead's
//      search field has focus (no click, no script focusing it), type QUERY, press Enter.
//      The search page must open with the same result; Tab on to the result linking to
//      PATH and press Enter: the article must open.
//
// A search that finds nothing (an empty or unreadable index, a query read in another
// language than the index, a script that fails) fails the check, and so does a result
// that leaves the site.

import { auditPage } from "./axe-audit.mjs";

const RESULTS_TIMEOUT_MS = 15_000;
/** How many Tab presses may reach a control before it counts as out of keyboard reach. */
const MAX_TABS = 60;

/** `"QUERY=PATH"` -> `{ query, path }`; PATH is what follows the last `=`. */
export function parseSearchSpec(spec) {
  const at = spec.lastIndexOf("=");
  const query = spec.slice(0, at).trim();
  const path = spec.slice(at + 1);
  if (at <= 0 || !query || !path.startsWith("/")) {
    throw new Error(`--search wants QUERY=/site/relative/path/, got ${JSON.stringify(spec)}`);
  }
  return { query, path };
}

/**
 * Waits until search.js has reported on the query (its status line reads the "results"
 * or the "no results" message of the page's data attributes) and returns what it says
 * and the result links, `{ status, links: [{ href, text }] }`. Throws with the status line when it never reports.
 */
async function searchResults(page) {
  try {
    await page.waitForFunction(
      () => {
        const status = document.getElementById("search-status");
        if (!status) return false;
        const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
        const done = ["data-results", "data-no-results"].map((name) =>
          (status.getAttribute(name) || "").split("{query}").join(query),
        );
        return done.includes(status.textContent);
      },
      { timeout: RESULTS_TIMEOUT_MS },
    );
  } catch {
    const status = await page.evaluate(() => document.getElementById("search-status")?.textContent ?? "(no #search-status)");
    throw new Error(`search.js never reported on the query within ${RESULTS_TIMEOUT_MS} ms (status: ${JSON.stringify(status)})`);
  }
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    links: [...document.querySelectorAll("#search-results a")].map((a) => ({ href: a.href, text: a.textContent })),
  }));
}

/** What is wrong with a result list for `expected` (a full URL); empty when nothing is. */
function resultProblems({ status, links }, site, expected) {
  if (links.length === 0) return [`no result at all (the page says ${JSON.stringify(status)})`];
  const problems = [];
  for (const link of links) {
    if (!link.href.startsWith(site + "/")) problems.push(`result "${link.text}" links outside the site: ${link.href}`);
  }
  if (!links.some((link) => withoutQuery(link.href) === expected)) {
    problems.push(`no result links to ${expected} (results: ${links.map((link) => link.href).join(", ")})`);
  }
  return problems;
}

function withoutQuery(href) {
  const url = new URL(href);
  return url.origin + url.pathname;
}

/** The focused element, described: `{ tag, type, inSearchForm, href }`. */
function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element ? element.tagName.toLowerCase() : "",
      type: element?.getAttribute("type") ?? "",
      inSearchForm: Boolean(element?.closest("form[role=search]")),
      href: element?.href ?? "",
    };
  });
}

/** Presses Tab until `wanted(focused)` holds; returns the number of presses, or throws. */
async function tabTo(page, wanted, what) {
  for (let presses = 1; presses <= MAX_TABS; presses++) {
    await page.keyboard.press("Tab");
    if (wanted(await focused(page))) return presses;
  }
  throw new Error(`${MAX_TABS} presses of Tab never reached ${what}`);
}

/** Presses Enter and waits for the page it opens; returns the main response. */
async function enterAndLoad(page) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  return response;
}

/** Way 1: the search page opened at /search/?q=QUERY. Returns a list of problems. */
async function byAddress(context, { query, path }) {
  const { browser, site, openPage } = context;
  const url = `${site}/search/?q=${encodeURIComponent(query)}`;
  const { page, problems } = await openPage(browser, site, url, { width: 1280, scheme: "light" });
  try {
    const results = await searchResults(page);
    problems.push(...resultProblems(results, site, site + path));
    const violations = await auditPage(page);
    problems.push(...violations.map((v) => `axe ${v.id} on the results page: ${v.help}`));
    return { problems, found: results.links.length };
  } catch (error) {
    return { problems: [...problems, error.message], found: 0 };
  } finally {
    await page.close();
  }
}

/** Way 2: the masthead's search field reached, filled and sent with the keyboard only. */
async function byKeyboard(context, { query, path }) {
  const { browser, site, openPage } = context;
  const { page, problems } = await openPage(browser, site, site + "/", { width: 1280, scheme: "light" });
  try {
    const tabs = await tabTo(
      page,
      (element) => element.tag === "input" && element.type === "search" && element.inSearchForm,
      "the search field of a role=search form on the home page",
    );
    await page.keyboard.type(query);
    await enterAndLoad(page);
    const searchPage = new URL(page.url());
    if (searchPage.origin + searchPage.pathname !== `${site}/search/` || searchPage.searchParams.get("q") !== query) {
      throw new Error(`Enter in the search field opened ${page.url()}, not ${site}/search/?q=${encodeURIComponent(query)}`);
    }
    const listProblems = resultProblems(await searchResults(page), site, site + path);
    if (listProblems.length) return { problems: [...problems, ...listProblems], tabs };
    await tabTo(page, (element) => element.href && withoutQuery(element.href) === site + path, `the result linking to ${path}`);
    const response = await enterAndLoad(page);
    if (withoutQuery(page.url()) !== site + path || !response?.ok()) {
      problems.push(`Enter on the result opened ${page.url()} (HTTP ${response?.status() ?? "none"}), not ${site + path}`);
    }
    return { problems, tabs };
  } catch (error) {
    return { problems: [...problems, error.message], tabs: null };
  } finally {
    await page.close();
  }
}

/**
 * Runs one search check (`spec` from parseSearchSpec) both ways, printing a line per way
 * and every problem found; returns the number of problems. `context` is
 * `{ browser, site, openPage }`: the site's URL (origin and base path, no final `/`) and
 * check-site.mjs's page opener, which records failed requests and script errors.
 */
export async function checkSearch(context, spec) {
  let failures = 0;
  const label = `search ${JSON.stringify(spec.query)} -> ${spec.path}`;
  const address = await byAddress(context, spec);
  failures += address.problems.length;
  if (address.problems.length === 0) {
    console.log(`ok    ${label} by address: ${address.found} result(s), the article among them; axe 0 violations`);
  } else {
    console.log(`FAIL  ${label} by address:`);
    for (const problem of address.problems) console.log(`  ${problem}`);
  }
  const keyboard = await byKeyboard(context, spec);
  failures += keyboard.problems.length;
  if (keyboard.problems.length === 0) {
    console.log(`ok    ${label} by keyboard: field reached with ${keyboard.tabs} Tab(s), Enter searched, Enter on the result opened it`);
  } else {
    console.log(`FAIL  ${label} by keyboard:`);
    for (const problem of keyboard.problems) console.log(`  ${problem}`);
  }
  return failures;
}
