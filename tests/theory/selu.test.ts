import { describe, expect, it } from 'vitest';
import { SELU_ALPHA, SELU_LAMBDA } from '../../src/engine/activations';
import { erfc } from '../../src/theory/erf';
import {
  inTheorem1Domain,
  seluAlpha01,
  seluFixedPointOmega0,
  seluJacobian,
  seluLambda01,
  seluMap,
  spectralNorm2,
} from '../../src/theory/selu';

describe('SELU constants', () => {
  it('the closed forms of α₀₁ and λ₀₁ (Klambauer et al. 2017) reproduce SELU_ALPHA and SELU_LAMBDA to 1e-15', () => {
    expect(Math.abs(seluAlpha01() / SELU_ALPHA - 1)).toBeLessThan(1e-15);
    expect(Math.abs(seluLambda01() / SELU_LAMBDA - 1)).toBeLessThan(1e-15);
  });
});

describe('SELU moment map', () => {
  it('(0, 1) is a fixed point at ω = 0, τ = 1', () => {
    const [mu, nu] = seluMap(0, 0, 1, 1);
    expect(Math.abs(mu)).toBeLessThan(1e-15);
    expect(Math.abs(nu - 1)).toBeLessThan(1e-15);
    const [fm, fn] = seluFixedPointOmega0();
    expect(Math.abs(fm)).toBeLessThan(1e-15);
    expect(Math.abs(fn - 1)).toBeLessThan(1e-14);
  });

  it('μ̃ equals the paper’s closed form', () => {
    // Klambauer et al. 2017, closed form of the mean map: μ̃ = ½λ(−(α + μω)·erfc(μω/√(2ντ)) + α·e^{μω + ντ/2}·erfc((μω + ντ)/√(2ντ))
    //                                   + √(2/π)·√(ντ)·e^{−(μω)²/(2ντ)} + 2μω)
    const paper = (mu: number, om: number, nu: number, tau: number): number => {
      const m = mu * om;
      const v = nu * tau;
      const a = SELU_ALPHA;
      return (
        0.5 *
        SELU_LAMBDA *
        (-(a + m) * erfc(m / Math.sqrt(2 * v)) +
          a * Math.exp(m + v / 2) * erfc((m + v) / Math.sqrt(2 * v)) +
          Math.sqrt(2 / Math.PI) * Math.sqrt(v) * Math.exp(-(m * m) / (2 * v)) +
          2 * m)
      );
    };
    for (const [mu, om, nu, tau] of [
      [0, 0, 1, 1],
      [0.1, 0.1, 0.8, 0.95],
      [-0.1, 0.1, 1.5, 1.1],
      [3, -2, 0.5, 2],
    ]) {
      expect(seluMap(mu, om, nu, tau)[0]).toBeCloseTo(paper(mu, om, nu, tau), 14);
    }
  });

  it('the analytic Jacobian matches central differences of the map', () => {
    for (const [mu, om, nu, tau] of [
      [0, 0, 1, 1],
      [0.05, -0.08, 1.2, 1.05],
      [-0.1, 0.1, 0.8, 0.95],
      [0.7, 1.5, 2, 0.6],
    ]) {
      const j = seluJacobian(mu, om, nu, tau);
      const h = 1e-6;
      const dMu = [0, 1].map(
        (k) => (seluMap(mu + h, om, nu, tau)[k] - seluMap(mu - h, om, nu, tau)[k]) / (2 * h),
      );
      const dNu = [0, 1].map(
        (k) => (seluMap(mu, om, nu + h, tau)[k] - seluMap(mu, om, nu - h, tau)[k]) / (2 * h),
      );
      expect(j[0][0]).toBeCloseTo(dMu[0], 8);
      expect(j[1][0]).toBeCloseTo(dMu[1], 8);
      expect(j[0][1]).toBeCloseTo(dNu[0], 8);
      expect(j[1][1]).toBeCloseTo(dNu[1], 8);
    }
  });

  it('reproduces the published Jacobian at the fixed point and its spectral norm', () => {
    // Klambauer et al. 2017 (arXiv:1706.02515), "Stable and Attracting Fixed Point (0, 1) for Normalized
    // Weights": J(0, 1) = [[0.0, 0.088834], [0.0, 0.782648]], "the spectral norm of J(0, 1) (its largest
    // singular value) is 0.7877 < 1". Published to 6 and 4 decimals.
    const j = seluJacobian(0, 0, 1, 1);
    expect(j[0][0]).toBe(0);
    expect(j[1][0]).toBe(0);
    expect(Math.abs(j[0][1] - 0.088834)).toBeLessThan(1e-6);
    expect(Math.abs(j[1][1] - 0.782648)).toBeLessThan(1e-6);
    expect(Math.abs(spectralNorm2(j) - 0.7877)).toBeLessThan(1e-4);
  });

  it('Theorem 1: from anywhere in the domain, iterating the map converges to a fixed point whose Jacobian contracts', () => {
    for (const om of [-0.1, 0, 0.1]) {
      for (const tau of [0.95, 1.1]) {
        let [mu, nu] = [0.1, 1.5];
        for (let i = 0; i < 200; i++) [mu, nu] = seluMap(mu, om, nu, tau);
        const next = seluMap(mu, om, nu, tau);
        expect(Math.abs(next[0] - mu)).toBeLessThan(1e-12);
        expect(Math.abs(next[1] - nu)).toBeLessThan(1e-12);
        expect(inTheorem1Domain(mu, om, nu, tau)).toBe(true);
        expect(spectralNorm2(seluJacobian(mu, om, nu, tau))).toBeLessThan(1);
      }
    }
  });

  it('the domain predicate has the published bounds', () => {
    expect(inTheorem1Domain(-0.1, 0.1, 0.8, 1.1)).toBe(true);
    expect(inTheorem1Domain(0.1, -0.1, 1.5, 0.95)).toBe(true);
    expect(inTheorem1Domain(0.11, 0, 1, 1)).toBe(false);
    expect(inTheorem1Domain(0, -0.11, 1, 1)).toBe(false);
    expect(inTheorem1Domain(0, 0, 0.79, 1)).toBe(false);
    expect(inTheorem1Domain(0, 0, 1.51, 1)).toBe(false);
    expect(inTheorem1Domain(0, 0, 1, 0.94)).toBe(false);
    expect(inTheorem1Domain(0, 0, 1, 1.11)).toBe(false);
  });

  it('spectralNorm2 is the largest singular value', () => {
    expect(
      spectralNorm2([
        [3, 0],
        [0, -2],
      ]),
    ).toBeCloseTo(3, 15);
    expect(
      spectralNorm2([
        [1, 1],
        [0, 1],
      ]),
    ).toBeCloseTo((1 + Math.sqrt(5)) / 2, 15);
    expect(
      spectralNorm2([
        [0, 0.6],
        [0, 0.8],
      ]),
    ).toBeCloseTo(1, 15);
  });
});
