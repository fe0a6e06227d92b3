/**
 * The phase diagram of a deep random MLP in the (σ_w², σ_b²) plane: the edge of chaos χ₁ = 1 separating the
 * ordered phase (χ₁ < 1: correlations → 1, gradients vanish) from the chaotic one (χ₁ > 1), after Poole et al.
 * 2016 and Schoenholz et al. 2017. χ₁ is evaluated at the variance fixed point q*(σ_w², σ_b²) (meanfield.ts).
 */
import type { ActivationParams } from '../engine/activations';
import { chi1, qStar } from './meanfield';
import { brent } from './roots';

/** χ₁(q*(σ_w², σ_b²)) with q* reached from q0 (q* = 0 or ∞ use the limits of meanfield.ts). */
export function chi1AtFixedPoint(act: ActivationParams, sw2: number, sb2: number, q0 = 1): number {
  return chi1(act, qStar(act, sw2, sb2, q0), sw2);
}

/** One point of the edge of chaos: σ_w² where χ₁ crosses 1 at this σ_b², NaN if none in the searched range. */
export interface EdgePoint {
  readonly sb2: number;
  readonly sw2: number;
  /**
   * 'root': χ₁(q*) = 1 there (to 1e-6). 'jump': χ₁ jumps across 1 because q* changes branch, e.g. SiLU,
   * whose finite fixed point vanishes so q* → ∞, where χ₁ → σ_w²/2 > 1; the point is the jump's location.
   */
  readonly crossing: 'root' | 'jump' | 'none';
}

/** Search options for edgeOfChaos. */
export interface EdgeOptions {
  /** Smallest σ_w² searched (default 0.01). */
  readonly sw2Min?: number;
  /** Largest σ_w² searched (default 100). */
  readonly sw2Max?: number;
  /** Log-spaced scan points used to bracket the first crossing (default 48). */
  readonly scan?: number;
  /** q0 of the q* iteration (default 1). */
  readonly q0?: number;
}

/**
 * The edge of chaos: for each σ_b² of `sb2Grid`, the smallest σ_w² in [sw2Min, sw2Max] where
 * χ₁(q*(σ_w², σ_b²)) − 1 changes sign from negative to non-negative, bracketed on a log-spaced scan and
 * refined by Brent's method to ~1e-12 relative (when q* switches branch there, the location of the jump:
 * see EdgePoint.crossing). Returns one EdgePoint per grid value, in order. q* is the fixed point reached from
 * q0, so with several fixed points the curve depends on q0.
 */
export function edgeOfChaos(
  act: ActivationParams,
  sb2Grid: readonly number[],
  options: EdgeOptions = {},
): EdgePoint[] {
  const lo = options.sw2Min ?? 0.01;
  const hi = options.sw2Max ?? 100;
  const n = options.scan ?? 48;
  const q0 = options.q0 ?? 1;
  return sb2Grid.map((sb2) => {
    const f = (sw2: number): number => chi1AtFixedPoint(act, sw2, sb2, q0) - 1;
    let prevX = lo;
    const fLo = f(lo);
    if (fLo >= 0) return fLo === 0 ? { sb2, sw2: lo, crossing: 'root' } : { sb2, sw2: NaN, crossing: 'none' };
    for (let i = 1; i <= n; i++) {
      const x = lo * Math.pow(hi / lo, i / n);
      const fx = f(x);
      if (fx >= 0) {
        const sw2 = brent(f, prevX, x, 1e-12 * x);
        return { sb2, sw2, crossing: Math.abs(f(sw2)) < 1e-6 ? 'root' : 'jump' };
      }
      prevX = x;
    }
    return { sb2, sw2: NaN, crossing: 'none' };
  });
}
