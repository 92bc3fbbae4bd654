/**
 * The reachability matrix view (issue 12): sources by destinations, one coloured cell per pair
 * of groups, computed by the engine (`engine.matrix`, a promise: the worker's when there is
 * one). A click on a cell plays its representative flow; after any edit the matrix is computed
 * again and the cells that flipped are listed, the previous matrix being "before".
 *
 * Loaded on demand (main.js imports it when the view is first opened), so the first page load
 * does not carry it. Text only: every string goes in as textContent or an attribute.
 */

import { h, clear } from './dom.js';
import { bundled } from './assets.js';
import { clip, codeWords, count, kindWords } from './words.js';

/**
 * The view's stylesheet, asked for when this module loads; resolves when it has loaded (or
 * failed: the view then works unstyled). The single-file build carries it inline already.
 */
export const stylesLoaded = new Promise((resolve) => {
  if (bundled() || document.querySelector('link[href="css/matrix.css"]')) {
    resolve(undefined);
    return;
  }
  const link = h('link', { rel: 'stylesheet', href: 'css/matrix.css' });
  link.addEventListener('load', () => resolve(undefined));
  link.addEventListener('error', () => resolve(undefined));
  document.head.append(link);
});

/**
 * Rows and columns drawn at most; the filters and VPC grouping narrow a larger estate. 80 x 80
 * cells draw in about half a second; 120 x 120 (measured) took 1.4 s and 3 s more to lay out.
 */
export const LIMIT = 80;

const KINDS = [['subnets', 'Subnets'], ['instances', 'Instances'], ['interfaces', 'Interfaces'], ['vpcs', 'VPCs'],
  ['internet', 'The internet'], ['on-premises', 'On premises'], ['services', 'AWS services']];

/**
 * Which VPC each group of a matrix belongs to: a subnet's, an instance's (its first
 * interface's), a VPC itself; `outside` for the internet, on premises and services.
 * @param {any} model
 * @returns {(part: any) => string}
 */
export function vpcOf(model) {
  const of = new Map();
  for (const v of model?.vpcs || []) of.set(v.id, v.id);
  for (const s of model?.subnets || []) of.set(s.id, s.vpc);
  for (const e of model?.network_interfaces || []) of.set(e.id, e.vpc);
  const eniVpc = new Map((model?.network_interfaces || []).map((e) => [e.id, e.vpc]));
  for (const i of model?.instances || []) of.set(i.id, eniVpc.get(i.network_interfaces?.[0]) || '');
  return (part) => of.get(part.group) || 'outside';
}

/** Up to this many columns, the cells are wide enough to name where they stop. */
const ROOMY_COLUMNS = 8;

/**
 * A wide cell's text: "✓ reachable", or "✕" and the resource that blocks it (the kind and the
 * reason are in its label and tooltip).
 * @param {any} c a matrix cell
 */
export function cellWords(c) {
  if (c.reachable) return '✓ reachable';
  return `✕ ${c.error ? 'not traced' : clip(String(c.blocked_at ?? 'blocked'), 40)}`;
}

/** The key of a cell: its row and column labels. */
const key = (from, to) => `${from}\u0000${to}`;

/**
 * The verdict of a cell in a student's words: where it is blocked (what the component is, then
 * its id) and why, without Reachability Analyzer's code (review P4; see `codeLine`).
 * @param {any} c a matrix cell
 */
export function verdictText(c) {
  if (!c) return 'no flow';
  if (c.reachable) return 'reachable';
  if (c.error) return `not traced: ${clip(c.error, 300)}`;
  const what = c.component ? `${kindWords(c.component)} ` : '';
  const why = c.explanation_code ? `: ${codeWords(c.explanation_code, c.leg)}` : '';
  return `blocked at ${what}${c.blocked_at ?? 'an unknown component'}${why}`;
}

/**
 * The code behind a blocked cell, as a tooltip's last line (a secondary detail), or ''.
 * @param {any} c a matrix cell
 */
