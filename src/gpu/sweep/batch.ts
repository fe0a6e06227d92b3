/**
 * One batched sweep group on the device: the shared unit draws uploaded once, a chunk's buffers, pipelines and
 * bind groups built once, then each chunk of up to `capacity` cells as one command buffer and one readback:
 *
 *   clear flags · sweep_forward 1..L · sweep_loss · for l = L..1: sweep_backward(l) (l > 1; gradients),
 *   weightgrad(l) per cell ('all') · sweep_finish · copy the stats to the readback buffer
 *
 * Every product is one dispatch for the whole chunk except ∂W_l = h_{l−1}ᵀ·δ_l, which differs per cell: it
 * runs the single run's weightgrad kernel once per cell on that cell's rows (bound at its offset), measuring
 * only (no update).
 */
import type { StepResult } from '../../engine/backend';
import type { Experiment } from '../../engine/experiment';
import type { GpuContext } from '../device';
import { decodeStats, STATS_STRIDE } from '../kernels/finish';
import { shapeOf, type KernelSpec, type MatmulCore } from '../kernels/kernel';
import { weightgradConstants, weightgradGrid, weightgradKernels } from '../kernels/weightgrad';
import { padRows } from '../layout';
import type { PipelineCache } from '../pipelines';
import type { BufferPool } from '../pool';
import { cellParams, groupDraws, stackedInputs, type GroupDraws } from './group';
import {
  lossGroupsPerCell,
  sweepBackwardConstants,
  sweepBackwardKernels,
  sweepFinishConstants,
  sweepFinishDims,
  sweepFinishKernel,
  sweepForwardConstants,
  sweepForwardKernels,
  sweepGrid,
  sweepLossConstants,
  sweepLossKernel,
} from './kernels';
import type { ChunkPlan } from './plan';

const STORAGE = GPUBufferUsage.STORAGE;
const COPY_DST = GPUBufferUsage.COPY_DST;
const F = 4;

type Resource = GPUBuffer | GPUBufferBinding;

interface Pipelines {
  forward: GPUComputePipeline;
  backward: GPUComputePipeline | null;
  loss: GPUComputePipeline;
  weightgrad: GPUComputePipeline | null;
  finish: GPUComputePipeline;
}

/** Buffers, pipelines and bind groups of one group's chunks; `release()` returns the buffers to the pool. */
export class SweepBatch {
  private readonly buffers: GPUBuffer[] = [];
  private readonly draws: GroupDraws;
  private pipelines!: Pipelines;
  private forward: GPUBindGroup[] = [];
  private backward: GPUBindGroup[] = [];
  /** ∂W per layer, per cell. */
  private weightgrad: GPUBindGroup[][] = [];
  private lossGroup!: GPUBindGroup;
  private finishGroup!: GPUBindGroup;
  private input!: GPUBuffer;
  private cells!: GPUBuffer;
  private flags!: GPUBuffer;
  private stats!: GPUBuffer;
  private readback!: GPUBuffer;
  private readonly hybrid: boolean;

  private constructor(
    private readonly ctx: GpuContext,
    private readonly pool: BufferPool,
    private readonly plan: ChunkPlan,
    private readonly core: MatmulCore,
    first: Experiment,
  ) {
    this.draws = groupDraws(first);
    this.hybrid = first.act === 'hybrid';
  }

  /** Compiles the pipelines, allocates, uploads the shared draws and binds. Call inside an error scope. */
  static async create(
    ctx: GpuContext,
    cache: PipelineCache,
    pool: BufferPool,
    plan: ChunkPlan,
    core: MatmulCore,
    first: Experiment,
  ): Promise<SweepBatch> {
    const batch = new SweepBatch(ctx, pool, plan, core, first);
    const s = plan.shape;
    const [forward, backward, loss, weightgrad, finish] = await Promise.all([
      cache.get(sweepForwardKernels[core], sweepForwardConstants(s)),
      plan.grads ? cache.get(sweepBackwardKernels[core], sweepBackwardConstants(s)) : null,
      cache.get(sweepLossKernel, sweepLossConstants(s)),
      plan.weights ? cache.get(weightgradKernels[core], weightgradConstants(shapeOf(first), 'hidden')) : null,
      cache.get(sweepFinishKernel, sweepFinishConstants(s, plan)),
    ]);
    batch.pipelines = { forward, backward, loss, weightgrad, finish };
    batch.allocate(cache);
    return batch;
  }

  private buffer(bytes: number, usage: number, label: string): GPUBuffer {
    const b = this.pool.acquire(bytes, usage, label);
    this.buffers.push(b);
    return b;
  }

