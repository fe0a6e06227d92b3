/**
 * Central finite differences of the reference engine's loss, for gradient checks (not a test file).
 *
 * Kinks: ReLU, leaky, ELU with α ≠ 1, SELU and the hybrid have a kink in φ or φ′ at z = 0. A central
 * difference is only trustworthy if no pre-activation z crosses 0 between θ − h and θ + h, so every
 * evaluation records the sign pattern (z > 0) of every z in the network; if either side differs from the
 * unperturbed pattern, h shrinks tenfold (at most three times) and the entry is reported as skipped
 * (`null`) if it still crosses. In practice only entries sitting exactly on a kink are skipped (at width 1
 * a ReLU-dead layer feeds h = 0 exactly to the next one, and perturbing that 0 moves z off 0 for any h; the
 * gradient there is the left-branch convention, not a derivative). On a crossing-free interval the loss is
 * smooth, the central difference has truncation error O(h²), and rounding error about ε_L/h where
 * ε_L ≈ 1e-14·|L| is the rounding error of the loss itself.
 */
import type { Experiment } from '../../../src/engine/experiment';
import type { Network } from '../../../src/engine/reference/network';
import { createPass } from '../../../src/engine/reference/network';
import type { Pass } from '../../../src/engine/reference/network';
import { backward, forward, lossAndGrad } from '../../../src/engine/reference/propagate';

/** Loss evaluation for finite differences: one reusable pass, inputs x and targets y ([batch, widths]). */
export class LossProbe {
  readonly pass: Pass;
  private readonly scratch: Float64Array;

  constructor(
    readonly net: Network,
    readonly x: Float64Array,
    readonly y: Float64Array,
    readonly batch: number,
  ) {
    this.pass = createPass(batch, net.widths);
    this.scratch = new Float64Array(batch * net.widths[net.layers]);
  }

  /** The loss at the current parameters and inputs. */
  loss(): number {
    forward(this.net, this.x, this.pass);
    const top = this.net.layers;
    const out = this.pass.h[top];
    return lossAndGrad(this.net.exp.loss, out, this.y, this.scratch, this.batch, this.net.widths[top]);
  }

  /** Sign pattern (z > 0) of every pre-activation of the last `loss()` call, concatenated. */
  signs(): string {
    let s = '';
    for (const z of this.pass.z) for (let i = 0; i < z.length; i++) s += z[i] > 0 ? '1' : '0';
    return s;
  }

  /**
   * ∂loss/∂arr[i] by central differences with step h = 1e-5·max(1, |arr[i]|), shrunk on kink crossings;
   * `null` when every step crossed a kink. Also returns the loss and step used (for the tolerance).
   */
  derivative(arr: Float64Array, i: number): { value: number; loss: number; h: number } | null {
    const orig = arr[i];
    const base = this.loss();
    const baseSigns = this.signs();
    let h = 1e-5 * Math.max(1, Math.abs(orig));
    for (let attempt = 0; attempt < 4; attempt++, h /= 10) {
      arr[i] = orig + h;
      const plus = this.loss();
      const okPlus = this.signs() === baseSigns;
      arr[i] = orig - h;
      const minus = this.loss();
      const okMinus = this.signs() === baseSigns;
      arr[i] = orig;
      if (okPlus && okMinus) return { value: (plus - minus) / (2 * h), loss: base, h };
    }
    return null;
  }
}

/**
 * The tolerance of a gradient check: |fd − analytic| ≤ 1e-6·|analytic| + 1e-13·max(1, |L|)/h, i.e. a relative
 * error of 1e-6 plus ten times the expected rounding error of the central difference.
 */
export function gradTolerance(analytic: number, loss: number, h: number): number {
  return 1e-6 * Math.abs(analytic) + (1e-13 * Math.max(1, Math.abs(loss))) / h;
}

/** Runs forward, loss and backward with the input gradient on a fresh pass; returns that pass. */
export function analyticPass(net: Network, x: Float64Array, y: Float64Array, batch: number): Pass {
  const pass = createPass(batch, net.widths);
  forward(net, x, pass);
  lossAndGrad(net.exp.loss, pass.h[net.layers], y, pass.g[net.layers], batch, net.widths[net.layers]);
  backward(net, pass, true);
  return pass;
}

/** The network made of layers from+1..depth of `net` (sharing its arrays), for checking g_from. */
export function subNetwork(net: Network, from: number): Network {
  const exp: Experiment = { ...net.exp, depth: net.depth - from };
  return {
    exp,
    shape: { ...net.shape, depth: net.depth - from, inputs: net.widths[from] },
    layers: net.layers - from,
    widths: net.widths.slice(from),
    width: net.width,
    depth: net.depth - from,
    weights: net.weights.slice(from),
    biases: net.biases ? net.biases.slice(from) : null,
    knobs: net.knobs.subarray(from),
  };
}
