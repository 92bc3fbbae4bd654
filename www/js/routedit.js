/**
 * Route-table edits on the scenario document (scenario.route_tables[].routes). Pure: each
 * function returns a new document and leaves its input alone. A table the engine generated
 * (a VPC's main table, `rtb-<vpc>-main`) is written into the document on first edit, as the
 * engine's own fixes do.
 */

/**
 * The targets a route in a VPC's table can name: local, and the VPC's gateways, peerings,
 * gateway endpoints and interfaces.
 * @param {any} model
 * @param {string} vpc
 * @returns {{id: string, label: string}[]}
 */
export function targetsFor(model, vpc) {
  const out = [{ id: 'local', label: 'local' }];
  const add = (id, label) => out.push({ id, label: label ? `${id} (${label})` : id });
  for (const g of model.internet_gateways || []) if (g.vpc === vpc) add(g.id, 'internet gateway');
  for (const n of model.nat_gateways || []) if (n.vpc === vpc) add(n.id, 'NAT gateway');
  for (const p of model.peering_connections || []) {
    if (p.requester === vpc || p.accepter === vpc) add(p.id, `peering to ${p.requester === vpc ? p.accepter : p.requester}, ${p.status}`);
  }
  for (const e of model.endpoints || []) if (e.vpc === vpc && e.type === 'gateway') add(e.id, 'gateway endpoint');
  for (const g of model.vpn_gateways || []) if (g.vpc === vpc) add(g.id, 'virtual private gateway');
  for (const e of model.network_interfaces || []) {
    if (e.vpc === vpc && (e.owner_kind === 'instance' || e.owner_kind === 'other')) add(e.id, e.owner ? `interface of ${e.owner}` : 'interface');
  }
  return out;
}

function clone(doc) {
  return JSON.parse(JSON.stringify(doc));
}

function tableIn(doc, model, tableId) {
  doc.route_tables = doc.route_tables || [];
  let t = doc.route_tables.find((r) => r.id === tableId);
  if (!t) {
    const m = (model.route_tables || []).find((r) => r.id === tableId);
    if (!m) throw new Error(`route table ${tableId} is not in the scenario`);
    t = { id: tableId, name: m.name || 'main', vpc: m.vpc, main: true };
    doc.route_tables.push(t);
  }
  t.routes = t.routes || [];
  return t;
}

/**
 * Adds a route, or changes the route that had `oldDestination`.
 * @param {any} doc the scenario
 * @param {any} model its model (to find generated tables)
 * @param {string} tableId
 * @param {{destination: string, target: string}} route
 * @param {string} [oldDestination] the route being changed
 * @returns {any} the new scenario
 */
export function setRoute(doc, model, tableId, route, oldDestination) {
  const destination = String(route.destination || '').trim();
  const target = String(route.target || '').trim();
  if (!destination) throw new Error('a route needs a destination (a CIDR such as 10.1.0.0/16, or a prefix list pl-...)');
  if (!target) throw new Error('a route needs a target');
  const next = clone(doc);
  const t = tableIn(next, model, tableId);
  const at = oldDestination === undefined ? -1 : t.routes.findIndex((r) => r.destination === oldDestination);
  if (t.routes.some((r, i) => r.destination === destination && i !== at)) {
    throw new Error(`${tableId} already has a route for ${destination}`);
  }
  if (at >= 0) t.routes[at] = { destination, target };
  else t.routes.push({ destination, target });
  return next;
}

/**
 * Deletes a route.
 * @param {any} doc
 * @param {any} model
 * @param {string} tableId
 * @param {string} destination
 * @returns {any} the new scenario
 */
export function deleteRoute(doc, model, tableId, destination) {
  const next = clone(doc);
  const t = tableIn(next, model, tableId);
  const before = t.routes.length;
  t.routes = t.routes.filter((r) => r.destination !== destination);
  if (t.routes.length === before) throw new Error(`${tableId} has no route for ${destination}`);
  if (!t.routes.length) delete t.routes;
  return next;
}
