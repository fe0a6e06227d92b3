/**
 * The batched sweep kernels (src/shaders/sweep_*.wgsl): a group of C cells runs as one network of C·BP rows
 * (BP: the batch rounded up to the matmul tile, so no workgroup spans two cells), with each cell's scales and
 * activation parameters read from a storage buffer of CELL_FLOATS floats per cell (sweep_cells.wgsl `Cell`).
 *
 * activation.wgsl is reused as it is, except that its ALPHA, LAMBDA and SLOPE overrides become per-invocation
 * variables that `useCell` sets from the workgroup's cell: φ, φ′ and ∂φ/∂k are the single-run kernels' own
 * formulas. The matmul cores and reduce.wgsl are the single run's too, and so are the fragments each batched
 * kernel shares with its single-run kernel: stats_epilogue.wgsl (forward), backward_epilogue.wgsl,
 * loss_common.wgsl and finish_common.wgsl.
 */
import { ACTIVATION_CODE } from '../../engine/activations';
import type { ActivationKind } from '../../engine/experiment';
import activationWgsl from '../../shaders/activation.wgsl?raw';
import matmulCommonWgsl from '../../shaders/matmul_common.wgsl?raw';
import matmulDirectWgsl from '../../shaders/matmul_direct.wgsl?raw';
import matmulSubgroupWgsl from '../../shaders/matmul_subgroup.wgsl?raw';
import matmulTiledWgsl from '../../shaders/matmul_tiled.wgsl?raw';
import reduceWgsl from '../../shaders/reduce.wgsl?raw';
import backwardEpilogueWgsl from '../../shaders/backward_epilogue.wgsl?raw';
import finishCommonWgsl from '../../shaders/finish_common.wgsl?raw';
import lossCommonWgsl from '../../shaders/loss_common.wgsl?raw';
import statsEpilogueWgsl from '../../shaders/stats_epilogue.wgsl?raw';
import backwardWgsl from '../../shaders/sweep_backward.wgsl?raw';
import cellsWgsl from '../../shaders/sweep_cells.wgsl?raw';
import finishWgsl from '../../shaders/sweep_finish.wgsl?raw';
import forwardWgsl from '../../shaders/sweep_forward.wgsl?raw';
import lossWgsl from '../../shaders/sweep_loss.wgsl?raw';
import {
  LOSS_CHUNK,
  productConstants,
  TILE,
  type BindingKind,
  type Constants,
  type KernelSpec,
  type KernelUses,
  type MatmulCore,
} from '../kernels/kernel';

/**
 * The matmul kernels' M: a bound on the rows of any chunk (plan.ts keeps capacity·BP below it), not a chunk's
 * own rows, so the pipelines do not depend on the group's size. Only rows of dispatched workgroups are
 * touched, and those lie inside the chunk, so the bound is never reached.
 */
export const SWEEP_ROWS = 2 ** 24;

/** Floats per cell in the cells buffer: scale, σ_b, α, λ, slope, knob and two of padding (sweep_cells.wgsl). */
export const CELL_FLOATS = 8;

const MATMUL_SOURCES: Record<MatmulCore, string> = {
  tiled: matmulTiledWgsl,
  direct: matmulDirectWgsl,
  subgroup: matmulSubgroupWgsl,
};

/** activation.wgsl with the per-cell parameters as private variables instead of overrides. */
function perCellActivation(): string {
  let code = activationWgsl;
  for (const name of ['ALPHA', 'LAMBDA', 'SLOPE']) {
    const from = `override ${name}: f32;`;
    if (!code.includes(from)) throw new Error(`activation.wgsl no longer declares '${from}'`);
    code = code.replace(from, `var<private> ${name}: f32;`);
  }
  return code;
}

function sweepKernel(
  name: string,
  own: string,
  bindings: readonly BindingKind[],
  uses: Omit<KernelUses, 'activation'>,
): KernelSpec {
  const parts: string[] = [];
  if (uses.matmul === 'subgroup') parts.push('enable subgroups;');
  parts.push(perCellActivation(), cellsWgsl);
  if (uses.matmul) parts.push(matmulCommonWgsl, MATMUL_SOURCES[uses.matmul]);
  if (uses.reduce) parts.push(reduceWgsl);
  parts.push(...(uses.fragments ?? []), own);
  const key = uses.matmul ? `${name}/${uses.matmul}` : name;
  return { name, key, code: parts.join('\n'), bindings };
}

const perCore = (make: (core: MatmulCore) => KernelSpec): Readonly<Record<MatmulCore, KernelSpec>> => ({
  tiled: make('tiled'),
  direct: make('direct'),
  subgroup: make('subgroup'),
});

/**
 * sweep_forward: h_{l−1} [C·BP, ld], Ẑ_l [width, ld], b̂_l [ld], cells, z_l and h_l [C·BP, ld], partials
 * [workgroups·8], the layer's flags [C, flagStride] u32.
 */
export const sweepForwardKernels = perCore((matmul) =>
  sweepKernel('sweep_forward', forwardWgsl, ['read', 'read', 'read', 'read', 'rw', 'rw', 'rw', 'rw'], {
    matmul,
    reduce: true,
    fragments: [statsEpilogueWgsl],
  }),
);

