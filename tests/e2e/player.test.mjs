// The player stays in view (issue 12 page report, issue 11 item 2): after a blocked result with
// its fix shown, the player (Back / Play / Next) is on screen with the diagram, without scrolling
// the page, at 1280x720 (a projector) and 1400x900, with a lesson open too. The status is compact
// (two lines and one row), keeps its height from before the result to after it, so the diagram
// does not shrink, and "More" opens the code and the aws command over the diagram, not above it.
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
  test(`${width}x${height}: after a blocked result with its fix shown, the player is in view with the diagram`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base);
    const before = await boxes(page);
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
    // The result did not push the diagram down nor shrink it.
    assert.ok(Math.abs(b.diagram.top - before.diagram.top) <= 1 && Math.abs(b.diagram.height - before.diagram.height) <= 1,
      `the diagram stays where it was: ${JSON.stringify(before.diagram)} before, ${JSON.stringify(b.diagram)} after`);
    // What blocked, why in words, and the fix are on screen at once.
    const said = await page.evaluate(() => {
      const main = document.querySelector('#status-main');
      return { cut: main.scrollHeight > main.clientHeight + 1, text: main.innerText, fix: document.querySelector('#fix-summary').innerText };
    });
    assert.match(said.text, /^Blocked at rtb-db: .*no route that covers 10\.0\.1\.10/s);
    assert.equal(said.cut, false, 'the whole sentence shows in the status');
    assert.match(said.fix, /^Suggested fix: Add the route 10\.0\.0\.0\/16 -> pcx-shop-data to rtb-db$/);
    // "More": the code and the aws command, over the diagram, which does not move.
    assert.equal(await page.isVisible('#fix-cli'), false, 'the aws command waits under More');
    await page.click('#status-more');
    assert.equal(await page.getAttribute('#status-more', 'aria-expanded'), 'true');
    assert.equal(await page.isVisible('#fix-cli'), true);
    assert.equal(await page.isVisible('#status-code'), true);
    assert.match(await page.innerText('#fix-cli'), /^aws ec2 create-route --route-table-id rtb-db /);
    const opened = await boxes(page);
    assert.deepEqual(opened.diagram, b.diagram, 'opening More does not move the diagram');
    assert.deepEqual(opened.play, b.play, 'nor the player');
    await shot(page, `player-${width}x${height}-more`);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#fix-cli'), false, 'Escape closes More');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${width}x${height}, a lesson open: the result, the goals and the player fit without pushing the diagram`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base, '?lesson=peering-return-route');
    const before = await boxes(page);
    await page.click('#send');
    await statusStartsWith(page, 'Blocked at rtb-data');
    await animationDone(page);
    await page.click('#reveal-fix');
    await page.waitForSelector('#status-fix:not(.hidden)', { timeout: 5000 });
    const b = await boxes(page);
    await shot(page, `player-lesson-${width}x${height}`);
    for (const name of ['back', 'play', 'next', 'fix']) {
      const r = b[name];
      assert.ok(r.height > 0 && r.top >= 0 && r.bottom <= b.vh && r.right <= b.vw, `${name} is inside the viewport: ${JSON.stringify(r)}`);
    }
    assert.ok(b.scrollable <= 1, `the page does not scroll (${b.scrollable} px beyond the viewport)`);
    assert.ok(Math.abs(b.diagram.top - before.diagram.top) <= 1 && Math.abs(b.diagram.height - before.diagram.height) <= 1,
      `the diagram stays where it was: ${JSON.stringify(before.diagram)} before, ${JSON.stringify(b.diagram)} after`);
    // The goals panel shows its title and first goal on the first screen.
    const goal = await page.evaluate(() => {
      const r = document.querySelector('#lesson-goals .goal').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    assert.ok(goal.top >= 0 && goal.bottom <= b.vh, `the first goal is on screen: ${JSON.stringify(goal)}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
