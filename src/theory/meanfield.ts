/**
 * Mean-field signal propagation in wide random MLPs (Poole et al. 2016, "Exponential expressivity in deep
 * neural networks through transient chaos"; Schoenholz et al. 2017, "Deep information propagation").
 *
 * Pre-activations of a layer are N(0, q) in the infinite-width limit, with weights of variance σ_w²/fan_in
 * and biases of variance σ_b²:
 *   variance map      q ↦ 𝒱(q) = σ_w²·E[φ(√q z)²] + σ_b²,                          z ~ N(0, 1)
 *   correlation map   c ↦ 𝒞(c) = (σ_w²·E[φ(u₁)φ(u₂)] + σ_b²)/q*,
 *                     u₁ = √q*·z₁, u₂ = √q*·(c z₁ + √(1−c²) z₂), z₁, z₂ i.i.d. N(0, 1)
 *   χ₁ = σ_w²·E[φ′(√q* z)²]                  (slope of 𝒞 at c = 1; Poole et al., Schoenholz et al.)
 *   χ_c = σ_w²·E[φ′(u₁)φ′(u₂)] at c*         (slope of 𝒞 at c*; equals χ₁ when c* = 1)
 *   ξ_q = −1/log(𝒱′(q*)), 𝒱′(q*) = σ_w²·(E[φ′²] + E[φφ″]) at q*   (Schoenholz et al.: χ₁ + σ_w²E[φφ″],
 *                                                                   which is the q-map's own slope by Stein's lemma)
 *   ξ_c = −1/log(χ_c)                        (Schoenholz et al.)
 * The 2-D expectations are computed as a 1-D quadrature over u₁ of f(u₁)·E[f(u₂) | u₁], the inner
 * expectation being the closed-form Gaussian moment with mean c·u₁ and variance q*(1−c²).
 * Degenerate limits: q* = 0 (collapse) is evaluated as q → 0⁺, q* = ∞ (explosion) as q → ∞, so e.g. ReLU has
 * χ₁ = σ_w²/2 in both.
 */
import { makeActivation } from '../engine/activations';
import type { ActivationParams } from '../engine/activations';
import { gaussianMoment, gaussianMoments } from './moments';
import { gaussExpectation } from './quadrature';
import { brent, increasingFixedPoint } from './roots';

/** The std used for q = 0 (limit q → 0⁺) and q = ∞ (limit q → ∞) in χ₁ and the q-map slope. */
function stdOf(q: number): number {
  if (q === 0) return 1e-150;
  if (q === Infinity) return 1e150;
  return Math.sqrt(q);
}

/** The variance map 𝒱(q) = σ_w²·E[φ(√q z)²] + σ_b² (q ≥ 0; ∞ maps to ∞). */
export function qMap(act: ActivationParams, q: number, sw2: number, sb2: number): number {
  if (q === Infinity) return Infinity;
  return sw2 * gaussianMoment(act, 'phi2', 0, Math.sqrt(q)) + sb2;
}

/** 𝒱′(q) = σ_w²·(E[φ′(√q z)²] + E[φ(√q z)φ″(√q z)]), the slope of the variance map (limits at 0 and ∞). */
export function qMapSlope(act: ActivationParams, q: number, sw2: number): number {
  const m = gaussianMoments(act, 0, stdOf(q));
  return sw2 * (m.dphi2 + m.phiD2phi);
}

/**
 * q*: the fixed point of the variance map reached by iterating it from q0 (the network's first-layer
 * variance): 0 if the signal collapses, Infinity if it explodes (see increasingFixedPoint).
 */
export function qStar(act: ActivationParams, sw2: number, sb2: number, q0 = 1): number {
  return increasingFixedPoint((q) => qMap(act, q, sw2, sb2), q0 > 0 ? q0 : 1);
}

/** χ₁ = σ_w²·E[φ′(√q z)²] at variance q (q = 0 and q = ∞ as limits). */
export function chi1(act: ActivationParams, q: number, sw2: number): number {
  return sw2 * gaussianMoment(act, 'dphi2', 0, stdOf(q));
}

/**
 * E[f(u₁)f(u₂)] with f = φ ('phi') or φ′ ('dphi'), (u₁, u₂) centred bivariate normal with variances q and
 * correlation c ∈ [−1, 1]. Outer Gauss–Legendre over u₁, inner closed form (SiLU: nested quadrature).
 */
