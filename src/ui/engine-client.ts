/**
 * The page's handle on the engine Worker: `run()` returns a promise per request; a newer request makes the
 * Worker drop older ones, whose promises reject with `StaleRunError`.
 */
import type { Experiment, RunResult } from '../engine/experiment';
import type { EngineChoice, EngineInfo, WorkerRequest, WorkerResponse } from '../engine/protocol';

/** The run was superseded by a newer one before it finished. */
export class StaleRunError extends Error {
  constructor() {
    super('superseded by a newer run');
  }
}

/** A finished run and the engine that produced it. */
export interface EngineRun {
  readonly result: RunResult;
  readonly engine: EngineInfo;
}

type Pending = { resolve: (run: EngineRun) => void; reject: (error: Error) => void };

/** Starts the engine Worker and talks to it. */
export class EngineClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../engine/worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.settle(event.data);
    this.worker.onerror = (event) =>
      this.failAll(`The engine worker crashed: ${event.message || 'unknown error'}`);
  }

  /** Runs an experiment in the Worker. Older runs still in flight are cancelled. */
  run(experiment: Experiment, backend: EngineChoice): Promise<EngineRun> {
    const id = this.nextId++;
    const request: WorkerRequest = { type: 'run', id, experiment, backend };
    return new Promise<EngineRun>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  /** Stops the Worker; pending runs reject. */
  dispose(): void {
    this.worker.terminate();
    this.failAll('The engine was stopped.');
  }

  private settle(message: WorkerResponse): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'result') waiting.resolve({ result: message.result, engine: message.engine });
    else if (message.type === 'cancelled') waiting.reject(new StaleRunError());
    else waiting.reject(new Error(message.message));
  }

  private failAll(reason: string): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }
}
