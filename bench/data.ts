/**
 * What the peers need for a data-set workload (bench/workloads.ts, `spiral` and `digits`), taken from this
 * project's own code so every engine computes the same thing: the standardised training set and its one-hot
 * labels (src/engine/data/dataset.ts), the seeded initial weights and biases of every layer (src/engine/init.ts,
 * as the engines draw them), and the rows of each step's minibatch (MinibatchFeed: step t trains on
 * rowsAt(t), as the engines do). All in float32, the peers' precision. Runs in Node and in the browser page.
 */
import { loadDataSet } from '../src/engine/data/dataset';
import { MinibatchFeed } from '../src/engine/data/minibatch';
import { networkShape } from '../src/engine/data/shape';
import type { Experiment } from '../src/engine/experiment';
import { initBias, initReadout, initWeights } from '../src/engine/init';
import type { StepWorkload } from './workloads';
import { workloadExperiment } from './workloads';

/** A data-set workload's data and initial parameters. */
export interface DataSetup {
  readonly exp: Experiment;
  readonly features: number;
  readonly classes: number;
  /** Training points: count × features (standardised), row-major. */
  readonly count: number;
  readonly x: Float32Array<ArrayBuffer>;
  /** One-hot labels of the training points: count × classes, row-major. */
  readonly y: Float32Array<ArrayBuffer>;
  /** widths[0] = features, widths[1..depth] = width, widths[depth + 1] = classes. */
  readonly widths: readonly number[];
  /** depth + 1 matrices (the read-out last), weights[l] row-major [widths[l], widths[l + 1]]. */
  readonly weights: Float32Array<ArrayBuffer>[];
  /** depth + 1 bias vectors, biases[l] of widths[l + 1] (all zeros at sb = 0). */
  readonly biases: Float32Array<ArrayBuffer>[];
  /** The training-set rows of step `step` (0-based), as the engines draw them. */
  rows(step: number): Int32Array<ArrayBuffer>;
}

/** Loads `w`'s data set and draws its initial parameters. */
export async function dataSetup(w: StepWorkload): Promise<DataSetup> {
  if (!w.data) throw new Error(`dataSetup: workload ${w.name} has no data set`);
  const exp = workloadExperiment(w);
  const data = await loadDataSet(exp);
  const shape = networkShape(exp);
  const { features, classes, train } = data;
  const y = new Float32Array(train.count * classes);
  for (let i = 0; i < train.count; i++) y[i * classes + train.labels[i]] = 1;
  const widths = [features, ...Array.from({ length: w.depth }, () => w.width), shape.outputs];
  const weights = Array.from({ length: w.depth }, (_, l) => Float32Array.from(initWeights(exp, l + 1)));
  weights.push(Float32Array.from(initReadout(exp)));
  const biases = Array.from({ length: w.depth }, (_, l) => Float32Array.from(initBias(exp, l + 1)));
  biases.push(new Float32Array(classes));
  const feed = new MinibatchFeed(data, exp.seed, exp.batch);
  return {
    exp,
    features,
    classes,
    count: train.count,
    x: Float32Array.from(train.x),
    y,
    widths,
    weights,
    biases,
    rows: (step) => Int32Array.from(feed.rowsAt(step)),
  };
}
