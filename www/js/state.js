/**
 * Page state <-> URL. Pure: no DOM, no storage; works in Node 20 and browsers alike.
 *
 * The hash holds the scenario (`s` = base64url JSON, or `sz` = base64url of deflate-raw when
 * that is shorter and the text is long) and the flow (`from`, `to`, `protocol`, `port`).
 * Flags `play`, `embed` and `lesson` may come in the hash or the query string.
 */

/** Scenarios longer than this (characters) are compressed in the URL. */
export const COMPRESS_ABOVE = 512;

const PROTOCOLS = ['tcp', 'udp', 'icmp'];

/**
 * Bytes -> base64url (no padding).
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64url -> bytes; throws on characters outside the alphabet.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const res = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Encodes scenario text for the URL.
 * @param {string} text
 * @returns {Promise<{key: 's'|'sz', value: string}>}
 */
export async function encodeScenario(text) {
  const raw = new TextEncoder().encode(text);
  if (text.length > COMPRESS_ABOVE && typeof CompressionStream === 'function') {
    const z = await pipe(raw, new CompressionStream('deflate-raw'));
    if (z.length < raw.length) return { key: 'sz', value: toBase64Url(z) };
  }
  return { key: 's', value: toBase64Url(raw) };
}

/**
 * Decodes a scenario from the URL; throws when it is damaged.
 * @param {'s'|'sz'} key
 * @param {string} value
 * @returns {Promise<string>}
 */
export async function decodeScenario(key, value) {
  let bytes = fromBase64Url(value);
  if (key === 'sz') bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Cleans a flow read from anywhere untrusted: unknown fields dropped, port and protocol checked.
 * @param {{from?: any, to?: any, protocol?: any, port?: any, request?: any}} f
 * @returns {{from?: string, to?: string, protocol?: string, port?: number, request?: {action: string, resource: string}}}
 */
export function cleanFlow(f) {
  const out = {};
  if (!f || typeof f !== 'object') return out;
  if (typeof f.from === 'string' && f.from.trim()) out.from = f.from.trim().slice(0, 200);
  if (typeof f.to === 'string' && f.to.trim()) out.to = f.to.trim().slice(0, 200);
  const proto = typeof f.protocol === 'string' ? f.protocol.toLowerCase() : '';
  if (PROTOCOLS.includes(proto)) out.protocol = proto;
  const port = typeof f.port === 'number' ? f.port : /^\d{1,5}$/.test(String(f.port ?? '')) ? Number(f.port) : NaN;
  if (Number.isInteger(port) && port >= 0 && port <= 65535) out.port = port;
  // A request to an AWS service (endpoint-policy lessons): checked against policies (R22).
  const r = f.request;
  if (r && typeof r.action === 'string' && typeof r.resource === 'string') {
    out.request = { action: r.action.slice(0, 200), resource: r.resource.slice(0, 2000) };
  }
  return out;
}

/**
 * Builds the URL hash for a state.
 * @param {{scenarioText?: string|null, flow?: object, embed?: boolean}} st scenarioText null:
 *   leave it out; embed: keep the page in embed mode
 * @returns {Promise<string>} starts with '#', or '' when there is nothing to say
 */
export async function encodeHash({ scenarioText = null, flow = {}, embed = false }) {
  const p = new URLSearchParams();
  if (embed) p.set('embed', '1');
  const f = cleanFlow(flow);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.protocol) p.set('protocol', f.protocol);
  if (f.port !== undefined) p.set('port', String(f.port));
  if (scenarioText) {
    const { key, value } = await encodeScenario(scenarioText);
    p.set(key, value);
  }
  const text = p.toString();
  return text ? '#' + text : '';
}

/**
 * Reads the page state from a URL's hash and query string (the hash wins).
 * @param {string} hash e.g. location.hash
 * @param {string} [search] e.g. location.search
 * @returns {Promise<{scenarioText: string|null, scenarioError: string|null, flow: object,
 *   play: boolean, embed: boolean, via: 'embed'|null, lesson: string|null, lessonError: string|null}>}
 *   via 'embed': a tab opened by an embed's "Open in the playground" (it reports back)
 */
export async function decodeHash(hash, search = '') {
  const q = new URLSearchParams(search.replace(/^\?/, ''));
  const hp = new URLSearchParams(hash.replace(/^#/, ''));
  for (const [k, v] of hp) q.set(k, v);
  let scenarioText = null;
  let scenarioError = null;
  for (const key of /** @type {const} */ (['sz', 's'])) {
    if (q.has(key)) {
      try {
        scenarioText = await decodeScenario(key, q.get(key) || '');
      } catch {
        scenarioError = 'The scenario in the link is damaged (it could not be decoded); it was ignored.';
      }
      break;
    }
  }
  const flow = cleanFlow({
    from: q.get('from') ?? undefined,
    to: q.get('to') ?? undefined,
    protocol: q.get('protocol') ?? undefined,
    port: q.get('port') ?? undefined,
  });
  let lesson = null;
  let lessonError = null;
  if (q.has('lesson')) {
    const id = q.get('lesson') || '';
    if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id)) lesson = id;
    else lessonError = 'The lesson name in the link is not valid (letters, digits, - and _ only).';
  }
  return {
    scenarioText,
    scenarioError,
    flow,
    play: q.get('play') === '1',
    embed: q.get('embed') === '1',
    via: q.get('via') === 'embed' ? 'embed' : null,
    lesson,
    lessonError,
  };
}
