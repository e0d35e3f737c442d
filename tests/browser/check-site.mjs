#!/usr/bin/env node
// The browser half of the CI browser suite: axe-core and screenshots in headless Chromium.
//
//   node check-site.mjs --site DIR --screenshots DIR [--expect-violations] [--base-path /PATH]
//                       [--search QUERY=PATH ...] [--search-only]
//
// Serves the built site DIR on loopback, opens its home page, an article page and (when
// present) a section, tag, author, lead-image article, Urdu and 404 page and the other
// listings of site-pages.mjs in Debian's Chromium, and requires: zero axe-core violations
// with every axe rule enabled (light and dark colour scheme; phone and desktop widths for
// the required pages), no failed or 4xx/5xx request for any asset, no request leaving
// loopback (no web fonts, no CDNs), no script error. It saves full-page screenshots of
// the required pages at 375 and 1280 px wide in light, dark and print for a person to
// look at. Exit status 0 only when every check passed.
//
// `--search QUERY=PATH` (repeatable) also searches the site for QUERY, by the search page's
// address and with the keyboard from the home page, and requires a result linking to the
// site-relative PATH (site-search.mjs); `--search-only` runs those checks and nothing else.
//
// `--expect-violations` inverts the verdict: the suite uses it on a deliberately broken
// fixture page to prove that these checks can fail.

