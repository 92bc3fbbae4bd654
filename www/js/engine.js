/**
 * The page's door to the wasm engine. The engine runs in a Web Worker (worker.js), so loading
 * a 20 MB estate or tracing never freezes the page; every function here returns a Promise
 * and posts a typed request (engine-core.js says its shape). Where no worker can start (a
 * page opened from a file, the single-file build, an old browser) the same engine runs on
 * the page's thread behind the same Promises. Errors from the engine reject as Errors; load
 * errors carry `err.diagnostics`, whichever thread ran it.
 * In the single-file build the module and the wasm bytes come inlined (see assets.js).
 */

import { bundled } from './assets.js';

/** (op, args) -> the answer's value, or a rejection; set by initEngine. */
let send = null;
/** @type {Promise<string>|null} */
let starting = null;
/** @type {'worker'|'main-thread'|null} */
let thread = null;

/**
 * Loads and starts the engine, in a worker where one can start. Rejects with an Error whose
 * message says what to do. Later calls return the first call's promise.
 * @param {{mainThread?: boolean, wasm?: WebAssembly.Module|Uint8Array}} [opts] mainThread:
 *   do not try a worker; wasm: the engine's module or bytes (node, which cannot fetch)
 * @returns {Promise<string>} the engine version
 */
export function initEngine(opts = {}) {
  starting ??= start(opts);
  return starting;
}

/** Where the engine runs: 'worker', 'main-thread', or null before it has started. */
export function engineThread() {
  return thread;
}

async function start(opts) {
  if (typeof WebAssembly !== 'object') {
    throw new Error('This browser cannot run WebAssembly. Use a current Firefox, Chrome, Edge or Safari.');
  }
  const bundle = bundled();
  if (location.protocol === 'file:' && !bundle) {
    throw new Error('The page was opened from a file, and browsers do not load WebAssembly that way. Serve the folder instead: run scripts/serve in the repository and open the address it prints.');
  }
  const fail = (e) => new Error(`The engine (pkg/vpc_playground.js and its .wasm) could not be loaded: ${e && e.message ? e.message : e}. Build it with scripts/build-wasm and serve the folder with scripts/serve.`);
  // Compiled here, not in the worker: the fetch takes index.html's preload, and a compiled
  // module is handed to a worker without a second download. The bundle has the bytes.
  const compiled = opts.wasm ? Promise.resolve(opts.wasm) : bundle ? WebAssembly.compile(bundle.wasm()) : compileWasm();
  // The served page starts on the core module and the worker imports the full one when it is
  // needed (engine-core.js); the bundle and node hand over the full module's bytes.
  const which = opts.wasm || bundle ? 'full' : 'core';
  // The worker starts at once and fetches its modules while the wasm downloads. A file://
  // page (the bundle) cannot start a module worker from a file, and its CSP allows no blob:
  // worker: it runs the engine here.
  const worker = !opts.mainThread && !bundle && typeof Worker === 'function' ? startWorker(compiled, which) : null;
  worker?.catch(() => {}); // awaited below, unless the wasm failed first: not "unhandled"
  let wasm;
  try {
    wasm = await compiled;
  } catch (e) {
    throw fail(e);
  }
  if (worker) {
    try {
      const w = await worker;
      send = w.post;
      thread = 'worker';
      return w.version;
    } catch {
      // No worker (blocked, unsupported, failed to start): the same engine on this thread.
    }
  }
  let core;
  let version;
  try {
    core = await import('./engine-core.js');
    version = await core.start(wasm, which);
  } catch (e) {
    throw fail(e);
  }
  send = async (op, args) => {
    const res = await core.answer({ id: 0, op, args });
    if (!res.ok) throw toError(res.error);
    return res.value;
  };
  thread = 'main-thread';
  return version;
}

