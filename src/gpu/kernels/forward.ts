/**
 * forward (src/shaders/forward.wgsl): z_l = h_{l−1}·W_l + b_l, h_l = φ(z_l), and the layer's statistic
 * partials: per workgroup 8 floats (count, mean z, M2 z, mean h, M2 h), per unit a u32 of dead/saturated bits.
 * Bindings: h_{l−1} [batch, ld], W_l [width, ld], b_l [ld], knob (uniform vec4), z_l, h_l [batch, ld],
 * partials [workgroups·8], flags [width].
 */
import type { Experiment } from '../../engine/experiment';
import own from '../../shaders/forward.wgsl?raw';
import { layerGrid, layerProductConstants, matmulKernel } from './kernel';
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
export const forwardGrid = layerGrid;

/** Overrides of one layer's forward product. */
export function forwardConstants(s: NetShape, exp: Experiment): Constants {
  return layerProductConstants(s, exp, 0);
}
