/**
 * Scene 6: input-convex neural networks (Amos, Xu & Kolter 2017, "Input Convex Neural Networks").
 *
 *   z₁ = φ(W_x,0·x + b₀),   z_{k+1} = φ(W_z,k·z_k + W_x,k·x + b_k),   f(x) = w_z·z_K + w_x·x + b
 *
 * with every W_z,k ≥ 0 and w_z ≥ 0 (the W_x are free). If φ is convex and non-decreasing, each z_k is convex in
 * x (a non-negative sum of convex functions plus an affine one, through a convex non-decreasing φ), so f is
 * convex. ELU_α is non-decreasing for α ≥ 0, and convex only for α ≤ 1: its slope is α·eᶻ left of 0 (reaching α
 * at 0⁻) and 1 right of 0, so for α > 1 the slope drops across 0, a concave kink.
 *
 * The test: f along the segment x(t) = a + t·(b − a), t ∈ [0, 1], on a uniform grid; the midpoint-convexity
 * violation is max over grid pairs (s, t) with (s+t)/2 on the grid of f((s+t)/2) − (f(s) + f(t))/2. It is ≤ 0
 * (up to rounding) for a convex f, and > 0 proves f is not convex.
 *
 * Why the failure at α > 1 is robust: the default segment runs from (−2, −1) to (2, 1), and the first-layer
 * biases are small (std 0.1) against first-layer slopes along the segment of order 1–3, so nearly every
 * first-layer unit's pre-activation crosses 0 inside the segment; each crossing is a concave kink (slope drop
 * α − 1 times the unit's slope and its non-negative weight into the layers above), and the
 * midpoint test straddling it sees it at every scale.
 *
 * Randomness: Rng(seed, 601, k) for W_x,k, Rng(seed, 602, k) for W_z,k, Rng(seed, 603, k) for b_k.
 */
import { makeActivation } from '../../engine/activations';
import type { Activation, ActivationParams } from '../../engine/activations';
import { Rng } from '../../engine/random';
import { linspace } from './params';

/** A small ICNN; all matrices row-major [fanOut, fanIn]. */
export interface Icnn {
  /** Input dimension d. */
  readonly inputs: number;
  /** Hidden widths. */
  readonly widths: readonly number[];
  /** wx[k]: [widths[k], d] (k = 0…K−1), then the output's [1, d]. */
  readonly wx: Float64Array[];
  /** wz[k]: [widths[k], widths[k−1]] ≥ 0 for k = 1…K−1 (wz[0] is empty), then the output's [1, widths[K−1]]. */
  readonly wz: Float64Array[];
  /** b[k]: length widths[k], then the output's length-1 bias. */
  readonly b: Float64Array[];
}

/** Builds a seeded ICNN: W_x ~ N(0, 1/d), W_z = |N(0, 1/fanIn)|, biases N(0, 0.1²) (see the module comment). */
export function makeIcnn(seed: number, inputs = 2, widths: readonly number[] = [8, 8, 8]): Icnn {
  const wx: Float64Array[] = [];
  const wz: Float64Array[] = [];
  const b: Float64Array[] = [];
  const sizes = [...widths, 1];
  for (let k = 0; k < sizes.length; k++) {
    const n = sizes[k];
    const prev = k === 0 ? 0 : sizes[k - 1];
    const rx = new Rng(seed, 601, k);
    const rz = new Rng(seed, 602, k);
    const rb = new Rng(seed, 603, k);
    wx.push(Float64Array.from({ length: n * inputs }, () => rx.normal() / Math.sqrt(inputs)));
    wz.push(Float64Array.from({ length: n * prev }, () => Math.abs(rz.normal()) / Math.sqrt(prev)));
    b.push(Float64Array.from({ length: n }, () => 0.1 * rb.normal()));
  }
  return { inputs, widths: [...widths], wx, wz, b };
}

