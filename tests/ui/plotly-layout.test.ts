/**
 * Log axes stay readable: when a log-scale chart spans less than 3 decades, plotly would label every digit
 * (1, 2, 3, … 9, crowded on a projector), so the layout asks for 1, 2 and 5 only; wider ranges keep plotly's
 * own choice (a label per decade). A chart whose values are all zero, and a chart of counts, starts its axis at
 * 0 (plotly would draw an all-zero series in −1…1).
 */
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/ui/charts/figures';
import {
  logDecades,
  startsAtZero,
  toPlotlyData,
  toPlotlyImageFigure,
  toPlotlyLayout,
} from '../../src/ui/charts/plotly';

const line = (y: (number | null)[]) => ({
  name: 's',
  x: y.map((_, i) => i + 1),
  y,
  kind: 'line' as const,
  color: '#000',
});
const figure = (yLog: boolean, ...ys: (number | null)[][]): Figure => ({
  id: 'f',
  title: 'T',
  xTitle: 'layer',
  yLog,
  series: ys.map(line),
});

describe('log axis labels', () => {
  it('counts the decades of positive finite values only', () => {
    expect(logDecades(figure(true, [0.1, 0.2, null, -1, 0], [10]))).toBeCloseTo(2, 12);
    expect(logDecades(figure(true, [NaN, Infinity]))).toBe(0);
  });

  it('labels 1, 2, 5 on a narrow log range and leaves wider or linear ranges to plotly', () => {
    const yaxis = (f: Figure) => toPlotlyLayout(f).yaxis as { dtick?: unknown };
    expect(yaxis(figure(true, [0.14, 0.5, 1.05])).dtick).toBe('D2'); // 0.88 decades
    expect(yaxis(figure(true, [0.019, 0.5, 1])).dtick).toBe('D2'); // 1.7 decades: the default variance panel
    expect(yaxis(figure(true, [1e-3, 1, 10])).dtick).toBeUndefined(); // 4 decades
    expect(yaxis(figure(false, [0.14, 0.5, 1.05])).dtick).toBeUndefined();
  });
});

describe('a figure with a lower panel (the signal chart: mean above, variance below)', () => {
  const stacked: Figure = {
    ...figure(false, [0.1, -0.2, 0.3]),
    lower: { yTitle: 'variance', yLog: true },
    series: [line([0.1, -0.2, 0.3]), { ...line([0.02, 0.5, 1]), axis: 'lower' }],
  };

  it('draws one plot, taller, with two y axes stacked on one layer axis under the lower one', () => {
    const single = toPlotlyLayout(figure(false, [1, 2]));
    const layout = toPlotlyLayout(stacked) as Record<
      string,
      { domain?: number[]; anchor?: string; type?: string }
    >;
    expect(layout.height).toBeGreaterThan(single.height as number);
    const [upper, lower] = [layout.yaxis.domain!, layout.yaxis3.domain!];
    expect(lower[0]).toBe(0);
    expect(upper[1]).toBe(1);
    expect(lower[1]).toBeLessThan(upper[0]); // a gap between the panels, no overlap
    expect(layout.xaxis.anchor).toBe('y3');
    expect(layout.yaxis3).toMatchObject({ anchor: 'x', type: 'log' });
    expect(layout.yaxis.type).toBe('linear');
    expect(toPlotlyData(stacked).map((d) => (d as { yaxis?: string }).yaxis)).toEqual([undefined, 'y3']);
  });

  it('counts each panel’s decades on its own axis', () => {
    expect(logDecades(stacked, 'lower')).toBeCloseTo(Math.log10(50), 12);
    expect((toPlotlyLayout(stacked).yaxis3 as { dtick?: unknown }).dtick).toBe('D2');
    expect(single().yaxis3).toBeUndefined();
  });
});

function single() {
  return toPlotlyLayout(figure(false, [1, 2])) as Record<string, unknown>;
}

describe('an axis whose values are all zero starts at 0', () => {
  type Axis = { rangemode?: string; type?: string };
  const axes = (f: Figure) => toPlotlyLayout(f) as Record<'yaxis' | 'yaxis2' | 'yaxis3', Axis>;
  const bars = (...ys: (number | null)[][]): Figure => ({
    ...figure(false),
    series: ys.map((y) => ({ ...line(y), kind: 'bar' as const })),
  });

  it('pins the dead-units bars of an ELU network (every count 0) at 0, and keeps counts from 0', () => {
    const dead = bars([0, 0, 0, 0], [0, 0, null, 0]);
    expect(startsAtZero(dead)).toBe(true);
    expect(axes(dead).yaxis.rangemode).toBe('tozero'); // plotly: [0, 1], not [−1, 1]
    // Counts that are not all zero still start at 0, also with the non-zero series hidden on the page.
    expect(axes(bars([0, 0, 0], [3, 1, 0])).yaxis.rangemode).toBe('tozero');
    // Bars below zero keep plotly's own range.
    expect(axes(bars([0.5, -0.2])).yaxis.rangemode).toBeUndefined();
  });

  it('pins an all-zero line chart at 0 and leaves other lines to plotly', () => {
    expect(axes(figure(false, [0, 0, 0], [0, null, NaN])).yaxis.rangemode).toBe('tozero');
    expect(axes(figure(false, [0.5, 0.6, 0.7])).yaxis.rangemode).toBeUndefined(); // a loss curve, not from 0
    expect(axes(figure(false, [0, 0.1])).yaxis.rangemode).toBeUndefined();
    expect(axes(figure(false, [null, null])).yaxis.rangemode).toBeUndefined(); // nothing to range over
  });

  it('looks at each panel and axis on its own', () => {
    const stacked: Figure = {
      ...figure(false),
      lower: { yTitle: 'lower' },
      series: [line([0.1, -0.2]), { ...line([0, 0]), axis: 'lower' }, { ...line([5, 6]), axis: 'y2' }],
      y2Title: 'right',
    };
    expect(axes(stacked).yaxis.rangemode).toBeUndefined();
    expect(axes(stacked).yaxis3.rangemode).toBe('tozero');
    expect(axes(stacked).yaxis2.rangemode).toBe('tozero'); // the right-hand axis (dead units in total) always
    // A log axis has no zero: left to plotly.
    expect(axes({ ...stacked, lower: { yTitle: 'lower', yLog: true } }).yaxis3.rangemode).toBeUndefined();
  });

  it('counts a heatmap’s and arrows’ positions on the upper axis', () => {
    const withHeatmap: Figure = {
      ...figure(false, [0, 0]),
      heatmap: { x: [0, 1], y: [0, 1, 2], z: [[1, 2]], zTitle: 'z' },
    };
    expect(startsAtZero(withHeatmap)).toBe(false);
  });

  it('keeps the range mode in a saved image, where the user’s zoom still wins', () => {
    const image = toPlotlyImageFigure(bars([0, 0]), new Set(), { yaxis: [-2, 3] });
    expect(image.layout.yaxis).toMatchObject({ rangemode: 'tozero', range: [-2, 3], autorange: false });
  });
});
