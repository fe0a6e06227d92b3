/**
 * What every kernel module in this folder exports: a named WGSL program (assembled from src/shaders/*.wgsl),
 * its bind group layout, and helpers that compute its `override` constants and workgroup counts for a network
 * shape. Kernel modules carry no GPU state; pipelines come from the PipelineCache (../pipelines.ts).
 */
import type { Experiment } from '../../engine/experiment';
import { ACTIVATION_CODE } from '../../engine/activations';
import { networkShape } from '../../engine/data/shape';
import activationWgsl from '../../shaders/activation.wgsl?raw';
import matmulCommonWgsl from '../../shaders/matmul_common.wgsl?raw';
import matmulDirectWgsl from '../../shaders/matmul_direct.wgsl?raw';
import matmulSubgroupWgsl from '../../shaders/matmul_subgroup.wgsl?raw';
import matmulTiledWgsl from '../../shaders/matmul_tiled.wgsl?raw';
import reduceWgsl from '../../shaders/reduce.wgsl?raw';

/** How a kernel's shader sees one binding (group 0, binding = index in `KernelSpec.bindings`). */
export type BindingKind = 'read' | 'rw' | 'uniform';

/**
 * The portable matmul cores (same contract, same results up to summation order): `tiled` stages tiles in
 * workgroup memory (hardware GPUs); `direct` reads operands straight from storage, without workgroup memory
 * or barriers (about 2× faster on SwiftShader, where both are ordinary CPU memory and a barrier is a
 * coroutine switch).
 */
export const MATMUL_CORES = ['tiled', 'direct'] as const;
/**
 * Every matmul core: the portable ones, and `subgroup` (matmul_subgroup.wgsl), for devices with the
 * `subgroups` feature and 4-wide subgroups only (SwiftShader), where it is about 1.5–2× faster than `direct`.
 */
export type MatmulCore = (typeof MATMUL_CORES)[number] | 'subgroup';

/** Whether an adapter can run the `subgroup` core (the feature, and subgroups of exactly 4 invocations). */
export function subgroupCoreFits(
  features: ReadonlySet<string>,
  info: { subgroupMinSize?: number; subgroupMaxSize?: number },
): boolean {
  return features.has('subgroups') && info.subgroupMinSize === 4 && info.subgroupMaxSize === 4;
}

/** A compute kernel: entry point `main`, one bind group. */
export interface KernelSpec {
  /** Name of the kernel, the same as its .wgsl file and TS module; used in every error message. */
  readonly name: string;
  /** Cache key of its module: the name, plus the matmul core for matmul kernels ("forward/direct"). */
  readonly key: string;
  /** Complete WGSL source (shared snippets prepended). */
  readonly code: string;
  readonly bindings: readonly BindingKind[];
}

/** `override` values by name (bools as 0/1), as GPUProgrammableStage.constants takes them. */
export type Constants = Record<string, number>;

/**
 * The shared snippets a kernel uses: activation.wgsl, a matmul core, reduce.wgsl, and `fragments`, the WGSL
 * pieces (e.g. stats_epilogue.wgsl) a single-run kernel shares with its batched sweep counterpart
 * (src/gpu/sweep/kernels.ts), joined in the order given, just in front of the kernel's own code.
 */
export interface KernelUses {
  readonly activation?: boolean;
  readonly matmul?: MatmulCore;
  readonly reduce?: boolean;
  readonly fragments?: readonly string[];
}

/** Assembles a kernel from its own WGSL and the shared snippets it uses. */
export function kernel(
  name: string,
  own: string,
  bindings: readonly BindingKind[],
  uses: KernelUses,
): KernelSpec {
  const parts: string[] = [];
  // A directive must precede every declaration.
  if (uses.matmul === 'subgroup') parts.push('enable subgroups;');
  if (uses.activation) parts.push(activationWgsl);
  if (uses.matmul) parts.push(matmulCommonWgsl, MATMUL_SOURCES[uses.matmul]);
  if (uses.reduce) parts.push(reduceWgsl);
  parts.push(...(uses.fragments ?? []), own);
  const key = uses.matmul ? `${name}/${uses.matmul}` : name;
  return { name, key, code: parts.join('\n'), bindings };
}

const MATMUL_SOURCES: Record<MatmulCore, string> = {
  tiled: matmulTiledWgsl,
  direct: matmulDirectWgsl,
  subgroup: matmulSubgroupWgsl,
};

/** A matmul kernel in every core. */
export function matmulKernel(
  name: string,
  own: string,
  bindings: readonly BindingKind[],
  uses: Omit<KernelUses, 'matmul'>,
): Readonly<Record<MatmulCore, KernelSpec>> {
  return {
    tiled: kernel(name, own, bindings, { ...uses, matmul: 'tiled' }),
    direct: kernel(name, own, bindings, { ...uses, matmul: 'direct' }),
    subgroup: kernel(name, own, bindings, { ...uses, matmul: 'subgroup' }),
  };
}

