import { describe, expect, it } from 'vitest';
import {
  bytesWithSegment,
  checkpointPlan,
  estimateBytes,
  memoryRefusal,
  MEMORY_LIMIT,
  runsMemoryRefusal,
} from '../../src/engine/budget';
import { createNetwork, createPass, squareWidths } from '../../src/engine/reference/network';
import { experimentWith } from '../../src/state/schema';

describe('memory budget', () => {
  it('counts at least what the reference engine allocates', () => {
    const e = experimentWith({ depth: 5, width: 33, batch: 7 });
    const net = createNetwork(e);
    const pass = createPass(e.batch, squareWidths(e.width, e.depth));
    const allocated = [
      ...net.weights,
      ...Object.values(pass)
        .filter((v): v is Float64Array[] => Array.isArray(v) && v[0] instanceof Float64Array)
        .flat(),
    ].reduce((s, a) => s + a.byteLength, 0);
    expect(estimateBytes('reference', e)).toBeGreaterThanOrEqual(allocated);
    expect(estimateBytes('reference', e)).toBeLessThan(1.5 * allocated + 10_000);
    // A data set's first and last layers: 64 inputs, 10 classes.
    const d = experimentWith({ depth: 3, width: 20, batch: 9, data: 'digits' });
    const dNet = createNetwork(d);
    const dPass = createPass(d.batch, dNet.widths);
    const dAllocated = [
      ...dNet.weights,
      ...Object.values(dPass)
        .filter((v): v is Float64Array[] => Array.isArray(v) && v[0] instanceof Float64Array)
        .flat(),
    ].reduce((s, a) => s + a.byteLength, 0);
    expect(estimateBytes('reference', d)).toBeGreaterThanOrEqual(dAllocated);
    expect(estimateBytes('reference', d)).toBeLessThan(1.5 * dAllocated + 10_000);
  });

  it('refuses the largest experiment the URL allows, naming the size and what to reduce', () => {
    const huge = experimentWith({ depth: 1000, width: 4096, batch: 8192 });
    for (const kind of ['reference', 'wasm', 'webgpu'] as const) {
      const reason = memoryRefusal(kind, huge);
      expect(reason).toMatch(/needs about \d+(\.\d)? GiB \(depth 1000 × batch 8192 × width 4096\)/);
      expect(reason).toContain('reduce the depth');
    }
  });

  it('accepts the default experiment and counts tied weights once', () => {
    expect(memoryRefusal('reference', experimentWith({}))).toBeNull();
    const deep = experimentWith({ depth: 1000, width: 1024, batch: 16 });
    expect(memoryRefusal('reference', { ...deep, tied: 1 })).toBeNull();
    expect(estimateBytes('reference', deep)).toBeGreaterThan(MEMORY_LIMIT.reference);
  });

  it('refuses compared runs that fit one by one but not side by side, saying so', () => {
    // About 60% of the wasm engine's budget each: one fits, two do not.
    const big = experimentWith({ depth: 100, width: 1024, batch: 1024 });
    expect(estimateBytes('wasm', big) / MEMORY_LIMIT.wasm).toBeGreaterThan(0.5);
    expect(runsMemoryRefusal('wasm', [big])).toBeNull();
    expect(runsMemoryRefusal('wasm', [big, { ...big, act: 'relu' }])).toMatch(
      /^These 2 runs together need about [\d.]+ GiB, more than the 2.0 GiB the wasm engine may use here: remove a compared run/,
    );
    const huge = experimentWith({ depth: 1000, width: 4096, batch: 8192 });
    expect(runsMemoryRefusal('wasm', [big, huge])).toMatch(/\(in one of the compared runs\)$/);
    expect(runsMemoryRefusal('wasm', [experimentWith({}), experimentWith({ act: 'selu' })])).toBeNull();
  });

  it('plans activation checkpointing: everything kept when it fits, else the segment with the least memory', () => {
    // The default experiment fits: every layer kept, nothing recomputed.
    const small = experimentWith({});
    expect(checkpointPlan('wasm', small)).toEqual({ segment: 20, bytes: estimateBytes('wasm', small) });
    // Forced segments (tests, benchmarks) whatever fits; a segment longer than the network is the whole network.
    expect(checkpointPlan('wasm', small, 7)!.segment).toBe(7);
    expect(checkpointPlan('wasm', small, 500)!.segment).toBe(20);
    // Memory grows like depth/segment + p·segment for p tensors a layer: √(depth/p) layers per segment is the
    // least (c·depth/segment + p·segment with c tensors a checkpoint: √(c·depth/p)). The WASM engine keeps h
    // and φ′ that δ overwrites (3 with the hybrid's ∂φ/∂k), checkpoints h; the WebGPU engine keeps z and h and
    // checkpoints both; neither keeps ∂W (the SGD update is fused into the ∂W product).
    const deep = experimentWith({ act: 'selu', depth: 300, width: 1024, batch: 1024 });
    for (const [kind, p, c] of [
      ['webgpu', 2, 2],
      ['wasm', 2, 1],
    ] as const) {
      // [batch, width] tensors (4 MiB each) the plan keeps: checkpoints + p per layer of one segment.
      const tensors = (segment: number) =>
        (bytesWithSegment(kind, deep, segment) -
          bytesWithSegment(kind, deep, deep.depth) +
          p * 300 * 4 * 2 ** 20) /
        (4 * 2 ** 20);
      expect(tensors(10)).toBe(c * 30 + p * 10);
      expect(tensors(300)).toBe(p * 300);
      let least = 1;
      for (let k = 1; k < 300; k++)
        if (bytesWithSegment(kind, deep, k) < bytesWithSegment(kind, deep, least)) least = k;
      // (within 15%: ⌈depth/segment⌉ makes the curve step-wise near its minimum)
      expect(Math.abs(least / Math.sqrt((c * 300) / p) - 1)).toBeLessThan(0.15);
    }
    // The page's WebGPU engine takes the example too (it runs it in ~1.45 GiB, tests/gpu/checkpoint).
    expect(memoryRefusal('webgpu', deep)).toBeNull();
    expect(
      bytesWithSegment('wasm', { ...deep, act: 'hybrid' }, 10) - bytesWithSegment('wasm', deep, 10),
    ).toBe(10 * 4 * 2 ** 20);
    // The example: refused whole (~3.5 GiB), checkpointed on the WASM engine in ~1.4 GiB (weights 1.2).
    expect(estimateBytes('wasm', deep)).toBeGreaterThan(MEMORY_LIMIT.wasm);
    const plan = checkpointPlan('wasm', deep)!;
    expect(plan.segment).toBe(12);
    expect(plan.bytes).toBeLessThan(1.5 * 1024 ** 3);
    expect(memoryRefusal('wasm', deep)).toBeNull();
    // Compared runs count each run as its engine holds it (checkpointed here).
    expect(runsMemoryRefusal('wasm', [deep])).toBeNull();
    expect(runsMemoryRefusal('wasm', [deep, deep])).toMatch(/^These 2 runs together need about 2.8 GiB/);
    // Engines that keep everything refuse what does not fit whole, naming the largest depth that does.
    expect(checkpointPlan('reference', deep)).toBeNull();
    const reason = memoryRefusal('reference', deep)!;
    const fits = Number(/depth (\d+) fits/.exec(reason)![1]);
    expect(checkpointPlan('reference', { ...deep, depth: fits })).not.toBeNull();
    expect(checkpointPlan('reference', { ...deep, depth: fits + 1 })).toBeNull();
  });
});