export function codeLine(c) {
  return c && !c.reachable && c.explanation_code ? `Reachability Analyzer code: ${c.explanation_code}` : '';
}

/**
 * The cells whose verdict differs between two matrices of the same options (engine.js's
 * MatrixResult, cells read by position): reachable flipped, or blocked somewhere else or for
 * another reason. Rows and columns are matched by label (an edit can split or join groups);
 * only the cells listed are built as objects.
 * @param {import('./engine.js').MatrixResult} before
 * @param {import('./engine.js').MatrixResult} after
 * @returns {{from: string, to: string, before: any, after: any, flipped: boolean}[]}
 */
export function matrixDiff(before, after) {
  const rows = after.sources.map((p) => before.sourceIndex(p.label));
  const cols = after.destinations.map((p) => before.destinationIndex(p.label));
  const out = [];
  after.forEachOutcome((i, j, p, a) => {
    const b = rows[i] < 0 || cols[j] < 0 ? null : before.outcome(rows[i], cols[j], p);
    if (!b) return;
    const flipped = b.reachable !== a.reachable;
    if (flipped || b.blocked_at !== a.blocked_at || b.explanation_code !== a.explanation_code) {
      const c = after.cell(i, j, p);
      out.push({ from: c.from, to: c.to, before: before.cell(rows[i], cols[j], p), after: c, flipped });
    }
  });
  // Flips first: they are what an edit is for.
  return out.sort((a, b) => Number(b.flipped) - Number(a.flipped));
}

/**
 * The cell of the row and column with these labels, for the page's one port (its first
 * probe), or null.
 * @param {import('./engine.js').MatrixResult} m
 */
function cellAt(m, from, to) {
  return m.cell(m.sourceIndex(from), m.destinationIndex(to), 0);
}

/** Whether a part matches the filter text (its id, name or VPC). */
function matches(part, vpc, text) {
  if (!text) return true;
  const t = text.toLowerCase();
  return [part.label, part.name, vpc].some((x) => x && x.toLowerCase().includes(t));
}

/** A part's short name on the page: its name, else its id, with `#k` for a split group's part. */
function partName(p) {
  const base = p.name && p.name !== p.group ? p.name : p.group;
  return p.parts > 1 ? `${base} #${p.part}` : base;
}

/** What a part is, for its title: id, kind, members, and why a split group's parts differ. */
function partTitle(p, vpc) {
  const lines = [`${p.label} (${p.kind}${vpc !== 'outside' ? ` in ${vpc}` : ''})`];
  if (p.name && p.name !== p.group) lines.push(`name: ${p.name}`);
  lines.push(`${count(p.member_count, 'member')}: ${p.members.slice(0, 8).join(', ')}${p.member_count > 8 ? ', …' : ''}`);
  if (p.parts > 1) {
    lines.push(`part ${p.part} of ${p.parts}: its members are treated differently from the other parts'`);
    if (p.security_groups.length) lines.push(`security groups: ${p.security_groups.join(', ')}`);
    if (p.narrower_cidrs.length) lines.push(`named by narrower CIDRs: ${p.narrower_cidrs.join(', ')}`);
  }
  return lines.join('\n');
}

/**
 * Sorts parts by VPC (outside last), keeps those the filter matches, and cuts at LIMIT.
 * @returns {{parts: any[], total: number, vpcs: string[]}}
 */
function arrange(parts, vpc, text) {
  const all = parts.filter((p) => matches(p, vpc(p), text));
  const rank = (v) => (v === 'outside' ? '\uffff' : v);
  all.sort((a, b) => rank(vpc(a)).localeCompare(rank(vpc(b))) || a.label.localeCompare(b.label, undefined, { numeric: true }));
  return { parts: all.slice(0, LIMIT), total: all.length };
}

