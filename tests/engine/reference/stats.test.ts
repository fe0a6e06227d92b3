/**
 * The reference engine's statistics against closed forms and against an independent, deliberately naive
 * recomputation (plain triple loops, one-pass sums), with the tolerance of each check stated where it is made.
 */
import { describe, expect, it } from 'vitest';
import { activationOf } from '../../../src/engine/activations';
import { runExperiment } from '../../../src/engine/backend';
import type { Experiment, LayerStats } from '../../../src/engine/experiment';
import { initBias, initWeights, makeInputs, makeTargets } from '../../../src/engine/init';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { createPass, squareWidths } from '../../../src/engine/reference/network';
import type { Network } from '../../../src/engine/reference/network';
import { forward } from '../../../src/engine/reference/propagate';
import { meanVar } from '../../../src/engine/reference/stats';
import { experimentWith } from '../../../src/state/schema';

/** Independent recomputation of one pass's statistics and loss, with naive loops over explicit indices. */
function naiveStats(exp: Experiment): { layers: LayerStats[]; loss: number } {
  const { width: n, batch: B, depth: L } = exp;
  const act = activationOf(exp);
  const x = makeInputs(exp);
  const y = makeTargets(exp);
  const W = Array.from({ length: L }, (_, l) => initWeights(exp, l + 1));
  const b = Array.from({ length: L }, (_, l) => initBias(exp, l + 1));
  const hs: number[][][] = [
    Array.from({ length: B }, (_, r) => Array.from({ length: n }, (_, j) => x[r * n + j])),
  ];
  const zs: number[][][] = [];
  for (let l = 0; l < L; l++) {
    const z = hs[l].map((row) =>
      Array.from({ length: n }, (_, j) => {
        let s = exp.sb > 0 ? b[l][j] : 0;
        for (let i = 0; i < n; i++) s += row[i] * W[l][i * n + j];
        return s;
      }),
    );
    zs.push(z);
    hs.push(z.map((row) => row.map(act.phi)));
  }
  const out = hs[L];
  let loss = 0;
  const gs: number[][][] = new Array(L + 1);
  gs[L] = out.map((row, r) =>
    row.map((v, j) => {
      const t = y[r * n + j];
      loss += exp.loss === 'mse' ? ((v - t) * (v - t)) / (2 * B) : (v * t) / B;
      return exp.loss === 'mse' ? (v - t) / B : t / B;
    }),
  );
  const layers: LayerStats[] = new Array(L);
  for (let l = L; l >= 1; l--) {
    const z = zs[l - 1];
    const g = gs[l];
    const delta = z.map((row, r) => row.map((v, j) => g[r][j] * act.dphi(v)));
    let dw2 = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < B; r++) s += hs[l - 1][r][i] * delta[r][j];
        dw2 += s * s;
      }
    }
    gs[l - 1] = delta.map((row) =>
      Array.from({ length: n }, (_, i) => row.reduce((s, d, j) => s + d * W[l - 1][i * n + j], 0)),
    );
    const flat = (t: number[][]): number[] => t.flat();
    const m1 = (v: number[]): number => v.reduce((s, a) => s + a, 0) / v.length;
    const m2 = (v: number[]): number => v.reduce((s, a) => s + a * a, 0) / v.length;
    const zf = flat(z);
    const hf = flat(hs[l]);
    let dead = 0;
    let saturated = 0;
    for (let j = 0; j < n; j++) {
      const d = z.map((row) => act.dphi(row[j]));
      if (d.every((v) => v === 0)) dead++;
      if (d.every((v) => Math.abs(v) < 0.01)) saturated++;
    }
    let dk = 0;
    for (let r = 0; r < B; r++) for (let j = 0; j < n; j++) dk += g[r][j] * act.dphiDknob(z[r][j]);
    const stats: LayerStats = {
      layer: l,
      preMean: m1(zf),
      preVar: m2(zf) - m1(zf) ** 2,
      postMean: m1(hf),
      postVar: m2(hf) - m1(hf) ** 2,
      dead,
      saturated,
      gradNorm: Math.sqrt(flat(g).reduce((s, a) => s + a * a, 0)),
      weightGradNorm: Math.sqrt(dw2),
    };
    layers[l - 1] = exp.act === 'hybrid' ? { ...stats, knob: exp.knob, knobGrad: dk } : stats;
  }
  return { layers, loss };
}

const FIELDS = [
  'preMean',
  'preVar',
  'postMean',
  'postVar',
  'gradNorm',
  'weightGradNorm',
  'knob',
  'knobGrad',
] as const;

