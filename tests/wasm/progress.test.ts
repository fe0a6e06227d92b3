/**
 * Progress within a step (issue 18, part 3): with StepOptions.onProgress, a big WASM step runs in pieces
 * (src/wasm/passes.ts runChunked) and awaits onProgress(done, total) between them, so the engine Worker can let
 * a Cancel in during a pass of seconds. Forced small here (progressWork) on checkpointed and plain layouts, with
 * and without kernel threads: done grows to total, the numbers are the same bits as a step without it, a
 * throw abandons the step, and the engine then runs a fresh init + steps exactly as a new engine does.
 */
import './relaxed-simd';
import { afterAll, describe, expect, it } from 'vitest';
import type { StepOptions, StepResult } from '../../src/engine/backend';
import type { Experiment } from '../../src/engine/experiment';
import { experimentWith } from '../../src/state/schema';
import { WasmBackend } from '../../src/wasm/backend';
import { spawnNodeThread } from '../../src/wasm/spawn-node';

const open: WasmBackend[] = [];
afterAll(() => open.forEach((b) => b.dispose()));

/** An engine (plain SIMD) with `segment` forced, `threads` kernel threads, progress every `work` MACs. */
function engine(segment: number | undefined, threads: number, work?: number): WasmBackend {
  const b = new WasmBackend({
    variant: 'simd',
    checkpointSegment: segment,
    progressWork: work,
    threads: threads > 0 ? { count: threads, spawn: spawnNodeThread } : undefined,
  });
  open.push(b);
  return b;
}

/** Steps (training, then a measured pass) and every layer's h, as one string of bits. */
async function runHash(b: WasmBackend, exp: Experiment, options: Partial<StepOptions> = {}): Promise<string> {
  await b.init(exp);
  const passes: StepResult[] = [];
  for (let i = 0; i < 3; i++) passes.push(await b.step({ ...options, train: true }));
  passes.push(await b.step({ ...options, train: false }));
  const parts = [JSON.stringify(passes)];
  for (let l = exp.depth; l >= 1; l--) {
    const h = await b.postActivations(l);
    let hash = 0;
    for (const bits of new Uint32Array(h.buffer, h.byteOffset, h.length)) hash = (hash * 31 + bits) >>> 0;
    parts.push(hash.toString(16));
  }
  return parts.join('|');
}

const deep = experimentWith({ depth: 11, width: 24, batch: 29, act: 'selu', init: 'lecun', seed: 5 });
const data = experimentWith({ depth: 7, width: 16, batch: 32, data: 'circles', act: 'elu', seed: 2 });
/** One layer product of `deep`: progress after about every two of them. */
const work = 2 * deep.batch * deep.width * deep.width;

describe.each([
  { name: 'checkpointed in segments of 3', segment: 3, threads: 0 },
  { name: 'checkpointed, 2 kernel threads', segment: 4, threads: 2 },
  { name: 'every layer kept', segment: undefined, threads: 0 },
])('wasm step progress: $name', ({ segment, threads }) => {
  it('calls onProgress with done increasing up to total, once per piece', async () => {
    const b = engine(segment, threads, work);
    await b.init(deep);
    const calls: [number, number][] = [];
    await b.step({ train: true, onProgress: (done, total) => void calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(5);
    const total = calls[0][1];
    // Every forward, chain and ∂W product, and checkpointed the recomputed ones.
    const recomputed = segment ? deep.depth - lastSegment(segment) : 0;
    expect(total).toBe(3 * deep.depth - 1 + recomputed);
    calls.forEach(([done, t], i) => {
      expect(t).toBe(total);
      if (i > 0) expect(done).toBeGreaterThan(calls[i - 1][0]);
    });
    expect(calls[calls.length - 1][0]).toBe(total);
  });

  it('gives the same bits with and without onProgress (async, awaited)', async () => {
    const want = await runHash(engine(segment, threads), deep);
    const pauses = { count: 0 };
    const onProgress = async () => {
      pauses.count++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    const got = await runHash(engine(segment, threads, work), deep, { onProgress });
    expect(pauses.count).toBeGreaterThan(0);
    expect(got).toBe(want);
  });

  it('abandons the step when onProgress throws; a fresh init then runs as on a new engine', async () => {
    const b = engine(segment, threads, work);
    await b.init(deep);
    await b.step({ train: true });
    class Stop extends Error {}
    let calls = 0;
    const stop = async () => {
      if (++calls === 4) throw new Stop();
    };
    await expect(b.step({ train: true, onProgress: stop })).rejects.toBeInstanceOf(Stop);
    expect(calls).toBe(4);
    // The same experiment again (memory holds half-trained weights) and another one (a new layout).
    expect(await runHash(b, deep)).toBe(await runHash(engine(segment, threads), deep));
    await b.init(deep);
    await expect(b.step({ train: false, onProgress: stop })).resolves.toBeDefined();
    expect(await runHash(b, data)).toBe(await runHash(engine(segment, threads), data));
  });
});

/** Hidden layers of deep's top segment (not recomputed) in segments of `segment`. */
function lastSegment(segment: number): number {
  return deep.depth - Math.floor((deep.depth - 1) / segment) * segment;
}

describe('wasm step progress: a pass that skips what its caller does not need', () => {
  it.each([
    ['gradients', 2 * deep.depth - 1],
    ['forward', deep.depth],
  ] as const)('need=%s counts only the products it runs, done reaching total', async (need, products) => {
    const b = engine(undefined, 0, work);
    await b.init(deep);
    const calls: [number, number][] = [];
    await b.step({ train: false, need, onProgress: (done, total) => void calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(([, total]) => total === products)).toBe(true);
    expect(calls[calls.length - 1][0]).toBe(products);
  });
});

describe('wasm step progress: small steps', () => {
  it('runs a step below the work limit whole, without calls', async () => {
    const b = engine(3, 0);
    await b.init(deep);
    let calls = 0;
    await b.step({ train: true, onProgress: () => void calls++ });
    expect(calls).toBe(0);
  });
});
