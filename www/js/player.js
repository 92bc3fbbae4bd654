/**
 * The animation player: walks the frames over time, request then reply. The current hop goes
 * through the store (so the event list and the diagram agree); the dot's in-between positions
 * go straight to the diagram. With prefers-reduced-motion the dot jumps from hop to hop.
 */

import { between, hopDuration } from './animate.js';

/**
 * @param {{store: any, diagram: any}} deps the store holds `frames`, `frame`, `playing`, `speed`,
 *   and `revealed`: the result may show (the last hop reached, or the learner stepped)
 */
export function createPlayer({ store, diagram }) {
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  const reduced = () => !!(mq && mq.matches);
  let raf = 0;
  let last = 0;
  let elapsed = 0;

  function place(i, t) {
    const { frames } = store.get();
    if (!frames.length || i < 0) {
      diagram.movePacket(null);
      return;
    }
    const f = frames[i];
    const p = t > 0 && !reduced() && i + 1 < frames.length && frames[i + 1].leg === f.leg ? between(frames, i, t) : f;
    diagram.movePacket({ x: p.x, y: p.y, leg: f.leg, drop: f.drop && t === 0, box: p === f ? f.box : null });
  }

  function tick(now) {
    const st = store.get();
    if (!st.playing) return;
    const dt = last ? now - last : 0;
    last = now;
    elapsed += dt;
    const dur = hopDuration(st.speed);
    const t = elapsed / dur;
    if (t >= 1) {
      elapsed = 0;
      if (st.frame + 1 >= st.frames.length) {
        store.set({ playing: false });
        return;
      }
      store.set({ frame: st.frame + 1, revealed: st.revealed || st.frame + 2 >= st.frames.length });
      place(st.frame + 1, 0);
      if (st.frame + 2 >= st.frames.length) {
        store.set({ playing: false });
        return;
      }
    } else if (t > 0.35) {
      place(st.frame, (t - 0.35) / 0.65);
    }
    raf = requestAnimationFrame(tick);
  }

  /** Starts playing (from the start when at the end). */
  function play() {
    const st = store.get();
    if (!st.frames.length) return;
    if (st.frame < 0 || st.frame >= st.frames.length - 1) {
      store.set({ frame: 0 });
      place(0, 0);
    }
    if (store.get().frames.length < 2) return;
    elapsed = 0;
    last = 0;
    store.set({ playing: true });
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(tick);
  }

  /** Pauses where the packet is. */
  function pause() {
    cancelAnimationFrame(raf);
    store.set({ playing: false });
    place(store.get().frame, 0);
  }

  /** Play or pause. */
  function toggle() {
    if (store.get().playing) pause();
    else play();
  }

  /**
   * Jumps to a hop (clamped), pausing.
   * @param {number} i
   */
  function seek(i) {
    cancelAnimationFrame(raf);
    const { frames } = store.get();
    const j = frames.length ? Math.max(0, Math.min(frames.length - 1, i)) : -1;
    store.set({ playing: false, frame: j, revealed: true });
    place(j, 0);
  }

  /** One hop forward (+1) or back (-1). */
  function step(d) {
    seek(store.get().frame + d);
  }

  /** Shows the packet at the current hop (after a redraw). */
  function refresh() {
    place(store.get().frame, 0);
  }

  return { play, pause, toggle, seek, step, refresh, reduced };
}