/**
 * VPC by VPC: each row and column a VPC (or `outside`), each cell how many of its pairs are
 * reachable. Used for estates too large to read cell by cell.
 */
function aggregate(m, vpc, nameOf) {
  // Each row's and column's VPC, by position: the cells are read by position, no cell object built.
  const rows = m.sources.map(vpc);
  const cols = m.destinations.map(vpc);
  const cells = new Map();
  m.forEachOutcome((i, j, p, o) => {
    const k = key(rows[i], cols[j]);
    const a = cells.get(k) || { ok: 0, bad: 0 };
    if (o.reachable) a.ok += 1;
    else a.bad += 1;
    cells.set(k, a);
  });
  const part = (v) => ({ label: v, group: v, name: nameOf(v), kind: v === 'outside' ? 'outside' : 'vpc', part: 1, parts: 1, members: [], member_count: 0, security_groups: [], narrower_cidrs: [] });
  return { sources: [...new Set(rows)].map(part), destinations: [...new Set(cols)].map(part), cells };
}

/**
 * Creates the view in `root` (the matrix tab) and the "what changed" list in `changesBox`.
 * @param {{root: HTMLElement, changesBox: HTMLElement, store: any, engine: any,
 *   play: (flow: object) => void}} deps play: loads a flow into the flow form and plays it
 */
