/**
 * The cost comparison a lesson can ask for (`lesson.extra.cost`): the same monthly traffic
 * priced on several paths from the dated table in data/prices.json, drawn as plain SVG bars.
 * monthly = hourly × hours × AZs (one unit when the option is not per AZ) + per-GB × GB.
 */

import { h, s } from './dom.js';

/**
 * @typedef {{id: string, label: string, hourly: number, perGb: number, units: number,
 *   fixed: number, traffic: number, total: number, unconfirmed: string[]}} CostRow
 */

const num = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/**
 * Prices each option of a lesson's cost comparison. Options missing from the price table, or
 * priced with something that is not a number, are skipped.
 * @param {any} cost lesson.extra.cost: {gb_per_month, hours_per_month?, azs?, options: string[]}
 * @param {any} prices data/prices.json
 * @returns {{rows: CostRow[], gb: number, hours: number, azs: number}}
 */
export function costRows(cost, prices) {
  const gb = num(cost?.gb_per_month) ?? 0;
  const hours = num(cost?.hours_per_month) ?? num(prices?.hours_per_month) ?? 730;
  const azs = num(cost?.azs) ?? 1;
  const rows = [];
  const ids = Array.isArray(cost?.options) ? cost.options : [];
  for (const id of ids) {
    const o = typeof id === 'string' ? prices?.options?.[id] : null;
    if (!o || typeof o !== 'object') continue;
    const hourly = num(o.hourly);
    const perGb = num(o.per_gb);
    if (hourly === null || perGb === null) continue;
    const units = o.per_az ? azs : 1;
    const fixed = hourly * hours * units;
    const traffic = perGb * gb;
    const unconfirmed = [];
    if (o.hourly_status !== 'confirmed') unconfirmed.push('hourly');
    if (o.per_gb_status !== 'confirmed') unconfirmed.push('per GB');
    rows.push({ id, label: typeof o.label === 'string' ? o.label : id, hourly, perGb, units, fixed, traffic, total: fixed + traffic, unconfirmed });
  }
  return { rows, gb, hours, azs };
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

/**
 * The chart and its notes, built with createElement only (prices.json is content).
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
  const region = typeof prices.region === 'string' ? prices.region : '';
  box.append(h('figcaption', { class: 'cost-title', text: `What ${gb.toLocaleString('en-US')} GB a month to the service costs${region ? ` in ${region}` : ''}` }));
  const max = Math.max(...rows.map((r) => r.total), 0) || 1;
  const W = 340;
  const LABEL = 150;
  const BAR_H = 22;
  const GAP = 14;
  const H = rows.length * (BAR_H + GAP) + 4;
  const svg = s('svg', { class: 'cost-bars', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': rows.map((r) => `${r.label}: ${usd(r.total)} a month`).join('; ') });
  rows.forEach((r, i) => {
    const y = i * (BAR_H + GAP) + 2;
    const room = W - LABEL - 70;
    const w = Math.max(2, (r.total / max) * room);
    const g = s('g', { class: `cost-row cost-${r.id.replace(/[^a-z0-9-]/gi, '')}`, 'data-option': r.id });
    g.append(
      s('title', { text: `${r.label}: ${usd(r.fixed)} for the hours + ${usd(r.traffic)} for the data = ${usd(r.total)}` }),
      s('text', { class: 'cost-label', x: 0, y: y + BAR_H / 2 + 4, text: r.label.replace(/\s*\(.*\)$/, '') }),
      s('rect', { class: 'cost-bar', x: LABEL, y, width: w.toFixed(1), height: BAR_H, rx: 3 }),
      s('text', { class: 'cost-value', x: (LABEL + w + 6).toFixed(1), y: y + BAR_H / 2 + 4, text: `${r.unconfirmed.length ? '≈ ' : ''}${usd(r.total)}` }),
    );
    svg.append(g);
  });
  box.append(svg);

  const how = h('ul', { class: 'cost-how' });
  for (const r of rows) {
    const hoursPart = r.hourly ? `${rate(r.hourly)}/h × ${hours} h${r.units > 1 ? ` × ${r.units} AZs` : ''}` : 'no hourly charge';
    const gbPart = r.perGb ? `${rate(r.perGb)}/GB × ${gb.toLocaleString('en-US')} GB` : 'no per-GB charge';
    how.append(h('li', {},
      h('strong', { text: `${r.label}: ` }),
      `${hoursPart} + ${gbPart} = ${usd(r.total)} a month`,
      r.unconfirmed.length ? h('span', { class: 'unconfirmed', text: ` (unconfirmed: ${r.unconfirmed.join(' and ')} price)` }) : null));
  }
  box.append(how);
  const date = typeof prices.date === 'string' ? prices.date : 'unknown';
  box.append(h('p', { class: 'cost-note', text: `List prices as of ${date}${azs > 1 ? `, ${azs} AZs` : ', one AZ'}. ≈ marks figures not confirmed on an AWS page for this Region: check the AWS pricing pages before deciding anything.` }));
  if (Array.isArray(prices.not_included) && prices.not_included.length) {
    box.append(h('p', { class: 'cost-note', text: `Not included: ${prices.not_included.filter((x) => typeof x === 'string').join('; ')}.` }));
  }
  if (Array.isArray(prices.sources) && prices.sources.length) {
    const det = h('details', { class: 'cost-sources' }, h('summary', { text: `Sources (${prices.sources.length})` }));
    const ul = h('ul', {});
    for (const src of prices.sources) {
      const url = typeof src?.url === 'string' ? src.url : '';
      const safe = /^https:\/\//.test(url);
      ul.append(h('li', {},
        safe ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url }) : h('span', { text: url }),
        src?.kind === 'third-party' ? h('span', { class: 'muted', text: ' (third party)' }) : null,
        typeof src?.used_for === 'string' ? h('span', { class: 'muted', text: `: ${src.used_for}` }) : null));
    }
    det.append(ul);
    box.append(det);
  }
  return box;
}
