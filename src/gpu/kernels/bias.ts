/**
 * bias (src/shaders/bias.wgsl): the SGD update of one layer's bias, b −= lr·Σ_rows δ_l (training with
 * `sb` > 0 only). Bindings: δ_l [batch, ld], b_l [ld] (read-write), step params (uniform vec4: lr).
 */
import own from '../../shaders/bias.wgsl?raw';
import { BIAS_WORKGROUP, kernel } from './kernel';
import type { Constants, NetShape } from './kernel';

export const biasKernel = kernel('bias', own, ['read', 'rw', 'uniform'], {});

/** Workgroups (x) of one layer's update. */
export function biasGroups(s: NetShape): number {
  return Math.ceil(s.width / BIAS_WORKGROUP);
}

export function biasConstants(s: NetShape): Constants {
  return { ROWS: s.batch, COLS: s.width, LD: s.ld };
}
