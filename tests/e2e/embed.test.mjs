// Embeds that fit (issue 11, item 5): at 800x500 and 960x600 the first view holds the packet's
// source and destination and the player; after a result the frame does not scroll, the status
// stays compact (two lines and a row, the same height before and after), the diagram does not
// move, and the player and the drop marker stay in the frame. The callout by the packet is
// compact where the diagram is short: inside the diagram, covering at most a quarter of it,
// never the dot or the component it stops at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPACT_BELOW } from '../../www/js/callout.js';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems, parentPage } from './harness.mjs';

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
    // The flow bar is one compact row (it was two, 129 px): Send beside the fields.
    const bar = await page.evaluate(() => {
      const tops = [...document.querySelectorAll('#flow-from, #flow-to, #flow-to-select, #flow-protocol, #flow-port, #send')]
        .map((el) => el.getBoundingClientRect()).map((r) => r.top + r.height / 2);
      return { height: document.querySelector('#flow').getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops) };
    });
    assert.ok(bar.height <= 48 && bar.spread <= 4, `the flow bar is one row: ${JSON.stringify(bar)}`);
    // The diagram gets the height the bar gave up (224 and 324 px before: its text was 6-9 px).
    const dh = await page.$eval('#diagram', (e) => e.getBoundingClientRect().height);
    assert.ok(dh >= height * 0.6, `the diagram is ${dh.toFixed(0)} px of the ${height} px frame`);
    const diagramBefore = await placed(page, '#diagram');
    const statusBefore = await placed(page, '#status');
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
    assert.deepEqual(diagram.box, diagramBefore.box, 'the result does not move or shrink the diagram');
    assert.deepEqual((await placed(page, '#status')).box, statusBefore.box, 'the status keeps its box');
    // The status is tidy: its two lines and its row inside it, nothing cut mid-line.
    const tidy = await page.evaluate(() => {
      const s = document.querySelector('#status').getBoundingClientRect();
      return [...document.querySelectorAll('#status-main, #status-row > :not(.hidden)')].map((el) => {
        const r = el.getBoundingClientRect();
        const lines = Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight));
        return { id: el.id, inside: r.top >= s.top && r.bottom <= s.bottom && r.right <= s.right + 1, whole: el.clientHeight === lines * parseFloat(getComputedStyle(el).lineHeight) || el.tagName === 'BUTTON' };
      });
    });
    for (const t of tidy) assert.ok(t.inside && t.whole, `the status's ${t.id || 'row item'} shows whole lines inside it: ${JSON.stringify(t)}`);
    // The callout by the dropped packet: compact, inside the diagram, a small share of it.
    const c = await page.evaluate(() => {
      const el = document.querySelector('#packet-callout');
      const r = el.getBoundingClientRect();
      const d = document.querySelector('#diagram').getBoundingClientRect();
      const dot = document.querySelector('#diagram .drop-marker:not(.hidden)').getBoundingClientRect();
      const fonts = [...el.querySelectorAll('*')].map((e) => parseFloat(getComputedStyle(e).fontSize));
      return {
        compact: el.classList.contains('is-compact'), hidden: el.classList.contains('hidden'), diagramH: d.height,
        share: (r.width * r.height) / (d.width * d.height), minFont: Math.min(...fonts),
        inside: r.left >= d.left - 1 && r.right <= d.right + 1 && r.top >= d.top - 1 && r.bottom <= d.bottom + 1,
        coversDrop: r.left < dot.right && dot.left < r.right && r.top < dot.bottom && dot.top < r.bottom,
      };
    });
    assert.equal(c.hidden, false, 'the callout shows at the drop');
    // Compact where the diagram is short (callout.js COMPACT_BELOW): at 800x500, not at 960x600
    // since the flow bar is one row.
    assert.equal(c.compact, c.diagramH < COMPACT_BELOW, `the callout is compact only in a short diagram: ${JSON.stringify(c)}`);
    assert.ok(c.inside, `the callout is inside the diagram: ${JSON.stringify(c)}`);
    assert.ok(c.share <= 0.25, `the callout covers ${(c.share * 100).toFixed(0)}% of the diagram (at most 25%)`);
    assert.ok(c.minFont >= 11, `callout text ${c.minFont} px`);
    assert.equal(c.coversDrop, false, 'the callout does not cover the drop marker');
    await shot(page, `embed-${width}x${height}-after`);
    // More opens over the diagram, inside the frame, without making it scroll.
    await page.click('#status-more');
    await assertPlaced(page, '#status-details', 'More');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight + 1), 'More does not make the frame scroll');
    assert.deepEqual((await placed(page, '#diagram')).box, diagram.box, 'More does not move the diagram');
    await shot(page, `embed-${width}x${height}-more`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// While the packet plays, the embed's view follows it readable (diagram.js focus/follow); with
// the result the view steps back to the flow's ends and the drop (main.js), as the first view
// held the ends: the source, the destination, the drop and the callout all in the frame.
for (const [width, height] of [[800, 500], [960, 600]]) {
  test(`embed at ${width}x${height}: source and destination still in the frame after the result`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base, '?lesson=peering-return-route&embed=1');
    const ids = await page.$$eval('#diagram g[data-kind="instance"]', (gs) => gs.map((g) => g.dataset.id));
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at rtb-data');
    await animationDone(page);
    // The view eases to its place: wait for the viewBox to settle.
    await page.waitForFunction(() => new Promise((res) => {
      const a = document.querySelector('#diagram').getAttribute('viewBox');
      setTimeout(() => res(document.querySelector('#diagram').getAttribute('viewBox') === a), 300);
    }));
    for (const id of ids) await assertPlaced(page, `#diagram g[data-kind="instance"][data-id="${id}"]`, `${id} after the result`);
    await assertPlaced(page, '#diagram .drop-marker:not(.hidden)', 'the drop marker after the result');
    await assertPlaced(page, '#packet-callout', 'the callout after the result');
    await shot(page, `embed-${width}x${height}-ends-after`);
    await context.close();
  });
}

