/**
 * Peer: jax-js 0.1.25 on its `wasm` device. One thread: jax-js only starts its worker pool where a global
 * `Worker` and SharedArrayBuffer exist, and Node has no global `Worker`.
 * Fair path: the whole step (forward, valueAndGrad, statistics, SGD) is one jit-compiled function, so jax-js
 * can fuse element-wise work into its generated kernels. ‖∂loss/∂h_l‖ comes from the gradient with respect
 * to a zero array added to each h_l. jax-js arrays are reference counted: every use but the last takes `.ref`.
 */
import { defaultDevice, init, jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';
import { initWeights, makeInputs, makeTargets } from '../../src/engine/init';
import { dataSetup } from '../data';
import type { StepWorkload } from '../workloads';
import { normalData, workloadExperiment } from '../workloads';
import type { BenchEngine, Prepared } from './types';

type Params = { w: np.Array[]; e: np.Array[] };

/** mse loss and, as aux, per-layer [preMean, preVar, postMean, postVar, dead, saturated] of ELU(α = 1). */
function lossAndStats(p: Params, x: np.Array, y: np.Array, batch: number): [np.Array, np.Array] {
  let h = x;
  const rows: np.Array[] = [];
  for (let l = 0; l < p.w.length; l++) {
    const z = np.matmul(h, p.w[l]);
    const a = nn.elu(z.ref);
    // φ′(z) = e^min(z, 0) > 0: per unit, its largest value over the batch decides dead (= 0) and saturated
    // (< 0.01).
    const top = np.max(np.exp(np.minimum(z.ref, 0)), 0);
    const dead = np.sum(np.where(np.equal(top.ref, 0), 1, 0));
    const sat = np.sum(np.where(np.less(top, 0.01), 1, 0));
    rows.push(np.stack([np.mean(z.ref), np.var_(z), np.mean(a.ref), np.var_(a.ref), dead, sat]));
    h = a.add(p.e[l]);
  }
  const loss = np.sum(np.square(h.sub(y))).mul(1 / (2 * batch));
  return [loss, np.stack(rows)];
}

async function prepareStep(w: StepWorkload): Promise<Prepared> {
  if (w.data) return prepareDataStep(w);
  const exp = workloadExperiment(w);
  const n = w.width;
  let weights = Array.from({ length: w.depth }, (_, l) =>
    np.array(Float32Array.from(initWeights(exp, l + 1))).reshape([n, n]),
  );
  const x = np.array(Float32Array.from(makeInputs(exp))).reshape([w.batch, n]);
  const y = np.array(Float32Array.from(makeTargets(exp))).reshape([w.batch, n]);
  const probes = Array.from({ length: w.depth }, () => np.zeros([w.batch, n]));
  const f = (p: Params, xx: np.Array, yy: np.Array) => lossAndStats(p, xx, yy, w.batch);
  const step = jit((p: Params, xx: np.Array, yy: np.Array) => {
    const [[loss, aux], g] = valueAndGrad(f, { hasAux: true })({ w: p.w.map((t) => t.ref), e: p.e }, xx, yy);
    const norm = (t: np.Array) => np.sqrt(np.sum(np.square(t)));
    const norms = np.stack([...g.e.map((t) => norm(t)), ...g.w.map((t) => norm(t.ref))]);
    const next = p.w.map((t, l) => t.sub(g.w[l].mul(exp.lr)));
    return { w: next, stats: np.concatenate([aux.reshape([-1]), norms, loss.reshape([1])]) };
  });
  return {
    async run() {
      const out = step({ w: weights, e: probes.map((t) => t.ref) }, x.ref, y.ref);
      weights = out.w;
      const values = await out.stats.data();
      return values[values.length - 1];
    },
    dispose() {
      for (const t of [...weights, x, y, ...probes]) t.dispose();
      step.dispose();
    },
  };
}

type DataParams = { w: np.Array[]; b: np.Array[]; e: np.Array[] };

/**
 * A data-set workload's softmax cross-entropy (mean over the batch) and, as aux, the hidden layers' statistics
 * as in lossAndStats; every layer has a bias, and a linear read-out width → classes follows the hidden layers.
 */
function dataLossAndStats(p: DataParams, x: np.Array, y: np.Array, batch: number): [np.Array, np.Array] {
  const depth = p.e.length;
  let h = x;
  const rows: np.Array[] = [];
  for (let l = 0; l < depth; l++) {
    const z = np.matmul(h, p.w[l]).add(p.b[l]);
    const a = nn.elu(z.ref);
    const top = np.max(np.exp(np.minimum(z.ref, 0)), 0);
    const dead = np.sum(np.where(np.equal(top.ref, 0), 1, 0));
    const sat = np.sum(np.where(np.less(top, 0.01), 1, 0));
    rows.push(np.stack([np.mean(z.ref), np.var_(z), np.mean(a.ref), np.var_(a.ref), dead, sat]));
    h = a.add(p.e[l]);
  }
  const out = np.matmul(h, p.w[depth]).add(p.b[depth]);
  const loss = np.sum(nn.logSoftmax(out, -1).mul(y)).mul(-1 / batch);
  return [loss, np.stack(rows)];
}

/**
 * One training step of a data-set workload (bench/data.ts). The training set and its one-hot labels are jax-js
 * arrays; the jit-compiled step takes the minibatch's rows (np.take of the rows MinibatchFeed names), then
 * valueAndGrad, statistics and SGD on every weight and bias, as one function.
 */
async function prepareDataStep(w: StepWorkload): Promise<Prepared> {
  const d = await dataSetup(w);
  const lr = d.exp.lr;
  let weights = d.weights.map((m, l) => np.array(m).reshape([d.widths[l], d.widths[l + 1]]));
  let biases = d.biases.map((b) => np.array(b));
  const xs = np.array(d.x).reshape([d.count, d.features]);
  const ys = np.array(d.y).reshape([d.count, d.classes]);
  const probes = Array.from({ length: w.depth }, () => np.zeros([w.batch, w.width]));
  const f = (p: DataParams, xx: np.Array, yy: np.Array) => dataLossAndStats(p, xx, yy, w.batch);
  const step = jit((p: DataParams, xAll: np.Array, yAll: np.Array, idx: np.Array) => {
    const x = np.take(xAll, idx.ref, 0);
    const y = np.take(yAll, idx, 0);
    const params = { w: p.w.map((t) => t.ref), b: p.b.map((t) => t.ref), e: p.e };
    const [[loss, aux], g] = valueAndGrad(f, { hasAux: true })(params, x, y);
    const norm = (t: np.Array) => np.sqrt(np.sum(np.square(t)));
    const norms = np.stack([...g.e.map((t) => norm(t)), ...g.w.slice(0, w.depth).map((t) => norm(t.ref))]);
    const nextW = p.w.map((t, l) => t.sub(g.w[l].mul(lr)));
    const nextB = p.b.map((t, l) => t.sub(g.b[l].mul(lr)));
    return { w: nextW, b: nextB, stats: np.concatenate([aux.reshape([-1]), norms, loss.reshape([1])]) };
  });
  let t = 0;
  return {
    async run() {
      const idx = np.array(d.rows(t++));
      const out = step({ w: weights, b: biases, e: probes.map((p) => p.ref) }, xs.ref, ys.ref, idx);
      weights = out.w;
      biases = out.b;
      const values = await out.stats.data();
      return values[values.length - 1];
    },
    dispose() {
      for (const a of [...weights, ...biases, xs, ys, ...probes]) a.dispose();
      step.dispose();
    },
  };
}

async function prepareGemm(m: number, n: number, k: number): Promise<Prepared> {
  const a = np.array(normalData(m * k, 1)).reshape([m, k]);
  const b = np.array(normalData(k * n, 2)).reshape([k, n]);
  return {
    async run() {
      return (await np.matmul(a.ref, b.ref).data())[0];
    },
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}

/** Initializes jax-js on its wasm device. */
export async function jaxEngine(): Promise<BenchEngine> {
  const devices = await init('wasm');
  if (!devices.includes('wasm'))
    throw new Error(`jax-js: no wasm device (got ${devices.join(', ') || 'none'})`);
  defaultDevice('wasm');
  return { name: 'jax-js', prepareStep, prepareGemm };
}
