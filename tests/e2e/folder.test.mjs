// Folders and several files (issue 9): a real snapshot folder from ../shared/aws-snapshots
// (read where it lies, never copied) dropped on the page as the operating system drops it
// (Chromium's own drag events, through the DevTools protocol), picked with the folder picker,
// and picked as several files. The diagram draws the snapshot's VPCs, the notes name the files
// skipped, and progress is shown while the files are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { browserSuite, newPage, open, shot, problems, ROOT } from './harness.mjs';

const SNAPSHOTS = join(ROOT, '..', 'shared', 'aws-snapshots');
const SNAP = join(SNAPSHOTS, 'batfish-test-vpc-peering');
const CONFIGS = join(SNAP, 'aws_configs');

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** The VPC ids the snapshot's describe-vpcs output holds. */
function snapshotVpcs() {
  return JSON.parse(readFileSync(join(CONFIGS, 'Vpcs.json'), 'utf8')).Vpcs.map((v) => v.VpcId).sort();
}

/** Records every text the progress line shows, from now on. */
async function recordProgress(page) {
  await page.evaluate(() => {
    const el = document.querySelector('#progress');
    window.__progress = [];
    new MutationObserver(() => {
      if (el.textContent) window.__progress.push(el.textContent);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

/** What the page shows once the snapshot is loaded: VPCs drawn, the notice, the notes. */
async function loadedView(page) {
  await page.waitForFunction(() => /Loaded \d+ of \d+ file/.test(document.querySelector('#notice')?.textContent || ''), null, { timeout: 20000 });
  return {
    vpcs: (await page.$$eval('#diagram g.vpc', (gs) => gs.map((g) => g.getAttribute('data-id')))).sort(),
    notice: await page.textContent('#notice'),
    notes: await page.$$eval('#diagnostics li', (ls) => ls.map((l) => l.textContent)),
    progress: await page.evaluate(() => window.__progress),
  };
}

test('the snapshot folder exists where the tests read it', () => {
  assert.ok(existsSync(CONFIGS), `${CONFIGS} is missing: the tests read ../shared/aws-snapshots`);
});

test('a folder dropped on the page loads every .json below it: the VPCs are drawn, skipped files noted', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await recordProgress(page);
  const cdp = await context.newCDPSession(page);
  // A drag from the file manager: Chromium gives the page FileSystemEntry objects for it.
  const data = { items: [], files: [SNAP], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 500, y: 400, data });
  }
  const v = await loadedView(page);
  const files = readdirSync(CONFIGS).filter((f) => f.endsWith('.json'));
  assert.deepEqual(v.vpcs, snapshotVpcs(), 'every VPC of the snapshot is drawn');
  assert.match(v.notice, new RegExp(`Loaded 8 of ${files.length} files from batfish-test-vpc-peering/`));
  assert.match(v.notice, /Skipped 2, which the playground does not read: Addresses\.json, AvailabilityZones\.json/);
  for (const skipped of ['Addresses.json', 'AvailabilityZones.json']) {
    const note = v.notes.find((n) => n.includes(skipped));
    assert.ok(note, `a note names ${skipped}: ${v.notes.join(' | ')}`);
    // The name is the path inside the folder dropped, as the engine's Region detection needs.
    assert.match(note, new RegExp(`batfish-test-vpc-peering/aws_configs/${skipped.replace('.', '\\.')}`));
    assert.match(note, /skipped: it holds `(Addresses|AvailabilityZones)`/);
  }
  assert.ok(v.progress.some((p) => new RegExp(`^Reading files: ${files.length} of ${files.length} `).test(p)), `progress shown: ${v.progress.join(' | ')}`);
  assert.ok(v.progress.some((p) => /^Loading \d+ file\(s\) into the engine/.test(p)));
  assert.equal(await page.isHidden('#progress'), true, 'the progress line goes once loaded');
  // The converted estate traces: a flow between two of its instances gets a result.
  await page.click('#send');
  await page.waitForFunction(() => /^(Reachable|Blocked|Not modelled|Cannot)/.test(document.querySelector('#status-main')?.textContent || ''), null, { timeout: 20000 });
  await shot(page, 'folder-dropped');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the folder picker loads a snapshot the same way (names relative to the folder picked)', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await recordProgress(page);
  assert.equal(await page.getAttribute('#folder-input', 'webkitdirectory'), '');
  await page.setInputFiles('#folder-input', SNAP);
  const v = await loadedView(page);
  assert.deepEqual(v.vpcs, snapshotVpcs());
  assert.ok(v.notes.some((n) => /batfish-test-vpc-peering\/aws_configs\/Addresses\.json.*skipped/.test(n)), v.notes.join(' | '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('several files picked at once are loaded together, and a non-AWS one is named in the error', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  assert.equal(await page.getAttribute('#file-input', 'multiple'), '');
  const files = readdirSync(CONFIGS).filter((f) => f.endsWith('.json')).map((f) => join(CONFIGS, f));
  await page.setInputFiles('#file-input', files);
  const v = await loadedView(page);
  assert.deepEqual(v.vpcs, snapshotVpcs());
  assert.match(v.notice, /Skipped 2/);
  // A file that is neither AWS output nor a scenario, among them: the load fails naming it.
  await page.setInputFiles('#file-input', [{ name: 'Vpcs.json', mimeType: 'application/json', buffer: readFileSync(join(CONFIGS, 'Vpcs.json')) }, { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2]') }]);
  await page.waitForFunction(() => /^Could not load/.test(document.querySelector('#notice')?.textContent || ''));
  assert.match(await page.textContent('#notice'), /notes\.json/);
  assert.deepEqual((await page.$$eval('#diagram g.vpc', (gs) => gs.map((g) => g.getAttribute('data-id')))).sort(), snapshotVpcs(), 'the last good estate stays');
  assert.deepEqual(problems, []);
  await context.close();
});
