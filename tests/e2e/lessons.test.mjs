// Lessons in the page, as a learner meets them: the picker, a lesson played by hand, hints,
// the solution, progress that survives a reload, embed mode, the cost chart; then the offline
// cases: the single-file build opened from disk, and the service worker's offline reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems, ROOT } from './harness.mjs';

// The lesson count comes from the index, so adding a lesson does not break these tests.
const LESSONS = JSON.parse(readFileSync(join(ROOT, 'www', 'lessons', 'index.json'), 'utf8')).lessons.map((l) => l.id);
const N = LESSONS.length;

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** "Show solution" asks first; the inline confirm's "Show it" loads the solution. */
async function showSolution(page) {
  await page.click('#show-solution');
  await page.click('#solution-yes');
}

const goalStates = (page) => page.$$eval('#lesson-goals .goal', (ls) => ls.map((l) => (l.classList.contains('met') ? 'met' : 'unmet')));

test('lesson 1 played by hand: blocked at rtb-data, a route added in the editor, reachable, goal ticked, lesson complete', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-return-route');
  await page.selectOption('#speed', '4');
  assert.equal(await page.textContent('#lesson-kicker'), `Lesson 1 of ${N}`);
  assert.equal(await page.textContent('#lesson-title'), 'Peering needs routes on both sides');
  assert.equal(await page.$$eval('#lesson-story p', (ps) => ps.length), 2, 'the story is two paragraphs');
  // The lesson's flow is preselected: the first packet is one click away.
  assert.equal(await page.$eval('#flow-from', (e) => e.value), 'i-app');
  assert.equal(await page.$eval('#flow-to', (e) => e.value), 'i-db');
  assert.equal(await page.$eval('#flow-port', (e) => e.value), '5432');
  assert.deepEqual(await goalStates(page), ['unmet']);
  assert.match(await page.textContent('#lesson-next'), /Press Send packet/);
  assert.equal(await page.isVisible('#lesson-done'), false);

  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  assert.match(await page.textContent('#lesson-goals'), /Not yet: The flow is blocked at rtb-data/);
  // In a lesson the suggested fix is the answer: it waits behind a button.
  assert.equal(await page.isVisible('#apply-fix'), false);
  assert.equal(await page.isVisible('#reveal-fix'), true);
  await animationDone(page);
  await page.click('#show-hint');
  assert.equal(await page.$$eval('#lesson-hints li', (l) => l.length), 1, 'one hint at a time');
  assert.match(await page.textContent('#show-hint'), /2 of 2/);
  await shot(page, 'lesson-in-progress');

  // The fix, by hand in the route editor (not Apply fix).
  await page.selectOption('#rt-select', 'rtb-data');
  await page.fill('#rt-new-dest', '10.0.0.0/16');
  await page.selectOption('#rt-new-target', 'pcx-app-data');
  await page.click('#rt-add button[type="submit"]');
  await statusStartsWith(page, 'Reachable');
  await page.waitForSelector('#lesson-goals .goal.met');
  assert.deepEqual(await goalStates(page), ['met']);
  assert.match(await page.getAttribute('#lesson-goals .goal', 'title'), /reachable/i);
  assert.equal(await page.isVisible('#lesson-done'), true);
  assert.match(await page.textContent('#lesson-done'), /Lesson complete/);
  assert.match(await page.textContent('#lesson-takeaway'), /Replies use the replying side's route table/);
  assert.match(await page.textContent('#lesson-next-lesson'), /Next lesson: Overlapping CIDRs/);
  await animationDone(page);
  await shot(page, 'lesson-complete');
  await context.close();
});

test('the endpoint-policy lesson sends its S3 request: the endpoint policy refuses GetObject (R22)', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=endpoint-policy');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at vpce-s3');
  assert.match(await page.textContent('#status'), /VPCE_POLICY_DENIED/);
  // Changing the port in the form keeps the lesson's request attached to the flow.
  await page.fill('#flow-port', '443');
  await page.dispatchEvent('#flow-port', 'change');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at vpce-s3');
  await context.close();
});

test('Show solution loads the solved network as an undoable state and ticks every goal', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=no-edge-to-edge');
  const before = await goalStates(page);
  assert.ok(before.includes('unmet'));
  await page.click('#show-solution');
  assert.equal(await page.isVisible('#solution-confirm'), true, 'Show solution asks first');
  await page.click('#solution-no');
  assert.equal(await page.isVisible('#solution-confirm'), false);
  assert.ok((await goalStates(page)).includes('unmet'), 'Cancel changes nothing');
  await showSolution(page);
  await page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  assert.match(await page.textContent('#lesson-done-head'), /with help \(the fix or the solution was shown\)/);
  const after = await goalStates(page);
  assert.equal(after.length, before.length);
  assert.ok(after.every((g) => g === 'met'), `every goal met: ${after}`);
  assert.equal(await page.isVisible('#lesson-done'), true);
  // Undo brings the learner's network back, with its unmet goal.
  await page.click('#undo');
  await page.waitForFunction(() => !document.querySelector('#lesson')?.classList.contains('is-complete'));
  assert.deepEqual(await goalStates(page), before);
  await context.close();
});

