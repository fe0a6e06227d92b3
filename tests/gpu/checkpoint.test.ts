/**
 * The WebGPU engine's activation checkpointing without a GPU: the schedule (src/gpu/checkpoint.ts) simulated
 * buffer by buffer, and the layouts and memory estimate it gives (src/gpu/layout.ts, memory.ts) against the
 * spec's default limits and budget.ts. The numbers on real WebGPU implementations are checked in the
 * conformance cases (cases.ts GPU_CHECKPOINT_CASES, run in Deno and Chromium).
 */
import { describe, expect, it } from 'vitest';
import { bytesWithSegment, checkpointPlan } from '../../src/engine/budget';
import {
  checkpointSchedule,
  pairsOf,
  placeOf,
  ringAfterStep,
  stepOps,
  type CheckpointSchedule,
} from '../../src/gpu/checkpoint';
import { shapeOf } from '../../src/gpu/kernels/kernel';
import { planLayout } from '../../src/gpu/layout';
import { estimateMemory, type MemoryLimits } from '../../src/gpu/memory';
import { experimentWith } from '../../src/state/schema';

/** The spec's default limits (what a device gets when it asks for nothing). */
const SPEC_DEFAULTS: MemoryLimits = {
  maxBufferSize: 256 * 1024 ** 2,
  maxStorageBufferBindingSize: 128 * 1024 ** 2,
  maxComputeWorkgroupsPerDimension: 65535,
  minStorageBufferOffsetAlignment: 256,
  minUniformBufferOffsetAlignment: 256,
};

const GiB = 1024 ** 3;

/**
 * Runs a step's ops on symbolic buffers (which tensor of which layer each holds) and checks every read: forward
 * and recompute of l read h_{l−1} and write z_l, h_l into other buffers; the head reads h_L and z_L; backward(l)
 * reads z_{l−1}; weightgrad(l) reads h_{l−1}; a recompute of l runs before W_l and b_l are updated. Returns what
 * each ring slot holds at the end and how many forward passes were recomputed.
 */
function simulate(s: CheckpointSchedule): { held: number[]; recomputed: number; problems: string[] } {
  const contents = new Map<string, string>();
  const problems: string[] = [];
  const key = (tensor: 'z' | 'h', l: number) => {
    if (l === 0) return 'x';
    const p = placeOf(s, l);
    return `${tensor} ${p.kind} ${p.index}`;
  };
  contents.set('x', 'h0');
  const expect = (what: string, tensor: 'z' | 'h', l: number) => {
    const got = contents.get(key(tensor, l));
    if (got !== `${tensor}${l}`) problems.push(`${what}: ${key(tensor, l)} holds ${got}, not ${tensor}${l}`);
  };
  const updated = new Set<number>();
  let recomputed = 0;
  for (const o of stepOps(s)) {
    if (o.op === 'head') {
      expect('head', 'h', s.depth);
      expect('head', 'z', s.depth);
    } else if (o.op === 'finish') {
      continue;
    } else if (o.op === 'forward' || o.op === 'recompute') {
      const l = o.layer;
      if (o.op === 'recompute') recomputed++;
      expect(`${o.op} ${l}`, 'h', l - 1);
      if (updated.has(l)) problems.push(`${o.op} ${l} after W${l} was updated`);
      const reads = key('h', l - 1);
      if (reads === key('z', l) || reads === key('h', l)) problems.push(`${o.op} ${l} writes what it reads`);
      contents.set(key('z', l), `z${l}`);
      contents.set(key('h', l), `h${l}`);
    } else if (o.op === 'backward') {
      expect(`backward ${o.layer}`, 'z', o.layer - 1);
    } else if (o.op === 'weightgrad') {
      expect(`weightgrad ${o.layer}`, 'h', o.layer - 1);
      updated.add(o.layer);
    }
  }
  const held = new Array<number>(s.ringSlots).fill(0);
  for (const [k, v] of contents) {
    const m = /^h (?:ring|layer) (\d+)$/.exec(k);
    if (m) held[Number(m[1])] = Number(v.slice(1));
  }
  return { held, recomputed, problems };
}

