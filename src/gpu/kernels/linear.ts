/**
 * linear (src/shaders/linear.wgsl): out = φ(h·W + b), or out = h·W + b for the linear read-out, without
 * statistics. The step runs it for a data-set network's read-out ([batch, width]·[width, outputs]); logits()
 * (../logits.ts) for every layer of a forward pass over data points.
 * Bindings: h [rows, ldIn of the role], W [fanIn, ldOut of the role], b [ldOut of the role], knob (uniform
 * vec4: the layer's k), out [rows, ldOut of the role].
 */
import type { Experiment } from '../../engine/experiment';
import own from '../../shaders/linear.wgsl?raw';
import { forwardProductConstants, matmulKernel, roleDims, tileGrid } from './kernel';
import type { Constants, LayerRole, MatmulCore, NetShape } from './kernel';

/** The kernel in every matmul core. */
export const linearKernels = matmulKernel('linear', own, ['read', 'read', 'read', 'uniform', 'rw'], {
  activation: true,
});

/** Overrides of `rows` examples through a role's weights; φ applied except for the read-out. */
export function linearConstants(s: NetShape, exp: Experiment, role: LayerRole, rows: number): Constants {
  return { ...forwardProductConstants(s, exp, role, rows), APPLY_PHI: role === 'readout' ? 0 : 1 };
}

/** [x, y] workgroups of `rows` examples through a role's weights. */
export function linearGrid(s: NetShape, role: LayerRole, rows: number, core: MatmulCore): [number, number] {
  return tileGrid(rows, roleDims(s, role).fanOut, core);
}