import path from "node:path";
import { mkdirSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import puppeteer from "puppeteer-core";

import { serveDirectory } from "./static-server.mjs";
import { pagesToCheck } from "./site-pages.mjs";
import { auditPage, describeViolations } from "./axe-audit.mjs";
import { checkSearch, parseSearchSpec } from "./site-search.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PAGE_TIMEOUT_MS = 30_000;
const PHONE = 375;
const DESKTOP = 1280;
const VIEWPORT_HEIGHT = 900;

/** Chromium flags for a closed network: no sandbox (root in CI), nothing phoning home. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--font-render-hinting=none",
];

function parseArgs(argv) {
  const args = { site: null, screenshots: null, expectViolations: false, basePath: "", searches: [], searchOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--site") args.site = argv[++i];
    else if (arg === "--screenshots") args.screenshots = argv[++i];
    else if (arg === "--expect-violations") args.expectViolations = true;
    else if (arg === "--base-path") args.basePath = argv[++i].replace(/\/+$/, "");
    else if (arg === "--search") args.searches.push(parseSearchSpec(argv[++i]));
    else if (arg === "--search-only") args.searchOnly = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!args.site) {
    throw new Error(
      "usage: check-site.mjs --site DIR [--screenshots DIR] [--expect-violations] [--base-path /PATH] " +
        "[--search QUERY=PATH ...] [--search-only]",
    );
  }
  return args;
}

/**
 * The pages issue 11 requires to be seen at both widths, in light, dark and print: the
 * front page, a section, an author, a tag, an article with a lead image and an Urdu page
 * (and, run with --base-path, the same pages of a site under a sub-path).
 */
const REQUIRED_PAGES = ["home", "section", "author", "tag", "image-article", "urdu"];

/** Which (width, scheme) combinations axe runs in for a page. */
function auditVariants(page) {
  const main = page.name === "article" || REQUIRED_PAGES.includes(page.name);
  return main
    ? [
        { width: DESKTOP, scheme: "light" },
        { width: DESKTOP, scheme: "dark" },
        { width: PHONE, scheme: "light" },
        { width: PHONE, scheme: "dark" },
      ]
    : [
        { width: DESKTOP, scheme: "light" },
        { width: DESKTOP, scheme: "dark" },
      ];
}

/**
 * Which screenshots to take of a page: `{ width, scheme, media, fullPage, file }`. For
 * the required pages: full pages at 375 and 1280 px, each in the light and the dark
 * colour scheme and as printed (emulated print media), plus the first phone screen alone
 * (a full phone page is too tall to judge by eye). The first article page also gets its
 * light screenshots and first phone screens.
 */
function screenshotVariants(page) {
  if (page.name !== "article" && !REQUIRED_PAGES.includes(page.name)) return [];
  const shot = (width, scheme, media, fullPage, suffix = "") => ({
    width,
    scheme,
    media,
    fullPage,
    file: `${page.name}-${width}${suffix}.png`,
  });
  const shots = [
    shot(PHONE, "light", "screen", true),
    shot(PHONE, "light", "screen", false, "-top"),
    shot(DESKTOP, "light", "screen", true),
    shot(PHONE, "dark", "screen", false, "-top-dark"),
  ];
  if (REQUIRED_PAGES.includes(page.name)) {
    for (const width of [PHONE, DESKTOP]) {
      shots.push(shot(width, "dark", "screen", true, "-dark"));
      shots.push(shot(width, "light", "print", true, "-print"));
    }
  }
  return shots;
}

/**
 * Opens `url` in a fresh tab set to `width` and `scheme`, recording every problem the
 * page causes on the way (failed or erroring requests, requests off loopback, script
 * errors). Returns `{ page, problems }`.
 */
async function openPage(browser, origin, url, { width, scheme, media = "screen" }) {
  const page = await browser.newPage();
  const problems = [];
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  page.on("requestfailed", (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? "unknown"})`);
  });
  page.on("response", (response) => {
    if (response.status() < 400) return;
    // Chromium asks for /favicon.ico on its own; a page that names no icon is not broken.
    if (new URL(response.url()).pathname === "/favicon.ico" && response.request().resourceType() === "other") {
      return;
    }
    problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  page.on("request", (request) => {
    const target = request.url();
    const inside = target === origin || target.startsWith(origin + "/");
    // Chromium's own /favicon.ico request goes to the host's root, not the site's path.
    const browserFavicon =
      request.resourceType() === "other" && new URL(target).pathname === "/favicon.ico";
    if (!inside && !browserFavicon && !target.startsWith("data:") && !target.startsWith("about:")) {
      problems.push(`request leaves the site: ${target}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  await page.setViewport({ width, height: VIEWPORT_HEIGHT, deviceScaleFactor: 1 });
  await emulateMedia(page, scheme, media);
  await page.goto(url, { waitUntil: "load" });
  if (media === "screen") await assertColourScheme(page, scheme);
  return { page, problems };
}

/**
 * Sets the colour scheme, or the print media type. Both puppeteer calls send the one CDP
 * command `Emulation.setEmulatedMedia`, and each call replaces what the other set, so only
 * one of them may be used per page.
 */
async function emulateMedia(page, scheme, media) {
  if (media === "print") await page.emulateMediaType("print");
  else await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
}

/** Fails unless the loaded page really sees `scheme`: a dark check must not test light. */
async function assertColourScheme(page, scheme) {
  const query = `(prefers-color-scheme: ${scheme})`;
  const seen = await page.evaluate((q) => window.matchMedia(q).matches, query);
  if (!seen) throw new Error(`the page does not match ${query}: colour-scheme emulation failed`);
}

/**
 * Runs axe in every variant of one page; returns the number of failures found. `verbose`
 * prints each violation in full (elements, HTML, how to fix); otherwise only rule ids.
 */
async function auditVariantsOf(browser, origin, pageInfo, verbose) {
  let failures = 0;
  for (const variant of auditVariants(pageInfo)) {
    const label = `${pageInfo.name} ${pageInfo.urlPath} @${variant.width}px ${variant.scheme}`;
    const { page, problems } = await openPage(browser, origin, origin + pageInfo.urlPath, variant);
    const violations = await auditPage(page);
    await page.close();
    if (violations.length === 0 && problems.length === 0) {
      console.log(`ok    axe ${label}: 0 violations`);
      continue;
    }
    failures += violations.length + problems.length;
    console.log(`${verbose ? "FAIL " : "found"} axe ${label}: ${violations.length} violation(s), ${problems.length} page problem(s)`);
    if (!verbose) {
      console.log(`  ${[...violations.map((v) => v.id), ...problems].join("; ")}`);
      continue;
    }
    if (violations.length) console.log(describeViolations(violations));
    for (const problem of problems) console.log(`  ${problem}`);
  }
  return failures;
}

/** Saves the screenshots of one page into `dir`. */
async function screenshotsOf(browser, origin, pageInfo, dir) {
  for (const shot of screenshotVariants(pageInfo)) {
    const { page } = await openPage(browser, origin, origin + pageInfo.urlPath, shot);
    const file = path.join(dir, shot.file);
    await page.screenshot({ path: file, fullPage: shot.fullPage });
    await page.close();
    const extent = shot.fullPage ? "full page" : "first screen";
    console.log(`shot  ${pageInfo.name} @${shot.width}px ${shot.scheme} ${shot.media} ${extent} -> ${file}`);
  }
}

async function launchChromium() {
  const profile = mkdtempSync(path.join(tmpdir(), "copydesk-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
    timeout: PAGE_TIMEOUT_MS,
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pages = args.searchOnly ? [] : await pagesToCheck(args.site);
  console.log(`pages: ${pages.map((p) => `${p.name}=${p.urlPath}`).join(" ")}`);
  if (args.screenshots) mkdirSync(args.screenshots, { recursive: true });

  const server = await serveDirectory(args.site, args.basePath);
  // Under a base path, the site is everything below it: a request elsewhere on the
  // host (a stylesheet linked as /style.css) leaves the site.
  const site = server.origin + args.basePath;
  const chromium = await launchChromium();
  let failures = 0;
  try {
    console.log(`browser: ${await chromium.browser.version()}; site served at ${site}/`);
    for (const pageInfo of pages) {
      failures += await auditVariantsOf(chromium.browser, site, pageInfo, !args.expectViolations);
      if (args.screenshots) await screenshotsOf(chromium.browser, site, pageInfo, args.screenshots);
    }
    for (const search of args.searches) {
      failures += await checkSearch({ browser: chromium.browser, site, openPage }, search);
    }
  } finally {
    await chromium.close();
    await server.close();
  }

  if (args.expectViolations) {
    if (failures === 0) {
      console.error("browser checks found nothing wrong in a page built to be wrong: the checks are blind");
      process.exit(1);
    }
    console.log(`the broken fixture was caught (${failures} failure(s)), as it must be`);
    return;
  }
  if (failures > 0) {
    console.error(`browser checks FAILED: ${failures} violation(s) or page problem(s), listed above`);
    process.exit(1);
  }
  const searched = `${args.searches.length} search(es) found their article`;
  if (args.searchOnly) console.log(`search checks passed: ${searched}`);
  else console.log(`browser checks passed: 0 axe violations, no page problems${args.searches.length ? `, ${searched}` : ""}`);
}

main().catch((error) => {
  console.error(`browser checks could not run: ${error.stack ?? error}`);
  process.exit(2);
});
