// The worker's side of the page's door to the engine (www/js/worker.js and engine-core.js):
// typed requests {id, op, args}, one answer each, {id, ok: true, value} or {id, ok: false,
// error: {message, diagnostics}}, and answers that survive the structured clone postMessage
// makes (an Error's `diagnostics` would not, so errors cross as data). Runs worker.js itself
// in a stand-in worker scope, on the built engine (www/pkg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const WWW = new URL('../../www/', import.meta.url);
const read = (p) => readFileSync(new URL(p, WWW), 'utf8');
// The served page's two modules (engine-core.js): the core one it starts on, and the full one,
// handed over here because node cannot fetch a file: URL as the glue would.
const wasm = readFileSync(new URL('pkg-core/vpc_playground_bg.wasm', WWW));
const fullWasm = readFileSync(new URL('pkg/vpc_playground_bg.wasm', WWW));

// A dedicated worker's global scope, as far as worker.js uses it: message events in, and
// postMessage out (through a structured clone, as a real one).
const posted = [];
const scope = new EventTarget();
scope.postMessage = (m) => posted.push(structuredClone(m));
globalThis.self = scope;
await import('../../www/js/worker.js');

/** Posts a request to worker.js and waits for its answer. */
async function ask(req) {
  const before = posted.length;
  const ev = new Event('message');
  ev.data = req;
  scope.dispatchEvent(ev);
  for (let i = 0; i < 200 && posted.length === before; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(posted.length, before + 1, `one answer to ${JSON.stringify(req).slice(0, 80)}`);
  return posted[before];
}

test('a request before init is refused with a clear error, not lost', async () => {
  const res = await ask({ id: 1, op: 'trace', args: [0, { from: 'a', to: 'b' }] });
  assert.deepEqual(res, { id: 1, ok: false, error: { message: 'the engine is not loaded' } });
});

test('init starts the engine; load, trace, goals, scenarioText, applyEdit and solve answer in kind', async () => {
  const init = await ask({ id: 2, op: 'init', args: [wasm, 'core', fullWasm] });
  assert.equal(init.id, 2);
  assert.equal(init.ok, true, JSON.stringify(init.error));
  assert.match(init.value, /^\d+\.\d+\.\d+/);

  const text = read('scenarios/default.json');
  const loaded = await ask({ id: 3, op: 'load', args: [text] });
  assert.equal(loaded.ok, true);
  assert.equal(typeof loaded.value.handle, 'number');
  // The scenario and the model cross once each, as text (engine.js parses them on the page's
  // side: a string is cheap to send, a big object was not).
  assert.equal(loaded.value.scenario, undefined);
  assert.equal(JSON.parse(loaded.value.scenarioText).name, JSON.parse(text).name);
  assert.equal(loaded.value.model, undefined);
  assert.equal(typeof loaded.value.modelJson, 'string');
  assert.ok(JSON.parse(loaded.value.modelJson).vpcs.length >= 2);

  const t = await ask({ id: 4, op: 'trace', args: [loaded.value.handle, { from: 'i-app1', to: 'i-db1', protocol: 'tcp', port: 5432 }] });
  assert.equal(t.ok, true);
  assert.equal(t.value.reachable, false);
  assert.equal(t.value.blocked_at, 'rtb-db');
  assert.equal(t.value.explanation_code, 'NO_ROUTE_TO_DESTINATION');

  const { summary, cli, ...edit } = t.value.fix;
  const fixed = await ask({ id: 5, op: 'applyEdit', args: [loaded.value.handle, edit] });
  assert.equal(fixed.ok, true);
  assert.notEqual(fixed.value.handle, loaded.value.handle);
  const again = await ask({ id: 6, op: 'trace', args: [fixed.value.handle, { from: 'i-app1', to: 'i-db1', protocol: 'tcp', port: 5432 }] });
  assert.equal(again.value.reachable, true, again.value.explanation);

  const canon = await ask({ id: 7, op: 'scenarioText', args: [text] });
  assert.equal(canon.value, loaded.value.scenarioText);

  const lessonText = read('lessons/peering-return-route.json');
  const lesson = await ask({ id: 8, op: 'load', args: [lessonText] });
  const goals = await ask({ id: 9, op: 'goals', args: [lesson.value.handle] });
  assert.ok(goals.value.length > 0);
  assert.ok(goals.value.some((g) => !g.met), 'the unsolved lesson has an unmet goal');
  const solved = await ask({ id: 10, op: 'solve', args: [lessonText] });
  const solvedLoad = await ask({ id: 11, op: 'load', args: [solved.value] });
  const solvedGoals = await ask({ id: 12, op: 'goals', args: [solvedLoad.value.handle] });
  assert.ok(solvedGoals.value.every((g) => g.met), 'the solution meets every goal');
});

test('a load error crosses to the page with its message and diagnostics', async () => {
  const bad = JSON.parse(read('scenarios/default.json'));
  bad.instances[0].subnet = 'subnet-nowhere';
  const res = await ask({ id: 20, op: 'load', args: [JSON.stringify(bad)] });
  assert.equal(res.id, 20);
  assert.equal(res.ok, false);
  assert.match(res.error.message, /subnet-nowhere/);
  assert.ok(res.error.diagnostics.length > 0, 'the diagnostics survive the clone');
  assert.ok(res.error.diagnostics.some((d) => d.severity === 'error' && /subnet-nowhere/.test(d.message)));

  const json = await ask({ id: 21, op: 'load', args: ['{"vpcs": [,]}'] });
  assert.equal(json.ok, false);
  assert.match(json.error.message, /not valid JSON/);
});

test('an unknown or malformed request gets an error answer, and the next one still works', async () => {
  assert.deepEqual(await ask({ id: 30, op: 'format-disk', args: [] }), { id: 30, ok: false, error: { message: 'the engine has no operation "format-disk"' } });
  assert.deepEqual(await ask({ id: 31 }), { id: 31, ok: false, error: { message: 'not an engine request: no op' } });
  assert.deepEqual(await ask(null), { id: -1, ok: false, error: { message: 'not an engine request: no op' } });
  // Not an own operation: no prototype method is reachable by name.
  assert.equal((await ask({ id: 32, op: 'toString', args: [] })).ok, false);
  const t = await ask({ id: 33, op: 'trace', args: [123456, { from: 'i-app1', to: 'i-db1' }] });
  assert.equal(t.ok, false, 'an unknown handle is an error');
  assert.ok(t.error.message.length > 0);
  const ok = await ask({ id: 34, op: 'scenarioText', args: [read('scenarios/default.json')] });
  assert.equal(ok.ok, true);
});

test('matrix is a door before the engine has it: an answer either way, an error that says so', async () => {
  const glue = await import('../../www/pkg/vpc_playground.js');
  const { value } = await ask({ id: 40, op: 'load', args: [read('scenarios/default.json')] });
  const res = await ask({ id: 41, op: 'matrix', args: [value.handle, {}] });
  assert.equal(res.id, 41);
  if (typeof glue.matrix === 'function') assert.equal(res.ok, true, JSON.stringify(res.error));
  else {
    assert.equal(res.ok, false);
    assert.match(res.error.message, /no matrix/);
  }
});

// The core module's side of the split: it loads scenarios, traces and checks goals, and says
// `needsFull` for the rest, on which engine-core.js asks the full module (the test above
// goes through that: applyEdit on an estate the core module loaded).
test('the core module refuses AWS output and has no edits, matrix or solve: the full module does them', async () => {
  const core = await import('../../www/pkg-core/vpc_playground.js');
  await core.default({ module_or_path: wasm });
  const aws = JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '1', State: 'available' }] });
  assert.throws(() => core.load(aws), (e) => e.needsFull === true && /AWS describe-\* output/.test(e.message));
  assert.throws(() => core.load([{ name: 'a.json', text: aws }, { name: 'b.json', text: aws }]), (e) => e.needsFull === true);
  assert.throws(() => core.scenarioText(aws), (e) => e.needsFull === true);
  for (const f of ['applyEdit', 'solve', 'matrix']) assert.equal(typeof core[f], 'undefined', `core has no ${f}`);
  const loaded = core.load(read('scenarios/default.json'));
  const t = core.trace(loaded.handle, { from: 'i-app1', to: 'i-db1', protocol: 'tcp', port: 5432 });
  assert.equal(t.blocked_at, 'rtb-db');
  // A bad scenario is still the core module's to explain, with its diagnostics.
  assert.throws(() => core.load('{"vpcs": 3}'), (e) => !e.needsFull && /expected a sequence/.test(e.message) && e.diagnostics.length === 1);

  // Through the door: AWS output lands in the full module and its handle traces there.
  const res = await ask({ id: 50, op: 'load', args: [aws] });
  assert.equal(res.ok, true, JSON.stringify(res.error));
  assert.equal(res.value.format, 'aws');
  assert.equal(JSON.parse(res.value.modelJson).vpcs[0].id, 'vpc-1');
});
