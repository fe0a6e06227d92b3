/**
 * Per-kernel GPU timing of one step with `timestamp-query` (when the device has it): the step is encoded
 * with each dispatch in its own compute pass, bracketed by timestamps, and the durations are summed by
 * kernel. The extra pass boundaries add a little overhead; the numbers are for comparing kernels, and the
 * statistics of the profiled step are exact as usual.
 */
import type { StepResult } from '../engine/backend';
import { GpuError } from './device';
import type { GpuNetwork } from './network';
import type { ReadbackRing } from './readback';

/** GPU time of one kernel within a profiled step. */
export interface KernelTiming {
  readonly kernel: string;
  readonly dispatches: number;
  /** Sum over its dispatches, milliseconds. */
  readonly ms: number;
}

/** A profiled step: its statistics, per-kernel times (in step order of first use) and their sum. */
export interface StepProfile {
  readonly result: StepResult;
  readonly kernels: KernelTiming[];
  readonly totalMs: number;
}

/** Runs one step of `net` with timestamps around every dispatch. Throws if the device lacks timestamp-query. */
export async function profileStep(
  device: GPUDevice,
  net: GpuNetwork,
  ring: ReadbackRing,
  train: boolean,
): Promise<StepProfile> {
  if (!device.features.has('timestamp-query')) {
    throw new GpuError('timestamp-query is not available on this device: no per-kernel timings');
  }
  const names = net.plan(train).map(([name]) => name);
  const count = 2 * names.length;
  const querySet = device.createQuerySet({ type: 'timestamp', count, label: 'profile' });
  const resolve = device.createBuffer({
    size: count * 8,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const read = device.createBuffer({
    size: count * 8,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  try {
    const slot = await ring.reserve();
    const step = net.encodeStep(train, ring, slot, querySet);
    const enc = device.createCommandEncoder({ label: 'profile resolve' });
    enc.resolveQuerySet(querySet, 0, count, resolve, 0);
    enc.copyBufferToBuffer(resolve, 0, read, 0, count * 8);
    device.queue.submit([step, enc.finish()]);
    const [stats] = await Promise.all([ring.read(slot), read.mapAsync(GPUMapMode.READ)]);
    const stamps = new BigInt64Array(read.getMappedRange().slice(0));
    read.unmap();
    const byKernel = new Map<string, { dispatches: number; ns: number }>();
    names.forEach((name, i) => {
      const entry = byKernel.get(name) ?? { dispatches: 0, ns: 0 };
      entry.dispatches++;
      // Timestamps may be quantized or reset (spec); a negative span counts as 0.
      entry.ns += Math.max(0, Number(stamps[2 * i + 1] - stamps[2 * i]));
      byKernel.set(name, entry);
    });
    const kernels = [...byKernel].map(([kernel, e]) => ({
      kernel,
      dispatches: e.dispatches,
      ms: e.ns / 1e6,
    }));
    return { result: net.decode(stats), kernels, totalMs: kernels.reduce((a, k) => a + k.ms, 0) };
  } finally {
    querySet.destroy();
    resolve.destroy();
    read.destroy();
  }
}
