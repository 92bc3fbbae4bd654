// Peering, gateway-endpoint, security-group and network-ACL edits on the scenario document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ne from '../../www/js/netedit.js';

const doc = JSON.parse(readFileSync(new URL('../../www/scenarios/default.json', import.meta.url), 'utf8'));
const model = JSON.parse(readFileSync(new URL('./fixtures/default-model.json', import.meta.url), 'utf8'));
const frozen = JSON.stringify(doc);
const sg = (d, id) => d.security_groups.find((g) => g.id === id);
const acl = (d, id) => d.network_acls.find((a) => a.id === id);

// ---------------------------------------------------------------- peering

test('a new peering connection is pending acceptance and named after both VPCs', () => {
  const two = { ...doc, peering_connections: [] };
  const next = ne.createPeering(two, 'vpc-data', 'vpc-shop');
  assert.deepEqual(next.peering_connections, [{ id: 'pcx-data-shop', requester: 'vpc-data', accepter: 'vpc-shop', status: 'pending-acceptance' }]);
  assert.deepEqual(two.peering_connections, []);
});

test('a VPC cannot peer with itself, and a new id never clashes with an old one', () => {
  assert.throws(() => ne.createPeering(doc, 'vpc-shop', 'vpc-shop'), /two different VPCs/);
  const next = ne.createPeering(doc, 'vpc-shop', 'vpc-data');
  assert.equal(next.peering_connections[1].id, 'pcx-shop-data-2', 'the engine, not this function, refuses the second pair (R19)');
});

test('accepting a pending peering makes it active; deleting removes it but keeps routes', () => {
  const pending = ne.createPeering({ ...doc, peering_connections: [] }, 'vpc-shop', 'vpc-data');
  const accepted = ne.acceptPeering(pending, 'pcx-shop-data');
  assert.equal(accepted.peering_connections[0].status, undefined);
  assert.equal(pending.peering_connections[0].status, 'pending-acceptance');
  const gone = ne.deletePeering(doc, 'pcx-shop-data');
  assert.deepEqual(gone.peering_connections, []);
  assert.ok(gone.route_tables.find((t) => t.id === 'rtb-app').routes.some((r) => r.target === 'pcx-shop-data'));
  assert.throws(() => ne.acceptPeering(doc, 'pcx-nope'), /not in the scenario/);
});

// ---------------------------------------------------------------- gateway endpoints

test('a gateway endpoint gains and loses route tables, once each', () => {
  const on = ne.setEndpointTable(doc, 'vpce-s3', 'rtb-web', true);
  assert.deepEqual(on.endpoints[0].route_tables, ['rtb-app', 'rtb-web']);
  assert.deepEqual(ne.setEndpointTable(on, 'vpce-s3', 'rtb-web', true).endpoints[0].route_tables, ['rtb-app', 'rtb-web']);
  assert.deepEqual(ne.setEndpointTable(on, 'vpce-s3', 'rtb-app', false).endpoints[0].route_tables, ['rtb-web']);
  assert.throws(() => ne.setEndpointTable(doc, 'vpce-x', 'rtb-web', true), /not in the scenario/);
});

// ---------------------------------------------------------------- security groups

test('parseRule reads ports, groups, prefix lists and CIDRs, and explains bad input', () => {
  assert.deepEqual(ne.parseRule('sg', { protocol: 'tcp', ports: '5432', source: '10.0.1.0/24' }), { protocol: 'tcp', ports: 5432, cidr: '10.0.1.0/24' });
  assert.deepEqual(ne.parseRule('sg', { protocol: 'udp', ports: '1024-65535', source: 'sg-web' }), { protocol: 'udp', ports: '1024-65535', group: 'sg-web' });
  assert.deepEqual(ne.parseRule('sg', { protocol: 'all', ports: '80', source: 'pl-office' }), { protocol: 'all', prefix_list: 'pl-office' });
  assert.throws(() => ne.parseRule('sg', { protocol: 'tcp', ports: '80,443', source: '10.0.0.0/8' }), /ports are/);
  assert.throws(() => ne.parseRule('sg', { protocol: 'tcp', ports: '80' }), /needs a CIDR/);
});

test('an inbound rule is added to a written group, and an identical one is refused', () => {
  const rule = ne.parseRule('sg', { protocol: 'tcp', ports: '5432', source: 'sg-app' });
  const next = ne.addRule(doc, model, 'sg', 'sg-db', 'ingress', rule);
  assert.equal(sg(next, 'sg-db').ingress.length, 2);
  assert.deepEqual(sg(next, 'sg-db').ingress[1], { protocol: 'tcp', ports: 5432, group: 'sg-app' });
  assert.equal(sg(next, 'sg-db').egress, undefined, 'outbound stays the default');
  assert.throws(() => ne.addRule(next, model, 'sg', 'sg-db', 'ingress', rule), /already has the rule tcp 5432 from sg-app/);
  assert.equal(JSON.stringify(doc), frozen);
});

