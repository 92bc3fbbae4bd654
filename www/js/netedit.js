/**
 * Peering, gateway-endpoint, security-group and network-ACL edits on the scenario document.
 * Pure, like routedit.js. A generated default group or ACL (`sg-<vpc>-default`,
 * `acl-<vpc>-default`) is written into the document on first edit, as AWS has it.
 */

const clone = (doc) => JSON.parse(JSON.stringify(doc));
const suffix = (id) => String(id).replace(/^[^-]*-/, '');
const ALL = { protocol: 'all', cidr: '0.0.0.0/0' };

/** Creates a peering connection between two VPC ids, pending acceptance as AWS creates it. */
export function createPeering(doc, requester, accepter) {
  if (!requester || requester === accepter) throw new Error('a peering connection joins two different VPCs');
  const next = clone(doc);
  const list = (next.peering_connections = next.peering_connections || []);
  // A second connection for the same pair is the engine's to refuse (R19), with the reason.
  const base = `pcx-${suffix(requester)}-${suffix(accepter)}`;
  let id = base;
  for (let n = 2; list.some((p) => p.id === id); n++) id = `${base}-${n}`;
  list.push({ id, requester, accepter, status: 'pending-acceptance' });
  return next;
}

function peering(next, id) {
  const p = (next.peering_connections || []).find((x) => x.id === id);
  if (!p) throw new Error(`peering connection ${id} is not in the scenario`);
  return p;
}

/** Accepts a peering connection (status back to the default, active). */
export function acceptPeering(doc, id) {
  const next = clone(doc);
  delete peering(next, id).status;
  return next;
}

/** Deletes a peering connection; routes to it stay and become blackhole, as in AWS. */
export function deletePeering(doc, id) {
  const next = clone(doc);
  peering(next, id);
  next.peering_connections = next.peering_connections.filter((p) => p.id !== id);
  return next;
}

/** Creates a gateway endpoint for S3 or DynamoDB (`vpce-s3`, unique-ified) with its route tables. */
export function createGatewayEndpoint(doc, vpc, service, tables) {
  if (!vpc || !/\.(s3|dynamodb)$/.test(service || '')) throw new Error('gateway endpoints exist for S3 and DynamoDB only');
  const next = clone(doc);
  const list = (next.endpoints = next.endpoints || []);
  const base = `vpce-${service.split('.').pop()}`;
  let id = base;
  for (let n = 2; list.some((e) => e.id === id); n++) id = `${base}-${n}`;
  list.push({ id, vpc, service, type: 'gateway', route_tables: [...tables] });
  return next;
}

/** Associates a gateway endpoint with a route table (on), or removes the association. */
export function setEndpointTable(doc, endpoint, table, on) {
  const next = clone(doc);
  const e = (next.endpoints || []).find((x) => x.id === endpoint);
  if (!e) throw new Error(`endpoint ${endpoint} is not in the scenario`);
  const list = (e.route_tables || []).filter((t) => t !== table);
  if (on) list.push(table);
  e.route_tables = list;
  return next;
}

/** The group or ACL in `next`, written in from the model when the engine generated it. */
function resource(next, model, kind, id) {
  const key = kind === 'sg' ? 'security_groups' : 'network_acls';
  const list = (next[key] = next[key] || []);
  let r = list.find((x) => x.id === id);
  if (!r) {
    const m = (model?.[key] || []).find((x) => x.id === id);
    if (!m || id !== `${kind}-${suffix(m.vpc)}-default`) throw new Error(`${id} is not in the scenario`);
    // AWS's defaults: the group lets in its own members and everything out; the ACL allows all.
    r = kind === 'sg' ? { id, name: 'default', vpc: m.vpc, ingress: [{ protocol: 'all', group: id }] } : { id, name: 'default', vpc: m.vpc, default: true };
    list.push(r);
  }
  return r;
}

/** The rules a direction has in effect, in document form (absent lists mean their defaults). */
function effective(r, kind, dir) {
  if (r[dir]) return r[dir];
  if (kind === 'sg') return dir === 'egress' ? [{ ...ALL }] : [];
  return r.default ? [{ rule: 100, ...ALL, action: 'allow' }] : [];
}

/** The rules of a group or ACL (kind 'sg' or 'acl') in one direction, as the document means them. */
export function rulesOf(doc, model, kind, id, dir) {
  return effective(resource(clone(doc), model, kind, id), kind, dir);
}

/** A rule in the model's words: `tcp 443 from 10.0.0.0/16`, `100 allow all 0.0.0.0/0`. */
export function ruleText(r, kind, dir) {
  const p = [r.protocol, r.ports];
  if (kind === 'acl') return [r.rule, r.action, ...p, r.cidr].filter((x) => x != null).join(' ');
  return [...p, dir === 'ingress' ? 'from' : 'to', r.cidr || r.group || r.prefix_list].filter((x) => x != null).join(' ');
}

/** A rule from the form's fields {protocol, ports, source, rule, action}; throws saying what to write. */
export function parseRule(kind, f) {
  const protocol = String(f.protocol || 'all').trim().toLowerCase();
  const src = String(f.source || '').trim();
  const ports = String(f.ports || '').trim();
  const r = /** @type {any} */ ({ protocol });
  if (ports && protocol !== 'all' && protocol !== 'icmp') {
    if (!/^\d+(-\d+)?$/.test(ports)) throw new Error('ports are one number (443) or a range (1024-65535)');
    r.ports = ports.includes('-') ? ports : Number(ports);
  }
  if (!src) throw new Error(kind === 'sg' ? 'a rule needs a CIDR (10.0.0.0/16), a group (sg-...) or a prefix list (pl-...)' : 'a rule needs a CIDR such as 10.0.0.0/16');
  if (kind === 'acl') {
    const n = Number(f.rule);
    if (!Number.isInteger(n) || n < 1 || n > 32766) throw new Error('an ACL rule needs a number from 1 to 32766');
    return { rule: n, ...r, cidr: src, action: f.action === 'deny' ? 'deny' : 'allow' };
  }
  r[/(^|\/)sg-/.test(src) ? 'group' : src.startsWith('pl-') ? 'prefix_list' : 'cidr'] = src;
  return r;
}

/** Adds a parsed rule to a group or ACL (ACL rules sorted by number, each number once). */
export function addRule(doc, model, kind, id, dir, rule) {
  const next = clone(doc);
  const r = resource(next, model, kind, id);
  const list = (r[dir] = [...effective(r, kind, dir)]);
  const same = kind === 'acl' ? (x) => x.rule === rule.rule : (x) => ruleText(x, kind, dir) === ruleText(rule, kind, dir);
  if (list.some(same)) throw new Error(`${id} already has ${kind === 'acl' ? `${dir} rule ${rule.rule}` : `the rule ${ruleText(rule, kind, dir)}`}`);
  list.push(JSON.parse(JSON.stringify(rule)));
  if (kind === 'acl') list.sort((a, b) => a.rule - b.rule);
  return next;
}

/**
 * Deletes the rule at `index` of rulesOf(...). An emptied list stays, written as `[]`: for
 * egress and default ACLs an absent list would mean allow-all again.
 */
export function deleteRule(doc, model, kind, id, dir, index) {
  const next = clone(doc);
  const r = resource(next, model, kind, id);
  const list = [...effective(r, kind, dir)];
  if (!list[index]) throw new Error(`${id} has no such ${dir} rule`);
  list.splice(index, 1);
  r[dir] = list;
  return next;
}
