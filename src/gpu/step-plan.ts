/**
 * The dispatches of a WebGPU step in order (checkpoint.ts stepOps):
 *
 *   clear flags · forward 1..L · loss · for l = L..1: backward(l) (l > 1), weightgrad(l) [+ W update],
 *   bias(l) (training with bias) · finish [+ knob update] · copy stats to a readback slot
 *
 * With a data set the network ends in a linear read-out, and "loss" becomes
 *
 *   linear (the read-out's outputs) · xent (loss, δ_out) · backward through W_out (δ_L, layer L's gradient
 *   partials) · weightgrad(out) [+ update] · bias(out) (training)
 *
 * Checkpointed, after the loss each segment from the top first has its forward dispatches run again from its
 * checkpoint ("recompute": the forward kernel with the same bind groups, specialized without its statistics
 * epilogue, so the statistics are the first pass's), then its layers' backward, weightgrad and bias.
 *
 * And how a step's command buffers record them: one compute pass for the whole step (the default), one pass per
 * dispatch with timestamps (profiling), or pieces of a few matmuls each in command buffers of their own, so a
 * step of seconds can report progress between submissions (WebGpuBackend.step with onProgress). The
 * dispatches and their order are the same in every case, so are the numbers.
 */
import { backwardGrid } from './kernels/backward';
import { biasGroups } from './kernels/bias';
import { forwardGrid } from './kernels/forward';
import type { MatmulCore, NetShape } from './kernels/kernel';
import { linearGrid } from './kernels/linear';
import { lossGroups } from './kernels/loss';
import { weightgradGrid } from './kernels/weightgrad';
import { xentGroups } from './kernels/xent';
import { stepOps, type CheckpointSchedule } from './checkpoint';
import type { GpuNetwork } from './network';
import type { ReadbackRing } from './readback';
import type { StepPipelines } from './step-pipelines';

/** One dispatch of a step: kernel name, pipeline, bind group, workgroups x, y. */
export type Dispatch = [string, GPUComputePipeline, GPUBindGroup, number, number];

/** Bind groups of the read-out's dispatches (data sets). */
export interface ReadoutGroups {
  readonly linear: GPUBindGroup;
  readonly loss: GPUBindGroup;
  readonly backward: GPUBindGroup;
  /** [not training, training]. */
  readonly weightgrad: readonly [GPUBindGroup, GPUBindGroup];
  readonly bias: GPUBindGroup;
}

/** Every dispatch's bind group, per layer (index l − 1; backward: l − 2), built once by GpuNetwork. */
export interface StepGroups {
  readonly forward: GPUBindGroup[];
  readonly backward: GPUBindGroup[];
  /** [not training, training] × layers. */
  readonly weightgrad: [GPUBindGroup[], GPUBindGroup[]];
  readonly bias: GPUBindGroup[];
  loss: GPUBindGroup | null;
  readonly finish: GPUBindGroup[];
  readout: ReadoutGroups | null;
}

/** What a plan is made of (a GpuNetwork). */
export interface PlanSource {
  readonly shape: NetShape;
  readonly core: MatmulCore;
  readonly pipelines: StepPipelines;
  readonly groups: StepGroups;
  readonly schedule: CheckpointSchedule;
}

/** Checkpointed: layer l's forward dispatch again, without statistics (its pipeline with STATS = 0). */
export function recomputeDispatch(net: PlanSource, l: number): Dispatch {
  const again = net.pipelines.recompute!;
  const pipeline = l === 1 ? again.first : again.hidden;
  return ['recompute', pipeline, net.groups.forward[l - 1], ...forwardGrid(net.shape, net.core)];
}

