/**
 * Autosave: the scenario and flow go to localStorage on every change, and to the URL hash
 * (debounced) so a link reproduces what you see.
 */

import { encodeHash, cleanFlow } from './state.js';

const KEY = 'vpc-playground:v1';
const PROGRESS_KEY = 'vpc-playground:lessons-done:v1';
/** Lessons whose solution was shown: finishing them then does not count as done. */
export const SHOWN_KEY = 'vpc-playground:lessons-shown:v1';
const ORIGINAL_KEY = 'vpc-playground:lesson-original:v1';

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

/**
 * The ids of the lessons the learner has completed (or, with SHOWN_KEY, seen the solution of).
 * @param {string} [key]
 * @returns {Set<string>}
 */
export function loadProgress(key = PROGRESS_KEY) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || '[]');
    return new Set(Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * Records (or with on = false, forgets) a completed lesson, or with SHOWN_KEY a shown solution.
 * @param {string} id
 * @returns {Set<string>} the ids now recorded
 */
export function markDone(id, key = PROGRESS_KEY, on = true) {
  const done = loadProgress(key);
  if (on) done.add(id);
  else done.delete(id);
  try {
    localStorage.setItem(key, JSON.stringify([...done]));
  } catch {
    // Storage disabled: the tick lasts for this visit only.
  }
  return done;
}

/** Forgets every completed lesson and every shown solution (the picker's "Reset progress"). */
export function resetProgress() {
  try {
    localStorage.removeItem(PROGRESS_KEY);
    localStorage.removeItem(SHOWN_KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/**
 * Keeps the lesson file as written (its solution patches that text), so "Show solution" still
 * works after a reload that restored edited work.
 * @param {{id: string, text: string}} original
 */
export function saveLessonOriginal(original) {
  try {
    localStorage.setItem(ORIGINAL_KEY, JSON.stringify(original));
  } catch {
    // Too big or storage disabled: the page falls back to lessons/<id>.json.
  }
}

/**
 * @param {string} id
 * @returns {string|null} the lesson file as first loaded, when it is the lesson `id`
 */
export function loadLessonOriginal(id) {
  try {
    const v = JSON.parse(localStorage.getItem(ORIGINAL_KEY) || 'null');
    return v && v.id === id && typeof v.text === 'string' ? v.text : null;
  } catch {
    return null;
  }
}

let timer = 0;
let seq = 0;

/**
 * Writes the state into the URL hash without adding a history entry.
 * @param {{scenarioText: string|null, flow: object, embed: boolean, lesson?: string|null}} st
 *   scenarioText null when the scenario is the unchanged default or the unchanged lesson
 *   `lesson` (which then goes in the query string, so the link stays short)
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
        // play acts once, on arrival. lesson stays only while the scenario is that lesson unchanged;
        // after an edit the hash holds the work instead.
        const q = new URLSearchParams(location.search);
        q.delete('play');
        q.delete('lesson');
        if (st.lesson) q.set('lesson', st.lesson);
        const search = q.toString();
        history.replaceState(null, '', location.pathname + (search ? '?' + search : '') + hash);
      }
      resolve();
    }, delay);
  });
}
