/**
 * One experiment's network on one device: its buffers (layout.ts), uploaded seeded parameters, the bind
 * groups of every dispatch (built once), and the encoding of a step (step-plan.ts: the dispatches in order,
 * with a data set a linear read-out and softmax cross-entropy; checkpointed, each segment's recompute) into
 * one command buffer, or into pieces for progress within a big step. A data-set step first writes its
 * minibatch (x and the one-hot y of MinibatchFeed.batchAt(steps trained so far)) with queue.writeBuffer,
 * which the queue orders after the steps submitted before it: nothing in a step waits for the CPU.
 *
 * backward(l) reads W_l before weightgrad(l) updates it; δ ping-pongs between two buffers (δ_l in δ[l mod 2]).
 * Checkpointed (layout.segment < depth, checkpoint.ts), z_l and h_l live in a working ring, except at the
 * checkpoints; not checkpointed, every layer has buffers of its own.
 */
import type { Experiment } from '../engine/experiment';
import type { StepResult } from '../engine/backend';
import { loadDataSet } from '../engine/data/dataset';
import { MinibatchFeed } from '../engine/data/minibatch';
import { initBias, initReadout, initWeights, makeInputs, makeTargets } from '../engine/init';
import { GpuError, type GpuContext } from './device';
import { backwardKernels } from './kernels/backward';
import { biasKernel } from './kernels/bias';
import { decodeStats, finishKernel } from './kernels/finish';
import { forwardKernels } from './kernels/forward';
import { shapeOf, type MatmulCore, type NetShape } from './kernels/kernel';
import { linearKernels } from './kernels/linear';
import { lossKernel } from './kernels/loss';
import { weightgradKernels } from './kernels/weightgrad';
import { xentKernel } from './kernels/xent';
import { Binder } from './binder';
import {
  checkpointSchedule,
  isCheckpoint,
  placeOf,
  ringAfterStep,
  ringLayers,
  segmentOf,
  type CheckpointSchedule,
} from './checkpoint';
import { padRows, type NetLayout } from './layout';
import { GpuLogits, type LayerParams } from './logits';
import { compileStepPipelines, type StepPipelines } from './step-pipelines';
import {
  piecesOf,
  planStep,
  recomputeDispatch,
  recordDispatches,
  type Dispatch,
  type StepGroups,
} from './step-plan';
import type { PipelineCache } from './pipelines';
import type { BufferPool } from './pool';
import type { ReadbackRing } from './readback';

const STORAGE = GPUBufferUsage.STORAGE;
const COPY_DST = GPUBufferUsage.COPY_DST;
const F = 4;

/** Buffers, bind groups and pipelines of one experiment; `release()` returns the buffers to the pool. */
export class GpuNetwork {
  readonly shape: NetShape;
  private readonly buffers: GPUBuffer[] = [];
  /** Every dispatch's bind group (step-plan.ts). */
  readonly groups: StepGroups = {
    forward: [],
    backward: [],
    weightgrad: [[], []],
    bias: [],
    loss: null,
    finish: [],
    readout: null,
  };
  private stats!: GPUBuffer;
  private flags!: GPUBuffer;
  /**
   * h_0 = x, h_1 … h_L ([batch, ld] float32, rows zero-padded), readable for the activation histograms; with
   * checkpointing, ring layers share buffers (see `held`).
   */
  private activations: GPUBuffer[] = [];
  readonly schedule: CheckpointSchedule;
  /**
   * Checkpointed: which layer's z and h each ring slot holds (ringAfterStep after a step, a recomputed segment
   * after postActivationBuffer); null before the first step.
   */
  private held: number[] | null = null;
  /** Data sets: where each step's minibatch goes (x [batch, ldIn], one-hot y [batch, ldOut]). */
  private minibatch: { readonly x: GPUBuffer; readonly y: GPUBuffer } | null = null;
  /** Training steps encoded since the network was built: the next pass trains on minibatch `trained`. */
  private trained = 0;
  private evaluator: GpuLogits | null = null;