  private allocate(cache: PipelineCache): void {
    const { device } = this.ctx;
    const q = device.queue;
    const p = this.plan;
    const s = p.shape;
    const L = s.depth;
    const tensor = (label: string) => this.buffer(p.tensorBytes, STORAGE | COPY_DST, label);
    const group = (spec: KernelSpec, label: string, resources: Resource[]) =>
      device.createBindGroup({
        label,
        layout: cache.layout(spec),
        entries: resources.map((r, binding) => ({ binding, resource: 'buffer' in r ? r : { buffer: r } })),
      });

    const weights: GPUBuffer[] = [];
    for (let i = 0; i < p.weightBuffers; i++) {
      const w = this.buffer(p.weightBytes, STORAGE | COPY_DST, `Ẑ${i + 1}`);
      q.writeBuffer(w, 0, padRows(this.draws.weights(i + 1), s.width, s.width, s.ld));
      weights.push(w);
    }
    const biases: GPUBuffer[] = [];
    for (let l = 1; l <= L; l++) {
      const b = this.buffer(s.ld * F, STORAGE | COPY_DST, `b̂${l}`);
      q.writeBuffer(b, 0, padRows(this.draws.bias(l), 1, s.width, s.ld));
      biases.push(b);
    }
    const y = this.buffer(s.batch * s.ld * F, STORAGE | COPY_DST, 'y');
    q.writeBuffer(y, 0, padRows(this.draws.targets, s.batch, s.width, s.ld));
    this.cells = this.buffer(p.cellsBytes, STORAGE | COPY_DST, 'cells');
    const h: GPUBuffer[] = Array.from({ length: p.hTensors }, (_, i) => tensor(`h ${i}`));
    const z: GPUBuffer[] = Array.from({ length: p.zTensors }, (_, i) => tensor(`z ${i}`));
    const delta = [tensor('δ even'), tensor('δ odd')];
    this.input = h[0];
    const hOf = (l: number) => (p.weights ? h[l] : h[l % 2]);
    const zOf = (l: number) => (p.grads ? z[l - 1] : z[l % 2]);
    const partials = (floats: number, label: string) =>
      this.buffer(Math.max(floats, 4) * F, STORAGE | COPY_DST, label);
    const fwd = partials(p.forwardFloats, 'forward partials');
    const bwd = partials(p.backwardFloats, 'backward partials');
    const loss = partials(p.lossFloats, 'loss partials');
    const wgrad = partials(p.weightgradFloats, '∂W partials');
    this.flags = this.buffer(p.flagsBytes, STORAGE | COPY_DST, 'flags');
    this.stats = this.buffer(p.statsBytes, STORAGE | COPY_DST | GPUBufferUsage.COPY_SRC, 'stats');
    this.readback = this.buffer(p.statsBytes, GPUBufferUsage.MAP_READ | COPY_DST, 'stats readback');
    // Pooled buffers keep old contents: padding rows and columns must read as zeros.
    const enc = device.createCommandEncoder({ label: 'sweep clear' });
    for (const b of [...h, ...z, ...delta, fwd, bwd, loss, wgrad, this.flags, this.stats]) enc.clearBuffer(b);
    q.submit([enc.finish()]);

    const flagBytes = s.capacity * s.flagStride * F;
    const core = this.core;
    for (let l = 1; l <= L; l++) {
      const w = weights[Math.min(l, p.weightBuffers) - 1];
      this.forward.push(
        group(sweepForwardKernels[core], `sweep forward ${l}`, [
          hOf(l - 1),
          w,
          biases[l - 1],
          this.cells,
          zOf(l),
          hOf(l),
          { buffer: fwd, offset: (l - 1) * p.forwardSection * F, size: p.forwardSection * F },
          { buffer: this.flags, offset: (l - 1) * flagBytes, size: flagBytes },
        ]),
      );
      if (p.grads && l > 1) {
        this.backward.push(
          group(sweepBackwardKernels[core], `sweep backward ${l}`, [
            delta[l % 2],
            w,
            zOf(l - 1),
            this.cells,
            delta[(l - 1) % 2],
            { buffer: bwd, offset: (l - 2) * p.backwardSection * F, size: p.backwardSection * F },
          ]),
        );
      }
    }
    this.lossGroup = group(sweepLossKernel, 'sweep loss', [
      hOf(L),
      y,
      zOf(L),
      this.cells,
      delta[L % 2],
      loss,
    ]);
    const dims = this.buffer(16, GPUBufferUsage.UNIFORM | COPY_DST, 'finish dims');
    q.writeBuffer(dims, 0, sweepFinishDims(s, p));
    this.finishGroup = group(sweepFinishKernel, 'sweep finish', [
      fwd,
      bwd,
      loss,
      wgrad,
      this.flags,
      this.cells,
      this.stats,
      dims,
    ]);
    if (p.weights) {
      // Measuring only: params (lr 0, train 0) keep the weightgrad kernel from writing its (dummy) weights.
      const params = this.buffer(16, GPUBufferUsage.UNIFORM | COPY_DST, 'params');
      q.writeBuffer(params, 0, new Float32Array([0, 0, 0, 0]));
      const dummy = this.buffer(p.weightBytes, STORAGE | COPY_DST, 'unused W');
      const rows = s.bp * s.ld * F;
      const spec = weightgradKernels[core];
      for (let l = 1; l <= L; l++) {
        const perCell: GPUBindGroup[] = [];
        for (let c = 0; c < s.capacity; c++) {
          const offset = ((l - 1) * s.capacity + c) * p.weightgradSection * F;
          perCell.push(
            group(spec, `sweep weightgrad ${l} cell ${c}`, [
              { buffer: hOf(l - 1), offset: c * rows, size: rows },
              { buffer: delta[l % 2], offset: c * rows, size: rows },
              dummy,
              { buffer: wgrad, offset, size: Math.max(p.weightgradGroups, 1) * F },
              params,
            ]),
          );
        }
        this.weightgrad.push(perCell);
      }
    }
  }

