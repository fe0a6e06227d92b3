/**
 * The WASM-SIMD engine: the Backend contract on the kernel module of src/wasm/assembly. One instance (one
 * linear memory) per backend; weights, inputs and targets come from src/engine/init.ts in float64 and are
 * uploaded rounded to float32. Runs in Node (CLI, bench, tests) and in a browser Worker alike: no DOM, no
 * fetch, the module is embedded.
 *
 * A step is: per layer, one GEMM z = h·W whose epilogue applies φ, stores φ′ (and the hybrid's ∂φ/∂k) and
 * sums the statistics; the loss kernel; per layer from the top, one GEMM g = δ·Wᵀ whose epilogue forms
 * δ = g ⊙ φ′ and ‖g‖², and one GEMM ∂W = hᵀ·δ whose epilogue sums ‖∂W‖² and applies SGD in place.
 */
import { ACTIVATION_CODE } from '../engine/activations';
import type { Backend, BackendKind, StepResult } from '../engine/backend';
import type { Experiment, LayerStats } from '../engine/experiment';
import { initBias, initWeights, makeInputs, makeTargets } from '../engine/init';
import { bestVariant, ensureMemory, instantiateKernels, MODE, simdSupported, STAT } from './kernels';
import type { KernelExports, KernelVariant } from './kernels';
import { MR, NR, planLayout } from './layout';
import type { Layout } from './layout';

/** True when this runtime can run the engine (WebAssembly with 128-bit SIMD, via WebAssembly.validate). */
export function wasmSimdSupported(): boolean {
  return simdSupported();
}

/** Options of the engine; by default the relaxed-SIMD (FMA) build is used wherever it validates. */
export interface WasmBackendOptions {
  readonly variant?: KernelVariant;
}

/** Forward statistics of one layer, before the backward pass fills in the gradients. */
interface ForwardStats {
  preMean: number;
  preVar: number;
  postMean: number;
  postVar: number;
  dead: number;
  saturated: number;
}

/** Mean and population variance from sums shifted by c: Σ(x − c), Σ(x − c)² over `count` values. */
function moments(c: number, s1: number, s2: number, count: number): [number, number] {
  const m = s1 / count;
  return [c + m, Math.max(0, s2 / count - m * m)];
}

/** The Backend on WebAssembly SIMD kernels (kind 'wasm'). */
export class WasmBackend implements Backend {
  readonly kind: BackendKind = 'wasm';
  /** The kernel build in use ('relaxed' = SIMD + FMA, 'simd' = plain SIMD), known after init. */
  variant: KernelVariant | undefined;
  private k: KernelExports | undefined;
  private exp: Experiment | undefined;
  private lay: Layout | undefined;
  private knobs = new Float64Array(0);
  private stats = new Float64Array(0);
  private alive = new Int32Array(0);
  private notSat = new Int32Array(0);

  constructor(private readonly options: WasmBackendOptions = {}) {}

  async init(experiment: Experiment): Promise<void> {
    if (!simdSupported()) throw new Error('wasm engine: this runtime has no WebAssembly SIMD');
    const variant = this.options.variant ?? bestVariant();
    const k = await instantiateKernels(variant);
    if (k.MR.value !== MR || k.NR.value !== NR) throw new Error('wasm engine: kernel tile shape mismatch');
    const lay = planLayout(experiment, k.heapBase(), k);
    ensureMemory(k.memory, lay.bytes);
    const buf = k.memory.buffer;
    const f32 = (at: number, len: number): Float32Array => new Float32Array(buf, at, len);
    const n = experiment.width;
    const act = experiment.batch * n;
    for (let l = 0; l < experiment.depth; l++) {
      f32(lay.w[l], n * n).set(initWeights(experiment, l + 1));
      if (lay.bias.length > 0) f32(lay.bias[l], n).set(initBias(experiment, l + 1));
    }
    f32(lay.h[0], act).set(makeInputs(experiment));
    f32(lay.y, act).set(makeTargets(experiment));
    this.stats = new Float64Array(buf, lay.stats, STAT.count);
    this.alive = new Int32Array(buf, lay.alive, n);
    this.notSat = new Int32Array(buf, lay.notSat, n);
    k.setBuffers(lay.stats, lay.stage);
    this.knobs = new Float64Array(experiment.depth).fill(experiment.knob);
    this.k = k;
    this.exp = experiment;
    this.lay = lay;
    this.variant = variant;
  }

  async step(options: { train: boolean }): Promise<StepResult> {
    return this.stepSync(options.train);
  }

  /** h_l of the last pass (a float32 copy), row-major [batch, width], for the activation histograms. */
  async postActivations(layer: number): Promise<Float32Array> {
    const { k, lay, exp } = this;
    if (!k || !lay || !exp) throw new Error('wasm engine: call init() and step() first');
    if (!(layer >= 1 && layer <= exp.depth)) throw new RangeError(`layer ${layer} is not in 1..${exp.depth}`);
    return new Float32Array(k.memory.buffer, lay.h[layer], exp.batch * exp.width).slice();
  }

