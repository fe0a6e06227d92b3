/**
 * init.ts: σ_w² per scheme, the variance of every scheme × distribution (tolerance 5 standard errors of the
 * mean-square estimate: √(2/N)·σ² for normal, √(0.8/N)·σ² for uniform; orthogonal is exact), orthonormal
 * rows scaled to the gain (1e-10), biases, inputs, targets, determinism and independence of the streams.
 */
import { describe, expect, it } from 'vitest';
import { INIT_SCHEMES, WEIGHT_DISTS } from '../../src/engine/experiment';
import {
  initBias,
  initWeights,
  makeInputs,
  makeTargets,
  orthonormalizeRows,
  sigmaW2,
} from '../../src/engine/init';
import { Rng } from '../../src/engine/random';
import { experimentWith } from '../../src/state/schema';

const meanSquare = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0) / v.length;
const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;

describe('weight init', () => {
  it('σ_w² is 2 (he), 1 (lecun), 2·fan_in/(fan_in+fan_out) (xavier), sw² (custom)', () => {
    expect(sigmaW2('he', 9, 10, 30)).toBe(2);
    expect(sigmaW2('lecun', 9, 10, 30)).toBe(1);
    expect(sigmaW2('xavier', 9, 10, 30)).toBe(0.5);
    expect(sigmaW2('custom', 1.5, 10, 30)).toBe(2.25);
  });

  for (const init of INIT_SCHEMES) {
    for (const dist of WEIGHT_DISTS) {
      it(`${init} × ${dist}: entries have mean 0 and variance σ_w²/fan_in`, () => {
        const width = 256;
        const exp = experimentWith({ init, dist, width, sw: 1.3, seed: 9 });
        const w = initWeights(exp, 2);
        expect(w.length).toBe(width * width);
        const v = sigmaW2(init, 1.3, width, width) / width;
        const N = w.length;
        if (dist === 'orthogonal') {
          // Rows of norm σ_w: the mean square is exactly σ_w²/width.
          expect(Math.abs(meanSquare(w) / v - 1)).toBeLessThan(1e-10);
        } else {
          const kurt = dist === 'normal' ? 2 : 0.8; // Var(w²)/σ⁴
          expect(Math.abs(meanSquare(w) - v)).toBeLessThan(5 * Math.sqrt(kurt / N) * v);
        }
        expect(Math.abs(mean(w))).toBeLessThan(5 * Math.sqrt(v / N));
        if (dist === 'uniform') expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(3 * v));
      });
    }
  }

  it('orthogonal: W·Wᵀ = WᵀW = σ_w²·I to 1e-10 (widths 1, 7, 64)', () => {
    for (const width of [1, 7, 64]) {
      const exp = experimentWith({ init: 'he', dist: 'orthogonal', width, seed: 4 });
      const w = initWeights(exp, 1);
      for (let i = 0; i < width; i++) {
        for (let j = 0; j < width; j++) {
          let rows = 0;
          let cols = 0;
          for (let c = 0; c < width; c++) {
            rows += w[i * width + c] * w[j * width + c];
            cols += w[c * width + i] * w[c * width + j];
          }
          const want = i === j ? 2 : 0;
          expect(Math.abs(rows - want)).toBeLessThan(1e-10);
          expect(Math.abs(cols - want)).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('orthonormalizeRows leaves orthonormal rows of a random matrix', () => {
    const n = 33;
    const m = new Rng(3).fillNormal(new Float64Array(n * n));
    orthonormalizeRows(m, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let d = 0;
        for (let c = 0; c < n; c++) d += m[i * n + c] * m[j * n + c];
        expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it('custom sw = 0 gives zero weights; sw scales the weights linearly', () => {
    const base = { init: 'custom', width: 16, seed: 2 } as const;
    expect(initWeights(experimentWith({ ...base, sw: 0 }), 1).every((x) => x === 0)).toBe(true);
    const one = initWeights(experimentWith({ ...base, sw: 1 }), 1);
    const three = initWeights(experimentWith({ ...base, sw: 3 }), 1);
    one.forEach((x, i) => expect(three[i]).toBeCloseTo(3 * x, 12));
  });
});

describe('biases, inputs, targets', () => {
  it('biases are all zero when sb = 0 and N(0, sb²) otherwise (5σ)', () => {
    expect(initBias(experimentWith({ width: 64, sb: 0 }), 1).every((x) => x === 0)).toBe(true);
    const N = 4096;
    const b = initBias(experimentWith({ width: N, sb: 0.7 }), 3);
    expect(Math.abs(meanSquare(b) - 0.49)).toBeLessThan(5 * Math.sqrt(2 / N) * 0.49);
    expect(Math.abs(mean(b))).toBeLessThan((5 * 0.7) / Math.sqrt(N));
  });

  it('inputs are N(in_mean, in_std²) and targets N(0, 1), [batch, width] (5σ)', () => {
    const exp = experimentWith({ width: 128, batch: 256, in_mean: 3, in_std: 2 });
    const x = makeInputs(exp);
    const y = makeTargets(exp);
    const N = 128 * 256;
    expect(x.length).toBe(N);
    expect(y.length).toBe(N);
    expect(Math.abs(mean(x) - 3)).toBeLessThan((5 * 2) / Math.sqrt(N));
    const varX = meanSquare(x.map((v) => v - 3));
    expect(Math.abs(varX - 4)).toBeLessThan(5 * Math.sqrt(2 / N) * 4);
    expect(Math.abs(mean(y))).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(meanSquare(y) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
  });
});

describe('determinism and stream independence', () => {
  const exp = experimentWith({ width: 12, batch: 5, depth: 4, sb: 0.3, seed: 77 });

  it('the same seed gives the same numbers; a different seed different ones', () => {
    const again = experimentWith({ ...exp });
    expect(initWeights(again, 2)).toEqual(initWeights(exp, 2));
    expect(initBias(again, 2)).toEqual(initBias(exp, 2));
    expect(makeInputs(again)).toEqual(makeInputs(exp));
    expect(makeTargets(again)).toEqual(makeTargets(exp));
    const other = { ...exp, seed: 78 };
    expect(initWeights(other, 2)).not.toEqual(initWeights(exp, 2));
    expect(initBias(other, 2)).not.toEqual(initBias(exp, 2));
    expect(makeInputs(other)).not.toEqual(makeInputs(exp));
    expect(makeTargets(other)).not.toEqual(makeTargets(exp));
  });

  it('streams are independent: depth, init, lr, act do not change inputs or targets; layers differ', () => {
    for (const change of [
      { depth: 9 },
      { init: 'he' as const },
      { dist: 'orthogonal' as const },
      { lr: 1 },
      { act: 'relu' as const },
    ]) {
      const e = { ...exp, ...change };
      expect(makeInputs(e)).toEqual(makeInputs(exp));
      expect(makeTargets(e)).toEqual(makeTargets(exp));
    }
    // Layer 2's weights do not depend on the depth, and differ from layer 1's; targets differ from inputs.
    expect(initWeights({ ...exp, depth: 30 }, 2)).toEqual(initWeights(exp, 2));
    expect(initWeights(exp, 1)).not.toEqual(initWeights(exp, 2));
    expect(initBias(exp, 1)).not.toEqual(initBias(exp, 2));
    expect(makeTargets(exp)).not.toEqual(makeInputs(exp));
    // Changing in_mean shifts the inputs without redrawing them.
    const shifted = makeInputs({ ...exp, in_mean: 1 });
    makeInputs(exp).forEach((v, i) => expect(shifted[i]).toBeCloseTo(v + 1, 12));
  });
});
