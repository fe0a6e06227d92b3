/** Cell workers in Node: worker_threads running cell-worker-node-main.ts through tsx (cell-worker-node.mjs). */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SpawnCellWorker } from './cells-protocol';

export const spawnNodeCellWorker: SpawnCellWorker = () => {
  const worker = new Worker(new URL('./cell-worker-node.mjs', import.meta.url));
  worker.unref(); // never keeps the process alive on its own
  return {
    post: (request) => worker.postMessage(request),
    listen: (onResponse, onCrash) => {
      worker.on('message', onResponse);
      worker.once('error', onCrash);
    },
    terminate: () => void worker.terminate(),
  };
};

/** Cell workers worth starting here: one per core, at most 4. */
export function nodeCellWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
