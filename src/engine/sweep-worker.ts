/**
 * The sweep Worker: runs a sweep's cells off the UI thread and streams them back in batches (the first cell at
 * once, then at most every CELLS_MS), so the page fills its heatmap row by row. On a CPU engine the cells are
 * spread over cell workers, one per core (sweep/pool.ts); on WebGPU they run batched in this Worker's engine.
 * It keeps its engines and workers between sweeps, and a newer request (another sweep, or a cancel) stops the
 * running sweep at once.
 */
/// <reference lib="webworker" />
import { EngineRefusal, chooseEngine } from './choose-engine';
import { EngineSelections, errorMessage, type BackendSelection } from './create-backend';
import { ENGINE_LOADERS } from './engines';
import type { EngineChoice } from './protocol';
import { nextTask } from './next-task';
import type { SweepCell, SweepRequest, SweepResponse } from './sweep/protocol';
import { CellPool, sweepOn } from './sweep/pool';
import { browserCellWorkerCount, spawnBrowserCellWorker } from './sweep/spawn-browser';
import { installWasmDraws } from '../wasm/draws';

installWasmDraws();

/** Least time between two messages of cells, in ms. */
const CELLS_MS = 100;
/** Longest time the Worker computes without letting a message (a cancel) in, in ms. */
const YIELD_MS = 40;

/** Work below which a sweep runs on this Worker's own engine (starting cell workers costs ~0.1 s). */
const POOL_FLOPS = 2e9;

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** One cell worker per core for CPU engines (cells side by side); WebGPU batches cells in its own engine. */
const pool =
  browserCellWorkerCount() > 1 ? new CellPool(spawnBrowserCellWorker, browserCellWorkerCount()) : null;
const selections = new EngineSelections(() => ENGINE_LOADERS);
let latest = 0;

scope.onmessage = (event: MessageEvent<SweepRequest>) => {
  const request = event.data;
  latest = Math.max(latest, request.id);
  if (request.type === 'sweep') void handleSweep(request);
};

async function handleSweep(request: Extract<SweepRequest, { type: 'sweep' }>): Promise<void> {
  const { id, grid } = request;
  const stopped = () => latest > id;
  try {
    const { selection, engine } = await chooseEngine(
      { choice: request.backend, experiments: grid.cells.flat(), holding: 'one-by-one', members: 'cells' },
      selectionFor,
    );
    post({ type: 'engine', id, engine });
    let batch: SweepCell[] = [];
    let posted = -Infinity;
    let yielded = performance.now();
    const flush = () => {
      if (batch.length > 0) post({ type: 'cells', id, cells: batch });
      batch = [];
      posted = performance.now();
    };
    const run = await sweepOn(selection, grid, pool, {
      minFlops: POOL_FLOPS,
      stopped,
      onCell: async ({ row, column, value }) => {
        batch.push({ row, column, value });
        const now = performance.now();
        if (now - posted >= CELLS_MS) flush();
        if (now - yielded >= YIELD_MS) {
          await nextTask(); // lets a cancel or a newer sweep in
          yielded = performance.now();
        }
      },
    });
    flush();
    post(run.complete ? { type: 'done', id, ms: run.ms } : { type: 'cancelled', id });
  } catch (error) {
    if (stopped()) return post({ type: 'cancelled', id });
    const message = error instanceof EngineRefusal ? error.message : errorMessage(error);
    post({ type: 'error', id, message });
  }
}

function selectionFor(choice: EngineChoice): Promise<BackendSelection> {
  return selections.get(choice);
}

function post(message: SweepResponse): void {
  scope.postMessage(message);
}