  /** One forward and backward pass (and SGD update with `train`), synchronously: for Workers and benches. */
  stepSync(train: boolean): StepResult {
    const { k, exp, lay } = this.ready();
    const depth = exp.depth;
    const fwd: ForwardStats[] = [];
    for (let l = 1; l <= depth; l++) fwd.push(this.forward(l));
    const gradSq = new Float64Array(depth + 1);
    const knobGrad = new Float64Array(depth + 1);
    const weightSq = new Float64Array(depth + 1);

    const top = depth - 1;
    this.stats.fill(0);
    const kTop = lay.k.length > 0 ? lay.k[top] : 0;
    k.lossGrad(
      lay.h[depth],
      lay.y,
      lay.d[top],
      kTop,
      exp.batch * lay.n,
      exp.batch,
      exp.loss === 'probe' ? 1 : 0,
      lay.stats,
    );
    const loss = this.stats[STAT.loss];
    gradSq[depth] = this.stats[STAT.g2];
    knobGrad[depth] = this.stats[STAT.gk];

    for (let l = depth; l >= 1; l--) {
      if (l > 1) {
        // g_{l−1} = δ_l·W_lᵀ with the weights of this pass, before W_l's update below.
        this.stats.fill(0);
        k.setBackward(lay.d[l - 2], lay.k.length > 0 ? lay.k[l - 2] : 0, lay.n);
        this.gemm(MODE.backward, exp.batch, lay.n, lay.n, lay.d[l - 1], 0, lay.w[l - 1], 1);
        gradSq[l - 1] = this.stats[STAT.g2];
        knobGrad[l - 1] = this.stats[STAT.gk];
      }
      this.stats.fill(0);
      k.setWeight(lay.w[l - 1], lay.n, train ? exp.lr : 0);
      this.gemm(MODE.weight, lay.n, lay.n, exp.batch, lay.h[l - 1], 1, lay.d[l - 1], 0);
      weightSq[l] = this.stats[STAT.w2];
      if (train && lay.bias.length > 0)
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
    this.k = undefined;
    this.exp = undefined;
    this.lay = undefined;
    this.stats = new Float64Array(0);
    this.alive = new Int32Array(0);
    this.notSat = new Int32Array(0);
  }

  /** z_l = h_{l−1}·W_l (+ b_l), h_l = φ(z_l), φ′ stored, statistics of z_l and h_l. */
  private forward(l: number): ForwardStats {
    const { k, exp, lay } = this.ready();
    this.stats.fill(0);
    this.alive.fill(0);
    this.notSat.fill(0);
    k.setActivation(ACTIVATION_CODE[exp.act], exp.alpha, exp.lambda, exp.slope, this.knobs[l - 1]);
    const bias = lay.bias.length > 0 ? lay.bias[l - 1] : 0;
    const kk = lay.k.length > 0 ? lay.k[l - 1] : 0;
    k.setForward(lay.h[l], lay.d[l - 1], kk, lay.n, bias, lay.alive, lay.notSat);
    this.gemm(MODE.forward, exp.batch, lay.n, lay.n, lay.h[l - 1], 0, lay.w[l - 1], 0);
    const s = this.stats;
    const count = exp.batch * lay.n;
    const [preMean, preVar] = moments(s[STAT.cz], s[STAT.z1], s[STAT.z2], count);
    const [postMean, postVar] = moments(s[STAT.ch], s[STAT.h1], s[STAT.h2], count);
    let dead = 0;
    let saturated = 0;
    for (let j = 0; j < lay.n; j++) {
      if (this.alive[j] === 0) dead++;
      if (this.notSat[j] === 0) saturated++;
    }
    return { preMean, preVar, postMean, postVar, dead, saturated };
  }

  /** op(A)[m,kk]·op(B)[kk,n] with both operands stored with row stride n (every matrix here is width-wide). */
  private gemm(
    mode: number,
    m: number,
    n: number,
    kk: number,
    a: number,
    transA: number,
    b: number,
    transB: number,
  ) {
    const { k, lay } = this.ready();
    const lda = transA ? m : kk;
    const ldb = transB ? kk : n;
    k.gemm(mode, m, n, kk, a, lda, transA, b, ldb, transB, lay.packedA, lay.packedB, lay.partial, lay.tile);
  }

  private ready(): { k: KernelExports; exp: Experiment; lay: Layout } {
    if (!this.k || !this.exp || !this.lay)
      throw new Error('wasm engine: init() first (or used after dispose())');
    return { k: this.k, exp: this.exp, lay: this.lay };
  }
}
