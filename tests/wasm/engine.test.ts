/**
 * WasmBackend beyond the shared conformance suite: a width above the kernel's K block (KC = 512), so every
 * X·W and δ·Wᵀ product accumulates partial tiles across K blocks and B is packed in several column blocks,
 * with bias, training and the hybrid knob; and the engine's contract (init before step, dispose).
 */
import './relaxed-simd';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/engine/backend';
import { experimentWith } from '../../src/state/schema';
import { WasmBackend } from '../../src/wasm/backend';
import { expectStatsMatch, referenceRun } from '../engine/conformance';

// Same tolerance and reasoning as tests/wasm/conformance.test.ts; K = 600 here, so float32 dot products
// carry √600·u ≈ 1.5e-6 relative error, still far inside 1e-3.
const TOL = { rel: 1e-3, abs: 1e-5 };

describe('WasmBackend on products longer than one K block', () => {
  it('width 600 (K blocked 512 + 88), hybrid, bias, 2 SGD steps: matches the reference', async () => {
    const exp = experimentWith({
      act: 'hybrid',
      knob: 0.4,
      depth: 2,
      width: 600,
      batch: 7,
      sb: 0.2,
      steps: 2,
      lr: 0.05,
    });
    const want = await referenceRun(exp);
    const backend = new WasmBackend();
    try {
      const got = await runExperiment(backend, exp);
      expectStatsMatch(got.layers, got.loss, want, exp, TOL);
    } finally {
      backend.dispose();
    }
  });
});

describe('WasmBackend contract', () => {
  it('reports kind wasm, refuses to step before init and after dispose', async () => {
    const backend = new WasmBackend();
    expect(backend.kind).toBe('wasm');
    await expect(backend.step({ train: false })).rejects.toThrow(/init/);
    await backend.init(experimentWith({ depth: 1, width: 4, batch: 2 }));
    const { layers } = await backend.step({ train: false });
    expect(layers).toHaveLength(1);
    backend.dispose();
    await expect(backend.step({ train: false })).rejects.toThrow(/init/);
  });
});
