// The page's edits applied by the engine itself (www/pkg, built by scripts/build-wasm), run in
// node: what the edited scenario holds afterwards, and what the engine refuses and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ne from '../../www/js/netedit.js';
import { setRouteEdit, deleteRouteEdit } from '../../www/js/routedit.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('vpc_playground.js', pkg).href);
engine.initSync({ module: readFileSync(new URL('vpc_playground_bg.wasm', pkg)) });

const text = readFileSync(new URL('../../www/scenarios/default.json', import.meta.url), 'utf8');
/** A load or edit result with its model parsed, as www/js/engine.js gives it to the page. */
const withModel = (res) => ({ ...res, model: JSON.parse(res.modelJson) });
// The engine keeps its last few estates, so each check loads the scenario afresh.
const start = withModel(engine.load(text));
/** Applies edits in turn to the default scenario; returns the last result and its scenario. */
function edit(...edits) {
  let res = engine.load(text);
  for (const e of edits) res = engine.applyEdit(res.handle, e);
  return { res: withModel(res), doc: JSON.parse(res.scenarioText) };
}
const sg = (d, id) => d.security_groups.find((g) => g.id === id);
const acl = (d, id) => d.network_acls.find((a) => a.id === id);
const rtb = (d, id) => d.route_tables.find((t) => t.id === id);

test('a route is added, changed in place and deleted; a duplicate destination is refused', () => {
  const { doc } = edit(setRouteEdit('rtb-db', { destination: '10.0.0.0/16', target: 'pcx-shop-data' }));
  assert.deepEqual(rtb(doc, 'rtb-db').routes, [{ destination: '10.0.0.0/16', target: 'pcx-shop-data' }]);
  const changed = edit(setRouteEdit('rtb-app', { destination: '0.0.0.0/0', target: 'igw-shop' }, '0.0.0.0/0')).doc;
  assert.deepEqual(rtb(changed, 'rtb-app').routes[0], { destination: '0.0.0.0/0', target: 'igw-shop' });
  assert.throws(() => edit(setRouteEdit('rtb-app', { destination: '0.0.0.0/0', target: 'igw-shop' })), /already has a route for 0.0.0.0\/0/);
  const gone = edit(deleteRouteEdit('rtb-web', '0.0.0.0/0')).doc;
  assert.equal(rtb(gone, 'rtb-web').routes, undefined, 'an emptied list is left out');
  assert.throws(() => edit(deleteRouteEdit('rtb-web', '9.9.9.9/32')), /no route for 9.9.9.9\/32/);
});

test('a generated main table is written into the scenario on first edit', () => {
  const main = start.model.route_tables.find((t) => t.main && !JSON.parse(text).route_tables.some((d) => d.id === t.id));
  assert.ok(main, 'the default scenario has a generated main table');
  const t = rtb(edit(setRouteEdit(main.id, { destination: '0.0.0.0/0', target: 'igw-shop' })).doc, main.id);
  assert.equal(t.main, true);
  assert.equal(t.vpc, main.vpc);
});

test('a new peering is pending and named by the engine; a second one for a pair is refused with R19', () => {
  const { res, doc } = edit(ne.deletePeering('pcx-shop-data'), ne.createPeering('vpc-data', 'vpc-shop'));
  assert.equal(res.created, 'pcx-data-shop');
  assert.deepEqual(doc.peering_connections, [{ id: 'pcx-data-shop', requester: 'vpc-data', accepter: 'vpc-shop', status: 'pending-acceptance' }]);
  const accepted = edit(ne.deletePeering('pcx-shop-data'), ne.createPeering('vpc-data', 'vpc-shop'), ne.acceptPeering('pcx-data-shop')).doc;
  assert.equal(accepted.peering_connections[0].status, undefined);
  assert.throws(() => edit(ne.createPeering('vpc-shop', 'vpc-data')), /one peering connection per pair of VPCs \(R19\)/);
  assert.throws(() => edit(ne.createPeering('vpc-shop', 'vpc-shop')), /two different VPCs/);
});

test('deleting a peering keeps the routes to it; accepting an unknown one names it', () => {
  const gone = edit(ne.deletePeering('pcx-shop-data')).doc;
  assert.equal(gone.peering_connections, undefined);
  assert.ok(rtb(gone, 'rtb-app').routes.some((r) => r.target === 'pcx-shop-data'));
  assert.throws(() => edit(ne.acceptPeering('pcx-nope')), /peering connection pcx-nope is not in the scenario/);
});

