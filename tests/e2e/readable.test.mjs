// Readable by default (issue 11, item 2): in the default view, and after a result, no diagram
// text on screen is under 11 CSS px, at 1280x720 (a projector) and 390x844 (a phone). Where
// the whole diagram would be smaller than that, the view shows the flow's ends, readable, and
// after a result follows the packet to where it stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const MIN_PX = 11;

/**
 * The on-screen size of every diagram text inside the diagram's box: its font size times the
 * screen pixels per diagram unit.
 */
function textSizes(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('#diagram');
    const box = svg.getBoundingClientRect();
    const out = [];
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!r.width || r.right <= box.left || r.left >= box.right || r.bottom <= box.top || r.top >= box.bottom) continue;
      if (getComputedStyle(t).visibility === 'hidden' || t.closest('.hidden')) continue;
      out.push({ px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, text: t.textContent, cls: t.getAttribute('class') });
    }
    return out.sort((a, b) => a.px - b.px);
  });
}

/** Whether an element of the diagram is drawn inside the diagram's box. */
function inView(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return false;
    const box = document.querySelector('#diagram').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  }, sel);
}

function assertReadable(sizes, what) {
  assert.ok(sizes.length >= 5, `${what}: some text is on screen (${sizes.length})`);
  const small = sizes.filter((s) => s.px < MIN_PX - 0.01);
  assert.deepEqual(small.map((s) => `${s.cls} "${s.text}" ${s.px.toFixed(1)}px`), [], `${what}: smallest ${sizes[0].px.toFixed(1)} px`);
}

for (const [width, height] of [[1280, 720], [390, 844]]) {
  test(`${width}x${height}: the default scenario's diagram text is at least ${MIN_PX} px, before and after a result`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base);
    assertReadable(await textSizes(page), 'default view');
    assert.ok(await inView(page, '#diagram g[data-kind="instance"][data-id="eni-app1"]'), 'the source, app-1, is in view');
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at rtb-db');
    await animationDone(page);
    assertReadable(await textSizes(page), 'after the result');
    assert.ok(await inView(page, '#diagram .drop-marker:not(.hidden)'), 'the drop marker is in view');
    await page.$eval('#diagram', (e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, `readable-${width}x${height}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The zoom buttons stood over the diagram's top-right corner, over the node the view framed
// (a review measured 978 px² of the current hop's box under them at 1400x900): they are in the
// strip under the diagram now, and still zoom.
for (const [width, height, touch] of [[1280, 720, false], [1400, 900, false], [390, 844, true]]) {
  test(`${width}x${height}: the zoom buttons sit under the diagram, not over it, and zoom`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height }, hasTouch: touch, isMobile: touch });
    await open(page, base);
    await page.$eval('#diagram-view', (e) => e.scrollIntoView({ block: 'end' }));
    const boxes = await page.evaluate(() => {
      const r = (sel) => document.querySelector(sel).getBoundingClientRect().toJSON();
      return { svg: r('#diagram'), zoom: r('.zoom'), wrap: r('#diagram-view') };
    });
    const { svg, zoom, wrap } = boxes;
    assert.ok(zoom.top >= svg.bottom - 0.5, `the buttons are below the diagram: ${JSON.stringify(boxes)}`);
    assert.ok(zoom.bottom <= wrap.bottom + 0.5 && zoom.right <= wrap.right + 0.5 && zoom.left >= wrap.left, 'inside the diagram\'s frame');
    assert.ok(zoom.bottom <= height && zoom.top >= 0, 'on screen');
    const w0 = await page.$eval('#diagram', (e) => Number(e.getAttribute('viewBox').split(/\s+/)[2]));
    await page.click('#zoom-in');
    const w1 = await page.$eval('#diagram', (e) => Number(e.getAttribute('viewBox').split(/\s+/)[2]));
    assert.ok(w1 < w0 * 0.9, `+ zooms in (${w0.toFixed(0)} -> ${w1.toFixed(0)} units wide)`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('1280x720: a lesson is readable too, and Fit still shows everything', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base, '?lesson=peering-return-route');
  assertReadable(await textSizes(page), 'lesson view');
  await page.click('#zoom-fit');
  const vpcs = await page.$$eval('#diagram g.vpc', (gs) => gs.length);
  const shown = await page.evaluate(() => {
    const box = document.querySelector('#diagram').getBoundingClientRect();
    return [...document.querySelectorAll('#diagram g.vpc')].filter((g) => {
      const r = g.getBoundingClientRect();
      return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    }).length;
  });
  assert.equal(shown, vpcs, 'Fit shows every VPC whole');
  await context.close();
});
