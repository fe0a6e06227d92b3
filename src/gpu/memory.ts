/**
 * Memory estimate of an experiment on a device, checked before anything is allocated: an experiment that
 * does not fit is refused with a message saying which limit it exceeds, instead of failing allocation
 * (a blank page or a lost device). Where every layer's activations do not fit, the engine checkpoints them
 * (checkpoint.ts) in the segment length budget.ts picks, or the one of least GPU memory.
 */
import { CHECKPOINTING, checkpointPlan } from '../engine/budget';
import type { Experiment } from '../engine/experiment';
import { shapeOf, type MatmulCore } from './kernels/kernel';
import { pairsOf } from './checkpoint';
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

/** Why `layout` does not fit (one sentence), or '' when it does. */
function refusal(exp: Experiment, layout: NetLayout, limits: MemoryLimits, budget: number): string {
  const data = exp.data === 'none' ? '' : `, data ${exp.data}`;
  const what = `depth ${exp.depth}, width ${exp.width}, batch ${exp.batch}${data}`;
  const bindingLimit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (layout.largestBytes > bindingLimit) {
    const which =
      limits.maxStorageBufferBindingSize <= limits.maxBufferSize
        ? 'maxStorageBufferBindingSize'
        : 'maxBufferSize';
    return (
      `Does not fit this GPU (${what}): ${layout.largestName} needs ${mib(layout.largestBytes)}, ` +
      `above the device's ${which} of ${mib(bindingLimit)}. Reduce the batch or the width.`
    );
  }
  if (layout.totalBytes > budget) {
    const how =
      layout.segment < exp.depth ? ` (activations checkpointed every ${layout.segment} layers)` : '';
    return (
      `Does not fit this GPU (${what}): the network needs ${mib(layout.totalBytes)} of GPU memory${how}, ` +
      `above the budget of ${mib(budget)}. Reduce the depth, the batch or the width.`
    );
  }
  // The matmul grids are 2-D (at most 256 per dimension at the schema's limits); the loss and finish
  // passes are 1-D (the read-out's loss: a workgroup per 32 rows, at most 256).
  const groups = Math.max(layout.lossGroups, exp.depth + 1);
  if (groups > limits.maxComputeWorkgroupsPerDimension) {
    return (
      `Does not fit this GPU (${what}): a pass needs ${groups} workgroups, above ` +
      `maxComputeWorkgroupsPerDimension (${limits.maxComputeWorkgroupsPerDimension}).`
    );
  }
  return '';
}

/** A layout and why it does not fit ('' when it does). */
interface Candidate {
  readonly layout: NetLayout;
  readonly reason: string;
}

/**
 * The layout the engine uses for `exp`: with `segment`, activations in segments of that many layers (tests,
 * benchmarks; clamped to 1..depth by budget.ts checkpointPlan). Otherwise every layer's activations when that
 * fits the device; else, the engine checkpointing (budget.ts CHECKPOINTING, never for tied weights), the
 * segment length budget.ts checkpointPlan picks when its layout fits here, or failing that the one of least
 * GPU memory; when nothing fits, the layout of least memory with the reason.
 */
function choose(
  exp: Experiment,
  limits: MemoryLimits,
  budget: number,
  core: MatmulCore,
  segment?: number,
): Candidate {
  const s = shapeOf(exp);
  const candidate = (k: number): Candidate => {
    const layout = planLayout(s, limits, core, k);
    return { layout, reason: refusal(exp, layout, limits, budget) };
  };
  if (segment !== undefined) return candidate(checkpointPlan('webgpu', exp, segment)!.segment);
  const full = candidate(s.depth);
  if (full.reason === '' || !CHECKPOINTING.has('webgpu') || exp.tied) return full;
  const planned = checkpointPlan('webgpu', exp)?.segment;
  if (planned !== undefined && planned < s.depth) {
    const c = candidate(planned);
    if (c.reason === '') return c;
  }
  // The segment of least memory: the fewest z/h pairs (the rest of the layout is the same for every segment
  // length below the depth), the longest of equal ones (fewer recomputed layers).
  let least = s.depth - 1;
  for (let k = s.depth - 2; k >= 1; k--) if (pairsOf(s.depth, k) < pairsOf(s.depth, least)) least = k;
  return s.depth > 1 && pairsOf(s.depth, least) < s.depth ? candidate(least) : full;
}

/**
 * Checks `exp` against the device limits and a total budget in bytes (layout of the given matmul core), with
 * activation checkpointing when every layer's activations do not fit (see `choose`; `segment` forces a segment
 * length). The layout says which segment length it uses. A refusal says, where some depth would fit at this
 * width and batch, the largest one.
 */
export function estimateMemory(
  exp: Experiment,
  limits: MemoryLimits,
  budget: number = DEFAULT_MEMORY_BUDGET,
  core: MatmulCore = 'tiled',
  segment?: number,
): MemoryEstimate {
  const { layout, reason } = choose(exp, limits, budget, core, segment);
  if (reason === '') return { fits: true, reason, layout };
  let fits = 0;
  let refused = exp.depth;
  // The largest depth below this one that fits (what fits at depth d fits at every smaller depth).
  while (refused - fits > 1) {
    const mid = Math.floor((fits + refused) / 2);
    if (choose({ ...exp, depth: mid }, limits, budget, core, segment).reason === '') fits = mid;
    else refused = mid;
  }
  const hint = fits > 0 ? ` At this width and batch, depth ${fits} fits.` : '';
  return { fits: false, reason: reason + hint, layout };
}
