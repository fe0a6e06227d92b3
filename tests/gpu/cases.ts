/**
 * The WebGPU engine's conformance cases, shared by the two WebGPU implementations that run them: headless
 * Chromium (Dawn + Tint, tests/browser/gpu/gpu.test.ts) and Deno (wgpu + naga, tests/gpu/deno/). Each case is
 * compared statistic by statistic with the float64 ReferenceBackend (compare.ts) at RTOL; a data-set case then
 * also by its logits of the whole training and test sets (at RTOL of the set's largest logit: the same float32
 * forward pass as the statistics', with dot products of ≤ 64 terms) and their accuracies.
 *
 * Tolerance: RTOL = 2e-4 of each statistic's natural scale (compare.ts). Why: the GPU runs in float32
 * (unit roundoff u = 2⁻²⁴ ≈ 6e-8). Inputs and weights are rounded once (u), each dot product of K ≤ 500
 * terms (a weight gradient over the largest batch) adds at most ~K·u ≈ 3e-5 (typically √K·u ≈ 1.3e-6), and
 * the error compounds through ≤ 5 layers forward and back and ≤ 5 SGD steps (on the weights and the knob);
 * exp() on a CPU Vulkan (SwiftShader, lavapipe) adds a few ulp. That bounds the expected error near 1e-5 of
 * scale; 2e-4 keeps a margin of ~10× over the worst error measured (printed by each test, ≤ 7e-6), while an
 * indexing or formula bug gives errors of order 1.
 */
import type { Backend, StepResult } from '../../src/engine/backend';
import { loadDataSet } from '../../src/engine/data/dataset';
import { dataSetAccuracy } from '../../src/engine/data/evaluate';
import type { Experiment, LayerStats } from '../../src/engine/experiment';
import { ReferenceBackend } from '../../src/engine/reference/backend';

/** Largest accepted |gpu − ref| / scale (see the header). */
export const RTOL = 2e-4;

/** One conformance case: an experiment, trained `train` steps, then one measured pass. */
export interface GpuCase {
  readonly name: string;
  /** Overrides of the default experiment (experimentWith). */
  readonly experiment: Partial<Experiment>;
  /**
   * Training steps before the measured pass; or the passes themselves, in order (true: a training step, false:
   * a measuring one), the last one measured.
   */
  readonly train: number | readonly boolean[];
  /** Also run on the matmul core the adapter does not pick by itself. */
  readonly bothCores?: boolean;
  /** What makes the case meaningful, checked on the reference run (units really dead, k really moving). */
  readonly meaningful?: (ref: StepResult[]) => boolean;
}

/** What a case gives on an engine: the StepResult of each training step and of the measured pass, and more. */
export interface CaseOutput {
  readonly results: StepResult[];
  /** Data sets: what logits() gives after the measured pass (null without a data set). */
  readonly data: DataOutput | null;
}

/** An engine's logits of a data set's training and test points, and what follows from them. */
export interface DataOutput {
  /** Row-major [count, classes] logits of the training and the test set (plain arrays: they cross postMessage). */
  readonly train: number[];
  readonly test: number[];
  readonly classes: number;
  /** Fractions of each set whose largest logit is their label (dataSetAccuracy, as runExperiment reports them). */
  readonly accuracy: number;
  readonly testAccuracy: number;
  /** Every layer's post-activations were the same before and after the logits() calls. */
  readonly activationsKept: boolean;
}

/** Whether some layer of the last step satisfies `pred`. */
const someLayer = (ref: StepResult[], pred: (l: LayerStats) => boolean): boolean =>
  ref.at(-1)!.layers.some(pred);

// Widths and batches 1, 3, 5, 17, 33 (not multiples of the 64-wide tile, nor of 4 for the vec4 loads) and
// 65/130 (more than one tile). Several share the 17×33 shape so they share compiled pipelines (shapes are
// override constants).
const a = { width: 17, batch: 33, depth: 3 };

