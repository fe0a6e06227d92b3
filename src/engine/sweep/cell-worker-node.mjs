// A sweep's cell worker in Node: registers tsx's loader in this worker_threads thread, then runs the
// TypeScript entry (cell-worker-node-main.ts). Plain JavaScript, so it starts in any Node process.
import { register } from 'tsx/esm/api';

register();
await import('./cell-worker-node-main.ts');
