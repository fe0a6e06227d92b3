/**
 * What every kernel module in this folder exports: a named WGSL program (assembled from src/shaders/*.wgsl),
 * its bind group layout, and helpers that compute its `override` constants and workgroup counts for a network
 * shape. Kernel modules carry no GPU state; pipelines come from the PipelineCache (../pipelines.ts).
 */
import type { Experiment } from '../../engine/experiment';
import { ACTIVATION_CODE } from '../../engine/activations';
import activationWgsl from '../../shaders/activation.wgsl?raw';
import matmulDirectWgsl from '../../shaders/matmul_direct.wgsl?raw';
import matmulTiledWgsl from '../../shaders/matmul_tiled.wgsl?raw';
import reduceWgsl from '../../shaders/reduce.wgsl?raw';

/** How a kernel's shader sees one binding (group 0, binding = index in `KernelSpec.bindings`). */
export type BindingKind = 'read' | 'rw' | 'uniform';

/**
 * The two matmul cores (same contract, same results up to summation order): `tiled` stages tiles in
 * workgroup memory (hardware GPUs); `direct` reads operands straight from storage, without workgroup memory
 * or barriers (about 2× faster on SwiftShader, where both are ordinary CPU memory and a barrier is a
 * coroutine switch).
 */
export const MATMUL_CORES = ['tiled', 'direct'] as const;
export type MatmulCore = (typeof MATMUL_CORES)[number];

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
  if (uses.activation) parts.push(activationWgsl);
  if (uses.matmul) parts.push(uses.matmul === 'tiled' ? matmulTiledWgsl : matmulDirectWgsl);
  if (uses.reduce) parts.push(reduceWgsl);
  parts.push(own);
  const key = uses.matmul ? `${name}/${uses.matmul}` : name;
  return { name, key, code: parts.join('\n'), bindings };
}

/** A matmul kernel in both cores. */
export function matmulKernel(
  name: string,
  own: string,
  bindings: readonly BindingKind[],
  uses: { activation?: boolean; reduce?: boolean },
): Readonly<Record<MatmulCore, KernelSpec>> {
  return {
    tiled: kernel(name, own, bindings, { ...uses, matmul: 'tiled' }),
    direct: kernel(name, own, bindings, { ...uses, matmul: 'direct' }),
  };
}

/** Output tile edge of the matmul kernels (matmul_*.wgsl `TILE`): each workgroup computes a TILE×TILE block. */
export const TILE = 64;
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
export function tileGrid(rows: number, cols: number): [number, number] {
  return [Math.ceil(cols / TILE), Math.ceil(rows / TILE)];
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
export function layerGrid(s: NetShape): [number, number] {
  return tileGrid(s.batch, s.width);
}
