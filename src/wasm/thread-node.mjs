// A kernel thread in Node: registers tsx's loader in this worker_threads thread, then runs the TypeScript
// entry (thread-node-main.ts). Plain JavaScript, so it starts in any Node process (tsx, vitest, node).
import { register } from 'tsx/esm/api';

register();
await import('./thread-node-main.ts');
