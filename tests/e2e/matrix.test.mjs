// The reachability matrix view (issue 12 item 4): loaded only when opened, it shows the
// default scenario's subnets by subnets; a red cell says where and why in its label, a click
// plays that cell's packet (the status names the same blocking resource), and after the fix is
// applied the "what changed" list shows the cell flipped.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

after(() => assert.deepEqual(problems, []));

/** The cells drawn: {from, to, cls, label}. */
const cells = (page) => page.$$eval('#mx-table button.mx-cell', (bs) => bs.map((b) => ({
  from: b.dataset.from, to: b.dataset.to, cls: b.className, label: b.getAttribute('aria-label'),
})));

/** Opens the page at 1280x720, records which modules it requests, and opens the matrix. */
async function openMatrix() {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await open(page, base);
  for (const f of ['/js/matrix.js', '/css/matrix.css']) assert.ok(!requested.some((p) => p.endsWith(f)), `${f} is not part of the first load`);
  await page.click('#tab-matrix');
  await page.waitForSelector('#mx-table button.mx-cell');
  for (const f of ['/js/matrix.js', '/css/matrix.css']) assert.ok(requested.some((p) => p.endsWith(f)), `${f} is loaded when the view opens`);
  assert.equal(await page.$eval('#mx-table button.mx-cell', (b) => getComputedStyle(b).borderRadius), '4px', 'the view is styled');
  return { context, page };
}

test('the default scenario\'s matrix: a red cell plays its packet, and the fix flips it', async () => {
  const { context, page } = await openMatrix();
  assert.equal(await page.getAttribute('#tab-matrix', 'aria-selected'), 'true');
  assert.equal(await page.isVisible('#diagram'), false, 'the matrix replaces the diagram in the stage');
  // The flow form's port (the scenario's flow: tcp 5432) is the matrix's.
  assert.equal(await page.inputValue('#mx-port'), '5432');
  const all = await cells(page);
  const names = new Set(all.flatMap((c) => [c.from, c.to]));
  assert.deepEqual([...names].sort(), ['subnet-app', 'subnet-db', 'subnet-web'], 'subnets by subnets');
  // A subnet with one instance has no flow to itself: its cell is drawn empty.
  assert.equal(await page.$$eval('#mx-table td.mx-none', (ts) => ts.length), 9 - all.length);
  const red = all.find((c) => c.from === 'subnet-app' && c.to === 'subnet-db');
  assert.ok(red && /\bbad\b/.test(red.cls), `app to db is blocked: ${JSON.stringify(red)}`);
  // The scenario's story: the data VPC's table has no route back to shop.
  // In words (review P4): what the component is, its id, and why; the code only in the tooltip's last line.
  const m = red.label.match(/blocked at route table (\S+): no route back\. Play this flow\.$/);
  assert.ok(m, `the label says where, what and why in words: ${red.label}`);
  const blockedAt = m[1];
  assert.equal(blockedAt, 'rtb-db');
  assert.doesNotMatch(red.label, /[A-Z]{2,}_[A-Z_]+|\(route-table\)/, 'no engine code or kind in the label');
  const title = await page.getAttribute(`#mx-table button[data-from="subnet-app"][data-to="subnet-db"]`, 'title');
  const [said, codeLine] = title.split('\n');
  assert.equal(said, red.label.replace(/\. Play this flow\.$/, ''));
  const code = codeLine.replace(/^Reachability Analyzer code: /, '');
  assert.equal(code, 'NO_ROUTE_TO_DESTINATION', `the tooltip's last line keeps the code: ${title}`);
  // A few columns: each cell names where it stops, readable without a hover (a touch screen has none).
  const words = await page.$$eval('#mx-table button.mx-cell', (bs) => bs.map((b) => [b.dataset.from, b.dataset.to, b.textContent]));
  assert.ok(words.some(([f, t, w]) => f === 'subnet-app' && t === 'subnet-db' && w === `✕ ${blockedAt}`), `the red cell says ✕ ${blockedAt}: ${JSON.stringify(words)}`);
  for (const c of all) {
    const w = words.find(([f, t]) => f === c.from && t === c.to)[2];
    assert.ok(/\bok\b/.test(c.cls) ? w === '✓ reachable' : /^✕ \S+$/.test(w), `${c.from} → ${c.to}: "${w}"`);
  }
  await shot(page, 'matrix-default');

  await page.click('#mx-table button[data-from="subnet-app"][data-to="subnet-db"]');
  assert.equal(await page.getAttribute('#tab-diagram', 'aria-selected'), 'true', 'a click goes back to the diagram');
  const status = await statusStartsWith(page, 'Blocked at');
  assert.ok(status.startsWith(`Blocked at ${blockedAt}:`), `the status names the cell's blocking resource: ${status}`);
  assert.equal(await page.textContent('#status-code'), code);
  const flow = { from: await page.inputValue('#flow-from'), to: await page.inputValue('#flow-to'), port: await page.inputValue('#flow-port') };
  assert.equal(flow.port, '5432');
  assert.notEqual(flow.from, '');
  await shot(page, 'matrix-played');

  await page.click('#apply-fix');
  await statusStartsWith(page, 'Reachable');
  await page.waitForSelector('#matrix-changes:not(.hidden) li');
  const changes = await page.$$eval('#matrix-changes li', (ls) => ls.map((l) => ({ cls: l.className, text: l.textContent })));
  const flipped = changes.find((c) => c.text.startsWith('subnet-app → subnet-db:'));
  assert.ok(flipped, `the fixed cell is listed: ${JSON.stringify(changes)}`);
  assert.equal(flipped.cls, 'opened', 'it flipped to reachable');
  assert.equal(flipped.text, 'subnet-app → subnet-db: was blocked at route table rtb-db: no route back → now reachable');
  assert.match(await page.textContent('#matrix-changes p'), /^\d+ cells? of the reachability matrix changed/);
  assert.doesNotMatch(await page.textContent('#matrix-changes'), /\(s\)|\[[A-Z_]+\]/, 'plural by count, no codes');
  // Only cells whose verdict changed are listed.
  assert.ok(changes.every((c) => !/: reachable → reachable$/.test(c.text)));
  await shot(page, 'matrix-changed');
  await page.click('#tab-matrix');
  await page.waitForSelector('#mx-table button.mx-cell.flipped');
  const after = await cells(page);
  const now = after.find((c) => c.from === 'subnet-app' && c.to === 'subnet-db');
  assert.match(now.cls, /\bok\b/);
  assert.match(now.cls, /\bflipped\b/, 'the matrix marks the flipped cell');
  await shot(page, 'matrix-after-fix');

  // Undo is an edit too: the same cell flips back.
  await page.click('#undo');
  await page.waitForFunction(() => [...document.querySelectorAll('#matrix-changes li')]
    .some((l) => l.className === 'closed' && l.textContent.startsWith('subnet-app → subnet-db:')));
  await context.close();
});

