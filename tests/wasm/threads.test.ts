/**
 * The WASM engine with kernel threads (Node worker_threads here; module Workers in a cross-origin isolated
 * page): each pass of a step is cut into parts computed at once in one shared memory (the batch's rows through
 * every layer for the forward pass and the chain of ∂loss/∂h, whole layers for ∂W).
 *
 * What a user relies on: the same link gives the same network whatever the thread count. The products are
 * the same float32 arithmetic per element whichever thread computes them (rows are cut at tile boundaries),
 * so activations and trained weights must be bit-identical to the single-threaded engine's, and so must
 * ‖∂loss/∂W‖ (each ∂W is computed whole by one thread). Only the float64 sums of the forward statistics and
 * of ‖∂loss/∂h‖² are added in another order, and each part's variance sums are shifted by its own first
 * element before float32 tile sums are taken, which moves a variance by ~1e-9 relative (measured 4e-9) and a
 * mean by ~1e-8 of its layer's standard deviation: those must agree within RTOL = 1e-6 of their scale, far
 * below what the page prints and far above that noise.
 * Plus the shared conformance suite against the float64 reference, with 2 kernel threads (3 uneven shares).
 */
import './relaxed-simd';
import { afterAll, describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/engine/experiment';
import { experimentWith } from '../../src/state/schema';
import { WasmBackend } from '../../src/wasm/backend';
import { spawnNodeThread } from '../../src/wasm/spawn-node';
import { describeConformance } from '../engine/conformance';

const RTOL = 1e-6;
const threaded = (count: number) => new WasmBackend({ threads: { count, spawn: spawnNodeThread } });

describeConformance('wasm with 2 kernel threads', () => threaded(2), { rel: 1e-3, abs: 1e-5 });

const open: WasmBackend[] = [];
afterAll(() => open.forEach((b) => b.dispose()));

/** Trains `steps` steps on `backend`, then returns the measured pass and every layer's activations. */
async function trainAndRead(backend: WasmBackend, exp: Experiment, steps: number) {
  await backend.init(exp);
  for (let i = 0; i < steps; i++) await backend.step({ train: true });
  const pass = await backend.step({ train: false });
  const activations = [];
  for (let l = 1; l <= exp.depth; l++) activations.push(await backend.postActivations(l));
  return { pass, activations };
}

/** |got − want| ≤ RTOL·scale; a mean's natural scale is its standard deviation (means near 0 have no digits). */
function expectClose(got: number, want: number, what: string, scale = Math.abs(want)): void {
  const err = Math.abs(got - want);
  if (err > RTOL * Math.max(scale, 1e-30)) throw new Error(`${what}: ${got} vs ${want}`);
}

describe('kernel threads give the single-threaded engine’s numbers', () => {
  const cases: [string, Partial<Experiment>][] = [
    ['default shapes, ELU', { depth: 4, width: 64, batch: 64 }],
    [
      'odd batch and width, hybrid, bias',
      { act: 'hybrid', knob: 0.3, depth: 3, width: 37, batch: 23, sb: 0.1 },
    ],
    ['batch 1 (the threads get no rows of X·W)', { act: 'selu', depth: 3, width: 20, batch: 1 }],
    ['width above one K block, probe loss', { depth: 2, width: 600, batch: 9, loss: 'probe' }],
  ];
  for (const [label, partial] of cases) {
    it(`${label}: activations after 3 SGD steps and ‖∂W‖ bit-identical, other statistics within ${RTOL}`, async () => {
      const exp = experimentWith({ lr: 0.05, ...partial });
      const single = new WasmBackend();
      const multi = threaded(2);
      open.push(single, multi);
      const want = await trainAndRead(single, exp, 3);
      const got = await trainAndRead(multi, exp, 3);
      expect(multi.threadCount).toBe(3);
      expect(multi.threadsUnavailable).toBeNull();
      got.activations.forEach((h, i) => expect(h, `h_${i + 1}`).toEqual(want.activations[i]));
      expectClose(got.pass.loss, want.pass.loss, 'loss');
      got.pass.layers.forEach((layer, i) => {
        const ref = want.pass.layers[i];
        for (const key of Object.keys(ref) as (keyof typeof ref)[]) {
          if (key === 'dead' || key === 'saturated' || key === 'layer' || key === 'weightGradNorm')
            expect(layer[key], `layer ${i + 1} ${key}`).toBe(ref[key]);
          else {
            const spread = key === 'preMean' ? ref.preVar : key === 'postMean' ? ref.postVar : 0;
            const want = ref[key] as number;
            const scale = Math.max(Math.abs(want), Math.sqrt(spread));
            expectClose(layer[key] as number, want, `layer ${i + 1} ${key}`, scale);
          }
        }
      });
    });
  }
});

describe('one engine across experiments (memory kept between inits)', () => {
  it('moving α after training re-uploads the seeded weights: same numbers as a fresh engine', async () => {
    const exp = experimentWith({ depth: 3, width: 16, batch: 8, sb: 0.2, lr: 0.5 });
    const reused = new WasmBackend();
    open.push(reused);
    await reused.init(exp);
    await reused.step({ train: false });
    await reused.step({ train: true }); // changes W and b in memory
    const moved = { ...exp, alpha: 0.5 };
    await reused.init(moved);
    const got = await reused.step({ train: false });
    const fresh = new WasmBackend();
    open.push(fresh);
    await fresh.init(moved);
    expect(got).toEqual(await fresh.step({ train: false }));
  });

  it('moving α without training keeps the uploaded draws and gives a fresh engine’s numbers', async () => {
    const exp = experimentWith({ act: 'hybrid', knob: 0.2, depth: 3, width: 16, batch: 8, sb: 0.2 });
    const reused = new WasmBackend();
    open.push(reused);
    await reused.init(exp);
    await reused.step({ train: false });
    for (const change of [{ alpha: 0.4 }, { knob: 0.9 }, { lr: 0.3, steps: 2 }, { seed: 7 }, { width: 9 }]) {
      const next = { ...exp, ...change };
      await reused.init(next);
      const got = await reused.step({ train: false });
      const fresh = new WasmBackend();
      open.push(fresh);
      await fresh.init(next);
      expect(got, JSON.stringify(change)).toEqual(await fresh.step({ train: false }));
    }
  });
});