  /** Encodes, submits and reads back one chunk (at most `capacity` cells): their StepResults, in order. */
  async run(cells: readonly Experiment[]): Promise<StepResult[]> {
    const p = this.plan;
    const s = p.shape;
    const n = cells.length;
    if (n < 1 || n > s.capacity) throw new RangeError(`a chunk holds 1..${s.capacity} cells, not ${n}`);
    const { device } = this.ctx;
    const q = device.queue;
    q.writeBuffer(this.cells, 0, cellParams(cells, this.draws));
    q.writeBuffer(this.input, 0, stackedInputs(cells, this.draws, s.batch, s.width, s.bp, s.ld));
    const enc = device.createCommandEncoder({ label: `sweep chunk of ${n}` });
    enc.clearBuffer(this.flags);
    const pass = enc.beginComputePass({ label: 'sweep pass' });
    const [nx, ny] = sweepGrid(s, this.core, n);
    const run = (pipeline: GPUComputePipeline, group: GPUBindGroup, x: number, y: number) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, y);
    };
    const { forward, backward, loss, weightgrad, finish } = this.pipelines;
    for (const g of this.forward) run(forward, g, nx, ny);
    run(loss, this.lossGroup, lossGroupsPerCell(s), n);
    const [wx, wy] = weightgrad ? weightgradGrid(shapeOf(cells[0]), this.core, 'hidden') : [0, 0];
    for (let l = s.depth; l >= 1; l--) {
      if (backward && l > 1) run(backward, this.backward[l - 2], nx, ny);
      if (weightgrad) for (let c = 0; c < n; c++) run(weightgrad, this.weightgrad[l - 1][c], wx, wy);
    }
    run(finish, this.finishGroup, s.depth + 1, n);
    pass.end();
    const bytes = n * (s.depth + 1) * STATS_STRIDE * F;
    enc.copyBufferToBuffer(this.stats, 0, this.readback, 0, bytes);
    device.pushErrorScope('validation');
    q.submit([enc.finish()]);
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU validation error in a sweep chunk: ${error.message}`);
    await this.readback.mapAsync(GPUMapMode.READ, 0, bytes);
    const data = new Float32Array(this.readback.getMappedRange(0, bytes).slice(0));
    this.readback.unmap();
    const record = (s.depth + 1) * STATS_STRIDE;
    return cells.map((_, i) => this.decode(data.subarray(i * record, (i + 1) * record)));
  }

  /** A cell's StepResult, with NaN for what this need did not compute. */
  private decode(data: Float32Array): StepResult {
    const { layers, loss } = decodeStats(data, this.plan.shape.depth, this.hybrid);
    const { grads, weights } = this.plan;
    return {
      loss,
      layers: layers.map((l) => ({
        ...l,
        gradNorm: grads ? l.gradNorm : NaN,
        weightGradNorm: weights ? l.weightGradNorm : NaN,
        ...(this.hybrid && !grads ? { knobGrad: NaN } : {}),
      })),
    };
  }

  /** Returns every buffer to the pool. */
  release(): void {
    this.pool.release(this.buffers.splice(0));
  }
}
