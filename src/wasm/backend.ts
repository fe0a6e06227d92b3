/**
 * The WASM-SIMD engine: the Backend contract on the kernel module of src/wasm/assembly. One instance (one
 * linear memory) per backend; weights, inputs and targets come from src/engine/init.ts in float64 and are
 * uploaded rounded to float32. Runs in Node (CLI, bench, tests) and in a browser Worker alike: no DOM, no
 * fetch, the module is embedded.
 *
 * A step is (passes.ts): per layer, one GEMM z = h·W whose epilogue applies φ, stores φ′ (and the hybrid's
 * ∂φ/∂k) and sums the statistics; the loss; per layer from the top, one GEMM g = δ·Wᵀ whose epilogue forms
 * δ = g ⊙ φ′ and ‖g‖²; then per layer one GEMM ∂W = hᵀ·δ whose epilogue sums ‖∂W‖² and applies SGD in place
 * (after every g has used the weights of this pass), and the bias steps.
 *
 * With a data set (src/engine/data) the network is inputs → depth hidden layers → a linear read-out to the
 * classes, every layer with a bias; each step uploads its minibatch (x and one-hot y, data.ts) and the loss is
 * mse on the one-hot targets (the loss kernel) or softmax cross-entropy (data.ts, float64 on the float32
 * logits: [batch, classes] is tiny). logits() runs the forward path on scratch of its own (passes.ts).
 *
 * With kernel threads (threads.ts; cross-origin isolated pages and Node), each of these three passes is cut
 * into parts, one per thread (shares.ts): rows of the batch through every layer for the first two, whole
 * layers for ∂W; each part has its own scratch and statistics, merged here in a fixed order (so a given thread
 * count always gives the same numbers; the products themselves are identical to the single-thread ones, only
 * the float64 sums of the forward statistics and of ‖g‖² are added in another order).
 *
 * A network that does not fit the budget whole (src/engine/budget.ts checkpointPlan) keeps h only at the
 * boundaries of segments of ~√(depth/2) layers (activation checkpointing, issue 18): the backward pass
 * recomputes each segment from its checkpoint just before that segment's part of it (passes.ts
 * checkpointedBackward), with the forward pass's own jobs, so every number is bit-identical to the full path's;
 * memory then grows like √depth besides the weights. What fits is laid out and run exactly as before.
 *
 * The instance and its memory are kept between experiments; when only the activation, the learning rate or
 * `steps` changed and no training step has run since, the weights, inputs and targets already in memory are
 * the ones init() would upload again, and are kept (moving α costs no upload).
 */
import type { Backend, BackendKind, StatsNeed, StepOptions, StepResult } from '../engine/backend';
import type { Experiment, LayerStats } from '../engine/experiment';
import { initBias, initReadout, makeInputs, makeTargets, writeWeights } from '../engine/init';
import { DataFeed, dataLoss } from './data';
import { segmentFor, uploadKey } from './init-plan';
import {
  bestVariant,
  ensureMemory,
  instantiateKernels,
  instantiateSharedKernels,
  kernelModule,
  sharedKernelMemory,
  simdSupported,
  STAT,
} from './kernels';
import type { KernelExports, KernelVariant } from './kernels';
import { checkpointed, MR, NR, planLayout, segmentCount, segmentLayers, statsOf } from './layout';
import type { Layout } from './layout';
import {
  biasSteps,
  checkpointedBackward,
  drain,
  forwardPass,
  gradientPass,
  layersFrom,
  logitsPass,
  recomputeSegment,
  stepProducts,
  weightPass,
  type PassContext,
  type Runs,
} from './passes';
import { Shares } from './shares';
import { CONTROL_BYTES, KernelThreads, type SpawnThread } from './threads';

/** True when this runtime can run the engine (WebAssembly with 128-bit SIMD, via WebAssembly.validate). */
export function wasmSimdSupported(): boolean {
  return simdSupported();
}

/** Kernel threads besides the engine's own (needs SharedArrayBuffer and a way to start threads). */
export interface WasmThreadOptions {
  readonly count: number;
  readonly spawn: SpawnThread;
}

/** Options of the engine; by default the relaxed-SIMD (FMA) build is used wherever it validates. */
export interface WasmBackendOptions {
  readonly variant?: KernelVariant;
  readonly threads?: WasmThreadOptions;
  /**
   * Hidden layers per checkpointed segment whatever fits (tests, benchmarks); a depth or more keeps every
   * layer. Default: checkpointPlan('wasm', experiment) (src/engine/budget.ts), i.e. every layer when that fits
   * the budget, else the segment length with the least memory.
   */
  readonly checkpointSegment?: number;
  /** Multiply-adds between two onProgress calls of a step (default PROGRESS_WORK; tests make it small). */
  readonly progressWork?: number;
}

