/**
 * The WASM-SIMD engine: the Backend contract on the kernel module of src/wasm/assembly. One instance (one
 * linear memory) per backend; weights, inputs and targets come from src/engine/init.ts in float64 and are
 * uploaded rounded to float32. Runs in Node (CLI, bench, tests) and in a browser Worker alike: no DOM, no
 * fetch, the module is embedded.
 *
 * A step is: per layer, one GEMM z = h·W whose epilogue applies φ, stores φ′ (and the hybrid's ∂φ/∂k) and
 * sums the statistics; the loss kernel; per layer from the top, one GEMM g = δ·Wᵀ whose epilogue forms
 * δ = g ⊙ φ′ and ‖g‖²; then per layer one GEMM ∂W = hᵀ·δ whose epilogue sums ‖∂W‖² and applies SGD in place
 * (after every g has used the weights of this pass).
 *
 * With kernel threads (threads.ts; cross-origin isolated pages and Node), each of these three passes is cut
 * into parts, one per thread (shares.ts): rows of the batch through every layer for the first two, whole
 * layers for ∂W; each part has its own scratch and statistics, merged here in a fixed order (so a given thread
 * count always gives the same numbers; the products themselves are identical to the single-thread ones, only
 * the float64 sums of the forward statistics and of ‖g‖² are added in another order).
 *
 * The instance and its memory are kept between experiments; when only the activation, the learning rate or
 * `steps` changed and no training step has run since, the weights, inputs and targets already in memory are
 * the ones init() would upload again, and are kept (moving α costs no upload).
 */
import { ACTIVATION_CODE } from '../engine/activations';
import type { Backend, BackendKind, StepOptions, StepResult } from '../engine/backend';
import type { Experiment, LayerStats } from '../engine/experiment';
import { initBias, initWeights, makeInputs, makeTargets } from '../engine/init';
import {
  bestVariant,
  ensureMemory,
  instantiateKernels,
  instantiateSharedKernels,
  kernelModule,
  MODE,
  sharedKernelMemory,
  simdSupported,
  STAT,
} from './kernels';
import type { KernelExports, KernelVariant } from './kernels';
import { maskOf, MR, NR, planLayout, statsOf } from './layout';
import type { Layout } from './layout';
import { Shares, shareJob, type ForwardStats } from './shares';
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
}

