/**
 * `loz sweep`: every cell of a sweep (`sx`, `sy`, `metric`) run on a CPU engine, printed as EXPERIMENT.md's
 * JSON object (`{ "backend", "experiment", "x", "y", "metric", "cells", "theory", "ms" }`) or as a table with a
 * row per y value.
 */
import type { Experiment } from '../engine/experiment';
import { runSweep } from '../engine/sweep/run';
import type { CellValue, SweepGrid, SweepOutput } from '../engine/sweep/types';
import { sweepGrid } from '../state';
import { metricHasTheory, theoryMetric } from '../theory/sweep';
import { type Command, type CommandOutput, UsageError, parseStrictly } from './args';
import { cliEngine } from './engine';
import { formatTable } from './table';

/** Runs the command's sweep on one engine (WASM unless `--backend` says otherwise). */
export async function sweepCommand(command: Command): Promise<CommandOutput> {
  const { experiment, sweep, compare, warnings } = parseStrictly(command);
  if (sweep === null)
    throw new UsageError('loz sweep needs a sweep axis in the query: sx=KEY:FROM:TO:N (e.g. sx=sw:0.5:3:16)');
  const extra = compare.length > 0 ? ['compared runs (vs) are not part of a sweep: ignored'] : [];
  const grid = sweepGrid(experiment, sweep);
  const selection = await cliEngine(command, grid.cells.flat());
  let run;
  try {
    run = await runSweep(selection.backend, grid);
  } finally {
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

/** The theory's value of every cell, or null when the metric has none for this sweep. */
export function sweepTheory(grid: SweepGrid): CellValue[][] | null {
  if (!grid.cells.flat().some((e) => metricHasTheory(grid.metric, e))) return null;
  return grid.cells.map((row) => row.map((e) => theoryMetric(e, grid.metric)));
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
