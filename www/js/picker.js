/**
 * The lesson picker: a dialog listing lessons/index.json in course order, each with its
 * summary and a tick once completed.
 */

import { $, h, clear } from './dom.js';

/**
 * The entries of lessons/index.json that are usable, in order.
 * @param {any} index
 * @returns {{id: string, title: string, summary: string}[]}
 */
export function lessonList(index) {
  const list = Array.isArray(index?.lessons) ? index.lessons : [];
  return list
    .filter((x) => x && typeof x.id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(x.id))
    .map((x) => ({ id: x.id, title: typeof x.title === 'string' ? x.title : x.id, summary: typeof x.summary === 'string' ? x.summary : '' }));
}

/**
 * @param {{onOpen: (id: string) => void, onReset: () => void}} cb
 */
export function createPicker(cb) {
  const dialog = /** @type {HTMLDialogElement} */ ($('#lesson-picker'));
  const list = $('#lesson-list');
  $('#lesson-picker-close').addEventListener('click', () => dialog.close());
  // Resetting asks once more, in place (no browser dialog).
  const ask = $('#progress-reset-ask');
  $('#progress-reset').addEventListener('click', () => {
    ask.classList.remove('hidden');
    $('#progress-reset-no').focus();
  });
  $('#progress-reset-no').addEventListener('click', () => ask.classList.add('hidden'));
  $('#progress-reset-yes').addEventListener('click', () => {
    ask.classList.add('hidden');
    cb.onReset();
  });
  // A click on the backdrop (the dialog itself, outside its content) closes it.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });

  /**
   * Fills and opens the dialog.
   * @param {{id: string, title: string, summary: string}[]} lessons
   * @param {Set<string>} done
   * @param {string|null} current the open lesson's id
   * @param {Set<string>} [shown] lessons whose solution or fix was shown
   */
  function show(lessons, done, current, shown = new Set()) {
    clear(list);
    if (!lessons.length) list.append(h('li', { class: 'muted', text: 'The lesson list (lessons/index.json) could not be loaded.' }));
    lessons.forEach((l, i) => {
      const isDone = done.has(l.id);
      const help = !isDone && shown.has(l.id);
      list.append(h('li', {},
        h('button', {
          type: 'button', class: `lesson-item${isDone ? ' done' : help ? ' shown' : ''}${l.id === current ? ' current' : ''}`, 'data-id': l.id,
          onclick: () => {
            dialog.close();
            cb.onOpen(l.id);
          },
        },
        h('span', { class: 'lesson-num', text: String(i + 1) }),
        h('span', { class: 'lesson-text' },
          h('span', { class: 'lesson-name', text: l.title }),
          h('span', { class: 'lesson-summary', text: l.summary })),
        h('span', { class: 'lesson-tick', title: help ? 'completed with help' : null, 'aria-label': isDone ? 'completed' : help ? 'completed with help' : 'not completed', text: isDone ? '✓' : help ? '◐' : '' }))));
    });
    const n = lessons.filter((l) => done.has(l.id)).length;
    const m = lessons.filter((l) => !done.has(l.id) && shown.has(l.id)).length;
    $('#lesson-progress').textContent = lessons.length ? `${n} of ${lessons.length} completed${m ? ` · ${m} with help` : ''}` : '';
    /** @type {HTMLButtonElement} */ ($('#progress-reset')).disabled = !n && !m;
    if (!dialog.open) dialog.showModal();
    /** @type {HTMLElement|null} */ (list.querySelector('.current') || list.querySelector('button'))?.focus();
  }

  return { show, close: () => dialog.close() };
}
