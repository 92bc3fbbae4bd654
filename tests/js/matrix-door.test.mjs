// The matrix as the page gets it from the full module (www/pkg): `matrix` in one call and
// `matrixStart` / `matrixStep` / `matrixFinish` in steps give the same compact result (tables
// and a Uint32Array of cell numbers, crate/src/reach/compact.rs), and read through engine.js's
// MatrixResult it is the command's `matrix --json`, field for field: every cell written out
// (`expand`), and each cell read alone (`cell(i, j, p)`, what the page does on a hover or a
// click). This is what keeps the page's matrix the matrix the command prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatrixResult } from '../../www/js/engine.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const glue = await import('../../www/pkg/vpc_playground.js');
await glue.default({ module_or_path: readFileSync(`${ROOT}www/pkg/vpc_playground_bg.wasm`) });

/** The newest built command (cargo test builds the debug one; scripts/bench-page the release one). */
function command() {
  const built = ['target/debug/vpc-playground', 'target/release/vpc-playground']
    .map((p) => ROOT + p)
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(built.length, 'no vpc-playground command built: run `cargo build` first');
  return built[0];
}

/** The command's matrix of `file` (a path under the repository, or a scenario text). */
function cliMatrix(file, flags) {
  return JSON.parse(execFileSync(command(), ['matrix', ROOT + file, '--json', ...flags], { encoding: 'utf8' }));
}

const CASES = [
  ['www/scenarios/default.json', {}, []],
  ['www/scenarios/peering-one-way.json', {}, []],
  ['www/scenarios/default.json', { protocol: 'any', ports: '22,443' }, ['--protocol', 'any', '--ports', '22,443']],
  ['www/scenarios/hostile.json', { from: 'instances', to: 'subnets' }, ['--from', 'instances', '--to', 'subnets']],
];

for (const [file, options, flags] of CASES) {
  test(`${file} ${JSON.stringify(options)}: the page's matrix, in one call and in steps, is the command's`, () => {
    const text = readFileSync(ROOT + file, 'utf8');
    const { handle } = glue.load(text);
    const once = glue.matrix(handle, options);
    let state = glue.matrixStart(handle, options);
    assert.equal(state.done, 0);
    while (state.done < state.rows) state = glue.matrixStep(state.job, 1);
    const stepped = glue.matrixFinish(state.job);
    assert.ok(once.cells instanceof Uint32Array, 'the cells cross as a typed array');
    assert.deepEqual(stepped, once, 'in steps as in one call');
    assert.throws(() => glue.matrixStep(state.job, 1), /no matrix job/, 'a finished job is forgotten');

    const m = new MatrixResult(once);
    const cli = cliMatrix(file, flags);
    assert.deepEqual(m.expand(), cli, 'written out, the page\'s matrix is the command\'s JSON');
    // Each cell read alone, by position, is the command's cell of that row and column.
    const byKey = new Map(cli.cells.map((c) => [`${c.from}\u0000${c.to}\u0000${c.port}\u0000${c.protocol}`, c]));
    let read = 0;
    m.sources.forEach((r, i) => m.destinations.forEach((d, j) => m.probes.forEach((p, k) => {
      const want = byKey.get(`${r.label}\u0000${d.label}\u0000${p.port}\u0000${p.protocol}`) ?? null;
      assert.deepEqual(m.cell(i, j, k), want, `${r.label} -> ${d.label} ${p.protocol} ${p.port}`);
      read += want ? 1 : 0;
    })));
    assert.equal(read, cli.cells.length, 'every cell of the command\'s is one of the page\'s');
    assert.equal(m.count, cli.cells.length, 'the count');
    assert.equal(m.reachable, cli.cells.filter((c) => c.reachable).length, 'the reachable count');
    assert.equal(m.sourceIndex(cli.sources.at(-1).label), cli.sources.length - 1);
    assert.equal(m.cell(m.sources.length, 0), null, 'no row past the last');
    assert.equal(m.sourceIndex('no-such-group'), -1);
    assert.ok(m.count > 0, 'some cells');
    assert.equal(m.count, m.stats.traces, 'one cell per trace');
  });
}

test('a result without its cell numbers, or with too few, is a clear error, not a wrong matrix', () => {
  const { handle } = glue.load(readFileSync(`${ROOT}www/scenarios/default.json`, 'utf8'));
  const data = glue.matrix(handle, {});
  assert.throws(() => new MatrixResult({ ...data, cells: [...data.cells] }), /without its tables and cells/);
  assert.throws(() => new MatrixResult({ ...data, cells: data.cells.subarray(3) }), /cell numbers, not/);
});

test('engine.matrix() through the page\'s door (on this thread, as file:// and the bundle run it) is the command\'s', async () => {
  const { engine } = await import('./fixtures/node-engine.mjs');
  const { handle } = await engine.load(readFileSync(`${ROOT}www/scenarios/default.json`, 'utf8'));
  const progress = [];
  const m = await engine.matrix(handle, { protocol: 'tcp', ports: '5432' }, { onProgress: (done, rows) => progress.push([done, rows]) });
  assert.ok(m instanceof MatrixResult, 'a MatrixResult');
  assert.deepEqual(m.expand(), cliMatrix('www/scenarios/default.json', ['--protocol', 'tcp', '--ports', '5432']));
  assert.deepEqual(progress.at(-1), [m.stats.source_classes, m.stats.source_classes], 'progress ends at every source row');
});
