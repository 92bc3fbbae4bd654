// The playground page in headless Chromium: the default blocked flow, a reachable flow, the
// suggested fix, editing a route, AWS describe-* input, hostile names, reload, embed, keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems, ROOT, WWW } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

async function speedUp(page) {
  await page.selectOption('#speed', '4');
}

test('the default scenario opens with its flow ready, and Send packet shows it blocked at rtb-db', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  assert.equal(await page.$eval('#flow-from', (e) => e.value), 'i-app1');
  assert.equal(await page.$eval('#flow-to', (e) => e.value), 'i-db1');
  assert.equal(await page.$eval('#flow-port', (e) => e.value), '5432');
  assert.ok(await page.$('#diagram g[data-id="vpc-shop"]'), 'the diagram shows VPC shop');
  assert.ok(await page.$('#diagram g.subnet.public[data-id="subnet-web"]'));
  assert.ok(await page.$('#diagram g.subnet.private[data-id="subnet-app"]'));
  await shot(page, 'opened');
  await speedUp(page);
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at rtb-db');
  assert.match(status, /^Blocked at rtb-db: /);
  assert.ok((await page.$$('ol[aria-label="Packet path"] > li')).length >= 10);
  assert.ok(await page.$('#diagram [data-id="rtb-db"].blocked'), 'rtb-db is marked on the diagram');
  assert.equal(await page.textContent('#status-code'), 'NO_ROUTE_TO_DESTINATION');
  assert.match(await page.textContent('#fix-cli'), /^aws ec2 create-route --route-table-id rtb-db/);
  const route = await page.textContent('ol[aria-label="Packet path"] > li:nth-child(4)');
  assert.match(route, /172\.31\.0\.0\/16 -> pcx-shop-data/);
  assert.match(route, /shorter prefix/);
  await animationDone(page);
  await shot(page, 'blocked-1280x800');
  await context.close();
});

test('app-1 to S3 on 443 is reachable through the gateway endpoint', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.selectOption('#flow-from', 'i-app1');
  await page.fill('#flow-to', 'com.amazonaws.us-east-1.s3');
  await page.fill('#flow-port', '443');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Reachable');
  assert.match(status, /vpce-s3/);
  assert.match(await page.textContent('#status-path'), /vpce-s3/);
  assert.equal(await page.$('#diagram .blocked'), null, 'nothing is marked blocked');
  assert.ok(await page.$('#diagram [data-id="vpce-s3"].on-path'));
  await context.close();
});

test('Apply fix makes the blocked flow reachable, and undo brings the block back', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-db');
  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  assert.match(await page.$eval('#editor', (e) => e.value), /"target": "pcx-shop-data"[\s\S]*"rtb-db"|"rtb-db"[\s\S]*"10\.0\.0\.0\/16"/);
  await speedUp(page);
  await animationDone(page);
  await shot(page, 'fixed');
  await page.click('#undo');
  await statusStartsWith(page, 'Blocked at rtb-db');
  await page.click('#redo');
  await statusStartsWith(page, 'Reachable');
  await context.close();
});

test('adding a route in the route editor changes the result, and deleting it restores the block', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-db');
  await page.click('#diagram g[data-id="rtb-db"]');
  assert.equal(await page.$eval('#rt-select', (e) => e.value), 'rtb-db', 'clicking the table chip selects it');
  await page.fill('#rt-new-dest', '10.0.0.0/16');
  await page.selectOption('#rt-new-target', 'pcx-shop-data');
  await page.click('#rt-add button[type="submit"]');
  await statusStartsWith(page, 'Reachable');
  await page.click('#rt-body button[aria-label="Delete route 10.0.0.0/16"]');
  await statusStartsWith(page, 'Blocked at rtb-db');
  await context.close();
});

test('editing the JSON by hand changes the result; a bad edit keeps the last good scenario', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.fill('#flow-to', '8.8.8.8');
  await page.fill('#flow-port', '443');
  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  // Send app's internet traffic to the peering instead of the NAT gateway.
  const text = await page.$eval('#editor', (e) => e.value);
  const doc = JSON.parse(text);
  doc.route_tables.find((t) => t.id === 'rtb-app').routes[0].target = 'pcx-shop-data';
  await page.fill('#editor', JSON.stringify(doc, null, 2));
  await page.click('#editor-apply');
  const status = await statusStartsWith(page, 'Blocked at');
  assert.match(status, /pcx-shop-data/);
  // A broken edit: shown beside the editor, the scenario stays.
  await page.fill('#editor', '{"vpcs": [{"id": "vpc-x", "cidr": "not-a-cidr"}]}');
  await page.click('#editor-apply');
  await page.waitForSelector('#diagnostics .diag-error');
  const diag = await page.textContent('#diagnostics');
  assert.match(diag, /vpc-x/);
  assert.ok(await page.$('#diagram g[data-id="vpc-shop"]'), 'the last good scenario is still drawn');
  await shot(page, 'editor-error');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await context.close();
});

