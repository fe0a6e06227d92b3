/**
 * Activation checkpointing in the WASM engine (issue 18): a network that does not fit keeps h only at the
 * boundaries of segments of s hidden layers, and its backward pass recomputes each segment from its checkpoint
 * just before that segment's part of the chain of g and of the ∂W products (src/wasm/passes.ts
 * checkpointedBackward). The recomputation runs the forward pass's own jobs (same kernels, order and thread
 * split), so everything a user sees must be bit-identical to the full-memory path: every step's statistics
 * (forward ones from the first pass, ‖∂loss/∂h‖, ‖∂W‖, the hybrid's ∂loss/∂k), the loss, and, after a few SGD
 * steps, every layer's activations and a data set's logits (which depend on every trained weight and bias).
 * Segment lengths that divide the depth and that do not (a short top segment), 1 (every layer a checkpoint)
 * and the depth (nothing checkpointed), with and without kernel threads (3 uneven parts of an odd batch).
 * And the memory: the layout shrinks as the budget (src/engine/budget.ts bytesWithSegment) predicts, the
 * engine's memory after init stays within that estimate plus scratch, and the depth-300 network fits.
 */
import './relaxed-simd';
import { afterAll, describe, expect, it } from 'vitest';
import type { StepResult } from '../../src/engine/backend';
import { bytesWithSegment, checkpointPlan, estimateBytes, MEMORY_LIMIT } from '../../src/engine/budget';
import { loadDataSet } from '../../src/engine/data/dataset';
import type { Experiment } from '../../src/engine/experiment';
import { experimentWith } from '../../src/state/schema';
import { WasmBackend } from '../../src/wasm/backend';
import { JOB_BYTES } from '../../src/wasm/job';
import { instantiateKernels } from '../../src/wasm/kernels';
import { planLayout } from '../../src/wasm/layout';
import { spawnNodeThread } from '../../src/wasm/spawn-node';

const open: WasmBackend[] = [];
afterAll(() => open.forEach((b) => b.dispose()));

/** An engine (plain SIMD), with `segment` forced (undefined: the budget's plan) and `threads` kernel threads. */
function engine(segment?: number, threads = 0): WasmBackend {
  const b = new WasmBackend({
    variant: 'simd',
    checkpointSegment: segment,
    threads: threads > 0 ? { count: threads, spawn: spawnNodeThread } : undefined,
  });
  open.push(b);
  return b;
}

interface Run {
  passes: StepResult[];
  activations: Float32Array[];
  logits: Float32Array | null;
  bytes: number;
}

/** `steps` training steps and a measured pass; every layer's h (read top down), and the test set's logits. */
async function run(b: WasmBackend, exp: Experiment, steps: number): Promise<Run> {
  await b.init(exp);
  const passes: StepResult[] = [];
  for (let i = 0; i < steps; i++) passes.push(await b.step({ train: true }));
  passes.push(await b.step({ train: false }));
  const activations: Float32Array[] = [];
  // Top down: every segment is recomputed (the working buffers hold the bottom one after a step).
  for (let l = exp.depth; l >= 1; l--) activations[l - 1] = await b.postActivations(l);
  let logits: Float32Array | null = null;
  if (exp.data !== 'none') {
    const { test } = await loadDataSet(exp);
    logits = await b.logits(test.x, test.count);
  }
  return { passes, activations, logits, bytes: b.layoutBytes ?? 0 };
}

/** The same float32 bits (stricter than toEqual, and fast on long arrays: toEqual takes seconds there). */
function expectBits(got: Float32Array | null, want: Float32Array | null, what: string): void {
  if (got === null || want === null) return expect(got, what).toBe(want);
  expect(got.length, what).toBe(want.length);
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
  let first = -1;
  for (let i = 0; i < a.length && first < 0; i++) if (a[i] !== b[i]) first = i;
  expect(first, `${what}: first element that differs (${got[first]} vs ${want[first]})`).toBe(-1);
}

