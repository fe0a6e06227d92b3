/**
 * The parameters of a width→width MLP and the per-pass buffers of the reference engine, all float64.
 *
 * Layout (as in init.ts): W_l is row-major [fan_in, fan_out] = [width, width] (z = h·W); every activation
 * tensor (x, z_l, h_l, g_l, δ) is row-major [batch, width]. Layers are 1-based in the maths and in
 * `LayerStats.layer`, 0-based in these arrays: `weights[l − 1]` is W_l.
 */
import type { Experiment } from '../experiment';
import { initBias, initWeights } from '../init';

/** Trainable parameters of one experiment's MLP. */
export interface Network {
  /** The experiment it was built from (activation kind and constants, loss, lr). */
  readonly exp: Experiment;
  readonly width: number;
  readonly depth: number;
  /** depth matrices, each Float64Array of width·width, row-major [fan_in, fan_out]. */
  readonly weights: Float64Array[];
  /** depth vectors of width, or null when sb = 0 (no bias: none is added and none is trained). */
  readonly biases: Float64Array[] | null;
  /** Hybrid: each layer's k (Float64Array of depth), starting at `exp.knob`; unused by other activations. */
  readonly knobs: Float64Array;
}

/** Draws an experiment's seeded weights and biases (init.ts) and sets every layer's k to `exp.knob`. */
export function createNetwork(exp: Experiment): Network {
  // Tied weights: every layer holds the same arrays, so the SGD loop over layers applies the sum of the
  // layers' gradients to the one shared matrix (and bias), as backpropagation through time does.
  const weights: Float64Array[] = [];
  for (let l = 1; l <= exp.depth; l++) weights.push(exp.tied && l > 1 ? weights[0] : initWeights(exp, l));
  let biases: Float64Array[] | null = null;
  if (exp.sb > 0) {
    biases = [];
    for (let l = 1; l <= exp.depth; l++) biases.push(exp.tied && l > 1 ? biases[0] : initBias(exp, l));
  }
  return {
    exp,
    width: exp.width,
    depth: exp.depth,
    weights,
    biases,
    knobs: new Float64Array(exp.depth).fill(exp.knob),
  };
}

/**
 * The tensors of one forward and backward pass over a batch, allocated once and reused by every step.
 * Index l − 1 holds layer l's tensor except in `h` and `g`, whose index 0 is the input side (h_0 = x).
 */
export interface Pass {
  readonly batch: number;
  readonly width: number;
  readonly depth: number;
  /** z_l = h_{l−1}·W_l + b_l: depth tensors [batch, width]. */
  readonly z: Float64Array[];
  /** h_0 = x, h_l = φ(z_l): depth + 1 tensors [batch, width]. */
  readonly h: Float64Array[];
  /** g_l = ∂loss/∂h_l: depth + 1 tensors [batch, width]; g[0] is filled only when asked for. */
  readonly g: Float64Array[];
  /** Scratch δ_l = g_l ⊙ φ′(z_l), [batch, width]. */
  readonly delta: Float64Array;
  /** ∂loss/∂W_l: depth matrices [fan_in, fan_out]. */
  readonly dW: Float64Array[];
  /** ∂loss/∂b_l: depth vectors of width (computed only when the network has biases). */
  readonly db: Float64Array[];
  /** ∂loss/∂k_l (hybrid only; 0 otherwise): Float64Array of depth. */
  readonly dk: Float64Array;
}

/** Allocates the buffers of a pass of `batch` examples through a depth × width network. */
export function createPass(batch: number, width: number, depth: number): Pass {
  const tensor = (): Float64Array => new Float64Array(batch * width);
  const many = (count: number, make: () => Float64Array): Float64Array[] =>
    Array.from({ length: count }, make);
  return {
    batch,
    width,
    depth,
    z: many(depth, tensor),
    h: many(depth + 1, tensor),
    g: many(depth + 1, tensor),
    delta: tensor(),
    dW: many(depth, () => new Float64Array(width * width)),
    db: many(depth, () => new Float64Array(width)),
    dk: new Float64Array(depth),
  };
}