test('the filter, VPC grouping, protocol and cancel', async () => {
  const { context, page } = await openMatrix();
  await page.fill('#mx-filter-from', 'vpc-data');
  const rows = await page.$$eval('#mx-table th.mx-row', (ts) => ts.map((t) => t.textContent));
  assert.deepEqual(rows, ['db (private)'], 'the filter keeps the rows whose id, name or VPC match');
  await page.fill('#mx-filter-from', '');
  await page.check('#mx-by-vpc');
  const vpcCells = await page.$$eval('#mx-table button.mx-cell', (bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.ok(vpcCells.some((l) => /^vpc-shop → vpc-data: \d+ of \d+ pairs? reachable/.test(l)), vpcCells.join('\n'));
  assert.ok(vpcCells.every((l) => !/\(s\)/.test(l) && !/ of 1 pairs /.test(l)), 'plural by count');
  assert.match(await page.textContent('#mx-summary'), /^\d+ sources? × \d+ destinations?, tcp \S+: \d+ reachable, \d+ blocked\. \d+ traces? answered \d+ address pairs? in /);
  assert.doesNotMatch(await page.textContent('#mx-summary'), /\(s\)/);
  // A VPC cell opens its groups.
  await page.click('#mx-table button.mx-cell >> nth=0');
  assert.equal(await page.isChecked('#mx-by-vpc'), false);
  assert.notEqual(await page.inputValue('#mx-filter-from'), '');
  await page.fill('#mx-filter-from', '');
  await page.fill('#mx-filter-to', '');

  await page.selectOption('#mx-protocol', 'icmp');
  assert.equal(await page.isDisabled('#mx-port'), true, 'ICMP has no port');
  await page.click('#mx-compute');
  await page.waitForFunction(() => /icmp/.test(document.querySelector('#mx-summary')?.textContent || ''));

  // Cancel while it computes: the result is dropped and the previous matrix stays.
  const before = await page.textContent('#mx-summary');
  await page.selectOption('#mx-protocol', 'udp');
  await page.evaluate(() => {
    document.querySelector('#mx-compute').click();
    document.querySelector('#mx-cancel').click();
  });
  await page.waitForTimeout(300);
  assert.match(await page.textContent('#mx-message'), /^Cancelled/);
  assert.equal(await page.isVisible('#mx-progress'), false);
  assert.equal(await page.textContent('#mx-summary'), before, 'the cancelled result is not shown');
  await context.close();
});

test('the grid is one tab stop; arrow keys move between cells, past a group\'s empty cell to itself', async () => {
  const { context, page } = await openMatrix();
  const stops = await page.$$eval('#mx-table button.mx-cell', (bs) => bs.filter((b) => b.tabIndex === 0).length);
  assert.equal(stops, 1);
  await page.focus('#mx-table button.mx-cell[tabindex="0"]');
  const at = () => page.evaluate(() => `${document.activeElement.dataset.from} ${document.activeElement.dataset.to}`);
  const start = await at();
  await page.keyboard.press('ArrowRight');
  const moved = await at();
  assert.notEqual(moved, start);
  assert.equal(moved.split(' ')[0], start.split(' ')[0], 'right stays in the row');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), start);
  await page.keyboard.press('Enter');
  await statusStartsWith(page, 'Blocked at');
  await context.close();
});