/** Output tile edge of the matmul kernels (matmul_*.wgsl `TILE_M`, `TILE_N`): a workgroup's TILE×TILE block. */
export const TILE: Readonly<Record<MatmulCore, number>> = { tiled: 64, direct: 64, subgroup: 32 };
/** Elements per workgroup of the loss kernel (loss.wgsl). */
export const LOSS_CHUNK = 4096;
/** Threads per workgroup of the bias kernel (bias.wgsl). */
export const BIAS_WORKGROUP = 64;

/**
 * A network's sizes as the kernels see them (data/shape.ts): hidden layers of `width` units; layer 1 maps
 * `inputs` → width; with a data set a linear read-out maps width → `outputs` (without one, inputs = outputs =
 * width and there is no read-out). Tensors are row-major with rows padded to a multiple of 4 floats (zero
 * padding): x [batch, ldIn], z_l, h_l, δ_l [batch, ld], read-out outputs and targets [batch, ldOut]; weights
 * W_1 [inputs, ld], W_l [width, ld], read-out [width, ldOut].
 */
export interface NetShape {
  readonly batch: number;
  /** Units of each hidden layer. */
  readonly width: number;
  readonly depth: number;
  /** Padded row length of the hidden layers in floats (width rounded up to a multiple of 4). */
  readonly ld: number;
  /** Columns of the input x (the data's features; `width` without a data set). */
  readonly inputs: number;
  readonly ldIn: number;
  /** Columns of the network's output (the classes after the read-out; `width` without a data set). */
  readonly outputs: number;
  readonly ldOut: number;
  /** A linear read-out [width, outputs] follows the hidden layers (data sets). */
  readonly readout: boolean;
  /** Every layer has a bias that training updates (data sets; otherwise sb > 0). */
  readonly bias: boolean;
}

/** `n` floats rounded up to whole vec4s. */
export function padded(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/** The shape of an experiment's network. */
export function shapeOf(exp: Experiment): NetShape {
  const n = networkShape(exp);
  return {
    batch: exp.batch,
    width: n.width,
    depth: n.depth,
    ld: padded(n.width),
    inputs: n.inputs,
    ldIn: padded(n.inputs),
    outputs: n.outputs,
    ldOut: padded(n.outputs),
    readout: n.readout,
    bias: n.bias,
  };
}

/** Which weight matrix a product involves: W_1 (`first`), W_l for l ≥ 2 (`hidden`), or the read-out's. */
export type LayerRole = 'first' | 'hidden' | 'readout';

/** Fan-in and fan-out of a role's weights with their padded row lengths: W is [fanIn, ldOut]. */
export function roleDims(
  s: NetShape,
  role: LayerRole,
): { fanIn: number; ldIn: number; fanOut: number; ldOut: number } {
  if (role === 'first') return { fanIn: s.inputs, ldIn: s.ldIn, fanOut: s.width, ldOut: s.ld };
  if (role === 'readout') return { fanIn: s.width, ldIn: s.ld, fanOut: s.outputs, ldOut: s.ldOut };
  return { fanIn: s.width, ldIn: s.ld, fanOut: s.width, ldOut: s.ld };
}

/** Activation overrides of activation.wgsl (the hybrid's k is a per-layer uniform, not a constant). */
export function activationConstants(exp: Experiment): Constants {
  return { ACT: ACTIVATION_CODE[exp.act], ALPHA: exp.alpha, LAMBDA: exp.lambda, SLOPE: exp.slope };
}

/** Workgroups of a matmul kernel with an [rows, cols] output: [x over columns, y over rows]. */
export function tileGrid(rows: number, cols: number, core: MatmulCore): [number, number] {
  return [Math.ceil(cols / TILE[core]), Math.ceil(rows / TILE[core])];
}

/**
 * Overrides of a matmul C[M, N] = A[M, K]·B[K, N] (matmul_common.wgsl): the sizes, the leading dimensions of A,
 * B and C, and whether A and B are stored contiguous along k.
 */
export function productConstants(
  m: number,
  n: number,
  k: number,
  lds: readonly [number, number, number],
  contigK: readonly [0 | 1, 0 | 1],
): Constants {
  const [LDA, LDB, LDC] = lds;
  return { M: m, N: n, K: k, LDA, LDB, LDC, A_CONTIG_K: contigK[0], B_CONTIG_K: contigK[1] };
}

/**
 * Overrides of the forward product of `rows` examples through a role's weights, [rows, fanIn]·[fanIn, fanOut]
 * (A row-major, B read row-major), activation overrides included (forward.wgsl, linear.wgsl).
 */
export function forwardProductConstants(
  s: NetShape,
  exp: Experiment,
  role: LayerRole,
  rows: number = s.batch,
): Constants {
  const d = roleDims(s, role);
  return {
    ...activationConstants(exp),
    ...productConstants(rows, d.fanOut, d.fanIn, [d.ldIn, d.ldOut, d.ldOut], [1, 0]),
  };
}

/** [x, y] workgroups of a hidden layer's product with a [batch, width] output (forward, backward). */
export function layerGrid(s: NetShape, core: MatmulCore): [number, number] {
  return tileGrid(s.batch, s.width, core);
}
