/** Kernel threads in the browser: module Workers started from the engine Worker (thread.ts). */
import type { SpawnThread } from './threads';

export const spawnBrowserThread: SpawnThread = () => {
  const worker = new Worker(new URL('./thread.ts', import.meta.url), { type: 'module', name: 'wasm-thread' });
  return {
    post: (start) => worker.postMessage(start),
    onReady: (ready, failed) => {
      worker.onmessage = () => ready();
      worker.onerror = (e) => failed(new Error(e.message || 'the thread script did not load'));
    },
    terminate: () => worker.terminate(),
  };
};

/**
 * Kernel threads worth starting here: one per core beyond the engine's own, at most 3 (the page's own thread
 * draws the charts), and none unless the page is cross-origin isolated (SharedArrayBuffer) and can start
 * Workers.
 */
export function browserThreadCount(): number {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: Navigator; Worker?: unknown };
  if (g.crossOriginIsolated !== true || typeof g.Worker !== 'function') return 0;
  const cores = g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(3, cores - 1));
}
