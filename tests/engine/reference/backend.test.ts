/**
 * ReferenceBackend behaviour: the SGD update (exact form, first-order decrease of the loss, bias only when
 * sb > 0, projected knob), the hybrid's knob gradient (exactly 0 when every z > 0; ReLU at k = 0 and ELU at
 * k = 1), determinism and the lifecycle.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/engine/backend';
import type { Experiment } from '../../../src/engine/experiment';
import { makeInputs, makeTargets } from '../../../src/engine/init';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { createNetwork, createPass } from '../../../src/engine/reference/network';
import { backward, forward, lossAndGrad, sgdUpdate } from '../../../src/engine/reference/propagate';
import { layerStats } from '../../../src/engine/reference/stats';
import { experimentWith } from '../../../src/state/schema';

/** Forward, loss and backward on `net`; returns the pass and loss. */
function evaluate(net: ReturnType<typeof createNetwork>, x: Float64Array, y: Float64Array) {
  const pass = createPass(net.exp.batch, net.widths);
  forward(net, x, pass);
  const loss = lossAndGrad(
    net.exp.loss,
    pass.h[net.layers],
    y,
    pass.g[net.layers],
    net.exp.batch,
    net.widths[net.layers],
  );
  backward(net, pass);
  return { pass, loss };
}

describe('ReferenceBackend SGD', () => {
  it('updates W −= lr·∂W and b −= lr·∂b exactly; no bias exists or is trained when sb = 0', () => {
    for (const sb of [0, 0.5]) {
      const exp = experimentWith({ act: 'elu', depth: 3, width: 6, batch: 4, sb, lr: 0.3 });
      const net = createNetwork(exp);
      expect(net.biases === null).toBe(sb === 0);
      const { pass } = evaluate(net, makeInputs(exp), makeTargets(exp));
      const w0 = net.weights.map((w) => w.slice());
      const b0 = net.biases?.map((b) => b.slice());
      sgdUpdate(net, pass, exp.lr);
      net.weights.forEach((w, l) => w.forEach((v, i) => expect(v).toBe(w0[l][i] - exp.lr * pass.dW[l][i])));
      net.biases?.forEach((b, l) => b.forEach((v, j) => expect(v).toBe(b0![l][j] - exp.lr * pass.db[l][j])));
      expect(net.biases === null).toBe(sb === 0);
    }
  });

  it('decreases the mse loss by lr·‖∇‖² to first order for a small lr', async () => {
    // L(θ − lr·∇) = L − lr·‖∇‖² + O(lr²): with lr·‖∇‖² ≪ L the ratio is 1 ± O(lr); tolerance ±10 %.
    const cases: Partial<Experiment>[] = [
      { act: 'elu' },
      { act: 'selu', init: 'lecun' },
      { act: 'relu', init: 'he' },
      { act: 'silu', dist: 'orthogonal' },
      { act: 'hybrid', knob: 0.5 },
    ];
    for (const c of cases) {
      const exp = experimentWith({ depth: 4, width: 12, batch: 8, lr: 1e-4, loss: 'mse', ...c });
      const b = new ReferenceBackend();
      await b.init(exp);
      const first = await b.step({ train: true });
      const second = await b.step({ train: false });
      const grad2 = first.layers.reduce((s, l) => s + l.weightGradNorm ** 2 + (l.knobGrad ?? 0) ** 2, 0);
      const drop = first.loss - second.loss;
      expect(drop, c.act).toBeGreaterThan(0);
      expect(drop / (exp.lr * grad2), c.act).toBeGreaterThan(0.9);
      expect(drop / (exp.lr * grad2), c.act).toBeLessThan(1.1);
      b.dispose();
    }
  });

  it('moves each hybrid k by −lr·∂loss/∂k, projected onto [0, 1]', async () => {
    for (const lr of [0.05, 10]) {
      const exp = experimentWith({
        act: 'hybrid',
        knob: 0.5,
        depth: 3,
        width: 8,
        batch: 6,
        lr,
        in_mean: -0.5,
      });
      const b = new ReferenceBackend();
      await b.init(exp);
      const first = await b.step({ train: true });
      const second = await b.step({ train: false });
      first.layers.forEach((s, l) => {
        expect(s.knob).toBe(0.5);
        expect(s.knobGrad).not.toBe(0);
        const want = Math.min(1, Math.max(0, 0.5 - lr * s.knobGrad!));
        expect(second.layers[l].knob).toBe(want);
      });
      const clamped = second.layers.some((s) => s.knob === 0 || s.knob === 1);
      expect(clamped).toBe(lr === 10);
    }
  });
});

