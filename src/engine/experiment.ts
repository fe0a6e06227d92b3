/**
 * The experiment: everything a share link describes, typed and validated (see docs/experiment.md).
 * Property names are the URL keys of schema v1 exactly, so the object printed by the CLI, the one returned by
 * `window.loz.run` and the query string all speak one vocabulary.
 */

/** Activation functions, by their URL value. */
export const ACTIVATIONS = ['relu', 'leaky', 'elu', 'selu', 'silu', 'hybrid'] as const;
export type ActivationKind = (typeof ACTIVATIONS)[number];

/** Weight schemes: σ_w² = 2 (he), 1 (lecun), 2·fan_in/(fan_in+fan_out) (xavier), sw² (custom). */
export const INIT_SCHEMES = ['he', 'lecun', 'xavier', 'custom'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** Weight distributions; all three give entries of variance σ_w²/fan_in. */
export const WEIGHT_DISTS = ['normal', 'uniform', 'orthogonal'] as const;
export type WeightDist = (typeof WEIGHT_DISTS)[number];

/**
 * `mse`: (1/(2·batch))·Σ‖out − y‖²; `probe`: (1/batch)·Σ⟨h_L, y⟩; `xent`: softmax cross-entropy
 * −(1/batch)·Σ log softmax(out)[label] (data sets only, their default).
 */
export const LOSSES = ['mse', 'probe', 'xent'] as const;
export type LossKind = (typeof LOSSES)[number];

/**
 * The task: `none` (random inputs and targets of [batch, width], the default), a 2-D two-class set, or the 8×8
 * handwritten digits (64 inputs, 10 classes). See src/engine/data/.
 */
export const DATA_SETS = ['none', 'spiral', 'circles', 'xor', 'gauss', 'digits'] as const;
export type DataKind = (typeof DATA_SETS)[number];

/** A fully specified experiment. Every field is present and within range once `parse()` has run. */
export interface Experiment {
  readonly v: number;
  readonly act: ActivationKind;
  /** ELU α, also SELU's α. */
  readonly alpha: number;
  /** SELU scale λ. */
  readonly lambda: number;
  /** Leaky ReLU negative slope. */
  readonly slope: number;
  /** Hybrid: initial k of φ = (1−k)·ReLU + k·ELU_α (each layer learns its own k). */
  readonly knob: number;
  /** Hidden layers L; every layer maps width → width. */
  readonly depth: number;
  /** Units per layer; the input width equals it. */
  readonly width: number;
  /** Examples per step. */
  readonly batch: number;
  readonly init: InitScheme;
  readonly dist: WeightDist;
  /** Custom scheme: weight std = sw/√fan_in. */
  readonly sw: number;
  /** Bias std; 0 means no bias. */
  readonly sb: number;
  /** Inputs x ~ N(in_mean, in_std²), i.i.d. */
  readonly in_mean: number;
  readonly in_std: number;
  /** uint32 seed of weights, biases, inputs and targets. */
  readonly seed: number;
  /** SGD learning rate. */
  readonly lr: number;
  /** SGD updates before the measured pass (0 = signal propagation only). */
  readonly steps: number;
  readonly loss: LossKind;
  /** 1: one weight matrix (and bias) shared by every layer, like an RNN unrolled in time; 0: independent. */
  readonly tied: number;
  /** 1: non-negative weights (|W| at init, clamped at 0 after every update), for monotone networks. */
  readonly nonneg: number;
  /**
   * The task. With a data set the network is inputs → `depth` hidden layers of `width` → a linear read-out to the
   * classes, every layer with a trained bias, and each step trains on a minibatch of `batch` training points.
   */
  readonly data: DataKind;
  /** 2-D data sets: standard deviation of the Gaussian noise added to each coordinate, in [0, 1]. */
  readonly noise: number;
}

/** Statistics of one layer l (1-based) over the whole [batch, width] tensor of the measured pass. */
export interface LayerStats {
  readonly layer: number;
  /** Mean and population variance of z_l = h_{l−1}·W_l + b_l. */
  readonly preMean: number;
  readonly preVar: number;
  /** Mean and population variance of h_l = φ(z_l). */
  readonly postMean: number;
  readonly postVar: number;
  /** Units whose φ′(z) is exactly 0 for every example. */
  readonly dead: number;
  /** Units whose |φ′(z)| < 0.01 for every example. */
  readonly saturated: number;
  /** ‖∂loss/∂h_l‖ (Frobenius, over [batch, width]). */
  readonly gradNorm: number;
  /** ‖∂loss/∂W_l‖ (Frobenius, over [width, width]). */
  readonly weightGradNorm: number;
  /** Hybrid only: this layer's k and ∂loss/∂k. */
  readonly knob?: number;
  readonly knobGrad?: number;
}

/** What the forward pass alone measures of a layer (before the backward pass fills in the gradients). */
export type ForwardLayerStats = Pick<
  LayerStats,
  'layer' | 'preMean' | 'preVar' | 'postMean' | 'postVar' | 'dead' | 'saturated'
>;

/** What a headless run returns (CLI `--json`, `window.loz.run`). */
export interface RunResult {
  readonly backend: string;
  readonly experiment: Experiment;
  readonly layers: LayerStats[];
  /** Loss of the measured pass. */
  readonly loss: number;
  /**
   * With a data set: the fraction of the whole training set (`accuracy`) and of the held-out test set
   * (`testAccuracy`) whose largest output is their label, with the weights of the measured pass; null without.
   */
  readonly accuracy: number | null;
  readonly testAccuracy: number | null;
  /** Wall-clock milliseconds for init, the training steps and the measured pass. */
  readonly ms: number;
}

/** A compared run (`vs`) in a run's output: the same as a run of its own query, less the engine and time. */
export type ComparedRun = Pick<RunResult, 'experiment' | 'layers' | 'loss' | 'accuracy' | 'testAccuracy'>;

/** What `loz run --json` and `window.loz.run` return: the main run, plus its compared runs when a link has `vs`. */
export type RunOutput = RunResult & { readonly compare?: readonly ComparedRun[] };
