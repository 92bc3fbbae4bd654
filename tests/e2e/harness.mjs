// Shared set-up for the browser tests: a static server over www/, Debian's Chromium through
// playwright-core, pages that record console errors, and screenshots under artifacts/.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots');

/** Starts scripts/static-server.mjs (the infra helper's) over www/. */
export async function serve() {
  const { startServer } = await import(pathToFileURL(join(ROOT, 'scripts', 'static-server.mjs')).href);
  return startServer(WWW, 0);
}

/**
 * Serves www/ and starts Chromium once for a test file; `ready(browser, baseUrl)` receives
 * them before the first test, and both are closed after the last.
 * @param {(browser: import('playwright-core').Browser, base: string) => void} ready
 */
export function browserSuite(ready) {
  let server;
  let browser;
  before(async () => {
    server = await serve();
    browser = await launch();
    ready(browser, server.url.endsWith('/') ? server.url : server.url + '/');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Every console error and page error seen by any page, as text. */
export const problems = [];

/**
 * A fresh context (own localStorage) and page that records problems and dialogs.
 * `opts.allow404`: a 404 logged by the browser is expected (a missing lesson).
 * @returns {Promise<{context: any, page: any, dialogs: string[]}>}
 */
export async function newPage(browser, opts = {}) {
  const { allow404 = false, ...ctxOpts } = opts;
  // Reduced motion by default: the result shows at once instead of after the animation (a
  // test of the animation itself passes reducedMotion: 'no-preference').
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...ctxOpts });
  const page = await context.newPage();
  const dialogs = [];
  page.on('console', (m) => {
    // A missing lesson is a 404 the browser itself logs; the test that asks for one allows it.
    if (m.type() === 'error' && !(allow404 && /status of 404/.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { context, page, dialogs };
}

/** Opens the page and waits until it has drawn its scenario. */
export async function open(page, base, query = '') {
  await page.goto(base + query);
  await page.waitForSelector('body.ready', { timeout: 15000 });
}

/** Waits until the status line starts with `prefix`. */
export async function statusStartsWith(page, prefix) {
  await page.waitForFunction(
    (p) => document.querySelector('#status-main')?.textContent.startsWith(p),
    prefix, { timeout: 20000 });
  return page.textContent('#status-main');
}

/** Waits for the animation to finish (the last hop shown, not playing). */
export async function animationDone(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('#hop-counter')?.textContent || '';
    const m = c.match(/Hop (\d+) of (\d+)/);
    return m && m[1] === m[2] && document.querySelector('#play')?.textContent === 'Play';
  }, null, { timeout: 30000 });
}

/** Saves a screenshot under artifacts/screenshots/. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * A course page on another origin (its own server, another port) that embeds `src` and keeps
 * the messages it receives. Both on this machine: Chromium keeps a public page from framing a
 * local address.
 */
export async function parentPage(page, src, { width = 960, height = 600 } = {}) {
  const html = `<!doctype html><title>course</title><script>
    window.__messages = [];
    window.addEventListener('message', (e) => window.__messages.push({ origin: e.origin, data: e.data }));
  </script><iframe id="lab" src="${src}" width="${width}" height="${height}"></iframe>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  page.once('close', () => server.close());
  await page.goto(`http://127.0.0.1:${server.address().port}/unit-3.html`);
  const frame = await (await page.waitForSelector('#lab')).contentFrame();
  await frame.waitForSelector('body.ready', { timeout: 15000 });
  return frame;
}
