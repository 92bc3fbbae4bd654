/**
 * The status line: `Blocked at <id>: <explanation>` with the code and the suggested fix, or
 * `Reachable` with the path. Text only. In a lesson the fix waits behind "Show the suggested
 * fix", since it is the answer.
 */

import { $ } from './dom.js';
import { withoutRuleNumbers as plain } from './words.js';

/**
 * @param {{trace: any|null, error?: string|null, hideFix?: boolean, pending?: boolean, intro?: string, unmet?: boolean}} st
 *   pending: the packet is still on its way; the result waits. intro: the scenario's
 *   description, said before the first packet (a lesson has its story instead). unmet: a
 *   lesson goal is not met, so a reachable packet is not shown as success
 */
export function renderStatus({ trace, error, hideFix = false, pending = false, intro = '', unmet = false }) {
  const box = $('#status');
  const main = $('#status-main');
  const path = $('#status-path');
  const code = $('#status-code');
  const fix = $('#status-fix');
  box.classList.remove('is-blocked', 'is-reachable', 'is-error', 'is-unmet');
  path.classList.add('hidden');
  code.classList.add('hidden');
  fix.classList.add('hidden');
  const reveal = $('#reveal-fix');
  reveal.classList.add('hidden');
  $('#skip').classList.toggle('hidden', !trace || !pending || !!error);
  // The scenario's description, in small type above the first instruction, until a packet goes.
  const about = $('#status-intro');
  about.textContent = String(intro || '').trim();
  about.classList.toggle('hidden', !!trace || !!error || !about.textContent);
  if (error) {
    box.classList.add('is-error');
    main.textContent = plain(error);
    return;
  }
  if (!trace || pending) {
    main.textContent = trace ? 'The packet is on its way…' : 'Press Send packet ▸ to trace the flow above, or click two boxes on the diagram to pick others.';
    return;
  }
  if (trace.reachable) {
    const said = plain(trace.explanation).replace(/^Reachable:\s*/, '');
    // Green means done; a packet that arrives the wrong way is not the lesson solved.
    box.classList.add(unmet ? 'is-unmet' : 'is-reachable');
    main.textContent = unmet ? `Reachable, but not yet the way the lesson asks (see its goals): ${said}` : `Reachable: ${said}`;
    path.textContent = `Path: ${trace.path.join(' → ')}`;
    path.classList.remove('hidden');
    return;
  }
  box.classList.add('is-blocked');
  main.textContent = `Blocked at ${trace.blocked_at ?? 'an unknown component'}: ${plain(trace.explanation)}`;
  if (trace.explanation_code) {
    code.textContent = trace.explanation_code;
    code.classList.remove('hidden');
  }
  if (trace.fix && hideFix) {
    reveal.classList.remove('hidden');
  } else if (trace.fix) {
    $('#fix-summary').textContent = `Suggested fix: ${plain(trace.fix.summary)}`;
    $('#fix-cli').textContent = trace.fix.cli;
    fix.classList.remove('hidden');
  }
}
