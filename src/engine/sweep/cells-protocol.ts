/**
 * Messages between a sweep's coordinator (pool.ts) and its cell workers (cell-server.ts): the grid once, then
 * cells by their index in row order, each answered with its value.
 */
import type { BackendKind } from '../backend';
import type { CellValue, SweepGrid } from './types';

/** Coordinator → cell worker. */
export type CellRequest =
  /** The sweep to measure cells of, and the engine kind to measure them on (no kernel threads). */
  | { readonly type: 'grid'; readonly sweep: number; readonly grid: SweepGrid; readonly kind: BackendKind }
  /** Measure cell `index` of the grid's cells in row order. */
  | { readonly type: 'cell'; readonly sweep: number; readonly index: number };

/** Cell worker → coordinator. */
export type CellResponse =
  | { readonly type: 'cell'; readonly sweep: number; readonly index: number; readonly value: CellValue }
  | { readonly type: 'error'; readonly sweep: number; readonly message: string };

/** A cell worker as its environment offers it (a browser Worker, Node's worker_threads). */
export interface CellPort {
  post(request: CellRequest): void;
  /** Every response, and the worker's crash (an Error). */
  listen(onResponse: (response: CellResponse) => void, onCrash: (error: Error) => void): void;
  terminate(): void;
}

/** Starts one cell worker. */
export type SpawnCellWorker = () => CellPort;
