/**
 * The engine's Web Worker (a module worker, started by engine.js): loading big files, tracing
 * and editing run here, so the page keeps drawing and answering input meanwhile. The first
 * request is {op: 'init', args: [the compiled WebAssembly.Module]}; each request gets one
 * answer, in order (engine-core.js says their shape).
 */

import { answer } from './engine-core.js';

/**
 * The buffers an answer hands over rather than copies: a matrix's cell numbers (a Uint32Array
 * of a few MB at 600 x 600 groups, engine.js's MatrixResult), moved to the page at no cost.
 * The worker keeps no reference to them.
 */
function transfers(res) {
  const cells = res.ok && res.value ? res.value.cells : null;
  return cells instanceof Uint32Array ? [cells.buffer] : [];
}

self.addEventListener('message', async (event) => {
  const res = await answer(event.data);
  try {
    self.postMessage(res, transfers(res));
  } catch (e) {
    // A value that cannot be cloned is still an answer: the page's promise must not hang.
    self.postMessage({ id: res.id, ok: false, error: { message: `the engine's answer could not be sent to the page: ${e && e.message ? e.message : e}` } });
  }
});
