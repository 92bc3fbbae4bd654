// The page's words for what the engine says (issue 11 item 10, review M4 M5 M8 P3 P4): the
// engine's own errors (www/pkg, built by scripts/build-wasm) turned into the sentences shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clip, count, fieldWords, editErrorWords, loadErrorLines, codeWords, kindWords } from '../../www/js/words.js';
import { goalAsksBlocked } from '../../www/js/lesson.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('vpc_playground.js', pkg).href);
engine.initSync({ module: readFileSync(new URL('vpc_playground_bg.wasm', pkg)) });

const lessonText = (id) => readFileSync(new URL(`../../www/lessons/${id}.json`, import.meta.url), 'utf8');

/** The error the engine throws for an edit to a lesson. */
function refusal(id, edit) {
  const res = engine.load(lessonText(id));
  try {
    engine.applyEdit(res.handle, edit);
  } catch (e) {
    return e;
  }
  assert.fail(`the engine took ${JSON.stringify(edit)}`);
}

test('a bad source in a security group rule: the field by its label, the block explained, no path or "error:"', () => {
  const e = refusal('vpn-endpoints', { kind: 'add-security-group-rule', group: 'sg-endpoint', direction: 'ingress', protocol: 'tcp', ports: '443', peer: '192.168.0.0/33' });
  assert.match(e.message, /ingress\[\d\]\.cidr/, `the engine's message names the path: ${e.message}`);
  assert.equal(editErrorWords(e.message, e.diagnostics),
    'Source: 192.168.0.0/33 is not a CIDR block: a block is an address and a length 0-32, e.g. 10.0.0.0/16');
  const out = refusal('vpn-endpoints', { kind: 'add-security-group-rule', group: 'sg-endpoint', direction: 'egress', protocol: 'all', peer: '10.0.0.0/99' });
  assert.match(editErrorWords(out.message, out.diagnostics), /^Destination: 10\.0\.0\.0\/99 is not a CIDR block: /);
});

test('a route whose destination has host bits set says where its block starts', () => {
  const e = refusal('vpn-endpoints', { kind: 'set-route', route_table: 'rtb-private', destination: '10.9.0.7/16', target: 'vpce-s3' });
  assert.equal(editErrorWords(e.message, e.diagnostics),
    'Destination: 10.9.0.7/16 does not start its block (its host bits are set): did you mean 10.9.0.0/16?');
});

test('a port that does not exist: "Ports:" and what a port is, without "not an edit:"', () => {
  const e = refusal('vpn-endpoints', { kind: 'add-security-group-rule', group: 'sg-endpoint', direction: 'ingress', protocol: 'tcp', ports: '70000', peer: '10.0.0.0/16' });
  assert.match(e.message, /^not an edit: /);
  assert.equal(editErrorWords(e.message, e.diagnostics),
    'Ports: 70000 is not a port: use a port from 0 to 65535, a range like 1024-65535, or all');
});

test('an engine refusal that is already a sentence stays one, without rule numbers', () => {
  const e = refusal('vpn-endpoints', { kind: 'delete-route', route_table: 'rtb-private', destination: '10.77.0.0/16' });
  const said = editErrorWords(e.message, e.diagnostics);
  assert.equal(said, e.message.replace(/^Error: /, ''));
  assert.match(said, /rtb-private has no route for 10\.77\.0\.0\/16/);
  assert.equal(editErrorWords('a route needs a destination (R3)', undefined), 'a route needs a destination');
});

test('field paths in words', () => {
  assert.equal(fieldWords('ingress[0].cidr'), 'Source');
  assert.equal(fieldWords('egress[12].cidr'), 'Destination');
  assert.equal(fieldWords('routes[1].destination'), 'Destination');
  assert.equal(fieldWords('routes[1].target'), 'Target');
  assert.equal(fieldWords('cidrs[0]'), 'Block');
  assert.equal(fieldWords('Routes[3].DestinationCidrBlock'), 'Destination cidr block');
  assert.equal(fieldWords(''), '');
});

