/**
 * `npm run bench -- sweep [--quick] [--rounds=N]`: a sweep's cells run as one sweep against the same cells as
 * separate runExperiment calls on the same engine kind, in the same process (issue 17). The sweep: 16 × 16 σ_w ×
 * σ_b (sw 0.5..2.5, sb 0..1) at depth 50, width 256, batch 128, ELU, probe loss, metric chi (signal propagation
 * and probe gradients); `--quick`: 4 × 4. Engines:
 *   wasm  as a sweep: sweep/pool.ts, one cell worker per core (single-threaded engines, whole cells side by
 *         side; the χ metric skips ∂W); separately: one engine with kernel threads (one per core beyond its
 *         own), runExperiment per cell (a full measured pass, as `loz run` of the cell's link).
 * WebGPU's sweep runs in Deno (`npm run bench -- deno sweep`, bench/deno-gpu.ts). Prints JSON lines:
 *   { "sweep", "engine", "mode": "sweep" | "separate", "cells", "ms", "cellsPerSecond", "firstRowMs", "cpuMs",
 *     "workers" | "threads", "round" }
 *   { "sweep", "engine", "speedup" (separate ms / sweep ms, best round of each), "target", "met",
 *     "maxRelDiff" (largest relative difference of a cell's χ between the two), "load" }
 * Rounds alternate the order (sweep first, then separate first), so load from other processes on this shared
 * machine falls on both alike; the best round of each mode is compared.
 */
import { cpus, loadavg } from 'node:os';
import { runExperiment } from '../src/engine/backend';
import { metricOf } from '../src/engine/sweep/metric';
import { CellPool } from '../src/engine/sweep/pool';
import { spawnNodeCellWorker } from '../src/engine/sweep/spawn-node';
import type { CellValue, SweepGrid } from '../src/engine/sweep/types';
import { parse, sweepGrid } from '../src/state';
import { WasmBackend } from '../src/wasm/backend';
import { installWasmDraws } from '../src/wasm/draws';
import { spawnNodeThread } from '../src/wasm/spawn-node';

/** The sweep, and a small one for a quick look. */
export function benchSweepQuery(quick: boolean): string {
  const n = quick ? 4 : 16;
  return `act=elu&depth=50&width=256&batch=128&loss=probe&sx=sw:0.5:2.5:${n}&sy=sb:0:1:${n}&metric=chi`;
}

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
  readonly firstRowMs: number;
  readonly cells: CellValue[][];
}

async function timed(
  run: (onCell: (row: number) => void) => Promise<CellValue[][]>,
  columns: number,
): Promise<Timed> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let firstRowMs = NaN;
  let firstRowCells = 0;
  const cells = await run((row) => {
    if (row === 0 && ++firstRowCells === columns) firstRowMs = performance.now() - start;
  });
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, firstRowMs, cells };
}

/** Every cell through the pool (the sweep) on `workers` cell workers. */
async function asSweep(grid: SweepGrid, pool: CellPool): Promise<Timed> {
  return timed(
    async (onCell) => (await pool.run(grid, 'wasm', { onCell: ({ row }) => onCell(row) })).cells,
    grid.x.values.length,
  );
}

/** Every cell as its own runExperiment on one engine with kernel threads, in row order. */
async function separately(grid: SweepGrid, backend: WasmBackend): Promise<Timed> {
  return timed(async (onCell) => {
    const out: CellValue[][] = [];
    for (const [r, row] of grid.cells.entries()) {
      out.push([]);
      for (const e of row) {
        out[r].push(metricOf(await runExperiment(backend, e), grid.metric));
        onCell(r);
      }
    }
    return out;
  }, grid.x.values.length);
}

function maxRelDiff(a: CellValue[][], b: CellValue[][]): number {
  let worst = 0;
  a.forEach((row, r) =>
    row.forEach((x, c) => {
      const y = b[r][c];
      if (x === null || y === null) worst = x === y ? worst : Infinity;
      else worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(y), 1e-30));
    }),
  );
  return worst;
}

/** Runs the bench and prints its lines. */
export async function runSweepBench(args: readonly string[], print: (o: unknown) => void): Promise<void> {
  installWasmDraws();
  const quick = args.includes('--quick');
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 2);
  const query = benchSweepQuery(quick);
  const r = parse(query);
  const grid = sweepGrid(r.experiment, r.sweep!);
  const cells = grid.cells.flat().length;
  const workers = Math.max(1, Math.min(4, cpus().length));
  const threads = Math.max(0, Math.min(3, cpus().length - 1));
  const pool = new CellPool(spawnNodeCellWorker, workers);
  const backend = new WasmBackend(threads > 0 ? { threads: { count: threads, spawn: spawnNodeThread } } : {});
  const best = { sweep: Infinity, separate: Infinity };
  const results: Partial<Record<'sweep' | 'separate', CellValue[][]>> = {};
  try {
    // Warm-up: start the workers and compile the engines outside the timing.
    await pool.run(sweepGrid(r.experiment, { ...r.sweep!, x: { ...r.sweep!.x, n: 2 }, y: null }), 'wasm');
    await runExperiment(backend, grid.cells[0][0]);
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? (['sweep', 'separate'] as const) : (['separate', 'sweep'] as const);
      for (const mode of order) {
        const t = mode === 'sweep' ? await asSweep(grid, pool) : await separately(grid, backend);
        results[mode] = t.cells;
        best[mode] = Math.min(best[mode], t.ms);
        print({
          sweep: query,
          engine: 'wasm',
          mode,
          cells,
          ms: Math.round(t.ms),
          cellsPerSecond: Number(((1000 * cells) / t.ms).toFixed(2)),
          firstRowMs: Math.round(t.firstRowMs),
          cpuMs: Math.round(t.cpuMs),
          ...(mode === 'sweep' ? { workers } : { threads: 1 + threads }),
          round,
        });
      }
    }
  } finally {
    pool.dispose();
    backend.dispose();
  }
  const speedup = best.separate / best.sweep;
  print({
    sweep: query,
    engine: 'wasm',
    speedup: Number(speedup.toFixed(2)),
    target: 1.5,
    met: speedup >= 1.5,
    maxRelDiff: Number(maxRelDiff(results.sweep!, results.separate!).toPrecision(3)),
    load: loadavg().map((x) => Number(x.toFixed(2))),
  });
}
