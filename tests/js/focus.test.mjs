// Finding things in big estates (www/js/focus.js, issue 11 item 3): search by id, Name and
// address over the default scenario's model (tests/js/fixtures/default-model.json, the
// engine's summary), the VPCs a trace crosses, and which VPCs a new estate starts collapsed;
// and layout.js keeps every VPC in its column when VPCs collapse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { search, searchIndex, pathVpcs, vpcOfIds, ipv4, cidrHolds, defaultCollapsed, focusByItself, COLLAPSE_ABOVE } from '../../www/js/focus.js';
import { layout } from '../../www/js/layout.js';

const model = JSON.parse(readFileSync(new URL('./fixtures/default-model.json', import.meta.url), 'utf8'));
const index = searchIndex(model);
const ids = (q) => search(index, q).map((e) => e.id);

test('an address finds the instance that has it first, then the subnet and VPC whose blocks hold it', () => {
  const r = search(index, '10.0.1.10');
  assert.deepEqual(r.map((e) => [e.kind, e.id]), [['instance', 'i-app1'], ['subnet', 'subnet-app'], ['VPC', 'vpc-shop']]);
  assert.equal(r[0].why, 'has 10.0.1.10');
  assert.equal(r[1].why, '10.0.1.0/24 holds 10.0.1.10');
  // A public address is an instance's too.
  assert.deepEqual(ids('198.51.100.20'), ['i-web1']);
  // An address no interface has: the smallest block first.
  assert.deepEqual(ids('10.0.0.99'), ['subnet-web', 'vpc-shop']);
  assert.deepEqual(ids('192.168.0.1'), []);
});

test('text finds ids and Name tags, exact first, then prefixes, then anywhere in them', () => {
  assert.equal(ids('app-1')[0], 'i-app1');
  assert.equal(ids('I-DB1')[0], 'i-db1', 'case does not matter');
  const shop = ids('shop');
  assert.equal(shop[0], 'vpc-shop', 'the VPC named "shop" exactly');
  assert.ok(shop.includes('nat-shop') && shop.includes('igw-shop') && shop.includes('pcx-shop-data'));
  assert.deepEqual(ids('   '), []);
  assert.deepEqual(ids('no-such-thing'), []);
  assert.ok(search(index, 'i-', 2).length === 2, 'the limit holds');
});

test('the VPCs of a trace: its hops, a peering connection\'s two VPCs and the flow\'s ends', () => {
  const trace = { hops: [{ component: 'eni-app1', subnet: 'subnet-app' }, { component: 'rtb-app', subnet: 'subnet-app' }, { component: 'pcx-shop-data' }] };
  assert.deepEqual([...pathVpcs(trace, model)].sort(), ['vpc-data', 'vpc-shop']);
  assert.deepEqual([...pathVpcs({ hops: [{ component: 'i-db1' }] }, model)], ['vpc-data']);
  assert.deepEqual([...pathVpcs(null, model, ['i-web1', 'internet'])], ['vpc-shop']);
  assert.equal(vpcOfIds(model).get('i-db1'), 'vpc-data', 'an instance is in its interface\'s VPC');
  // Untrusted shapes do not throw.
  assert.deepEqual([...pathVpcs({ hops: [{}, { component: 42 }] }, {})], []);
});

test('addresses and blocks', () => {
  assert.equal(ipv4('10.0.0.1'), 167772161);
  assert.equal(ipv4('256.0.0.1'), null);
  assert.equal(ipv4('10.0.0'), null);
  assert.equal(cidrHolds('10.0.0.0/8', ipv4('10.200.3.4')), true);
  assert.equal(cidrHolds('10.0.0.0/16', ipv4('10.1.0.0')), false);
  assert.equal(cidrHolds('0.0.0.0/0', ipv4('8.8.8.8')), true);
  assert.equal(cidrHolds('10.0.0.0/33', ipv4('10.0.0.1')), false);
  assert.equal(cidrHolds('garbage', ipv4('10.0.0.1')), false);
});

/** `n` VPCs of three subnets, each with an instance. */
function estate(n) {
  const big = { ...model, vpcs: [], subnets: [], network_interfaces: [], instances: [], route_tables: [], peering_connections: [], nat_gateways: [], internet_gateways: [], endpoints: [] };
  for (let i = 0; i < n; i++) {
    big.vpcs.push({ id: `vpc-${i}`, name: `v${i}`, region: 'us-east-1', account: '1', cidrs: [`10.${i}.0.0/16`] });
    for (let k = 0; k < 3; k++) {
      big.subnets.push({ id: `subnet-${i}-${k}`, name: '', vpc: `vpc-${i}`, az: 'a', cidr: `10.${i}.${k}.0/24`, route_table: `rtb-${i}`, network_acl: `acl-${i}`, public: k === 0 });
      big.network_interfaces.push({ id: `eni-${i}-${k}`, vpc: `vpc-${i}`, subnet: `subnet-${i}-${k}`, private_ip: `10.${i}.${k}.5`, owner_kind: 'instance', owner: `i-${i}-${k}` });
      big.instances.push({ id: `i-${i}-${k}`, name: `host-${i}-${k}`, network_interfaces: [`eni-${i}-${k}`] });
    }
  }
  return big;
}

