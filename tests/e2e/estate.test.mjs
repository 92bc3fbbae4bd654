// Big estates on the page (issue 11 items 2 and 3): a 100-VPC estate behind one transit gateway
// (tests/e2e/estate-gen.mjs) at 1280x720 (and 1400x900, 390x844 for the result). It loads
// collapsed but for the flow's ends. A blocked trace's result turns "Focus the path" on by itself
// (pressed; before, a view of every hop left the text 2-4 px and nothing suggested the button):
// the view is readable (every text of the path's nodes on screen >= 11 px) with the drop marker
// (>= 12x12 px) and its node in view, also after an animated run; turned off it stays off, and
// every VPC is back in its grid cell. At Fit the drop marker is still >= 12x12 px. Collapse all /
// Expand all keep every VPC in its column and the VPC in the middle of the view where it was,
// zoomed in around it when the view (Fit) made its header text under 11 px. Search finds an
// instance by IP and by name, a subnet by an address in its block, and goes there (expanding its
// VPC), from the keyboard. The transit gateway lesson's hub is on screen in the default view at
// 1280x720. The side panels' long lists (route tables, the edit list) are filled after the
// estate's diagram is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems } from './harness.mjs';
import { estate } from './estate-gen.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const VPCS = 100;
/** 11 CSS px (issue 11 item 2), less a rounding error (the scale is exactly 11 px / 9.5 units), as readable.test.mjs. */
const MIN_PX = 11 - 0.01;
const SIZE = { width: 1280, height: 720 };

/** Loads the 100-VPC estate through the paste box and waits for its diagram. */
async function loadEstate(page) {
  await open(page, base);
  await page.fill('#paste', JSON.stringify(estate(VPCS)));
  await page.click('#paste-load');
  await page.waitForFunction((n) => document.querySelectorAll('#diagram g.vpc').length === n, VPCS, { timeout: 30000 });
}

/** The screen box of an element and of the diagram, and whether the first is inside the second. */
function boxIn(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const svg = document.querySelector('#diagram').getBoundingClientRect();
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const inside = r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5 && r.top >= svg.top - 0.5 && r.bottom <= svg.bottom + 0.5;
    return { w: r.width, h: r.height, x: r.left, y: r.top, inside };
  }, sel);
}

/** Every drawn node on the path, with whether its centre is inside the diagram's box. */
function pathNodes(page, cls = '.on-path') {
  return page.$$eval(`#diagram .node${cls}`, (els) => {
    const svg = document.querySelector('#diagram').getBoundingClientRect();
    return els.map((e) => {
      const r = e.getBoundingClientRect();
      const c = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      return { id: e.getAttribute('data-key'), inside: c.x >= svg.left && c.x <= svg.right && c.y >= svg.top && c.y <= svg.bottom };
    });
  });
}

/** Each VPC's box in diagram units. */
const vpcBoxes = async (page) => new Map(await page.$$eval('#diagram g.vpc', (els) => els.map((e) => {
  const b = e.querySelector('.vpc-box');
  return [e.getAttribute('data-id'), { x: +b.getAttribute('x'), y: +b.getAttribute('y'), h: +b.getAttribute('height') }];
})));

/**
 * The on-screen size (font size x screen px per unit) of every text of the nodes on the path
 * (and of the blocked one) that is inside the diagram's box, smallest first: as readable.test.mjs measures.
 */
function pathTextPx(page) {
  return page.$$eval('#diagram .node.on-path text, #diagram .node.blocked text', (ts) => ts
    .filter((t) => {
      const box = document.querySelector('#diagram').getBoundingClientRect();
      const r = t.getBoundingClientRect();
      const on = r.width && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
      return on && !t.closest('.hidden');
    })
    .map((t) => ({ px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, text: t.textContent }))
    .sort((a, b) => a.px - b.px));
}

/** The on-screen size of every VPC header text in the diagram's box, smallest first. */
function headerTextPx(page) {
  return page.$$eval('#diagram .vpc-header text', (ts) => ts
    .filter((t) => {
      const box = document.querySelector('#diagram').getBoundingClientRect();
      const r = t.getBoundingClientRect();
      return r.width && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
    })
    .map((t) => ({ px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, text: t.textContent }))
    .sort((a, b) => a.px - b.px));
}

