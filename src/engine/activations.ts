/**
 * The one place where every activation φ, its derivative φ′ and the hybrid's ∂φ/∂k are defined.
 * Every engine (reference, WASM, WebGPU) and the theory module take their formulas and constants from here.
 *
 * Conventions: φ′ at exactly z = 0 takes the left branch (as PyTorch does): ReLU′(0) = 0, ELU′(0) = α.
 * φ′ of the ELU family is computed as itself, α·e^z, never as φ(z) + α (which rounds to 0 for z < −17 in
 * float32), so a "dead" unit has a derivative that is truly zero.
 */
import type { ActivationKind, Experiment } from './experiment';

/** SELU α₀₁ (Klambauer et al. 2017), to double precision: 1.6732632423543772848… */
export const SELU_ALPHA = 1.6732632423543772; // the double nearest 1.6732632423543772848170429916717
/** SELU λ₀₁ (Klambauer et al. 2017), to double precision: 1.0507009873554804934… */
export const SELU_LAMBDA = 1.0507009873554805; // the double nearest 1.0507009873554804934193349852946

/** The activation parameters an experiment carries. `knob` is the hybrid's k for one layer. */
export interface ActivationParams {
  readonly act: ActivationKind;
  readonly alpha: number;
  readonly lambda: number;
  readonly slope: number;
  readonly knob: number;
}

/** A scalar activation with its derivatives; plain functions so JIT-compiled loops can inline them. */
export interface Activation {
  readonly params: ActivationParams;
  /** φ(z). */
  phi(z: number): number;
  /** φ′(z), computed as itself. */
  dphi(z: number): number;
  /** ∂φ/∂k for the hybrid (ELU_α(z) − ReLU(z)); 0 for every other kind. */
  dphiDknob(z: number): number;
}

/** The parameters each activation reads (the rest of ActivationParams does not change its φ). */
export const PARAMETERS_OF: Readonly<
  Record<ActivationKind, ReadonlyArray<'alpha' | 'lambda' | 'slope' | 'knob'>>
> = {
  relu: [],
  silu: [],
  leaky: ['slope'],
  elu: ['alpha'],
  selu: ['alpha', 'lambda'],
  hybrid: ['alpha', 'knob'],
};

/** Numeric codes shared with the WGSL and WASM kernels (`override act: u32`). Never renumber. */
export const ACTIVATION_CODE: Readonly<Record<ActivationKind, number>> = {
  relu: 0,
  leaky: 1,
  elu: 2,
  selu: 3,
  silu: 4,
  hybrid: 5,
};

/** Logistic sigmoid, stable for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

const zero = (): number => 0;

/** Builds φ, φ′ and ∂φ/∂k for the given parameters. */
export function makeActivation(params: ActivationParams): Activation {
  const { alpha, lambda, slope, knob } = params;
  switch (params.act) {
    case 'relu':
      return { params, phi: (z) => (z > 0 ? z : 0), dphi: (z) => (z > 0 ? 1 : 0), dphiDknob: zero };
    case 'leaky':
      return {
        params,
        phi: (z) => (z > 0 ? z : slope * z),
        dphi: (z) => (z > 0 ? 1 : slope),
        dphiDknob: zero,
      };
    case 'elu':
      return {
        params,
        phi: (z) => (z > 0 ? z : alpha * Math.expm1(z)),
        dphi: (z) => (z > 0 ? 1 : alpha * Math.exp(z)),
        dphiDknob: zero,
      };
    case 'selu':
      return {
        params,
        phi: (z) => lambda * (z > 0 ? z : alpha * Math.expm1(z)),
        dphi: (z) => lambda * (z > 0 ? 1 : alpha * Math.exp(z)),
        dphiDknob: zero,
      };
    case 'silu':
      return {
        params,
        phi: (z) => z * sigmoid(z),
        dphi: (z) => {
          const s = sigmoid(z);
          return s * (1 + z * (1 - s));
        },
        dphiDknob: zero,
      };
    case 'hybrid':
      // (1−k)·ReLU + k·ELU_α: identical to ReLU for z > 0, k·ELU_α for z ≤ 0.
      return {
        params,
        phi: (z) => (z > 0 ? z : knob * alpha * Math.expm1(z)),
        dphi: (z) => (z > 0 ? 1 : knob * alpha * Math.exp(z)),
        dphiDknob: (z) => (z > 0 ? 0 : alpha * Math.expm1(z)),
      };
  }
}

/** The activation of an experiment; `knob` overrides the experiment's initial k (a layer's learned k). */
export function activationOf(exp: Experiment, knob: number = exp.knob): Activation {
  return makeActivation({ act: exp.act, alpha: exp.alpha, lambda: exp.lambda, slope: exp.slope, knob });
}

/** Default α for an activation when the URL gives none: SELU's α₀₁ for `selu`, 1 otherwise. */
export function defaultAlpha(act: ActivationKind): number {
  return act === 'selu' ? SELU_ALPHA : 1;
}
