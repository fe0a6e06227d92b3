/**
 * xent (src/shaders/xent.wgsl): the loss of a data-set network's read-out against the minibatch's one-hot
 * targets and δ_out = ∂loss/∂out: softmax cross-entropy (`xent`, the default with a data set), or `mse`
 * (`probe`) on the one-hot targets; one thread per row. Partials per workgroup (4 floats, as loss.ts's):
 * loss part, 0, 0. Bindings: out [batch, ldOut], y [batch, ldOut], δ_out [batch, ldOut], partials.
 */
import type { Experiment, LossKind } from '../../engine/experiment';
import own from '../../shaders/xent.wgsl?raw';
import { kernel } from './kernel';
import type { Constants, NetShape } from './kernel';

/** The kernel (no matmul core: one thread per row). */
export const xentKernel = kernel('xent', own, ['read', 'read', 'rw', 'rw'], {});

/** Rows per workgroup (xent.wgsl `WG`). */
export const XENT_WORKGROUP = 32;

/** The LOSS override of each loss. */
const LOSS_CODE: Readonly<Record<LossKind, number>> = { mse: 0, probe: 1, xent: 2 };

/** Workgroups (x) of the pass. */
export function xentGroups(s: NetShape): number {
  return Math.ceil(s.batch / XENT_WORKGROUP);
}

/** Overrides: ROWS = batch, CLASSES = outputs, LD = ldOut, LOSS (0 mse, 1 probe, 2 xent). */
export function xentConstants(s: NetShape, exp: Experiment): Constants {
  return { ROWS: s.batch, CLASSES: s.outputs, LD: s.ldOut, LOSS: LOSS_CODE[exp.loss] };
}
