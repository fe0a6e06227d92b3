/**
 * bias (src/shaders/bias.wgsl): the SGD update of one layer's bias, b −= lr·Σ_rows δ_l (training steps of
 * networks with biases: `sb` > 0, or a data set, whose read-out has one too). Bindings: δ_l [batch, ld]
 * (read-out: δ_out [batch, ldOut]), b_l [ld or ldOut] (read-write), step params (uniform vec4: lr).
 */
import own from '../../shaders/bias.wgsl?raw';
import { BIAS_WORKGROUP, kernel, roleDims } from './kernel';
import type { Constants, NetShape } from './kernel';

export const biasKernel = kernel('bias', own, ['read', 'rw', 'uniform'], {});

/** Workgroups (x) of the update of a hidden layer's bias or the read-out's. */
export function biasGroups(s: NetShape, role: 'hidden' | 'readout'): number {
  return Math.ceil(roleDims(s, role).fanOut / BIAS_WORKGROUP);
}

/** Overrides of the update of a hidden layer's bias ([width]) or the read-out's ([outputs]). */
export function biasConstants(s: NetShape, role: 'hidden' | 'readout'): Constants {
  const d = roleDims(s, role);
  return { ROWS: s.batch, COLS: d.fanOut, LD: d.ldOut };
}
