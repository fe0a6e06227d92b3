/**
 * A sweep cell's value from its run (types.ts says what each metric means). One function, so the CLI's
 * `loz sweep`, the page's heatmap and a script computing the metric from `loz run --json` agree.
 */
import type { LayerStats, RunResult } from '../experiment';
import type { CellValue, SweepMetric } from './types';

/** The metric of a run, or null where it is undefined (χ at depth 1, accuracy without data) or not finite. */
export function metricOf(
  result: Pick<RunResult, 'experiment' | 'layers' | 'loss' | 'accuracy' | 'testAccuracy'>,
  metric: SweepMetric,
): CellValue {
  const value = rawMetric(result, metric);
  return value !== null && Number.isFinite(value) ? value : null;
}

function rawMetric(
  result: Pick<RunResult, 'experiment' | 'layers' | 'loss' | 'accuracy' | 'testAccuracy'>,
  metric: SweepMetric,
): number | null {
  const { layers } = result;
  switch (metric) {
    case 'chi':
      return measuredChi(layers);
    case 'var':
      return layers[layers.length - 1].postVar;
    case 'dead':
      return deadFraction(layers, result.experiment.width);
    case 'loss':
      return result.loss;
    case 'accuracy':
      return result.accuracy;
    case 'test_accuracy':
      return result.testAccuracy;
  }
}

/**
 * (‖g₁‖/‖g_L‖)^(2/(L−1)) with g_l = ∂loss/∂h_l: the geometric mean of ‖g_{l−1}‖²/‖g_l‖² over l = 2..L. Null at
 * depth 1 (no ratio) and where a norm is 0. Computed through logarithms so that 1000 layers of vanishing
 * gradients (a norm far below float64's range of a product) still give the right mean.
 */
export function measuredChi(layers: readonly LayerStats[]): number | null {
  if (layers.length < 2) return null;
  const first = layers[0].gradNorm;
  const last = layers[layers.length - 1].gradNorm;
  if (!(first > 0) || !(last > 0)) return null;
  return Math.exp((2 * (Math.log(first) - Math.log(last))) / (layers.length - 1));
}

/** Dead units over all layers as a fraction of depth × width. */
function deadFraction(layers: readonly LayerStats[], width: number): number {
  let dead = 0;
  for (const layer of layers) dead += layer.dead;
  return dead / (layers.length * width);
}