const collapsedIds = (page) => page.$$eval('#diagram g.vpc.collapsed', (els) => els.map((e) => e.getAttribute('data-id')).sort());
const vpcXs = (page) => page.$$eval('#diagram g.vpc', (els) => els.map((e) => [e.getAttribute('data-id'), e.querySelector('.vpc-box').getAttribute('x')]));

/**
 * After a blocked trace on the estate: "Focus the path" turned on by the result (pressed), the
 * VPCs off the path collapsed, the drop marker on screen and at least 12x12 px, the dropped-at
 * node on screen, and every text of the path's nodes on screen (the source's when in view, the
 * drop's component's) at least 11 px (issue 11 items 2 and 3).
 */
async function assertReadableResult(page, where) {
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'true', `${where}: Focus the path is on, pressed`);
  assert.match(await page.getAttribute('#focus-path', 'title'), /show every VPC/, `${where}: its title says how to leave it`);
  const collapsed = await collapsedIds(page);
  assert.equal(collapsed.length, VPCS - 2, `${where}: the VPCs off the path are collapsed`);
  const marker = await boxIn(page, '#diagram .drop-marker');
  assert.ok(marker.w >= 12 && marker.h >= 12, `${where}: drop marker ${marker.w.toFixed(1)}x${marker.h.toFixed(1)} px`);
  assert.ok(marker.inside, `${where}: the drop marker is on screen`);
  const dropped = (await pathNodes(page, '.blocked')).find((n) => /db77/.test(n.id || ''));
  assert.ok(dropped && dropped.inside, `${where}: the dropped-at node is on screen (${JSON.stringify(dropped)})`);
  const px = await pathTextPx(page);
  assert.ok(px.some((t) => /db-77/.test(t.text)), `${where}: the drop's component's label is on screen (${px.map((t) => t.text)})`);
  assert.ok(px[0].px >= MIN_PX, `${where}: the smallest text on the path is ${px[0].px.toFixed(1)} px ("${px[0].text}")`);
  return px;
}

