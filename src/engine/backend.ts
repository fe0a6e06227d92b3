/**
 * The Backend contract: one interface, three implementations (reference, wasm, webgpu), one conformance suite.
 */
import { runScores } from './data/evaluate';
import type { Experiment, ForwardLayerStats, LayerStats, RunResult } from './experiment';

/** Engine identifiers, in fallback order of preference. */
export const BACKEND_KINDS = ['webgpu', 'wasm', 'reference'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** What one step returns: the statistics of its forward and backward pass (before its update), and the loss. */
export interface StepResult {
  readonly layers: LayerStats[];
  readonly loss: number;
}

/** Time per kernel of one pass, in milliseconds, in the order the step first runs them. */
export interface KernelProfile {
  readonly kernels: ReadonlyArray<{
    readonly kernel: string;
    readonly dispatches: number;
    readonly ms: number;
  }>;
  readonly totalMs: number;
}

/** A compute engine holding one experiment's weights. */
/** `onForward`: optional early delivery of the forward statistics, before the backward pass runs. */
export interface StepOptions {
  readonly train: boolean;
  readonly onForward?: (layers: ForwardLayerStats[]) => void;
  /**
   * Optional progress within the step: called by engines that can, between pieces of a big pass, with the
   * work units done so far and the step's total (WASM: layer products; WebGPU: submissions; reference:
   * layers), done increasing up to total. Engines await it when it returns a promise, so the caller can let
   * its event loop run; a throw (or rejection) abandons the step and rejects step() with it. After that the
   * engine holds a half-done step (a training step may have updated some weights): only init() is valid next,
   * and it replaces everything. The numbers of a step that completes are the same with or without it.
   */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * A pass that does not train may skip what its caller does not need (a sweep's metric): 'forward' leaves
   * gradNorm and weightGradNorm NaN, 'gradients' leaves weightGradNorm NaN. Engines may compute more; the
   * statistics they do give are the same numbers as a full pass's. Ignored when `train`.
   */
  readonly need?: StatsNeed;
}

/** Which statistics a caller needs from a measured pass: engines may skip the work of the others. */
export type StatsNeed = 'forward' | 'gradients' | 'all';

/** How measureMany reports and stops. */
export interface MeasureManyOptions {
  /** Each experiment's measured pass, by its index in the list, as soon as it is known (in any order); awaited. */
  readonly onPass: (index: number, pass: StepResult) => void | Promise<void>;
  /** Checked between pieces of work: true stops (experiments not yet measured are not reported). */
  readonly stopped?: () => boolean;
  /**
   * 'forward': only the forward statistics and the loss are needed (gradNorm and weightGradNorm may be NaN);
   * 'gradients': weightGradNorm may be NaN; 'all' (default): every statistic.
   */
  readonly need?: StatsNeed;
}

export interface Backend {
  readonly kind: BackendKind;
  /**
   * Allocates and uploads the experiment's seeded weights, biases, inputs and targets. May be called again on
   * the same backend to start another experiment: it replaces the previous one entirely.
   */
  init(experiment: Experiment): Promise<void>;
  /**
   * One forward and backward pass over the batch, with every per-layer statistic; with `train`, followed by
   * one SGD update of the weights, biases and (hybrid) knobs. Statistics describe the pass before the update.
   */
  step(options: StepOptions): Promise<StepResult>;
  /**
   * Optional: the post-activations h_l of layer `layer` (1-based) in the last pass, row-major [batch, width],
   * for the activation-distribution charts. Engines that cannot read them back cheaply leave it out.
   */
  postActivations?(layer: number): Promise<Float32Array | Float64Array>;
  /**
   * Data-set experiments: the network's outputs (logits, before any softmax) for `count` standardised inputs
   * (row-major [count, features]) with the current weights, row-major [count, classes]. Leaves the last pass's
   * statistics and post-activations as they were. Engines without it cannot run data sets.
   */
  logits?(inputs: Float64Array, count: number): Promise<Float32Array | Float64Array>;
  /**
   * Optional: many experiments measured at once (a sweep's cells), each as `init(e)`, its `steps` training
   * steps and one measured pass would measure it, within the engine's float tolerance. Engines batch what
   * they can (WebGPU: untrained cells of one shape in the same dispatches). Afterwards the engine holds no
   * experiment: call init() before step().
   */
  measureMany?(experiments: readonly Experiment[], options: MeasureManyOptions): Promise<void>;
  /** Optional: one measured pass with per-kernel device times (WebGPU timestamp queries). */
  profileKernels?(): Promise<KernelProfile>;
  /** Optional: CPU threads the engine computes on, when more than one (WASM with kernel threads). */
  readonly threadCount?: number;
  /** Frees every resource; the backend cannot be used afterwards. */
  dispose(): void;
}

/**
 * Runs an experiment as EXPERIMENT.md defines: init, `steps` SGD updates, then one measured pass (and, with a
 * data set, the training- and test-set accuracy of its weights). The caller keeps ownership of `backend`.
 */
export async function runExperiment(backend: Backend, experiment: Experiment): Promise<RunResult> {
  const start = performance.now();
  await backend.init(experiment);
  for (let i = 0; i < experiment.steps; i++) await backend.step({ train: true });
  const { layers, loss } = await backend.step({ train: false });
  const scores = await runScores(backend, experiment);
  return { backend: backend.kind, experiment, layers, loss, ...scores, ms: performance.now() - start };
}
