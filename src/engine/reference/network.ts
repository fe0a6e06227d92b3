/**
 * The parameters of an experiment's MLP and the per-pass buffers of the reference engine, all float64.
 *
 * Layers: the `depth` hidden layers (φ, with statistics), then, with a data set, a linear read-out (no
 * activation, no statistics): `layers` = depth (+ 1). Widths: widths[0] is the input's columns, widths[l] the
 * fan-out of layer l (data/shape.ts). Layout (as in init.ts): W_l is row-major [widths[l−1], widths[l]]
 * (z = h·W); every activation tensor z_l, h_l, g_l is row-major [batch, widths[l]]. Layers are 1-based in the
 * maths and in `LayerStats.layer`, 0-based in these arrays: `weights[l − 1]` is W_l.
 */
import { networkShape, type NetworkShape } from '../data/shape';
import type { Experiment } from '../experiment';
import { initBias, initReadout, initWeights } from '../init';

/** Trainable parameters of one experiment's MLP. */
export interface Network {
  /** The experiment it was built from (activation kind and constants, loss, lr). */
  readonly exp: Experiment;
  readonly shape: NetworkShape;
  /** Hidden units per layer. */
  readonly width: number;
  /** Hidden layers (those with φ and statistics). */
  readonly depth: number;
  /** Every layer with weights: depth, plus the read-out with a data set. */
  readonly layers: number;
  /** widths[0] = input columns, widths[l] = fan-out of layer l (l = 1..layers). */
  readonly widths: readonly number[];
  /** `layers` matrices, weights[l − 1] row-major [widths[l − 1], widths[l]]. */
  readonly weights: Float64Array[];
  /** `layers` vectors (biases[l − 1] of widths[l]), or null when the network has no bias (none added or trained). */
  readonly biases: Float64Array[] | null;
  /** Hybrid: each hidden layer's k (Float64Array of depth), starting at `exp.knob`; unused by other activations. */
  readonly knobs: Float64Array;
}

/** The widths [inputs, width × depth, (outputs)] of a network shape. */
export function layerWidths(shape: NetworkShape): number[] {
  const widths = [shape.inputs];
  for (let l = 1; l <= shape.depth; l++) widths.push(shape.width);
  if (shape.readout) widths.push(shape.outputs);
  return widths;
}

/** Draws an experiment's seeded weights and biases (init.ts) and sets every layer's k to `exp.knob`. */
export function createNetwork(exp: Experiment): Network {
  const shape = networkShape(exp);
  // Tied weights: every layer holds the same arrays, so the SGD loop over layers applies the sum of the
  // layers' gradients to the one shared matrix (and bias), as backpropagation through time does.
  const weights: Float64Array[] = [];
  for (let l = 1; l <= exp.depth; l++) weights.push(exp.tied && l > 1 ? weights[0] : initWeights(exp, l));
  if (shape.readout) weights.push(initReadout(exp));
  let biases: Float64Array[] | null = null;
  if (shape.bias) {
    biases = [];
    for (let l = 1; l <= exp.depth; l++) biases.push(exp.tied && l > 1 ? biases[0] : initBias(exp, l));
    if (shape.readout) biases.push(new Float64Array(shape.outputs));
  }
  return {
    exp,
    shape,
    width: exp.width,
    depth: exp.depth,
    layers: weights.length,
    widths: layerWidths(shape),
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
  /** widths[l] as in Network (widths[0] = input columns). */
  readonly widths: readonly number[];
  /** z_l = h_{l−1}·W_l + b_l: one tensor [batch, widths[l]] per layer. */
  readonly z: Float64Array[];
  /** h_0 = x, h_l = φ(z_l) (z_l for the read-out): tensors [batch, widths[l]], l = 0..layers. */
  readonly h: Float64Array[];
  /** g_l = ∂loss/∂h_l, l = 0..layers; g[0] is filled only when asked for. */
  readonly g: Float64Array[];
  /** Scratch δ_l = g_l ⊙ φ′(z_l), room for the widest layer's [batch, widths[l]]. */
  readonly delta: Float64Array;
  /** ∂loss/∂W_l, one per layer, [widths[l − 1], widths[l]]. */
  readonly dW: Float64Array[];
  /** ∂loss/∂b_l, one per layer (computed only when the network has biases). */
  readonly db: Float64Array[];
  /** ∂loss/∂k_l (hybrid only; 0 otherwise), one per hidden layer. */
  readonly dk: Float64Array;
}

/**
 * Allocates the buffers of a pass of `batch` examples through layers of the given widths (layerWidths; for a
 * width → width network of `depth` layers, `depth + 1` times `width`).
 */
export function createPass(batch: number, widths: readonly number[]): Pass {
  const layers = widths.length - 1;
  const tensor = (l: number): Float64Array => new Float64Array(batch * widths[l]);
  const perLayer = <T>(make: (l: number) => T): T[] => Array.from({ length: layers }, (_, i) => make(i + 1));
  return {
    batch,
    widths,
    z: perLayer(tensor),
    h: [tensor(0), ...perLayer(tensor)],
    g: [tensor(0), ...perLayer(tensor)],
    delta: new Float64Array(batch * Math.max(...widths)),
    dW: perLayer((l) => new Float64Array(widths[l - 1] * widths[l])),
    db: perLayer((l) => new Float64Array(widths[l])),
    dk: new Float64Array(layers),
  };
}

/** The widths of a width → width network of `depth` layers (no data set). */
export function squareWidths(width: number, depth: number): number[] {
  return Array.from({ length: depth + 1 }, () => width);
}
