// Transit gateways on the page (issue 10 item 4), from the built engine (www/pkg, made by
// scripts/build-wasm) through engine.js: the summary the page draws from, the hub and its
// attachment links in the layout, the packet's frames at the hub, the blocked marker on the
// hub, the route editor's targets, and the panel's edits applied by the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine } from './fixtures/node-engine.mjs';
import { layout } from '../../www/js/layout.js';
import { traceToFrames, blockedNode, DOT_INSET } from '../../www/js/animate.js';
import { targetsFor, setRouteEdit } from '../../www/js/routedit.js';
import * as ne from '../../www/js/netedit.js';

const text = readFileSync(new URL('../../www/lessons/tgw-transitive.json', import.meta.url), 'utf8');
const FLOW = { from: 'i-web', to: 'i-reports', protocol: 'tcp', port: 8080 };
/** The lesson with its fix made as a learner would: both VPC routes pointed at the hub. */
async function fixed() {
  let res = await engine.load(text);
  res = await engine.applyEdit(res.handle, setRouteEdit('rtb-web', { destination: '10.2.0.0/16', target: 'tgw-hub' }, '10.2.0.0/16'));
  return await engine.applyEdit(res.handle, setRouteEdit('rtb-reports', { destination: '10.1.0.0/16', target: 'tgw-hub' }, '10.1.0.0/16'));
}

test('the summary lists the hub, its attachments with their VPC, subnets, state and table, and its route table', async () => {
  const { model } = await engine.load(text);
  assert.equal(model.transit_gateways.length, 1);
  const t = model.transit_gateways[0];
  assert.equal(t.id, 'tgw-hub');
  const web = t.attachments.find((a) => a.id === 'tgw-attach-web');
  assert.deepEqual({ kind: web.kind, vpc: web.vpc, subnets: web.subnets, state: web.state, route_table: web.route_table },
    { kind: 'vpc', vpc: 'vpc-web', subnets: ['subnet-web-tgw'], state: 'available', route_table: 'tgw-rtb-hub' });
  const rt = t.route_tables[0];
  assert.deepEqual(rt.associations.sort(), ['tgw-attach-reports', 'tgw-attach-shared', 'tgw-attach-web']);
  assert.equal(rt.propagations.length, 3);
  // Each attachment propagates its VPC's CIDR into the table.
  const reports = rt.routes.find((r) => r.destination === '10.2.0.0/16');
  assert.deepEqual(reports, { destination: '10.2.0.0/16', target: 'tgw-attach-reports', origin: 'propagated', state: 'active' });
});

test('the hub is drawn above the VPCs with one link per attachment, ending on its VPC box', async () => {
  const { model } = await engine.load(text);
  const lay = layout(model);
  const hub = lay.nodes.find((n) => n.id === 'tgw-hub');
  assert.equal(hub.kind, 'transit-gateway');
  const links = lay.links.filter((l) => l.kind === 'tgw');
  assert.deepEqual(links.map((l) => l.id).sort(), ['tgw-attach-reports', 'tgw-attach-shared', 'tgw-attach-web']);
  const firstRow = Math.min(...lay.vpcs.map((v) => v.y));
  const crosses = (p, q, v) => {
    // Whether the segment p-q passes through the inside of box v (sampled).
    for (let k = 1; k < 50; k++) {
      const x = p.x + ((q.x - p.x) * k) / 50;
      const y = p.y + ((q.y - p.y) * k) / 50;
      if (x > v.x + 1 && x < v.x + v.w - 1 && y > v.y + 1 && y < v.y + v.h - 1) return true;
    }
    return false;
  };
  for (const l of links) {
    const a = model.transit_gateways[0].attachments.find((x) => x.id === l.id);
    const v = lay.vpcs.find((x) => x.id === a.vpc);
    if (v.y === firstRow) assert.equal(l.y2, v.y, `${l.id} ends on the top border of ${a.vpc}`);
    else assert.equal(l.x2, v.x, `${l.id} ends on the left border of ${a.vpc}, below the first row`);
    assert.ok(l.x2 >= v.x && l.x2 <= v.x + v.w && l.y2 >= v.y && l.y2 <= v.y + v.h);
    const pts = l.points || [{ x: l.x1, y: l.y1 }, { x: l.x2, y: l.y2 }];
    for (const other of lay.vpcs) {
      for (let i = 1; i < pts.length; i++) assert.ok(!crosses(pts[i - 1], pts[i], other), `${l.id} crosses ${other.id}`);
    }
    assert.equal(l.label, '', 'an available attachment carries no state label');
  }
  assert.ok(lay.vpcs.some((v) => v.y > firstRow), 'the lesson has a VPC below the first row (the bent link is tested)');
  for (const v of lay.vpcs) assert.ok(hub.y + hub.h < v.y, `the hub does not overlap ${v.id}`);
});

