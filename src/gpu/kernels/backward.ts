/**
 * backward (src/shaders/backward.wgsl): g_{l−1} = δ_l·W_lᵀ and δ_{l−1} = g_{l−1} ⊙ φ′(z_{l−1}), with partials
 * Σg², Σg·∂φ/∂k (2 floats per workgroup) for layer l−1.
 * Bindings: δ_l [batch, ld], W_l [width, ld], z_{l−1} [batch, ld], knob of layer l−1 (uniform vec4),
 * δ_{l−1} [batch, ld], partials [workgroups·2].
 */
import type { Experiment } from '../../engine/experiment';
import own from '../../shaders/backward.wgsl?raw';
import { layerGrid, layerProductConstants, matmulKernel } from './kernel';
import type { Constants, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const backwardKernels = matmulKernel(
  'backward',
  own,
  ['read', 'read', 'read', 'uniform', 'rw', 'rw'],
  {
    activation: true,
  },
);

/** Floats of partials per workgroup. */
export const BACKWARD_PARTIAL = 2;

/** [x, y] workgroups of one layer. */
export const backwardGrid = layerGrid;

/** Overrides of one layer's backward product. */
export function backwardConstants(s: NetShape, exp: Experiment): Constants {
  return layerProductConstants(s, exp, 1);
}
