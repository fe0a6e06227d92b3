/**
 * SELU's moment map (Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks",
 * NeurIPS; arXiv:1706.02515, section "Stable and attracting fixed points").
 *
 * A unit receives z = Σᵢ wᵢxᵢ from n inputs of mean μ and variance ν; with ω = Σᵢ wᵢ and τ = Σᵢ wᵢ², z is
 * (central limit) N(μω, ντ), and the unit's output y = selu(z) has mean μ̃ = E[y] and variance
 * ν̃ = E[y²] − μ̃² (the paper's mapping g; computed here with the closed-form Gaussian moments of moments.ts).
 * Normalized weights are ω = 0, τ = 1 (LeCun-normal init: τ = n·Var(w) = 1), where (0, 1) is a fixed point
 * for α₀₁, λ₀₁. Theorem 1: for (μ, ω, ν, τ) ∈ [−0.1, 0.1]² × [0.8, 1.5] × [0.95, 1.1] the map has a stable
 * and attracting fixed point close to (0, 1).
 */
import { SELU_ALPHA, SELU_LAMBDA } from '../engine/activations';
import type { ActivationParams } from '../engine/activations';
import { erfc } from './erf';
import { gaussianMoments } from './moments';
import { increasingFixedPoint } from './roots';

/** A 2×2 matrix, row-major: [[∂μ̃/∂μ, ∂μ̃/∂ν], [∂ν̃/∂μ, ∂ν̃/∂ν]] for the Jacobian. */
export type Mat2 = [[number, number], [number, number]];

function seluParams(alpha: number, lambda: number): ActivationParams {
  return { act: 'selu', alpha, lambda, slope: 0, knob: 0 };
}

/** (μ, ν) ↦ (μ̃, ν̃): mean and variance of selu(z), z ~ N(μω, ντ). Requires ντ ≥ 0. */
export function seluMap(
  mu: number,
  omega: number,
  nu: number,
  tau: number,
  alpha = SELU_ALPHA,
  lambda = SELU_LAMBDA,
): [number, number] {
  const m = gaussianMoments(seluParams(alpha, lambda), mu * omega, Math.sqrt(nu * tau));
  return [m.phi, m.phi2 - m.phi * m.phi];
}

/**
 * The Jacobian of (μ, ν) ↦ (μ̃, ν̃), analytic. With m = μω, s² = ντ and Gaussian moments under N(m, s²)
 * (∂/∂m E[g] = E[g′], ∂/∂s² E[g] = ½E[g″], φ″ including the δ of φ′'s jump at 0):
 *   ∂μ̃/∂μ = ω·E[φ′],                      ∂μ̃/∂ν = τ·½E[φ″],
 *   ∂ν̃/∂μ = ω·2(E[φφ′] − μ̃E[φ′]),         ∂ν̃/∂ν = τ·(E[φ′²] + E[φφ″] − μ̃E[φ″]).
 * Requires ντ > 0.
 */
export function seluJacobian(
  mu: number,
  omega: number,
  nu: number,
  tau: number,
  alpha = SELU_ALPHA,
  lambda = SELU_LAMBDA,
): Mat2 {
  const m = gaussianMoments(seluParams(alpha, lambda), mu * omega, Math.sqrt(nu * tau));
  const muT = m.phi;
  return [
    [omega * m.dphi, 0.5 * tau * m.d2phi],
    [2 * omega * (m.phiDphi - muT * m.dphi), tau * (m.dphi2 + m.phiD2phi - muT * m.d2phi)],
  ];
}

/**
 * The fixed point (μ*, ν*) of the map at ω = 0 (where μ̃ does not depend on μ): ν* solves
 * ν = Var[selu(√(ντ) z)] (nearest root from ν = 1, see increasingFixedPoint), μ* = μ̃ there.
 * For α₀₁, λ₀₁, τ = 1 it is (0, 1) up to rounding. ν* = 0 (collapse) or ∞ when no positive root exists.
 */
export function seluFixedPointOmega0(tau = 1, alpha = SELU_ALPHA, lambda = SELU_LAMBDA): [number, number] {
  const nu = increasingFixedPoint((v) => seluMap(0, 0, v, tau, alpha, lambda)[1], 1);
  return [seluMap(0, 0, nu, tau, alpha, lambda)[0], nu];
}

/** Largest singular value of a 2×2 matrix: √((S + √(S² − 4·det²))/2), S = sum of squared entries. */
export function spectralNorm2(j: Mat2): number {
  const [[a, b], [c, d]] = j;
  const s = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt(0.5 * (s + Math.sqrt(Math.max(0, s * s - 4 * det * det))));
}

/** Whether (μ, ω, ν, τ) lies in the domain of Klambauer et al.'s Theorem 1: [−0.1,0.1]² × [0.8,1.5] × [0.95,1.1]. */
export function inTheorem1Domain(mu: number, omega: number, nu: number, tau: number): boolean {
  return (
    mu >= -0.1 &&
    mu <= 0.1 &&
    omega >= -0.1 &&
    omega <= 0.1 &&
    nu >= 0.8 &&
    nu <= 1.5 &&
    tau >= 0.95 &&
    tau <= 1.1
  );
}

/** α₀₁ = −√(2/π) / (erfc(1/√2)·e^{1/2} − 1) (Klambauer et al. 2017: solves μ̃ = 0, ν̃ = 1 at μ = ω = 0, ν = τ = 1), ≈ 1.6733. */
export function seluAlpha01(): number {
  return -Math.sqrt(2 / Math.PI) / (erfc(Math.SQRT1_2) * Math.sqrt(Math.E) - 1);
}

/**
 * λ₀₁ = (1 − erfc(1/√2)·√e)·√(2π) · (2·erfc(√2)·e² + π·erfc(1/√2)²·e − 2(2+π)·erfc(1/√2)·√e + π + 2)^{−1/2}
 * (Klambauer et al. 2017: solves μ̃ = 0, ν̃ = 1 at μ = ω = 0, ν = τ = 1), ≈ 1.0507.
 */
export function seluLambda01(): number {
  const e1 = erfc(Math.SQRT1_2);
  const se = Math.sqrt(Math.E);
  const den =
    2 * erfc(Math.SQRT2) * Math.E * Math.E +
    Math.PI * e1 * e1 * Math.E -
    2 * (2 + Math.PI) * e1 * se +
    Math.PI +
    2;
  return ((1 - e1 * se) * Math.sqrt(2 * Math.PI)) / Math.sqrt(den);
}
