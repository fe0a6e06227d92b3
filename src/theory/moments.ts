/**
 * Gaussian moments of every activation: for z ~ N(m, s²), E[φ], E[φ²], E[φ′], E[φ′²], E[φφ′], E[φφ″] and E[φ″].
 *
 * Closed forms for the piecewise family (relu, leaky, elu, selu, hybrid). Each of them is, for z > 0, p·z and,
 * for z ≤ 0, either b·z (relu b = 0, leaky b = slope) or a·(eᶻ − 1) (elu a = α, selu p = λ and a = λα,
 * hybrid a = k·α: (1−k)·ReLU + k·ELU_α is z for z > 0 and k·α(eᶻ−1) below). With t = m/s, Φ the normal CDF
 * and g = φ_N(t) the standard normal density:
 *   P₊ = Φ(t), P₋ = Φ(−t), E[z·1₊] = mP₊ + sg, E[z·1₋] = mP₋ − sg,
 *   E[z²·1₊] = (m²+s²)P₊ + msg, E[z²·1₋] = (m²+s²)P₋ − msg,
 *   E_k = E[e^{kz}·1₋] = e^{km + k²s²/2}·Φ(−t − ks)  (k = 1, 2),
 * and E_k is evaluated as ½·e^{−t²/2}·erfcx((t + ks)/√2) whenever t + ks > 0: the exponents cancel exactly
 * (km + k²s²/2 − (t+ks)²/2 = −t²/2), so a huge s never produces Inf·0.
 * φ″ is the distributional second derivative: its regular part (a·eᶻ on z < 0) plus the jump of φ′ at 0,
 * (p − φ′(0⁻))·δ(z), whose expectation is (p − φ′(0⁻))·g/s. In E[φφ″] the δ term vanishes because φ(0) = 0.
 *
 * Accuracy: ~1e-15 relative for moderate arguments. For the exponential family with s < 0.25, where the
 * closed form's negative part is a tiny difference of O(1) terms, quadrature is used instead (SMALL_S).
 * Remaining loss: E[z·1₊], E[z²·1₊] when t = m/s ≪ −1 are differences too (absolute error ~1e-16 × the
 * larger term), so their relative error grows like t⁴·1e-16 (1e-12 at t = −5), negligible in every sum where
 * another term is O(1), and visible only for ReLU far in its dead region.
 *
 * SiLU has no closed form: composite Gauss–Legendre (quadrature.ts), relative error ~1e-14 or better.
 * s = 0 is the degenerate Gaussian: every moment is evaluated at z = m (φ′(0) takes the left branch, as in
 * activations.ts; E[φ″] at m = 0 is ±Infinity when φ′ jumps there).
 */
import { makeActivation, sigmoid } from '../engine/activations';
import type { ActivationParams } from '../engine/activations';
import { erfcx, normCdf, normPdf, SQRT2 } from './erf';
import { gaussExpectation, gaussExpectations } from './quadrature';

/** Expectations under z ~ N(m, s²). All dimensionless functions of (m, s); see the module comment. */
export interface GaussMoments {
  /** E[φ(z)]. */
  readonly phi: number;
  /** E[φ(z)²]. */
  readonly phi2: number;
  /** E[φ′(z)]. */
  readonly dphi: number;
  /** E[φ′(z)²]. */
  readonly dphi2: number;
  /** E[φ(z)·φ′(z)]. */
  readonly phiDphi: number;
  /** E[φ(z)·φ″(z)] (δ terms vanish since φ(0) = 0 for every activation here). */
  readonly phiD2phi: number;
  /** E[φ″(z)], including the δ from a jump of φ′ at 0 (so that ∂E[φ]/∂(s²) = ½·E[φ″]). */
  readonly d2phi: number;
}

/** The piecewise form of an activation: p·z for z > 0; b·z ('linear') or a·(eᶻ − 1) ('exp') for z ≤ 0. */
export interface Piecewise {
  readonly pos: number;
  readonly kind: 'linear' | 'exp';
  /** b for 'linear', a for 'exp'. */
  readonly neg: number;
}