/** Multiply-adds of work between two progress calls: ~0.1–0.3 s on one core of a 2024 laptop. */
const PROGRESS_WORK = 2 ** 30;

/** Memory kept for a smaller experiment before a fresh instance is made (bytes). */
const KEEP_MEMORY_BYTES = 256 * 2 ** 20;

/** The Backend on WebAssembly SIMD kernels (kind 'wasm'). */
export class WasmBackend implements Backend {
  readonly kind: BackendKind = 'wasm';
  /** The kernel build in use ('relaxed' = SIMD + FMA, 'simd' = plain SIMD), known after init. */
  variant: KernelVariant | undefined;
  /** Why the kernel threads asked for are not running (null when they run or none were asked for). */
  threadsUnavailable: string | null = null;
  private k: KernelExports | undefined;
  private threads: KernelThreads | undefined;
  /** First byte of the experiment's buffers (after the threads' control blocks). */
  private base = 0;
  private exp: Experiment | undefined;
  private lay: Layout | undefined;
  private shares: Shares | undefined;
  /** uploadKey() of what memory holds, while no training step has changed it since; else ''. */
  private uploaded = '';
  private knobs = new Float64Array(0);
  /** Data sets: the minibatch of each step; null without. */
  private feed: DataFeed | null = null;
  /** Training steps since init: the next pass trains on minibatch `trained`. */
  private trained = 0;
  /**
   * Checkpointed layouts: the segment whose h the working buffers hold (-1: none), and whether the weights
   * changed since the pass whose checkpoints memory holds (postActivations).
   */
  private heldSegment = -1;
  private checkpointsStale = false;

  constructor(private readonly options: WasmBackendOptions = {}) {}

  /** CPU threads the products run on: the engine's own and its kernel threads. */
  get threadCount(): number {
    return 1 + (this.threads?.count ?? 0);
  }

  /** Hidden layers per checkpointed segment of the experiment (its depth: every layer kept), after init. */
  get checkpointSegment(): number | undefined {
    return this.lay?.segment;
  }

  /** Bytes of the engine's linear memory (what it holds for the experiment, and at least the layout's). */
  get peakBytes(): number {
    return this.k?.memory.buffer.byteLength ?? 0;
  }

  /** Bytes the experiment's layout uses in linear memory (after init). */
  get layoutBytes(): number | undefined {
    return this.lay?.bytes;
  }

  /**
   * Plans the memory, uploads the seeded weights and biases (and, without a data set, the inputs and
   * targets) rounded to float32, unless memory already holds them, and loads the data set's minibatch feed.
   */
  async init(experiment: Experiment): Promise<void> {
    if (!simdSupported()) throw new Error('wasm engine: this runtime has no WebAssembly SIMD');
    const variant = this.options.variant ?? bestVariant();
    const feed = experiment.data === 'none' ? null : await DataFeed.load(experiment);
    const segment = segmentFor(experiment, this.options.checkpointSegment);
    if (this.k && this.variant === variant) {
      const lay = planLayout(experiment, this.base, this.k, this.threadCount, segment);
      if (this.k.memory.buffer.byteLength > Math.max(4 * lay.bytes, KEEP_MEMORY_BYTES)) this.release();
    }
    if (!this.k || this.variant !== variant) await this.instantiate(variant);
    const k = this.k as KernelExports;
    const lay = planLayout(experiment, this.base, k, this.threadCount, segment);
    if (k.MR.value !== MR || k.NR.value !== NR) throw new Error('wasm engine: kernel tile shape mismatch');
    ensureMemory(k.memory, lay.bytes);
    // The segment moves the targets (and the buffers after the weights): part of what memory holds.
    const key = `${uploadKey(experiment)}/${lay.segment}`;
    if (key !== this.uploaded) {
      this.uploaded = '';
      this.upload(k, experiment, lay);
    }
    this.uploaded = key;
    this.knobs = new Float64Array(experiment.depth).fill(experiment.knob);
    this.exp = experiment;
    this.lay = lay;
    this.shares = new Shares(k, lay.parts, this.threads, lay.layers, lay.nPad);
    this.feed = feed;
    this.trained = 0;
    this.heldSegment = -1;
    this.checkpointsStale = false;
  }