test('the lesson picker lists the index\'s lessons in order, opens one, and keeps progress across a reload', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  assert.equal(await page.isVisible('#lesson'), false, 'no lesson panel for the default scenario');
  await page.click('#open-lessons');
  await page.waitForSelector('#lesson-picker[open]');
  const items = await page.$$eval('#lesson-list .lesson-item', (bs) => bs.map((b) => b.dataset.id));
  assert.ok(N >= 15, 'the twelve lessons and the three transit-gateway ones');
  assert.deepEqual(items, LESSONS);
  assert.equal(items[0], 'peering-return-route');
  assert.equal(items[11], 'endpoint-costs');
  assert.match(await page.textContent('#lesson-list'), /A peering connection carries nothing until both VPCs route/);
  assert.equal(await page.textContent('#lesson-progress'), `0 of ${N} completed`);
  await shot(page, 'lesson-picker');
  await page.click('#lesson-list .lesson-item[data-id="gateway-endpoint"]');
  await page.waitForFunction(() => document.querySelector('#lesson-title')?.textContent === 'A gateway endpoint is a route');
  assert.equal(await page.isVisible('#lesson-picker'), false);
  await showSolution(page);
  await page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  await page.reload();
  await page.waitForSelector('body.ready');
  await page.click('#open-lessons');
  await page.waitForSelector('#lesson-picker[open]');
  // Solved with the solution shown: marked apart, not counted as completed.
  assert.equal(await page.textContent('#lesson-progress'), `0 of ${N} completed · 1 with help`);
  assert.equal(await page.$eval('#lesson-list .lesson-item[data-id="gateway-endpoint"]', (b) => b.className), 'lesson-item shown current');
  assert.equal(await page.textContent('#lesson-list .lesson-item[data-id="gateway-endpoint"] .lesson-tick'), '◐');
  assert.equal(await page.textContent('#lesson-list .lesson-item[data-id="peering-return-route"] .lesson-tick'), '');
  // Opened afresh and solved by hand (the route table association), it counts.
  await page.click('#lesson-list .lesson-item[data-id="gateway-endpoint"]');
  await page.waitForFunction(() => !document.querySelector('#lesson')?.classList.contains('is-complete'));
  await page.selectOption('#net-select', 'vpce-s3');
  await page.check('#net-body label:has-text("rtb-private") input');
  await page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  assert.equal(await page.textContent('#lesson-done-head'), '✓ Lesson complete');
  await page.click('#open-lessons');
  assert.equal(await page.textContent('#lesson-progress'), `1 of ${N} completed`);
  assert.equal(await page.textContent('#lesson-list .lesson-item[data-id="gateway-endpoint"] .lesson-tick'), '✓');
  await context.close();
});

test('a lesson file loaded from disk shows the lesson view', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  await page.setInputFiles('#file-input', join(ROOT, 'www', 'lessons', 'vpn-endpoints.json'));
  await page.waitForFunction(() => document.querySelector('#lesson-title')?.textContent === 'VPN reaches interface endpoints, not gateway endpoints');
  assert.ok((await goalStates(page)).length >= 1);
  await showSolution(page);
  await page.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  await context.close();
});

