/**
 * The theory's numbers for one experiment: the mean-field prediction of every layer's statistics and, for SELU,
 * the (μ, ν) map at its fixed point (what the page draws), and the depth scales (the CLI's report). Plain
 * data, JSON-serializable.
 */
import { activationOf } from '../engine/activations';
import type { Experiment } from '../engine/experiment';
import { networkShape } from '../engine/data/shape';
import { sigmaW2 } from '../engine/init';
import { meanField } from './meanfield';
import { gaussianMoments } from './moments';
import { seluFixedPointOmega0, seluJacobian, spectralNorm2 } from './selu';
import type { Mat2 } from './selu';

/**
 * Mean-field prediction for layer `layer` (1-based), pre-activations z_l ~ N(0, q_l) over the [batch, width]
 * tensor. Non-finite values (a variance that overflowed after many exploding layers) are null.
 */
export interface TheoryLayer {
  readonly layer: number;
  /** q_l: variance of z_l. */
  readonly preVar: number | null;
  /** E[φ(z_l)]. */
  readonly postMean: number | null;
  /** Var[φ(z_l)] = E[φ²] − E[φ]². */
  readonly postVar: number | null;
  /** σ_w²·E[φ′(z_l)²]: the factor by which this layer scales squared gradient norms (χ₁ at q_l). */
  readonly chi: number | null;
}

/** SELU (μ, ν) map at normalized weights ω = 0, τ = 1, with the experiment's α and λ. */
export interface SeluTheory {
  /** (μ*, ν*): (0, 1) for α₀₁, λ₀₁. */
  readonly fixedPoint: [number | null, number | null];
  /** [[∂μ̃/∂μ, ∂μ̃/∂ν], [∂ν̃/∂μ, ∂ν̃/∂ν]] at the fixed point. */
  readonly jacobian: [[number | null, number | null], [number | null, number | null]];
  /** Largest singular value of the Jacobian (< 1: the fixed point attracts). */
  readonly spectralNorm: number | null;
}

/**
 * What theoryPrediction returns: what the page draws over its measurements. Every non-finite number is null so
 * that JSON.stringify keeps it valid.
 */
export interface TheoryPrediction {
  readonly layers: TheoryLayer[];
  /** Present only when exp.act === 'selu'. */
  readonly selu?: SeluTheory;
}

/** What theoryReport returns: the prediction and the depth scales of its fixed point (null as above). */
export interface TheoryReport extends TheoryPrediction {
  /** ξ_q = −1/log 𝒱′(q*): null when q* = ∞ or at a critical point (ξ_q = ∞). */
  readonly xi_q: number | null;
  /** ξ_c = −1/log χ_c at c*: null at the edge of chaos (ξ_c = ∞) or when q* = ∞. */
  readonly xi_c: number | null;
}

/** x when finite, else null (JSON has no Infinity or NaN). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The mean-field report of an experiment: its prediction (theoryPrediction) and ξ_q, ξ_c, those of the fixed
 * point q* reached from q_1 (meanfield.ts; the costly part, ~75% of the report for ELU: c* and χ_c need 2-D
 * Gaussian expectations).
 */
export function theoryReport(exp: Experiment): TheoryReport {
  const inputs = meanFieldInputs(exp);
  const { layers, selu } = predictionOf(exp, inputs);
  const { act, sw2, sb2, q1 } = inputs;
  const mf = meanField(act, sw2, sb2, q1 > 0 && Number.isFinite(q1) ? q1 : 1);
  const report: TheoryReport = { layers, xi_q: finiteOrNull(mf.xiQ), xi_c: finiteOrNull(mf.xiC) };
  return selu ? { ...report, selu } : report;
}

type MeanFieldInputs = ReturnType<typeof meanFieldInputs>;

/** The activation, σ_w², σ_b² and q_1 of an experiment, as the formulas below use them. */
function meanFieldInputs(exp: Experiment) {
  const act = activationOf(exp).params;
  const sw2 = sigmaW2(exp.init, exp.sw, exp.width, exp.width);
  const sb2 = exp.sb * exp.sb;
  // A data set's inputs are standardised (mean 0, variance 1 per feature over the training set), and layer 1's
  // fan-in is its features (which only the xavier scheme's σ_w² depends on).
  const q1 =
    exp.data === 'none'
      ? sw2 * (exp.in_mean * exp.in_mean + exp.in_std * exp.in_std) + sb2
      : sigmaW2(exp.init, exp.sw, networkShape(exp).inputs, exp.width) + sb2;
  return { act, sw2, sb2, q1 };
}

/**
 * The mean-field prediction of an experiment. With σ_w² = sigmaW2(init, sw, width, width) and σ_b² = sb²:
 *   q_1 = σ_w²·(in_mean² + in_std²) + σ_b²   (inputs x ~ N(in_mean, in_std²), zero-mean weights; with a data
 *         set, whose inputs are standardised, σ_w²(fan_in = features)·1 + σ_b²),
 *   q_{l+1} = σ_w²·E[φ(z_l)²] + σ_b²,  z_l ~ N(0, q_l),
 * and per layer preVar = q_l, postMean = E[φ(z_l)], postVar = Var[φ(z_l)], chi = σ_w²·E[φ′(z_l)²].
 * Hybrid uses k = exp.knob (the initial k of every layer). The weight distribution does not enter: all three
 * have variance σ_w²/fan_in.
 */
export function theoryPrediction(exp: Experiment): TheoryPrediction {
  return predictionOf(exp, meanFieldInputs(exp));
}

function predictionOf(exp: Experiment, { act, sw2, sb2, q1 }: MeanFieldInputs): TheoryPrediction {
  const layers: TheoryLayer[] = [];
  let q = q1;
  for (let l = 1; l <= exp.depth; l++) {
    const m = Number.isFinite(q) ? gaussianMoments(act, 0, Math.sqrt(q)) : null;
    layers.push({
      layer: l,
      preVar: finiteOrNull(q),
      postMean: m ? finiteOrNull(m.phi) : null,
      postVar: m ? finiteOrNull(m.phi2 - m.phi * m.phi) : null,
      chi: m ? finiteOrNull(sw2 * m.dphi2) : null,
    });
    q = m ? sw2 * m.phi2 + sb2 : Infinity;
  }
  if (exp.act !== 'selu') return { layers };
  const [mu, nu] = seluFixedPointOmega0(1, exp.alpha, exp.lambda);
  const j: Mat2 =
    nu > 0 && Number.isFinite(nu)
      ? seluJacobian(mu, 0, nu, 1, exp.alpha, exp.lambda)
      : [
          [NaN, NaN],
          [NaN, NaN],
        ];
  return {
    layers,
    selu: {
      fixedPoint: [finiteOrNull(mu), finiteOrNull(nu)],
      jacobian: [
        [finiteOrNull(j[0][0]), finiteOrNull(j[0][1])],
        [finiteOrNull(j[1][0]), finiteOrNull(j[1][1])],
      ],
      spectralNorm: finiteOrNull(spectralNorm2(j)),
    },
  };
}
