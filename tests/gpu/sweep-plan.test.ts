/**
 * The CPU side of the WebGPU engine's batched measureMany (src/gpu/sweep/): which experiments run batched and
 * in which groups, each cell's weight scale against init.ts's own weights, the stacked inputs, and the chunk
 * plan under the memory budget and the device's binding limits.
 */
import { describe, expect, it } from 'vitest';
import { initBias, initWeights, makeInputs } from '../../src/engine/init';
import { cellParams, groupDraws, piecesOf, stackedInputs } from '../../src/gpu/sweep/group';
import { CELL_FLOATS } from '../../src/gpu/sweep/kernels';
import { CHUNK_BYTES, CHUNK_MS, nextChunk, planChunk } from '../../src/gpu/sweep/plan';
import type { MemoryLimits } from '../../src/gpu/memory';
import { experimentWith } from '../../src/state/schema';

const LIMITS: MemoryLimits = {
  minStorageBufferOffsetAlignment: 256,
  minUniformBufferOffsetAlignment: 256,
  maxBufferSize: 2 ** 31,
  maxStorageBufferBindingSize: 2 ** 27,
  maxComputeWorkgroupsPerDimension: 65535,
};

const small = { depth: 3, width: 17, batch: 6, seed: 3, init: 'custom' as const };

describe('sweep groups', () => {
  it('gathers untrained cells of one shape, runs the others (and groups of one) on their own', () => {
    const list = [
      { ...small, sw: 1 },
      { ...small, sw: 2, steps: 1 },
      { ...small, act: 'relu' as const },
      { ...small, sw: 1.5, sb: 0.2, alpha: 0.3, in_std: 2 },
      { ...small, data: 'spiral' as const },
      { ...small, seed: 4 },
      { ...small, sw: 3, init: 'he' as const },
    ].map((e) => experimentWith(e));
    expect(piecesOf(list)).toEqual([
      { indices: [0, 3, 6], batched: true },
      { indices: [1], batched: false },
      { indices: [2], batched: false },
      { indices: [4], batched: false },
      { indices: [5], batched: false },
    ]);
  });

  for (const dist of ['normal', 'uniform', 'orthogonal'] as const) {
    for (const nonneg of [0, 1]) {
      it(`scales the shared unit draw to each cell's own weights and biases (${dist}, nonneg ${nonneg})`, () => {
        const cells = [
          { sw: 0.7, sb: 0.4 },
          { init: 'he' as const, sb: 0 },
          { init: 'xavier' as const, sb: 1.3 },
        ].map((o) => experimentWith({ ...small, dist, nonneg, ...o }));
        const draws = groupDraws(cells[0]);
        const params = cellParams(cells, draws);
        cells.forEach((e, i) => {
          const [scale, sb] = params.subarray(i * CELL_FLOATS, i * CELL_FLOATS + 2);
          for (let l = 1; l <= small.depth; l++) {
            const own = initWeights(e, l);
            const unit = draws.weights(l);
            for (let j = 0; j < own.length; j++) expect(scale * unit[j]).toBeCloseTo(own[j], 6);
            const bias = initBias(e, l);
            const b = draws.bias(l);
            for (let j = 0; j < bias.length; j++) expect(sb * b[j]).toBeCloseTo(bias[j], 6);
          }
        });
      });
    }
  }

  it("stacks each cell's inputs at its rows, padding rows zero", () => {
    const cells = [{ in_mean: 0.5, in_std: 2 }, {}].map((o) => experimentWith({ ...small, ...o }));
    const x = stackedInputs(cells, groupDraws(cells[0]), 6, 17, 64, 20);
    cells.forEach((e, i) => {
      const own = makeInputs(e);
      for (let r = 0; r < 64; r++) {
        for (let c = 0; c < 20; c++) {
          const want = r < 6 && c < 17 ? Math.fround(own[r * 17 + c]) : 0;
          expect(x[(i * 64 + r) * 20 + c]).toBe(want);
        }
      }
    });
  });
});

describe('sweep chunk plan', () => {
  const big = experimentWith({ depth: 50, width: 256, batch: 128, init: 'custom' });

  it('fits a chunk in CHUNK_BYTES, the budget and the binding limit', () => {
    const plan = planChunk(big, 256, 'gradients', 'tiled', LIMITS, 2 * 1024 ** 3);
    expect(plan.capacity).toBeGreaterThan(8);
    expect(plan.capacity).toBeLessThan(256);
    expect(plan.totalBytes - plan.weightBuffers * plan.weightBytes).toBeLessThanOrEqual(CHUNK_BYTES * 1.1);
    expect(plan.tensorBytes).toBeLessThanOrEqual(LIMITS.maxStorageBufferBindingSize);
    expect(plan.zTensors).toBe(50);
    expect(plan.hTensors).toBe(2);
    // Forward statistics only keep two z tensors: more cells per chunk.
    expect(planChunk(big, 256, 'forward', 'tiled', LIMITS, 2 * 1024 ** 3).capacity).toBeGreaterThan(
      plan.capacity,
    );
    // A small list is one chunk of its size.
    expect(planChunk(big, 5, 'all', 'tiled', LIMITS, 2 * 1024 ** 3).capacity).toBe(5);
  });

  it('gives capacity 0 (cell by cell on the engine) when one cell does not fit', () => {
    const tight = planChunk(big, 256, 'all', 'tiled', LIMITS, 20 * 1024 ** 2);
    expect(tight.capacity).toBe(0);
    expect(tight.reason).not.toBe('');
    const binding = { ...LIMITS, maxStorageBufferBindingSize: 64 * 1024 };
    expect(planChunk(big, 256, 'forward', 'tiled', binding, 2 * 1024 ** 3).capacity).toBe(0);
  });

  it('pads each cell to whole tiles of rows', () => {
    expect(planChunk(experimentWith(small), 4, 'all', 'tiled', LIMITS, 1e9).shape.bp).toBe(64);
    expect(planChunk(experimentWith(small), 4, 'all', 'subgroup', LIMITS, 1e9).shape.bp).toBe(32);
  });
});

describe('sweep chunk timing', () => {
  it('grows fast chunks (at most 4× at a time) up to the capacity, shrinks slow ones to one cell', () => {
    expect(nextChunk(4, 10, 37)).toBe(16);
    expect(nextChunk(16, 10, 37)).toBe(37);
    expect(nextChunk(8, CHUNK_MS, 37)).toBe(8);
    expect(nextChunk(8, 4 * CHUNK_MS, 37)).toBe(2);
    expect(nextChunk(4, 60_000, 37)).toBe(1);
  });
});
