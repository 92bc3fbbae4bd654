// The player stays in view (issue 12 page report): after a blocked result with its fix shown,
// the player (Back / Play / Next) is on screen with the diagram, without scrolling the page, at
// 1280x720 (a projector) and 1400x900. Last round at 1280x720 the status with its fix pushed
// the player below the fold. The fix (a short-window CSS block that let the diagram give way to
// 220 px) broke the big-estate views (tests/e2e/estate.test.mjs: the path's text and the grid's
// columns at 1280x720), so it is not in; the 1280x720 case is a todo until a layout that keeps
// both lands (issue 11's closing note).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, animationDone, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

/** The viewport-relative boxes of the player's buttons, the diagram and the fix, and the page's scroll. */
function boxes(page) {
  return page.evaluate(() => {
    const box = (s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
    };
    return {
      vw: window.innerWidth,
      vh: window.innerHeight,
      scrollY: window.scrollY,
      scrollable: document.documentElement.scrollHeight - window.innerHeight,
      back: box('#step-back'),
      play: box('#play'),
      next: box('#step-fwd'),
      diagram: box('#diagram'),
      fix: box('#apply-fix'),
    };
  });
}

for (const [width, height] of [[1280, 720], [1400, 900]]) {
  const todo = width === 1280 ? 'the player falls below the fold at 1280x720 after a result with its fix' : false;
  test(`${width}x${height}: after a blocked result with its fix shown, the player is in view with the diagram`, { todo }, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base);
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at rtb-db');
    await animationDone(page);
    // Outside a lesson the fix shows with the result; in one it waits behind a button.
    if (await page.isVisible('#reveal-fix')) await page.click('#reveal-fix');
    await page.waitForSelector('#status-fix:not(.hidden)', { timeout: 5000 });
    const b = await boxes(page);
    await shot(page, `player-${width}x${height}`);
    for (const name of ['back', 'play', 'next']) {
      const r = b[name];
      assert.ok(r.height > 0 && r.top >= 0 && r.bottom <= b.vh && r.left >= 0 && r.right <= b.vw,
        `${name} is inside the ${b.vw}x${b.vh} viewport: ${JSON.stringify(r)}`);
    }
    assert.equal(b.scrollY, 0, 'the page has not scrolled');
    assert.ok(b.scrollable <= 1, `the page does not scroll (${b.scrollable} px beyond the viewport)`);
    assert.ok(b.fix.height > 0 && b.fix.bottom <= b.vh, `Apply fix is in view too: ${JSON.stringify(b.fix)}`);
    // The diagram keeps a usable height beside the result, not a sliver.
    assert.ok(b.diagram.height >= 200, `the diagram is ${b.diagram.height} px high`);
    assert.ok(b.diagram.bottom <= b.play.top + 1, 'the player is under the diagram');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
