// Pure parts of the lesson pages: the cost figures, reading a lesson object and the index,
// and the service worker's list of files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { costRows, usd, rate, pricesDate, concerning } from '../../www/js/cost.js';
import { readLesson, paragraphs } from '../../www/js/lesson.js';
import { lessonList } from '../../www/js/picker.js';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const json = (rel) => JSON.parse(readFileSync(join(WWW, rel), 'utf8'));

// ---------------------------------------------------------------- cost

test('endpoint_costs_price_three_paths_from_the_table', () => {
  const prices = json('data/prices.json');
  const cost = json('lessons/endpoint-costs.json').lesson.extra.cost;
  const { rows } = costRows(cost, prices);
  assert.deepEqual(rows.map((r) => [r.id, usd(r.total)]), [
    ['nat-gateway', '$77.85'], ['interface-endpoint', '$17.30'], ['gateway-endpoint', '$0.00']]);
  assert.deepEqual(rows[0].unconfirmed, ['hourly', 'per GB']);
  assert.deepEqual(rows[2].unconfirmed, []);
});

test('cost_counts_hours_per_az_only_for_per_az_options', () => {
  const prices = { options: {
    a: { hourly: 1, per_gb: 0.5, per_az: true, hourly_status: 'confirmed', per_gb_status: 'confirmed' },
    b: { hourly: 1, per_gb: 0, per_az: false, hourly_status: 'confirmed', per_gb_status: 'confirmed' } } };
  const { rows } = costRows({ gb_per_month: 10, hours_per_month: 100, azs: 3, options: ['a', 'b', 'missing'] }, prices);
  assert.deepEqual(rows.map((r) => r.total), [305, 100]);
});

test('tgw_costs_price_the_hub_the_mix_and_the_mesh_from_the_table', () => {
  const prices = json('data/prices.json');
  const cost = json('lessons/tgw-costs.json').lesson.extra.cost;
  const { rows } = costRows(cost, prices);
  const tgw = prices.options['transit-gateway'];
  // Four attachments all month, and every GB between the VPCs processed by the hub.
  const hub = tgw.hourly * 730 * 4 + tgw.per_gb * 21000;
  // The same four attachments, but only the 1,000 GB that is not the clickstream through it.
  const mix = tgw.hourly * 730 * 4 + tgw.per_gb * 1000;
  assert.deepEqual(rows.map((r) => [r.id, r.total]), [['hub-only', hub], ['hub-and-peering', mix], ['peering-mesh', 0]]);
  assert.deepEqual(rows.map((r) => usd(r.total)), ['$566.00', '$166.00', '$0.00']);
  assert.deepEqual(rows[1].prices, ['transit-gateway', 'vpc-peering-same-az']);
  assert.deepEqual(rows[1].parts.map((p) => [p.units, p.gb]), [[4, 1000], [1, 20000]]);
  // The hub's prices are third-party figures for us-east-1; same-AZ peering is free on AWS's word.
  assert.deepEqual(rows[0].unconfirmed, ['hourly', 'per GB']);
  assert.deepEqual(rows[2].unconfirmed, []);
  assert.equal(pricesDate(rows, prices), '2026-11-30');
  assert.equal(pricesDate(costRows(json('lessons/endpoint-costs.json').lesson.extra.cost, prices).rows, prices), '2026-11-26');
  const urls = concerning(prices.sources, ['transit-gateway', 'vpc-peering-same-az']).map((s) => s.url);
  assert.ok(urls.includes('https://aws.amazon.com/transit-gateway/pricing/'));
  assert.ok(!urls.includes('https://aws.amazon.com/vpc/pricing/'), 'the NAT gateway source is not about this chart');
});

test('cost_rows_that_mix_paths_are_skipped_whole_when_a_part_is_unpriced', () => {
  const prices = { options: { a: { hourly: 1, per_gb: 1, unit_name: 'attachment' } } };
  const { rows } = costRows({ gb_per_month: 5, hours_per_month: 10, options: [
    { id: 'ok', label: 'A twice', parts: [{ price: 'a', units: 2, gb_per_month: 1 }, { price: 'a' }] },
    { id: 'bad', label: 'A and nothing', parts: [{ price: 'a' }, { price: 'missing' }] },
    { id: 'empty', label: 'Nothing', parts: [] },
    { id: 'proto', parts: [{ price: '__proto__' }] }] }, prices);
  // 2 units × 10 h + 1 GB, then 1 unit × 10 h + the lesson's 5 GB.
  assert.deepEqual(rows.map((r) => [r.id, r.total]), [['ok', 21 + 15]]);
});

test('cost_skips_options_priced_with_non_numbers', () => {
  const { rows } = costRows({ gb_per_month: 1, options: ['x', '__proto__'] }, { options: { x: { hourly: '1', per_gb: 0 } } });
  assert.deepEqual(rows, []);
});

test('money_formats_totals_in_cents_and_rates_in_full', () => {
  assert.equal(usd(1234.5), '$1,234.50');
  assert.equal(rate(0.045), '$0.045');
  assert.equal(rate(0.01), '$0.01');
  assert.equal(rate(0.0055), '$0.0055');
});

// ---------------------------------------------------------------- lesson objects

test('read_lesson_keeps_strings_only', () => {
  const l = readLesson({ id: 'x', title: 7, story: 'a\n\nb', hints: ['one', 2, 'three'], extra: { cost: 'no' } });
  assert.equal(l.title, 'Untitled lesson');
  assert.deepEqual(l.hints, ['one', 'three']);
  assert.equal(l.cost, null);
  assert.equal(readLesson(null), null);
  assert.equal(readLesson([1]), null);
});

test('story_splits_at_blank_lines', () => {
  assert.deepEqual(paragraphs('one\ntwo\n\n  three \n \nfour'), ['one\ntwo', 'three', 'four']);
});

test('lesson_index_lists_sixteen_in_order_and_drops_bad_ids', () => {
  const list = lessonList(json('lessons/index.json'));
  assert.equal(list.length, 16);
  assert.equal(list[0].id, 'peering-return-route');
  // The four transit-gateway lessons (issue 10) follow the twelve, the cost one last.
  assert.deepEqual(list.slice(11).map((l) => l.id), ['endpoint-costs', 'tgw-transitive', 'tgw-segmentation', 'tgw-az', 'tgw-costs']);
  assert.deepEqual(lessonList({ lessons: [{ id: '../x' }, { id: 'ok', title: 3 }, null] }), [{ id: 'ok', title: 'ok', summary: '' }]);
});

// ---------------------------------------------------------------- service worker

test('service_worker_caches_every_module_and_the_files_the_page_loads', () => {
  const sw = readFileSync(join(WWW, 'sw.js'), 'utf8');
  const listed = new Set([...sw.matchAll(/^\s*'([^']+)',$/gm)].map((m) => m[1]));
  for (const f of readdirSync(join(WWW, 'js'))) assert.ok(listed.has(`js/${f}`), `sw.js lists js/${f}`);
  for (const f of ['index.html', 'css/app.css', 'pkg/vpc_playground.js', 'pkg/vpc_playground_bg.wasm', 'scenarios/default.json', 'lessons/index.json', 'data/prices.json']) {
    assert.ok(listed.has(f), `sw.js lists ${f}`);
  }
});
