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

/** A CIDR as the forms take it, or an error that shows what to write. */
function cidrOf(text, example) {
  const c = String(text || '').trim();
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(c)) throw new Error(`Write the block as a CIDR, such as ${example}.`);
  return c;
}

/** Adds a secondary IPv4 block to a VPC (`aws ec2 associate-vpc-cidr-block`). */
export const addVpcCidr = (vpc, cidr) => ({ kind: 'add-vpc-cidr', vpc, cidr: cidrOf(cidr, '10.1.0.0/16') });

/** Removes a secondary block; the engine refuses the primary and a block a subnet uses, as AWS does. */
export const removeVpcCidr = (vpc, cidr) => ({ kind: 'remove-vpc-cidr', vpc, cidr });

/** Creates a subnet in a VPC; the engine names it (from `name`) and checks the block. */
export function createSubnet(vpc, cidr, name, az) {
  const edit = { kind: 'create-subnet', vpc, cidr: cidrOf(cidr, '10.0.2.0/24'), name: String(name || '').trim() };
  const zone = String(az || '').trim();
  return zone ? { ...edit, az: zone } : edit;
}

/** Deletes a subnet; refused while anything (an instance, a gateway, an endpoint) is in it. */
export const deleteSubnet = (subnet) => ({ kind: 'delete-subnet', subnet });

/** A list typed in a field: items split on commas, spaces or new lines. */
export const listOf = (text) => String(text || '').split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

/**
 * Sets statement `index` of an endpoint's policy (one past the last adds one) from the form's
 * Effect and its Action and Resource fields; throws saying what to write.
 */
export function setPolicyStatement(endpoint, index, effect, actions, resources) {
  const a = listOf(actions);
  const r = listOf(resources);
  if (!a.length) throw new Error('Write at least one action, such as s3:GetObject (or s3:* for all).');
  if (!r.length) throw new Error('Write at least one resource, such as arn:aws:s3:::my-bucket/* (or * for all).');
  return { kind: 'set-endpoint-policy-statement', endpoint, index, effect: effect === 'Deny' ? 'Deny' : 'Allow', actions: a, resources: r };
}

/** Deletes statement `index` of an endpoint's policy (never the last one). */
export const deletePolicyStatement = (endpoint, index) => ({ kind: 'delete-endpoint-policy-statement', endpoint, index });

/** Replaces an endpoint's whole policy with JSON text; blank text restores the default (full access). */
export const setEndpointPolicy = (endpoint, text) => ({ kind: 'set-endpoint-policy', endpoint, policy: String(text || '') });

/** Adds a subnet (in an Availability Zone the attachment lacks) to a transit gateway VPC attachment. */
export const addTgwAttachmentSubnet = (attachment, subnet) => ({ kind: 'add-tgw-attachment-subnet', attachment, subnet });

/**
 * An endpoint's policy, from the model's text: `null` for the default policy (full access),
 * else `{statements, text}` with the statements as a list.
 * @param {string|null|undefined} text
 */
export function policyOf(text) {
  if (!text) return null;
  let v = JSON.parse(text);
  // A policy written as text arrives as a JSON string.
  if (typeof v === 'string') v = JSON.parse(v);
  const s = v && v.Statement;
  const statements = Array.isArray(s) ? s : s ? [s] : [];
  return { statements, text: JSON.stringify(v, null, 2) };
}
