/**
 * Histograms of every layer's post-activations on shared bins, for the depth × value heatmap and the
 * one-layer histogram. The range covers every layer's mean ± 4 standard deviations (clipped to the values
 * seen), so one exploding layer does not squash the others into a single bin; values outside it are counted
 * in the edge bins.
 */
import type { LayerStats } from './experiment';

/** Fractions of each layer's values per bin, on shared bin edges. */
export interface ActivationHistograms {
  /** bins + 1 increasing bin edges. */
  readonly edges: number[];
  /** fractions[l − 1][bin]: share of layer l's values in that bin (each row sums to 1). */
  readonly fractions: number[][];
  /** How many values of each layer were counted (a strided sample when the layer is large). */
  readonly sampled: number;
}

/** Largest number of values read per layer; larger layers are sampled with a fixed stride. */
export const MAX_SAMPLES_PER_LAYER = 65_536;

/** Histograms of `values[l]` (layer l + 1's post-activations) with `bins` bins. */
export function activationHistograms(
  values: readonly ArrayLike<number>[],
  stats: readonly LayerStats[],
  bins = 48,
): ActivationHistograms {
  let lo = Infinity;
  let hi = -Infinity;
  let seenLo = Infinity;
  let seenHi = -Infinity;
  stats.forEach((s) => {
    const spread = 4 * Math.sqrt(s.postVar);
    if (Number.isFinite(s.postMean - spread)) lo = Math.min(lo, s.postMean - spread);
    if (Number.isFinite(s.postMean + spread)) hi = Math.max(hi, s.postMean + spread);
  });
  const stride = (n: number) => Math.max(1, Math.ceil(n / MAX_SAMPLES_PER_LAYER));
  for (const v of values) {
    for (let i = 0; i < v.length; i += stride(v.length)) {
      if (!Number.isFinite(v[i])) continue;
      seenLo = Math.min(seenLo, v[i]);
      seenHi = Math.max(seenHi, v[i]);
    }
  }
  lo = Math.max(lo, seenLo);
  hi = Math.min(hi, seenHi);
  if (!(hi > lo)) {
    const centre = Number.isFinite(lo) ? lo : 0;
    lo = centre - 0.5;
    hi = centre + 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  let sampled = 0;
  const fractions = values.map((v) => {
    const counts = new Array<number>(bins).fill(0);
    let n = 0;
    for (let i = 0; i < v.length; i += stride(v.length)) {
      if (!Number.isFinite(v[i])) continue;
      counts[Math.min(bins - 1, Math.max(0, Math.floor((v[i] - lo) / width)))]++;
      n++;
    }
    sampled = Math.max(sampled, n);
    return counts.map((c) => (n > 0 ? c / n : 0));
  });
  return { edges, fractions, sampled };
}
