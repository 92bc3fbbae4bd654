/**
 * The route-table editor panel: pick a table, change a route's destination or target, delete
 * it, or add one. Edits go through routedit.js to the scenario, then the page reloads it.
 */

import { $, h, clear } from './dom.js';
import { targetsFor } from './routedit.js';

/**
 * @param {{onSelect: (id: string) => void,
 *   onSet: (table: string, route: {destination: string, target: string}, old?: string, at?: Element) => void,
 *   onDelete: (table: string, destination: string, at?: Element) => void}} cb `at` is the
 *   control that made the edit: a refusal is shown beside it
 */
export function createRouteEditor(cb) {
  const select = /** @type {HTMLSelectElement} */ ($('#rt-select'));
  const body = $('#rt-body');
  const info = $('#rt-info');
  const newDest = /** @type {HTMLInputElement} */ ($('#rt-new-dest'));
  const newTarget = /** @type {HTMLSelectElement} */ ($('#rt-new-target'));
  let current = null;
  select.addEventListener('change', () => cb.onSelect(select.value));
  $('#rt-add').addEventListener('submit', (e) => {
    e.preventDefault();
    if (current) cb.onSet(current, { destination: newDest.value, target: newTarget.value }, undefined, /** @type {Element} */ (e.currentTarget));
  });

  function targetSelect(targets, value, label) {
    const sel = h('select', { 'aria-label': label });
    const ids = targets.map((t) => t.id);
    const list = ids.includes(value) || !value ? targets : [...targets, { id: value, label: `${value} (not in this VPC)` }];
    for (const t of list) sel.append(h('option', { value: t.id, text: t.label }));
    sel.value = value;
    return sel;
  }

  /**
   * Redraws for a model and a selected table id.
   * @param {any} model
   * @param {string|null} tableId
   */
  function render(model, tableId) {
    const tables = model?.route_tables || [];
    clear(select);
    for (const t of tables) {
      select.append(h('option', { value: t.id, text: `${t.id}${t.name ? ` (${t.name})` : ''} · ${t.vpc}${t.main ? ' · main' : ''}` }));
    }
    current = tables.some((t) => t.id === tableId) ? tableId : tables[0]?.id || null;
    if (current) select.value = current;
    clear(body);
    const t = tables.find((x) => x.id === current);
    if (!t) {
      // No model: the panel waits for a big estate's (main.js fills it after the diagram).
      info.textContent = model ? 'No route tables.' : '';
      return;
    }
    const edge = t.gateways?.length ? `Gateway route table: routes traffic entering through ${t.gateways.join(', ')}. ` : '';
    info.textContent = `${edge}Used by ${t.subnets.length ? t.subnets.join(', ') : 'no subnet'}${t.main ? ' (main table: subnets without their own table use it)' : ''}.`;
    const targets = targetsFor(model, t.vpc);
    for (const r of t.routes) {
      const tr = h('tr', { class: `route state-${r.state}` });
      if (r.editable) {
        const dest = h('input', { type: 'text', value: r.destination, 'aria-label': `Destination of route ${r.destination}`, spellcheck: 'false' });
        const tgt = targetSelect(targets, r.target, `Target of route ${r.destination}`);
        const commit = () => cb.onSet(t.id, { destination: dest.value, target: tgt.value }, r.destination, tr);
        dest.addEventListener('change', commit);
        tgt.addEventListener('change', commit);
        tr.append(h('td', {}, dest), h('td', {}, tgt));
      } else {
        tr.append(h('td', {}, h('code', { text: r.destination })), h('td', {}, h('code', { text: r.target }), h('span', { class: 'muted', text: r.origin === 'propagated' ? ' (propagated)' : ' (implied)' })));
      }
      tr.append(h('td', { class: `route-state ${r.state}`, text: r.state }));
      tr.append(h('td', {}, r.editable
        ? h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Delete route ${r.destination}`, text: 'Delete', onclick: (ev) => cb.onDelete(t.id, r.destination, ev.currentTarget) })
        : null));
      body.append(tr);
    }
    const keep = newTarget.value;
    clear(newTarget);
    for (const x of targets.filter((x) => x.id !== 'local')) newTarget.append(h('option', { value: x.id, text: x.label }));
    if (targets.some((x) => x.id === keep)) newTarget.value = keep;
  }

  return { render };
}
