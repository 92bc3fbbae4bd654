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

import * as coreGlue from '../pkg-core/vpc_playground.js';

/*
 * Two modules (docs/architecture.md, "Two modules"): the page starts on the core module
 * (pkg-core: load a scenario, trace, check goals), the smallest the first diagram needs, and
 * the full one (pkg: AWS input, edits, lesson solutions, the matrix) is imported after the
 * first diagram (`warm`) or when first asked for what only it does. The core module says so
 * with an Error carrying `needsFull: true`; the request is then asked of the full module.
 * Each module keeps its own estates, so the handles the page sees are this file's: each maps
 * to a module and its handle there, and an estate of the core module is loaded into the full
 * one from its scenario text when the full one is first needed for it. The single-file
 * bundle and node start on the full module alone.
 */

let version = null;
/** @type {any} the full module's glue, once started */
let fullGlue = null;
/** @type {Promise<any>|null} */
let fullStarting = null;
/** @type {WebAssembly.Module|Uint8Array|undefined} the full module's wasm, if it was handed over (node) */
let fullWasm;

/**
 * The estates by the page's handle: the module that holds it, its handle there, and (for the
 * core module's) the scenario text that loads it into the full module.
 * @type {Map<number, {glue: any, handle: number, text: string|null}>}
 */
const estates = new Map();
let lastHandle = 0;
/** The engine keeps its 4 newest estates per module; a few more names cost nothing. */
const KEPT = 16;

/**
 * Starts the engine (once) from the compiled module, or the wasm bytes, engine.js hands over.
 * @param {WebAssembly.Module|Uint8Array|undefined} wasm undefined: the glue fetches its .wasm
 * @param {'core'|'full'} [which] the module `wasm` is: the core one (the served page) or the
 *   full one (the bundle, node)
 * @param {WebAssembly.Module|Uint8Array} [full] the full module's wasm, where its glue cannot
 *   fetch it (node); by default the glue fetches it from beside itself
 * @returns {Promise<string>} the engine version
 */
export async function start(wasm, which = 'core', full) {
  fullWasm = full;
  if (version === null) {
    const init = wasm === undefined ? undefined : { module_or_path: wasm };
    if (which === 'full') {
      const glue = await import('../pkg/vpc_playground.js');
      await glue.default(init);
      fullGlue = glue;
      fullStarting = Promise.resolve(glue);
      version = glue.version();
    } else {
      await coreGlue.default(init);
      version = coreGlue.version();
    }
  }
  return version;
}

/** The full module, started on first use (its glue fetches its own .wasm beside it). */
function full() {
  if (!fullStarting) {
    fullStarting = (async () => {
      const glue = await import('../pkg/vpc_playground.js');
      await glue.default(fullWasm === undefined ? undefined : { module_or_path: fullWasm });
      fullGlue = glue;
      return glue;
    })();
    // A failed start is retried by the next request that needs it, not remembered.
    fullStarting.catch(() => {
      fullStarting = null;
    });
  }
  return fullStarting;
}

/** The module new estates go to: the full one once it runs, else the core one. */
const current = () => fullGlue || coreGlue;

/** @param {any} e */
const needsFull = (e) => Boolean(e && e.needsFull === true);

/**
 * Runs `f` on the current module; if the core module answers that it cannot, on the full one.
 * @template T
 * @param {(glue: any) => T} f
 * @returns {Promise<T>}
 */
async function onEither(f) {
  const glue = current();
  try {
    return f(glue);
  } catch (e) {
    if (glue === fullGlue || !needsFull(e)) throw e;
  }
  return f(await full());
}

/** Names a module's load result by a page handle. */
function kept(glue, result) {
  const handle = ++lastHandle;
  const text = glue === fullGlue ? null : result.scenarioText;
  estates.set(handle, { glue, handle: result.handle, text });
  for (const h of estates.keys()) {
    if (estates.size <= KEPT) break;
    estates.delete(h);
  }
  result.handle = handle;
  return result;
}

/** @param {number} handle */
function estate(handle) {
  const e = estates.get(handle);
  if (!e) throw new Error(`no loaded estate has the handle ${handle}: load the scenario again`);
  return e;
}

/** The estate `handle` in the full module, loaded there from its scenario text if it was the core module's. */
async function inFull(handle) {
  const e = estate(handle);
  if (e.glue !== fullGlue) {
    const glue = await full();
    if (e.glue !== glue) {
      e.handle = glue.load(e.text).handle;
      e.glue = glue;
      e.text = null;
    }
  }
  return e;
}

/**
 * The operations, by the name a request carries. Each takes the request's args and returns
 * (or promises) what engine.js's function of the same name promises (typedefs there), but
 * for `load` and `applyEdit`, whose model comes as JSON text (`modelJson`) that engine.js
 * parses on the page's side: a string crosses from the worker for almost nothing.
 */
export const OPS = Object.freeze({
  // The scenario object is parsed from scenarioText by engine.js, on the page's side: sent
  // as an object too it would cross twice, and a big one costs the page more to receive
  // (structured-clone deserialisation) than to parse, in one task with the model.
  load: async (input) => {
    const glue = current();
    try {
      return kept(glue, glue.load(input));
    } catch (e) {
      if (glue === fullGlue || !needsFull(e)) throw e;
    }
    const f = await full();
    return kept(f, f.load(input));
  },
  scenarioText: (text) => onEither((glue) => glue.scenarioText(text)),
  trace: (handle, flow) => {
    const e = estate(handle);
    return e.glue.trace(e.handle, flow);
  },
  applyEdit: async (handle, edit) => {
    const e = await inFull(handle);
    return kept(e.glue, e.glue.applyEdit(e.handle, edit));
  },
  goals: async (handle) => {
    const e = estate(handle);
    try {
      return e.glue.goals(e.handle);
    } catch (err) {
      if (e.glue === fullGlue || !needsFull(err)) throw err;
    }
    const f = await inFull(handle);
    return f.glue.goals(f.handle);
  },
  solve: async (text) => (await full()).solve(text),
  /** The reachability matrix in one call (tests and tools; the page computes it in steps). */
  matrix: async (handle, options) => {
    const e = await inFull(handle);
    return e.glue.matrix(e.handle, options);
  },
  /** A matrix in steps: {job, rows, done}; then steps of source rows, the result, or a drop. */
  matrixStart: async (handle, options) => {
    const e = await inFull(handle);
    return e.glue.matrixStart(e.handle, options);
  },
  // A job lives in the full module, where matrixStart made it.
  matrixStep: async (job, rows) => (await full()).matrixStep(job, rows),
  matrixFinish: async (job) => (await full()).matrixFinish(job),
  matrixDrop: async (job) => (await full()).matrixDrop(job),
  /** Starts the full module in the background (the page asks once its first diagram is drawn). */
  warm: async () => {
    await full();
    return true;
  },
});

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
    if (req.op === 'init') return { id, ok: true, value: await start(args[0], args[1], args[2]) };
    if (!Object.prototype.hasOwnProperty.call(OPS, req.op)) throw new Error(`the engine has no operation "${req.op}"`);
    if (version === null) throw new Error('the engine is not loaded');
    return { id, ok: true, value: await OPS[req.op](...args) };
  } catch (e) {
    return { id, ok: false, error: errorData(e) };
  }
}