  private constructor(
    private readonly ctx: GpuContext,
    private readonly pool: BufferPool,
    readonly exp: Experiment,
    readonly layout: NetLayout,
    readonly pipelines: StepPipelines,
    /** Which matmul core the matmul kernels use. */
    readonly core: MatmulCore,
    /** Data sets: the minibatch of each step. */
    private readonly feed: MinibatchFeed | null,
  ) {
    this.shape = shapeOf(exp);
    this.schedule = checkpointSchedule(this.shape.depth, layout.segment);
  }

  /**
   * Compiles (or reuses) the pipelines with the given matmul core, loads the data set if any, allocates,
   * uploads and binds. Call inside an error scope.
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
    if (!s.readout && exp.loss === 'xent') throw new GpuError('loss=xent needs a data set (data=none)');
    const [pipelines, data] = await Promise.all([
      compileStepPipelines(cache, s, exp, layout, core),
      s.readout ? loadDataSet(exp) : null,
    ]);
    const feed = data ? new MinibatchFeed(data, exp.seed, exp.batch) : null;
    const net = new GpuNetwork(ctx, pool, exp, layout, pipelines, core, feed);
    net.allocate(cache);
    return net;
  }

  /**
   * The buffer holding h_layer (1-based) of the last pass, [batch, ld] float32. Checkpointed, when the working
   * ring no longer holds it, first encodes into `enc` the recompute of its segment from the segment's checkpoint
   * (as in a step, no statistics): exact after a measuring pass; after a training step the recomputed layers see
   * that step's updated weights and biases (the checkpoints and the lowest segment, which the step leaves in the
   * ring, are the pass's own).
   */
  postActivationBuffer(layer: number, enc: GPUCommandEncoder): GPUBuffer {
    if (!(layer >= 1 && layer <= this.shape.depth))
      throw new RangeError(`layer ${layer} is not in 1..${this.shape.depth}`);
    const sched = this.schedule;
    const held = this.held;
    if (held && !isCheckpoint(sched, layer) && held[placeOf(sched, layer).index] !== layer) {
      const layers = ringLayers(sched, segmentOf(sched, layer));
      const again = layers.map((l) => recomputeDispatch(this, l));
      recordDispatches(enc, again, `recompute segment of h${layer}`);
      for (const l of layers) held[placeOf(sched, l).index] = l;
    }
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
    const x = this.buffer(p.inputBytes, STORAGE | COPY_DST, 'x');
    const y = this.buffer(p.targetBytes, STORAGE | COPY_DST, 'y');
    if (this.feed) this.minibatch = { x, y };
    else {
      q.writeBuffer(x, 0, padRows(makeInputs(exp), s.batch, s.inputs, s.ldIn));
      q.writeBuffer(y, 0, padRows(makeTargets(exp), s.batch, s.outputs, s.ldOut));
    }
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
    /** z_l at z[l − 1], h_l at h[l] (checkpointed: ring layers share their slot's buffers). */
    const z: GPUBuffer[] = [];
    const h: GPUBuffer[] = [x];
    this.activations = h;
    const sched = this.schedule;
    const zBuffer = (label: string) => this.buffer(act, STORAGE | COPY_DST, label);
    const hBuffer = (label: string) => this.buffer(act, STORAGE | COPY_DST | GPUBufferUsage.COPY_SRC, label);
    for (let l = 1; l <= L; l++) {
      const rows = l === 1 ? s.inputs : s.width;
      w.push(this.buffer(l === 1 ? p.firstWeightBytes : p.weightBytes, STORAGE | COPY_DST, `W${l}`));
      b.push(this.buffer(p.biasBytes, STORAGE | COPY_DST, `b${l}`));
      if (!sched.checkpointed) {
        z.push(zBuffer(`z${l}`));
        h.push(hBuffer(`h${l}`));
      }
      q.writeBuffer(w[l - 1], 0, padRows(initWeights(exp, l), rows, s.width, s.ld));
      q.writeBuffer(b[l - 1], 0, padRows(initBias(exp, l), 1, s.width, s.ld));
    }
    const activationBuffers = [...z, ...h.slice(1)];
    if (sched.checkpointed) {
      const ring = Array.from({ length: sched.ringSlots }, (_, i) => [
        zBuffer(`z ring ${i}`),
        hBuffer(`h ring ${i}`),
      ]);
      const kept = Array.from({ length: sched.checkpoints }, (_, i) => {
        const l = (i + 1) * sched.segment;
        return [zBuffer(`z${l} checkpoint`), hBuffer(`h${l} checkpoint`)];
      });
      for (let l = 1; l <= L; l++) {
        const place = placeOf(sched, l);
        const [zl, hl] = (place.kind === 'checkpoint' ? kept : ring)[place.index];
        z.push(zl);
        h.push(hl);
      }
      activationBuffers.push(...ring.flat(), ...kept.flat());
    }
    // Pooled buffers keep old contents; the kernels rely on zero padding in z, h and δ (and δ_out).
    const cleared = [...delta, partials, this.flags, this.stats, ...activationBuffers];

    const binder = new Binder(device, cache, p, { knobs, params, partials });
    const bind = binder.group.bind(binder);
    const knob = binder.knob.bind(binder);
    const param = binder.param.bind(binder);
    const part = binder.part.bind(binder);
    const sec = p.section * F;
    const backwardPart = (li: number) => part(li * sec + p.backwardOffset * F, p.backwardGroups * 2);
    for (let l = 1; l <= L; l++) {
      const li = l - 1;
      this.groups.forward.push(
        bind(forwardKernels[this.core], `forward ${l}`, [
          h[li],
          w[li],
          b[li],
          knob(li),
          z[li],
          h[l],
          part(li * sec, p.forwardGroups * 8),
          { buffer: this.flags, offset: li * p.flagStride * F, size: s.width * F },
        ]),
      );
      if (l > 1) {
        this.groups.backward.push(
          bind(backwardKernels[this.core], `backward ${l}`, [
            delta[l % 2],
            w[li],
            z[li - 1],
            knob(li - 1),
            delta[(l - 1) % 2],
            backwardPart(li - 1),
          ]),
        );
      }
      for (const train of [0, 1]) {
        this.groups.weightgrad[train].push(
          bind(weightgradKernels[this.core], `weightgrad ${l}`, [
            h[li],
            delta[l % 2],
            w[li],
            part(li * sec + p.weightgradOffset * F, p.weightgradGroups),
            param(train),
          ]),
        );
      }
      if (s.bias) {
        this.groups.bias.push(bind(biasKernel, `bias ${l}`, [delta[l % 2], b[li], param(1)]));
      }
    }
    const lossPart = part(p.lossOffset * F, p.lossGroups * 4);
    const layers: LayerParams[] = w.map((weights, li) => ({ weights, bias: b[li], knob: knob(li) }));
    if (s.readout) {
      const wOut = this.buffer(p.readoutWeightBytes, STORAGE | COPY_DST, 'W out');
      const bOut = this.buffer(p.readoutBiasBytes, STORAGE | COPY_DST, 'b out');
      const out = this.buffer(p.outputBytes, STORAGE | COPY_DST, 'out');
      const deltaOut = this.buffer(p.outputBytes, STORAGE | COPY_DST, 'δ out');
      q.writeBuffer(wOut, 0, padRows(initReadout(exp), s.width, s.outputs, s.ldOut));
      cleared.push(bOut, out, deltaOut);
      const weightgrad = (train: number) =>
        bind(weightgradKernels[this.core], 'weightgrad out', [
          h[L],
          deltaOut,
          wOut,
          part(p.readoutOffset * F, p.readoutGroups),
          param(train),
        ]);
      this.groups.readout = {
        linear: bind(linearKernels[this.core], 'linear out', [h[L], wOut, bOut, knob(L - 1), out]),
        loss: bind(xentKernel, 'xent', [out, y, deltaOut, lossPart]),
        backward: bind(backwardKernels[this.core], 'backward out', [
          deltaOut,
          wOut,
          z[L - 1],
          knob(L - 1),
          delta[L % 2],
          backwardPart(L - 1),
        ]),
        weightgrad: [weightgrad(0), weightgrad(1)],
        bias: bind(biasKernel, 'bias out', [deltaOut, bOut, param(1)]),
      };
      layers.push({ weights: wOut, bias: bOut, knob: knob(L - 1) });
      const logitsBuffer = (bytes: number, label: string) => {
        const buffer = this.buffer(bytes, STORAGE | COPY_DST | GPUBufferUsage.COPY_SRC, label);
        cleared.push(buffer);
        return buffer;
      };
      this.evaluator = new GpuLogits(this.ctx, cache, s, exp, this.core, p.logitsRows, layers, {
        input: logitsBuffer(p.logitsInputBytes, 'logits x'),
        hidden: [
          logitsBuffer(p.logitsHiddenBytes, 'logits h even'),
          logitsBuffer(p.logitsHiddenBytes, 'logits h odd'),
        ],
        output: logitsBuffer(p.logitsOutputBytes, 'logits out'),
      });
    } else {
      this.groups.loss = bind(lossKernel, 'loss', [h[L], y, z[L - 1], knob(L - 1), delta[L % 2], lossPart]);
    }
    const enc = device.createCommandEncoder({ label: 'clear' });
    for (const buf of cleared) enc.clearBuffer(buf);
    q.submit([enc.finish()]);
    for (const train of [0, 1]) {
      this.groups.finish.push(
        bind(finishKernel, 'finish', [partials, this.flags, knobs, this.stats, param(train)]),
      );
    }
  }

