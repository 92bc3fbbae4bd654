/**
 * Diagram layout: model (from load()) -> boxes and points. Pure: no DOM; tested in Node.
 *
 * Outside world on top (Internet, AWS services, corporate networks); below it the VPCs in a
 * grid, grouped by Region and account when there are several. Inside a VPC: the header (name,
 * id, CIDRs), edge gateways straddling its top border (internet gateway, virtual private
 * gateway, gateway endpoints), and its subnets in two columns. Inside a subnet: its route
 * table and network ACL chips, then its interfaces (instances, NAT gateway, interface
 * endpoints). Peering connections are links between VPC boxes with a chip at the middle.
 */

export const NODE_W = 150;
export const NODE_H = 40;
export const CHIP_W = 132;
export const CHIP_H = 22;
export const EDGE_W = 150;
export const EDGE_H = 30;
const PAD = 10;
const SUB_HEAD = 48;
const SUB_W = 2 * NODE_W + 3 * PAD;
const VPC_HEAD = 62;
const VPC_PAD = 16;
const VPC_GAP = 70;
const GROUP_HEAD = 30;
const GROUP_PAD = 24;
const TOP = 20;
const OUTSIDE_H = 44;
const OUTSIDE_W = 170;
const HUB_W = 190;
const HUB_H = 44;
const HUB_BAND = HUB_H + 60;
/** Focus mode: open VPCs per row; the collapsed strip's box width, gap and least width. */
const FOCUS_ROW = 4;
const STRIP_W = 2 * NODE_W + 60;
const STRIP_GAP = 20;
const STRIP_MIN_W = 1200;

/**
 * Shortens text to a number of characters, with an ellipsis.
 * @param {string} text
 * @param {number} max
 * @returns {string}
 */
export function fit(text, max) {
  const t = String(text ?? '');
  return t.length <= max ? t : t.slice(0, Math.max(1, max - 1)) + '…';
}

/**
 * The class of a peering status: `active`, `pending` or `failed`.
 * @param {string} status AWS's status code
 * @returns {'active'|'pending'|'failed'}
 */
export function peeringClass(status) {
  if (status === 'active') return 'active';
  if (['pending-acceptance', 'provisioning', 'initiating-request'].includes(status)) return 'pending';
  return 'failed';
}

