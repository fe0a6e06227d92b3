/**
 * WebGpuBackend's options and the types and errors it reports (split from backend.ts, which re-exports them).
 */
import { GpuError, type GpuContext } from './device';
import type { MatmulCore } from './kernels/kernel';

/** The matmul core WebGpuBackend uses on this device unless told otherwise (see WebGpuBackendOptions). */
export function defaultCore(ctx: Pick<GpuContext, 'isFallbackAdapter' | 'subgroupsOf4'>): MatmulCore {
  if (!ctx.isFallbackAdapter) return 'tiled';
  return ctx.subgroupsOf4 ? 'subgroup' : 'direct';
}

/** Thrown by init() when an experiment does not fit the device; the message says which limit. */
export class GpuMemoryError extends GpuError {
  override readonly name = 'GpuMemoryError';
}

/** A device loss as reported to `onDeviceLost`. */
export interface DeviceLossReport {
  readonly reason: string;
  readonly message: string;
  /** True once the device was recreated and the experiment replayed; false when recovery failed. */
  readonly recovered: boolean;
  readonly error?: string;
}

/** Options of WebGpuBackend. */
export interface WebGpuBackendOptions {
  /** Total bytes one experiment may allocate (default DEFAULT_MEMORY_BUDGET, 2 GiB). */
  memoryBudget?: number;
  /** Called after each device loss, once recovery has succeeded or failed. */
  onDeviceLost?: (report: DeviceLossReport) => void;
  /**
   * Matmul core (kernels/kernel.ts); by default `tiled` on hardware adapters, and on fallback (CPU) adapters
   * `subgroup` where the device has subgroups of 4, else `direct`.
   */
  matmul?: MatmulCore;
  /**
   * Forces activation checkpointing in segments of this many layers (tests, benchmarks; clamped to 1..depth,
   * the depth keeping every layer's). By default every layer's activations are kept when the network fits,
   * else they are checkpointed (memory.ts, checkpoint.ts).
   */
  checkpointSegment?: number;
  /** Multiply-adds between two onProgress calls of a step (default step-plan.ts PROGRESS_WORK; tests). */
  progressWork?: number;
}
