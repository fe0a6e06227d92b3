/**
 * The WASM engine on data sets, beyond the shared conformance suite (tests/engine/conformance.ts
 * dataConformanceCases): logits() against the reference, and what it must leave alone (the page reads the
 * histograms after the accuracy); kernel threads give the single-threaded numbers; runs are deterministic;
 * the memory kept between experiments holds what init() would upload, across data sets and none.
 */
import './relaxed-simd';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/backend';
import { loadDataSet } from '../../src/engine/data/dataset';
import type { Experiment } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import { experimentWith } from '../../src/state/schema';
import { WasmBackend } from '../../src/wasm/backend';
import { spawnNodeThread } from '../../src/wasm/spawn-node';

const open: WasmBackend[] = [];
afterAll(() => open.forEach((b) => b.dispose()));

function backend(threads = 0): WasmBackend {
  const b = new WasmBackend({
    variant: 'simd',
    threads: threads > 0 ? { count: threads, spawn: spawnNodeThread } : undefined,
  });
  open.push(b);
  return b;
}

/** Trains `steps` steps, then returns the measured pass, every hidden layer's h and the test set's logits. */
async function trainAndRead(b: WasmBackend, exp: Experiment, steps: number) {
  await b.init(exp);
  for (let i = 0; i < steps; i++) await b.step({ train: true });
  const pass = await b.step({ train: false });
  const activations = [];
  for (let l = 1; l <= exp.depth; l++) activations.push(await b.postActivations(l));
  const { test } = await loadDataSet(exp);
  return { pass, activations, logits: await b.logits(test.x, test.count) };
}

describe('WasmBackend.logits', () => {
  const cases: [string, Partial<Experiment>][] = [
    [
      'digits, 10 classes, hybrid, 3 steps',
      { data: 'digits', act: 'hybrid', knob: 0.4, depth: 3, width: 40 },
    ],
    ['spiral, depth 1, width 1', { data: 'spiral', act: 'elu', depth: 1, width: 1 }],
    ['circles, width above one K block', { data: 'circles', act: 'selu', depth: 2, width: 600, batch: 9 }],
  ];
  for (const [label, partial] of cases) {
    it(`${label}: the reference's outputs within float32 rounding; h, statistics and the next pass unchanged`, async () => {
      const exp = experimentWith({ batch: 16, lr: 0.1, sb: 0.1, ...partial });
      const { train } = await loadDataSet(exp);
      const ref = new ReferenceBackend();
      const wasm = backend();
      await ref.init(exp);
      await wasm.init(exp);
      for (let i = 0; i < 3; i++) {
        await ref.step({ train: true });
        await wasm.step({ train: true });
      }
      const pass = await wasm.step({ train: false });
      const before = [];
      for (let l = 1; l <= exp.depth; l++) before.push(await wasm.postActivations(l));

      const got = await wasm.logits(train.x, train.count);
      const want = await ref.logits(train.x, train.count);
      expect(got).toHaveLength(train.count * (exp.data === 'digits' ? 10 : 2));
      // float32 parameters and inputs, products of ≤ 600 terms through ≤ 4 layers: ≲ 1e-5 of the scale.
      const scale = Math.max(...want.map(Math.abs));
      let worst = 0;
      got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want[i]))));
      expect(worst / scale).toBeLessThan(1e-5);

      for (let l = 1; l <= exp.depth; l++)
        expect(await wasm.postActivations(l), `h_${l}`).toEqual(before[l - 1]);
      expect(await wasm.step({ train: false }), 'the measured pass again').toEqual(pass);
      // Some inputs (not the chunk size, not the parts' shares) and none at all.
      expect(await wasm.logits(train.x, 7)).toEqual(got.subarray(0, 7 * (got.length / train.count)));
      expect(await wasm.logits(train.x, 0)).toHaveLength(0);
    });
  }

  it('refuses too few inputs, and experiments without a data set', async () => {
    const wasm = backend();
    await expect(wasm.logits(new Float64Array(4), 1)).rejects.toThrow(/init/);
    await wasm.init(experimentWith({ data: 'digits', depth: 1, width: 4, batch: 2 }));
    await expect(wasm.logits(new Float64Array(64), 2)).rejects.toThrow(RangeError);
    await wasm.init(experimentWith({ depth: 1, width: 4, batch: 2 }));
    await expect(wasm.logits(new Float64Array(4), 1)).rejects.toThrow(/data-set experiment/);
  });
});

