/**
 * The TensorFlow.js step and GEMM of the benchmark, on whichever tfjs backend is active: the WASM peer
 * (bench/peers/tfjs.ts, in Node) and the WebGPU peer (bench/gpu.ts, in the browser page) share it.
 * Fair path, as issue 3 asks: a dense layer written with tf.customGrad whose gradient uses explicit
 * tf.transpose + plain tf.matMul (tfjs's stock matMul gradient with transpose flags is 12–27× slower on the
 * WASM backend). ‖∂loss/∂h_l‖ comes from the gradient with respect to a zero tensor added to each h_l.
 * Needs tfjs's gradients registered (the caller's job: the Node and browser bundles differ there).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initWeights, makeInputs, makeTargets } from '../../src/engine/init';
import { dataSetup } from '../data';
import type { StepWorkload } from '../workloads';
import { normalData, workloadExperiment } from '../workloads';
import type { Prepared } from './types';

type DenseFn = (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;

/** z = x·W with the gradient dz·Wᵀ, xᵀ·dz through explicit transposes. */
const dense = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy, tf.transpose(saved[1])),
      tf.matMul(tf.transpose(saved[0]), dy),
    ],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as DenseFn;

/**
 * Mean, variance, dead and saturated counts of one ELU(α = 1) layer, as a [6] tensor, in few kernels (each
 * tfjs op costs a dispatch): φ′(z) = e^min(z, 0) > 0, so a unit is dead when its largest φ′ over the batch is
 * 0 and saturated when that is below 0.01.
 */
function layerStats(z: tf.Tensor, h: tf.Tensor): tf.Tensor {
  const mz = tf.moments(z);
  const mh = tf.moments(h);
  const top = tf.max(tf.exp(tf.minimum(z, 0)), 0);
  const dead = tf.sum(tf.cast(tf.equal(top, 0), 'float32'));
  const sat = tf.sum(tf.cast(tf.less(top, 0.01), 'float32'));
  return tf.stack([mz.mean, mz.variance, mh.mean, mh.variance, dead, sat]);
}

/** One training step of `w` with every statistic read back; `run()` resolves with the loss. */
export async function tfjsPrepareStep(w: StepWorkload): Promise<Prepared> {
  if (w.data) return tfjsPrepareDataStep(w);
  const exp = workloadExperiment(w);
  const n = w.width;
  const weights = Array.from({ length: w.depth }, (_, l) =>
    tf.variable(tf.tensor2d(Float32Array.from(initWeights(exp, l + 1)), [n, n])),
  );
  const x = tf.tensor2d(Float32Array.from(makeInputs(exp)), [w.batch, n]);
  const y = tf.tensor2d(Float32Array.from(makeTargets(exp)), [w.batch, n]);
  const probes = Array.from({ length: w.depth }, () => tf.zeros([w.batch, n]));
  let stats: tf.Tensor[] = [];
  const lossOf = (...args: tf.Tensor[]): tf.Scalar => {
    let h: tf.Tensor = x;
    for (let l = 0; l < w.depth; l++) {
      const z = dense(h, args[l]);
      const a = tf.elu(z);
      stats.push(tf.keep(layerStats(z, a)));
      h = tf.add(a, args[w.depth + l]);
    }
    return tf.div(tf.sum(tf.square(tf.sub(h, y))), 2 * w.batch) as tf.Scalar;
  };
  const valueAndGrads = tf.valueAndGrads(lossOf);
  return {
    async run() {
      stats = [];
      const out = tf.tidy(() => {
        const { value, grads } = valueAndGrads([...weights, ...probes]);
        const norms = grads.map((g) => tf.norm(g));
        for (let l = 0; l < w.depth; l++) weights[l].assign(tf.sub(weights[l], tf.mul(grads[l], exp.lr)));
        return tf.concat([...stats, tf.stack(norms), tf.reshape(value, [1])]);
      });
      const values = await out.data();
      out.dispose();
      for (const s of stats) s.dispose();
      return values[values.length - 1];
    },
    dispose() {
      for (const t of [...weights, x, y, ...probes]) t.dispose();
    },
  };
}