/**
 * A scenario of `n` VPCs in a ring of peerings, three subnets with an instance each: a matrix
 * of 3n x 3n subnets that takes the engine a while.
 */
function ringEstate(n) {
  const s = { name: `ring of ${n}`, region: 'us-east-1', vpcs: [], subnets: [], route_tables: [], peering_connections: [], security_groups: [], instances: [] };
  for (let v = 0; v < n; v++) {
    const vpc = `vpc-r${v}`;
    s.vpcs.push({ id: vpc, cidr: `10.${v}.0.0/16` });
    s.security_groups.push({ id: `sg-r${v}`, vpc, ingress: [{ protocol: 'tcp', ports: 443, cidr: '10.0.0.0/8' }] });
    const next = (v + 1) % n;
    s.peering_connections.push({ id: `pcx-r${v}`, requester: vpc, accepter: `vpc-r${next}` });
    for (let k = 0; k < 3; k++) {
      const subnet = `subnet-r${v}-${k}`;
      s.subnets.push({ id: subnet, vpc, cidr: `10.${v}.${k}.0/24`, az: 'us-east-1a' });
      s.instances.push({ id: `i-r${v}-${k}`, subnet, private_ip: `10.${v}.${k}.10`, security_groups: [`sg-r${v}`] });
    }
    const prev = (v + n - 1) % n;
    s.route_tables.push({ id: `rtb-r${v}`, vpc, subnets: [0, 1, 2].map((k) => `subnet-r${v}-${k}`), routes: [
      { destination: `10.${next}.0.0/16`, target: `pcx-r${v}` },
      { destination: `10.${prev}.0.0/16`, target: `pcx-r${prev}` },
    ] });
  }
  return JSON.stringify(s);
}