describe('data sets with kernel threads give the single-threaded engine’s numbers', () => {
  const cases: [string, Partial<Experiment>][] = [
    [
      'spiral, depth 8, width 64, batch 64 (the bench shape)',
      { data: 'spiral', depth: 8, width: 64, batch: 64 },
    ],
    [
      'digits, odd batch, hybrid, mse',
      { data: 'digits', act: 'hybrid', knob: 0.3, depth: 3, width: 37, batch: 23, loss: 'mse' },
    ],
    [
      'circles, batch 1 (the threads get no rows)',
      { data: 'circles', act: 'selu', depth: 2, width: 20, batch: 1 },
    ],
  ];
  for (const [label, partial] of cases) {
    it(`${label}: h, logits, loss and ‖∂W‖ after 4 SGD steps bit-identical, other statistics within 1e-6`, async () => {
      const exp = experimentWith({ lr: 0.1, sb: 0.1, ...partial });
      const want = await trainAndRead(backend(), exp, 4);
      const multi = backend(2);
      const got = await trainAndRead(multi, exp, 4);
      expect(multi.threadCount).toBe(3);
      got.activations.forEach((h, i) => expect(h, `h_${i + 1}`).toEqual(want.activations[i]));
      expect(got.logits).toEqual(want.logits);
      expect(got.pass.loss).toBe(want.pass.loss);
      got.pass.layers.forEach((layer, i) => {
        const ref = want.pass.layers[i];
        for (const key of Object.keys(ref) as (keyof typeof ref)[]) {
          if (key === 'dead' || key === 'saturated' || key === 'layer' || key === 'weightGradNorm')
            expect(layer[key], `layer ${i + 1} ${key}`).toBe(ref[key]);
          else {
            // A mean's natural scale is its layer's standard deviation (means near 0 have no digits).
            const spread = key === 'preMean' ? ref.preVar : key === 'postMean' ? ref.postVar : 0;
            const scale = Math.max(Math.abs(ref[key] as number), Math.sqrt(spread), 1e-30);
            expect(
              Math.abs((layer[key] as number) - (ref[key] as number)),
              `layer ${i + 1} ${key}`,
            ).toBeLessThanOrEqual(1e-6 * scale);
          }
        }
      });
    });
  }
});

describe('data-set runs are deterministic and the kept memory is what init() uploads', () => {
  const exp = experimentWith({
    data: 'spiral',
    act: 'elu',
    depth: 3,
    width: 16,
    batch: 10,
    lr: 0.1,
    steps: 5,
  });

  it('the same experiment twice, on fresh engines and on one reused engine, gives the same run', async () => {
    const strip = ({ ms: _ms, ...rest }: Awaited<ReturnType<typeof runExperiment>>) => rest;
    const first = strip(await runExperiment(backend(), exp));
    expect(strip(await runExperiment(backend(), exp))).toEqual(first);
    const reused = backend();
    await runExperiment(reused, exp);
    expect(strip(await runExperiment(reused, exp)), 'after training on the same engine').toEqual(first);
  });

  it('moving α, or switching data sets and back to none, gives a fresh engine’s numbers', async () => {
    const reused = backend();
    await reused.init(exp);
    await reused.step({ train: false });
    const none = experimentWith({ depth: 3, width: 16, batch: 10 });
    const changes: Experiment[] = [
      { ...exp, alpha: 0.5 },
      { ...exp, noise: 0.3 },
      { ...exp, data: 'circles' },
      none,
      { ...exp, data: 'xor', loss: 'mse' },
      none,
      exp,
    ];
    for (const next of changes) {
      await reused.init(next);
      const got = await reused.step({ train: false });
      const fresh = backend();
      await fresh.init(next);
      expect(got, `${next.data} ${next.alpha} ${next.noise}`).toEqual(await fresh.step({ train: false }));
    }
  });
});

describe('learning (what a user relies on)', () => {
  it('circles, ELU, depth 4 × width 32, batch 64, lr 0.1, 1000 steps: ≥ 95% test accuracy', async () => {
    const exp = experimentWith({
      data: 'circles',
      act: 'elu',
      depth: 4,
      width: 32,
      batch: 64,
      lr: 0.1,
      steps: 1000,
    });
    const run = await runExperiment(backend(), exp);
    expect(run.testAccuracy).toBeGreaterThanOrEqual(0.95);
  }, 20_000);

  it('digits, ELU, depth 2 × width 128, batch 64, lr 0.1, 2000 steps: ≥ 90% test accuracy', async () => {
    const exp = experimentWith({
      data: 'digits',
      act: 'elu',
      depth: 2,
      width: 128,
      batch: 64,
      lr: 0.1,
      steps: 2000,
    });
    const run = await runExperiment(backend(), exp);
    expect(run.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(run.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 20_000);
});
