/**
 * Forward pass, loss and backward pass of the reference engine (EXPERIMENT.md semantics), in float64.
 *
 * Shapes: x is row-major [batch, widths[0]], every z_l, h_l, g_l, δ_l row-major [batch, widths[l]], y
 * [batch, widths[layers]]; W_l is row-major [fan_in, fan_out] = [widths[l − 1], widths[l]].
 * Every φ, φ′ and ∂φ/∂k comes from activations.ts through `activationOf(exp, k_l)`.
 */
import { activationOf } from '../activations';
import { softmaxCrossEntropy } from '../data/evaluate';
import type { LossKind } from '../experiment';
import { matmulAB, matmulABt, matmulAtB } from './matmul';
import type { Network, Pass } from './network';

/**
 * Forward pass: h_0 = x, z_l = h_{l−1}·W_l + b_l (no bias term when the network has none), h_l = φ(z_l) for the
 * hidden layers l = 1..depth with layer l's k, and h = z for the read-out. Copies `x` ([batch, widths[0]]) into
 * `pass.h[0]`; fills `pass.z`, `pass.h`.
 */
export function forward(net: Network, x: Float64Array, pass: Pass): void {
  pass.h[0].set(x.subarray(0, pass.batch * pass.widths[0]));
  for (let l = 1; l <= net.layers; l++) forwardLayer(net, pass, l);
}

/** Layer l of `forward` (1-based): z_l and h_l from h_{l−1}, in `pass`. */
export function forwardLayer(net: Network, pass: Pass, l: number): void {
  const { batch, widths } = pass;
  const fanIn = widths[l - 1];
  const fanOut = widths[l];
  const size = batch * fanOut;
  const z = pass.z[l - 1];
  const h = pass.h[l];
  matmulAB(pass.h[l - 1], net.weights[l - 1], z, batch, fanIn, fanOut);
  if (net.biases) {
    const b = net.biases[l - 1];
    for (let r = 0; r < batch; r++) {
      const o = r * fanOut;
      for (let j = 0; j < fanOut; j++) z[o + j] += b[j];
    }
  }
  if (l > net.depth) {
    h.set(z.subarray(0, size)); // the linear read-out
    return;
  }
  const { phi } = activationOf(net.exp, net.knobs[l - 1]);
  for (let i = 0; i < size; i++) h[i] = phi(z[i]);
}

/**
 * The loss of output `out` ([batch, width]) against targets `y` ([batch, width]; one-hot labels for xent), and
 * its gradient written to `grad` ([batch, width]): mse = (1/(2·batch))·Σ‖out − y‖² with gradient
 * (out − y)/batch; probe = (1/batch)·Σ⟨out, y⟩ with gradient y/batch; xent = −(1/batch)·Σ log softmax(out)·y with
 * gradient (softmax(out) − y)/batch. Returns the loss.
 */
export function lossAndGrad(
  kind: LossKind,
  out: Float64Array,
  y: Float64Array,
  grad: Float64Array,
  batch: number,
  width: number,
): number {
  const size = batch * width;
  let sum = 0;
  if (kind === 'xent') return softmaxCrossEntropy(out, y, grad, batch, width);
  if (kind === 'mse') {
    for (let i = 0; i < size; i++) {
      const d = out[i] - y[i];
      sum += d * d;
      grad[i] = d / batch;
    }
    return sum / (2 * batch);
  }
  for (let i = 0; i < size; i++) {
    sum += out[i] * y[i];
    grad[i] = y[i] / batch;
  }
  return sum / batch;
}

/**
 * Backward pass, after `forward` and with g = ∂loss/∂(output) already in `pass.g[layers]`. For l = layers..1:
 * δ_l = g_l ⊙ φ′(z_l) (δ = g for the read-out); ∂loss/∂W_l = h_{l−1}ᵀ·δ_l; ∂loss/∂b_l = column sums of δ_l
 * (only with biases); ∂loss/∂k_l = Σ g_l ⊙ ∂φ/∂k(z_l) (hybrid only, else 0); g_{l−1} = δ_l·W_lᵀ. g_0 (the
 * gradient with respect to the inputs) is computed only with `inputGrad`, since no statistic needs it.
 */
export function backward(net: Network, pass: Pass, inputGrad = false): void {
  for (let l = net.layers; l >= 1; l--) backwardLayer(net, pass, l, inputGrad);
}

/** Layer l of `backward` (1-based, from the top: g_l in pass.g[l] already): δ_l, ∂W_l, ∂b_l, ∂k_l, g_{l−1}. */
export function backwardLayer(net: Network, pass: Pass, l: number, inputGrad = false): void {
  const { batch, widths, delta } = pass;
  const hybrid = net.exp.act === 'hybrid';
  const fanIn = widths[l - 1];
  const fanOut = widths[l];
  const size = batch * fanOut;
  const z = pass.z[l - 1];
  const g = pass.g[l];
  let dk = 0;
  if (l > net.depth) {
    delta.set(g.subarray(0, size)); // the linear read-out: φ′ = 1
  } else {
    const { dphi, dphiDknob } = activationOf(net.exp, net.knobs[l - 1]);
    for (let i = 0; i < size; i++) {
      delta[i] = g[i] * dphi(z[i]);
      if (hybrid) dk += g[i] * dphiDknob(z[i]);
    }
  }
  pass.dk[l - 1] = dk;
  matmulAtB(pass.h[l - 1], delta, pass.dW[l - 1], batch, fanIn, fanOut);
  if (net.biases) {
    const db = pass.db[l - 1].fill(0);
    for (let r = 0; r < batch; r++) {
      const o = r * fanOut;
      for (let j = 0; j < fanOut; j++) db[j] += delta[o + j];
    }
  }
  if (l > 1 || inputGrad) matmulABt(delta, net.weights[l - 1], pass.g[l - 1], batch, fanOut, fanIn);
}

/**
 * One projected SGD update from the gradients in `pass`: W_l −= lr·∂W_l, b_l −= lr·∂b_l (only with biases),
 * and for the hybrid k_l ← clamp(k_l − lr·∂k_l, 0, 1). The projection onto [0, 1] keeps φ a blend of ReLU
 * and ELU_α, the range the URL schema allows for `knob`.
 */
export function sgdUpdate(net: Network, pass: Pass, lr: number): void {
  for (let l = 0; l < net.layers; l++) {
    const w = net.weights[l];
    const dW = pass.dW[l];
    for (let i = 0; i < w.length; i++) w[i] -= lr * dW[i];
    if (net.biases) {
      const b = net.biases[l];
      const db = pass.db[l];
      for (let j = 0; j < b.length; j++) b[j] -= lr * db[j];
    }
    if (net.exp.act === 'hybrid' && l < net.depth)
      net.knobs[l] = Math.min(1, Math.max(0, net.knobs[l] - lr * pass.dk[l]));
  }
  // Non-negative weights: project after the whole update (with tied weights, after the summed update).
  if (net.exp.nonneg) {
    for (const w of new Set(net.weights)) for (let i = 0; i < w.length; i++) if (w[i] < 0) w[i] = 0;
  }
}
