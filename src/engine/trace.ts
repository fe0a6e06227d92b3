/**
 * What the engine Worker sends beside the per-layer statistics: the trace points of the training curves (loss,
 * dead units, the hybrid's k, accuracy), and a data-set run's evaluation: the accuracy of its weights on the
 * training and test sets and, for the page's task panels, the decision boundary of a 2-D set over a grid or
 * the digits' test predictions.
 */
import type { Backend, StepResult } from './backend';
import { loadDataSet, type DataSet } from './data/dataset';
import { accuracyOf, predictions, softmax } from './data/evaluate';
import type { Experiment, RunResult } from './experiment';
import type { BoundaryView, DigitsView, TaskView, TracePoint } from './protocol';

/** A data-set run's weights evaluated after `step` SGD updates. */
export interface Evaluation {
  readonly step: number;
  readonly accuracy: number;
  readonly testAccuracy: number;
  /** What the page draws of the task (only when asked for). */
  readonly task?: TaskView;
}

/** The trace point of a pass after `step` SGD updates, with the accuracy of an evaluation of the same weights. */
export function tracePoint(step: number, pass: StepResult, evaluation?: Evaluation): TracePoint {
  let dead = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let knobs = 0;
  for (const layer of pass.layers) {
    dead += layer.dead;
    if (layer.knob !== undefined) {
      knobs++;
      sum += layer.knob;
      min = Math.min(min, layer.knob);
      max = Math.max(max, layer.knob);
    }
  }
  let point: TracePoint = { step, loss: pass.loss, dead };
  if (knobs > 0) point = { ...point, knob: { mean: sum / knobs, min, max } };
  if (evaluation?.step === step)
    point = { ...point, accuracy: evaluation.accuracy, testAccuracy: evaluation.testAccuracy };
  return point;
}

/** Grid points per axis of the decision boundary (BOUNDARY_GRID² points through the network per evaluation). */
export const BOUNDARY_GRID = 40;
/** Margin around the data, as a share of its half-span on each side. */
const BOUNDARY_MARGIN = 0.15;
/** Test images whose pixels go to the page (the digits' image grid). */
export const DIGITS_SHOWN = 50;
/**
 * Values of one layer's activations kept at once when a network evaluates many points (rows per call times
 * width times layers): the reference engine allocates every layer of its pass, so the 1,797 digits through a
 * depth-100 network of width 4096 are cut into calls of ~10 rows, not one call of 3 GiB.
 */
const EVALUATION_VALUES = 2 ** 22;

/**
 * The boundary's grid for a 2-D set: `n` × `n` points over a square covering every training and test point
 * with a margin (square, so a spiral is not stretched), and the same points standardised as the network takes
 * them, row-major [n·n, 2] (row r, column c at (x[c], y[r])).
 */
export function boundaryGrid(
  data: DataSet,
  n = BOUNDARY_GRID,
): { x: Float64Array; y: Float64Array; inputs: Float64Array } {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (const set of [data.rawTrain, data.rawTest])
    for (let i = 0; i < set.count; i++)
      for (let f = 0; f < 2; f++) {
        lo[f] = Math.min(lo[f], set.x[2 * i + f]);
        hi[f] = Math.max(hi[f], set.x[2 * i + f]);
      }
  const half = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-6) / 2;
  const axis = (f: number) => {
    const centre = (lo[f] + hi[f]) / 2;
    const from = centre - half * (1 + BOUNDARY_MARGIN);
    const step = (2 * half * (1 + BOUNDARY_MARGIN)) / (n - 1);
    return Float64Array.from({ length: n }, (_, i) => from + i * step);
  };
  const x = axis(0);
  const y = axis(1);
  const inputs = new Float64Array(n * n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      inputs[2 * (r * n + c)] = (x[c] - data.mean[0]) / data.scale[0];
      inputs[2 * (r * n + c) + 1] = (y[r] - data.mean[1]) / data.scale[1];
    }
  return { x, y, inputs };
}

/** Per data set (loadDataSet caches them): the rows evaluated together, and what the views repeat each time. */
interface Prepared {
  /** Training set, test set and (2-D) the grid, standardised, one after the other: [rows, features]. */
  readonly inputs: Float64Array;
  readonly rows: number;
  readonly grid?: ReturnType<typeof boundaryGrid>;
  readonly images?: Uint8Array;
}
const prepared = new WeakMap<DataSet, { plain?: Prepared; viewed?: Prepared }>();

function prepare(data: DataSet, view: boolean): Prepared {
  let entry = prepared.get(data);
  if (!entry) prepared.set(data, (entry = {}));
  const cached = view ? entry.viewed : entry.plain;
  if (cached) return cached;
  const grid = view && data.features === 2 ? boundaryGrid(data) : undefined;
  const gridRows = grid ? grid.inputs.length / 2 : 0;
  const rows = data.train.count + data.test.count + gridRows;
  const inputs = new Float64Array(rows * data.features);
  inputs.set(data.train.x);
  inputs.set(data.test.x, data.train.x.length);
  if (grid) inputs.set(grid.inputs, data.train.x.length + data.test.x.length);
  const shown = Math.min(DIGITS_SHOWN, data.rawTest.count);
  const images =
    view && data.kind === 'digits'
      ? Uint8Array.from(data.rawTest.x.subarray(0, shown * data.features))
      : undefined;
  const made: Prepared = { inputs, rows, grid, images };
  if (view) entry.viewed = made;
  else entry.plain = made;
  return made;
}

