/**
 * The status: `Blocked at <id>: <explanation>` with the code and the suggested fix, or
 * `Reachable` with the path. Text only. In a lesson the fix waits behind "Show the suggested
 * fix", since it is the answer.
 *
 * It is compact (issue 11 item 2), so a result never pushes the diagram down: the sentence in at
 * most two lines, then one row with the path, or the fix and Apply fix. The explanation code,
 * the aws command and any text those two lines or that row cut off open under "More", over
 * the diagram's top edge (app.css), not above it. The hop's sentence is also in the callout by
 * the packet and in the Packet path panel.
 */

import { $ } from './dom.js';
import { withoutRuleNumbers as plain, clip } from './words.js';

/** The trace the status shows, so a new result closes "More" and an unchanged one keeps it. */
let shown = null;

/** The most of a scenario's description the status shows: a file's may be megabytes (review M8). */
export const INTRO_MAX = 600;

/**
 * @param {{trace: any|null, error?: string|null, hideFix?: boolean, pending?: boolean, intro?: string, unmet?: boolean,
 *   expected?: boolean}} st
 *   pending: the packet is still on its way; the result waits. intro: the scenario's
 *   description, said before the first packet (a lesson has its story instead). unmet: a
 *   lesson goal is not met, so a reachable packet is not shown as success. expected: a met
 *   lesson goal asks for this flow to be blocked, so a block is not shown as a failure
 */
export function renderStatus({ trace, error, hideFix = false, pending = false, intro = '', unmet = false, expected = false }) {
  const box = $('#status');
  const main = $('#status-main');
  const path = $('#status-path');
  const code = $('#status-code');
  const fix = $('#status-fix');
  const cli = $('#fix-cli');
  box.classList.remove('is-blocked', 'is-reachable', 'is-error', 'is-unmet', 'is-expected');
  for (const el of [path, code, fix, cli]) el.classList.add('hidden');
  const reveal = $('#reveal-fix');
  reveal.classList.add('hidden');
  $('#skip').classList.toggle('hidden', !trace || !pending || !!error);
  const result = !error && !pending ? trace : null;
  if (result !== shown) openDetails(false);
  shown = result;
  // The scenario's description, in small type above the first instruction, until a packet goes.
  const about = $('#status-intro');
  about.textContent = clip(String(intro || '').trim(), INTRO_MAX);
  about.classList.toggle('hidden', !!trace || !!error || !about.textContent);
  if (error) {
    box.classList.add('is-error');
    main.textContent = plain(error);
  } else if (!trace || pending) {
    main.textContent = trace ? 'The packet is on its way…' : 'Press Send packet ▸ to trace the flow above, or click two boxes on the diagram to pick others.';
  } else if (trace.reachable) {
    const said = plain(trace.explanation).replace(/^Reachable:\s*/, '');
    // Green means done; a packet that arrives the wrong way is not the lesson solved.
    box.classList.add(unmet ? 'is-unmet' : 'is-reachable');
    main.textContent = unmet ? `Reachable, but not yet the way the lesson asks (see its goals): ${said}` : `Reachable: ${said}`;
    path.textContent = `Path: ${trace.path.join(' → ')}`;
    path.classList.remove('hidden');
  } else {
    renderBlocked(trace, hideFix, expected);
  }
  fitStatus();
}

/**
 * A blocked result: the sentence, its code, and the fix (or the button that shows it). A block a
 * lesson goal asks for is said so, without alarm, and without a fix that would undo it.
 */
function renderBlocked(trace, hideFix, expected) {
  $('#status').classList.add(expected ? 'is-expected' : 'is-blocked');
  const at = `Blocked at ${trace.blocked_at ?? 'an unknown component'}`;
  $('#status-main').textContent = `${at}${expected ? ', as the goal asks' : ''}: ${plain(trace.explanation)}`;
  const code = $('#status-code');
  if (trace.explanation_code) {
    code.textContent = trace.explanation_code;
    code.classList.remove('hidden');
  }
  if (expected) return;
  if (trace.fix && hideFix) {
    $('#reveal-fix').classList.remove('hidden');
  } else if (trace.fix) {
    $('#fix-summary').textContent = `Suggested fix: ${plain(trace.fix.summary)}`;
    const cli = $('#fix-cli');
    cli.textContent = trace.fix.cli || '';
    cli.classList.toggle('hidden', !trace.fix.cli);
    $('#status-fix').classList.remove('hidden');
  }
}

/** Whether an element shows less than its text (a line clamp or an ellipsis cut it). */
function cut(el) {
  return !el.classList.contains('hidden') && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
}

/**
 * Puts under "More" the whole text of what the compact status cut, and shows "More" when there
 * is anything there (the code and the aws command always are). Runs after each render and when
 * the status changes width.
 */
export function fitStatus() {
  const whole = $('#status-whole');
  const parts = ['#status-main', '#status-path', '#fix-summary'].map((s) => $(s)).filter(cut).map((el) => el.textContent);
  whole.textContent = parts.join('\n');
  whole.classList.toggle('hidden', !parts.length);
  const more = !!parts.length || ['#status-code', '#fix-cli'].some((s) => !$(s).classList.contains('hidden'));
  $('#status-more').classList.toggle('hidden', !more);
  if (!more) openDetails(false);
}

/**
 * Opens or closes "More".
 * @param {boolean} open
 */
export function openDetails(open) {
  const button = $('#status-more');
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? 'Less ▴' : 'More ▾';
  $('#status-details').classList.toggle('hidden', !open);
}

/** Wires "More" and re-fits the status when its width changes (a resize, the side panel). */
export function wireStatus() {
  const button = $('#status-more');
  button.addEventListener('click', () => openDetails(button.getAttribute('aria-expanded') !== 'true'));
  // Escape closes it, where the focus is in the status.
  $('#status').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      openDetails(false);
      button.focus();
    }
  });
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => fitStatus()).observe($('#status-main'));
}
