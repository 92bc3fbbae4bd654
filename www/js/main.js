/**
 * The page: boots the engine, picks the scenario (link, then autosave, then the default),
 * and wires the parts together. Every state change goes through the store; each part redraws
 * from it.
 */

import { $, h, clear } from './dom.js';
import * as engine from './engine.js';
import { createStore } from './store.js';
import { decodeHash, cleanFlow } from './state.js';
import { layout } from './layout.js';
import { traceToFrames, blockedNode } from './animate.js';
import { createDiagram } from './diagram.js';
import { createPlayer } from './player.js';
import { renderEvents, highlightEvent } from './events.js';
import { renderStatus, wireStatus } from './status.js';
import { createFlowForm, outsideEnds, whereIs, INTERNET_HOST } from './flowform.js';
import { wireFiles } from './files.js';
import { createRouteEditor } from './routes.js';
import { setRouteEdit, deleteRouteEdit } from './routedit.js';
import { createNetEditor } from './netpanel.js';
import { showEditError, clearEditErrors, clearErrorAt } from './fielderror.js';
import { clip, count, editErrorWords, loadErrorLines } from './words.js';
import { loadSaved, save, writeUrl, loadProgress, markDone, resetProgress, saveLessonOriginal, loadLessonOriginal, SHOWN_KEY } from './persist.js';
import { fetchText, fetchJson, bundled } from './assets.js';
import { createLessonView, readLesson, goalAsksBlocked } from './lesson.js';
import { createPicker, lessonList } from './picker.js';

const DEFAULT_URL = 'scenarios/default.json';
/** Estates of this many VPCs get js/focus.js's tools (imported then, for the first load's size). */
const ESTATE_TOOLS_FROM = 6;
let focusLib = null;
let tools = null;

/** @type {Promise<any>|null} js/focus.js, once asked for */
let focusImport = null;
/** Input longer than this is likely a big estate: js/focus.js is fetched while the engine loads it. */
const EARLY_TOOLS_CHARS = 100_000;

/** js/focus.js, imported once (a failed import is tried again next time). */
function focusModule() {
  focusImport ??= import('./focus.js').catch((e) => {
    focusImport = null;
    throw e;
  });
  return focusImport;
}

async function estateTools() {
  if (focusLib) return focusLib;
  try {
    const lib = await focusModule();
    tools = lib.wireEstateTools({ store, relaid, showResult, endIds, zoomTo: (id) => diagram.zoomTo(id),
      keepReadable: () => diagram.keepReadable(), from: ESTATE_TOOLS_FROM });
    focusLib = lib;
  } catch {
    // Not fetched (offline, not cached): drawn without them.
    return null;
  }
  return focusLib;
}
const HISTORY_MAX = 100;

const store = createStore({
  scenarioText: '',
  /** The engine's handle for the current scenario (engine.load). */
  handle: 0,
  scenario: null,
  model: null,
  format: '',
  diagnostics: [],
  editorError: null,
  flow: {},
  trace: null,
  traceError: null,
  frames: [],
  frame: -1,
  revealed: true,
  tableAfter: null,
  playing: false,
  speed: 1,
  layout: null,
  collapsed: new Set(),
  // "Focus the path" (js/focus.js), and the VPCs collapsed before it.
  focusPath: false,
  /** Whether "Focus the path" was turned on or off on this estate (js/focus.js focusByItself). */
  focusSeen: false,
  collapsedBefore: null,
  // The path's VPCs that "Focus the path" lays out side by side, or null (the stable grid).
  focusOn: null,
  past: [],
  future: [],
  routeTable: null,
  editItem: null,
  picking: 'from',
  selected: [],
  // Lessons: the open lesson (from the scenario's `lesson` object), its goals as the engine
  // judged them, the lesson file as written (for "Show solution"), and the course.
  lesson: null,
  goals: null,
  goalsError: null,
  hintsShown: 0,
  lessonOriginal: null,
  lessonKey: 0,
  fixRevealed: false,
  lessons: [],
  done: new Set(),
  shown: new Set(),
  // data/prices.json for a lesson's cost chart: undefined until fetched (after the first
  // diagram: the first view does not need it), null when it could not be.
  prices: undefined,
});

let defaultText = null;
let embed = false;

/** The message a completed lesson posts (docs/embedding.md). */
const COMPLETED = 'vpc-playground:lesson-completed';
/** In a tab opened from an embed (via=embed): the lesson whose completion goes back to it. */
let reportTo = null;
/** In an embed: the playground tabs it opened, the only windows whose completions it forwards. */
const openedTabs = new Set();

/**
 * An embed's "Open in the playground": the tab is opened with an opener (an <a target=_blank>
 * implies noopener), so the lesson finished there reaches this embed, then its course page.
 * A click with a modifier keeps the link's own behaviour (no report comes back then).
 * @param {MouseEvent} e
 */