test('100 VPCs: a blocked trace ends in a readable view of its path, Focus the path on by itself', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await loadEstate(page);
  // Drawn collapsed but for the VPCs of the flow's ends (app-3 -> db-77).
  const collapsed = await collapsedIds(page);
  assert.equal(collapsed.length, VPCS - 2);
  assert.ok(!collapsed.includes('vpc-team3') && !collapsed.includes('vpc-team77'));
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'false', 'off before the first result');
  await page.click('#send');
  const status = await statusStartsWith(page, 'Blocked at');
  assert.match(status, /sg-db77|i-db77/);
  await animationDone(page);
  // The view of every hop made the text 2-4 px (review E1): the result now turns Focus the
  // path on and the view is readable where the packet stopped, not every hop.
  await assertReadableResult(page, '1280x720');
  const hops = await pathNodes(page);
  assert.ok(hops.length >= 4, `${hops.length} nodes on the path`);
  // The hub is on the path; drawn beside the path's VPCs, it is in view with the drop where both
  // fit at a readable scale.
  assert.ok(hops.some((n) => n.id === 'tgw-hub'), 'the transit gateway is on the path');
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
  await shot(page, 'estate-100-after');

  // At Fit, 100 VPCs are small; the marker is not.
  await page.click('#focus-path');
  await page.click('#zoom-fit');
  const fitted = await boxIn(page, '#diagram .drop-marker');
  assert.ok(fitted.w >= 12 && fitted.h >= 12, `at Fit the drop marker is ${fitted.w.toFixed(1)}x${fitted.h.toFixed(1)} px`);
  const sub = await page.$eval('#diagram .vpc-sub', (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  assert.ok(sub < 6, `Fit makes the text small (${sub.toFixed(1)} px), which is why the marker is counter-scaled`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [w, hgt] of [[1400, 900], [390, 844]]) {
  test(`100 VPCs at ${w}x${hgt}: the result's path and drop are readable without a click`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width: w, height: hgt } });
    await loadEstate(page);
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at');
    await animationDone(page);
    await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
    await assertReadableResult(page, `${w}x${hgt}`);
    // The hub the packet crossed is kept in view where it fits with the drop at a readable
    // scale: at 1400x900 it does (at 1280x720 and on a phone the view has no room for both).
    if (w === 1400) assert.ok((await boxIn(page, '#diagram .node[data-id="tgw-hub"]')).inside, 'the hub is in view');
    await shot(page, `estate-100-after-${w}x${hgt}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('100 VPCs, animated: the view follows the packet, then is back on the readable drop when it arrives', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE, reducedMotion: 'no-preference' });
  await loadEstate(page);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await animationDone(page);
  // Whatever the view did following the packet, at its last stop it is the result's view
  // (main.js goes back to showResult there; on this estate the follow alone also ends with the
  // drop in view, so this asserts the outcome, not that step).
  await page.waitForTimeout(100);
  await assertReadableResult(page, 'animated 1280x720');
  assert.deepEqual(problems, []);
  await context.close();
});

test('100 VPCs: the side panels fill after the diagram is drawn, with every route table and resource', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await open(page, base);
  // What the panels hold when the new diagram goes into the SVG (a MutationObserver runs
  // right after the task that drew it): nothing yet, and nothing of the old scenario.
  await page.evaluate(() => {
    const seen = /** @type {any} */ (window);
    new MutationObserver((_, obs) => {
      if (document.querySelectorAll('#diagram g.vpc').length < 100) return;
      seen.panelsAtDraw = {
        tables: document.querySelectorAll('#rt-select option').length,
        items: document.querySelectorAll('#net-select option').length,
        rows: document.querySelectorAll('#rt-body tr').length,
      };
      obs.disconnect();
    }).observe(document.querySelector('#diagram'), { childList: true });
  });
  assert.ok(await page.evaluate(() => document.querySelectorAll('#rt-select option').length) > 0, 'the default scenario\'s tables are listed');
  const doc = estate(VPCS);
  await page.fill('#paste', JSON.stringify(doc));
  await page.click('#paste-load');
  await page.waitForFunction((n) => document.querySelectorAll('#diagram g.vpc').length === n, VPCS, { timeout: 30000 });
  const atDraw = await page.evaluate(() => /** @type {any} */ (window).panelsAtDraw);
  assert.deepEqual(atDraw, { tables: 0, items: 0, rows: 0 }, 'the panels wait for the diagram, emptied');
  // Then every table of the estate is listed, the first one's routes shown, and the edit list
  // has every VPC.
  await page.waitForFunction((n) => document.querySelectorAll('#rt-select option').length >= n, doc.route_tables.length, { timeout: 10000 });
  const ids = await page.$$eval('#rt-select option', (os) => os.map((o) => o.value));
  for (const t of doc.route_tables) assert.ok(ids.includes(t.id), `${t.id} is listed`);
  assert.ok(await page.$$eval('#rt-body tr', (rs) => rs.length) > 0, 'the chosen table\'s routes are shown');
  const items = await page.$$eval('#net-select option', (os) => os.map((o) => o.value));
  for (const v of doc.vpcs) assert.ok(items.some((i) => i.includes(v.id)), `${v.id} is in the edit list`);
  // Picking a table then shows it at once (the estate is drawn: nothing waits any more).
  await page.selectOption('#rt-select', 'rtb-team99');
  await page.waitForFunction(() => /subnet-app99, subnet-db99/.test(document.querySelector('#rt-info').textContent || ''), null, { timeout: 10000 });
  assert.ok(await page.$('#rt-body select[aria-label="Target of route 10.0.0.0/8"]'), 'its route to the hub is shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scenario of 200 KB to 1 MB goes in the JSON editor after the diagram is drawn, and can be applied then', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await open(page, base);
  const doc = { ...estate(VPCS), description: 'x'.repeat(300_000) };
  await page.setInputFiles('#file-input', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await page.waitForFunction((n) => document.querySelectorAll('#diagram g.vpc').length === n, VPCS, { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('#editor').value.length > 300_000, null, { timeout: 10000 });
  assert.equal(JSON.parse(await page.$eval('#editor', (e) => e.value)).vpcs.length, VPCS);
  assert.equal(await page.isDisabled('#editor-apply'), false);
  assert.equal(await page.isVisible('#editor'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('100 VPCs: Focus the path collapses the VPCs the packet does not cross, and off brings them back', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await loadEstate(page);
  await page.click('#expand-all');
  assert.deepEqual(await collapsedIds(page), []);
  const gridXs = await vpcXs(page);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await animationDone(page);
  // The first result turned it on (it was pressed by hand before: its premise changed).
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'true');
  const collapsed = await collapsedIds(page);
  assert.equal(collapsed.length, VPCS - 2);
  assert.ok(!collapsed.includes('vpc-team3') && !collapsed.includes('vpc-team77'), 'the VPCs on the path stay open');
  const marker = await boxIn(page, '#diagram .drop-marker');
  assert.ok(marker.inside && marker.w >= 12, 'the drop is still in view');
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
  await shot(page, 'estate-100-focus');
  // The path's VPCs side by side (team-3, the source, first), the rest in a strip below them.
  const boxes = await vpcBoxes(page);
  const [src, dst] = [boxes.get('vpc-team3'), boxes.get('vpc-team77')];
  assert.ok(src.x < dst.x && src.y === dst.y, `the ends' VPCs in one row (${src.x},${src.y} / ${dst.x},${dst.y})`);
  const strip = [...boxes].filter(([id]) => collapsed.includes(id)).map(([, b]) => b);
  assert.ok(strip.every((b) => b.y > src.y + src.h), 'every other VPC is below them');
  // Readable (as readable.test.mjs measures): every text of the path's components on screen.
  const px = await pathTextPx(page);
  assert.ok(px.length >= 3, `${px.length} texts on the path on screen: ${JSON.stringify(px)}`);
  assert.ok(px[0].px >= MIN_PX, `the smallest text on the path is ${px[0].px.toFixed(1)} px ("${px[0].text}")`);
  // The node where it was dropped is on screen, readable.
  const dropped = (await pathNodes(page, '.blocked')).find((n) => /db77/.test(n.id || ''));
  assert.ok(dropped && dropped.inside, `the dropped-at node is on screen (${JSON.stringify(dropped)})`);
  await page.click('#focus-path');
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'false');
  assert.deepEqual(await collapsedIds(page), [], 'off: back to what was collapsed before');
  assert.deepEqual(await vpcXs(page), gridXs, 'off: every VPC back in its grid cell');
  // Off sticks: the next result does not turn it on again.
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await animationDone(page);
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'false', 'turned off, it stays off');
  assert.deepEqual(await collapsedIds(page), []);
  // And on by hand again: the path's VPCs only.
  await page.click('#focus-path');
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'true');
  assert.equal((await collapsedIds(page)).length, VPCS - 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('100 VPCs: Collapse all and Expand all keep the columns and the view on the VPC it showed', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await loadEstate(page);
  await page.click('#expand-all');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await animationDone(page);
  // The result turned Focus the path on (its own layout); off, the grid is back. Then Fit,
  // where headers are 1-2 px: Collapse all zooms in to a readable scale (review P5).
  await page.click('#focus-path');
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'false');
  await page.click('#zoom-fit');
  // The VPC header nearest the middle of the view, before and after.
  const middle = () => page.evaluate(() => {
    const svg = document.querySelector('#diagram').getBoundingClientRect();
    const c = { x: svg.left + svg.width / 2, y: svg.top + svg.height / 2 };
    let best = null;
    for (const g of document.querySelectorAll('#diagram g.vpc')) {
      const r = g.querySelector('.vpc-header-hit').getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - c.x, r.top + r.height / 2 - c.y);
      if (!best || d < best.d) best = { id: g.getAttribute('data-id'), d, x: r.left - svg.left, y: r.top - svg.top };
    }
    return best;
  });
  // On screen, in the diagram's box (the page may scroll to bring a button into view).
  const headerAt = (id) => page.$eval(`#diagram g.vpc[data-id="${id}"] .vpc-header-hit`, (e) => {
    const r = e.getBoundingClientRect();
    const svg = document.querySelector('#diagram').getBoundingClientRect();
    return { x: r.left - svg.left, y: r.top - svg.top };
  });
  const xs = await vpcXs(page);
  const before = await middle();
  assert.ok(before.y > 0 && before.y < 378, 'the header in the middle is on screen');
  await page.click('#collapse-all');
  assert.equal((await collapsedIds(page)).length, VPCS);
  assert.deepEqual(await vpcXs(page), xs, 'every VPC keeps its column');
  const after = await headerAt(before.id);
  assert.ok(Math.abs(after.x - before.x) < 1 && Math.abs(after.y - before.y) < 1,
    `${before.id} stays where it was on screen (${before.x.toFixed(0)},${before.y.toFixed(0)} -> ${after.x.toFixed(0)},${after.y.toFixed(0)})`);
  // Every VPC header's text in view is readable.
  const headers = await headerTextPx(page);
  assert.ok(headers.length >= 4, `${headers.length} VPC header texts in view`);
  assert.ok(headers[0].px >= MIN_PX, `the smallest VPC header text in view is ${headers[0].px.toFixed(1)} px ("${headers[0].text}")`);
  // The drop's component is collapsed away: the callout does not float pointing at nothing.
  const floating = await page.evaluate(() => {
    const c = document.querySelector('#packet-callout');
    return !c.classList.contains('hidden') && getComputedStyle(c).visibility !== 'hidden';
  });
  assert.equal(floating, false, 'no callout once its stop is out of view');
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
  await shot(page, 'estate-100-collapsed');
  const mid = await middle();
  await page.click('#expand-all');
  assert.deepEqual(await collapsedIds(page), []);
  assert.deepEqual(await vpcXs(page), xs);
  const back = await headerAt(mid.id);
  assert.ok(Math.abs(back.x - mid.x) < 1 && Math.abs(back.y - mid.y) < 1, `${mid.id} stays where it was on screen`);
  assert.deepEqual(problems, []);
  await context.close();
});