test('an attachment that is not available says its state on its link', async () => {
  const { model } = await engine.load(text);
  model.transit_gateways[0].attachments[1].state = 'pendingAcceptance';
  const l = layout(model).links.find((x) => x.id === model.transit_gateways[0].attachments[1].id);
  assert.equal(l.label, 'pendingAcceptance');
  assert.equal(l.cls, 'pending');
});

test('the packet passes through the hub: attachment and gateway route-table hops are framed at it', async () => {
  const res = await fixed();
  const t = await engine.trace(res.handle, FLOW);
  assert.equal(t.reachable, true);
  const lay = layout(res.model);
  const hub = lay.nodes.find((n) => n.id === 'tgw-hub');
  // The dot stops beside the hub, on its left edge (clear of its label).
  const at = { x: hub.x + DOT_INSET, y: hub.y + hub.h / 2 };
  const frames = traceToFrames(t, lay);
  const tgwFrames = frames.filter((f) => f.kind === 'tgw-attachment' || f.kind === 'tgw-route-table');
  assert.ok(tgwFrames.some((f) => f.kind === 'tgw-route-table' && f.component === 'tgw-rtb-hub'));
  assert.ok(tgwFrames.some((f) => f.component === 'tgw-attach-web'), 'enters by the web attachment');
  assert.ok(tgwFrames.some((f) => f.component === 'tgw-attach-reports'), 'leaves by the reports attachment');
  for (const f of tgwFrames) {
    assert.deepEqual({ x: f.x, y: f.y }, at, `${f.component} is drawn at the hub`);
    assert.deepEqual(f.box, { x: hub.x, y: hub.y, w: hub.w, h: hub.h, key: hub.key }, `${f.component} stops at the hub's box`);
  }
});

test('a drop in the gateway route table marks the hub', async () => {
  let res = await fixed();
  // Without the reports attachment's propagation the hub's table has no route to 10.2.0.0/16.
  res = await engine.applyEdit(res.handle, ne.setTgwPropagation('tgw-rtb-hub', 'tgw-attach-reports', false));
  const rt = res.model.transit_gateways[0].route_tables[0];
  assert.ok(!rt.routes.some((r) => r.destination === '10.2.0.0/16'));
  const t = await engine.trace(res.handle, FLOW);
  assert.equal(t.reachable, false);
  const drop = t.hops.find((h) => h.action === 'drop');
  assert.equal(drop.kind, 'tgw-route-table');
  assert.equal(blockedNode(t, res.model), 'tgw-hub');
  const lay = layout(res.model);
  const last = traceToFrames(t, lay, 'tgw-hub').find((f) => f.drop);
  const hub = lay.nodes.find((n) => n.id === 'tgw-hub');
  assert.deepEqual({ x: last.x, y: last.y }, { x: hub.x + DOT_INSET, y: hub.y + hub.h / 2 });
});

test('a VPC route table can target a transit gateway the VPC is attached to', async () => {
  const { model } = await engine.load(text);
  assert.ok(targetsFor(model, 'vpc-web').some((x) => x.id === 'tgw-hub'));
  const lone = { ...model, transit_gateways: [{ ...model.transit_gateways[0], attachments: [] }] };
  assert.ok(!targetsFor(lone, 'vpc-web').some((x) => x.id === 'tgw-hub'), 'not without an attachment in the VPC');
});

test('the panel edits: a static route, a blackhole, its deletion, and an association', async () => {
  let res = await fixed();
  res = await engine.applyEdit(res.handle, ne.setTgwRoute('tgw-rtb-hub', '10.2.0.0/16', 'blackhole'));
  let rt = res.model.transit_gateways[0].route_tables[0];
  const bh = rt.routes.filter((r) => r.destination === '10.2.0.0/16');
  // The static blackhole is listed first and wins over the propagated route on the tie.
  assert.deepEqual(bh[0], { destination: '10.2.0.0/16', target: 'blackhole', origin: 'static', state: 'blackhole' });
  assert.equal((await engine.trace(res.handle, FLOW)).reachable, false);
  res = await engine.applyEdit(res.handle, ne.deleteTgwRoute('tgw-rtb-hub', '10.2.0.0/16'));
  rt = res.model.transit_gateways[0].route_tables[0];
  assert.ok(!rt.routes.some((r) => r.origin === 'static'));
  assert.equal((await engine.trace(res.handle, FLOW)).reachable, true);
  assert.throws(() => ne.setTgwRoute('tgw-rtb-hub', '10.2.0.0', 'blackhole'), /CIDR/);
  const edit = ne.associateTgwTable('tgw-attach-web', 'tgw-rtb-hub');
  assert.deepEqual(edit, { kind: 'associate-tgw-route-table', attachment: 'tgw-attach-web', route_table: 'tgw-rtb-hub' });
});
