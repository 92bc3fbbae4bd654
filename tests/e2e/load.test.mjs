// The first load: the static server compresses, and the page fetches exactly what
// scripts/first-load.mjs says it needs before the first diagram, each file once, the modules
// and the wasm through index.html's preloads (so the waterfall is one level deep, not seven).
// The engine's worker (js/worker.js and the modules it imports) is the exception: a worker
// has its own module map, which a document's preload does not fill, so it is fetched when
// engine.js starts it, while the preloaded wasm downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { browserSuite, newPage, problems, serve, WWW, ROOT } from './harness.mjs';

const { firstLoadFiles, workerModules, ENTRY } = await import(join(ROOT, 'scripts', 'first-load.mjs'));

let browser;
let base;
browserSuite((b, u) => {
  browser = b;
  base = u;
});

/** GET url with headers: {status, headers, body: Buffer} */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail).end();
  });
}

test('the static server answers gzip when asked, and plain bytes when not', async () => {
  const server = await serve();
  try {
    for (const [path, type] of [['pkg/vpc_playground_bg.wasm', 'application/wasm'], ['js/main.js', 'text/javascript'],
      ['scenarios/default.json', 'application/json'], ['css/app.css', 'text/css'], ['', 'text/html']]) {
      const file = readFileSync(join(WWW, path || 'index.html'));
      const gz = await get(server.url + path, { 'Accept-Encoding': 'gzip, deflate, br' });
      assert.equal(gz.status, 200, path);
      assert.equal(gz.headers['content-encoding'], 'gzip', `${path} is gzipped`);
      assert.ok(gz.headers['content-type'].startsWith(type), `${path}: ${gz.headers['content-type']}`);
      assert.match(gz.headers.vary, /Accept-Encoding/);
      assert.equal(Number(gz.headers['content-length']), gz.body.length);
      assert.ok(gz.body.length < file.length, `${path}: ${gz.body.length} < ${file.length}`);
      assert.ok(gunzipSync(gz.body).equals(file), `${path} unzips to the file`);
      const plain = await get(server.url + path);
      assert.equal(plain.headers['content-encoding'], undefined, `${path}: no gzip unless asked`);
      assert.ok(plain.body.equals(file));
      const refused = await get(server.url + path, { 'Accept-Encoding': 'gzip;q=0, identity' });
      assert.equal(refused.headers['content-encoding'], undefined, `${path}: gzip;q=0 refuses it`);
    }
    const head = await get(server.url + 'pkg/vpc_playground_bg.wasm', { 'Accept-Encoding': 'gzip' });
    const wasm = readFileSync(join(WWW, 'pkg', 'vpc_playground_bg.wasm'));
    // The wasm is the bulk of the first load: compressed it is well under half.
    assert.ok(head.body.length < wasm.length / 2, `wasm ${head.body.length} of ${wasm.length} bytes`);
  } finally {
    await server.close();
  }
});

test('before the first diagram the page fetches exactly its first-load files, once each, modules and wasm preloaded', async () => {
  const { context, page } = await newPage(browser);
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /preload/i.test(m.text())) warnings.push(m.text());
  });
  try {
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName('diagram-drawn').length > 0, null, { timeout: 15000 });
    const entries = await page.evaluate(() => {
      const mark = performance.getEntriesByName('diagram-drawn')[0].startTime;
      return performance.getEntriesByType('resource').filter((r) => r.responseEnd <= mark).map((r) => ({
        path: new URL(r.name).pathname.replace(/^\//, ''), start: r.startTime, end: r.responseEnd,
        encoded: r.encodedBodySize, decoded: r.decodedBodySize,
      }));
    });
    const want = firstLoadFiles(WWW).filter((f) => f !== 'index.html');
    const got = entries.map((e) => e.path);
    assert.deepEqual([...got].sort(), [...want].sort(), 'the files fetched before the first diagram are scripts/first-load.mjs\'s list');
    // No waterfall: every file was asked for before main.js had even arrived, so none waited
    // for a module to be read first (an import or fetch not preloaded starts after it).
    const main = entries.find((e) => e.path === ENTRY);
    const inWorker = workerModules(WWW);
    assert.ok(inWorker.length >= 2, `the worker's modules: ${inWorker}`);
    for (const e of entries.filter((x) => !inWorker.includes(x.path))) {
      assert.ok(e.start < main.end, `${e.path} was requested at ${e.start.toFixed(0)} ms, after main.js arrived (${main.end.toFixed(0)} ms): is it preloaded?`);
    }
    const wasm = entries.find((e) => e.path.endsWith('.wasm'));
    assert.ok(wasm.encoded < wasm.decoded / 2, `the wasm travels compressed (${wasm.encoded} of ${wasm.decoded} bytes)`);
    // A preload the page did not use makes Chromium warn a few seconds after load.
    await page.waitForTimeout(3500);
    assert.deepEqual(warnings, []);
    const later = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
    assert.equal(later.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once');
    assert.ok(later.includes('/data/prices.json'), 'the price table is fetched after the first diagram');
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});
