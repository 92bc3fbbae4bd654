// A phone (issue 11 item 9), 390x844 with touch: the lesson's text comes first, Send scrolls
// the diagram into view, a vertical swipe on the diagram scrolls the page (not the diagram),
// two fingers zoom the diagram, and nothing is cut off sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

const top = (page, sel) => page.$eval(sel, (e) => e.getBoundingClientRect().top + scrollY);
const viewBoxWidth = (page) => page.$eval('#diagram', (e) => Number(e.getAttribute('viewBox').split(/\s+/)[2]));

test('390x844: a lesson reads first, Send brings the diagram into view, nothing is cut off sideways', async () => {
  const { context, page } = await newPage(browser, PHONE);
  await open(page, base, '?lesson=peering-return-route');
  const order = { lesson: await top(page, '#lesson-title'), story: await top(page, '#lesson-story'), flow: await top(page, '#flow'), diagram: await top(page, '#diagram-view') };
  assert.ok(order.lesson < order.flow && order.story < order.flow && order.flow < order.diagram, `lesson, then the form, then the diagram: ${JSON.stringify(order)}`);
  assert.ok(order.lesson < 844, 'the lesson title is on the first screen');
  await shot(page, 'phone-lesson');
  const wide = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(wide <= 390, `no sideways scrolling (page ${wide} px wide)`);
  // The diagram is below the first screen; Send (a tap) scrolls it into view.
  const before = await page.$eval('#diagram-view', (e) => e.getBoundingClientRect().top);
  assert.ok(before > 844, `the diagram starts below the first screen (${before})`);
  await page.tap('#send');
  await statusStartsWith(page, 'Blocked at');
  await page.waitForTimeout(200);
  const r = await page.$eval('#diagram-view', (e) => {
    const b = e.getBoundingClientRect();
    return { top: b.top, bottom: b.bottom };
  });
  assert.ok(r.top >= 0 && r.bottom <= 844, `the diagram is on screen after Send: ${JSON.stringify(r)}`);
  const callout = await page.$eval('#packet-callout', (e) => ({ hidden: e.classList.contains('hidden'), ...e.getBoundingClientRect().toJSON() }));
  assert.ok(!callout.hidden && callout.right <= 390 && callout.left >= 0, `the packet's callout fits the phone: ${JSON.stringify(callout)}`);
  assert.ok((await page.evaluate(() => document.scrollingElement.scrollWidth)) <= 390, 'still no sideways scrolling');
  await shot(page, 'phone-after-send');
  assert.deepEqual(problems, []);
  await context.close();
});

test('390x844: a vertical swipe on the diagram scrolls the page; two fingers zoom the diagram', async () => {
  const { context, page } = await newPage(browser, PHONE);
  await open(page, base);
  await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'start' }));
  const box = await page.$eval('#diagram', (e) => e.getBoundingClientRect().toJSON());
  const cdp = await context.newCDPSession(page);
  const y0 = await page.evaluate(() => scrollY);
  const vb0 = await page.$eval('#diagram', (e) => e.getAttribute('viewBox'));
  // One finger drawn up the diagram, as a thumb does.
  const x = Math.round(box.left + box.width / 2);
  let y = Math.round(box.top + box.height * 0.8);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 0; i < 12; i++) {
    y -= 20;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(300);
  const y1 = await page.evaluate(() => scrollY);
  assert.ok(y1 > y0 + 100, `the page scrolled (${y0} -> ${y1})`);
  assert.equal(await page.$eval('#diagram', (e) => e.getAttribute('viewBox')), vb0, 'the diagram did not pan');

  // A pinch: two fingers on the diagram move apart (once the swipe's fling has settled).
  await page.waitForFunction(() => new Promise((ok) => {
    const y = scrollY;
    setTimeout(() => ok(scrollY === y), 400);
  }));
  // On a loaded machine the fling can carry the page past the diagram (the fingers then landed
  // above the screen, on the page, and nothing zoomed): bring it back, as a user would.
  await page.$eval('#diagram', (e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => new Promise((ok) => {
    const y = scrollY;
    setTimeout(() => ok(scrollY === y), 200);
  }));
  const y2 = await page.evaluate(() => scrollY);
  // Pinch zoom is a module the page loads on a touch screen (js/touch.js): wait until it is on.
  await page.waitForSelector('#diagram[data-pinch="on"]', { state: 'attached' });
  const d = await page.$eval('#diagram', (e) => e.getBoundingClientRect().toJSON());
  const cx = Math.round(d.left + d.width / 2);
  // The middle of the diagram's part on screen; both fingers must land on the diagram.
  const cy = Math.round((Math.max(d.top, 0) + Math.min(d.bottom, 844)) / 2);
  const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('#diagram') !== null, [cx, cy]);
  assert.ok(under, `the pinch's middle (${cx}, ${cy}) is on the diagram: ${JSON.stringify(d)}`);
  const w0 = await viewBoxWidth(page);
  const fingers = (s) => [{ x: cx - s, y: cy, id: 1 }, { x: cx + s, y: cy, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(30) });
  // Fingers rest a moment before they spread, as a hand does (it failed once in a loaded full
  // run with the moves sent at once after the touch: the view did not change).
  await page.waitForTimeout(100);
  for (const s of [45, 60, 75, 90]) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(s) });
    await page.waitForTimeout(20);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(100);
  const w1 = await viewBoxWidth(page);
  assert.ok(w1 < w0 * 0.6, `spreading two fingers zooms in (view ${w0.toFixed(0)} -> ${w1.toFixed(0)} units wide)`);
  assert.equal(await page.evaluate(() => scrollY), y2, 'the pinch did not scroll the page');
  await shot(page, 'phone-pinched');
  assert.deepEqual(problems, []);
  await context.close();
});
