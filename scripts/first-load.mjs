// What the page downloads before it draws its first diagram, worked out from the sources:
// index.html, its stylesheet, every ES module main.js imports, the engine's Web Worker
// (js/worker.js, which engine.js starts) and the modules it imports (the engine's glue,
// pkg/vpc_playground.js, among them), the wasm engine.js fetches and hands to the worker, and
// the data files boot() fetches while the engine starts (BOOT_DATA below, which
// www/js/main.js must match: tests/e2e/load.test.mjs checks the list against what Chromium
// really fetches, the page's files and the worker's).
//
// engine.js's dynamic import of engine-core.js is the fallback when no worker can start; it
// is not followed for the page (a modulepreload of the worker's modules would fetch them
// twice: a worker has its own module map).
//
// Used by scripts/build-wasm (the size report's "page" line), by the test that index.html
// preloads every module (tests/js/preload.test.mjs), and on the command line:
//   node scripts/first-load.mjs [www]            the files, one a line
//   node scripts/first-load.mjs [www] --tags     the <link> tags index.html should carry

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The data files www/js/main.js fetches before it commits the first scenario. */
export const BOOT_DATA = ['scenarios/default.json', 'lessons/index.json'];

/** The module the page starts from, the worker's, and the engine's glue and wasm (wasm-bindgen's names). */
export const ENTRY = 'js/main.js';
export const WORKER = 'js/worker.js';
export const GLUE = 'pkg-core/vpc_playground.js';
export const WASM = 'pkg-core/vpc_playground_bg.wasm';

/**
 * Modules the page imports only when first needed (dynamic imports: the matrix tab, a lesson's
 * cost chart, the packet's callout, touch gestures, the tools of an estate of several VPCs),
 * and the engine's full module, which the worker imports after the first diagram
 * (engine-core.js): not part of the first load, so not followed.
 */
export const ON_DEMAND = ['js/matrix.js', 'js/cost.js', 'js/callout.js', 'js/touch.js', 'js/focus.js', 'pkg/vpc_playground.js'];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[\w$*{},\s]+?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const WORKER_URL = /\bnew Worker\(\s*new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

/**
 * Every module reachable from `entry`, as paths relative to www, in the order they are first
 * reached (entry first). The engine's glue is a leaf: it is built (www/pkg, not in git) and
 * imports nothing.
 * @param {string} www
 * @param {string} [entry]
 * @param {{dynamic?: boolean}} [opts] dynamic: follow import('...') too
 * @returns {string[]}
 */
export function moduleGraph(www, entry = ENTRY, { dynamic = true } = {}) {
  const seen = [];
  const visit = (path) => {
    if (seen.includes(path) || ON_DEMAND.includes(path)) return;
    seen.push(path);
    if (path.startsWith('pkg/') || path.startsWith('pkg-core/')) return;
    const src = readFileSync(join(www, path), 'utf8')
      // Comments (JSDoc's import('./x.js') types) are not imports.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of [...src.matchAll(STATIC_IMPORT), ...(dynamic ? src.matchAll(DYNAMIC_IMPORT) : [])]) {
      const spec = m[1];
      if (!spec.startsWith('./') && !spec.startsWith('../')) throw new Error(`${path}: only relative imports are expected (${spec})`);
      visit(posix.normalize(posix.join(posix.dirname(path), spec)));
    }
  };
  visit(entry);
  return seen;
}

/**
 * The modules the page itself loads before its first diagram: main.js's static imports.
 * @param {string} www
 */
export function pageModules(www) {
  return moduleGraph(www, ENTRY, { dynamic: false });
}

/**
 * The workers the page's modules start (`new Worker(new URL('./x.js', import.meta.url))`).
 * @param {string} www
 * @returns {string[]}
 */
export function workers(www) {
  const out = [];
  for (const path of pageModules(www)) {
    if (path.startsWith('pkg/') || path.startsWith('pkg-core/')) continue;
    for (const m of readFileSync(join(www, path), 'utf8').matchAll(WORKER_URL)) {
      const w = posix.normalize(posix.join(posix.dirname(path), m[1]));
      if (!out.includes(w)) out.push(w);
    }
  }
  return out;
}

/**
 * The modules the engine's worker loads: worker.js and what it imports, the glue among them.
 * @param {string} www
 */
export function workerModules(www) {
  return workers(www).flatMap((w) => moduleGraph(www, w));
}

/**
 * The stylesheets index.html links.
 * @param {string} html
 * @returns {string[]}
 */
export function stylesheets(html) {
  return [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /\brel="stylesheet"/.test(tag))
    .map((tag) => tag.match(/\bhref="([^"]+)"/)?.[1])
    .filter(Boolean);
}

/**
 * What index.html preloads: {modules: hrefs of rel=modulepreload, fetches: hrefs of
 * rel=preload as=fetch, tags: every preload tag as written}.
 * @param {string} html
 */
export function preloads(html) {
  const tags = [...html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/g)].map((m) => m[0]);
  const href = (tag) => tag.match(/\bhref="([^"]+)"/)?.[1];
  return {
    modules: tags.filter((t) => /\brel="modulepreload"/.test(t)).map(href),
    fetches: tags.filter((t) => /\brel="preload"/.test(t)).map(href),
    tags,
  };
}

/**
 * The <link> tags index.html should carry, the engine's first (the wasm is the largest
 * download): fetch preloads for the wasm and the boot data, and a modulepreload for every
 * module but the entry (its <script> tag loads it). A fetch preload is made the way the page
 * then fetches the file (fetch(url): CORS mode, same-origin credentials, which `crossorigin`
 * means), so the browser hands over the preloaded response instead of asking again
 * (tests/e2e/load.test.mjs checks that each file is fetched once).
 * @param {string} www
 * @returns {string[]}
 */
export function preloadTags(www) {
  const mods = pageModules(www).filter((m) => m !== ENTRY);
  const fetchTag = (f, type) => `<link rel="preload" href="${f}" as="fetch"${type ? ` type="${type}"` : ''} crossorigin>`;
  // The page fetches the wasm (engine.js) and hands it, compiled, to the worker; the worker's
  // own modules are not preloaded here (a document's modulepreload does not serve a worker).
  const usesEngine = mods.includes(GLUE) || workerModules(www).includes(GLUE);
  const engine = usesEngine ? [fetchTag(WASM, 'application/wasm')] : [];
  if (mods.includes(GLUE)) engine.push(`<link rel="modulepreload" href="${GLUE}">`);
  return [
    ...engine,
    ...BOOT_DATA.map((f) => fetchTag(f)),
    ...mods.filter((m) => m !== GLUE).map((m) => `<link rel="modulepreload" href="${m}">`),
  ];
}

/**
 * Every file downloaded before the first diagram, relative to www, index.html first.
 * @param {string} www
 * @returns {string[]}
 */
export function firstLoadFiles(www) {
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const mods = [...pageModules(www), ...workerModules(www).filter((m) => !pageModules(www).includes(m))];
  return ['index.html', ...stylesheets(html), ...mods, ...(mods.includes(GLUE) ? [WASM] : []), ...BOOT_DATA];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const www = args.find((a) => !a.startsWith('--')) || join(ROOT, 'www');
  if (!existsSync(join(www, 'index.html'))) {
    console.error(`first-load: no index.html in ${www}`);
    process.exit(1);
  }
  const out = args.includes('--tags') ? preloadTags(www) : firstLoadFiles(www);
  process.stdout.write(out.join('\n') + '\n');
}