/** sweep_backward: δ_l [C·BP, ld], Ẑ_l [width, ld], z_{l−1}, cells, δ_{l−1} [C·BP, ld], partials [wg·2]. */
export const sweepBackwardKernels = perCore((matmul) =>
  sweepKernel('sweep_backward', backwardWgsl, ['read', 'read', 'read', 'read', 'rw', 'rw'], {
    matmul,
    fragments: [backwardEpilogueWgsl],
  }),
);

/** sweep_loss: h_L [C·BP, ld], y [batch, ld], z_L, cells, δ_L [C·BP, ld], partials [C·NL·4]. */
export const sweepLossKernel = sweepKernel(
  'sweep_loss',
  lossWgsl,
  ['read', 'read', 'read', 'read', 'rw', 'rw'],
  { fragments: [lossCommonWgsl] },
);

/**
 * sweep_finish: forward, backward, loss and weight-gradient partials, flags, cells, stats, and a uniform
 * vec4<u32> (capacity, forward section, backward section, 0) (see the WGSL).
 */
export const sweepFinishKernel = sweepKernel(
  'sweep_finish',
  finishWgsl,
  ['read', 'read', 'read', 'read', 'read', 'read', 'rw', 'uniform'],
  { reduce: true, fragments: [finishCommonWgsl] },
);

/** Every sweep kernel spec (compile checks). */
export const SWEEP_KERNELS: readonly KernelSpec[] = [
  ...Object.values(sweepForwardKernels),
  ...Object.values(sweepBackwardKernels),
  sweepLossKernel,
  sweepFinishKernel,
];

/** The shape of a chunk as the sweep kernels see it. */
export interface SweepShape {
  readonly act: ActivationKind;
  readonly batch: number;
  readonly width: number;
  /** Padded row length (width rounded up to 4). */
  readonly ld: number;
  readonly depth: number;
  /** Rows per cell: the batch rounded up to the core's tile. */
  readonly bp: number;
  /** Cells the chunk's buffers are built for (the pipelines do not depend on it). */
  readonly capacity: number;
  /** u32 per cell in a layer's flags (aligned for binding offsets). */
  readonly flagStride: number;
  readonly probe: boolean;
}

/** Rows per cell for a batch on a matmul core: the batch rounded up to the core's tile height. */
export function rowsPerCell(batch: number, core: MatmulCore): number {
  return Math.ceil(batch / TILE[core]) * TILE[core];
}

/** Workgroups of the loss pass per cell. */
export function lossGroupsPerCell(s: SweepShape): number {
  return Math.ceil((s.batch * s.width) / LOSS_CHUNK);
}

/** [x, y] workgroups of a forward or backward product over `cells` cells. */
export function sweepGrid(s: SweepShape, core: MatmulCore, cells: number): [number, number] {
  return [Math.ceil(s.width / TILE[core]), (cells * s.bp) / TILE[core]];
}

const act = (s: SweepShape): Constants => ({ ACT: ACTIVATION_CODE[s.act] });

/** Overrides of sweep_forward. */
export function sweepForwardConstants(s: SweepShape): Constants {
  const { width: w, ld } = s;
  return {
    ...act(s),
    ...productConstants(SWEEP_ROWS, w, w, [ld, ld, ld], [1, 0]),
    BP: s.bp,
    ROWS: s.batch,
    FSTRIDE: s.flagStride,
  };
}

/** Overrides of sweep_backward. */
export function sweepBackwardConstants(s: SweepShape): Constants {
  const { width: w, ld } = s;
  return { ...act(s), ...productConstants(SWEEP_ROWS, w, w, [ld, ld, ld], [1, 1]), BP: s.bp };
}

/** Overrides of sweep_loss. */
export function sweepLossConstants(s: SweepShape): Constants {
  return {
    ...act(s),
    ROWS: s.batch,
    COLS: s.width,
    LD: s.ld,
    BP: s.bp,
    NL: lossGroupsPerCell(s),
    PROBE: s.probe ? 1 : 0,
  };
}

/** Where sweep_finish finds the partials (floats), and which statistics it reduces. */
export interface SweepFinishLayout {
  readonly tilesPerCell: number;
  readonly forwardSection: number;
  readonly backwardSection: number;
  readonly weightgradGroups: number;
  readonly weightgradSection: number;
  readonly grads: boolean;
  readonly weights: boolean;
}

/** Overrides of sweep_finish (its capacity-dependent sizes are a uniform: see sweepFinishDims). */
export function sweepFinishConstants(s: SweepShape, f: SweepFinishLayout): Constants {
  return {
    ...act(s),
    LAYERS: s.depth,
    COLS: s.width,
    TILES: f.tilesPerCell,
    NL: lossGroupsPerCell(s),
    NW: f.weightgradGroups,
    WSEC: f.weightgradSection,
    FSTRIDE: s.flagStride,
    GRADS: f.grads ? 1 : 0,
    WEIGHTS: f.weights ? 1 : 0,
  };
}

/** sweep_finish's uniform: capacity, forward and backward section (floats), 0. */
export function sweepFinishDims(s: SweepShape, f: SweepFinishLayout): Uint32Array {
  return new Uint32Array([s.capacity, f.forwardSection, f.backwardSection, 0]);
}
