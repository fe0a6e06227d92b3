/**
 * A tiny float64 MLP for the lesson models (scenes 5 and 6 use it): fully connected layers, φ on every hidden
 * layer, a linear output. Sizes are a few dozen units, so plain loops; no engine backend is involved.
 * Weight layout: row-major [fanOut, fanIn], i.e. w[o·fanIn + i] connects input i to output o.
 */
import type { Activation } from '../../engine/activations';

/** One fully connected layer. */
export interface Dense {
  readonly fanIn: number;
  readonly fanOut: number;
  /** Row-major [fanOut, fanIn]. */
  readonly w: Float64Array;
  /** Length fanOut. */
  readonly b: Float64Array;
}

/** Pre-activations and outputs of every layer for a batch, each row-major [batch, width]. */
export interface ForwardTrace {
  /** zs[l] = pre-activations of layer l (the last one is the network output). */
  readonly zs: Float64Array[];
  /** hs[0] = input; hs[l + 1] = φ(zs[l]) for hidden layers, = zs[l] for the output layer. */
  readonly hs: Float64Array[];
}

/** y = x·Wᵀ + b for a batch `x` of shape [batch, fanIn]; returns [batch, fanOut]. */
export function affine(layer: Dense, x: Float64Array, batch: number): Float64Array {
  const { fanIn, fanOut, w, b } = layer;
  const out = new Float64Array(batch * fanOut);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < fanOut; o++) {
      let s = b[o];
      for (let i = 0; i < fanIn; i++) s += w[o * fanIn + i] * x[n * fanIn + i];
      out[n * fanOut + o] = s;
    }
  }
  return out;
}

/** Forward pass of a batch [batch, fanIn of layer 0]; φ on all layers but the last. */
export function forward(
  layers: readonly Dense[],
  act: Activation,
  x: Float64Array,
  batch: number,
): ForwardTrace {
  const zs: Float64Array[] = [];
  const hs: Float64Array[] = [x];
  let h = x;
  for (let l = 0; l < layers.length; l++) {
    const z = affine(layers[l], h, batch);
    zs.push(z);
    h = l + 1 < layers.length ? z.map((v) => act.phi(v)) : z;
    hs.push(h);
  }
  return { zs, hs };
}

/** Gradients of one layer, same layout as the layer. */
export interface DenseGrad {
  readonly w: Float64Array;
  readonly b: Float64Array;
}

/**
 * Backward pass for the loss (1/(2·batch))·Σ(output − target)², output width 1 or more ([batch, out]).
 * Returns the loss and the gradients of every layer.
 */
export function mseBackward(
  layers: readonly Dense[],
  act: Activation,
  trace: ForwardTrace,
  target: Float64Array,
  batch: number,
): { loss: number; grads: DenseGrad[] } {
  const L = layers.length;
  const out = trace.hs[L];
  let delta = new Float64Array(out.length);
  let loss = 0;
  for (let k = 0; k < out.length; k++) {
    const e = out[k] - target[k];
    loss += e * e;
    delta[k] = e / batch;
  }
  loss /= 2 * batch;
  const grads: DenseGrad[] = new Array<DenseGrad>(L);
  for (let l = L - 1; l >= 0; l--) {
    const { fanIn, fanOut, w } = layers[l];
    const x = trace.hs[l];
    const gw = new Float64Array(fanOut * fanIn);
    const gb = new Float64Array(fanOut);
    const dx = new Float64Array(batch * fanIn);
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < fanOut; o++) {
        const d = delta[n * fanOut + o];
        if (d === 0) continue;
        gb[o] += d;
        for (let i = 0; i < fanIn; i++) {
          gw[o * fanIn + i] += d * x[n * fanIn + i];
          dx[n * fanIn + i] += d * w[o * fanIn + i];
        }
      }
    }
    grads[l] = { w: gw, b: gb };
    if (l > 0) {
      const z = trace.zs[l - 1];
      for (let k = 0; k < dx.length; k++) dx[k] *= act.dphi(z[k]);
      delta = dx;
    }
  }
  return { loss, grads };
}