/**
 * One training step of a data-set workload (bench/data.ts): the training set and its one-hot labels live in
 * tfjs tensors, each step gathers its minibatch's rows there (tf.gather of the rows MinibatchFeed names),
 * then features → width → … → classes with a bias on every layer, the stock softmax cross-entropy
 * (tf.losses.softmaxCrossEntropy, mean over the batch), and SGD on every weight and bias; statistics of the
 * hidden layers only, as the engines give them. `run()` resolves with the loss.
 */
async function tfjsPrepareDataStep(w: StepWorkload): Promise<Prepared> {
  const d = await dataSetup(w);
  const layers = w.depth + 1;
  const weights = d.weights.map((m, l) => tf.variable(tf.tensor2d(m, [d.widths[l], d.widths[l + 1]])));
  const biases = d.biases.map((b) => tf.variable(tf.tensor1d(b)));
  const xs = tf.tensor2d(d.x, [d.count, d.features]);
  const ys = tf.tensor2d(d.y, [d.count, d.classes]);
  const probes = Array.from({ length: w.depth }, () => tf.zeros([w.batch, w.width]));
  let stats: tf.Tensor[] = [];
  let x: tf.Tensor = xs;
  let y: tf.Tensor = ys;
  // Layer 1 as a product of the minibatch (a constant) with W_1 whose gradient is xᵀ·dz alone: no engine
  // computes ∂loss/∂x, and `dense` would (one product more per step).
  const first = (xx: tf.Tensor) =>
    tf.customGrad(((w1: tf.Tensor, save: tf.GradSaveFunc) => {
      save([w1]);
      return { value: tf.matMul(xx, w1), gradFunc: (dy: tf.Tensor) => [tf.matMul(tf.transpose(xx), dy)] };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (w1: tf.Tensor) => tf.Tensor;
  const lossOf = (...args: tf.Tensor[]): tf.Scalar => {
    let h = x;
    for (let l = 0; l < w.depth; l++) {
      const z = tf.add(l === 0 ? first(x)(args[0]) : dense(h, args[l]), args[layers + l]);
      const a = tf.elu(z);
      stats.push(tf.keep(layerStats(z, a)));
      h = tf.add(a, args[2 * layers + l]);
    }
    const out = tf.add(dense(h, args[w.depth]), args[layers + w.depth]);
    return tf.losses.softmaxCrossEntropy(y, out) as tf.Scalar;
  };
  const valueAndGrads = tf.valueAndGrads(lossOf);
  let step = 0;
  return {
    async run() {
      stats = [];
      const rows = d.rows(step++);
      const out = tf.tidy(() => {
        const idx = tf.tensor1d(rows, 'int32');
        x = tf.gather(xs, idx);
        y = tf.gather(ys, idx);
        const { value, grads } = valueAndGrads([...weights, ...biases, ...probes]);
        const norms = [...grads.slice(2 * layers), ...grads.slice(0, w.depth)].map((g) => tf.norm(g));
        for (let l = 0; l < layers; l++) {
          weights[l].assign(tf.sub(weights[l], tf.mul(grads[l], d.exp.lr)));
          biases[l].assign(tf.sub(biases[l], tf.mul(grads[layers + l], d.exp.lr)));
        }
        return tf.concat([...stats, tf.stack(norms), tf.reshape(value, [1])]);
      });
      const values = await out.data();
      out.dispose();
      for (const s of stats) s.dispose();
      return values[values.length - 1];
    },
    dispose() {
      for (const t of [...weights, ...biases, xs, ys, ...probes]) t.dispose();
    },
  };
}

/** One float32 C = A·B, result read back; `run()` resolves with C[0, 0]. */
export async function tfjsPrepareGemm(m: number, n: number, k: number): Promise<Prepared> {
  const a = tf.tensor2d(normalData(m * k, 1), [m, k]);
  const b = tf.tensor2d(normalData(k * n, 2), [k, n]);
  return {
    async run() {
      const c = tf.matMul(a, b);
      const values = await c.data();
      c.dispose();
      return values[0];
    },
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}
