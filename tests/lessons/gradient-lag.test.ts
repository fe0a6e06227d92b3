import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/engine/activations';
import { Rng } from '../../src/engine/random';
import {
  averageSlope,
  chiOne,
  predictedGradientRatio,
  slopeSummary,
  stationarySlopeSummary,
} from '../../src/lessons/models/gradient-lag';
import { activationParams } from '../../src/lessons/models/params';

describe('averageSlope and χ₁ against Monte Carlo', () => {
  it('agree within 5 standard errors (200,000 draws)', () => {
    for (const act of ['relu', 'elu', 'silu', 'selu'] as const)
      for (const q of [0.5, 1, 3]) {
        const a = activationParams(act);
        const f = makeActivation(a);
        const rng = new Rng(7, 900, q * 10);
        const n = 200_000;
        let s1 = 0;
        let s2 = 0;
        let s4 = 0;
        for (let i = 0; i < n; i++) {
          const d = f.dphi(Math.sqrt(q) * rng.normal());
          s1 += d;
          s2 += d * d;
          s4 += d ** 4;
        }
        const m1 = s1 / n;
        const m2 = s2 / n;
        const se1 = Math.sqrt((m2 - m1 * m1) / n);
        const se2 = Math.sqrt((s4 / n - m2 * m2) / n);
        expect(Math.abs(averageSlope(a, q) - m1)).toBeLessThan(5 * se1 + 1e-12);
        expect(Math.abs(chiOne(a, q, 2) - 2 * m2)).toBeLessThan(10 * se2 + 1e-12);
      }
  });

  it('closed forms: ReLU E[φ′] = ½ at any q; SiLU E[φ′] = ½ by symmetry', () => {
    expect(averageSlope(activationParams('relu'), 2.3)).toBeCloseTo(0.5, 14);
    expect(averageSlope(activationParams('silu'), 1.7)).toBeCloseTo(0.5, 12);
    expect(chiOne(activationParams('relu'), 1, 2)).toBeCloseTo(1, 14); // He init is critical for ReLU
  });

  it('the summary is consistent with the two functions, and the prediction is χ₁^{τ/2}', () => {
    const a = activationParams('elu');
    const s = slopeSummary(a, 1, 1.5);
    expect(s.averageSlope).toBe(averageSlope(a, 1));
    expect(s.chi1).toBe(chiOne(a, 1, 1.5));
    expect(stationarySlopeSummary(activationParams('relu'), 2).q).toBeCloseTo(1, 12);
    const r = predictedGradientRatio(0.81, [0, 2, 4]);
    expect(Array.from(r)).toEqual([1, 0.81, 0.81 ** 2]);
  });
});
