import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/engine/activations';
import { monotoneNet, monotonicityCheck, trainMonotone } from '../../src/lessons/models/monotone';
import { activationParams } from '../../src/lessons/models/params';

const seeds = [1, 2, 3, 4, 5];

describe('monotoneNet', () => {
  it('has only non-negative weights unless signed', () => {
    const act = makeActivation(activationParams('elu'));
    for (const l of monotoneNet(act, 3)) expect(Math.min(...l.w)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...monotoneNet(act, 3, true)[0].w)).toBeLessThan(0);
  });
});

describe('monotonicityCheck (scene 5 key claim)', () => {
  it('non-negative weights + non-decreasing φ never decrease (to rounding)', () => {
    const acts = [
      activationParams('relu'),
      activationParams('leaky', { slope: 0.1 }),
      activationParams('elu'),
      activationParams('elu', { alpha: 2 }),
      activationParams('selu'),
    ];
    for (const a of acts)
      for (const seed of seeds)
        for (const input of [0, 3]) {
          const r = monotonicityCheck({ activation: a, seed, input });
          expect(r.largestDecrease).toBeLessThanOrEqual(1e-12);
          expect(r.largestDrop).toBeLessThanOrEqual(1e-12);
          expect(r.ys[r.ys.length - 1]).toBeGreaterThan(r.ys[0]); // and the input does matter
        }
  });

  it('signed weights break it visibly', () => {
    for (const act of ['relu', 'elu'] as const)
      for (const seed of seeds) {
        const r = monotonicityCheck({ activation: activationParams(act), seed, signed: true });
        expect(r.largestDecrease).toBeGreaterThan(1e-3);
        expect(r.largestDrop).toBeGreaterThan(0.5); // a fall that is plain on the plot
      }
  });

  it('SiLU (non-monotone) breaks it even with non-negative weights, though only slightly', () => {
    for (const seed of seeds) {
      const r = monotonicityCheck({ activation: activationParams('silu'), seed });
      expect(r.largestDecrease).toBeGreaterThan(1e-5);
      expect(r.largestDrop).toBeGreaterThan(1e-3);
    }
  });
});

describe('trainMonotone', () => {
  it('keeps weights non-negative and lowers the loss', () => {
    const r = trainMonotone({ activation: activationParams('elu'), seed: 1, lr: 0.1, steps: 50 });
    expect(r.loss.length).toBe(51);
    expect(r.loss[50]).toBeLessThan(0.5 * r.loss[0]);
  });

  it('at lr 0.5 ReLU units die under the constraint, ELU units do not, and ELU fits better', () => {
    let reluDead = 0;
    let eluDead = 0;
    let reluLoss = 0;
    let eluLoss = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const relu = trainMonotone({ activation: activationParams('relu'), seed, lr: 0.5, steps: 300 });
      const elu = trainMonotone({ activation: activationParams('elu'), seed, lr: 0.5, steps: 300 });
      reluDead += relu.dead[300];
      eluDead += elu.dead[300];
      reluLoss += relu.loss[300];
      eluLoss += elu.loss[300];
    }
    expect(eluDead).toBe(0);
    expect(reluDead).toBeGreaterThan(0);
    expect(eluLoss).toBeLessThan(reluLoss);
  });

  it('at a small learning rate neither loses a unit', () => {
    for (const act of ['relu', 'elu'] as const) {
      const r = trainMonotone({ activation: activationParams(act), seed: 1, lr: 0.05, steps: 200 });
      expect(Math.max(...r.dead)).toBe(0);
    }
  });
});
