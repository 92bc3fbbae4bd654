/**
 * The panel that edits VPC blocks and subnets, peering connections, endpoints (their route
 * tables and policies), transit gateway tables, security groups and network ACLs in place. Each edit is an engine `Edit` (made by netedit.js from the form) handed to
 * `cb.edit`, which has the engine apply it and commits the result through the store (so undo,
 * the URL and autosave follow). Rules are listed as the model writes them.
 */

import { $, h, clear } from './dom.js';
import * as ne from './netedit.js';

const DIRS = [['ingress', 'Inbound'], ['egress', 'Outbound']];
const vpcsOf = (model) => model.vpcs.map((v) => [v.id, v.name && `${v.id} (${v.name})`]);

/** A statement's Action or Resource as a list (IAM takes one string or a list). */
const items = (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

/**
 * @param {{onSelect: (id: string) => void,
 *   edit: (make: () => object, at?: Element) => Promise<{created?: string|null}|null>}} cb
 *   `edit` applies the edit `make()` returns (a form error thrown there, or the engine's
 *   refusal, is shown next to `at`, the control that made it) and resolves to the engine's
 *   result
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
  const form = (label, submit, ...kids) => h('form', { class: 'ne-row', 'aria-label': label, onsubmit: (e) => { e.preventDefault(); cb.edit(submit, e.currentTarget); } }, ...kids);
  /** A button that applies the edit `make()` returns; a refusal shows beside the button. */
  const act = (text, label, make) => btn(text, label, (ev) => cb.edit(make, ev.currentTarget));
  /** A form that selects what its edit created, as AWS's console opens a new resource. */
  const creating = (label, make, ...kids) => h('form', {
    class: 'ne-row',
    'aria-label': label,
    onsubmit: async (e) => {
      e.preventDefault();
      const res = await cb.edit(make, e.currentTarget);
      if (res?.created) cb.onSelect(res.created);
    },
  }, ...kids);

  const views = {
    pcx(p) {
      const pending = p.status === 'pending-acceptance';
      add(h('p', { class: 'muted', text: `${p.requester} (requester) ↔ ${p.accepter} (accepter): ${p.status}.${pending ? ' No traffic until the accepter accepts it.' : ''}` }),
        h('div', { class: 'ne-row' },
          pending && act('Accept', `Accept ${p.id}`, () => ne.acceptPeering(p.id)),
          act('Delete', `Delete ${p.id}`, () => ne.deletePeering(p.id))));
    },
    new(_, model) {
      const a = sel(vpcsOf(model));
      const b = sel(vpcsOf(model), model.vpcs[1]?.id);
      const go = btn('Create');
      a.onchange = b.onchange = () => { go.disabled = a.value === b.value; };
      a.onchange();
      // The new connection opens at once, its Accept button beside it (issue 11).
      add(creating('New peering connection', () => ne.createPeering(a.value, b.value), field('Requester VPC', a), field('Accepter VPC', b), go),
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
      add(creating('New gateway endpoint', create, field('VPC', vpc), field('Service', svc), tables, go));
    },
    vpce(e, model) {
      if (e.type === 'gateway') {
        add(h('fieldset', { class: 'ne-tables' }, h('legend', { text: `Route tables that send ${e.service} through ${e.id}` }),
          model.route_tables.filter((t) => t.vpc === e.vpc).map((t) => h('label', {},
            h('input', { type: 'checkbox', checked: e.route_tables.includes(t.id), onchange: (ev) => cb.edit(() => ne.setEndpointTable(e.id, t.id, ev.target.checked), ev.target) }),
            ` ${t.id}${t.name ? ` (${t.name})` : ''}${t.subnets.length ? ` · ${t.subnets.join(', ')}` : ''}`))));
      }
      policyView(e);
    },
    vpc(v, model) {
      add(h('p', { class: 'muted', text: `${v.id}${v.name ? ` (${v.name})` : ''} · ${v.region} · account ${v.account}` }));
      if (v.known_only_from) {
        add(h('p', { class: 'muted', text: `Known only from ${v.known_only_from}: its blocks and subnets are another account's to change.` }));
        return;
      }
      add(h('h3', { text: 'CIDR blocks' }), h('ul', { class: 'ne-rules', 'aria-label': `CIDR blocks of ${v.id}` },
        v.cidrs.map((c, i) => h('li', {}, h('code', { text: c }), i === 0
          ? h('span', { class: 'muted', text: 'primary: it stays for the life of the VPC' })
          : act('Remove', `Remove block ${c} from ${v.id}`, () => ne.removeVpcCidr(v.id, c))))));
      const block = input('10.1.0.0/16');
      const f = form(`Add a CIDR block to ${v.id}`, () => ne.addVpcCidr(v.id, block.value), field('New block', block), btn('Add block'));
      f.classList.add('ne-add');
      add(f);
      const subnets = model.subnets.filter((s) => s.vpc === v.id);
      add(h('h3', { text: 'Subnets' }), h('ul', { class: 'ne-rules', 'aria-label': `Subnets of ${v.id}` },
        subnets.map((s) => h('li', {}, h('code', { text: `${s.id}${s.name ? ` (${s.name})` : ''} · ${s.cidr} · ${s.az}` }),
          act('Delete', `Delete subnet ${s.id}`, () => ne.deleteSubnet(s.id)))),
        !subnets.length && h('li', { class: 'muted', text: 'No subnet yet.' })));
      const cidr = input('10.0.2.0/24');
      const name = input('app');
      const az = input(`${v.region}a`);
      const g = creating(`Create a subnet in ${v.id}`, () => ne.createSubnet(v.id, cidr.value, name.value, az.value),
        field('Block', cidr), field('Name', name), field('Zone', az), btn('Create subnet'));
      g.classList.add('ne-add');
      add(g);
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
          h('td', {}, x.origin === 'static' && act('Delete', `Delete route ${x.destination} of ${r.id}`, () => ne.deleteTgwRoute(r.id, x.destination)))))));
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
            : act('Associate', `Associate ${a.id} with ${r.id}`, () => ne.associateTgwTable(a.id, r.id))))));
      add(h('h3', { text: 'Propagations' }), h('fieldset', { class: 'ne-tables', 'aria-label': `Propagations into ${r.id}` },
        atts.map((a) => h('label', {},
          h('input', { type: 'checkbox', checked: r.propagations.includes(a.id), 'aria-label': `Propagate ${a.id} into ${r.id}`, onchange: (ev) => cb.edit(() => ne.setTgwPropagation(r.id, a.id, ev.target.checked), ev.target) }),
          ` ${attLabel(a)}`))));
      attachmentZones(atts.filter((a) => a.kind === 'vpc'), model);
    },
  };
  /**
   * A VPC attachment's subnets, one per Availability Zone, and a form that adds one in a zone
   * it lacks (resources in such a zone cannot reach the gateway).
   */
  function attachmentZones(atts, model) {
    if (!atts.length) return;
    const zoneOf = (id) => model.subnets.find((s) => s.id === id)?.az || '?';
    add(h('h3', { text: 'Attachment subnets (one per Availability Zone)' }));
    for (const a of atts) {
      const zones = new Set(a.subnets.map(zoneOf));
      const free = model.subnets.filter((s) => s.vpc === a.vpc && !zones.has(s.az));
      const pick = sel(free.map((s) => [s.id, `${s.id}${s.name ? ` (${s.name})` : ''} · ${s.az}`]));
      const f = form(`Add a subnet to ${a.id}`, () => ne.addTgwAttachmentSubnet(a.id, pick.value),
        h('code', { text: `${a.id}: ${a.subnets.map((x) => `${x} (${zoneOf(x)})`).join(', ') || 'no subnet'}` }),
        free.length ? [field('Add a subnet in another zone', pick), btn('Add subnet')] : h('span', { class: 'muted', text: 'every zone of the VPC has one' }));
      f.classList.add('ne-add');
      add(f);
    }
  }
  /** An endpoint's policy, one form per statement, with the whole document as JSON last. */
  function policyView(e) {
    add(h('h3', { text: 'Endpoint policy' }));
    let pol;
    try {
      pol = ne.policyOf(e.policy);
    } catch {
      pol = { statements: [], text: e.policy };
    }
    if (!pol) {
      add(h('p', { class: 'muted', text: `Default policy: ${e.id} lets every request through. The caller's IAM policy and the resource's policy still decide; a statement added below replaces this default, and then only what the statements allow passes.` }));
    }
    const effectSel = (value) => sel([['Allow'], ['Deny']], value);
    (pol ? pol.statements : []).forEach((st, i) => {
      const name = st && st.Sid ? `Statement ${i + 1} (${st.Sid})` : `Statement ${i + 1}`;
      const effect = effectSel(st?.Effect === 'Deny' ? 'Deny' : 'Allow');
      const actions = input('s3:GetObject, s3:PutObject');
      actions.value = items(st?.Action).join(', ');
      const resources = input('arn:aws:s3:::my-bucket/*');
      resources.value = items(st?.Resource).join(', ');
      // What the form does not change stays as it is, shown so nothing is hidden.
      const rest = Object.entries(st || {}).filter(([k]) => !['Sid', 'Effect', 'Action', 'Resource'].includes(k));
      const f = form(`${name} of ${e.id}`, () => ne.setPolicyStatement(e.id, i, effect.value, actions.value, resources.value),
        h('strong', { class: 'ne-stmt', text: name }),
        field('Effect', effect), field('Actions', actions), field('Resources', resources),
        rest.length && h('span', { class: 'muted ne-keep', text: `Kept as is: ${rest.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join('; ')}` }),
        btn('Save statement'),
        act('Delete', `Delete ${name.toLowerCase()} of ${e.id}`, () => ne.deletePolicyStatement(e.id, i)));
      f.classList.add('ne-add', 'ne-stmt-form');
      add(f);
    });
    const next = pol ? pol.statements.length : 0;
    const effect = effectSel('Allow');
    const actions = input('s3:GetObject, s3:PutObject');
    const resources = input('arn:aws:s3:::my-bucket/*');
    const f = form(`Add a statement to the policy of ${e.id}`, () => ne.setPolicyStatement(e.id, next, effect.value, actions.value, resources.value),
      field('Effect', effect), field('Actions', actions), field('Resources', resources), btn('Add statement'));
    f.classList.add('ne-add');
    add(f);
    if (!pol) return;
    add(h('div', { class: 'ne-row' }, act('Restore the default policy', `Restore the default policy of ${e.id}`, () => ne.setEndpointPolicy(e.id, ''))));
    const text = /** @type {any} */ (h('textarea', { class: 'ne-policy', rows: '8', spellcheck: 'false', 'aria-label': `Policy of ${e.id} as JSON` }));
    text.value = pol.text;
    const whole = form(`The whole policy of ${e.id}`, () => ne.setEndpointPolicy(e.id, text.value), text, btn('Apply this policy'));
    add(h('details', { class: 'ne-json' }, h('summary', { text: 'The whole policy as JSON (for conditions and other keys)' }), whole));
  }

  views.sg = views.acl = (r, model, kind) => {
    for (const [dir, title] of DIRS) {
      // The model's rules, in its order (an ACL's by number): what `delete-rule` counts.
      const list = r[dir] || [];
      const ul = h('ul', { class: 'ne-rules', 'aria-label': `${title} rules` });
      list.forEach((text, i) => {
        // An ACL's rule * (the model lists it last) cannot be deleted.
        if (kind === 'acl' && text.startsWith('*')) ul.append(h('li', { class: 'muted' }, h('code', { text }), '(always last)'));
        else ul.append(h('li', {}, h('code', { text }), act('Delete', `Delete ${dir === 'ingress' ? 'inbound' : 'outbound'} rule ${text}`, () => ne.deleteRule(r.id, dir, i))));
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
      ['Endpoints', model.endpoints.map((e) => [e.id, `${e.id} · ${e.type} · ${e.service}`, 'vpce', e]).concat([['+vpce', '+ New gateway endpoint', 'newvpce']])],
      ['Transit gateway route tables', (model.transit_gateways || []).flatMap((t) => t.route_tables.map((r) => [r.id, `${r.id}${r.name ? ` (${r.name})` : ''} · ${t.id}`, 'tgwrtb', r]))],
      ['Security groups', model.security_groups.map((g) => [g.id, `${g.id}${g.name ? ` (${g.name})` : ''} · ${g.vpc}`, 'sg', g])],
      ['Network ACLs', model.network_acls.map((a) => [a.id, `${a.id} · ${a.vpc} · ${a.subnets.join(', ') || 'no subnet'}`, 'acl', a])],
      ['VPCs: CIDR blocks and subnets', model.vpcs.map((v) => [v.id, `${v.id}${v.name ? ` (${v.name})` : ''} · ${v.cidrs.join(', ')}`, 'vpc', v])],
    ];
    for (const [label, items] of groups) {
      if (items.length) select.append(h('optgroup', { label }, items.map(([v, t]) => h('option', { value: v, text: t }))));
    }
    const all = groups.flatMap((g) => g[1]);
    // A transit gateway's hub selects its first route table.
    const hub = (model.transit_gateways || []).find((t) => t.id === id);
    // A subnet opens its VPC, where its block and its delete button are.
    const subnet = model.subnets.find((x) => x.id === id);
    const want = hub && hub.route_tables.length ? hub.route_tables[0].id : subnet ? subnet.vpc : id;
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