test('AWS describe-* JSON loads through the file input and traces to the missing route', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.setInputFiles('#file-input', join(ROOT, 'tests', 'e2e', 'data', 'shop-estate.json'));
  await page.waitForFunction(() => [...document.querySelectorAll('#flow-from option')].some((o) => o.value === 'i-00b88aa6ed9d69bd6'), null, { timeout: 10000 });
  await page.selectOption('#flow-from', 'i-00b88aa6ed9d69bd6');
  await page.fill('#flow-to', 'i-024998702bbed18fc');
  await page.selectOption('#flow-protocol', 'tcp');
  await page.fill('#flow-port', '5432');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at');
  assert.match(status, /^Blocked at rtb-0f11236929bd0b65a/);
  await shot(page, 'aws-estate');
  await context.close();
});

test('hostile names and ids are shown as text, never as markup', async () => {
  const { context, page, dialogs } = await newPage(browser);
  await open(page, base);
  await page.setInputFiles('#file-input', join(WWW, 'scenarios', 'hostile.json'));
  await page.waitForFunction(() => document.querySelector('#scenario-name')?.textContent.includes('<script>'));
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at');
  assert.ok(status.startsWith('Blocked at rtb-<img src=x onerror=alert(1)>'), status);
  assert.equal((await page.$$('img')).length, 0, 'no <img> element anywhere');
  assert.equal((await page.$$('#diagram script, #events script, #status script, #flow script, #diagnostics script')).length, 0);
  assert.equal((await page.$$('#diagram b, #events b, #rt-body b')).length, 0, 'no <b> from subnet-<b>bold</b>');
  assert.match(await page.textContent('#scenario-name'), /<script>alert\(1\)<\/script>/);
  const options = await page.$$eval('#flow-from option', (os) => os.map((o) => o.textContent).join('\n'));
  assert.match(options, /<script>alert\(1\)<\/script>/);
  assert.match(options, /<img src=x onerror=alert\(4\)>/);
  const titles = await page.$$eval('#diagram title', (ts) => ts.map((t) => t.textContent).join('\n'));
  assert.match(titles, /<img src=x onerror=alert\(1\)>/);
  assert.match(await page.textContent('#events'), /rtb-<img src=x onerror=alert\(1\)>/);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no dialog fired');
  await shot(page, 'hostile');
  await context.close();
});

test('a reload keeps the edited work, from the URL and from localStorage', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-db');
  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  await page.waitForFunction(() => location.hash.includes('sz='));
  await page.reload();
  await page.waitForSelector('body.ready');
  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  // Without the hash, the autosave restores it.
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  // The link alone reproduces it in a fresh browser (fresh localStorage).
  await page.waitForFunction(() => location.hash.includes('sz='));
  const url = page.url();
  const fresh = await newPage(browser);
  await open(fresh.page, url);
  await fresh.page.click('#send');
  await statusStartsWith(fresh.page, 'Reachable');
  await fresh.context.close();
  await context.close();
});

test('embed mode shows the diagram, the flow and the status only; play=1 runs the trace', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?embed=1&play=1&from=i-app1&to=8.8.8.8&port=443');
  await statusStartsWith(page, 'Reachable');
  assert.equal(await page.isVisible('header'), false);
  assert.equal(await page.isVisible('#editor'), false);
  assert.equal(await page.isVisible('#diagram'), true);
  assert.equal(await page.isVisible('#send'), true);
  await animationDone(page);
  await shot(page, 'embed');
  await context.close();
});

test('a missing lesson says so and the page still works', async () => {
  const { context, page } = await newPage(browser, { allow404: true });
  await open(page, base, '?lesson=no-such-lesson');
  assert.match(await page.textContent("#notice"), /There is no lesson named "no-such-lesson"/);
  assert.ok(await page.$('#diagram g[data-id="vpc-shop"]'));
  await context.close();
});

test('keyboard: arrows step through hops on the event list, space toggles play', async () => {
  const { context, page } = await newPage(browser, { reducedMotion: 'reduce' });
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await page.focus('#events');
  await page.keyboard.press('Space'); // pause
  await page.keyboard.press('Home');
  await page.evaluate(() => document.querySelector('#events li')?.click());
  await page.focus('#events');
  assert.equal(await page.textContent('#hop-counter'), 'Hop 1 of 11');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('#hop-counter'), 'Hop 3 of 11');
  assert.equal(await page.getAttribute('#events li:nth-child(3)', 'class').then((c) => c.includes('hop-active')), true);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('#hop-counter'), 'Hop 2 of 11');
  await page.keyboard.press('Space');
  assert.equal(await page.textContent('#play'), 'Pause');
  await page.keyboard.press('Space');
  assert.equal(await page.textContent('#play'), 'Play');
  // Every control is reachable by Tab.
  const seen = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  for (const id of ['send', 'flow-from', 'flow-to', 'apply-fix', 'play', 'events', 'diagram', 'zoom-in', 'open-files', 'editor-apply']) {
    assert.ok(seen.has(id), `Tab reaches #${id}`);
  }
  await context.close();
});

test('a file over 16 MB is refused before it is read', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.setInputFiles('#file-input', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(16 * 1024 * 1024 + 1, 32) });
  await page.waitForFunction(() => /over 16 MB/.test(document.querySelector('#notice')?.textContent || ''));
  await context.close();
});

test('no console errors or page errors in any test', () => {
  assert.deepEqual(problems, []);
});