/** Everything init() uploads is determined by these keys (src/engine/init.ts) and the memory layout. */
function uploadKey(exp: Experiment): string {
  const { depth, width, batch, init, dist, sw, sb, in_mean, in_std, seed, tied, nonneg } = exp;
  const hybrid = exp.act === 'hybrid';
  return JSON.stringify([
    depth,
    width,
    batch,
    init,
    dist,
    sw,
    sb,
    in_mean,
    in_std,
    seed,
    tied,
    nonneg,
    hybrid,
  ]);
}

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

  constructor(private readonly options: WasmBackendOptions = {}) {}

  /** CPU threads the products run on: the engine's own and its kernel threads. */
  get threadCount(): number {
    return 1 + (this.threads?.count ?? 0);
  }

  async init(experiment: Experiment): Promise<void> {
    if (!simdSupported()) throw new Error('wasm engine: this runtime has no WebAssembly SIMD');
    const variant = this.options.variant ?? bestVariant();
    if (this.k && this.variant === variant) {
      const lay = planLayout(experiment, this.base, this.k, this.threadCount);
      if (this.k.memory.buffer.byteLength > Math.max(4 * lay.bytes, KEEP_MEMORY_BYTES)) this.release();
    }
    if (!this.k || this.variant !== variant) await this.instantiate(variant);
    const k = this.k as KernelExports;
    const lay = planLayout(experiment, this.base, k, this.threadCount);
    if (k.MR.value !== MR || k.NR.value !== NR) throw new Error('wasm engine: kernel tile shape mismatch');
    ensureMemory(k.memory, lay.bytes);
    const key = uploadKey(experiment);
    if (key !== this.uploaded) {
      this.uploaded = '';
      const buf = k.memory.buffer;
      const f32 = (at: number, len: number): Float32Array => new Float32Array(buf, at, len);
      const n = experiment.width;
      const act = experiment.batch * n;
      for (let l = 0; l < experiment.depth; l++) {
        f32(lay.w[l], n * n).set(initWeights(experiment, l + 1));
        if (lay.bias.length > 0) {
          f32(lay.bias[l], Math.ceil(n / NR) * NR).fill(0);
          f32(lay.bias[l], n).set(initBias(experiment, l + 1));
        }
      }
      f32(lay.h[0], act).set(makeInputs(experiment));
      f32(lay.y, act).set(makeTargets(experiment));
    }
    this.uploaded = key;
    this.knobs = new Float64Array(experiment.depth).fill(experiment.knob);
    this.exp = experiment;
    this.lay = lay;
    this.shares = new Shares(k, lay.parts, this.threads, experiment.depth, lay.nPad);
  }

  async step(options: StepOptions): Promise<StepResult> {
    return this.stepSync(options.train, options.onForward);
  }

  /** h_l of the last pass (a float32 copy), row-major [batch, width], for the activation histograms. */
  async postActivations(layer: number): Promise<Float32Array> {
    const { k, lay, exp } = this;
    if (!k || !lay || !exp) throw new Error('wasm engine: call init() and step() first');
    if (!(layer >= 1 && layer <= exp.depth)) throw new RangeError(`layer ${layer} is not in 1..${exp.depth}`);
    return new Float32Array(k.memory.buffer, lay.h[layer], exp.batch * exp.width).slice();
  }

  /** One forward and backward pass (and SGD update with `train`), synchronously: for Workers and benches. */
  stepSync(train: boolean, onForward?: StepOptions['onForward']): StepResult {
    const { k, exp, lay, shares } = this.ready();
    if (train) this.uploaded = '';
    const depth = exp.depth;
    const fwd = this.forwardPass();
    onForward?.(fwd.map((f, i) => ({ layer: i + 1, ...f })));
    const gradSq = new Float64Array(depth + 1);
    const knobGrad = new Float64Array(depth + 1);

    const top = depth - 1;
    const stats = shares.stats(0, 0);
    stats.fill(0);
    const kTop = lay.k.length > 0 ? lay.k[top] : 0;
    k.lossGrad(
      lay.h[depth],
      lay.y,
      lay.d[top],
      kTop,
      exp.batch * lay.n,
      exp.batch,
      exp.loss === 'probe' ? 1 : 0,
      statsOf(lay.parts[0], 0),
    );
    const loss = stats[STAT.loss];
    gradSq[depth] = stats[STAT.g2];
    knobGrad[depth] = stats[STAT.gk];

    // g_{l−1} = δ_l·W_lᵀ with the weights of this pass, before any update by the ∂W pass that follows.
    this.gradientPass(gradSq, knobGrad);
    const weightSq = this.weightPass(train ? exp.lr : 0);
    if (train && lay.bias.length > 0) {
      for (let l = depth; l >= 1; l--)
        k.biasStep(lay.d[l - 1], exp.batch, lay.n, lay.bias[l - 1], exp.lr, lay.sums);
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
    return { layers, loss };
  }

  dispose(): void {
    this.release();
    this.exp = undefined;
    this.lay = undefined;
    this.shares = undefined;
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
   * Every layer's z_l = h_{l−1}·W_l (+ b_l), h_l = φ(z_l), φ′ stored, and the statistics of z_l and h_l; each
   * part takes its rows of the batch through all layers.
   */
  private forwardPass(): ForwardStats[] {
    const { exp, lay, shares } = this.ready();
    const n = lay.n;
    shares.clear(true);
    const bias = (l: number) => (lay.bias.length > 0 ? lay.bias[l - 1] : 0);
    const derivK = (l: number) => (lay.k.length > 0 ? lay.k[l - 1] : 0);
    const code = ACTIVATION_CODE[exp.act];
    shares.run(
      shares.byRows(exp.batch, n, (part, rows, off) =>
        layersFrom(1, exp.depth).map((l) =>
          shareJob(
            MODE.forward,
            part,
            statsOf(part, l),
            [
              lay.h[l] + off,
              lay.d[l - 1] + off,
              derivK(l) ? derivK(l) + off : 0,
              n,
              bias(l),
              maskOf(part.alive, l, lay.nPad),
              maskOf(part.notSat, l, lay.nPad),
            ],
            [rows, n, n, lay.h[l - 1] + off, n, 0, lay.w[l - 1], n, 0],
            [code, exp.alpha, exp.lambda, exp.slope, this.knobs[l - 1]],
          ),
        ),
      ),
    );
    return layersFrom(1, exp.depth).map((l) => shares.mergeForward(l, exp.batch, n));
  }

  /**
   * g_{l−1} = δ_l·W_lᵀ and δ_{l−1} = g ⊙ φ′ in place, from the top layer down (δ_L is the loss kernel's); each
   * part takes its rows through all layers. Fills gradSq[l − 1] = Σg², knobGrad[l − 1] = Σg·∂φ/∂k.
   */
  private gradientPass(gradSq: Float64Array, knobGrad: Float64Array): void {
    const { exp, lay, shares } = this.ready();
    const n = lay.n;
    shares.clear(false);
    shares.run(
      shares.byRows(exp.batch, n, (part, rows, off) =>
        layersFrom(2, exp.depth)
          .reverse()
          .map((l) => {
            const kk = lay.k.length > 0 ? lay.k[l - 2] : 0;
            return shareJob(
              MODE.backward,
              part,
              statsOf(part, l - 1),
              [lay.d[l - 2] + off, kk ? kk + off : 0, n],
              [rows, n, n, lay.d[l - 1] + off, n, 0, lay.w[l - 1], n, 1],
            );
          }),
      ),
    );
    for (let l = 1; l < exp.depth; l++) [gradSq[l], knobGrad[l]] = shares.sum(l, [STAT.g2, STAT.gk]);
  }

  /**
   * ∂W_l = h_{l−1}ᵀ·δ_l for every layer, and W_l −= lr·∂W_l (lr 0: no update); each product whole in one part
   * (layers dealt out in turn). Returns Σ(∂W_l)² at index l.
   */
  private weightPass(lr: number): Float64Array {
    const { exp, lay, shares } = this.ready();
    const n = lay.n;
    const count = shares.parts.length;
    shares.clear(false);
    shares.run(
      shares.parts.map((part, p) =>
        layersFrom(1, exp.depth)
          .filter((l) => (l - 1) % count === p)
          .map((l) =>
            shareJob(
              MODE.weight,
              part,
              statsOf(part, l),
              [lay.w[l - 1], n, lr],
              [n, n, lay.batch, lay.h[l - 1], n, 1, lay.d[l - 1], n, 0],
            ),
          ),
      ),
    );
    const weightSq = new Float64Array(exp.depth + 1);
    for (let l = 1; l <= exp.depth; l++) weightSq[l] = shares.sum(l, [STAT.w2])[0];
    return weightSq;
  }

  private ready(): { k: KernelExports; exp: Experiment; lay: Layout; shares: Shares } {
    if (!this.k || !this.exp || !this.lay || !this.shares)
      throw new Error('wasm engine: init() first (or used after dispose())');
    return { k: this.k, exp: this.exp, lay: this.lay, shares: this.shares };
  }
}

/** Layers first..last, in order. */
function layersFrom(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
