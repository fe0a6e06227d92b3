/**
 * The mean-field value of a sweep's metric for one cell (src/engine/sweep/types.ts), where the theory gives one:
 * `chi` and `var` of an untrained network (steps = 0: the theory describes the network at initialization).
 * The other metrics (dead units of a finite batch, a loss, an accuracy) have no mean-field value: null.
 */
import type { Experiment } from '../engine/experiment';
import type { CellValue, SweepGrid, SweepMetric } from '../engine/sweep/types';
import { theoryPrediction, type TheoryPrediction } from './report';

/** Whether the theory gives `metric` for experiments like `e` (its training steps decide). */
export function metricHasTheory(metric: SweepMetric, e: Pick<Experiment, 'steps'>): boolean {
  return (metric === 'chi' || metric === 'var') && e.steps === 0;
}

/**
 * The theory's value of `metric` for `e`:
 * - chi: the geometric mean of χ(q_l) = σ_w²·E[φ′(z_l)²] over l = 2..L, the factor each layer l scales squared
 *   gradient norms by on their way to layer l − 1: what the measured (‖g₁‖/‖g_L‖)^(2/(L−1)) estimates;
 * - var: Var[φ(z_L)] with z_L ~ N(0, q_L), the last layer's post-activation variance.
 * Null without a theory, at depth 1 for chi, or where the prediction overflowed.
 */
export function theoryMetric(e: Experiment, metric: SweepMetric): CellValue {
  if (!metricHasTheory(metric, e)) return null;
  return metricFromPrediction(theoryPrediction(e), e, metric);
}

/** theoryMetric from a prediction already made (the page's theory Worker makes them off the UI thread). */
export function metricFromPrediction(
  prediction: TheoryPrediction,
  e: Pick<Experiment, 'steps'>,
  metric: SweepMetric,
): CellValue {
  if (!metricHasTheory(metric, e)) return null;
  const { layers } = prediction;
  if (metric === 'var') return layers[layers.length - 1]?.postVar ?? null;
  if (layers.length < 2) return null;
  let logSum = 0;
  for (const layer of layers.slice(1)) {
    if (layer.chi === null || !(layer.chi > 0)) return null;
    logSum += Math.log(layer.chi);
  }
  const chi = Math.exp(logSum / (layers.length - 1));
  return Number.isFinite(chi) ? chi : null;
}

/** The theory's value of every cell of a grid (`[r][c]`), or null when the metric has none for this sweep. */
export function sweepTheory(grid: SweepGrid): CellValue[][] | null {
  if (!sweepHasTheory(grid)) return null;
  return grid.cells.map((row) => row.map((e) => theoryMetric(e, grid.metric)));
}

/** Whether the theory gives the grid's metric for any of its cells. */
export function sweepHasTheory(grid: SweepGrid): boolean {
  return grid.cells.some((row) => row.some((e) => metricHasTheory(grid.metric, e)));
}
