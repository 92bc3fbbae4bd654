// A 1,500-VPC scenario (the benchmark's estate) loads through the page's door, a blocked flow
// gets a suggested fix, and applyFix applies it: issue 8 item 8 ("a 1,500-VPC scenario that
// loads must also survive applyFix"; its pretty text was once over the input limit and the
// fix failed). Runs www/js/engine.js on the built engine (www/pkg) in node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { estate } from './fixtures/estate.mjs';
import { engine } from './fixtures/node-engine.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const bench = ['release', 'debug'].map((p) => `${ROOT}target/${p}/bench`).find((f) => existsSync(f));

test('the JS estate is the bench binary\'s, byte for byte', { skip: bench ? false : 'no bench binary built (cargo build --bin bench)' }, () => {
  for (const n of [2, 7]) {
    const rust = execFileSync(bench, ['--write', String(n), '-'], { encoding: 'utf8' });
    assert.equal(JSON.stringify(estate(n)), rust, `${n} VPCs`);
  }
});

test('a 1,500-VPC scenario loads, and the fix for a flow with no route makes it reachable', async () => {
  const text = JSON.stringify(estate(1500));
  assert.ok(text.length > 16e6, `a big scenario (${text.length} bytes)`);
  const loaded = await engine.load(text);
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.equal(loaded.model.vpcs.length, 1500);

  // The db table of VPC 700 has no default route (the bench's "blocked: no route").
  const flow = { from: 'i-db-700', to: '8.8.8.8', protocol: 'tcp', port: 443 };
  const blocked = await engine.trace(loaded.handle, flow);
  assert.equal(blocked.reachable, false);
  assert.equal(blocked.blocked_at, 'rtb-db-700');
  assert.equal(blocked.explanation_code, 'NO_ROUTE_TO_DESTINATION');
  assert.equal(blocked.fix.kind, 'set-route');
  assert.equal(blocked.fix.route_table, 'rtb-db-700');
  assert.equal(blocked.fix.target, 'nat-700');

  const fixed = await engine.applyFix(loaded.handle, blocked.fix);
  assert.notEqual(fixed.handle, loaded.handle, 'the fixed estate is kept under a new handle');
  assert.equal(fixed.model.vpcs.length, 1500);
  const table = fixed.scenario.route_tables.find((t) => t.id === 'rtb-db-700');
  assert.ok(table.routes.some((r) => r.destination === '0.0.0.0/0' && r.target === 'nat-700'), 'the route is in the fixed scenario');
  const after = await engine.trace(fixed.handle, flow);
  assert.equal(after.reachable, true, after.explanation);
  assert.equal(after.fix, null);
  // The estate it came from is kept as it was.
  assert.equal((await engine.trace(loaded.handle, flow)).reachable, false);
});
