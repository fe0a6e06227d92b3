/**
 * Tied weights (one W and b shared by every layer, an RNN unrolled in time) and non-negative weights.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/engine/backend';
import { makeInputs, makeTargets } from '../../../src/engine/init';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { createNetwork } from '../../../src/engine/reference/network';
import { sgdUpdate } from '../../../src/engine/reference/propagate';
import { experimentWith } from '../../../src/state/schema';
import { LossProbe, analyticPass } from './fd';

describe('tied weights', () => {
  it('share one matrix and bias, and their gradient is the sum of every layer’s (finite differences)', () => {
    for (const act of ['elu', 'silu', 'selu'] as const) {
      const e = experimentWith({
        act,
        tied: 1,
        depth: 4,
        width: 5,
        batch: 3,
        sb: 0.3,
        seed: 11,
        loss: 'mse',
      });
      const net = createNetwork(e);
      expect(new Set(net.weights).size).toBe(1);
      expect(new Set(net.biases).size).toBe(1);
      const x = makeInputs(e);
      const y = makeTargets(e);
      const pass = analyticPass(net, x, y, e.batch);
      const probe = new LossProbe(net, x, y, e.batch);
      const summed = new Float64Array(e.width * e.width);
      for (const dW of pass.dW) dW.forEach((v, i) => (summed[i] += v));
      const w = net.weights[0];
      for (const i of [0, 6, 12, 24]) {
        const fd = probe.derivative(w, i);
        expect(fd).not.toBeNull();
        // Central differences in float64 at h ≈ 1e-5: truncation O(h²) and rounding ~1e-14·|L|/h.
        expect(Math.abs(fd!.value - summed[i])).toBeLessThan(1e-6 * (1 + Math.abs(summed[i])));
      }
    }
  });

  it('train as one matrix: an update moves every layer identically', async () => {
    const e = experimentWith({ tied: 1, depth: 3, width: 6, batch: 4, steps: 2, lr: 0.1 });
    const backend = new ReferenceBackend();
    const result = await runExperiment(backend, e);
    expect(result.layers).toHaveLength(3);
    const net = createNetwork(e);
    expect(net.weights[1]).toBe(net.weights[0]);
  });

  it('start every layer from layer 1’s draw (untied networks differ per layer)', () => {
    const tied = createNetwork(experimentWith({ tied: 1, depth: 3, width: 4 }));
    const free = createNetwork(experimentWith({ depth: 3, width: 4 }));
    expect(Array.from(tied.weights[2])).toEqual(Array.from(free.weights[0]));
    expect(Array.from(free.weights[2])).not.toEqual(Array.from(free.weights[0]));
  });
});

describe('non-negative weights', () => {
  it('start as |W| and stay ≥ 0 after updates that would push them below 0', () => {
    const e = experimentWith({ nonneg: 1, depth: 3, width: 8, batch: 4, lr: 5 });
    const signed = createNetwork({ ...e, nonneg: 0 });
    const net = createNetwork(e);
    expect(Array.from(net.weights[0])).toEqual(Array.from(signed.weights[0]).map(Math.abs));
    const pass = analyticPass(net, makeInputs(e), makeTargets(e), e.batch);
    const wouldGoNegative = net.weights.some((w, l) => w.some((v, i) => v - e.lr * pass.dW[l][i] < 0));
    expect(wouldGoNegative).toBe(true);
    sgdUpdate(net, pass, e.lr);
    for (const w of net.weights) expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
  });

  it('with a non-decreasing activation, make the output non-decreasing in every input', () => {
    const e = experimentWith({ nonneg: 1, act: 'elu', depth: 4, width: 6, batch: 1, seed: 3 });
    const net = createNetwork(e);
    const x = makeInputs(e);
    const probe = new LossProbe(net, x, new Float64Array(e.width), 1);
    const outputs = (): number[] => {
      probe.loss();
      return Array.from(probe.pass.h[e.depth]);
    };
    for (let input = 0; input < e.width; input++) {
      const before = outputs();
      x[input] += 0.5;
      const after = outputs();
      after.forEach((v, k) => expect(v).toBeGreaterThanOrEqual(before[k]));
    }
  });
});
