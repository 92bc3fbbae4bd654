/**
 * Finding things in a big estate (issue 11 item 3): which VPCs a trace crosses (for "Focus
 * the path"), a search over ids, Name tags and addresses, and the search box itself. Pure
 * functions over the model (tested in Node) and one small DOM part; every id and name from the
 * scenario is rendered with textContent (dom.js `h`).
 */

import { h, clear, $ } from './dom.js';
import { cleanFlow } from './state.js';

/**
 * Every resource id of the model that lives in one VPC, with that VPC: what a trace's hop
 * (its component or subnet) tells about where it is.
 * @param {any} model
 * @returns {Map<string, string>}
 */
export function vpcOfIds(model) {
  const m = model || {};
  const out = new Map();
  const put = (id, vpc) => {
    if (id && vpc && !out.has(id)) out.set(id, vpc);
  };
  for (const v of m.vpcs || []) put(v.id, v.id);
  for (const list of [m.subnets, m.route_tables, m.nat_gateways, m.endpoints, m.network_interfaces,
    m.security_groups, m.network_acls, m.internet_gateways, m.vpn_gateways]) {
    for (const x of list || []) put(x.id, x.vpc);
  }
  const eniVpc = new Map((m.network_interfaces || []).map((e) => [e.id, e.vpc]));
  for (const i of m.instances || []) put(i.id, eniVpc.get((i.network_interfaces || [])[0]));
  for (const t of m.transit_gateways || []) for (const a of t.attachments || []) put(a.id, a.vpc);
  return out;
}

/**
 * The VPCs a trace's hops are in, and the flow's ends (a peering connection's hop is in both
 * of its VPCs).
 * @param {any} trace the engine's trace ({hops: [{component, subnet?}]})
 * @param {any} model
 * @param {string[]} [ends] the flow's source and destination ids
 * @returns {Set<string>}
 */
export function pathVpcs(trace, model, ends = []) {
  const of = vpcOfIds(model);
  const peering = new Map((model?.peering_connections || []).map((p) => [p.id, p]));
  const out = new Set();
  const add = (id) => {
    const v = id && of.get(id);
    if (v) out.add(v);
    const p = id && peering.get(id);
    if (p) {
      out.add(p.requester);
      out.add(p.accepter);
    }
  };
  for (const hop of trace?.hops || []) {
    add(hop.component);
    add(hop.subnet);
  }
  for (const id of ends) add(id);
  return out;
}

/** An IPv4 address as a number, or null. */
export function ipv4(text) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(text || '').trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** Whether an IPv4 CIDR block holds an address (a number); false for anything else. */
export function cidrHolds(cidr, ip) {
  const [base, len] = String(cidr || '').split('/');
  const b = ipv4(base);
  const n = Number(len);
  if (b === null || !Number.isInteger(n) || n < 0 || n > 32) return false;
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return ((b & mask) >>> 0) === ((ip & mask) >>> 0);
}

/**
 * @typedef {{id: string, kind: string, label: string, vpc: string, names: string[],
 *   ips: string[], cidrs: string[], rank: number}} Entry
 */

/**
 * What search looks through: instances, interfaces, subnets, VPCs and gateways, each with its
 * id, Name, addresses (instances and interfaces) or CIDR blocks (subnets, VPCs).
 * @param {any} model
 * @returns {Entry[]}
 */
export function searchIndex(model) {
  const m = model || {};
  const out = [];
  const eni = new Map((m.network_interfaces || []).map((e) => [e.id, e]));
  const add = (kind, x, vpc, more = {}) => out.push({
    id: x.id, kind, label: x.name || '', vpc: vpc || '', names: [x.id, x.name].filter(Boolean),
    ips: [], cidrs: [], rank: out.length, ...more,
  });
  for (const i of m.instances || []) {
    const es = (i.network_interfaces || []).map((id) => eni.get(id)).filter(Boolean);
    add('instance', i, es[0]?.vpc, { ips: es.flatMap((e) => [e.private_ip, e.public_ip]).filter(Boolean) });
  }
  for (const e of m.network_interfaces || []) {
    if (e.owner_kind === 'instance' || e.owner_kind === 'nat-gateway') continue;
    add('interface', e, e.vpc, { ips: [e.private_ip, e.public_ip].filter(Boolean) });
  }
  for (const n of m.nat_gateways || []) add('NAT gateway', n, n.vpc, { ips: [n.private_ip, n.public_ip].filter(Boolean) });
  for (const s of m.subnets || []) add('subnet', s, s.vpc, { cidrs: [s.cidr] });
  for (const v of m.vpcs || []) add('VPC', v, v.id, { cidrs: v.cidrs || [] });
  for (const g of m.internet_gateways || []) add('internet gateway', g, g.vpc);
  for (const g of m.vpn_gateways || []) add('VPN gateway', g, g.vpc);
  for (const e of m.endpoints || []) add('endpoint', e, e.vpc, { names: [e.id, e.name, e.service].filter(Boolean) });
  for (const p of m.peering_connections || []) add('peering', p, p.requester);
  for (const t of m.transit_gateways || []) add('transit gateway', t, '');
  return out;
}

