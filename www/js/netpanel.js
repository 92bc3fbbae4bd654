/**
 * The panel that edits peering connections, gateway endpoints, security groups and network
 * ACLs in place. Each edit is an engine `Edit` (made by netedit.js from the form) handed to
 * `cb.edit`, which has the engine apply it and commits the result through the store (so undo,
 * the URL and autosave follow). Rules are listed as the model writes them.
 */

import { $, h, clear } from './dom.js';
import * as ne from './netedit.js';

const DIRS = [['ingress', 'Inbound'], ['egress', 'Outbound']];
const vpcsOf = (model) => model.vpcs.map((v) => [v.id, v.name && `${v.id} (${v.name})`]);

/**
 * @param {{onSelect: (id: string) => void,
 *   edit: (make: () => object) => Promise<{created?: string|null}|null>}} cb `edit` applies
 *   the edit `make()` returns (a form error thrown there is shown) and resolves to the
 *   engine's result
 */
export function createNetEditor(cb) {
  const select = /** @type {HTMLSelectElement} */ ($('#net-select'));
  const body = $('#net-body');
  select.addEventListener('change', () => cb.onSelect(select.value));
  const add = (...els) => body.append(...els);
  const btn = (text, label, fn) => h('button', { type: fn ? 'button' : 'submit', class: 'btn btn-small', text, 'aria-label': label, onclick: fn });
  const field = (label, el) => h('label', { class: 'ne-f' }, h('span', { text: label }), el);
  const sel = (opts, value) => {
    const s = /** @type {any} */ (h('select', {}, opts.map(([v, t]) => h('option', { value: v, text: t || v }))));
    if (value) s.value = value;
    return s;
  };
  const input = (placeholder, type = 'text') => /** @type {any} */ (h('input', { type, placeholder, spellcheck: 'false' }));
  const form = (label, submit, ...kids) => h('form', { class: 'ne-row', 'aria-label': label, onsubmit: (e) => { e.preventDefault(); cb.edit(submit); } }, ...kids);

  const views = {
    pcx(p) {
      const pending = p.status === 'pending-acceptance';
      add(h('p', { class: 'muted', text: `${p.requester} (requester) ↔ ${p.accepter} (accepter): ${p.status}.${pending ? ' No traffic until the accepter accepts it.' : ''}` }),
        h('div', { class: 'ne-row' },
          pending && btn('Accept', `Accept ${p.id}`, () => cb.edit(() => ne.acceptPeering(p.id))),
          btn('Delete', `Delete ${p.id}`, () => cb.edit(() => ne.deletePeering(p.id)))));
    },
    new(_, model) {
      const a = sel(vpcsOf(model));
      const b = sel(vpcsOf(model), model.vpcs[1]?.id);
      const go = btn('Create');
      a.onchange = b.onchange = () => { go.disabled = a.value === b.value; };
      a.onchange();
      add(form('New peering connection', () => ne.createPeering(a.value, b.value), field('Requester VPC', a), field('Accepter VPC', b), go),
        h('p', { class: 'muted', text: model.vpcs.length < 2 ? 'A peering connection joins two VPCs; this network has one.' : 'It waits for the accepter; each VPC also needs a route to the other.' }));
    },
    newvpce(_, model) {
      const vpc = sel(vpcsOf(model));
      const svc = sel([]);
      const tables = h('fieldset', { class: 'ne-tables' });
      const go = btn('Create');
      // Gateway endpoints exist for S3 and DynamoDB, in the VPC's own Region.
      vpc.onchange = () => {
        const v = model.vpcs.find((x) => x.id === vpc.value);
        clear(svc);
        clear(tables);
        for (const s of model.services) if (v && /\.(s3|dynamodb)$/.test(s) && s.includes(`.${v.region}.`)) svc.append(h('option', { value: s, text: s }));
        go.disabled = !svc.value;
        tables.append(h('legend', { text: 'Route tables that send the service through it' }),
          ...model.route_tables.filter((t) => t.vpc === vpc.value).map((t) => h('label', {}, h('input', { type: 'checkbox', value: t.id }), ` ${t.id}${t.name ? ` (${t.name})` : ''}`)));
      };
      vpc.onchange();
      const create = () => ne.createGatewayEndpoint(vpc.value, svc.value, [...tables.querySelectorAll('input:checked')].map((x) => x.value));
      add(h('form', {
        class: 'ne-row',
        'aria-label': 'New gateway endpoint',
        onsubmit: async (e) => {
          e.preventDefault();
          const res = await cb.edit(create);
          if (res?.created) cb.onSelect(res.created);
        },
      }, field('VPC', vpc), field('Service', svc), tables, go));
    },
    vpce(e, model) {
      add(h('fieldset', { class: 'ne-tables' }, h('legend', { text: `Route tables that send ${e.service} through ${e.id}` }),
        model.route_tables.filter((t) => t.vpc === e.vpc).map((t) => h('label', {},
          h('input', { type: 'checkbox', checked: e.route_tables.includes(t.id), onchange: (ev) => cb.edit(() => ne.setEndpointTable(e.id, t.id, ev.target.checked)) }),
          ` ${t.id}${t.name ? ` (${t.name})` : ''}${t.subnets.length ? ` · ${t.subnets.join(', ')}` : ''}`))));
    },
    tgwrtb(r, model) {
      const t = (model.transit_gateways || []).find((g) => g.route_tables.some((x) => x.id === r.id));
      const atts = t ? t.attachments : [];
      const attLabel = (a) => `${a.id}${a.name ? ` (${a.name})` : ''} · ${a.kind}${a.vpc ? ` ${a.vpc}` : ''}${a.state !== 'available' ? ` · ${a.state}` : ''}`;
      add(h('p', { class: 'muted', text: `Route table of ${t ? t.id : 'a transit gateway'}. A packet that comes in by an attachment is routed by the table associated with that attachment.` }));
      const routes = h('table', { class: 'ne-tgw-routes', 'aria-label': `Routes of ${r.id}` },
        h('thead', {}, h('tr', {}, ['Destination', 'Target', 'Type', 'State', ''].map((x) => h('th', { text: x })))),
        h('tbody', {}, r.routes.map((x) => h('tr', { class: x.state === 'blackhole' ? 'blackhole' : '' },
          // A prefix-list reference is one row, with the entries it routes.
          h('td', {}, h('code', { text: x.destination }), Array.isArray(x.entries) && x.entries.length ? h('span', { class: 'muted', text: ` (${x.entries.join(', ')})` }) : null),
          h('td', {}, h('code', { text: x.target })),
          h('td', { text: x.origin }), h('td', { text: x.state }),
          h('td', {}, x.origin === 'static' && btn('Delete', `Delete route ${x.destination} of ${r.id}`, () => cb.edit(() => ne.deleteTgwRoute(r.id, x.destination))))))));
      if (!r.routes.length) routes.append(h('tbody', {}, h('tr', {}, h('td', { colspan: '5', class: 'muted', text: 'No route: this table drops everything.' }))));
      add(h('h3', { text: 'Routes' }), routes);
      const dest = input('10.2.0.0/16');
      const target = sel([...atts.map((a) => [a.id, attLabel(a)]), ['blackhole', 'blackhole (drop)']]);
      const f = form(`Add a static route to ${r.id}`, () => ne.setTgwRoute(r.id, dest.value, target.value),
        field('Destination', dest), field('Target', target), btn('Add route'));
      f.classList.add('ne-add');
      add(f);
      add(h('h3', { text: 'Associations' }), h('ul', { class: 'ne-rules', 'aria-label': `Associations of ${r.id}` },
        atts.map((a) => h('li', {}, h('code', { text: attLabel(a) }),
          r.associations.includes(a.id)
            ? h('span', { class: 'muted', text: 'associated' })
            : btn('Associate', `Associate ${a.id} with ${r.id}`, () => cb.edit(() => ne.associateTgwTable(a.id, r.id)))))));
      add(h('h3', { text: 'Propagations' }), h('fieldset', { class: 'ne-tables', 'aria-label': `Propagations into ${r.id}` },
        atts.map((a) => h('label', {},
          h('input', { type: 'checkbox', checked: r.propagations.includes(a.id), 'aria-label': `Propagate ${a.id} into ${r.id}`, onchange: (ev) => cb.edit(() => ne.setTgwPropagation(r.id, a.id, ev.target.checked)) }),
          ` ${attLabel(a)}`))));
    },
  };
  views.sg = views.acl = (r, model, kind) => {
    for (const [dir, title] of DIRS) {
      // The model's rules, in its order (an ACL's by number): what `delete-rule` counts.
      const list = r[dir] || [];
      const ul = h('ul', { class: 'ne-rules', 'aria-label': `${title} rules` });
      list.forEach((text, i) => {
        // An ACL's rule * (the model lists it last) cannot be deleted.
        if (kind === 'acl' && text.startsWith('*')) ul.append(h('li', { class: 'muted' }, h('code', { text }), '(always last)'));
        else ul.append(h('li', {}, h('code', { text }), btn('Delete', `Delete ${dir === 'ingress' ? 'inbound' : 'outbound'} rule ${text}`, () => cb.edit(() => ne.deleteRule(r.id, dir, i)))));
      });
      // An empty group denies what no rule allows.
      if (kind === 'sg' && !list.length) ul.append(h('li', { class: 'muted', text: 'No rule: nothing is allowed.' }));
      add(h('h3', { text: title }), ul);
    }
    const dir = sel(DIRS);
    const num = input('100', 'number');
    const action = sel([['allow'], ['deny']]);
    const proto = sel([['tcp'], ['udp'], ['icmp'], ['all']]);
    const ports = input('all or 443');
    const src = input(kind === 'sg' ? '10.0.0.0/16 or sg-…' : '10.0.0.0/16');
    const f = form('Add a rule', () => ne.addRule(kind, r.id, dir.value,
      { rule: num.value, action: action.value, protocol: proto.value, ports: ports.value, source: src.value }),
    field('Direction', dir), kind === 'acl' && [field('Rule #', num), field('Action', action)],
    field('Protocol', proto), field('Ports', ports), field(kind === 'sg' ? 'Source / destination' : 'CIDR', src), btn('Add rule'));
    f.classList.add('ne-add');
    add(f);
  };

  /**
   * Redraws for a model and the selected resource id.
   * @param {any} model
   * @param {string|null} id
   */
  function render(model, id) {
    const inBody = body.contains(document.activeElement);
    const had = inBody && document.activeElement.getAttribute('aria-label');
    clear(select);
    clear(body);
    if (!model) return;
    const groups = [
      ['Peering connections', model.peering_connections.map((p) => [p.id, `${p.id} · ${p.requester} ↔ ${p.accepter} · ${p.status}`, 'pcx', p]).concat([['+pcx', '+ New peering connection', 'new']])],
      ['Gateway endpoints', model.endpoints.filter((e) => e.type === 'gateway').map((e) => [e.id, `${e.id} · ${e.service}`, 'vpce', e]).concat([['+vpce', '+ New gateway endpoint', 'newvpce']])],
      ['Transit gateway route tables', (model.transit_gateways || []).flatMap((t) => t.route_tables.map((r) => [r.id, `${r.id}${r.name ? ` (${r.name})` : ''} · ${t.id}`, 'tgwrtb', r]))],
      ['Security groups', model.security_groups.map((g) => [g.id, `${g.id}${g.name ? ` (${g.name})` : ''} · ${g.vpc}`, 'sg', g])],
      ['Network ACLs', model.network_acls.map((a) => [a.id, `${a.id} · ${a.vpc} · ${a.subnets.join(', ') || 'no subnet'}`, 'acl', a])],
    ];
    for (const [label, items] of groups) {
      if (items.length) select.append(h('optgroup', { label }, items.map(([v, t]) => h('option', { value: v, text: t }))));
    }
    const all = groups.flatMap((g) => g[1]);
    // A transit gateway's hub selects its first route table.
    const hub = (model.transit_gateways || []).find((t) => t.id === id);
    const want = hub && hub.route_tables.length ? hub.route_tables[0].id : id;
    const [value, , kind, r] = all.find((x) => x[0] === want) || all[0];
    select.value = value;
    try {
      views[kind](r, model, kind);
    } catch (e) {
      add(h('p', { class: 'muted', text: e.message }));
    }
    // Keyboard users keep their place when an edit redraws the panel.
    if (inBody) ((had && body.querySelector(`[aria-label="${CSS.escape(had)}"]`)) || select).focus();
  }

  return { render };
}
