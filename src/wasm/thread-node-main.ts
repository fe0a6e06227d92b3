/** A kernel thread in Node (worker_threads, run through tsx): for the CLI's bench, and the tests. */
import { parentPort } from 'node:worker_threads';
import { serveThread, type ThreadStart } from './thread-loop';

parentPort?.once('message', (start: ThreadStart) => {
  void serveThread(start, () => parentPort?.postMessage('ready'));
});
