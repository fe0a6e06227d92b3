/** Shared test helpers for the theory tests: an independent integrator and activation parameter sets. */
import { SELU_ALPHA, SELU_LAMBDA } from '../../src/engine/activations';
import type { ActivationParams } from '../../src/engine/activations';
import type { ActivationKind } from '../../src/engine/experiment';

/**
 * E[f(z)], z ~ N(m, s²), by composite Simpson on [m − 14s, m + 14s] split at 0 (kinks of the ReLU family)
 * and ±40, `n` intervals per piece. Deliberately independent of src/theory/quadrature.ts. With n = 20,000 the error
 * is ≲ 1e-12 relative for the integrands here.
 */
export function simpsonGauss(f: (z: number) => number, m: number, s: number, n = 20000): number {
  const lo = m - 14 * s;
  const hi = m + 14 * s;
  // Pieces split at 0 and at ±40 so the activations' unit-scale features near 0 get a fine step even for s ≫ 1.
  const inner = [-40, 0, 40].filter((x) => lo < x && x < hi);
  const pieces = [lo, ...inner, hi];
  const c = 1 / (s * Math.sqrt(2 * Math.PI));
  let total = 0;
  for (let p = 0; p + 1 < pieces.length; p++) {
    const a = pieces[p];
    const h = (pieces[p + 1] - a) / n;
    let acc = 0;
    for (let i = 0; i <= n; i++) {
      // At the breakpoint 0 the right piece takes the right-hand limit (φ′(0) itself is the left branch).
      const z = i === n ? pieces[p + 1] : i === 0 && a === 0 ? Number.MIN_VALUE : a + i * h;
      const u = (z - m) / s;
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      acc += w * f(z) * Math.exp(-0.5 * u * u);
    }
    total += (acc * h) / 3;
  }
  return total * c;
}

/** One parameter set per activation, with non-default α, slope and knob so every parameter is exercised. */
export function paramsFor(act: ActivationKind): ActivationParams {
  return {
    act,
    alpha: act === 'selu' ? SELU_ALPHA : 1.3,
    lambda: SELU_LAMBDA,
    slope: 0.1,
    knob: 0.4,
  };
}

export const ALL_ACTS: ActivationKind[] = ['relu', 'leaky', 'elu', 'selu', 'silu', 'hybrid'];