test('Cancel stops the engine computing: a trace right after is answered at once', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base);
  const r = await page.evaluate(async (text) => {
    const engine = await import('/js/engine.js');
    const { handle } = await engine.load(text);
    const flow = { from: 'i-r0-0', to: 'i-r1-0', protocol: 'tcp', port: 443 };
    // A whole matrix, for its time and its number of source rows.
    let t = performance.now();
    const whole = await engine.matrix(handle, {});
    const wholeMs = performance.now() - t;
    // Again, cancelled after its first step.
    const abort = new AbortController();
    const progress = [];
    let cancelledAt = 0;
    const run = engine.matrix(handle, {}, {
      signal: abort.signal,
      onProgress: (done, rows) => {
        progress.push([done, rows]);
        if (done > 0 && !abort.signal.aborted) {
          abort.abort();
          cancelledAt = performance.now();
        }
      },
    });
    const outcome = await run.then(() => 'finished', (e) => e.name);
    const stepsAfter = progress.filter(([done]) => done > progress.find(([d]) => d > 0)[0]).length;
    t = performance.now();
    const tr = await engine.trace(handle, flow);
    const traceMs = performance.now() - t;
    return { rows: whole.sources.length, wholeMs, outcome, progress, stepsAfter, traceMs, sinceCancel: performance.now() - cancelledAt, reachable: tr.reachable };
  }, ringEstate(80));
  assert.equal(r.rows, 240, '80 VPCs x 3 subnets');
  assert.equal(r.outcome, 'AbortError', 'the cancelled matrix rejects as aborted');
  assert.equal(r.stepsAfter, 0, `no step is computed after Cancel: ${JSON.stringify(r.progress)}`);
  assert.ok(r.progress.every(([, rows]) => rows === 240), 'progress counts source rows');
  assert.equal(r.reachable, true, 'the trace is answered (its neighbour over the peering)');
  // The trace is not queued behind the rest of the matrix: it comes well before a whole one.
  assert.ok(r.sinceCancel < r.wholeMs / 2 + 250, `answered ${r.sinceCancel.toFixed(0)} ms after Cancel; a whole matrix takes ${r.wholeMs.toFixed(0)} ms`);
  await context.close();
});

test('the diff reads cells by position, and lists what the cell-by-cell comparison of the written-out matrices lists', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base);
  const r = await page.evaluate(async () => {
    const engine = await import('/js/engine.js');
    const { matrixDiff } = await import('/js/matrix.js');
    const text = await (await fetch('scenarios/default.json')).text();
    const before = JSON.parse(text);
    // The fix the default scenario's story wants: rtb-db's route back to the shop VPC.
    const after = structuredClone(before);
    const db = after.route_tables.find((t) => t.id === 'rtb-db');
    (db.routes ??= []).push({ destination: '10.0.0.0/16', target: 'pcx-shop-data' });
    const m1 = await engine.matrix((await engine.load(JSON.stringify(before))).handle, { protocol: 'tcp', ports: '5432' });
    const m2 = await engine.matrix((await engine.load(JSON.stringify(after))).handle, { protocol: 'tcp', ports: '5432' });
    // The comparison as it was before the compact form: over every cell written out, by label.
    const key = (c) => `${c.from}\u0000${c.to}`;
    const old = new Map(m1.expand().cells.map((c) => [key(c), c]));
    const want = [];
    for (const c of m2.expand().cells) {
      const b = old.get(key(c));
      if (!b) continue;
      const flipped = b.reachable !== c.reachable;
      if (flipped || b.blocked_at !== c.blocked_at || b.explanation_code !== c.explanation_code) want.push({ from: c.from, to: c.to, before: b, after: c, flipped });
    }
    want.sort((a, b) => Number(b.flipped) - Number(a.flipped));
    return { got: matrixDiff(m1, m2), want, same: matrixDiff(m1, m1), kind: m1.constructor.name, thread: engine.engineThread() };
  });
  assert.equal(r.thread, 'worker', 'the matrix crossed from the worker');
  assert.equal(r.kind, 'MatrixResult');
  assert.deepEqual(r.same, [], 'a matrix against itself: nothing changed');
  assert.ok(r.want.some((d) => d.flipped && d.from === 'subnet-app' && d.to === 'subnet-db'), JSON.stringify(r.want));
  assert.deepEqual(r.got, r.want);
  await context.close();
});

test('a lesson goal stated as an intent: listed unmet, and Send this packet plays a flow that breaks it', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await open(page, base, '?lesson=tgw-segmentation');
  await page.waitForSelector('#lesson-goals .goal');
  const goals = await page.$$eval('#lesson-goals .goal', (ls) => ls.map((l) => ({ met: l.classList.contains('met'), text: l.querySelector('.goal-text').textContent })));
  assert.equal(goals.length, 5, 'four flow goals, then the intent');
  const intent = goals[4];
  assert.equal(intent.text, 'Nothing in vpc-dev reaches vpc-prod, on any protocol or port');
  assert.equal(intent.met, false, 'dev reaches prod at the start');
  await page.click('#lesson-goals li:nth-child(5) .goal-send');
  const from = await page.inputValue('#flow-from');
  const to = await page.inputValue('#flow-to');
  assert.ok(from && to, 'the counterexample is loaded into the flow form');
  await statusStartsWith(page, 'Reachable');
  await shot(page, 'lesson-intent-goal');
  await context.close();
});
