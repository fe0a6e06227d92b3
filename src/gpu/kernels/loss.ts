/**
 * loss (src/shaders/loss.wgsl): the loss of h_L against the targets, g_L = ∂loss/∂h_L and
 * δ_L = g_L ⊙ φ′(z_L); partials per workgroup (4 floats): loss part, Σg², Σg·∂φ/∂k.
 * Bindings: h_L, y, z_L [batch, ld], knob of layer L (uniform vec4), δ_L [batch, ld], partials.
 */
import type { Experiment } from '../../engine/experiment';
import common from '../../shaders/loss_common.wgsl?raw';
import own from '../../shaders/loss.wgsl?raw';
import { LOSS_CHUNK, activationConstants, kernel } from './kernel';
import type { Constants, NetShape } from './kernel';

export const lossKernel = kernel('loss', own, ['read', 'read', 'read', 'uniform', 'rw', 'rw'], {
  activation: true,
  fragments: [common],
});

/** Floats of partials per workgroup. */
export const LOSS_PARTIAL = 4;

/** Workgroups (x) of the loss pass. */
export function lossGroups(s: NetShape): number {
  return Math.ceil((s.batch * s.width) / LOSS_CHUNK);
}

export function lossConstants(s: NetShape, exp: Experiment): Constants {
  return {
    ...activationConstants(exp),
    ROWS: s.batch,
    COLS: s.width,
    LD: s.ld,
    PROBE: exp.loss === 'probe' ? 1 : 0,
  };
}
