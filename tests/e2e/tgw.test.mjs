// The transit-gateway lesson played in Chromium as a learner would (issue 10 item 4): the hub
// is drawn, the packet is stopped at the peering connection (peering is not transitive), the
// learner points both VPC routes at the hub in the route editor, the packet goes through the
// hub and the goals are met; then the hub's route table in the panel, where turning a
// propagation off drops the packet at the hub and marks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const goalStates = (page) => page.$$eval('#lesson-goals .goal', (ls) => ls.map((l) => (l.classList.contains('met') ? 'met' : 'unmet')));
const hub = '#diagram .node[data-id="tgw-hub"]';

test('tgw-transitive: blocked at the peering, both routes to the hub, reachable through it, goals met', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base, '?lesson=tgw-transitive');
  assert.equal(await page.textContent('#lesson-title'), 'One transit gateway instead of a peering mesh');
  // The hub and one link per attachment are drawn before any packet.
  assert.equal(await page.isVisible(hub), true);
  assert.match(await page.textContent(hub), /Transit gateway hub/);
  assert.equal(await page.$$eval('#diagram .tgw-link', (ls) => ls.length), 3);
  assert.deepEqual(await goalStates(page), ['unmet', 'met']);

  await page.click('#send');
  const blocked = await statusStartsWith(page, 'Blocked at pcx-shared-web');
  assert.match(blocked, /pcx-shared-web/);
  assert.match(await page.textContent('#status'), /not transitive/);
  // The refusal names the hub both VPCs are attached to, not a third peering connection.
  assert.match(await page.textContent('#status'), /also attached to transit gateway tgw-hub, which routes transitively/);
  assert.doesNotMatch(await page.textContent('#status'), /Create a peering connection/);
  await animationDone(page);
  await shot(page, 'tgw-lesson-blocked');

  // The fix by hand: rtb-web's route to reports, then rtb-reports' reply route, to the hub.
  await page.selectOption('#rt-select', 'rtb-web');
  await page.selectOption('#rt-body select[aria-label="Target of route 10.2.0.0/16"]', 'tgw-hub');
  // The request now crosses the hub; the reply still goes to the peering connection.
  await statusStartsWith(page, 'Blocked at pcx-shared-reports');
  await page.selectOption('#rt-select', 'rtb-reports');
  await page.selectOption('#rt-body select[aria-label="Target of route 10.1.0.0/16"]', 'tgw-hub');
  await statusStartsWith(page, 'Reachable');
  await page.waitForSelector('#lesson-goals .goal.met + .goal.met, #lesson-goals .goal.met:first-child');
  await page.waitForFunction(() => [...document.querySelectorAll('#lesson-goals .goal')].every((g) => g.classList.contains('met')));
  assert.deepEqual(await goalStates(page), ['met', 'met']);
  assert.equal(await page.isVisible('#lesson-done'), true);
  await animationDone(page);
  // The path goes through the hub and the attachments' links.
  assert.equal(await page.$eval(hub, (e) => e.classList.contains('on-path')), true);
  assert.equal(await page.$eval('#diagram .tgw-link[data-link="tgw-attach-web"]', (e) => e.classList.contains('on-path')), true);
  await shot(page, 'tgw-lesson-reachable');

  // The whole network, as a learner sees it after Fit: the hub above the three VPCs.
  await page.click('#zoom-fit');
  await shot(page, 'tgw-lesson-fit');
  // The hub opens its route table in the panel: routes, associations, propagations.
  await page.click(hub);
  assert.equal(await page.$eval('#net-select', (e) => e.value), 'tgw-rtb-hub');
  const routes = await page.textContent('#net-body table');
  assert.match(routes, /10\.2\.0\.0\/16\s*tgw-attach-reports\s*propagated\s*active/);
  // Without the reports attachment's propagation the hub has no route to reports: dropped there.
  await page.uncheck('#net-body input[aria-label="Propagate tgw-attach-reports into tgw-rtb-hub"]');
  await statusStartsWith(page, 'Blocked at tgw-rtb-hub');
  await animationDone(page);
  assert.equal(await page.$eval(hub, (e) => e.classList.contains('blocked')), true);
  assert.equal(await page.isVisible('#diagram .drop-marker:not(.hidden)'), true);
  await shot(page, 'tgw-blocked-at-hub');
  await context.close();
  assert.deepEqual(problems, []);
});
