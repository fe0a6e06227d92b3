/**
 * Cross-entropy, predictions and accuracy from a network's outputs (logits, row-major [count, classes]), in
 * float64 whatever precision the logits were computed in.
 */
import type { Backend } from '../backend';
import type { Experiment, RunResult } from '../experiment';
import { loadDataSet, type DataSet } from './dataset';

/**
 * Softmax cross-entropy −(1/batch)·Σ_r log softmax(out_r)[label_r] of `out` ([batch, classes]) against
 * one-hot `y`, and its gradient (softmax(out) − y)/batch written to `grad`. Stable: logits are shifted by
 * each row's maximum. Returns the loss.
 */
export function softmaxCrossEntropy(
  out: ArrayLike<number>,
  y: ArrayLike<number>,
  grad: { [i: number]: number },
  batch: number,
  classes: number,
): number {
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    const o = r * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, out[o + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(out[o + c] - max);
    const logSum = Math.log(sum) + max;
    for (let c = 0; c < classes; c++) {
      const p = Math.exp(out[o + c] - logSum);
      grad[o + c] = (p - y[o + c]) / batch;
      loss -= y[o + c] * (out[o + c] - logSum);
    }
  }
  return loss / batch;
}

/** Each row's predicted class: the index of its largest output (the first one on ties; NaN rows: −1). */
export function predictions(logits: ArrayLike<number>, count: number, classes: number): Int32Array {
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits[r * classes + c];
      if (v > bestValue) [best, bestValue] = [c, v];
    }
    out[r] = best;
  }
  return out;
}

/** The fraction of rows whose predicted class is their label. */
export function accuracyOf(predicted: Int32Array, labels: Int32Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return labels.length === 0 ? 0 : right / labels.length;
}

/** Softmax probabilities of each row of `logits` ([count, classes]), float64. */
export function softmax(logits: ArrayLike<number>, count: number, classes: number): Float64Array {
  const p = new Float64Array(count * classes);
  for (let r = 0; r < count; r++) {
    const o = r * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[o + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += p[o + c] = Math.exp(logits[o + c] - max);
    for (let c = 0; c < classes; c++) p[o + c] /= sum;
  }
  return p;
}

/** Training-set and test-set accuracy of the backend's current weights. */
export async function dataSetAccuracy(
  backend: Backend,
  data: DataSet,
): Promise<{ accuracy: number; testAccuracy: number }> {
  if (!backend.logits) throw new Error(`the ${backend.kind} engine cannot evaluate a data set (no logits())`);
  const train = await backend.logits(data.train.x, data.train.count);
  const test = await backend.logits(data.test.x, data.test.count);
  return {
    accuracy: accuracyOf(predictions(train, data.train.count, data.classes), data.train.labels),
    testAccuracy: accuracyOf(predictions(test, data.test.count, data.classes), data.test.labels),
  };
}

/** What a run reports of its task: both accuracies with a data set (the backend's current weights), else null. */
export async function runScores(
  backend: Backend,
  experiment: Experiment,
): Promise<Pick<RunResult, 'accuracy' | 'testAccuracy'>> {
  if (experiment.data === 'none') return { accuracy: null, testAccuracy: null };
  return dataSetAccuracy(backend, await loadDataSet(experiment));
}