/** f(x) for one input x of length d. */
export function icnnOutput(net: Icnn, act: Activation, x: ArrayLike<number>): number {
  const d = net.inputs;
  const K = net.widths.length;
  let z = new Float64Array(0);
  for (let k = 0; k <= K; k++) {
    const n = k < K ? net.widths[k] : 1;
    const prev = z.length;
    const out = new Float64Array(n);
    for (let o = 0; o < n; o++) {
      let s = net.b[k][o];
      for (let i = 0; i < d; i++) s += net.wx[k][o * d + i] * x[i];
      for (let i = 0; i < prev; i++) s += net.wz[k][o * prev + i] * z[i];
      out[o] = k < K ? act.phi(s) : s;
    }
    if (k === K) return out[0];
    z = out;
  }
  return NaN; // unreachable: the loop returns at k = K
}

/** Options of the midpoint-convexity test. */
export interface ConvexityParams {
  readonly activation: ActivationParams;
  readonly seed: number;
  /** Segment start; default (−2, −1). */
  readonly from?: readonly number[];
  /** Segment end; default (2, 1). */
  readonly to?: readonly number[];
  /** Grid points on t ∈ [0, 1] (odd is best); default 201. */
  readonly points?: number;
  /** Hidden widths; default [8, 8, 8]. */
  readonly widths?: readonly number[];
}

/** The network along the segment and the worst midpoint violation. */
export interface ConvexityResult {
  /** t ∈ [0, 1]. */
  readonly ts: Float64Array;
  /** f(a + t·(b − a)). */
  readonly fs: Float64Array;
  /** max f((s+t)/2) − (f(s)+f(t))/2 over grid pairs; ≤ ~1e-12 means convex along the segment, > 0 not. */
  readonly violation: number;
  /** The pair (s, t) where the violation is largest. */
  readonly worstPair: readonly [number, number];
}

/** Evaluates the seeded ICNN along the segment and runs the midpoint-convexity test. */
export function midpointConvexity(p: ConvexityParams): ConvexityResult {
  const act = makeActivation(p.activation);
  const a = p.from ?? [-2, -1];
  const bEnd = p.to ?? [2, 1];
  const net = makeIcnn(p.seed, a.length, p.widths ?? [8, 8, 8]);
  const ts = linspace(0, 1, Math.max(3, p.points ?? 201));
  const x = new Float64Array(a.length);
  const fs = ts.map((t) => {
    for (let i = 0; i < a.length; i++) x[i] = a[i] + t * (bEnd[i] - a[i]);
    return icnnOutput(net, act, x);
  });
  let violation = -Infinity;
  let worstPair: [number, number] = [0, 0];
  for (let i = 0; i < fs.length; i++) {
    for (let j = i + 2; j < fs.length; j += 2) {
      const v = fs[(i + j) / 2] - 0.5 * (fs[i] + fs[j]);
      if (v > violation) {
        violation = v;
        worstPair = [ts[i], ts[j]];
      }
    }
  }
  return { ts, fs, violation, worstPair };
}

/** φ and φ′ around 0 and the one-sided slopes at 0. */
export interface KinkSamples {
  /** z from −halfWidth to halfWidth, including 0. */
  readonly z: Float64Array;
  readonly phi: Float64Array;
  /** φ′(z) as the engines compute it (at exactly 0, the left branch). */
  readonly dphi: Float64Array;
  /** φ′(0⁻) (= α for ELU). */
  readonly leftSlope: number;
  /** φ′(0⁺) (= 1 for ELU). */
  readonly rightSlope: number;
  /** rightSlope − leftSlope: < 0 is a concave kink (φ not convex), ≥ 0 a convex one. */
  readonly jump: number;
}

/** Samples φ and φ′ on [−halfWidth, halfWidth] (`points` odd so 0 is a sample) and the slopes either side of 0. */
export function kinkSamples(activation: ActivationParams, halfWidth = 2, points = 201): KinkSamples {
  const act = makeActivation(activation);
  const n = 2 * Math.floor(Math.max(3, points) / 2) + 1;
  const z = linspace(-halfWidth, halfWidth, n);
  z[(n - 1) / 2] = 0; // exactly 0, whatever linspace's rounding
  const leftSlope = act.dphi(-Number.MIN_VALUE);
  const rightSlope = act.dphi(Number.MIN_VALUE);
  return {
    z,
    phi: z.map((v) => act.phi(v)),
    dphi: z.map((v) => act.dphi(v)),
    leftSlope,
    rightSlope,
    jump: rightSlope - leftSlope,
  };
}
