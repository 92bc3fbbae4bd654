/**
 * The status line: `Blocked at <id>: <explanation>` with the code and the suggested fix, or
 * `Reachable` with the path. Text only. In a lesson the fix waits behind "Show the suggested
 * fix", since it is the answer.
 */

import { $ } from './dom.js';

/**
 * @param {{trace: any|null, error?: string|null, hideFix?: boolean, pending?: boolean}} st
 *   pending: the packet is still on its way; the result waits
 */
export function renderStatus({ trace, error, hideFix = false, pending = false }) {
  const box = $('#status');
  const main = $('#status-main');
  const path = $('#status-path');
  const code = $('#status-code');
  const fix = $('#status-fix');
  box.classList.remove('is-blocked', 'is-reachable', 'is-error');
  path.classList.add('hidden');
  code.classList.add('hidden');
  fix.classList.add('hidden');
  const reveal = $('#reveal-fix');
  reveal.classList.add('hidden');
  $('#skip').classList.toggle('hidden', !trace || !pending || !!error);
  if (error) {
    box.classList.add('is-error');
    main.textContent = error;
    return;
  }
  if (!trace || pending) {
    main.textContent = trace ? 'The packet is on its way…' : 'Press Send packet ▸ to trace the flow above, or pick another source and destination (click two boxes on the diagram).';
    return;
  }
  if (trace.reachable) {
    box.classList.add('is-reachable');
    main.textContent = `Reachable: ${trace.explanation.replace(/^Reachable:\s*/, '')}`;
    path.textContent = `Path: ${trace.path.join(' → ')}`;
    path.classList.remove('hidden');
    return;
  }
  box.classList.add('is-blocked');
  main.textContent = `Blocked at ${trace.blocked_at ?? 'an unknown component'}: ${trace.explanation}`;
  if (trace.explanation_code) {
    code.textContent = trace.explanation_code;
    code.classList.remove('hidden');
  }
  if (trace.fix && hideFix) {
    reveal.classList.remove('hidden');
  } else if (trace.fix) {
    $('#fix-summary').textContent = `Suggested fix: ${trace.fix.summary}`;
    $('#fix-cli').textContent = trace.fix.cli;
    fix.classList.remove('hidden');
  }
}
