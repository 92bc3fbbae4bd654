/**
 * The flow picker: source and destination (instances and interfaces, a host on the internet,
 * the corporate network behind a VPN, AWS services; or typed: an IP or a service name),
 * protocol and port.
 */

import { $, h, clear } from './dom.js';

/** The internet host a flow from "the internet" starts at: TEST-NET-3 (RFC 5737), public. */
export const INTERNET_HOST = '203.0.113.10';

/** @param {string} ip dotted quad @returns {number|null} */
function ipNum(ip) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip || '');
  if (!m || m.slice(1).some((x) => +x > 255)) return null;
  return ((+m[1] << 24) >>> 0) + (+m[2] << 16) + (+m[3] << 8) + +m[4];
}

/** @param {string} ip @param {string} cidr @returns {boolean} */
export function inCidr(ip, cidr) {
  const [base, len] = String(cidr).split('/');
  const a = ipNum(ip);
  const b = ipNum(base);
  const bits = Number(len);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/**
 * A host address inside a block, for a flow from that network: the tenth address (192.168.0.10
 * in 192.168.0.0/16), the first in a block of 16 or fewer.
 * @param {string} cidr
 * @returns {string|null}
 */
export function hostIn(cidr) {
  const [base, len] = String(cidr).split('/');
  const n = ipNum(base);
  const bits = Number(len);
  if (n === null || !(bits >= 0 && bits <= 32)) return null;
  const size = 2 ** (32 - bits);
  const ip = n + (size > 16 ? 10 : size > 2 ? 1 : 0);
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/**
 * The sources a flow can start at: instances, then interfaces that belong to no instance.
 * @param {any} model
 * @returns {{id: string, label: string, ip: string}[]} label: name and id (the IP goes in a tooltip)
 */
export function sourcesOf(model) {
  const enis = model?.network_interfaces || [];
  const out = (model?.instances || []).map((i) => {
    const eni = enis.find((e) => e.owner === i.id);
    return { id: i.id, label: i.name ? `${i.name} (${i.id})` : i.id, ip: eni?.private_ip || '' };
  });
  for (const e of enis) if (e.owner_kind === 'other' || e.owner_kind === 'service') out.push({ id: e.id, label: e.name ? `${e.name} (${e.id})` : e.id, ip: e.private_ip });
  return out;
}

/**
 * The ends outside the VPCs a flow can start or end at: a host on the internet, and a host in
 * each corporate network a virtual private gateway reaches (its on-premises blocks).
 * @param {any} model
 * @returns {{id: string, label: string, ip: string, group: string, gateway?: string}[]}
 */
export function outsideEnds(model) {
  const out = [{ id: INTERNET_HOST, label: `A host on the internet (${INTERNET_HOST})`, ip: INTERNET_HOST, group: 'Internet' }];
  for (const g of model?.vpn_gateways || []) {
    for (const c of g.onprem_cidrs || []) {
      const ip = hostIn(c);
      if (ip && !out.some((o) => o.id === ip)) out.push({ id: ip, label: `Corporate network ${ip} (${c}, via ${g.name || g.id})`, ip, group: 'Corporate network', gateway: g.id });
    }
  }
  return out;
}

/**
 * Which outside network an address is in, for an option's label.
 * @param {any} model
 * @param {string} ip
 */
export function whereIs(model, ip) {
  if ((model?.vpn_gateways || []).some((g) => (g.onprem_cidrs || []).some((c) => inCidr(ip, c)))) return 'corporate network';
  if (ipNum(ip) === null) return '';
  const priv = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].some((c) => inCidr(ip, c));
  return priv ? 'address' : 'internet';
}

/**
 * @param {{onChange: (flow: object) => void, onSend: () => void}} cb
 */
export function createFlowForm(cb) {
  const from = /** @type {HTMLSelectElement} */ ($('#flow-from'));
  const toSel = /** @type {HTMLSelectElement} */ ($('#flow-to-select'));
  const to = /** @type {HTMLInputElement} */ ($('#flow-to'));
  const proto = /** @type {HTMLSelectElement} */ ($('#flow-protocol'));
  const port = /** @type {HTMLInputElement} */ ($('#flow-port'));
  const services = $('#services');

  const read = () => ({
    from: from.value,
    to: to.value.trim(),
    protocol: proto.value,
    port: port.value === '' ? undefined : Number(port.value),
  });
  const changed = () => {
    from.title = from.selectedOptions[0]?.title || '';
    cb.onChange(read());
  };
  /** Why the port cannot be sent, or null: a port that does not exist is refused, never traced as another. */
  const portProblem = () => {
    if (port.disabled) return null;
    if (port.validity.badInput) return 'The port must be a whole number from 0 to 65535.';
    const t = port.value.trim();
    const n = Number(t);
    if (t === '' || (Number.isInteger(n) && n >= 0 && n <= 65535)) return null;
    return `Port ${t} does not exist: a port is a whole number from 0 to 65535.`;
  };
  /** @type {HTMLElement|null} */
  let portError = null;
  /** Shows (or clears) the port's problem in the form; true when there is one. */
  const checkPort = () => {
    const problem = portProblem();
    port.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (!problem) {
      portError?.remove();
      portError = null;
      return false;
    }
    // (An edit elsewhere that succeeds clears every .edit-error, this one included.)
    if (!portError || !portError.isConnected) {
      portError = h('p', { id: 'flow-port-error', class: 'edit-error', role: 'alert' });
      // Inside the form, beside Send: the status and the diagram below do not move.
      $('#send').before(portError);
    }
    portError.textContent = problem;
    return true;
  };
  from.addEventListener('change', changed);
  proto.addEventListener('change', () => {
    port.disabled = proto.value === 'icmp';
    checkPort();
    changed();
  });
  // The message goes as soon as the port is right, while typing: were it to go only on
  // 'change' (the field's blur, at the mousedown on Send), the form's row would shrink under the
  // pointer and the click would miss Send.
  port.addEventListener('input', () => {
    if (portError && !portProblem()) checkPort();
  });
  port.addEventListener('change', () => {
    // A bad port stays in the field, with the reason, until it is corrected.
    if (!checkPort()) changed();
  });
  to.addEventListener('change', () => {
    syncToSelect();
    changed();
  });
  toSel.addEventListener('change', () => {
    if (toSel.value) to.value = toSel.value;
    changed();
  });
  $('#flow').addEventListener('submit', (e) => {
    e.preventDefault();
    if (checkPort()) {
      port.focus();
      return;
    }
    cb.onChange(read());
    cb.onSend();
  });

  function syncToSelect() {
    const v = to.value.trim();
    toSel.value = Array.from(toSel.options).some((o) => o.value === v) ? v : '';
  }

  let model = null;
  /** Options in a select beyond which it has a fixed width. */
  const LONG_LIST = 50;

  /** Options for the ends of a model, grouped: the VPCs' own, the internet, the corporate network. */
  function endOptions(m, withServices) {
    const opt = (x) => h('option', { value: x.id, text: x.label, title: x.ip });
    const groups = [h('optgroup', { label: 'Instances and interfaces' }, ...sourcesOf(m).map(opt))];
    const outside = outsideEnds(m);
    for (const label of ['Internet', 'Corporate network']) {
      const xs = outside.filter((o) => o.group === label);
      if (xs.length) groups.push(h('optgroup', { label }, ...xs.map(opt)));
    }
    if (withServices && m?.services?.length) groups.push(h('optgroup', { label: 'AWS services' }, ...m.services.map((x) => h('option', { value: x, text: x }))));
    return groups;
  }

  /** An address the lists lack (from a lesson or a link) gets an option of its own; ids do not. */
  function ensureFrom(v) {
    if (ipNum(v) === null || Array.from(from.options).some((o) => o.value === v)) return;
    const where = whereIs(model, v);
    from.append(h('option', { value: v, text: where ? `${v} (${where})` : v, title: v }));
  }

  /**
   * Fills the lists from a model.
   * @param {any} m
   */
  function setModel(m) {
    model = m;
    const keepFrom = from.value;
    clear(from);
    from.append(...endOptions(m, false));
    if (keepFrom) {
      ensureFrom(keepFrom);
      from.value = keepFrom;
    }
    clear(toSel);
    toSel.append(h('option', { value: '', text: 'or pick…' }), ...endOptions(m, true));
    // A long list gets a fixed width (www/css/app.css, "long lists"): else every layout of the
    // page measured each of its options for the select's width (24 ms at 400 options).
    for (const sel of [from, toSel]) sel.classList.toggle('long-list', sel.options.length > LONG_LIST);
    clear(services);
    for (const name of m?.services || []) services.append(h('option', { value: name }));
    for (const ip of [INTERNET_HOST, '8.8.8.8', '1.1.1.1']) services.append(h('option', { value: ip, label: `${ip} (internet)` }));
    for (const o of outsideEnds(m).filter((x) => x.group !== 'Internet')) services.append(h('option', { value: o.id, label: o.label }));
    syncToSelect();
  }

  /**
   * Shows a flow.
   * @param {{from?: string, to?: string, protocol?: string, port?: number}} f
   */
  function setFlow(f) {
    if (f.from !== undefined) {
      ensureFrom(f.from);
      from.value = f.from;
      from.title = from.selectedOptions[0]?.title || '';
    }
    if (f.to !== undefined) to.value = f.to;
    proto.value = f.protocol || 'tcp';
    port.value = f.port === undefined ? '' : String(f.port);
    port.disabled = proto.value === 'icmp';
    checkPort();
    syncToSelect();
  }

  return { setModel, setFlow, read };
}