// From "Focus the path"'s own layout (the path's VPCs first), Collapse all left the view on
// unrelated VPCs and the drop marker 2,500 px off screen (a review; the relayout did not
// recognise the same VPCs in another order). The VPC the view was on, the drop's, stays put.
test('100 VPCs: Collapse all right after a result keeps the drop in view; Expand all brings the path back', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await loadEstate(page);
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at');
  await animationDone(page);
  assert.equal(await page.getAttribute('#focus-path', 'aria-pressed'), 'true', 'the result turned Focus the path on');
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
  const before = await boxIn(page, '#diagram .drop-marker:not(.hidden)');
  assert.ok(before.inside, `the drop marker is in view after the result: ${JSON.stringify(before)}`);
  await page.click('#collapse-all');
  assert.equal((await collapsedIds(page)).length, VPCS);
  const collapsed = await boxIn(page, '#diagram .drop-marker:not(.hidden)');
  assert.ok(collapsed && collapsed.inside && collapsed.w >= 12, `after Collapse all the drop marker is in view: ${JSON.stringify(collapsed)}`);
  assert.ok((await boxIn(page, '#diagram g.vpc[data-id="vpc-team77"] .vpc-title')).inside, "the drop's VPC title is in view");
  await page.click('#expand-all');
  const back = await boxIn(page, '#diagram .drop-marker:not(.hidden)');
  assert.ok(back.inside, `after Expand all the drop marker is in view: ${JSON.stringify(back)}`);
  assert.ok((await pathTextPx(page)).length > 0 && (await pathTextPx(page))[0].px >= MIN_PX, 'the path around it is readable');
  assert.deepEqual(problems, []);
  await context.close();
});

