/**
 * The page's handle on the sweep Worker (src/engine/sweep-worker.ts): start a sweep, hear its cells as they
 * finish, stop it. A newer sweep cancels the older one, whose `done` then rejects with StaleRunError. The
 * Worker starts with the first sweep, so a page that never sweeps never loads it.
 */
import type { EngineChoice, EngineInfo } from '../engine/protocol';
import type { SweepCell, SweepRequest, SweepResponse } from '../engine/sweep/protocol';
import type { SweepGrid } from '../engine/sweep/types';
import { StaleRunError } from './engine-client';

export type { SweepCell } from '../engine/sweep/protocol';

/** What the page hears while a sweep runs. */
export interface SweepHandlers {
  /** Which engine runs the sweep, and why. */
  onEngine?(engine: EngineInfo): void;
  /** Cells as they finish, in batches (the first at once, then at most every ~100 ms). */
  onCells(cells: readonly SweepCell[]): void;
}

/** A sweep in flight: `done` resolves when every cell is measured (ms: the Worker's time for the cells). */
export interface SweepHandle {
  readonly done: Promise<{ readonly ms: number; readonly complete: boolean }>;
  stop(): void;
}

interface Pending {
  readonly handlers: SweepHandlers;
  resolve(result: { ms: number; complete: boolean }): void;
  reject(error: Error): void;
}

/** Starts the sweep Worker on first use and talks to it. */
export class SweepClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Starts a sweep of `grid` on `backend`; an older sweep still running is cancelled. */
  start(grid: SweepGrid, backend: EngineChoice, handlers: SweepHandlers): SweepHandle {
    const id = this.nextId++;
    const done = new Promise<{ ms: number; complete: boolean }>((resolve, reject) =>
      this.pending.set(id, { handlers, resolve, reject }),
    );
    done.catch(() => {}); // a caller that only listens to cells need not handle a stop
    this.post({ type: 'sweep', id, grid, backend });
    return { done, stop: () => this.pending.has(id) && this.post({ type: 'cancel', id: this.nextId++ }) };
  }

  /** Stops the Worker; sweeps in flight reject. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('The sweep engine was stopped.');
  }

  private post(request: SweepRequest): void {
    this.worker ??= this.startWorker();
    this.worker.postMessage(request);
  }

  /** A crashed Worker (out of memory) fails the sweeps in flight; the next sweep starts a fresh one. */
  private startWorker(): Worker {
    const worker = new Worker(new URL('../engine/sweep-worker.ts', import.meta.url), {
      type: 'module',
      name: 'sweep',
    });
    worker.onmessage = (event: MessageEvent<SweepResponse>) => this.settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      this.worker = null;
      this.failAll(`The sweep worker crashed (${event.message || 'unknown error'}); it will restart`);
    };
    return worker;
  }

  private settle(message: SweepResponse): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    switch (message.type) {
      case 'engine':
        return waiting.handlers.onEngine?.(message.engine);
      case 'cells':
        return waiting.handlers.onCells(message.cells);
      case 'done':
        this.pending.delete(message.id);
        return waiting.resolve({ ms: message.ms, complete: true });
      case 'cancelled':
        this.pending.delete(message.id);
        return waiting.reject(new StaleRunError());
      case 'error':
        this.pending.delete(message.id);
        return waiting.reject(new Error(message.message));
    }
  }

  private failAll(reason: string): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(reason));
    this.pending.clear();
  }
}
