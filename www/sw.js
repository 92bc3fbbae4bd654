/**
 * Offline after the first visit. Installing caches the page's own files (the list below, the
 * lessons named in lessons/index.json); afterwards every same-origin GET goes to the network
 * first, refreshes the cache, and falls back to the cache when the network is down. Network
 * first keeps a served checkout live while it is being edited; the cache is only the fallback.
 * Bump VERSION when the list changes; activation deletes every other version's cache.
 *
 * Not twice: the page has just downloaded its files when this installs, so install asks for
 * them with `cache: 'no-cache'`: the browser revalidates its own copy (an unchanged file is a
 * 304 with no body) instead of downloading everything again. Later visits' network-first
 * requests revalidate the same way. Both need a host that sends validators (ETag or
 * Last-Modified), as scripts/static-server.mjs and every real static host do.
 */

const VERSION = 'v5';
const CACHE = `vpc-playground-${VERSION}`;

/** The page's files, relative to this script (tests/js/sw.test.mjs checks the list). */
const FILES = [
  './',
  'index.html',
  'css/app.css',
  'css/matrix.css',
  'js/animate.js',
  'js/assets.js',
  'js/callout.js',
  'js/cost.js',
  'js/diagram.js',
  'js/dom.js',
  'js/engine.js',
  'js/engine-core.js',
  'js/events.js',
  'js/fielderror.js',
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
  'js/touch.js',
  'js/words.js',
  // The engine's Web Worker (engine.js starts it; engine-core.js is its engine).
  'js/worker.js',
  // The engine's two modules: the core one the first diagram needs, and the full one the
  // worker imports after it (engine-core.js).
  'pkg-core/vpc_playground.js',
  'pkg-core/vpc_playground_bg.wasm',
  'pkg/vpc_playground.js',
  'pkg/vpc_playground_bg.wasm',
  'scenarios/default.json',
  'lessons/index.json',
  'data/prices.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const fresh = (url) => new Request(url, { cache: 'no-cache' });
    await cache.addAll(FILES.map(fresh));
    // The lessons are content that grows; take their names from the index just cached.
    const index = await cache.match('lessons/index.json');
    const list = index ? (await index.json()).lessons || [] : [];
    const ids = list.map((l) => l && l.id).filter((id) => typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id));
    await cache.addAll(ids.map((id) => fresh(`lessons/${id}.json`)));
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
