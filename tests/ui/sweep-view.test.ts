/**
 * The sweep view's pure parts: where a value crosses a level (the theory's edge), the colour scale per metric,
 * the plot's traces, the text summary, and the theory's value per cell read from the Worker's predictions (the
 * same as theory/sweep.ts's theoryMetric).
 */
import { describe, expect, it } from 'vitest';
import { parse, sweepGrid } from '../../src/state';
import { theoryPrediction } from '../../src/theory/report';
import { theoryMetric } from '../../src/theory/sweep';
import { contourLines, crossings } from '../../src/ui/sweep/contour';
import { formatValue, logTicks, sweepScale, toScale } from '../../src/ui/sweep/scale';
import { summarise } from '../../src/ui/sweep/summary';
import { sweepPlot, type SweepPlotText } from '../../src/ui/sweep/sweep-plot';
import { chiGrid, metricOfPrediction, theoryExperiments, theoryGrid } from '../../src/ui/sweep/theory-grid';

describe('crossings', () => {
  it('interpolates each crossing linearly and skips gaps', () => {
    expect(crossings([0, 1, 2, 3], [-1, 1, 3, -1], 0)).toEqual([0.5, 2.75]);
    expect(crossings([0, 1, 2], [-1, null, 1], 0)).toEqual([]);
    expect(crossings([0, 1, 2], [0, 1, 2], 0)).toEqual([0]);
    expect(crossings([0, 1, 2], [-1, 0, 1], 0)).toEqual([1]);
  });
});

describe('contourLines', () => {
  it('draws a vertical edge where the value depends on x alone (ReLU: χ = σ_w²/2 whatever σ_b)', () => {
    const xs = [1, 1.2, 1.4, 1.6];
    const ys = [0, 0.5, 1];
    const z = ys.map(() => xs.map((x) => Math.log((x * x) / 2)));
    const lines = contourLines(xs, ys, z, 0);
    const x = lines.x.filter((v): v is number => v !== null);
    expect(x.length).toBe(4); // one segment per grid square the edge passes
    for (const v of x) expect(v).toBeGreaterThan(1.4);
    for (const v of x) expect(v).toBeLessThan(1.42);
    expect(lines.y.filter((v) => v !== null).sort()).toEqual([0, 0.5, 0.5, 1]);
  });

  it('draws nothing across a square with an unknown corner, and two segments across a saddle', () => {
    expect(
      contourLines(
        [0, 1],
        [0, 1],
        [
          [-1, 1],
          [1, null],
        ],
        0,
      ).x,
    ).toEqual([]);
    const saddle = contourLines(
      [0, 1],
      [0, 1],
      [
        [1, -1],
        [-1, 1],
      ],
      0,
    );
    expect(saddle.x.filter((v) => v === null).length).toBe(2);
  });
});

