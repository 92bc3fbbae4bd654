/**
 * Engine sentences as the page shows them. The engine cites the team's fact base by rule
 * number ("(R3)", "(R2, PR)"); a student has no such list, so the page drops the numbers and
 * keeps the words (the CLI keeps them for the engineers). Issue 11 item 10.
 */

const RULE = String.raw`(?:R\d+(?:-R\d+)?|PR)`;
/** A parenthesis that holds only rule numbers: " (R3)", " (R2, PR)", " (R17-R19)". */
const ONLY_RULES = new RegExp(String.raw`\s*\(${RULE}(?:,\s*${RULE})*\)`, 'g');
/** Rule numbers after words inside a parenthesis: "(no edge-to-edge routing, R18)". */
const TRAILING_RULES = new RegExp(String.raw`(?:,\s*${RULE})+\)`, 'g');
/** A rule number that leads a parenthesis: "(R28: a BGP prefix)". */
const LEADING_RULE = new RegExp(String.raw`\(${RULE}:\s*`, 'g');

/**
 * The sentence without the fact base's rule numbers.
 * @param {string|null|undefined} text
 */
export function withoutRuleNumbers(text) {
  return String(text ?? '').replace(ONLY_RULES, '').replace(TRAILING_RULES, ')').replace(LEADING_RULE, '(');
}

/**
 * Text from a file cut to `max` characters, with "…" where it was cut: a description or a
 * message that quotes a file may be megabytes, and one element holding it all freezes the
 * page (review M8). Cuts between UTF-16 surrogates are avoided.
 * @param {unknown} text
 * @param {number} [max]
 */
export function clip(text, max = 600) {
  const s = String(text ?? '');
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end -= 1;
  return `${s.slice(0, end).trimEnd()}…`;
}

/**
 * "1 cell", "3 cells": a count with its noun, plural by count.
 * @param {number} n
 * @param {string} one
 * @param {string} [many] the plural, when it is not `one` + "s"
 */
export function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Each field a diagnostic names, as the page's forms label it (the last part of its path). */
const FIELDS = {
  destination: 'Destination', target: 'Target', cidr: 'Block', cidrs: 'Block', cidr_block: 'Block',
  ports: 'Ports', protocol: 'Protocol', rule: 'Rule number', prefix_list: 'Prefix list', vpc: 'VPC',
  subnet: 'Subnet', subnets: 'Subnet', az: 'Zone', name: 'Name', private_ip: 'Private IP address',
  security_groups: 'Security group', route_tables: 'Route table', attachment: 'Attachment',
  onprem_cidrs: 'On-premises block', gateways: 'Gateway', tunnels: 'Tunnel', policy: 'Policy',
};

/**
 * A diagnostic's field path ("ingress[1].cidr", "routes[2].destination") in words: the name
 * its form gives it. A rule's address is its source when inbound, its destination outbound.
 * @param {string} field
 */
export function fieldWords(field) {
  const path = String(field ?? '');
  const rule = /(?:^|\.)(ingress|egress)\[\d+\]\.cidr$/.exec(path);
  if (rule) return rule[1] === 'ingress' ? 'Source' : 'Destination';
  const last = path.split('.').pop()?.replace(/\[\d+\]$/, '') ?? '';
  if (FIELDS[last]) return FIELDS[last];
  // AWS output's keys ("DestinationCidrBlock") and others: split into words.
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : '';
}

/** A value quoted in a message, short enough to read beside a field. */
const quoted = (v) => clip(v, 60);

/**
 * The engine's messages about a value, reworded for a student (the command keeps its own):
 * what is wrong, and what a good value looks like.
 */
