/**
 * Backend.measureMany on the WebGPU engine (issue 17): a list of experiments measured as each one's own
 * init, training steps and measured pass would measure it, with the untrained cells of one shape run together
 * (group.ts): one dispatch per layer and kernel for a whole chunk of cells (batch.ts), one readback per chunk,
 * each chunk's cells reported as soon as it is read; chunks sized by the memory plan (plan.ts) and by time
 * (nextChunk). Everything else runs one by one through the engine's own init/step path.
 * WebGpuBackend.measureMany delegates here.
 */
import type { MeasureManyOptions, StepResult } from '../../engine/backend';
import type { Experiment } from '../../engine/experiment';
import { GpuError, type GpuContext } from '../device';
import type { MatmulCore } from '../kernels/kernel';
import type { PipelineCache } from '../pipelines';
import type { BufferPool } from '../pool';
import { SweepBatch } from './batch';
import { piecesOf } from './group';
import { FIRST_CHUNK, nextChunk, planChunk } from './plan';

/** The device as the engine lends it. */
export interface SweepDevice {
  readonly ctx: GpuContext;
  readonly cache: PipelineCache;
  readonly pool: BufferPool;
  readonly core: MatmulCore;
}

/** What measureMany needs of the engine. */
export interface SweepHost {
  /**
   * Runs `task` with the device to itself, after every call made before (the engine's queue); the engine holds
   * no experiment afterwards.
   */
  exclusive<T>(task: (gpu: SweepDevice) => Promise<T>): Promise<T>;
  /** One experiment on the engine's own path: init, its training steps, one measured pass. */
  single(experiment: Experiment): Promise<StepResult>;
  /** Bytes a group may allocate (the engine's memory budget). */
  readonly budget: number;
}

/** Measures `experiments` (see Backend.measureMany). */
export async function measureManyOnGpu(
  host: SweepHost,
  experiments: readonly Experiment[],
  options: MeasureManyOptions,
): Promise<void> {
  for (const piece of piecesOf(experiments)) {
    if (options.stopped?.()) return;
    if (piece.batched && (await runGroup(host, experiments, piece.indices, options))) continue;
    for (const i of piece.indices) {
      if (options.stopped?.()) return;
      await options.onPass(i, await host.single(experiments[i]));
    }
  }
}

/**
 * One group in chunks; false when the device cannot hold even one cell batched (the caller then runs the
 * cells one by one: the engine's own path checkpoints where it must). Stops between chunks.
 */
async function runGroup(
  host: SweepHost,
  experiments: readonly Experiment[],
  indices: readonly number[],
  options: MeasureManyOptions,
): Promise<boolean> {
  const first = experiments[indices[0]];
  const need = options.need ?? 'all';
  const built = await host.exclusive(async ({ ctx, cache, pool, core }) => {
    const plan = planChunk(first, indices.length, need, core, ctx.device.limits, host.budget);
    if (plan.capacity === 0) return null;
    const { device } = ctx;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let batch: SweepBatch | null = null;
    let failure: unknown = null;
    try {
      batch = await SweepBatch.create(ctx, cache, pool, plan, core, first);
    } catch (e) {
      failure = e;
    }
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    if (failure || validation || oom) {
      batch?.release();
      pool.trim();
      if (failure) throw failure;
      if (oom) return null;
      throw new GpuError(`WebGPU validation error while building a sweep group: ${validation?.message}`);
    }
    return { batch: batch!, capacity: plan.capacity };
  });
  if (!built) return false;
  const { batch, capacity } = built;
  try {
    let size = Math.min(capacity, FIRST_CHUNK);
    for (let start = 0; start < indices.length;) {
      if (options.stopped?.()) return true;
      const chunk = indices.slice(start, start + size);
      start += chunk.length;
      const begin = performance.now();
      const results = await host.exclusive(() => batch.run(chunk.map((i) => experiments[i])));
      const ms = performance.now() - begin;
      for (const [k, i] of chunk.entries()) await options.onPass(i, results[k]);
      size = nextChunk(chunk.length, ms, capacity);
    }
  } finally {
    // The chunk's buffers are large (up to plan.ts CHUNK_BYTES): free them rather than keep them pooled.
    await host.exclusive(async ({ pool }) => {
      batch.release();
      pool.trim();
    });
  }
  return true;
}
