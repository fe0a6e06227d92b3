/**
 * Scene 7: stability of a learned PDE solver, for the 1-D heat equation u_t = u_xx on a periodic grid of m
 * points with spacing h (default h = 1, "lattice units").
 *
 * The "learned" update is u ← F(u) = u + Δt·N(u) with N(u) = g·L·φ(u): a network whose hidden layer is φ
 * applied pointwise and whose fixed linear read-out is g times the discrete Laplacian
 * (L u)_i = (u_{i−1} − 2u_i + u_{i+1})/h². Near the equilibrium u = 0, N(u) ≈ g·φ′(0)·L u, which is the heat
 * equation's right-hand side when g·φ′(0) = 1: ELU with α = 1 has φ′(0) = 1, SiLU has φ′(0) = ½, so with the
 * same g the SiLU network "thinks" heat spreads half as fast.
 *
 * The Jacobian of F at 0 is J = I + Δt·g·φ′(0)·L. It commutes with shifts of the periodic grid (circulant),
 * so its eigenvectors are the Fourier modes and its eigenvalues are 1 + Δt·g·φ′(0)·λ_k with
 * λ_k = −4·sin²(πk/m)/h², k = 0…m−1. Explicit Euler is stable iff all of them lie in [−1, 1], i.e.
 * Δt·g·φ′(0)·4/h² ≤ 2 (for even m, where sin² reaches 1).
 *
 * Here J is NOT taken from that formula: it is measured from the update map by central finite differences at
 * u = 0 (step `eps`), its circulant structure is checked, and its eigenvalues are the DFT of its first column
 * (for a circulant C with C_ij = c_{(i−j) mod m}, eigenvalue k is Σ_j c_j·e^{−2πi·jk/m}). At a kink of φ at 0
 * (ReLU; ELU with α ≠ 1) a central difference measures the average of the two one-sided slopes.
 *
 * The k = 0 mode (the mean of u) has eigenvalue exactly 1 for every Δt: Σ_i (L v)_i = 0, so F conserves the
 * mean, as the heat equation does. The spectral radius is therefore never below 1; "stable" means = 1.
 *
 * Randomness: Rng(seed, 701) for the initial condition.
 */
import { makeActivation } from '../../engine/activations';
import type { ActivationParams } from '../../engine/activations';
import { Rng } from '../../engine/random';

/** The solver setup. Δt, h in the equation's units (h = 1 by default). */
export interface PdeSetup {
  readonly activation: ActivationParams;
  /** Time step Δt > 0. */
  readonly dt: number;
  /** Grid points m (≥ 3); default 32. */
  readonly m?: number;
  /** Read-out gain g; default 1. */
  readonly gain?: number;
  /** Grid spacing h; default 1. */
  readonly h?: number;
}

/** A complex number, for plotting against the unit circle. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** One step of the learned update: F(u) = u + Δt·g·L·φ(u) on the periodic grid (u of length m). */
export function step(setup: PdeSetup, u: Float64Array, out = new Float64Array(u.length)): Float64Array {
  const act = makeActivation(setup.activation);
  const m = u.length;
  const c = (setup.dt * (setup.gain ?? 1)) / (setup.h ?? 1) ** 2;
  const p = u.map((v) => act.phi(v));
  for (let i = 0; i < m; i++) {
    const lap = p[(i + m - 1) % m] - 2 * p[i] + p[(i + 1) % m];
    out[i] = u[i] + c * lap;
  }
  return out;
}

/** The Jacobian of F at u = 0 by central differences, row-major [m, m] (J[i·m + j] = ∂F_i/∂u_j). */
export function jacobianAtZero(setup: PdeSetup, eps = 1e-6): Float64Array {
  const m = Math.max(3, Math.floor(setup.m ?? 32));
  const J = new Float64Array(m * m);
  const u = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    u[j] = eps;
    const plus = step(setup, u);
    u[j] = -eps;
    const minus = step(setup, u);
    u[j] = 0;
    for (let i = 0; i < m; i++) J[i * m + j] = (plus[i] - minus[i]) / (2 * eps);
  }
  return J;
}

/** Eigenvalues of the measured Jacobian and how circulant it was. */
export interface JacobianSpectrum {
  /** Eigenvalue of Fourier mode k = 0…m−1. */
  readonly eigenvalues: Complex[];
  /** max |J_ij − J_{(i−j) mod m, 0}|: 0 for an exactly circulant matrix (the DFT is exact only then). */
  readonly circulantError: number;
}

