// URL state: round trips (raw and compressed), hostile and damaged input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encodeHash, decodeHash, encodeScenario, decodeScenario, toBase64Url, fromBase64Url, cleanFlow, COMPRESS_ABOVE } from '../../www/js/state.js';

const scenario = readFileSync(new URL('../../www/scenarios/default.json', import.meta.url), 'utf8');

test('base64url round trips every byte value', () => {
  const bytes = new Uint8Array(256).map((_, i) => i);
  const text = toBase64Url(bytes);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(fromBase64Url(text), bytes);
  assert.throws(() => fromBase64Url('a+b/'));
});

test('a long scenario is compressed and comes back byte for byte', async () => {
  assert.ok(scenario.length > COMPRESS_ABOVE);
  const { key, value } = await encodeScenario(scenario);
  assert.equal(key, 'sz');
  assert.ok(value.length < scenario.length, 'smaller than the text');
  assert.equal(await decodeScenario(key, value), scenario);
});

test('a short scenario stays uncompressed, unicode included', async () => {
  const text = '{"name":"ünïcödé ✓ <b>"}';
  const { key, value } = await encodeScenario(text);
  assert.equal(key, 's');
  assert.equal(await decodeScenario(key, value), text);
});

test('hash round trip keeps scenario, flow and embed', async () => {
  const flow = { from: 'i-app1', to: 'com.amazonaws.us-east-1.s3', protocol: 'tcp', port: 443 };
  const hash = await encodeHash({ scenarioText: scenario, flow, embed: true });
  assert.ok(hash.startsWith('#'));
  const st = await decodeHash(hash);
  assert.equal(st.scenarioText, scenario);
  assert.deepEqual(st.flow, flow);
  assert.equal(st.embed, true);
  assert.equal(st.play, false);
});

test('query string flags are read and the hash wins over the query', async () => {
  const st = await decodeHash('#port=22', '?from=i-a&port=80&play=1&lesson=first-steps');
  assert.deepEqual(st.flow, { from: 'i-a', port: 22 });
  assert.equal(st.play, true);
  assert.equal(st.lesson, 'first-steps');
  assert.equal(st.scenarioText, null);
});

test('a damaged scenario in the link is reported, not thrown', async () => {
  const st = await decodeHash('#sz=AAAA!!&from=i-a');
  assert.equal(st.scenarioText, null);
  assert.match(st.scenarioError, /damaged/);
  assert.equal(st.flow.from, 'i-a');
  const st2 = await decodeHash('#sz=' + toBase64Url(new Uint8Array([1, 2, 3, 4])));
  assert.match(st2.scenarioError, /damaged/);
});

test('hostile flow values are cleaned', () => {
  assert.deepEqual(cleanFlow({ from: ' i-1 ', to: 'x', protocol: 'TCP', port: '99999' }), { from: 'i-1', to: 'x', protocol: 'tcp' });
  assert.deepEqual(cleanFlow({ protocol: 'gre', port: '1e3' }), {});
  assert.deepEqual(cleanFlow(null), {});
  assert.equal(cleanFlow({ from: 'a'.repeat(500) }).from.length, 200);
});

test('a lesson name with path characters is refused', async () => {
  const st = await decodeHash('', '?lesson=../../etc/passwd');
  assert.equal(st.lesson, null);
  assert.match(st.lessonError, /not valid/);
});

test('an empty state encodes to an empty hash', async () => {
  assert.equal(await encodeHash({}), '');
});

test('cleanFlow keeps a well-formed S3 request and drops a malformed one', () => {
  const request = { action: 's3:GetObject', resource: 'arn:aws:s3:::acme-reports/daily.csv' };
  assert.deepEqual(cleanFlow({ from: 'i-app', to: 'x', request }).request, request);
  assert.equal(cleanFlow({ from: 'i-app', request: { action: 5, resource: 'r' } }).request, undefined);
  assert.equal(cleanFlow({ from: 'i-app', request: 'GetObject' }).request, undefined);
});