/** Every activation (hybrid knob learning included), odd sizes, bias on and off, both losses. */
export const GPU_CASES: readonly GpuCase[] = [
  {
    name: 'relu width 17 batch 33, mse',
    experiment: { ...a, act: 'relu', init: 'he', lr: 0.05 },
    train: 2,
    bothCores: true,
  },
  { name: 'elu width 17 batch 33, mse', experiment: { ...a, act: 'elu', lr: 0.1 }, train: 2 },
  {
    name: 'silu width 17 batch 33, probe',
    experiment: { ...a, act: 'silu', loss: 'probe', lr: 0.1 },
    train: 2,
  },
  {
    name: 'hybrid width 17 batch 33, bias, k learns',
    experiment: { ...a, act: 'hybrid', knob: 0.5, sb: 0.2, lr: 0.2 },
    train: 3,
    meaningful: (ref) => someLayer(ref, (l) => Math.abs((l.knob ?? 0.5) - 0.5) > 0.05),
  },
  {
    name: 'leaky width 33 batch 17, bias, probe',
    experiment: { act: 'leaky', slope: 0.2, width: 33, batch: 17, depth: 3, sb: 0.5, loss: 'probe', lr: 0.1 },
    train: 2,
    bothCores: true,
  },
  {
    name: 'selu width 1 batch 1, bias',
    experiment: { act: 'selu', width: 1, batch: 1, depth: 2, sb: 0.3, lr: 0.1 },
    train: 2,
  },
  {
    name: 'hybrid k=0 width 3 batch 5, probe (k clamped at 0)',
    experiment: { act: 'hybrid', knob: 0, width: 3, batch: 5, depth: 4, loss: 'probe', lr: 0.5 },
    train: 2,
    bothCores: true,
    meaningful: (ref) =>
      someLayer(ref, (l) => l.knob === 0 && (l.knobGrad ?? 0) > 0) &&
      someLayer(ref, (l) => (l.knob ?? 0) > 0),
  },
  {
    name: 'elu α=1.5 width 65 batch 130, shifted inputs',
    experiment: { act: 'elu', alpha: 1.5, width: 65, batch: 130, depth: 2, in_mean: 3, in_std: 0.5 },
    train: 1,
    meaningful: (ref) => someLayer(ref, (l) => l.saturated > 0 && l.saturated < 65),
  },
  {
    name: 'relu width 130 batch 65, large bias, dead units',
    experiment: { act: 'relu', width: 130, batch: 65, depth: 2, sb: 2, init: 'custom', sw: 0.3 },
    train: 1,
    bothCores: true,
    meaningful: (ref) => someLayer(ref, (l) => l.dead > 0 && l.dead < 130),
  },
];

// Data sets. The Backend conformance suite's data-set cases (every kind, widths 1–64, batch 1 and one larger
// than the training set, the digits' 10 classes, xent and mse, depth 1, the hybrid) run here too
// (shared-cases.ts); these add what only this engine needs: a shape for the other matmul cores, the hybrid's k
// learning through the read-out at width 1, and measuring passes between training steps (they must not use up
// a minibatch: each training step takes the next one, whatever was measured before it).

/** The WebGPU engine's own data-set cases. */
export const GPU_DATA_CASES: readonly GpuCase[] = [
  {
    name: 'spiral, relu width 3 batch 5, xent',
    experiment: { data: 'spiral', act: 'relu', init: 'he', width: 3, batch: 5, depth: 3, lr: 0.1 },
    train: 3,
    bothCores: true,
  },
  {
    name: 'xor, hybrid width 1 batch 1, xent, k learns',
    experiment: { data: 'xor', act: 'hybrid', knob: 0.5, width: 1, batch: 1, depth: 2, lr: 0.5 },
    train: 3,
    meaningful: (ref) => someLayer(ref, (l) => Math.abs((l.knob ?? 0.5) - 0.5) > 1e-3),
  },
  {
    name: 'circles, elu width 8 batch 4, mse, measuring passes between training steps',
    experiment: { data: 'circles', act: 'elu', width: 8, batch: 4, depth: 2, loss: 'mse', sb: 0.1, lr: 0.1 },
    train: [false, false, true, false, true, true, false],
  },
];

/** Cache keys of every kernel module (compile.ts compiles each). */
export const KERNEL_KEYS: readonly string[] = [
  'backward/direct',
  'backward/tiled',
  'bias',
  'finish',
  'forward/direct',
  'forward/tiled',
  'linear/direct',
  'linear/tiled',
  'loss',
  'weightgrad/direct',
  'weightgrad/tiled',
  'xent',
];

/** The passes of a case, in order: `train` training steps and a measuring one, or the given flags. */
export function passesOf(train: GpuCase['train']): readonly boolean[] {
  return typeof train === 'number' ? [...Array<boolean>(train).fill(true), false] : train;
}

/**
 * Runs a case on `backend`: `train` training steps and the measured pass (passesOf); with a data set, then the
 * logits of the whole training and test sets and their accuracies, with every layer's post-activations read
 * before and after them.
 */
