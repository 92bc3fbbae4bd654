/**
 * The engine's Web Worker (a module worker, started by engine.js): loading big files, tracing
 * and editing run here, so the page keeps drawing and answering input meanwhile. The first
 * request is {op: 'init', args: [the compiled WebAssembly.Module]}; each request gets one
 * answer, in order (engine-core.js says their shape).
 */

import { answer } from './engine-core.js';

self.addEventListener('message', async (event) => {
  const res = await answer(event.data);
  try {
    self.postMessage(res);
  } catch (e) {
    // A value that cannot be cloned is still an answer: the page's promise must not hang.
    self.postMessage({ id: res.id, ok: false, error: { message: `the engine's answer could not be sent to the page: ${e && e.message ? e.message : e}` } });
  }
});