function expectSame(got: Run, want: Run, what: string): void {
  got.passes.forEach((pass, i) => expect(pass, `${what}: pass ${i + 1}`).toEqual(want.passes[i]));
  got.activations.forEach((h, i) => expectBits(h, want.activations[i], `${what}: h_${i + 1}`));
  expectBits(got.logits, want.logits, `${what}: logits`);
}

const STEPS = 3;

/** Bytes rounded up as the layout's allocator does (64-byte aligned buffers). */
const roundUp = (bytes: number): number => Math.ceil(bytes / 64) * 64;

describe('checkpointed runs give the full-memory numbers, bit for bit', () => {
  const cases: [string, Partial<Experiment>, number[], number][] = [
    ['depth 1 (nothing to checkpoint)', { depth: 1 }, [1], 0],
    ['depth 2, ReLU', { act: 'relu', depth: 2 }, [1], 0],
    ['depth 7, ELU, bias, width 12 (edge tiles)', { depth: 7, width: 12, sb: 0.1 }, [1, 3, 5, 7], 0],
    ['depth 7, hybrid (knob gradients)', { act: 'hybrid', knob: 0.3, depth: 7 }, [1, 3, 5], 0],
    ['depth 64, SELU, probe loss', { act: 'selu', depth: 64, loss: 'probe' }, [1, 3, 5, 8], 0],
    ['depth 64, hybrid, bias', { act: 'hybrid', knob: 0.6, depth: 64, sb: 0.1 }, [5, 8], 0],
    ['digits: layer 1 from 64 features, read-out to 10 classes', { data: 'digits', depth: 7 }, [1, 3, 5], 0],
    ['spiral, depth 2, mse', { data: 'spiral', depth: 2, loss: 'mse' }, [1], 0],
    ['digits, hybrid', { data: 'digits', act: 'hybrid', knob: 0.4, depth: 7 }, [3], 0],
    ['depth 7, 2 kernel threads', { depth: 7, sb: 0.1 }, [3, 5], 2],
    ['depth 64, hybrid, 2 kernel threads', { act: 'hybrid', knob: 0.3, depth: 64 }, [5], 2],
    ['digits, 2 kernel threads', { data: 'digits', depth: 7 }, [3], 2],
  ];
  for (const [label, partial, segments, threads] of cases) {
    it(`${label}: segments ${segments.join(', ')}`, async () => {
      const exp = experimentWith({ width: 16, batch: 13, lr: 0.05, ...partial });
      const full = engine(undefined, threads);
      const want = await run(full, exp, STEPS);
      // The default plan keeps every layer of a network this small: nothing changes.
      expect(full.checkpointSegment).toBe(exp.depth);
      if (threads > 0) expect(full.threadCount).toBe(threads + 1);
      for (const segment of segments) {
        const b = engine(segment, threads);
        const got = await run(b, exp, STEPS);
        expect(b.checkpointSegment).toBe(segment);
        expectSame(got, want, `segment ${segment}`);
        // The layout holds what the budget counts: it keeps as many fewer [batch, width] tensors (each
        // 64-byte aligned), less a longer list of jobs per part (a segment's recomputation and chain of g).
        const tensor = exp.batch * exp.width * 4;
        const fewer = (estimateBytes('wasm', exp) - bytesWithSegment('wasm', exp, segment)) / tensor;
        const layers = exp.depth + (exp.data === 'none' ? 0 : 1);
        const jobs = segment < exp.depth ? roundUp(Math.max(layers, 2 * segment + 1) * JOB_BYTES) : 0;
        const moreJobs = (threads + 1) * (jobs > 0 ? jobs - roundUp(layers * JOB_BYTES) : 0);
        expect(want.bytes - got.bytes).toBe(fewer * roundUp(tensor) - moreJobs);
        b.dispose();
      }
    });
  }

  it('reads any layer in any order, and again after logits(), recomputing only what it must', async () => {
    const exp = experimentWith({ data: 'digits', depth: 9, width: 16, batch: 13, sb: 0.1 });
    const want = await run(engine(), exp, 2);
    const b = engine(4);
    await run(b, exp, 2);
    const { test } = await loadDataSet(exp);
    for (const l of [5, 1, 9, 4, 8, 2, 2, 6]) {
      expectBits(await b.postActivations(l), want.activations[l - 1], `h_${l}`);
      if (l === 9) expectBits(await b.logits(test.x, 7), want.logits!.subarray(0, 70), 'logits');
    }
  });

  it('after a training pass, h is of the updated weights on the same inputs (the pass’s own are gone)', async () => {
    const exp = experimentWith({ act: 'selu', depth: 10, width: 16, batch: 13, lr: 0.1 });
    const full = engine();
    const b = engine(3);
    await full.init(exp);
    await b.init(exp);
    expect(await b.step({ train: true })).toEqual(await full.step({ train: true }));
    const own = await full.postActivations(6);
    const read: Float32Array[] = [];
    for (let l = 1; l <= exp.depth; l++) read.push(await b.postActivations(l));
    expect(read[5]).not.toEqual(own);
    // data=none trains on the same inputs every step: the next measured pass is what b shows.
    await full.step({ train: false });
    for (let l = 1; l <= exp.depth; l++) expectBits(read[l - 1], await full.postActivations(l), `h_${l}`);
    // b's statistics and next step are untouched by that forward pass.
    expect(await b.step({ train: true })).toEqual(await full.step({ train: true }));
  });

  it('SELU, depth 300 (segments of 17): identical, and the variance stays near the fixed point 1', async () => {
    // Width 128: the variance of a finite layer wanders (measured 0.87–1.14 here; at width 64, 0.68–1.26).
    const exp = experimentWith({ act: 'selu', depth: 300, width: 128, batch: 64 });
    const want = await run(engine(), exp, 0);
    const got = await run(engine(17), exp, 0);
    expectSame(got, want, 'segment 17');
    const postVar = got.passes[0].layers.map((l) => l.postVar);
    expect(Math.min(...postVar)).toBeGreaterThan(0.8);
    expect(Math.max(...postVar)).toBeLessThan(1.25);
  });
});

