// Trace -> frames: one frame per hop, in order, each with a point, drops marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { layout, anchorOf } from '../../www/js/layout.js';
import { traceToFrames, between, hopDuration, SG_OFFSET, DOT_INSET, blockedNode } from '../../www/js/animate.js';

const read = (f) => JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
const model = read('default-model.json');
const blocked = read('trace-blocked.json');
const nat = read('trace-nat.json');

test('blocked flow: one frame per hop, the last is the drop at rtb-db on the reply', () => {
  const lay = layout(model);
  const frames = traceToFrames(blocked, lay);
  assert.equal(frames.length, blocked.hops.length);
  assert.deepEqual(frames.map((f) => f.component), blocked.hops.map((h) => h.component));
  const last = frames[frames.length - 1];
  assert.equal(last.component, 'rtb-db');
  assert.equal(last.drop, true);
  assert.equal(last.leg, 'return');
  assert.equal(frames.filter((f) => f.drop).length, 1);
  // Beside the chip of rtb-db in subnet-db, on its left edge, level with its centre.
  const chip = lay.nodes.find((n) => n.key === 'subnet-db|rtb-db');
  assert.deepEqual({ x: last.x, y: last.y }, { x: chip.x + DOT_INSET, y: chip.y + chip.h / 2 });
  assert.deepEqual(last.box, { x: chip.x, y: chip.y, w: chip.w, h: chip.h, key: chip.key });
});

test('the dot stops on a component\'s left edge, clear of its label, and each frame names the box it stops at', () => {
  const lay = layout(model);
  for (const f of traceToFrames(nat, lay)) {
    assert.ok(f.box, `${f.component} has a box`);
    const c = anchorOf(lay, f);
    // A security group borrows its interface's box; every other hop stops at its own.
    if (f.kind !== 'security-group') assert.deepEqual({ x: f.box.x + f.box.w / 2, y: f.box.y + f.box.h / 2 }, c, f.component);
    assert.equal(f.x, f.box.x + DOT_INSET, `${f.component}: on the left edge`);
    // Labels start 12 units in: a dot of radius 7 with its 3-unit stroke ends before them.
    assert.ok(f.x + 7 + 1.5 < f.box.x + 12, `${f.component}: the dot ends before the label`);
  }
});

test('a hop inside a collapsed VPC has no box of its own and stops at the VPC header', () => {
  const lay = layout(model, { collapsed: new Set(['vpc-data']) });
  const f = traceToFrames(blocked, lay).find((x) => x.component === 'rtb-db');
  assert.equal(f.box, null);
  assert.deepEqual({ x: f.x, y: f.y }, anchorOf(lay, f));
});

test('leg starts are marked once per leg', () => {
  const frames = traceToFrames(nat, layout(model));
  const starts = frames.filter((f) => f.legStart).map((f) => f.leg);
  assert.deepEqual(starts, ['forward', 'return']);
});

test('a security-group hop borrows its interface point, offset so the dot moves', () => {
  const lay = layout(model);
  const frames = traceToFrames(blocked, lay);
  const eni = frames[0];
  const sg = frames[1];
  assert.equal(sg.kind, 'security-group');
  assert.equal(sg.x, eni.x + SG_OFFSET.x);
  assert.equal(sg.y, eni.y + SG_OFFSET.y);
});

test('every frame has a finite point, also with the destination VPC collapsed', () => {
  const lay = layout(model, { collapsed: new Set(['vpc-data']) });
  for (const f of traceToFrames(blocked, lay)) {
    assert.ok(Number.isFinite(f.x) && Number.isFinite(f.y), `${f.component}`);
  }
});

test('NAT hops translate, and the nat frame sits on the nat gateway', () => {
  const lay = layout(model);
  const frames = traceToFrames(nat, lay);
  const f = frames.find((x) => x.component === 'nat-shop');
  assert.equal(f.action, 'translate');
  const n = lay.nodes.find((x) => x.id === 'nat-shop');
  assert.deepEqual({ x: f.x, y: f.y }, { x: n.x + DOT_INSET, y: anchorOf(lay, { component: 'nat-shop' }).y });
});

test('between eases from one frame to the next', () => {
  const frames = [{ x: 0, y: 0 }, { x: 100, y: 50 }];
  assert.deepEqual(between(frames, 0, 0), { x: 0, y: 0 });
  assert.deepEqual(between(frames, 0, 1), { x: 100, y: 50 });
  const mid = between(frames, 0, 0.5);
  assert.equal(mid.x, 50);
  assert.ok(between(frames, 0, 0.25).x < 25, 'slow start');
});

test('hop duration scales with speed and survives nonsense', () => {
  assert.equal(hopDuration(2), hopDuration(1) / 2);
  assert.equal(hopDuration(0), hopDuration(1));
  assert.equal(hopDuration(NaN), hopDuration(1));
});

test('an empty or missing trace gives no frames', () => {
  assert.deepEqual(traceToFrames(null, layout(model)), []);
  assert.deepEqual(traceToFrames({ hops: [] }, layout(model)), []);
});

test('a security group drop marks the interface it guarded; policy drops mark endpoint, instance, services', () => {
  const model = {
    network_interfaces: [
      { id: 'eni-app', private_ip: '10.0.1.10', security_groups: ['sg-app'], owner: 'i-app' },
      { id: 'eni-sqs', private_ip: '10.0.1.4', security_groups: ['sg-ep'], owner: 'vpce-sqs' },
    ],
    endpoints: [{ id: 'vpce-s3', type: 'gateway' }, { id: 'vpce-sqs', type: 'interface' }],
  };
  const hd = { src: '10.0.1.10', dst: '10.0.1.4' };
  const tr = (hop) => ({ reachable: false, path: ['eni-app'], hops: [{ kind: 'eni', component: 'eni-app', action: 'forward' }, { ...hop, action: 'drop', header_in: hd }] });
  assert.equal(blockedNode(tr({ kind: 'security-group', component: 'sg-ep' }), model), 'eni-sqs');
  assert.equal(blockedNode(tr({ kind: 'security-group', component: 'sg-app', rule: { direction: 'egress' } }), model), 'eni-app');
  assert.equal(blockedNode(tr({ kind: 'endpoint-policy', component: 'vpce-s3' }), model), 'vpce-s3');
  assert.equal(blockedNode(tr({ kind: 'endpoint-policy', component: 'vpce-sqs' }), model), 'eni-sqs');
  assert.equal(blockedNode(tr({ kind: 'role-policy', component: 'i-app' }), model), 'eni-app');
  assert.equal(blockedNode(tr({ kind: 's3-bucket', component: 'reports' }), model), 'aws-services');
  assert.equal(blockedNode(tr({ kind: 'route-table', component: 'rtb-a' }), model), 'rtb-a');
});
