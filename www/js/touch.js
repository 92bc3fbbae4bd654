/**
 * Pinch zoom on the diagram for touch screens (issue 11 item 9). The diagram's CSS lets the
 * browser keep vertical swipes (`touch-action: pan-y`: the page scrolls), so two fingers reach
 * the page as pointer events; while two are down this zooms around their midpoint and keeps
 * the diagram's one-finger pan from seeing them.
 */

/**
 * @param {SVGSVGElement} svg
 * @param {(factor: number, at: {x: number, y: number}) => void} zoom the diagram's zoom, around a
 *   point in diagram units
 */
export function enablePinch(svg, zoom) {
  /** @type {Map<number, {x: number, y: number}>} */
  const touches = new Map();
  /** Where each finger went down. */
  const starts = new Map();
  let pinching = false;
  let last = 0;

  const pair = () => [...touches.values()].slice(0, 2);
  const spread = () => {
    const [a, b] = pair();
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  /** The fingers' midpoint in diagram units. */
  const middle = () => {
    const [a, b] = pair();
    const ctm = svg.getScreenCTM();
    const p = new DOMPoint((a.x + b.x) / 2, (a.y + b.y) / 2);
    return ctm ? p.matrixTransform(ctm.inverse()) : p;
  };

  // Says it is on (tests wait for it: the module loads on demand).
  svg.dataset.pinch = 'on';
  // Capture on the SVG runs before the diagram's own (bubbling) pan handlers.
  svg.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'touch') return;
    touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    starts.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (touches.size >= 2) {
      pinching = true;
      last = spread();
    }
    if (pinching) e.stopImmediatePropagation();
  }, { capture: true });

  svg.addEventListener('pointermove', (e) => {
    const was = touches.get(e.pointerId);
    if (!was) return;
    const start = starts.get(e.pointerId) || was;
    touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    // One finger going up or down is the page's scroll (pan-y), which the browser takes over
    // after its first move: that move must not pan the diagram as well.
    if (!pinching && Math.abs(e.clientY - start.y) > Math.abs(e.clientX - start.x)) e.stopImmediatePropagation();
    if (!pinching) return;
    // Until every finger is up, the fingers zoom; none of them pans.
    e.stopImmediatePropagation();
    if (touches.size < 2) return;
    const d = spread();
    if (last > 0 && d > 0 && Math.abs(d - last) >= 1) {
      zoom(d / last, middle());
      last = d;
    }
  }, { capture: true });

  const lift = (e) => {
    starts.delete(e.pointerId);
    if (!touches.delete(e.pointerId)) return;
    if (!touches.size) pinching = false;
    else last = touches.size >= 2 ? spread() : 0;
  };
  svg.addEventListener('pointerup', lift, { capture: true });
  svg.addEventListener('pointercancel', lift, { capture: true });
}
