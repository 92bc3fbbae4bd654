// Fixes from the UX review: the phone layout, where the drop marker lands, the route table the
// panel opens after a trace, the result waiting for the animation, and URLs that ask for
// something the page does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

test('phone (390x844): the page is no wider than the screen, and Send is visible and works', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await open(page, base, '?lesson=peering-return-route');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
  const send = await page.$eval('#send', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(send.left >= 0 && send.right <= 390 && send.bottom <= 844, `Send on screen: ${JSON.stringify(send)}`);
  await page.tap('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  await shot(page, 'phone');
  await page.click('#open-lessons');
  const dlg = await page.$eval('#lesson-picker', (e) => e.getBoundingClientRect().toJSON());
  assert.ok(dlg.left >= 0 && dlg.right <= 390, `the dialog fits: ${JSON.stringify(dlg)}`);
  assert.equal(await page.isVisible('#lesson-picker-close'), true);
  await context.close();
});

test('blocked at a security group: the marker is on the interface it guards (interface-endpoint)', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=interface-endpoint');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at sg-endpoint');
  assert.deepEqual(await page.$$eval('#diagram .blocked', (es) => es.map((e) => e.dataset.id)), ['eni-sqs-1']);
  assert.equal(await page.$eval('#diagram .blocked', (e) => e.dataset.kind), 'interface-endpoint');
  // The ✕ sits on that node's own box.
  const [m, n] = await page.evaluate(() => [document.querySelector('.drop-marker'), document.querySelector('#diagram .blocked .node-box')].map((e) => e.getBoundingClientRect().toJSON()));
  const cx = m.x + m.width / 2;
  const cy = m.y + m.height / 2;
  assert.ok(cx >= n.left && cx <= n.right && cy >= n.top - m.height && cy <= n.bottom, 'the marker is on the endpoint box');
  await shot(page, 'blocked-sg-marker');
  await context.close();
});

test('after Send the route table panel shows the table that dropped the packet', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-return-route');
  assert.equal(await page.$eval('#rt-select', (e) => e.value), 'rtb-app');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  assert.equal(await page.$eval('#rt-select', (e) => e.value), 'rtb-data');
  await context.close();
});

test('the result waits for the packet to arrive; Skip to result shows it at once', async () => {
  const { context, page } = await newPage(browser, { reducedMotion: 'no-preference' });
  await open(page, base);
  const table = await page.$eval('#rt-select', (e) => e.value);
  await page.click('#send');
  // The trace comes back from the engine's worker a moment after the click.
  await page.waitForFunction(() => document.querySelector('#status-main')?.textContent === 'The packet is on its way…');
  assert.equal(await page.isVisible('.drop-marker'), false, 'no ✕ before the packet gets there');
  assert.equal(await page.$$eval('#diagram .blocked', (e) => e.length), 0);
  assert.ok(await page.$$eval('#events li:not(.ahead)', (e) => e.length) < 11, 'hops ahead of the packet are not listed yet');
  assert.equal(await page.$eval('#rt-select', (e) => e.value), table, 'the deciding table waits too');
  await shot(page, 'result-pending');
  await page.click('#skip');
  await statusStartsWith(page, 'Blocked at rtb-db');
  assert.equal(await page.textContent('#hop-counter'), 'Hop 11 of 11');
  assert.equal(await page.isVisible('.drop-marker'), true);
  assert.equal(await page.isVisible('#skip'), false);
  await page.waitForFunction(() => document.querySelector('#rt-select')?.value === 'rtb-db');
  // Played to the end without help, the result shows when the last hop is reached.
  await page.selectOption('#speed', '4');
  await page.click('#send');
  // The trace comes back from the engine's worker a moment after the click.
  await page.waitForFunction(() => document.querySelector('#status-main')?.textContent === 'The packet is on its way…');
  await statusStartsWith(page, 'Blocked at rtb-db');
  assert.equal(await page.textContent('#hop-counter'), 'Hop 11 of 11');
  await context.close();
});

test('a JSON error shows once, and clicking it puts the cursor at its line and column', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.fill('#editor', '{\n  "name": "x",\n  "vpcs": [,]\n}');
  await page.click('#editor-apply');
  await page.waitForSelector('#diagnostics .diag-error');
  const items = await page.$$eval('#diagnostics li', (ls) => ls.map((l) => l.textContent));
  assert.equal(items.length, 1, `one message: ${items}`);
  assert.match(items[0], /line 3 column 12/);
  await page.click('#diagnostics li');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor');
  assert.equal(await page.$eval('#editor', (e) => e.selectionStart), '{\n  "name": "x",\n'.length + 11);
  await context.close();
});

