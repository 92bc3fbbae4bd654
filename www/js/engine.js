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
 * @param {string | {name: string, text: string}[]} input
 * @returns {{format: string, scenario: any, scenarioText: string, model: any, diagnostics: any[]}}
 *   scenarioText: the scenario as JSON text; trace, goals and applyFix given this text reuse
 *   what load built instead of reading it again
 */
export function load(input) {
  return need().load(input);
}

/**
 * @param {string} scenarioText
 * @param {{from: string, to: string, protocol?: string, port?: number}} flow
 * @returns {any} the Trace
 */
export function trace(scenarioText, flow) {
  return need().trace(scenarioText, flow);
}

/**
 * @param {string} scenarioText
 * @param {any} fix
 * @returns {string} the new scenario text
 */
export function applyFix(scenarioText, fix) {
  return need().applyFix(scenarioText, fix);
}

/**
 * Checks the goals of the lesson a scenario carries.
 * @param {string} scenarioText
 * @returns {{text: string, met: boolean, detail: string, reachable: boolean|null,
 *   blocked_at: string|null}[] | null} null when the scenario has no lesson
 */
export function goals(scenarioText) {
  return need().goals(scenarioText);
}

/**
 * Applies a lesson file's solution.
 * @param {string} lessonText the lesson file as written
 * @returns {string} the solved scenario text
 */
export function solve(lessonText) {
  return need().solve(lessonText);
}
