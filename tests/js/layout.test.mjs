// Diagram layout: every drawn resource gets a box, boxes nest, and big estates stay bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { layout, anchorOf, fit, peeringClass } from '../../www/js/layout.js';

const model = JSON.parse(readFileSync(new URL('./fixtures/default-model.json', import.meta.url), 'utf8'));

const inside = (a, b) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

test('every vpc, subnet, instance, gateway and peering of the default scenario is drawn', () => {
  const lay = layout(model);
  assert.deepEqual(lay.vpcs.map((v) => v.id).sort(), ['vpc-data', 'vpc-shop']);
  assert.equal(lay.subnets.length, 3);
  const ids = new Set(lay.nodes.map((n) => n.id));
  for (const id of ['eni-app1', 'eni-web1', 'eni-db1', 'nat-shop', 'igw-shop', 'vpce-s3', 'pcx-shop-data', 'internet', 'rtb-db', 'rtb-app']) {
    assert.ok(ids.has(id), `missing ${id}`);
  }
  assert.equal(lay.groups.length, 0, 'one Region and account: no group boxes');
});

test('subnets sit inside their vpc and interfaces inside their subnet', () => {
  const lay = layout(model);
  const vpc = new Map(lay.vpcs.map((v) => [v.id, v]));
  const sub = new Map(lay.subnets.map((s) => [s.id, s]));
  for (const s of lay.subnets) assert.ok(inside(s, vpc.get(s.vpc)), `${s.id} outside ${s.vpc}`);
  for (const n of lay.nodes.filter((n) => n.kind === 'instance' || n.kind === 'nat-gateway')) {
    assert.ok(inside(n, sub.get(n.subnet)), `${n.id} outside ${n.subnet}`);
  }
});

test('public and private subnets are told apart', () => {
  const lay = layout(model);
  const web = lay.subnets.find((s) => s.id === 'subnet-web');
  const app = lay.subnets.find((s) => s.id === 'subnet-app');
  assert.equal(web.public, true);
  assert.equal(app.public, false);
});

test('no two interface boxes overlap', () => {
  const lay = layout(model);
  const boxes = lay.nodes.filter((n) => !['peering'].includes(n.kind));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `${a.key} overlaps ${b.key}`);
    }
  }
});

test('peering link joins the two vpcs and carries its status class', () => {
  const lay = layout(model);
  assert.equal(lay.links.length, 1);
  assert.equal(lay.links[0].cls, 'active');
  assert.equal(peeringClass('pending-acceptance'), 'pending');
  assert.equal(peeringClass('failed'), 'failed');
  assert.equal(peeringClass('rejected'), 'failed');
});

test('a collapsed vpc is header only and its contents answer at the header', () => {
  const full = layout(model);
  const lay = layout(model, { collapsed: new Set(['vpc-data']) });
  const data = lay.vpcs.find((v) => v.id === 'vpc-data');
  assert.ok(data.h < full.vpcs.find((v) => v.id === 'vpc-data').h);
  assert.ok(!lay.nodes.some((n) => n.id === 'eni-db1'));
  const a = anchorOf(lay, { component: 'eni-db1', subnet: 'subnet-db' });
  assert.ok(a && a.y < data.y + 62, 'eni-db1 anchors in the header');
});

test('anchors prefer the chip of the hop subnet when a table serves several subnets', () => {
  const lay = layout(model);
  const a = anchorOf(lay, { component: 'acl-shop-default', subnet: 'subnet-web' });
  const b = anchorOf(lay, { component: 'acl-shop-default', subnet: 'subnet-app' });
  assert.notDeepEqual(a, b);
  assert.equal(anchorOf(lay, { component: 'sg-app' }), null, 'security groups are not drawn');
  assert.ok(anchorOf(lay, { component: 'com.amazonaws.us-east-1.s3' }), 'services answer at the AWS node');
  assert.ok(anchorOf(lay, { component: 'i-app1' }), 'instances answer at their interface');
});

test('100 vpcs lay out in a bounded grid quickly', () => {
  const big = { ...model, vpcs: [], subnets: [], network_interfaces: [], instances: [], route_tables: [], peering_connections: [] };
  for (let i = 0; i < 100; i++) {
    big.vpcs.push({ id: `vpc-${i}`, name: `v${i}`, region: i < 50 ? 'us-east-1' : 'eu-west-1', account: '1', cidrs: [`10.${i}.0.0/16`] });
    for (let k = 0; k < 3; k++) {
      big.subnets.push({ id: `subnet-${i}-${k}`, name: '', vpc: `vpc-${i}`, az: 'a', cidr: `10.${i}.${k}.0/24`, route_table: `rtb-${i}`, network_acl: `acl-${i}`, public: k === 0 });
      big.network_interfaces.push({ id: `eni-${i}-${k}`, vpc: `vpc-${i}`, subnet: `subnet-${i}-${k}`, private_ip: `10.${i}.${k}.5`, owner_kind: 'instance', owner: `i-${i}-${k}` });
    }
    if (i) big.peering_connections.push({ id: `pcx-${i}`, requester: 'vpc-0', accepter: `vpc-${i}`, status: 'active' });
  }
  const t0 = performance.now();
  const lay = layout(big);
  const ms = performance.now() - t0;
  assert.equal(lay.vpcs.length, 100);
  assert.equal(lay.groups.length, 2, 'two Regions: two groups');
  assert.ok(lay.width < 20000 && lay.height < 20000, `${lay.width}x${lay.height}`);
  assert.ok(ms < 200, `took ${ms} ms`);
});

test('fit shortens with an ellipsis', () => {
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('abc', 4), 'abc');
});
