/**
 * Scene 5: monotone networks. With every weight ≥ 0 and a non-decreasing φ, each unit is a non-decreasing
 * function of the units below it, so the output never decreases when any input increases. (With a convex φ
 * such as ReLU or ELU with α ≤ 1, the output is convex as well, so a concave target cannot be fitted: the
 * training target below is therefore convex and increasing.)
 *
 * Network: 4 inputs → 16 → 16 → 1, φ on the hidden layers, linear output; weights |N(0, 1)| (or, with
 * `signed`, the same magnitudes with random signs). Each layer is then normalised on a reference batch of
 * inputs x ~ U(−1, 1)⁴: its rows are scaled (by a positive factor, so signs are kept) and its biases set so
 * every unit's pre-activation has mean 0 and standard deviation 1 there: about half of each unit's inputs
 * land left of zero, which is where the activations differ.
 *
 * Randomness: Rng(seed, 501, layer) weights, Rng(seed, 502) reference/training inputs, Rng(seed, 503) the
 * fixed inputs of the sweep, Rng(seed, 504, layer) weight signs.
 */
import { makeActivation } from '../../engine/activations';
import type { Activation, ActivationParams } from '../../engine/activations';
import { Rng } from '../../engine/random';
import { forward, mseBackward } from './mlp';
import type { Dense } from './mlp';
import { linspace } from './params';

/** Layer widths of the scene's network: 4 inputs, two hidden layers of 16, one output. */
export const MONOTONE_WIDTHS: readonly number[] = [4, 16, 16, 1];

/** Examples in the reference (and training) batch. */
const BATCH = 128;

/** x ~ U(−1, 1)⁴ reference/training inputs, row-major [BATCH, 4]. */
function referenceInputs(seed: number): Float64Array {
  const rng = new Rng(seed, 502);
  const x = new Float64Array(BATCH * MONOTONE_WIDTHS[0]);
  for (let k = 0; k < x.length; k++) x[k] = 2 * rng.uniform() - 1;
  return x;
}

/**
 * The scene's network, normalised as in the module comment. `signed` gives every weight a random sign
 * (no longer monotone); otherwise all weights are ≥ 0.
 */
export function monotoneNet(act: Activation, seed: number, signed = false): Dense[] {
  const x = referenceInputs(seed);
  const layers: Dense[] = [];
  let h = x;
  for (let l = 0; l + 1 < MONOTONE_WIDTHS.length; l++) {
    const fanIn = MONOTONE_WIDTHS[l];
    const fanOut = MONOTONE_WIDTHS[l + 1];
    const rng = new Rng(seed, 501, l);
    const signs = new Rng(seed, 504, l);
    const w = new Float64Array(fanOut * fanIn);
    for (let k = 0; k < w.length; k++) {
      const mag = Math.abs(rng.normal());
      w[k] = signed && signs.uniform() < 0.5 ? -mag : mag;
    }
    const layer: Dense = { fanIn, fanOut, w, b: new Float64Array(fanOut) };
    const z = forward([layer], act, h, BATCH).zs[0];
    for (let o = 0; o < fanOut; o++) {
      let mean = 0;
      let sq = 0;
      for (let n = 0; n < BATCH; n++) mean += z[n * fanOut + o];
      mean /= BATCH;
      for (let n = 0; n < BATCH; n++) sq += (z[n * fanOut + o] - mean) ** 2;
      const scale = sq > 0 ? 1 / Math.sqrt(sq / BATCH) : 1;
      for (let i = 0; i < fanIn; i++) w[o * fanIn + i] *= scale;
      layer.b[o] = -mean * scale;
    }
    layers.push(layer);
    const z2 = forward([layer], act, h, BATCH).zs[0];
    h = z2.map((v) => act.phi(v));
  }
  return layers;
}

/** Options of the monotonicity sweep. */
export interface MonotonicityParams {
  readonly activation: ActivationParams;
  readonly seed: number;
  /** Random weight signs (breaks the guarantee); default false (all weights ≥ 0). */
  readonly signed?: boolean;
  /** Which input is swept, 0–3; default 0. */
  readonly input?: number;
  /** Sweep range of that input; default [−6, 6] (wide, so SiLU's dip below zero is reached). */
  readonly range?: readonly [number, number];
  /** Grid points; default 301. */
  readonly points?: number;
}

/** The output along the sweep and its worst decrease. */
export interface MonotonicityResult {
  /** Values of the swept input, increasing. */
  readonly xs: Float64Array;
  /** Network output at each xs (other inputs fixed). */
  readonly ys: Float64Array;
  /** max over i of max(ys[i] − ys[i+1], 0): the worst drop between neighbouring grid points; 0 if non-decreasing. */
  readonly largestDecrease: number;
  /** max over i < j of max(ys[i] − ys[j], 0): the worst drop anywhere along the curve (≥ largestDecrease). */
  readonly largestDrop: number;
  /** The fixed values of all 4 inputs (the swept one's entry is unused), each in (−1, 1). */
  readonly fixed: Float64Array;
}

