/**
 * Trace -> animation frames, and the position of the packet between frames. Pure: tested in
 * Node. The player (player.js) drives time; the diagram draws.
 */

import { anchorOf } from './layout.js';

/**
 * @typedef {{x: number, y: number, w: number, h: number, key?: string}} Box
 * @typedef {{index: number, leg: 'forward'|'return', component: string, subnet: string|null, kind: string,
 *   action: string, x: number, y: number, drop: boolean, legStart: boolean, box: Box|null}} Frame
 *   box: the drawn component the dot stops at (diagram units), which its callout must not cover
 */

/** How far a security-group hop sits from its interface, so the packet visibly moves. */
export const SG_OFFSET = { x: 0, y: -14 };

/**
 * Where the dot stops beside a drawn component: on its left edge, half outside, where no text
 * is (labels start 12 units in, chip labels are centred), so the dot never hides the label of
 * the component it stops at (issue 11 item 2).
 */
export const DOT_INSET = -5;

/**
 * The drawn components by their centre (the point layout.js anchors them at), so a hop's
 * anchor finds the box it stands for.
 * @param {import('./layout.js').Layout} lay
 * @returns {Map<string, Box>}
 */
function boxesByCentre(lay) {
  const m = new Map();
  for (const n of lay.nodes || []) {
    const k = `${n.x + n.w / 2},${n.y + n.h / 2}`;
    if (!m.has(k)) m.set(k, { x: n.x, y: n.y, w: n.w, h: n.h, key: n.key });
  }
  return m;
}

/**
 * The drawn thing to mark for a blocked trace: a security group's drop marks the interface it
 * guarded (the packet's source for egress, its destination for ingress), a policy's drop the
 * endpoint, the instance (role) or the AWS services (bucket). Otherwise blocked_at itself.
 * @param {any} trace
 * @param {any} model
 * @returns {string|null}
 */
export function blockedNode(trace, model) {
  const hops = trace?.hops || [];
  const hop = [...hops].reverse().find((x) => x.action === 'drop');
  if (!trace || trace.reachable || !hop) return null;
  const id = hop.component;
  const enis = model?.network_interfaces || [];
  if (hop.kind === 'security-group') {
    const egress = hop.rule?.direction === 'egress';
    const hd = hop.header_in || hop.header_out || {};
    const ip = egress ? hd.src : hd.dst;
    const prev = egress && [...hops.slice(0, hops.indexOf(hop))].reverse().find((x) => x.kind === 'eni');
    const cands = enis.filter((e) => (e.security_groups || []).includes(id));
    const e = cands.find((x) => x.private_ip === ip) || (prev && { id: prev.component }) || cands.find((x) => trace.path.includes(x.id)) || cands[0];
    return e ? e.id : id;
  }
  if (hop.kind === 'role-policy' || hop.kind === 'endpoint-policy') {
    const e = enis.find((x) => x.owner === id);
    return e && !(model.endpoints || []).some((x) => x.id === id && x.type === 'gateway') ? e.id : id;
  }
  if (hop.kind === 'tgw-attachment' || hop.kind === 'tgw-route-table') {
    // Drawn as the transit gateway's hub: its attachments and route tables have no box of their own.
    const t = (model?.transit_gateways || []).find((g) =>
      (g.attachments || []).some((a) => a.id === id) || (g.route_tables || []).some((r) => r.id === id));
    return t ? t.id : id;
  }
  return hop.kind === 's3-bucket' ? 'aws-services' : id;
}

/**
 * One frame per hop, each with a point on the diagram. A hop that has no drawing of its own
 * (a security group, or something inside a collapsed VPC) borrows the point of the nearest hop
 * that has one, preferring the same leg.
 * @param {{hops: any[]}} trace
 * @param {import('./layout.js').Layout} lay
 * @param {string|null} [dropAt] the drawn id where a drop happens (blockedNode)
 * @returns {Frame[]}
 */
export function traceToFrames(trace, lay, dropAt = null) {
  const hops = (trace && trace.hops) || [];
  const pts = hops.map((h) => (h.action === 'drop' && dropAt && lay.anchors.get(dropAt)) || anchorOf(lay, h));
  const boxes = boxesByCentre(lay);
  const frames = hops.map((h, i) => {
    let p = pts[i];
    let borrowed = false;
    if (!p) {
      p = nearest(pts, hops, i);
      borrowed = true;
    }
    const off = borrowed && h.kind === 'security-group' ? SG_OFFSET : { x: 0, y: 0 };
    const box = p ? boxes.get(`${p.x},${p.y}`) || null : null;
    // A drawn component: the dot stops on its left edge; else (a collapsed VPC's header) at the point.
    const at = box ? { x: box.x + DOT_INSET, y: p.y } : p;
    const base = at || { x: lay.width / 2, y: 20 };
    return {
      index: i,
      leg: h.leg,
      component: h.component,
      subnet: h.subnet || null,
      kind: h.kind,
      action: h.action,
      x: base.x + off.x,
      y: base.y + off.y,
      drop: h.action === 'drop',
      legStart: i === 0 || hops[i - 1].leg !== h.leg,
      box,
    };
  });
  return frames;
}

function nearest(pts, hops, i) {
  for (let d = 1; d < hops.length; d++) {
    for (const j of [i - d, i + d]) {
      if (j >= 0 && j < hops.length && pts[j] && hops[j].leg === hops[i].leg) return pts[j];
    }
  }
  for (let d = 1; d < hops.length; d++) {
    for (const j of [i - d, i + d]) if (j >= 0 && j < hops.length && pts[j]) return pts[j];
  }
  return null;
}

/**
 * The packet's position at `t` in [0, 1] between frame `i` and frame `i + 1` (eased).
 * @param {Frame[]} frames
 * @param {number} i
 * @param {number} t
 * @returns {{x: number, y: number}}
 */
export function between(frames, i, t) {
  const a = frames[i];
  const b = frames[Math.min(i + 1, frames.length - 1)];
  if (!a) return { x: 0, y: 0 };
  const k = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
}

/**
 * Milliseconds to spend on one hop at a speed factor (1 = normal).
 * @param {number} speed
 * @returns {number}
 */
export function hopDuration(speed) {
  const s = Number.isFinite(speed) && speed > 0 ? speed : 1;
  return Math.round(700 / s);
}
