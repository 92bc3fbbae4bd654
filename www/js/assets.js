/**
 * The site's own data files (scenarios, lessons, prices): fetched over http(s), or, in the
 * single-file build (scripts/bundle), read from the copies inlined in that file, so the page
 * makes no request at all. The bundle announces itself as `globalThis.VPC_PLAYGROUND_BUNDLE`.
 */

/**
 * The single-file build's inlined assets, or null on the served site.
 * @returns {{files: Record<string, string>, wasm: () => Uint8Array} | null}
 */
export function bundled() {
  const b = /** @type {any} */ (globalThis).VPC_PLAYGROUND_BUNDLE;
  return b && typeof b === 'object' && b.files ? b : null;
}

/**
 * A site file's text by its path relative to index.html, or null when it cannot be had.
 * @param {string} url e.g. 'lessons/index.json'
 * @returns {Promise<string|null>}
 */
export async function fetchText(url) {
  const b = bundled();
  if (b) return Object.prototype.hasOwnProperty.call(b.files, url) ? b.files[url] : null;
  try {
    const r = await fetch(url, { cache: 'no-cache' });
    if (!r.ok) return null;
    return await r.text();
  } catch {
    return null;
  }
}

/**
 * A site JSON file, parsed, or null.
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function fetchJson(url) {
  const text = await fetchText(url);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
