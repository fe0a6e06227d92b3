/**
 * Kernel threads in Node: worker_threads running thread-node-main.ts through tsx (thread-node.mjs registers it) (the CLI, the bench and the tests
 * run TypeScript through tsx or vitest, so the thread's source needs the same loader).
 */
import { Worker } from 'node:worker_threads';
import type { SpawnThread } from './threads';

export const spawnNodeThread: SpawnThread = () => {
  const worker = new Worker(new URL('./thread-node.mjs', import.meta.url));
  // A thread never keeps the process alive on its own (dispose() ends it; an exiting process ends it too).
  worker.unref();
  return {
    post: (start) => worker.postMessage(start),
    onReady: (ready, failed) => {
      worker.once('message', () => ready());
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`the thread exited (code ${code})`)));
    },
    terminate: () => void worker.terminate(),
  };
};
