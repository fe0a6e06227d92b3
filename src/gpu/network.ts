/**
 * One experiment's network on one device: its buffers (layout.ts), uploaded seeded parameters, the bind
 * groups of every dispatch (built once), and the encoding of a whole step into one command buffer:
 *
 *   clear flags · forward 1..L · loss · for l = L..1: backward(l) (l > 1), weightgrad(l) [+ W update],
 *   bias(l) (training with bias) · finish [+ knob update] · copy stats to a readback slot
 *
 * backward(l) reads W_l before weightgrad(l) updates it; δ ping-pongs between two buffers (δ_l in δ[l mod 2]).
 */
import type { Experiment } from '../engine/experiment';
import type { StepResult } from '../engine/backend';
import { initBias, initWeights, makeInputs, makeTargets } from '../engine/init';
import type { GpuContext } from './device';
import { backwardConstants, backwardGrid, backwardKernels } from './kernels/backward';
import { biasConstants, biasGroups, biasKernel } from './kernels/bias';
import { decodeStats, finishConstants, finishKernel } from './kernels/finish';
import { forwardConstants, forwardGrid, forwardKernels } from './kernels/forward';
import { shapeOf, type KernelSpec, type MatmulCore, type NetShape } from './kernels/kernel';
import { lossConstants, lossGroups, lossKernel } from './kernels/loss';
import { weightgradConstants, weightgradGrid, weightgradKernels } from './kernels/weightgrad';
import { padRows, type NetLayout } from './layout';
import type { PipelineCache } from './pipelines';
import type { BufferPool } from './pool';
import type { ReadbackRing } from './readback';

const STORAGE = GPUBufferUsage.STORAGE;
const COPY_DST = GPUBufferUsage.COPY_DST;

/** One dispatch of a step: kernel name, pipeline, bind group, workgroups x, y. */
export type Dispatch = [string, GPUComputePipeline, GPUBindGroup, number, number];

type Pipelines = Record<'forward' | 'backward' | 'loss' | 'weightgrad' | 'finish', GPUComputePipeline> & {
  /** Only for networks with biases. */
  readonly bias: GPUComputePipeline | null;
};

/** Buffers, bind groups and pipelines of one experiment; `release()` returns the buffers to the pool. */
export class GpuNetwork {
  readonly shape: NetShape;
  private readonly buffers: GPUBuffer[] = [];
  private readonly groups = {
    forward: [] as GPUBindGroup[],
    backward: [] as GPUBindGroup[],
    /** [not training, training] × layers. */
    weightgrad: [[], []] as [GPUBindGroup[], GPUBindGroup[]],
    bias: [] as GPUBindGroup[],
    loss: null as GPUBindGroup | null,
    finish: [] as GPUBindGroup[],
  };
  private stats!: GPUBuffer;
  private flags!: GPUBuffer;
  private readonly hasBias: boolean;
  /** h_1 … h_L ([batch, ld] float32, rows zero-padded), readable for the activation histograms. */
  private activations: GPUBuffer[] = [];

  private constructor(
    private readonly ctx: GpuContext,
    private readonly pool: BufferPool,
    readonly exp: Experiment,
    readonly layout: NetLayout,
    private readonly pipelines: Pipelines,
    /** Which matmul core the matmul kernels use. */
    readonly core: MatmulCore,
  ) {
    this.shape = shapeOf(exp);
    this.hasBias = exp.sb > 0;
  }

  /**
   * Compiles (or reuses) the pipelines with the given matmul core, allocates, uploads and binds. Call inside
   * an error scope.
   */
  static async create(
    ctx: GpuContext,
    cache: PipelineCache,
    pool: BufferPool,
    exp: Experiment,
    layout: NetLayout,
    core: MatmulCore,
  ): Promise<GpuNetwork> {
    const s = shapeOf(exp);
    const [forward, backward, loss, bias, weightgrad, finish] = await Promise.all([
      cache.get(forwardKernels[core], forwardConstants(s, exp)),
      cache.get(backwardKernels[core], backwardConstants(s, exp)),
      cache.get(lossKernel, lossConstants(s, exp)),
      exp.sb > 0 ? cache.get(biasKernel, biasConstants(s)) : null,
      cache.get(weightgradKernels[core], weightgradConstants(s)),
      cache.get(finishKernel, finishConstants(s, layout, exp.act === 'hybrid')),
    ]);
    const net = new GpuNetwork(
      ctx,
      pool,
      exp,
      layout,
      { forward, backward, loss, bias, weightgrad, finish },
      core,
    );
    net.allocate(cache);
    return net;
  }

