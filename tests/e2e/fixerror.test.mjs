// Errors beside the control that caused them (issue 11 item 10): when Apply fix or a lesson's
// Show solution fails, the reason shows next to that button in words a student can act on, not
// in the notice at the top of the page. The failure is a real one: the engine's part that
// changes networks (www/pkg, fetched after the first diagram) cannot be downloaded, as in a
// classroom whose connection dropped after the page loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** A page whose full engine module cannot be downloaded (the core one, which draws and traces, can). */
async function offlineEdits(opts = {}) {
  const made = await newPage(browser, { serviceWorkers: 'block', ...opts });
  await made.context.route(/\/pkg\/vpc_playground[^/]*$/, (route) => route.abort('internetdisconnected'));
  return made;
}

/** The problems this test caused that are the blocked download itself, which the browser logs. */
function dropDownloadNoise(from) {
  const mine = problems.splice(from);
  return mine.filter((p) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|dynamically imported module/i.test(p));
}

/** The error shown after `host`, its text, and whether it sits beside `button` (just under it, overlapping in x). */
function besideError(page, hostSel, buttonSel) {
  return page.evaluate(([hs, bs]) => {
    const err = document.querySelector(hs).nextElementSibling;
    if (!err || !err.classList.contains('edit-error')) return null;
    const e = err.getBoundingClientRect();
    const b = document.querySelector(bs).getBoundingClientRect();
    const hit = document.elementFromPoint((e.left + e.right) / 2, e.top + 4);
    return { text: err.textContent, role: err.getAttribute('role'), below: e.top >= b.bottom - 1 && e.top - b.bottom < 64, overlapX: e.left < b.right && b.left < e.right, visible: e.height > 0 && err.contains(hit) };
  }, [hostSel, buttonSel]);
}

test('Apply fix that fails says why beside the button, and the top notice stays hidden', async () => {
  const from = problems.length;
  const { context, page } = await offlineEdits({ viewport: { width: 1280, height: 720 } });
  await open(page, base);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at rtb-db');
  const diagramTop = await page.evaluate(() => document.querySelector('#diagram').getBoundingClientRect().top);
  await page.click('#apply-fix');
  await page.waitForSelector('#status .edit-error', { timeout: 15000 });
  const err = await besideError(page, '#status-row', '#apply-fix');
  await shot(page, 'fix-error-apply');
  assert.ok(err && err.visible && err.below && err.overlapX, `the error is just under Apply fix: ${JSON.stringify(err)}`);
  assert.equal(err.role, 'alert');
  assert.match(err.text, /^The fix was not applied: the part of the engine that changes networks did not download\. Check the connection, then press Apply fix again\.$/);
  assert.equal(await page.isVisible('#notice'), false, 'nothing in the top notice');
  // The sentence is still there, and the error did not push the diagram.
  assert.ok(await page.evaluate(() => document.querySelector('#status-main').clientHeight >= 30), 'the sentence still shows');
  assert.deepEqual(await page.evaluate(() => document.querySelector('#diagram').getBoundingClientRect().top), diagramTop);
  // Nothing changed: the same block, Undo still off.
  assert.match(await page.textContent('#status-main'), /^Blocked at rtb-db/);
  assert.equal(await page.isDisabled('#undo'), true);
  // The connection back, the same button works and the error goes.
  await context.unroute(/\/pkg\/vpc_playground[^/]*$/);
  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  assert.equal(await page.$('#status .edit-error'), null, 'the error is gone once the fix applied');
  assert.deepEqual(dropDownloadNoise(from), []);
  await context.close();
});

test('Show solution that fails says why beside the lesson buttons', async () => {
  const from = problems.length;
  const { context, page } = await offlineEdits({ viewport: { width: 1400, height: 900 } });
  await open(page, base, '?lesson=peering-return-route');
  await page.click('#show-solution');
  await page.click('#solution-yes');
  await page.waitForSelector('.lesson-actions + .edit-error', { timeout: 15000 });
  const err = await besideError(page, '.lesson-actions', '#show-solution');
  await shot(page, 'fix-error-solution');
  assert.ok(err && err.visible && err.below, `the error is just under the lesson's buttons: ${JSON.stringify(err)}`);
  assert.match(err.text, /^The solution was not applied: the part of the engine that changes networks did not download\. Check the connection, then press Show solution again\.$/);
  assert.equal(await page.isVisible('#notice'), false, 'nothing in the top notice');
  assert.deepEqual(dropDownloadNoise(from), []);
  await context.close();
});

test('an engine refusal is said with what to do next (the words, beside Apply fix)', async () => {
  const { context, page } = await newPage(browser);
  await open(page, base);
  const said = await page.evaluate(async () => {
    const { plainEditError } = await import('./js/fielderror.js');
    return plainEditError('Error: rtb-db already has a route for 10.0.0.0/16 (R3).', document.querySelector('#apply-fix'));
  });
  assert.equal(said, 'The fix was not applied: rtb-db already has a route for 10.0.0.0/16. Press Send packet ▸ for a fix that matches the network as it is now.');
  await context.close();
});
