/**
 * A cell worker's side of a pooled sweep: holds one engine of the asked kind, single-threaded (the pool's
 * workers are the threads), and measures the cells it is handed in the order they come.
 */
import type { Backend, BackendKind } from '../backend';
import { errorMessage } from '../create-backend';
import { metricOf } from './metric';
import { measureCell } from './run';
import type { CellRequest, CellResponse } from './cells-protocol';
import type { SweepGrid } from './types';

/** The engines a cell worker can hold: the CPU ones (WebGPU batches its cells in one engine instead). */
async function createEngine(kind: BackendKind): Promise<Backend> {
  if (kind === 'wasm') {
    const { WasmBackend } = await import('../../wasm/backend');
    return new WasmBackend();
  }
  if (kind === 'reference') {
    const { ReferenceBackend } = await import('../reference/backend');
    return new ReferenceBackend();
  }
  throw new Error(`a cell worker cannot run the ${kind} engine`);
}

/**
 * Serves one coordinator: `post` sends a response, and the returned function takes each request. Requests are
 * handled one after another (a cell is measured whole before the next request is read).
 */
export function serveCells(post: (response: CellResponse) => void): (request: CellRequest) => void {
  let engine: { kind: BackendKind; backend: Promise<Backend> } | null = null;
  let current: { sweep: number; grid: SweepGrid } | null = null;
  let queue = Promise.resolve();
  const handle = async (request: CellRequest) => {
    if (request.type === 'grid') {
      current = { sweep: request.sweep, grid: request.grid };
      if (engine?.kind !== request.kind) {
        engine?.backend.then((b) => b.dispose()).catch(() => {});
        engine = { kind: request.kind, backend: createEngine(request.kind) };
      }
      return;
    }
    if (!current || !engine || current.sweep !== request.sweep) return;
    const { grid } = current;
    try {
      const columns = grid.x.values.length;
      const experiment = grid.cells[Math.floor(request.index / columns)][request.index % columns];
      const result = await measureCell(await engine.backend, experiment, grid.metric);
      post({
        type: 'cell',
        sweep: request.sweep,
        index: request.index,
        value: metricOf(result, grid.metric),
      });
    } catch (error) {
      post({ type: 'error', sweep: request.sweep, message: errorMessage(error) });
    }
  };
  return (request) => {
    queue = queue.then(() => handle(request));
  };
}
