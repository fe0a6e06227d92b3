/**
 * The float64 reference engine behind the Backend interface: the oracle the WASM and WebGPU engines are
 * checked against (tests/engine/conformance.ts). Plain TypeScript on Float64Arrays, no workers; use
 * `runExperiment(new ReferenceBackend(), exp)` from ../backend for a whole run.
 */
import type { Backend, StepOptions, StepResult } from '../backend';
import { loadDataSet } from '../data/dataset';
import { MinibatchFeed } from '../data/minibatch';
import type { Experiment } from '../experiment';
import { makeInputs, makeTargets } from '../init';
import { createNetwork, createPass } from './network';
import type { Network, Pass } from './network';
import { backward, backwardLayer, forward, forwardLayer, lossAndGrad, sgdUpdate } from './propagate';
import { layerStats } from './stats';

interface State {
  readonly net: Network;
  /** Without a data set: the fixed inputs x and targets y, row-major [batch, width]. */
  readonly fixed: { readonly x: Float64Array; readonly y: Float64Array } | null;
  /** With a data set: the minibatch of each step. */
  readonly feed: MinibatchFeed | null;
  readonly pass: Pass;
  /** Training steps taken since init (the next pass trains on minibatch `trained`). */
  trained: number;
  /** The buffers of the last logits() call, reused while the count stays the same (the page's boundary grid). */
  evaluation: Pass | null;
}

/** Float64 CPU backend (kind 'reference'). `init` may be called again to start a new experiment. */
export class ReferenceBackend implements Backend {
  readonly kind = 'reference' as const;
  private state: State | null = null;

  /**
   * Draws the seeded weights and biases (init.ts), the inputs and targets or the data set's minibatch feed, and
   * allocates the pass buffers.
   */
  async init(experiment: Experiment): Promise<void> {
    const net = createNetwork(experiment);
    const data = experiment.data === 'none' ? null : await loadDataSet(experiment);
    this.state = {
      net,
      fixed: data ? null : { x: makeInputs(experiment), y: makeTargets(experiment) },
      feed: data ? new MinibatchFeed(data, experiment.seed, experiment.batch) : null,
      pass: createPass(experiment.batch, net.widths),
      trained: 0,
      evaluation: null,
    };
  }

  /**
   * Forward, loss, backward and statistics on the current parameters; with `train`, then one projected SGD
   * update (see sgdUpdate). The returned statistics and loss describe the pass before the update.
   */
  async step(options: StepOptions): Promise<StepResult> {
    const s = this.state;
    if (!s) throw new Error('ReferenceBackend.step: call init() first (or the backend was disposed)');
    const { net, pass } = s;
    const { onProgress } = options;
    const { x, y } = s.fixed ?? s.feed!.batchAt(s.trained);
    const top = net.layers;
    if (onProgress) {
      // Layer by layer, awaiting onProgress after each layer's forward and backward work (2·layers units); the
      // update comes after the last, so a throw leaves the parameters as they were.
      pass.h[0].set(x.subarray(0, pass.batch * pass.widths[0]));
      for (let l = 1; l <= top; l++) {
        forwardLayer(net, pass, l);
        await onProgress(l, 2 * top);
      }
    } else forward(net, x, pass);
    const loss = lossAndGrad(net.exp.loss, pass.h[top], y, pass.g[top], pass.batch, net.widths[top]);
    if (onProgress) {
      for (let l = top; l >= 1; l--) {
        backwardLayer(net, pass, l);
        await onProgress(2 * top - l + 1, 2 * top);
      }
    } else backward(net, pass);
    const layers = layerStats(net, pass);
    if (options.train) {
      sgdUpdate(net, pass, net.exp.lr);
      s.trained++;
    }
    return { layers, loss };
  }

  /** h_l of the last pass (a copy), row-major [batch, width]. */
  async postActivations(layer: number): Promise<Float64Array> {
    const s = this.state;
    if (!s) throw new Error('ReferenceBackend.postActivations: call init() and step() first');
    if (!(layer >= 1 && layer <= s.net.depth))
      throw new RangeError(`layer ${layer} is not in 1..${s.net.depth}`);
    return s.pass.h[layer].slice();
  }

  /** The outputs for `count` inputs ([count, inputs]) with the current weights, [count, outputs]. */
  async logits(inputs: Float64Array, count: number): Promise<Float64Array> {
    const s = this.state;
    if (!s) throw new Error('ReferenceBackend.logits: call init() first');
    const { net } = s;
    if (inputs.length < count * net.widths[0])
      throw new RangeError(
        `logits: ${count} inputs need ${count * net.widths[0]} numbers, got ${inputs.length}`,
      );
    if (s.evaluation?.batch !== count) s.evaluation = createPass(count, net.widths);
    forward(net, inputs, s.evaluation);
    return s.evaluation.h[net.layers].slice();
  }

  /** Drops every buffer; `step` throws until `init` is called again. */
  dispose(): void {
    this.state = null;
  }
}