describe('checkpointed memory', () => {
  it('the engine’s memory after init is the budget’s estimate plus at most 1 MiB of scratch', async () => {
    // Depth 48, width 256, batch 256: 256 KiB a [batch, width] tensor, 12 MiB of weights.
    const exp = experimentWith({ act: 'elu', depth: 48, width: 256, batch: 256 });
    for (const segment of [5, 48]) {
      const b = engine(segment);
      await b.init(exp);
      const estimate = bytesWithSegment('wasm', exp, segment);
      expect(b.peakBytes).toBeLessThanOrEqual(estimate + 2 ** 20);
      // …and not far below it: the estimate counts what the engine holds (a tensor is 256 KiB).
      expect(b.peakBytes).toBeGreaterThan(estimate - 2 * 256 * 1024);
      b.dispose();
    }
  });

  it('plans depth 300 × width 1024 × batch 1024 in the budget’s ~1.4 GiB (whole, it needs ~3.5 GiB)', async () => {
    const exp = experimentWith({ act: 'selu', depth: 300, width: 1024, batch: 1024 });
    const plan = checkpointPlan('wasm', exp)!;
    expect(estimateBytes('wasm', exp)).toBeGreaterThan(MEMORY_LIMIT.wasm);
    expect(plan.segment).toBeLessThan(exp.depth);
    expect(plan.bytes).toBeLessThan(MEMORY_LIMIT.wasm);
    const k = await instantiateKernels('simd');
    for (const parts of [1, 2, 4]) {
      const lay = planLayout(exp, k.heapBase(), k, parts, plan.segment);
      // Each kernel thread adds a part's scratch (a [width, batch] panel of A for ∂W, 4 MiB, packed B, masks:
      // ~8 MiB here); the budget's fixed allowance covers the engine's own.
      const part = parts > 1 ? lay.parts[1].packedA - lay.parts[0].packedA : 0;
      expect(part).toBeLessThan(9 * 2 ** 20);
      expect(lay.bytes).toBeLessThanOrEqual(plan.bytes + (parts - 1) * part);
      expect(lay.bytes).toBeLessThan(MEMORY_LIMIT.wasm);
    }
  });
});
