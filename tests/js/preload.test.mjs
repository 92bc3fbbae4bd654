// index.html preloads what the first view needs (scripts/first-load.mjs works it out from the
// imports): when a module is added, removed or renamed, this fails until the tags follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ON_DEMAND, pageModules, workerModules, workers, preloads, preloadTags, firstLoadFiles, ENTRY, WORKER, GLUE, WASM, BOOT_DATA } from '../../scripts/first-load.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');
const html = readFileSync(join(WWW, 'index.html'), 'utf8');
const sorted = (xs) => [...xs].sort();

test('index_html_modulepreloads_exactly_the_modules_main_js_imports', async () => {
  const want = pageModules(WWW).filter((m) => m !== ENTRY);
  const have = preloads(html).modules;
  const fix = `\nindex.html should carry (node scripts/first-load.mjs --tags):\n${preloadTags(WWW).join('\n')}`;
  assert.deepEqual(sorted(have), sorted(want), `the modulepreload list drifted from the imports${fix}`);
  assert.equal(new Set(have).size, have.length, 'a module is preloaded twice');
  assert.ok(want.length >= 20, `${want.length} modules`);
  // The engine's modules load in its worker: a document's modulepreload would not serve them
  // (a worker has its own module map), so they are not preloaded; the glue is the worker's.
  assert.ok(!want.includes(GLUE), 'the page does not import the glue itself');
  assert.deepEqual(workers(WWW), [WORKER], 'engine.js starts js/worker.js');
  assert.ok(workerModules(WWW).includes(GLUE), 'the worker imports the glue');
  for (const m of workerModules(WWW)) assert.ok(!have.includes(m), `${m} (the worker's) is not modulepreloaded`);
  // Every module of www/js is part of the page, its worker, or a module the page imports on
  // demand (the matrix view's import('./matrix.js')): none left out by accident.
  const { readdirSync } = await import('node:fs');
  const all = readdirSync(join(WWW, 'js')).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`);
  for (const m of ON_DEMAND) assert.ok(!have.includes(m), `${m} is imported on demand, so it is not modulepreloaded`);
  const reached = new Set([...pageModules(WWW), ...ON_DEMAND, ...workerModules(WWW)]);
  assert.deepEqual(all.filter((f) => !reached.has(f)), [], 'modules neither the page nor its worker imports');
});

test('index_html_preload_tags_are_the_generated_ones', () => {
  assert.deepEqual(sorted(preloads(html).tags), sorted(preloadTags(WWW)),
    `index.html should carry (node scripts/first-load.mjs --tags):\n${preloadTags(WWW).join('\n')}`);
});

test('index_html_preloads_the_wasm_and_boot_data_as_the_page_fetches_them', () => {
  const { fetches, tags } = preloads(html);
  assert.deepEqual(fetches, [WASM, ...BOOT_DATA]);
  for (const f of BOOT_DATA) {
    const t = tags.find((x) => x.includes(`"${f}"`));
    assert.match(t, /\bas="fetch"/, f);
    assert.match(t, /\scrossorigin(?:[\s>]|="anonymous")/, f);
  }
  const tag = tags.find((t) => t.includes(WASM));
  // fetch(url) in the glue is a CORS-mode request with same-origin credentials: a preload
  // matches it only with as="fetch" and crossorigin (anonymous).
  assert.match(tag, /\bas="fetch"/);
  assert.match(tag, /\scrossorigin(?:[\s>]|="anonymous")/);
  // The engine is asked for first (it is the largest download), before the entry script.
  assert.ok(html.indexOf(tag) < html.indexOf(`src="${ENTRY}"`), 'the wasm preload comes before main.js');
  assert.ok(tags.indexOf(tag) === 0, 'the wasm is the first preload');
});

test('the_glue_fetches_the_wasm_the_preload_names', () => {
  // The engine's glue is built (www/pkg); engine-core.js (the worker's engine) imports it,
  // and engine.js fetches the wasm beside it (the preload), compiles it and hands it over.
  const core = readFileSync(join(WWW, 'js', 'engine-core.js'), 'utf8');
  assert.ok(core.includes(`from '../${GLUE}';`), 'engine-core.js imports the glue by that path');
  const engineJs = readFileSync(join(WWW, 'js', 'engine.js'), 'utf8');
  assert.ok(engineJs.includes(`new URL('../${WASM}', import.meta.url)`), 'engine.js fetches the wasm the preload names');
  let glue;
  try {
    glue = readFileSync(join(WWW, GLUE), 'utf8');
  } catch {
    return; // not built here: the e2e tests check the real fetch
  }
  assert.ok(glue.includes(`new URL('${WASM.split('/').pop()}', import.meta.url)`), 'the glue fetches the wasm beside itself');
});

test('first_load_files_are_the_page_its_modules_the_engine_and_the_boot_data', () => {
  const files = firstLoadFiles(WWW);
  assert.equal(files[0], 'index.html');
  for (const f of ['css/app.css', ENTRY, WORKER, 'js/engine-core.js', GLUE, WASM, ...BOOT_DATA]) assert.ok(files.includes(f), f);
  assert.ok(!files.includes('data/prices.json'), 'the price table is fetched after the first diagram');
  // main.js fetches exactly BOOT_DATA before its first scenario (the URLs it names).
  const main = readFileSync(join(WWW, 'js', 'main.js'), 'utf8');
  assert.match(main, /const DEFAULT_URL = 'scenarios\/default\.json';/);
  assert.match(main, /const bootData = Promise\.all\(\[fetchText\(DEFAULT_URL\), fetchJson\('lessons\/index\.json'\)\]\);/);
});

test('the_service_worker_precaches_every_first_load_file', () => {
  // Offline after the first visit means the first view's files at least are in sw.js's list.
  const sw = readFileSync(join(WWW, 'sw.js'), 'utf8');
  const listed = new Set([...sw.matchAll(/^\s*'([^']+)',$/gm)].map((m) => m[1]));
  for (const f of firstLoadFiles(WWW)) assert.ok(listed.has(f), `sw.js lists ${f}`);
});