export async function runCase(
  backend: Backend,
  exp: Experiment,
  train: GpuCase['train'],
  /** Called before pass i (i = train: the measured pass), e.g. to lose the device there. */
  beforeStep?: (i: number) => void,
): Promise<CaseOutput> {
  await backend.init(exp);
  const results: StepResult[] = [];
  for (const [i, training] of passesOf(train).entries()) {
    beforeStep?.(i);
    results.push(await backend.step({ train: training }));
  }
  if (exp.data === 'none') return { results, data: null };
  if (!backend.logits || !backend.postActivations) throw new Error(`${backend.kind}: no logits()`);
  const set = await loadDataSet(exp);
  const activations = async () => {
    const out: number[][] = [];
    for (let l = 1; l <= exp.depth; l++) out.push(Array.from(await backend.postActivations!(l)));
    return JSON.stringify(out);
  };
  const before = await activations();
  // The accuracies as runExperiment computes them (runScores → dataSetAccuracy → logits(), training set
  // first), keeping the logits it gets.
  const seen: number[][] = [];
  const { accuracy, testAccuracy } = await dataSetAccuracy(
    {
      kind: backend.kind,
      logits: async (x, count) => {
        const out = await backend.logits!(x, count);
        seen.push(Array.from(out));
        return out;
      },
    } as Backend,
    set,
  );
  const [trainLogits, testLogits] = seen;
  return {
    results,
    data: {
      train: trainLogits,
      test: testLogits,
      classes: set.classes,
      accuracy,
      testAccuracy,
      activationsKept: (await activations()) === before,
    },
  };
}

/** The same run on the float64 reference engine. */
export async function referenceRun(exp: Experiment, train: GpuCase['train']): Promise<CaseOutput> {
  const ref = new ReferenceBackend();
  try {
    return await runCase(ref, exp, train);
  } finally {
    ref.dispose();
  }
}

// Activation checkpointing (src/gpu/checkpoint.ts), forced on small networks: each case runs on one backend
// (one device) with every layer kept and then in segments of `segment` layers. Checked: the engine really
// used that segment length; statistics of every pass, post-activations after the measured pass (read top layer
// first, so segments are recomputed from their checkpoints) and, with a data set, the logits equal to the
// full path's bit for bit (the same kernels on the same inputs: no float atomics, no reordered sums); and
// against the float64 reference at RTOL, the post-activations within RTOL of each layer's largest |h| (the
// statistics' tolerance argument, through up to 64 layers: the worst error measured is printed).

/** A case run with activation checkpointing forced to `segment` layers (clamped to the depth). */
export interface GpuCheckpointCase extends GpuCase {
  readonly segment: number;
  /** Deno only: a shape of its own, whose pipelines SwiftShader would spend seconds compiling in Chromium. */
  readonly denoOnly?: boolean;
}

/** Cases for checkpointing: depths 1, 2, 7, 16, 64, segments that do and do not divide them, data sets. */
export const GPU_CHECKPOINT_CASES: readonly GpuCheckpointCase[] = [
  {
    name: 'checkpointed depth 1 (segment 1: nothing to checkpoint), elu',
    experiment: { ...a, depth: 1, act: 'elu', lr: 0.1 },
    segment: 1,
    train: 2,
  },
  {
    name: 'checkpointed depth 2 segment 1 (layer 1 a checkpoint, nothing recomputed), relu',
    experiment: { ...a, depth: 2, act: 'relu', init: 'he', lr: 0.05 },
    segment: 1,
    train: 2,
  },
  {
    name: 'checkpointed depth 7 segment 3, hybrid with bias, k learns',
    experiment: { ...a, depth: 7, act: 'hybrid', knob: 0.5, sb: 0.2, lr: 0.2 },
    segment: 3,
    train: 3,
    meaningful: (ref) => someLayer(ref, (l) => Math.abs((l.knob ?? 0.5) - 0.5) > 0.05),
  },
  {
    name: 'checkpointed depth 7 segment 2, silu, probe, measuring passes between training steps',
    experiment: { ...a, depth: 7, act: 'silu', loss: 'probe', lr: 0.1 },
    segment: 2,
    train: [true, false, true, true, false],
  },
  {
    name: 'checkpointed depth 16 segment 4 (divides the depth), elu',
    experiment: { ...a, depth: 16, act: 'elu', lr: 0.1 },
    segment: 4,
    train: 3,
  },
  {
    name: 'checkpointed depth 64 segment 5, elu width 8 batch 12',
    experiment: { act: 'elu', width: 8, batch: 12, depth: 64, lr: 0.05 },
    segment: 5,
    train: 3,
  },
  {
    name: 'checkpointed spiral depth 5 segment 2, elu width 17 batch 8, xent',
    experiment: { data: 'spiral', act: 'elu', width: 17, batch: 8, depth: 5, lr: 0.1 },
    segment: 2,
    train: [true, true, false, true, false],
  },
  {
    name: 'checkpointed circles depth 6 segment 4, hybrid width 8 batch 4, mse, k learns',
    experiment: {
      data: 'circles',
      act: 'hybrid',
      knob: 0.5,
      width: 8,
      batch: 4,
      depth: 6,
      loss: 'mse',
      lr: 0.3,
    },
    segment: 4,
    train: 3,
    denoOnly: true,
    meaningful: (ref) => someLayer(ref, (l) => Math.abs((l.knob ?? 0.5) - 0.5) > 1e-3),
  },
];

