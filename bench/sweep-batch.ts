/**
 * The batched-sweep measurement of issue 17 (part 2): a σ_w × σ_b sweep (elu, probe loss, metric chi) run on
 * one WebGPU engine twice, in the same process: batched (runSweep, which hands the cells to
 * WebGpuBackend.measureMany) and as separate runs (init + one measured pass per cell, measureCell), with the
 * time of each, their ratio, and the largest difference between the two chi values of a cell (the same numbers
 * up to float32 summation order). Target on a real GPU at the default size (16 × 16, depth 50, width 256,
 * batch 128): batched ≥ 3× faster. For bench/deno-gpu.ts to register as a workload (`sweep`), e.g.
 *   run: async (ctx) => ctx.print(await timeSweepBatch(ctx.backend(), ctx.software ? SMALL : DEFAULT_SIZE))
 */
import type { Backend } from '../src/engine/backend';
import type { Experiment } from '../src/engine/experiment';
import { measureCell, runSweep } from '../src/engine/sweep/run';
import { metricOf } from '../src/engine/sweep/metric';
import type { SweepGrid } from '../src/engine/sweep/types';
import { experimentWith } from '../src/state/schema';
import { sweepGrid } from '../src/state/sweep';

/** The sweep's size: `grid` × `grid` cells of a network of `depth` × `width`, `batch` examples. */
export interface SweepBatchSize {
  readonly grid: number;
  readonly depth: number;
  readonly width: number;
  readonly batch: number;
}

/** The workload: 16 × 16 cells at depth 50, width 256, batch 128. */
export const DEFAULT_SIZE: SweepBatchSize = { grid: 16, depth: 50, width: 256, batch: 128 };

/** The grid: σ_w from 0.5 to 3 (x), σ_b from 0 to 1 (y), elu, probe loss, metric chi. */
export function sweepBatchGrid(size: SweepBatchSize = DEFAULT_SIZE): SweepGrid {
  const main: Experiment = experimentWith({
    act: 'elu',
    loss: 'probe',
    depth: size.depth,
    width: size.width,
    batch: size.batch,
    init: 'custom',
  });
  return sweepGrid(main, {
    x: { key: 'sw', from: 0.5, to: 3, n: size.grid, log: false },
    y: { key: 'sb', from: 0, to: 1, n: size.grid, log: false },
    metric: 'chi',
  });
}

/** What one measurement gives (a JSON line). */
export interface SweepBatchResult {
  readonly workload: 'sweep';
  readonly size: SweepBatchSize;
  readonly cells: number;
  /** runSweep through measureMany, and the cells one by one (init + measured pass each), in milliseconds. */
  readonly batchedMs: number;
  readonly separateMs: number;
  /** separateMs / batchedMs. */
  readonly speedup: number;
  /** Largest |chi batched − chi separate| / |chi separate| over the cells (both finite), and cells compared. */
  readonly maxChiRelDiff: number;
  readonly compared: number;
}

/**
 * Times the sweep batched and cell by cell on `backend` (which must have measureMany to batch; the caller
 * keeps ownership). A warm-up of one small batched and one separate cell first, so neither side pays for
 * compiling its pipelines.
 */
export async function timeSweepBatch(
  backend: Backend,
  size: SweepBatchSize = DEFAULT_SIZE,
): Promise<SweepBatchResult> {
  const grid = sweepBatchGrid(size);
  const cells = grid.cells.flat();
  const warm = sweepBatchGrid({ ...size, grid: 2 });
  await runSweep(backend, warm);
  await measureCell(backend, warm.cells[0][0], 'chi');

  let start = performance.now();
  const batched = await runSweep(backend, grid);
  const batchedMs = performance.now() - start;

  start = performance.now();
  const separate: (number | null)[] = [];
  for (const cell of cells) separate.push(metricOf(await measureCell(backend, cell, 'chi'), 'chi'));
  const separateMs = performance.now() - start;

  let maxChiRelDiff = 0;
  let compared = 0;
  batched.cells.flat().forEach((chi, i) => {
    const ref = separate[i];
    if (chi === null || ref === null || ref === 0) return;
    compared++;
    maxChiRelDiff = Math.max(maxChiRelDiff, Math.abs(chi - ref) / Math.abs(ref));
  });
  return {
    workload: 'sweep',
    size,
    cells: cells.length,
    batchedMs: Math.round(batchedMs),
    separateMs: Math.round(separateMs),
    speedup: +(separateMs / batchedMs).toFixed(2),
    maxChiRelDiff: +maxChiRelDiff.toExponential(2),
    compared,
  };
}
