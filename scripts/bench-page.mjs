// The page benchmark: how long a cold first visit takes to draw the diagram, and how many
// bytes it downloads before then. Run by scripts/bench-page (not a test: it prints figures).
//
//   node scripts/bench-page.mjs [--runs N] [--out FILE] [--compare DIR]
//                               [--door-sizes 2,200,1500|none] [--bench BIN] [--no-cold]
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
//
// The page's door (issue 8 item 8): for each size in --door-sizes (default 2, 200 and 1,500
// VPCs) the estate from crate/src/bin/bench.rs (`bench --write N FILE`, the one generator) is
// loaded once into an open page through www/js/engine.js's `load`, then the bench's own mix
// of flows (7 kinds from up to 5 source VPCs, the same `FLOWS` and `source_vpcs`) is traced
// through `await engine.trace(handle, flow)` (a request to the engine's worker and its answer,
// one at a time) in rounds of a fixed wall time, as the bench does
// natively: the median over the rounds of the time per trace. Beside it, the engine's own time
// per trace for the same estate and mix: the native bench binary (`bench --sizes ... --json`,
// the release build `scripts/bench` uses), and the ratio page / native (target: within 2x).
// `load` is timed too (median of a few calls), beside the native parse + build of the same
// text. --bench names the binary (default target/release/bench; scripts/bench-page builds it).
// --no-cold skips the cold loads, for measuring the door alone.
//
// A big estate on the page (issue 11 item 3): the estate of --estate-vpcs VPCs (default 100,
// `bench --write N`) is opened in an open page as a learner would (Open files...), --runs
// times, each in a fresh page at 1280x800: load (the file read and the engine's load, in its worker),
// layout (layout.js), draw (diagram.js building the SVG), and the time to the first frame
// painted after it (Chromium's style, layout and paint of the SVG): www/js/main.js marks
// 'engine-loaded', 'layout-done' and 'layout-drawn'; the load is split by engine.js's marks
// 'engine-load-sent' and 'engine-answered' (file read / engine in its worker / page parse). The page draws an estate over 40 VPCs
// collapsed but for the flow's ends; the same is then timed for Expand all (every VPC drawn
// whole). --estate-vpcs 0 skips it. With --compare, the other checkout's page too, run by run
// in alternation.
//
// The matrix in the page (issue 12): for each size in --matrix-sizes (default 200; `none`
// skips it) the same generated estate is loaded through engine.js and its subnet matrix (tcp
// 443, the page's default options) computed with `engine.matrix(handle, {}, {onProgress})`, as
// the matrix view does: in the engine's worker, a few source rows per request. Wall time from
// the call to the result in the page, median of --matrix-runs (default 3), beside the native
// matrix on one thread (`bench_matrix --threads 1`, when that binary is built). Target: under
// 10 s at 200 VPCs. The split: the rows (the steps) and the result (matrixFinish in the worker,
// the compact result's tables and Uint32Array of cell numbers sent to the page, the buffer
// transferred, and engine.js's MatrixResult around them), with the result's size. Only this
// checkout is measured (not --compare's).

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const RUNS = Math.max(1, Number(opt('--runs', 5)) || 5);
const OUT = opt('--out', join(ROOT, 'artifacts', 'bench-page.txt'));
const COMPARE = opt('--compare', null);
const DOOR_SIZES = opt('--door-sizes', '2,200,1500') === 'none' ? [] : opt('--door-sizes', '2,200,1500').split(',').map(Number);
const BENCH = opt('--bench', join(ROOT, 'target', 'release', 'bench'));
const COLD = !args.includes('--no-cold');
const ESTATE_VPCS = Number(opt('--estate-vpcs', 100)) || 0;
const MATRIX_SIZES = opt('--matrix-sizes', '200') === 'none' ? [] : opt('--matrix-sizes', '200').split(',').map(Number);
const MATRIX_RUNS = Math.max(1, Number(opt('--matrix-runs', 3)) || 3);
/** Rounds of a fixed wall time per size, as the native bench's defaults (9 x 300 ms). */
const DOOR_ROUNDS = 9;
const DOOR_ROUND_MS = 300;

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

// ---- the page's door ----------------------------------------------------------------------

/**
 * The bench's flow mix (crate/src/bin/bench.rs `FLOWS`, `source_vpcs`) for an estate of `n`
 * VPCs: [{kind, flow, reachable}].
 */
