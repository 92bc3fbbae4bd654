/**
 * The diagram: the only module that writes to the SVG. Draws a layout, marks the packet's
 * path with CSS classes (`.on-path`, `.hop-active`, `.blocked`), moves the packet dot, and
 * handles zoom (wheel, buttons) and pan (drag).
 */

import { s, clear } from './dom.js';
import { fit } from './layout.js';

const BADGE = {
  instance: 'EC2', eni: 'ENI', 'nat-gateway': 'NAT', 'interface-endpoint': 'VPCE',
  'internet-gateway': 'IGW', 'vpn-gateway': 'VGW', 'gateway-endpoint': 'VPCE', peering: 'PCX', 'transit-gateway': 'TGW',
  internet: 'WWW', 'aws-service': 'AWS', 'on-premises': 'DC',
};

/**
 * The kind's badge, where the label leaves room for it: a long label ("Internet gateway",
 * "Gateway endpoint") says what it is, and its badge ran into it (issue 11 item 11). Widths
 * are a bold 12-unit label's and a 9.5-unit badge's widest average characters.
 * @param {{kind: string, w: number}} n
 * @param {string} label as drawn
 */
function badgeBeside(n, label) {
  const badge = BADGE[n.kind] || '';
  return 12 + label.length * 7.4 + 8 + badge.length * 7.2 <= n.w - 6 ? badge : '';
}

/**
 * The smallest font size the diagram's text uses, in diagram units (www/css/app.css:
 * .node-badge and .subnet-tag), and the smallest on-screen size text may have in the default
 * view (issue 11: 11 CSS px). A view with fewer screen pixels per unit than READABLE_SCALE
 * makes some text smaller than that.
 */
export const SMALLEST_FONT = 9.5;
export const MIN_TEXT_PX = 11;
export const READABLE_SCALE = MIN_TEXT_PX / SMALLEST_FONT;
/** The default view does not zoom in further than this (a small estate stays whole). */
const MAX_DEFAULT_SCALE = 1.6;
/** The zoom buttons' column over the diagram's right edge, with its margin (app.css .zoom). */
const ZOOM_BUTTONS_PX = 52;
/** The scale (px per unit) an embed's view of the flow's ends keeps when they fit at it. */
const ENDS_READABLE = 0.9;
/** Least CSS px of the drop marker and packet at any zoom (were 3-4 px at 100 VPCs). */
export const MARKER_MIN_PX = 16;
const MARKER_R = 12;
const PACKET_R = 7;
const PACKET_MIN_PX = 12;
const VPC_HEADER_H = 56;

/**
 * A VPC box's title: "VPC" and its name, unless the name says VPC already ("VPC A", not "VPC VPC A").
 * @param {string} title
 */
function vpcTitle(title) {
  return /^vpc\b/i.test(title) ? title : `VPC ${title}`;
}

/**
 * @param {SVGSVGElement} svg
 * @param {{onNodeClick?: (id: string, owner: string|null, kind: string) => void,
 *   onVpcToggle?: (vpcId: string) => void}} handlers
 */