function openPlaygroundTab(e) {
  if (!embed || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  const url = new URL(/** @type {HTMLAnchorElement} */ (e.currentTarget).href);
  url.searchParams.set('via', 'embed');
  const tab = window.open(url.href, '_blank');
  if (!tab) return; // blocked: the link opens the tab by itself
  e.preventDefault();
  openedTabs.add(tab);
}

/**
 * An embed forwards a completion from a tab it opened, for its own lesson, to its course page,
 * as if completed here. Anything else (another window, another origin, another lesson, a
 * malformed message) is ignored.
 * @param {MessageEvent} e
 */
function completedInTab(e) {
  if (!embed || !openedTabs.has(e.source) || e.origin !== location.origin) return;
  const m = e.data;
  const id = store.get().lesson?.id;
  if (!id || !m || typeof m !== 'object' || m.type !== COMPLETED || m.lesson !== id) return;
  if (m.status !== 'completed' && m.status !== 'completed-with-help') return;
  recordCompletion(id, m.status === 'completed-with-help');
  // Said beside the link, not in a notice above: the embed's layout does not move.
  $('#lesson-open-note').textContent = m.status === 'completed' ? '✓ Completed in the playground tab: recorded.'
    : '✓ Completed with help in the playground tab: recorded.';
}

// ---------------------------------------------------------------- notices

/**
 * Shows a message above the page (null hides it).
 * @param {string|null} text
 * @param {'error'|'info'} [kind]
 */
function notify(text, kind = 'error') {
  const box = $('#notice');
  clear(box);
  box.classList.toggle('hidden', !text);
  box.classList.toggle('info', kind === 'info');
  if (!text) return;
  // Several lines (a load's first problem, then how many more) each on its own line; any text
  // quoted from a file is cut, as one huge element freezes the page.
  const lines = (Array.isArray(text) ? text : [text]).map((t) => h('span', { class: 'notice-line', text: clip(t, 1000) }));
  box.append(h('span', { class: 'notice-text' }, ...lines), h('button', { type: 'button', class: 'btn btn-small', text: 'Dismiss', onclick: () => notify(null) }));
}

// ---------------------------------------------------------------- actions

/**
 * Loads input (scenario text, or AWS files) and makes it the current scenario. A failure
 * leaves the last good scenario in place and shows why.
 * @param {string | {name: string, text: string}[] | null} input null with `opts.loaded`
 * @param {{record?: boolean, flow?: object|null, retrace?: boolean, original?: string|null, fromEditor?: boolean, loaded?: import('./engine.js').Loaded, progress?: (text: string) => void}} [opts]
 *   original: the file as written, when this is a fresh load (a lesson's solution patches it);
 *   fromEditor: the input is the editor's text, so an error's line and column point into it;
 *   loaded: an estate the engine already holds (a fix applied), committed as it is;
 *   progress: shows a line while a big estate is drawn (the engine has loaded it by then)
 * @returns {Promise<boolean>} whether it loaded
 */
async function commitScenario(input, opts = {}) {
  const { record = true, flow = null, retrace = true, original = null, fromEditor = false } = opts;
  let res = opts.loaded;
  if (!res) {
    // A big file's estate gets focus.js's tools: its fetch need not wait for the engine.
    const chars = typeof input === 'string' ? input.length : (input || []).reduce((n, f) => n + f.text.length, 0);
    if (chars > EARLY_TOOLS_CHARS) focusModule().catch(() => {});
    try {
      res = await engine.load(input);
    } catch (e) {
      showLoadError(e, fromEditor);
      return false;
    }
    performance.mark('engine-loaded');
  }
  if (opts.progress && res.model.vpcs.length > 20) {
    // Drawing is the page's own work, on its thread: say so, painted, before it starts.
    opts.progress(`Drawing ${res.model.vpcs.length} VPCs…`);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  // Read after the engine answered: the state may have moved on meanwhile.
  const lessonState = await lessonFor(res, store.get(), original);
  const st = store.get();
  // The engine's own text of the scenario: later calls with it reuse what load built.
  const text = res.scenarioText;
  const past = record && st.scenarioText && st.scenarioText !== text ? [...st.past, st.scenarioText].slice(-HISTORY_MAX) : st.past;
  const future = record && st.scenarioText !== text ? [] : st.future;
  const nextFlow = flow ? withDefaults(flow, res) : keepFlow(st.flow, res);
  // A new big estate starts collapsed but for the flow's ends.
  const fresh = vpcKey(res.model) !== vpcKey(st.model);
  const big = res.model.vpcs.length >= ESTATE_TOOLS_FROM;
  const lib = fresh && big ? await estateTools() : null;
  const collapsed = !fresh ? st.collapsed : lib ? lib.defaultCollapsed(res.model, endIds(nextFlow, res.model)) : new Set();
  const focusOn = fresh ? null : st.focusOn;
  const lay = layout(res.model, { collapsed, aspect: viewAspect(), focus: focusOn });
  // For scripts/bench-page.mjs.
  performance.mark('layout-done');
  store.set({
    ...lessonState,
    handle: res.handle,
    scenarioText: text,
    scenario: res.scenario,
    model: res.model,
    format: res.format,
    diagnostics: res.diagnostics || [],
    editorError: null,
    past,
    future,
    flow: nextFlow,
    layout: lay,
    collapsed,
    focusOn,
    ...(fresh ? { focusPath: false, focusSeen: false, collapsedBefore: null } : {}),
  });
  if (retrace && st.trace) await sendPacket();
  else store.set({ trace: null, traceError: null, frames: [], frame: -1, playing: false });
  return true;
}

/** A model's VPCs as one string (another: another estate). */
const vpcKey = (m) => (m?.vpcs || []).map((v) => v.id).join(' ');

/** Why the last input did not load, as the notice's lines, led by `lead`. */
function loadErrorText(lead) {
  const err = store.get().editorError;
  return loadErrorLines(String(err?.message ?? 'the input could not be used'), err?.diagnostics, lead);
}

/** Shows why input did not load; `inEditor`: its positions are in the editor's text. */
function showLoadError(e, inEditor) {
  store.set({ editorError: { message: e.message, diagnostics: Array.isArray(e.diagnostics) ? e.diagnostics : [], inEditor } });
}

/**
 * The lesson fields of the state for a newly committed scenario: its lesson and goals, the
 * original file (kept while the lesson stays the same), hints reset when the lesson changes.
 */
async function lessonFor(res, st, original) {
  const text = res.scenarioText;
  const lesson = readLesson(res.scenario.lesson);
  if (!lesson) return { lesson: null, goals: null, goalsError: null, hintsShown: 0, lessonOriginal: null };
  let goals = null;
  let goalsError = null;
  try {
    goals = await engine.goals(res.handle);
  } catch (e) {
    goalsError = e.message;
  }
  const same = st.lesson && st.lesson.id === lesson.id && !original;
  let lessonOriginal = same ? st.lessonOriginal : null;
  if (original) {
    lessonOriginal = { id: lesson.id, text: original, canonical: text };
    saveLessonOriginal({ id: lesson.id, text: original });
  } else if (!same) {
    const kept = loadLessonOriginal(lesson.id);
    if (kept) lessonOriginal = { id: lesson.id, text: kept, canonical: await canonical(kept) };
  }
  // A completion is the learner's change meeting the goals, in the lesson they have open: a
  // lesson that loads solved (a link, a file, saved work) is not one. After "Show solution" or
  // an applied fix it counts as completed with help, and is not recorded as done.
  const met = (gs) => !!gs && gs.length > 0 && gs.every((g) => g.met);
  if (same && lesson.id && !goalsError && met(goals) && !met(st.goals)) recordCompletion(lesson.id, st.shown.has(lesson.id));
  return {
    lesson,
    goals,
    goalsError,
    lessonOriginal,
    hintsShown: same ? st.hintsShown : 0,
    lessonKey: same ? st.lessonKey : st.lessonKey + 1,
    fixRevealed: same ? st.fixRevealed : false,
  };
}

/**
 * Records a completed lesson and tells the page that embeds this one (a course platform): a
 * message {type: 'vpc-playground:lesson-completed', lesson, status, time} (docs/embedding.md).
 * @param {string} id
 * @param {boolean} help the fix or the solution was shown
 */
function recordCompletion(id, help) {
  if (!help) store.set({ done: markDone(id) });
  const message = { type: COMPLETED, lesson: id, status: help ? 'completed-with-help' : 'completed', time: new Date().toISOString() };
  // A tab opened from an embed's "Open in the playground" tells that embed, which tells its
  // course page: the tab has no parent, and Chromium partitions a third-party iframe's storage
  // from this tab's, so window.opener is the one way back. Only to our own origin.
  if (reportTo === id && window.opener && !window.opener.closed) {
    try {
      window.opener.postMessage(message, location.origin);
    } catch {
      // The embed went away or navigated elsewhere: nobody to tell.
    }
  }
  if (window.parent === window) return;
  // Any origin: the message says only which lesson was done, and a course page may be served
  // from anywhere; the listener checks event.origin (docs/embedding.md).
  window.parent.postMessage(message, '*');
}

/** The result, when it shows, grows the status above the diagram: scroll once more then. */
let viewOnResult = false;

/**
 * Scrolls the page so the diagram and its player are on screen (a phone, where the lesson and
 * the form come first: issue 11 item 9); nothing moves when they already are.
 */
function diagramIntoView() {
  viewOnResult = false;
  // Wider, the page does not stack: the diagram fills the window's height beside the side panel.
  if (!matchMedia('(max-width: 1000px)').matches) return;
  const wrap = $('#diagram-view');
  const r = wrap.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= innerHeight) return;
  /** @type {HTMLElement} */ ($('.player')).scrollIntoView({ block: 'end' });
  if (wrap.getBoundingClientRect().top < 0) wrap.scrollIntoView({ block: 'start' });
}

/** Sends the packet of the open lesson's goal `i` (the goal list's "Send this packet"). */
async function sendGoal(i) {
  // A goal stated as an intent has no flow of its own: its result carries one that breaks it.
  const g = store.get().scenario?.lesson?.goals?.[i] ?? store.get().goals?.[i]?.flow;
  const flow = cleanFlow(g);
  if (!flow.from || !flow.to) return;
  store.set({ flow: { protocol: 'tcp', ...flow }, picking: 'from' });
  const sent = sendPacket(true);
  diagramIntoView();
  await sent;
}

/** Opens a lesson of the site by id (the picker, "Next lesson"). */
async function openLesson(id) {
  const text = await fetchText(`lessons/${encodeURIComponent(id)}.json`);
  if (text === null) {
    notify(`Lesson "${id}" was not found (lessons/${id}.json).`);
    return;
  }
  store.set({ shown: markDone(id, SHOWN_KEY, false) });
  if (await commitScenario(text, { flow: {}, retrace: false, original: text })) {
    notify(null);
    $('#flow').scrollIntoView({ block: 'nearest' });
  } else notify(loadErrorText(`Lesson "${id}" did not load`));
}

/** Loads the lesson's solved network as a new state (undo brings the learner's back). */
async function showSolution() {
  const st = store.get();
  const id = st.lesson?.id;
  if (!st.lesson) return;
  if (id) store.set({ shown: markDone(id, SHOWN_KEY) });
  let text = st.lessonOriginal?.id === id ? st.lessonOriginal.text : null;
  if (!text && st.lessons.some((l) => l.id === id)) {
    const fetched = await fetchText(`lessons/${encodeURIComponent(id)}.json`);
    try {
      if (fetched && JSON.parse(fetched)?.lesson?.id === id) text = fetched;
    } catch {
      // Not JSON: fall through to the current scenario.
    }
  }
  const button = $('#show-solution');
  let solved;
  try {
    solved = await engine.solve(text ?? st.scenarioText);
  } catch (e) {
    // Beside the lesson's buttons, in the learner's words (issue 11 item 10).
    showEditError(button, e.message, e.diagnostics);
    return;
  }
  if (await commitScenario(solved, { retrace: false })) {
    clearErrorAt(button);
    notify(null);
    await sendPacket();
  } else {
    const err = store.get().editorError;
    showEditError(button, String(err?.message ?? 'the solved network did not load'), err?.diagnostics);
  }
}

/** The diagram view's width / height, so the layout can fill it. */
function viewAspect() {
  const r = $('#diagram').getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? r.width / r.height : undefined;
}

/** The flow for a freshly loaded scenario: the one asked for, filled from the scenario's. */
function withDefaults(flow, res) {
  const base = cleanFlow(res.scenario.flow || {});
  const f = { ...base, ...cleanFlow(flow) };
  if (!f.from) f.from = res.model.instances[0]?.id || res.model.network_interfaces[0]?.id || '';
  if (!f.to) f.to = res.model.instances[1]?.id || '8.8.8.8';
  if (!f.protocol) f.protocol = 'tcp';
  if (f.port === undefined && f.protocol !== 'icmp') f.port = 443;
  return f;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Keeps the current flow across an edit when its source still exists (an address, from the
 * internet or the corporate network, is the engine's to judge when traced).
 */
function keepFlow(flow, res) {
  const ids = new Set([...res.model.instances.map((i) => i.id), ...res.model.network_interfaces.map((e) => e.id)]);
  return flow && flow.from && (ids.has(flow.from) || IPV4.test(flow.from)) ? flow : withDefaults({}, res);
}

/**
 * The diagram ids of a flow's ends: an instance or interface as named, an address as the
 * interface that has it, else the corporate network or the internet; a service name as the
 * AWS services box.
 * @param {{from?: string, to?: string}} flow
 * @param {any} m the model
 * @returns {string[]}
 */
function endIds(flow, m) {
  const out = [];
  for (const v of [flow?.from, flow?.to]) {
    if (!v) continue;
    if (!IPV4.test(v)) {
      out.push(/^com\.amazonaws\./.test(v) ? 'aws-services' : v);
      continue;
    }
    const eni = (m?.network_interfaces || []).find((e) => e.private_ip === v || e.public_ip === v);
    const corp = outsideEnds(m).some((o) => o.gateway && o.id === v) || whereIs(m, v) === 'corporate network';
    out.push(eni ? eni.id : corp ? 'on-premises' : 'internet');
  }
  return out;
}

/** Whether a flow end is an instance or interface of the model, an address, or (as `to`) a service. */
function hasEnd(m, v, to) {
  return [...m.instances, ...m.network_interfaces].some((x) => x.id === v) || IPV4.test(v) || (to && /^com\.amazonaws\..+$/.test(v));
}

/**
 * Traces the current flow and plays it.
 * @param {boolean} [showTable] open the route table that decided (not after an edit: the
 *   learner stays on the table being edited)
 */
async function sendPacket(showTable = false) {
  const before = store.get();
  const flow = cleanFlow(before.flow);
  if (!flow.from || !flow.to) {
    store.set({ trace: null, traceError: 'Choose a source and a destination first.', frames: [], frame: -1 });
    return;
  }
  let t;
  try {
    t = await engine.trace(before.handle, flow);
  } catch (e) {
    store.set({ trace: null, traceError: `Cannot trace this flow: ${e.message}`, frames: [], frame: -1, playing: false });
    return;
  }
  // Another scenario was committed while this one was traced: its own trace is the one to show.
  if (store.get().handle !== before.handle) return;
  // A big estate's first result turns "Focus the path" on (js/focus.js focusByItself).
  const auto = !embed && tools ? tools.focusByItself(store.get()) : null;
  if (auto) store.set(auto);
  const st = store.get();
  if (st.focusPath && !embed && tools) store.set(relaid(tools.offPath(t, flow, st), tools.onPath(t, flow, st)));
  const frames = traceToFrames(t, store.get().layout, blockedNode(t, st.model));
  // The result (and the route table that decided) waits for the packet to arrive, unless
  // there is no animation to watch.
  const revealed = frames.length < 2 || player.reduced();
  const rt = showTable ? t.hops.filter((x) => x.kind === 'route-table').pop()?.component : null;
  store.set({ trace: t, traceError: null, frames, frame: -1, playing: false, revealed, tableAfter: revealed ? null : rt });
  if (rt && revealed) store.set({ routeTable: rt });
  // An embedded page is small: zoom to the VPCs the packet crosses, readable, from its start.
  // The full page does the same when the whole diagram would make its text too small.
  if (embed) diagram.focus(t.path.concat(flow.from), 0.9, frames[0]);
  else showResult(frames);
  player.play();
}

function showResult(frames) {
  const drop = frames.find((f) => f.drop);
  // Focus the path: its text readable (issue 11 item 3), even when that shows only part of it.
  diagram.showPath(frames, drop || null, { readable: !!store.get().focusOn });
}

/**
 * The estate laid out with `collapsed`, and the packet's frames on it; `focus`: the path's VPCs
 * for "Focus the path"'s layout (js/layout.js), null for the stable grid.
 * @param {Set<string>} collapsed
 * @param {string[]|null} [focus]
 */
function relaid(collapsed, focus = store.get().focusOn) {
  const st = store.get();
  const lay = layout(st.model, { collapsed, aspect: viewAspect(), focus });
  return { collapsed, focusOn: focus, layout: lay, frames: st.trace ? traceToFrames(st.trace, lay, blockedNode(st.trace, st.model)) : [] };
}


// ---------------------------------------------------------------- the matrix view

/** The reachability matrix (js/matrix.js), loaded the first time its tab is opened. */
let matrixView = null;

/** Shows the diagram or the matrix in the stage. */
async function showView(matrix) {
  $('.stage').classList.toggle('matrix-open', matrix);
  $('#tab-diagram').setAttribute('aria-selected', String(!matrix));
  $('#tab-matrix').setAttribute('aria-selected', String(matrix));
  $('#matrix-view').classList.toggle('hidden', !matrix);
  if (!matrix) return;
  if (!matrixView) {
    const { createMatrixView, stylesLoaded } = await import('./matrix.js');
    await stylesLoaded;
    const play = (flow) => {
      showView(false);
      store.set({ flow: cleanFlow(flow), picking: 'from' });
      sendPacket(true);
    };
    matrixView ||= createMatrixView({ root: $('#matrix-view'), changesBox: $('#matrix-changes'), store, engine, play });
  }
  matrixView.opened();
}

async function applySuggestedFix() {
  const st = store.get();
  if (!st.trace?.fix) return;
  // In a lesson the fix is the answer: a completion it brings is one with help.
  if (st.lesson?.id) store.set({ shown: markDone(st.lesson.id, SHOWN_KEY) });
  const button = $('#apply-fix');
  let loaded;
  try {
    loaded = await engine.applyFix(st.handle, st.trace.fix);
  } catch (e) {
    // Beside the button, in the learner's words (issue 11 item 10), not in the top notice.
    showEditError(button, e.message, e.diagnostics);
    return;
  }
  clearErrorAt(button);
  if (await commitScenario(null, { retrace: false, loaded })) await sendPacket();
}

async function undo() {
  const st = store.get();
  if (!st.past.length) return;
  const prev = st.past[st.past.length - 1];
  const cur = st.scenarioText;
  if (await commitScenario(prev, { record: false })) store.set({ past: st.past.slice(0, -1), future: [cur, ...st.future] });
}

async function redo() {
  const st = store.get();
  if (!st.future.length) return;
  const next = st.future[0];
  const cur = st.scenarioText;
  if (await commitScenario(next, { record: false })) store.set({ future: st.future.slice(1), past: [...st.past, cur] });
}

/**
 * Has the engine apply an edit (made by routedit.js or netedit.js from a form) to the current
 * scenario, and commits the result as a new state. A form error thrown by `make`, or an edit
 * the engine refuses, is shown and changes nothing.
 * @param {() => object} make returns the edit
 * @returns {Promise<import('./engine.js').Loaded | null>} the engine's result (its `created` id)
 */
async function editScenario(make, at) {
  const st = store.get();
  let loaded;
  try {
    loaded = await engine.applyEdit(st.handle, make());
  } catch (e) {
    // Beside the control that made it when there is one, so the student sees what to change.
    if (at && at.isConnected) showEditError(at, e.message, e.diagnostics);
    else notify(`That change was not applied: ${editErrorWords(e.message, e.diagnostics)}`);
    return null;
  }
  clearEditErrors();
  await commitScenario(null, { loaded });
  notify(null);
  return loaded;
}

function pickNode(id, owner, kind) {
  const st = store.get();
  if (kind === 'route-table') {
    store.set({ routeTable: id });
    $('#routes-panel').scrollIntoView({ block: 'nearest' });
    return;
  }
  if (kind === 'peering' || kind === 'network-acl' || kind === 'gateway-endpoint' || kind === 'transit-gateway') {
    store.set({ editItem: id });
    if (kind !== 'gateway-endpoint' || st.picking !== 'to') {
      $('#net-panel').scrollIntoView({ block: 'nearest' });
      return;
    }
  }
  // A flow can start at an instance or interface, the internet (its node or a VPC's internet
  // gateway) or the corporate network (its node or the VPN gateway); an AWS service can only
  // be a destination.
  let value = null;
  let source = true;
  if (kind === 'instance') value = owner || id;
  else if (kind === 'eni') value = id;
  else if (kind === 'internet' || kind === 'internet-gateway') value = st.picking === 'to' ? '8.8.8.8' : INTERNET_HOST;
  else if (kind === 'on-premises' || kind === 'vpn-gateway') {
    const gw = kind === 'vpn-gateway' ? id : owner;
    const ends = outsideEnds(st.model).filter((o) => o.gateway);
    value = (ends.find((o) => o.gateway === gw) || ends[0])?.id || null;
  } else {
    source = false;
    if (kind === 'aws-service' || kind === 'gateway-endpoint') {
      const ep = st.model.endpoints.find((e) => e.id === id);
      value = ep ? ep.service : st.model.services.find((s) => s.endsWith('.s3')) || st.model.services[0] || null;
    } else if (kind === 'interface-endpoint') value = st.model.endpoints.find((e) => e.id === owner)?.service || null;
  }
  if (!value) return;
  if (st.picking === 'from' && source) {
    store.set({ flow: { ...st.flow, from: value }, picking: 'to', selected: [id] });
  } else {
    store.set({ flow: { ...st.flow, to: value }, picking: 'from', selected: [...st.selected.slice(0, 1), id] });
  }
}

// ---------------------------------------------------------------- parts

const diagram = createDiagram(/** @type {any} */ ($('#diagram')), {
  onNodeClick: pickNode,
  onVpcToggle: (vpc) => {
    const collapsed = new Set(store.get().collapsed);
    if (collapsed.has(vpc)) collapsed.delete(vpc);
    else collapsed.add(vpc);
    store.set(relaid(collapsed));
  },
});
const player = createPlayer({ store, diagram });

/** The packet's callout (js/callout.js), loaded with the first trace: the first view has none. */
let callout = null;
let calloutLoading = null;

/** Shows the callout of the current hop (loading its module the first time one is needed). */
function showCallout(st) {
  const f = st.frames[st.frame];
  const next = st.frames[st.frame + 1] || null;
  // The callout leaves the flow's ends uncovered where it can (a review found it over the
  // destination at 1280x720 and on a phone); off-screen ones do not matter.
  const ends = f && st.layout ? endIds(st.flow, st.model).map((id) => st.layout.nodes.find((n) => n.id === id || n.owner === id)).filter(Boolean) : [];
  const stop = st.trace && f ? { frame: f, hop: st.trace.hops[f.index], next, avoid: ends } : null;
  if (callout) return callout.show(stop);
  if (!stop || calloutLoading) return;
  calloutLoading = import('./callout.js').then(({ createCallout }) => {
    callout = createCallout(/** @type {any} */ ($('#packet-callout')), /** @type {any} */ ($('#diagram')));
    showCallout(store.get());
  }).catch(() => {
    // Offline before the worker cached it: the Packet path list still tells every hop.
  });
}

/**
 * Pinch zoom (js/touch.js), loaded on a touch screen only: at once where the main pointer is a
 * finger, else at the first touch on the page.
 */
function loadTouch() {
  document.removeEventListener('pointerdown', onFirstTouch, true);
  import('./touch.js').then(({ enablePinch }) => enablePinch(/** @type {any} */ ($('#diagram')), diagram.zoom))
    .catch(() => {
      // Without it the buttons zoom.
    });
}
function onFirstTouch(e) {
  if (e.pointerType === 'touch') loadTouch();
}
if (matchMedia('(any-pointer: coarse)').matches) loadTouch();
else document.addEventListener('pointerdown', onFirstTouch, true);
const flowForm = createFlowForm({
  // The form knows no request; keep the current one (a lesson's S3 request, R22).
  onChange: (flow) => store.set({ flow: cleanFlow({ request: store.get().flow?.request, ...flow }) }),
  onSend: () => {
    const sent = sendPacket(true);
    diagramIntoView();
    viewOnResult = true;
    return sent;
  },
});
const routeEditor = createRouteEditor({
  onSelect: (id) => store.set({ routeTable: id }),
  onSet: (table, route, old, at) => editScenario(() => setRouteEdit(table, route, old), at),
  onDelete: (table, dest, at) => editScenario(() => deleteRouteEdit(table, dest), at),
});
const netEditor = createNetEditor({
  onSelect: (id) => store.set({ editItem: id }),
  edit: editScenario,
});

const lessonView = createLessonView({
  onHint: () => store.set({ hintsShown: store.get().hintsShown + 1 }),
  onSolution: showSolution,
  onOpen: openLesson,
  onPicker: () => showPicker(),
  onSendGoal: sendGoal,
});
const picker = createPicker({
  onOpen: openLesson,
  onReset: () => {
    resetProgress();
    store.set({ done: new Set(), shown: new Set() });
    showPicker();
  },
});

function showPicker() {
  const st = store.get();
  picker.show(st.lessons, st.done, st.lesson?.id || null, st.shown);
}

/**
 * Above this many characters (1 MB of JSON: a few hundred VPCs of describe-* output) the
 * editor is filled only on request: a textarea holding megabytes of text froze the page for
 * seconds after each load (measured: 2.7 s of layout for a 15 MB AWS file's 4.6 MB scenario).
 */
const EDITOR_MAX_CHARS = 1_000_000;
/** The learner asked to see a big scenario in the editor anyway. */
let editorForced = false;

/**
 * Above this many characters the editor is filled after the next frame is painted, not with
 * the diagram: Chromium laid out the textarea's text in the same forced layout as the SVG
 * (issue 11 item 3: 100 VPCs, 0.9 MB, drawn under 1 s).
 */
const EDITOR_LATER_CHARS = 200_000;
/** The state whose text waits to go in the editor (a later one replaces it). */
let editorDue = null;

/** Puts the current scenario in the editor (a big one after the next paint), or a note. */
/** A model of more VPCs than this has its side panels' long lists filled after the diagram is painted. */
const PANELS_LATER_VPCS = 20;
/** The panels waiting for the frame after a big estate's first draw: 'routes', 'net'. */
const panelsDue = new Set();

/**
 * Renders the route table panel ('routes') or the edit panel ('net'). For a new big estate it
 * waits until the diagram is painted: at 100 VPCs their lists (300 tables, 1,000 resources, a
 * table's routes each with a select of its VPC's targets) are half the elements of the page,
 * and Chromium's style and layout of them held back the diagram's first frame (measured with
 * scripts/bench-page.mjs). They are emptied at once and render then from the state as it is,
 * so a later change (another table chosen meanwhile) is not lost.
 */
function panelsWhenDrawn(st, changed, which) {
  const render = (now) => (which === 'routes' ? routeEditor.render(now.model, now.routeTable) : netEditor.render(now.model, now.editItem));
  if (!(changed.has('model') && changed.has('layout') && (st.model?.vpcs?.length ?? 0) > PANELS_LATER_VPCS)) {
    if (!panelsDue.has(which)) render(st);
    return;
  }
  // Emptied now: the old scenario's lists must not be edited meanwhile (nor styled again).
  if (which === 'routes') routeEditor.render(null, null);
  else netEditor.render(null, null);
  if (panelsDue.size === 0) {
    requestAnimationFrame(() => setTimeout(() => {
      const due = [...panelsDue];
      panelsDue.clear();
      for (const w of due) panelsWhenDrawn(store.get(), new Set(), w);
    }, 0));
  }
  panelsDue.add(which);
}

function fillEditor(st) {
  const size = st.scenarioText?.length ?? 0;
  if (size <= EDITOR_LATER_CHARS || size > EDITOR_MAX_CHARS) return fillEditorNow(st);
  const ed = /** @type {HTMLTextAreaElement} */ ($('#editor'));
  // Until then nothing in it can be applied: the old text is not this scenario's.
  const due = !editorDue;
  editorDue = st;
  ed.value = '';
  for (const id of ['#editor-apply', '#editor-revert']) /** @type {HTMLButtonElement} */ ($(id)).disabled = true;
  if (!due) return;
  requestAnimationFrame(() => setTimeout(() => {
    if (editorDue) fillEditorNow(editorDue);
  }, 0));
}

function fillEditorNow(st) {
  editorDue = null;
  const ed = /** @type {HTMLTextAreaElement} */ ($('#editor'));
  const size = st.scenarioText?.length ?? 0;
  const big = size > EDITOR_MAX_CHARS && !editorForced;
  $('#editor-big').classList.toggle('hidden', !big);
  ed.classList.toggle('hidden', big);
  for (const id of ['#editor-apply', '#editor-revert']) /** @type {HTMLButtonElement} */ ($(id)).disabled = big;
  if (big) {
    ed.value = '';
    $('#editor-big-text').textContent = `This scenario is ${(size / 1e6).toFixed(1)} MB of JSON; it is not shown here, because a text box that size makes the page slow.`;
  } else ed.value = editorText(st);
}

/** The scenario as the JSON editor shows it: without the lesson, so hints stay hidden. */
function editorText(st) {
  if (!st.scenario?.lesson) return st.scenarioText;
  const { lesson, ...rest } = st.scenario;
  return JSON.stringify(rest, null, 2);
}

function markDiagram(st) {
  const t = st.trace;
  const f = st.frames[st.frame];
  const hop = t && f ? t.hops[f.index] : null;
  const drop = st.frames.find((x) => x.drop);
  const at = blockedNode(t, st.model);
  diagram.mark({
    path: t ? t.path : [],
    pathKeys: new Set((t ? t.hops : []).filter((x) => x.subnet).map((x) => `${x.subnet}|${x.component}`)),
    visitedKeys: new Set(st.frames.map((x) => x.box?.key).filter(Boolean)),
    leg: hop ? hop.leg : null,
    tracing: !!f && (st.playing || st.frame < st.frames.length - 1),
    activeKey: hop && hop.subnet ? `${hop.subnet}|${hop.component}` : null,
    activeId: hop ? hop.component : null,
    blockedId: st.revealed ? at : null,
    blockedKey: drop && drop.subnet && at === drop.component ? `${drop.subnet}|${at}` : at,
    blockedAt: st.revealed && t && !t.reachable && drop ? drop : null,
    selectedIds: st.selected,
  });
}

/**
 * Puts the editor's cursor at a line and column (1-based), as a parse error names them. The
 * engine counts characters; the textarea counts UTF-16 units (an emoji is two).
 */
function goTo(line, col) {
  const ed = /** @type {HTMLTextAreaElement} */ ($('#editor'));
  const lines = ed.value.split('\n');
  const within = [...(lines[line - 1] ?? '')].slice(0, col - 1).join('').length;
  const pos = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + within;
  ed.focus();
  ed.setSelectionRange(pos, pos);
  ed.scrollTop = Math.max(0, (line - 4) * 16.8);
}

function renderDiagnostics(st) {
  const ul = $('#diagnostics');
  clear(ul);
  const items = [];
  if (st.editorError) {
    // The diagnostics repeat the head message; it shows alone only when there are none.
    const ds = st.editorError.diagnostics;
    items.push(...(ds.length ? ds : [{ severity: 'error', resource: '', field: '', message: st.editorError.message }]));
  } else {
    for (const d of st.diagnostics) items.push(d);
  }
  for (const d of items) {
    const sev = ['error', 'warning', 'unsupported'].includes(d.severity) ? d.severity : 'info';
    // A position ends the message (text quoted from the input may come before it), and only
    // means something when it is in the editor's text (not in a file that failed to load).
    const at = !st.editorError || st.editorError.inEditor ? [...d.message.matchAll(/line (\d+) column (\d+)/g)].pop() : null;
    ul.append(h('li', { class: `diag diag-${sev}${at ? ' diag-at' : ''}`, tabindex: at ? '0' : null, title: at ? 'Go there in the editor' : null, onclick: at && (() => goTo(+at[1], +at[2])), onkeydown: at && ((e) => e.key === 'Enter' && goTo(+at[1], +at[2])) },
      h('span', { class: 'diag-sev', text: sev }),
      d.resource ? h('code', { class: 'diag-where', text: clip(d.field ? `${d.resource} · ${d.field}` : d.resource, 200) }) : null,
      h('span', { class: 'diag-msg', text: clip(d.message, 1000) })));
  }
  // Red only when the error is in the editor's own text, not a file that failed to load.
  $('#editor').classList.toggle('invalid', !!st.editorError?.inEditor);
}

store.subscribe((st, changed) => {
  if (changed.has('model')) {
    const name = shortName(st.scenario?.name || st.model?.name || '');
    $('#scenario-name').textContent = name;
    $('#scenario-name').title = st.scenario?.name || '';
    flowForm.setModel(st.model);
    flowForm.setFlow(st.flow);
    $('#format').textContent = st.format ? `Loaded from: ${st.format}` : '';
  }
  if (changed.has('model') || changed.has('routeTable')) panelsWhenDrawn(st, changed, 'routes');
  if (changed.has('model') || changed.has('editItem')) panelsWhenDrawn(st, changed, 'net');
  if (changed.has('scenarioText')) fillEditor(st);
  if (changed.has('flow') && !changed.has('model')) flowForm.setFlow(st.flow);
  if (changed.has('layout') && st.layout) {
    diagram.setFocus(endIds(st.flow, st.model));
    diagram.draw(st.layout);
    if (!performance.getEntriesByName('diagram-drawn').length) {
      performance.mark('diagram-drawn');
      // The first diagram came from the engine's core module; the full one (edits, AWS input,
      // the matrix) downloads now, while the learner reads (engine-core.js, "Two modules").
      setTimeout(() => engine.warm(), 0);
    }
    performance.mark('layout-drawn');
  }
  // A fix's error was about the result it came with.
  if (changed.has('trace')) clearErrorAt($('#apply-fix'));
  if (changed.has('trace') || changed.has('traceError')) renderEvents(/** @type {any} */ ($('#events')), st.trace, (i) => player.seek(i));
  if (['trace', 'traceError', 'lesson', 'fixRevealed', 'revealed', 'model', 'goals'].some((k) => changed.has(k))) {
    renderStatus({ trace: st.trace, error: st.traceError, hideFix: !!st.lesson && !st.fixRevealed, pending: !st.revealed, intro: st.lesson ? '' : st.scenario?.description, unmet: !!st.lesson && !!st.goals?.some((g) => !g.met),
      expected: !!st.lesson && goalAsksBlocked(st.scenario?.lesson?.goals, st.goals, st.flow) });
    $('#events').classList.toggle('pending', !st.revealed);
  }
  if (['trace', 'frame', 'layout', 'frames', 'selected', 'revealed', 'playing'].some((k) => changed.has(k))) markDiagram(st);
  if (['trace', 'frame', 'frames', 'layout'].some((k) => changed.has(k))) showCallout(st);
  if ((changed.has('revealed') || changed.has('trace')) && st.revealed && st.trace && viewOnResult) diagramIntoView();
  // An embed's view followed the packet, readable, to where it ended; with the result it steps
  // back to the flow's ends and that spot together (issue 11 item 5: the source and destination
  // stay in the frame after a result), as its first view held the ends.
  const atEnd = (changed.has('frame') || changed.has('revealed')) && st.frames.length > 1 && st.frame === st.frames.length - 1;
  if (embed && atEnd && st.revealed && st.trace) {
    const drop = blockedNode(st.trace, st.model);
    // After the player has placed the packet at its last stop (the view follows it until then).
    queueMicrotask(() => diagram.showEnds(endIds(st.flow, st.model).concat(drop ? [drop] : []), 0.6, 1.2));
  }
  // With "Focus the path" the view followed the packet to its last stop; there it goes back to
  // showResult's readable view of the drop and the hops before it (issue 11 item 3).
  if (!embed && atEnd && st.revealed && st.trace && st.focusPath) {
    queueMicrotask(() => showResult(store.get().frames));
  }
  if (changed.has('revealed') && st.revealed && st.tableAfter) queueMicrotask(() => store.set({ routeTable: st.tableAfter, tableAfter: null }));
  if (changed.has('layout') || changed.has('frames')) player.refresh();
  if (changed.has('frame') || changed.has('trace')) {
    highlightEvent(/** @type {any} */ ($('#events')), st.frames[st.frame]?.index ?? -1);
    $('#hop-counter').textContent = st.frames.length ? `Hop ${st.frame + 1} of ${st.frames.length}` : '';
  }
  if (changed.has('playing')) {
    const b = $('#play');
    b.textContent = st.playing ? 'Pause' : 'Play';
    b.setAttribute('aria-label', st.playing ? 'Pause' : 'Play');
  }
  if (changed.has('diagnostics') || changed.has('editorError')) renderDiagnostics(st);
  if (['lesson', 'goals', 'goalsError', 'hintsShown', 'lessons', 'prices', 'trace', 'lessonKey', 'shown', 'done', 'revealed'].some((k) => changed.has(k))) {
    lessonView.render({
      lesson: st.lesson, goals: st.goals, goalsError: st.goalsError, hintsShown: st.hintsShown,
      traced: !!st.trace && st.revealed, sending: !!st.trace && !st.revealed, embed, lessons: st.lessons, prices: st.prices, storyKey: st.lessonKey, shown: !!st.lesson && st.shown.has(st.lesson.id), recorded: !!st.lesson && st.done.has(st.lesson.id),
    });
  }
  if (changed.has('past') || changed.has('future')) {
    /** @type {HTMLButtonElement} */ ($('#undo')).disabled = !st.past.length;
    /** @type {HTMLButtonElement} */ ($('#redo')).disabled = !st.future.length;
  }
  if ((changed.has('scenarioText') || changed.has('flow')) && st.scenarioText) {
    save(st.scenarioText, st.flow);
    // An unchanged lesson of the site is linked by name (?lesson=), anything else by content.
    const lo = st.lessonOriginal;
    const asLesson = lo && lo.canonical === st.scenarioText && st.lessons.some((l) => l.id === lo.id) ? lo.id : null;
    const unchanged = st.scenarioText === defaultText || asLesson;
    writeUrl({ scenarioText: unchanged ? null : st.scenarioText, flow: st.flow, embed, lesson: asLesson });
  }
});

// ---------------------------------------------------------------- controls

function wireControls() {
  $('#apply-fix').addEventListener('click', applySuggestedFix);
  $('#lesson-open').addEventListener('click', openPlaygroundTab);
  window.addEventListener('message', completedInTab);
  wireStatus();
  $('#tab-diagram').addEventListener('click', () => showView(false));
  $('#tab-matrix').addEventListener('click', () => showView(true).catch((e) => notify(`The matrix view could not be opened: ${e.message}`)));
  $('#open-lessons').addEventListener('click', showPicker);
  $('#reveal-fix').addEventListener('click', () => store.set({ fixRevealed: true }));
  $('#skip').addEventListener('click', () => player.seek(store.get().frames.length - 1));
  $('#play').addEventListener('click', () => player.toggle());
  $('#step-back').addEventListener('click', () => player.step(-1));
  $('#step-fwd').addEventListener('click', () => player.step(1));
  $('#speed').addEventListener('change', (e) => store.set({ speed: Number(/** @type {HTMLSelectElement} */ (e.target).value) || 1 }));
  $('#zoom-in').addEventListener('click', () => diagram.zoom(1.25));
  $('#zoom-out').addEventListener('click', () => diagram.zoom(0.8));
  $('#zoom-fit').addEventListener('click', () => diagram.fitView());
  $('#undo').addEventListener('click', undo);
  $('#redo').addEventListener('click', redo);
  $('#reset').addEventListener('click', async () => {
    const text = defaultText ?? await canonical(await fetchText(DEFAULT_URL));
    if (text !== null) await commitScenario(text, { flow: {} });
    else notify('The default scenario (scenarios/default.json) could not be fetched.');
  });
  $('#editor-apply').addEventListener('click', async () => {
    let text = /** @type {HTMLTextAreaElement} */ ($('#editor')).value;
    // The editor hides the lesson (its hints and solution); the edit keeps it. The text is
    // checked as typed first, so errors point into it (and a duplicate key is not lost to
    // JSON.parse, which keeps the last one).
    const lesson = store.get().scenario?.lesson;
    if (lesson) {
      let d;
      try {
        await engine.scenarioText(text);
        d = JSON.parse(text);
      } catch (e) {
        showLoadError(e, true);
        return;
      }
      if (d && typeof d === 'object' && !Array.isArray(d) && !('lesson' in d)) text = JSON.stringify({ ...d, lesson });
    }
    await commitScenario(text, { fromEditor: true });
  });
  $('#editor-show').addEventListener('click', () => {
    editorForced = true;
    fillEditorNow(store.get());
    $('#editor').focus();
  });
  $('#editor-revert').addEventListener('click', () => {
    fillEditorNow(store.get());
    store.set({ editorError: null });
  });
  wireFiles({
    onInput: async (input, info, progress) => {
      const original = input.length === 1 ? input[0].text : null;
      if (await commitScenario(input, { flow: {}, retrace: false, original, progress })) {
        notify(null);
        const st = store.get();
        if (st.format && st.format !== 'scenario') notify(loadedNote(input, st.diagnostics, info.ignored), 'info');
      } else notify(loadErrorText('Could not load'));
    },
    onError: (msg) => notify(msg),
    onProgress: (text) => {
      const p = $('#progress');
      p.textContent = text || '';
      p.classList.toggle('hidden', !text);
    },
  });

  const isTyping = (el) => el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  document.addEventListener('keydown', (e) => {
    const t = /** @type {HTMLElement} */ (e.target);
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !isTyping(t)) {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y' && !isTyping(t)) {
      e.preventDefault();
      redo();
      return;
    }
    const inTrace = t && (t.closest?.('#events') || t.closest?.('#diagram'));
    if (inTrace && (e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !t.closest?.('.vpc-header')) {
      e.preventDefault();
      player.step(e.key === 'ArrowRight' ? 1 : -1);
      return;
    }
    if (e.key === ' ' && !isTyping(t) && !(t && (t.tagName === 'BUTTON' || t.closest?.('[role="button"]')))) {
      e.preventDefault();
      player.toggle();
    }
  });
}

/**
 * What a load of AWS files did: how many were read, which were skipped (the engine's R29
 * notes), and where the notes are listed.
 * @param {{name: string}[]} input
 * @param {{severity: string, resource: string, message: string}[]} diags
 * @param {number} ignored non-JSON files left out of a folder
 */
function loadedNote(input, diags, ignored) {
  const skipped = diags.filter((d) => d.severity === 'unsupported' && /^skipped\b/.test(d.message)).map((d) => d.resource);
  const first = input[0].name.split('/')[0];
  const top = input.length > 1 && input.every((f) => f.name.startsWith(`${first}/`)) ? first : '';
  const short = (n) => n.split('/').pop();
  let text = `Loaded ${input.length - skipped.length} of ${count(input.length, 'file')}${top ? ` from ${top}/` : ''} (AWS output); the page now works on the converted scenario.`;
  if (skipped.length) {
    const names = skipped.slice(0, 6).map(short).join(', ') + (skipped.length > 6 ? `, and ${skipped.length - 6} more` : '');
    text += ` Skipped ${skipped.length}, which the playground does not read: ${names}.`;
  }
  if (ignored) text += ` ${count(ignored, 'file')} in the folder ${ignored === 1 ? 'is' : 'are'} not .json and ${ignored === 1 ? 'was' : 'were'} left out.`;
  const others = diags.length - skipped.length;
  if (skipped.length || others) text += ' Each note is listed below the Scenario JSON editor.';
  return text;
}

/**
 * The header's name for a scenario. AWS output converted from several files is named after
 * all of them, comma-joined: that is shortened to their common folder, or a count.
 * @param {string} name
 */
function shortName(name) {
  const parts = name.split(', ');
  if (parts.length < 2 || !parts.every((p) => /\.json$/i.test(p))) return name;
  const dirs = parts.map((p) => p.split('/').slice(0, -1));
  const common = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0][i]); i++) common.push(dirs[0][i]);
  return common.length ? `${common.join('/')}/ (${parts.length} files)` : `${parts.length} AWS files`;
}

