/**
 * Autosave: the scenario and flow go to localStorage on every change, and to the URL hash
 * (debounced) so a link reproduces what you see.
 */

import { encodeHash, cleanFlow } from './state.js';

const KEY = 'vpc-playground:v1';

/**
 * @returns {{scenarioText: string, flow: object}|null}
 */
export function loadSaved() {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw);
    if (!v || typeof v.scenarioText !== 'string') return null;
    return { scenarioText: v.scenarioText, flow: cleanFlow(v.flow) };
  } catch {
    return null;
  }
}

/**
 * @param {string} scenarioText
 * @param {object} flow
 */
export function save(scenarioText, flow) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ scenarioText, flow, savedAt: Date.now() }));
  } catch {
    // Storage full or disabled (private mode): the URL still holds the work.
  }
}

let timer = 0;
let seq = 0;

/**
 * Writes the state into the URL hash without adding a history entry.
 * @param {{scenarioText: string|null, flow: object, embed: boolean}} st scenarioText null
 *   when the scenario is the unchanged default
 * @param {number} [delay] ms
 * @returns {Promise<void>} resolves once written
 */
export function writeUrl(st, delay = 250) {
  clearTimeout(timer);
  const my = ++seq;
  return new Promise((resolve) => {
    timer = setTimeout(async () => {
      const hash = await encodeHash(st);
      if (my === seq) {
        // play and lesson act once, on arrival; the hash now holds what they produced.
        const q = new URLSearchParams(location.search);
        q.delete('play');
        q.delete('lesson');
        const search = q.toString();
        history.replaceState(null, '', location.pathname + (search ? '?' + search : '') + hash);
      }
      resolve();
    }, delay);
  });
}
