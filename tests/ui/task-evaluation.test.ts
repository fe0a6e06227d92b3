/**
 * What the engine Worker sends the page of a data-set run (src/engine/trace.ts): the accuracies every run
 * reports, the decision boundary's grid over the data and its probabilities, the digits' predictions and
 * images, accuracy on the trace points of the evaluated steps only, and how often a slow engine evaluates.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/engine/backend';
import { loadDataSet } from '../../src/engine/data/dataset';
import { dataSetAccuracy, softmax } from '../../src/engine/data/evaluate';
import { ReferenceBackend } from '../../src/engine/reference/backend';
import {
  BOUNDARY_GRID,
  DIGITS_SHOWN,
  EvaluationBudget,
  evaluateRun,
  tracePoint,
} from '../../src/engine/trace';
import { parse } from '../../src/state';

async function trained(query: string, steps: number): Promise<ReferenceBackend> {
  const backend = new ReferenceBackend();
  await backend.init(parse(query).experiment);
  for (let i = 0; i < steps; i++) await backend.step({ train: true });
  return backend;
}

describe('a data-set run evaluated for the page', () => {
  it('reports the accuracies runExperiment reports, and a boundary over a grid covering every point', async () => {
    const query = 'data=spiral&depth=3&width=16&batch=32&lr=0.1';
    const { experiment } = parse(query);
    const backend = await trained(query, 20);
    const e = await evaluateRun(backend, experiment, 20, true);
    expect({ accuracy: e.accuracy, testAccuracy: e.testAccuracy }).toEqual(
      await dataSetAccuracy(backend, await loadDataSet(experiment)),
    );
    expect(e.step).toBe(20);
    const view = e.task!;
    if (view.kind !== 'boundary') throw new Error('expected a boundary');
    expect([view.x.length, view.y.length, view.p.length]).toEqual([
      BOUNDARY_GRID,
      BOUNDARY_GRID,
      BOUNDARY_GRID ** 2,
    ]);
    // The grid is square and covers every training and test point with a margin.
    const data = await loadDataSet(experiment);
    const span = (a: Float64Array) => a[a.length - 1] - a[0];
    expect(span(view.x)).toBeCloseTo(span(view.y), 12);
    for (const set of [data.rawTrain, data.rawTest])
      for (let i = 0; i < set.count; i++) {
        expect(set.x[2 * i]).toBeGreaterThan(view.x[0]);
        expect(set.x[2 * i]).toBeLessThan(view.x[BOUNDARY_GRID - 1]);
        expect(set.x[2 * i + 1]).toBeGreaterThan(view.y[0]);
        expect(set.x[2 * i + 1]).toBeLessThan(view.y[BOUNDARY_GRID - 1]);
      }
    expect(view.train.x).toBe(data.rawTrain.x);
    expect(view.test.labels).toBe(data.rawTest.labels);
    // Grid point (row 5, column 31) is the raw point (x[31], y[5]), standardised as the training set was.
    const point = Float64Array.of(
      (view.x[31] - data.mean[0]) / data.scale[0],
      (view.y[5] - data.mean[1]) / data.scale[1],
    );
    const p = softmax(await backend.logits(point, 1), 1, 2)[1];
    expect(view.p[5 * BOUNDARY_GRID + 31]).toBeCloseTo(p, 6);
    for (const v of view.p) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('evaluates the digits: every test image predicted, the first images’ pixels as they are', async () => {
    const query = 'data=digits&depth=1&width=16&batch=32&lr=0.1';
    const { experiment } = parse(query);
    const backend = await trained(query, 3);
    const e = await evaluateRun(backend, experiment, 3, true);
    const view = e.task!;
    if (view.kind !== 'digits') throw new Error('expected digits');
    const data = await loadDataSet(experiment);
    expect(view.labels).toEqual(data.test.labels);
    expect(view.predicted).toHaveLength(360);
    expect(Array.from(view.images)).toEqual(Array.from(data.rawTest.x.subarray(0, DIGITS_SHOWN * 64)));
    const right = view.predicted.filter((p, i) => p === view.labels[i]).length;
    expect(e.testAccuracy).toBeCloseTo(right / 360, 12);
    // Without a view (the console's runs), only the accuracies.
    expect((await evaluateRun(backend, experiment, 3, false)).task).toBeUndefined();
  });

  it('cuts a large network’s evaluation into calls, with the same outputs', async () => {
    const query = 'data=gauss&depth=1&width=1024&batch=8';
    const { experiment } = parse(query);
    const backend = await trained(query, 0);
    const calls: number[] = [];
    const counting: Backend = {
      ...backend,
      kind: 'reference',
      init: (e) => backend.init(e),
      step: (o) => backend.step(o),
      dispose: () => backend.dispose(),
      logits: (inputs, count) => {
        calls.push(count);
        return backend.logits(inputs, count);
      },
    };
    const e = await evaluateRun(counting, experiment, 0, true);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(400 + 200 + BOUNDARY_GRID ** 2);
    expect(e).toEqual(await evaluateRun(backend, experiment, 0, true));
  });
});

describe('trace points and the evaluation budget', () => {
  const pass = { loss: 0.5, layers: [] };

  it('put the accuracy on the trace point of the evaluated step only', () => {
    const evaluation = { step: 4, accuracy: 0.9, testAccuracy: 0.8 };
    expect(tracePoint(4, pass, evaluation)).toEqual({ loss: 0.5, dead: 0, ...evaluation });
    expect(tracePoint(5, pass, evaluation)).toEqual({ step: 5, loss: 0.5, dead: 0 });
  });

  it('lets evaluations take their share of the time: after one of 30 ms at share ½, none for 30 ms', () => {
    const budget = new EvaluationBudget(0.5);
    expect(budget.due(0)).toBe(true);
    budget.spent(30, 100);
    expect(budget.due(129)).toBe(false);
    expect(budget.due(130)).toBe(true);
    const quarter = new EvaluationBudget(0.25);
    quarter.spent(10, 0);
    expect(quarter.due(29)).toBe(false);
    expect(quarter.due(30)).toBe(true);
  });
});
