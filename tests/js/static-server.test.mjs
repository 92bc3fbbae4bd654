// scripts/static-server.mjs answers with validators, and 304 when the client's copy is current
// (so a second visit and the service worker's install download nothing unchanged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, utimesSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stillFresh } from '../../scripts/static-server.mjs';

test('If-None-Match: a weak or strong match, a list, or *; nothing else', () => {
  assert.equal(stillFresh('W/"a-b"', 'W/"a-b"'), true);
  assert.equal(stillFresh('"a-b"', 'W/"a-b"'), true);
  assert.equal(stillFresh('"x", W/"a-b"', 'W/"a-b"'), true);
  assert.equal(stillFresh('*', 'W/"a-b"'), true);
  assert.equal(stillFresh('W/"a-c"', 'W/"a-b"'), false);
  assert.equal(stillFresh(undefined, 'W/"a-b"'), false);
});

test('a file comes with its validator; the same validator gets 304 until the file changes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-'));
  const file = join(dir, 'a.js');
  writeFileSync(file, 'export const a = 1;\n');
  const seen = [];
  const srv = await startServer(dir, 0, '127.0.0.1', { log: (e) => seen.push(e) });
  try {
    const url = `${srv.url}a.js`;
    const r1 = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(r1.status, 200);
    assert.equal(r1.headers.get('cache-control'), 'no-cache');
    const tag = r1.headers.get('etag');
    assert.match(tag, /^W\/"/);
    assert.ok(r1.headers.get('last-modified'));
    assert.equal(await r1.text(), 'export const a = 1;\n');
    const r2 = await fetch(url, { headers: { 'if-none-match': tag, 'accept-encoding': 'identity' } });
    assert.equal(r2.status, 304);
    assert.equal(await r2.text(), '');
    // The gzipped copy has its own validator: one encoding's tag does not validate the other.
    const gz = await fetch(url, { headers: { 'if-none-match': tag, 'accept-encoding': 'gzip' } });
    assert.equal(gz.status, 200);
    assert.notEqual(gz.headers.get('etag'), tag);
    utimesSync(file, new Date(), new Date(Date.now() + 10000));
    const r3 = await fetch(url, { headers: { 'if-none-match': tag, 'accept-encoding': 'identity' } });
    assert.equal(r3.status, 200, 'a changed file is sent again');
    // The log hears of an answer when it has been sent, which may be after the client has it.
    await new Promise((ok) => setTimeout(ok, 50));
    assert.deepEqual(seen.map((e) => e.status), [200, 304, 200, 200]);
    assert.ok(seen.every((e) => e.path === '/a.js'));
  } finally {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
