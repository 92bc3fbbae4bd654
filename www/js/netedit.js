/**
 * Peering, gateway-endpoint, security-group and network-ACL edits, as the engine's `Edit`
 * objects (crate/src/edit.rs). This module reads forms; the engine applies the edits, names
 * what they create and writes generated defaults (a VPC's default group or ACL) in as AWS has
 * them.
 */

/** Requests a peering connection between two VPC ids (pending until accepted, as in AWS). */
export const createPeering = (requester, accepter) => ({ kind: 'create-peering', requester, accepter });

/** Accepts a peering connection. */
export const acceptPeering = (peering) => ({ kind: 'accept-peering', peering });

/** Deletes a peering connection; routes to it stay and become blackhole, as in AWS. */
export const deletePeering = (peering) => ({ kind: 'delete-peering', peering });

/** Creates a gateway endpoint for S3 or DynamoDB with the route tables it serves. */
export const createGatewayEndpoint = (vpc, service, tables) =>
  ({ kind: 'create-gateway-endpoint', vpc, service, route_tables: [...tables] });

/** Associates a gateway endpoint with a route table (on), or removes the association. */
export const setEndpointTable = (endpoint, table, on) =>
  ({ kind: 'set-endpoint-table', endpoint, route_table: table, associated: Boolean(on) });

/** Adds a static route to a transit gateway route table: to an attachment id, or `blackhole`. */
export function setTgwRoute(table, destination, target) {
  const dest = String(destination || '').trim();
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(dest)) throw new Error('Write the destination as a CIDR, such as 10.2.0.0/16.');
  return target === 'blackhole'
    ? { kind: 'set-tgw-route', route_table: table, destination: dest, blackhole: true }
    : { kind: 'set-tgw-route', route_table: table, destination: dest, attachment: target };
}

/** Deletes a static route from a transit gateway route table. */
export const deleteTgwRoute = (table, destination) => ({ kind: 'delete-tgw-route', route_table: table, destination });

/** Associates an attachment with a transit gateway route table (replacing its association). */
export const associateTgwTable = (attachment, table) => ({ kind: 'associate-tgw-route-table', attachment, route_table: table });

/** Turns an attachment's propagation into a transit gateway route table on or off. */
export const setTgwPropagation = (table, attachment, on) =>
  ({ kind: 'set-tgw-propagation', route_table: table, attachment, enabled: Boolean(on) });

/**
 * Deletes the rule at `index` of a group's or ACL's rules in one direction, as the model
 * lists them (`model.security_groups[].ingress` and the like).
 */
export const deleteRule = (resource, direction, index) => ({ kind: 'delete-rule', resource, direction, index });

/**
 * The edit that adds a rule, from the form's fields {protocol, ports, source, rule, action};
 * throws saying what to write.
 * @param {'sg'|'acl'} kind
 * @param {string} id the group or ACL
 * @param {'ingress'|'egress'} direction
 * @param {{protocol?: string, ports?: string, source?: string, rule?: string|number, action?: string}} f
 * @returns {object} an `add-security-group-rule` or `add-network-acl-rule` edit
 */
export function addRule(kind, id, direction, f) {
  const protocol = String(f.protocol || 'all').trim().toLowerCase();
  const source = String(f.source || '').trim();
  const text = String(f.ports || '').trim();
  // Ports cross as text ("443", "1024-65535"); none means all, and all or ICMP take none.
  const ports = text && protocol !== 'all' && protocol !== 'icmp' ? { ports: text } : {};
  if (ports.ports && !/^\d+(-\d+)?$/.test(text)) throw new Error('ports are one number (443) or a range (1024-65535)');
  if (!source) throw new Error(kind === 'sg' ? 'a rule needs a CIDR (10.0.0.0/16), a security group id or a prefix list id' : 'a rule needs a CIDR such as 10.0.0.0/16');
  if (kind === 'sg') return { kind: 'add-security-group-rule', group: id, direction, protocol, ...ports, peer: source };
  const rule = Number(f.rule);
  if (!Number.isInteger(rule) || rule < 1 || rule > 32766) throw new Error('an ACL rule needs a number from 1 to 32766');
  return { kind: 'add-network-acl-rule', network_acl: id, direction, rule, protocol, ...ports, cidr: source, action: f.action === 'deny' ? 'deny' : 'allow' };
}
