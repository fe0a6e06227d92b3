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

/**
 * Largest number of values read per layer; larger layers are sampled with a fixed stride. 16 K values put ~340
 * in each of 48 bins on average (a few per cent of noise), and keep the histograms of the default network
 * (20 layers × 65 536 values) at ~7 ms of the engine Worker's time per pass instead of ~27 (2-core AMD EPYC).
 */
export const MAX_SAMPLES_PER_LAYER = 16_384;

/** Histograms of `values[l]` (layer l + 1's post-activations) with `bins` bins. */
export function activationHistograms(
  values: readonly ArrayLike<number>[],
  stats: readonly LayerStats[],
  bins = 48,
): ActivationHistograms {
  // This runs for every finished pass and every live update: each layer is sampled (MAX_SAMPLES_PER_LAYER)
  // and read twice, once for the range and once for the counts.
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of stats) {
    const spread = 4 * Math.sqrt(s.postVar);
    if (Number.isFinite(s.postMean - spread)) lo = Math.min(lo, s.postMean - spread);
    if (Number.isFinite(s.postMean + spread)) hi = Math.max(hi, s.postMean + spread);
  }
  const [seenLo, seenHi] = finiteRange(values);
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
  const fractions: number[][] = [];
  const counts = new Float64Array(bins);
  for (const v of values) {
    const n = countBins(v, lo, width, counts);
    sampled = Math.max(sampled, n);
    fractions.push(Array.from(counts, (c) => (n > 0 ? c / n : 0)));
  }
  return { edges, fractions, sampled };
}

/** Every how many values of a layer of n values one is read. */
function strideOf(n: number): number {
  return Math.max(1, Math.ceil(n / MAX_SAMPLES_PER_LAYER));
}

/** The least and greatest finite sampled value of all layers (±∞ when there is none). */
function finiteRange(values: readonly ArrayLike<number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    const step = strideOf(v.length);
    for (let i = 0; i < v.length; i += step) {
      const x = v[i];
      if (x - x !== 0) continue; // NaN or ±∞
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return [min, max];
}

/** Counts one layer's finite sampled values into `counts` (bins from lo, `width` wide; edge bins take the rest). */
function countBins(v: ArrayLike<number>, lo: number, width: number, counts: Float64Array): number {
  counts.fill(0);
  const last = counts.length - 1;
  const step = strideOf(v.length);
  let n = 0;
  for (let i = 0; i < v.length; i += step) {
    const x = v[i];
    if (x - x !== 0) continue; // NaN or ±∞
    // floor(q) clamped to the bins; q is compared before truncating, so no value can overflow an int.
    const q = (x - lo) / width;
    counts[q < 0 ? 0 : q > last ? last : q | 0]++;
    n++;
  }
  return n;
}
