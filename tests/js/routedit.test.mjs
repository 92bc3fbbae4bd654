// Route edits on the scenario document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setRoute, deleteRoute, targetsFor } from '../../www/js/routedit.js';

const doc = JSON.parse(readFileSync(new URL('../../www/scenarios/default.json', import.meta.url), 'utf8'));
const model = JSON.parse(readFileSync(new URL('./fixtures/default-model.json', import.meta.url), 'utf8'));

test('adding a route to a table without routes creates its list and leaves the input alone', () => {
  const next = setRoute(doc, model, 'rtb-db', { destination: '10.0.0.0/16', target: 'pcx-shop-data' });
  assert.deepEqual(next.route_tables.find((t) => t.id === 'rtb-db').routes, [{ destination: '10.0.0.0/16', target: 'pcx-shop-data' }]);
  assert.equal(doc.route_tables.find((t) => t.id === 'rtb-db').routes, undefined);
});

test('changing a route replaces it in place', () => {
  const next = setRoute(doc, model, 'rtb-app', { destination: '0.0.0.0/0', target: 'igw-shop' }, '0.0.0.0/0');
  const routes = next.route_tables.find((t) => t.id === 'rtb-app').routes;
  assert.equal(routes.length, 2);
  assert.deepEqual(routes[0], { destination: '0.0.0.0/0', target: 'igw-shop' });
});

test('a duplicate destination is refused', () => {
  assert.throws(() => setRoute(doc, model, 'rtb-app', { destination: '0.0.0.0/0', target: 'igw-shop' }), /already has a route/);
});

test('deleting the last route drops the list', () => {
  const next = deleteRoute(doc, model, 'rtb-web', '0.0.0.0/0');
  assert.equal(next.route_tables.find((t) => t.id === 'rtb-web').routes, undefined);
  assert.throws(() => deleteRoute(doc, model, 'rtb-web', '9.9.9.9/32'), /no route/);
});

test('a generated main table is written into the document on first edit', () => {
  const main = model.route_tables.find((t) => t.main && !doc.route_tables.some((d) => d.id === t.id));
  assert.ok(main, 'the fixture has a generated main table');
  const next = setRoute(doc, model, main.id, { destination: '0.0.0.0/0', target: 'igw-shop' });
  const t = next.route_tables.find((x) => x.id === main.id);
  assert.equal(t.main, true);
  assert.equal(t.vpc, main.vpc);
});

test('targets offered are the VPC own gateways, peerings and interfaces', () => {
  const ids = targetsFor(model, 'vpc-shop').map((t) => t.id);
  for (const id of ['local', 'igw-shop', 'nat-shop', 'pcx-shop-data', 'vpce-s3', 'eni-app1']) assert.ok(ids.includes(id), id);
  const data = targetsFor(model, 'vpc-data').map((t) => t.id);
  assert.ok(!data.includes('igw-shop'));
  assert.ok(data.includes('pcx-shop-data'));
});