test('100 VPCs: search by IP, by name and by an address in a subnet, from the keyboard', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await loadEstate(page);
  const results = () => page.$$eval('#find-results li', (ls) => ls.map((l) => l.textContent));
  // By IP: the instance with that address, first.
  await page.focus('#find');
  await page.keyboard.type('10.42.2.10');
  await page.waitForSelector('#find-results li.find-item');
  const byIp = await results();
  assert.match(byIp[0], /^instance\s*db-42\s*i-db42 · has 10\.42\.2\.10/);
  assert.ok(byIp.some((t) => /^subnet\s*db-42/.test(t)), 'the subnet whose block holds it is listed too');
  assert.equal(await page.getAttribute('#find', 'aria-expanded'), 'true');
  assert.ok((await collapsedIds(page)).includes('vpc-team42'));
  await page.keyboard.press('Enter');
  // Its VPC is expanded and the view is on it, readable.
  assert.ok(!(await collapsedIds(page)).includes('vpc-team42'));
  const found = await boxIn(page, '#diagram .node.found');
  assert.ok(found && found.inside, 'the instance found is on screen');
  assert.equal(await page.getAttribute('#diagram .node.found', 'data-owner'), 'i-db42');
  const px = await page.$eval('#diagram .node.found .node-label', (t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  assert.ok(px >= 11, `its label is ${px.toFixed(1)} px`);
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
  await shot(page, 'estate-100-search');

  // By name, picked with the arrow keys.
  await page.fill('#find', '');
  await page.focus('#find');
  await page.keyboard.type('app-58');
  await page.waitForSelector('#find-results li.find-item');
  assert.match((await results())[0], /^instance\s*app-58\s*i-app58 · name/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#find', 'aria-activedescendant'), 'find-0');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#diagram .node.found', 'data-owner'), 'i-app58');
  assert.ok((await boxIn(page, '#diagram .node.found')).inside);

  // An address no instance has: the subnet and the VPC whose blocks hold it, smallest first.
  await page.fill('#find', '');
  await page.focus('#find');
  await page.keyboard.type('10.7.1.200');
  await page.waitForSelector('#find-results li.find-item');
  const inBlock = await results();
  assert.match(inBlock[0], /^subnet\s*app-7\s*subnet-app7 · 10\.7\.1\.0\/24 holds 10\.7\.1\.200/);
  assert.match(inBlock[1], /^VPC\s*team-7\s*vpc-team7 · 10\.7\.0\.0\/16 holds/);
  // Nothing: said so; Escape closes the list.
  await page.fill('#find', 'no-such-thing');
  assert.deepEqual(await results(), ['Nothing in this network matches.']);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#find-results'), false);
  // A name is text, not markup.
  await page.fill('#find', '<img src=x onerror=alert(1)>');
  assert.equal(await page.$$eval('#find-results img', (l) => l.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the transit gateway lesson at 1280x720: the hub is on screen in the default view and after a result', async () => {
  const { context, page } = await newPage(browser, { viewport: SIZE });
  await open(page, base, '?lesson=tgw-transitive');
  const hub = '#diagram .node[data-id="tgw-hub"]';
  assert.ok((await boxIn(page, hub)).inside, 'the hub is in the default view');
  await page.click('#send');
  await statusStartsWith(page, 'Blocked at pcx-shared-web');
  await animationDone(page);
  const marker = await boxIn(page, '#diagram .drop-marker');
  assert.ok(marker.inside && marker.w >= 12, 'the drop at the peering connection is in view');
  // Web's route to reports through the hub: the request crosses it, the reply is dropped.
  await page.selectOption('#rt-select', 'rtb-web');
  await page.selectOption('#rt-body select[aria-label="Target of route 10.2.0.0/16"]', 'tgw-hub');
  await statusStartsWith(page, 'Blocked at pcx-shared-reports');
  await page.click('#send');
  await animationDone(page);
  assert.equal(await page.$eval(hub, (e) => e.classList.contains('on-path')), true);
  // At 1280x720 the result's text and the player leave the diagram about 240 px: the view
  // keeps the drop readable, and the hub it passed may be off it (closing note, issue 11).
  const drop = await boxIn(page, '#diagram .drop-marker');
  assert.ok(drop.inside && drop.w >= 12, 'the drop is in view after the result');
  await shot(page, 'estate-tgw-lesson-after');
  // Fit shows the whole path: the hub the request crossed, and the drop.
  await page.click('#zoom-fit');
  assert.ok((await boxIn(page, hub)).inside, 'at Fit the hub on the path is in view');
  assert.ok((await boxIn(page, '#diagram .drop-marker')).inside, 'and so is the drop');
  assert.deepEqual(problems, []);
  await context.close();
});