test('embed mode for a lesson: diagram, flow, status and goals, no page chrome', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 960, height: 600 } });
  await open(page, base, '?lesson=peering-return-route&embed=1');
  for (const sel of ['#diagram', '#send', '#status', '#lesson-goals', '#lesson-title']) assert.equal(await page.isVisible(sel), true, `${sel} visible`);
  for (const sel of ['header', '#editor', '#routes-panel', '#events', '#lesson-story', '#show-solution', '#speed', '#lesson-kicker']) assert.equal(await page.isVisible(sel), false, `${sel} hidden`);
  for (const sel of ['#step-back', '#play', '#step-fwd', '#events-box summary']) assert.equal(await page.isVisible(sel), true, `${sel} visible`);
  assert.equal(await page.getAttribute('#lesson-open', 'href'), 'index.html?lesson=peering-return-route');
  // Zoomed in: before the trace the two VPCs whole, fitted to the width (at least 0.6 pixel per
  // unit, main.js showEnds' least; 0.7 here), then readable (0.9) while the packet plays.
  const scale = () => page.$eval('#diagram', (e) => e.getBoundingClientRect().width / e.viewBox.baseVal.width);
  assert.ok(await scale() >= 0.7, `the VPCs whole before Send, at ${await scale()} px per unit`);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  assert.ok(await scale() >= 0.89, 'readable after Send');
  assert.match(await page.textContent('#hop-counter'), /Hop \d+ of 11/);
  await page.click('#events-box summary');
  assert.equal(await page.isVisible('#events'), true, 'the packet path opens');
  await page.click('#reveal-fix');
  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  await page.waitForSelector('#lesson-done:not(.hidden)');
  assert.equal(await page.isVisible('#lesson-takeaway'), true);
  await context.close();

  const demo = await newPage(browser, { viewport: { width: 1040, height: 1000 } });
  await demo.page.goto(base + 'embed-demo.html');
  const frames = await demo.page.$$('iframe');
  assert.equal(frames.length, 2);
  const second = await frames[1].contentFrame();
  await second.waitForSelector('body.ready', { timeout: 15000 });
  // play=1: the packet goes on load. It reaches S3, but through the NAT gateway, so the goal stays open.
  await second.waitForFunction(() => document.querySelector('#status-main')?.textContent.startsWith('Reachable'), null, { timeout: 15000 });
  assert.match(await second.textContent('#status-path'), /nat-app/);
  assert.equal(await second.$eval('#lesson-goals .goal', (g) => g.classList.contains('unmet')), true);
  const first = await frames[0].contentFrame();
  await first.waitForSelector('body.ready', { timeout: 15000 });
  await demo.page.waitForTimeout(1500);
  await shot(demo.page, 'embed-demo');
  await demo.context.close();
});

test('the cost chart for endpoint-costs draws three bars from prices.json, with the date and the sources', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
  await open(page, base, '?lesson=endpoint-costs');
  await page.waitForSelector('#lesson-cost svg');
  const bars = await page.$$eval('#lesson-cost .cost-row', (gs) => gs.map((g) => [g.dataset.option, g.querySelector('.cost-value').textContent]));
  assert.deepEqual(bars, [['nat-gateway', '≈ $77.85'], ['interface-endpoint', '≈ $17.30'], ['gateway-endpoint', '$0.00']]);
  const widths = await page.$$eval('#lesson-cost .cost-bar', (rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.ok(widths[0] > widths[1] && widths[1] > widths[2], `bars shrink: ${widths}`);
  const text = await page.textContent('#lesson-cost');
  assert.match(text, /as of 2026-11-26/);
  assert.match(text, /unconfirmed: hourly and per GB price/);
  assert.match(text, /\$0\.045\/h × 730 h \+ \$0\.045\/GB × 1,000 GB = \$77\.85 a month/);
  assert.match(text, /Sources \(8\)/);
  await page.$eval('#lesson-cost', (e) => e.scrollIntoView());
  await shot(page, 'cost-chart');
  await context.close();
});

test('the single-file build runs a trace from file:// with no network and no console errors', async () => {
  const out = join(ROOT, 'dist', 'vpc-playground.html');
  execFileSync('node', [join(ROOT, 'scripts', 'bundle.mjs'), join(ROOT, 'www'), out], { stdio: 'pipe' });
  const { context, page } = await newPage(browser);
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(pathToFileURL(out).href + '?lesson=peering-return-route');
  await page.waitForSelector('body.ready', { timeout: 20000 });
  // A file:// page cannot start a module worker: the engine runs on the page's thread,
  // behind the same Promises (www/js/engine.js).
  assert.equal(await page.getAttribute('body', 'data-engine'), 'main-thread');
  assert.equal(page.workers().length, 0);
  assert.equal(await page.textContent('#lesson-title'), 'Peering needs routes on both sides');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  await showSolution(page);
  await statusStartsWith(page, 'Reachable');
  await page.waitForSelector('#lesson-done:not(.hidden)');
  await page.selectOption('#speed', '4');
  await animationDone(page);
  await shot(page, 'bundled-file');
  const remote = urls.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(remote, [], 'no request leaves the file');
  await context.close();
});

test('after the first visit the service worker serves the page offline', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=peering-return-route');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, base);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body.ready', { timeout: 15000 });
  // Offline, the engine still starts in its worker: sw.js cached worker.js and its modules.
  assert.equal(await page.getAttribute('body', 'data-engine'), 'worker');
  assert.equal(await page.textContent('#lesson-title'), 'Peering needs routes on both sides');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-data');
  // The solution is the engine's full module's work (engine-core.js): cached by sw.js too.
  await showSolution(page);
  await statusStartsWith(page, 'Reachable');
  // Another lesson, never visited: cached at install from lessons/index.json.
  await page.click('#open-lessons');
  await page.click('#lesson-list .lesson-item[data-id="endpoint-costs"]');
  await page.waitForSelector('#lesson-cost svg');
  await context.setOffline(false);
  await context.close();
});

test('no console errors or page errors in any lesson test', () => {
  assert.deepEqual(problems, []);
});