describe('checkpoint schedule', () => {
  it('keeps every layer, in the old order, when the segment is the depth', () => {
    const s = checkpointSchedule(3, 3);
    expect(s).toMatchObject({ checkpointed: false, ringSlots: 3, checkpoints: 0, segments: [[1, 3]] });
    const ops = stepOps(s).map((o) => ('layer' in o ? `${o.op} ${o.layer}` : o.op));
    expect(ops).toEqual([
      'forward 1',
      'forward 2',
      'forward 3',
      'head',
      'backward 3',
      'weightgrad 3',
      'bias 3',
      'backward 2',
      'weightgrad 2',
      'bias 2',
      'weightgrad 1',
      'bias 1',
      'finish',
    ]);
    expect(checkpointSchedule(5, 9)).toMatchObject({ segment: 5, checkpointed: false });
  });

  it('gives every dispatch the tensors it needs, for every depth ≤ 40 and segment length', () => {
    for (let depth = 1; depth <= 40; depth++) {
      for (let segment = 1; segment <= depth; segment++) {
        const s = checkpointSchedule(depth, segment);
        const { held, recomputed, problems } = simulate(s);
        const at = `depth ${depth} segment ${segment}`;
        expect(problems, at).toEqual([]);
        expect(held, at).toEqual(ringAfterStep(s));
        // Each segment below the top one runs its ring layers (all but its checkpoint) again.
        const count = Math.ceil(depth / segment);
        expect(recomputed, at).toBe(segment < depth ? (count - 1) * (segment - 1) : 0);
        expect(s.ringSlots + s.checkpoints, at).toBe(pairsOf(depth, segment));
        expect(s.checkpoints, at).toBe(segment < depth ? count - 1 : 0);
      }
    }
  });

  it('grows like √depth at the best segment length', () => {
    const least = (depth: number) =>
      Math.min(...Array.from({ length: depth }, (_, i) => pairsOf(depth, i + 1)));
    expect(least(100)).toBeLessThanOrEqual(2 * Math.sqrt(100) + 1);
    expect(least(1000)).toBeLessThanOrEqual(2 * Math.sqrt(1000) + 1);
    expect(pairsOf(1000, 1000)).toBe(1000);
  });
});