function by(list, key) {
  const m = new Map();
  for (const x of list || []) {
    const k = x[key];
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return m;
}

/**
 * @typedef {{key: string, id: string, kind: string, x: number, y: number, w: number, h: number,
 *   label: string, sub: string, title: string, vpc?: string, subnet?: string, owner?: string,
 *   tone?: string}} LNode
 * @typedef {{id: string, name: string, x: number, y: number, w: number, h: number, title: string,
 *   sub: string, collapsed: boolean, group: string}} LVpc
 * @typedef {{id: string, name: string, vpc: string, x: number, y: number, w: number, h: number,
 *   public: boolean, az: string, cidr: string}} LSubnet
 * @typedef {{id: string, status: string, cls: string, x1: number, y1: number, x2: number,
 *   y2: number, kind?: string, points?: {x: number, y: number}[]|null, label?: string,
 *   title?: string}} LLink
 * @typedef {{width: number, height: number, groups: {label: string, x: number, y: number,
 *   w: number, h: number}[], vpcs: LVpc[], subnets: LSubnet[], nodes: LNode[], links: LLink[],
 *   wires: {x1: number, y1: number, x2: number, y2: number, cls: string, ends: [string, string]}[],
 *   anchors: Map<string, {x: number, y: number}>}} Layout
 */

/**
 * Lays out a model.
 * @param {any} model the `model` object load() returns
 * @param {{collapsed?: Set<string>, aspect?: number, focus?: string[]|null}} [opts] collapsed: VPC
 *   ids drawn as header only; aspect: width / height of the view, to pick the VPC grid that
 *   draws largest; focus ("Focus the path", issue 11 item 3): the path's VPCs in its order,
 *   drawn side by side in that order with every other open VPC after them, the collapsed ones in
 *   a compact strip below, and transit gateways over the open VPCs only
 * @returns {Layout}
 */
export function layout(model, opts = {}) {
  const collapsed = opts.collapsed || new Set();
  const m = {
    vpcs: [], subnets: [], route_tables: [], internet_gateways: [], nat_gateways: [],
    peering_connections: [], endpoints: [], instances: [], network_interfaces: [],
    network_acls: [], vpn_gateways: [], transit_gateways: [], services: [], ...model,
  };
  /** @type {LNode[]} */
  const nodes = [];
  /** @type {Map<string, {x: number, y: number}>} */
  const anchors = new Map();
  const anchor = (key, x, y) => {
    if (!anchors.has(key)) anchors.set(key, { x, y });
  };
  const addNode = (n) => {
    nodes.push(n);
    const c = { x: n.x + n.w / 2, y: n.y + n.h / 2 };
    if (n.subnet) anchor(`${n.subnet}|${n.id}`, c.x, c.y);
    anchor(n.id, c.x, c.y);
    if (n.owner) anchor(n.owner, c.x, c.y);
    return n;
  };

  const subnetsOf = by(m.subnets, 'vpc');
  const enisOf = by(m.network_interfaces, 'subnet');
  const natsOf = by(m.nat_gateways, 'subnet');
  const instName = new Map(m.instances.map((i) => [i.id, i.name]));
  // R27: instances that are not running (stopped, stopping, ...) are drawn greyed with their state.
  const instState = new Map(m.instances.filter((i) => i.state).map((i) => [i.id, i.state]));
  const natOfEni = new Map();
  const edgeOf = new Map(); // vpc -> [{id, kind, label, sub}]
  const pushEdge = (vpc, e) => {
    if (!vpc) return;
    if (!edgeOf.has(vpc)) edgeOf.set(vpc, []);
    edgeOf.get(vpc).push(e);
  };
  for (const g of m.internet_gateways) pushEdge(g.vpc, { id: g.id, kind: 'internet-gateway', label: g.name || 'Internet gateway', sub: g.id });
  for (const g of m.vpn_gateways) pushEdge(g.vpc, { id: g.id, kind: 'vpn-gateway', label: g.name || (g.type === 'direct-connect' ? 'Direct Connect gw' : 'VPN gateway'), sub: g.id });
  for (const e of m.endpoints) {
    if (e.type === 'gateway') pushEdge(e.vpc, { id: e.id, kind: 'gateway-endpoint', label: e.name || 'Gateway endpoint', sub: `${e.id} · ${shortService(e.service)}` });
  }

  // ---- VPC boxes, measured before placing
  const measured = m.vpcs.map((v) => {
    const subs = subnetsOf.get(v.id) || [];
    const edges = edgeOf.get(v.id) || [];
    const inner = subs.map((s) => {
      const items = [];
      for (const n of natsOf.get(s.id) || []) items.push({ kind: 'nat-gateway', id: n.id, label: n.name || 'NAT gateway', sub: `${n.id} · ${n.public_ip || n.private_ip}`, tone: n.available ? '' : 'down' });
      for (const e of enisOf.get(s.id) || []) {
        if (e.owner_kind === 'nat-gateway') {
          natOfEni.set(e.id, e.owner);
          continue;
        }
        if (e.owner_kind === 'instance') {
          const st = instState.get(e.owner);
          items.push({ kind: 'instance', id: e.id, owner: e.owner, label: instName.get(e.owner) || e.owner || e.id, sub: named(instName.get(e.owner), e.owner, st || e.private_ip), tone: st ? 'down' : '' });
        }
        else if (e.owner_kind === 'interface-endpoint') items.push({ kind: 'interface-endpoint', id: e.id, owner: e.owner, label: 'Endpoint ' + (e.owner || ''), sub: `${e.id} · ${e.private_ip}` });
        else if (e.owner_kind === 'service') items.push({ kind: 'eni', id: e.id, label: e.name || e.owner, sub: `${e.owner} · ${e.private_ip}` });
        else items.push({ kind: 'eni', id: e.id, label: e.name || e.id, sub: named(e.name, e.id, e.owner_kind === 'detached' ? 'detached' : e.private_ip), tone: e.owner_kind === 'detached' ? 'down' : '' });
      }
      const rows = Math.max(1, Math.ceil(items.length / 2));
      const h = SUB_HEAD + CHIP_H + PAD + rows * (NODE_H + PAD) + PAD / 2;
      return { s, items, h };
    });
    const cols = inner.length > 1 ? 2 : 1;
    const rowsH = [];
    for (let i = 0; i < inner.length; i += cols) rowsH.push(Math.max(...inner.slice(i, i + cols).map((x) => x.h)));
    const minW = Math.max(cols * SUB_W + (cols - 1) * PAD + 2 * VPC_PAD, edges.length * (EDGE_W + 8) + 40, SUB_W + 2 * VPC_PAD);
    const isCollapsed = collapsed.has(v.id);
    const fullH = VPC_HEAD + rowsH.reduce((a, b) => a + b + PAD, 0) + VPC_PAD;
    // fullH picks the grid, so collapsing keeps every VPC in its row and column (issue 11 item 3).
    return { v, inner, cols, rowsH, edges, w: minW, h: isCollapsed ? VPC_HEAD : fullH, fullH, isCollapsed };
  });

  // ---- groups (Region / account) and the grid inside each
  const groupKey = (v) => `${v.region} · account ${v.account}`;
  const groupsMap = by(measured.map((x) => ({ ...x, g: groupKey(x.v) })), 'g');
  const showGroups = groupsMap.size > 1;
  const outsideY = TOP;
  // Transit gateways get a band of their own between the outside world and the VPCs.
  const hubsY = TOP + OUTSIDE_H + 40;
  let y = TOP + OUTSIDE_H + 50 + (m.transit_gateways.length ? HUB_BAND : 0);
  let width = 0;
  const groups = [];
  /** @type {LVpc[]} */
  const vpcs = [];
  /** @type {LSubnet[]} */
  const subnets = [];
  // Peering chips sit in the gap between VPCs, so a peered network gets a gap wider than a chip.
  const gapX = m.peering_connections.length ? EDGE_W + 40 : VPC_GAP;
  if (opts.focus) y = placeFocused(opts.focus, y);
  for (const [label, list] of opts.focus ? [] : groupsMap) {
    const colW = Math.max(...list.map((x) => x.w));
    const cols = gridColumns(list, colW, opts.aspect, gapX);
    const gx = 20;
    const gy = y;
    let cy = gy + (showGroups ? GROUP_HEAD + GROUP_PAD : 0);
    for (let r = 0; r * cols < list.length; r++) {
      const row = list.slice(r * cols, r * cols + cols);
      const rowH = Math.max(...row.map((x) => x.h));
      row.forEach((x, c) => {
        const vx = gx + (showGroups ? GROUP_PAD : 0) + c * (colW + gapX);
        placeVpc(x, vx, cy, colW);
      });
      cy += rowH + VPC_GAP;
    }
    const gw = (showGroups ? 2 * GROUP_PAD : 0) + Math.min(cols, list.length) * (colW + gapX) - gapX;
    const gh = cy - VPC_GAP - gy + (showGroups ? GROUP_PAD : 0);
    if (showGroups) groups.push({ label, x: gx, y: gy, w: gw, h: gh });
    width = Math.max(width, gx + gw + 20);
    y = gy + gh + (showGroups ? 40 : 0);
  }

  /**
   * Focus mode: the open VPCs in a row (wrapping after FOCUS_ROW), the path's first in its
   * order, so its far-apart ends come next to each other and can be drawn readable; the
   * collapsed VPCs in narrow boxes, a strip below. Returns the y below them.
   */
  function placeFocused(focus, top) {
    const rank = new Map(focus.map((id, i) => [id, i]));
    const at = (x) => (rank.has(x.v.id) ? rank.get(x.v.id) : focus.length);
    const open = measured.filter((x) => !x.isCollapsed).sort((a, b) => at(a) - at(b));
    const shut = measured.filter((x) => x.isCollapsed);
    let cy = top;
    for (let i = 0; i < open.length; i += FOCUS_ROW) {
      const row = open.slice(i, i + FOCUS_ROW);
      let cx = 20;
      for (const x of row) {
        placeVpc(x, cx, cy, x.w);
        cx += x.w + gapX;
      }
      width = Math.max(width, cx - gapX + 20);
      cy += Math.max(...row.map((x) => x.h)) + VPC_GAP;
    }
    const per = Math.max(1, Math.floor((Math.max(width, STRIP_MIN_W) - 40 + STRIP_GAP) / (STRIP_W + STRIP_GAP)));
    shut.forEach((x, i) => {
      placeVpc(x, 20 + (i % per) * (STRIP_W + STRIP_GAP), cy + Math.floor(i / per) * (VPC_HEAD + STRIP_GAP), STRIP_W);
    });
    const rows = Math.ceil(shut.length / per);
    width = Math.max(width, 20 + Math.min(per, shut.length) * (STRIP_W + STRIP_GAP) - STRIP_GAP + 20);
    return rows ? cy + rows * (VPC_HEAD + STRIP_GAP) : cy;
  }

  function placeVpc(x, vx, vy, w) {
    const v = x.v;
    const box = {
      id: v.id, name: v.name, x: vx, y: vy, w, h: x.h, collapsed: x.isCollapsed, group: groupKey(v),
      title: v.name || v.id, sub: `${v.id} · ${(v.cidrs || []).join(', ')}`,
      outside: !!v.known_only_from,
    };
    if (v.known_only_from) {
      // R27: a VPC the files know only from a peering connection (another account's).
      box.title = `of account ${v.account}, not in these files`;
      box.sub = `${v.id} · ${(v.cidrs || []).join(', ')} · known from ${v.known_only_from}`;
    }
    vpcs.push(box);
    const vc = { x: vx + w / 2, y: vy + VPC_HEAD / 2 };
    anchor(v.id, vc.x, vc.y);
    // Edge gateways straddle the top border, right-aligned; a collapsed VPC's answer at its
    // header (370 collapsed VPCs drew 2,600 SVG elements fewer).
    x.edges.forEach((e, i) => {
      if (x.isCollapsed) return anchor(e.id, vc.x, vc.y);
      const ex = vx + w - (x.edges.length - i) * (EDGE_W + 8) - 4;
      addNode({ key: e.id, id: e.id, kind: e.kind, x: ex, y: vy - EDGE_H / 2, w: EDGE_W, h: EDGE_H, label: e.label, sub: e.sub, title: `${e.label} (${e.id})`, vpc: v.id });
    });
    if (x.isCollapsed) {
      // Everything inside answers at the header.
      for (const { s, items } of x.inner) {
        anchor(s.id, vc.x, vc.y);
        anchor(`${s.id}|${s.route_table}`, vc.x, vc.y);
        anchor(`${s.id}|${s.network_acl}`, vc.x, vc.y);
        for (const it of items) {
          anchor(it.id, vc.x, vc.y);
          if (it.owner) anchor(it.owner, vc.x, vc.y);
        }
      }
      return;
    }
    let sy = vy + VPC_HEAD;
    let r = 0;
    for (let i = 0; i < x.inner.length; i += x.cols) {
      x.inner.slice(i, i + x.cols).forEach(({ s, items }, c) => {
        const sx = vx + VPC_PAD + c * (SUB_W + PAD);
        const sh = x.rowsH[r];
        subnets.push({ id: s.id, name: s.name, vpc: v.id, x: sx, y: sy, w: SUB_W, h: sh, public: !!s.public, az: s.az, cidr: s.cidr });
        anchor(s.id, sx + SUB_W / 2, sy + SUB_HEAD / 2);
        const cy = sy + SUB_HEAD;
        addNode({ key: `${s.id}|${s.route_table}`, id: s.route_table, kind: 'route-table', x: sx + PAD, y: cy, w: CHIP_W, h: CHIP_H, label: 'Routes ' + s.route_table, sub: '', title: `Route table ${s.route_table} (click to edit)`, vpc: v.id, subnet: s.id });
        addNode({ key: `${s.id}|${s.network_acl}`, id: s.network_acl, kind: 'network-acl', x: sx + 2 * PAD + CHIP_W + (SUB_W - 3 * PAD - 2 * CHIP_W), y: cy, w: CHIP_W, h: CHIP_H, label: 'ACL ' + s.network_acl, sub: '', title: `Network ACL ${s.network_acl}`, vpc: v.id, subnet: s.id });
        items.forEach((it, k) => {
          const nx = sx + PAD + (k % 2) * (NODE_W + PAD);
          const ny = cy + CHIP_H + PAD + Math.floor(k / 2) * (NODE_H + PAD);
          addNode({ key: it.id, id: it.id, kind: it.kind, x: nx, y: ny, w: NODE_W, h: NODE_H, label: it.label, sub: it.sub, title: `${it.label} (${it.sub})`, vpc: v.id, subnet: s.id, owner: it.owner, tone: it.tone });
        });
      });
      sy += x.rowsH[r] + PAD;
      r++;
    }
  }

  const vbox = new Map(vpcs.map((b) => [b.id, b]));
  // In focus mode a hub sits over (and links to) the open VPCs only: the collapsed strip's
  // attachments would be dozens of lines across the path's VPCs.
  const linked = opts.focus ? new Map(vpcs.filter((b) => !b.collapsed).map((b) => [b.id, b])) : vbox;
  const hubs = placeHubs(m.transit_gateways, linked, hubsY);
  for (const h of hubs) addNode(h.node);
  // Every hop at an attachment or a gateway route table happens at the hub.
  for (const h of hubs) for (const a of h.node.aliases) anchor(a, h.node.x + HUB_W / 2, h.node.y + HUB_H / 2);

  // ---- the outside world, centred above
  const outside = [{ id: 'internet', kind: 'internet', label: 'Internet', sub: 'public addresses' }];
  if (m.services.length) outside.push({ id: 'aws-services', kind: 'aws-service', label: 'AWS services', sub: `${m.services.length} in this Region` });
  for (const g of m.vpn_gateways) {
    outside.push({ id: 'on-premises', key: `on-premises|${g.id}`, owner: g.id, kind: 'on-premises', label: 'Corporate network', sub: (g.onprem_cidrs || []).join(', ') || `via ${g.id}` });
  }
  for (const h of hubs) {
    for (const a of h.tgw.attachments || []) {
      if (a.kind === 'vpn') outside.push({ id: 'on-premises', key: `on-premises|${a.id}`, kind: 'on-premises', label: 'Corporate network', sub: `VPN via ${h.tgw.name || h.tgw.id}` });
    }
  }
  width = Math.max(width, outside.length * (OUTSIDE_W + 30) + 40, 400);
  const ox0 = (width - outside.length * (OUTSIDE_W + 30) + 30) / 2;
  outside.forEach((o, i) => {
    addNode({ key: o.key || o.id, id: o.id, owner: o.owner, kind: o.kind, x: ox0 + i * (OUTSIDE_W + 30), y: outsideY, w: OUTSIDE_W, h: OUTSIDE_H, label: o.label, sub: o.sub, title: o.label });
  });
  const svc = anchors.get('aws-services');
  if (svc) for (const name of m.services) anchor(name, svc.x, svc.y);
  for (const [eni, nat] of natOfEni) {
    const a = anchors.get(nat);
    if (a) anchor(eni, a.x, a.y);
  }

  // ---- faint wires from edge gateways to the outside world
  const wires = [];
  const nodeByKey = new Map(nodes.map((n) => [n.key, n]));
  const wire = (n, target) => {
    if (!target) return;
    wires.push({ x1: n.x + n.w / 2, y1: n.y, x2: target.x + target.w / 2, y2: target.y + target.h, cls: n.kind, ends: [n.key, target.key] });
  };
  for (const n of nodes) {
    if (n.kind === 'internet-gateway') wire(n, nodeByKey.get('internet'));
    else if (n.kind === 'gateway-endpoint') wire(n, nodeByKey.get('aws-services'));
    else if (n.kind === 'vpn-gateway') wire(n, nodeByKey.get(`on-premises|${n.id}`));
  }

  // ---- peering links, with a chip at the middle
  /** @type {LLink[]} */
  const links = [];
  for (const h of hubs) links.push(...hubLinks(h, linked, nodeByKey, hubs));
  const pairCount = new Map();
  for (const p of m.peering_connections) {
    const a = vbox.get(p.requester);
    const b = vbox.get(p.accepter);
    if (!a || !b) continue;
    const pair = [p.requester, p.accepter].sort().join('|');
    const nth = pairCount.get(pair) || 0;
    pairCount.set(pair, nth + 1);
    const [p1, p2] = borderPoints(a, b);
    const off = nth * 36;
    links.push({ id: p.id, status: p.status, cls: peeringClass(p.status), x1: p1.x, y1: p1.y + off, x2: p2.x, y2: p2.y + off });
    const mx = (p1.x + p2.x) / 2;
    const my = (p1.y + p2.y) / 2 + off;
    addNode({ key: p.id, id: p.id, kind: 'peering', x: mx - EDGE_W / 2, y: my - EDGE_H / 2, w: EDGE_W, h: EDGE_H, label: p.name || 'Peering', sub: `${p.id} · ${p.status}`, title: `Peering ${p.id}: ${p.status}`, tone: peeringClass(p.status) });
  }

  const height = Math.max(y, ...nodes.map((n) => n.y + n.h + 20), 200);
  return { width, height, groups, vpcs, subnets, nodes, links, wires, anchors };
}

/**
 * Transit gateways as hub nodes in their band, each centred over the VPCs it attaches and
 * pushed right when it would overlap the one before.
 */
function placeHubs(tgws, vbox, y) {
  const out = [];
  let minX = 20;
  for (const t of tgws || []) {
    const xs = (t.attachments || []).map((a) => vbox.get(a.vpc)).filter(Boolean).map((b) => b.x + b.w / 2);
    const cx = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : minX + HUB_W / 2;
    const x = Math.max(minX, cx - HUB_W / 2);
    minX = x + HUB_W + 30;
    const n = (t.attachments || []).length;
    const aliases = [...(t.attachments || []).map((a) => a.id), ...(t.route_tables || []).map((r) => r.id)];
    // The VPCs it attaches: a view of one of them shows the hub too.
    const vpcs = (t.attachments || []).map((a) => a.vpc).filter(Boolean);
    const down = t.state && t.state !== 'available' ? ` · ${t.state}` : '';
    out.push({
      tgw: t,
      node: {
        key: t.id, id: t.id, kind: 'transit-gateway', x, y, w: HUB_W, h: HUB_H, aliases, vpcs,
        label: t.name ? `Transit gateway ${t.name}` : 'Transit gateway', sub: `${t.id} · ${n} attachment${n === 1 ? '' : 's'}${down}`,
        title: `Transit gateway ${t.id}: ${n} attachments, ${(t.route_tables || []).length} route tables (click for its route tables)`,
        tone: down ? 'down' : '',
      },
    });
  }
  return out;
}

/** One link per attachment: hub to the VPC's top border, to the corporate network, or to the peer hub. */
function hubLinks(h, vbox, nodeByKey, hubs) {
  const hub = h.node;
  const hc = { x: hub.x + hub.w / 2, y: hub.y + hub.h / 2 };
  const links = [];
  const firstRow = Math.min(...[...vbox.values()].map((b) => b.y));
  for (const a of h.tgw.attachments || []) {
    let end = null;
    let points = null;
    if (a.kind === 'vpc' && vbox.get(a.vpc)) {
      const b = vbox.get(a.vpc);
      // Left of centre on the top border: edge gateways sit at its right.
      end = { x: b.x + Math.min(b.w / 3, 160), y: b.y, from: { x: hc.x, y: hub.y + hub.h } };
      if (b.y > firstRow) {
        // A VPC below the first row is reached down the gap at its left and into its side: a
        // straight line would cross a VPC above it, as if the packet went through that VPC.
        const gx = b.x - 12;
        const run = hub.y + hub.h + 22;
        end = { x: b.x, y: b.y + 30, from: end.from };
        points = [end.from, { x: gx, y: run }, { x: gx, y: b.y + 30 }, { x: b.x, y: b.y + 30 }];
      }
    } else if (a.kind === 'vpn' && nodeByKey.get(`on-premises|${a.id}`)) {
      const o = nodeByKey.get(`on-premises|${a.id}`);
      end = { x: o.x + o.w / 2, y: o.y + o.h, from: { x: hc.x, y: hub.y } };
    } else if (a.kind === 'peering') {
      const peer = hubs.find((x) => x.tgw.id === a.peer_tgw);
      if (peer && peer !== h) end = { x: peer.node.x, y: peer.node.y + HUB_H / 2, from: { x: hub.x + hub.w, y: hc.y } };
    }
    if (!end) continue;
    const live = a.state === 'available';
    links.push({
      id: a.id, kind: 'tgw', status: a.state, cls: live ? 'active' : peeringClass(a.state === 'pendingAcceptance' || a.state === 'pending' ? 'provisioning' : a.state),
      x1: end.from.x, y1: end.from.y, x2: end.x, y2: end.y, points, label: live ? '' : a.state,
      title: `${a.kind.toUpperCase()} attachment ${a.id}${a.name ? ` (${a.name})` : ''}: ${a.state}`,
    });
  }
  return links;
}

/**
 * A node's second line: its id and what matters (the address), or that alone when the label is
 * already the id (AWS input without Name tags: "i-0b14080af811f…" over "i-0b14080af811fda3d ·
 * 10.0.1.10" hid the address behind the repeated id).
 * @param {string|undefined} name
 * @param {string} id
 * @param {string} what
 */
function named(name, id, what) {
  return name ? `${id} · ${what}` : what;
}

/**
 * How many VPCs per row: the square-ish grid, or with `aspect` the count that lets the
 * diagram be drawn largest in a view of that shape.
 */
function gridColumns(list, colW, aspect, gapX) {
  const n = list.length;
  const square = Math.max(1, Math.ceil(Math.sqrt(n)));
  if (!aspect || !Number.isFinite(aspect) || aspect <= 0) return square;
  let best = square;
  let bestScale = 0;
  for (let cols = 1; cols <= Math.min(n, 2 * square + 1); cols++) {
    let h = 0;
    for (let i = 0; i < n; i += cols) h += Math.max(...list.slice(i, i + cols).map((x) => x.fullH)) + VPC_GAP;
    const w = cols * (colW + gapX) - gapX + 40;
    const scale = Math.min(aspect / w, 1 / (h + OUTSIDE_H + 70));
    if (scale > bestScale) {
      bestScale = scale;
      best = cols;
    }
  }
  return best;
}

function shortService(name) {
  const parts = String(name || '').split('.');
  return parts[parts.length - 1] || name;
}

/** Where the line between two boxes leaves each of them (their centres, clipped to borders). */
function borderPoints(a, b) {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  return [clip(a, ca, cb), clip(b, cb, ca)];
}

function clip(box, from, to) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return from;
  const tx = dx === 0 ? Infinity : (box.w / 2) / Math.abs(dx);
  const ty = dy === 0 ? Infinity : (box.h / 2) / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: from.x + dx * t, y: from.y + dy * t };
}

/**
 * Where a hop happens on the diagram, or null when nothing drawn stands for it.
 * @param {Layout} lay
 * @param {{component: string, subnet?: string|null, vpc?: string|null}} hop
 * @returns {{x: number, y: number}|null}
 */
export function anchorOf(lay, hop) {
  return (
    (hop.subnet && lay.anchors.get(`${hop.subnet}|${hop.component}`)) ||
    lay.anchors.get(hop.component) ||
    null
  );
}
