/**
 * `loz sweep`: every cell of a sweep (`sx`, `sy`, `metric`) run on a CPU engine, printed as EXPERIMENT.md's
 * JSON object (`{ "backend", "experiment", "x", "y", "metric", "cells", "theory", "ms" }`) or as a table with a
 * row per y value.
 */
import type { Experiment } from '../engine/experiment';
import { CellPool, sweepOn } from '../engine/sweep/pool';
import { nodeCellWorkerCount, spawnNodeCellWorker } from '../engine/sweep/spawn-node';
import type { SweepOutput } from '../engine/sweep/types';
import { sweepGrid } from '../state';
import { sweepTheory } from '../theory/sweep';
import { type Command, type CommandOutput, UsageError, parseStrictly } from './args';
import { cliEngine } from './engine';
import { formatTable } from './table';

/** Work below which a sweep runs on the CLI's own engine: ~1.5 s of one core, about what starting workers costs. */
const NODE_POOL_FLOPS = 2e10;

/**
 * Runs the command's sweep on one engine kind (WASM unless `--backend` says otherwise), its cells spread over
 * one worker thread per core when the sweep is big enough to pay for starting them.
 */
export async function sweepCommand(command: Command): Promise<CommandOutput> {
  const { experiment, sweep, compare, warnings } = parseStrictly(command);
  if (sweep === null)
    throw new UsageError('loz sweep needs a sweep axis in the query: sx=KEY:FROM:TO:N (e.g. sx=sw:0.5:3:16)');
  const extra = compare.length > 0 ? ['compared runs (vs) are not part of a sweep: ignored'] : [];
  const grid = sweepGrid(experiment, sweep);
  const selection = await cliEngine(command, grid.cells.flat());
  const pool = new CellPool(spawnNodeCellWorker, nodeCellWorkerCount());
  let run;
  try {
    run = await sweepOn(selection, grid, pool, { minFlops: NODE_POOL_FLOPS });
  } finally {
    pool.dispose();
    selection.backend.dispose();
  }
  const output: SweepOutput & { experiment: Experiment } = {
    backend: selection.kind,
    experiment,
    x: grid.x,
    y: grid.y,
    metric: grid.metric,
    cells: run.cells,
    theory: sweepTheory(grid),
    ms: run.ms,
  };
  return {
    text: command.json ? JSON.stringify(output) : formatSweep(output),
    warnings: [...warnings.map((w) => w.message), ...extra],
  };
}

function formatSweep(out: SweepOutput): string {
  const yKey = out.y?.key ?? '';
  const columns = [`${yKey}\\${out.x.key}`, ...out.x.values.map(String)];
  const rows = out.cells.map((row, r) => [out.y ? out.y.values[r] : null, ...row]);
  const parts = [`${out.metric} measured`, formatTable(columns, rows)];
  if (out.theory) {
    const theoryRows = out.theory.map((row, r) => [out.y ? out.y.values[r] : null, ...row]);
    parts.push(`${out.metric} mean-field theory`, formatTable(columns, theoryRows));
  }
  parts.push(`${out.backend} · ${out.ms.toFixed(0)} ms`);
  return parts.join('\n');
}