test('a big estate starts collapsed but for the VPCs of the flow\'s ends; a small one open', () => {
  assert.deepEqual([...defaultCollapsed(estate(COLLAPSE_ABOVE), ['i-0-0', 'i-1-0'])], []);
  const big = estate(COLLAPSE_ABOVE + 10);
  const c = defaultCollapsed(big, ['i-3-1', 'eni-7-2']);
  assert.equal(c.size, big.vpcs.length - 2);
  assert.ok(!c.has('vpc-3') && !c.has('vpc-7'));
});

test('the first result on an estate drawn collapsed turns Focus the path on; not on a smaller one, nor once used', () => {
  const big = estate(COLLAPSE_ABOVE + 1);
  const collapsed = new Set(['vpc-5']);
  assert.deepEqual(focusByItself({ model: big, focusPath: false, focusSeen: false, collapsed }),
    { focusPath: true, focusSeen: true, collapsedBefore: collapsed }, 'on, and off brings back what was collapsed');
  assert.equal(focusByItself({ model: estate(COLLAPSE_ABOVE), focusPath: false, focusSeen: false, collapsed }), null);
  assert.equal(focusByItself({ model: big, focusPath: false, focusSeen: true, collapsed }), null, 'turned off: stays off');
  assert.equal(focusByItself({ model: big, focusPath: true, focusSeen: true, collapsed }), null, 'already on');
  assert.equal(focusByItself({ model: null, focusPath: false, collapsed }), null);
});

test('collapsing VPCs keeps every VPC in its column and row order', () => {
  const big = estate(30);
  const open = layout(big, { aspect: 16 / 9 });
  const shut = layout(big, { aspect: 16 / 9, collapsed: new Set(big.vpcs.map((v) => v.id).filter((id) => id !== 'vpc-4')) });
  assert.deepEqual(shut.vpcs.map((v) => v.x), open.vpcs.map((v) => v.x), 'same columns');
  // Rows keep their order: a VPC is never above one that was above it.
  for (let i = 1; i < open.vpcs.length; i++) {
    if (open.vpcs[i].y > open.vpcs[i - 1].y) assert.ok(shut.vpcs[i].y > shut.vpcs[i - 1].y, `row of ${open.vpcs[i].id}`);
  }
  assert.ok(shut.height < open.height, 'and the diagram gets shorter');
  assert.equal(shut.vpcs.find((v) => v.id === 'vpc-4').collapsed, false);
});

test('focus: the path\'s VPCs side by side in its order, the collapsed ones in a strip below, the hub over the open ones', () => {
  const big = estate(60);
  big.transit_gateways = [{
    id: 'tgw-1', name: 'hub', state: 'available', route_tables: [],
    attachments: big.vpcs.map((v, i) => ({ id: `tgw-attach-${i}`, kind: 'vpc', vpc: v.id, state: 'available' })),
  }];
  const path = ['vpc-41', 'vpc-7'];
  const collapsed = new Set(big.vpcs.map((v) => v.id).filter((id) => !path.includes(id)));
  const grid = layout(big, { aspect: 16 / 9, collapsed });
  const lay = layout(big, { aspect: 16 / 9, collapsed, focus: path });
  const box = (l, id) => l.vpcs.find((v) => v.id === id);
  const [a, b] = path.map((id) => box(lay, id));
  // In the grid they are rows apart; in focus, next to each other, the source first.
  assert.notEqual(box(grid, 'vpc-41').y, box(grid, 'vpc-7').y);
  assert.equal(a.y, b.y);
  assert.ok(a.x < b.x && b.x - (a.x + a.w) < 300, `adjacent: ${a.x}+${a.w} .. ${b.x}`);
  const strip = lay.vpcs.filter((v) => v.collapsed);
  assert.equal(strip.length, 58);
  assert.ok(strip.every((v) => v.y >= a.y + a.h && v.w < a.w), 'the strip is below them, its boxes narrower');
  for (const v of strip) {
    assert.ok(!strip.some((u) => u !== v && u.x < v.x + v.w && v.x < u.x + u.w && u.y < v.y + v.h && v.y < u.y + u.h), `${v.id} overlaps none`);
  }
  // The hub is over the two, and links to them only.
  const hub = lay.nodes.find((n) => n.kind === 'transit-gateway');
  assert.ok(hub.x + hub.w > a.x && hub.x < b.x + b.w, 'the hub is above the path');
  assert.deepEqual(lay.links.filter((l) => l.kind === 'tgw').map((l) => l.id).sort(), ['tgw-attach-41', 'tgw-attach-7']);
  assert.equal(grid.links.filter((l) => l.kind === 'tgw').length, 60, 'the grid links every attachment');
  // The ends' contents answer where they are drawn.
  assert.ok(lay.anchors.get('eni-41-0').x < lay.anchors.get('eni-7-0').x);
});
