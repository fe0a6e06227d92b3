import { describe, expect, it } from 'vitest';
import { activationHistograms, MAX_SAMPLES_PER_LAYER } from '../../src/engine/histogram';
import type { LayerStats } from '../../src/engine/experiment';
import { Rng } from '../../src/engine/random';
import { normCdf } from '../../src/theory/erf';

function statsOf(values: Float64Array, layer: number): LayerStats {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return {
    layer,
    preMean: 0,
    preVar: 0,
    postMean: mean,
    postVar: variance,
    dead: 0,
    saturated: 0,
    gradNorm: 0,
    weightGradNorm: 0,
  };
}

describe('activationHistograms', () => {
  it('puts each layer’s values in shared bins whose fractions sum to 1 and match the values', () => {
    const rng = new Rng(3);
    // 16 000 values: fewer than MAX_SAMPLES_PER_LAYER, so every value is counted.
    const a = rng.fillNormal(new Float64Array(16_000));
    const b = rng.fillNormal(new Float64Array(16_000), 2, 0.5);
    const h = activationHistograms([a, b], [statsOf(a, 1), statsOf(b, 2)], 40);
    expect(h.edges).toHaveLength(41);
    for (const row of h.fractions) expect(row.reduce((s, f) => s + f, 0)).toBeCloseTo(1, 12);
    // The share of N(0,1) below an edge e is Φ(e) (binomial standard error ≤ 0.004 at n = 16 000; 5σ).
    const zeroBin = h.edges.findIndex((e) => e >= 0);
    const below = h.fractions[0].slice(0, zeroBin).reduce((s, f) => s + f, 0);
    const exact = a.filter((v) => v < h.edges[zeroBin]).length / a.length;
    expect(below).toBeCloseTo(exact, 12);
    expect(Math.abs(below - normCdf(h.edges[zeroBin]))).toBeLessThan(5 * 0.004);
  });

  it('shows ELU’s pile-up at −α: saturated negative values land in the lowest bins', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? -1 + 1e-9 * i : i / 500));
    const h = activationHistograms([values], [statsOf(values, 1)], 30);
    expect(h.edges[0]).toBeCloseTo(-1, 6);
    expect(h.fractions[0][0]).toBeCloseTo(0.5, 12);
  });

  it('samples large layers with a stride and survives constant, infinite and NaN values', () => {
    const big = new Float64Array(MAX_SAMPLES_PER_LAYER * 3).fill(2);
    big[0] = Infinity;
    big[3] = NaN;
    const h = activationHistograms([big], [{ ...statsOf(new Float64Array([2]), 1) }], 10);
    expect(h.sampled).toBeLessThanOrEqual(MAX_SAMPLES_PER_LAYER);
    expect(h.fractions[0].reduce((s, f) => s + f, 0)).toBeCloseTo(1, 12);
    expect(h.edges[0]).toBeLessThan(2);
    expect(h.edges[10]).toBeGreaterThan(2);
  });
});
