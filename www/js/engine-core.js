/**
 * The engine itself, synchronous: the wasm glue (pkg/vpc_playground.js) started once, and the
 * operations the page asks of it. It runs where engine.js puts it: in the Web Worker
 * (worker.js), or on the page's own thread when no worker can start (a file:// page, the
 * single-file build, an old browser). engine.js is the page's door; it speaks to this module
 * through the typed messages below, whichever thread it is on.
 *
 * A request is {id, op, args}; the answer is {id, ok: true, value} or
 * {id, ok: false, error: {message, diagnostics}}: an engine error crosses as data, because a
 * structured clone of an Error keeps its message but drops `diagnostics`.
 */

import * as glue from '../pkg/vpc_playground.js';

let version = null;

/**
 * Starts the engine (once) from the compiled module, or the wasm bytes, engine.js hands over.
 * @param {WebAssembly.Module|Uint8Array|undefined} wasm undefined: the glue fetches its .wasm
 * @returns {Promise<string>} the engine version
 */
export async function start(wasm) {
  if (version === null) {
    await glue.default(wasm === undefined ? undefined : { module_or_path: wasm });
    version = glue.version();
  }
  return version;
}

/**
 * The operations, by the name a request carries. Each takes the request's args and returns
 * what engine.js's function of the same name promises (typedefs there).
 */
export const OPS = Object.freeze({
  // The scenario object is parsed from scenarioText by engine.js, on the page's side: sent
  // as an object too it would cross twice, and a big one costs the page more to receive
  // (structured-clone deserialisation) than to parse, in one task with the model.
  load: (input) => glue.load(input),
  scenarioText: (text) => glue.scenarioText(text),
  trace: (handle, flow) => glue.trace(handle, flow),
  applyEdit: (handle, edit) => glue.applyEdit(handle, edit),
  goals: (handle) => glue.goals(handle),
  solve: (text) => glue.solve(text),
  /** The reachability matrix in one call (tests and tools; the page computes it in steps). */
  matrix: (handle, options) => matrixFn('matrix')(handle, options),
  /** A matrix in steps: {job, rows, done}; then steps of source rows, the result, or a drop. */
  matrixStart: (handle, options) => matrixFn('matrixStart')(handle, options),
  matrixStep: (job, rows) => matrixFn('matrixStep')(job, rows),
  matrixFinish: (job) => matrixFn('matrixFinish')(job),
  matrixDrop: (job) => matrixFn('matrixDrop')(job),
});

/**
 * A matrix binding of the glue: the page's door is ready before the wasm binding is.
 * @param {string} name
 * @returns {Function}
 */
function matrixFn(name) {
  const fn = /** @type {any} */ (glue)[name];
  if (typeof fn !== 'function') {
    throw new Error(`This build of the engine has no matrix: pkg/vpc_playground.js exports no \`${name}\` (rebuild with scripts/build-wasm).`);
  }
  return fn;
}

/**
 * An error as data that survives a structured clone: its message, and the load diagnostics
 * the engine attaches.
 * @param {any} e
 * @returns {{message: string, diagnostics?: object[]}}
 */
export function errorData(e) {
  const message = e && typeof e.message === 'string' ? e.message : String(e);
  const out = { message };
  if (e && Array.isArray(e.diagnostics)) out.diagnostics = e.diagnostics;
  return out;
}

/**
 * Answers one request. Never throws: a failure is an answer with ok: false.
 * @param {{id: number, op: string, args?: any[]}} req
 * @returns {Promise<{id: number, ok: true, value: any} | {id: number, ok: false, error: {message: string, diagnostics?: object[]}}>}
 */
export async function answer(req) {
  const id = req && typeof req.id === 'number' ? req.id : -1;
  try {
    if (!req || typeof req.op !== 'string') throw new Error('not an engine request: no op');
    const args = Array.isArray(req.args) ? req.args : [];
    if (req.op === 'init') return { id, ok: true, value: await start(args[0]) };
    if (!Object.prototype.hasOwnProperty.call(OPS, req.op)) throw new Error(`the engine has no operation "${req.op}"`);
    if (version === null) throw new Error('the engine is not loaded');
    return { id, ok: true, value: OPS[req.op](...args) };
  } catch (e) {
    return { id, ok: false, error: errorData(e) };
  }
}
