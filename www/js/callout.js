/**
 * The packet's callout: a small caption drawn by the dot on the diagram, saying which leg it is
 * on (request or reply, in words as well as colour), the packet's header (src -> dst), the
 * address rewrite at a NAT or internet gateway, and the current hop's sentence (issue 11
 * item 2). It is HTML over the diagram, not SVG text, so it keeps its size (at least 11 CSS px)
 * at any zoom. It sits beside the component the dot stops at, never over it, on the side away
 * from the packet's next stop. Text only (ids come from files).
 */

import { h, clear } from './dom.js';
import { withoutRuleNumbers as plain } from './words.js';

/**
 * An address with its port when the protocol has ports.
 * @param {any} hd
 * @param {'src'|'dst'} end
 */
function endText(hd, end) {
  return hd.protocol === 'icmp' ? `${hd[end]}` : `${hd[end]}:${hd[`${end}_port`]}`;
}

/**
 * The header line: "tcp 10.0.1.10:49152 → 172.31.1.20:5432".
 * @param {any} hd
 * @returns {string}
 */
export function headerLine(hd) {
  if (!hd) return '';
  return `${hd.protocol} ${endText(hd, 'src')} → ${endText(hd, 'dst')}`;
}

/**
 * What a hop rewrote (a NAT gateway, an internet gateway): "source 10.0.0.50:1024 →
 * 203.0.113.50:1024", one line per end that changed; none when the header passed unchanged.
 * @param {any} hop
 * @returns {string[]}
 */
export function rewriteLines(hop) {
  const a = hop && hop.header_in;
  const b = hop && hop.header_out;
  if (!a || !b) return [];
  const out = [];
  for (const [end, word] of [['src', 'source'], ['dst', 'destination']]) {
    const was = endText(a, /** @type {'src'|'dst'} */ (end));
    const now = endText(b, /** @type {'src'|'dst'} */ (end));
    if (was !== now) out.push(`${word} ${was} → ${now}`);
  }
  return out;
}

/**
 * The callout's content for a hop: the leg's word, the header the packet arrives with, the
 * rewrite, and the sentence.
 * @param {any} hop
 * @returns {{leg: string, header: string, rewrite: string[], sentence: string, drop: boolean}}
 */
export function calloutText(hop) {
  const reply = hop.leg === 'return';
  const drop = hop.action === 'drop';
  return {
    leg: `${reply ? '← Reply' : 'Request →'}${drop ? ' · dropped here' : ''}`,
    header: headerLine(hop.header_in || hop.header_out),
    rewrite: rewriteLines(hop),
    // As the hop list says it: without the fact base's rule numbers (words.js).
    sentence: typeof hop.detail === 'string' ? plain(hop.detail) : '',
    drop,
  };
}

/**
 * @typedef {{left: number, top: number, right: number, bottom: number}} Rect
 */

/**
 * Where the callout goes (its top-left corner, in the wrap's pixels): beside `keep` (the
 * component and the dot, which it must not cover), below or above it first, on the side away
 * from the next stop, else to its right or left; inside the area when it fits there, and
 * clear of the next stop when it can be.
 * @param {Rect} keep
 * @param {{w: number, h: number}} size the callout's
 * @param {{x: number, y: number, w: number, h: number}} area where it may go, in the wrap's pixels
 * @param {{x: number, y: number}|null} next the next stop's point, or null
 * @param {Rect[]} [avoid] boxes it should leave uncovered too when it can (the flow's ends in
 *   an embed's last view)
 * @returns {{left: number, top: number}}
 */
export function placeCallout(keep, size, area, next, avoid = []) {
  const gap = 8;
  const m = 4;
  const clampX = (x) => Math.max(area.x + m, Math.min(x, area.x + area.w - size.w - m));
  const clampY = (y) => Math.max(area.y + m, Math.min(y, area.y + area.h - size.h - m));
  const below = { left: clampX(keep.left), top: keep.bottom + gap };
  const above = { left: clampX(keep.left), top: keep.top - gap - size.h };
  const right = { left: keep.right + gap, top: clampY(keep.top) };
  const left = { left: keep.left - gap - size.w, top: clampY(keep.top) };
  // Below or above, ending at the stop's right edge: where the first four all cover something
  // (a review found it over the source at 1400x900 and over a VPC's title at the drop).
  const belowEnd = { left: clampX(keep.right - size.w), top: keep.bottom + gap };
  const aboveEnd = { left: clampX(keep.right - size.w), top: keep.top - gap - size.h };
  const nextBelow = next && next.y > (keep.top + keep.bottom) / 2;
  const order = nextBelow ? [above, below, right, left, aboveEnd, belowEnd] : [below, above, right, left, belowEnd, aboveEnd];
  const fits = (p) => p.left >= area.x && p.top >= area.y && p.left + size.w <= area.x + area.w && p.top + size.h <= area.y + area.h;
  // Best where it also leaves the next stop (where the dot goes now) uncovered.
  const r = 16;
  const clearOfNext = (p) => !next || next.x < p.left - r || next.x > p.left + size.w + r || next.y < p.top - r || next.y > p.top + size.h + r;
  const overlaps = (p, b) => p.left < b.right && b.left < p.left + size.w && p.top < b.bottom && b.top < p.top + size.h;
  const clear = (p) => clearOfNext(p) && !avoid.some((b) => overlaps(p, b));
  return order.find((p) => fits(p) && clear(p)) || order.find((p) => fits(p) && clearOfNext(p)) || order.find(fits) || order[0];
}

