/**
 * The memory estimate (src/gpu/memory.ts) against the limits of the WebGPU spec's default device, in Node: it
 * is pure arithmetic on the layout, so it needs no GPU. The in-browser refusal is in gpu.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { estimateMemory, type MemoryLimits } from '../../../src/gpu/memory';
import { shapeOf } from '../../../src/gpu/kernels/kernel';
import { planLayout } from '../../../src/gpu/layout';
import { experimentWith } from '../../../src/state/schema';

/** The spec's default limits (what a device gets when it asks for nothing). */
const SPEC_DEFAULTS: MemoryLimits = {
  maxBufferSize: 256 * 1024 ** 2,
  maxStorageBufferBindingSize: 128 * 1024 ** 2,
  maxComputeWorkgroupsPerDimension: 65535,
  minStorageBufferOffsetAlignment: 256,
  minUniformBufferOffsetAlignment: 256,
};

describe('estimateMemory', () => {
  it('accepts the default experiment and counts every buffer', () => {
    const exp = experimentWith({});
    const e = estimateMemory(exp, SPEC_DEFAULTS);
    expect(e).toMatchObject({ fits: true, reason: '' });
    // 20 layers × (W 256² + z, h 256²·2) floats dominate: ≈ 20 × 3 × 256 KiB = 15 MiB.
    const floats = 20 * (256 * 256 * 3 + 256) + 4 * 256 * 256;
    expect(e.layout.totalBytes).toBeGreaterThan(floats * 4);
    expect(e.layout.totalBytes).toBeLessThan(floats * 4 * 1.05);
  });

  it('refuses a tensor above maxStorageBufferBindingSize, naming the limit', () => {
    const exp = experimentWith({ width: 4096, batch: 8192, depth: 1 });
    const tight = { ...SPEC_DEFAULTS, maxStorageBufferBindingSize: 64 * 1024 ** 2 };
    const e = estimateMemory(exp, tight);
    expect(e.fits).toBe(false);
    expect(e.reason).toBe(
      'Does not fit this GPU (depth 1, width 4096, batch 8192): an activation tensor [batch, width] needs ' +
        "128.0 MiB, above the device's maxStorageBufferBindingSize of 64.0 MiB. Reduce the batch or the width.",
    );
  });

  it('refuses above maxBufferSize when that is the smaller limit', () => {
    const exp = experimentWith({ width: 4096, batch: 4096, depth: 1 });
    const e = estimateMemory(exp, { ...SPEC_DEFAULTS, maxBufferSize: 32 * 1024 ** 2 });
    expect(e.reason).toMatch(/needs 64\.0 MiB, above the device's maxBufferSize of 32\.0 MiB/);
  });

  it('refuses what exceeds the total budget even with activation checkpointing', () => {
    // Every layer's z and h would not fit at depth 200 (2.4 GiB): checkpointed, it does (tests/gpu/checkpoint.test.ts).
    expect(estimateMemory(experimentWith({ width: 1024, batch: 1024, depth: 200 }), SPEC_DEFAULTS).fits).toBe(
      true,
    );
    const e = estimateMemory(experimentWith({ width: 1024, batch: 1024, depth: 600 }), SPEC_DEFAULTS);
    expect(e.fits).toBe(false);
    expect(e.reason).toMatch(
      /the network needs 2\d{3}\.\d MiB of GPU memory \(activations checkpointed every \d+ layers\), above the budget of 2048\.0 MiB\. Reduce the depth, the batch or the width\. At this width and batch, depth \d+ fits\.$/,
    );
  });

  it('pads rows to a multiple of 4 floats and aligns every bound section', () => {
    const l = planLayout(shapeOf(experimentWith({ batch: 33, width: 17, depth: 3 })), SPEC_DEFAULTS);
    expect(l.activationBytes).toBe(33 * 20 * 4);
    expect(l.weightBytes).toBe(17 * 20 * 4);
    for (const offset of [
      l.backwardOffset,
      l.weightgradOffset,
      l.section,
      l.lossOffset,
      l.flagStride,
      l.knobStride,
    ])
      expect(offset % 64).toBe(0);
    expect(l.backwardOffset).toBeGreaterThanOrEqual(l.forwardGroups * 8);
    expect(l.weightgradOffset - l.backwardOffset).toBeGreaterThanOrEqual(l.backwardGroups * 2);
  });

  it('counts a data set’s buffers: layer 1 from the features, the read-out, the minibatch, logits()', () => {
    const exp = experimentWith({ data: 'digits', width: 256, depth: 4, batch: 128 });
    const e = estimateMemory(exp, SPEC_DEFAULTS);
    expect(e.fits).toBe(true);
    const l = e.layout;
    // 64 features → 256 × 4 → 10 classes (rows padded to 12 floats); logits() in chunks of 512 rows.
    expect(l.firstWeightBytes).toBe(64 * 256 * 4);
    expect(l.readoutWeightBytes).toBe(256 * 12 * 4);
    expect([l.inputBytes, l.targetBytes, l.outputBytes]).toEqual([128 * 64 * 4, 128 * 12 * 4, 128 * 12 * 4]);
    expect(l.logitsRows).toBe(512);
    const floats =
      64 * 256 +
      3 * 256 * 256 +
      4 * 256 + // W_1, W_2..4, biases
      4 * 2 * 128 * 256 +
      2 * 128 * 256 + // z_l, h_l, δ ping-pong
      128 * 64 +
      128 * 12 + // x, y
      256 * 12 +
      12 +
      2 * 128 * 12 + // read-out W, b, outputs, δ_out
      512 * 64 +
      2 * 512 * 256 +
      512 * 12; // logits() inputs, hidden, outputs
    expect(l.totalBytes).toBeGreaterThan(floats * 4);
    expect(l.totalBytes).toBeLessThan(floats * 4 * 1.05);
    expect(l.readoutOffset % 64).toBe(0);
    expect(l.readoutOffset).toBeGreaterThanOrEqual(l.lossOffset + l.lossGroups * 4);
    expect(l.partialsBytes / 4).toBe(l.readoutOffset + l.readoutGroups);
  });

  it('evaluates wide data-set networks in smaller logits() chunks, and names the data set when refusing', () => {
    const wide = estimateMemory(
      experimentWith({ data: 'spiral', width: 4096, depth: 2, batch: 64 }),
      SPEC_DEFAULTS,
    );
    expect(wide.layout.logitsRows).toBe(256); // 4 MiB per [rows, 4096] tensor
    const e = estimateMemory(experimentWith({ data: 'digits', width: 4096, batch: 8192, depth: 1 }), {
      ...SPEC_DEFAULTS,
      maxStorageBufferBindingSize: 64 * 1024 ** 2,
    });
    expect(e.reason).toMatch(/^Does not fit this GPU \(depth 1, width 4096, batch 8192, data digits\): /);
  });
});
