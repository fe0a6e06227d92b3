import { describe, expect, it } from 'vitest';
import { kinkSamples, makeIcnn, midpointConvexity } from '../../src/lessons/models/icnn';
import { activationParams } from '../../src/lessons/models/params';

const seeds = [1, 2, 3, 4, 5, 6];

describe('makeIcnn', () => {
  it('has non-negative W_z', () => {
    const net = makeIcnn(4);
    for (const w of net.wz) for (const v of w) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe('midpointConvexity (scene 6 key claim)', () => {
  it('passes for ELU with α = 1 and α = 0.5, and for ReLU (tolerance 1e-12)', () => {
    for (const a of [
      activationParams('elu'),
      activationParams('elu', { alpha: 0.5 }),
      activationParams('relu'),
    ])
      for (const seed of seeds)
        expect(midpointConvexity({ activation: a, seed }).violation).toBeLessThanOrEqual(1e-12);
  });

  it('fails clearly for ELU with α = 1.5, and for SELU', () => {
    for (const a of [activationParams('elu', { alpha: 1.5 }), activationParams('selu')])
      for (const seed of seeds) {
        const r = midpointConvexity({ activation: a, seed });
        const range = Math.max(...r.fs) - Math.min(...r.fs);
        expect(r.violation).toBeGreaterThan(1e-3 * Math.max(1, range));
        const [s, t] = r.worstPair;
        expect(t).toBeGreaterThan(s);
      }
  });
});

describe('kinkSamples', () => {
  it('the slope of ELU jumps from α to 1 at 0', () => {
    for (const alpha of [0.5, 1, 1.5]) {
      const k = kinkSamples(activationParams('elu', { alpha }));
      expect(k.leftSlope).toBe(alpha);
      expect(k.rightSlope).toBe(1);
      expect(k.jump).toBe(1 - alpha);
      const mid = (k.z.length - 1) / 2;
      expect(k.z[mid]).toBe(0);
      expect(k.dphi[mid]).toBe(alpha); // the engines' convention: left branch at exactly 0
      expect(k.phi[0]).toBeCloseTo(alpha * Math.expm1(-2), 14);
    }
  });
});
