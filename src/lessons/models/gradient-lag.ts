/**
 * Scene 2 helper: an RNN unrolled over T steps is a deep network whose layers share one weight matrix. Going
 * back one step multiplies the gradient by Wᵀ·diag(φ′(z)), so how fast it shrinks or grows with the time lag
 * is governed by the activation's slopes at the pre-activations z ~ N(0, q):
 *   average slope  E[φ′(z)]
 *   χ₁ = σ_w²·E[φ′(z)²]   (mean-field: per step, ‖gradient‖² is multiplied by χ₁ on average)
 * The mean-field value assumes fresh weights at each layer; with tied weights it is the first-order
 * prediction only (the same W each step correlates the steps), which is what the scene lets students compare.
 * All expectations come from src/theory (closed forms; SiLU by quadrature).
 */
import type { ActivationParams } from '../../engine/activations';
import { qStar } from '../../theory/meanfield';
import { gaussianMoments } from '../../theory/moments';

/** E[φ′(z)] for z ~ N(0, q), q ≥ 0 (the pre-activation variance). */
export function averageSlope(activation: ActivationParams, q: number): number {
  return gaussianMoments(activation, 0, Math.sqrt(q)).dphi;
}

/** χ₁ = σ_w²·E[φ′(z)²] for z ~ N(0, q); σ_w² is the weight variance times fan-in (1 for LeCun, 2 for He). */
export function chiOne(activation: ActivationParams, q: number, sw2: number): number {
  return sw2 * gaussianMoments(activation, 0, Math.sqrt(q)).dphi2;
}

/** The slope summary shown beside the gradient-vs-lag plot. */
export interface SlopeSummary {
  /** Pre-activation variance q used (0 and ∞ mean the limits q → 0⁺, q → ∞). */
  readonly q: number;
  /** E[φ′(z)], z ~ N(0, q). */
  readonly averageSlope: number;
  /** E[φ′(z)²]. */
  readonly meanSquaredSlope: number;
  /** χ₁ = σ_w²·E[φ′(z)²]. */
  readonly chi1: number;
}

/** Average slope, mean squared slope and χ₁ at pre-activation variance q (0 and ∞ as limits). */
export function slopeSummary(activation: ActivationParams, q: number, sw2: number): SlopeSummary {
  const s = q === 0 ? 1e-150 : q === Infinity ? 1e150 : Math.sqrt(q);
  const m = gaussianMoments(activation, 0, s);
  return { q, averageSlope: m.dphi, meanSquaredSlope: m.dphi2, chi1: sw2 * m.dphi2 };
}

/**
 * slopeSummary at the stationary variance q* that deep layers settle to from q0 (theory's qStar), for weight
 * variance σ_w²/fan-in and bias variance σ_b². Note q* is often 0 (the signal collapses, e.g. ReLU with
 * σ_w² < 2 and no bias) or ∞; the summary is then that limit's.
 */
export function stationarySlopeSummary(
  activation: ActivationParams,
  sw2: number,
  sb2 = 0,
  q0 = 1,
): SlopeSummary {
  return slopeSummary(activation, qStar(activation, sw2, sb2, q0), sw2);
}

/**
 * Mean-field prediction of the gradient norm at time lag τ relative to lag 0: χ₁^{τ/2} for each lag in
 * `lags` (norms, not squared norms).
 */
export function predictedGradientRatio(chi1: number, lags: ArrayLike<number>): Float64Array {
  return Float64Array.from(lags, (tau) => Math.pow(chi1, tau / 2));
}
