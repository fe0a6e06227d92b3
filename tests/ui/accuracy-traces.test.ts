/**
 * Accuracy over steps: with a data set the training chart gains a lower panel of the training and test
 * accuracy (0 to 1) on the same step axis as the loss and the dead units, drawn at the steps where the run was
 * evaluated; compared runs each get their lines in their own colour and style. Without a data set the chart is
 * what it was.
 */
import { describe, expect, it } from 'vitest';
import type { TracePoint } from '../../src/engine/protocol';
import { experimentWith } from '../../src/state';
import { RUN_STYLES, trainingCompareFigure, type ChartRun } from '../../src/ui/charts/compare-figures';
import { TRACE_POINTS, thinTrace, trainingFigure } from '../../src/ui/charts/training-figures';
import { toPlotlyLayout } from '../../src/ui/charts/plotly';
import { translator } from '../../src/ui/i18n';

const t = translator('en');

const plain: TracePoint[] = [
  { step: 0, loss: 2, dead: 0 },
  { step: 1, loss: 1.5, dead: 1 },
  { step: 2, loss: 1, dead: 4 },
];
/** Evaluated at steps 0, 2 and 3 only (the refresh points). */
const evaluated: TracePoint[] = [
  { step: 0, loss: 0.7, dead: 0, accuracy: 0.5, testAccuracy: 0.45 },
  { step: 1, loss: 0.6, dead: 0 },
  { step: 2, loss: 0.5, dead: 2, accuracy: 0.7, testAccuracy: 0.6 },
  { step: 3, loss: NaN, dead: 9, accuracy: 0.75, testAccuracy: 0.65 },
];

const run = (label: string, trace: TracePoint[], data: 'none' | 'spiral' = 'spiral'): ChartRun => ({
  label,
  trace,
  result: {
    backend: 'reference',
    experiment: experimentWith({ data }),
    layers: [],
    loss: 0,
    accuracy: null,
    testAccuracy: null,
    ms: 0,
  },
});

describe('the training chart with a data set', () => {
  it('without accuracy points is loss and dead units alone, as before', () => {
    const f = trainingFigure(t, plain);
    expect(f.title).toBe('Training: loss and dead units over steps');
    expect(f.lower).toBeUndefined();
    expect(f.series.map((s) => s.name)).toEqual(['loss', 'dead units, all layers']);
  });

  it('adds the training and test accuracy below, at the evaluated steps, on the same step axis', () => {
    const f = trainingFigure(t, evaluated);
    expect(f.title).toBe('Training: loss, accuracy and dead units over steps');
    expect(f.lower).toEqual({ yTitle: 'accuracy', range: [0, 1] });
    const [loss, dead, train, test] = f.series;
    expect(loss.x).toEqual([0, 1, 2, 3]);
    expect(loss.y).toEqual([0.7, 0.6, 0.5, null]);
    expect(dead).toMatchObject({ axis: 'y2', y: [0, 0, 2, 9] });
    expect(train).toMatchObject({
      name: 'training accuracy',
      axis: 'lower',
      x: [0, 2, 3],
      y: [0.5, 0.7, 0.75],
    });
    expect(test).toMatchObject({ name: 'test accuracy', axis: 'lower', x: [0, 2, 3], y: [0.45, 0.6, 0.65] });
    expect(train.dash).not.toBe(test.dash); // told apart without colour
    expect(train.symbol).toBeUndefined();
    // The lower panel's range is fixed at 0..1 (still zoomable); the dead units' axis has round ticks of its own.
    const layout = toPlotlyLayout(f) as { yaxis3?: { range?: number[] }; yaxis2?: { tickmode?: string } };
    expect(layout.yaxis3?.range).toEqual([0, 1]);
    expect(layout.yaxis2?.tickmode).toBe('auto');
  });

  it('marks the points of an accuracy line too short to show as a line', () => {
    const f = trainingFigure(t, [{ step: 4, loss: 1, dead: 0, accuracy: 0.9, testAccuracy: 0.8 }, ...plain]);
    expect(f.series[2]).toMatchObject({ x: [4], symbol: 'circle' });
  });
});

describe('compared runs with data sets', () => {
  it('draw each run’s accuracy in its colour and style, test accuracy dotted', () => {
    const f = trainingCompareFigure(t, [run('ReLU', evaluated), run('ELU', evaluated)]);
    expect(f.lower?.range).toEqual([0, 1]);
    const lower = f.series.filter((s) => s.axis === 'lower');
    expect(lower.map((s) => [s.name, s.color, s.dash])).toEqual([
      ['ReLU · training accuracy', RUN_STYLES[0].color, RUN_STYLES[0].dash],
      ['ReLU · test accuracy', RUN_STYLES[0].color, 'dot'],
      ['ELU · training accuracy', RUN_STYLES[1].color, RUN_STYLES[1].dash],
      ['ELU · test accuracy', RUN_STYLES[1].color, 'dot'],
    ]);
    expect(lower[3].x).toEqual([0, 2, 3]);
  });

  it('leave the chart as it was when no run has accuracy points', () => {
    const f = trainingCompareFigure(t, [run('ReLU', plain, 'none'), run('ELU', plain, 'none')]);
    expect(f.lower).toBeUndefined();
    expect(f.series.some((s) => s.axis === 'lower')).toBe(false);
  });
});

describe('a long trace drawn', () => {
  const long = (n: number): TracePoint[] =>
    Array.from({ length: n }, (_, step) => ({
      step,
      loss: 1 / (step + 1),
      dead: 0,
      ...(step % 10 === 3 ? { accuracy: step / n, testAccuracy: step / n / 2 } : {}),
    }));

  it('is the trace itself up to TRACE_POINTS points', () => {
    const trace = long(TRACE_POINTS);
    expect(thinTrace(trace)).toBe(trace);
  });

  it('keeps every 2^k-th point, the last one and the evaluated points thinned alike, at most ~2 × max', () => {
    const trace = long(5000);
    const shown = thinTrace(trace, 800);
    const steps = shown.map((p) => p.step);
    // 5000 / 800 → every 8th point (625), the last, and 500 evaluated points (every one: 500 ≤ 800).
    expect(steps.filter((s) => s % 8 === 0)).toHaveLength(625);
    expect(steps.at(-1)).toBe(4999);
    expect(shown.filter((p) => p.accuracy !== undefined)).toHaveLength(500);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    // The kept points stay while the trace grows (until the stride doubles).
    const grown = thinTrace(long(5100), 800).map((p) => p.step);
    expect(grown.filter((s) => s < 4990 && s % 8 === 0)).toEqual(
      steps.filter((s) => s < 4990 && s % 8 === 0),
    );
    // Evaluated points beyond max are thinned among themselves.
    expect(thinTrace(long(20_000), 800).filter((p) => p.accuracy !== undefined)).toHaveLength(500); // 2000 → every 4th
  });
});
