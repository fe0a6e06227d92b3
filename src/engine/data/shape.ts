/**
 * The layer widths of an experiment's network. Without a data set every layer maps width → width and the last
 * hidden layer h_L is the output (EXPERIMENT.md). With one, layer 1 maps the data's features → width, layers
 * 2..L map width → width, and a linear read-out (no activation, not counted in `depth` and not in the per-layer
 * statistics) maps width → classes.
 */
import type { DataKind, Experiment } from '../experiment';

/** Features and classes of each data set (the 2-D sets: two coordinates, two classes). */
export const DATA_DIMENSIONS: Readonly<
  Record<Exclude<DataKind, 'none'>, { readonly features: number; readonly classes: number }>
> = {
  spiral: { features: 2, classes: 2 },
  circles: { features: 2, classes: 2 },
  xor: { features: 2, classes: 2 },
  gauss: { features: 2, classes: 2 },
  digits: { features: 64, classes: 10 },
};

/** The widths of one experiment's network. */
export interface NetworkShape {
  /** Columns of the input x (= fan-in of layer 1): the data's features, or `width` without a data set. */
  readonly inputs: number;
  /** Units of each of the `depth` hidden layers. */
  readonly width: number;
  readonly depth: number;
  /** Columns of the network's output: the classes (after the read-out), or `width` without a data set. */
  readonly outputs: number;
  /** True when a linear read-out layer [width, outputs] follows the hidden layers (data sets). */
  readonly readout: boolean;
  /** True when every layer has a bias (data sets always; otherwise when sb > 0). */
  readonly bias: boolean;
}

/** The network shape `exp` describes. */
export function networkShape(exp: Experiment): NetworkShape {
  if (exp.data === 'none') {
    return {
      inputs: exp.width,
      width: exp.width,
      depth: exp.depth,
      outputs: exp.width,
      readout: false,
      bias: exp.sb > 0,
    };
  }
  const { features, classes } = DATA_DIMENSIONS[exp.data];
  return {
    inputs: features,
    width: exp.width,
    depth: exp.depth,
    outputs: classes,
    readout: true,
    bias: true,
  };
}

/** Fan-in of hidden layer l (1-based): the input features for layer 1, `width` above it. */
export function fanIn(shape: NetworkShape, layer: number): number {
  return layer === 1 ? shape.inputs : shape.width;
}
