// Embeds that fit (issue 11, item 5): at 800x500 and 960x600 the first view holds the packet's
// source and destination and the player; after a result the frame does not scroll, the status
// stays compact, and the player and the drop marker stay in the frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** The element's box, and whether it lies inside the frame and (for diagram parts) the diagram. */
function placed(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return { found: false };
    const r = el.getBoundingClientRect();
    const d = document.querySelector('#diagram').getBoundingClientRect();
    const inside = (o) => r.width > 0 && r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
    return {
      found: true,
      box: [r.left, r.top, r.right, r.bottom].map(Math.round),
      inFrame: inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight }),
      inDiagram: !el.closest('#diagram') || inside(d),
    };
  }, sel);
}

async function assertPlaced(page, sel, what) {
  const p = await placed(page, sel);
  assert.ok(p.found, `${what} (${sel}) is drawn`);
  assert.ok(p.inFrame && p.inDiagram, `${what} is inside the frame and the diagram: ${JSON.stringify(p)}`);
}

for (const [width, height] of [[800, 500], [960, 600]]) {
  test(`embed at ${width}x${height}: source, destination and player in the frame; a result does not make it scroll`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base, '?lesson=peering-return-route&embed=1');
    // The lesson's flow: app-server to database (instance nodes carry their interface's id).
    const ends = Object.fromEntries(await page.$$eval('#diagram g[data-kind="instance"]', (gs) => gs.map((g) => [g.querySelector('.node-label').textContent, g.dataset.id])));
    assert.deepEqual(Object.keys(ends).sort(), ['app-server', 'database']);
    for (const [name, id] of Object.entries(ends)) await assertPlaced(page, `#diagram g[data-kind="instance"][data-id="${id}"]`, `${name} before Send`);
    await assertPlaced(page, '#play', 'the player before Send');
    await assertPlaced(page, '#send', 'Send');
    await shot(page, `embed-${width}x${height}-before`);
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at rtb-data');
    await animationDone(page);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight + 1), 'the frame does not scroll');
    await assertPlaced(page, '#play', 'the player after the result');
    await assertPlaced(page, '#status', 'the status after the result');
    await assertPlaced(page, '#diagram .drop-marker:not(.hidden)', 'the drop marker');
    const diagram = await placed(page, '#diagram');
    assert.ok(diagram.box[3] - diagram.box[1] >= 150, `the diagram keeps its height: ${diagram.box}`);
    await shot(page, `embed-${width}x${height}-after`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
