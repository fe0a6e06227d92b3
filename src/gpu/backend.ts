/**
 * The WebGPU engine behind the Backend interface (kind 'webgpu'), and `probeWebGpu()` for createBackend().
 * Works on the main thread and in a dedicated Worker.
 *
 * `step()` is exact: it returns the statistics of its own pass, so it awaits that pass's readback.
 * `stepStreaming()` is the UI's mode: it submits a step and returns the statistics of the previous one,
 * one frame late, so the GPU never waits for the page. Data-set experiments (network.ts: a linear read-out,
 * a minibatch per step) add `logits()`, a forward pass over any data points with the current weights.
 *
 * Device loss: when the device is lost (driver reset, `destroy()`), the next step recreates the device,
 * rebuilds the network from the seed and replays the training steps done so far (deterministic: the same
 * kernels in the same order), then carries on. If that fails, the step throws a GpuError saying why, and the
 * caller falls back to WASM.
 */
import type { Backend, KernelProfile, MeasureManyOptions, StepOptions, StepResult } from '../engine/backend';
import type { Experiment } from '../engine/experiment';
import { GpuMemoryError, defaultCore, type WebGpuBackendOptions } from './backend-options';
import { GpuError, createGpuContext, type GpuContext } from './device';
import { estimateMemory, DEFAULT_MEMORY_BUDGET } from './memory';
import type { MatmulCore } from './kernels/kernel';
import { GpuNetwork } from './network';
import { PipelineCache } from './pipelines';
import { BufferPool } from './pool';
import { profileStep, type StepProfile } from './profile';
import { ReadbackRing } from './readback';
import { measureManyOnGpu } from './sweep/measure';
import { ProgressStopped, submitStep } from './step-plan';

export { probeWebGpu, type WebGpuProbe } from './probe';
export {
  GpuMemoryError,
  defaultCore,
  type DeviceLossReport,
  type WebGpuBackendOptions,
} from './backend-options';

interface Live {
  ctx: GpuContext;
  cache: PipelineCache;
  pool: BufferPool;
  net: GpuNetwork | null;
  ring: ReadbackRing | null;
}

/** WebGPU Backend: fused WGSL kernels, one command buffer per step. */
export class WebGpuBackend implements Backend {
  readonly kind = 'webgpu' as const;
  private live: Live | null = null;
  private exp: Experiment | null = null;
  /** Training steps submitted since init (replayed after a device loss). */
  private trained = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private previous: Promise<StepResult> | null = null;
  private disposed = false;
  /** Device losses recovered from since construction. */
  recoveries = 0;
  /** The forced segment length (options.checkpointSegment, setCheckpointSegment), if any. */
  private forcedSegment: number | undefined;
  /** The one the current experiment was built with (a recovery rebuilds with it). */
  private builtSegment: number | undefined;

  constructor(private readonly options: WebGpuBackendOptions = {}) {
    this.forcedSegment = options.checkpointSegment;
  }

  /**
   * Forces activation checkpointing in segments of `segment` layers from the next init() on (undefined: back
   * to the default), like options.checkpointSegment: one device, its compiled pipelines reused (tests).
   */
  setCheckpointSegment(segment: number | undefined): void {
    this.forcedSegment = segment;
  }

  /** Runs `task` after every earlier call has settled (steps must not interleave). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async context(): Promise<Live> {
    if (this.live && !this.live.ctx.lost) return this.live;
    const ctx = await createGpuContext();
    this.live = {
      ctx,
      cache: new PipelineCache(ctx.device),
      pool: new BufferPool(ctx.device),
      net: null,
      ring: null,
    };
    return this.live;
  }

  /**
   * Allocates the experiment on the device, replacing the previous one; throws GpuMemoryError if it does not
   * fit (then `step` throws until an init succeeds).
   */
  init(experiment: Experiment): Promise<void> {
    if (this.disposed) return Promise.reject(new GpuError('WebGpuBackend: disposed'));
    return this.serial(async () => {
      this.exp = null;
      this.trained = 0;
      this.previous = null;
      const live = await this.context();
      dropNetwork(live);
      this.builtSegment = this.forcedSegment;
      await this.build(live, experiment);
      this.exp = experiment;
    });
  }

  private async build(live: Live, exp: Experiment): Promise<void> {
    const { device } = live.ctx;
    const core = this.options.matmul ?? defaultCore(live.ctx);
    const budget = this.options.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
    const estimate = estimateMemory(exp, device.limits, budget, core, this.builtSegment);
    if (!estimate.fits) throw new GpuMemoryError(estimate.reason);
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    let net: GpuNetwork | null = null;
    let failure: unknown = null;
    try {
      net = await GpuNetwork.create(live.ctx, live.cache, live.pool, exp, estimate.layout, core);
    } catch (e) {
      failure = e;
    }
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    if (failure || validation || oom) {
      net?.release();
      live.pool.trim();
      if (failure) throw failure;
      if (oom) throw new GpuMemoryError(`Out of GPU memory allocating the network: ${oom.message}`);
      throw new GpuError(`WebGPU validation error while building the network: ${validation?.message}`);
    }
    live.net = net;
    live.ring = new ReadbackRing(device, estimate.layout.statsBytes);
  }

