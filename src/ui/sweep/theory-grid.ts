/**
 * The theory over a sweep's grid, from the theory Worker's predictions (the page never computes them on its
 * main thread: a SiLU grid takes seconds of quadrature). The same numbers as theory/sweep.ts's theoryMetric,
 * read from a prediction the Worker already made (tests/ui/sweep-theory.test.ts checks they agree).
 */
import type { Experiment } from '../../engine/experiment';
import type { CellValue, SweepGrid, SweepMetric } from '../../engine/sweep/types';
import type { TheoryPrediction } from '../../theory/report';
import { metricHasTheory } from '../../theory/sweep';

/**
 * `metric`'s value in `prediction` (the theory of `e` at initialization), as theoryMetric gives it: chi is the
 * geometric mean of the layers' χ over layers 2..L, var the last layer's post-activation variance; null
 * without a theory (trained networks, other metrics), at depth 1 for chi, or where the prediction overflowed.
 */
export function metricOfPrediction(
  prediction: TheoryPrediction,
  e: Pick<Experiment, 'steps'>,
  metric: SweepMetric,
): CellValue {
  if (!metricHasTheory(metric, e)) return null;
  const { layers } = prediction;
  if (metric === 'var') {
    const v = layers[layers.length - 1]?.postVar;
    return v !== undefined && v !== null && Number.isFinite(v) ? v : null;
  }
  if (layers.length < 2) return null;
  let logSum = 0;
  for (const layer of layers.slice(1)) {
    if (layer.chi === null || !(layer.chi > 0)) return null;
    logSum += Math.log(layer.chi);
  }
  const chi = Math.exp(logSum / (layers.length - 1));
  return Number.isFinite(chi) ? chi : null;
}

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
