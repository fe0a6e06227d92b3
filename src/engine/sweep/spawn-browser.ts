/** Cell workers in the browser: module Workers (src/engine/sweep-cell-worker.ts), started by the sweep Worker. */
import type { SpawnCellWorker } from './cells-protocol';

export const spawnBrowserCellWorker: SpawnCellWorker = () => {
  const worker = new Worker(new URL('../sweep-cell-worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweep-cells',
  });
  return {
    post: (request) => worker.postMessage(request),
    listen: (onResponse, onCrash) => {
      worker.onmessage = (event) => onResponse(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onCrash(new Error(`a sweep worker crashed (${event.message || 'unknown error'})`));
      };
    },
    terminate: () => worker.terminate(),
  };
};

/** Cell workers worth starting: one per core, at most 4, none where Workers cannot start. */
export function browserCellWorkerCount(): number {
  const g = globalThis as { navigator?: Navigator; Worker?: unknown };
  if (typeof g.Worker !== 'function') return 0;
  return Math.max(1, Math.min(4, g.navigator?.hardwareConcurrency ?? 1));
}
