// A tiny static file server for www/, with no dependencies.
//
// Imported by the browser tests (`startServer(root, port)`) and run by scripts/serve:
//   node scripts/static-server.mjs [root] [port]
// Serves files with the MIME types the page needs (application/wasm for streaming
// compilation), index.html for a directory, 404 for anything else, and never a file
// outside root. Text and wasm are sent gzipped to a client that accepts gzip (every browser
// does), as any real host must do: the wasm is about three times smaller compressed, and on a
// slow link the first load is mostly the time to download it.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { gzip as gzipCb, constants as zlibConstants } from "node:zlib";
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

/** Types worth compressing: text, and wasm (PNG and ICO are compressed already). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".webmanifest"]);

const gzip = promisify(gzipCb);

/**
 * Whether an Accept-Encoding header accepts gzip (a `q=0` refuses it).
 * @param {string | undefined} header
 * @returns {boolean}
 */
export function acceptsGzip(header) {
  if (!header) return false;
  for (const part of header.toLowerCase().split(",")) {
    const [coding, ...params] = part.trim().split(";").map((x) => x.trim());
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Compressed copies, kept while the file's size and time are unchanged, so a file is
 * compressed once per change (gzip -9 of the wasm takes tens of milliseconds) and an edited
 * checkout is still served live.
 * @type {Map<string, {key: string, body: Promise<Buffer>}>}
 */
const gzipped = new Map();

/** The gzipped bytes of a file (level 9, as the size report measures). */
function gzippedFile(file, info) {
  const key = `${info.size}:${info.mtimeMs}`;
  const hit = gzipped.get(file);
  if (hit && hit.key === key) return hit.body;
  const body = readFile(file).then((raw) => gzip(raw, { level: zlibConstants.Z_BEST_COMPRESSION }));
  body.catch(() => gzipped.delete(file));
  gzipped.set(file, { key, body });
  return body;
}

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
 * The validator of one encoding of a file: its size and time, so an edited file gets a new one.
 * @param {{size: number, mtimeMs: number}} info
 * @param {boolean} gz
 */
function etagOf(info, gz) {
  return `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${gz ? "-gz" : ""}"`;
}

/**
 * Whether the browser's copy is still this file: If-None-Match names its validator.
 * @param {string | undefined} header
 * @param {string} etag
 */
export function stillFresh(header, etag) {
  if (!header) return false;
  const weak = (t) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || weak(t) === weak(etag));
}

/**
 * Serves the files under root over HTTP on 127.0.0.1. Every file carries a validator (ETag
 * and Last-Modified) and `Cache-Control: no-cache`: the browser keeps its copy and asks each
 * time, and an unchanged file is answered 304 with no body, so a second visit downloads
 * nothing that did not change, while an edited checkout is still served live.
 * @param {string} root directory to serve
 * @param {number} [port=0] 0 picks a free port
 * @param {string} [host="127.0.0.1"] address to listen on
 * @param {{log?: (entry: {path: string, status: number, bytes: number}) => void}} [opts] log:
 *   told every answer and its body's size (the tests count downloads with it)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer(root, port = 0, host = "127.0.0.1", opts = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    if (opts.log) {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      res.on("finish", () => opts.log({ path, status: res.statusCode, bytes: Number(res.getHeader("content-length")) || 0 }));
    }
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
      const ext = extname(file).toLowerCase();
      const type = MIME[ext] ?? "application/octet-stream";
      const gz = COMPRESSIBLE.has(ext) && acceptsGzip(req.headers["accept-encoding"]);
      const etag = etagOf(info, gz);
      res.setHeader("ETag", etag);
      res.setHeader("Last-Modified", new Date(info.mtimeMs).toUTCString());
      res.setHeader("Cache-Control", "no-cache");
      // Caches between the server and the browser must keep the two encodings apart.
      if (COMPRESSIBLE.has(ext)) res.setHeader("Vary", "Accept-Encoding");
      if (stillFresh(req.headers["if-none-match"], etag)) {
        res.writeHead(304);
        return res.end();
      }
      if (gz) {
        const body = await gzippedFile(file, info);
        res.writeHead(200, { "Content-Type": type, "Content-Encoding": "gzip", "Content-Length": body.length });
        return res.end(req.method === "HEAD" ? undefined : body);
      }
      res.writeHead(200, { "Content-Type": type, "Content-Length": info.size });
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
