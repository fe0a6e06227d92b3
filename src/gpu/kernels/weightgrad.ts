/**
 * weightgrad (src/shaders/weightgrad.wgsl): ∂W_l = h_{l−1}ᵀ·δ_l ([width, width]) with Σ(∂W)² partials
 * (1 float per workgroup); in a training step, W_l −= lr·∂W_l in the same pass (∂W is never stored).
 * Bindings: h_{l−1} [batch, ld], δ_l [batch, ld], W_l [width, ld] (read-write), partials [workgroups],
 * step params (uniform vec4: lr, train 0/1), so neither the learning rate nor training needs a new pipeline.
 */
import own from '../../shaders/weightgrad.wgsl?raw';
import { matmulKernel, tileGrid } from './kernel';
import type { Constants, MatmulCore, NetShape } from './kernel';

/** The kernel in both matmul cores. */
export const weightgradKernels = matmulKernel('weightgrad', own, ['read', 'read', 'rw', 'rw', 'uniform'], {});

/** Floats of partials per workgroup. */
export const WEIGHTGRAD_PARTIAL = 1;

/** [x, y] workgroups of one layer. */
export function weightgradGrid(s: NetShape, core: MatmulCore): [number, number] {
  return tileGrid(s.width, s.width, core);
}

export function weightgradConstants(s: NetShape): Constants {
  return {
    M: s.width,
    N: s.width,
    K: s.batch,
    LDA: s.ld,
    LDB: s.ld,
    LDC: s.ld,
    A_CONTIG_K: 0,
    B_CONTIG_K: 0,
  };
}
