// The VPC, subnet and endpoint-policy forms' edits (issue 11 item 7), checked by the engine
// itself (www/pkg, built by scripts/build-wasm); and the page's sentences without rule numbers
// (item 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ne from '../../www/js/netedit.js';
import { withoutRuleNumbers } from '../../www/js/words.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const engine = await import(new URL('vpc_playground.js', pkg).href);
engine.initSync({ module: readFileSync(new URL('vpc_playground_bg.wasm', pkg)) });

const lesson = (id) => readFileSync(new URL(`../../www/lessons/${id}.json`, import.meta.url), 'utf8');
/** Applies edits in turn to a lesson; returns the last result and its scenario. */
function edit(id, ...edits) {
  let res = engine.load(lesson(id));
  for (const e of edits) res = engine.applyEdit(res.handle, e);
  // The model comes as JSON text, as www/js/engine.js receives it.
  return { res: { ...res, model: JSON.parse(res.modelJson) }, doc: JSON.parse(res.scenarioText) };
}

test('block and subnet forms make the edits the engine applies', () => {
  assert.deepEqual(ne.addVpcCidr('vpc-a', ' 10.1.0.0/16 '), { kind: 'add-vpc-cidr', vpc: 'vpc-a', cidr: '10.1.0.0/16' });
  assert.throws(() => ne.addVpcCidr('vpc-a', '10.1.0.0'), /Write the block as a CIDR, such as 10\.1\.0\.0\/16\./);
  assert.deepEqual(ne.createSubnet('vpc-a', '10.0.2.0/24', ' app ', ''), { kind: 'create-subnet', vpc: 'vpc-a', cidr: '10.0.2.0/24', name: 'app' });
  assert.equal(ne.createSubnet('vpc-a', '10.0.2.0/24', '', 'us-east-1b').az, 'us-east-1b');
  const { res, doc } = edit('overlapping-cidrs', ne.deleteSubnet('subnet-analytics'), ne.removeVpcCidr('vpc-data', '10.0.128.0/17'));
  assert.deepEqual(doc.vpcs.find((v) => v.id === 'vpc-data').cidrs, ['172.31.0.0/16']);
  assert.equal(res.model.peering_connections[0].status, 'active', 'the peering is evaluated again');
  assert.throws(() => edit('overlapping-cidrs', ne.removeVpcCidr('vpc-data', '10.0.128.0/17')), /subnet-analytics is inside 10\.0\.128\.0\/17/);
  const made = edit('overlapping-cidrs', ne.createSubnet('vpc-app', '10.0.2.0/24', 'batch', ''));
  assert.equal(made.res.created, 'subnet-batch');
});

test('a policy statement form keeps the statement\'s other keys; the whole text is checked', () => {
  assert.deepEqual(ne.listOf(' s3:GetObject,s3:PutObject\n s3:List* '), ['s3:GetObject', 's3:PutObject', 's3:List*']);
  assert.throws(() => ne.setPolicyStatement('vpce-s3', 0, 'Allow', ' , ', '*'), /at least one action/);
  assert.throws(() => ne.setPolicyStatement('vpce-s3', 0, 'Allow', 's3:*', ''), /at least one resource/);
  const st = ne.setPolicyStatement('vpce-s3', 0, 'Allow', 's3:PutObject, s3:GetObject', 'arn:aws:s3:::acme-reports/*');
  const { res, doc } = edit('endpoint-policy', st);
  const s0 = doc.endpoints[0].policy.Statement[0];
  assert.equal(s0.Sid, 'CompanyBucketUploadsOnly');
  assert.deepEqual(s0.Action, ['s3:PutObject', 's3:GetObject']);
  const shown = ne.policyOf(res.model.endpoints[0].policy);
  assert.deepEqual(shown.statements[0].Action, ['s3:PutObject', 's3:GetObject']);
  assert.equal(ne.policyOf(null), null, 'no policy: the default');
  assert.throws(() => edit('endpoint-policy', ne.setEndpointPolicy('vpce-s3', '{"Statement": [')), /not valid JSON: .*line 1 column/);
  assert.equal(edit('endpoint-policy', ne.setEndpointPolicy('vpce-s3', '')).doc.endpoints[0].policy, undefined);
});

test('rule numbers leave the sentences, the words stay', () => {
  assert.equal(withoutRuleNumbers('Route table rtb-db has no route, so the packet is dropped (R3).'), 'Route table rtb-db has no route, so the packet is dropped.');
  assert.equal(withoutRuleNumbers('fails the reverse-path check (R2, PR). Add one'), 'fails the reverse-path check. Add one');
  assert.equal(withoutRuleNumbers('carries it (the destination is inside that VPC, R17).'), 'carries it (the destination is inside that VPC).');
  assert.equal(withoutRuleNumbers('learned (R28: a BGP prefix)'), 'learned (a BGP prefix)');
  assert.equal(withoutRuleNumbers('blocks (R17-R19) and (R4, R27).'), 'blocks and.');
  assert.equal(withoutRuleNumbers('subnet R3-app'), 'subnet R3-app', 'a name that looks like a rule stays');
});
