/**
 * The typed messages between the page and the sweep Worker (src/engine/sweep-worker.ts), a Worker of its own so
 * that a sweep and the page's main run do not cancel each other. Cells travel in small batches.
 */
import type { EngineChoice, EngineInfo } from '../protocol';
import type { SweepCell, SweepGrid } from './types';

export type { SweepCell } from './types';

/** Page → sweep Worker. A newer sweep cancels an older one still running. */
export type SweepRequest =
  | { readonly type: 'sweep'; readonly id: number; readonly grid: SweepGrid; readonly backend: EngineChoice }
  | { readonly type: 'cancel'; readonly id: number };

/** Sweep Worker → page. */
export type SweepResponse =
  | { readonly type: 'engine'; readonly id: number; readonly engine: EngineInfo }
  | { readonly type: 'cells'; readonly id: number; readonly cells: readonly SweepCell[] }
  | { readonly type: 'done'; readonly id: number; readonly ms: number }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
