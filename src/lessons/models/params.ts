/**
 * Small helpers shared by the lesson models: building activation parameters and a few statistics.
 * Every φ still comes from src/engine/activations.ts; this file only fills in defaults.
 */
import { defaultAlpha, SELU_LAMBDA } from '../../engine/activations';
import type { ActivationParams } from '../../engine/activations';
import type { ActivationKind } from '../../engine/experiment';

/**
 * Activation parameters with the experiment defaults (α = 1, or SELU's α₀₁ for `selu`; λ = λ₀₁;
 * leaky slope 0.01; hybrid knob 0), overridden by `over`.
 */
export function activationParams(
  act: ActivationKind,
  over: Partial<ActivationParams> = {},
): ActivationParams {
  return { act, alpha: defaultAlpha(act), lambda: SELU_LAMBDA, slope: 0.01, knob: 0, ...over };
}

/** Pearson correlation of two equally long samples; 0 when either is constant (no linear information). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** `n` evenly spaced numbers from `a` to `b` inclusive (n ≥ 2), or [a] when n = 1. */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return out;
}