test('the default outbound rule is written out before an outbound edit, and deleting it leaves none', () => {
  assert.deepEqual(ne.rulesOf(doc, model, 'sg', 'sg-web', 'egress'), [{ protocol: 'all', cidr: '0.0.0.0/0' }]);
  const added = ne.addRule(doc, model, 'sg', 'sg-web', 'egress', ne.parseRule('sg', { protocol: 'tcp', ports: '443', source: '0.0.0.0/0' }));
  assert.equal(sg(added, 'sg-web').egress.length, 2);
  const none = ne.deleteRule(doc, model, 'sg', 'sg-web', 'egress', 0);
  assert.deepEqual(sg(none, 'sg-web').egress, []);
  assert.throws(() => ne.deleteRule(doc, model, 'sg', 'sg-web', 'ingress', 5), /no such ingress rule/);
});

test('a generated default group is written in as AWS has it on first edit', () => {
  assert.equal(sg(doc, 'sg-data-default'), undefined);
  const next = ne.addRule(doc, model, 'sg', 'sg-data-default', 'ingress', ne.parseRule('sg', { protocol: 'icmp', source: '10.0.0.0/16' }));
  assert.deepEqual(sg(next, 'sg-data-default'), {
    id: 'sg-data-default', name: 'default', vpc: 'vpc-data',
    ingress: [{ protocol: 'all', group: 'sg-data-default' }, { protocol: 'icmp', cidr: '10.0.0.0/16' }],
  });
  assert.throws(() => ne.addRule(doc, model, 'sg', 'sg-ghost', 'ingress', { protocol: 'all', cidr: '0.0.0.0/0' }), /not in the scenario/);
});

// ---------------------------------------------------------------- network ACLs

test('an ACL rule needs a number from 1 to 32766', () => {
  assert.deepEqual(ne.parseRule('acl', { rule: '50', action: 'deny', protocol: 'tcp', ports: '5432', source: '10.0.1.0/24' }),
    { rule: 50, protocol: 'tcp', ports: 5432, cidr: '10.0.1.0/24', action: 'deny' });
  for (const rule of ['', '0', '32767', '1.5']) assert.throws(() => ne.parseRule('acl', { rule, source: '0.0.0.0/0' }), /1 to 32766/);
});

test('the first rule in a generated default ACL keeps its allow-all rule 100 and sorts by number', () => {
  const deny = ne.parseRule('acl', { rule: '50', action: 'deny', protocol: 'tcp', ports: '5432', source: '10.0.1.0/24' });
  const next = ne.addRule(doc, model, 'acl', 'acl-data-default', 'ingress', deny);
  const a = acl(next, 'acl-data-default');
  assert.equal(a.default, true);
  assert.equal(a.vpc, 'vpc-data');
  assert.deepEqual(a.ingress.map((r) => ne.ruleText(r, 'acl', 'ingress')), ['50 deny tcp 5432 10.0.1.0/24', '100 allow all 0.0.0.0/0']);
  assert.equal(a.egress, undefined, 'the other direction still allows all');
  assert.throws(() => ne.addRule(next, model, 'acl', 'acl-data-default', 'ingress', deny), /already has ingress rule 50/);
});

test('deleting every rule of a default ACL leaves an empty list, which denies all', () => {
  const next = ne.deleteRule(doc, model, 'acl', 'acl-shop-default', 'egress', 0);
  assert.deepEqual(acl(next, 'acl-shop-default').egress, []);
  assert.deepEqual(ne.rulesOf(next, model, 'acl', 'acl-shop-default', 'egress'), []);
});

test('rule text reads as the model writes it', () => {
  assert.equal(ne.ruleText({ protocol: 'tcp', ports: 443, cidr: '0.0.0.0/0' }, 'sg', 'ingress'), 'tcp 443 from 0.0.0.0/0');
  assert.equal(ne.ruleText({ protocol: 'all', cidr: '0.0.0.0/0' }, 'sg', 'egress'), 'all to 0.0.0.0/0');
  assert.equal(ne.ruleText({ rule: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }, 'acl', 'ingress'), '100 allow all 0.0.0.0/0');
});

test('createGatewayEndpoint adds vpce-s3 (then vpce-s3-2) with its route tables; other services are refused', () => {
  const doc = { vpcs: [{ id: 'vpc-a' }] };
  const one = ne.createGatewayEndpoint(doc, 'vpc-a', 'com.amazonaws.us-east-1.s3', ['rtb-a']);
  assert.deepEqual(one.endpoints, [{ id: 'vpce-s3', vpc: 'vpc-a', service: 'com.amazonaws.us-east-1.s3', type: 'gateway', route_tables: ['rtb-a'] }]);
  assert.equal(doc.endpoints, undefined, 'the input is not changed');
  const two = ne.createGatewayEndpoint(one, 'vpc-a', 'com.amazonaws.us-east-1.s3', []);
  assert.equal(two.endpoints[1].id, 'vpce-s3-2');
  assert.equal(ne.createGatewayEndpoint(doc, 'vpc-a', 'com.amazonaws.us-east-1.dynamodb', []).endpoints[0].id, 'vpce-dynamodb');
  assert.throws(() => ne.createGatewayEndpoint(doc, 'vpc-a', 'com.amazonaws.us-east-1.sqs', []), /S3 and DynamoDB/);
});