/** Sweeps one input of the scene's network with the others fixed at seeded U(−1, 1) values. */
export function monotonicityCheck(p: MonotonicityParams): MonotonicityResult {
  const act = makeActivation(p.activation);
  const layers = monotoneNet(act, p.seed, p.signed ?? false);
  const d = MONOTONE_WIDTHS[0];
  const input = Math.min(d - 1, Math.max(0, Math.floor(p.input ?? 0)));
  const [lo, hi] = p.range ?? [-6, 6];
  const xs = linspace(lo, hi, Math.max(2, p.points ?? 301));
  const rng = new Rng(p.seed, 503);
  const fixed = new Float64Array(d);
  for (let i = 0; i < d; i++) fixed[i] = 2 * rng.uniform() - 1;
  const x = new Float64Array(xs.length * d);
  for (let n = 0; n < xs.length; n++) {
    x.set(fixed, n * d);
    x[n * d + input] = xs[n];
  }
  const ys = forward(layers, act, x, xs.length).hs[layers.length];
  let largestDecrease = 0;
  let largestDrop = 0;
  let peak = ys[0];
  for (let n = 0; n + 1 < ys.length; n++) {
    largestDecrease = Math.max(largestDecrease, ys[n] - ys[n + 1]);
    peak = Math.max(peak, ys[n]);
    largestDrop = Math.max(largestDrop, peak - ys[n + 1]);
  }
  return { xs, ys: Float64Array.from(ys), largestDecrease, largestDrop, fixed };
}

/** The scene's regression target, convex and increasing in every input: y = ¼·Σᵢ (xᵢ + 1)². */
export function monotoneTarget(x: ArrayLike<number>): number {
  let y = 0;
  for (let i = 0; i < x.length; i++) y += (x[i] + 1) ** 2;
  return y / 4;
}

/** Options of the constrained training run. */
export interface MonotoneTrainingParams {
  readonly activation: ActivationParams;
  readonly seed: number;
  /** Learning rate of full-batch gradient descent. */
  readonly lr: number;
  /** Gradient steps. */
  readonly steps: number;
  /** Clamp weights at 0 after each step (projected gradient descent); default true. */
  readonly nonneg?: boolean;
}

/** Loss and dead units over training. */
export interface MonotoneTraining {
  /** loss[t] = (1/(2·128))·Σ(ŷ − y)² on the 128 training examples before step t; length steps + 1. */
  readonly loss: Float64Array;
  /** dead[t] = hidden units (of 32) with φ′(z) = 0 on every training example, before step t; length steps + 1. */
  readonly dead: Int32Array;
  /** Hidden units with |φ′(z)| < 0.01 on every example at the end (dead ones included). */
  readonly saturated: number;
}

/** Units of a layer whose |φ′| is ≤ `limit` (strictly < when limit > 0) on every example. */
function countFlat(act: Activation, z: Float64Array, width: number, limit: number): number {
  let count = 0;
  for (let o = 0; o < width; o++) {
    let flat = true;
    for (let k = o; k < z.length && flat; k += width) {
      const d = Math.abs(act.dphi(z[k]));
      flat = limit === 0 ? d === 0 : d < limit;
    }
    if (flat) count++;
  }
  return count;
}

/**
 * Trains the scene's network on the target above (128 seeded inputs ~ U(−1, 1)⁴) by full-batch gradient
 * descent; with `nonneg`, every weight is clamped at 0 after each step (biases are free).
 */
export function trainMonotone(p: MonotoneTrainingParams): MonotoneTraining {
  const act = makeActivation(p.activation);
  const layers = monotoneNet(act, p.seed, false);
  const nonneg = p.nonneg ?? true;
  const x = referenceInputs(p.seed);
  const d = MONOTONE_WIDTHS[0];
  const y = new Float64Array(BATCH);
  for (let n = 0; n < BATCH; n++) y[n] = monotoneTarget(x.subarray(n * d, n * d + d));
  const loss = new Float64Array(p.steps + 1);
  const dead = new Int32Array(p.steps + 1);
  const deadNow = (zs: Float64Array[]): number => {
    let c = 0;
    for (let l = 0; l + 1 < layers.length; l++) c += countFlat(act, zs[l], layers[l].fanOut, 0);
    return c;
  };
  for (let t = 0; t <= p.steps; t++) {
    const trace = forward(layers, act, x, BATCH);
    const { loss: lt, grads } = mseBackward(layers, act, trace, y, BATCH);
    loss[t] = lt;
    dead[t] = deadNow(trace.zs);
    if (t === p.steps) break;
    for (let l = 0; l < layers.length; l++) {
      const { w, b } = layers[l];
      for (let k = 0; k < w.length; k++) {
        w[k] -= p.lr * grads[l].w[k];
        if (nonneg && w[k] < 0) w[k] = 0;
      }
      for (let k = 0; k < b.length; k++) b[k] -= p.lr * grads[l].b[k];
    }
  }
  const zs = forward(layers, act, x, BATCH).zs;
  let saturated = 0;
  for (let l = 0; l + 1 < layers.length; l++) saturated += countFlat(act, zs[l], layers[l].fanOut, 0.01);
  return { loss, dead, saturated };
}
