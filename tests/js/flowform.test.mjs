// The flow form's pure helpers: the outside ends a flow can start at (a host on the internet,
// a host in each corporate network behind a VPN gateway) and how an address is labelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostIn, inCidr, outsideEnds, whereIs, INTERNET_HOST } from '../../www/js/flowform.js';

test('hostIn: the tenth address of a block, the first of a small one, null for nonsense', () => {
  assert.equal(hostIn('192.168.0.0/16'), '192.168.0.10');
  assert.equal(hostIn('172.16.4.0/24'), '172.16.4.10');
  assert.equal(hostIn('10.9.9.0/28'), '10.9.9.1');
  assert.equal(hostIn('10.9.9.8/31'), '10.9.9.8');
  assert.equal(hostIn('10.9.9.9/32'), '10.9.9.9');
  for (const bad of ['', '10.0.0.0', '10.0.0.0/33', '300.0.0.0/8', 'x/8']) assert.equal(hostIn(bad), null, bad);
});

test('inCidr: containment at the edges of a block', () => {
  assert.equal(inCidr('192.168.255.255', '192.168.0.0/16'), true);
  assert.equal(inCidr('192.169.0.0', '192.168.0.0/16'), false);
  assert.equal(inCidr('8.8.8.8', '0.0.0.0/0'), true);
  assert.equal(inCidr('10.0.0.1', '10.0.0.1/32'), true);
  assert.equal(inCidr('10.0.0.2', '10.0.0.1/32'), false);
  assert.equal(inCidr('nope', '10.0.0.0/8'), false);
});

test('outsideEnds: the internet, then one host per on-premises block of each VPN gateway', () => {
  const model = { vpn_gateways: [
    { id: 'vgw-a', name: 'office VPN', onprem_cidrs: ['192.168.0.0/16', '172.20.0.0/24'] },
    { id: 'vgw-b', name: '', onprem_cidrs: ['192.168.0.0/16'] },
    { id: 'vgw-c', name: 'no routes known', onprem_cidrs: [] },
  ] };
  const ends = outsideEnds(model);
  assert.deepEqual(ends.map((e) => [e.id, e.group, e.gateway]), [
    [INTERNET_HOST, 'Internet', undefined],
    ['192.168.0.10', 'Corporate network', 'vgw-a'],
    ['172.20.0.10', 'Corporate network', 'vgw-a'],
  ]);
  assert.equal(ends[1].label, 'Corporate network 192.168.0.10 (192.168.0.0/16, via office VPN)');
  assert.deepEqual(outsideEnds(null).map((e) => e.id), [INTERNET_HOST]);
});

test('whereIs: corporate network, internet, or a private address', () => {
  const model = { vpn_gateways: [{ id: 'vgw-a', onprem_cidrs: ['192.168.0.0/16'] }] };
  assert.equal(whereIs(model, '192.168.1.10'), 'corporate network');
  assert.equal(whereIs(model, '203.0.113.10'), 'internet');
  assert.equal(whereIs(model, '10.1.2.3'), 'address');
  assert.equal(whereIs(model, '100.64.0.1'), 'address');
  assert.equal(whereIs(model, 'i-abc'), '');
});