/**
 * The entries that match a query, best first: an address finds what has it, then the subnets
 * and VPCs whose blocks hold it (the smallest block first); text finds ids and names, exact
 * matches first, then those that start with it, then those that contain it.
 * @param {Entry[]} index
 * @param {string} query
 * @param {number} [limit]
 * @returns {(Entry & {why: string})[]}
 */
export function search(index, query, limit = 12) {
  const q = String(query || '').trim().toLowerCase();
  if (!q) return [];
  const ip = ipv4(q);
  const scored = [];
  for (const e of index) {
    let score = -1;
    let why = '';
    if (ip !== null && e.ips.includes(q)) [score, why] = [0, `has ${q}`];
    else if (ip !== null) {
      const c = e.cidrs.filter((x) => cidrHolds(x, ip)).sort((a, b) => prefix(b) - prefix(a))[0];
      if (c) [score, why] = [1 + (32 - prefix(c)) / 100, `${c} holds ${q}`];
    }
    if (score < 0) {
      for (const n of e.names) {
        const t = n.toLowerCase();
        const s = t === q ? 2 : t.startsWith(q) ? 3 : t.includes(q) ? 4 : -1;
        if (s >= 0 && (score < 0 || s < score)) [score, why] = [s, n === e.id ? 'id' : 'name'];
      }
    }
    if (score >= 0) scored.push({ ...e, score, why });
  }
  scored.sort((a, b) => a.score - b.score || a.rank - b.rank);
  return scored.slice(0, limit);
}

function prefix(cidr) {
  return Number(String(cidr).split('/')[1]) || 0;
}

/**
 * The search box: type an id, a name or an address; the results list below it is a listbox
 * (arrow keys move, Enter picks the highlighted one or the first, Escape closes).
 * @param {{input: HTMLInputElement, list: HTMLElement, onPick: (e: Entry) => void,
 *   getIndex: () => Entry[]}} parts
 */
