// The matrix as the page gets it from the full module (www/pkg): `matrix` in one call and
// `matrixStart` / `matrixStep` / `matrixFinish` in steps give the same plain object, and it is
// the command's `matrix --json`, field for field. The module builds the object with one
// JSON.parse of the engine's JSON text (crate/src/bindings/matrix.rs, issue 12), so this is
// what keeps that object the matrix the command prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

const CASES = [
  ['www/scenarios/default.json', {}, []],
  ['www/scenarios/peering-one-way.json', {}, []],
  ['www/scenarios/default.json', { protocol: 'any', ports: '22,443' }, ['--protocol', 'any', '--ports', '22,443']],
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
    assert.deepEqual(stepped, once, 'in steps as in one call');
    const cli = JSON.parse(execFileSync(command(), ['matrix', ROOT + file, '--json', ...flags], { encoding: 'utf8' }));
    assert.deepEqual(once, cli, 'the page object is the command\'s JSON');
    assert.ok(once.cells.length > 0, 'some cells');
    assert.equal(typeof once.cells[0].reachable, 'boolean', 'a cell\'s verdict is flattened into it');
    assert.equal(once.cells.length, once.stats.traces, 'one cell per trace');
    assert.throws(() => glue.matrixStep(state.job, 1), /no matrix job/, 'a finished job is forgotten');
  });
}