const MESSAGES = [
  [/^"(.*)" is not an IPv4 CIDR block \(expected e\.g\. (\S+)\)$/s,
    (v, eg) => `${quoted(v)} is not a CIDR block: a block is an address and a length 0-32, e.g. ${eg}`],
  [/^"(.*)" has host bits set; did you mean (\S+)\?$/s,
    (v, eg) => `${quoted(v)} does not start its block (its host bits are set): did you mean ${eg}?`],
  [/^"(.*)" is not an IPv4 address \(expected e\.g\. (\S+)\)$/s,
    (v, eg) => `${quoted(v)} is not an IPv4 address: four numbers 0-255 joined by dots, e.g. ${eg}`],
  [/^ports "(.*)": use a port, a range like (\S+), or all$/s,
    (v, eg) => `Ports: ${quoted(v)} is not a port: use a port from 0 to 65535, a range like ${eg}, or all`],
  [/^protocol "(.*)": use (.*)$/s, (v, rest) => `Protocol: ${quoted(v)} is not a protocol: use ${rest}`],
];

/**
 * An engine message in a student's words: without rule numbers or the "not an edit:" prefix
 * the binding adds, and with a value's problem said plainly.
 * @param {string} message
 */
export function plainMessage(message) {
  // A position stays: a policy typed in a text box is refused at its line and column.
  const m = withoutRuleNumbers(message).replace(/^(?:(?:Type)?Error: )?(?:not an edit: )?/, '');
  for (const [re, say] of MESSAGES) {
    const x = re.exec(m);
    if (x) return say(...x.slice(1));
  }
  return clip(m);
}

/**
 * One diagnostic ({severity, resource, field, message}) in words: the field by its label, then
 * what is wrong. `withResource`: name the resource too (a file's problems, not a form's).
 * @param {{resource?: string, field?: string, message?: string}} d
 * @param {boolean} [withResource]
 */
export function diagnosticWords(d, withResource = false) {
  const msg = plainMessage(d.message ?? '');
  // A problem with the input as a whole ("input", "Vpcs") says what is missing in its message.
  if (withResource && d.resource === 'input') return msg;
  // The reworded port and protocol messages name their field already.
  const field = d.field && !/^(Ports|Protocol): /.test(msg) ? fieldWords(d.field) : '';
  const res = withResource && d.resource ? clip(d.resource, 80) : '';
  const where = res && field ? `${res}, ${field.toLowerCase()}` : res || field;
  return where ? `${where}: ${msg}` : msg;
}

/** The errors among diagnostics (not the warnings or notes a scenario may also have). */
const errorsOf = (ds) => (Array.isArray(ds) ? ds.filter((d) => d && d.severity === 'error') : []);

/**
 * An edit the engine refused, in words: the field by its label and what is wrong, without the
 * engine's "error:" and field path (review M4). The engine's diagnostics say which field.
 * @param {string} message the error's message
 * @param {object[]} [diagnostics] the load diagnostics it carried, if any
 */
export function editErrorWords(message, diagnostics) {
  const errors = errorsOf(diagnostics);
  if (!errors.length) return plainMessage(message);
  const first = diagnosticWords(errors[0]);
  return errors.length > 1 ? `${first} (and ${count(errors.length - 1, 'more problem')})` : first;
}

/**
 * Why input did not load, as the notice's lines (review M5): the first problem (the engine
 * puts the one that says what to add first), then how many more, listed below the editor.
 * @param {string} message
 * @param {object[]} [diagnostics]
 * @param {string} [lead] what did not load ("Could not load")
 * @returns {string[]}
 */
export function loadErrorLines(message, diagnostics, lead = 'Could not load') {
  const errors = errorsOf(diagnostics);
  if (!errors.length) return [`${lead}: ${plainMessage(message)}`];
  const lines = [`${lead}: ${diagnosticWords(errors[0], true)}`];
  if (errors.length > 1) lines.push(`And ${count(errors.length - 1, 'more problem')}, listed below the Scenario JSON editor.`);
  return lines;
}

/** What a component is (trace.rs `Component`, kebab-case), in words. */
const KINDS = {
  eni: 'network interface', 'security-group': 'security group', 'network-acl': 'network ACL',
  'route-table': 'route table', 'internet-gateway': 'internet gateway', 'nat-gateway': 'NAT gateway',
  peering: 'peering connection', 'vpn-gateway': 'VPN gateway', vpc: 'VPC', 's3-bucket': 'S3 bucket',
  'tgw-attachment': 'transit gateway attachment', 'tgw-route-table': 'transit gateway route table',
  'aws-service': 'AWS service', 'on-premises': 'on-premises network',
};