export function createMatrixView({ root, changesBox, store, engine, play }) {
  const ui = buildControls(root);
  /** @type {{handle: number, optionsKey: string, data: import('./engine.js').MatrixResult, ms: number, byVpc?: any} | null} */
  let current = null;
  /** @type {{id: number, cancelled: boolean, started: number, abort: AbortController} | null} */
  let running = null;
  let seq = 0;
  /** Cells that flipped in the last comparison, by key. */
  let flippedKeys = new Set();
  let selectedKey = '';

  const options = () => ({
    from: ui.from.value,
    to: ui.to.value,
    protocol: ui.protocol.value,
    ports: ui.protocol.value === 'icmp' ? undefined : String(ui.port.value || '0'),
  });

  function setProgress(run) {
    ui.progress.classList.toggle('hidden', !run);
    ui.compute.disabled = !!run;
    if (!run) clearInterval(ui.timer);
  }

  async function compute() {
    const handle = store.get().handle;
    const opts = options();
    const port = Number(ui.port.value);
    if (opts.ports !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      ui.message.textContent = 'The port is a number from 0 to 65535.';
      return;
    }
    if (running) stop(running);
    const run = { id: ++seq, cancelled: false, started: performance.now(), abort: new AbortController() };
    running = run;
    ui.message.textContent = '';
    ui.progressText.textContent = 'Computing the matrix…';
    ui.bar.removeAttribute('value');
    let rowsDone = '';
    if (current && current.handle !== handle) comparing(true);
    setProgress(run);
    clearInterval(ui.timer);
    ui.timer = setInterval(() => {
      ui.progressText.textContent = `Computing the matrix… ${rowsDone}${((performance.now() - run.started) / 1000).toFixed(1)} s`;
    }, 200);
    // Two frames, so the progress bar is drawn before the engine starts (on this thread when
    // there is no worker).
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (run.cancelled) return;
    let data;
    try {
      // The engine computes a few source rows per step and reports after each: the bar is
      // honest, and Cancel stops the computation within one step.
      data = await engine.matrix(handle, opts, {
        signal: run.abort.signal,
        onProgress: (done, rows) => {
          if (run !== running) return;
          ui.bar.max = Math.max(1, rows);
          ui.bar.value = done;
          rowsDone = `${done} of ${rows} source rows, `;
        },
      });
    } catch (e) {
      if (run !== running || (e && e.name === 'AbortError')) return;
      running = null;
      setProgress(null);
      ui.message.textContent = `The matrix could not be computed: ${e && e.message ? e.message : e}`;
      return;
    }
    if (run.cancelled || run !== running) return;
    running = null;
    setProgress(null);
    const next = { handle, optionsKey: JSON.stringify(opts), data, ms: performance.now() - run.started };
    if (current && current.handle !== handle && current.optionsKey === next.optionsKey) {
      showChanges(matrixDiff(current.data, data), current, next);
    } else if (current && current.optionsKey !== next.optionsKey) {
      showChanges(null);
    }
    current = next;
    render();
  }

  /** Stops a run: its result is dropped and the engine stops computing it. */
  function stop(run) {
    run.cancelled = true;
    run.abort.abort();
  }

  function cancel() {
    if (!running) return;
    stop(running);
    running = null;
    setProgress(null);
    comparing(false);
    ui.message.textContent = current ? 'Cancelled: the matrix shown is the previous one.' : 'Cancelled.';
  }

  /** Says in What changed that the matrix after the edit is on its way (or was cancelled). */
  function comparing(on) {
    if (!on && changesBox.classList.contains('hidden')) return;
    changesBox.classList.remove('hidden');
    clear(changesBox.querySelector('ul'));
    changesBox.querySelector('p').textContent = on
      ? 'Computing the reachability matrix after the edit, to compare it with the one before… (Cancel in the matrix tab)'
      : 'Cancelled: no comparison with the matrix before the edit.';
  }

  /** Lists the flipped cells (null: no comparison, the options changed). */
  function showChanges(diff) {
    flippedKeys = new Set((diff || []).map((d) => key(d.from, d.to)));
    changesBox.classList.toggle('hidden', !diff);
    const list = changesBox.querySelector('ul');
    const note = changesBox.querySelector('p');
    clear(list);
    if (!diff) return;
    note.textContent = diff.length
      ? `${count(diff.length, 'cell')} of the reachability matrix changed with the last edit (before → after):`
      : 'No cell of the reachability matrix changed with the last edit.';
    for (const d of diff) {
      const label = `${d.from} → ${d.to}: was ${verdictText(d.before)} → now ${verdictText(d.after)}`;
      const codes = [codeLine(d.before) && `Before: ${codeLine(d.before)}`, codeLine(d.after) && `Now: ${codeLine(d.after)}`];
      const title = ['Play this flow', ...codes.filter(Boolean)].join('\n');
      list.append(h('li', { class: d.flipped ? (d.after.reachable ? 'opened' : 'closed') : 'moved' },
        h('button', { type: 'button', class: 'btn-link mx-change', text: label, title, onclick: () => play(d.after.flow) })));
    }
  }

  /** A VPC band's text: the VPC's name when it has one (ids of real estates are long). */
  let bandName = (v) => v;
  /** A few columns: each cell says where it stops, not only ✓ or ✕ (no hover on a touch screen). */
  let roomy = false;

  function render() {
    clear(ui.table);
    if (!current) return;
    const m = current.data;
    const model = store.get().model;
    const names = new Map((model?.vpcs || []).map((v) => [v.id, v.name || v.id]));
    bandName = (v) => (v === 'outside' ? 'outside the VPCs' : names.get(v) || v);
    const vpc = vpcOf(model);
    const byVpc = ui.byVpc.checked;
    // Built once per matrix: a large one has hundreds of thousands of cells.
    if (byVpc && !current.byVpc) current.byVpc = aggregate(m, vpc, bandName);
    const view = byVpc ? current.byVpc : null;
    const rows = arrange(view ? view.sources : m.sources, byVpc ? (p) => p.group : vpc, ui.filterFrom.value.trim());
    const cols = arrange(view ? view.destinations : m.destinations, byVpc ? (p) => p.group : vpc, ui.filterTo.value.trim());
    // Group by group the cells drawn are read from the matrix itself, one by one (cellAt).
    const cells = view ? view.cells : m;
    summarise(m, rows, cols);
    const vpcFor = byVpc ? null : vpc;
    roomy = !byVpc && cols.parts.length <= ROOMY_COLUMNS;
    ui.table.classList.toggle('roomy', roomy);
    ui.table.append(header(cols.parts, vpcFor), body(rows.parts, cols.parts, vpcFor, cells, byVpc));
    // One tab stop for the grid: the selected cell, else the first.
    const stops = ui.table.querySelectorAll('button.mx-cell');
    stops.forEach((b) => (b.tabIndex = -1));
    const first = ui.table.querySelector('button.mx-cell.selected') || stops[0];
    if (first) /** @type {HTMLElement} */ (first).tabIndex = 0;
  }

  function summarise(m, rows, cols) {
    const s = m.stats;
    const opts = JSON.parse(current.optionsKey);
    const what = `${opts.protocol}${opts.ports !== undefined ? ` ${opts.ports}` : ''}`;
    ui.summary.textContent = `${count(m.sources.length, 'source')} × ${count(m.destinations.length, 'destination')}, ${what}: ` +
      `${m.reachable} reachable, ${m.count - m.reachable} blocked. ${count(s.traces, 'trace')} answered ${count(s.member_pairs, 'address pair')} ` +
      `in ${(current.ms / 1000).toFixed(2)} s.`;
    const cut = [rows, cols].some((x) => x.total > x.parts.length);
    ui.limit.textContent = cut
      ? `Showing ${rows.parts.length} of ${rows.total} rows and ${cols.parts.length} of ${cols.total} columns: narrow them with the filters${ui.byVpc.checked ? '' : ', or group by VPC'}.`
      : '';
  }

  /** The column headers: a band per VPC, then one per destination. */
  function header(cols, vpc) {
    const span = vpc ? 2 : 1;
    const bands = h('tr', { class: 'mx-bands' }, h('td', { colspan: span }));
    let last = null;
    for (const c of vpc ? cols : []) {
      const v = vpc(c);
      if (last && last.v === v) {
        last.th.colSpan += 1;
        continue;
      }
      last = { v, th: /** @type {HTMLTableCellElement} */ (h('th', { scope: 'colgroup', class: 'mx-band', text: bandName(v), title: v })) };
      bands.append(last.th);
    }
    const names = h('tr', {}, h('th', { colspan: span, class: 'mx-corner', text: 'from ↓ to →' }),
      ...cols.map((c) => h('th', { scope: 'col', class: 'mx-col', title: partTitle(c, vpc ? vpc(c) : 'outside') }, h('span', { text: partName(c) }))));
    return h('thead', {}, vpc ? bands : null, names);
  }

  function body(rows, cols, vpc, cells, byVpc) {
    const tb = h('tbody', {});
    let band = null;
    for (const r of rows) {
      const tr = h('tr', {});
      const v = vpc ? vpc(r) : 'outside';
      if (!vpc) {
        // VPC by VPC: the row is the VPC; no band.
      } else if (band && band.v === v) band.th.rowSpan += 1;
      else {
        band = { v, th: /** @type {HTMLTableCellElement} */ (h('th', { scope: 'rowgroup', class: 'mx-band mx-rowband', text: bandName(v), title: v })) };
        tr.append(band.th);
      }
      tr.append(h('th', { scope: 'row', class: 'mx-row', title: partTitle(r, v), text: partName(r) }));
      for (const c of cols) tr.append(byVpc ? vpcCell(r, c, cells) : cell(r, c, cells));
      tb.append(tr);
    }
    return tb;
  }

  /** A cell of the group-by-group grid, read from the matrix `m`. */
  function cell(r, c, m) {
    const k = key(r.label, c.label);
    const x = cellAt(m, r.label, c.label);
    if (!x) return h('td', { class: 'mx-none', title: `${r.label} → ${c.label}: no flow (a group to itself)` });
    const label = `${r.label} → ${c.label}: ${verdictText(x)}`;
    const title = [label, codeLine(x)].filter(Boolean).join('\n');
    const cls = ['mx-cell', x.reachable ? 'ok' : 'bad', flippedKeys.has(k) ? 'flipped' : '', selectedKey === k ? 'selected' : ''].join(' ');
    // One listener on the table plays it (clicked below): thousands of cells, no closures.
    return h('td', {}, h('button', {
      type: 'button', class: cls, 'aria-label': `${label}. Play this flow.`, title, 'data-from': r.label, 'data-to': c.label,
      text: roomy ? cellWords(x) : x.reachable ? '✓' : '✕',
    }));
  }

  /**
   * Arrow keys move between cells (the grid is one tab stop, not thousands): the focused
   * cell takes the tab stop, as a roving tabindex does.
   */
  function arrows(e) {
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const b = /** @type {HTMLElement} */ (e.target).closest?.('button.mx-cell');
    if (!b || !moves[e.key]) return;
    const [dr, dc] = moves[e.key];
    const td = b.closest('td');
    const rows = [...ui.table.querySelectorAll('tbody tr')];
    const r = rows.indexOf(td.parentElement);
    const cellsOf = (tr) => [...tr.querySelectorAll('td')];
    const c = cellsOf(td.parentElement).indexOf(td);
    // Past a group's empty cell to itself.
    let next = null;
    for (let rr = r + dr, cc = c + dc; !next && rows[rr] && cellsOf(rows[rr])[cc]; rr += dr, cc += dc) {
      next = cellsOf(rows[rr])[cc].querySelector('button');
    }
    if (!next) return;
    e.preventDefault();
    b.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  }

  /** A click on a cell of the group-by-group matrix: play its representative flow. */
  function clicked(e) {
    const b = /** @type {HTMLElement} */ (e.target).closest?.('button[data-from]');
    if (!b || !current || ui.byVpc.checked) return;
    const k = key(b.dataset.from || '', b.dataset.to || '');
    const x = cellAt(current.data, b.dataset.from || '', b.dataset.to || '');
    if (!x) return;
    selectedKey = k;
    play(x.flow);
  }

  function vpcCell(r, c, cells) {
    const a = cells.get(key(r.group, c.group));
    if (!a) return h('td', { class: 'mx-none' });
    const total = a.ok + a.bad;
    const label = `${r.group} → ${c.group}: ${a.ok} of ${count(total, 'pair')} reachable`;
    const cls = `mx-cell ${a.bad === 0 ? 'ok' : a.ok === 0 ? 'bad' : 'mixed'}`;
    return h('td', {}, h('button', {
      type: 'button', class: cls, 'aria-label': `${label}. Show these groups.`, title: label, text: `${a.ok}/${total}`,
      onclick: () => {
        ui.byVpc.checked = false;
        ui.filterFrom.value = r.group === 'outside' ? '' : r.group;
        ui.filterTo.value = c.group === 'outside' ? '' : c.group;
        render();
      },
    }));
  }

  ui.compute.addEventListener('click', compute);
  ui.table.addEventListener('click', clicked);
  ui.table.addEventListener('keydown', arrows);
  ui.cancel.addEventListener('click', cancel);
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    compute();
  });
  for (const el of [ui.filterFrom, ui.filterTo]) el.addEventListener('input', render);
  ui.byVpc.addEventListener('change', render);
  ui.protocol.addEventListener('change', () => {
    ui.port.disabled = ui.protocol.value === 'icmp';
  });
  // After any edit (a fix, a rule, undo) the matrix is computed again, if there is one, and
  // compared with the one before.
  store.subscribe((st, changed) => {
    if (changed.has('handle') && current && st.handle !== current.handle) compute();
  });

  return {
    /** The view was opened: the first time, compute with the flow form's port. */
    opened() {
      if (current || running) return;
      const f = store.get().flow || {};
      if (['tcp', 'udp', 'icmp'].includes(f.protocol)) ui.protocol.value = f.protocol;
      if (Number.isInteger(f.port)) ui.port.value = String(f.port);
      ui.port.disabled = ui.protocol.value === 'icmp';
      compute();
    },
    /** Whether a computation is on its way. */
    busy: () => !!running,
  };
}

