/**
 * Running a sweep: every cell of the grid measured on an engine, row by row (the first row reaches the page
 * first), each cell handed on as it finishes. A cell runs what its metric needs and no more: init, its training
 * steps and one measured pass, plus the data set's accuracies only for the accuracy metrics.
 */
import { runExperiment, type Backend, type StatsNeed } from '../backend';
import type { Experiment, RunResult } from '../experiment';
import { metricOf } from './metric';
import type { CellValue, SweepCell, SweepGrid, SweepMetric } from './types';

/** What a caller hears while a sweep runs, and how it stops one. */
export interface SweepOptions {
  /** Each cell as it finishes, in row order; awaited, so a slow consumer slows the sweep instead of queueing. */
  readonly onCell?: (cell: SweepCell) => void | Promise<void>;
  /** Checked before every cell: true stops the sweep (what is done so far is returned). */
  readonly stopped?: () => boolean;
}

/** The measured values, `cells[r][c]` (null where not measured: a stopped sweep), and the wall-clock time. */
export interface SweepRun {
  readonly cells: CellValue[][];
  readonly ms: number;
  /** False when `stopped` ended the sweep early. */
  readonly complete: boolean;
}

/** Runs every cell of `grid` on `backend`, one after another. The caller keeps ownership of `backend`. */
export async function runSweep(
  backend: Backend,
  grid: SweepGrid,
  options: SweepOptions = {},
): Promise<SweepRun> {
  const start = performance.now();
  const cells = grid.cells.map((row) => row.map((): CellValue => null));
  const measureMany = backend.measureMany?.bind(backend);
  if (measureMany && !needsScores(grid.metric)) {
    const complete = await runBatched(backend.kind, measureMany, grid, cells, options);
    return { cells, ms: performance.now() - start, complete };
  }
  for (let row = 0; row < grid.cells.length; row++) {
    for (let column = 0; column < grid.cells[row].length; column++) {
      if (options.stopped?.()) return { cells, ms: performance.now() - start, complete: false };
      const result = await measureCell(backend, grid.cells[row][column], grid.metric);
      const value = metricOf(result, grid.metric);
      cells[row][column] = value;
      await options.onCell?.({ row, column, value });
    }
  }
  return { cells, ms: performance.now() - start, complete: true };
}

/** The accuracy metrics need the whole data set evaluated: a cell's own run, not a batched pass. */
function needsScores(metric: SweepMetric): boolean {
  return metric === 'accuracy' || metric === 'test_accuracy';
}

/** What a metric needs of a measured pass. */
export function statsNeeded(metric: SweepMetric): StatsNeed {
  return metric === 'chi' ? 'gradients' : needsScores(metric) ? 'all' : 'forward';
}

/** Every cell through the engine's measureMany, in row order; false when stopped. */
async function runBatched(
  kind: Backend['kind'],
  measureMany: NonNullable<Backend['measureMany']>,
  grid: SweepGrid,
  cells: CellValue[][],
  options: SweepOptions,
): Promise<boolean> {
  const columns = grid.x.values.length;
  const experiments = grid.cells.flat();
  let measured = 0;
  await measureMany(experiments, {
    need: statsNeeded(grid.metric),
    stopped: options.stopped,
    onPass: async (index, { layers, loss }) => {
      const row = Math.floor(index / columns);
      const column = index % columns;
      const experiment = experiments[index];
      const result: RunResult = {
        backend: kind,
        experiment,
        layers,
        loss,
        accuracy: null,
        testAccuracy: null,
        ms: 0,
      };
      const value = metricOf(result, grid.metric);
      cells[row][column] = value;
      measured++;
      await options.onCell?.({ row, column, value });
    },
  });
  return measured === experiments.length;
}

/**
 * One cell's run: what runExperiment gives, except that the measured pass may skip statistics the metric does
 * not use (StatsNeed: NaN there) and a data set's accuracies are computed only for a metric that needs them
 * (null otherwise).
 */
export async function measureCell(
  backend: Backend,
  experiment: Experiment,
  metric: SweepMetric,
): Promise<RunResult> {
  if (metric === 'accuracy' || metric === 'test_accuracy') return runExperiment(backend, experiment);
  const start = performance.now();
  await backend.init(experiment);
  for (let i = 0; i < experiment.steps; i++) await backend.step({ train: true });
  const { layers, loss } = await backend.step({ train: false, need: statsNeeded(metric) });
  return {
    backend: backend.kind,
    experiment,
    layers,
    loss,
    accuracy: null,
    testAccuracy: null,
    ms: performance.now() - start,
  };
}
