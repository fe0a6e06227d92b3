/**
 * The benchmark's fixed workloads. One step = forward + backward + SGD update + every per-layer statistic read
 * back, with ELU α = 1 and LeCun normal weights. Issue 3's `small`, `deep` and `wide`: no bias, inputs and
 * targets N(0, 1), lr 0.01, mse loss. Issue 16's data-set workloads `spiral` and `digits`: the data set's
 * features → width → … → a linear read-out to its classes, biases on every layer, softmax cross-entropy,
 * lr 0.1, each step its own seeded minibatch (src/engine/data). `gemm` is one 512×512×512 float32 product.
 */
import { DATA_DIMENSIONS } from '../src/engine/data/shape';
import type { Experiment } from '../src/engine/experiment';
import { experimentWith } from '../src/state/schema';

/** A step workload: depth × width × batch, on random data (issue 3) or on a data set (issue 16). */
export interface StepWorkload {
  readonly name: 'small' | 'deep' | 'wide' | 'spiral' | 'digits';
  readonly depth: number;
  readonly width: number;
  readonly batch: number;
  /** A data-set workload's data set (xent, lr 0.1, minibatches); absent: random inputs and targets, mse. */
  readonly data?: 'spiral' | 'digits';
}

/** Every step workload, in the order `npm run bench` runs them. */
export const STEP_WORKLOADS: readonly StepWorkload[] = [
  { name: 'small', depth: 20, width: 256, batch: 256 },
  { name: 'deep', depth: 100, width: 128, batch: 256 },
  { name: 'wide', depth: 8, width: 1024, batch: 512 },
  { name: 'spiral', data: 'spiral', depth: 8, width: 64, batch: 64 },
  { name: 'digits', data: 'digits', depth: 4, width: 256, batch: 128 },
];

/** The GEMM workload: C[m,n] = A[m,k]·B[k,n]. */
export const GEMM_WORKLOAD = { name: 'gemm', m: 512, n: 512, k: 512 } as const;

/** Untimed steps before measuring (JIT tier-up, allocator warm-up). */
export const WARMUPS = 2;
/** Timed repetitions of a step workload; the median is reported. */
export const REPS = 9;
/** Timed repetitions of a data-set workload, whose steps take a millisecond or a few: more, for a stable median. */
export const DATA_REPS = 41;

/**
 * Largest relative difference of an engine's first-step loss from the float64 reference engine's that the
 * data-set workloads' check accepts: float32 products and sums over a few hundred terms, with room to spare.
 */
export const CHECK_TOLERANCE = 1e-4;

/** Timed repetitions of step workload `w`. */
export function stepReps(w: StepWorkload): number {
  return w.data ? DATA_REPS : REPS;
}
/** Timed repetitions of the (much shorter) GEMM workload. */
export const GEMM_REPS = 25;

/** The experiment of a step workload. */
export function workloadExperiment(w: StepWorkload): Experiment {
  if (w.data)
    return experimentWith({
      act: 'elu',
      alpha: 1,
      init: 'lecun',
      dist: 'normal',
      sb: 0,
      lr: 0.1,
      loss: 'xent',
      data: w.data,
      depth: w.depth,
      width: w.width,
      batch: w.batch,
      seed: 1,
    });
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

/**
 * Floating-point operations of one step's matrix products: 3 products of 2·batch·fan_in·fan_out per layer
 * (forward, ∂loss/∂h below, ∂W). Data sets: layer 1 is features → width and has no product for ∂loss/∂x (no
 * engine needs it), and the read-out width → classes counts too.
 */
export function stepFlops(w: StepWorkload): number {
  if (!w.data) return 3 * 2 * w.batch * w.width * w.width * w.depth;
  const { features, classes } = DATA_DIMENSIONS[w.data];
  const products = 2 * features * w.width + 3 * (w.depth - 1) * w.width * w.width + 3 * w.width * classes;
  return 2 * w.batch * products;
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
