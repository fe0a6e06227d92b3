/**
 * Gradient checks of the reference engine on data-set networks (input features → hidden width → linear read-out
 * to the classes, biases on every layer) against central finite differences (./fd.ts): ∂loss/∂W_l and ∂loss/∂b_l
 * of every layer including the read-out, and the input gradient, for cross-entropy and mse on one-hot labels,
 * hidden widths 1, 3 and 64, batch 1 and 5, 2 and 10 classes.
 */
import { describe, expect, it } from 'vitest';
import { loadDataSet } from '../../../src/engine/data/dataset';
import { MinibatchFeed } from '../../../src/engine/data/minibatch';
import type { Experiment } from '../../../src/engine/experiment';
import { Rng } from '../../../src/engine/random';
import { createNetwork } from '../../../src/engine/reference/network';
import { experimentWith } from '../../../src/state/schema';
import { LossProbe, analyticPass, gradTolerance } from './fd';

async function gradCheck(exp: Experiment): Promise<{ checked: number; skipped: number }> {
  const net = createNetwork(exp);
  // Some non-zero biases, so their gradients are checked away from the all-zero start.
  const biasRng = new Rng(exp.seed, 99);
  for (const b of net.biases!) for (let j = 0; j < b.length; j++) b[j] = 0.2 * biasRng.normal();
  const { x, y } = new MinibatchFeed(await loadDataSet(exp), exp.seed, exp.batch).batchAt(3);
  const pass = analyticPass(net, x, y, exp.batch);
  const probe = new LossProbe(net, x, y, exp.batch);
  const rng = new Rng(exp.seed + 1000, 9, exp.depth);
  const tally = { checked: 0, skipped: 0 };
  const check = (arr: Float64Array, analytic: Float64Array, count: number, what: string) => {
    for (let c = 0; c < Math.min(count, arr.length); c++) {
      const i = Math.floor(rng.uniform() * arr.length);
      const fd = probe.derivative(arr, i);
      tally.checked++;
      if (fd === null) {
        tally.skipped++;
        continue;
      }
      expect(
        Math.abs(fd.value - analytic[i]),
        `${what}[${i}]: fd ${fd.value} vs ${analytic[i]}`,
      ).toBeLessThanOrEqual(gradTolerance(analytic[i], fd.loss, fd.h));
    }
  };
  expect(net.layers).toBe(exp.depth + 1);
  for (let l = 0; l < net.layers; l++) {
    check(net.weights[l], pass.dW[l], 4, `dW${l + 1}`);
    check(net.biases![l], pass.db[l], 2, `db${l + 1}`);
  }
  check(x, pass.g[0], 3, 'g0');
  return tally;
}

describe('reference gradients on data sets vs central finite differences', () => {
  for (const loss of ['xent', 'mse'] as const) {
    for (const data of ['spiral', 'digits'] as const) {
      it(`${loss} on ${data}: hidden widths 1, 3, 64; batch 1 and 5; depths 1 and 3`, async () => {
        let checked = 0;
        let skipped = 0;
        for (const [width, batch, depth, act] of [
          [1, 5, 1, 'elu'],
          [3, 1, 3, 'relu'],
          [64, 5, 3, 'selu'],
          [3, 5, 1, 'hybrid'],
        ] as const) {
          const t = await gradCheck(
            experimentWith({ data, loss, width, batch, depth, act, knob: 0.4, seed: width + depth }),
          );
          checked += t.checked;
          skipped += t.skipped;
        }
        expect(skipped).toBeLessThanOrEqual(Math.ceil(0.05 * checked));
        expect(checked).toBeGreaterThan(40);
      });
    }
  }
});