/** The piecewise form of an activation, or null for SiLU (smooth, no closed form). */
export function piecewiseOf(p: ActivationParams): Piecewise | null {
  switch (p.act) {
    case 'relu':
      return { pos: 1, kind: 'linear', neg: 0 };
    case 'leaky':
      return { pos: 1, kind: 'linear', neg: p.slope };
    case 'elu':
      return { pos: 1, kind: 'exp', neg: p.alpha };
    case 'selu':
      return { pos: p.lambda, kind: 'exp', neg: p.lambda * p.alpha };
    case 'hybrid':
      return { pos: 1, kind: 'exp', neg: p.knob * p.alpha };
    case 'silu':
      return null;
  }
}

/** SiLU″(z) = σ(1−σ)·(2 + z(1 − 2σ)), σ = sigmoid(z): the derivative of activations.ts's SiLU′. */
export function siluD2(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s) * (2 + z * (1 - 2 * s));
}

/** E[e^{kz}·1{z ≤ 0}] for z ~ N(m, s²), s > 0, without overflow (see the module comment). */
export function expMomentNeg(k: number, m: number, s: number): number {
  const t = m / s;
  const b = t + k * s;
  if (b > 0) return 0.5 * Math.exp(-0.5 * t * t) * erfcx(b / SQRT2);
  return Math.exp(k * m + 0.5 * k * k * s * s) * normCdf(-b);
}

/** Closed-form moments of a piecewise activation, s > 0. */
function piecewiseMoments(pw: Piecewise, m: number, s: number): GaussMoments {
  const t = m / s;
  const pPos = normCdf(t);
  const pNeg = normCdf(-t);
  const g = normPdf(t);
  const zPos = m * pPos + s * g;
  const zNeg = m * pNeg - s * g;
  const m2 = m * m + s * s;
  const z2Pos = m2 * pPos + m * s * g;
  const z2Neg = m2 * pNeg - m * s * g;
  const p = pw.pos;
  const delta = g / s; // density of z at 0
  if (pw.kind === 'linear') {
    const b = pw.neg;
    return {
      phi: p * zPos + b * zNeg,
      phi2: p * p * z2Pos + b * b * z2Neg,
      dphi: p * pPos + b * pNeg,
      dphi2: p * p * pPos + b * b * pNeg,
      phiDphi: p * p * zPos + b * b * zNeg,
      phiD2phi: 0,
      d2phi: (p - b) * delta,
    };
  }
  const a = pw.neg;
  const e1 = expMomentNeg(1, m, s);
  const e2 = expMomentNeg(2, m, s);
  return {
    phi: p * zPos + a * (e1 - pNeg),
    phi2: p * p * z2Pos + a * a * (e2 - 2 * e1 + pNeg),
    dphi: p * pPos + a * e1,
    dphi2: p * p * pPos + a * a * e2,
    phiDphi: p * p * zPos + a * a * (e2 - e1),
    phiD2phi: a * a * (e2 - e1),
    d2phi: (p - a) * delta + a * e1,
  };
}

/**
 * Below this s the exponential family's closed form loses relative accuracy (its negative part, e.g.
 * E[(eᶻ−1)²·1₋] ≈ s²/2 near m = 0, is a difference of O(1) terms, error ~1e-16/s²), so moments come from
 * quadrature of the activation itself (Math.expm1 keeps it accurate), plus the closed-form δ term of E[φ″].
 */
const SMALL_S = 0.25;

/** Exponential-family moments by quadrature for small s (see SMALL_S). */
function quadratureMoments(params: ActivationParams, pw: Piecewise, m: number, s: number): GaussMoments {
  const a = makeActivation(params);
  const r = gaussExpectations(
    (z, out) => {
      const f = a.phi(z);
      const d = a.dphi(z);
      const d2 = secondDerivative(pw, z);
      out[0] = f;
      out[1] = f * f;
      out[2] = d;
      out[3] = d * d;
      out[4] = f * d;
      out[5] = f * d2;
      out[6] = d2;
    },
    7,
    m,
    s,
  );
  const delta = ((pw.pos - pw.neg) * normPdf(m / s)) / s;
  return {
    phi: r[0],
    phi2: r[1],
    dphi: r[2],
    dphi2: r[3],
    phiDphi: r[4],
    phiD2phi: r[5],
    d2phi: r[6] + delta,
  };
}