/** Below this diagram height (CSS px) the callout is compact (app.css `.is-compact`). */
export const COMPACT_BELOW = 330;

/**
 * The callout over a diagram.
 * @param {HTMLElement} box the callout element (inside the diagram's positioned wrap)
 * @param {SVGSVGElement} svg
 */
export function createCallout(box, svg) {
  /** @type {{frame: any, hop: any, next: any, avoid?: {x: number, y: number, w: number, h: number}[]}|null} */
  let current = null;

  /** A point of the diagram in the wrap's pixels. */
  function toWrap(x, y, wrapRect) {
    const ctm = svg.getScreenCTM();
    if (!ctm) return null;
    return { x: ctm.a * x + ctm.c * y + ctm.e - wrapRect.left, y: ctm.b * x + ctm.d * y + ctm.f - wrapRect.top };
  }

  /** Puts the callout beside its stop (after a zoom, a pan, a resize or a new hop). */
  function position() {
    if (!current) return;
    const wrap = /** @type {HTMLElement} */ (box.offsetParent || box.parentElement);
    if (!wrap) return;
    const b0 = wrap.getBoundingClientRect();
    // The callout is placed from the wrap's padding box (inside its border).
    const wr = { left: b0.left + wrap.clientLeft, top: b0.top + wrap.clientTop, width: b0.width, height: b0.height };
    const { frame, next } = current;
    const dot = toWrap(frame.x, frame.y, wr);
    if (!dot) return;
    const r = 10;
    const b = frame.box;
    const tl = b ? toWrap(b.x, b.y, wr) : dot;
    const br = b ? toWrap(b.x + b.w, b.y + b.h, wr) : dot;
    const keep = {
      left: Math.min(tl.x, dot.x - r), top: Math.min(tl.y, dot.y - r),
      right: Math.max(br.x, dot.x + r), bottom: Math.max(br.y, dot.y + r),
    };
    // Inside the diagram's own box (the wrap also holds the hint strip under it).
    const sr = svg.getBoundingClientRect();
    // A short diagram (an embed, a small window): a narrower callout, its sentence in two
    // lines, so it covers less of it (the whole sentence is in the status and the hop list).
    box.classList.toggle('is-compact', sr.height < COMPACT_BELOW);
    const area = { x: sr.left - wr.left, y: sr.top - wr.top, w: sr.width, h: sr.height };
    // Its stop panned or collapsed out of view: no callout pointing at nothing.
    const inView = keep.right > area.x && keep.left < area.x + area.w && keep.bottom > area.y && keep.top < area.y + area.h;
    box.style.visibility = inView ? '' : 'hidden';
    if (!inView) return;
    const avoid = (current.avoid || []).map((a) => {
      const p = toWrap(a.x, a.y, wr);
      const q = toWrap(a.x + a.w, a.y + a.h, wr);
      return p && q ? { left: p.x, top: p.y, right: q.x, bottom: q.y } : null;
    }).filter(Boolean);
    // Where the zoom buttons stand over the diagram's corner (an embed): clear of them too.
    const zoom = wrap.querySelector('.zoom');
    if (zoom) {
      const z = zoom.getBoundingClientRect();
      avoid.push({ left: z.left - wr.left, top: z.top - wr.top, right: z.right - wr.left, bottom: z.bottom - wr.top });
    }
    const at = placeCallout(keep, { w: box.offsetWidth, h: box.offsetHeight }, area, next ? toWrap(next.x, next.y, wr) : null, avoid);
    box.style.left = `${Math.round(at.left)}px`;
    box.style.top = `${Math.round(at.top)}px`;
  }

  /**
   * Shows the callout for a stop, or hides it (null); `avoid`: diagram boxes to leave uncovered.
   * @param {{frame: any, hop: any, next: any, avoid?: {x: number, y: number, w: number, h: number}[]}|null} stop
   */
  function show(stop) {
    current = stop && stop.frame && stop.hop ? stop : null;
    box.classList.toggle('hidden', !current);
    if (!current) return;
    const c = calloutText(current.hop);
    clear(box);
    box.classList.toggle('leg-return', current.hop.leg === 'return');
    box.classList.toggle('is-drop', c.drop);
    box.append(
      h('span', { class: 'callout-leg', text: c.leg }),
      h('code', { class: 'callout-header', text: c.header }),
      ...c.rewrite.map((t) => h('code', { class: 'callout-rewrite', text: `rewrites the ${t}` })),
      h('p', { class: 'callout-sentence', text: c.sentence }));
    position();
  }

  // The view changes by the viewBox (zoom, pan, follow) and a redraw replaces the SVG's children.
  new MutationObserver(() => position()).observe(svg, { attributes: true, attributeFilter: ['viewBox'] });
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => position()).observe(svg);

  return { show, position };
}
