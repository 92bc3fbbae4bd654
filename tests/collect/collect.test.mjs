// scripts/collect against a stand-in `aws` (tests/collect/stub/aws) that prints recorded
// output: a real snapshot's describe-* files, read from ../shared/aws-snapshots where they lie.
// The folder it writes must then load with `vpc-playground check`, as docs/aws-input.md says.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COLLECT = join(ROOT, 'scripts', 'collect');
const STUB = join(ROOT, 'tests', 'collect', 'stub');
const RECORDED = join(ROOT, '..', 'shared', 'aws-snapshots', 'batfish-test-vpc-peering', 'aws_configs');
const CLI = join(ROOT, 'target', 'debug', 'vpc-playground');

/** The commands collect runs, one file each (docs/aws-input.md, plus the VPN output). */
const COMMANDS = ['vpcs', 'subnets', 'route-tables', 'internet-gateways', 'nat-gateways', 'vpc-peering-connections',
  'vpc-endpoints', 'security-groups', 'network-acls', 'network-interfaces', 'instances', 'prefix-lists',
  'managed-prefix-lists', 'vpn-gateways', 'vpn-connections', 'customer-gateways'];

before(() => {
  // The command the folder is checked with (built already when scripts/test runs this).
  const b = spawnSync('cargo', ['build', '--quiet', '--bin', 'vpc-playground'], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(b.status, 0, 'cargo build --bin vpc-playground');
});

/** Runs scripts/collect in a fresh folder with the stub first on the PATH. */
function collect(args, env = {}, path = `${STUB}:${process.env.PATH}`) {
  const dir = mkdtempSync(join(tmpdir(), 'collect-'));
  const log = join(dir, 'aws-calls.log');
  const r = spawnSync(COLLECT, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: path, HOME: dir, STUB_AWS_LOG: log, STUB_AWS_RECORDED: `us-east-1=${RECORDED}`, ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { ...r, dir, calls };
}

function check(folder) {
  return spawnSync(CLI, ['check', folder], { encoding: 'utf8' });
}

test('the recorded snapshot is where the test reads it', () => {
  assert.ok(existsSync(join(RECORDED, 'Vpcs.json')), `${RECORDED} is missing`);
});

test('--region writes one file per describe-* command under OUT/REGION, and the folder loads', () => {
  const r = collect(['--region', 'us-east-1', '--out', 'estate']);
  assert.equal(r.status, 0, r.stderr);
  const folder = join(r.dir, 'estate', 'us-east-1');
  assert.deepEqual(readdirSync(folder).sort(), COMMANDS.map((c) => `${c}.json`).sort());
  // Each call: the Region asked for, JSON out, and no --max-items (which would cut output short).
  const describes = r.calls.filter((c) => c[0] === 'ec2');
  assert.deepEqual(describes.map((c) => c[1]).sort(), COMMANDS.map((c) => `describe-${c}`).sort());
  for (const c of describes) {
    assert.equal(c[c.indexOf('--region') + 1], 'us-east-1', c.join(' '));
    assert.equal(c[c.indexOf('--output') + 1], 'json', c.join(' '));
    assert.ok(!c.includes('--max-items'), c.join(' '));
  }
  // What was recorded is written as printed.
  assert.equal(readFileSync(join(folder, 'vpcs.json'), 'utf8'), readFileSync(join(RECORDED, 'Vpcs.json'), 'utf8'));
  assert.deepEqual(JSON.parse(readFileSync(join(folder, 'nat-gateways.json'), 'utf8')), { NatGateways: [] });
  assert.match(r.stdout, /wrote 16 files under estate\//);
  const c = check(join(r.dir, 'estate'));
  assert.equal(c.status, 0, c.stderr + c.stdout);
  assert.match(c.stdout, /ok: 3 VPCs, 3 subnets, 3 route tables, 3 interfaces, 2 peering connections/);
  rmSync(r.dir, { recursive: true });
});

test('--all-regions collects every Region describe-regions lists, each in its own folder', () => {
  const r = collect(['--all-regions', '--out', 'all'], { STUB_AWS_REGIONS: 'eu-west-1 us-east-1' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(join(r.dir, 'all')).sort(), ['eu-west-1', 'us-east-1']);
  for (const region of ['eu-west-1', 'us-east-1']) {
    assert.equal(readdirSync(join(r.dir, 'all', region)).length, COMMANDS.length);
    assert.equal(r.calls.filter((c) => c[1] !== 'describe-regions' && c[c.indexOf('--region') + 1] === region).length, COMMANDS.length);
  }
  const c = check(join(r.dir, 'all'));
  assert.equal(c.status, 0, c.stderr + c.stdout);
  assert.match(c.stdout, /ok: 3 VPCs/);
  rmSync(r.dir, { recursive: true });
});

test('without --region the CLI\'s configured Region is used; with none, a clear error', () => {
  const r = collect(['--out', 'o'], { STUB_AWS_CONFIG_REGION: 'us-east-1' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(r.dir, 'o', 'us-east-1', 'vpcs.json')));
  rmSync(r.dir, { recursive: true });
  const none = collect(['--out', 'o']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no Region: give --region REGION \(or --all-regions\)/);
  assert.ok(!existsSync(join(none.dir, 'o')), 'nothing is written');
  rmSync(none.dir, { recursive: true });
});

test('a command that fails is named, leaves no file, the rest is written, and the exit status is 1', () => {
  const r = collect(['--region', 'us-east-1', '--out', 'x'], { STUB_AWS_FAIL: 'vpc-endpoints' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /UnauthorizedOperation/);
  assert.match(r.stderr, /1 command\(s\) failed.*\n  us-east-1: aws ec2 describe-vpc-endpoints/);
  const files = readdirSync(join(r.dir, 'x', 'us-east-1'));
  assert.equal(files.length, COMMANDS.length - 1);
  assert.ok(!files.some((f) => f.startsWith('vpc-endpoints')), files.join(' '));
  assert.equal(check(join(r.dir, 'x')).status, 0, 'what was collected still loads');
  rmSync(r.dir, { recursive: true });
});

test('a Region name that is not one is refused before anything runs (it becomes a folder name)', () => {
  for (const bad of ['../etc', 'us-east-1/x', 'US-EAST-1', '']) {
    const r = collect(['--region', bad, '--out', 'o']);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /is not a Region name/);
    assert.deepEqual(r.calls, []);
    rmSync(r.dir, { recursive: true });
  }
  const both = collect(['--region', 'us-east-1', '--all-regions']);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /not both/);
  rmSync(both.dir, { recursive: true });
});

test('without the AWS CLI on the PATH it says so', { skip: ['/usr/bin', '/bin'].some((d) => existsSync(join(d, 'aws'))) && 'an aws is installed in /usr/bin or /bin' }, () => {
  const r = collect(['--region', 'us-east-1'], {}, '/usr/bin:/bin');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /the AWS CLI \(aws\) is not on the PATH/);
  rmSync(r.dir, { recursive: true });
});
