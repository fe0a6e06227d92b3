/**
 * Per-layer statistics of a pass (LayerStats, EXPERIMENT.md), each over the whole [batch, width] tensor of its
 * layer, accumulated in float64. Means and variances use two passes (mean first, then the mean squared
 * deviation), so the population variance stays exact to rounding even when |mean| ≫ std.
 */
import { activationOf } from '../activations';
import type { LayerStats } from '../experiment';
import type { Network, Pass } from './network';

/** Below this |φ′(z)| a unit counts as saturated for that example. */
export const SATURATION_THRESHOLD = 0.01;

/** Mean and population variance (divide by the count) of the first `n` entries of `v`. */
export function meanVar(v: Float64Array, n: number): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = v[i] - mean;
    sq += d * d;
  }
  return { mean, variance: sq / n };
}

/** Frobenius norm √Σv² of the first `n` entries of `v`. */
export function frobenius(v: Float64Array, n: number): number {
  let sq = 0;
  for (let i = 0; i < n; i++) sq += v[i] * v[i];
  return Math.sqrt(sq);
}

/**
 * Units (columns of the [batch, width] tensor z) whose φ′(z) is exactly 0 for every example (`dead`) and whose
 * |φ′(z)| < SATURATION_THRESHOLD for every example (`saturated`).
 */
export function deadAndSaturated(
  z: Float64Array,
  batch: number,
  width: number,
  dphi: (z: number) => number,
): { dead: number; saturated: number } {
  let dead = 0;
  let saturated = 0;
  for (let j = 0; j < width; j++) {
    let allZero = true;
    let allSmall = true;
    for (let r = 0; r < batch && allSmall; r++) {
      const d = dphi(z[r * width + j]);
      if (d !== 0) allZero = false;
      if (!(Math.abs(d) < SATURATION_THRESHOLD)) allSmall = false;
    }
    // The scan stops early only after a derivative ≥ the threshold (or NaN), which also clears allZero.
    if (allZero) dead++;
    if (allSmall) saturated++;
  }
  return { dead, saturated };
}

/**
 * The statistics of every hidden layer (1-based `layer`; not the read-out) of a pass on which `forward` and `backward` have run.
 * `knob` is the k layer l used in the pass and `knobGrad` its ∂loss/∂k, present only for the hybrid.
 */
export function layerStats(net: Network, pass: Pass): LayerStats[] {
  const { batch, widths } = pass;
  const hybrid = net.exp.act === 'hybrid';
  const out: LayerStats[] = [];
  for (let l = 1; l <= net.depth; l++) {
    const width = widths[l];
    const size = batch * width;
    const pre = meanVar(pass.z[l - 1], size);
    const post = meanVar(pass.h[l], size);
    const { dphi } = activationOf(net.exp, net.knobs[l - 1]);
    const counts = deadAndSaturated(pass.z[l - 1], batch, width, dphi);
    const stats: LayerStats = {
      layer: l,
      preMean: pre.mean,
      preVar: pre.variance,
      postMean: post.mean,
      postVar: post.variance,
      dead: counts.dead,
      saturated: counts.saturated,
      gradNorm: frobenius(pass.g[l], size),
      weightGradNorm: frobenius(pass.dW[l - 1], widths[l - 1] * width),
    };
    out.push(hybrid ? { ...stats, knob: net.knobs[l - 1], knobGrad: pass.dk[l - 1] } : stats);
  }
  return out;
}
