// Serves a built site folder on loopback for the browser checks.
//
// The browser suite needs the site over HTTP (not file://) so that root-relative links,
// stylesheets and the 404 page behave as on a real host. This is a deliberately small
// static server: it listens on 127.0.0.1 on a free port chosen by the kernel (no race
// over a fixed port), maps `/dir/` to `dir/index.html`, answers unknown paths with the
// site's own `404.html` and status 404, and never serves a file outside the folder.
// With a base path (`/paper`) it serves the folder under that path only, as GitHub Pages
// serves a project site: a root-relative link that leaves the path finds nothing.

import { createServer } from "node:http";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";

/** Content types for the files a static news site holds. */
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/** The content type for a file name, by extension. */
export function contentTypeFor(fileName) {
  return CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Maps a request path to a file inside `root`, or null when it would leave `root`.
 * A path ending in `/` means that folder's `index.html`.
 */
export function resolveRequestPath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, "http://localhost").pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0") || pathname.includes("\\")) return null;
  if (pathname.endsWith("/")) pathname += "index.html";
  const resolved = path.resolve(root, "." + pathname);
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  return inside ? resolved : null;
}

/** The file to send for `file`: itself, or its `index.html` when it is a folder. */
async function existingFile(file) {
  try {
    const stat = await fs.stat(file);
    if (stat.isFile()) return file;
    if (stat.isDirectory()) {
      const index = path.join(file, "index.html");
      if ((await fs.stat(index)).isFile()) return index;
    }
  } catch {
    // Missing: fall through to the 404 answer.
  }
  return null;
}

function sendFile(response, status, file) {
  response.writeHead(status, { "Content-Type": contentTypeFor(file) });
  createReadStream(file).pipe(response);
}

async function sendNotFound(response, root) {
  const page = await existingFile(path.join(root, "404.html"));
  if (page) return sendFile(response, 404, page);
  response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  response.end("404 Not Found\n");
}

/**
 * Starts serving `siteDir`, under `basePath` (`/paper`; empty: at the root). Resolves to
 * `{ origin, close }`: `origin` is like `http://127.0.0.1:40123`; `close()` stops the
 * server.
 */
export async function serveDirectory(siteDir, basePath = "") {
  const root = path.resolve(siteDir);
  const server = createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405).end();
      return;
    }
    let url = request.url ?? "/";
    if (basePath) {
      if (!url.startsWith(basePath + "/")) {
        response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        response.end(`404: outside the site's base path ${basePath}/\n`);
        return;
      }
      url = url.slice(basePath.length);
    }
    const target = resolveRequestPath(root, url);
    const file = target && (await existingFile(target));
    if (file) sendFile(response, 200, file);
    else await sendNotFound(response, root);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
