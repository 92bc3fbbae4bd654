// Time from navigation to the first drawn diagram (performance.mark('diagram-drawn')),
// median of 5 cold loads in headless Chromium. Printed, and held under a loose bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage } from './harness.mjs';

test('the diagram is drawn quickly after navigation (median of 5)', async () => {
  const server = await serve();
  const browser = await launch();
  const times = [];
  try {
    for (let i = 0; i < 5; i++) {
      const { context, page } = await newPage(browser);
      await page.goto(server.url);
      await page.waitForFunction(() => performance.getEntriesByName('diagram-drawn').length > 0, null, { timeout: 15000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('diagram-drawn')[0].startTime));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  console.log(`# navigation -> diagram-drawn: median ${median.toFixed(0)} ms of [${times.map((t) => t.toFixed(0)).join(', ')}]`);
  assert.ok(median < 3000, `median ${median} ms`);
});
