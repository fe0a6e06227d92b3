/**
 * What every kernel module in this folder exports: a named WGSL program (assembled from src/shaders/*.wgsl),
 * its bind group layout, and helpers that compute its `override` constants and workgroup counts for a network
 * shape. Kernel modules carry no GPU state; pipelines come from the PipelineCache (../pipelines.ts).
 */
import type { Experiment } from '../../engine/experiment';
import { ACTIVATION_CODE } from '../../engine/activations';
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

/** Assembles a kernel from its own WGSL and the shared snippets it uses. */
export function kernel(
  name: string,
  own: string,
  bindings: readonly BindingKind[],
  uses: { activation?: boolean; matmul?: MatmulCore; reduce?: boolean },
): KernelSpec {
  const parts: string[] = [];
  // A directive must precede every declaration.
  if (uses.matmul === 'subgroup') parts.push('enable subgroups;');
  if (uses.activation) parts.push(activationWgsl);
  if (uses.matmul) parts.push(matmulCommonWgsl, MATMUL_SOURCES[uses.matmul]);
  if (uses.reduce) parts.push(reduceWgsl);
  parts.push(own);
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
  uses: { activation?: boolean; reduce?: boolean },
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
 * A network's sizes as the kernels see them: every layer is width → width; tensors are row-major
 * [batch, ld] and weights [width, ld] with `ld` = width rounded up to a multiple of 4 (zero padding).
 */
export interface NetShape {
  readonly batch: number;
  readonly width: number;
  readonly depth: number;
  /** Padded row length in floats (multiple of 4). */
  readonly ld: number;
}

/** The shape of an experiment's network. */
export function shapeOf(exp: Experiment): NetShape {
  return { batch: exp.batch, width: exp.width, depth: exp.depth, ld: Math.ceil(exp.width / 4) * 4 };
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
 * Overrides of a layer's [batch, width]·[width, width] product with the activation fused (forward: z = h·W,
 * B read row-major; backward: δ·Wᵀ, B read transposed, so its K index is contiguous).
 */
export function layerProductConstants(s: NetShape, exp: Experiment, bContigK: 0 | 1): Constants {
  return {
    ...activationConstants(exp),
    M: s.batch,
    N: s.width,
    K: s.width,
    LDA: s.ld,
    LDB: s.ld,
    LDC: s.ld,
    A_CONTIG_K: 1,
    B_CONTIG_K: bContigK,
  };
}

/** [x, y] workgroups of a layer product with a [batch, width] output. */
export function layerGrid(s: NetShape, core: MatmulCore): [number, number] {
  return tileGrid(s.batch, s.width, core);
}