  /**
   * With `onProgress`, a step of more than `progressWork` multiply-adds runs in pieces of about that much work
   * (passes.ts runChunked), awaiting onProgress(products done, products of the step) after each: the caller
   * may yield to its event loop there, or throw to abandon the step (the next init() replaces everything; a
   * training step may have updated some weights already). Smaller steps run whole, without calls. The numbers
   * are the same either way.
   */
  async step(options: StepOptions): Promise<StepResult> {
    const { onProgress } = options;
    const { exp, lay } = this.ready();
    const product = exp.batch * exp.width * exp.width;
    const limit = this.options.progressWork ?? PROGRESS_WORK;
    const need = options.train ? 'all' : (options.need ?? 'all');
    const total = stepProducts(lay, need);
    if (!onProgress || product * total <= limit)
      return drain(this.stepRuns(options.train, options.onForward, Infinity, need));
    const runs = this.stepRuns(
      options.train,
      options.onForward,
      Math.max(1, Math.floor(limit / product)),
      need,
    );
    let done = 0;
    for (let next = runs.next(); ; next = runs.next()) {
      if (next.done) return next.value;
      done += next.value;
      await onProgress(done, total);
    }
  }

  /**
   * h_l of the last pass (a float32 copy), row-major [batch, width], for the activation histograms.
   * Checkpointed layouts keep h only at segment boundaries: the other layers' are recomputed from the
   * checkpoint below them (their segment at once; bit-identical to the pass's own when that pass did not
   * train). After a training pass the weights that made them are gone: the first read then runs the forward
   * pass again on the same inputs with the updated weights, and every layer read until the next step is of
   * that pass (one update later than the pass's own, which the full layout returns).
   */
  async postActivations(layer: number): Promise<Float32Array> {
    const { k, lay, exp } = this.ready();
    if (!(layer >= 1 && layer <= exp.depth)) throw new RangeError(`layer ${layer} is not in 1..${exp.depth}`);
    if (checkpointed(lay)) this.holdActivations(layer);
    return new Float32Array(k.memory.buffer, lay.h[layer], exp.batch * exp.width).slice();
  }

  /** Checkpointed layouts: makes memory hold h_layer (see postActivations). */
  private holdActivations(layer: number): void {
    const { lay } = this.ready();
    const ctx = this.context();
    if (this.checkpointsStale) {
      drain(forwardPass(ctx));
      this.checkpointsStale = false;
      this.heldSegment = segmentCount(lay) - 1;
    }
    const j = Math.floor((layer - 1) / lay.segment);
    const [, last] = segmentLayers(lay, j);
    if (layer === last || j === this.heldSegment) return;
    recomputeSegment(ctx, j);
    this.heldSegment = j;
  }

  /**
   * Data sets: the outputs for `count` standardised inputs (row-major [count, features]) with the current
   * parameters, float32 [count, classes]; h_l and the last pass's statistics stay as they were.
   */
  async logits(inputs: Float64Array, count: number): Promise<Float32Array> {
    const { k } = this.ready();
    return logitsPass(this.context(), k.memory, inputs, count);
  }

  /** One forward and backward pass (and SGD update with `train`), synchronously: for Workers and benches. */
  stepSync(train: boolean, onForward?: StepOptions['onForward']): StepResult {
    return drain(this.stepRuns(train, onForward, Infinity));
  }