describe('reference statistics', () => {
  it('with steps = 0 match a naive recomputation of every layer (rel 1e-9 of the field scale)', async () => {
    const cases: Partial<Experiment>[] = [
      { act: 'elu', sb: 0.5, in_mean: 0.5 },
      { act: 'relu', init: 'he', loss: 'probe', width: 1, batch: 3 },
      { act: 'leaky', slope: 0.2, dist: 'uniform', width: 6, batch: 1 },
      { act: 'selu', dist: 'orthogonal', sb: 0.1 },
      { act: 'silu', init: 'custom', sw: 1.7, loss: 'probe' },
      { act: 'hybrid', knob: 0.6, alpha: 1.4, sb: 0.2 },
      { act: 'elu', sb: 4, in_mean: -1 },
    ];
    for (const c of cases) {
      const exp = experimentWith({ depth: 4, width: 7, batch: 5, seed: 3, ...c });
      const got = await runExperiment(new ReferenceBackend(), exp);
      const want = naiveStats(exp);
      const near = (a: number, b: number, scale: number): boolean =>
        Math.abs(a - b) <= 1e-9 * (scale + 1e-300);
      expect(near(got.loss, want.loss, Math.abs(want.loss) + 1)).toBe(true);
      got.layers.forEach((s, i) => {
        const w = want.layers[i];
        expect(s.layer).toBe(i + 1);
        expect(s.dead).toBe(w.dead);
        expect(s.saturated).toBe(w.saturated);
        for (const f of FIELDS) {
          if (exp.act !== 'hybrid' && (f === 'knob' || f === 'knobGrad')) {
            expect(s[f]).toBeUndefined();
            continue;
          }
          // Means are compared on the scale of the std (one-pass vs two-pass sums differ by rounding only).
          const scale =
            f === 'preMean'
              ? Math.sqrt(w.preVar) + Math.abs(w.preMean)
              : f === 'postMean'
                ? Math.sqrt(w.postVar) + Math.abs(w.postMean)
                : Math.abs(w[f] as number) + 1e-12;
          expect(
            near(s[f] as number, w[f] as number, scale),
            `${c.act} layer ${i + 1} ${f}: ${s[f]} vs ${w[f]}`,
          ).toBe(true);
        }
      });
    }
  });

  it('SELU + LeCun normal + N(0,1) inputs keep mean ≈ 0 and variance ≈ 1 over 50 layers (width 1024)', () => {
    // Fixed point (μ, ν) = (0, 1) of the SELU map (Klambauer et al. 2017). Tolerance: |mean| < 0.1,
    // |var − 1| < 0.15 for z and h of every layer; finite-width fluctuations are O(√(2/1024)) ≈ 0.04.
    const exp = experimentWith({
      act: 'selu',
      init: 'lecun',
      dist: 'normal',
      width: 1024,
      batch: 16,
      depth: 50,
    });
    // Layer by layer: the engine's forward on a one-layer network holding W_l = initWeights(exp, l), so only
    // one 8 MB weight matrix is alive at a time.
    const size = exp.batch * exp.width;
    const pass = createPass(exp.batch, squareWidths(exp.width, 1));
    let h = makeInputs(exp);
    for (let l = 1; l <= exp.depth; l++) {
      const layer: Network = {
        exp,
        shape: {
          inputs: exp.width,
          width: exp.width,
          depth: 1,
          outputs: exp.width,
          readout: false,
          bias: false,
        },
        layers: 1,
        widths: squareWidths(exp.width, 1),
        width: exp.width,
        depth: 1,
        weights: [initWeights(exp, l)],
        biases: null,
        knobs: new Float64Array(1),
      };
      forward(layer, h, pass);
      for (const t of [pass.z[0], pass.h[1]]) {
        const { mean, variance } = meanVar(t, size);
        expect(Math.abs(mean), `layer ${l} mean`).toBeLessThan(0.1);
        expect(Math.abs(variance - 1), `layer ${l} var`).toBeLessThan(0.15);
      }
      h = pass.h[1].slice();
    }
  });

  it('ReLU with batch 1: dead fraction ≈ ½ (binomial, 5σ), dead = saturated', async () => {
    // Given h_{l−1} ≠ 0, the z_j = Σ_i h_i W_ij are independent and symmetric (normal weights, no bias), so each
    // unit is dead with probability exactly ½ and the total over N units is Binomial(N, ½): σ = √N/2.
    const exp = experimentWith({ act: 'relu', init: 'he', width: 256, batch: 1, depth: 8, seed: 4 });
    const { layers } = await runExperiment(new ReferenceBackend(), exp);
    const N = exp.width * exp.depth;
    let dead = 0;
    for (const s of layers) {
      expect(s.postVar).toBeGreaterThan(0); // h_l ≠ 0, the premise above
      expect(s.saturated).toBe(s.dead);
      dead += s.dead;
    }
    expect(Math.abs(dead - N / 2)).toBeLessThan((5 * Math.sqrt(N)) / 2);
  });

  it('dead units are those with φ′ exactly 0: ELU at z ≈ −50 is saturated, never dead', async () => {
    // Bias std 100 puts many units near z ≈ −50..−300 for every example: α·e^z > 0 there (e^−300 ≈ 5e−131).
    const exp = experimentWith({ act: 'elu', sb: 100, width: 64, batch: 4, depth: 2, init: 'lecun' });
    const { layers } = await runExperiment(new ReferenceBackend(), exp);
    expect(layers[0].saturated).toBeGreaterThan(0);
    for (const s of layers) expect(s.dead).toBe(0);
  });
});
