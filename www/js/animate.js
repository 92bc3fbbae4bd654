/**
 * Trace -> animation frames, and the position of the packet between frames. Pure: tested in
 * Node. The player (player.js) drives time; the diagram draws.
 */

import { anchorOf } from './layout.js';

/**
 * @typedef {{index: number, leg: 'forward'|'return', component: string, subnet: string|null, kind: string,
 *   action: string, x: number, y: number, drop: boolean, legStart: boolean}} Frame
 */

/** How far a security-group hop sits from its interface, so the packet visibly moves. */
export const SG_OFFSET = { x: 0, y: -14 };

/**
 * One frame per hop, each with a point on the diagram. A hop that has no drawing of its own
 * (a security group, or something inside a collapsed VPC) borrows the point of the nearest hop
 * that has one, preferring the same leg.
 * @param {{hops: any[]}} trace
 * @param {import('./layout.js').Layout} lay
 * @returns {Frame[]}
 */
export function traceToFrames(trace, lay) {
  const hops = (trace && trace.hops) || [];
  const pts = hops.map((h) => anchorOf(lay, h));
  const frames = hops.map((h, i) => {
    let p = pts[i];
    let borrowed = false;
    if (!p) {
      p = nearest(pts, hops, i);
      borrowed = true;
    }
    const off = borrowed && h.kind === 'security-group' ? SG_OFFSET : { x: 0, y: 0 };
    const base = p || { x: lay.width / 2, y: 20 };
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