  /** Recreates the device and replays the experiment's training steps (see the file comment). */
  private async recover(): Promise<Live> {
    const lost = this.live?.ctx.lost;
    const reason = lost?.reason ?? 'unknown';
    const message = lost?.message ?? '';
    this.live = null;
    this.previous = null;
    try {
      if (this.disposed) throw new GpuError('WebGpuBackend: disposed');
      const exp = this.exp;
      if (!exp) throw new GpuError('WebGpuBackend: init() was never called');
      const live = await this.context();
      await this.build(live, exp);
      const net = live.net!;
      for (let i = 0; i < this.trained; i++) live.ctx.device.queue.submit([net.encodeStep(true)]);
      await live.ctx.device.queue.onSubmittedWorkDone();
      this.recoveries++;
      this.options.onDeviceLost?.({ reason, message, recovered: true });
      return live;
    } catch (e) {
      const error = (e as Error).message;
      this.options.onDeviceLost?.({ reason, message, recovered: false, error });
      throw new GpuError(`WebGPU device lost (${reason}: ${message}) and recovery failed: ${error}`);
    }
  }

  /** Whether the current device is (or within a moment turns out to be) lost. */
  private async isLost(): Promise<boolean> {
    const ctx = this.live?.ctx;
    if (!ctx) return false;
    if (ctx.lost) return true;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000));
    return Promise.race([ctx.lostPromise.then(() => true), timeout]);
  }

  /** A network on a live device, recovering from a loss first if needed. */
  private async ready(): Promise<{ live: Live; net: GpuNetwork; ring: ReadbackRing }> {
    if (this.disposed) throw new GpuError('WebGpuBackend: disposed');
    if (!this.exp) throw new GpuError('WebGpuBackend.step: call init() first (or it failed)');
    // No live device here means an earlier recovery failed: try again.
    const live = !this.live || this.live.ctx.lost ? await this.recover() : this.live;
    if (!live.net || !live.ring) throw new GpuError('WebGpuBackend.step: call init() first');
    return { live, net: live.net, ring: live.ring };
  }

  /**
   * Encodes and submits one step; resolves with its statistics once they are read back. With `onProgress`, a
   * big step goes in pieces (step-plan.ts submitStep); a throw from onProgress rejects with ProgressStopped.
   */
  private async submit(
    train: boolean,
    onProgress?: StepOptions['onProgress'],
  ): Promise<{ result: Promise<StepResult> }> {
    const { live, net, ring } = await this.ready();
    const slot = await ring.reserve();
    const { device } = live.ctx;
    device.pushErrorScope('validation');
    try {
      await submitStep(device.queue, net, train, ring, slot, onProgress, this.options.progressWork);
    } catch (error) {
      void device.popErrorScope().catch(() => undefined);
      throw error;
    }
    const scope = device.popErrorScope();
    if (train) this.trained++;
    const data = ring.read(slot);
    const result = Promise.all([scope, data]).then(([error, stats]) => {
      if (error) throw new GpuError(`WebGPU validation error in a step: ${error.message}`);
      return net.decode(stats);
    });
    return { result };
  }

  /**
   * One exact step: the statistics and loss of this pass (before its update). See Backend.step; onProgress
   * only for steps of more than PROGRESS_WORK multiply-adds (step-plan.ts).
   */
  step(options: StepOptions): Promise<StepResult> {
    return this.serial(async () => {
      const trainedBefore = this.trained;
      try {
        return await (
          await this.submit(options.train, options.onProgress)
        ).result;
      } catch (e) {
        if (e instanceof ProgressStopped) throw e.cause;
        if (this.disposed || !(await this.isLost())) throw e;
        this.trained = trainedBefore;
        await this.recover();
        return await (
          await this.submit(options.train, options.onProgress)
        ).result;
      }
    });
  }

  /**
   * Many experiments measured at once (Backend.measureMany): untrained cells of one shape batched into the same
   * dispatches, the others one by one through init/step (src/gpu/sweep/). Holds no experiment afterwards.
   */
  measureMany(experiments: readonly Experiment[], options: MeasureManyOptions): Promise<void> {
    if (this.disposed) return Promise.reject(new GpuError('WebGpuBackend: disposed'));
    return measureManyOnGpu(
      {
        budget: this.options.memoryBudget ?? DEFAULT_MEMORY_BUDGET,
        exclusive: (task) =>
          this.serial(async () => {
            this.exp = null;
            this.previous = null;
            const live = await this.context();
            dropNetwork(live);
            const core = this.options.matmul ?? defaultCore(live.ctx);
            return task({ ctx: live.ctx, cache: live.cache, pool: live.pool, core });
          }),
        single: async (e) => {
          await this.init(e);
          for (let i = 0; i < e.steps; i++) await this.step({ train: true });
          return this.step({ train: false });
        },
      },
      experiments,
      options,
    );
  }

  /** Per-kernel GPU times of one measured pass (no update), for the timing view. */
  async profileKernels(): Promise<KernelProfile> {
    const { kernels, totalMs } = await this.profileStep({ train: false });
    return { kernels, totalMs };
  }

  /**
   * h_l of the last pass (padding removed), row-major [batch, width] float32, for the activation histograms.
   * With activation checkpointing, a layer the step did not leave in memory is recomputed from its segment's
   * checkpoint (GpuNetwork.postActivationBuffer): exact after a measuring pass; after a training step, such a
   * layer reflects that step's weight update within its segment.
   */
  postActivations(layer: number): Promise<Float32Array> {
    return this.serial(async () => {
      const { live, net } = await this.ready();
      const { batch, width, ld } = net.shape;
      const bytes = batch * ld * 4;
      const { device } = live.ctx;
      const encoder = device.createCommandEncoder({ label: `read h${layer}` });
      const source = net.postActivationBuffer(layer, encoder);
      const staging = device.createBuffer({
        size: bytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      encoder.copyBufferToBuffer(source, 0, staging, 0, bytes);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      const padded = new Float32Array(staging.getMappedRange());
      const out = new Float32Array(batch * width);
      for (let r = 0; r < batch; r++) out.set(padded.subarray(r * ld, r * ld + width), r * width);
      staging.unmap();
      staging.destroy();
      return out;
    });
  }

  /**
   * Data-set experiments: the outputs (logits) [count, classes] of `count` standardised inputs
   * ([count, features]) with the current weights, float32. Runs after every step submitted before it and
   * through buffers of its own (logits.ts), so the last pass's statistics and post-activations stay as they
   * were; it awaits its own readback.
   */
  logits(inputs: Float64Array, count: number): Promise<Float32Array> {
    return this.serial(async () => {
      const { live, net } = await this.ready();
      const { device } = live.ctx;
      device.pushErrorScope('validation');
      let out: Float32Array | null = null;
      let failure: unknown = null;
      try {
        out = await net.logits(inputs, count);
      } catch (e) {
        failure = e;
      }
      const error = await device.popErrorScope();
      if (failure) throw failure;
      if (error) throw new GpuError(`WebGPU validation error in logits(): ${error.message}`);
      return out!;
    });
  }

  /**
   * Submits one step and returns the statistics of the step submitted before it (null for the first one after
   * init or a device loss): the UI's one-frame-late mode. `flush()` returns the last one.
   */
  stepStreaming(options: { train: boolean }): Promise<StepResult | null> {
    return this.serial(async () => {
      const before = this.previous;
      this.previous = null;
      const next = (await this.submit(options.train)).result;
      next.catch(() => undefined);
      this.previous = next;
      if (!before) return null;
      try {
        return await before;
      } catch (e) {
        if (!(await this.isLost())) throw e;
        return null;
      }
    });
  }

  /** The statistics of the last streamed step (null if there is none). */
  flush(): Promise<StepResult | null> {
    return this.serial(async () => {
      const last = this.previous;
      this.previous = null;
      return last ? await last : null;
    });
  }

  /**
   * One step (like `step`) with per-kernel GPU times from timestamp queries, for the curious. Throws a
   * GpuError when the device has no `timestamp-query`.
   */
  profileStep(options: { train: boolean }): Promise<StepProfile> {
    return this.serial(async () => {
      const { live, net, ring } = await this.ready();
      const profile = await profileStep(live.ctx.device, net, ring, options.train);
      if (options.train) this.trained++;
      return profile;
    });
  }

  /**
   * Layers per activation segment of the current network (the depth when every layer's activations are kept;
   * fewer when checkpointing), null before init.
   */
  get checkpointSegment(): number | null {
    return this.live?.net?.layout.segment ?? null;
  }

  /** Adapter description, whether it is a software fallback, and the matmul core in use (after init). */
  get adapter(): { info: string; isFallbackAdapter: boolean; matmul: MatmulCore | null } | null {
    const live = this.live;
    if (!live) return null;
    const { adapterInfo: info, isFallbackAdapter } = live.ctx;
    return { info, isFallbackAdapter, matmul: live.net?.core ?? null };
  }

  /** Shader compilation warnings on the current device ("kernel:line:col: …"); empty when clean. */
  get compilationWarnings(): readonly string[] {
    return this.live?.cache.warnings ?? [];
  }

  /** Destroys the device as a driver reset would (for tests and the "lose device" debug button). */
  loseDevice(): void {
    this.live?.ctx.device.destroy();
  }

  dispose(): void {
    this.disposed = true;
    const live = this.live;
    this.live = null;
    if (!live) return;
    dropNetwork(live);
    live.pool.trim();
    live.ctx.device.destroy();
  }
}

/** Frees the device's network and readback ring (init builds new ones; a batched sweep uses the device alone). */
function dropNetwork(live: { net: { release(): void } | null; ring: { destroy(): void } | null }): void {
  live.net?.release();
  live.net = null;
  live.ring?.destroy();
  live.ring = null;
}
