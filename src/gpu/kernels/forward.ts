/**
 * forward (src/shaders/forward.wgsl): z_l = h_{l−1}·W_l + b_l, h_l = φ(z_l), and the layer's statistic
 * partials: per workgroup 8 floats (count, mean z, M2 z, mean h, M2 h), per unit a u32 of dead/saturated bits.
 * Bindings: h_{l−1} [batch, ld], W_l [width, ld], b_l [ld], knob (uniform vec4), z_l, h_l [batch, ld],
 * partials [workgroups·8], flags [width].
 */
import type { Experiment } from '../../engine/experiment';
import own from '../../shaders/forward.wgsl?raw';
import { activationConstants, matmulKernel, tileGrid } from './kernel';
import type { Constants, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const forwardKernels = matmulKernel(
  'forward',
  own,
  ['read', 'read', 'read', 'uniform', 'rw', 'rw', 'rw', 'rw'],
  {
    activation: true,
    reduce: true,
  },
);

/** Floats of partials per workgroup. */
export const FORWARD_PARTIAL = 8;

/** [x, y] workgroups of one layer. */
export function forwardGrid(s: NetShape): [number, number] {
  return tileGrid(s.batch, s.width);
}

export function forwardConstants(s: NetShape, exp: Experiment): Constants {
  return {
    ...activationConstants(exp),
    M: s.batch,
    N: s.width,
    K: s.width,
    LDA: s.ld,
    LDB: s.ld,
    LDC: s.ld,
    A_CONTIG_K: 1,
    B_CONTIG_K: 0,
  };
}
