// The page benchmark: how long a cold first visit takes to draw the diagram, and how many
// bytes it downloads before then. Run by scripts/bench-page (not a test: it prints figures).
//
//   node scripts/bench-page.mjs [--runs N] [--out FILE] [--compare DIR]
//
// --compare DIR measures a second checkout too (its www/ served by its own
// scripts/static-server.mjs, e.g. one made with `git archive main | tar -x -C DIR` and a
// built www/pkg), load by load in alternation with this one, so that a busy machine slows
// both alike: the way to state "before" and "after" figures.
//
// Serves www/ with scripts/static-server.mjs on a free localhost port and opens the page N
// times (default 5) in headless Chromium, each time in a fresh browser context with the cache
// disabled, once on plain localhost and once under Chromium's network emulation (CDP
// Network.emulateNetworkConditions: 1.6 Mbps down, 750 kbps up, 150 ms latency).
//
// The time is from navigation start to performance.mark('diagram-drawn'), which www/js/main.js
// sets right after the first layout is drawn into the SVG (the bench checks that a VPC is in it
// by then). The bytes are what travelled on the wire (Resource Timing transferSize: compressed
// bodies plus headers) for the document and every resource whose response ended before that
// mark; the service worker's precache comes after it and is not counted.

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const RUNS = Math.max(1, Number(opt('--runs', 5)) || 5);
const OUT = opt('--out', join(ROOT, 'artifacts', 'bench-page.txt'));
const COMPARE = opt('--compare', null);

const { chromium } = await import('playwright-core');

const CONDITIONS = [
  { name: 'localhost', net: null },
  {
    name: 'throttled (1.6 Mbps down, 750 kbps up, 150 ms)',
    // CDP takes bytes per second and milliseconds.
    net: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  },
];

/** One cold load: {ms, bytes, requests, files: [{name, bytes}]} */
async function coldLoad(browser, url, net) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (net) await cdp.send('Network.emulateNetworkConditions', net);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('diagram-drawn').length > 0, null, { timeout: 60000, polling: 50 });
    return await page.evaluate(() => {
      const mark = performance.getEntriesByName('diagram-drawn')[0].startTime;
      if (!document.querySelector('#diagram g.vpc')) throw new Error('diagram-drawn was marked, but the SVG has no VPC');
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= mark);
      const files = [nav, ...res].map((r) => ({ name: new URL(r.name).pathname, bytes: r.transferSize, end: r.responseEnd }));
      return { ms: mark, bytes: files.reduce((n, f) => n + f.bytes, 0), requests: files.length, files };
    });
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The checkouts measured: this one, and the one to compare with. */
const trees = [{ label: COMPARE ? 'this checkout' : '', root: ROOT }];
if (COMPARE) trees.push({ label: `compare: ${COMPARE}`, root: COMPARE });
for (const t of trees) {
  const { startServer } = await import(pathToFileURL(join(t.root, 'scripts', 'static-server.mjs')).href);
  t.server = await startServer(join(t.root, 'www'), 0);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const rows = [];
let lastFiles = [];
try {
  // One warm-up load each, not counted: the first Chromium page pays for starting processes.
  for (const t of trees) await coldLoad(browser, t.server.url, null);
  for (const c of CONDITIONS) {
    const runs = trees.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      for (const [k, t] of trees.entries()) runs[k].push(await coldLoad(browser, t.server.url, c.net));
    }
    for (const [k, t] of trees.entries()) {
      const rs = runs[k];
      const name = t.label ? `${c.name.split(' (')[0]}, ${t.label}` : c.name;
      rows.push({ name, ms: median(rs.map((r) => r.ms)), all: rs.map((r) => r.ms), bytes: median(rs.map((r) => r.bytes)), requests: median(rs.map((r) => r.requests)) });
    }
    if (!c.net) lastFiles = runs[0][RUNS - 1].files;
  }
} finally {
  await browser.close();
  for (const t of trees) await t.server.close();
}

let commit = '';
try {
  commit = execFileSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  // Not a git checkout.
}
const kb = (b) => (b / 1000).toFixed(1);
const lines = [];
lines.push(`page benchmark (${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}${commit ? `, ${commit}` : ''})`);
lines.push(`navigation -> first drawn diagram (performance mark 'diagram-drawn'), median of ${RUNS} cold loads`);
lines.push('(fresh browser context, cache disabled); bytes: on the wire before that mark (KB = 1000 bytes)');
lines.push(`throttled: Chromium's network emulation, ${CONDITIONS[1].name.replace(/^throttled \((.*)\)$/, '$1')}${COMPARE ? '; the two checkouts loaded in alternation' : ''}`);
lines.push('');
const W = Math.max(48, ...rows.map((r) => r.name.length));
lines.push(`${'condition'.padEnd(W)} ${'median'.padStart(9)} ${'KB before'.padStart(10)} ${'requests'.padStart(9)}   runs (ms)`);
for (const r of rows) {
  lines.push(`${r.name.padEnd(W)} ${`${r.ms.toFixed(0)} ms`.padStart(9)} ${kb(r.bytes).padStart(10)} ${String(r.requests).padStart(9)}   ${r.all.map((t) => t.toFixed(0)).join(', ')}`);
}
lines.push('targets (issue 8): 400 ms on localhost, 2.0 s throttled; the median is noisy on a busy machine (use --compare)');
lines.push('');
lines.push(`downloaded before the first diagram (last localhost run${COMPARE ? ' of this checkout' : ''}; response end in ms):`);
for (const f of lastFiles) lines.push(`  ${f.end.toFixed(0).padStart(6)} ms ${kb(f.bytes).padStart(8)} KB  ${f.name}`);
const text = lines.join('\n') + '\n';
process.stdout.write(text);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`==> written to ${OUT}`);
