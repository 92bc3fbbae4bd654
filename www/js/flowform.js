/**
 * The flow picker: source, destination (an instance, or typed: an IP or a service name with
 * the model's services offered), protocol and port.
 */

import { $, h, clear } from './dom.js';

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
  from.addEventListener('change', changed);
  proto.addEventListener('change', () => {
    port.disabled = proto.value === 'icmp';
    changed();
  });
  port.addEventListener('change', changed);
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
    cb.onChange(read());
    cb.onSend();
  });

  function syncToSelect() {
    const v = to.value.trim();
    toSel.value = Array.from(toSel.options).some((o) => o.value === v) ? v : '';
  }

  /**
   * Fills the lists from a model.
   * @param {any} model
   */
  function setModel(model) {
    const keepFrom = from.value;
    clear(from);
    const opt = (s) => h('option', { value: s.id, text: s.label, title: s.ip });
    from.append(...sourcesOf(model).map(opt));
    if (keepFrom) from.value = keepFrom;
    clear(toSel);
    toSel.append(h('option', { value: '', text: 'or pick…' }), ...sourcesOf(model).map(opt));
    clear(services);
    for (const name of model?.services || []) services.append(h('option', { value: name }));
    for (const ip of ['8.8.8.8', '1.1.1.1']) services.append(h('option', { value: ip, label: `${ip} (internet)` }));
    syncToSelect();
  }

  /**
   * Shows a flow.
   * @param {{from?: string, to?: string, protocol?: string, port?: number}} f
   */
  function setFlow(f) {
    if (f.from !== undefined) {
      from.value = f.from;
      from.title = from.selectedOptions[0]?.title || '';
    }
    if (f.to !== undefined) to.value = f.to;
    proto.value = f.protocol || 'tcp';
    port.value = f.port === undefined ? '' : String(f.port);
    port.disabled = proto.value === 'icmp';
    syncToSelect();
  }

  return { setModel, setFlow, read };
}
