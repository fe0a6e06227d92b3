/**
 * A sweep's cells spread over worker threads: each cell worker holds a single-threaded engine and measures
 * whole cells, so cells run side by side with no barrier between them (an engine's kernel threads instead
 * meet after every product, which costs more than it saves on a small network). The coordinator hands cells
 * out in row order, two in flight per worker, so the first row fills first and no worker waits for work.
 */
import type { Backend, BackendKind } from '../backend';
import { MEMORY_LIMIT, checkpointPlan, flopsPerStep } from '../budget';
import { runSweep, type SweepOptions, type SweepRun } from './run';
import type { CellPort, CellResponse, SpawnCellWorker } from './cells-protocol';
import type { CellValue, SweepGrid } from './types';

/** Cells handed to a worker before it has answered: one to measure, one waiting, so it never idles. */
const IN_FLIGHT = 2;
/** How often a running sweep looks at `stopped` between answers, in ms. */
const STOP_POLL_MS = 50;

interface PoolWorker {
  readonly port: CellPort;
  /** Cells handed to this worker and not answered yet. */
  busy: number;
  onResponse: (response: CellResponse) => void;
  onCrash: (error: Error) => void;
}

/** Worker threads kept between sweeps (starting one and compiling its engine takes a while). */
export class CellPool {
  private readonly workers: PoolWorker[] = [];
  private sweeps = 0;

  constructor(
    private readonly spawn: SpawnCellWorker,
    /** How many workers to run: one per core is the point. */
    readonly size: number,
  ) {}

  /** Measures every cell of `grid` on engines of `kind`, one per worker; stops as `options.stopped` says. */
  async run(grid: SweepGrid, kind: BackendKind, options: SweepOptions = {}): Promise<SweepRun> {
    const start = performance.now();
    const sweep = ++this.sweeps;
    const columns = grid.x.values.length;
    const total = grid.cells.length * columns;
    const cells = grid.cells.map((row) => row.map((): CellValue => null));
    const workers = this.start(Math.min(this.size, total));
    let next = 0;
    let answered = 0;
    let chain = Promise.resolve();
    const outcome = await new Promise<'complete' | 'stopped' | Error>((resolve) => {
      let settled = false;
      // A stop is seen within STOP_POLL_MS even while every worker is inside a long cell.
      const poll = setInterval(() => options.stopped?.() && finish('stopped'), STOP_POLL_MS);
      const finish = (how: 'complete' | 'stopped' | Error) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        resolve(how);
      };
      const feed = (w: PoolWorker) => {
        while (w.busy < IN_FLIGHT && next < total && !options.stopped?.()) {
          w.busy++;
          w.port.post({ type: 'cell', sweep, index: next++ });
        }
      };
      for (const w of workers) {
        w.onResponse = (response) => {
          if (response.sweep !== sweep) return;
          if (response.type === 'error') return finish(new Error(response.message));
          w.busy--;
          answered++;
          const row = Math.floor(response.index / columns);
          const column = response.index % columns;
          cells[row][column] = response.value;
          // Cells reach the caller one at a time, in the order they came, each awaited.
          chain = chain.then(() => options.onCell?.({ row, column, value: response.value }));
          void chain.then(() => {
            if (answered === total) finish('complete');
            else if (options.stopped?.()) finish('stopped');
            else feed(w);
          });
        };
        w.onCrash = (error) => finish(error);
        w.port.post({ type: 'grid', sweep, grid, kind });
        feed(w);
      }
      if (total === 0) finish('complete');
    });
    // Workers still measuring a cell of this sweep are stopped (a cell may take seconds) and replaced later.
    for (const w of workers) if (w.busy > 0) this.drop(w);
    if (outcome instanceof Error) throw outcome;
    await chain;
    return { cells, ms: performance.now() - start, complete: outcome === 'complete' };
  }

  /** Stops every worker. */
  dispose(): void {
    for (const w of [...this.workers]) this.drop(w);
  }

  /** `count` workers, started where there are fewer. */
  private start(count: number): PoolWorker[] {
    while (this.workers.length < count) {
      const port = this.spawn();
      const worker: PoolWorker = { port, busy: 0, onResponse: () => {}, onCrash: () => {} };
      port.listen(
        (response) => worker.onResponse(response),
        (error) => {
          this.drop(worker);
          worker.onCrash(error);
        },
      );
      this.workers.push(worker);
    }
    return this.workers.slice(0, count);
  }

  private drop(worker: PoolWorker): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
    worker.port.terminate();
  }
}

/**
 * Runs a sweep where it runs best: on a CPU engine, its cells spread over the pool's workers when there are
 * two or more of both, a cell per worker fits the engine's memory budget, and the sweep's work (`minFlops`
 * and up: starting workers costs ~0.1 s in a page, ~1 s in Node through tsx) pays for it; on WebGPU (or
 * without a pool), on the chosen engine, which batches cells.
 */
export function sweepOn(
  engine: { readonly kind: BackendKind; readonly backend: Backend },
  grid: SweepGrid,
  pool: CellPool | null,
  options: SweepOptions & { readonly minFlops?: number } = {},
): Promise<SweepRun> {
  const experiments = grid.cells.flat();
  const work = experiments.reduce((sum, e) => sum + flopsPerStep(e) * (e.steps + 1), 0);
  // Every worker holds a cell at once: the pool only where that many fit beside each other.
  const biggest = Math.max(...experiments.map((e) => checkpointPlan(engine.kind, e)?.bytes ?? Infinity));
  const pooled =
    pool &&
    pool.size > 1 &&
    experiments.length > 1 &&
    engine.kind !== 'webgpu' &&
    biggest * pool.size <= MEMORY_LIMIT[engine.kind];
  if (pooled && work >= (options.minFlops ?? 0)) return pool.run(grid, engine.kind, options);
  return runSweep(engine.backend, grid, options);
}
