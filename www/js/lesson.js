/**
 * The lesson panel: title, story, goals checklist, what to do next, hints one at a time,
 * "Show solution", the takeaway once every goal is met, and a cost chart when the lesson
 * asks for one. Lesson files and engine messages are untrusted: text nodes only.
 */

import { $, h, clear } from './dom.js';
import { withoutRuleNumbers as plain, clip } from './words.js';

/**
 * The cost chart's module (js/cost.js), fetched the first time a lesson asks for a chart: most
 * lessons have none, and the first page load has a budget (scripts/first-load.mjs).
 * @type {Promise<typeof import('./cost.js')>|null}
 */
let costModule = null;

/**
 * The lesson object of a scenario, with every field checked for its type, or null.
 * @param {any} v scenario.lesson
 * @returns {{id: string, title: string, story: string, hints: string[], takeaway: string,
 *   goalCount: number, cost: any}|null}
 */
export function readLesson(v) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const str = (x) => (typeof x === 'string' ? x : '');
  const cost = v.extra && typeof v.extra === 'object' && v.extra.cost && typeof v.extra.cost === 'object' ? v.extra.cost : null;
  return {
    id: str(v.id),
    // A file's texts are cut: one element holding megabytes freezes the page (review M8).
    title: clip(str(v.title), 200) || 'Untitled lesson',
    story: clip(str(v.story), 20000),
    hints: Array.isArray(v.hints) ? v.hints.filter((x) => typeof x === 'string').slice(0, 50).map((x) => clip(x, 2000)) : [],
    takeaway: clip(str(v.takeaway), 2000),
    goalCount: Array.isArray(v.goals) ? v.goals.length : 0,
    cost,
  };
}

/**
 * Splits a story into paragraphs at blank lines.
 * @param {string} story
 * @returns {string[]}
 */
export function paragraphs(story) {
  return story.split(/\n\s*\n/).map((p) => clip(p.trim(), 4000)).filter(Boolean);
}

/**
 * Whether a met lesson goal asks for this flow to be blocked (`"expect": "blocked"`), so the
 * status says the block is what the goal asks, not a failure (review P3).
 * @param {any[]|undefined} goals the lesson's goals as written (scenario.lesson.goals)
 * @param {any[]|null|undefined} results the engine's goal results, in the same order
 * @param {{from?: string, to?: string, protocol?: string, port?: number}|null|undefined} flow
 */
export function goalAsksBlocked(goals, results, flow) {
  if (!Array.isArray(goals) || !Array.isArray(results) || !flow) return false;
  const same = (a, b) => String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();
  return goals.some((g, i) => !!g && typeof g === 'object' && g.expect === 'blocked' && !!results[i]?.met
    && same(g.from, flow.from) && same(g.to, flow.to) && same(g.protocol ?? 'tcp', flow.protocol ?? 'tcp')
    && (g.port === undefined || same(g.port, flow.port)) && sameRequest(g.request, flow.request));
}

/** Whether a flow's S3 request (endpoint-policy lessons) is the one a goal names; none: none. */
function sameRequest(a, b) {
  if (!a || typeof a !== 'object') return !b;
  return !!b && a.action === b.action && a.resource === b.resource;
}

/**
 * @param {{onHint: () => void, onSolution: () => void, onOpen: (id: string) => void,
 *   onPicker: () => void, onSendGoal: (index: number) => void}} cb
 */