export function createFinder({ input, list, onPick, getIndex }) {
  let results = [];
  let active = -1;
  const close = () => {
    results = [];
    active = -1;
    clear(list);
    list.classList.add('hidden');
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const pick = (i) => {
    const e = results[i];
    if (!e) return;
    close();
    onPick(e);
  };
  const render = () => {
    clear(list);
    list.classList.toggle('hidden', !input.value.trim());
    input.setAttribute('aria-expanded', String(!!input.value.trim()));
    if (!results.length) {
      list.append(h('li', { class: 'find-none', role: 'option', 'aria-disabled': 'true', text: 'Nothing in this network matches.' }));
      return;
    }
    results.forEach((e, i) => {
      list.append(h('li', {
        id: `find-${i}`, role: 'option', class: 'find-item' + (i === active ? ' active' : ''),
        'aria-selected': String(i === active),
        onmousedown: (ev) => ev.preventDefault(),
        onclick: () => pick(i),
      }, h('span', { class: 'find-kind', text: e.kind }), h('span', { class: 'find-name', text: e.label || e.id }),
      h('span', { class: 'find-why', text: e.label ? `${e.id} · ${e.why}` : e.why })));
    });
    if (active >= 0) input.setAttribute('aria-activedescendant', `find-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  input.addEventListener('input', () => {
    results = search(getIndex(), input.value);
    active = -1;
    if (input.value.trim()) render();
    else close();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!results.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!results.length) results = search(getIndex(), input.value);
      pick(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return { close };
}

/**
 * Above this many VPCs a newly loaded estate is drawn collapsed, but for the VPCs of the flow's
 * ends: drawn whole, 370 VPCs were ~30,000 SVG elements whose first layout blocked the page
 * for 6-13 s (measured in Chromium; 1 s at 100 VPCs), and their text was 1-4 px at Fit anyway.
 */
export const COLLAPSE_ABOVE = 40;

/**
 * The VPCs a newly loaded estate starts with collapsed: none for a small one; for a big one
 * all but those holding `ends` (the flow's source and destination).
 * @param {any} model
 * @param {string[]} ends
 * @returns {Set<string>}
 */
export function defaultCollapsed(model, ends) {
  const vpcs = model?.vpcs || [];
  if (vpcs.length <= COLLAPSE_ABOVE) return new Set();
  const keep = pathVpcs(null, model, ends);
  return new Set(vpcs.map((v) => v.id).filter((id) => !keep.has(id)));
}

/**
 * Wires the estate tools above the diagram (www/index.html .estate-tools) to the page's
 * store: "Focus the path", Collapse all / Expand all and the search box; they show for estates
 * of `from` VPCs or more. main.js imports this module with the first such estate.
 * @param {{store: any, relaid: (collapsed: Set<string>, focus?: string[]|null) => object, showResult: (frames: any[]) => void,
 *   endIds: (flow: any, model: any) => string[], zoomTo: (id: string) => boolean, keepReadable: () => void,
 *   from: number}} page keepReadable: zooms in around the view's middle when its text is under 11 px
 * @returns {{offPath: (trace: any, flow: any, st: any) => Set<string>,
 *   onPath: (trace: any, flow: any, st: any) => string[], focusByItself: (st: any) => object|null}}
 */
export function wireEstateTools({ store, relaid, showResult, endIds, zoomTo, keepReadable, from }) {
  /** The VPCs a trace and its flow's ends touch, in the path's order. */
  const onPath = (t, flow, st) => [...pathVpcs(t, st.model, endIds(flow, st.model))];
  /** The model's VPCs that a trace and its flow's ends do not touch. */
  const offPath = (t, flow, st) => {
    const on = new Set(onPath(t, flow, st));
    return new Set(st.model.vpcs.map((v) => v.id).filter((id) => !on.has(id)));
  };
  // On: the VPCs off the path collapse (and again after each trace, in sendPacket); off: the
  // VPCs collapsed before come back.
  const setFocusPath = (on) => {
    const st = store.get();
    if (on) {
      store.set({ focusPath: true, focusSeen: true, collapsedBefore: st.collapsed });
      if (st.trace) {
        const flow = cleanFlow(st.flow);
        store.set(relaid(offPath(st.trace, flow, st), onPath(st.trace, flow, st)));
        showResult(store.get().frames);
      }
    } else {
      store.set({ focusPath: false, focusSeen: true, collapsedBefore: null, ...relaid(st.collapsedBefore || new Set(), null) });
      keepReadable();
    }
  };
  // The view stays on the VPC in its middle (diagram.js keptView), zoomed in there when its
  // text would be under 11 px (issue 11 item 2): at Fit 100 VPCs' headers were 1-2 px.
  const collapseAll = (collapse) => {
    const st = store.get();
    if (!st.model) return;
    const all = new Set(collapse ? st.model.vpcs.map((v) => v.id) : []);
    // Leaving "Focus the path" this way is the learner's choice too (focusByItself).
    store.set({ focusPath: false, focusSeen: st.focusSeen || st.focusPath, collapsedBefore: null, ...relaid(all, null) });
    keepReadable();
  };
  $('#focus-path').addEventListener('click', () => setFocusPath(!store.get().focusPath));
  $('#collapse-all').addEventListener('click', () => collapseAll(true));
  $('#expand-all').addEventListener('click', () => collapseAll(false));
  let found = { model: null, index: [] };
  createFinder({
    input: /** @type {HTMLInputElement} */ ($('#find')),
    list: $('#find-results'),
    getIndex: () => {
      const m = store.get().model;
      if (found.model !== m) found = { model: m, index: searchIndex(m) };
      return found.index;
    },
    // Its VPC is expanded when collapsed, then the view goes to it.
    onPick: (e) => {
      const st = store.get();
      if (e.vpc && st.collapsed.has(e.vpc)) {
        const collapsed = new Set(st.collapsed);
        collapsed.delete(e.vpc);
        store.set(relaid(collapsed));
      }
      zoomTo(e.id);
    },
  });
  const render = (st) => {
    $('.estate-tools').classList.toggle('hidden', (st.model?.vpcs.length || 0) < from);
    $('#focus-path').setAttribute('aria-pressed', String(!!st.focusPath));
    $('#focus-path').classList.toggle('btn-primary', !!st.focusPath);
    // Pressed (by the learner or by the first result): the way back is said on the button.
    $('#focus-path').title = st.focusPath ? 'On: only the VPCs the packet crosses are open. Press to show every VPC again.'
      : 'Collapse the VPCs the packet does not cross';
  };
  store.subscribe((st, changed) => {
    if (changed.has('model') || changed.has('focusPath')) render(st);
  });
  render(store.get());
  return { offPath, onPath, focusByItself };
}

/**
 * What turns "Focus the path" on by itself: the first result on an estate drawn collapsed (over
 * COLLAPSE_ABOVE VPCs), where a view of the whole path made its text 2-4 px (issue 11 items 2
 * and 3); null once the learner or a result has used the toggle on this estate (focusSeen), so
 * turning it off sticks.
 * @param {{model: any, focusPath: boolean, focusSeen?: boolean, collapsed: Set<string>}} st
 * @returns {object|null} the store's change
 */
export function focusByItself(st) {
  if (st.focusPath || st.focusSeen || (st.model?.vpcs.length || 0) <= COLLAPSE_ABOVE) return null;
  return { focusPath: true, focusSeen: true, collapsedBefore: st.collapsed };
}
