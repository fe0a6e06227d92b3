/**
 * What WasmBackend.init() decides before laying out memory: the checkpoint segment of an experiment, and the
 * key of what its upload writes (so an init that would upload the same numbers again keeps memory as it is).
 */
import { bytesWithSegment, checkpointPlan } from '../engine/budget';
import type { Experiment } from '../engine/experiment';

/**
 * Hidden layers per segment for `exp`: the budget's plan (or the forced length); when not even the best plan
 * fits the budget, the segment with the least memory anyway (wasm32 memory may still hold it).
 */
export function segmentFor(exp: Experiment, forced?: number): number {
  const plan = checkpointPlan('wasm', exp, forced);
  if (plan) return plan.segment;
  let best = exp.depth;
  for (let s = 1; s < exp.depth; s++)
    if (bytesWithSegment('wasm', exp, s) < bytesWithSegment('wasm', exp, best)) best = s;
  return best;
}

/**
 * Everything init() uploads is determined by these keys (src/engine/init.ts) and the memory layout. `data`
 * sets the widths and whether inputs and targets are uploaded at all (a data set's come with each step);
 * `noise` changes no weight but is kept in the key so a key never stands for two different experiments' data.
 */
export function uploadKey(exp: Experiment): string {
  const { depth, width, batch, init, dist, sw, sb, in_mean, in_std, seed, tied, nonneg, data, noise } = exp;
  const hybrid = exp.act === 'hybrid';
  return JSON.stringify([
    depth,
    width,
    batch,
    init,
    dist,
    sw,
    sb,
    in_mean,
    in_std,
    seed,
    tied,
    nonneg,
    hybrid,
    data,
    noise,
  ]);
}
