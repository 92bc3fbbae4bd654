/**
 * Offline after the first visit. Installing caches the page's own files (the list below, the
 * lessons named in lessons/index.json); afterwards every same-origin GET goes to the network
 * first, refreshes the cache, and falls back to the cache when the network is down. Network
 * first keeps a served checkout live while it is being edited; the cache is only the fallback.
 * Bump VERSION when the list changes; activation deletes every other version's cache.
 */

const VERSION = 'v3';
const CACHE = `vpc-playground-${VERSION}`;

/** The page's files, relative to this script (tests/js/sw.test.mjs checks the list). */
const FILES = [
  './',
  'index.html',
  'css/app.css',
  'css/matrix.css',
  'js/animate.js',
  'js/assets.js',
  'js/cost.js',
  'js/diagram.js',
  'js/dom.js',
  'js/engine.js',
  'js/engine-core.js',
  'js/events.js',
  'js/files.js',
  'js/flowform.js',
  'js/focus.js',
  'js/layout.js',
  'js/lesson.js',
  'js/main.js',
  'js/matrix.js',
  'js/netedit.js',
  'js/netpanel.js',
  'js/persist.js',
  'js/picker.js',
  'js/player.js',
  'js/routedit.js',
  'js/routes.js',
  'js/state.js',
  'js/status.js',
  'js/store.js',
  // The engine's Web Worker (engine.js starts it; engine-core.js is its engine).
  'js/worker.js',
  'pkg/vpc_playground.js',
  'pkg/vpc_playground_bg.wasm',
  'scenarios/default.json',
  'lessons/index.json',
  'data/prices.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES);
    // The lessons are content that grows; take their names from the index just cached.
    const index = await cache.match('lessons/index.json');
    const list = index ? (await index.json()).lessons || [] : [];
    const ids = list.map((l) => l && l.id).filter((id) => typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id));
    await cache.addAll(ids.map((id) => `lessons/${id}.json`));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('vpc-playground-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const res = await fetch(req);
      if (res.ok && res.type === 'basic') {
        const copy = res.clone();
        // Pages are stored under their path: ?lesson=... and #... are read by the page itself.
        const key = req.mode === 'navigate' ? new URL(req.url).pathname : req;
        event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
      }
      return res;
    } catch (err) {
      const cache = await caches.open(CACHE);
      const hit = (await cache.match(req, { ignoreSearch: req.mode === 'navigate' }))
        || (req.mode === 'navigate' ? await cache.match('index.html') : undefined);
      if (hit) return hit;
      throw err;
    }
  })());
});
