// The service worker (issue 11 item 11): installing it on the first visit does not download
// the page's files a second time, and a later visit downloads nothing that did not change
// (the server answers 304), while a changed file is downloaded again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { utimesSync, statSync } from 'node:fs';
import { ROOT, WWW, launch, problems } from './harness.mjs';

let browser;
let server;
/** @type {{path: string, status: number}[]} */
const log = [];

before(async () => {
  const { startServer } = await import(pathToFileURL(join(ROOT, 'scripts', 'static-server.mjs')).href);
  server = await startServer(WWW, 0, '127.0.0.1', { log: (e) => log.push(e) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** How many times each path was answered with `status` in `entries`. */
function count(entries, status) {
  const m = new Map();
  for (const e of entries) if (e.status === status) m.set(e.path, (m.get(e.path) || 0) + 1);
  return m;
}

/** Opens the page and waits until the service worker controls it and has finished installing. */
async function visit(page, url) {
  await page.goto(url);
  await page.waitForSelector('body.ready', { timeout: 15000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // Let the worker's install and the page's last lazy requests settle.
  await page.waitForTimeout(500);
}

test('the first visit downloads each file once; the next downloads nothing unchanged', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await visit(page, server.url);
  const first = log.splice(0);
  const twice = [...count(first, 200)].filter(([, n]) => n > 1).map(([p, n]) => `${p} x${n}`);
  assert.deepEqual(twice, [], 'no file is downloaded twice on the first visit');
  const got = count(first, 200);
  for (const p of ['/pkg/vpc_playground_bg.wasm', '/js/main.js', '/lessons/index.json', '/js/netpanel.js']) {
    assert.equal(got.get(p), 1, `${p} downloaded once`);
  }
  // The worker did fill its cache (it asked, and was told its copy was good).
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const c = await caches.open(keys.find((k) => k.startsWith('vpc-playground-')));
    return (await c.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const p of ['/pkg/vpc_playground_bg.wasm', '/js/main.js', '/js/callout.js', '/lessons/peering-return-route.json']) {
    assert.ok(cached.includes(p), `the worker cached ${p}`);
  }

  // A second visit: everything is asked for, nothing unchanged is downloaded.
  await visit(page, server.url);
  const second = log.splice(0);
  assert.ok(second.length > 10, `the second visit asked the server (${second.length} requests)`);
  assert.deepEqual([...count(second, 200).keys()], [], 'the second visit downloaded nothing');
  assert.ok((count(second, 304).get('/pkg/vpc_playground_bg.wasm') || 0) >= 1, 'the wasm was revalidated, not downloaded');

  // A file that changed is downloaded again.
  const f = join(WWW, 'js', 'status.js');
  const { atime, mtime } = statSync(f);
  try {
    utimesSync(f, atime, new Date(mtime.getTime() + 5000));
    await visit(page, server.url);
    const third = count(log.splice(0), 200);
    assert.deepEqual([...third.keys()], ['/js/status.js'], 'only the changed file is downloaded');
  } finally {
    utimesSync(f, atime, mtime);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
