/**
 * The theory over a sweep's grid, from the theory Worker's predictions (the page never computes them on its
 * main thread: a SiLU grid takes seconds of quadrature). The same numbers as theory/sweep.ts's theoryMetric,
 * read from a prediction the Worker already made (metricFromPrediction, shared with the CLI).
 */
import type { Experiment } from '../../engine/experiment';
import type { CellValue, SweepGrid, SweepMetric } from '../../engine/sweep/types';
import type { TheoryPrediction } from '../../theory/report';
import { metricFromPrediction } from '../../theory/sweep';

/** The theory's value of `metric` from a prediction (src/theory/sweep.ts, shared with the CLI). */
export const metricOfPrediction = metricFromPrediction;

/** The experiments the theory is asked about: every cell at initialization (steps and seed do not matter). */
export function theoryExperiments(grid: SweepGrid): Experiment[] {
  return grid.cells.flat().map((e) => ({ ...e, steps: 0, seed: 1 }));
}

/** The predictions (in theoryExperiments' order) as a grid of `metric`'s values, `cells[r][c]`. */
export function theoryGrid(
  grid: SweepGrid,
  predictions: readonly TheoryPrediction[],
  metric: SweepMetric,
): CellValue[][] {
  const columns = grid.x.values.length;
  return grid.cells.map((row, r) =>
    row.map((e, c) => {
      const p = predictions[r * columns + c];
      return p ? metricOfPrediction(p, e, metric) : null;
    }),
  );
}

/** The theory's χ per cell at initialization (whatever the metric and the training steps): the edge is at 1. */
export function chiGrid(grid: SweepGrid, predictions: readonly TheoryPrediction[]): CellValue[][] {
  const columns = grid.x.values.length;
  return grid.cells.map((row, r) =>
    row.map((_, c) => {
      const p = predictions[r * columns + c];
      return p ? metricOfPrediction(p, { steps: 0 }, 'chi') : null;
    }),
  );
}
