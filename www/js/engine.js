/**
 * The wasm engine, loaded once. Thin: the page's only door to `pkg/vpc_playground.js`.
 * Errors thrown by the engine are JS Errors; load errors carry `err.diagnostics`.
 * In the single-file build the module and the wasm bytes come inlined (see assets.js).
 */

import { bundled } from './assets.js';

let api = null;

/**
 * Loads and starts the engine. Rejects with an Error whose message says what to do.
 * @returns {Promise<string>} the engine version
 */
export async function initEngine() {
  if (api) return api.version();
  if (typeof WebAssembly !== 'object') {
    throw new Error('This browser cannot run WebAssembly. Use a current Firefox, Chrome, Edge or Safari.');
  }
  const bundle = bundled();
  if (location.protocol === 'file:' && !bundle) {
    throw new Error('The page was opened from a file, and browsers do not load WebAssembly that way. Serve the folder instead: run scripts/serve in the repository and open the address it prints.');
  }
  let mod;
  try {
    mod = await import('../pkg/vpc_playground.js');
    // The bundle hands over the bytes, so nothing is fetched (file:// has nothing to fetch from).
    if (bundle) await mod.default({ module_or_path: bundle.wasm() });
    else await mod.default();
  } catch (e) {
    throw new Error(`The engine (pkg/vpc_playground.js and its .wasm) could not be loaded: ${e && e.message ? e.message : e}. Build it with scripts/build-wasm and serve the folder with scripts/serve.`);
  }
  api = mod;
  return api.version();
}

function need() {
  if (!api) throw new Error('the engine is not loaded');
  return api;
}

/**
 * What `load` and `applyEdit` return. `handle` names the estate the engine keeps: `trace`,
 * `goals` and `applyEdit` take it, so no call sends the scenario's text again.
 * @typedef {object} Loaded
 * @property {number} handle
 * @property {'scenario'|'aws'} format
 * @property {string} scenarioText the scenario (AWS input converted) as the engine writes it
 * @property {object} scenario the same, parsed (added here, from scenarioText)
 * @property {object} model the model as drawn (summary.rs `Summary`)
 * @property {Diagnostic[]} diagnostics
 * @property {string|null} created applyEdit: the id of the resource the edit made
 */

/**
 * @typedef {object} Diagnostic
 * @property {'error'|'warning'|'unsupported'} severity
 * @property {string} resource
 * @property {string} field
 * @property {string} message
 */

/**
 * @typedef {object} GoalResult
 * @property {string} text
 * @property {boolean} met
 * @property {string} detail
 * @property {boolean|null} reachable
 * @property {string|null} blocked_at
 */

/** @param {any} res the engine's load result; the scenario object is parsed once, here */
function withScenario(res) {
  res.scenario = JSON.parse(res.scenarioText);
  return res;
}

/**
 * Loads a scenario, or AWS describe-* files (merged), and keeps it in the engine.
 * @param {string | {name: string, text: string}[]} input
 * @returns {Loaded}
 */
export function load(input) {
  return withScenario(need().load(input));
}

/**
 * The scenario as the engine writes it (what `load` would return as scenarioText), without
 * keeping it: for comparing texts and checking an edit before it is applied.
 * @param {string} text
 * @returns {string}
 */
export function scenarioText(text) {
  return need().scenarioText(text);
}

/**
 * @param {number} handle from `load`
 * @param {{from: string, to: string, protocol?: string, port?: number, request?: object}} flow
 * @returns {any} the Trace
 */
export function trace(handle, flow) {
  return need().trace(handle, flow);
}

/**
 * Applies a suggested fix (as `trace` returned it) to the estate `handle`.
 * @param {number} handle
 * @param {any} fix
 * @returns {Loaded} the fixed estate, kept under a new handle
 */
export function applyFix(handle, fix) {
  // A fix is an edit with its sentence and command beside it.
  const { summary, cli, ...edit } = fix;
  return applyEdit(handle, edit);
}

/**
 * Applies an edit (`{kind: 'set-route', ...}`: crate/src/edit.rs `Edit`) to the estate `handle`.
 * @param {number} handle
 * @param {object} edit
 * @returns {Loaded & {created: string|null}} the edited estate, kept under a new handle;
 *   `created`: the id of a resource the edit made
 */
export function applyEdit(handle, edit) {
  return withScenario(need().applyEdit(handle, edit));
}

/**
 * Checks the goals of the lesson the estate `handle` carries.
 * @param {number} handle
 * @returns {GoalResult[] | null} null when the scenario has no lesson
 */
export function goals(handle) {
  return need().goals(handle);
}

/**
 * Applies a lesson file's solution.
 * @param {string} lessonText the lesson file as written
 * @returns {string} the solved scenario text
 */
export function solve(lessonText) {
  return need().solve(lessonText);
}