  /** A step as runs of at most `chunk` jobs per part (passes.ts), yielding the layer products of each. */
  private *stepRuns(
    train: boolean,
    onForward: StepOptions['onForward'],
    chunk: number,
    need: StatsNeed = 'all',
  ): Runs<StepResult> {
    const { k, exp, lay, shares } = this.ready();
    const ctx = this.context();
    if (train) this.uploaded = '';
    this.feed?.upload(k.memory, lay, this.trained);
    const depth = exp.depth;
    const fwd = yield* forwardPass(ctx, chunk);
    onForward?.(fwd.map((f, i) => ({ layer: i + 1, ...f })));
    const gradSq = new Float64Array(lay.layers + 1);
    const knobGrad = new Float64Array(lay.layers + 1);

    const stats = shares.stats(0, 0);
    stats.fill(0);
    let loss: number;
    if (this.feed) {
      loss = dataLoss(k, exp, lay, statsOf(lay.parts[0], 0));
    } else {
      const top = depth - 1;
      k.lossGrad(
        lay.h[depth],
        lay.y,
        lay.d[top],
        lay.k.length > 0 ? lay.k[top] : 0,
        exp.batch * lay.n,
        exp.batch,
        exp.loss === 'probe' ? 1 : 0,
        statsOf(lay.parts[0], 0),
      );
      loss = stats[STAT.loss];
      gradSq[depth] = stats[STAT.g2];
      knobGrad[depth] = stats[STAT.gk];
    }

    // g_{l−1} = δ_l·W_lᵀ with the weights of this pass, before any update by the ∂W pass that follows (with a
    // read-out, this pass also gives ‖∂loss/∂h_L‖ through it). Checkpointed: the same products, segment by
    // segment from the top, each recomputed from its checkpoint first.
    let weightSq: Float64Array;
    if (need !== 'all' && !checkpointed(lay)) {
      // A pass that does not train, for a caller that needs no ∂W (or no gradients at all): NaN for what is skipped.
      weightSq = new Float64Array(lay.layers + 1).fill(NaN);
      if (need === 'gradients') yield* gradientPass(ctx, gradSq, knobGrad, chunk);
      else {
        gradSq.fill(NaN);
        knobGrad.fill(NaN);
      }
    } else if (checkpointed(lay)) {
      weightSq = yield* checkpointedBackward(ctx, k, train, gradSq, knobGrad, chunk);
      this.heldSegment = 0;
      this.checkpointsStale = train;
    } else {
      yield* gradientPass(ctx, gradSq, knobGrad, chunk);
      weightSq = yield* weightPass(ctx, train ? exp.lr : 0, chunk);
      if (train) biasSteps(ctx, k, layersFrom(1, lay.layers).reverse(), exp.lr);
    }

    const hybrid = exp.act === 'hybrid';
    const layers: LayerStats[] = fwd.map((f, i) => {
      const l = i + 1;
      const base = { layer: l, ...f, gradNorm: Math.sqrt(gradSq[l]), weightGradNorm: Math.sqrt(weightSq[l]) };
      return hybrid ? { ...base, knob: this.knobs[i], knobGrad: knobGrad[l] } : base;
    });
    if (train && hybrid) {
      for (let i = 0; i < depth; i++)
        this.knobs[i] = Math.min(1, Math.max(0, this.knobs[i] - exp.lr * knobGrad[i + 1]));
    }
    if (train) this.trained++;
    return { layers, loss };
  }

  dispose(): void {
    this.release();
    this.exp = undefined;
    this.lay = undefined;
    this.shares = undefined;
    this.feed = null;
  }

  /** Ends the threads and drops the instance and its memory. */
  private release(): void {
    this.threads?.stop();
    this.threads = undefined;
    this.k = undefined;
    this.uploaded = '';
  }

  /** A fresh instance: on a shared memory with kernel threads when asked for and possible, else alone. */
  private async instantiate(variant: KernelVariant): Promise<void> {
    this.release();
    this.variant = variant;
    const wanted = this.options.threads;
    if (wanted && wanted.count > 0) {
      try {
        const module = await kernelModule(variant, true);
        const memory = sharedKernelMemory();
        const k = await instantiateSharedKernels(module, memory);
        const base = k.heapBase();
        this.threads = await KernelThreads.start(wanted.count, wanted.spawn, module, memory, base);
        this.k = k;
        this.base = base + wanted.count * CONTROL_BYTES;
        this.threadsUnavailable = null;
        return;
      } catch (error) {
        this.threadsUnavailable = error instanceof Error ? error.message : String(error);
      }
    }
    this.k = await instantiateKernels(variant);
    this.base = this.k.heapBase();
  }

  /**
   * Writes the seeded weights and biases of every layer (the read-out's: initReadout, bias 0) and, without a
   * data set, the inputs and targets into `lay`'s buffers, rounded to float32; bias padding is zeroed.
   */
  private upload(k: KernelExports, exp: Experiment, lay: Layout): void {
    const buf = k.memory.buffer;
    const f32 = (at: number, len: number): Float32Array => new Float32Array(buf, at, len);
    for (let l = 1; l <= lay.layers; l++) {
      const [fanIn, fanOut] = [lay.widths[l - 1], lay.widths[l]];
      const w = f32(lay.w[l - 1], fanIn * fanOut);
      if (l <= exp.depth) writeWeights(exp, l, w);
      else w.set(initReadout(exp));
      if (lay.bias.length > 0) {
        f32(lay.bias[l - 1], Math.ceil(fanOut / NR) * NR).fill(0);
        if (l <= exp.depth) f32(lay.bias[l - 1], fanOut).set(initBias(exp, l));
      }
    }
    if (exp.data !== 'none') return;
    const act = exp.batch * exp.width;
    f32(lay.h[0], act).set(makeInputs(exp));
    f32(lay.y, act).set(makeTargets(exp));
  }

  private context(): PassContext {
    const { exp, lay, shares } = this.ready();
    return { exp, lay, shares, knobs: this.knobs };
  }

  private ready(): { k: KernelExports; exp: Experiment; lay: Layout; shares: Shares } {
    if (!this.k || !this.exp || !this.lay || !this.shares)
      throw new Error('wasm engine: init() first (or used after dispose())');
    return { k: this.k, exp: this.exp, lay: this.lay, shares: this.shares };
  }
}
