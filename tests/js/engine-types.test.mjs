// The JSDoc typedefs in www/js/engine.js say what the page receives from the engine. This test
// reads their @property names from engine.js and compares them with real results of the built
// engine (www/pkg) through engine.js itself: it fails when a typedef lists a key the engine
// does not produce, or the engine produces a key the typedef does not list (issue 8 item 2).
// A bracketed property (`[replaces]`) is one serde leaves out when it has its default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './fixtures/node-engine.mjs';

const source = readFileSync(new URL('../../www/js/engine.js', import.meta.url), 'utf8');

/** The text of a `{...}` type starting at `i` (at its `{`), braces nested; and the index after it. */
function braced(text, i) {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '{') depth++;
    else if (text[j] === '}' && --depth === 0) return [text.slice(i + 1, j), j + 1];
  }
  throw new Error(`unclosed { at ${i}`);
}

/**
 * Every @typedef in a source text: name -> {required: Set, optional: Set, types: Map}.
 * @param {string} text
 */
function typedefs(text) {
  const out = new Map();
  for (const [comment] of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const at = comment.indexOf('@typedef');
    if (at < 0) continue;
    const [, afterType] = braced(comment, comment.indexOf('{', at));
    const name = comment.slice(afterType).match(/^\s*([A-Za-z_$][\w$]*)/)[1];
    const def = { required: new Set(), optional: new Set(), types: new Map() };
    for (const m of comment.matchAll(/@property\s*(?=\{)/g)) {
      const [type, after] = braced(comment, m.index + m[0].length);
      const p = comment.slice(after).match(/^\s*(\[)?([A-Za-z_$][\w$]*)/);
      assert.ok(p, `${name}: a @property without a name`);
      (p[1] ? def.optional : def.required).add(p[2]);
      def.types.set(p[2], type.trim());
    }
    assert.ok(!out.has(name), `typedef ${name} is declared twice`);
    out.set(name, def);
  }
  return out;
}

const defs = typedefs(source);
/** typedef name -> how many real objects were checked against it */
const seen = new Map();

/** Fails unless the keys of `obj` are the typedef's (one that an `extra` typedef adds to). */
function check(name, obj, where, extra = null) {
  const def = defs.get(name);
  assert.ok(def, `engine.js has no @typedef ${name}`);
  assert.ok(obj && typeof obj === 'object', `${where}: expected an object for ${name}, got ${obj}`);
  const required = new Set([...def.required, ...(extra ? extra.required : [])]);
  const allowed = new Set([...required, ...def.optional, ...(extra ? extra.optional : [])]);
  const keys = Object.keys(obj);
  const unlisted = keys.filter((k) => !allowed.has(k));
  assert.deepEqual(unlisted, [], `${where}: the engine produces ${unlisted.join(', ')}, which @typedef ${name} does not list`);
  const missing = [...required].filter((k) => !keys.includes(k));
  assert.deepEqual(missing, [], `${where}: @typedef ${name} lists ${missing.join(', ')}, which the engine does not produce`);
  seen.set(name, (seen.get(name) || 0) + 1);
}

/** The typedef of an edit by its kind: the one whose `kind` property is that string. */
function editDef(kind) {
  const found = [...defs].filter(([n, d]) => n.endsWith('Edit') && d.types.get('kind') === `'${kind}'`);
  assert.equal(found.length, 1, `one @typedef ...Edit in engine.js for edits of kind '${kind}' (found ${found.length})`);
  return found[0];
}

function checkFix(fix, where) {
  const [, def] = editDef(fix.kind);
  check('Fix', fix, `${where}.fix`, { required: [...def.required].filter((k) => k !== 'kind'), optional: def.optional });
  const { summary, cli, ...edit } = fix;
  check(editDef(fix.kind)[0], edit, `${where}.fix as an edit`);
}

function checkTrace(t, where) {
  check('Trace', t, where);
  check('FlowInfo', t.flow, `${where}.flow`);
  if (t.fix) checkFix(t.fix, where);
  t.hops.forEach((hop, i) => {
    const at = `${where}.hops[${i}] (${hop.kind} ${hop.component})`;
    check('Hop', hop, at);
    check('Header', hop.header_in, `${at}.header_in`);
    check('Header', hop.header_out, `${at}.header_out`);
    if (hop.route) {
      check('RouteDecision', hop.route, `${at}.route`);
      if (hop.route.matched) check('RouteCandidate', hop.route.matched, `${at}.route.matched`);
      hop.route.candidates.forEach((c, k) => check('RouteCandidate', c, `${at}.route.candidates[${k}]`));
    }
    if (hop.rule) check('RuleMatch', hop.rule, `${at}.rule`);
  });
}

const read = (path) => readFileSync(new URL(`../../www/${path}`, import.meta.url), 'utf8');
const tcp = (from, to, port) => ({ from, to, protocol: 'tcp', port });

test('engine.js declares the typedefs this test checks', () => {
  for (const name of ['Loaded', 'Model', 'Diagnostic', 'GoalResult', 'Trace', 'FlowInfo', 'Hop', 'Header', 'RouteDecision', 'RouteCandidate', 'RuleMatch', 'Fix']) {
    assert.ok(defs.get(name)?.required.size, `@typedef ${name} with its @property list`);
  }
  // Only an edit leaves keys out (serde's skip_serializing_if); every other shape always has
  // all its keys, null when there is nothing, so none of its keys may be marked optional.
  for (const [name, d] of defs) {
    if (!name.endsWith('Edit')) assert.deepEqual([...d.optional], [], `@typedef ${name}: the engine always writes these keys`);
  }
});

test('the typedefs name exactly the keys of what load, trace, applyFix and goals return', async () => {
  // The default scenario: a flow blocked by a route (a set-route fix), one blocked by a
  // security group (an add-security-group-rule fix), and reachable ones.
  const start = await engine.load(read('scenarios/default.json'));
  check('Loaded', start, 'load(default)');
  check('Model', start.model, 'load(default).model');
  const byRoute = await engine.trace(start.handle, tcp('i-app1', 'i-db1', 5432));
  assert.equal(byRoute.reachable, false);
  assert.equal(byRoute.fix.kind, 'set-route');
  checkTrace(byRoute, 'trace(no route)');
  const bySg = await engine.trace(start.handle, tcp('i-app1', 'i-db1', 22));
  assert.equal(bySg.blocked_at, 'sg-db');
  assert.equal(bySg.fix.kind, 'add-security-group-rule');
  checkTrace(bySg, 'trace(security group)');
  const fixed = await engine.applyFix(start.handle, byRoute.fix);
  check('Loaded', fixed, 'applyFix');
  const reachable = await engine.trace(fixed.handle, tcp('i-app1', 'i-db1', 5432));
  assert.equal(reachable.reachable, true, reachable.explanation);
  checkTrace(reachable, 'trace(reachable)');
  checkTrace(await engine.trace(start.handle, tcp('i-web1', '8.8.8.8', 443)), 'trace(web to the internet)');

  // A lesson: its goals, and its flow blocked on the reply.
  const lesson = await engine.load(read('lessons/peering-return-route.json'));
  check('Loaded', lesson, 'load(lesson)');
  const goals = await engine.goals(lesson.handle);
  assert.ok(goals.length > 0);
  goals.forEach((g, i) => check('GoalResult', g, `goals()[${i}]`));
  const reply = await engine.trace(lesson.handle, tcp('i-app', 'i-db', 5432));
  assert.ok(reply.hops.some((h) => h.leg === 'return'), 'the reply leg is traced');
  checkTrace(reply, 'trace(lesson)');

  // A scenario that does not load: its diagnostics.
  const bad = JSON.parse(read('scenarios/default.json'));
  bad.instances[0].subnet = 'subnet-nowhere';
  let err = null;
  try {
    await engine.load(JSON.stringify(bad));
  } catch (e) {
    err = e;
  }
  assert.ok(err?.diagnostics?.length > 0, 'the load fails with diagnostics');
  err.diagnostics.forEach((d, i) => check('Diagnostic', d, `load error diagnostics[${i}]`));

  // Every typedef was compared with at least one real object: a hop with a route and one with
  // a rule (a group's and an ACL's) were among them.
  for (const name of ['Loaded', 'Model', 'Diagnostic', 'GoalResult', 'Trace', 'FlowInfo', 'Hop', 'Header', 'RouteDecision', 'RouteCandidate', 'RuleMatch', 'Fix', 'SetRouteEdit', 'AddSecurityGroupRuleEdit']) {
    assert.ok(seen.get(name) > 0, `no real object was checked against @typedef ${name}`);
  }
  const rules = [byRoute, bySg, reachable, reply].flatMap((t) => t.hops.filter((h) => h.rule).map((h) => h.rule.kind));
  assert.ok(rules.includes('security-group') && rules.includes('network-acl'), `rule hops of both kinds: ${[...new Set(rules)]}`);
});

test('the typedef parser reads names, optional keys and nested types', () => {
  const d = typedefs(`/**
 * @typedef {object} T
 * @property {{a: {b: number}}|null} x nested braces
 * @property {string} [y] optional
 */`).get('T');
  assert.deepEqual([...d.required], ['x']);
  assert.deepEqual([...d.optional], ['y']);
  assert.equal(d.types.get('x'), '{a: {b: number}}|null');
});
