/**
 * backward (src/shaders/backward.wgsl): g_{l−1} = δ_l·W_lᵀ and δ_{l−1} = g_{l−1} ⊙ φ′(z_{l−1}), with partials
 * Σg², Σg·∂φ/∂k (2 floats per workgroup) for layer l−1. With a data set it also runs through the read-out:
 * g_L = δ_out·W_outᵀ, δ_L = g_L ⊙ φ′(z_L), partials for layer L.
 * Bindings: δ_l [batch, ld] (read-out: δ_out [batch, ldOut]), W_l [width, ld] (read-out: [width, ldOut]),
 * z_{l−1} [batch, ld], knob of layer l−1 (uniform vec4), δ_{l−1} [batch, ld], partials [workgroups·2].
 */
import type { Experiment } from '../../engine/experiment';
import epilogue from '../../shaders/backward_epilogue.wgsl?raw';
import own from '../../shaders/backward.wgsl?raw';
import { activationConstants, layerGrid, matmulKernel, productConstants, roleDims } from './kernel';
import type { Constants, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const backwardKernels = matmulKernel(
  'backward',
  own,
  ['read', 'read', 'read', 'uniform', 'rw', 'rw'],
  {
    activation: true,
    fragments: [epilogue],
  },
);

/** Floats of partials per workgroup. */
export const BACKWARD_PARTIAL = 2;

/** [x, y] workgroups of one layer. */
export const backwardGrid = layerGrid;

/**
 * Overrides of the backward product through a hidden layer's W_l (l ≥ 2: [batch, width]·[width, width]ᵀ) or
 * through the read-out's ([batch, outputs]·[width, outputs]ᵀ). B is read transposed, so its k is contiguous.
 */
export function backwardConstants(s: NetShape, exp: Experiment, role: 'hidden' | 'readout'): Constants {
  const d = roleDims(s, role);
  return {
    ...activationConstants(exp),
    ...productConstants(s.batch, d.fanIn, d.fanOut, [d.ldOut, d.ldOut, d.ldIn], [1, 1]),
  };
}
