// By the packet (issue 11 item 2): at every hop a callout by the dot says the leg (in words),
// the header and the hop's sentence, and a NAT or internet gateway's rewrite; it and the dot
// never cover the label of the component the dot stops at; request and reply differ in more
// than colour; only what the packet crosses is highlighted, the rest dims while it plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, newPage, open, statusStartsWith, shot, problems } from './harness.mjs';

let browser;
let base;
browserSuite((b, url) => {
  browser = b;
  base = url;
});

const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Sends the form's flow, pauses, and goes to hop `i` (0-based) by its row in the Packet path. */
async function sendAndPause(page) {
  await page.click('#send');
  await page.waitForSelector('#events > li');
  await page.click('#step-back');
}
async function goTo(page, i) {
  await page.click(`#events li[data-index="${i}"]`);
  await page.waitForFunction((n) => document.querySelector('#hop-counter').textContent.startsWith(`Hop ${n + 1} `), i);
}

/**
 * What is on screen at the current hop: the callout (text, box, font sizes), the dot, and the
 * component the dot stops at (its box and its texts' boxes).
 */
function scene(page) {
  return page.evaluate(() => {
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const c = document.querySelector('#packet-callout');
    const dot = document.querySelector('#diagram circle.packet');
    // The component the dot stops at: the marked hop, or for a hop with no drawing of its own (a
    // security group) the box the dot stands beside.
    const d = dot.getBoundingClientRect();
    const cx = d.left + d.width / 2;
    const cy = d.top + d.height / 2;
    const dist = (g) => {
      const r = g.querySelector('.node-box').getBoundingClientRect();
      return Math.hypot(Math.max(r.left - cx, 0, cx - r.right), Math.max(r.top - cy, 0, cy - r.bottom));
    };
    const nodes = [...document.querySelectorAll('#diagram g.node')];
    const active = document.querySelector('#diagram g.node.hop-active') || nodes.sort((a, b) => dist(a) - dist(b))[0];
    const sizes = [...c.querySelectorAll('*')].map((e) => parseFloat(getComputedStyle(e).fontSize));
    return {
      shown: !c.classList.contains('hidden') && c.getBoundingClientRect().width > 0,
      leg: c.querySelector('.callout-leg')?.textContent,
      header: c.querySelector('.callout-header')?.textContent,
      rewrite: [...c.querySelectorAll('.callout-rewrite')].map((e) => e.textContent),
      sentence: c.querySelector('.callout-sentence')?.textContent,
      callout: rect(c),
      wrap: rect(document.querySelector('#diagram-view')),
      minFont: Math.min(...sizes),
      dot: rect(dot),
      dotClass: dot.getAttribute('class'),
      dotFill: getComputedStyle(dot).fill,
      active: active && { id: active.dataset.id, box: rect(active.querySelector('.node-box')), texts: [...active.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => ({ text: t.textContent, r: rect(t) })) },
      svgClass: document.querySelector('#diagram').getAttribute('class'),
    };
  });
}

/** The callout is readable and covers neither the stopped-at component nor its label; the dot hides no label of it. */
function assertClear(sc, what) {
  assert.ok(sc.shown, `${what}: the callout shows`);
  assert.ok(sc.minFont >= 11, `${what}: callout text ${sc.minFont} px`);
  assert.ok(sc.active, `${what}: a component is marked as the current hop`);
  assert.ok(!overlap(sc.callout, sc.active.box), `${what}: the callout does not cover ${sc.active.id}`);
  for (const t of sc.active.texts) {
    assert.ok(!overlap(sc.dot, t.r), `${what}: the dot does not hide "${t.text}"`);
    assert.ok(!overlap(sc.callout, t.r), `${what}: the callout does not hide "${t.text}"`);
  }
  assert.ok(!overlap(sc.callout, sc.dot), `${what}: the callout does not hide the dot`);
}

test('1280x720: every hop of the blocked default flow has its callout, clear of the label it stops at', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base);
  await sendAndPause(page);
  await statusStartsWith(page, 'Blocked at rtb-db');
  const n = await page.$$eval('#events > li', (l) => l.length);
  assert.equal(n, 11);
  const seen = [];
  for (let i = 0; i < n; i++) {
    await goTo(page, i);
    const sc = await scene(page);
    const hop = await page.$eval(`#events li[data-index="${i}"]`, (li) => ({ id: li.dataset.id, detail: li.querySelector('.hop-detail').textContent }));
    assertClear(sc, `hop ${i + 1} (${hop.id})`);
    assert.equal(sc.sentence, hop.detail, `hop ${i + 1}: the callout says the hop's sentence`);
    seen.push({ leg: sc.leg, header: sc.header, dotClass: sc.dotClass, dotFill: sc.dotFill, svgClass: sc.svgClass });
    if (i === 0) await shot(page, 'packet-callout-request');
  }
  // The request's header, then the reply's, the reply said in words and drawn as a ring.
  assert.equal(seen[0].leg, 'Request →');
  assert.equal(seen[0].header, 'tcp 10.0.1.10:49152 → 172.31.1.20:5432');
  assert.equal(seen[8].leg, '← Reply');
  assert.equal(seen[8].header, 'tcp 172.31.1.20:5432 → 10.0.1.10:49152');
  assert.equal(seen[10].leg, '← Reply · dropped here');
  assert.match(seen[8].dotClass, /leg-return/);
  assert.doesNotMatch(seen[0].dotClass, /leg-return/);
  assert.notEqual(seen[8].dotFill, seen[0].dotFill, 'the reply dot is drawn differently');
  assert.match(seen[8].svgClass, /leg-return/, 'the path takes the reply colour');
  assert.doesNotMatch(seen[0].svgClass, /leg-return/);
  // The drop marker sits on the blocked route table's chip without covering its label.
  const hit = await page.evaluate(() => {
    const m = document.querySelector('#diagram .drop-marker:not(.hidden)').getBoundingClientRect();
    const t = document.querySelector('#diagram g.blocked[data-key="subnet-db|rtb-db"] .chip-label').getBoundingClientRect();
    return m.left < t.right && t.left < m.right && m.top < t.bottom && t.top < m.bottom;
  });
  assert.equal(hit, false, 'the drop marker does not cover "Routes rtb-db"');
  await shot(page, 'packet-callout-drop');
  assert.deepEqual(problems, []);
  await context.close();
});

