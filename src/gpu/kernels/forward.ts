/**
 * forward (src/shaders/forward.wgsl): z_l = h_{l−1}·W_l + b_l, h_l = φ(z_l) of a hidden layer, and the layer's
 * statistic partials: per workgroup 8 floats (count, mean z, M2 z, mean h, M2 h), per unit a u32 of
 * dead/saturated bits. Bindings: h_{l−1} [batch, ld] (layer 1: x [batch, ldIn]), W_l [width, ld] (layer 1:
 * [inputs, ld]), b_l [ld], knob (uniform vec4), z_l, h_l [batch, ld], partials [workgroups·8], flags [width].
 * Activation checkpointing recomputes z_l and h_l with the same kernel and bindings, STATS = 0: no statistics.
 */
import type { Experiment } from '../../engine/experiment';
import own from '../../shaders/forward.wgsl?raw';
import epilogue from '../../shaders/stats_epilogue.wgsl?raw';
import { forwardProductConstants, layerGrid, matmulKernel } from './kernel';
import type { Constants, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const forwardKernels = matmulKernel(
  'forward',
  own,
  ['read', 'read', 'read', 'uniform', 'rw', 'rw', 'rw', 'rw'],
  {
    activation: true,
    reduce: true,
    fragments: [epilogue],
  },
);

/** Floats of partials per workgroup. */
export const FORWARD_PARTIAL = 8;

/** [x, y] workgroups of one layer. */
export const forwardGrid = layerGrid;

/**
 * Overrides of a hidden layer's forward product: layer 1 (`first`, [batch, inputs]·[inputs, width]) or a layer
 * above it (`hidden`, [batch, width]·[width, width]); the same pipeline when inputs = width.
 */
export function forwardConstants(s: NetShape, exp: Experiment, role: 'first' | 'hidden'): Constants {
  return forwardProductConstants(s, exp, role);
}

/**
 * The same product without the statistics epilogue (STATS = 0): activation checkpointing's recompute of z_l and
 * h_l, which come out bit for bit as from forwardConstants' pipeline (the same code computes them).
 */
export function recomputeConstants(s: NetShape, exp: Experiment, role: 'first' | 'hidden'): Constants {
  return { ...forwardProductConstants(s, exp, role), STATS: 0 };
}