describe('checkpointed layout and memory estimate', () => {
  it('keeps every layer when the network fits (same layout as before)', () => {
    const exp = experimentWith({});
    const e = estimateMemory(exp, SPEC_DEFAULTS);
    expect(e.fits).toBe(true);
    expect(e.layout).toEqual(planLayout(shapeOf(exp), SPEC_DEFAULTS));
    expect(e.layout).toMatchObject({ segment: 20, ringSlots: 20, checkpoints: 0 });
  });

  it('forces a segment length (clamped to 1..depth): fewer z/h pairs, everything else as before', () => {
    const exp = experimentWith({ width: 17, batch: 33, depth: 7 });
    const full = estimateMemory(exp, SPEC_DEFAULTS).layout;
    const l = estimateMemory(exp, SPEC_DEFAULTS, undefined, 'tiled', 3).layout;
    expect(l).toMatchObject({ segment: 3, ringSlots: 2, checkpoints: 2 });
    // 2 ring and 2 checkpoint pairs instead of 7: 3 pairs fewer.
    expect({
      ...l,
      segment: 7,
      ringSlots: 7,
      checkpoints: 0,
      totalBytes: l.totalBytes + 6 * l.activationBytes,
    }).toEqual(full);
    expect(estimateMemory(exp, SPEC_DEFAULTS, undefined, 'tiled', 0).layout.segment).toBe(1);
    expect(estimateMemory(exp, SPEC_DEFAULTS, undefined, 'tiled', 99).layout).toEqual(full);
  });

  it('agrees with budget.ts bytesWithSegment in order of magnitude', () => {
    for (const [depth, width, batch, data] of [
      [64, 256, 256, 'none'],
      [300, 1024, 1024, 'none'],
      [100, 512, 128, 'digits'],
    ] as const) {
      const exp = experimentWith({ depth, width, batch, data });
      for (const segment of [1, 4, Math.round(Math.sqrt(depth)), depth]) {
        const gpu = planLayout(shapeOf(exp), SPEC_DEFAULTS, 'tiled', segment).totalBytes;
        const budget = bytesWithSegment('webgpu', exp, segment);
        // budget.ts counts ∂W and 3 tensors per kept layer; the GPU fuses the update and keeps z, h (2).
        expect(gpu / budget, `depth ${depth} segment ${segment}`).toBeGreaterThan(0.3);
        expect(gpu / budget, `depth ${depth} segment ${segment}`).toBeLessThan(1.5);
      }
    }
  });

  it('checkpoints a network refused with every layer kept, every buffer within the limits', () => {
    // Weights 300 × 4 MiB = 1.2 GiB; z and h of every layer another 2.3 GiB.
    const exp = experimentWith({ depth: 300, width: 1024, batch: 1024 });
    const full = planLayout(shapeOf(exp), SPEC_DEFAULTS);
    expect(full.totalBytes).toBeGreaterThan(2 * GiB);
    const e = estimateMemory(exp, SPEC_DEFAULTS);
    expect(e).toMatchObject({ fits: true, reason: '' });
    const l = e.layout;
    expect(l.segment).toBeGreaterThan(1);
    expect(l.segment).toBeLessThan(300);
    expect(l.totalBytes).toBeLessThanOrEqual(2 * GiB);
    expect(l.largestBytes).toBeLessThanOrEqual(SPEC_DEFAULTS.maxStorageBufferBindingSize);
    for (const bytes of [l.activationBytes, l.weightBytes, l.partialsBytes, l.flagsBytes, l.statsBytes])
      expect(bytes).toBeLessThanOrEqual(SPEC_DEFAULTS.maxStorageBufferBindingSize);
    // √depth pairs of z and h instead of depth: 2 × (ring + checkpoints) × 4 MiB.
    expect(l.ringSlots + l.checkpoints).toBeLessThan(2 * Math.sqrt(300) + 2);
    // budget.ts's segment when it has a plan, else the one of least GPU memory.
    const planned = checkpointPlan('webgpu', exp);
    if (planned) expect(l.segment).toBe(planned.segment);
    else
      expect(l.ringSlots + l.checkpoints).toBe(
        Math.min(...[...Array(299).keys()].map((i) => pairsOf(300, i + 1))),
      );
  });

  it('refuses what does not fit even checkpointed, naming the largest depth that fits', () => {
    // The weights alone: 600 × 4 MiB = 2.3 GiB.
    const exp = experimentWith({ width: 1024, batch: 1024, depth: 600 });
    const e = estimateMemory(exp, SPEC_DEFAULTS);
    expect(e.fits).toBe(false);
    expect(e.reason).toMatch(
      /^Does not fit this GPU \(depth 600, width 1024, batch 1024\): the network needs 2\d{3}\.\d MiB of GPU memory \(activations checkpointed every \d+ layers\), above the budget of 2048\.0 MiB\. Reduce the depth, the batch or the width\. At this width and batch, depth (\d+) fits\.$/,
    );
    const depth = Number(/depth (\d+) fits/.exec(e.reason)![1]);
    expect(depth).toBeGreaterThan(400);
    expect(estimateMemory({ ...exp, depth }, SPEC_DEFAULTS).fits).toBe(true);
    expect(estimateMemory({ ...exp, depth: depth + 1 }, SPEC_DEFAULTS).fits).toBe(false);
  });
});