describe('hybrid knob gradient', () => {
  it('is exactly 0 when every pre-activation is positive, and not otherwise', () => {
    // Proof of positivity: inputs x > 0 (checked) and weights |W| > 0 without bias give z_1 = x·|W| > 0, hence
    // h_1 = z_1 > 0, and so on up the layers. ∂φ/∂k(z) = 0 for z > 0, so ∂loss/∂k_l = Σ g·0 = 0 exactly.
    const exp = experimentWith({
      act: 'hybrid',
      knob: 0.5,
      depth: 3,
      width: 5,
      batch: 4,
      in_mean: 5,
      in_std: 1,
    });
    const x = makeInputs(exp);
    const y = makeTargets(exp);
    expect(Math.min(...x)).toBeGreaterThan(0);
    const signed = createNetwork(exp);
    const positive = createNetwork(exp);
    for (const w of positive.weights) w.forEach((v, i) => (w[i] = Math.abs(v)));
    const pos = evaluate(positive, x, y).pass;
    for (const z of pos.z) expect(Math.min(...z)).toBeGreaterThan(0);
    for (const s of layerStats(positive, pos)) expect(s.knobGrad).toBe(0);
    // With signed weights some z < 0 in every layer, and the gradient is non-zero.
    const sig = evaluate(signed, x, y).pass;
    for (const s of layerStats(signed, sig)) expect(s.knobGrad).not.toBe(0);
  });

  it('hybrid with k = 0 is ReLU and with k = 1 is ELU_α, field by field', async () => {
    for (const [knob, act] of [
      [0, 'relu'],
      [1, 'elu'],
    ] as const) {
      const base = { depth: 4, width: 9, batch: 5, alpha: 1.3, sb: 0.2, lr: 0, steps: 2 };
      const h = await runExperiment(new ReferenceBackend(), experimentWith({ ...base, act: 'hybrid', knob }));
      const r = await runExperiment(new ReferenceBackend(), experimentWith({ ...base, act }));
      expect(h.loss).toBe(r.loss);
      h.layers.forEach((s, l) => {
        const { knob: k, knobGrad: _g, ...rest } = s;
        expect(k).toBe(knob);
        expect(rest).toEqual(r.layers[l]);
      });
    }
  });
});

describe('ReferenceBackend lifecycle', () => {
  it('is deterministic, depends on the seed, and refuses to step before init or after dispose', async () => {
    const exp = experimentWith({ act: 'selu', depth: 3, width: 10, batch: 3, steps: 2, sb: 0.1 });
    const a = await runExperiment(new ReferenceBackend(), exp);
    const b = await runExperiment(new ReferenceBackend(), exp);
    expect(a.backend).toBe('reference');
    expect(a.layers).toEqual(b.layers);
    expect(a.loss).toBe(b.loss);
    const c = await runExperiment(new ReferenceBackend(), { ...exp, seed: 2 });
    expect(c.loss).not.toBe(a.loss);
    const backend = new ReferenceBackend();
    await expect(backend.step({ train: false })).rejects.toThrow(/init/);
    await backend.init(exp);
    await backend.step({ train: false });
    backend.dispose();
    await expect(backend.step({ train: false })).rejects.toThrow(/init/);
  });

  it('re-initializes from scratch on a second init', async () => {
    const exp = experimentWith({ act: 'elu', depth: 2, width: 6, batch: 3, lr: 0.5 });
    const backend = new ReferenceBackend();
    await backend.init(exp);
    const first = await backend.step({ train: true });
    await backend.init(exp);
    const again = await backend.step({ train: false });
    expect(again).toEqual(first);
  });
});