  /** The dispatches of one step, in order (step-plan.ts). */
  plan(train: boolean): Dispatch[] {
    return planStep(this, train);
  }

  /**
   * One whole step as one command buffer: every dispatch in one compute pass, or, with `timing`, each in its
   * own pass with begin/end timestamps at query 2i, 2i + 1 (per-kernel profiling). With `ring`, the stats
   * are copied to readback slot `slot`. With a data set it first writes the step's minibatch to the queue, so
   * submit the command buffer it returns (steps are counted here: a training step advances the minibatch).
   */
  encodeStep(train: boolean, ring?: ReadbackRing, slot = 0, timing?: GPUQuerySet): GPUCommandBuffer {
    return this.encodeStepPieces(train, Infinity, ring, slot, timing)[0];
  }

  /**
   * The same step as command buffers of at most `matmuls` matmul dispatches each (step-plan.ts piecesOf), to
   * submit in order; the last copies the stats to readback slot `slot`.
   */
  encodeStepPieces(
    train: boolean,
    matmuls: number,
    ring?: ReadbackRing,
    slot = 0,
    timing?: GPUQuerySet,
  ): GPUCommandBuffer[] {
    if (this.feed && this.minibatch) {
      const s = this.shape;
      const { x, y } = this.feed.batchAt(this.trained);
      const q = this.ctx.device.queue;
      q.writeBuffer(this.minibatch.x, 0, padRows(x, s.batch, s.inputs, s.ldIn));
      q.writeBuffer(this.minibatch.y, 0, padRows(y, s.batch, s.outputs, s.ldOut));
    }
    if (train) this.trained++;
    if (this.schedule.checkpointed) this.held = ringAfterStep(this.schedule);
    const pieces = piecesOf(this.plan(train), matmuls);
    return pieces.map((dispatches, i) => {
      const label = `${train ? 'train step' : 'step'}${pieces.length > 1 ? ` ${i + 1}/${pieces.length}` : ''}`;
      const enc = this.ctx.device.createCommandEncoder({ label });
      if (i === 0) enc.clearBuffer(this.flags);
      recordDispatches(enc, dispatches, 'step', timing);
      if (ring && i === pieces.length - 1) ring.copyInto(enc, this.stats, slot);
      return enc.finish();
    });
  }

  /** The StepResult in a readback of the stats buffer. */
  decode(data: Float32Array): StepResult {
    return decodeStats(data, this.shape.depth, this.exp.act === 'hybrid');
  }

  /**
   * Data sets: the outputs [count, outputs] of `count` standardised inputs ([count, inputs]) with the current
   * parameters, through logits()'s own buffers (the last step's statistics and activations stay as they were).
   */
  logits(inputs: Float64Array, count: number): Promise<Float32Array> {
    if (!this.evaluator) throw new GpuError('logits(): the experiment has no data set (data=none)');
    return this.evaluator.run(inputs, count);
  }

  /** Returns every buffer to the pool. */
  release(): void {
    this.pool.release(this.buffers.splice(0));
  }
}
