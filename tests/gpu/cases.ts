/**
 * The WebGPU engine's conformance cases, shared by the two WebGPU implementations that run them: headless
 * Chromium (Dawn + Tint, tests/browser/gpu/gpu.test.ts) and Deno (wgpu + naga, tests/gpu/deno/). Each case is
 * compared statistic by statistic with the float64 ReferenceBackend (compare.ts) at RTOL.
 *
 * Tolerance: RTOL = 2e-4 of each statistic's natural scale (compare.ts). Why: the GPU runs in float32
 * (unit roundoff u = 2⁻²⁴ ≈ 6e-8). Inputs and weights are rounded once (u), each dot product of K ≤ 130
 * terms adds at most ~K·u ≈ 8e-6 (typically √K·u), and the error compounds through ≤ 4 layers forward and
 * back and ≤ 3 SGD steps (on the weights and the knob); exp() on a CPU Vulkan (SwiftShader, lavapipe) adds a
 * few ulp. That bounds the expected error near 1e-5 of scale; 2e-4 keeps a margin of ~10× over the worst
 * error measured (printed by each test), while an indexing or formula bug gives errors of order 1.
 */
import { ReferenceBackend } from '../../src/engine/reference/backend';
import type { StepResult } from '../../src/engine/backend';
import type { Experiment, LayerStats } from '../../src/engine/experiment';

/** Largest accepted |gpu − ref| / scale (see the header). */
export const RTOL = 2e-4;

/** One conformance case: an experiment, trained `train` steps, then one measured pass. */
export interface GpuCase {
  readonly name: string;
  /** Overrides of the default experiment (experimentWith). */
  readonly experiment: Partial<Experiment>;
  /** Training steps before the measured pass. */
  readonly train: number;
  /** Also run on the matmul core the adapter does not pick by itself. */
  readonly bothCores?: boolean;
  /** What makes the case meaningful, checked on the reference run (units really dead, k really moving). */
  readonly meaningful?: (ref: StepResult[]) => boolean;
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

/** Cache keys of every kernel module (compile.ts compiles each). */
export const KERNEL_KEYS: readonly string[] = [
  'backward/direct',
  'backward/tiled',
  'bias',
  'finish',
  'forward/direct',
  'forward/tiled',
  'loss',
  'weightgrad/direct',
  'weightgrad/tiled',
];

/** The reference's StepResult of each of `train` training steps, then of the measured pass. */
export async function referenceRun(exp: Experiment, train: number): Promise<StepResult[]> {
  const ref = new ReferenceBackend();
  await ref.init(exp);
  const out: StepResult[] = [];
  for (let i = 0; i < train; i++) out.push(await ref.step({ train: true }));
  out.push(await ref.step({ train: false }));
  ref.dispose();
  return out;
}
