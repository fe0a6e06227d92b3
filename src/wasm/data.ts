/**
 * Data-set experiments on the WASM engine: each step's minibatch written into the input and target buffers,
 * and the loss of the read-out's logits with its gradient. Both work on [batch, features] and
 * [batch, classes] tensors (at most 8192 × 64 floats), so they are plain TypeScript on float32 views of the
 * kernel memory; the big products stay in the kernels.
 */
import { loadDataSet, type DataSet } from '../engine/data/dataset';
import { softmaxCrossEntropy } from '../engine/data/evaluate';
import { MinibatchFeed } from '../engine/data/minibatch';
import type { Experiment } from '../engine/experiment';
import { STAT, type KernelExports } from './kernels';
import type { Layout } from './layout';

/** The minibatches of one data-set experiment (src/engine/data/minibatch.ts), written into kernel memory. */
export class DataFeed {
  private constructor(
    readonly data: DataSet,
    private readonly feed: MinibatchFeed,
  ) {}

  /** The feed of `exp` (which has a data set): loads the (cached) data set. */
  static async load(exp: Experiment): Promise<DataFeed> {
    const data = await loadDataSet(exp);
    return new DataFeed(data, new MinibatchFeed(data, exp.seed, exp.batch));
  }

  /**
   * Writes minibatch `step` (the reference engine's feed.batchAt(step), rounded to float32) into h_0
   * ([batch, features]) and the one-hot targets into y ([batch, classes]). Copies straight from the training
   * set by row, so a step allocates no [batch, features] array.
   */
  upload(memory: WebAssembly.Memory, lay: Layout, step: number): void {
    const { features, classes, train } = this.data;
    const rows = this.feed.rowsAt(step);
    const batch = rows.length;
    const x = new Float32Array(memory.buffer, lay.h[0], batch * features);
    const y = new Float32Array(memory.buffer, lay.y, batch * classes).fill(0);
    const source = train.x;
    for (let i = 0; i < batch; i++) {
      const r = rows[i];
      const from = r * features;
      const to = i * features;
      for (let f = 0; f < features; f++) x[to + f] = source[from + f];
      y[i * classes + train.labels[r]] = 1;
    }
  }
}

/**
 * The loss of a data-set step from the read-out's logits h_top ([batch, classes]) and one-hot y, with its
 * gradient written over the read-out's φ′ (= 1) in d_top, where the gradient pass takes it as δ:
 *  - xent: softmax cross-entropy in float64 (evaluate.ts, the reference's own function) on the float32 logits,
 *    the gradient (softmax − y)/batch rounded to float32;
 *  - mse: (1/(2·batch))·Σ(h − y)², gradient (h − y)/batch, by the loss kernel (its Σg² lands in block 0 at
 *    `stats`, unused: ‖∂loss/∂h_L‖ comes through the read-out).
 */
export function dataLoss(k: KernelExports, exp: Experiment, lay: Layout, stats: number): number {
  const top = lay.layers;
  const classes = lay.widths[top];
  const batch = exp.batch;
  const size = batch * classes;
  const buf = k.memory.buffer;
  if (exp.loss === 'xent') {
    const out = new Float32Array(buf, lay.h[top], size);
    const y = new Float32Array(buf, lay.y, size);
    return softmaxCrossEntropy(out, y, new Float32Array(buf, lay.d[top - 1], size), batch, classes);
  }
  if (exp.loss !== 'mse') throw new Error(`wasm engine: loss ${exp.loss} has no data-set form`);
  k.lossGrad(lay.h[top], lay.y, lay.d[top - 1], 0, size, batch, 0, stats);
  return new Float64Array(buf, stats, STAT.count)[STAT.loss];
}