test('a partial AWS set: the first actionable problem, then how many more, on their own lines', () => {
  const dir = new URL('../../../shared/aws-snapshots/batfish-test-vpc-peering/aws_configs/', import.meta.url);
  const files = ['Subnets.json', 'RouteTables.json'].map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
  let e;
  try {
    engine.load(files);
  } catch (x) {
    e = x;
  }
  assert.ok(e, 'the partial set does not load');
  const errors = e.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errors.length > 1, 'several problems');
  const lines = loadErrorLines(e.message, e.diagnostics);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^Could not load: the files hold no VPCs, .*add the output of `aws ec2 describe-vpcs`/);
  assert.doesNotMatch(lines[0], /error:/);
  assert.equal(lines[1], `And ${errors.length - 1} more problems, listed below the Scenario JSON editor.`);
  assert.deepEqual(loadErrorLines('not JSON', []), ['Could not load: not JSON']);
  const one = [{ severity: 'error', resource: 'subnet-1', field: 'vpc', message: 'refers to VPC "vpc-9", which is not in the input' }];
  assert.deepEqual(loadErrorLines('x', one, 'Lesson "l" did not load'), ['Lesson "l" did not load: subnet-1, vpc: refers to VPC "vpc-9", which is not in the input']);
});

test('text from a file is cut with an ellipsis; counts are plural by count', () => {
  assert.equal(clip('short', 10), 'short');
  const long = 'a'.repeat(5_000_000);
  const cut = clip(long, 600);
  assert.equal(cut.length, 600);
  assert.ok(cut.endsWith('…'));
  // Not between the halves of a surrogate pair.
  assert.equal(clip(`${'a'.repeat(598)}😀bbb`, 600), `${'a'.repeat(598)}…`);
  assert.equal(count(1, 'cell'), '1 cell');
  assert.equal(count(3, 'cell'), '3 cells');
  assert.equal(count(0, 'source'), '0 sources');
});

test('every Reachability Analyzer code the engine has is said in words, the return route as "back"', () => {
  const src = readFileSync(new URL('../../crate/src/explain/mod.rs', import.meta.url), 'utf8');
  const codes = [...src.matchAll(/=> \{?\s*"([A-Z0-9_]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length > 20, `codes read from the engine: ${codes.length}`);
  // A code without words of its own would be said as its spelling in lower case.
  for (const c of codes) assert.notEqual(codeWords(c), c.toLowerCase().replace(/_/g, ' '), `${c} has words of its own`);
  assert.equal(codeWords('NO_ROUTE_TO_DESTINATION', 'return'), 'no route back');
  assert.equal(codeWords('NO_ROUTE_TO_DESTINATION', 'forward'), 'no route to the destination');
  assert.equal(codeWords('SOME_NEW_CODE'), 'some new code');
  assert.equal(kindWords('route-table'), 'route table');
  assert.equal(kindWords('network-acl'), 'network ACL');
  assert.equal(kindWords('gateway-endpoint'), 'gateway endpoint');
});

test('a met goal that expects the flow blocked is found for that flow only', () => {
  const lesson = JSON.parse(lessonText('vpn-endpoints')).lesson;
  const res = engine.load(lessonText('vpn-endpoints'));
  const results = engine.goals(res.handle);
  const blockedGoal = lesson.goals.findIndex((g) => g.expect === 'blocked');
  assert.ok(blockedGoal >= 0);
  assert.equal(results[blockedGoal].met, true, 'the office cannot use the S3 gateway endpoint, as the lesson opens');
  const g = lesson.goals[blockedGoal];
  const flow = { from: g.from, to: g.to, protocol: 'tcp', port: 443 };
  assert.equal(goalAsksBlocked(lesson.goals, results, flow), true);
  assert.equal(goalAsksBlocked(lesson.goals, results, { ...flow, port: 80 }), false, 'another port');
  assert.equal(goalAsksBlocked(lesson.goals, results, { ...flow, from: 'i-app' }), false, 'another source');
  const unmet = results.map((r, i) => (i === blockedGoal ? { ...r, met: false } : r));
  assert.equal(goalAsksBlocked(lesson.goals, unmet, flow), false, 'an unmet goal does not excuse the block');
  assert.equal(goalAsksBlocked(undefined, results, flow), false);
  // An endpoint-policy goal is about one S3 request: another request is not the one it expects blocked.
  const policy = [{ from: 'i-a', to: 's3', protocol: 'tcp', port: 443, expect: 'blocked', request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } }];
  const req = { from: 'i-a', to: 's3', protocol: 'tcp', port: 443, request: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } };
  assert.equal(goalAsksBlocked(policy, [{ met: true }], req), true);
  assert.equal(goalAsksBlocked(policy, [{ met: true }], { ...req, request: { ...req.request, action: 's3:PutObject' } }), false);
  assert.equal(goalAsksBlocked(policy, [{ met: true }], { ...req, request: undefined }), false);
});