  /** The buffer holding h_layer (1-based) of the last pass, [batch, ld] float32. */
  postActivationBuffer(layer: number): GPUBuffer {
    if (!(layer >= 1 && layer <= this.shape.depth))
      throw new RangeError(`layer ${layer} is not in 1..${this.shape.depth}`);
    return this.activations[layer];
  }

  private buffer(bytes: number, usage: number, label: string): GPUBuffer {
    const b = this.pool.acquire(bytes, usage, label);
    this.buffers.push(b);
    return b;
  }

  private allocate(cache: PipelineCache): void {
    const { device } = this.ctx;
    const { exp, layout: p, shape: s } = this;
    const L = s.depth;
    const act = p.activationBytes;
    const q = device.queue;
    const x = this.buffer(act, STORAGE | COPY_DST, 'x');
    const y = this.buffer(act, STORAGE | COPY_DST, 'y');
    q.writeBuffer(x, 0, padRows(makeInputs(exp), s.batch, s.width, s.ld));
    q.writeBuffer(y, 0, padRows(makeTargets(exp), s.batch, s.width, s.ld));
    const delta = [
      this.buffer(act, STORAGE | COPY_DST, 'δ even'),
      this.buffer(act, STORAGE | COPY_DST, 'δ odd'),
    ];
    const partials = this.buffer(p.partialsBytes, STORAGE | COPY_DST, 'partials');
    this.flags = this.buffer(p.flagsBytes, STORAGE | COPY_DST, 'flags');
    const knobs = this.buffer(p.knobsBytes, STORAGE | GPUBufferUsage.UNIFORM | COPY_DST, 'knobs');
    this.stats = this.buffer(p.statsBytes, STORAGE | GPUBufferUsage.COPY_SRC | COPY_DST, 'stats');
    // Step params, uniform vec4 (lr, train): slot 0 for measuring steps, slot 1 for training steps.
    const params = this.buffer(2 * p.knobStride * 4, GPUBufferUsage.UNIFORM | COPY_DST, 'params');
    const paramData = new Float32Array(2 * p.knobStride);
    paramData.set([exp.lr, 0], 0);
    paramData.set([exp.lr, 1], p.knobStride);
    q.writeBuffer(params, 0, paramData);
    const knobData = new Float32Array(L * p.knobStride);
    for (let l = 0; l < L; l++) knobData[l * p.knobStride] = exp.knob;
    q.writeBuffer(knobs, 0, knobData);

    const w: GPUBuffer[] = [];
    const b: GPUBuffer[] = [];
    const z: GPUBuffer[] = [];
    const h: GPUBuffer[] = [x];
    this.activations = h;
    for (let l = 1; l <= L; l++) {
      w.push(this.buffer(p.weightBytes, STORAGE | COPY_DST, `W${l}`));
      b.push(this.buffer(p.biasBytes, STORAGE | COPY_DST, `b${l}`));
      z.push(this.buffer(act, STORAGE | COPY_DST, `z${l}`));
      h.push(this.buffer(act, STORAGE | COPY_DST | GPUBufferUsage.COPY_SRC, `h${l}`));
      q.writeBuffer(w[l - 1], 0, padRows(initWeights(exp, l), s.width, s.width, s.ld));
      q.writeBuffer(b[l - 1], 0, padRows(initBias(exp, l), 1, s.width, s.ld));
    }
    // Pooled buffers keep old contents; the kernels rely on zero padding in z, h and δ.
    const enc = device.createCommandEncoder({ label: 'clear' });
    for (const buf of [...delta, partials, this.flags, this.stats, ...z, ...h.slice(1)]) enc.clearBuffer(buf);
    q.submit([enc.finish()]);

    const F = 4;
    const sec = p.section * F;
    const bind = (spec: KernelSpec, label: string, resources: GPUBindingResource[]): GPUBindGroup =>
      device.createBindGroup({
        label,
        layout: cache.layout(spec),
        entries: resources.map((resource, binding) => ({ binding, resource })),
      });
    const knob = (li: number): GPUBufferBinding => ({
      buffer: knobs,
      offset: li * p.knobStride * F,
      size: 16,
    });
    const param = (train: number): GPUBufferBinding => ({
      buffer: params,
      offset: train * p.knobStride * F,
      size: 16,
    });
    const part = (offset: number, floats: number): GPUBufferBinding => ({
      buffer: partials,
      offset,
      size: Math.max(floats, 1) * F,
    });
    for (let l = 1; l <= L; l++) {
      const li = l - 1;
      this.groups.forward.push(
        bind(forwardKernels[this.core], `forward ${l}`, [
          { buffer: h[li] },
          { buffer: w[li] },
          { buffer: b[li] },
          knob(li),
          { buffer: z[li] },
          { buffer: h[l] },
          part(li * sec, p.forwardGroups * 8),
          { buffer: this.flags, offset: li * p.flagStride * F, size: s.width * F },
        ]),
      );
      if (l > 1) {
        this.groups.backward.push(
          bind(backwardKernels[this.core], `backward ${l}`, [
            { buffer: delta[l % 2] },
            { buffer: w[li] },
            { buffer: z[li - 1] },
            knob(li - 1),
            { buffer: delta[(l - 1) % 2] },
            part((li - 1) * sec + p.backwardOffset * F, p.backwardGroups * 2),
          ]),
        );
      }
      for (const train of [0, 1]) {
        this.groups.weightgrad[train].push(
          bind(weightgradKernels[this.core], `weightgrad ${l}`, [
            { buffer: h[li] },
            { buffer: delta[l % 2] },
            { buffer: w[li] },
            part(li * sec + p.weightgradOffset * F, p.weightgradGroups),
            param(train),
          ]),
        );
      }
      if (this.hasBias) {
        this.groups.bias.push(
          bind(biasKernel, `bias ${l}`, [{ buffer: delta[l % 2] }, { buffer: b[li] }, param(1)]),
        );
      }
    }
    this.groups.loss = bind(lossKernel, 'loss', [
      { buffer: h[L] },
      { buffer: y },
      { buffer: z[L - 1] },
      knob(L - 1),
      { buffer: delta[L % 2] },
      part(p.lossOffset * F, p.lossGroups * 4),
    ]);
    for (const train of [0, 1]) {
      this.groups.finish.push(
        bind(finishKernel, 'finish', [
          { buffer: partials },
          { buffer: this.flags },
          { buffer: knobs },
          { buffer: this.stats },
          param(train),
        ]),
      );
    }
  }

