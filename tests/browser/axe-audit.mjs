// Runs axe-core inside a loaded page and turns its violations into readable lines.
//
// axe-core is injected from the pinned npm package (never from a CDN) and run with every
// rule it has enabled: not only its default set (WCAG 2.0-2.2 A and AA plus best
// practices) but also the rules it leaves off by default (AAA contrast, experimental and
// deprecated rules such as p-as-heading or css-orientation-lock). Every
// violation is reported with the rule, its impact, the offending elements' selectors and
// the HTML snippet, so a failing CI log says exactly what to fix in which template.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core in `page` (a puppeteer Page that has loaded) and returns its violations. */
export async function auditPage(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const every = axe.getRules().map((rule) => [rule.ruleId, { enabled: true }]);
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, {
      resultTypes: ["violations"],
      rules: Object.fromEntries(every),
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.join(" "),
        html: node.html,
        summary: node.failureSummary,
      })),
    }));
  });
}

/** Formats violations as indented lines for the log. */
export function describeViolations(violations) {
  const lines = [];
  for (const violation of violations) {
    lines.push(`  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`);
    for (const node of violation.nodes.slice(0, 8)) {
      lines.push(`      at ${node.target}`);
      lines.push(`         ${node.html.replace(/\s+/g, " ").slice(0, 200)}`);
      if (node.summary) {
        for (const line of node.summary.split("\n")) lines.push(`         ${line.trim()}`);
      }
    }
    if (violation.nodes.length > 8) lines.push(`      … and ${violation.nodes.length - 8} more elements`);
  }
  return lines.join("\n");
}
