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

// The cost lesson (issue 10 item 5): the learner reads the dated price table (the hub, the hub
// plus one peering, a peering mesh), then moves the busy pair onto a direct peering with the
// panel's forms only (new peering, accept, two route targets) while the rest stays on the hub.
test('tgw-costs: the cost table prices the hub against peering; the busy pair moves to a peering through the forms', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
  await open(page, base, '?lesson=tgw-costs');
  assert.equal(await page.textContent('#lesson-title'), 'What a hub costs');
  await page.waitForSelector('#lesson-cost svg');
  const bars = await page.$$eval('#lesson-cost .cost-row', (gs) => gs.map((g) => [g.dataset.option, g.querySelector('.cost-value').textContent]));
  // 4 attachments × $0.05 × 730 h = $146, plus $0.02 per GB processed: 21,000 GB or 1,000 GB.
  assert.deepEqual(bars, [['hub-only', '≈ $566.00'], ['hub-and-peering', '≈ $166.00'], ['peering-mesh', '$0.00']]);
  const cost = await page.textContent('#lesson-cost');
  assert.match(cost, /What 21,000 GB a month between the four VPCs costs in us-east-1/);
  assert.match(cost, /\$0\.05\/h × 730 h × 4 attachments \+ \$0\.02\/GB × 21,000 GB = \$566\.00 a month/);
  assert.match(cost, /VPC peering, both ends in one AZ: no hourly charge \+ no per-GB charge for 20,000 GB/);
  assert.match(cost, /as of 2026-11-30/);
  assert.match(cost, /unconfirmed: hourly and per GB price/);
  // Only the sources about these rows: the hub's and peering's, not the NAT gateway's.
  assert.match(cost, /Sources \(5\)/);
  assert.doesNotMatch(cost, /NAT gateway \$0\.045/);
  await page.$eval('#lesson-cost', (e) => e.scrollIntoView());
  await shot(page, 'tgw-costs-table');
  assert.deepEqual(await goalStates(page), ['unmet', 'unmet', 'met', 'met']);

  await page.click('#send');
  await statusStartsWith(page, 'Reachable');
  assert.match(await page.textContent('#status-path'), /tgw-rtb-hub/);

  // A new peering connection from the panel: web requests, analytics accepts.
  await page.selectOption('#net-select', '+pcx');
  await page.selectOption('#net-body label:has-text("Requester VPC") select', 'vpc-web');
  await page.selectOption('#net-body label:has-text("Accepter VPC") select', 'vpc-analytics');
  await page.click('#net-body button[type="submit"]');
  await page.waitForFunction(() => [...document.querySelectorAll('#net-select option')].some((o) => o.value === 'pcx-web-analytics'));
  await page.selectOption('#net-select', 'pcx-web-analytics');
  await page.click('#net-body button[aria-label="Accept pcx-web-analytics"]');
  await page.waitForFunction(() => /active/.test(document.querySelector('#net-body')?.textContent || ''));
  // The request to the peering; the reply still crosses the hub, so one goal stays unmet.
  await page.selectOption('#rt-select', 'rtb-web');
  await page.selectOption('#rt-body select[aria-label="Target of route 10.3.0.0/16"]', 'pcx-web-analytics');
  await statusStartsWith(page, 'Reachable');
  await page.waitForFunction(() => /pcx-web-analytics/.test(document.querySelector('#status-path')?.textContent || ''));
  assert.deepEqual(await goalStates(page), ['met', 'unmet', 'met', 'met']);
  await page.selectOption('#rt-select', 'rtb-analytics');
  await page.selectOption('#rt-body select[aria-label="Target of route 10.1.0.0/16"]', 'pcx-web-analytics');
  await page.waitForFunction(() => [...document.querySelectorAll('#lesson-goals .goal')].every((g) => g.classList.contains('met')));
  assert.equal(await page.isVisible('#lesson-done'), true);
  assert.doesNotMatch(await page.textContent('#status-path'), /tgw-rtb-hub/);
  await animationDone(page);
  await shot(page, 'tgw-costs-solved');
  await context.close();
  assert.deepEqual(problems, []);
});
