/** Minibatches: seeded, without replacement within an epoch, every point once per epoch, one-hot targets. */
import { describe, expect, it } from 'vitest';
import { loadDataSet } from '../../../src/engine/data/dataset';
import { MinibatchFeed } from '../../../src/engine/data/minibatch';
import { experimentWith } from '../../../src/state/schema';

describe('minibatches', () => {
  it('visit every training point once per epoch, in a seeded order, batches spanning epochs', async () => {
    const data = await loadDataSet(experimentWith({ data: 'xor', seed: 4 }));
    const n = data.train.count; // 400
    for (const batch of [1, 64, 150, 400, 1000]) {
      const feed = new MinibatchFeed(data, 4, batch);
      const seen: number[] = [];
      for (let step = 0; seen.length < 3 * n; step++) seen.push(...feed.rowsAt(step));
      for (let e = 0; e < 3; e++) {
        const epoch = seen.slice(e * n, (e + 1) * n).sort((a, b) => a - b);
        expect(epoch).toEqual(Array.from({ length: n }, (_, i) => i));
      }
      // Epochs are shuffled differently, and the same seed gives the same order (fresh feed, any step first).
      expect(seen.slice(0, n)).not.toEqual(seen.slice(n, 2 * n));
      expect(Array.from(new MinibatchFeed(data, 4, batch).rowsAt(1))).toEqual(seen.slice(batch, 2 * batch));
    }
    expect(Array.from(new MinibatchFeed(data, 5, 64).rowsAt(0))).not.toEqual(
      Array.from(new MinibatchFeed(data, 4, 64).rowsAt(0)),
    );
  });

  it('gathers standardised inputs and one-hot targets of the drawn rows', async () => {
    const data = await loadDataSet(experimentWith({ data: 'digits' }));
    const b = new MinibatchFeed(data, 1, 7).batchAt(5);
    expect(b.x.length).toBe(7 * 64);
    expect(b.y.length).toBe(7 * 10);
    b.rows.forEach((r, i) => {
      expect(Array.from(b.x.subarray(i * 64, (i + 1) * 64))).toEqual(
        Array.from(data.train.x.subarray(r * 64, (r + 1) * 64)),
      );
      expect(b.labels[i]).toBe(data.train.labels[r]);
      const row = Array.from(b.y.subarray(i * 10, (i + 1) * 10));
      expect(row.reduce((s, v) => s + v, 0)).toBe(1);
      expect(row[b.labels[i]]).toBe(1);
    });
  });
});
