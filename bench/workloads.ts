/**
 * The benchmark's fixed workloads (issue 3). One step = forward + backward + SGD update + every per-layer
 * statistic read back, with ELU α = 1, LeCun normal weights, no bias, inputs and targets N(0, 1), lr 0.01,
 * mse loss. `gemm` is one 512×512×512 float32 product.
 */
import type { Experiment } from '../src/engine/experiment';
import { experimentWith } from '../src/state/schema';

/** A step workload: depth × width × batch. */
export interface StepWorkload {
  readonly name: 'small' | 'deep' | 'wide';
  readonly depth: number;
  readonly width: number;
  readonly batch: number;
}

export const STEP_WORKLOADS: readonly StepWorkload[] = [
  { name: 'small', depth: 20, width: 256, batch: 256 },
  { name: 'deep', depth: 100, width: 128, batch: 256 },
  { name: 'wide', depth: 8, width: 1024, batch: 512 },
];

/** The GEMM workload: C[m,n] = A[m,k]·B[k,n]. */
export const GEMM_WORKLOAD = { name: 'gemm', m: 512, n: 512, k: 512 } as const;

/** Untimed steps before measuring (JIT tier-up, allocator warm-up). */
export const WARMUPS = 2;
/** Timed repetitions of a step workload; the median is reported. */
export const REPS = 9;
/** Timed repetitions of the (much shorter) GEMM workload. */
export const GEMM_REPS = 25;

/** The experiment of a step workload. */
export function workloadExperiment(w: StepWorkload): Experiment {
  return experimentWith({
    act: 'elu',
    alpha: 1,
    init: 'lecun',
    dist: 'normal',
    sb: 0,
    in_mean: 0,
    in_std: 1,
    lr: 0.01,
    loss: 'mse',
    depth: w.depth,
    width: w.width,
    batch: w.batch,
    seed: 1,
  });
}

/** Floating-point operations of one step's matrix products: 3 products of 2·batch·width² per layer. */
export function stepFlops(w: StepWorkload): number {
  return 3 * 2 * w.batch * w.width * w.width * w.depth;
}

/** Floating-point operations of the GEMM workload. */
export function gemmFlops(): number {
  return 2 * GEMM_WORKLOAD.m * GEMM_WORKLOAD.n * GEMM_WORKLOAD.k;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Standard-normal float32 data from a small deterministic generator (Box–Muller on an LCG). */
export function normalData(count: number, seed: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  const uniform = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  for (let i = 0; i < count; i++) {
    out[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  }
  return out;
}
