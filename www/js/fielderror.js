/**
 * Edit errors shown next to the control that caused them (issue 11 item 10), in words that say
 * what to do. The engine's refusal is a sentence (crate/src/edit.rs `EditError`), or, for an
 * edit whose result does not load, diagnostics naming the field: words.js says the field by its
 * label and the problem plainly; this module adds where to look on this page.
 */

import { h } from './dom.js';
import { editErrorWords } from './words.js';

/**
 * The message with the page's part added: where on the page the fix is.
 * @param {string} message the engine's (or a form's) sentence
 * @param {Element} at the control that made the edit
 * @param {object[]} [diagnostics] the engine's diagnostics, when the edited scenario did not load
 */
export function plainEditError(message, at, diagnostics) {
  const m = editErrorWords(message, diagnostics);
  // The route editor lists the table's routes above its add form.
  if (at.closest('#rt-add') && / already has a route for /.test(m)) return `${m}: change its target in the row above, or delete that route first.`;
  const button = BUTTONS.find((b) => at.closest(b.at));
  if (!button) return m;
  // The engine's part that changes networks downloads after the first diagram (engine-core.js).
  if (DOWNLOAD.test(m)) {
    return `${button.what} not applied: the part of the engine that changes networks did not download. `
      + `Check the connection, then press ${button.again} again.`;
  }
  return `${button.what} not applied: ${m.replace(/\.$/, '')}. ${button.then}`;
}

/** A failed download of a module or its wasm, as the browser words it. */
const DOWNLOAD = /failed to fetch|dynamically imported module|networkerror|network error|load failed/i;

/** The buttons whose errors show beside them: what failed, and what to do next. */
const BUTTONS = [
  { at: '#apply-fix', what: 'The fix was', again: 'Apply fix', then: 'Press Send packet ▸ for a fix that matches the network as it is now.' },
  { at: '#show-solution, #solution-yes', what: 'The solution was', again: 'Show solution', then: 'Undo your last change, or reload the lesson, and try again.' },
];

/**
 * Where an error about `at` goes: after the row, form or list item that holds it (the status's
 * row for Apply fix, the lesson's buttons for Show solution).
 */
function hostOf(at) {
  return at.closest('form, li, fieldset, tr, .ne-row, .status-row, .lesson-actions') || at;
}

/**
 * Removes the error shown next to `at`, if any (its action then worked, or no longer applies).
 * @param {Element} at
 */
export function clearErrorAt(at) {
  const next = hostOf(at).nextElementSibling;
  if (next && next.classList.contains('edit-error') && next.id !== 'flow-port-error') next.remove();
}

/**
 * Shows `message` next to `at`, replacing an error shown there before.
 * @param {Element} at
 * @param {string} message
 * @param {object[]} [diagnostics] the engine's diagnostics, which name the field
 */
export function showEditError(at, message, diagnostics) {
  const host = hostOf(at);
  const text = plainEditError(message, at, diagnostics);
  const next = host.nextElementSibling;
  if (next && next.classList.contains('edit-error')) {
    (next.querySelector('.edit-error-text') || next).textContent = text;
    return;
  }
  // A table row's error is a row of its own, across the table; a list item's, an item.
  const el = host.tagName === 'TR'
    ? h('tr', { class: 'edit-error' }, h('td', { colspan: String(host.children.length || 1), role: 'alert', class: 'edit-error-text', text }))
    : h(host.tagName === 'LI' ? 'li' : 'p', { class: 'edit-error', role: 'alert', text });
  host.after(el);
}

/**
 * Removes every edit's error shown next to a control (after an edit that succeeded). The flow
 * form's port message is not an edit's: it stays until the port is corrected.
 */
export function clearEditErrors() {
  for (const el of document.querySelectorAll('.edit-error:not(#flow-port-error)')) el.remove();
}
