/**
 * The float64 reference engine behind the Backend interface: the oracle the WASM and WebGPU engines are
 * checked against (tests/engine/conformance.ts). Plain TypeScript on Float64Arrays, no workers; use
 * `runExperiment(new ReferenceBackend(), exp)` from ../backend for a whole run.
 */
import type { Backend, StepResult } from '../backend';
import type { Experiment } from '../experiment';
import { makeInputs, makeTargets } from '../init';
import { createNetwork, createPass } from './network';
import type { Network, Pass } from './network';
import { backward, forward, lossAndGrad, sgdUpdate } from './propagate';
import { layerStats } from './stats';

interface State {
  readonly net: Network;
  /** Inputs x and targets y, row-major [batch, width]. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly pass: Pass;
}

/** Float64 CPU backend (kind 'reference'). `init` may be called again to start a new experiment. */
export class ReferenceBackend implements Backend {
  readonly kind = 'reference' as const;
  private state: State | null = null;

  /** Draws the seeded weights, biases, inputs and targets (init.ts) and allocates the pass buffers. */
  async init(experiment: Experiment): Promise<void> {
    const net = createNetwork(experiment);
    this.state = {
      net,
      x: makeInputs(experiment),
      y: makeTargets(experiment),
      pass: createPass(experiment.batch, experiment.width, experiment.depth),
    };
  }

  /**
   * Forward, loss, backward and statistics on the current parameters; with `train`, then one projected SGD
   * update (see sgdUpdate). The returned statistics and loss describe the pass before the update.
   */
  async step(options: { train: boolean }): Promise<StepResult> {
    const s = this.state;
    if (!s) throw new Error('ReferenceBackend.step: call init() first (or the backend was disposed)');
    const { net, pass } = s;
    forward(net, s.x, pass);
    const loss = lossAndGrad(net.exp.loss, pass.h[net.depth], s.y, pass.g[net.depth], pass.batch, pass.width);
    backward(net, pass);
    const layers = layerStats(net, pass);
    if (options.train) sgdUpdate(net, pass, net.exp.lr);
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

  /** Drops every buffer; `step` throws until `init` is called again. */
  dispose(): void {
    this.state = null;
  }
}