test('in a lesson, the JSON editor checks the text as typed: a duplicate key is named at its line', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-return-route');
  const text = await page.$eval('#editor', (e) => e.value);
  assert.ok(!text.includes('"lesson"'), 'the editor hides the lesson');
  // A second "subnets" list pasted above the real one: JSON.parse would keep only the last.
  const edited = text.replace('"subnets": [', '"subnets": [],\n  "subnets": [');
  await page.fill('#editor', edited);
  await page.click('#editor-apply');
  await page.waitForSelector('#diagnostics .diag-error');
  const msg = await page.textContent('#diagnostics li');
  const line = edited.split('\n').findIndex((l) => l.includes('"subnets": [')) + 2;
  assert.match(msg, new RegExp(`duplicate field \`subnets\` at line ${line} column 3`));
  await page.click('#diagnostics li');
  const pos = await page.$eval('#editor', (e) => e.selectionStart);
  assert.equal(edited.slice(pos, pos + 10), '"subnets":');
  await context.close();
});

test('an error column counts characters: the cursor lands right after an emoji', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.fill('#editor', '{\n  "name": "😀 é", "vpcs": x\n}');
  await page.click('#editor-apply');
  await page.waitForSelector('#diagnostics .diag-error');
  assert.match(await page.textContent('#diagnostics li'), /expected value at line 2 column 26/);
  await page.click('#diagnostics li');
  const [value, pos] = await page.$eval('#editor', (e) => [e.value, e.selectionStart]);
  assert.equal(value[pos], 'x');
  await context.close();
});

test("a file that does not load: its error names the file and is not a link into the editor's other text", async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.setInputFiles('#file-input', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "vpcs": [,]\n}') });
  await page.waitForSelector('#diagnostics .diag-error');
  const li = await page.$('#diagnostics li');
  assert.match(await li.textContent(), /broken\.json.*line 2 column 12/);
  assert.equal(await li.getAttribute('class'), 'diag diag-error', 'not clickable (no diag-at)');
  assert.equal(await li.getAttribute('tabindex'), null);
  await context.close();
});

test('a scenario over 1 MB is not poured into the editor unless asked; the page stays usable', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  const doc = JSON.parse(await page.$eval('#editor', (e) => e.value));
  doc.description = 'x'.repeat(1_100_000);
  await page.setInputFiles('#file-input', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.waitForSelector('#editor-big:not(.hidden)');
  assert.match(await page.textContent('#editor-big'), /This scenario is 1\.1 MB of JSON/);
  assert.equal(await page.isVisible('#editor'), false);
  assert.equal(await page.isDisabled('#editor-apply'), true);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await page.click('#editor-show');
  assert.equal(await page.isVisible('#editor'), true);
  assert.ok((await page.$eval('#editor', (e) => e.value.length)) > 1_100_000);
  assert.equal(await page.isDisabled('#editor-apply'), false);
  await context.close();
});

test('URLs: ?lesson=index is no lesson; a source or destination the scenario lacks is named and not used', async () => {
  const { context, page } = await newPage(browser);
  // Saved work from an earlier visit must not stand in for a lesson the link names wrongly.
  await open(page, base, '?lesson=peering-return-route');
  await page.fill('#flow-port', '5433');
  await page.dispatchEvent('#flow-port', 'change');
  await page.waitForTimeout(400);
  await open(page, base, '?lesson=index');
  assert.match(await page.textContent('#notice'), /There is no lesson named "index"; showing the default scenario/);
  assert.doesNotMatch(await page.textContent('#notice'), /JSON|did not load/);
  assert.equal(await page.isVisible('#lesson'), false);
  assert.ok(await page.$('#diagram g[data-id="vpc-shop"]'), 'the default scenario, not the saved lesson');

  await open(page, base, '?from=i-nope&to=i-gone&port=22');
  const notice = await page.textContent('#notice');
  assert.match(notice, /no source "i-nope" and no destination "i-gone"; its own flow is shown/);
  assert.equal(await page.$eval('#flow-from', (e) => e.value), 'i-app1');
  assert.equal(await page.$$eval('#flow-from option', (os) => os.filter((o) => o.value === 'i-nope').length), 0, 'no made-up source in the menu');
  assert.equal(await page.$eval('#flow-to', (e) => e.value), 'i-db1');
  assert.equal(await page.$eval('#flow-port', (e) => e.value), '22', 'the rest of the link is kept');
  await shot(page, 'url-unknown-ends');
  await open(page, base, '?from=i-web1&to=com.amazonaws.us-east-1.s3');
  assert.equal(await page.isVisible('#notice'), false, 'a service name is a fine destination');
  await context.close();
});

test('no console errors or page errors in any test here', () => {
  assert.deepEqual(problems, []);
});
