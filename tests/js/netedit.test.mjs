// Peering, gateway-endpoint and rule forms: the fields become the engine's edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ne from '../../www/js/netedit.js';

test('peering and endpoint buttons make edits naming what they act on', () => {
  assert.deepEqual(ne.createPeering('vpc-data', 'vpc-shop'), { kind: 'create-peering', requester: 'vpc-data', accepter: 'vpc-shop' });
  assert.deepEqual(ne.acceptPeering('pcx-1'), { kind: 'accept-peering', peering: 'pcx-1' });
  assert.deepEqual(ne.deletePeering('pcx-1'), { kind: 'delete-peering', peering: 'pcx-1' });
  assert.deepEqual(ne.createGatewayEndpoint('vpc-a', 'com.amazonaws.us-east-1.s3', ['rtb-a']),
    { kind: 'create-gateway-endpoint', vpc: 'vpc-a', service: 'com.amazonaws.us-east-1.s3', route_tables: ['rtb-a'] });
  assert.deepEqual(ne.setEndpointTable('vpce-s3', 'rtb-web', 1), { kind: 'set-endpoint-table', endpoint: 'vpce-s3', route_table: 'rtb-web', associated: true });
  assert.deepEqual(ne.deleteRule('sg-web', 'egress', 0), { kind: 'delete-rule', resource: 'sg-web', direction: 'egress', index: 0 });
});

test('a security-group rule reads ports and its peer as written, and explains bad input', () => {
  assert.deepEqual(ne.addRule('sg', 'sg-db', 'ingress', { protocol: 'TCP', ports: '5432', source: ' 10.0.1.0/24 ' }),
    { kind: 'add-security-group-rule', group: 'sg-db', direction: 'ingress', protocol: 'tcp', ports: '5432', peer: '10.0.1.0/24' });
  assert.deepEqual(ne.addRule('sg', 'sg-db', 'egress', { protocol: 'udp', ports: '1024-65535', source: 'sg-web' }).ports, '1024-65535');
  // Ports mean nothing for all protocols and ICMP: they are left out.
  assert.equal('ports' in ne.addRule('sg', 'sg-db', 'ingress', { protocol: 'all', ports: '80', source: 'pl-office' }), false);
  assert.throws(() => ne.addRule('sg', 'sg-db', 'ingress', { protocol: 'tcp', ports: '80,443', source: '10.0.0.0/8' }), /ports are/);
  assert.throws(() => ne.addRule('sg', 'sg-db', 'ingress', { protocol: 'tcp', ports: '80' }), /needs a CIDR/);
});

test('an ACL rule needs a number from 1 to 32766, and allows unless told to deny', () => {
  assert.deepEqual(ne.addRule('acl', 'acl-1', 'ingress', { rule: '50', action: 'deny', protocol: 'tcp', ports: '5432', source: '10.0.1.0/24' }),
    { kind: 'add-network-acl-rule', network_acl: 'acl-1', direction: 'ingress', rule: 50, protocol: 'tcp', ports: '5432', cidr: '10.0.1.0/24', action: 'deny' });
  assert.equal(ne.addRule('acl', 'acl-1', 'egress', { rule: 7, source: '0.0.0.0/0' }).action, 'allow');
  for (const rule of ['', '0', '32767', '1.5']) assert.throws(() => ne.addRule('acl', 'acl-1', 'ingress', { rule, source: '0.0.0.0/0' }), /1 to 32766/);
});