/** The view's controls, progress, summary and table; returns them by role. */
function buildControls(root) {
  clear(root);
  const select = (id, pairs, value) => h('select', { id }, ...pairs.map(([v, t]) => h('option', { value: v, text: t, selected: v === value })));
  const field = (id, label, el) => h('div', { class: 'field' }, h('label', { for: id, text: label }), el);
  const ui = {
    from: select('mx-from', KINDS.filter(([k]) => k !== 'services'), 'subnets'),
    to: select('mx-to', KINDS, 'subnets'),
    protocol: select('mx-protocol', [['tcp', 'TCP'], ['udp', 'UDP'], ['icmp', 'ICMP']], 'tcp'),
    port: /** @type {HTMLInputElement} */ (h('input', { id: 'mx-port', type: 'number', min: 0, max: 65535, value: 443, inputmode: 'numeric' })),
    compute: /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'btn btn-primary', id: 'mx-compute', text: 'Compute' })),
    filterFrom: /** @type {HTMLInputElement} */ (h('input', { id: 'mx-filter-from', type: 'search', placeholder: 'id, name or VPC', spellcheck: 'false' })),
    filterTo: /** @type {HTMLInputElement} */ (h('input', { id: 'mx-filter-to', type: 'search', placeholder: 'id, name or VPC', spellcheck: 'false' })),
    byVpc: /** @type {HTMLInputElement} */ (h('input', { id: 'mx-by-vpc', type: 'checkbox' })),
    cancel: h('button', { type: 'button', class: 'btn btn-small', id: 'mx-cancel', text: 'Cancel' }),
    progressText: h('span', { id: 'mx-progress-text' }),
    progress: h('div', { id: 'mx-progress', class: 'mx-progress hidden', role: 'status', 'aria-live': 'polite' }),
    message: h('p', { id: 'mx-message', class: 'mx-message', role: 'alert' }),
    summary: h('p', { id: 'mx-summary', class: 'muted mx-summary' }),
    limit: h('p', { id: 'mx-limit', class: 'mx-limit' }),
    table: h('table', { id: 'mx-table', class: 'mx-table', 'aria-label': 'Reachability matrix: sources in rows, destinations in columns' }),
    timer: null,
  };
  ui.bar = h('progress', { 'aria-label': 'Computing the matrix', id: 'mx-bar' });
  ui.progress.append(ui.bar, ui.progressText, ui.cancel);
  ui.form = h('form', { class: 'mx-form', 'aria-label': 'Matrix options' },
    field('mx-from', 'From', ui.from), field('mx-to', 'To', ui.to),
    field('mx-protocol', 'Protocol', ui.protocol), field('mx-port', 'Port', ui.port), ui.compute);
  const filters = h('div', { class: 'mx-filters' },
    field('mx-filter-from', 'Filter rows', ui.filterFrom), field('mx-filter-to', 'Filter columns', ui.filterTo),
    h('label', { class: 'mx-check', for: 'mx-by-vpc', title: 'A row and a column per VPC; each cell counts the reachable pairs' }, ui.byVpc, ' Group by VPC'));
  const legend = h('p', { class: 'mx-legend muted' },
    h('span', { class: 'mx-key ok', text: '✓' }), ' reachable there and back · ',
    h('span', { class: 'mx-key bad', text: '✕' }), ' blocked (hover: where, why) · ',
    h('span', { class: 'mx-key flipped', text: '✓' }), ' changed by the last edit · click a cell to play it');
  root.append(h('div', { class: 'mx-controls' }, ui.form, filters), ui.progress, ui.message, ui.summary, legend, ui.limit, h('div', { class: 'mx-scroll' }, ui.table));
  return ui;
}