/** The engine's core wasm, fetched (index.html preloads it) and compiled, off the page's thread. */
async function compileWasm() {
  const res = await fetch(new URL('../pkg-core/vpc_playground_bg.wasm', import.meta.url));
  if (!res.ok) throw new Error(`pkg-core/vpc_playground_bg.wasm: ${res.status} ${res.statusText}`);
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/.test(res.headers.get('content-type') || '')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

/** An answer's error as an Error again, with the load diagnostics it carried. */
function toError(data) {
  const e = /** @type {Error & {diagnostics?: object[]}} */ (new Error(data && typeof data.message === 'string' ? data.message : 'the engine failed'));
  if (data && Array.isArray(data.diagnostics)) e.diagnostics = data.diagnostics;
  return e;
}

/** How long a worker may take to answer its first request before the page gives up on it. */
const WORKER_START_MS = 20000;

/**
 * Starts worker.js and hands it the compiled engine. Resolves once it answered `init`;
 * rejects if it cannot start. Afterwards a worker that dies rejects every pending and later
 * request.
 * @param {Promise<WebAssembly.Module|Uint8Array>} compiled
 * @param {'core'|'full'} which the module `compiled` is
 * @returns {Promise<{post: (op: string, args: any[]) => Promise<any>, version: string}>}
 */
async function startWorker(compiled, which) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'vpc-playground engine' });
  /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
  const pending = new Map();
  let next = 1;
  /** @type {Error|null} */
  let dead = null;
  const stop = (message) => {
    dead = new Error(message);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
    worker.terminate();
  };
  worker.addEventListener('message', (ev) => {
    const res = ev.data;
    const p = res && pending.get(res.id);
    if (!p) return;
    pending.delete(res.id);
    if (res.ok) p.resolve(res.value);
    else p.reject(toError(res.error));
  });
  worker.addEventListener('error', (ev) => {
    ev.preventDefault();
    stop(`The engine's worker stopped: ${ev.message || 'it could not be started'}. Reload the page.`);
  });
  worker.addEventListener('messageerror', () => stop('The engine\'s worker sent an answer the page could not read. Reload the page.'));
  const post = (op, args) => {
    if (dead) return Promise.reject(dead);
    return new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ id, op, args });
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };
  let wasm;
  try {
    wasm = await compiled;
  } catch (e) {
    worker.terminate();
    throw e;
  }
  // Messages posted before the worker's modules have run wait for them.
  const timer = setTimeout(() => stop(`the worker did not answer in ${WORKER_START_MS / 1000} s`), WORKER_START_MS);
  try {
    return { post, version: await post('init', [wasm, which]) };
  } catch (e) {
    if (!dead) stop(e.message);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Posts one request to wherever the engine runs. */
function call(op, ...args) {
  if (!send) return Promise.reject(new Error('the engine is not loaded'));
  return send(op, args);
}

/**
 * What `load` and `applyEdit` return. `handle` names the estate the engine keeps: `trace`,
 * `goals` and `applyEdit` take it, so no call sends the scenario's text again.
 * @typedef {object} Loaded
 * @property {number} handle
 * @property {'scenario'|'aws'} format
 * @property {string} scenarioText the scenario (AWS input converted) as the engine writes it
 * @property {object} scenario the same, parsed (added here, from scenarioText)
 * @property {Model} model the model as drawn
 * @property {Diagnostic[]} diagnostics
 * @property {string|null} created applyEdit: the id of the resource the edit made
 */

/*
 * The shapes below are the engine's Rust types as serde writes them (snake_case keys, `None`
 * as null, enums as kebab-case strings, addresses and CIDRs as strings). Their @property names
 * are checked against real results by tests/js/engine-types.test.mjs: a key added, renamed or
 * dropped on either side fails it.
 */

/**
 * The model as drawn, with generated resources filled in (crate/src/summary.rs `Summary`).
 * Each list holds that module's `...S` records.
 * @typedef {object} Model
 * @property {string} name
 * @property {object[]} vpcs
 * @property {object[]} subnets
 * @property {object[]} route_tables
 * @property {object[]} internet_gateways
 * @property {object[]} nat_gateways
 * @property {object[]} peering_connections
 * @property {object[]} endpoints
 * @property {object[]} instances
 * @property {object[]} network_interfaces
 * @property {object[]} security_groups
 * @property {object[]} network_acls
 * @property {object[]} vpn_gateways
 * @property {object[]} transit_gateways hubs with attachments and route tables (summary/tgw.rs)
 * @property {string[]} services service names a flow can go to
 */

/**
 * @typedef {object} Diagnostic
 * @property {'error'|'warning'|'unsupported'} severity
 * @property {string} resource
 * @property {string} field
 * @property {string} message
 */

/**
 * @typedef {object} GoalResult
 * @property {string} text
 * @property {boolean} met
 * @property {string} detail
 * @property {boolean|null} reachable
 * @property {string|null} blocked_at
 * @property {{from: string, to: string, protocol: string, port: number}|null} flow an intent
 *   goal that does not hold: a flow that breaks it; null for every other goal
 */

/**
 * What `trace` returns (crate/src/forward/trace.rs `Trace`, as `TraceJson` writes it): the
 * flat keys other tools read, derived from the disposition, and the hops.
 * @typedef {object} Trace
 * @property {FlowInfo} flow the flow as resolved
 * @property {boolean} reachable a connection can be made: the request arrives, the reply returns
 * @property {string[]} path the ids of every resource passed or judging the packet
 * @property {string|null} blocked_at the id of the resource that dropped the packet
 * @property {string|null} explanation_code Reachability Analyzer's code ('NO_ROUTE_TO_DESTINATION')
 * @property {string} explanation the outcome in a sentence
 * @property {Fix|null} fix a suggested change, when one would help
 * @property {{kind: string}|null} reason why it stopped, as data (explain/reason.rs `Reason`:
 *   `kind` in kebab-case and that kind's own fields)
 * @property {Hop[]} hops request then reply
 */

/**
 * The flow as the engine resolved it (trace.rs `FlowInfo`).
 * @typedef {object} FlowInfo
 * @property {string} from
 * @property {string} to
 * @property {string|null} source_eni null for a flow from on premises or the internet
 * @property {string} source_ip
 * @property {string} destination_ip
 * @property {string} destination how `to` was resolved ("instance db-1 (i-...)")
 * @property {string} protocol 'tcp', 'udp', 'icmp', 'all' or a number
 * @property {number} port
 */

/**
 * One hop (trace.rs `Hop`).
 * @typedef {object} Hop
 * @property {number} seq
 * @property {'forward'|'return'} leg
 * @property {string} component the id of the resource (an ENI, group, ACL, table, gateway ...)
 * @property {string} kind what the component is: 'eni', 'security-group', 'network-acl',
 *   'route-table', 'internet-gateway', 'nat-gateway', 'peering', 'gateway-endpoint', ...
 *   (trace.rs `Component`)
 * @property {string|null} vpc
 * @property {string|null} subnet
 * @property {'forward'|'allow'|'translate'|'deliver'|'drop'} action
 * @property {string} detail one sentence on what happened here
 * @property {Header} header_in
 * @property {Header} header_out
 * @property {RouteDecision|null} route on a route-table hop: the route chosen and those that lost
 * @property {RuleMatch|null} rule on a group or ACL hop: the rule that decided
 * @property {string|null} code the explanation code, on a drop
 */

/**
 * The packet header at a hop (trace.rs `Header`).
 * @typedef {object} Header
 * @property {string} src
 * @property {string} dst
 * @property {string} protocol
 * @property {number} src_port
 * @property {number} dst_port
 */

/**
 * Which route a table chose (crate/src/model/lookup.rs `RouteDecision`).
 * @typedef {object} RouteDecision
 * @property {string} table
 * @property {RouteCandidate|null} matched the chosen route (also first in candidates); null: none
 * @property {RouteCandidate[]} candidates every route that matched the destination
 */

/**
 * A route that matched, chosen or not (lookup.rs `Candidate`).
 * @typedef {object} RouteCandidate
 * @property {number} index position in the table's routes (local routes first, as the model)
 * @property {string} destination a CIDR or a prefix-list id
 * @property {string} matched_cidr for a prefix-list route, the list's CIDR that matched
 * @property {number} prefix_len
 * @property {string} target
 * @property {'static'|'propagated'} origin
 * @property {'chosen'|'shorter-prefix'|'lower-priority'} outcome
 */

/**
 * The security-group or ACL rule that decided a hop (trace.rs `RuleMatch`).
 * @typedef {object} RuleMatch
 * @property {'security-group'|'network-acl'} kind
 * @property {string} id the group or ACL id
 * @property {'ingress'|'egress'} direction
 * @property {number|null} rule_number ACL rule number; null for the ACL's `*` rule and for groups
 * @property {number|null} index position in the group's rules (security groups)
 * @property {string} text the rule as text: "allow tcp 443 from 10.0.0.0/16"
 * @property {'allow'|'deny'} action
 */

/**
 * A suggested fix (crate/src/explain/fix.rs `Fix`): an edit with its sentence and command.
 * Besides these keys it has the fields of its edit, by `kind`: one of the `...Edit` typedefs
 * below. `applyFix` drops `summary` and `cli` and hands the edit to `applyEdit`.
 * @typedef {object} Fix
 * @property {string} kind the edit's kind
 * @property {string} summary what the fix does, in a sentence
 * @property {string} cli the `aws ec2` command that does the same in an account ('' when none)
 */

/**
 * The edits a fix can be (crate/src/format/edit.rs `Edit`; `applyEdit` takes every kind). A
 * bracketed key is left out when it has its default.
 * @typedef {object} SetRouteEdit
 * @property {'set-route'} kind
 * @property {string} route_table
 * @property {string} destination
 * @property {string} target
 * @property {string} [replaces] the destination of the route this one replaces
 */

/**
 * @typedef {object} AcceptPeeringEdit
 * @property {'accept-peering'} kind
 * @property {string} peering
 */

/**
 * @typedef {object} SetEndpointTableEdit
 * @property {'set-endpoint-table'} kind
 * @property {string} endpoint
 * @property {string} route_table
 * @property {boolean} associated
 */

/**
 * @typedef {object} AddSecurityGroupRuleEdit
 * @property {'add-security-group-rule'} kind
 * @property {string} group
 * @property {'ingress'|'egress'} direction
 * @property {string} protocol
 * @property {string} [ports] "22" or "1024-65535"; left out for all ports
 * @property {string} peer a CIDR, a group id (`account/sg-id` for another account's) or a prefix list
 */

/**
 * @typedef {object} AddNetworkAclRuleEdit
 * @property {'add-network-acl-rule'} kind
 * @property {string} network_acl
 * @property {'ingress'|'egress'} direction
 * @property {number} rule the rule number
 * @property {string} protocol
 * @property {string} [ports] left out for all ports
 * @property {string} cidr
 * @property {'allow'|'deny'} action
 */

/**
 * @typedef {object} DisableSourceDestCheckEdit
 * @property {'disable-source-dest-check'} kind
 * @property {string} interface
 */

/**
 * @typedef {object} StartInstanceEdit
 * @property {'start-instance'} kind
 * @property {string} instance
 */

/**
 * The engine's load result with its model and scenario parsed. The engine sends both as JSON
 * text (crate/src/bindings.rs `LoadResult`): a string crosses from the worker for almost
 * nothing, where the model as an object cost its conversion in the engine and a structured
 * clone each side, and JSON.parse is the fastest reader there is. The scenario is parsed in a
 * task of its own after a big model, so the page's longest pause is the larger of the two.
 * @param {Promise<any>} answer
 * @returns {Promise<Loaded>}
 */
async function withScenario(answer) {
  const res = await answer;
  // For scripts/bench-page.mjs: what a big load's time is made of.
  performance.mark('engine-answered');
  res.model = JSON.parse(res.modelJson);
  delete res.modelJson;
  if (res.scenarioText.length > 100000) await new Promise((r) => setTimeout(r, 0));
  res.scenario = JSON.parse(res.scenarioText);
  return res;
}

/**
 * Loads a scenario, or AWS describe-* files (merged), and keeps it in the engine.
 * @param {string | {name: string, text: string}[]} input
 * @returns {Promise<Loaded>}
 */
export function load(input) {
  performance.mark('engine-load-sent');
  return withScenario(call('load', input));
}

/**
 * The scenario as the engine writes it (what `load` would return as scenarioText), without
 * keeping it: for comparing texts and checking an edit before it is applied.
 * @param {string} text
 * @returns {Promise<string>}
 */
export function scenarioText(text) {
  return call('scenarioText', text);
}

/**
 * @param {number} handle from `load`
 * @param {{from: string, to: string, protocol?: string, port?: number, request?: object}} flow
 * @returns {Promise<Trace>}
 */
export function trace(handle, flow) {
  return call('trace', handle, flow);
}

/**
 * Applies a suggested fix (as `trace` returned it) to the estate `handle`.
 * @param {number} handle
 * @param {Fix} fix
 * @returns {Promise<Loaded>} the fixed estate, kept under a new handle
 */
export function applyFix(handle, fix) {
  // A fix is an edit with its sentence and command beside it.
  const { summary, cli, ...edit } = fix;
  return applyEdit(handle, edit);
}

/**
 * Applies an edit (`{kind: 'set-route', ...}`: crate/src/format/edit.rs `Edit`) to the estate `handle`.
 * @param {number} handle
 * @param {object} edit
 * @returns {Promise<Loaded & {created: string|null}>} the edited estate, kept under a new
 *   handle; `created`: the id of a resource the edit made
 */
export function applyEdit(handle, edit) {
  return withScenario(call('applyEdit', handle, edit));
}

/**
 * Checks the goals of the lesson the estate `handle` carries.
 * @param {number} handle
 * @returns {Promise<GoalResult[] | null>} null when the scenario has no lesson
 */
export function goals(handle) {
  return call('goals', handle);
}

/**
 * Applies a lesson file's solution.
 * @param {string} lessonText the lesson file as written
 * @returns {Promise<string>} the solved scenario text
 */
export function solve(lessonText) {
  return call('solve', lessonText);
}

/** How long one step of a matrix should take in the engine: a cancel waits for at most one. */
const MATRIX_STEP_MS = 100;

/**
 * A matrix as the engine gives it (crate/src/reach/compact.rs): tables of the parts, probes,
 * distinct outcomes and flow ends, and a Uint32Array of three numbers per slot (source,
 * destination, probe): the outcome's position (NO_CELL: no cell, a group to itself) and the
 * positions of the representative flow's ends in `names`. A cell object is built only when
 * asked for (`cell`), so a 600 x 600 matrix is a few MB of numbers, not 359,600 objects;
 * `expand()` writes every cell out, the command's `matrix --json` field for field
 * (tests/js/matrix-door.test.mjs).
 */
export class MatrixResult {
  /** @param {{sources: any[], destinations: any[], probes: {protocol: string, port: number}[], outcomes: any[], names: string[], cells: Uint32Array, stats: any}} data */
  constructor(data) {
    const need = ['sources', 'destinations', 'probes', 'outcomes', 'names', 'stats'];
    if (!data || !(data.cells instanceof Uint32Array) || need.some((k) => !data[k])) {
      throw new Error('the engine answered a matrix without its tables and cells: is www/pkg older than www/js?');
    }
    /** The rows and the columns: groups, or parts of split groups. */
    this.sources = data.sources;
    this.destinations = data.destinations;
    /** The protocols and ports (classes) tried: a cell's third index. */
    this.probes = data.probes;
    this.stats = data.stats;
    this.outcomes = data.outcomes;
    this.names = data.names;
    this.slots = data.cells;
    const want = this.sources.length * this.destinations.length * this.probes.length * 3;
    if (this.slots.length !== want) throw new Error(`the engine's matrix has ${this.slots.length} cell numbers, not ${want}`);
    let count = 0;
    let reachable = 0;
    for (let k = 0; k < this.slots.length; k += 3) {
      const o = this.slots[k];
      if (o === NO_CELL) continue;
      count += 1;
      if (this.outcomes[o]?.reachable) reachable += 1;
    }
    /** The cells there are (slots of a group to itself have none), and how many are reachable. */
    this.count = count;
    this.reachable = reachable;
    /** @type {Map<string, number>|null} */
    this.rowOf = null;
    /** @type {Map<string, number>|null} */
    this.colOf = null;
  }

  /** The first number of the slot of source `i`, destination `j`, probe `p`; -1 outside. */
  slot(i, j, p = 0) {
    const [ni, nj, np] = [this.sources.length, this.destinations.length, this.probes.length];
    if (!(i >= 0 && i < ni && j >= 0 && j < nj && p >= 0 && p < np)) return -1;
    return ((i * nj + j) * np + p) * 3;
  }

  /**
   * The outcome of a cell, shared by every cell with that answer (do not change it):
   * {reachable, blocked_at, component, explanation_code, leg, error?}; null: no cell.
   */
  outcome(i, j, p = 0) {
    const k = this.slot(i, j, p);
    return k < 0 || this.slots[k] === NO_CELL ? null : this.outcomes[this.slots[k]] ?? null;
  }

  /**
   * The cell of source `i`, destination `j` and probe `p` (a new object, as the command's
   * `--json` writes a cell), or null where there is none.
   */
  cell(i, j, p = 0) {
    const o = this.outcome(i, j, p);
    if (!o) return null;
    const k = this.slot(i, j, p);
    const { protocol, port } = this.probes[p];
    const c = { from: this.sources[i].label, to: this.destinations[j].label, protocol, port, ...o };
    c.flow = { from: this.names[this.slots[k + 1]], to: this.names[this.slots[k + 2]], protocol, port };
    return c;
  }

  /** The position of the source (row) labelled `label`, or -1. */
  sourceIndex(label) {
    this.rowOf ??= new Map(this.sources.map((p, i) => [p.label, i]));
    return this.rowOf.get(label) ?? -1;
  }

  /** The position of the destination (column) labelled `label`, or -1. */
  destinationIndex(label) {
    this.colOf ??= new Map(this.destinations.map((p, i) => [p.label, i]));
    return this.colOf.get(label) ?? -1;
  }

  /**
   * Calls `f(i, j, p, outcome)` for every cell, in the command's order (source, destination,
   * probe), without building cell objects.
   * @param {(i: number, j: number, p: number, outcome: any) => void} f
   */
  forEachOutcome(f) {
    const [nj, np] = [this.destinations.length, this.probes.length];
    for (let k = 0, n = 0; k < this.slots.length; k += 3, n += 1) {
      if (this.slots[k] === NO_CELL) continue;
      f(Math.floor(n / (nj * np)), Math.floor(n / np) % nj, n % np, this.outcomes[this.slots[k]]);
    }
  }

  /** Every cell written out: `{sources, destinations, cells, stats}`, the command's `matrix --json`. */
  expand() {
    const cells = [];
    this.forEachOutcome((i, j, p) => cells.push(this.cell(i, j, p)));
    return { sources: this.sources, destinations: this.destinations, cells, stats: this.stats };
  }
}

/** In a matrix's cell numbers: no cell in this slot (u32::MAX, crate/src/reach/compact.rs). */
const NO_CELL = 0xffffffff;

/**
 * Who can reach whom in the estate `handle` (crate/src/reach): a `MatrixResult`, whose
 * `sources` and `destinations` are the rows and columns and whose `cell(i, j)` is `{from, to,
 * protocol, port, reachable, blocked_at, component, explanation_code, leg, flow}`, computed
 * by the engine (in its worker) a few source rows at a time: between steps it answers other
 * requests, `onProgress(done, rows)` is told how far it got, and an aborted `signal` stops
 * it (the promise then rejects with an AbortError and the engine forgets the job). Rejects
 * with a clear error if the engine build has no matrix binding.
 * @param {number} handle
 * @param {{from?: string, to?: string, protocol?: string, ports?: string}} [options] as the
 *   command's --from, --to, --protocol and --ports
 * @param {{onProgress?: (done: number, rows: number) => void, signal?: AbortSignal}} [control]
 * @returns {Promise<MatrixResult>}
 */
export async function matrix(handle, options = {}, control = {}) {
  const { onProgress, signal } = control;
  const aborted = () => new DOMException('The matrix was cancelled.', 'AbortError');
  if (signal?.aborted) throw aborted();
  let state = await call('matrixStart', handle, options);
  const job = state.job;
  try {
    // Rows per step, sized from the last step's time so a step takes about MATRIX_STEP_MS:
    // rows cost very different amounts from one estate to the next.
    let n = 1;
    while (state.done < state.rows) {
      onProgress?.(state.done, state.rows);
      if (signal?.aborted) throw aborted();
      // On the page's own thread (no worker) the steps would run back to back in microtasks:
      // a task boundary lets the page draw the progress and take the Cancel click.
      if (thread === 'main-thread') await new Promise((r) => setTimeout(r, 0));
      const t = performance.now();
      state = await call('matrixStep', job, n);
      const ms = Math.max(1, performance.now() - t);
      n = Math.max(1, Math.min(n * 4, Math.round((n * MATRIX_STEP_MS) / ms)));
    }
    onProgress?.(state.done, state.rows);
    if (signal?.aborted) throw aborted();
    return new MatrixResult(await call('matrixFinish', job));
  } catch (e) {
    call('matrixDrop', job).catch(() => {});
    throw e;
  }
}

/**
 * Starts the engine's full module in the background (AWS input, edits, lesson solutions, the
 * matrix; engine-core.js), so the first edit does not wait for its download. The page calls
 * it once its first diagram is drawn; a failure here is only a miss (the next request that
 * needs the module tries again and reports).
 * @returns {Promise<boolean>}
 */
export function warm() {
  return call('warm').catch(() => false);
}
