// Writes the playground as ONE self-contained HTML file that works from disk (file://) with
// no network: the stylesheet, every ES module, the wasm and the site's data files inlined.
//
//   node scripts/bundle.mjs [www-dir] [out-file]
//
// How the modules are combined: each module becomes a function scope that returns its exports,
// `__m["js/x.js"] = (() => { ...; return { a, b }; })();`, in dependency order, and each
// `import { a } from './x.js'` becomes `const { a } = __m["js/x.js"];`. Scopes keep every
// module's private names apart (plain concatenation would collide on names like `timer`), and
// nothing is fetched: blob-URL modules and import maps would also work, but need script-src
// blob: and a second loader. The data files ride in non-executed <script type="application/json">
// and the wasm in a base64 <script type="application/octet-stream">; the page reads them
// through globalThis.VPC_PLAYGROUND_BUNDLE (www/js/assets.js, www/js/engine.js).
//
// CSP: the one inline module script and the one <style> are allowed by their SHA-256 hashes,
// not by 'unsafe-inline'; default-src 'none' and connect-src 'none' forbid every load.

import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = process.argv[2] || join(ROOT, 'www');
const OUT = process.argv[3] || join(ROOT, 'dist', 'vpc-playground.html');

const read = (rel) => readFileSync(join(WWW, rel), 'utf8');
const fail = (msg) => {
  console.error(`bundle: ${msg}`);
  process.exit(1);
};

// ---------------------------------------------------------------- modules

const STATIC_IMPORT = /^import\s+([\s\S]*?)\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The www-relative path an import specifier names, from the module at `from`. */
function resolveSpec(from, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) fail(`${from}: only relative imports can be bundled (${spec})`);
  return posix.normalize(posix.join(posix.dirname(from), spec));
}

/** Every module reachable from `entry`, dependencies first. */
function moduleOrder(entry) {
  const order = [];
  const state = new Map();
  const visit = (path) => {
    if (state.get(path) === 'done') return;
    if (state.get(path) === 'visiting') fail(`import cycle through ${path}`);
    state.set(path, 'visiting');
    const src = read(path);
    for (const m of src.matchAll(STATIC_IMPORT)) visit(resolveSpec(path, m[2]));
    for (const m of src.matchAll(DYNAMIC_IMPORT)) visit(resolveSpec(path, m[1]));
    state.set(path, 'done');
    order.push(path);
  };
  visit(entry);
  return order;
}

/** `a, b as c` -> [['a', 'a'], ['b', 'c']] */
function names(list) {
  return list.split(',').map((x) => x.trim()).filter(Boolean).map((x) => {
    const m = x.match(/^([\w$]+)(?:\s+as\s+([\w$]+))?$/);
    if (!m) fail(`cannot read the name list "${list}"`);
    return [m[1], m[2] || m[1]];
  });
}

/** One module as a function scope returning its exports. */
function wrap(path) {
  let src = read(path);
  const exported = [];
  src = src.replace(STATIC_IMPORT, (_, what, spec) => {
    const key = JSON.stringify(resolveSpec(path, spec));
    what = what.trim();
    let m;
    if ((m = what.match(/^\*\s+as\s+([\w$]+)$/))) return `const ${m[1]} = __m[${key}];`;
    if ((m = what.match(/^\{([\s\S]*)\}$/))) {
      return `const { ${names(m[1]).map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(', ')} } = __m[${key}];`;
    }
    if ((m = what.match(/^([\w$]+)$/))) return `const ${m[1]} = __m[${key}].default;`;
    return fail(`${path}: cannot bundle "import ${what} from '${spec}'"`);
  });
  src = src.replace(DYNAMIC_IMPORT, (_, spec) => `Promise.resolve(__m[${JSON.stringify(resolveSpec(path, spec))}])`);
  src = src.replace(/^export\s+((?:async\s+)?function\*?|const|let|var|class)\s+([\w$]+)/gm, (_, kind, name) => {
    exported.push([name, name]);
    return `${kind} ${name}`;
  });
  src = src.replace(/^export\s*\{([^}]*)\};?[ \t]*$/gm, (_, list) => {
    exported.push(...names(list));
    return '';
  });
  const left = src.match(/^\s*(import\s+[\w{*]|export\s)/m);
  if (left) fail(`${path}: an import or export the bundler does not understand: "${left[0].trim()}"`);
  const ret = exported.map(([local, as]) => (local === as ? local : `${JSON.stringify(as)}: ${local}`)).join(', ');
  return `// ---- ${path}\n__m[${JSON.stringify(path)}] = (() => {\n${src}\nreturn { ${ret} };\n})();\n`;
}

// ---------------------------------------------------------------- data

const files = {};
files['scenarios/default.json'] = read('scenarios/default.json');
files['data/prices.json'] = read('data/prices.json');
files['lessons/index.json'] = read('lessons/index.json');
for (const f of readdirSync(join(WWW, 'lessons')).sort()) {
  if (f.endsWith('.json')) files[`lessons/${f}`] = read(`lessons/${f}`);
}
const wasm = readFileSync(join(WWW, 'pkg', 'vpc_playground_bg.wasm'));

// ---------------------------------------------------------------- page

const order = moduleOrder('js/main.js');
const boot = `const __m = Object.create(null);
{
  const text = (id) => document.getElementById(id).textContent;
  globalThis.VPC_PLAYGROUND_BUNDLE = Object.freeze({
    files: JSON.parse(text('vpc-bundle-files')),
    wasm() {
      const bin = atob(text('vpc-bundle-wasm').trim());
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return bytes;
    },
  });
}
`;
const script = `\n${boot}${order.map(wrap).join('\n')}`;
if (/<\/script/i.test(script)) fail('a module contains "</script", which would end the inline script');
// The matrix view's stylesheet, which the served page loads with the view, rides along.
const css = `${read('css/app.css')}\n${read('css/matrix.css')}`;
if (/<\/style/i.test(css)) fail('app.css or matrix.css contains "</style"');

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = `default-src 'none'; script-src ${sha(script)} 'wasm-unsafe-eval'; style-src ${sha(css)}; img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'`;

// In JSON, "<" only occurs inside strings, where \u003c means the same and cannot end the tag.
const json = JSON.stringify(files).replace(/</g, '\\u003c');

let html = read('index.html');
const swap = (re, by, what) => {
  if (!re.test(html)) fail(`index.html: cannot find ${what}`);
  html = html.replace(re, () => by);
};
swap(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'the CSP meta tag');
swap(/<link rel="stylesheet" href="css\/app\.css">/, `<style>${css}</style>`, 'the stylesheet link');
// The preloads (and the comment about them) name files the bundle inlines; under its CSP they
// would only be refused, each with a console error.
html = html.replace(/<!--(?:(?!-->)[^])*-->\n?(?=<link rel="(?:module)?preload")/, '').replace(/<link rel="(?:modulepreload|preload)"[^>]*>\n?/g, '');
swap(/<script type="module" src="js\/main\.js"><\/script>/, `<script type="module">${script}</script>`, 'the main.js script tag');
swap(/<\/body>/, `<script type="application/json" id="vpc-bundle-files">${json}</script>\n<script type="application/octet-stream" id="vpc-bundle-wasm">${wasm.toString('base64')}</script>\n</body>`, '</body>');

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
console.log(`bundle: ${order.length} modules (${order.join(', ')})`);
console.log(`bundle: ${Object.keys(files).length} data files, wasm ${wasm.length} bytes`);
console.log(`bundle: wrote ${OUT}`);
