/**
 * The pipelines of one network's step (network.ts), compiled in parallel through the PipelineCache. Pipelines
 * are keyed by kernel + override constants, so where two roles have the same shape (layer 1 of a network
 * without a data set is width → width like the others) they are the same pipeline object, and a step encodes
 * exactly the dispatches and pipeline switches it would with one.
 */
import type { Experiment } from '../engine/experiment';
import { backwardConstants, backwardKernels } from './kernels/backward';
import { biasConstants, biasKernel } from './kernels/bias';
import { finishConstants, finishKernel } from './kernels/finish';
import { forwardConstants, forwardKernels, recomputeConstants } from './kernels/forward';
import type { MatmulCore, NetShape } from './kernels/kernel';
import { linearConstants, linearKernels } from './kernels/linear';
import { lossConstants, lossKernel } from './kernels/loss';
import { weightgradConstants, weightgradKernels } from './kernels/weightgrad';
import { xentConstants, xentKernel } from './kernels/xent';
import type { NetLayout } from './layout';
import type { PipelineCache } from './pipelines';

/** Every pipeline a step dispatches. */
export interface StepPipelines {
  /** Layer 1's forward product ([batch, inputs]·[inputs, width]) and the other hidden layers'. */
  readonly forwardFirst: GPUComputePipeline;
  readonly forward: GPUComputePipeline;
  /**
   * Activation checkpointing (layout.segment < depth): the forward products without statistics, to recompute a
   * segment's z and h from its checkpoint; null when every layer's activations are kept.
   */
  readonly recompute: { readonly first: GPUComputePipeline; readonly hidden: GPUComputePipeline } | null;
  /** Backward through W_l, l ≥ 2. */
  readonly backward: GPUComputePipeline;
  /** ∂W_1 ([inputs, width]) and ∂W_l, l ≥ 2. */
  readonly weightgradFirst: GPUComputePipeline;
  readonly weightgrad: GPUComputePipeline;
  /** loss.wgsl without a data set; xent.wgsl (the read-out's loss) with one. */
  readonly loss: GPUComputePipeline;
  /** A hidden layer's bias update; only for networks with biases. */
  readonly bias: GPUComputePipeline | null;
  readonly finish: GPUComputePipeline;
  /** Data sets: the read-out's forward (linear, no φ), backward, weight gradient and bias update. */
  readonly readout: {
    readonly linear: GPUComputePipeline;
    readonly backward: GPUComputePipeline;
    readonly weightgrad: GPUComputePipeline;
    readonly bias: GPUComputePipeline;
  } | null;
}

/** Compiles (or reuses) the step pipelines of a network of shape `s` with the given matmul core. */
export async function compileStepPipelines(
  cache: PipelineCache,
  s: NetShape,
  exp: Experiment,
  layout: NetLayout,
  core: MatmulCore,
): Promise<StepPipelines> {
  const hybrid = exp.act === 'hybrid';
  const readout = s.readout
    ? Promise.all([
        cache.get(linearKernels[core], linearConstants(s, exp, 'readout', s.batch)),
        cache.get(backwardKernels[core], backwardConstants(s, exp, 'readout')),
        cache.get(weightgradKernels[core], weightgradConstants(s, 'readout')),
        cache.get(biasKernel, biasConstants(s, 'readout')),
      ]).then(([linear, backward, weightgrad, bias]) => ({ linear, backward, weightgrad, bias }))
    : null;
  const recompute =
    layout.segment < s.depth
      ? Promise.all([
          cache.get(forwardKernels[core], recomputeConstants(s, exp, 'first')),
          cache.get(forwardKernels[core], recomputeConstants(s, exp, 'hidden')),
        ]).then(([first, hidden]) => ({ first, hidden }))
      : null;
  const [forwardFirst, forward, backward, weightgradFirst, weightgrad, loss, bias, finish, tail, again] =
    await Promise.all([
      cache.get(forwardKernels[core], forwardConstants(s, exp, 'first')),
      cache.get(forwardKernels[core], forwardConstants(s, exp, 'hidden')),
      cache.get(backwardKernels[core], backwardConstants(s, exp, 'hidden')),
      cache.get(weightgradKernels[core], weightgradConstants(s, 'first')),
      cache.get(weightgradKernels[core], weightgradConstants(s, 'hidden')),
      s.readout ? cache.get(xentKernel, xentConstants(s, exp)) : cache.get(lossKernel, lossConstants(s, exp)),
      s.bias ? cache.get(biasKernel, biasConstants(s, 'hidden')) : null,
      cache.get(finishKernel, finishConstants(s, layout, hybrid)),
      readout,
      recompute,
    ]);
  return {
    forwardFirst,
    forward,
    recompute: again,
    backward,
    weightgradFirst,
    weightgrad,
    loss,
    bias,
    finish,
    readout: tail,
  };
}