/** @param {string|null|undefined} kind */
export function kindWords(kind) {
  const k = String(kind ?? '');
  return KINDS[k] || k.replace(/-/g, ' ');
}

/**
 * Why a packet stopped (a Reachability Analyzer code) in a few words; on the reply's way the
 * route that is missing is the one back.
 */
const CODES = {
  NO_ROUTE_TO_DESTINATION: (back) => (back ? 'no route back' : 'no route to the destination'),
  BAD_STATE_ROUTE: () => "the route's target is gone (a blackhole)",
  SUBNET_ACL_RESTRICTION: () => 'the network ACL denies it',
  ENI_SG_RULES_MISMATCH: () => 'no security group rule allows it',
  SG_HAS_NO_RULES: () => 'the security group has no rules for it',
  UNKNOWN_PEERED_SGS: () => 'a security group across the peering is not known',
  SG_REFERENCES_NOT_PRESERVED: () => 'a security group reference does not cross here',
  IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: () => 'the source has no public IP address',
  IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS: () => 'a private address cannot go out to the internet',
  IGW_DESTINATION_ADDRESS_NOT_IN_RFC6598_EGRESS: () => 'a shared address cannot go out to the internet',
  IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS: () => 'no public IP address maps to the destination',
  NGW_SOURCE_ADDRESS_REASSIGN: () => 'the NAT gateway does not pass this packet',
  NGW_REQUIRES_SOURCE_IN_VPC: () => 'the NAT gateway only serves its own VPC',
  PROTOCOL_RESTRICTION: () => 'the protocol is not carried here',
  PCX_REQUIRES_ADDRESS_IN_VPC_CIDR: () => 'the peering only carries addresses of the two VPCs',
  VPCE_GATEWAY_PROTOCOL_RESTRICTION: () => 'the gateway endpoint does not carry this protocol',
  VPCE_INTRA_VPC_TRAFFIC: () => 'a gateway endpoint serves only its own VPC',
  ENI_SOURCE_DEST_CHECK_RESTRICTION: () => 'the source/destination check stops it',
  NO_POSSIBLE_DESTINATION: () => 'nothing is at that address',
  VPCE_POLICY_DENIED: () => 'the endpoint policy denies it',
  RESOURCE_POLICY_DENIED: () => "the resource's policy denies it",
  IDENTITY_POLICY_DENIED: () => "the role's policy denies it",
  BAD_STATE: () => 'it is not available',
  BAD_STATE_VPN: () => 'the VPN is down',
  TGW_ROUTE_AZ_RESTRICTION: () => "the transit gateway has no attachment in the packet's zone",
  TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION: () => 'the attachment has no transit gateway route table',
  TGW_RTB_NO_ROUTE_TO_TGW_ATTACHMENT: (back) => (back ? 'no transit gateway route back' : 'no transit gateway route there'),
  TGW_RTB_BAD_STATE_ROUTE: () => "the transit gateway route's target is gone",
  SG_REFERENCING_SUPPORT: () => 'security group referencing is off on the transit gateway',
  NO_PATH: () => 'no path leads there',
  UNKNOWN_DESTINATION: () => 'the destination is not known',
  UNSUPPORTED_COMPONENT: () => 'a part the playground does not model',
  TGW_RTB_ROUTES_ARE_UNKNOWN: () => "the transit gateway's routes are not known",
};

/**
 * A code in a few words (its own spelling, lower case, when it has none here).
 * @param {string|null|undefined} code
 * @param {string|null|undefined} [leg] 'return' when dropped on the reply's way
 */
export function codeWords(code, leg) {
  const c = String(code ?? '');
  const say = CODES[c];
  if (say) return say(leg === 'return');
  return c.toLowerCase().replace(/_/g, ' ');
}
