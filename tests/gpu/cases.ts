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