  /** The dispatches of one step, in order (see the file comment). */
  plan(train: boolean): Dispatch[] {
    const s = this.shape;
    const P = this.pipelines;
    const g = this.groups;
    const t = train ? 1 : 0;
    const out: Dispatch[] = [];
    const [fx, fy] = forwardGrid(s, this.core);
    for (let l = 1; l <= s.depth; l++) out.push(['forward', P.forward, g.forward[l - 1], fx, fy]);
    out.push(['loss', P.loss, g.loss!, lossGroups(s), 1]);
    const [bx, by] = backwardGrid(s, this.core);
    const [wx, wy] = weightgradGrid(s, this.core);
    for (let l = s.depth; l >= 1; l--) {
      if (l > 1) out.push(['backward', P.backward, g.backward[l - 2], bx, by]);
      out.push(['weightgrad', P.weightgrad, g.weightgrad[t][l - 1], wx, wy]);
      if (train && P.bias) out.push(['bias', P.bias, g.bias[l - 1], biasGroups(s), 1]);
    }
    out.push(['finish', P.finish, g.finish[t], s.depth + 1, 1]);
    return out;
  }

  /**
   * One whole step as one command buffer: every dispatch in one compute pass, or, with `timing`, each in its
   * own pass with begin/end timestamps at query 2i, 2i + 1 (per-kernel profiling). With `ring`, the stats
   * are copied to readback slot `slot`.
   */
  encodeStep(train: boolean, ring?: ReadbackRing, slot = 0, timing?: GPUQuerySet): GPUCommandBuffer {
    const enc = this.ctx.device.createCommandEncoder({ label: train ? 'train step' : 'step' });
    enc.clearBuffer(this.flags);
    const plan = this.plan(train);
    let pass: GPUComputePassEncoder | null = timing ? null : enc.beginComputePass({ label: 'step' });
    let current: GPUComputePipeline | null = null;
    plan.forEach(([name, pipeline, group, x, y], i) => {
      if (timing) {
        const timestampWrites = {
          querySet: timing,
          beginningOfPassWriteIndex: 2 * i,
          endOfPassWriteIndex: 2 * i + 1,
        };
        pass = enc.beginComputePass({ label: name, timestampWrites });
        current = null;
      }
      if (pipeline !== current) pass!.setPipeline(pipeline);
      current = pipeline;
      pass!.setBindGroup(0, group);
      pass!.dispatchWorkgroups(x, y);
      if (timing) pass!.end();
    });
    if (!timing) pass!.end();
    if (ring) ring.copyInto(enc, this.stats, slot);
    return enc.finish();
  }

  /** The StepResult in a readback of the stats buffer. */
  decode(data: Float32Array): StepResult {
    return decodeStats(data, this.shape.depth, this.exp.act === 'hybrid');
  }

  /** Returns every buffer to the pool. */
  release(): void {
    this.pool.release(this.buffers.splice(0));
  }
}