/** The network's outputs for `rows` inputs, in calls small enough for any network (EVALUATION_VALUES). */
async function logitsOf(
  backend: Backend,
  experiment: Experiment,
  inputs: Float64Array,
  rows: number,
  features: number,
  classes: number,
): Promise<Float64Array> {
  const logits = backend.logits?.bind(backend);
  if (!logits) throw new Error(`the ${backend.kind} engine cannot evaluate a data set (no logits())`);
  const perCall = Math.max(1, Math.floor(EVALUATION_VALUES / (experiment.width * (experiment.depth + 1))));
  const out = new Float64Array(rows * classes);
  for (let start = 0; start < rows; start += perCall) {
    const count = Math.min(perCall, rows - start);
    const part = await logits(inputs.subarray(start * features, (start + count) * features), count);
    out.set(part.subarray(0, count * classes), start * classes);
  }
  return out;
}

/**
 * Evaluates the backend's current weights (after `step` updates) on the experiment's data set: both accuracies,
 * and with `view` what the page draws of the task. The experiment must have a data set.
 */
export async function evaluateRun(
  backend: Backend,
  experiment: Experiment,
  step: number,
  view: boolean,
): Promise<Evaluation> {
  const data = await loadDataSet(experiment);
  const { features, classes, train, test } = data;
  const { inputs, rows, grid, images } = prepare(data, view);
  const logits = await logitsOf(backend, experiment, inputs, rows, features, classes);
  const trainLogits = logits.subarray(0, train.count * classes);
  const testLogits = logits.subarray(train.count * classes, (train.count + test.count) * classes);
  const predicted = predictions(testLogits, test.count, classes);
  const scores = {
    step,
    accuracy: accuracyOf(predictions(trainLogits, train.count, classes), train.labels),
    testAccuracy: accuracyOf(predicted, test.labels),
  };
  if (grid) {
    const cells = grid.x.length * grid.y.length;
    const gridLogits = logits.subarray((train.count + test.count) * classes);
    const probabilities = softmax(gridLogits, cells, classes);
    const p = new Float32Array(cells);
    for (let i = 0; i < cells; i++) p[i] = probabilities[i * classes + 1];
    const task: BoundaryView = {
      kind: 'boundary',
      step,
      x: grid.x,
      y: grid.y,
      p,
      train: { x: data.rawTrain.x, labels: data.rawTrain.labels },
      test: { x: data.rawTest.x, labels: data.rawTest.labels },
    };
    return { ...scores, task };
  }
  if (images) {
    const task: DigitsView = { kind: 'digits', step, labels: test.labels, predicted, images };
    return { ...scores, task };
  }
  return scores;
}

/**
 * When a run evaluates its data set: an evaluation may take up to `share` of the time, so on a slow engine
 * (the float64 reference through a large network) the accuracy and the boundary refresh less often than the
 * statistics instead of stalling training; on a fast one, at every refresh.
 */
export class EvaluationBudget {
  /** Share of a live run's time its evaluations may take (accuracy, boundary), and of a long run's training. */
  static readonly LIVE_SHARE = 0.5;
  static readonly TRAINING_SHARE = 0.2;

  private readyAt = 0;

  constructor(private readonly share: number) {}

  /** Whether an evaluation may start at `now` (ms). */
  due(now: number): boolean {
    return now >= this.readyAt;
  }

  /** Records evaluations that took `ms` in all, ending at `now`. */
  spent(ms: number, now: number): void {
    this.readyAt = now + (ms * (1 - this.share)) / this.share;
  }
}

/** A run on its engine, with its latest evaluation on its data set (none without one). */
export interface EvaluatedRun {
  readonly experiment: Experiment;
  readonly backend: Backend;
  evaluation?: Evaluation;
}

/**
 * Evaluates `run`'s current weights (after `step` updates) on its data set, when it has one, keeping the
 * evaluation on the run; returns the time it took in ms.
 */
export async function evaluate(run: EvaluatedRun, step: number, view: boolean): Promise<number> {
  if (run.experiment.data === 'none') return 0;
  const start = performance.now();
  run.evaluation = await evaluateRun(run.backend, run.experiment, step, view);
  return performance.now() - start;
}

/** A result's accuracies: those of the run's latest evaluation, null without a data set. */
export function scoresOf(run: EvaluatedRun): Pick<RunResult, 'accuracy' | 'testAccuracy'> {
  return { accuracy: run.evaluation?.accuracy ?? null, testAccuracy: run.evaluation?.testAccuracy ?? null };
}

/** The run's latest task view as an update's `task` field (nothing when there is none). */
export function taskOf(run: EvaluatedRun): { task?: TaskView } {
  return run.evaluation?.task ? { task: run.evaluation.task } : {};
}
