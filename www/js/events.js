/**
 * The event list: one `<li>` per hop, saying what decided it (the route with its losing
 * candidates, the security-group or ACL rule, the address translation). Text only.
 */

import { h, clear } from './dom.js';
import { withoutRuleNumbers as plain } from './words.js';

const KIND = {
  eni: 'Interface', 'security-group': 'Security group', 'network-acl': 'Network ACL',
  'route-table': 'Route table', 'internet-gateway': 'Internet gateway', 'nat-gateway': 'NAT gateway',
  peering: 'Peering', 'gateway-endpoint': 'Gateway endpoint', 'interface-endpoint': 'Interface endpoint',
  'vpn-gateway': 'VPN gateway', internet: 'Internet', 'aws-service': 'AWS service', 'on-premises': 'Corporate network',
};

const OUTCOME = {
  chosen: 'chosen',
  'shorter-prefix': 'lost: shorter prefix (longest prefix wins)',
  'lower-priority': 'lost: same prefix, lower priority (static > prefix list > propagated)',
};

/**
 * Header as text: "tcp 10.0.1.10:49152 -> 172.31.1.20:5432".
 * @param {any} hd
 * @returns {string}
 */
export function headerText(hd) {
  if (!hd) return '';
  return hd.protocol === 'icmp'
    ? `${hd.protocol} ${hd.src} -> ${hd.dst}`
    : `${hd.protocol} ${hd.src}:${hd.src_port} -> ${hd.dst}:${hd.dst_port}`;
}

function routeBlock(route) {
  const rows = (route.candidates || []).map((c) =>
    h('li', { class: c.outcome === 'chosen' ? 'cand chosen' : 'cand lost' },
      h('code', { text: `${c.destination} -> ${c.target}` }),
      c.matched_cidr && c.matched_cidr !== c.destination ? h('span', { class: 'muted', text: ` (matched ${c.matched_cidr})` }) : null,
      h('span', { class: 'cand-outcome', text: ` ${OUTCOME[c.outcome] || c.outcome}` })));
  return h('div', { class: 'decision route-decision' },
    h('span', { class: 'decision-title', text: `Route table ${route.table}: ` + (route.matched ? `matched ${route.matched.destination}` : 'no route matches') }),
    rows.length ? h('ul', { class: 'candidates' }, rows) : null);
}

/**
 * Renders the hops into the list.
 * @param {HTMLOListElement} ol
 * @param {any|null} trace
 * @param {(i: number) => void} onPick
 */
export function renderEvents(ol, trace, onPick) {
  clear(ol);
  if (!trace) return;
  trace.hops.forEach((hop, i) => {
    const legStart = i === 0 || trace.hops[i - 1].leg !== hop.leg;
    const cls = ['hop', `leg-${hop.leg}`, `action-${hop.action}`, legStart ? `leg-start leg-start-${hop.leg}` : ''].filter(Boolean).join(' ');
    const li = h('li', { class: cls, 'data-index': String(i), 'data-id': hop.component },
      h('div', { class: 'hop-head' },
        h('span', { class: 'hop-kind', text: KIND[hop.kind] || hop.kind }),
        h('span', { class: 'hop-id', text: hop.component }),
        h('span', { class: `hop-action act-${hop.action}`, text: hop.action })),
      h('p', { class: 'hop-detail', text: plain(hop.detail) }));
    if (hop.route) li.append(routeBlock(hop.route));
    if (hop.rule) {
      li.append(h('div', { class: `decision rule-decision rule-${hop.rule.action}` },
        h('span', { class: 'decision-title', text: `${hop.rule.kind === 'network-acl' ? 'ACL' : 'SG'} ${hop.rule.id} ${hop.rule.direction}: ` }),
        h('code', { text: hop.rule.text })));
    }
    if (hop.action === 'translate' || headerText(hop.header_in) !== headerText(hop.header_out)) {
      li.append(h('div', { class: 'decision nat-decision' },
        h('code', { text: headerText(hop.header_in) }), h('span', { text: ' ⟶ ' }), h('code', { text: headerText(hop.header_out) })));
    }
    if (hop.code) li.append(h('p', { class: 'hop-code', text: hop.code }));
    li.addEventListener('click', () => onPick(i));
    ol.append(li);
  });
}

/**
 * Highlights the current hop and scrolls it into view.
 * @param {HTMLOListElement} ol
 * @param {number} i
 */
export function highlightEvent(ol, i) {
  for (const li of ol.querySelectorAll('li')) li.classList.toggle('ahead', Number(li.dataset.index) > i);
  for (const li of ol.querySelectorAll('li.hop-active')) li.classList.remove('hop-active');
  const li = ol.querySelector(`li[data-index="${Number(i)}"]`);
  if (li) {
    li.classList.add('hop-active');
    li.setAttribute('aria-current', 'step');
    for (const other of ol.querySelectorAll('li[aria-current]')) if (other !== li) other.removeAttribute('aria-current');
    const top = li.offsetTop - ol.offsetTop;
    if (top < ol.scrollTop || top + li.offsetHeight > ol.scrollTop + ol.clientHeight) ol.scrollTop = Math.max(0, top - 8);
  }
}