test('a gateway endpoint gains and loses route tables, once each; new ones are named vpce-s3, vpce-s3-2', () => {
  const on = edit(ne.setEndpointTable('vpce-s3', 'rtb-web', true)).doc;
  assert.deepEqual(on.endpoints[0].route_tables, ['rtb-app', 'rtb-web']);
  const twice = edit(ne.setEndpointTable('vpce-s3', 'rtb-web', true), ne.setEndpointTable('vpce-s3', 'rtb-web', true)).doc;
  assert.deepEqual(twice.endpoints[0].route_tables, ['rtb-app', 'rtb-web']);
  assert.deepEqual(edit(ne.setEndpointTable('vpce-s3', 'rtb-app', false)).doc.endpoints[0].route_tables, undefined);
  assert.throws(() => edit(ne.setEndpointTable('vpce-x', 'rtb-web', true)), /VPC endpoint vpce-x is not in the scenario/);
  const { res } = edit(ne.createGatewayEndpoint('vpc-data', 'com.amazonaws.us-east-1.s3', []));
  assert.equal(res.created, 'vpce-s3-2');
  assert.equal(edit(ne.createGatewayEndpoint('vpc-data', 'com.amazonaws.us-east-1.dynamodb', [])).res.created, 'vpce-dynamodb');
  assert.throws(() => edit(ne.createGatewayEndpoint('vpc-data', 'com.amazonaws.us-east-1.sqs', [])), /S3 and DynamoDB only/);
});

test('an inbound rule is added to a group, and an identical one is refused', () => {
  const add = ne.addRule('sg', 'sg-db', 'ingress', { protocol: 'tcp', ports: '5432', source: 'sg-app' });
  const { res, doc } = edit(add);
  assert.equal(sg(doc, 'sg-db').ingress.length, 2);
  assert.deepEqual(sg(doc, 'sg-db').ingress[1], { protocol: 'tcp', ports: 5432, group: 'sg-app' });
  assert.equal(sg(doc, 'sg-db').egress, undefined, 'outbound stays the default');
  assert.ok(res.model.security_groups.find((g) => g.id === 'sg-db').ingress.includes('tcp 5432 from sg-app'));
  assert.throws(() => edit(add, add), /sg-db already has this rule/);
});

test('the default outbound rule is written out before an outbound edit, and deleting it leaves none', () => {
  const web = start.model.security_groups.find((g) => g.id === 'sg-web');
  assert.deepEqual(web.egress, ['all to 0.0.0.0/0']);
  const added = edit(ne.addRule('sg', 'sg-web', 'egress', { protocol: 'tcp', ports: '443', source: '0.0.0.0/0' })).doc;
  assert.equal(sg(added, 'sg-web').egress.length, 2);
  assert.deepEqual(sg(edit(ne.deleteRule('sg-web', 'egress', 0)).doc, 'sg-web').egress, []);
  assert.throws(() => edit(ne.deleteRule('sg-web', 'ingress', 5)), /sg-web has no rule at position 6/);
});

test('a generated default group is written in as AWS has it on first edit', () => {
  assert.equal(sg(JSON.parse(text), 'sg-data-default'), undefined);
  const doc = edit(ne.addRule('sg', 'sg-data-default', 'ingress', { protocol: 'icmp', source: '10.0.0.0/16' })).doc;
  assert.deepEqual(sg(doc, 'sg-data-default'), {
    id: 'sg-data-default', name: 'default', vpc: 'vpc-data',
    ingress: [{ protocol: 'all', group: 'sg-data-default' }, { protocol: 'icmp', cidr: '10.0.0.0/16' }],
  });
  assert.throws(() => edit(ne.addRule('sg', 'sg-ghost', 'ingress', { protocol: 'all', source: '0.0.0.0/0' })), /security group sg-ghost is not in the scenario/);
});

test('the first rule in a generated default ACL keeps its allow-all rule 100 and sorts by number', () => {
  const deny = ne.addRule('acl', 'acl-data-default', 'ingress', { rule: '50', action: 'deny', protocol: 'tcp', ports: '5432', source: '10.0.1.0/24' });
  const { res, doc } = edit(deny);
  const a = acl(doc, 'acl-data-default');
  assert.equal(a.default, true);
  assert.equal(a.vpc, 'vpc-data');
  assert.deepEqual(res.model.network_acls.find((x) => x.id === 'acl-data-default').ingress, ['50 deny tcp 5432 10.0.1.0/24', '100 allow all 0.0.0.0/0', '* deny all 0.0.0.0/0']);
  assert.equal(a.egress, undefined, 'the other direction still allows all');
  assert.throws(() => edit(deny, deny), /acl-data-default already has ingress rule 50/);
});

test('deleting every rule of a default ACL leaves an empty list, which denies all', () => {
  const { res, doc } = edit(ne.deleteRule('acl-shop-default', 'egress', 0));
  assert.deepEqual(acl(doc, 'acl-shop-default').egress, []);
  assert.deepEqual(res.model.network_acls.find((x) => x.id === 'acl-shop-default').egress, ['* deny all 0.0.0.0/0']);
});

test('an edit that is not one is refused, naming what is wrong', () => {
  const { handle } = engine.load(text);
  assert.throws(() => engine.applyEdit(handle, { kind: 'paint', colour: 'red' }), /^Error: not an edit: unknown variant `paint`/);
  assert.throws(() => engine.applyEdit(handle, { kind: 'delete-peering' }), /missing field `peering`/);
});
