// A tiny static file server for www/, with no dependencies.
//
// Imported by the browser tests (`startServer(root, port)`) and run by scripts/serve:
//   node scripts/static-server.mjs [root] [port]
// Serves files with the MIME types the page needs (application/wasm for streaming
// compilation), index.html for a directory, 404 for anything else, and never a file
// outside root.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * The file a request path names inside root, or null when it would leave root.
 * @param {string} root absolute, resolved directory
 * @param {string} urlPath the request's path, still percent-encoded
 * @returns {string | null}
 */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = resolve(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/**
 * Serves the files under root over HTTP on 127.0.0.1.
 * @param {string} root directory to serve
 * @param {number} [port=0] 0 picks a free port
 * @param {string} [host="127.0.0.1"] address to listen on
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer(root, port = 0, host = "127.0.0.1") {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    let file = resolveInside(base, path);
    if (file === null) return send(403, "forbidden\n");
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        // A directory without its trailing slash would resolve the page's relative links
        // one level up; redirect as other static servers do.
        if (!path.endsWith("/")) {
          res.writeHead(301, { Location: path + "/" });
          return res.end();
        }
        file = join(file, "index.html");
        info = await stat(file);
      }
      if (!info.isFile()) return send(404, "not found\n");
      res.writeHead(200, {
        "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": info.size,
      });
      if (req.method === "HEAD") return res.end();
      createReadStream(file)
        .on("error", () => res.destroy())
        .pipe(res);
    } catch {
      send(404, "not found\n");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  return {
    // An address, not "localhost", which a client may try on ::1 first.
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? "www";
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  const { port: actual } = await startServer(root, port, process.env.HOST ?? "127.0.0.1");
  console.log(`==> serving ${resolve(root)} at http://localhost:${actual}/ (Ctrl-C stops)`);
}