// ---------------------------------------------------------------- boot

/** The scenario text as the page keeps it (the engine's own serialization), or null. */
async function canonical(text) {
  if (text === null) return null;
  try {
    return await engine.scenarioText(text);
  } catch {
    return null;
  }
}

function fatal(message) {
  const box = $('#notice');
  clear(box);
  box.classList.remove('hidden', 'info');
  box.classList.add('fatal');
  box.append(h('strong', { text: 'The playground cannot start. ' }), h('span', { text: message }));
  document.body.classList.add('no-engine');
  renderStatus({ trace: null, error: 'The engine did not load; see the message above.' });
}

async function boot() {
  // The engine and the data the first view needs are asked for at once, so the default
  // scenario and the lesson index arrive while the wasm compiles, not after it. index.html
  // preloads all of them (and every module), and these calls take the preloaded responses;
  // scripts/first-load.mjs lists the same two files as BOOT_DATA.
  const engineReady = engine.initEngine();
  engineReady.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  const bootData = Promise.all([fetchText(DEFAULT_URL), fetchJson('lessons/index.json')]);
  const url = await decodeHash(location.hash, location.search);
  embed = url.embed;
  if (url.via === 'embed' && url.lesson && window.opener) reportTo = url.lesson;
  if (embed) {
    document.body.classList.add('embed');
    /** @type {HTMLDetailsElement} */ ($('#events-box')).open = false;
  }
  wireControls();
  try {
    const v = await engineReady;
    $('#version').textContent = `engine ${v}`;
    // Where the engine runs (tests and bug reports read it): 'worker' or 'main-thread'.
    document.body.dataset.engine = engine.engineThread() || '';
  } catch (e) {
    fatal(e.message);
    return;
  }
  const [rawDefault, index] = await bootData;
  defaultText = await canonical(rawDefault);
  store.set({ lessons: lessonList(index), done: loadProgress(), shown: loadProgress(SHOWN_KEY) });
  const messages = [];
  if (url.scenarioError) messages.push(url.scenarioError);
  if (url.lessonError) messages.push(url.lessonError);
  const saved = loadSaved();
  /** @type {{text: string, flow: object, what: string, original?: string}[]} */
  const sources = [];
  // A lesson that is not in the course is said so; the page then shows the scenario in the
  // link or the default, never older saved work the link did not ask for.
  const known = !store.get().lessons.length || store.get().lessons.some((l) => l.id === url.lesson);
  let missing = false;
  if (url.lesson) {
    const text = known ? await fetchText(`lessons/${encodeURIComponent(url.lesson)}.json`) : null;
    missing = text === null;
    if (missing) messages.push(`There is no lesson named "${url.lesson}"; showing ${url.scenarioText ? 'the scenario in the link' : 'the default scenario'} instead. The Lessons button lists them all.`);
    else sources.push({ text, flow: url.flow, what: `lesson ${url.lesson}`, original: text });
  }
  if (url.scenarioText) sources.push({ text: url.scenarioText, flow: url.flow, what: 'the scenario in the link' });
  if (saved && !missing) sources.push({ text: saved.scenarioText, flow: { ...saved.flow, ...url.flow }, what: 'your saved work' });
  if (rawDefault !== null) sources.push({ text: rawDefault, flow: url.flow, what: 'the default scenario' });
  let ok = false;
  for (const src of sources) {
    if (await commitScenario(src.text, { record: false, flow: src.flow, original: src.original || null })) {
      ok = true;
      break;
    }
    messages.push(`${src.what[0].toUpperCase()}${src.what.slice(1)} did not load (${store.get().editorError?.message}); it was skipped.`);
  }
  // A source or destination the scenario does not have is named, and the scenario's own kept.
  const st = store.get();
  const bad = ok ? ['from', 'to'].filter((k) => url.flow[k] && !hasEnd(st.model, url.flow[k], k === 'to')) : [];
  if (bad.length) {
    messages.push(`This scenario has no ${bad.map((k) => `${k === 'from' ? 'source' : 'destination'} "${url.flow[k]}"`).join(' and no ')}; its own flow is shown.`);
    const flow = { ...st.flow };
    for (const k of bad) delete flow[k];
    store.set({ flow: withDefaults(flow, st) });
  }
  if (!ok) {
    store.set({ editorError: null });
    messages.push('No scenario could be loaded (scenarios/default.json is missing?). Open a file or paste JSON.');
  }
  if (messages.length) notify(messages.join(' '));
  else if (reportTo) notify('Opened from a course page: when you complete this lesson here, that page records it.', 'info');
  store.set({ editorError: null });
  // Only a lesson's cost chart uses the prices; the chart waits for them.
  fetchJson('data/prices.json').then((prices) => store.set({ prices }));
  // An embed's first view: the packet's source and destination together, readable if they fit.
  if (ok && embed) diagram.showEnds(endIds(store.get().flow, store.get().model), 0.6, 1.2);
  if (ok && url.play) await sendPacket(true);
  document.body.classList.add('ready');
  performance.mark('page-ready');
  registerServiceWorker();
}

/** Offline after the first visit (sw.js); only where service workers exist: http(s), not file://. */
function registerServiceWorker() {
  if (!/^https?:$/.test(location.protocol) || !('serviceWorker' in navigator) || bundled()) return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    // No service worker (private mode, an old browser): the page works online as before.
  });
}

boot().catch((e) => fatal(`Unexpected error while starting: ${e && e.message ? e.message : e}`));