/** The dispatches of one step, in order (see the file comment and checkpoint.ts stepOps). */
export function planStep(net: PlanSource, train: boolean): Dispatch[] {
  const { shape: s, core, pipelines: P, groups: g } = net;
  const t = train ? 1 : 0;
  const out: Dispatch[] = [];
  const [fx, fy] = forwardGrid(s, core);
  const [bx, by] = backwardGrid(s, core);
  const [wx, wy] = weightgradGrid(s, core, 'hidden');
  for (const o of stepOps(net.schedule)) {
    switch (o.op) {
      case 'forward':
        out.push(['forward', o.layer === 1 ? P.forwardFirst : P.forward, g.forward[o.layer - 1], fx, fy]);
        break;
      case 'recompute':
        out.push(recomputeDispatch(net, o.layer));
        break;
      case 'head':
        if (P.readout && g.readout) {
          const r = g.readout;
          out.push(['linear', P.readout.linear, r.linear, ...linearGrid(s, 'readout', s.batch, core)]);
          out.push(['xent', P.loss, r.loss, xentGroups(s), 1]);
          out.push(['backward', P.readout.backward, r.backward, bx, by]);
          const grid = weightgradGrid(s, core, 'readout');
          out.push(['weightgrad', P.readout.weightgrad, r.weightgrad[t], ...grid]);
          if (train) out.push(['bias', P.readout.bias, r.bias, biasGroups(s, 'readout'), 1]);
        } else {
          out.push(['loss', P.loss, g.loss!, lossGroups(s), 1]);
        }
        break;
      case 'backward':
        out.push(['backward', P.backward, g.backward[o.layer - 2], bx, by]);
        break;
      case 'weightgrad':
        if (o.layer > 1) out.push(['weightgrad', P.weightgrad, g.weightgrad[t][o.layer - 1], wx, wy]);
        else {
          const first = weightgradGrid(s, core, 'first');
          out.push(['weightgrad', P.weightgradFirst, g.weightgrad[t][0], ...first]);
        }
        break;
      case 'bias':
        if (train && P.bias) out.push(['bias', P.bias, g.bias[o.layer - 1], biasGroups(s, 'hidden'), 1]);
        break;
      case 'finish':
        out.push(['finish', P.finish, g.finish[t], s.depth + 1, 1]);
        break;
    }
  }
  return out;
}

/** The kernels that multiply a layer's matrices (the unit of a step's progress). */
const MATMULS = new Set(['forward', 'recompute', 'backward', 'weightgrad', 'linear']);

/** Matmul dispatches in `dispatches`. */
export function matmulCount(dispatches: readonly Dispatch[]): number {
  return dispatches.filter(([name]) => MATMULS.has(name)).length;
}

/**
 * `plan` cut into pieces of at most `matmuls` matmul dispatches each (Infinity: one piece), in order; a piece
 * ends after its last matmul's following small dispatches (bias, finish) only when the next matmul would
 * exceed it.
 */
export function piecesOf(plan: readonly Dispatch[], matmuls: number): Dispatch[][] {
  const pieces: Dispatch[][] = [[]];
  let count = 0;
  for (const d of plan) {
    if (MATMULS.has(d[0])) {
      if (count === matmuls) {
        pieces.push([]);
        count = 0;
      }
      count++;
    }
    pieces[pieces.length - 1].push(d);
  }
  return pieces;
}

/**
 * Records `dispatches` into `enc`: in one compute pass, or with `timing`, each in a pass of its own with
 * begin/end timestamps at queries 2i, 2i + 1.
 */
export function recordDispatches(
  enc: GPUCommandEncoder,
  dispatches: readonly Dispatch[],
  label: string,
  timing?: GPUQuerySet,
): void {
  let pass: GPUComputePassEncoder | null = timing ? null : enc.beginComputePass({ label });
  let current: GPUComputePipeline | null = null;
  dispatches.forEach(([name, pipeline, group, x, y], i) => {
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
}

/** A step's onProgress threw (`cause`): the step was abandoned on purpose, not by a failing device. */
export class ProgressStopped extends Error {
  constructor(override readonly cause: unknown) {
    super('step abandoned by its progress callback');
  }
}

/** Multiply-adds of a step's piece between two progress calls: ~0.1 s on SwiftShader's 2 cores. */
export const PROGRESS_WORK = 2 ** 31;

/**
 * Submits one step of `net` (its stats copied to readback slot `slot`): in one command buffer, or with
 * `onProgress` and more than `work` multiply-adds, in pieces of about that much, each submitted while
 * the one before runs (the device never idles for the page), awaiting onProgress(matmuls done, matmuls of
 * the step) as each completes. A throw there stops submitting (the device finishes at most the piece in
 * flight; only init() is valid next) and rejects with ProgressStopped.
 */
export async function submitStep(
  queue: GPUQueue,
  net: GpuNetwork,
  train: boolean,
  ring: ReadbackRing,
  slot: number,
  onProgress?: (done: number, total: number) => void | Promise<void>,
  work = PROGRESS_WORK,
): Promise<void> {
  const { batch, width } = net.shape;
  const per = Math.max(1, Math.floor(work / (batch * width * width)));
  const total = onProgress ? matmulCount(net.plan(train)) : 0;
  if (!onProgress || per >= total) return queue.submit([net.encodeStep(train, ring, slot)]);
  const pieces = net.encodeStepPieces(train, per, ring, slot);
  let ahead: Promise<void> = Promise.resolve();
  for (let i = 0; i <= pieces.length; i++) {
    if (i < pieces.length) queue.submit([pieces[i]]);
    const done = queue.onSubmittedWorkDone();
    await ahead;
    try {
      if (i > 0) await onProgress(Math.min(i * per, total), total);
    } catch (error) {
      throw new ProgressStopped(error);
    }
    ahead = done;
  }
}
