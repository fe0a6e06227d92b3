/**
 * Peer: jax-js 0.1.25 on its `wasm` device. One thread: jax-js only starts its worker pool where a global
 * `Worker` and SharedArrayBuffer exist, and Node has no global `Worker`.
 * Fair path: the whole step (forward, valueAndGrad, statistics, SGD) is one jit-compiled function, so jax-js
 * can fuse element-wise work into its generated kernels. ‖∂loss/∂h_l‖ comes from the gradient with respect
 * to a zero array added to each h_l. jax-js arrays are reference counted: every use but the last takes `.ref`.
 */
import { defaultDevice, init, jit, nn, numpy as np, valueAndGrad } from '@jax-js/jax';
import { initWeights, makeInputs, makeTargets } from '../../src/engine/init';
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