export function bivariateExpectation(
  act: ActivationParams,
  which: 'phi' | 'dphi',
  q: number,
  c: number,
): number {
  const a = makeActivation(act);
  const f = which === 'phi' ? a.phi : a.dphi;
  if (q === 0) return f(0) * f(0);
  const sCond = Math.sqrt(q * Math.max(0, 1 - c * c));
  return gaussExpectation((u) => f(u) * gaussianMoment(act, which, c * u, sCond), 0, Math.sqrt(q));
}

/** The correlation map 𝒞(c) = (σ_w²·E[φ(u₁)φ(u₂)] + σ_b²)/q at the fixed-point variance q = q*. */
export function cMap(act: ActivationParams, c: number, q: number, sw2: number, sb2: number): number {
  return (sw2 * bivariateExpectation(act, 'phi', q, c) + sb2) / q;
}

/** χ_c = σ_w²·E[φ′(u₁)φ′(u₂)] at correlation c and variance q: the slope of the correlation map at c. */
export function chiC(act: ActivationParams, c: number, q: number, sw2: number): number {
  return sw2 * bivariateExpectation(act, 'dphi', q, c);
}

/**
 * c*: the stable fixed point of the correlation map in [0, 1]. It is 1 in the ordered phase (χ₁ ≤ 1);
 * in the chaotic phase (χ₁ > 1) the root of 𝒞(c) − c below 1, found by Brent on [0, 1 − δ] (𝒞(0) ≥ 0 always,
 * and 𝒞(c) − c ≈ (1 − c)(1 − χ₁) < 0 just below 1). NaN when q is 0, infinite or NaN.
 */
export function cStar(act: ActivationParams, q: number, sw2: number, sb2: number): number {
  if (!(q > 0 && Number.isFinite(q))) return NaN;
  if (chi1(act, q, sw2) <= 1) return 1;
  const g = (c: number): number => cMap(act, c, q, sw2, sb2) - c;
  for (const delta of [1e-2, 1e-4, 1e-6, 1e-8]) {
    if (g(1 - delta) < 0) return brent(g, 0, 1 - delta, 1e-12);
  }
  return 1;
}

/** Every mean-field quantity of one (activation, σ_w², σ_b²) point; non-finite where degenerate. */
export interface MeanField {
  readonly qStar: number;
  readonly chi1: number;
  readonly cStar: number;
  readonly chiC: number;
  /** −1/log 𝒱′(q*): depth over which q approaches q*; Infinity when 𝒱′(q*) ≥ 1, NaN when q* = ∞. */
  readonly xiQ: number;
  /** −1/log χ_c: depth over which correlations approach c*; Infinity at the edge of chaos, NaN when q* = ∞. */
  readonly xiC: number;
}

/**
 * −1/log(x) as a depth scale: Infinity for x ≥ 1 − 1e-12 (no exponential decay: a slope that is 1 up to the
 * rounding of the moments, e.g. ELU α = 1 at σ_w² = 1, σ_b = 0, where q → 0 only as a power law, must not
 * read as ξ ≈ 2e15), 0 for x = 0, NaN for NaN.
 */
export function depthScale(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 1 - 1e-12) return Infinity;
  return -1 / Math.log(x);
}

/** q*, χ₁, c*, χ_c, ξ_q and ξ_c for weights of variance σ_w²/fan_in and biases of variance σ_b², from q0. */
export function meanField(act: ActivationParams, sw2: number, sb2: number, q0 = 1): MeanField {
  const q = qStar(act, sw2, sb2, q0);
  const x1 = chi1(act, q, sw2);
  const finite = q > 0 && Number.isFinite(q);
  const c = finite ? cStar(act, q, sw2, sb2) : NaN;
  const xc = c === 1 ? x1 : finite ? chiC(act, c, q, sw2) : NaN;
  const xiQ = Number.isFinite(q) ? depthScale(qMapSlope(act, q, sw2)) : NaN;
  return {
    qStar: q,
    chi1: x1,
    cStar: c,
    chiC: xc,
    xiQ,
    xiC: finite ? depthScale(xc) : q === 0 ? depthScale(x1) : NaN,
  };
}
