// The screenshots issue 11 asks for (the default page, a lesson, an embed, a phone, each after
// a result), saved under artifacts/screenshots/screen-*.png to be looked at; and what looking
// at them found: a node's label ran into its kind badge ("Internet gateway" over "IGW"), and
// the mouse hint sat over the diagram's top row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** Pairs of diagram texts in one node that overlap on screen (label, badge, second line). */
function collisions(page) {
  return page.evaluate(() => {
    const out = [];
    for (const g of document.querySelectorAll('#diagram g.node')) {
      const ts = [...g.querySelectorAll(':scope > text')].filter((t) => t.textContent.trim());
      for (let i = 0; i < ts.length; i++) {
        for (let j = i + 1; j < ts.length; j++) {
          const a = ts[i].getBoundingClientRect();
          const b = ts[j].getBoundingClientRect();
          if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
            out.push(`${g.dataset.id}: "${ts[i].textContent}" / "${ts[j].textContent}"`);
          }
        }
      }
    }
    return out;
  });
}

const LESSONS = ['', '?lesson=no-edge-to-edge', '?lesson=gateway-endpoint', '?lesson=vpn-endpoints', '?lesson=tgw-transitive', '?lesson=private-to-public-service'];

test('no node label runs into its badge or second line, zoomed in and at Fit', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1400, height: 900 } });
  let igw = 0;
  for (const q of LESSONS) {
    await open(page, base, q);
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    assert.deepEqual(await collisions(page), [], `${q || 'default'} zoomed in`);
    await page.click('#zoom-fit');
    assert.deepEqual(await collisions(page), [], `${q || 'default'} at Fit`);
    igw += await page.$$eval('#diagram g.kind-internet-gateway', (l) => l.length);
  }
  assert.ok(igw > 0, 'an internet gateway was among the nodes checked');
  await context.close();
  // The badge stays where there is room: an instance keeps its EC2.
  const fresh = await newPage(browser, { viewport: { width: 1400, height: 900 } });
  await open(fresh.page, base);
  assert.equal(await fresh.page.$eval('#diagram g[data-id="eni-app1"] .node-badge', (t) => t.textContent), 'EC2');
  await fresh.context.close();
});

test('the mouse hint is under the diagram, not over it', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base);
  const r = await page.evaluate(() => ({
    svg: document.querySelector('#diagram').getBoundingClientRect().bottom,
    hint: document.querySelector('.diagram-wrap .hint').getBoundingClientRect().top,
  }));
  assert.ok(r.hint >= r.svg - 0.5, `hint top ${r.hint} below the diagram's bottom ${r.svg}`);
  await context.close();
});

test('screenshots: the default page, a lesson, an embed and a phone, each after a result', async () => {
  const cases = [
    { name: 'screen-default-page-1280x720', query: '', opts: { viewport: { width: 1280, height: 720 } }, status: 'Blocked at rtb-db' },
    { name: 'screen-lesson-1280x720', query: '?lesson=private-to-public-service', opts: { viewport: { width: 1280, height: 720 } }, status: '' },
    { name: 'screen-embed-800x500', query: '?embed=1', opts: { viewport: { width: 800, height: 500 } }, status: 'Blocked at rtb-db' },
    { name: 'screen-phone-390x844', query: '?lesson=peering-return-route', opts: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true }, status: 'Blocked at rtb-data' },
  ];
  for (const c of cases) {
    const { context, page } = await newPage(browser, c.opts);
    await open(page, base, c.query);
    await page.click('#send');
    await statusStartsWith(page, c.status);
    await page.waitForSelector('#packet-callout:not(.hidden)');
    await shot(page, c.name);
    await context.close();
  }
  assert.deepEqual(problems, []);
});