export function createLessonView(cb) {
  const box = $('#lesson');
  $('#show-hint').addEventListener('click', cb.onHint);
  const confirm = $('#solution-confirm');
  $('#show-solution').addEventListener('click', () => {
    confirm.classList.remove('hidden');
    $('#solution-no').focus();
  });
  $('#solution-no').addEventListener('click', () => confirm.classList.add('hidden'));
  $('#solution-yes').addEventListener('click', () => {
    confirm.classList.add('hidden');
    cb.onSolution();
  });
  $('#lesson-all').addEventListener('click', cb.onPicker);
  let storyFor = null;
  let costFor = null;
  let wasComplete = false;

  /**
   * Redraws the panel.
   * @param {{lesson: ReturnType<typeof readLesson>, goals: any[]|null, goalsError: string|null,
   *   hintsShown: number, traced: boolean, sending?: boolean, embed: boolean, lessons: {id: string, title: string}[],
   *   prices: any, storyKey: any, shown?: boolean, recorded?: boolean}} st  shown: the fix or
   *   the solution was shown; recorded: the learner's completion is recorded; sending: a packet
   *   is playing and its result is not shown yet
   */
  function render(st) {
    const l = st.lesson;
    document.body.classList.toggle('has-lesson', !!l);
    box.classList.toggle('hidden', !l);
    if (!l) {
      storyFor = null;
      costFor = null;
      return;
    }
    const pos = st.lessons.findIndex((x) => x.id === l.id);
    $('#lesson-kicker').textContent = pos >= 0 ? `Lesson ${pos + 1} of ${st.lessons.length}` : 'Lesson (from a file)';
    $('#lesson-title').textContent = l.title;

    // The story and the chart are rebuilt only when the lesson changes (keeps <details> open).
    if (storyFor !== st.storyKey) {
      storyFor = st.storyKey;
      const story = $('#lesson-story');
      clear(story);
      for (const p of paragraphs(l.story)) story.append(h('p', { text: p }));
    }

    const goals = $('#lesson-goals');
    clear(goals);
    const list = st.goals || [];
    if (st.goalsError) goals.append(h('li', { class: 'goal goal-error', text: `The goals cannot be checked: ${st.goalsError}` }));
    list.forEach((g, i) => {
      const met = !!g.met;
      const text = typeof g.text === 'string' ? clip(g.text, 1000) : '';
      const detail = typeof g.detail === 'string' ? clip(g.detail, 1000) : '';
      goals.append(h('li', { class: `goal ${met ? 'met' : 'unmet'}`, title: met || st.traced ? detail : null },
        h('span', { class: 'goal-mark', 'aria-hidden': 'true', text: met ? '✓' : '○' }),
        h('span', { class: 'goal-body' },
          h('span', { class: 'goal-text', text }),
          h('span', { class: 'visually-hidden', text: met ? ' (met)' : ' (not met yet)' }),
          // Before the first packet the detail would give the answer away; it waits for a trace.
          met || st.traced ? h('span', { class: 'goal-detail', text: met ? plain(detail) : `Not yet: ${plain(detail)}` }) : h('span', { class: 'goal-detail', text: 'Not met yet.' }),
          h('button', { type: 'button', class: 'btn btn-small goal-send', text: 'Send this packet ▸', 'aria-label': `Send this packet: ${text}`, onclick: () => cb.onSendGoal(i) }))));
    });
    const complete = list.length > 0 && list.every((g) => g.met) && !st.goalsError;
    box.classList.toggle('is-complete', complete);
    if (complete) confirm.classList.add('hidden');
    $('#lesson-done-head').textContent = st.shown ? '✓ Goals met, with help (the fix or the solution was shown)'
      : st.recorded ? '✓ Lesson complete'
        : '✓ Goals met as the lesson opened: this does not count as completed. Change the network and solve it yourself to count it.';

    const next = $('#lesson-next');
    next.classList.toggle('hidden', complete);
    if (st.sending) next.textContent = 'The packet is on its way: watch where it stops. Back and Next step through it hop by hop.';
    else if (!st.traced) next.textContent = 'Start here: the packet is already set up in the bar above the diagram. Press Send packet ▸ and watch where it stops.';
    else if (st.embed) next.textContent = 'Not there yet. Here you can apply the suggested fix (it counts as done with help), or edit the network yourself in the playground (below).';
    else next.textContent = 'Not there yet: change the network so every goal is ticked (the Route tables and Edit panels on the right), then send the packet again. Stuck? Show a hint.';

    const done = $('#lesson-done');
    done.classList.toggle('hidden', !complete);
    // The learner is usually down in the route tables when the last goal ticks: show it.
    if (complete && !wasComplete) done.scrollIntoView({ block: 'nearest' });
    wasComplete = complete;
    $('#lesson-takeaway').textContent = l.takeaway;
    const nextBox = $('#lesson-next-lesson');
    clear(nextBox);
    const following = pos >= 0 ? st.lessons[pos + 1] : null;
    if (complete && following && !st.embed) {
      nextBox.append(h('button', { type: 'button', class: 'btn btn-primary', text: `Next lesson: ${following.title} ›`, onclick: () => cb.onOpen(following.id) }));
    }

    const hints = $('#lesson-hints');
    clear(hints);
    const shown = Math.min(st.hintsShown, l.hints.length);
    for (let i = 0; i < shown; i++) hints.append(h('li', { text: l.hints[i] }));
    const hintBtn = /** @type {HTMLButtonElement} */ ($('#show-hint'));
    hintBtn.disabled = shown >= l.hints.length;
    hintBtn.textContent = !l.hints.length ? 'No hints' : shown >= l.hints.length ? 'No more hints' : shown ? `Show another hint (${shown + 1} of ${l.hints.length})` : `Show a hint (1 of ${l.hints.length})`;

    const open = /** @type {HTMLAnchorElement} */ ($('#lesson-open'));
    if (pos >= 0) open.href = `index.html?lesson=${encodeURIComponent(l.id)}`;
    /** @type {HTMLElement} */ (open.parentElement).classList.toggle('hidden', pos < 0);

    const costBox = $('#lesson-cost');
    // prices: undefined while data/prices.json is on its way (the box waits, hidden), null
    // when it could not be loaded (the chart says so).
    const waiting = st.prices === undefined;
    const key = l.cost ? `${st.storyKey}|${waiting ? 'wait' : st.prices ? 'p' : '-'}` : null;
    if (costFor !== key) {
      costFor = key;
      clear(costBox);
      if (l.cost && !waiting) {
        costModule ||= import('./cost.js');
        // The chart is drawn only if the panel still shows the same lesson and prices.
        costModule.then((m) => costFor === key && costBox.append(m.costChart(l.cost, st.prices)))
          .catch(() => {
            costModule = null;
            if (costFor === key) costBox.append(h('p', { class: 'muted', text: 'The cost chart could not be loaded.' }));
          });
      }
    }
    costBox.classList.toggle('hidden', !l.cost || waiting);
  }

  return { render };
}