/** A backend whose activation segment length can be forced (WebGpuBackend). */
export interface CheckpointingBackend extends Backend {
  setCheckpointSegment(segment: number | undefined): void;
  readonly checkpointSegment: number | null;
}

/** One run of a checkpoint case: runCase's output, every layer's post-activations after it, the segment used. */
export interface CheckpointRun {
  readonly output: CaseOutput;
  /** h_1 … h_L after the measured pass (and logits(), with a data set), read from the top layer down. */
  readonly activations: number[][];
  readonly segment: number | null;
  /**
   * Milliseconds per pass from the second pass to the last one's start (its readback included; the first pass
   * is left out, and init() with its compilation): a rough figure, a few passes of a small network.
   */
  readonly msPerPass: number;
}

/** runCase, then every layer's post-activations, top layer first. */
export async function runWithActivations(
  backend: CheckpointingBackend,
  exp: Experiment,
  train: GpuCase['train'],
): Promise<CheckpointRun> {
  const starts: number[] = [];
  const output = await runCase(backend, exp, train, () => starts.push(performance.now()));
  const activations: number[][] = [];
  for (let l = exp.depth; l >= 1; l--) activations[l - 1] = Array.from(await backend.postActivations!(l));
  const msPerPass = (starts[starts.length - 1] - starts[1]) / (starts.length - 2);
  return { output, activations, segment: backend.checkpointSegment, msPerPass };
}

/** A checkpoint case on one backend: with every layer kept, then forced to the case's segment length. */
export async function runCheckpointCase(
  backend: CheckpointingBackend,
  exp: Experiment,
  train: GpuCase['train'],
  segment: number,
): Promise<{ full: CheckpointRun; checkpointed: CheckpointRun }> {
  backend.setCheckpointSegment(undefined);
  const full = await runWithActivations(backend, exp, train);
  backend.setCheckpointSegment(segment);
  try {
    return { full, checkpointed: await runWithActivations(backend, exp, train) };
  } finally {
    backend.setCheckpointSegment(undefined);
  }
}

/** The reference's post-activations after the same passes (its own run). */
export async function referenceActivations(exp: Experiment, train: GpuCase['train']): Promise<number[][]> {
  const ref = new ReferenceBackend();
  try {
    await runCase(ref, exp, train);
    const out: number[][] = [];
    for (let l = 1; l <= exp.depth; l++) out.push(Array.from(await ref.postActivations(l)));
    return out;
  } finally {
    ref.dispose();
  }
}

/**
 * Everything wrong with a checkpoint case's runs (empty when nothing is): the segment used, bit-for-bit
 * equality with the full path, and the post-activations against the reference (the statistics and logits
 * against the reference are compareCase's). Returns the largest post-activation error too.
 */
export function checkpointProblems(
  c: GpuCheckpointCase,
  exp: Experiment,
  runs: { full: CheckpointRun; checkpointed: CheckpointRun },
  refActivations: number[][],
): { problems: string[]; activationError: number } {
  const problems: string[] = [];
  const { full, checkpointed: ck } = runs;
  const expected = Math.min(c.segment, exp.depth);
  if (full.segment !== exp.depth) problems.push(`full run: segment ${full.segment}, not ${exp.depth}`);
  if (ck.segment !== expected) problems.push(`checkpointed run: segment ${ck.segment}, not ${expected}`);
  if (JSON.stringify(ck.output) !== JSON.stringify(full.output))
    problems.push('statistics or logits differ from the full path');
  let activationError = 0;
  for (let l = 1; l <= exp.depth; l++) {
    const [g, f, r] = [ck.activations[l - 1], full.activations[l - 1], refActivations[l - 1]];
    if (JSON.stringify(g) !== JSON.stringify(f)) problems.push(`h${l} differs from the full path`);
    if (g.length !== r.length) {
      problems.push(`h${l}: ${g.length} values, reference ${r.length}`);
      continue;
    }
    const scale = Math.max(1e-30, ...r.map(Math.abs));
    const error = Math.max(0, ...g.map((v, i) => Math.abs(v - r[i]) / scale));
    activationError = Math.max(activationError, error);
    if (!(error <= RTOL)) problems.push(`h${l}: error ${error} against the reference`);
  }
  return { problems, activationError };
}