describe('sweepScale', () => {
  it('puts χ on a log scale diverging about 1, at least 0.5..2 wide, with round ticks', () => {
    const narrow = sweepScale('chi', [0.9, 1.1, null]);
    expect(narrow.log).toBe(true);
    expect(10 ** narrow.zmin).toBeCloseTo(0.5);
    expect(10 ** narrow.zmax).toBeCloseTo(2);
    expect(narrow.ticktext).toContain('1');
    const wide = sweepScale('chi', [1e-3, 4]);
    expect(10 ** wide.zmin).toBeCloseTo(1e-3);
    expect(wide.zmax).toBeCloseTo(3);
    expect(toScale(wide, 0)).toBe(wide.zmin);
    expect(toScale(wide, null)).toBeNull();
    expect(toScale(wide, undefined)).toBeNull();
    expect(toScale(wide, 10)).toBeCloseTo(1);
  });

  it('gives dead units and accuracies 0..1, a loss its own range', () => {
    expect(sweepScale('dead', [0.1])).toMatchObject({ log: false, zmin: 0, zmax: 1 });
    expect(sweepScale('accuracy', [0.5]).colorscale).toBe('Viridis');
    const loss = sweepScale('loss', [-0.3, 2.5]);
    expect([loss.zmin, loss.zmax]).toEqual([-0.3, 2.5]);
    expect(loss.tickvals.every((v) => v >= -0.3 && v <= 2.5)).toBe(true);
    expect(sweepScale('loss', [])).toMatchObject({ zmin: 0, zmax: 1 });
  });

  it('ticks and numbers read as round values', () => {
    expect(logTicks(-0.31, 0.31)).toEqual([0.5, 1, 2]);
    expect(logTicks(-3, 3)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    expect(formatValue(1.41421)).toBe('1.41');
    expect(formatValue(1e-7)).toBe('1e-7');
    expect(formatValue(0)).toBe('0');
  });
});

const TEXT: SweepPlotText = {
  xTitle: 'σ_w',
  yTitle: 'σ_b',
  metric: 'χ',
  measured: 'measured',
  theory: 'theory',
  edge: 'edge',
  current: 'current',
  pending: 'not yet',
  undefinedValue: 'undefined',
};

describe('sweepPlot', () => {
  const read = parse('act=relu&loss=probe&depth=6&sx=sw:1:1.6:4&sy=sb:0:1:3');
  const grid = sweepGrid(read.experiment, read.sweep!);
  const chi = grid.cells.map((row) => row.map((e) => theoryMetric(e, 'chi')));

  it('draws the measured heatmap (gaps where not measured), the edge and the ring', () => {
    const measured = grid.cells.map((row, r) => row.map((_, c) => (r === 0 ? 0.5 + c * 0.3 : undefined)));
    const { data, layout } = sweepPlot({
      x: grid.x,
      y: grid.y,
      xLog: false,
      yLog: false,
      metric: 'chi',
      measured,
      theory: chi,
      chi,
      current: { x: 1, y: 0 },
      text: TEXT,
    });
    const [heatmap, edge, ring] = data as unknown as {
      type: string;
      name: string;
      x: (number | null)[];
      y: (number | null)[];
      z?: (number | null)[][];
      text?: string[][];
    }[];
    expect(heatmap.type).toBe('heatmap');
    expect(heatmap.z![0][0]).toBeCloseTo(Math.log10(0.5));
    expect(heatmap.z![1]).toEqual([null, null, null, null]);
    expect(heatmap.text![1][0]).toContain('measured: not yet');
    expect(heatmap.text![0][0]).toContain('theory: 0.5');
    expect(edge.name).toBe('edge');
    for (const x of edge.x.filter((v): v is number => v !== null)) expect(x).toBeCloseTo(Math.SQRT2, 1);
    expect([ring.name, ring.x[0], ring.y[0]]).toEqual(['current', 1, 0]);
    expect((layout.xaxis as { range: number[] }).range).toEqual([0.9, 1.7000000000000002]);
  });

  it('draws a one-axis sweep as lines, with the edge and the current experiment as vertical lines', () => {
    const line = parse('act=relu&loss=probe&depth=6&sx=sw:1:2:5log');
    const g = sweepGrid(line.experiment, line.sweep!);
    const theory = g.cells.map((row) => row.map((e) => theoryMetric(e, 'chi')));
    const { data, layout } = sweepPlot({
      x: g.x,
      y: null,
      xLog: true,
      yLog: false,
      metric: 'chi',
      measured: [[0.5, 0.7, null, undefined, 2]],
      theory,
      chi: theory,
      current: { x: 1, y: null },
      text: TEXT,
    });
    expect((data[0] as { y: unknown[] }).y).toEqual([0.5, 0.7, null, null, 2]);
    const shapes = layout.shapes as { x0: number }[];
    expect(shapes[0].x0).toBeCloseTo(Math.SQRT2, 2);
    expect(shapes[1].x0).toBe(1);
    expect((layout.xaxis as { type: string }).type).toBe('log');
  });
});

describe('summarise', () => {
  it('gives the range and where measured and theory cross 1 along x', () => {
    const s = summarise(
      [1, 1.2, 1.4, 1.6],
      [
        [0.5, 0.8, 1.2, 1.5],
        [0.5, 0.7, 0.9, 1.3],
        [undefined, undefined, undefined, undefined],
      ],
      [[0.5, 0.72, 0.98, 1.28]],
      true,
    );
    expect(s.count).toBe(8);
    expect([s.min, s.max]).toEqual([0.5, 1.5]);
    expect(s.measuredCrossing![0]).toBeGreaterThan(1.2);
    expect(s.measuredCrossing![1]).toBeGreaterThan(1.4);
    expect(s.theoryCrossing![0]).toBeCloseTo(Math.SQRT2, 1);
    expect(summarise([1], [[undefined]], null, true)).toMatchObject({
      count: 0,
      min: null,
      measuredCrossing: null,
    });
  });
});

describe('the theory per cell from the Worker’s predictions', () => {
  it('equals theoryMetric for χ and the variance, and is null for trained cells and other metrics', () => {
    for (const query of [
      'act=elu&depth=8&sx=sw:0.5:2.5:3&sy=sb:0:1:2',
      'act=selu&depth=5&sx=sw:0.8:1.2:3',
      'act=relu&depth=1&sx=sw:1:2:2',
      'act=elu&depth=4&steps=3&sx=sw:1:2:2&metric=var',
    ]) {
      const read = parse(query);
      const grid = sweepGrid(read.experiment, read.sweep!);
      const predictions = theoryExperiments(grid).map(theoryPrediction);
      for (const metric of ['chi', 'var', 'dead'] as const) {
        const expected = grid.cells.map((row) => row.map((e) => theoryMetric(e, metric)));
        const got = theoryGrid(grid, predictions, metric);
        got.flat().forEach((v, i) => {
          const want = expected.flat()[i];
          if (want === null) expect(v, `${query} ${metric}`).toBeNull();
          else expect(v!, `${query} ${metric}`).toBeCloseTo(want, 12);
        });
      }
      // The edge is χ at initialization, trained or not.
      const edge = chiGrid(grid, predictions);
      const atInit = theoryExperiments(grid).map((e) => theoryMetric(e, 'chi'));
      edge.flat().forEach((v, i) => expect(v).toBe(atInit[i]));
    }
    const prediction = theoryPrediction(parse('depth=3').experiment);
    expect(metricOfPrediction(prediction, { steps: 0 }, 'loss')).toBeNull();
  });
});