function flowMix(n) {
  const tcp = (from, to, port) => ({ from, to, protocol: 'tcp', port });
  const kinds = [
    ['same subnet', (k) => tcp(`i-app-${k}`, `i-app2-${k}`, 8080), true],
    ['cross subnet', (k) => tcp(`i-app-${k}`, `i-db-${k}`, 5432), true],
    ['internet via NAT', (k) => tcp(`i-app-${k}`, '8.8.8.8', 443), true],
    ['across peering', (k) => tcp(`i-app-${k}`, `i-db-${(k + 1) % n}`, 5432), true],
    ['S3 gateway endpoint', (k) => tcp(`i-app-${k}`, 'com.amazonaws.us-east-1.s3', 443), true],
    ['blocked: security group', (k) => tcp(`i-app-${k}`, `i-db-${k}`, 22), false],
    ['blocked: no route', (k) => tcp(`i-db-${k}`, '8.8.8.8', 443), false],
  ];
  const sources = [...new Set([0, Math.floor(n / 3), Math.floor(n / 2), Math.floor((2 * n) / 3), n - 1])].sort((a, b) => a - b);
  return kinds.flatMap(([kind, make, reachable]) => sources.map((k) => ({ kind, flow: make(k), reachable })));
}

/** The native engine on the same estates and mix: {vpcs -> {trace_us_median, parse_ms, build_ms, ...}}. */
function nativeBench(sizes) {
  const out = execFileSync(BENCH, ['--sizes', sizes.join(','), '--rounds', String(DOOR_ROUNDS), '--round-ms', String(DOOR_ROUND_MS), '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  const last = out.trim().split('\n').pop();
  return new Map(JSON.parse(last).sizes.map((r) => [r.vpcs, r]));
}

/**
 * In an open page: loads `url`'s estate through engine.js `load` (timed, `loads` times), then
 * traces the mix through `trace(handle, flow)` in rounds. Runs in the browser.
 */
async function doorInPage({ url, mix, loads, rounds, roundMs }) {
  const engine = await import('/js/engine.js');
  const text = await (await fetch(url)).text();
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const loadMs = [];
  let loaded;
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    loaded = await engine.load(text);
    loadMs.push(performance.now() - t0);
  }
  const { handle } = loaded;
  // Check that the page answers as the bench expects, as the bench itself checks.
  for (const m of mix) {
    const t = await engine.trace(handle, m.flow);
    if (t.reachable !== m.reachable) {
      throw new Error(`${m.kind} (${m.flow.from} -> ${m.flow.to}): expected reachable=${m.reachable}, got ${t.reachable}: ${t.explanation}`);
    }
  }
  const flows = mix.map((m) => m.flow);
  // The door is the page's: a request to the engine's worker and its answer, awaited.
  const round = async (ms) => {
    const start = performance.now();
    let count = 0;
    let now = start;
    while (now - start < ms) {
      for (const f of flows) await engine.trace(handle, f);
      count += flows.length;
      now = performance.now();
    }
    return ((now - start) * 1000) / count; // µs per trace
  };
  // Warm-up: a full round (the bench warms up for a third of one), so that the first size
  // measured is not also paying for the browser's optimising compile of the engine.
  await round(roundMs);
  const perTrace = [];
  for (let i = 0; i < rounds; i++) perTrace.push(await round(roundMs));
  return { bytes: text.length, loadMs, load: median(loadMs), traceUs: median(perTrace), bestUs: Math.min(...perTrace), rounds: perTrace };
}

/**
 * Runs `measure(page)` in a page at `url` that can fetch the generated estate of each size in
 * `sizes` as `__bench/estate-N.json` (from the same origin: the page's CSP allows no other),
 * once its first diagram is drawn; the estates and the browser context are removed after.
 * @template T
 * @param {(page: import('playwright-core').Page) => Promise<T>} measure
 * @returns {Promise<T>}
 */
async function withEstates(browser, url, sizes, measure) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-page-'));
  // No service worker: its fetches would pass by page.route, which serves the estates.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', serviceWorkers: 'block' });
  try {
    const files = new Map();
    for (const n of sizes) {
      const file = join(dir, `estate-${n}.json`);
      execFileSync(BENCH, ['--write', String(n), file], { stdio: ['ignore', 'inherit', 'inherit'] });
      files.set(n, file);
    }
    const page = await context.newPage();
    await page.route('**/__bench/estate-*.json', (route) => {
      const n = Number(new URL(route.request().url()).pathname.match(/estate-(\d+)\.json$/)[1]);
      return route.fulfill({ path: files.get(n), contentType: 'application/json' });
    });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('diagram-drawn').length > 0, null, { timeout: 60000, polling: 50 });
    return await measure(page);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page's door at each size: [{n, bytes, load, loadMs, traceUs, bestUs, traces}]. */
function measureDoor(browser, url, sizes) {
  return withEstates(browser, url, sizes, async (page) => {
    const rows = [];
    for (const n of sizes) {
      const r = await page.evaluate(doorInPage, {
        url: `__bench/estate-${n}.json`,
        mix: flowMix(n),
        loads: n >= 1000 ? 3 : 5,
        rounds: DOOR_ROUNDS,
        roundMs: DOOR_ROUND_MS,
      });
      rows.push({ n, ...r });
    }
    return rows;
  });
}

// ---- a big estate on the page ---------------------------------------------------------------

/**
 * In an open page, after the file was given to the file input at mark 'bench-estate-t0': times
 * the marks main.js sets; then Expand all. Runs in the browser.
 */
async function estateInPage({ n }) {
  const painted = (done) => new Promise((resolve) => {
    const check = () => (done() ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(check, 5));
    check();
  });
  const last = (name) => performance.getEntriesByName(name).pop()?.startTime ?? NaN;
  const t0 = last('bench-estate-t0');
  await painted(() => document.querySelectorAll('#diagram g.vpc').length === n && last('layout-drawn') > t0);
  const end = performance.now();
  const out = {
    load: last('engine-loaded') - t0, layout: last('layout-done') - last('engine-loaded'),
    // The load's parts (www/js/engine.js marks them; NaN on a page that does not): the file
    // read, the engine's load in its worker with the answer's trip back, the page's parse.
    read: last('engine-load-sent') - t0, engine: last('engine-answered') - last('engine-load-sent'),
    parse: last('engine-loaded') - last('engine-answered'),
    draw: last('layout-drawn') - last('layout-done'), total: end - t0,
    elements: document.querySelectorAll('#diagram *').length,
    collapsed: document.querySelectorAll('#diagram g.vpc.collapsed').length,
  };
  const t1 = performance.now();
  /** @type {HTMLButtonElement} */ (document.querySelector('#expand-all')).click();
  await painted(() => !document.querySelector('#diagram g.vpc.collapsed'));
  out.expandLayoutDraw = last('layout-drawn') - t1;
  out.expandTotal = performance.now() - t1;
  out.expandElements = document.querySelectorAll('#diagram *').length;
  return out;
}

/**
 * The estate of `n` VPCs loaded in a fresh page, `runs` times, in each of `urls` in alternation
 * (--compare: a busy machine slows both alike): [{bytes, runs: [{load, layout, draw, total, ...}]}].
 */
async function measureEstate(browser, urls, n, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-estate-'));
  const file = join(dir, `estate-${n}.json`);
  try {
    execFileSync(BENCH, ['--write', String(n), file], { stdio: ['ignore', 'inherit', 'inherit'] });
    const text = readFileSync(file, 'utf8');
    const outs = urls.map(() => []);
    for (let i = 0; i < runs * urls.length; i++) {
      const url = urls[i % urls.length];
      const out = outs[i % urls.length];
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector('body.ready', { timeout: 60000 });
        await page.evaluate(() => performance.mark('bench-estate-t0'));
        await page.setInputFiles('#file-input', file);
        out.push(await page.evaluate(estateInPage, { n }));
      } finally {
        await context.close();
      }
    }
    return outs.map((out) => ({ bytes: text.length, runs: out }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the matrix in the page -----------------------------------------------------------------

/** In an open page: loads `url`'s estate and times `runs` matrices through engine.js. */
async function matrixInPage({ url, runs }) {
  const engine = await import('/js/engine.js');
  const text = await (await fetch(url)).text();
  const { handle } = await engine.load(text);
  const times = [];
  const finishes = [];
  let steps = 0;
  let last = null;
  for (let i = 0; i < runs; i++) {
    steps = 0;
    let rowsDone = 0;
    const t = performance.now();
    last = await engine.matrix(handle, {}, { onProgress: (done, rows) => { steps += 1; if (done === rows) rowsDone = performance.now(); } });
    const end = performance.now();
    times.push(end - t);
    // The last part: matrixFinish, converting the result and sending it to the page.
    finishes.push(end - rowsDone);
  }
  // The compact result's size (engine.js MatrixResult): its cell numbers, and its tables as
  // JSON. A checkout before it (--compare) has a list of cell objects instead.
  const compact = last.slots instanceof Uint32Array;
  const tables = compact ? JSON.stringify([last.sources, last.destinations, last.outcomes, last.names]).length : 0;
  return { times, finishes, steps, compact, cells: compact ? last.count : last.cells.length, cellBytes: compact ? last.slots.byteLength : 0, tables, outcomes: compact ? last.outcomes.length : 0, sources: last.sources.length, destinations: last.destinations.length, traces: last.stats.traces, pairs: last.stats.member_pairs };
}

/** The matrix in the page at each size: [{n, times, steps, cells, ...}]. */
function measureMatrix(browser, url, sizes) {
  return withEstates(browser, url, sizes, async (page) => {
    const thread = await page.evaluate(async () => (await import('/js/engine.js')).engineThread());
    const rows = [];
    for (const n of sizes) {
      const r = await page.evaluate(matrixInPage, { url: `__bench/estate-${n}.json`, runs: MATRIX_RUNS });
      rows.push({ n, thread, ...r });
    }
    return rows;
  });
}

/** The native matrix on one thread, seconds by size (NaN when bench_matrix is not built). */
function nativeMatrix(sizes) {
  const out = new Map();
  try {
    const bin = join(dirname(BENCH), 'bench_matrix');
    const text = execFileSync(bin, ['--sizes', sizes.join(','), '--runs', String(MATRIX_RUNS), '--flows-size', '0', '--threads', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 7 && /^\d+$/.test(f[0]) && sizes.includes(Number(f[0]))) out.set(Number(f[0]), { secs: Number(f[5]), cpu: Number(f[6]) });
    }
  } catch {
    // No native figure: the page's stands alone.
  }
  return out;
}

// ---- the run ------------------------------------------------------------------------------

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
let door = [];
let native = new Map();
let estateRuns = null;
let matrixRows = [];
let matrixNative = new Map();
try {
  if (COLD) {
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
  }
  if (ESTATE_VPCS) estateRuns = await measureEstate(browser, trees.map((t) => t.server.url), ESTATE_VPCS, RUNS);
  if (DOOR_SIZES.length) {
    door = await measureDoor(browser, trees[0].server.url, DOOR_SIZES);
    native = nativeBench(DOOR_SIZES);
  }
  if (MATRIX_SIZES.length) {
    matrixRows = await measureMatrix(browser, trees[0].server.url, MATRIX_SIZES);
    matrixNative = nativeMatrix(MATRIX_SIZES);
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
if (COLD) {
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
}
if (door.length) {
  if (COLD) lines.push('');
  lines.push(`the page's door (issue 8 item 8), localhost${COMPARE ? ', this checkout' : ''}: estates from \`bench --write N\`, the bench's flow mix`);
  lines.push(`(7 kinds of flow from up to 5 source VPCs); time per trace = median over ${DOOR_ROUNDS} rounds of ${DOOR_ROUND_MS} ms.`);
  lines.push('page: www/js/engine.js trace(handle, flow) in Chromium, after one load; native: the engine\'s own');
  lines.push('trace() in the release bench binary (crate/src/bin/bench.rs, opt-level 3), same estate and mix.');
  lines.push('load: engine.js load(text) in the page (median of 5, 3 at 1,000+ VPCs) vs native parse + build.');
  lines.push('');
  lines.push('us per trace: median over the rounds / best round (the least disturbed by other work)');
  lines.push(`${'VPCs'.padStart(6)} ${'JSON MB'.padStart(8)}  ${'page us'.padStart(14)} ${'native us'.padStart(12)} ${'ratio'.padStart(12)}  ${'page load ms'.padStart(13)} ${'native load ms'.padStart(15)} ${'ratio'.padStart(6)}`);
  const x = (a, b) => `${(a / b).toFixed(1)}x`;
  for (const d of door) {
    const nat = native.get(d.n) || { trace_us_median: NaN, trace_us_best: NaN, parse_ms: NaN, build_ms: NaN };
    const natLoad = nat.parse_ms + nat.build_ms;
    lines.push(`${String(d.n).padStart(6)} ${(d.bytes / 1e6).toFixed(1).padStart(8)}  ${`${d.traceUs.toFixed(1)} / ${d.bestUs.toFixed(1)}`.padStart(14)} ${`${nat.trace_us_median.toFixed(1)} / ${nat.trace_us_best.toFixed(1)}`.padStart(12)} ${`${x(d.traceUs, nat.trace_us_median)} / ${x(d.bestUs, nat.trace_us_best)}`.padStart(12)}  ${d.load.toFixed(1).padStart(13)} ${natLoad.toFixed(1).padStart(15)} ${x(d.load, natLoad).padStart(6)}`);
  }
  lines.push('target (issue 8): a trace through the page\'s door within 2x of the engine\'s own at every size');
  lines.push('');
  lines.push('page rounds (us per trace) and loads (ms):');
  for (const d of door) lines.push(`  ${String(d.n).padStart(5)} VPCs: ${d.rounds.map((t) => t.toFixed(1)).join(', ')}; load ${d.loadMs.map((t) => t.toFixed(0)).join(', ')}`);
}
for (const [k, er] of (estateRuns || []).entries()) {
  const rs = er.runs;
  const estateRuns = er;
  const med = (k) => median(rs.map((r) => r[k])).toFixed(0);
  lines.push('');
  lines.push(`a ${ESTATE_VPCS}-VPC estate on the page (issue 11 item 3)${trees[k].label ? `, ${trees[k].label}` : ''}: \`bench --write ${ESTATE_VPCS}\`, ${(estateRuns.bytes / 1e6).toFixed(1)} MB, opened`);
  lines.push(`(Open files...) in a fresh page at 1280x800, median of ${rs.length} (ms); drawn collapsed but for the flow's ends`);
  lines.push(`(${rs[0].collapsed} of ${ESTATE_VPCS} collapsed, ${rs[0].elements} SVG elements), then Expand all (${rs[0].expandElements} elements)`);
  lines.push(`  load ${med('load')}, layout ${med('layout')}, draw ${med('draw')}; to the first frame painted: ${med('total')}`);
  lines.push(`  load's parts: file read ${med('read')}, engine (worker load and the answer's trip) ${med('engine')}, page parse ${med('parse')}`);
  lines.push(`  Expand all: layout + draw ${med('expandLayoutDraw')}; to the first frame painted: ${med('expandTotal')}`);
  lines.push('  target (issue 11): load, layout and draw under 1 s');
  lines.push(`  runs (load/layout/draw/painted): ${rs.map((r) => [r.load, r.layout, r.draw, r.total].map((x) => x.toFixed(0)).join('/')).join(', ')}`);
}
if (matrixRows.length) {
  if (lines.length > 1) lines.push('');
  lines.push(`the matrix in the page (issue 12): subnets x subnets, tcp 443, engine.js matrix() in the engine's ${matrixRows[0].thread}`);
  lines.push(`(a few source rows per request, so Cancel stops it), median of ${MATRIX_RUNS}; native: bench_matrix on one thread`);
  lines.push(`${'VPCs'.padStart(6)} ${'groups'.padStart(10)} ${'traces'.padStart(9)} ${'steps'.padStart(6)} ${'page s'.padStart(8)} ${'native 1-thread s'.padStart(18)}   runs (s)`);
  for (const m of matrixRows) {
    const nat = matrixNative.get(m.n);
    const secs = median(m.times) / 1000;
    lines.push(`${String(m.n).padStart(6)} ${`${m.sources}x${m.destinations}`.padStart(10)} ${String(m.traces).padStart(9)} ${String(m.steps).padStart(6)} ${secs.toFixed(2).padStart(8)} ${(nat ? nat.secs.toFixed(2) : 'n/a').padStart(18)}   ${m.times.map((t) => (t / 1000).toFixed(2)).join(', ')}`);
    lines.push(`${''.padStart(6)} of which the result (matrixFinish, converted and sent to the page): ${m.finishes.map((t) => (t / 1000).toFixed(2)).join(', ')} s`);
    lines.push(m.compact
      ? `${''.padStart(6)} the result: ${m.cells} cells as ${(m.cellBytes / 1e6).toFixed(1)} MB of cell numbers (a Uint32Array, ` +
        `transferred) and tables (${m.outcomes} distinct outcomes; ${(m.tables / 1e6).toFixed(2)} MB as JSON), read cell by cell in the page`
      : `${''.padStart(6)} the result: ${m.cells} cell objects (one JSON text, parsed in the worker and cloned to the page)`);
  }
  lines.push('target (issue 12): under 10 s in the page at 200 VPCs');
}
const text = lines.join('\n') + '\n';
process.stdout.write(text);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, text);
console.log(`==> written to ${OUT}`);
