/**
 * weightgrad (src/shaders/weightgrad.wgsl): ∂W_l = h_{l−1}ᵀ·δ_l ([fanIn, fanOut]: [width, width], layer 1
 * [inputs, width], the read-out [width, outputs]) with Σ(∂W)² partials (1 float per workgroup); in a training
 * step, W_l −= lr·∂W_l in the same pass (∂W is never stored).
 * Bindings: h_{l−1} [batch, ld] (layer 1: x [batch, ldIn]), δ_l [batch, ld] (read-out: δ_out [batch, ldOut]),
 * W_l [fanIn, ld or ldOut] (read-write), partials [workgroups], step params (uniform vec4: lr, train 0/1), so
 * neither the learning rate nor training needs a new pipeline.
 */
import own from '../../shaders/weightgrad.wgsl?raw';
import { matmulKernel, productConstants, roleDims, tileGrid } from './kernel';
import type { Constants, LayerRole, MatmulCore, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const weightgradKernels = matmulKernel('weightgrad', own, ['read', 'read', 'rw', 'rw', 'uniform'], {});

/** Floats of partials per workgroup. */
export const WEIGHTGRAD_PARTIAL = 1;

/** [x, y] workgroups of one layer's weight gradient, [fanIn, fanOut]. */
export function weightgradGrid(s: NetShape, core: MatmulCore, role: LayerRole): [number, number] {
  const d = roleDims(s, role);
  return tileGrid(d.fanIn, d.fanOut, core);
}

/** Overrides of one layer's weight gradient h_{l−1}ᵀ·δ_l (both operands stored [batch, ·]: Aᵀ and B row-major). */
export function weightgradConstants(s: NetShape, role: LayerRole): Constants {
  const d = roleDims(s, role);
  return productConstants(d.fanIn, d.fanOut, s.batch, [d.ldIn, d.ldOut, d.ldOut], [0, 0]);
}
