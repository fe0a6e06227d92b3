/**
 * The page's handle on the engine Worker. Each run gets an id; any newer request makes the Worker drop older
 * runs, whose handles then settle as cancelled (`StaleRunError`). Live runs stream updates until stopped.
 */
import type { KernelProfile } from '../engine/backend';
import type { Experiment, ForwardLayerStats, RunResult } from '../engine/experiment';
import type { EngineChoice, RunUpdate, WorkerRequest, WorkerResponse } from '../engine/protocol';

/** The run was superseded or stopped before it finished. */
export class StaleRunError extends Error {
  constructor() {
    super('superseded by a newer run');
  }
}

/** How far the pass under way is: engine work units done of total (StepOptions.onProgress). */
export interface PassProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of one run. */
export interface RunOptions {
  /** Compared runs (`vs`), computed on the same engine beside the experiment. */
  readonly compare?: readonly Experiment[];
  /** Keep training after the measured pass and stream updates (for play). */
  readonly live?: boolean;
  /** Time between two live updates, in ms. */
  readonly reportMs?: number;
  /** Data-set runs: send what the weights make of the data with each update (RunUpdate.task, for the page). */
  readonly views?: boolean;
  /** Called with every update, the first measured pass included. */
  readonly onUpdate?: (update: RunUpdate) => void;
  /**
   * Called during a long run (at most every 250 ms): training steps done of total, and during a pass that
   * takes seconds, how far that pass is (engine work units done of total).
   */
  readonly onProgress?: (done: number, total: number, pass?: PassProgress) => void;
  /** Called with the measured pass's forward statistics, ahead of the update (engines that offer them). */
  readonly onForward?: (
    experiment: Experiment,
    layers: ForwardLayerStats[],
    compare: RunResult[] | undefined,
  ) => void;
}

/** A run in flight. `done` resolves with the final update, or rejects (StaleRunError when stopped). */
export interface RunHandle {
  readonly id: number;
  readonly done: Promise<RunUpdate>;
  /** Stops the run (a live run ends here); `done` rejects with StaleRunError. */
  stop(): void;
}

type Pending = {
  resolve: (u: RunUpdate) => void;
  reject: (e: Error) => void;
  onUpdate?: (u: RunUpdate) => void;
  onProgress?: RunOptions['onProgress'];
  onForward?: RunOptions['onForward'];
};

function newEngineWorker(): Worker {
  return new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'engine' });
}

let prestarted: Worker | null = null;

let markFirstResult: () => void = () => {};
const firstResultPromise = new Promise<void>((resolve) => (markFirstResult = resolve));

/** Resolves when any engine Worker of this page has sent its first result. */
export function firstResult(): Promise<void> {
  return firstResultPromise;
}

/**
 * Creates the page's engine Worker before React renders (main.tsx); the first EngineClient takes it over. A
 * starting Worker needs the page's main thread now and then, and once plotly starts evaluating (~1 s on a
 * slow 2-core machine) the main thread is not free: started early, the engine is running by then.
 */
export function prestartEngineWorker(): void {
  prestarted ??= newEngineWorker();
}

/** Starts the engine Worker and talks to it. */
export class EngineClient {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly profiles = new Map<
    number,
    { resolve: (p: KernelProfile) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;

  constructor() {
    this.worker = this.startWorker();
  }

  /**
   * A Worker that crashed (an uncaught error, out of memory) is replaced by a fresh one: the runs in flight
   * fail with the reason, and the next run starts on the new Worker, so the page stays usable.
   */
  private startWorker(): Worker {
    const worker = prestarted ?? newEngineWorker();
    prestarted = null;
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      this.worker = this.startWorker();
      this.failAll(`The engine worker crashed (${event.message || 'unknown error'}); it was restarted`);
    };
    return worker;
  }

  /** Starts a run; older runs still in flight are cancelled. */
  start(experiment: Experiment, backend: EngineChoice, options: RunOptions = {}): RunHandle {
    const id = this.nextId++;
    const request: WorkerRequest = {
      type: 'run',
      id,
      experiment,
      compare: options.compare ?? [],
      backend,
      live: options.live ?? false,
      reportMs: options.reportMs ?? 100,
      views: options.views ?? false,
    };
    const done = new Promise<RunUpdate>((resolve, reject) => {
      const { onUpdate, onProgress, onForward } = options;
      this.pending.set(id, { resolve, reject, onUpdate, onProgress, onForward });
    });
    done.catch(() => {}); // callers that only use onUpdate need not handle a stop
    this.worker.postMessage(request);
    return { id, done, stop: () => this.cancel(id) };
  }

  /** One run (and its compared runs) to its final measured pass. */
  run(
    experiment: Experiment,
    backend: EngineChoice,
    compare: readonly Experiment[] = [],
  ): Promise<RunUpdate> {
    return this.start(experiment, backend, { compare }).done;
  }

  /** Stops the Worker; pending runs reject. */
  dispose(): void {
    this.worker.terminate();
    this.failAll('The engine was stopped.');
  }

  private cancel(id: number): void {
    if (!this.pending.has(id)) return;
    const request: WorkerRequest = { type: 'cancel', id: this.nextId++ };
    this.worker.postMessage(request);
  }

  /** Per-kernel device times of one pass on the engine of `backend` (WebGPU only); does not cancel runs. */
  profile(backend: EngineChoice): Promise<KernelProfile> {
    const id = this.nextId++;
    return new Promise<KernelProfile>((resolve, reject) => {
      this.profiles.set(id, { resolve, reject });
      const request: WorkerRequest = { type: 'profile', id, backend };
      this.worker.postMessage(request);
    });
  }

  private settle(message: WorkerResponse): void {
    const profile = this.profiles.get(message.id);
    if (profile) {
      this.profiles.delete(message.id);
      if (message.type === 'profile') profile.resolve(message.profile);
      else profile.reject(new Error(message.type === 'error' ? message.message : 'no profile'));
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting || message.type === 'profile') return;
    if (message.type === 'progress') {
      waiting.onProgress?.(message.done, message.total, message.pass);
      return;
    }
    if (message.type === 'forward') {
      waiting.onForward?.(message.experiment, message.layers, message.compare);
      return;
    }
    if (message.type === 'result') {
      markFirstResult();
      const { type: _type, id: _id, ...update } = message;
      waiting.onUpdate?.(update);
      if (!update.final) return;
      this.pending.delete(message.id);
      waiting.resolve(update);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'cancelled') waiting.reject(new StaleRunError());
    else waiting.reject(new Error(message.message));
  }

  private failAll(reason: string): void {
    for (const waiting of [...this.pending.values(), ...this.profiles.values()])
      waiting.reject(new Error(reason));
    this.pending.clear();
    this.profiles.clear();
  }
}
