/**
 * Memory estimate of an experiment on a device, checked before anything is allocated: an experiment that
 * does not fit is refused with a message saying which limit it exceeds, instead of failing allocation
 * (a blank page or a lost device).
 */
import type { Experiment } from '../engine/experiment';
import { shapeOf, type MatmulCore } from './kernels/kernel';
import { planLayout, type AlignmentLimits, type NetLayout } from './layout';

/** The device limits the estimate checks against. */
export interface MemoryLimits extends AlignmentLimits {
  readonly maxBufferSize: number;
  readonly maxStorageBufferBindingSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}

/**
 * Total bytes allowed for one experiment by default (2 GiB). WebGPU has no query for free memory; above
 * this, browsers tend to lose the device rather than fail the allocation.
 */
export const DEFAULT_MEMORY_BUDGET = 2 * 1024 ** 3;

/** Result of the estimate: `fits`, or the reason it does not. */
export interface MemoryEstimate {
  readonly fits: boolean;
  /** Empty when it fits; otherwise one sentence naming the limit and the sizes. */
  readonly reason: string;
  readonly layout: NetLayout;
}

/** Formats bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** Checks `exp` against the device limits and a total budget in bytes (layout of the given matmul core). */
export function estimateMemory(
  exp: Experiment,
  limits: MemoryLimits,
  budget: number = DEFAULT_MEMORY_BUDGET,
  core: MatmulCore = 'tiled',
): MemoryEstimate {
  const layout = planLayout(shapeOf(exp), limits, core);
  const data = exp.data === 'none' ? '' : `, data ${exp.data}`;
  const what = `depth ${exp.depth}, width ${exp.width}, batch ${exp.batch}${data}`;
  const bindingLimit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  let reason = '';
  if (layout.largestBytes > bindingLimit) {
    const which =
      limits.maxStorageBufferBindingSize <= limits.maxBufferSize
        ? 'maxStorageBufferBindingSize'
        : 'maxBufferSize';
    reason =
      `Does not fit this GPU (${what}): ${layout.largestName} needs ${mib(layout.largestBytes)}, ` +
      `above the device's ${which} of ${mib(bindingLimit)}. Reduce the batch or the width.`;
  } else if (layout.totalBytes > budget) {
    reason =
      `Does not fit this GPU (${what}): the network needs ${mib(layout.totalBytes)} of GPU memory, ` +
      `above the budget of ${mib(budget)}. Reduce the depth, the batch or the width.`;
  } else {
    // The matmul grids are 2-D (at most 256 per dimension at the schema's limits); the loss and finish
    // passes are 1-D (the read-out's loss: a workgroup per 32 rows, at most 256).
    const groups = Math.max(layout.lossGroups, exp.depth + 1);
    if (groups > limits.maxComputeWorkgroupsPerDimension) {
      reason =
        `Does not fit this GPU (${what}): a pass needs ${groups} workgroups, above ` +
        `maxComputeWorkgroupsPerDimension (${limits.maxComputeWorkgroupsPerDimension}).`;
    }
  }
  return { fits: reason === '', reason, layout };
}
