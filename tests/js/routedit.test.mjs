// Route edits: the form's fields become the engine's edits; the choices offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setRouteEdit, deleteRouteEdit, targetsFor } from '../../www/js/routedit.js';

const model = JSON.parse(readFileSync(new URL('./fixtures/default-model.json', import.meta.url), 'utf8'));

test('a route from the form is a set-route edit, trimmed; a change names the route it replaces', () => {
  assert.deepEqual(setRouteEdit('rtb-db', { destination: ' 10.0.0.0/16 ', target: 'pcx-shop-data ' }),
    { kind: 'set-route', route_table: 'rtb-db', destination: '10.0.0.0/16', target: 'pcx-shop-data' });
  assert.deepEqual(setRouteEdit('rtb-app', { destination: '0.0.0.0/0', target: 'igw-shop' }, '0.0.0.0/0'),
    { kind: 'set-route', route_table: 'rtb-app', destination: '0.0.0.0/0', target: 'igw-shop', replaces: '0.0.0.0/0' });
});

test('an incomplete route says what to write', () => {
  assert.throws(() => setRouteEdit('rtb-app', { destination: '', target: 'igw-shop' }), /needs a destination/);
  assert.throws(() => setRouteEdit('rtb-app', { destination: '0.0.0.0/0', target: ' ' }), /needs a target/);
});

test('deleting a route is a delete-route edit', () => {
  assert.deepEqual(deleteRouteEdit('rtb-web', '0.0.0.0/0'), { kind: 'delete-route', route_table: 'rtb-web', destination: '0.0.0.0/0' });
});

test('targets offered are the VPC own gateways, peerings and interfaces', () => {
  const ids = targetsFor(model, 'vpc-shop').map((t) => t.id);
  for (const id of ['local', 'igw-shop', 'nat-shop', 'pcx-shop-data', 'vpce-s3', 'eni-app1']) assert.ok(ids.includes(id), id);
  const data = targetsFor(model, 'vpc-data').map((t) => t.id);
  assert.ok(!data.includes('igw-shop'));
  assert.ok(data.includes('pcx-shop-data'));
});