/** Measures J at u = 0 and returns its eigenvalues as the DFT of its first column (see the module comment). */
export function jacobianEigenvalues(setup: PdeSetup, eps = 1e-6): JacobianSpectrum {
  const J = jacobianAtZero(setup, eps);
  const m = Math.round(Math.sqrt(J.length));
  let circulantError = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      circulantError = Math.max(circulantError, Math.abs(J[i * m + j] - J[((i - j + m) % m) * m]));
  const eigenvalues: Complex[] = [];
  for (let k = 0; k < m; k++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < m; j++) {
      const theta = (-2 * Math.PI * ((j * k) % m)) / m;
      re += J[j * m] * Math.cos(theta);
      im += J[j * m] * Math.sin(theta);
    }
    eigenvalues.push({ re, im });
  }
  return { eigenvalues, circulantError };
}

/** max_k |λ_k|: the factor by which the fastest-growing mode is multiplied per step near u = 0. */
export function spectralRadius(eigenvalues: readonly Complex[]): number {
  let r = 0;
  for (const e of eigenvalues) r = Math.max(r, Math.hypot(e.re, e.im));
  return r;
}

/** Options of a rollout. */
export interface RolloutParams extends PdeSetup {
  /** Update steps. */
  readonly steps: number;
  /** Seed of the initial condition. */
  readonly seed: number;
  /** Max-norm of the initial condition; default 0.01 (close to the equilibrium, where J describes F). */
  readonly amplitude?: number;
}

/** The max-norm of u over a rollout. */
export interface Rollout {
  /** maxNorm[t] = max_i |u_i| after t steps, length steps + 1 (stops early at a non-finite value). */
  readonly maxNorm: Float64Array;
  /** maxNorm at the end / maxNorm at the start: < 1 decayed, > 1 grew. */
  readonly growth: number;
  /** The final u (length m). */
  readonly final: Float64Array;
}

/**
 * Runs u ← F(u) from a seeded zero-mean initial condition (i.i.d. normal values, mean removed since F
 * conserves it, scaled to max-norm `amplitude`).
 */
export function rollout(p: RolloutParams): Rollout {
  const m = Math.max(3, Math.floor(p.m ?? 32));
  const rng = new Rng(p.seed, 701);
  let u = new Float64Array(m);
  rng.fillNormal(u);
  const mean = u.reduce((s, v) => s + v, 0) / m;
  let norm = 0;
  for (let i = 0; i < m; i++) {
    u[i] -= mean;
    norm = Math.max(norm, Math.abs(u[i]));
  }
  const amp = p.amplitude ?? 0.01;
  for (let i = 0; i < m; i++) u[i] *= amp / norm;
  const maxNorm = new Float64Array(p.steps + 1).fill(NaN);
  maxNorm[0] = amp;
  let next = new Float64Array(m);
  for (let t = 1; t <= p.steps; t++) {
    step(p, u, next);
    [u, next] = [next, u];
    let n = 0;
    for (let i = 0; i < m; i++) n = Math.max(n, Math.abs(u[i]));
    maxNorm[t] = n;
    if (!Number.isFinite(n)) break;
  }
  let last = p.steps;
  while (last > 0 && Number.isNaN(maxNorm[last])) last--;
  return { maxNorm, growth: maxNorm[last] / maxNorm[0], final: u };
}

/**
 * The activations scene 7 computes side by side: ELU (with the experiment's α when the experiment is an ELU,
 * else α = 1, the textbook scheme) and SiLU, then the experiment's own activation when it is neither, so a
 * student who picks SELU or ReLU still sees it against the two.
 */
export function contrastActivations(own: ActivationParams): ActivationParams[] {
  const elu: ActivationParams = own.act === 'elu' ? own : { ...own, act: 'elu', alpha: 1 };
  const silu: ActivationParams = own.act === 'silu' ? own : { ...own, act: 'silu' };
  return own.act === 'elu' || own.act === 'silu' ? [elu, silu] : [elu, silu, own];
}

/** One activation's solver near u = 0: its measured spectrum and a rollout from a small start. */
export interface SolverRun {
  readonly activation: ActivationParams;
  readonly spectrum: JacobianSpectrum;
  /** max_k |λ_k| of the measured Jacobian. */
  readonly radius: number;
  readonly rollout: Rollout;
}

/** The solver of each activation at the same Δt, rollout length and seed (same initial condition for all). */
export function solverRuns(
  activations: readonly ActivationParams[],
  dt: number,
  steps: number,
  seed: number,
): SolverRun[] {
  return activations.map((activation) => {
    const spectrum = jacobianEigenvalues({ activation, dt });
    return {
      activation,
      spectrum,
      radius: spectralRadius(spectrum.eigenvalues),
      rollout: rollout({ activation, dt, steps, seed }),
    };
  });
}
