/** A kernel thread in the browser: a module Worker started by the engine Worker (engines.ts). */
/// <reference lib="webworker" />
import { serveThread, type ThreadStart } from './thread-loop';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<ThreadStart>) => {
  void serveThread(event.data, () => scope.postMessage('ready'));
};
