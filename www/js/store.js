/**
 * The one place page state changes. A plain object, replaced field by field with `set`;
 * subscribers hear which fields changed and redraw only what depends on them.
 */

/**
 * @template T
 * @param {T} initial
 * @returns {{get: () => T, set: (patch: Partial<T>) => void,
 *   subscribe: (fn: (state: T, changed: Set<string>) => void) => () => void}}
 */
export function createStore(initial) {
  let state = { ...initial };
  const subs = new Set();
  return {
    get: () => state,
    set(patch) {
      const changed = new Set();
      for (const [k, v] of Object.entries(patch)) if (state[k] !== v) changed.add(k);
      if (!changed.size) return;
      state = { ...state, ...patch };
      for (const fn of subs) fn(state, changed);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