/** SiLU moments by quadrature, s > 0. */
function siluMoments(m: number, s: number): GaussMoments {
  const a = makeActivation({ act: 'silu', alpha: 1, lambda: 1, slope: 0, knob: 0 });
  const r = gaussExpectations(
    (z, out) => {
      const f = a.phi(z);
      const d = a.dphi(z);
      const d2 = siluD2(z);
      out[0] = f;
      out[1] = f * f;
      out[2] = d;
      out[3] = d * d;
      out[4] = f * d;
      out[5] = f * d2;
      out[6] = d2;
    },
    7,
    m,
    s,
  );
  return { phi: r[0], phi2: r[1], dphi: r[2], dphi2: r[3], phiDphi: r[4], phiD2phi: r[5], d2phi: r[6] };
}

/** Second derivative (regular part) of a piecewise activation at z ≠ 0, or of SiLU anywhere. */
function secondDerivative(pw: Piecewise | null, z: number): number {
  if (pw === null) return siluD2(z);
  return pw.kind === 'exp' && z <= 0 ? pw.neg * Math.exp(z) : 0;
}

/** The degenerate Gaussian s = 0: every expectation is the value at m. */
function pointMoments(params: ActivationParams, pw: Piecewise | null, m: number): GaussMoments {
  const act = makeActivation(params);
  const f = act.phi(m);
  const d = act.dphi(m);
  const d2reg = secondDerivative(pw, m);
  let d2phi = d2reg;
  if (pw !== null && m === 0) {
    const jump = pw.pos - act.dphi(0);
    if (jump !== 0) d2phi = jump > 0 ? Infinity : -Infinity;
  }
  return { phi: f, phi2: f * f, dphi: d, dphi2: d * d, phiDphi: f * d, phiD2phi: f * d2reg, d2phi };
}

/** The name of one moment of GaussMoments. */
export type MomentName = keyof GaussMoments;

const SILU_INTEGRAND: Readonly<Record<MomentName, (z: number) => number>> = (() => {
  const a = makeActivation({ act: 'silu', alpha: 1, lambda: 1, slope: 0, knob: 0 });
  return {
    phi: a.phi,
    phi2: (z) => a.phi(z) ** 2,
    dphi: a.dphi,
    dphi2: (z) => a.dphi(z) ** 2,
    phiDphi: (z) => a.phi(z) * a.dphi(z),
    phiD2phi: (z) => a.phi(z) * siluD2(z),
    d2phi: siluD2,
  };
})();

/**
 * One Gaussian moment, E[·] under z ~ N(m, s²): gaussianMoments(…)[name] to ~1e-15 relative, but for SiLU a
 * single quadrature instead of seven, and for the ELU family at s < 0.25 quadrature only for the moments
 * that need it (what the mean-field iterations call in their inner loops).
 */
export function gaussianMoment(params: ActivationParams, name: MomentName, m: number, s: number): number {
  if (s === 0) return gaussianMoments(params, m, s)[name];
  const pw = piecewiseOf(params);
  if (pw === null) return gaussExpectation(SILU_INTEGRAND[name], m, s);
  // Only E[φ²], E[φφ′] and E[φφ″] cancel at small s; the others keep the (much cheaper) closed form, which
  // is what makes the nested 2-D expectations near c = 1 affordable. Relative error there ≲ 1e-16/s.
  if (pw.kind === 'exp' && s < SMALL_S && CANCELLING.has(name))
    return quadratureMoments(params, pw, m, s)[name];
  return piecewiseMoments(pw, m, s)[name];
}

const CANCELLING: ReadonlySet<MomentName> = new Set<MomentName>(['phi2', 'phiDphi', 'phiD2phi']);

/**
 * Gaussian moments of φ for z ~ N(m, s²) (s ≥ 0; s = 0 evaluates at m). Closed form except SiLU (quadrature).
 * Non-finite m or s propagate as NaN/Infinity.
 */
export function gaussianMoments(params: ActivationParams, m: number, s: number): GaussMoments {
  const pw = piecewiseOf(params);
  if (s === 0) return pointMoments(params, pw, m);
  if (pw === null) return siluMoments(m, s);
  if (pw.kind === 'exp' && s < SMALL_S) return quadratureMoments(params, pw, m, s);
  return piecewiseMoments(pw, m, s);
}
