/**
 * Learning, as a user relies on it, on the float64 reference engine (the WASM engine's own learning tests are in
 * tests/wasm): seeded runs, so deterministic. The settings: circles with ELU, depth 4 × width 32, lr
 * 0.1, 1,000 steps → ≥ 95% test accuracy; digits with ELU, depth 2 × width 128 → ≥ 90% test accuracy within
 * 2,000 steps (here 300 steps of batch 64 already do; fewer steps keep the test quick). Also the evaluation
 * itself: accuracy is the share of argmax hits, and an untrained network is near chance.
 */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../../src/engine/backend';
import { loadDataSet } from '../../../src/engine/data/dataset';
import { accuracyOf, predictions, softmax, softmaxCrossEntropy } from '../../../src/engine/data/evaluate';
import { ReferenceBackend } from '../../../src/engine/reference/backend';
import { experimentWith } from '../../../src/state/schema';
import { parse } from '../../../src/state';

const run = (query: string) => runExperiment(new ReferenceBackend(), parse(query).experiment);

describe('learning a task (reference engine)', () => {
  it('circles: ELU, depth 4 × width 32, lr 0.1, 1,000 steps reaches ≥ 95% test accuracy', async () => {
    const r = await run('data=circles&act=elu&depth=4&width=32&batch=64&lr=0.1&steps=1000');
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('digits: ELU, depth 2 × width 128 reaches ≥ 90% test accuracy within 2,000 steps', async () => {
    const r = await run('data=digits&act=elu&depth=2&width=128&batch=64&lr=0.1&steps=300');
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('untrained networks are near chance; no data set means null accuracies', async () => {
    const spiral = await run('data=spiral&depth=4&width=32');
    expect(spiral.testAccuracy).toBeGreaterThan(0.2);
    expect(spiral.testAccuracy).toBeLessThan(0.8);
    const digits = await run('data=digits&depth=2&width=32');
    expect(digits.testAccuracy).toBeLessThan(0.35);
    const none = await run('depth=2&width=8&batch=4');
    expect(none.accuracy).toBeNull();
    expect(none.testAccuracy).toBeNull();
  });

  it('accuracy is the share of rows whose largest logit is their label (first index on ties)', async () => {
    const logits = [0.1, 0.9, 2, -1, 3, 3, Number.NaN, Number.NaN];
    expect(Array.from(predictions(logits, 4, 2))).toEqual([1, 0, 0, -1]);
    expect(accuracyOf(predictions(logits, 4, 2), Int32Array.from([1, 1, 0, 0]))).toBe(0.5);
    // The backend's logits and the run's accuracy agree.
    const exp = experimentWith({ data: 'gauss', depth: 2, width: 8, steps: 5, lr: 0.1 });
    const backend = new ReferenceBackend();
    const r = await runExperiment(backend, exp);
    const data = await loadDataSet(exp);
    const out = await backend.logits(data.test.x, data.test.count);
    expect(r.testAccuracy).toBe(accuracyOf(predictions(out, data.test.count, 2), data.test.labels));
  });

  it('cross-entropy equals −log softmax of the label, stable for huge logits', () => {
    const out = [1000, 0, -2, 3];
    const y = [1, 0, 0, 1];
    const grad = new Float64Array(4);
    const loss = softmaxCrossEntropy(out, y, grad, 2, 2);
    const p = softmax(out, 2, 2);
    expect(loss).toBeCloseTo(-(Math.log(p[0]) + Math.log(p[3])) / 2, 12);
    expect(loss).toBeCloseTo(Math.log1p(Math.exp(-5)) / 2, 12);
    const expected = [(p[0] - 1) / 2, p[1] / 2, p[2] / 2, (p[3] - 1) / 2];
    grad.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 15));
  });
});
