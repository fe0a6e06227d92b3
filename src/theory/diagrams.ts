/**
 * Data for the theory charts: the phase diagram over (σ_w², σ_b²) and the SELU (μ, ν) vector field.
 * Pure numbers; the UI draws them.
 */
import type { ActivationParams } from '../engine/activations';
import { chi1AtFixedPoint, edgeOfChaos } from './phase';
import { seluMap } from './selu';

/** χ₁ at the variance fixed point over a grid, and the edge of chaos χ₁ = 1. */
export interface PhaseDiagram {
  /** σ_w² values (columns) and σ_b² values (rows). */
  readonly sw2: number[];
  readonly sb2: number[];
  /** chi[row][column] = χ₁(q*(σ_w², σ_b²)); null where not finite. */
  readonly chi: (number | null)[][];
  /** The edge: for each σ_b² of `sb2`, the σ_w² where χ₁ crosses 1 (null where it does not in range). */
  readonly edge: (number | null)[];
}

/** Evenly spaced values from a to b inclusive. */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

/** The phase diagram of `act` on σ_w² ∈ [sw2Max/columns, sw2Max], σ_b² ∈ [0, sb2Max]. */
export function phaseDiagram(
  act: ActivationParams,
  sw2Max = 4,
  sb2Max = 1,
  columns = 40,
  rows = 21,
): PhaseDiagram {
  const sw2 = linspace(sw2Max / columns, sw2Max, columns);
  const sb2 = linspace(0, sb2Max, rows);
  const chi = sb2.map((b) =>
    sw2.map((w) => {
      const x = chi1AtFixedPoint(act, w, b);
      return Number.isFinite(x) ? x : null;
    }),
  );
  const edge = edgeOfChaos(act, sb2, { sw2Min: sw2[0], sw2Max: sw2Max * 4 }).map((p) =>
    Number.isFinite(p.sw2) ? p.sw2 : null,
  );
  return { sw2, sb2, chi, edge };
}

/** Arrows of the SELU map (μ, ν) → (μ̃, ν̃) at ω = 0 and the given τ, on a grid. */
export interface SeluField {
  /** Arrow tails and heads: the map sends (mu[i], nu[i]) to (muNext[i], nuNext[i]). */
  readonly mu: number[];
  readonly nu: number[];
  readonly muNext: number[];
  readonly nuNext: number[];
}

/** The SELU map on a grid of μ ∈ [−1, 1], ν ∈ [0.1, 3]. */
export function seluField(alpha: number, lambda: number, tau: number, n = 9): SeluField {
  const field: SeluField = { mu: [], nu: [], muNext: [], nuNext: [] };
  for (const mu of linspace(-1, 1, n)) {
    for (const nu of linspace(0.1, 3, n)) {
      const [m, v] = seluMap(mu, 0, nu, tau, alpha, lambda);
      field.mu.push(mu);
      field.nu.push(nu);
      field.muNext.push(m);
      field.nuNext.push(v);
    }
  }
  return field;
}
