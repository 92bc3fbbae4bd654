/**
 * Route-table edits, as the engine's `Edit` objects (crate/src/edit.rs): this module reads the
 * form and offers the choices; the engine applies the edit, writing a generated main table
 * into the scenario on first edit as its own fixes do.
 */
/**
 * The targets a route in a VPC's table can name: local, and the VPC's gateways, peerings,
 * gateway endpoints, transit gateways it is attached to, and interfaces.
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
  // A transit gateway is a target for the VPCs it has an attachment in.
  for (const t of model.transit_gateways || []) {
    const a = (t.attachments || []).find((x) => x.vpc === vpc);
    if (a) add(t.id, `transit gateway${t.name ? ` ${t.name}` : ''}, attachment ${a.id}${a.state !== 'available' ? ` ${a.state}` : ''}`);
  }
  for (const e of model.network_interfaces || []) {
    if (e.vpc === vpc && (e.owner_kind === 'instance' || e.owner_kind === 'other')) add(e.id, e.owner ? `interface of ${e.owner}` : 'interface');
  }
  return out;
}

/**
 * The edit that adds a route, or changes the route that had `oldDestination`. Throws, saying
 * what to write, when the form is incomplete.
 * @param {string} tableId
 * @param {{destination: string, target: string}} route
 * @param {string} [oldDestination] the route being changed
 * @returns {object} a `set-route` edit
 */
export function setRouteEdit(tableId, route, oldDestination) {
  const destination = String(route.destination || '').trim();
  const target = String(route.target || '').trim();
  if (!destination) throw new Error('a route needs a destination (a CIDR such as 10.1.0.0/16, or a prefix list id)');
  if (!target) throw new Error('a route needs a target');
  const edit = { kind: 'set-route', route_table: tableId, destination, target };
  return oldDestination === undefined ? edit : { ...edit, replaces: oldDestination };
}

/**
 * The edit that deletes a route.
 * @param {string} tableId
 * @param {string} destination
 * @returns {object} a `delete-route` edit
 */
export function deleteRouteEdit(tableId, destination) {
  return { kind: 'delete-route', route_table: tableId, destination };
}