// play=1 sends the packet on load: while it plays, the lesson's note does not ask to press Send
// (a review found "Press Send packet ▸" under a packet already on its way); with the result it
// says what to do next. Motion is on here, so the packet takes its hops' time.
test('embed with play=1: while the packet plays the note says it is on its way, then what to do next', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 960, height: 600 }, reducedMotion: 'no-preference' });
  await open(page, base, '?lesson=peering-return-route&embed=1&play=1');
  await page.waitForFunction(() => /^Hop \d+ of 11$/.test(document.querySelector('#hop-counter')?.textContent || ''));
  assert.equal(await page.textContent('#lesson-next'), 'The packet is on its way: watch where it stops. Back and Next step through it hop by hop.');
  await page.click('#step-fwd');
  // Seeking reveals the result (player.js); the note then says what to do next.
  await page.waitForFunction(() => !/on its way/.test(document.querySelector('#lesson-next')?.textContent || ''));
  assert.match(await page.textContent('#lesson-next'), /^Not there yet\. Here you can apply the suggested fix/);
  await context.close();
});

// Issue: a lesson done inside an embed could only count "with help" (the iframe has no editor),
// and one finished in the "Open in the playground" tab never reached the course page. The tab
// now reports to the embed that opened it (window.opener), which tells its parent.
test('a lesson solved in the tab opened from an embed posts one completed to the course page; forgeries do not', async () => {
  const { context, page } = await newPage(browser);
  const frame = await parentPage(page, `${base}index.html?lesson=peering-return-route&embed=1`);
  assert.match(await frame.textContent('.lesson-open-box'), /your progress comes back here/);
  // Forged completions the embed must not forward: from a window it did not open (the course
  // page itself, same-origin iframe sibling aside), and from its tab but for another lesson.
  await page.evaluate(() => document.querySelector('#lab').contentWindow.postMessage(
    { type: 'vpc-playground:lesson-completed', lesson: 'peering-return-route', status: 'completed', time: new Date().toISOString() }, '*'));
  const [tab] = await Promise.all([context.waitForEvent('page'), frame.click('#lesson-open')]);
  await tab.waitForSelector('body.ready', { timeout: 15000 });
  assert.match(tab.url(), /[?&]via=embed/);
  assert.equal(await tab.evaluate(() => document.body.classList.contains('embed')), false, 'the tab is the full playground');
  assert.match(await tab.textContent('#notice'), /that page records it/);
  await tab.evaluate(() => window.opener.postMessage(
    { type: 'vpc-playground:lesson-completed', lesson: 'gateway-endpoint', status: 'completed', time: new Date().toISOString() }, location.origin));
  await tab.evaluate(() => window.opener.postMessage({ type: 'vpc-playground:lesson-completed', lesson: 'peering-return-route', status: 'done' }, location.origin));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__messages), [], 'nothing forwarded before the lesson is solved');
  // Solve it by hand in the tab: the reply's route, through the route form (no fix revealed).
  await tab.selectOption('#rt-select', 'rtb-data');
  await tab.fill('#rt-new-dest', '10.0.0.0/16');
  await tab.selectOption('#rt-new-target', 'pcx-app-data');
  await tab.click('#rt-add button[type="submit"]');
  await tab.waitForFunction(() => document.querySelector('#lesson')?.classList.contains('is-complete'));
  assert.equal(await tab.textContent('#lesson-done-head'), '✓ Lesson complete');
  await page.waitForFunction(() => window.__messages.length > 0);
  await page.waitForTimeout(300);
  const got = await page.evaluate(() => window.__messages);
  assert.deepEqual(got.map((m) => [m.origin, m.data.type, m.data.lesson, m.data.status]),
    [[new URL(base).origin, 'vpc-playground:lesson-completed', 'peering-return-route', 'completed']]);
  assert.ok(Math.abs(Date.parse(got[0].data.time) - Date.now()) < 60000, `a current ISO time: ${got[0].data.time}`);
  assert.equal(await frame.textContent('#lesson-open-note'), '✓ Completed in the playground tab: recorded.');
  assert.equal(await frame.isVisible('#notice'), false, 'no notice pushes the embed down');
  await shot(tab, 'embed-tab-solved');
  await shot(page, 'embed-course-after-tab');
  assert.deepEqual(problems, []);
  await context.close();
});
