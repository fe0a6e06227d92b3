/**
 * Gradient checks of the reference engine's backward pass against central finite differences of its loss
 * (float64; tolerance and kink handling in ./fd.ts): ∂loss/∂W_l, ∂loss/∂b_l, ∂loss/∂k_l (hybrid), the input
 * gradient g_0, and g_l = ∂loss/∂h_l of an inner layer (as the input gradient of the network made of the
 * layers above it), for every activation, both losses, depths 1, 2, 5 and odd shapes. Entries are sampled
 * with a seeded generator, so every run checks the same ones.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, LOSSES } from '../../../src/engine/experiment';
import type { Experiment } from '../../../src/engine/experiment';
import { makeInputs, makeTargets } from '../../../src/engine/init';
import { Rng } from '../../../src/engine/random';
import { createNetwork } from '../../../src/engine/reference/network';
import { experimentWith } from '../../../src/state/schema';
import { LossProbe, analyticPass, gradTolerance, subNetwork } from './fd';

const SHAPES = [
  { width: 3, batch: 4 },
  { width: 1, batch: 3 },
  { width: 257, batch: 2 },
  { width: 4, batch: 1 },
];
const DEPTHS = [1, 2, 5];

interface Tally {
  checked: number;
  skipped: number;
}

/** Checks `count` sampled entries of `analytic` = ∂loss/∂arr against finite differences. */
function checkEntries(
  probe: LossProbe,
  arr: Float64Array,
  analytic: Float64Array,
  count: number,
  rng: Rng,
  what: string,
  tally: Tally,
): void {
  for (let c = 0; c < Math.min(count, arr.length); c++) {
    const i = Math.floor(rng.uniform() * arr.length);
    const fd = probe.derivative(arr, i);
    tally.checked++;
    if (fd === null) {
      tally.skipped++;
      continue;
    }
    const err = Math.abs(fd.value - analytic[i]);
    expect(err, `${what}[${i}]: fd ${fd.value} vs analytic ${analytic[i]}`).toBeLessThanOrEqual(
      gradTolerance(analytic[i], fd.loss, fd.h),
    );
  }
}

function gradCheck(exp: Experiment): Tally {
  const tally: Tally = { checked: 0, skipped: 0 };
  const net = createNetwork(exp);
  const x = makeInputs(exp);
  const y = makeTargets(exp);
  const rng = new Rng(exp.seed + 1000, 9, exp.depth);
  const pass = analyticPass(net, x, y, exp.batch);
  const probe = new LossProbe(net, x, y, exp.batch);
  expect(net.biases === null).toBe(exp.sb === 0);
  for (let l = 0; l < exp.depth; l++) {
    checkEntries(probe, net.weights[l], pass.dW[l], 3, rng, `dW${l + 1}`, tally);
    if (net.biases) checkEntries(probe, net.biases[l], pass.db[l], 2, rng, `db${l + 1}`, tally);
  }
  if (exp.act === 'hybrid') checkEntries(probe, net.knobs, pass.dk, exp.depth, rng, 'dk', tally);
  else expect(Array.from(pass.dk)).toEqual(new Array(exp.depth).fill(0));
  // g_0 = ∂loss/∂x, by perturbing the inputs.
  checkEntries(probe, x, pass.g[0], 3, rng, 'g0', tally);
  // g_l of an inner layer: the input gradient of layers l+1..L fed with h_l.
  if (exp.depth >= 2) {
    const from = Math.floor(exp.depth / 2);
    const sub = subNetwork(net, from);
    const hl = pass.h[from].slice();
    const subPass = analyticPass(sub, hl, y, exp.batch);
    expect(Array.from(subPass.g[0])).toEqual(Array.from(pass.g[from]));
    checkEntries(new LossProbe(sub, hl, y, exp.batch), hl, subPass.g[0], 3, rng, `g${from}`, tally);
  }
  return tally;
}

describe('reference backward pass vs central finite differences', () => {
  for (const act of ACTIVATIONS) {
    // Cross-entropy needs a data set: gradcheck-data.test.ts.
    for (const loss of LOSSES.filter((l) => l !== 'xent')) {
      it(`${act}, ${loss}: depths ${DEPTHS.join('/')}, widths/batches ${SHAPES.map((s) => `${s.width}×${s.batch}`).join(' ')}`, () => {
        const total: Tally = { checked: 0, skipped: 0 };
        DEPTHS.forEach((depth, di) => {
          SHAPES.forEach((shape, si) => {
            const exp = experimentWith({
              act,
              loss,
              depth,
              ...shape,
              // Kinks in φ′ at 0 for every ELU-family member (α ≠ 1), a visible leak, a mid-way blend.
              ...(act === 'elu' ? { alpha: 1.3 } : {}),
              slope: 0.1,
              knob: 0.4,
              sb: (di + si) % 2 === 0 ? 0.3 : 0,
              in_mean: 0.2,
              seed: 7 + 13 * di + si,
            });
            const t = gradCheck(exp);
            total.checked += t.checked;
            total.skipped += t.skipped;
          });
        });
        // Kink crossings at h ≤ 1e-5 are rare with continuous random data; never more than a few.
        expect(total.skipped).toBeLessThanOrEqual(Math.ceil(0.02 * total.checked));
        expect(total.checked).toBeGreaterThan(50);
      });
    }
  }
});
