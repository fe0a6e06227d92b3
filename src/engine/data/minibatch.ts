/**
 * Minibatches of a data-set experiment: step t (0-based, counting training steps; the measured pass after
 * `steps` updates uses t = steps) trains on positions [t·batch, (t+1)·batch) of the endless sequence formed by
 * one permutation of the training set per epoch (epoch e: permutation(n, Rng(seed, STREAM.minibatch, e))). So
 * each epoch visits every training point once, without replacement, and a batch larger than the set spans
 * epochs.
 */
import { Rng, STREAM } from '../random';
import type { DataSet } from './dataset';
import { permutation } from './digits';

/** One minibatch: inputs [batch, features] (standardised), one-hot targets [batch, classes], labels. */
export interface Minibatch {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly labels: Int32Array;
  /** The training-set rows drawn, in order. */
  readonly rows: Int32Array;
}

/** Draws the minibatches of one experiment; keeps the last epoch's permutation. */
export class MinibatchFeed {
  private epoch = -1;
  private order: Int32Array = new Int32Array(0);

  constructor(
    readonly data: DataSet,
    private readonly seed: number,
    readonly batch: number,
  ) {}

  /** The training-set rows of step `step`. */
  rowsAt(step: number): Int32Array {
    const n = this.data.train.count;
    const rows = new Int32Array(this.batch);
    let position = step * this.batch;
    for (let i = 0; i < this.batch; i++, position++) {
      const epoch = Math.floor(position / n);
      if (epoch !== this.epoch) {
        this.order = permutation(n, new Rng(this.seed, STREAM.minibatch, epoch));
        this.epoch = epoch;
      }
      rows[i] = this.order[position - epoch * n];
    }
    return rows;
  }

  /** The minibatch of step `step`. */
  batchAt(step: number): Minibatch {
    const rows = this.rowsAt(step);
    const { features, classes, train } = this.data;
    const x = new Float64Array(this.batch * features);
    const y = new Float64Array(this.batch * classes);
    const labels = new Int32Array(this.batch);
    rows.forEach((r, i) => {
      x.set(train.x.subarray(r * features, (r + 1) * features), i * features);
      labels[i] = train.labels[r];
      y[i * classes + labels[i]] = 1;
    });
    return { x, y, labels, rows };
  }
}
