// Honest progress (issue 11, items 5, 6 and 8): a completion is the learner's own change; an
// applied fix or a shown solution makes it "with help"; a link to a solved lesson completes
// nothing; progress survives a reload and can be reset; the page that embeds a lesson gets a
// message when it is completed; each goal can send its own packet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserSuite, newPage, open, statusStartsWith, shot, problems, ROOT, parentPage } from './harness.mjs';

// The lesson count comes from the index, so adding a lesson does not break these tests.
const LESSONS = JSON.parse(readFileSync(join(ROOT, 'www', 'lessons', 'index.json'), 'utf8')).lessons.map((l) => l.id);
const N = LESSONS.length;

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const messages = (page) => page.evaluate(() => window.__messages);
const isComplete = () => document.querySelector('#lesson')?.classList.contains('is-complete');

async function pickerProgress(page) {
  await page.click('#open-lessons');
  await page.waitForSelector('#lesson-picker[open]');
  const text = await page.textContent('#lesson-progress');
  await page.click('#lesson-picker-close');
  return text;
}

test('an embedded lesson completed with the revealed fix posts completed-with-help to its parent', async () => {
  const { context, page } = await newPage(browser);
  const frame = await parentPage(page, `${base}index.html?lesson=peering-return-route&embed=1`);
  await frame.click('#send');
  await frame.waitForFunction(() => document.querySelector('#status-main')?.textContent.startsWith('Blocked at rtb-data'));
  assert.deepEqual(await messages(page), [], 'nothing before the lesson is completed');
  await frame.click('#reveal-fix');
  await frame.click('#apply-fix');
  await frame.waitForFunction(isComplete);
  await page.waitForFunction(() => window.__messages.length > 0);
  const got = await messages(page);
  assert.equal(got.length, 1);
  assert.equal(got[0].origin, new URL(base).origin);
  const { type, lesson, status, time } = got[0].data;
  assert.deepEqual({ type, lesson, status }, { type: 'vpc-playground:lesson-completed', lesson: 'peering-return-route', status: 'completed-with-help' });
  assert.ok(Math.abs(Date.parse(time) - Date.now()) < 60000, `a current ISO time: ${time}`);
  assert.match(await frame.textContent('#lesson-done-head'), /with help/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lesson solved by hand in an iframe posts completed, once', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1300, height: 1000 } });
  const frame = await parentPage(page, `${base}index.html?lesson=gateway-endpoint`, { width: 1280, height: 900 });
  await frame.selectOption('#net-select', 'vpce-s3');
  await frame.check('#net-body label:has-text("rtb-private") input');
  await frame.waitForFunction(isComplete);
  await page.waitForFunction(() => window.__messages.length > 0);
  // Another packet, with the goals still met: no second message.
  await frame.click('#send');
  await frame.waitForFunction(() => document.querySelector('#status-main')?.textContent.startsWith('Reachable'));
  await page.waitForTimeout(300);
  const got = await messages(page);
  assert.deepEqual(got.map((m) => [m.data.lesson, m.data.status]), [['gateway-endpoint', 'completed']]);
  assert.equal(await frame.textContent('#lesson-done-head'), '✓ Lesson complete');
  await context.close();
});

test('a link to a solved lesson opens solved but completes nothing; an applied fix counts as with help', async () => {
  const first = await newPage(browser);
  await open(first.page, base, '?lesson=peering-return-route');
  await first.page.click('#send');
  await statusStartsWith(first.page, 'Blocked at rtb-data');
  await first.page.click('#reveal-fix');
  await first.page.click('#apply-fix');
  await first.page.waitForFunction(isComplete);
  assert.equal(await pickerProgress(first.page), `0 of ${N} completed · 1 with help`);
  await first.page.waitForFunction(() => /[#&]sz?=/.test(location.hash));
  const link = first.page.url();
  await first.context.close();

  // A classmate opens the solved network's link in their own browser.
  const { context, page } = await newPage(browser);
  await open(page, '', link);
  await page.waitForFunction(isComplete);
  assert.match(await page.textContent('#lesson-done-head'), /does not count as completed/);
  assert.equal(await pickerProgress(page), `0 of ${N} completed`);
  await shot(page, 'solved-link-not-counted');
  await context.close();
});

test('progress survives a reload, and Reset progress forgets it', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=gateway-endpoint');
  await page.selectOption('#net-select', 'vpce-s3');
  await page.check('#net-body label:has-text("rtb-private") input');
  await page.waitForFunction(isComplete);
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await pickerProgress(page), `1 of ${N} completed`);
  await page.click('#open-lessons');
  assert.equal(await page.textContent('#lesson-list .lesson-item[data-id="gateway-endpoint"] .lesson-tick'), '✓');
  await page.click('#progress-reset');
  assert.equal(await page.isVisible('#progress-reset-ask'), true, 'it asks first');
  await page.click('#progress-reset-no');
  assert.equal(await page.textContent('#lesson-progress'), `1 of ${N} completed`);
  await page.click('#progress-reset');
  await page.click('#progress-reset-yes');
  assert.equal(await page.textContent('#lesson-progress'), `0 of ${N} completed`);
  assert.equal(await page.textContent('#lesson-list .lesson-item[data-id="gateway-endpoint"] .lesson-tick'), '');
  await page.click('#lesson-picker-close');
  await page.reload();
  await page.waitForSelector('body.ready');
  assert.equal(await pickerProgress(page), `0 of ${N} completed`);
  await context.close();
});

test('each goal sends its own packet from the goal list', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base, '?lesson=vpn-endpoints');
  const buttons = await page.$$('#lesson-goals .goal-send');
  assert.equal(buttons.length, 3);
  // Goal 2: the office to S3, which the gateway endpoint cannot serve.
  await buttons[1].click();
  assert.equal(await page.$eval('#flow-from', (e) => e.value), '192.168.1.10');
  assert.equal(await page.$eval('#flow-to', (e) => e.value), 'com.amazonaws.us-east-1.s3');
  await statusStartsWith(page, 'Blocked at vgw-app');
  // Goal 3: app-server to S3 through the gateway endpoint.
  await page.click('#lesson-goals li:nth-child(3) .goal-send');
  assert.equal(await page.$eval('#flow-from', (e) => e.value), 'i-app');
  const status = await statusStartsWith(page, 'Reachable');
  assert.match(status, /vpce-s3/);
  await shot(page, 'goal-send');
  assert.deepEqual(problems, []);
  await context.close();
});