export function createDiagram(svg, handlers = {}) {
  let lay = null;
  let view = { x: 0, y: 0, w: 100, h: 100 };
  /** @type {Map<string, SVGElement[]>} */
  let byId = new Map();
  /** @type {Map<string, SVGElement>} */
  let byKey = new Map();
  let marked = [];
  /** The edge gateways' wires to the outside world, with the node keys they join. */
  let wireEls = [];
  let packet = null;
  let marker = null;
  let markerScale = null;
  let follow = false;
  /** What the default view shows when everything does not fit readably (setFocus). */
  let focusIds = [];

  /** The diagram's size when the view was set, and whether the view is "everything" (Fit). */
  let viewRect = null;
  let fitted = false;

  /** The diagram box's size as the ResizeObserver last reported it (null: not yet, or hidden). */
  let seen = null;
  /** Whether draw() is running. */
  let drawing = false;
  /**
   * The diagram box's size: measured, but in draw() as the ResizeObserver last saw it. Measuring
   * right after a big draw forced Chromium to lay out the whole page in draw (~200-500 ms at 100
   * VPCs, scripts/bench-page.mjs), and again before the paint. Elsewhere (after a result, which
   * changes the page above the diagram) the box is measured: the observer has not seen it yet.
   * @returns {{width: number, height: number}}
   */
  function size() {
    return (drawing && seen) || svg.getBoundingClientRect();
  }

  function setView(v) {
    view = v;
    fitted = false;
    viewRect = size();
    svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
    counterScale();
  }

  function counterScale() {
    const k = Math.min(viewRect.width / view.w, viewRect.height / view.h) || 1;
    if (markerScale) markerScale.setAttribute('transform', `scale(${Math.max(1, MARKER_MIN_PX / (2 * MARKER_R * k))})`);
    if (packet) packet.setAttribute('r', String(Math.max(PACKET_R, PACKET_MIN_PX / 2 / k)));
  }

  // When the diagram's box changes size (a result shows above it, the window is resized), the
  // view keeps its scale and centre, so text does not shrink; a fitted view fits again.
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => {
      const b = svg.getBoundingClientRect();
      const r = b.width > 0 && b.height > 0 ? { width: b.width, height: b.height } : null;
      seen = r;
      if (!r) return;
      if (!lay || !viewRect || !(r.width > 0 && r.height > 0) || !(viewRect.width > 0 && viewRect.height > 0)) return;
      if (r.width === viewRect.width && r.height === viewRect.height) return;
      if (fitted) return fitView();
      const k = Math.min(viewRect.width / view.w, viewRect.height / view.h);
      const c = { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      setView({ x: c.x - r.width / k / 2, y: c.y - r.height / k / 2, w: r.width / k, h: r.height / k });
    }).observe(svg);
  }

  /** Draws a layout, replacing what was there. */
  function draw(layout) {
    drawing = true;
    try {
      drawNow(layout);
    } finally {
      drawing = false;
    }
  }

  function drawNow(layout) {
    const first = !lay;
    const sizeChanged = lay && (lay.width !== layout.width || lay.height !== layout.height);
    const ids = (l) => l.vpcs.map((v) => v.id).join();
    const kept = !first && ids(lay) === ids(layout) ? keptView(lay, layout) : null;
    lay = layout;
    clear(svg);
    byId = new Map();
    byKey = new Map();
    marked = [];
    const reg = (el, id, key) => {
      if (!byId.has(id)) byId.set(id, []);
      byId.get(id).push(el);
      if (key) byKey.set(key, el);
    };
    svg.append(s('rect', { class: 'diagram-bg', x: -5000, y: -5000, width: 10000 + layout.width, height: 10000 + layout.height }));
    const gGroups = s('g', { class: 'layer-groups' });
    for (const g of layout.groups) {
      gGroups.append(s('g', { class: 'region-group' },
        s('rect', { x: g.x, y: g.y, width: g.w, height: g.h, rx: 14 }),
        s('text', { class: 'group-label', x: g.x + 16, y: g.y + 22, text: g.label })));
    }
    const gWires = s('g', { class: 'layer-wires' });
    wireEls = [];
    for (const w of layout.wires) {
      const el = s('line', { class: `wire wire-${w.cls}`, x1: w.x1, y1: w.y1, x2: w.x2, y2: w.y2 });
      wireEls.push({ el, ends: w.ends || [] });
      gWires.append(el);
    }
    const gVpcs = s('g', { class: 'layer-vpcs' });
    for (const v of layout.vpcs) {
      const header = s('g', {
        class: 'vpc-header', role: 'button', tabindex: '0',
        'aria-expanded': v.collapsed ? 'false' : 'true',
        'aria-label': `${vpcTitle(v.title)} (${v.id}): ${v.collapsed ? 'expand' : 'collapse'}`,
      },
        s('rect', { class: 'vpc-header-hit', x: v.x, y: v.y, width: v.w, height: VPC_HEADER_H }),
        s('text', { class: 'vpc-toggle', x: v.x + 14, y: v.y + 30, text: v.collapsed ? '▸' : '▾' }),
        s('text', { class: 'vpc-title', x: v.x + 32, y: v.y + 30, text: fit(vpcTitle(v.title), Math.floor(v.w / 11) - 12) }),
        s('text', { class: 'vpc-sub', x: v.x + 32, y: v.y + 48, text: fit(v.sub, Math.floor(v.w / 6.8)) }),
        s('title', { text: `${vpcTitle(v.title)} (${v.sub}). Click to ${v.collapsed ? 'expand' : 'collapse'}.` }));
      const toggle = (e) => {
        e.stopPropagation();
        handlers.onVpcToggle?.(v.id);
      };
      header.addEventListener('click', (e) => {
        if (!dragMoved) toggle(e);
      });
      header.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          toggle(e);
        }
      });
      const g = s('g', { class: 'vpc' + (v.collapsed ? ' collapsed' : '') + (v.outside ? ' outside' : ''), 'data-id': v.id },
        s('rect', { class: 'vpc-box', x: v.x, y: v.y, width: v.w, height: v.h, rx: 12 }), header);
      reg(g, v.id);
      gVpcs.append(g);
    }
    for (const sb of layout.subnets) {
      const g = s('g', { class: `subnet ${sb.public ? 'public' : 'private'}`, 'data-id': sb.id },
        s('rect', { class: 'subnet-box', x: sb.x, y: sb.y, width: sb.w, height: sb.h, rx: 8 }),
        s('text', { class: 'subnet-title', x: sb.x + 10, y: sb.y + 17, text: fit(sb.name || sb.id, 28) }),
        s('text', { class: 'subnet-tag', x: sb.x + sb.w - 10, y: sb.y + 17, 'text-anchor': 'end', text: sb.public ? 'PUBLIC' : 'PRIVATE' }),
        s('text', { class: 'subnet-sub', x: sb.x + 10, y: sb.y + 34, text: fit(`${sb.id} · ${sb.cidr} · ${sb.az}`, 46) }),
        s('title', { text: `Subnet ${sb.name || ''} ${sb.id} ${sb.cidr} in ${sb.az} (${sb.public ? 'public: routes to an internet gateway' : 'private'})` }));
      reg(g, sb.id);
      gVpcs.append(g);
    }
    const gLinks = s('g', { class: 'layer-links' });
    for (const l of layout.links) {
      const tgw = l.kind === 'tgw';
      const cls = `${tgw ? 'tgw-link' : 'peering-link'} peer-${l.cls}`;
      const line = l.points
        ? s('polyline', { class: cls, 'data-link': l.id, points: l.points.map((p) => `${p.x},${p.y}`).join(' ') })
        : s('line', { class: cls, 'data-link': l.id, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 });
      if (l.title) line.append(s('title', { text: l.title }));
      // Attachment links go under the VPC boxes: one to a second-row VPC passes behind the first row.
      (tgw ? gWires : gLinks).append(line);
      reg(line, l.id);
      if (l.label) {
        // An attachment that is not available says its state on its link.
        const [a, b] = l.points ? l.points.slice(-3, -1) : [{ x: l.x1, y: l.y1 }, { x: l.x2, y: l.y2 }];
        gWires.append(s('text', { class: `link-state peer-${l.cls}`, x: (a.x + b.x) / 2 + 6, y: (a.y + b.y) / 2, text: l.label }));
      }
    }
    const gNodes = s('g', { class: 'layer-nodes' });
    for (const n of layout.nodes) {
      const chip = n.kind === 'route-table' || n.kind === 'network-acl';
      const cls = ['node', `kind-${n.kind}`, n.tone ? `tone-${n.tone}` : '', chip ? 'chip' : ''].filter(Boolean).join(' ');
      const g = s('g', {
        class: cls, 'data-id': n.id, 'data-key': n.key, 'data-kind': n.kind,
        'data-owner': n.owner || null, transform: `translate(${n.x} ${n.y})`,
      }, s('rect', { class: 'node-box', width: n.w, height: n.h, rx: chip ? 11 : 7 }));
      if (chip) {
        g.append(s('text', { class: 'chip-label', x: n.w / 2, y: n.h / 2 + 4, 'text-anchor': 'middle', text: fit(n.label, Math.floor(n.w / 6.6)) }));
      } else {
        const label = fit(n.label, Math.floor((n.w - 40) / 6.6));
        const badge = badgeBeside(n, label);
        g.append(
          s('rect', { class: 'node-stripe', width: 5, height: n.h, rx: 2 }),
          // A short node (an edge gateway, 30 high): the two lines spread to its edges so they do not touch.
          s('text', { class: 'node-label', x: 12, y: n.h > 36 ? 17 : 12, text: label }),
          s('text', { class: 'node-sub', x: 12, y: n.h > 36 ? 32 : 26.5, text: fit(n.sub, Math.floor((n.w - 14) / 5.9)) }),
          s('text', { class: 'node-badge', x: n.w - 6, y: 12, 'text-anchor': 'end', text: badge }));
      }
      g.append(s('title', { text: n.title }));
      g.addEventListener('click', (e) => {
        if (dragMoved) return;
        e.stopPropagation();
        handlers.onNodeClick?.(n.id, n.owner || null, n.kind);
      });
      reg(g, n.id, n.key);
      // A transit gateway's hub stands for its attachments and route tables on the path.
      for (const a of n.aliases || []) reg(g, a);
      gNodes.append(g);
    }
    markerScale = s('g', { class: 'drop-scale' }, s('circle', { r: MARKER_R }), s('path', { d: 'M -5 -5 L 5 5 M 5 -5 L -5 5' }));
    marker = s('g', { class: 'drop-marker hidden', 'aria-hidden': 'true' }, markerScale);
    packet = s('circle', { class: 'packet hidden', r: PACKET_R, cx: 0, cy: 0 });
    svg.append(gGroups, gWires, gVpcs, gLinks, gNodes, marker, packet);
    if (kept) {
      // The user's relayout: the view stays theirs.
      follow = false;
      setView(kept);
    } else if (first || sizeChanged) readable(focusIds);
    else setView(view);
  }

  /** A relayout of one estate: the VPC header nearest the view's middle stays put on screen. */
  function keptView(before, after) {
    const best = middleVpc(before);
    const now = best && after.vpcs.find((v) => v.id === best.id);
    if (!now) return null;
    return { ...view, x: view.x + now.x - best.x, y: view.y + now.y - best.y };
  }

  /** The VPC of a layout whose header is nearest the view's middle. */
  function middleVpc(l) {
    const c = { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    let best = null;
    let bestD = Infinity;
    for (const v of l.vpcs) {
      const d = (v.x + v.w / 2 - c.x) ** 2 + (v.y + VPC_HEADER_H / 2 - c.y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    return best;
  }

  /**
   * When the view makes text smaller than MIN_TEXT_PX (a relayout kept a Fit or a whole-path
   * scale), zooms in to READABLE_SCALE around the top-left corner of the VPC header nearest
   * its middle, which stays put on screen (Collapse all / Expand all, issue 11 item 2).
   */
  function keepReadable() {
    if (!lay) return;
    const r = size();
    const k = Math.min(r.width / view.w, r.height / view.h);
    if (!(r.width > 0 && r.height > 0) || !(k < READABLE_SCALE)) return;
    const v = middleVpc(lay);
    follow = false;
    zoom(READABLE_SCALE / k, v ? { x: v.x, y: v.y } : undefined);
  }

  /**
   * The default view: everything when it fits at a readable scale (text at least MIN_TEXT_PX),
   * else the VPCs holding `ids` at that scale, centred on `at` (or on them); the view then
   * follows the packet.
   * @param {string[]} ids
   * @param {{x: number, y: number}|null} [at]
   */
  function readable(ids, at) {
    if (!lay) return;
    const r = size();
    const m = 30;
    const fitScale = Math.min(r.width / (lay.width + 2 * m), r.height / (lay.height + 2 * m));
    if (!(r.width > 0 && r.height > 0) || fitScale >= READABLE_SCALE) {
      follow = false;
      return fitView();
    }
    // When they do not fit either, the view centres on the first (the packet's source).
    const first = at ? null : lay.nodes.find((n) => n.id === ids[0] || n.owner === ids[0]);
    focus(ids, READABLE_SCALE, at || (first && withHub(first, r, (x) => (x.vpcs || []).includes(first.vpc))), MAX_DEFAULT_SCALE);
  }

  /** Box n's centre, or its and a hub's (`test`) if both fit readable (it was off screen until Fit). */
  function withHub(n, r, test) {
    const c = { x: n.x + n.w / 2, y: n.y + n.h / 2 };
    const hub = lay.nodes.find((x) => x.kind === 'transit-gateway' && test(x));
    if (!hub) return c;
    const x = Math.min(n.x, hub.x) - 10;
    const y = Math.min(n.y, hub.y) - 10;
    const w = Math.max(n.x + n.w, hub.x + hub.w) + 10 - x;
    const h = Math.max(n.y + n.h, hub.y + hub.h) + 10 - y;
    return w * READABLE_SCALE <= r.width && h * READABLE_SCALE <= r.height ? { x: x + w / 2, y: y + h / 2 } : c;
  }

  /**
   * Shows the nodes of `ids` (a flow's ends) together, at a scale between `minScale` and
   * `maxScale`; when they do not fit at `minScale`, centres on the first (the source).
   * @param {string[]} ids
   * @param {number} minScale
   * @param {number} maxScale
   */
  function showEnds(ids, minScale, maxScale) {
    if (!lay) return;
    const ns = ids.map((id) => lay.nodes.find((n) => n.id === id || n.owner === id)).filter(Boolean);
    const r = size();
    if (!ns.length || !(r.width > 0 && r.height > 0)) return fitView();
    // The whole VPCs that hold the ends when they fit at minScale (a review found both VPCs cut
    // at 960x600, their titles and chips cropped, with room to spare below): what the view
    // frames is shown whole, the width fitted when the height has room.
    const vpcs = [...new Set(ns.map((n) => n.vpc).filter(Boolean))].map((v) => lay.vpcs.find((x) => x.id === v)).filter(Boolean);
    const all = vpcs.length ? framed(ns.concat(vpcs), 12, r, maxScale) : null;
    if (all && all.k >= minScale) {
      follow = true;
      return setView(around({ x: all.box.x + all.box.w / 2, y: all.box.y + all.box.h / 2 }, all.k, r, all.box));
    }
    follow = true;
    const pad = 24;
    const x = Math.min(...ns.map((n) => n.x)) - pad;
    const y = Math.min(...ns.map((n) => n.y)) - pad;
    const w = Math.max(...ns.map((n) => n.x + n.w)) + pad - x;
    const h = Math.max(...ns.map((n) => n.y + n.h)) + pad - y;
    // The zoom buttons stand over the diagram's right edge: the ends are fitted left of them
    // (a review found Fit over the drop marker in an 800x500 embed).
    // Not at readability's cost: where the ends fit at ENDS_READABLE without the buttons' column,
    // the scale stays at least that (the buttons may then overlap a little).
    const inset = ZOOM_BUTTONS_PX;
    const whole = Math.min(r.width / w, r.height / h, maxScale);
    const clear = Math.min((r.width - inset) / w, r.height / h, maxScale);
    let k = whole >= ENDS_READABLE ? Math.max(clear, ENDS_READABLE) : clear;
    let box = { x, y, w: w + inset / k, h };
    let c = { x: box.x + box.w / 2, y: y + h / 2 };
    if (k < minScale) {
      k = minScale;
      box = { x, y, w: w + inset / k, h };
      c = { x: ns[0].x + ns[0].w / 2, y: ns[0].y + ns[0].h / 2 };
    }
    setView(around(c, k, r, box));
  }

  /**
   * The box around `items` (with `pad` units) and the scale that shows it whole left of the zoom
   * buttons' column, at most `maxScale`.
   * @param {{x: number, y: number, w: number, h: number}[]} items
   * @param {number} pad
   * @param {{width: number, height: number}} r
   * @param {number} maxScale
   */
  function framed(items, pad, r, maxScale) {
    const x = Math.min(...items.map((n) => n.x)) - pad;
    const y = Math.min(...items.map((n) => n.y)) - pad;
    const w = Math.max(...items.map((n) => n.x + n.w)) + pad - x;
    const h = Math.max(...items.map((n) => n.y + n.h)) + pad - y;
    // Fitted to the width, with room above for the zoom buttons (an embed's are a row along the
    // top), the box need not stay left of them: only where they would cover it.
    const k0 = Math.min(r.width / w, r.height / h, maxScale);
    const zoomEl = svg.parentElement?.querySelector('.zoom');
    const zb = zoomEl ? zoomEl.getBoundingClientRect() : null;
    const sr = svg.getBoundingClientRect();
    if (zb && zb.height > 0 && zb.bottom - sr.top + 4 <= (r.height - h * k0) / 2) return { k: k0, box: { x, y, w, h } };
    const k = Math.min((r.width - ZOOM_BUTTONS_PX) / w, r.height / h, maxScale);
    return { k, box: { x, y, w: w + ZOOM_BUTTONS_PX / k, h } };
  }

  /**
   * After a result (issue 11 item 3): the view holds the hops (`points`) and the drop marker.
   * @param {{x: number, y: number}[]} points
   * @param {{x: number, y: number, box?: {x: number, y: number, w: number, h: number}}|null} [drop] the drop's frame
   * @param {{readable?: boolean}} [opts] readable ("Focus the path"): when the hops do not fit
   *   at a readable scale, readable where the packet stopped, the hub kept only if it fits too
   */
  function showPath(points, drop, opts = {}) {
    if (!lay) return;
    const r = size();
    const m = 30;
    const fitScale = Math.min(r.width / (lay.width + 2 * m), r.height / (lay.height + 2 * m));
    const pts = points.filter((p) => p && Number.isFinite(p.x) && Number.isFinite(p.y));
    if (drop) pts.push({ x: drop.x, y: drop.y - 28 });
    if (!(r.width > 0 && r.height > 0) || fitScale >= READABLE_SCALE || !pts.length) {
      follow = false;
      return fitView();
    }
    follow = true;
    const padX = 95;
    const padY = 50;
    const x = Math.min(...pts.map((p) => p.x)) - padX;
    const y = Math.min(...pts.map((p) => p.y)) - padY;
    const w = Math.max(...pts.map((p) => p.x)) + padX - x;
    const h = Math.max(...pts.map((p) => p.y)) + padY - y;
    const k = Math.min(r.width / w, r.height / h);
    // Up to twice the view, or few VPCs: readable (item 2) where it stopped, followed there;
    // else every hop, smaller.
    const near = k < READABLE_SCALE && (opts.readable || k >= READABLE_SCALE / 2 || lay.vpcs.length < 10);
    let scale = near ? READABLE_SCALE : Math.min(k, MAX_DEFAULT_SCALE);
    let c = near ? towardPath(pts, { x: x + w / 2, y: y + h / 2 }, r, scale, drop) : { x: x + w / 2, y: y + h / 2 };
    const hub = near && lay.nodes.find((n) => n.kind === 'transit-gateway' && pts.some((p) => p.x === n.x + n.w / 2 && p.y === n.y + n.h / 2));
    const b = hub && { x: Math.min(c.x - 40, hub.x), y: Math.min(c.y - 20, hub.y) - 10 };
    if (b) {
      b.w = Math.max(c.x + 40, hub.x + hub.w) - b.x;
      b.h = Math.max(c.y + 50, hub.y + hub.h) + 10 - b.y;
    }
    if (b && (!opts.readable || Math.min(r.width / b.w, r.height / b.h) >= READABLE_SCALE)) {
      // A hub on the path stays in view, not following the packet, if need be smaller.
      follow = false;
      c = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
      scale = Math.min(scale, r.width / b.w, r.height / b.h);
    }
    setView(around(c, scale, r, { x, y, w, h }));
  }

  /**
   * A readable view's centre for a path that does not fit: as near the path's middle `mid` as
   * keeps the drop's box (its node and the marker on its corner, `drop.box`; else room around
   * the last point) inside the view, so the view shows the hops leading to the drop rather
   * than empty space past it.
   */
  function towardPath(pts, mid, r, scale, drop) {
    const d = pts[pts.length - 1];
    const b = drop?.box;
    const keep = b ? { x: b.x - 24, y: b.y - 30, r: b.x + b.w + 30, b: b.y + b.h + 24 }
      : { x: d.x - 110, y: d.y - 70, r: d.x + 110, b: d.y + 70 };
    const hw = r.width / scale / 2;
    const hh = r.height / scale / 2;
    // Between the centre that puts the box's far edge on the view's edge and the one that puts
    // its near edge there; a box wider than the view is centred.
    const range = (lo, hi, half, v) => (hi - lo > 2 * half ? (lo + hi) / 2 : Math.min(Math.max(v, hi - half), lo + half));
    return { x: range(keep.x, keep.r, hw, mid.x), y: range(keep.y, keep.b, hh, mid.y) };
  }

  /** Centres on a node, subnet or VPC (search), readable, marked `.found`. @param {string} id */
  function zoomTo(id) {
    if (!lay) return;
    const box = lay.nodes.find((n) => n.id === id || n.owner === id || n.key === id)
      || lay.subnets.find((b) => b.id === id) || lay.vpcs.find((b) => b.id === id);
    if (!box) return;
    for (const el of svg.querySelectorAll('.found')) el.classList.remove('found');
    const el = byKey.get(box.key) || (byId.get(box.id) || [])[0];
    el?.classList.add('found');
    const r = size();
    if (!(r.width > 0 && r.height > 0)) return;
    follow = false;
    const k = Math.min(Math.max(READABLE_SCALE * 1.1, Math.min(r.width / (box.w + 60), r.height / (box.h + 60))), MAX_DEFAULT_SCALE);
    const c = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    setView({ x: c.x - r.width / k / 2, y: c.y - r.height / k / 2, w: r.width / k, h: r.height / k });
  }

  /** @param {string[]} ids what the first view of a layout shows when not everything fits */
  function setFocus(ids) {
    focusIds = ids;
  }

  /** Zooms to show everything. */
  function fitView() {
    if (!lay) return;
    const m = 30;
    setView({ x: -m, y: -m, w: lay.width + 2 * m, h: lay.height + 2 * m });
    fitted = true;
  }

  /**
   * Zooms to the VPCs (and outside boxes) that hold these ids, at least `minScale` and at most
   * `maxScale` screen pixels per unit, centred on `at` when the boxes do not fit at `minScale`;
   * the view then follows the packet.
   * @param {string[]} ids
   * @param {number} minScale
   * @param {{x: number, y: number}|null} [at]
   * @param {number} [maxScale]
   */
  function focus(ids, minScale, at, maxScale = Infinity) {
    if (!lay) return;
    follow = true;
    const want = new Set(ids);
    const vpcById = new Map(lay.vpcs.map((v) => [v.id, v]));
    const boxes = [];
    for (const n of lay.nodes) if (want.has(n.id) || want.has(n.owner)) boxes.push(vpcById.get(n.vpc) || n);
    // With the hubs they attach.
    const shown = new Set(boxes.map((b) => b.id));
    for (const n of lay.nodes) if (n.kind === 'transit-gateway' && (n.vpcs || []).some((v) => shown.has(v))) boxes.push(n);
    if (!boxes.length && !at) return fitView();
    const x = boxes.length ? Math.min(...boxes.map((b) => b.x)) - 20 : at.x;
    const y = boxes.length ? Math.min(...boxes.map((b) => b.y)) - 30 : at.y;
    const w = boxes.length ? Math.max(...boxes.map((b) => b.x + b.w)) + 20 - x : 0;
    const h = boxes.length ? Math.max(...boxes.map((b) => b.y + b.h)) + 20 - y : 0;
    const r = size();
    const k = Math.min(r.width / w, r.height / h);
    if (k >= minScale && k <= maxScale) return setView({ x, y, w, h });
    const scale = k < minScale ? minScale : maxScale;
    const c = k < minScale && at ? at : { x: x + w / 2, y: y + h / 2 };
    setView(around(c, scale, r, { x, y, w, h }));
  }

  /**
   * A view at `scale` centred on `c`, moved as little as needed to stay inside `box` (so the
   * view shows no empty space beside what matters); a box smaller than the view is centred.
   */
  function around(c, scale, r, box) {
    const w = r.width / scale;
    const h = r.height / scale;
    const clamp = (v, lo, hi) => (hi < lo ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi));
    return { x: clamp(c.x - w / 2, box.x, box.x + box.w - w), y: clamp(c.y - h / 2, box.y, box.y + box.h - h), w, h };
  }

  /**
   * Zooms by a factor around a point in diagram coordinates (the centre by default).
   * @param {number} factor > 1 zooms in
   * @param {{x: number, y: number}} [at]
   */
  function zoom(factor, at) {
    const c = at || { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    const maxW = lay ? Math.max(lay.width, lay.height) * 4 : 1e5;
    const w = Math.min(Math.max(view.w / factor, 120), maxW);
    const k = w / view.w;
    setView({ x: c.x - (c.x - view.x) * k, y: c.y - (c.y - view.y) * k, w, h: view.h * k });
  }

  function toDiagram(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    // preserveAspectRatio meet: one scale, centred.
    const scale = Math.min(r.width / view.w, r.height / view.h) || 1;
    const ox = (r.width - view.w * scale) / 2;
    const oy = (r.height - view.h * scale) / 2;
    return { x: view.x + (clientX - r.left - ox) / scale, y: view.y + (clientY - r.top - oy) / scale, scale };
  }

  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoom(Math.exp(-e.deltaY * 0.0015), toDiagram(e.clientX, e.clientY));
  }, { passive: false });

  let drag = null;
  let dragMoved = false;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, view: { ...view }, scale: toDiagram(e.clientX, e.clientY).scale, id: e.pointerId };
    dragMoved = false;
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!dragMoved && Math.hypot(dx, dy) < 4) return;
    if (!dragMoved) {
      dragMoved = true;
      svg.setPointerCapture?.(drag.id);
      svg.classList.add('panning');
    }
    setView({ ...drag.view, x: drag.view.x - dx / drag.scale, y: drag.view.y - dy / drag.scale });
  });
  const endDrag = () => {
    drag = null;
    svg.classList.remove('panning');
    // Let the click that ends a drag see dragMoved, then reset.
    setTimeout(() => { dragMoved = false; }, 0);
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  /**
   * Marks the trace on the diagram.
   * @param {{path?: string[], activeKey?: string|null, activeId?: string|null,
   *   blockedId?: string|null, blockedKey?: string|null, blockedAt?: {x: number, y: number}|null, selectedIds?: string[],
   *   pathKeys?: Set<string>, leg?: string|null, tracing?: boolean, visitedKeys?: Set<string>}} m
   *   pathKeys: the subnet-scoped keys the packet visits; a shared route table or ACL lights up only
   *   in the subnets it was used for. leg: the current hop's leg (the path's colour); tracing: dim
   *   what is off the path while the packet plays.
   */
  function mark(m) {
    for (const [el, cls] of marked) el.classList.remove(cls);
    marked = [];
    const add = (el, cls) => {
      el.classList.add(cls);
      marked.push([el, cls]);
    };
    const offPath = (el) => m.pathKeys && el.classList.contains('chip') && !m.pathKeys.has(el.getAttribute('data-key'));
    for (const id of m.path || []) for (const el of byId.get(id) || []) if (!offPath(el)) add(el, 'on-path');
    // A wire to the internet, AWS services or a corporate network is on the path when the
    // packet stopped at both its ends (a flow from the office crosses its VPN gateway's wire).
    if (m.visitedKeys) for (const w of wireEls) if (w.ends.length === 2 && w.ends.every((k) => m.visitedKeys.has(k))) add(w.el, 'on-path');
    svg.classList.toggle('leg-return', m.leg === 'return');
    svg.classList.toggle('tracing', !!m.tracing);
    for (const id of m.selectedIds || []) for (const el of byId.get(id) || []) add(el, 'selected');
    if (m.activeKey && byKey.has(m.activeKey)) add(byKey.get(m.activeKey), 'hop-active');
    else if (m.activeId) for (const el of byId.get(m.activeId) || []) add(el, 'hop-active');
    if (m.blockedId) for (const el of byId.get(m.blockedId) || []) add(el, 'blocked');
    if (marker) {
      if (m.blockedAt) {
        // On the blocked box's own top-right corner when it is drawn, else above the point.
        const n = lay && lay.nodes.find((x) => x.key === m.blockedKey || (x.id === m.blockedKey && !x.subnet));
        // A route table's or ACL's chip has its label in the middle: the marker sits on its right end, clear of it.
        const chip = n && (n.kind === 'route-table' || n.kind === 'network-acl');
        const at = !n ? { x: m.blockedAt.x, y: m.blockedAt.y - 28 } : chip ? { x: n.x + n.w + 2, y: n.y + n.h / 2 } : { x: n.x + n.w - 8, y: n.y + 2 };
        marker.setAttribute('transform', `translate(${at.x} ${at.y})`);
        marker.classList.remove('hidden');
      } else marker.classList.add('hidden');
    }
  }

  /**
   * Moves the packet dot (null hides it).
   * @param {{x: number, y: number, leg?: string, drop?: boolean}|null} p
   */
  function movePacket(p) {
    if (!packet) return;
    if (!p) {
      packet.classList.add('hidden');
      return;
    }
    packet.classList.remove('hidden');
    const m = 30;
    if (follow && (p.x < view.x + m || p.x > view.x + view.w - m || p.y < view.y + m || p.y > view.y + view.h - m)) {
      // Centred on the packet, but not past the drawing's edge (on a phone the first stop is
      // near the left edge, and centring it left half the view empty).
      const clamp = (v, lo, hi) => (hi < lo ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi));
      const x = lay ? clamp(p.x - view.w / 2, -m, lay.width + m - view.w) : p.x - view.w / 2;
      const y = lay ? clamp(p.y - view.h / 2, -m, lay.height + m - view.h) : p.y - view.h / 2;
      setView({ ...view, x, y });
    }
    packet.setAttribute('cx', String(p.x));
    packet.setAttribute('cy', String(p.y));
    packet.classList.toggle('leg-return', p.leg === 'return');
    packet.classList.toggle('dropped', !!p.drop);
  }

  return { draw, mark, movePacket, zoom, fitView, focus, readable, keepReadable, setFocus, showEnds, showPath, zoomTo };
}

