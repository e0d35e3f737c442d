// Renders the pages of the real-copy corpus in headless Chromium.
//
//   node render.mjs JOBS.json
//
// JOBS.json is a list of {"html": FILE, "out": FILE, "mode": "pdf" | "text", "options": {...}}:
// "pdf" prints the page to a PDF as a browser's "Save as PDF" does (header and footer
// templates give the running head and the page footer); "text" copies the page as a reader's
// select-all-and-copy does (document.body.innerText).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--font-render-hinting=none"],
});
try {
  const page = await browser.newPage();
  for (const job of jobs) {
    await page.goto(pathToFileURL(job.html).href, { waitUntil: "load" });
    if (job.mode === "pdf") {
      const o = job.options || {};
      await page.pdf({
        path: job.out,
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: o.headerTemplate || "<span></span>",
        footerTemplate: (o.footerTemplate || "<span></span>"),
      });
    } else {
      const text = await page.evaluate(() => document.body.innerText);
      writeFileSync(job.out, text);
    }
  }
} finally {
  await browser.close();
}