// The followed view took in the dot only, at the stop's left edge: at 1400x900 the current ACL
// was half off the diagram's right edge and its callout, clamped in, covered the source (a review).
for (const [width, height] of [[1400, 900], [1280, 720]]) {
  test(`${width}x${height}: at every hop the stop is wholly in view, and the callout leaves the flow's ends uncovered`, async () => {
    const { context, page } = await newPage(browser, { viewport: { width, height } });
    await open(page, base);
    await sendAndPause(page);
    await statusStartsWith(page, 'Blocked at rtb-db');
    const n = await page.$$eval('#events > li', (l) => l.length);
    for (let i = 0; i < n; i++) {
      await goTo(page, i);
      const sc = await scene(page);
      const { svg, ends } = await page.evaluate(() => {
        const r = (el) => el && el.getBoundingClientRect().toJSON();
        return {
          svg: r(document.querySelector('#diagram')),
          ends: ['eni-app1', 'eni-db1'].map((id) => ({ id, box: r(document.querySelector(`#diagram g.node[data-id="${id}"] .node-box`)) })),
        };
      });
      const b = sc.active.box;
      assert.ok(b.left >= svg.left - 0.5 && b.right <= svg.right + 0.5 && b.top >= svg.top - 0.5 && b.bottom <= svg.bottom + 0.5,
        `hop ${i + 1}: ${sc.active.id} is wholly in the diagram (${JSON.stringify(b)} in ${JSON.stringify(svg)})`);
      for (const e of ends.filter((x) => x.box && x.id !== sc.active.id)) {
        assert.ok(!overlap(sc.callout, e.box), `hop ${i + 1}: the callout does not cover ${e.id}`);
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('only what the packet crosses lights up, and the rest dims while it plays', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1400, height: 900 } });
  await open(page, base);
  await sendAndPause(page);
  await goTo(page, 2);
  const st = await page.evaluate(() => {
    const g = (sel) => document.querySelector(`#diagram ${sel}`);
    return {
      // acl-shop-default is shared by web and app; the app -> db flow only crosses app's.
      aclApp: g('g[data-key="subnet-app|acl-shop-default"]').classList.contains('on-path'),
      aclWeb: g('g[data-key="subnet-web|acl-shop-default"]').classList.contains('on-path'),
      rtbWeb: g('g[data-key="subnet-web|rtb-web"]').classList.contains('on-path'),
      tracing: g('').parentElement.querySelector('#diagram').classList.contains('tracing'),
      web1: Number(getComputedStyle(g('g[data-id="eni-web1"]')).opacity),
      db1: Number(getComputedStyle(g('g[data-id="eni-db1"]')).opacity),
    };
  });
  assert.deepEqual(st, { aclApp: true, aclWeb: false, rtbWeb: false, tracing: true, web1: st.web1, db1: 1 });
  assert.ok(st.web1 < 0.6, `web-1, off the path, is dimmed (opacity ${st.web1})`);
  await goTo(page, 10);
  const after = await page.evaluate(() => ({
    tracing: document.querySelector('#diagram').classList.contains('tracing'),
    web1: Number(getComputedStyle(document.querySelector('#diagram g[data-id="eni-web1"]')).opacity),
  }));
  assert.deepEqual(after, { tracing: false, web1: 1 }, 'at the result nothing is dimmed');
  await context.close();
});

test('the NAT gateway and the internet gateway show their rewrites by the packet', async () => {
  const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 720 } });
  await open(page, base);
  await page.fill('#flow-to', '8.8.8.8');
  await page.fill('#flow-port', '443');
  await sendAndPause(page);
  await statusStartsWith(page, 'Reachable');
  const ids = await page.$$eval('#events > li', (l) => l.map((x) => x.dataset.id));
  const at = async (id, nth = 0) => {
    const i = ids.map((x, k) => [x, k]).filter(([x]) => x === id)[nth][1];
    await goTo(page, i);
    return scene(page);
  };
  const nat = await at('nat-shop');
  assertClear(nat, 'nat-shop');
  assert.equal(nat.header, 'tcp 10.0.1.10:49152 → 8.8.8.8:443');
  assert.deepEqual(nat.rewrite, ['rewrites the source 10.0.1.10:49152 → 10.0.0.50:1024']);
  await shot(page, 'packet-callout-nat');
  const igw = await at('igw-shop');
  assertClear(igw, 'igw-shop');
  assert.deepEqual(igw.rewrite, ['rewrites the source 10.0.0.50:1024 → 203.0.113.50:1024']);
  const back = await at('igw-shop', 1);
  assert.equal(back.leg, '← Reply');
  assert.deepEqual(back.rewrite, ['rewrites the destination 203.0.113.50:1024 → 10.0.0.50:1024']);
  const rt = await at('rtb-app');
  assert.deepEqual(rt.rewrite, [], 'a route table rewrites nothing');
  assert.deepEqual(problems, []);
  await context.close();
});
