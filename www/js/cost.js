/**
 * The cost comparison a lesson can ask for (`lesson.extra.cost`): the same monthly traffic
 * priced on several paths from the dated table in data/prices.json, drawn as plain SVG bars.
 * monthly = hourly × hours × units (AZs for a per-AZ option, else one, unless the lesson says:
 * attachments for a transit gateway) + per-GB × GB. A row may mix paths (several parts).
 */

import { h, s } from './dom.js';

/**
 * One priced line of a row: a price-table option times its units (AZs, attachments, ...) and GB.
 * @typedef {{price: string, label: string, hourly: number, perGb: number, units: number,
 *   unitName: string, gb: number, fixed: number, traffic: number}} CostPart
 */
/**
 * @typedef {{id: string, label: string, hourly: number, perGb: number, units: number,
 *   fixed: number, traffic: number, total: number, unconfirmed: string[], parts: CostPart[],
 *   prices: string[]}} CostRow
 */

const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const str = (v) => (typeof v === 'string' ? v : '');
const own = (o, k) => (o && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * Prices one part: `price` names an option of the table; units default to the AZs for a per-AZ
 * option and to one otherwise; GB default to the lesson's monthly traffic. Null when the option
 * is missing or priced with something that is not a number.
 */
function pricePart(spec, prices, dflt) {
  const id = str(spec?.price);
  const o = id ? own(prices?.options, id) : null;
  if (!o || typeof o !== 'object') return null;
  const hourly = num(o.hourly);
  const perGb = num(o.per_gb);
  if (hourly === null || perGb === null) return null;
  const units = num(spec.units) ?? (o.per_az ? dflt.azs : 1);
  const gb = num(spec.gb_per_month) ?? dflt.gb;
  const unitName = str(o.unit_name) || (o.per_az ? 'AZ' : '');
  const part = { price: id, label: str(o.label) || id, hourly, perGb, units, unitName, gb, fixed: hourly * dflt.hours * units, traffic: perGb * gb };
  return { part, unconfirmed: [o.hourly_status !== 'confirmed' && 'hourly', o.per_gb_status !== 'confirmed' && 'per GB'] };
}

/**
 * One row of the comparison. An option is either a price-table id (the whole traffic on that
 * path) or `{id, label, parts: [{price, units?, gb_per_month?}]}`: a mix of paths, say a transit
 * gateway for most VPC pairs and a peering connection for the busiest. A row with an unpriced
 * part is skipped whole, since its total would be wrong.
 */
function priceRow(opt, prices, dflt) {
  const isId = typeof opt === 'string';
  const specs = isId ? [{ price: opt }] : Array.isArray(opt?.parts) ? opt.parts : [];
  if (!specs.length) return null;
  const parts = [];
  const unconfirmed = new Set();
  for (const spec of specs) {
    const p = pricePart(spec, prices, dflt);
    if (!p) return null;
    parts.push(p.part);
    for (const u of p.unconfirmed) if (u) unconfirmed.add(u);
  }
  const id = isId ? opt : str(opt.id) || parts.map((p) => p.price).join('+');
  const label = isId ? parts[0].label : str(opt.label) || parts.map((p) => p.label).join(' + ');
  const fixed = parts.reduce((a, p) => a + p.fixed, 0);
  const traffic = parts.reduce((a, p) => a + p.traffic, 0);
  const one = parts.length === 1 ? parts[0] : null;
  return {
    id, label, hourly: one ? one.hourly : 0, perGb: one ? one.perGb : 0, units: one ? one.units : 0,
    fixed, traffic, total: fixed + traffic, unconfirmed: ['hourly', 'per GB'].filter((u) => unconfirmed.has(u)),
    parts, prices: [...new Set(parts.map((p) => p.price))],
  };
}

/**
 * Prices each option of a lesson's cost comparison. Options missing from the price table, or
 * priced with something that is not a number, are skipped.
 * @param {any} cost lesson.extra.cost: {gb_per_month, hours_per_month?, azs?, title?, options}
 * @param {any} prices data/prices.json
 * @returns {{rows: CostRow[], gb: number, hours: number, azs: number}}
 */
export function costRows(cost, prices) {
  const gb = num(cost?.gb_per_month) ?? 0;
  const hours = num(cost?.hours_per_month) ?? num(prices?.hours_per_month) ?? 730;
  const azs = num(cost?.azs) ?? 1;
  const rows = [];
  const opts = Array.isArray(cost?.options) ? cost.options : [];
  for (const opt of opts) {
    const row = priceRow(opt, prices, { gb, hours, azs });
    if (row) rows.push(row);
  }
  return { rows, gb, hours, azs };
}

/**
 * The date the chart's prices were read: the oldest `seen` of the options it uses, else the
 * table's date (when the first options were read).
 * @param {CostRow[]} rows
 * @param {any} prices
 */
export function pricesDate(rows, prices) {
  const table = str(prices?.date) || 'unknown';
  const seen = rows.flatMap((r) => r.prices).map((id) => str(own(prices?.options, id)?.seen) || table);
  return seen.length ? [...seen].sort()[0] : table;
}

/**
 * The table's notes and sources that concern the options on the chart: an entry with a `for`
 * list is kept when it names one of them; a plain string (or one without `for`) always.
 * @param {any[]} list
 * @param {string[]} used
 */
export function concerning(list, used) {
  if (!Array.isArray(list)) return [];
  return list.filter((x) => typeof x === 'string' || (x && typeof x === 'object'
    && (!Array.isArray(x.for) || x.for.some((id) => used.includes(id)))));
}

/**
 * US dollars with cents: 77.85 -> "$77.85".
 * @param {number} v
 */
export function usd(v) {
  return `$${v.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/**
 * A unit price, with as many decimals as it has (up to 4): 0.045 -> "$0.045", 0.01 -> "$0.01".
 * @param {number} v
 */
export function rate(v) {
  const t = v.toFixed(4).replace(/0+$/, '');
  const [i, d = ''] = t.split('.');
  return `$${i}.${d.padEnd(2, '0')}`;
}

/** "$0.05/h × 730 h × 4 attachments + $0.02/GB × 1,000 GB", one part of a row. */
function partText(p, hours, showLabel) {
  const many = p.units !== 1 ? ` × ${p.units.toLocaleString('en-US')} ${p.unitName ? `${p.unitName}${p.units === 1 ? '' : 's'}` : 'units'}` : '';
  const hoursPart = p.hourly ? `${rate(p.hourly)}/h × ${hours} h${many}` : 'no hourly charge';
  const gbPart = p.perGb ? `${rate(p.perGb)}/GB × ${p.gb.toLocaleString('en-US')} GB` : `no per-GB charge for ${p.gb.toLocaleString('en-US')} GB`;
  return `${showLabel ? `${p.label}: ` : ''}${hoursPart} + ${gbPart}`;
}

/** The bars, one per row, scaled to the dearest. */
function bars(rows) {
  const max = Math.max(...rows.map((r) => r.total), 0) || 1;
  const W = 340;
  const LABEL = 150;
  const BAR_H = 22;
  const GAP = 14;
  const H = rows.length * (BAR_H + GAP) + 4;
  const svg = s('svg', { class: 'cost-bars', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': rows.map((r) => `${r.label}: ${usd(r.total)} a month`).join('; ') });
  rows.forEach((r, i) => {
    const y = i * (BAR_H + GAP) + 2;
    // Room at the right for the dearest value, "≈ $1,234.56" at the chart's font.
    const room = W - LABEL - 88;
    const w = Math.max(2, (r.total / max) * room);
    const g = s('g', { class: `cost-row cost-${r.id.replace(/[^a-z0-9-]/gi, '')}`, 'data-option': r.id });
    g.append(
      s('title', { text: `${r.label}: ${usd(r.fixed)} for the hours + ${usd(r.traffic)} for the data = ${usd(r.total)}` }),
      s('text', { class: 'cost-label', x: 0, y: y + BAR_H / 2 + 4, text: (r.short || r.label).replace(/\s*\(.*\)$/, '') }),
      s('rect', { class: 'cost-bar', x: LABEL, y, width: w.toFixed(1), height: BAR_H, rx: 3 }),
      s('text', { class: 'cost-value', x: (LABEL + w + 6).toFixed(1), y: y + BAR_H / 2 + 4, text: `${r.unconfirmed.length ? '≈ ' : ''}${usd(r.total)}` }),
    );
    svg.append(g);
  });
  return svg;
}

/** The list of sources the chart's prices come from, links only to https pages. */
function sourceList(sources) {
  const det = h('details', { class: 'cost-sources' }, h('summary', { text: `Sources (${sources.length})` }));
  const ul = h('ul', {});
  for (const src of sources) {
    const url = typeof src?.url === 'string' ? src.url : '';
    const safe = /^https:\/\//.test(url);
    ul.append(h('li', {},
      safe ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url }) : h('span', { text: url }),
      src?.kind === 'third-party' ? h('span', { class: 'muted', text: ' (third party)' }) : null,
      typeof src?.used_for === 'string' ? h('span', { class: 'muted', text: `: ${src.used_for}` }) : null));
  }
  det.append(ul);
  return det;
}

/**
 * The chart and its notes, built with createElement only (prices.json and lessons are content).
 * @param {any} cost lesson.extra.cost
 * @param {any} prices data/prices.json, or null when it could not be loaded
 * @returns {HTMLElement}
 */
export function costChart(cost, prices) {
  const box = h('figure', { class: 'cost', 'aria-label': 'Monthly cost comparison' });
  if (!prices) {
    box.append(h('p', { class: 'muted', text: 'The price table (data/prices.json) could not be loaded.' }));
    return box;
  }
  const { rows, gb, hours, azs } = costRows(cost, prices);
  const shorts = Array.isArray(cost?.options) ? cost.options : [];
  for (const r of rows) r.short = str(shorts.find((o) => o && typeof o === 'object' && o.id === r.id)?.short);
  const region = typeof prices.region === 'string' ? prices.region : '';
  const title = str(cost?.title) || `What ${gb.toLocaleString('en-US')} GB a month to the service costs`;
  box.append(h('figcaption', { class: 'cost-title', text: `${title}${region ? ` in ${region}` : ''}` }));
  box.append(bars(rows));

  const how = h('ul', { class: 'cost-how' });
  for (const r of rows) {
    const text = r.parts.map((p) => partText(p, hours, r.parts.length > 1)).join('; ');
    how.append(h('li', {},
      h('strong', { text: `${r.label}: ` }),
      `${text} = ${usd(r.total)} a month`,
      r.unconfirmed.length ? h('span', { class: 'unconfirmed', text: ` (unconfirmed: ${r.unconfirmed.join(' and ')} price)` }) : null));
  }
  box.append(how);
  const used = [...new Set(rows.flatMap((r) => r.prices))];
  const perAz = rows.some((r) => r.parts.some((p) => p.unitName === 'AZ'));
  const azNote = perAz ? (azs > 1 ? `, ${azs} AZs` : ', one AZ') : '';
  box.append(h('p', { class: 'cost-note', text: `List prices as of ${pricesDate(rows, prices)}${azNote}. ≈ marks figures not confirmed on an AWS page for this Region: check the AWS pricing pages before deciding anything.` }));
  const notes = concerning(prices.not_included, used).map((x) => (typeof x === 'string' ? x : str(x.text))).filter(Boolean);
  if (notes.length) box.append(h('p', { class: 'cost-note', text: `Not included: ${notes.join('; ')}.` }));
  const sources = concerning(prices.sources, used);
  if (sources.length) box.append(sourceList(sources));
  return box;
}
