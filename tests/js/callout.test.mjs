// The packet's callout: its words for a hop (leg, header, rewrite, sentence) and where it goes
// beside the stop. The DOM part is covered by tests/e2e/packet.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { headerLine, rewriteLines, calloutText, placeCallout } from '../../www/js/callout.js';

const read = (f) => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const nat = read('trace-nat.json');
const blocked = read('trace-blocked.json');

test('the header names the protocol and both ends, with ports where the protocol has them', () => {
  assert.equal(headerLine({ protocol: 'tcp', src: '10.0.1.10', src_port: 49152, dst: '8.8.8.8', dst_port: 443 }), 'tcp 10.0.1.10:49152 → 8.8.8.8:443');
  assert.equal(headerLine({ protocol: 'icmp', src: '10.0.1.10', dst: '8.8.8.8' }), 'icmp 10.0.1.10 → 8.8.8.8');
  assert.equal(headerLine(null), '');
});

test('the NAT gateway rewrites the source on the request and the destination on the reply', () => {
  const hops = nat.hops.filter((h) => h.kind === 'nat-gateway' && h.action === 'translate');
  assert.ok(hops.length >= 2, 'the fixture crosses the NAT gateway both ways');
  const there = hops.find((h) => h.leg === 'forward');
  const back = hops.find((h) => h.leg === 'return');
  const out = rewriteLines(there);
  assert.equal(out.length, 1);
  assert.match(out[0], /^source /);
  assert.ok(out[0].includes(`${there.header_in.src}:${there.header_in.src_port} → ${there.header_out.src}:${there.header_out.src_port}`));
  const ret = rewriteLines(back);
  assert.equal(ret.length, 1);
  assert.match(ret[0], /^destination /);
  assert.ok(ret[0].includes(`→ ${back.header_out.dst}:${back.header_out.dst_port}`));
});

test('a hop that leaves the header alone rewrites nothing', () => {
  for (const h of blocked.hops) assert.deepEqual(rewriteLines(h), [], h.component);
  assert.deepEqual(rewriteLines({}), []);
});

test('the leg is said in words, and a drop says so', () => {
  const first = calloutText(blocked.hops[0]);
  assert.equal(first.leg, 'Request →');
  assert.equal(first.sentence, blocked.hops[0].detail);
  assert.equal(first.header, headerLine(blocked.hops[0].header_in));
  const drop = blocked.hops.find((h) => h.action === 'drop');
  const c = calloutText(drop);
  assert.equal(c.drop, true);
  assert.equal(c.leg, drop.leg === 'return' ? '← Reply · dropped here' : 'Request → · dropped here');
});

const overlap = (p, size, k) => p.left < k.right && k.left < p.left + size.w && p.top < k.bottom && k.top < p.top + size.h;

test('the callout goes below the stop, or above it when the packet goes down next, never over it', () => {
  const area = { x: 0, y: 0, w: 800, h: 500 };
  const size = { w: 300, h: 80 };
  const keep = { left: 100, top: 200, right: 260, bottom: 240 };
  const below = placeCallout(keep, size, area, { x: 150, y: 100 });
  assert.equal(below.top, 248);
  const above = placeCallout(keep, size, area, { x: 150, y: 400 });
  assert.equal(above.top, 200 - 8 - 80);
  for (const p of [below, above]) assert.ok(!overlap(p, size, keep));
});

test('near an edge it takes the side that fits, and stays inside the area', () => {
  const area = { x: 0, y: 0, w: 800, h: 300 };
  const size = { w: 300, h: 120 };
  // No room below (bottom edge) nor above (tall stop): to the right.
  const keep = { left: 100, top: 100, right: 260, bottom: 200 };
  const p = placeCallout(keep, size, area, null);
  assert.equal(p.left, 268);
  assert.ok(!overlap(p, size, keep));
  assert.ok(p.top >= 0 && p.top + size.h <= 300);
  // At the right edge: clamped in from the right, below the stop.
  const q = placeCallout({ left: 700, top: 20, right: 790, bottom: 60 }, size, area, null);
  assert.equal(q.left, 800 - 300 - 4);
  assert.equal(q.top, 68);
});

test('where it can, it leaves the next stop uncovered', () => {
  const area = { x: 0, y: 0, w: 800, h: 400 };
  const size = { w: 300, h: 80 };
  // Near the top (no room above); the next stop is right below, where the callout would go.
  const keep = { left: 100, top: 20, right: 260, bottom: 60 };
  const p = placeCallout(keep, size, area, { x: 150, y: 100 });
  assert.deepEqual(p, { left: 268, top: 20 }, 'to the right instead');
  // With the next stop elsewhere, below it is.
  const q = placeCallout(keep, size, area, { x: 700, y: 300 });
  assert.deepEqual(q, { left: 100, top: 68 });
});

test('at the last stop it leaves the boxes to avoid (the flow\'s ends) uncovered where it can', () => {
  const area = { x: 0, y: 0, w: 800, h: 400 };
  const size = { w: 250, h: 80 };
  const keep = { left: 400, top: 150, right: 500, bottom: 170 };
  // The destination right below the stop, where the callout would go: above instead.
  const dest = { left: 400, top: 180, right: 520, bottom: 215 };
  assert.deepEqual(placeCallout(keep, size, area, null), { left: 400, top: 178 }, 'below without it');
  const p = placeCallout(keep, size, area, null, [dest]);
  assert.deepEqual(p, { left: 400, top: 62 });
  assert.ok(!overlap(p, size, dest) && !overlap(p, size, keep));
  // Nowhere clear of it: it still goes where it fits (below), not off the area.
  const everywhere = { left: 0, top: 0, right: 800, bottom: 400 };
  assert.deepEqual(placeCallout(keep, size, area, null, [everywhere]), { left: 400, top: 178 });
});

test('where below, above and the sides all cover an end, it goes below or above ending at the stop\'s right edge', () => {
  const area = { x: 0, y: 0, w: 800, h: 400 };
  const size = { w: 250, h: 80 };
  // A wide stop: the source under its left part, another end above its left part, no room at
  // either side of it (a review found the callout over the source at 1400x900).
  const keep = { left: 100, top: 150, right: 700, bottom: 170 };
  const source = { left: 100, top: 180, right: 250, bottom: 215 };
  const other = { left: 100, top: 60, right: 250, bottom: 100 };
  const p = placeCallout(keep, size, area, null, [source, other]);
  assert.deepEqual(p, { left: 450, top: 178 });
  for (const b of [source, other, keep]) assert.ok(!overlap(p, size, b));
});
